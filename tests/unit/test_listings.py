"""The listings model: order, pagination, grouping, language links, collisions (no build)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from toasoan.config import Language, load_settings
from toasoan.content import Article, Newsroom
from toasoan.edition import Edition
from toasoan.listings import ARCHIVE, AUTHOR, CATEGORY, HOME, page_numbers, plan, tabs
from toasoan.urls import archive_url, author_url, category_url, cover_url, page_url

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
TZ = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=TZ)
PAIRS = [{"vi": "Kinh tế", "en": "Economy"}, {"vi": "Đô thị", "en": "Urban affairs"},
         {"vi": "Xây dựng Đảng", "en": "Party building"}]


def settings(**news):
    news.setdefault("categories", PAIRS)
    return load_settings(news, LANGS)


def story(bundle: str, lang: str = "vi", *, day: int = 1, month: int = 3, categories=(),
          authors=("Trần Thị Đào",), **fields) -> Article:
    src = f"news/{bundle}/index.{lang}.md"
    return Article(src_uri=src, path=f"docs/{src}", lang=lang, bundle=f"news/{bundle}",
                   title=f"{lang} {bundle}", date=dt.datetime(2026, month, day, 8, 0, tzinfo=TZ),
                   authors=tuple(authors), categories=tuple(categories), **fields)


def newsroom(articles, page_urls=None, **news) -> Newsroom:
    return Newsroom(settings(**news), list(articles), [], dict(page_urls or {}))


def listing(result, lang, kind, key=""):
    return next(item for item in result.listings[lang] if item.kind == kind and item.key == key)


def bundles(edition):
    return [entry.article.bundle.removeprefix("news/") for entry in edition.entries]


def test_urls_are_localized_per_language():
    s = settings()
    assert category_url(s, "vi", "Đô thị") == "chuyen-muc/do-thi/"
    assert category_url(s, "en", "Urban affairs") == "en/category/urban-affairs/"
    assert author_url(s, "vi", "Trần Thị Đào") == "tac-gia/tran-thi-dao/"
    assert author_url(s, "en", "Trần Thị Đào") == "en/author/tran-thi-dao/"
    assert archive_url(s, "vi", 2026, 3) == "2026/03/"
    assert archive_url(s, "en", 2026, 3) == "en/2026/03/"
    assert page_url("", 1) == ""
    assert page_url("", 2) == "page/2/"
    assert page_url("en/category/economy/", 3) == "en/category/economy/page/3/"


def test_home_is_newest_first_with_the_pinned_story_on_top():
    articles = [story(f"a{day:02d}", day=day) for day in range(1, 8)]
    articles.append(story("ghim", day=1, month=2, pin=True))
    result = plan(Edition(newsroom(articles, page_size=3), NOW))
    home = listing(result, "vi", HOME)
    assert [len(e.entries) for e in home.pages] == [3, 3, 2]
    first = home.pages[0]
    assert first.top.article.bundle == "news/ghim"
    assert bundles(first) == ["ghim", "a07", "a06"]
    assert bundles(home.pages[1]) == ["a05", "a04", "a03"]
    assert bundles(home.pages[2]) == ["a02", "a01"]
    assert home.pages[1].top is None  # only page 1 has a top story


def test_without_a_pinned_story_the_newest_is_the_top_story():
    result = plan(Edition(newsroom([story("old", day=1), story("new", day=9)]), NOW))
    assert listing(result, "vi", HOME).pages[0].top.article.bundle == "news/new"


def test_every_article_appears_once_across_the_pages_of_a_listing():
    articles = [story(f"a{i:03d}", day=1 + i % 28, month=1 + i % 9) for i in range(95)]
    home = listing(plan(Edition(newsroom(articles), NOW)), "vi", HOME)
    shown = [e.article.bundle for edition in home.pages for e in edition.entries]
    assert len(home.pages) == 10 and len(shown) == 95 == len(set(shown))
    # newest first, throughout
    dates = [e.article.date for edition in home.pages for e in edition.entries]
    assert dates == sorted(dates, reverse=True)


def test_pagination_links_prev_next_and_numbers():
    articles = [story(f"a{i:02d}", day=i) for i in range(1, 26)]
    home = listing(plan(Edition(newsroom(articles, page_size=2), NOW)), "vi", HOME)
    assert len(home.pages) == 13
    first, middle, last = home.pages[0], home.pages[6], home.pages[-1]
    assert (first.url, first.previous_url, first.next_url) == ("", None, "page/2/")
    assert (middle.url, middle.previous_url, middle.next_url) == ("page/7/", "page/6/", "page/8/")
    assert (last.url, last.next_url) == ("page/13/", None)
    assert [link.label if link else None for link in middle.page_links] == [
        "1", None, "5", "6", "7", "8", "9", None, "13"]
    assert middle.src_uri == "page/7/index.md"


@pytest.mark.parametrize(("current", "count", "expected"), [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 9, [1, 2, 3, None, 9]),
    (4, 9, [1, 2, 3, 4, 5, 6, None, 9]),
    (9, 9, [1, None, 7, 8, 9]),
])
def test_page_numbers_show_first_last_and_neighbours(current, count, expected):
    assert page_numbers(current, count) == expected


def test_categories_authors_and_months_group_one_language():
    articles = [
        story("a", day=2, categories=["Kinh tế", "Đô thị"], authors=["Trần Thị Đào", "Lê Minh Châu"]),
        story("b", day=3, month=4, categories=["Kinh tế"]),
        story("a", "en", day=2, categories=["Economy"], authors=["Trần Thị Đào"]),
    ]
    result = plan(Edition(newsroom(articles), NOW))
    economy = listing(result, "vi", CATEGORY, "kinh-te")
    assert economy.url == "chuyen-muc/kinh-te/" and economy.label == "Kinh tế"
    assert bundles(economy.pages[0]) == ["b", "a"]
    assert bundles(listing(result, "vi", CATEGORY, "do-thi").pages[0]) == ["a"]
    assert bundles(listing(result, "vi", AUTHOR, "le-minh-chau").pages[0]) == ["a"]
    assert bundles(listing(result, "vi", AUTHOR, "tran-thi-dao").pages[0]) == ["b", "a"]
    march = listing(result, "vi", ARCHIVE, "2026/03")
    assert (march.url, march.label) == ("2026/03/", "Tháng 3/2026")
    assert listing(result, "en", ARCHIVE, "2026/03").label == "March 2026"
    assert bundles(listing(result, "en", CATEGORY, "economy").pages[0]) == ["a"]
    assert [item.url for item in result.listings["en"] if item.kind == AUTHOR] == [
        "en/author/tran-thi-dao/"]


def test_month_is_the_month_in_the_site_time_zone():
    # 2026-03-31 20:00 UTC is already 1 April in Hà Nội
    late = story("late")
    late.date = dt.datetime(2026, 3, 31, 20, 0, tzinfo=dt.UTC)
    result = plan(Edition(newsroom([late]), NOW))
    assert [item.key for item in result.listings["vi"] if item.kind == ARCHIVE] == ["2026/04"]


def test_drafts_and_future_articles_are_listed_nowhere():
    articles = [story("ok", categories=["Kinh tế"]),
                story("draft", categories=["Kinh tế", "Bí mật"], authors=["Ẩn Danh"], draft=True),
                story("future", month=12, categories=["Tương lai"])]
    result = plan(Edition(newsroom(articles), NOW))
    listed = {e.article.bundle for ed in result.pages("vi") for e in ed.entries}
    assert listed == {"news/ok"}
    keys = {(item.kind, item.key) for item in result.listings["vi"]}
    assert (CATEGORY, "bi-mat") not in keys and (CATEGORY, "tuong-lai") not in keys
    assert (AUTHOR, "an-danh") not in keys and (ARCHIVE, "2026/12") not in keys


def test_preview_lists_drafts_and_future_articles_marked_unpublished():
    articles = [story("ok", day=1), story("draft", day=2, draft=True), story("future", month=12)]
    preview = Edition(Newsroom(load_settings({}, LANGS), articles, [], {}), NOW, preview=True)
    entries = listing(plan(preview), "vi", HOME).pages[0].entries
    assert [(e.article.bundle, e.unpublished) for e in entries] == [
        ("news/future", True), ("news/draft", True), ("news/ok", False)]


def test_configured_categories_exist_even_when_empty_and_empty_language_has_a_home():
    result = plan(Edition(newsroom([story("a")]), NOW))
    party = listing(result, "en", CATEGORY, "party-building")
    assert party.url == "en/category/party-building/"
    assert len(party.pages) == 1 and party.pages[0].entries == ()
    home_en = listing(result, "en", HOME)
    assert home_en.pages[0].entries == () and home_en.pages[0].top is None
    assert home_en.pages[0].strings["empty"] == "No articles yet"
    assert listing(result, "vi", CATEGORY, "xay-dung-dang").pages[0].strings["empty"] == (
        "Chưa có bài viết")


def test_category_switch_goes_to_its_paired_category_and_unpaired_ones_have_none():
    articles = [story("a", categories=["Kinh tế", "Phóng sự"]),
                story("a", "en", categories=["Economy"])]
    result = plan(Edition(newsroom(articles), NOW))
    assert listing(result, "vi", CATEGORY, "kinh-te").pages[0].alternates == {
        "vi": "chuyen-muc/kinh-te/", "en": "en/category/economy/"}
    assert listing(result, "en", CATEGORY, "economy").pages[0].alternates == {
        "en": "en/category/economy/", "vi": "chuyen-muc/kinh-te/"}
    assert listing(result, "vi", CATEGORY, "phong-su").pages[0].alternates == {
        "vi": "chuyen-muc/phong-su/"}


def test_page_n_switches_to_page_n_of_the_counterpart_or_its_first_page():
    articles = [story(f"v{i}", day=i, categories=["Kinh tế"]) for i in range(1, 6)]
    articles += [story(f"v{i}", "en", day=i, categories=["Economy"]) for i in range(1, 4)]
    result = plan(Edition(newsroom(articles, page_size=2), NOW))
    vi_home = listing(result, "vi", HOME).pages
    assert [e.alternates["en"] for e in vi_home] == ["en/", "en/page/2/", "en/"]
    assert [e.alternates["vi"] for e in vi_home] == ["", "page/2/", "page/3/"]
    economy = listing(result, "vi", CATEGORY, "kinh-te").pages
    assert [e.alternates["en"] for e in economy] == [
        "en/category/economy/", "en/category/economy/page/2/", "en/category/economy/"]


def test_author_and_month_switch_only_where_the_other_language_has_them():
    articles = [story("a", day=2, authors=["Trần Thị Đào"]), story("b", month=5, authors=["Lê Minh Châu"]),
                story("a", "en", day=2, authors=["Trần Thị Đào"])]
    result = plan(Edition(newsroom(articles), NOW))
    assert listing(result, "vi", AUTHOR, "tran-thi-dao").pages[0].alternates["en"] == (
        "en/author/tran-thi-dao/")
    assert "en" not in listing(result, "vi", AUTHOR, "le-minh-chau").pages[0].alternates
    assert listing(result, "vi", ARCHIVE, "2026/03").pages[0].alternates["en"] == "en/2026/03/"
    assert "en" not in listing(result, "vi", ARCHIVE, "2026/05").pages[0].alternates


def test_labels_that_differ_only_in_unicode_normalization_are_one_category():
    nfd = unicodedata.normalize("NFD", "Đô thị")
    result = plan(Edition(newsroom([story("a", categories=["Đô thị"]), story("b", categories=[nfd])]), NOW))
    assert result.problems == []
    assert sorted(bundles(listing(result, "vi", CATEGORY, "do-thi").pages[0])) == ["a", "b"]


def test_labels_with_the_same_slug_but_different_spelling_are_an_error_naming_both_files():
    articles = [story("a", day=2, categories=["Phóng sự"]), story("b", categories=["Phong su"])]
    problems = [str(p) for p in plan(Edition(newsroom(articles), NOW)).problems]
    assert problems == [
        'docs/news/b/index.vi.md: category "Phong su" and category "Phóng sự" '
        '(docs/news/a/index.vi.md) would both be published at "/chuyen-muc/phong-su/"; '
        "spell them the same way, or rename one"]


def test_a_label_making_another_s_address_is_reported_at_its_front_matter_line():
    articles = [story("a", day=2, categories=["Phóng sự"]),
                story("b", categories=["Phong su"], tags=["Cầu"], lines={"categories": 6, "tags": 7}),
                story("c", tags=["cau"], lines={"tags": 8})]
    problems = [str(p) for p in plan(Edition(newsroom(articles), NOW)).problems]
    assert problems[0].startswith('docs/news/b/index.vi.md:6: category "Phong su" and category '
                                  '"Phóng sự" (docs/news/a/index.vi.md) would both be published')
    assert problems[1].startswith('docs/news/b/index.vi.md:7: tag "Cầu" and tag "cau" '
                                  '(docs/news/c/index.vi.md)')


def test_a_label_spelled_unlike_the_configured_one_is_an_error_naming_the_setting():
    problems = [str(p) for p in plan(Edition(newsroom([story("a", categories=["Do thi"])]), NOW)).problems]
    assert len(problems) == 1
    assert problems[0].startswith('docs/news/a/index.vi.md: category "Do thi" and category '
                                  '"Đô thị" (mkdocs.yml: extra.news.categories[1].vi)')


def test_author_names_that_make_the_same_address_are_an_error():
    articles = [story("a", day=2, authors=["Trần Thị Đào"]), story("b", authors=["Tran Thi Dao"])]
    problems = [str(p) for p in plan(Edition(newsroom(articles), NOW)).problems]
    assert len(problems) == 1
    assert problems[0].startswith('docs/news/b/index.vi.md: author "Tran Thi Dao" and author '
                                  '"Trần Thị Đào" (docs/news/a/index.vi.md)')


def test_a_page_written_where_a_listing_goes_is_an_error_naming_both():
    pages = {"chuyen-muc/kinh-te/": "docs/chuyen-muc/kinh-te.vi.md",
             "en/2026/03/": "docs/2026/03.en.md", "": "docs/index.vi.md"}
    articles = [story("a", categories=["Kinh tế"]), story("a", "en")]
    problems = sorted(str(p) for p in plan(Edition(newsroom(articles, pages), NOW)).problems)
    assert problems == [
        'docs/2026/03.en.md: writes the same URL "/en/2026/03/" as the generated en archive '
        'page "March 2026", from docs/news/a/index.en.md; rename or move this page',
        'docs/chuyen-muc/kinh-te.vi.md: writes the same URL "/chuyen-muc/kinh-te/" as the '
        'generated vi category page "Kinh tế", from mkdocs.yml: extra.news.categories[0].vi; '
        "rename or move this page",
        'docs/index.vi.md: writes the same URL "/" as the generated vi home page; '
        "rename or move this page",
    ]


def test_collision_check_ignores_case_and_unicode_normalization_of_page_urls():
    page = unicodedata.normalize("NFD", "Chuyen-Muc/kinh-te/")
    problems = plan(Edition(newsroom([story("a")], {page: "docs/x.md"}), NOW)).problems
    assert [p.path for p in problems] == ["docs/x.md"]


def test_entry_shows_cover_dateline_category_and_encoded_urls():
    article = story("cau moi", categories=["Đô thị", "Kinh tế"], image="ảnh 1.jpg", lead="Sapo.")
    result = plan(Edition(newsroom([article]), NOW))
    entry = listing(result, "vi", HOME).pages[0].entries[0]
    assert entry.url == "news/cau%20moi/"
    assert entry.image_url == "news/cau%20moi/%E1%BA%A3nh%201.jpg"
    assert entry.datetime == "2026-03-01T08:00:00+07:00"
    assert entry.dateline == "01/03/2026 - 08:00"
    assert (entry.category.label, entry.category.url) == ("Đô thị", "chuyen-muc/do-thi/")


def test_cover_url_is_relative_to_the_site_and_photo_size_is_read(tmp_path: Path):
    assert cover_url(story("a", image="../b/x.jpg")) == "news/b/x.jpg"
    assert cover_url(story("a")) is None
    from PIL import Image

    (tmp_path / "news" / "a").mkdir(parents=True)
    Image.new("RGB", (64, 40)).save(tmp_path / "news" / "a" / "x.jpg")
    result = plan(Edition(newsroom([story("a", image="x.jpg")]), NOW), tmp_path)
    entry = listing(result, "vi", HOME).pages[0].entries[0]
    assert (entry.width, entry.height) == (64, 40)


def test_titles_of_listing_pages():
    articles = [story(f"a{i}", day=i, categories=["Kinh tế"]) for i in range(1, 4)]
    result = plan(Edition(newsroom(articles, page_size=2), NOW))
    assert [e.title for e in listing(result, "vi", CATEGORY, "kinh-te").pages] == [
        "Kinh tế", "Kinh tế – Trang 2"]
    assert [e.title for e in listing(result, "en", HOME).pages] == ["Home"]


def test_tabs_are_home_and_the_configured_categories_of_the_language():
    assert [(t.label, t.url) for t in tabs(settings(), "en")] == [
        ("Home", "en/"), ("Economy", "en/category/economy/"),
        ("Urban affairs", "en/category/urban-affairs/"),
        ("Party building", "en/category/party-building/")]
    assert [t.url for t in tabs(settings(categories=[]), "vi")] == [""]


def test_each_month_links_to_the_nearest_months_with_articles():
    articles = [story("a", month=1), story("b", month=3), story("c", month=3, day=2),
                story("d", month=7), story("e", "en", month=5)]
    result = plan(Edition(newsroom(articles), NOW))
    jan, mar, jul = (listing(result, "vi", ARCHIVE, key) for key in ("2026/01", "2026/03", "2026/07"))
    assert jan.earlier is None and (jan.later.label, jan.later.url) == ("Tháng 3/2026", "2026/03/")
    assert (mar.earlier.url, mar.later.url) == ("2026/01/", "2026/07/")
    assert (jul.earlier.label, jul.later) == ("Tháng 3/2026", None)
    may = listing(result, "en", ARCHIVE, "2026/05")  # each language its own months
    assert may.earlier is None and may.later is None
