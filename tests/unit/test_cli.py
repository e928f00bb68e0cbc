"""The `toasoan` editor command, run in a temporary site (the repository's mkdocs.yml, copied)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from toasoan import frontmatter
from toasoan.cli import main
from toasoan.content import scan
from toasoan.site_config import read_site

REPO = Path(__file__).resolve().parents[2]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


class Site:
    """A site folder with the real mkdocs.yml; ``run`` calls the command inside it."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def article(self, bundle: str, lang: str = "vi", *, front: str = "", body: str = "") -> Path:
        title = "Cầu mới" if lang == "vi" else "New bridge"
        head = (front or f"title: {title}\ndate: 2026-03-14 08:30\nauthor: Trần Thị Đào\n"
                f"language: {lang}\n")
        return self.write(f"docs/news/{bundle}/index.{lang}.md",
                          f"---\n{head}---\n\n{body or 'Nội dung bài viết.'}\n")

    def run(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        return code, out, err

    def scan(self):
        site = read_site(self.root / "mkdocs.yml")
        return scan(site.docs_dir, site.settings, root=site.root)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Site:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.chdir(root)
    # No author from the tester's git configuration.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return Site(root, capsys)


def read_front(path: Path) -> dict:
    document = frontmatter.parse(frontmatter.decode(path.read_bytes()))
    return {key: entry.value for key, entry in document.fields.items()}


# ------------------------------------------------------------------------- new


def test_new_creates_a_bundle_whose_front_matter_the_build_validator_accepts(site):
    code, out, err = site.run("new", "Đà Nẵng đón 2 triệu lượt khách", "--author", "Trần Thị Đào",
                              "--author", "Nguyễn Văn Đức", "--category", "kinh te",
                              "--category", "Thời sự", "--date", "2026-03-14 08:30")
    assert code == 0, err
    assert out == "docs/news/2026/da-nang-don-2-trieu-luot-khach/index.vi.md\n"
    room = site.scan()
    assert room.problems == []
    article = room.article_at("news/2026/da-nang-don-2-trieu-luot-khach/index.vi.md")
    assert article.title == "Đà Nẵng đón 2 triệu lượt khách"
    assert article.date == dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI)
    assert article.authors == ("Trần Thị Đào", "Nguyễn Văn Đức")
    assert article.categories == ("Kinh tế", "Thời sự")  # "kinh te" matched the configured label
    assert article.draft is True  # nothing half-written is published by accident


def test_new_with_ready_in_english_is_not_a_draft(site):
    code, out, _ = site.run("new", "Bridge opens", "--lang", "en", "--author", "Lan",
                            "--ready", "--date", "2026-03-14 08:30")
    assert code == 0
    assert out.strip() == "docs/news/2026/bridge-opens/index.en.md"
    assert read_front(site.root / out.strip()) == {
        "title": "Bridge opens", "date": "2026-03-14 08:30", "author": "Lan", "language": "en"}


def test_new_dates_the_article_now_in_the_site_time_zone(site):
    before = dt.datetime.now(HANOI).replace(second=0, microsecond=0)
    code, out, _ = site.run("new", "Tin nóng", "--author", "Lan")
    after = dt.datetime.now(HANOI)
    assert code == 0
    written = read_front(site.root / out.strip())["date"]
    moment = dt.datetime.strptime(written, "%Y-%m-%d %H:%M").replace(tzinfo=HANOI)
    assert before <= moment <= after
    assert out.strip() == f"docs/news/{moment.year}/tin-nong/index.vi.md"


@pytest.mark.parametrize(("title", "folder"), [
    ("Đà Nẵng", "da-nang"),
    ("Đường về Đông Du", "duong-ve-dong-du"),
    ("  Xây dựng   Đảng  ", "xay-dung-dang"),
])
def test_new_slug_strips_tones_and_maps_d(site, title, folder):
    code, out, _ = site.run("new", title, "--author", "Lan", "--date", "2026-01-02 07:00")
    assert code == 0
    assert out.strip() == f"docs/news/2026/{folder}/index.vi.md"


