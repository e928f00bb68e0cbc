"""What a rendered page may contain, and the Content-Security-Policy that enforces it.

The body policy (:mod:`toasoan.body_policy`) refuses dangerous Markdown before
rendering; this is the safety net after it, over the HTML that templates and
Markdown really produced: a hole in any template (ours or Material's) fails the
build instead of reaching readers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import unescape
from urllib.parse import urlsplit

from .body_policy import unsafe_scheme

# Pagefind compiles WebAssembly when its worker cannot start: 'wasm-unsafe-eval' allows
# that and nothing else (no eval, no new Function). No inline styles either: Material
# and our JavaScript style elements through the DOM (allowed); measured in Chromium.
_POLICY = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'",)),
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


# Files copied from docs/ as they are. An .html, .svg, .js or .xml file would be served
# from the site's own address, where its scripts run with no template or check between.
PUBLISHABLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd",  # pages (rendered)
                        ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif",  # photos
                        ".pdf", ".txt", ".ico")


def unpublishable(src_uri: str) -> str | None:
    """Why a file of docs/ must not be copied into the site, or None when it may."""
    name = src_uri.rsplit("/", 1)[-1].lower()
    if name.endswith(PUBLISHABLE_SUFFIXES):
        return None
    suffix = "." + name.rsplit(".", 1)[1] if "." in name else "(no suffix)"
    return (f'"{suffix}" files are not published from docs/ (a page or script there would run '
            f"on the site's address, unchecked); allowed: {', '.join(PUBLISHABLE_SUFFIXES[5:])} "
            "and Markdown")


def script_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str] = (), *, dev_server: bool = False) -> str:
    """The site's policy; ``script_hashes`` from :func:`script_hash` allow inline scripts.

    ``dev_server``: ``mkdocs serve`` injects an inline live-reload script into every
    page it serves (a new one per request, so no hash can allow it): only there,
    inline scripts are allowed.
    """
    parts = []
    for directive, sources in _POLICY:
        if directive == "script-src":
            sources = (*sources, *sorted(set(script_hashes)), *(("'unsafe-inline'",) if dev_server else ()))
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


def check_page(html: str, *, site_url: str = "", script_hashes: Iterable[str] = (),
               require_csp: bool = True) -> list[str]:
    """Every unsafe thing in a rendered page, as messages (empty when the page is safe)."""
    checker = _PageChecker(html, urlsplit(site_url).netloc.lower(), frozenset(script_hashes))
    checker.run()
    if require_csp and checker.csp_count != 1:
        checker.problem(f"has {checker.csp_count} Content-Security-Policy <meta> tags "
                        "(expected exactly 1, from partials/head/security.html)")
    return checker.problems


# A tokenizer rather than html.parser.HTMLParser: the same tags and attributes (quoted
# values may hold '>'; entities decoded; the first of two equal attributes wins, as in
# browsers) at a tenth of the cost: HTMLParser took 5.4 ms for a 13 KB page, which is
# 20 s more for a 4,000-page build.
# Quotes delimit a value only right after '=' (elsewhere a browser takes them as part
# of an attribute name): a raw '"' in a value must not hide what follows it.
_TOKEN = re.compile(r"<!--|<(/?)([a-zA-Z][^\s/>]*)")
_TAG_REST = re.compile(r"""((?:=\s*"[^"]*"|=\s*'[^']*'|[^>=]++|=)*+)>""")
_MAX_TAG = 8_192  # longer (or never closed) is refused: bounds the work on broken output
_ATTRIBUTE = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Elements whose content is text for the browser, not markup.
_RAW_TEXT = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE)
             for name in ("script", "style", "textarea", "title")}


