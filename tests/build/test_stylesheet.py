"""Readers download only the part of Material's stylesheet the site can use."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from conftest import new_project

MATERIAL_CSS = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("stylesheet") / "src")
    project.article("2026/cau-moi", "vi", title="Cầu mới", categories=["Thời sự"],
                    body="Đoạn một.\n\nĐoạn hai với [một liên kết](https://example.org).")
    result = project.build()
    assert result.ok, result.output
    return result


def test_material_stylesheet_is_cut_to_what_pages_use(built):
    (shipped,) = built.site_dir.glob("assets/stylesheets/main.*.min.css")
    assert shipped.name == MATERIAL_CSS.name  # same address: every page's <link> still holds
    original = MATERIAL_CSS.read_text(encoding="utf-8")
    text = shipped.read_text(encoding="utf-8")
    assert len(text) < len(original) * 0.6
    assert ".md-content{" in text and ".md-typeset h1{" in text  # what every page shows
    assert ".admonition" not in text and ".md-search__" not in text  # documentation widgets
    assert ".md-header{" not in text and ".md-sidebar{" not in text  # the newspaper has its own
    assert not shipped.with_name(shipped.name + ".map").exists()


def test_every_class_a_page_uses_keeps_its_rules(built):
    """A rule is only ever dropped for a class that no page has."""
    import re

    from toasoan.css_purge import classes_in_html

    (shipped,) = built.site_dir.glob("assets/stylesheets/main.*.min.css")
    kept = shipped.read_text(encoding="utf-8")
    used = set()
    for page in built.site_dir.rglob("*.html"):
        used |= classes_in_html(page.read_text(encoding="utf-8"))
    styled_in_material = set(re.findall(r"\.(md-[a-z0-9_-]+)", MATERIAL_CSS.read_text(encoding="utf-8")))
    # Exact class names: ".md-header" must not be satisfied by ".md-header__button".
    kept_names = set(re.findall(r"\.(md-[a-z0-9_-]+)", kept))
    for name in used & styled_in_material:
        assert name in kept_names, name
