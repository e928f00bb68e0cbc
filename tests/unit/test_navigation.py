from toasoan.navigation import localized_nav, page_exists

SOURCES = {"about.vi.md", "about.en.md", "lien-he.vi.md", "chinh-sach.md"}


def exists_in(lang: str, default: bool):
    return lambda src: page_exists(src, lang, default, SOURCES)


def test_a_page_missing_in_english_leaves_the_english_menu():
    nav = ["about.md", "lien-he.md", {"Chính sách": "chinh-sach.md"}]
    assert localized_nav(nav, exists_in("en", False)) == ["about.md"]


def test_the_default_language_keeps_unsuffixed_pages():
    nav = ["about.md", "lien-he.md", {"Chính sách": "chinh-sach.md"}]
    assert localized_nav(nav, exists_in("vi", True)) == nav


def test_sections_left_empty_are_dropped_and_links_kept():
    nav = [{"Thông tin": ["lien-he.md"]}, {"Facebook": "https://facebook.com/x"}, "about.md"]
    assert localized_nav(nav, exists_in("en", False)) == [{"Facebook": "https://facebook.com/x"}, "about.md"]


def test_no_nav_stays_no_nav():
    assert localized_nav(None, exists_in("vi", True)) is None
