"""Bytes a reader's browser fetches for a first search on a built site.

Serves the built site on 127.0.0.1, opens its Vietnamese search page with
``?q=<query>`` in Chromium (Playwright, Debian's /usr/bin/chromium), waits for the
results and sums the Pagefind files fetched (loader, WASM, metadata, index chunks,
result fragments). Used by bench/run.py; also runnable on its own:

    .venv/bin/python bench/first_search.py SITE_DIR ["giải ngân"]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def search_page(site: Path, lang: str = "vi") -> Path | None:
    """The built search page of ``lang`` (the page carrying data-toasoan-search)."""
    for page in sorted(site.rglob("index.html"), key=lambda p: len(p.parts)):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "data-toasoan-search" in text and f'<html lang="{lang}"' in text:
            return page
    return None


def measure(site: Path, query: str = "giải ngân", lang: str = "vi") -> dict:
    """{'query', 'requests', 'bytes', 'results'} of one first search, or {} if impossible."""
    page = search_page(site, lang)
    if page is None:
        return {}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed (pip install -e '.[test]')"}
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/{page.parent.relative_to(site).as_posix()}/"
    fetched: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            tab = browser.new_page()
            tab.on("requestfinished", lambda request: fetched.append(
                (request.url, request.sizes()["responseBodySize"])))
            tab.goto(f"{url}?q={query}")
            tab.wait_for_selector("[data-search-results] li", timeout=60_000)
            tab.wait_for_load_state("networkidle")
            results = tab.locator("[data-search-results] li").count()
            browser.close()
    finally:
        server.shutdown()
    pagefind = [(u, n) for u, n in fetched if "/pagefind/" in u]
    kinds: dict[str, int] = {}
    for url, size in pagefind:
        kinds[_kind(url)] = kinds.get(_kind(url), 0) + size
    return {"query": query, "page": "/" + page.parent.relative_to(site).as_posix() + "/",
            "requests": len(pagefind), "bytes": sum(n for _, n in pagefind),
            "by_kind": kinds, "results_shown": results}


def _kind(url: str) -> str:
    """'fragment', 'index', 'filter', 'meta', 'wasm', 'js' or 'other' for a Pagefind file."""
    path = url.split("?")[0]
    for folder in ("fragment", "index", "filter"):
        if f"/pagefind/{folder}/" in path:
            return folder
    if path.endswith(".pf_meta"):
        return "meta"
    if ".pagefind" in path.rsplit("/", 1)[-1]:
        return "wasm"
    return "js" if path.endswith(".js") else "other"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    print(measure(site_dir, *(sys.argv[2:3] or ["giải ngân"])))
