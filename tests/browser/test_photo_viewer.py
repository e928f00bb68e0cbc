"""The full-size view of an article's photos in Chromium: a native <dialog> opened and
closed by keyboard, the focus returned to the photo, accessible (axe), and the photo's
own file without JavaScript."""

from __future__ import annotations

import axe_check
import pytest

from conftest import new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = "news/2026/cang-ca/"
PHOTO = "news/2026/cang-ca/tau.jpg"
CAPTION = "Tàu cá neo đậu tại cảng lúc rạng sáng. Ảnh: Nguyễn Văn Đức"


@pytest.fixture(scope="module")
def base(tmp_path_factory, site_server) -> str:
    project = new_project(tmp_path_factory.mktemp("photo-viewer") / "src")
    project.photo(PHOTO)
    project.photo("news/2026/cang-ca/ben.jpg")
    project.article("2026/cang-ca", "vi", title="Mở rộng cảng cá", categories=["Kinh tế"],
                    lead="Sapo của bài.", body=f"""
                    Đoạn mở đầu.

                    ![Tàu cá neo đậu trên mặt nước lúc bình minh](tau.jpg "{CAPTION}")

                    Đoạn giữa bài.

                    ![Bến cá đông người](ben.jpg)

                    Đoạn cuối.
                    """)
    result = project.build()
    assert result.ok, result.output
    return site_server(result.site_dir)


def _open_by_keyboard(page) -> None:
    link = page.locator("figure.news-figure a").first
    link.focus()
    page.keyboard.press("Enter")
    page.locator("dialog[data-news-photo][open]").wait_for()


def test_enter_on_a_photo_opens_it_full_size_with_its_caption_and_credit(page, base):
    page.goto(base + ARTICLE)
    link = page.locator("figure.news-figure a").first
    assert link.get_attribute("aria-haspopup") == "dialog"
    assert page.locator("dialog[data-news-photo]").is_hidden()
    _open_by_keyboard(page)
    dialog = page.locator("dialog[data-news-photo]")
    assert dialog.evaluate("d => d.matches(':modal')")  # the rest of the page is inert
    big = dialog.locator("img")
    assert big.get_attribute("src") == base + PHOTO
    assert big.get_attribute("alt") == "Tàu cá neo đậu trên mặt nước lúc bình minh"
    assert big.evaluate("i => i.complete && i.naturalWidth") > 0
    assert dialog.locator("[data-news-photo-caption]").inner_text() == CAPTION
    # the focus is in the dialog, on its close button
    assert page.evaluate("document.activeElement.matches('[data-news-photo-close]')")
    assert page.url == base + ARTICLE  # the page did not navigate to the file


def test_escape_closes_it_and_the_focus_returns_to_the_photo(page, base):
    page.goto(base + ARTICLE)
    _open_by_keyboard(page)
    page.keyboard.press("Escape")
    page.locator("dialog[data-news-photo]").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches('figure.news-figure a')")
    assert page.locator("[data-news-photo-frame] img").count() == 0


def test_the_close_button_closes_it_by_keyboard_and_the_focus_returns(page, base):
    page.goto(base + ARTICLE)
    _open_by_keyboard(page)
    page.keyboard.press("Enter")  # the focused close button
    page.locator("dialog[data-news-photo]").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches('figure.news-figure a')")
    # a photo without a caption opens too, without an empty caption line
    plain = page.locator(".news-article__body p > a").first
    plain.focus()
    page.keyboard.press("Enter")
    page.locator("dialog[data-news-photo][open]").wait_for()
    assert page.locator("[data-news-photo-caption]").is_hidden()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement === document.querySelector("
                         "'.news-article__body p > a')")


def test_the_credit_is_shown_apart_in_the_caption(page, base):
    page.goto(base + ARTICLE)
    caption = page.locator("figure.news-figure figcaption").first
    assert caption.locator("small").inner_text() == "Ảnh: Nguyễn Văn Đức"


@pytest.mark.parametrize("opened", [False, True])
def test_axe_finds_no_violation_with_the_view_closed_or_open(browser, base, opened):
    context = browser.new_context(bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(base + ARTICLE)
    if opened:
        _open_by_keyboard(page)
    violations = axe_check.violations(page)
    context.close()
    assert violations == [], violations


def test_without_javascript_the_photo_link_opens_the_file(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ARTICLE)
    with page.expect_navigation():
        page.locator("figure.news-figure a").first.click()
    assert page.url == base + PHOTO
    assert page.evaluate("document.contentType") == "image/jpeg"
    context.close()
