"""The personal-data audit at scale, with complaint-level exports ingested first.

Synthesises a data folder (`jawabdehi synth`), writes complaint-level exports for some of
its departments (invented names, ids and texts in columns the ingest must drop), runs each
through `ingest-complaints`, builds the site (which audits every page and download as it
writes them), then times `jawabdehi audit` reading the built site back from disk, and the
audit of the hand-edited inputs that `validate` runs. Prints a table. Run:

    python -m benchmarks.audit --accounts 5000 --days 365 --exports 200
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

from generator.collect.ingest import ingest
from generator.publish.audit import audit_inputs, audit_site, program_values
from generator.store.dataset import registered_handles
from generator.store.load import load_dataset
from generator.synth import complaint_exports, synthesize

END = date(2026, 11, 24)
# A first build has no earlier night to compare its rows with, and must say so.
FIRST_NIGHT = ["--first-night"] if "--first-night" in subprocess.run(
    [sys.executable, "-m", "generator.cli", "build", "--help"], capture_output=True, text=True).stdout else []


def _timed(step, *args, **kwargs):
    start = time.perf_counter()
    result = step(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--exports", type=int, default=200, help="departments with a complaint-level export")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data, site = root / "data", root / "public"
        _, seconds = _timed(synthesize, data, args.accounts, args.days, 1, end=END)
        rows.append(("synthesise the data folder", seconds, f"{args.accounts:,} accounts x {args.days} days"))
        ids = list(pd.read_csv(data / "registry" / "departments.csv", usecols=["id"])["id"][:args.exports])
        files, seconds = _timed(complaint_exports, root / "exports", ids, END)
        complaints = sum(sum(1 for _ in f.open(encoding="utf-8")) - 1 for f in files)
        rows.append(("write complaint-level exports", seconds, f"{len(files):,} files, {complaints:,} complaints"))
        start = time.perf_counter()
        months = 0
        for department, path in zip(ids, files, strict=True):
            report = ingest(path, data, department, "tracker", exported_on=END)
            months += sum("published" in p and "before" not in p for p in report.periods)
        rows.append(("ingest-complaints, every export", time.perf_counter() - start, f"{months:,} months published"))
        start = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--data", str(data), "--out",
                                str(site), "--as-of", END.isoformat(), "--full", *FIRST_NIGHT],
                               capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        if built.returncode != 0:
            sys.exit(built.stdout + built.stderr)
        rows.append(("build (audits pages and downloads as it writes)", time.perf_counter() - start,
                     "pages and downloads"))
        dataset = load_dataset(data)
        findings, seconds = _timed(audit_inputs, data, dataset)
        rows.append(("audit the hand-edited input cells (validate, and build before computing)", seconds,
                     f"{len(findings)} findings"))
        exempt = program_values(data, dataset)
        findings, seconds = _timed(audit_site, site, registered_handles(dataset), exempt)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        rows.append(("jawabdehi audit: the built site from disk", seconds,
                     f"{size / 1e6:,.0f} MB, {len(findings)} findings"))
        for finding in findings[:5]:
            print(f"finding: {finding}", file=sys.stderr)
    print("| step | seconds | what |\n| --- | ---: | --- |")
    for name, seconds, what in rows:
        print(f"| {name} | {seconds:,.1f} | {what} |")


if __name__ == "__main__":
    main()
