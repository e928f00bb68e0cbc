"""The article fields the desk edits, read from the validator's own list.

:func:`article_fields` is the only place the desk learns which front-matter
fields an article has and which are required: it reads :mod:`toasoan.schema`, so a
new field of the contract reaches the CMS configuration and the backend from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema

# Fields the desk never offers in its form: they are kept as they are in the file.
# translation_of is written by ``toasoan translate`` and names the original's language;
# slug and aliases are addresses (changed with ``toasoan move``), corrections a list the
# CMS's widgets do not edit here.
LEFT_ALONE = frozenset({"translation_of", "slug", "aliases", "corrections"})


@dataclass(frozen=True)
class ArticleField:
    """One front-matter field of the content contract, as the desk edits it.

    ``kind`` is the schema's kind (toasoan.schema: text, date, names, labels, language,
    photo, flag, pending), which decides the CMS widget and how a value is compared with
    the file and written; None: the desk leaves the field alone.
    """

    name: str
    required: bool
    kind: str | None


def article_fields() -> tuple[ArticleField, ...]:
    """Every article field, in the contract's order, with whether the build requires it."""
    return tuple(ArticleField(spec.name, spec.required,
                              None if spec.name in LEFT_ALONE else spec.kind)
                 for spec in schema.ARTICLE_FIELDS)


def edited_fields() -> tuple[ArticleField, ...]:
    """The fields the editor types in the CMS (all but those the desk derives)."""
    return tuple(f for f in article_fields() if f.kind not in (None, "language"))
