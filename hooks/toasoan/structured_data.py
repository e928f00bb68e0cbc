"""What machines read about a page: photo URLs, Open Graph/Twitter tags, JSON-LD.

Pure functions: the site plan (toasoan.site) gathers the values from
the build and the templates print the results, escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .content import Article
from .dates import iso

# One Open Graph / Twitter tag: ("property" or "name", tag name, content).
Tag = tuple[str, str, str]


def json_ld(data: Mapping[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` block, inert in HTML.

    ``<``, ``>`` and ``&`` become JSON escapes, so no value can close the script
    element or open a comment (``</script>``, ``<!--``); the JSON means the same.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def news_article(article: Article, *, url: str, image_urls: Sequence[str], publisher: str,
                 logo_url: str | None,
                 translations: Mapping[str, str] | None = None,
                 image_caption: str = "", image_credit: str = "") -> dict[str, Any]:
    """schema.org ``NewsArticle`` for one language version of a story.

    ``translations`` maps other languages to the absolute URL of the same story; the cover
    (the first image) with a caption or a credit is an ``ImageObject`` carrying them.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "inLanguage": article.lang,
        "datePublished": iso(article.date),
        "dateModified": iso(article.modified),
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "publisher": organization(publisher, logo_url),
    }
    if article.lead:
        data["description"] = article.lead
    if image_urls:
        data["image"] = list(image_urls)
        if image_caption or image_credit:
            cover: dict[str, Any] = {"@type": "ImageObject", "url": image_urls[0]}
            if image_caption:
                cover["caption"] = image_caption
            if image_credit:
                cover["creditText"] = image_credit
                cover["creator"] = {"@type": "Person", "name": image_credit}
            data["image"][0] = cover
    if article.categories:
        data["articleSection"] = list(article.categories)
    if article.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text,
                               "datePublished": iso(c.date)} for c in article.corrections]
    if translations:
        data["workTranslation"] = [{"@type": "NewsArticle", "@id": other_url,
                                    "inLanguage": lang}
                                   for lang, other_url in sorted(translations.items())]
    return data


def organization(name: str, logo_url: str | None) -> dict[str, Any]:
    """schema.org ``Organization`` (the publisher), with its logo when there is one."""
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    if logo_url:
        data["logo"] = {"@type": "ImageObject", "url": logo_url}
    return data


def website(*, name: str, url: str, lang: str, description: str, publisher: str,
            logo_url: str | None) -> dict[str, Any]:
    """schema.org ``WebSite`` for a language's home page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": lang,
        "publisher": organization(publisher, logo_url),
    }
    if description:
        data["description"] = description
    return data


def article_tags(article: Article, *, url: str, site_name: str, image_url: str | None,
                 locales: Mapping[str, str], alternate_langs: Sequence[str]) -> list[Tag]:
    """Open Graph (``og:``, ``article:``) and Twitter card tags of an article page."""
    tags: list[Tag] = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", article.title),
    ]
    if article.lead:
        tags.append(("property", "og:description", article.lead))
    tags.append(("property", "og:url", url))
    tags += _locale_tags(article.lang, alternate_langs, locales)
    if image_url:
        tags.append(("property", "og:image", image_url))
        tags.append(("property", "og:image:alt", article.image_alt or article.title))
    tags.append(("property", "article:published_time", iso(article.date)))
    tags.append(("property", "article:modified_time", iso(article.modified)))
    tags += [("property", "article:author", name) for name in article.authors]
    if article.categories:
        tags.append(("property", "article:section", article.categories[0]))
        tags += [("property", "article:tag", label) for label in article.categories[1:]]
    tags.append(("name", "twitter:card", "summary_large_image" if image_url else "summary"))
    tags.append(("name", "twitter:title", article.title))
    if article.lead:
        tags.append(("name", "twitter:description", article.lead))
    if image_url:
        tags.append(("name", "twitter:image", image_url))
        tags.append(("name", "twitter:image:alt", article.image_alt or article.title))
    return tags


def site_tags(*, title: str, description: str, url: str, site_name: str, lang: str,
              locales: Mapping[str, str], alternate_langs: Sequence[str],
              image_url: str | None) -> list[Tag]:
    """Site-level Open Graph and Twitter tags for listing and static pages."""
    tags: list[Tag] = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
    ]
    if description:
        tags.append(("property", "og:description", description))
    tags.append(("property", "og:url", url))
    tags += _locale_tags(lang, alternate_langs, locales)
    if image_url:
        tags.append(("property", "og:image", image_url))
    tags.append(("name", "twitter:card", "summary"))
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("name", "twitter:description", description))
    return tags


def _locale_tags(lang: str, alternate_langs: Sequence[str], locales: Mapping[str, str]) -> list[Tag]:
    """og:locale from each language's configured locale ("vi_VN", "fr_FR")."""
    tags: list[Tag] = [("property", "og:locale", locales.get(lang, lang))]
    tags += [("property", "og:locale:alternate", locales.get(other, other))
             for other in alternate_langs if other != lang]
    return tags

