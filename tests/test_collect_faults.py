"""The collector against a misbehaving X: bad tokens, bad values, malformed answers, failures
to retry and a renamed field. The real tweepy client talks HTTP to the local emulator."""

import contextlib
import errno
import json
import os
import shutil
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from generator import paths
from generator.cli import main
from generator.collect import budget, lookup, x_client
from generator.collect.night import run_night
from generator.config import CollectConfig, StatusConfig
from generator.store import history
from generator.store.load import load_dataset
from generator.store.runs import check_run_record, run_file

from .helpers import REPO, make_data, tree_bytes
from .test_collect import (
    NIGHT,
    ON_THE_NIGHT,
    TOKEN,
    clock_at,
    conversation,
    departments,
    populate,
    registry,
    run_cli,
    snapshot_of,
    tune,
)
from .x_emulator import NEW_FIELD, OLD_FIELD, XEmulator, snowflake

LAST_POST = datetime(2026, 11, 19, 18, 5, tzinfo=UTC)


def runs_of(data, day=NIGHT) -> list[dict]:
    return json.loads(run_file(data, "x", day.isoformat()).read_text())["runs"]


# --- 1. the token ------------------------------------------------------------------------

def test_token_with_a_trailing_newline_is_stripped(tmp_path):
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        summary = run_night(data, NIGHT, TOKEN + "\n", x.url)
    assert summary.states["ok"] == 3


@pytest.mark.parametrize("token", ["", "  \n", "secret-part-one secret-part-two", "secret-part-one\tsecret-two",
                                   "secret-part-one\x00secret-two", "secret-part-one\u2028secret-two",
                                   "secret-part-one\u200bsecret-two"])
def test_a_token_with_whitespace_or_controls_inside_is_refused_without_echo(tmp_path, token):
    data = registry(tmp_path, 3)
    before = tree_bytes(data)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        with pytest.raises(x_client.AuthError) as caught:
            run_night(data, NIGHT, token, x.url)
        assert x.served["all"] == 0
    message = str(caught.value)
    assert "X_BEARER_TOKEN" in message
    for piece in ("secret-part-one", "secret-part-two", "secret-two"):
        assert piece not in message
    assert tree_bytes(data) == before


def test_redact_hides_the_token_and_its_pieces():
    token = "AAAA-bearer-0123456789"
    text = f"Bearer {token}\n'Bearer {token}\\n' {token[:12]}"
    assert token not in x_client.redact(text, token + "\n")
    assert x_client.redact("nothing secret", token) == "nothing secret"
    assert x_client.redact("nothing secret", None) == "nothing secret"
    inner = "part-one-0123 part-two-4567"
    assert "part-one-0123" not in x_client.redact(f"header: Bearer {inner!r}", inner)


SECRET = "sEcReT-bearer-0123456789-should-never-leak"


@pytest.mark.parametrize("token, fault", [
    (SECRET + "\n", None), (SECRET + "\n", "json"), (SECRET + "\r\n", "trickle"), (SECRET, "html502"),
    (SECRET, "400"), (SECRET, "drop"), ("sEcReT-bearer-0123 456789-should-never-leak", None),
    (SECRET, "unauthorized"), (SECRET, "refused")])
def test_collect_never_prints_or_writes_the_token(tmp_path, token, fault):
    data = registry(tmp_path, 3, max_retries=0, request_timeout_seconds=0.3, retry_failed_after_seconds=0.01)
    with XEmulator(token.strip()) as x:
        populate(x, 3)
        x.faults.script = {1: fault, 2: fault} if fault not in (None, "unauthorized", "refused") else {}
        x.faults.unauthorized = fault == "unauthorized"
        url = "http://127.0.0.1:9" if fault == "refused" else x.url
        result = run_cli(["collect", "--data", str(data), "--date", NIGHT.isoformat()],
                         {"X_BEARER_TOKEN": token, "X_API_BASE_URL": url}, tmp_path)
    # 3: every lookup failed (the night is recorded); 1: stopped before writing (a 401).
    assert result.returncode in (0, 1, 3), result.stderr
    assert "Traceback" not in result.stderr
    pieces = [token.strip()] + [p for p in token.split() if len(p) >= 6]
    for path in [p for p in tmp_path.rglob("*") if p.is_file()]:
        for piece in pieces:
            assert piece.encode() not in path.read_bytes(), path
    for piece in pieces:
        assert piece not in result.stdout and piece not in result.stderr


