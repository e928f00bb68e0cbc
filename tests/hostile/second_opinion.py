"""A second opinion on what reaches readers: html5lib's HTML5 parser and an allow-list
written here, independently of ``toasoan.allowlist`` (other parser, other code).

If the package's allow-list (lexbor) and this one (html5lib, scripting on as in a
reader's browser) disagree about a published page, one of them is wrong, and a test says
which page and what.

- :func:`article_problems`: HTML an article body may hold (what ALLOWED_HTML.md lists).
- :func:`page_problems`: a whole page: the article set plus the page furniture of the
  templates; scripts only from the site's own files, no inline script; one
  Content-Security-Policy without 'unsafe-inline'; nothing loaded from another host.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import html5lib

HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"

# What an article may contain (ALLOWED_HTML.md), written out again on purpose.
ARTICLE_ELEMENTS: dict[str, set[str]] = {
    "a": {"href", "hreflang", "rel", "target"},
    "abbr": set(), "b": set(), "blockquote": {"cite"}, "br": set(), "caption": set(),
    "cite": set(), "code": set(), "dd": set(), "del": {"cite", "datetime"},
    "details": {"open"}, "div": set(), "dl": set(), "dt": set(), "em": set(),
    "figcaption": set(), "figure": set(), "h1": set(), "h2": set(), "h3": set(), "h4": set(),
    "h5": set(), "h6": set(), "hr": set(), "i": set(),
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ins": {"cite", "datetime"}, "kbd": set(), "li": {"value"}, "mark": set(),
    "ol": {"start", "reversed", "type"}, "p": set(), "pre": set(), "q": {"cite"}, "s": set(),
    "small": set(), "span": set(), "strong": set(), "sub": set(), "summary": set(),
    "sup": set(), "table": set(), "tbody": set(), "td": {"colspan", "rowspan", "align"},
    "tfoot": set(), "th": {"colspan", "rowspan", "scope", "align"}, "thead": set(),
    "time": {"datetime"}, "tr": set(), "u": set(), "ul": set(), "wbr": set(),
}
ARTICLE_GLOBAL = {"class", "id", "title", "lang", "dir"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

# The page furniture of the templates (ours and Material's), on top of the article set.
PAGE_ELEMENTS: dict[str, set[str]] = {
    **ARTICLE_ELEMENTS,
    "a": ARTICLE_ELEMENTS["a"] | {"download", "type"},
    "address": set(), "dialog": set(),
    "html": set(), "head": set(), "body": set(), "title": set(),
    "meta": {"charset", "name", "content", "property", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "title", "sizes", "media"},
    "script": {"src", "type", "defer", "async"},
    "header": set(), "footer": set(), "nav": set(), "main": set(), "article": set(),
    "aside": set(), "section": set(), "form": {"action", "method"},
    "input": {"type", "name", "value", "placeholder", "autocomplete", "spellcheck",
              "enterkeyhint", "checked"},
    "label": {"for"}, "button": {"type"}, "select": {"name"}, "option": {"value", "selected"},
}
PAGE_GLOBAL = ARTICLE_GLOBAL | {"hidden", "tabindex", "role"}
SVG_ELEMENTS = {"svg": {"viewBox", "width", "height", "fill", "class", "aria-hidden"},
                "path": {"d", "fill", "fill-rule", "clip-rule"}}
LINK_RELS = {"canonical", "alternate", "prev", "next", "icon", "stylesheet", "search", "manifest",
             "preload", "license", "author", "shortcut", "apple-touch-icon"}
LOADING_RELS = {"icon", "stylesheet", "manifest", "preload", "shortcut", "apple-touch-icon"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster", "data", "background",
                  "ping", "longdesc", "srcset", "{http://www.w3.org/1999/xlink}href"}
SUBRESOURCES = {("img", "src"), ("img", "srcset"), ("script", "src"), ("input", "src"),
                ("source", "src"), ("source", "srcset"), ("video", "poster"), ("audio", "src"),
                ("iframe", "src"), ("embed", "src"), ("object", "data")}
_URL_JUNK = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

_PARSER = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=True)


def parse(document: str | bytes) -> ET.Element:
    """The tree a browser with scripting on builds (html5lib follows the HTML Standard)."""
    return _PARSER.parse(document, scripting=True)


def parse_fragment(body: str) -> ET.Element:
    """An article's HTML parsed where it stands on a page: inside <body>."""
    return parse("<!doctype html><html><head></head><body>" + body)


