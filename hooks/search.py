"""Pagefind search: a results page per language, article bodies marked, the index built.

Replaces Material's lunr search (not in ``plugins:``). Pagefind reads the built
HTML: only each article's ``<article>`` element is indexed (``data-pagefind-body``),
with title, date, authors and categories as metadata from
``overrides/partials/head/search.html``. It makes one index per ``<html lang>``, so
the index is built once, after the last language's pages are written
(mkdocs-static-i18n nests the other languages' builds inside the first one's
``on_post_build``, so the first build ends before the others' pages exist), by the
pinned Pagefind binary in one pass, then rewritten in a stable order
(``toasoan.search_index``) so that two builds of the same site are identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import _newsroom
from toasoan import search, search_index

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def _search_url(config: MkDocsConfig, lang: str) -> str:
    return search.search_page_url(lang, _newsroom.settings(config).language(lang).prefix)


@event_priority(-160)  # after mkdocs-static-i18n (-100) and hooks/languages.py (-150)
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> Files:
    lang = _newsroom.current_language(config)
    url = _search_url(config, lang)
    taken = _newsroom.newsroom(config).page_urls.get(url)
    if taken is not None:
        _newsroom.log.error(f"{taken}: writes /{url}, the address of the search page; rename it")
        raise PluginError(f"/{url} is the search page's address")
    title = search.labels(lang)["title"]
    page = File.generated(config, search.search_page_src(url),
                          content=f"---\ntitle: {json.dumps(title)}\ntemplate: search.html\n---\n",
                          inclusion=InclusionLevel.NOT_IN_NAV)
    page.locale = lang  # type: ignore[attr-defined]
    page.locale_alternate_of = lang  # type: ignore[attr-defined]
    page.alternates = {lang: page}  # type: ignore[attr-defined]
    files.append(page)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> None:
    """The header's search box and the search page read ``news_search``."""
    lang = _newsroom.current_language(config)
    env.globals["news_search"] = {"url": _search_url(config, lang), "labels": search.labels(lang)}


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    **kwargs) -> None:
    lang = _newsroom.current_language(config)
    article = getattr(page, "article", None)
    if article is not None:
        page.news_search = search.search_metadata(  # type: ignore[attr-defined]
            article.title, article.date, article.authors, article.categories, lang,
            _newsroom.settings(config).tz)
    elif page.url == _search_url(config, lang):
        page.news_alternates = {  # type: ignore[attr-defined]
            other.code: _search_url(config, other.code)
            for other in _newsroom.site_languages(config)
        }


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    """Mark the article as the page's searchable part (nav, footer... are left out)."""
    article = getattr(page, "article", None)
    if article is None:
        return None
    marked = search.mark_search_body(output)
    if marked is None:
        _newsroom.log.warning(f"{article.path}: the article page has no <article> element; "
                              "search cannot index it")
        return None
    return marked


def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    languages = [lang.code for lang in _newsroom.site_languages(config)]
    if _newsroom.current_language(config) != search.last_language(languages):
        return  # the other languages' pages are not written yet
    site_dir = Path(config.site_dir)
    bundle = site_dir / "pagefind"
    started = time.perf_counter()
    shutil.rmtree(bundle, ignore_errors=True)  # no stale chunks after a --dirty rebuild
    # The pinned Pagefind binary, as a command: it returns once every file is written.
    # (The Python API's PagefindIndex stops its service as soon as the write is
    # acknowledged; under load that left empty files, pagefind-entry.json among them.)
    command = search.pagefind_command(sys.executable, site_dir, bundle)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(done.stdout.strip() + done.stderr.strip())
        search_index.make_reproducible(bundle)
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError, RuntimeError, subprocess.SubprocessError) as exc:
        _newsroom.log.error(f"search: Pagefind could not index {site_dir}: {exc}")
        raise PluginError("search index not built") from None
    counts = {code: index["page_count"] for code, index in entry["languages"].items()}
    per_language = ", ".join(f"{code}: {count}" for code, count in sorted(counts.items()))
    # bench/run.py reads "Pagefind indexed N pages in S s" from this line.
    _newsroom.log.info(f"search: Pagefind indexed {sum(counts.values())} pages in "
                       f"{time.perf_counter() - started:.1f} s ({per_language})")
