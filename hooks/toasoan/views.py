"""The contract between Python and the templates: what each page knows, as typed objects.

Every page the site renders carries one :class:`PageNews` (``page.news`` in templates);
every template of a language build sees one :class:`SiteNews` (``news_site``). They hold
plain values (text is raw: templates escape it with ``|e``; URLs are site-relative
unless named ``*_url``/``canonical``/``href``, which are absolute). Nothing here renders
HTML. ARCHITECTURE.md documents each field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .article import ArticlePage, Dateline
from .config import PublisherLines
from .frontpage import FrontPage
from .listings import Link, ListingPage
from .locales import Language
from .search import SearchMetadata
from .structured_data import Tag

ARTICLE, LISTING, STATIC, SEARCH = "article", "listing", "page", "search"
CORRECTIONS = "corrections"  # the page listing every correction of a language


@dataclass(frozen=True)
class SwitchLink:
    """One entry of the language switch."""

    code: str
    name: str  # the language's own name ("Tiếng Việt", "English")
    url: str  # site-relative; the language's home page when the page is not translated
    current: bool
    translated: bool
    note: str = ""  # why it leads to the home page, in the current page's language


@dataclass(frozen=True)
class FeedLink:
    """A feed this page advertises (<link rel="alternate" type=...>)."""

    media_type: str
    title: str
    href: str  # absolute


@dataclass(frozen=True)
class PageNews:
    """What a template knows about the page it renders (``page.news``)."""

    kind: str  # "article", "listing", "page" (static), "search"
    lang: str
    url: str  # site-relative, "" for the default language's home page
    title: str  # plain text; the <title> is "title - site name" except on home pages
    description: str  # plain text, for <meta name="description">
    canonical: str  # absolute
    alternates: Mapping[str, str]  # {language: site-relative URL} where this page exists
    switch: tuple[SwitchLink, ...]
    hreflang: tuple[tuple[str, str], ...]  # (language or "x-default", absolute URL)
    social: tuple[Tag, ...]  # Open Graph / Twitter (attribute, name, content)
    json_ld: str | None  # JSON, already inert in HTML (see structured_data.json_ld)
    feeds: tuple[FeedLink, ...]
    section: str | None = None  # URL of the one section tab marked current
    home: bool = False  # a language's home page (first page)
    authors: tuple[str, ...] = ()  # <meta name="author">
    article: ArticlePage | None = None
    listing: ListingPage | None = None
    front: FrontPage | None = None  # the home page's first page: the newspaper's front page
    search: SearchMetadata | None = None  # an article's search record (Pagefind metadata)
    corrections: CorrectionsPage | None = None  # the corrections page's list


@dataclass(frozen=True)
class SiteNews:
    """What every template of one language build knows (``news_site``)."""

    lang: str
    language: Language
    languages: tuple[Language, ...]
    site_name: str
    home_url: str  # site-relative
    search_url: str  # site-relative
    search_labels: Mapping[str, str]
    tabs: tuple[Link, ...]
    csp: str
    serving: bool  # rendered by `mkdocs serve` (a live-reload script file is added)
    preview: bool  # drafts are shown, marked
    masthead: Masthead
    publisher: PublisherLines  # the footer's imprint, in this language
    switch: tuple[SwitchLink, ...]  # the language switch of a page without page.news (404)
    t: Mapping[str, str] = field(default_factory=dict)  # the language's interface text
    corrections_url: str = ""  # site-relative: the corrections page (linked from the footer)


@dataclass(frozen=True)
class CorrectionEntry:
    """One correction as the corrections page lists it."""

    title: str  # the article's headline
    url: str  # site-relative URL of the article
    dateline: Dateline  # when it was corrected
    text: str


@dataclass(frozen=True)
class CorrectionsPage:
    """The corrections page of a language: every correction of its published articles,
    newest first."""

    entries: tuple[CorrectionEntry, ...]


@dataclass(frozen=True)
class Redirect:
    """A page written at an article's earlier address (``aliases:``), sending readers to
    the article; also a line of ``_redirects`` and an entry of ``redirects.json``."""

    lang: str
    alias: str  # site-relative, as normalized ("news/2026/cu/", "tin/cu-123.html")
    file: str  # where its page is written ("news/2026/cu/index.html")
    url: str  # site-relative URL of the article
    href: str  # the article's URL relative to the page (percent-encoded)
    canonical: str  # the article's absolute URL
    title: str  # the page's <title>: the language's "This article has moved"
    text: str  # the sentence before the link


@dataclass(frozen=True)
class Masthead:
    """The masthead's data: the paper's time zone (for today's date, written in the
    reader's browser) and its logo when it is a file of the site ("" for the default mark)."""

    timezone: str
    logo: str


@dataclass(frozen=True)
class LanguageLink:
    """A link to another language's site, labelled in that language."""

    code: str
    label: str
    url: str


@dataclass(frozen=True)
class NotFound:
    """The 404 page of a language (``news_notfound``): links are absolute from the site's
    path, because the host serves this page at any address."""

    lang: str
    home_url: str
    latest: tuple[Link, ...]
    others: tuple[LanguageLink, ...]  # the other languages' home pages


def language_switch(languages: Iterable[Language], alternates: Mapping[str, str],
                    current: Language, kind: str) -> tuple[SwitchLink, ...]:
    """The switch: each language links to this page in it, else to its home page, saying
    why in the current page's language ("Bài viết chưa có bản tiếng Anh")."""
    links = []
    key = "untranslated_article" if kind == ARTICLE else "untranslated_page"
    for language in languages:
        translated = language.code in alternates
        url = alternates[language.code] if translated else language.prefix
        note = "" if translated else current.t(key, language=current.name_of(language.code))
        links.append(SwitchLink(language.code, language.name, url, language.code == current.code,
                                translated, note))
    return tuple(links)


def hreflang(alternates: Mapping[str, str], codes: Sequence[str], default: str,
             absolute: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """hreflang alternates of a page: each language it exists in, then x-default (the
    default language's version, or the first there is). ``absolute`` maps each site-relative
    URL of ``alternates`` to its absolute form."""
    versions = [(code, absolute[alternates[code]]) for code in codes if code in alternates]
    if not versions:
        return ()
    fallback = next((url for code, url in versions if code == default), versions[0][1])
    return (*versions, ("x-default", fallback))
