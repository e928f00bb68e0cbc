"""An article file as the CMS sees it, and the field-level merge that writes it back.

The CMS never receives or sends Markdown files: it gets a *view* of each file, a
JSON object with one value per edited field (``title``, ``date``, ``author`` as a
list, ``categories`` as labels of the site's main language, ``body``...), and
sends a view back. :func:`merge` then rewrites, in the file on disk, only the
front-matter lines of the fields whose value changed, and the body only if the
text changed: every other byte (quotes, comments, key order, line ends, a BOM,
fields the CMS does not know) stays as it was. :func:`compose` writes a new file
in the form ``toasoan new`` uses.

Values are compared as the build reads them: ``2026-03-14 08:30`` and
``2026-03-14T08:30:00+07:00`` are the same date, ``author: Lê Minh`` and
``author: [Lê Minh]`` the same author.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .. import frontmatter
from ..config import NewsSettings
from ..dates import DateError, parse_date
from ..editor import DATE_FORMAT, PENDING, Plain, Verbatim, front_matter, yaml_text
from .schema import ArticleField, article_fields, edited_fields

BODY = "body"
# Same delimiters as MkDocs and toasoan.frontmatter: the block the build reads.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_EDITOR_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")


class DocumentError(ValueError):
    """The file cannot be read as an article; ``line`` is 1-based."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Parsed:
    """A file split into lines (ends kept), with where each front-matter field is."""

    lines: list[str]
    bom: bool
    newline: str
    document: frontmatter.FrontMatter
    normalized: str

    @functools.cached_property
    def _layout(self) -> tuple[dict[str, tuple[int, int]], int]:
        return _spans(self.normalized, self.lines)

    @property
    def spans(self) -> dict[str, tuple[int, int]]:
        """Field -> (first, last + 1) line index (computed when a merge needs it)."""
        return self._layout[0]

    @property
    def closing(self) -> int:
        """Index of the closing '---' line."""
        return self._layout[1]

    @property
    def body_start(self) -> int:
        return self.closing + 1


