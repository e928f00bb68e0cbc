"""The hostile corpus, differential (issue 15): every body goes through the Markdown
pre-check and the real renderer; whatever the renderer turns into HTML outside the
allow-list must be refused by what ``toasoan check`` runs, at a line of the body, and
whatever check accepts must pass a second, independent HTML5 parser and allow-list.

The corpus is generated (tests/hostile/corpus.py): payloads × contexts, URLs × the ways
Markdown writes them, attribute lists, block options, resource limits.
"""

from __future__ import annotations

import functools

import pytest
from hostile import corpus
from hostile.second_opinion import article_problems
from hostile.verdicts import judge, verdicts


def test_the_corpus_crosses_every_payload_with_every_context():
    names = {v.snippet.name for v in verdicts()}
    assert len(names) == len(verdicts()) > 2_500
    for payload in corpus.HTML_PAYLOADS:
        for context in corpus.CONTEXTS:
            assert f"{payload}@{context}" in names


def test_every_body_rendered_outside_the_allow_list_is_refused_by_check():
    let_through = [(v.snippet.name, v.outside[:2]) for v in verdicts() if v.outside and not v.refused]
    assert let_through == []


def test_what_only_the_rendered_check_catches_is_named_at_a_line_of_the_body():
    caught_late = [v for v in verdicts() if v.caught_only_by_rendering]
    # The pre-check alone is not what security rests on: the corpus proves it misses some.
    assert len(caught_late) > 100
    for verdict in caught_late:
        lines = verdict.snippet.body.count("\n") + 1
        assert verdict.check, verdict.snippet.name
        assert all(line is not None and 1 <= line <= lines for line, _ in verdict.check), \
            (verdict.snippet.name, verdict.check)


def test_the_issue_inputs_that_passed_the_old_pre_check_are_refused():
    for name in ("md-issue_redirect_line@raw", "md-issue_div_in_backticks@raw",
                 "md-issue_noscript_open_fence@raw", "meta_refresh@fence_unclosed",
                 "meta_refresh@fence_indented", "meta_refresh@fence_odd_info",
                 "noscript_trick@fence_unclosed", "svg_title_breakout@fence_unclosed",
                 "comment_trick@fence_unclosed", "base@fence_unclosed", "form@fence_unclosed",
                 "iframe_srcdoc@fence_unclosed", "link_preconnect@fence_unclosed",
                 "link_dns_prefetch@fence_unclosed"):
        verdict = next(v for v in verdicts() if v.snippet.name == name)
        assert verdict.refused, name


def test_every_accepted_body_passes_a_second_html5_parser_and_allow_list():
    accepted = [v for v in verdicts() if not v.refused]
    assert len(accepted) > 300
    disagree = [(v.snippet.name, second_opinion(v.html)) for v in accepted
                if v.html is None or second_opinion(v.html)]
    assert disagree == []


def test_what_the_second_opinion_finds_the_package_finds_too():
    """html5lib and lexbor parse the same HTML; the package may be stricter, never laxer."""
    laxer = [(v.snippet.name, second_opinion(v.html)) for v in verdicts()
             if v.html is not None and not v.outside and second_opinion(v.html)]
    assert laxer == []


@functools.cache
def second_opinion(html: str) -> tuple[str, ...]:
    return tuple(article_problems(html))


@pytest.mark.parametrize("body", [
    "## News of the day\n\nThe council met.",  # an id from the heading: news-of-the-day
    "## MD Anderson opens a clinic",
    "| Mặt hàng | Giá |\n|:---|---:|\n| Gạo | 12.000 |",  # aligned columns
    "- một\n- hai\n\n1. ba\n2. bốn",
    "> Trích dẫn\n>\n> — Ông A",
    "[Báo](https://example.org/) và [thư](mailto:toasoan@example.org) hay [gọi](tel:+84123)",
    f"![Cầu Sông Lam]({corpus.PHOTO} \"Chú thích\")",
    f"![Ảnh]({corpus.PHOTO})\n\n/// caption\nChú thích *nghiêng*\n///",
    "```python\nprint('<script>')\n```\n\nMã `<b>` trong câu.",
    '<div markdown="1">\n\n**Hộp thông tin**\n\n</div>',
    "Chữ H~2~O, <sup>2</sup>, <abbr title=\"Ủy ban nhân dân\">UBND</abbr>, <mark>nổi bật</mark>",
])
def test_ordinary_journalism_is_not_refused(body):
    verdict = judge(corpus.Snippet("ordinary", body))
    assert not verdict.refused, verdict.check
    assert article_problems(verdict.html) == []
