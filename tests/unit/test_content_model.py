"""The newsroom's content model without a build: addresses (slug:, aliases:), corrections,
the fields a translation shares with its original, and the redirects they make."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from toasoan.config import Language, load_settings
from toasoan.content import alias_problem, scan
from toasoan.editor import BundleStatus, Version, classify
from toasoan.site import SiteBuild, SiteText
from toasoan.slug import slug_problem
from toasoan.urls import article_url, relative_url

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
TZ = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=TZ)
CATEGORIES = [{"vi": "Thời sự", "en": "News"}, {"vi": "Đô thị", "en": "Urban affairs"}]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs"


def write(docs: Path, rel: str, front: str, body: str = "Nội dung bài viết.") -> None:
    path = docs / "news" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n\n{body}\n", encoding="utf-8")


VI = textwrap.dedent("""
    title: "Khánh thành cầu mới"
    date: 2026-03-14 08:30
    author: [Trần Thị Đào, Lê Minh]
    language: vi
    categories: [Thời sự, Đô thị]
    image: cau.jpg
    pin: true
    updated: 2026-03-15 09:00
""").lstrip()


def run(docs: Path):
    return scan(docs, load_settings({"categories": CATEGORIES}, LANGS), root=docs.parent)


def site_of(room) -> SiteBuild:
    return SiteBuild(room.settings, room, NOW, "https://example.org/paper/",
                     {code: SiteText("Báo") for code in room.settings.language_codes})


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# ---------------------------------------------------------------- slugs


@pytest.mark.parametrize("value", ["bridge-opens", "a", "x2026", "a" * 80])
def test_a_slug_is_lowercase_ascii_words_joined_by_single_hyphens(value):
    assert slug_problem(value) is None


@pytest.mark.parametrize(("value", "suggestion"), [
    ("Bridge-Opens", "bridge-opens"), ("cầu-mới", "cau-moi"), ("a--b", "a-b"), ("-a", "a"),
    ("a b", "a-b"), ("a/b", "a-b"), (2026, "2026"), ("", "a-short-slug"),
])
def test_an_invalid_slug_says_what_is_allowed_and_suggests_one(value, suggestion):
    message = slug_problem(value)
    assert "lowercase letters a-z without accents, digits and single hyphens" in message
    assert f'e.g. "{suggestion}"' in message


def test_a_translation_slug_sets_its_address_only(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI)
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n'
                                            "slug: new-bridge-opens\n")
    (docs / "news/2026/cau-moi/cau.jpg").write_bytes(b"x")
    room = run(docs)
    assert room.errors == []
    vi = room.article_at("news/2026/cau-moi/index.vi.md")
    en = room.article_at("news/2026/cau-moi/index.en.md")
    assert article_url(room.settings, vi) == "news/2026/cau-moi/"
    assert article_url(room.settings, en) == "en/news/2026/new-bridge-opens/"
    assert site_of(room).edition.alternates(vi) == {
        "vi": "news/2026/cau-moi/", "en": "en/news/2026/new-bridge-opens/"}


def test_slug_in_the_main_language_and_invalid_slugs_are_refused_at_their_line(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("pin: true", "slug: cau-khac"))
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n'
                                            "slug: New Bridge\n")
    (docs / "news/2026/cau-moi/cau.jpg").write_bytes(b"x")
    assert messages(run(docs).errors) == [
        'docs/news/2026/cau-moi/index.en.md:4: slug "New Bridge" is not a web address slug: use '
        'lowercase letters a-z without accents, digits and single hyphens, e.g. "new-bridge"',
        "docs/news/2026/cau-moi/index.vi.md:8: slug sets the address of a translation; the "
        'Tiếng Việt address is the folder\'s name ("cau-moi"): to change it, move the folder '
        "with toasoan move FOLDER NEW-NAME",
    ]


def test_a_slug_that_takes_another_articles_address_stops_the_build_naming_both(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", ""))
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\nslug: cau-cu\n')
    write(docs, "2026/cau-cu/index.en.md", VI.replace("image: cau.jpg\n", "")
          .replace("language: vi", "language: en"))
    (error,) = messages(run(docs).errors)
    assert 'writes the same URL "/en/news/2026/cau-cu/" as' in error
    assert "docs/news/2026/cau-cu/index.en.md" in error
    assert "docs/news/2026/cau-moi/index.en.md" in error


# ---------------------------------------------------------------- aliases


@pytest.mark.parametrize(("value", "alias"), [
    ("/news/2026/cu/", "news/2026/cu/"), ("news/2026/cu", "news/2026/cu/"),
    ("/tin-tuc/cau-moi-a108750.html", "tin-tuc/cau-moi-a108750.html"),
    ("/news/cu/index.html", "news/cu/"), ("/tin/c%E1%BA%A7u/", "tin/cầu/"),
])
def test_an_alias_is_a_site_relative_address(value, alias):
    assert alias_problem(value) == (alias, None)


@pytest.mark.parametrize(("value", "why"), [
    ("https://other.example/a/", "must be an address on this site"),
    ("//other.example/a/", "must be an address on this site"),
    ("/a b/", "characters that cannot be in an address"),
    ("/tin?id=5", "characters that cannot be in an address"),
    ("/a/../b/", 'an empty, "." or ".." part'), ("/", "is the home page"),
    ("/tin/bai.php", 'must end with "/" or ".html"'), (["/a/"], "each alias must be"),
])
def test_a_bad_alias_says_why(value, why):
    alias, problem = alias_problem(value)
    assert alias is None and why in problem


def test_alias_problems_name_the_file_and_the_line_of_the_item(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", "") +
          "aliases:\n  - /news/2026/cau-cu/\n  - https://baocu.example/cau/\n  - /news/2026/cau-cu\n")
    assert messages(run(docs).errors) == [
        'docs/news/2026/cau-moi/index.vi.md:11: alias "https://baocu.example/cau/" must be an '
        "address on this site, written from its root without the domain, e.g. "
        "/news/2026/old-name/",
        'docs/news/2026/cau-moi/index.vi.md:12: alias "/news/2026/cau-cu/" is given twice; keep one',
    ]


def test_aliases_that_collide_with_a_page_or_another_alias_name_both(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", "") +
          "aliases: [/news/2026/cau-cu/, /news/2026/cho-phien/, /news/2026/cau-moi/]\n")
    write(docs, "2026/cho-phien/index.vi.md", VI.replace("image: cau.jpg\n", ""))
    write(docs, "2026/duong-moi/index.vi.md", VI.replace("image: cau.jpg\n", "") +
          "aliases: [/news/2026/cau-cu/, /assets/x/, /chuyen-muc/thoi-su/]\n")
    room = run(docs)
    assert room.errors == []
    assert messages(site_of(room).errors) == [
        "docs/news/2026/cau-moi/index.vi.md:9: alias /news/2026/cho-phien/ is the address of "
        "docs/news/2026/cho-phien/index.vi.md; delete or change it",
        "docs/news/2026/cau-moi/index.vi.md:9: alias /news/2026/cau-moi/ is this article's own "
        "address; delete it",
        "docs/news/2026/duong-moi/index.vi.md:9: alias /news/2026/cau-cu/ is also an alias of "
        "docs/news/2026/cau-moi/index.vi.md:9; one address can lead to one article only: "
        "delete it in one of them",
        "docs/news/2026/duong-moi/index.vi.md:9: alias /assets/x/ is in a folder of the site's "
        "own files; delete it",
        "docs/news/2026/duong-moi/index.vi.md:9: alias /chuyen-muc/thoi-su/ is the address of "
        "the generated page /chuyen-muc/thoi-su/; delete or change it",
    ]


def test_published_aliases_become_redirect_pages_and_both_maps(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", "") +
          'aliases: [/news/2026/cau-cu/, "/tin-tuc/cầu-mới-a108750.html"]\n')
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n'
                                            "slug: new-bridge\naliases: [/en/news/2026/cau-cu/]\n")
    write(docs, "2026/nhap/index.vi.md", VI.replace("image: cau.jpg\n", "") +
          "draft: true\naliases: [/news/2026/nhap-cu/]\n")
    site = site_of(run(docs))
    assert site.errors == []
    vi = site.redirects("vi")
    assert [(r.alias, r.file, r.href, r.canonical) for r in vi] == [
        ("news/2026/cau-cu/", "news/2026/cau-cu/index.html", "../cau-moi/",
         "https://example.org/paper/news/2026/cau-moi/"),
        ("tin-tuc/cầu-mới-a108750.html", "tin-tuc/cầu-mới-a108750.html",
         "../news/2026/cau-moi/", "https://example.org/paper/news/2026/cau-moi/"),
    ]  # the draft's old address is not published: it would reveal the draft
    assert [(r.lang, r.href, r.title) for r in site.redirects("en")] == [
        ("en", "../new-bridge/", "This article has moved")]
    files = dict(site.redirect_files())
    assert files["_redirects"].decode() == (
        "/paper/en/news/2026/cau-cu/ /paper/en/news/2026/new-bridge/ 301\n"
        "/paper/news/2026/cau-cu/ /paper/news/2026/cau-moi/ 301\n"
        "/paper/tin-tuc/c%E1%BA%A7u-m%E1%BB%9Bi-a108750.html /paper/news/2026/cau-moi/ 301\n")
    assert json.loads(files["redirects.json"])["redirects"][1] == {
        "from": "/paper/news/2026/cau-cu/", "to": "/paper/news/2026/cau-moi/", "lang": "vi",
        "status": 301}


@pytest.mark.parametrize(("page", "target", "href"), [
    ("news/2026/cu/index.html", "news/2026/moi/", "../moi/"),
    ("cu.html", "news/2026/cầu/", "news/2026/c%E1%BA%A7u/"),
    ("en/a/b/index.html", "en/a/b/c/", "c/"),
    ("x/index.html", "x/", "./"),
])
def test_relative_url_from_a_written_page(page, target, href):
    assert relative_url(page, target) == href


# ---------------------------------------------------------------- shared fields


def test_a_translation_without_shared_fields_takes_its_originals(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI, "![Cầu mới](cau.jpg)")
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n',
          "![The new bridge](cau.jpg)")
    (docs / "news/2026/cau-moi/cau.jpg").write_bytes(b"x")
    room = run(docs)
    assert room.problems == []
    en = room.article_at("news/2026/cau-moi/index.en.md")
    assert en.date == dt.datetime(2026, 3, 14, 8, 30, tzinfo=TZ)
    assert en.authors == ("Trần Thị Đào", "Lê Minh")
    assert en.categories == ("News", "Urban affairs")  # through the site's pairs
    assert (en.image, en.image_alt, en.pin) == ("cau.jpg", "The new bridge", True)
    assert en.updated == dt.datetime(2026, 3, 15, 9, 0, tzinfo=TZ)
    assert set(en.inherited) == {"date", "author", "categories", "image", "pin", "updated"}


def test_explicit_values_win_and_a_different_date_is_a_warning_naming_both_files(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", ""))
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n'
                                            "date: 2026-03-14 09:30\nauthor: John Smith\n"
                                            "categories: [News]\npin: false\n")
    room = run(docs)
    en = room.article_at("news/2026/cau-moi/index.en.md")
    assert (en.authors, en.categories, en.pin) == (("John Smith",), ("News",), False)
    assert en.date == dt.datetime(2026, 3, 14, 9, 30, tzinfo=TZ)
    assert messages(room.problems) == [
        "docs/news/2026/cau-moi/index.en.md:4: date 2026-03-14 09:30 differs from "
        "docs/news/2026/cau-moi/index.vi.md:3 (2026-03-14 08:30); the versions of one story are "
        "published together: make them agree, or delete this line to take the original's"]
    assert room.warnings and not room.errors


def test_a_section_without_a_pair_is_a_warning_and_the_others_are_taken(docs):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", "")
          .replace("[Thời sự, Đô thị]", "[Thời sự, Chuyện lạ]"))
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n')
    room = run(docs)
    assert room.article_at("news/2026/cau-moi/index.en.md").categories == ("News",)
    assert messages(room.problems) == [
        'docs/news/2026/cau-moi/index.en.md: warning: the section "Chuyện lạ" of '
        "docs/news/2026/cau-moi/index.vi.md has no en pair in extra.news.categories, so this "
        "version is not filed under it; write categories: in this file".replace(
            ": warning:", ":")]


def test_the_main_language_and_a_lone_translation_must_give_the_required_fields(docs):
    write(docs, "2026/cau-moi/index.vi.md", 'title: "Cầu mới"\nlanguage: vi\n')
    write(docs, "2026/fleet/index.en.md", 'title: "Fleet"\nlanguage: en\n')
    assert messages(run(docs).errors) == [
        "docs/news/2026/cau-moi/index.vi.md:1: date is missing (required: title, date, author, "
        "language)",
        "docs/news/2026/cau-moi/index.vi.md:1: author is missing (required: title, date, author, "
        "language)",
        "docs/news/2026/fleet/index.en.md:1: date is missing (required: title, date, author, "
        "language)",
        "docs/news/2026/fleet/index.en.md:1: author is missing (required: title, date, author, "
        "language)",
    ]


def test_a_translation_whose_original_is_broken_is_not_published_and_says_why(docs):
    write(docs, "2026/cau-moi/index.vi.md", 'title: "Cầu mới"\ndate: 2026-13-45 08:30\n'
                                            "author: Đào\nlanguage: vi\n")
    write(docs, "2026/cau-moi/index.en.md", 'title: "New bridge"\nlanguage: en\n')
    room = run(docs)
    assert room.articles == []
    assert "docs/news/2026/cau-moi/index.en.md:1: date is missing, and the version it would " \
           "take it from is not valid; fix that file, or write date: here" in messages(room.errors)


def test_translation_of_names_the_original_to_take_from(docs):
    write(docs, "2026/fleet/index.en.md", VI.replace("language: vi", "language: en")
          .replace("[Thời sự, Đô thị]", "[News]").replace("image: cau.jpg\n", ""))
    write(docs, "2026/fleet/index.vi.md", 'title: "Đội tàu"\nlanguage: vi\ntranslation_of: en\n')
    room = run(docs)
    assert room.errors == []
    vi = room.article_at("news/2026/fleet/index.vi.md")
    assert vi.categories == ("Thời sự",) and vi.authors == ("Trần Thị Đào", "Lê Minh")


# ---------------------------------------------------------------- corrections


CORRECTED = VI.replace("image: cau.jpg\n", "").replace("updated: 2026-03-15 09:00\n", "") + """\
corrections:
  - date: 2026-03-16 10:00
    text: "Cầu dài 1.240 m, không phải 1.420 m."
  - date: 2026-03-15 07:00
    text: "Tên kỹ sư trưởng là Lê Minh."
