"""What an article page shows, computed from the model: dateline, byline, related
news and the side column, reading time, breadcrumb.

Templates render these values; nothing here produces HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from babel.lists import format_list

from .config import NewsSettings
from .content import plain_text
from .dates import format_moment, iso
from .edition import Edition
from .locales import Language
from .newsroom import Article
from .share import ShareLink, share_links
from .slug import slugify
from .urls import absolute_url, archive_url, author_url, category_url, home_url, latest_url, tag_url

RELATED_LIMIT = 5
# "Tin liên quan" is filled up to this many links from the section, then the newest news.
RELATED_MIN = 3
SIDE_LIMIT = 5  # headlines per list of the side column
# Silent reading speed, in words (Vietnamese: syllables) per minute.
WORDS_PER_MINUTE = 220

_WORD = re.compile(r"\w+", re.UNICODE)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|^\s*/{3}.*$|<[^>]*>", re.MULTILINE)


@dataclass(frozen=True)
class Dateline:
    """A moment as shown (``text``) and as machine-readable ISO 8601 (``iso``)."""

    text: str
    iso: str


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str  # site-relative


@dataclass(frozen=True)
class CorrectionNote:
    """A correction as the box at the end of the article shows it."""

    dateline: Dateline
    text: str


@dataclass(frozen=True)
class RelatedArticle:
    title: str
    url: str  # site-relative
    dateline: Dateline


def dateline(moment: dt.datetime, language: Language, tz: dt.tzinfo) -> Dateline:
    """The moment in the site's time zone as the language's papers print it:
    '21/01/2021 - 17:49' (vi), 'January 21, 2021 - 17:49' (en)."""
    return Dateline(format_moment(moment, language, "dateline", tz), iso(moment.astimezone(tz)))


def gmt_offset(moment: dt.datetime) -> str:
    """The moment's offset as papers print it: 'GMT+7', 'GMT+5:30', 'GMT-3', 'GMT'."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def full_dateline(moment: dt.datetime, language: Language, tz: dt.tzinfo) -> Dateline:
    """The line above an article, with the weekday and the time zone:
    'Thứ Bảy, 14/03/2026 - 08:30 (GMT+7)', 'Saturday, March 14, 2026, 08:30 (GMT+7)'."""
    local = moment.astimezone(tz)
    text = f"{format_moment(local, language, 'full', tz)} ({gmt_offset(local)})"
    return Dateline(text, iso(local))


@dataclass(frozen=True)
class BylinePart:
    """A piece of the byline: an author's name with the URL of their page, or the words between."""

    text: str
    url: str | None = None  # site-relative; None for "và", ", " and names without a page


_NAME_MARK = re.compile(r"\x00(\d+)\x00")


def byline(settings: NewsSettings, authors: Iterable[str], language: Language) -> list[BylinePart]:
    """'Trần Thị Đào và Lê Minh Châu' as parts, each name linked to its author listing."""
    names = [unicodedata.normalize("NFC", name) for name in authors if name]
    if not names:
        return []
    text = format_list([f"\x00{index}\x00" for index in range(len(names))],
                       locale=language.babel or language.code)
    parts = []
    for index, piece in enumerate(_NAME_MARK.split(text)):
        if index % 2:  # a captured name number
            name = names[int(piece)]
            url = author_url(settings, language.code, name) if slugify(name) else None
            parts.append(BylinePart(name, url))
        elif piece:
            parts.append(BylinePart(piece))
    return parts


def month_url(settings: NewsSettings, moment: dt.datetime, lang: str) -> str:
    """The monthly archive listing the moment's month, in the site's time zone: '2026/03/'."""
    local = moment.astimezone(settings.tz)
    return archive_url(settings, lang, local.year, local.month)


def signature(authors: Iterable[str], language: Language) -> str:
    """The by-line signed at the end: 'Trần Thị Đào', 'A, B và C', 'A and B'."""
    names = [name for name in authors if name]
    return format_list(names, locale=language.babel or language.code) if names else ""


def reading_minutes(markdown: str, lead: str = "") -> int:
    """Whole minutes to read the lead and body, at least 1."""
    words = len(_WORD.findall(plain_text(lead))) + len(_WORD.findall(_MARKUP.sub(" ", markdown)))
    return max(1, round(words / WORDS_PER_MINUTE))


def demote_headings(html: str) -> str:
    """Shift the body's headings one level down when it has an <h1>: the title is the only h1.

    The HTML is the Markdown renderer's, where a literal ``<`` in text or code is
    always escaped, so a tag-shaped match is a tag.
    """
    if not re.search(r"<h1[\s>]", html, re.IGNORECASE):
        return html
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def breadcrumb(settings: NewsSettings, article: Article) -> list[Crumb]:
    """After the home page: the article's first (primary) category, linked to its listing."""
    if not article.categories:
        return []
    label = article.categories[0]
    return [Crumb(label, category_url(settings, article.lang, label))]


