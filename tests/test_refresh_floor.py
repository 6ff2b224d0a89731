"""A status older than the refresh floor the budget kept is marked, on every page and file
that shows it, and only then."""

import csv
import json
from datetime import date, timedelta

from generator import paths
from generator.render import urls
from generator.render.home import STATUS_LISTS
from generator.render.league import FIELDS
from generator.synth import synthesize

from . import figure_checker
from .helpers import build

END = date(2026, 11, 20)
UNSEEN_NIGHTS = 10  # the accounts the budget did not reach were last seen this many nights before END


def data_with_unseen_accounts(root, floor_kept: int):
    """Synthetic nights in which three X accounts were not looked up for the last ten nights,
    and a newest run record whose plan kept `floor_kept` days."""
    data = root / "data"
    synthesize(data, accounts=40, days=20, seed=3, end=END)
    nights = data / paths.SNAPSHOTS / "x"
    with (nights / f"{END.isoformat()}.csv").open(encoding="utf-8-sig") as f:
        seen = [r["department_id"] for r in csv.DictReader(f) if r["state"] == "ok"]
    unseen = set(seen[:3])
    for n in range(UNSEEN_NIGHTS):
        path = nights / f"{(END - timedelta(days=n)).isoformat()}.csv"
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        path.write_text(lines[0] + "".join(line for line in lines[1:] if line.split(",")[0] not in unseen),
                        encoding="utf-8")
    record = nights / f"{END.isoformat()}.run.json"
    body = json.loads(record.read_text(encoding="utf-8"))
    body["runs"][-1]["refresh_floor_days"] = floor_kept
    record.write_text(json.dumps(body), encoding="utf-8")
    return data, unseen


def overdue_column(out) -> dict[str, str]:
    with (out / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        return {r["department_id"]: r["refresh_overdue"] for r in csv.DictReader(f) if r["platform"] == "x"}


# The folders of the statuses' own lists (accounts/dormant/), which repeat rows of the others.
STATUS_FOLDERS = {urls.status_list(status).split("/")[1] for status in STATUS_LISTS}


def test_a_status_older_than_the_floor_kept_is_marked_where_it_is_shown(tmp_path):
    data, unseen = data_with_unseen_accounts(tmp_path, floor_kept=8)
    out = tmp_path / "public"
    build(data, out, END)
    marked = overdue_column(out)
    assert {d for d, v in marked.items() if v == "true"} == unseen
    assert all(v in ("false", "") for d, v in marked.items() if d not in unseen)
    seen_on = (END - timedelta(days=UNSEEN_NIGHTS)).day
    dept = sorted(unseen)[0]
    scorecard = (out / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
    assert f"seen on {seen_on} Nov 2026; not checked again within the 8-day refresh floor" in scorecard
    hindi = (out / "departments" / dept / "index.html").read_text(encoding="utf-8")
    assert "8 दिन की न्यूनतम ताज़गी-अवधि में दोबारा नहीं देखा गया" in hindi
    lists = [p for p in (out / "en" / "accounts").rglob("index.html")
             if not any(part in STATUS_FOLDERS for part in p.relative_to(out / "en" / "accounts").parts)]
    league = "".join(p.read_text(encoding="utf-8") for p in lists)
    assert league.count('<span class="jd-stale">not refreshed</span>') == 2 * len(unseen)  # all India's, the state's
    slices = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "data" / "league" / "en").glob("*.json")]
    flagged = {row[0] for s in slices for row in s["rows"] if row[FIELDS.index("overdue")] == 1}
    assert flagged == unseen
    methodology = (out / "en" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "The floor the newest night kept is 8 days" in methodology
    # The checker, which shares no code with the package, recomputes the marks from the inputs.
    assert figure_checker.check(out, data, END).mismatches == []


def test_a_status_within_the_floor_kept_is_not_marked(tmp_path):
    """The same nights, with a plan that kept twelve days: ten days old is within it."""
    data, unseen = data_with_unseen_accounts(tmp_path, floor_kept=12)
    out = tmp_path / "public"
    build(data, out, END)
    assert set(overdue_column(out).values()) <= {"false", ""}
    league = "".join(p.read_text(encoding="utf-8") for p in (out / "en" / "accounts").rglob("index.html"))
    assert '<span class="jd-stale">not refreshed</span>' not in league
    assert "The floor the newest night kept is 12 days" in \
        (out / "en" / "methodology" / "index.html").read_text(encoding="utf-8")


def test_a_collective_silence_and_its_end_are_said_where_the_state_is_shown(tmp_path):
    data, _ = data_with_unseen_accounts(tmp_path, floor_kept=8)
    with (data / paths.DEPARTMENTS_CSV).open(encoding="utf-8") as f:
        states = sorted({r["state"] for r in csv.DictReader(f)})[:2]
    record = data / paths.SNAPSHOTS / "x" / f"{END.isoformat()}.run.json"
    body = json.loads(record.read_text(encoding="utf-8"))
    body["runs"][-1]["collective_silences"] = [
        {"group": states[0], "since": "2026-10-20", "accounts": 12, "silent": 9, "ending": False},
        {"group": states[1], "since": "2026-10-01", "accounts": 30, "silent": 14, "ending": True}]
    record.write_text(json.dumps(body), encoding="utf-8")
    out = tmp_path / "public"
    build(data, out, END)

    def page(*parts: str) -> str:
        return (out.joinpath("en", *parts) / "index.html").read_text(encoding="utf-8")

    silent, ending = (page("states", s.lower()) for s in states)
    assert "have been silent together since 20 Oct 2026" in silent and "started posting again" not in silent
    assert "silent together since 1 Oct 2026 have started posting again" in ending
    health = page("health")
    assert "9 of 12 usually active accounts silent together since 20 Oct 2026" in health
    assert "the collective silence since 1 Oct 2026 is ending; 14 accounts still shown silent" in health
