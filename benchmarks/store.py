"""Loading a data folder from the files and from the store of parsed nights.

Synthesises a data folder per size (`jawabdehi synth`), then loads it three ways, each in a
fresh process: from the files alone (no store), with an empty store (cold: every nightly
file parsed and stored), and with the store that run left (warm: only the hand-edited
files parsed). Prints wall time, the process's peak resident memory, what it still holds
once the data is loaded (the frames the build computes from), the memory of the snapshots
frame as pandas counts it (each cell's string counted, even when cells share one) and the
size of the store. Run:

    python -m benchmarks.store --accounts 1000 5000 --days 365
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
END = "2026-11-24"

# Runs in the child: one load, its time, the process's peak memory and the frame's size.
LOAD = """
import gc, json, resource, sys, time
from pathlib import Path
from generator.store.load import load_dataset
data, store = Path(sys.argv[1]), (Path(sys.argv[2]) if sys.argv[2] else None)
start = time.perf_counter()
ds = load_dataset(data, store=store)
seconds = time.perf_counter() - start
gc.collect()
held = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:")) / 1024
print(json.dumps({"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "held_mib": held,
                  "rows": len(ds.snapshots),
                  "frame_mib": ds.snapshots.memory_usage(deep=True).sum() / 2**20}))
"""


def load(data: Path, store: Path | None) -> dict:
    out = subprocess.run([sys.executable, "-c", LOAD, str(data), str(store or "")], check=True, cwd=REPO,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, nargs="+", default=[1000])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", type=Path, help="Keep (and reuse) the synthesised folders here.")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="jawabdehi-store-"))
    rows = []
    for accounts in args.accounts:
        data = root / f"data-{accounts}x{args.days}"
        if not data.exists():
            subprocess.run([sys.executable, "-m", "generator.cli", "synth", "--accounts", str(accounts), "--days",
                            str(args.days), "--out", str(data), "--end", END], check=True, cwd=REPO,
                           capture_output=True)
        store = root / f"store-{accounts}x{args.days}"
        shutil.rmtree(store, ignore_errors=True)
        size = f"{accounts:,} x {args.days}"
        rows.append((size, "files, no store", load(data, None), folder_mib(data)))
        rows.append((size, "cold store (parse, write)", load(data, store), folder_mib(store)))
        rows.append((size, "warm store", load(data, store), folder_mib(store)))
    print("\n| accounts x days | load | wall | peak RSS (MiB) | held after loading (MiB) | snapshot rows "
          "| snapshots frame (MiB, deep) | data / store on disk (MiB) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, how, facts, disk in rows:
        print(f"| {size} | {how} | {facts['seconds']:.1f} s | {facts['peak_mib']:,.0f} | {facts['held_mib']:,.0f} | "
              f"{facts['rows']:,} | {facts['frame_mib']:,.0f} | {disk:,.0f} |")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
