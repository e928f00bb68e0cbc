"""A publish to object storage killed midway leaves a site readers can use, and the next repairs it.

The remote holds the sample site; the new version edits an article, removes one, and
adds a bilingual article in a new category with a photo (new pages that link to each
other, and existing pages that start linking to them). The publish of the new
version is killed (SIGKILL, as a crash or a cancelled CI job would) at several
moments. Each time, every file on the remote is the old or the new version, every
page a reader can reach from the home pages (and every feed and sitemap) has all its
internal links and assets, and no rclone is left running. A last publish finishes
the work, uploading only what was missing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import s3_server
from conftest import NOW_EPOCH, _tiny_jpeg
from s3_server import sample_site
from toasoan import deploy, linkcheck
from toasoan.site_config import load_yaml

pytestmark = pytest.mark.slow

BUCKET = "bao"
PREFIX = "killed"
NEW = "news/2026/song-lam-trong-rung-ngap-man"
REMOVED = "news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so"
EDITED = "news/2026/khanh-thanh-cau-song-lam"
ENTRY_PAGES = ("index.html", "en/index.html", "404.html")


def new_version(site: Path) -> None:
    """Edit one article, remove one, add a bilingual one in a new category with a photo."""
    edited = site / "docs" / EDITED / "index.vi.md"
    edited.write_text(edited.read_text("utf-8") + "\nĐoạn bổ sung.\n", encoding="utf-8")
    for path in (site / "docs" / REMOVED).iterdir():
        path.unlink()
    (site / "docs" / REMOVED).rmdir()
    bundle = site / "docs" / NEW
    bundle.mkdir(parents=True)
    (bundle / "rung-ngap-man.jpg").write_bytes(_tiny_jpeg())
    for lang, title, categories, body in [
        ("vi", "Sông Lam trồng thêm rừng ngập mặn", "[Môi trường, Thời sự]",
         "Tỉnh Sông Lam trồng thêm 40 ha rừng ngập mặn ven biển.\n\n"
         '![Cây đước non](rung-ngap-man.jpg "Cây đước non trên bãi bồi.")'),
        ("en", "Song Lam plants more mangroves", "[Environment, News]",
         "Song Lam province plants 40 more hectares of coastal mangroves.\n\n"
         '![Young mangroves](rung-ngap-man.jpg "Young mangroves on the mudflat.")')]:
        (bundle / f"index.{lang}.md").write_text(
            f'---\ntitle: "{title}"\ndate: 2026-11-26 07:00\nauthor: "Lê Minh"\n'
            f"language: {lang}\ncategories: {categories}\n---\n\n{body}\n", encoding="utf-8")


def run_env(server: s3_server.S3Server) -> dict[str, str]:
    return {**server.env(), "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}


def command(site: Path) -> list[str]:
    return [sys.executable, "-m", "toasoan.cli", "publish", "--site", str(site), "--to",
            f"{s3_server.REMOTE}:{BUCKET}/{PREFIX}", "-v"]


def publish(site: Path, server: s3_server.S3Server) -> subprocess.CompletedProcess:
    proc = subprocess.run(command(site), capture_output=True, text=True, env=run_env(server),
                          timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def publish_killed(site: Path, server: s3_server.S3Server, moment) -> tuple[list[str], list[int]]:
    """Run the publish; SIGKILL it (its whole process group) when ``moment(lines)`` is true.

    rclone talks to the test server at most ``SLOW`` times a second (its own
    ``--tpslimit``, from the environment), as over a real network: on a busy machine a
    local server answers the last steps (two dozen deletions) before this test has read
    the line that announces them, and the publish ended before the moment."""
    proc = subprocess.Popen(command(site), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**run_env(server), "RCLONE_TPSLIMIT": str(SLOW)},
                            start_new_session=True)
    lines: list[str] = []
    uploaders: list[int] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        uploaders = [pid for pid in children_of(proc.pid) if alive(pid)] or uploaders
        if moment(lines):
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, "the publish ended before the moment:\n" + \
        "\n".join(lines[-30:])
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in uploaders) and time.monotonic() < deadline:
        time.sleep(0.1)
    return lines, uploaders


SLOW = 4  # requests a second


def uploaded(lines: list[str]) -> list[str]:
    return [line.removeprefix("uploaded ") for line in lines if line.startswith("uploaded ")]


def after_uploads(n: int, suffix: str = ""):
    return lambda lines: sum(p.endswith(suffix) for p in uploaded(lines)) >= n


def at_line(start: str, text: str = ""):
    return lambda lines: lines[-1].startswith(start) and text in lines[-1]


MOMENTS = {
    "during photos and data": after_uploads(2),
    "as article pages start": at_line("publish: step ", " article pages: "),
    "among the pages": after_uploads(3, ".html"),
    "during deletions": at_line("publish: deleting "),
}


def reader_problems(folder: Path, site_url: str) -> list[str]:
    """Broken links on pages a reader can reach from the home and 404 pages, and in feeds."""
    checker = linkcheck.LinkChecker(folder, site_url=site_url)
    reachable = {page for page in ENTRY_PAGES if page in checker.pages}
    todo = list(reachable)
    while todo:
        for target in checker.linked_files(todo.pop()):
            if target in checker.pages and target not in reachable:
                reachable.add(target)
                todo.append(target)
    assert len(reachable) > 20
    problems = [str(b) for b in checker.broken_links()
                if b.page in reachable or b.page in checker.documents]
    # the search index the entry names must be there
    entry = folder / deploy.SEARCH_ENTRY
    if entry.exists():
        import json

        for lang, info in json.loads(entry.read_text("utf-8"))["languages"].items():
            if not (folder / "pagefind" / f"pagefind.{info['hash']}.pf_meta").is_file():
                problems.append(f"{deploy.SEARCH_ENTRY}: index of {lang} missing")
    return problems


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    root = tmp_path_factory.mktemp("killed")
    server = s3_server.start(root / "s3")
    old_site = sample_site(root / "old")
    new_site = sample_site(root / "new")
    new_version(new_site)
    # the new version as a full publish would leave it, for comparison
    reference = sample_site(root / "reference")
    new_version(reference)
    subprocess.run([sys.executable, "-m", "toasoan.cli", "publish", "--site", str(reference),
                    "-d", str(root / "new-build")], env=run_env(server), check=True,
                   capture_output=True, timeout=900)
    new_files = {p.relative_to(root / "new-build").as_posix(): p.read_bytes()
                 for p in (root / "new-build").rglob("*") if p.is_file()}
    results = {}
    for name, moment in MOMENTS.items():
        publish(old_site, server)  # the old site, complete (this also repairs the last kill)
        old = server.snapshot(BUCKET, PREFIX)
        lines, uploaders = publish_killed(new_site, server, moment)
        results[name] = (old, server.snapshot(BUCKET, PREFIX), lines, uploaders)
    killed = server.snapshot(BUCKET, PREFIX)
    repair = publish(new_site, server)
    yield {"results": results, "new": new_files, "killed": killed, "repair": repair,
           "final": server.snapshot(BUCKET, PREFIX), "server": server,
           "sites": {"old": old_site, "new": new_site}}
    server.stop()


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_every_file_on_the_remote_is_the_old_or_the_new_version(scenario, moment):
    old, now, lines, _ = scenario["results"][moment]
    new = scenario["new"]
    mixed = [p for p, s in now.items() if s.data != old.get(p, s3_server.Stored(b"", 0, 0)).data
             and s.data != new.get(p)]
    assert mixed == []
    assert uploaded(lines), "killed before anything was uploaded"
    if moment == "during deletions":
        assert all(now[p].data == data for p, data in new.items())  # every upload done
        assert "publish: deleting " in lines[-1]
    else:  # really midway: some new files are up, some are not
        assert any(now.get(p) is None or now[p].data != data for p, data in new.items())
        assert any(old.get(p) is None or old[p].data != s.data for p, s in now.items())


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_pages_a_reader_can_reach_have_all_their_links_and_assets(scenario, moment, tmp_path):
    _, now, _, _ = scenario["results"][moment]
    folder = tmp_path / "remote"
    for path, stored in now.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(stored.data)
    site_url = load_yaml(Path(__file__).resolve().parents[2] / "mkdocs.yml")["site_url"]
    assert reader_problems(folder, site_url) == []


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_publish_leaves_no_upload_running(scenario, moment):
    _, _, _, uploaders = scenario["results"][moment]
    assert uploaders, "no rclone was seen running"
    assert [pid for pid in uploaders if alive(pid)] == []


def test_the_next_publish_repairs_the_remote_uploading_only_what_is_missing(scenario):
    killed, final, new = scenario["killed"], scenario["final"], scenario["new"]
    assert {p: s.data for p, s in final.items()} == new
    missing = sorted(p for p, data in new.items() if p not in killed or killed[p].data != data)
    repair = scenario["repair"].stdout.splitlines()
    assert sorted(uploaded(repair)) == missing
    assert f"{NEW}/index.html" in new and f"en/{NEW}/index.html" in new
    assert not any(p.startswith(REMOVED) for p in final)


def test_sigterm_during_the_upload_ends_rclone_and_leaves_a_usable_remote(scenario, tmp_path):
    server, root = scenario["server"], scenario["sites"]
    publish(root["old"], server)
    # rclone held to a few requests a second: the publish is still uploading when the
    # signal comes (unthrottled, a fast machine could finish it first).
    proc = subprocess.Popen(command(root["new"]), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**run_env(server), "RCLONE_TPSLIMIT": "4"})
    lines, uploaders = [], []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        uploaders = [pid for pid in children_of(proc.pid) if alive(pid)] or uploaders
        if len(uploaded(lines)) >= 2:
            proc.send_signal(signal.SIGTERM)  # the publish only, as `kill PID` does
            break
    lines += proc.stdout.read().splitlines()
    proc.wait()
    assert proc.returncode == 143, "\n".join(lines[-20:])
    assert any(line.startswith("publish: stopped (SIGTERM); the remote serves a complete site")
               for line in lines)
    assert uploaders and not any(alive(pid) for pid in uploaders)  # ended before the publish
    assert not [p for p in root["new"].iterdir() if p.name.startswith(".site.new-")]
    now = server.snapshot(BUCKET, PREFIX)
    folder = tmp_path / "remote"
    for path, stored in now.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(stored.data)
    site_url = load_yaml(Path(__file__).resolve().parents[2] / "mkdocs.yml")["site_url"]
    assert reader_problems(folder, site_url) == []
