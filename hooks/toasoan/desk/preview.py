"""The article text as the site renders it, for the CMS's preview pane.

The body is rendered by Python-Markdown with the site's own ``markdown_extensions``
from mkdocs.yml, read as ``toasoan check`` reads them (captions become ``<figure>``/``<figcaption>`` through
``toasoan.figures``, as in the build), and shown with the site's article styles.
Photos already in the article's folder point at the desk's photo URL; photos not
saved yet are left relative, for the admin page to map to the browser's copy.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import markdown

from .. import article
from ..dates import DateError, parse_date
from ..site_config import Site
from . import document

PHOTO_URL = "/desk/photo/"


def render_body(site: Site, bundle: Path, text: str) -> str:
    """HTML of an article body, as the build would make it (without the page around it)."""
    setup = site.markdown  # as toasoan check reads mkdocs.yml (toasoan.render.MarkdownSetup)
    options = {name: dict(config) for name, config in setup.configs.items()}
    if "toasoan.figures" in setup.extensions:
        options["toasoan.figures"] = {**options.get("toasoan.figures", {}),
                                      "base_dir": str(bundle)}
    converter = markdown.Markdown(extensions=list(setup.extensions), extension_configs=options)
    body = converter.convert(text)
    return _photo_urls(body, site, bundle)


_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


def _photo_urls(body: str, site: Site, bundle: Path) -> str:
    """Point ``src`` of photos that exist in the bundle at the desk's photo URL."""
    news = site.news_dir.resolve()

    def point(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("/"):
            return match.group(0)
        target = (bundle / unquote(parts.path)).resolve()
        if not target.is_file() or news not in target.parents:
            return match.group(0)
        url = PHOTO_URL + quote(target.relative_to(news).as_posix())
        return match.group(1) + html.escape(url) + match.group(3)

    return _IMG_SRC.sub(point, body)


def preview_request(site: Site, request: Mapping[str, Any]) -> dict[str, Any]:
    """The article as the site would show it, for the CMS's preview pane.

    ``request``: the entry's ``path`` (empty for a new article), the ``lang`` shown
    and the CMS's view of that version (``data``). Returns the dateline, title,
    lead, body HTML and signature, computed by the build's own functions.
    """
    settings = site.settings
    lang = str(request.get("lang") or "")
    if lang not in settings.language_codes:
        lang = settings.default_language.code
    language = settings.language(lang)
    data = request.get("data") if isinstance(request.get("data"), Mapping) else {}
    values = document.wanted(data, lang, settings)
    path = str(request.get("path") or "")
    news = site.news_dir.resolve()
    bundle = news
    if path:
        candidate = (site.root / path).resolve().parent
        if news in candidate.parents:
            bundle = candidate
    shown: dict[str, Any] = {"lang": lang, "title": values["title"], "lead": values["lead"],
                             "signature": article.signature(values["author"], language),
                             "body": article.demote_headings(render_body(site, bundle,
                                                                         values[document.BODY]))}
    try:
        moment = parse_date(values["date"], settings.tz)
    except DateError:
        shown["dateline"] = {"text": values["date"], "iso": ""}
    else:
        line = article.dateline(moment, language, settings.tz)
        shown["dateline"] = {"text": line.text, "iso": line.iso}
    return shown
