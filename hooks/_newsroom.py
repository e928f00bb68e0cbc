"""Glue shared by the hooks: the per-build newsroom, language and clock.

Not a hook itself (it is not listed in mkdocs.yml). State lives on the MkDocs
config object, never in module globals: mkdocs-static-i18n runs one nested
build per language with the same config object, and ``mkdocs serve`` loads a
fresh config for every rebuild, so a value cached here is computed once per
build of the whole site and never leaks into the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from toasoan.config import Language, NewsSettings, SettingsError, load_settings, preview_requested
from toasoan.content import Newsroom, scan

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.toasoan")

_STATE = "_toasoan_state"


def state(config: MkDocsConfig) -> dict[str, Any]:
    """Per-build state, shared by the hooks of one site build (all languages)."""
    found = getattr(config, _STATE, None)
    if found is None:
        found = {}
        setattr(config, _STATE, found)
    return found


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def i18n_plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: plugins: the i18n plugin (mkdocs-static-i18n) is required")
    return plugin


def site_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """The languages from the i18n plugin's entries, default first."""
    languages = []
    for entry in i18n_plugin(config).config.languages:
        if not entry.build:
            continue
        prefix = "" if entry.default else f"{entry.locale}/"
        languages.append(Language(entry.locale, entry.name, prefix, bool(entry.default)))
    languages.sort(key=lambda lang: not lang.default)
    return tuple(languages)


def current_language(config: MkDocsConfig) -> str:
    """The language this (nested) build is producing."""
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def settings(config: MkDocsConfig) -> NewsSettings:
    cache = state(config)
    if "settings" not in cache:
        try:
            cache["settings"] = load_settings(
                config.extra.get("news"), site_languages(config), preview=preview_requested()
            )
        except SettingsError as exc:
            raise PluginError(f"mkdocs.yml: {exc}") from None
    return cache["settings"]


def build_time(config: MkDocsConfig) -> dt.datetime:
    """'Now' for this build: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    cache = state(config)
    if "now" not in cache:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            now = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        else:
            now = dt.datetime.now(dt.UTC)
        cache["now"] = now.astimezone(settings(config).tz)
    return cache["now"]


def newsroom(config: MkDocsConfig) -> Newsroom:
    """The scanned and validated content, once per site build."""
    cache = state(config)
    if "newsroom" not in cache:
        cache["newsroom"] = scan(config.docs_dir, settings(config), root=project_root(config))
    return cache["newsroom"]
