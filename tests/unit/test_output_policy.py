"""The Content-Security-Policy and the files published from docs/ (the page allow-list
itself is tested in test_allowlist.py)."""

from __future__ import annotations

import pytest

from toasoan.output_policy import content_security_policy, script_hash, unpublishable


def test_policy_allows_only_the_site_itself():
    policy = dict(part.split(" ", 1) for part in content_security_policy().split("; "))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # no 'unsafe-inline', no hosts
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["style-src"] == "'self'"
    assert "http" not in content_security_policy()


def test_policy_lists_given_inline_script_hashes():
    digest = script_hash("alert(1)")
    assert digest == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert f"script-src 'self' 'wasm-unsafe-eval' {digest};" in content_security_policy([digest])


@pytest.mark.parametrize("src_uri", ["news/2026/x/anh.jpg", "news/2026/x/ANH.JPEG", "about.vi.md",
                                     "news/2026/x/bao-cao.pdf", "robots.txt", "favicon.ico"])
def test_photos_pages_and_inert_files_are_published(src_uri):
    assert unpublishable(src_uri) is None


@pytest.mark.parametrize("src_uri, suffix", [
    ("news/2026/x/trang.html", ".html"), ("news/2026/x/logo.svg", ".svg"),
    ("news/2026/x/app.js", ".js"), ("feed.xml", ".xml"), ("news/2026/x/Makefile", "(no suffix)"),
])
def test_active_files_in_docs_are_not_published(src_uri, suffix):
    assert unpublishable(src_uri).startswith(f'"{suffix}" files are not published from docs/')


def test_no_caller_can_allow_inline_scripts():
    """mkdocs serve carries the public policy (issue 15): the dev-server switch that added
    'unsafe-inline' is gone."""
    assert "'unsafe-inline'" not in content_security_policy()
    with pytest.raises(TypeError):
        content_security_policy(dev_server=True)
