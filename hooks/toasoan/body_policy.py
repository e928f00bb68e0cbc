"""What an article's Markdown body may contain: raw HTML, URLs, attributes, nesting.

Articles are untrusted input: Python-Markdown passes raw HTML, ``javascript:``
links and ``attr_list`` attributes (``{onclick=...}``) straight to the page. This
module reads the Markdown source and reports every construct outside the safe set
as ``(line, message)``; the build refuses the article (ALLOWED_HTML.md lists what may be used).

- Raw HTML: only the tags in :data:`ALLOWED_TAGS` with the attributes in
  :data:`ALLOWED_ATTRIBUTES` (those of the article allow-list). No ``<script>``, ``<iframe>`` (not even
  video embeds: they make readers' browsers contact another site), ``<style>``,
  forms, ``<object>``/``<embed>``, ``<link>``/``<meta>``/``<base>``, no ``on*=``, no
  ``style=``.
- URLs in Markdown links/images, reference definitions, HTML and ``{...}``
  attributes: no ``javascript:``, ``vbscript:`` or ``data:`` (entities and
  whitespace inside the scheme are seen through, as browsers do).
- ``target=`` only together with ``rel="noopener noreferrer"``.
- Nesting and bracket counts are bounded: Python-Markdown hits RecursionError on
  ~1,000 nested lists or ~2,000 ``*`` in a row, and slows quadratically on
  thousands of ``[`` or ``<`` in one paragraph.

Code is skipped: fenced blocks (```` ``` ````/``~~~``) and inline code spans. This is a
fast first pass with messages at the right line, not what security rests on: Python-Markdown
decides what is code differently in places (a fence left open, indented, or with an odd
info string), and the allow-list over the rendered HTML (:mod:`toasoan.allowlist`, applied
by the build and by ``toasoan check``) refuses whatever comes out of those.
"""

from __future__ import annotations

import bisect
import html
import re
from urllib.parse import urlsplit

from .allowlist import ARTICLE

MAX_NESTING = 16  # blockquote markers + list indentation levels (4 columns each)
MAX_EMPHASIS_RUN = 64  # '*' or '_' in a row (2,000 hit RecursionError while rendering)
MAX_BRACKETS_PER_BLOCK = 200  # '[' or '<' in one paragraph (cost grows quadratically)
MAX_BRACKETS = 20_000  # in the whole article
# Python-Markdown's inline parsing grows about quadratically with the markup in one
# paragraph: 880 KB of "*a* _b_" on one line took minutes. Real paragraphs hold a few dozen.
MAX_INLINE_MARKS_PER_BLOCK = 1_000  # '*', '_', '`' and '~' in one paragraph
MAX_BLOCK_CHARS = 50_000  # characters in one paragraph (a block without blank lines)
MAX_HTML_DEPTH = 32  # raw HTML elements inside each other (<div markdown="1"> recurses)
MAX_REPORTS = 100  # problems listed for one text; the rest are counted
MAX_FENCE_LINES = 100  # ``` or ~~~ lines: 50 code blocks

# Raw HTML an article may write: the article allow-list (toasoan.allowlist.ARTICLE, applied
# to the rendered HTML), so that this first pass never refuses what ALLOWED_HTML.md allows,
# plus md_in_html's markdown="1".
ALLOWED_TAGS = frozenset(ARTICLE.elements)
ALLOWED_ATTRIBUTES = frozenset({*ARTICLE.global_attributes, "markdown"}.union(*ARTICLE.elements.values()))
URL_ATTRIBUTES = frozenset({
    "action", "background", "cite", "data", "formaction", "href", "longdesc", "poster",
    "src", "srcset", "xlink:href",
})
_WHY = {
    "script": "scripts are not allowed in articles",
    "iframe": "embedded frames are not allowed (the reader's browser would contact another "
              "site); link to the video instead",
    "frame": "frames are not allowed",
    "style": "style sheets are not allowed in articles; the site's design applies",
    "link": "<link> is not allowed in articles",
    "meta": "<meta> is not allowed in articles",
    "base": "<base> is not allowed in articles (it would redirect every link)",
    "object": "plug-in content (<object>) is not allowed",
    "embed": "plug-in content (<embed>) is not allowed",
    "form": "forms are not allowed in articles",
    "svg": "inline SVG is not allowed (it can carry scripts); save it as a photo file",
    "math": "inline MathML is not allowed",
}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")

