"""Validate every Markdown file before anything is built.

Runs before mkdocs-static-i18n sorts the files by language, so it sees files the
plugin would drop silently (``index.fr.md``). Reports every problem as
``path:line: message``; any error stops the build, with or without ``--strict``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _newsroom

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig, **kwargs) -> None:
    _newsroom.settings(config)  # fail early, naming the key, on a bad extra.news


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> None:
    if _newsroom.current_language(config) != _newsroom.settings(config).default_language.code:
        return  # the content was checked once, by the first language's build
    newsroom = _newsroom.newsroom(config)
    for problem in newsroom.problems:
        if problem.is_error:
            _newsroom.log.error(str(problem))
        else:
            _newsroom.log.warning(str(problem))
    errors = newsroom.errors
    if errors:
        raise PluginError(
            f"{len(errors)} problem{'s' if len(errors) > 1 else ''} in the content "
            "(listed above); nothing was published"
        )
