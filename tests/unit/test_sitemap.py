"""sitemap.xml alternates, the Google News window and robots.txt, without a build."""

import datetime as dt

from lxml import etree

from toasoan.sitemap import (
    NewsItem,
    SitemapPage,
    hreflang_links,
    news_sitemap,
    recent,
    robots,
    sitemap,
)

HANOI = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=HANOI)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "n": "http://www.google.com/schemas/sitemap-news/0.9"}
SITE = "https://org.github.io/repo/"
PAIR = {"vi": SITE + "news/cau/", "en": SITE + "en/news/cau/"}


def pages():
    return [
        SitemapPage(PAIR["vi"], "vi", PAIR, dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI)),
        SitemapPage(PAIR["en"], "en", PAIR, dt.datetime(2026, 3, 15, 9, 0, tzinfo=HANOI)),
        SitemapPage(SITE + "news/chi-vi/", "vi", {"vi": SITE + "news/chi-vi/"}, None),
    ]


def test_sitemap_lists_every_page_with_lastmod_and_alternates_both_ways():
    root = etree.fromstring(sitemap(pages(), ("vi", "en"), "vi"))
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    assert sorted(urls) == sorted([PAIR["vi"], PAIR["en"], SITE + "news/chi-vi/"])
    assert urls[PAIR["vi"]].findtext("s:lastmod", namespaces=NS) == "2026-03-14T08:30:00+07:00"
    assert urls[PAIR["en"]].findtext("s:lastmod", namespaces=NS) == "2026-03-15T09:00:00+07:00"
    for loc in PAIR.values():
        links = {link.get("hreflang"): link.get("href")
                 for link in urls[loc].findall("x:link", NS)}
        assert links == {"vi": PAIR["vi"], "en": PAIR["en"], "x-default": PAIR["vi"]}
        assert all(link.get("rel") == "alternate" for link in urls[loc].findall("x:link", NS))
    # An untranslated page has no alternates, and no lastmod when nothing dates it.
    only = urls[SITE + "news/chi-vi/"]
    assert only.findall("x:link", NS) == [] and only.find("s:lastmod", NS) is None


def test_x_default_is_the_default_language_else_the_first_version():
    page = SitemapPage("https://e.org/en/a/", "en",
                       {"en": "https://e.org/en/a/", "fr": "https://e.org/fr/a/"})
    assert hreflang_links(page, ("vi", "en", "fr"), "vi") == [
        ("en", "https://e.org/en/a/"), ("fr", "https://e.org/fr/a/"),
        ("x-default", "https://e.org/en/a/")]


def test_sitemap_is_the_same_bytes_whatever_the_page_order():
    assert sitemap(pages(), ("vi", "en"), "vi") == sitemap(pages()[::-1], ("vi", "en"), "vi")


def item(hours_ago: float, lang="vi", title="Tin") -> NewsItem:
    return NewsItem(f"https://e.org/{lang}/{hours_ago}/", lang, title,
                    NOW - dt.timedelta(hours=hours_ago), "Báo Sông Lam")


def test_news_window_is_the_two_days_before_the_build_time():
    kept = recent([item(1), item(47.9), item(48), item(48.1), item(-1), item(24)], NOW)
    assert [i.url for i in kept] == ["https://e.org/vi/1/", "https://e.org/vi/24/",
                                     "https://e.org/vi/47.9/", "https://e.org/vi/48/"]


def test_news_sitemap_names_publication_language_date_and_title():
    root = etree.fromstring(news_sitemap([item(3, "en", 'A "quoted" <title> & more'),
                                          item(100)], NOW))
    urls = root.findall("s:url", NS)
    assert len(urls) == 1
    news = urls[0].find("n:news", NS)
    assert news.findtext("n:publication/n:name", namespaces=NS) == "Báo Sông Lam"
    assert news.findtext("n:publication/n:language", namespaces=NS) == "en"
    assert news.findtext("n:publication_date", namespaces=NS) == "2026-11-27T09:00:00+07:00"
    assert news.findtext("n:title", namespaces=NS) == 'A "quoted" <title> & more'


def test_robots_points_to_the_sitemaps():
    text = robots([SITE + "sitemap.xml", SITE + "news-sitemap.xml"])
    assert "User-agent: *" in text.splitlines()
    assert f"Sitemap: {SITE}sitemap.xml" in text.splitlines()
    assert f"Sitemap: {SITE}news-sitemap.xml" in text.splitlines()
