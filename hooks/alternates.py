"""Which languages each page exists in (``page.news_alternates``), and the language switch.

Contract shared with the other concerns: every page carries ``page.news_alternates``,
{language code: site-relative URL} of the languages in which this very page exists,
its own included. Articles get theirs from the newsroom, static pages from
mkdocs-static-i18n's alternates (its untranslated fallbacks dropped); generated pages
(listings) set their own, which is kept. The switch, hreflang tags, sitemap and
og:locale:alternate all read it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

import _newsroom
from toasoan.article import article_alternates, language_switch, page_alternates
from toasoan.urls import absolute_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(-50)  # after hooks/languages.py has attached page.article
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    article = getattr(page, "article", None)
    if article is not None:
        newsroom = _newsroom.newsroom(config)
        page.news_alternates = article_alternates(newsroom, article, _newsroom.build_time(config))
    elif getattr(page, "news_alternates", None) is None:
        page.news_alternates = static_alternates(page, config)


def static_alternates(page: Page, config: MkDocsConfig) -> dict[str, str]:
    lang = _newsroom.current_language(config)
    files = getattr(page.file, "alternates", None) or {lang: page.file}
    found = page_alternates((code, getattr(file, "locale", code), file.url)
                            for code, file in files.items())
    found.setdefault(lang, page_alternates([(lang, lang, page.url)])[lang])
    codes = _newsroom.settings(config).language_codes
    return {code: found[code] for code in codes if code in found}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
    """Template helpers: ``news_language_switch(page)`` and the ``news_absolute`` filter."""
    settings = _newsroom.settings(config)
    lang = _newsroom.current_language(config)
    env.globals["news_language_switch"] = partial(_switch, settings.languages, lang)
    env.globals["news_home_url"] = settings.language(lang).prefix
    env.filters["news_absolute"] = partial(absolute_url, config.site_url or "/")
    return env


def _switch(languages: Any, lang: str, page: Page | None) -> list:
    alternates = getattr(page, "news_alternates", None) if page else None  # None or Undefined
    if alternates is None:  # a template without a page (404): each language's home page
        alternates = {language.code: language.prefix for language in languages}
    return language_switch(languages, alternates, lang)
