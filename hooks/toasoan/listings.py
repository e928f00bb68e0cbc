"""News listings per language: home page, sections, authors, tags, monthly archive.

A :class:`Listing` is an ordered list of one language's articles at a base URL (the
home page, "chuyen-muc/do-thi/", "tac-gia/tran-thi-dao/", "2026/03/"), cut into
:class:`ListingPage` s, one per generated page ("page/2/"...). The kinds of listing
are a registry, :data:`KINDS`: each says which listings an article belongs to, which
always exist (the configured sections), and how a listing finds its counterpart in
another language. Adding a kind (regions, say) is one entry there, its ``urls:``
entry and heading string in the language files, and nothing else.

:func:`plan` builds every listing of every language in one pass over the shown
articles, checks that no two pages would be written to the same URL, and links each
page to its counterparts in the other languages (``alternates``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote

from .article import dateline
from .config import NewsSettings
from .dates import format_moment
from .edition import Edition
from .figures import image_size
from .locales import Language
from .newsroom import Article, Problem
from .slug import slugify
from .urls import archive_url, author_url, category_url, cover_url, home_url, page_url, tag_url, url_key

HOME, CATEGORY, AUTHOR, TAG, ARCHIVE = "home", "category", "author", "tag", "archive"


@dataclass(frozen=True)
class Group:
    """One listing an article belongs to: its key (slug), label as written, and URL."""

    key: str
    label: str
    url: str


@dataclass(frozen=True)
class ListingKind:
    """One kind of listing (see the module docstring)."""

    name: str
    # The listings of this kind that ``article`` appears in.
    groups: Callable[[Article, NewsSettings], Iterable[Group]]
    # Listings that exist even without articles (the configured sections), per language.
    configured: Callable[[NewsSettings, str], Iterable[tuple[Group, str]]] = lambda s, lang: ()
    # The label pairs that link a listing to its counterpart in another language
    # (settings.categories for sections); None: the same key in every language.
    pairs: Callable[[NewsSettings], tuple[dict[str, str], ...]] | None = None
    # Two different labels that give one address are an error (spell them the same way).
    check_labels: bool = True
    # The front-matter field the labels come from (its line is named in that error).
    field: str = ""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _labelled(values: Callable[[Article], Iterable[str]],
              url_of: Callable[[NewsSettings, str, str], str]):
    def groups(article: Article, settings: NewsSettings) -> Iterable[Group]:
        for label in dict.fromkeys(_nfc(v) for v in values(article)):
            key = slugify(label)
            if key:  # content validation refuses a label without letters
                yield Group(key, label, url_of(settings, article.lang, label))
    return groups


def _home(article: Article, settings: NewsSettings) -> Iterable[Group]:
    yield Group("", "", home_url(settings, article.lang))


def _month(article: Article, settings: NewsSettings) -> Iterable[Group]:
    moment = article.date.astimezone(settings.tz)
    label = format_moment(moment, settings.language(article.lang), "month", settings.tz)
    yield Group(f"{moment.year:04d}/{moment.month:02d}", label,
                archive_url(settings, article.lang, moment.year, moment.month))


def _configured_sections(settings: NewsSettings, lang: str) -> Iterable[tuple[Group, str]]:
    for index, pair in enumerate(settings.categories):
        if lang in pair:
            label = _nfc(pair[lang])
            yield (Group(slugify(label), label, category_url(settings, lang, label)),
                   f"mkdocs.yml: extra.news.categories[{index}].{lang}")


KINDS: tuple[ListingKind, ...] = (
    ListingKind(HOME, _home, configured=lambda s, lang: [(Group("", "", home_url(s, lang)),
                                                            "the home page")],
                check_labels=False),
    ListingKind(CATEGORY, _labelled(lambda a: a.categories, category_url),
                configured=_configured_sections, pairs=lambda s: s.categories, field="categories"),
    ListingKind(AUTHOR, _labelled(lambda a: a.authors, author_url), field="author"),
    ListingKind(TAG, _labelled(lambda a: a.tags, tag_url), field="tags"),
    ListingKind(ARCHIVE, _month, check_labels=False),
)
KIND_NAMES = tuple(kind.name for kind in KINDS)


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
    key: str  # slug of the label, "2026/03" for a month, "" for the home page
    label: str  # category label, author name, month as written; "" for the home page
    url: str
    source: str  # the file (or setting) that asked for this listing, for messages
    language: Language = field(repr=False)
    articles: list[Article] = field(default_factory=list)
    pages: list[ListingPage] = field(default_factory=list)
    # A month's neighbours in the archive (the months before and after that have articles).
    earlier: Link | None = None
    later: Link | None = None

    @property
    def heading(self) -> str:
        return self.label or self.language.t("home")


@dataclass
class ListingPage:
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
    def page_links(self) -> list[Link | None]:
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
        page = self.listing.language.t("page", number=self.number)
        return f"{self.listing.heading} – {page}"

    @property
    def strings(self) -> dict[str, str]:
        return dict(self.listing.language.strings)


@dataclass
class Plan:
    """Every listing of every language, and the problems that stop the build."""

    listings: dict[str, list[Listing]]  # lang -> listings
    problems: list[Problem]

    def pages(self, lang: str) -> list[ListingPage]:
        return [page for listing in self.listings.get(lang, []) for page in listing.pages]


def page_numbers(current: int, count: int, window: int = 2) -> list[int | None]:
    """Page numbers to link: first, last, and ``window`` either side of ``current``."""
    shown = sorted({1, count, *range(max(1, current - window), min(count, current + window) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:  # type: ignore[operator]
            numbers.append(None)
        numbers.append(number)
    return numbers


def entry(article: Article, edition: Edition, docs_dir: Path | None = None) -> Entry:
    """What a listing shows of ``article``; the photo's size is read when ``docs_dir`` is given."""
    settings = edition.settings
    line = dateline(article.date, settings.language(article.lang), settings.tz)
    category = None
    if article.categories:
        label = _nfc(article.categories[0])
        category = Link(label, category_url(settings, article.lang, label))
    photo = cover_url(article)
    size = image_size(docs_dir / unquote(photo)) if photo and docs_dir is not None else None
    width, height = size or (None, None)
    return Entry(article, quote(edition.url(article), safe="/"), photo, line.text, line.iso,
                 category, width, height, not edition.is_published(article))


