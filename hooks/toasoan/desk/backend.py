"""The editing backend: the CMS's local-backend ("proxy") protocol over the bundles.

The CMS posts ``{"action": ..., "params": {...}}`` to one URL; :meth:`Desk.handle`
answers with the JSON the CMS expects (the actions ``decap-server`` implements:
``info``, ``entriesByFolder``, ``entriesByFiles``, ``getEntry``, ``persistEntry``,
``getMedia``, ``getMediaFile``, ``persistMedia``, ``deleteFile``, ``deleteFiles``,
``getDeployPreview``), or raises :class:`DeskError` with a message for the editor.

What the CMS reads and sends is a view of each file (:mod:`.document`), never the
file itself. A save (``persistEntry``):

1. checks every path: article files are ``<news_dir>/.../<slug>/index.<lang>.md``,
   photos go into the article's own folder;
2. builds the new files: a field-level merge into the file on disk, or a new file
   for a new article, whose folder follows the build's slug rule and never
   replaces an existing one;
3. validates them with the build's own checks (:func:`toasoan.editor.check`) in a
   staging copy of the bundle, and refuses the save with the build's
   ``path:line: message`` lines if any error is found;
4. only then writes, each file atomically; photos are never overwritten.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import Problem, scan
from ..dates import DateError, parse_date
from ..editor import check, free_slug
from ..site_config import Site
from ..slug import slugify
from . import document
from .cmsconfig import TRANSLATED
from .schema import edited_fields

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
# One photo, as uploaded through the CMS (base64 in JSON): beyond this, refuse.
MAX_UPLOAD_BYTES = 25_000_000
# Marks a view made for the article list (no text): never written back.
LISTED = "desk_listed"
_INDEX = re.compile(r"^index\.(?P<lang>[A-Za-z_-]+)\.md$")
_SAFE_NAME = re.compile(r"^[^/\\\x00-\x1f]+$")


class DeskError(Exception):
    """A refused request, explained for the editor; ``problems`` lists the build's findings."""

    def __init__(self, message: str, problems: Iterable[Problem] = (), status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)
        self.status = status

    def text(self) -> str:
        """The message and, one per line, the problems as ``toasoan check`` prints them."""
        return "\n".join([self.message, *(_line(p) for p in self.problems)])


def _line(problem: Problem) -> str:
    if problem.is_error:
        return str(problem)
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return f"{where}: warning: {problem.message}"


