"""Hostile and broken input, built for real: escaping everywhere, refused bodies, limits,
symlinks, and the safety net over the rendered pages (issue 11).

Each test holds the hostile input and asserts on the real output or the build's
messages; on the unpatched stack (MkDocs + Material as they come) every one of them
fails: scripts run, secrets are published, the build hangs or dumps a traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import REPO, new_project

pytestmark = pytest.mark.slow

# Breaks out of attributes, text, <title>, JSON-LD and URLs if anything prints it raw.
HOSTILE = "Q\"'></title></script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;{{7*7}}"
HOSTILE_URL = "javascript:alert(3)"
LEAD_EN = "The mayor said \"yes\" & it's <fine>: 'quoted' too"
SECRET = "SECRET-7f3a9c"
JSON_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "xlink:href"}


def _hostile_site(root: Path):
    project = new_project(root)
    project.config["site_name"] = f"Báo {HOSTILE}"
    project.config["site_description"] = f"Mô tả {HOSTILE}"
    project.config["extra"] = {"news": {"publisher": f"NXB {HOSTILE}",
                                        "categories": [{"vi": f"Thời sự {HOSTILE}",
                                                        "en": f"News {HOSTILE}"}]}}
    project.photo("news/2026/tin-doc/anh.jpg")
    project.article("2026/tin-doc", "vi", title=f"Tin {HOSTILE}", author=[f"Trần {HOSTILE}"],
                    categories=[f"Thời sự {HOSTILE}", HOSTILE_URL],
                    lead=f"Ông \"Ba\" nói: 'chào' & {HOSTILE}", image="anh.jpg",
                    body='Đoạn đầu.\n\n![Ảnh "cầu" & <b>cũ</b>](anh.jpg "Chú thích \'x\' & y")')
    # Alt text and caption cannot carry tags (the body policy refuses them) but can carry
    # quotes that break out of an attribute printed raw.
    project.article("2026/tin-doc", "en", title=f"Story {HOSTILE}",
                    author=[f"Reporter {HOSTILE}", HOSTILE_URL], categories=[f"News {HOSTILE}"],
                    lead=LEAD_EN, image="anh.jpg",
                    body=("First paragraph.\n\n![Photo\" onerror=\"alert(5)](anh.jpg "
                          "\"Caption ' onmouseover='alert(6)\")"))
    # A second story without a lead: the lead is taken from the body.
    project.article("2026/tin-hai", "vi", title=HOSTILE, author=HOSTILE, body="Bài **thứ hai**.")
    # A photo file name that breaks out of any attribute printed without |e.
    photo = 'anh x"onerror="alert(7)".jpg'
    project.photo(f"news/2026/anh-doc/{photo}")
    for lang in ("vi", "en"):
        project.article("2026/anh-doc", lang, image=photo, body=f"Ảnh.\n\n![Ảnh](<{photo}>)")
    # Static pages reach Material's nav and <title>.
    project.write("about.vi.md", f"---\ntitle: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n---\n\nGiới thiệu.\n")
    # A Windows editor: BOM and CRLF line ends.
    project.write("news/2026/crlf/index.vi.md", (
        "\ufeff---\r\ntitle: \"Bài CRLF\"\r\ndate: 2026-03-15 09:00\r\nauthor: Lê Minh Châu\r\n"
        "language: vi\r\n---\r\n\r\nNội dung viết trên Windows.\r\n").encode("utf-8"))
    return project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile site, built: the finished-page check (the page allow-list) refuses any
    unsafe page, so a build that succeeds means the templates' own escaping held, and
    the tests below audit that output."""
    project = _hostile_site(tmp_path_factory.mktemp("hardening") / "hostile")
    built = project.build()
    assert built.ok, built.output
    return built


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """The same hostile site with every hook, the safety net included."""
    return _hostile_site(tmp_path_factory.mktemp("hardening") / "guarded").build()


