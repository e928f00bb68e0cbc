"""Small helpers for the XML the site writes (feeds, sitemaps): ElementTree escapes."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element with optional text and attributes."""
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def serialize(root: ET.Element) -> bytes:
    """UTF-8 bytes with an XML declaration, indented, ending in a newline."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
