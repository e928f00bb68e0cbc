"""Builds on several processes give the bytes of a build on one (toasoan_mkdocs.parallel).

TOASOAN_JOBS=N asks for N processes whatever the size of the site (without it, small
sites such as these are built in one process).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, Project, new_project

pytestmark = pytest.mark.slow


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Project:
    project = new_project(tmp_path_factory.mktemp("parallel") / "src")
    (project.root / "overrides").unlink()  # a copy, so that a test may change a template
    shutil.copytree(REPO / "overrides", project.root / "overrides")
    project.photo("news/2026/cau/cau.jpg")
    project.article("2026/cau", "vi", title="Khánh thành cầu", categories=["Đô thị"],
                    body="Cầu mới nối hai bờ.\n\n![Cầu](cau.jpg \"Cầu mới\")")
    project.article("2026/cau", "en", title="Bridge opens", categories=["Urban affairs"],
                    body="A new bridge.\n\n![Bridge](cau.jpg)")
    for n in range(1, 13):
        project.article(f"2026/tin-{n}", "vi", title=f"Tin số {n}",
                        date=f"2026-03-{10 + n} 08:00",
                        categories=["Kinh tế" if n % 2 else "Đô thị"],
                        tags=["giao thông"] if n < 4 else None,
                        body=f"Đoạn mở đầu của tin {n}.\n\n## Chi tiết\n\nNội dung [liên quan]"
                             f"(../tin-{n % 12 + 1}/index.vi.md).")
        if n % 3 == 0:
            project.article(f"2026/tin-{n}", "en", title=f"Story {n}",
                            date=f"2026-03-{10 + n} 08:00", categories=["Economy"])
    return project


def test_pages_rendered_by_workers_are_the_pages_one_process_renders(newsroom, tmp_path):
    serial = newsroom.build(site_dir=tmp_path / "one",
                            env={"TOASOAN_CACHE": "off", "TOASOAN_JOBS": "1"})
    assert serial.ok, serial.output
    assert "processes" not in serial.output
    shared = newsroom.build(site_dir=tmp_path / "three",
                            env={"TOASOAN_CACHE": "off", "TOASOAN_JOBS": "3"})
    assert shared.ok, shared.output
    assert "vi: rendering in 3 processes" in shared.output
    assert "en: rendering in 3 processes" in shared.output
    mine, theirs = _files(shared.site_dir), _files(serial.site_dir)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
    assert len([n for n in mine if n.endswith(".html")]) > 30


def test_workers_fill_the_build_cache_and_an_incremental_build_uses_it(newsroom, tmp_path):
    cache = {"TOASOAN_CACHE_DIR": str(tmp_path / "cache"), "TOASOAN_JOBS": "2"}
    first = newsroom.build(site_dir=tmp_path / "first", env=cache)
    assert first.ok and "vi: rendering in 2 processes" in first.output, first.output
    again = newsroom.build(site_dir=tmp_path / "again", env=cache)
    assert again.ok, again.output
    assert "0 rendered" in again.output  # every page the workers wrote was stored
    assert _files(again.site_dir) == _files(first.site_dir)


def test_a_page_that_fails_in_a_worker_stops_the_build_and_publishes_nothing(tmp_path):
    project = new_project(tmp_path / "src")
    (project.root / "overrides").unlink()
    shutil.copytree(REPO / "overrides", project.root / "overrides")
    for n in range(1, 9):
        project.article(f"2026/tin-{n}", "vi", title=f"Tin số {n}",
                        date=f"2026-03-{10 + n} 08:00", categories=["Kinh tế"])
    good = project.build(site_dir=tmp_path / "site", env={"TOASOAN_CACHE": "off"})
    assert good.ok, good.output
    before = _files(good.site_dir)
    # Every article page now carries an inline event handler, which the finished-page check
    # refuses, in whichever process renders it.
    template = project.root / "overrides/article.html"
    text = template.read_text("utf-8")
    template.write_text(text.replace("{% block content %}",
                                     '{% block content %}<div onclick="x()"></div>', 1), "utf-8")
    failed = project.build(site_dir=tmp_path / "site",
                           env={"TOASOAN_CACHE": "off", "TOASOAN_JOBS": "4"})
    assert failed.returncode == 1, failed.output
    assert "rendering in 4 processes" in failed.output
    assert "onclick" in failed.output and "Traceback" not in failed.output
    assert _files(tmp_path / "site") == before  # the published site is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_number_of_processes_that_is_not_a_number_is_refused(newsroom, tmp_path):
    result = newsroom.build(site_dir=tmp_path / "site", env={"TOASOAN_JOBS": "two"})
    assert result.returncode == 1
    assert 'TOASOAN_JOBS="two": must be a number of processes' in result.output
    assert "Traceback" not in result.output


def test_text_refused_in_every_process_is_listed_whole_in_file_order(tmp_path):
    """A body only the rendered check refuses (Python-Markdown reads this fence as text):
    each process finds its own share's; the build lists them all, once, in file order."""
    project = new_project(tmp_path / "src")
    hostile = "Mở đầu.\n\n``` a`b\n<script>alert(1)</script>\n```\n"
    for n in range(1, 9):
        project.article(f"2026/tin-{n}", "vi", title=f"Tin số {n}",
                        date=f"2026-03-{10 + n} 08:00", categories=["Kinh tế"],
                        body=hostile if n % 2 else "Nội dung.")
    failed = project.build(site_dir=tmp_path / "site",
                           env={"TOASOAN_CACHE": "off", "TOASOAN_JOBS": "3"})
    assert failed.returncode == 1, failed.output
    assert "rendering in 3 processes" in failed.output
    named = [line.split()[2].split(":")[0] for line in failed.output.splitlines()
             if line.startswith("ERROR") and "scripts are not allowed" in line]
    assert named == [f"docs/news/2026/tin-{n}/index.vi.md" for n in (1, 3, 5, 7)]
    assert "ERROR   -  4 problems in the text of articles or pages (listed above); nothing was " \
           "published" in failed.output
    assert "Traceback" not in failed.output and not (tmp_path / "site").exists()