def in_process(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """The command line run as `run_cli` runs it (in `cwd`, its X_ settings env's alone), in
    this process: its exit status and what it wrote to each stream; an exception it lets out
    fails the test. For the tests of what a command does, not of what any part of the process
    may print (the token's tests start one)."""
    unset = {name: None for name in os.environ if name.startswith("X_")}
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, args, env={**unset, **env}, catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def test_a_night_whose_every_lookup_failed_is_recorded_built_and_exits_3(tmp_path):
    """X answering 503 to every lookup: the night's error rows and run record are written,
    `nightly` still builds the site on the last good figures, and both commands exit 3 so
    that the workflow can fail the run after deploying. A night with one good answer exits 0."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "site", project / "site")
    data = registry(project, 4, max_retries=0, retry_failed_after_seconds=0.01)
    env = {"X_BEARER_TOKEN": TOKEN}
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        env["X_API_BASE_URL"] = x.url
        first = in_process(["collect", "--data", str(data), "--date", NIGHT.isoformat()], env, tmp_path)
        assert first.returncode == 0, first.stderr
        x.faults.error_ratio = 1.0
        night = NIGHT + timedelta(days=1)
        result = in_process(["collect", "--data", str(data), "--date", night.isoformat()], env, tmp_path)
        assert result.returncode == 3, result.stderr
        assert "every one of the night's 4 lookups failed (lookup failed: X answered HTTP 503)" in result.stderr
        assert "Traceback" not in result.stderr
        assert set(snapshot_of(data, night)["state"]) == {"error"}
        out = tmp_path / "public"
        later = night + timedelta(days=1)
        nightly = in_process(["--project", str(project), "nightly", "--out", str(out), "--date", later.isoformat()],
                             env, tmp_path)
    assert nightly.returncode == 3, nightly.stderr
    assert "built" in nightly.stdout and (out / "data" / "handles.csv").exists()
    handles = pd.read_csv(out / "data" / "handles.csv", encoding="utf-8-sig", dtype=str).set_index("department_id")
    assert set(handles["observed_on"]) == {NIGHT.isoformat()} and set(handles["last_error_on"]) == {later.isoformat()}


# --- 2. bad values from the API ----------------------------------------------------------

BAD_VALUES = {
    # department -> (by id?, what the API sends for it, the reason's field)
    0: (True, {"username": "<script>"}, "username"),
    1: (True, {"username": "../x"}, "username"),
    2: (False, {"id": "12ab"}, "id"),
    3: (True, {"public_metrics": {"followers_count": -5, "following_count": 1, "tweet_count": 1}}, "followers_count"),
    4: (True, {"public_metrics": {"followers_count": 10**30, "following_count": 1, "tweet_count": 1}},
        "followers_count"),
    5: (True, {"public_metrics": {"followers_count": 12.5, "following_count": 1, "tweet_count": 1}},
        "followers_count"),
    6: (True, {"public_metrics": "lots"}, "public_metrics"),
    7: (True, {"most_recent_tweet_id": "12x"}, OLD_FIELD),
    8: (True, {"most_recent_tweet_id": "9" * 25}, OLD_FIELD),
    9: (True, {"most_recent_tweet_id": snowflake(datetime(2070, 1, 1, tzinfo=UTC))}, OLD_FIELD),  # after the lookup
    10: (True, {"protected": "yes"}, "protected"),
    11: (True, {"username": "handle_11\u202e"}, "username"),
}
CLEAN = 12


def test_bad_values_from_the_api_become_error_rows_and_the_next_night_runs(tmp_path):
    n = CLEAN + 1
    accounts = [{"department_id": f"dept-{i:05d}", "platform": "x", "handle": f"handle_{i}", "official": "yes",
                 "account_id": str(1000 + i) if BAD_VALUES.get(i, (True,))[0] else ""} for i in range(n)]
    data = tune(make_data(tmp_path / "data", departments(n), accounts),
                reply_requests_per_night=0, retry_failed_after_seconds=0.01)
    with XEmulator(TOKEN, fields_mode="old") as x:
        populate(x, n)
        for i, (_, sent, _) in BAD_VALUES.items():
            x.users[str(1000 + i)].wire_override = sent
        summary = run_night(data, NIGHT, TOKEN, x.url)
    assert summary.states["error"] == len(BAD_VALUES) and summary.states["ok"] == 1
    snap = snapshot_of(data)
    assert snap.loc[f"dept-{CLEAN:05d}", "state"] == "ok"
    for i in BAD_VALUES:
        row = snap.loc[f"dept-{i:05d}"]
        assert row["state"] == "error" and row["followers"] == "" and row["last_post_at"] == ""
        assert row["handle"] == f"handle_{i}"  # the registry's, not the API's
    load_dataset(data)  # validate accepts the night
    record = runs_of(data)[-1]
    reasons = {p["department_id"]: p["reason"] for p in record["problems"]}
    assert set(reasons) == {f"dept-{i:05d}" for i in BAD_VALUES}
    for i, (_, _, name) in BAD_VALUES.items():
        assert name in reasons[f"dept-{i:05d}"], reasons
    text = run_file(data, "x", NIGHT.isoformat()).read_text()
    for echo in ("<script>", "../x", "12ab", "12x", "9" * 25, "lots", "1000000000000000000000000000000"):
        assert echo not in text
    ids = pd.read_csv(data / paths.ACCOUNT_IDS_CSV, dtype=str)
    assert list(ids["department_id"]) == [f"dept-{CLEAN:05d}"]
    # The next night runs, and the accounts X now answers well get figures.
    with XEmulator(TOKEN) as x:
        populate(x, n)
        summary = run_night(data, NIGHT + timedelta(days=1), TOKEN, x.url)
    assert summary.states["ok"] == n
    load_dataset(data)



def test_a_user_whose_values_are_refused_is_billed_and_the_month_counts_it(tmp_path):
    """X bills every user it returns: one the collector refuses is an error row, yet a read
    of the month's budget. An account X does not return (not found) costs nothing."""
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        x.users["1001"].wire_override = {"public_metrics": "lots"}
        del x.users["1003"]
        summary = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT))
        assert summary.retried == 1  # asked twice, billed once (the same UTC day)
        # The same night re-read the same UTC day: nothing new billed.
        again = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT + timedelta(hours=1)))
        assert again.plan.keys == [("dept-00001", "x")]
    assert dict(summary.states) == {"ok": 2, "error": 1, "not_found": 1}
    first, second = runs_of(data)
    assert first["reads_billed"] == 3 and first["month_reads_used"] == 3
    assert first["billed_without_figures"] == ["dept-00001"]
    assert second["reads_billed"] == 0 and second["month_reads_used"] == 3
    assert month_reads(data, NIGHT) == 3
    # The next month starts afresh.
    assert month_reads(data, date(2026, 12, 1)) == 0


def month_reads(data, day: date, today: date | None = None) -> int:
    ds = load_dataset(data)
    return budget.reads_in_month(budget.bills(ds.snapshots, ds.runs, today, ds.journal), day)


def night_read(night: str, accounts: list[str], *runs: tuple[str, str]) -> tuple[list[dict], dict]:
    """A night's good rows of `accounts` and its record, one run per (started_at, finished_at),
    the last billed for them all."""
    rows = [{"department_id": a, "platform": "x", "date": night, "source": "x-api", "state": "ok"}
            for a in accounts]
    record = {"night": night, "platform": "x",
              "runs": [{"started_at": start, "finished_at": end, "reads_billed": 0, "outcomes": {}}
                       for start, end in runs]}
    record["runs"][-1].update(reads_billed=len(accounts), outcomes={"ok": len(accounts)})
    return rows, record


DEC_1_MORNING = ("2026-12-01T06:00:00Z", "2026-12-01T06:10:00Z")


