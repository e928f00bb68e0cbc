"""Per-language news feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Pure functions from a :class:`Feed` (built by hooks/feeds.py from the published
articles) to the bytes of each file. XML is built with ElementTree, which
escapes every text and attribute; nothing here depends on the build time, so
two builds of the same content give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import mimetypes
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import format_datetime

from .content import Article
from .dates import iso
from .xmlout import serialize, sub

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "toasoan"


@dataclass(frozen=True)
class FeedFormat:
    """One kind of feed: its file name (under the language's prefix) and media type."""

    name: str
    file: str
    media_type: str
    label: str


FORMATS = (
    FeedFormat("rss", "rss.xml", "application/rss+xml", "RSS"),
    FeedFormat("atom", "atom.xml", "application/atom+xml", "Atom"),
    FeedFormat("json", "feed.json", "application/feed+json", "JSON Feed"),
)

_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
                ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Image:
    """A cover photo as feeds carry it: absolute URL, media type, size in bytes, alt text,
    and who took it (the caption's credit)."""

    url: str
    media_type: str
    length: int
    alt: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Channel:
    """One feed of a language: the site-relative folder of its files, and what it holds."""

    folder: str  # "" / "en/" for the language, "chuyen-muc/do-thi/" for a section
    title: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Entry:
    """One article in a feed. Its absolute URL is also its stable id (guid)."""

    url: str
    title: str
    summary: str
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...] = ()
    image: Image | None = None


@dataclass(frozen=True)
class Feed:
    """A language's feed: channel data and its entries, newest first."""

    title: str
    description: str
    lang: str
    home_url: str
    urls: dict[str, str]  # FeedFormat.name -> absolute URL of that file
    publisher: str
    entries: tuple[Entry, ...]
    fallback_updated: dt.datetime  # only used by a feed without entries

    @property
    def updated(self) -> dt.datetime:
        """The last change of any entry: never the build time when there are entries."""
        return max((e.updated for e in self.entries), default=self.fallback_updated)


def image_type(name: str) -> str:
    """Media type of a photo from its file name: 'a.JPG' -> 'image/jpeg'."""
    ext = posixpath.splitext(name)[1].lower()
    return _IMAGE_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def entry(article: Article, *, url: str, image: Image | None) -> Entry:
    """The feed entry of an article, given its absolute URL and cover photo."""
    return Entry(url=url, title=article.title, summary=article.lead, published=article.date,
                 updated=article.modified, authors=article.authors,
                 categories=article.categories, image=image)


def by_category(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Articles grouped by category label (labels sorted), each group in the given order."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        for label in article.categories:
            groups.setdefault(label, []).append(article)
    return {label: groups[label] for label in sorted(groups)}


def rfc822(moment: dt.datetime) -> str:
    """RSS date with the moment's own offset: 'Sat, 14 Mar 2026 08:30:00 +0700'."""
    return format_datetime(moment)




def rss(feed: Feed) -> bytes:
    """RSS 2.0, with atom:link self, dc:creator authors, enclosure and media:content covers."""
    # Namespaced names are written literally (no ET.register_namespace: it is global).
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS,
                              "xmlns:media": MEDIA_NS})
    channel = sub(root, "channel")
    sub(channel, "title", feed.title)
    sub(channel, "link", feed.home_url)
    sub(channel, "description", html.escape(feed.description or feed.title, quote=False))
    sub(channel, "language", feed.lang)
    sub(channel, "generator", GENERATOR)
    sub(channel, "lastBuildDate", rfc822(feed.updated))
    sub(channel, "atom:link", href=feed.urls["rss"], rel="self", type="application/rss+xml")
    for item in feed.entries:
        element = sub(channel, "item")
        sub(element, "title", item.title)
        sub(element, "link", item.url)
        sub(element, "guid", item.url, isPermaLink="true")
        sub(element, "pubDate", rfc822(item.published))
        for name in item.authors:
            sub(element, "dc:creator", name)
        if item.summary:
            # RSS readers render <description> as HTML: the plain-text lead is
            # escaped to HTML first (then again, as XML, by ElementTree).
            sub(element, "description", html.escape(item.summary, quote=False))
        for label in item.categories:
            sub(element, "category", label)
        if item.image is not None:
            sub(element, "enclosure", url=item.image.url, length=str(item.image.length),
                 type=item.image.media_type)
            media = sub(element, "media:content", url=item.image.url, medium="image",
                         type=item.image.media_type, fileSize=str(item.image.length))
            if item.image.alt:
                sub(media, "media:description", item.image.alt)
            if item.image.credit:
                sub(media, "media:credit", item.image.credit, role="photographer")
    return serialize(root)


def atom(feed: Feed) -> bytes:
    """Atom 1.0: ids are the articles' URLs, dates ISO 8601 with offset."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": feed.lang})
    sub(root, "id", feed.home_url)
    sub(root, "title", feed.title)
    if feed.description:
        sub(root, "subtitle", feed.description)
    sub(root, "updated", iso(feed.updated))
    sub(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    sub(root, "link", rel="self", type="application/atom+xml", href=feed.urls["atom"])
    author = sub(root, "author")
    sub(author, "name", feed.publisher)
    sub(root, "generator", GENERATOR)
    for item in feed.entries:
        element = sub(root, "entry")
        sub(element, "id", item.url)
        sub(element, "title", item.title)
        sub(element, "link", rel="alternate", type="text/html", href=item.url)
        sub(element, "published", iso(item.published))
        sub(element, "updated", iso(item.updated))
        for name in item.authors:
            sub(sub(element, "author"), "name", name)
        if item.summary:
            sub(element, "summary", item.summary, type="text")
        for label in item.categories:
            sub(element, "category", term=label)
        if item.image is not None:
            sub(element, "link", rel="enclosure", type=item.image.media_type,
                 length=str(item.image.length), href=item.image.url)
    return serialize(root)


def json_feed(feed: Feed) -> bytes:
    """JSON Feed 1.1."""
    items = []
    for item in feed.entries:
        data: dict[str, object] = {
            "id": item.url,
            "url": item.url,
            "title": item.title,
            "date_published": iso(item.published),
            "date_modified": iso(item.updated),
            "authors": [{"name": name} for name in item.authors],
        }
        if item.summary:
            data["summary"] = item.summary
            data["content_text"] = item.summary
        else:
            data["content_text"] = item.title
        if item.categories:
            data["tags"] = list(item.categories)
        if item.image is not None:
            data["image"] = item.image.url
        items.append(data)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.urls["json"],
        "language": feed.lang,
        "authors": [{"name": feed.publisher}],
        "items": items,
    }
    if feed.description:
        document["description"] = feed.description
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


RENDERERS = {"rss": rss, "atom": atom, "json": json_feed}
