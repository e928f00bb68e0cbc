"""``toasoan edit``: the editor's desk and the live site preview, on 127.0.0.1.

Starts two servers and prints both addresses:

- the desk (:class:`.server.DeskServer`): the web editor, in this process;
- the site preview: ``mkdocs serve`` in a child process, with drafts and
  unfinished translations shown (``TOASOAN_PREVIEW=1``), rebuilt on every save.

Ctrl-C (or SIGTERM) stops both. A port already in use is reported before
anything starts. If the preview stops (``mkdocs serve`` refuses content with
errors), the desk keeps running, so that the article can be fixed in it; the
preview starts again after the next save.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..site_config import Site, load_yaml
from .server import DeskServer, DeskSetupError, find_cms

DESK_PORT = 8010
PREVIEW_PORT = 8011
STOP_TIMEOUT = 15


class EditStartError(RuntimeError):
    """The desk cannot start; the message says why and what to do."""


@dataclass(frozen=True)
class Addresses:
    desk: str
    preview: str


def check_port(port: int, option: str) -> None:
    """EditStartError if ``port`` on 127.0.0.1 cannot be listened on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise EditStartError(
                    f"port {port} on 127.0.0.1 is already in use (another 'toasoan edit' or "
                    f"'mkdocs serve'?); stop it, or choose another port with {option}") from None
            raise EditStartError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None


def preview_address(site: Site, port: int) -> str:
    """Where ``mkdocs serve`` serves the site: its port, and the path of ``site_url``."""
    site_url = load_yaml(site.config_file).get("site_url") or ""
    path = urlsplit(str(site_url)).path if site_url else "/"
    return f"http://127.0.0.1:{port}{path if path.startswith('/') else '/'}"


def start_preview(site: Site, port: int) -> subprocess.Popen[str]:
    """``mkdocs serve`` for the site, drafts shown, on 127.0.0.1:``port``."""
    env = {**os.environ, "TOASOAN_PREVIEW": "1", "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(site.config_file),
               "-a", f"127.0.0.1:{port}"]
    return subprocess.Popen(command, cwd=site.root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            errors="replace", start_new_session=True)


def run(site: Site, *, port: int = DESK_PORT, preview_port: int = PREVIEW_PORT,
        say: Callable[[str], None] = print,
        ready: Callable[[Addresses], None] | None = None) -> int:
    """Serve the desk and the preview until Ctrl-C; the exit status."""
    if port == preview_port:
        raise EditStartError(f"--port and --preview-port are both {port}: give two ports")
    check_port(port, "--port")
    check_port(preview_port, "--preview-port")
    preview = preview_address(site, preview_port)
    try:
        cms = find_cms(site)
        desk = DeskServer(site, port, preview_url=preview, cms_dir=cms)
    except DeskSetupError as exc:
        raise EditStartError(str(exc)) from None
    except OSError as exc:
        raise EditStartError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    preview_process = [start_preview(site, preview_port)]
    stopping = threading.Event()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        desk.start()
        addresses = Addresses(desk.url, preview)
        say(f"Bàn biên tập · Editor's desk:      {addresses.desk}")
        say(f"Xem trước trang · Site preview:    {addresses.preview}  (drafts shown)")
        say("Ctrl-C để dừng · Ctrl-C to stop")
        if ready is not None:
            ready(addresses)
        while True:
            child = preview_process[0]
            threading.Thread(target=_forward, args=(child, say, stopping), daemon=True).start()
            code = child.wait()
            if stopping.is_set():
                return 0
            # The content the preview refuses is what the desk is for: keep the desk.
            say(f"toasoan: the site preview (mkdocs serve) stopped (status {code}): see its "
                "messages above. The desk keeps running: fix the article there and save; the "
                "preview starts again after the next save.")
            desk.desk.saved.clear()
            while not desk.desk.saved.wait(0.5):
                pass
            say("Xem trước trang · Site preview: starting again")
            preview_process[0] = start_preview(site, preview_port)
    except KeyboardInterrupt:
        stopping.set()
        say("Đang dừng · Stopping…")
        return 0
    finally:
        stopping.set()
        _stop(preview_process[0])
        desk.shutdown()
        desk.server_close()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _forward(child: subprocess.Popen[str], say: Callable[[str], None],
             stopping: threading.Event) -> None:
    """The preview's own messages (content errors, rebuilds), marked as such."""
    assert child.stdout is not None
    for line in child.stdout:
        if not stopping.is_set() and line.strip():
            say(f"[preview] {line.rstrip()}")


def _stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is not None:
        return
    try:
        os.killpg(child.pid, signal.SIGTERM)  # its own session: mkdocs and its watchers
    except ProcessLookupError:
        return
    try:
        child.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
