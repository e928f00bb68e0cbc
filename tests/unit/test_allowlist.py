"""The allow-lists over what a browser parses (toasoan.allowlist), without a build (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toasoan import allowlist
from toasoan.allowlist import ARTICLE, article_violations, page_violations, scheme_of

REPO = Path(__file__).resolve().parents[2]


def messages(html: str) -> list[str]:
    return [str(v) for v in article_violations(html)]


# --- parsed as a browser parses (lexbor, scripting on) ------------------------------------

@pytest.mark.parametrize("html, element", [
    # <noscript> content is raw text with scripting on: the <img> is outside the attribute.
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "img"),
    ("<svg><title><img src=x onerror=alert(1)></title></svg>", "img"),  # breaks out of SVG
    ("<!--><img src=x onerror=alert(1)>-->", "img"),  # "<!-->" is a whole comment
    ("<!---><img src=x onerror=alert(1)>-->", "img"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "math"),
    ("<body onload=alert(1)>", "body"),  # lands on the page's own <body>
    ("<html onmouseover=alert(1)>", "html"),
])
def test_what_a_browser_would_run_is_found_where_a_naive_reader_sees_text(html, element):
    assert any(v.element == element for v in article_violations(html)), messages(html)


@pytest.mark.parametrize("html", [
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>x</button></form>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<link rel="preconnect" href="https://evil.example/">',
    '<link rel="dns-prefetch" href="//evil.example">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<template><p>x</p></template>",
    '<object data="x"></object>', '<embed src="x">', "<style>p{}</style>",
    "<svg></svg>", "<math></math>", "<video></video>", "<marquee>x</marquee>",
])
def test_elements_outside_the_article_list_are_refused_whatever_they_are(html):
    assert article_violations(html), html


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:x", "javascript"),
    ("java&#x09;script:x", "javascript"), ("&#106;avascript:x", "javascript"),
    ("javascript&colon;x", "javascript"), (" \x01javascript:x", "javascript"),
    ("data:text/html,x", "data"), ("https://example.org/", "https"), ("/a/b", ""),
    ("anh.jpg", ""), ("#tin", ""),
])
def test_scheme_is_read_as_a_browser_reads_it(url, scheme):
    assert scheme_of(url) == scheme


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)">x</a>', '<a href="vbscript:x">x</a>',
    '<a href="data:text/html,x">x</a>', '<blockquote cite="javascript:x">x</blockquote>',
    '<img src="https://evil.example/x.png">', '<img src="//evil.example/x.png">',
    '<img src="data:image/png;base64,AAAA">', '<img src="\\\\evil.example\\x.png">',
    '<a href="https://example.org/" target="_blank">x</a>',
])
def test_urls_outside_the_allowed_schemes_or_the_bundle_are_refused(html):
    assert article_violations(html), html


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/a?b=1#c">x</a>', '<a href="mailto:toasoan@example.org">x</a>',
    '<a href="tel:+84123456">x</a>', '<a href="../khac/">x</a>', '<a href="#muc">x</a>',
    '<img src="anh.jpg" alt="Ảnh" width="64" height="40" loading="lazy">',
    '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">x</a>',
    '<table><thead><tr><th align="right" scope="col">Số</th></tr></thead>'
    '<tbody><tr><td align="right">1</td></tr></tbody></table>',
    '<figure class="news-figure"><img src="anh.jpg" alt=""><figcaption>Chú thích</figcaption></figure>',
    "<details open><summary>Thêm</summary><p>x</p></details>",
    '<h2 id="news-of-the-day">News of the day</h2>',  # a heading's id comes from its text
    '<h2 id="md-anderson-opens-a-clinic">MD Anderson opens a clinic</h2>',
])
def test_what_an_article_needs_is_allowed(html):
    assert article_violations(html) == []


# --- names: classes belong to the design, ids the page already uses are reserved -----------

@pytest.mark.parametrize("html", [
    '<span class="md-header">x</span>', '<p class="news-share">x</p>', '<p class="toasoan-x">x</p>',
    '<p id="__drawer">x</p>', '<p id="toasoan-search-q">x</p>', '<p id="news-share-title">x</p>',
    '<h2 id="news-related-title">News related title</h2>', '<p id="news-lang-note-vi">x</p>',
    '<p class="a&quot;b">x</p>',
])
def test_names_of_the_page_cannot_be_taken_by_an_article(html):
    assert article_violations(html), html


def _template_ids() -> set[str]:
    """Every id written in our templates and Material's, a Jinja part read as "vi" (an id
    that is all Jinja, Material's nav "{{ path }}", is made by Material's code: "__nav_1")."""
    import material

    folders = [REPO / "overrides", Path(material.__file__).parent / "templates"]
    found = set()
    for folder in folders:
        for path in folder.rglob("*.html"):
            for value in re.findall(r'\bid="([^"$]*)"', path.read_text("utf-8")):
                if not value.startswith("{{"):
                    found.add(re.sub(r"\{\{.*?\}\}", "vi", value))
    return {value for value in found if value and "{" not in value}


def test_every_id_the_templates_use_is_refused_in_an_article():
    ids = _template_ids()
    assert "news-share-title" in ids and "__drawer" in ids and "news-lang-note-vi" in ids
    ids |= {"__nav_1", "__nav_1_2_label"}
    taken = [name for name in sorted(ids) if not article_violations(f'<p id="{name}">x</p>')]
    assert taken == []


def test_article_policy_holds_no_furniture():
    for name in ("script", "style", "iframe", "form", "input", "meta", "link", "base", "svg"):
        assert name not in ARTICLE.elements


# --- the page allow-list ---------------------------------------------------------------------

PAGE = ('<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
        "<title>x</title></head><body>{}</body></html>")


@pytest.mark.parametrize("body, fragment", [
    ('<script>alert(1)</script>', "inline <script>"),
    ('<script src="https://evil.example/x.js"></script>', "another site"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "another site"),
    ('<link rel="preconnect" href="https://evil.example/">', "<link"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
    ('<form action="https://evil.example/"></form>', "another site"),
    ("<iframe></iframe>", "frames"),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "onerror"),
])
def test_the_page_allow_list_refuses_what_no_template_should_make(body, fragment):
    found = [str(v) for v in page_violations(PAGE.format(body), site_url="https://baosonglam.example.org/")]
    assert any(fragment in message for message in found), found


SITE = "https://baosonglam.example.org/"


def page_problems(body: str, **kwargs) -> list[str]:
    return [str(v) for v in page_violations(PAGE.format(body), site_url=SITE, **kwargs)]


def test_a_page_as_the_templates_make_it_passes():
    body = ('<script src="../assets/js/share.js"></script>'
            '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
            '<script id="__config" type="application/json">{"base": ".."}</script>'
            '<a href="https://zalo.me/share?u=x" target="_blank" rel="noopener noreferrer">Zalo</a>'
            f'<img src="cau.jpg"><link rel="canonical" href="{SITE}news/x/">'
            '<a href="http://example.org/">an http link is not a subresource</a>'
            '<!-- <script>alert(1)</script> --><img src="a.jpg" alt="a>b">')
    assert page_problems(body) == []


@pytest.mark.parametrize("body, expected", [  # the cases of the former regex page check
    ("<script type=module>import('x')</script>", "inline <script>"),
    ('<img src=x onerror="alert(1)">', 'onerror="alert(1)"'),
    ('<svg><a onclick="x()"></a></svg>', "<a> inside <svg>"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URLs are not allowed"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: URLs are not allowed"),
    ('<a href="https://x.org" target="_blank" rel="noopener">x</a>', 'rel="noopener noreferrer"'),
    ('<img src="http://baosonglam.example.org/a.jpg">', "loads over http://"),
    ('<link rel="stylesheet" href="http://cdn.example/x.css">', "loads over http://"),
    ('<script src="//cdn.example/x.js"></script>', "loads from another site"),
    ('<img srcset="a.jpg 1x, https://tracker.example/p.gif 2x">', "tracker.example"),
    ('<p style="color:red">x</p>', "inline styles"),
    # As in browsers, a quote opens a value only after '=': a stray one hides nothing.
    ('<a href="/" aria-label="Báo Q"\'></title><script>alert(1)</script><img src=x onerror=alert(2)>x</a>',
     "inline <script>"),
    ('<img src="a.jpg" alt="a>b" onerror="x()">', "onerror"),
])
def test_unsafe_output_is_named(body, expected):
    found = page_problems(body)
    assert any(expected in p for p in found), found


def test_a_page_needs_exactly_one_policy():
    page = PAGE.replace("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">", "")
    assert any("Content-Security-Policy" in str(v) for v in page_violations(page.format("")))


def test_an_inline_script_with_its_hash_is_the_sites_own():
    source = "window.x=1"
    page = PAGE.format(f"<script>{source}</script>")
    assert page_violations(page, script_hashes=[allowlist.script_hash(source)]) == []


# --- ALLOWED_HTML.md says exactly what the allow-list allows, in both languages -------------

def _documented(section: str) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """(element -> attributes, attributes of every element, link schemes) from one
    language's part of ALLOWED_HTML.md."""
    elements: dict[str, set[str]] = {}
    everywhere: set[str] = set()
    schemes: set[str] = set()
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == 2 and "`" in line:
            attributes = set(re.findall(r"`([^`]+)`", cells[1]))
            names = re.findall(r"`([^`]+)`", cells[0])
            if names:
                for name in names:
                    elements.setdefault(name, set()).update(attributes)
            elif cells[0].startswith("*("):
                everywhere |= attributes
        if line.startswith(("Link schemes:", "Giao thức liên kết:")):
            schemes = {found.rstrip(":") for found in re.findall(r"`([a-z]+:)`", line)}
    return elements, everywhere, schemes


@pytest.mark.parametrize("part", [0, 1], ids=["English", "Vietnamese"])
def test_allowed_html_md_lists_exactly_the_article_allow_list(part):
    text = (REPO / "ALLOWED_HTML.md").read_text("utf-8")
    section = text.split("\n---\n")[part]
    elements, everywhere, schemes = _documented(section)
    assert elements == {name: set(attributes) for name, attributes in ARTICLE.elements.items()}
    assert everywhere == set(ARTICLE.global_attributes)
    assert schemes == set(ARTICLE.link_schemes)
    for prefix in (*ARTICLE.reserved_prefixes, *ARTICLE.reserved_id_prefixes):
        assert f"`{prefix}`" in section, prefix
