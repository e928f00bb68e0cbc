"""Share links: plain URLs carrying the canonical URL and the title as encoded text."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from toasoan.share import encode, share_links

URL = "https://baosonglam.example.org/news/2026/cau-moi/"
TITLE = 'Ông Nam nói "không" với <script>alert(1)</script> & thuế #1 100%'


def links() -> dict:
    return {link.network: link for link in share_links(URL, TITLE)}


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


def test_share_links_are_facebook_x_linkedin_and_email_in_that_order():
    assert [link.network for link in share_links(URL, TITLE)] == ["facebook", "x", "linkedin", "email"]


def test_facebook_link_decodes_back_to_the_canonical_url():
    href = links()["facebook"].href
    assert href.startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert query(href) == {"u": [URL]}


def test_x_link_carries_the_url_and_the_title_as_plain_text():
    href = links()["x"].href
    assert href.startswith("https://x.com/intent/tweet?")
    assert query(href) == {"url": [URL], "text": [TITLE]}


def test_linkedin_link_carries_the_url():
    href = links()["linkedin"].href
    assert href.startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(href) == {"url": [URL]}


def test_email_link_has_the_title_as_subject_and_the_link_as_body():
    href = links()["email"].href
    assert href.startswith("mailto:?")
    fields = dict(part.split("=", 1) for part in href.removeprefix("mailto:?").split("&"))
    assert unquote(fields["subject"]) == TITLE
    assert unquote(fields["body"]) == URL


def test_reserved_characters_of_the_title_never_reach_the_url_raw():
    for link in share_links(URL, TITLE):
        assert not set(' "<>#') & set(link.href), link.href
        params = link.href.split("?", 1)[1].split("&")
        assert len(params) == {"facebook": 1, "x": 2, "linkedin": 1, "email": 2}[link.network]


def test_encode_is_utf8_with_spaces_as_percent_20():
    assert encode("Đà Nẵng & co") == "%C4%90%C3%A0%20N%E1%BA%B5ng%20%26%20co"


def test_web_links_open_a_tab_mail_does_not():
    assert {n: link.opens_tab for n, link in links().items()} == {
        "facebook": True, "x": True, "linkedin": True, "email": False}
