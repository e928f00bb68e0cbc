"""Every MkDocs event toasoan uses, in the order they run, and why each runs when it does.

mkdocs-static-i18n ("i18n" below) builds the default language, then, inside that build's
``on_post_build`` (its priority -100), one complete nested build per other language on
the same config. Every event below therefore runs once per language, except where said.
Priorities are relative to i18n's: higher runs earlier.

=====  ====================  ========  ========  =============================================
 #     event                 priority  phase     what it does
=====  ====================  ========  ========  =============================================
 1     on_startup            0         load      ``mkdocs serve``: a taken port is said in one line
 2     on_config             -150      load      after i18n set the language: the first build
                                                 reads the settings and languages, checks
                                                 site_url and the logo, refuses preview mode
                                                 outside ``mkdocs serve``, and points the output
                                                 at a staging folder; every build localizes the
                                                 menu of static pages
 3     on_pre_build          0         plan      first build only, before MkDocs cleans or walks
                                                 anything: read and validate every article (links
                                                 are never followed), plan every page of every
                                                 language; errors stop the build (serve: show
                                                 the problems page instead)
 4     on_files              -150      files     after i18n sorted the files: keep what this
                                                 language publishes, refuse active files, ignore
                                                 leftovers, add the generated pages
 5     on_nav                -150      files     after i18n localized the nav: when many pages
                                                 are to be rendered (not under serve), fork the
                                                 workers that render a share of them
                                                 (toasoan_mkdocs.parallel)
 6     on_page_markdown      0         page      after i18n's (50): attach ``page.news``, title
                                                 and template; an article's body Markdown
 7     on_page_content       0         page      the allow-list on the rendered body (articles
                                                 and static pages); headings below the title
 8     on_env                0         page      stop before any page is written if a body was
                                                 refused; give templates ``news_site``
 9     on_template_context   0         output    the 404 page's data
 10    on_post_page          0         output    mark the article for search; check the finished
                                                 page against the page allow-list
 11    on_post_template      0         output    check the 404 page; move a language's 404 to
                                                 its folder
 12    on_post_build         -110      output    wait for this language's workers; its feeds;
                                                 the outermost build (after i18n built the
                                                 others): the admin page, sitemaps,
                                                 robots.txt, the search index, the trimmed
                                                 stylesheet, then the swap into place
 13    on_build_error        0         output    stop the workers; remove the unfinished
                                                 staging folder
 14    on_serve              0         serve     ``mkdocs serve``, once, after the first
                                                 build: watch for saves with the system's
                                                 file events instead of polling docs/
=====  ====================  ========  ========  =============================================
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from toasoan import allowlist, frontmatter, render, search, segments
from toasoan.article import demote_headings
from toasoan.cache import BuildCache
from toasoan.config import SettingsError, load_settings, preview_requested
from toasoan.content import is_template_name, scan, template_message
from toasoan.navigation import localized_nav, page_exists
from toasoan.output_policy import content_security_policy
from toasoan.site import Mode, SiteBuild
from toasoan.views import ARTICLE, CORRECTIONS, LISTING, SEARCH, STATIC

from . import files as files_phase
from . import incremental, output, parallel, serve
from .state import BuildState, attach, find, get, i18n_entries, i18n_language, log, project_root

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

__all__ = ["on_startup", "on_config", "on_pre_build", "on_files", "on_nav", "on_page_markdown",
           "on_page_content", "on_env", "on_template_context",
           "on_post_page", "on_post_template", "on_post_build", "on_build_error", "on_serve"]

TEMPLATES = {ARTICLE: "article.html", LISTING: "listing.html", SEARCH: "search.html",
             CORRECTIONS: "corrections.html"}


# 1 ------------------------------------------------------------------ load

def on_startup(*, command: str, dirty: bool, **kwargs: Any) -> None:
    if command == "serve":
        serve.explain_port_in_use()


# 2
@event_priority(-150)  # after i18n's on_config (-100) has set the language of this build
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    state = find(config) or attach(config, _load(config))
    lang = i18n_language(config)
    state.stack.append(lang)
    state.body_problems = []
    _localize_nav(config, state, lang)
    return config


def _load(config: MkDocsConfig) -> BuildState:
    """The first build: settings, languages, the output folder."""
    root = project_root(config)
    entries, texts = i18n_entries(config)
    custom = (Path(config.theme.custom_dir),) if config.theme.custom_dir else ()
    try:
        settings = load_settings(config.extra.get("news"), tuple(entries), site_dirs=custom)
    except SettingsError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None
    _check_site_url(config.site_url)
    if settings.logo and not urlsplit(settings.logo).scheme and \
            not (Path(config.docs_dir) / settings.logo.lstrip("/")).is_file():
        raise PluginError(f'mkdocs.yml: extra.news.logo: "{settings.logo}" is not a file in docs/ '
                          "(the publisher's logo in JSON-LD and social previews)")
    serving = _serving(config)
    preview = preview_requested()
    if preview and not serving:
        raise PluginError("TOASOAN_PREVIEW is set: a preview shows drafts and embargoed "
                          "articles, so it is only for `mkdocs serve`; unset it to build the "
                          "site (unset TOASOAN_PREVIEW)")
    try:
        segment = segments.choose(os.environ.get(segments.VARIABLE), settings.segments)
    except segments.SegmentError as exc:
        raise PluginError(str(exc)) from None
    if segment is not None and serving:
        raise PluginError(f"{segments.VARIABLE} is set: segments are for the jobs of a split "
                          f"build, not for mkdocs serve (unset {segments.VARIABLE})")
    state = BuildState(root=root, settings=settings, languages=settings.languages, texts=texts,
                       serving=serving, preview=preview, nav=config.nav, segment=segment)
    # Photo credits ("Ảnh: …", "Photo: …") in captions: the words of the site's languages.
    config.mdx_configs.setdefault("toasoan.figures", {})["credit_labels"] = [
        language.t("photo_credit") for language in settings.languages]
    # Every build writes a new folder swapped into place at the end (under serve too: the
    # preview never shows a half-written site, and unchanged files are linked from it).
    state.staging = output.start_staging(config)
    _ACTIVE[id(state)] = (state, config)
    return state


def _check_site_url(site_url: str | None) -> None:
    # `mkdocs serve` sets site_url itself before this runs.
    if not site_url:
        raise PluginError(
            "mkdocs.yml: site_url is required: feeds, sitemaps and social previews need "
            "absolute addresses; set it to the address the site is served from, e.g. "
            "site_url: https://example.org/ or site_url: https://org.github.io/repo/")
    try:
        parts = urlsplit(site_url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc \
            or parts.query or parts.fragment:
        raise PluginError(f'mkdocs.yml: site_url "{site_url}" must be an http(s) address with '
                          "no ? or #, e.g. https://example.org/ or https://org.github.io/repo/")


def _serving(config: MkDocsConfig) -> bool:
    host, port = config.dev_addr
    return urlsplit(config.site_url or "").netloc == f"{host}:{port}"


def _localize_nav(config: MkDocsConfig, state: BuildState, lang: str) -> None:
    """Each language's menu lists only the static pages that exist in it."""
    if state.broken is not None:
        return
    sources = {path.relative_to(config.docs_dir).as_posix()
               for path in Path(config.docs_dir).glob("*.md")}
    generated = {"index.md"}  # the home page is a generated listing
    default = lang == state.default
    config.nav = localized_nav(
        state.nav, lambda src: src in generated or page_exists(src, lang, default, sources))


