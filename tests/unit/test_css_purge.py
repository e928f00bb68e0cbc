"""Leaving out the stylesheet rules no page can use, and nothing else."""

import re
from pathlib import Path

import material

from toasoan.css_purge import classes_in_html, classes_in_script, purge, required_classes

MATERIAL_CSS = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))


def test_rules_needing_an_unused_class_are_dropped():
    css = ".md-header{color:red}.admonition{border:1px}p{margin:0}"
    assert purge(css, {"md-header"}) == ".md-header{color:red}p{margin:0}"


def test_selector_lists_keep_only_the_selectors_that_can_match():
    assert purge(".a,.b .c,h1{x:1}", {"a"}) == ".a,h1{x:1}"


def test_classes_inside_not_is_where_are_not_required():
    css = ".a:not(.gone){x:1}.a :is(.gone,p){y:2}:where(.gone) .a{z:3}"
    assert purge(css, {"a"}) == css


def test_media_blocks_are_purged_inside_and_dropped_when_empty():
    css = "@media screen and (min-width:60em){.a{x:1}.b{y:2}}@media print{.b{z:3}}"
    assert purge(css, {"a"}) == "@media screen and (min-width:60em){.a{x:1}}"


def test_keyframes_font_faces_and_statements_are_kept_whole():
    css = '@charset "UTF-8";@keyframes spin{0%{opacity:0}to{opacity:1}}@font-face{font-family:x;src:url(x.woff)}'
    assert purge(css, set()) == css


def test_braces_and_commas_in_strings_and_urls_do_not_confuse_it():
    css = '.a:after{content:"{,}"}.b{background:url("data:image/svg+xml;charset=utf-8,<svg>{}</svg>")}'
    assert purge(css, {"a"}) == '.a:after{content:"{,}"}'
    assert purge(css, {"a", "b"}) == css


def test_materials_whole_stylesheet_round_trips_when_every_class_is_used():
    css = MATERIAL_CSS.read_text(encoding="utf-8")
    every_class = set(re.findall(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)", css))
    assert purge(css, every_class) == css


def test_required_classes_of_a_selector():
    assert required_classes(".md-nav__toggle:checked~.md-nav>.md-nav__list") == {
        "md-nav__toggle", "md-nav", "md-nav__list"}
    assert required_classes("html") == set()


def test_classes_are_read_from_html_and_from_scripts():
    assert classes_in_html('<p class="a  b"><i class=c></i><b class=\'d\'>') == {"a", "b", "c", "d"}
    script = 'item.className = "toasoan-result md-button"; el.classList.add("is-open", "x");'
    assert classes_in_script(script) == {"toasoan-result", "md-button", "is-open", "x"}