@dataclass
class Review:
    """What the build's checks say about files about to be written."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # e.g. an unfinished translation

    def as_json(self) -> dict[str, list[str]]:
        return {"errors": [_line(p) for p in self.errors],
                "warnings": [_line(p) for p in self.warnings],
                "notes": [_line(p) for p in self.notes]}


@dataclass
class Planned:
    """One article file to write: where, the new bytes, and whether it is new."""

    path: Path
    data: bytes
    new: bool


class Desk:
    """The protocol's actions for one site; safe to call from several threads."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.settings = site.settings
        self.root = site.root.resolve()
        self.news_dir = site.news_dir.resolve()
        self._lock = threading.Lock()
        self.saved = threading.Event()  # set after each save that wrote something
        # Views for the article list, by file and its (size, mtime): the list is read
        # again after every save; unchanged files are not parsed again.
        self._listed: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}

    # ----------------------------------------------------------------- protocol

    def handle(self, action: str, params: Mapping[str, Any]) -> Any:
        """Answer one request of the CMS."""
        method = _ACTIONS.get(action)
        if method is None:
            raise DeskError(f"unknown action {action!r}", status=422)
        return method(self, params)

    def info(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        folder = self._inside(str(params.get("folder", "")), self.root)
        if not _is_within(folder, self.news_dir) and folder != self.news_dir:
            return []
        # The list shows titles and dates: the texts stay on disk until an article is
        # opened (getEntry). At 2,000 articles per language this is 26 MB less JSON.
        entries = []
        for path in self._article_files(folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            key = (stat.st_size, stat.st_mtime_ns)
            cached = self._listed.get(path)
            if cached is None or cached[0] != key:
                cached = (key, self._entry(path, listing=True))
                self._listed[path] = cached
            entries.append(cached[1])
        return entries

    def entries_by_files(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        files = params.get("files") or []
        return [self._entry(self._inside(str(f.get("path", "")), self.root)) for f in files]

    def get_entry(self, params: Mapping[str, Any]) -> dict[str, Any]:
        path = self._inside(str(params.get("path", "")), self.root)
        if not _INDEX.match(path.name):  # the CMS asks for index.md to test if a slug is free
            return {"data": None, "file": {"path": path.relative_to(self.root).as_posix(),
                                           "id": None}}
        return self._entry(path)

    def persist_entry(self, params: Mapping[str, Any]) -> dict[str, str]:
        options = params.get("options") or {}
        data_files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
        if not data_files:
            raise DeskError("nothing to save")
        with self._lock:
            planned, bundle, new_bundle = self._plan(data_files, bool(options.get("newEntry")))
            photos = self._photos(params.get("assets") or [], bundle)
            review = self.review(bundle, {p.path: p.data for p in planned}, photos)
            if review.errors:
                raise DeskError("not saved: the build would refuse this article "
                                "(nothing was written)", review.errors)
            self._write(planned, photos, bundle, new_bundle)
        if planned or photos:
            self.saved.set()
        written = ", ".join(self.site.shown(p.path) for p in planned)
        return {"message": f"saved {written}"}

    def get_media(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        folder = self._inside(str(params.get("mediaFolder", "")), self.root)
        if not folder.is_dir() or not (_is_within(folder, self.news_dir) or folder == self.news_dir):
            return []
        return [self._media(path) for path in sorted(folder.iterdir())
                if path.is_file() and not path.is_symlink()
                and path.suffix.lower() in PHOTO_SUFFIXES]

    def get_media_file(self, params: Mapping[str, Any]) -> dict[str, Any]:
        path = self._inside(str(params.get("path", "")), self.news_dir)
        if path.suffix.lower() not in PHOTO_SUFFIXES or not path.is_file():
            raise DeskError(f"{self.site.shown(path)}: no such photo", status=404)
        return self._media(path)

    def persist_media(self, params: Mapping[str, Any]) -> dict[str, Any]:
        asset = params.get("asset") or {}
        path = self._inside(str(asset.get("path", "")), self.news_dir)
        if not path.parent.is_dir() or not any(self._article_files(path.parent, depth=0)):
            raise DeskError(f"{self.site.shown(path)}: photos go into an article's folder; "
                            "add the photo from the article's editor")
        with self._lock:
            photos = self._photos([asset], path.parent)
            self._write([], photos, path.parent, new_bundle=False)
        self.saved.set()
        return self._media(path)

    def delete_files(self, params: Mapping[str, Any]) -> dict[str, str]:
        paths = params.get("paths") or ([params["path"]] if params.get("path") else [])
        targets = [self._inside(str(p), self.news_dir) for p in paths]
        with self._lock:
            for path in targets:
                if path.suffix.lower() not in PHOTO_SUFFIXES:
                    raise DeskError(f"{self.site.shown(path)}: the desk does not delete articles; "
                                    "ask the editor in charge (git keeps every version)")
                users = self._photo_users(path)
                if users:
                    raise DeskError(f"{self.site.shown(path)} is used by {', '.join(users)}; "
                                    "remove it from the article first")
            for path in targets:
                path.unlink(missing_ok=True)
        return {"message": "deleted " + ", ".join(self.site.shown(p) for p in targets)}

    def deploy_preview(self, params: Mapping[str, Any]) -> None:
        return None

    # ------------------------------------------------------------------ desk API

    def prepare(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Before a save: the folder a new article will get, and the build's findings.

        ``request`` carries the views by language (``versions``), the entry's path
        if it exists, and the names and sizes of photos not uploaded yet.
        """
        versions = request.get("versions") or {}
        main = self.settings.default_language.code
        path = request.get("path") or ""
        if path:
            bundle = self._inside(str(path), self.news_dir).parent
            slug, year = bundle.name, bundle.parent.name
        else:
            shown = versions.get(main) or {}
            slug, year = self._new_slug(shown)
            bundle = self.news_dir / year / slug
        files = {}
        chosen = {lang: (bundle / f"index.{lang}.md", dict(shown)) for lang, shown in versions.items()
                  if lang in self.settings.language_codes and isinstance(shown, Mapping)}
        self._share(chosen)
        for lang, (target, shown) in chosen.items():
            if not target.exists() and not _has_text(shown):
                continue
            files[target] = self._bytes_for(target, shown, lang)
        pending = {str(p.get("name")): int(p.get("size") or 0) for p in request.get("photos") or []
                   if isinstance(p, Mapping) and _SAFE_NAME.match(str(p.get("name", "")))}
        review = self.review(bundle, files, {bundle / name: size for name, size in pending.items()})
        return {"slug": slug, "year": year, "folder": self.site.shown(bundle), **review.as_json()}

    def review(self, bundle: Path, files: Mapping[Path, bytes],
               photos: Mapping[Path, bytes | int]) -> Review:
        """The build's checks (``toasoan check``) on the bundle as it would be after a save.

        Runs in a staging copy: the article files as they would be written, the
        photos as files of the right size (the checks look at names and sizes).
        Errors in files not being written do not block the save.
        """
        rel = bundle.relative_to(self.root)
        written = {self.site.shown(path) for path in files}
        with tempfile.TemporaryDirectory(prefix="toasoan-desk-") as tmp:
            stage_root = Path(tmp)
            stage = stage_root / rel
            stage.mkdir(parents=True)
            if bundle.is_dir():
                for item in bundle.iterdir():
                    if item.is_file() and not item.is_symlink():
                        if item.name.endswith(".md"):
                            (stage / item.name).write_bytes(item.read_bytes())
                        else:
                            _placeholder(stage / item.name, item.stat().st_size)
            for path, data in files.items():
                (stage / path.name).write_bytes(data)
            for path, content in photos.items():
                _placeholder(stage / path.name, content if isinstance(content, int) else len(content))
            staged = Site(stage_root, stage_root / self.site.config_file.name,
                          stage_root / self.site.docs_dir.relative_to(self.root), self.settings)
            room = scan(staged.docs_dir, self.settings, root=stage_root)
            pending = {a.pending_problem() for a in room.articles if a.pending_problem()}
            result = check(staged, [stage])
        review = Review()
        for problem in result.problems:
            if problem in pending:
                review.notes.append(problem)
            elif problem.is_error and problem.path in written:
                review.errors.append(problem)
            elif problem.is_error:
                review.notes.append(problem)
            else:
                review.warnings.append(problem)
        return review

    def status_of(self, rows: Iterable[Any]) -> list[dict[str, Any]]:
        """Translation states (from :func:`toasoan.editor.status`) as JSON for the desk."""
        found = []
        for row in rows:
            found.append({"bundle": row.bundle, "state": row.state, "source": row.source,
                          "versions": {code: {"path": v.path, "title": v.title,
                                              "pending": v.pending}
                                       for code, v in row.versions.items()}})
        return found

    # ---------------------------------------------------------------- internals

    def _inside(self, given: str, top: Path) -> Path:
        """``given`` (relative to the site folder) as a path that stays inside ``top``."""
        if not given or "\x00" in given or given.startswith(("/", "\\")):
            raise DeskError(f"{given!r} is not a path inside the site", status=400)
        path = Path(os.path.normpath(self.root / PurePosixPath(given)))
        if path != top and not _is_within(path, top):
            raise DeskError(f"{given} is outside {self.site.shown(top)}/", status=400)
        for parent in (path, *path.parents):
            if parent == self.root:
                break
            if parent.is_symlink():
                raise DeskError(f"{given}: symbolic links are not followed", status=400)
        return path

    def _article_files(self, folder: Path, depth: int = 8) -> Iterator[Path]:
        names = {f"index.{code}.md" for code in self.settings.language_codes}
        for current, dirs, files in os.walk(folder):
            here = Path(current)
            level = len(here.relative_to(folder).parts)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not (here / d).is_symlink() and level < depth)
            for name in sorted(files):
                if name in names and not (here / name).is_symlink():
                    yield here / name

    def _entry(self, path: Path, listing: bool = False) -> dict[str, Any]:
        rel = path.relative_to(self.root).as_posix()
        lang = self._lang_of(path)
        try:
            data = path.read_bytes()
        except OSError:
            if lang == self.settings.default_language.code:
                placeholder = self._untranslated_main(path)
                if placeholder is not None:
                    return {"data": json.dumps(placeholder, ensure_ascii=False),
                            "file": {"path": rel, "id": None}}
            return {"data": None, "file": {"path": rel, "id": None}}
        try:
            shown = document.view(document.read(data), lang, self.settings)
            if listing:
                shown[document.BODY] = ""
                shown[LISTED] = True
        except document.DocumentError as exc:
            where = f"{self.site.shown(path)}:{exc.line}" if exc.line else self.site.shown(path)
            shown = {"title": path.parent.name, "body": "",
                     "desk_unreadable": f"{where}: {exc.message}"}
        return {"data": json.dumps(shown, ensure_ascii=False),
                "file": {"path": rel, "id": hashlib.sha256(data).hexdigest()}}

    def _share(self, versions: Mapping[str, tuple[Path, dict[str, Any]]]) -> None:
        """A version written for the first time starts from the main version's shared fields.

        (The CMS fills a new version's fields with their defaults, e.g. draft on,
        and copies the main version's shared values only when they change.)
        Existing files keep theirs: the CMS sends a change when there is one.
        """
        main = versions.get(self.settings.default_language.code)
        if main is None:
            return
        for lang, (path, shown) in versions.items():
            if lang == self.settings.default_language.code or path.exists():
                continue
            for spec in edited_fields():
                if spec.name not in TRANSLATED and spec.name in main[1]:
                    shown[spec.name] = main[1][spec.name]

    def _untranslated_main(self, path: Path) -> dict[str, Any] | None:
        """The main-language version of an article that exists only in other languages.

        The CMS builds every article on its main-language version (shared fields
        are copied from it into the others): without one it would show, and save,
        another language's text in its place. This empty version carries the
        shared fields of the first existing language, and no text: the desk writes
        no file for it until the editor writes a title or a text.
        """
        for code in self.settings.language_codes:
            other = path.with_name(f"index.{code}.md")
            if other == path or not other.is_file():
                continue
            try:
                shown = document.view(document.read(other.read_bytes()), code, self.settings)
            except (OSError, document.DocumentError):
                return None
            for spec in edited_fields():
                if spec.name in TRANSLATED:
                    shown[spec.name] = ""
            shown[document.BODY] = ""
            return shown
        return None

    def _lang_of(self, path: Path) -> str:
        match = _INDEX.match(path.name)
        if not match or match.group("lang") not in self.settings.language_codes:
            codes = " or ".join(f"index.{c}.md" for c in self.settings.language_codes)
            raise DeskError(f"{self.site.shown(path)}: an article file is named {codes}",
                            status=400)
        return match.group("lang")

    def _media(self, path: Path) -> dict[str, Any]:
        data = path.read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "name": path.name,
                "path": path.relative_to(self.root).as_posix(),
                "content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}

    def _new_slug(self, shown: Mapping[str, Any]) -> tuple[str, str]:
        """The folder a new article gets: ``<year>/<slug>`` by the build's slug rule."""
        title = document.wanted(shown, self.settings.default_language.code, self.settings)["title"]
        if not title:
            raise DeskError("give the article a title first")
        slug = slugify(title)
        if not slug:
            raise DeskError(f'the title "{title}" has no letters or digits to make a web '
                            "address from")
        when = document.wanted(shown, self.settings.default_language.code, self.settings)["date"]
        try:
            moment = parse_date(when, self.settings.tz) if when else dt.datetime.now(dt.UTC)
        except DateError as exc:
            raise DeskError(f"date {exc}") from None
        year = f"{moment.astimezone(self.settings.tz).year:04d}"
        free, _taken = free_slug(self.news_dir / year, slug)
        return free, year

    def _bytes_for(self, path: Path, shown: Mapping[str, Any], lang: str) -> bytes:
        values = document.wanted(shown, lang, self.settings)
        if path.exists():
            try:
                return document.merge(path.read_bytes(), values, self.settings)
            except document.DocumentError as exc:
                raise DeskError(f"{self.site.shown(path)}:{exc.line or 1}: {exc.message}; the "
                                "desk cannot edit this file: fix it in a text editor") from None
        return document.compose(values, lang)

    def _plan(self, data_files: list[Mapping[str, Any]],
              new_entry: bool) -> tuple[list[Planned], Path, bool]:
        paths = [self._inside(str(f.get("path", "")), self.news_dir) for f in data_files]
        bundles = {p.parent for p in paths}
        if len(bundles) != 1:
            raise DeskError("one save writes one article folder", status=400)
        bundle = bundles.pop()
        if bundle == self.news_dir:
            raise DeskError("an article is a folder inside " + self.site.shown(self.news_dir))
        if new_entry:
            self._check_new_folder(bundle, data_files)
        views: dict[Path, tuple[str, dict[str, Any]]] = {}
        for path, item in zip(paths, data_files, strict=True):
            if item.get("newPath"):
                raise DeskError("the desk does not move articles (their address would change)")
            views[path] = (self._lang_of(path), _view_of(item.get("raw")))
        self._share({lang: (path, shown) for path, (lang, shown) in views.items()})
        planned = []
        for path, (lang, shown) in views.items():
            if shown.get(LISTED):
                raise DeskError(f"{self.site.shown(path)}: the editor sent the list's summary of "
                                "this article, not the article; reload the page and save again "
                                "(nothing was written)")
            if "desk_unreadable" in shown:
                raise DeskError(f"{shown['desk_unreadable']}; the desk cannot edit this file: "
                                "fix it in a text editor")
            if not path.exists() and not _has_text(shown):
                continue  # a language not written yet: no file
            data = self._bytes_for(path, shown, lang)
            if path.exists() and data == path.read_bytes():
                continue
            planned.append(Planned(path, data, not path.exists()))
        return planned, bundle, new_entry

    def _check_new_folder(self, bundle: Path, data_files: list[Mapping[str, Any]]) -> None:
        shown = self.site.shown(bundle)
        if bundle.exists():
            raise DeskError(f"{shown}/ already exists: another article has this address; "
                            "nothing was written (save again to get a free address)")
        main = self.settings.default_language.code
        views = {self._lang_of(self._inside(str(f.get('path', '')), self.news_dir)):
                 _view_of(f.get("raw")) for f in data_files}
        if main not in views:
            raise DeskError(f"a new article starts in {self.settings.language(main).name}")
        slug, year = self._new_slug(views[main])
        expected = self.news_dir / year / slug
        if bundle != expected:
            raise DeskError(f"{shown}/ is not where this article goes "
                            f"({self.site.shown(expected)}/, from its title and date); "
                            "nothing was written")

    def _photos(self, assets: list[Mapping[str, Any]], bundle: Path) -> dict[Path, bytes]:
        photos: dict[Path, bytes] = {}
        for asset in assets:
            path = self._inside(str(asset.get("path", "")), self.news_dir)
            name = self.site.shown(path)
            if path.parent != bundle:
                raise DeskError(f"{name}: a photo goes into the article's own folder "
                                f"({self.site.shown(bundle)}/)")
            if path.suffix.lower() not in PHOTO_SUFFIXES:
                raise DeskError(f"{name}: only photos ({', '.join(PHOTO_SUFFIXES)}) can be "
                                "added to an article")
            if asset.get("encoding", "base64") != "base64":
                raise DeskError(f"{name}: unexpected encoding", status=400)
            content = str(asset.get("content", ""))
            if len(content) * 3 // 4 > MAX_UPLOAD_BYTES:
                raise DeskError(f"{name} is over {MAX_UPLOAD_BYTES:,} bytes; save a smaller copy")
            try:
                data = base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError):
                raise DeskError(f"{name}: the upload is damaged; try again", status=400) from None
            if path.exists():
                if path.read_bytes() == data:
                    continue
                raise DeskError(f"{name} already exists and is another photo; rename your file "
                                "and upload it again (an existing photo is never replaced)")
            photos[path] = data
        return photos

    def _write(self, planned: list[Planned], photos: Mapping[Path, bytes], bundle: Path,
               new_bundle: bool) -> None:
        if new_bundle:
            try:
                bundle.mkdir(parents=True, exist_ok=False)
            except FileExistsError:
                raise DeskError(f"{self.site.shown(bundle)}/ appeared while saving; nothing "
                                "was written") from None
        for path, data in photos.items():
            with path.open("xb") as handle:  # never replace a photo
                handle.write(data)
        for item in planned:
            if item.new:
                with item.path.open("xb") as handle:
                    handle.write(item.data)
            else:
                _replace(item.path, item.data)

    def _photo_users(self, photo: Path) -> list[str]:
        users = []
        for path in self._article_files(photo.parent, depth=0):
            text = path.read_text(encoding="utf-8", errors="replace")
            if re.search(r"(^|[(\s\"'/<])" + re.escape(photo.name) + r"($|[)\s\"'>#?])", text,
                         re.MULTILINE):
                users.append(self.site.shown(path))
        return users


_ACTIONS = {
    "info": Desk.info,
    "entriesByFolder": Desk.entries_by_folder,
    "entriesByFiles": Desk.entries_by_files,
    "getEntry": Desk.get_entry,
    "persistEntry": Desk.persist_entry,
    "getMedia": Desk.get_media,
    "getMediaFile": Desk.get_media_file,
    "persistMedia": Desk.persist_media,
    "deleteFile": Desk.delete_files,
    "deleteFiles": Desk.delete_files,
    "getDeployPreview": Desk.deploy_preview,
}


def _view_of(raw: Any) -> dict[str, Any]:
    try:
        shown = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        shown = None
    if not isinstance(shown, dict):
        raise DeskError("the editor sent something that is not an article; reload the page",
                        status=400)
    return shown


def _has_text(shown: Mapping[str, Any]) -> bool:
    """Whether a language version has been started (a title or a text)."""
    return any(isinstance(shown.get(key), str) and shown[key].strip()
               for key in ("title", document.BODY))


def _is_within(path: Path, top: Path) -> bool:
    try:
        path.relative_to(top)
    except ValueError:
        return False
    return path != top


def _placeholder(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no space (the checks read names and sizes)."""
    with path.open("wb") as handle:
        handle.truncate(max(size, 0))


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file renamed over it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
