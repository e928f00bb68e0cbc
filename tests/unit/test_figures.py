"""Photos with captions (toasoan.figures): both caption syntaxes become <figure>."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import lxml.html
import markdown
import pytest
from PIL import Image

from toasoan.figures import image_size

EXTENSIONS = ["attr_list", "md_in_html", "pymdownx.blocks.caption", "toasoan.figures"]


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    Image.new("RGB", (64, 40)).save(tmp_path / "a.jpg", "JPEG")
    Image.new("RGB", (33, 22)).save(tmp_path / "progressive.jpg", "JPEG", progressive=True)
    Image.new("RGB", (30, 20)).save(tmp_path / "b.png")
    Image.new("RGB", (31, 21)).save(tmp_path / "c.gif")
    Image.new("RGB", (35, 25)).save(tmp_path / "d.webp", lossless=True)
    Image.new("RGB", (36, 26)).save(tmp_path / "e.webp", quality=50)
    return tmp_path


def render(text: str, base_dir: Path | None = None):
    configs = {"toasoan.figures": {"base_dir": str(base_dir)}} if base_dir else {}
    html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=configs)
    return lxml.html.fragment_fromstring(html, create_parent="div")


@pytest.mark.parametrize(("name", "size"), [
    ("a.jpg", (64, 40)), ("progressive.jpg", (33, 22)), ("b.png", (30, 20)),
    ("c.gif", (31, 21)), ("d.webp", (35, 25)), ("e.webp", (36, 26)),
])
def test_image_size_is_read_from_the_file_header(photos: Path, name: str, size: tuple[int, int]):
    assert image_size(photos / name) == size


def test_image_size_of_something_else_is_unknown(tmp_path: Path):
    (tmp_path / "x.jpg").write_bytes(b"not an image at all")
    (tmp_path / "cut.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 0, 5)
    (tmp_path / "zero.png").write_bytes(png + zlib.compress(b""))
    assert image_size(tmp_path / "x.jpg") is None
    assert image_size(tmp_path / "cut.jpg") is None
    assert image_size(tmp_path / "zero.png") is None
    assert image_size(tmp_path / "missing.jpg") is None


def test_title_syntax_makes_a_figure_with_its_caption(photos: Path):
    root = render('Intro\n\n![Cầu Sông Lam](a.jpg "Cầu nhìn từ bờ nam.")\n', photos)
    (figure,) = root.findall(".//figure")
    link, caption = list(figure)  # the photo links to its file: the full-size view
    (img,) = link
    assert (link.tag, link.get("href"), img.tag, caption.tag) == ("a", "a.jpg", "img", "figcaption")
    assert img.get("alt") == "Cầu Sông Lam"
    assert img.get("title") is None  # the caption is shown once, not also as a tooltip
    assert (img.get("loading"), img.get("width"), img.get("height")) == ("lazy", "64", "40")
    assert caption.text_content() == "Cầu nhìn từ bờ nam."
    assert not root.findall(".//p/img")


def test_caption_block_becomes_a_figure_without_paragraph_wrappers(photos: Path):
    root = render("![Lễ cắt băng](b.png)\n\n/// caption\nCắt băng *khánh thành*.\n///\n", photos)
    (figure,) = root.findall(".//figure")
    assert [child.tag for child in figure] == ["a", "figcaption"]
    caption = figure.find("figcaption")
    assert caption.find("p") is None
    assert caption.text_content() == "Cắt băng khánh thành."
    assert caption.find("em").text == "khánh thành"
    img = figure.find("a/img")
    assert (img.get("width"), img.get("height"), img.get("loading")) == ("30", "20", "lazy")
    assert "news-figure" in figure.get("class").split()


def test_caption_block_wins_over_an_image_title(photos: Path):
    root = render('![x](a.jpg "Title")\n\n/// caption\nBlock caption\n///\n', photos)
    (figure,) = root.findall(".//figure")
    assert figure.find("figcaption").text_content() == "Block caption"
    assert figure.find(".//img").get("title") is None


def test_image_without_caption_stays_a_plain_image(photos: Path):
    root = render("![Chợ phiên](c.gif)\n\nText with ![inline](a.jpg \"t\") image.\n", photos)
    assert root.findall(".//figure") == []
    plain, inline = root.findall(".//img")
    assert plain.getparent().tag == "a" and plain.getparent().getparent().tag == "p"
    assert inline.getparent().tag == "p"
    assert (plain.get("loading"), plain.get("width"), plain.get("height")) == ("lazy", "31", "21")
    assert inline.get("title") == "t"  # an image inside a sentence is not a photo with caption


def test_linked_image_with_title_keeps_its_link_inside_the_figure(photos: Path):
    root = render('[![x](a.jpg "Caption")](https://example.org/)\n', photos)
    figure = root.find(".//figure")
    assert figure[0].tag == "a" and figure[0][0].tag == "img"
    assert figure.find("figcaption").text == "Caption"


def test_caption_text_is_escaped_never_markup(photos: Path):
    html = markdown.markdown('![a](a.jpg "<script>alert(1)</script> & <b>x</b>")',
                             extensions=EXTENSIONS)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert root.findall(".//script") == [] and root.findall(".//b") == []
    assert root.find(".//figcaption").text == "<script>alert(1)</script> & <b>x</b>"


def test_remote_and_outside_images_get_no_size_and_are_not_read(photos: Path, tmp_path: Path):
    outside = tmp_path.parent / "outside.png"
    Image.new("RGB", (5, 5)).save(outside)
    root = render(f"![r](https://example.org/a.jpg)\n\n![o](../{outside.name})\n", photos)
    for img in root.findall(".//img"):
        assert img.get("width") is None and img.get("loading") == "lazy"


def test_without_a_known_folder_images_get_no_size():
    root = render('![a](a.jpg "Caption")')
    img = root.find(".//img")
    assert img.get("width") is None and img.get("loading") == "lazy"


def test_explicit_size_from_attr_list_is_kept(photos: Path):
    root = render("![a](a.jpg){ width=\"10\" }\n", photos)
    img = root.find(".//img")
    assert img.get("width") == "10" and img.get("height") is None



def test_an_address_python_cannot_split_is_left_alone_not_linked_or_measured(photos: Path):
    """'http://[' makes urlsplit raise: the renderer must not stop on it (the page checks
    refuse the photo at its line later)."""
    doc = render('![a](http://[x "Chú thích")\n\n![b](http://[y)\n', base_dir=photos)
    images = doc.findall(".//img")
    assert [img.get("src") for img in images] == ["http://[x", "http://[y"]
    assert all(img.getparent().tag != "a" and img.get("width") is None for img in images)
