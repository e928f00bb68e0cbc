"""The rendered-page safety net and the Content-Security-Policy it goes with."""

from __future__ import annotations

import pytest

from toasoan.output_policy import check_page, content_security_policy, script_hash, unpublishable

SITE = "https://baosonglam.example.org/"
CSP = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'


def page(body: str, head: str = CSP) -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def problems(body: str, **kwargs) -> list[str]:
    return check_page(page(body), site_url=SITE, **kwargs)


def test_policy_allows_only_the_site_itself():
    policy = dict(part.split(" ", 1) for part in content_security_policy().split("; "))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # no 'unsafe-inline', no hosts
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["style-src"] == "'self'"
    assert "http" not in content_security_policy()


def test_policy_lists_given_inline_script_hashes():
    digest = script_hash("alert(1)")
    assert digest == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert f"script-src 'self' 'wasm-unsafe-eval' {digest};" in content_security_policy([digest])


def test_a_safe_page_passes():
    body = ('<script src="../assets/js/share.js"></script>'
            '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
            '<script id="__config" type="application/json">{"base": ".."}</script>'
            '<a href="https://zalo.me/share?u=x" target="_blank" rel="noopener noreferrer">Zalo</a>'
            f'<img src="cau.jpg"><link rel="canonical" href="{SITE}news/x/">'
            '<a href="http://example.org/">an http link is not a subresource</a>')
    assert problems(body) == []


@pytest.mark.parametrize("body, expected", [
    ("<script>alert(1)</script>", "inline <script> 'sha256-"),
    ("<script type=module>import('x')</script>", "inline <script>"),
    ('<img src=x onerror="alert(1)">', 'onerror="alert(1)"'),
    ('<svg><a onclick="x()"></a></svg>', "event handler"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URLs are not allowed"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: URLs are not allowed"),
    ('<iframe src="data:text/html,<script>alert(1)</script>"></iframe>', "data: URLs are not allowed"),
    ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "javascript:"),
    ('<a href="https://x.org" target="_blank">x</a>', 'lacks rel="noopener noreferrer"'),
    ('<a href="https://x.org" target="_blank" rel="noopener">x</a>', 'lacks rel="noopener noreferrer"'),
    ('<img src="http://baosonglam.example.org/a.jpg">', "loads over http://"),
    ('<link rel="stylesheet" href="http://cdn.example/x.css">', "loads over http://"),
    ('<script src="https://cdn.example/x.js"></script>', "loads from another site (cdn.example)"),
    ('<script src="//cdn.example/x.js"></script>', "loads from another site"),
    ('<img srcset="a.jpg 1x, https://tracker.example/p.gif 2x">', "tracker.example"),
    ('<p style="color:red">x</p>', "inline styles are blocked"),
    ("<style>p{color:red}</style>", "<style> element"),
])
def test_unsafe_output_is_named(body, expected):
    found = problems(body)
    assert any(expected in p for p in found), found


def test_allowed_inline_script_passes_by_hash():
    assert problems("<script>alert(1)</script>", script_hashes=[script_hash("alert(1)")]) == []


def test_page_without_exactly_one_csp_meta_is_refused():
    assert check_page(page("<p>x</p>", head=""), site_url=SITE) == [
        "has 0 Content-Security-Policy <meta> tags (expected exactly 1, from "
        "partials/head/security.html)"]
    assert check_page(page("<p>x</p>", head=CSP * 2), site_url=SITE)
    assert check_page(page("<p>x</p>", head=""), require_csp=False) == []


def test_a_stray_quote_does_not_hide_what_follows_it():
    """As in browsers, a quote only opens a value after '=': Material's raw aria-label
    once turned `aria-label="Báo Q"'>...<script>` into a live script."""
    found = problems('<a href="/" aria-label="Báo Q"\'></title><script>alert(1)</script><img src=x onerror=alert(2)>x</a>')
    assert any("inline <script>" in p for p in found), found
    assert any('<img onerror="alert(2)">' in p for p in found), found


def test_comments_and_quoted_angle_brackets_are_read_like_a_browser():
    assert problems('<!-- <script>alert(1)</script> --><img src="a.jpg" alt="a>b">') == []
    assert problems('<img src="a.jpg" alt="a>b" onerror="x()">')
    assert problems("<title><script>not a script</script></title>") == []


def test_a_tag_never_closed_is_refused():
    assert problems("<a " + "b" * 10_000) == ["<a> (line 1) is never closed within 8,192 characters"]


@pytest.mark.parametrize("src_uri", ["news/2026/x/anh.jpg", "news/2026/x/ANH.JPEG", "about.vi.md",
                                     "news/2026/x/bao-cao.pdf", "robots.txt", "favicon.ico"])
def test_photos_pages_and_inert_files_are_published(src_uri):
    assert unpublishable(src_uri) is None


@pytest.mark.parametrize("src_uri, suffix", [
    ("news/2026/x/trang.html", ".html"), ("news/2026/x/logo.svg", ".svg"),
    ("news/2026/x/app.js", ".js"), ("feed.xml", ".xml"), ("news/2026/x/Makefile", "(no suffix)"),
])
def test_active_files_in_docs_are_not_published(src_uri, suffix):
    assert unpublishable(src_uri).startswith(f'"{suffix}" files are not published from docs/')


def test_only_the_dev_server_allows_inline_scripts():
    assert "'unsafe-inline'" not in content_security_policy()
    assert "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline';" in content_security_policy(dev_server=True)
