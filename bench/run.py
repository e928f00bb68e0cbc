"""Benchmark the site build against the bare stack, on the same generated corpus.

For each size (articles per language, see bench/corpus.py), in the same run:

  (a) project   this repository's mkdocs.yml, hooks and overrides;
  (b) baseline  the same Markdown with plain Material + mkdocs-static-i18n, an
                index-only nav, articles not_in_nav, none of our hooks: the floor
                of the stack.

Each build runs in its own process; its wall time, CPU time (user + system) and
peak RSS come from that process's resource usage (os.wait4, the per-child form of
getrusage(RUSAGE_CHILDREN)). Pages (HTML files) and bytes written are counted in
its output folder. The ratio a/b, the cost per article, the growth of that cost
between sizes and the weight of one article page (HTML + CSS + JS, no photos)
are printed and written to bench/results/ as Markdown and JSON.

After the clean builds, the project is rebuilt three times with the build cache the
clean build left (incremental builds, the default): nothing changed, one article's
body edited, one article added. Each is measured as above.

    .venv/bin/python bench/run.py                  # sizes 500 and 2000
    .venv/bin/python bench/run.py --sizes 10000    # on request
    .venv/bin/python bench/run.py --sizes 500 --profile   # + cProfile of the project build
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, stdlib only)

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
# The same fixed "now" as the test suite: 2026-11-27 12:00 in Hà Nội.
SOURCE_DATE_EPOCH = "1795755600"

INDEXED = re.compile(r"Pagefind indexed (\d+) pages in ([\d.]+) s")
# hooks/toasoan_mkdocs/output.py: "...; 3 of 18 shards indexed, 15 reused; Pagefind peak 95 MB)"
SHARDS = re.compile(r"(\d+) of (\d+) shards indexed, (\d+) reused; Pagefind peak (\d+) MB")

BASELINE_YML = """\
# The floor of the stack: Material + mkdocs-static-i18n, no hooks of ours.
site_name: Báo Sông Lam
site_url: https://baosonglam.example.org/
theme:
  name: material
  language: vi
  font: false
  features: []
nav:
  - index.md
  - about.md
not_in_nav: |
  /news/
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      reconfigure_material: true
      reconfigure_search: false
      languages:
        - {locale: vi, name: Tiếng Việt, default: true, build: true}
        - {locale: en, name: English, build: true, site_name: Song Lam News}
markdown_extensions:
  - toc
  - attr_list
  - md_in_html
  - pymdownx.blocks.caption
"""
BASELINE_HOME = {
    "index.vi.md": "# Báo Sông Lam\n\nTrang chủ.\n",
    "index.en.md": "# Song Lam News\n\nHome page.\n",
}


@dataclass
class Build:
    """What one build cost and wrote."""

    name: str
    ok: bool
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    pages: int
    files: int
    bytes_written: int
    warnings: int
    load_before: float = 0.0  # 1-minute load average: other work on the machine skews wall time
    load_after: float = 0.0
    failed_runs: int = 0  # of the --repeat builds of this kind at this size
    article_page: dict = field(default_factory=dict)
    search: dict = field(default_factory=dict)


@dataclass
class SizeResult:
    size: int
    articles: dict
    project: Build
    baseline: Build
    incremental: list[Build] = field(default_factory=list)  # with the clean build's cache

    @property
    def article_count(self) -> int:
        return self.articles["vi"] + self.articles["en"]

    def ratio(self, metric: str) -> float:
        return getattr(self.project, metric) / max(getattr(self.baseline, metric), 1e-9)

    def per_article_ms(self, build: Build, metric: str = "wall_s") -> float:
        return getattr(build, metric) * 1000 / self.article_count


def _env() -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("TOASOAN_PREVIEW", None)
    # The news logic of THIS checkout, even if another one is installed in the venv.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "hooks"),
                                                       env.get("PYTHONPATH")]))
    return env


def prepare(size: int, work: Path, seed: int) -> tuple[Path, Path, dict]:
    """Write the corpus once; return the project's and the baseline's mkdocs.yml."""
    project = work / "project"
    counts = corpus.write_corpus(size, project, seed)
    docs = project / "docs"
    shutil.copy(REPO / "mkdocs.yml", project / "base.yml")
    for folder in ("hooks", "overrides"):
        link = project / folder
        if not link.exists():
            link.symlink_to(REPO / folder, target_is_directory=True)
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")

    baseline = work / "baseline"
    if baseline.exists():
        shutil.rmtree(baseline)
    # Hard links: the same bytes, without copying the corpus.
    shutil.copytree(docs, baseline / "docs", copy_function=os.link)
    for name, text in BASELINE_HOME.items():
        (baseline / "docs" / name).write_text(text, encoding="utf-8")
    (baseline / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    return project / "mkdocs.yml", baseline / "mkdocs.yml", counts


def build(name: str, config: Path, site: Path, python_args: tuple[str, ...] = ()) -> Build:
    """Run one ``mkdocs build`` in its own process and measure it."""
    if site.exists():
        shutil.rmtree(site)
    log = site.parent / f"{site.name}.log"
    cmd = [sys.executable, *python_args, "-m", "mkdocs", "build", "-f", str(config),
           "-d", str(site)]
    load_before = os.getloadavg()[0]
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
                                env=_env())
        # wait4 gives this child's own usage; RUSAGE_CHILDREN would mix the builds.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    files = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    result = Build(
        name=name,
        ok=proc.returncode == 0,
        wall_s=round(wall, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        pages=sum(1 for p in files if p.suffix == ".html"),
        files=len(files),
        bytes_written=sum(p.stat().st_size for p in files),
        warnings=sum(1 for line in text.splitlines() if line.startswith("WARNING")),
        load_before=round(load_before, 2),
        load_after=round(os.getloadavg()[0], 2),
    )
    if not result.ok:
        print(f"  {name} build FAILED (exit {proc.returncode}); log: {log}", file=sys.stderr)
        print("\n".join(text.splitlines()[-15:]), file=sys.stderr)
    return result


class _Assets(HTMLParser):
    """Stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.urls.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"])


