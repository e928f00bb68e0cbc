"""Check every internal link and anchor of a built site, offline.

Reads each ``*.html`` file of the output folder with the standard library's
``html.parser`` and checks every ``href``, ``src`` and ``srcset`` that points
inside the site (relative, root-relative, or absolute under ``site_url``) against
the files that were written, and every ``#fragment`` against the ``id``s of the
page it names, in both languages. When ``site_url`` is known, the addresses under
it in the feeds, sitemaps and robots.txt (``*.xml``, ``*.json``, ``*.txt``) are
checked too. External links are not fetched.

Command line (used by CI through ``toasoan.publish`` and by the test suite)::

    python -m toasoan.linkcheck SITE_DIR [--base-path /repo/ | --site-url URL]

prints one ``page:line: broken link → target`` line per problem and exits 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

# Attributes holding one URL, per element (anything else is not a link).
_URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src",), "script": ("src",), "iframe": ("src",), "embed": ("src",),
    "source": ("src",), "track": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "input": ("src",), "object": ("data",), "form": ("action",),
}
_SRCSET_ELEMENTS = ("img", "source")
# <meta> whose content is a URL worth checking when it points into the site.
_META_URL_PROPERTIES = ("og:url", "og:image", "twitter:image")
# Fragments every browser understands without a matching id (HTML "top of the document").
_IMPLICIT_FRAGMENTS = ("", "top")
# Text files whose absolute addresses under site_url are checked (feeds, sitemaps, robots).
_TEXT_SUFFIXES = (".xml", ".json", ".txt", ".webmanifest")
# Characters that end an address inside XML, JSON or text ("&" starts an escaped quote).
_URL_END = r"[^\s\"'<>&\\)]*"
# A stand-in origin to resolve relative URLs with urljoin, as a browser would.
_ORIGIN = "http://site.invalid"


@dataclass(frozen=True)
class BrokenLink:
    """A link on a built page that leads nowhere."""

    page: str  # site-relative path of the page (or feed), e.g. "en/news/2026/x/index.html"
    line: int
    target: str  # the URL as written in the page
    kind: str = "broken link"  # or "broken anchor"

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return f"{where}: {self.kind} → {self.target}"


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url as written)
    base: str | None = None  # <base href>, if any


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        line = self.getpos()[0]
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "base" and "href" in values and self.page.base is None:
            self.page.base = values["href"].strip()
        if tag == "link" and "preconnect" in values.get("rel", "").lower().split():
            return  # an origin to warm up, not a document
        for name in _URL_ATTRIBUTES.get(tag, ()):
            if name in values:
                self.page.links.append((line, values[name].strip()))
        if tag in _SRCSET_ELEMENTS and "srcset" in values:
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.page.links.append((line, url))
        if tag == "meta" and values.get("property", values.get("name")) in _META_URL_PROPERTIES:
            self.page.links.append((line, values.get("content", "").strip()))

    handle_startendtag = handle_starttag


def parse_page(html: str) -> _Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def normalize_base_path(base_path: str) -> str:
    """``repo`` / ``/repo`` / ``/repo/`` → ``/repo/``; empty → ``/``."""
    stripped = base_path.strip().strip("/")
    return f"/{stripped}/" if stripped else "/"


def base_path_of(site_url: str | None) -> str:
    """The path a site is served under: ``https://x.github.io/repo/`` → ``/repo/``."""
    return normalize_base_path(urlsplit(site_url or "").path)


