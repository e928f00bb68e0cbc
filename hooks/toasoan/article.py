"""What an article page shows, computed from the model: dateline, signature,
related news, reading time, breadcrumb, and which languages a page exists in.

Templates render these values; nothing here produces HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel.dates import format_datetime
from babel.lists import format_list

from .config import Language, NewsSettings
from .content import Article, Newsroom, plain_text
from .dates import iso
from .share import ShareLink, share_links
from .urls import absolute_url, category_url, home_url

# The date-time line as the papers print it: "21/01/2021 - 17:49", "January 21, 2021 - 17:49".
DATELINE_PATTERNS = {"vi": "dd/MM/y - HH:mm", "en": "MMMM d, y - HH:mm"}
DEFAULT_DATELINE_PATTERN = "medium"
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


@dataclass(frozen=True)
class SwitchLink:
    """One entry of the language switch."""

    code: str
    name: str
    url: str  # site-relative; the language's home page when the page is not translated
    current: bool
    translated: bool


def dateline(moment: dt.datetime, lang: str, tz: dt.tzinfo) -> Dateline:
    """The moment in the site's time zone: '21/01/2021 - 17:49' (vi), 'January 21, 2021 - 17:49' (en)."""
    local = moment.astimezone(tz)
    pattern = DATELINE_PATTERNS.get(lang)
    if pattern is None:
        text = f"{format_datetime(local, DEFAULT_DATELINE_PATTERN, tzinfo=tz, locale=lang)}"
    else:
        text = format_datetime(local, pattern, tzinfo=tz, locale=lang)
    return Dateline(text, iso(local))


def signature(authors: Iterable[str], lang: str) -> str:
    """The by-line signed at the end: 'Trần Thị Đào', 'A, B và C', 'A and B'."""
    names = [name for name in authors if name]
    return format_list(names, locale=lang) if names else ""


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


def related(newsroom: Newsroom, article: Article, now: dt.datetime,
            limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to ``limit`` other published articles in the same language sharing a category, newest first."""
    # The newest `limit` of each of its categories (per-category index, built once
    # per build) hold the answer: linear in the archive for the whole site.
    candidates: dict[str, Article] = {}
    for label in article.categories:
        taken = 0
        for other in newsroom.published_in(article.lang, label, now):
            if other.bundle == article.bundle:
                continue
            candidates.setdefault(other.src_uri, other)
            taken += 1
            if taken == limit:
                break
    ordered = sorted(candidates.values(), key=lambda a: (a.date, a.src_uri), reverse=True)
    return ordered[:limit]


def related_entries(newsroom: Newsroom, article: Article, now: dt.datetime,
                    limit: int = RELATED_LIMIT) -> list[RelatedArticle]:
    tz = newsroom.settings.tz
    return [RelatedArticle(other.title, newsroom.url(other), dateline(other.date, other.lang, tz))
            for other in related(newsroom, article, now, limit)]


def normalize_url(url: str) -> str:
    """MkDocs' page URL as the alternates contract writes it: './' -> '', no leading slash."""
    url = url.lstrip("/")
    return "" if url in (".", "./") else url


def article_alternates(newsroom: Newsroom, article: Article, now: dt.datetime) -> dict[str, str]:
    """{language: site-relative URL} of every published version of the story, itself included."""
    found = {article.lang: newsroom.url(article)}
    for lang in newsroom.settings.language_codes:
        other = newsroom.translation(article, lang, now)
        if other is not None:
            found[lang] = newsroom.url(other)
    return {lang: found[lang] for lang in newsroom.settings.language_codes if lang in found}


def page_alternates(candidates: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """Alternates of a static page from (language, locale of its file, URL) candidates.

    mkdocs-static-i18n offers the default-language file as the "translation" of an
    untranslated page; such a fallback (locale differs from the language) is dropped.
    """
    return {code: normalize_url(url) for code, locale, url in candidates if locale == code}


def language_switch(languages: Iterable[Language], alternates: Mapping[str, str],
                    current: str) -> list[SwitchLink]:
    """The switch: each language links to this page in it, else to its home page."""
    links = []
    for language in languages:
        translated = language.code in alternates
        url = alternates[language.code] if translated else language.prefix
        links.append(SwitchLink(language.code, language.name, url,
                                language.code == current, translated))
    return links


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


def article_page(newsroom: Newsroom, article: Article, now: dt.datetime,
                 site_url: str | None) -> ArticlePage:
    """The article page's data; ``site_url`` makes the canonical and share URLs absolute."""
    settings = newsroom.settings
    url = newsroom.url(article)
    canonical = absolute_url(site_url, url) if site_url else "/" + url
    updated = None
    if article.updated is not None and article.updated != article.date:
        updated = dateline(article.updated, article.lang, settings.tz)
    return ArticlePage(
        article=article, url=url, canonical_url=canonical,
        home_url=home_url(settings, article.lang),
        published=dateline(article.date, article.lang, settings.tz), updated=updated,
        signature=signature(article.authors, article.lang),
        reading_minutes=reading_minutes(article.body, article.lead),
        breadcrumb=breadcrumb(settings, article),
        share=share_links(canonical, article.title),
        related=related_entries(newsroom, article, now),
    )
