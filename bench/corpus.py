"""Write a deterministic news corpus for the benchmark: about N articles per language.

The corpus follows the content contract in README.md: page bundles under
``docs/news/<year>/<slug>/`` with ``index.vi.md`` and/or ``index.en.md`` and their
photos. 70% of the stories exist in both languages, 20% in Vietnamese only and
10% in English only: N Vietnamese articles and about 0.89 N English ones. Stories are spread
over the years 2018-2026 and over the site's categories (including labels with
đ/Đ), carry 1-3 captioned photos (tiny valid PNG files) and realistic Vietnamese
text with diacritics, built from word lists by a seeded random generator: the
same seed and size always give the same bytes.

Standard library only, so that it runs before anything is installed:

    python bench/corpus.py 500 /tmp/corpus          # writes /tmp/corpus/docs/...
    python bench/corpus.py 2000 /tmp/corpus --seed 7
"""

# ruff: noqa: S311  (a seeded generator on purpose: the corpus must be reproducible)

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import struct
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

# Shares of the stories: both languages, Vietnamese only, English only.
PAIRED, VI_ONLY, EN_ONLY = 0.7, 0.2, 0.1
FIRST_YEAR, LAST_DATE = 2018, dt.datetime(2026, 11, 20, 18, 0)

# The category pairs of the repository's mkdocs.yml (extra.news.categories).
CATEGORIES = [
    ("Thời sự", "News"),
    ("Kinh tế", "Economy"),
    ("Văn hóa", "Culture"),
    ("Đô thị", "Urban affairs"),
    ("Xây dựng Đảng", "Party building"),
]

VI_PLACES = [
    "Đông Du", "Lam Giang", "Cửa Lam", "Tân Hòa", "Khe Mây", "Đồng Xuân", "Phú Lộc",
    "Đà Sơn", "Yên Thành", "Hưng Nguyên", "Thạch Hà", "Quỳnh Lưu", "Đức Thọ", "Nghĩa Đàn",
]
EN_PLACES = [
    "Dong Du", "Lam Giang", "Cua Lam", "Tan Hoa", "Khe May", "Dong Xuan", "Phu Loc",
    "Da Son", "Yen Thanh", "Hung Nguyen", "Thach Ha", "Quynh Luu", "Duc Tho", "Nghia Dan",
]
VI_AUTHORS = [
    "Trần Thị Đào", "Nguyễn Văn Đức", "Lê Minh Hằng", "Phạm Quốc Đạt", "Hoàng Thu Trang",
    "Đặng Hữu Nghĩa", "Võ Thị Ngọc Ánh", "Bùi Đình Khôi", "Đỗ Thanh Hương",
]
EN_AUTHORS = [
    "Tran Thi Dao", "Nguyen Van Duc", "Le Minh Hang", "Pham Quoc Dat", "Hoang Thu Trang",
    "Dang Huu Nghia", "Vo Thi Ngoc Anh", "Bui Dinh Khoi", "Do Thanh Huong",
]

