"""Per-language feeds (RSS, Atom, JSON Feed) and their autodiscovery links.

Each language build writes its own feeds under its prefix (/rss.xml,
/en/rss.xml...) with its newest ``extra.news.feed_size`` articles, and gives
each of its pages ``page.news_feeds`` for partials/head/feeds.html.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _newsroom
from toasoan import feeds
from toasoan.structured_data import absolute_url, asset_path, asset_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from toasoan.content import Article


def _feed_urls(config: MkDocsConfig, lang: str) -> dict[str, str]:
    prefix = _newsroom.settings(config).language(lang).prefix
    return {fmt.name: absolute_url(config.site_url, prefix + fmt.file) for fmt in feeds.FORMATS}


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    **kwargs) -> dict[str, Any]:
    urls = _feed_urls(config, _newsroom.current_language(config))
    page.news_feeds = [  # type: ignore[attr-defined]
        {"type": fmt.media_type, "title": f"{config.site_name} ({fmt.label})",
         "href": urls[fmt.name]}
        for fmt in feeds.FORMATS
    ]
    return context


def _cover(article: Article, config: MkDocsConfig) -> feeds.Image | None:
    if not article.image:
        return None
    source = Path(config.docs_dir) / asset_source(article, article.image)
    return feeds.Image(url=absolute_url(config.site_url, asset_path(article, article.image)),
                       media_type=feeds.image_type(article.image),
                       length=os.path.getsize(source), alt=article.image_alt)


# Default priority: runs before static-i18n's on_post_build (-100) starts the next
# language's build, while this build's language and config are still current.
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    lang = _newsroom.current_language(config)
    settings = _newsroom.settings(config)
    newsroom = _newsroom.newsroom(config)
    now = _newsroom.build_time(config)
    prefix = settings.language(lang).prefix
    articles = [a for a in newsroom.published(lang, now) if a.is_published(now)]
    feed = feeds.Feed(
        title=config.site_name,
        description=config.site_description or "",
        lang=lang,
        home_url=absolute_url(config.site_url, prefix),
        urls=_feed_urls(config, lang),
        publisher=settings.publisher or config.site_name,
        entries=tuple(feeds.entry(a, url=absolute_url(config.site_url, newsroom.url(a)),
                                  image=_cover(a, config))
                      for a in articles[:settings.feed_size]),
        fallback_updated=now,
    )
    folder = Path(config.site_dir) / prefix
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in feeds.FORMATS:
        (folder / fmt.file).write_bytes(feeds.RENDERERS[fmt.name](feed))
