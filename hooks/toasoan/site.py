"""One build of the whole site, planned before anything is written.

A :class:`SiteBuild` holds everything one build of every language needs, computed
once: the settings, the build's moment and mode, the content (an
:class:`~toasoan.edition.Edition`), the listings, and every page each language will
publish (:class:`PageRef`). The MkDocs adapter (``hooks/toasoan_mkdocs/``) creates it
in its "plan" phase and asks it for each page's :class:`~toasoan.views.PageNews`, for
the feeds and for the sitemaps; nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from . import feeds, search, sitemap
from .article import article_page, dateline, onward, section_neighbours
from .config import NewsSettings
from .content import article_body, language_suffix, plain_text
from .credits import split_credit
from .edition import Edition
from .frontpage import front_page
from .listings import CATEGORY, HOME, Link, ListingPage, Plan, plan, tabs
from .locales import Language
from .newsroom import Article, Newsroom, Problem, StaticPage
from .structured_data import article_tags, json_ld, news_article, site_tags, website
from .urls import (
    absolute_url,
    alias_file,
    asset_source,
    category_url,
    corrections_url,
    cover_url,
    latest_url,
    relative_url,
    search_url,
    url_key,
)
from .views import (
    ARTICLE,
    CORRECTIONS,
    LISTING,
    SEARCH,
    STATIC,
    CorrectionEntry,
    CorrectionsPage,
    FeedLink,
    LanguageLink,
    Masthead,
    NotFound,
    PageNews,
    Redirect,
    SiteNews,
    hreflang,
    language_switch,
)

NOTFOUND_LATEST = 5
LATEST_JSON = 10  # articles in latest.json (the side column shows the first five others)
REDIRECTS_FILE = "_redirects"  # Netlify, Cloudflare Pages: "from to 301" per line
REDIRECTS_JSON = "redirects.json"  # the same map, for other hosts' configuration
# Folders of the site's own files: no alias may write a page there.
RESERVED_FOLDERS = ("assets/", "pagefind/", "admin/")


@dataclass(frozen=True)
class Mode:
    """How the site is being built."""

    serving: bool = False  # by `mkdocs serve`, for an editor's browser
    preview: bool = False  # drafts and future articles shown, marked (serving only)


@dataclass(frozen=True)
class SiteText:
    """A language's site name and description (the i18n plugin may translate them)."""

    name: str
    description: str = ""


@dataclass(frozen=True)
class PageRef:
    """One page a language publishes, known before MkDocs renders anything."""

    kind: str  # views.ARTICLE, LISTING, STATIC, SEARCH or CORRECTIONS
    lang: str
    url: str  # site-relative
    src_uri: str  # the docs/ file, or the name of the generated page ("en/search.md")
    article: Article | None = None
    listing: ListingPage | None = None
    static: StaticPage | None = None

    @property
    def generated(self) -> bool:
        return self.kind in {LISTING, SEARCH, CORRECTIONS}


