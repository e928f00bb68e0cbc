"""A "page not found" page per language: /404.html (vi) and /en/404.html.

Every language build renders the theme's 404.html into the site root; the
non-default languages' output is redirected to <lang>/404.html here so that the
English build neither overwrites the Vietnamese page nor goes missing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from mkdocs import utils

import _newsroom

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LATEST = 5


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig,
                        **kwargs) -> dict[str, Any] | None:
    if template_name != "404.html":
        return None
    lang = _newsroom.current_language(config)
    newsroom = _newsroom.newsroom(config)
    latest = newsroom.published(lang, _newsroom.build_time(config))[:LATEST]
    # Error pages are served at any address: MkDocs gives them the site's path as
    # base_url ("/" or "/repo/"), and every link here is absolute from it.
    base = context.get("base_url", "/").rstrip("/") + "/"
    context["news_notfound"] = {
        "lang": lang,
        "home_url": base + newsroom.settings.language(lang).prefix,
        "latest": [{"title": a.title, "url": base + newsroom.url(a)} for a in latest],
        "others": [{"code": other.code, "name": other.name, "url": base + other.prefix}
                   for other in newsroom.settings.languages if other.code != lang],
    }
    return context


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig, **kwargs) -> str | None:
    settings = _newsroom.settings(config)
    lang = _newsroom.current_language(config)
    if template_name != "404.html" or lang == settings.default_language.code:
        return None
    target = os.path.join(config.site_dir, settings.language(lang).prefix, "404.html")
    utils.write_file(output.encode("utf-8"), target)
    return ""  # MkDocs skips writing an empty template: the root 404.html stays Vietnamese
