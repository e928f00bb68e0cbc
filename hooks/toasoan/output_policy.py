"""What a rendered page may contain, and the Content-Security-Policy that enforces it.

The body policy (:mod:`toasoan.body_policy`) refuses dangerous Markdown before
rendering; this is the safety net after it, over the HTML that templates and
Markdown really produced: a hole in any template (ours or Material's) fails the
build instead of reaching readers.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .body_policy import unsafe_scheme

# Pagefind compiles WebAssembly: 'wasm-unsafe-eval' allows that and nothing else
# (no eval, no new Function). style-src allows inline styles: Pagefind's UI and
# Material set style attributes; styles cannot run scripts.
_POLICY = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'", "'unsafe-inline'")),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)

# <script type> values a browser executes; others (application/json, ld+json) are data.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module",
                     "text/ecmascript", "application/ecmascript"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite",
                   "background", "xlink:href", "longdesc"}
# Elements whose src/href the browser fetches while showing the page (subresources).
_SUBRESOURCE = {("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                ("script", "src"), ("iframe", "src"), ("frame", "src"), ("embed", "src"),
                ("object", "data"), ("audio", "src"), ("video", "src"), ("video", "poster"),
                ("track", "src"), ("input", "src")}
_SUBRESOURCE_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                      "modulepreload", "prefetch", "manifest", "mask-icon"}


def script_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The site's policy; ``script_hashes`` from :func:`script_hash` allow inline scripts."""
    parts = []
    for directive, sources in _POLICY:
        if directive == "script-src":
            sources = (*sources, *sorted(set(script_hashes)))
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


def check_page(html: str, *, site_url: str = "", script_hashes: Iterable[str] = (),
               require_csp: bool = True) -> list[str]:
    """Every unsafe thing in a rendered page, as messages (empty when the page is safe)."""
    checker = _PageChecker(urlsplit(site_url).netloc.lower(), frozenset(script_hashes))
    checker.feed(html)
    checker.close()
    if require_csp and checker.csp_count != 1:
        checker.problem(f"has {checker.csp_count} Content-Security-Policy <meta> tags "
                        "(expected exactly 1, from partials/head/security.html)")
    return checker.problems


class _PageChecker(HTMLParser):
    def __init__(self, site_host: str, script_hashes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.site_host = site_host
        self.script_hashes = script_hashes
        self.problems: list[str] = []
        self.csp_count = 0
        self._inline_script: list[str] | None = None

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        where = f"line {self.getpos()[0]}"
        for name, value in values.items():
            if name.startswith("on"):
                self.problem(f'<{tag} {name}="{value[:40]}"> ({where}): event handler attributes '
                             "run scripts")
            if name in _URL_ATTRIBUTES or name == "srcset":
                for url in _urls(name, value):
                    self._check_url(tag, name, url, where)
        if values.get("target", "").strip() and tag in {"a", "area", "form"}:
            rel = set(values.get("rel", "").lower().split())
            if values["target"].strip().lower() == "_blank" and not {"noopener", "noreferrer"} <= rel:
                self.problem(f'<{tag} href="{values.get("href", "")[:60]}" target="_blank"> '
                             f'({where}) lacks rel="noopener noreferrer"')
        if tag == "link" and set(values.get("rel", "").lower().split()) & _SUBRESOURCE_LINKS:
            self._check_subresource(tag, "href", values.get("href", ""), where)
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "content-security-policy":
                self.csp_count += 1
            elif equiv == "refresh":
                target = values.get("content", "").partition("=")[2].strip(" '\"")
                self._check_url(tag, "content", target, where)
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            if "src" in values:
                pass  # checked as a subresource
            elif kind in _EXECUTABLE_TYPES:
                self._inline_script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._inline_script = None

    def handle_data(self, data: str) -> None:
        if self._inline_script is not None:
            self._inline_script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline_script is not None:
            source = "".join(self._inline_script)
            self._inline_script = None
            digest = script_hash(source)
            if digest not in self.script_hashes:
                self.problem(f"inline <script> {digest} is not one of the site's own "
                             f"(it begins: {' '.join(source.split())[:60]!r})")

    def _check_url(self, tag: str, attr: str, url: str, where: str) -> None:
        scheme = unsafe_scheme(url)
        if scheme in {"javascript:", "vbscript:"} or (scheme == "data:" and tag != "img"):
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({where}): {scheme} URLs are not allowed')
        if (tag, attr) in _SUBRESOURCE:
            self._check_subresource(tag, attr, url, where)

    def _check_subresource(self, tag: str, attr: str, url: str, where: str) -> None:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() == "http":
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({where}) loads over http://')
        elif parts.netloc and parts.netloc.lower() != self.site_host:
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({where}) loads from another site '
                         f"({parts.netloc}): readers' browsers would contact it")


def _urls(attr: str, value: str) -> list[str]:
    if attr != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
