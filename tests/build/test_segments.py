"""A split build (TOASOAN_SEGMENT jobs, then the merge) writes the site one build writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Project, new_project

pytestmark = pytest.mark.slow

SEGMENTS = ["vi:2020-2025", "vi:2026", "en:2020-2026"]
JOBS = ["1", "2", "3", "site"]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Project:
    project = new_project(tmp_path_factory.mktemp("segments") / "src")
    project.config = {"extra": {"news": {"segments": SEGMENTS}}}
    for year in (2024, 2025, 2026):
        for n in range(1, 4):
            bundle = f"{year}/tin-{n}"
            project.photo(f"news/{bundle}/anh.jpg")
            project.article(bundle, "vi", title=f"Tin {n} năm {year}", date=f"{year}-0{n}-1{n} 08:00",
                            categories=["Kinh tế" if n % 2 else "Đô thị"], image="anh.jpg",
                            body=f"Tin số {n}.\n\n![Ảnh minh họa](anh.jpg \"Chú thích {n}\")")
            if n != 2:
                project.article(bundle, "en", title=f"Story {n} of {year}",
                                date=f"{year}-0{n}-1{n} 08:00", categories=["Economy"],
                                image="anh.jpg")
    return project


@pytest.fixture(scope="module")
def whole(archive, tmp_path_factory):
    built = archive.build(site_dir=tmp_path_factory.mktemp("whole") / "site",
                          env={"TOASOAN_CACHE": "off"})
    assert built.ok, built.output
    return built


def _merge(parts: list[Path], target: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toasoan_mkdocs.segments", *map(str, parts),
                           "-d", str(target)], capture_output=True, text=True, timeout=600)


def test_segments_built_apart_and_merged_are_the_whole_build(archive, whole, tmp_path):
    parts = []
    for job in JOBS:
        built = archive.build(site_dir=tmp_path / f"part-{job}",
                              env={"TOASOAN_CACHE": "off", "TOASOAN_SEGMENT": job})
        assert built.ok, built.output
        assert "building " in built.output and "(TOASOAN_SEGMENT)" in built.output
        parts.append(built.site_dir)
    # Each job wrote only its part: the 2026 Vietnamese articles are job 2's alone.
    assert (tmp_path / "part-2/news/2026/tin-1/index.html").is_file()
    assert not (tmp_path / "part-1/news/2026/tin-1/index.html").exists()
    assert not (tmp_path / "part-site/news/2026/tin-1/index.html").exists()
    assert (tmp_path / "part-site/rss.xml").is_file() and not (tmp_path / "part-2/rss.xml").exists()
    assert not (tmp_path / "part-site/pagefind").exists()  # the merge indexes the whole site

    merged = _merge(parts, tmp_path / "site")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    mine, theirs = _files(tmp_path / "site"), _files(whole.site_dir)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []


def test_parts_that_disagree_are_not_merged_and_the_output_stays(archive, whole, tmp_path):
    one = archive.build(site_dir=tmp_path / "one", env={"TOASOAN_CACHE": "off",
                                                        "TOASOAN_SEGMENT": "1"})
    # The other job builds another commit: a headline of the home page was edited.
    article = archive.docs / "news/2026/tin-3/index.vi.md"
    text = article.read_text("utf-8")
    article.write_text(text.replace("Tin 3 năm 2026", "Tin 3 năm 2026 (sửa)"), "utf-8")
    try:
        other = archive.build(site_dir=tmp_path / "other", env={"TOASOAN_CACHE": "off",
                                                                "TOASOAN_SEGMENT": "site"})
    finally:
        article.write_text(text, "utf-8")
    assert one.ok and other.ok, one.output + other.output
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("the site as it was", "utf-8")
    merged = _merge([one.site_dir, other.site_dir], target)
    assert merged.returncode == 1
    assert "differ: the jobs did not build the same site" in merged.stderr
    assert "Traceback" not in merged.stderr
    assert _files(target) == {"index.html": b"the site as it was"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize(("value", "message"), [
    ("7", 'TOASOAN_SEGMENT="7": must be "site" or a segment number: 1 (vi:2020-2025), '
          "2 (vi:2026), 3 (en:2020-2026)"),
    ("tat-ca", 'TOASOAN_SEGMENT="tat-ca": must be "site" or a segment number'),
])
def test_a_segment_that_does_not_exist_is_refused(archive, tmp_path, value, message):
    built = archive.build(site_dir=tmp_path / "site", env={"TOASOAN_SEGMENT": value})
    assert built.returncode == 1 and message in built.output
    assert "Traceback" not in built.output


def test_overlapping_segments_are_a_settings_error(tmp_path):
    project = new_project(tmp_path / "src")
    project.config = {"extra": {"news": {"segments": ["vi:2020-2025", "vi:2025"]}}}
    project.article("2025/tin", "vi")
    built = project.build(site_dir=tmp_path / "site")
    assert built.returncode == 1
    assert 'extra.news.segments[2]: "vi:2025" overlaps extra.news.segments[1] "vi:2020-2025"' \
        in built.output
