"""Child processes of a publish (``mkdocs build``, ``rclone``) that never outlive it.

A publish that is stopped (Ctrl-C, ``kill``, a cancelled CI job) must not leave a
build writing into a folder that is being deleted, nor an upload running on its
own. Each child runs in its own process group, so that the whole group (MkDocs
and the Pagefind indexer it starts) can be ended at once; SIGTERM and SIGINT to
the publish end the group and then the publish. On Linux the child is also told
to receive SIGTERM if the publish itself dies without a chance to clean up
(SIGKILL).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

# How long a child gets to stop after SIGTERM before it is killed.
GRACE_SECONDS = 10.0


class Stopped(BaseException):  # like KeyboardInterrupt: not an error to catch broadly
    """The publish received SIGTERM or SIGINT; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`Stopped` while the block runs (main thread only)."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    try:
        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to SIGTERM the child when the publish dies."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    pr_set_pdeathsig = 1

    def preexec() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # the publish died before prctl took effect
            os._exit(1)

    return preexec


def start(command: Sequence[str], *, env: dict[str, str] | None = None,
          pass_fds: Sequence[int] = (), capture: bool = False) -> subprocess.Popen[str]:
    """Start ``command`` in a process group of its own, tied to this process's life."""
    # preexec_fn is safe here: a publish runs no threads while it starts a child.
    return subprocess.Popen(
        list(command), env=env, start_new_session=True, preexec_fn=_die_with_parent(),
        pass_fds=tuple(pass_fds), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE if capture else None,
        text=capture, encoding="utf-8" if capture else None,
        errors="replace" if capture else None)


def end(proc: subprocess.Popen[str]) -> None:
    """Stop the child's whole process group: SIGTERM, then SIGKILL after a grace period."""
    if proc.poll() is not None:
        _signal_group(proc.pid, signal.SIGKILL)  # grandchildren it may have left
        return
    _signal_group(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    _signal_group(proc.pid, signal.SIGKILL)
    proc.wait()


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def run(command: Sequence[str], *, env: dict[str, str] | None = None,
        pass_fds: Sequence[int] = ()) -> int:
    """Run ``command`` (output to this process's terminal); end it if we are stopped."""
    proc = start(command, env=env, pass_fds=pass_fds)
    try:
        return proc.wait()
    except BaseException:
        end(proc)
        raise