# 3 ------------------------------------------------------------------ plan

def on_pre_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    state = get(config)
    if not state.outermost:
        return  # planned once, by the first build, for every language
    settings = state.settings
    docs = Path(config.docs_dir)
    base_scope = None
    if incremental.enabled() and incremental.take(state):
        base_scope = incremental.scope(config, state)
        state.cache = BuildCache(incremental.folder(state.root), base_scope)
    site = SiteBuild(settings, scan(docs, settings, root=state.root, cache=state.cache),
                     _now(settings), config.site_url, state.texts,
                     Mode(state.serving, state.preview), docs)
    problems = site.problems
    for problem in problems:
        (log.error if problem.is_error else log.warning)(str(problem))
    errors = [p for p in problems if p.is_error]
    if errors and state.serving:
        serve.enter_problems_mode(config, state, errors)
        return
    if errors:
        raise PluginError(f"{len(errors)} problem{'s' if len(errors) > 1 else ''} in the content "
                          "(listed above); nothing was published")
    state.site = site
    if state.cache is not None and base_scope is not None:
        incremental.plan(state, site, state.cache, base_scope)
        if state.segment is None:
            incremental.narrow(state, site, config)
    if state.segment is not None:
        log.info(f"building {state.segment} (TOASOAN_SEGMENT)")


