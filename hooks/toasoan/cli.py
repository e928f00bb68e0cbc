"""The ``toasoan`` command for editors: new, translate, check, status, publish, edit.

A thin argparse layer over :mod:`toasoan.editor`. Expected failures print one
line, ``toasoan: error: ...``, and exit with status 2; content errors found by
``check`` exit with status 1. It never imports MkDocs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, publish
from .content import Problem
from .dates import iso
from .editor import (
    STATES,
    BundleStatus,
    EditorError,
    check,
    move,
    new_article,
    parse_editor_date,
    status,
    translate,
)
from .site_config import Site, SiteConfigError, find_config, read_site

DESCRIPTION = """\
Tools for the newsroom (tòa soạn): create an article, start its translation,
move it to a new address, check the articles without building the site, and
see which ones still need a translation. Run it inside the site's folder (where mkdocs.yml is), or give
--site FOLDER."""

EPILOG = """\
examples:
  toasoan new "Khánh thành cầu Sông Lam" --category "Thời sự" --author "Trần Thị Đào"
  toasoan translate docs/news/2026/khanh-thanh-cau-song-lam --to en
  toasoan move docs/news/2026/khanh-thanh-cau-song-lam khanh-thanh-cau-song-lam-moi
  toasoan check
  toasoan check docs/news/2026/khanh-thanh-cau-song-lam
  toasoan status
  toasoan publish --to storage:bao-song-lam --dry-run

