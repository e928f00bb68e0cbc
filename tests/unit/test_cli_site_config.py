"""Pure parts of the editor command: reading mkdocs.yml without MkDocs, states, warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toasoan.config import Language, load_settings
from toasoan.content import Article, Photo
from toasoan.editor import Version, classify, editor_warnings, free_slug, match_categories, yaml_text
from toasoan.site_config import SiteConfigError, languages, load_yaml, read_site

REPO = Path(__file__).resolve().parents[2]
LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
SETTINGS = load_settings({"categories": [{"vi": "Kinh tế", "en": "Economy"}],
                          "max_image_bytes": 2048, "lead_max_chars": 40}, LANGS)


def test_the_repository_mkdocs_yml_reads_like_the_build_reads_it():
    site = read_site(REPO / "mkdocs.yml")
    assert site.docs_dir == REPO / "docs"
    assert [(lang.code, lang.name, lang.prefix, lang.default) for lang in site.settings.languages] == \
        [(lang.code, lang.name, lang.prefix, lang.default) for lang in LANGS]
    assert site.settings.timezone_name == "Asia/Ho_Chi_Minh"
    assert {"vi": "Kinh tế", "en": "Economy"} in site.settings.categories


def test_python_and_env_tags_and_inherit_are_understood(tmp_path, monkeypatch):
    (tmp_path / "parent").mkdir()
    (tmp_path / "parent/base.yml").write_text(
        "docs_dir: content\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:toasoan.slug.slugify_heading\n"
        "plugins:\n  - search\n  - i18n:\n      languages:\n"
        "        - {locale: en, name: English}\n        - {locale: vi, name: Tiếng Việt, default: true}\n"
        "        - {locale: fr, name: Français, build: false}\n"
        "extra:\n  news:\n    page_size: 10\n    publisher: Báo\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: parent/base.yml\nsite_url: !ENV [SITE_URL, 'http://localhost/']\n"
        "extra:\n  news:\n    page_size: !ENV PAGE_SIZE\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    monkeypatch.setenv("PAGE_SIZE", "25")
    monkeypatch.delenv("SITE_URL", raising=False)
    data = load_yaml(tmp_path / "mkdocs.yml")
    assert data["site_url"] == "http://localhost/"
    from toasoan.render import PythonName
    assert data["markdown_extensions"] == [{"toc": {"slugify": PythonName("toasoan.slug.slugify_heading")}}]
    site = read_site(tmp_path / "mkdocs.yml")
    assert site.docs_dir == tmp_path / "content"
    assert site.settings.page_size == 25  # the child's value, read from the environment
    assert site.settings.publisher == "Báo"  # merged from the parent
    assert [lang.code for lang in site.settings.languages] == ["vi", "en"]  # default first, fr not built


def test_plugins_given_as_a_mapping_are_found_too():
    data = {"plugins": {"i18n": {"languages": [{"locale": "vi", "default": True}]}}}
    assert languages(data, "mkdocs.yml") == (Language("vi", "vi", "", True),)


@pytest.mark.parametrize(("text", "message"), [
    ("site_name: x\n", "mkdocs.yml: plugins: the i18n plugin (mkdocs-static-i18n) is required"),
    ("plugins:\n  - i18n:\n      languages:\n        - {locale: vi}\n",
     "plugins.i18n.languages: exactly one built language must have default: true"),
    ("site_name: [x\n", "mkdocs.yml:2: not valid YAML"),
])
def test_unusable_configurations_are_explained(tmp_path, text, message):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    with pytest.raises(SiteConfigError) as caught:
        read_site(tmp_path / "mkdocs.yml")
    assert message in str(caught.value)


def version(lang, *, added=0.0, changed=0.0, pending=False):
    return Version(lang, f"docs/news/x/index.{lang}.md", "T", pending, changed, added)


def test_classify_takes_the_first_written_version_as_the_source():
    codes = ("vi", "en")
    both = {"vi": version("vi", changed=5), "en": version("en", changed=9)}
    assert classify("news/x", both, codes).state == "translated"
    stale = {"vi": version("vi", changed=9), "en": version("en", changed=5)}
    assert (classify("news/x", stale, codes).state, classify("news/x", stale, codes).source) == (
        "stale", "vi")
    # Written in English first, translated into Vietnamese, then English corrected: stale.
    en_first = {"vi": version("vi", added=3, changed=4), "en": version("en", added=1, changed=8)}
    assert (classify("news/x", en_first, codes).state,
            classify("news/x", en_first, codes).source) == ("stale", "en")
    assert classify("news/x", {"en": version("en")}, codes).state == "en-only"
    pending = {"vi": version("vi", changed=9), "en": version("en", pending=True)}
    assert (classify("news/x", pending, codes).state,
            classify("news/x", pending, codes).source) == ("pending", "vi")


def test_free_slug_counts_up_and_ignores_case(tmp_path):
    (tmp_path / "Dong-Du").mkdir()
    (tmp_path / "dong-du-2").mkdir()
    assert free_slug(tmp_path, "dong-du") == ("dong-du-3", ("dong-du", "dong-du-2"))
    assert free_slug(tmp_path / "missing", "dong-du") == ("dong-du", ())


def test_categories_match_without_accents_to_the_configured_label():
    assert match_categories(["kinh te", "KINH TẾ", "Lạ"], "vi", SETTINGS) == (
        ("Kinh tế", "Lạ"), ('category "Lạ" is not in extra.news.categories for vi (known: '
                            "Kinh tế); it makes a new section",))


@pytest.mark.parametrize("value", ["No", "12:30", "a # b", 'say "x"', "Đà Nẵng", "- x", "@x"])
def test_yaml_text_is_one_double_quoted_line_that_reads_back_the_same(value):
    import yaml

    text = yaml_text(value)
    assert text.startswith('"') and "\n" not in text
    assert yaml.safe_load(f"k: {text}") == {"k": value}
    assert yaml_text(["Kinh tế", "No"]) == '["Kinh tế", "No"]'


def test_editor_warnings_name_the_line_and_the_setting():
    article = Article(
        src_uri="news/x/index.vi.md", path="docs/news/x/index.vi.md", lang="vi", bundle="news/x",
        title="T", date=dt.datetime(2026, 3, 14, tzinfo=dt.UTC), authors=("A",),
        lead="x" * 41, image="big.jpg",
        photos=(Photo("ok.jpg", "Mô tả", "Chú thích", 9), Photo("big.jpg", "", None, 12)),
        body="\n<!-- toasoan: translation pending: ... -->\n", body_line=7)
    sizes = {"ok.jpg": 2048, "big.jpg": 2049}
    found = editor_warnings(article, SETTINGS, sizes.get, {"lead": 5, "image": 6})
    assert [(p.line, p.severity, p.message.split(":")[0]) for p in found] == [
        (5, "warning", "lead is 41 characters, over the limit of 40 (extra.news.lead_max_chars); "
                       "shorten it"),
        (8, "warning", 'the note "translation pending" is still in the text'),
        (12, "warning", 'photo "big.jpg" has no caption'),
        (12, "warning", 'photo "big.jpg" is 2,049 bytes, over the limit of 2,048 '
                        "(extra.news.max_image_bytes); save a smaller copy"),
    ]
