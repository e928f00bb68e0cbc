"""The content contract, checked by the scanner without a build."""

import datetime as dt
import os
import textwrap
import unicodedata
from pathlib import Path

import pytest

from toasoan.config import Language, load_settings
from toasoan.content import scan
from toasoan.edition import Edition

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs"


def write(docs: Path, rel: str, text: str | bytes) -> None:
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def article(title="Cầu mới", date="2026-03-14 08:30", author="Trần Thị Đào", lang="vi",
            extra="", body="Đoạn đầu tiên của bài.\n\nĐoạn thứ hai.") -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nauthor: {author}\nlanguage: {lang}\n{extra}"
            f"---\n\n{body}\n")


def run(docs: Path, **news):
    return scan(docs, load_settings(news, LANGS), root=docs.parent)


def messages(room) -> list[str]:
    return [str(p) for p in room.problems]


def test_a_translated_pair_shares_a_bundle(docs):
    write(docs, "news/2026/cau-moi/index.vi.md", article())
    write(docs, "news/2026/cau-moi/index.en.md", article(title="New bridge", lang="en"))
    room = run(docs)
    assert room.problems == []
    vi = room.article_at("news/2026/cau-moi/index.vi.md")
    en = room.article_at("news/2026/cau-moi/index.en.md")
    from toasoan.urls import article_url
    assert article_url(room.settings, vi) == "news/2026/cau-moi/"
    assert article_url(room.settings, en) == "en/news/2026/cau-moi/"
    assert Edition(room, NOW).translation(vi, "en") is en
    assert vi.date.isoformat() == "2026-03-14T08:30:00+07:00"
    assert vi.authors == ("Trần Thị Đào",)


def test_lead_defaults_to_first_paragraph_which_leaves_the_body(docs):
    write(docs, "news/a/index.vi.md", article(body="## Tiêu đề phụ\n\nĐoạn **đầu** [tiên](x).\n\nĐoạn hai."))
    a = run(docs).articles[0]
    assert a.lead == "Đoạn đầu tiên."
    assert a.lead_from_body
    assert "Đoạn **đầu**" not in a.body and "Đoạn hai." in a.body
    source_body = (docs / "news/a/index.vi.md").read_text("utf-8").split("---\n", 2)[2]
    # the lead's lines are blanked, not removed: later line numbers still match the file
    assert a.body.split("\n").index("Đoạn hai.") == source_body.split("\n").index("Đoạn hai.")


def test_lead_from_body_reads_reference_links_and_skips_their_definitions(docs):
    # A definition ("[r]: address") is not a paragraph: taken as the lead, it was printed as
    # the sapo and blanked from the text, leaving "![…][r]" printed as it was typed.
    write(docs, "news/a/cau.jpg", b"jpeg")
    write(docs, "news/a/index.vi.md", article(body="![Cây cầu][r]\n\n[r]: cau.jpg"))
    write(docs, "news/b/index.vi.md", article(
        body="Theo [Bộ Xây dựng][bxd], cầu dài 1.240 m.\n\nĐoạn hai.\n\n[bxd]: https://example.org/"))
    a, b = sorted(run(docs).articles, key=lambda x: x.bundle)
    assert a.lead == "" and "[r]: cau.jpg" in a.body
    assert b.lead == "Theo Bộ Xây dựng, cầu dài 1.240 m."


def test_explicit_lead_keeps_the_body_whole(docs):
    write(docs, "news/a/index.vi.md", article(extra='lead: "Sapo riêng."\n'))
    a = run(docs).articles[0]
    assert a.lead == "Sapo riêng." and not a.lead_from_body
    assert "Đoạn đầu tiên" in a.body


def test_drafts_and_future_articles_are_not_published(docs):
    write(docs, "news/nhap/index.vi.md", article(extra="draft: true\n"))
    write(docs, "news/sau/index.vi.md", article(date="2027-01-01 09:00"))
    write(docs, "news/nay/index.vi.md", article(date="2026-11-27 11:59"))
    room = run(docs)
    from toasoan.edition import Edition
    assert [a.bundle for a in Edition(room, NOW).published("vi")] == ["news/nay"]