def test_hostile_site_passes_the_safety_net(guarded):
    """With the net on, the same corpus builds: nothing unsafe comes out, no false alarm."""
    assert guarded.ok, guarded.output


def _outputs(site_dir: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if p.suffix in suffixes and "pagefind" not in p.parts)


def _scheme(value: str) -> str:
    return "".join(value.split()).lower()


def _script_problems(doc, where: str) -> list[str]:
    """Injected scripts, event handlers and javascript: URLs in a parsed HTML document."""
    found = []
    for script in doc.iter("script"):
        kind = (script.get("type") or "").lower()
        if script.get("src") is None and kind not in JSON_TYPES:
            found.append(f"{where}: inline <script>: {(script.text or '')[:60]!r}")
        if "alert(" in (script.text or "") and kind not in JSON_TYPES:
            found.append(f"{where}: injected script")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: <{element.tag} {name}>")
            is_url = name in URL_ATTRIBUTES or (name == "content" and element.get("http-equiv"))
            if is_url and _scheme(value).split("url=")[-1].startswith(("javascript:", "vbscript:")):
                found.append(f"{where}: <{element.tag} {name}={value[:40]!r}>")
        if element.tag == "img" and element.get("src") == "x":
            found.append(f"{where}: injected <img>")
    return found


def test_hostile_front_matter_and_config_run_no_script_on_any_page(hostile):
    pages = _outputs(hostile.site_dir, ".html")
    assert len(pages) > 8, pages
    problems = []
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        problems += _script_problems(doc, path.relative_to(hostile.site_dir).as_posix())
    assert problems == []


def test_hostile_text_is_shown_as_text(hostile):
    doc = hostile.html("news/2026/tin-doc/index.html")
    assert doc.findtext(".//h1").strip() == f"Tin {HOSTILE}"
    assert doc.findtext(".//title").startswith(f"Tin {HOSTILE}")
    assert f"Trần {HOSTILE}" in doc.text_content()
    en = hostile.html("en/news/2026/tin-doc/index.html")
    assert 'Photo" onerror="alert(5)' in [img.get("alt") for img in en.iter("img")]
    assert "Caption ' onmouseover='alert(6)" in en.text_content()
    about = hostile.html("about/index.html")
    assert HOSTILE in about.findtext(".//title")
    assert HOSTILE in (about.findtext(".//h1") or "")


def test_json_ld_stays_valid_json_holding_the_raw_text(hostile):
    headlines = []
    for path in _outputs(hostile.site_dir, ".html"):
        doc = lxml.html.fromstring(path.read_bytes())
        for script in doc.iter("script"):
            if script.get("type") == "application/ld+json":
                data = json.loads(script.text)  # a premature </script> would cut it
                headlines += [d.get("headline") for d in (data if isinstance(data, list) else [data])]
    assert f"Tin {HOSTILE}" in headlines and f"Story {HOSTILE}" in headlines
    assert "</script><script>alert(1)" not in hostile.text("news/2026/tin-doc/index.html")


def test_harmless_quotes_in_a_lead_survive_intact_in_meta_content(hostile):
    doc = hostile.html("en/news/2026/tin-doc/index.html")
    assert doc.xpath("string(//meta[@name='description']/@content)") == LEAD_EN
    for prop in ("og:description", "twitter:description"):
        values = doc.xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content")
        assert all(v == LEAD_EN for v in values), (prop, values)
    vi = hostile.html("news/2026/tin-doc/index.html")
    assert vi.xpath("string(//meta[@name='description']/@content)") == f"Ông \"Ba\" nói: 'chào' & {HOSTILE}"


