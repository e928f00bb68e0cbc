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
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from . import body_policy, frontmatter, schema
from .config import NewsSettings
from .dates import EXPECTED, DateError, parse_date
from .newsroom import Article, Correction, Newsroom, Photo, Problem, StaticPage
from .schema import ARTICLE_FIELDS as ARTICLE_FIELD_SPECS
from .schema import FIELD_NAMES, PAGE_FIELDS, PUBLICATION_FIELDS, REQUIRED_FIELDS, SHARED_FIELDS
from .slug import slug_problem, slugify
from .sources import (
    ENTRY_PROBLEMS,
    FILE,
    MARKDOWN_SUFFIXES,
    display_path,
    language_suffix,
    page_name_problem,
    walk_docs,
)
from .urls import article_url, static_page_url, url_key

# The article fields: toasoan.schema (one schema for validator, writer, desk and handbook).
ARTICLE_FIELDS = FIELD_NAMES

# No '[' or '<' inside the repeated parts: thousands of them in a row (hostile input)
# would otherwise make these patterns quadratic (a 200 KB line took minutes).
# The image's address runs to the title or the ')': Python-Markdown takes "nuoc lu.jpg"
# (with its space) as one address, so this does too.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\(\s*(?P<src><[^<>]*>|[^\s)\"'](?:[^)\"'\n]*[^\s)\"'])?)"
    r"(?:\s+(?P<q>[\"'])(?P<title>.*?)(?P=q))?\s*\)"
)
_REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\[(?P<ref>[^\[\]]*)\]")
# Python-Markdown's reference definition (markdown/blockprocessors.py, ReferenceProcessor),
# on one line: what it does not read as one is text, not a photo.
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<label>[^\[\]^][^\[\]]*|)\]:[ ]*(?P<src>\S+)[ ]*"
                         r"(?:(?P<q>[\"'])(?P<title>.*)(?P=q)[ ]*|\((?P<ptitle>.*)\)[ ]*)?$")
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(?P<src>[^\"']*)\1", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*([\"'])(?P<alt>[^\"']*)\1", re.IGNORECASE)
_CAPTION_OPEN = re.compile(r"^\s*/{3,}\s*caption\b")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_PROSE = re.compile(r"^\s*(#|!\[|<|/{3}|\||>|[-*+]\s|\d+[.)]\s|```|~~~|!!!|\?\?\?|:::|\[\^|\[[^\]]+\]:)")
_INLINE_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\([^)\[]*\)")
_REFERENCE_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\[[^\[\]]*\]")  # [text][ref], [text][]
_TAGS = re.compile(r"<[^<>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`|~~)")


@dataclass
class FileResult:
    """What reading one Markdown file of docs/ gave: its article or page (if valid), the
    problems found in it, and the URL it writes. Kept by a scan cache between builds."""

    problems: list[Problem] = field(default_factory=list)
    article: Article | None = None
    page: StaticPage | None = None
    url: str | None = None


class ScanCache(Protocol):
    """Results of earlier scans, by file; a key says what the result depended on."""

    def get(self, src_uri: str, key: str) -> FileResult | None: ...

    def put(self, src_uri: str, key: str, result: FileResult) -> None: ...


def scan(docs_dir: Path | str, settings: NewsSettings, *, root: Path | str | None = None,
         cache: ScanCache | None = None) -> Newsroom:
    """Read and validate every Markdown file under ``docs_dir``.

    Never raises for bad content: every problem becomes a :class:`Problem`. With a
    ``cache``, a file whose bytes and folder are unchanged is not read again.
    """
    docs = Path(docs_dir)
    base = Path(root) if root is not None else None
    problems: list[Problem] = []
    articles: list[Article] = []
    pages: list[StaticPage] = []
    page_urls: dict[str, str] = {}
    claimed: dict[str, str] = {}  # normalized URL -> display path
    folders: dict[str, str] = {}  # folder -> fingerprint of its listing
    bundles: dict[str, list[str]] = {}  # article folder -> its files (as shown)

    for entry in walk_docs(docs):
        src_uri = entry.src_uri
        shown = display_path(docs, src_uri, base)
        if entry.kind != FILE:
            if entry.kind in ENTRY_PROBLEMS:
                problems.append(Problem(shown, None, ENTRY_PROBLEMS[entry.kind]))
            continue
        if not src_uri.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        if _is_article_name(PurePosixPath(src_uri).name, settings) \
                and src_uri.startswith(settings.news_dir + "/"):
            bundles.setdefault(PurePosixPath(src_uri).parent.as_posix(), []).append(shown)
        key = None
        if cache is not None:
            key = _file_key(docs, src_uri, shown, folders)
            result = cache.get(src_uri, key) if key is not None else None
            if result is None:
                result = read_file(docs, src_uri, shown, settings)
                if key is not None:
                    cache.put(src_uri, key, result)
        else:
            result = read_file(docs, src_uri, shown, settings)
        problems += result.problems
        if result.article is not None:
            result.article.folder_digest = _folder_digest(docs, src_uri, folders)
            articles.append(result.article)
        if result.page is not None:
            pages.append(result.page)
        if result.url is None:
            continue
        claim = url_key(result.url)
        if claim in claimed:
            problems.append(Problem(shown, None, f'writes the same URL "/{result.url}" as '
                                    f"{claimed[claim]} (names that differ only in accents' "
                                    "encoding or case collide); rename one"))
            if result.article is not None:
                articles.remove(result.article)
            continue
        claimed[claim] = shown
        page_urls[result.url] = shown
    problems += _nested_bundles(bundles)
    articles, shared_problems = inherit_shared_fields(articles, settings)
    problems += shared_problems
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Newsroom(settings, articles, problems, page_urls, pages)


def _nested_bundles(bundles: dict[str, list[str]]) -> list[Problem]:
    """An article's folder holds its text and photos, never another article: moving or
    deleting it would move or delete the other one too. Said once per outer file."""
    inside: dict[str, list[str]] = {}
    for bundle in bundles:
        for parent in PurePosixPath(bundle).parents:
            if parent.as_posix() in bundles:
                inside.setdefault(parent.as_posix(), []).append(bundle)
                break
    problems = []
    for outer, inner in sorted(inside.items()):
        first = bundles[sorted(inner)[0]][0]
        more = f" and {len(inner) - 1} more" if len(inner) > 1 else ""
        for shown in bundles[outer]:
            problems.append(Problem(shown, None, (
                f"this article's folder also holds the article {first}{more}: an article's "
                "folder holds only its text and photos; give each article its own folder, "
                "beside the others (move one of them)")))
    return problems


def _original_of(article: Article, versions: dict[str, Article],
                 settings: NewsSettings) -> str | None:
    """The language of the version ``article`` takes its shared fields from: the one it
    names in ``translation_of:``, else the default language's, unless that one says it was
    translated from ``article``."""
    if article.translation_of is not None:
        return article.translation_of
    default = versions.get(settings.default_language.code)
    if default is None or default is article or default.translation_of == article.lang:
        return None
    return default.lang


def inherit_shared_fields(articles: list[Article],
                          settings: NewsSettings) -> tuple[list[Article], list[Problem]]:
    """Versions of one story share its facts (toasoan.schema: ``shared``): a translation
    that leaves one out takes its original's. A translation may choose its own sections,
    cover or pin; a different ``date`` (the story's publication) gets a warning naming both
    files. Returns the articles (new objects where something was taken) and
    the problems; a translation whose original is invalid and that lacks a required field
    is left out with an error."""
    bundles: dict[str, dict[str, Article]] = {}
    for article in articles:
        bundles.setdefault(article.bundle, {})[article.lang] = article
    problems: list[Problem] = []
    resolved: dict[str, Article | None] = {}

    def resolve(article: Article, seen: frozenset[str]) -> Article | None:
        if article.src_uri in resolved:
            return resolved[article.src_uri]
        code = _original_of(article, bundles[article.bundle], settings)
        source = bundles[article.bundle].get(code) if code is not None else None
        if source is not None:  # its original first (a cycle of translation_of: ends here)
            source = None if source.src_uri in seen else resolve(source, seen | {article.src_uri})
        result = _take_shared(article, source, settings, problems)
        resolved[article.src_uri] = result
        return result

    kept = []
    for article in articles:
        result = resolve(article, frozenset())
        if result is not None:
            kept.append(result)
    return kept, problems


def _take_shared(article: Article, source: Article | None, settings: NewsSettings,
                 problems: list[Problem]) -> Article | None:
    """``article`` with the shared fields it leaves out taken from ``source``."""
    if source is None:
        if article.date is None:  # its original is missing or has errors
            problems.append(Problem(article.path, 1, "date is missing, and the version it would "
                                    "take it from is not valid; fix that file, or write date: here"))
            return None
        if "author" not in article.lines and not article.authors:
            problems.append(Problem(article.path, 1, "author is missing, and the version it "
                                    "would take it from is not valid; fix that file, or write "
                                    "author: here"))
            return None
        return article
    values: dict[str, Any] = {}
    taken: list[str] = []
    lines = article.lines

    def take(key: str, attribute: str, value: Any) -> None:
        values[attribute] = value
        taken.append(key)

    if "date" not in lines:
        take("date", "date", source.date)
    elif article.date != source.date:
        tz = settings.tz
        problems.append(Problem(article.path, lines.get("date"), (
            f"date {article.date.astimezone(tz):%Y-%m-%d %H:%M} differs from "
            f"{source.path}:{source.lines.get('date', 1)} "
            f"({source.date.astimezone(tz):%Y-%m-%d %H:%M}); the versions of one story are "
            "published together: make them agree, or delete this line to take the original's"),
            "warning"))
    if "author" not in lines:
        take("author", "authors", source.authors)
    date = values.get("date", article.date)
    if "updated" not in lines and "updated" in source.lines and source.updated is not None \
            and source.updated >= date:
        take("updated", "updated", source.updated)
    if "categories" not in lines and source.categories:
        mapped: list[str] = []
        for label in source.categories:
            counterpart = settings.counterpart(label, source.lang, article.lang)
            if counterpart is None:
                problems.append(Problem(article.path, None, (
                    f'the section "{label}" of {source.path} has no {article.lang} pair in '
                    "extra.news.categories, so this version is not filed under it; write "
                    "categories: in this file"), "warning"))
            elif counterpart not in mapped:
                mapped.append(counterpart)
        if mapped:
            take("categories", "categories", tuple(mapped))
    if "image" not in lines and "image" in source.lines and source.image:
        take("image", "image", source.image)
        values["image_alt"] = next((p.alt for p in article.photos if p.src == source.image),
                                   "") or article.title
    if "pin" not in lines and source.pin:
        take("pin", "pin", True)
    if not values:
        return article
    return replace(article, **values, inherited=tuple(taken))


def _folder_digest(docs: Path, src_uri: str, folders: dict[str, str]) -> str:
    folder = (docs / src_uri).parent.as_posix()
    if folder not in folders:
        _file_key(docs, src_uri, "", folders)
    return hashlib.blake2b(folders.get(folder, "").encode(), digest_size=12).hexdigest()


def article_body(docs_dir: Path | str, article: Article) -> str:
    """The article's Markdown to render, read again when it came from the build cache."""
    if article.body is not None:
        return article.body
    document = frontmatter.parse(frontmatter.decode((Path(docs_dir) / article.src_uri).read_bytes()))
    if article.lead_from_body:
        return _lead_from_body(document.body)[1]
    return document.body


def _file_key(docs: Path, src_uri: str, shown: str, folders: dict[str, str]) -> str | None:
    """What a file's validation depends on: its bytes (size, time, inode), the names and
    stamps of the files of its folder (its photos, its translations), and how it is shown."""
    path = docs / src_uri
    try:
        own = path.stat()
    except OSError:
        return None
    folder = path.parent.as_posix()
    if folder not in folders:
        try:
            listing = sorted((e.name, e.stat(follow_symlinks=False).st_size,
                              e.stat(follow_symlinks=False).st_mtime_ns)
                             for e in os.scandir(path.parent))
        except OSError:
            return None
        folders[folder] = repr(listing)
    return repr((own.st_size, own.st_mtime_ns, own.st_ino, shown, folders[folder]))


def read_file(docs: Path, src_uri: str, shown: str, settings: NewsSettings) -> FileResult:
    """Read and validate one Markdown file of docs/ (an article or a static page)."""
    result = FileResult()
    problems = result.problems
    name = PurePosixPath(src_uri).name
    parent = PurePosixPath(src_uri).parent.as_posix()
    suffix = language_suffix(name)
    in_news = (parent + "/").startswith(settings.news_dir + "/")
    if suffix is not None and suffix not in settings.language_codes:
        problems.append(Problem(shown, None, _suffix_message(name, suffix, settings)))
        return result
    if in_news and not _is_article_name(name, settings):
        problems.append(Problem(shown, None, _article_name_message(name, settings)))
        return result
    if not in_news:
        naming = page_name_problem(src_uri, settings)
        if naming:
            problems.append(Problem(shown, None, naming))
            return result
    read = _read(docs / src_uri, shown, settings, problems)
    if read is None:
        return result
    document, file_digest = read
    lang = suffix or settings.default_language.code
    if in_news:
        article = _validate_article(document, src_uri, shown, lang, docs, settings, problems)
        if article is None:
            return result
        article.digest = file_digest
        result.article = article
        result.url = article_url(settings, article)
        _check_bundle_name(article, shown, problems)
    else:
        result.url = static_page_url(settings, lang, src_uri)
        if _validate_page(document, shown, lang, settings, problems):
            title = document.value("title")
            result.page = StaticPage(src_uri, shown, lang, result.url, document.body,
                                     document.body_line,
                                     " ".join(title.split()) if isinstance(title, str) else "")
    return result


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


def _read(path: Path, shown: str, settings: NewsSettings,
          problems: list[Problem]) -> tuple[frontmatter.FrontMatter, str] | None:
    try:
        size = path.stat().st_size
        if size > settings.max_article_bytes:
            problems.append(Problem(shown, None, f"file is {size:,} bytes, over the limit of "
                                    f"{settings.max_article_bytes:,} (extra.news.max_article_bytes)"))
            return None
        data = path.read_bytes()
        text = frontmatter.decode(data)
        controls = _control_characters(text)
        if controls:
            for line, char in controls:
                problems.append(Problem(shown, line, f"contains the invisible control character "
                                        f"U+{ord(char):04X}; remove it (it breaks feeds and "
                                        "search)"))
            return None
        return frontmatter.parse(text), hashlib.blake2b(data, digest_size=20).hexdigest()
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


# C0/C1 controls other than tab and line ends, and the two non-characters XML refuses; the
# Unicode line and paragraph separators too: YAML counts them as line ends, which would put
# every later front-matter line number one off.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Static pages may set these (MkDocs/Material read them); anything else is refused, since
# Material acts on fields it knows (an unknown icon: crashed the build).
PAGE_ONLY_FIELDS = ("title", "description", "template", "hide", "language")


def _validate_page(document: frontmatter.FrontMatter, shown: str, lang: str,
                   settings: NewsSettings, problems: list[Problem]) -> bool:
    """Static pages (About...): front matter must be sound; title, if given, is text."""
    before = len(problems)
    _dropped_text(document.fields, ("title", "description"),
                  lambda line, message: problems.append(Problem(shown, line, message)))
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
    template = document.fields.get("template")
    if template is not None and not is_template_name(template.value):
        # Its shape here (a path out of the theme would crash Jinja); that the theme has
        # it is checked where the theme is known (toasoan_mkdocs.events).
        problems.append(Problem(shown, template.line, template_message(template.value)))
    hide = document.fields.get("hide")
    if hide is not None and not (isinstance(hide.value, list)
                                 and all(isinstance(v, str) for v in hide.value)):
        problems.append(Problem(shown, hide.line, "hide must be a list such as [toc]"))
    # The text gets the article's first pass before anything renders it (a page nested
    # too deep would otherwise stop the renderer with a traceback).
    for line, message in body_policy.check(document.body, document.body_line):
        problems.append(Problem(shown, line, message))
    return len(problems) == before


_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.html")


def template_message(name: object) -> str:
    return f'template "{name}" is not one of the site\'s page templates (leave template: out)'


def is_template_name(name: object) -> bool:
    """A theme .html file named plainly: no '..', no absolute path."""
    return isinstance(name, str) and _TEMPLATE_NAME.fullmatch(name) is not None


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


# Fields whose value is text an editor writes: a " #" in them is text, not a comment.
TEXT_KEYS = tuple(spec.name for spec in ARTICLE_FIELD_SPECS
                  if spec.kind in (schema.TEXT, schema.NAMES, schema.LABELS, schema.PHOTO))


def _dropped_text(fields: dict[str, frontmatter.Field], keys: tuple[str, ...],
                  error: Any) -> None:
    """``title: Đội tuyển #1 thắng`` is read by YAML as "Đội tuyển" (the rest is a
    comment): refused at its line, with the line to write instead."""
    for key in keys:
        entry = fields.get(key)
        if entry is not None and entry.dropped:
            error(entry.line, f'{key}: YAML reads " #" and what follows ({entry.dropped[:30]}) '
                              f'as a comment and leaves it out; put the value in double quotes: '
                              f'{key}: {frontmatter.quoted(entry.typed)} (or move a note to a '
                              'line of its own)')


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
            f'put it in double quotes: {key}: {frontmatter.quoted(shown)}')


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
    _dropped_text(fields, TEXT_KEYS, error)
    original = _original_file(fields, src_uri, lang, docs, settings)
    for key in REQUIRED_FIELDS:
        if key not in fields and not (original is not None and key in SHARED_FIELDS):
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

    tags: tuple[str, ...] = ()
    if "tags" in fields and fields["tags"].value is not None:
        tags = tuple(dict.fromkeys(_text_list(fields["tags"], "tags", error)))
        _comma_list_warning(fields["tags"], "tags", warn)
        for label in tags:
            if not slugify(label):
                error(fields["tags"].line,
                      f'tag "{label}" has no letters or digits to make a web address from')

    pending_line = None
    if "translation" in fields:  # written by `toasoan translate`; deleting it publishes
        entry = fields["translation"]
        if entry.value == "pending":
            pending_line = entry.line  # held back like a draft; `toasoan check` refuses it
        else:
            error(entry.line, 'translation can only be "pending" (delete the line when the '
                              f"translation is finished), got {entry.raw or entry.value!r}")

    stands_alone = "draft" in fields and fields["draft"].value is False
    translation_of = None
    if "translation_of" in fields:
        entry = fields["translation_of"]
        if entry.value not in settings.language_codes or entry.value == lang:
            others = [code for code in settings.language_codes if code != lang]
            error(entry.line, f'translation_of must be the language of the original, one of: '
                              f"{', '.join(others)}; got {entry.raw or entry.value!r}")
        else:
            translation_of = entry.value
            original = PurePosixPath(src_uri).with_name(f"index.{entry.value}.md")
            if not (docs / original).is_file():
                error(entry.line, f"translation_of: {entry.value}, but {original.name} is not in "
                                  "the article's folder")
    flags = {}
    for key in ("draft", "pin"):
        entry = fields.get(key)
        if entry is not None and not isinstance(entry.value, bool):
            error(entry.line, f"{key} must be true or false, got {entry.raw or entry.value!r}")
        flags[key] = bool(entry.value) if entry is not None and isinstance(entry.value, bool) else False

    slug = None
    if "slug" in fields:
        entry = fields["slug"]
        if lang == settings.default_language.code:
            folder = PurePosixPath(src_uri).parent.name
            error(entry.line, f"slug sets the address of a translation; the "
                              f"{settings.default_language.name} address is the folder's name "
                              f'("{folder}"): to change it, move the folder with '
                              "toasoan move FOLDER NEW-NAME")
        else:
            problem = slug_problem(entry.value)
            if problem is not None:
                error(entry.line, problem)
            else:
                slug = entry.value
    aliases = _aliases(fields["aliases"], error) if "aliases" in fields else ()
    corrections = _corrections(fields["corrections"], settings, date, updated, error, warn) \
        if "corrections" in fields else ()

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

    if any(p.is_error for p in found) or (date is None and "date" in fields):
        problems.extend(found)
        return None
    problems.extend(found)
    return Article(
        src_uri=src_uri, path=shown, lang=lang, bundle=PurePosixPath(src_uri).parent.as_posix(),
        title=title, date=date, authors=authors, categories=categories, tags=tags, lead=lead,
        lead_from_body=lead_from_body, image=image, image_alt=image_alt, photos=tuple(photos),
        draft=flags["draft"], pin=flags["pin"], updated=updated, body=body,
        body_line=document.body_line, pending_line=pending_line, stands_alone=stands_alone,
        translation_of=translation_of, slug=slug, aliases=aliases, corrections=corrections,
        # A shared field left out is taken from the original by inherit_shared_fields
        # (the date until then is None: scan never returns such an article).
        lines={key: entry.line for key, entry in fields.items()},
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


def _original_file(fields: dict[str, frontmatter.Field], src_uri: str, lang: str, docs: Path,
                   settings: NewsSettings) -> str | None:
    """The language of the version this file translates, when that file is in its folder:
    ``translation_of:``, else the default language for a file in another language."""
    named = fields.get("translation_of")
    if named is not None:
        code = named.value if named.value in settings.language_codes and named.value != lang else None
    else:
        code = settings.default_language.code if lang != settings.default_language.code else None
    if code is None or not (docs / PurePosixPath(src_uri).with_name(f"index.{code}.md")).is_file():
        return None
    return code


# What an alias may not hold: characters with no place in an address, and what a static
# host cannot answer (a query, a fragment).
_ALIAS_REFUSED = set("\"'<>`{}|\\^#?") | {" "}
ALIAS_PAGE_SUFFIXES = (".html", ".htm")


def alias_problem(value: object) -> tuple[str | None, str | None]:
    """(the alias as a site-relative path, None) or (None, why it cannot be one).

    ``/news/2026/cu/``, ``news/2026/cu`` and ``/news/2026/cu/`` are the same alias,
    ``news/2026/cu/``; an old page may also end in ``.html`` (``/tin/cu-123.html``)."""
    if not isinstance(value, str) or not value.strip():
        return None, "each alias must be an address of this site, e.g. /news/2026/old-name/"
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None, f'alias "{text}" is not an address'
    if parts.scheme or parts.netloc or text.startswith("//"):
        return None, (f'alias "{text}" must be an address on this site, written from its root '
                      "without the domain, e.g. /news/2026/old-name/")
    path = unicodedata.normalize("NFC", unquote(text))
    bad = sorted({ch for ch in path if ch in _ALIAS_REFUSED or _forbidden_char(ch)
                  or unicodedata.category(ch).startswith("Z")})
    if bad:
        return None, (f'alias "{text}" has characters that cannot be in an address '
                      f"({' '.join(repr(c) for c in bad)})")
    segments = path.strip("/").split("/")
    if not path.strip("/"):
        return None, f'alias "{text}" is the home page; an article cannot take it'
    if any(segment in {"", ".", ".."} for segment in segments):
        return None, f'alias "{text}" has an empty, "." or ".." part'
    last = segments[-1]
    if "." in last and not last.lower().endswith(ALIAS_PAGE_SUFFIXES):
        return None, (f'alias "{text}" must end with "/" or ".html": a static site can put a '
                      "redirect page only there")
    if last.lower() in {"index.html", "index.htm"}:  # the folder's own page
        segments = segments[:-1]
        if not segments:
            return None, f'alias "{text}" is the home page; an article cannot take it'
        last = segments[-1]
    joined = "/".join(segments)
    return (joined if last.lower().endswith(ALIAS_PAGE_SUFFIXES) else joined + "/"), None


def _aliases(entry: frontmatter.Field, error: Any) -> tuple[str, ...]:
    values = entry.value if isinstance(entry.value, list) else [entry.value]
    found: list[str] = []
    for index, value in enumerate(values):
        line = entry.items[index] if index < len(entry.items) else entry.line
        alias, problem = alias_problem(value)
        if problem is not None:
            error(line, problem)
        elif alias in found:
            error(line, f'alias "/{alias}" is given twice; keep one')
        elif alias is not None:
            found.append(alias)
    return tuple(found)


_CORRECTION_EXAMPLE = ('corrections: [{date: 2026-03-15 10:00, text: "An earlier version gave '
                       'the wrong length."}]')


def _corrections(entry: frontmatter.Field, settings: NewsSettings, date: dt.datetime | None,
                 updated: dt.datetime | None, error: Any, warn: Any) -> tuple[Correction, ...]:
    """``corrections:``: a list of ``{date, text}``, each checked at its own line."""
    if not isinstance(entry.value, list) or not entry.value:
        error(entry.line, "corrections must be a list, each with a date and a text, e.g. "
                          + _CORRECTION_EXAMPLE)
        return ()
    found: list[Correction] = []
    for index, item in enumerate(entry.value):
        line = entry.items[index] if index < len(entry.items) else entry.line
        if not isinstance(item, dict):
            error(line, "a correction must have a date and a text, e.g. " + _CORRECTION_EXAMPLE)
            continue
        unknown = [str(key) for key in item if key not in ("date", "text")]
        if unknown:
            error(line, f'a correction has only date and text, not "{unknown[0]}"')
        when = None
        if "date" not in item:
            error(line, "the correction has no date (date: YYYY-MM-DD HH:MM)")
        else:
            try:
                when = parse_date(item["date"], settings.tz)
            except DateError as exc:
                error(line, f"correction date {exc}")
        text = item.get("text")
        if not _is_text(text):
            error(line, _text_message("correction text", frontmatter.Field(text, line, "")))
        if when is None or not _is_text(text):
            continue
        if date is not None and when < date:
            error(line, "the correction is dated before the article (date:); give the time it "
                        "was corrected")
            continue
        found.append(Correction(when, " ".join(text.split()), line))
    found.sort(key=lambda c: (c.date, c.line))
    if found and updated is not None and updated < found[-1].date:
        warn(found[-1].line, "this correction is later than updated:; readers are told the "
                             "article changed at updated: (delete updated: to follow the "
                             "corrections)")
    return tuple(found)


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
    return bool(difflib.get_close_matches(word, PUBLICATION_FIELDS,
                                          n=1, cutoff=0.75))


def _comma_list_warning(entry: frontmatter.Field, key: str, warn: Any) -> None:
    """``author: A, B`` is one name with a comma; the list form is ``[A, B]``."""
    if isinstance(entry.value, str) and "," in entry.value:
        names = [part.strip() for part in entry.value.split(",") if part.strip()]
        if len(names) > 1:
            warn(entry.line, f'{key} "{entry.value.strip()}" is read as one name; for several, '
                             f"write a list in brackets: {key}: [{', '.join(names)}]")


MAX_LABEL_CHARS = 100  # an author, section or tag: its page's address is made from it


def _text_list(entry: frontmatter.Field, key: str, error: Any) -> tuple[str, ...]:
    values = entry.value if isinstance(entry.value, list) else [entry.value]
    if not values:
        error(entry.line, f"{key} is empty")
        return ()
    names: list[str] = []
    for value in values:
        if _is_text(value) and len(" ".join(value.split())) > MAX_LABEL_CHARS:
            error(entry.line, f'{key}: "{" ".join(value.split())[:40]}…" is '
                              f"{len(' '.join(value.split()))} characters long; a name or label "
                              f"has at most {MAX_LABEL_CHARS} (it becomes a web address)")
        elif _is_text(value):
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
    if target.stat().st_size == 0:  # an upload or copy cut short: a broken photo for readers
        error(line, f'{what} "{src}" is an empty file (0 bytes): copy the photo into the '
                    "folder again")
        return False
    return True


def _did_you_mean(target: Path, folder: Path) -> str:
    """' (did you mean "cau-song-lam.jpg"?)' for the closest photo in the folder, if any."""
    try:
        names = [p.name for p in target.parent.iterdir()
                 if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES]
    except OSError:
        return ""
    # A name saved with separate accent marks (NFD, as macOS may save it) looks the same but
    # is another name, in the folder and in readers' browsers: say so, and how to fix it.
    spelled = [n for n in names if n != target.name
               and unicodedata.normalize("NFC", n) == unicodedata.normalize("NFC", target.name)]
    if spelled:
        stem, dot, suffix = spelled[0].rpartition(".")
        plain = f"{slugify(stem) or 'anh'}{dot}{suffix.lower()}"
        return (f': the file there, "{spelled[0]}", spells the accents as separate marks '
                f'(as some computers save names), so it is another name; rename the file '
                f'without accents, e.g. "{plain}", and write that name here')
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


def _definitions(lines: list[str]) -> dict[str, tuple[str, str | None]]:
    """Reference definitions of the text ('[label]: address "title"'), by folded label."""
    found: dict[str, tuple[str, str | None]] = {}
    in_fence = False
    for text in lines:
        if _FENCE.match(text):
            in_fence = not in_fence
        match = None if in_fence else _DEFINITION.match(text)
        if match:  # the last definition of a label wins, as in Python-Markdown
            found[match.group("label").strip().lower()] = (
                match.group("src").lstrip("<").rstrip(">"),
                match.group("title") or match.group("ptitle"))
    return found


def _photos(body: str, first_line: int, bundle_dir: Path, docs: Path, error: Any) -> list[Photo]:
    photos: list[Photo] = []
    lines = body.split("\n")
    definitions = _definitions(lines) if "]:" in body else {}
    in_fence = False
    for index, text in enumerate(lines):
        if _FENCE.match(text):
            in_fence = not in_fence
        if in_fence:
            continue
        line = first_line + index
        found = [(m.group("src").strip("<>"), _unescape(m.group("alt")), m.group("title"))
                 for m in _IMAGE.finditer(text)]
        for m in _REFERENCE_IMAGE.finditer(text) if definitions else ():
            # ![alt][label] and ![alt][]: the photo is the address its definition gives
            target = definitions.get((m.group("ref") or m.group("alt")).lower())
            if target is not None:
                found.append((target[0], _unescape(m.group("alt")), target[1]))
        for tag in _HTML_IMG.finditer(text):
            alt = _HTML_ALT.search(tag.group(0))
            found.append((tag.group("src"), alt.group("alt") if alt else "", None))
        for src, alt, title in found:
            if src.startswith("data:"):
                continue  # the body policy (hardening) decides about data: URLs
            if not _check_photo(src, bundle_dir, docs, line, "photo", error):
                continue
            if not alt.strip():
                error(line, f'photo "{src}" has no alt text: describe what it shows for readers '
                            f"who cannot see it: ![description]({src})")
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
    text = _REFERENCE_LINK.sub(lambda m: m.group(1), text)
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
