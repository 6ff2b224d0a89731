"""Build cost at scale: a full `jawabdehi build` of synthetic data against the mkdocs floor.

Synthesises a data folder (`jawabdehi synth`), then times, side by side in the same run:

- ours: a full `jawabdehi build` (a fresh output folder);
- the floor: bare mkdocs-material (the project's theme and plugins, no overrides or hooks)
  building the same number of plain ~1 KB pages per language, kept out of the nav, one
  build per language as the two languages are built;
- a night: one more day of snapshots added to the archive, then `jawabdehi build` again
  on top of the previous site.

Prints wall time, peak memory of the whole process tree (proportional set size, sampled
every 50 ms), pages, output bytes, the heaviest
page, the search index and the ratios. Run:

    python -m benchmarks.build --accounts 5000 --days 365
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


def timed(command: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak memory (PSS) of its process tree (MB) and its output's tail."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{out[-2000:]}\n{err[-4000:]}")
    return wall, peak // 1024, (out + err)[-2000:]


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
            "badge_bytes": sum(p.stat().st_size for p in (site / "badges").rglob("*") if p.is_file())}


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
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
    build = jawabdehi + ["--project", str(ours), "build", "--out", str(out), "--as-of", END.isoformat()]
    full_s, full_mb, tail = timed(build + ["--full"])
    facts = site_facts(out)
    per_lang = facts["pages"] // 2

    floor_s = floor_mb = 0.0
    for lang in ("hi", "en"):
        config = floor_project(root / f"floor-{lang}", per_lang, lang)
        seconds, peak, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                                 env={"NO_MKDOCS_2_WARNING": "1"})
        floor_s += seconds
        floor_mb = max(floor_mb, peak)

    # One more night on top of the archive: synthesise one day more into a scratch folder
    # (the earlier days come out byte-identical) and add only the new night's files.
    more = root / "more"
    shutil.rmtree(more, ignore_errors=True)
    next_day = END + timedelta(days=1)
    timed(jawabdehi + ["synth", "--accounts", str(args.accounts), "--days", str(args.days + 1), "--out",
                       str(more), "--seed", str(args.seed), "--end", next_day.isoformat()])
    added = 0
    for path in more.rglob("*"):
        target = data / path.relative_to(more)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
            added += 1
    night_build = jawabdehi + ["--project", str(ours), "build", "--out", str(out), "--as-of", next_day.isoformat()]
    night_s, night_mb, night_tail = timed(night_build)
    written = next((line for line in night_tail.splitlines() if line.startswith("built ")), "")

    print(f"\n{args.accounts:,} accounts x {args.days} days, seed {args.seed} "
          f"(synthesised in {synth_s:.1f} s, data folder {mb(data_bytes)})\n")
    print("| build | wall | peak memory (PSS, MiB) | pages | output | ratio to floor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| jawabdehi build (full) | {full_s:.1f} s | {full_mb:,.0f} | {facts['pages']:,} | "
          f"{mb(facts['bytes'])} | {full_s / floor_s:.2f} |")
    print(f"| bare mkdocs-material floor (2 x {per_lang:,} pages) | {floor_s:.1f} s | {floor_mb:,.0f} | "
          f"{2 * per_lang:,} | | 1.00 |")
    print(f"| one more night, incremental ({added} new files) | {night_s:.1f} s | {night_mb:,.0f} | "
          f"{facts['pages']:,} | | {night_s / floor_s:.2f} ({night_s / full_s:.0%} of full) |")
    print()
    print(f"heaviest page: {facts['heaviest']} ({facts['heaviest_bytes'] / 1024:,.0f} KB); "
          f"search index (both languages): {', '.join(f'{b / 1e6:.2f} MB' for b in facts['search_bytes'])} "
          f"({sum(facts['search_bytes']) / args.accounts / 1024:.2f} KB per department); "
          f"downloads {mb(facts['data_bytes'])}, of which dated archives {mb(facts['archive_bytes'])}; "
          f"badges {mb(facts['badge_bytes'])}")
    print(f"night: {written}")
    print(json.dumps({"accounts": args.accounts, "days": args.days, "full_s": round(full_s, 1),
                      "floor_s": round(floor_s, 1), "night_s": round(night_s, 1), "full_mb": full_mb,
                      "night_mb": night_mb, **facts}))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
