"""Hosting limits of a built folder, and the build folders a killed publish leaves behind."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from toasoan import limits, publish
from toasoan.limits import HOSTS, SiteSize


def sparse(path: Path, size: int) -> Path:
    """A file whose size says ``size`` bytes without using the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_measure_counts_files_and_their_sizes_even_sparse(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    sparse(tmp_path / "news" / "video.jpg", 1_200_000_000)
    size = limits.measure(tmp_path)
    assert (size.files, size.bytes) == (2, 1_200_000_008)
    assert size.largest == ("news/video.jpg", 1_200_000_000)
    assert size.links == []


def test_github_pages_refuses_a_site_over_1_gb():
    over = SiteSize(files=3, bytes=(1 << 30) + 1)
    assert limits.problems(over, HOSTS["github-pages"]) == [
        "the site is 1,073,741,825 bytes, over the GitHub Pages limit of 1 GB (1,073,741,824 bytes) "
        "for a published site"]
    assert limits.problems(SiteSize(files=3, bytes=1 << 30), HOSTS["github-pages"]) == []


def test_github_pages_refuses_symbolic_and_hard_links(tmp_path):
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    os.link(tmp_path / "a.html", tmp_path / "b.html")
    (tmp_path / "c.html").symlink_to(tmp_path / "a.html")
    size = limits.measure(tmp_path)
    assert sorted(size.links) == ["a.html (hard link)", "b.html (hard link)",
                                  "c.html (symbolic link)"]
    [problem] = limits.problems(size, HOSTS["github-pages"])
    assert problem.startswith("GitHub Pages refuses links in the site: ")


def test_file_counts_and_file_sizes_where_a_host_documents_them():
    site = SiteSize(files=20_001, bytes=10, largest=("video.mp4", 30 << 20))
    assert limits.problems(site, HOSTS["cloudflare-pages"]) == [
        "the site has 20,001 files, over the Cloudflare Pages (Free plan) limit of 20,000 files",
        "video.mp4 is 31,457,280 bytes, over the Cloudflare Pages (Free plan) limit of 25 MiB per file"]
    assert limits.problems(SiteSize(files=200_001), HOSTS["gitlab-pages"]) == [
        "the site has 200,001 files, over the GitLab Pages (GitLab.com) limit of 200,000 files"]


def test_a_site_close_to_a_limit_gets_a_warning():
    near = SiteSize(files=10, bytes=int(0.9 * (1 << 30)))
    assert limits.problems(near, HOSTS["github-pages"]) == []
    assert limits.warnings(near, HOSTS["github-pages"]) == [
        "the site uses 90% of the GitHub Pages 1 GB limit"]


def test_check_limits_command_stops_with_a_message_pointing_to_object_storage(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    sparse(site / "news" / "archive.jpg", 1_100_000_000)
    assert publish.main(["--check-limits", "github-pages", "-d", str(site)]) == 1
    err = capsys.readouterr().err
    assert "over the GitHub Pages limit of 1 GB" in err
    assert "Publish the site to object storage instead: toasoan publish --to REMOTE:BUCKET" in err
    assert "HOSTING.md" in err

    (site / "news" / "archive.jpg").unlink()
    assert publish.main(["--check-limits", "github-pages", "-d", str(site)]) == 0
    assert "fits GitHub Pages (1 file, 8 bytes)" in capsys.readouterr().err


def test_check_limits_of_a_missing_folder_says_to_build_first(tmp_path, capsys):
    assert publish.main(["--check-limits", "github-pages", "-d", str(tmp_path / "nope")]) == 2
    assert "is not a built site folder" in capsys.readouterr().err


# --- build folders left by killed publishes ------------------------------------------------

def staging(work: Path, token: str, *, lock: bool = True) -> Path:
    folder = work / f".site.new-{token}"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "index.html").write_text("x", encoding="utf-8")
    if lock:
        (work / f".site.new-{token}.lock").touch()
    return folder


def test_stale_build_folders_are_deleted_only_when_ours_and_not_in_use(tmp_path):
    dead = staging(tmp_path, "dead0001")
    busy = staging(tmp_path, "busy0002")
    foreign = staging(tmp_path, "other003", lock=False)
    other_site = tmp_path / ".www.new-abcd1234"
    other_site.mkdir()
    (tmp_path / ".www.new-abcd1234.lock").touch()
    fd = os.open(tmp_path / ".site.new-busy0002.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a publish still running holds its lock
    try:
        removed = publish.clean_stale_staging(tmp_path, "site")
    finally:
        os.close(fd)
    assert removed == [dead]
    assert not dead.exists() and not (tmp_path / ".site.new-dead0001.lock").exists()
    assert busy.is_dir() and foreign.is_dir() and other_site.is_dir()