def related(edition: Edition, article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to ``limit`` articles sharing a category with ``article``, nearest in time: the
    coverage just before it, then just after it.

    Not the newest articles: a page linking to them would change at every publication, and
    an archive could never be rebuilt or uploaded in part."""
    candidates: dict[str, Article] = {}
    for label in article.categories:
        for other in edition.neighbours(article, label, limit):
            candidates.setdefault(other.src_uri, other)
    here = (article.date, article.src_uri)
    earlier = sorted((a for a in candidates.values() if (a.date, a.src_uri) < here),
                     key=lambda a: (a.date, a.src_uri), reverse=True)
    later = sorted((a for a in candidates.values() if (a.date, a.src_uri) > here),
                   key=lambda a: (a.date, a.src_uri))
    return (earlier + later)[:limit]


def section_neighbours(edition: Edition, article: Article, limit: int = SIDE_LIMIT) -> list[Article]:
    """The articles nearest in time in its primary (first) section."""
    if not article.categories:
        return []
    return list(edition.neighbours(article, article.categories[0], limit))


def language_neighbours(edition: Edition, article: Article, limit: int = SIDE_LIMIT) -> list[Article]:
    """The articles nearest in time in its language."""
    return list(edition.neighbours(article, None, limit))


def onward(edition: Edition, article: Article, limit: int = RELATED_LIMIT,
           minimum: int = RELATED_MIN) -> list[Article]:
    """'Tin liên quan': the related articles, topped up to ``minimum`` with the articles
    nearest in time in its section, then in its language (so every article ends with onward
    links as long as the paper has other articles)."""
    chosen = {other.src_uri: other for other in related(edition, article, limit)}
    for fallback in (section_neighbours, language_neighbours):
        if len(chosen) >= minimum:
            break
        for other in fallback(edition, article, limit + minimum):
            chosen.setdefault(other.src_uri, other)
            if len(chosen) >= minimum:
                break
    return list(chosen.values())


def entries(edition: Edition, articles: Iterable[Article]) -> list[RelatedArticle]:
    """Headline, URL and date line of each article, as lists of links show them."""
    settings = edition.settings
    return [RelatedArticle(other.title, edition.url(other),
                           dateline(other.date, settings.language(other.lang), settings.tz))
            for other in articles]


def related_entries(edition: Edition, article: Article,
                    limit: int = RELATED_LIMIT) -> list[RelatedArticle]:
    return entries(edition, onward(edition, article, limit))


@dataclass(frozen=True)
class SideColumn:
    """Beside the article on wide screens (after it on phones): the section's articles
    nearest in time. The language's latest news is filled in the reader's browser from
    ``latest.json`` (a page listing the newest articles would change at every
    publication); without JavaScript a link leads to them."""

    section: Crumb | None  # the primary section, linked to its listing
    in_section: list[RelatedArticle]  # its articles nearest in time (before, then after)
    latest_url: str  # site-relative URL of the language's latest.json


def side_column(edition: Edition, article: Article, limit: int = SIDE_LIMIT) -> SideColumn:
    crumbs = breadcrumb(edition.settings, article)
    return SideColumn(
        section=crumbs[0] if crumbs else None,
        in_section=entries(edition, section_neighbours(edition, article, limit)),
        latest_url=latest_url(edition.settings, article.lang),
    )


@dataclass(frozen=True)
class ArticlePage:
    """Everything the article template shows besides the rendered body."""

    article: Article
    url: str  # site-relative
    canonical_url: str  # absolute (or site-relative when the site has no site_url)
    home_url: str
    published: Dateline  # the full line: weekday, date, time and GMT offset
    updated: Dateline | None
    signature: str
    reading_minutes: int
    breadcrumb: list[Crumb]
    share: list[ShareLink]
    related: list[RelatedArticle]  # "Tin liên quan", topped up by onward()
    byline: list[BylinePart]  # the signature, each name linked to its author page
    month_url: str  # the monthly archive of the publication date
    section_url: str | None  # the primary category's listing: the current header tab
    side: SideColumn
    corrections: tuple[CorrectionNote, ...] = ()  # oldest first
    tags: tuple[Crumb, ...] = ()  # the article's tags, each linked to its listing


def tag_links(settings: NewsSettings, article: Article) -> tuple[Crumb, ...]:
    """The article's tags as links to their listings (a label with no address is left out,
    as on the byline)."""
    return tuple(Crumb(label, tag_url(settings, article.lang, label))
                 for label in dict.fromkeys(article.tags) if slugify(label))


def article_page(edition: Edition, article: Article, site_url: str | None,
                 body: str | None = None) -> ArticlePage:
    """The article page's data; ``site_url`` makes the canonical and share URLs absolute."""
    settings = edition.settings
    language = settings.language(article.lang)
    url = edition.url(article)
    canonical = absolute_url(site_url, url) if site_url else "/" + url
    updated = None
    if article.modified != article.date:  # updated:, else the latest correction
        updated = full_dateline(article.modified, language, settings.tz)
    crumbs = breadcrumb(settings, article)
    return ArticlePage(
        article=article, url=url, canonical_url=canonical,
        home_url=home_url(settings, article.lang),
        published=full_dateline(article.date, language, settings.tz), updated=updated,
        signature=signature(article.authors, language),
        reading_minutes=reading_minutes(body if body is not None else article.body or "",
                                        article.lead),
        breadcrumb=crumbs,
        share=share_links(canonical, article.title),
        related=related_entries(edition, article),
        byline=byline(settings, article.authors, language),
        month_url=month_url(settings, article.date, article.lang),
        section_url=crumbs[0].url if crumbs else None,
        side=side_column(edition, article),
        corrections=tuple(CorrectionNote(dateline(c.date, language, settings.tz), c.text)
                          for c in article.corrections),
        tags=tag_links(settings, article),
    )
