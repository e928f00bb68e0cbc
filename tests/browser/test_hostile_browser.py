"""The hostile corpus in a real browser (issue 15): Chromium loads every article and static
page of the site built from everything ``toasoan check`` accepts (tests/hostile/), under
the site's own Content-Security-Policy (its <meta>, as on GitHub Pages where no header can
be set), and nothing may happen: no navigation, no dialog or print, no ``window.__pwned``,
no request outside 127.0.0.1, not even an attempt the policy had to block.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hostile.sites import built_accepted_site
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs before the page's own scripts in every frame: what a payload would call is recorded
# instead of done, and so is every attempt the Content-Security-Policy blocks.
WATCH = """
window.__events = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = function () { window.__events.push(name); };
}
document.addEventListener('securitypolicyviolation', e =>
  window.__events.push('blocked ' + e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    corpus, result = built_accepted_site(tmp_path_factory)
    assert result.ok, result.output[-2000:]
    return corpus, result


def _pages(corpus, site_dir) -> list[str]:
    """Site-relative URLs of every published article and static page of the corpus."""
    urls = set()
    for placed in corpus.placed:
        lang = placed.rel.rsplit(".", 2)[-2]
        prefix = "" if lang == "vi" else "en/"
        if placed.rel.startswith("news/"):
            urls.add(prefix + placed.rel.rsplit("/", 1)[0] + "/")
        else:
            urls.add(prefix + placed.rel.split(".", 1)[0] + "/")
    return sorted(url for url in urls if (site_dir / url / "index.html").is_file())


def _place(url: str) -> tuple[str, str | None, str]:
    """A page's address without its query (search rewrites its own query in place)."""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path


class Watcher:
    """One Chromium context that records everything a page does beyond showing itself."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(locale="vi-VN")
        self.outside: list[str] = []
        self.popups: list[str] = []
        self.dialogs: list[str] = []
        self.navigations: list[tuple[str, str]] = []  # (page loaded, where the main frame went)
        self.current = ""
        self.context.route("**/*", self._route)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.context.on("page", lambda new: self.popups.append(new.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("framenavigated", lambda frame: self.navigations.append((self.current, frame.url))
                     if frame == self.page.main_frame else None)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname != "127.0.0.1":
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def visit(self, urls: list[str]) -> list[tuple]:
        """Load each URL; what went wrong on each (events, a payload's flag, navigation)."""
        problems = []
        for url in urls:
            self.current = url
            try:
                self.page.goto(url, wait_until="load")
            except PlaywrightError as exc:  # the previous page was still going elsewhere
                problems.append((url, f"interrupted: {exc.message.splitlines()[0]}"))
                continue
            try:
                events, pwned = self.page.evaluate(
                    "[window.__events || [], typeof window.__pwned !== 'undefined']")
            except PlaywrightError as exc:  # the page went elsewhere while being read
                events, pwned = [f"left the page: {exc.message.splitlines()[0]}"], False
            if self.page.url != url or events or pwned:
                problems.append((url, self.page.url, events[:5], pwned))
        self.page.wait_for_timeout(300)  # a redirect of 0 s from the last page would show
        problems += [("navigated", loaded, went) for loaded, went in self.navigations
                     if _place(went) != _place(loaded)]
        problems += [("outside", url) for url in self.outside]
        problems += [("popup", url) for url in self.popups] + [("dialog", m) for m in self.dialogs]
        return problems

    def close(self) -> None:
        self.context.close()


def test_the_watcher_sees_a_payload_that_runs_or_redirects(accepted, browser, site_server, tmp_path):
    """The harness is not blind: pages written past the build (in a folder of their own),
    one with a live handler (the policy blocks it: that is reported) and one with a
    redirect (not covered by the policy)."""
    _, result = accepted
    home = (result.site_dir / "index.html").read_text("utf-8")
    for name, payload in {"handler": '<img src="x" onerror="alert(1)">',
                          "refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
                          }.items():
        (tmp_path / f"__{name}__").mkdir()
        (tmp_path / f"__{name}__/index.html").write_text(home.replace("</body>", payload + "</body>"),
                                                         "utf-8")
    base = site_server(tmp_path)
    found = {}
    for name in ("handler", "refresh"):
        watcher = Watcher(browser)
        try:
            found[name] = repr(watcher.visit([f"{base}__{name}__/"]))
        finally:
            watcher.close()
    assert "blocked script-src-attr inline" in found["handler"], found
    assert "('outside', 'https://evil.example/')" in found["refresh"], found


def test_no_page_of_the_accepted_corpus_does_anything_in_chromium(accepted, browser, site_server):
    corpus, result = accepted
    base = site_server(result.site_dir)
    pages = _pages(corpus, result.site_dir)
    assert len(pages) > 60
    watcher = Watcher(browser)
    try:
        problems = watcher.visit([base + rel for rel in pages])
    finally:
        watcher.close()
    assert problems == []


@pytest.mark.parametrize("path", ["tim-kiem/", "en/search/"])
def test_searching_the_payloads_shows_them_as_text_and_runs_nothing(accepted, browser, site_server, path):
    """Search results print titles and excerpts of hostile articles (Pagefind, in the page's
    own script): text, never markup."""
    from urllib.parse import quote

    _, result = accepted
    base = site_server(result.site_dir)
    watcher = Watcher(browser)
    try:
        problems, shown = [], 0
        for query in ("onerror alert", "evil example refresh", "script", "Tin"):
            url = f"{base}{path}?q={quote(query)}"
            watcher.current = url
            watcher.page.goto(url, wait_until="load")
            watcher.page.wait_for_selector("[data-search-state=done]")
            shown += watcher.page.locator(".toasoan-search__result").count()
            events = watcher.page.evaluate("window.__events || []")
            injected = watcher.page.evaluate(
                "document.querySelectorAll('.toasoan-search__result img, .toasoan-search__result "
                "script, .toasoan-search__result meta, .toasoan-search__result iframe').length")
            if events or injected:
                problems.append((query, events, injected))
        problems += watcher.visit([])
    finally:
        watcher.close()
    assert shown > 10
    assert problems == []
