"""The editor's desk without a browser: the file view and merge, the generated CMS
configuration, the editing backend's rules, the HTTP server's guards, the command."""

from __future__ import annotations

import base64
import http.client
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from toasoan import content, frontmatter
from toasoan.content import scan
from toasoan.desk import cmsconfig, document
from toasoan.desk.backend import Desk, DeskError
from toasoan.desk.schema import LEFT_ALONE, article_fields, edited_fields
from toasoan.site_config import read_site
from toasoan.slug import slugify

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "docs/news/2026/khanh-thanh-cau-song-lam"
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the sample site (mkdocs.yml and docs/)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(REPO / "docs", site / "docs")
    return site


@pytest.fixture
def site(root: Path):
    return read_site(root / "mkdocs.yml")


@pytest.fixture
def desk(site) -> Desk:
    return Desk(site)


def view_of(desk: Desk, rel: str) -> dict:
    return json.loads(desk.get_entry({"path": rel})["data"])


def sample_files() -> list[Path]:
    return sorted((REPO / "docs" / "news").rglob("index.*.md"))


# ------------------------------------------------------------------ view and merge


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.parent.name + "/" + p.name)
def test_an_untouched_view_writes_back_every_byte_of_every_sample_article(path: Path, site):
    data = path.read_bytes()
    lang = path.name.split(".")[1]
    shown = document.view(document.read(data), lang, site.settings)
    assert document.merge(data, document.wanted(shown, lang, site.settings), site.settings) == data


def _merge(site, text: str, lang: str = "vi", **changes) -> str:
    data = text.encode("utf-8")
    shown = document.view(document.read(data), lang, site.settings)
    shown.update(changes)
    return document.merge(data, document.wanted(shown, lang, site.settings),
                          site.settings).decode("utf-8")


ARTICLE = """---
title: Cầu mới   # tên tạm
date: 2026-03-14T08:30:00+07:00
author: [Trần Thị Đào]
language: vi
categories:
  - Thời sự
  - Đô thị
# lead: "Sapo: một hai câu tóm tắt, in đậm dưới tiêu đề"  (bỏ dấu # để dùng)
draft: true
---

Nội dung *bài* viết.

![Cầu](cau.jpg "Cầu mới.")
"""


def test_changing_the_title_rewrites_that_line_only(site):
    out = _merge(site, ARTICLE, title="Cầu Sông Lam")
    assert out == ARTICLE.replace("title: Cầu mới   # tên tạm", 'title: "Cầu Sông Lam"')


def test_values_the_build_reads_the_same_are_kept_as_typed(site):
    # ISO date with offset = the same moment in site time; [A] = A; a block list.
    assert _merge(site, ARTICLE, date="2026-03-14 08:30", author=["Trần Thị Đào"],
                  categories=["Thời sự", "Đô thị"]) == ARTICLE


def test_a_changed_block_list_is_replaced_and_the_comment_after_it_kept(site):
    out = _merge(site, ARTICLE, categories=["Kinh tế"])
    assert 'categories: ["Kinh tế"]\n# lead: "Sapo' in out
    assert "  - Thời sự" not in out


def test_a_new_field_goes_in_the_contracts_order_and_replaces_its_hint(site):
    out = _merge(site, ARTICLE, lead="Sáng 14/3, cầu thông xe.")
    assert '  - Đô thị\nlead: "Sáng 14/3, cầu thông xe."\ndraft: true\n' in out
    assert "# lead:" not in out


def test_publishing_removes_the_draft_line(site):
    assert _merge(site, ARTICLE, draft=False) == ARTICLE.replace("draft: true\n", "")


def test_a_changed_body_is_written_as_sent_and_the_front_matter_kept(site):
    out = _merge(site, ARTICLE, body="Nội dung mới.\n\n![Cầu](cau.jpg \"Cầu mới.\")")
    head = ARTICLE.split("---\n\n")[0]
    assert out == head + "---\n\nNội dung mới.\n\n![Cầu](cau.jpg \"Cầu mới.\")\n"


