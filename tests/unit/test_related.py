"""Related news: the per-category index gives the same answer as the definition."""

import datetime as dt
import random

from toasoan.article import related
from toasoan.config import Language, load_settings
from toasoan.content import Article, Newsroom
from toasoan.edition import Edition

TZ = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 27, 12, tzinfo=TZ)
LANGS = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))


def naive(room: Newsroom, article: Article, limit: int = 5) -> list[Article]:
    """The definition: of the shown articles of its language sharing a category, the ones
    published just before it (nearest first), then just after it (nearest first)."""
    wanted = set(article.categories)
    here = (article.date, article.src_uri)
    sharing = [o for o in Edition(room, NOW).published(article.lang)
               if o.bundle != article.bundle and wanted & set(o.categories)]
    earlier = sorted((o for o in sharing if (o.date, o.src_uri) < here),
                     key=lambda o: (o.date, o.src_uri), reverse=True)
    later = sorted((o for o in sharing if (o.date, o.src_uri) > here),
                   key=lambda o: (o.date, o.src_uri))
    return (earlier + later)[:limit]


def test_related_matches_its_definition_on_a_random_archive():
    rng = random.Random(7)
    labels = ["Thời sự", "Kinh tế", "Văn hóa", "Đô thị", "Xây dựng Đảng"]
    articles = []
    for n in range(300):
        lang = rng.choice(["vi", "vi", "en"])
        articles.append(Article(
            src_uri=f"news/{n}/index.{lang}.md", path=f"docs/news/{n}/index.{lang}.md", lang=lang,
            bundle=f"news/{n}", title=f"T{n}", authors=("A",),
            date=NOW - dt.timedelta(hours=rng.randrange(0, 5000)),
            categories=tuple(rng.sample(labels, rng.randrange(0, 3))),
            draft=rng.random() < 0.05))
    room = Newsroom(load_settings({}, LANGS), articles)
    for article in articles:
        assert related(Edition(room, NOW), article) == naive(room, article)
