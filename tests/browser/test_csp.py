"""The Content-Security-Policy in Chromium: the site works under it and nothing is blocked.

A CSP that blocks the site's own scripts (Material's, share, search, Pagefind's
WebAssembly) would fail silently for readers; here every violation the browser
reports on real pages is collected, and a script injected into a page is shown to
be blocked.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from conftest import new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COLLECT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, site_server):
    """Served at its own site_url, as in production: Material fetches site_url's sitemap."""
    root = tmp_path_factory.mktemp("csp-browser")
    out = root / "site"
    out.mkdir()
    url = site_server(out)
    project = new_project(root / "src")
    project.config["site_url"] = url
    project.config["dev_addr"] = "127.0.0.1:9"  # never taken for `mkdocs serve` (see below)
    project.photo("news/2026/cau-moi/cau.jpg")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", categories=["Đô thị"],
                    body="Cây cầu mới nối hai bờ sông Lam.\n\n![Cầu mới](cau.jpg \"Cầu nhìn từ bờ nam\")")
    project.article("2026/cau-moi", "en", title="New bridge opens", categories=["Urban affairs"],
                    body="The new bridge links both banks.\n\n![New bridge](cau.jpg)")
    built = project.build(site_dir=out)
    assert built.ok, built.output
    return url


def _visit(page, url: str, until: str = "networkidle") -> tuple[list[str], list[str]]:
    """(CSP violations, console errors) while loading ``url``."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(COLLECT)
    page.goto(url)
    page.wait_for_load_state(until)
    return page.evaluate("window.__violations"), errors


@pytest.mark.parametrize("path", ["", "news/2026/cau-moi/", "en/news/2026/cau-moi/", "about/",
                                  "en/", "404.html", "en/404.html"])
def test_pages_load_without_any_csp_violation(page, site, path):
    violations, errors = _visit(page, site + path)
    assert violations == [], violations
    assert not [e for e in errors if "Content Security Policy" in e], errors
    # Material's scope script ran from its file: its helpers exist.
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")


def test_search_with_pagefind_webassembly_runs_under_the_policy(page, site):
    violations, errors = _visit(page, f"{site}tim-kiem/?q={quote('cầu')}")
    page.wait_for_selector("[data-search-state=done]")
    assert page.locator(".toasoan-search__result").count() >= 1
    assert page.evaluate("window.__violations") == []
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_an_injected_inline_script_is_blocked(page, site):
    _visit(page, site + "news/2026/cau-moi/")
    page.evaluate("""() => {
        window.__ran = false;
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.body.appendChild(s);
        const img = document.createElement('img');
        img.src = 'https://tracker.example/pixel.gif';
        document.body.appendChild(img);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is False
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") and "tracker.example" in v for v in violations), violations


HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site_server):
    """Hostile text in every front-matter field, in both languages, served at site_url."""
    root = tmp_path_factory.mktemp("csp-hostile")
    out = root / "site"
    out.mkdir()
    url = site_server(out)
    project = new_project(root / "src")
    project.config["site_url"] = url
    project.photo("news/2026/doc/anh.jpg")
    for lang, label in (("vi", "Thời sự"), ("en", "News")):
        project.article("2026/doc", lang, title=f"Cầu {HOSTILE}", author=[f"Đào {HOSTILE}"],
                        categories=[f"{label} {HOSTILE}"], lead=f"Sapo {HOSTILE}", image="anh.jpg",
                        body='Cầu mới.\n\n![Ảnh" onerror="alert(3)](anh.jpg "Chú thích \' onmouseover=\'alert(4)")')
    built = project.build()
    assert built.ok, built.output
    return url


def test_hostile_text_makes_no_script_even_try_to_run(page, hostile_site):
    """Escaped text never becomes an element: the CSP, which would block an injected
    script, sees none being attempted, and no dialog opens."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("", "en/", "news/2026/doc/", "en/news/2026/doc/", "404.html",
                 f"tim-kiem/?q={quote(HOSTILE)}", f"en/search/?q={quote('Cầu')}"):
        violations, _ = _visit(page, hostile_site + path)
        for image in page.locator("article img").all():
            image.hover()  # an onmouseover that escaped its attribute would fire now
        assert page.evaluate("window.__violations") == [], (path, violations)
    links = page.eval_on_selector_all("a[href]", "a => a.map(x => x.getAttribute('href'))")
    assert not [h for h in links if h.replace(" ", "").lower().startswith("javascript:")]
    assert dialogs == []


