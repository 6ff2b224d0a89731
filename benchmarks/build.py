"""Build cost at scale: `jawabdehi build` of synthetic data against the mkdocs floor.

Synthesises a data folder (`jawabdehi synth`), then times:

- a cold full build: the store of parsed nights rebuilt from every file (`--rebuild-store`);
- warm full builds (`--full`) and the floor in turn, `--pairs` times; the ratio reported is
  the median of the pairwise ratios. The floor is bare mkdocs-material (the project's theme
  and plugins, no overrides or hooks) building as many plain ~1 KB pages per language, out
  of the nav, one build per language as the two languages are built;
- a night on top of the previous build in which a tenth of the accounts were looked up (the
  next night of the same synthesised accounts, every tenth of its rows), and one in which
  none were (nothing new, one day later); each twice from the same site, unsampled for its
  time (its share is of the median warm pair) and sampled for its memory.

Prints wall time, peak memory of the whole process tree (proportional set size, sampled
every 50 ms), the site's bytes by part and a projection to five years of nights. Run:

    python -m benchmarks.build --accounts 5000 --days 1095
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

from generator.publish.build import DISCARD_PREFIX

REPO = Path(__file__).resolve().parent.parent
END = date(2026, 11, 24)


def _memory_kb(pid: int) -> int:
    """Proportional set size: resident memory with pages shared between processes (a forked
    worker's copy of its parent's data) counted once across them, not once per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def _tree_memory_kb(root_pid: int) -> int:
    """Memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo += children.get(pid, [])
    return total


def timed(command: list[str], env: dict | None = None, cwd: Path | None = None,
          sample: bool = True) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak memory (PSS) of its process tree (MB; 0 unless
    sampled) and its output's tail. Reading every process's memory twenty times a second takes
    a share of a core from the command, so timings compared with the floor are taken unsampled."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    peak = 0
    done = threading.Event()

    def sampling() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sampling, daemon=True)
    if sample:
        sampler.start()
    out, err = proc.communicate()
    done.set()
    if sample:
        sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{out[-2000:]}\n{err[-4000:]}")
    return wall, peak // 1024, (out + err)[-2000:]


def settled(folder: Path) -> float:
    """Wait until a replaced site, deleted in the background after a build returns, is gone,
    so its deletion does not run during the next timed command; return the seconds waited."""
    start = time.perf_counter()
    while any(folder.glob(f"{DISCARD_PREFIX}*")):
        time.sleep(0.1)
    return time.perf_counter() - start


def twice(command: list[str], out: Path, root: Path) -> tuple[float, float, int, str]:
    """Run a build on top of the site in `out` unsampled, then again from a copy of the same
    site sampled for memory; return both walls, the peak and the output's tail. The site of the
    second run stays."""
    before = root / "site-before"
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(out, before, symlinks=True)
    wall, _, _ = timed(command, sample=False)
    settled(root)
    shutil.rmtree(out)
    before.rename(out)
    sampled, peak, tail = timed(command)
    settled(root)
    return wall, sampled, peak, tail


def project(folder: Path) -> Path:
    """A project folder: this repository's mkdocs.yml and hand-written pages."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "site", folder / "site", dirs_exist_ok=True)
    return folder