class LinkChecker:
    """The links of one built site, read once, checked against its own files."""

    def __init__(self, site_dir: Path | str, *, base_path: str = "/",
                 site_url: str | None = None) -> None:
        self.site_dir = Path(site_dir)
        if not self.site_dir.is_dir():
            raise FileNotFoundError(f"{self.site_dir}: no such site folder")
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.base_path = normalize_base_path(base_path_of(site_url) if site_url else base_path)
        self.files = {p.relative_to(self.site_dir).as_posix()
                      for p in self.site_dir.rglob("*") if p.is_file()}
        self.pages = {rel: parse_page((self.site_dir / rel).read_text("utf-8", "replace"))
                      for rel in sorted(self.files) if rel.endswith((".html", ".htm"))}
        # feeds and sitemaps: only their absolute addresses under site_url are links
        self.documents: dict[str, _Page] = {}
        if self.site_url:
            url = re.compile(re.escape(self.site_url) + _URL_END)
            for rel in sorted(self.files):
                if rel.endswith(_TEXT_SUFFIXES):
                    text = (self.site_dir / rel).read_text("utf-8", "replace")
                    self.documents[rel] = _Page(links=[
                        (number, match.group()) for number, line in
                        enumerate(text.splitlines(), 1) for match in url.finditer(line)])

    def broken_links(self) -> Iterator[BrokenLink]:
        for rel, page in [*self.pages.items(), *self.documents.items()]:
            for line, url in page.links:
                problem = self._check(rel, page, url)
                if problem:
                    yield BrokenLink(rel, line, url, problem)

    def linked_files(self, rel: str) -> set[str]:
        """The site files that page (or feed) ``rel`` links to and that exist."""
        page = self.pages.get(rel) or self.documents.get(rel)
        found: set[str] = set()
        for _line, url in page.links if page else ():
            target = self._site_path(rel, page, url)
            file = self._resolve(target[0]) if target else None
            if file is not None:
                found.add(file)
        return found

    def _check(self, rel: str, page: _Page, url: str) -> str | None:
        target = self._site_path(rel, page, url)
        if target is None:
            return None  # external, or not a document address (mailto:, data:…)
        path, fragment = target
        file = self._resolve(path)
        if file is None:
            return "broken link"
        if fragment not in _IMPLICIT_FRAGMENTS and file in self.pages:
            if fragment not in self.pages[file].ids:
                return "broken anchor"
        return None

    def _site_path(self, rel: str, page: _Page, url: str) -> tuple[str | None, str] | None:
        """Where ``url`` leads: (site-relative path or None if it leaves the site, fragment).

        None when the URL is external (another host, ``mailto:``, ``data:``…).
        """
        if self.site_url and url.startswith(self.site_url):
            url = self.base_path + url[len(self.site_url):]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        # Resolve as a browser would, against the page's own address (or its <base>).
        document = _ORIGIN + quote(self.base_path + rel)
        base = urljoin(document, page.base) if page.base else document
        resolved = urlsplit(urljoin(base, url))
        path, fragment = unquote(resolved.path), unquote(resolved.fragment)
        if path == self.base_path.rstrip("/"):
            path = self.base_path  # "/repo" is redirected to "/repo/"
        if not path.startswith(self.base_path):
            return None, fragment  # above the site's root: never one of its files
        return path[len(self.base_path):], fragment

    def _resolve(self, path: str | None) -> str | None:
        """The file a static host serves for ``path`` (``dir/`` → ``dir/index.html``)."""
        if path is None:
            return None
        if path == "" or path.endswith("/"):
            candidate = f"{path}index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        # "news/x" without its slash: static hosts redirect to "news/x/"
        return f"{path}/index.html" if f"{path}/index.html" in self.files else None


def check_site(site_dir: Path | str, *, base_path: str = "/",
               site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link and anchor of the built site, by page, in document order."""
    checker = LinkChecker(site_dir, base_path=base_path, site_url=site_url)
    return sorted(checker.broken_links(), key=lambda link: (link.page, link.line))


def report(broken: Iterable[BrokenLink]) -> str:
    lines = [str(link) for link in broken]
    if lines:
        lines.append(f"{len(lines)} broken internal link(s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toasoan.linkcheck",
        description="Check every internal link and #anchor of a built site (no network).")
    parser.add_argument("site_dir", type=Path, help="the built site folder (mkdocs build -d)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--base-path", default="/",
                       help="the path the site is served under, e.g. /repo/ (default /)")
    where.add_argument("--site-url",
                       help="the site's site_url: absolute links under it are checked too, "
                            "and its path is the base path")
    args = parser.parse_args(argv)
    try:
        broken = check_site(args.site_dir, base_path=args.base_path, site_url=args.site_url)
    except FileNotFoundError as exc:
        print(f"linkcheck: {exc}", file=sys.stderr)
        return 2
    if broken:
        print(report(broken))
        return 1
    pages = sum(1 for _ in Path(args.site_dir).rglob("*.htm*"))
    print(f"linkcheck: {pages} pages, no broken internal links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
