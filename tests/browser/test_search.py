"""Search as readers use it, in Chromium: unaccented Vietnamese, đ, languages, phone, keyboard."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, urlsplit

import pytest

from conftest import new_project
from toasoan.search import query_variants

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NFD = unicodedata.normalize


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """A small newsroom where each test query has a right answer and near misses."""
    project = new_project(tmp_path_factory.mktemp("search-browser") / "src")
    project.article("2026/tuyen-duong", "vi", title="Thông xe tuyến đường ven biển Cửa Lam",
                    categories=["Đô thị"], date="2026-03-14 08:30", body="""
                    Tuyến đường ven biển dài 12 km nối Cửa Lam với trung tâm tỉnh đã thông xe.

                    Con đường mới rút ngắn thời gian đi lại cho người dân vùng biển.
                    """)
    project.article("2026/tuyen-duong", "en", title="Coastal road opens at Cua Lam",
                    categories=["Urban affairs"], body="The 12 km coastal road opened today.")
    project.article("2026/doan-da-nang", "vi", title="Đoàn công tác Đà Nẵng thăm Sông Lam",
                    author="Nguyễn Văn Đức", categories=["Thời sự"], date="2026-04-09 07:45",
                    body="""
                    Đoàn công tác thành phố Đà Nẵng chia sẻ kinh nghiệm phát triển du lịch biển.

                    Lãnh đạo Đà Nẵng đề nghị hai địa phương mở đường bay thẳng.
                    """)
    project.article("2026/doan-da-nang", "en", title="Da Nang delegation visits Song Lam",
                    author="Nguyễn Văn Đức", categories=["News"],
                    body="A delegation from Da Nang shared its experience of seaside tourism.")
    project.article("2026/danh-gia-nuoc", "vi", title="Đánh giá chất lượng nước sông Lam",
                    author="Lê Minh Châu", categories=["Thời sự"], date="2026-05-02 10:00",
                    body="Sở Tài nguyên công bố kết quả đánh giá chất lượng nước quý I.")
    project.article("2026/boi-duong-can-bo", "vi", title="Bồi dưỡng cán bộ cơ sở",
                    author="Phạm Quốc Đạt", categories=["Xây dựng Đảng"], date="2026-07-24 15:30",
                    body="""
                    Hơn 400 cán bộ chủ chốt cấp xã tham gia lớp bồi dưỡng năm ngày.

                    Các cán bộ được hướng dẫn kỹ năng giải quyết thủ tục hành chính.
                    """)
    # Near misses: "cần … bò", "nâng", "đa dạng", "dân" fold onto the test queries' words.
    project.article("2026/nuoi-bo", "vi", title="Nông dân cần vốn nuôi bò",
                    categories=["Kinh tế"], date="2026-08-01 09:00", body="""
                    Nhiều hộ dân xã Tân Hòa cần vay vốn để nuôi bò thịt, nâng cao thu nhập.

                    Nuôi bò giúp đa dạng sinh kế cho nông dân.
                    """)
    project.article("2026/doanh-nghiep", "vi", title="Doanh nghiệp phía Nam đầu tư vào Sông Lam",
                    categories=["Kinh tế"], date="2026-09-01 09:00",
                    body="Một doanh nghiệp từ Bình Dương khởi công nhà máy may.")
    # Written as macOS writes it: decomposed accents.
    project.write("news/2026/hoi-nghi/index.vi.md", NFD("NFD", (
        "---\n"
        'title: "Hội nghị tổng kết mùa mưa bão"\n'
        'date: "2026-10-02 09:00"\n'
        'author: "Lê Minh Châu"\n'
        "language: vi\n"
        "categories: [Thời sự]\n"
        "---\n\n"
        "Hội nghị tổng kết công tác phòng chống thiên tai năm 2026.\n")))
    built = project.build()
    assert built.ok, built.output
    return built.site_dir


@pytest.fixture(scope="module")
def site(built_site, site_server):
    return site_server(built_site)


def _search(page, site: str, path: str, query: str) -> list[str]:
    """Open the search page for ``query``; the result links' paths, best first."""
    page.goto(f"{site}{path}?q={quote(query)}")
    page.wait_for_selector("[data-search-state=done]")
    return page.eval_on_selector_all(".toasoan-search__result h2 a",
                                     "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize(("query", "expected"), [
    ("duong", "/news/2026/tuyen-duong/"),
    ("da nang", "/news/2026/doan-da-nang/"),
    ("danh gia", "/news/2026/danh-gia-nuoc/"),
    ("can bo", "/news/2026/boi-duong-can-bo/"),
    ("Đà Nẵng", "/news/2026/doan-da-nang/"),
    ("đường ven biển", "/news/2026/tuyen-duong/"),
])
def test_vietnamese_typed_without_marks_finds_the_right_article_first(page, site, query, expected):
    found = _search(page, site, "tim-kiem/", query)
    assert found and found[0] == expected, found