def test_crlf_line_ends_and_a_byte_order_mark_survive_an_edit(site):
    data = ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8")
    shown = document.view(document.read(data), "vi", site.settings)
    shown["title"] = "Cầu Sông Lam"
    out = document.merge(data, document.wanted(shown, "vi", site.settings), site.settings)
    assert out.startswith(b"\xef\xbb\xbf---\r\ntitle: \"C")
    assert out.count(b"\r\n") == data.count(b"\r\n") and b"\n" not in out.replace(b"\r\n", b"")


def test_a_title_yaml_misreads_is_rewritten_as_text_when_the_editor_keeps_it(site):
    # `No` is false for YAML: the CMS shows "No"; saving it writes the quoted text.
    out = _merge(site, ARTICLE.replace("title: Cầu mới   # tên tạm", "title: No"), title="No")
    assert 'title: "No"\n' in out
    document_ = frontmatter.parse(frontmatter.decode(out.encode()))
    assert document_.value("title") == "No"


def test_categories_are_shown_in_the_main_language_and_written_in_the_files(site):
    en = (REPO / "docs/news/2026/song-lam-fishing-fleet-returns-with-record-autumn-catch"
          / "index.en.md").read_bytes()
    shown = document.view(document.read(en), "en", site.settings)
    assert shown["categories"] == ["Kinh tế"]  # Economy, as the CMS's options store it
    shown["categories"] = ["Kinh tế", "Văn hóa"]
    out = document.merge(en, document.wanted(shown, "en", site.settings), site.settings)
    assert b'categories: ["Economy", "Culture"]\n' in out


def test_a_new_file_is_written_like_toasoan_new_and_passes_the_build(site, root):
    values = document.wanted({"title": "Đông Du mở hội", "date": "2026-09-02 07:30",
                              "author": ["Trần Thị Đào"], "categories": ["Văn hóa"],
                              "draft": True, "body": "Nội dung."}, "vi", site.settings)
    text = document.compose(values, "vi").decode("utf-8")
    assert text == ('---\ntitle: "Đông Du mở hội"\ndate: 2026-09-02 07:30\n'
                    'author: "Trần Thị Đào"\nlanguage: vi\ncategories: ["Văn hóa"]\n'
                    "draft: true\n---\n\nNội dung.\n")
    target = root / "docs/news/2026/dong-du-mo-hoi/index.vi.md"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    room = scan(root / "docs", site.settings, root=root)
    assert [p for p in room.errors if "dong-du-mo-hoi" in p.path] == []


def test_an_unreadable_file_is_reported_with_its_line(site):
    with pytest.raises(document.DocumentError) as caught:
        document.read(b"---\ntitle: [x\n---\n")
    assert caught.value.line == 2


# --------------------------------------------------------------- configuration


def test_the_cms_and_the_validator_agree_on_the_fields(site):
    config = cmsconfig.cms_config(site, authors=["Trần Thị Đào"])
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert [f.name for f in article_fields()] == list(content.ARTICLE_FIELDS)
    for name in content.REQUIRED_FIELDS:
        if name == "language":  # never typed: the desk writes it from the file name
            assert name not in fields
            continue
        assert fields[name]["required"] is True, name
    for name, field in fields.items():
        if name == "body":
            continue
        assert name in content.ARTICLE_FIELDS, name
        assert field["required"] is (name in content.REQUIRED_FIELDS), name
    # Every field of the contract is edited, derived, or named as left alone in the file
    # (translation_of, written by toasoan translate); none is left out silently.
    assert {f.name for f in edited_fields()} | {"language"} | LEFT_ALONE == \
        set(content.ARTICLE_FIELDS)
    assert fields["tags"]["widget"] == "list" and "options" not in fields["tags"]


def test_every_category_option_is_a_configured_label(site):
    config = cmsconfig.cms_config(site, authors=[])
    options = next(f for f in config["collections"][0]["fields"]
                   if f["name"] == "categories")["options"]
    main = site.settings.default_language.code
    assert [o["value"] for o in options] == list(site.settings.known_categories(main))
    for option in options:
        for label in option["label"].split(" · "):
            assert any(label in pair.values() for pair in site.settings.categories)