def _now(settings: Any) -> dt.datetime:
    """'Now' for this build: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return now.astimezone(settings.tz)


# 4 ------------------------------------------------------------------ files

@event_priority(-150)  # after i18n's on_files (-100) has sorted the files by language
def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    state = get(config)
    if state.broken is not None:
        return serve.problems_files(files)
    return files_phase.select(files, config, state)


# 5
@event_priority(-150)  # after i18n's on_nav (0) has localized the nav: the nav is final
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Navigation:
    state = get(config)
    if state.broken is None:
        parallel.start(state, config, files, nav)
    return nav


# 6 ------------------------------------------------------------------ page

def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    state = get(config)
    site = state.require_site()
    ref = getattr(page.file, "ref", None) or site.page_for(state.lang, page.file.src_uri)
    if ref is None:
        return None
    news = site.page_news(ref)
    page.news = news  # type: ignore[attr-defined]
    # Material prints page.title unescaped (title tag, header, nav): it gets safe markup.
    title = news.title or page.meta.get("title")
    page.meta = {**page.meta, "title": str(escape(title))} if isinstance(title, str) else page.meta
    if ref.kind in TEMPLATES:
        page.meta = {"title": page.meta.get("title"), "template": TEMPLATES[ref.kind]}
        if ref.kind == LISTING:
            page.meta["hide"] = ["navigation", "toc"]
    if ref.article is not None:
        return site.body(ref.article)
    if ref.static is not None:
        _check_static_page(page, ref, state, config)
        return None
    return ""


def _check_static_page(page: Page, ref: Any, state: BuildState, config: MkDocsConfig) -> None:
    """A static page's template: must be ours (its text had the article's first pass when
    the content was read: toasoan.content)."""
    static = ref.static
    findings: list[tuple[int, str]] = []
    template = page.meta.get("template")
    if template is not None and not _is_page_template(template, config):
        findings.append((_field_line(page, "template"), template_message(template)))
    state.body_problems += [f"{static.path}:{line}: {message}" for line, message in findings]


def _body_line(static: Any) -> int:
    # MkDocs drops the blank lines between the front matter and the text.
    return static.body_line + len(static.body) - len(static.body.lstrip("\n"))


def _field_line(page: Page, key: str) -> int:
    try:
        document = frontmatter.parse(frontmatter.normalize_text(page.file.content_string))
    except (frontmatter.FrontMatterError, OSError, UnicodeDecodeError):
        return 1
    return document.line(key)


def _is_page_template(name: object, config: MkDocsConfig) -> bool:
    """A theme .html file named plainly (toasoan.content.is_template_name) that the theme has."""
    if not is_template_name(name):
        return False
    return any((Path(folder) / name).is_file() for folder in config.theme.dirs)


# 7
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """The allow-list applied to what the renderer produced: the same decision as
    ``toasoan check`` (toasoan.render), whatever the Markdown first pass thought."""
    news = getattr(page, "news", None)
    if news is None or news.kind not in {ARTICLE, STATIC}:
        return None
    state = get(config)
    ref = state.require_site().page_for(state.lang, page.file.src_uri)
    source = ref.article or ref.static if ref is not None else None
    if source is None:
        return None
    violations = allowlist.article_violations(html)
    if violations:
        first = source.body_line if ref.article is not None else _body_line(source)
        text = state.require_site().body(source) if ref.article is not None else \
            source.body.lstrip("\n")
        state.body_problems += [f"{source.path}:{line}: {message}"
                                for line, message in render.findings(violations, text, first)]
    return demote_headings(html) if news.kind == ARTICLE else None


# 8
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
    state = get(config)
    csp = content_security_policy()
    if state.broken is not None:
        state.problems_pages[state.lang] = serve.render_problems(env, state, state.lang, csp,
                                                    urlsplit(config.site_url or "/").path or "/")
        return env
    if state.body_problems:
        problems = parallel.text_problems(state, config, state.lang)
        for message in problems:
            log.error(message)
        raise PluginError(parallel.text_problems_message(len(problems)))
    env.globals["news_site"] = state.require_site().site_news(state.lang, csp=csp)
    return env


# 9 ------------------------------------------------------------------ output

def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig,
                        **kwargs: Any) -> dict[str, Any] | None:
    if template_name != "404.html":
        return None
    state = get(config)
    # Error pages are served at any address: MkDocs gives them the site's path as
    # base_url ("/" or "/repo/"), and every link there is absolute from it.
    notfound = state.require_site().notfound(state.lang, context.get("base_url", "/"))
    context["news_notfound"] = notfound
    return context


# 10
def on_post_page(output_html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    news = getattr(page, "news", None)
    result = None
    if news is not None and news.kind == ARTICLE:
        marked = search.mark_search_body(output_html)
        if marked is None:
            log.warning(f"{page.file.src_uri}: the article page has no <article> element; "
                        "search cannot index it")
        else:
            result = output_html = marked
    state = get(config)
    _check_page(output_html, _page_source(page, state), config)
    incremental.remember(state, state.lang, page.file.src_uri, page.file.abs_dest_path,
                         output_html)
    _progress(state)
    return result


PROGRESS_EVERY = 500  # pages: a long build says how far it is, plainly (CI logs)


def _progress(state: BuildState) -> None:
    done = state.progress[state.lang] = state.progress.get(state.lang, 0) + 1
    if done % PROGRESS_EVERY == 0:
        site = state.require_site()
        total = len(site.pages(state.lang)) - len(state.reused.get(state.lang, {}))
        if state.process is not None:  # a worker: its share
            number, count, total = state.process
            log.info(f"{state.lang}: {done}/{total} pages rendered (process {number} of {count})")
        elif state.elsewhere.get(state.lang):
            count = 1 + len([w for w in state.workers if w.lang == state.lang])
            log.info(f"{state.lang}: {done}/{total - state.elsewhere[state.lang]} pages rendered "
                     f"(process 1 of {count})")
        else:
            log.info(f"{state.lang}: {done}/{total} pages rendered")


def _page_source(page: Page, state: BuildState) -> str:
    if page.file.generated_by or getattr(page.file, "ref", None) is not None:
        return f"generated page /{page.file.url}"
    site = state.require_site()
    ref = site.page_for(state.lang, page.file.src_uri)
    source = ref.article or ref.static if ref is not None else None
    return source.path if source is not None else page.file.src_uri


def _check_page(html: str, where: str, config: MkDocsConfig) -> None:
    """The safety net: the finished page against the page allow-list (templates included)."""
    problems = allowlist.page_violations(html, site_url=config.site_url or "")
    if not problems:
        return
    lang = get(config).lang
    for problem in problems:
        log.error(f"{where} ({lang} page): {problem}")
    raise PluginError(f"{where}: the rendered page is unsafe (listed above); fix the template or "
                      "the text")


# 11
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig,
                     **kwargs: Any) -> str | None:
    if not template_name.endswith(".html") or not output_content:
        return None
    state = get(config)
    _check_page(output_content, f"template {template_name}", config)
    if template_name == "404.html" and state.lang != state.default:
        # Every language build renders the theme's 404.html into the site root: the other
        # languages' go to their folder (en/404.html); the root one stays the default's.
        output.write_page(Path(config.site_dir), f"{state.language(state.lang).prefix}404.html",
                          output_content)
        return ""  # MkDocs skips writing an empty template
    return None


def _write_admin(config: MkDocsConfig, site_dir: Path, remote: Any) -> None:
    """The remote editors' admin page (extra.news.desk): admin/ only, never the public pages."""
    from toasoan.desk.remote import write_admin  # only sites that publish the desk load it
    from toasoan.site_config import SiteConfigError, read_site

    try:
        write_admin(site_dir, read_site(Path(config.config_file_path)), remote)
    except (SiteConfigError, OSError) as exc:
        raise PluginError(f"mkdocs.yml: extra.news.desk: {exc}") from None


