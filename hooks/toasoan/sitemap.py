"""sitemap.xml with hreflang alternates, the Google News sitemap, and robots.txt.

Pure functions: the site plan (toasoan.site) lists every page the language builds
write, and the adapter calls these once all languages are built. Output is sorted, and dates come from
the articles (never the build time), so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .dates import iso
from .xmlout import serialize, sub

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_FILE = "sitemap.xml"
NEWS_SITEMAP_FILE = "news-sitemap.xml"
# Google News only reads articles published in the last two days.
NEWS_WINDOW = dt.timedelta(days=2)


@dataclass(frozen=True)
class SitemapPage:
    """A published page: absolute URL, language, and its versions in every language."""

    url: str
    lang: str
    alternates: Mapping[str, str] = field(default_factory=dict)  # lang -> absolute URL
    lastmod: dt.datetime | None = None


@dataclass(frozen=True)
class NewsItem:
    """An article for the Google News sitemap."""

    url: str
    lang: str
    title: str
    published: dt.datetime
    publication: str  # the publisher's name, as registered with Google News




def hreflang_links(page: SitemapPage, languages: Sequence[str],
                   default_lang: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) pairs for a page that exists in two languages or more.

    Every version is listed (the page itself included, as Google asks), in the
    site's language order, then ``x-default``: the default language's version,
    or the first one when the story has none.
    """
    versions = dict(page.alternates)
    versions.setdefault(page.lang, page.url)
    if len(versions) < 2:
        return []
    order = [lang for lang in languages if lang in versions]
    order += sorted(lang for lang in versions if lang not in languages)
    links = [(lang, versions[lang]) for lang in order]
    links.append(("x-default", versions.get(default_lang, versions[order[0]])))
    return links


def sitemap(pages: Iterable[SitemapPage], languages: Sequence[str], default_lang: str) -> bytes:
    """The sitemap of every page, sorted by URL, with ``xhtml:link`` alternates."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for page in sorted(pages, key=lambda p: p.url):
        url = sub(root, "url")
        sub(url, "loc", page.url)
        if page.lastmod is not None:
            sub(url, "lastmod", iso(page.lastmod))
        for lang, href in hreflang_links(page, languages, default_lang):
            sub(url, "xhtml:link", rel="alternate", hreflang=lang, href=href)
    return serialize(root)


def recent(items: Iterable[NewsItem], now: dt.datetime,
           window: dt.timedelta = NEWS_WINDOW) -> list[NewsItem]:
    """Items published in the ``window`` before ``now`` (not after it), newest first."""
    found = [item for item in items if now - window <= item.published <= now]
    return sorted(found, key=lambda item: (item.published, item.url), reverse=True)


def news_sitemap(items: Iterable[NewsItem], now: dt.datetime) -> bytes:
    """Google News sitemap: the articles of the last two days before ``now``."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for item in recent(items, now):
        url = sub(root, "url")
        sub(url, "loc", item.url)
        news = sub(url, "news:news")
        source = sub(news, "news:publication")
        sub(source, "news:name", item.publication)
        sub(source, "news:language", item.lang)
        sub(news, "news:publication_date", iso(item.published))
        sub(news, "news:title", item.title)
    return serialize(root)


def robots(sitemap_urls: Sequence[str]) -> str:
    """robots.txt allowing everything and naming the sitemaps (absolute URLs)."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"
