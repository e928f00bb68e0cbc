"""Atomic publishing: a failed build or check leaves the previous output byte-identical.

One scenario per module, run once: publish a good site, then try to publish a site
that fails to build, one with a broken link and anchor, one with invalid HTML, and
finally a corrected site. Each test asserts on one step of that history.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import NOW_EPOCH, REPO, new_project
from toasoan.htmlcheck import VNU_JAR

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/bao/"  # a subpath site, as on GitHub Pages project sites


@dataclass
class Run:
    returncode: int
    output: str
    snapshot: dict
    inode: int | None


def snapshot(folder: Path) -> dict:
    """``folder`` and everything in it: bytes, modes and modification times."""
    state = {".": ("dir", folder.stat().st_mode)}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        info = path.stat()
        if path.is_dir():
            state[rel] = ("dir", info.st_mode)
        else:
            state[rel] = (path.read_bytes(), info.st_mode, info.st_mtime_ns)
    return state


def publish(project, out: Path, *args: str) -> Run:
    (project.root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        + (yaml.safe_dump(project.config, allow_unicode=True) if project.config else ""),
        encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    env.pop("TOASOAN_PREVIEW", None)
    proc = subprocess.run(
        [sys.executable, "-m", "toasoan.publish", "-f", str(project.root / "mkdocs.yml"),
         "-d", str(out), "--vnu-jar", str(REPO / VNU_JAR), *args],
        cwd=project.root, capture_output=True, text=True, env=env, timeout=600)
    return Run(proc.returncode, proc.stdout + proc.stderr,
               snapshot(out) if out.exists() else {}, out.stat().st_ino if out.exists() else None)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict[str, Run]:
    root = tmp_path_factory.mktemp("publish")
    project = new_project(root / "src")
    # An empty nav: this scenario is about publishing, not about the site's menu
    # entries (the real nav is checked by test_publish_real_site.py).
    project.config = {"site_url": SITE_URL, "nav": []}
    out = root / "www" / "site"
    bridge_body = "![Cầu Sông Lam](cau.jpg)\n\nCây cầu dài nhất tỉnh."
    project.photo("news/2026/cau-moi/cau.jpg")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", body=bridge_body)
    project.article("2026/cau-moi", "en", title="New bridge opens", body="![Bridge](cau.jpg)")
    vi_only = project.article("2026/cho-phien", "vi", title="Phiên chợ vùng cao",
                              date="2026-04-01 09:00")
    runs = {"first": publish(project, out)}

    bad = project.article("2026/hong", "vi", date="2026-13-45 10:00")
    runs["build fails"] = publish(project, out)
    shutil.rmtree(bad.parent)

    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", body=bridge_body
                    + "\n\n[Bài liên quan](../khong-co-bai-nay/) · [Bình luận](#binh-luan)")
    runs["broken link"] = publish(project, out)

    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", body=bridge_body
                    + '\n\n<p><span id="trung">một</span> <span id="trung">hai</span></p>')
    runs["invalid html"] = publish(project, out, "--validate-html")

    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", body=bridge_body)
    vi_only.unlink()
    project.article("2026/le-hoi", "vi", title="Lễ hội đua thuyền", date="2026-05-02 07:00")
    runs["corrected"] = publish(project, out)
    runs["leftovers"] = sorted(p.name for p in out.parent.iterdir() if p.name != out.name)
    return runs


def previous(history: dict[str, Run]) -> Run:
    """The output every later failed step must leave untouched (it must exist)."""
    first = history["first"]
    assert first.returncode == 0 and first.snapshot, first.output
    return first


def test_first_publish_creates_the_output_with_both_languages(history):
    run = previous(history)
    pages = {rel for rel in run.snapshot if rel.endswith("index.html")}
    assert {"index.html", "en/index.html", "news/2026/cau-moi/index.html",
            "en/news/2026/cau-moi/index.html", "news/2026/cho-phien/index.html"} <= pages
    assert "news/2026/cau-moi/cau.jpg" in run.snapshot
    # root-relative links carry the site_url path: the link check resolved them under /bao/
    assert b'href="/bao/' in run.snapshot["404.html"][0]
    assert run.snapshot["news/2026/cau-moi/index.html"][1] & 0o444 == 0o444


def test_output_folder_has_the_mode_of_a_normal_folder(history):
    # the temporary folder is created private (0700); a web server must be able to enter it
    umask = os.umask(0)
    os.umask(umask)
    assert previous(history).snapshot["."][1] & 0o777 == 0o777 & ~umask
    assert history["corrected"].snapshot["."][1] & 0o777 == 0o777 & ~umask


def test_a_failed_build_leaves_the_previous_output_byte_identical(history):
    run = history["build fails"]
    assert run.returncode == 1
    assert "month must be in 1..12" in run.output
    assert "mkdocs build --strict failed" in run.output
    assert "the previous output was left unchanged" in run.output
    assert run.snapshot == previous(history).snapshot
    assert run.inode == previous(history).inode


def test_a_broken_link_or_anchor_stops_the_publish_and_changes_nothing(history):
    run = history["broken link"]
    assert run.returncode == 1
    assert "broken link → ../khong-co-bai-nay/" in run.output
    assert "broken anchor → #binh-luan" in run.output
    assert "news/2026/cau-moi/index.html:" in run.output
    assert "2 broken internal link(s)" in run.output
    assert run.snapshot == previous(history).snapshot
    assert run.inode == previous(history).inode


@pytest.mark.usefixtures("vnu")
def test_invalid_html_stops_the_publish_and_changes_nothing(history):
    run = history["invalid html"]
    assert run.returncode == 1
    assert "news/2026/cau-moi/index.html:" in run.output
    assert "Duplicate ID “trung”." in run.output
    assert run.snapshot == previous(history).snapshot
    assert run.inode == previous(history).inode


def test_a_good_publish_replaces_the_whole_output(history):
    run = history["corrected"]
    assert run.returncode == 0, run.output
    assert "news/2026/le-hoi/index.html" in run.snapshot
    assert "news/2026/cho-phien/index.html" not in run.snapshot  # removed, not left behind
    assert run.inode != previous(history).inode  # a new folder took the old one's place


def test_no_temporary_folder_is_left_next_to_the_output(history):
    assert history["leftovers"] == []


@pytest.mark.parametrize("where", [".", "..", "docs", "docs/news"])
def test_refuses_an_output_folder_that_would_replace_the_sources(tmp_path, where):
    project = new_project(tmp_path / "src")
    project.article("2026/cau-moi", "vi")
    before = snapshot(project.root)
    run = publish(project, project.root / where)
    assert run.returncode == 1
    assert "output folder" in run.output and "previous output was left unchanged" in run.output
    assert "Building documentation" not in run.output  # refused before building
    after = snapshot(project.root)
    after.pop("mkdocs.yml"), before.pop("mkdocs.yml", None)  # written by the helper
    assert after == before
