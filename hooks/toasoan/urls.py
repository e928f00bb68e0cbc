"""Site-relative URLs that more than one concern links to (no leading slash)."""

from __future__ import annotations

from urllib.parse import quote, urljoin

from .config import NewsSettings
from .slug import slugify

# The listing of a category, per language: /chuyen-muc/kinh-te/, /en/category/economy/.
CATEGORY_FOLDER = {"vi": "chuyen-muc", "en": "category"}


def home_url(settings: NewsSettings, lang: str) -> str:
    """The language's home page: '' for the default language, 'en/' otherwise."""
    return settings.language(lang).prefix


def category_url(settings: NewsSettings, lang: str, label: str) -> str:
    """The listing of a category label in ``lang``: 'chuyen-muc/do-thi/', 'en/category/economy/'."""
    folder = CATEGORY_FOLDER.get(lang, "category")
    return f"{settings.language(lang).prefix}{folder}/{slugify(label)}/"


def absolute_url(site_url: str, url: str) -> str:
    """An absolute URL for a site-relative one; non-ASCII path characters percent-encoded."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, quote(url.lstrip("/"), safe="/%#?=&~:@!$'()*+,;"))


# Listings (issue 4): authors and the monthly archive, per language, and their pages.
AUTHOR_FOLDER = {"vi": "tac-gia", "en": "author"}


def author_url(settings: NewsSettings, lang: str, name: str) -> str:
    """An author's listing: 'tac-gia/tran-thi-dao/', 'en/author/tran-thi-dao/'."""
    folder = AUTHOR_FOLDER.get(lang, "author")
    return f"{settings.language(lang).prefix}{folder}/{slugify(name)}/"


def archive_url(settings: NewsSettings, lang: str, year: int, month: int) -> str:
    """A month's listing: '2026/03/', 'en/2026/03/'."""
    return f"{settings.language(lang).prefix}{year:04d}/{month:02d}/"


def page_url(base: str, number: int) -> str:
    """Page ``number`` of the listing at ``base``: page 1 is ``base`` itself, then 'page/2/'."""
    return base if number <= 1 else f"{base}page/{number}/"
