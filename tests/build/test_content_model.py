"""The newsroom's content model in a built site: an article moved with `toasoan move`
answers at its old addresses, a translation's slug: is its address everywhere the site
links it, corrections reach the page, JSON-LD, sitemap, feeds and the corrections page,
and a translation takes the story's shared fields from its original."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote

import feedparser
import lxml.etree
import pytest

from conftest import BuildResult, Project, new_project
from toasoan.cli import main
from toasoan.linkcheck import check_site

SITE = "https://baosonglam.example.org/"
OLD = "news/2026/cau-tam/"  # the folder before `toasoan move`
NEW = "news/2026/khanh-thanh-cau-song-lam/"
EN = "en/news/2026/song-lam-bridge-opens/"  # the English slug
SLUG_MOVED = "en/news/2026/bridge-opens/"  # the English address before the slug changed
FLEET = "news/2026/doi-tau-ca/"  # an English file that leaves the shared fields out

VI_TEXT = """\
---
title: "Khánh thành cầu Sông Lam"
date: 2026-03-14 08:30
author: Trần Thị Đào
language: vi
categories: [Thời sự, Đô thị]
image: cau.jpg
corrections:
  - date: 2026-03-16 09:15
    text: "Bản trước ghi cầu dài 1.420 m; cầu dài 1.240 m."
---

Sáng 14/3, tỉnh khánh thành cầu Sông Lam.

![Cầu Sông Lam nhìn từ bờ nam](cau.jpg "Cầu Sông Lam nhìn từ bờ nam. Ảnh: Hoàng Vân")
"""

EN_TEXT = """\
---
title: "Song Lam Bridge opens"
language: en
slug: bridge-opens
corrections:
  - date: 2026-03-16 09:15
    text: "An earlier version gave the length as 1,420 m; the bridge is 1,240 m long."
---

The Song Lam Bridge opened on March 14.

![The Song Lam Bridge from the south bank](cau.jpg "The bridge from the south bank (Photo: Hoàng Vân)")
"""


def _cli(project: Project, *argv: str) -> None:
    assert main(["--site", str(project.root / "mkdocs.yml"), *argv]) == 0


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    project = new_project(tmp_path_factory.mktemp("model") / "src")
    project.write_config()
    project.photo("news/2026/cau-tam/cau.jpg")
    project.write("news/2026/cau-tam/index.vi.md", VI_TEXT)
    project.write("news/2026/cau-tam/index.en.md", EN_TEXT)
    # The editors give the bundle its final name, then the English version a better slug.
    _cli(project, "move", str(project.docs / "news/2026/cau-tam"), "khanh-thanh-cau-song-lam")
    _cli(project, "move", str(project.docs / NEW), "song-lam-bridge-opens", "--lang", "en")
    project.photo("news/2026/doi-tau-ca/tau.jpg")
    project.article("2026/doi-tau-ca", "vi", title="Đội tàu cá trở về", date="2026-11-06 07:30",
                    author=["Nguyễn Văn Đức", "Lê Minh Châu"], categories=["Kinh tế"],
                    image="tau.jpg", body="Tàu cá cập cảng.\n\n![Tàu cá ở cảng](tau.jpg)")
    project.write("news/2026/doi-tau-ca/index.en.md", '---\ntitle: "Fishing fleet returns"\n'
                  "language: en\n---\n\nThe boats came back.\n\n![Boats in the port](tau.jpg)\n")
    result = project.build()
    assert result.ok, result.output
    return result


def html(site: BuildResult, url: str):
    return site.html(url + "index.html" if url.endswith("/") or not url else url)


def resolve(page_file: str, href: str) -> str:
    """The site-relative path a relative link on ``page_file`` leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_file), unquote(href))) + \
        ("/" if href.endswith("/") else "")


# ---------------------------------------------------------------- moved addresses


@pytest.mark.parametrize(("alias", "lang", "target"), [(OLD, "vi", NEW), (SLUG_MOVED, "en", EN)])
def test_an_old_address_answers_with_a_redirect_page_to_the_article(site, alias, lang, target):
    file = alias + "index.html"
    doc = site.html(file)
    assert doc.get("lang") == lang
    (refresh,) = doc.xpath('//meta[@http-equiv="refresh"]/@content')
    delay, url = refresh.split(";", 1)
    assert delay == "0" and url.strip().startswith("url=")
    href = url.strip()[4:]
    assert resolve(file, href) == target and site.exists(target + "index.html")
    assert doc.xpath('//link[@rel="canonical"]/@href') == [SITE + target]
    assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert doc.xpath("//a/@href") == [href]
    assert doc.xpath("//script") == []  # works without scripts, under the site's CSP
    assert doc.xpath('//meta[@http-equiv="Content-Security-Policy"]')


