"""Read the YAML front matter of a Markdown file strictly, with line numbers.

MkDocs' own reader swallows YAML errors and publishes the block as text. This one
fails with the line of the real fault, refuses aliases (the "billion laughs"),
deep nesting and duplicate keys, and does not turn dates into Python objects:
dates are read by :mod:`toasoan.dates` so that every form gets the same message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Same delimiters as MkDocs (mkdocs/utils/meta.py): what we validate is what it reads.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_OPENING = re.compile(r"^-{3}[ \t]*\n")
_EMPTY = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*(?:\n|$)")  # no line between the two

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 8

_OPENED = {
    "while parsing a flow sequence": "a [ list",
    "while parsing a flow mapping": "a { mapping",
    "while scanning a quoted scalar": "a quoted text",
}


class FrontMatterError(ValueError):
    """A problem an editor can fix; ``line`` is 1-based in the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without implicit timestamps (dates stay text for our own parser)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Field:
    """One top-level front-matter entry: its value, line and the text as typed."""

    value: Any
    line: int
    raw: str = ""
    items: tuple[int, ...] = ()  # the line of each item, when the value is a list
    # An unquoted value followed on its line by " #...": YAML reads that as a comment and
    # drops it. ``typed`` is then the whole value as typed, comment included.
    dropped: str = ""
    typed: str = ""


@dataclass
class FrontMatter:
    fields: dict[str, Field] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line where the body starts
    present: bool = False

    def value(self, key: str, default: Any = None) -> Any:
        entry = self.fields.get(key)
        return default if entry is None else entry.value

    def line(self, key: str, default: int = 1) -> int:
        entry = self.fields.get(key)
        return default if entry is None else entry.line


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no BOM: what every later step (and search) expects."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes) -> str:
    """Decode a Markdown file's bytes, or raise FrontMatterError (line 1) saying why."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FrontMatterError(1, "file is saved as UTF-16; save it as UTF-8")
    try:
        return normalize_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def _check_events(text: str, first_line: int) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = first_line + event.start_mark.line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterError(
                line, "YAML anchors and aliases (& and *) are not allowed in front matter"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(line, f"front matter is nested more than {MAX_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _construct(loader: Any, node: yaml.Node, first_line: int) -> None:
    """Check the keys of the top-level mapping: plain words, each given once."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = _value(loader, key_node, first_line)
            line = first_line + key_node.start_mark.line
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise FrontMatterError(line, "a front-matter key must be a plain word")
            if key in seen:
                raise FrontMatterError(
                    line, f'"{key}" is given twice (first on line {seen[key]}); keep one'
                )
            seen[key] = line


def parse(text: str) -> FrontMatter:
    """Split and read front matter from normalized text (see :func:`normalize_text`)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if _EMPTY.match(text):
            raise FrontMatterError(
                1, "front matter is empty: write title:, date:, author: and language: "
                   "between the two '---' lines"
            )
        if _FRONT_MATTER.match(text + "\n"):  # MkDocs, too, needs the line break to see it
            raise FrontMatterError(
                text.count("\n") + 1, "the closing '---' line is the last of the file, with no "
                "line break after it: add one (press Enter at the end of the line)"
            )
        if _OPENING.match(text):
            raise FrontMatterError(
                1, "front matter opened with '---' is never closed with a '---' line"
            )
        return FrontMatter(body=text, body_line=1, present=False)
    source = match.group(1)
    body_line = match.group(0).count("\n") + 1
    if len(source) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(2, f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters")
    first_line = 2  # YAML starts on the line after '---'
    try:
        _check_events(source, first_line)
        loader = _Loader(source)
        try:
            root = loader.get_single_node()
            if root is None:
                return FrontMatter(body=text[match.end():], body_line=body_line, present=True)
            if not isinstance(root, yaml.MappingNode):
                raise FrontMatterError(
                    first_line + root.start_mark.line,
                    "front matter must be 'key: value' lines (title:, date:, author: ...)",
                )
            fields: dict[str, Field] = {}
            lines = source.split("\n")
            _construct(loader, root, first_line)
            for key_node, value_node in root.value:
                key = str(_value(loader, key_node, first_line))
                value = _value(loader, value_node, first_line)
                raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else ""
                items = tuple(first_line + item.start_mark.line for item in value_node.value) \
                    if isinstance(value_node, yaml.SequenceNode) else ()
                dropped, typed = _comment_after(lines, value_node)
                fields[key] = Field(value, first_line + key_node.start_mark.line, raw, items,
                                    dropped, typed)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "unreadable"
        # An unclosed quote or bracket is noticed lines later, where YAML gives up:
        # point at the line where it was opened.
        if exc.context in _OPENED and exc.context_mark is not None:
            mark = exc.context_mark
            problem = f"{_OPENED[exc.context]} opened here is never closed ({problem})"
        line_index = mark.line if mark else 0
        hint = _quote_hint(source.split("\n"), line_index, problem)
        raise FrontMatterError(first_line + line_index,
                               f"front matter is not valid YAML: {problem}{hint}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"front matter is not valid YAML: {exc}") from None
    except RecursionError:
        raise FrontMatterError(first_line, "front matter is nested too deeply") from None
    except _ValueProblem as exc:
        raise FrontMatterError(exc.line, exc.message) from None
    return FrontMatter(fields, text[match.end():], body_line, True)


def _comment_after(lines: list[str], node: yaml.Node) -> tuple[str, str]:
    """The comment YAML drops after an unquoted one-line value (``title: Đội #1 thắng``
    reads "Đội"), and the value as typed; ("", "") when there is none."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):  # plain only
        return "", ""
    start, end = node.start_mark, node.end_mark
    if start.line != end.line or end.line >= len(lines):
        return "", ""
    line = lines[end.line]
    rest = line[end.column:].strip()
    if not rest.startswith("#"):
        return "", ""
    return rest, line[start.column:].strip()


_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\"'\[{|>].*?)[ \t]*$")


def _quote_hint(lines: list[str], index: int, problem: str) -> str:
    """For the classic mistake, an unquoted value holding ': ' (title: Sông Lam: lũ lên), the
    fixed line to write instead."""
    if "mapping values are not allowed" not in problem or not 0 <= index < len(lines):
        return ""
    match = _KEY_LINE.match(lines[index])
    if match is None:
        return ""
    return (f'; a value that contains ": " must be put in double quotes: '
            f'{match.group("key")}: {quoted(match.group("value"))}')


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted value, for the corrected lines messages show."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'



class _ValueProblem(Exception):
    """A YAML value that parses but cannot be made into a value (``!!int abc``)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _value(loader: Any, node: yaml.Node, first_line: int) -> Any:
    """Construct one value; explicit tags that fail (``!!int abc``, ``!!timestamp
    2025-02-29``, a number of 5,000 digits) become an editor's error at their line."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, TypeError, ArithmeticError, LookupError,
            AttributeError) as exc:
        line = first_line + node.start_mark.line
        shown = node.value if isinstance(node, yaml.ScalarNode) else ""
        tag = node.tag.rsplit(":", 1)[-1] if node.tag else ""
        detail = f"{tag} {shown[:40]!r}" if shown else tag
        reason = str(exc).split("\n")[0][:80]
        raise _ValueProblem(line, f"front matter value {detail} cannot be read ({reason}); "
                                  "write plain text in double quotes") from None
