"""Photos with captions, as a Python-Markdown extension (``toasoan.figures``).

Editors write a caption in one of two ways::

    ![alt](photo.jpg "Caption")

    ![alt](photo.jpg)

    /// caption
    Caption, with *Markdown*
    ///

Both become ``<figure><img …><figcaption>…</figcaption></figure>``: the first is
built here from the image title, the second is pymdownx's caption block with the
``<p>`` wrappers it leaves around the image and the caption removed. An image
without a caption stays a plain image. Every image gets ``loading="lazy"`` and,
when its file is a JPEG, PNG, GIF or WebP that can be read, ``width``/``height``
from the file's header (no Pillow: a few bytes of the header are enough).
"""

from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .credits import packaged_labels, split_credit

FIGURE_CLASS = "news-figure"


def image_size(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(width, height) read from a JPEG, PNG, GIF or WebP header; None if unknown."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                return _positive(struct.unpack(">II", head[16:24]))
            if head[:6] in (b"GIF87a", b"GIF89a"):
                return _positive(struct.unpack("<HH", head[6:10]))
            if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
                return _webp_size(head + stream.read(8))
            if head[:2] == b"\xff\xd8":
                stream.seek(2)
                return _jpeg_size(stream)
    except (OSError, struct.error, IndexError, ValueError):  # a truncated or odd file
        return None
    return None


def _positive(size: tuple[int, int]) -> tuple[int, int] | None:
    return size if size[0] > 0 and size[1] > 0 else None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return _positive((width, height))
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return _positive((width & 0x3FFF, height & 0x3FFF))
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        bits = int.from_bytes(head[21:25], "little")
        return _positive(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
    return None


# JPEG "start of frame" markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


_MAX_FILL_BYTES = 64  # a file of 0xFF bytes would otherwise be read one byte at a time


def _jpeg_size(stream: Any) -> tuple[int, int] | None:
    for _ in range(1000):  # a real header has a few dozen segments at most
        marker = stream.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        fill = 0
        while kind == 0xFF:  # fill bytes: a few at most in a real file
            fill += 1
            if fill > _MAX_FILL_BYTES:
                return None
            kind = stream.read(1)[0]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
            continue  # markers without a length
        length = struct.unpack(">H", stream.read(2))[0]
        if kind in _SOF:
            _precision, height, width = struct.unpack(">BHH", stream.read(5))
            return _positive((width, height))
        if kind == 0xDA or length < 2:
            return None  # start of scan before any frame header
        stream.seek(length - 2, os.SEEK_CUR)
    return None


class FigureTreeprocessor(Treeprocessor):
    """Turn captioned images into figures and give every image lazy loading and a size."""

    def __init__(self, md: Markdown, base_dir: str, credit_labels: tuple[str, ...] = ()) -> None:
        super().__init__(md)
        self.base_dir = base_dir
        self.credit_labels = credit_labels or packaged_labels()

    def run(self, root: etree.Element) -> None:
        page_dir, docs_dir = self._folders()
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "figure":
                    _normalize_caption_block(child)
                elif child.tag == "p" and _lone_image(child) is not None:
                    image = _lone_image(child)
                    if image is not None and image.get("title", "").strip():
                        parent.remove(child)
                        parent.insert(index, _figure_from_title(child, image))
        for caption in root.iter("figcaption"):
            _mark_credit(caption, self.credit_labels)
        _link_photos(root)
        for image in root.iter("img"):
            image.set("loading", "lazy")
            if page_dir and not (image.get("width") or image.get("height")):
                size = _local_size(image.get("src", ""), page_dir, docs_dir)
                if size:
                    image.set("width", str(size[0]))
                    image.set("height", str(size[1]))

    def _folders(self) -> tuple[str | None, str | None]:
        """The page's folder and docs_dir: from the extension config, or from MkDocs.

        MkDocs registers a ``relpath`` treeprocessor that knows the page being
        rendered; reading its ``file`` spares MkDocs-specific configuration.
        """
        if self.base_dir:
            return self.base_dir, self.base_dir
        relpath = self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None
        source = getattr(getattr(relpath, "file", None), "abs_src_path", None)
        if not source:
            return None, None
        config = getattr(relpath, "config", None)
        docs_dir = config.get("docs_dir") if hasattr(config, "get") else None
        return os.path.dirname(source), docs_dir


def _lone_image(paragraph: etree.Element) -> etree.Element | None:
    """The image a paragraph holds alone (possibly inside a link), else None."""
    if (paragraph.text or "").strip() or len(paragraph) != 1:
        return None
    child = paragraph[0]
    if (child.tail or "").strip():
        return None
    if child.tag == "img":
        return child
    if child.tag == "a" and len(child) == 1 and not (child.text or "").strip() \
            and child[0].tag == "img" and not (child[0].tail or "").strip():
        return child[0]
    return None


def _figure_from_title(paragraph: etree.Element, image: etree.Element) -> etree.Element:
    figure = etree.Element("figure", {"class": FIGURE_CLASS})
    caption_text = " ".join(image.attrib.pop("title").split())
    content = paragraph[0]
    content.tail = None
    figure.append(content)
    caption = etree.SubElement(figure, "figcaption")
    caption.text = caption_text
    figure.tail = paragraph.tail
    return figure


def _normalize_caption_block(figure: etree.Element) -> None:
    """pymdownx's caption block: unwrap ``<p><img></p>`` and ``<figcaption><p>…</p>``."""
    captions = [child for child in figure if child.tag == "figcaption"]
    if not captions:
        return
    for index, child in enumerate(list(figure)):
        if child.tag == "p" and _lone_image(child) is not None:
            image = child[0]
            image.tail = None
            figure.remove(child)
            figure.insert(index, image)
            for img in image.iter("img"):
                img.attrib.pop("title", None)  # the caption block is the caption
    for caption in captions:
        if len(caption) == 1 and caption[0].tag == "p" and not (caption.text or "").strip():
            paragraph = caption[0]
            caption.remove(paragraph)
            caption.text = paragraph.text
            for node in list(paragraph):
                caption.append(node)
    if _has_image(figure):
        classes = figure.get("class", "").split()
        if FIGURE_CLASS not in classes:
            figure.set("class", " ".join([*classes, FIGURE_CLASS]))


def _mark_credit(caption: etree.Element, labels: tuple[str, ...]) -> None:
    """The credit at the end of a caption ("… Ảnh: Nguyễn Văn Đức") in its own ``<small>``."""
    last = caption[-1] if len(caption) else None
    text = (last.tail if last is not None else caption.text) or ""
    rest, credit = split_credit(text, labels)
    if credit is None or (last is not None and last.tag == "small"):
        return
    small = etree.SubElement(caption, "small")
    small.text = credit.text
    if last is not None:
        last.tail = rest + " " if rest else None
    else:
        caption.text = rest + " " if rest else None


def _link_photos(root: etree.Element) -> None:
    """Each photo of the site shown alone or in a figure links to its file: the full-size
    view works without JavaScript (overrides/assets/js/photo-viewer.js opens it in place)."""
    for parent in list(root.iter()):
        if parent.tag not in {"figure", "p"}:
            continue
        for index, child in enumerate(list(parent)):
            alone = parent.tag == "figure" or _lone_image(parent) is child
            src = child.get("src", "") if child.tag == "img" and alone else ""
            if not src or not _is_relative(src):
                continue
            link = etree.Element("a", {"href": src})
            link.tail, child.tail = child.tail, None
            parent.remove(child)
            link.append(child)
            parent.insert(index, link)


def _is_relative(src: str) -> bool:
    """A path in the site (a file beside the article), not another site's address; an
    address Python cannot even split ('http://[') is not ours either."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return False
    return not (parts.scheme or parts.netloc)


def _has_image(figure: etree.Element) -> bool:
    return any(child.tag == "img" or child.find("img") is not None for child in figure)


def _local_size(src: str, page_dir: str, docs_dir: str | None) -> tuple[int, int] | None:
    """Size of a photo published with the page; remote or outside-docs images are not read."""
    if not _is_relative(src):
        return None
    parts = urlsplit(src)
    if not parts.path:
        return None
    rel = unquote(parts.path)
    root = os.path.realpath(docs_dir or page_dir)
    target = os.path.join(root, rel.lstrip("/")) if rel.startswith("/") else os.path.join(page_dir, rel)
    target = os.path.realpath(target)
    if os.path.commonpath([root, target]) != root:
        return None
    return image_size(Path(target))


class FigureExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "base_dir": ["", "Folder that image paths are relative to (default: the page's own, "
                             "read from MkDocs while it renders)"],
            "credit_labels": [[], "Words that start a photo credit at the end of a caption "
                                  "(default: the packaged languages' photo_credit)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        # After inline images (20) and attr_list (8); before MkDocs rewrites paths (relpath, 0).
        labels = tuple(self.getConfig("credit_labels") or ())
        md.treeprocessors.register(FigureTreeprocessor(md, self.getConfig("base_dir"), labels),
                                   "toasoan-figures", 5)


def makeExtension(**kwargs: Any) -> FigureExtension:  # noqa: N802 (Python-Markdown API)
    return FigureExtension(**kwargs)
