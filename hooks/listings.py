"""Listing pages per language: home, categories, authors, monthly archive, paginated.

The listings are planned by :func:`toasoan.listings.plan` (pure, all languages at
once so that each page knows its counterparts); this hook adds the current
language's pages as in-memory files (nothing is written into docs/), hands each
page its :class:`~toasoan.listings.Edition`, and gives the templates the header tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import _newsroom
from toasoan.listings import Edition, plan, tabs

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


class ListingFile(File):
    """A generated listing page; ``edition`` is what it shows."""

    edition: Edition


@event_priority(-160)  # after mkdocs-static-i18n (-100) and hooks/languages.py (-150)
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> Files:
    lang = _newsroom.current_language(config)
    listings = plan(_newsroom.newsroom(config), _newsroom.build_time(config), config.docs_dir)
    if listings.problems:
        for problem in listings.problems:
            _newsroom.log.error(str(problem))
        count = len(listings.problems)
        raise PluginError(f"{count} problem{'s' if count > 1 else ''} with the listing pages "
                          "(listed above); nothing was published")
    default = _newsroom.settings(config).default_language.code
    for edition in listings.editions(lang):
        if edition.url == edition.listing.url and edition.listing.kind == "home" and lang != default:
            # The nav's "index.md" is looked up as index.<lang>.md by mkdocs-static-i18n:
            # the English home page must answer to that name to be the build's homepage.
            file = ListingFile.generated(config, f"index.{lang}.md", content="")
            file.dest_uri = f"{edition.url}index.html"
            file.name = "index"
        elif edition.listing.kind == "home" and edition.url == edition.listing.url:
            file = ListingFile.generated(config, edition.src_uri, content="")  # the homepage
        else:
            # not in the nav, on purpose: no "pages not included in the nav" list
            file = ListingFile.generated(config, edition.src_uri, content="",
                                         inclusion=InclusionLevel.NOT_IN_NAV)
        file.edition = edition
        # what mkdocs-static-i18n expects of every file of a language build
        file.locale = lang
        file.locale_alternate_of = lang
        file.alternates = {lang: file}
        files.append(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, **kwargs) -> None:
    """Header tabs (home + main categories) of the language being built, for every page."""
    env.globals["news_tabs"] = tabs(_newsroom.settings(config), _newsroom.current_language(config))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    if not isinstance(page.file, ListingFile):
        return None
    edition = page.file.edition
    page.news_listing = edition  # type: ignore[attr-defined]
    page.news_alternates = edition.alternates  # type: ignore[attr-defined]
    page.meta = {"title": str(escape(edition.title)), "template": "listing.html",
                 "hide": ["navigation", "toc"]}
    return ""