def test_toasoan_move_recorded_the_old_addresses_in_front_matter(site):
    docs = site.site_dir.parent / "docs"
    assert not (docs / "news/2026/cau-tam").exists()
    vi = (docs / NEW / "index.vi.md").read_text("utf-8")
    en = (docs / NEW / "index.en.md").read_text("utf-8")
    assert 'aliases: ["/news/2026/cau-tam/"]' in vi
    # The English address was its slug's, not the folder's: moving the folder kept it.
    assert 'aliases: ["/en/news/2026/bridge-opens/"]' in en
    assert "slug: song-lam-bridge-opens" in en
    assert not site.exists("en/" + OLD + "index.html")


def test_the_redirect_maps_list_every_alias_for_hosts_that_redirect(site):
    assert site.text("_redirects").splitlines() == [
        f"/{SLUG_MOVED} /{EN} 301",
        f"/{OLD} /{NEW} 301",
    ]
    data = json.loads(site.text("redirects.json"))
    assert {(r["from"], r["to"], r["lang"], r["status"]) for r in data["redirects"]} == {
        (f"/{SLUG_MOVED}", f"/{EN}", "en", 301), (f"/{OLD}", f"/{NEW}", "vi", 301)}


def test_redirect_pages_are_not_in_sitemaps_or_search(site):
    sitemap = site.text("sitemap.xml")
    assert OLD not in sitemap and SLUG_MOVED not in sitemap
    assert "cau-tam" not in json.dumps(_search_urls(site))


def test_no_link_of_the_site_is_broken(site):
    assert check_site(site.site_dir, site_url=SITE) == []


# ---------------------------------------------------------------- the English slug


def test_the_english_slug_is_the_english_address_and_the_folder_name_is_not(site):
    assert site.exists(EN + "index.html")
    assert not site.exists("en/" + NEW + "index.html")
    assert site.exists(NEW + "index.html")  # the Vietnamese address is the folder's


def test_switch_hreflang_and_canonical_follow_the_slug(site):
    vi = html(site, NEW)
    (english,) = vi.xpath('//*[contains(@class, "news-lang")]//a[@hreflang="en"]/@href')
    assert resolve(NEW + "index.html", english) == EN
    assert SITE + EN in vi.xpath('//link[@rel="alternate"][@hreflang="en"]/@href')
    en = html(site, EN)
    assert en.xpath('//link[@rel="canonical"]/@href') == [SITE + EN]
    (back,) = en.xpath('//*[contains(@class, "news-lang")]//a[@hreflang="vi"]/@href')
    assert resolve(EN + "index.html", back) == NEW
    # the photo, published once in the bundle's folder, is found from the slug's address
    (src,) = en.xpath('//div[contains(@class, "news-article__body")]//img/@src')
    assert resolve(EN + "index.html", src) == NEW + "cau.jpg"


