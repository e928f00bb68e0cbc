"""The build cache: what earlier builds read and wrote, reused when nothing it depended on
changed (incremental builds).

Two kinds of entries, in one folder (``.cache/toasoan/`` beside mkdocs.yml by default):

- **files read**: each Markdown file's validated article or page and its problems, keyed by
  the file's size, time and inode and its folder's listing (its photos, its translations);
  the article's body is not kept (it is read again when the page is rendered);
- **pages written**: each page's HTML, keyed by a fingerprint of everything the page shows
  (see :meth:`toasoan.site.SiteBuild.page_key`), stored once per content (files named by
  their BLAKE2 digest) and checked against that digest before reuse.

The whole cache belongs to one *scope*: a fingerprint of the code, templates, settings and
tool versions of the build. A cache of another scope, another format, or that cannot be
read is ignored and replaced, never trusted; a cached page whose bytes do not match its
digest is rendered again. The index is JSON (no pickle: a cache restored from elsewhere,
e.g. by CI, cannot run code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .content import FileResult
from .newsroom import Article, Photo, Problem, StaticPage

FORMAT = 1
INDEX = "index.json"
PAGES = "pages"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@dataclass
class PageEntry:
    key: str  # the page's fingerprint when it was written
    digest: str  # of its bytes: the file pages/<digest>.html
    classes: list[str] = field(default_factory=list)  # CSS classes it uses (stylesheet trim)


@dataclass
class CacheReport:
    """What the cache did in one build (for the log and the benchmark)."""

    state: str = "new"  # "used", "new", "ignored: <why>", "off"
    pages_reused: int = 0
    pages_rendered: int = 0
    files_reused: int = 0
    files_read: int = 0


class BuildCache:
    """The cache of one site (see the module docstring)."""

    def __init__(self, folder: Path, scope: str) -> None:
        self.folder = folder
        self.scope = scope
        self.report = CacheReport()
        self._pages: dict[str, PageEntry] = {}
        self._files: dict[str, tuple[str, dict[str, Any]]] = {}
        self._used_pages: dict[str, PageEntry] = {}
        self._used_files: dict[str, tuple[str, dict[str, Any]]] = {}
        self._load()

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        path = self.folder / INDEX
        if not path.exists():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                self.report.state = "ignored: another format"
                return
            if data.get("scope") != self.scope:
                self.report.state = "ignored: made by another version or configuration"
                return
            self._pages = {url: PageEntry(entry["key"], entry["digest"], list(entry["classes"]))
                           for url, entry in data["pages"].items()}
            self._files = {src: (entry[0], entry[1]) for src, entry in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            self.report.state = f"ignored: unreadable ({type(exc).__name__})"
            self._pages, self._files = {}, {}
            return
        self.report.state = "used"

    # ------------------------------------------------------------------ files read

    def get(self, src_uri: str, key: str) -> FileResult | None:
        found = self._files.get(src_uri)
        if found is None or found[0] != key:
            self.report.files_read += 1
            return None
        try:
            result = _decode_result(found[1])
        except (KeyError, TypeError, ValueError):
            self.report.files_read += 1
            return None
        self._used_files[src_uri] = found
        self.report.files_reused += 1
        return result

    def put(self, src_uri: str, key: str, result: FileResult) -> None:
        self._used_files[src_uri] = (key, _encode_result(result))

    # ------------------------------------------------------------------ pages written

    def page(self, url: str, key: str) -> Path | None:
        """The cached file of the page at ``url`` if it was written with ``key`` and is intact."""
        entry = self._pages.get(url)
        if entry is None or entry.key != key:
            return None
        path = self.folder / PAGES / f"{entry.digest}.html"
        try:
            if digest(path.read_bytes()) != entry.digest:
                return None
        except OSError:
            return None
        self._used_pages[url] = entry
        self.report.pages_reused += 1
        return path

    def classes(self, url: str) -> list[str]:
        entry = self._used_pages.get(url)
        return entry.classes if entry is not None else []

    def store_page(self, url: str, key: str, written: Path, classes: set[str]) -> None:
        """Keep the page ``written`` (a file of the build's output) for the next build."""
        data = written.read_bytes()
        name = digest(data)
        target = self.folder / PAGES / f"{name}.html"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{name}.{secrets.token_hex(3)}")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        self._used_pages[url] = PageEntry(key, name, sorted(classes))
        self.report.pages_rendered += 1

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Write the index of what this build used, and drop what no build uses any more."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "scope": self.scope,
                "pages": {url: {"key": e.key, "digest": e.digest, "classes": e.classes}
                          for url, e in sorted(self._used_pages.items())},
                "files": {src: list(entry) for src, entry in sorted(self._used_files.items())}}
        temporary = self.folder / f".{INDEX}.{secrets.token_hex(3)}"
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                             encoding="utf-8")
        os.replace(temporary, self.folder / INDEX)
        keep = {f"{entry.digest}.html" for entry in self._used_pages.values()}
        pages = self.folder / PAGES
        if pages.is_dir():
            for path in pages.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)