def floor_project(folder: Path, pages: int, lang: str) -> Path:
    """Bare mkdocs-material: the same theme settings and plugins, no overrides, no hooks,
    `pages` plain ~1 KB pages out of the nav."""
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in settings["theme"].items() if k != "custom_dir"}
    theme["language"] = lang
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\nThe floor.\n", encoding="utf-8")
    line = "हर विभाग का एक पन्ना: नाम, हैंडल, स्थिति और तारीख़ — one page per department with its facts.\n"
    for n in range(pages):
        (docs / "p" / f"{n}.md").write_text(f"# Page {n}\n\n" + line * 6 + "\n", encoding="utf-8")
    config = {"site_name": settings["site_name"], "theme": theme, "plugins": settings.get("plugins"),
              "markdown_extensions": settings.get("markdown_extensions"), "nav": ["index.md"],
              "not_in_nav": "p/*", "docs_dir": str(docs), "site_dir": str(folder / "site")}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def site_facts(site: Path) -> dict:
    pages = list(site.rglob("index.html"))
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    # One index serves both languages: each entry carries both names.
    index = [site / "data" / "search.json"]
    return {"pages": len(pages), "bytes": size, "heaviest": str(heaviest.relative_to(site)),
            "heaviest_bytes": heaviest.stat().st_size,
            "search_bytes": [p.stat().st_size for p in index if p.exists()],
            "data_bytes": sum(p.stat().st_size for p in (site / "data").rglob("*") if p.is_file()),
            "archive_bytes": sum(p.stat().st_size for p in (site / "data" / "archive").rglob("*") if p.is_file()),
            "department_bytes": sum(p.stat().st_size for p in (site / "data" / "departments").rglob("*")
                                    if p.is_file()),
            "page_bytes": sum(p.stat().st_size for p in site.rglob("*.html")),
            "badge_bytes": sum(p.stat().st_size for p in (site / "badges").rglob("*") if p.is_file())}


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def add_night(source: Path, data: Path, night: str, share: float) -> int:
    """Copy one synthesised night into the data folder with only `share` of its accounts
    looked up (every n-th row), and its run record; returns the rows added."""
    csv_file = source / "snapshots" / "x" / f"{night}.csv"
    lines = csv_file.read_text(encoding="utf-8").splitlines(keepends=True)
    step = max(1, round(1 / share))
    kept = [lines[0]] + lines[1::step]
    target = data / "snapshots" / "x"
    (target / f"{night}.csv").write_text("".join(kept), encoding="utf-8")
    run = json.loads((source / "snapshots" / "x" / f"{night}.run.json").read_text(encoding="utf-8"))
    for record in run["runs"]:
        record["accounts_looked_up"] = record["accounts_planned"] = len(kept) - 1
    (target / f"{night}.run.json").write_text(json.dumps(run, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return len(kept) - 1


def five_years(facts: dict, accounts: int, days: int) -> float:
    """The site's bytes after five years of nights: the department history files keep every
    day of the last 400 and about one row a month before (plus changes of state); the dated
    archives keep 400 nights; pages and the rest depend on the accounts only."""
    def rows(n: int) -> float:
        return min(n, 400) + max(0, n - 400) / 30.4
    per_row = facts["department_bytes"] / max(1.0, accounts * rows(days))
    archive_per_night = facts["archive_bytes"] / max(1, min(days, 401))
    rest = facts["bytes"] - facts["department_bytes"] - facts["archive_bytes"]
    return rest + per_row * accounts * rows(5 * 365) + archive_per_night * 401


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=3, help="Full builds timed in turn with the floor.")
    parser.add_argument("--full-only", action="store_true", help="Only the cold and warm full builds.")
    parser.add_argument("--keep", type=Path, help="Keep the folders here instead of a temporary folder.")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="jawabdehi-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    jawabdehi = [sys.executable, "-m", "generator.cli"]
    ours = project(root / "project")
    data = ours / "data"
    shutil.rmtree(data, ignore_errors=True)
    synth_s, _, _ = timed(jawabdehi + ["synth", "--accounts", str(args.accounts), "--days", str(args.days),
                                       "--out", str(data), "--seed", str(args.seed), "--end", END.isoformat()])
    data_bytes = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    out = root / "public"
    shutil.rmtree(out, ignore_errors=True)
    build = jawabdehi + ["--project", str(ours), "build", "--out", str(out)]
    rows: list[tuple[str, float, int, str]] = []

    # Cold: the store of parsed nights rebuilt from every file.
    cold = build + ["--as-of", END.isoformat(), "--full", "--rebuild-store"]
    warm = build + ["--as-of", END.isoformat(), "--full"]
    cold_s, _, _ = timed(cold, sample=False)
    facts = site_facts(out)
    per_lang = facts["pages"] // 2
    floors = [floor_project(root / f"floor-{lang}", per_lang, lang) for lang in ("hi", "en")]

    def floor(sample: bool) -> tuple[float, int]:
        seconds, peak = 0.0, 0
        for config in floors:
            s, m, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                            env={"NO_MKDOCS_2_WARNING": "1"}, sample=sample)
            seconds, peak = seconds + s, max(peak, m)
        return seconds, peak

    # Warm full builds and the floor in turn: the median of the pairwise ratios. The previous
    # site, deleted in the background once a build has returned, is gone before the floor runs.
    pairs = []
    for _ in range(args.pairs):
        warm_s, _, _ = timed(warm, sample=False)
        settled(root)
        floor_s, _ = floor(sample=False)
        pairs.append((warm_s / floor_s, warm_s, floor_s))
    pairs.sort()
    ratio, warm_s, floor_s = pairs[len(pairs) // 2]
    # Peak memory from runs of their own, sampled.
    _, cold_mb, _ = timed(cold)
    settled(root)
    sampled_s, warm_mb, _ = timed(warm)
    settled(root)
    _, floor_mb = floor(sample=True)
    rows.append(("jawabdehi build --full, warm store (median pair)", warm_s, warm_mb, f"{ratio:.2f}"))
    rows.append(("jawabdehi build --full, cold store (rebuilt from the files)", cold_s, cold_mb,
                 f"{cold_s / floor_s:.2f}"))
    rows.append((f"bare mkdocs-material floor (2 x {per_lang:,} pages)", floor_s, floor_mb, "1.00"))

    notes = []
    if not args.full_only:
        # A night on top of the previous build in which a tenth of the accounts were looked up.
        more = root / "more"
        shutil.rmtree(more, ignore_errors=True)
        next_day = END + timedelta(days=1)
        # The same accounts one night on: synthesis carries each night into the next, so the
        # night after END comes only with all the nights before it. (A night synthesised on
        # its own starts its accounts afresh, and its tenth then moves counts and statuses
        # as no real night does: half the pages were written again for it.)
        timed(jawabdehi + ["synth", "--accounts", str(args.accounts), "--days", str(args.days + 1), "--out",
                           str(more), "--seed", str(args.seed), "--end", next_day.isoformat()])
        added = add_night(more, data, next_day.isoformat(), 0.1)
        # The last warm build left the site of END. Each night runs twice from the same site:
        # unsampled for its time (its share is of the median pair, also unsampled), then
        # sampled for its memory.
        for name, day in ((f"a night, a tenth looked up ({added:,} accounts)", next_day),
                          ("a night, none looked up", next_day + timedelta(days=1))):
            night_s, _, night_mb, tail = twice(build + ["--as-of", day.isoformat()], out, root)
            notes.append(next((line for line in tail.splitlines() if line.startswith("built ")), ""))
            rows.append((name, night_s, night_mb, f"{night_s / floor_s:.2f} ({night_s / warm_s:.0%} of full)"))
        facts = site_facts(out)

    print(f"\n{args.accounts:,} accounts x {args.days} days, seed {args.seed} "
          f"(synthesised in {synth_s:.1f} s, data folder {mb(data_bytes)}); pairs: "
          + ", ".join(f"{p[0]:.2f}" for p in pairs) + f"; the full build sampled for memory took {sampled_s:.1f} s\n")
    print("| build | wall | peak memory (PSS, MiB) | ratio to floor |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds, memory, ratio_text in rows:
        print(f"| {name} | {seconds:.1f} s | {memory:,.0f} | {ratio_text} |")
    print()
    print(f"site {mb(facts['bytes'])}: pages {facts['pages']:,} ({mb(facts['page_bytes'])}, heaviest "
          f"{facts['heaviest']} {facts['heaviest_bytes'] / 1024:,.0f} KB), downloads {mb(facts['data_bytes'])}, "
          f"of which department histories {mb(facts['department_bytes'])} and dated archives "
          f"{mb(facts['archive_bytes'])}; search index {', '.join(mb(b) for b in facts['search_bytes'])}; "
          f"badges {mb(facts['badge_bytes'])}; projected after five years of nights: "
          f"{mb(five_years(facts, args.accounts, args.days))}")
    for note in notes:
        print(f"night: {note}")
    print(json.dumps({"accounts": args.accounts, "days": args.days, "warm_s": round(warm_s, 1),
                      "cold_s": round(cold_s, 1), "floor_s": round(floor_s, 1), "ratio": round(ratio, 2),
                      "rows": [[n, round(s, 1), m, r] for n, s, m, r in rows], **facts}))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
