"""toasoan.folders.discard: a folder is gone from its name at once and deleted by a
thread; what a killed process left is cleared, what a running one is deleting is not."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from toasoan import folders


def _tree(folder, files: int = 200):
    for n in range(files):
        (folder / f"part-{n // 50}").mkdir(parents=True, exist_ok=True)
        (folder / f"part-{n // 50}" / f"f{n}.bin").write_bytes(b"x" * 64)
    return folder


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "toasoan-delete-old-output"]


def test_a_discarded_folder_loses_its_name_at_once_and_is_deleted_by_a_thread(tmp_path):
    shard = _tree(tmp_path / "shards" / "vi-2024")
    keep = _tree(tmp_path / "shards" / "vi-2025", 3)
    folders.discard(shard)
    assert not shard.exists()  # at once, whatever the thread has done yet
    for thread in _threads():
        thread.join(timeout=30)
    assert sorted(p.name for p in (tmp_path / "shards").iterdir()) == ["vi-2025"]
    assert len(list(keep.rglob("*.bin"))) == 3


def test_a_missing_folder_or_a_link_is_left_alone(tmp_path):
    target = _tree(tmp_path / "target", 3)
    link = tmp_path / "link"
    link.symlink_to(target)
    folders.discard(link)
    folders.discard(tmp_path / "missing")
    assert link.is_symlink() and len(list(target.rglob("*.bin"))) == 3


def test_leftovers_of_a_killed_process_are_cleared_and_a_running_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = _tree(tmp_path / f".vi-2024.old-{dead}-abcd1234", 3)
    running = _tree(tmp_path / f".vi-2023.old-{os.getpid()}-abcd1234", 3)
    other = _tree(tmp_path / "vi-2022", 3)
    folders.remove_abandoned_beside(tmp_path)
    assert not left.exists()
    assert running.exists() and other.exists()
    assert folders.being_discarded(running) and not folders.being_discarded(other)
