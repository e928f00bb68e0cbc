"""Discovery: feeds per language, sitemaps with hreflang, Google News sitemap,
Open Graph/Twitter tags, JSON-LD, site_url from a subpath, reproducible output.

One site is built (served from a subpath, as on GitHub Pages) and read many ways;
it is built a second time to compare every byte.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import feedparser
import pytest
from lxml import etree

from conftest import BuildResult, Project, new_project

SITE = "https://org.github.io/baosonglam/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "n": "http://www.google.com/schemas/sitemap-news/0.9"}
HOSTILE = 'Cầu "mới" </script><script>alert(1)</script><!-- & \'x\''
FEED_SIZE = 3


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Project, BuildResult]:
    project = new_project(tmp_path_factory.mktemp("discovery") / "src")
    project.config = {"site_url": SITE,
                      "extra": {"news": {"feed_size": FEED_SIZE, "logo": "images/logo.jpg"}}}
    project.photo("images/logo.jpg")
    project.photo("news/2026/cau-moi/ảnh-cầu.jpg")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", categories=["Đô thị"],
                    date="2026-11-26 09:00", image="ảnh-cầu.jpg",
                    lead="Sáng 26/11, tỉnh khánh thành cầu.",
                    body='![Cây cầu](ảnh-cầu.jpg "Cầu mới")\n\nThân bài.')
    project.article("2026/cau-moi", "en", title="New bridge opens", categories=["Urban affairs"],
                    date="2026-11-26 09:00", updated="2026-11-27 08:00",
                    lead="The province opened its bridge.", author=["Jane Roe", "Lê Văn An"],
                    body="![The bridge](ảnh-cầu.jpg)\n\nBody.")
    project.article("2026/chi-viet", "vi", title="Chỉ có tiếng Việt", date="2026-11-20 09:00")
    project.article("2026/cu-nhat", "vi", title="Tin cũ nhất", date="2026-01-02 07:00")
    project.article("2026/hostile", "vi", title=HOSTILE, date="2026-11-25 13:00",
                    lead="Lead with <b>tags</b> & </script>")
    project.article("2026/english-only", "en", title="English only story",
                    date="2026-11-27 07:00")
    project.article("2026/ban-nhap", "vi", title="Bản nháp bí mật", draft=True)
    project.article("2026/tuong-lai", "en", title="Future story", date="2026-11-28 08:00")
    result = project.build()
    assert result.ok, result.output
    return project, result


@pytest.fixture(scope="module")
def site(built) -> BuildResult:
    return built[1]


def url_of(page: str) -> str:
    """Absolute URL of an output HTML file: 'en/about/index.html' -> SITE + 'en/about/'."""
    return SITE + page.removesuffix("index.html")


def path_of(site: BuildResult, url: str):
    """The output file an absolute URL of the site points to."""
    assert url.startswith(SITE), url
    rel = unquote(url[len(SITE):])
    return site.site_dir / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def meta(site: BuildResult, page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in site.html(page).xpath("//head/meta[@property or @name]"):
        found.setdefault(tag.get("property") or tag.get("name"), []).append(tag.get("content"))
    return found


def json_ld(site: BuildResult, page: str) -> list[dict]:
    return [json.loads(text) for text in
            site.html(page).xpath("//script[@type='application/ld+json']/text()")]


# Feeds ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("prefix", "lang", "expected"), [
    ("", "vi", ["Khánh thành cầu mới", HOSTILE, "Chỉ có tiếng Việt"]),
    ("en/", "en", ["English only story", "New bridge opens"]),
])
def test_each_language_has_its_own_feeds_newest_first(site, prefix, lang, expected):
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse(site.text(prefix + name))
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert [e.title for e in parsed.entries] == expected, name
        assert parsed.feed.link == SITE + prefix
        for item in parsed.entries:
            assert item.link.startswith(SITE + prefix + "news/")
            assert path_of(site, item.link).is_file()
            assert item.id == item.link
    data = json.loads(site.text(prefix + "feed.json"))
    assert data["language"] == lang
    assert [i["title"] for i in data["items"]] == expected


def test_feed_size_setting_limits_the_feed(site):
    entries = feedparser.parse(site.text("rss.xml")).entries
    assert len(entries) == FEED_SIZE  # four vi articles are published
    assert "Tin cũ nhất" not in site.text("rss.xml")


def test_feed_entries_carry_date_author_summary_and_cover(site):
    rss = {e.title: e for e in feedparser.parse(site.text("en/rss.xml")).entries}
    bridge = rss["New bridge opens"]
    assert bridge.published == "Thu, 26 Nov 2026 09:00:00 +0700"
    assert [a.name for a in bridge.authors] == ["Jane Roe", "Lê Văn An"]
    assert bridge.summary == "The province opened its bridge."
    cover = bridge.enclosures[0]
    assert cover.href == SITE + "news/2026/cau-moi/%E1%BA%A3nh-c%E1%BA%A7u.jpg"
    assert cover.type == "image/jpeg"
    assert int(cover.length) == path_of(site, cover.href).stat().st_size > 0
    atom = {e.title: e for e in feedparser.parse(site.text("en/atom.xml")).entries}
    assert atom["New bridge opens"].published == "2026-11-26T09:00:00+07:00"
    assert atom["New bridge opens"].updated == "2026-11-27T08:00:00+07:00"


def test_drafts_and_future_articles_are_in_no_feed_or_sitemap(site):
    for name in ("rss.xml", "atom.xml", "feed.json", "en/rss.xml", "en/atom.xml",
                 "en/feed.json", "sitemap.xml", "news-sitemap.xml"):
        text = site.text(name)
        assert "ban-nhap" not in text and "tuong-lai" not in text, name


def test_pages_link_to_their_own_language_feeds(site):
    for page, prefix in (("news/2026/cau-moi/index.html", ""), ("index.html", ""),
                         ("en/news/2026/cau-moi/index.html", "en/"), ("en/index.html", "en/")):
        links = site.html(page).xpath("//head/link[@rel='alternate'][@type]")
        found = {link.get("type"): link.get("href") for link in links}
        assert found == {"application/rss+xml": SITE + prefix + "rss.xml",
                         "application/atom+xml": SITE + prefix + "atom.xml",
                         "application/feed+json": SITE + prefix + "feed.json"}, page


def test_each_category_has_its_own_feeds_at_its_listing(site):
    for listing, lang, titles in (("chuyen-muc/do-thi/", "vi", ["Khánh thành cầu mới"]),
                                  ("en/category/urban-affairs/", "en", ["New bridge opens"])):
        assert site.exists(listing + "index.html")
        parsed = feedparser.parse(site.text(listing + "rss.xml"))
        assert not parsed.bozo and parsed.feed.language == lang
        assert [e.title for e in parsed.entries] == titles
        assert parsed.feed.link == SITE + listing
        assert not feedparser.parse(site.text(listing + "atom.xml")).bozo
        links = site.html(listing + "index.html").xpath(
            "//head/link[@rel='alternate'][@type='application/rss+xml']/@href")
        assert links == [SITE + ("en/" if lang == "en" else "") + "rss.xml",
                         SITE + listing + "rss.xml"]


# Sitemaps ---------------------------------------------------------------------------------

def sitemap_urls(site: BuildResult) -> dict[str, etree._Element]:
    root = etree.fromstring(site.text("sitemap.xml").encode())
    return {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}


def alternates(element) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in element.findall("x:link", NS)}


def test_sitemap_lists_every_page_except_the_404s(site):
    expected = {url_of(page) for page in site.pages() if not page.endswith("404.html")}
    assert set(sitemap_urls(site)) == expected
    assert not site.exists("sitemap.xml.gz")  # Material's own sitemap is not written


def test_sitemap_alternates_hold_both_ways(site):
    urls = sitemap_urls(site)
    pairs = 0
    for loc, element in urls.items():
        links = alternates(element)
        if not links:
            continue
        assert links.pop("x-default") == links["vi"], loc
        assert loc in links.values(), loc
        for lang, href in links.items():
            assert href in urls, (loc, href)  # an alternate is a page of the sitemap
            assert alternates(urls[href]).get(lang) == href
            for other_lang, other in links.items():
                assert alternates(urls[href])[other_lang] == other, (loc, href)
            pairs += 1
    assert pairs >= 6  # at least the two homes and the translated article, both ways
    article = alternates(urls[SITE + "news/2026/cau-moi/"])
    assert article == {"vi": SITE + "news/2026/cau-moi/", "en": SITE + "en/news/2026/cau-moi/",
                       "x-default": SITE + "news/2026/cau-moi/"}
    assert alternates(urls[SITE + "news/2026/chi-viet/"]) == {}
    assert alternates(urls[SITE + "en/news/2026/english-only/"]) == {}


def test_sitemap_lastmod_comes_from_the_articles_never_the_build_time(site):
    urls = sitemap_urls(site)
    lastmod = {loc: u.findtext("s:lastmod", namespaces=NS) for loc, u in urls.items()}
    assert lastmod[SITE + "news/2026/cau-moi/"] == "2026-11-26T09:00:00+07:00"
    assert lastmod[SITE + "en/news/2026/cau-moi/"] == "2026-11-27T08:00:00+07:00"
    assert "2026-11-27T12:00:00+07:00" not in site.text("sitemap.xml")
    assert "2026-11-27T05:00:00" not in site.text("sitemap.xml")


def test_google_news_sitemap_has_the_articles_of_the_last_two_days(site):
    root = etree.fromstring(site.text("news-sitemap.xml").encode())
    found = {u.findtext("s:loc", namespaces=NS): u.find("n:news", NS)
             for u in root.findall("s:url", NS)}
    assert set(found) == {SITE + "news/2026/cau-moi/", SITE + "en/news/2026/cau-moi/",
                          SITE + "en/news/2026/english-only/", SITE + "news/2026/hostile/"}
    news = found[SITE + "en/news/2026/cau-moi/"]
    assert news.findtext("n:publication/n:name", namespaces=NS) == "Báo Sông Lam"
    assert news.findtext("n:publication/n:language", namespaces=NS) == "en"
    assert news.findtext("n:publication_date", namespaces=NS) == "2026-11-26T09:00:00+07:00"
    assert news.findtext("n:title", namespaces=NS) == "New bridge opens"
    assert found[SITE + "news/2026/hostile/"].findtext("n:title", namespaces=NS) == HOSTILE


def test_robots_txt_points_to_both_sitemaps(site):
    lines = site.text("robots.txt").splitlines()
    assert f"Sitemap: {SITE}sitemap.xml" in lines
    assert f"Sitemap: {SITE}news-sitemap.xml" in lines


# Social previews --------------------------------------------------------------------------

def test_translated_article_has_open_graph_and_twitter_tags(site):
    tags = meta(site, "news/2026/cau-moi/index.html")
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ["Khánh thành cầu mới"]
    assert tags["og:description"] == ["Sáng 26/11, tỉnh khánh thành cầu."]
    assert tags["og:url"] == [SITE + "news/2026/cau-moi/"]
    assert tags["og:image"] == [SITE + "news/2026/cau-moi/%E1%BA%A3nh-c%E1%BA%A7u.jpg"]
    assert path_of(site, tags["og:image"][0]).is_file()
    assert tags["og:image:alt"] == ["Cây cầu"]
    assert tags["og:locale"] == ["vi_VN"]
    assert tags["og:locale:alternate"] == ["en_US"]
    assert tags["article:published_time"] == ["2026-11-26T09:00:00+07:00"]
    assert tags["article:modified_time"] == ["2026-11-26T09:00:00+07:00"]
    assert tags["article:author"] == ["Trần Thị Đào"]
    assert tags["article:section"] == ["Đô thị"]
    assert tags["twitter:card"] == ["summary_large_image"]
    en = meta(site, "en/news/2026/cau-moi/index.html")
    assert en["og:locale"] == ["en_US"] and en["og:locale:alternate"] == ["vi_VN"]
    assert en["article:author"] == ["Jane Roe", "Lê Văn An"]
    assert en["article:modified_time"] == ["2026-11-27T08:00:00+07:00"]
    assert en["og:image"] == tags["og:image"]


def test_untranslated_article_has_no_alternate_locale(site):
    tags = meta(site, "news/2026/chi-viet/index.html")
    assert tags["og:type"] == ["article"] and tags["og:locale"] == ["vi_VN"]
    assert "og:locale:alternate" not in tags
    assert tags["og:url"] == [SITE + "news/2026/chi-viet/"]


def test_hostile_title_is_escaped_in_tags_and_inert_in_json_ld(site):
    page = "news/2026/hostile/index.html"
    assert meta(site, page)["og:title"] == [HOSTILE]
    scripts = site.html(page).xpath("//script")
    assert not any("alert(1)" in (s.text or "") for s in scripts
                   if s.get("type") != "application/ld+json")
    (data,) = json_ld(site, page)
    assert data["headline"] == HOSTILE
    assert data["description"] == "Lead with <b>tags</b> & </script>"


def test_listing_pages_have_site_level_tags(site):
    home = meta(site, "index.html")
    assert home["og:type"] == ["website"]
    assert home["og:title"] == ["Báo Sông Lam"] and home["og:url"] == [SITE]
    assert home["og:locale"] == ["vi_VN"] and home["og:locale:alternate"] == ["en_US"]
    assert home["og:image"] == [SITE + "images/logo.jpg"]
    en = meta(site, "en/index.html")
    assert en["og:title"] == ["Song Lam News"]
    assert en["og:description"] == ["News from Song Lam province"]


# Structured data --------------------------------------------------------------------------

def test_every_json_ld_block_on_every_page_is_valid_json(site):
    blocks = 0
    for page in site.pages():
        for text in site.html(page).xpath("//script[@type='application/ld+json']/text()"):
            assert isinstance(json.loads(text), dict), page
            blocks += 1
    assert blocks >= 8


def test_news_article_json_ld(site):
    (data,) = json_ld(site, "en/news/2026/cau-moi/index.html")
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == "New bridge opens"
    assert data["datePublished"] == "2026-11-26T09:00:00+07:00"
    assert data["dateModified"] == "2026-11-27T08:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Jane Roe"},
                              {"@type": "Person", "name": "Lê Văn An"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Báo Sông Lam",
                                 "logo": {"@type": "ImageObject", "url": SITE + "images/logo.jpg"}}
    assert data["image"] == [SITE + "news/2026/cau-moi/%E1%BA%A3nh-c%E1%BA%A7u.jpg"]
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"]["@id"] == SITE + "en/news/2026/cau-moi/"
    assert data["workTranslation"] == [{"@type": "NewsArticle", "@id": SITE + "news/2026/cau-moi/",
                                        "inLanguage": "vi"}]


# site_url and reproducibility -------------------------------------------------------------

def test_every_site_url_in_discovery_output_keeps_the_subpath(site):
    for name in ("sitemap.xml", "news-sitemap.xml", "rss.xml", "en/atom.xml", "en/feed.json",
                 "robots.txt", "news/2026/cau-moi/index.html"):
        text = site.text(name)
        ours = re.findall(r"https://org\.github\.io/[^\s\"'<>]*", text)
        assert ours, name
        assert all(url.startswith(SITE) for url in ours), name
        assert "baosonglam.example.org" not in text, name


@pytest.fixture(scope="module")
def rebuilt_differences(built, tmp_path_factory) -> list[str]:
    """Build the same project again (same SOURCE_DATE_EPOCH); files that differ or miss."""
    project, first = built
    second = project.build(site_dir=tmp_path_factory.mktemp("again") / "site")
    assert second.ok, second.output

    def files(result: BuildResult) -> dict[str, bytes]:
        return {p.relative_to(result.site_dir).as_posix(): p.read_bytes()
                for p in sorted(result.site_dir.rglob("*")) if p.is_file()}

    a, b = files(first), files(second)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_two_builds_are_byte_identical(rebuilt_differences):
    # The Pagefind index (toasoan.search) is checked separately below.
    assert [name for name in rebuilt_differences if not name.startswith("pagefind/")] == []


def test_two_builds_have_the_same_search_index(rebuilt_differences):
    assert [name for name in rebuilt_differences if name.startswith("pagefind/")] == []


def test_a_build_without_site_url_stops_with_a_clear_error(project):
    project.config = {"site_url": None}
    result = project.build()
    assert not result.ok
    assert "mkdocs.yml: site_url is required" in result.output
    assert "Traceback" not in result.output
    assert not (result.site_dir / "sitemap.xml").exists()


def test_a_missing_logo_stops_the_build_naming_the_setting(project):
    project.config = {"extra": {"news": {"logo": "images/khong-co.png"}}}
    result = project.build()
    assert not result.ok
    assert 'mkdocs.yml: extra.news.logo: "images/khong-co.png" is not a file in docs/' \
        in result.output
    assert "Traceback" not in result.output
