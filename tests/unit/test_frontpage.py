"""The front page made from the planned listings (toasoan.frontpage), without a build."""

from __future__ import annotations

import datetime as dt

from toasoan.config import Language, load_settings
from toasoan.content import Article, Newsroom
from toasoan.edition import Edition
from toasoan.frontpage import front_page
from toasoan.listings import plan

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
TZ = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=TZ)
PAIRS = [{"vi": "Thời sự", "en": "News"}, {"vi": "Kinh tế", "en": "Economy"},
         {"vi": "Văn hóa", "en": "Culture"}, {"vi": "Đô thị", "en": "Urban affairs"}]


def story(n: int, lang: str = "vi", *, categories=(), **fields) -> Article:
    src = f"news/s{n:02d}/index.{lang}.md"
    return Article(src_uri=src, path=f"docs/{src}", lang=lang, bundle=f"news/s{n:02d}",
                   title=f"{lang} {n}", date=dt.datetime(2026, 1, 1, 8, tzinfo=TZ) + dt.timedelta(days=n),
                   authors=("Trần Thị Đào",), categories=tuple(categories), **fields)


def front(articles, lang="vi", **news):
    news.setdefault("categories", PAIRS)
    settings = load_settings(news, LANGS)
    listings = plan(Edition(Newsroom(settings, list(articles)), NOW)).listings[lang]
    return front_page(listings, settings, lang)


def numbers(entries) -> list[int]:
    return [int(entry.article.title.split()[-1]) for entry in entries]


def test_top_story_then_three_secondary_then_the_latest_newest_first():
    page = front([story(n, categories=["Kinh tế"]) for n in range(1, 21)])
    assert numbers([page.top]) == [20]
    assert numbers(page.secondary) == [19, 18, 17]
    assert numbers(page.latest) == list(range(16, 6, -1))  # ten headlines


def test_a_pinned_story_is_the_top_story_and_not_repeated_in_the_latest():
    page = front([story(0, pin=True)] + [story(n) for n in range(1, 9)])  # the oldest, pinned
    assert numbers([page.top]) == [0]
    assert numbers(page.secondary) == [8, 7, 6]
    assert numbers(page.latest) == [5, 4, 3, 2, 1]


def test_the_latest_cover_at_least_the_rest_of_the_first_listing_page():
    page = front([story(n) for n in range(1, 41)], page_size=20)
    assert len(page.latest) == 16  # page 1 holds 20: the top, 3 secondary and 16 more
    assert numbers(page.latest)[-1] == 21  # page 2 starts at story 20 - 19 = 20th newest


def test_one_block_per_configured_section_with_stories_in_configured_order():
    articles = [story(1, categories=["Văn hóa"]), story(2, categories=["Thời sự", "Văn hóa"]),
                *[story(n, categories=["Thời sự"]) for n in range(3, 9)],
                story(9, categories=["Phóng sự"])]  # not a configured section
    page = front(articles)
    assert [(block.label, block.url) for block in page.sections] == [
        ("Thời sự", "chuyen-muc/thoi-su/"), ("Văn hóa", "chuyen-muc/van-hoa/")]
    assert numbers(page.sections[0].entries) == [8, 7, 6, 5]  # its newest four
    assert numbers(page.sections[1].entries) == [2, 1]


def test_each_language_has_its_own_front_page():
    articles = [story(1, categories=["Thời sự"]), story(2, "en", categories=["Economy"])]
    page = front(articles, "en")
    assert [page.top.article.lang] == ["en"] and page.secondary == () and page.latest == ()
    assert [block.label for block in page.sections] == ["Economy"]
    assert page.top.url == "en/news/s02/"


def test_an_empty_paper_has_an_empty_front_page():
    page = front([])
    assert page.top is None and page.secondary == page.latest == page.sections == ()
