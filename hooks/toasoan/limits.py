"""Hosting limits, checked on the built folder before a deploy fails on them.

GitHub Pages refuses a published site over 1 GB (and ``actions/deploy-pages``
refuses symbolic and hard links); other static hosts document file counts and
file sizes. A newspaper's archive outgrows them: the check says so *before* the
upload, and points at object storage (HOSTING.md).

``python -m toasoan.publish --check-limits github-pages -d site`` (and
``toasoan publish --check-limits …``) runs it from the command line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

GIB = 1 << 30
MIB = 1 << 20


@dataclass(frozen=True)
class HostLimits:
    """What one host documents about a site it publishes."""

    name: str
    max_site_bytes: int | None = None
    site_limit_text: str = ""  # as the host writes it, e.g. "1 GB"
    max_files: int | None = None
    max_file_bytes: int | None = None
    file_limit_text: str = ""
    refuses_links: bool = False  # symbolic and hard links
    source: str = ""  # where the host documents the limits


HOSTS = {
    # docs.github.com "GitHub Pages limits": "Published GitHub Pages sites may be no larger
    # than 1 GB"; actions/deploy-pages compares the artifact with 1073741824 bytes and
    # refuses content with "hard links, symlinks". No file count is documented.
    "github-pages": HostLimits(
        "GitHub Pages", max_site_bytes=GIB, site_limit_text="1 GB", refuses_links=True,
        source="https://docs.github.com/en/pages/getting-started-with-github-pages/"
               "github-pages-limits"),
    # developers.cloudflare.com/pages/platform/limits: 20,000 files per site on the Free
    # plan, 25 MiB per file.
    "cloudflare-pages": HostLimits(
        "Cloudflare Pages (Free plan)", max_files=20_000, max_file_bytes=25 * MIB,
        file_limit_text="25 MiB", source="https://developers.cloudflare.com/pages/platform/limits/"),
    # docs.gitlab.com "GitLab Pages": 1 GB per site and 200,000 files on GitLab.com.
    "gitlab-pages": HostLimits(
        "GitLab Pages (GitLab.com)", max_site_bytes=GIB, site_limit_text="1 GB",
        max_files=200_000, source="https://docs.gitlab.com/user/project/pages/"),
}

WARN_SHARE = 0.8  # say so when a site has used this share of a limit


@dataclass
class SiteSize:
    """What a host counts in a built site folder."""

    files: int = 0
    bytes: int = 0
    largest: tuple[str, int] = ("", 0)
    links: list[str] = field(default_factory=list)  # symbolic or hard links


def measure(folder: Path) -> SiteSize:
    """Files, bytes (as the files' sizes say, sparse or not) and links under ``folder``."""
    size = SiteSize()
    for dirpath, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(dirpath) / name
            info = path.lstat()
            rel = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(info.st_mode):
                size.links.append(f"{rel} (symbolic link)")
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            size.files += 1
            size.bytes += info.st_size
            if info.st_nlink > 1:
                size.links.append(f"{rel} (hard link)")
            if info.st_size > size.largest[1]:
                size.largest = (rel, info.st_size)
    return size


def problems(size: SiteSize, host: HostLimits) -> list[str]:
    """What ``host`` would refuse, one sentence each (empty: it fits)."""
    found = []
    if host.max_site_bytes is not None and size.bytes > host.max_site_bytes:
        found.append(f"the site is {size.bytes:,} bytes, over the {host.name} limit of "
                     f"{host.site_limit_text} ({host.max_site_bytes:,} bytes) for a published site")
    if host.max_files is not None and size.files > host.max_files:
        found.append(f"the site has {size.files:,} files, over the {host.name} limit of "
                     f"{host.max_files:,} files")
    if host.max_file_bytes is not None and size.largest[1] > host.max_file_bytes:
        found.append(f"{size.largest[0]} is {size.largest[1]:,} bytes, over the {host.name} limit "
                     f"of {host.file_limit_text} per file")
    if host.refuses_links and size.links:
        more = f" and {len(size.links) - 3} more" if len(size.links) > 3 else ""
        found.append(f"{host.name} refuses links in the site: {', '.join(size.links[:3])}{more}")
    return found


def warnings(size: SiteSize, host: HostLimits) -> list[str]:
    """Limits the site is close to (80% or more), so that the move can be planned."""
    found = []
    if host.max_site_bytes and WARN_SHARE * host.max_site_bytes <= size.bytes <= host.max_site_bytes:
        found.append(f"the site uses {size.bytes / host.max_site_bytes:.0%} of the {host.name} "
                     f"{host.site_limit_text} limit")
    if host.max_files and WARN_SHARE * host.max_files <= size.files <= host.max_files:
        found.append(f"the site uses {size.files / host.max_files:.0%} of the {host.name} "
                     f"{host.max_files:,}-file limit")
    return found


def summary(size: SiteSize) -> str:
    return f"{size.files:,} file{'' if size.files == 1 else 's'}, {size.bytes:,} bytes"
