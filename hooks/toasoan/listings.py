"""News listings: home page, categories, authors and monthly archive, per language.

A :class:`Listing` is an ordered list of articles at a base URL (the home page,
"chuyen-muc/do-thi/", "tac-gia/tran-thi-dao/", "2026/03/"); it is cut into
:class:`Edition` s, one per generated page ("page/2/"...). :func:`plan` builds
every listing of every language in one pass over the published articles (plus
the sort), checks that no two pages would be written to the same URL, and links
each edition to its counterparts in the other languages (``alternates``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote

from .article import dateline
from .config import NewsSettings
from .content import Article, Newsroom, Problem
from .dates import format_month
from .figures import image_size
from .slug import slugify
from .urls import archive_url, author_url, category_url, home_url, page_url

HOME, CATEGORY, AUTHOR, ARCHIVE = "home", "category", "author", "archive"

# Text shown around listings (printed with |e by the templates).
STRINGS = {
    "vi": {"home": "Trang chủ", "category": "Chuyên mục", "author": "Tác giả",
           "archive": "Lưu trữ", "empty": "Chưa có bài viết", "previous": "Trang trước",
           "next": "Trang sau", "page": "Trang {number}", "pagination": "Phân trang",
           "latest": "Tin mới nhất", "unpublished": "Chưa xuất bản"},
    "en": {"home": "Home", "category": "Category", "author": "Author", "archive": "Archive",
           "empty": "No articles yet", "previous": "Previous", "next": "Next",
           "page": "Page {number}", "pagination": "Pagination", "latest": "Latest news",
           "unpublished": "Not published"},
}


def strings(lang: str) -> dict[str, str]:
    return STRINGS.get(lang, STRINGS["en"])


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # site-relative, no leading slash


@dataclass(frozen=True)
class Entry:
    """One article as a listing shows it."""

    article: Article
    url: str
    image_url: str | None  # site-relative URL of the cover photo
    dateline: str
    datetime: str  # ISO 8601, for <time datetime>
    category: Link | None
    width: int | None = None  # of the cover photo, when its file says
    height: int | None = None
    unpublished: bool = False  # a draft or future article, listed only in preview builds


@dataclass
class Listing:
    """An ordered list of one language's articles, published at ``url``."""

    kind: str
    lang: str
    key: str  # category/author slug, "2026/03" for a month, "" for the home page
    label: str  # category label, author name, month; "" for the home page
    url: str
    source: str  # the file (or setting) that asked for this listing, for messages
    articles: list[Article] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)
    # A month's neighbours in the archive (the months before and after that have articles).
    earlier: Link | None = None
    later: Link | None = None

    @property
    def heading(self) -> str:
        return self.label or strings(self.lang)["home"]


@dataclass
class Edition:
    """One generated page of a listing."""

    listing: Listing
    number: int  # 1-based
    count: int  # pages in the listing
    articles: tuple[Article, ...]
    entry_of: Callable[[Article], Entry] = field(repr=False)
    alternates: dict[str, str] = field(default_factory=dict)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """What the page shows of its articles (made when first asked for: only the
        language being built renders its pages)."""
        return tuple(self.entry_of(article) for article in self.articles)

    @property
    def url(self) -> str:
        return page_url(self.listing.url, self.number)

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    @property
    def previous_url(self) -> str | None:
        return page_url(self.listing.url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.listing.url, self.number + 1) if self.number < self.count else None

    @property
    def pages(self) -> list[Link | None]:
        """Numbered links around this page; None marks a gap ('…')."""
        return [None if n is None else Link(str(n), page_url(self.listing.url, n))
                for n in page_numbers(self.number, self.count)]

    @property
    def top(self) -> Entry | None:
        """The top story, shown large: first entry of the home page's first page."""
        if self.listing.kind == HOME and self.number == 1 and self.entries:
            return self.entries[0]
        return None

    @property
    def rest(self) -> tuple[Entry, ...]:
        return self.entries[1:] if self.top else self.entries

    @property
    def title(self) -> str:
        """Plain-text page title ('Đô thị', 'Đô thị – Trang 2'); escape it for HTML."""
        if self.number == 1:
            return self.listing.heading
        page = strings(self.listing.lang)["page"].format(number=self.number)
        return f"{self.listing.heading} – {page}"

    @property
    def strings(self) -> dict[str, str]:
        return strings(self.listing.lang)


