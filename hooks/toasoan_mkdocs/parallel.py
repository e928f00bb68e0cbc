"""Builds on every core: forked workers render a share of each language's pages.

MkDocs renders one page after another in one process. At archive size most of a
clean build is that loop (Markdown, our checks, Jinja, the page allow-list), so each
language build hands a share of its pages to worker processes:

1. ``on_files`` (:func:`share_out`): the pages to render are dealt round-robin; the
   workers' shares are marked EXCLUDED, exactly like pages taken from the build cache
   (MkDocs then neither reads nor writes them, but still resolves links to them).
2. ``on_nav``, last (:func:`start`): the nav is final; each worker is forked with the
   whole build in memory (config, files, nav, plugins' state) and renders its share
   as MkDocs would (``_populate_page``, the plugins' ``on_env``, ``_build_page``) into
   the same output folder, while the parent renders the rest.
3. ``on_post_build`` of the language (:func:`join`): the parent waits for its workers
   and takes over what they learnt: pages rendered (build cache), classes used
   (stylesheet trim), warnings (``--strict``); a worker's error stops the build with
   the worker's message, as if the parent had met it.

Not used under ``mkdocs serve`` (a threaded server process is not forked), for small
builds (``MIN_SHARE``) or with ``TOASOAN_JOBS=1``. ``TOASOAN_JOBS=N`` sets the number
of processes; by default, one per core the build may use (at most ``MAX_JOBS``).

Uses two private functions of ``mkdocs.commands.build`` (``_populate_page`` and
``_build_page``; mkdocs is pinned exactly, and tests compare a parallel build with a
serial one byte for byte). When they are missing the build runs serially.
"""

from __future__ import annotations

import importlib
import logging
import os
import pickle
import signal
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from .state import BuildState, log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

JOBS_VARIABLE = "TOASOAN_JOBS"
MAX_JOBS = 8
MIN_SHARE = 100  # pages per process below which forking is not worth it


@dataclass
class Worker:
    pid: int
    reader: int  # the pipe the worker writes its result into
    lang: str


@dataclass
class Shares:
    """One language's pages given to workers (index 0 is the parent's, never stored)."""

    files: list[list[File]] = field(default_factory=list)


def jobs(environ: dict[str, str] | None = None) -> tuple[int, bool]:
    """How many processes render pages, and whether the number was asked for."""
    value = (os.environ if environ is None else environ).get(JOBS_VARIABLE, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise PluginError(f'{JOBS_VARIABLE}="{value}": must be a number of processes '
                              f"(1 renders in one process)")
        return min(int(value), MAX_JOBS), True
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS)), False


def _build_module(config: MkDocsConfig) -> Any | None:
    """The running tool's build module (mkdocs, or properdocs), if it has what we call."""
    tool = type(config).__module__.split(".")[0]
    try:
        module = importlib.import_module(f"{tool}.commands.build")
        importlib.import_module(f"{tool}.structure.pages")
    except ImportError:
        return None
    if not all(hasattr(module, name) for name in ("_populate_page", "_build_page")):
        return None
    return module


