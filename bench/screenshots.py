"""Screenshots of the sample newsroom, as a reader sees it (for the README and reviews).

    .venv/bin/python bench/screenshots.py                 # writes .github/screenshots/*.png
    .venv/bin/python bench/screenshots.py --all /tmp/shots  # every page kind, every size

Builds docs/ with the repository's mkdocs.yml (SOURCE_DATE_EPOCH fixed), serves it on
127.0.0.1 and drives Debian's chromium with Playwright; the clock is fixed too, so the
masthead's date is the same in every run. PNGs are reduced to 256 colours to stay small.
Needs the test extras (Playwright, Pillow): pip install -e '.[test]'.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
EPOCH = 1795755600  # 2026-11-27 12:00 in Hà Nội, as the tests use
CLOCK = "2026-12-01T02:00:00Z"  # the masthead's "today": Tuesday 1 December 2026
ARTICLE = "news/2026/khanh-thanh-cau-song-lam/"
PAGES = {
    "home": {"vi": "", "en": "en/"},
    "article": {"vi": ARTICLE, "en": "en/" + ARTICLE},
    "section": {"vi": "chuyen-muc/thoi-su/", "en": "en/category/news/"},
    "search": {"vi": "tim-kiem/?q=cau", "en": "en/search/?q=bridge"},
    "about": {"vi": "about/", "en": "en/about/"},
    "404": {"vi": "404.html", "en": "en/404.html"},
}
SIZES = {"desktop": (1366, 900), "phone": (390, 844), "narrow": (320, 700)}
# What the README shows: (page, language, size)
CHOSEN = [("home", "vi", "desktop"), ("article", "vi", "desktop"),
          ("home", "en", "phone"), ("article", "en", "phone")]


def build(site: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=env, cwd=REPO)


def serve(site: Path) -> str:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def small_png(data: bytes) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(base: str, out: Path, shots: list[tuple[str, str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for kind, lang, size in shots:
            width, height = SIZES[size]
            phone = width < 600
            context = browser.new_context(viewport={"width": width, "height": height},
                                          is_mobile=phone, has_touch=phone)
            page = context.new_page()
            page.clock.set_fixed_time(CLOCK)
            page.goto(base + PAGES[kind][lang], wait_until="networkidle")
            target = out / f"{kind}-{lang}-{size}.png"
            target.write_bytes(small_png(page.screenshot()))
            print(f"{target.relative_to(out.parent) if out.parent in target.parents else target}: "
                  f"{target.stat().st_size // 1024} KB")
            context.close()
        browser.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every page kind, language and size")
    parser.add_argument("out", nargs="?", type=Path, default=REPO / ".github/screenshots")
    args = parser.parse_args(argv)
    shots = [(kind, lang, size) for kind in PAGES for lang in ("vi", "en") for size in SIZES] \
        if args.all else CHOSEN
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        shoot(serve(site), args.out, shots)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
