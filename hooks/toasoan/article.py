"""What an article page shows, computed from the model: dateline, signature,
related news, reading time, breadcrumb, and which languages a page exists in.

Templates render these values; nothing here produces HTML.
"""

from __future__ import annotations

import datetime as dt
import re
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
from .urls import absolute_url, category_url, home_url

RELATED_LIMIT = 5
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
class RelatedArticle:
    title: str
    url: str  # site-relative
    dateline: Dateline


def dateline(moment: dt.datetime, language: Language, tz: dt.tzinfo) -> Dateline:
    """The moment in the site's time zone as the language's papers print it:
    '21/01/2021 - 17:49' (vi), 'January 21, 2021 - 17:49' (en)."""
    return Dateline(format_moment(moment, language, "dateline", tz), iso(moment.astimezone(tz)))


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
    """Up to ``limit`` other shown articles in the same language sharing a category, newest first."""
    # The newest `limit` of each of its categories (per-category index, built once
    # per build) hold the answer: linear in the archive for the whole site.
    candidates: dict[str, Article] = {}
    for label in article.categories:
        taken = 0
        for other in edition.shown_in(article.lang, label):
            if other.bundle == article.bundle:
                continue
            candidates.setdefault(other.src_uri, other)
            taken += 1
            if taken == limit:
                break
    ordered = sorted(candidates.values(), key=lambda a: (a.date, a.src_uri), reverse=True)
    return ordered[:limit]


def related_entries(edition: Edition, article: Article,
                    limit: int = RELATED_LIMIT) -> list[RelatedArticle]:
    settings = edition.settings
    language = settings.language(article.lang)
    return [RelatedArticle(other.title, edition.url(other), dateline(other.date, language, settings.tz))
            for other in related(edition, article, limit)]


@dataclass(frozen=True)
class ArticlePage:
    """Everything the article template shows besides the rendered body."""

    article: Article
    url: str  # site-relative
    canonical_url: str  # absolute (or site-relative when the site has no site_url)
    home_url: str
    published: Dateline
    updated: Dateline | None
    signature: str
    reading_minutes: int
    breadcrumb: list[Crumb]
    share: list[ShareLink]
    related: list[RelatedArticle]


def article_page(edition: Edition, article: Article, site_url: str | None) -> ArticlePage:
    """The article page's data; ``site_url`` makes the canonical and share URLs absolute."""
    settings = edition.settings
    language = settings.language(article.lang)
    url = edition.url(article)
    canonical = absolute_url(site_url, url) if site_url else "/" + url
    updated = None
    if article.updated is not None and article.updated != article.date:
        updated = dateline(article.updated, language, settings.tz)
    return ArticlePage(
        article=article, url=url, canonical_url=canonical,
        home_url=home_url(settings, article.lang),
        published=dateline(article.date, language, settings.tz), updated=updated,
        signature=signature(article.authors, language),
        reading_minutes=reading_minutes(article.body, article.lead),
        breadcrumb=breadcrumb(settings, article),
        share=share_links(canonical, article.title),
        related=related_entries(edition, article),
    )
