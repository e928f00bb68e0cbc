"""Incremental builds give the bytes of a clean build, whatever changed.

For each kind of change an editor or operator makes, the site is built with the build
cache (after an earlier build filled it) and without it, and every file of the two
outputs is compared. Each incremental build must also have reused pages (or the test
would pass by rebuilding everything).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, REPO, Project, new_project

pytestmark = pytest.mark.slow

DAY = 24 * 3600


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def _corpus(root: Path) -> Project:
    project = new_project(root)
    (project.root / "overrides").unlink()  # a copy, so that a test may change a template
    shutil.copytree(REPO / "overrides", project.root / "overrides")
    project.photo("news/2026/cau/cau.jpg")
    project.article("2026/cau", "vi", title="Khánh thành cầu", categories=["Đô thị", "Thời sự"],
                    body="Cầu mới nối hai bờ.\n\n![Cầu](cau.jpg \"Cầu mới\")")
    project.article("2026/cau", "en", title="Bridge opens", categories=["Urban affairs"],
                    body="A new bridge.\n\n![Bridge](cau.jpg)")
    for n in range(1, 7):
        project.article(f"2026/tin-{n}", "vi", title=f"Tin số {n}", date=f"2026-03-{10 + n} 08:00",
                        categories=["Kinh tế" if n % 2 else "Đô thị"], tags=["giao thông"] if n < 3 else None)
    project.photo("news/2026/fleet/boats.jpg")  # an English-only bundle's photo
    project.photo("news/2026/fleet/more/quay.jpg")  # in a subfolder
    project.article("2026/fleet", "en", title="Fishing fleet returns", categories=["Economy"],
                    body="Boats at the quay.\n\n![Boats](boats.jpg)\n\n![Quay](more/quay.jpg)")
    project.article("2026/nhap", "vi", title="Bản nháp", draft=True, categories=["Kinh tế"])
    project.article("2026/hen-gio", "vi", title="Tin hẹn giờ", date="2026-11-28 06:00",
                    categories=["Thời sự"])
    return project


class Pair:
    """One project built twice per change: with the cache, and clean."""

    def __init__(self, root: Path) -> None:
        self.project = _corpus(root / "src")
        self.cache = root / "cache"
        self.root = root
        self.count = 0
        first = self.incremental()
        assert first.ok, first.output

    def incremental(self, epoch: int = NOW_EPOCH):
        self.count += 1
        return self.project.build(site_dir=self.root / f"inc{self.count}",
                                  env={"TOASOAN_CACHE_DIR": str(self.cache),
                                       "SOURCE_DATE_EPOCH": str(epoch)})

    def check(self, epoch: int = NOW_EPOCH) -> tuple[int, int]:
        """Build both ways and compare; returns (pages reused, pages rendered)."""
        warm = self.last = self.incremental(epoch)
        assert warm.ok, warm.output
        clean = self.project.build(site_dir=self.root / f"clean{self.count}",
                                   env={"TOASOAN_CACHE": "off", "SOURCE_DATE_EPOCH": str(epoch)})
        assert clean.ok, clean.output
        mine, theirs = _files(warm.site_dir), _files(clean.site_dir)
        assert sorted(mine) == sorted(theirs)
        different = [name for name in mine if mine[name] != theirs[name]]
        assert different == []
        reused, rendered = map(int, re.search(r"build cache \((?:[^()]|\([^)]*\))*\): (\d+) pages "
                                              r"reused, (\d+) rendered", warm.output).groups())
        return reused, rendered


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Pair:
    return Pair(tmp_path_factory.mktemp("incremental"))


def _edit(project: Project, rel: str, old: str, new: str) -> None:
    path = project.docs / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


# The changes run in this order, each on top of the previous ones.

def test_nothing_changed_reuses_every_page(pair):
    reused, rendered = pair.check()
    assert reused > 20 and rendered == 0
    # MkDocs walked none of the bundles' photos: they were copied directly.
    assert re.search(r"build cache: (\d+) of \1 bundles unchanged", pair.last.output)
    assert (pair.root / f"inc{pair.count}" / "news/2026/fleet/more/quay.jpg").is_file()
    # The search shards were reused from the cache (the same bytes as a clean index, above),
    # as copies: the published site shares no file with the cache.
    shards = re.search(r"(\d+) of (\d+) shards indexed, (\d+) reused", pair.last.output)
    assert shards and shards[1] == "0" and shards[3] == shards[2] != "0", pair.last.output
    bundle = pair.root / f"inc{pair.count}" / "pagefind"
    assert all(p.stat().st_nlink == 1 for p in bundle.rglob("*") if p.is_file())


def test_editing_a_body(pair):
    _edit(pair.project, "news/2026/tin-3/index.vi.md", "Nội dung bài viết.", "Nội dung đã sửa.")
    reused, rendered = pair.check()
    assert reused > 15 and 1 <= rendered <= 6  # its page, and the listings showing its lead


def test_editing_a_title(pair):
    _edit(pair.project, "news/2026/tin-4/index.vi.md", "Tin số 4", "Tin số bốn")
    reused, rendered = pair.check()
    assert reused > 10 and rendered >= 2  # its page, and the pages listing or linking it


def test_adding_an_article(pair):
    pair.project.article("2026/moi", "vi", title="Tin mới", date="2026-03-20 09:00",
                         categories=["Kinh tế"])
    assert pair.check()[0] > 10


def test_deleting_an_article(pair):
    shutil.rmtree(pair.project.docs / "news/2026/tin-1")
    assert pair.check()[0] > 10


def test_adding_a_translation(pair):
    pair.project.article("2026/tin-2", "en", title="Story two", date="2026-03-12 08:00",
                         categories=["Urban affairs"])
    assert pair.check()[0] > 10


def test_making_a_draft_public(pair):
    _edit(pair.project, "news/2026/nhap/index.vi.md", "draft: true\n", "")
    assert pair.check()[0] > 10


def test_time_passing_a_scheduled_date(pair):
    reused, _ = pair.check(epoch=NOW_EPOCH + DAY)  # 2026-11-28 12:00: "hen-gio" is out
    assert reused > 10
    assert (pair.root / f"inc{pair.count}" / "news/2026/hen-gio/index.html").is_file()


def test_changing_a_template(pair):
    footer = pair.project.root / "overrides/partials/footer.html"
    footer.write_text(footer.read_text("utf-8").replace('<footer class="news-footer">',
                                                       '<footer class="news-footer" data-v="2">'),
                      "utf-8")
    pair.check(epoch=NOW_EPOCH + DAY)  # every page is rendered again: they all changed


def test_changing_a_category_label(pair):
    pair.project.config = {"extra": {"news": {"categories": [
        {"vi": "Thời sự", "en": "News"}, {"vi": "Kinh tế", "en": "Business"},
        {"vi": "Đô thị", "en": "Urban affairs"}]}}}
    pair.check(epoch=NOW_EPOCH + DAY)


def test_adding_an_alias(pair):
    _edit(pair.project, "news/2026/tin-5/index.vi.md", "language: vi\n",
          "language: vi\naliases: [/news/2026/tin-nam/]\n")
    reused, _ = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused > 10
    assert (pair.root / f"inc{pair.count}" / "news/2026/tin-nam/index.html").is_file()


def test_adding_a_correction(pair):
    _edit(pair.project, "news/2026/tin-6/index.vi.md", "language: vi\n",
          'language: vi\ncorrections:\n  - date: 2026-03-18 10:00\n    text: "Sửa số liệu."\n')
    reused, rendered = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused > 10 and rendered >= 1


def test_an_english_slug_and_a_translation_taking_the_shared_fields(pair):
    pair.project.write("news/2026/tin-6/index.en.md", "---\ntitle: Story six\nlanguage: en\n"
                       "slug: story-six\n---\n\nText.\n")
    assert pair.check(epoch=NOW_EPOCH + DAY)[0] > 10
    _edit(pair.project, "news/2026/tin-6/index.en.md", "slug: story-six", "slug: story-6")
    reused, _ = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused > 10
    assert (pair.root / f"inc{pair.count}" / "en/news/2026/story-6/index.html").is_file()
    # the original's date changes: the translation, which takes it, follows
    _edit(pair.project, "news/2026/tin-6/index.vi.md", "date: 2026-03-16 08:00",
          "date: 2026-03-16 09:00")
    assert pair.check(epoch=NOW_EPOCH + DAY)[0] > 10


def test_a_corrupted_cached_page_is_not_trusted(pair):
    pair.check(epoch=NOW_EPOCH + DAY)  # fill the cache for the current content
    index = json.loads((pair.cache / "index.json").read_text("utf-8"))
    url, entry = next((u, e) for u, e in index["pages"].items() if u.startswith("news/"))
    cached = pair.cache / "pages" / f"{entry['digest']}.html"
    cached.write_bytes(cached.read_bytes()[:100])  # truncated
    reused, rendered = pair.check(epoch=NOW_EPOCH + DAY)
    assert rendered >= 1


def test_a_foreign_or_unreadable_cache_is_ignored(pair):
    index = pair.cache / "index.json"
    data = json.loads(index.read_text("utf-8"))
    data["scope"] = "another site"
    index.write_text(json.dumps(data), "utf-8")
    reused, rendered = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused == 0 and rendered > 20
    index.write_text("{not json", "utf-8")
    reused, rendered = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused == 0 and rendered > 20


def test_a_build_while_another_build_of_the_site_runs_goes_without_the_cache(pair):
    """Two builds of one site at once (mkdocs serve open, then mkdocs build) shared the
    cache: one dropped the pages the other was about to reuse, and it stopped with a
    traceback (seen in CI). The second one now renders everything, without the cache."""
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        (pair.cache / "lock").write_text(str(other.pid), "ascii")  # a build in progress
        before = {p.name: p.stat().st_mtime_ns for p in pair.cache.rglob("*") if p.is_file()}
        alongside = pair.incremental(NOW_EPOCH + DAY)
        assert alongside.ok, alongside.output
        assert f"in use by another build of this site (process {other.pid})" in alongside.output
        assert "pages reused" not in alongside.output  # no page taken from the cache
        clean = pair.project.build(site_dir=pair.root / f"clean-alongside{pair.count}",
                                   env={"TOASOAN_CACHE": "off",
                                        "SOURCE_DATE_EPOCH": str(NOW_EPOCH + DAY)})
        assert clean.ok, clean.output
        assert _files(alongside.site_dir) == _files(clean.site_dir)
        after = {p.name: p.stat().st_mtime_ns for p in pair.cache.rglob("*") if p.is_file()}
        assert after == before  # the other build's cache untouched
    finally:
        other.kill()
        other.wait()
    # Its holder gone (a killed build), the next build takes the cache again.
    reused, rendered = pair.check(epoch=NOW_EPOCH + DAY)
    assert reused > 20
    assert not (pair.cache / "lock").exists()  # given back at the end of the build
