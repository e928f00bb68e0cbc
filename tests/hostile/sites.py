"""Sites made of the hostile corpus: one of everything ``toasoan check`` accepts, and ones
of everything it refuses, built with the real mkdocs.yml, hooks and templates.

- :func:`accepted_site`: every accepted body (packed a few to an article, in both
  languages, with and without a lead; a static page per language), and every text
  payload in every front-matter field that takes text, and in static pages.
- :func:`refused_project`: one article per refused body (its path names the body), plus
  the refused field values; built, each must be named ``path:line``.

Which input goes where is decided by ``toasoan check`` itself (toasoan.editor.check on
the written project), never assumed; the build must then agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toasoan.content import scan
from toasoan.editor import check
from toasoan.site_config import read_site

from .corpus import PHOTO, TEXT_PAYLOADS, Snippet, field_values
from .verdicts import judge, verdicts

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
from conftest import Project, new_project  # noqa: E402

MAX_PER_ARTICLE = 20


@functools.cache
def _photo_bytes() -> bytes:
    from conftest import _tiny_jpeg

    return _tiny_jpeg()


@dataclass
class Placed:
    """Where a piece of the corpus was written: docs-relative path, first and last line."""

    name: str
    rel: str
    first: int
    last: int


@dataclass
class CorpusProject:
    project: Project
    placed: list[Placed] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # path -> check's errors

    def article(self, rel_bundle: str, lang: str, body: str, names: list[str], **meta) -> None:
        path = self.project.article(rel_bundle, lang, body=body, **meta)
        if not (path.parent / PHOTO).exists():
            (path.parent / PHOTO).write_bytes(_photo_bytes())
        text = path.read_text("utf-8")
        rel = path.relative_to(self.project.docs).as_posix()
        start = text.index("\n---\n") + 5
        first = text[:start].count("\n") + 2  # the blank line after '---', then the body
        self.placed += [Placed(name, rel, first, text.count("\n")) for name in names]

    def refused_by_check(self, now: dt.datetime) -> dict[str, list[str]]:
        """docs-relative path -> the errors ``toasoan check`` gives for it."""
        self.project.write_config()
        site = read_site(self.project.root / "mkdocs.yml")
        found: dict[str, list[str]] = {}
        docs = site.shown(site.docs_dir) + "/"
        for problem in check(site, now=now).errors:
            found.setdefault(problem.path.removeprefix(docs), []).append(str(problem))
        return found


def _pack(accepted: list[Snippet]) -> list[list[Snippet]]:
    """Accepted bodies, a few to an article, each group still accepted as a whole (a
    fence left open in one body swallows the next: the group is judged as written)."""
    groups: list[list[Snippet]] = []
    current: list[Snippet] = []
    for snippet in accepted:
        trial = [*current, snippet]
        if len(trial) <= MAX_PER_ARTICLE and not judge(_joined(trial)).refused:
            current = trial
        else:
            if current:
                groups.append(current)
            current = [snippet]
    if current:
        groups.append(current)
    return groups


def _joined(snippets: list[Snippet]) -> Snippet:
    parts = [f"{s.body}\n\nHết mẫu {i}." for i, s in enumerate(snippets)]
    return Snippet("+".join(s.name for s in snippets), "\n\n".join(parts))


def _check_now() -> dt.datetime:
    from conftest import NOW_EPOCH

    return dt.datetime.fromtimestamp(NOW_EPOCH, dt.UTC)


def _first_pass_errors(corpus: CorpusProject) -> set[str]:
    """docs-relative paths the build's first pass over docs/ (toasoan.content.scan) refuses."""
    corpus.project.write_config()
    site = read_site(corpus.project.root / "mkdocs.yml")
    docs = site.shown(site.docs_dir) + "/"
    return {p.path.removeprefix(docs) for p in scan(site.docs_dir, site.settings, root=site.root).errors}


def accepted_by_check(root: Path) -> list[Snippet]:
    """The bodies the pre-check and the renderer accept that the first pass over the files
    accepts too (it also looks at photos and characters in the file): each written as
    its own article, scanned once."""
    stage = CorpusProject(new_project(root))
    candidates = [v.snippet for v in verdicts() if not v.refused]
    for index, snippet in enumerate(candidates):
        stage.article(f"2026/{index:04d}", ("vi", "en")[index % 2], snippet.body, [snippet.name])
    refused = _first_pass_errors(stage)
    names = {p.name for p in stage.placed if p.rel in refused}
    return [snippet for snippet in candidates if snippet.name not in names]


def accepted_site(root: Path) -> CorpusProject:
    """The project of everything ``toasoan check`` accepts (written, not built): bodies
    packed a few to an article, field values, static pages. What check refuses is left
    out (``left_out``), checking again until it refuses nothing (site-wide problems, such
    as two categories with one address, are looked for once the files are sound)."""
    bodies = accepted_by_check(root / "stage")
    corpus = CorpusProject(new_project(root / "site-src"))
    groups = _pack(bodies)
    for index, group in enumerate(groups):
        lang = ("vi", "en")[index % 2]
        bundle = f"2026/mau-{index // 2:03d}"
        joined = _joined(group)
        # Half the articles without a lead: their first paragraph becomes it (meta, feeds).
        meta = {"lead": f"Sapo {index}"} if index % 4 >= 2 else {}
        corpus.article(bundle, lang, joined.body, [s.name for s in group], **meta)
    _fields(corpus)
    _static_pages(corpus, groups)
    # Files the first pass refuses first (bad characters in a field), then what check
    # refuses of the rest (site-wide problems are looked for once the files are sound).
    _leave_out(corpus, {rel: ["first pass"] for rel in _first_pass_errors(corpus)})
    _leave_out(corpus, corpus.refused_by_check(_check_now()))
    return corpus


