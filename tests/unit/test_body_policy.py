"""The Markdown body policy: raw HTML, dangerous URLs, attributes and nesting in articles."""

from __future__ import annotations

import markdown
import pytest

from toasoan import body_policy
from toasoan.body_policy import check, mask_code, unsafe_scheme

EXTENSIONS = ["toc", "attr_list", "md_in_html", "pymdownx.blocks.caption"]


def messages(body: str) -> list[str]:
    return [message for _, message in check(body)]


@pytest.mark.parametrize("body, expected", [
    ("<script>alert(1)</script>", "scripts are not allowed"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "scripts are not allowed"),
    ('<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>', "embedded frames"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<form action="https://evil.example/"><input name=p></form>', "forms are not allowed"),
    ("<style>body{display:none}</style>", "style sheets are not allowed"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link> is not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta> is not allowed"),
    ('<base href="https://evil.example/">', "<base> is not allowed"),
    ('<svg><script>alert(1)</script></svg>', "inline SVG"),
    ("<marquee>x</marquee>", "raw HTML <marquee> is not allowed"),
])
def test_forbidden_tags_are_refused(body, expected):
    assert any(expected in m for m in messages(body)), messages(body)


@pytest.mark.parametrize("body", [
    '<img src="a.jpg" onerror="alert(1)">',
    "<img/src=x/onerror=alert(1)>",
    '<a href="#" ONCLICK="alert(1)">x</a>',
    '<img alt="a>b" onerror=alert(1)>',  # a quoted '>' does not end the tag for a browser
    '<img alt="a<b" src=x onerror=alert(1)>',
    '<div\nonmouseover="alert(1)">x</div>',
    "<img src=x alt=a'b onerror=alert(1)>",  # a quote inside an unquoted value opens nothing
])
def test_event_handler_attributes_are_refused(body):
    assert any("event handler" in m for m in messages(body)), messages(body)


@pytest.mark.parametrize("body, scheme", [
    ("[bấm vào đây](javascript:alert(1))", "javascript:"),
    ("[x](JaVaScRiPt:alert(1))", "javascript:"),
    ("[x](<javascript:alert(1)>)", "javascript:"),
    ("[x](&#106;avascript:alert(1))", "javascript:"),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data:"),
    ("[x][ref]\n\n[ref]: vbscript:msgbox(1)", "vbscript:"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "javascript:"),
    ('<a href=" javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
])
def test_dangerous_url_schemes_are_refused(body, scheme):
    assert any(f'"{scheme}" URL' in m for m in messages(body)), messages(body)


@pytest.mark.parametrize("body, expected", [
    ('[x](https://example.org){onclick="alert(1)"}', 'event handler "onclick"'),
    ("Đoạn văn.\n{: onmouseover=alert(1) }", 'event handler "onmouseover"'),
    ('![a](a.jpg){style="background:url(https://tracker.example/p.gif)"}', "sets style"),
    ('[x](https://example.org){href="javascript:alert(1)"}', '"javascript:" URL'),
    ('[x](https://example.org){data-bg="url(https://tracker.example/)"}', "loads a URL"),
])
def test_attr_list_handlers_styles_and_urls_are_refused(body, expected):
    assert any(expected in m for m in messages(body)), messages(body)


def test_target_blank_needs_noopener_noreferrer():
    assert any("noopener noreferrer" in m for m in messages('<a href="https://x.org" target="_blank">x</a>'))
    assert any("noopener noreferrer" in m for m in messages("[x](https://x.org){target=_blank}"))
    assert messages('<a href="https://x.org" target="_blank" rel="noopener noreferrer">x</a>') == []


def test_findings_carry_the_file_line():
    body = "Đoạn một.\n\nĐoạn hai <script>x()</script>\n\n[a](javascript:b)\n"
    assert check(body, first_line=8) == [
        (10, "scripts are not allowed in articles"),
        (12, 'link to a "javascript:" URL is not allowed: javascript:b'),
    ]


def test_code_is_not_checked():
    body = ("Viết `<script>alert(1)</script>` để chèn mã; ``[x](javascript:y)`` cũng vậy.\n\n"
            "```html\n<iframe src=\"https://x\"></iframe>\n<a onclick=\"x()\">\n```\n\n"
            "~~~~\n<style>\n~~~~\n")
    assert check(body) == []
    assert mask_code("a `<b>` c\n```\n<x>\n```\nd").split("\n") == ["a       c", "", "", "", "d"]


def test_the_documented_safe_set_passes():
    body = """
    Ông **Nguyễn Văn A** nói: "Cầu *mới* > cầu cũ" — xem [bản đồ](https://example.org/map?a=1&b=2)
    hoặc [trang trước](../khac/) và <abbr title="Ủy ban nhân dân">UBND</abbr>.

    ![Cầu Sông Lam](cau.jpg "Cầu nhìn từ bờ nam"){ loading=lazy width=640 }

    <figure markdown>
    ![Toàn cảnh](toan-canh.jpg)
    <figcaption>Toàn cảnh <em>buổi lễ</em></figcaption>
    </figure>

    <table><tr><th scope="col">Năm</th><td colspan="2">2026</td></tr></table>

    > Trích dẫn
    >> lồng hai cấp

    - mục
        - mục con {: .note #ghi-chu }

    Giá 10 {đồng}; dữ liệu: data: 5; JavaScript: ngôn ngữ lập trình.

    ***
    """
    import textwrap

    assert check(textwrap.dedent(body)) == []


@pytest.mark.parametrize("scheme_text, expected", [
    ("javascript:alert(1)", "javascript:"),
    ("  JAVA\nSCRIPT:x", "javascript:"),
    ("&#x6A;&#x61;vascript:x", "javascript:"),
    ("java\\script:x", "javascript:"),
    ("https://example.org/javascript:x", None),
    ("photo.jpg", None),
    ("mailto:toasoan@example.org", None),
])
def test_unsafe_scheme_reads_urls_like_a_browser(scheme_text, expected):
    assert unsafe_scheme(scheme_text) == expected


@pytest.mark.parametrize("body", [
    "> " * 5000 + "x",
    "".join("    " * i + "- a\n" for i in range(40)),
    "".join("> " * i + "- a\n" for i in range(40)),
])
def test_deep_nesting_is_refused_once(body):
    found = messages(body)
    assert found == [f"quotes or lists are nested more than {body_policy.MAX_NESTING} levels deep"]


def test_long_emphasis_runs_are_refused_but_rules_are_not():
    assert "more than 64 '*' or '_' in a row" in messages("*" * 2000 + "x" + "*" * 2000)
    assert messages("*" * 200) == []  # a thematic break, however long


def test_many_brackets_in_one_paragraph_or_article_are_refused():
    assert messages("[" * 20000) == ["more than 200 '[' or '<' in one paragraph; split it"]
    assert messages("<a " * 5000) == ["more than 200 '[' or '<' in one paragraph; split it"]
    many_paragraphs = "\n\n".join(["[" * 150] * 150)
    assert messages(many_paragraphs) == ["more than 20,000 '[' or '<' in the article"]


def test_what_the_policy_accepts_renders_within_the_limits():
    """Just under each limit, Python-Markdown renders without RecursionError."""
    nested = "".join("    " * i + "- a\n" for i in range(body_policy.MAX_NESTING))
    emphasis = "*" * body_policy.MAX_EMPHASIS_RUN + "x" + "*" * body_policy.MAX_EMPHASIS_RUN
    brackets = "[" * body_policy.MAX_BRACKETS_PER_BLOCK
    for body in (nested, emphasis, brackets, "> " * body_policy.MAX_NESTING + "x"):
        assert check(body) == []
        markdown.markdown(body, extensions=EXTENSIONS)


@pytest.mark.parametrize("body", [
    "*" * 3000 + "x" + "*" * 3000,  # RecursionError in Python-Markdown, unbounded
    "- + " * 3000 + "x",  # a list in a list... on one line
    "1. " * 3000 + "x",
    '<div markdown="1">\n' * 3000 + "x\n" + "</div>\n" * 3000,
    "*a* _b_ " * 110_000,  # 880 KB of emphasis: minutes of inline parsing
])
def test_inputs_that_break_the_renderer_are_refused_before_it(body):
    """Each of these kills or stalls Python-Markdown; the policy stops it first, and
    what it lets through renders (the limits are below the renderer's breaking points)."""
    assert check(body), "refused"


def test_inputs_just_under_the_limits_render():
    from toasoan.render import Renderer

    renderer = Renderer()
    for body in ("- " * 16 + "x", "> " * 16 + "x", "*a* " * 200, "<div>" * 32 + "x" + "</div>" * 32):
        assert check(body) == [], body
        assert renderer.render(body)


@pytest.fixture
def hang_guard():
    """Fail instead of hanging: the inputs below took minutes before the fix (~0.1 s after)."""
    import signal

    def hung(*_):
        raise AssertionError("still running after 30 s: quadratic on hostile input")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("body", [
    "[" * 200_000,
    "![" * 100_000,
    "a " + "<" * 200_000,
    "[a](" * 50_000,
    "".join("`" * n + " x " for n in range(1, 600)),
])
def test_validation_is_linear_on_hostile_runs(hang_guard, body):
    """The check's cost grows with the input, not with its square: a quarter of the input
    takes about a quarter of the time (quadratic: a sixteenth)."""
    import time

    from toasoan import content

    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            check(text)
            content._lead_from_body(text)
            list(content._IMAGE.finditer(text))
            best = min(best, time.process_time() - started)
        return best

    quarter = body[: len(body) // 4]
    full, small = cost(body), cost(quarter)
    assert full < 0.5 or full < 10 * max(small, 0.005), (full, small)


def test_a_crowded_paragraph_is_reported_at_its_first_line():
    body = "Mở đầu.\n   \n" + "chữ\n" + "[" * 201 + "\n\n" + "<a " * 201
    assert check(body, first_line=5) == [
        (7, "more than 200 '[' or '<' in one paragraph; split it"),
        (10, "more than 200 '[' or '<' in one paragraph; split it"),
    ]


def test_caption_block_attrs_cannot_set_handlers_styles_or_yaml_aliases():
    """pymdownx blocks turn `attrs:` into HTML attributes, and read the options with
    YAML aliases allowed: `<figure onclick="alert(1)">` or a billion laughs at render."""
    rendered = markdown.markdown(
        '![a](b.jpg)\n/// caption\n    attrs: {onclick: "alert(1)"}\nChú thích\n///',
        extensions=EXTENSIONS)
    assert 'onclick="alert(1)"' in rendered  # what the policy prevents
    assert check('![a](b.jpg)\n/// caption\n    attrs: {onclick: "alert(1)", style: "x"}\nChú thích\n///') == [
        (3, 'block option attrs may only set class and id, not "onclick"'),
        (3, 'block option attrs may only set class and id, not "style"'),
    ]
    assert check("/// caption\n    attrs:\n        'onmouseover': alert(1)\nC\n///") == [
        (3, 'block option attrs may only set class and id, not "onmouseover"')]
    assert (2, "YAML anchors, aliases and tags (& * !) are not allowed in block options") in check(
        "/// caption\n    attrs: &a {class: x}\n    type: *a\nC\n///")
    assert check("![a](b.jpg)\n/// caption\n    attrs: {class: rong, id: anh-1}\nChú thích: 5 người\n///") == []


def test_an_angle_bracket_link_destination_is_a_url_not_a_tag():
    assert check('![Ảnh](<anh cau moi.jpg>) [x](<tai lieu.pdf>)') == []
    assert messages("![x](<javascript:alert(1)>)") == ['link to a "javascript:" URL is not allowed: javascript:alert(1)']