@pytest.mark.parametrize("late_runs, next_night, counted", [
    ([DEC_1_MORNING], "2026-12-01", 4),  # both nights read b and c on 1 December: once
    ([("2026-11-30T23:55:00Z", "2026-12-01T00:10:00Z")], "2026-12-01", 6),  # the day of each read is not known
    ([("2026-11-30T22:00:00Z", "2026-11-30T22:10:00Z"), DEC_1_MORNING], "2026-12-01", 6),  # run on two days
    ([DEC_1_MORNING], "2026-12-02", 6),  # read again on another day: billed afresh
])
def test_an_account_two_nights_read_on_one_utc_day_is_counted_once(late_runs, next_night, counted):
    """X bills a user once a UTC day: two accounts read by a missed night collected on
    1 December and again by the night of 1 December count once, where the day of each
    read is known; else, and on another day, twice."""
    late_rows, late = night_read("2026-11-30", ["a", "b", "c"], *late_runs)
    rows, record = night_read(next_night, ["b", "c", "d"], (f"{next_night}T21:30:00Z", f"{next_night}T21:40:00Z"))
    spent = budget.bills(pd.DataFrame(late_rows + rows), [late, record])
    assert budget.reads_in_month(spent, date(2026, 12, 1)) == counted
    assert budget.reads_in_month(spent, date(2026, 12, 1), besides=next_night) == 3


@pytest.mark.parametrize("paid, counted", [(3, 3), (1, 3), (0, 3)])
def test_every_user_of_a_known_day_counts_whatever_its_record_says_it_paid(paid, counted):
    """A night's record of a collector that leaves free users out of its bill says what it
    paid; the users X returned on that one day were billed that day all the same, by it or
    by another night, and count at the least."""
    rows, record = night_read("2026-12-01", ["a", "b", "c"], ("2026-12-01T21:30:00Z", "2026-12-01T21:40:00Z"))
    record["runs"][0].update(reads_billed=paid, billed_without_figures=[])
    assert budget.reads_in_month(budget.bills(pd.DataFrame(rows), [record]), date(2026, 12, 1)) == counted


def test_a_run_that_left_rows_and_no_record_still_counts_them():
    """The night of 1 December: a run read 10 accounts (its record says so), then a run read
    20 more and stopped before it wrote its record. 30 November, run on 30 November and on
    1 December, read 100 others on 1 December. The rows of the unrecorded run are reads the
    record does not tell, nor on which day: the month counts 130, not the 110 the record's
    bill would make, and no account of the night is taken as billed on 1 December."""
    other = [f"o{i}" for i in range(100)]
    late_rows, late = night_read("2026-11-30", other, ("2026-11-30T22:00:00Z", "2026-11-30T22:10:00Z"),
                                 ("2026-12-01T06:00:00Z", "2026-12-01T06:10:00Z"))
    mine = [f"m{i}" for i in range(30)]
    rows, record = night_read("2026-12-01", mine, ("2026-12-01T21:30:00Z", "2026-12-01T21:40:00Z"))
    for r in (*late["runs"], *record["runs"]):
        r["billed_without_figures"] = []
    record["runs"][0].update(reads_billed=10, outcomes={"ok": 10})
    spent = budget.bills(pd.DataFrame(late_rows + rows), [late, record])
    assert budget.reads_in_month(spent, date(2026, 12, 1)) == 130
    # Which day the unrecorded run read its 20 on is not known: none is read again free.
    assert budget.accounts_billed_on(spent, date(2026, 12, 1)) == set()
    record["runs"].append({**record["runs"][0], "reads_billed": 20, "outcomes": {"ok": 20}})  # recorded after all
    spent = budget.bills(pd.DataFrame(late_rows + rows), [late, record])
    assert budget.reads_in_month(spent, date(2026, 12, 1)) == 130
    assert budget.accounts_billed_on(spent, date(2026, 12, 1)) == set(mine)


@pytest.mark.parametrize("later, today, november, december", [
    (None, date(2026, 12, 2), 3, 3),  # read on 30 November or on a day up to today
    ("2026-12-01", date(2026, 12, 2), 3, 3 + 1),  # read before the night of 1 December was
    ("2026-11-30", date(2026, 12, 2), 3 + 1, 0),  # read before 30 November's night: in November
    (None, date(2026, 11, 30), 3, 0),  # read today, 30 November
])
def test_a_night_without_a_record_counts_in_every_month_it_can_have_been_read_in(later, today, november, december):
    """A night without a record was read on its day or any day after it: a night is collected
    only while it is the newest, so until the first run of a later night, or today. Its reads
    count in each month of those days: December is never short of a missed night of
    November collected in December, nor charged for one known to be read in November."""
    night = "2026-11-29" if later == "2026-11-30" else "2026-11-30"
    rows, _ = night_read(night, ["a", "b", "c"], ("", ""))
    records = []
    if later:
        later_rows, record = night_read(later, ["d"], (f"{later}T21:30:00Z", f"{later}T21:40:00Z"))
        rows, records = rows + later_rows, [record]
    spent = budget.bills(pd.DataFrame(rows), records, today)
    assert budget.reads_in_month(spent, date(2026, 11, 1)) == november
    assert budget.reads_in_month(spent, date(2026, 12, 1)) == december


def test_a_run_that_stops_before_its_record_counts_the_users_it_refused(tmp_path):
    """The night reads 4 accounts: X returns a user whose values the collector refuses (billed,
    an error row), and none for a missing one. The run stops before it writes its record: its
    error row may be a refused user, and counts as one (the missing account does not)."""
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        x.users["1001"].wire_override = {"public_metrics": "lots"}
        del x.users["1003"]
        x.clock = clock_at(ON_THE_NIGHT)
        run_night(data, NIGHT, TOKEN, x.url, clock=x.clock)
        assert len(x.billed[NIGHT]) == 3
    run_file(data, "x", NIGHT.isoformat()).unlink()
    assert month_reads(data, NIGHT) == month_reads(data, NIGHT, today=NIGHT) == 3


@pytest.mark.parametrize("problems, counted", [(["e"], 2), ([], 3)])
def test_an_error_row_no_run_of_the_record_names_is_a_run_that_stopped_before_its_record(problems, counted):
    """A night's record names the error rows its runs wrote (a failed lookup, not billed): an
    error row it does not name is of a run that stopped before its record, a user it may
    have refused, and counts."""
    rows, record = night_read("2026-12-01", ["a", "b"], ("2026-12-01T21:30:00Z", "2026-12-01T21:40:00Z"))
    rows.append({**rows[0], "department_id": "e", "state": "error"})
    record["runs"][0].update(billed_without_figures=[], problems=[{"department_id": d, "reason": "lookup failed"}
                                                                  for d in problems])
    assert budget.reads_in_month(budget.bills(pd.DataFrame(rows), [record]), date(2026, 12, 1)) == counted


