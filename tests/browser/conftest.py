"""Browser fixtures: Debian's chromium driven by Playwright, and built sites served locally.

``site_server(path)`` serves a built site on 127.0.0.1 (http.server in a thread) and
returns its base URL; ``browser`` is one chromium for the session, ``page`` a fresh
context per test. Without /usr/bin/chromium the tests are skipped, or fail under CI
(``CI`` set), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _unavailable(reason: str) -> None:
    message = f"browser tests need {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: .ci/run installs it)", pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture(scope="session")
def site_server() -> Iterator[Callable[[Path], str]]:
    """A function serving a built site folder over HTTP; returns 'http://127.0.0.1:port/'.

    ``headers`` are added to every response (e.g. a Content-Security-Policy).
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(site_dir: Path, headers: dict[str, str] | None = None) -> str:
        handler_class = type("SiteHandler", (_QuietHandler,), {"extra_headers": headers or {}})
        handler = functools.partial(handler_class, directory=str(site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """For pytest-playwright's own fixtures, should a test use them."""
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for the session (shared with pytest-playwright's fixtures)."""
    if not CHROMIUM.exists():
        _unavailable(f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package (pip install -e '.[test]')")
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()
