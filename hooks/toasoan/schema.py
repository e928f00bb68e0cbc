"""The article's front matter, field by field: the one schema of the content contract.

The validator (:mod:`toasoan.content`) checks each field by its kind, the editor's
writer (:mod:`toasoan.editor`) writes them in this order, the editor's desk builds its
form from them, and the handbooks' field tables are made from them
(:func:`field_table`; a test compares). A new field is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of value; each has one reader in toasoan.content.
TEXT = "text"  # one line of text
DATE = "date"  # YYYY-MM-DD HH:MM in the site's time zone (or ISO 8601 with an offset)
NAMES = "names"  # a name, or a list of names
LABELS = "labels"  # a list of labels
LANGUAGE = "language"  # a site language code
PHOTO = "photo"  # a file in the article's folder
FLAG = "flag"  # true or false
PENDING = "pending"  # the single value "pending"
SLUG = "slug"  # the last segment of an address: lowercase a-z, digits, hyphens
PATHS = "paths"  # a list of site-relative addresses
CORRECTIONS = "corrections"  # a list of {date, text}


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its name, kind, whether it is required, whether it decides
    publication, and what it means (in each handbook language), with an example."""

    name: str
    kind: str
    required: bool
    doc: dict[str, str]
    example: str
    publication: bool = False  # decides whether the article is published
    # A fact of the story rather than of one language: a translation that leaves it out
    # takes its original's (toasoan.content.inherit_shared_fields).
    shared: bool = False


ARTICLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", TEXT, True, {
        "en": "The headline, as text.",
        "vi": "Tiêu đề bài viết."}, '"Khánh thành cầu Sông Lam"'),
    FieldSpec("date", DATE, True, {
        "en": "Publication time, `YYYY-MM-DD HH:MM` in the site's time zone; the article is "
              "published from then on.",
        "vi": "Thời điểm đăng, `YYYY-MM-DD HH:MM` theo giờ của báo; bài chỉ lên trang từ lúc đó."},
        "2026-03-14 08:30", publication=True, shared=True),
    FieldSpec("author", NAMES, True, {
        "en": "A name, or a list of names in brackets.",
        "vi": "Tên tác giả, hoặc danh sách tên trong ngoặc vuông."}, "[Trần Thị Đào, Lê Minh]",
        shared=True),
    FieldSpec("language", LANGUAGE, True, {
        "en": "The language code; it must agree with the file name (`index.vi.md`: `vi`).",
        "vi": "Mã ngôn ngữ, khớp với tên tệp (`index.vi.md`: `vi`)."}, "vi"),
    FieldSpec("categories", LABELS, False, {
        "en": "Sections, in the article's language; the first is its main section.",
        "vi": "Chuyên mục, bằng ngôn ngữ của bài; chuyên mục đầu tiên là chuyên mục chính."},
        "[Thời sự, Đô thị]", shared=True),
    FieldSpec("tags", LABELS, False, {
        "en": "Topics (any words), each with its own page.",
        "vi": "Chủ đề (từ khóa tùy ý), mỗi chủ đề có trang riêng."}, "[cầu Sông Lam, giao thông]"),
    FieldSpec("lead", TEXT, False, {
        "en": "The sapo in bold under the title, also in listings, feeds and previews. "
              "Default: the first paragraph of the text.",
        "vi": "Sapo in đậm dưới tiêu đề, dùng cả ở danh sách bài, nguồn tin và khi chia sẻ. "
              "Mặc định: đoạn đầu của bài."}, '"Sáng 14/3, tỉnh khánh thành cây cầu dài nhất."'),
    FieldSpec("image", PHOTO, False, {
        "en": "The cover photo, a file in the article's folder. Default: the first photo.",
        "vi": "Ảnh đại diện, một tệp trong thư mục bài. Mặc định: ảnh đầu tiên trong bài."},
        "cau-song-lam.jpg", shared=True),
    FieldSpec("draft", FLAG, False, {
        "en": "`true`: not published, nor its translations. `false` in a translation: "
              "published even while its original is not.",
        "vi": "`true`: bài chưa đăng, kể cả các bản dịch. `false` ở bản dịch: vẫn đăng dù bản "
              "gốc chưa đăng."}, "true", publication=True),
    FieldSpec("pin", FLAG, False, {
        "en": "`true`: the top story of the home page.",
        "vi": "`true`: tin nổi bật đầu trang chủ."}, "true", shared=True),
    FieldSpec("updated", DATE, False, {
        "en": "Time of the last update, same form as `date`, not earlier. Default: the date "
              "of the latest correction.",
        "vi": "Thời điểm cập nhật gần nhất, cùng dạng với `date`, không sớm hơn. Mặc định: "
              "ngày của lần đính chính gần nhất."},
        "2026-03-15 10:00", shared=True),
    FieldSpec("corrections", CORRECTIONS, False, {
        "en": "Corrections, each a `date` and a `text` (plain text), shown in a box at the end "
              "of the article and on the corrections page. Each language has its own.",
        "vi": "Các lần đính chính, mỗi lần gồm `date` và `text` (chữ thường), hiện trong khung "
              "cuối bài và ở trang Đính chính. Mỗi ngôn ngữ ghi riêng."},
        '[{date: 2026-03-15 10:00, text: "Cầu dài 1.240 m, không phải 1.420 m."}]'),
    FieldSpec("slug", SLUG, False, {
        "en": "In a translation: the last part of its address (lowercase, no accents, "
              "hyphens) instead of the folder's name. Change it with `toasoan move --lang`.",
        "vi": "Ở bản dịch: phần cuối địa chỉ của bản đó (chữ thường, không dấu, gạch nối) thay "
              "cho tên thư mục. Đổi bằng `toasoan move --lang`."},
        "song-lam-bridge-opens"),
    FieldSpec("aliases", PATHS, False, {
        "en": "Earlier addresses of this version, site-relative (written by `toasoan move`): "
              "each redirects here.",
        "vi": "Các địa chỉ cũ của bản này, tính từ gốc trang (do `toasoan move` ghi): mỗi "
              "địa chỉ chuyển hướng về đây."},
        "[/news/2026/cau-song-lam/]"),
    FieldSpec("translation_of", LANGUAGE, False, {
        "en": "The language this file was translated from (written by `toasoan translate`); "
              "it is published only when that version is. Default: the site's main language.",
        "vi": "Ngôn ngữ của bản gốc mà tệp này dịch từ đó (do `toasoan translate` ghi); tệp chỉ "
              "được đăng khi bản gốc đã đăng. Mặc định: ngôn ngữ chính của báo."}, "vi",
        publication=True),
    FieldSpec("translation", PENDING, False, {
        "en": "`pending` while a translation is unfinished: the file is not published; delete "
              "the line when done.",
        "vi": "`pending` khi bản dịch chưa xong: tệp chưa được đăng; xóa dòng này khi dịch xong."},
        "pending", publication=True),
)
FIELDS_BY_NAME = {spec.name: spec for spec in ARTICLE_FIELDS}
FIELD_NAMES = tuple(spec.name for spec in ARTICLE_FIELDS)
REQUIRED_FIELDS = tuple(spec.name for spec in ARTICLE_FIELDS if spec.required)
PUBLICATION_FIELDS = tuple(spec.name for spec in ARTICLE_FIELDS if spec.publication)
SHARED_FIELDS = tuple(spec.name for spec in ARTICLE_FIELDS if spec.shared)
# Front-matter keys MkDocs/Material understand on ordinary pages; harmless on articles.
PAGE_FIELDS = ("template", "hide", "search", "description")

_HEADINGS = {"en": ("field", "required", "what it is", "example"),
             "vi": ("trường", "bắt buộc", "ý nghĩa", "ví dụ")}
_YES = {"en": ("yes", "no"), "vi": ("có", "không")}
_SHARED = {"en": "Shared: a translation that leaves it out takes its original's.",
           "vi": "Dùng chung: bản dịch không ghi thì lấy của bản gốc."}


def field_table(lang: str) -> str:
    """The handbook's table of article fields in ``lang`` ("en" or "vi"), as Markdown."""
    head = _HEADINGS[lang]
    yes, no = _YES[lang]
    rows = [f"| {' | '.join(head)} |", "|---|---|---|---|"]
    for spec in ARTICLE_FIELDS:
        doc = f"{spec.doc[lang]} {_SHARED[lang]}" if spec.shared else spec.doc[lang]
        rows.append(f"| `{spec.name}` | {yes if spec.required else no} | {doc} | "
                    f"`{spec.name}: {spec.example}` |")
    return "\n".join(rows) + "\n"
