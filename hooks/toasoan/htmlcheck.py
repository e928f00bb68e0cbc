"""Validate the HTML of a built site with the Nu Html Checker (vnu), offline.

Runs ``java -jar node_modules/vnu-jar/build/dist/vnu.jar --format json
--skip-non-html SITE_DIR`` (files, never URLs: vnu refuses local addresses) and
returns its errors, minus the few documented false positives of the Material
theme listed in :data:`THEME_FALSE_POSITIVES`. Warnings are returned apart and
never fail a check.

Command line::

    python -m toasoan.htmlcheck SITE_DIR [--vnu-jar PATH]

prints one ``page:line:column: message`` line per error and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Where `npm ci` puts the checker, relative to the project root.
VNU_JAR = Path("node_modules/vnu-jar/build/dist/vnu.jar")


class ValidatorUnavailable(RuntimeError):
    """Java or vnu.jar is missing: the HTML cannot be validated here."""


@dataclass(frozen=True)
class FalsePositive:
    """A vnu error that Material's own markup causes on purpose, with the reason."""

    message: re.Pattern[str]
    extract: re.Pattern[str]
    why: str

    def matches(self, finding: HtmlError) -> bool:
        return bool(self.message.search(finding.message) and self.extract.search(finding.extract))


THEME_FALSE_POSITIVES: tuple[FalsePositive, ...] = (
    # Material's base.html (not a block: it cannot be overridden without copying the
    # whole template) writes its drawer and search toggles as
    # <input class="md-toggle" type="checkbox" autocomplete="off">. The attribute is
    # there on purpose: Firefox otherwise restores a checkbox's state on reload and
    # the page opens with the drawer or search overlay stuck open (Mozilla bug
    # 654072; Bootstrap documented the same workaround). Browsers honour
    # it on checkboxes although the spec lists only text-like types; no reader sees
    # any difference. Matched only on those toggles, so our own forms stay checked.
    FalsePositive(
        message=re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        extract=re.compile(r'<input class="md-toggle"[^>]*type="checkbox"[^>]*autocomplete="off"'),
        why="Material's md-toggle checkboxes keep autocomplete=off against Firefox's "
            "form-state restore",
    ),
)


@dataclass(frozen=True, order=True)
class HtmlError:
    """One vnu finding, located in the built site."""

    page: str  # site-relative path, e.g. "en/about/index.html"
    line: int
    column: int
    message: str
    extract: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        return f"{self.page}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    errors: list[HtmlError]
    warnings: list[HtmlError]
    ignored: list[HtmlError]  # theme false positives, kept for the record

    @property
    def ok(self) -> bool:
        return not self.errors


def find_vnu_jar(*roots: Path) -> Path | None:
    """vnu.jar under the first of ``roots`` (a project folder) that has it."""
    for root in roots:
        jar = Path(root) / VNU_JAR
        if jar.is_file():
            return jar
    return None


def validate_site(site_dir: Path | str, *, vnu_jar: Path | str,
                  java: str | None = None) -> ValidationResult:
    """Run vnu over every HTML file of ``site_dir`` and sort out what it says."""
    site_dir = Path(site_dir).resolve()
    java = java or shutil.which("java")
    if not java:
        raise ValidatorUnavailable("java not found (apt-get install default-jre-headless)")
    if not Path(vnu_jar).is_file():
        raise ValidatorUnavailable(f"{vnu_jar} not found (run npm ci)")
    proc = subprocess.run(
        [java, "-jar", str(vnu_jar), "--format", "json", "--skip-non-html", str(site_dir)],
        capture_output=True, text=True, encoding="utf-8", timeout=1800)
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (ValueError, KeyError):
        raise ValidatorUnavailable(
            f"vnu gave no JSON report (exit {proc.returncode}): {proc.stderr[-500:]}") from None
    return classify(messages, site_dir)


def classify(messages: list[dict], site_dir: Path) -> ValidationResult:
    """Split vnu's JSON messages into errors, warnings and theme false positives."""
    errors, warnings, ignored = [], [], []
    for message in messages:
        kind = message.get("type")
        if kind == "info" and message.get("subType") != "warning":
            continue  # notes such as "trailing slash on void elements"
        finding = HtmlError(
            page=_site_relative(message.get("url", ""), site_dir),
            line=int(message.get("lastLine") or message.get("firstLine") or 0),
            column=int(message.get("firstColumn") or 0),
            message=message.get("message", ""),
            extract=message.get("extract", ""),
            severity="warning" if kind == "info" else "error",
        )
        if finding.severity == "warning":
            warnings.append(finding)
        elif any(fp.matches(finding) for fp in THEME_FALSE_POSITIVES):
            ignored.append(finding)
        else:
            errors.append(finding)  # "error" and "non-document-error" (unreadable file…)
    return ValidationResult(sorted(errors), sorted(warnings), sorted(ignored))


def _site_relative(url: str, site_dir: Path) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.resolve().relative_to(site_dir).as_posix()
    except ValueError:
        return url


def report(result: ValidationResult) -> str:
    """One line per error, then (on a large site, where one template error repeats on
    every page) how many times each message occurs, then the total."""
    lines = [str(error) for error in result.errors]
    if lines:
        counts = Counter(error.message for error in result.errors)
        if len(counts) < len(lines):
            lines.append("by message:")
            lines += [f"{count:>7} × {message}" for message, count in counts.most_common()]
        lines.append(f"{len(result.errors)} HTML error(s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toasoan.htmlcheck",
        description="Validate every HTML file of a built site with the Nu Html Checker.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--vnu-jar", type=Path,
                        help=f"path to vnu.jar (default: ./{VNU_JAR})")
    args = parser.parse_args(argv)
    jar = args.vnu_jar or find_vnu_jar(Path.cwd()) or VNU_JAR
    try:
        result = validate_site(args.site_dir, vnu_jar=jar)
    except ValidatorUnavailable as exc:
        print(f"htmlcheck: {exc}", file=sys.stderr)
        return 2
    if not result.ok:
        print(report(result))
        return 1
    print(f"htmlcheck: no HTML errors ({len(result.warnings)} warning(s), "
          f"{len(result.ignored)} theme false positive(s) ignored)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
