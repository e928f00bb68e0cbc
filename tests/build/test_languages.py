"""Languages are configuration: a third language is its i18n entry plus its language file.

A copy of the sample site gets French (strings in ``overrides/languages/fr.yml``, the
documented place) without any Python or template change, and every page, listing,
search page, 404 page and switch speaks French; without the file, or with keys missing,
the build stops naming them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import REPO, BuildResult, Project

pytestmark = pytest.mark.slow

FR_STRINGS = REPO / "tests/fixtures/languages/fr.yml"


def _french_site(root: Path, *, strings: str | None) -> Project:
    """The sample site with French added: an i18n entry, French articles and About page."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8").replace(
        "!!python/name:toasoan.slug.slugify_heading", "toasoan-slugify"))
    config["markdown_extensions"][0] = {"toc": {"slugify": "toasoan-slugify"}}
    config["plugins"][0]["i18n"]["languages"].append(
        {"locale": "fr", "name": "Français", "build": True, "site_name": "Nouvelles de Song Lam",
         "site_description": "L’actualité de la province de Song Lam"})
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).replace(
        "toasoan-slugify", "!!python/name:toasoan.slug.slugify_heading")
    (root / "base.yml").write_text(text, encoding="utf-8")
    project = Project(root)
    if strings is not None:
        (root / "overrides/languages").mkdir(exist_ok=True)
        (root / "overrides/languages/fr.yml").write_text(strings, encoding="utf-8")
    bundle = root / "docs/news/2026/khanh-thanh-cau-song-lam"
    english = (bundle / "index.en.md").read_text("utf-8")
    (bundle / "index.fr.md").write_text(
        english.replace("language: en", "language: fr")
        .replace("title: ", "title: \"Le pont de Song Lam est inauguré\"\nx-title: ", 1)
        .replace("categories: [News, Urban affairs]", "categories: [Actualités]"), "utf-8")
    french = (bundle / "index.fr.md").read_text("utf-8")
    (bundle / "index.fr.md").write_text(re.sub(r"\nx-title: .*", "", french), "utf-8")
    (root / "docs/about.fr.md").write_text("---\ntitle: À propos\n---\n\nUn journal d’essai.\n",
                                           encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> BuildResult:
    project = _french_site(tmp_path_factory.mktemp("fr") / "src",
                           strings=FR_STRINGS.read_text("utf-8"))
    result = project.build()
    assert result.ok, result.output
    return result


def test_french_pages_are_built_under_fr(french):
    page = french.html("fr/news/2026/khanh-thanh-cau-song-lam/index.html")
    assert page.get("lang") == "fr"
    assert page.xpath("string(//h1)").strip() == "Le pont de Song Lam est inauguré"
    assert french.html("fr/about/index.html").get("lang") == "fr"
    assert french.exists("fr/index.html") and french.exists("fr/recherche/index.html")
    assert french.exists("fr/rubrique/actualites/index.html")  # the French section folder


def test_french_pages_speak_french(french):
    article = french.html("fr/news/2026/khanh-thanh-cau-song-lam/index.html")
    assert article.xpath("string(//*[@class='news-share__title'])") == "Partager cet article"
    assert "min de lecture" in article.xpath("string(//*[@class='news-dateline__readtime'])")
    home = french.html("fr/index.html")
    assert home.xpath("string(//*[contains(@class,'news-sections__item')][1])").strip() == "Accueil"
    search = french.html("fr/recherche/index.html")
    assert search.xpath("string(//h1)") == "Recherche"
    assert set(search.xpath("//input[@name='q']/@placeholder")) == {"Rechercher…"}  # box + page
    notfound = french.html("fr/404.html")
    assert notfound.xpath("string(//h1)") == "Page introuvable"
    # The Vietnamese 404 invites to read the French news in French, not in English.
    vi_links = french.html("404.html").xpath("//div[@class='news-notfound']//a[@hreflang='fr']")
    assert [a.text_content() for a in vi_links] == ["Lire les nouvelles en français"]


def test_open_graph_locale_is_fr_fr(french):
    page = french.html("fr/news/2026/khanh-thanh-cau-song-lam/index.html")
    assert page.xpath("//meta[@property='og:locale']/@content") == ["fr_FR"]
    assert sorted(page.xpath("//meta[@property='og:locale:alternate']/@content")) == \
        ["en_US", "vi_VN"]


def test_the_switch_offers_all_three_languages(french):
    page = french.html("fr/news/2026/khanh-thanh-cau-song-lam/index.html")
    links = page.xpath("//nav[@class='news-lang']//a")
    assert [(a.get("hreflang"), a.text_content().strip()) for a in links] == [
        ("vi", "Tiếng Việt"), ("en", "English"), ("fr", "Français")]
    vi_page = french.html("news/2026/phien-cho-vung-cao-khe-may-giu-nep-xua/index.html")  # vi only
    (fr_link,) = vi_page.xpath("//nav[@class='news-lang']//a[@hreflang='fr']")
    assert fr_link.get("title") == "Bài viết chưa có bản tiếng Pháp"


def test_no_raw_key_or_placeholder_anywhere(french):
    keys = yaml.safe_load(FR_STRINGS.read_text("utf-8"))["strings"]
    raw = [key for key in keys if "_" in key] + ["lang.t"]
    for path in french.site_dir.rglob("*.html"):
        text = lxml.html.fromstring(path.read_bytes()).text_content()
        attributes = " ".join(lxml.html.fromstring(path.read_bytes()).xpath("//@title|//@aria-label"
                                                                            "|//@placeholder"))
        for key in raw:
            assert key not in text and key not in attributes, (path, key)
        assert not re.search(r"\{(number|minutes|language|n)\}", text + attributes), path
        assert not re.search(r"\bnews\.(home|related|share|switch|updated|author|breadcrumb|"
                             r"made_with|new_tab|untranslated)", text + attributes), path


def test_without_french_strings_the_build_names_the_missing_keys(tmp_path):
    project = _french_site(tmp_path / "none", strings=None)
    result = project.build()
    assert not result.ok
    assert 'language "fr" has no configuration: create' in result.output
    assert "overrides/languages/fr.yml" in result.output

    partial = yaml.safe_load(FR_STRINGS.read_text("utf-8"))
    del partial["strings"]["share"], partial["strings"]["search_title"]
    project = _french_site(tmp_path / "partial", strings=yaml.safe_dump(partial, allow_unicode=True))
    result = project.build()
    assert not result.ok
    assert 'language "fr" is missing 2 keys: strings.share, strings.search_title' in result.output