# 12
@event_priority(-110)  # after i18n's on_post_build (-100): in the outermost build, every
def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:  # language is written
    state = get(config)
    site_dir = Path(config.site_dir)
    try:
        if state.broken is not None:
            prefix = state.language(state.lang).prefix
            output.write_page(site_dir, f"{prefix}index.html", state.problems_pages[state.lang])
            if state.outermost:
                output.write_page(site_dir, "404.html", state.problems_pages[state.default])
                serve.leave_problems_mode(config, state)
                _finish(state, config, complete=False)
            return
        parallel.join(state, config, state.lang)
        site = state.require_site()
        incremental.copy_reused(state, site, state.lang, site_dir)
        whole = state.segment is None or state.segment.whole_site_files
        if whole:
            output.feeds(site, state.lang, site_dir)
            output.write_files(site_dir, site.latest_files(state.lang))
            output.redirect_pages(site, state.lang, site_dir, config, content_security_policy())
        if not state.outermost:
            return
        incremental.copy_untouched_photos(state, site_dir)
        if whole:
            output.sitemaps(site, site_dir)
            output.write_files(site_dir, site.redirect_files())
        if state.segment is None:  # a split build's merge does these on the whole site
            # Unchanged search shards are reused from the build cache (toasoan.search_shards).
            output.search_index_files(site_dir, incremental.folder(state.root)
                                      if state.cache is not None else None)
            output.trim_stylesheet(site_dir, state.page_classes)
        if whole and state.settings.desk is not None:  # after the trim: not one of its pages
            _write_admin(config, site_dir, state.settings.desk)
        if state.cache is not None:
            incremental.store(state, site, state.cache)
        _finish(state, config, complete=True)
    finally:
        if state.outermost:
            incremental.widen(state, config)
            incremental.give_back(state)
            _ACTIVE.pop(id(state), None)
        state.stack.pop()


