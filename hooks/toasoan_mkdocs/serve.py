"""``mkdocs serve`` for editors: same policy as the public site, and never a frozen preview.

- The pages carry the public site's Content-Security-Policy; the dev server's own inline
  live-reload script is therefore blocked, and ``assets/js/livereload.js`` (a file) does
  its work instead.
- When a save breaks the content, the build does not fail (MkDocs' server would then hold
  every request until the file is fixed): it writes a page listing the problems with
  ``path:line`` in place of the site, at every address, which reloads by itself once the
  file is fixed.
- A port already in use is said in one line, with the option to use another.
- The server learns of saves from the system's file events (inotify, FSEvents,
  ReadDirectoryChangesW) instead of MkDocs' polling, which reads every file's metadata
  under docs/ twice a second: 0.2 s of CPU a scan at 2,000 articles per language, taken
  from the rebuild it waits for (``TOASOAN_WATCH=poll`` keeps the polling, e.g. for a
  network drive, which sends no events).
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toasoan.newsroom import Problem

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from .state import BuildState

PROBLEMS_TEMPLATE = "problems.html"


def explain_port_in_use() -> None:
    """Replace the traceback of "address already in use" by one line that says what to do."""
    previous = sys.excepthook

    def hook(kind, value, traceback) -> None:  # type: ignore[no-untyped-def]
        if isinstance(value, OSError) and value.errno == errno.EADDRINUSE:
            print("Error: the address mkdocs serve wants is already in use (is another "
                  "`mkdocs serve` running?). Stop it, or serve on another port: "
                  "mkdocs serve -a 127.0.0.1:8001", file=sys.stderr)
            return
        previous(kind, value, traceback)

    sys.excepthook = hook


def watch_with_file_events(server: Any, log: logging.Logger) -> None:
    """Move the server's watches from MkDocs' polling observer to the system's file events.

    Called at ``on_serve``: MkDocs has scheduled its watches (docs/, mkdocs.yml, the
    theme) but not started its observer. The native observer is started here, so that a
    system that refuses it (inotify's watch limit) leaves the polling in place, said in
    the log; the server's own ``start()`` then finds it running."""
    if os.environ.get("TOASOAN_WATCH", "").strip().lower() == "poll":
        log.info("watching for saves by polling (TOASOAN_WATCH=poll)")
        return
    from watchdog.observers import Observer  # MkDocs' own dependency

    watched = getattr(server, "_watched_paths", None)
    polling = getattr(server, "observer", None)
    if not isinstance(watched, dict) or polling is None or polling.is_alive():
        log.info("watching for saves by polling (this MkDocs server cannot be changed)")
        return
    paths = dict(watched)
    native = Observer()
    _move_watches(server, paths, native)
    try:
        native.start()
    except OSError as exc:  # e.g. inotify's limit (fs.inotify.max_user_watches)
        _move_watches(server, paths, polling)
        log.warning(f"watching for saves by polling: the system's file events are not "
                    f"available ({exc.strerror or exc}); a save takes longer to be seen")
        return
    server.observer = _Started(native)
    log.info(f"watching for saves with the system's file events ({type(native).__name__}; "
             "TOASOAN_WATCH=poll to poll instead)")


def _move_watches(server: Any, paths: dict[str, int], observer: Any) -> None:
    """Unschedule every watch (MkDocs counts repeated watches of a path), give the server
    ``observer``, and schedule them again on it, through the server's own methods."""
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


class _Started:
    """The running native observer, as the server expects its (not yet started) one."""

    def __init__(self, observer: Any) -> None:
        self._observer = observer

    def start(self) -> None:
        """Already started by :func:`watch_with_file_events`."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._observer, name)


def enter_problems_mode(config: MkDocsConfig, state: BuildState, problems: list[Problem]) -> None:
    """Build only the problems page: MkDocs walks an empty folder instead of docs/ (which
    may hold the very links that make it loop), and renders no page of its own."""
    state.broken = problems
    state.real_docs_dir = config.docs_dir
    empty = Path(tempfile.mkdtemp(prefix="toasoan-empty-"))
    config.docs_dir = str(empty)
    config.nav = []
    config.theme.static_templates.discard("404.html")
    config.theme.static_templates.discard("sitemap.xml")


# All the problems page needs of the theme (the rest is not copied: a fast rebuild).
PROBLEMS_ASSETS = ("assets/css/problems.css", "assets/js/livereload.js")


def problems_files(files: Files) -> Files:
    kept = [file for file in files if file.src_uri in PROBLEMS_ASSETS]
    plugin = getattr(files, "plugin", None)
    return type(files)(plugin, kept) if plugin is not None else type(files)(kept)


def leave_problems_mode(config: MkDocsConfig, state: BuildState) -> None:
    """Give the config its docs folder back (`mkdocs serve` watches it after the first build)."""
    if state.real_docs_dir is not None:
        empty = Path(config.docs_dir)
        config.docs_dir = state.real_docs_dir
        state.real_docs_dir = None
        if empty.name.startswith("toasoan-empty-"):
            empty.rmdir()


def render_problems(env: Environment, state: BuildState, lang: str, csp: str, base: str) -> str:
    """The problems page; ``base`` is the site's path ("/" or "/bao/"): the page is served
    at every address, so its links start from there."""
    language = state.language(lang)
    template = env.get_template(PROBLEMS_TEMPLATE)
    return template.render(problems=[str(p) for p in state.broken or []], language=language,
                           t=dict(language.strings), csp=csp, lang=lang,
                           base=base.rstrip("/") + "/")
