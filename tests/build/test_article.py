"""The article page and the language switch, in a real build, in both languages.

One small site built once for the module: a translated pair using both caption
syntaxes, articles in one language only, related stories, a hostile article whose
every front-matter field is an injection attempt, and static pages.
"""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import BuildResult, new_project

SITE = "https://baosonglam.example.org/"
HOSTILE = 'Ông Nam nói "không" với <script>alert(1)</script> & thuế'
HOSTILE_ATTR = '"><img src=x onerror=alert(2)>'
# Raw HTML in a body is refused by the body policy; these try to break out of attributes.
BODY_ALT = 'Ảnh" onerror="alert(6)'
BODY_CAPTION = "Chú thích' onmouseover='alert(7)' & thuế"
PAIR = "news/2021/cau-moi/"
VI_ONLY = "news/2021/chi-tieng-viet/"
EN_ONLY = "news/2021/english-only/"
EVIL = "news/2021/doc-hai/"

VI_BODY = """
Đoạn mở đầu của thân bài.

![Cầu Sông Lam nhìn từ trên cao](cau.jpg "Cầu Sông Lam nhìn từ bờ nam.")

Đoạn giữa bài.

![Lễ cắt băng khánh thành](le.jpg)

/// caption
Các đại biểu cắt băng *khánh thành*.
///

![Ảnh không chú thích](cau.jpg)

Đoạn cuối bài.
"""