LOCK = "lock"


def take(folder: Path) -> bool:
    """Take the cache in ``folder`` for this process's build: False when another running
    build holds it (two builds of one site at once, e.g. ``mkdocs serve`` and ``mkdocs
    build``: each would drop the pages the other is about to reuse). A holder that no
    longer runs (a killed build) loses it. Released by :func:`give_back`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if _holder_runs(path):
                return False
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(str(os.getpid()))
        return True
    return False


def give_back(folder: Path) -> None:
    """Release the cache taken by :func:`take` (only if this process holds it)."""
    path = folder / LOCK
    try:
        if path.read_text(encoding="ascii").strip() == str(os.getpid()):
            path.unlink()
    except (OSError, ValueError):
        pass


def holder(folder: Path) -> str:
    """The process id holding the cache, as written in its lock ("" if unknown)."""
    try:
        return (folder / LOCK).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def _holder_runs(path: Path) -> bool:
    try:
        pid = int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):  # being written this instant, or garbage
        try:
            return time.time() - path.stat().st_mtime < 10
        except OSError:
            return False
    if pid == os.getpid():
        return False  # this process's earlier build, which ended (mkdocs serve builds one at a time)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clear(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def copy_out(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at ``target``, as a file of its own.

    A copy, not a hard link: the output then shares no file with the cache (a tool that
    writes a page in place cannot change the cache, and hosts that refuse hard links,
    such as GitHub Pages' artifact check, see plain files). On Linux the copy is done by
    the kernel (sendfile): about 1 s for 4,000 pages.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.exists():
        target.unlink()
    shutil.copyfile(source, target)


# ---------------------------------------------------------------- encoding file results
# JSON of the dataclasses, without the article's body (read again when it is rendered).

def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"@datetime": value.isoformat(), "@tz": getattr(value.tzinfo, "key", None)}
    if isinstance(value, tuple):
        return [_encode_value(v) for v in value]
    if isinstance(value, Photo):
        return {"@photo": [value.src, value.alt, value.caption, value.line]}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "@datetime" in value:
        moment = dt.datetime.fromisoformat(value["@datetime"])
        if value.get("@tz"):
            from zoneinfo import ZoneInfo

            moment = moment.astimezone(ZoneInfo(value["@tz"]))
        return moment
    if isinstance(value, dict) and "@photo" in value:
        src, alt, caption, line = value["@photo"]
        return Photo(src, alt, caption, line)
    if isinstance(value, list):
        return tuple(_decode_value(v) for v in value)
    return value


def _encode_result(result: FileResult) -> dict[str, Any]:
    data: dict[str, Any] = {"problems": [[p.path, p.line, p.message, p.severity]
                                         for p in result.problems], "url": result.url}
    if result.article is not None:
        data["article"] = {f.name: _encode_value(getattr(result.article, f.name))
                           for f in fields(Article) if f.name != "body"}
    if result.page is not None:
        data["page"] = {f.name: getattr(result.page, f.name) for f in fields(StaticPage)}
    return data


def _decode_result(data: dict[str, Any]) -> FileResult:
    result = FileResult(problems=[Problem(*p) for p in data["problems"]], url=data["url"])
    if "article" in data:
        values = {name: _decode_value(value) for name, value in data["article"].items()}
        result.article = Article(**values, body=None)
    if "page" in data:
        result.page = StaticPage(**data["page"])
    return result
