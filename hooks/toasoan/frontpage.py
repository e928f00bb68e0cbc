"""The front page of each language: the top story, a row of secondary stories, the
latest news and one block per section, like a newspaper's.

Made from the listings planned by :mod:`toasoan.listings` (the home listing, pinned
stories first, and the listings of the categories of ``extra.news.categories``);
``overrides/partials/frontpage/`` renders it, followed by the links to page 2
onwards of the home listing ("more news"), which stay plain listings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .config import NewsSettings
from .listings import CATEGORY, HOME, Entry, Listing
from .slug import slugify

SECONDARY = 3  # stories in the row under the top story
LATEST = 10  # headlines in "Tin mới nhất" / "Latest news" (at least the rest of page 1)
PER_SECTION = 4  # stories per section block


@dataclass(frozen=True)
class SectionBlock:
    """A section's newest stories on the front page, with a link to the section."""

    label: str
    url: str  # the section's listing, site-relative
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class FrontPage:
    top: Entry | None
    secondary: tuple[Entry, ...]
    latest: tuple[Entry, ...]  # newest first; none of them is the top or a secondary story
    sections: tuple[SectionBlock, ...]  # configured sections that have stories, in their order


def front_page(listings: Sequence[Listing], settings: NewsSettings, lang: str, *,
               secondary: int = SECONDARY, latest: int = LATEST,
               per_section: int = PER_SECTION) -> FrontPage:
    """The front page of ``lang`` from that language's planned listings."""
    home = next(listing for listing in listings if listing.kind == HOME and listing.lang == lang)
    if not home.pages:
        return FrontPage(None, (), (), ())
    entry_of = home.pages[0].entry_of
    articles = home.articles  # pinned first, then newest first
    lead = articles[:1 + secondary]
    # At least the rest of the listing's first page, so that page 2 follows on from here.
    count = max(latest, settings.page_size - len(lead))
    rest = sorted(articles[len(lead):len(lead) + count], key=lambda a: (a.date, a.src_uri),
                  reverse=True)
    by_key = {listing.key: listing for listing in listings if listing.kind == CATEGORY}
    blocks = []
    for label in settings.known_categories(lang):
        listing = by_key.get(slugify(unicodedata.normalize("NFC", label)))
        if listing is None or not listing.articles:
            continue
        blocks.append(SectionBlock(listing.label, listing.url,
                                   tuple(entry_of(a) for a in listing.articles[:per_section])))
    return FrontPage(
        top=entry_of(lead[0]) if lead else None,
        secondary=tuple(entry_of(a) for a in lead[1:]),
        latest=tuple(entry_of(a) for a in rest),
        sections=tuple(blocks),
    )
