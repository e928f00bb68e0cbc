"""The article fields the desk edits, read from the validator's own list.

:func:`article_fields` is the only place the desk learns which front-matter
fields an article has and which are required; point it at the field schema
module when there is one, and the CMS configuration and the backend follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import content

# How the desk edits each field: the kind decides the CMS widget, how a value is
# compared with the file and how it is written. A field of the contract without a
# kind here is not shown in the CMS and is always kept as it is in the file.
KINDS = {
    "title": "text",
    "date": "date",
    "author": "names",
    "language": "language",  # never typed: it follows the file name (index.<lang>.md)
    "categories": "labels",
    "lead": "text",
    "image": "photo",
    "draft": "flag",
    "pin": "flag",
    "updated": "date",
    "translation": "pending",
}


@dataclass(frozen=True)
class ArticleField:
    """One front-matter field of the content contract."""

    name: str
    required: bool
    kind: str | None  # see KINDS; None: the desk leaves it alone


def article_fields() -> tuple[ArticleField, ...]:
    """Every article field, in the contract's order, with whether the build requires it."""
    return tuple(ArticleField(name, name in content.REQUIRED_FIELDS, KINDS.get(name))
                 for name in content.ARTICLE_FIELDS)


def edited_fields() -> tuple[ArticleField, ...]:
    """The fields the editor types in the CMS (all but those the desk derives)."""
    return tuple(f for f in article_fields() if f.kind not in (None, "language"))
