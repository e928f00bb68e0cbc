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


MAX_SLUG = 80  # characters of an address segment made from a title (file systems allow 255 bytes)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def short_slug(slug: str, limit: int = MAX_SLUG) -> str:
    """``slug`` cut at a word boundary to at most ``limit`` characters."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1].rsplit("-", 1)[0]
    return cut if cut else slug[:limit]


def slug_problem(value: object) -> str | None:
    """Why ``value`` cannot be the last segment of an address (``slug:``), or None.

    A slug is what :func:`slugify` makes: lowercase a-z, digits and single hyphens,
    at most :data:`MAX_SLUG` characters. The build and ``toasoan translate --slug``
    both ask here."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if isinstance(value, str) and _SLUG.fullmatch(value) and len(value) <= MAX_SLUG:
        return None
    suggestion = short_slug(slugify(text)) or "a-short-slug"
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return (f'slug "{value}" is {len(value)} characters, over the limit of {MAX_SLUG}; '
                f'shorten it, e.g. "{short_slug(value)}"')
    return (f'slug "{text}" is not a web address slug: use lowercase letters a-z without '
            f'accents, digits and single hyphens, e.g. "{suggestion}"')
