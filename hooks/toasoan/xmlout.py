"""Small helpers for the XML the site writes (feeds, sitemaps): ElementTree escapes.

ElementTree escapes markup but writes control characters as they are, which makes the
whole file malformed XML (one ESC in one lead broke every feed reader). Content
validation refuses them at their line; this is the last guard: text XML cannot carry
raises :class:`XmlTextError` instead of writing a broken file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 does not allow (C0 controls but tab and line ends, lone
# surrogates, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class XmlTextError(ValueError):
    """Text that XML cannot carry; the message shows the start of the text."""


def xml_text(text: str) -> str:
    """``text`` unchanged if XML can carry it; XmlTextError naming the character if not."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise XmlTextError(f"{text[:60]!r} holds the control character "
                           f"U+{ord(bad.group(0)):04X}, which XML cannot carry")
    return text


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element with optional text and attributes."""
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def serialize(root: ET.Element) -> bytes:
    """UTF-8 bytes with an XML declaration, indented, ending in a newline."""
    for element in root.iter():
        for value in (element.text, element.tail, *element.attrib.values()):
            if value:
                xml_text(value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