def test_new_normalizes_a_decomposed_nfd_title_to_nfc(site):
    nfd = unicodedata.normalize("NFD", "Đà Nẵng mùa lễ hội")
    assert nfd != unicodedata.normalize("NFC", nfd)
    code, out, _ = site.run("new", nfd, "--author", "Lan", "--date", "2026-01-02 07:00")
    assert code == 0
    assert out.strip() == "docs/news/2026/da-nang-mua-le-hoi/index.vi.md"
    text = (site.root / out.strip()).read_text(encoding="utf-8")
    assert 'title: "Đà Nẵng mùa lễ hội"' in text
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize("title", ["No", "12:30 họp báo", "Cập nhật #2", 'Nói "không" với rác',
                                   "- gạch đầu dòng", "[Ảnh] phố cổ", "Giá: 50% — tăng?"])
def test_new_writes_titles_yaml_would_misread_exactly(site, title):
    code, out, _ = site.run("new", title, "--author", "No", "--date", "2026-01-02 07:00")
    assert code == 0
    assert read_front(site.root / out.strip())["title"] == title
    assert read_front(site.root / out.strip())["author"] == "No"
    assert site.scan().errors == []


def test_new_never_reuses_a_folder_when_slugs_collide(site):
    code, first, _ = site.run("new", "Đông Du", "--author", "Lan", "--date", "2026-05-01 09:00")
    assert code == 0
    original = (site.root / first.strip()).read_bytes()
    code, second, err = site.run("new", "Đồng Du", "--author", "Lan", "--date", "2026-05-01 10:00")
    assert code == 0
    assert first.strip() == "docs/news/2026/dong-du/index.vi.md"
    assert second.strip() == "docs/news/2026/dong-du-2/index.vi.md"
    assert "docs/news/2026/dong-du/ already exists; this article is in dong-du-2/" in err
    code, third, _ = site.run("new", "Đông Du", "--lang", "en", "--author", "Lan",
                              "--date", "2026-05-01 11:00")
    assert third.strip() == "docs/news/2026/dong-du-3/index.en.md"  # not a silent "translation"
    assert (site.root / first.strip()).read_bytes() == original
    assert read_front(site.root / second.strip())["title"] == "Đồng Du"


def test_new_refuses_what_it_cannot_write_correctly(site):
    code, out, err = site.run("new", "Tin", "--date", "2026-01-02 07:00")
    assert (code, out) == (2, "")
    assert err == ('toasoan: error: give the author: --author "Trần Thị Đào" (or set '
                   "TOASOAN_AUTHOR to your name once)\n")
    assert site.run("new", "!!!", "--author", "Lan")[2] == (
        'toasoan: error: the title "!!!" has no letters or digits to make a web address from\n')
    assert site.run("new", "Tin", "--author", "Lan", "--lang", "fr")[2] == (
        'toasoan: error: "fr" is not a site language (one of: vi, en)\n')
    code, _, err = site.run("new", "Tin", "--author", "Lan", "--date", "2026-13-45 10:00")
    assert code == 2
    assert err.startswith('toasoan: error: --date "2026-13-45 10:00" is not a date')
    assert not (site.root / "docs/news").exists()


def test_new_takes_the_author_from_toasoan_author_never_from_git(site, monkeypatch):
    import subprocess

    subprocess.run(["git", "init", "-q", str(site.root)], check=True)
    subprocess.run(["git", "-C", str(site.root), "config", "user.name", "jdoe42"], check=True)
    code, _, err = site.run("new", "Tin", "--date", "2026-01-02 07:00")
    assert code == 2 and "give the author" in err  # not silently "jdoe42"
    monkeypatch.setenv("TOASOAN_AUTHOR", "Lê Minh Châu")
    code, out, _ = site.run("new", "Tin", "--date", "2026-01-02 07:00")
    assert code == 0 and read_front(site.root / out.strip())["author"] == "Lê Minh Châu"


def test_new_notes_a_category_the_site_does_not_list(site):
    code, out, err = site.run("new", "Tin", "--author", "Lan", "--category", "Thể thao",
                              "--date", "2026-01-02 07:00")
    assert code == 0
    assert 'note: category "Thể thao" is not in extra.news.categories for vi' in err
    assert read_front(site.root / out.strip())["categories"] == ["Thể thao"]


# ------------------------------------------------------------------- translate


