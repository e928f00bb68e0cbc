"""The search step alone, on a site already built: a clean sharded index, a rebuild with
nothing changed, a rebuild after one article is edited and after one is added, and the
bytes of a first search.

    .venv/bin/python bench/search_shards.py SITE_DIR [--query "giải ngân"] [--max-pages N]

It works on a copy of SITE_DIR made of hard links (the site is not changed) and a cache
folder of its own, calling ``toasoan.search_shards.build_search_index`` as the build does
(``hooks/toasoan_mkdocs/output.py``). The edit changes one word in the body of an article
of the archive's middle year; the addition copies the newest article to a new address
with a new title. Both are made on the built HTML, which is what the search step reads:
the rest of the build is not run. Times are wall and CPU; the peak is the largest resident
memory of one Pagefind run (``os.wait4``), and of this Python process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO / "bench"))

from toasoan import search_shards  # noqa: E402


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def index(site: Path, cache: Path, max_pages: int, label: str) -> dict:
    """One run of the search step on ``site``; its report as a dict."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    load = os.getloadavg()[0]
    cpu_self, cpu_children, started = _cpu_self(), _cpu_children(), time.perf_counter()
    report = search_shards.build_search_index(site, cache, max_pages=max_pages,
                                              progress=lambda line: print(f"   {line}"))
    wall = time.perf_counter() - started
    result = {
        "run": label, "wall_s": round(wall, 2),
        "cpu_s": round(_cpu_self() - cpu_self + _cpu_children() - cpu_children, 2),
        "scan_s": round(report.scan_seconds, 2),
        "shards": len(report.shards), "indexed_shards": [r.shard.path for r in report.indexed],
        "indexed_pages": report.indexed_pages, "pages": report.pages,
        "largest_shard": max((len(r.shard.pages) for r in report.shards), default=0),
        "pagefind_cpu_s": round(report.cpu_seconds, 2),
        "pagefind_peak_mb": round(report.peak_rss_mb, 1),
        "python_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
    }
    shown = {k: v for k, v in result.items() if k != "indexed_shards"}
    print(f"== {label}: {json.dumps(shown, ensure_ascii=False)}")
    if len(result["indexed_shards"]) <= 5:
        print(f"   indexed: {result['indexed_shards']}")
    return result


def _replace(path: Path, text: str) -> None:
    """Write ``path`` as a new file (the copy's hard link to the site is left alone)."""
    path.unlink()
    path.write_text(text, encoding="utf-8")


_SORT = re.compile(r'(data-pagefind-sort="date\[content\]" content=")([^"]+)(")')


def _articles(site: Path, lang: str = "vi") -> list[tuple[str, Path]]:
    found = []
    for page in site.rglob("index.html"):
        if "pagefind" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        match = _SORT.search(text)
        if match and f'<html lang="{lang}"' in text[:500]:
            found.append((match.group(2), page))
    return sorted(found)


def edit_one(site: Path) -> str:
    """Change one word of the body of the article in the middle of the archive."""
    articles = _articles(site)
    _, page = articles[len(articles) // 2]
    text = page.read_text(encoding="utf-8")
    body = text.index("data-pagefind-body")
    paragraph = text.index("<p>", body)
    _replace(page, text[:paragraph + 3] + "Đính chính: " + text[paragraph + 3:])
    return page.relative_to(site).as_posix()


def add_one(site: Path) -> str:
    """A new article: the newest one copied to a new address, one second later, its
    heading marked so that its search record differs."""
    date, page = _articles(site)[-1]
    text = page.read_text(encoding="utf-8")
    later = date[:-3] + f"{(int(date[-3:-1]) + 1) % 60:02d}Z"
    text = _SORT.sub(lambda m: m.group(1) + later + m.group(3), text, count=1)
    text = text.replace("<h1", "<h1 data-bench-added", 1)
    target = page.parent.with_name(page.parent.name + "-bench-added") / "index.html"
    target.parent.mkdir()
    target.write_text(text, encoding="utf-8")
    return target.relative_to(site).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="giải ngân")
    parser.add_argument("--max-pages", type=int, default=search_shards.MAX_SHARD_PAGES)
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--script-from-checkout", action="store_true",
                        help="use this checkout's overrides/assets/js/search.js (for a site "
                             "built before the search page's script changed)")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="toasoan-search-bench-",
                                              dir=args.site.parent))
    site, cache = work / "site", work / "cache"
    try:
        print(f"== copying {args.site} (hard links)")
        shutil.copytree(args.site, site, copy_function=os.link, symlinks=True,
                        ignore=shutil.ignore_patterns("pagefind"))
        if args.script_from_checkout:
            script = site / "assets/js/search.js"
            script.unlink()
            shutil.copyfile(REPO / "overrides/assets/js/search.js", script)
        results = [index(site, cache, args.max_pages, "clean")]
        results.append(index(site, cache, args.max_pages, "unchanged"))
        edited = edit_one(site)
        results.append(index(site, cache, args.max_pages, f"edit {edited}"))
        added = add_one(site)
        results.append(index(site, cache, args.max_pages, f"add {added}"))
        import first_search

        first = first_search.measure(site, args.query)
        print(f"== first search: {json.dumps(first, ensure_ascii=False)}")
        data = {"site": str(args.site), "max_pages": args.max_pages, "runs": results,
                "first_search": first}
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