@pytest.mark.parametrize("refused_again", [True, False])
def test_a_night_run_again_on_a_later_day_is_billed_again_for_what_it_reads(tmp_path, refused_again):
    """A user X returned whose values were refused is read again by the night's next run:
    free the same UTC day, billed afresh on a later one (a re-run the morning after), and
    the month counts both reads."""
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        x.users["1001"].wire_override = {"public_metrics": "lots"}
        run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT))
        if not refused_again:
            x.users["1001"].wire_override = {}
        again = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT + timedelta(hours=12)))
    assert again.plan.keys == [("dept-00001", "x")] and again.states["ok"] == (0 if refused_again else 1)
    first, second = runs_of(data)
    assert first["reads_billed"] == 4 and second["reads_billed"] == 1 and second["month_reads_used"] == 5
    assert month_reads(data, NIGHT) == 5


def test_a_missed_night_collected_the_next_month_spends_that_months_budget(tmp_path):
    """X bills a read on the UTC day of its request: 30 November collected on 1 December is
    planned with December's share and counted in December, so December's nights that follow
    have that much less, and November's count is untouched. The night of 1 December, read
    the same UTC day, reads the 100 accounts read that morning again besides its allowance:
    X bills each once that day, so they take none of it, nor of a re-run's that day."""
    data = registry(tmp_path, 150, monthly_read_budget=3100)  # 100 a night in December
    missed, first = date(2026, 11, 30), date(2026, 12, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        late = run_night(data, missed, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 6, 0, tzinfo=UTC)))
        night = run_night(data, first, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 21, 30, tzinfo=UTC)))
        rerun = run_night(data, first, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 23, 0, tzinfo=UTC)))
    # November's last night would have had all of November's budget left, billed in December.
    assert late.plan.allowance == 100 and late.states["ok"] == 100
    assert night.plan.used_this_month == 100 and night.plan.allowance == (3100 - 100) // 31 == 96
    assert night.plan.free == 100 and night.plan.reads == 150 and night.states["ok"] == 150
    again = set(snapshot_of(data, missed).index) & set(snapshot_of(data, first).index)
    assert len(again) == 100
    assert runs_of(data, first)[0]["reads_billed"] == 50 and runs_of(data, first)[0]["month_reads_used"] == 150
    assert month_reads(data, missed) == 0 and month_reads(data, first) == 150
    # The night spent 50 of its share: the 100 read again were the morning's reads.
    assert rerun.plan.used_this_month == 100 and rerun.plan.allowance == 96 - 50 and rerun.plan.keys == []


def test_accounts_read_free_are_not_charged_again_when_the_other_night_runs_on_another_day(tmp_path):
    """30 November collected on the morning of 1 December reads 100 accounts; the night of
    1 December reads them again free and 50 more. 30 November is then run again on 2 December
    (it reads nothing), so the day of each of its reads is no longer known from its record:
    it counts its 100 whole. The night of 1 December paid 50: a re-run of it has 50 of its
    share left, not none (the 100 cut it once as the other night's and again as its own),
    and December has spent 150 reads, not 250."""
    data = registry(tmp_path, 150, monthly_read_budget=3100)  # 100 a night in December
    missed, night = date(2026, 11, 30), date(2026, 12, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        run_night(data, missed, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 6, 0, tzinfo=UTC)))
        first = run_night(data, night, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 21, 30, tzinfo=UTC)))
        late_again = run_night(data, missed, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 2, 5, 0, tzinfo=UTC)))
        again = run_night(data, night, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 2, 6, 0, tzinfo=UTC)))
    assert first.plan.free == 100 and runs_of(data, night)[0]["reads_billed"] == 50
    assert late_again.plan.reads == 0
    assert month_reads(data, night) == 150  # the 50 the night paid are counted, once
    share = (3100 - 100) // 30  # the nights of 2 to 31 December
    assert again.plan.used_this_month == 100 and again.plan.allowance == share - 50


def test_users_read_free_are_not_charged_again_when_the_night_runs_again_on_another_day(tmp_path):
    """30 November collected on the morning of 1 December reads 4 accounts; the night of
    1 December reads the 4 again free, and refuses the values of one (billed without
    figures, free all the same). Run again on 2 December it reads that one again, billed
    afresh: December has spent 5 reads, not 8 (the 4 counted again as what the night's
    runs left out of their bill)."""
    data = registry(tmp_path, 4)
    missed, night = date(2026, 11, 30), date(2026, 12, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        run_night(data, missed, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 6, 0, tzinfo=UTC)))
        x.users["1001"].wire_override = {"public_metrics": "lots"}
        run_night(data, night, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 1, 21, 30, tzinfo=UTC)))
        again = run_night(data, night, TOKEN, x.url, clock=clock_at(datetime(2026, 12, 2, 6, 0, tzinfo=UTC)))
    first, second = runs_of(data, night)
    assert first["billed_without_figures"] == ["dept-00001"] and first["reads_billed"] == 0
    assert again.plan.keys == [("dept-00001", "x")] and second["reads_billed"] == 1
    assert month_reads(data, night) == 5  # 4 on 1 December, 1 on 2 December


@pytest.mark.parametrize("again_at", [datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
                                      datetime(2026, 12, 1, 6, 0, tzinfo=UTC)])