def page_weight(site: Path, page_url: str) -> dict:
    """Bytes of one page's HTML and of the local CSS/JS it loads (photos excluded)."""
    html_file = site / page_url / "index.html"
    if not html_file.is_file():
        return {}
    parser = _Assets()
    parser.feed(html_file.read_text(encoding="utf-8"))
    weight = {"page": "/" + page_url, "html": html_file.stat().st_size, "css": 0, "js": 0,
              "external": []}
    counted: set[Path] = set()
    for url in parser.urls:
        resolved = urlsplit(urljoin("/" + page_url, url))
        if resolved.scheme or resolved.netloc:
            weight["external"].append(url)
            continue
        target = site / resolved.path.lstrip("/")
        if target.is_file() and target not in counted:  # a file loaded twice is fetched once
            counted.add(target)
            kind = "css" if target.suffix == ".css" else "js"
            weight[kind] += target.stat().st_size
    weight["total"] = weight["html"] + weight["css"] + weight["js"]
    return weight


def search_weight(site: Path, log: Path) -> dict:
    """Size of the Pagefind index and its indexing time, if the build made one (issue 6)."""
    folders = [p for p in site.rglob("pagefind") if p.is_dir()]
    if not folders:
        return {}
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file()]
    found: dict = {"folders": [f.relative_to(site).as_posix() for f in folders],
                   "files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    # hooks/toasoan_mkdocs/output.py logs "search: Pagefind indexed N pages in S s (...)".
    text = log.read_text(encoding="utf-8", errors="replace")
    indexed = INDEXED.search(text)
    if indexed:
        found["indexed_pages"], found["index_s"] = int(indexed[1]), float(indexed[2])
    shards = SHARDS.search(text)
    if shards:
        found["shards"], found["shards_indexed"] = int(shards[2]), int(shards[1])
        found["pagefind_peak_mb"] = int(shards[4])
    return found


def sample_article(docs: Path) -> str:
    """Site URL of the first bundle that has both languages (deterministic)."""
    for index in sorted(docs.glob("news/*/*/index.vi.md")):
        if (index.parent / "index.en.md").exists():
            return index.parent.relative_to(docs).as_posix() + "/"
    raise SystemExit("corpus has no paired article")


def run_size(size: int, work: Path, seed: int, profile: bool, repeat: int = 1,
             search_query: str | None = None) -> SizeResult:
    print(f"== {size} articles per language: writing the corpus in {work}")
    project_yml, baseline_yml, counts = prepare(size, work, seed)
    print(f"   {counts['vi']} vi + {counts['en']} en articles in {counts['bundles']} bundles, "
          f"{counts['photos']} photos")
    runs: dict[str, list[Build]] = {"project": [], "baseline": []}
    for attempt in range(repeat):
        # Alternate the builds so that a slow moment of the machine hits both.
        for name, config in (("project", project_yml), ("baseline", baseline_yml)):
            print(f"   building {name} ({attempt + 1}/{repeat}) ...", flush=True)
            shutil.rmtree(config.parent / ".cache", ignore_errors=True)  # a clean build
            runs[name].append(build(name, config, work / f"site-{name}"))
    # The fastest successful run of each: the least disturbed by other work on the machine.
    project, baseline = (min(runs[name], key=lambda b: (not b.ok, b.wall_s))
                         for name in ("project", "baseline"))
    for chosen, name in ((project, "project"), (baseline, "baseline")):
        chosen.failed_runs = sum(1 for b in runs[name] if not b.ok)
    article = sample_article(work / "project" / "docs")
    for result, site in ((project, work / "site-project"), (baseline, work / "site-baseline")):
        result.article_page = page_weight(site, article)
        result.search = search_weight(site, site.parent / f"{site.name}.log")
    if search_query and project.search:
        import first_search

        try:
            project.search["first_search"] = first_search.measure(work / "site-project",
                                                                  search_query)
        except Exception as exc:  # no browser here: the build figures still stand
            project.search["first_search"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    incremental = incremental_builds(project_yml, work) if project.ok else []
    if profile:
        profile_build(project_yml, work)
    return SizeResult(size, counts, project, baseline, incremental)


def incremental_builds(config: Path, work: Path) -> list[Build]:
    """Rebuilds with the cache the last clean project build left: unchanged, one article's
    body edited (an article in the middle of the archive), one article added (the newest)."""
    docs = config.parent / "docs"
    builds = []
    print("   rebuilding with the cache: unchanged ...", flush=True)
    builds.append(build("rebuild, nothing changed", config, work / "site-incremental"))
    found = sorted(docs.glob("news/*/*/index.vi.md"))
    article = found[len(found) // 2]
    text = article.read_text("utf-8")
    body_start = text.index("\n---", 3) + 4
    article.write_text(text[:body_start] + "\n\nMột câu được thêm khi sửa bài.\n"
                       + text[body_start:], "utf-8")
    print("   rebuilding with the cache: one body edited ...", flush=True)
    builds.append(build("rebuild, one body edited", config, work / "site-incremental"))
    bundle = found[-1].parent.parent / "bai-moi-cua-bench"
    bundle.mkdir(exist_ok=True)
    (bundle / "index.vi.md").write_text(
        '---\ntitle: "Bài mới của bench"\ndate: 2026-11-26 08:00\nauthor: Ban Biên tập\n'
        "language: vi\ncategories: [Thời sự]\n---\n\nNội dung bài mới.\n", "utf-8")
    print("   rebuilding with the cache: one article added ...", flush=True)
    builds.append(build("rebuild, one article added", config, work / "site-incremental"))
    return builds


def profile_build(config: Path, work: Path) -> None:
    """cProfile the project build; print what dominates."""
    import pstats

    stats_file = work / "project.prof"
    site = work / "site-profile"
    build("profile", config, site, ("-m", "cProfile", "-o", str(stats_file)))
    print(f"\n   cProfile of the project build ({stats_file}), by own time:")
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("tottime").print_stats(20)
    print("   by cumulative time:")
    stats.sort_stats("cumulative").print_stats(35)


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 ** 2, 1),
            "os": platform.platform(), "python": platform.python_version()}


def _table(results: list[SizeResult]) -> list[str]:
    lines = ["| size/lang | build | ok | wall s | CPU s | peak RSS MB | pages | MB written "
             "| wall ms/article | CPU ms/article | warnings | load avg before/after |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        for b in (r.project, r.baseline, *r.incremental):
            lines.append(f"| {r.size} | {b.name} | {'yes' if b.ok else 'NO'} | {b.wall_s:.2f} "
                         f"| {b.cpu_s:.2f} | {b.peak_rss_mb:.0f} | {b.pages} "
                         f"| {b.bytes_written / 1e6:.1f} | {r.per_article_ms(b):.2f} "
                         f"| {r.per_article_ms(b, 'cpu_s'):.2f} | {b.warnings} "
                         f"| {b.load_before:.1f} / {b.load_after:.1f} |")
    return lines


def report(results: list[SizeResult], when: dt.datetime, seed: int) -> tuple[str, dict]:
    lines = [f"# Benchmark {when:%Y-%m-%d %H:%M} UTC", ""]
    info = machine()
    lines.append(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, "
                 f"{info['os']}, Python {info['python']}. Corpus seed {seed}.")
    lines += ["", *_table(results), ""]
    for r in results:
        lines.append(f"- {r.size}/lang ({r.article_count} articles): ratio project/baseline "
                     f"wall {r.ratio('wall_s'):.2f}, CPU {r.ratio('cpu_s'):.2f}, "
                     f"pages {r.project.pages}/{r.baseline.pages}")
        for b in (r.project, r.baseline):
            if b.failed_runs:
                lines.append(f"- {r.size}/lang: {b.failed_runs} {b.name} build(s) FAILED "
                             "(see the build logs kept with --keep)")
    if len(results) > 1:
        small, large = results[0], results[-1]
        for metric, label in (("wall_s", "wall"), ("cpu_s", "CPU")):
            growth = (large.per_article_ms(large.project, metric)
                      / small.per_article_ms(small.project, metric))
            base_growth = (large.per_article_ms(large.baseline, metric)
                           / small.per_article_ms(small.baseline, metric))
            lines.append(f"- growth of the {label} cost per article from {small.size} to "
                         f"{large.size}/lang: project {growth:.2f}x, baseline {base_growth:.2f}x "
                         "(linear = 1.0)")
    weight = results[-1].project.article_page
    base_weight = results[-1].baseline.article_page
    for label, w in (("project", weight), ("baseline", base_weight)):
        if w:
            lines.append(f"- article page weight, {label} ({w['page']}): {w['total'] / 1024:.1f} KB "
                         f"(HTML {w['html'] / 1024:.1f} KB, CSS {w['css'] / 1024:.1f} KB, "
                         f"JS {w['js'] / 1024:.1f} KB){'; external: ' if w['external'] else ''}"
                         f"{', '.join(w['external'])}")
    for r in results:
        search = r.project.search
        if not search:
            lines.append(f"- {r.size}/lang: no search index in this build")
            continue
        line = (f"- {r.size}/lang: Pagefind index {search['files']} files, "
                f"{search['bytes'] / 1e6:.1f} MB")
        if "index_s" in search:
            line += f", {search['indexed_pages']} pages indexed in {search['index_s']:.1f} s"
        if "shards" in search:
            line += (f" ({search['shards']} shards, largest Pagefind run "
                     f"{search['pagefind_peak_mb']} MB)")
        first = search.get("first_search")
        if first and "bytes" in first:
            parts = ", ".join(f"{kind} {size / 1024:.0f}" for kind, size
                              in sorted(first["by_kind"].items(), key=lambda kv: -kv[1]))
            line += (f"; first search for \"{first['query']}\" on {first['page']}: "
                     f"{first['requests']} requests, {first['bytes'] / 1024:.0f} KB ({parts} KB; "
                     f"{first['bytes_compressed'] / 1024:.0f} KB with text gzip'd), "
                     f"shards {', '.join(first['shards'])}, "
                     f"{first['results_shown']} results shown")
        elif first:
            line += f"; first search not measured: {first.get('error')}"
        lines.append(line)
    data = {"date": when.isoformat(timespec="seconds"), "machine": info, "seed": seed,
            "sizes": [{"size": r.size, "articles": r.articles, "project": asdict(r.project),
                       "baseline": asdict(r.baseline),
                       "incremental": [asdict(b) for b in r.incremental],
                       "ratio_wall": round(r.ratio("wall_s"), 3),
                       "ratio_cpu": round(r.ratio("cpu_s"), 3)} for r in results]}
    return "\n".join(lines) + "\n", data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000],
                        help="articles per language (default: 500 2000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the sites")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile the project build at each size")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write results")
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per size, alternating project and baseline; the fastest "
                             "of each is reported (default 1)")
    parser.add_argument("--search-query", default="giải ngân",
                        help="measure the bytes of a first search for this query in Chromium "
                             "(needs Playwright and /usr/bin/chromium); '' to skip")
    args = parser.parse_args(argv)

    when = dt.datetime.now(dt.UTC)
    work_root = args.work or Path(tempfile.mkdtemp(prefix="toasoan-bench-"))
    results = []
    try:
        for size in sorted(args.sizes):
            results.append(run_size(size, work_root / f"size-{size}", args.seed, args.profile,
                                    max(args.repeat, 1), args.search_query or None))
            print("\n".join(_table(results[-1:])), flush=True)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work_root, ignore_errors=True)
    text, data = report(results, when, args.seed)
    print("\n" + text)
    args.results.mkdir(parents=True, exist_ok=True)
    stem = f"{when:%Y-%m-%d-%H%M}-" + "-".join(str(s) for s in sorted(args.sizes))
    (args.results / f"{stem}.md").write_text(text, encoding="utf-8")
    (args.results / f"{stem}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False)
                                               + "\n", encoding="utf-8")
    print(f"written: {args.results / stem}.md and .json")
    return 0 if all(r.project.ok and r.baseline.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