def read(data: bytes) -> Parsed:
    """Split an article file; DocumentError if the build could not read it either."""
    try:
        document = frontmatter.parse(frontmatter.decode(data))
    except frontmatter.FrontMatterError as exc:
        raise DocumentError(exc.line, exc.message) from None
    if not document.present:
        raise DocumentError(1, "no front matter: an article starts with a '---' line")
    text = data.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    lines = _LINE.findall(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    return Parsed(lines, bom, newline, document, frontmatter.normalize_text(text))


def _spans(normalized: str, lines: list[str]) -> tuple[dict[str, tuple[int, int]], int]:
    match = _FRONT_MATTER.match(normalized)
    assert match is not None  # frontmatter.parse found it
    closing = match.group(0).count("\n") - 1
    root = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    spans: dict[str, tuple[int, int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return spans, closing
    for key_node, value_node in root.value:
        first = 1 + key_node.start_mark.line
        end = value_node.end_mark
        last = 1 + (end.line if end.column > 0 else end.line - 1)
        # A block list ends where the next key starts: comments and blank lines
        # between them are not part of it.
        while last > first and (not lines[last].strip() or lines[last].startswith("#")):
            last -= 1
        spans[str(key_node.value)] = (first, min(last, closing - 1) + 1)
    return spans, closing


# --------------------------------------------------------------------------- view


def view(parsed: Parsed, lang: str, settings: NewsSettings) -> dict[str, Any]:
    """What the CMS shows of a file: one plain JSON value per edited field, and the body."""
    fields = parsed.document.fields
    shown: dict[str, Any] = {}
    for spec in edited_fields():
        entry = fields.get(spec.name)
        shown[spec.name] = _view_value(spec, entry, lang, settings)
    shown[BODY] = _body_text(parsed.document.body)
    return shown


def _view_value(spec: ArticleField, entry: frontmatter.Field | None, lang: str,
                settings: NewsSettings) -> Any:
    value = None if entry is None else entry.value
    if spec.kind == "flag":
        return value is True
    if spec.kind in ("names", "labels"):
        if value is None:
            return []
        items = _texts(value)
        if items is None:  # not text (a number...): shown as typed, the check will say why
            return [_raw(entry)]
        main = settings.default_language.code
        if spec.name == "categories" and lang != main:  # tags are free words
            items = tuple(settings.counterpart(x, lang, main) or x for x in items)
        return list(items)
    if spec.kind == "date":
        if value is None:
            return ""
        try:
            return parse_date(value, settings.tz).astimezone(settings.tz).strftime(DATE_FORMAT)
        except DateError:
            return _raw(entry)
    if value is None:
        return ""
    return value if isinstance(value, str) else _raw(entry)


def _raw(entry: frontmatter.Field | None) -> str:
    if entry is None:
        return ""
    return entry.raw if entry.raw else str(entry.value)


def _body_text(body: str) -> str:
    return body.strip("\n").rstrip()


def _texts(value: Any) -> tuple[str, ...] | None:
    """A text or a list of texts as a tuple of names; None if something is not text."""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        return None
    return tuple(n for n in (_clean(item) for item in items) if n)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# ---------------------------------------------------------------- view -> values


def wanted(shown: Mapping[str, Any], lang: str, settings: NewsSettings) -> dict[str, Any]:
    """The field values (as they will be written) that a view sent by the CMS asks for.

    Empty values mean "no such line"; unknown keys are ignored.
    """
    values: dict[str, Any] = {}
    for spec in edited_fields():
        raw = shown.get(spec.name)
        values[spec.name] = _wanted_value(spec, raw, lang, settings)
    body = shown.get(BODY)
    values[BODY] = body if isinstance(body, str) else ""
    return values


def _wanted_value(spec: ArticleField, raw: Any, lang: str, settings: NewsSettings) -> Any:
    if spec.kind == "flag":
        return raw is True or raw == "true"
    if spec.kind in ("names", "labels"):
        items = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
        names = [_clean(str(item)) for item in items if item is not None]
        names = [n for n in dict.fromkeys(names) if n]
        if spec.name == "categories":  # paired labels; tags are free words
            main = settings.default_language.code
            names = [settings.counterpart(x, main, lang) or x if lang != main else x
                     for x in names]
            names = list(dict.fromkeys(names))
        return names
    if spec.kind == "pending":
        return PENDING if raw == PENDING else ""
    if raw is None:
        return ""
    return unicodedata.normalize("NFC", str(raw)).strip()


# ------------------------------------------------------------------------- merge


def merge(data: bytes, values: Mapping[str, Any], settings: NewsSettings) -> bytes:
    """The file with only the changed fields (and body, if changed) rewritten."""
    parsed = read(data)
    fields = parsed.document.fields
    lines = list(parsed.lines)
    nl = parsed.newline
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement), original indexes
    order = [f.name for f in article_fields()]
    for spec in edited_fields():
        value = values.get(spec.name)
        entry = fields.get(spec.name)
        if _same(spec, entry, value, settings):
            continue
        new = [f"{spec.name}: {_yaml(spec, value)}{nl}"] if not _empty(spec, value) else []
        span = parsed.spans.get(spec.name)
        if span is not None:
            edits.append((span[0], span[1], new))
            continue
        if not new:
            continue
        at = _insertion_point(spec.name, order, parsed)
        edits.append((at, at, new))
        hint = _hint_line(spec.name, lines, parsed.closing)
        if hint is not None:
            edits.append((hint, hint + 1, []))
    body = values.get(BODY)
    if isinstance(body, str) and _body_text(_normal(body)) != _body_text(parsed.document.body):
        edits.append((parsed.body_start, len(lines), _body_lines(body, nl)))
    if not edits:
        return data
    # From the bottom up, so that indexes stay valid; insertions at one point keep
    # the contract's order.
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for _, (start, end, new) in ordered:
        lines[start:end] = new
    text = "".join(lines)
    return (("\ufeff" if parsed.bom else "") + text).encode("utf-8")


def compose(values: Mapping[str, Any], lang: str) -> bytes:
    """A new article file, front matter in the contract's order (as ``toasoan new``)."""
    fields: dict[str, object] = {}
    for spec in article_fields():
        if spec.kind == "language":
            fields[spec.name] = Plain(lang)
        elif spec.kind is not None and not _empty(spec, values.get(spec.name)):
            fields[spec.name] = _written(spec, values[spec.name])
    body = values.get(BODY) if isinstance(values.get(BODY), str) else ""
    text = front_matter(fields) + "".join(_body_lines(body or "", "\n"))
    return unicodedata.normalize("NFC", text).encode("utf-8")


def _body_lines(body: str, nl: str) -> list[str]:
    text = _body_text(_normal(body))
    if not text:
        return [nl]
    return [nl] + [line + nl for line in text.split("\n")]


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _empty(spec: ArticleField, value: Any) -> bool:
    return value in (None, "", [], False)


def _same(spec: ArticleField, entry: frontmatter.Field | None, value: Any,
          settings: NewsSettings) -> bool:
    """Whether the file already says ``value`` for the field (as the build reads it)."""
    current = None if entry is None else entry.value
    if _empty(spec, value):
        return entry is None or current in (None, "", [], False)
    if entry is None:
        return False
    if spec.kind == "flag":
        return current is value
    if spec.kind in ("names", "labels"):
        return _texts(current) == tuple(value)
    if spec.kind == "date":
        try:
            return parse_date(current, settings.tz) == parse_date(value, settings.tz)
        except DateError:
            return _raw(entry).strip() == value
    if not isinstance(current, str):
        return False
    if spec.kind == "text":
        return _clean(current) == _clean(value)
    return current.strip() == value


def _written(spec: ArticleField, value: Any) -> object:
    """A value as :func:`toasoan.editor.yaml_text` should write it (as ``toasoan new`` does)."""
    if spec.kind == "flag":
        return True
    if spec.kind == "names":
        return value[0] if len(value) == 1 else list(value)
    if spec.kind == "labels":
        return list(value)
    if spec.kind == "date":
        return Verbatim(value) if _EDITOR_DATE.match(value) else value
    if spec.kind == "pending":
        return Plain(value)
    return value


def _yaml(spec: ArticleField, value: Any) -> str:
    return yaml_text(_written(spec, value))


def _insertion_point(name: str, order: Sequence[str], parsed: Parsed) -> int:
    """After the nearest field that comes before ``name`` in the contract, else first."""
    before = order[: order.index(name)] if name in order else order
    ends = [parsed.spans[key][1] for key in before if key in parsed.spans]
    if ends:
        return max(ends)
    starts = [span[0] for span in parsed.spans.values()]
    return min(starts) if starts else parsed.closing


def _hint_line(name: str, lines: list[str], closing: int) -> int | None:
    """The commented-out example ``toasoan new`` leaves for a field (``# lead: ...``)."""
    for index in range(1, closing):
        if lines[index].startswith(f"# {name}: "):
            return index
    return None
