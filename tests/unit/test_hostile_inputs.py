"""Hostile input to the pure parts, without a build (issue 15): each once crashed, hung or
slipped through; each now gets an editor's message or a bounded cost."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from toasoan import figures, frontmatter, xmlout
from toasoan.dates import DateError, parse_date
from toasoan.site_config import read_site

REPO = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SETTINGS = read_site(REPO / "mkdocs.yml").settings


def test_a_photo_of_0xff_bytes_is_not_read_byte_by_byte(tmp_path, monkeypatch):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8" + b"\xff" * 20_000_000)  # 20 MB: ~10 s at one read per byte
    reads = []
    real_open = open

    class Counting:
        def __init__(self, stream):
            self.stream = stream

        def read(self, size=-1):
            reads.append(size)
            return self.stream.read(size)

        def __getattr__(self, name):
            return getattr(self.stream, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

    monkeypatch.setattr(figures, "open", lambda *a, **k: Counting(real_open(*a, **k)), raising=False)
    assert figures.image_size(photo) is None
    assert len(reads) < 1_000, f"{len(reads):,} reads for one photo header"


@pytest.mark.parametrize("line, fragment", [
    ("title: !!int abc", "abc"), ("title: !!float abc", "abc"), ("title: !!bool abc", "abc"),
    ("title: !!timestamp 2025-02-29", "2025-02-29"), ("title: " + "9" * 5000, "999"),
    ("title: !!timestamp 2026-13-45", "2026-13-45"), ("title: !!binary 'a'", "base64"),
])
def test_a_yaml_value_that_cannot_be_built_is_an_error_at_its_line(line, fragment):
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.parse(f"---\nlanguage: vi\n{line}\n---\n\nx\n")
    assert caught.value.line == 3
    assert fragment in caught.value.message


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01T00:00+23:59", "9999-12-31 23:59",
                                   dt.date(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59)])
def test_dates_outside_the_archive_are_refused_not_overflowed(value):
    with pytest.raises(DateError):
        parse_date(value, TZ)


@pytest.mark.parametrize("src_uri, fragment", [
    ("rss.xml.vi.md", '"rss.xml"'), ("sitemap.xml.en.md", '"sitemap.xml"'),
    ("feed.json.md", '"feed.json"'), ("404.html.vi.md", '"404.html"'),
    ("robots.txt.vi.md", '"robots.txt"'), ("assets/js/share.js.vi.md", "share.js"),
    ("assets/anh-bia.vi.md", '"assets/"'),
    ("pagefind.vi.md", '"pagefind/"'), ("en/gioi-thieu.vi.md", '"en/"'),
])
def test_a_page_name_that_would_collide_with_the_sites_own_files_is_refused(src_uri, fragment):
    from toasoan.sources import page_name_problem

    problem = page_name_problem(src_uri, SETTINGS)
    assert problem is not None and fragment in problem


@pytest.mark.parametrize("src_uri", ["about.vi.md", "about.en.md", "lien-he.md", "gioi-thieu/ban-bien-tap.vi.md"])
def test_ordinary_page_names_are_accepted(src_uri):
    from toasoan.sources import page_name_problem

    assert page_name_problem(src_uri, SETTINGS) is None


@pytest.mark.parametrize("text", ["a\x1bb", "a\x00b", "a\ufffeb", "a\ud800b"])
def test_text_xml_cannot_carry_is_refused_before_a_feed_is_written(text):
    root = ET.Element("rss")
    with pytest.raises(xmlout.XmlTextError):
        xmlout.sub(root, "title", text)
    element = ET.Element("rss")
    element.text = text
    with pytest.raises(xmlout.XmlTextError):
        xmlout.serialize(element)


# --- found by this round's red team ---------------------------------------------------------

@pytest.mark.parametrize("body", [
    "```a\n" * 20_000,  # fences never closed: the renderer scans the rest of the text for each
    "```\nx\n```\n\n" * 2_000,  # the renderer copies the whole text for every block
])
def test_thousands_of_code_fences_are_refused_before_the_renderer_sees_them(body):
    from toasoan import body_policy

    assert any("code fence lines" in message for _, message in body_policy.check(body))


def test_a_fence_the_renderer_does_not_close_is_not_code_to_the_pre_check():
    """880 KB of emphasis after a fence never closed: text to Python-Markdown (63 s of
    inline parsing), so the limits must count it."""
    from toasoan import body_policy

    found = body_policy.check("```\n" + "*a* _b_ " * 110_000)
    assert any("split it" in message for _, message in found), found


@pytest.mark.parametrize("body, code", [
    ("```\n<x>\n```", True), ("```python\n<x>\n```", True), ("``` {.py}\n<x>\n```", True),
    ("````\n<x>\n```\n````", True), ("~~~\n```\n<x>\n~~~", True), ("```\t\n<x>\n```", True),
    ("```\n<x>", False), ("~~~ a b\n<x>\n~~~", False), ("```\n<x>\n````", False),
])
def test_the_pre_check_finds_fenced_code_where_the_renderer_does(body, code):
    import markdown

    from toasoan.body_policy import mask_fences

    rendered = markdown.markdown(body, extensions=["fenced_code"])
    assert ("&lt;x&gt;" in rendered) is code
    assert ("<x>" not in mask_fences(body)) is code


def test_a_text_with_thousands_of_problems_lists_a_hundred_and_counts_the_rest():
    from toasoan import body_policy

    found = body_policy.check("\n\n".join(f"<x{i}>" for i in range(3_000)))
    assert len(found) == body_policy.MAX_REPORTS + 1
    assert re.match(r"\.\.\. and 2,9\d\d more problems", found[-1][1]), found[-1]


def _renderer():
    from toasoan.render import Renderer

    return Renderer(read_site(REPO / "mkdocs.yml").markdown)


def test_a_render_that_failed_leaves_nothing_behind_for_the_next_document():
    """After a RecursionError the block parser kept 496 "list" states: every later article
    of `toasoan check` was parsed as if inside a list (raw HTML came out as code there,
    and as HTML in the build, which renders each page with a fresh parser)."""
    from toasoan.render import RenderError

    renderer = _renderer()
    body = "Đoạn.\n\n<img src=x onerror=alert(1)>\n\nĐoạn cuối."
    before = renderer.render(body)
    with pytest.raises(RenderError):
        renderer.render("- + " * 3000 + "x")
    assert renderer.render(body) == before == _renderer().render(body)


@pytest.mark.parametrize("body, line", [
    ("Đoạn.\n\n[x](java\tscript:alert(1))", 3),  # Markdown turned the tab into spaces
    ('Đoạn.\n\nĐoạn.\n{: title="<img src="https://evil.example/x.png">" }', 4),  # split attribute
    ("Đoạn.\n\n\n<p>x</p>\n\n<a href='&#106;avascript:alert(1)'>x</a>", 6),  # entity decoded
])
def test_a_refusal_is_located_where_markdown_changed_the_text(body, line):
    from toasoan.allowlist import article_violations
    from toasoan.render import findings

    found = findings(article_violations(_renderer().render(body)), body)
    assert found and all(at == line and "somewhere" not in message for at, message in found), found


def test_a_text_with_thousands_of_refused_elements_lists_a_hundred():
    from toasoan.allowlist import article_violations
    from toasoan.render import MAX_FINDINGS, findings

    source = "\n\n".join(f'<p data-a{i}="1">x</p>' for i in range(1_000))
    found = findings(article_violations(source), source)
    assert len(found) == MAX_FINDINGS + 1 and found[:2] == [
        (1, '<p> attribute "data-a0" is not allowed'), (3, '<p> attribute "data-a1" is not allowed')]
    assert found[-1][1] == "... and 900 more problems like the above in this text"


@pytest.mark.parametrize("body", [
    "/// caption\nx\n///\n\n" * 1_200,  # each caption wraps the figure before it
    "/// caption\n" * 40 + "x\n" + "///\n" * 40,
])
def test_captions_inside_each_other_are_refused_before_the_renderer_recurses(body):
    from toasoan import body_policy

    assert any("/// caption blocks are nested" in message for _, message in body_policy.check(body))


def test_a_photo_essay_of_two_hundred_captioned_photos_is_fine():
    from toasoan import body_policy

    assert body_policy.check("![Ảnh](anh.jpg)\n\n/// caption\nChú thích\n///\n\n" * 200) == []