def plan(edition: Edition, docs_dir: Path | str | None = None) -> Plan:
    """Group the shown articles of each language into paginated listings.

    One pass over each language's articles; each article's entry is made once, however
    many listings show it.
    """
    settings = edition.settings
    docs = Path(docs_dir) if docs_dir is not None else None
    entries: dict[str, Entry] = {}

    def entry_of(article: Article) -> Entry:
        found = entries.get(article.src_uri)
        if found is None:
            found = entries[article.src_uri] = entry(article, edition, docs)
        return found

    problems: list[Problem] = []
    listings = {language.code: _listings(edition, language, problems)
                for language in settings.languages}
    for lang_listings in listings.values():
        for listing in lang_listings:
            _paginate(listing, entry_of, settings.page_size)
    _link_alternates(listings, settings)
    problems.extend(_collisions(listings, edition))
    return Plan(listings, problems)


def tabs(settings: NewsSettings, lang: str) -> list[Link]:
    """Header tabs: the home page, then the sections of extra.news.categories.

    Those sections always have a page (empty ones say "No articles yet"), so a tab
    never leads nowhere.
    """
    language = settings.language(lang)
    return [Link(language.t("home"), home_url(settings, lang))] + [
        Link(group.label, group.url) for group, _ in _configured_sections(settings, lang)]


def _listings(edition: Edition, language: Language, problems: list[Problem]) -> list[Listing]:
    settings = edition.settings
    lang = language.code
    found: dict[tuple[str, str], Listing] = {}
    for kind in KINDS:
        for group, source in kind.configured(settings, lang):
            key = (kind.name, group.key)
            if key in found:
                problems.append(Problem(source, None, _same_slug(kind.name, group.label, found[key])))
                continue
            found[key] = Listing(kind.name, lang, group.key, group.label, group.url, source, language)
    for article in edition.shown(lang):  # newest first
        for kind in KINDS:
            _add(found, kind, article, settings, language, problems)
    home = found[(HOME, "")]
    # The home page: pinned stories first (newest first), then the rest.
    home.articles = [a for a in home.articles if a.pin] + [a for a in home.articles if not a.pin]
    _link_months([listing for (kind, _), listing in found.items() if kind == ARCHIVE])
    return list(found.values())


