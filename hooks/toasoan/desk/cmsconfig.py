"""The CMS configuration, generated from the site's own settings (never kept by hand).

Languages come from the i18n plugin's entries, categories and their translations
from ``extra.news.categories``, authors from the articles, and the fields from
:func:`toasoan.desk.schema.article_fields` (the validator's list): the CMS and the
build cannot disagree about what an article is.

:func:`cms_config` returns the configuration as a mapping; the admin page passes
it to ``CMS.init``. Two backends: ``local`` (the desk's own editing backend,
``toasoan edit``) and ``github`` (remote editors, pull requests; see the handbook).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import frontmatter
from ..site_config import Site
from ..slug import fold
from .schema import ArticleField, edited_fields

COLLECTION = "news"
# The CMS's own names for the desk's pieces (registered by admin/desk.js).
FORMAT = "toasoan-view"
NAMES_WIDGET = "toasoan-names"
# Filled in by the desk before a new article is saved: its folder, by the build's rule.
SLUG_FIELD = "desk_slug"
YEAR_FIELD = "desk_year"

# Interface words by language code (the CMS's labels); English when a site
# language has none.
LABELS: dict[str, dict[str, str]] = {
    "collection": {"vi": "Tin bài", "en": "Articles"},
    "singular": {"vi": "bài viết", "en": "article"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "date": {"vi": "Ngày giờ đăng", "en": "Publication date and time"},
    "author": {"vi": "Tác giả", "en": "Author"},
    "categories": {"vi": "Chuyên mục", "en": "Sections"},
    "tags": {"vi": "Chủ đề (cách nhau bằng dấu phẩy)", "en": "Topics (separated by commas)"},
    "lead": {"vi": "Sapo (tóm tắt, in đậm dưới tiêu đề)", "en": "Lead (shown in bold under the title)"},
    "image": {"vi": "Ảnh đại diện", "en": "Cover photo"},
    "draft": {"vi": "Bản nháp (chưa đăng)", "en": "Draft (not published)"},
    "pin": {"vi": "Tin nổi bật trang chủ", "en": "Top story on the home page"},
    "updated": {"vi": "Cập nhật lúc", "en": "Corrected at"},
    "translation": {"vi": "Bản dịch", "en": "Translation"},
    "pending": {"vi": "Chưa dịch xong (chưa đăng)", "en": "Unfinished (not published)"},
    "body": {"vi": "Nội dung", "en": "Text"},
    "author_hint": {"vi": "Nhiều tác giả: cách nhau bằng dấu phẩy",
                    "en": "Several authors: separate them with commas"},
    "date_hint": {"vi": "Giờ của tòa soạn ({tz})", "en": "Newsroom time ({tz})"},
    "body_hint": {"vi": "Ảnh có chú thích: nút + rồi «Ảnh có chú thích» (ảnh được lưu trong "
                          "thư mục bài)",
                  "en": "Captioned photos: the + button, then «Photo with caption» (saved in "
                        "the article's folder)"},
    # The desk's own words (admin/desk.js).
    "photo": {"vi": "Ảnh có chú thích", "en": "Photo with caption"},
    "photo_file": {"vi": "Ảnh", "en": "Photo"},
    "photo_alt": {"vi": "Mô tả ảnh (đọc cho người không nhìn thấy)",
                  "en": "Alt text (read to readers who cannot see it)"},
    "photo_caption": {"vi": "Chú thích", "en": "Caption"},
    "status": {"vi": "Tình trạng dịch", "en": "Translation state"},
    "status_title": {"vi": "Tình trạng dịch của các bài", "en": "Translation state of every article"},
    "state_translated": {"vi": "đã dịch", "en": "translated"},
    "state_stale": {"vi": "bản dịch cũ hơn bản gốc", "en": "translation older than the original"},
    "state_pending": {"vi": "đang dịch", "en": "translation unfinished"},
    "state_only": {"vi": "chỉ có {lang}", "en": "{lang} only"},
    "only_hint": {"vi": "Bài chỉ có bản {lang}: viết bản {main} ở cột trái rồi lưu (bàn biên tập "
                        "sửa bài qua bản {main})",
                  "en": "This article exists in {lang} only: write its {main} version on the left, "
                        "then save (the desk edits an article through its {main} version)"},
    "state_partial": {"vi": "thiếu bản dịch", "en": "missing translations"},
    "close": {"vi": "Đóng", "en": "Close"},
    "checked": {"vi": "Kiểm tra như khi dựng trang", "en": "Checked as the build checks"},
    "preview_site": {"vi": "Xem trên trang thử", "en": "See it on the preview site"},
}

# Interface phrases the CMS's own translation lacks (its English shows through),
# by language code; merged under the CMS's phrases (its own win).
CMS_PHRASES: dict[str, dict[str, Any]] = {
    "vi": {
        "editor": {
            "editorControlPane": {"i18n": {
                "writingInLocale": "Đang viết: %{locale}",
                "copyFromLocale": "Chép từ bản ngôn ngữ khác",
                "copyFromLocaleConfirm": "Chép nội dung từ bản %{locale}?\nNội dung đang có "
                                         "ở đây sẽ bị thay thế.",
            }},
            "editorInterface": {"toggleI18n": "Hiện/ẩn bản dịch bên cạnh",
                                "togglePreview": "Hiện/ẩn xem trước",
                                "toggleScrollSync": "Cuộn hai bên cùng nhau"},
            "editorWidgets": {
                "markdown": {"bold": "Đậm", "italic": "Nghiêng", "strikethrough": "Gạch ngang",
                             "code": "Mã", "link": "Liên kết",
                             "linkPrompt": "Nhập địa chỉ của liên kết", "headings": "Tiêu đề mục",
                             "quote": "Trích dẫn", "bulletedList": "Danh sách",
                             "numberedList": "Danh sách đánh số", "addComponent": "Chèn",
                             "richText": "Văn bản định dạng", "markdown": "Markdown"},
                "image": {"replaceUrl": "Thay bằng địa chỉ web"},
                "datetime": {"now": "Bây giờ", "clear": "Xóa",
                             "setToNow": "Đặt %{fieldLabel} là bây giờ"},
            },
        },
        "mediaLibrary": {"mediaLibraryCard": {"draft": "Chưa lưu", "copyName": "Chép tên"}},
    },
}

# Which fields differ between the language versions of one article. "duplicate":
# one value for the article, copied into every version (categories are mapped to
# each language's label by the backend).
TRANSLATED = {"title", "lead", "tags", "updated", "translation"}


def label(key: str, lang: str) -> str:
    words = LABELS[key]
    return words.get(lang) or words["en"]


def known_authors(site: Site) -> list[str]:
    """Every author named in the articles, most frequent first (then alphabetically)."""
    counts: Counter[str] = Counter()
    names = {f"index.{code}.md" for code in site.settings.language_codes}
    for current, dirs, files in os.walk(site.news_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name not in names:
                continue
            try:
                document = frontmatter.parse(frontmatter.decode(Path(current, name).read_bytes()))
            except (OSError, frontmatter.FrontMatterError):
                continue
            value = document.value("author")
            for author in value if isinstance(value, list) else [value]:
                if isinstance(author, str) and author.strip():
                    counts[" ".join(author.split())] += 1
    return sorted(counts, key=lambda a: (-counts[a], fold(a).casefold(), a))


def category_options(site: Site) -> list[dict[str, str]]:
    """The configured categories: stored as the main language's label, shown with every pair."""
    settings = site.settings
    main = settings.default_language.code
    options = []
    for pair in settings.categories:
        if main not in pair:
            continue
        shown = " · ".join(pair[code] for code in settings.language_codes if code in pair)
        options.append({"label": shown, "value": pair[main]})
    return options