def test_translate_writes_what_differs_and_the_build_takes_the_shared_fields(site):
    site.write("docs/news/2026/cau-moi/cau.jpg", TINY_JPEG)
    site.article("2026/cau-moi", front=(
        'title: "Khánh thành cầu mới"\ndate: 2026-03-14 08:30\n'
        "author: [Trần Thị Đào, Nguyễn Văn Đức]\nlanguage: vi\n"
        "categories: [Đô thị, Thời sự, Chuyện lạ]\nlead: Sáng nay cầu mới thông xe.\n"
        "image: cau.jpg\npin: true\n"),
        body='Cầu dài 1.240 m.\n\n![Cầu nhìn từ bờ nam](cau.jpg "Cầu mới")\n')
    code, out, err = site.run("translate", "docs/news/2026/cau-moi", "--to", "en")
    assert code == 0, err
    assert out == "docs/news/2026/cau-moi/index.en.md\n"
    assert 'category "Chuyện lạ" has no en pair in extra.news.categories' in err
    created = site.root / out.strip()
    # Date, authors, cover and pin are the story's: the build takes them from the original.
    # Categories are written because one has no English pair (it would be left out).
    assert read_front(created) == {
        "title": "Khánh thành cầu mới", "language": "en",
        "categories": ["Urban affairs", "News"], "lead": "Sáng nay cầu mới thông xe.",
        "translation_of": "vi", "translation": "pending"}
    text = created.read_text(encoding="utf-8")
    assert ("<!-- toasoan: translation pending: translate the title, lead and text from "
            "index.vi.md into English") in text
    assert text.endswith('Cầu dài 1.240 m.\n\n![Cầu nhìn từ bờ nam](cau.jpg "Cầu mới")\n')

    # Untranslated, it must not be published: the build holds it back, `check` refuses it.
    room = site.scan()
    (pending,) = [a for a in room.articles if a.lang == "en"]
    assert not room.is_published(pending, pending.date) and room.errors == []
    assert (pending.date.isoformat(), pending.authors, pending.image, pending.pin) == (
        "2026-03-14T08:30:00+07:00", ("Trần Thị Đào", "Nguyễn Văn Đức"), "cau.jpg", True)
    assert set(pending.inherited) == {"date", "author", "image", "pin"}
    assert str(pending.pending_problem()) == (
        "docs/news/2026/cau-moi/index.en.md:7: translation not finished: translate the title, "
        'lead and text, then delete the line "translation: pending" (until then it is not published)')
    code, out, _ = site.run("check")
    assert code == 1
    assert "docs/news/2026/cau-moi/index.en.md:7: translation not finished" in out

    # Translated: the pending line goes; the forgotten note is a warning, no longer an error.
    created.write_text(text.replace("translation: pending\n", ""), encoding="utf-8")
    code, out, _ = site.run("check")
    assert code == 0
    assert ('docs/news/2026/cau-moi/index.en.md:9: warning: the note "translation pending" '
            "is still in the text") in out


def test_translate_accepts_a_file_or_a_folder_under_news_and_the_other_direction(site):
    site.article("2026/fleet", "en")
    code, out, _ = site.run("translate", "2026/fleet/index.en.md", "--to", "vi")
    assert code == 0
    assert out.strip() == "docs/news/2026/fleet/index.vi.md"
    assert read_front(site.root / out.strip())["language"] == "vi"


def test_translate_never_overwrites_an_existing_translation(site):
    site.article("2026/cau-moi", "vi")
    existing = site.article("2026/cau-moi", "en", body="Already translated by hand.")
    before = existing.read_bytes()
    code, out, err = site.run("translate", "docs/news/2026/cau-moi", "--to", "en")
    assert (code, out) == (2, "")
    assert err == ("toasoan: error: docs/news/2026/cau-moi/index.en.md already exists; "
                   "nothing was changed\n")
    assert existing.read_bytes() == before


def test_translate_refuses_a_source_with_errors_and_says_which(site):
    site.article("2026/hong", front="title: No\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n")
    code, _, err = site.run("translate", "docs/news/2026/hong", "--to", "en")
    assert code == 2
    assert err.splitlines() == [
        "docs/news/2026/hong/index.vi.md:2: title must be text, but YAML reads No as true/false; "
        'put it in double quotes: title: "No"',
        "toasoan: error: docs/news/2026/hong/index.vi.md has problems; fix them before translating"]
    assert not (site.root / "docs/news/2026/hong/index.en.md").exists()


def test_translate_explains_a_wrong_folder(site):
    site.write("docs/about.vi.md", "---\ntitle: Giới thiệu\n---\n")
    assert site.run("translate", "docs/news/2026/khong-co", "--to", "en")[2].startswith(
        "toasoan: error: no article folder docs/news/2026/khong-co")
    assert site.run("translate", "docs", "--to", "en")[2] == (
        "toasoan: error: docs is not an article folder under docs/news/\n")


# ----------------------------------------------------------------------- check

