"""The foundation: each article at its URL in its language, nothing else published,
and every bad input stopping the build with ``path:line: message``."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import BuildResult, Project, new_project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Project, BuildResult]:
    project = new_project(tmp_path_factory.mktemp("foundation") / "src")
    project.photo("news/2026/cau-moi/cau.jpg")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", categories=["Đô thị"],
                    body='Đoạn mở đầu.\n\n![Cây cầu](cau.jpg "Cầu mới")\n\nThân bài.')
    project.article("2026/cau-moi", "en", title="New bridge opens", categories=["Urban affairs"],
                    body="Opening paragraph.\n\n![The bridge](cau.jpg)\n\nBody.")
    project.article("2026/chi-tieng-viet", "vi", title="Chỉ có tiếng Việt")
    project.article("2026/english-only", "en", title="English only story")
    project.article("2026/ban-nhap", "vi", title="Bản nháp bí mật", draft=True)
    project.article("2026/ban-nhap", "en", title="Secret draft", draft=True)
    project.article("2026/tuong-lai", "vi", title="Tin tương lai", date="2026-11-28 08:00")
    project.article("2026/tuong-lai", "en", title="Future story", date="2026-11-28 08:00")
    result = project.build()
    assert result.ok, result.output
    return project, result


def lang_of(result: BuildResult, rel: str) -> str:
    return result.html(rel).get("lang")


def all_output_text(result: BuildResult) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in result.site_dir.rglob("*")
                     if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt", ".js"})


def test_each_article_is_at_its_url_in_its_language(site):
    _, result = site
    assert lang_of(result, "news/2026/cau-moi/index.html") == "vi"
    assert lang_of(result, "en/news/2026/cau-moi/index.html") == "en"
    assert lang_of(result, "news/2026/chi-tieng-viet/index.html") == "vi"
    assert lang_of(result, "en/news/2026/english-only/index.html") == "en"
    assert "Khánh thành cầu mới" in result.text("news/2026/cau-moi/index.html")
    assert "New bridge opens" in result.text("en/news/2026/cau-moi/index.html")


def test_untranslated_articles_are_not_copied_into_the_other_language(site):
    _, result = site
    assert not result.exists("en/news/2026/chi-tieng-viet/index.html")
    assert not result.exists("news/2026/english-only/index.html")
    assert "Chỉ có tiếng Việt" not in "".join(
        p.read_text("utf-8") for p in (result.site_dir / "en").rglob("*.html"))


def test_every_page_under_en_is_labelled_english_and_every_other_vietnamese(site):
    _, result = site
    for page in result.pages():
        expected = "en" if page.startswith("en/") else "vi"
        assert lang_of(result, page) == expected, page


def test_drafts_and_future_articles_are_nowhere_in_the_output(site):
    _, result = site
    for bundle in ("ban-nhap", "tuong-lai"):
        assert not any(bundle in page for page in result.pages())
    text = all_output_text(result)
    for title in ("Bản nháp bí mật", "Secret draft", "Tin tương lai", "Future story"):
        assert title not in text


def test_photos_are_published_once_and_linked_from_both_languages(site):
    _, result = site
    assert result.exists("news/2026/cau-moi/cau.jpg")
    vi_src = result.html("news/2026/cau-moi/index.html").xpath("//img[@alt='Cây cầu']/@src")
    en_src = result.html("en/news/2026/cau-moi/index.html").xpath("//img[@alt='The bridge']/@src")
    assert vi_src == ["cau.jpg"]
    assert en_src and en_src[0].endswith("news/2026/cau-moi/cau.jpg")
    assert (result.site_dir / "en/news/2026/cau-moi" / en_src[0]).resolve().is_file()


def test_the_about_page_exists_in_both_languages(site):
    _, result = site
    assert lang_of(result, "about/index.html") == "vi"
    assert lang_of(result, "en/about/index.html") == "en"


def test_preview_shows_drafts_and_future_articles_under_mkdocs_serve(tmp_path):
    project = new_project(tmp_path / "src")
    project.article("2026/ban-nhap", "vi", title="Bản nháp", draft=True)
    project.article("2026/tuong-lai", "vi", title="Tin tương lai", date="2027-01-01 08:00")
    with project.serve(env={"TOASOAN_PREVIEW": "1"}) as server:
        assert server.get("news/2026/ban-nhap/")[0] == 200
        assert server.get("news/2026/tuong-lai/")[0] == 200
        status, home = server.get("")
        assert "Chưa xuất bản" in home  # listed, marked as not published
    with project.serve() as server:  # without the variable: drafts stay hidden
        assert server.get("news/2026/ban-nhap/")[0] == 404


def test_a_build_refuses_preview_mode(tmp_path):
    """TOASOAN_PREVIEW left in the shell must not publish drafts: only `mkdocs serve` previews."""
    project = new_project(tmp_path / "src")
    project.article("2026/ban-nhap", "vi", title="Bản nháp", draft=True)
    result = project.build(env={"TOASOAN_PREVIEW": "1"})
    assert not result.ok
    assert "TOASOAN_PREVIEW is set: a preview shows drafts and embargoed articles, so it is " \
           "only for `mkdocs serve`" in result.output
    assert not (project.root / "site").exists()


BAD_INPUTS = [
    # (file, content, expected "path:line: fragment")
    ("news/x/index.vi.md", "---\ntitle: [Cầu\ndate: 2026-03-14\n---\n", "docs/news/x/index.vi.md:2: front matter is not valid YAML"),
    ("news/x/index.vi.md", "---\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n", "docs/news/x/index.vi.md:1: title is missing"),
    ("news/x/index.vi.md", '---\ntitle: ""\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n', "docs/news/x/index.vi.md:2: title is empty"),
    ("news/x/index.vi.md", "---\ntitle: T\nauthor: A\nlanguage: vi\n---\n", "docs/news/x/index.vi.md:1: date is missing"),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-13-45\nauthor: A\nlanguage: vi\n---\n", 'docs/news/x/index.vi.md:3: date "2026-13-45" is not a date'),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: fr\n---\n", 'docs/news/x/index.vi.md:5: language "fr" is not a site language'),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: en\n---\n", 'docs/news/x/index.vi.md:5: language "en" does not match the file name'),
    ("news/x/index.vn.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n", 'docs/news/x/index.vn.md: language suffix ".vn" is not a site language'),
    ("news/x/index.fr.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n", 'docs/news/x/index.fr.md: language suffix ".fr" is not a site language'),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n\n![Ảnh](mat.jpg)\n", 'docs/news/x/index.vi.md:8: photo "mat.jpg" does not exist'),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\nimage: bia.jpg\n---\n", 'docs/news/x/index.vi.md:6: cover image "bia.jpg" does not exist'),
    ("news/x/index.vi.md", "---\ntitle: No\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n", "docs/news/x/index.vi.md:2: title must be text"),
    ("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-03-14\nauthor: 12:30\nlanguage: vi\n---\n", "docs/news/x/index.vi.md:4: author must be text"),
]


@pytest.mark.parametrize(("rel", "content", "expected"), BAD_INPUTS,
                         ids=[e.split(": ", 1)[1][:40] for _, _, e in BAD_INPUTS])
def test_bad_input_fails_the_build_naming_file_and_line(project, rel, content, expected):
    project.write(rel, content)
    result = project.build()
    assert not result.ok
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not result.exists("index.html")


def test_content_errors_fail_without_strict_too(project):
    project.write("news/x/index.vi.md", "---\ntitle: T\ndate: 2026-13-45\nauthor: A\nlanguage: vi\n---\n")
    result = project.build(strict=False)
    assert not result.ok
    assert 'docs/news/x/index.vi.md:3: date "2026-13-45" is not a date' in result.output


def test_all_problems_are_reported_in_one_run(project):
    project.write("news/a/index.vi.md", "---\ntitle: No\ndate: 2026-13-45\nauthor: A\nlanguage: vi\n---\n")
    project.write("news/b/index.fr.md", "---\ntitle: T\n---\n")
    result = project.build()
    assert "docs/news/a/index.vi.md:2:" in result.output
    assert "docs/news/a/index.vi.md:3:" in result.output
    assert "docs/news/b/index.fr.md:" in result.output
    assert "3 problems in the content" in result.output


def test_nfc_and_nfd_twin_folders_fail_naming_both(project):
    name = "news/2026/đà-nẵng"
    project.article("2026/đà-nẵng", "vi")
    project.write(unicodedata.normalize("NFD", name) + "/index.vi.md",
                  "---\ntitle: T\ndate: 2026-03-14\nauthor: A\nlanguage: vi\n---\n")
    result = project.build()
    assert not result.ok
    assert "writes the same URL" in result.output


def test_bad_settings_name_the_key(project):
    project.config = {"extra": {"news": {"page_size": "mười"}}}
    result = project.build()
    assert not result.ok
    assert "extra.news.page_size: must be a whole number" in result.output
