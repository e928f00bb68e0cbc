import unicodedata

import pytest

from toasoan.slug import fold, slugify, slugify_heading


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đô thị", "do-thi"),
        ("Trần Thị Đào", "tran-thi-dao"),
        ("Đà Nẵng", "da-nang"),
        ("Xây dựng Đảng", "xay-dung-dang"),
        ("Khánh thành cầu Sông Lam!", "khanh-thanh-cau-song-lam"),
        ("  Kinh tế -- Xã hội  ", "kinh-te-xa-hoi"),
        ("Party building", "party-building"),
        ("Năm 2026: 12 dự án", "nam-2026-12-du-an"),
    ],
)
def test_slug_keeps_d_and_strips_tones(text, slug):
    assert slugify(text) == slug


def test_nfd_input_gives_the_same_slug_as_nfc():
    nfc = "Đồng Du nghiệm thu đường mới"
    assert slugify(unicodedata.normalize("NFD", nfc)) == slugify(nfc) == "dong-du-nghiem-thu-duong-moi"


def test_dong_du_twins_collide_and_that_is_for_callers_to_handle():
    assert slugify("Đông Du") == slugify("Đồng Du") == "dong-du"


def test_text_without_letters_gives_empty_slug():
    assert slugify("!!! ???") == ""
    assert slugify_heading("!!!") == "section"


def test_fold_strips_marks_but_keeps_case():
    assert fold("Đà Nẵng") == "Da Nang"


def test_heading_slugify_matches_toc_signature():
    assert slugify_heading("Đường ven biển", "-") == "duong-ven-bien"