def share_out(state: BuildState, config: MkDocsConfig, candidates: list[File]) -> None:
    """Deal ``candidates`` (pages this language renders) between the processes; mark the
    workers' shares EXCLUDED for MkDocs."""
    if state.serving or not candidates or _build_module(config) is None:
        return
    count, asked = jobs()
    if count < 2:
        return
    if not asked:
        count = min(count, len(candidates) // MIN_SHARE)
        if count < 2:
            return
    ordered = sorted(candidates, key=lambda f: f.src_uri)
    shares = [ordered[index::count] for index in range(count)]
    for share in shares[1:]:
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED
    state.shares[state.lang] = shares[1:]
    state.elsewhere[state.lang] = sum(len(share) for share in shares[1:])


def start(state: BuildState, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    """Fork one worker per share of this language."""
    shares = state.shares.pop(state.lang, [])
    if not shares:
        return
    log.info(f"{state.lang}: rendering in {len(shares) + 1} processes")
    for share in shares:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(reader)
            state.process = (shares.index(share) + 2, len(shares) + 1, len(share))
            _run_worker(writer, state, config, files, nav, share)  # never returns
        os.close(writer)
        state.workers.append(Worker(pid, reader, state.lang))


def _run_worker(writer: int, state: BuildState, config: MkDocsConfig, files: Files,
                nav: Navigation, share: list[File]) -> None:
    code = 0
    state.workers = []  # the parent's, not ours to wait for
    before = _warnings()
    try:
        result: tuple[str, Any] = ("done", _render(state, config, files, nav, share))
    except TextProblems as exc:
        result, code = ("problems", exc.messages), 1
    except PluginError as exc:
        result, code = ("error", str(exc)), 1
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        result, code = ("crash", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"), 1
    try:
        warnings = _warnings() - before
        data = pickle.dumps((result, warnings))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        logging.shutdown()
        os._exit(code)


def _render(state: BuildState, config: MkDocsConfig, files: Files, nav: Navigation,
            share: list[File]) -> dict[str, Any]:
    """What MkDocs' build does for each page, for this share only."""
    build = _build_module(config)
    tool = type(config).__module__.split(".")[0]
    page_class = importlib.import_module(f"{tool}.structure.pages").Page
    state.rendered = []
    state.page_classes = {}
    # The menu shows the nav's pages by their titles, known once they are read: the
    # parent reads them after the fork, so the worker reads its own copy (a few pages).
    for page in nav.pages:
        if page.content is None and page.file not in share:
            build._populate_page(page, config, files, False)
    for file in share:
        file.inclusion = InclusionLevel.NOT_IN_NAV
        if file.page is None:
            page_class(None, file, config)
        build._populate_page(file.page, config, files, False)
    if state.body_problems:  # the parent prints them with its own, in file order
        raise TextProblems(state.body_problems)
    env = config.theme.get_env()
    env = config.plugins.on_env(env, config=config, files=files)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for file in share:
        build._build_page(file.page, config, doc_files, nav, env, False, excluded=False)
    anchors = config.validation.links.anchors
    for file in share:
        file.page.validate_anchor_links(files=files, log_level=anchors)
    return {"rendered": state.rendered, "page_classes": state.page_classes,
            "pages": len(share)}


def _warnings() -> int:
    """Warnings and errors logged so far (MkDocs' own counter, which --strict reads)."""
    from mkdocs import utils

    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, utils.CountHandler):
            return sum(count for _, count in handler.get_counts())
    return 0


class TextProblems(Exception):
    """A worker's share has problems in its rendered text (``BuildState.body_problems``)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(f"{len(messages)} problems in the text")
        self.messages = messages


def text_problems(state: BuildState, config: MkDocsConfig, lang: str) -> list[str]:
    """This language's problems in rendered text, the workers' included (waiting for them),
    in file and line order: what the build reports before it stops."""
    found = list(state.body_problems)
    try:
        join(state, config, lang, problems=found)
    except PluginError as exc:  # a worker that failed otherwise is reported as well
        found.append(str(exc))
    return sorted(found, key=_file_order)


def text_problems_message(count: int) -> str:
    """Why the build stops after listing problems in rendered text (the parent's or a worker's)."""
    return (f"{count} problem{'s' if count > 1 else ''} in the text of articles or pages "
            "(listed above); nothing was published")


def _file_order(message: str) -> tuple[str, int, str]:
    path, _, rest = message.partition(":")
    line, _, text = rest.partition(":")
    return (path, int(line), text) if line.isdigit() else (path, 0, rest)


def join(state: BuildState, config: MkDocsConfig, lang: str, *,
         problems: list[str] | None = None) -> None:
    """Wait for this language's workers; take over their results, or their error.

    A worker's problems in rendered text go to ``problems`` when given (the parent has
    its own to report with them); otherwise they are printed and stop the build."""
    mine = [w for w in state.workers if w.lang == lang]
    state.workers = [w for w in state.workers if w.lang != lang]
    failures: list[str] = []
    found: list[str] = []
    warnings = 0
    for worker in mine:
        with os.fdopen(worker.reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(worker.pid, 0)
        if not data:
            failures.append(f"a worker rendering {lang} pages stopped "
                            f"({_exit_reason(status)}) before it finished")
            continue
        (kind, value), logged = pickle.loads(data)  # noqa: S301 - our own child's bytes
        warnings += logged
        if kind == "done":
            state.rendered += value["rendered"]
            state.page_classes.update(value["page_classes"])
        elif kind == "problems":
            found += value
        elif kind == "error":
            failures.append(value)
        else:
            log.error(value)
            failures.append(f"a worker rendering {lang} pages failed: "
                            f"{value.splitlines()[0]}")
    if problems is not None:
        problems += found
    elif found:
        for message in sorted(found, key=_file_order):
            log.error(message)
        failures.insert(0, text_problems_message(len(found)))
    if failures:
        raise PluginError("; ".join(dict.fromkeys(failures)))
    if warnings and config.strict:
        # Printed by the worker; counted here so that --strict stops as it would have.
        log.warning(f"{warnings} warning{'s' if warnings > 1 else ''} while rendering {lang} "
                    "pages in another process (listed above)")


def _exit_reason(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def stop_all(state: BuildState) -> None:
    """The build failed: stop the workers still running and collect them."""
    for worker in state.workers:
        try:
            os.kill(worker.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(worker.pid, 0)
        except ChildProcessError:
            pass
        try:
            os.close(worker.reader)
        except OSError:
            pass
    state.workers = []
