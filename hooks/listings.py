"""Listing pages per language: home, categories, authors, monthly archive, paginated.

The listings are planned by :func:`toasoan.listings.plan` (pure, all languages at
once so that each page knows its counterparts); this hook adds the current
language's pages as in-memory files (nothing is written into docs/), hands each
page its :class:`~toasoan.listings.Edition` (and the home page its
:class:`~toasoan.frontpage.FrontPage`), and gives the templates the header tabs, the
publisher's details for the footer and the masthead's time zone and logo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import _newsroom
from toasoan.frontpage import FrontPage, front_page
from toasoan.listings import HOME, Edition, plan, tabs

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


class ListingFile(File):
    """A generated listing page; ``edition`` is what it shows."""

    edition: Edition
    front: FrontPage | None = None  # the home page's first page: the newspaper's front page


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
        if edition.listing.kind == HOME and edition.number == 1:
            file.front = front_page(listings.listings[lang], _newsroom.settings(config), lang)
        # what mkdocs-static-i18n expects of every file of a language build
        file.locale = lang
        file.locale_alternate_of = lang
        file.alternates = {lang: file}
        files.append(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, **kwargs) -> None:
    """For every page of the language being built: the header tabs (home + main
    categories), the footer's publisher details, the masthead's time zone and logo."""
    settings = _newsroom.settings(config)
    lang = _newsroom.current_language(config)
    env.globals["news_tabs"] = tabs(settings, lang)
    env.globals["news_publisher"] = settings.publisher_details.lines(lang)
    # The masthead: the paper's time zone (today's date) and its logo when it is a file of
    # the site (an address elsewhere would be a third-party request: the default mark then).
    logo = settings.logo if settings.logo and not urlsplit(settings.logo).scheme else ""
    env.globals["news_masthead"] = {"timezone": settings.timezone_name, "logo": logo.lstrip("/")}


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    if not isinstance(page.file, ListingFile):
        return None
    edition = page.file.edition
    page.news_listing = edition  # type: ignore[attr-defined]
    page.news_front = page.file.front  # type: ignore[attr-defined]
    page.news_alternates = edition.alternates  # type: ignore[attr-defined]
    page.meta = {"title": str(escape(edition.title)), "template": "listing.html",
                 "hide": ["navigation", "toc"]}
    return ""
