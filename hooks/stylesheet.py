"""Ship only the part of Material's stylesheet that the site's pages can use.

After the last language's pages are written, every class used by a page (or added
by one of our scripts) is collected and Material's ``main.css`` is rewritten
without the rules that need any other class (hooks/toasoan/css_purge.py): 134 KB
becomes about 50 KB on the sample site, downloaded before the first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import _newsroom
from toasoan import css_purge, search

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    languages = [lang.code for lang in _newsroom.site_languages(config)]
    if _newsroom.current_language(config) != search.last_language(languages):
        return  # the other languages' pages are not written yet
    site = Path(config.site_dir)
    used: set[str] = set()
    for page in site.rglob("*.html"):
        used |= css_purge.classes_in_html(page.read_text(encoding="utf-8", errors="replace"))
    for script in site.glob("assets/js/*.js"):
        used |= css_purge.classes_in_script(script.read_text(encoding="utf-8", errors="replace"))
    for stylesheet in site.glob("assets/stylesheets/main.*.min.css"):
        before = stylesheet.read_text(encoding="utf-8")
        after = css_purge.purge(before, used)
        stylesheet.write_text(after, encoding="utf-8")
        stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)  # no longer true
        _newsroom.log.info(f"stylesheet: {stylesheet.name} {len(before) // 1024} KB -> "
                           f"{len(after) // 1024} KB (rules no page can use left out)")
