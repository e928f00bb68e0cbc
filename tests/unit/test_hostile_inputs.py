"""Hostile input to the pure parts, without a build (issue 15): each once crashed, hung or
slipped through; each now gets an editor's message or a bounded cost."""

from __future__ import annotations

import datetime as dt
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
