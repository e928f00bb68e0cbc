"""What an article page shows, computed without a build (toasoan.article, toasoan.urls)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from toasoan.article import (
    BylinePart,
    article_page,
    breadcrumb,
    byline,
    dateline,
    demote_headings,
    full_dateline,
    gmt_offset,
    month_url,
    onward,
    reading_minutes,
    related,
    side_column,
    signature,
)
from toasoan.config import Language, load_settings
from toasoan.content import Article, Newsroom
from toasoan.dates import timezone
from toasoan.edition import Edition
from toasoan.urls import absolute_url, category_url, home_url
from toasoan.views import language_switch

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
TZ = timezone("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=TZ)
SITE = "https://baosonglam.example.org/"


def settings(**news):
    return load_settings(news, LANGS)


def story(bundle: str, lang: str = "vi", *, day: int = 1, month: int = 3, categories=(),
          **fields) -> Article:
    src = f"news/{bundle}/index.{lang}.md"
    fields.setdefault("authors", ("Trần Thị Đào",))
    return Article(src_uri=src, path=f"docs/{src}", lang=lang, bundle=f"news/{bundle}",
                   title=f"{lang} {bundle}", date=dt.datetime(2026, month, day, 8, 0, tzinfo=TZ),
                   categories=tuple(categories), **fields)


def room(*articles, **news) -> Newsroom:
    return Newsroom(settings(**news), list(articles))


def edition(*articles, **news) -> Edition:
    return Edition(room(*articles, **news), NOW)


S = settings()
VI, EN = S.language("vi"), S.language("en")
LANGUAGE = {"vi": VI, "en": EN}


# --- dateline -----------------------------------------------------------------------------

def test_dateline_vietnamese_is_day_month_year_dash_time():
    moment = dt.datetime(2021, 1, 21, 17, 49, tzinfo=TZ)
    line = dateline(moment, VI, TZ)
    assert line.text == "21/01/2021 - 17:49"
    assert line.iso == "2021-01-21T17:49:00+07:00"


def test_dateline_english_spells_the_month():
    assert dateline(dt.datetime(2021, 1, 21, 17, 49, tzinfo=TZ), EN, TZ).text == \
        "January 21, 2021, 17:49"


def test_full_dateline_above_an_article_adds_the_weekday_and_the_time_zone():
    moment = dt.datetime(2026, 3, 14, 8, 30, tzinfo=TZ)
    assert full_dateline(moment, VI, TZ).text == "Thứ Bảy, 14/03/2026 - 08:30 (GMT+7)"
    assert full_dateline(moment, EN, TZ).text == "Saturday, March 14, 2026, 08:30 (GMT+7)"
    assert full_dateline(moment, EN, TZ).iso == "2026-03-14T08:30:00+07:00"
    # in the site's time zone, whatever the offset it was written with
    utc = dt.datetime(2026, 3, 14, 20, 0, tzinfo=dt.UTC)
    assert full_dateline(utc, VI, TZ).text == "Chủ Nhật, 15/03/2026 - 03:00 (GMT+7)"


@pytest.mark.parametrize(("offset", "expected"), [
    (dt.timedelta(hours=7), "GMT+7"), (dt.timedelta(hours=5, minutes=30), "GMT+5:30"),
    (dt.timedelta(hours=-3), "GMT-3"), (dt.timedelta(0), "GMT"),
    (dt.timedelta(hours=-9, minutes=-30), "GMT-9:30"),
])
def test_gmt_offset_is_written_as_papers_print_it(offset, expected):
    assert gmt_offset(dt.datetime(2026, 1, 1, tzinfo=dt.timezone(offset))) == expected


def test_dateline_is_shown_in_the_site_time_zone():
    utc = dt.datetime(2021, 1, 21, 20, 30, tzinfo=dt.UTC)  # 03:30 next day in Hà Nội
    line = dateline(utc, VI, TZ)
    assert line.text == "22/01/2021 - 03:30"
    assert line.iso == "2021-01-22T03:30:00+07:00"


# --- signature, reading time ----------------------------------------------------------------

@pytest.mark.parametrize(("authors", "lang", "expected"), [
    (("Trần Thị Đào",), "vi", "Trần Thị Đào"),
    (("Trần Thị Đào", "Lê Minh Châu"), "vi", "Trần Thị Đào và Lê Minh Châu"),
    (("A", "B", "C"), "en", "A, B, and C"),
    ((), "vi", ""),
])
def test_signature_joins_authors_as_the_language_does(authors, lang, expected):
    assert signature(authors, LANGUAGE[lang]) == expected


def test_reading_time_counts_words_at_least_one_minute():
    assert reading_minutes("Một câu ngắn.") == 1
    assert reading_minutes(" ".join(["chữ"] * 1100)) == 5
    # photo markup and caption block fences are not words read
    assert reading_minutes("![" + "alt " * 500 + "](a.jpg)\n\n/// caption\n") == 1


# --- URLs -----------------------------------------------------------------------------------

def test_category_url_is_localized_and_slugged():
    s = settings()
    assert category_url(s, "vi", "Đô thị") == "chuyen-muc/do-thi/"
    assert category_url(s, "vi", "Xây dựng Đảng") == "chuyen-muc/xay-dung-dang/"
    assert category_url(s, "en", "Urban affairs") == "en/category/urban-affairs/"
    assert home_url(s, "vi") == "" and home_url(s, "en") == "en/"


def test_absolute_url_joins_the_site_url_and_encodes_the_path():
    assert absolute_url(SITE, "en/news/2026/x/") == SITE + "en/news/2026/x/"
    assert absolute_url(SITE, "") == SITE
    assert absolute_url("https://example.org/bao", "tin/đà/") == "https://example.org/bao/tin/%C4%91%C3%A0/"


# --- breadcrumb, related -------------------------------------------------------------------

def test_breadcrumb_is_the_primary_category_linked_to_its_listing():
    s = settings()
    crumbs = breadcrumb(s, story("a", categories=["Kinh tế", "Đô thị"]))
    assert [(c.label, c.url) for c in crumbs] == [("Kinh tế", "chuyen-muc/kinh-te/")]
    assert breadcrumb(s, story("b")) == []


def test_related_are_the_five_nearest_earlier_articles_sharing_a_category_same_language():
    me = story("me", day=10, categories=["Kinh tế", "Đô thị"])
    others = [story(f"k{i}", day=i, categories=["Kinh tế"]) for i in range(1, 7)]
    urban = story("urban", day=20, month=4, categories=["Đô thị"])
    unrelated = story("culture", day=9, categories=["Văn hóa"])
    english = story("en-one", "en", day=8, categories=["Kinh tế"])
    draft = story("draft", day=7, categories=["Kinh tế"], draft=True)
    found = related(edition(me, *others, urban, unrelated, english, draft), me)
    assert [a.bundle for a in found] == ["news/k6", "news/k5", "news/k4", "news/k3", "news/k2"]


def test_related_are_topped_up_with_the_nearest_later_articles_and_ignore_newer_news():
    me = story("me", day=3, categories=["Kinh tế"])
    earlier = [story(f"e{i}", day=i, categories=["Kinh tế"]) for i in (1, 2)]
    later = [story(f"l{i}", day=i, categories=["Kinh tế"]) for i in range(4, 12)]
    found = related(edition(me, *earlier, *later), me)
    assert [a.bundle for a in found] == ["news/e2", "news/e1", "news/l4", "news/l5", "news/l6"]
    # Once it has five later neighbours, publishing newer articles changes nothing.
    newest = [story(f"n{i}", day=20 + i, categories=["Kinh tế"]) for i in range(5)]
    assert related(edition(me, *earlier, *later, *newest), me) == found


def test_an_article_without_categories_has_no_related_news():
    news = edition(story("a"), story("b"))
    assert related(news, news.newsroom.articles[0]) == []


def test_related_excludes_the_translation_of_the_story_itself():
    vi = story("same", categories=["Kinh tế"])
    news = edition(vi, story("same", "en", categories=["Kinh tế"]), story("x", categories=["Kinh tế"]))
    assert [a.bundle for a in related(news, vi)] == ["news/x"]


# --- alternates and the language switch ------------------------------------------------------

def test_article_alternates_list_published_versions_only():
    vi, en = story("pair"), story("pair", "en")
    alone = story("alone")
    future_en = story("later", "en", month=12)
    later_vi = story("later")
    news = edition(vi, en, alone, future_en, later_vi)
    assert news.alternates(vi) == {"vi": "news/pair/", "en": "en/news/pair/"}
    assert news.alternates(en) == {"vi": "news/pair/", "en": "en/news/pair/"}
    assert news.alternates(alone) == {"vi": "news/alone/"}
    assert news.alternates(later_vi) == {"vi": "news/later/"}


def test_switch_links_vi_article_to_its_en_translation():
    links = language_switch(S.languages, {"vi": "news/pair/", "en": "en/news/pair/"}, VI, "article")
    assert [(link.code, link.name, link.url, link.current, link.translated) for link in links] == [
        ("vi", "Tiếng Việt", "news/pair/", True, True),
        ("en", "English", "en/news/pair/", False, True),
    ]


def test_switch_without_translation_goes_to_that_languages_home():
    vi, en = language_switch(S.languages, {"en": "en/news/only/"}, EN, "article")
    assert (vi.url, vi.translated, vi.current) == ("", False, False)
    assert vi.note == "This article is not available in Vietnamese" and en.note == ""
    assert (en.url, en.translated, en.current) == ("en/news/only/", True, True)


# --- the page as a whole ----------------------------------------------------------------------

def test_article_page_gathers_dateline_signature_share_and_related():
    me = story("me", day=10, categories=["Kinh tế"], lead="Sapo.",
               updated=dt.datetime(2026, 3, 11, 9, 5, tzinfo=TZ),
               authors=("Trần Thị Đào", "Lê Minh Châu"), body="Thân bài.")
    other = story("other", day=9, categories=["Kinh tế"])
    view = article_page(edition(me, other), me, SITE)
    assert view.canonical_url == SITE + "news/me/"
    assert view.published.text == "Thứ Ba, 10/03/2026 - 08:00 (GMT+7)"
    assert view.updated is not None and view.updated.text == "Thứ Tư, 11/03/2026 - 09:05 (GMT+7)"
    assert view.signature == "Trần Thị Đào và Lê Minh Châu"
    assert [r.url for r in view.related] == ["news/other/"]
    assert view.breadcrumb[0].url == "chuyen-muc/kinh-te/"
    assert view.section_url == "chuyen-muc/kinh-te/" and view.month_url == "2026/03/"
    assert [(part.text, part.url) for part in view.byline] == [
        ("Trần Thị Đào", "tac-gia/tran-thi-dao/"), (" và ", None),
        ("Lê Minh Châu", "tac-gia/le-minh-chau/")]
    assert [item.url for item in view.side.in_section] == ["news/other/"]
    facebook = next(link for link in view.share if link.network == "facebook")
    assert parse_qs(urlsplit(facebook.href).query) == {"u": [SITE + "news/me/"]}


def test_updated_equal_to_date_is_not_shown_and_no_site_url_gives_root_relative():
    me = story("me", updated=dt.datetime(2026, 3, 1, 8, 0, tzinfo=TZ))
    view = article_page(edition(me), me, None)
    assert view.updated is None
    assert view.canonical_url == "/news/me/"


# --- headings -------------------------------------------------------------------------------------

def test_body_headings_move_down_a_level_when_the_body_has_an_h1():
    html = '<h1 id="a">A</h1><p>x</p><h2>B</h2><h6>F</h6><pre><code>&lt;h1&gt;</code></pre>'
    assert demote_headings(html) == \
        '<h2 id="a">A</h2><p>x</p><h3>B</h3><h6>F</h6><pre><code>&lt;h1&gt;</code></pre>'


def test_body_without_h1_keeps_its_headings():
    html = "<h2>Hết cảnh chờ phà</h2><p>x</p><h3>y</h3><hr />"
    assert demote_headings(html) == html


# --- byline, month, onward links, side column (issue 18) ---------------------------------------

def test_byline_links_each_name_to_its_author_page_in_the_language():
    s = settings()
    assert byline(s, ["Trần Thị Đào"], LANGUAGE["vi"]) == [BylinePart("Trần Thị Đào", "tac-gia/tran-thi-dao/")]
    parts = byline(s, ["A Bình", "C Dũng", "Đ Em"], LANGUAGE["en"])
    assert [(p.text, p.url) for p in parts] == [
        ("A Bình", "en/author/a-binh/"), (", ", None), ("C Dũng", "en/author/c-dung/"),
        (", and ", None), ("Đ Em", "en/author/d-em/")]
    assert "".join(p.text for p in parts) == signature(["A Bình", "C Dũng", "Đ Em"], EN)
    assert byline(s, [], LANGUAGE["vi"]) == []


def test_byline_name_without_letters_has_no_author_page():
    assert byline(settings(), ["***"], LANGUAGE["vi"]) == [BylinePart("***", None)]


def test_month_url_is_the_publication_month_in_the_site_time_zone():
    s = settings()
    late = dt.datetime(2026, 3, 31, 20, 0, tzinfo=dt.UTC)  # 1 April, 03:00 in Hà Nội
    assert month_url(s, late, "vi") == "2026/04/"
    assert month_url(s, late, "en") == "en/2026/04/"


def test_onward_links_are_topped_up_from_the_section_then_the_newest():
    me = story("me", day=20, categories=["Kinh tế", "Đô thị"])
    shared = story("shared", day=2, categories=["Đô thị"])
    newest = [story(f"new{n}", day=10 + n, categories=["Văn hóa"]) for n in range(3)]
    english = story("en1", "en", day=25, categories=["Economy"])
    found = onward(edition(me, shared, english, *newest), me)
    # the related story first, then the newest of the language (none of its section is left)
    assert [a.bundle for a in found] == ["news/shared", "news/new2", "news/new1"]


def test_onward_links_keep_all_related_when_there_are_enough():
    me = story("me", day=20, categories=["Kinh tế"])
    related_ones = [story(f"r{n}", day=n + 1, categories=["Kinh tế"]) for n in range(6)]
    newer = story("newer", day=25, categories=["Văn hóa"])
    found = onward(edition(me, newer, *related_ones), me)
    assert [a.bundle for a in found] == [f"news/r{n}" for n in (5, 4, 3, 2, 1)]


def test_onward_links_of_a_lone_article_are_none():
    me = story("me", categories=["Kinh tế"])
    assert onward(edition(me), me) == []


def test_side_column_lists_the_section_neighbours_and_points_at_the_latest():
    me = story("me", day=20, categories=["Kinh tế"])
    section = [story(f"s{n}", day=n + 1, categories=["Kinh tế"]) for n in range(7)]
    other = story("other", day=25, categories=["Văn hóa"])
    draft = story("draft", day=19, categories=["Kinh tế"], draft=True)
    side = side_column(edition(me, other, draft, *section), me)
    assert side.section is not None and side.section.url == "chuyen-muc/kinh-te/"
    assert [item.url for item in side.in_section] == [f"news/s{n}/" for n in (6, 5, 4, 3, 2)]
    assert side.in_section[0].dateline.text == "07/03/2026 - 08:00"
    assert side.latest_url == "latest.json"  # the newest news: filled in the browser


def test_side_column_of_an_article_without_a_section_has_no_section_list():
    me = story("me")
    side = side_column(edition(me, story("other", day=2)), me)
    assert side.section is None and side.in_section == []
    assert side_column(edition(story("x", "en")), story("x", "en")).latest_url == "en/latest.json"


def test_tags_are_links_to_their_listings_once_each_without_empty_addresses():
    from dataclasses import replace

    from toasoan.article import tag_links
    from toasoan.urls import tag_url

    article = replace(story("2026/cau"), tags=("Giao thông", "Giao thông", "!!!", "Đường sắt"))
    links = tag_links(S, article)
    assert [(c.label, c.url) for c in links] == [
        ("Giao thông", tag_url(S, "vi", "Giao thông")), ("Đường sắt", tag_url(S, "vi", "Đường sắt"))]
    assert links[0].url.endswith("giao-thong/")
    assert tag_links(S, story("2026/khong-the")) == ()
