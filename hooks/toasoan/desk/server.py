"""The desk's HTTP server (stdlib only), on 127.0.0.1.

=========================  ==================================================
``GET /admin/``            the admin page (package data ``admin/``)
``GET /admin/config.json`` the CMS configuration, generated at each load
``GET /admin/cms/…``       the CMS itself, from ``node_modules/decap-cms/dist``
``GET /admin/article.css`` the site's article styles, for the preview pane
``POST /api/v1``           the CMS's local-backend protocol (:mod:`.backend`)
``GET /desk/api/status``   translation state of every article (``toasoan status``)
``POST /desk/api/prepare`` a new article's folder and the build's findings
``POST /desk/api/preview`` an article body rendered as the build renders it
``GET /desk/photo/…``      a photo of an article, for the preview
=========================  ==================================================

Every answer carries a Content-Security-Policy that allows nothing but this
server, and ``X-Robots-Tag: noindex``. Requests must name this server in
``Host`` (no DNS rebinding), and writes must come from its own pages (``Origin``)
as JSON: another web page open in the editor's browser cannot save anything.
"""

from __future__ import annotations

import html
import http.server
import json
import mimetypes
import os
import posixpath
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..editor import status
from ..site_config import Site, load_yaml
from . import cmsconfig, preview
from .backend import PHOTO_SUFFIXES, Desk, DeskError

CMS_PACKAGE = "decap-cms"
CMS_SCRIPT = "decap-cms.js"
MAX_REQUEST_BYTES = 64 * 1024 * 1024  # a few photos, base64-encoded in one save
# The CMS injects its own styles (CSS-in-JS), compiles its configuration schema with
# `new Function` (AJV: 'unsafe-eval'; no inline script is allowed) and previews
# unsaved photos from blob: URLs; nothing may be loaded or sent anywhere but here.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' blob: data:; font-src 'self' data:; connect-src 'self' blob:; "
    "media-src 'self' blob:; frame-src 'self' blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'"
)


class DeskSetupError(RuntimeError):
    """The desk cannot start; the message says what to do."""


def find_cms(site: Site) -> Path:
    """The CMS's ``dist`` folder, installed by ``npm ci``: next to the site (or above it),
    or next to this package's project (an editable install), or ``TOASOAN_DESK_CMS``."""
    override = os.environ.get("TOASOAN_DESK_CMS")
    candidates = [Path(override)] if override else []
    here = Path(__file__).resolve()
    for folder in (site.root, *site.root.parents, *here.parents):
        candidates.append(folder / "node_modules" / CMS_PACKAGE / "dist")
    for candidate in candidates:
        if (candidate / CMS_SCRIPT).is_file():
            return candidate.resolve()
    raise DeskSetupError(f"the web editor (npm package {CMS_PACKAGE}) is not installed: run "
                         f"'npm ci' in the project's folder (it reads package-lock.json), "
                         f"or set TOASOAN_DESK_CMS to its dist folder")


def article_css(site: Site) -> Path | None:
    """The site's article stylesheet (``<custom_dir>/assets/css/article.css``), if any."""
    theme = load_yaml(site.config_file).get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str):
        return None
    path = site.root / custom / "assets" / "css" / "article.css"
    return path if path.is_file() else None


class DeskServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site, port: int, *, preview_url: str = "",
                 cms_dir: Path | None = None) -> None:
        self.site = site
        self.desk = Desk(site)
        self.preview_url = preview_url
        self.cms_dir = cms_dir or find_cms(site)
        self.admin = resources.files("toasoan.desk") / "admin"
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/admin/"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="toasoan-desk", daemon=True)
        thread.start()
        return thread


