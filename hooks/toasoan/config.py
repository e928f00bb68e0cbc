"""The ``extra.news`` settings, validated once, with errors that name the key."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from .dates import DEFAULT_TIMEZONE, DateError, timezone


class SettingsError(ValueError):
    """A mistake in mkdocs.yml; the message names the key."""


@dataclass(frozen=True)
class Language:
    code: str  # "vi"
    name: str  # "Tiếng Việt"
    prefix: str  # "" for the default language, "en/" otherwise
    default: bool


@dataclass(frozen=True)
class NewsSettings:
    languages: tuple[Language, ...]
    timezone_name: str = DEFAULT_TIMEZONE
    news_dir: str = "news"
    page_size: int = 10
    feed_size: int = 20
    categories: tuple[dict[str, str], ...] = ()
    only_listed_categories: bool = False
    max_article_bytes: int = 1_000_000
    max_image_bytes: int = 2_000_000
    lead_max_chars: int = 400
    publisher: str = ""
    logo: str = ""
    zalo_button: bool = False
    preview: bool = False
    desk: Any = None  # toasoan.desk.remote.RemoteDesk: the admin page published for remote editors

    @property
    def tz(self) -> dt.tzinfo:
        return timezone(self.timezone_name)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def counterpart(self, label: str, lang: str, other: str) -> str | None:
        """The paired category label in ``other`` for ``label`` in ``lang``."""
        for pair in self.categories:
            if pair.get(lang) == label:
                return pair.get(other)
        return None

    def known_categories(self, lang: str) -> tuple[str, ...]:
        return tuple(pair[lang] for pair in self.categories if lang in pair)


_INTS = {"page_size": 1, "feed_size": 1, "max_article_bytes": 1024, "max_image_bytes": 1024,
         "lead_max_chars": 20}
_BOOLS = ("only_listed_categories", "zalo_button")
_STRS = ("news_dir", "publisher", "logo")
KNOWN_KEYS = {"timezone", "categories", "desk", *_INTS, *_BOOLS, *_STRS}


def preview_requested(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Drafts and future articles are shown (marked) only when TOASOAN_PREVIEW=1."""
    env = os.environ if environ is None else environ
    return env.get("TOASOAN_PREVIEW", "").strip().lower() in {"1", "true", "yes", "on"}


def load_settings(raw: Any, languages: tuple[Language, ...], *, preview: bool = False,
                  where: str = "extra.news") -> NewsSettings:
    """Validate the ``extra.news`` mapping; every error names its key."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError(f"{where}: must be a mapping of settings, got {type(raw).__name__}")
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise SettingsError(
            f"{where}.{unknown[0]}: unknown setting (known: {', '.join(sorted(KNOWN_KEYS))})"
        )
    values: dict[str, Any] = {}
    tz_name = raw.get("timezone", DEFAULT_TIMEZONE)
    if not isinstance(tz_name, str):
        raise SettingsError(f"{where}.timezone: must be a time zone name such as {DEFAULT_TIMEZONE}")
    try:
        timezone(tz_name)
    except DateError as exc:
        raise SettingsError(f"{where}.timezone: {exc}") from None
    values["timezone_name"] = tz_name
    for key, minimum in _INTS.items():
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise SettingsError(f"{where}.{key}: must be a whole number ≥ {minimum}, got {value!r}")
            values[key] = value
    for key in _BOOLS:
        if key in raw:
            if not isinstance(raw[key], bool):
                raise SettingsError(f"{where}.{key}: must be true or false, got {raw[key]!r}")
            values[key] = raw[key]
    for key in _STRS:
        if key in raw:
            if not isinstance(raw[key], str):
                raise SettingsError(f"{where}.{key}: must be text, got {raw[key]!r}")
            values[key] = raw[key]
    if "news_dir" in values:
        values["news_dir"] = values["news_dir"].strip("/")
        if not values["news_dir"] or ".." in values["news_dir"].split("/"):
            raise SettingsError(f"{where}.news_dir: must be a folder inside docs/, e.g. news")
    codes = {lang.code for lang in languages}
    pairs = raw.get("categories", []) or []
    if not isinstance(pairs, list):
        raise SettingsError(f"{where}.categories: must be a list of {{vi: ..., en: ...}} pairs")
    checked: list[dict[str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, pair in enumerate(pairs):
        key = f"{where}.categories[{index}]"
        if not isinstance(pair, dict) or not pair:
            raise SettingsError(f"{key}: must be a mapping such as {{vi: Kinh tế, en: Economy}}")
        for lang, label in pair.items():
            if lang not in codes:
                raise SettingsError(f"{key}.{lang}: not a site language ({', '.join(sorted(codes))})")
            if not isinstance(label, str) or not label.strip():
                raise SettingsError(f"{key}.{lang}: must be a category label (text)")
            if (lang, label.strip()) in seen:
                first = seen[(lang, label.strip())]
                raise SettingsError(f'{key}.{lang}: "{label}" is already paired in categories[{first}]')
            seen[(lang, label.strip())] = index
        checked.append({lang: label.strip() for lang, label in pair.items()})
    values["categories"] = tuple(checked)
    if raw.get("desk") is not None:
        from .desk.remote import parse_remote  # only sites that publish the desk need it

        values["desk"] = parse_remote(raw["desk"], f"{where}.desk")
    return NewsSettings(languages=languages, preview=preview, **values)
