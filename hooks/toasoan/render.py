"""Render Markdown as the build does, and find where in the source a rendered problem is.

The build renders with MkDocs; ``toasoan check`` renders here, with the same Markdown
extensions (MkDocs always adds ``toc``, ``tables`` and ``fenced_code`` to those of
mkdocs.yml), so that both refuse the same articles: the allow-list
(:mod:`toasoan.allowlist`) is applied to what the renderer really produced.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import markdown

from .allowlist import Violation

# MkDocs' markdown_extensions option always includes these (mkdocs/config/defaults.py).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class RenderError(ValueError):
    """The Markdown could not be rendered; the message is for an editor."""


@dataclass(frozen=True)
class PythonName:
    """A ``!!python/name:module.attr`` value of mkdocs.yml, kept as text."""

    dotted: str


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions of a site and their options, as MkDocs would load them."""

    extensions: tuple[str, ...] = BUILTIN_EXTENSIONS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, entries: object) -> MarkdownSetup:
        """From the ``markdown_extensions`` list of mkdocs.yml (names, or {name: options})."""
        names: list[str] = list(BUILTIN_EXTENSIONS)
        configs: dict[str, dict[str, Any]] = {}
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str):
                name, options = entry, {}
            elif isinstance(entry, dict) and len(entry) == 1:
                ((name, options),) = entry.items()
                options = options if isinstance(options, dict) else {}
            else:
                continue
            if name not in names:
                names.append(name)
            resolved = {key: _resolve(value) for key, value in options.items()}
            configs[name] = {key: value for key, value in resolved.items() if value is not None}
        return cls(tuple(names), configs)


def _resolve(value: object) -> object:
    """``!!python/name:`` values: our own functions are loaded, anything else is dropped."""
    if not isinstance(value, PythonName):
        return value
    module, _, attribute = value.dotted.rpartition(".")
    if not module.startswith("toasoan.") and module != "toasoan":
        return None
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        return None


class Renderer:
    """One Markdown instance, reset between documents (creating one per page is slow).

    A conversion that fails part-way leaves the instance in a state ``reset()`` does not
    undo (the block parser's state stack kept 496 "list" entries after a RecursionError, and
    every later document was parsed as if inside a list: a raw ``<img onerror>`` came out
    as code in ``toasoan check`` and as HTML in the build). After a failure the instance is
    replaced, so each document is rendered as MkDocs renders it, by a fresh parser.
    """

    def __init__(self, setup: MarkdownSetup | None = None) -> None:
        self._setup = setup or MarkdownSetup()
        self._md = self._new()

    def _new(self) -> markdown.Markdown:
        setup = self._setup
        try:
            return markdown.Markdown(extensions=list(setup.extensions),
                                     extension_configs={k: dict(v) for k, v in setup.configs.items()})
        except (ImportError, TypeError, ValueError, KeyError) as exc:
            raise RenderError(f"mkdocs.yml: markdown_extensions: cannot be loaded: {exc}") from None

    def render(self, text: str) -> str:
        """The HTML of ``text``; RenderError when Markdown cannot render it."""
        self._md.reset()
        try:
            return self._md.convert(text)
        except RecursionError:
            self._md = self._new()
            raise RenderError("the text is nested too deeply to be rendered (lists, quotes or "
                              "HTML blocks inside each other); simplify it") from None
        except BaseException:
            self._md = self._new()
            raise


# Where Markdown syntax, not a tag, makes an element: looked for when no tag is written.
_MARKDOWN_SYNTAX = {"a": ("](", "]["), "img": ("![",), "h1": ("#",), "h2": ("##",), "h3": ("###",),
                    "blockquote": (">",), "code": ("`",), "pre": ("```", "~~~")}


def _needles(violation: Violation) -> list[str | re.Pattern[str]]:
    """What to look for in the Markdown, most precise first."""
    needles: list[str | re.Pattern[str]] = []
    value = (violation.value or "").lower()
    attribute = (violation.attribute or "").lower()
    if attribute and value.strip():
        needles += [f'{attribute}="{value}"', f"{attribute}='{value}'", f"{attribute}={value}"]
    if len(value.strip()) >= 3:  # "1" or "x" would be found anywhere
        needles.append(value)
        words = value.split()
        if len(words) > 1:  # Markdown turned a tab into spaces, or joined lines
            needles.append(re.compile(r"\s+".join(re.escape(word) for word in words)))
        if len(value) >= 12:  # entities decoded by the parser: the end is still as written
            needles.append(value[-12:])
    if attribute:
        needles += [f"{attribute}=", f"{attribute} =", attribute]
    element = violation.element.lower()
    needles.append(f"<{element}")
    needles += _MARKDOWN_SYNTAX.get(element, ())
    return needles


def locate(violation: Violation, source: str, first_line: int = 1, *,
           lowered: str | None = None) -> int | None:
    """The file line where ``violation`` was written in the Markdown ``source``, if found.

    Looked for, in order: the offending URL or attribute value (also with its spaces as
    Markdown changed them, or its end where entities were decoded), the attribute (as
    ``name=``, as in an attribute list, or alone), the element's opening tag, the Markdown
    syntax that makes such an element.
    """
    lowered = source.lower() if lowered is None else lowered
    for needle in _needles(violation):
        if isinstance(needle, str):
            if not needle.strip():
                continue
            found = lowered.find(needle)
        else:
            match = needle.search(lowered)
            found = match.start() if match else -1
        if found >= 0:
            return first_line + source.count("\n", 0, found)
    return None


MAX_FINDINGS = 100  # listed for one text; the rest are counted


def findings(violations: Iterable[Violation], source: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each violation, at its line in ``source`` (or, when it cannot be
    found, the first line of text); after :data:`MAX_FINDINGS`, one line counts the rest."""
    found: dict[tuple[int, str], None] = {}
    first_text = first_line + len(source) - len(source.lstrip("\n")) if source.strip() else first_line
    lowered = source.lower()
    more = 0
    for violation in violations:
        if len(found) >= MAX_FINDINGS:
            more += 1
            continue
        line = locate(violation, source, first_line, lowered=lowered)
        message = str(violation)
        if line is None:
            line = first_text
            message += " (written somewhere in the text)"
        found.setdefault((line, _editor_message(message)), None)
    listed = sorted(found)
    if more:
        listed.append((listed[-1][0], f"... and {more:,} more problems like the above in this text"))
    return listed


def _editor_message(message: str) -> str:
    return re.sub(r" \((article|page) allow-list\)$", " in an article (the HTML an article may "
                  "use is listed in ALLOWED_HTML.md)", message)
