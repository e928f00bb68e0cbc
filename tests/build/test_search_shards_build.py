"""The search index in shards on a built site: what each shard holds, and a rebuild that
re-indexes only the shards whose pages changed, with the output of a clean index.

The site is built once by MkDocs (its index then has one shard per language); the tests
re-index copies of it with ``build_search_index`` and a small ``max_pages``, so that a
dozen articles make several shards, with and without a cache folder.
"""

from __future__ import annotations

import gzip
import json
import shutil
import stat
import sys
from pathlib import Path

import pytest

from conftest import new_project
from toasoan.search_shards import SearchIndexError, build_search_index

MAX = 2  # articles per shard in these tests
STEADY = 3  # ...and where one more 2026 article does not change how 2026 is split
ARTICLES = [  # bundle, date, category, body
    ("2024/cau-treo", "2024-05-10 09:00", "Đô thị", "Cây cầu treo ở Khe Mây được sửa lại."),
    ("2024/le-hoi", "2024-09-02 08:00", "Văn hóa", "Lễ hội đua thuyền trên sông Lam."),
    ("2025/lua-xuan", "2025-03-01 07:00", "Kinh tế", "Nông dân thu hoạch lúa xuân."),
    ("2025/cang-bien", "2025-08-20 10:00", "Kinh tế", "Cảng biển Cửa Lam đón tàu lớn."),
    ("2025/truong-hoc", "2025-11-11 15:00", "Thời sự", "Trường học mới ở Tân Hòa."),
    ("2026/cau-moi", "2026-02-14 08:30", "Đô thị", "Cầu mới nối hai bờ sông Lam."),
    ("2026/cho-phien", "2026-06-06 06:00", "Văn hóa", "Phiên chợ vùng cao họp sớm."),
]


def _write_archive(project, extra=()):
    for bundle, date, category, body in [*ARTICLES, *extra]:
        project.article(bundle, "vi", title=f"Bài {bundle.split('/')[1]}", date=date,
                        categories=[category], body=body)
    project.article("2026/cau-moi", "en", title="New bridge", categories=["Urban affairs"],
                    date="2026-02-14 08:30", body="A new bridge over the Lam river.")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("shards") / "src")
    _write_archive(project)
    built = project.build()
    assert built.ok, built.output
    return project, built


def _copy(site: Path, target: Path) -> Path:
    shutil.copytree(site, target, symlinks=True)
    shutil.rmtree(target / "pagefind")
    return target


def _bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in sorted(bundle.rglob("*")) if p.is_file()}