def _link_months(months: list[Listing]) -> None:
    """Each month links to the nearest earlier and later months that have articles."""
    ordered = sorted(months, key=lambda listing: listing.key)
    for before, after in zip(ordered, ordered[1:], strict=False):
        after.earlier = Link(before.label, before.url)
        before.later = Link(after.label, after.url)


def _add(found: dict[tuple[str, str], Listing], kind: ListingKind, article: Article,
         settings: NewsSettings, language: Language, problems: list[Problem]) -> None:
    for group in kind.groups(article, settings):
        listing = found.get((kind.name, group.key))
        if listing is None:
            listing = found[(kind.name, group.key)] = Listing(
                kind.name, article.lang, group.key, group.label, group.url, article.path, language)
        elif kind.check_labels and listing.label != group.label:
            problems.append(Problem(article.path, article.lines.get(kind.field),
                                    _same_slug(kind.name, group.label, listing)))
            continue
        listing.articles.append(article)


def _same_slug(kind: str, label: str, other: Listing) -> str:
    word = kind if kind in {AUTHOR, TAG} else CATEGORY
    return (f'{word} "{label}" and {word} "{other.label}" ({other.source}) would both be '
            f'published at "/{other.url}"; spell them the same way, or rename one')


def _paginate(listing: Listing, entry_of: Callable[[Article], Entry], size: int) -> None:
    count = max(1, -(-len(listing.articles) // size))
    listing.pages = [
        ListingPage(listing, number, count,
                    tuple(listing.articles[(number - 1) * size:number * size]), entry_of)
        for number in range(1, count + 1)
    ]


def _link_alternates(listings: dict[str, list[Listing]], settings: NewsSettings) -> None:
    """Each page's URL in every language where its counterpart exists."""
    index = {(listing.lang, listing.kind, listing.key): listing
             for lang_listings in listings.values() for listing in lang_listings}
    kinds = {kind.name: kind for kind in KINDS}
    # (kind, lang, slug) -> the paired labels of the other languages
    pairs = {(kind.name, lang, slugify(_nfc(label))): pair
             for kind in KINDS if kind.pairs is not None
             for pair in kind.pairs(settings) for lang, label in pair.items()}
    for lang_listings in listings.values():
        for listing in lang_listings:
            kind = kinds[listing.kind]
            for other in listings:
                if other == listing.lang:
                    continue
                key: str | None = listing.key
                if kind.pairs is not None:
                    label = pairs.get((listing.kind, listing.lang, listing.key), {}).get(other)
                    key = slugify(_nfc(label)) if label else None
                counterpart = index.get((other, listing.kind, key)) if key is not None else None
                if counterpart is None:
                    continue
                for page in listing.pages:
                    number = page.number if page.number <= len(counterpart.pages) else 1
                    page.alternates[other] = page_url(counterpart.url, number)
            for page in listing.pages:
                page.alternates[listing.lang] = page.url


def _describe(page: ListingPage) -> str:
    listing = page.listing
    what = "home page" if listing.kind == HOME else f'{listing.kind} page "{listing.label}"'
    number = f" (page {page.number})" if page.number > 1 else ""
    source = "" if listing.kind == HOME else f", from {listing.source}"
    return f"the generated {listing.lang} {what}{number}{source}"


def _collisions(listings: dict[str, list[Listing]], edition: Edition) -> list[Problem]:
    """Generated pages must not be written where a page or another generated page is."""
    problems: list[Problem] = []
    pages = {url_key(url): shown for url, shown in edition.newsroom.page_urls.items()}
    claimed: dict[str, ListingPage] = {}
    for lang_listings in listings.values():
        for listing in lang_listings:
            for page in listing.pages:
                key = url_key(page.url)
                if key in pages:
                    problems.append(Problem(pages[key], None, (
                        f'writes the same URL "/{page.url}" as {_describe(page)}; '
                        "rename or move this page")))
                elif key in claimed:
                    problems.append(Problem(listing.source, None, (
                        f'{_describe(page)} and {_describe(claimed[key])} would both be '
                        f'written to "/{page.url}"; rename one')))
                else:
                    claimed[key] = page
    return problems