def test_accented_query_ranks_exact_accent_matches_first(page, site):
    assert _search(page, site, "tim-kiem/", "cần bò")[0] == "/news/2026/nuoi-bo/"
    assert _search(page, site, "tim-kiem/", "cán bộ")[0] == "/news/2026/boi-duong-can-bo/"


def test_nfd_encoded_article_is_found_with_either_form_of_query(page, site):
    assert _search(page, site, "tim-kiem/", "hoi nghi tong ket")[0] == "/news/2026/hoi-nghi/"
    nfd_query = NFD("NFD", "Hội nghị tổng kết")
    assert _search(page, site, "tim-kiem/", nfd_query)[0] == "/news/2026/hoi-nghi/"
    title = page.inner_text(".toasoan-search__result h2 a")
    assert title == "Hội nghị tổng kết mùa mưa bão" and unicodedata.is_normalized("NFC", title)


def test_english_page_never_returns_vietnamese_results(page, site):
    found = _search(page, site, "en/search/", "da nang")
    assert found[0] == "/en/news/2026/doan-da-nang/"
    for query in ("da nang", "duong", "can bo", "cán bộ", "Sông Lam", "hoi nghi"):
        found = _search(page, site, "en/search/", query)
        assert all(path.startswith("/en/") for path in found), (query, found)
    assert page.get_attribute("html", "lang") == "en"


def test_result_shows_title_date_and_highlighted_excerpt(page, site):
    _search(page, site, "tim-kiem/", "duong")
    first = page.locator(".toasoan-search__result").first
    assert first.locator("h2 a").inner_text() == "Thông xe tuyến đường ven biển Cửa Lam"
    assert first.locator(".toasoan-search__meta").inner_text().startswith("14/03/2026")
    marks = first.locator(".toasoan-search__excerpt mark").all_inner_texts()
    assert marks and all(NFD("NFC", m).lower().startswith("đường") for m in marks), marks
    assert "kết quả" in page.inner_text("[data-search-status]")


def test_filters_list_this_language_categories_and_authors_and_narrow_results(page, site):
    page.goto(f"{site}tim-kiem/")
    page.wait_for_selector("[data-search-state=done]")
    categories = page.eval_on_selector_all("select[name=category] option", "o => o.map(x => x.value)")
    assert set(categories) == {"", "Đô thị", "Thời sự", "Xây dựng Đảng", "Kinh tế"}
    authors = page.eval_on_selector_all("select[name=author] option", "o => o.map(x => x.value)")
    assert "Phạm Quốc Đạt" in authors and "Lê Minh Châu" in authors
    page.select_option("select[name=category]", "Kinh tế")
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
    found = page.eval_on_selector_all(".toasoan-search__result h2 a",
                                      "links => links.map(a => new URL(a.href).pathname)")
    assert sorted(found) == ["/news/2026/doanh-nghiep/", "/news/2026/nuoi-bo/"]
    assert "category=Kinh+t%E1%BA%BF" in page.url or "category=Kinh%20t%E1%BA%BF" in page.url
    assert _search(page, site, "tim-kiem/", "can bo")  # a fresh page keeps no filter


def test_sort_by_newest_orders_results_by_date(page, site):
    page.goto(f"{site}tim-kiem/?q={quote('Sông Lam')}&sort=date")
    page.wait_for_selector("[data-search-state=done]")
    dates = page.eval_on_selector_all(".toasoan-search__meta", "m => m.map(x => x.textContent)")
    days = [tuple(reversed(d.split(" · ")[0].split("/"))) for d in dates]
    assert len(days) >= 3 and days == sorted(days, reverse=True), dates


def test_keyboard_alone_from_header_box_to_an_article(page, site):
    page.goto(site)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "toasoan-search-box-q":
            break
    else:
        pytest.fail("the header search box is not reachable with Tab")
    page.keyboard.type("can bo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=can+bo")
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.toasoan-search__result') !== null"):
            break
    else:
        pytest.fail("no result link is reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/2026/boi-duong-can-bo/")


