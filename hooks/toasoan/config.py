"""The ``extra.news`` settings, validated once, with errors that name the key."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .dates import DEFAULT_TIMEZONE, DateError, timezone
from .locales import Language, LanguageError, load_languages
from .segments import Segment, SegmentError, parse_segments
from .slug import slugify


class SettingsError(ValueError):
    """A mistake in mkdocs.yml; the message names the key."""


# The publisher's details (the footer's imprint); each one text or {language: text}.
PUBLISHER_KEYS = ("name", "licence", "editor_in_chief", "address", "phone", "email", "notice")


@dataclass(frozen=True)
class PublisherLines:
    """The publisher's details in one language, as the footer prints them ("" when not set)."""

    name: str = ""
    licence: str = ""  # "Giấy phép hoạt động báo điện tử số …"
    editor_in_chief: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    notice: str = ""  # "Ghi rõ nguồn … khi phát hành lại thông tin từ website này."

    @property
    def phone_href(self) -> str:
        """A tel: URL of the phone number ("0238 3 123 456" -> "tel:02383123456")."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


@dataclass(frozen=True)
class Publisher:
    """``extra.news.publisher``: {key: {language: text}} for the keys of PUBLISHER_KEYS."""

    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    default_lang: str = ""

    def lines(self, lang: str) -> PublisherLines:
        """The details in ``lang``; the name falls back to the default language's."""
        values = {key: found[lang] for key, found in self.texts.items() if lang in found}
        if "name" not in values and self.default_lang in self.texts.get("name", {}):
            values["name"] = self.texts["name"][self.default_lang]
        return PublisherLines(**values)


def load_publisher(raw: Any, codes: tuple[str, ...], default_lang: str,
                   where: str = "extra.news.publisher") -> Publisher:
    """The publisher's name (the old plain-text form) or a mapping of its details.

    Each detail is text (every language) or ``{vi: ..., en: ...}`` (only those).
    """
    if isinstance(raw, str):
        raw = {"name": raw}
    if not isinstance(raw, dict):
        raise SettingsError(f"{where}: must be the publisher's name, or a mapping with "
                            f"{', '.join(PUBLISHER_KEYS)}")
    texts: dict[str, dict[str, str]] = {}
    for key, value in raw.items():
        if key not in PUBLISHER_KEYS:
            raise SettingsError(f"{where}.{key}: unknown key (known: {', '.join(PUBLISHER_KEYS)})")
        if value is None:
            continue
        if isinstance(value, str):
            per_lang = {code: value for code in codes}
        elif isinstance(value, dict) and value:
            per_lang = {}
            for lang, text in value.items():
                if lang not in codes:
                    raise SettingsError(f"{where}.{key}.{lang}: not a site language "
                                        f"({', '.join(codes)})")
                if not isinstance(text, str):
                    raise SettingsError(f"{where}.{key}.{lang}: must be text, got {text!r}")
                per_lang[lang] = text
        else:
            raise SettingsError(f"{where}.{key}: must be text, or text per language such as "
                                f"{{{', '.join(f'{code}: ...' for code in codes)}}}, got {value!r}")
        per_lang = {lang: " ".join(text.split()) for lang, text in per_lang.items()
                    if text.strip()}
        for lang, text in per_lang.items():
            _plain_text(text, f"{where}.{key}.{lang}" if isinstance(value, dict) else f"{where}.{key}")
        if key == "email":
            for lang, text in per_lang.items():
                local, _, domain = text.partition("@")
                if not local or "." not in domain or " " in text:
                    suffix = f".{lang}" if isinstance(value, dict) else ""
                    raise SettingsError(f'{where}.email{suffix}: "{text}" is not an email '
                                        "address such as toasoan@example.org")
        if per_lang:
            texts[key] = per_lang
    return Publisher(texts, default_lang)


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
    publisher: str = ""  # the name in the default language (feeds, JSON-LD, news sitemap)
    publisher_details: Publisher = field(default_factory=Publisher)  # the footer's imprint
    logo: str = ""
    zalo_button: bool = False
    preview: bool = False
    desk: Any = None  # toasoan.desk.remote.RemoteDesk: the admin page published for remote editors
    segments: tuple[Segment, ...] = ()  # parts of the archive built by separate jobs

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
_STRS = ("news_dir", "logo")
KNOWN_KEYS = {"timezone", "categories", "publisher", "desk", "segments", *_INTS, *_BOOLS, *_STRS}