def test_a_rerun_is_charged_what_the_nights_earlier_runs_spent_of_its_own_month(tmp_path, again_at):
    """30 November stopped by its deadline after 100 of 150 accounts, then run again. The
    earlier reads were billed in November: a re-run the same day has that much less of
    November's share, a re-run on 1 December has December's share whole (100 a night)."""
    data = registry(tmp_path, 150, monthly_read_budget=3100, night_deadline_seconds=50)
    night = date(2026, 11, 30)
    start = datetime(2026, 11, 30, 22, 0, tzinfo=UTC).timestamp()
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        # Every request served takes a hundred seconds of the night's clock: one lookup, then the deadline.
        first = run_night(data, night, TOKEN, x.url, clock=lambda: start + 100.0 * x.served["all"])
        assert first.states["ok"] == 100 and "deadline" in first.stopped_early
        tune(data, night_deadline_seconds=2700)
        again = run_night(data, night, TOKEN, x.url, clock=clock_at(again_at))
    assert again.plan.allowance == (3100 - 100 if again_at.month == 11 else 100)
    assert again.states["ok"] == 50 and len(snapshot_of(data, night)) == 150
    if again_at.month == 12:
        assert month_reads(data, night) == 100 and month_reads(data, again_at.date()) == 50
    else:
        assert month_reads(data, night) == 150 and month_reads(data, date(2026, 12, 1)) == 0


@pytest.mark.parametrize("started, read", [(datetime(2026, 11, 30, 23, 58, tzinfo=UTC), 100),
                                           (datetime(2026, 11, 30, 23, 59, 30, tzinfo=UTC), 0),
                                           (datetime(2026, 11, 30, 23, 50, tzinfo=UTC), 150)])
def test_no_lookup_is_started_on_a_day_the_plan_did_not_budget(tmp_path, started, read):
    """November's budget is spent, and the 150 accounts were read on 30 November already (a
    missed night collected that morning): the night of 30 November reads them again free,
    two requests of 100 and 50, each taking 200 seconds. X bills by the UTC day of the
    request: a second request after midnight would be billed in December, 50 reads that no
    plan allowed (December's share is 4 a night). The lookups stop before midnight (a run
    that starts too near it reads nothing, and is no failed night), and a re-run plans the
    rest with December's share, every read of which is counted. A night whose lookups end
    before midnight is not stopped."""
    data = registry(tmp_path, 150, monthly_read_budget=150)
    night, december = date(2026, 11, 30), date(2026, 12, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        x.clock = clock_at(datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
        run_night(data, night - timedelta(days=1), TOKEN, x.url, clock=x.clock)
        at = started.timestamp() - 200.0 * x.served["all"]  # every request served takes 200 s of the clock
        x.clock = lambda: at + 200.0 * (x.served["all"] - 1)
        summary = run_night(data, night, TOKEN, x.url, clock=lambda: at + 200.0 * x.served["all"])
        assert summary.plan.allowance == 0 and summary.plan.free == summary.plan.reads == 150
        assert december not in x.billed and summary.states["ok"] == read and not summary.all_failed
        if read == 150:
            assert not summary.stopped_early
            return
        assert "midnight" in summary.stopped_early and "midnight" in summary.line()
        x.clock = clock_at(datetime(2026, 12, 1, 0, 10, tzinfo=UTC))
        again = run_night(data, night, TOKEN, x.url, clock=x.clock)
    assert again.plan.allowance == 150 // 31 and again.plan.free == 0 and again.states["ok"] == 4
    assert runs_of(data, night)[0]["reads_billed"] == 0  # the free reads it made before midnight
    assert len(x.billed[december]) == month_reads(data, december) == 4
    assert len(x.billed[night]) == month_reads(data, night) == 150


@pytest.mark.parametrize("monthly, after_midnight", [(3000, 50), (190, 4), (150, 0)])
def test_a_run_past_midnight_within_the_month_goes_on_under_the_new_days_allowance(tmp_path, monthly,
                                                                                   after_midnight):
    """The night of 20 November reads its 150 accounts free (a missed night read them that
    morning), two requests of 100 and 50, each taking 200 seconds, from 23:58. Past midnight
    the other 50 are billed afresh on 21 November: the run waits out the clocks' leeway and
    reads them within that day's allowance of the month's budget ((monthly - 150) // 10
    reads), as many as it allows; a spent budget reads none and says why. The month never
    goes over its budget, and counts every read."""
    data = registry(tmp_path, 150, monthly_read_budget=3000)
    slept = [0.0]
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        x.clock = clock_at(datetime(2026, 11, 20, 6, 0, tzinfo=UTC))
        run_night(data, NIGHT - timedelta(days=1), TOKEN, x.url, clock=x.clock)
        tune(data, monthly_read_budget=monthly)
        at = datetime(2026, 11, 20, 23, 58, tzinfo=UTC).timestamp() - 200.0 * x.served["all"]
        x.clock = lambda: at + 200.0 * (x.served["all"] - 1) + slept[0]
        summary = run_night(data, NIGHT, TOKEN, x.url, clock=lambda: at + 200.0 * x.served["all"] + slept[0],
                            sleep=lambda seconds: slept.__setitem__(0, slept[0] + seconds))
    next_day = NIGHT + timedelta(days=1)
    assert summary.plan.free == summary.plan.reads == 150 and not summary.all_failed
    assert len(x.billed[NIGHT]) == 150 and len(x.billed.get(next_day, ())) == after_midnight
    assert summary.states["ok"] == 100 + after_midnight
    record = runs_of(data)[0]
    assert record["reads_billed"] == after_midnight and record["month_reads_used"] == 150 + after_midnight
    assert month_reads(data, NIGHT) == 150 + after_midnight <= monthly
    if after_midnight == 0:
        assert "leaves no reads for 2026-11-21 (150 used)" in summary.stopped_early


def test_a_run_past_midnight_in_the_month_without_free_reads_goes_on_and_counts_them(tmp_path):
    """A plan that reads nothing free costs the same on either side of a midnight within its
    month: the run goes on, and the reads X billed on the next day are counted."""
    data = registry(tmp_path, 150)
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        at = datetime(2026, 11, 20, 23, 58, tzinfo=UTC).timestamp()  # every request served takes 200 s
        x.clock = lambda: at + 200.0 * (x.served["all"] - 1)
        summary = run_night(data, NIGHT, TOKEN, x.url, clock=lambda: at + 200.0 * x.served["all"])
    assert summary.plan.free == 0 and summary.states["ok"] == 150 and not summary.stopped_early
    assert {day: len(users) for day, users in x.billed.items()} == {NIGHT: 100, NIGHT + timedelta(days=1): 50}
    assert month_reads(data, NIGHT) == 150


@pytest.mark.parametrize("missed", [True, False])
def test_a_night_without_a_record_collected_today_costs_what_it_read_today(tmp_path, missed):
    """The night of 20 November reads its 6 accounts and stops before it writes its record;
    it is run again the same day. Its rows are reads of that day (a night is collected on its
    day or later): when a missed night collected that morning had read the 6, they were free,
    and the re-run keeps its whole share; else they cut it by 6. The month counts 6 either way."""
    data = registry(tmp_path, 6, monthly_read_budget=3000)
    with XEmulator(TOKEN) as x:
        populate(x, 6)
        if missed:
            run_night(data, NIGHT - timedelta(days=1), TOKEN, x.url, clock=clock_at(ON_THE_NIGHT - timedelta(hours=12)))
        first = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT))
        run_file(data, "x", NIGHT.isoformat()).unlink()
        again = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT + timedelta(minutes=30)))
    assert first.plan.free == (6 if missed else 0) and first.states["ok"] == 6 and again.plan.reads == 0
    used = 6 if missed else 0
    assert again.plan.used_this_month == used and again.plan.allowance == (3000 - used) // 11 - (6 - used)
    assert month_reads(data, NIGHT, today=NIGHT) == 6