VI_TOPICS = [
    "khánh thành cầu", "sửa chữa đường giao thông", "thu hoạch lúa xuân", "giải ngân vốn đầu tư công",
    "khắc phục hậu quả mưa lũ", "chỉnh trang vỉa hè", "phát triển du lịch cộng đồng",
    "đào tạo nghề cho thanh niên", "xây dựng nông thôn mới", "bảo tồn di tích lịch sử",
    "nâng cấp trạm y tế", "mở rộng khu công nghiệp", "lễ hội đua thuyền", "phiên chợ vùng cao",
    "đại hội chi bộ", "cải cách thủ tục hành chính", "trồng rừng phòng hộ", "hỗ trợ ngư dân",
]
VI_SUBJECTS = [
    "Ủy ban nhân dân tỉnh", "Sở Giao thông vận tải", "Hội Nông dân huyện", "người dân xã",
    "Đoàn công tác của tỉnh", "Ban quản lý dự án", "các hộ kinh doanh", "Đảng ủy phường",
    "Sở Văn hóa và Thể thao", "đội ngũ cán bộ cơ sở", "nhiều doanh nghiệp địa phương",
    "lực lượng đoàn viên thanh niên", "bà con ngư dân", "Trung tâm Y tế huyện",
]
VI_VERBS = [
    "đã khảo sát", "đang triển khai", "vừa hoàn thành", "tổ chức", "đề xuất", "kiểm tra",
    "đẩy nhanh tiến độ", "bàn giao", "hỗ trợ", "phối hợp thực hiện", "tổng kết", "phát động",
]
VI_OBJECTS = [
    "tuyến đường ven biển", "hệ thống kênh mương nội đồng", "các công trình trọng điểm",
    "chương trình đào tạo", "kế hoạch phục hồi sản xuất", "dự án cấp nước sạch",
    "khu tái định cư mới", "phong trào thi đua", "nguồn vốn vay ưu đãi", "đợt tiêm chủng mở rộng",
    "không gian đi bộ ven sông", "mô hình trồng lúa hữu cơ", "các điểm trường vùng cao",
]
VI_TIMES = [
    "Sáng nay", "Chiều qua", "Trong tuần này", "Từ đầu năm", "Trong quý III", "Sáng 14/3",
    "Tối thứ Bảy", "Những ngày cuối tháng", "Trước mùa mưa bão", "Sau Tết Nguyên đán",
]
VI_TAILS = [
    "với tổng kinh phí hơn {n} tỷ đồng", "thu hút hơn {n} người tham gia",
    "trên diện tích {n} héc-ta", "nhằm nâng cao đời sống người dân",
    "góp phần phát triển kinh tế - xã hội của địa phương", "trước thời hạn {n} ngày",
    "theo đúng kế hoạch đề ra", "với sự tham gia của {n} hộ dân",
]
VI_QUOTES = [
    "Chúng tôi sẽ tiếp tục lắng nghe ý kiến của bà con", "Công trình này là niềm mong mỏi "
    "của người dân nhiều năm qua", "Mọi khó khăn đều được tháo gỡ kịp thời",
    "Đây là kết quả của sự đồng lòng giữa chính quyền và nhân dân",
]
VI_HEADINGS = ["Nhiều kết quả tích cực", "Khó khăn còn ở phía trước", "Người dân đồng thuận",
               "Kế hoạch thời gian tới", "Ý kiến chuyên gia"]
VI_CAPTIONS = [
    "Toàn cảnh {topic} tại {place}.", "Người dân {place} theo dõi {topic}.",
    "Lãnh đạo tỉnh kiểm tra {topic} ở {place}.", "Một góc {place} sau {topic}.",
]

EN_TOPICS = [
    "bridge opening", "road repairs", "spring rice harvest", "public investment disbursement",
    "flood recovery", "pavement upgrade", "community tourism", "vocational training for youth",
    "new rural development", "heritage conservation", "clinic upgrade",
    "industrial park expansion", "boat racing festival", "highland market", "party congress",
    "administrative reform", "coastal forest planting", "support for fishermen",
]
EN_SUBJECTS = [
    "The provincial People's Committee", "The Department of Transport", "The district Farmers' "
    "Association", "Residents of the commune", "A provincial delegation", "The project board",
    "Local business owners", "The ward's party committee", "The Department of Culture",
    "Grassroots officials", "Several local companies", "Youth union volunteers",
    "Fishing families", "The district health centre",
]
EN_VERBS = [
    "surveyed", "are rolling out", "have completed", "organised", "proposed", "inspected",
    "sped up work on", "handed over", "supported", "carried out", "reviewed", "launched",
]
EN_OBJECTS = [
    "the coastal road", "the irrigation canals", "the key construction projects",
    "the training programme", "the plan to restore production", "the clean water project",
    "the new resettlement area", "the emulation campaign", "preferential loans",
    "the expanded vaccination round", "the riverside walking space", "organic rice plots",
    "the highland schools",
]
EN_TIMES = [
    "This morning", "Yesterday afternoon", "This week", "Since the start of the year",
    "In the third quarter", "On March 14", "On Saturday evening", "At the end of the month",
    "Before the storm season", "After the Lunar New Year",
]
EN_TAILS = [
    "at a cost of more than {n} billion dong", "drawing more than {n} participants",
    "over {n} hectares", "to improve living standards", "supporting the local economy",
    "{n} days ahead of schedule", "as planned", "with {n} households taking part",
]
EN_QUOTES = [
    "We will keep listening to residents", "People have waited years for this project",
    "Every obstacle was dealt with quickly", "This is the result of a shared effort",
]
EN_HEADINGS = ["Encouraging results", "Challenges ahead", "Residents on board",
               "Plans for the coming months", "What experts say"]
