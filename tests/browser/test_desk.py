"""The editor's desk in a real browser: `toasoan edit` on a copy of the sample site.

Each test starts the real command (desk + live preview on 127.0.0.1), drives the
web editor in Debian's chromium as a journalist would, then checks the files on
disk, `toasoan check` and a real `mkdocs build` of the copy. Every request the
browser makes is recorded; none may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import NOW_EPOCH
from toasoan import frontmatter

REPO = Path(__file__).resolve().parents[2]
TOASOAN = [sys.executable, "-c", "import sys; from toasoan.cli import main; sys.exit(main())"]
SAMPLE = "docs/news/2026/khanh-thanh-cau-song-lam"
LOCAL = ("http://127.0.0.1:", "blob:http://127.0.0.1:", "data:")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(root: Path, *args: str, when: str = "2026-11-20T09:00:00+07:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-c", "user.name=Desk Test", "-c", "user.email=desk@example.org",
                    *args], cwd=root, check=True, capture_output=True, env=env)


def copy_newsroom(root: Path) -> Path:
    """A copy of the sample site (its own git repository), with the real hooks and overrides."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    for folder in ("hooks", "overrides"):
        (root / folder).symlink_to(REPO / folder, target_is_directory=True)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "sample")
    return root


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    return copy_newsroom(tmp_path / "newsroom")


@dataclass
class Desk:
    url: str
    preview: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    root: Path = Path()


@pytest.fixture
def desk(newsroom: Path) -> Iterator[Desk]:
    yield from run_desk(newsroom)


def run_desk(newsroom: Path) -> Iterator[Desk]:
    """`toasoan edit` running on the copy; stopped with Ctrl-C (SIGINT) at the end."""
    port, preview_port = _free_port(), _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("TOASOAN_PREVIEW", None)
    process = subprocess.Popen([*TOASOAN, "edit", "--port", str(port), "--preview-port",
                                str(preview_port)], cwd=newsroom, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output: list[str] = []
    found: dict[str, str] = {}
    started = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            match = re.search(r"(Editor's desk|Site preview):\s+(http://\S+)", line)
            if match:
                found[match.group(1)] = match.group(2)
            if len(found) == 2:
                started.set()

    threading.Thread(target=read, daemon=True).start()
    if not started.wait(60):
        process.kill()
        pytest.fail("toasoan edit did not print its addresses:\n" + "".join(output))
    running = Desk(found["Editor's desk"], found["Site preview"], process, output, newsroom)
    yield running
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 0, "".join(output)
    for port_in_use in (port, preview_port):  # both servers are gone: nothing listens
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port_in_use)) != 0


@dataclass
class Browser:
    page: object
    requests: list[str]
    console: list[str] = field(default_factory=list)

    def third_party(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL)]

    def policy_violations(self) -> list[str]:
        """What the admin page's Content-Security-Policy blocked (it should block nothing)."""
        return [line for line in self.console if "Content Security Policy" in line]


@pytest.fixture(scope="module")
def shared_desk(tmp_path_factory) -> Iterator[Desk]:
    """One desk for the tests that only read (and saves that are refused).

    Its copy has history: the Vietnamese version of the sample article changed
    after its translation (stale).
    """
    root = copy_newsroom(tmp_path_factory.mktemp("shared") / "newsroom")
    vi = root / SAMPLE / "index.vi.md"
    vi.write_text(vi.read_text(encoding="utf-8") + "\nCầu được thông xe từ 15 giờ.\n",
                  encoding="utf-8")
    _git(root, "commit", "-qam", "vi correction", when="2026-11-26T16:40:00+07:00")
    yield from run_desk(root)


@pytest.fixture
def shared_editor(browser, shared_desk: Desk) -> Iterator[Browser]:
    yield from open_browser(browser)


@pytest.fixture
def editor(browser, desk: Desk) -> Iterator[Browser]:
    yield from open_browser(browser)


