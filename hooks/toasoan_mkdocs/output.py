"""What the build writes besides MkDocs' pages: feeds, sitemaps, the search index, the
trimmed stylesheet, and the swap of a finished build into place."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs import utils
from mkdocs.exceptions import PluginError

from toasoan import css_purge, folders, search_shards
from toasoan.site import SiteBuild

from .state import Staging, log

ADMIN_FOLDER = "admin"  # toasoan.desk.remote.ADMIN_DIR (not imported: the desk is optional)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mkdocs.config.defaults import MkDocsConfig


def write_files(site_dir: Path, files: list[tuple[str, bytes]]) -> None:
    for rel, data in files:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def feeds(site: SiteBuild, lang: str, site_dir: Path) -> None:
    """RSS, Atom and JSON Feed of the language and of each of its sections."""
    try:
        write_files(site_dir, site.feed_files(lang))
    except ValueError as exc:  # XmlTextError: text XML cannot carry (a setting, say)
        raise PluginError(f"feeds ({lang}): {exc}") from None


def redirect_pages(site: SiteBuild, lang: str, site_dir: Path, config: MkDocsConfig,
                   csp: str) -> None:
    """A page at each earlier address of the language's articles (overrides/redirect.html)."""
    redirects = site.redirects(lang)
    if not redirects:
        return
    template = config.theme.get_env().get_template("redirect.html")
    write_files(site_dir, [(r.file, template.render(redirect=r, csp=csp).encode("utf-8"))
                           for r in redirects])


def sitemaps(site: SiteBuild, site_dir: Path) -> None:
    try:
        write_files(site_dir, site.sitemap_files())
    except ValueError as exc:
        raise PluginError(f"sitemaps: {exc}") from None


def search_index_files(site_dir: Path, cache_dir: Path | None = None) -> None:
    """The Pagefind index, in shards by language and period (toasoan.search_shards).

    Each shard is indexed by its own run of the pinned Pagefind binary (it returns once
    every file is written), at most one per core at a time, and rewritten in a stable
    order so that two builds of a site are identical. With ``cache_dir``, a shard whose
    pages did not change is reused from the previous build.
    """
    try:
        report = search_shards.build_search_index(
            site_dir, cache_dir, python=sys.executable,
            progress=lambda line: log.info(f"search: {line}"))
    except (OSError, ValueError, RuntimeError) as exc:
        log.error(f"search: Pagefind could not index {site_dir}: {exc}")
        raise PluginError("search index not built") from None
    per_language = ", ".join(f"{code}: {count}" for code, count in sorted(report.pages.items()))
    # bench/run.py reads "Pagefind indexed N pages in S s" (and the peak) from this line.
    log.info(f"search: Pagefind indexed {report.indexed_pages} pages in {report.seconds:.1f} s "
             f"({per_language}; {len(report.indexed)} of {len(report.shards)} shards indexed, "
             f"{len(report.reused)} reused; Pagefind peak {report.peak_rss_mb:.0f} MB)")


def trim_stylesheet(site_dir: Path, known: Mapping[str, set[str]] | None = None) -> None:
    """Material's main.css without the rules no page of the site can use (134 KB -> ~50).

    ``known``: output file (absolute path) -> its classes, for pages whose classes were
    taken when they were rendered or stored in the build cache; every other HTML file
    is read.
    """
    known = known or {}
    used: set[str] = set()
    for page in site_dir.rglob("*.html"):
        if page.relative_to(site_dir).parts[0] == ADMIN_FOLDER:
            continue  # the remote editors' page has its own stylesheet
        classes = known.get(os.path.abspath(page))
        if classes is None:
            classes = css_purge.classes_in_html(page.read_text(encoding="utf-8",
                                                               errors="replace"))
        used |= classes
    for script in site_dir.glob("assets/js/*.js"):
        used |= css_purge.classes_in_script(script.read_text(encoding="utf-8", errors="replace"))
    for stylesheet in site_dir.glob("assets/stylesheets/main.*.min.css"):
        before = stylesheet.read_text(encoding="utf-8")
        after = css_purge.purge(before, used)
        stylesheet.write_text(after, encoding="utf-8")
        stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)  # no longer true
        log.info(f"stylesheet: {stylesheet.name} {len(before) // 1024} KB -> "
                 f"{len(after) // 1024} KB (rules no page can use left out)")


def write_page(site_dir: Path, rel: str, html: str) -> None:
    utils.write_file(html.encode("utf-8"), str(site_dir / rel))


# ---------------------------------------------------------------- staging


def start_staging(config: MkDocsConfig) -> Staging:
    """Point the build at a new folder beside the output folder (same file system: the
    final swap is a rename). Stale folders of builds that were killed are removed."""
    target = Path(config.site_dir).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    folders.remove_abandoned(target)
    folder = target.with_name(f".{target.name}.build-{os.getpid()}-{secrets.token_hex(3)}")
    folder.mkdir()
    config.site_dir = str(folder)
    return Staging(target, folder)


def finish_staging(config: MkDocsConfig, staging: Staging, *, background: bool = False) -> None:
    """Swap the finished build into place; the previous output is then deleted (by a
    thread when ``background``: the live preview reloads without waiting for it)."""
    config.site_dir = str(staging.target)
    folders.swap_into_place(staging.folder, staging.target, background=background)


def abandon_staging(config: MkDocsConfig, staging: Staging) -> None:
    config.site_dir = str(staging.target)
    shutil.rmtree(staging.folder, ignore_errors=True)


def strict_warnings_pending(config: MkDocsConfig) -> bool:
    """Whether ``mkdocs build --strict`` is about to abort for warnings: it checks its
    counter right after on_post_build, so the finished build must not be swapped in."""
    if not config.strict:
        return False
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, utils.CountHandler) and handler.get_counts():
            return True
    return False
