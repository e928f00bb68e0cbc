"""The search index in shards (hooks/toasoan/search_shards.py): planning, page fingerprints,
the shard list the browser reads, and the cache, without Pagefind."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from toasoan import search_shards
from toasoan.search_index import empty_meta, read_file, read_filters
from toasoan.search_shards import PageRecord, Shard, manifest, plan_shards, read_page


def _pages(count: int, start: dt.datetime, step: dt.timedelta, lang: str = "vi",
           prefix: str = "p") -> list[PageRecord]:
    return [PageRecord(f"news/{prefix}{i}/index.html", lang,
                       (start + i * step).strftime("%Y-%m-%dT%H:%M:%SZ"), f"fp-{prefix}{i}")
            for i in range(count)]


def _periods(shards: list[Shard]) -> list[tuple[str, str, int]]:
    return [(s.lang, s.period, len(s.pages)) for s in shards]


# ---------------------------------------------------------------- planning

def test_small_years_are_packed_newest_first_within_the_limit():
    pages = [*_pages(40, dt.datetime(2026, 1, 5), dt.timedelta(days=7), prefix="a"),
             *_pages(30, dt.datetime(2025, 1, 5), dt.timedelta(days=7), prefix="b"),
             *_pages(50, dt.datetime(2024, 1, 5), dt.timedelta(days=7), prefix="c"),
             *_pages(20, dt.datetime(2023, 1, 5), dt.timedelta(days=7), prefix="d")]
    assert _periods(plan_shards(pages, max_pages=100)) == [
        ("vi", "2025-2026", 70), ("vi", "2023-2024", 70)]
    assert _periods(plan_shards(pages, max_pages=1000)) == [("vi", "2023-2026", 140)]


def test_a_large_year_is_split_into_the_longest_parts_that_keep_within_the_limit():
    year = _pages(365, dt.datetime(2025, 1, 1, 8), dt.timedelta(days=1))
    assert [p for _, p, _ in _periods(plan_shards(year, max_pages=200))] == ["2025-h2", "2025-h1"]
    assert [p for _, p, _ in _periods(plan_shards(year, max_pages=100))] == [
        "2025-q4", "2025-q3", "2025-q2", "2025-q1"]
    months = plan_shards(year, max_pages=40)
    assert [p for _, p, _ in _periods(months)] == [f"2025-{m:02d}" for m in range(12, 0, -1)]
    assert sum(len(s.pages) for s in months) == 365


def test_a_month_above_the_limit_is_cut_into_equal_parts_in_date_order():
    june = _pages(25, dt.datetime(2026, 6, 1), dt.timedelta(hours=20))
    shards = plan_shards(june, max_pages=10)
    assert _periods(shards) == [("vi", "2026-06-part3", 9), ("vi", "2026-06-part2", 8),
                                ("vi", "2026-06-part1", 8)]
    dates = [page.date for shard in reversed(shards) for page in shard.pages]
    assert dates == sorted(dates)


def test_shards_are_per_language_newest_first_and_undated_last():
    pages = [*_pages(3, dt.datetime(2024, 3, 1), dt.timedelta(days=1), "vi", "v"),
             *_pages(3, dt.datetime(2026, 3, 1), dt.timedelta(days=1), "vi", "w"),
             *_pages(2, dt.datetime(2025, 3, 1), dt.timedelta(days=1), "en", "e"),
             PageRecord("news/x/index.html", "vi", "", "fp-x")]
    assert _periods(plan_shards(pages, max_pages=3)) == [
        ("en", "2025", 2), ("vi", "2026", 3), ("vi", "2024", 3), ("vi", "undated", 1)]


def test_an_article_added_to_one_large_year_leaves_every_other_shard_unchanged():
    archive = [*_pages(300, dt.datetime(2025, 1, 1), dt.timedelta(days=1), prefix="a"),
               *_pages(300, dt.datetime(2024, 1, 1), dt.timedelta(days=1), prefix="b")]
    before = {s.path: s.fingerprint("salt") for s in plan_shards(archive, max_pages=100)}
    added = PageRecord("news/new/index.html", "vi", "2025-10-02T08:00:00Z", "fp-new")
    after = {s.path: s.fingerprint("salt") for s in plan_shards([*archive, added], max_pages=100)}
    assert sorted(before) == sorted(after)
    assert [path for path in after if after[path] != before[path]] == ["vi/2025-q4"]


def test_shard_fingerprint_follows_its_pages_and_the_salt():
    pages = _pages(3, dt.datetime(2026, 1, 1), dt.timedelta(days=1))
    shard = Shard("vi", "2026", tuple(pages))
    same = Shard("vi", "2026", tuple(reversed(pages)))
    changed = Shard("vi", "2026", (*pages[:2], PageRecord(pages[2].path, "vi", pages[2].date, "x")))
    fewer = Shard("vi", "2026", tuple(pages[:2]))
    assert shard.fingerprint("s") == same.fingerprint("s")
    assert len({shard.fingerprint("s"), changed.fingerprint("s"), fewer.fingerprint("s"),
                shard.fingerprint("other Pagefind")}) == 4


def test_plan_refuses_a_limit_below_one():
    with pytest.raises(ValueError, match="max_pages"):
        plan_shards([], max_pages=0)


# ---------------------------------------------------------------- page fingerprints

PAGE = """<!doctype html>
<html lang="vi"><head><title>T</title>
<meta name="toasoan:search-title" data-pagefind-meta="title[content]" content="Thông xe">
<meta name="toasoan:search-sort" data-pagefind-sort="date[content]" content="2026-03-14T01:30:00Z">
<meta name="toasoan:search-author" data-pagefind-filter="author[content]" content="Trần Thị Đào">
</head><body><nav>menu</nav>
<article data-pagefind-body class="md-content__inner">
<nav class="news-breadcrumb"><a href="/">Trang chủ</a></nav>
<p class="news-dateline"><time>14/03/2026 - 08:30</time></p>
<h1>Thông xe tuyến đường</h1><p>Tuyến đường ven biển dài 12 km.</p>
<p class="news-signature">Trần Thị Đào</p>
<section class="news-share"><a href="https://facebook.com/x">Facebook</a></section>
<aside class="news-related"><ul><li><a href="../b/">Bài khác</a></li></ul></aside>
</article><footer>chân trang</footer></body></html>
"""


def _record(html: str, path: str = "news/2026/a/index.html") -> PageRecord:
    record = read_page(html, path)
    assert record is not None
    return record


def test_page_record_reads_language_and_date():
    record = _record(PAGE)
    assert (record.path, record.lang, record.date) == (
        "news/2026/a/index.html", "vi", "2026-03-14T01:30:00Z")


def test_page_without_the_search_marker_is_not_indexed():
    assert read_page(PAGE.replace(" data-pagefind-body", ""), "index.html") is None


@pytest.mark.parametrize("before, after", [
    ('<a href="../b/">Bài khác</a>', '<a href="../c/">Một bài mới hơn</a>'),  # related news
    ("<time>14/03/2026 - 08:30</time>", "<time>14/03/2026 - 08:31</time>"),  # dateline
    ('href="https://facebook.com/x"', 'href="https://facebook.com/y"'),  # share links
    ("Trang chủ</a></nav>", "Home</a></nav>"),  # breadcrumb
    ("chân trang", "footer text"),  # outside the indexed element
    ("<title>T</title>", "<title>Other</title>"),
])
def test_fingerprint_ignores_what_pagefind_leaves_out(before, after):
    assert before in PAGE
    assert _record(PAGE.replace(before, after)).fingerprint == _record(PAGE).fingerprint


@pytest.mark.parametrize("before, after", [
    ("dài 12 km", "dài 13 km"),  # the text
    ("<h1>Thông xe tuyến đường</h1>", "<h1>Thông xe tuyến đường mới</h1>"),
    ('content="Thông xe"', 'content="Thông xe!"'),  # search metadata
    ('content="Trần Thị Đào"', 'content="Lê Minh Châu"'),  # a filter value
    ('content="2026-03-14T01:30:00Z"', 'content="2026-03-15T01:30:00Z"'),  # the sort date
    ('<html lang="vi">', '<html lang="en">'),
    ('<p>Tuyến', '<p class="lead">Tuyến'),  # markup Pagefind sees
])
def test_fingerprint_changes_with_what_pagefind_reads(before, after):
    assert before in PAGE
    assert _record(PAGE.replace(before, after)).fingerprint != _record(PAGE).fingerprint


def test_fingerprint_changes_with_the_address():
    assert _record(PAGE, "news/2026/b/index.html").fingerprint != _record(PAGE).fingerprint


# ---------------------------------------------------------------- the shard list

def test_manifest_lists_shards_newest_first_with_page_counts_and_filters():
    shards = plan_shards([*_pages(3, dt.datetime(2026, 1, 1), dt.timedelta(days=1)),
                          *_pages(2, dt.datetime(2024, 1, 1), dt.timedelta(days=1), prefix="o"),
                          *_pages(1, dt.datetime(2026, 1, 1), dt.timedelta(days=1), "en", "e")],
                         max_pages=3)
    filters = {"vi": {"category": {"Thời sự": 4, "Kinh tế": 1}}}
    assert manifest(shards, filters) == {
        "en": {"shards": [["2026", 1]], "filters": {}},
        "vi": {"shards": [["2026", 3], ["2024", 2]],
               "filters": {"category": {"Kinh tế": 1, "Thời sự": 4}}},
    }


def test_empty_index_of_a_language_reads_as_pagefind_metadata(tmp_path):
    path = tmp_path / "pagefind.vi_x.pf_meta"
    path.write_bytes(empty_meta("1.5.2"))
    assert read_file(path) == ["1.5.2", [], [], [], [], []]
    assert empty_meta("1.5.2") == empty_meta("1.5.2")  # no time stamp inside


def test_filter_values_of_a_shard_are_counted(tmp_path):
    from toasoan.search_index import SIGNATURE, cbor_encode

    folder = tmp_path / "filter"
    folder.mkdir()
    import gzip

    for name, values in (("author", [["Lê Minh Châu", [0, 2]], ["Trần Thị Đào", [1]]]),
                         ("category", [["Thời sự", [0, 1, 2]]])):
        (folder / f"vi_{name}.pf_filter").write_bytes(
            gzip.compress(SIGNATURE + cbor_encode([name, values])))
    assert read_filters(tmp_path) == {"author": {"Lê Minh Châu": 2, "Trần Thị Đào": 1},
                                      "category": {"Thời sự": 3}}


# ---------------------------------------------------------------- the cache

def _shard_folder(root, text="x"):
    (root / "index").mkdir(parents=True)
    (root / "pagefind-entry.json").write_text('{"languages": {}}', encoding="utf-8")
    (root / "index" / "vi_1.pf_index").write_text(text, encoding="utf-8")
    return root


def _cache(tmp_path):
    return search_shards._Cache(tmp_path / "cache", "salt")


SHARD = Shard("vi", "2026", tuple(_pages(2, dt.datetime(2026, 1, 1), dt.timedelta(days=1))))


def test_cached_shard_is_restored_file_for_file(tmp_path):
    cache = _cache(tmp_path)
    cache.store(SHARD, _shard_folder(tmp_path / "built"))
    cache.finish([SHARD])
    assert _cache(tmp_path).restore(SHARD, tmp_path / "site")
    assert (tmp_path / "site/index/vi_1.pf_index").read_text("utf-8") == "x"
    assert (tmp_path / "site/pagefind-entry.json").is_file()
    other = Shard("vi", "2026", SHARD.pages[:1])  # another fingerprint: nothing to restore
    assert not _cache(tmp_path).restore(other, tmp_path / "elsewhere")


@pytest.mark.parametrize("damage", ["rewrite", "truncate", "delete", "list"])
def test_damaged_cache_entry_is_ignored(tmp_path, damage):
    cache = _cache(tmp_path)
    cache.store(SHARD, _shard_folder(tmp_path / "built"))
    entry = cache._entry(SHARD)
    chunk = entry / "index" / "vi_1.pf_index"
    if damage == "rewrite":  # same size, written later
        stat = chunk.stat()
        chunk.write_text("y", encoding="utf-8")
        os.utime(chunk, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    elif damage == "truncate":
        chunk.write_bytes(b"")
    elif damage == "delete":
        chunk.unlink()
    else:
        (entry / search_shards.CHECKSUMS).write_text("{not json", encoding="utf-8")
    assert not _cache(tmp_path).restore(SHARD, tmp_path / "site")


def test_cache_of_another_pagefind_or_format_is_not_used(tmp_path):
    cache = _cache(tmp_path)
    cache.store(SHARD, _shard_folder(tmp_path / "built"))
    cache.finish([SHARD])
    foreign = search_shards._Cache(tmp_path / "cache", "another salt")
    assert not foreign.restore(SHARD, tmp_path / "site")


def test_page_records_are_remembered_and_a_damaged_list_forgotten(tmp_path):
    cache = _cache(tmp_path)
    record = PageRecord("news/a/index.html", "vi", "2026-01-01T00:00:00Z", "fp")
    cache.remember_page("key", record)
    cache.finish([])
    assert _cache(tmp_path).page("key", "news/a/index.html") == record
    data = json.loads(cache.pages_file.read_text("utf-8"))
    data["pages"]["key"][2] = "tampered"
    cache.pages_file.write_text(json.dumps(data), encoding="utf-8")
    assert _cache(tmp_path).page("key", "news/a/index.html") is None


def test_entries_unused_by_the_last_two_builds_are_dropped(tmp_path):
    cache = _cache(tmp_path)
    cache.store(SHARD, _shard_folder(tmp_path / "built"))
    cache.finish([SHARD])
    entry = tmp_path / "cache/search/shards" / SHARD.fingerprint(cache.salt)
    _cache(tmp_path).finish([])  # a build of something else: the entry is kept...
    assert entry.is_dir()
    _cache(tmp_path).finish([])  # ...until a second build has not used it either
    assert not entry.exists()


def test_a_site_without_articles_gets_an_entry_naming_no_shards(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="vi"><body><p>Trang chủ</p></body></html>',
                                         encoding="utf-8")
    report = search_shards.build_search_index(tmp_path, tmp_path.parent / "cache")
    assert report.shards == [] and report.pages == {} and report.peak_rss_mb == 0
    entry = json.loads((tmp_path / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"] == {} and entry["toasoan"]["languages"] == {}
    assert sorted(p.name for p in (tmp_path / "pagefind").iterdir()) == ["pagefind-entry.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "pagefind"]  # no leftovers


def test_a_runs_peak_memory_is_its_own_not_the_large_builds_that_started_it():
    """getrusage would report the parent's high-water mark (kept across exec by Linux):
    the build process is ~1 GB at 10,000 articles, a shard's Pagefind run ~250 MB."""
    import os
    import subprocess
    import sys

    from toasoan.search_shards import _watch_peak

    ballast = bytearray(400_000_000)  # the "build": 400 MB resident
    ballast[::4096] = b"x" * len(ballast[::4096])
    child = subprocess.Popen([sys.executable, "-c", "import time; x = bytearray(60_000_000); "
                              "x[::4096] = b'y' * len(x[::4096]); time.sleep(0.4)"])
    peak_mb = _watch_peak(child.pid) / 1024
    _, _, usage = os.wait4(child.pid, 0)
    del ballast
    assert 50 < peak_mb < 150
    assert usage.ru_maxrss / 1024 > 350  # what the old measure said