BAD_INPUTS = [
    ("malformed YAML", "title: [Cầu mới\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n",
     "index.vi.md:2: front matter is not valid YAML"),
    ("duplicate key", "title: A\ntitle: B\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n",
     'index.vi.md:3: "title" is given twice (first on line 2); keep one'),
    ("anchor", "title: &t A\ndate: 2026-03-14 08:30\nauthor: *t\nlanguage: vi\n",
     "index.vi.md:2: YAML anchors and aliases (& and *) are not allowed in front matter"),
    ("title not text", "title: No\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n",
     'index.vi.md:2: title must be text, but YAML reads No as true/false; put it in double '
     'quotes: title: "No"'),
    ("impossible date", "title: A\ndate: 2026-13-45 10:00\nauthor: Lan\nlanguage: vi\n",
     'index.vi.md:3: date "2026-13-45 10:00" is not a date: month must be in 1..12 '
     "(expected YYYY-MM-DD HH:MM)"),
    ("missing author", "title: A\ndate: 2026-03-14 08:30\nlanguage: vi\n",
     "index.vi.md:1: author is missing (required: title, date, author, language)"),
    ("language mismatch", "title: A\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: en\n",
     'index.vi.md:5: language "en" does not match the file name index.vi.md: set language: vi, '
     "or rename the file to index.en.md"),
    ("missing photo", "title: A\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n"
     "image: missing.jpg\n", 'index.vi.md:6: cover image "missing.jpg" does not exist in the '
     "article's folder"),
    ("updated before date", "title: A\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n"
     "updated: 2026-03-01 08:00\n", "index.vi.md:6: updated is earlier than date"),
]


