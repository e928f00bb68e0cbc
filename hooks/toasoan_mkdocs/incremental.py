"""Incremental builds: pages whose inputs did not change are not rendered again.

The build cache (``toasoan.cache``) keeps every page's HTML with a fingerprint of what it
shows (``SiteBuild.page_key``). In the "plan" phase each page's fingerprint is computed;
a page found in the cache with the same fingerprint is marked *excluded* in MkDocs' file
list (MkDocs neither reads, renders nor writes it, yet still resolves links to it) and its
HTML is copied into the output at the end of its language's build. Rendered pages are
added to the cache when the build has succeeded.

``TOASOAN_CACHE=off`` disables the cache; ``TOASOAN_CACHE_DIR`` moves it (default:
``.cache/toasoan/`` beside mkdocs.yml).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import toasoan
import toasoan_mkdocs
from toasoan import cache, css_purge, folders, site_config
from toasoan.cache import BuildCache, copy_out
from toasoan.output_policy import unpublishable
from toasoan.site import PageRef, SiteBuild
from toasoan.sources import is_leftover
from toasoan.views import ARTICLE, LISTING, SEARCH

from .state import BuildState, log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

OFF = {"0", "off", "no", "false"}
# Versions that change what a page looks like.
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions",
            "Babel", "Jinja2", "selectolax", "PyYAML")


def enabled() -> bool:
    return os.environ.get("TOASOAN_CACHE", "").strip().lower() not in OFF


def folder(root: Path) -> Path:
    custom = os.environ.get("TOASOAN_CACHE_DIR", "").strip()
    return Path(custom).resolve() if custom else root / ".cache" / "toasoan"


def take(state: BuildState) -> bool:
    """Hold the site's build cache for this build, or say why the build goes without it:
    another build of the same site is running and uses it (its pages would vanish under
    this one, or this one's under it)."""
    cache_folder = folder(state.root)
    if cache.take(cache_folder):
        state.cache_taken = cache_folder
        return True
    log.info(f"build cache: in use by another build of this site (process "
             f"{cache.holder(cache_folder) or '?'}); this build renders everything without it")
    return False


def give_back(state: BuildState) -> None:
    if state.cache_taken is not None:
        cache.give_back(state.cache_taken)
        state.cache_taken = None


def scope(config: MkDocsConfig, state: BuildState) -> str:
    """What every page of the site depends on: our code, the templates and assets, the
    configuration (with its parents), the tools' versions, the address and the mode."""
    digest = hashlib.blake2b(digest_size=20)
    for tree in (Path(toasoan.__file__).parent, Path(toasoan_mkdocs.__file__).parent,
                 *(Path(d) for d in ([config.theme.custom_dir] if config.theme.custom_dir else []))):
        for path in sorted(tree.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(tree).as_posix().encode())
                digest.update(path.read_bytes())
    try:
        resolved = site_config.load_yaml(Path(config.config_file_path))
    except site_config.SiteConfigError:
        resolved = {}
    digest.update(repr(sorted(resolved.items(), key=lambda kv: kv[0])).encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    # The program running the build (mkdocs, or properdocs: its name is in every page).
    tool = type(config).__module__.split(".")[0]
    digest.update(f"{sys.version_info[:2]}|{tool}|{config.site_url}|{state.serving}|"
                  f"{state.preview}".encode())
    return digest.hexdigest()


def language_scope(base: str, site: SiteBuild, lang: str) -> str:
    """The site's scope plus what every page of one language shows: its menu of static pages."""
    pages = sorted((p.src_uri, p.title) for p in site.newsroom.pages if p.lang == lang)
    return hashlib.blake2b(repr((base, lang, pages)).encode(), digest_size=20).hexdigest()


def cacheable(ref: PageRef) -> bool:
    """Articles, listing pages and search pages. Not the home pages and static pages: they
    are the nav's, which MkDocs must see (and there are few)."""
    if ref.kind == ARTICLE or ref.kind == SEARCH:
        return True
    if ref.kind == LISTING and ref.listing is not None:
        return not (ref.listing.listing.kind == "home" and ref.listing.number == 1)
    return False


def plan(state: BuildState, site: SiteBuild, cache: BuildCache, base_scope: str) -> None:
    """Every page's fingerprint, and which pages the cache already holds."""
    for language in site.settings.languages:
        lang = language.code
        lang_scope = language_scope(base_scope, site, lang)
        reused = state.reused.setdefault(lang, {})
        for src_uri, ref in site.pages(lang).items():
            if not cacheable(ref):
                continue
            key = site.page_key(ref, lang_scope)
            state.keys[(lang, src_uri)] = key
            cached = cache.page(ref.url, key)
            if cached is not None:
                reused[src_uri] = cached
        total = len(site.pages(lang))
        log.info(f"{lang}: {total} pages, {total - len(reused)} to render, {len(reused)} from "
                 "the build cache")


def copy_reused(state: BuildState, site: SiteBuild, lang: str, site_dir: Path) -> None:
    for src_uri, cached in state.reused.get(lang, {}).items():
        ref = site.page_for(lang, src_uri)
        if ref is not None:
            target = site_dir / ref.url / "index.html"
            stamp = state.keys.get((lang, src_uri))
            if not _from_served(state, f"{ref.url}index.html", stamp, target):
                copy_out(cached, target)
            state.page_classes[os.path.abspath(target)] = set(state.cache.classes(ref.url)) \
                if state.cache is not None else css_purge.classes_in_html(
                    target.read_text(encoding="utf-8", errors="replace"))


def remember(state: BuildState, lang: str, src_uri: str, dest: str, html: str) -> None:
    """A rendered page to add to the cache once the build has succeeded."""
    key = state.keys.get((lang, src_uri))
    classes = css_purge.classes_in_html(html)
    state.page_classes[os.path.abspath(dest)] = classes
    if key is not None:
        state.rendered.append((lang, src_uri, key, dest, classes))
        if state.staging is not None and state.serving:
            rel = Path(dest).relative_to(state.staging.folder).as_posix()
            state.served[rel] = key


def store(state: BuildState, site: SiteBuild, cache: BuildCache) -> None:
    for lang, src_uri, key, dest, classes in state.rendered:
        ref = site.page_for(lang, src_uri)
        if ref is not None and Path(dest).is_file():
            cache.store_page(ref.url, key, Path(dest), classes)
    cache.save()
    report = cache.report
    log.info(f"build cache ({report.state}): {report.pages_reused} pages reused, "
             f"{report.pages_rendered} rendered; {report.files_reused} files read from the "
             f"cache, {report.files_read} read again")


# ---------------------------------------------------------------- the narrow walk
# When the cache holds most pages, MkDocs (and mkdocs-static-i18n, which makes a file
# object per file and language) need not walk every photo of the archive: the build
# walks a mirror of docs/ instead (folders, and hard links to the files: paths inside it
# stay inside it, as the photo reader requires) without the photos of the bundles whose
# pages all come from the cache; those photos are copied into the output directly,
# where MkDocs would have written them.

NARROW_SHARE = 0.5  # narrow the walk when at most this share of the pages is rendered


@dataclass
class Narrowed:
    real: str  # docs_dir as configured (restored at the end of the build)
    folder: Path  # what MkDocs walks instead
    copies: list[tuple[Path, str]] = field(default_factory=list)  # (source, output path)


def narrow(state: BuildState, site: SiteBuild, config: MkDocsConfig) -> None:
    """Point ``config.docs_dir`` at a mirror of docs/ without the untouched bundles' photos."""
    if state.cache is None or state.broken is not None:
        return
    codes = site.settings.language_codes
    total = sum(len(site.pages(code)) for code in codes)
    reused = sum(len(state.reused.get(code, {})) for code in codes)
    if total == 0 or total - reused > total * NARROW_SHARE:
        return
    walked: set[str] = set()  # bundles with a page to render in some language
    published: set[str] = set()  # bundles whose photos a language publishes
    for code in codes:
        for src_uri, ref in site.pages(code).items():
            if ref.article is None:
                continue
            published.add(ref.article.bundle)
            if src_uri not in state.reused.get(code, {}):
                walked.add(ref.article.bundle)
    bundles = {article.bundle for article in site.newsroom.articles}
    untouched = bundles - walked
    for stale in state.cache.folder.glob("walk-*"):  # of builds that were killed
        if folders.abandoned(stale, "walk-"):
            shutil.rmtree(stale, ignore_errors=True)
    narrowed = Narrowed(config.docs_dir, state.cache.folder / f"walk-{os.getpid()}")
    folders.remove_abandoned_beside(state.cache.folder)
    shutil.rmtree(narrowed.folder, ignore_errors=True)
    try:
        _mirror(Path(config.docs_dir), PurePosixPath("."), narrowed, untouched, published)
    except OSError as exc:
        log.info(f"build cache: the whole of docs/ is walked ({exc.strerror}: {exc.filename})")
        shutil.rmtree(narrowed.folder, ignore_errors=True)
        return
    config.docs_dir = str(narrowed.folder)
    state.narrowed = narrowed
    log.info(f"build cache: {len(untouched)} of {len(bundles)} bundles unchanged: their photos "
             "are copied without MkDocs")


def _mirror(real: Path, rel: PurePosixPath, narrowed: Narrowed, untouched: set[str],
            published: set[str]) -> None:
    """Folder ``rel`` of docs/ into the mirror: folders made, files hard-linked (copied
    across file systems), symbolic links kept as links; an untouched bundle's photos are
    listed for copying instead."""
    name = rel.as_posix()
    (narrowed.folder / name).mkdir(parents=True, exist_ok=True)
    bundle = name in untouched
    for entry in sorted(os.scandir(real / name), key=lambda e: e.name):
        child = rel / entry.name
        source, mirror = real / child.as_posix(), narrowed.folder / child.as_posix()
        if bundle and not entry.name.endswith(".md") and not entry.is_symlink() \
                and not unpublishable(child.as_posix()):
            if name in published:
                narrowed.copies += _files_below(real, child)
        elif entry.is_symlink():
            mirror.symlink_to(os.readlink(source))
        elif entry.is_dir(follow_symlinks=False):
            _mirror(real, child, narrowed, untouched, published)
        else:
            try:
                os.link(source, mirror, follow_symlinks=False)
            except OSError:
                shutil.copyfile(source, mirror, follow_symlinks=False)


def _files_below(real: Path, rel: PurePosixPath) -> list[tuple[Path, str]]:
    path = real / rel.as_posix()
    if path.is_symlink():
        return []  # refused by the content check before any build gets here
    if path.is_file():
        return [] if is_leftover(rel.name) else [(path, rel.as_posix())]
    found = []
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        found += _files_below(real, rel / entry.name)
    return found


def copy_untouched_photos(state: BuildState, site_dir: Path) -> None:
    """The photos the narrow walk left out, where MkDocs would have written them."""
    if state.narrowed is None:
        return
    for source, rel in state.narrowed.copies:
        info = source.stat()
        if not _from_served(state, rel, (info.st_size, info.st_mtime_ns, info.st_ino),
                            site_dir / rel):
            copy_out(source, site_dir / rel)


# ---------------------------------------------------------------- mkdocs serve in place
# Under `mkdocs serve` each rebuild writes a new folder that is then swapped with the
# served one. What did not change is hard-linked from the served folder rather than copied
# again: the stamp of every page (its fingerprint) and photo (size, time, inode of its
# source) the served folder holds is kept between rebuilds here (module state: `mkdocs
# serve` loads a new config, hence a new BuildState, for each rebuild). Only under serve:
# a published output never shares files (some hosts refuse hard links).

_SERVED: dict[str, dict[str, object]] = {}  # served folder -> output path -> stamp


def _from_served(state: BuildState, rel: str, stamp: object, target: Path) -> bool:
    """Link ``rel`` from the served folder if it holds the same version; else False."""
    if not state.serving or state.staging is None or stamp is None:
        return False
    state.served[rel] = stamp
    if _SERVED.get(str(state.staging.target), {}).get(rel) != stamp:
        return False
    source = state.staging.target / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    state.kept_from_served += 1
    return True


def served_now(state: BuildState, complete: bool) -> None:
    """After the swap: what the served folder holds (nothing known after a problems page)."""
    if state.staging is None or not state.serving:
        return
    key = str(state.staging.target)
    if complete:
        _SERVED[key] = dict(state.served)
        log.info(f"preview: {state.kept_from_served} unchanged files kept from the served folder")
    else:
        _SERVED.pop(key, None)


def widen(state: BuildState, config: MkDocsConfig) -> None:
    """docs_dir as configured again (``mkdocs serve`` watches it); the links are removed."""
    narrowed, state.narrowed = state.narrowed, None
    if narrowed is not None:
        config.docs_dir = narrowed.real
        folders.discard(narrowed.folder)  # not on the build's time (a preview waits for it)
