"""What history costs in git: a year of nightly snapshots committed night by night.

Synthesises a data folder, then replays its nights into fresh git repositories, one commit
per night as the nightly workflow makes them, and measures the packed repository after
`git gc`: once with the snapshot files as plain CSV (what the collector writes; git stores
each night as a delta against the one before) and once gzip-compressed (what pandas could
read directly, but every night a new opaque blob). Run:

    python -m benchmarks.footprint --accounts 5000 --days 365
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

END = date(2026, 11, 24)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def replay(data: Path, repo: Path, compress: bool) -> tuple[int, int, float]:
    """Commit the registry, then each night's files in date order; return the packed size,
    the working-tree size and the seconds taken."""
    start = time.perf_counter()
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "bench@example.org")
    git(repo, "config", "user.name", "bench")
    target = repo / "data"
    for folder in ("registry", "complaints"):
        if (data / folder).exists():
            shutil.copytree(data / folder, target / folder)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "registry")
    nights = sorted({p.name.split(".")[0] for p in (data / "snapshots" / "x").iterdir()})
    for night in nights:
        for folder in ("snapshots", "replies"):
            for source in (data / folder / "x").glob(f"{night}.*"):
                out = target / folder / "x" / source.name
                out.parent.mkdir(parents=True, exist_ok=True)
                if compress and source.suffix == ".csv":
                    out = out.with_name(out.name + ".gz")
                    out.write_bytes(gzip.compress(source.read_bytes(), mtime=0))
                else:
                    shutil.copy(source, out)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Nightly snapshot {night}")
    git(repo, "gc", "-q", "--aggressive", "--prune=now")
    packed = sum(p.stat().st_size for p in (repo / ".git" / "objects" / "pack").glob("*.pack"))
    tree = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return packed, tree, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="jawabdehi-footprint-"))
    data = root / "data"
    subprocess.run([sys.executable, "-m", "generator.cli", "synth", "--accounts", str(args.accounts), "--days",
                    str(args.days), "--out", str(data), "--seed", str(args.seed), "--end", END.isoformat()],
                   check=True, capture_output=True)
    rows = []
    for compress in (False, True):
        packed, tree, seconds = replay(data, root / ("gz" if compress else "csv"), compress)
        rows.append((("gzip CSV per night" if compress else "plain CSV per night"), packed, tree, seconds))
    year = 365 / args.days
    print(f"\n{args.accounts:,} accounts x {args.days} nights, one commit a night\n")
    print("| snapshot files | git pack after gc | per year | working tree | per year |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, packed, tree, _ in rows:
        print(f"| {name} | {packed / 1e6:,.1f} MB | {packed * year / 1e6:,.1f} MB | {tree / 1e6:,.1f} MB | "
              f"{tree * year / 1e6:,.1f} MB |")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
