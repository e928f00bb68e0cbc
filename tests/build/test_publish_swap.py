"""The final step of a publish: the checked folder takes the output folder's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from toasoan import publish


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
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    return request.param


def test_new_folder_replaces_the_old_one_entirely(tmp_path, swap_mode):
    old = folder(tmp_path, "site", {"index.html": "old", "stale/index.html": "gone"})
    new = folder(tmp_path, ".site.new-1", {"index.html": "new", "en/index.html": "en"})
    publish.swap_into_place(new, old)
    assert contents(tmp_path / "site") == {"index.html": "new", "en/index.html": "en"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left behind


def test_first_publish_just_renames(tmp_path, swap_mode):
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    publish.swap_into_place(new, tmp_path / "site")
    assert contents(tmp_path / "site") == {"index.html": "new"}
    assert not new.exists()


def test_a_symlinked_output_is_replaced_but_its_target_is_not_deleted(tmp_path, swap_mode):
    release = folder(tmp_path, "releases/1", {"index.html": "release 1"})
    (tmp_path / "site").symlink_to(release, target_is_directory=True)
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    publish.swap_into_place(new, tmp_path / "site")
    assert not (tmp_path / "site").is_symlink()
    assert contents(tmp_path / "site") == {"index.html": "new"}
    assert contents(release) == {"index.html": "release 1"}


def test_if_the_second_rename_fails_the_old_output_is_put_back(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    old = folder(tmp_path, "site", {"index.html": "old"})
    new = folder(tmp_path, ".site.new-1", {"index.html": "new"})
    real_rename = publish.os.rename

    def rename(src, dst):
        if Path(src) == new:
            raise OSError("disk full")
        real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", rename)
    with pytest.raises(OSError, match="disk full"):
        publish.swap_into_place(new, old)
    assert contents(old) == {"index.html": "old"}
