"""Search: what Pagefind indexes on an article page, and how a reader's query is widened.

Pagefind (https://pagefind.app) folds tone marks ("can bo" finds "cán bộ") but keeps
``đ`` apart from ``d`` ("đường" is indexed as "đuong", so "duong" misses it). Readers
typing without marks type ``d`` for ``đ``: :func:`query_variants` lists the queries
to run so that every such ``d`` may also be ``đ``. ``overrides/assets/js/search.js``
implements the same rule (a browser test holds the two to the same answers).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Where each language's search page is published (site-relative, like Newsroom.url).
SEARCH_PAGES = {"vi": "tim-kiem/", "en": "en/search/"}
# At most this many words of a query are expanded: 2**4 = 16 Pagefind searches.
MAX_EXPANDED_WORDS = 4
# Not article text, even where a template puts them inside the indexed element: page
# furniture, and the article page's dateline, signature and share block (issue 3's
# classes; the author and date are search metadata instead).
EXCLUDED_FROM_INDEX = ("nav", "aside", "footer", "form", "script", "style", "noscript",
                       ".md-source-file", ".md-feedback", ".headerlink",
                       ".news-dateline", ".news-signature", ".news-share")

_WORD = re.compile(r"\S+")
_ARTICLE_TAG = re.compile(r"<article\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

LABELS = {
    "vi": {
        "title": "Tìm kiếm",
        "label": "Tìm bài viết",
        "placeholder": "Tìm bài viết…",
        "submit": "Tìm",
        "category": "Chuyên mục",
        "author": "Tác giả",
        "any_category": "Mọi chuyên mục",
        "any_author": "Mọi tác giả",
        "sort": "Sắp xếp",
        "sort_relevance": "Phù hợp nhất",
        "sort_date": "Mới nhất",
        "results_one": "1 kết quả",
        "results_other": "{n} kết quả",
        "results_none": "Không tìm thấy bài viết nào.",
        "loading": "Đang tìm…",
        "prompt": "Nhập từ khóa, có dấu hoặc không dấu: “da nang” tìm được “Đà Nẵng”.",
        "unavailable": "Chưa tìm được: chỉ mục tìm kiếm chưa sẵn sàng.",
        "noscript": "Trang tìm kiếm cần JavaScript để hiện kết quả.",
    },
    "en": {
        "title": "Search",
        "label": "Search articles",
        "placeholder": "Search articles…",
        "submit": "Search",
        "category": "Section",
        "author": "Author",
        "any_category": "All sections",
        "any_author": "All authors",
        "sort": "Sort by",
        "sort_relevance": "Best match",
        "sort_date": "Newest",
        "results_one": "1 result",
        "results_other": "{n} results",
        "results_none": "No articles found.",
        "loading": "Searching…",
        "prompt": "Type a few words; accents are optional.",
        "unavailable": "Search is not available: the search index is missing.",
        "noscript": "The search page needs JavaScript to show results.",
    },
}


@dataclass(frozen=True)
class SearchMetadata:
    """What a search result shows and filters on, for one article page."""

    title: str
    date_label: str  # as shown to readers: "14/03/2026", "March 14, 2026"
    date_sort: str  # sortable: UTC ISO 8601, "2026-03-14T01:30:00Z"
    authors: tuple[str, ...]
    categories: tuple[str, ...]


def nfc(text: str) -> str:
    """Unicode NFC: the one form the index and the queries share (macOS writes NFD)."""
    return unicodedata.normalize("NFC", text)


def _expandable(word: str) -> bool:
    # A word typed with any mark is typed deliberately: its d is a d (Telex gives đ as "dd").
    return word[:1] in ("d", "D") and word.isascii()


def query_variants(query: str, max_words: int = MAX_EXPANDED_WORDS) -> list[str]:
    """The searches to run for ``query``: itself first, then each unmarked d-word as đ.

    "da nang" -> ["da nang", "đa nang"]; "đường" -> ["đường"]; "" -> [].
    Only words without any diacritic are expanded, the first ``max_words`` of them.
    """
    words = _WORD.findall(nfc(query))
    if not words:
        return []
    slots = [i for i, word in enumerate(words) if _expandable(word)][:max_words]
    variants = []
    for choice in itertools.product((False, True), repeat=len(slots)):
        variant = list(words)
        for index, expand in zip(slots, choice, strict=True):
            if expand:
                word = variant[index]
                variant[index] = ("đ" if word[0] == "d" else "Đ") + word[1:]
        variants.append(" ".join(variant))
    return variants


def search_page_url(lang: str, prefix: str) -> str:
    """Site-relative URL of the search page in ``lang`` ("tim-kiem/", "en/search/")."""
    return SEARCH_PAGES.get(lang, f"{prefix}search/")


def search_page_src(url: str) -> str:
    """The generated page's src_uri for a search page URL: "en/search/" -> "en/search.md"."""
    return url.rstrip("/") + ".md"


def labels(lang: str) -> dict[str, str]:
    """The search box and page strings in ``lang`` (English for an unknown language)."""
    return LABELS.get(lang, LABELS["en"])


def last_language(build_order: Sequence[str]) -> str:
    """The language whose build runs last: the index is made once every page exists.

    mkdocs-static-i18n builds the default language, then each other one nested in
    the first build's ``on_post_build``, in configuration order.
    """
    return build_order[-1]


def pagefind_command(python: str, site_dir: Path, bundle: Path) -> list[str]:
    """The Pagefind run over a whole built site: one pass, one index per <html lang>."""
    command = [python, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(bundle),
               "--quiet"]
    for selector in EXCLUDED_FROM_INDEX:
        command += ["--exclude-selectors", selector]
    return command


def mark_search_body(html: str) -> str | None:
    """Mark the page's first ``<article>`` as the only part Pagefind indexes.

    Returns None when there is no ``<article>`` element; the HTML unchanged when it
    already has a ``data-pagefind-body``.
    """
    if "data-pagefind-body" in html:
        return html
    match = _ARTICLE_TAG.search(html)
    if match is None:
        return None
    end = match.start("attrs")
    return f"{html[:end]} data-pagefind-body{html[end:]}"


def date_label(moment: dt.datetime, lang: str, tz: dt.tzinfo | None = None) -> str:
    """A publication date as the article page shows it: "14/03/2026", "March 14, 2026"."""
    local = moment.astimezone(tz) if tz is not None else moment
    if lang == "vi":
        return f"{local.day:02d}/{local.month:02d}/{local.year}"
    return f"{_MONTHS_EN[local.month - 1]} {local.day}, {local.year}"


def date_sort_key(moment: dt.datetime) -> str:
    """A key that sorts as text in time order, whatever offsets the dates were given in."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def search_metadata(title: str, date: dt.datetime, authors: Iterable[str],
                    categories: Iterable[str], lang: str,
                    tz: dt.tzinfo | None = None) -> SearchMetadata:
    """The metadata and filters of one article's search record, all text NFC."""
    return SearchMetadata(
        title=nfc(title),
        date_label=date_label(date, lang, tz),
        date_sort=date_sort_key(date),
        authors=tuple(nfc(a) for a in authors),
        categories=tuple(nfc(c) for c in categories),
    )
