"""The link checker over tiny hand-written built sites (no MkDocs build needed)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from toasoan.linkcheck import BrokenLink, base_path_of, check_site, main, normalize_base_path


def write_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>\n{body}\n</body></html>\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Two languages, an article with a photo, and an about page with anchors."""
    return write_site(tmp_path / "site", {
        "index.html": page('<a href="news/2026/cau/">Cầu</a> <a href="about/#doi-ngu">Đội ngũ</a>'),
        "about/index.html": page('<h2 id="doi-ngu">Đội ngũ</h2><a name="lien-he"></a>'),
        "news/2026/cau/index.html": page('<img src="cau.jpg" alt=""> <a href="../../../">Home</a>'),
        "news/2026/cau/cau.jpg": "jpeg",
        "en/index.html": page('<a href="news/2026/cau/">Bridge</a> <a href="../">Tiếng Việt</a>'),
        "en/news/2026/cau/index.html": page('<h2 id="context">Context</h2>'),
        "assets/style.css": "body{}",
        "feed.xml": "<rss/>",
    })


def add_page(site: Path, rel: str, body: str, head: str = "") -> None:
    write_site(site, {rel: page(body, head)})


def targets(broken: list[BrokenLink]) -> list[tuple[str, str, str]]:
    return [(b.page, b.kind, b.target) for b in broken]


def test_a_site_whose_links_all_resolve_passes(site):
    assert check_site(site) == []


def test_catches_a_link_to_a_page_that_was_not_built(site):
    add_page(site, "news/2026/lu/index.html", '<a href="../cau-moi/">Cầu mới</a>')
    assert targets(check_site(site)) == [
        ("news/2026/lu/index.html", "broken link", "../cau-moi/")]


def test_catches_a_missing_anchor_on_another_page_and_on_the_same_page(site):
    add_page(site, "news/2026/lu/index.html",
             '<a href="../../../about/#ban-bien-tap">x</a>\n<a href="#binh-luan">y</a>')
    assert targets(check_site(site)) == [
        ("news/2026/lu/index.html", "broken anchor", "../../../about/#ban-bien-tap"),
        ("news/2026/lu/index.html", "broken anchor", "#binh-luan"),
    ]


def test_anchors_match_ids_and_named_anchors_and_the_implicit_top(site):
    add_page(site, "contact/index.html",
             '<a href="../about/#doi-ngu">a</a> <a href="../about/#lien-he">b</a>'
             ' <a href="#">c</a> <a href="#top">d</a> <a href="#main" id="main">e</a>')
    assert check_site(site) == []


def test_checks_the_english_site_too(site):
    add_page(site, "en/about/index.html",
             '<a href="../news/2026/cau/#context">ok</a> <a href="../news/2026/cau/#history">no</a>'
             ' <a href="../news/2026/song/">no</a>')
    assert targets(check_site(site)) == [
        ("en/about/index.html", "broken anchor", "../news/2026/cau/#history"),
        ("en/about/index.html", "broken link", "../news/2026/song/"),
    ]


def test_checks_images_scripts_stylesheets_and_srcset(site):
    add_page(site, "gallery/index.html",
             '<img src="../news/2026/cau/cau.jpg" srcset="../news/2026/cau/cau.jpg 1x, lon.jpg 2x">'
             '<script src="../assets/app.js"></script>',
             head='<link rel="stylesheet" href="../assets/style.css?v=3">')
    assert targets(check_site(site)) == [
        ("gallery/index.html", "broken link", "lon.jpg"),
        ("gallery/index.html", "broken link", "../assets/app.js"),
    ]


def test_reports_the_line_of_the_broken_link(site):
    add_page(site, "lines/index.html", "<p>one</p>\n<p>two</p>\n<a href='nowhere.html'>x</a>")
    [broken] = check_site(site)
    assert broken.line == 4  # the doctype/head line, two paragraphs, then the link
    assert str(broken) == "lines/index.html:4: broken link → nowhere.html"


def test_external_and_non_document_links_are_not_fetched(site):
    add_page(site, "links/index.html",
             '<a href="https://example.com/missing/">a</a> <a href="//cdn.example/x.js">b</a>'
             ' <a href="mailto:toasoan@example.org">c</a> <a href="tel:+84123">d</a>'
             ' <img src="data:image/gif;base64,R0lGOD"> <a href="javascript:void(0)">e</a>',
             head='<link rel="preconnect" href="/fonts/">')
    assert check_site(site) == []


def test_a_folder_without_its_trailing_slash_is_found_as_hosts_redirect_it(site):
    add_page(site, "links/index.html", '<a href="../about">a</a> <a href="../assets">b</a>')
    assert targets(check_site(site)) == [("links/index.html", "broken link", "../assets")]


def test_percent_encoded_file_names_resolve(site):
    write_site(site, {"news/2026/cau/ảnh đẹp.jpg": "jpeg"})
    add_page(site, "links/index.html",
             '<img src="../news/2026/cau/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg" alt="">')
    assert check_site(site) == []


