"""The documentation says what the code does: its sessions are replayed, its tables are
the schema's, its error examples are the build's own lines, and README stays short."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, REPO, new_project
from toasoan.schema import field_table

HANDBOOKS = {"en": REPO / "HANDBOOK.en.md", "vi": REPO / "HANDBOOK.vi.md"}
BIN = Path(sys.executable).parent


def _console_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """Each ```console block as [(command, expected output lines)]."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        steps: list[tuple[str, list[str]]] = []
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


def _sample_copy(root: Path) -> Path:
    """A copy of the sample paper whose files all carry one time (no stale translation)."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        (root / folder).symlink_to(REPO / folder, target_is_directory=True)
    stamp = 1795130400  # 2026-11-20 09:00 in Hà Nội
    for path in (root / "docs").rglob("*"):
        os.utime(path, (stamp, stamp))
    return root


@pytest.mark.parametrize("lang", sorted(HANDBOOKS))
def test_every_command_session_of_the_handbook_is_what_the_command_prints(tmp_path, lang):
    blocks = _console_blocks(HANDBOOKS[lang].read_text("utf-8"))
    assert blocks, "the handbook shows a real session"
    for number, steps in enumerate(blocks):
        site = _sample_copy(tmp_path / f"site{number}")
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "COLUMNS": "200"}
        env.pop("TOASOAN_AUTHOR", None)
        env.pop("TOASOAN_PREVIEW", None)
        for command, expected in steps:
            done = subprocess.run(["bash", "-c", command], cwd=site, env=env, text=True,
                                  capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
            shown = (done.stdout + done.stderr).rstrip("\n").split("\n")
            wanted = "\n".join(expected).rstrip("\n").split("\n")
            assert shown == wanted, f"{HANDBOOKS[lang].name}: $ {command}"


@pytest.mark.parametrize("lang", sorted(HANDBOOKS))
def test_the_field_table_is_the_schema(lang):
    text = HANDBOOKS[lang].read_text("utf-8")
    table = text.split(f"<!-- fields:{lang}", 1)[1].split("-->", 1)[1].split("<!-- /fields -->")[0]
    assert table.strip() == field_table(lang).strip()


def test_the_error_example_is_what_the_build_prints(tmp_path):
    project = new_project(tmp_path / "src")
    project.photo("news/2026/cau-moi/cau-moi.jpg")
    project.write("news/2026/cau-moi/index.vi.md",
                  "---\ntitle: No\ndate: 2026-13-45 10:00\nauthor: Trần Thị Đào\nlanguage: vi\n"
                  "---\n\n![Cầu mới](cau moi.jpg)\n")
    result = project.build()
    assert not result.ok
    for lang, path in HANDBOOKS.items():
        text = path.read_text("utf-8")
        section = text.split("```\nERROR", 1)[1].split("```", 1)[0]
        for line in ("ERROR" + section).strip().split("\n"):
            assert line in result.output, (lang, line)


def test_the_readme_stays_short_and_its_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme.encode("utf-8")) <= 8 * 1024
    ci = (REPO / ".ci/run").read_text("utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in ci


def test_documents_link_to_files_that_exist():
    for name in ("README.md", "HANDBOOK.en.md", "HANDBOOK.vi.md", "ARCHITECTURE.md", "HOSTING.md"):
        text = re.sub(r"```.*?```", "", (REPO / name).read_text("utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
            assert (REPO / target).exists(), f"{name} links to {target}"
