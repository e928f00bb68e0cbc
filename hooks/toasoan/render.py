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
    """One Markdown instance, reset between documents (creating one per page is slow)."""

    def __init__(self, setup: MarkdownSetup | None = None) -> None:
        setup = setup or MarkdownSetup()
        try:
            self._md = markdown.Markdown(extensions=list(setup.extensions),
                                         extension_configs={k: dict(v) for k, v in setup.configs.items()})
        except (ImportError, TypeError, ValueError, KeyError) as exc:
            raise RenderError(f"mkdocs.yml: markdown_extensions: cannot be loaded: {exc}") from None

    def render(self, text: str) -> str:
        """The HTML of ``text``; RenderError when Markdown cannot render it."""
        self._md.reset()
        try:
            return self._md.convert(text)
        except RecursionError:
            raise RenderError("the text is nested too deeply to be rendered (lists, quotes or "
                              "HTML blocks inside each other); simplify it") from None


_TAG_OPEN = "<{name}"


def locate(violation: Violation, source: str, first_line: int = 1) -> int | None:
    """The file line where ``violation`` was written in the Markdown ``source``, if found.

    Looked for, in order: the offending URL or attribute value, the attribute name as
    HTML (``name=``) or in an attribute list (``{name=``), then the element's opening tag.
    """
    lowered = source.lower()
    needles: list[str] = []
    if violation.value:
        needles.append(violation.value.lower())
    if violation.attribute:
        needles += [f"{violation.attribute.lower()}=", f"{violation.attribute.lower()} ="]
    needles.append(_TAG_OPEN.format(name=violation.element.lower()))
    for needle in needles:
        if not needle.strip():
            continue
        found = lowered.find(needle)
        if found >= 0:
            return first_line + source.count("\n", 0, found)
    return None


def findings(violations: Iterable[Violation], source: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each violation, at its line in ``source`` (or the first line)."""
    found: dict[tuple[int, str], None] = {}
    for violation in violations:
        line = locate(violation, source, first_line)
        message = str(violation)
        if line is None:
            line = first_line
            message += " (written somewhere in the text)"
        found.setdefault((line, _editor_message(message)), None)
    return sorted(found)


def _editor_message(message: str) -> str:
    return re.sub(r" \((article|page) allow-list\)$", " in an article (see the handbook: HTML "
                  "an article may use)", message)
