"""The sample site builds the same with MkDocs 1.6 and with properdocs, its maintained fork.

Issue 12: if MkDocs 1.x stops receiving fixes, a site owner switches the build
command to ``properdocs build`` and gets the same site. Both commands build the
repository's own sample site (docs/, mkdocs.yml, hooks, overrides) at the same
fixed time; the pages, their main content and every other file must agree.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from conftest import NOW_EPOCH, REPO

pytestmark = pytest.mark.slow

# The only line allowed to differ: it names the generator ("mkdocs-1.6.1" / "ProperDocs 1.6.7").
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(tool: str, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("TOASOAN_PREVIEW", None)
    return subprocess.run([sys.executable, "-m", tool, "build", "--strict",
                           "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
                          cwd=REPO, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("dual-build")
    mkdocs_site, properdocs_site = root / "mkdocs", root / "properdocs"
    for tool, site in (("mkdocs", mkdocs_site), ("properdocs", properdocs_site)):
        proc = _build(tool, site)
        assert proc.returncode == 0, f"{tool} build failed:\n{proc.stdout}{proc.stderr}"
    return mkdocs_site, properdocs_site


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _main_content(page: Path) -> tuple[str, str, str]:
    """(lang, title, text of the main content) of a page; a redirect page (an article's
    old address: overrides/redirect.html) is all body."""
    tree = lxml.html.fromstring(page.read_bytes())
    main = tree.find(".//article") if tree.find(".//article") is not None else tree.find(".//main")
    if main is None and tree.find(".//meta[@http-equiv='refresh']") is not None:
        main = tree.find(".//body")
    assert main is not None, f"{page}: no <article> or <main>"
    return (tree.get("lang", ""), tree.findtext(".//title") or "",
            " ".join(main.text_content().split()))


def test_sample_site_has_articles_in_both_languages(sites):
    mkdocs_site, _ = sites
    pages = _files(mkdocs_site)
    assert any(p.startswith("news/") and p.endswith("/index.html") for p in pages)
    assert any(p.startswith("en/news/") and p.endswith("/index.html") for p in pages)


def test_properdocs_writes_the_same_files_as_mkdocs(sites):
    mkdocs_site, properdocs_site = sites
    assert _files(properdocs_site) == _files(mkdocs_site)


def test_every_page_has_the_same_language_title_and_main_content(sites):
    mkdocs_site, properdocs_site = sites
    pages = sorted(p for p in _files(mkdocs_site) if p.endswith(".html"))
    assert pages
    for rel in pages:
        assert _main_content(properdocs_site / rel) == _main_content(mkdocs_site / rel), rel


def test_every_file_is_identical_but_for_the_generator_tag(sites):
    mkdocs_site, properdocs_site = sites
    differing = []
    for rel in sorted(_files(mkdocs_site)):
        ours, theirs = (mkdocs_site / rel).read_bytes(), (properdocs_site / rel).read_bytes()
        if rel.endswith(".html"):
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        if ours != theirs:
            differing.append(rel)
    assert differing == []