def _leave_out(corpus: CorpusProject, refused: dict[str, list[str]]) -> None:
    """Remove the refused files, with the other languages of a refused article (a
    translation names its original)."""
    gone = set(refused)
    for rel in refused:
        if rel.startswith("news/"):
            bundle = rel.rsplit("/", 1)[0] + "/"
            gone |= {p.rel for p in corpus.placed if p.rel.startswith(bundle)}
    for rel in gone:
        (corpus.project.docs / rel).unlink(missing_ok=True)
    corpus.left_out.update({rel: refused.get(rel, ["its translation was refused"]) for rel in gone})
    corpus.placed = [p for p in corpus.placed if p.rel not in gone]


_BUILT: dict[str, tuple[CorpusProject, object]] = {}


def built_accepted_site(tmp_path_factory) -> tuple[CorpusProject, object]:
    """The accepted site, built once per test session (the build and browser tests share it)."""
    if "accepted" not in _BUILT:
        corpus = accepted_site(tmp_path_factory.mktemp("hostile-accepted"))
        # Not --strict: MkDocs warns about relative links whose target is not a file (an
        # attacker's "link" is one); its warnings are not this corpus' concern.
        _BUILT["accepted"] = (corpus, corpus.project.build(strict=False))
    return _BUILT["accepted"]


def _fields(corpus: CorpusProject) -> None:
    """Every text payload in every field that takes text; languages alternate (the
    templates are the same), and each English one is a translation of a Vietnamese one."""
    for index, (name, text) in enumerate(TEXT_PAYLOADS.items()):
        bundle = f"2026/truong-{name.replace('_', '-')}"
        body = f'Nội dung {name}.\n\n![Ảnh]({PHOTO} "Chú thích")'
        corpus.article(bundle, "vi", body, [f"field-{name}"], **field_values(name, text), image=PHOTO)
        if index % 2:
            corpus.article(bundle, "en", body, [f"field-{name}"], **field_values(name, text),
                           image=PHOTO, translation_of="vi")


def _static_pages(corpus: CorpusProject, groups: list[list[Snippet]]) -> None:
    """A static page per text payload (title and description), holding accepted bodies."""
    project = corpus.project
    for index, (name, text) in enumerate(TEXT_PAYLOADS.items()):
        lang = ("vi", "en")[index % 2]
        body = _joined(groups[index % len(groups)]).body
        front = yaml.safe_dump({"title": f"Trang {text}", "description": f"Mô tả {text}"},
                               allow_unicode=True)
        path = project.write(f"trang-{name.replace('_', '-')}.{lang}.md", f"---\n{front}---\n\n{body}\n")
        first = front.count("\n") + 4
        corpus.placed.append(Placed(f"page-{name}", path.relative_to(project.docs).as_posix(),
                                    first, first + body.count("\n")))


def refused_projects(root: Path) -> tuple[CorpusProject, CorpusProject, CorpusProject]:
    """(refused by the first pass over docs/, refused once rendered in vi, in en): one
    article per refused body.

    The build stops after its first pass over docs/ when that finds errors, and checks a
    language's rendered text before the next language is built: three builds show every
    refusal. Which pass refuses a body is found out by running the first pass
    (toasoan.content.scan) over them all."""
    early = CorpusProject(new_project(root / "early"))
    late = {lang: CorpusProject(new_project(root / f"late-{lang}")) for lang in ("vi", "en")}
    refused = [v.snippet for v in verdicts() if v.refused]
    for index, snippet in enumerate(refused):
        bundle = f"2026/{index:04d}-{snippet.slug}"[:120]
        early.article(bundle, ("vi", "en")[index % 2], f"Đoạn mở đầu.\n\n{snippet.body}", [snippet.name])
    first_pass = _first_pass_errors(early)
    kept = []
    for index, (placed, snippet) in enumerate(zip(early.placed, refused, strict=True)):
        if placed.rel in first_pass:
            kept.append(placed)
            continue
        (early.project.docs / placed.rel).unlink()
        bundle = placed.rel.split("/", 1)[1].rsplit("/", 1)[0]
        body = f"Đoạn mở đầu.\n\n{snippet.body}"
        late["vi"].article(bundle, "vi", body, [snippet.name])
        if index % 8 == 0:  # the English build refuses alike: a sample keeps it short
            late["en"].article(bundle, "en", body, [snippet.name])
    early.placed = kept
    for name, text in TEXT_PAYLOADS.items():
        early.article(f"2026/truong-{name.replace('_', '-')}", "vi", "Nội dung.", [f"field-{name}"],
                      **field_values(name, text))
    for name, value in {"translation": "sắp xong", "translation_of": "fr"}.items():
        early.article(f"2026/dich-{name.replace('_', '-')}", "en", "Content.", [f"field-{name}"],
                      **{name: value})
    return early, late["vi"], late["en"]
