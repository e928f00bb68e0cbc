"""The article page: gives ``article.html`` its computed data as ``news_article``.

Dateline, signature, breadcrumb, share links and related news are computed by
``toasoan.article``; the template and its partials only render them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import _newsroom
from toasoan.article import article_page, demote_headings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """The title is the page's only <h1>: a body written with '# ' headings moves down a level."""
    if getattr(page, "article", None) is None:
        return None
    return demote_headings(html)


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    nav: Navigation, **kwargs: Any) -> dict[str, Any] | None:
    article = getattr(page, "article", None)
    if article is None:
        return None
    context["news_article"] = article_page(
        _newsroom.newsroom(config), article, _newsroom.build_time(config), config.site_url
    )
    return context
