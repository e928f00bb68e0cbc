"""Build the site atomically: build, check, and only then replace the output folder.

``python -m toasoan.publish [-f mkdocs.yml] [-d site] [--validate-html]``

1. ``mkdocs build --strict`` into a new temporary folder next to the output folder
   (same file system, so the final step is a rename, not a copy);
2. the link checker over it (every internal link and #anchor, both languages);
3. with ``--validate-html``, the Nu Html Checker over every page;
4. the new folder takes the old one's place by renames (an atomic exchange where
   the kernel offers one), and the old output is deleted.

Any failure stops before step 4: the previous output folder is left exactly as it
was, byte for byte, and the temporary folder is removed. This is what CI runs
before uploading the site, and what a server cron job should run instead of
``mkdocs build``.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import htmlcheck, linkcheck
from .site_config import SiteConfigError, load_yaml


class PublishError(RuntimeError):
    """A step failed; the output folder was not touched."""


def publish(config_file: Path, site_dir: Path | None = None, *, validate_html: bool = False,
            vnu_jar: Path | None = None, env: dict[str, str] | None = None) -> Path:
    """Build, check and swap in the site; return the output folder. PublishError on failure."""
    config_file = config_file.resolve()
    try:
        config = load_yaml(config_file)
    except SiteConfigError as exc:
        raise PublishError(str(exc)) from None
    root = config_file.parent
    site_dir = (site_dir or root / str(config.get("site_dir") or "site")).absolute()
    site_url = config.get("site_url") or None
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    _refuse_unsafe_output(site_dir, root, docs_dir)
    jar = None
    if validate_html:  # fail before a long build if the validator cannot run
        jar = vnu_jar or htmlcheck.find_vnu_jar(root, Path.cwd())
        if jar is None:
            raise PublishError(f"--validate-html: {htmlcheck.VNU_JAR} not found (run npm ci)")
        if not shutil.which("java"):
            raise PublishError("--validate-html: java not found "
                               "(apt-get install default-jre-headless)")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        build(config_file, staging, env=env)
        check_links(staging, site_url)
        if jar is not None:
            check_html(staging, jar)
        _make_readable(staging)
        swap_into_place(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return site_dir


def _refuse_unsafe_output(site_dir: Path, root: Path, docs_dir: Path) -> None:
    """The output folder is replaced wholesale: never let it be the sources or above them."""
    target = site_dir.resolve()
    if target == root or target in root.parents:
        raise PublishError(f"output folder {site_dir} holds the site's sources "
                           f"({root}); choose a folder of its own, e.g. -d site")
    if target == docs_dir or docs_dir in target.parents:
        raise PublishError(f"output folder {site_dir} is inside docs_dir ({docs_dir})")
    if site_dir.exists() and not site_dir.is_dir():
        raise PublishError(f"output folder {site_dir} exists and is not a folder")


def build(config_file: Path, out: Path, *, env: dict[str, str] | None = None) -> None:
    """``mkdocs build --strict`` into ``out`` (MkDocs runs in its own process)."""
    run_env = {**os.environ, **(env or {})}
    run_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    run_env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(out)], env=run_env, check=False)
    if proc.returncode != 0:
        raise PublishError(f"mkdocs build --strict failed (exit {proc.returncode})")


def check_links(site: Path, site_url: str | None) -> None:
    broken = linkcheck.check_site(site, site_url=site_url)
    if broken:
        print(linkcheck.report(broken), file=sys.stderr)
        raise PublishError(f"{len(broken)} broken internal link(s)")


def check_html(site: Path, jar: Path) -> None:
    try:
        result = htmlcheck.validate_site(site, vnu_jar=jar)
    except htmlcheck.ValidatorUnavailable as exc:
        raise PublishError(f"HTML validation could not run: {exc}") from None
    if not result.ok:
        print(htmlcheck.report(result), file=sys.stderr)
        raise PublishError(f"{len(result.errors)} HTML error(s)")


def swap_into_place(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; the old ``target`` (if any) is then deleted.

    Readers of ``target`` see the old site or the new one, never a half-written mix.
    """
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
        return
    if _exchange(new, target):
        _remove(new)  # now holds the old site
        return
    old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # put the previous site back
        raise
    _remove(old)


def _remove(path: Path) -> None:
    """Delete the previous output (a folder, or a symlink to one: never its target)."""
    if path.is_symlink():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _make_readable(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder: give it the mode a normal mkdir would."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toasoan.publish",
        description="Build the site into a temporary folder, check it, then swap it into "
                    "place; on any failure the previous output stays as it was.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path,
                        help="output folder (default: site_dir of mkdocs.yml, or site)")
    parser.add_argument("--validate-html", action="store_true",
                        help="also validate every page with the Nu Html Checker "
                             "(needs Java and npm ci)")
    parser.add_argument("--vnu-jar", type=Path,
                        help=f"path to vnu.jar (default ./{htmlcheck.VNU_JAR})")
    args = parser.parse_args(argv)
    try:
        out = publish(args.config_file, args.site_dir, validate_html=args.validate_html,
                      vnu_jar=args.vnu_jar)
    except PublishError as exc:
        print(f"publish: {exc}; the previous output was left unchanged", file=sys.stderr)
        return 1
    print(f"publish: {out} is up to date (built with --strict, links"
          f"{' and HTML' if args.validate_html else ''} checked)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
