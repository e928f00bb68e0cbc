"""Merge the outputs of a split build into one site (``toasoan.segments``).

    python -m toasoan_mkdocs.segments OUT_1 OUT_2 ... OUT_site -d site

Every job of a split build (``TOASOAN_SEGMENT=N`` or ``site``, same commit, same
``SOURCE_DATE_EPOCH``) wrote its part of the site into its own folder; the files they
share (theme assets, home and static pages) must be identical. The merge copies every
part into a new folder beside the output, then does what needs the whole site (the
search index, the stylesheet trimmed to the classes pages use) and swaps the folder
into place: a failed merge leaves the previous output as it was.
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from toasoan import folders

from . import output


class MergeError(Exception):
    """The parts cannot make one site; the message says which file and why."""


def merge(parts: list[Path], target: Path) -> int:
    """Merge ``parts`` into ``target``; returns the number of files of the site."""
    for part in parts:
        if not part.is_dir():
            raise MergeError(f"{part}: no such folder (the output of one job)")
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    folders.remove_abandoned(target)
    staging = target.with_name(f".{target.name}.build-{os.getpid()}-{secrets.token_hex(3)}")
    staging.mkdir()
    try:
        origin: dict[str, Path] = {}
        for part in parts:
            for current, dirs, names in os.walk(part):
                dirs.sort()
                for name in sorted(names):
                    source = Path(current, name)
                    rel = source.relative_to(part).as_posix()
                    if source.is_symlink():
                        raise MergeError(f"{source}: a link, not a file a build writes")
                    if rel in origin:
                        if not filecmp.cmp(origin[rel], source, shallow=False):
                            raise MergeError(
                                f"{rel}: {origin[rel]} and {source} differ: the jobs did not "
                                "build the same site (same commit and SOURCE_DATE_EPOCH?)")
                        continue
                    origin[rel] = source
                    (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, staging / rel)
        output.search_index_files(staging)
        output.trim_stylesheet(staging)
        folders.swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(origin)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toasoan_mkdocs.segments",
        description="Merge the outputs of the jobs of a split build (TOASOAN_SEGMENT) into "
                    "one site, then index it for search and trim its stylesheet.")
    parser.add_argument("parts", nargs="+", type=Path, help="each job's output folder")
    parser.add_argument("-d", "--site-dir", type=Path, required=True,
                        help="the merged site (replaced in one step when the merge succeeds)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        count = merge(args.parts, args.site_dir)
    except (MergeError, PluginError, OSError) as exc:
        print(f"toasoan: merge failed: {exc}; the output was not changed", file=sys.stderr)
        return 1
    print(f"toasoan: merged {len(args.parts)} parts into {args.site_dir} ({count} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
