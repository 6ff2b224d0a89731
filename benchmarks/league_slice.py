"""The all-India slice of the league table: how big it is at scale.

The league table's script fetches `data/league/<lang>/all.json` on the first sort or filter
without a state. It holds every account's id, sort keys and the texts the table shows, so
it grows with the accounts, not with the nights. This synthesises a registry at each size
(two nights: the slice holds one row per account, whatever the history), makes the slice
in both languages as the build does, and prints its size as written and gzip-compressed
(what a browser receives from GitHub Pages). It fails when a slice exceeds the cap in
render/league.py. Run:

    python -m benchmarks.league_slice --accounts 5000 10000
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator import paths
from generator.compute.model import build_model
from generator.config import load_config
from generator.render.context import Context
from generator.render.league import NATIONAL, NATIONAL_CAP_GZIP_BYTES, league_slices
from generator.store.load import load_dataset
from generator.synth import synthesize

END = date(2026, 11, 24)
REPO = Path(__file__).resolve().parent.parent


def measure(accounts: int, root: Path) -> list[tuple[str, int, int, int, float]]:
    """(language, rows, bytes, gzip bytes, seconds to make) of the all-India slice."""
    data = root / f"data-{accounts}"
    synthesize(data, accounts=accounts, days=2, seed=7, end=END)
    model = build_model(load_dataset(data), load_config(data), END)
    out = []
    for lang in ("hi", "en"):
        start = time.perf_counter()
        ctx = Context(model, lang, REPO / paths.SITE_DOCS)
        text = dict(league_slices(ctx))[f"league/{lang}/{NATIONAL}.json"]
        seconds = time.perf_counter() - start
        raw = text.encode("utf-8")
        out.append((lang, len(model.league), len(raw), len(gzip.compress(raw, 6)), seconds))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, nargs="+", default=[5000, 10000])
    args = parser.parse_args()
    print("| accounts | language | rows | bytes | gzip bytes | seconds (all slices) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        for accounts in args.accounts:
            for lang, rows, raw, packed, seconds in measure(accounts, Path(tmp)):
                print(f"| {accounts:,} | {lang} | {rows:,} | {raw:,} | {packed:,} | {seconds:.1f} |")
                over |= packed > NATIONAL_CAP_GZIP_BYTES
    print(f"\ncap: {NATIONAL_CAP_GZIP_BYTES:,} gzip bytes per language")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