EN_BODY = """
The opening paragraph.

![The bridge from above](cau.jpg "The bridge seen from the south bank.")

![The ribbon cutting](le.jpg)

/// caption
Officials cut the ribbon.
///

The last paragraph.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    project = new_project(tmp_path_factory.mktemp("article") / "src")
    for bundle in ("2021/cau-moi", "2021/doc-hai"):
        project.photo(f"news/{bundle}/cau.jpg")
        project.photo(f"news/{bundle}/le.jpg")
    project.article("2021/cau-moi", "vi", title="Khánh thành cầu mới", date="2021-01-21 17:49",
                    updated="2021-01-22 08:05", author="Trần Thị Đào",
                    categories=["Thời sự", "Đô thị"], lead="Sáng 21/1, tỉnh khánh thành cầu mới.",
                    body=VI_BODY)
    project.article("2021/cau-moi", "en", title="New bridge opens", date="2021-01-21 17:49",
                    author=["Trần Thị Đào", "John Smith"], categories=["News"],
                    lead="The province opened a new bridge.", body=EN_BODY)
    project.article("2021/chi-tieng-viet", "vi", title="Chỉ có tiếng Việt", date="2021-01-20 09:00",
                    categories=["Thời sự"], lead="Sapo.", tags=["Giao thông", "Đường sắt"],
                    body="# Phần một\n\nNội dung.\n\n## Chi tiết\n\nThêm.\n")
    project.article("2021/english-only", "en", title="English only", date="2021-01-19 09:00",
                    categories=["News"])
    for day in range(1, 8):  # related candidates: all share "Đô thị" or "Thời sự"
        project.article(f"2021/lien-quan-{day}", "vi", title=f"Tin liên quan {day}",
                        date=f"2021-01-{day:02d} 07:00", categories=["Đô thị"])
    project.article("2021/khac-chuyen-muc", "vi", title="Khác chuyên mục", date="2021-01-15 07:00",
                    categories=["Văn hóa"])
    project.article("2021/ban-nhap", "vi", title="Bản nháp", date="2021-01-16 07:00",
                    categories=["Đô thị"], draft=True)
    project.write("news/2021/doc-hai/index.vi.md", f"""
        ---
        title: '{HOSTILE}'
        date: 2021-01-18 10:00
        author: '{HOSTILE_ATTR}'
        language: vi
        categories: ['<script>alert(3)</script>', '{HOSTILE_ATTR}']
        lead: '{HOSTILE} <b onmouseover=alert(4)>x</b>'
        ---

        Thân bài.

        ![{BODY_ALT}](cau.jpg "{BODY_CAPTION}")
        """)
    project.write("news/2021/doc-hai/index.en.md", f"""
        ---
        title: '{HOSTILE}'
        date: 2021-01-18 10:00
        author: '{HOSTILE_ATTR}'
        language: en
        categories: ['<script>alert(5)</script>']
        ---

        Body.
        """)
    project.write("lien-he.vi.md", "---\ntitle: Liên hệ\n---\n\nChỉ có tiếng Việt.\n")
    project.write("trang-doc-hai.vi.md", f"---\ntitle: '</title>{HOSTILE}'\n---\n\nTrang tĩnh.\n")
    project.config = {"nav": ["index.md", "about.md", "lien-he.md"]}
    result = project.build()
    assert result.ok, result.output
    return result


# --- reading the output -------------------------------------------------------------------

def page(result: BuildResult, url: str):
    return result.html(f"{unquote(url)}index.html")


def resolve(url: str, href: str) -> str:
    """Site-relative URL of a relative href found on the page at ``url`` (no #fragment)."""
    target = posixpath.normpath(posixpath.join(url, href.split("#")[0]))
    return "" if target == "." else target.rstrip("/") + "/"


def only(elements):
    assert len(elements) == 1, elements
    return elements[0]


def switch(doc) -> dict:
    nav = only(doc.find_class("news-lang"))
    return {a.get("hreflang"): a for a in nav.iter("a")}


# --- dateline, title, lead -------------------------------------------------------------------

def test_dateline_vi_is_day_month_year_time_in_a_time_element(site):
    doc = page(site, PAIR)
    time = only(doc.find_class("news-dateline__published"))
    assert time.tag == "time"
    assert time.get("datetime") == "2021-01-21T17:49:00+07:00"
    assert time.text_content() == "Thứ Năm, 21/01/2021 - 17:49 (GMT+7)"
    updated = only(doc.find_class("news-dateline__updated"))
    assert " ".join(updated.text_content().split()) == "Cập nhật Thứ Sáu, 22/01/2021 - 08:05 (GMT+7)"
    assert updated.find("time").get("datetime") == "2021-01-22T08:05:00+07:00"


@pytest.mark.parametrize("url", [PAIR, "en/" + PAIR])
def test_dateline_links_to_the_month_archive(site, url):
    link = only(page(site, url).find_class("news-dateline__published")).getparent()
    assert link.tag == "a"
    month = resolve(url, link.get("href"))
    assert month == ("en/" if url.startswith("en/") else "") + "2021/01/"
    assert site.exists(f"{month}index.html")


def test_dateline_en_spells_the_month(site):
    doc = page(site, "en/" + PAIR)
    time = only(doc.find_class("news-dateline__published"))
    assert time.get("datetime") == "2021-01-21T17:49:00+07:00"
    assert time.text_content() == "Thursday, January 21, 2021, 17:49 (GMT+7)"
    # updated: is a fact of the story: the English file, without it, takes the original's
    updated = only(doc.find_class("news-dateline__updated"))
    assert " ".join(updated.text_content().split()) == \
        "Updated Friday, January 22, 2021, 08:05 (GMT+7)"


@pytest.mark.parametrize(("url", "title", "lang"), [
    (PAIR, "Khánh thành cầu mới", "vi"), ("en/" + PAIR, "New bridge opens", "en"),
    (EVIL, HOSTILE, "vi"), ("en/" + EVIL, HOSTILE, "en"),
])
def test_title_is_the_only_h1_and_the_html_lang_is_the_articles(site, url, title, lang):
    doc = page(site, url)
    assert only(doc.findall(".//h1")).text_content() == title
    assert doc.get("lang") == lang
    site_name = "Báo Sông Lam" if lang == "vi" else "Song Lam News"
    assert doc.find(".//title").text == f"{title} - {site_name}"


def test_body_written_with_h1_headings_moves_down_a_level(site):
    doc = page(site, VI_ONLY)
    assert only(doc.findall(".//h1")).text_content() == "Chỉ có tiếng Việt"
    body = only(doc.find_class("news-article__body"))
    assert [(h.tag, h.text_content()) for h in body.xpath(".//h2|.//h3")] == [
        ("h2", "Phần một"), ("h3", "Chi tiết")]


def test_lead_is_set_apart_under_the_title(site):
    doc = page(site, PAIR)
    lead = only(doc.find_class("news-lead"))
    assert lead.text_content() == "Sáng 21/1, tỉnh khánh thành cầu mới."
    assert lead.getparent() is only(doc.findall(".//h1")).getparent()
    assert "font-weight: 700" in site.text("assets/css/article.css").split(".news-lead {")[1].split("}")[0]


# --- photos -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "captions"), [
    (PAIR, ["Cầu Sông Lam nhìn từ bờ nam.", "Các đại biểu cắt băng khánh thành."]),
    ("en/" + PAIR, ["The bridge seen from the south bank.", "Officials cut the ribbon."]),
])
def test_both_caption_syntaxes_give_figures_with_figcaptions(site, url, captions):
    body = only(page(site, url).find_class("news-article__body"))
    figures = body.findall(".//figure")
    assert [f.find("figcaption").text_content() for f in figures] == captions
    for figure in figures:
        img = only(figure.findall("a/img"))  # the photo links to its file (full-size view)
        assert img.getparent().get("href") == img.get("src")
        assert img.get("alt")
        assert (img.get("loading"), img.get("width"), img.get("height")) == ("lazy", "64", "40")
        assert figure.find("p") is None and figure.find("figcaption/p") is None
        assert site.exists(resolve(url, img.get("src")).rstrip("/"))


