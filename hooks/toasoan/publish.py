"""Build the site, check it, and only then publish it: to a folder, or to object storage.

``toasoan publish`` (also ``python -m toasoan.publish``)::

    toasoan publish [-d site] [--validate-html]          # a local folder, swapped atomically
    toasoan publish --to storage:bucket/prefix [--dry-run] [-v]   # any rclone remote
    toasoan publish --check-limits github-pages [-d site]          # hosting limits of a folder

1. ``mkdocs build --strict`` into a new temporary folder next to the output folder
   (same file system, so the final step is a rename, not a copy);
2. the link checker over it (every internal link and #anchor, both languages);
3. with ``--validate-html``, the Nu Html Checker over every page;
4. a local folder: the new folder takes the old one's place by renames (an atomic
   exchange where the kernel offers one), and the old output is deleted;
   a remote (``--to``): only new and changed files are uploaded, in an order that
   never shows a reader a page pointing at something missing, then files that
   left the site are deleted (see :mod:`toasoan.deploy`).

Any failure in steps 1-3 stops before step 4: the previous output folder (or the
remote) is left exactly as it was, and the temporary folder is removed. It refuses
to run in preview mode (``TOASOAN_PREVIEW``), which would publish drafts. A publish
that is stopped (SIGTERM, Ctrl-C) ends its build or upload first; one that was
killed outright leaves its temporary folder, which the next publish deletes.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import children, deploy, folders, htmlcheck, limits, linkcheck
from .config import preview_requested
from .site_config import SiteConfigError, load_yaml

PREVIEW_REFUSED = ("TOASOAN_PREVIEW is set: preview mode shows drafts and articles dated in the "
                   "future, and must never be published. Unset it (unset TOASOAN_PREVIEW) and "
                   "run the publish again")


class PublishError(RuntimeError):
    """A step failed; the output folder (or remote) was not touched unless the message says so."""


@dataclass
class Published:
    """What a publish did: where to, and for a remote, its plan and what was uploaded."""

    destination: str
    plan: deploy.Plan | None = None
    outcome: deploy.Outcome | None = None
    dry_run: bool = False


def publish(config_file: Path, site_dir: Path | None = None, *, validate_html: bool = False,
            vnu_jar: Path | None = None, env: dict[str, str] | None = None,
            remote: str | None = None, dry_run: bool = False, verbose: bool = False,
            allow_mass_delete: bool = False) -> Path:
    """Build, check and publish the site; return the output folder. PublishError on failure.

    With ``remote`` (an rclone ``NAME:BUCKET/PREFIX``) the checked build is uploaded there
    instead; the local output folder is not touched. See :func:`run` for the result.
    """
    run(config_file, site_dir, validate_html=validate_html, vnu_jar=vnu_jar, env=env,
        remote=remote, dry_run=dry_run, verbose=verbose, allow_mass_delete=allow_mass_delete)
    return _output_folder(config_file, site_dir)


def _output_folder(config_file: Path, site_dir: Path | None) -> Path:
    config_file = config_file.resolve()
    try:
        config = load_yaml(config_file)
    except SiteConfigError as exc:
        raise PublishError(str(exc)) from None
    return (site_dir or config_file.parent / str(config.get("site_dir") or "site")).absolute()


def run(config_file: Path, site_dir: Path | None = None, *, validate_html: bool = False,
        vnu_jar: Path | None = None, env: dict[str, str] | None = None,
        remote: str | None = None, dry_run: bool = False, verbose: bool = False,
        allow_mass_delete: bool = False) -> Published:
    """Build, check and publish; return what was done. PublishError on failure."""
    run_env = {**os.environ, **(env or {})}
    if preview_requested(run_env):
        raise PublishError(PREVIEW_REFUSED)
    config_file = config_file.resolve()
    try:
        config = load_yaml(config_file)
    except SiteConfigError as exc:
        raise PublishError(str(exc)) from None
    root = config_file.parent
    site_dir = (site_dir or root / str(config.get("site_dir") or "site")).absolute()
    site_url = config.get("site_url") or None
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    rclone = None
    if remote is None:
        _refuse_unsafe_output(site_dir, root, docs_dir)
    else:
        try:
            name, _path = deploy.parse_remote(remote)
            rclone = deploy.Rclone(deploy.find_rclone(), env=run_env)
            rclone.check_configured(name)
        except deploy.DeployError as exc:
            raise PublishError(str(exc)) from None
    jar = None
    if validate_html:  # fail before a long build if the validator cannot run
        jar = vnu_jar or htmlcheck.find_vnu_jar(root, Path.cwd())
        if jar is None:
            raise PublishError(f"--validate-html: {htmlcheck.VNU_JAR} not found (run npm ci)")
        if not shutil.which("java"):
            raise PublishError("--validate-html: java not found "
                               "(apt-get install default-jre-headless)")
    work = site_dir.parent
    try:
        work.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(_os_error(exc, work)) from None
    clean_stale_staging(work, site_dir.name)
    with _staging(work, site_dir.name) as (staging, lock_fd):
        build(config_file, staging, env=env, pass_fds=(lock_fd,))
        checker = check_links(staging, site_url)
        if jar is not None:
            check_html(staging, jar)
        if rclone is not None and remote is not None:
            return _publish_remote(staging, remote, rclone, checker, dry_run=dry_run,
                                   verbose=verbose, allow_mass_delete=allow_mass_delete)
        if dry_run:
            plan = deploy.plan_publish(deploy.local_manifest(staging),
                                       deploy.local_manifest(site_dir) if site_dir.is_dir() else {})
            for line in deploy.plan_report(plan, str(site_dir), dry_run=True, verbose=verbose):
                print(line)
            return Published(str(site_dir), plan, dry_run=True)
        try:
            _make_readable(staging)
            folders.swap_into_place(staging, site_dir)
        except OSError as exc:
            raise PublishError(_os_error(exc, site_dir)) from None
    return Published(str(site_dir))


def _publish_remote(staging: Path, remote: str, rclone: deploy.Rclone,
                    checker: linkcheck.LinkChecker, *, dry_run: bool, verbose: bool,
                    allow_mass_delete: bool) -> Published:
    """Upload what changed (checked build in ``staging``) to ``remote``."""
    try:
        there = rclone.list(remote)
    except deploy.DeployError as exc:
        raise PublishError(f"{exc}; nothing was uploaded") from None
    local = deploy.local_manifest(staging)
    todo = deploy.changed_files(local, there)
    articles = {rel for rel in todo if rel in checker.pages and deploy.is_article_page(
        (staging / rel).read_text("utf-8", "replace"))}
    links = {rel: checker.linked_files(rel) for rel in todo
             if rel in checker.pages or rel in checker.documents}
    plan = deploy.plan_publish(local, there, articles=articles, links=links)
    for line in deploy.plan_report(plan, remote, dry_run=dry_run, verbose=verbose and dry_run):
        print(line, file=sys.stdout if dry_run else sys.stderr)
    if deploy.mass_delete(plan, len(there)) and not allow_mass_delete:
        doubt = (f"{remote} holds {len(there)} files and this publish would delete "
                 f"{len(plan.deletions)} of them: is it the right destination? If it is, run "
                 "again with --allow-mass-delete")
        if not dry_run:
            raise PublishError(f"{doubt}; nothing was uploaded")
        print(f"publish: warning: {doubt}", file=sys.stderr)
    if dry_run:
        return Published(remote, plan, dry_run=True)
    progress = deploy.Progress(len(plan.uploads), plan.upload_bytes)
    try:
        outcome = deploy.execute(plan, staging, remote, rclone, progress=progress,
                                 log=(lambda line: print(line, flush=True)) if verbose else None)
    except deploy.DeployError as exc:
        raise PublishError(
            f"{exc}; the remote still serves a complete site (each file old or new, deletions "
            "not done yet): run the publish again to finish") from None
    return Published(remote, plan, outcome)


# --- Staging folders ----------------------------------------------------------------------

_LOCK_SUFFIX = ".lock"


@contextlib.contextmanager
def _staging(work: Path, name: str) -> Iterator[tuple[Path, int]]:
    """A new build folder ``.<name>.new-<token>`` with its lock file, removed afterwards.

    The lock (``flock``) is held as long as this publish or its build runs: a later
    publish deletes the folder only when no process holds it.
    """
    token = secrets.token_hex(4)
    staging = work / f".{name}.new-{token}"
    lock_path = work / f".{name}.new-{token}{_LOCK_SUFFIX}"
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except OSError as exc:
        raise PublishError(_os_error(exc, work)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            staging.mkdir(mode=0o700)
        except OSError as exc:
            raise PublishError(_os_error(exc, work)) from None
        yield staging, fd
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            lock_path.unlink()
        os.close(fd)


def clean_stale_staging(work: Path, name: str) -> list[Path]:
    """Delete build folders left by killed publishes (ours, and no longer in use)."""
    removed = []
    prefix = f".{name}.new-"
    try:
        entries = sorted(work.iterdir())
    except OSError:
        return removed
    for lock_path in entries:
        if not (lock_path.name.startswith(prefix) and lock_path.name.endswith(_LOCK_SUFFIX)):
            continue
        folder = lock_path.with_name(lock_path.name[:-len(_LOCK_SUFFIX)])
        try:
            fd = os.open(lock_path, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a publish (or its build) still holds it
            os.close(fd)
            continue
        try:
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            with contextlib.suppress(OSError):
                lock_path.unlink()
        finally:
            os.close(fd)
    if removed:
        print(f"publish: deleted {len(removed)} build folder(s) left by an interrupted "
              f"publish: {', '.join(p.name for p in removed)}", file=sys.stderr)
    return removed


def _os_error(exc: OSError, where: Path) -> str:
    path = exc.filename or where
    return f"cannot write to {path}: {exc.strerror or exc}"


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


def build(config_file: Path, out: Path, *, env: dict[str, str] | None = None,
          pass_fds: tuple[int, ...] = ()) -> None:
    """``mkdocs build --strict`` into ``out`` (MkDocs runs in its own process group)."""
    run_env = {**os.environ, **(env or {})}
    run_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    run_env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    code = children.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(out)], env=run_env, pass_fds=pass_fds)
    if code != 0:
        raise PublishError(f"mkdocs build --strict failed (exit {code})")


def check_links(site: Path, site_url: str | None) -> linkcheck.LinkChecker:
    """Every internal link and anchor of the build; the checker is kept to order uploads."""
    checker = linkcheck.LinkChecker(site, site_url=site_url)
    broken = sorted(checker.broken_links(), key=lambda link: (link.page, link.line))
    if broken:
        print(linkcheck.report(broken), file=sys.stderr)
        raise PublishError(f"{len(broken)} broken internal link(s)")
    return checker


def check_html(site: Path, jar: Path) -> None:
    try:
        result = htmlcheck.validate_site(site, vnu_jar=jar)
    except htmlcheck.ValidatorUnavailable as exc:
        raise PublishError(f"HTML validation could not run: {exc}") from None
    if not result.ok:
        print(htmlcheck.report(result), file=sys.stderr)
        raise PublishError(f"{len(result.errors)} HTML error(s)")


def _make_readable(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder: give it the mode a normal mkdir would."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def add_arguments(parser: argparse.ArgumentParser, *, config_option: bool = True) -> None:
    """The publish options (shared by ``python -m toasoan.publish`` and ``toasoan publish``)."""
    if config_option:
        parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path,
                        help="output folder (default: site_dir of mkdocs.yml, or site)")
    parser.add_argument("--to", metavar="REMOTE:BUCKET[/PREFIX]", dest="remote",
                        help="publish to this rclone remote (e.g. storage:bao-song-lam) instead "
                             "of the output folder: only new and changed files are uploaded; "
                             "the remote is configured by RCLONE_CONFIG_<NAME>_* variables "
                             "(see HOSTING.md)")
    parser.add_argument("--dry-run", action="store_true",
                        help="build and check, then say what would be uploaded and deleted "
                             "(files and bytes), changing nothing")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="name every file uploaded or deleted (with --dry-run: every file "
                             "that would be)")
    parser.add_argument("--allow-mass-delete", action="store_true",
                        help="let a publish delete more than half of the files of the remote "
                             "(refused by default: it is usually the wrong destination)")
    parser.add_argument("--validate-html", action="store_true",
                        help="also validate every page with the Nu Html Checker "
                             "(needs Java and npm ci)")
    parser.add_argument("--vnu-jar", type=Path,
                        help=f"path to vnu.jar (default ./{htmlcheck.VNU_JAR})")
    parser.add_argument("--check-limits", metavar="HOST", choices=sorted(limits.HOSTS),
                        help="only check the output folder (already built) against a host's "
                             f"documented limits: {', '.join(sorted(limits.HOSTS))}; "
                             "exit status 1 if it would be refused")


def execute(args: argparse.Namespace, config_file: Path) -> int:
    """Run a publish from parsed arguments; print one line per problem; return the exit status."""
    if args.check_limits:
        return check_limits(args.check_limits, _output_folder_or_none(config_file, args.site_dir))
    try:
        with children.stop_on_signals():
            done = run(config_file, args.site_dir, validate_html=args.validate_html,
                       vnu_jar=args.vnu_jar, remote=args.remote, dry_run=args.dry_run,
                       verbose=args.verbose, allow_mass_delete=args.allow_mass_delete)
    except PublishError as exc:
        print(f"publish: {_with_outcome(str(exc), remote=bool(args.remote))}", file=sys.stderr)
        return 1
    except children.Stopped as stop:
        outcome = ("the remote serves a complete site (each file old or new); run the publish "
                   "again to finish" if args.remote else "the previous output was left unchanged")
        print(f"publish: stopped ({stop}); {outcome}", file=sys.stderr)
        return stop.exit_status
    checks = f"built with --strict, links{' and HTML' if args.validate_html else ''} checked"
    if done.dry_run:
        print(f"publish: dry run ({checks}); nothing was changed", file=sys.stderr)
    elif done.outcome is not None:
        out = done.outcome
        unchanged = done.plan.unchanged if done.plan else 0
        print(f"publish: {done.destination} is up to date: uploaded {len(out.uploaded)} files "
              f"({out.uploaded_bytes:,} bytes), deleted {len(out.deleted)}, {unchanged} "
              f"unchanged ({checks})", file=sys.stderr)
    else:
        print(f"publish: {done.destination} is up to date ({checks})", file=sys.stderr)
    return 0


def _with_outcome(message: str, *, remote: bool) -> str:
    """Say what became of the destination, unless the message already does."""
    if "nothing was uploaded" in message or "run the publish again" in message:
        return message
    return message + ("; nothing was uploaded" if remote else
                      "; the previous output was left unchanged")


def _output_folder_or_none(config_file: Path, site_dir: Path | None) -> Path:
    if site_dir is not None:
        return site_dir
    try:
        return _output_folder(config_file, None)
    except PublishError:
        return Path("site")


def check_limits(host_key: str, folder: Path) -> int:
    """``--check-limits``: 0 if ``folder`` fits the host, 1 (with the reasons) if not."""
    host = limits.HOSTS[host_key]
    if not folder.is_dir():
        print(f"publish: {folder} is not a built site folder (build it first: toasoan publish "
              f"-d {folder})", file=sys.stderr)
        return 2
    size = limits.measure(folder)
    found = limits.problems(size, host)
    for line in limits.warnings(size, host):
        print(f"publish: warning: {folder}: {line}", file=sys.stderr)
    if found:
        for line in found:
            print(f"publish: {folder}: {line}", file=sys.stderr)
        print(f"publish: {folder} cannot be published on {host.name} ({limits.summary(size)}); "
              "the deploy was stopped before it could fail. Publish the site to object "
              "storage instead: toasoan publish --to REMOTE:BUCKET (HOSTING.md, \"Object "
              f"storage\"); limits: {host.source}", file=sys.stderr)
        return 1
    print(f"publish: {folder} fits {host.name} ({limits.summary(size)})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toasoan.publish",
        description="Build the site into a temporary folder, check it, then swap it into "
                    "place (or upload what changed to an rclone remote with --to); on any "
                    "failure the previous output stays as it was. Same as 'toasoan publish'.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    return execute(args, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