"""


def test_corrections_are_read_oldest_first_and_move_the_modified_time(docs):
    write(docs, "2026/cau-moi/index.vi.md", CORRECTED)
    room = run(docs)
    assert room.problems == []
    vi = room.article_at("news/2026/cau-moi/index.vi.md")
    assert [(c.date.isoformat(), c.text, c.line) for c in vi.corrections] == [
        ("2026-03-15T07:00:00+07:00", "Tên kỹ sư trưởng là Lê Minh.", 11),
        ("2026-03-16T10:00:00+07:00", "Cầu dài 1.240 m, không phải 1.420 m.", 9)]
    assert vi.modified == dt.datetime(2026, 3, 16, 10, 0, tzinfo=TZ)
    page = site_of(room).corrections_page("vi")
    assert [(e.title, e.url, e.dateline.iso, e.text) for e in page.entries] == [
        ("Khánh thành cầu mới", "news/2026/cau-moi/", "2026-03-16T10:00:00+07:00",
         "Cầu dài 1.240 m, không phải 1.420 m."),
        ("Khánh thành cầu mới", "news/2026/cau-moi/", "2026-03-15T07:00:00+07:00",
         "Tên kỹ sư trưởng là Lê Minh.")]
    assert site_of(room).corrections_page("en").entries == ()


def test_updated_when_given_wins_over_corrections_with_a_warning_if_earlier(docs):
    write(docs, "2026/cau-moi/index.vi.md", CORRECTED.replace("pin: true", "updated: 2026-03-15 08:00"))
    room = run(docs)
    vi = room.article_at("news/2026/cau-moi/index.vi.md")
    assert vi.modified == dt.datetime(2026, 3, 15, 8, 0, tzinfo=TZ)
    assert messages(room.problems) == [
        "docs/news/2026/cau-moi/index.vi.md:9: this correction is later than updated:; readers "
        "are told the article changed at updated: (delete updated: to follow the corrections)"]


@pytest.mark.parametrize(("corrections", "message"), [
    ("corrections: Cầu dài 1.240 m", "8: corrections must be a list, each with a date and a text"),
    ("corrections:\n  - Cầu dài 1.240 m", "9: a correction must have a date and a text"),
    ("corrections:\n  - date: 2026-03-16 10:00", "9: correction text is empty"),
    ("corrections:\n  - text: Sai tên", "9: the correction has no date"),
    ("corrections:\n  - date: 2026-03-32 10:00\n    text: Sai", "9: correction date "
     '"2026-03-32 10:00" is not a date'),
    ("corrections:\n  - date: 2026-03-01 10:00\n    text: Sai", "9: the correction is dated "
     "before the article"),
    ("corrections:\n  - date: 2026-03-16 10:00\n    text: Sai\n    by: Lan",
     '9: a correction has only date and text, not "by"'),
])
def test_a_bad_correction_is_refused_at_its_line(docs, corrections, message):
    write(docs, "2026/cau-moi/index.vi.md", VI.replace("image: cau.jpg\n", "")
          .replace("updated: 2026-03-15 09:00", corrections))
    errors = messages(run(docs).errors)
    assert len(errors) == 1
    assert errors[0].startswith(f"docs/news/2026/cau-moi/index.vi.md:{message}"), errors


def _version(lang: str, corrections: tuple[str, ...] = ()) -> Version:
    return Version(lang, f"docs/news/x/index.{lang}.md", "T", False, 100.0, 10.0,
                   corrections=corrections)


def test_status_marks_a_version_stale_when_another_has_a_correction_it_lacks():
    codes = ("vi", "en")
    fixed = classify("news/x", {"vi": _version("vi", ("2026-03-15 10:00",)),
                                "en": _version("en")}, codes)
    assert isinstance(fixed, BundleStatus)
    assert (fixed.state, fixed.missing_corrections) == ("stale", (("en", "vi", "2026-03-15 10:00"),))
    # The translation corrected first: the original is the one behind.
    ahead = classify("news/x", {"vi": _version("vi"),
                                "en": _version("en", ("2026-03-15 10:00",))}, codes)
    assert (ahead.state, ahead.missing_corrections) == ("stale", (("vi", "en", "2026-03-15 10:00"),))
    both = classify("news/x", {"vi": _version("vi", ("2026-03-15 10:00",)),
                               "en": _version("en", ("2026-03-15 10:00",))}, codes)
    assert (both.state, both.missing_corrections) == ("translated", ())
