"""What a first visit costs on a slow phone line: bytes transferred and time to first text,
per page type, in Debian's Chromium throttled to 400 kbps and 400 ms round trips.

Serves a built site on 127.0.0.1 compressed as GitHub Pages serves it (gzip for text), opens
each page with an empty cache, and counts every byte received until the network is idle,
fonts and scripts included. Run (builds the bundled data unless --site names a built site):

    python -m benchmarks.page_weight [--site public]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import tempfile
import threading
from datetime import date
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
KBPS = 400
LATENCY_MS = 400
PAGES = {"home": "", "state": "states/in-up/", "district": "districts/in-up-gorakhpur/",
         "scorecard": "departments/up-police/", "accounts": "accounts/", "search": "search/?q=gorakhpur",
         "verify": "verify/", "downloads": "downloads/", "corrections": "corrections/", "not found": "no/such/page/"}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, text compressed when the browser asks for it; the site's 404 page for
    a missing address."""

    def do_GET(self) -> None:  # noqa: N802
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


def measure(browser, url: str, width: int = 390) -> tuple[int, float | None]:
    """Bytes received and milliseconds to the first text drawn, cold cache, throttled."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    rate = KBPS * 1000 / 8
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": LATENCY_MS,
                                                  "downloadThroughput": rate, "uploadThroughput": rate})
    received = []
    cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    first = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
    context.close()
    return sum(received), first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the bundled data)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generator import paths
            from generator.pipeline import Options, build

            site = Path(tmp) / "public"
            build(paths.PACKAGE.parent, paths.PACKAGE.parent / paths.DATA, site, date(2026, 11, 24),
                  Options(first_night=True))
        handler = functools.partial(_Gzip, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"{KBPS} kbps, {LATENCY_MS} ms round trips, cold cache, gzip; 390 px wide")
        print(f"{'page':<12} {'language':<9} {'KB received':>12} {'first text (s)':>15}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, path in PAGES.items():
                for lang in ("", "en/"):
                    size, first = measure(browser, root + lang + path)
                    shown = f"{first / 1000:.1f}" if first is not None else "-"
                    print(f"{name:<12} {'hi' if not lang else 'en':<9} {size / 1000:>12.1f} {shown:>15}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
