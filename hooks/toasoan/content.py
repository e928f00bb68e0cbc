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
import os
import re
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
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\(\s*(?P<src><[^<>]*>|[^\s)]+)"
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

    @property
    def translation_pending(self) -> bool:
        return self.pending_line is not None

    def is_published(self, now: dt.datetime) -> bool:
        """Drafts, unfinished translations and articles dated after ``now`` are published
        nowhere: held back, not errors, so one unfinished story never blocks the site."""
        return not self.draft and not self.translation_pending and self.date <= now

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

    def visible(self, article: Article, now: dt.datetime) -> bool:
        """Published, or shown because the build is a preview."""
        return self.settings.preview or article.is_published(now)

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
    page_urls: dict[str, str] = {}
    claimed: dict[str, str] = {}  # normalized URL -> display path

    for src_uri, is_link in _walk(docs):
        shown = display_path(docs, src_uri, base)
        if is_link:
            problems.append(Problem(shown, None, "is a symbolic link; links are not published "
                                    "(copy the file into docs/ instead)"))
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
            _validate_page(document, shown, lang, settings, problems)
            url = settings.language(lang).prefix + _page_url(src_uri)
        key = unicodedata.normalize("NFC", unquote(url)).casefold()
        if key in claimed:
            problems.append(Problem(shown, None, f'writes the same URL "/{url}" as {claimed[key]} '
                                    "(names that differ only in accents' encoding or case "
                                    "collide); rename one"))
            continue
        claimed[key] = shown
        page_urls[url] = shown
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Newsroom(settings, articles, problems, page_urls)


def _walk(docs: Path) -> list[tuple[str, bool]]:
    """(src_uri, is_symlink) for every entry MkDocs would publish, sorted."""
    found: list[tuple[str, bool]] = []
    for current, dirs, files in os.walk(docs, followlinks=False):
        rel = Path(current).relative_to(docs)
        # MkDocs skips dot-files and the top-level templates/ folder.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (rel == Path(".") and d == "templates"))
        for name in list(dirs):
            if os.path.islink(os.path.join(current, name)):
                found.append(((rel / name).as_posix(), True))
                dirs.remove(name)
        for name in sorted(files):
            if name.startswith("."):
                continue
            found.append(((rel / name).as_posix(), os.path.islink(os.path.join(current, name))))
    return found


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
        return frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, exc.message))
    except OSError as exc:
        problems.append(Problem(shown, None, f"cannot be read: {exc.strerror}"))
    return None


def _validate_page(document: frontmatter.FrontMatter, shown: str, lang: str,
                   settings: NewsSettings, problems: list[Problem]) -> None:
    """Static pages (About...): front matter must be sound; title, if given, is text."""
    title = document.fields.get("title")
    if title is not None and not _is_text(title.value):
        problems.append(Problem(shown, title.line, _text_message("title", title)))
    language = document.fields.get("language")
    if language is not None and language.value != lang:
        problems.append(Problem(shown, language.line,
                                f'language "{language.value}" does not match the file name '
                                f"(it is built as {lang})"))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and _forbidden_char(value) is None


def _forbidden_char(text: str) -> str | None:
    """The first character that has no place in a title or name (and is invalid XML)."""
    for char in text:
        if (unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n\r") or \
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
            return (f"{key} contains the invisible control character U+{ord(char):04X}; "
                    "remove it (it breaks feeds and search)")
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
            close = difflib.get_close_matches(str(key), ARTICLE_FIELDS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
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
        body_line=document.body_line, pending_line=pending_line,
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
    """A photo must be a file inside docs/ (no remote images: they are third-party requests)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        error(line, f'{what} "{src}" is not in the article\'s folder: remote images are not '
                    "allowed (readers' browsers would request another site); save the photo "
                    "in the folder")
        return False
    rel = unquote(parts.path)
    target = (docs / rel.lstrip("/")) if rel.startswith("/") else (bundle_dir / rel)
    target = Path(os.path.normpath(target))
    try:
        target.relative_to(docs.resolve() if docs.is_absolute() else Path(os.path.normpath(docs)))
        inside = True
    except ValueError:
        inside = False
    if not inside:
        error(line, f'{what} "{src}" is outside docs/ and cannot be published')
        return False
    if not target.is_file():
        error(line, f'{what} "{src}" does not exist in the article\'s folder')
        return False
    return True


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
    return " ".join(text.split())


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
