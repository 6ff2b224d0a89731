"""How long the list of all accounts is on a phone: screens (800 px tall at 390 px wide) of
all India's first page and of the largest state's list, and the median height of a row, in
Debian's Chromium, in Hindi, with and without JavaScript.

    python -m benchmarks.accounts_phone [--site public]

Builds a 1,000-department synthetic site unless --site names a built one.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.server
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WIDTH, SCREEN = 390, 800


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1, as the preview serves it; yields its address."""
    from generator.publish.preview import _Site

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Site", (_Site,), {"root": site}))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def measure(browser, url: str, javascript: bool) -> tuple[float, float, int]:
    """Screens the page is long, the median row's height in px, and the rows shown."""
    context = browser.new_context(viewport={"width": WIDTH, "height": SCREEN}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    rows = sorted(page.locator("table.jd-league-table tbody tr").evaluate_all(
        "rs => rs.map(r => r.getBoundingClientRect().height)"))
    context.close()
    return height / SCREEN, rows[len(rows) // 2] if rows else 0.0, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build 1,000 synthetic departments)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generator import paths
            from generator.pipeline import Options, build
            from generator.synth import synthesize

            end = date(2026, 11, 24)
            synthesize(Path(tmp) / "data", accounts=1000, days=30, seed=1, end=end)
            site = Path(tmp) / "public"
            build(paths.PACKAGE.parent, Path(tmp) / "data", site, end, Options(first_night=True))
        with (site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
            largest = Counter(r["state"] for r in csv.DictReader(f)).most_common(1)[0][0].lower()
        pages = {"all India, page 1": "accounts/", f"{largest}'s list": f"accounts/{largest}/"}
        with served(site) as root:
            print(f"{WIDTH} x {SCREEN} px, Hindi")
            print(f"{'list':<20} {'javascript':<11} {'rows':>5} {'screens':>8} {'median row (px)':>16}")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for name, path in pages.items():
                    if not (site / path).exists():
                        print(f"{name:<20} {'-':<11} {'-':>5} {'-':>8} {'no such page':>16}")
                        continue
                    for javascript in (False, True):
                        screens, row, count = measure(browser, root + path, javascript)
                        print(f"{name:<20} {'on' if javascript else 'off':<11} {count:>5} {screens:>8.1f} "
                              f"{row:>16.0f}")
                browser.close()


if __name__ == "__main__":
    main()
