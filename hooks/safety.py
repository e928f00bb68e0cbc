"""Output safety: what may be published, the Content-Security-Policy, and a check of
every rendered page.

- ``on_files``: only Markdown, photos, .pdf, .txt and .ico are published from docs/
  (an .html or .svg there would run scripts on the site's address, unchecked).
- ``on_env`` gives templates ``toasoan_csp`` (partials/head/security.html prints it).
  The policy allows scripts from the site itself only: Material's two inline
  scripts are served as files instead (overrides/partials/javascripts/).
- ``on_page_markdown`` applies the article body policy to pages that are not
  articles (static pages; articles were checked with the content, all at once), and
  refuses a ``template:`` that is not one of the theme's (Jinja crashed on ``../``).
- ``on_post_page``/``on_post_template`` parse the finished HTML: a script that is
  not the site's own, an inline style, an ``on*=`` attribute, a ``javascript:`` URL, a
  ``target="_blank"`` without ``rel="noopener noreferrer"``, an ``http://`` or
  third-party subresource, or a missing CSP stops the build naming the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _newsroom
from toasoan import body_policy, frontmatter, output_policy

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(110)  # before the content check (100), which stops the build on its own errors
def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> None:
    """Only Markdown, photos and a few inert types are published from docs/."""
    docs = Path(config.docs_dir).resolve()
    refused = []
    for file in files:
        if file.generated_by or file.abs_src_path is None:
            continue
        if Path(file.src_dir or "").resolve() != docs:
            continue  # the theme's own assets
        why = output_policy.unpublishable(file.src_uri)
        if why:
            refused.append(f"{_source_path(file.src_uri, config)}: {why}")
    for message in refused:
        _newsroom.log.error(message)
    if refused:
        raise PluginError(f"{len(refused)} file{'s' if len(refused) > 1 else ''} in docs/ cannot be "
                          "published (listed above); nothing was published")


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    env.globals["toasoan_csp"] = output_policy.content_security_policy(dev_server=_serving(config))
    return env


def _serving(config: MkDocsConfig) -> bool:
    """Built by ``mkdocs serve``: it sets site_url to its own address (dev_addr)."""
    host, port = config.dev_addr
    return urlsplit(config.site_url or "").netloc == f"{host}:{port}"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    if getattr(page, "article", None) is not None or page.file.generated_by:
        return None  # articles: checked with the content; generated pages: our own Markdown
    document = _front_matter(page)
    body_line = 1
    if document is not None:
        # MkDocs drops the blank lines between the front matter and the text.
        body_line = document.body_line + len(document.body) - len(document.body.lstrip("\n"))
    findings = body_policy.check(markdown, body_line)
    template = page.meta.get("template")
    if template is not None and not _is_page_template(template, config):
        line = document.line("template") if document is not None else 1
        findings.append((line, f'template "{template}" is not one of the site\'s page templates '
                            "(leave template: out)"))
    if findings:
        where = _source(page, config)
        for line, message in findings:
            _newsroom.log.error(f"{where}:{line}: {message}")
        raise PluginError(f"{where}: unsafe content (listed above); nothing was published")
    return None


def _is_page_template(name: object, config: MkDocsConfig) -> bool:
    """A theme .html file named plainly: no '..', no absolute path (Jinja would crash)."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.html", name):
        return False
    return any((Path(folder) / name).is_file() for folder in config.theme.dirs)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str | None:
    _check(output, _source(page, config), config)
    return None


@event_priority(50)  # before hooks/notfound.py moves the English 404 page away
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig,
                     **kwargs) -> str | None:
    if template_name.endswith(".html") and output_content:
        _check(output_content, f"template {template_name}", config)
    return None


def _check(html: str, where: str, config: MkDocsConfig) -> None:
    problems = output_policy.check_page(html, site_url=config.site_url or "")
    if not problems:
        return
    lang = _newsroom.current_language(config)
    for problem in problems:
        _newsroom.log.error(f"{where} ({lang} page): {problem}")
    raise PluginError(f"{where}: the rendered page is unsafe (listed above); "
                      "fix the template or the text")


def _front_matter(page: Page) -> frontmatter.FrontMatter | None:
    try:
        return frontmatter.parse(frontmatter.normalize_text(page.file.content_string))
    except (frontmatter.FrontMatterError, OSError, UnicodeDecodeError):
        return None


def _source(page: Page, config: MkDocsConfig) -> str:
    if page.file.generated_by:
        return f"generated page /{page.file.url} (by {page.file.generated_by})"
    return _source_path(page.file.src_uri, config)


def _source_path(src_uri: str, config: MkDocsConfig) -> str:
    full = Path(config.docs_dir).resolve() / src_uri  # the file itself may be a link: not followed
    try:
        return full.relative_to(_newsroom.project_root(config)).as_posix()
    except ValueError:
        return full.as_posix()
