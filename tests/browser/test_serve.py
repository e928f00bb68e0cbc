"""`mkdocs serve` as an editor uses it: the public site's policy, live reload from a file,
and a preview that shows the problems of a broken save instead of freezing."""

from __future__ import annotations

import time

import pytest

from conftest import new_project
from toasoan.output_policy import content_security_policy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COLLECT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI));
"""
ARTICLE = "news/2026/cau-moi/index.vi.md"


def _project(tmp_path):
    project = new_project(tmp_path / "src")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới",
                    body="Cây cầu mới nối hai bờ sông Lam.")
    return project


def test_served_pages_carry_the_public_policy_and_reload_from_a_file(page, tmp_path):
    project = _project(tmp_path)
    with project.serve() as server:
        page.add_init_script(COLLECT)
        page.goto(server.url + "news/2026/cau-moi/")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy == content_security_policy()  # the public site's, to the byte
        assert "unsafe-inline" not in policy
        # The server's own inline live-reload script is blocked, as an author's would be...
        page.wait_for_function("() => window.__violations.some(v => v.includes('inline'))")
        assert page.evaluate("typeof livereload") == "undefined"
        # ...and the site's file does the reloading: a saved title shows up by itself.
        source = project.docs / ARTICLE
        source.write_text(source.read_text("utf-8").replace("Khánh thành cầu mới", "Cầu mới thông xe"),
                          "utf-8")
        page.wait_for_function(
            "() => document.querySelector('h1') && document.querySelector('h1').textContent"
            ".includes('Cầu mới thông xe')", timeout=60_000)


def test_a_broken_save_shows_the_problems_then_the_fixed_article(page, tmp_path):
    # How fast is bench/serve_edit.py's to measure ("broken_save_problems_s"); a test
    # only waits, generously, so that a busy CI machine cannot fail it.
    project = _project(tmp_path)
    source = project.docs / ARTICLE
    good = source.read_text("utf-8")
    with project.serve() as server:
        page.goto(server.url + "news/2026/cau-moi/")
        page.wait_for_selector("h1.news-article__title")
        time.sleep(1)  # let the page's live reload connect
        source.write_text(good.replace("date: 2026-03-14 08:30", "date: 2026-13-45 08:30"), "utf-8")
        saved = time.monotonic()
        page.wait_for_selector(".toasoan-problems", timeout=60_000)
        print(f"problems page shown {time.monotonic() - saved:.2f} s after the save")
        assert page.locator("html").get_attribute("lang") == "vi"
        text = page.locator(".toasoan-problems").inner_text()
        assert "Chưa xây dựng được trang" in text
        assert f"docs/{ARTICLE}:3: date \"2026-13-45 08:30\" is not a date" in text
        # Any address shows the problems, not a page that waits for the fix.
        status, body = server.get("tac-gia/tran-thi-dao/", timeout=5)
        assert "toasoan-problems" in body
        source.write_text(good, "utf-8")
        page.wait_for_selector("h1.news-article__title", timeout=60_000)
        assert page.locator("h1.news-article__title").inner_text() == "Khánh thành cầu mới"