def test_languages_and_folders_come_from_the_site(site):
    config = cmsconfig.cms_config(site, authors=[])
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en"],
                              "default_locale": "vi"}
    assert config["locale"] == "vi"
    collection = config["collections"][0]
    assert collection["folder"] == "docs/news"
    assert collection["media_folder"] == collection["public_folder"] == ""
    assert config["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}


def test_known_authors_are_read_from_the_articles(site):
    authors = cmsconfig.known_authors(site)
    assert "Trần Thị Đào" in authors and "Nguyễn Văn Đức" in authors
    assert len(authors) == len(set(authors))


def test_the_remote_configuration_opens_pull_requests_on_github(site):
    config = cmsconfig.cms_config(site, backend="github", repo="baosonglam/site",
                                  auth_url="https://auth.baosonglam.example.org", authors=[])
    assert config["backend"] == {"name": "github", "repo": "baosonglam/site", "branch": "main",
                                 "base_url": "https://auth.baosonglam.example.org"}
    assert config["publish_mode"] == "editorial_workflow"


# ------------------------------------------------------------------------ backend


def persist(desk: Desk, files: dict[str, dict], *, new: bool = False,
            assets: dict[str, bytes] | None = None) -> dict:
    return desk.persist_entry({
        "dataFiles": [{"path": path, "raw": json.dumps(shown)} for path, shown in files.items()],
        "assets": [{"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"}
                   for path, data in (assets or {}).items()],
        "options": {"newEntry": new}})


NEW = {"title": "Đà Nẵng đón đoàn công tác", "date": "2026-09-02 07:30", "author": ["Lê Minh"],
       "categories": ["Thời sự"], "draft": True,
       "body": 'Nội dung.\n\n![Đoàn](doan.jpg "Đoàn công tác tại cảng.")'}


def test_a_new_article_gets_the_builds_folder_and_its_photo(desk: Desk, root: Path):
    prepared = desk.prepare({"versions": {"vi": NEW}, "photos": [{"name": "doan.jpg",
                                                                   "size": 22}]})
    assert (prepared["year"], prepared["slug"]) == ("2026", "da-nang-don-doan-cong-tac")
    assert prepared["errors"] == [] and prepared["warnings"] == []
    folder = "docs/news/2026/da-nang-don-doan-cong-tac"
    persist(desk, {f"{folder}/index.vi.md": NEW, f"{folder}/index.en.md": {"draft": True}},
            new=True, assets={f"{folder}/doan.jpg": TINY_JPEG})
    bundle = root / folder
    assert sorted(p.name for p in bundle.iterdir()) == ["doan.jpg", "index.vi.md"]  # no en text
    assert (bundle / "doan.jpg").read_bytes() == TINY_JPEG


def test_a_taken_folder_gets_the_next_free_name_and_is_never_reused(desk: Desk, root: Path):
    (root / "docs/news/2026/da-nang-don-doan-cong-tac").mkdir()
    assert desk.prepare({"versions": {"vi": NEW}})["slug"] == "da-nang-don-doan-cong-tac-2"
    with pytest.raises(DeskError, match="already exists"):
        persist(desk, {"docs/news/2026/da-nang-don-doan-cong-tac/index.vi.md": NEW}, new=True)


def test_a_new_article_must_go_where_its_title_and_date_say(desk: Desk):
    with pytest.raises(DeskError, match=r"docs/news/2026/da-nang-don-doan-cong-tac/, from its title"):
        persist(desk, {"docs/news/2025/somewhere/index.vi.md": NEW}, new=True)


def test_a_save_the_build_would_refuse_writes_nothing_and_says_why(desk: Desk, root: Path):
    rel = f"{SAMPLE}/index.vi.md"
    before = (root / rel).read_bytes()
    shown = view_of(desk, rel)
    shown["body"] += '\n\n<script>alert(1)</script>'
    with pytest.raises(DeskError) as caught:
        persist(desk, {rel: shown})
    assert (root / rel).read_bytes() == before
    text = caught.value.text()
    assert text.startswith("not saved: the build would refuse this article")
    assert f"{rel}:" in text and "script" in text


def test_an_existing_photo_is_never_replaced(desk: Desk, root: Path):
    rel = f"{SAMPLE}/index.vi.md"
    with pytest.raises(DeskError, match="already exists and is another photo"):
        persist(desk, {rel: view_of(desk, rel)}, assets={f"{SAMPLE}/cau-song-lam.jpg": TINY_JPEG})
    assert (root / SAMPLE / "cau-song-lam.jpg").read_bytes() != TINY_JPEG


@pytest.mark.parametrize("path", ["../secret.md", "docs/../mkdocs.yml", "/etc/passwd",
                                  "docs/about.vi.md", "docs/news/2026/x/notes.md"])
def test_writes_outside_an_article_folder_are_refused(desk: Desk, path: str):
    with pytest.raises(DeskError):
        persist(desk, {path: NEW})


def test_photos_only_go_into_the_articles_own_folder(desk: Desk):
    rel = f"{SAMPLE}/index.vi.md"
    with pytest.raises(DeskError, match="article's own folder"):
        persist(desk, {rel: view_of(desk, rel)},
                assets={"docs/news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so/x.jpg": TINY_JPEG})
    with pytest.raises(DeskError, match="only photos"):
        persist(desk, {rel: view_of(desk, rel)}, assets={f"{SAMPLE}/app.js": b"alert(1)"})


def test_articles_are_not_deleted_and_photos_in_use_are_kept(desk: Desk, root: Path):
    with pytest.raises(DeskError, match="does not delete articles"):
        desk.delete_files({"paths": [f"{SAMPLE}/index.vi.md"]})
    with pytest.raises(DeskError, match="is used by"):
        desk.delete_files({"paths": [f"{SAMPLE}/cau-song-lam.jpg"]})
    (root / SAMPLE / "unused.jpg").write_bytes(TINY_JPEG)
    desk.delete_files({"paths": [f"{SAMPLE}/unused.jpg"]})
    assert not (root / SAMPLE / "unused.jpg").exists()


def test_an_article_without_a_main_language_file_gets_an_empty_main_version(desk: Desk):
    folder = "docs/news/2026/song-lam-fishing-fleet-returns-with-record-autumn-catch"
    shown = view_of(desk, f"{folder}/index.vi.md")
    assert shown["title"] == "" and shown["body"] == ""
    assert shown["date"] == "2026-11-06 07:30" and shown["categories"] == ["Kinh tế"]
    assert desk.get_entry({"path": "docs/news/2026/nothing-here/index.vi.md"})["data"] is None


def test_the_slug_rule_is_the_builds(desk: Desk):
    title = "Đồng Du: 12 đội đua thuyền"
    assert desk.prepare({"versions": {"vi": {**NEW, "title": title}}})["slug"] == slugify(title) \
        == "dong-du-12-doi-dua-thuyen"


# ------------------------------------------------------------------------- server


@pytest.fixture
def server(site, tmp_path: Path):
    from toasoan.desk.server import DeskServer

    cms = tmp_path / "cms"
    cms.mkdir()
    (cms / "decap-cms.js").write_text("/* stand-in */", encoding="utf-8")
    running = DeskServer(site, 0, cms_dir=cms)
    running.start()
    yield running
    running.shutdown()
    running.server_close()


def _request(server, method: str, path: str, body: bytes | None = None, **headers: str):
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": f"127.0.0.1:{port}", **headers}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_the_admin_page_has_its_own_policy_and_is_not_indexed(server):
    status, headers, body = _request(server, "GET", "/admin/")
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert b'<meta name="robots" content="noindex, nofollow">' in body
    assert b"<script>" not in body  # scripts are files only


def test_another_host_name_is_refused(server):
    status, _, _ = _request(server, "GET", "/admin/", Host="attacker.example:80")
    assert status == 421


def test_a_write_from_another_web_page_is_refused(server, root: Path):
    rel = f"{SAMPLE}/index.vi.md"
    before = (root / rel).read_bytes()
    payload = json.dumps({"action": "persistEntry", "params": {"dataFiles": []}}).encode()
    status, _, _ = _request(server, "POST", "/api/v1", payload, **{
        "Content-Type": "application/json", "Origin": "https://attacker.example"})
    assert status == 403
    status, _, _ = _request(server, "POST", "/api/v1", payload, **{"Content-Type": "text/plain"})
    assert status == 415
    assert (root / rel).read_bytes() == before


def test_the_protocol_answers_as_the_cms_expects(server):
    payload = json.dumps({"action": "entriesByFolder",
                          "params": {"folder": "docs/news", "extension": "md", "depth": 3}})
    status, _, body = _request(server, "POST", "/api/v1", payload.encode(),
                               **{"Content-Type": "application/json"})
    entries = json.loads(body)
    assert status == 200
    assert len(entries) == len(sample_files())
    assert all(e["file"]["path"].startswith("docs/news/2026/") for e in entries)
    status, _, body = _request(server, "POST", "/api/v1",
                               json.dumps({"action": "nope", "params": {}}).encode(),
                               **{"Content-Type": "application/json"})
    assert status == 422 and "unknown action" in json.loads(body)["error"]


# ------------------------------------------------------------------------ command


def test_toasoan_edit_says_clearly_when_its_port_is_taken(root: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-c", "import sys; from toasoan.cli import main; "
                               "sys.exit(main())", "edit", "--port", str(port)], cwd=root,
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"toasoan: error: port {port} on 127.0.0.1 is already in use (another 'toasoan edit' or "
        "'mkdocs serve'?); stop it, or choose another port with --port")


