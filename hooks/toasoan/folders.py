"""Putting a finished output folder in place of the previous one, in one step.

Used by the build (its staging folder) and by ``toasoan publish`` (its checked build):
readers of the output folder see the old site or the new one, never a half-written mix.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import secrets
import shutil
import sys
import threading
from pathlib import Path


def swap_into_place(new: Path, target: Path, *, background: bool = False) -> None:
    """Put folder ``new`` at ``target``; the old ``target`` (if any) is then deleted.

    Readers of ``target`` see the old site or the new one, never a half-written mix. With
    ``background`` the old folder is deleted by a thread (a live preview reloads without
    waiting); a deletion cut short leaves a folder named after this process, which
    :func:`remove_abandoned` clears.
    """
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
        return
    if _exchange(new, target):
        _remove(new, background)  # now holds the old site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # put the previous site back
        raise
    _remove(old, background)


def _remove(path: Path, background: bool = False) -> None:
    """Delete the previous output (a folder, or a symlink to one: never its target)."""
    if path.is_symlink():
        path.unlink()
    elif background:
        threading.Thread(target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True},
                         name="toasoan-delete-old-output").start()
    else:
        shutil.rmtree(path, ignore_errors=True)


def discard(path: Path) -> None:
    """Delete folder ``path`` without waiting for it: renamed at once (nothing finds it by
    its name any more), then deleted by a thread; the process waits for that thread
    before it exits. A deletion cut short leaves ``.<name>.old-PID-…`` beside it, which
    :func:`remove_abandoned_beside` clears."""
    if path.is_symlink() or not path.is_dir():
        return
    old = path.with_name(f".{path.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(path, old)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    _remove(old, background=True)


def being_discarded(path: Path) -> bool:
    """A folder :func:`discard` renamed (its thread may still be deleting it)."""
    return path.name.startswith(".") and ".old-" in path.name


def remove_abandoned_beside(folder: Path) -> None:
    """Delete the folders in ``folder`` that a :func:`discard` of a process that no longer
    runs left behind."""
    for found in folder.glob(".*.old-*"):
        if found.is_dir() and not found.is_symlink() and abandoned(found, ".old-"):
            shutil.rmtree(found, ignore_errors=True)


def remove_abandoned(target: Path) -> None:
    """Delete the folders beside ``target`` left by builds or deletions whose process no
    longer runs (``.site.build-PID-*``, ``.site.old-PID-*``)."""
    for marker in (".build-", ".old-"):
        for folder in target.parent.glob(f".{target.name}{marker}*"):
            if folder.is_dir() and not folder.is_symlink() and abandoned(folder, marker):
                shutil.rmtree(folder, ignore_errors=True)


def abandoned(folder: Path, marker: str) -> bool:
    """A folder named after a process (``...<marker>PID-...``) that no longer runs."""
    try:
        pid = int(folder.name.rsplit(marker, 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