EN_CAPTIONS = [
    "An overview of the {topic} in {place}.", "Residents of {place} follow the {topic}.",
    "Provincial leaders inspect the {topic} in {place}.", "A corner of {place} after the {topic}.",
]

VI_WORDS = dict(topics=VI_TOPICS, subjects=VI_SUBJECTS, verbs=VI_VERBS, objects=VI_OBJECTS,
                times=VI_TIMES, tails=VI_TAILS, quotes=VI_QUOTES, headings=VI_HEADINGS,
                captions=VI_CAPTIONS, places=VI_PLACES, authors=VI_AUTHORS)
EN_WORDS = dict(topics=EN_TOPICS, subjects=EN_SUBJECTS, verbs=EN_VERBS, objects=EN_OBJECTS,
                times=EN_TIMES, tails=EN_TAILS, quotes=EN_QUOTES, headings=EN_HEADINGS,
                captions=EN_CAPTIONS, places=EN_PLACES, authors=EN_AUTHORS)


@dataclass
class Story:
    """One bundle: its folder, date, category pair and which languages it has."""

    index: int
    year: int
    date: dt.datetime
    category: int
    langs: tuple[str, ...]
    place: int
    topic: int
    photos: int


def plan(size: int, seed: int) -> list[Story]:
    """The stories: 70% paired, 20% vi-only, 10% en-only, ``size`` Vietnamese articles.

    English then has about 8/9 of ``size`` articles: the shares are the stories',
    as on a Vietnamese paper that translates most, not all, of its news.
    """
    rng = random.Random(seed)
    stories_total = round(size / (PAIRED + VI_ONLY))
    paired = round(stories_total * PAIRED)
    vi_only = size - paired
    en_only = round(stories_total * EN_ONLY)
    langs = [("vi", "en")] * paired + [("vi",)] * vi_only + [("en",)] * en_only
    rng.shuffle(langs)
    span = (LAST_DATE - dt.datetime(FIRST_YEAR, 1, 1)).total_seconds()
    stories = []
    for index, story_langs in enumerate(langs):
        date = dt.datetime(FIRST_YEAR, 1, 1) + dt.timedelta(seconds=rng.uniform(0, span))
        date = date.replace(second=0, microsecond=0)
        stories.append(Story(index, date.year, date, rng.randrange(len(CATEGORIES)), story_langs,
                             rng.randrange(len(VI_PLACES)), rng.randrange(len(VI_TOPICS)),
                             rng.randint(1, 3)))
    return stories


