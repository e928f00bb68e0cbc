"""Dates as editors type them, read in the site's time zone."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from .locales import Language

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
EXPECTED = "YYYY-MM-DD HH:MM"
# Dates a newspaper's archive can hold; far outside, time-zone arithmetic overflows.
FIRST_YEAR, LAST_YEAR = 1800, 2199

_EDITOR = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)


class DateError(ValueError):
    """A date an editor wrote that cannot be read; the message is for the editor."""


def timezone(name: str) -> ZoneInfo:
    """The ZoneInfo for a configured name, or DateError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(f'"{name}" is not a known time zone (e.g. {DEFAULT_TIMEZONE})') from exc


def parse_date(value: object, tz: dt.tzinfo) -> dt.datetime:
    """Read a front-matter date into an aware datetime.

    Accepts `YYYY-MM-DD HH:MM` (site time zone), `YYYY-MM-DD` (00:00), and ISO 8601
    with an offset. YAML may already have turned the value into a date or datetime.
    """
    moment = _parse(value, tz)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f'"{_shown(value)}" is not a date of the archive: the year must be '
                        f"between {FIRST_YEAR} and {LAST_YEAR} (expected {EXPECTED})")
    try:
        moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise DateError(f'"{_shown(value)}" is out of range (expected {EXPECTED})') from None
    return moment


def _shown(value: object) -> str:
    return value.strip() if isinstance(value, str) else str(value)


def _parse(value: object, tz: dt.tzinfo) -> dt.datetime:
    if isinstance(value, bool) or value is None:
        raise DateError(f"is not a date (expected {EXPECTED})")
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        raise DateError(f'"{value}" is not a date (expected {EXPECTED}, in quotes if in doubt)')
    text = value.strip()
    match = _EDITOR.match(text)
    if not match:
        raise DateError(f'"{text}" is not a date (expected {EXPECTED})')
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "tz"}
    try:
        moment = dt.datetime(parts["y"], parts["m"], parts["d"],
                             parts.get("H", 0), parts.get("M", 0), parts.get("S", 0))
    except ValueError as exc:
        raise DateError(f'"{text}" is not a date: {exc} (expected {EXPECTED})') from exc
    offset = match.group("tz")
    if not offset:
        return moment.replace(tzinfo=tz)
    if offset == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    if hours > 23 or minutes > 59:
        raise DateError(f'"{text}" has an impossible offset {offset}')
    return moment.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with offset, seconds precision: 2021-01-21T17:49:00+07:00."""
    return moment.isoformat(timespec="seconds")


def format_moment(moment: dt.datetime, language: Language, kind: str, tz: dt.tzinfo) -> str:
    """``moment`` in the site's time zone, written the way ``language`` writes ``kind``:
    "dateline" (21/01/2021 - 17:49), "date", "month" (Tháng 3/2026), "day" (Thứ Ba, 01/12/2026).

    The one date formatter of the site: every pattern is a Babel pattern from the
    language's configuration (``dates:`` in ``languages/<code>.yml``).
    """
    from babel.dates import format_datetime

    return format_datetime(moment.astimezone(tz), language.dates[kind], tzinfo=tz,
                           locale=language.babel or language.code)