def test_sitemap_feeds_listings_and_search_use_the_slug(site):
    sitemap = lxml.etree.fromstring(site.text("sitemap.xml").encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = sitemap.xpath("//s:loc/text()", namespaces=ns)
    assert SITE + EN in locs and SITE + "en/" + NEW not in locs
    (entry,) = sitemap.xpath(f'//s:url[s:loc="{SITE}{NEW}"]', namespaces=ns)
    assert entry.xpath('x:link[@hreflang="en"]/@href', namespaces=ns) == [SITE + EN]
    feed = feedparser.parse(site.text("en/rss.xml"))
    assert SITE + EN in [e.link for e in feed.entries]
    assert "en/" + NEW not in site.text("en/feed.json")
    home = html(site, "en/")
    links = {resolve("en/index.html", h) for h in home.xpath("//a/@href")}
    assert EN in links and "en/" + NEW not in links
    assert "/" + EN in _search_urls(site)


def _search_urls(site: BuildResult) -> list[str]:
    import gzip

    urls = []
    paths = sorted((site.site_dir / "pagefind").glob("*/*/fragment/*.pf_fragment"))  # shards
    assert paths, "the site has no search index"
    for path in paths:
        data = gzip.decompress(path.read_bytes())
        urls.append(json.loads(data[data.index(b"{"):])["url"])
    return urls


# ---------------------------------------------------------------- corrections


@pytest.mark.parametrize(("url", "heading", "text", "shown"), [
    (NEW, "Đính chính", "Bản trước ghi cầu dài 1.420 m; cầu dài 1.240 m.", "16/03/2026 - 09:15"),
    (EN, "Correction", "An earlier version gave the length as 1,420 m; the bridge is 1,240 m "
                       "long.", "March 16, 2026, 09:15"),
])
def test_a_correction_is_shown_in_a_box_at_the_end_of_the_article(site, url, heading, text, shown):
    doc = html(site, url)
    (box,) = doc.find_class("news-corrections")
    assert box.findtext(".//h2") == heading
    (item,) = box.xpath(".//li")
    assert item.find("time").get("datetime") == "2026-03-16T09:15:00+07:00"
    assert " ".join(item.text_content().split()) == f"{shown}: {text}"
    # after the text, before the signature
    body = doc.find_class("news-article__body")[0]
    assert body.getnext() is box
    updated = doc.find_class("news-dateline__updated")[0]
    assert updated.find("time").get("datetime") == "2026-03-16T09:15:00+07:00"


@pytest.mark.parametrize("url", [NEW, EN])
def test_the_correction_moves_date_modified_lastmod_and_feed_updated(site, url):
    doc = html(site, url)
    data = json.loads(doc.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert data["dateModified"] == "2026-03-16T09:15:00+07:00"
    assert data["datePublished"] == "2026-03-14T08:30:00+07:00"
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert doc.xpath('//meta[@property="article:modified_time"]/@content') == [
        "2026-03-16T09:15:00+07:00"]
    sitemap = lxml.etree.fromstring(site.text("sitemap.xml").encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    (lastmod,) = sitemap.xpath(f'//s:url[s:loc="{SITE}{url}"]/s:lastmod/text()', namespaces=ns)
    assert lastmod.startswith("2026-03-16T09:15:00")
    prefix = "en/" if url.startswith("en/") else ""
    atom = feedparser.parse(site.text(prefix + "atom.xml"))
    (entry,) = [e for e in atom.entries if e.link == SITE + url]
    assert entry.updated == "2026-03-16T09:15:00+07:00"
    assert entry.published == "2026-03-14T08:30:00+07:00"


@pytest.mark.parametrize(("page", "title", "article", "headline"), [
    ("dinh-chinh/", "Đính chính", NEW, "Khánh thành cầu Sông Lam"),
    ("en/corrections/", "Corrections", EN, "Song Lam Bridge opens"),
])
def test_each_language_has_a_corrections_page_linked_from_every_footer(site, page, title, article,
                                                                       headline):
    doc = html(site, page)
    assert doc.findtext(".//h1") == title
    (item,) = doc.xpath('//ol[contains(@class, "news-corrections-page__list")]/li')
    (link,) = item.xpath(".//a")
    assert resolve(page + "index.html", link.get("href")) == article
    assert link.text == headline
    assert item.find(".//time").get("datetime") == "2026-03-16T09:15:00+07:00"
    for url in (page, article, "en/" if page.startswith("en/") else ""):
        footer = html(site, url).xpath("//footer")[0]
        file = (url or "") + "index.html"
        assert page in {resolve(file, h) for h in footer.xpath(".//a/@href")}


# ---------------------------------------------------------------- shared fields


def test_an_english_file_without_date_image_or_categories_takes_the_originals(site):
    en = html(site, "en/" + FLEET)
    assert en.find_class("news-dateline__published")[0].get("datetime") == \
        "2026-11-06T07:30:00+07:00"
    assert en.xpath('//meta[@property="og:image"]/@content') == [SITE + FLEET + "tau.jpg"]
    assert en.xpath('//meta[@property="article:section"]/@content') == ["Economy"]
    assert en.xpath('//meta[@property="article:author"]/@content') == [
        "Nguyễn Văn Đức", "Lê Minh Châu"]
    (crumb,) = en.xpath('//*[contains(@class, "news-breadcrumb")]//a[text()="Economy"]/@href')
    assert resolve("en/" + FLEET + "index.html", crumb) == "en/category/economy/"
    listing = html(site, "en/category/economy/")
    assert "Fishing fleet returns" in listing.text_content()


# ---------------------------------------------------------------- refused


def _broken(tmp_path: Path) -> Project:
    project = new_project(tmp_path / "src")
    project.article("2026/cau-moi", "vi", title="Cầu mới", aliases=["/news/2026/cho-phien/"])
    project.article("2026/cho-phien", "vi", title="Chợ phiên")
    project.article("2026/duong-moi", "vi", title="Đường mới", aliases=["/news/2026/cau-cu/"])
    project.article("2026/duong-moi", "en", title="New road", slug="Cầu Mới",
                    aliases=["/news/2026/cau-cu/"])
    return project


def test_collisions_and_invalid_slugs_stop_the_build_naming_files_and_lines(tmp_path):
    result = _broken(tmp_path).build()
    assert not result.ok
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert errors == [
        'ERROR   -  docs/news/2026/duong-moi/index.en.md:5: slug "Cầu Mới" is not a web address '
        "slug: use lowercase letters a-z without accents, digits and single hyphens, e.g. "
        '"cau-moi"',
        "ERROR   -  1 problem in the content (listed above); nothing was published",
    ]
    # the slug fixed, the aliases' collisions come next (the whole plan is needed for them)
    project = _broken(tmp_path / "again")
    project.article("2026/duong-moi", "en", title="New road", slug="new-road",
                    aliases=["/news/2026/cau-cu/"])
    result = project.build()
    assert not result.ok
    assert (
        "ERROR   -  docs/news/2026/cau-moi/index.vi.md:6: alias /news/2026/cho-phien/ is the "
        "address of docs/news/2026/cho-phien/index.vi.md; delete or change it") in result.output
    assert (
        "ERROR   -  docs/news/2026/duong-moi/index.vi.md:6: alias /news/2026/cau-cu/ is also an "
        "alias of docs/news/2026/duong-moi/index.en.md:6; one address can lead to one article "
        "only: delete it in one of them") in result.output
    assert not result.site_dir.exists()


# ---------------------------------------------------------------- photos


@pytest.mark.parametrize(("url", "caption", "credit"), [
    (NEW, "Cầu Sông Lam nhìn từ bờ nam.", "Ảnh: Hoàng Vân"),
    (EN, "The bridge from the south bank", "(Photo: Hoàng Vân)"),
])
def test_a_photo_credit_is_shown_in_the_caption_and_given_to_machines(site, url, caption, credit):
    doc = html(site, url)
    (figure,) = doc.xpath('//div[contains(@class, "news-article__body")]//figure')
    (small,) = figure.xpath("figcaption/small")
    assert small.text == credit
    assert " ".join(figure.find("figcaption").text_content().split()) == f"{caption} {credit}"
    # the photo links to its own file: the full-size view without JavaScript
    (link,) = figure.xpath("a[img]")
    assert resolve(url + "index.html", link.get("href")) == NEW + "cau.jpg"
    data = json.loads(doc.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert data["image"] == [{"@type": "ImageObject", "url": SITE + NEW + "cau.jpg",
                              "caption": caption, "creditText": "Hoàng Vân",
                              "creator": {"@type": "Person", "name": "Hoàng Vân"}}]
    prefix = "en/" if url.startswith("en/") else ""
    rss = lxml.etree.fromstring(site.text(prefix + "rss.xml").encode())
    media = "http://search.yahoo.com/mrss/"
    (item,) = [i for i in rss.iter("item") if i.findtext("link") == SITE + url]
    assert item.find(f"{{{media}}}content/{{{media}}}credit").text == "Hoàng Vân"


def test_a_photo_without_alt_text_is_refused_at_its_line(tmp_path):
    project = new_project(tmp_path / "src")
    project.photo("news/2026/cau-moi/cau.jpg")
    project.article("2026/cau-moi", "vi", title="Cầu mới",
                    body='Đoạn đầu.\n\n![](cau.jpg "Cầu mới. Ảnh: Lan")')
    result = project.build()
    assert not result.ok
    assert ('ERROR   -  docs/news/2026/cau-moi/index.vi.md:10: photo "cau.jpg" has no alt text: '
            "describe what it shows for readers who cannot see it: ![description](cau.jpg)"
            ) in result.output
    assert not result.site_dir.exists()
