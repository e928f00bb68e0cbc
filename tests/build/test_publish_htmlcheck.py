"""HTML validation with the Nu Html Checker, on tiny hand-written pages.

One vnu run over a folder holding a valid page, a page with planted errors, and a
page with Material's drawer/search toggles (the one documented false positive).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, require_tool, vnu_available
from toasoan.htmlcheck import (
    THEME_FALSE_POSITIVES,
    VNU_JAR,
    HtmlError,
    ValidationResult,
    classify,
    report,
    validate_site,
)

needs_vnu = pytest.mark.usefixtures("vnu")


def page(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


MATERIAL_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">\n'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">\n'
    '<label class="md-overlay" for="__drawer"></label>')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("htmlcheck") / "site"
    files = {
        "index.html": page("Trang chủ", "<h1>Báo Sông Lam</h1>\n<p>Tin mới.</p>"),
        "en/index.html": page("Home", "<h1>Song Lam News</h1>"),
        "news/loi/index.html": page("Lỗi", "<h1>Bài lỗi</h1>\n"
                                    '<p><span id="a">một</span><span id="a">hai</span></p>\n'
                                    "<ul><div>không phải mục</div></ul>"),
        "theme/index.html": page("Theme", MATERIAL_TOGGLES + "\n<h1>Theme</h1>"),
        "own-form/index.html": page("Form", '<h1>Form</h1>\n<input type="checkbox" '
                                    'id="nhan-tin" autocomplete="off">'),
        "empty-heading/index.html": page("Empty", "<h1></h1>"),
        "feed.xml": "<rss><channel></channel></rss>",  # not HTML: skipped
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(site):
    require_tool(vnu_available(), "HTML validation needs Java (default-jre-headless) and npm ci")
    return validate_site(site, vnu_jar=REPO / VNU_JAR)


def test_valid_pages_have_no_errors(result):
    pages_with_errors = {error.page for error in result.errors}
    assert not pages_with_errors & {"index.html", "en/index.html", "empty-heading/index.html"}


def test_planted_errors_are_reported_with_page_line_and_message(result):
    planted = [(e.page, e.line, e.message) for e in result.errors if e.page == "news/loi/index.html"]
    assert ("news/loi/index.html", 9, "Duplicate ID “a”.") in planted
    assert any(line == 10 and "“div” not allowed as child of element “ul”" in message
               for _, line, message in planted)
    assert not result.ok


def test_material_toggle_autocomplete_is_the_only_ignored_finding(result):
    assert [(e.page, e.line) for e in result.ignored] == [("theme/index.html", 8),
                                                           ("theme/index.html", 9)]
    assert not [e for e in result.errors if e.page == "theme/index.html"]
    assert len(THEME_FALSE_POSITIVES) == 1 and THEME_FALSE_POSITIVES[0].why


def test_the_same_attribute_on_our_own_checkbox_is_still_an_error(result):
    [error] = [e for e in result.errors if e.page == "own-form/index.html"]
    assert error.message.startswith("Attribute “autocomplete” is only allowed")


def test_warnings_do_not_count_as_errors(result):
    assert ("empty-heading/index.html", "Empty heading.") in {
        (w.page, w.message) for w in result.warnings}


def test_only_html_files_are_checked(result):
    every = result.errors + result.warnings + result.ignored
    assert all(finding.page.endswith(".html") for finding in every)


@needs_vnu
def test_command_line_lists_errors_and_exits_1(site):
    proc = subprocess.run([sys.executable, "-m", "toasoan.htmlcheck", str(site),
                           "--vnu-jar", str(REPO / VNU_JAR)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "news/loi/index.html:9:" in proc.stdout and "Duplicate ID “a”." in proc.stdout
    assert proc.stdout.splitlines()[-1] == "3 HTML error(s)"


def test_report_counts_a_repeated_template_error_once_per_message():
    errors = [HtmlError("index.html", 9, 5, "Duplicate ID “a”."),
              HtmlError("en/index.html", 9, 5, "Duplicate ID “a”."),
              HtmlError("en/index.html", 12, 1, "Stray end tag “div”.")]
    assert report(ValidationResult(errors, [], [])).splitlines() == [
        "index.html:9:5: Duplicate ID “a”.",
        "en/index.html:9:5: Duplicate ID “a”.",
        "en/index.html:12:1: Stray end tag “div”.",
        "by message:",
        "      2 × Duplicate ID “a”.",
        "      1 × Stray end tag “div”.",
        "3 HTML error(s)",
    ]


def test_classify_keeps_unreadable_files_as_errors_and_drops_plain_notes(tmp_path):
    messages = [
        {"type": "non-document-error", "url": f"file:{tmp_path}/x.html", "message": "IO error"},
        {"type": "info", "url": f"file:{tmp_path}/y.html", "message": "Trailing slash"},
        {"type": "info", "subType": "warning", "url": f"file:{tmp_path}/y.html",
         "lastLine": 3, "message": "Empty heading."},
    ]
    result = classify(messages, tmp_path)
    assert [(e.page, e.message) for e in result.errors] == [("x.html", "IO error")]
    assert [(w.page, w.line, w.message) for w in result.warnings] == [
        ("y.html", 3, "Empty heading.")]
