"""Listings in a real build: home, pagination, categories, authors, months, per language.

One site of 25 Vietnamese and 21 English published articles (plus drafts, future and
untranslated ones), 4 per page, built once for the module.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from conftest import BuildResult, new_project

PAGE_SIZE = 4
VI_CATEGORY = {0: "Kinh tế", 1: "Đô thị", 2: "Văn hóa"}
EN_CATEGORY = {0: "Economy", 1: "Urban affairs", 2: "Culture"}
HOSTILE = '<script>alert("x")</script> & Cầu'
HOSTILE_LABEL = "Ảnh & <b>Video</b>"
PINNED = 5  # an old story pinned to the top of the vi home page


def date_of(i: int) -> str:
    """Article i (1..25) is newer than article i-1; three per month from January."""
    return f"2026-{1 + (i - 1) // 3:02d}-{10 + (i - 1) % 3:02d} 08:{i:02d}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    project = new_project(tmp_path_factory.mktemp("listings") / "src")
    project.config = {"extra": {"news": {"page_size": PAGE_SIZE, "categories": [
        {"vi": "Thời sự", "en": "News"}, {"vi": "Kinh tế", "en": "Economy"},
        {"vi": "Văn hóa", "en": "Culture"}, {"vi": "Đô thị", "en": "Urban affairs"},
        {"vi": "Xây dựng Đảng", "en": "Party building"}]}}}
    for i in range(1, 26):
        bundle = f"2026/bai-{i:02d}"
        project.photo(f"news/{bundle}/anh.jpg")
        vi_categories = [VI_CATEGORY[i % 3]] + (["Phóng sự"] if i in (7, 8) else []) + (
            [HOSTILE_LABEL] if i == 3 else [])
        project.article(bundle, "vi", title=HOSTILE if i == 3 else f"Bài số {i}", date=date_of(i),
                        categories=vi_categories, image="anh.jpg", lead=f"Sapo bài {i}.",
                        author=["Trần Thị Đào", "Lê Minh Châu"] if i == 2 else
                        ("Trần Thị Đào" if i % 2 else "Nguyễn Văn Đức"),
                        pin=True if i == PINNED else None)
        if i <= 20:
            project.article(bundle, "en", title=f"Story {i}", date=date_of(i),
                            categories=[EN_CATEGORY[i % 3]], image="anh.jpg",
                            author="Trần Thị Đào" if i % 2 else "Nguyễn Văn Đức")
    project.article("2026/english-only", "en", title="English only story", date="2026-10-01 09:00",
                    categories=["Economy"], author="John Smith")
    project.article("2026/ban-nhap", "vi", title="Bản nháp bí mật", date="2026-10-02 09:00",
                    categories=["Kinh tế", "Chuyên đề kín"], author="Người Ẩn Danh", draft=True)
    project.article("2026/tuong-lai", "vi", title="Tin tương lai", date="2026-12-01 08:00",
                    categories=["Kinh tế"])
    project.article("2026/tuong-lai", "en", title="Future story", date="2026-12-01 08:00",
                    categories=["Economy"])
    result = project.build()
    assert result.ok, result.output
    return result


# --- reading the output -------------------------------------------------------------------

def page_file(url: str) -> str:
    """Output file of a site-relative URL: '' -> 'index.html', 'en/page/2/' -> '...'."""
    return f"{unquote(url)}index.html"


def resolve(from_file: str, href: str) -> str:
    """Site-relative URL of a relative href found in ``from_file``."""
    base = posixpath.dirname(from_file)
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    target = "" if target == "." else target
    return target + "/" if target and not target.endswith((".html", ".jpg")) else target


def listing(result: BuildResult, url: str):
    """A listing page's list, or the front page (the home listing's first page)."""
    doc = result.html(page_file(url))
    return (doc.find_class("news-listing") or doc.find_class("news-front"))[0]


# The stories a listing page stands for: its entries; on the front page, the top story
# and the secondary stories (its first page_size stories when page_size is 4, as here).
HEADLINES = (".//*[self::h2][contains(@class,'news-entry__title') or contains(@class,'news-top__title')]/a"
             " | .//*[contains(@class,'news-front__secondary')]//h3/a")


def titles(result: BuildResult, url: str) -> list[str]:
    """Headlines of a listing page, in order (top story first)."""
    return [a.text_content() for a in listing(result, url).xpath(HEADLINES)]


def article_links(result: BuildResult, url: str) -> list[str]:
    return [resolve(page_file(url), a.get("href")) for a in listing(result, url).xpath(HEADLINES)]


def pagination(result: BuildResult, url: str) -> list[str]:
    """Every URL the pagination of ``url`` links to."""
    node = listing(result, url)
    return [resolve(page_file(url), a.get("href")) for a in node.xpath(".//nav[contains(@class,'news-pagination')]//a")]


def crawl(result: BuildResult, start: str) -> list[str]:
    """All pages reachable from ``start`` through pagination links, in page order."""
    seen, todo = {start}, [start]
    while todo:
        for url in pagination(result, todo.pop()):
            if url not in seen:
                seen.add(url)
                todo.append(url)
    return sorted(seen, key=lambda url: (len(url), url))


def listing_pages(result: BuildResult) -> list[str]:
    return [rel for rel in result.pages()
            if re.search(rb'class="news-listing[ "]', (result.site_dir / rel).read_bytes())]


def switch(result: BuildResult, url: str) -> dict[str, str]:
    """The language switch of a page: {language code: site-relative URL it links to}."""
    links = result.html(page_file(url)).xpath("//nav[contains(@class,'news-lang')]//a[@hreflang]")
    return {a.get("hreflang"): resolve(page_file(url), a.get("href")) for a in links}


# --- home page and pagination ---------------------------------------------------------------

def test_home_shows_the_pinned_story_on_top_then_newest_first(site):
    home = listing(site, "")
    top = home.find_class("news-top")[0]
    assert top.find_class("news-top__title")[0].text_content() == "Bài số 5"
    assert top.xpath(".//img")[0].get("width") == "64"
    assert "Sapo bài 5." in top.text_content()
    assert titles(site, "")[1:] == ["Bài số 25", "Bài số 24", "Bài số 23"]
    # "Tin mới nhất": the next ten, newest first (page 2 onwards repeat some of them)
    latest = home.find_class("news-latest")[0]
    assert latest.find(".//h2").text_content() == "Tin mới nhất"
    assert [a.text_content() for a in latest.xpath(".//li/a")] == [
        f"Bài số {i}" for i in range(22, 12, -1)]
    assert titles(site, "page/2/") == ["Bài số 22", "Bài số 21", "Bài số 20", "Bài số 19"]


def test_front_page_has_one_block_per_section_with_its_newest_stories(site):
    home = listing(site, "")
    blocks = home.find_class("news-section")
    heads = [(b.find(".//h2/a").text_content(), resolve("index.html", b.find(".//h2/a").get("href")))
             for b in blocks]
    # the configured sections that have stories, in their configured order
    assert heads == [("Kinh tế", "chuyen-muc/kinh-te/"), ("Văn hóa", "chuyen-muc/van-hoa/"),
                     ("Đô thị", "chuyen-muc/do-thi/")]
    economy = [a.text_content() for a in blocks[0].xpath(".//h3/a | .//li/a")]
    assert economy == ["Bài số 24", "Bài số 21", "Bài số 18", "Bài số 15"]
    en = [b.find(".//h2/a").text_content() for b in listing(site, "en/").find_class("news-section")]
    assert en == ["Economy", "Culture", "Urban affairs"]


def test_every_page_holds_page_size_articles_and_each_article_appears_once(site):
    pages = crawl(site, "")
    assert pages == ["", "page/2/", "page/3/", "page/4/", "page/5/", "page/6/", "page/7/"]
    counts = [len(titles(site, url)) for url in pages]
    assert counts == [4, 4, 4, 4, 4, 4, 1]
    shown = [t for url in pages for t in titles(site, url)]
    assert len(shown) == 25 == len(set(shown))


def test_pagination_has_prev_next_and_numbered_links(site):
    page3 = site.html("page/3/index.html")
    nav = page3.find_class("news-pagination")[0]
    assert resolve("page/3/index.html", nav.xpath(".//a[@rel='prev']")[0].get("href")) == "page/2/"
    assert resolve("page/3/index.html", nav.xpath(".//a[@rel='next']")[0].get("href")) == "page/4/"
    current = nav.xpath(".//a[@aria-current='page']")
    assert [a.text_content() for a in current] == ["3"]
    assert page3.xpath("//head/link[@rel='prev']") and page3.xpath("//head/link[@rel='next']")
    first = site.html("index.html").find_class("news-pagination")[0]
    assert not first.xpath(".//a[@rel='prev']")
    last = site.html("page/7/index.html").find_class("news-pagination")[0]
    assert not last.xpath(".//a[@rel='next']")
    assert resolve("page/7/index.html", last.xpath(".//a[@rel='prev']")[0].get("href")) == "page/6/"


def test_english_home_lists_english_articles_only(site):
    pages = crawl(site, "en/")
    assert pages[-1] == "en/page/6/"
    links = [link for url in pages for link in article_links(site, url)]
    assert len(links) == 21 == len(set(links))
    assert all(link.startswith("en/news/") for link in links)
    # Story 5 is pinned: its translation takes pin: from the original (a shared field).
    assert titles(site, "en/")[:3] == ["Story 5", "English only story", "Story 20"]


def test_no_draft_future_or_other_language_article_on_any_listing(site):
    pages = listing_pages(site)
    assert len(pages) > 40
    for rel in pages:
        text = site.text(rel)
        for hidden in ("Bản nháp", "tương lai", "Future story", "ban-nhap", "tuong-lai",
                       "Chuyên đề kín", "Người Ẩn Danh"):
            assert hidden not in text, (rel, hidden)
        lang = "en" if rel.startswith("en/") else "vi"
        url = rel.removesuffix("index.html")
        for link in article_links(site, url):
            assert link.startswith("en/news/") == (lang == "en"), (rel, link)
            assert site.exists(page_file(link)), (rel, link)
    assert not site.exists("chuyen-muc/chuyen-de-kin/index.html")
    assert not site.exists("tac-gia/nguoi-an-danh/index.html")
    assert not site.exists("2026/12/index.html")


# --- categories, authors, months --------------------------------------------------------------

def test_category_pages_list_their_articles_per_language(site):
    vi = [t for url in crawl(site, "chuyen-muc/kinh-te/") for t in titles(site, url)]
    assert vi == [f"Bài số {i}" if i != 3 else HOSTILE for i in (24, 21, 18, 15, 12, 9, 6, 3)]
    en = [t for url in crawl(site, "en/category/economy/") for t in titles(site, url)]
    assert en == ["English only story"] + [f"Story {i}" for i in (18, 15, 12, 9, 6, 3)]
    assert titles(site, "chuyen-muc/phong-su/") == ["Bài số 8", "Bài số 7"]
    heading = site.html("chuyen-muc/kinh-te/index.html").xpath("//h1")[0].text_content()
    assert heading == "Kinh tế"


def test_author_pages_list_each_authors_articles(site):
    chau = titles(site, "tac-gia/le-minh-chau/")
    assert chau == ["Bài số 2"]
    dao = [t for url in crawl(site, "tac-gia/tran-thi-dao/") for t in titles(site, url)]
    assert len(dao) == 14 and "Bài số 2" in dao and "Bài số 4" not in dao
    assert titles(site, "en/author/john-smith/") == ["English only story"]
    assert not site.exists("tac-gia/john-smith/index.html")


def test_monthly_archive_lists_the_months_articles(site):
    assert titles(site, "2026/03/") == ["Bài số 9", "Bài số 8", "Bài số 7"]
    assert titles(site, "en/2026/03/") == ["Story 9", "Story 8", "Story 7"]
    assert site.html("2026/03/index.html").xpath("//h1")[0].text_content() == "Tháng 3/2026"
    assert titles(site, "en/2026/10/") == ["English only story"]
    assert not site.exists("2026/10/index.html")


def test_an_empty_category_says_so_in_its_language(site):
    vi = listing(site, "chuyen-muc/xay-dung-dang/")
    assert vi.find_class("news-listing__empty")[0].text_content() == "Chưa có bài viết"
    en = listing(site, "en/category/party-building/")
    assert en.find_class("news-listing__empty")[0].text_content() == "No articles yet"


# --- entries ------------------------------------------------------------------------------------

def test_entries_show_thumbnail_dateline_category_and_lead(site):
    entry = listing(site, "page/2/").find_class("news-entry")[0]
    img = entry.xpath(".//img")[0]
    assert img.get("loading") == "lazy" and (img.get("width"), img.get("height")) == ("64", "40")
    assert site.exists(resolve("page/2/index.html", img.get("src")))
    time = entry.xpath(".//time")[0]
    assert time.get("datetime") == "2026-08-10T08:22:00+07:00"
    assert time.text_content() == "10/08/2026 - 08:22"
    category = entry.find_class("news-entry__category")[0]
    assert category.text_content() == "Đô thị"
    assert resolve("page/2/index.html", category.get("href")) == "chuyen-muc/do-thi/"
    assert entry.find_class("news-entry__lead")[0].text_content() == "Sapo bài 22."


def test_titles_are_escaped_on_listings_and_in_page_titles(site):
    text = site.text("chuyen-muc/kinh-te/page/2/index.html")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Cầu" in text
    assert not [s for s in site.html("chuyen-muc/kinh-te/page/2/index.html").xpath("//script")
                if "alert" in (s.text or "")]
    assert site.html("chuyen-muc/kinh-te/page/2/index.html").findtext(".//title").startswith(
        "Kinh tế – Trang 2")
    hostile = site.html("chuyen-muc/anh-b-video-b/index.html")
    assert hostile.xpath("//h1")[0].text_content() == HOSTILE_LABEL
    assert hostile.findtext(".//title").startswith(HOSTILE_LABEL)
    assert not hostile.xpath("//b")


# --- language switch and navigation -----------------------------------------------------------

def test_language_switch_on_listing_pages(site):
    assert switch(site, "")["en"] == "en/"
    assert switch(site, "en/")["vi"] == ""
    assert switch(site, "page/3/")["en"] == "en/page/3/"
    assert switch(site, "page/7/")["en"] == "en/"  # English has 6 pages: its first page
    assert switch(site, "chuyen-muc/kinh-te/")["en"] == "en/category/economy/"
    assert switch(site, "en/category/urban-affairs/")["vi"] == "chuyen-muc/do-thi/"
    assert switch(site, "chuyen-muc/phong-su/")["en"] == "en/"  # unpaired: the other home
    assert switch(site, "tac-gia/tran-thi-dao/")["en"] == "en/author/tran-thi-dao/"
    assert switch(site, "tac-gia/le-minh-chau/")["en"] == "en/"
    assert switch(site, "2026/03/")["en"] == "en/2026/03/"
    assert switch(site, "en/2026/10/")["vi"] == ""


def test_the_english_home_listing_is_the_english_builds_homepage(site):
    # mkdocs-static-i18n finds each language's homepage through the nav's "index.md"
    # (the menu drawer's title links to the nav's homepage)
    home = site.html("en/about/index.html").find_class("news-drawer__title")[0]
    assert resolve("en/about/index.html", home.get("href")) == "en/"
    assert site.html("en/index.html").get("lang") == "en"


def test_header_tabs_are_home_and_main_categories_not_articles(site):
    for rel in ("index.html", "news/2026/bai-01/index.html", "about/index.html"):
        tabs = site.html(rel).xpath("//nav[contains(@class,'news-sections')]//a")
        assert [a.text_content() for a in tabs] == [
            "Trang chủ", "Thời sự", "Kinh tế", "Văn hóa", "Đô thị", "Xây dựng Đảng"]
        assert [resolve(rel, a.get("href")) for a in tabs][1] == "chuyen-muc/thoi-su/"
    en_tabs = site.html("en/index.html").xpath("//nav[contains(@class,'news-sections')]//a")
    assert [a.text_content() for a in en_tabs][:2] == ["Home", "News"]
    # no article anywhere in the site navigation (the bar and the menu drawer)
    nav = site.html("index.html").xpath(
        "//nav[contains(@class,'news-drawer') or contains(@class,'news-sections')]//a/@href")
    assert nav and not [href for href in nav if "news/" in href]


@pytest.mark.parametrize(("rel", "current"), [
    ("index.html", "Trang chủ"), ("page/2/index.html", "Trang chủ"),
    ("chuyen-muc/kinh-te/page/2/index.html", "Kinh tế"),
    ("news/2026/bai-07/index.html", "Đô thị"),  # its first category (its second is no tab)
    ("en/news/2026/bai-07/index.html", "Urban affairs"),
    ("tac-gia/tran-thi-dao/index.html", None), ("2026/03/index.html", None),
    ("about/index.html", None),
])
def test_exactly_one_section_is_current(site, rel, current):
    items = site.html(rel).xpath("//li[contains(@class,'news-sections__item--current')]")
    assert [li.text_content().strip() for li in items] == ([current] if current else [])


def test_listing_pages_are_generated_without_writing_into_docs(site):
    assert site.exists("chuyen-muc/kinh-te/index.html") and site.exists("en/page/2/index.html")
    docs = Path(site.site_dir).parent / "docs"
    written = [p.relative_to(docs).as_posix() for p in docs.rglob("*")
               if p.is_file() and not p.as_posix().count("/news/") and p.suffix == ".md"]
    assert sorted(written) == ["about.en.md", "about.vi.md"]


# --- collisions -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def collided(tmp_path_factory) -> BuildResult:
    project = new_project(tmp_path_factory.mktemp("listing-collisions") / "src")
    project.write("chuyen-muc/kinh-te.vi.md", "---\ntitle: Trang tĩnh\n---\n\nNội dung.\n")
    project.article("2026/a", "vi", categories=["Phóng sự"], date="2026-03-20 08:00")
    project.article("2026/b", "vi", categories=["Phong su"])
    return project.build()


def test_a_page_where_a_listing_goes_fails_the_build_naming_both(collided):
    assert not collided.ok
    assert ('docs/chuyen-muc/kinh-te.vi.md: writes the same URL "/chuyen-muc/kinh-te/" as the '
            'generated vi category page "Kinh tế", from mkdocs.yml: extra.news.categories[1].vi'
            ) in collided.output


def test_category_labels_making_one_address_fail_the_build_naming_both_files(collided):
    assert ('docs/news/2026/b/index.vi.md:6: category "Phong su" and category "Phóng sự" '
            '(docs/news/2026/a/index.vi.md) would both be published at "/chuyen-muc/phong-su/"'
            ) in collided.output
    assert "2 problems in the content (listed above); nothing was published" in collided.output
    assert "Traceback" not in collided.output
    assert not (collided.site_dir / "index.html").exists()


# --- preview ----------------------------------------------------------------------------------------

def test_preview_lists_drafts_marked_as_not_published(tmp_path):
    project = new_project(tmp_path / "src")
    project.article("2026/da-dang", "vi", title="Bài đã đăng")
    project.article("2026/nhap", "vi", title="Bài nháp", draft=True, date="2026-03-15 08:00")
    with project.serve(env={"TOASOAN_PREVIEW": "1"}) as server:
        status, home = server.get("")
    assert status == 200
    doc = lxml.html.fromstring(home)
    entries = (doc.find_class("news-listing") or doc.find_class("news-front"))[0].xpath(".//article")
    assert [e.xpath(".//h2|.//h3")[0].text_content() for e in entries] == ["Bài nháp", "Bài đã đăng"]
    assert [e.find_class("news-entry__unpublished")[0].text_content() if e.find_class(
        "news-entry__unpublished") else None for e in entries] == ["Chưa xuất bản", None]


# --- serve ------------------------------------------------------------------------------------------

REBUILD = """
import json, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
root, site = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shown = []
for step in ("first", "second"):
    if step == "second":  # what an editor does while `mkdocs serve` runs
        (root / "docs/news/2026/moi").mkdir()
        (root / "docs/news/2026/moi/index.vi.md").write_text(
            (root / "docs/news/2026/cu/index.vi.md").read_text("utf-8")
            .replace("Bài cũ", "Bài mới").replace("2026-03-14", "2026-03-20"), "utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    build(config)  # a fresh config per build, as `mkdocs serve` does
    home = (site / "index.html").read_text("utf-8")
    shown.append([t for t in ("Bài cũ", "Bài mới") for _ in range(home.count(">" + t + "<"))])
    shown.append((site / "en/index.html").read_text("utf-8").count('<article class="news-'))
print(json.dumps(shown))
"""


def test_a_rebuild_in_the_same_process_lists_the_new_article_once(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from conftest import NOW_EPOCH

    project = new_project(tmp_path / "src")
    project.article("2026/cu", "vi", title="Bài cũ")
    project.article("2026/cu", "en", title="Old story")
    project.build()  # writes mkdocs.yml
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-c", REBUILD, str(project.root), str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, cwd=project.root, timeout=600)
    assert proc.returncode == 0, proc.stderr
    first_vi, first_en, second_vi, second_en = json.loads(proc.stdout.strip().splitlines()[-1])
    # Each article once on the Vietnamese home (a stale second build would list one twice)...
    assert first_vi == ["Bài cũ"] and second_vi == ["Bài cũ", "Bài mới"]
    assert first_en == second_en == 1  # the English home still lists only its one article
