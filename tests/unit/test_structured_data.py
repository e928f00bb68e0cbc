"""Open Graph/Twitter tags, JSON-LD and absolute URLs, without a build."""

import datetime as dt
import json
import re

import pytest

from toasoan.content import Article
from toasoan.structured_data import (
    article_tags,
    json_ld,
    news_article,
    site_tags,
    website,
)
from toasoan.urls import absolute_url
from toasoan.urls import asset_url as asset_path

LOCALES = {"vi": "vi_VN", "en": "en_US"}

HANOI = dt.timezone(dt.timedelta(hours=7))
HOSTILE = 'Cầu "mới" </script><script>alert(1)</script> <!-- & \u2028 end'


def make_article(**fields) -> Article:
    values = dict(src_uri="news/2026/cau/index.vi.md", path="docs/news/2026/cau/index.vi.md",
                  lang="vi", bundle="news/2026/cau", title="Khánh thành cầu Sông Lam",
                  date=dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI),
                  authors=("Trần Thị Đào", "Nguyễn Văn Đức"), categories=("Thời sự", "Đô thị"),
                  lead="Sáng 14/3, tỉnh khánh thành cây cầu.", image="cau song.jpg",
                  image_alt="Cây cầu mới")
    values.update(fields)
    return Article(**values)


@pytest.mark.parametrize(("site_url", "rel", "expected"), [
    ("https://example.org/", "news/x/", "https://example.org/news/x/"),
    ("https://example.org/", "", "https://example.org/"),
    ("https://org.github.io/repo/", "en/news/x/", "https://org.github.io/repo/en/news/x/"),
    ("https://org.github.io/repo", "/en/", "https://org.github.io/repo/en/"),
    ("https://example.org/", "news/x/ảnh 1.jpg", "https://example.org/news/x/%E1%BA%A3nh%201.jpg"),
    ("https://example.org/", "news/x/a%20b.jpg", "https://example.org/news/x/a%20b.jpg"),
    ("https://example.org/", "https://cdn.example.net/a.png", "https://cdn.example.net/a.png"),
])
def test_absolute_url_joins_site_url_and_keeps_its_subpath(site_url, rel, expected):
    assert absolute_url(site_url, rel) == expected


def test_photo_urls_are_relative_to_the_bundle_and_encoded():
    article = make_article()
    assert asset_path(article, "cau song.jpg") == "news/2026/cau/cau%20song.jpg"
    assert asset_path(article, "../chung/anh.png") == "news/2026/chung/anh.png"
    assert asset_path(article, "/images/logo.png") == "images/logo.png"
    assert asset_path(article, "cau%20song.jpg") == "news/2026/cau/cau%20song.jpg"


def test_og_locale_comes_from_each_language_configuration():
    from toasoan.config import load_settings
    from toasoan.locales import Language

    settings = load_settings({}, (Language("vi", "Tiếng Việt", "", True),
                                  Language("en", "English", "en/", False)))
    assert [lang.locale for lang in settings.languages] == ["vi_VN", "en_US"]


def test_json_ld_is_valid_json_and_inert_for_any_title():
    text = json_ld({"headline": HOSTILE})
    assert json.loads(text) == {"headline": HOSTILE}
    for dangerous in ("<", ">", "&", "\u2028"):
        assert dangerous not in text
    assert "</script" not in text.lower() and "<!--" not in text


def test_news_article_has_every_field_search_engines_read():
    article = make_article(updated=dt.datetime(2026, 3, 15, 9, 0, tzinfo=HANOI))
    data = news_article(article, url="https://example.org/news/2026/cau/",
                        image_urls=["https://example.org/news/2026/cau/cau%20song.jpg"],
                        publisher="Báo Sông Lam", logo_url="https://example.org/logo.png",
                        translations={"en": "https://example.org/en/news/2026/cau/"})
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Khánh thành cầu Sông Lam"
    assert data["description"] == article.lead
    assert data["datePublished"] == "2026-03-14T08:30:00+07:00"
    assert data["dateModified"] == "2026-03-15T09:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Trần Thị Đào"},
                              {"@type": "Person", "name": "Nguyễn Văn Đức"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Báo Sông Lam",
                                 "logo": {"@type": "ImageObject",
                                          "url": "https://example.org/logo.png"}}
    assert data["image"] == ["https://example.org/news/2026/cau/cau%20song.jpg"]
    assert data["inLanguage"] == "vi"
    assert data["mainEntityOfPage"] == {"@type": "WebPage",
                                        "@id": "https://example.org/news/2026/cau/"}
    assert data["articleSection"] == ["Thời sự", "Đô thị"]
    assert data["workTranslation"] == [{"@type": "NewsArticle", "inLanguage": "en",
                                        "@id": "https://example.org/en/news/2026/cau/"}]


