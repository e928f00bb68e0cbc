"""ARCHITECTURE.md's event table is the adapter's: every event, in order, with its priority."""

from __future__ import annotations

import re

from conftest import REPO


def _adapter_events() -> dict[str, int]:
    from toasoan_mkdocs import events

    return {name: getattr(getattr(events, name), "mkdocs_priority", 0) for name in events.__all__}


def _documented_events() -> dict[str, int]:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    table = text.split("### The event table", 1)[1].split("\n\n`tests/", 1)[0]
    rows = re.findall(r"^\| \d+ \| `(on_\w+)` \| (-?\d+) \|", table, re.MULTILINE)
    return {name: int(priority) for name, priority in rows}


def test_every_adapter_event_is_in_the_architecture_table_with_its_priority():
    assert _documented_events() == _adapter_events()


def test_the_adapter_table_in_events_py_lists_the_same_events():
    from toasoan_mkdocs import events

    rows = re.findall(r"^ \d+\s+(on_\w+)\s+(-?\d+)\s", events.__doc__, re.MULTILINE)
    assert {name: int(priority) for name, priority in rows} == _adapter_events()


def test_the_hook_file_exposes_exactly_the_adapter_events():
    import importlib.util

    spec = importlib.util.spec_from_file_location("toasoan_hooks", REPO / "hooks/toasoan_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exposed = {name for name in vars(module) if name.startswith("on_")}
    assert exposed == set(_adapter_events())


def test_every_event_function_of_the_adapter_is_exported():
    """An on_* function missing from __all__ would silently never run."""
    from toasoan_mkdocs import events

    defined = {name for name, value in vars(events).items()
               if name.startswith("on_") and callable(value)}
    assert defined == set(events.__all__)