def test_photos_and_cover(docs):
    write(docs, "news/a/cau.jpg", b"jpeg")
    write(docs, "news/a/song.jpg", b"jpeg")
    body = '![Cây cầu](cau.jpg "Cầu mới nhìn từ bờ bắc")\n\n![Dòng sông](song.jpg)\n\n/// caption\nSông *Lam*\n///\n'
    write(docs, "news/a/index.vi.md", article(body=body))
    a = run(docs).articles[0]
    assert [(p.src, p.alt, p.caption) for p in a.photos] == [
        ("cau.jpg", "Cây cầu", "Cầu mới nhìn từ bờ bắc"), ("song.jpg", "Dòng sông", "Sông *Lam*")]
    assert (a.image, a.image_alt) == ("cau.jpg", "Cây cầu")


@pytest.mark.parametrize(
    ("front", "line", "fragment"),
    [
        ("title: \ndate: 2026-03-14\nauthor: A\nlanguage: vi\n", 2, "title is empty"),
        ("date: 2026-03-14\nauthor: A\nlanguage: vi\n", 1, "title is missing"),
        ("title: No\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n", 2, 'put it in double quotes: title: "No"'),
        ("title: T\ndate: 2026-13-45\nauthor: A\nlanguage: vi\n", 3, '"2026-13-45" is not a date'),
        ("title: T\nauthor: A\nlanguage: vi\n", 1, "date is missing"),
        ("title: T\ndate: 2026-03-14\nauthor: 12:30\nlanguage: vi\n", 4, "reads 12:30 as a number"),
        ("title: T\ndate: 2026-03-14\nlanguage: vi\n", 1, "author is missing"),
        ("title: T\ndate: 2026-03-14\nauthor: [A, 5]\nlanguage: vi\n", 4, "author must be text"),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: fr\n", 5, 'language "fr" is not a site language'),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: en\n", 5, "does not match the file name index.vi.md"),
        ("title: T\ndate: 2026-03-14\nauthor: A\n", 1, "language is missing"),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\nimage: nope.jpg\n", 6, 'cover image "nope.jpg" does not exist'),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\ndraft: maybe\n", 6, "draft must be true or false"),
        ("title: T\ndate: 2026-03-14 10:00\nupdated: 2026-03-13\nauthor: A\nlanguage: vi\n", 4, "updated is earlier than date"),
        ("title: [T\ndate: 2026-03-14\n", 2, "not valid YAML"),
        ("title: T\ntitle: U\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n", 3, "given twice"),
        # YAML drops " #..." after an unquoted value: the title would be "Đội tuyển"
        ("title: Đội tuyển #1 thắng\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n", 2,
         'put the value in double quotes: title: "Đội tuyển #1 thắng"'),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\nlead: Giá tăng #3 lần\n", 6,
         'lead: "Giá tăng #3 lần"'),
        ("title: T\ndate: 2026-03-14\nauthor: Lê Minh # ảnh\nlanguage: vi\n", 4,
         'author: "Lê Minh # ảnh"'),
        ("title: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\ntags: a \"b\" #c\n", 6,
         'tags: "a \\"b\\" #c"'),
    ],
)
def test_each_bad_field_is_reported_at_its_line(docs, front, line, fragment):
    write(docs, "news/x/index.vi.md", f"---\n{front}---\n\nThân bài.\n")
    room = run(docs)
    assert room.articles == []
    found = [p for p in room.errors if fragment in p.message]
    assert found, messages(room)
    assert found[0].path.endswith("docs/news/x/index.vi.md") and found[0].line == line


def test_a_comment_after_a_value_that_is_not_text_is_still_a_comment(docs):
    write(docs, "news/x/index.vi.md", "---\ntitle: \"Đội tuyển #1 thắng\" # quoted\n"
          "date: 2026-03-14 08:00 # giờ đăng\nauthor: A\nlanguage: vi\ndraft: false # xong\n"
          "# a note on its own line\n---\n\nThân bài.\n")
    room = run(docs)
    assert room.errors == [], messages(room)
    assert room.articles[0].title == "Đội tuyển #1 thắng"


def test_every_problem_is_reported_not_just_the_first(docs):
    write(docs, "news/x/index.vi.md", article(title="No", date="2026-13-45", lang="en",
                                              body="![a](missing.jpg)"))
    write(docs, "news/y/index.fr.md", article())
    room = run(docs)
    assert len(room.errors) == 5, messages(room)


