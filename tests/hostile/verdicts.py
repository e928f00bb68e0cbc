"""What ``toasoan check`` decides about each body of the corpus, and why.

The two checks ``toasoan check`` runs on a body (the same as the build): the fast Markdown
pre-check (:func:`toasoan.body_policy.check`) and the allow-list over what the real
renderer produced (:func:`toasoan.editor.rendered_problems`). Bodies are sorted by what
really happens, never by what the corpus expected.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from toasoan import body_policy
from toasoan.allowlist import article_violations
from toasoan.editor import rendered_problems
from toasoan.render import Renderer, RenderError
from toasoan.site_config import read_site

from .corpus import Snippet, body_snippets

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Verdict:
    snippet: Snippet
    pre_check: tuple[tuple[int, str], ...]  # (line, message) of the Markdown pre-check
    html: str | None  # what the renderer made of it (None: it could not render it)
    outside: tuple[str, ...]  # what the renderer made outside the allow-list
    check: tuple[tuple[int | None, str], ...]  # everything `toasoan check` says about it

    @property
    def refused(self) -> bool:
        return bool(self.check)

    @property
    def caught_only_by_rendering(self) -> bool:
        """Unsafe once rendered, yet the pre-check alone would have let it through."""
        return bool(self.outside) and not self.pre_check


@functools.cache
def renderer() -> Renderer:
    """The renderer of the repository's site (its mkdocs.yml Markdown extensions)."""
    return Renderer(read_site(REPO / "mkdocs.yml").markdown)


def judge(snippet: Snippet, first_line: int = 1) -> Verdict:
    """Run ``snippet`` through what ``toasoan check`` runs on a body."""
    pre = tuple(body_policy.check(snippet.body, first_line))
    try:
        html: str | None = renderer().render(snippet.body)
        outside = tuple(str(v) for v in article_violations(html))
    except RenderError as exc:
        html, outside = None, (str(exc),)
    # What check says of the rendered body: the same renderer and allow-list as above, so
    # asked only when the allow-list found something (a render of a clean body finds nothing).
    rendered: tuple[tuple[int | None, str], ...] = ()
    if outside:
        rendered = tuple((p.line, p.message)
                         for p in rendered_problems(renderer(), "x.md", snippet.body, first_line))
    return Verdict(snippet, pre, html, outside, pre + rendered)


@functools.cache
def verdicts() -> tuple[Verdict, ...]:
    """Every body of the corpus, judged."""
    return tuple(judge(snippet) for snippet in body_snippets())
