"""A stopped or killed publish cleans up; preview mode and unwritable folders are refused clearly.

To stop a publish *during* its build, the build is made to wait: a ``sitecustomize``
on PYTHONPATH makes only the ``mkdocs build`` child sleep at start-up (the publish
itself starts normally), so the signal always lands while the child runs.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import NOW_EPOCH, new_project

pytestmark = pytest.mark.slow

SLOW_BUILD = """\
import sys, time
if sys.orig_argv[1:3] == ["-m", "mkdocs"]:
    time.sleep(300)
"""


@pytest.fixture
def site(tmp_path):
    project = new_project(tmp_path / "src")
    project.config = {"site_url": "https://example.org/", "nav": []}
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới")
    (project.root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n" + yaml.safe_dump(project.config), encoding="utf-8")
    return project


def env(**extra: str) -> dict[str, str]:
    run = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    run.pop("TOASOAN_PREVIEW", None)
    run.update(extra)
    return run


def slow_env(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "slow-build"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(SLOW_BUILD, encoding="utf-8")
    return env(PYTHONPATH=str(folder))


def build_children(pid: int) -> list[int]:
    """Processes started by ``pid`` that run ``mkdocs build``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat[1]) == pid and b"mkdocs" in cmdline and b"build" in cmdline:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start_publish(site, out: Path, run_env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """Start ``python -m toasoan.publish``; return it and its ``mkdocs build`` child."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "toasoan.publish", "-f", str(site.root / "mkdocs.yml"),
         "-d", str(out)], cwd=site.root, env=run_env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (child := build_children(proc.pid)):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never started"
        time.sleep(0.05)
    return proc, child[0]


def leftovers(folder: Path, name: str = "site") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}.new-"))


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_publish_ends_its_build_and_deletes_its_build_folder(site, tmp_path, sig, status):
    out = tmp_path / "www" / "site"
    proc, child = start_publish(site, out, slow_env(tmp_path))
    assert leftovers(out.parent) != []  # the build folder and its lock exist while it runs
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert (f"publish: stopped ({signal.Signals(sig).name}); the previous output was left "
            "unchanged") in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 30
    while running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(child), "the mkdocs build child outlived the publish"
    assert leftovers(out.parent) == []
    assert not out.exists()


def test_a_killed_publish_leaves_a_build_folder_that_the_next_publish_deletes(site, tmp_path):
    out = tmp_path / "www" / "site"
    proc, child = start_publish(site, out, slow_env(tmp_path))
    proc.kill()  # no chance to clean up
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while running(child) and time.monotonic() < deadline:  # Linux sends it SIGTERM
        time.sleep(0.05)
    assert not running(child), "the mkdocs build child outlived the killed publish"
    stale = leftovers(out.parent)
    assert len(stale) == 2 and stale[1] == stale[0] + ".lock"
    # not ours: a folder without our lock file, and one whose publish is still running
    (out.parent / ".site.new-handmade").mkdir()
    busy = out.parent / ".site.new-busy0001"
    busy.mkdir()
    lock = os.open(out.parent / ".site.new-busy0001.lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        again = subprocess.run(
            [sys.executable, "-m", "toasoan.publish", "-f", str(site.root / "mkdocs.yml"),
             "-d", str(out)], cwd=site.root, env=env(), capture_output=True, text=True,
            timeout=600)
    finally:
        os.close(lock)
    assert again.returncode == 0, again.stderr
    assert f"deleted 1 build folder(s) left by an interrupted publish: {stale[0]}" in again.stderr
    assert leftovers(out.parent) == [".site.new-busy0001", ".site.new-busy0001.lock",
                                     ".site.new-handmade"]
    assert (out / "news" / "2026" / "cau-moi" / "index.html").is_file()


@pytest.mark.parametrize("command", [("-m", "toasoan.publish"), ("-m", "toasoan.cli", "publish")])
def test_preview_mode_is_never_published(site, tmp_path, command):
    out = tmp_path / "www" / "site"
    args = (["-f", str(site.root / "mkdocs.yml")] if command[-1] == "toasoan.publish"
            else ["--site", str(site.root)])
    proc = subprocess.run([sys.executable, *command, *args, "-d", str(out)], cwd=site.root,
                          env=env(TOASOAN_PREVIEW="1"), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.startswith("publish: TOASOAN_PREVIEW is set: preview mode shows drafts")
    assert "unset TOASOAN_PREVIEW" in proc.stderr
    assert "Building documentation" not in proc.stderr  # refused before building
    assert not out.parent.exists()


@pytest.mark.parametrize("where", ["/proc/toasoan-site/site", "a-file/site"])
def test_an_unwritable_output_folder_is_one_line_not_a_traceback(site, tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    out = Path(where) if where.startswith("/") else tmp_path / where
    proc = subprocess.run(
        [sys.executable, "-m", "toasoan.publish", "-f", str(site.root / "mkdocs.yml"),
         "-d", str(out)], cwd=site.root, env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"publish: cannot write to {out.parent}")
    assert line.endswith("; the previous output was left unchanged")
