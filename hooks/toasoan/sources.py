"""What is in ``docs/``, as the build sees it, without following links.

:func:`walk_docs` lists the files that matter: it never follows symbolic links (MkDocs
does, and looped for minutes on two links to "."), reports what cannot be published
(links, pipes and devices, Markdown hidden in dot-folders), and recognizes the files
editors and operating systems leave behind, which are ignored everywhere.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import NewsSettings
from .slug import slugify

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Same shape as mkdocs-static-i18n's locale check: such a suffix is taken as a language.
_LOCALE_SUFFIX = re.compile(r"^([a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2})$")


def display_path(docs_dir: Path, src_uri: str, root: Path | None) -> str:
    """The path an editor sees in messages: relative to the project when possible."""
    full = docs_dir / src_uri
    if root is not None:
        try:
            return full.relative_to(root).as_posix()
        except ValueError:
            pass
    return full.as_posix()


def language_suffix(name: str) -> str | None:
    """'index.vi.md' -> 'vi'; 'about.md' -> None; 'notes.v2.md' -> None."""
    stem = name.rsplit(".", 1)[0]
    if "." not in stem:
        return None
    suffix = stem.rsplit(".", 1)[1]
    return suffix if _LOCALE_SUFFIX.match(suffix) else None


# What walk_docs finds in docs/.
FILE, SYMLINK, SPECIAL, HIDDEN, LEFTOVER = "file", "symlink", "special", "hidden", "leftover"
ENTRY_PROBLEMS = {
    SYMLINK: "is a symbolic link; links are not published (copy the file into docs/ instead)",
    SPECIAL: "is not a regular file (a pipe, socket or device); remove it from docs/",
    HIDDEN: "holds Markdown but its name starts with \".\": it would be left out of the site "
            "silently; rename it without the dot, or move it out of docs/",
}
# Files that editors and operating systems leave beside the ones we write: never published,
# never an error (vim swap files, backups, Finder and Explorer metadata, office locks).
_LEFTOVER = re.compile(r"""(?x)
    ^\..*\.sw[a-p]$ | .*~$ | ^\.DS_Store$ | ^\._.* | ^Thumbs\.db$ | ^desktop\.ini$
    | .*\.tmp$ | ^\.~lock\..*\#$ | ^~\$.* | ^\#.*\#$ | ^\.\#.* | .*\.crdownload$ | .*\.part$
""", re.IGNORECASE)
# A dot-folder is searched this far for Markdown before it is left alone (.git can be huge).
_HIDDEN_SEARCH_LIMIT = 10_000


@dataclass(frozen=True)
class DocEntry:
    src_uri: str  # relative to docs/, "/"-separated
    kind: str  # FILE, SYMLINK, SPECIAL, HIDDEN or LEFTOVER


def is_leftover(name: str) -> bool:
    """An editor's or operating system's leftover file (``.index.vi.md.swp``, ``x~``...)."""
    return bool(_LEFTOVER.match(name))


def walk_docs(docs: Path) -> list[DocEntry]:
    """Every entry of ``docs`` that matters to the site, sorted; links are never followed.

    MkDocs follows symbolic links while it lists files (two links to "." made it loop for
    minutes): this walk does not, so the build can refuse them before MkDocs looks.
    Dot-files are left out as MkDocs does, except that Markdown hidden that way is
    reported (it would vanish silently).
    """
    found: list[DocEntry] = []
    for current, dirs, files in os.walk(docs, followlinks=False):
        rel = Path(current).relative_to(docs)
        kept = []
        for name in sorted(dirs):
            path = os.path.join(current, name)
            if os.path.islink(path):
                found.append(DocEntry((rel / name).as_posix(), SYMLINK))
            elif name.startswith("."):
                if _holds_markdown(Path(path)):
                    found.append(DocEntry((rel / name).as_posix(), HIDDEN))
            elif not (rel == Path(".") and name == "templates"):  # MkDocs skips docs/templates/
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            src_uri = (rel / name).as_posix()
            if is_leftover(name):
                found.append(DocEntry(src_uri, LEFTOVER))
                continue
            try:
                mode = os.lstat(os.path.join(current, name)).st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                found.append(DocEntry(src_uri, SYMLINK))
            elif not stat.S_ISREG(mode):
                found.append(DocEntry(src_uri, SPECIAL))
            elif name.startswith("."):
                if name.lower().endswith(MARKDOWN_SUFFIXES):
                    found.append(DocEntry(src_uri, HIDDEN))
            else:
                found.append(DocEntry(src_uri, FILE))
    return found


def _holds_markdown(folder: Path) -> bool:
    seen = 0
    for _current, _dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            seen += 1
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not is_leftover(name):
                return True
        if seen > _HIDDEN_SEARCH_LIMIT:
            return False
    return False


# Static page file names: lowercase words and hyphens (they become addresses), and not
# where the site keeps its own files.
_PAGE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]*")
RESERVED_FOLDERS = ("assets", "pagefind")


def page_name_problem(src_uri: str, settings: NewsSettings) -> str | None:
    """Why a static page's file name cannot be its address, or None.

    The address is the name without ``.md`` and the language suffix: ``about.vi.md`` is
    ``about/``, but ``rss.xml.vi.md`` would be ``rss.xml/``, a folder where the feed file
    must go (the build crashed writing the feed), so a name keeps to letters, digits and
    hyphens.
    """
    path = PurePosixPath(src_uri)
    stem = path.name
    for suffix in MARKDOWN_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if language_suffix(path.name) is not None:
        stem = stem.rsplit(".", 1)[0]
    parts = [*path.parent.parts, stem] if path.parent.as_posix() != "." else [stem]
    for part in parts:
        if not _PAGE_SEGMENT.fullmatch(part):
            suggestion = slugify(part) or "trang"
            return (f'page name "{part}" cannot be a web address: use lowercase letters without '
                    f'accents, digits and hyphens (e.g. "{suggestion}")')
    reserved = {*RESERVED_FOLDERS, *(lang.prefix.strip("/") for lang in settings.languages
                                     if lang.prefix)}
    if parts[0] in reserved:
        return (f'"{parts[0]}/" is where the site keeps its own files (reserved: '
                f"{', '.join(sorted(reserved))}); put the page elsewhere")
    return None