@pytest.mark.parametrize("record", ["short", "none"])
def test_a_night_counts_at_least_the_accounts_it_has_figures_for(tmp_path, record):
    """A record of an older collector counted fewer reads than the night has good rows (it
    did not list users refused), and a night may have no record: the good rows are the
    least X billed, on the night's days."""
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT))
    path = run_file(data, "x", NIGHT.isoformat())
    if record == "none":
        path.unlink()
    else:
        body = json.loads(path.read_text())
        body["runs"][0]["reads_billed"] = 1
        del body["runs"][0]["billed_without_figures"]
        path.write_text(json.dumps(body))
    assert month_reads(data, NIGHT) == 3 and month_reads(data, date(2026, 12, 1)) == 0



def test_a_night_collected_after_it_keeps_no_row_of_an_account_that_posted_since(tmp_path):
    """A missed night collected later: X tells the latest post as of the lookup, so a post
    after the night is true but not the night's observation. The account gets no row (and
    no error), is billed, is not asked again by a re-run of the night, and the next night
    reads it. A post on the night itself is the night's."""
    data = registry(tmp_path, 3)
    on_the_night = datetime(2026, 11, 20, 23, 59, tzinfo=UTC)
    after = datetime(2026, 11, 21, 0, 5, tzinfo=UTC)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.users["1001"].last_post, x.users["1002"].last_post = on_the_night, after
        summary = run_night(data, NIGHT, TOKEN, x.url)
        asked = x.served["lookup"]
        again = run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["lookup"] == asked and again.plan.reads == 0
        later = run_night(data, NIGHT + timedelta(days=1), TOKEN, x.url)
    assert dict(summary.states) == {"ok": 2} and summary.after_night == 1 and summary.retried == 0
    assert not summary.all_failed and "posted after the night 1" in summary.line()
    snap = snapshot_of(data)
    assert list(snap.index) == ["dept-00000", "dept-00001"]
    assert snap.loc["dept-00001", "last_post_at"] == "2026-11-20T23:59:00Z"
    record = runs_of(data)[0]
    assert record["posted_after_night"] == record["billed_without_figures"] == ["dept-00002"]
    assert record["reads_billed"] == 3 and record["problems"] == []
    assert ("dept-00002", "x") in later.plan.keys and later.states["ok"] == 3
    assert snapshot_of(data, NIGHT + timedelta(days=1)).loc["dept-00002", "last_post_at"] == "2026-11-21T00:05:00Z"
    load_dataset(data)  # validate accepts both nights


