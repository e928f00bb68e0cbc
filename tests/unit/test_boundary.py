"""The news logic (hooks/toasoan/) imports nothing from MkDocs, Material or static-i18n.

Issue 12: the stack under the site may have to change (MkDocs 2.0 drops plugins and
theme overrides, Material reaches end of life); the content model, validation, URLs,
listings, feeds and sitemaps must survive it. Only the thin hooks in hooks/*.py may
touch MkDocs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

NEWS_LOGIC = Path(__file__).resolve().parents[2] / "hooks" / "toasoan"
# properdocs is the maintained MkDocs fork: the same coupling under another name.
FORBIDDEN = {"mkdocs", "material", "mkdocs_static_i18n", "properdocs"}
MODULES = sorted(NEWS_LOGIC.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module the file imports, wherever the import is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and _name(node.func) in {"import_module", "__import__"}):
            found.add(node.args[0].value.split(".")[0])
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def test_the_news_logic_package_is_where_the_layout_says():
    names = {path.relative_to(NEWS_LOGIC).as_posix() for path in MODULES}
    assert {"__init__.py", "content.py", "config.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(NEWS_LOGIC).as_posix())
def test_news_logic_module_imports_no_mkdocs_material_or_static_i18n(path: Path):
    assert imported_modules(path) & FORBIDDEN == set()


def test_the_import_check_sees_imports_in_every_form(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\n"
        "import mkdocs.plugins\n"
        "from material.plugins import blog\n"
        "from . import sibling\n"
        "def later():\n"
        "    from mkdocs_static_i18n import plugin\n"
        "    importlib.import_module('properdocs.config')\n",
        encoding="utf-8")
    assert imported_modules(sample) == {"os", "mkdocs", "material", "mkdocs_static_i18n",
                                        "properdocs"}


def test_importing_all_of_the_news_logic_loads_no_mkdocs_module():
    """Also at run time: no indirect import (through a third package) pulls MkDocs in."""
    code = (
        "import importlib, pkgutil, sys, toasoan\n"
        "for info in pkgutil.walk_packages(toasoan.__path__, 'toasoan.'):\n"
        "    importlib.import_module(info.name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r})\n"
        "print(len([m for m in sys.modules if m.startswith('toasoan')]), loaded)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=NEWS_LOGIC.parent)
    count, loaded = proc.stdout.split(" ", 1)
    assert int(count) >= len(MODULES)
    assert loaded.strip() == "[]"
