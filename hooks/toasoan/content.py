"""The content contract: page bundles of articles, their front matter, and its validation.

An article is a folder under ``docs/<news_dir>/`` holding ``index.vi.md`` and/or
``index.en.md`` (the site's languages) and its photos; two files in one bundle are
translations of each other. :func:`scan` reads every Markdown file under ``docs/``
and returns a :class:`Newsroom`: the valid articles, and every problem found, each
naming ``path:line``. The build and the ``toasoan check`` command share it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from . import body_policy, frontmatter
from .config import NewsSettings
from .dates import EXPECTED, DateError, parse_date
from .slug import slugify

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
ARTICLE_FIELDS = ("title", "date", "author", "language", "categories", "lead", "image",
                  "draft", "pin", "updated", "translation")
REQUIRED_FIELDS = ("title", "date", "author", "language")
# Front-matter keys MkDocs/Material understand on ordinary pages; harmless on articles.
PAGE_FIELDS = ("template", "hide", "search", "description")
# Same shape as mkdocs-static-i18n's locale check: such a suffix is taken as a language.
_LOCALE_SUFFIX = re.compile(r"^([a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2})$")

# No '[' or '<' inside the repeated parts: thousands of them in a row (hostile input)
# would otherwise make these patterns quadratic (a 200 KB line took minutes).
# The image's address runs to the title or the ')': Python-Markdown takes "nuoc lu.jpg"
# (with its space) as one address, so this does too.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\(\s*(?P<src><[^<>]*>|[^\s)\"'](?:[^)\"'\n]*[^\s)\"'])?)"
    r"(?:\s+(?P<q>[\"'])(?P<title>.*?)(?P=q))?\s*\)"
)
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(?P<src>[^\"']*)\1", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*([\"'])(?P<alt>[^\"']*)\1", re.IGNORECASE)
_CAPTION_OPEN = re.compile(r"^\s*/{3,}\s*caption\b")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_PROSE = re.compile(r"^\s*(#|!\[|<|/{3}|\||>|[-*+]\s|\d+[.)]\s|```|~~~|!!!|\?\?\?|:::|\[\^)")
_INLINE_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\([^)\[]*\)")
_TAGS = re.compile(r"<[^<>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`|~~)")


# Publication states of one language version (see Newsroom.publication).
PUBLISHED, DRAFT, PENDING, SCHEDULED, HELD = "published", "draft", "pending", "scheduled", "held"


@dataclass(frozen=True)
class Publication:
    """Whether a version is published, and if not, why (for messages and `toasoan status`)."""

    state: str
    reason: str = ""
    until: dt.datetime | None = None  # when a scheduled or held version goes out by itself

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED


@dataclass(frozen=True)
class StaticPage:
    """A page that is not news (About...), as read and validated."""

    src_uri: str
    path: str
    lang: str
    url: str  # site-relative
    body: str
    body_line: int


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or, as a warning, should look at)."""

    path: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Photo:
    """A photo an article shows: ``src`` as written, relative to the bundle."""

    src: str
    alt: str
    caption: str | None
    line: int


@dataclass
class Article:
    """One language version of a news story, validated."""

    src_uri: str  # "news/2026/cau-moi/index.vi.md", relative to docs/
    path: str  # as shown to editors: "docs/news/2026/cau-moi/index.vi.md"
    lang: str
    bundle: str  # "news/2026/cau-moi"
    title: str
    date: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...] = ()
    lead: str = ""
    lead_from_body: bool = False
    image: str | None = None  # cover, relative to the bundle
    image_alt: str = ""
    photos: tuple[Photo, ...] = ()
    draft: bool = False
    pin: bool = False
    updated: dt.datetime | None = None
    body: str = ""  # Markdown to render (without the lead when it was taken from the body)
    body_line: int = 1
    pending_line: int | None = None  # line of "translation: pending", if unfinished
    stands_alone: bool = False  # "draft: false" written out: not held back by its translations

    @property
    def translation_pending(self) -> bool:
        return self.pending_line is not None

    def own_state(self, now: dt.datetime) -> str:
        """This file's own publication state: draft, pending, scheduled or published."""
        if self.draft:
            return DRAFT
        if self.translation_pending:
            return PENDING
        if self.date > now:
            return SCHEDULED
        return PUBLISHED

    def pending_problem(self) -> Problem | None:
        """What `toasoan check` says of an unfinished translation."""
        if self.pending_line is None:
            return None
        return Problem(self.path, self.pending_line,
                       "translation not finished: translate the title, lead and text, then "
                       'delete the line "translation: pending" (until then it is not published)')

    @property
    def modified(self) -> dt.datetime:
        return self.updated or self.date


