"""What search engines and social networks read: sitemaps, robots.txt, OG tags, JSON-LD.

Every page gets ``page.news_social`` (Open Graph/Twitter tags, printed by
partials/head/social.html) and, on articles and home pages,
``page.news_json_ld`` (printed by partials/head/structured-data.html). Each
language build records its pages; after each build the sitemaps are written
from all the pages recorded so far, so the last write (the end of the first
language's build, which contains the others) lists every language. Material's
and mkdocs-static-i18n's sitemap is replaced by an empty overrides/sitemap.xml.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _newsroom
from toasoan import sitemap
from toasoan.structured_data import (
    article_tags,
    asset_path,
    json_ld,
    news_article,
    site_tags,
    website,
)
from toasoan.urls import absolute_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_PAGES = "seo_pages"  # state key: {lang: {page url: (SitemapPage, NewsItem | None)}}


def on_config(config: MkDocsConfig, **kwargs) -> None:
    # `mkdocs serve` sets site_url itself before this runs.
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url is required: feeds, sitemaps and social previews need "
            "absolute addresses; set it to the address the site is served from, e.g. "
            "site_url: https://example.org/ or site_url: https://org.github.io/repo/"
        )
    logo = _newsroom.settings(config).logo
    if logo and not urlsplit(logo).scheme and not (Path(config.docs_dir) / logo.lstrip("/")).is_file():
        raise PluginError(f'mkdocs.yml: extra.news.logo: "{logo}" is not a file in docs/ '
                          "(the publisher's logo in JSON-LD and social previews)")


def alternates(page: Page, lang: str) -> dict[str, str]:
    """{language: site-relative URL} of this page's versions (the page itself at least)."""
    found = getattr(page, "news_alternates", None)
    versions = dict(found) if isinstance(found, dict) else {}
    versions[lang] = page.url
    return versions


def _logo_url(config: MkDocsConfig) -> str | None:
    logo = _newsroom.settings(config).logo
    return absolute_url(config.site_url, logo) if logo else None


def _publisher(config: MkDocsConfig) -> str:
    return _newsroom.settings(config).publisher or config.site_name


@event_priority(-90)  # after the hooks that set page.news_alternates
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    **kwargs) -> dict[str, Any]:
    lang = _newsroom.current_language(config)
    prefix = _newsroom.settings(config).language(lang).prefix
    site_url = config.site_url
    url = absolute_url(site_url, page.url)
    versions = alternates(page, lang)
    article = getattr(page, "article", None)
    if article is not None:
        cover = absolute_url(site_url, asset_path(article, article.image)) \
            if article.image else None
        page.news_social = article_tags(  # type: ignore[attr-defined]
            article, url=url, site_name=config.site_name, image_url=cover,
            alternate_langs=list(versions))
        translations = {other: absolute_url(site_url, rel)
                        for other, rel in versions.items() if other != lang}
        page.news_json_ld = json_ld(news_article(  # type: ignore[attr-defined]
            article, url=url, image_urls=[cover] if cover else [],
            publisher=_publisher(config), logo_url=_logo_url(config),
            translations=translations))
        return context
    home = page.url == prefix
    # page.title is HTML-safe markup (hooks/languages.py); the tags want plain text.
    title = config.site_name if home else Markup(page.title or "").striptags()  # noqa: S704
    page.news_social = site_tags(  # type: ignore[attr-defined]
        title=title or config.site_name, description=config.site_description or "", url=url,
        site_name=config.site_name, lang=lang, alternate_langs=list(versions),
        image_url=_logo_url(config))
    page.news_json_ld = json_ld(website(  # type: ignore[attr-defined]
        name=config.site_name, url=url, lang=lang, description=config.site_description or "",
        publisher=_publisher(config), logo_url=_logo_url(config))) if home else None
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> None:
    """Record the page for the sitemaps (after every hook has set its alternates)."""
    lang = _newsroom.current_language(config)
    site_url = config.site_url
    article = getattr(page, "article", None)
    now = _newsroom.build_time(config)
    if article is not None and not _newsroom.newsroom(config).is_published(article, now):
        return  # a draft shown by a preview build
    versions = {other: absolute_url(site_url, rel) for other, rel in alternates(page, lang).items()}
    url = versions[lang]
    entry = sitemap.SitemapPage(url, lang, versions, article.modified if article else None)
    news = sitemap.NewsItem(url, lang, article.title, article.date, _publisher(config)) \
        if article else None
    pages = _newsroom.state(config).setdefault(_PAGES, {})
    pages.setdefault(lang, {})[page.url] = (entry, news)


@event_priority(-110)  # in the first language's build: after static-i18n built the others
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    recorded = _newsroom.state(config).get(_PAGES, {})
    built = [value for lang in sorted(recorded) for value in recorded[lang].values()]
    # A page's alternates may only name pages that really were written.
    written = {entry.url for entry, _ in built}
    pages = [sitemap.SitemapPage(entry.url, entry.lang,
                                 {k: v for k, v in entry.alternates.items() if v in written},
                                 entry.lastmod)
             for entry, _ in built]
    settings = _newsroom.settings(config)
    site_dir = Path(config.site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / sitemap.SITEMAP_FILE).write_bytes(
        sitemap.sitemap(pages, settings.language_codes, settings.default_language.code))
    (site_dir / sitemap.NEWS_SITEMAP_FILE).write_bytes(sitemap.news_sitemap(
        [news for _, news in built if news is not None], _newsroom.build_time(config)))
    (site_dir / "robots.txt").write_text(sitemap.robots([
        absolute_url(config.site_url, sitemap.SITEMAP_FILE),
        absolute_url(config.site_url, sitemap.NEWS_SITEMAP_FILE),
    ]), encoding="utf-8")