def test_a_past_night_whose_accounts_all_posted_since_is_not_a_failed_night(tmp_path):
    data = registry(tmp_path, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 1, last_post=datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
        env = {"X_BEARER_TOKEN": TOKEN, "X_API_BASE_URL": x.url}
        result = in_process(["collect", "--data", str(data), "--date", NIGHT.isoformat()], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "posted after the night 1" in result.stdout and "error" not in result.stderr
    assert not history.day_file(data, paths.SNAPSHOTS, "x", NIGHT.isoformat()).exists()
    assert runs_of(data)[0]["posted_after_night"] == ["dept-00000"]
    load_dataset(data)  # a night of a run record alone is valid


@pytest.mark.parametrize("day, refused", [(NIGHT - timedelta(days=1), True), (NIGHT, False),
                                          (NIGHT + timedelta(days=1), False)])
def test_a_night_of_a_run_record_alone_is_the_newest_night_collected(tmp_path, day, refused):
    """A night whose every account posted after it writes only its run record, yet X billed
    its reads: an earlier night is refused after it; the night again, or a later one, is not."""
    data = registry(tmp_path, 1)
    with XEmulator(TOKEN) as x:
        populate(x, 1, last_post=datetime(2026, 11, 22, 8, 0, tzinfo=UTC))
        run_night(data, NIGHT, TOKEN, x.url)
    assert not history.day_file(data, paths.SNAPSHOTS, "x", NIGHT.isoformat()).exists()
    result = CliRunner().invoke(main, ["collect", "--data", str(data), "--date", day.isoformat(), "--dry-run"])
    assert (result.exit_code != 0) == refused, result.output
    assert ("is before the newest night collected (2026-11-20)" in result.output) == refused
    assert "Traceback" not in result.output


@pytest.mark.parametrize("after_lookup, refused", [(timedelta(minutes=-1), False), (timedelta(minutes=4), False),
                                                   (timedelta(minutes=10), True), (timedelta(days=400), True)])
def test_a_latest_post_after_the_lookup_is_refused_within_the_clocks_leeway(after_lookup, refused):
    now = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    user = {OLD_FIELD: snowflake(now + after_lookup)}
    if refused:
        with pytest.raises(lookup.Unusable, match="after the lookup"):
            lookup._last_post(user, NIGHT, now)
    else:
        assert lookup._last_post(user, NIGHT, now).startswith("2026-11-20")


# --- 3. malformed answers, deadlines -----------------------------------------------------

@pytest.mark.parametrize("fault", ["json", "html", "html502", "empty", "400", "absurd", "trickle"])
def test_a_malformed_answer_costs_its_batch_only(tmp_path, fault):
    # A deadline long enough for a good answer on a loaded machine (a good batch timed out would
    # be looked up again, and the count below be off); a trickled body is cut at it all the same.
    data = registry(tmp_path, 250, max_retries=0, request_timeout_seconds=2.0, retry_failed_after_seconds=0.01)
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        x.faults.script = {2: fault, 4: fault}  # the second batch, and its retry later in the night
        summary = run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["lookup"] == 4
    assert (summary.states["ok"], summary.states["error"]) == (150, 100)
    snap = snapshot_of(data)
    assert len(snap) == 250 and (snap["state"] == "error").sum() == 100
    assert snap.loc["dept-00000", "followers"] == "100"
    load_dataset(data)
    record = runs_of(data)[-1]
    assert len(record["problems"]) == 100 and record["accounts_retried"] == 100
    assert all(p["reason"] for p in record["problems"])


def test_a_token_refused_partway_keeps_and_counts_what_x_answered_before(tmp_path):
    """X billed the users of the batches it answered before it refused the token (revoked in
    the night): their figures are written and the run record counts them; the night says why it
    stopped. A token refused from the first request keeps nothing (test_the_cli_...)."""
    data = registry(tmp_path, 250, max_retries=0, retry_failed_after_seconds=0.01)
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        x.faults.script = {2: "401"}  # the second batch of 100, and every request after it
        summary = run_night(data, NIGHT, TOKEN, x.url)
    assert "refused the token after answering 100 accounts" in summary.stopped_early
    assert TOKEN not in summary.stopped_early
    snap = snapshot_of(data)
    assert (snap["state"] == "ok").sum() == 100
    load_dataset(data)
    record = runs_of(data)[-1]
    assert record["reads_billed"] >= 100 and "refused the token" in record["stopped_early"]


@pytest.mark.parametrize("fault", ["json", "trickle", "400"])
def test_a_malformed_page_of_posts_leaves_that_day_unmeasured(tmp_path, fault):
    data = registry(tmp_path, 1, reply_requests_per_night=10, max_retries=0, request_timeout_seconds=0.4)
    with XEmulator(TOKEN) as x:
        populate(x, 1)
        conversation(x)
        x.faults.script = {2: fault}  # the first page of mentions
        summary = run_night(data, NIGHT, TOKEN, x.url)
    assert summary.states["ok"] == 1 and summary.replies_measured == 0 and summary.stopped_early is None
    assert not (data / "replies").exists()
    load_dataset(data)


def test_a_trickled_answer_meets_the_request_deadline(tmp_path):
    data = registry(tmp_path, 3, max_retries=1, request_timeout_seconds=0.5, retry_failed_after_seconds=0.01)
    started = time.monotonic()
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.faults.script = {1: "trickle", 2: "trickle", 3: "trickle", 4: "trickle"}
        x.faults.trickle_seconds = 0.02  # well inside the per-read timeout, never done in time
        summary = run_night(data, NIGHT, TOKEN, x.url)
    assert time.monotonic() - started < 5
    assert summary.states["error"] == 3
    assert set(snapshot_of(data)["state"]) == {"error"}


def test_the_night_deadline_stops_new_requests_and_keeps_what_was_fetched(tmp_path):
    data = registry(tmp_path, 350, night_deadline_seconds=250)
    with XEmulator(TOKEN) as x:
        populate(x, 350)
        start = time.time()
        # Every request served takes a hundred seconds of the night's clock.
        summary = run_night(data, NIGHT, TOKEN, x.url, clock=lambda: start + 100.0 * x.served["all"])
        assert x.served["lookup"] == 3
    assert summary.states["ok"] == 300 and "deadline" in summary.stopped_early
    assert len(snapshot_of(data)) == 300
    record = runs_of(data)[-1]
    assert "deadline" in record["stopped_early"]
    load_dataset(data)


def test_no_rate_limit_wait_passes_the_night_deadline(tmp_path):
    data = registry(tmp_path, 150, night_deadline_seconds=60)
    waits = []
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        x.faults.script = {2: "429"}
        x.faults.reset_after = 600
        summary = run_night(data, NIGHT, TOKEN, x.url, sleep=waits.append)
    assert waits == [] and summary.states["ok"] == 100 and "deadline" in summary.stopped_early
    assert len(snapshot_of(data)) == 100


# --- 4. failures are retried -------------------------------------------------------------

def test_the_planner_does_not_count_a_failed_lookup_as_a_refresh():
    today = "2026-11-24"
    rows = [
        {"department_id": "fresh", "date": today, "state": "ok"},
        {"department_id": "failed", "date": "2026-11-21", "state": "ok"},
        {"department_id": "failed", "date": today, "state": "error"},
        {"department_id": "never", "date": today, "state": "error"},
        {"department_id": "gone", "date": today, "state": "not_found"},
    ]
    snapshots = pd.DataFrame([{"platform": "x", "source": "x-api", "last_post_at": None, "followers": 10, **r}
                              for r in rows])
    states = budget.account_states(snapshots)
    keys = [(d, "x") for d in ("fresh", "failed", "never", "gone")]
    plan = budget.plan_night(keys, states, date(2026, 11, 24), 0, CollectConfig(), StatusConfig())
    assert sorted(plan.keys) == [("failed", "x"), ("never", "x")]


def test_failures_are_retried_later_the_same_night(tmp_path):
    data = registry(tmp_path, 250, max_retries=0, retry_failed_after_seconds=7)
    pauses = []
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        x.faults.script = {2: "503"}
        summary = run_night(data, NIGHT, TOKEN, x.url, sleep=pauses.append)
        assert x.served["lookup"] == 4
    assert summary.states["ok"] == 250 and 7 in pauses
    record = runs_of(data)[-1]
    assert record["accounts_retried"] == 100 and record["problems"] == []
    assert record["outcomes"]["ok"] == 250 and record["reads_billed"] == 250


def test_the_same_night_again_looks_up_the_failed_accounts_within_the_allowance(tmp_path):
    # 2,750 reads over the 11 nights left in November: 250 tonight.
    data = registry(tmp_path, 250, max_retries=0, monthly_read_budget=2750, retry_failed_after_seconds=0.01)
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        x.faults.script = {2: "503", 4: "503"}
        first = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT))
    assert first.states["error"] == 100
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        second = run_night(data, NIGHT, TOKEN, x.url, clock=clock_at(ON_THE_NIGHT + timedelta(hours=1)))
        assert x.served["lookup"] == 1
    assert second.plan.reads == 100 and second.plan.allowance == 100
    assert second.states["ok"] == 100
    snap = snapshot_of(data)
    assert (snap["state"] == "ok").all() and snap.loc["dept-00150", "followers"] == "250"
    runs = runs_of(data)
    assert [r["reads_billed"] for r in runs] == [150, 100] and runs[-1]["month_reads_used"] == 250