@pytest.mark.parametrize(("front", "expected"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_check_reports_each_bad_input_as_path_line_message_and_exits_1(site, front, expected):
    site.article("2026/bai-loi", front=front)
    site.article("2026/bai-tot")
    code, out, err = site.run("check")
    assert code == 1, out + err
    assert f"docs/news/2026/bai-loi/{expected}" in out.splitlines()[0]
    assert "bai-tot" not in out
    assert out.splitlines()[-1].endswith("1 error, 0 warnings")


def test_check_reports_files_the_build_would_drop_or_refuse(site):
    site.write("docs/news/2026/x/index.fr.md", "---\ntitle: A\n---\n")
    site.write("docs/news/2026/x/notes.md", "---\ntitle: A\n---\n")
    site.article("2026/remote", body="![Ảnh](https://example.com/a.jpg)")
    site.write("docs/news/2026/utf16/index.vi.md", "---\ntitle: A\n---\n".encode("utf-16"))
    code, out, _ = site.run("check")
    assert code == 1
    assert out.splitlines() == [
        'docs/news/2026/remote/index.vi.md:8: photo "https://example.com/a.jpg" is not in the '
        "article's folder: remote images are not allowed (readers' browsers would request "
        "another site); save the photo in the folder",
        "docs/news/2026/utf16/index.vi.md:1: file is saved as UTF-16; save it as UTF-8",
        'docs/news/2026/x/index.fr.md: language suffix ".fr" is not a site language (vi, en); '
        "this file would be dropped silently: rename it to index.vi.md or index.en.md",
        'docs/news/2026/x/notes.md: "notes.md" is not an article file: an article folder under '
        "news/ holds index.vi.md or index.en.md (and its photos)",
        "4 files checked: 4 errors, 0 warnings",
    ]


def test_check_exits_0_on_clean_content(site):
    site.article("2026/cau-moi")
    site.article("2026/cau-moi", "en")
    assert site.run("check") == (0, "2 files checked: 0 errors, 0 warnings\n", "")


def test_check_warns_about_captions_photo_size_and_long_leads_and_refuses_no_alt(site):
    site.write("mkdocs.yml", "INHERIT: base.yml\nextra:\n  news:\n    max_image_bytes: 2048\n"
               "    lead_max_chars: 40\n")
    shutil.copy(REPO / "mkdocs.yml", site.root / "base.yml")
    site.write("docs/news/2026/anh/nho.jpg", TINY_JPEG)
    site.write("docs/news/2026/anh/lon.jpg", TINY_JPEG + bytes(3000))
    site.article("2026/anh", body=(
        "Đoạn mở đầu này dài hơn bốn mươi ký tự, quá giới hạn của trang.\n\n"
        '![](nho.jpg "Có chú thích nhưng không có mô tả")\n\n'
        "![Ảnh lớn có mô tả](lon.jpg)\n\n"
        "![Ảnh đủ cả](nho.jpg)\n\n/// caption\nChú thích dạng khối.\n///\n"))
    code, out, _ = site.run("check")
    assert code == 1  # a photo without alt text is an error: blind readers get nothing
    path = "docs/news/2026/anh/index.vi.md"
    assert out.splitlines() == [
        f'{path}:10: photo "nho.jpg" has no alt text: describe what it shows for readers '
        "who cannot see it: ![description](nho.jpg)",
        "1 file checked: 1 error, 0 warnings",
    ]
    text = (site.root / path).read_text("utf-8").replace("![](nho.jpg", "![Ảnh nhỏ](nho.jpg")
    (site.root / path).write_text(text, "utf-8")
    code, out, _ = site.run("check")
    assert code == 0  # warnings alone do not fail
    assert out.splitlines() == [
        f"{path}:8: warning: lead is 63 characters, over the limit of 40 "
        "(extra.news.lead_max_chars); shorten it",
        f'{path}:12: warning: photo "lon.jpg" has no caption: add one in quotes, '
        '![…](lon.jpg "Caption"), or a /// caption block',
        f'{path}:12: warning: photo "lon.jpg" is 3,022 bytes, over the limit of 2,048 '
        "(extra.news.max_image_bytes); save a smaller copy",
        "1 file checked: 0 errors, 3 warnings",
    ]
    assert site.run("check", "--strict")[0] == 1


def test_check_warns_about_a_long_lead_given_in_front_matter_at_its_line(site):
    site.article("2026/sapo", front=("title: A\ndate: 2026-03-14 08:30\nauthor: Lan\n"
                                     f"language: vi\nlead: \"{'Rất dài. ' * 60}\"\n"))
    code, out, _ = site.run("check")
    assert code == 0
    assert out.splitlines()[0].startswith("docs/news/2026/sapo/index.vi.md:6: warning: lead is 539 "
                                          "characters, over the limit of 400")


def test_check_paths_restrict_what_is_reported(site):
    site.article("2026/a", front="title: No\ndate: 2026-03-14 08:30\nauthor: Lan\nlanguage: vi\n")
    site.article("2026/b", front="title: B\ndate: 2026-99-14\nauthor: Lan\nlanguage: vi\n")
    code, out, _ = site.run("check", "docs/news/2026/b")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["docs/news/2026/b/index.vi.md"]
    code, out, _ = site.run("check", "docs/news/2026/a/index.vi.md")
    assert code == 1
    assert out.splitlines()[0].startswith("docs/news/2026/a/index.vi.md:2: title must be text")
    site.article("2026/c")
    assert site.run("check", "docs/news/2026/c") == (0, "1 file checked: 0 errors, 0 warnings\n", "")
    assert site.run("check", "docs/news/2026/zzz") == (
        2, "", "toasoan: error: docs/news/2026/zzz: no such file or folder\n")


# ---------------------------------------------------------------------- status


def git(root: Path, *args: str, when: str = "2026-11-01T10:00:00+07:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Toà soạn", "GIT_AUTHOR_EMAIL": "ts@example.org",
           "GIT_COMMITTER_NAME": "Toà soạn", "GIT_COMMITTER_EMAIL": "ts@example.org"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def newsroom_in_git(site) -> Site:
    """Pairs, single-language articles, a stale and a pending translation, in git history."""
    git(site.root, "init", "-q", "-b", "main")
    for bundle in ("2026/cap-nhat", "2026/cu", "2026/dich-sau"):
        site.article(bundle, "vi")
    site.article("2026/cap-nhat", "en")
    site.article("2026/cu", "en")
    site.article("2026/fleet", "en")
    site.article("2026/chi-tieng-viet", "vi")
    git(site.root, "add", ".")
    git(site.root, "commit", "-q", "-m", "articles", when="2026-11-01T10:00:00+07:00")
    # The source of "cu" is corrected after its translation: stale.
    site.article("2026/cu", "vi", body="Nội dung đã sửa.")
    git(site.root, "commit", "-q", "-am", "correction", when="2026-11-05T09:30:00+07:00")
    # "cap-nhat": source and translation corrected together: up to date.
    site.article("2026/cap-nhat", "vi", body="Sửa.")
    site.article("2026/cap-nhat", "en", body="Fixed.")
    git(site.root, "commit", "-q", "-am", "both", when="2026-11-06T09:30:00+07:00")
    assert site.run("translate", "docs/news/2026/dich-sau", "--to", "en")[0] == 0
    return site


def test_status_lists_pairs_single_language_stale_and_pending_as_json(newsroom_in_git):
    code, out, _ = newsroom_in_git.run("status", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["times_from"] == "git history"
    assert data["summary"] == {"stale": 1, "pending": 1, "translated": 1, "vi-only": 1,
                               "en-only": 1}
    states = {item["bundle"]: item["state"] for item in data["articles"]}
    assert states == {"news/2026/cap-nhat": "translated", "news/2026/cu": "stale",
                      "news/2026/dich-sau": "pending", "news/2026/fleet": "en-only",
                      "news/2026/chi-tieng-viet": "vi-only"}
    stale = next(item for item in data["articles"] if item["bundle"] == "news/2026/cu")
    assert stale["source"] == "vi"
    assert stale["versions"]["vi"]["changed"] == "2026-11-05T09:30:00+07:00"
    assert stale["versions"]["en"]["changed"] == "2026-11-01T10:00:00+07:00"
    assert stale["versions"]["en"]["path"] == "docs/news/2026/cu/index.en.md"
    assert stale["versions"]["en"]["title"] == "New bridge"
    pending = next(item for item in data["articles"] if item["bundle"] == "news/2026/dich-sau")
    assert pending["versions"]["en"]["pending"] is True


def test_status_table_puts_work_to_do_first(newsroom_in_git):
    code, out, _ = newsroom_in_git.run("status")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["STATE", "vi", "en", "ARTICLE", "PUBLICATION", "NOTE"]
    assert [row[:4] for row in rows[1:6]] == [
        ["stale", "✓", "✓", "news/2026/cu"],
        ["pending", "✓", "~", "news/2026/dich-sau"],
        ["translated", "✓", "✓", "news/2026/cap-nhat"],
        ["vi-only", "✓", "-", "news/2026/chi-tieng-viet"],
        ["en-only", "-", "✓", "news/2026/fleet"],
    ]
    assert "vi changed 2026-11-05 09:30, after en 2026-11-01 10:00" in out.splitlines()[1]
    assert "vi published, en published" in out.splitlines()[1]  # whether readers see each
    assert out.splitlines()[-1] == ("5 articles: 1 stale, 1 pending, 1 translated, 1 vi only, "
                                    "1 en only (last changes from git history)")


def test_status_counts_an_uncommitted_edit_of_the_source_as_a_change(newsroom_in_git):
    source = newsroom_in_git.root / "docs/news/2026/cap-nhat/index.vi.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    data = json.loads(newsroom_in_git.run("status", "--json")[1])
    assert {i["bundle"]: i["state"] for i in data["articles"]}["news/2026/cap-nhat"] == "stale"


def test_status_outside_git_uses_file_times(site):
    vi = site.article("2026/cau", "vi")
    en = site.article("2026/cau", "en")
    os.utime(en, (1_790_000_000, 1_790_000_000))
    os.utime(vi, (1_790_000_000.4, 1_790_000_000.4))  # copied a moment later: not an edit
    data = json.loads(site.run("status", "--json")[1])
    assert data["times_from"] == "file times"
    assert data["articles"][0]["state"] == "translated"
    os.utime(vi, (1_790_100_000, 1_790_100_000))
    data = json.loads(site.run("status", "--json")[1])
    assert data["articles"][0]["state"] == "stale"


# ------------------------------------------------------------ site and errors


def test_the_site_is_found_from_a_subfolder_or_given_with_site(site, tmp_path, monkeypatch):
    site.article("2026/cau-moi")
    (site.root / "docs/news/2026").mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(site.root / "docs/news/2026")
    assert site.run("check")[0] == 0
    code, out, _ = site.run("new", "Tin mới", "--author", "Lan", "--date", "2026-02-01 10:00")
    assert out.strip() == "tin-moi/index.vi.md"  # relative to where the editor is
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert site.run("check") == (2, "", (
        f"toasoan: error: no mkdocs.yml in {elsewhere} or any folder above it; run the command "
        "inside the site's folder, or give --site FOLDER\n"))
    assert site.run("--site", str(site.root), "check")[0] == 0
    assert site.run("check", "--site", str(site.root / "mkdocs.yml"))[0] == 0


def test_a_broken_mkdocs_yml_is_one_line_not_a_traceback(site):
    site.write("mkdocs.yml", "site_name: x\nextra:\n  news:\n    page_size: zero\n"
               "plugins:\n  - i18n:\n      languages:\n        - {locale: vi, default: true}\n")
    code, out, err = site.run("status")
    assert (code, out) == (2, "")
    assert err == (f"toasoan: error: {site.root / 'mkdocs.yml'}: extra.news.page_size: must be a "
                   "whole number ≥ 1, got 'zero'\n")


def test_help_is_plain_and_usage_errors_are_one_line(site):
    code, out, _ = site.run("--help")
    assert code == 0
    for command in ("new", "translate", "check", "status", "--site"):
        assert command in out
    code, out, _ = site.run("translate", "--help")
    assert code == 0 and "An existing file is never replaced" in out
    code, _, err = site.run("translate", "docs/news/x")
    assert code == 2
    assert err.splitlines()[-2] == ("toasoan translate: error: the following arguments are required: --to")


def test_the_installed_command_runs_without_mkdocs(site):
    site.article("2026/cau-moi")
    command = Path(sys.executable).parent / "toasoan"
    proc = subprocess.run([str(command), "check"], cwd=site.root, capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, "1 file checked: 0 errors, 0 warnings\n")
    # MkDocs is installed here: make any import of it (or Material, or static-i18n) fail,
    # then run the editor command for real.
    blocked = ("import sys\n"
               "class Block:\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if name.split('.')[0] in {'mkdocs', 'material', 'mkdocs_static_i18n'}:\n"
               "            raise ImportError(f'{name} is blocked')\n"
               "sys.meta_path.insert(0, Block())\n"
               "from toasoan.cli import main\n"
               "sys.exit(main(['check']))\n")
    proc = subprocess.run([sys.executable, "-c", blocked], cwd=site.root, capture_output=True,
                          text=True)
    assert (proc.returncode, proc.stdout) == (0, "1 file checked: 0 errors, 0 warnings\n"), \
        proc.stderr


# -------------------------------------------------------------------------- move


def test_move_renames_the_bundle_and_each_file_keeps_its_old_address(site):
    site.write("docs/news/2026/cau-moi/cau.jpg", TINY_JPEG)
    site.article("2026/cau-moi", front=(
        'title: "Khánh thành cầu mới"  # tiêu đề\ndate: 2026-03-14 08:30\n'
        "author: Trần Thị Đào\nlanguage: vi\naliases:\n  - /tin-tuc/cau-moi-a108750.html\n"
        "# hết\n"), body="![Cầu nhìn từ bờ nam](cau.jpg)\n")
    site.article("2026/cau-moi", "en", front='title: "New bridge"\nlanguage: en\n'
                                             "slug: new-bridge-opens\n")
    site.write("docs/news/2026/khac/index.vi.md",
               "---\ntitle: Khác\ndate: 2026-03-15 08:30\nauthor: Lan\nlanguage: vi\n---\n\n"
               "Xem [bài cũ](../cau-moi/index.vi.md).\n")
    code, out, err = site.run("move", "docs/news/2026/cau-moi", "cau-song-lam")
    assert code == 0, err
    assert out.splitlines() == [
        "docs/news/2026/cau-song-lam",
        "docs/news/2026/cau-song-lam/index.vi.md: aliases: /news/2026/cau-moi/"]
    assert err == ("note: docs/news/2026/khac/index.vi.md mentions news/2026/cau-moi: its old "
                   "address still leads to the article, but a link to its file must be updated "
                   "(the build refuses it)\n")
    assert not (site.root / "docs/news/2026/cau-moi").exists()
    moved = site.root / "docs/news/2026/cau-song-lam"
    assert sorted(p.name for p in moved.iterdir()) == ["cau.jpg", "index.en.md", "index.vi.md"]
    # The list is rewritten in place; every other line (comments too) keeps its bytes.
    assert (moved / "index.vi.md").read_text("utf-8") == (
        '---\ntitle: "Khánh thành cầu mới"  # tiêu đề\ndate: 2026-03-14 08:30\n'
        "author: Trần Thị Đào\nlanguage: vi\n"
        'aliases: ["/tin-tuc/cau-moi-a108750.html", "/news/2026/cau-moi/"]\n# hết\n---\n\n'
        "![Cầu nhìn từ bờ nam](cau.jpg)\n\n")
    # The English address is its slug's: unchanged, so no alias.
    assert "aliases" not in read_front(moved / "index.en.md")
    room = site.scan()
    assert room.errors == []
    vi = room.article_at("news/2026/cau-song-lam/index.vi.md")
    assert vi.aliases == ("tin-tuc/cau-moi-a108750.html", "news/2026/cau-moi/")


def test_move_with_lang_changes_the_translations_slug_and_keeps_crlf(site):
    site.article("2026/cau-moi")
    english = site.write("docs/news/2026/cau-moi/index.en.md", b"\xef\xbb\xbf---\r\ntitle: New bridge"
                         b"\r\nlanguage: en\r\n---\r\n\r\nText.\r\n")
    code, out, err = site.run("move", "docs/news/2026/cau-moi", "bridge-opens", "--lang", "en")
    assert code == 0, err
    assert out.splitlines() == ["docs/news/2026/cau-moi",
                                "docs/news/2026/cau-moi/index.en.md: aliases: /en/news/2026/cau-moi/"]
    assert english.read_bytes() == (b"\xef\xbb\xbf---\r\ntitle: New bridge\r\nlanguage: en\r\n"
                                    b'aliases: ["/en/news/2026/cau-moi/"]\r\nslug: bridge-opens\r\n'
                                    b"---\r\n\r\nText.\r\n")
    # Moving back drops the alias that is now its own address again.
    code, out, err = site.run("move", "docs/news/2026/cau-moi", "cau-moi", "--lang", "en")
    assert code == 0, err
    front = read_front(english)
    assert (front["slug"], front["aliases"]) == ("cau-moi", ["/en/news/2026/bridge-opens/"])
    assert site.scan().errors == []


@pytest.mark.parametrize(("argv", "message"), [
    (("docs/news/2026/cau-moi", "Cầu Mới"), 'the folder name: "Cầu Mới" is not a web address slug'),
    (("docs/news/2026/cau-moi", "khac"), "docs/news/2026/khac/ already exists; choose another name"),
    (("docs/news/2026/cau-moi", "/tmp/x"), "/tmp/x is not under docs/news/"),
    (("docs/news/2026/cau-moi", "x", "--lang", "vi"), "the Tiếng Việt address is the folder's name"),
    (("docs/news/2026/cau-moi", "x", "--lang", "en"), "index.en.md does not exist"),
    (("docs/news/2026/cau-moi", "x--y", "--lang", "fr"), '"fr" is not a site language'),
    (("docs/news/2026/hong", "moi"), "docs/news/2026/hong/ has problems; fix them before moving it"),
])
def test_move_refuses_and_changes_nothing(site, argv, message):
    site.article("2026/cau-moi")
    site.article("2026/khac")
    site.write("docs/news/2026/hong/index.vi.md", "---\ntitle: No\n---\n\nx\n")
    before = {p: p.read_bytes() for p in (site.root / "docs").rglob("*") if p.is_file()}
    code, _, err = site.run("move", *argv)
    assert code == 2
    assert message in err
    assert {p: p.read_bytes() for p in (site.root / "docs").rglob("*") if p.is_file()} == before


def test_translate_slug_is_written_and_checked_by_the_builds_rule(site):
    site.article("2026/cau-moi")
    code, _, err = site.run("translate", "docs/news/2026/cau-moi", "--to", "en", "--slug", "Cầu")
    assert (code, err.splitlines()[-1]) == (2, 'toasoan: error: --slug: slug "Cầu" is not a web '
                                               "address slug: use lowercase letters a-z without "
                                               'accents, digits and single hyphens, e.g. "cau"')
    code, out, err = site.run("translate", "docs/news/2026/cau-moi", "--to", "en", "--slug",
                              "new-bridge")
    assert code == 0, err
    assert read_front(site.root / out.strip())["slug"] == "new-bridge"


def test_status_says_which_version_lacks_a_correction(site):
    site.article("2026/cau-moi", front=(
        "title: Cầu mới\ndate: 2026-03-14 08:30\nauthor: Đào\nlanguage: vi\ncorrections:\n"
        "  - date: 2026-03-15 10:00\n    text: Cầu dài 1.240 m.\n"))
    site.article("2026/cau-moi", "en", front="title: New bridge\nlanguage: en\n")
    code, out, _ = site.run("status")
    assert code == 0
    assert "stale  ✓  ✓   news/2026/cau-moi" in out
    assert "vi has a correction of 2026-03-15 10:00 that en lacks" in out
    code, out, _ = site.run("status", "--json")
    assert json.loads(out)["articles"][0]["missing_corrections"] == [
        {"lacking": "en", "in": "vi", "date": "2026-03-15 10:00"}]
