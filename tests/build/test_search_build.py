"""Pagefind search in a built site: what is indexed, per language and period, and the
search pages."""

from __future__ import annotations

import gzip
import json
import unicodedata

import pytest

from conftest import new_project

NFD_TITLE = unicodedata.normalize("NFD", "Hội nghị tổng kết mùa mưa bão")


def _fragments(site_dir) -> dict[str, dict]:
    """Every indexed page's record, by URL (Pagefind fragments: gzip, a signature, JSON),
    from every shard."""
    records = {}
    for path in (site_dir / "pagefind").glob("*/*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def search_project(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("search") / "src")
    project.article("2026/tuyen-duong", "vi", title="Thông xe tuyến đường ven biển",
                    author=["Trần Thị Đào", "Nguyễn Văn Đức"], categories=["Đô thị"],
                    date="2026-03-14 08:30",
                    body="""
                    Sáng 14/3, tuyến đường ven biển dài 12 km chính thức thông xe.

                    Người dân đi lại thuận tiện hơn.
                    """)
    project.article("2026/tuyen-duong", "en", title="Coastal road opens", categories=["Urban affairs"],
                    body="The 12 km coastal road opened on March 14.")
    project.write("news/2026/hoi-nghi/index.vi.md", (
        "---\n"
        f'title: "{NFD_TITLE}"\n'
        'date: "2026-04-02 09:00"\n'
        f'author: "{unicodedata.normalize("NFD", "Lê Minh Châu")}"\n'
        "language: vi\n"
        "---\n\n"
        f'{unicodedata.normalize("NFD", "Hội nghị đánh giá công tác phòng chống thiên tai.")}\n'))
    project.article("2026/ban-nhap", "vi", title="Bài nháp chưa đăng", draft=True,
                    body="Bản nháp về tuyến đường.")
    project.article("2027/tuong-lai", "vi", title="Bài hẹn giờ", date="2027-01-01 08:00",
                    body="Bài hẹn giờ về tuyến đường.")
    return project


@pytest.fixture(scope="module")
def result(search_project):
    built = search_project.build()
    assert built.ok, built.output
    return built


def test_one_pagefind_index_per_language_holding_only_published_articles(result):
    entry = json.loads(result.text("pagefind/pagefind-entry.json"))
    shards = entry["toasoan"]["languages"]
    assert shards["vi"]["shards"] == [["2026", 2]] and shards["en"]["shards"] == [["2026", 1]]
    for lang, info in shards.items():
        for period, pages in info["shards"]:
            shard = json.loads(result.text(f"pagefind/{lang}/{period}/pagefind-entry.json"))
            assert {code: index["page_count"] for code, index in shard["languages"].items()} == {
                lang: pages}
    # the top-level index of each language is empty: it only loads Pagefind's WebAssembly
    assert {code: index["page_count"] for code, index in entry["languages"].items()} == {
        "vi": 0, "en": 0}
    assert result.exists("pagefind/pagefind.js") and result.exists("pagefind/wasm.en.pagefind")
    assert set(_fragments(result.site_dir)) == {
        "/news/2026/tuyen-duong/", "/news/2026/hoi-nghi/", "/en/news/2026/tuyen-duong/"}


def test_index_holds_title_and_body_not_the_page_around_them(result):
    record = _fragments(result.site_dir)["/news/2026/tuyen-duong/"]
    content = record["content"]
    assert content.startswith("Thông xe tuyến đường ven biển.")
    assert "Người dân đi lại thuận tiện hơn." in content
    assert "Sáng 14/3, tuyến đường ven biển dài 12 km" in content  # the lead
    for furniture in ("Báo Sông Lam", "Tiếng Việt", "English", "Tìm", "Chia sẻ", "Trần Thị Đào",
                      "Facebook"):
        assert furniture not in content, furniture


def test_records_carry_title_date_and_author_category_filters(result):
    records = _fragments(result.site_dir)
    vi = records["/news/2026/tuyen-duong/"]
    assert vi["meta"]["title"] == "Thông xe tuyến đường ven biển"
    assert vi["meta"]["date"] == "14/03/2026"
    assert vi["meta"]["published"] == "2026-03-14T01:30:00Z"
    assert vi["filters"] == {"author": ["Trần Thị Đào", "Nguyễn Văn Đức"], "category": ["Đô thị"]}
    en = records["/en/news/2026/tuyen-duong/"]
    assert en["meta"]["title"] == "Coastal road opens"
    assert en["meta"]["date"] == "March 14, 2026"
    assert en["filters"]["category"] == ["Urban affairs"]


def test_article_sorts_by_date(result):
    page = result.html("news/2026/tuyen-duong/index.html")
    assert page.xpath("//meta[@data-pagefind-sort='date[content]']/@content") == [
        "2026-03-14T01:30:00Z"]


def test_search_metadata_tags_are_valid_meta_elements(result):
    tags = result.html("news/2026/tuyen-duong/index.html").xpath(
        "//head/meta[@data-pagefind-meta or @data-pagefind-filter or @data-pagefind-sort]")
    assert len(tags) == 7  # title, date, published, sort, 2 authors, 1 category
    assert all(tag.get("name", "").startswith("toasoan:search-") for tag in tags)


def test_nfd_article_reaches_the_page_and_the_index_as_nfc(result):
    nfc_title = unicodedata.normalize("NFC", NFD_TITLE)
    html = result.text("news/2026/hoi-nghi/index.html")
    assert unicodedata.is_normalized("NFC", html)
    assert nfc_title in html
    record = _fragments(result.site_dir)["/news/2026/hoi-nghi/"]
    assert record["meta"]["title"] == nfc_title
    assert unicodedata.is_normalized("NFC", record["content"])
    assert "Hội nghị đánh giá công tác" in record["content"]
    assert record["filters"]["author"] == ["Lê Minh Châu"]


def test_only_the_article_element_is_marked_for_indexing(result):
    article = result.html("news/2026/tuyen-duong/index.html")
    marked = article.xpath("//*[@data-pagefind-body]")
    assert [element.tag for element in marked] == ["article"]
    assert marked[0].xpath(".//h1")
    for page in ("index.html", "about/index.html", "tim-kiem/index.html", "en/index.html"):
        assert not result.html(page).xpath("//*[@data-pagefind-body]"), page


def test_search_page_per_language_linked_to_each_other(result):
    vi = result.html("tim-kiem/index.html")
    en = result.html("en/search/index.html")
    assert vi.get("lang") == "vi" and en.get("lang") == "en"
    assert vi.xpath("string(//h1)") == "Tìm kiếm" and en.xpath("string(//h1)") == "Search"
    assert "../en/search/" in vi.xpath("//a[@hreflang='en']/@href")
    assert "../../tim-kiem/" in en.xpath("//a[@hreflang='vi']/@href")
    # the page reads the index at the site root, whatever the language
    assert vi.xpath("//*[@data-toasoan-search]/@data-bundle") == ["../pagefind/"]
    assert en.xpath("//*[@data-toasoan-search]/@data-bundle") == ["../../pagefind/"]


def test_search_page_labels_are_localized_and_its_script_is_external(result):
    vi = result.html("tim-kiem/index.html")
    labels = json.loads(vi.xpath("//*[@data-toasoan-search]/@data-labels")[0])
    assert labels["results_none"] == "Không tìm thấy bài viết nào."
    assert vi.xpath("//select[@name='category']/option/text()") == ["Mọi chuyên mục"]
    assert vi.xpath("//select[@name='author']/option/text()") == ["Mọi tác giả"]
    assert "../assets/js/search.js" in vi.xpath("//script/@src")
    assert result.exists("assets/js/search.js")
    # only the search page loads it
    assert "../../../assets/js/search.js" not in result.html(
        "news/2026/tuyen-duong/index.html").xpath("//script/@src")


def test_header_search_box_goes_to_this_language_search_page_without_javascript(result):
    for page, action, label in [("news/2026/tuyen-duong/index.html", "../../../tim-kiem/", "Tìm bài viết"),
                                ("index.html", "tim-kiem/", "Tìm bài viết"),
                                ("en/news/2026/tuyen-duong/index.html", "../../../search/", "Search articles"),
                                ("en/index.html", "search/", "Search articles")]:
        form = result.html(page).xpath("//header//form[@role='search']")[0]
        assert form.get("method") == "get" and form.get("action") == action, page
        field = form.xpath(".//input[@name='q']")[0]
        assert form.xpath(f".//label[@for='{field.get('id')}']/text()") == [label]
        assert form.xpath(".//button[@type='submit']/@aria-label")


def test_materials_lunr_search_stays_off(result):
    assert not result.exists("search/search_index.json")
    assert not result.exists("en/search/search_index.json")


def test_a_page_at_the_search_address_stops_the_build(project):
    project.write("tim-kiem.vi.md", "---\ntitle: Tìm\n---\n\nTrang riêng.\n")
    built = project.build()
    assert not built.ok
    assert ("docs/tim-kiem.vi.md: writes /tim-kiem/, the address of the search page; rename it"
            in built.output)


def test_two_builds_write_the_same_search_index(search_project, result, tmp_path):
    again = search_project.build(site_dir=tmp_path / "again")
    assert again.ok, again.output

    def files(site):
        bundle = site / "pagefind"
        return {p.relative_to(bundle).as_posix(): p.read_bytes()
                for p in bundle.rglob("*") if p.is_file()}

    first, second = files(result.site_dir), files(again.site_dir)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any("/filter/" in name for name in first)
