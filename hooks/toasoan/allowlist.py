"""What HTML may reach a reader's browser: allow-lists applied to what a browser parses.

Two policies, one mechanism:

- :data:`ARTICLE` — the HTML an article or static page may contain, checked on what the
  Markdown renderer produced (before any template). Paragraphs, headings, lists,
  emphasis, links (http, https, mailto, tel, relative), photos from the site itself,
  figures and captions, tables, quotes, code. Nothing else: no scripts, frames, forms,
  ``<meta>``, ``<base>``, SVG/MathML, no ``style``, no event handlers, no ``data-*``.
- :data:`PAGE` — what a finished page may contain (templates included): the article
  set plus the page furniture our templates and Material's use (head elements, forms to
  the site, inline SVG icons, scripts from the site only).

The HTML is parsed by lexbor (through ``selectolax``), an HTML5 parser that follows the
HTML Standard as browsers do (foreign content, comments such as ``<!-->``, raw-text
elements), with scripting enabled as in a reader's browser, so ``<noscript>`` content is
read as a browser reads it. Anything not named here is a :class:`Violation`: the policy
names what is allowed, never what is dangerous (the model of ammonia/nh3).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_ATTRIBUTE_VALUE_LIMIT = 60


@dataclass(frozen=True)
class Violation:
    """One thing outside the allow-list: the element, and the attribute if that is the problem."""

    element: str
    message: str
    attribute: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Policy:
    """An allow-list: elements with their own attributes, attributes allowed on any element,
    and which attributes hold URLs, with the schemes each may use."""

    name: str
    elements: dict[str, frozenset[str]]
    global_attributes: frozenset[str]
    # attribute -> schemes allowed ("" = relative URL); absent: not a URL attribute
    link_schemes: frozenset[str]
    aria_and_data: bool = False  # aria-*, data-*, role allowed everywhere
    svg_elements: dict[str, frozenset[str]] = field(default_factory=dict)
    reserved_prefixes: tuple[str, ...] = ()  # class prefixes an article may not use
    reserved_classes: frozenset[str] = frozenset()  # reserved-prefix classes it may use
    reserved_id_prefixes: tuple[str, ...] = ()  # id prefixes an article may not use
    reserved_ids: frozenset[str] = frozenset()  # ids of the page an article may not take


def _set(*names: str) -> frozenset[str]:
    return frozenset(names)


# Elements an article needs, with their own attributes (global ones below).
_ARTICLE_ELEMENTS: dict[str, frozenset[str]] = {
    "a": _set("href", "hreflang", "rel", "target"),
    "abbr": _set(), "b": _set(), "blockquote": _set("cite"), "br": _set(), "caption": _set(),
    "cite": _set(), "code": _set(), "dd": _set(), "del": _set("cite", "datetime"),
    "details": _set("open"), "div": _set(), "dl": _set(), "dt": _set(), "em": _set(),
    "figcaption": _set(), "figure": _set(), "h1": _set(), "h2": _set(), "h3": _set(),
    "h4": _set(), "h5": _set(), "h6": _set(), "hr": _set(), "i": _set(),
    "img": _set("src", "alt", "width", "height", "loading", "decoding"),
    "ins": _set("cite", "datetime"), "kbd": _set(), "li": _set("value"), "mark": _set(),
    "ol": _set("start", "reversed", "type"), "p": _set(), "pre": _set(), "q": _set("cite"),
    "s": _set(), "small": _set(), "span": _set(), "strong": _set(), "sub": _set(),
    "summary": _set(), "sup": _set(), "table": _set(), "tbody": _set(),
    "td": _set("colspan", "rowspan", "align"), "tfoot": _set(),
    "th": _set("colspan", "rowspan", "scope", "align"), "thead": _set(),
    "time": _set("datetime"), "tr": _set(), "u": _set(), "ul": _set(), "wbr": _set(),
}

# Classes style the page: an article may not borrow the design's (Material's md-*, ours).
# Ids are different: headings get theirs from their text ("News of the day" becomes
# id="news-of-the-day"), so a prefix rule would refuse ordinary headlines. What an id can
# harm is another element of the page with the same id (labels, aria-labelledby, scripts
# and links to #id find the article's instead): the ids the templates use are reserved.
# Material's start with "__" (never made from a heading); tests/unit/test_allowlist.py
# checks that every id written in overrides/ and in Material's templates is reserved.
PAGE_IDS = _set("news-share-title", "news-related-title", "toasoan-search-q",
                "toasoan-search-box-q", "news-aside-latest", "news-aside-section",
                "news-drawer", "news-latest-title", "news-untranslated",
                "news-corrections-title", "news-photo-hint")
PAGE_ID_PREFIXES = ("__", "toasoan-", "news-lang-note-")

ARTICLE = Policy(
    name="article",
    elements=_ARTICLE_ELEMENTS,
    global_attributes=_set("class", "id", "title", "lang", "dir"),
    link_schemes=_set("http", "https", "mailto", "tel"),
    reserved_prefixes=("md-", "news-", "toasoan-", "__"),
    reserved_classes=_set("news-figure"),  # made by the toasoan.figures extension
    reserved_id_prefixes=PAGE_ID_PREFIXES,
    reserved_ids=PAGE_IDS,
)

# The page furniture of our templates and Material's, on top of the article set.
_PAGE_ELEMENTS: dict[str, frozenset[str]] = {
    **_ARTICLE_ELEMENTS,
    "html": _set(), "head": _set(), "body": _set(), "title": _set(),
    "meta": _set("charset", "name", "content", "property", "http-equiv"),
    "link": _set("rel", "href", "hreflang", "type", "title", "sizes", "media"),
    "script": _set("src", "type", "defer", "async"),
    "header": _set(), "footer": _set(), "nav": _set(), "main": _set(), "article": _set(),
    "aside": _set(), "section": _set(), "address": _set(), "hgroup": _set(),
    "form": _set("action", "method"),
    "input": _set("type", "name", "value", "placeholder", "autocomplete", "spellcheck",
                  "enterkeyhint", "checked", "disabled", "required", "inputmode"),
    "label": _set("for"), "button": _set("type", "disabled", "name", "value"),
    "select": _set("name", "disabled"), "option": _set("value", "selected"),
    "picture": _set(), "source": _set("srcset", "sizes", "type", "media"),
    "dialog": _set("open"), "output": _set("for", "name"),
    "img": _ARTICLE_ELEMENTS["img"] | _set("srcset", "sizes", "fetchpriority"),
    "a": _ARTICLE_ELEMENTS["a"] | _set("download", "type"),
}
# Inline SVG icons (Material's and ours): shapes only; no <a>, <script>, <foreignObject>.
_SVG_ELEMENTS: dict[str, frozenset[str]] = {
    "svg": _set("xmlns", "viewbox", "width", "height", "fill", "focusable", "role"),
    "path": _set("d", "fill", "fill-rule", "clip-rule"),
    "g": _set("fill"), "circle": _set("cx", "cy", "r", "fill"),
    "rect": _set("x", "y", "width", "height", "rx", "ry", "fill"),
}

PAGE = Policy(
    name="page",
    elements=_PAGE_ELEMENTS,
    global_attributes=_set("class", "id", "title", "lang", "dir", "hidden", "tabindex"),
    link_schemes=_set("http", "https", "mailto", "tel"),
    aria_and_data=True,
    svg_elements=_SVG_ELEMENTS,
)

# Why some elements are refused, in words an editor can act on.
_WHY = {
    "script": "scripts are not allowed",
    "noscript": "<noscript> is not allowed",
    "iframe": "embedded frames are not allowed (the reader's browser would contact another "
              "site); link to the video instead",
    "frame": "frames are not allowed", "frameset": "frames are not allowed",
    "style": "style sheets are not allowed; the site's design applies",
    "link": "<link> is not allowed", "meta": "<meta> is not allowed (it can redirect readers)",
    "base": "<base> is not allowed (it would redirect every link)",
    "object": "plug-in content (<object>) is not allowed",
    "embed": "plug-in content (<embed>) is not allowed",
    "form": "forms are not allowed", "input": "form fields are not allowed",
    "button": "buttons are not allowed", "textarea": "form fields are not allowed",
    "select": "form fields are not allowed",
    "svg": "inline SVG is not allowed (it can carry scripts); save it as a photo file",
    "math": "inline MathML is not allowed",
    "video": "videos are not embedded (link to them)", "audio": "audio is not embedded",
    "template": "<template> is not allowed",
}
# <script type> values a browser runs; others (application/json, ld+json) are data.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module",
                     "text/ecmascript", "application/ecmascript"}
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# <link rel> values a page may carry; the ones that load something must load from the site.
_LINK_RELS = {"canonical", "alternate", "prev", "next", "icon", "shortcut", "stylesheet",
              "apple-touch-icon", "manifest", "preload", "search", "license", "author"}
_LOADING_RELS = {"icon", "shortcut", "stylesheet", "apple-touch-icon", "manifest", "preload"}
# Where a reader's browser fetches something while showing the page (subresources).
_SUBRESOURCES = {("img", "src"), ("img", "srcset"), ("source", "srcset"), ("script", "src")}
_URL_ATTRIBUTES = {"href", "src", "cite", "action", "srcset"}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_META_EQUIV = {"content-security-policy"}


def scheme_of(url: str) -> str:
    """The scheme a browser sees in ``url`` (lowercase, '' for a relative URL).

    Entities are decoded and control characters and spaces removed first, as a browser
    does: ``java&#x09;script:`` is ``javascript``.
    """
    seen = _INVISIBLE.sub("", html_module.unescape(url.replace("\\", "/"))).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", seen)
    return match.group(1) if match else ""


def _is_local(url: str) -> bool:
    """A URL on the site itself: relative, with no scheme and no host (not '//host/')."""
    seen = _INVISIBLE.sub("", html_module.unescape(url.replace("\\", "/")))
    return scheme_of(url) == "" and not seen.startswith("//")


def _same_site(url: str, site_host: str) -> bool:
    if _is_local(url):
        return True
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() == "https" and bool(site_host) and parts.netloc.lower() == site_host


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= _ATTRIBUTE_VALUE_LIMIT else value[:_ATTRIBUTE_VALUE_LIMIT] + "…"


def script_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _elements(first: LexborNode | None, namespace: str = "html") -> Iterator[tuple[LexborNode, str]]:
    """Every element (and comment) from ``first`` and its following siblings, with the
    namespace the parser put it in ("html", "svg" or "math"), in document order."""
    stack: list[tuple[LexborNode | None, str]] = [(first, namespace)]
    while stack:
        node, ns = stack.pop()
        if node is None:
            continue
        stack.append((node.next, ns))
        if node.is_text_node:
            continue
        tag = node.tag or ""
        inner = "svg" if tag == "svg" else "math" if tag == "math" else ns
        yield node, inner
        stack.append((node.child, inner))


# An article's HTML is parsed where it will stand: inside the <body> of a page, so that a
# stray <body onload=…> or <html …> tag does what it would do there (add attributes to the
# page's own <body>/<html>), which a fragment parse would hide.
_ARTICLE_WRAPPER = "<!doctype html><html><head></head><body>"


def article_violations(source: str) -> list[Violation]:
    """Everything in an article's rendered HTML outside :data:`ARTICLE`, in document order."""
    tree = LexborHTMLParser(_ARTICLE_WRAPPER + source, scripting=True)
    checker = _Checker(ARTICLE, site_host="")
    for outer in (tree.root, tree.head, tree.body):
        if outer is not None and outer.attributes:
            name = (outer.tag or "").lower()
            checker.add(Violation(name, f"a <{name}> tag with attributes is not allowed "
                                        f"({', '.join(sorted(outer.attributes))})"))
    for container in (tree.head, tree.body):
        if container is not None:
            for node, namespace in _elements(container.child):
                checker.element(node, namespace)
    return checker.violations