@dataclass
class Newsroom:
    """Everything :func:`scan` found: valid articles (published or not) and problems."""

    settings: NewsSettings
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # site URL (relative, e.g. "en/about/") -> display path of the page that writes it
    page_urls: dict[str, str] = field(default_factory=dict)
    pages: list[StaticPage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._bundles: dict[str, dict[str, Article]] = {}
        self._by_src = {article.src_uri: article for article in self.articles}
        # published(lang, now) and its per-category index, computed once per build:
        # article pages ask for them once each, which must not sort the archive each time.
        self._published: dict[tuple[str, dt.datetime], tuple[Article, ...]] = {}
        self._by_category: dict[tuple[str, dt.datetime], dict[str, tuple[Article, ...]]] = {}
        for article in self.articles:
            self._bundles.setdefault(article.bundle, {})[article.lang] = article

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def url(self, article: Article) -> str:
        """Site-relative URL of an article: 'news/2026/x/' or 'en/news/2026/x/'."""
        return f"{self.settings.language(article.lang).prefix}{article.bundle}/"

    def versions(self, article: Article) -> dict[str, Article]:
        """All language versions of the article's bundle, the article included."""
        return self._bundles.get(article.bundle, {})

    def translation(self, article: Article, lang: str, now: dt.datetime) -> Article | None:
        """The published version of the same story in ``lang``, if there is one."""
        other = self.versions(article).get(lang)
        if other is None or other is article or not self.visible(other, now):
            return None
        return other

    def publication(self, article: Article, now: dt.datetime) -> Publication:
        """The one rule deciding whether ``article`` is published at ``now``; it fails closed.

        A draft, an unfinished translation (``translation: pending``) or an article dated
        after ``now`` is not published. A story goes out in all its languages together:
        a version whose translation in the same folder is a draft, or is dated later, is
        held back with it, unless it says ``draft: false`` (it then stands alone). An
        unfinished translation never holds back its original.
        """
        own = article.own_state(now)
        if own != PUBLISHED:
            reason = {DRAFT: "draft: true", PENDING: "translation: pending",
                      SCHEDULED: "dated in the future"}[own]
            return Publication(own, reason, article.date if own == SCHEDULED else None)
        if article.stands_alone:
            return Publication(PUBLISHED)
        for other in self.versions(article).values():
            if other is article:
                continue
            if other.draft:
                return Publication(HELD, f"{_file_name(other)} (the same story) is a draft")
            if other.date > now and not other.translation_pending:
                return Publication(HELD, f"{_file_name(other)} (the same story) is dated "
                                         f"{other.date.astimezone(self.settings.tz):%Y-%m-%d %H:%M}",
                                   other.date)
        return Publication(PUBLISHED)

    def is_published(self, article: Article, now: dt.datetime) -> bool:
        """Published for readers at ``now`` (:meth:`publication`), whatever the build mode."""
        return self.publication(article, now).published

    def visible(self, article: Article, now: dt.datetime) -> bool:
        """Published, or shown because the build is a preview."""
        return self.settings.preview or self.is_published(article, now)

    def published(self, lang: str, now: dt.datetime) -> list[Article]:
        """The articles in ``lang`` a reader can see, newest first (stable on ties)."""
        key = (lang, now)
        if key not in self._published:
            found = [a for a in self.articles if a.lang == lang and self.visible(a, now)]
            self._published[key] = tuple(sorted(found, key=lambda a: (a.date, a.src_uri),
                                                reverse=True))
        return list(self._published[key])

    def published_in(self, lang: str, category: str, now: dt.datetime) -> tuple[Article, ...]:
        """The published articles in ``lang`` filed under ``category``, newest first."""
        key = (lang, now)
        if key not in self._by_category:
            index: dict[str, list[Article]] = {}
            for article in self.published(lang, now):
                for label in article.categories:
                    index.setdefault(label, []).append(article)
            self._by_category[key] = {label: tuple(found) for label, found in index.items()}
        return self._by_category[key].get(category, ())

    def article_at(self, src_uri: str) -> Article | None:
        """The article read from ``src_uri`` (relative to docs/), if valid."""
        return self._by_src.get(src_uri)


def _file_name(article: Article) -> str:
    return PurePosixPath(article.src_uri).name


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


def scan(docs_dir: Path | str, settings: NewsSettings, *, root: Path | str | None = None) -> Newsroom:
    """Read and validate every Markdown file under ``docs_dir``.

    Never raises for bad content: every problem becomes a :class:`Problem`.
    """
    docs = Path(docs_dir)
    base = Path(root) if root is not None else None
    problems: list[Problem] = []
    articles: list[Article] = []
    pages: list[StaticPage] = []
    page_urls: dict[str, str] = {}
    claimed: dict[str, str] = {}  # normalized URL -> display path

    for entry in walk_docs(docs):
        src_uri = entry.src_uri
        shown = display_path(docs, src_uri, base)
        if entry.kind != FILE:
            if entry.kind in _ENTRY_PROBLEMS:
                problems.append(Problem(shown, None, _ENTRY_PROBLEMS[entry.kind]))
            continue
        if not src_uri.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        name = PurePosixPath(src_uri).name
        parent = PurePosixPath(src_uri).parent.as_posix()
        suffix = language_suffix(name)
        in_news = (parent + "/").startswith(settings.news_dir + "/")
        if suffix is not None and suffix not in settings.language_codes:
            problems.append(Problem(shown, None, _suffix_message(name, suffix, settings)))
            continue
        if in_news and not _is_article_name(name, settings):
            problems.append(Problem(shown, None, _article_name_message(name, settings)))
            continue
        if not in_news:
            naming = _page_name_problem(src_uri, settings)
            if naming:
                problems.append(Problem(shown, None, naming))
                continue
        document = _read(docs / src_uri, shown, settings, problems)
        if document is None:
            continue
        lang = suffix or settings.default_language.code
        if in_news:
            article = _validate_article(document, src_uri, shown, lang, docs, settings, problems)
            if article is None:
                continue
            articles.append(article)
            url = f"{settings.language(lang).prefix}{article.bundle}/"
            _check_bundle_name(article, shown, problems)
        else:
            url = settings.language(lang).prefix + _page_url(src_uri)
            if _validate_page(document, shown, lang, settings, problems):
                pages.append(StaticPage(src_uri, shown, lang, url, document.body, document.body_line))
        key = unicodedata.normalize("NFC", unquote(url)).casefold()
        if key in claimed:
            problems.append(Problem(shown, None, f'writes the same URL "/{url}" as {claimed[key]} '
                                    "(names that differ only in accents' encoding or case "
                                    "collide); rename one"))
            continue
        claimed[key] = shown
        page_urls[url] = shown
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Newsroom(settings, articles, problems, page_urls, pages)


# What walk_docs finds in docs/.
FILE, SYMLINK, SPECIAL, HIDDEN, LEFTOVER = "file", "symlink", "special", "hidden", "leftover"
_ENTRY_PROBLEMS = {
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


def _page_name_problem(src_uri: str, settings: NewsSettings) -> str | None:
    path = PurePosixPath(src_uri)
    stem = path.name.split(".")[0]
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


def _is_article_name(name: str, settings: NewsSettings) -> bool:
    return name in {f"index.{code}.md" for code in settings.language_codes}


def _suffix_message(name: str, suffix: str, settings: NewsSettings) -> str:
    codes = settings.language_codes
    stem = name.split(".")[0]
    choices = " or ".join(f"{stem}.{code}.md" for code in codes)
    return (f'language suffix ".{suffix}" is not a site language ({", ".join(codes)}); '
            f"this file would be dropped silently: rename it to {choices}")


def _article_name_message(name: str, settings: NewsSettings) -> str:
    choices = " or ".join(f"index.{code}.md" for code in settings.language_codes)
    return (f'"{name}" is not an article file: an article folder under '
            f"{settings.news_dir}/ holds {choices} (and its photos)")


def _page_url(src_uri: str) -> str:
    path = PurePosixPath(src_uri)
    stem = path.name.split(".")[0]
    parent = path.parent.as_posix()
    parent = "" if parent == "." else parent + "/"
    return parent if stem in {"index", "README"} else f"{parent}{stem}/"


def _read(path: Path, shown: str, settings: NewsSettings,
          problems: list[Problem]) -> frontmatter.FrontMatter | None:
    try:
        size = path.stat().st_size
        if size > settings.max_article_bytes:
            problems.append(Problem(shown, None, f"file is {size:,} bytes, over the limit of "
                                    f"{settings.max_article_bytes:,} (extra.news.max_article_bytes)"))
            return None
        text = frontmatter.decode(path.read_bytes())
        controls = _control_characters(text)
        if controls:
            for line, char in controls:
                problems.append(Problem(shown, line, f"contains the invisible control character "
                                        f"U+{ord(char):04X}; remove it (it breaks feeds and "
                                        "search)"))
            return None
        return frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, exc.message))
    except OSError as exc:
        problems.append(Problem(shown, None, f"cannot be read: {exc.strerror}"))
    return None