def test_missing_photo_names_the_body_line(docs):
    write(docs, "news/x/index.vi.md", article(body="Đoạn một.\n\n![Ảnh](khong-co.jpg)"))
    (problem,) = run(docs).errors
    assert problem.line == 10 and 'photo "khong-co.jpg" does not exist' in problem.message


def test_photo_saved_with_separate_accent_marks_is_named_with_the_fix(docs):
    # The text says "cầu-sông.jpg" (NFC); the file was saved as NFD (macOS): same look,
    # another name, which readers' browsers would not find.
    write(docs, "news/x/" + unicodedata.normalize("NFD", "cầu-sông.jpg"), b"jpeg")
    write(docs, "news/x/index.vi.md", article(body='Đoạn một.\n\n![Cây cầu](cầu-sông.jpg "Cầu")'))
    (problem,) = run(docs).errors
    assert problem.line == 10
    assert "separate marks" in problem.message and '"cau-song.jpg"' in problem.message
    assert "did you mean" not in problem.message


def test_an_article_folder_inside_another_is_an_error_on_the_outer_one(docs):
    write(docs, "news/2026/me/index.vi.md", article())
    write(docs, "news/2026/me/con/index.vi.md", article())
    write(docs, "news/2026/me/con/index.en.md", article(lang="en"))
    assert messages(run(docs)) == [
        "docs/news/2026/me/index.vi.md: this article's folder also holds the article "
        "docs/news/2026/me/con/index.en.md: an article's folder holds only its text and "
        "photos; give each article its own folder, beside the others (move one of them)"]


def test_an_article_file_in_a_year_folder_is_named_once(docs):
    write(docs, "news/2026/index.vi.md", article())
    for name in ("a", "b", "c"):
        write(docs, f"news/2026/{name}/index.vi.md", article())
    (problem,) = run(docs).errors
    assert problem.path == "docs/news/2026/index.vi.md"
    assert "holds the article docs/news/2026/a/index.vi.md and 2 more" in problem.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_unicode_line_separator_is_refused_at_its_line_not_miscounting_later_lines(docs, separator):
    # YAML reads U+2028/U+2029 as a line end: a later field's error was one line off.
    write(docs, "news/x/index.vi.md", article(title=f'"Dòng{separator}tách"', extra="draft: maybe\n"))
    (problem,) = run(docs).errors
    assert (problem.line, problem.message) == (
        2, f"contains the invisible control character U+{ord(separator):04X}; remove it "
           "(it breaks feeds and search)")


def test_reference_style_photos_are_checked_like_the_others(docs):
    write(docs, "news/x/cau.jpg", b"jpeg")
    body = ("Đoạn một.\n\n![Cây cầu][cau]\n\n![][song]\n\n![Bến đò][]\n\n"
            '[cau]: cau.jpg "Cầu mới"\n[song]: cau.jpg\n[Bến đò]: <khong-co.jpg>\n')
    write(docs, "news/x/index.vi.md", article(body=body))
    room = run(docs)
    assert [(p.line, p.message.split(":")[0]) for p in room.errors] == [
        (12, 'photo "cau.jpg" has no alt text'),
        (14, 'photo "khong-co.jpg" does not exist in the article\'s folder')]
    write(docs, "news/x/index.vi.md", article(body=body.replace("![][song]", "![Sông][song]")
                                              .replace("<khong-co.jpg>", "cau.jpg")))
    (a,) = run(docs).articles
    assert [(p.src, p.alt, p.caption, p.line) for p in a.photos] == [
        ("cau.jpg", "Cây cầu", "Cầu mới", 10), ("cau.jpg", "Sông", None, 12),
        ("cau.jpg", "Bến đò", None, 14)]
    # What Python-Markdown does not read as a definition is text, not a photo (a tab, or a
    # space inside <...>), and its last definition of a label wins.
    write(docs, "news/x/index.vi.md", article(body=(
        "Đoạn.\n\n![Ảnh][r] ![Ảnh][s] ![Ảnh][t]\n\n[r]: java\tscript:alert(1)\n"
        "[s]: < khong-co.jpg>\n[t]: khong-co.jpg\n[T]: cau.jpg (Cầu)\n")))
    (a,) = run(docs).articles
    assert [(p.src, p.caption) for p in a.photos] == [("cau.jpg", "Cầu")]


