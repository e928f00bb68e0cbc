"""A newspaper, not a documentation site (issue 18), in Chromium, in both languages, on a
1366×900 desktop and a 390×844 phone: masthead, sections, front page, article layout,
reader tools, footer. The sample newsroom (docs/) is served as built; a busier paper
(24 stories per language) checks the front page's density and blocks."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import axe_check
import pytest

from conftest import REPO, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PAIR = "news/2026/khanh-thanh-cau-song-lam/"  # Thời sự + Đô thị, by Trần Thị Đào, 14/03/2026
VI_ONLY = "news/2026/phien-cho-vung-cao-khe-may-giu-nep-xua/"
LANGS = {"vi": "", "en": "en/"}
NAMES = {"vi": "Báo Sông Lam", "en": "Song Lam News"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory, site_server) -> str:
    """The sample newsroom of docs/, with the repository's mkdocs.yml."""
    project = new_project(tmp_path_factory.mktemp("newspaper") / "src")
    project.config = {"docs_dir": str(REPO / "docs")}
    result = project.build()
    assert result.ok, result.output
    return site_server(result.site_dir)


SECTIONS = {"vi": ["Thời sự", "Kinh tế", "Văn hóa", "Đô thị", "Xây dựng Đảng"],
            "en": ["News", "Economy", "Culture", "Urban affairs", "Party building"]}


