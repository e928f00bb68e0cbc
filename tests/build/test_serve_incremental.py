"""``mkdocs serve`` rebuilds from the build cache and keeps unchanged files in place, and
what it then serves is what a fresh preview of the same text serves, file for file."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import REPO, Project, free_port, new_project

pytestmark = pytest.mark.slow


def _served(tmp: Path) -> dict[str, bytes]:
    """The files of the folder mkdocs serve serves (its mkdtemp, in this TMPDIR)."""
    [root] = [p for p in tmp.iterdir() if p.name.startswith("mkdocs_")]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _wait_for(condition, what: str, server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen in {timeout} s:\n{server.output()[-3000:]}")


@pytest.fixture
def newsroom(tmp_path) -> Project:
    project = new_project(tmp_path / "src")
    (project.root / "overrides").unlink()
    shutil.copytree(REPO / "overrides", project.root / "overrides")
    for n in range(1, 7):
        project.photo(f"news/2026/tin-{n}/anh.jpg")
        project.article(f"2026/tin-{n}", "vi", title=f"Tin số {n}", date=f"2026-03-1{n} 08:00",
                        categories=["Kinh tế"], image="anh.jpg",
                        body=f"Đoạn đầu của tin {n}.\n\n![Ảnh](anh.jpg \"Chú thích\")")
        if n % 2:
            project.article(f"2026/tin-{n}", "en", title=f"Story {n}",
                            date=f"2026-03-1{n} 08:00", categories=["Economy"], image="anh.jpg")
    return project


def test_a_saved_article_is_served_from_a_partial_rebuild_as_a_fresh_preview_serves_it(
        newsroom, tmp_path):
    port = free_port()
    first, second = tmp_path / "tmp-first", tmp_path / "tmp-second"
    first.mkdir()
    second.mkdir()
    cache = {"TOASOAN_CACHE_DIR": str(tmp_path / "cache")}
    with newsroom.serve(env={**cache, "TMPDIR": str(first)}, port=port) as server:
        article = newsroom.docs / "news/2026/tin-3/index.vi.md"
        article.write_text(article.read_text("utf-8").replace("Đoạn đầu của tin 3.",
                                                              "Đoạn đầu đã sửa."), "utf-8")
        _wait_for(lambda: "Đoạn đầu đã sửa." in server.get("news/2026/tin-3/")[1],
                  "the edited article served", server)
        _wait_for(lambda: server.output().count("kept from the served folder") >= 2,
                  "the rebuild's last line", server)
        log = server.output()
        kept = [int(line.split("preview: ")[1].split()[0]) for line in log.splitlines()
                if "unchanged files kept from the served folder" in line]
        assert kept[0] == 0 and kept[-1] > 10, log  # the first build had nothing to keep
        assert "to render" in log
        partial = _served(first)
    with newsroom.serve(env={"TOASOAN_CACHE": "off", "TMPDIR": str(second)}, port=port):
        fresh = _served(second)
    assert sorted(partial) == sorted(fresh)
    assert [name for name in partial if partial[name] != fresh[name]] == []
    assert any(name.endswith("anh.jpg") for name in partial)
