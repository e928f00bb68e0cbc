"""Decide what each language build publishes, and attach each article to its page.

mkdocs-static-i18n sorts files by suffix, then (with ``fallback_to_default``)
publishes untranslated Vietnamese pages under /en/ labelled English. This hook
runs after it and keeps only real translations: a page whose file is not in the
language being built is dropped, as are drafts and articles dated in the future
(everywhere, unless the build is a preview), and the photos of bundles that have
no article in this language.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import _newsroom
from toasoan.navigation import localized_nav, page_exists

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


@event_priority(-150)  # after mkdocs-static-i18n (-100) has set the build language
def on_config(config: MkDocsConfig, **kwargs) -> None:
    """Each language's menu lists only the static pages that exist in it."""
    state = _newsroom.state(config)
    state.setdefault("nav", config.nav)  # the nav as written, before any language build
    settings = _newsroom.settings(config)
    lang = _newsroom.current_language(config)
    sources = {path.relative_to(config.docs_dir).as_posix()
               for path in Path(config.docs_dir).glob("*.md")}
    generated = {"index.md"}  # the home page, made by hooks/listings.py
    default = lang == settings.default_language.code
    config.nav = localized_nav(
        state["nav"], lambda src: src in generated or page_exists(src, lang, default, sources))


@event_priority(-150)  # after mkdocs-static-i18n (-100) has localized the files
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> Files:
    lang = _newsroom.current_language(config)
    newsroom = _newsroom.newsroom(config)
    now = _newsroom.build_time(config)
    news_dir = newsroom.settings.news_dir + "/"
    bundles = {article.bundle for article in newsroom.articles}
    shown = {a.bundle for a in newsroom.articles if a.lang == lang and newsroom.visible(a, now)}
    dropped: list[File] = []
    for file in files:
        if file.is_documentation_page():
            if getattr(file, "locale", lang) != lang:
                dropped.append(file)  # an untranslated page offered as a fallback
                continue
            article = newsroom.article_at(file.src_uri)
            if article is not None:
                if not newsroom.visible(article, now):
                    dropped.append(file)
                    continue
                file.inclusion = InclusionLevel.NOT_IN_NAV  # articles are never nav entries
        elif file.src_uri.startswith(news_dir) and _bundle_of(file, bundles) not in shown | {None}:
            dropped.append(file)  # a photo of a bundle with nothing published in this language
    if not dropped:
        return files
    gone = {id(file) for file in dropped}
    kept = [file for file in files if id(file) not in gone]
    # Keep static-i18n's own Files class (I18nFiles(plugin, files)): it resolves nav
    # entries such as "about.md" to the current language's file. One pass, not
    # Files.remove() per file, which is quadratic at archive scale.
    plugin = getattr(files, "plugin", None)
    return type(files)(plugin, kept) if plugin is not None else Files(kept)


def _bundle_of(file: File, bundles: set[str]) -> str | None:
    for parent in PurePosixPath(file.src_uri).parents:
        if parent.as_posix() in bundles:
            return parent.as_posix()
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    """Give the page its validated article; its title becomes HTML-safe markup.

    Material prints ``page.title`` unescaped (title tag, header, nav): it is made
    safe here once, for every page. Templates print the model's raw text with ``|e``.
    """
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = str(escape(title))
    article = _newsroom.newsroom(config).article_at(page.file.src_uri)
    if article is None:
        return None
    page.article = article  # type: ignore[attr-defined]
    page.meta = {"title": str(escape(article.title)), "template": "article.html"}
    return article.body