def _finish(state: BuildState, config: MkDocsConfig, *, complete: bool) -> None:
    """The new output takes the old one's place (unless --strict is about to abort)."""
    if state.staging is not None and not output.strict_warnings_pending(config):
        output.finish_staging(config, state.staging, background=state.serving)
        incremental.served_now(state, complete)
        state.staging = None


# 13
def on_build_error(*, error: Exception, **kwargs: Any) -> None:
    # MkDocs gives this event no config: the builds in progress are found in _ACTIVE,
    # which holds nothing once a build has finished or failed.
    for key, (state, config) in list(_ACTIVE.items()):
        parallel.stop_all(state)
        incremental.widen(state, config)
        incremental.give_back(state)
        if state.staging is not None:
            output.abandon_staging(config, state.staging)
            state.staging = None
        _ACTIVE.pop(key, None)


# Builds in progress (workers, narrow walk, staging folder), for on_build_error (the only
# event without the config). Emptied when each build finishes or fails: no state survives a build.
_ACTIVE: dict[int, tuple[BuildState, Any]] = {}


# 14 ----------------------------------------------------------------- serve

def on_serve(server: Any, *, config: MkDocsConfig, builder: Any, **kwargs: Any) -> Any:
    serve.watch_with_file_events(server, log)
    return server
