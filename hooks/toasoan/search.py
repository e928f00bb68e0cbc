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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .dates import format_moment
from .locales import Language

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

# The strings the search page's script needs (the rest are printed by the templates).
SCRIPT_STRINGS = ("results_one", "results_other", "results_none", "loading", "prompt",
                  "unavailable")


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


def search_page_src(url: str) -> str:
    """The generated page's src_uri for a search page URL: "en/search/" -> "en/search.md"."""
    return url.rstrip("/") + ".md"


def labels(language: Language) -> dict[str, str]:
    """The search box and page strings of ``language``, without their "search_" prefix."""
    return {key.removeprefix("search_"): text for key, text in language.strings.items()
            if key.startswith("search_")}


def pagefind_command(python: str, site_dir: Path, bundle: Path) -> list[str]:
    """The Pagefind run over the pages in ``site_dir`` (for a shard: a folder of links to
    its pages, toasoan.search_shards), writing its bundle into ``bundle``."""
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


def date_sort_key(moment: dt.datetime) -> str:
    """A key that sorts as text in time order, whatever offsets the dates were given in."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def search_metadata(title: str, date: dt.datetime, authors: Iterable[str],
                    categories: Iterable[str], language: Language,
                    tz: dt.tzinfo) -> SearchMetadata:
    """The metadata and filters of one article's search record, all text NFC."""
    return SearchMetadata(
        title=nfc(title),
        date_label=format_moment(date, language, "date", tz),
        date_sort=date_sort_key(date),
        authors=tuple(nfc(a) for a in authors),
        categories=tuple(nfc(c) for c in categories),
    )