def split(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element tag; ("", "#comment") for comments."""
    if not isinstance(tag, str):
        return "", "#comment"
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return HTML_NS, tag


def url_view(value: str) -> str:
    """A URL as a browser's URL parser sees it: no tabs or newlines, no leading or trailing
    spaces and controls, backslashes as slashes (the attribute's entities are already
    decoded by the parser)."""
    value = _URL_JUNK.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
                                          "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
                                          "\x1b\x1c\x1d\x1e\x1f ")
    return value.replace("\\", "/")


def scheme(value: str) -> str:
    match = _SCHEME.match(url_view(value))
    return match.group(1).lower() if match else ""


def is_local(value: str, site_host: str = "") -> bool:
    """Fetching ``value`` stays on the site: relative and not '//host', or https on our host."""
    seen = url_view(value)
    if not scheme(value):
        return not seen.startswith("//")
    try:
        parts = urlsplit(seen)
    except ValueError:
        return False
    return parts.scheme.lower() == "https" and bool(site_host) and parts.hostname == site_host


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value]


def article_problems(body_html: str) -> list[str]:
    """Everything in an article's HTML outside the article allow-list."""
    tree = parse_fragment(body_html)
    problems = []
    html_el = tree
    head = tree.find(f"{{{HTML_NS}}}head")
    body = tree.find(f"{{{HTML_NS}}}body")
    for outer, where in ((html_el, "html"), (head, "head"), (body, "body")):
        if outer is not None and outer.attrib:
            problems.append(f"<{where}> got attributes {sorted(outer.attrib)}")
    if head is not None and len(head):
        problems.append(f"<head> got {[split(child.tag)[1] for child in head]}")
    if body is not None:
        problems += element_problems(body, ARTICLE_ELEMENTS, ARTICLE_GLOBAL, article=True)
    return problems


def element_problems(container: ET.Element, elements: dict[str, set[str]], global_attributes: set[str],
                     *, article: bool, site_host: str = "", include_container: bool = False) -> list[str]:
    """Problems of every element below ``container`` (and of itself if asked)."""
    problems = []
    for element in container.iter():
        if element is container and not include_container:
            continue
        namespace, name = split(element.tag)
        if name == "#comment":
            continue
        if namespace == SVG_NS and not article:
            allowed = SVG_ELEMENTS.get(name)
        elif namespace == HTML_NS:
            allowed = elements.get(name)
        else:
            allowed = None
        if allowed is None:
            problems.append(f"<{name}> ({namespace.rsplit('/', 1)[-1]}) is outside the allow-list")
            continue
        for attribute, value in element.attrib.items():
            problems += attribute_problems(name, attribute, value, allowed, global_attributes,
                                           article=article, site_host=site_host)
        if name in {"a", "form"} and element.get("target") is not None:
            rel = set((element.get("rel") or "").lower().split())
            if not {"noopener", "noreferrer"} <= rel:
                problems.append(f"<{name} target> without rel=noopener noreferrer")
        if name == "script":
            problems += _script_problems(element, site_host)
        if name == "meta":
            problems += _meta_problems(element)
        if name == "link":
            problems += _link_problems(element, site_host)
    return problems


def attribute_problems(tag: str, attribute: str, value: str, allowed: set[str],
                       global_attributes: set[str], *, article: bool, site_host: str) -> list[str]:
    local = attribute.rsplit("}", 1)[-1].lower()
    if local.startswith("on"):
        return [f"<{tag} {attribute}> event handler"]
    if local == "style":
        return [f"<{tag} style> inline style"]
    known = local in allowed or attribute in allowed or local in global_attributes or (
        not article and (local.startswith(("aria-", "data-")) or
                         attribute.startswith("{http://www.w3.org/2000/xmlns/}")))
    if not known:
        return [f"<{tag} {attribute}> attribute outside the allow-list"]
    problems = []
    if attribute in URL_ATTRIBUTES or local in URL_ATTRIBUTES:
        for url in _urls(local, value):
            found = scheme(url)
            if found and found not in LINK_SCHEMES:
                problems.append(f"<{tag} {local}={url[:60]!r}> {found}: URL")
            elif ((tag, local) in SUBRESOURCES or (tag, local) == ("form", "action")) and \
                    not is_local(url, site_host):
                problems.append(f"<{tag} {local}={url[:60]!r}> loads from another site")
    if article and local in {"class", "id"}:
        for token in value.split():
            reserved = token.startswith("__") or (local == "class" and token != "news-figure" and
                                                   token.startswith(("md-", "news-", "toasoan-")))
            if reserved:
                problems.append(f"<{tag} {local}={token!r}> takes a name of the site's design")
    return problems


def _script_problems(element: ET.Element, site_host: str) -> list[str]:
    kind = (element.get("type") or "").strip().lower()
    if kind in {"application/ld+json", "application/json"}:
        return []
    if element.get("src") is None:
        return [f"inline <script>: {(element.text or '')[:60]!r}"]
    return []


def _meta_problems(element: ET.Element) -> list[str]:
    equiv = (element.get("http-equiv") or "").strip().lower()
    if not equiv:
        return []
    if equiv != "content-security-policy":
        return [f'<meta http-equiv="{equiv}">']
    policy = element.get("content") or ""
    script_src = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
    if "'unsafe-inline'" in script_src or "script-src" not in policy:
        return [f"Content-Security-Policy allows inline scripts: {policy!r}"]
    return []


def _link_problems(element: ET.Element, site_host: str) -> list[str]:
    rels = set((element.get("rel") or "").lower().split())
    if not rels or rels - LINK_RELS:
        return [f'<link rel="{" ".join(sorted(rels))}">']
    if rels & LOADING_RELS and not is_local(element.get("href") or "", site_host):
        return [f"<link rel={sorted(rels)} href={element.get('href')!r}> loads from another site"]
    return []


def page_problems(document: str | bytes, site_host: str, article_class: str = "news-article__body"
                  ) -> list[str]:
    """Everything in a finished page outside the page allow-list, and everything in its
    article body (the element of class ``article_class``) outside the article allow-list."""
    tree = parse(document)
    problems = element_problems(tree, PAGE_ELEMENTS, PAGE_GLOBAL, article=False,
                                site_host=site_host, include_container=True)
    policies = [m for m in tree.iter(f"{{{HTML_NS}}}meta")
                if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    if len(policies) != 1:
        problems.append(f"{len(policies)} Content-Security-Policy <meta> tags")
    ids = Counter(element.get("id") for element in tree.iter()
                  if isinstance(element.tag, str) and element.get("id"))
    problems += [f'id="{name}" is used twice in the page (an element takes another\'s id)'
                 for name, count in sorted(ids.items()) if count > 1]
    for body in tree.iter(f"{{{HTML_NS}}}div"):
        if article_class in (body.get("class") or "").split():
            problems += [f"article body: {p}" for p in
                         element_problems(body, ARTICLE_ELEMENTS, ARTICLE_GLOBAL, article=True)]
    return problems