def page_violations(source: str, *, site_url: str = "", script_hashes: Iterable[str] = (),
                    require_csp: bool = True) -> list[Violation]:
    """Everything in a finished page outside :data:`PAGE`: elements, attributes, URLs that
    load from elsewhere or over http, inline scripts not in ``script_hashes``, and a
    Content-Security-Policy ``<meta>`` that is not there exactly once."""
    host = ""
    try:
        host = urlsplit(site_url).netloc.lower()
    except ValueError:
        pass
    tree = LexborHTMLParser(source, scripting=True)
    checker = _Checker(PAGE, site_host=host, script_hashes=frozenset(script_hashes))
    for node, namespace in _elements(tree.root):
        checker.element(node, namespace)
    if require_csp and checker.csp_count != 1:
        checker.add(Violation("meta", f"has {checker.csp_count} Content-Security-Policy <meta> "
                                      "tags (expected exactly 1, from partials/head/security.html)"))
    return checker.violations


class _Checker:
    def __init__(self, policy: Policy, *, site_host: str,
                 script_hashes: frozenset[str] = frozenset()) -> None:
        self.policy = policy
        self.site_host = site_host
        self.script_hashes = script_hashes
        self.violations: list[Violation] = []
        self.csp_count = 0
        self._seen: set[str] = set()

    def add(self, violation: Violation) -> None:
        if violation.message not in self._seen:
            self._seen.add(violation.message)
            self.violations.append(violation)

    def element(self, node: LexborNode, namespace: str) -> None:
        tag = (node.tag or "").lower()
        if node.is_comment_node or tag == "-comment":
            return  # comments are inert when the parser says they are comments
        if tag in {"-document", "#document", "-doctype", "!doctype", "#document-fragment"}:
            return
        policy = self.policy
        if namespace == "html":
            allowed = policy.elements.get(tag)
        else:
            allowed = policy.svg_elements.get(tag) if namespace == "svg" else None
        if allowed is None:
            why = _WHY.get(tag, f"<{tag}> is not allowed")
            if namespace != "html" and tag not in {"svg", "math"}:
                why = f"<{tag}> inside <{namespace}> is not allowed"
            self.add(Violation(tag, f"{why} ({policy.name} allow-list)"))
            return
        attributes = node.attributes
        for name, value in attributes.items():
            self.attribute(tag, name.lower(), value or "", allowed)
        getattr(self, f"_{tag}", _nothing)(node, attributes)
        if tag in {"a", "form"} and "target" in attributes:
            rel = set((attributes.get("rel") or "").lower().split())
            if not {"noopener", "noreferrer"} <= rel:
                self.add(Violation(tag, f'<{tag} target="{_short(attributes["target"] or "")}"> '
                                        'needs rel="noopener noreferrer"', "target"))

    def attribute(self, tag: str, name: str, value: str, allowed: frozenset[str]) -> None:
        policy = self.policy
        if name.startswith("on"):
            self.add(Violation(tag, f'<{tag} {name}="{_short(value)}">: event handler attributes '
                                    "run scripts and are not allowed", name, value))
            return
        if name == "style":
            self.add(Violation(tag, f'<{tag} style="{_short(value)}">: inline styles are not allowed '
                                    "(the site's design applies; the Content-Security-Policy blocks "
                                    "them)", name, value))
            return
        known = name in allowed or name in policy.global_attributes or (
            policy.aria_and_data and (name.startswith(("aria-", "data-")) or name == "role"))
        if not known:
            self.add(Violation(tag, f'<{tag}> attribute "{name}" is not allowed', name, value))
            return
        if name in {"class", "id"} and (policy.reserved_prefixes or policy.reserved_id_prefixes):
            self._name_tokens(tag, name, value)
        if name in _URL_ATTRIBUTES:
            urls = [c.split()[0] for c in value.split(",") if c.split()] if name == "srcset" \
                else [value]
            for url in urls:
                self.url(tag, name, url)

    def _name_tokens(self, tag: str, name: str, value: str) -> None:
        tokens = value.split() if name == "class" else [value]
        for token in tokens:
            if not _NAME.match(token):
                self.add(Violation(tag, f'<{tag} {name}="{_short(value)}">: use letters, digits, '
                                        '"-" and "_" only', name, value))
            elif name == "class" and token.startswith(self.policy.reserved_prefixes) and \
                    token not in self.policy.reserved_classes:
                self.add(Violation(tag, f'<{tag} {name}="{_short(token)}">: class names starting '
                                        f"with {', '.join(self.policy.reserved_prefixes)} belong to "
                                        "the site's design", name, value))
            elif name == "id" and (token in self.policy.reserved_ids or
                                   token.startswith(self.policy.reserved_id_prefixes)):
                self.add(Violation(tag, f'<{tag} id="{_short(token)}">: the page already uses this '
                                        "id (or ids starting with "
                                        f"{', '.join(self.policy.reserved_id_prefixes)}); choose "
                                        "another (a heading gets its id from its text)", name, value))

    def url(self, tag: str, name: str, url: str) -> None:
        scheme = scheme_of(url)
        subresource = (tag, name) in _SUBRESOURCES
        if self.policy is ARTICLE and (tag, name) == ("img", "src"):
            if not _is_local(url):
                self.add(Violation(tag, f'<img src="{_short(url)}">: photos must be files in the '
                                        "article's folder (no other sites, no data: URLs)", name, url))
            return
        if scheme and scheme not in self.policy.link_schemes:
            self.add(Violation(tag, f'<{tag} {name}="{_short(url)}">: {scheme}: URLs are not '
                                    "allowed", name, url))
            return
        if subresource or (tag == "form" and name == "action"):
            self._same_site(tag, name, url)

    def _same_site(self, tag: str, name: str, url: str) -> None:
        if _same_site(url, self.site_host):
            return
        if scheme_of(url) == "http":
            self.add(Violation(tag, f'<{tag} {name}="{_short(url)}"> loads over http://', name, url))
        else:
            host = ""
            try:
                host = urlsplit(url.strip()).netloc
            except ValueError:
                pass
            self.add(Violation(tag, f'<{tag} {name}="{_short(url)}"> loads from another site '
                                    f"({host or 'unknown'}): readers' browsers would contact it",
                               name, url))

    # Element-specific rules, on top of the attribute lists.
    def _meta(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        if not equiv:
            return
        if equiv not in _META_EQUIV:
            self.add(Violation("meta", f'<meta http-equiv="{_short(equiv)}"> is not allowed (a refresh '
                                       "would send readers elsewhere)", "http-equiv", equiv))
        else:
            self.csp_count += 1

    def _link(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        rels = set((attributes.get("rel") or "").lower().split())
        unknown = rels - _LINK_RELS
        if unknown or not rels:
            self.add(Violation("link", f'<link rel="{_short(" ".join(sorted(rels)))}"> is not allowed '
                                       "(it can make readers' browsers contact other sites)", "rel"))
        elif rels & _LOADING_RELS:
            self._same_site("link", "href", attributes.get("href") or "")

    def _script(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        kind = (attributes.get("type") or "").strip().lower()
        if "src" in attributes:
            return  # checked as a subresource
        if kind in _DATA_SCRIPT_TYPES:
            return  # JSON data: a browser does not run it
        if kind not in _EXECUTABLE_TYPES:
            self.add(Violation("script", f'<script type="{_short(kind)}"> is not allowed', "type"))
            return
        source = node.text(deep=True)
        digest = script_hash(source)
        if digest not in self.script_hashes:
            self.add(Violation("script", f"inline <script> {digest} is not one of the site's own "
                                         f"(it begins: {' '.join(source.split())[:60]!r})"))


def _nothing(node: LexborNode, attributes: dict[str, str | None]) -> None:
    return None