@dataclass
class SiteBuild:
    """Settings, moment, mode and content of one build of the whole site (all languages)."""

    settings: NewsSettings
    newsroom: Newsroom
    now: dt.datetime
    site_url: str
    texts: dict[str, SiteText]  # per language
    mode: Mode = field(default_factory=Mode)
    docs_dir: Path | None = None

    @cached_property
    def edition(self) -> Edition:
        return Edition(self.newsroom, self.now, preview=self.mode.preview)

    @cached_property
    def plan(self) -> Plan:
        return plan(self.edition, self.docs_dir)

    @property
    def problems(self) -> list[Problem]:
        """Content and listing problems; errors stop the build."""
        found = list(self.newsroom.problems)
        if not self.newsroom.errors:
            found += self.plan.problems
            found += self._search_collisions()
            found += self._alias_problems()
        return sorted(found, key=lambda p: (p.path, p.line or 0))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def language(self, code: str) -> Language:
        return self.settings.language(code)

    def body(self, article: Article) -> str:
        """The article's Markdown (read again if it came from the build cache)."""
        if article.body is not None or self.docs_dir is None:
            return article.body or ""
        return article_body(self.docs_dir, article)

    # ------------------------------------------------------------------ fingerprints

    def page_key(self, ref: PageRef, scope: str) -> str:
        """A fingerprint of everything ``ref``'s page shows: the same key, the same bytes.

        ``scope`` covers what every page shares (code, templates, settings, the language's
        menu); the rest is the page's own inputs: its source, its photos, its publication
        state, its translations, and the articles it lists or links to (their files)."""
        parts: list[object] = [scope, ref.kind, ref.lang, ref.url,
                               sorted(self.alternates(ref).items())]
        edition = self.edition
        if ref.article is not None:
            article = ref.article
            parts += [self._article_key(article),
                      [self._link_key(a) for a in onward(edition, article)],
                      [self._link_key(a) for a in section_neighbours(edition, article)]]
        elif ref.listing is not None:
            page = ref.listing
            listing = page.listing
            parts += [page.number, page.count, listing.kind, listing.key, listing.label,
                      listing.earlier, listing.later,
                      [self._entry_key(a) for a in page.articles]]
            if listing.kind == HOME and page.number == 1:
                front = front_page(self.plan.listings[ref.lang], self.settings, ref.lang)
                shown = [front.top, *front.secondary, *front.latest,
                         *(e for block in front.sections for e in block.entries)]
                parts.append([self._entry_key(e.article) for e in shown if e is not None])
        elif ref.static is not None:
            parts += [ref.static.title, ref.static.body, ref.static.body_line]
        return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=20).hexdigest()

    def _article_key(self, article: Article) -> tuple[str, ...]:
        """An article's own page: its file, its folder (photos), its state."""
        return (article.src_uri, article.digest, article.folder_digest,
                self.edition.state(article).state)

    def _link_key(self, article: Article) -> tuple[object, ...]:
        """A link to an article (related news, the side column): headline, address, date."""
        return (article.src_uri, self.edition.url(article), article.title,
                article.date.isoformat(), self.edition.state(article).state)

    def _entry_key(self, article: Article) -> tuple[object, ...]:
        """An article in a listing: headline, date, section, lead, cover (and its size)."""
        return (*self._link_key(article), article.lead, article.categories, article.image,
                article.folder_digest if article.image else "", article.pin)

    def absolute(self, url: str) -> str:
        return absolute_url(self.site_url, url)

    # ------------------------------------------------------------------ the pages

    @cached_property
    def _pages(self) -> dict[str, dict[str, PageRef]]:
        found: dict[str, dict[str, PageRef]] = {code: {} for code in self.settings.language_codes}
        for article in self.newsroom.articles:
            if self.edition.shows(article):
                found[article.lang][article.src_uri] = PageRef(
                    ARTICLE, article.lang, self.edition.url(article), article.src_uri,
                    article=article)
        for page in self.newsroom.pages:
            found[page.lang][page.src_uri] = PageRef(STATIC, page.lang, page.url, page.src_uri,
                                                     static=page)
        for code in self.settings.language_codes:
            for listing_page in self.plan.pages(code):
                found[code][listing_page.src_uri] = PageRef(
                    LISTING, code, listing_page.url, listing_page.src_uri, listing=listing_page)
            url = search_url(self.settings, code)
            src = search.search_page_src(url)
            found[code][src] = PageRef(SEARCH, code, url, src)
            url = corrections_url(self.settings, code)
            src = url.rstrip("/") + ".md"
            found[code][src] = PageRef(CORRECTIONS, code, url, src)
        return found

    def pages(self, lang: str) -> dict[str, PageRef]:
        """Every page ``lang`` publishes, by source (docs/ file or generated name)."""
        return self._pages[lang]

    def generated(self, lang: str) -> list[PageRef]:
        return [ref for ref in self._pages[lang].values() if ref.generated]

    def page_for(self, lang: str, src_uri: str) -> PageRef | None:
        return self._pages[lang].get(src_uri)

    def _search_collisions(self) -> list[Problem]:
        found = []
        for code in self.settings.language_codes:
            for url, what in ((search_url(self.settings, code), "search page"),
                              (corrections_url(self.settings, code), "corrections page")):
                taken = self.newsroom.page_urls.get(url)
                if taken is not None:
                    found.append(Problem(taken, None, f"writes /{url}, the address of the "
                                                      f"{what}; rename it"))
        return found

    def _alias_problems(self) -> list[Problem]:
        """An alias may not be where a page is, nor another article's alias: both named."""
        found = []
        taken = {url_key(url): shown for url, shown in self.newsroom.page_urls.items()}
        for code in self.settings.language_codes:
            for page in self.plan.pages(code):
                taken.setdefault(url_key(page.url), f"the generated page /{page.url}")
            for url, what in ((search_url(self.settings, code), "the search page"),
                              (corrections_url(self.settings, code), "the corrections page"),
                              (f"{self.language(code).prefix}404.html", "the 404 page")):
                taken.setdefault(url_key(url), f"{what} /{url}")
        claimed: dict[str, tuple[Article, str]] = {}
        for article in self.newsroom.articles:
            own = url_key(self.edition.url(article))
            line = article.lines.get("aliases")
            for alias in article.aliases:
                key = url_key(alias)
                where = f"alias /{alias}"
                if key == own:
                    found.append(Problem(article.path, line, f"{where} is this article's own "
                                                             "address; delete it"))
                elif key in taken:
                    found.append(Problem(article.path, line, f"{where} is the address of "
                                                             f"{taken[key]}; delete or change it"))
                elif key in claimed:
                    other, _ = claimed[key]
                    other_line = other.lines.get("aliases")
                    found.append(Problem(article.path, line, (
                        f"{where} is also an alias of {other.path}"
                        f"{f':{other_line}' if other_line else ''}; one address can lead to one "
                        "article only: delete it in one of them")))
                elif key.startswith(RESERVED_FOLDERS):
                    found.append(Problem(article.path, line, f"{where} is in a folder of the "
                                                             "site's own files; delete it"))
                else:
                    claimed[key] = (article, alias)
        return found

    @cached_property
    def _static_versions(self) -> dict[str, dict[str, str]]:
        """Static pages grouped across languages (about.vi.md, about.en.md, about.md are one
        page), as {src_uri: {language: URL}}."""
        groups: dict[str, dict[str, str]] = {}
        keys: dict[str, str] = {}
        for page in self.newsroom.pages:
            path = PurePosixPath(page.src_uri)
            keys[page.src_uri] = key = posixpath.join(path.parent.as_posix(), path.name.split(".")[0])
            groups.setdefault(key, {})[page.lang] = page.url
        return {src: groups[key] for src, key in keys.items()}

    def alternates(self, ref: PageRef) -> dict[str, str]:
        """{language: site-relative URL} of the languages this page exists in, itself included."""
        codes = self.settings.language_codes
        if ref.article is not None:
            found = self.edition.alternates(ref.article)
        elif ref.listing is not None:
            found = dict(ref.listing.alternates)
        elif ref.static is not None:
            found = self._static_versions[ref.static.src_uri]
        elif ref.kind == CORRECTIONS:
            found = {code: corrections_url(self.settings, code) for code in codes}
        else:
            found = {code: search_url(self.settings, code) for code in codes}
        found = {**found, ref.lang: ref.url}
        return {code: found[code] for code in codes if code in found}

    # ------------------------------------------------------------------ views

    def page_news(self, ref: PageRef) -> PageNews:
        """Everything the templates show about ``ref`` (``page.news``)."""
        language = self.language(ref.lang)
        text = self.texts[ref.lang]
        alternates = self.alternates(ref)
        absolute = {url: self.absolute(url) for url in alternates.values()}
        url = self.absolute(ref.url)
        common = {
            "lang": ref.lang, "url": ref.url, "canonical": url, "alternates": alternates,
            "switch": language_switch(self.settings.languages, alternates, language, ref.kind),
            "hreflang": hreflang(alternates, self.settings.language_codes,
                                 self.settings.default_language.code, absolute),
            "feeds": self._feed_links(ref),
        }
        locales = {lang.code: lang.locale for lang in self.settings.languages}
        if ref.article is not None:
            article = ref.article
            cover = self.absolute(cover_url(article)) if article.image else None
            caption, credit = self.cover_caption(article)
            translations = {code: absolute[other] for code, other in alternates.items()
                            if code != ref.lang}
            return PageNews(
                kind=ARTICLE, title=article.title, description=article.lead or text.description,
                social=tuple(article_tags(article, url=url, site_name=text.name, image_url=cover,
                                          locales=locales, alternate_langs=list(alternates))),
                json_ld=json_ld(news_article(article, url=url, image_urls=[cover] if cover else [],
                                             publisher=self.publisher, logo_url=self.logo_url,
                                             translations=translations, image_caption=caption,
                                             image_credit=credit)),
                section=self._section(article), authors=article.authors,
                article=article_page(self.edition, article, self.site_url, self.body(article)),
                search=search.search_metadata(article.title, article.date, article.authors,
                                              article.categories, language, self.settings.tz),
                **common)
        home = ref.kind == LISTING and ref.listing is not None and \
            ref.listing.listing.kind == HOME and ref.listing.number == 1
        if ref.listing is not None:
            title = ref.listing.title
        elif ref.static is not None:
            title = ref.static.title
        elif ref.kind == CORRECTIONS:
            title = language.t("corrections_title")
        else:
            title = language.t("search_title")
        social_title = text.name if home else (title or text.name)
        return PageNews(
            kind=ref.kind, title=title, description=text.description,
            social=tuple(site_tags(title=social_title, description=text.description, url=url,
                                   site_name=text.name, lang=ref.lang, locales=locales,
                                   alternate_langs=list(alternates), image_url=self.logo_url)),
            json_ld=json_ld(website(name=text.name, url=url, lang=ref.lang,
                                    description=text.description, publisher=self.publisher,
                                    logo_url=self.logo_url)) if home else None,
            section=self._listing_section(ref), home=home, listing=ref.listing,
            front=front_page(self.plan.listings[ref.lang], self.settings, ref.lang) if home
            else None,
            corrections=self.corrections_page(ref.lang) if ref.kind == CORRECTIONS else None,
            **common)

    @cached_property
    def credit_labels(self) -> tuple[str, ...]:
        """The words that start a photo credit in a caption, in every site language."""
        return tuple(language.t("photo_credit") for language in self.settings.languages)

    def cover_caption(self, article: Article) -> tuple[str, str]:
        """The cover photo's caption (without its credit) and credit, as the article shows
        them ("" when it has none, or is not shown in the text)."""
        photo = next((p for p in article.photos if p.src == article.image), None)
        if photo is None or not photo.caption:
            return "", ""
        rest, credit = split_credit(plain_text(photo.caption), self.credit_labels)
        return rest, credit.name if credit is not None else ""

    def _section(self, article: Article) -> str | None:
        """The one section tab an article marks current: its first (main) category."""
        if not article.categories:
            return None
        return category_url(self.settings, article.lang, article.categories[0])

    def _listing_section(self, ref: PageRef) -> str | None:
        if ref.listing is None:
            return None
        listing = ref.listing.listing
        return listing.url if listing.kind in {HOME, CATEGORY} else None

    def site_news(self, lang: str, *, csp: str) -> SiteNews:
        """What every template of the ``lang`` build knows (``news_site``)."""
        language = self.language(lang)
        logo = self.settings.logo
        homes = {other.code: other.prefix for other in self.settings.languages}
        return SiteNews(
            lang=lang, language=language, languages=self.settings.languages,
            site_name=self.texts[lang].name, home_url=language.prefix,
            search_url=search_url(self.settings, lang), search_labels=search.labels(language),
            tabs=tuple(tabs(self.settings, lang)), csp=csp, serving=self.mode.serving,
            preview=self.mode.preview,
            # A logo elsewhere than the site would be a third-party request: the default mark.
            masthead=Masthead(self.settings.timezone_name,
                              logo.lstrip("/") if logo and not urlsplit(logo).scheme else ""),
            publisher=self.settings.publisher_details.lines(lang),
            switch=language_switch(self.settings.languages, homes, language, STATIC),
            t=dict(language.strings), corrections_url=corrections_url(self.settings, lang))

    def corrections_page(self, lang: str) -> CorrectionsPage:
        """Every correction of the articles ``lang`` publishes, newest first."""
        language = self.language(lang)
        found = [(correction.date, article.title, CorrectionEntry(
                    article.title, self.edition.url(article),
                    dateline(correction.date, language, self.settings.tz), correction.text))
                 for article in self.edition.published(lang)
                 for correction in article.corrections]
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return CorrectionsPage(tuple(entry for _, _, entry in found))

    # ------------------------------------------------------------------ redirects

    def redirects(self, lang: str) -> list[Redirect]:
        """The redirect pages of ``lang``: one at each alias of each article it publishes."""
        language = self.language(lang)
        found = []
        for ref in self._pages[lang].values():
            article = ref.article
            if article is None:
                continue
            for alias in article.aliases:
                file = alias_file(alias)
                found.append(Redirect(lang, alias, file, ref.url, relative_url(file, ref.url),
                                      self.absolute(ref.url), language.t("redirect_title"),
                                      language.t("redirect_text")))
        return sorted(found, key=lambda r: r.alias)

    def redirect_files(self) -> list[tuple[str, bytes]]:
        """``_redirects`` (one ``from to 301`` line per alias) and ``redirects.json``, for
        hosts that redirect on the server; the pages at the aliases work everywhere else."""
        base = urlsplit(self.site_url).path.rstrip("/") + "/"
        pairs = sorted((base + quote(r.alias, safe="/"), base + quote(r.url, safe="/"), r.lang)
                       for code in self.settings.language_codes for r in self.redirects(code))
        lines = "".join(f"{old} {new} 301\n" for old, new, _ in pairs)
        data = json.dumps({"redirects": [{"from": old, "to": new, "lang": lang, "status": 301}
                                         for old, new, lang in pairs]},
                          ensure_ascii=False, indent=1) + "\n"
        return [(REDIRECTS_FILE, lines.encode("utf-8")), (REDIRECTS_JSON, data.encode("utf-8"))]

    def notfound(self, lang: str, base: str) -> NotFound:
        """The 404 page of ``lang``; ``base`` is the site's path ("/" or "/repo/")."""
        base = base.rstrip("/") + "/"
        latest = self.edition.published(lang)[:NOTFOUND_LATEST]
        others = []
        for other in self.settings.languages:
            if other.code != lang:
                label = other.t("notfound_other", language=other.name_of(other.code))
                others.append(LanguageLink(other.code, label, base + other.prefix))
        return NotFound(lang, base + self.language(lang).prefix,
                        tuple(Link(a.title, base + quote(self.edition.url(a), safe="/"))
                              for a in latest), tuple(others))

    @property
    def publisher(self) -> str:
        return self.settings.publisher or self.texts[self.settings.default_language.code].name

    @property
    def logo_url(self) -> str | None:
        logo = self.settings.logo
        return self.absolute(logo) if logo else None

    # ------------------------------------------------------------------ feeds

    @cached_property
    def _channels(self) -> dict[str, list[feeds.Channel]]:
        found = {}
        for language in self.settings.languages:
            lang = language.code
            name = self.texts[lang].name
            published = self.edition.published(lang)
            channels = [feeds.Channel(language.prefix, name, published)]
            channels += [feeds.Channel(category_url(self.settings, lang, label), f"{label} – {name}",
                                       tuple(articles))
                         for label, articles in feeds.by_category(published).items()]
            found[lang] = channels
        return found

    def channels(self, lang: str) -> list[feeds.Channel]:
        """The language's feed, then one per section that has articles."""
        return self._channels[lang]

    def _feed_links(self, ref: PageRef) -> tuple[FeedLink, ...]:
        language, *sections = self.channels(ref.lang)
        shown = [language] + [c for c in sections if c.folder == ref.url]
        return tuple(FeedLink(fmt.media_type, f"{channel.title} ({fmt.label})",
                              self.absolute(channel.folder + fmt.file))
                     for channel in shown for fmt in feeds.FORMATS)

    def feed_files(self, lang: str) -> list[tuple[str, bytes]]:
        """(site-relative path, bytes) of every feed file of ``lang``."""
        written = []
        for channel in self.channels(lang):
            feed = feeds.Feed(
                title=channel.title, description=self.texts[lang].description, lang=lang,
                home_url=self.absolute(channel.folder),
                urls={fmt.name: self.absolute(channel.folder + fmt.file) for fmt in feeds.FORMATS},
                publisher=self.publisher,
                entries=tuple(feeds.entry(a, url=self.absolute(self.edition.url(a)),
                                          image=self._cover(a))
                              for a in channel.articles[:self.settings.feed_size]),
                fallback_updated=self.now)
            for fmt in feeds.FORMATS:
                written.append((channel.folder + fmt.file, feeds.RENDERERS[fmt.name](feed)))
        return written

    def _cover(self, article: Article) -> feeds.Image | None:
        if not article.image or self.docs_dir is None:
            return None
        source = self.docs_dir / asset_source(article, article.image)
        return feeds.Image(url=self.absolute(cover_url(article) or ""),
                           media_type=feeds.image_type(article.image),
                           length=os.path.getsize(source), alt=article.image_alt,
                           credit=self.cover_caption(article)[1])

    def latest_files(self, lang: str) -> list[tuple[str, bytes]]:
        """``latest.json`` of ``lang``: its newest articles, for the side column of article
        pages (filled in the reader's browser: a static list would change every page at
        every publication)."""
        language = self.language(lang)
        items = [{"title": article.title, "url": self.edition.url(article),
                  "date": line.text, "iso": line.iso}
                 for article in self.edition.shown(lang)[:LATEST_JSON]
                 for line in [dateline(article.date, language, self.settings.tz)]]
        data = json.dumps({"lang": lang, "articles": items}, ensure_ascii=False, indent=1)
        return [(latest_url(self.settings, lang), (data + "\n").encode("utf-8"))]

    # ------------------------------------------------------------------ sitemaps

    def sitemap_files(self) -> list[tuple[str, bytes]]:
        """sitemap.xml, news-sitemap.xml and robots.txt, from the planned pages."""
        pages = []
        items = []
        for code in self.settings.language_codes:
            for ref in self._pages[code].values():
                if ref.article is not None and not self.edition.is_published(ref.article):
                    continue  # a draft shown by a preview build
                versions = {lang: self.absolute(url) for lang, url in self.alternates(ref).items()
                            if not self._unpublished_version(ref, lang)}
                url = self.absolute(ref.url)
                pages.append(sitemap.SitemapPage(url, code, versions,
                                                 ref.article.modified if ref.article else None))
                if ref.article is not None:
                    items.append(sitemap.NewsItem(url, code, ref.article.title, ref.article.date,
                                                  self.publisher))
        codes = self.settings.language_codes
        return [
            (sitemap.SITEMAP_FILE, sitemap.sitemap(pages, codes, self.settings.default_language.code)),
            (sitemap.NEWS_SITEMAP_FILE, sitemap.news_sitemap(items, self.now)),
            ("robots.txt", sitemap.robots([self.absolute(sitemap.SITEMAP_FILE),
                                           self.absolute(sitemap.NEWS_SITEMAP_FILE)]).encode()),
        ]

    def _unpublished_version(self, ref: PageRef, lang: str) -> bool:
        if ref.article is None or lang == ref.lang:
            return False
        other = self.newsroom.versions(ref.article).get(lang)
        return other is None or not self.edition.is_published(other)


def page_language(src_uri: str, settings: NewsSettings) -> str:
    """The language of a docs/ Markdown file, from its suffix (the default language without)."""
    return language_suffix(PurePosixPath(src_uri).name) or settings.default_language.code
