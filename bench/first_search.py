"""Bytes a reader's browser fetches for a first search on a built site.

Serves the built site on 127.0.0.1, opens its Vietnamese search page with
``?q=<query>`` in Chromium (Playwright, Debian's /usr/bin/chromium), waits for the
results and for the network to be idle, and adds up the search files the server sent
(everything under ``pagefind/``: Pagefind's loader and worker, its WebAssembly, the
entry naming the shards, each shard's entry and metadata, the index chunks, filters
and result fragments). Counted on the server side: the browser does not report the
size of a worker's script.

Two totals: ``bytes`` as the files are (Pagefind's index files are gzip-compressed
already), and ``bytes_compressed`` as a host that gzips text (JavaScript, JSON) sends
them, which GitHub Pages, Netlify and Cloudflare do; the server here sends the
compressed form when the browser accepts it. Used by bench/run.py; also runnable on
its own:

    .venv/bin/python bench/first_search.py SITE_DIR ["giải ngân"] [--to-the-end]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
COMPRESSED_TYPES = (".js", ".json", ".html", ".css")


def search_page(site: Path, lang: str = "vi") -> Path | None:
    """The built search page of ``lang`` (the page carrying data-toasoan-search)."""
    for page in sorted(site.rglob("index.html"), key=lambda p: len(p.parts)):
        if "pagefind" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if "data-toasoan-search" in text and f'<html lang="{lang}"' in text:
            return page
    return None


def measure(site: Path, query: str = "giải ngân", lang: str = "vi", *,
            to_the_end: bool = False) -> dict:
    """What one first search fetched, or {} if the site has no search page.

    ``to_the_end``: then ask for older articles until the whole archive has been searched
    (the cost of finding a rare word from years ago); ``older_clicks`` says how many times.
    """
    page = search_page(site, lang)
    if page is None:
        return {}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed (pip install -e '.[test]')"}
    sent: list[tuple[str, int, int]] = []  # (path, bytes sent, bytes of the file)
    handler = functools.partial(_CountingHandler, sent, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/{page.parent.relative_to(site).as_posix()}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            tab = browser.new_page()
            tab.goto(f"{url}?q={quote(query)}")
            tab.wait_for_selector("[data-toasoan-search][data-search-state=done], "
                                  "[data-search-state=failed]", timeout=120_000)
            tab.wait_for_load_state("networkidle")
            clicks = 0
            while to_the_end and tab.locator("[data-search-more]").count():
                tab.click("[data-search-more]")
                clicks += 1
                tab.wait_for_selector("[data-toasoan-search][data-search-state=done]",
                                      timeout=300_000)
                tab.wait_for_load_state("networkidle")
            results = tab.locator("[data-search-results] li").count()
            status = tab.inner_text("[data-search-status]")
            browser.close()
    finally:
        server.shutdown()
    found = [(path, n, raw) for path, n, raw in sent if "/pagefind/" in path]
    kinds: dict[str, int] = {}
    for path, _, raw in found:
        kinds[_kind(path)] = kinds.get(_kind(path), 0) + raw
    shards = sorted({_shard(path) for path, _, _ in found} - {""})
    return {"query": query, "page": "/" + page.parent.relative_to(site).as_posix() + "/",
            "requests": len(found), "bytes": sum(raw for _, _, raw in found),
            "bytes_compressed": sum(n for _, n, _ in found), "by_kind": kinds,
            "shards": shards, "results_shown": results, "status": status,
            **({"older_clicks": clicks} if to_the_end else {})}


def _kind(path: str) -> str:
    """'fragment', 'index', 'filter', 'meta', 'entry', 'wasm', 'js' or 'other'."""
    for folder in ("fragment", "index", "filter"):
        if f"/{folder}/" in path:
            return folder
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".pf_meta"):
        return "meta"
    if name == "pagefind-entry.json":
        return "entry"
    if ".pagefind" in name:
        return "wasm"
    return "js" if name.endswith(".js") else "other"


def _shard(path: str) -> str:
    """The shard folder a file belongs to ("vi/2026-11"), "" for the shared files."""
    inside = path.split("/pagefind/", 1)[1].split("/")
    return "/".join(inside[:2]) if len(inside) > 2 else ""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzip-compressing text when the browser accepts it, and counts bytes."""

    def __init__(self, sent: list, *args, **kwargs) -> None:
        self.sent = sent
        super().__init__(*args, **kwargs)

    def send_head(self):  # noqa: ANN201 (the base class's signature)
        path = unquote(urlsplit(self.path).path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        file = Path(self.translate_path(self.path))
        if not (wants and path.endswith(COMPRESSED_TYPES) and file.is_file()):
            return super().send_head()
        raw = file.read_bytes()
        body = gzip.compress(raw, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(file.stat().st_mtime)))
        self.end_headers()
        self._raw = len(raw)
        return io.BytesIO(body)

    def copyfile(self, source, outputfile) -> None:  # noqa: ANN001
        data = source.read()
        outputfile.write(data)
        raw = getattr(self, "_raw", len(data))
        self._raw = None
        self.sent.append((unquote(urlsplit(self.path).path), len(data), raw or len(data)))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--to-the-end"]
    print(measure(Path(arguments[0]), *(arguments[1:2] or ["giải ngân"]),
                  to_the_end="--to-the-end" in sys.argv))
