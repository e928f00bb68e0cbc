"""How long an editor waits under ``mkdocs serve``: from saving an article to the page.

    python bench/serve_edit.py PROJECT [--port 8123]

PROJECT is a folder with mkdocs.yml and docs/ (e.g. a corpus from bench/run.py --keep).
Starts ``mkdocs serve`` there (with its build cache), then (1) edits the body of one
article and (2) adds an article, and for each measures the time from the file's save to
the moment the server returns the page with the change (polling every 50 ms, as a
browser waiting for its live reload would see it), then (3) saves the article with an
impossible date and measures the time to the problems page, and the time back to the
article once the date is fixed. Also reports the idle server's CPU share over 10 s (what
watching for saves costs) and how it watches (``TOASOAN_WATCH=poll`` to compare with
MkDocs' polling). Prints one JSON object. The corpus
is changed (the edit and the new article are left in place).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - 127.0.0.1
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:  # the problems page is served with a 404
        return error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait(url: str, text: str, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in _get(url):
            return time.monotonic() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} in {timeout} s")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _article(docs: Path) -> Path:
    """A Vietnamese article in the middle of the archive."""
    found = sorted(docs.glob("news/*/*/index.vi.md"))
    return found[len(found) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = project / f"serve-{port}.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                                   f"127.0.0.1:{port}", "--livereload"], cwd=project,
                                  stdout=log, stderr=subprocess.STDOUT, env=env)
    result: dict[str, object] = {"project": str(project)}
    try:
        while "Serving on" not in log_path.read_text("utf-8", "replace"):
            if server.poll() is not None or time.monotonic() - started > args.timeout:
                raise RuntimeError(log_path.read_text("utf-8", "replace")[-2000:])
            time.sleep(0.2)
        result["first_start_s"] = round(time.monotonic() - started, 1)
        time.sleep(2)  # let the watcher settle
        # What the idle server costs (watching for saves): CPU seconds per second, 10 s.
        before = _cpu_seconds(server.pid)
        time.sleep(10)
        result["idle_cpu_share"] = round((_cpu_seconds(server.pid) - before) / 10, 3)
        result["watching"] = next((line.split("-  ", 1)[-1] for line in
                                   log_path.read_text("utf-8", "replace").splitlines()
                                   if "watching for saves" in line), "")

        article = _article(project / "docs")
        url = base + article.parent.relative_to(project / "docs").as_posix() + "/"
        marker = f"Sửa lúc {time.time():.0f}"
        text = article.read_text("utf-8")
        body_start = text.index("\n---", 3) + 4
        article.write_text(text[:body_start] + f"\n\n{marker}.\n" + text[body_start:], "utf-8")
        result["edit_body_s"] = round(_wait(url, marker, args.timeout), 2)
        time.sleep(2)

        bundle = article.parent.parent / f"bai-moi-{int(time.time())}"
        bundle.mkdir()
        title = f"Bài mới {time.time():.0f}"
        (bundle / "index.vi.md").write_text(
            f'---\ntitle: "{title}"\ndate: 2026-11-20 08:00\nauthor: Ban Biên tập\n'
            f"language: vi\ncategories: [Thời sự]\n---\n\nNội dung bài mới.\n", "utf-8")
        result["add_article_s"] = round(_wait(base, title, args.timeout), 2)
        time.sleep(2)

        # (3) a save the build refuses: the problems page, at the article's address...
        good = article.read_text("utf-8")
        broken = re.sub(r"^date: .*$", "date: 2026-13-45 08:30", good, count=1, flags=re.M)
        article.write_text(broken, "utf-8")
        result["broken_save_problems_s"] = round(_wait(url, "toasoan-problems", args.timeout), 2)
        time.sleep(2)
        # ...then the article again once it is fixed.
        article.write_text(good, "utf-8")
        result["fixed_save_s"] = round(_wait(url, marker, args.timeout), 2)
        log_text = log_path.read_text("utf-8", "replace")
        result["rebuild_lines"] = [line for line in log_text.splitlines()
                                   if re.search(r"to render|kept from|Pagefind|built in", line)][-8:]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
