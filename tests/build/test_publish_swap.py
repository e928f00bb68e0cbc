"""The final step of a build or a publish: the finished folder takes the output folder's place."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from toasoan import folders


def folder(root: Path, name: str, files: dict[str, str]) -> Path:
    path = root / name
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    return path


def contents(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(params=["exchange", "two renames"])
def swap_mode(request, monkeypatch):
    """Run each test with the atomic exchange and with the portable fallback."""
    if request.param == "two renames":
        monkeypatch.setattr(folders, "_exchange", lambda a, b: False)
    return request.param


def test_new_folder_replaces_the_old_one_entirely(tmp_path, swap_mode):
    old = folder(tmp_path, "site", {"index.html": "old", "stale/index.html": "gone"})
    new = folder(tmp_path, ".site.new-1", {"index.html": "new", "en/index.html": "en"})
    folders.swap_into_place(new, old)
    assert contents(tmp_path / "site") == {"index.html": "new", "en/index.html": "en"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left behind


def test_first_publish_just_renames(tmp_path, swap_mode):
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    folders.swap_into_place(new, tmp_path / "site")
    assert contents(tmp_path / "site") == {"index.html": "new"}
    assert not new.exists()


def test_a_symlinked_output_is_replaced_but_its_target_is_not_deleted(tmp_path, swap_mode):
    release = folder(tmp_path, "releases/1", {"index.html": "release 1"})
    (tmp_path / "site").symlink_to(release, target_is_directory=True)
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    folders.swap_into_place(new, tmp_path / "site")
    assert not (tmp_path / "site").is_symlink()
    assert contents(tmp_path / "site") == {"index.html": "new"}
    assert contents(release) == {"index.html": "release 1"}


def test_if_the_second_rename_fails_the_old_output_is_put_back(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "_exchange", lambda a, b: False)
    old = folder(tmp_path, "site", {"index.html": "old"})
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    real_rename = folders.os.rename

    def rename(src, dst):
        if Path(src) == new:
            raise OSError("disk full")
        real_rename(src, dst)

    monkeypatch.setattr(folders.os, "rename", rename)
    with pytest.raises(OSError, match="disk full"):
        folders.swap_into_place(new, old)
    assert contents(old) == {"index.html": "old"}


def test_in_the_background_the_old_output_is_deleted_by_a_thread(tmp_path, swap_mode):
    old = folder(tmp_path, "site", {"index.html": "old"})
    new = folder(tmp_path, ".site.build-1", {"index.html": "new"})
    folders.swap_into_place(new, old, background=True)
    assert contents(tmp_path / "site") == {"index.html": "new"}  # in place at once
    for thread in threading.enumerate():
        if thread.name == "toasoan-delete-old-output":
            thread.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_folders_of_processes_that_no_longer_run_are_cleared(tmp_path):
    site = folder(tmp_path, "site", {"index.html": "live"})
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    dead = [folder(tmp_path, f".site.build-{gone}-ab12cd", {"a.html": "x"}),
            folder(tmp_path, f".site.old-{gone}-0011aabb", {"b.html": "y"})]
    alive = [folder(tmp_path, f".site.build-{os.getpid()}-ef34ab", {"c.html": "z"}),
             folder(tmp_path, ".site.old-cafebabe", {"d.html": "w"})]  # no process named
    folders.remove_abandoned(site)
    assert not any(p.exists() for p in dead)
    assert all(p.is_dir() for p in alive) and contents(site) == {"index.html": "live"}
