"""HOSTING.md's commands work: every ``sh`` block of it runs, in order, on the sample site.

The blocks run in one shell on a copy of the sample site, with the virtual
environment's programs first on PATH (as with the environment activated), against
``rclone serve s3`` on 127.0.0.1. The only change made to the guide's text is the
storage endpoint of the worked example, pointed at that local server; the keys come
from the variables the guide names (``R2_ACCESS_KEY_ID``…), as a reader's would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import s3_server
from conftest import NOW_EPOCH, REPO, require_tool
from s3_server import sample_site
from toasoan import htmlcheck

pytestmark = pytest.mark.slow

GUIDE = REPO / "HOSTING.md"
ENDPOINT = '"https://$R2_ACCOUNT_ID.r2.cloudflarestorage.com"'
BUCKET = "bao-song-lam"
_FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[\w-]*)\n(?P<body>.*?)^(?P=indent)```$",
                    re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, str]]:
    """(info string, body) of every fenced block, indented or not."""
    return [(m["info"], re.sub(rf"^{m['indent']}", "", m["body"], flags=re.MULTILINE))
            for m in _FENCE.finditer(text)]


def test_the_guide_has_no_shell_commands_outside_the_blocks_that_are_run():
    infos = {info for info, _ in blocks(GUIDE.read_text("utf-8"))}
    assert infos <= {"sh", "text", "toml", "nginx", "yaml"}, infos  # no untested bash/console blocks
    assert GUIDE.read_text("utf-8").count(ENDPOINT) == 1


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    if not shutil.which("java") or not (REPO / htmlcheck.VNU_JAR).is_file():
        require_tool(False, "the guide validates HTML: needs Java and node_modules/vnu-jar (npm ci)")
    root = tmp_path_factory.mktemp("guide")
    server = s3_server.start(root / "s3", buckets=(BUCKET,))
    site = sample_site(root / "site")
    (site / "node_modules").symlink_to(REPO / "node_modules")  # what npm ci made
    shell = ["set -euo pipefail"]
    commands = []
    for number, (info, body) in enumerate(blocks(GUIDE.read_text("utf-8"))):
        if info == "sh":
            shell += [f"echo '@@ block {number}'", body.replace(ENDPOINT, f'"{server.endpoint}"')]
            commands += [line for line in body.splitlines() if line.strip()]
    venv = Path(sys.executable).parent
    env = {**server.env(), "PATH": f"{venv}{os.pathsep}{os.environ['PATH']}",
           "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "R2_ACCOUNT_ID": "0123456789abcdef",
           "R2_ACCESS_KEY_ID": s3_server.KEY_ID, "R2_SECRET_ACCESS_KEY": s3_server.SECRET}
    for key in [k for k in env if k.startswith("RCLONE_CONFIG_")]:
        del env[key]  # the guide's own exports configure the remote
    env["RCLONE_CONFIG"] = str(root / "no-rclone.conf")
    proc = subprocess.run(["bash", "-c", "\n".join(shell)], cwd=site, env=env,
                          capture_output=True, text=True, timeout=1800)
    yield {"proc": proc, "commands": commands, "site": site, "server": server}
    server.stop()


def test_every_command_of_the_guide_runs(ran):
    proc = ran["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.count("@@ block") == 7
    commands = ran["commands"]
    for expected in ["toasoan publish", "toasoan publish --dry-run",
                     "toasoan publish --validate-html",
                     "toasoan publish --check-limits github-pages",
                     "toasoan publish --to storage:bao-song-lam --dry-run",
                     "toasoan publish --to storage:bao-song-lam",
                     "rclone lsjson --metadata storage:bao-song-lam/index.html"]:
        assert expected in commands


def test_the_guide_publishes_the_sample_site_locally_and_to_the_bucket(ran):
    proc, server = ran["proc"], ran["server"]
    assert (ran["site"] / "site" / "index.html").is_file()
    # the local dry run, right after a publish of the same content: nothing to change
    assert f"{ran['site'] / 'site'}: would upload 0 files (0 new, 0 changed)" in proc.stdout
    assert "linkcheck: " in proc.stdout and "no broken internal links" in proc.stdout
    assert "site fits GitHub Pages" in proc.stderr
    dry = re.search(r"storage:bao-song-lam: would upload (\d+) files", proc.stdout)
    assert dry and int(dry.group(1)) > 150
    stored = server.snapshot(BUCKET)
    assert len(stored) == int(dry.group(1))
    assert stored["index.html"].data == (ran["site"] / "site" / "index.html").read_bytes()


def test_the_header_check_of_the_guide_shows_what_was_set(ran):
    out = ran["proc"].stdout
    listing = out[out.index("[", out.rindex("@@ block")):]
    [entry] = json.loads(listing)
    assert entry["Metadata"]["content-type"] == "text/html; charset=utf-8"
    assert entry["Metadata"]["cache-control"] == "public, max-age=60"
