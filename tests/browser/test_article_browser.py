"""The article page in Chromium: share buttons, print, the switch without JavaScript."""

from __future__ import annotations

import pytest

from conftest import new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAIR = "news/2026/cau-moi/"


@pytest.fixture(scope="module")
def base(tmp_path_factory, site_server) -> str:
    project = new_project(tmp_path_factory.mktemp("article-browser") / "src")
    project.photo("news/2026/cau-moi/cau.jpg")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", categories=["Thời sự"],
                    lead="Sapo của bài.", body='Thân bài.\n\n![Cầu](cau.jpg "Cầu mới.")\n')
    project.article("2026/cau-moi", "en", title="New bridge opens", categories=["News"],
                    lead="The lead.", body="Body.")
    project.article("2026/khac", "vi", title="Bài khác", categories=["Thời sự"],
                    date="2026-03-10 08:00")
    result = project.build()
    assert result.ok, result.output
    return site_server(result.site_dir)


def test_copy_link_copies_the_canonical_url_and_says_so_in_vietnamese(browser, base):
    context = browser.new_context(locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + PAIR)
    button = page.locator('[data-share-action="copy"]')
    assert button.is_visible()
    button.click()
    status = page.locator(".news-share__status")
    status.filter(has_text="Đã sao chép").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == \
        "https://baosonglam.example.org/" + PAIR
    context.close()


def test_native_share_button_only_where_the_browser_can_share(browser, base):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + PAIR)
    supported = page.evaluate("typeof navigator.share === 'function'")
    assert page.locator('[data-share-action="native"]').is_visible() == supported
    context.close()

    context = browser.new_context()
    context.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = context.new_page()
    page.goto(base + "en/" + PAIR)
    button = page.locator('[data-share-action="native"]')
    assert button.is_visible() and button.inner_text() == "Share…"
    button.click()
    page.wait_for_function("window.__shared !== undefined")
    assert page.evaluate("window.__shared") == {
        "title": "New bridge opens", "url": "https://baosonglam.example.org/en/" + PAIR}
    context.close()


def test_print_shows_the_article_under_the_masthead(page, base):
    page.goto(base + PAIR)
    assert page.locator('[data-share-action="print"]').is_visible()
    page.emulate_media(media="print")
    for hidden in (".news-sections", ".news-share", ".news-related", ".news-breadcrumb",
                   ".news-footer", ".news-aside"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in (".news-masthead__name", "h1", ".news-lead", ".news-article__body figure",
                  ".news-signature", ".news-print-address"):
        assert page.locator(shown).first.is_visible(), shown


def test_lead_is_bold_and_signature_right_aligned(page, base):
    page.goto(base + PAIR)
    assert page.eval_on_selector(".news-lead", "e => getComputedStyle(e).fontWeight") == "700"
    assert page.eval_on_selector(".news-signature", "e => getComputedStyle(e).textAlign") == "right"
    assert page.eval_on_selector(".news-signature", "e => getComputedStyle(e).fontWeight") == "700"


def test_switch_goes_to_the_translation_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PAIR)
    page.locator(".news-lang a[hreflang='en']").click()
    page.wait_for_url(base + "en/" + PAIR)
    assert page.locator("h1").inner_text() == "New bridge opens"
    page.locator(".news-lang a[hreflang='vi']").click()
    page.wait_for_url(base + PAIR)
    assert page.locator("h1").inner_text() == "Khánh thành cầu mới"
    # without JavaScript, no button that cannot work is shown
    assert page.locator(".news-share button:visible").count() == 0
    context.close()