def test_a_link_climbing_above_the_site_root_is_broken(site):
    add_page(site, "links/index.html", '<a href="../../../about/">a</a>')
    assert targets(check_site(site, base_path="/repo/")) == [
        ("links/index.html", "broken link", "../../../about/")]


def test_root_relative_links_honour_the_base_path_of_a_subpath_site(site):
    add_page(site, "links/index.html",
             '<a href="/repo/about/#doi-ngu">ok</a> <a href="/repo">home</a>'
             ' <a href="/about/">outside</a> <a href="/repo/tac-gia/">missing</a>')
    assert targets(check_site(site, base_path="/repo/")) == [
        ("links/index.html", "broken link", "/about/"),
        ("links/index.html", "broken link", "/repo/tac-gia/"),
    ]
    # served at the root, the same page's /about/ is fine and /repo/ is not
    assert [b.target for b in check_site(site)] == [
        "/repo/about/#doi-ngu", "/repo", "/repo/tac-gia/"]


def test_absolute_urls_under_site_url_are_internal_links(site):
    add_page(site, "links/index.html",
             '<a href="https://bao.example.org/repo/about/#doi-ngu">ok</a>'
             ' <a href="https://bao.example.org/repo/en/news/2026/song/">broken</a>'
             ' <a href="https://other.example.org/repo/nothing/">external</a>',
             head='<link rel="alternate" hreflang="en" href="https://bao.example.org/repo/en/about/">'
                  '<meta property="og:image" content="https://bao.example.org/repo/cover.jpg">')
    broken = check_site(site, site_url="https://bao.example.org/repo/")
    assert [b.target for b in broken] == [
        "https://bao.example.org/repo/en/about/", "https://bao.example.org/repo/cover.jpg",
        "https://bao.example.org/repo/en/news/2026/song/"]


def test_base_element_changes_where_relative_links_lead(site):
    add_page(site, "deep/er/index.html", '<a href="about/#doi-ngu">a</a>', head='<base href="/">')
    assert check_site(site) == []


def test_anchors_are_not_looked_for_in_files_that_are_not_html(site):
    add_page(site, "links/index.html", '<a href="../feed.xml#latest">feed</a>')
    assert check_site(site) == []


@pytest.mark.parametrize(("given", "expected"), [
    ("", "/"), ("/", "/"), ("repo", "/repo/"), ("/repo", "/repo/"), ("/a/b/", "/a/b/")])
def test_base_path_is_normalized(given, expected):
    assert normalize_base_path(given) == expected


def test_base_path_of_site_url():
    assert base_path_of("https://toasoan.github.io/bao/") == "/bao/"
    assert base_path_of("https://baosonglam.example.org") == "/"
    assert base_path_of(None) == "/"


def test_command_line_prints_each_broken_link_and_exits_1(site, capsys):
    add_page(site, "links/index.html", '<a href="../about/#nope">a</a>\n<a href="gone/">b</a>')
    assert main([str(site)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["links/index.html:2: broken anchor → ../about/#nope",
                   "links/index.html:3: broken link → gone/",
                   "2 broken internal link(s)"]


def test_command_line_exits_0_on_a_clean_site_and_accepts_a_base_path(site, capsys):
    add_page(site, "links/index.html", '<a href="/bao/about/">a</a>')
    assert main([str(site), "--base-path", "/bao/"]) == 0
    assert "no broken internal links" in capsys.readouterr().out


def test_command_line_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nothing")]) == 2
    assert "no such site folder" in capsys.readouterr().err


def test_feeds_sitemaps_and_robots_are_checked_under_site_url(site):
    write_site(site, {
        "sitemap.xml": """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://bao.example.org/repo/about/</loc></url>
            <url><loc>https://bao.example.org/repo/news/2026/song/</loc></url>
            </urlset>""",
        "en/feed.json": '{"items": [{"url": "https://bao.example.org/repo/en/news/2026/cau/",'
                        ' "content_html": "<a href=\\"https://bao.example.org/repo/en/x/\\">"}]}',
        "robots.txt": "Sitemap: https://bao.example.org/repo/sitemap.xml\n"
                      "Sitemap: https://bao.example.org/repo/news-sitemap.xml\n",
        "rss.xml": "<rss><channel><link>https://bao.example.org/repo/</link><description>"
                   "&lt;a href=&quot;https://bao.example.org/repo/about/&quot;&gt;</description>"
                   "<link>https://other.example.org/repo/none/</link></channel></rss>",
    })
    broken = check_site(site, site_url="https://bao.example.org/repo/")
    assert [str(b) for b in broken] == [
        "en/feed.json:1: broken link → https://bao.example.org/repo/en/x/",
        "robots.txt:2: broken link → https://bao.example.org/repo/news-sitemap.xml",
        "sitemap.xml:3: broken link → https://bao.example.org/repo/news/2026/song/",
    ]
    # without a site_url nothing in them can be told apart from an external address
    assert check_site(site, base_path="/repo/") == []