# --- 5. the renamed field ----------------------------------------------------------------

@pytest.mark.parametrize("mode, working", [("old", OLD_FIELD), ("new", NEW_FIELD), ("both", None)])
def test_the_recent_post_field_survives_its_rename(tmp_path, mode, working):
    data = registry(tmp_path, 250)
    with XEmulator(TOKEN, fields_mode=mode) as x:
        populate(x, 250)
        summary = run_night(data, NIGHT, TOKEN, x.url)
        asked = list(x.asked_fields)
    assert summary.states["ok"] == 250
    snap = snapshot_of(data)
    assert (snap["last_post_at"] == "2026-11-19T18:05:00Z").all()
    first = x_client.RECENT_POST_FIELDS[0]
    working = working or first
    refused = 0 if working == first else 1
    assert len(asked) == 3 + refused
    assert all(working in fields.split(",") for fields in asked[refused:])
    record = runs_of(data)[-1]
    names = [n for n in record["user_fields"] if n.startswith("most_recent")]
    assert names == ([first, working] if refused else [first])
    # Each night asks the same way: a refused field costs one request, never a read.
    with XEmulator(TOKEN, fields_mode=mode) as x:
        populate(x, 250)
        run_night(data, NIGHT + timedelta(days=1), TOKEN, x.url)
        assert len(x.asked_fields) == 3 + refused


# --- run records -------------------------------------------------------------------------

def test_run_records_without_the_new_fields_stay_valid_and_bad_problems_are_refused(tmp_path):
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        run_night(data, NIGHT, TOKEN, x.url)
    path = run_file(data, "x", NIGHT.isoformat())
    body = json.loads(path.read_text())
    for name in ("problems", "accounts_retried"):
        body["runs"][0].pop(name)
    path.write_text(json.dumps(body))
    assert check_run_record(path)[1] == []
    body["runs"][0]["problems"] = [{"department_id": "dept-00000"}]
    path.write_text(json.dumps(body))
    assert [p.column for p in check_run_record(path)[1]] == ["runs[1].problems"]
    body["runs"][0].pop("problems")
    for name in ("billed_without_figures", "posted_after_night"):
        for listed, refused in ((["dept-00000"], False), ([], False), (["Dept 0"], True), ([7], True),
                                ("dept-00000", True)):
            body["runs"][0][name] = listed
            path.write_text(json.dumps(body))
            assert [p.column for p in check_run_record(path)[1]] == ([f"runs[1].{name}"] if refused else [])
        body["runs"][0].pop(name)


# --- the data folder ---------------------------------------------------------------------

@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_is_one_line_naming_the_file(tmp_path, monkeypatch, code):
    """The night's snapshot cannot be written: the operator is told which file and why in one
    line, exit 1, as every other command says it, not a traceback."""
    data = registry(tmp_path, 3)
    before = tree_bytes(data)

    def full(path, _data):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(history, "write_atomic", full)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        monkeypatch.setenv("X_BEARER_TOKEN", TOKEN)
        monkeypatch.setenv("X_API_BASE_URL", x.url)
        result = CliRunner().invoke(main, ["collect", "--data", str(data), "--date", NIGHT.isoformat()])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and TOKEN not in result.output
    assert f"{NIGHT.isoformat()}.csv:0: -: cannot be written: {os.strerror(code)}" in result.output
    # X answered (and billed) the lookups: the journal written before them stays, for the month to count.
    after = tree_bytes(data)
    assert after.pop(f"snapshots/x/{NIGHT.isoformat()}.reads.txt").split()[2:] == \
        [b"dept-00000", b"dept-00001", b"dept-00002"]
    assert after == before


def test_a_refusal_of_the_reply_endpoints_keeps_the_nights_lookups(tmp_path):
    """An app whose access covers users lookup but not mentions is answered 403 there: the
    figures X already answered (and billed) are written, and the run record says why no
    reply was measured, instead of the whole night being thrown away every night."""
    data = registry(tmp_path, 3, reply_requests_per_night=10)
    with XEmulator(TOKEN) as x:
        populate(x, 3)

        def refuse_after_lookups(message: str) -> None:
            if message.startswith("lookup 1/1"):
                x.faults.unauthorized = True

        summary = run_night(data, NIGHT, TOKEN, x.url, progress=refuse_after_lookups)
        assert x.served["mentions"] + x.served["tweets"] >= 1
    assert set(snapshot_of(data)["state"]) == {"ok"}
    run = runs_of(data)[0]
    assert run["outcomes"]["ok"] == 3 and run["replies_measured"] == 0
    assert run["stopped_early"].startswith("replies not measured: X refused the request (HTTP 401)")
    assert summary.stopped_early == run["stopped_early"]


def test_a_night_stopped_before_any_answer_exits_3(tmp_path, monkeypatch):
    """A rate limit longer than the night's maximum wait on the first request: no account was
    looked up, so no row is an error either. The night is recorded and, as when every lookup
    failed, collect exits 3 so the workflow opens the failure issue instead of passing."""
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.faults.rate_limited, x.faults.reset_after = 5, 3600
        monkeypatch.setenv("X_BEARER_TOKEN", TOKEN)
        monkeypatch.setenv("X_API_BASE_URL", x.url)
        result = CliRunner().invoke(main, ["collect", "--data", str(data), "--date", NIGHT.isoformat()])
    assert result.exit_code == 3, result.output
    assert "none of the night's 3 planned lookups was answered (rate limit: waiting" in result.output
    run = runs_of(data)[0]
    assert run["accounts_looked_up"] == 0 and run["stopped_early"].startswith("rate limit")