def _shard_urls(site: Path, lang: str, period: str) -> set[str]:
    urls = set()
    for fragment in (site / "pagefind" / lang / period / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def test_build_log_says_how_the_index_was_made(archive):
    _, built = archive
    assert "search: 2 shards (en 1, vi 1): 0 unchanged, 2 to index (8 pages," in built.output
    assert "search: [1/2] " in built.output and "search: [2/2] " in built.output
    assert "search: Pagefind indexed 8 pages in " in built.output


def test_each_shard_holds_one_language_and_period_newest_first(archive, tmp_path):
    _, built = archive
    site = _copy(built.site_dir, tmp_path / "site")
    report = build_search_index(site, max_pages=MAX)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    shards = entry["toasoan"]["languages"]
    assert shards["vi"]["shards"] == [["2026", 2], ["2025-h2", 2], ["2025-h1", 1], ["2024", 2]]
    assert shards["en"]["shards"] == [["2026", 1]]
    assert _shard_urls(site, "vi", "2025-h2") == {"/news/2025/cang-bien/", "/news/2025/truong-hoc/"}
    assert _shard_urls(site, "en", "2026") == {"/en/news/2026/cau-moi/"}
    for lang, info in shards.items():
        for period, count in info["shards"]:
            shard_entry = json.loads((site / f"pagefind/{lang}/{period}/pagefind-entry.json")
                                     .read_text("utf-8"))
            assert {c: i["page_count"] for c, i in shard_entry["languages"].items()} == {lang: count}
    # the filters of the whole archive, for the search page's menus
    assert shards["vi"]["filters"]["category"] == {"Kinh tế": 2, "Thời sự": 1, "Văn hóa": 2,
                                                   "Đô thị": 2}
    assert report.pages == {"vi": 7, "en": 1} and len(report.indexed) == 5
    # Pagefind's loader once, no UI kits
    assert sorted(p.name for p in (site / "pagefind").iterdir() if p.is_file()) == sorted([
        "pagefind-entry.json", "pagefind.js", "pagefind-worker.js", "wasm.en.pagefind",
        "wasm.unknown.pagefind",
        *(f"pagefind.{i['hash']}.pf_meta" for i in entry["languages"].values())])


def test_a_rebuild_of_an_unchanged_site_reuses_every_shard(archive, tmp_path):
    _, built = archive
    cache = tmp_path / "cache"
    first = _copy(built.site_dir, tmp_path / "first")
    build_search_index(first, cache, max_pages=MAX)
    again = _copy(built.site_dir, tmp_path / "again")
    lines = []
    report = build_search_index(again, cache, max_pages=MAX, progress=lines.append)
    assert report.indexed == [] and len(report.reused) == 5
    assert lines == ["5 shards (en 1, vi 4): 5 unchanged, 0 to index"]
    assert _bundle_files(again) == _bundle_files(first)


@pytest.fixture(scope="module")
def edited(archive, tmp_path_factory):
    """The archive indexed with a cache, then changed and rebuilt three ways."""
    project, built = archive
    root = tmp_path_factory.mktemp("edited")
    cache = root / "cache"
    build_search_index(_copy(built.site_dir, root / "before"), cache, max_pages=STEADY)
    sites = {}
    # 1. one article's text corrected
    path = project.docs / "news/2025/lua-xuan/index.vi.md"
    original = path.read_text("utf-8")
    path.write_text(original.replace("lúa xuân", "lúa xuân sớm"), "utf-8")
    sites["edit"] = project.build(site_dir=root / "edit-site")
    path.write_text(original, "utf-8")
    # 2. a new article in 2026, in the category of two 2024 articles' related lists
    project.article("2026/cau-thu-ba", "vi", title="Bài cau-thu-ba", date="2026-09-01 09:00",
                    categories=["Đô thị"], body="Cây cầu thứ ba khởi công.")
    sites["add"] = project.build(site_dir=root / "add-site")
    shutil.rmtree(project.docs / "news/2026/cau-thu-ba")
    for result in sites.values():
        assert result.ok, result.output
    return cache, root, {name: result.site_dir for name, result in sites.items()}, built.site_dir


def _reindex(edited, name: str):
    """The changed site indexed with (a copy of) the cache of the first build, and clean."""
    cache, root, sites, _ = edited
    mine = root / f"{name}-cache"
    shutil.copytree(cache, mine)
    cached = _copy(sites[name], root / f"{name}-cached")
    report = build_search_index(cached, mine, max_pages=STEADY)
    clean = _copy(sites[name], root / f"{name}-clean")
    build_search_index(clean, None, max_pages=STEADY)
    return report, cached, clean


def test_an_edited_article_reindexes_only_its_shard_and_matches_a_clean_index(edited):
    report, cached, clean = _reindex(edited, "edit")
    assert [r.shard.path for r in report.indexed] == ["vi/2025"]
    assert [r.shard.path for r in report.reused] == ["en/2026", "vi/2026", "vi/2024"]
    assert _bundle_files(cached) == _bundle_files(clean)


def test_an_added_article_leaves_the_shards_whose_related_lists_changed(edited):
    _, _, sites, before = edited
    # the 2024 bridge article lists the new one under "related news": its page changed...
    page = "news/2024/cau-treo/index.html"
    assert "cau-thu-ba" in (sites["add"] / page).read_text("utf-8")
    assert (sites["add"] / page).read_bytes() != (before / page).read_bytes()
    report, cached, clean = _reindex(edited, "add")
    # ...but not what search reads: only the new article's shard is indexed
    assert [r.shard.path for r in report.indexed] == ["vi/2026"]
    assert _bundle_files(cached) == _bundle_files(clean)


def test_a_damaged_cache_is_ignored_and_the_index_rebuilt(archive, tmp_path):
    _, built = archive
    cache = tmp_path / "cache"
    build_search_index(_copy(built.site_dir, tmp_path / "first"), cache, max_pages=MAX)
    for chunk in sorted((cache / "search" / "shards").rglob("*.pf_index"))[:3]:
        chunk.write_bytes(chunk.read_bytes()[:-5])  # truncated
    site = _copy(built.site_dir, tmp_path / "again")
    report = build_search_index(site, cache, max_pages=MAX)
    assert 1 <= len(report.indexed) <= 3
    clean = _copy(built.site_dir, tmp_path / "clean")
    build_search_index(clean, None, max_pages=MAX)
    assert _bundle_files(site) == _bundle_files(clean)


def _counting_python(tmp_path: Path) -> str:
    """A python that records how many Pagefind runs overlap (a lock file per run)."""
    script = tmp_path / "python"
    script.write_text(f"""#!{sys.executable}
import fcntl, json, os, subprocess, sys, time
state = {str(tmp_path / "runs.json")!r}
def change(delta):
    with open(state + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.load(open(state)) if os.path.exists(state) else {{"now": 0, "most": 0, "runs": 0}}
        data["now"] += delta
        data["most"] = max(data["most"], data["now"])
        data["runs"] += delta > 0
        json.dump(data, open(state, "w"))
change(1)
time.sleep(0.3)
code = subprocess.call([{sys.executable!r}, *sys.argv[1:]])
change(-1)
sys.exit(code)
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.mark.parametrize("jobs", [1, 2])
def test_at_most_jobs_pagefind_runs_at_a_time(archive, tmp_path, jobs):
    _, built = archive
    python = _counting_python(tmp_path)
    report = build_search_index(_copy(built.site_dir, tmp_path / "site"), max_pages=MAX,
                                jobs=jobs, python=python)
    runs = json.loads((tmp_path / "runs.json").read_text("utf-8"))
    assert runs["runs"] == len(report.indexed) == 5
    assert runs["now"] == 0 and 1 <= runs["most"] <= jobs
    assert report.peak_rss_mb > 0


def test_pagefind_failing_on_a_shard_names_it(archive, tmp_path):
    _, built = archive
    failing = tmp_path / "python"
    failing.write_text("#!/bin/sh\necho 'Error: something went wrong' >&2\nexit 3\n",
                       encoding="utf-8")
    failing.chmod(0o755)
    with pytest.raises(SearchIndexError, match=r"Pagefind failed on (vi|en)/\S+ \(\d+ pages?, "
                                               r"exit 3\): Error: something went wrong"):
        build_search_index(_copy(built.site_dir, tmp_path / "site"), max_pages=MAX,
                           python=str(failing))