class _Handler(http.server.BaseHTTPRequestHandler):
    server: DeskServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass  # the desk's terminal is for the editor, not for an access log

    # ------------------------------------------------------------------ routing

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        if not self._host_ok():
            return
        path = unquote(urlsplit(self.path).path)
        routes: dict[str, Callable[[], None]] = {
            "/": lambda: self._redirect("/admin/"),
            "/admin": lambda: self._redirect("/admin/"),
            "/admin/": self._index,
            "/admin/config.json": self._config,
            "/admin/article.css": self._article_css,
            "/desk/api/status": self._status,
        }
        if path in routes:
            routes[path]()
        elif path.startswith("/admin/cms/"):
            self._file(self.server.cms_dir, path.removeprefix("/admin/cms/"))
        elif path.startswith("/admin/"):
            self._package_file(path.removeprefix("/admin/"))
        elif path.startswith(preview.PHOTO_URL):
            self._photo(path.removeprefix(preview.PHOTO_URL))
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802 (stdlib name)
        if not self._host_ok() or not self._origin_ok():
            return
        path = urlsplit(self.path).path
        request = self._json_body()
        if request is None:
            return
        try:
            if path == "/api/v1":
                action = str(request.get("action", ""))
                params = request.get("params") or {}
                self._json(200, self.server.desk.handle(action, params))
            elif path == "/desk/api/prepare":
                self._json(200, self.server.desk.prepare(request))
            elif path == "/desk/api/preview":
                self._json(200, preview.preview_request(self.server.site, request))
            else:
                self._json(404, {"error": "not found"})
        except DeskError as exc:
            self._json(exc.status, {"error": exc.text(),
                                    "problems": [str(p) for p in exc.problems]})
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            self._json(500, {"error": f"{where}{exc.strerror or exc}"})

    # ---------------------------------------------------------------- answers

    def _index(self) -> None:
        settings = self.server.site.settings
        page = (self.server.admin / "index.html").read_text(encoding="utf-8")
        page = page.replace("{lang}", html.escape(settings.default_language.code))
        page = page.replace("{mode}", "local")
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8", cache=False)

    def _config(self) -> None:
        site = self.server.site
        config = cmsconfig.cms_config(site, preview_url=self.server.preview_url)
        names = {lang.code: lang.name for lang in site.settings.languages}
        self._json(200, {"cms": config, "desk": {"mode": "local",
                                                 "words": cmsconfig.desk_words(site),
                                                 "languages": names,
                                                 "news_folder": site.settings.news_dir,
                                                 "phrases": cmsconfig.cms_phrases(site),
                                                 "preview_url": self.server.preview_url}})

    def _status(self) -> None:
        rows, origin = status(self.server.site)
        self._json(200, {"times_from": origin, "articles": self.server.desk.status_of(rows),
                         "languages": list(self.server.site.settings.language_codes)})

    def _article_css(self) -> None:
        path = article_css(self.server.site)
        data = path.read_bytes() if path else b""
        self._send(200, data, "text/css; charset=utf-8", cache=False)

    def _package_file(self, name: str) -> None:
        if "/" in name or name.startswith(".") or name == "index.html":
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        item = self.server.admin / name
        if not item.is_file():
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        self._send(200, item.read_bytes(), _type(name), cache=False)

    def _file(self, folder: Path, rel: str) -> None:
        clean = posixpath.normpath(rel)
        if clean.startswith(("..", "/")) or "\x00" in clean:
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        path = folder / clean
        if not path.is_file() or path.suffix == ".map":
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        self._send(200, path.read_bytes(), _type(path.name), cache=True)

    def _photo(self, rel: str) -> None:
        news = self.server.site.news_dir.resolve()
        path = Path(posixpath.normpath(posixpath.join(str(news), rel)))
        if (news not in path.parents or path.suffix.lower() not in PHOTO_SUFFIXES
                or not path.is_file() or path.is_symlink()):
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        self._send(200, path.read_bytes(), _type(path.name), cache=False)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._common_headers()
        self.end_headers()

    # -------------------------------------------------------------- plumbing

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").lower()
        if host in {f"127.0.0.1:{port}", f"localhost:{port}"}:
            return True
        self._send(421, b"this desk answers only at its own address", "text/plain; charset=utf-8")
        return False

    def _origin_ok(self) -> bool:
        origin = self.headers.get("Origin")
        port = self.server.server_address[1]
        if origin is None or origin in {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}:
            return True
        self._json(403, {"error": "writes are accepted only from the desk's own page"})
        return False

    def _json_body(self) -> dict[str, Any] | None:
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        length = int(self.headers.get("Content-Length") or 0)
        if kind != "application/json":
            self._json(415, {"error": "expected JSON"})
            return None
        if length > MAX_REQUEST_BYTES:
            self._json(413, {"error": f"request over {MAX_REQUEST_BYTES:,} bytes: save "
                                      "smaller photos"})
            return None
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._json(400, {"error": "not JSON"})
            return None
        if not isinstance(data, dict):
            self._json(400, {"error": "expected a JSON object"})
            return None
        return data

    def _json(self, code: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(code, body, "application/json; charset=utf-8", cache=False)

    def _send(self, code: int, body: bytes, kind: str, *, cache: bool = False) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self._common_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _common_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Robots-Tag", "noindex, nofollow")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")


def _type(name: str) -> str:
    if name.endswith(".js"):
        return "text/javascript; charset=utf-8"
    if name.endswith(".wasm"):
        return "application/wasm"
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") else "")