_BACKTICKS = re.compile(r"(?<!\\)`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Quoted attribute values may hold '<' and '>': a browser reads past them. A quote opens
# a value only right after '=' (elsewhere a browser takes it as part of a name).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>]|$)"""
                  r"""((?:=\s*"[^"]*"|=\s*'[^']*'|[^<>=]|=){0,4000}+)""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_LOOSE_HANDLER = re.compile(r"""(?:^|[\s/"'])on[a-z]+\s*=""", re.IGNORECASE)
# A link destination in angle brackets, [text](<photo name.jpg>): a URL, not a tag, but only
# after a [text]; "](<meta ...>)" alone is no link, and its <meta> is HTML to the renderer.
_ANGLE_DESTINATION = re.compile(r"(?<=\]\()\s*<[^<>\n]*>")
_LINKED_ANGLE_DESTINATION = re.compile(r"(\[[^\[\]\n]*\]\()(\s*<[^<>\n]*>)")
_MD_LINK = re.compile(r"\]\(\s*(?!<)([^\s)>]*)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_LIST_PAIR = re.compile(r"""([^\s={}]+)=("[^"]*"|'[^']*'|[^\s}]+)""")
_BLOCK_HEADER = re.compile(r"^[ \t]*/{3,}[ \t]*[A-Za-z][\w-]*")
_YAML_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,:])[&*!][^\s,\]}]")
_YAML_KEY = re.compile(r"""["']?([A-Za-z_][\w:.-]*)["']?\s*:(?:\s|$)""")
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,3}>)+")
_EMPHASIS_RUN = re.compile(rf"\*{{{MAX_EMPHASIS_RUN + 1},}}|_{{{MAX_EMPHASIS_RUN + 1},}}")
_THEMATIC_BREAK = re.compile(r"^[ \t]*([*_])(?:[ \t]*\1)*[ \t]*$")
# List markers opening a line, possibly several ("- + - x" is a list in a list in a list).
_LIST_MARKERS = re.compile(r"^(?:[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+)+")
_ONE_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_INLINE_MARKS = re.compile(r"[*_`~]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def check(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Every construct of ``body`` outside the safe set, as (file line, message); after
    :data:`MAX_REPORTS` of them, one line says how many more there are."""
    fenced = mask_fences(body)
    text = _mask_spans(fenced)
    found: dict[tuple[int, str], None] = {}
    # Line numbers by bisection: counting newlines for each problem was quadratic (900 KB
    # of "a<b " took a minute before anything was said).
    newlines = [m.start() for m in re.finditer("\n", text)]
    more = 0

    def report(offset: int, message: str) -> None:
        nonlocal more
        key = (first_line + bisect.bisect_left(newlines, offset), message)
        if key in found:
            return
        if len(found) < MAX_REPORTS:
            found[key] = None
        else:
            more += 1

    # Limits bound the renderer's work: counted on everything but real fenced blocks (a
    # backtick span that the renderer reads otherwise costs it as much as text).
    _check_limits(fenced, body, report)
    _check_tags(_LINKED_ANGLE_DESTINATION.sub(lambda m: m.group(1) + " " * len(m.group(2)), text),
                report)
    for match in _MD_LINK.finditer(text):
        _check_url(match.group(1), match.start(1), "link", report)
    for match in _REF_DEF.finditer(text):
        _check_url(match.group(1), match.start(1), "link", report)
    for match in _ANGLE_DESTINATION.finditer(text):
        _check_url(match.group(0).strip().strip("<>"), match.start(), "link", report)
    _check_attr_lists(text, report)
    _check_block_options(text, report)
    listed = sorted(found)
    if more:
        listed.append((listed[-1][0], f"... and {more:,} more problems like the above in this text"))
    return listed


def mask_code(body: str) -> str:
    """``body`` with fenced code blocks and inline code spans blanked (lines kept)."""
    return _mask_spans(mask_fences(body))


def mask_fences(body: str) -> str:
    """``body`` with the fenced code blocks the renderer will find blanked (lines kept)."""
    lines = body.split("\n")
    for start, end in fenced_blocks(lines):
        lines[start:end + 1] = [""] * (end + 1 - start)
    return "\n".join(lines)


def _mask_spans(text: str) -> str:
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]
    chars = list(text)
    for start, end in _code_spans(text, blanks):
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    return "".join(chars)


# Python-Markdown's fenced_code (markdown/extensions/fenced_code.py, FENCED_BLOCK_RE), line
# by line: the fence starts its line (after tabs become spaces), carries at most a language
# word, {attributes} or hl_lines="...", and is closed by a line of exactly the same fence.
# Anything else is not code for the renderer, so it is not code here either ("~~~ a b",
# an indented fence and a fence never closed are read as text and HTML).
_FENCE_LINE = re.compile(r"(`{3,}|~{3,})[ ]*")
_ANY_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})", re.MULTILINE)
_FENCE_INFO = re.compile(r"""(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=("|').*?\1[ ]*)?)\Z""")


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each fenced code block, as Python-Markdown finds them.

    Linear: for each fence, the next line that could close it is looked up, where the
    renderer's regular expression scans the rest of the text for every fence never closed.
    """
    closings: dict[str, list[int]] = {}
    openings: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = _FENCE_LINE.match(line.expandtabs(4))
        if match is None:
            continue
        fence = match.group(1)
        rest = line.expandtabs(4)[match.end():]
        if not rest.strip():
            closings.setdefault(fence, []).append(index)
        if _FENCE_INFO.match(rest):
            openings.append((index, fence))
    blocks: list[tuple[int, int]] = []
    after = -1
    for index, fence in openings:
        if index <= after:
            continue  # inside the previous block
        candidates = closings.get(fence, [])
        position = bisect.bisect_right(candidates, index)
        if position < len(candidates):
            after = candidates[position]
            blocks.append((index, after))
    return blocks


def _code_spans(text: str, blanks: list[int]) -> list[tuple[int, int]]:
    """(start, end) of inline code spans: a run of n backticks up to the next run of
    exactly n in the same paragraph. Linear, where a regex would be quadratic on
    hostile runs of many lengths."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    paragraph = []  # paragraph number of each run
    index = 0
    for start, _ in runs:
        while blanks[index] < start:
            index += 1
        paragraph.append(index)
    following: list[int | None] = [None] * len(runs)
    seen: dict[tuple[int, int], int] = {}
    for i in range(len(runs) - 1, -1, -1):
        key = (paragraph[i], runs[i][1] - runs[i][0])
        following[i] = seen.get(key)
        seen[key] = i
    spans = []
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def unsafe_scheme(url: str) -> str | None:
    """'javascript:' for 'java&#x09;script:alert(1)', as a browser would read it; else None."""
    seen = _INVISIBLE.sub("", html.unescape(url.replace("\\", ""))).lower()
    return next((scheme for scheme in _BAD_SCHEMES if seen.startswith(scheme)), None)


def _check_url(url: str, offset: int, what: str, report) -> None:
    scheme = unsafe_scheme(url)
    if scheme:
        report(offset, f'{what} to a "{scheme}" URL is not allowed: {url[:60]}')
        return
    try:
        urlsplit(html.unescape(url))
    except ValueError:
        report(offset, f'{what} "{url[:60]}" is not a valid web address (check the brackets '
                       "and the host name)")


def _check_tags(text: str, report) -> None:
    for match in _TAG.finditer(text):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        offset = match.start()
        if name not in ALLOWED_TAGS:
            why = _WHY.get(name, f"raw HTML <{name}> is not allowed in articles "
                                 "(the HTML an article may use is listed in ALLOWED_HTML.md)")
            report(offset, why)
            continue
        if closing:
            continue
        attributes: dict[str, str] = {}
        for attr in _ATTR.finditer(rest):
            key = attr.group(1).lower()
            value = (attr.group(2) or "").strip("\"'")
            attributes[key] = value
            if key.startswith("on"):
                report(offset, f'event handler attribute "{key}" is not allowed in <{name}>')
            elif key == "style":
                report(offset, f'style attribute is not allowed in <{name}>; the site\'s design '
                               "applies")
            elif key not in ALLOWED_ATTRIBUTES:
                report(offset, f'attribute "{key}" is not allowed in <{name}>')
            if key in URL_ATTRIBUTES:
                _check_url(value, offset, f"<{name} {key}>", report)
        if _LOOSE_HANDLER.search(rest) and not any(k.startswith("on") for k in attributes):
            report(offset, f"event handler attribute (on...=) is not allowed in <{name}>")
        _check_target(attributes, offset, report)


def _check_attr_lists(text: str, report) -> None:
    for match in _ATTR_LIST.finditer(text):
        attributes: dict[str, str] = {}
        for pair in _ATTR_LIST_PAIR.finditer(match.group(1)):
            key = pair.group(1).lower()
            value = pair.group(2).strip("\"'")
            attributes[key] = value
            offset = match.start()
            if key.startswith("on"):
                report(offset, f'attribute list sets the event handler "{key}": not allowed')
            elif key == "style":
                report(offset, "attribute list sets style: not allowed; the site's design applies")
            elif key in URL_ATTRIBUTES:
                _check_url(value, offset, f"attribute list {key}", report)
            if "url(" in value.lower():
                report(offset, f'attribute list value "{value[:40]}" loads a URL: not allowed')
        _check_target(attributes, match.start(), report)


def _check_block_options(text: str, report) -> None:
    """``/// caption`` blocks take YAML options (indented lines under the header): their
    ``attrs`` become HTML attributes (``attrs: {onclick: ...}``), and pymdownx reads the
    YAML with aliases allowed (a "billion laughs" at render time)."""
    offset = 0
    in_options = attrs_seen = False
    for line in text.split("\n"):
        if _BLOCK_HEADER.match(line):
            in_options = True
        elif in_options and line.startswith(("    ", "\t")) and line.strip():
            if _YAML_NODE_PROPERTY.search(line):
                report(offset, "YAML anchors, aliases and tags (& * !) are not allowed in block options")
            for key in _YAML_KEY.findall(line):
                if key.lower() not in {"attrs", "class", "id"} and (
                        key.lower().startswith("on") or key.lower() in {"style", *URL_ATTRIBUTES}
                        or attrs_seen):
                    report(offset, f'block option attrs may only set class and id, not "{key}"')
                attrs_seen = attrs_seen or key.lower() == "attrs"
        else:
            in_options = False
            attrs_seen = False
        offset += len(line) + 1


def _check_target(attributes: dict[str, str], offset: int, report) -> None:
    if "target" in attributes:
        rel = set(attributes.get("rel", "").lower().split())
        if not {"noopener", "noreferrer"} <= rel:
            report(offset, 'target= needs rel="noopener noreferrer" (or leave target out: '
                           "links open in the same tab)")


def _check_limits(text: str, body: str, report) -> None:
    seen: set[str] = set()
    fence_lines = [m.start() for m in _ANY_FENCE.finditer(body)]
    if len(fence_lines) > MAX_FENCE_LINES:
        # The renderer looks for the end of every fence through the rest of the text, and
        # copies the text for each block: 180,000 "```a" lines would take it an hour.
        report(fence_lines[MAX_FENCE_LINES], f"more than {MAX_FENCE_LINES} code fence lines "
                                             "(``` or ~~~) in the article")

    def once(kind: str, offset: int, message: str) -> None:
        if kind not in seen:  # the first place is enough to find the problem
            seen.add(kind)
            report(offset, message)

    offset = 0
    block_brackets = block_marks = block_chars = 0
    total_brackets = 0
    block_start = 0
    block_reported: set[str] = set()
    for line in text.split("\n"):
        quotes = _QUOTE_PREFIX.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
        markers = _LIST_MARKERS.match(rest)
        listed = len(_ONE_LIST_MARKER.findall(markers.group(0))) - 1 if markers else 0
        if depth + indent // 4 + max(listed, 0) > MAX_NESTING:
            once("nesting", offset, f"quotes or lists are nested more than {MAX_NESTING} levels deep")
        if not _THEMATIC_BREAK.match(line) and _EMPHASIS_RUN.search(line):
            once("emphasis", offset, f"more than {MAX_EMPHASIS_RUN} '*' or '_' in a row")
        if not line.strip():
            block_brackets = block_marks = block_chars = 0
            block_start, block_reported = offset + len(line) + 1, set()
        else:
            count = line.count("[") + line.count("<")
            block_brackets += count
            total_brackets += count
            block_marks += len(_INLINE_MARKS.findall(line))
            block_chars += len(line) + 1
            for kind, value, limit, message in (
                    ("brackets", block_brackets, MAX_BRACKETS_PER_BLOCK,
                     f"more than {MAX_BRACKETS_PER_BLOCK} '[' or '<' in one paragraph; split it"),
                    ("marks", block_marks, MAX_INLINE_MARKS_PER_BLOCK,
                     f"more than {MAX_INLINE_MARKS_PER_BLOCK:,} '*', '_', '`' or '~' in one "
                     "paragraph; split it"),
                    ("chars", block_chars, MAX_BLOCK_CHARS,
                     f"a paragraph of more than {MAX_BLOCK_CHARS:,} characters; split it "
                     "with blank lines")):
                if value > limit and kind not in block_reported:
                    report(block_start, message)
                    block_reported.add(kind)
        offset += len(line) + 1
    if total_brackets > MAX_BRACKETS:
        report(0, f"more than {MAX_BRACKETS:,} '[' or '<' in the article")
    _check_html_depth(text, once)
    _check_block_depth(text, once)


_BLOCK_CLOSE = re.compile(r"^[ \t]*/{3,}[ \t]*$")


def _check_block_depth(text: str, once) -> None:
    """``/// caption`` blocks inside each other, or one right after another: each caption
    wraps the block before it, so 1,000 captions in a row are 1,000 figures inside each
    other (RecursionError in the renderer, a traceback in the build)."""
    offset = 0
    depth = chain = 0
    after_block = False
    for line in text.split("\n"):
        if _BLOCK_HEADER.match(line):
            chain = chain + 1 if after_block and depth == 0 else 1
            depth += 1
            after_block = False
            if depth + chain - 1 > MAX_NESTING:
                once("blocks", offset, f"/// caption blocks are nested (or follow each other "
                                       f"without a photo or paragraph between) more than "
                                       f"{MAX_NESTING} times")
                return
        elif _BLOCK_CLOSE.match(line):
            depth = max(0, depth - 1)
            after_block = depth == 0
        elif line.strip() and depth == 0:
            after_block = False
            chain = 0
        offset += len(line) + 1


def _check_html_depth(text: str, once) -> None:
    """Raw HTML elements inside each other: Python-Markdown's md_in_html recurses on them."""
    depth = 0
    for match in _HTML_TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH:
            once("html-depth", match.start(), f"HTML elements are nested more than {MAX_HTML_DEPTH} "
                                              "levels deep")
            return