def test_phone_sized_screen_keeps_a_search_button_and_a_usable_page(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        page.goto(site)
        assert not page.is_visible("#toasoan-search-box-q")
        button = page.locator(".toasoan-search-box__button")
        assert button.is_visible()
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= 360
        button.tap()
        page.wait_for_url("**/tim-kiem/**")
        page.fill("#toasoan-search-q", "da nang")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.locator("#toasoan-search-q").bounding_box()["width"] >= 150
    finally:
        context.close()


def test_without_javascript_the_header_box_still_opens_the_search_page(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}en/")
        page.fill("#toasoan-search-box-q", "coastal road")
        page.press("#toasoan-search-box-q", "Enter")
        page.wait_for_url("**/en/search/?q=coastal+road")
        assert page.inner_text("h1") == "Search"
    finally:
        context.close()


def test_browser_query_widening_matches_the_python_rule(page, site):
    page.goto(f"{site}tim-kiem/")
    queries = ["duong", "da nang", "Da Nang", "đường", "Đà dang", "di duong", "can bo", "",
               "d1 d2 d3 d4 d5", NFD("NFD", "Đà Nẵng"), "  dong   du  "]
    in_browser = page.evaluate("qs => qs.map(q => toasoanSearch.queryVariants(q))", queries)
    assert in_browser == [query_variants(q) for q in queries]


def test_site_published_under_a_subpath_links_results_under_it(browser, built_site, site_server,
                                                              tmp_path_factory):
    host = tmp_path_factory.mktemp("subpath-host")
    (host / "bao").symlink_to(built_site, target_is_directory=True)
    page = browser.new_page()
    try:
        found = _search(page, site_server(host), "bao/en/search/", "coastal road")
        assert found[0] == "/bao/en/news/2026/tuyen-duong/"
        page.click(".toasoan-search__result h2 a")
        page.wait_for_url("**/bao/en/news/2026/tuyen-duong/")
    finally:
        page.close()


@pytest.mark.parametrize(("script_src", "works"), [
    ("'self' 'wasm-unsafe-eval'", True),
    ("'self'", False),
])
def test_search_under_a_content_security_policy_needs_wasm(browser, built_site, site_server,
                                                          script_src, works):
    policy = f"default-src 'self'; script-src {script_src}; img-src 'self' data:"
    served = site_server(built_site, {"Content-Security-Policy": policy})
    page = browser.new_page()
    try:
        page.goto(f"{served}tim-kiem/?q=duong")
        page.wait_for_selector("[data-search-state=done], [data-search-state=failed]")
        state = page.get_attribute("[data-toasoan-search]", "data-search-state")
        if works:
            assert state == "done"
            assert page.locator(".toasoan-search__result").count() > 0
        else:  # the reader is told, rather than left with an empty page
            assert state == "failed"
            assert "chưa sẵn sàng" in page.inner_text("[data-search-status]")
    finally:
        page.close()


def test_results_follow_typing_and_the_address_keeps_the_query(page, site):
    page.goto(f"{site}en/search/")
    page.wait_for_selector("[data-search-state=done]")
    page.locator("#toasoan-search-q").press_sequentially("delegation", delay=20)
    # On a busy machine a pause in the typing runs a search for part of the word first:
    # wait for the search of the whole word (the address changes when it starts).
    page.wait_for_url("**/en/search/?q=delegation")
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
    assert page.inner_text(".toasoan-search__result h2 a") == "Da Nang delegation visits Song Lam"
    assert page.inner_text("[data-search-status]") == "1 result"


# ---------------------------------------------------------------- an archive in shards
# Eleven Vietnamese articles of 2026 and six older ones, re-indexed with at most twelve
# articles per shard: vi/2026 and vi/2021-2024 (hooks/toasoan/search_shards.py).

OLDER = [("2021/cau-go", "2021-04-03 08:00", "Văn hóa", "Cây cầu gỗ ở Đồng Xuân đã trăm năm."),
         ("2022/cau-tre", "2022-06-10 08:00", "Văn hóa", "Cầu tre qua suối Khe Mây."),
         ("2022/cau-cang", "2022-09-15 08:00", "Kinh tế", "Cầu cảng Cửa Lam đón tàu hàng."),
         ("2023/cau-da", "2023-02-20 08:00", "Văn hóa", "Cầu đá cổ được trùng tu."),
         ("2024/cau-sat", "2024-07-01 08:00", "Văn hóa", "Cầu sắt cũ đóng cửa để sửa."),
         ("2024/cau-phao", "2024-12-01 08:00", "Văn hóa", "Cầu phao tạm thời bắc qua sông.")]


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory, site_server):
    from toasoan.search_shards import build_search_index

    project = new_project(tmp_path_factory.mktemp("search-archive") / "src")
    for month in range(1, 12):  # (December 2026 is after the tests' today)
        project.article(f"2026/cau-so-{month}", "vi", title=f"Cầu số {month} ở Khe Mây",
                        categories=["Đô thị"], date=f"2026-{month:02d}-05 08:00",
                        body=f"Cây cầu số {month} nối hai xã ven sông Lam.")
    for bundle, date, category, body in OLDER:
        project.article(bundle, "vi", title=f"Bài {bundle.split('/')[1]}", date=date,
                        categories=[category], body=body)
    project.article("2026/cau-so-1", "en", title="Bridge number 1", categories=["Urban affairs"],
                    body="The first bridge links two villages.")
    project.article("2023/cau-da", "en", title="Old stone bridge restored", date="2023-02-20 08:00",
                    categories=["Culture"], body="An old stone bridge is restored.")
    built = project.build()
    assert built.ok, built.output
    build_search_index(built.site_dir, max_pages=12)
    return site_server(built.site_dir)


