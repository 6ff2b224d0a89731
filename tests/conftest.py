from __future__ import annotations

import functools
import http.server
import os
import shutil
from pathlib import Path

import pytest

from .helpers import DATA, FIRST_NIGHT, add_night, build, copy_bundled_seed, serve_in_background, unwatch, watch

# Every page a build would keep from the last one is rendered too and compared with it
# (publish/engine.py): each night a test builds checks what a scorecard's key covers.
os.environ.setdefault("JAWABDEHI_CHECK_KEPT", "1")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundled") / "public"
    build(DATA, out)
    return out


@pytest.fixture(scope="session")
def first_night_built(tmp_path_factory) -> tuple[Path, Path]:
    """The seed articles' part of the bundled data with one night of UP Police's followers on
    top, and its site built on that night (FIRST_NIGHT): where the tests of incremental builds
    start. Built once; each test changes its own copy (`first_night`)."""
    root = tmp_path_factory.mktemp("first-night")
    data = copy_bundled_seed(root / "data")
    add_night(data, FIRST_NIGHT, 1000)
    build(data, root / "site", FIRST_NIGHT)
    return data, root / "site"


@pytest.fixture
def first_night(first_night_built, tmp_path) -> tuple[Path, Path]:
    """A copy of first_night_built's data folder and site in the test's own folder: (data, site)."""
    data, site = first_night_built
    return Path(shutil.copytree(data, tmp_path / "data")), Path(shutil.copytree(site, tmp_path / "site"))


class StaticServer:
    """The built site on 127.0.0.1, as a reader's browser would fetch it."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        serve_in_background(self.httpd)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def serve():
    servers = []

    def start(root: Path) -> StaticServer:
        server = StaticServer(root)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by playwright. CI installs it; elsewhere a missing one skips."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser(chromium):
    """The session's Chromium for one test. The contexts the test opened are closed after it,
    so that no page of an earlier test (its renderer, its scripts) runs on beside later ones."""
    watched = _Watched(chromium)
    yield watched
    watched.close_contexts()


class _Watched:
    """The browser, whose every context counts its requests in flight (helpers.settle)."""

    def __init__(self, browser):
        self._browser = browser
        self._contexts = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self._contexts.append(context)
        return watch(context)

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        self._contexts.append(page.context)
        watch(page.context)
        return page

    def close_contexts(self):
        for context in self._contexts:
            context.close()
            unwatch(context)

    def __getattr__(self, name):
        return getattr(self._browser, name)
