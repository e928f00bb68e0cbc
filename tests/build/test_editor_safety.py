"""Nothing unpublished leaks, and every mistake gets a message an editor can act on.

Each test reproduces a finding of the "Nothing unpublished leaks" issue with its exact
input, and asserts what is (not) published in pages, listings, feeds, sitemaps and the
search index, or the message text.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from conftest import NOW_EPOCH, new_project
from toasoan.cli import main

pytestmark = pytest.mark.slow


def _everything(result) -> str:
    """Every text file the build wrote (pages, feeds, sitemaps, search metadata)."""
    parts = []
    for path in sorted(result.site_dir.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def _search_index_mentions(result, word: str) -> bool:
    """Whether the Pagefind index of the site holds ``word`` (its fragments are gzip'd JSON)."""
    import gzip

    fragments = sorted((result.site_dir / "pagefind").rglob("*.pf_fragment"))  # every shard
    assert fragments, "the site has no search index"
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        if word.encode() in data:
            return True
    return False


def _cli(project, *argv: str, capsys=None) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        code = main(list(argv))
    finally:
        os.chdir(cwd)
    out = capsys.readouterr() if capsys is not None else None
    return code, (out.out + out.err) if out else ""


# --- 1. a translation of a draft ----------------------------------------------------------

def test_a_translation_of_a_draft_is_held_back_everywhere_until_the_original_is_published(
        tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.photo("news/2026/cang-moi/cang.jpg")
    project.article("2026/cang-moi", "vi", title="Cảng mới sắp khánh thành", draft=True,
                    categories=["Kinh tế"], image="cang.jpg",
                    body="Cảng biển Cửa Lam chuẩn bị đi vào hoạt động.\n\n![Cảng](cang.jpg \"Cảng\")")
    project.article("2026/da-dang", "vi", title="Tin đã đăng")
    # toasoan translate of a draft writes a draft...
    code, _ = _cli(project, "translate", "docs/news/2026/cang-moi", "--to", "en", capsys=capsys)
    assert code == 0
    english = project.docs / "news/2026/cang-moi/index.en.md"
    written = english.read_text("utf-8")
    assert "\ndraft: true\n" in written and "\ntranslation_of: vi\n" in written
    # ...and even when the editor deletes both lines (as a finished translation would), the
    # English version stays unpublished while the Vietnamese original is a draft.
    english.write_text(written.replace("draft: true\n", "").replace("translation: pending\n", "")
                       .replace("Cảng mới sắp khánh thành", "New port about to open")
                       .replace("Cảng biển Cửa Lam", "The Cua Lam seaport"), "utf-8")
    result = project.build()
    assert result.ok, result.output
    assert not result.exists("en/news/2026/cang-moi/index.html")
    assert not result.exists("news/2026/cang-moi/index.html")
    assert not result.exists("news/2026/cang-moi/cang.jpg")  # nor its photo
    text = _everything(result)
    assert "New port about to open" not in text and "cang-moi" not in text
    for feed in ("rss.xml", "atom.xml", "feed.json", "en/rss.xml", "en/atom.xml", "en/feed.json",
                 "sitemap.xml", "news-sitemap.xml"):
        assert "cang-moi" not in result.text(feed), feed
    assert not _search_index_mentions(result, "seaport")
    # The original published: both go out together.
    original = project.docs / "news/2026/cang-moi/index.vi.md"
    original.write_text(original.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    result = project.build()
    assert result.ok, result.output
    assert result.exists("en/news/2026/cang-moi/index.html")
    assert "en/news/2026/cang-moi/" in result.text("en/rss.xml")


def test_translating_a_published_english_only_article_keeps_it_published(tmp_path, capsys):
    """A new-user walkthrough found it: `toasoan translate --to vi` of an English-only
    article took the English one off the site (the Vietnamese draft was taken for its
    original, though it says translation_of: en)."""
    project = new_project(tmp_path / "src")
    project.write_config()
    project.article("2026/fleet", "en", title="Fishing fleet returns", body="A record catch.")
    project.article("2026/da-dang", "vi", title="Tin đã đăng")
    code, _ = _cli(project, "translate", "docs/news/2026/fleet", "--to", "vi", capsys=capsys)
    assert code == 0
    written = (project.docs / "news/2026/fleet/index.vi.md").read_text("utf-8")
    assert "\ntranslation: pending\n" in written and "\ntranslation_of: en\n" in written
    result = project.build()
    assert result.ok, result.output
    assert result.exists("en/news/2026/fleet/index.html")
    assert "en/news/2026/fleet/" in result.text("en/rss.xml")
    assert not result.exists("news/2026/fleet/index.html")  # the translation waits
    code, _ = _cli(project, "status", "--json", capsys=None)
    [fleet] = [a for a in json.loads(capsys.readouterr().out)["articles"]
               if a["bundle"].endswith("fleet")]
    assert fleet["versions"]["en"]["publication"] == "published"
    assert fleet["versions"]["vi"]["publication"] == "pending"


def test_draft_false_lets_a_translation_stand_alone(project):
    project.article("2026/cau", "vi", title="Bài gốc còn nháp", draft=True)
    project.article("2026/cau", "en", title="English goes alone", draft=False)
    result = project.build()
    assert result.ok, result.output
    assert result.exists("en/news/2026/cau/index.html")
    assert not result.exists("news/2026/cau/index.html")


def test_status_shows_draft_scheduled_pending_held_and_published(tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.article("2026/nhap", "vi", draft=True)
    project.article("2026/nhap", "en")
    project.article("2026/hen-gio", "vi", date="2099-01-01 08:00")
    project.article("2026/dich", "vi")
    project.article("2026/dich", "en", translation="pending")
    project.article("2026/xong", "vi")
    code, _ = _cli(project, "status", "--json", capsys=None)
    out = capsys.readouterr().out
    assert code == 0
    versions = {a["bundle"]: {lang: v["publication"] for lang, v in a["versions"].items()}
                for a in json.loads(out)["articles"]}
    assert versions == {
        "news/2026/nhap": {"vi": "draft", "en": "held"},
        "news/2026/hen-gio": {"vi": "scheduled"},
        "news/2026/dich": {"vi": "published", "en": "pending"},
        "news/2026/xong": {"vi": "published"},
    }


# --- 3. a misspelled field that decides publication -----------------------------------------

@pytest.mark.parametrize("field", ["drafts", "Draft", "darft", "publish", "published", "embargo"])
def test_a_misspelled_publication_field_is_an_error_in_check_and_build(tmp_path, capsys, field):
    project = new_project(tmp_path / "src")
    project.write_config()
    path = project.article("2026/bi-mat", "vi", title="Tin chưa được đăng", **{field: True})
    code, out = _cli(project, "check", capsys=capsys)
    assert code == 1
    assert f'docs/news/2026/bi-mat/index.vi.md:6: unknown field "{field}"' in out
    assert "decides whether the article is published" in out
    result = project.build(strict=False)
    assert not result.ok and not result.exists("news/2026/bi-mat/index.html")
    assert path.name in result.output


# --- 4. editor leftovers -----------------------------------------------------------------------

LEFTOVERS = [".index.vi.md.swp", "index.vi.md~", ".DS_Store", "Thumbs.db", "ghi-chu.tmp",
             ".~lock.index.vi.md#", "._cau.jpg", "#index.vi.md#"]


def test_editor_and_os_leftovers_are_ignored_by_check_and_build_and_never_published(tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.article("2026/cau", "vi", title="Cầu mới")
    for name in LEFTOVERS:
        project.write(f"news/2026/cau/{name}", b"\x00leftover")
    project.write(".DS_Store", b"\x00")
    code, out = _cli(project, "check", capsys=capsys)
    assert code == 0 and "0 errors" in out
    result = project.build()
    assert result.ok, result.output
    assert result.exists("news/2026/cau/index.html")
    published = {p.name for p in result.site_dir.rglob("*")}
    assert not published & {*LEFTOVERS, ".DS_Store"}


# --- 6. a failed build keeps the previous output ---------------------------------------------

def test_a_failed_build_leaves_the_previous_site_byte_for_byte(project):
    project.article("2026/cau", "vi", title="Cầu mới")
    first = project.build()
    assert first.ok, first.output
    before = {p.relative_to(first.site_dir): p.read_bytes() for p in first.site_dir.rglob("*")
              if p.is_file()}
    assert len(before) > 20
    project.article("2026/loi", "vi", title="Lỗi", date="2026-13-45 08:30")  # a content error
    failed = project.build()
    assert not failed.ok
    assert "nothing was published" in failed.output
    after = {p.relative_to(first.site_dir): p.read_bytes() for p in first.site_dir.rglob("*")
             if p.is_file()}
    assert after == before
    # a template error (not a content error) keeps it too, and no staging folder is left
    project.write("about.vi.md", "---\ntitle: Giới thiệu\ntemplate: khong-co.html\n---\n\nx\n")
    (project.docs / "news/2026/loi/index.vi.md").unlink()
    failed = project.build()
    assert not failed.ok
    assert {p.relative_to(first.site_dir): p.read_bytes() for p in first.site_dir.rglob("*")
            if p.is_file()} == before
    assert not [p for p in project.root.iterdir() if p.name.startswith(".site.build-")]


# --- 7. messages ------------------------------------------------------------------------------

def test_mistakes_get_messages_that_say_what_to_write(tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.photo("news/2026/lu/nuoc-lu.jpg")
    project.photo("news/2026/khac/cau.jpg")
    project.write("news/2026/tieu-de/index.vi.md",
                  "---\ntitle: Sông Lam: lũ lên nhanh\ndate: 2026-03-14 08:30\nauthor: A\n"
                  "language: vi\n---\n\nThân bài.\n")
    project.article("2026/danh-sach", "vi", author="RAW:Trần Thị Đào, Nguyễn Văn Đức",
                    categories="RAW:Thời sự, Kinh tế")
    project.article("2026/lu", "vi", body="Lũ lên.\n\n![Nước lũ](nuoc lu.jpg \"Nước lũ\")\n\n"
                                          "![Ảnh](nuoc-lu.jgp)\n\n![Cầu](../khac/cau.jpg)")
    code, out = _cli(project, "check", capsys=capsys)
    assert code == 1
    assert ('docs/news/2026/tieu-de/index.vi.md:2: front matter is not valid YAML: mapping values '
            'are not allowed in this context; a value that contains ": " must be put in double '
            'quotes: title: "Sông Lam: lũ lên nhanh"') in out
    assert ('docs/news/2026/danh-sach/index.vi.md:4: warning: author "Trần Thị Đào, Nguyễn Văn Đức" '
            "is read as one name; for several, write a list in brackets: "
            "author: [Trần Thị Đào, Nguyễn Văn Đức]") in out
    assert ("docs/news/2026/danh-sach/index.vi.md:6: warning: categories \"Thời sự, Kinh tế\" is "
            "read as one name; for several, write a list in brackets: categories: [Thời sự, "
            "Kinh tế]") in out
    assert ('docs/news/2026/lu/index.vi.md:10: photo "nuoc lu.jpg" does not exist in the '
            "article's folder (did you mean \"nuoc-lu.jpg\"?)") in out
    assert ('docs/news/2026/lu/index.vi.md:12: photo "nuoc-lu.jgp" does not exist in the '
            "article's folder (did you mean \"nuoc-lu.jpg\"?)") in out
    assert ('docs/news/2026/lu/index.vi.md:14: photo "../khac/cau.jpg" is not in the article\'s '
            "folder (lu/): copy the photo into the folder and write its file name") in out
    result = project.build(strict=False)
    assert not result.ok  # the build refuses exactly what check refused
    for line in ("tieu-de/index.vi.md:2:", "lu/index.vi.md:10:", "lu/index.vi.md:12:",
                 "lu/index.vi.md:14:"):
        assert line in result.output


# --- 8. check and build agree ----------------------------------------------------------------

@pytest.mark.parametrize(("first", "second"), [
    ("Kinh tế", "kinh tế"),  # case
    ("Kinh tế", "Kinh te"),  # accents
])
def test_two_spellings_of_one_section_are_refused_by_check_as_by_the_build(tmp_path, capsys,
                                                                            first, second):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.article("2026/a", "vi", categories=[first])
    project.article("2026/b", "vi", categories=[second])
    code, out = _cli(project, "check", capsys=capsys)
    assert code == 1 and "would both be published at" in out
    assert not project.build(strict=False).ok


def test_an_invisible_character_in_a_label_is_refused_by_check_and_build(tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    project.article("2026/a", "vi", categories=["Kinh\u200btế"])
    code, out = _cli(project, "check", capsys=capsys)
    assert code == 1
    assert ("docs/news/2026/a/index.vi.md:6: categories contains the invisible format character "
            "U+200B (ZERO WIDTH SPACE); remove it") in out
    assert not project.build(strict=False).ok


def test_check_refuses_a_path_outside_the_site(tmp_path, capsys):
    project = new_project(tmp_path / "src")
    project.write_config()
    code, out = _cli(project, "check", "/etc/passwd", capsys=capsys)
    assert code == 2
    assert "toasoan: error: /etc/passwd is not in the site's docs/ folder" in out


def test_mkdocs_serve_on_a_taken_port_says_so_without_a_traceback(tmp_path):
    project = new_project(tmp_path / "src")
    config = project.write_config()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"], capture_output=True, text=True,
                              env=env, cwd=project.root, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "already in use" in proc.stderr and "mkdocs serve -a 127.0.0.1:8001" in proc.stderr