@dataclass
class Plan:
    """Every listing of every language, and the problems that stop the build."""

    listings: dict[str, list[Listing]]  # lang -> listings
    problems: list[Problem]

    def editions(self, lang: str) -> list[Edition]:
        return [edition for listing in self.listings.get(lang, []) for edition in listing.editions]


def page_numbers(current: int, count: int, window: int = 2) -> list[int | None]:
    """Page numbers to link: first, last, and ``window`` either side of ``current``."""
    shown = sorted({1, count, *range(max(1, current - window), min(count, current + window) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:  # type: ignore[operator]
            numbers.append(None)
        numbers.append(number)
    return numbers


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _url_key(url: str) -> str:
    """URLs that one file system or browser would treat as the same address."""
    return unicodedata.normalize("NFC", unquote(url)).casefold()


def image_url(article: Article) -> str | None:
    """The cover photo's URL relative to the site: '<bundle>/<image>', encoded."""
    if not article.image:
        return None
    src = unquote(article.image)
    path = src.lstrip("/") if src.startswith("/") else posixpath.normpath(
        posixpath.join(article.bundle, src))
    return quote(path, safe="/")


def entry(article: Article, newsroom: Newsroom, now: dt.datetime,
          docs_dir: Path | None = None) -> Entry:
    """What a listing shows of ``article``; the photo's size is read when ``docs_dir`` is given."""
    settings = newsroom.settings
    line = dateline(article.date, article.lang, settings.tz)
    category = None
    if article.categories:
        label = _nfc(article.categories[0])
        category = Link(label, category_url(settings, article.lang, label))
    photo = image_url(article)
    size = image_size(docs_dir / unquote(photo)) if photo and docs_dir is not None else None
    width, height = size or (None, None)
    return Entry(article, quote(newsroom.url(article), safe="/"), photo, line.text, line.iso,
                 category, width, height, not article.is_published(now))


def plan(newsroom: Newsroom, now: dt.datetime, docs_dir: Path | str | None = None) -> Plan:
    """Group the published articles of each language into paginated listings.

    One pass over each language's published articles; each article's entry is
    made once, however many listings show it.
    """
    settings = newsroom.settings
    docs = Path(docs_dir) if docs_dir is not None else None
    entries: dict[str, Entry] = {}

    def entry_of(article: Article) -> Entry:
        found = entries.get(article.src_uri)
        if found is None:
            found = entries[article.src_uri] = entry(article, newsroom, now, docs)
        return found

    problems: list[Problem] = []
    listings: dict[str, list[Listing]] = {}
    for language in settings.languages:
        lang = language.code
        found = _listings(newsroom, lang, newsroom.published(lang, now), problems)
        listings[lang] = found
    for lang_listings in listings.values():
        for listing in lang_listings:
            _paginate(listing, entry_of, settings.page_size)
    _link_alternates(listings, settings)
    problems.extend(_collisions(listings, newsroom))
    return Plan(listings, problems)


def tabs(settings: NewsSettings, lang: str) -> list[Link]:
    """Header tabs: the home page, then the categories of extra.news.categories.

    Those categories always have a page (empty ones say "No articles yet"), so a
    tab never leads nowhere.
    """
    return [Link(strings(lang)["home"], home_url(settings, lang))] + [
        Link(_nfc(pair[lang]), category_url(settings, lang, _nfc(pair[lang])))
        for pair in settings.categories if lang in pair]


def _listings(newsroom: Newsroom, lang: str, published: list[Article],
              problems: list[Problem]) -> list[Listing]:
    settings = newsroom.settings
    pinned = [a for a in published if a.pin]
    home = Listing(HOME, lang, "", "", home_url(settings, lang), "the home page",
                   pinned + [a for a in published if not a.pin])
    categories: dict[str, Listing] = {}
    for index, pair in enumerate(settings.categories):
        if lang in pair:
            label = _nfc(pair[lang])
            key = slugify(label)
            where = f"mkdocs.yml: extra.news.categories[{index}].{lang}"
            if key in categories:
                problems.append(Problem(where, None, _same_slug("category", label,
                                                                categories[key])))
                continue
            categories[key] = Listing(CATEGORY, lang, key, label,
                                      category_url(settings, lang, label), where)
    authors: dict[str, Listing] = {}
    months: dict[str, Listing] = {}
    for article in published:
        for raw in dict.fromkeys(_nfc(c) for c in article.categories):
            _add(categories, CATEGORY, raw, article, problems,
                 lambda label: category_url(settings, lang, label))
        for raw in dict.fromkeys(_nfc(a) for a in article.authors):
            _add(authors, AUTHOR, raw, article, problems,
                 lambda name: author_url(settings, lang, name))
        moment = article.date.astimezone(settings.tz)
        key = f"{moment.year:04d}/{moment.month:02d}"
        month = months.get(key)
        if month is None:
            month = months[key] = Listing(
                ARCHIVE, lang, key, format_month(moment.year, moment.month, lang),
                archive_url(settings, lang, moment.year, moment.month), article.path)
        month.articles.append(article)
    _link_months(months)
    return [home, *categories.values(), *authors.values(), *months.values()]


def _link_months(months: dict[str, Listing]) -> None:
    """Each month links to the nearest earlier and later months that have articles."""
    ordered = [months[key] for key in sorted(months)]
    for before, after in zip(ordered, ordered[1:], strict=False):
        after.earlier = Link(before.label, before.url)
        before.later = Link(after.label, after.url)


def _add(groups: dict[str, Listing], kind: str, label: str, article: Article,
         problems: list[Problem], url_of) -> None:
    key = slugify(label)
    if not key:
        return  # content validation already refused a label without letters
    group = groups.get(key)
    if group is None:
        group = groups[key] = Listing(kind, article.lang, key, label, url_of(label), article.path)
    elif group.label != label:
        problems.append(Problem(article.path, None, _same_slug(kind, label, group)))
        return
    group.articles.append(article)


def _same_slug(kind: str, label: str, other: Listing) -> str:
    word = "author" if kind == AUTHOR else "category"
    return (f'{word} "{label}" and {word} "{other.label}" ({other.source}) would both be '
            f'published at "/{other.url}"; spell them the same way, or rename one')


def _paginate(listing: Listing, entry_of: Callable[[Article], Entry], size: int) -> None:
    count = max(1, -(-len(listing.articles) // size))
    listing.editions = [
        Edition(listing, number, count,
                tuple(listing.articles[(number - 1) * size:number * size]), entry_of)
        for number in range(1, count + 1)
    ]


def _link_alternates(listings: dict[str, list[Listing]], settings: NewsSettings) -> None:
    """Each edition's URL in every language where its counterpart exists."""
    index = {(listing.lang, listing.kind, listing.key): listing
             for lang_listings in listings.values() for listing in lang_listings}
    # (lang, category slug) -> the paired labels of the other languages
    pairs = {(lang, slugify(_nfc(label))): pair
             for pair in settings.categories for lang, label in pair.items()}
    for lang_listings in listings.values():
        for listing in lang_listings:
            for other in listings:
                if other == listing.lang:
                    continue
                key = listing.key
                if listing.kind == CATEGORY:
                    label = pairs.get((listing.lang, listing.key), {}).get(other)
                    key = slugify(_nfc(label)) if label else None
                counterpart = index.get((other, listing.kind, key)) if key is not None else None
                if counterpart is None:
                    continue
                for edition in listing.editions:
                    number = edition.number if edition.number <= len(counterpart.editions) else 1
                    edition.alternates[other] = page_url(counterpart.url, number)
            for edition in listing.editions:
                edition.alternates[listing.lang] = edition.url


def _describe(edition: Edition) -> str:
    listing = edition.listing
    what = "home page" if listing.kind == HOME else f'{listing.kind} page "{listing.label}"'
    page = f" (page {edition.number})" if edition.number > 1 else ""
    source = "" if listing.kind == HOME else f", from {listing.source}"
    return f"the generated {listing.lang} {what}{page}{source}"


def _collisions(listings: dict[str, list[Listing]], newsroom: Newsroom) -> list[Problem]:
    """Generated pages must not be written where a page or another generated page is."""
    problems: list[Problem] = []
    pages = {_url_key(url): shown for url, shown in newsroom.page_urls.items()}
    claimed: dict[str, Edition] = {}
    for lang_listings in listings.values():
        for listing in lang_listings:
            for edition in listing.editions:
                key = _url_key(edition.url)
                if key in pages:
                    problems.append(Problem(pages[key], None, (
                        f'writes the same URL "/{edition.url}" as {_describe(edition)}; '
                        "rename or move this page")))
                elif key in claimed:
                    problems.append(Problem(listing.source, None, (
                        f'{_describe(edition)} and {_describe(claimed[key])} would both be '
                        f'written to "/{edition.url}"; rename one')))
                else:
                    claimed[key] = edition
    return problems
