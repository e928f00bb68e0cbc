"""Segments of the archive: article pages by language and years, built by separate jobs.

``extra.news.segments`` lists them (``vi:2018-2021``, ``vi:2022-2026``, ``en:2018-2026``,
``en:2015``); a build with ``TOASOAN_SEGMENT=N`` renders only the article pages of the
N-th, and ``TOASOAN_SEGMENT=site`` everything else (article pages in no segment, every
listing, home, static and search page, feeds, sitemaps). The outputs are merged by
``python -m toasoan_mkdocs.segments``, which then indexes and trims the whole site: the
result is the site one build writes (tested). Without ``TOASOAN_SEGMENT`` the segments
are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VARIABLE = "TOASOAN_SEGMENT"
SITE = "site"
_SPEC = re.compile(r"(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?):(?P<first>\d{4})(?:-(?P<last>\d{4}))?")


class SegmentError(ValueError):
    """A segment list or choice that cannot be used; the message names the setting."""


@dataclass(frozen=True)
class Segment:
    lang: str
    first: int  # years, inclusive, in the site's time zone
    last: int

    def holds(self, lang: str, year: int) -> bool:
        return lang == self.lang and self.first <= year <= self.last

    def __str__(self) -> str:
        years = str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        return f"{self.lang}:{years}"


def parse_segments(raw: object, codes: tuple[str, ...], where: str) -> tuple[Segment, ...]:
    """``extra.news.segments``: a list of ``lang:YEAR`` or ``lang:FIRST-LAST``, not overlapping."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise SegmentError(f'{where}: must be a list such as ["vi:2018-2021", "vi:2022-2026", '
                           '"en:2018-2026"]')
    found: list[Segment] = []
    for index, text in enumerate(raw, 1):
        match = _SPEC.fullmatch(text.strip())
        if match is None:
            raise SegmentError(f'{where}[{index}]: "{text}" is not lang:YEAR or lang:FIRST-LAST '
                               '(e.g. "vi:2018-2021")')
        lang, first = match["lang"], int(match["first"])
        last = int(match["last"]) if match["last"] else first
        if lang not in codes:
            raise SegmentError(f'{where}[{index}]: "{lang}" is not a site language '
                               f"({', '.join(codes)})")
        if last < first:
            raise SegmentError(f'{where}[{index}]: "{text}" ends before it starts')
        segment = Segment(lang, first, last)
        for number, other in enumerate(found, 1):
            if other.lang == lang and first <= other.last and other.first <= last:
                raise SegmentError(f'{where}[{index}]: "{segment}" overlaps {where}[{number}] '
                                   f'"{other}"')
        found.append(segment)
    return tuple(found)


@dataclass(frozen=True)
class Choice:
    """What one job builds: segment ``number`` (1-based), or the rest of the site."""

    segments: tuple[Segment, ...]
    number: int | None  # None: the rest of the site ("site")

    @property
    def whole_site_files(self) -> bool:
        """Feeds, sitemaps and the other files of the whole site are this job's."""
        return self.number is None

    def renders_article(self, lang: str, year: int) -> bool:
        """Whether this job writes the page of an article of ``lang`` dated in ``year``."""
        inside = [n for n, s in enumerate(self.segments, 1) if s.holds(lang, year)]
        if self.number is None:
            return not inside
        return inside == [self.number]

    def __str__(self) -> str:
        if self.number is None:
            return "the site without its segments"
        return f"segment {self.number} ({self.segments[self.number - 1]})"


def choose(value: str | None, segments: tuple[Segment, ...]) -> Choice | None:
    """The job's segment from ``TOASOAN_SEGMENT`` (None: a whole build)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not segments:
        raise SegmentError(f'{VARIABLE}="{value}": the site has no segments '
                           "(extra.news.segments in mkdocs.yml)")
    if value == SITE:
        return Choice(segments, None)
    if value.isdigit() and 1 <= int(value) <= len(segments):
        return Choice(segments, int(value))
    listed = ", ".join(f"{n} ({s})" for n, s in enumerate(segments, 1))
    raise SegmentError(f'{VARIABLE}="{value}": must be "{SITE}" or a segment number: {listed}')