def open_browser(browser) -> Iterator[Browser]:
    """A journalist's browser (Vietnamese, newsroom time), every request recorded."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": 1500, "height": 950})
    requests: list[str] = []

    def record(route) -> None:
        url = route.request.url
        requests.append(url)
        if url.startswith(LOCAL):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    context.on("websocket", lambda ws: requests.append(ws.url))
    page = context.new_page()
    page.set_default_timeout(20_000)
    found = Browser(page, requests)
    page.on("console", lambda m: found.console.append(f"{m.type}: {m.text[:500]}"))
    start = time.monotonic()
    for event in ("request", "requestfinished", "requestfailed"):
        page.on(event, lambda r, e=event: found.console.append(
            f"{time.monotonic() - start:7.1f} {e} {r.method} {r.url} {(r.post_data or '')[:120]}")
            if r.method == "POST" else None)
    yield found
    context.close()


def _photo(path: Path) -> Path:
    Image.new("RGB", (800, 500), (196, 64, 38)).save(path, "JPEG", quality=80)
    return path


def _save(page) -> None:
    """The CMS's "Publish" menu, "Publish now" (in simple mode: write the files)."""
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def _wait_for(condition, what: str, editor: Browser, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        # Not time.sleep: the recording route answers requests only while Playwright runs.
        editor.page.wait_for_timeout(200)
    editor.page.screenshot(path=str(Path(os.environ.get("DESK_SHOTS", "/tmp")) / "desk-failure.png"))
    panel = editor.page.locator(".desk-panel").all_inner_texts()
    toasts = editor.page.locator("[class*=toast], [class*=Toast]").all_inner_texts()
    pytest.fail(f"timed out waiting for {what}; desk panel: {panel}; notices: {toasts}; "
                "console:\n" + "\n".join(editor.console[-40:]))


def _caret_at_the_end(body, editor: Browser) -> None:
    """Put the caret at the end of the editor's text, and make sure it is there: the CMS
    may mount its Markdown editor again after the first click (the caret then goes back
    to the start of the text), more often on a busy machine."""
    def there() -> bool:
        body.locator(":scope > *").last.click()  # the last paragraph of the text
        editor.page.keyboard.press("Control+End")  # its end (End stops at a wrapped line's end)
        return body.evaluate("""e => {
            const s = getSelection();
            if (!s.rangeCount || !s.isCollapsed || !e.lastElementChild.contains(s.focusNode))
                return false;
            const after = document.createRange();
            after.setStart(s.focusNode, s.focusOffset);
            after.setEnd(e.lastElementChild, e.lastElementChild.childNodes.length);
            return after.toString().replace(/[\u200b\ufeff]/g, '') === '';
        }""")
    _wait_for(there, "the caret at the end of the text", editor)


def _insert_photo(page, pane: int, *, upload: Path | None, alt: str, caption: str) -> None:
    """The body's + menu, "Ảnh có chú thích": pick (or upload) a photo, type alt and caption."""
    page.get_by_role("button", name="Chèn").nth(pane).click()
    page.get_by_role("menuitem", name="Ảnh có chú thích").click()
    component = page.locator("[data-slate-editor=true]").nth(pane)
    component.get_by_role("button", name="Chọn một hình").click()
    library = page.get_by_role("dialog")
    if upload is not None:  # an upload is selected as it arrives
        page.locator("input[type=file]").set_input_files(upload)
        library.get_by_text(upload.name).wait_for()
    else:
        library.get_by_text("dua-thuyen.jpg").click()
    library.get_by_role("button", name="Lấy những cái đã chọn").click()
    component.get_by_label("Mô tả ảnh (đọc cho người không nhìn thấy)").fill(alt)
    component.get_by_label("Chú thích").fill(caption)


def _field(page: Any, name: str, version: int = 0) -> Any:
    """A field of the entry by its name: Decap numbers its ids in the schema's order, so
    the first (Vietnamese) or second (English) version's field of that name."""
    # (not the fields of a photo inserted in the text, which Decap numbers alike)
    return page.locator(f':is(input, textarea)[id^="{name}-field-"]'
                        ":not([data-slate-editor] *)").nth(version)


def _front(path: Path) -> frontmatter.FrontMatter:
    return frontmatter.parse(frontmatter.decode(path.read_bytes()))


def _build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TOASOAN_PREVIEW", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(root / "mkdocs.yml"), "-d", str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_new_article_with_a_captioned_photo_and_its_translation_lands_as_the_contract_says(
        editor: Browser, desk: Desk, newsroom: Path, tmp_path: Path):
    page = editor.page
    photo = _photo(tmp_path / "dua-thuyen.jpg")
    page.goto(desk.url + "#/collections/news/new")

    # Vietnamese, on the left.
    vi = _field(page, "title", 0)
    vi.fill("Đua thuyền trên sông Lam mừng Quốc khánh")
    _field(page, "date", 0).fill("2026-09-02T07:30")
    _field(page, "author", 0).fill("Trần Thị Đào")
    _field(page, "categories", 0).click()
    page.get_by_text("Văn hóa · Culture", exact=True).click()
    _field(page, "lead", 0).fill("Hàng nghìn người dân đổ về hai bờ sông Lam xem hội "
                                       "đua thuyền truyền thống.")
    body = page.locator("[data-slate-editor=true]").nth(0)
    body.click()
    page.keyboard.type("Sáng 2/9, mười hai đội thuyền đã tranh tài trên sông Lam.")
    page.keyboard.press("Enter")
    _insert_photo(page, 0, upload=photo, alt="Những chiếc thuyền đua sơn đỏ lướt trên mặt sông",
                  caption="Đội thuyền xã Đông Du về nhất nội dung nam.")

    # English, side by side on the right: the shared fields are already there.
    assert _field(page, "author", 1).input_value() == "Trần Thị Đào"
    _field(page, "title", 1).fill("Boat race on the Lam river marks National Day")
    _field(page, "lead", 1).fill("Thousands lined both banks of the Lam river to watch "
                                        "the traditional boat race.")
    page.locator("[data-slate-editor=true]").nth(1).click()
    page.keyboard.type("On the morning of September 2, twelve crews raced on the Lam river.")
    page.keyboard.press("Enter")
    _insert_photo(page, 1, upload=None, alt="Red racing boats gliding on the river",
                  caption="The Dong Du commune crew won the men's race.")
    _save(page)

    bundle = newsroom / "docs/news/2026/dua-thuyen-tren-song-lam-mung-quoc-khanh"
    vi_file, en_file = bundle / "index.vi.md", bundle / "index.en.md"
    _wait_for(lambda: vi_file.exists() and en_file.exists(), "the two files of the new article",
              editor)

    # The contract: one folder (slug with đ -> d), both languages, the photo inside.
    assert sorted(p.name for p in bundle.iterdir()) == ["dua-thuyen.jpg", "index.en.md",
                                                          "index.vi.md"]
    assert (bundle / "dua-thuyen.jpg").read_bytes() == photo.read_bytes()
    vi_front, en_front = _front(vi_file), _front(en_file)
    assert vi_front.value("title") == "Đua thuyền trên sông Lam mừng Quốc khánh"
    assert en_front.value("title") == "Boat race on the Lam river marks National Day"
    for front, lang, category in ((vi_front, "vi", "Văn hóa"), (en_front, "en", "Culture")):
        assert front.fields["date"].raw == "2026-09-02 07:30"
        assert front.value("author") == "Trần Thị Đào"
        assert front.value("language") == lang
        assert front.value("categories") == [category]
        assert front.value("draft") is True  # a new article is a draft until published
    assert '![Những chiếc thuyền đua sơn đỏ lướt trên mặt sông](dua-thuyen.jpg "Đội thuyền xã ' \
           'Đông Du về nhất nội dung nam.")' in vi_front.body
    assert '![Red racing boats gliding on the river](dua-thuyen.jpg "The Dong Du commune crew ' \
           "won the men's race.\")" in en_front.body

    check = subprocess.run([*TOASOAN, "check", str(bundle)], cwd=newsroom, capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors, 0 warnings" in check.stdout

    # Publishing: the draft switch off; only that line goes, in both files.
    before = {path: path.read_bytes() for path in (vi_file, en_file)}
    page.wait_for_url(re.compile(r".*/entries/2026/dua-thuyen-tren-song-lam-mung-quoc-khanh/index$"))
    draft = page.locator("[id^='draft-field-']").first  # the Vietnamese pane's switch
    assert draft.get_attribute("aria-checked") == "true"
    draft.click()
    _save(page)
    _wait_for(lambda: b"draft:" not in vi_file.read_bytes() and b"draft:" not in en_file.read_bytes(),
              "the draft line to go", editor)
    for path, old in before.items():
        assert path.read_bytes() == old.replace(b"draft: true\n", b"")

    build = _build(newsroom, tmp_path / "out")
    assert build.returncode == 0, build.stdout + build.stderr
    import lxml.html

    for url, caption in (("news/2026/dua-thuyen-tren-song-lam-mung-quoc-khanh/",
                          "Đội thuyền xã Đông Du về nhất nội dung nam."),
                         ("en/news/2026/dua-thuyen-tren-song-lam-mung-quoc-khanh/",
                          "The Dong Du commune crew won the men's race.")):
        html = lxml.html.fromstring((tmp_path / "out" / url / "index.html").read_bytes())
        figure = html.xpath("//div[contains(@class, 'news-article__body')]//figure")
        assert len(figure) == 1
        image = figure[0].xpath(".//img")[0]
        served = (tmp_path / "out" / url / image.get("src")).resolve()
        assert served.name == "dua-thuyen.jpg"  # the photo both versions share
        assert served.read_bytes() == photo.read_bytes()
        assert figure[0].xpath(".//figcaption")[0].text_content().strip() == caption

    assert editor.third_party() == []
    assert editor.policy_violations() == []
    assert any(url.startswith(desk.url) for url in editor.requests)


def test_changing_only_the_title_rewrites_only_the_title_line(editor: Browser, desk: Desk,
                                                               newsroom: Path):
    page = editor.page
    vi_file = newsroom / SAMPLE / "index.vi.md"
    untouched = {p: p.read_bytes() for p in (newsroom / SAMPLE).iterdir()}
    page.goto(desk.url + "#/collections/news/entries/2026/khanh-thanh-cau-song-lam/index")
    title = _field(page, "title", 0)
    assert title.input_value() == "Khánh thành cầu Sông Lam nối đôi bờ Đông Du"
    title.fill("Khánh thành cầu Sông Lam, nối đôi bờ Đông Du")
    _save(page)
    _wait_for(lambda: vi_file.read_bytes() != untouched[vi_file], "the saved title", editor)

    old = untouched[vi_file].decode("utf-8").split("\n")
    new = vi_file.read_bytes().decode("utf-8").split("\n")
    assert len(new) == len(old)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [1]
    assert new[1] == 'title: "Khánh thành cầu Sông Lam, nối đôi bờ Đông Du"'
    for path, data in untouched.items():
        if path != vi_file:
            assert path.read_bytes() == data, path.name
    assert editor.third_party() == []
    assert editor.policy_violations() == []


def test_a_save_the_build_would_refuse_shows_the_builds_message_and_writes_nothing(
        shared_editor: Browser, shared_desk: Desk):
    page = shared_editor.page
    bundle = shared_desk.root / "docs/news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so"
    before = {p: p.read_bytes() for p in bundle.iterdir()}
    original = before[bundle / "index.vi.md"].decode("utf-8").rstrip("\n").split("\n")
    closing = original.index("---", 1)  # the front matter's end
    body_start = next(i for i in range(closing + 1, len(original)) if original[i].strip()) + 1
    saves: list[dict] = []
    page.on("request", lambda r: saves.append(json.loads(r.post_data))
            if r.method == "POST" and r.url.endswith("/desk/api/prepare") else None)
    page.goto(shared_desk.url + "#/collections/news/entries/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so/index")
    page.get_by_role("button", name="Hiện/ẩn bản dịch bên cạnh").click()
    body = page.locator("[data-slate-editor=true]").first
    body.wait_for()
    page.locator("button[role=switch][class*=ToolbarToggle]").first.click()  # Markdown mode
    # In Markdown mode the article's photo is plain text again.
    _wait_for(lambda: "](" in body.inner_text(), "the Markdown mode", shared_editor)
    _caret_at_the_end(body, shared_editor)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type('![Hội trường](khong-co.jpg "Hội nghị sáng 12/9.")')
    _wait_for(lambda: '(khong-co.jpg "Hội nghị sáng 12/9.")' in body.inner_text(),
              "the typed photo", shared_editor)
    _save(page)
    panel = page.locator(".desk-panel__error")
    panel.first.wait_for()
    # The line is the photo's line in the file the save would have written: the front
    # matter as it is, then the text the editor sent (how many blank lines the editor
    # keeps between paragraphs is the CMS's business, not the desk's).
    [sent] = saves  # the desk's check before it writes
    text = sent["versions"]["vi"]["body"].split("\n")
    assert text[:3] == original[body_start - 1:body_start + 2]  # the article's own text first
    photo_line = body_start + next(i for i, line in enumerate(text) if "khong-co.jpg" in line)
    assert photo_line > len(original)  # after the article's last line
    expected = (f"docs/news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so/index.vi.md:{photo_line}: "
                'photo "khong-co.jpg" does not exist in the article\'s folder')
    assert expected in panel.all_inner_texts()
    for path, data in before.items():
        assert path.read_bytes() == data
    assert sorted(bundle.iterdir()) == sorted(before)
    assert shared_editor.third_party() == []


def test_the_preview_pane_shows_the_article_as_the_site_does(shared_editor: Browser,
                                                            shared_desk: Desk):
    page = shared_editor.page
    page.goto(shared_desk.url + "#/collections/news/entries/2026/khanh-thanh-cau-song-lam/index")
    page.get_by_role("button", name="Hiện/ẩn xem trước").click()
    frame = page.frame_locator("iframe").first
    article = frame.locator("article.news-article")
    article.locator("figure.news-figure").first.wait_for()
    assert article.locator("h1.news-article__title").inner_text() == \
        "Khánh thành cầu Sông Lam nối đôi bờ Đông Du"
    assert article.locator(".news-dateline time").inner_text() == "14/03/2026 - 08:30"
    assert article.locator("p.news-lead").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    figure = article.locator("figure.news-figure").first
    assert figure.locator("figcaption").inner_text() == \
        "Cầu Sông Lam nhìn từ bờ nam, phía phường Lam Giang."
    image = figure.locator("img")
    _wait_for(lambda: image.evaluate("e => e.complete && e.naturalWidth") > 0, "the photo",
              shared_editor)
    assert article.locator(".news-signature").inner_text() == "Trần Thị Đào"

    # What the editor types shows up (unsaved), with the site's styles.
    page.locator("[id^='title-field-']").first.fill("Cầu Sông Lam thông xe")
    _wait_for(lambda: article.locator("h1").inner_text() == "Cầu Sông Lam thông xe",
              "the preview to follow the title", shared_editor)
    assert shared_editor.third_party() == []
    assert shared_editor.policy_violations() == []


def test_the_translation_state_is_shown_for_the_article_and_for_every_article(
        shared_editor: Browser, shared_desk: Desk):
    page = shared_editor.page
    page.goto(shared_desk.url + "#/collections/news/entries/2026/khanh-thanh-cau-song-lam/index")
    current = page.locator(".desk-status__current")
    _wait_for(lambda: current.inner_text().startswith("stale"), "the article's state",
              shared_editor)
    assert "bản dịch cũ hơn bản gốc" in current.inner_text()

    page.locator(".desk-status__toggle").click()
    rows = page.locator(".desk-overview tr")
    states = {row.get_attribute("data-bundle"): row.locator("td strong").inner_text()
              for row in rows.all()}
    assert states["news/2026/khanh-thanh-cau-song-lam"] == "stale"
    assert states["news/2026/song-lam-fishing-fleet-returns-with-record-autumn-catch"] == "en-only"
    assert states["news/2026/day-nhanh-giai-ngan-von-dau-tu-cong"] == "vi-only"
    assert states["news/2026/lam-giang-chinh-trang-via-he-mo-rong-khong-gian-di-bo"] == "translated"
    bundles = {p.parent for p in (shared_desk.root / "docs/news").rglob("index.*.md")}
    assert len(bundles) >= 10 and len(states) == len(bundles)  # every article of the sample
    # The same states as `toasoan status`.
    status = subprocess.run([*TOASOAN, "status", "--json"], cwd=shared_desk.root,
                            capture_output=True, text=True, check=True)
    import json

    assert states == {a["bundle"]: a["state"] for a in json.loads(status.stdout)["articles"]}
    page.locator(".desk-overview a", has_text="Song Lam fishing fleet").click()
    _wait_for(lambda: current.inner_text().startswith("en-only"), "the state of the opened article",
              shared_editor)
    assert shared_editor.third_party() == []


def test_the_published_admin_page_for_remote_editors_is_apart_from_the_public_site(
        browser, site_server, tmp_path: Path):
    root = copy_newsroom(tmp_path / "newsroom")
    plain = tmp_path / "plain"
    assert _build(root, plain).returncode == 0
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace(
        "extra:\n  news:\n", "extra:\n  news:\n    desk:\n      repo: baosonglam/site\n"
        "      auth_url: https://auth.baosonglam.example.org\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    build = _build(root, out)
    assert build.returncode == 0, build.stdout + build.stderr
    # The build adds admin/ and nothing else: every public page (and its CSP) is as a build
    # without the setting writes it.
    public = {p.relative_to(plain): p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    admin = {p.relative_to(out) for p in (out / "admin").rglob("*") if p.is_file()}
    assert admin and (out / "admin" / "index.html").is_file()
    assert {p.relative_to(out) for p in out.rglob("*") if p.is_file()} - admin == set(public)
    assert {p: (out / p).read_bytes() for p in public} == public
    # The command for an already-built site writes the same admin/.
    written = {p: (out / p).read_bytes() for p in admin}
    added = subprocess.run([sys.executable, "-m", "toasoan.desk.remote", str(out), "-f",
                            str(root / "mkdocs.yml")], cwd=root, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    assert {p: (out / p).read_bytes() for p in admin} == written
    for path, data in public.items():
        assert b"/admin/" not in data and b'href="admin' not in data, path

    context = browser.new_context(locale="vi-VN")
    requests: list[str] = []
    violations: list[str] = []

    def record(route) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text
            else None)
    base = site_server(out)
    response = page.goto(base + "admin/")
    assert response.status == 200
    page.get_by_role("button", name=re.compile("GitHub")).wait_for()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "connect-src 'self' blob: https://api.github.com https://auth.baosonglam.example.org" \
        in policy
    assert violations == []
    assert [url for url in requests if not url.startswith(LOCAL)] == []
    context.close()


def _served(url: str) -> str:
    """The preview's answer at ``url`` (its error page included), or "" while it is down."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")
    except OSError:
        return ""


def test_an_article_the_build_refuses_can_be_fixed_in_the_desk_and_the_preview_comes_back(
        browser, tmp_path: Path):
    root = copy_newsroom(tmp_path / "newsroom")
    broken = root / SAMPLE / "index.vi.md"
    text = broken.read_text(encoding="utf-8")
    text = text.replace('title: "Khánh thành cầu Sông Lam nối đôi bờ Đông Du"', "title: No")
    broken.write_text(text.replace("date: 2026-03-14 08:30", "date: 2026-13-45 08:30"),
                      encoding="utf-8")
    running = run_desk(root)
    desk = next(running)
    try:
        article_url = desk.preview + "news/2026/khanh-thanh-cau-song-lam/"
        # The preview stays up and answers with the build's messages (issue 16).
        _wait_until(lambda: "is not a date" in _served(article_url),
                    "the preview to show the broken article's error", desk)
        assert "index.vi.md:3" in _served(article_url)
        editors = open_browser(browser)
        editor = next(editors)
        page = editor.page
        page.goto(desk.url + "#/collections/news/entries/2026/khanh-thanh-cau-song-lam/index")
        title = _field(page, "title", 0)
        assert title.input_value() == "No"  # shown as typed, not as YAML's false
        _field(page, "date", 0).fill("2026-03-14T08:30")
        _save(page)
        _wait_for(lambda: b"2026-13-45" not in broken.read_bytes(), "the fixed article", editor)
        lines = broken.read_text(encoding="utf-8").split("\n")
        assert lines[1:3] == ['title: "No"', "date: 2026-03-14 08:30"]
        assert lines[3:] == text.split("\n")[3:]
        _wait_until(lambda: "<h1" in _served(article_url) and "is not a date" not in
                    _served(article_url), "the preview to serve the fixed article", desk,
                    timeout=90)
        assert editor.third_party() == []
        next(editors, None)
    finally:
        next(running, None)


def _wait_until(condition, what: str, desk: Desk, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n" + "".join(desk.output[-30:]))