def ascii_slug(text: str) -> str:
    """'Khánh thành cầu Đông Du' -> 'khanh-thanh-cau-dong-du' (like toasoan.slug)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return "-".join(words)


def tiny_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid solid-colour PNG, written with zlib only."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, words: dict, place: str, topic: str) -> str:
    tail = rng.choice(words["tails"]).format(n=rng.randint(2, 900))
    subject = rng.choice(words["subjects"])
    if words is VI_WORDS:
        return (f"{rng.choice(words['times'])}, {subject} "
                f"{rng.choice(words['verbs'])} {rng.choice(words['objects'])} tại {place} "
                f"trong khuôn khổ {topic}, {tail}.")
    return (f"{rng.choice(words['times'])}, {subject[0].lower() + subject[1:]} "
            f"{rng.choice(words['verbs'])} {rng.choice(words['objects'])} in {place} as part of "
            f"the {topic}, {tail}.")


def _paragraph(rng: random.Random, words: dict, place: str, topic: str) -> str:
    sentences = [_sentence(rng, words, place, topic) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.25:
        said = "cho biết" if words is VI_WORDS else "said"
        sentences.append(f"“{rng.choice(words['quotes'])}”, {rng.choice(words['authors'])} {said}.")
    return " ".join(sentences)


def title_of(story: Story, lang: str) -> str:
    words = VI_WORDS if lang == "vi" else EN_WORDS
    topic, place = words["topics"][story.topic], words["places"][story.place]
    if lang == "vi":
        return f"{place}: {topic[0].upper() + topic[1:]} năm {story.year}"
    return f"{place}: {topic[0].upper() + topic[1:]} in {story.year}"


def article_text(story: Story, lang: str, photo_names: list[str], seed: int) -> str:
    """The Markdown of one language version of a story."""
    rng = random.Random(f"{seed}:{story.index}:{lang}")
    words = VI_WORDS if lang == "vi" else EN_WORDS
    topic, place = words["topics"][story.topic], words["places"][story.place]
    authors = rng.sample(words["authors"], rng.choice((1, 1, 1, 2)))
    front = [
        "---",
        f"title: {_quoted(title_of(story, lang))}",
        f"date: {story.date:%Y-%m-%d %H:%M}",
        "author: " + (_quoted(authors[0]) if len(authors) == 1
                      else "[" + ", ".join(_quoted(a) for a in authors) + "]"),
        f"language: {lang}",
        f"categories: [{_quoted(CATEGORIES[story.category][0 if lang == 'vi' else 1])}]",
    ]
    if rng.random() < 0.7:
        front.append(f"lead: {_quoted(_sentence(rng, words, place, topic))}")
    if rng.random() < 0.5:
        front.append(f"image: {photo_names[-1]}")
    front.append("---")
    body: list[str] = []
    photos = list(photo_names)
    for number in range(rng.randint(6, 12)):
        if number and number % 4 == 0:
            body.append(f"## {rng.choice(words['headings'])}")
        body.append(_paragraph(rng, words, place, topic))
        if photos and (number == 1 or rng.random() < 0.3):
            name = photos.pop(0)
            caption = rng.choice(words["captions"]).format(topic=topic, place=place)
            alt = caption.rstrip(".")
            if rng.random() < 0.5:
                body.append(f'![{alt}]({name} "{caption}")')
            else:
                body.append(f"![{alt}]({name})\n\n/// caption\n{caption}\n///")
    for name in photos:
        caption = words["captions"][0].format(topic=topic, place=place)
        body.append(f'![{caption.rstrip(".")}]({name} "{caption}")')
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


STATIC_PAGES = {
    "about.vi.md": "---\ntitle: Giới thiệu\n---\n\nBáo Sông Lam: bộ dữ liệu thử hiệu năng.\n",
    "about.en.md": "---\ntitle: About\n---\n\nSong Lam News: a benchmark corpus.\n",
}


def write_corpus(size: int, target: Path, seed: int = 2026) -> dict[str, int]:
    """Write ``target/docs/`` with ``size`` articles per language; return counts."""
    docs = Path(target) / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in STATIC_PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    counts = {"bundles": 0, "vi": 0, "en": 0, "photos": 0}
    used: set[str] = set()
    for story in plan(size, seed):
        first = story.langs[0]
        slug = ascii_slug(title_of(story, first))
        base, n = slug, 2
        while f"{story.year}/{slug}" in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(f"{story.year}/{slug}")
        bundle = docs / "news" / str(story.year) / slug
        bundle.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{seed}:{story.index}:photos")
        names = [f"anh-{k + 1}.png" for k in range(story.photos)]
        for name in names:
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            (bundle / name).write_bytes(tiny_png(32, 20, colour))
        for lang in story.langs:
            (bundle / f"index.{lang}.md").write_text(article_text(story, lang, names, seed),
                                                     encoding="utf-8")
            counts[lang] += 1
        counts["bundles"] += 1
        counts["photos"] += len(names)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="articles per language")
    parser.add_argument("target", type=Path, help="folder to write docs/ into")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    counts = write_corpus(args.size, args.target, args.seed)
    print(f"{args.target / 'docs'}: {counts['bundles']} bundles, {counts['vi']} vi, "
          f"{counts['en']} en articles, {counts['photos']} photos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
