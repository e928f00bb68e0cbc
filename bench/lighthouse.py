"""Lighthouse scores of the built site (a measurement, not a test).

Usage, from the repository root, after `npm ci --prefix bench`:

    .venv/bin/python bench/lighthouse.py [--site SITE_DIR] [--out bench/results/lighthouse.md]

Builds the sample site into a temporary folder (unless --site is given), serves it
on 127.0.0.1, runs Lighthouse 12.2.3 (bench/package.json) in Debian's chromium
(CHROME_PATH, default /usr/bin/chromium) on the Vietnamese and English home pages
and one translated article in each language, and writes a Markdown table of the
four category scores with the date and the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def build_site(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
                    "-d", str(target)], check=True, env=env, cwd=ROOT)


def first_translated_article(site: Path) -> str:
    """Path of the first article page that exists in both languages."""
    for page in sorted((site / "news").rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if (site / "en" / rel).exists():
            return rel.removesuffix("index.html")
    raise SystemExit("no translated article in the built site")


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str, chrome: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report.name}",
             f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
            check=True, env={**os.environ, "CHROME_PATH": chrome},
        )
        data = json.loads(Path(report.name).read_text())
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample site)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lighthouse.md")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci --prefix bench` first")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build_site(site)
        article = first_translated_article(site)
        server, base = serve(site)
        try:
            pages = {"vi home": "", "vi article": article, "en home": "en/", "en article": "en/" + article}
            rows = {name: lighthouse(base + path, args.chrome) for name, path in pages.items()}
        finally:
            server.shutdown()
    command = "python bench/lighthouse.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    lines = [
        "# Lighthouse scores",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} cores, {platform.system()}), Lighthouse 12.2.3 (default: mobile "
        "emulation, simulated throttling), Debian chromium, site served by Python's http.server.",
        "",
        f"Command: `{command.strip()}`",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, scores in rows.items():
        lines.append(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
