"""What the ``toasoan`` editor command does: new articles, translations, checks, status.

No argument parsing and no printing here (that is :mod:`toasoan.cli`): each
operation returns data or raises :class:`EditorError` with a one-line message
for the editor. Files are created with mode ``"x"``: nothing here can replace
or truncate an existing file. Validation is the build's own (:func:`content.scan`),
and slugs come from the build's :func:`slug.slugify`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import yaml

from . import frontmatter
from .allowlist import article_violations
from .config import NewsSettings
from .content import Article, Newsroom, Problem, scan
from .dates import DateError, parse_date
from .edition import Edition
from .newsroom import HELD
from .render import Renderer, RenderError, findings
from .site import SiteBuild, SiteText
from .site_config import Site
from .slug import MAX_SLUG, short_slug, slug_problem, slugify  # noqa: F401 (MAX_SLUG: re-exported)
from .urls import article_url

DATE_FORMAT = "%Y-%m-%d %H:%M"
PENDING = "pending"
# The first words of the note `translate` puts above the text to translate.
PENDING_NOTE = "<!-- toasoan: translation pending"
_PENDING_LINE = re.compile(r"^[ \t]*" + re.escape(PENDING_NOTE), re.MULTILINE)

# Guidance written as YAML comments: invisible to readers, and no placeholder text
# that could be published by mistake.
_NEW_HINTS = {
    "vi": ("# lead: \"Sapo: một hai câu tóm tắt, in đậm dưới tiêu đề\"  (bỏ dấu # để dùng)\n"
           "# image: ten-anh.jpg  (ảnh đại diện, đặt trong thư mục bài)\n"),
    "en": ("# lead: \"One or two sentences shown in bold under the title\"  (remove the # to use)\n"
           "# image: photo.jpg  (the cover photo, saved in the article's folder)\n"),
}


class EditorError(Exception):
    """An expected failure, explained in one line; ``problems`` may list the details."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


# --------------------------------------------------------------------------- new


@dataclass(frozen=True)
class Created:
    """A file the command wrote, and what the editor should know about it."""

    path: Path
    notes: tuple[str, ...] = ()


def clean_title(title: str) -> str:
    """NFC (macOS keyboards and some editors type NFD), single spaces, not empty."""
    text = " ".join(unicodedata.normalize("NFC", title).split())
    if not text:
        raise EditorError("the title is empty")
    return text


class Plain(str):
    """A front-matter value written as YAML chooses (quoted only if it must be)."""


class Verbatim(str):
    """A front-matter value written exactly as given (a date as editors type it)."""


def yaml_text(value: object) -> str:
    """One front-matter value as YAML on one line; text double-quoted.

    Quoting every text value avoids YAML's surprises (``No`` read as false,
    ``12:30`` as a number, ``#`` as a comment).
    """
    if isinstance(value, Verbatim):
        return str(value)
    quoted = not isinstance(value, (bool, Plain))
    dumped = yaml.safe_dump(str(value) if isinstance(value, Plain) else value,
                            allow_unicode=True, default_flow_style=True,
                            default_style='"' if quoted else None, width=1_000_000)
    return dumped.strip().removesuffix("...").strip()


def front_matter(fields: Mapping[str, object], comments: str = "") -> str:
    lines = "".join(f"{key}: {yaml_text(value)}\n" for key, value in fields.items())
    return f"---\n{lines}{comments}---\n"


def format_date(moment: dt.datetime, tz: dt.tzinfo) -> str:
    return moment.astimezone(tz).strftime(DATE_FORMAT)


def parse_editor_date(text: str, settings: NewsSettings) -> dt.datetime:
    try:
        return parse_date(text, settings.tz)
    except DateError as exc:
        raise EditorError(f"--date {exc}") from None