def field_config(spec: ArticleField, site: Site, authors: Iterable[str],
                 ui: str) -> dict[str, Any]:
    """The CMS field for one article field."""
    base: dict[str, Any] = {"name": spec.name, "label": label(spec.name, ui),
                            "required": spec.required,
                            "i18n": True if spec.name in TRANSLATED else "duplicate"}
    kind = spec.kind
    if kind == "text" and spec.name == "lead":
        return {**base, "widget": "text"}
    if kind == "text":
        return {**base, "widget": "string"}
    if kind == "date":
        # Stored as typed, in the newsroom's time (the build's YYYY-MM-DD HH:MM); a new
        # article starts at the editor's "now".
        return {**base, "widget": "datetime", "format": "YYYY-MM-DD HH:mm",
                "hint": label("date_hint", ui).format(tz=site.settings.timezone_name),
                "default": "{{now}}" if spec.required else ""}
    if kind == "names":
        return {**base, "widget": NAMES_WIDGET, "options": list(authors),
                "hint": label("author_hint", ui)}
    if kind == "labels" and spec.name != "categories":  # free words (tags), per language
        return {**base, "widget": "list"}
    if kind == "labels":
        return {**base, "widget": "select", "multiple": True,
                "options": category_options(site)}
    if kind == "photo":
        return {**base, "widget": "image", "choose_url": False}
    if kind == "flag":
        return {**base, "widget": "boolean", "default": spec.name == "draft"}
    if kind == "pending":
        return {**base, "widget": "select",
                "options": [{"label": label("pending", ui), "value": "pending"}]}
    return {**base, "widget": "string"}


