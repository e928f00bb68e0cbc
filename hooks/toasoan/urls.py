"""The site's URL scheme: every address the site writes, in one place.

Site-relative URLs have no leading slash and end with "/" for pages ("", "en/",
"news/2026/cau-moi/", "chuyen-muc/do-thi/page/2/"). The folder of each kind of
listing is a per-language setting (``urls:`` in ``languages/<code>.yml``, like
Material's ``categories_url_format``): ``chuyen-muc/{slug}/`` in Vietnamese,
``category/{slug}/`` in English, always after the language's prefix.
"""

from __future__ import annotations

import posixpath
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from .slug import slugify

if TYPE_CHECKING:
    from .config import NewsSettings
    from .content import Article

PAGE_FORMAT = "{base}page/{number}/"


def home_url(settings: NewsSettings, lang: str) -> str:
    """The language's home page: '' for the default language, 'en/' otherwise."""
    return settings.language(lang).prefix


def _listing(settings: NewsSettings, lang: str, kind: str, **values: object) -> str:
    language = settings.language(lang)
    return language.prefix + language.urls[kind].format(**values)


def category_url(settings: NewsSettings, lang: str, label: str) -> str:
    """The listing of a category label in ``lang``: 'chuyen-muc/do-thi/', 'en/category/economy/'."""
    return _listing(settings, lang, "category", slug=slugify(label))


def author_url(settings: NewsSettings, lang: str, name: str) -> str:
    """An author's listing: 'tac-gia/tran-thi-dao/', 'en/author/tran-thi-dao/'."""
    return _listing(settings, lang, "author", slug=slugify(name))


def tag_url(settings: NewsSettings, lang: str, label: str) -> str:
    """A tag's listing: 'the/le-hoi/', 'en/tag/festival/'."""
    return _listing(settings, lang, "tag", slug=slugify(label))


def archive_url(settings: NewsSettings, lang: str, year: int, month: int) -> str:
    """A month's listing: '2026/03/', 'en/2026/03/'."""
    return _listing(settings, lang, "archive", year=f"{year:04d}", month=f"{month:02d}")


def search_url(settings: NewsSettings, lang: str) -> str:
    """The search page: 'tim-kiem/', 'en/search/'."""
    return _listing(settings, lang, "search")


def latest_url(settings: NewsSettings, lang: str) -> str:
    """The newest articles of a language, as JSON for the side column: 'latest.json'."""
    return f"{settings.language(lang).prefix}latest.json"


def corrections_url(settings: NewsSettings, lang: str) -> str:
    """The page listing every correction of a language: 'dinh-chinh/', 'en/corrections/'."""
    return _listing(settings, lang, "corrections")


def article_url(settings: NewsSettings, article: Article) -> str:
    """An article: its folder under its language's prefix, 'en/news/2026/cau-moi/'; a
    translation's ``slug:`` takes the folder name's place: 'en/news/2026/bridge-opens/'."""
    path = article.bundle
    if article.slug:
        parent = posixpath.dirname(path)
        path = f"{parent}/{article.slug}" if parent else article.slug
    return f"{settings.language(article.lang).prefix}{path}/"


def alias_file(alias: str) -> str:
    """Where the redirect page of an alias is written: 'news/cu/' -> 'news/cu/index.html';
    an alias ending in .html is that file."""
    return alias if not alias.endswith("/") else f"{alias}index.html"


def relative_url(from_file: str, to_url: str) -> str:
    """The percent-encoded URL of site-relative ``to_url`` from the page written at
    ``from_file`` (both site-relative): what works under any host and base path."""
    folder = posixpath.dirname(from_file) or "."
    target = to_url.rstrip("/") or "."
    rel = posixpath.relpath(target, folder)
    if not to_url or to_url.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/")


def static_page_url(settings: NewsSettings, lang: str, src_uri: str) -> str:
    """A page of docs/ that is not news: 'about.en.md' -> 'en/about/', 'x/index.md' -> 'x/'."""
    path = posixpath.normpath(src_uri)
    parent, name = posixpath.split(path)
    stem = name.split(".")[0]
    folder = f"{parent}/" if parent else ""
    own = folder if stem in {"index", "README"} else f"{folder}{stem}/"
    return settings.language(lang).prefix + own


def page_url(base: str, number: int) -> str:
    """Page ``number`` of the listing at ``base``: page 1 is ``base`` itself, then 'page/2/'."""
    return base if number <= 1 else PAGE_FORMAT.format(base=base, number=number)


def asset_source(article: Article, src: str) -> str:
    """Path under docs/ of a photo the article shows, as written in ``src`` (relative to the
    article's folder). Photos are published once, at their place, for every language."""
    path = unquote(urlsplit(src).path)
    full = path.lstrip("/") if path.startswith("/") else posixpath.join(article.bundle, path)
    return posixpath.normpath(full)


def asset_url(article: Article, src: str) -> str:
    """Site-relative, percent-encoded URL of a photo the article shows."""
    return quote(asset_source(article, src), safe="/")


def cover_url(article: Article) -> str | None:
    """The cover photo's site-relative URL, or None."""
    return asset_url(article, article.image) if article.image else None


def absolute_url(site_url: str, url: str) -> str:
    """An absolute URL for a site-relative one; non-ASCII path characters percent-encoded."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, quote(url.lstrip("/"), safe="/%#?=&~:@!$'()*+,;"))


def url_key(url: str) -> str:
    """URLs that one file system or browser would treat as the same address share a key
    (accents' encoding, case, percent-encoding)."""
    return unicodedata.normalize("NFC", unquote(url)).casefold()
