"""Phase "files": what each language build publishes, and the pages we generate.

Runs after mkdocs-static-i18n has sorted the files by language (its on_files, -100),
which with ``fallback_to_default`` also offers the default language's pages under the
other languages: those fallbacks are dropped here, with everything the plan does not
publish in this language (drafts, scheduled or held articles, photos of bundles with
nothing published in this language, editors' leftover files).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from toasoan.output_policy import unpublishable
from toasoan.site import PageRef, SiteBuild
from toasoan.sources import is_leftover
from toasoan.views import ARTICLE, LISTING

from . import parallel
from .incremental import cacheable
from .state import BuildState, log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class NewsFile(File):
    """A page we generate (a listing page, a search page): ``ref`` is what it shows."""

    ref: PageRef


def localize(file: File, lang: str) -> File:
    """What mkdocs-static-i18n expects of every file of a language build (its switcher reads
    these; a generated page without them keeps a stale link)."""
    file.locale = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.alternates = {lang: file}  # type: ignore[attr-defined]
    return file


def select(files: Files, config: MkDocsConfig, state: BuildState) -> Files:
    """This language's files: the planned pages and their photos, theme assets, nothing else."""
    site = state.require_site()
    lang = state.lang
    docs = Path(config.docs_dir).resolve()
    news_dir = site.settings.news_dir + "/"
    photo_bundles = _photo_bundles(site, lang, state)
    all_bundles = {article.bundle for article in site.newsroom.articles}
    kept: list[File] = []
    refused: list[str] = []
    to_render: list[File] = []  # pages MkDocs renders that workers may take (parallel)
    for file in files:
        if file.generated_by or file.abs_src_path is None or \
                Path(file.src_dir or "").resolve() != docs:
            kept.append(file)  # the theme's assets, or another plugin's
            continue
        if is_leftover(PurePosixPath(file.src_uri).name):
            continue  # an editor's swap file, a backup, .DS_Store...
        why = unpublishable(file.src_uri)
        if why:
            refused.append(f"{_shown(file.src_uri, state)}: {why}")
            continue
        if file.is_documentation_page():
            ref = site.page_for(lang, file.src_uri)
            if ref is None or getattr(file, "locale", lang) != lang:
                continue  # another language's page offered as a fallback, or unpublished
            if src_uri_reused(state, lang, file.src_uri) or foreign(ref, state):
                # Its HTML comes from the build cache (or another job of a split build):
                # MkDocs neither reads nor writes it, but still resolves links to it.
                file.inclusion = InclusionLevel.EXCLUDED
            elif ref.kind == ARTICLE:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # articles are never nav entries
            if ref.kind == ARTICLE:
                _place(file, ref.url)
            if file.inclusion != InclusionLevel.EXCLUDED and cacheable(ref):
                to_render.append(file)
            kept.append(file)
        elif file.src_uri.startswith(news_dir):
            bundle = _bundle_of(file.src_uri, all_bundles)
            if bundle is None or bundle in photo_bundles:
                kept.append(file)  # a photo of a bundle published in this language
        else:
            kept.append(file)
    if refused:
        for message in refused:
            log.error(message)
        raise PluginError(f"{len(refused)} file{'s' if len(refused) > 1 else ''} in docs/ cannot "
                          "be published (listed above); nothing was published")
    for ref in site.generated(lang):
        file = generated_file(ref, config, site)
        if src_uri_reused(state, lang, ref.src_uri) or foreign(ref, state):
            file.inclusion = InclusionLevel.EXCLUDED
        elif cacheable(ref):
            to_render.append(file)
        kept.append(file)
    parallel.share_out(state, config, to_render)
    # Keep static-i18n's own Files class (I18nFiles(plugin, files)): it resolves nav entries
    # such as "about.md" to the current language's file. One pass, not Files.remove() per
    # file, which is quadratic at archive scale.
    plugin = getattr(files, "plugin", None)
    return type(files)(plugin, kept) if plugin is not None else Files(kept)


def _place(file: File, url: str) -> None:
    """Write the page at the plan's address (a translation's slug: may differ from its
    folder); MkDocs then makes its links relative to that address."""
    dest = f"{url}index.html"
    if file.dest_uri == dest:
        return
    # The output folder, as mkdocs-static-i18n set it (its files' dest_dir is not it).
    root = file.abs_dest_path[:len(file.abs_dest_path) - len(os.path.normpath(file.dest_uri))]
    file.dest_uri = dest
    file.abs_dest_path = os.path.normpath(os.path.join(root, dest))
    file.url = file._get_url()


def src_uri_reused(state: BuildState, lang: str, src_uri: str) -> bool:
    return src_uri in state.reused.get(lang, {})


def generated_file(ref: PageRef, config: MkDocsConfig, site: SiteBuild) -> NewsFile:
    """A generated page, in memory (nothing is written into docs/)."""
    default = site.settings.default_language.code
    home = ref.kind == LISTING and ref.listing is not None and \
        ref.listing.listing.kind == "home" and ref.listing.number == 1
    if home and ref.lang != default:
        # The nav's "index.md" is looked up as index.<lang>.md by mkdocs-static-i18n: the
        # other language's home page must answer to that name to be its build's homepage.
        file = NewsFile.generated(config, f"index.{ref.lang}.md", content="")
        file.dest_uri = f"{ref.url}index.html"
        file.name = "index"
    elif home:
        file = NewsFile.generated(config, ref.src_uri, content="")  # the homepage (in the nav)
    else:
        # not in the nav, on purpose: no "pages not included in the nav" list
        file = NewsFile.generated(config, ref.src_uri, content="",
                                  inclusion=InclusionLevel.NOT_IN_NAV)
    file.ref = ref
    return localize(file, ref.lang)


def _photo_bundles(site: SiteBuild, lang: str, state: BuildState) -> set[str]:
    """Bundles with an article shown in ``lang``: their photos are published with it (in a
    split build, by the job that writes the article's page)."""
    return {ref.article.bundle for ref in site.pages(lang).values()
            if ref.article is not None and not foreign(ref, state)}


def foreign(ref: PageRef, state: BuildState) -> bool:
    """A page another job of a split build writes (TOASOAN_SEGMENT; toasoan.segments).

    Segment jobs write their articles' pages; the "site" job every other cacheable page;
    the few pages of the nav (home pages, static pages) are written by every job alike.
    """
    choice = state.segment
    if choice is None or not cacheable(ref):
        return False
    if ref.article is not None:
        year = ref.article.date.astimezone(state.settings.tz).year
        return not choice.renders_article(ref.lang, year)
    return not choice.whole_site_files


def _bundle_of(src_uri: str, bundles: set[str]) -> str | None:
    for parent in PurePosixPath(src_uri).parents:
        if parent.as_posix() in bundles:
            return parent.as_posix()
    return None


def _shown(src_uri: str, state: BuildState) -> str:
    site = state.require_site()
    docs = site.docs_dir
    full = (docs / src_uri) if docs is not None else Path(src_uri)
    try:
        return full.relative_to(state.root).as_posix()
    except ValueError:
        return full.as_posix()
