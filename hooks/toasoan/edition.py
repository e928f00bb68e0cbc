"""The paper at one moment: which articles readers see, and in which order.

An :class:`Edition` is a :class:`~toasoan.newsroom.Newsroom` fixed at a build's "now",
in a build mode: it answers every question about publication (so no other module
filters by date, draft or preview mode itself) and keeps the sorted lists that
listings, feeds and related news share, computed once per build.

- :meth:`Edition.published` — what readers get: never a draft, an unfinished
  translation, an article dated later, or one held back with its translation.
  Feeds, sitemaps, search and everything machine-read use this.
- :meth:`Edition.shown` — what pages list: the same, plus (in a preview build only)
  the unpublished articles, which templates mark "not published".
"""

from __future__ import annotations

import datetime as dt

from .newsroom import Article, Newsroom, Publication
from .urls import article_url


class Edition:
    def __init__(self, newsroom: Newsroom, now: dt.datetime, *, preview: bool = False) -> None:
        self.newsroom = newsroom
        self.settings = newsroom.settings
        self.now = now
        self.preview = preview
        self._states: dict[str, Publication] = {}
        self._shown: dict[str, tuple[Article, ...]] = {}
        self._published: dict[str, tuple[Article, ...]] = {}
        self._by_category: dict[str, dict[str, tuple[Article, ...]]] = {}
        self._positions: dict[tuple[str, str | None], dict[str, int]] = {}

    def state(self, article: Article) -> Publication:
        """The publication state of ``article`` at this edition's moment (the one rule:
        :meth:`Newsroom.publication`)."""
        found = self._states.get(article.src_uri)
        if found is None:
            found = self._states[article.src_uri] = self.newsroom.publication(article, self.now)
        return found

    def is_published(self, article: Article) -> bool:
        return self.state(article).published

    def shows(self, article: Article) -> bool:
        """Published, or shown (marked) because this is a preview."""
        return self.preview or self.is_published(article)

    def shown(self, lang: str) -> tuple[Article, ...]:
        """The articles in ``lang`` that pages list, newest first (stable on ties)."""
        if lang not in self._shown:
            found = [a for a in self.newsroom.articles if a.lang == lang and self.shows(a)]
            self._shown[lang] = _newest_first(found)
        return self._shown[lang]

    def published(self, lang: str) -> tuple[Article, ...]:
        """The articles in ``lang`` readers get, newest first: never an unpublished one."""
        if lang not in self._published:
            self._published[lang] = tuple(a for a in self.shown(lang) if self.is_published(a))
        return self._published[lang]

    def shown_in(self, lang: str, category: str) -> tuple[Article, ...]:
        """The shown articles in ``lang`` filed under ``category``, newest first."""
        if lang not in self._by_category:
            index: dict[str, list[Article]] = {}
            for article in self.shown(lang):
                for label in article.categories:
                    index.setdefault(label, []).append(article)
            self._by_category[lang] = {label: tuple(found) for label, found in index.items()}
        return self._by_category[lang].get(category, ())

    def neighbours(self, article: Article, category: str | None = None,
                   limit: int = 5) -> tuple[Article, ...]:
        """Up to ``limit`` shown articles nearest in time to ``article`` in its language (in
        ``category`` when given), its own story excluded: those published just before it,
        newest first, then, when there are not enough, those just after it, oldest first.

        Lists made this way do not change when newer articles are published (once an article
        has ``limit`` successors), so an article's page does not either: the archive can be
        rebuilt and uploaded in part."""
        ordered = self.shown(article.lang) if category is None else \
            self.shown_in(article.lang, category)
        key = (article.lang, category)
        positions = self._positions.get(key)
        if positions is None:
            positions = self._positions[key] = {a.src_uri: i for i, a in enumerate(ordered)}
        at = positions.get(article.src_uri)
        if at is None:  # not in that list (unpublished): where it would stand, by date
            at = sum(1 for a in ordered if (a.date, a.src_uri) > (article.date, article.src_uri))
            older, newer = range(at, len(ordered)), range(at - 1, -1, -1)
        else:
            older, newer = range(at + 1, len(ordered)), range(at - 1, -1, -1)
        found: list[Article] = []
        for side in (older, newer):  # ``ordered`` is newest first
            for index in side:
                if len(found) == limit:
                    return tuple(found)
                other = ordered[index]
                if other.bundle != article.bundle:
                    found.append(other)
        return tuple(found)

    def translation(self, article: Article, lang: str) -> Article | None:
        """The shown version of the same story in ``lang``, if there is one."""
        other = self.newsroom.versions(article).get(lang)
        if other is None or other is article or not self.shows(other):
            return None
        return other

    def url(self, article: Article) -> str:
        """Site-relative URL of an article: 'news/2026/x/' or 'en/news/2026/x/'."""
        return article_url(self.settings, article)

    def alternates(self, article: Article) -> dict[str, str]:
        """{language: site-relative URL} of every shown version of the story, itself included,
        in the site's language order."""
        found = {article.lang: self.url(article)}
        for code in self.settings.language_codes:
            other = self.translation(article, code)
            if other is not None:
                found[code] = self.url(other)
        return {code: found[code] for code in self.settings.language_codes if code in found}


def _newest_first(articles: list[Article]) -> tuple[Article, ...]:
    return tuple(sorted(articles, key=lambda a: (a.date, a.src_uri), reverse=True))