def _feed_problems(site_dir: Path) -> list[tuple[str, str]]:
    """(where, problem) for live markup or javascript: links in every XML output."""
    problems = []
    for path in _outputs(site_dir, ".xml"):
        where = path.relative_to(site_dir).as_posix()
        tree = lxml.etree.parse(str(path))  # raises on a broken document
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            local = lxml.etree.QName(element).localname
            if local in {"script", "img"}:
                problems.append((where, f"<{local}> element"))
            for name, value in element.attrib.items():
                if name in {"href", "url", "src", "uri"} and _scheme(value).startswith("javascript:"):
                    problems.append((where, f"{name}={value!r}"))
            text = element.text or ""
            # RSS <description> is HTML by convention; Atom says so with type="html".
            kind = ("rss description" if local == "description" and element.prefix is None
                    else "html" if local == "encoded" or element.get("type") in {"html", "xhtml"}
                    else None)
            if kind and "<" in text:
                embedded = lxml.html.fragment_fromstring(text, create_parent="div")
                problems += [(f"{where} {kind}", p) for p in _script_problems(embedded, local)]
            if local == "link" and _scheme(text).startswith("javascript:"):
                problems.append((where, f"<link>{text}"))
    return problems


def test_feeds_and_sitemaps_parse_and_embed_no_live_markup(hostile):
    assert hostile.exists("sitemap.xml")
    assert [p for p in _feed_problems(hostile.site_dir) if "rss description" not in p[0]] == []
    for rel in ("en/rss.xml", "en/atom.xml"):
        if hostile.exists(rel):
            titles = [e.text for e in lxml.etree.parse(str(hostile.site_dir / rel)).iter()
                      if isinstance(e.tag, str) and lxml.etree.QName(e).localname == "title"]
            assert f"Story {HOSTILE}" in titles, (rel, titles)


def test_rss_descriptions_hold_no_live_markup(hostile):
    assert [p for p in _feed_problems(hostile.site_dir) if "rss description" in p[0]] == []


