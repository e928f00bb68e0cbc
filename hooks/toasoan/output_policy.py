"""The Content-Security-Policy every page carries, and which files of docs/ are published.

What a rendered page may contain is decided by :mod:`toasoan.allowlist` (an allow-list
over what an HTML5 parser reads); this module holds the policy the browser enforces on
top of it, and the list of file kinds copied from docs/ as they are.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

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


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The site's policy, the same under ``mkdocs serve`` (its live reload is a script
    file); ``script_hashes`` from :func:`script_hash` allow exactly those inline scripts.
    Nothing adds 'unsafe-inline': a preview showing drafts must not run an author's
    script either."""
    parts = []
    for directive, sources in _POLICY:
        if directive == "script-src":
            sources = (*sources, *sorted(set(script_hashes)))
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)