def test_image_without_caption_stays_a_plain_image(site):
    body = only(page(site, PAIR).find_class("news-article__body"))
    plain = [img for img in body.iter("img") if img.getparent().getparent().tag != "figure"]
    assert [img.get("alt") for img in plain] == ["Ảnh không chú thích"]
    assert [e.tag for e in plain[0].iterancestors()][:2] == ["a", "p"]
    assert plain[0].get("loading") == "lazy"


def test_tags_link_to_their_listings_which_list_the_article(site):
    url = "news/2021/chi-tieng-viet/"
    tags = only(page(site, url).find_class("news-tags"))
    links = tags.findall(".//a")
    assert [a.text_content() for a in links] == ["Giao thông", "Đường sắt"]
    for link in links:
        target = resolve(url, link.get("href"))
        assert target.endswith(("/giao-thong/", "/duong-sat/")), target
        listing = page(site, target)
        assert any(resolve(target, a.get("href")) == url for a in listing.iter("a")), target
    assert page(site, PAIR).find_class("news-tags") == []  # no tags, no list


# --- signature -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "signed"), [
    (PAIR, "Trần Thị Đào"), ("en/" + PAIR, "Trần Thị Đào and John Smith")])
def test_author_signs_after_the_body(site, url, signed):
    doc = page(site, url)
    signature = only(doc.find_class("news-signature"))
    visible = signature.text_content().split(": ", 1)[-1]
    assert visible == signed
    body = only(doc.find_class("news-article__body"))
    assert body.getnext() is signature
    css = site.text("assets/css/article.css").split(".news-signature {")[1].split("}")[0]
    assert "text-align: right" in css and "font-weight: 700" in css


# --- share block ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "title", "heading"), [
    (PAIR, "Khánh thành cầu mới", "Chia sẻ bài viết"),
    ("en/" + PAIR, "New bridge opens", "Share this article"),
    (EVIL, HOSTILE, "Chia sẻ bài viết"),
])
def test_every_share_link_carries_the_canonical_url(site, url, title, heading):
    doc = page(site, url)
    canonical = SITE + url
    assert only(doc.findall(".//link[@rel='canonical']")).get("href") == canonical
    block = only(doc.find_class("news-share"))
    assert block.find("h2").text_content() == heading
    assert block.get("data-share-url") == canonical and block.get("data-share-title") == title
    links = {a.get("class").split("--")[-1]: a for a in block.iter("a")}
    assert set(links) == {"facebook", "x", "linkedin", "email"}

    def params(a):
        return parse_qs(urlsplit(a.get("href")).query)

    assert links["facebook"].get("href").startswith("https://www.facebook.com/sharer/sharer.php?")
    assert params(links["facebook"]) == {"u": [canonical]}
    assert links["x"].get("href").startswith("https://x.com/intent/tweet?")
    assert params(links["x"]) == {"url": [canonical], "text": [title]}
    assert links["linkedin"].get("href").startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert params(links["linkedin"]) == {"url": [canonical]}
    mail = links["email"].get("href")
    assert mail.startswith("mailto:?")
    assert params(links["email"]) == {"subject": [title], "body": [canonical]}
    for network, a in links.items():
        assert a.get("rel") == "noopener noreferrer"
        assert a.get("target") == ("_blank" if network != "email" else None)


def test_share_buttons_wait_for_javascript_and_feedback_is_localized(site):
    for url, copied, labels in [
        (PAIR, "Đã sao chép", ["Zalo", "Sao chép liên kết", "In bài viết", "Chia sẻ…"]),
        ("en/" + PAIR, "Copied", ["Zalo", "Copy link", "Print", "Share…"]),
    ]:
        block = only(page(site, url).find_class("news-share"))
        buttons = block.findall(".//button")
        assert [b.text_content() for b in buttons] == labels
        assert [b.get("data-share-action") for b in buttons] == ["zalo", "copy", "print", "native"]
        assert all(b.getparent().get("hidden") is not None for b in buttons)
        assert block.get("data-share-copied") == copied
    script = site.text("assets/js/share.js")
    assert "navigator.share" in script and "navigator.clipboard" in script


# --- related news ----------------------------------------------------------------------------------