Help for one command: toasoan new --help"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # same one-line form as every other error
        self.exit(2, f"{self.prog}: error: {message}\n(see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--site", metavar="FOLDER", type=Path, default=argparse.SUPPRESS,
                      help="the site's folder (or its mkdocs.yml); default: the nearest "
                           "mkdocs.yml in this folder or above")
    parser = _Parser(prog="toasoan", description=DESCRIPTION, epilog=EPILOG, parents=[site],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"toasoan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    new = commands.add_parser(
        "new", parents=[site], help="create a new article (tạo bài mới)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Create the folder of a new article, docs/news/<year>/<slug>/, with the file "
                    "index.<lang>.md\nand its front matter filled in, and print the file's path. "
                    "The slug is the title\nwithout accents (Đà Nẵng -> da-nang). An existing "
                    "folder is never reused:\nthe new one gets -2, -3... The article starts as a "
                    "draft: delete the line\n\"draft: true\" when it is ready to publish.")
    new.add_argument("title", help='the headline, in quotes: "Khánh thành cầu Sông Lam"')
    new.add_argument("--lang", default=None, metavar="LANG",
                     help="language of the article: vi or en (default: the site's main language)")
    new.add_argument("--author", action="append", default=[], metavar="NAME",
                     help="author's name; repeat for several authors (default: $TOASOAN_AUTHOR, "
                          "or asked)")
    new.add_argument("--category", action="append", default=[], metavar="NAME",
                     help='section, e.g. "Kinh tế" (accents optional: "kinh te" works); repeatable')
    new.add_argument("--date", metavar='"YYYY-MM-DD HH:MM"',
                     help="publication time in the site's time zone (default: now)")
    new.add_argument("--ready", action="store_true",
                     help="do not mark the article as a draft")

    tr = commands.add_parser(
        "translate", parents=[site], help="start the translation of an article (dịch bài)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Create the missing language file of an article's folder, e.g. index.en.md "
                    "beside index.vi.md.\nThe story's shared fields (date, author, cover "
                    "photo, categories...) are not written:\nthe translation takes them from "
                    "the original; title, lead and text are copied\nto be translated, marked "
                    "\"translation: pending\".\nUntil that line is deleted, "
                    "the build does not publish the file and 'toasoan check' refuses it.\n"
                    "An existing file is never replaced.")
    tr.add_argument("bundle", type=Path, help="the article's folder (or one of its files)")
    tr.add_argument("--to", required=True, metavar="LANG", help="language to translate into: en or vi")
    tr.add_argument("--from", dest="source", metavar="LANG",
                    help="language to translate from (default: the site's main language)")
    tr.add_argument("--slug", metavar="SLUG",
                    help="the last part of the translation's address instead of the folder's "
                         "name, e.g. song-lam-bridge-opens (lowercase, no accents, hyphens)")

    mv = commands.add_parser(
        "move", parents=[site], help="give an article a new address, keeping the old one (chuyển)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Rename an article's folder (every language moves with it), or with --lang "
                    "change the\nslug: of one translation. Each file whose address changes "
                    "records the old address\nin aliases:; the build publishes a page there that "
                    "sends readers on, and lists it\nin _redirects and redirects.json. Nothing "
                    "is changed if the article has errors.")
    mv.add_argument("bundle", type=Path, help="the article's folder (or one of its files)")
    mv.add_argument("new", metavar="NEW",
                    help="the new folder name (beside the old one) or path under the news "
                         "folder (2027/ten-moi); with --lang, the translation's new slug")
    mv.add_argument("--lang", metavar="LANG",
                    help="change only this translation's address (its slug:), e.g. en")

    ck = commands.add_parser(
        "check", parents=[site], help="check articles without building (kiểm tra bài)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check the content exactly as the build does, without building, and also "
                    "warn about\nphotos without a caption, photos over "
                    "extra.news.max_image_bytes and\nleads longer than extra.news.lead_max_chars. "
                    "Each problem is printed as\npath:line: message. Exit status: 0 no errors, "
                    "1 errors found (warnings alone: 0).")
    ck.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help="only report problems in these files or folders (default: all)")
    ck.add_argument("--strict", action="store_true",
                    help="count warnings as errors (as 'mkdocs build --strict' does for its own)")

    st = commands.add_parser(
        "status", parents=[site], help="which articles need a translation (tình trạng dịch)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="List every article by translation state:\n"
                    "  translated  both languages, up to date\n"
                    "  stale       the original changed after its translation\n"
                    "  pending     a translation was started (translation: pending)\n"
                    "  vi-only     Vietnamese only\n"
                    "  en-only     English only\n"
                    "Times come from git history inside a git work tree (uncommitted edits count\n"
                    "at their file time), otherwise from file modification times.")
    st.add_argument("--json", action="store_true", help="print JSON instead of a table")

    pub = commands.add_parser(
        "publish", parents=[site], help="build, check and publish the site (xuất bản)",
        description="Build the site into a temporary folder with --strict, check every link "
                    "(and with --validate-html every page), then publish it: swap it into the "
                    "output folder, or upload what changed to object storage (--to). On any "
                    "failure nothing is changed. Refused when TOASOAN_PREVIEW is set. "
                    "See HOSTING.md.")
    publish.add_arguments(pub, config_option=False)
    ed = commands.add_parser(
        "edit", parents=[site], help="edit articles in the browser (bàn biên tập)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Start the editor's desk (a web editor for the articles) and the live site "
                    "preview\n(drafts shown), both on 127.0.0.1, and print their addresses. "
                    "Every save is checked\nlike 'toasoan check' before it is written. "
                    "Ctrl-C stops both. See HANDBOOK.en.md.")
    ed.add_argument("--port", type=int, default=8010, metavar="N",
                    help="port of the desk (default: 8010)")
    ed.add_argument("--preview-port", type=int, default=8011, metavar="N",
                    help="port of the site preview, mkdocs serve (default: 8011)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    args = build_parser().parse_args(argv)
    try:
        site = read_site(find_config(getattr(args, "site", None) or Path.cwd()))
        return _COMMANDS[args.command](site, args)
    except (EditorError, SiteConfigError) as exc:
        for problem in getattr(exc, "problems", []):
            print(_line(problem), file=sys.stderr)
        print(f"toasoan: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `toasoan status | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"toasoan: error:{where} {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _new(site: Site, args: argparse.Namespace) -> int:
    lang = args.lang or site.settings.default_language.code
    when = (parse_editor_date(args.date, site.settings) if args.date
            else dt.datetime.now(dt.UTC))
    authors = args.author or [_default_author()]
    created = new_article(site, args.title, lang, authors=[a for a in authors if a],
                          categories=args.category, when=when, draft=not args.ready)
    for note in created.notes:
        print(f"note: {note}", file=sys.stderr)
    print(_relative(created.path))
    return 0


def _translate(site: Site, args: argparse.Namespace) -> int:
    created = translate(site, args.bundle, args.to, args.source, slug=args.slug)
    for note in created.notes:
        print(f"note: {note}", file=sys.stderr)
    print(_relative(created.path))
    return 0


def _move(site: Site, args: argparse.Namespace) -> int:
    moved = move(site, args.bundle, args.new, lang=args.lang)
    for note in moved.notes:
        print(f"note: {note}", file=sys.stderr)
    print(_relative(moved.bundle))
    for path, alias in moved.changed:
        print(f"{_relative(path)}: aliases: {alias}")
    return 0


def _check(site: Site, args: argparse.Namespace) -> int:
    result = check(site, args.paths)
    for problem in result.problems:
        print(_line(problem))
    errors = len(result.problems) if args.strict else len(result.errors)
    warnings = 0 if args.strict else len(result.warnings)
    print(f"{_count(result.files, 'file')} checked: {_count(errors, 'error')}, "
          f"{_count(warnings, 'warning')}")
    return 1 if errors else 0


def _status(site: Site, args: argparse.Namespace) -> int:
    bundles, origin = status(site)
    codes = site.settings.language_codes
    states = [*STATES, *(f"{code}-only" for code in codes), "partial"]
    counts = {state: sum(b.state == state for b in bundles) for state in states}
    if args.json:
        data = {"times_from": origin, "summary": {k: v for k, v in counts.items() if v or
                                                  k != "partial"},
                "articles": [_status_json(b, site) for b in bundles]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    order = {state: index for index, state in enumerate(states)}
    rows = [("STATE", " ".join(codes), "ARTICLE", "PUBLICATION", "NOTE")]
    for item in sorted(bundles, key=lambda b: (order.get(b.state, 99), b.bundle)):
        marks = " ".join(_mark(item, code) for code in codes)
        rows.append((item.state, marks, item.bundle, _publication(item, codes),
                     _note(item, site)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[4]]).rstrip())
    summary = ", ".join(f"{n} {state.replace('-only', ' only')}" for state, n in counts.items()
                        if n or state != "partial")
    print(f"\n{_count(len(bundles), 'article')}: {summary} (last changes from {origin})")
    return 0


def _publish(site: Site, args: argparse.Namespace) -> int:
    return publish.execute(args, site.config_file)


def _edit(site: Site, args: argparse.Namespace) -> int:
    from .desk.edit import EditStartError, run  # the desk's server is loaded only here

    try:
        return run(site, port=args.port, preview_port=args.preview_port,
                   say=lambda line: print(line, flush=True))
    except EditStartError as exc:
        raise EditorError(str(exc)) from None


_COMMANDS = {"new": _new, "translate": _translate, "move": _move, "check": _check,
             "status": _status, "publish": _publish, "edit": _edit}


def _mark(item: BundleStatus, code: str) -> str:
    version = item.versions.get(code)
    if version is None:
        return "-".ljust(len(code))
    return ("~" if version.pending else "✓").ljust(len(code))


def _publication(item: BundleStatus, codes: tuple[str, ...]) -> str:
    """"vi published, en draft": whether each language is on the site."""
    return ", ".join(f"{code} {item.versions[code].publication}" for code in codes
                     if code in item.versions)


def _note(item: BundleStatus, site: Site) -> str:
    if item.state == "stale" and item.missing_corrections:
        lacking, having, when = item.missing_corrections[0]
        more = len(item.missing_corrections) - 1
        return (f"{having} has a correction of {when} that {lacking} lacks"
                + (f" (and {more} more)" if more else ""))
    if item.state == "stale" and item.source:
        source = item.versions[item.source]
        others = [v for c, v in item.versions.items() if c != item.source]
        older = ", ".join(f"{v.lang} {_when(v.changed, site)}" for v in others
                          if v.changed < source.changed)
        return f"{item.source} changed {_when(source.changed, site)}, after {older}"
    if item.state == "pending":
        return "translation: pending in " + ", ".join(
            v.path.rsplit("/", 1)[-1] for v in item.versions.values() if v.pending)
    return ""


def _status_json(item: BundleStatus, site: Site) -> dict[str, object]:
    return {
        "bundle": item.bundle, "state": item.state, "source": item.source,
        "versions": {code: {"path": v.path, "title": v.title, "pending": v.pending,
                            "publication": v.publication, "reason": v.reason,
                            "changed": _iso(v.changed, site), "added": _iso(v.added, site),
                            "corrections": list(v.corrections)}
                     for code, v in item.versions.items()},
        "missing_corrections": [{"lacking": lacking, "in": having, "date": when}
                                for lacking, having, when in item.missing_corrections],
    }


def _iso(stamp: float, site: Site) -> str:
    return iso(dt.datetime.fromtimestamp(int(stamp), dt.UTC).astimezone(site.settings.tz))


def _when(stamp: float, site: Site) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.UTC).astimezone(site.settings.tz).strftime(
        "%Y-%m-%d %H:%M")


def _line(problem: Problem) -> str:
    """``path:line: message`` for errors, ``path:line: warning: message`` for warnings."""
    if problem.is_error:
        return str(problem)
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return f"{where}: warning: {problem.message}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)


def _default_author() -> str:
    """The author when --author is not given: TOASOAN_AUTHOR, else asked (on a terminal).

    Never guessed (git's user.name is often a login, not the name a paper prints)."""
    name = os.environ.get("TOASOAN_AUTHOR", "").strip()
    if name:
        return name
    if sys.stdin.isatty() and sys.stderr.isatty():
        try:
            return input("Tác giả / Author: ").strip()
        except EOFError:
            return ""
    raise EditorError('give the author: --author "Trần Thị Đào" (or set TOASOAN_AUTHOR '
                      "to your name once)")


def _utf8_output() -> None:
    """Vietnamese text must not crash a terminal set to ASCII."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
