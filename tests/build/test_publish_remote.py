"""Publishing to object storage: the sample site to a real S3-compatible server on 127.0.0.1.

One history per module: publish the sample site to ``rclone serve s3``; edit one
article and publish again; remove an article and publish; then try to publish a
site that fails its build, and one that fails its link check. Each test asserts on
one step, reading what the server stored (its folder) and what a browser would get
over HTTP.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import s3_server
from conftest import NOW_EPOCH, REPO
from s3_server import sample_site
from toasoan import deploy, linkcheck
from toasoan.site_config import load_yaml

pytestmark = pytest.mark.slow

BUCKET = "bao"
PREFIX = "www"
DESTINATION = f"{s3_server.REMOTE}:{BUCKET}/{PREFIX}"
EDITED = "news/2026/khanh-thanh-cau-song-lam"
REMOVED = "news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so"  # both languages
SITE_URL = load_yaml(REPO / "mkdocs.yml")["site_url"]


@dataclass
class Run:
    returncode: int
    output: str
    uploaded: list[str]
    deleted: list[str]
    remote: dict[str, s3_server.Stored]


def publish(site: Path, server: s3_server.S3Server, *args: str, prefix: str = PREFIX) -> Run:
    """``toasoan publish --to storage:bao/www -v`` on ``site``; what it said and uploaded."""
    env = {**server.env(), "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    proc = subprocess.run(
        [sys.executable, "-m", "toasoan.cli", "publish", "--site", str(site),
         "--to", f"{s3_server.REMOTE}:{BUCKET}/{prefix}", "-v", *args],
        cwd=site, capture_output=True, text=True, env=env, timeout=900)
    lines = proc.stdout.splitlines()
    return Run(proc.returncode, proc.stdout + proc.stderr,
               [line.removeprefix("uploaded ") for line in lines if line.startswith("uploaded ")],
               [line.removeprefix("deleted ") for line in lines if line.startswith("deleted ")],
               server.snapshot(BUCKET, prefix))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = s3_server.start(tmp_path_factory.mktemp("s3") / "data")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def history(tmp_path_factory, server) -> dict[str, Run]:
    site = sample_site(tmp_path_factory.mktemp("remote") / "site")
    runs = {"dry run": publish(site, server, "--dry-run")}
    runs["first"] = publish(site, server)

    article = site / "docs" / EDITED / "index.vi.md"
    article.write_text(article.read_text("utf-8") + "\nMột đoạn bổ sung ở cuối bài, sau giờ "
                       "lên khuôn.\n", encoding="utf-8")
    runs["edit"] = publish(site, server)
    runs["again"] = publish(site, server)

    shutil.rmtree(site / "docs" / REMOVED)
    runs["remove"] = publish(site, server)

    bad = site / "docs" / "news" / "2026" / "hong" / "index.vi.md"
    bad.parent.mkdir()
    bad.write_text('---\ntitle: "Bài hỏng"\ndate: 2026-13-45 10:00\nauthor: "Lê Minh"\n'
                   "language: vi\n---\n\nNội dung.\n", encoding="utf-8")
    runs["broken build"] = publish(site, server)
    bad.write_text('---\ntitle: "Bài có liên kết hỏng"\ndate: 2026-11-20 10:00\n'
                   'author: "Lê Minh"\nlanguage: vi\n---\n\nĐoạn mở đầu.\n\n'
                   "Xem [bài cũ](../khong-co-bai-nay/).\n",
                   encoding="utf-8")
    runs["broken link"] = publish(site, server)
    return runs


def changed(before: dict[str, s3_server.Stored], after: dict[str, s3_server.Stored]) -> set[str]:
    return {p for p, stored in after.items() if p not in before or before[p].data != stored.data}


def test_dry_run_reports_counts_and_bytes_and_uploads_nothing(history):
    run = history["dry run"]
    assert run.returncode == 0, run.output
    assert run.remote == {} and run.uploaded == []
    first = history["first"]
    total = sum(len(s.data) for s in first.remote.values())
    assert (f"{DESTINATION}: would upload {len(first.remote)} files ({len(first.remote)} new, "
            f"0 changed), {deploy.human_bytes(total)} ({total:,} bytes); would delete 0 files"
            ) in run.output
    articles = [p for p, stored in first.remote.items()
                if p.endswith(".html") and deploy.is_article_page(stored.data.decode("utf-8"))]
    assert len(articles) > 10
    assert f"  article pages: {len(articles)} files, " in run.output
    assert "+ news/2026/khanh-thanh-cau-song-lam/index.html  (" in run.output  # -v lists them
    assert "dry run (built with --strict, links checked); nothing was changed" in run.output


def test_first_publish_uploads_the_whole_checked_site(history, server):
    run = history["first"]
    assert run.returncode == 0, run.output
    assert sorted(run.uploaded) == sorted(run.remote)
    assert {"index.html", "en/index.html", "404.html", "sitemap.xml", "rss.xml",
            f"{EDITED}/index.html", f"{EDITED}/cau-song-lam.jpg",
            "pagefind/pagefind-entry.json"} <= set(run.remote)
    assert run.uploaded[-1] == "pagefind/pagefind-entry.json"  # the search entry goes last
    broken = linkcheck.check_site(server.folder(BUCKET, PREFIX), site_url=SITE_URL)
    assert broken == [], linkcheck.report(broken)
    assert f"{DESTINATION} is up to date: uploaded {len(run.remote)} files" in run.output


def test_an_edit_uploads_only_the_files_that_changed(history):
    before, run = history["first"].remote, history["edit"]
    assert run.returncode == 0, run.output
    assert sorted(run.uploaded) == sorted(changed(before, run.remote))
    assert f"{EDITED}/index.html" in run.uploaded
    # proportional to the change: the page, its search index pieces and the entry
    assert len(run.uploaded) <= 8 < len(before) // 20, run.uploaded
    assert sum(len(run.remote[p].data) for p in run.uploaded) < 100_000
    # the server's files that did not change were not written again
    for path, stored in run.remote.items():
        if path not in run.uploaded:
            assert (stored.inode, stored.ctime_ns) == (before[path].inode, before[path].ctime_ns), path
    # the search index files replaced by new fingerprinted ones are deleted after the uploads
    assert sorted(run.deleted) == sorted(set(before) - set(run.remote))
    assert all(p.startswith("pagefind/") for p in run.deleted)


def test_publishing_an_unchanged_site_uploads_nothing(history):
    run = history["again"]
    assert run.returncode == 0, run.output
    assert run.uploaded == [] and run.deleted == []
    assert run.remote == history["edit"].remote


def test_a_removed_article_is_gone_afterwards(history, server):
    before, run = history["again"].remote, history["remove"]
    assert run.returncode == 0, run.output
    gone = {p for p in before if p.startswith((REMOVED + "/", f"en/{REMOVED}/"))}
    assert {f"{REMOVED}/index.html", f"en/{REMOVED}/index.html",
            f"{REMOVED}/hoi-nghi-can-bo-co-so.jpg"} <= gone
    assert gone <= set(run.deleted)
    assert not gone & set(run.remote)
    for path in (f"{REMOVED}/index.html", f"en/{REMOVED}/index.html"):
        assert server.get(BUCKET, f"{PREFIX}/{path}")[0] == 404
    slug = REMOVED.rsplit("/", 1)[-1]
    mentions = [p for p, s in run.remote.items()
                if p.endswith((".html", ".xml", ".json")) and slug.encode() in s.data]
    assert mentions == []  # no listing, feed or sitemap still points at it
    assert sorted(run.uploaded) == sorted(changed(before, run.remote))


@pytest.mark.parametrize(("step", "message"), [
    ("broken build", "month must be in 1..12"),
    ("broken link", "broken link → ../khong-co-bai-nay/"),
])
def test_a_publish_that_fails_its_checks_changes_nothing_on_the_remote(history, step, message):
    run = history[step]
    assert run.returncode == 1
    assert message in run.output
    assert "nothing was uploaded" in run.output
    assert run.uploaded == [] and run.deleted == []
    assert run.remote == history["remove"].remote  # same bytes, same inodes and ctimes


BROWSER_TYPES = {
    "index.html": ("text/html; charset=utf-8", "public, max-age=60"),
    f"{EDITED}/index.html": ("text/html; charset=utf-8", "public, max-age=60"),
    "rss.xml": ("application/xml; charset=utf-8", "public, max-age=60"),
    "en/atom.xml": ("application/xml; charset=utf-8", "public, max-age=60"),
    "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=60"),
    "feed.json": ("application/json", "public, max-age=60"),
    "pagefind/pagefind-entry.json": ("application/json", "public, max-age=60"),
    "robots.txt": ("text/plain; charset=utf-8", "public, max-age=60"),
    "assets/js/share.js": ("text/javascript; charset=utf-8", "public, max-age=60"),
    "assets/css/article.css": ("text/css; charset=utf-8", "public, max-age=60"),
    f"{EDITED}/cau-song-lam.jpg": ("image/jpeg", "public, max-age=2592000"),
    "pagefind/wasm.en.pagefind": ("application/octet-stream", "public, max-age=60"),
}


def fingerprinted(remote: dict, pattern: str) -> str:
    return next(p for p in sorted(remote) if Path(p).match(pattern))


def test_content_types_and_cache_headers_a_browser_gets(history, server):
    remote = history["remove"].remote
    expected = dict(BROWSER_TYPES)
    immutable = ("public, max-age=31536000, immutable")
    for pattern, ctype in [("assets/stylesheets/main.*.min.css", "text/css; charset=utf-8"),
                           ("assets/javascripts/bundle.*.min.js", "text/javascript; charset=utf-8"),
                           ("pagefind/*/*/fragment/vi_*.pf_fragment", "application/octet-stream"),
                           ("pagefind/*/*/index/en_*.pf_index", "application/octet-stream"),
                           ("pagefind/*/*/filter/vi_*.pf_filter", "application/octet-stream"),
                           ("pagefind/*/*/pagefind.vi_*.pf_meta", "application/octet-stream"),
                           ("pagefind/pagefind.vi_*.pf_meta", "application/octet-stream")]:
        expected[fingerprinted(remote, pattern)] = (ctype, immutable)
    got = {}
    for path in expected:
        status, headers, body = server.get(BUCKET, f"{PREFIX}/{path}")
        assert status == 200, path
        assert body == remote[path].data, path  # byte for byte: no encoding added
        got[path] = (headers.get("content-type"), headers.get("cache-control"))
    assert got == expected
    assert "content-encoding" not in headers


def test_wasm_is_served_as_webassembly(tmp_path, server):
    # the site has no .wasm today (Pagefind's is inside .pagefind files); a site may add one
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "search.wasm").write_bytes(b"\0asm\1\0\0\0")
    rclone = deploy.Rclone(deploy.find_rclone(), env=server.env())
    plan = deploy.plan_publish(deploy.local_manifest(folder), {})
    deploy.execute(plan, folder, f"{s3_server.REMOTE}:{BUCKET}/wasm-test", rclone)
    status, headers, body = server.get(BUCKET, "wasm-test/search.wasm")
    assert (status, headers["content-type"], body) == (200, "application/wasm", b"\0asm\1\0\0\0")


def test_an_unconfigured_remote_is_named_with_the_variables_to_set(tmp_path, server):
    site = sample_site(tmp_path / "site")
    env = {k: v for k, v in server.env().items() if not k.startswith("RCLONE_CONFIG_")}
    proc = subprocess.run(
        [sys.executable, "-m", "toasoan.cli", "publish", "--site", str(site), "--to",
         "archive:bao/www"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1
    assert ('rclone remote "archive" is not configured: set RCLONE_CONFIG_ARCHIVE_TYPE=s3'
            in proc.stderr)
    assert "Building documentation" not in proc.stderr  # refused before building
    assert "Traceback" not in proc.stderr


def test_a_publish_that_would_empty_another_site_is_refused(tmp_path, server):
    other = tmp_path / "other"
    for i in range(40):
        (other / f"trang-{i}").mkdir(parents=True)
        (other / f"trang-{i}" / "index.html").write_text(f"<p>{i}</p>", encoding="utf-8")
    rclone = deploy.Rclone(deploy.find_rclone(), env=server.env())
    deploy.execute(deploy.plan_publish(deploy.local_manifest(other), {}), other,
                   f"{s3_server.REMOTE}:{BUCKET}/other-site", rclone)
    before = server.snapshot(BUCKET, "other-site")
    assert len(before) == 40
    site = sample_site(tmp_path / "site")
    run = publish(site, server, prefix="other-site")
    assert run.returncode == 1
    assert "holds 40 files and this publish would delete 40 of them" in run.output
    assert "--allow-mass-delete" in run.output and "nothing was uploaded" in run.output
    assert server.snapshot(BUCKET, "other-site") == before
    dry = publish(site, server, "--dry-run", prefix="other-site")
    assert dry.returncode == 0
    assert "publish: warning: storage:bao/other-site holds 40 files" in dry.output


def test_python_m_toasoan_publish_is_the_same_command(tmp_path, server):
    site = sample_site(tmp_path / "site")
    env = {**server.env(), "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    proc = subprocess.run(
        [sys.executable, "-m", "toasoan.publish", "-f", str(site / "mkdocs.yml"), "--to",
         f"{s3_server.REMOTE}:{BUCKET}/alias", "--dry-run"],
        capture_output=True, text=True, env=env, timeout=600, cwd=site)
    assert proc.returncode == 0, proc.stderr
    assert f"{s3_server.REMOTE}:{BUCKET}/alias: would upload" in proc.stdout
    assert not server.folder(BUCKET, "alias").exists()
    # No leftovers: only the build cache (kept on purpose, .cache/toasoan) is new.
    assert sorted(os.listdir(site)) == [".cache", "docs", "hooks", "mkdocs.yml", "overrides"]
    assert os.listdir(site / ".cache") == ["toasoan"]