def test_an_empty_photo_file_is_refused_at_its_line(docs):
    write(docs, "news/x/cau.jpg", b"")
    write(docs, "news/x/index.vi.md", article(extra="image: cau.jpg\n",
                                              body='Đoạn một.\n\n![Cây cầu](cau.jpg "Cầu")'))
    assert [(p.line, p.message) for p in run(docs).errors] == [
        (6, 'cover image "cau.jpg" is an empty file (0 bytes): copy the photo into the folder again'),
        (11, 'photo "cau.jpg" is an empty file (0 bytes): copy the photo into the folder again')]


def test_remote_photos_are_refused(docs):
    write(docs, "news/x/index.vi.md", article(body="![Ảnh](https://cdn.example.com/a.jpg)"))
    assert "remote images are not allowed" in run(docs).errors[0].message


@pytest.mark.parametrize("name", ["index.vn.md", "index.fr.md", "index.en_US.md"])
def test_a_suffix_that_is_not_a_site_language_is_an_error(docs, name):
    write(docs, f"news/x/{name}", article())
    (problem,) = run(docs).errors
    assert "is not a site language" in problem.message and problem.path.endswith(name)


@pytest.mark.parametrize("name", ["index.md", "notes.vi.md", "README.md"])
def test_only_index_files_are_articles(docs, name):
    write(docs, f"news/x/{name}", article())
    (problem,) = run(docs).errors
    assert "is not an article file" in problem.message


def test_static_pages_are_checked_too(docs):
    write(docs, "about.vi.md", "---\ntitle: [oops\n---\n")
    (problem,) = run(docs).errors
    assert problem.path.endswith("docs/about.vi.md") and problem.line == 2


def test_unknown_field_is_a_warning_with_a_suggestion(docs):
    write(docs, "news/x/index.vi.md", article(extra="categoris: [Kinh tế]\n"))
    room = run(docs)
    assert room.errors == [] and len(room.articles) == 1
    assert 'unknown field "categoris" (did you mean "categories"?)' in room.warnings[0].message


def test_only_listed_categories(docs):
    write(docs, "news/x/index.vi.md", article(extra="categories: [Kinh tê]\n"))
    room = run(docs, categories=[{"vi": "Kinh tế", "en": "Economy"}], only_listed_categories=True)
    assert 'category "Kinh tê" is not a known vi category (known: Kinh tế' in room.errors[0].message


def test_nfc_and_nfd_twins_collide(docs):
    nfc = "news/đà-nẵng"
    write(docs, f"{nfc}/index.vi.md", article())
    write(docs, f"{unicodedata.normalize('NFD', nfc)}/index.vi.md", article())
    room = run(docs)
    collisions = [p for p in room.errors if "writes the same URL" in p.message]
    assert len(collisions) == 1


def test_symlinks_are_refused(docs, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc")
    os.symlink(secret, docs / "leak.txt")
    (problem,) = run(docs).errors
    assert problem.path.endswith("docs/leak.txt") and "symbolic link" in problem.message


def test_oversized_file_is_refused_without_reading(docs):
    write(docs, "news/x/index.vi.md", article(body="x" * 3000))
    (problem,) = run(docs, max_article_bytes=2048).errors
    assert "over the limit of 2,048" in problem.message


def test_non_utf8_file_gets_one_line(docs):
    write(docs, "news/x/index.vi.md", article().encode("utf-8").replace("ầ".encode(), b"\xe0\xa7"))
    (problem,) = run(docs).errors
    assert "not valid UTF-8" in problem.message


def test_bom_and_crlf_files_work(docs):
    write(docs, "news/x/index.vi.md", ("\ufeff" + article()).replace("\n", "\r\n").encode())
    room = run(docs)
    assert room.problems == [] and room.articles[0].title == "Cầu mới"


def test_non_slug_folder_is_a_warning(docs):
    write(docs, "news/Cầu-Mới/index.vi.md", article())
    (problem,) = run(docs).warnings
    assert 'rename it to "cau-moi"' in problem.message


@pytest.mark.parametrize("folder", ['x"onmouseover="alert(1)', "cầu mới", "a<b", "tin#1"])
def test_folder_names_that_cannot_be_web_addresses_are_errors(docs, folder):
    write(docs, f"news/{folder}/index.vi.md", article())
    (problem,) = run(docs).errors
    assert "cannot be in a web address" in problem.message and "rename it to" in problem.message
