"""One slug function for the whole project (URLs, bundles, anchors)."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into base letter + mark.
_NON_DECOMPOSING = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O",
                                  "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                  "ł": "l", "Ł": "L", "ı": "i"})
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Strip Vietnamese tone and vowel marks: 'Đà Nẵng' -> 'Da Nang'."""
    text = unicodedata.normalize("NFD", text.translate(_NON_DECOMPOSING))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text)


def slugify(text: str, separator: str = "-") -> str:
    """Vietnamese-aware slug: 'Trần Thị Đào' -> 'tran-thi-dao', 'Đô thị' -> 'do-thi'.

    Returns an empty string when nothing sluggable remains; callers decide
    what to do with that (an error for an editor, a fallback for a heading).
    """
    slug = _SEPARATORS.sub(" ", fold(text).lower()).split()
    return separator.join(slug)


def slugify_heading(value: str, separator: str = "-", **_options: object) -> str:
    """`toc` extension slugify hook: heading anchors that keep 'đ' as 'd'."""
    return slugify(value, separator) or "section"
