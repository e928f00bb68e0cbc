"""Quality in a real browser, on the sample site: accessibility (axe-core), phones,
keyboard, the language switch clicked both ways, and no third-party requests."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import axe_check
import pytest

from conftest import REPO, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAIR = "news/2026/khanh-thanh-cau-song-lam/"
VI_ONLY = "news/2026/phien-cho-vung-cao-khe-may-giu-nep-xua/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, site_server) -> str:
    """The sample newsroom (docs/), with small pages so that page 2 exists."""
    project = new_project(tmp_path_factory.mktemp("quality") / "src")
    project.config = {"docs_dir": str(REPO / "docs"), "extra": {"news": {"page_size": 3}}}
    result = project.build()
    assert result.ok, result.output
    return site_server(result.site_dir)


def pages_to_check() -> list[str]:
    return ["", PAIR, "chuyen-muc/thoi-su/", "page/2/", "tim-kiem/", "404.html",
            "en/", "en/" + PAIR, "en/category/news/", "en/page/2/", "en/search/", "en/404.html"]


@pytest.mark.parametrize("path", pages_to_check())
def test_axe_finds_no_accessibility_violation(browser, site, path):
    context = browser.new_context(bypass_csp=True)  # the site's CSP rightly refuses axe's script
    page = context.new_page()
    page.goto(site + path)
    violations = axe_check.violations(page)
    context.close()
    assert violations == [], violations


@pytest.mark.parametrize("path", pages_to_check())
def test_every_request_goes_to_the_site_itself(browser, site, path):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc or request.url[:12]))
    page.goto(site + path, wait_until="networkidle")
    context.close()
    assert hosts == {urlsplit(site).netloc}


@pytest.mark.parametrize("path", ["", PAIR, "chuyen-muc/thoi-su/", "page/2/",
                                  "en/", "en/" + PAIR, "en/category/news/", "en/page/2/"])
def test_no_horizontal_scrolling_on_a_375px_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(site + path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px screen"


def test_switch_clicked_both_ways_lands_on_the_translation(page, site):
    page.goto(site + PAIR)
    page.locator(".news-lang a[hreflang='en']").click()
    page.wait_for_load_state()
    assert page.url == site + "en/" + PAIR
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".news-lang a[hreflang='vi']").click()
    page.wait_for_load_state()
    assert page.url == site + PAIR
    assert page.locator("html").get_attribute("lang") == "vi"


def test_switch_on_an_untranslated_article_goes_to_the_other_home(page, site):
    page.goto(site + VI_ONLY)
    link = page.locator(".news-lang a[hreflang='en']")
    assert "tiếng Anh" in (link.get_attribute("title") or "")
    link.click()
    page.wait_for_load_state()
    assert page.url == site + "en/#news-untranslated"  # the English home, saying why
    assert page.locator("#news-untranslated").is_visible()


def test_share_links_open_the_article_url_on_each_network(page, site):
    # Nothing leaves 127.0.0.1: the networks' pages are answered by a stub here.
    page.context.route(lambda url: "127.0.0.1" not in url,
                       lambda route: route.fulfill(status=200, body="stub", content_type="text/plain"))
    page.goto(site + PAIR)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    links = page.locator(".news-share a[href^='http']")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        assert link.get_attribute("target") == "_blank"
        assert set((link.get_attribute("rel") or "").split()) >= {"noopener", "noreferrer"}
        with page.context.expect_page() as opened:
            link.click()
        target = opened.value.url  # the network itself is unreachable: the URL is what matters
        opened.value.close()
        query = parse_qs(urlsplit(target).query)
        assert canonical in [value for values in query.values() for value in values], target


def _focus_walk(page, steps: int = 80) -> list[dict]:
    page.keyboard.press("Tab")
    seen = []
    for _ in range(steps):
        seen.append(page.evaluate("""() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, cls: el.className && String(el.className),
                    inSwitch: !!el.closest('.news-lang'), inShare: !!el.closest('.news-share'),
                    isSearch: el.matches('input[type=search], .toasoan-search-box *'),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                    shadow: style.boxShadow !== 'none'};
        }"""))
        page.keyboard.press("Tab")
    return seen


@pytest.mark.parametrize("lang", ["", "en/"])
def test_keyboard_alone_reaches_switch_search_and_share_with_visible_focus(page, site, lang):
    page.goto(site + lang + PAIR)
    seen = _focus_walk(page)
    for where in ("inSwitch", "isSearch", "inShare"):
        focused = [s for s in seen if s[where]]
        assert focused, f"keyboard never reaches {where}"
        assert all(s["outline"] or s["shadow"] for s in focused), focused


def test_404_pages_help_back_to_the_news(page, site):
    """A host serves 404.html at whatever address was missing (GitHub Pages, nginx
    error_page): served deep in the site, its links still lead back to the news."""
    import urllib.request

    with urllib.request.urlopen(site + "404.html") as response:  # noqa: S310 (127.0.0.1)
        body = response.read()
    missing = site + "khong-co-trang-nay/sau/hon/"
    page.route(missing, lambda route: route.fulfill(status=404, body=body,
                                                   content_type="text/html; charset=utf-8"))
    assert page.goto(missing).status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    links = page.locator(".news-notfound a")
    assert links.count() >= 3
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        with urllib.request.urlopen(page.evaluate("h => new URL(h, location.href).href", href)) as r:  # noqa: S310
            assert r.status == 200, href
    links.nth(1).click()  # the newest article, from a page three folders deep
    page.wait_for_load_state()
    assert page.locator("h1.news-article__title").count() == 1
