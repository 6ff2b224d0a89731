"""Tiny data folders built inline, so each test shows the data it is about."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import threading
from datetime import date, timedelta
from pathlib import Path

from generator import paths, schema
from generator.pipeline import Options
from generator.pipeline import build as build_night
from generator.synth import synthesize

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / paths.DATA  # the bundled data folder
AS_OF = date(2026, 11, 24)

DEPT = {"id": "dept-a", "name_en": "Department A", "name_hi": "विभाग अ", "category": "police",
        "state": "IN-UP", "district": "Gorakhpur", "parent_id": ""}


# A body row's cell: a figure's, or the row's header (its day, period or department).
CELL = r"<(?:td|th)(?: [^>]*)?>(.*?)</(?:td|th)>"


def table_rows(table: str) -> list[dict[str, str]]:
    """A table's body rows as {column name: cell HTML}, each cell read by its position under
    the header (a scorecard's tables name their columns once), the row's header cell among them;
    rows spanning columns are left out."""
    header = [html.unescape(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)]
    body = table.split("<tbody>", 1)[-1]
    rows = [re.findall(CELL, tr, re.S) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    return [dict(zip(header, cells, strict=True)) for cells in rows if len(cells) == len(header)]


def write_csv(path: Path, table: schema.Table, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in table.names})
    return path


def snapshot(dept: str, day: str, **values) -> dict:
    return {"department_id": dept, "platform": "x", "date": day, "state": "ok",
            "source": "manual", "source_url": "https://example.org/report", **values}


def make_data(root: Path, departments: list[dict], accounts: list[dict],
              snapshots: list[dict] = (), complaints: list[dict] = ()) -> Path:
    """A data folder with the bundled config and the given rows."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / paths.CONFIG_TOML, root / paths.CONFIG_TOML)
    write_csv(root / paths.DEPARTMENTS_CSV, schema.DEPARTMENTS, departments)
    shutil.copy(DATA / paths.DISTRICTS_CSV, root / paths.DISTRICTS_CSV)
    write_csv(root / paths.ACCOUNTS_CSV, schema.ACCOUNTS, accounts)
    write_csv(root / paths.SOURCES_CSV, schema.SOURCES_TABLE, [])
    if snapshots:
        write_csv(root / paths.MANUAL / "observations.csv", schema.SNAPSHOT, list(snapshots))
    if complaints:
        write_csv(root / paths.COMPLAINTS / "complaints.csv", schema.COMPLAINTS, list(complaints))
    return root


def add_districts(data: Path, names: list[str], state: str = "IN-UP") -> None:
    """Districts appended to a data folder's registry, each name its own Hindi name too."""
    with (data / paths.DISTRICTS_CSV).open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=schema.DISTRICTS.names, lineterminator="\n")
        for name in names:
            writer.writerow({"state": state, "name_en": name, "name_hi": name,
                             "source_url": "https://example.org/districts"})


def copy_bundled(root: Path) -> Path:
    shutil.copytree(DATA, root)
    return root


def keep_districts_of(data: Path, states: set[str]) -> None:
    """The district registry cut to the given states' districts: every command reads and
    checks the whole registry (780 districts), which a test of a few states' departments
    need not pay for each time."""
    districts = data / paths.DISTRICTS_CSV
    header, *rows = districts.read_text(encoding="utf-8").splitlines(keepends=True)
    districts.write_text(header + "".join(r for r in rows if r.split(",", 1)[0] in states), encoding="utf-8")


