"""RSS, Atom and JSON Feed built from a Feed, parsed back with feedparser."""

import datetime as dt
import json

import feedparser

from toasoan.content import Article
from toasoan.feeds import (
    Entry,
    Feed,
    Image,
    atom,
    by_category,
    entry,
    image_type,
    json_feed,
    rfc822,
    rss,
)
from toasoan.urls import absolute_url

HANOI = dt.timezone(dt.timedelta(hours=7))
SITE = "https://org.github.io/repo/"
HOSTILE = 'Cầu "mới" </script><script>alert(1)</script> <!-- & end'


def make_article(**fields) -> Article:
    values = dict(src_uri="news/2026/cau/index.vi.md", path="docs/news/2026/cau/index.vi.md",
                  lang="vi", bundle="news/2026/cau", title="Khánh thành cầu Sông Lam",
                  date=dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI),
                  authors=("Trần Thị Đào", "Nguyễn Văn Đức"), categories=("Thời sự", "Đô thị"),
                  lead="Sáng 14/3, tỉnh khánh thành cây cầu.", image="cau song.jpg")
    values.update(fields)
    return Article(**values)


def make_feed(entries, lang="vi") -> Feed:
    prefix = "" if lang == "vi" else "en/"
    return Feed(title="Báo Sông Lam", description="Tin tức", lang=lang,
                home_url=absolute_url(SITE, prefix),
                urls={"rss": absolute_url(SITE, prefix + "rss.xml"),
                      "atom": absolute_url(SITE, prefix + "atom.xml"),
                      "json": absolute_url(SITE, prefix + "feed.json")},
                publisher="Báo Sông Lam", entries=tuple(entries),
                fallback_updated=dt.datetime(2026, 11, 27, 12, 0, tzinfo=HANOI))


def entries():
    newer = make_article(title=HOSTILE, date=dt.datetime(2026, 3, 15, 7, 0, tzinfo=HANOI),
                         updated=dt.datetime(2026, 3, 16, 7, 0, tzinfo=HANOI))
    older = make_article(bundle="news/2026/cu", image=None, categories=())
    cover = Image(absolute_url(SITE, "news/2026/cau/cau%20song.jpg"), "image/jpeg", 676, "Cầu")
    return [entry(newer, url=absolute_url(SITE, "news/2026/cau/"), image=cover),
            entry(older, url=absolute_url(SITE, "news/2026/cu/"), image=None)]


def test_rss_parses_without_errors_and_carries_every_field():
    parsed = feedparser.parse(rss(make_feed(entries())))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Báo Sông Lam"
    assert parsed.feed.link == "https://org.github.io/repo/"
    assert parsed.feed.language == "vi"
    first, second = parsed.entries
    assert first.title == HOSTILE
    assert first.link == "https://org.github.io/repo/news/2026/cau/"
    assert first.id == first.link  # the permalink is the stable guid
    assert first.published == "Sun, 15 Mar 2026 07:00:00 +0700"
    assert [a.name for a in first.authors] == ["Trần Thị Đào", "Nguyễn Văn Đức"]
    assert first.summary == "Sáng 14/3, tỉnh khánh thành cây cầu."
    assert [t.term for t in first.tags] == ["Thời sự", "Đô thị"]
    assert first.enclosures[0].href == "https://org.github.io/repo/news/2026/cau/cau%20song.jpg"
    assert first.enclosures[0].type == "image/jpeg" and first.enclosures[0].length == "676"
    assert first.media_content[0]["url"] == first.enclosures[0].href
    assert second.link == "https://org.github.io/repo/news/2026/cu/"
    assert not second.get("enclosures")


def test_rss_channel_date_is_the_newest_change_never_the_build_time():
    parsed = feedparser.parse(rss(make_feed(entries())))
    assert parsed.feed.updated == "Mon, 16 Mar 2026 07:00:00 +0700"


def test_atom_parses_without_errors_with_ids_dates_and_authors():
    parsed = feedparser.parse(atom(make_feed(entries(), lang="en")))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == "https://org.github.io/repo/en/"
    assert parsed.feed.updated == "2026-03-16T07:00:00+07:00"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"alternate": "https://org.github.io/repo/en/",
                     "self": "https://org.github.io/repo/en/atom.xml"}
    first = parsed.entries[0]
    assert first.id == "https://org.github.io/repo/news/2026/cau/"
    assert first.title == HOSTILE
    assert first.published == "2026-03-15T07:00:00+07:00"
    assert first.updated == "2026-03-16T07:00:00+07:00"
    assert [a.name for a in first.authors] == ["Trần Thị Đào", "Nguyễn Văn Đức"]
    assert first.summary == "Sáng 14/3, tỉnh khánh thành cây cầu."
    assert first.enclosures[0].href.endswith("cau%20song.jpg")


def test_json_feed_is_json_feed_1_1():
    data = json.loads(json_feed(make_feed(entries())))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://org.github.io/repo/feed.json"
    assert data["language"] == "vi"
    first = data["items"][0]
    assert first["id"] == first["url"] == "https://org.github.io/repo/news/2026/cau/"
    assert first["title"] == HOSTILE
    assert first["date_published"] == "2026-03-15T07:00:00+07:00"
    assert first["authors"] == [{"name": "Trần Thị Đào"}, {"name": "Nguyễn Văn Đức"}]
    assert first["image"].endswith("cau%20song.jpg")
    assert "image" not in data["items"][1]


def test_an_empty_feed_is_still_valid():
    for render in (rss, atom):
        parsed = feedparser.parse(render(make_feed([])))
        assert not parsed.bozo and parsed.entries == []
    assert json.loads(json_feed(make_feed([])))["items"] == []


def test_same_feed_gives_the_same_bytes():
    assert rss(make_feed(entries())) == rss(make_feed(entries()))
    assert atom(make_feed(entries())) == atom(make_feed(entries()))


def test_dates_keep_their_offset():
    moment = dt.datetime(2026, 3, 14, 8, 30, tzinfo=HANOI)
    assert rfc822(moment) == "Sat, 14 Mar 2026 08:30:00 +0700"


def test_image_type_from_the_file_name():
    assert image_type("a.JPG") == "image/jpeg"
    assert image_type("b.webp") == "image/webp"
    assert image_type("c.png") == "image/png"


def test_entry_takes_the_article_text_raw():
    item = entry(make_article(), url="https://e.org/a/", image=None)
    assert isinstance(item, Entry)
    assert item.title == "Khánh thành cầu Sông Lam" and item.summary.startswith("Sáng 14/3")


def test_by_category_groups_articles_keeping_their_order():
    newer = make_article(bundle="news/2026/b", categories=("Kinh tế", "Thời sự"))
    older = make_article(bundle="news/2026/a", categories=("Thời sự",))
    groups = by_category([newer, older, make_article(bundle="news/2026/c", categories=())])
    assert list(groups) == ["Kinh tế", "Thời sự"]
    assert groups["Thời sự"] == [newer, older] and groups["Kinh tế"] == [newer]