def test_related_news_are_five_newest_sharing_a_category(site):
    doc = page(site, PAIR)
    aside = only(doc.find_class("news-related"))
    assert aside.find(".//h2").text_content() == "Tin liên quan"
    links = [(a.text_content(), resolve(PAIR, a.get("href"))) for a in aside.iter("a")]
    assert links == [
        ("Chỉ có tiếng Việt", VI_ONLY),
        ("Tin liên quan 7", "news/2021/lien-quan-7/"),
        ("Tin liên quan 6", "news/2021/lien-quan-6/"),
        ("Tin liên quan 5", "news/2021/lien-quan-5/"),
        ("Tin liên quan 4", "news/2021/lien-quan-4/"),
    ]
    for _, target in links:
        assert site.exists(f"{target}index.html")


def test_related_news_in_english_are_english_stories_topped_up_with_the_latest(site):
    aside = only(page(site, "en/" + PAIR).find_class("news-related"))
    assert aside.find(".//h2").text_content() == "Related news"
    # the one story sharing a section, then the newest English story (there are no more)
    assert [resolve("en/" + PAIR, a.get("href")) for a in aside.iter("a")] == [
        "en/" + EN_ONLY, "en/" + EVIL]


# --- breadcrumb ----------------------------------------------------------------------------------------

def test_breadcrumb_links_home_and_the_primary_category_listing(site):
    for url, expected in [(PAIR, [("Trang chủ", ""), ("Thời sự", "chuyen-muc/thoi-su/")]),
                          ("en/" + PAIR, [("Home", "en/"), ("News", "en/category/news/")])]:
        nav = only(page(site, url).find_class("news-breadcrumb"))
        crumbs = [(a.text_content(), resolve(url, a.get("href"))) for a in nav.iter("a")]
        assert crumbs == expected
        for _, target in crumbs:
            assert site.exists(f"{target}index.html"), target


def test_an_article_in_two_sections_marks_only_its_first_as_current(site):
    # PAIR is filed under "Thời sự" and "Đô thị", both sections of the bar
    current = page(site, PAIR).xpath("//li[contains(@class,'news-sections__item--current')]")
    assert [li.text_content().strip() for li in current] == ["Thời sự"]
    assert only(current).find("a").get("aria-current") == "true"  # a section, not this page


# --- language switch -----------------------------------------------------------------------------------

def test_switcher_links_vi_article_to_its_en_translation(site):
    links = switch(page(site, PAIR))
    assert [a.text_content() for a in links.values()] == ["Tiếng Việt", "English"]
    assert resolve(PAIR, links["en"].get("href")) == "en/" + PAIR
    assert links["en"].get("lang") == "en" and links["en"].get("aria-current") is None
    assert links["vi"].get("aria-current") == "page" and links["vi"].get("lang") == "vi"
    assert resolve(PAIR, links["vi"].get("href")) == PAIR


def test_switcher_links_en_article_back_to_vi(site):
    links = switch(page(site, "en/" + PAIR))
    assert resolve("en/" + PAIR, links["vi"].get("href")) == PAIR
    assert links["en"].get("aria-current") == "page"


def test_switcher_on_untranslated_article_goes_home_and_says_so(site):
    links = switch(page(site, VI_ONLY))
    assert resolve(VI_ONLY, links["en"].get("href")) == "en/"
    assert links["en"].get("href").endswith("#news-untranslated")  # the note shown there
    assert links["en"].get("title") == "Bài viết chưa có bản tiếng Anh"
    links = switch(page(site, "en/" + EN_ONLY))
    assert resolve("en/" + EN_ONLY, links["vi"].get("href")) == ""
    assert links["vi"].get("href").endswith("#news-untranslated")
    assert links["vi"].get("title") == "This article is not available in Vietnamese"
    notes = {url: only(page(site, url).xpath("//*[@id='news-untranslated']")).text_content()
             for url in ("", "en/")}
    assert notes == {"": "Bài bạn vừa đọc chưa có bản tiếng Việt. Mời bạn đọc những tin mới "
                         "nhất bằng tiếng Việt.",
                     "en/": "The article you were reading is not available in English yet. "
                            "Here is the latest news in English."}


@pytest.mark.parametrize(("url", "other", "expected"), [
    ("about/", "en", "en/about/"), ("en/about/", "vi", "about/"),
    ("", "en", "en/"), ("en/", "vi", ""),
    ("lien-he/", "en", "en/"),
])
def test_switcher_on_other_pages_goes_to_the_same_page_or_home(site, url, other, expected):
    link = switch(page(site, url))[other]
    assert resolve(url, link.get("href")) == expected
    assert site.exists(f"{expected}index.html")
    assert (link.get("title") is None) == (url != "lien-he/")