def free_slug(year_dir: Path, slug: str) -> tuple[str, tuple[str, ...]]:
    """``slug``, or ``slug-2``, ``slug-3``… if taken; and the taken ones.

    Compared without case, as on macOS and Windows disks where ``Dong-Du`` and
    ``dong-du`` are one folder.
    """
    existing = {p.name.casefold() for p in year_dir.iterdir()} if year_dir.is_dir() else set()
    taken: list[str] = []
    candidate, number = slug, 1
    while candidate.casefold() in existing:
        taken.append(candidate)
        number += 1
        candidate = f"{slug}-{number}"
    return candidate, tuple(taken)


def match_categories(labels: Iterable[str], lang: str,
                     settings: NewsSettings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Labels as configured (``kinh te`` -> ``Kinh tế``), and notes about unknown ones."""
    known = settings.known_categories(lang)
    by_slug = {slugify(label): label for label in known}
    chosen: list[str] = []
    notes: list[str] = []
    for raw in labels:
        label = " ".join(unicodedata.normalize("NFC", raw).split())
        if not label:
            continue
        found = label if label in known else by_slug.get(slugify(label))
        if found is None:
            listing = ", ".join(known) or "none"
            if settings.only_listed_categories:
                raise EditorError(f'category "{label}" is not a {lang} category of this site '
                                  f"(known: {listing})")
            notes.append(f'category "{label}" is not in extra.news.categories for {lang} '
                         f"(known: {listing}); it makes a new section")
            found = label
        if found not in chosen:
            chosen.append(found)
    return tuple(chosen), tuple(notes)


def new_article(site: Site, title: str, lang: str, *, authors: Iterable[str],
                categories: Iterable[str] = (), when: dt.datetime, draft: bool = True) -> Created:
    """Create ``<news_dir>/<yyyy>/<slug>/index.<lang>.md`` with complete front matter."""
    settings = site.settings
    if lang not in settings.language_codes:
        raise EditorError(f'"{lang}" is not a site language (one of: '
                          f"{', '.join(settings.language_codes)})")
    title = clean_title(title)
    names = [" ".join(unicodedata.normalize("NFC", a).split()) for a in authors]
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        raise EditorError('give the author: --author "Trần Thị Đào"')
    slug = short_slug(slugify(title))
    if not slug:
        raise EditorError(f'the title "{title}" has no letters or digits to make a web address from')
    labels, notes = match_categories(categories, lang, settings)
    local = when.astimezone(settings.tz)
    year_dir = site.news_dir / f"{local.year:04d}"
    free, taken = free_slug(year_dir, slug)
    notes_list = list(notes)
    if taken:
        notes_list.append(f"{site.shown(year_dir / taken[-1])}/ already exists; this article "
                          f"is in {free}/ instead (rename the folder if you prefer another name)")
    fields: dict[str, object] = {"title": title,
                                 "date": Verbatim(format_date(local, settings.tz)),
                                 "author": names[0] if len(names) == 1 else names,
                                 "language": Plain(lang)}
    if labels:
        fields["categories"] = list(labels)
    if draft:
        fields["draft"] = True
    text = front_matter(fields, _NEW_HINTS.get(lang, _NEW_HINTS["en"])) + "\n"
    bundle = year_dir / free
    try:
        bundle.mkdir(parents=True, exist_ok=False)
    except FileExistsError:
        raise EditorError(f"{site.shown(bundle)}/ appeared while this ran; try again") from None
    path = bundle / f"index.{lang}.md"
    _create(path, text, site)
    return Created(path, tuple(notes_list))


def _create(path: Path, text: str, site: Site) -> None:
    """Write a new file; never replace one (mode "x")."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise EditorError(f"{site.shown(path)} already exists; nothing was changed") from None


# --------------------------------------------------------------------- translate


def find_bundle(site: Site, given: Path) -> Path:
    """The article folder meant by ``given``: the folder, a file in it, or a path under news/."""
    candidates = [given] if given.is_absolute() else [
        Path.cwd() / given, site.docs_dir / given, site.news_dir / given]
    for candidate in candidates:
        path = candidate.resolve()
        if path.is_file():
            path = path.parent
        if path.is_dir():
            try:
                path.relative_to(site.news_dir.resolve())
            except ValueError:
                raise EditorError(f"{given} is not an article folder under "
                                  f"{site.shown(site.news_dir)}/") from None
            return path
    raise EditorError(f"no article folder {given} (give the folder, e.g. "
                      f"{site.shown(site.news_dir)}/2026/cau-moi)")


def translate(site: Site, bundle_path: Path, to: str, source_lang: str | None = None,
              *, slug: str | None = None) -> Created:
    """Create the ``to`` language file of a bundle, marked ``translation: pending``.

    It writes only what the translation does not share with its original (the build takes
    the date, authors, sections through their pairs, cover photo and pin from the original:
    :func:`toasoan.content.inherit_shared_fields`); ``slug`` gives its address's last part."""
    settings = site.settings
    if slug is not None:
        if to == settings.default_language.code:
            raise EditorError(f"--slug is for a translation; the {settings.default_language.name} "
                              "address is the folder's name")
        problem = slug_problem(slug)
        if problem is not None:
            raise EditorError(f"--slug: {problem}")
    for code in (to, source_lang):
        if code is not None and code not in settings.language_codes:
            raise EditorError(f'"{code}" is not a site language (one of: '
                              f"{', '.join(settings.language_codes)})")
    bundle = find_bundle(site, bundle_path)
    target = bundle / f"index.{to}.md"
    if target.exists():
        raise EditorError(f"{site.shown(target)} already exists; nothing was changed")
    present = [c for c in settings.language_codes if c != to and (bundle / f"index.{c}.md").is_file()]
    if source_lang is not None and source_lang not in present:
        raise EditorError(f"{site.shown(bundle / f'index.{source_lang}.md')} does not exist")
    if not present:
        raise EditorError(f"{site.shown(bundle)}/ has no article to translate from")
    source_lang = source_lang or present[0]  # language_codes lists the default first
    source_path = bundle / f"index.{source_lang}.md"
    src_uri = source_path.relative_to(site.docs_dir).as_posix()
    room = scan(site.docs_dir, settings, root=site.root)
    article = room.article_at(src_uri)
    own = [p for p in room.errors if p.path == site.shown(source_path)]
    if article is None or own:
        raise EditorError(f"{site.shown(source_path)} has problems; fix them before translating",
                          own)
    fields: dict[str, object] = {"title": article.title, "language": Plain(to)}
    notes: list[str] = []
    mapped = []
    for label in article.categories:
        other = settings.counterpart(label, source_lang, to)
        if other is None:
            notes.append(f'category "{label}" has no {to} pair in extra.news.categories; '
                         "add the category by hand")
        elif other not in mapped:
            mapped.append(other)
    if mapped and len(mapped) < len(article.categories):
        fields["categories"] = mapped  # the build would leave the unpaired ones out
    document = frontmatter.parse(frontmatter.decode(source_path.read_bytes()))
    if "lead" in document.fields and article.lead:
        fields["lead"] = article.lead
    if article.draft:
        fields["draft"] = True  # a translation of a draft is a draft: nothing leaks early
    if slug is not None:
        fields["slug"] = Plain(slug)
    fields["translation_of"] = Plain(source_lang)  # held back while its original is unpublished
    fields["translation"] = Plain(PENDING)
    head = front_matter(fields)
    language_name = settings.language(to).name
    note = (f"{PENDING_NOTE}: translate the title, lead and text from index.{source_lang}.md "
            f'into {language_name}, then delete this line and the line "translation: pending" -->')
    text = f"{head}\n{note}\n\n{document.body.strip()}\n"
    _create(target, text, site)
    return Created(target, tuple(notes))


# -------------------------------------------------------------------------- move


@dataclass(frozen=True)
class Moved:
    """What ``toasoan move`` did: the article's folder now, the files it rewrote (each with
    the address it recorded in ``aliases:``), and notes for the editor."""

    bundle: Path
    changed: tuple[tuple[Path, str], ...]
    notes: tuple[str, ...] = ()


def move(site: Site, given: Path, new: str, *, lang: str | None = None) -> Moved:
    """Give an article a new address and keep its old one: rename its folder (every
    language), or with ``lang`` change that translation's ``slug:``; each file whose
    address changes records the old one in ``aliases:`` (the build publishes a redirect
    there). Validated by the build's own rules before anything is changed."""
    settings = site.settings
    bundle = find_bundle(site, given)
    if bundle == site.news_dir.resolve():
        raise EditorError(f"give an article's folder, e.g. {site.shown(site.news_dir)}/2026/cau-moi")
    codes = settings.language_codes
    files = {code: bundle / f"index.{code}.md" for code in codes
             if (bundle / f"index.{code}.md").is_file()}
    if not files:
        raise EditorError(f"{site.shown(bundle)}/ has no article (index.<lang>.md) to move")
    room = scan(site.docs_dir, settings, root=site.root)
    shown = {site.shown(path) for path in files.values()}
    own = [p for p in room.errors if p.path in shown]
    articles = {code: room.article_at(path.relative_to(site.docs_dir.resolve()).as_posix())
                for code, path in files.items()}
    if own or any(article is None for article in articles.values()):
        raise EditorError(f"{site.shown(bundle)}/ has problems; fix them before moving it", own)
    if lang is not None:
        return _move_translation(site, bundle, files, articles, new, lang)
    target = _target_folder(site, bundle, new)
    new_bundle = target.relative_to(site.docs_dir.resolve()).as_posix()
    texts: dict[str, str] = {}
    changed: list[tuple[str, str]] = []
    for code, article in articles.items():
        assert article is not None
        old_url = article_url(settings, article)
        new_url = article_url(settings, replace(article, bundle=new_bundle))
        if old_url != new_url:
            texts[code] = _with_alias(files[code], old_url, new_url)
            changed.append((code, old_url))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(bundle, target)
    except OSError as exc:
        raise EditorError(f"{site.shown(bundle)}/ could not be moved to {site.shown(target)}/: "
                          f"{exc.strerror}") from None
    for code, text in texts.items():
        _replace(target / f"index.{code}.md", text)
    old_bundle = bundle.relative_to(site.docs_dir.resolve()).as_posix()
    notes = [f"{site.shown(path)} mentions {old_bundle}: its old address still leads to the "
             "article, but a link to its file must be updated (the build refuses it)"
             for path in _mentions(site, old_bundle, target)]
    return Moved(target, tuple((target / f"index.{code}.md", "/" + url) for code, url in changed),
                 tuple(notes))


def _move_translation(site: Site, bundle: Path, files: Mapping[str, Path],
                      articles: Mapping[str, Article | None], slug: str, lang: str) -> Moved:
    settings = site.settings
    if lang not in settings.language_codes:
        raise EditorError(f'"{lang}" is not a site language (one of: '
                          f"{', '.join(settings.language_codes)})")
    if lang == settings.default_language.code:
        raise EditorError(f"the {settings.default_language.name} address is the folder's name: "
                          "move the folder (leave out --lang)")
    article = articles.get(lang)
    if article is None:
        raise EditorError(f"{site.shown(bundle / f'index.{lang}.md')} does not exist")
    problem = slug_problem(slug)
    if problem is not None:
        raise EditorError(problem)
    old_url = article_url(settings, article)
    new_url = article_url(settings, replace(article, slug=slug))
    if old_url == new_url:
        raise EditorError(f"{site.shown(files[lang])} is already at /{new_url}; nothing was changed")
    taken = {url for url, shown in _page_urls(site).items()}
    if new_url in taken:
        raise EditorError(f"/{new_url} is already the address of {_page_urls(site)[new_url]}; "
                          "choose another slug")
    text = _with_alias(files[lang], old_url, new_url)
    text = _with_field(text, "slug", yaml_text(Plain(slug)))
    _replace(files[lang], text)
    return Moved(bundle, ((files[lang], "/" + old_url),))


def _page_urls(site: Site) -> dict[str, str]:
    return scan(site.docs_dir, site.settings, root=site.root).page_urls


def _target_folder(site: Site, bundle: Path, new: str) -> Path:
    """The new folder: a name beside the old one, or a path under the news folder."""
    news = site.news_dir.resolve()
    text = new.strip().rstrip("/")
    if not text:
        raise EditorError("give the new folder name")
    given = Path(text)
    if given.is_absolute():
        target = given
    elif "/" not in text:
        target = bundle.parent / text
    else:
        beside = (Path.cwd() / given).resolve()
        target = beside if news in beside.parents else news / given
    target = Path(os.path.normpath(target))
    if news not in target.parents:
        raise EditorError(f"{new} is not under {site.shown(site.news_dir)}/: articles live there")
    problem = slug_problem(target.name)
    if problem is not None:
        raise EditorError(f"the folder name: {problem.replace('slug ', '', 1)}")
    if target == bundle:
        raise EditorError(f"{site.shown(bundle)}/ is already there; nothing was changed")
    existing = {p.name.casefold() for p in target.parent.iterdir()} if target.parent.is_dir() else set()
    if target.name.casefold() in existing:
        raise EditorError(f"{site.shown(target)}/ already exists; choose another name")
    if bundle in target.parents:
        raise EditorError("an article cannot be moved into its own folder")
    return target


def _mentions(site: Site, old_bundle: str, target: Path) -> list[Path]:
    """Markdown files of docs/ that mention the old folder, in a path or a relative link
    (links to fix by hand: MkDocs refuses a link to a file that is gone)."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(PurePosixPath(old_bundle).name) + r"(?=/|\)|$)",
                         re.MULTILINE)
    found = []
    for path in sorted(site.docs_dir.rglob("*.md")):
        if target in path.parents:
            continue
        try:
            if pattern.search(path.read_text("utf-8", errors="replace")):
                found.append(path)
        except OSError:
            continue
    return found


def _read_text(path: Path) -> tuple[str, bool, bool]:
    """A file's text with LF line ends, and whether it had CRLF ends and a BOM."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n"), "\r\n" in text, raw.startswith(b"\xef\xbb\xbf")


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` atomically (temporary file, then rename), keeping the
    file's line ends and byte-order mark."""
    _, crlf, bom = _read_text(path)
    data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    temporary = path.with_name(f".{path.name}.toasoan-{os.getpid()}")
    try:
        temporary.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _with_alias(path: Path, old_url: str, new_url: str) -> str:
    """The file's text with ``/old_url`` added to its ``aliases:`` (and ``/new_url`` taken
    out of them: an article moved back)."""
    text, _, _ = _read_text(path)
    document = frontmatter.parse(frontmatter.normalize_text(text))
    entry = document.fields.get("aliases")
    current = entry.value if entry is not None else []
    values = current if isinstance(current, list) else [current]
    kept = [v for v in values if not (isinstance(v, str) and v.strip().strip("/") ==
                                      new_url.strip("/"))]
    if not any(isinstance(v, str) and v.strip().strip("/") == old_url.strip("/") for v in kept):
        kept.append("/" + old_url)
    return _with_field(text, "aliases", yaml_text(kept))


def _with_field(text: str, key: str, value: str) -> str:
    """``text`` with the front-matter entry ``key`` set to the YAML ``value`` on one line:
    its lines replaced where it is, else a line added before the closing '---'. Every
    other line keeps its bytes."""
    document = frontmatter.parse(frontmatter.normalize_text(text))
    lines = text.split("\n")
    closing = document.body_line - 2  # index of the closing '---'
    entry = document.fields.get(key)
    line = f"{key}: {value}"
    if entry is None:
        lines.insert(closing, line)
        return "\n".join(lines)
    start = entry.line - 1
    later = [e.line - 1 for e in document.fields.values() if e.line - 1 > start]
    end = min(later, default=closing)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank and comment lines before the next key stay
    lines[start:end] = [line]
    return "\n".join(lines)


# ------------------------------------------------------------------------- check


def editor_warnings(article: Article, settings: NewsSettings,
                    size_of: Callable[[str], int | None],
                    field_lines: Mapping[str, int] | None = None,
                    lead_line: int | None = None) -> list[Problem]:
    """Advice the build does not enforce: captions, photo sizes, long leads.

    ``size_of`` gives the size in bytes of a photo named as in the article (None
    if unknown); ``field_lines`` the line of each front-matter key.
    """
    lines = field_lines or {}
    found: list[Problem] = []

    def warn(line: int | None, message: str) -> None:
        found.append(Problem(article.path, line, message, "warning"))

    sized: set[str] = set()

    def check_size(src: str, line: int | None, what: str) -> None:
        if src in sized:
            return
        sized.add(src)
        size = size_of(src)
        if size is not None and size > settings.max_image_bytes:
            warn(line, f'{what} "{src}" is {size:,} bytes, over the limit of '
                       f"{settings.max_image_bytes:,} (extra.news.max_image_bytes); "
                       "save a smaller copy")

    for photo in article.photos:  # a photo without alt text is the build's error
        if not photo.caption:
            warn(photo.line, f'photo "{photo.src}" has no caption: add one in quotes, '
                             f'![…]({photo.src} "Caption"), or a /// caption block')
        check_size(photo.src, photo.line, "photo")
    if article.image:
        check_size(article.image, lines.get("image"), "cover image")
    if len(article.lead) > settings.lead_max_chars:
        where = lead_line if lead_line is not None else lines.get("lead")
        warn(where, f"lead is {len(article.lead)} characters, over the limit of "
                    f"{settings.lead_max_chars} (extra.news.lead_max_chars); shorten it")
    match = _PENDING_LINE.search(article.body)
    if match:
        line = article.body_line + article.body.count("\n", 0, match.start())
        warn(line, "the note \"translation pending\" is still in the text: finish the "
                   "translation, then delete the note")
    return sorted(found, key=lambda p: (p.line or 0, p.message))


def _photo_size(docs_dir: Path, bundle_dir: Path) -> Callable[[str], int | None]:
    def size_of(src: str) -> int | None:
        rel = unquote(urlsplit(src).path)
        path = docs_dir / rel.lstrip("/") if rel.startswith("/") else bundle_dir / rel
        try:
            return path.stat().st_size
        except OSError:
            return None
    return size_of


def _lead_line(text_lines: list[str], article: Article) -> int | None:
    """The file line where a lead taken from the body starts (blanked in ``article.body``)."""
    body_lines = article.body.split("\n")
    for index, body_line in enumerate(body_lines):
        line_no = article.body_line + index
        raw = text_lines[line_no - 1] if line_no - 1 < len(text_lines) else ""
        if raw.strip() and not body_line.strip():
            return line_no
    return None


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def check(site: Site, paths: Iterable[Path] = (), *, now: dt.datetime | None = None) -> CheckResult:
    """The build's decisions plus editor warnings, limited to ``paths`` if any are given.

    The same functions decide as in the build: the content contract (:func:`content.scan`),
    the listings and addresses (:class:`toasoan.site.SiteBuild`), and the allow-list over
    the HTML the Markdown renderer really produces (:mod:`toasoan.allowlist`), so what
    ``check`` accepts the build publishes, and the reverse.
    """
    docs = site.docs_dir.resolve()
    limits = []
    for given in paths:
        path = (given if given.is_absolute() else Path.cwd() / given).resolve()
        if not path.exists():
            raise EditorError(f"{given}: no such file or folder")
        if path != docs and docs not in path.parents and path not in docs.parents:
            raise EditorError(f"{given} is not in the site's {site.shown(site.docs_dir)}/ folder: "
                              "give an article's folder or file")
        limits.append(path)

    def wanted(shown: str) -> bool:
        if not limits:
            return True
        full = (site.root / shown).resolve()
        return any(full == limit or full.is_relative_to(limit) for limit in limits)

    room: Newsroom = scan(site.docs_dir, site.settings, root=site.root)
    moment = now or dt.datetime.now(dt.UTC).astimezone(site.settings.tz)
    texts = {code: SiteText(site.root.name) for code in site.settings.language_codes}
    build = SiteBuild(site.settings, room, moment, "https://example.invalid/", texts,
                      docs_dir=site.docs_dir)
    problems = list(build.problems)
    renderer = Renderer(site.markdown)
    for source in [*room.articles, *room.pages]:
        if wanted(source.path):
            problems += rendered_problems(renderer, source.path, source.body, source.body_line)
    for article in room.articles:
        if not wanted(article.path):
            continue
        pending = article.pending_problem()
        if pending is not None:
            problems.append(pending)  # the build holds it back; check refuses it outright
        source = site.docs_dir / article.src_uri
        text = frontmatter.decode(source.read_bytes())
        document = frontmatter.parse(text)
        lines = {key: entry.line for key, entry in document.fields.items()}
        lead_line = _lead_line(text.split("\n"), article) if article.lead_from_body else None
        problems += editor_warnings(article, site.settings,
                                    _photo_size(site.docs_dir, source.parent), lines, lead_line)
        state = build.edition.state(article)
        if state.state == HELD:
            problems.append(Problem(article.path, None, f"not published: {state.reason} (write "
                                    "draft: false to publish this language on its own)",
                                    "warning"))
    shown = [p for p in dict.fromkeys(problems) if wanted(p.path)]
    files = {a.path for a in room.articles} | set(room.page_urls.values()) | {p.path for p in problems}
    shown.sort(key=lambda p: (p.path, p.line or 0))
    return CheckResult(shown, sum(1 for f in files if wanted(f)))


def rendered_problems(renderer: Renderer, path: str, body: str, first_line: int) -> list[Problem]:
    """What the allow-list refuses in the HTML ``body`` renders to, at its lines."""
    try:
        html = renderer.render(body)
    except RenderError as exc:
        return [Problem(path, first_line, str(exc))]
    return [Problem(path, line, message)
            for line, message in findings(article_violations(html), body, first_line)]


# ------------------------------------------------------------------------ status

STATES = ("stale", "pending", "translated")


@dataclass(frozen=True)
class Version:
    """One language file of a bundle, as status sees it (valid or not)."""

    lang: str
    path: str  # as shown to editors
    title: str
    pending: bool
    changed: float  # POSIX time of the last change
    added: float  # POSIX time it first appeared
    publication: str = ""  # published, draft, scheduled, pending, held, or invalid
    reason: str = ""  # why it is not published
    corrections: tuple[str, ...] = ()  # when each correction was made, "YYYY-MM-DD HH:MM"


@dataclass(frozen=True)
class BundleStatus:
    bundle: str  # "news/2026/cau-moi", relative to docs/
    versions: Mapping[str, Version]
    state: str  # "translated", "stale", "pending", or "<lang>-only" / "partial"
    source: str | None  # language the others were translated from
    # (version without it, version with it, when): a correction one version lacks
    missing_corrections: tuple[tuple[str, str, str], ...] = ()


def classify(bundle: str, versions: Mapping[str, Version], codes: tuple[str, ...]) -> BundleStatus:
    """Translation state of one bundle; ``codes`` lists the site languages, default first.

    The source is the version that appeared first (the default language when
    they appeared together); a translation is stale when its source changed
    after it last did.
    """
    present = [c for c in codes if c in versions]
    done = [c for c in present if not versions[c].pending]
    ordered = sorted(done or present, key=lambda c: (versions[c].added, codes.index(c)))
    source = ordered[0] if ordered else None
    if any(versions[c].pending for c in present):
        state = "pending"
    elif len(present) == 1:
        state = f"{present[0]}-only"
    elif len(present) < len(codes):
        state = "partial"
    elif any(versions[c].changed < versions[source].changed for c in present if c != source):
        state = "stale"
    else:
        state = "translated"
    # A correction in one language does not silently change the others: a version without
    # a correction (by its date) another has is stale, whichever was translated from which.
    missing = tuple((c, other, when) for other in present for when in versions[other].corrections
                    for c in present if c != other and when not in versions[c].corrections)
    if missing and state == "translated":
        state = "stale"
    return BundleStatus(bundle, dict(versions), state, source, missing)


def history(root: Path, files: list[Path]) -> tuple[dict[Path, tuple[float, float]], str]:
    """(added, last changed) time of each file, from git when possible, else file times.

    A file with uncommitted changes (or not in git) counts as changed at its
    modification time. Returns the times and "git history" or "file times".
    """
    times: dict[Path, tuple[float, float]] = {}
    found = _git_history(root, files)
    committed, dirty = found if found is not None else ({}, set())
    for path in files:
        # Whole seconds, like git: a copied folder's files differ by microseconds.
        mtime = float(int(path.stat().st_mtime))
        if path in committed and path not in dirty:
            times[path] = committed[path]
        elif path in committed:
            times[path] = (committed[path][0], mtime)
        elif found is not None:
            times[path] = (mtime, mtime)  # not committed yet: new
        else:
            times[path] = (0.0, mtime)  # no history: the default language is the source
    return times, ("git history" if found is not None else "file times")


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def _git_history(root: Path,
                 files: list[Path]) -> tuple[dict[Path, tuple[float, float]], set[Path]] | None:
    """One ``git log`` and one ``git status`` for all files; None outside a git work tree."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if not top:
        return None
    if not files:
        return {}, set()
    top_dir = Path(top.strip()).resolve()
    wanted = {p.resolve(): p for p in files}
    folders = sorted({os.path.relpath(p.parent.parent, top_dir) for p in wanted})
    scope = [os.path.commonpath(folders)] if folders else []
    log = _git(top_dir, "log", "--format=@%ct", "--name-only", "--no-renames", "--", *scope) or ""
    committed: dict[Path, tuple[float, float]] = {}
    stamp = 0.0
    for line in log.splitlines():
        if line.startswith("@") and line[1:].isdigit():
            stamp = float(line[1:])
        elif line.strip():
            path = wanted.get((top_dir / line).resolve())
            if path is not None:
                added, changed = committed.get(path, (stamp, stamp))
                committed[path] = (min(added, stamp), max(changed, stamp))
    status = _git(top_dir, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                  *scope) or ""
    dirty: set[Path] = set()
    entries = status.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        if entry[0] in "RC":
            index += 1  # the rename's original name follows
        path = wanted.get((top_dir / entry[3:]).resolve())
        if path is not None:
            dirty.add(path)
    return committed, dirty


def status(site: Site, *, now: dt.datetime | None = None) -> tuple[list[BundleStatus], str]:
    """Translation state of every bundle, and where the times came from."""
    codes = site.settings.language_codes
    names = {f"index.{code}.md": code for code in codes}
    files: dict[Path, dict[str, Path]] = {}
    if site.news_dir.is_dir():
        for current, dirs, found in os.walk(site.news_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in found:
                if name in names:
                    files.setdefault(Path(current), {})[names[name]] = Path(current) / name
    every = [path for langs in files.values() for path in langs.values()]
    times, origin = history(site.root, every)
    room = scan(site.docs_dir, site.settings, root=site.root)
    edition = Edition(room, now or dt.datetime.now(dt.UTC).astimezone(site.settings.tz))
    result = []
    for folder in sorted(files):
        versions = {}
        for code, path in files[folder].items():
            title, pending = _summary(path)
            added, changed = times[path]
            article = room.article_at(path.relative_to(site.docs_dir).as_posix())
            state = edition.state(article) if article is not None else None
            versions[code] = Version(code, site.shown(path), title, pending, changed, added,
                                     state.state if state else "invalid",
                                     state.reason if state else "has errors (toasoan check)",
                                     tuple(format_date(c.date, site.settings.tz)
                                           for c in article.corrections) if article else ())
        bundle = folder.relative_to(site.docs_dir).as_posix()
        result.append(classify(bundle, versions, codes))
    return result, origin


def _summary(path: Path) -> tuple[str, bool]:
    """Title and pending flag, read leniently (status also lists broken files)."""
    try:
        document = frontmatter.parse(frontmatter.decode(path.read_bytes()))
    except (OSError, frontmatter.FrontMatterError):
        return "", False
    title = document.value("title")
    return (" ".join(title.split()) if isinstance(title, str) else "",
            document.value("translation") == PENDING)
