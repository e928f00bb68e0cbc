"""The real site (this repository's mkdocs.yml and docs/) passes every publishing check.

What CI runs before deploying (`python -m toasoan.publish --validate-html`), step by
step so that a failure names its cause: a strict build, no broken internal link or
anchor in either language, and zero HTML errors from the Nu Html Checker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, REPO
from toasoan import htmlcheck, linkcheck
from toasoan.site_config import load_yaml

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("real-site") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("TOASOAN_PREVIEW", None)
    # Not -q: MkDocs' --quiet hides warnings from the --strict counter as well.
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
         "-d", str(out)], cwd=REPO, capture_output=True, text=True, env=env, timeout=900)
    return proc, out


def test_real_site_builds_with_strict(real_site):
    proc, _ = real_site
    warnings = [line for line in (proc.stdout + proc.stderr).splitlines()
                if line.startswith(("WARNING", "ERROR"))]
    assert proc.returncode == 0 and not warnings, "\n".join(warnings) or proc.stderr[-3000:]


def test_real_site_has_no_broken_internal_link_or_anchor(real_site):
    _, out = real_site
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    site_url = load_yaml(REPO / "mkdocs.yml").get("site_url")
    checker = linkcheck.LinkChecker(out, site_url=site_url)
    assert sum(len(page.links) for page in checker.pages.values()) > 100  # really looked
    broken = sorted(checker.broken_links(), key=lambda link: (link.page, link.line))
    assert broken == [], linkcheck.report(broken)


@pytest.mark.usefixtures("vnu")
def test_real_site_html_has_zero_errors(real_site):
    _, out = real_site
    assert len(list(out.rglob("*.html"))) > 20
    result = htmlcheck.validate_site(out, vnu_jar=REPO / htmlcheck.VNU_JAR)
    assert result.errors == [], htmlcheck.report(result)