def cms_config(site: Site, *, backend: str = "local", preview_url: str = "",
               repo: str = "", branch: str = "main", auth_url: str = "",
               authors: Iterable[str] | None = None) -> dict[str, Any]:
    """The whole CMS configuration for the site."""
    settings = site.settings
    codes = list(settings.language_codes)
    ui = settings.default_language.code
    authors = list(known_authors(site) if authors is None else authors)
    folder = site.news_dir.relative_to(site.root).as_posix()
    fields = [field_config(spec, site, authors, ui) for spec in edited_fields()]
    fields.append({"name": "body", "label": label("body", ui), "widget": "markdown",
                   "i18n": True, "required": False, "hint": label("body_hint", ui),
                   "editor_components": ["image"]})
    collection: dict[str, Any] = {
        "name": COLLECTION,
        "label": label("collection", ui),
        "label_singular": label("singular", ui),
        "folder": folder,
        "extension": "md",
        "create": True,
        "delete": False,
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"],
        "i18n": True,
        "fields": fields,
        "preview_path": f"{settings.news_dir}/{{{{dirname}}}}/",
    }
    config: dict[str, Any] = {
        "load_config_file": False,
        "locale": ui,
        "media_folder": folder,
        "public_folder": "",
        "i18n": {"structure": "multiple_files", "locales": codes, "default_locale": ui},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection],
    }
    if preview_url:
        config["site_url"] = config["display_url"] = preview_url
    if backend == "local":
        config["backend"] = {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
        # The desk gives a new article its folder (the build's slug rule, in site time).
        collection["format"] = FORMAT
        # (Plain field names: the CMS lowercases the path template and turns its
        # dots into dashes, so "fields.x" would not survive there.)
        collection["slug"] = f"{{{{{SLUG_FIELD}}}}}"
        collection["path"] = f"{{{{{YEAR_FIELD}}}}}/{{{{slug}}}}/index"
    elif backend == "github":
        if not repo:
            raise ValueError("the github backend needs the repository (owner/name)")
        config["backend"] = {"name": "github", "repo": repo, "branch": branch,
                             **({"base_url": auth_url} if auth_url else {})}
        config["publish_mode"] = "editorial_workflow"
        collection["format"] = "yaml-frontmatter"
        # No backend of ours maps categories between languages: each version picks
        # its own language's labels.
        for field in fields:
            if field["name"] == "categories":
                labels = [pair[code] for code in codes for pair in settings.categories
                          if code in pair]
                field["options"] = [{"label": x, "value": x} for x in dict.fromkeys(labels)]
                field["i18n"] = True
        collection["path"] = "{{year}}/{{slug}}/index"
        collection["slug"] = "{{slug}}"
    else:
        raise ValueError(f"unknown backend {backend!r} (local or github)")
    return config


def desk_words(site: Site) -> dict[str, str]:
    """The admin page's own words, in the site's main language."""
    ui = site.settings.default_language.code
    return {key: label(key, ui) for key in LABELS}


def cms_phrases(site: Site) -> dict[str, Any]:
    """The interface phrases the desk adds to the CMS's own for the site's main language."""
    return CMS_PHRASES.get(site.settings.default_language.code, {})


def field_names(config: Mapping[str, Any]) -> list[str]:
    """The article fields of a generated configuration (for tests and the admin page)."""
    return [f["name"] for f in config["collections"][0]["fields"]]