def copy_bundled_seed(root: Path) -> Path:
    """The bundled data with only the seed articles' departments (every one of a district, and
    four of a state) and their accounts: every kind of page, with a seventh of the bundled
    site's pages, for tests whose checks need no more."""
    data = copy_bundled(root)
    keep: set[str] = set()
    for rel, column in ((paths.DEPARTMENTS_CSV, "id"), (paths.ACCOUNTS_CSV, "department_id")):
        with open(data / rel, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if column == "id":
            keep = {r["id"] for r in rows if r["district"] or r["id"] in ("up-police", "nbpdcl", "bihar-eou",
                                                                             "haryana-cm")}
        with open(data / rel, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(r for r in rows if r[column] in keep)
    return data


# A night after every dated row of the bundled data.
FIRST_NIGHT = date(2026, 12, 1)


def add_night(data: Path, day: date, followers: int) -> None:
    """A night's collected figure of UP Police's followers, as the collector writes it."""
    write_csv(data / paths.SNAPSHOTS / "x" / f"{day.isoformat()}.csv", schema.SNAPSHOT, [
        {"department_id": "up-police", "platform": "x", "date": day.isoformat(), "account_id": "123456",
         "handle": "Uppolice", "followers": followers, "following": 10, "posts": 5000,
         "last_post_at": f"{day.isoformat()}T08:00:00Z", "state": "ok", "source": "x-api",
         "source_url": "https://x.com/Uppolice"}])


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under a folder with its content, to compare before and after."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build(data: Path, out: Path, as_of: date = AS_OF, **options):
    """Build a data folder with the project's own mkdocs.yml and hand-written pages."""
    return build_in(REPO, data, out, as_of, **options)


def build_in(project: Path, data: Path, out: Path, as_of: date = AS_OF, **options):
    """Build a data folder with another project's mkdocs.yml and pages."""
    return build_night(project, data, out, as_of, Options(**options))


def serve_in_background(httpd) -> None:
    """Serve from a daemon thread that looks for its shutdown every 20 ms: serve_forever's
    default, half a second, is what every test would wait for when it stops its server."""
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()


# Requests in flight, by browser context (see `watch`).
_PENDING: dict[int, set] = {}
QUIET_MS = 50


def watch(context):
    """Count a browser context's requests in flight, so `settle` knows when a page is done."""
    pending = _PENDING[id(context)] = set()
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))
    return context


def unwatch(context) -> None:
    """Forget a closed context's requests (another context may later have its id)."""
    _PENDING.pop(id(context), None)


def settle(page) -> None:
    """Wait until the page has loaded and no request of it (a script's fetch, a font) has been
    in flight for QUIET_MS: what playwright's `networkidle` waits for, without its fixed half
    second of silence after every page, which over the suite's pages costs minutes."""
    page.wait_for_load_state("load")
    pending = _PENDING.get(id(page.context))
    if pending is None:
        page.wait_for_load_state("networkidle")
        return
    calm = waited = 0
    while calm < QUIET_MS:
        if waited > 10_000:  # a request whose end was never reported: wait as playwright does
            page.wait_for_load_state("networkidle")
            return
        page.wait_for_timeout(25)
        calm, waited = 0 if pending else calm + 25, waited + 25


def goto(page, url: str):
    """Open `url` and wait for it to settle."""
    response = page.goto(url)
    settle(page)
    return response


def open_page(browser, url, *, javascript=True, width=1280):
    """A page in its own browser context, with a log of console errors, dialogs and any request
    that would leave 127.0.0.1 (refused)."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
    page = context.new_page()
    log = {"errors": [], "outside": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            log["outside"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    goto(page, url)
    return page, log


def found_in(hay: bytes, needles: set[bytes]) -> list[bytes]:
    """The needles that occur in hay. One scan per distinct opening of four bytes, not one
    per needle: thousands of needles share a few openings, and most openings never occur."""
    by_opening: dict[bytes, set[bytes]] = {}
    for needle in needles:
        by_opening.setdefault(needle[:4], set()).add(needle)
    found = set()
    for opening, group in by_opening.items():
        lengths = {len(n) for n in group}
        at = hay.find(opening)
        while at >= 0:
            found |= {hay[at:at + n] for n in lengths} & group
            at = hay.find(opening, at + 1)
    return sorted(found)


def add_next_night(data: Path, root: Path, days: int, end: date, accounts: int) -> None:
    """Adds the night after `end` to a folder `synthesize` wrote with the same accounts and
    seed 7, as the collector would: one day more comes out with the earlier files unchanged."""
    more = root / f"more-{end}"
    synthesize(more, accounts=accounts, days=days + 1, seed=7, end=end + timedelta(days=1))
    for path in more.rglob("*"):
        target = data / path.relative_to(more)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    shutil.rmtree(more)


def thin_night(data: Path, day: date, every: int) -> None:
    """Keep every `every`-th account of a synthesised night (and say so in its run record): a
    night in which the budget looked up only some of the accounts."""
    night = data / paths.SNAPSHOTS / "x" / f"{day.isoformat()}.csv"
    lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [lines[0], *lines[1::every]]
    night.write_text("".join(kept), encoding="utf-8")
    record = night.with_name(f"{day.isoformat()}.run.json")
    run = json.loads(record.read_text(encoding="utf-8"))
    for entry in run["runs"]:
        entry["accounts_looked_up"] = entry["accounts_planned"] = len(kept) - 1
    record.write_text(json.dumps(run, indent=1, sort_keys=True) + "\n", encoding="utf-8")