def test_json_outputs_parse_and_embed_no_live_markup(hostile):
    problems = []
    for path in _outputs(hostile.site_dir, ".json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        for item in document.get("items", []) if isinstance(document, dict) else []:
            if item.get("content_html"):
                embedded = lxml.html.fragment_fromstring(item["content_html"], create_parent="div")
                problems += _script_problems(embedded, f"{path.name} content_html")
    assert problems == []


def test_share_links_carry_the_title_encoded(hostile):
    doc = hostile.html("news/2026/tin-doc/index.html")
    external = [a.get("href") for a in doc.iter("a")
                if (a.get("href") or "").startswith("https://") and "baosonglam" not in a.get("href")]
    for href in external:
        assert "<" not in href and '"' not in href and " " not in href, href


def test_bom_and_crlf_article_is_published(hostile):
    doc = hostile.html("news/2026/crlf/index.html")
    assert doc.findtext(".//h1").strip() == "Bài CRLF"
    assert "Nội dung viết trên Windows." in doc.text_content()
    assert "\ufeff" not in hostile.text("news/2026/crlf/index.html")


# --- Input the build refuses: one build with every kind, all reported at once ---------

BILLION_LAUGHS = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
title: *g
date: 2026-03-14 08:30
author: Trần Thị Đào
language: vi
---

Nội dung.
"""

FRONT = "---\ntitle: Bài\ndate: 2026-03-14 08:30\nauthor: Trần Thị Đào\nlanguage: vi\n---\n\n"


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    root = tmp_path_factory.mktemp("hardening-refused")
    secret = root / "outside" / "environ.txt"
    secret.parent.mkdir()
    secret.write_text(f"CI_TOKEN={SECRET}\n", encoding="utf-8")
    (root / "outside" / "index.vi.md").write_text(FRONT + SECRET + "\n", encoding="utf-8")
    project = new_project(root / "src")
    project.article("2026/hop-le", "vi", title="Bài hợp lệ")
    project.photo("news/2026/kich-ban/anh.jpg")
    project.write("news/2026/bom/index.vi.md", BILLION_LAUGHS)
    project.write("news/2026/utf16/index.vi.md", (FRONT + "Nội dung.\n").encode("utf-16"))
    project.write("news/2026/latin1/index.vi.md", (FRONT + "Nội dung.\n").encode("utf-8")
                  .replace("ộ".encode(), b"\xe9"))
    project.write("news/2026/qua-lon/index.vi.md", FRONT + ("Chữ " * 1_700_000))  # 10 MB
    (project.docs / "bi-mat.txt").symlink_to(secret)
    (project.docs / "news" / "2026" / "lien-ket").symlink_to(root / "outside", target_is_directory=True)
    project.write("news/2026/kich-ban/index.vi.md", FRONT + (
        "Đoạn đầu.\n\n"                                          # line 8
        "<script>alert(1)</script>\n\n"                          # line 10
        "[Bấm vào](javascript:alert(2))\n\n"                     # line 12
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n'  # line 14
        '<img src="anh.jpg" onerror="alert(3)">\n\n'             # line 16
        '[Trang](https://example.org/){onclick="alert(4)"}\n\n'  # line 18
        "![Ảnh](data:image/svg+xml;base64,PHN2Zz4=)\n\n"         # line 20
        "`<script>` trong mã thì được.\n\n"                      # line 22
        "![Ảnh](anh.jpg)\n/// caption\n"                         # line 24
        '    attrs: {onclick: "alert(5)"}\n'                      # line 26
        "Chú thích\n///\n"))
    project.write("news/2026/long-nhau/index.vi.md", FRONT + "> " * 5000 + "sâu\n")
    project.write("news/2026/danh-sach/index.vi.md",
                  FRONT + "".join("    " * i + "- mục\n" for i in range(100)))
    project.write("news/2026/ngoac/index.vi.md", FRONT + "[" * 20000 + "\n")
    project.write("news/2026/nhan/index.vi.md", FRONT + "*" * 3000 + "x" + "*" * 3000 + "\n")
    built = project.build()
    return built


def _lines(output: str) -> list[str]:
    return [line.split("-  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]


def test_refused_input_fails_the_build_with_one_line_per_problem(refused):
    assert not refused.ok
    assert "Traceback" not in refused.output
    assert "RecursionError" not in refused.output and "MemoryError" not in refused.output
    errors = _lines(refused.output)
    assert errors[-1].endswith("in the content (listed above); nothing was published")
    assert all(line.startswith("docs/") for line in errors[:-1]), errors


@pytest.mark.parametrize("expected", [
    "docs/news/2026/bom/index.vi.md:2: YAML anchors and aliases (& and *) are not allowed in front matter",
    "docs/news/2026/utf16/index.vi.md:1: file is saved as UTF-16; save it as UTF-8",
    "docs/news/2026/latin1/index.vi.md:8: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    "docs/bi-mat.txt: is a symbolic link; links are not published (copy the file into docs/ instead)",
    "docs/news/2026/lien-ket: is a symbolic link; links are not published (copy the file into docs/ instead)",
])
def test_hostile_files_are_named_with_a_clear_message(refused, expected):
    assert expected in _lines(refused.output)


def test_oversized_article_is_refused_naming_the_limit(refused):
    [line] = [e for e in _lines(refused.output) if e.startswith("docs/news/2026/qua-lon/")]
    assert line == ("docs/news/2026/qua-lon/index.vi.md: file is 10,200,084 bytes, over the limit "
                    "of 1,000,000 (extra.news.max_article_bytes)")


def test_symlinked_secrets_reach_neither_the_site_nor_the_log(refused):
    assert SECRET not in refused.output
    if refused.site_dir.exists():
        for path in refused.site_dir.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("expected", [
    "docs/news/2026/kich-ban/index.vi.md:10: scripts are not allowed in articles",
    "docs/news/2026/kich-ban/index.vi.md:12: link to a \"javascript:\" URL is not allowed",
    "docs/news/2026/kich-ban/index.vi.md:14: embedded frames are not allowed",
    "docs/news/2026/kich-ban/index.vi.md:16: event handler attribute \"onerror\" is not allowed in <img>",
    "docs/news/2026/kich-ban/index.vi.md:18: attribute list sets the event handler \"onclick\": not allowed",
    "docs/news/2026/kich-ban/index.vi.md:20: link to a \"data:\" URL is not allowed",
    "docs/news/2026/kich-ban/index.vi.md:26: block option attrs may only set class and id, not \"onclick\"",
])
def test_unsafe_markdown_body_is_refused_at_its_line(refused, expected):
    assert any(line.startswith(expected) for line in _lines(refused.output)), _lines(refused.output)


def test_code_in_a_body_is_not_refused(refused):
    assert not [e for e in _lines(refused.output) if e.startswith("docs/news/2026/kich-ban/index.vi.md:22")]


def test_code_in_a_body_is_shown_as_code(tmp_path):
    project = new_project(tmp_path / "src")
    project.article("2026/ma", "vi", body=(
        "Đoạn đầu.\n\n`<script>alert(1)</script>` trong mã thì được.\n\n"
        '```html\n<meta http-equiv="refresh" content="0">\n<img src=x onerror=alert(2)>\n```\n'))
    built = project.build()
    assert built.ok, built.output
    page = built.html("news/2026/ma/index.html")
    codes = [c.text_content() for c in page.xpath("//div[@class='news-article__body']//code")]
    assert "<script>alert(1)</script>" in codes
    assert any('<meta http-equiv="refresh" content="0">' in c and "onerror=alert(2)" in c
               for c in codes)
    assert not page.xpath("//script[not(@src) and not(@type)]") and not page.xpath("//@onerror")


@pytest.mark.parametrize("where, expected", [
    ("long-nhau/index.vi.md:8", "quotes or lists are nested more than 16 levels deep"),
    ("danh-sach/index.vi.md:25", "quotes or lists are nested more than 16 levels deep"),
    ("ngoac/index.vi.md:8", "more than 200 '[' or '<' in one paragraph; split it"),
    ("nhan/index.vi.md:8", "more than 64 '*' or '_' in a row"),
])
def test_pathological_nesting_fails_fast_with_a_clear_error(refused, where, expected):
    assert f"docs/news/2026/{where}: {expected}" in _lines(refused.output)
    # Unbounded, these died with RecursionError after 28 s or rendered for 86 s; refused
    # up front, the whole build (ten hostile articles) stops within seconds.
    assert refused.seconds < 60, refused.seconds


# --- Pages that are not articles, and the safety net over rendered HTML -----------------

def test_script_or_foreign_template_in_a_static_page_is_refused(tmp_path):
    project = new_project(tmp_path / "src")
    project.write("about.vi.md", "---\ntitle: Giới thiệu\ntemplate: ../../../../etc/passwd\n---\n\n"
                                 "Xin chào.\n\n<a href=\"#\" onclick=\"alert(1)\">bấm</a>\n")
    built = project.build()
    assert not built.ok
    errors = _lines(built.output)
    assert 'docs/about.vi.md:8: event handler attribute "onclick" is not allowed in <a>' in errors
    assert ('docs/about.vi.md:3: template "../../../../etc/passwd" is not one of the site\'s page '
            "templates (leave template: out)") in errors
    assert "Traceback" not in built.output and "root:" not in built.output


def test_a_template_hole_is_caught_in_the_rendered_page(tmp_path):
    """A partial that prints an inline script and an unsafe link fails the build, naming
    the page and the problem (the body policy cannot see templates)."""
    project = new_project(tmp_path / "src")
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    hole = overrides / "partials" / "head" / "feeds.html"
    hole.write_text(hole.read_text(encoding="utf-8") + (
        "\n<script>var x = 1</script>"
        '\n<link rel="stylesheet" href="http://cdn.example.org/x.css">\n'), encoding="utf-8")
    copyright_partial = overrides / "partials" / "copyright.html"
    copyright_partial.write_text('<a href="https://example.org/" target="_blank">x</a>\n',
                                 encoding="utf-8")
    project.config["theme"] = {"name": "material", "custom_dir": str(overrides)}
    built = project.build()
    assert not built.ok
    errors = "\n".join(_lines(built.output))
    assert "inline <script> 'sha256-" in errors
    assert "(it begins: 'var x = 1')" in errors
    assert 'loads over http://' in errors
    assert '<a target="_blank"> needs rel="noopener noreferrer"' in errors
    assert "the rendered page is unsafe" in errors
    assert "Traceback" not in built.output


def test_every_page_carries_the_csp_meta(guarded):
    hostile = guarded
    for rel in ("index.html", "news/2026/tin-doc/index.html", "en/news/2026/tin-doc/index.html",
                "about/index.html", "404.html"):
        doc = hostile.html(rel)
        [policy] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert "script-src 'self' 'wasm-unsafe-eval';" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
        head = doc.find("head")
        position = list(head).index(doc.xpath("//meta[@http-equiv='Content-Security-Policy']")[0])
        scripts_before = [e for e in list(head)[:position] if e.tag == "script"]
        assert scripts_before == []


def test_active_files_in_docs_are_not_published(tmp_path):
    """An .html or .svg file in a bundle would be served from the site's address as is,
    its scripts running there with no template, policy or check in between."""
    project = new_project(tmp_path / "src")
    project.photo("news/2026/anh/anh.jpg")
    project.article("2026/anh", "vi", body="Nội dung.\n\n![Ảnh](anh.jpg)")
    project.write("news/2026/anh/trang.html", "<script>alert(1)</script>")
    project.write("news/2026/anh/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    built = project.build()
    assert not built.ok
    errors = _lines(built.output)
    assert errors[0].startswith('docs/news/2026/anh/logo.svg: ".svg" files are not published from docs/')
    assert errors[1].startswith('docs/news/2026/anh/trang.html: ".html" files are not published from docs/')
    assert errors[2] == "2 files in docs/ cannot be published (listed above); nothing was published"
    assert not (built.site_dir / "news/2026/anh/trang.html").exists()


def test_a_truncated_photo_builds_without_a_traceback(tmp_path):
    project = new_project(tmp_path / "src")
    project.write("news/2026/anh-hong/anh.jpg", b"\xff\xd8\xff\xff")  # a JPEG cut off by an upload
    project.article("2026/anh-hong", "vi", body="Nội dung.\n\n![Ảnh](anh.jpg)")
    built = project.build()
    assert "Traceback" not in built.output and "IndexError" not in built.output, built.output
    assert built.ok, built.output
    (image,) = built.html("news/2026/anh-hong/index.html").xpath("//img[contains(@src,'anh.jpg')]")
    assert image.get("width") is None  # its size cannot be read: shown without one


def test_control_characters_in_front_matter_are_refused_at_their_line(tmp_path):
    """YAML escapes can write control characters that XML cannot carry (one broke every
    feed): they are refused where they are, and nothing is published."""
    project = new_project(tmp_path / "src")
    project.article("2026/dieu-khien", "vi", title='RAW:"Tin \\x01 điều khiển \\e"',
                    lead='RAW:"Sapo \\x0b"')
    built = project.build()
    assert not built.ok
    assert ("docs/news/2026/dieu-khien/index.vi.md:2: title contains the invisible control "
            "character U+0001") in built.output
    assert "docs/news/2026/dieu-khien/index.vi.md:6: lead contains the invisible control " \
           "character U+000B" in built.output


def test_a_hostile_folder_name_is_refused_before_anything_is_built(tmp_path):
    """A bundle folder named with quotes would put `" onmouseover="…` into every href
    that carries its URL; the content check refuses it, even without --strict."""
    project = new_project(tmp_path / "src")
    project.article("2026/x\"onmouseover=\"alert(1)\"y='", "vi", title="Tin thư mục")
    built = project.build(strict=False)
    assert not built.ok
    errors = _lines(built.output)
    assert any("cannot be in a web address" in e and 'rename it to "x-onmouseover-alert-1-y"' in e
               for e in errors), errors
    assert not list(built.site_dir.rglob("*onmouseover*"))