class _PageChecker:
    def __init__(self, html: str, site_host: str, script_hashes: frozenset[str]) -> None:
        self.html = html
        self.site_host = site_host
        self.script_hashes = script_hashes
        self.problems: list[str] = []
        self.csp_count = 0
        self.offset = 0

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def run(self) -> None:
        html = self.html
        size = len(html)
        pos = 0
        while (token := _TOKEN.search(html, pos)) is not None:
            self.offset = token.start()
            if token.group(2) is None:  # a comment
                close = html.find("-->", token.end())
                pos = len(html) if close < 0 else close + 3
                continue
            end = token.end() + _MAX_TAG
            rest = _TAG_REST.match(html, token.end(), end if end < size else size)
            if rest is None:
                self.problem(f"<{token.group(2)}> ({self.where}) is never closed within "
                             f"{_MAX_TAG:,} characters")
                pos = token.end()
                continue
            pos = rest.end()
            if token.group(1):
                continue  # an end tag
            tag = token.group(2).lower()
            attributes: dict[str, str] = {}
            for attribute in _ATTRIBUTE.finditer(rest.group(1)):
                name, value = attribute.group(1).lower(), attribute.group(2) or ""
                if value[:1] in {'"', "'"}:
                    value = value[1:-1]
                if name not in attributes:  # the first of two wins, as in browsers
                    attributes[name] = unescape(value) if "&" in value else value
            self.start_tag(tag, attributes)
            if tag in _RAW_TEXT:
                close = _RAW_TEXT[tag].search(html, pos)
                content_end = close.start() if close else len(html)
                if tag == "script":
                    self.script(attributes, html[pos:content_end])
                pos = content_end

    @property
    def where(self) -> str:
        return f"line {self.html.count(chr(10), 0, self.offset) + 1}"

    def start_tag(self, tag: str, values: dict[str, str]) -> None:
        if tag == "style" or "style" in values:
            what = "<style> element" if tag == "style" else f'<{tag} style="{values["style"][:40]}">'
            self.problem(f"{what} ({self.where}): inline styles are blocked by the "
                         "Content-Security-Policy (style-src 'self'); use a CSS file")
        for name, value in values.items():
            if name.startswith("on"):
                self.problem(f'<{tag} {name}="{value[:40]}"> ({self.where}): event handler '
                             "attributes run scripts")
            if name in _URL_ATTRIBUTES or name == "srcset":
                for url in _urls(name, value):
                    self._check_url(tag, name, url)
        if values.get("target", "").strip() and tag in {"a", "area", "form"}:
            rel = set(values.get("rel", "").lower().split())
            if values["target"].strip().lower() == "_blank" and not {"noopener", "noreferrer"} <= rel:
                self.problem(f'<{tag} href="{values.get("href", "")[:60]}" target="_blank"> '
                             f'({self.where}) lacks rel="noopener noreferrer"')
        if tag == "link" and set(values.get("rel", "").lower().split()) & _SUBRESOURCE_LINKS:
            self._check_subresource(tag, "href", values.get("href", ""))
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "content-security-policy":
                self.csp_count += 1
            elif equiv == "refresh":
                target = values.get("content", "").partition("=")[2].strip(" '\"")
                self._check_url(tag, "content", target)

    def script(self, values: dict[str, str], source: str) -> None:
        if "src" in values or values.get("type", "").strip().lower() not in _EXECUTABLE_TYPES:
            return  # a file (checked as a subresource), or data such as JSON-LD
        digest = script_hash(source)
        if digest not in self.script_hashes:
            self.problem(f"inline <script> {digest} ({self.where}) is not one of the site's own "
                         f"(it begins: {' '.join(source.split())[:60]!r})")

    def _check_url(self, tag: str, attr: str, url: str) -> None:
        scheme = unsafe_scheme(url)
        if scheme in {"javascript:", "vbscript:"} or (scheme == "data:" and tag != "img"):
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({self.where}): {scheme} URLs are not allowed')
        if (tag, attr) in _SUBRESOURCE:
            self._check_subresource(tag, attr, url)

    def _check_subresource(self, tag: str, attr: str, url: str) -> None:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() == "http":
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({self.where}) loads over http://')
        elif parts.netloc and parts.netloc.lower() != self.site_host:
            self.problem(f'<{tag} {attr}="{url[:60]}"> ({self.where}) loads from another site '
                         f"({parts.netloc}): readers' browsers would contact it")


def _urls(attr: str, value: str) -> list[str]:
    if attr != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
