"""Languages as configuration: addresses, date patterns and interface text per language.

Each site language (an entry of the i18n plugin in mkdocs.yml) is described by a file
``<code>.yml``: the package ships ``vi.yml`` and ``en.yml`` (``hooks/toasoan/languages/``);
a site adds or overrides them in ``overrides/languages/<code>.yml`` (same keys; a site's
values win, section by section). Adding a language is its i18n entry plus that file:
no Python or template changes. A language whose file is missing keys stops the build
with a message that names them; nothing falls back silently to English.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent / "languages"
SITE_SUBDIR = "languages"  # inside the theme's custom_dir (overrides/)
REFERENCE = "en"  # every language must define the keys this one defines

# Placeholders each text must keep (a translation that drops {number} breaks the page).
PLACEHOLDERS = {
    ("urls", "category"): {"slug"}, ("urls", "author"): {"slug"}, ("urls", "tag"): {"slug"},
    ("urls", "archive"): {"year", "month"}, ("urls", "search"): set(),
    ("urls", "corrections"): set(),
    ("strings", "page"): {"number"}, ("strings", "reading_other"): {"minutes"},
    ("strings", "untranslated_article"): {"language"},
    ("strings", "untranslated_page"): {"language"},
    ("strings", "notfound_other"): {"language"}, ("strings", "search_results_other"): {"n"},
}
SECTIONS = ("urls", "dates", "strings")


class LanguageError(ValueError):
    """A language's configuration is incomplete or wrong; the message names the file and keys."""


@dataclass(frozen=True)
class Language:
    """One site language: its code and name (i18n plugin), where its pages live, and how
    it writes addresses, dates and interface text."""

    code: str  # "vi"
    name: str  # "Tiếng Việt", as the language switch shows it
    prefix: str  # "" for the default language, "en/" otherwise
    default: bool
    locale: str = ""  # Open Graph locale: "vi_VN"
    babel: str = ""  # Babel locale: "vi"
    language_names: Mapping[str, str] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)
    dates: Mapping[str, str] = field(default_factory=dict)
    strings: Mapping[str, str] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """The interface text ``key`` in this language, with ``{placeholders}`` filled."""
        text = self.strings[key]
        return text.format(**values) if values else text

    def name_of(self, code: str) -> str:
        """How this language names language ``code`` in a sentence ("tiếng Anh", "English")."""
        if code in self.language_names:
            return self.language_names[code]
        try:
            from babel import Locale

            return Locale.parse(self.babel or self.code).languages.get(code, code)
        except (ValueError, TypeError, LookupError):
            return code


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LanguageError(f"{path}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise LanguageError(f"{path}: is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise LanguageError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LanguageError(f"{path}: must be a mapping (locale:, urls:, dates:, strings:)")
    return data


def _merge(base: dict[str, Any], site: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in site.items():
        if key in SECTIONS or key == "language_names":
            if not isinstance(value, dict):
                raise LanguageError(f"{key}: must be a mapping")
            merged[key] = {**(base.get(key) or {}), **value}
        else:
            merged[key] = value
    return merged


def _sources(code: str, site_dirs: Iterable[Path]) -> tuple[dict[str, Any], list[Path]]:
    found: list[Path] = []
    data: dict[str, Any] = {}
    package = PACKAGE_DIR / f"{code}.yml"
    if package.is_file():
        data = _read(package)
        found.append(package)
    for folder in site_dirs:
        path = Path(folder) / SITE_SUBDIR / f"{code}.yml"
        if path.is_file():
            try:
                data = _merge(data, _read(path))
            except LanguageError as exc:
                raise LanguageError(f"{path}: {exc}") from None
            found.append(path)
    return data, found


def load_language(base: Language, site_dirs: Iterable[Path] = ()) -> Language:
    """``base`` (code, name, prefix, default) completed from its language files."""
    site_dirs = list(site_dirs)
    data, files = _sources(base.code, site_dirs)
    where = (str(files[-1]) if files else
             " or ".join(str(Path(d) / SITE_SUBDIR / f"{base.code}.yml") for d in site_dirs)
             or f"languages/{base.code}.yml")
    if not files:
        raise LanguageError(
            f'language "{base.code}" has no configuration: create {where} with its addresses, '
            f"date patterns and interface text (copy {PACKAGE_DIR / (REFERENCE + '.yml')} and "
            "translate it)")
    reference = _read(PACKAGE_DIR / f"{REFERENCE}.yml")
    missing = [f"{section}.{key}" for section in SECTIONS
               for key in (reference.get(section) or {})
               if key not in (data.get(section) or {})]
    missing += [key for key in ("locale", "babel") if not data.get(key)]
    if missing:
        raise LanguageError(f"{where}: language \"{base.code}\" is missing {len(missing)} "
                            f"key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    unknown = [f"{section}.{key}" for section in SECTIONS
               for key in (data.get(section) or {}) if key not in (reference.get(section) or {})]
    unknown += [key for key in data if key not in {*SECTIONS, "locale", "babel", "language_names"}]
    if unknown:
        raise LanguageError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} "
                            f"{', '.join(unknown)} (known keys are those of {REFERENCE}.yml)")
    language = replace(
        base, locale=str(data["locale"]), babel=str(data["babel"]),
        language_names={str(k): str(v) for k, v in (data.get("language_names") or {}).items()},
        urls={k: str(v) for k, v in data["urls"].items()},
        dates={k: str(v) for k, v in data["dates"].items()},
        strings={k: str(v) for k, v in data["strings"].items()})
    _check(language, where)
    return language


def _check(language: Language, where: str) -> None:
    for (section, key), needed in PLACEHOLDERS.items():
        text = getattr(language, section)[key]
        try:
            found = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        except ValueError as exc:
            raise LanguageError(f"{where}: {section}.{key}: {exc}") from None
        if found != needed:
            want = ", ".join("{" + n + "}" for n in sorted(needed)) or "no {placeholders}"
            raise LanguageError(f"{where}: {section}.{key} must contain {want}: {text!r}")
    for key, url in language.urls.items():
        if url.startswith("/") or not url.endswith("/") or ".." in url.split("/"):
            raise LanguageError(f"{where}: urls.{key} must be a folder inside the language's "
                                f"site, ending with '/': {url!r}")
    from babel import Locale
    from babel.dates import format_datetime

    try:
        Locale.parse(language.babel)
    except (ValueError, TypeError, LookupError) as exc:
        raise LanguageError(f"{where}: babel: {exc}") from None
    sample = dt.datetime(2026, 3, 14, 8, 30, tzinfo=dt.UTC)
    for key, pattern in language.dates.items():
        try:
            format_datetime(sample, pattern, locale=language.babel)
        except (ValueError, TypeError, LookupError) as exc:
            raise LanguageError(f"{where}: dates.{key}: {exc}") from None


def load_languages(entries: Iterable[Language], site_dirs: Iterable[Path] = ()) -> tuple[Language, ...]:
    """Every site language completed from its files; LanguageError naming what is missing."""
    site_dirs = list(site_dirs)
    return tuple(load_language(entry, site_dirs) for entry in entries)