def test_every_switch_link_of_every_page_exists(site):
    for rel in site.pages():
        if rel.endswith("404.html") or rel.startswith(("assets/", "search/")):
            continue
        url = rel.removesuffix("index.html")
        doc = site.html(rel)
        for a in switch(doc).values():
            target = resolve(url, a.get("href"))
            assert site.exists(f"{target}index.html"), (rel, a.get("href"))


# --- head metadata -----------------------------------------------------------------------------------

def hreflangs(doc) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href")
            for link in doc.findall(".//link[@rel='alternate']") if link.get("hreflang")}


@pytest.mark.parametrize("url", [PAIR, "en/" + PAIR])
def test_translated_article_has_absolute_hreflang_for_both_and_x_default(site, url):
    doc = page(site, url)
    assert hreflangs(doc) == {"vi": SITE + PAIR, "en": SITE + "en/" + PAIR, "x-default": SITE + PAIR}
    assert only(doc.findall(".//link[@rel='canonical']")).get("href") == SITE + url


def test_untranslated_pages_list_only_themselves(site):
    assert hreflangs(page(site, VI_ONLY)) == {"vi": SITE + VI_ONLY, "x-default": SITE + VI_ONLY}
    assert hreflangs(page(site, "en/" + EN_ONLY)) == {
        "en": SITE + "en/" + EN_ONLY, "x-default": SITE + "en/" + EN_ONLY}
    assert hreflangs(page(site, "lien-he/")) == {"vi": SITE + "lien-he/", "x-default": SITE + "lien-he/"}
    assert hreflangs(page(site, "en/about/")) == {
        "vi": SITE + "about/", "en": SITE + "en/about/", "x-default": SITE + "about/"}


# --- Vietnamese everywhere on a Vietnamese page ---------------------------------------------------------

def test_vietnamese_article_shows_no_english_ui_string(site):
    doc = page(site, PAIR)
    for hidden in doc.xpath("//script|//style|//*[@hidden]"):
        hidden.getparent().remove(hidden)
    text = " ".join(doc.text_content().split())
    attributes = " ".join(v for el in doc.iter() if isinstance(el.tag, str)
                          for k, v in el.attrib.items() if k in ("title", "aria-label", "placeholder"))
    for english in ("Share", "Related", "min read", "Made with", "Initializing search",
                    "Skip to content", "Header", "Navigation", "Updated", "Copy", "Home",
                    "Latest", "Menu", "Text size", "Sections"):
        assert english not in text and english not in attributes, english
    assert "Material" not in text and "MkDocs" not in text  # no theme credit
    assert "phút đọc" in text and "Tin mới nhất" in text


# --- escaping --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [EVIL, "en/" + EVIL, PAIR, "", "trang-doc-hai/"])
def test_hostile_front_matter_runs_nothing(site, url):
    doc = page(site, url)
    for script in doc.iter("script"):
        kind = script.get("type")
        assert script.get("src") or kind in ("application/json", "application/ld+json") \
            or "alert" not in (script.text or ""), script.text
        assert "alert" not in (script.text or "") or kind in ("application/json", "application/ld+json")
    for element in doc.iter():
        if isinstance(element.tag, str):
            assert not [k for k in element.attrib if k.lower().startswith("on")], element.tag
    assert doc.findall(".//b") == []


def test_hostile_values_display_literally(site):
    doc = page(site, EVIL)
    assert only(doc.findall(".//h1")).text_content() == HOSTILE
    assert only(doc.find_class("news-lead")).text_content() == \
        f"{HOSTILE} <b onmouseover=alert(4)>x</b>"
    assert only(doc.find_class("news-signature")).text_content().endswith(HOSTILE_ATTR)
    crumb = list(only(doc.find_class("news-breadcrumb")).iter("a"))[-1]
    assert crumb.text_content() == "<script>alert(3)</script>"
    figure = only(doc.findall(".//figure"))
    assert figure.find("a/img").get("alt") == BODY_ALT
    assert figure.find("figcaption").text_content() == BODY_CAPTION
    assert doc.find(".//meta[@name='author']").get("content") == HOSTILE_ATTR
    assert doc.find(".//title").text.startswith(HOSTILE)


def test_hostile_static_page_title_stays_inside_the_title_tag(site):
    doc = page(site, "trang-doc-hai/")
    assert doc.find(".//title").text == f"</title>{HOSTILE} - Báo Sông Lam"
    assert only(doc.findall(".//h1")).text_content() == f"</title>{HOSTILE}"
