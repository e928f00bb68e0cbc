"""What an article page shows, computed from the model: dateline, byline, related
news and the side column, reading time, breadcrumb, and which languages a page exists in.

Templates render these values; nothing here produces HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel.dates import format_datetime
from babel.lists import format_list

from .config import Language, NewsSettings
from .content import Article, Newsroom, plain_text
from .dates import iso
from .share import ShareLink, share_links
from .slug import slugify
from .urls import absolute_url, archive_url, author_url, category_url, home_url

# The date-time line as the papers print it in lists: "21/01/2021 - 17:49", "January 21, 2021, 17:49".
DATELINE_PATTERNS = {"vi": "dd/MM/y - HH:mm", "en": "MMMM d, y, HH:mm"}
# Above an article, with the weekday (and the time zone, added by full_dateline):
# "Thứ Năm, 21/01/2021 - 17:49 (GMT+7)", "Thursday, January 21, 2021, 17:49 (GMT+7)".
FULL_DATELINE_PATTERNS = {"vi": "EEEE, dd/MM/y - HH:mm", "en": "EEEE, MMMM d, y, HH:mm"}
DEFAULT_DATELINE_PATTERN = "medium"
DEFAULT_FULL_DATELINE_PATTERN = "full"
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


def gmt_offset(moment: dt.datetime) -> str:
    """The moment's offset as papers print it: 'GMT+7', 'GMT+5:30', 'GMT-3', 'GMT'."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def full_dateline(moment: dt.datetime, lang: str, tz: dt.tzinfo) -> Dateline:
    """The line above an article: 'Thứ Bảy, 14/03/2026 - 08:30 (GMT+7)'."""
    local = moment.astimezone(tz)
    pattern = FULL_DATELINE_PATTERNS.get(lang, DEFAULT_FULL_DATELINE_PATTERN)
    text = format_datetime(local, pattern, tzinfo=tz, locale=lang)
    if lang in FULL_DATELINE_PATTERNS:
        text = f"{text} ({gmt_offset(local)})"
    return Dateline(text, iso(local))


@dataclass(frozen=True)
class BylinePart:
    """A piece of the byline: an author's name with the URL of their page, or the words between."""

    text: str
    url: str | None = None  # site-relative; None for "và", ", " and names without a page


_NAME_MARK = re.compile(r"\x00(\d+)\x00")


def byline(settings: NewsSettings, authors: Iterable[str], lang: str) -> list[BylinePart]:
    """'Trần Thị Đào và Lê Minh Châu' as parts, each name linked to its author listing."""
    names = [unicodedata.normalize("NFC", name) for name in authors if name]
    if not names:
        return []
    text = format_list([f"\x00{index}\x00" for index in range(len(names))], locale=lang)
    parts = []
    for index, piece in enumerate(_NAME_MARK.split(text)):
        if index % 2:  # a captured name number
            name = names[int(piece)]
            url = author_url(settings, lang, name) if slugify(name) else None
            parts.append(BylinePart(name, url))
        elif piece:
            parts.append(BylinePart(piece))
    return parts


def month_url(settings: NewsSettings, moment: dt.datetime, lang: str) -> str:
    """The monthly archive listing the moment's month, in the site's time zone: '2026/03/'."""
    local = moment.astimezone(settings.tz)
    return archive_url(settings, lang, local.year, local.month)


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


def section_latest(newsroom: Newsroom, article: Article, now: dt.datetime,
                   limit: int = SIDE_LIMIT) -> list[Article]:
    """The newest other articles of the article's primary (first) category."""
    if not article.categories:
        return []
    found = newsroom.published_in(article.lang, article.categories[0], now)
    return [other for other in found if other.bundle != article.bundle][:limit]


def latest(newsroom: Newsroom, article: Article, now: dt.datetime,
           limit: int = SIDE_LIMIT) -> list[Article]:
    """The newest other articles in the article's language."""
    found = []
    for other in newsroom.published(article.lang, now):
        if other.bundle != article.bundle:
            found.append(other)
            if len(found) == limit:
                break
    return found


def onward(newsroom: Newsroom, article: Article, now: dt.datetime,
           limit: int = RELATED_LIMIT, minimum: int = RELATED_MIN) -> list[Article]:
    """'Tin liên quan': the related articles, topped up to ``minimum`` with the newest of
    the article's section, then the newest of its language (so every article ends with
    onward links as long as the paper has other articles)."""
    chosen = {other.src_uri: other for other in related(newsroom, article, now, limit)}
    for fallback in (section_latest, latest):
        if len(chosen) >= minimum:
            break
        for other in fallback(newsroom, article, now, limit + minimum):
            chosen.setdefault(other.src_uri, other)
            if len(chosen) >= minimum:
                break
    return list(chosen.values())


def entries(newsroom: Newsroom, articles: Iterable[Article]) -> list[RelatedArticle]:
    """Headline, URL and date line of each article, as lists of links show them."""
    tz = newsroom.settings.tz
    return [RelatedArticle(other.title, newsroom.url(other), dateline(other.date, other.lang, tz))
            for other in articles]


def related_entries(newsroom: Newsroom, article: Article, now: dt.datetime,
                    limit: int = RELATED_LIMIT) -> list[RelatedArticle]:
    return entries(newsroom, onward(newsroom, article, now, limit))


@dataclass(frozen=True)
class SideColumn:
    """Beside the article on wide screens (after it on phones)."""

    section: Crumb | None  # the primary section, linked to its listing
    in_section: list[RelatedArticle]  # its newest other articles
    latest: list[RelatedArticle]  # the newest other articles of the language


def side_column(newsroom: Newsroom, article: Article, now: dt.datetime,
                limit: int = SIDE_LIMIT) -> SideColumn:
    crumbs = breadcrumb(newsroom.settings, article)
    return SideColumn(
        section=crumbs[0] if crumbs else None,
        in_section=entries(newsroom, section_latest(newsroom, article, now, limit)),
        latest=entries(newsroom, latest(newsroom, article, now, limit)),
    )


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


def article_page(newsroom: Newsroom, article: Article, now: dt.datetime,
                 site_url: str | None) -> ArticlePage:
    """The article page's data; ``site_url`` makes the canonical and share URLs absolute."""
    settings = newsroom.settings
    url = newsroom.url(article)
    canonical = absolute_url(site_url, url) if site_url else "/" + url
    updated = None
    if article.updated is not None and article.updated != article.date:
        updated = full_dateline(article.updated, article.lang, settings.tz)
    crumbs = breadcrumb(settings, article)
    return ArticlePage(
        article=article, url=url, canonical_url=canonical,
        home_url=home_url(settings, article.lang),
        published=full_dateline(article.date, article.lang, settings.tz), updated=updated,
        signature=signature(article.authors, article.lang),
        reading_minutes=reading_minutes(article.body, article.lead),
        breadcrumb=crumbs,
        share=share_links(canonical, article.title),
        related=related_entries(newsroom, article, now),
        byline=byline(settings, article.authors, article.lang),
        month_url=month_url(settings, article.date, article.lang),
        section_url=crumbs[0].url if crumbs else None,
        side=side_column(newsroom, article, now),
    )
