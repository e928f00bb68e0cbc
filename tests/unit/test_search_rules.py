"""Search rules that need no build: query widening for đ, NFC, page addresses, metadata."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from toasoan import search
from toasoan.dates import timezone

HANOI = timezone("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("query", "expected"), [
    ("duong", ["duong", "đuong"]),
    ("da nang", ["da nang", "đa nang"]),
    ("danh gia", ["danh gia", "đanh gia"]),
    ("can bo", ["can bo"]),
    ("Da Nang", ["Da Nang", "Đa Nang"]),
    ("di duong", ["di duong", "di đuong", "đi duong", "đi đuong"]),
])
def test_unaccented_d_words_are_also_searched_as_dd(query, expected):
    assert search.query_variants(query) == expected


def test_words_typed_with_marks_are_taken_as_typed():
    # "dương" is deliberate: expanding it would find "đường", a different word.
    assert search.query_variants("dương") == ["dương"]
    assert search.query_variants("đường") == ["đường"]
    assert search.query_variants("Đà dang") == ["Đà dang", "Đà đang"]


def test_query_is_nfc_and_whitespace_collapsed():
    nfd = unicodedata.normalize("NFD", "Đà  Nẵng\t")
    variants = search.query_variants(nfd)
    assert variants == ["Đà Nẵng"]
    assert unicodedata.is_normalized("NFC", variants[0])


def test_empty_query_runs_no_search():
    assert search.query_variants("") == []
    assert search.query_variants("   ") == []


def test_expansion_is_capped_at_four_words():
    variants = search.query_variants("d1 d2 d3 d4 d5")
    assert len(variants) == 16
    assert all(v.endswith(" d5") for v in variants)  # the fifth d-word is left as typed
    assert variants[0] == "d1 d2 d3 d4 d5" and variants[-1] == "đ1 đ2 đ3 đ4 d5"
    assert len(set(variants)) == 16


def test_nfc_composes_macos_text():
    nfd = unicodedata.normalize("NFD", "Hội nghị cán bộ")
    assert nfd != "Hội nghị cán bộ"
    assert search.nfc(nfd) == "Hội nghị cán bộ"


def _settings():
    from toasoan.config import load_settings
    from toasoan.locales import Language

    return load_settings({}, (Language("vi", "Tiếng Việt", "", True),
                              Language("en", "English", "en/", False)))


def test_search_pages_have_localized_addresses():
    from toasoan.urls import search_url

    settings = _settings()
    assert search_url(settings, "vi") == "tim-kiem/"
    assert search_url(settings, "en") == "en/search/"
    assert search.search_page_src("tim-kiem/") == "tim-kiem.md"
    assert search.search_page_src("en/search/") == "en/search.md"


def test_labels_exist_for_both_languages_with_the_same_keys():
    vi, en = _settings().languages
    assert search.labels(vi)["title"] == "Tìm kiếm"
    assert search.labels(en)["title"] == "Search"
    assert set(search.labels(vi)) == set(search.labels(en))


def test_mark_search_body_marks_the_first_article_element_only():
    html = ('<html><body><nav>menu</nav><article class="md-content__inner">'
            "<h1>T</h1><article>quoted</article></article></body></html>")
    marked = search.mark_search_body(html)
    assert marked.count("data-pagefind-body") == 1
    assert '<article data-pagefind-body class="md-content__inner">' in marked
    assert marked.replace(" data-pagefind-body", "", 1) == html


def test_mark_search_body_keeps_a_template_own_marker_and_reports_no_article():
    already = '<main data-pagefind-body><article class="x">t</article></main>'
    assert search.mark_search_body(already) == already
    assert search.mark_search_body("<main><h1>T</h1></main>") is None
    assert search.mark_search_body("<articles>no</articles>") is None


def test_date_label_is_the_article_page_date_in_the_site_time_zone():
    moment = dt.datetime(2026, 3, 13, 23, 30, tzinfo=dt.UTC)  # 14/3 06:30 in Hà Nội
    vi, en = _settings().languages
    meta = search.search_metadata("T", moment, [], [], vi, HANOI)
    assert meta.date_label == "14/03/2026"
    assert search.search_metadata("T", moment, [], [], en, HANOI).date_label == "March 14, 2026"


def test_date_sort_key_orders_dates_given_in_different_offsets():
    early = dt.datetime(2026, 3, 14, 8, 0, tzinfo=HANOI)  # 01:00 UTC
    late = dt.datetime(2026, 3, 14, 2, 0, tzinfo=dt.UTC)
    assert search.date_sort_key(early) == "2026-03-14T01:00:00Z"
    assert search.date_sort_key(early) < search.date_sort_key(late)


def test_search_metadata_is_nfc_text():
    nfd = unicodedata.normalize("NFD", "Cán bộ")
    meta = search.search_metadata(nfd, dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI),
                                  [unicodedata.normalize("NFD", "Trần Thị Đào")], [nfd],
                                  _settings().languages[0], HANOI)
    assert meta.title == "Cán bộ"
    assert meta.authors == ("Trần Thị Đào",) and meta.categories == ("Cán bộ",)
    assert (meta.date_label, meta.date_sort) == ("14/03/2026", "2026-03-14T01:30:00Z")


def test_search_logic_imports_nothing_from_mkdocs():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(search))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in
                {"mkdocs", "material", "mkdocs_static_i18n", "pagefind"}}


def test_pagefind_runs_over_a_folder_of_pages_with_the_furniture_excluded():
    from pathlib import Path

    command = search.pagefind_command("/venv/bin/python", Path("/tmp/shard/pages"),
                                      Path("/tmp/shard/out"))
    assert command[:8] == ["/venv/bin/python", "-m", "pagefind", "--site", "/tmp/shard/pages",
                           "--output-path", "/tmp/shard/out", "--quiet"]
    excluded = command[9::2]
    assert command[8::2] == ["--exclude-selectors"] * len(excluded)
    assert {"nav", "aside", "footer", ".news-share", ".news-signature"} <= set(excluded)
