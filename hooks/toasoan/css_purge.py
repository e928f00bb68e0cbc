"""Keep only the rules of a stylesheet that can match the site's pages.

Material's ``main.css`` (134 KB) styles a documentation site: admonitions, code
blocks, content tabs, tooltips, search dialogs, version selectors… A news page
uses a fraction of it, and every reader on a phone downloads all of it before the
first paint. :func:`purge` drops the rules whose selectors need a class that no
page of the site has (nor any of its scripts adds), and leaves everything else
untouched: element and attribute selectors, custom properties, ``@font-face``,
``@keyframes``. It errs on the side of keeping: the classes inside ``:not()``,
``:is()``, ``:where()`` and ``:has()`` are not required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
_JS_CLASSES = re.compile(r"""(?:className\s*=|classList\.(?:add|toggle|replace)\()\s*([^;)]*)""")
_JS_WORD = re.compile(r"""["']([\w\s-]+)["']""")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_PSEUDO_FUNCTION = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container", "@document")
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")


def classes_in_html(html: str) -> set[str]:
    """Every class name used in an HTML document."""
    found: set[str] = set()
    for match in _CLASS_ATTR.finditer(html):
        found.update((match.group(1) or match.group(2) or match.group(3) or "").split())
    return found


def classes_in_script(script: str) -> set[str]:
    """Class names a script may add (``el.className = "a b"``, ``classList.add("c")``)."""
    found: set[str] = set()
    for match in _JS_CLASSES.finditer(script):
        for word in _JS_WORD.findall(match.group(1)):
            found.update(word.split())
    return found


def required_classes(selector: str) -> set[str]:
    """The classes an element chain must have for ``selector`` to match anything."""
    return set(_SELECTOR_CLASS.findall(_without_pseudo_functions(selector)))


def _without_pseudo_functions(selector: str) -> str:
    while True:
        match = _PSEUDO_FUNCTION.search(selector)
        if not match:
            return selector
        depth, end = 1, match.end()
        while end < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            end += 1
        selector = selector[: match.start()] + selector[end:]


def purge(css: str, used: Iterable[str]) -> str:
    """``css`` without the rules that need a class outside ``used``."""
    keep = set(used)
    items, _ = _parse(_SOURCE_MAP.sub("", css), 0)
    return _render(items, keep)


# A parsed stylesheet: ("stmt", text) | ("rule", prelude, body) | ("group", prelude, items)


def _parse(css: str, index: int) -> tuple[list[tuple], int]:
    items: list[tuple] = []
    length = len(css)
    while index < length:
        while index < length and css[index] in " \t\r\n":
            index += 1
        if index >= length:
            break
        if css[index] == "}":
            return items, index + 1
        if css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = length if end < 0 else end + 2
            continue
        end, stop = _scan(css, index, "{;")
        prelude = css[index:end].strip()
        if stop == ";" or end >= length:
            items.append(("stmt", css[index:end + 1].strip()))
            index = end + 1
            continue
        if prelude.lower().startswith(_GROUPING_AT_RULES):
            children, index = _parse(css, end + 1)
            items.append(("group", prelude, children))
        elif prelude.startswith("@"):  # @keyframes, @font-face…: kept whole, nested braces and all
            close = _matching_brace(css, end)
            items.append(("rule", prelude, css[end + 1:close]))
            index = close + 1
        else:
            close, _ = _scan(css, end + 1, "}")
            items.append(("rule", prelude, css[end + 1:close]))
            index = close + 1
    return items, index


def _scan(css: str, index: int, stops: str) -> tuple[int, str]:
    """Index of the first of ``stops`` outside strings, comments and brackets."""
    depth = 0
    quote = ""
    length = len(css)
    while index < length:
        char = css[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = length if end < 0 else end + 2
            continue
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth <= 0 and char in stops:
            return index, char
        index += 1
    return length, ""


def _matching_brace(css: str, opening: int) -> int:
    depth = 0
    index = opening
    while index < len(css):
        index, char = _scan(css, index, "{}")
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        else:
            break
        index += 1
    return len(css)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts if part.strip()]


def _render(items: list[tuple], keep: set[str]) -> str:
    out: list[str] = []
    for item in items:
        kind = item[0]
        if kind == "stmt":
            out.append(item[1])
        elif kind == "group":
            inner = _render(item[2], keep)
            if inner:
                out.append(f"{item[1]}{{{inner}}}")
        else:
            prelude, body = item[1], item[2]
            if prelude.startswith("@"):  # @font-face, @keyframes, @page…: kept whole
                out.append(f"{prelude}{{{body}}}")
                continue
            selectors = [s for s in _split_selectors(prelude) if required_classes(s) <= keep]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)