def _plain_text(value: str, key: str) -> None:
    """One line of text: no control or invisible format characters (feeds, addresses)."""
    for char in value:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in "\t") or category in {"Cf", "Cs"} \
                or char in "\ufffe\uffff":
            raise SettingsError(f"{key}: contains the invisible character U+{ord(char):04X}; "
                                "remove it")


def _logo(value: str, key: str) -> str:
    """A file of docs/ (relative path) or an https:// address; nothing else reaches og:image."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        raise SettingsError(f'{key}: "{value}" is not a file name or address') from None
    if parts.scheme == "https" and parts.netloc:
        return value.strip()
    if parts.scheme or parts.netloc or value.strip().startswith("//"):
        raise SettingsError(f'{key}: "{value}" must be a file in docs/ (e.g. images/logo.png) or '
                            "an https:// address")
    return value.strip()


def preview_requested(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Drafts and future articles are shown (marked) only when TOASOAN_PREVIEW=1."""
    env = os.environ if environ is None else environ
    return env.get("TOASOAN_PREVIEW", "").strip().lower() in {"1", "true", "yes", "on"}


def load_settings(raw: Any, languages: tuple[Language, ...], *, preview: bool = False,
                  where: str = "extra.news", site_dirs: tuple[Path, ...] = ()) -> NewsSettings:
    """Validate the ``extra.news`` mapping; every error names its key.

    ``languages`` are completed from their language files (:mod:`toasoan.locales`), looked
    up in ``site_dirs`` (the theme's custom_dir) and the package.
    """
    try:
        languages = load_languages(languages, site_dirs)
    except LanguageError as exc:
        raise SettingsError(str(exc)) from None
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
            _plain_text(raw[key], f"{where}.{key}")
            values[key] = raw[key]
    if values.get("logo"):
        values["logo"] = _logo(values["logo"], f"{where}.logo")
    if "news_dir" in values:
        values["news_dir"] = values["news_dir"].strip("/")
        if not values["news_dir"] or ".." in values["news_dir"].split("/"):
            raise SettingsError(f"{where}.news_dir: must be a folder inside docs/, e.g. news")
    if "publisher" in raw and raw["publisher"] is not None:
        default = next((lang.code for lang in languages if lang.default), "")
        details = load_publisher(raw["publisher"], tuple(lang.code for lang in languages),
                                 default, f"{where}.publisher")
        values["publisher_details"] = details
        values["publisher"] = details.lines(default).name
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
            _plain_text(label, f"{key}.{lang}")
            if not slugify(label):
                raise SettingsError(f'{key}.{lang}: "{label}" has no letters or digits to make '
                                    "the section's web address from")
            if (lang, label.strip()) in seen:
                first = seen[(lang, label.strip())]
                raise SettingsError(f'{key}.{lang}: "{label}" is already paired in categories[{first}]')
            seen[(lang, label.strip())] = index
        checked.append({lang: label.strip() for lang, label in pair.items()})
    values["categories"] = tuple(checked)
    try:
        values["segments"] = parse_segments(raw.get("segments"), tuple(sorted(codes)),
                                            f"{where}.segments")
    except SegmentError as exc:
        raise SettingsError(str(exc)) from None
    if raw.get("desk") is not None:
        from .desk.remote import parse_remote  # only sites that publish the desk need it

        values["desk"] = parse_remote(raw["desk"], f"{where}.desk")
    return NewsSettings(languages=languages, preview=preview, **values)
