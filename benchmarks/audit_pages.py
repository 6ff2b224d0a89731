"""The personal-data audit of pages, as a build reads them: CPU seconds of `scan_text` over a
sample of a built site's pages, each distinct line once (as a build's `seen` does), with the
registry's handles let through. Run it with two checkouts of the package to compare them:

    PYTHONPATH=OLD python -m benchmarks.audit_pages --site SITE
    PYTHONPATH=NEW python -m benchmarks.audit_pages --site SITE

The site is one `jawabdehi build` wrote (say of `jawabdehi synth --accounts 5000 --days 1095`);
its HTML pages stand in for the pages' bodies, which a build audits before the engine wraps
them in the theme. The best of three rounds is printed: the machine's other work only slows one.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from generator.publish import audit

HANDLE = re.compile(r"@([A-Za-z0-9_]{1,15})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=1500, help="pages sampled (the same ones every run)")
    args = parser.parse_args()
    pages = sorted(args.site.rglob("index.html"))
    pages = random.Random(4).sample(pages, min(args.pages, len(pages)))
    texts = [page.read_text(encoding="utf-8") for page in pages]
    allowed = {m.lower() for text in texts for m in HANDLE.findall(text)}  # as the registry lists them
    audit.trigger()  # built once per build, not per page
    rounds = []
    for _ in range(3):
        seen: set[str] = set()
        start = time.process_time()
        found = sum(len(list(audit.scan_text(text, allowed, seen))) for text in texts)
        rounds.append(time.process_time() - start)
    megabytes = sum(map(len, texts)) / 1e6
    print("| package | pages | text | findings | CPU (best of 3) | per page |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |\n"
          f"| {Path(audit.__file__).parents[2]} | {len(texts):,} | {megabytes:.1f} MB | {found:,} | "
          f"{min(rounds):.2f} s | {min(rounds) / len(texts) * 1000:.2f} ms |")


if __name__ == "__main__":
    main()
