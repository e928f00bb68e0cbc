"""The menu of static pages, per language: a page missing in a language is left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NavEntry = Any  # "about.md" | {"Title": "about.md"} | {"Section": [entries]}


def localized_nav(nav: list[NavEntry] | None, exists: Callable[[str], bool]) -> list[NavEntry] | None:
    """The nav without the Markdown pages that do not exist in this language.

    ``exists(src)`` answers for entries such as "about.md". External links and
    entries it cannot judge are kept; sections left empty are dropped.
    """
    if nav is None:
        return None
    kept: list[NavEntry] = []
    for entry in nav:
        if isinstance(entry, str):
            if not _is_page(entry) or exists(entry):
                kept.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, list):
                children = localized_nav(value, exists)
                if children:
                    kept.append({title: children})
            elif not isinstance(value, str) or not _is_page(value) or exists(value):
                kept.append(entry)
        else:
            kept.append(entry)
    return kept


def _is_page(target: str) -> bool:
    return target.endswith(".md") and "://" not in target


def page_exists(src: str, lang: str, default: bool, sources: set[str]) -> bool:
    """Whether the nav entry ``src`` ("about.md") has a file for ``lang`` in ``sources``."""
    stem = src[: -len(".md")]
    if f"{stem}.{lang}.md" in sources:
        return True
    return default and src in sources
