"""Home page per language (placeholder until the listings issue lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import _newsroom

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@event_priority(-160)
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> Files:
    lang = _newsroom.current_language(config)
    settings = _newsroom.settings(config)
    prefix = settings.language(lang).prefix
    home = File.generated(config, f"{prefix}index.md", content="# \n")
    home.locale = lang
    home.locale_alternate_of = lang
    home.alternates = {lang: home}
    files.append(home)
    return files