def test_news_article_without_photo_logo_or_translation_omits_them():
    data = news_article(make_article(image=None, lead=""), url="https://example.org/a/",
                        image_urls=[], publisher="Báo", logo_url=None)
    assert "image" not in data and "description" not in data and "workTranslation" not in data
    assert data["publisher"] == {"@type": "Organization", "name": "Báo"}
    assert data["dateModified"] == data["datePublished"]


def test_website_describes_a_language_home():
    data = website(name="Song Lam News", url="https://example.org/en/", lang="en",
                   description="News", publisher="Báo Sông Lam", logo_url=None)
    assert data["@type"] == "WebSite" and data["inLanguage"] == "en"
    assert data["url"] == "https://example.org/en/"


def tags_of(tags) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _attribute, name, content in tags:
        found.setdefault(name, []).append(content)
    return found


def test_article_tags_for_a_translated_article():
    tags = article_tags(make_article(), locales=LOCALES, url="https://example.org/news/2026/cau/",
                        site_name="Báo Sông Lam", image_url="https://example.org/c.jpg",
                        alternate_langs=["vi", "en"])
    found = tags_of(tags)
    assert found["og:type"] == ["article"]
    assert found["og:title"] == ["Khánh thành cầu Sông Lam"]
    assert found["og:description"] == ["Sáng 14/3, tỉnh khánh thành cây cầu."]
    assert found["og:url"] == ["https://example.org/news/2026/cau/"]
    assert found["og:image"] == ["https://example.org/c.jpg"]
    assert found["og:image:alt"] == ["Cây cầu mới"]
    assert found["og:locale"] == ["vi_VN"]
    assert found["og:locale:alternate"] == ["en_US"]
    assert found["article:published_time"] == ["2026-03-14T08:30:00+07:00"]
    assert found["article:modified_time"] == ["2026-03-14T08:30:00+07:00"]
    assert found["article:author"] == ["Trần Thị Đào", "Nguyễn Văn Đức"]
    assert found["article:section"] == ["Thời sự"]
    assert found["twitter:card"] == ["summary_large_image"]
    assert found["twitter:image"] == ["https://example.org/c.jpg"]
    # Open Graph uses property=, Twitter name=.
    assert {a for a, n, _ in tags if n.startswith("twitter:")} == {"name"}
    assert {a for a, n, _ in tags if not n.startswith("twitter:")} == {"property"}


def test_article_tags_for_an_untranslated_article_have_no_alternate_locale():
    found = tags_of(article_tags(make_article(), locales=LOCALES, url="https://example.org/a/", site_name="B",
                                 image_url=None, alternate_langs=["vi"]))
    assert "og:locale:alternate" not in found
    assert "og:image" not in found
    assert found["twitter:card"] == ["summary"]


def test_site_tags_for_a_listing_page():
    found = tags_of(site_tags(locales=LOCALES, title="Song Lam News", description="News", url="https://e.org/en/",
                              site_name="Song Lam News", lang="en", alternate_langs=["vi", "en"],
                              image_url=None))
    assert found["og:type"] == ["website"]
    assert found["og:locale"] == ["en_US"] and found["og:locale:alternate"] == ["vi_VN"]
    assert found["og:url"] == ["https://e.org/en/"]


def test_no_tag_value_is_prepared_as_markup():
    """Values stay raw text: the partial escapes them (and must not receive &amp;)."""
    found = tags_of(article_tags(make_article(title=HOSTILE), locales=LOCALES, url="https://e.org/a/",
                                 site_name="B", image_url=None, alternate_langs=["vi"]))
    assert found["og:title"] == [HOSTILE]
    assert not any(re.search(r"&(amp|lt|gt|quot|#\d+);", v) for v in sum(found.values(), []))