def _track(page) -> list[str]:
    """The paths of the search files the page (and Pagefind's worker) fetch from now on."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    return fetched


def _shards_fetched(fetched: list[str]) -> set[str]:
    return {"/".join(path.split("/")[2:4]) for path in fetched
            if path.startswith("/pagefind/") and path.count("/") > 3}


def _paths(page) -> list[str]:
    return page.eval_on_selector_all(".toasoan-search__result h2 a",
                                     "links => links.map(a => new URL(a.href).pathname)")


def test_first_search_reads_the_newest_shard_and_older_articles_on_request(page, archive_site):
    fetched = _track(page)
    found = _search(page, archive_site, "tim-kiem/", "cau")
    assert len(found) == 11 and all(path.startswith("/news/2026/") for path in found), found
    assert page.inner_text("[data-search-status]") == "11+ kết quả"
    assert _shards_fetched(fetched) == {"vi/2026"}
    older = page.locator("[data-search-more]")
    assert older.inner_text() == "Tìm trong các bài cũ hơn"
    older.click()
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result >> nth=16")
    found = _paths(page)
    assert len(found) == 17 and len(set(found)) == 17
    assert found[:11] == [p for p in found if p.startswith("/news/2026/")]  # older ones after
    assert page.inner_text("[data-search-status]") == "17 kết quả"
    assert page.locator("[data-search-more]").count() == 0
    assert _shards_fetched(fetched) == {"vi/2026", "vi/2021-2024"}
    # the first of the older results has the keyboard focus
    assert page.evaluate("new URL(document.activeElement.href).pathname") == found[11]


def test_newest_first_runs_across_shards_in_date_order(page, archive_site):
    page.goto(f"{archive_site}tim-kiem/?q=cau&sort=date")
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
    page.locator("[data-search-more]").click()
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result >> nth=16")
    dates = page.eval_on_selector_all(".toasoan-search__meta", "m => m.map(x => x.textContent)")
    days = [tuple(reversed(d.split(" · ")[0].split("/"))) for d in dates]
    assert len(days) == 17 and days == sorted(days, reverse=True), dates


def test_filters_offer_the_whole_archive_and_a_filter_searches_back_in_time(page, archive_site):
    fetched = _track(page)
    page.goto(f"{archive_site}tim-kiem/")
    page.wait_for_selector("[data-search-state=done]")
    options = page.eval_on_selector_all("select[name=category] option", "o => o.map(x => x.text)")
    assert options == ["Mọi chuyên mục", "Đô thị (11)", "Kinh tế (1)", "Văn hóa (5)"]
    assert _shards_fetched(fetched) == set()  # the menus come from the entry alone
    page.select_option("select[name=category]", "Kinh tế")
    page.wait_for_selector("[data-search-state=done] .toasoan-search__result")
    assert _paths(page) == ["/news/2022/cau-cang/"]
    assert page.inner_text("[data-search-status]") == "1 kết quả"


def test_english_search_reads_only_english_shards(page, archive_site):
    fetched = _track(page)
    found = _search(page, archive_site, "en/search/", "bridge")
    assert sorted(found) == ["/en/news/2023/cau-da/", "/en/news/2026/cau-so-1/"]
    assert _shards_fetched(fetched) == {"en/2023-2026"}