_MAX_CONTROL_REPORTS = 5


def _control_characters(text: str) -> list[tuple[int, str]]:
    """(line, character) of control characters in the text, a few at most."""
    found: list[tuple[int, str]] = []
    if _CONTROL.search(text) is None:
        return found
    for index, line in enumerate(text.split("\n"), start=1):
        match = _CONTROL.search(line)
        if match:
            found.append((index, match.group(0)))
            if len(found) == _MAX_CONTROL_REPORTS:
                break
    return found


# C0/C1 controls other than tab and line ends, and the two non-characters XML refuses.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Static pages may set these (MkDocs/Material read them); anything else is refused, since
# Material acts on fields it knows (an unknown icon: crashed the build).
PAGE_ONLY_FIELDS = ("title", "description", "template", "hide", "language")


def _validate_page(document: frontmatter.FrontMatter, shown: str, lang: str,
                   settings: NewsSettings, problems: list[Problem]) -> bool:
    """Static pages (About...): front matter must be sound; title, if given, is text."""
    before = len(problems)
    title = document.fields.get("title")
    if title is not None and not _is_text(title.value):
        problems.append(Problem(shown, title.line, _text_message("title", title)))
    language = document.fields.get("language")
    if language is not None and language.value != lang:
        problems.append(Problem(shown, language.line,
                                f'language "{language.value}" does not match the file name '
                                f"(it is built as {lang})"))
    for key, entry in document.fields.items():
        if key not in PAGE_ONLY_FIELDS:
            problems.append(Problem(shown, entry.line, f'field "{key}" is not used on pages '
                                    f"(allowed: {', '.join(PAGE_ONLY_FIELDS)}); remove it"))
    hide = document.fields.get("hide")
    if hide is not None and not (isinstance(hide.value, list)
                                 and all(isinstance(v, str) for v in hide.value)):
        problems.append(Problem(shown, hide.line, "hide must be a list such as [toc]"))
    return len(problems) == before


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and _forbidden_char(value) is None


