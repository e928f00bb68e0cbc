"""Per-build state: one typed object on the MkDocs config, for all languages of one build.

mkdocs-static-i18n builds the default language, then runs a complete nested MkDocs build
for each other language from inside the first build's ``on_post_build``, on the same
config object; ``mkdocs serve`` loads a fresh config for every rebuild. So the state of a
build lives on the config object (never in module globals): created by the first
``on_config``, reused by the nested builds, gone with the config.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from toasoan.cache import BuildCache
from toasoan.config import NewsSettings
from toasoan.locales import Language
from toasoan.newsroom import Problem
from toasoan.site import SiteBuild, SiteText

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.toasoan")

_ATTRIBUTE = "_toasoan_build"


@dataclass
class Staging:
    """A plain build writes into a new folder beside the output and swaps it in at the end,
    so a failed build leaves the previous site as it was."""

    target: Path  # the site_dir the user asked for
    folder: Path  # where this build writes


@dataclass(eq=False)
class BuildState:
    """Everything one build of the whole site keeps between events."""

    root: Path  # the folder of mkdocs.yml
    settings: NewsSettings
    languages: tuple[Language, ...]  # default first, with their configuration
    texts: dict[str, SiteText]
    serving: bool
    preview: bool
    site: SiteBuild | None = None  # planned in on_pre_build
    nav: Any = None  # the nav as written in mkdocs.yml, before any language localizes it
    stack: list[str] = field(default_factory=list)  # languages of the builds in progress
    staging: Staging | None = None
    broken: list[Problem] | None = None  # serve only: problems shown instead of the site
    body_problems: list[str] = field(default_factory=list)  # this language's rendered pages
    problems_pages: dict[str, str] = field(default_factory=dict)  # serve: shown instead, per language
    real_docs_dir: str | None = None  # serve only: docs_dir while MkDocs walks an empty one
    cache: BuildCache | None = None  # incremental builds (toasoan_mkdocs.incremental)
    cache_taken: Path | None = None  # the cache folder this build holds (toasoan.cache.take)
    keys: dict[tuple[str, str], str] = field(default_factory=dict)  # (lang, src) -> fingerprint
    reused: dict[str, dict[str, Path]] = field(default_factory=dict)  # lang -> src -> cached file
    rendered: list[tuple[str, str, str, str, set[str]]] = field(default_factory=list)
    # Output file (absolute) -> the CSS classes it uses, for the pages this build rendered or
    # took from the cache: the stylesheet trim reads only the other HTML files.
    page_classes: dict[str, set[str]] = field(default_factory=dict)
    progress: dict[str, int] = field(default_factory=dict)  # lang -> pages rendered so far
    # Clean builds on every core (toasoan_mkdocs.parallel): lang -> the workers' shares of
    # the pages, and the worker processes running.
    segment: Any = None  # toasoan.segments.Choice: the part of the site this job builds
    served: dict[str, object] = field(default_factory=dict)  # serve: output path -> stamp
    kept_from_served: int = 0  # serve: files linked from the served folder
    narrowed: Any = None  # toasoan_mkdocs.incremental.Narrowed: the folder MkDocs walks
    shares: dict[str, list[list[Any]]] = field(default_factory=dict)
    workers: list[Any] = field(default_factory=list)
    elsewhere: dict[str, int] = field(default_factory=dict)  # lang -> pages workers render
    process: tuple[int, int, int] | None = None  # in a worker: (number, of, pages it renders)

    @property
    def lang(self) -> str:
        """The language of the build running now (the innermost one)."""
        return self.stack[-1]

    @property
    def outermost(self) -> bool:
        return len(self.stack) == 1

    @property
    def default(self) -> str:
        return self.languages[0].code

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def require_site(self) -> SiteBuild:
        if self.site is None:
            raise PluginError("toasoan: the site was not planned (on_pre_build did not run)")
        return self.site


def get(config: MkDocsConfig) -> BuildState:
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        raise PluginError("toasoan: hooks/toasoan_hooks.py must be listed in mkdocs.yml hooks")
    return state


def find(config: MkDocsConfig) -> BuildState | None:
    return getattr(config, _ATTRIBUTE, None)


def attach(config: MkDocsConfig, state: BuildState) -> BuildState:
    setattr(config, _ATTRIBUTE, state)
    return state


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def i18n_plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: plugins: the i18n plugin (mkdocs-static-i18n) is required")
    return plugin


def i18n_language(config: MkDocsConfig) -> str:
    """The language mkdocs-static-i18n is building now (set in its on_config, -100)."""
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def i18n_entries(config: MkDocsConfig) -> tuple[list[Language], dict[str, SiteText]]:
    """The built languages of the i18n plugin, default first, and their site names."""
    languages: list[Language] = []
    texts: dict[str, SiteText] = {}
    for entry in i18n_plugin(config).config.languages:
        if not entry.build:
            continue
        prefix = "" if entry.default else f"{entry.locale}/"
        languages.append(Language(entry.locale, entry.name, prefix, bool(entry.default)))
        texts[entry.locale] = SiteText(entry.site_name or config.site_name,
                                       entry.site_description or config.site_description or "")
    languages.sort(key=lambda language: not language.default)
    return languages, texts


def serving(config: MkDocsConfig) -> bool:
    """Built by ``mkdocs serve``: it sets site_url to its own address (dev_addr) first."""
    host, port = config.dev_addr
    return urlsplit(config.site_url or "").netloc == f"{host}:{port}"
