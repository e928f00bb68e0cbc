"""The desk for remote editors: the admin page published with the site, on GitHub.

Opt-in, with ``extra.news.desk`` in mkdocs.yml::

    extra:
      news:
        desk:
          repo: baosonglam/site                        # the site's GitHub repository
          branch: main                                 # default: main
          auth_url: https://auth.baosonglam.example.org  # the OAuth proxy (see HANDBOOK)

:func:`write_admin` then writes ``admin/`` into a built site: the same CMS and
configuration as ``toasoan edit``, but with the CMS's GitHub backend in
editorial-workflow mode (each article is a branch and a pull request; merging
publishes it). The page is linked from nowhere, asks search engines not to index
it, and carries its own Content-Security-Policy (the public pages' is untouched:
nothing outside ``admin/`` is written). Without the setting nothing is written.

Remote saves do not pass through the desk's backend: they are checked by the
build of the pull request (CI), which runs the same validation.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import SettingsError
from ..site_config import Site, SiteConfigError, find_config, read_site
from . import cmsconfig
from .server import CMS_SCRIPT, DeskSetupError, article_css, find_cms

ADMIN_DIR = "admin"
ADMIN_FILES = ("desk.js", "desk.css", "init.js", "preview.css")
_REPO_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


@dataclass(frozen=True)
class RemoteDesk:
    """The validated ``extra.news.desk`` setting."""

    repo: str
    branch: str = "main"
    auth_url: str = ""


def parse_remote(raw: Any, where: str = "extra.news.desk") -> RemoteDesk:
    """Validate the setting; SettingsError naming the key otherwise."""
    if not isinstance(raw, Mapping):
        raise SettingsError(f"{where}: must be a mapping (repo:, auth_url:, branch:)")
    unknown = sorted(set(raw) - {"repo", "branch", "auth_url"})
    if unknown:
        raise SettingsError(f"{where}.{unknown[0]}: unknown setting (known: auth_url, branch, repo)")
    repo = raw.get("repo")
    parts = repo.split("/") if isinstance(repo, str) else []
    if len(parts) != 2 or not all(part and set(part) <= _REPO_CHARS for part in parts):
        raise SettingsError(f"{where}.repo: must be the GitHub repository as owner/name, "
                            f"got {repo!r}")
    branch = raw.get("branch", "main")
    if not isinstance(branch, str) or not branch.strip() or any(c.isspace() for c in branch):
        raise SettingsError(f"{where}.branch: must be a branch name, got {branch!r}")
    auth_url = raw.get("auth_url", "")
    if auth_url:
        parts_url = urlsplit(str(auth_url))
        if parts_url.scheme != "https" or not parts_url.netloc:
            raise SettingsError(f"{where}.auth_url: must be the https:// address of the OAuth "
                                f"proxy, got {auth_url!r}")
    return RemoteDesk(repo, branch, str(auth_url).rstrip("/"))


def content_security_policy(remote: RemoteDesk) -> str:
    """The admin page's own policy: this site, GitHub's API, and the OAuth proxy only."""
    connect = ["'self'", "blob:", "https://api.github.com"]
    if remote.auth_url:
        parts = urlsplit(remote.auth_url)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' blob: data: https://avatars.githubusercontent.com; "
            f"connect-src {' '.join(connect)}; frame-src 'self' blob:; worker-src 'self' blob:; "
            "object-src 'none'; base-uri 'self'; form-action 'none'")


def setup(site: Site, remote: RemoteDesk) -> dict[str, Any]:
    """What the admin page loads (``admin/config.json``): the CMS's configuration and the desk's."""
    config = cmsconfig.cms_config(site, backend="github", repo=remote.repo, branch=remote.branch,
                                  auth_url=remote.auth_url)
    names = {lang.code: lang.name for lang in site.settings.languages}
    return {"cms": config, "desk": {"mode": "remote", "words": cmsconfig.desk_words(site),
                                    "languages": names, "news_folder": site.settings.news_dir,
                                    "phrases": cmsconfig.cms_phrases(site)}}


def write_admin(site_dir: Path, site: Site, remote: RemoteDesk,
                cms_dir: Path | None = None) -> Path:
    """Write ``admin/`` into the built site ``site_dir``; returns the folder written.

    Only files under ``admin/`` are written (an existing ``admin/`` is replaced).
    """
    try:
        cms = cms_dir or find_cms(site)
    except DeskSetupError as exc:
        raise SiteConfigError(str(exc)) from None
    target = site_dir / ADMIN_DIR
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise SiteConfigError(f"{target} exists and is not a folder the desk wrote")
    if target.exists():
        shutil.rmtree(target)
    (target / "cms").mkdir(parents=True)
    package = resources.files("toasoan.desk") / "admin"
    page = (package / "index.html").read_text(encoding="utf-8")
    policy = html.escape(content_security_policy(remote), quote=False).replace('"', "&quot;")
    page = page.replace("{lang}", html.escape(site.settings.default_language.code))
    page = page.replace("{mode}", "remote")
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  '
                        f'<meta http-equiv="Content-Security-Policy" content="{policy}">', 1)
    (target / "index.html").write_text(page, encoding="utf-8")
    for name in ADMIN_FILES:
        (target / name).write_bytes((package / name).read_bytes())
    css = article_css(site)
    (target / "article.css").write_bytes(css.read_bytes() if css else b"")
    (target / "config.json").write_text(json.dumps(setup(site, remote), ensure_ascii=False,
                                                   indent=1), encoding="utf-8")
    for item in sorted(cms.iterdir()):
        # The bundle and the parts it loads on demand (the package also ships the same
        # code again as cms.js and source maps: not needed).
        wanted = item.name == CMS_SCRIPT or item.name.endswith("." + CMS_SCRIPT) \
            or item.suffix == ".wasm"
        if wanted and item.is_file() and not item.is_symlink():
            shutil.copyfile(item, target / "cms" / item.name)
    if not (target / "cms" / CMS_SCRIPT).is_file():
        raise SiteConfigError(f"{cms}: {CMS_SCRIPT} is missing")
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m toasoan.desk.remote SITE_DIR [-f mkdocs.yml]``: add admin/ to a built site."""
    parser = argparse.ArgumentParser(prog="python -m toasoan.desk.remote",
                                     description="Write the remote editors' admin page into a "
                                                 "built site (needs extra.news.desk).")
    parser.add_argument("site_dir", type=Path, help="the built site (e.g. site/)")
    parser.add_argument("-f", "--config-file", type=Path, default=None, help="mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        site = read_site(find_config(args.config_file or Path.cwd()))
        remote = site.settings.desk
        if remote is None:
            print("toasoan: nothing to do: extra.news.desk is not set (the admin page is "
                  "published only when it is)", file=sys.stderr)
            return 0
        if not args.site_dir.is_dir():
            raise SiteConfigError(f"{args.site_dir}: no such folder (build the site first)")
        written = write_admin(args.site_dir, site, remote)
    except (SiteConfigError, SettingsError, OSError) as exc:
        print(f"toasoan: error: {exc}", file=sys.stderr)
        return 2
    print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