@pytest.fixture(scope="module")
def busy(tmp_path_factory, site_server) -> str:
    """24 stories per language spread over the five sections."""
    project = new_project(tmp_path_factory.mktemp("busy") / "src")
    for n in range(1, 25):
        bundle = f"2026/tin-{n:02d}"
        project.photo(f"news/{bundle}/anh.jpg")
        for lang, prefix in (("vi", "Tin số"), ("en", "Story")):
            project.article(bundle, lang, title=f"{prefix} {n} về một sự kiện trong tỉnh"
                            if lang == "vi" else f"{prefix} {n} about an event in the province",
                            date=f"2026-{1 + n // 3:02d}-{1 + n % 28:02d} 08:{n:02d}",
                            categories=[SECTIONS[lang][n % 5]], image="anh.jpg",
                            lead="Sapo." if lang == "vi" else "Lead.")
    result = project.build()
    assert result.ok, result.output
    return site_server(result.site_dir)


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport=DESKTOP, **context options) -> a Playwright page."""
    contexts = []

    def opener(url: str, viewport: dict = DESKTOP, **options):
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                      **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def page_kinds(lang: str) -> list[str]:
    prefix = LANGS[lang]
    section = "chuyen-muc/thoi-su/" if lang == "vi" else "en/category/news/"
    author = "tac-gia/tran-thi-dao/" if lang == "vi" else "en/author/tran-thi-dao/"
    search = "tim-kiem/" if lang == "vi" else "en/search/"
    return ["" + prefix, prefix + PAIR, section, author, prefix + "2026/03/", search,
            prefix + "about/", prefix + "404.html"]


# --- no documentation furniture ------------------------------------------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_documentation_sidebar_toc_or_theme_credit_on_any_page_kind(open_page, sample,
                                                                         lang, viewport):
    for path in page_kinds(lang):
        page = open_page(sample + path, viewport)
        assert page.locator(".md-sidebar, .md-nav, [data-md-type='toc'], .md-footer").count() == 0, path
        text = page.locator("body").inner_text()
        for word in ("Material", "MkDocs", "Mục lục", "Table of contents"):
            assert word not in text, (path, word)
        # the same newspaper frame on every page kind
        assert page.locator(".news-masthead__name").inner_text() == NAMES[lang], path
        assert page.locator(".news-sections").is_visible(), path
        assert page.locator(".news-footer").count() == 1, path
        page.context.close()


# --- masthead ---------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_masthead_name_is_shown_whole_on_phones(open_page, sample, lang, width):
    page = open_page(sample + LANGS[lang] + PAIR, {"width": width, "height": 740})
    name = page.locator(".news-masthead__name")
    assert name.inner_text() == NAMES[lang]
    box = page.evaluate("""() => {
        const el = document.querySelector('.news-masthead__name');
        const range = document.createRange();
        range.selectNodeContents(el);
        const rects = [...range.getClientRects()];
        return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
                clipped: el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis',
                width: window.innerWidth};
    }""")
    assert box["left"] >= 0 and box["right"] <= box["width"], box
    assert not box["clipped"], box
    # nothing on the page scrolls sideways either
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("lang", "expected"), [("vi", "Thứ Tư, 02/12/2026"),
                                                ("en", "Wednesday, December 2, 2026")])
def test_masthead_date_is_today_in_the_papers_time_zone(browser, sample, lang, expected):
    context = browser.new_context(timezone_id="Europe/Paris")  # a reader abroad
    page = context.new_page()
    # 1 December, 17:30 UTC: already 2 December, 00:30, in Hà Nội
    page.clock.set_fixed_time("2026-12-01T17:30:00Z")
    page.goto(sample + LANGS[lang])
    assert page.locator(".news-masthead__date").inner_text() == expected
    context.close()


def test_masthead_date_stays_hidden_without_javascript(browser, sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample)
    assert not page.locator(".news-masthead__date").is_visible()  # no date rather than a stale one
    context.close()


def test_favicon_and_logo_are_the_papers_own_mark(open_page, sample):
    page = open_page(sample)
    icon = page.locator("link[rel=icon]").get_attribute("href")
    logo = page.locator(".news-masthead__brand img")
    assert logo.get_attribute("src") == icon == "assets/images/favicon.png"
    assert page.evaluate("(img) => img.naturalWidth", logo.element_handle()) == 180
    response = page.request.get(sample + icon)
    assert response.ok and response.body().startswith(b"\x89PNG")


# --- sections ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_section_is_reachable_on_a_phone(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR, PHONE)
    links = page.locator(".news-sections a")
    labels = links.all_inner_texts()
    assert labels[1:] == SECTIONS[lang]
    bar = page.locator(".news-sections__list")
    assert bar.evaluate("el => el.scrollWidth > el.clientWidth")  # more than fits: it scrolls
    assert bar.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        hit = link.evaluate("""el => {
            const r = el.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.left >= -1 && r.right <= window.innerWidth + 1 && el.contains(top);
        }""")
        assert hit, labels[index]
    links.last.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == SECTIONS[lang][-1]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_menu_drawer_holds_sections_pages_and_the_language_switch(browser, sample, lang):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)  # a CSS drawer: no script needed
    page = context.new_page()
    page.goto(sample + LANGS[lang] + PAIR)
    drawer = page.locator(".news-drawer")
    assert not drawer.is_visible()
    page.locator(".news-masthead__menu").click()
    page.locator(".news-drawer a").first.wait_for(state="visible")
    texts = drawer.locator("a").all_inner_texts()
    assert all(section in texts for section in SECTIONS[lang])
    assert ("Giới thiệu" if lang == "vi" else "About us") in texts
    assert {"Tiếng Việt", "English"} <= set(texts)
    home = "Trang chủ" if lang == "vi" else "Home"
    assert texts.count(home) == 1  # in the sections, not again among the pages
    other = "en" if lang == "vi" else "vi"
    drawer.locator(f"a[hreflang='{other}']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == other
    context.close()


def test_the_drawer_is_hidden_on_desktop_where_the_bar_shows_every_section(open_page, sample):
    page = open_page(sample)
    assert not page.locator(".news-masthead__menu").is_visible()
    for link in page.locator(".news-sections a").all():
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"]


def test_the_drawer_opens_and_closes_from_the_keyboard(open_page, sample):
    page = open_page(sample + PAIR, PHONE)
    page.locator(".news-masthead__menu").focus()
    page.keyboard.press("Enter")
    page.locator(".news-drawer a").first.wait_for(state="visible")
    assert page.evaluate("document.activeElement.closest('.news-drawer') !== null")
    page.keyboard.press("Escape")
    page.locator(".news-drawer a").first.wait_for(state="hidden")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_exactly_one_section_is_current_on_an_article_in_two_sections(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR)
    current = page.locator(".news-sections__item--current")
    assert current.all_inner_texts() == [SECTIONS[lang][0]]  # Thời sự / News, its first


# --- front page ---------------------------------------------------------------------------------

def visible_headlines(page) -> set[str]:
    """Distinct article links shown in the first screen."""
    return set(page.evaluate("""() => [...document.querySelectorAll('.md-content a')]
        .filter(a => { const r = a.getBoundingClientRect();
                       return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; })
        .map(a => new URL(a.href).pathname)
        .filter(path => /\\/news\\/\\d{4}\\//.test(path))"""))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_front_page_is_dense_with_top_secondary_latest_and_section_blocks(open_page, busy, lang):
    page = open_page(busy + LANGS[lang])
    assert len(visible_headlines(page)) >= 8
    assert page.locator(".news-top").count() == 1
    assert page.locator(".news-front__secondary .news-story").count() == 3
    latest = page.locator(".news-latest")
    assert latest.locator("h2").inner_text().casefold() == (
        "tin mới nhất" if lang == "vi" else "latest news")
    assert latest.locator("li").count() == 10
    assert latest.is_visible()
    blocks = page.locator(".news-section")
    assert blocks.locator("h2").all_inner_texts() == [s.upper() for s in SECTIONS[lang]] or \
        [t.casefold() for t in blocks.locator("h2").all_inner_texts()] == [
            s.casefold() for s in SECTIONS[lang]]
    for index in range(blocks.count()):
        assert blocks.nth(index).locator("a[href*='news/2026/']").count() >= 4
    # more news: page 2 of the home listing
    page.locator(".news-pagination a[rel=next]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("page/2/")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_front_page_on_a_phone_stacks_everything_in_one_column(open_page, busy, lang):
    page = open_page(busy + LANGS[lang], PHONE)
    for selector in (".news-top", ".news-latest", ".news-section"):
        box = page.locator(selector).first.bounding_box()
        assert box["width"] >= PHONE["width"] - 40, selector
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_untranslated_note_shows_only_when_arriving_from_an_untranslated_article(browser, sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample + VI_ONLY)
    page.locator(".news-lang a[hreflang='en']").click()
    page.wait_for_url(sample + "en/#news-untranslated")
    note = page.locator("#news-untranslated")
    assert note.is_visible()
    assert "not available in English" in note.inner_text()
    page.goto(sample + "en/")
    assert not page.locator("#news-untranslated").is_visible()
    context.close()


# --- article layout -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_column_is_readable_beside_a_side_column(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR)
    body = page.locator(".news-article__body").bounding_box()
    assert 680 <= body["width"] <= 760, body
    aside = page.locator(".news-aside").bounding_box()
    assert aside["x"] >= body["x"] + body["width"] and aside["y"] < body["y"]  # beside it
    chars = page.evaluate("""() => {
        const p = [...document.querySelectorAll('.news-article__body > p')]
            .sort((a, b) => b.textContent.length - a.textContent.length)[0];
        const range = document.createRange();
        range.selectNodeContents(p);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        return p.textContent.length / tops.size;
    }""")
    assert 60 <= chars <= 85, chars  # about 65-80 characters a line
    for heading in page.locator(".news-article__body h2").all():
        assert int(heading.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
    photos = page.locator(".news-article__body figure img").all()
    assert photos
    for photo in photos:
        assert abs(photo.bounding_box()["width"] - body["width"]) < 1  # the column's width
    side = page.locator(".news-aside")
    page.wait_for_selector(".news-aside__list--latest li")  # filled from latest.json
    assert side.locator(".news-aside__list a").count() >= 4
    assert side.locator("h2").first.inner_text().casefold() == SECTIONS[lang][0].casefold()
    latest = side.locator(".news-aside__list--latest a")
    assert 1 <= latest.count() <= 5
    assert page.url not in [a.evaluate("a => a.href") for a in latest.all()]  # not itself
    assert not side.locator("[data-news-latest-fallback]").is_visible()


def test_without_javascript_the_side_column_links_to_the_latest_news(browser, sample):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(sample + PAIR)
        fallback = page.locator("[data-news-latest-fallback] a")
        assert fallback.is_visible()
        fallback.click()
        page.wait_for_url(sample)
        assert page.locator(".news-latest").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_on_a_phone_the_side_column_follows_the_article(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR, PHONE)
    body = page.locator(".news-article__body").bounding_box()
    aside = page.locator(".news-aside").bounding_box()
    assert aside["y"] > body["y"] + body["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the share icons are near the top, under the title
    share = page.locator(".news-sharebar").bounding_box()
    assert share["y"] < body["y"] and share["y"] < PHONE["height"]


@pytest.mark.parametrize(("lang", "author", "month"), [
    ("vi", ("tac-gia/tran-thi-dao/", "Trần Thị Đào"), ("2026/03/", "Tháng 3/2026")),
    ("en", ("en/author/tran-thi-dao/", "Trần Thị Đào"), ("en/2026/03/", "March 2026")),
])
def test_byline_goes_to_the_author_and_date_to_the_month(open_page, sample, lang, author, month):
    article = sample + LANGS[lang] + PAIR
    page = open_page(article)
    title = page.locator("h1").inner_text()
    page.locator(".news-signature a").first.click()
    page.wait_for_url(sample + author[0])
    assert page.locator("h1").inner_text() == author[1]
    assert title in page.locator(".news-listing").inner_text()
    page.goto(article)
    page.locator(".news-dateline__month").click()
    page.wait_for_url(sample + month[0])
    assert page.locator("h1").inner_text() == month[1]
    assert title in page.locator(".news-listing").inner_text()
    # and on to the next month that has articles, and back
    page.locator(".news-months__later").click()
    page.wait_for_load_state()
    assert re.fullmatch(r"Tháng \d{1,2}/2026|[A-Z][a-z]+ 2026", page.locator("h1").inner_text())
    assert page.url != sample + month[0]
    page.locator(".news-months__earlier").click()
    page.wait_for_url(sample + month[0])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_article_ends_with_at_least_three_onward_links(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR)
    related = page.locator(".news-related")
    assert related.locator("h2").inner_text().casefold() == (
        "tin liên quan" if lang == "vi" else "related news")
    links = related.locator("a")
    assert links.count() >= 3
    targets = {link.get_attribute("href") for link in links.all()}
    assert len(targets) == links.count()
    links.first.click()
    page.wait_for_load_state()
    assert page.locator(".news-article__title").is_visible()  # another article


# --- reader tools ---------------------------------------------------------------------------------

def body_size(page) -> float:
    return float(page.eval_on_selector(".news-article__body p",
                                       "p => parseFloat(getComputedStyle(p).fontSize)"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_size_changes_the_body_and_is_remembered_without_a_layout_shift(open_page, sample, lang):
    page = open_page(sample + LANGS[lang] + PAIR)
    default = body_size(page)
    width = page.locator(".news-article__body").bounding_box()["width"]
    larger = page.locator("[data-news-text-step='1']")
    larger.click()
    larger.click()
    bigger = body_size(page)
    assert bigger > default
    assert page.locator(".news-article__body").bounding_box()["width"] == width  # column stays
    page.reload()
    assert body_size(page) == bigger  # remembered on the device
    shift = page.evaluate("""() => new Promise(resolve => {
        new PerformanceObserver(list => resolve(list.getEntries().reduce((s, e) => s + e.value, 0)))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => resolve(0), 500);
    })""")
    assert shift == 0
    smaller = page.locator("[data-news-text-step='-1']")
    for _ in range(3):
        smaller.click()
    assert body_size(page) < default
    assert smaller.is_disabled()  # the smallest size


def test_text_size_buttons_are_hidden_without_javascript(browser, sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample + PAIR)
    assert not page.locator(".news-tools").is_visible()
    context.close()


def test_back_to_top_appears_after_scrolling_and_goes_to_the_top(open_page, sample):
    page = open_page(sample + PAIR, PHONE)
    button = page.locator(".news-totop")
    assert not button.is_visible()
    page.mouse.wheel(0, 4000)
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("window.scrollY === 0")


def test_print_keeps_the_masthead_and_prints_the_articles_address(open_page, sample):
    page = open_page(sample + PAIR)
    page.emulate_media(media="print")
    assert page.locator(".news-masthead__name").is_visible()
    for hidden in (".news-sections", ".news-masthead__strip", ".toasoan-search-box", ".news-aside",
                   ".news-share", ".news-sharebar", ".news-related", ".news-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    address = page.locator(".news-print-address")
    assert address.is_visible()
    assert "https://baosonglam.example.org/" + PAIR in address.inner_text()
    page.emulate_media(media="screen")
    assert not address.is_visible()


def test_zalo_opens_the_share_sheet_or_copies_the_link(browser, sample):
    context = browser.new_context()
    context.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = context.new_page()
    page.goto(sample + PAIR)
    page.locator(".news-sharebar [data-share-action='zalo']").click()
    page.wait_for_function("window.__shared !== undefined")
    assert page.evaluate("window.__shared.url") == "https://baosonglam.example.org/" + PAIR
    context.close()

    context = browser.new_context(locale="vi-VN")  # no Web Share on desktop Chromium
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(sample + PAIR)
    assert page.evaluate("typeof navigator.share") != "function"
    page.locator(".news-share [data-share-action='zalo']").click()
    page.locator(".news-share__status").filter(has_text="dán vào Zalo").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "https://baosonglam.example.org/" + PAIR
    context.close()


# --- footer ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_footer_shows_the_configured_publisher_lines_in_the_pages_language(open_page, sample, lang):
    from toasoan.site_config import read_site

    lines = read_site(REPO / "mkdocs.yml").settings.publisher_details.lines(lang)
    page = open_page(sample + LANGS[lang] + PAIR)
    footer = page.locator(".news-footer")
    text = footer.inner_text()
    for value in (lines.name, lines.licence, lines.editor_in_chief, lines.address, lines.phone,
                  lines.email, lines.notice):
        assert value and value in text, value
    assert footer.locator(f"a[href='mailto:{lines.email}']").count() == 1
    assert footer.locator("a[href^='tel:']").count() == 1
    assert footer.locator(".news-footer__sections a").all_inner_texts() == SECTIONS[lang]
    rss = footer.locator("a[type='application/rss+xml']")
    assert re.fullmatch(r"(\.\./)*(en/)?rss\.xml", rss.get_attribute("href"))
    rss_url = page.evaluate("(a) => a.href", rss.element_handle())
    assert page.request.get(rss_url).ok
    about = "Giới thiệu" if lang == "vi" else "About us"
    pages = footer.locator(".news-footer__links a").all_inner_texts()
    assert about in pages and ("Trang chủ" if lang == "vi" else "Home") not in pages


# --- weight ---------------------------------------------------------------------------------------

def test_an_article_page_weighs_at_most_120_kb_of_html_css_and_javascript(browser, sample):
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(sample + PAIR, wait_until="networkidle")
    context.close()
    total = sum(sizes.values())
    assert total <= 120 * 1024, sorted(sizes.items(), key=lambda item: -item[1])


def test_a_configured_logo_is_the_masthead_logo_and_the_favicon(tmp_path, browser, site_server):
    project = new_project(tmp_path / "src")
    project.write("images/logo.png", (REPO / "overrides/assets/images/favicon.png").read_bytes())
    project.article("2026/bai", "vi", title="Bài", categories=["Thời sự"])
    project.config = {"extra": {"news": {"logo": "images/logo.png"}}}
    result = project.build()
    assert result.ok, result.output
    base = site_server(result.site_dir)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "news/2026/bai/")
    logo = page.locator(".news-masthead__brand img")
    assert logo.get_attribute("src") == "../../../images/logo.png"
    assert page.locator("link[rel=icon]").get_attribute("href") == "../../../images/logo.png"
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 180  # it loads
    context.close()


# --- accessibility of what test_quality.py does not visit ----------------------------------------

@pytest.mark.parametrize(("path", "viewport", "drawer"), [
    ("about/", DESKTOP, False), ("en/about/", PHONE, False),
    ("tac-gia/tran-thi-dao/", DESKTOP, False), ("en/2026/03/", DESKTOP, False),
    (PAIR, PHONE, True), ("en/" + PAIR, PHONE, True), ("en/#news-untranslated", PHONE, False),
])
def test_axe_finds_no_violation_on_static_author_month_pages_and_the_open_drawer(
        browser, sample, path, viewport, drawer):
    context = browser.new_context(viewport=viewport, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(sample + path)
    if drawer:
        page.locator(".news-masthead__menu").click()
        page.locator(".news-drawer a").first.wait_for(state="visible")
        page.wait_for_timeout(400)  # let the slide-in finish before colours are measured
    violations = axe_check.violations(page)
    context.close()
    assert violations == [], violations


@pytest.mark.parametrize(("path", "query", "furniture"), [
    ("tim-kiem/", "Sông Lam", ("Chia sẻ qua", "Zalo", "Tăng cỡ chữ", "Địa chỉ bài viết")),
    ("en/search/", "Song Lam", ("Share on", "Zalo", "Larger text", "Read online at")),
])
def test_share_icons_text_size_and_print_address_are_not_searchable(open_page, sample, path, query,
                                                                     furniture):
    from urllib.parse import quote

    page = open_page(f"{sample}{path}?q=Zalo")  # in the share icons, in no article
    page.wait_for_selector("[data-search-state=done]")
    assert page.locator(".toasoan-search__result").count() == 0
    page.goto(f"{sample}{path}?q={quote(query)}")
    page.wait_for_selector("[data-search-state=done]")
    excerpts = page.locator(".toasoan-search__excerpt").all_inner_texts()
    assert len(excerpts) >= 3
    for excerpt in excerpts:
        assert not [word for word in furniture if word in excerpt], excerpt
