"""Search at archive size: the Pagefind index in shards by language and period.

One Pagefind run over a whole archive holds every article in memory (~215 KB each:
4.2 GB at 10,000 per language) and redoes everything on every build. Here the article
pages are planned into **shards** (:func:`plan_shards`): per language, calendar periods
of at most ``max_pages`` articles (years, packed together while small; halves,
quarters or months of a large year). Each shard is an independent
Pagefind bundle written by its own Pagefind run over only its pages (a temporary folder
of links), at most ``jobs`` runs at a time: memory is bounded by the largest shard, not
by the archive.

A shard is re-indexed only when what Pagefind reads on one of its pages changed
(:func:`read_page` fingerprints the indexed element without the parts Pagefind is told
to skip, the ``data-pagefind-*`` tags and the language; a "related news" list that
changed elsewhere does not count). With a cache folder, the previous bundle of a shard
whose fingerprint is unchanged is reused (copied: the site shares no file with the cache);
an entry whose file list is damaged, or one of whose files changed size or modification
time since it was stored, is ignored and rebuilt.

Layout of ``pagefind/`` (the browser side is ``overrides/assets/js/search.js``)::

    pagefind.js, pagefind-worker.js, wasm.*.pagefind   Pagefind's loader and WebAssembly, once
    pagefind-entry.json                               an empty index per language (Pagefind's
    pagefind.<lang>_<hash>.pf_meta                    "primary", which loads the WebAssembly),
                                                      and under "toasoan" the shards of each
                                                      language, newest first, and the filter
                                                      values with their counts
    <lang>/<period>/                                  one shard: Pagefind's entry, meta, index,
                                                      fragment and filter files

The search page merges the newest shards first (Pagefind's ``mergeIndex``) and goes back
in time only as far as the reader's results need: a first search fetches the newest
shard, not the archive. The root entry is written last: a site being published shows
the previous shard list until every shard it names is in place.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import folders, search, search_index

# Bump when the layout, the fingerprint or the planning changes: older cache entries
# then no longer match and are rebuilt.
FORMAT = 1
# Articles per shard before a year is split by month, and a month into parts. Chosen
# by measuring (bench/README.md, "Search at archive size").
MAX_SHARD_PAGES = 1000
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"
# Pagefind's files that every shard shares, kept once at the top of the bundle.
LOADER_FILES = ("pagefind.js", "pagefind-worker.js")
# What a shard keeps of a Pagefind run (the rest, Pagefind's UI kits, is not used).
SHARD_FILES = (ENTRY, "pagefind.*.pf_meta", "index/*", "fragment/*", "filter/*")

_BODY = "data-pagefind-body"
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_PAGEFIND_TAG = re.compile(r"<[a-zA-Z][^>]*?\sdata-pagefind-[^>]*>")
_SORT_DATE = re.compile(r"""data-pagefind-sort=["']date\[content\]["']""")
_CONTENT = re.compile(r"""\scontent\s*=\s*["']([^"']*)""")
_MONTH = re.compile(r"^\d{4}-\d{2}")


class SearchIndexError(RuntimeError):
    """Pagefind failed on a shard, or its output was not what this module expects."""


@dataclass(frozen=True)
class PageRecord:
    """One page Pagefind indexes, as far as shards are concerned."""

    path: str  # site-relative HTML file: "news/2026/x/index.html"
    lang: str  # its <html lang>, lower case
    date: str  # its date sort key, "2026-03-14T01:30:00Z" (UTC); "" when it has none
    fingerprint: str  # of everything Pagefind reads on the page


@dataclass(frozen=True)
class Shard:
    """The pages of one language and period, indexed by one Pagefind run."""

    lang: str
    period: str  # "2026", "2026-11", "2026-11-part2", "undated"
    pages: tuple[PageRecord, ...]  # oldest first

    @property
    def path(self) -> str:
        """Its folder inside the bundle: "vi/2026-11"."""
        return f"{self.lang}/{self.period}"

    def fingerprint(self, salt: str) -> str:
        """Changes when a page is added, removed or changed, or when ``salt`` does."""
        digest = hashlib.sha256(f"{salt}\n{self.path}\n".encode())
        for page in sorted(self.pages, key=lambda p: p.path):
            digest.update(f"{page.path}\t{page.fingerprint}\n".encode())
        return digest.hexdigest()


@dataclass
class ShardResult:
    shard: Shard
    reused: bool
    seconds: float = 0.0  # wall time of its Pagefind run
    cpu_seconds: float = 0.0  # user + system time of its Pagefind run
    peak_rss_mb: float = 0.0


@dataclass
class SearchIndexReport:
    """What :func:`build_search_index` did, for the build log and the benchmark."""

    pages: dict[str, int] = field(default_factory=dict)  # per language
    shards: list[ShardResult] = field(default_factory=list)
    scan_seconds: float = 0.0
    seconds: float = 0.0  # the whole step, wall time

    @property
    def indexed(self) -> list[ShardResult]:
        return [r for r in self.shards if not r.reused]

    @property
    def indexed_pages(self) -> int:
        return sum(len(r.shard.pages) for r in self.indexed)

    @property
    def reused(self) -> list[ShardResult]:
        return [r for r in self.shards if r.reused]

    @property
    def cpu_seconds(self) -> float:
        """CPU time of the Pagefind runs."""
        return sum(r.cpu_seconds for r in self.indexed)

    @property
    def peak_rss_mb(self) -> float:
        """The largest resident memory of one Pagefind run (0 when nothing was indexed)."""
        return max((r.peak_rss_mb for r in self.indexed), default=0.0)


# ---------------------------------------------------------------- reading pages

def read_page(html: str, path: str) -> PageRecord | None:
    """The search record of a built page, or None when Pagefind does not index it.

    The fingerprint covers the page's address and language, every tag carrying a
    ``data-pagefind-*`` attribute (metadata, filters, sort keys) and the indexed element
    without the parts Pagefind leaves out (:data:`toasoan.search.EXCLUDED_FROM_INDEX`).
    """
    start = html.find(_BODY)
    if start < 0:
        return None
    lang_match = _LANG.search(html, 0, max(start, 4096))
    lang = lang_match.group(1).lower() if lang_match else "unknown"
    date = ""
    digest = hashlib.sha256(f"{path}\n{lang}\n".encode())
    for tag in _pagefind_tags(html):
        digest.update(tag.encode())
        digest.update(b"\n")
        if not date and _SORT_DATE.search(tag):
            found = _CONTENT.search(tag)
            date = found.group(1) if found else ""
    digest.update(_indexed_element(html, html.rfind("<", 0, start)).encode())
    return PageRecord(path, lang, date, digest.hexdigest())


def _pagefind_tags(html: str) -> Iterator[str]:
    """Every tag with a ``data-pagefind-`` attribute, as written."""
    at = html.find("data-pagefind-")
    while at >= 0:
        start = html.rfind("<", 0, at)
        end = html.find(">", at)
        if start < 0 or end < 0:
            return
        yield html[start:end + 1]
        at = html.find("data-pagefind-", end)


def _indexed_element(html: str, start: int) -> str:
    """The element marked data-pagefind-body, without what Pagefind leaves out.

    Parsed from its start tag on (the part of the page before it cannot change it)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html[max(start, 0):])
    body = tree.css_first(f"[{_BODY}]")
    if body is None:  # the marker was text, not an attribute: the rest of the page counts
        return html[max(start, 0):]
    for node in body.css(",".join(search.EXCLUDED_FROM_INDEX)):
        node.decompose()
    return body.html or ""


# ---------------------------------------------------------------- planning

def plan_shards(pages: Iterable[PageRecord], max_pages: int = MAX_SHARD_PAGES) -> list[Shard]:
    """The shards of ``pages``, per language, by calendar period of their date (UTC).

    - A year of more than ``max_pages`` pages is split into halves ("2026-h2"), or
      quarters ("2026-q4"), or months ("2026-11"): the longest that keeps every part of
      that year within ``max_pages``; a month above it is cut into the fewest equal
      parts in date order ("2026-11-part2").
    - Consecutive years of at most ``max_pages`` pages are packed together, from the
      newest back, while the pack stays within ``max_pages`` ("2023-2026"), so that a
      small archive is a few shards, not one per year.
    - Pages without a date form one shard, "undated".

    A change in one year moves no page of another, except within a run of packed
    years. Returned by language, newest period first.
    """
    if max_pages < 1:
        raise ValueError("max_pages must be at least 1")
    by_year: dict[str, dict[str, list[PageRecord]]] = {}
    for page in pages:
        year = page.date[:4] if _MONTH.match(page.date) else "undated"
        by_year.setdefault(page.lang, {}).setdefault(year, []).append(page)
    shards: list[Shard] = []
    for lang, years in sorted(by_year.items()):
        pack: list[str] = []  # small years, newest first
        for year in sorted((y for y in years if y != "undated"), reverse=True):
            size = len(years[year])
            if pack and (size > max_pages or sum(len(years[y]) for y in pack) + size > max_pages):
                shards.append(_packed(lang, pack, years))
                pack = []
            if size > max_pages:
                shards += _split_year(lang, year, years[year], max_pages)
            else:
                pack.append(year)
        if pack:
            shards.append(_packed(lang, pack, years))
        if "undated" in years:
            shards.append(Shard(lang, "undated", _in_order(years["undated"])))
    return shards


def _packed(lang: str, pack: list[str], years: dict[str, list[PageRecord]]) -> Shard:
    period = pack[0] if len(pack) == 1 else f"{pack[-1]}-{pack[0]}"
    return Shard(lang, period, _in_order(p for year in pack for p in years[year]))


def _in_order(pages: Iterable[PageRecord]) -> tuple[PageRecord, ...]:
    return tuple(sorted(pages, key=lambda p: (p.date, p.path)))


# The parts a year is split into, longest first: (name prefix, months per part).
_YEAR_PARTS = (("h", 6), ("q", 3), ("", 1))


def _split_year(lang: str, year: str, pages: list[PageRecord], max_pages: int) -> list[Shard]:
    """A large year's shards, newest first."""
    months: dict[int, list[PageRecord]] = {}
    for page in pages:
        months.setdefault(int(page.date[5:7]), []).append(page)
    prefix, parts = "", {}
    for prefix, length in _YEAR_PARTS:  # noqa: B007 (the part kept is the one the loop ends on)
        parts = {}
        for month, month_pages in months.items():
            parts.setdefault((month - 1) // length, []).extend(month_pages)
        if all(len(p) <= max_pages for p in parts.values()):
            break
    # (else it ends on months: a month too large is cut into parts below)
    found = []
    for index in sorted(parts, reverse=True):
        part = _in_order(parts[index])
        name = f"{year}-{prefix}{index + 1}" if prefix else f"{year}-{index + 1:02d}"
        pieces = -(-len(part) // max_pages)
        if pieces == 1:
            found.append(Shard(lang, name, part))
            continue
        for piece in reversed(range(pieces)):
            found.append(Shard(lang, f"{name}-part{piece + 1}",
                               part[piece * len(part) // pieces:(piece + 1) * len(part) // pieces]))
    return found


def manifest(shards: Iterable[Shard], filters: dict[str, dict[str, dict[str, int]]]
             ) -> dict[str, dict]:
    """The ``toasoan`` part of the root entry: per language, its shards newest first
    ([period, pages]) and the filter values of all its shards with their counts."""
    found: dict[str, dict] = {}
    for shard in shards:
        entry = found.setdefault(shard.lang, {"shards": [], "filters": {}})
        entry["shards"].append([shard.period, len(shard.pages)])
    for lang, entry in found.items():
        entry["filters"] = {name: dict(sorted(values.items()))
                            for name, values in sorted(filters.get(lang, {}).items())}
    return dict(sorted(found.items()))


# ---------------------------------------------------------------- the build step

def build_search_index(site_dir: Path, cache_dir: Path | None = None, *,
                       pages: Iterable[str] | None = None, jobs: int | None = None,
                       max_pages: int = MAX_SHARD_PAGES, python: str = sys.executable,
                       progress: Callable[[str], None] | None = None) -> SearchIndexReport:
    """Write ``site_dir/pagefind/``: every shard indexed, or reused from ``cache_dir``.

    ``pages``: the site-relative HTML files that may be indexed (default: every HTML file
    of the site is read to find them). ``jobs``: Pagefind runs at most at a time (default:
    the cores this process may use). ``progress`` receives one plain line per shard indexed and a
    summary line. Raises :class:`SearchIndexError` when Pagefind fails.
    """
    say = progress or (lambda line: None)
    started = time.perf_counter()
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    cache = _Cache(cache_dir, _salt()) if cache_dir is not None else None
    found = _scan(site_dir, cache, pages)
    report = SearchIndexReport()
    for page in found:
        report.pages[page.lang] = report.pages.get(page.lang, 0) + 1
    report.scan_seconds = time.perf_counter() - started
    shards = plan_shards(found, max_pages)
    todo: list[Shard] = []
    results: dict[str, ShardResult] = {}
    for shard in shards:
        if cache is not None and cache.restore(shard, bundle / shard.path):
            results[shard.path] = ShardResult(shard, reused=True)
        else:
            todo.append(shard)
    workers = max(1, jobs or _cores())
    if shards:
        say(f"{_count(len(shards), 'shard')} ({_per_language(shards)}): "
            f"{len(shards) - len(todo)} unchanged, {len(todo)} to index"
            + (f" ({_count(sum(len(s.pages) for s in todo), 'page')}, "
               f"{min(workers, len(todo))} Pagefind runs at a time)" if todo else ""))
    assets: dict[str, Path] = {}  # Pagefind's loader and WebAssembly: name -> a copy
    # Inside the output folder: the same file system (the shards' files are moved, not
    # copied), and a killed build leaves it inside the build's own staging folder.
    with tempfile.TemporaryDirectory(prefix=".toasoan-search-", dir=site_dir) as temp:
        work = Path(temp)
        done = 0
        lock = threading.Lock()

        def index(shard: Shard) -> ShardResult:
            nonlocal done
            result = _index_shard(shard, site_dir, work, python)
            with lock:
                done += 1
                say(f"[{done}/{len(todo)}] {shard.path}: {_count(len(shard.pages), 'page')} indexed in "
                    f"{result.seconds:.1f} s (Pagefind peak {result.peak_rss_mb:.0f} MB)")
            return result

        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(index, shard) for shard in todo]
            try:
                for future in concurrent.futures.as_completed(futures):
                    result = future.result()
                    results[result.shard.path] = result
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        for shard in todo:
            out = work / "out" / shard.path
            _keep_shard_files(out, bundle / shard.path)
            if cache is not None:
                cache.store(shard, bundle / shard.path)
            for name in (*LOADER_FILES, *(p.name for p in out.glob("wasm.*.pagefind"))):
                if name not in assets and (out / name).is_file():
                    assets[name] = out / name
        _write_root(bundle, shards, assets, cache, lambda shard: _fresh_assets(
            shard, site_dir, work, python))
    if cache is not None:
        cache.finish(shards)
    report.shards = [results[shard.path] for shard in shards]
    report.seconds = time.perf_counter() - started
    return report


def _cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _per_language(shards: list[Shard]) -> str:
    counts: dict[str, int] = {}
    for shard in shards:
        counts[shard.lang] = counts.get(shard.lang, 0) + 1
    return ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items()))


def _salt() -> str:
    """What else decides a shard's files: this module's format, Pagefind, its options."""
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return json.dumps([FORMAT, version, search.pagefind_command("python", Path("s"), Path("o"))[3:]])


def _html_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every HTML file of the site but the search bundle's, in a stable order."""
    for folder, dirs, files in os.walk(site_dir):
        here = Path(folder)
        if here == site_dir:
            dirs[:] = [d for d in dirs if d != BUNDLE]
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = here / name
                yield path.relative_to(site_dir).as_posix(), path


def _scan(site_dir: Path, cache: _Cache | None, pages: Iterable[str] | None
          ) -> list[PageRecord]:
    """The search record of every page Pagefind indexes, in a stable order. A page whose
    bytes are those of a page read by an earlier build takes its record from the cache."""
    marker = _BODY.encode()
    records = []
    files = (_html_files(site_dir) if pages is None else
             ((rel, site_dir / rel) for rel in sorted(set(pages))))
    for rel, path in files:
        data = path.read_bytes()
        if marker not in data:
            continue
        key = hashlib.sha256(rel.encode() + b"\0" + data).hexdigest()
        record = cache.page(key, rel) if cache is not None else None
        if record is None:
            record = read_page(data.decode("utf-8", errors="replace"), rel)
            if record is None:
                continue
            if cache is not None:
                cache.remember_page(key, record)
        records.append(record)
    return records


def _index_shard(shard: Shard, site_dir: Path, work: Path, python: str) -> ShardResult:
    """One Pagefind run over a folder of links to the shard's pages."""
    pages = work / "pages" / shard.path
    out = work / "out" / shard.path
    for page in shard.pages:
        link = pages / page.path
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink((site_dir / page.path).resolve(), link)
    command = search.pagefind_command(python, pages, out)
    log = work / "logs" / f"{shard.lang}-{shard.period}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        peak_kb = _watch_peak(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    text = log.read_text(encoding="utf-8", errors="replace").strip()
    if process.returncode != 0 or not (out / ENTRY).is_file():
        raise SearchIndexError(f"Pagefind failed on {shard.path} ({len(shard.pages)} pages, "
                               f"exit {process.returncode}): {text[-2000:]}")
    entry = json.loads((out / ENTRY).read_text(encoding="utf-8"))
    if set(entry.get("languages", {})) != {shard.lang}:
        raise SearchIndexError(f"Pagefind indexed {shard.path} as languages "
                               f"{sorted(entry.get('languages', {}))}, expected {shard.lang}")
    search_index.make_reproducible(out)
    shutil.rmtree(pages)
    return ShardResult(shard, reused=False, seconds=seconds,
                       cpu_seconds=usage.ru_utime + usage.ru_stime,
                       peak_rss_mb=(peak_kb or usage.ru_maxrss) / 1024)  # kilobytes


def _watch_peak(pid: int, every: float = 0.05) -> int:
    """The run's peak resident memory in KB, from /proc (0 where there is none), read
    until it exits; the caller then collects it.

    Not getrusage's ru_maxrss: Linux carries the parent's high-water mark across exec, so
    a run started by a 1 GB build would report 1 GB. ``VmHWM`` is the new program's own
    (``python -m pagefind`` execs the binary in the same process); growth in the last
    ``every`` seconds before exit is missed."""
    peak = 0
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text(encoding="ascii", errors="replace")
        except OSError:
            return peak
        if "\nState:\tZ" in text:  # exited, not yet collected
            return peak
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
        time.sleep(every)


def _shard_files(folder: Path) -> list[Path]:
    return sorted(p for pattern in SHARD_FILES for p in folder.glob(pattern) if p.is_file())


def _keep_shard_files(out: Path, target: Path) -> None:
    for path in _shard_files(out):
        destination = target / path.relative_to(out)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, destination)
        except OSError:
            shutil.copyfile(path, destination)


def _fresh_assets(shard: Shard, site_dir: Path, work: Path, python: str) -> dict[str, Path]:
    """Pagefind's loader and WebAssembly for ``shard``'s language, from a run of their own
    (when every shard was reused but the cache lost these files)."""
    spare = work / "spare"
    _index_shard(shard, site_dir, spare, python)
    out = spare / "out" / shard.path
    return {p.name: p for p in out.iterdir()
            if p.name in LOADER_FILES or (p.name.startswith("wasm.") and p.suffix == ".pagefind")}


def _write_root(bundle: Path, shards: list[Shard], assets: dict[str, Path],
                cache: _Cache | None, fresh: Callable[[Shard], dict[str, Path]]) -> None:
    """Pagefind's loader, the WebAssembly, an empty index per language, and the entry
    naming the shards; the entry last."""
    bundle.mkdir(parents=True, exist_ok=True)
    entries = {shard.path: json.loads((bundle / shard.path / ENTRY).read_text("utf-8"))
               for shard in shards}
    languages: dict[str, dict] = {}
    version, include = "", None
    for shard in shards:
        entry = entries[shard.path]
        version = version or entry["version"]
        include = include if include is not None else entry.get("include_characters")
        kind = entry["languages"][shard.lang].get("wasm")
        languages.setdefault(shard.lang, {"wasm": kind})
    needed = set(LOADER_FILES) | {f"wasm.{info['wasm'] or 'unknown'}.pagefind"
                                  for info in languages.values()}
    if cache is not None:
        cache.store_assets({name: path for name, path in assets.items() if name in needed})
        for name in needed - set(assets):
            found = cache.asset(name)
            if found is not None:
                assets[name] = found
    for lang, info in languages.items():
        if not ({f"wasm.{info['wasm'] or 'unknown'}.pagefind", *LOADER_FILES} <= set(assets)):
            smallest = min((s for s in shards if s.lang == lang), key=lambda s: len(s.pages))
            assets.update(fresh(smallest))
            if cache is not None:
                cache.store_assets({n: p for n, p in assets.items() if n in needed})
    for name in sorted(needed if shards else ()):
        shutil.copyfile(assets[name], bundle / name)
    root_languages = {}
    for lang, info in sorted(languages.items()):
        meta = search_index.empty_meta(version)
        name = f"{lang}_{hashlib.sha256(meta).hexdigest()[:10]}"
        (bundle / f"pagefind.{name}.pf_meta").write_bytes(meta)
        root_languages[lang] = {"hash": name, "wasm": info["wasm"], "page_count": 0}
    filters = {lang: _filter_counts(bundle, [s for s in shards if s.lang == lang])
               for lang in languages}
    entry = {"version": version or _pagefind_version(), "languages": root_languages}
    if include is not None:
        entry["include_characters"] = include
    entry["toasoan"] = {"format": FORMAT, "languages": manifest(shards, filters)}
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                encoding="utf-8")


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


def _filter_counts(bundle: Path, shards: list[Shard]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for shard in shards:
        for name, values in search_index.read_filters(bundle / shard.path).items():
            into = counts.setdefault(name, {})
            for value, count in values.items():
                into[value] = into.get(value, 0) + count
    return counts


# ---------------------------------------------------------------- the cache

class _Cache:
    """Shard bundles and page fingerprints of earlier builds, under ``cache_dir/search``.

    Every entry is checked before use (its file list against its checksum, each file
    against the size and modification time recorded when it was stored) and ignored if
    anything differs: a damaged or foreign cache costs a re-index, not a wrong index.
    """

    def __init__(self, cache_dir: Path, salt: str) -> None:
        self.root = Path(cache_dir) / "search"
        self.salt = salt
        self.salt_id = hashlib.sha256(salt.encode()).hexdigest()[:16]
        self.pages_file = self.root / f"pages-{self.salt_id}.json"
        self.old_pages = self._load_pages()
        self.new_pages: dict[str, list[str]] = {}
        self.used: set[str] = set()

    # pages

    def _load_pages(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self.pages_file.read_text(encoding="utf-8"))
            pages = data["pages"]
            if data.get("checksum") != _checksum(pages):
                return {}
            return pages
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def page(self, key: str, path: str) -> PageRecord | None:
        found = self.old_pages.get(key)
        if not (isinstance(found, list) and len(found) == 3 and all(isinstance(x, str) for x in found)):
            return None
        self.new_pages[key] = found
        return PageRecord(path, found[0], found[1], found[2])

    def remember_page(self, key: str, record: PageRecord) -> None:
        self.new_pages[key] = [record.lang, record.date, record.fingerprint]

    # shards

    def _entry(self, shard: Shard) -> Path:
        return self.root / "shards" / shard.fingerprint(self.salt)

    def restore(self, shard: Shard, target: Path) -> bool:
        entry = self._entry(shard)
        files = _verified(entry)
        if files is None:
            return False
        for folder in sorted({Path(rel).parent for rel in files}):
            (target / folder).mkdir(parents=True, exist_ok=True)
        for rel in files:
            _copy(entry / rel, target / rel)
        self.used.add(entry.name)
        return True

    def store(self, shard: Shard, source: Path) -> None:
        entry = self._entry(shard)
        self.used.add(entry.name)
        _store(source, _shard_files(source), entry)

    # Pagefind's loader and WebAssembly

    def _assets_dir(self) -> Path:
        return self.root / f"assets-{self.salt_id}"

    def store_assets(self, assets: dict[str, Path]) -> None:
        if not assets:
            return
        have = _verified(self._assets_dir()) or {}
        if set(assets) <= set(have):
            return
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            for name in have:
                shutil.copyfile(self._assets_dir() / name, folder / name)
            for name, path in assets.items():
                shutil.copyfile(path, folder / name)
            _store(folder, sorted(folder.iterdir()), self._assets_dir())

    def asset(self, name: str) -> Path | None:
        files = _verified(self._assets_dir())
        return self._assets_dir() / name if files and name in files else None

    def finish(self, shards: list[Shard]) -> None:
        """Keep the shard bundles this build and the one before used (a build that
        alternates with another, a preview say, keeps both); drop the rest, and anything
        of another Pagefind or format."""
        self.root.mkdir(parents=True, exist_ok=True)
        data = {"pages": dict(sorted(self.new_pages.items()))}
        data["checksum"] = _checksum(data["pages"])
        _write_json(self.pages_file, data)
        used_file = self.root / f"used-{self.salt_id}.json"
        try:
            before = set(json.loads(used_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            before = set()
        _write_json(used_file, sorted(self.used))
        shards = self.root / "shards"
        folders.remove_abandoned_beside(shards)
        for stale in shards.glob("*"):
            if stale.name not in self.used | before and not folders.being_discarded(stale):
                folders.discard(stale)  # thousands of small files: not on the build's time
        keep = {"shards", self.pages_file.name, used_file.name, self._assets_dir().name}
        for other in self.root.iterdir():
            if other.name not in keep:
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink(missing_ok=True)


def _write_json(path: Path, value: object) -> None:
    temp = path.with_name(path.name + f".{os.getpid()}.tmp")
    temp.write_text(json.dumps(value, separators=(",", ":")), encoding="utf-8")
    os.replace(temp, path)


CHECKSUMS = "files.json"


def _checksum(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def _stamp(path: Path) -> list[int]:
    """What a cache entry records of each of its files: size and modification time."""
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _verified(entry: Path) -> dict[str, list[int]] | None:
    """The files of a cache entry, if its list is intact and every file is there with the
    size and modification time recorded when it was stored (any write changes them)."""
    try:
        data = json.loads((entry / CHECKSUMS).read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict) or not files or data.get("checksum") != _checksum(files):
            return None
        for rel, expected in files.items():
            if Path(rel).is_absolute() or ".." in Path(rel).parts:
                return None
            if _stamp(entry / rel) != expected:
                return None
        return files
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _copy(source: Path, target: Path) -> None:
    """A copy, never a hard link (as toasoan.cache.copy_out): the published site shares
    no file with the cache, so nothing that writes in one changes the other, and hosts
    that refuse hard links (GitHub Pages' artifact) see plain files."""
    shutil.copyfile(source, target)


def _store(source: Path, paths: list[Path], entry: Path) -> None:
    """Copy ``paths`` (inside ``source``) into cache ``entry``, its file list
    last, and put the entry in place with a rename."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    temp = entry.with_name(f".{entry.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    shutil.rmtree(temp, ignore_errors=True)
    files = {}
    for path in paths:
        rel = path.relative_to(source).as_posix()
        (temp / rel).parent.mkdir(parents=True, exist_ok=True)
        _copy(path, temp / rel)
        files[rel] = _stamp(temp / rel)
    data = {"files": files, "checksum": _checksum(files)}
    (temp / CHECKSUMS).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.replace(temp, entry)
    shutil.rmtree(temp, ignore_errors=True)
