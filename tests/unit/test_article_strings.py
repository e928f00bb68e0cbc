"""The UI strings: every visible string on a Vietnamese page is Vietnamese.

Material's own vi.html leaves English in ("Initializing search", "Metadata",
"RSS feed", "Contributors"); overrides/partials/languages/ replaces it.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

LANGUAGES = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "languages"
# Values that are the same in both languages on purpose: codes, patterns, names.
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline",
            "search.config.separator", "news.share.email", "readtime.one"}
ENGLISH_LEFT_BY_MATERIAL = ["Initializing search", "Metadata", "RSS feed", "Contributors",
                            "Tabs", "Back to top"]


def keys(name: str) -> list[str]:
    return re.findall(r'^\s*"([^"]+)":', (LANGUAGES / name).read_text(encoding="utf-8"), re.M)


def strings(name: str) -> dict[str, str]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(LANGUAGES))
    module = env.get_template(name).module
    return {key: str(module.t(key)) for key in keys(name)}


def material_keys() -> list[str]:
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    return re.findall(r'^\s*"([^"]+)":', path.read_text(encoding="utf-8"), re.M)


def test_vi_and_en_have_the_same_keys():
    assert sorted(keys("vi.html")) == sorted(keys("en.html"))
    assert len(keys("vi.html")) == len(set(keys("vi.html")))


def test_every_material_string_is_translated():
    assert set(material_keys()) - set(keys("vi.html")) == set()


@pytest.mark.parametrize("key", sorted(set(keys("en.html")) - NOT_TEXT))
def test_vietnamese_string_is_not_the_english_one(key):
    vi, en = strings("vi.html"), strings("en.html")
    assert vi[key] and vi[key] != en[key], f"{key}: {vi[key]!r}"


def test_strings_material_left_in_english_are_gone_from_vietnamese():
    values = set(strings("vi.html").values())
    for english in ENGLISH_LEFT_BY_MATERIAL:
        assert not any(english.lower() in value.lower() for value in values), english


def test_newsroom_strings_read_as_the_papers_write_them():
    vi, en = strings("vi.html"), strings("en.html")
    assert (vi["news.share"], en["news.share"]) == ("Chia sẻ bài viết", "Share this article")
    assert (vi["news.related"], en["news.related"]) == ("Tin liên quan", "Related news")
    assert (vi["news.share.copied"], en["news.share.copied"]) == ("Đã sao chép", "Copied")
    assert vi["news.updated"] == "Cập nhật"
    assert vi["news.untranslated.article.en"] == "Bài viết chưa có bản tiếng Anh"
