"""``mkdocs serve`` learns of saves from the system's file events, not by polling docs/
(toasoan_mkdocs.serve.watch_with_file_events, at on_serve), and falls back to polling
when asked or when the system refuses."""

from __future__ import annotations

import errno
import logging
import time

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from conftest import new_project
from toasoan_mkdocs import serve

LOG = logging.getLogger("test-serve-watch")


def _server(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    server.watch(str(docs))
    server.watch(str(docs))  # MkDocs counts repeated watches of one path
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    server.watch(str(tmp_path / "mkdocs.yml"), recursive=False)
    return server, docs


def _rebuild_wanted(server, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.05)
    return False


def test_the_watches_move_to_the_native_observer_and_a_save_asks_for_a_rebuild(tmp_path, caplog):
    server, docs = _server(tmp_path)
    assert isinstance(server.observer, PollingObserver)  # what MkDocs starts with
    watched = dict(server._watched_paths)
    with caplog.at_level(logging.INFO):
        serve.watch_with_file_events(server, LOG)
    try:
        native = server.observer._observer
        assert type(native) is Observer and not isinstance(native, PollingObserver)
        assert native.is_alive()
        assert server._watched_paths == watched
        assert len(native.emitters) == len(watched)  # docs/ and mkdocs.yml
        assert str(docs) in {e.watch.path for e in native.emitters}
        assert "system's file events" in caplog.text
        server.observer.start()  # what the server does next: harmless
        (docs / "index.vi.md").write_text("---\ntitle: x\n---\n", "utf-8")
        assert _rebuild_wanted(server)
    finally:
        server.observer.stop()
        server.observer.join()


def test_toasoan_watch_poll_keeps_mkdocs_polling(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("TOASOAN_WATCH", "poll")
    server, _ = _server(tmp_path)
    polling = server.observer
    with caplog.at_level(logging.INFO):
        serve.watch_with_file_events(server, LOG)
    assert server.observer is polling
    assert "by polling (TOASOAN_WATCH=poll)" in caplog.text


def test_a_system_that_refuses_file_events_keeps_the_polling_with_every_watch(
        tmp_path, monkeypatch, caplog):
    server, docs = _server(tmp_path)
    polling = server.observer
    watched = dict(server._watched_paths)

    def refuse(self):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "start", refuse)
    serve.watch_with_file_events(server, LOG)
    assert server.observer is polling
    assert server._watched_paths == watched
    assert len(polling.emitters) == len(watched)  # every watch scheduled again
    assert "inotify watch limit reached" in caplog.text
    polling.start()
    try:
        time.sleep(0.7)  # the polling observer's first snapshot
        (docs / "index.vi.md").write_text("---\ntitle: x\n---\n", "utf-8")
        assert _rebuild_wanted(server)
    finally:
        polling.stop()
        polling.join()


@pytest.mark.slow
def test_mkdocs_serve_says_how_it_watches_and_a_save_is_served(tmp_path):
    project = new_project(tmp_path / "src")
    project.article("2026/cau-moi", "vi", title="Khánh thành cầu mới", body="Đoạn đầu.")
    with project.serve(env={"TOASOAN_CACHE_DIR": str(tmp_path / "cache")}) as server:
        assert "watching for saves with the system's file events" in server.output()
        article = project.docs / "news/2026/cau-moi/index.vi.md"
        article.write_text(article.read_text("utf-8").replace("Đoạn đầu.", "Đoạn đã sửa."),
                           "utf-8")
        deadline = time.monotonic() + 120
        while "Đoạn đã sửa." not in server.get("news/2026/cau-moi/")[1]:
            assert time.monotonic() < deadline, server.output()[-3000:]
            time.sleep(0.2)
