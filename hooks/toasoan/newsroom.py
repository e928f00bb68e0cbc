"""The news model: articles (each one language version of a story), static pages, the
problems found while reading them, and the one rule that decides what is published.

:func:`toasoan.content.scan` builds a :class:`Newsroom` from ``docs/``; a
:class:`toasoan.edition.Edition` is the newsroom at one moment (what readers see).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import NamedTuple

from .config import NewsSettings

# Publication states of one language version (see Newsroom.publication).
PUBLISHED, DRAFT, PENDING, SCHEDULED, HELD = "published", "draft", "pending", "scheduled", "held"


@dataclass(frozen=True)
class Publication:
    """Whether a version is published, and if not, why (for messages and `toasoan status`)."""

    state: str
    reason: str = ""
    until: dt.datetime | None = None  # when a scheduled or held version goes out by itself

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED


@dataclass(frozen=True)
class StaticPage:
    """A page that is not news (About...), as read and validated."""

    src_uri: str
    path: str
    lang: str
    url: str  # site-relative
    body: str
    body_line: int
    title: str = ""  # from front matter; "" when the page takes it from its first heading


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or, as a warning, should look at)."""

    path: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Photo:
    """A photo an article shows: ``src`` as written, relative to the bundle."""

    src: str
    alt: str
    caption: str | None
    line: int


class Correction(NamedTuple):
    """A correction of an article (``corrections:``): when, what, and its line in the file."""

    date: dt.datetime
    text: str
    line: int


@dataclass
class Article:
    """One language version of a news story, validated."""

    src_uri: str  # "news/2026/cau-moi/index.vi.md", relative to docs/
    path: str  # as shown to editors: "docs/news/2026/cau-moi/index.vi.md"
    lang: str
    bundle: str  # "news/2026/cau-moi"
    title: str
    date: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lead: str = ""
    lead_from_body: bool = False
    image: str | None = None  # cover, relative to the bundle
    image_alt: str = ""
    photos: tuple[Photo, ...] = ()
    draft: bool = False
    pin: bool = False
    updated: dt.datetime | None = None
    # Markdown to render (without the lead when it was taken from the body); None when the
    # article came from the build cache: toasoan.content.article_body reads it again.
    body: str | None = ""
    body_line: int = 1
    pending_line: int | None = None  # line of "translation: pending", if unfinished
    stands_alone: bool = False  # "draft: false" written out: not held back with its original
    translation_of: str | None = None  # the language it was translated from, if written
    digest: str = ""  # of the file's bytes: what the page shows of it changes with it
    folder_digest: str = ""  # of its folder's listing: its photos (sizes), its translations
    slug: str | None = None  # the last segment of its address, when not the folder's name
    aliases: tuple[str, ...] = ()  # earlier addresses, site-relative ("news/2026/cu/")
    corrections: tuple[Correction, ...] = ()  # oldest first
    lines: dict[str, int] = field(default_factory=dict)  # line of each field the file gives
    inherited: tuple[str, ...] = ()  # shared fields taken from its original

    def __post_init__(self) -> None:
        # Read back from the build cache, corrections are plain tuples.
        self.corrections = tuple(c if isinstance(c, Correction) else Correction(*c)
                                 for c in self.corrections)

    @property
    def translation_pending(self) -> bool:
        return self.pending_line is not None

    def own_state(self, now: dt.datetime) -> str:
        """This file's own publication state: draft, pending, scheduled or published."""
        if self.draft:
            return DRAFT
        if self.translation_pending:
            return PENDING
        if self.date > now:
            return SCHEDULED
        return PUBLISHED

    def pending_problem(self) -> Problem | None:
        """What `toasoan check` says of an unfinished translation."""
        if self.pending_line is None:
            return None
        return Problem(self.path, self.pending_line,
                       "translation not finished: translate the title, lead and text, then "
                       'delete the line "translation: pending" (until then it is not published)')

    @property
    def modified(self) -> dt.datetime:
        """The last change readers are told of: ``updated``, else the latest correction."""
        if self.updated is not None:
            return self.updated
        if self.corrections:
            return max(self.date, max(c.date for c in self.corrections))
        return self.date


@dataclass
class Newsroom:
    """Everything :func:`scan` found: valid articles (published or not) and problems."""

    settings: NewsSettings
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # site URL (relative, e.g. "en/about/") -> display path of the page that writes it
    page_urls: dict[str, str] = field(default_factory=dict)
    pages: list[StaticPage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._bundles: dict[str, dict[str, Article]] = {}
        self._by_src = {article.src_uri: article for article in self.articles}
        for article in self.articles:
            self._bundles.setdefault(article.bundle, {})[article.lang] = article

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def versions(self, article: Article) -> dict[str, Article]:
        """All language versions of the article's bundle, the article included."""
        return self._bundles.get(article.bundle, {})

    def original(self, article: Article) -> Article | None:
        """The version ``article`` was translated from, or None when it is an original: the
        one named by ``translation_of:``, else the default language's version, unless that
        one says it is itself a translation (of ``article``: then ``article`` is the
        original; of a third version: then that one)."""
        versions = self.versions(article)
        if article.translation_of is not None:
            return versions.get(article.translation_of)
        default = self.settings.default_language.code
        if article.lang == default:
            return None
        candidate = versions.get(default)
        if candidate is not None and candidate.translation_of is not None:
            if candidate.translation_of == article.lang:
                return None  # e.g. index.vi.md says translation_of: en
            return versions.get(candidate.translation_of)
        return candidate

    def publication(self, article: Article, now: dt.datetime) -> Publication:
        """The one rule deciding whether ``article`` is published at ``now``; it fails closed.

        A draft, an unfinished translation (``translation: pending``) or an article dated
        after ``now`` is not published. A translation inherits its original's state: while
        the original (:meth:`original`) is a draft, scheduled or unfinished, the translation
        is held back with it, unless it says ``draft: false`` (it then stands alone).
        """
        own = article.own_state(now)
        if own != PUBLISHED:
            reason = {DRAFT: "draft: true", PENDING: "translation: pending",
                      SCHEDULED: "dated in the future"}[own]
            return Publication(own, reason, article.date if own == SCHEDULED else None)
        original = self.original(article)
        if article.stands_alone or original is None or original is article:
            return Publication(PUBLISHED)
        state = original.own_state(now)
        if state == PUBLISHED:
            return Publication(PUBLISHED)
        when = f"{original.date.astimezone(self.settings.tz):%Y-%m-%d %H:%M}"
        why = {DRAFT: "is a draft", PENDING: "is unfinished",
               SCHEDULED: f"is scheduled for {when}"}[state]
        return Publication(HELD, f"its original, {_file_name(original)}, {why}",
                           original.date if state == SCHEDULED else None)

    def is_published(self, article: Article, now: dt.datetime) -> bool:
        """Published for readers at ``now`` (:meth:`publication`), whatever the build mode."""
        return self.publication(article, now).published

    def article_at(self, src_uri: str) -> Article | None:
        """The article read from ``src_uri`` (relative to docs/), if valid."""
        return self._by_src.get(src_uri)


def _file_name(article: Article) -> str:
    return PurePosixPath(article.src_uri).name