def _forbidden_char(text: str) -> str | None:
    """The first character that has no place in a title or name: controls (invalid in XML)
    and invisible format characters (a zero-width space makes "Kinh tế" and "Kinh\u200btế"
    two sections with one address; bidirectional controls disguise text)."""
    for char in text:
        category = unicodedata.category(char)
        if (category in {"Cc", "Cs"} and char not in "\t\n\r") or category == "Cf" or \
                char in "\ufffe\uffff":
            return char
    return None


def _text_message(key: str, entry: frontmatter.Field) -> str:
    value = entry.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{key} is empty"
    if isinstance(value, str):
        char = _forbidden_char(value)
        if char is not None:
            kind = "format" if unicodedata.category(char) == "Cf" else "control"
            return (f"{key} contains the invisible {kind} character U+{ord(char):04X} "
                    f"({unicodedata.name(char, 'unnamed')}); remove it")
        return f"{key} must be text"
    kind = {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)
    shown = entry.raw or str(value)
    return (f'{key} must be text, but YAML reads {shown!s} as {kind}; '
            f'put it in double quotes: {key}: "{shown}"')


def _validate_article(document: frontmatter.FrontMatter, src_uri: str, shown: str, lang: str,
                      docs: Path, settings: NewsSettings,
                      problems: list[Problem]) -> Article | None:
    found: list[Problem] = []

    def error(line: int | None, message: str) -> None:
        found.append(Problem(shown, line, message))

    def warn(line: int | None, message: str) -> None:
        found.append(Problem(shown, line, message, "warning"))

    fields = document.fields
    if not document.present:
        error(1, "no front matter: an article starts with a '---' line, then title:, date:, "
                 "author:, language:, then '---'")
        problems.extend(found)
        return None
    for key in REQUIRED_FIELDS:
        if key not in fields:
            error(1, f"{key} is missing (required: {', '.join(REQUIRED_FIELDS)})")
    for key, entry in fields.items():
        if key not in ARTICLE_FIELDS and key not in PAGE_FIELDS:
            close = difflib.get_close_matches(str(key).lower(), ARTICLE_FIELDS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            if controls_publication(str(key)):
                error(entry.line, f'unknown field "{key}"{hint}: it looks like it decides whether '
                                  "the article is published, and a misspelled one would publish "
                                  "it; correct it")
            else:
                warn(entry.line, f'unknown field "{key}"{hint}; it is ignored')

    title = ""
    if "title" in fields:
        if _is_text(fields["title"].value):
            title = " ".join(fields["title"].value.split())
        else:
            error(fields["title"].line, _text_message("title", fields["title"]))

    date = None
    if "date" in fields:
        date = _date(fields["date"], "date", settings, error)
    updated = None
    if "updated" in fields:
        updated = _date(fields["updated"], "updated", settings, error)
        if updated and date and updated < date:
            error(fields["updated"].line, "updated is earlier than date")

    authors: tuple[str, ...] = ()
    if "author" in fields:
        authors = _text_list(fields["author"], "author", error)
        _comma_list_warning(fields["author"], "author", warn)

    if "language" in fields:
        entry = fields["language"]
        if entry.value not in settings.language_codes:
            error(entry.line, f'language "{entry.raw or entry.value}" is not a site language '
                              f"(one of: {', '.join(settings.language_codes)})")
        elif entry.value != lang:
            error(entry.line, f'language "{entry.value}" does not match the file name '
                              f"{PurePosixPath(src_uri).name}: set language: {lang}, or rename "
                              f"the file to index.{entry.value}.md")

    categories: tuple[str, ...] = ()
    if "categories" in fields and fields["categories"].value is not None:
        categories = _text_list(fields["categories"], "categories", error)
        _comma_list_warning(fields["categories"], "categories", warn)
        categories = tuple(dict.fromkeys(categories))
        known = settings.known_categories(lang)
        for label in categories:
            if not slugify(label):
                error(fields["categories"].line,
                      f'category "{label}" has no letters or digits to make a web address from')
            elif settings.only_listed_categories and label not in known:
                error(fields["categories"].line,
                      f'category "{label}" is not a known {lang} category (known: '
                      f"{', '.join(known) or 'none'}; see extra.news.categories)")

    pending_line = None
    if "translation" in fields:  # written by `toasoan translate`; deleting it publishes
        entry = fields["translation"]
        if entry.value == "pending":
            pending_line = entry.line  # held back like a draft; `toasoan check` refuses it
        else:
            error(entry.line, 'translation can only be "pending" (delete the line when the '
                              f"translation is finished), got {entry.raw or entry.value!r}")

    stands_alone = "draft" in fields and fields["draft"].value is False
    flags = {}
    for key in ("draft", "pin"):
        entry = fields.get(key)
        if entry is not None and not isinstance(entry.value, bool):
            error(entry.line, f"{key} must be true or false, got {entry.raw or entry.value!r}")
        flags[key] = bool(entry.value) if entry is not None and isinstance(entry.value, bool) else False

    bundle_dir = (docs / src_uri).parent
    photos = _photos(document.body, document.body_line, bundle_dir, docs, error)
    for line, message in body_policy.check(document.body, document.body_line):
        error(line, message)

    lead = ""
    body = document.body
    lead_from_body = False
    if "lead" in fields and fields["lead"].value is not None:
        if _is_text(fields["lead"].value):
            lead = " ".join(fields["lead"].value.split())
        else:
            error(fields["lead"].line, _text_message("lead", fields["lead"]))
    else:
        lead, body = _lead_from_body(document.body)
        lead_from_body = bool(lead)

    image = None
    image_alt = ""
    if "image" in fields and fields["image"].value is not None:
        entry = fields["image"]
        if not _is_text(entry.value):
            error(entry.line, "image must be the file name of a photo in the article's folder")
        elif _check_photo(entry.value.strip(), bundle_dir, docs, entry.line, "cover image", error):
            image = entry.value.strip()
            image_alt = next((p.alt for p in photos if p.src == image), "") or title
    elif photos:
        image, image_alt = photos[0].src, photos[0].alt

    if any(p.is_error for p in found) or date is None:
        problems.extend(found)
        return None
    problems.extend(found)
    return Article(
        src_uri=src_uri, path=shown, lang=lang, bundle=PurePosixPath(src_uri).parent.as_posix(),
        title=title, date=date, authors=authors, categories=categories, lead=lead,
        lead_from_body=lead_from_body, image=image, image_alt=image_alt, photos=tuple(photos),
        draft=flags["draft"], pin=flags["pin"], updated=updated, body=body,
        body_line=document.body_line, pending_line=pending_line, stands_alone=stands_alone,
    )


def _date(entry: frontmatter.Field, key: str, settings: NewsSettings, error: Any) -> dt.datetime | None:
    try:
        return parse_date(entry.value, settings.tz)
    except DateError as exc:
        if isinstance(entry.value, (int, float)) and not isinstance(entry.value, bool):
            error(entry.line, f'{key} "{entry.raw}" is not a date (expected {EXPECTED})')
        else:
            error(entry.line, f"{key} {exc}")
        return None


# Field names that could decide publication if an editor meant them: a misspelling of one
# is an error, never a silently ignored field.
_PUBLICATION_WORDS = frozenset({
    "draft", "drafts", "darft", "dratf", "draf", "publish", "published", "publishing",
    "publishdate", "publish_date", "publish-date", "publishat", "publish_at", "unpublished",
    "embargo", "embargoed", "hidden", "hide_article", "private", "visible", "visibility",
    "status", "state", "scheduled", "schedule", "expirydate", "expiry", "expires", "expired",
    "date_published", "datepublished", "pubdate", "pub_date", "release", "release_date",
    "translation_pending", "pending", "ready", "live",
})


def controls_publication(key: str) -> bool:
    """Whether an unknown field name looks like one that decides publication."""
    word = key.strip().lower()
    if word in _PUBLICATION_WORDS:
        return True
    return bool(difflib.get_close_matches(word, ("draft", "date", "translation"),
                                          n=1, cutoff=0.75))


def _comma_list_warning(entry: frontmatter.Field, key: str, warn: Any) -> None:
    """``author: A, B`` is one name with a comma; the list form is ``[A, B]``."""
    if isinstance(entry.value, str) and "," in entry.value:
        names = [part.strip() for part in entry.value.split(",") if part.strip()]
        if len(names) > 1:
            warn(entry.line, f'{key} "{entry.value.strip()}" is read as one name; for several, '
                             f"write a list in brackets: {key}: [{', '.join(names)}]")


def _text_list(entry: frontmatter.Field, key: str, error: Any) -> tuple[str, ...]:
    values = entry.value if isinstance(entry.value, list) else [entry.value]
    if not values:
        error(entry.line, f"{key} is empty")
        return ()
    names: list[str] = []
    for value in values:
        if _is_text(value):
            names.append(" ".join(value.split()))
        else:
            item = frontmatter.Field(value, entry.line, entry.raw if len(values) == 1 else "")
            error(entry.line, _text_message(key, item))
    return tuple(names)


def _check_photo(src: str, bundle_dir: Path, docs: Path, line: int, what: str, error: Any) -> bool:
    """A photo is a file in the article's own folder (the contract: a bundle carries its
    photos). No remote images (third-party requests), none from another article's folder
    (it may be a draft, or be moved or deleted)."""
    try:
        parts = urlsplit(src)
    except ValueError:
        error(line, f'{what} "{src}" is not a valid file name or address')
        return False
    if parts.scheme or parts.netloc:
        error(line, f'{what} "{src}" is not in the article\'s folder: remote images are not '
                    "allowed (readers' browsers would request another site); save the photo "
                    "in the folder")
        return False
    rel = unquote(parts.path)
    target = Path(os.path.normpath((docs / rel.lstrip("/")) if rel.startswith("/")
                                   else (bundle_dir / rel)))
    folder = Path(os.path.normpath(bundle_dir))
    if target == folder or folder not in target.parents:
        error(line, f'{what} "{src}" is not in the article\'s folder ({folder.name}/): copy the '
                    "photo into the folder and write its file name")
        return False
    if not target.is_file():
        error(line, f'{what} "{src}" does not exist in the article\'s folder'
                    + _did_you_mean(target, folder))
        return False
    return True


def _did_you_mean(target: Path, folder: Path) -> str:
    """' (did you mean "cau-song-lam.jpg"?)' for the closest photo in the folder, if any."""
    try:
        names = [p.name for p in target.parent.iterdir()
                 if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES]
    except OSError:
        return ""
    wanted = target.name.lower()
    close = difflib.get_close_matches(wanted, [n.lower() for n in names], n=1, cutoff=0.6)
    if not close:
        spaced = wanted.replace(" ", "-").replace("_", "-")
        close = [n.lower() for n in names if n.lower().replace("_", "-") == spaced]
    if not close:
        return ""
    found = next(n for n in names if n.lower() == close[0])
    return f' (did you mean "{found}"?)'


PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def _photos(body: str, first_line: int, bundle_dir: Path, docs: Path, error: Any) -> list[Photo]:
    photos: list[Photo] = []
    lines = body.split("\n")
    in_fence = False
    for index, text in enumerate(lines):
        if _FENCE.match(text):
            in_fence = not in_fence
        if in_fence:
            continue
        line = first_line + index
        found = [(m.group("src").strip("<>"), _unescape(m.group("alt")), m.group("title"))
                 for m in _IMAGE.finditer(text)]
        for tag in _HTML_IMG.finditer(text):
            alt = _HTML_ALT.search(tag.group(0))
            found.append((tag.group("src"), alt.group("alt") if alt else "", None))
        for src, alt, title in found:
            if src.startswith("data:"):
                continue  # the body policy (hardening) decides about data: URLs
            if not _check_photo(src, bundle_dir, docs, line, "photo", error):
                continue
            caption = title or _caption_after(lines, index)
            photos.append(Photo(src, alt.strip(), caption, line))
    return photos


def _caption_after(lines: list[str], index: int) -> str | None:
    """Text of a ``/// caption`` block right after the image line, if any."""
    after = index + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after < len(lines) and _CAPTION_OPEN.match(lines[after]):
        text = []
        for line in lines[after + 1:]:
            if line.strip().startswith("///"):
                break
            text.append(line.strip())
        return " ".join(t for t in text if t) or None
    return None


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _lead_from_body(body: str) -> tuple[str, str]:
    """The first prose paragraph as plain text, and the body without it.

    The paragraph's lines are blanked rather than removed so that line numbers
    in later messages still match the file.
    """
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        end = index
        if _FENCE.match(lines[index]):  # a fenced block may hold blank lines
            end += 1
            while end < len(lines) and not _FENCE.match(lines[end]):
                end += 1
            index = end + 1
            continue
        while end < len(lines) and lines[end].strip():
            end += 1
        first = lines[index]
        if not _NOT_PROSE.match(first) and not first.startswith(("    ", "\t")):
            lead = plain_text(" ".join(line.strip() for line in lines[index:end]))
            if lead:
                rest = lines[:index] + [""] * (end - index) + lines[end:]
                return lead, "\n".join(rest)
        index = end
    return "", body


def plain_text(markdown: str) -> str:
    """Inline Markdown to plain text for leads and excerpts (not for HTML output)."""
    text = _INLINE_LINK.sub(lambda m: m.group(1), markdown)
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"\\(.)", r"\1", text)
    # "AT&amp;T" in Markdown is the text "AT&T"; templates escape it again where needed.
    return " ".join(html.unescape(text).split())


_UNSAFE_IN_URL = set("\"'<>`{}|\\^#?%")


def _check_bundle_name(article: Article, shown: str, problems: list[Problem]) -> None:
    folder = PurePosixPath(article.bundle).name
    unsafe = sorted({ch for ch in article.bundle if ch in _UNSAFE_IN_URL or ch.isspace()
                     or _forbidden_char(ch)})
    if unsafe:
        problems.append(Problem(shown, None, f'folder name "{article.bundle}" has characters that '
                                f"cannot be in a web address ({' '.join(repr(c) for c in unsafe)}): "
                                f'rename it to "{slugify(folder) or "a-short-slug"}"'))
    elif slugify(folder) != folder:
        suggestion = slugify(folder) or "a-short-slug"
        problems.append(Problem(shown, None, f'folder name "{folder}" is not a web address '
                                f'slug (lowercase, no accents, hyphens): rename it to '
                                f'"{suggestion}"', "warning"))
