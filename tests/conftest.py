"""Shared fixtures: a whole tiny project written into tmp_path, built, and parsed.

Modelled on mkdocs-awesome-nav's tests: each test lays out the Markdown it needs,
builds it with the real mkdocs.yml, hooks and overrides, and asserts on the output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
# A fixed "now" for every build (SOURCE_DATE_EPOCH): 2026-11-27 12:00 in Hà Nội.
NOW_EPOCH = 1795755600


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path
    seconds: float = 0.0  # wall time of the build

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def exists(self, rel: str) -> bool:
        return (self.site_dir / rel).exists()

    def text(self, rel: str) -> str:
        return (self.site_dir / rel).read_text(encoding="utf-8")

    def html(self, rel: str):
        import lxml.html

        return lxml.html.fromstring(self.text(rel))

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site_dir).as_posix()
                      for p in self.site_dir.rglob("*.html"))


@dataclass
class Project:
    """A tiny toasoan site in a temporary folder."""

    root: Path
    config: dict = field(default_factory=dict)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    def article(self, bundle: str, lang: str = "vi", *, body: str = "", **meta) -> Path:
        """Write ``news/<bundle>/index.<lang>.md`` with sensible defaults for the contract.

        A translation written after its Vietnamese original and given no date takes the
        original's (a shared field: toasoan.schema), as an editor's translation would."""
        original = self.docs / f"news/{bundle}/index.vi.md"
        inherit = lang != "vi" and "date" not in meta and original.exists()
        fields = {"title": f"Bài {bundle}" if lang == "vi" else f"Story {bundle}",
                  "date": None if inherit else "2026-03-14 08:30", "author": "Trần Thị Đào",
                  "language": lang}
        fields.update(meta)
        front = "".join(f"{k}: {_yaml_value(v)}\n" for k, v in fields.items() if v is not None)
        text = f"---\n{front}---\n\n{textwrap.dedent(body).strip() or 'Nội dung bài viết.'}\n"
        return self.write(f"news/{bundle}/index.{lang}.md", text)

    def photo(self, rel: str) -> Path:
        return self.write(rel, _tiny_jpeg())

    def build(self, *args: str, strict: bool = True, env: dict | None = None,
              site_dir: Path | None = None, command: tuple[str, ...] = ("-m", "mkdocs")) -> BuildResult:
        self.write_config()
        out = site_dir or self.root / "site"
        cmd = [sys.executable, *command, "build", "-f", str(self.root / "mkdocs.yml"),
               "-d", str(out), *(["--strict"] if strict else []), *args]
        run_env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH),
                   "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        run_env.pop("TOASOAN_PREVIEW", None)
        run_env.update(env or {})
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, env=run_env,
                              timeout=600)
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, out,
                           time.monotonic() - started)


    def write_config(self) -> Path:
        path = self.root / "mkdocs.yml"
        path.write_text("INHERIT: base.yml\n"
                        + (yaml.safe_dump(self.config, allow_unicode=True) if self.config else ""),
                        encoding="utf-8")
        return path

    @contextlib.contextmanager
    def serve(self, *, env: dict | None = None, timeout: float = 120, port: int | None = None):
        """``mkdocs serve`` on a free 127.0.0.1 port (or ``port``); yields a :class:`Server`
        once the first build is served, stops it afterwards."""
        config = self.write_config()
        port = port or free_port()
        run_env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH),
                   "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        run_env.pop("TOASOAN_PREVIEW", None)
        run_env.update(env or {})
        log = self.root / f"serve-{port}.log"
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                 f"127.0.0.1:{port}", "--livereload"],
                cwd=self.root, stdout=out, stderr=subprocess.STDOUT, env=run_env)
        server = Server(f"http://127.0.0.1:{port}/", proc, log)
        try:
            server.wait_until_serving(timeout)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        """(status, text) of a GET on the server; 404 pages come back with their text."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve exited:\n{self.output()}")
            if "Serving on" in self.output():
                try:
                    self.get("", timeout=5)
                    return
                except OSError:
                    pass
            time.sleep(0.2)
        raise AssertionError(f"mkdocs serve did not start in {timeout} s:\n{self.output()}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _yaml_value(value) -> str:
    if isinstance(value, str) and value.startswith("RAW:"):
        return value[4:]
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip().removesuffix(
        "\n...").strip()


def _tiny_jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 40), (40, 120, 180)).save(buffer, "JPEG", quality=60)
    return buffer.getvalue()


def new_project(root: Path) -> Project:
    """An empty site in ``root`` using the repository's mkdocs.yml, hooks and overrides."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "base.yml")
    for folder in ("hooks", "overrides"):
        (root / folder).symlink_to(REPO / folder, target_is_directory=True)
    (root / "docs").mkdir()
    proj = Project(root)
    proj.write("about.vi.md", "---\ntitle: Giới thiệu\n---\n\nBáo thử nghiệm.\n")
    proj.write("about.en.md", "---\ntitle: About\n---\n\nA test paper.\n")
    return proj


def require_tool(available: bool, reason: str) -> None:
    """Skip a test whose tool is missing here, but fail it under CI, where .ci/run installs
    every tool: a check that silently skipped in CI would be a check nobody runs."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


def vnu_available() -> bool:
    from toasoan.htmlcheck import VNU_JAR

    return bool(shutil.which("java")) and (REPO / VNU_JAR).is_file()


@pytest.fixture
def vnu() -> None:
    """The Nu Html Checker (Java + node_modules/vnu-jar) is needed."""
    require_tool(vnu_available(), "HTML validation needs Java (default-jre-headless) and "
                                  "node_modules/vnu-jar (npm ci)")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty site using the repository's mkdocs.yml, hooks and overrides."""
    return new_project(tmp_path / "site-src")
