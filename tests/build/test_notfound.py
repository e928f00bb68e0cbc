"""A 'page not found' page in each language that leads back to the news."""

from __future__ import annotations

import pytest

from conftest import new_project


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("notfound") / "src")
    project.config = {"site_url": "https://example.org/bao/"}
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới")
    project.article("2026/cau-moi", "en", title="New bridge opens")
    project.article("2026/chi-viet", "vi", title="Chỉ tiếng Việt", date="2026-04-01 09:00")
    built = project.build()
    assert built.ok, built.output
    return built


def test_root_404_is_vietnamese_and_english_has_its_own(result):
    vi = result.html("404.html")
    en = result.html("en/404.html")
    assert vi.get("lang") == "vi" and en.get("lang") == "en"
    assert vi.xpath("string(//h1)") == "Không tìm thấy trang"
    assert en.xpath("string(//h1)") == "Page not found"


def test_404_links_home_and_latest_news_with_absolute_paths(result):
    vi = result.html("404.html")
    links = {a.text_content().strip(): a.get("href") for a in vi.xpath("//div[@class='news-notfound']//a")}
    assert links["Về trang chủ"] == "/bao/"
    assert links["Chỉ tiếng Việt"] == "/bao/news/2026/chi-viet/"
    assert links["Khánh thành cầu mới"] == "/bao/news/2026/cau-moi/"
    assert list(links)[1:3] == ["Chỉ tiếng Việt", "Khánh thành cầu mới"]  # newest first
    en = result.html("en/404.html")
    en_links = {a.text_content().strip(): a.get("href") for a in en.xpath("//div[@class='news-notfound']//a")}
    assert en_links["Back to the home page"] == "/bao/en/"
    assert en_links["New bridge opens"] == "/bao/en/news/2026/cau-moi/"
    assert "Chỉ tiếng Việt" not in en_links  # the other language's news is not offered


def test_404_offers_the_other_language(result):
    other = result.html("404.html").xpath("//div[@class='news-notfound']//p[@lang='en']/a")[0]
    assert other.get("href") == "/bao/en/" and other.get("hreflang") == "en"


def test_404_is_not_an_indexed_page(result):
    assert not result.exists("404/index.html") and not result.exists("en/404/index.html")
