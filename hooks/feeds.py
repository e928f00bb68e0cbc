"""Per-language feeds (RSS, Atom, JSON Feed), per-category feeds, and their autodiscovery.

Each language build writes its own feeds under its prefix (/rss.xml,
/en/rss.xml...) with its newest ``extra.news.feed_size`` articles, and the same
three files in each category's listing folder (/chuyen-muc/do-thi/rss.xml,
/en/category/urban-affairs/rss.xml). Every page gets ``page.news_feeds`` for
partials/head/feeds.html: its language's feeds, and on a category listing that
category's feeds too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _newsroom
from toasoan import feeds
from toasoan.structured_data import asset_path, asset_source
from toasoan.urls import absolute_url, category_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from toasoan.content import Article


@dataclass(frozen=True)
class Channel:
    """One feed of this language: where its files go (site-relative folder) and what it holds."""

    folder: str  # "" / "en/" for the language, "chuyen-muc/do-thi/" for a category
    title: str
    articles: tuple[Article, ...]


def channels(config: MkDocsConfig, lang: str) -> list[Channel]:
    """The language's feed, then one per category that has articles (once per build)."""
    cached = _newsroom.state(config).setdefault("feed_channels", {})
    if lang not in cached:
        settings = _newsroom.settings(config)
        now = _newsroom.build_time(config)
        room = _newsroom.newsroom(config)
        published = [a for a in room.published(lang, now)
                     if room.is_published(a, now)]  # never drafts, even in a preview build
        found = [Channel(settings.language(lang).prefix, config.site_name, tuple(published))]
        found += [Channel(category_url(settings, lang, label), f"{label} – {config.site_name}",
                          tuple(articles))
                  for label, articles in feeds.by_category(published).items()]
        cached[lang] = found
    return cached[lang]


def _feed_urls(config: MkDocsConfig, folder: str) -> dict[str, str]:
    return {fmt.name: absolute_url(config.site_url, folder + fmt.file) for fmt in feeds.FORMATS}


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    **kwargs) -> dict[str, Any]:
    language, *categories = channels(config, _newsroom.current_language(config))
    shown = [language] + [c for c in categories if c.folder == page.url]
    page.news_feeds = [  # type: ignore[attr-defined]
        {"type": fmt.media_type, "title": f"{channel.title} ({fmt.label})",
         "href": _feed_urls(config, channel.folder)[fmt.name]}
        for channel in shown for fmt in feeds.FORMATS
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
    for channel in channels(config, lang):
        feed = feeds.Feed(
            title=channel.title,
            description=config.site_description or "",
            lang=lang,
            home_url=absolute_url(config.site_url, channel.folder),
            urls=_feed_urls(config, channel.folder),
            publisher=settings.publisher or config.site_name,
            entries=tuple(feeds.entry(a, url=absolute_url(config.site_url, newsroom.url(a)),
                                      image=_cover(a, config))
                          for a in channel.articles[:settings.feed_size]),
            fallback_updated=_newsroom.build_time(config),
        )
        folder = Path(config.site_dir) / channel.folder
        folder.mkdir(parents=True, exist_ok=True)
        for fmt in feeds.FORMATS:
            (folder / fmt.file).write_bytes(feeds.RENDERERS[fmt.name](feed))