# ------------------------------------------------------------------ remote editors


def test_the_remote_desk_setting_is_validated_naming_the_key():
    from toasoan.config import SettingsError, load_settings
    from toasoan.site_config import languages

    langs = languages({"plugins": [{"i18n": {"languages": [{"locale": "vi", "default": True}]}}]},
                      "mkdocs.yml")
    settings = load_settings({"desk": {"repo": "baosonglam/site",
                                       "auth_url": "https://auth.example.org/"}}, langs)
    assert settings.desk.repo == "baosonglam/site" and settings.desk.branch == "main"
    assert settings.desk.auth_url == "https://auth.example.org"
    assert load_settings({}, langs).desk is None
    for raw, message in (({"repo": "site"}, "extra.news.desk.repo: must be the GitHub repository"),
                         ({"repo": "a/b", "auth_url": "http://x"}, "extra.news.desk.auth_url:"),
                         ({"repo": "a/b", "token": "x"}, "extra.news.desk.token: unknown"),
                         ("yes", "extra.news.desk: must be a mapping")):
        with pytest.raises(SettingsError, match=message):
            load_settings({"desk": raw}, langs)


def test_the_admin_page_for_remote_editors_adds_files_under_admin_only(site, tmp_path: Path):
    from toasoan.desk.remote import RemoteDesk, write_admin

    built = tmp_path / "built"
    (built / "news").mkdir(parents=True)
    (built / "index.html").write_text("<html>home</html>", encoding="utf-8")
    cms = tmp_path / "cms"
    cms.mkdir()
    for name, data in (("decap-cms.js", "/* cms */"), ("1.decap-cms.js", "/* chunk */"),
                       ("decap-cms.js.map", "{}"), ("cms.js", "/* the same, again */"),
                       ("1.cms.js", "/* chunk */")):
        (cms / name).write_text(data, encoding="utf-8")
    admin = write_admin(built, site, RemoteDesk("baosonglam/site", "main",
                                                "https://auth.example.org"), cms_dir=cms)
    assert admin == built / "admin"
    assert (built / "index.html").read_text(encoding="utf-8") == "<html>home</html>"
    assert sorted(p.name for p in (admin / "cms").iterdir()) == ["1.decap-cms.js", "decap-cms.js"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'data-desk-mode="remote"' in page
    assert ("connect-src 'self' blob: https://api.github.com https://auth.example.org" in page)
    setup = json.loads((admin / "config.json").read_text(encoding="utf-8"))
    assert setup["desk"]["mode"] == "remote"
    assert setup["cms"]["backend"]["name"] == "github"
    assert setup["cms"]["publish_mode"] == "editorial_workflow"
    categories = next(f for f in setup["cms"]["collections"][0]["fields"]
                      if f["name"] == "categories")
    assert {"label": "Economy", "value": "Economy"} in categories["options"]


def test_the_article_list_carries_no_text_and_is_never_saved_back(desk: Desk, root: Path):
    listed = desk.entries_by_folder({"folder": "docs/news", "extension": "md", "depth": 3})
    sample = next(e for e in listed if e["file"]["path"] == f"{SAMPLE}/index.vi.md")
    shown = json.loads(sample["data"])
    assert shown["title"] == "Khánh thành cầu Sông Lam nối đôi bờ Đông Du" and shown["body"] == ""
    before = (root / SAMPLE / "index.vi.md").read_bytes()
    with pytest.raises(DeskError, match="reload the page"):
        persist(desk, {f"{SAMPLE}/index.vi.md": shown})
    assert (root / SAMPLE / "index.vi.md").read_bytes() == before
    # An opened article has its text.
    assert view_of(desk, f"{SAMPLE}/index.vi.md")["body"].startswith("Cầu Sông Lam dài 1.240 m")


def test_a_new_translation_starts_from_the_main_versions_shared_fields(desk: Desk, root: Path):
    folder = "docs/news/2026/khan-truong-khac-phuc-hau-qua-mua-lu-tai-cac-xa-ven-song"
    vi = view_of(desk, f"{folder}/index.vi.md")
    assert vi["draft"] is False
    # What the CMS sends for a version it has never seen: its fields' defaults.
    en = {"title": "Speeding up public investment", "draft": True, "date": "2026-12-01 10:00",
          "author": [], "categories": [], "body": "Text."}
    persist(desk, {f"{folder}/index.vi.md": vi, f"{folder}/index.en.md": en})
    written = frontmatter.parse(frontmatter.decode((root / folder / "index.en.md").read_bytes()))
    assert written.value("draft") is None  # published, like the Vietnamese version
    assert written.value("pin") is True
    assert written.fields["date"].raw == "2026-11-17 11:10"
    assert written.value("author") == "Trần Thị Đào"
    assert written.value("categories") == ["News"]
    assert written.value("image") == "nuoc-lu-xa-dong-xuan.jpg"
    assert written.value("title") == "Speeding up public investment"


def test_the_preview_renders_with_the_sites_own_heading_ids_and_captions():
    """The preview reads mkdocs.yml as toasoan check does: the heading slug function
    named with !!python/name: is ours and is used (it once crashed the preview pane)."""
    from toasoan.desk import preview
    from toasoan.slug import slugify_heading

    site = read_site(REPO / "mkdocs.yml")
    bundle = REPO / "docs/news/2026/khanh-thanh-cau-song-lam"
    html = preview.render_body(site, bundle, "Mở đầu.\n\n## Đường về Đông Du\n\n"
                               '![Cầu](cau-song-lam.jpg "Cầu nhìn từ bờ nam.")\n')
    assert f'id="{slugify_heading("Đường về Đông Du", "-")}"' in html
    assert 'id="duong-ve-dong-du"' in html
    assert "<figcaption>Cầu nhìn từ bờ nam.</figcaption>" in html


def test_the_preview_answers_with_the_articles_dateline_signature_and_body(desk: Desk, site):
    from toasoan.desk import preview

    entry = desk.get_entry({"path": SAMPLE + "/index.vi.md"})
    data = json.loads(entry["data"]) if isinstance(entry["data"], str) else entry["data"]
    shown = preview.preview_request(site, {"path": SAMPLE + "/index.vi.md", "lang": "vi",
                                           "data": data})
    assert shown["dateline"]["text"] == "14/03/2026 - 08:30"
    assert shown["signature"] == "Trần Thị Đào"
    assert "<figure" in shown["body"] and "/desk/photo/" in shown["body"]
