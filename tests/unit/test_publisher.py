"""extra.news.publisher: the old plain name, or the footer's details per language."""

from __future__ import annotations

import pytest

from toasoan.config import Language, PublisherLines, SettingsError, load_settings

LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))


def settings(publisher):
    return load_settings({"publisher": publisher}, LANGS)


def test_the_plain_name_is_still_accepted():
    s = settings("Báo Sông Lam")
    assert s.publisher == "Báo Sông Lam"
    assert s.publisher_details.lines("en") == PublisherLines(name="Báo Sông Lam")


def test_no_publisher_gives_empty_lines():
    s = load_settings({}, LANGS)
    assert s.publisher == "" and s.publisher_details.lines("vi") == PublisherLines()


def test_details_are_given_per_language_or_for_all():
    s = settings({
        "name": {"vi": "Báo Sông Lam", "en": "Song Lam News"},
        "licence": {"vi": "Giấy phép số 1", "en": "Licence No. 1"},
        "editor_in_chief": "Nguyễn Văn Minh",
        "address": {"vi": "Số 18 đường Ven Sông"},
        "phone": "0200 3 000 000",
        "email": "toasoan@example.org",
        "notice": {"vi": "Ghi rõ nguồn “Báo Sông Lam”.", "en": "Credit “Song Lam News”."},
    })
    assert s.publisher == "Báo Sông Lam"  # the default language's name: feeds, JSON-LD
    vi, en = s.publisher_details.lines("vi"), s.publisher_details.lines("en")
    assert vi == PublisherLines("Báo Sông Lam", "Giấy phép số 1", "Nguyễn Văn Minh",
                                "Số 18 đường Ven Sông", "0200 3 000 000", "toasoan@example.org",
                                "Ghi rõ nguồn “Báo Sông Lam”.")
    assert (en.name, en.licence, en.editor_in_chief, en.notice) == (
        "Song Lam News", "Licence No. 1", "Nguyễn Văn Minh", "Credit “Song Lam News”.")
    assert en.address == ""  # given in Vietnamese only: not shown on English pages
    assert vi.phone_href == "tel:02003000000"


def test_a_name_missing_in_a_language_falls_back_to_the_default_languages():
    s = settings({"name": {"vi": "Báo Sông Lam"}, "licence": "GP 1"})
    assert s.publisher_details.lines("en").name == "Báo Sông Lam"


def test_whitespace_is_tidied_and_empty_values_are_left_out():
    s = settings({"name": "  Báo \n Sông Lam ", "licence": "", "phone": None})
    assert s.publisher_details.lines("vi") == PublisherLines(name="Báo Sông Lam")


@pytest.mark.parametrize(("publisher", "message"), [
    ({"name": "B", "fax": "1"}, "extra.news.publisher.fax: unknown key (known: name, licence, "
                                "editor_in_chief, address, phone, email, notice)"),
    ({"address": {"fr": "Rue"}}, "extra.news.publisher.address.fr: not a site language (vi, en)"),
    ({"licence": 5}, "extra.news.publisher.licence: must be text, or text per language such as "
                     "{vi: ..., en: ...}, got 5"),
    ({"notice": {"vi": ["a"]}}, "extra.news.publisher.notice.vi: must be text, got ['a']"),
    ({"email": "toasoan at example"}, 'extra.news.publisher.email: "toasoan at example" is not an '
                                      "email address such as toasoan@example.org"),
    ({"email": {"en": "x@y"}}, 'extra.news.publisher.email.en: "x@y" is not an email address'),
    (["Báo"], "extra.news.publisher: must be the publisher's name, or a mapping with name, "
              "licence, editor_in_chief, address, phone, email, notice"),
    (7, "extra.news.publisher: must be the publisher's name"),
])
def test_mistakes_name_the_key(publisher, message):
    with pytest.raises(SettingsError) as caught:
        settings(publisher)
    assert str(caught.value).startswith(message)


def test_the_sample_site_configuration_is_valid():
    from pathlib import Path

    from toasoan.site_config import read_site

    site = read_site(Path(__file__).resolve().parents[2] / "mkdocs.yml")
    en = site.settings.publisher_details.lines("en")
    assert site.settings.publisher == "Báo Sông Lam" and en.name == "Song Lam News"
    assert en.licence and en.editor_in_chief and en.address and en.email and en.notice
