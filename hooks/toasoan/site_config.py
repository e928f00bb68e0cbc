"""Read a site's mkdocs.yml without MkDocs: docs folder, languages, ``extra.news``.

The ``toasoan`` editor command must not import MkDocs (it runs without building),
yet must see the same settings as the build. mkdocs.yml holds tags that plain
YAML refuses (``!!python/name:``, ``!ENV``, ``!relative``) and may inherit from a
parent file (``INHERIT:``); this reader handles the four the way MkDocs does,
as far as the settings read here are concerned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .config import Language, NewsSettings, SettingsError, load_settings, preview_requested
from .render import MarkdownSetup, PythonName

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
MAX_INHERIT_DEPTH = 10


class SiteConfigError(ValueError):
    """mkdocs.yml cannot be found or read; the message says which file and why."""


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that tolerates the tags MkDocs configurations use."""


def _python_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> PythonName | None:
    """``!!python/name:module.attr`` is kept as a name (toasoan.render loads our own only)."""
    if suffix.startswith("name:"):
        return PythonName(suffix[len("name:"):])
    return None


def _env_tag(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, as pyyaml_env_tag reads it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
        if len(items) == 1:
            names = items
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.load(value, Loader=yaml.SafeLoader) if value else value  # noqa: S506
    return default


def _other_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    """Any other local tag (``!relative``...): keep the plain value."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _other_tag)


@dataclass(frozen=True)
class Site:
    """What the editor command needs to know about a site."""

    root: Path  # folder holding mkdocs.yml
    config_file: Path
    docs_dir: Path
    settings: NewsSettings
    markdown: MarkdownSetup = MarkdownSetup()

    @property
    def news_dir(self) -> Path:
        return self.docs_dir / self.settings.news_dir

    def shown(self, path: Path) -> str:
        """A path as the build shows it in messages: relative to the site folder."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_config(start: Path) -> Path:
    """mkdocs.yml in ``start`` or the nearest folder above it (or ``start`` itself if a file)."""
    start = start.resolve()
    if start.is_file():
        return start
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise SiteConfigError(f"no mkdocs.yml in {start} or any folder above it; run the command "
                          "inside the site's folder, or give --site FOLDER")


def load_yaml(config_file: Path, _depth: int = 0) -> dict[str, Any]:
    """The configuration mapping, with ``INHERIT:`` parents merged in like MkDocs does."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SiteConfigError(f"{config_file}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SiteConfigError(f"{config_file}: is not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config_file}:{mark.line + 1}" if mark else str(config_file)
        raise SiteConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SiteConfigError(f"{config_file}: must be a mapping of settings")
    parent = data.pop("INHERIT", None)
    if parent is not None:
        if _depth >= MAX_INHERIT_DEPTH:
            raise SiteConfigError(f"{config_file}: INHERIT goes more than {MAX_INHERIT_DEPTH} deep")
        base = load_yaml((config_file.parent / str(parent)).resolve(), _depth + 1)
        data = merge(base, data)
    return data


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child settings over parent ones: mappings merge, everything else is replaced."""
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def plugin_config(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options of plugin ``name`` (list or mapping form of ``plugins:``), or None."""
    plugins = data.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, {})
        for p in plugins
    )
    for key, options in entries:
        if key == name:
            return options if isinstance(options, dict) else {}
    return None


def languages(data: dict[str, Any], where: str) -> tuple[Language, ...]:
    """The built languages of the i18n plugin, default first (as the MkDocs adapter reads them)."""
    options = plugin_config(data, "i18n")
    if options is None:
        raise SiteConfigError(f"{where}: plugins: the i18n plugin (mkdocs-static-i18n) is required")
    entries = options.get("languages")
    if not isinstance(entries, list) or not entries:
        raise SiteConfigError(f"{where}: plugins.i18n.languages: must list the site's languages")
    found: list[Language] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
            raise SiteConfigError(f"{where}: plugins.i18n.languages[{index}]: needs a locale")
        if entry.get("build", True) is False:
            continue
        code = entry["locale"]
        default = entry.get("default") is True
        found.append(Language(code, str(entry.get("name") or code),
                              "" if default else f"{code}/", default))
    if sum(lang.default for lang in found) != 1:
        raise SiteConfigError(f"{where}: plugins.i18n.languages: exactly one built language "
                              "must have default: true")
    found.sort(key=lambda lang: not lang.default)
    return tuple(found)


def custom_dirs(data: dict[str, Any], root: Path) -> tuple[Path, ...]:
    """The theme's custom_dir (overrides/), where a site keeps its language files."""
    theme = data.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return ((root / folder).resolve(),) if isinstance(folder, str) and folder else ()


def read_site(config_file: Path) -> Site:
    """Read mkdocs.yml (and its parents) into a :class:`Site`; SiteConfigError if unusable."""
    config_file = config_file.resolve()
    data = load_yaml(config_file)
    root = config_file.parent
    docs = data.get("docs_dir", "docs")
    if not isinstance(docs, str) or not docs:
        raise SiteConfigError(f"{config_file}: docs_dir: must be a folder name")
    docs_dir = (root / docs).resolve()
    extra = data.get("extra") or {}
    news = extra.get("news") if isinstance(extra, dict) else None
    try:
        settings = load_settings(news, languages(data, str(config_file)),
                                 preview=preview_requested(), site_dirs=custom_dirs(data, root))
    except SettingsError as exc:
        raise SiteConfigError(f"{config_file}: {exc}") from None
    if not docs_dir.is_dir():
        raise SiteConfigError(f"{config_file}: docs_dir: folder {docs_dir} does not exist")
    return Site(root, config_file, docs_dir, settings,
                MarkdownSetup.from_config(data.get("markdown_extensions")))
