"""The reads journal: a run killed during its lookups, or before its record, still counts what
X billed it against the month's budget. The real tweepy client talks to the local emulator."""

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from generator.collect import budget
from generator.collect import night as night_module
from generator.collect.night import run_night
from generator.problems import DataError
from generator.store.journal import Journalled, journal_file, journal_reads, read_journal
from generator.store.load import load_dataset
from generator.store.runs import run_file

from .test_collect import NIGHT, ON_THE_NIGHT, TOKEN, clock_at, populate, registry
from .test_collect_faults import month_reads, night_read
from .x_emulator import XEmulator

KILLER = """
import sys, time
from datetime import date
from pathlib import Path
from generator.collect.night import run_night
offset = float(sys.argv[4])
run_night(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), sys.argv[3], sys.argv[5],
          clock=lambda: time.time() + offset)
"""


def test_a_run_killed_during_its_lookups_counts_what_x_billed_it(tmp_path):
    """The night's second lookup is answered slowly, and the run is killed while X sends it:
    X billed all 150 users, the run wrote no row and no record. Its journal says what it
    asked: the month counts the 150, the night's re-run has that much less of its share, and
    the next night starts from 150 reads used."""
    data = registry(tmp_path, 150, monthly_read_budget=3300)  # 300 a night from 20 November
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        x.clock = clock_at(ON_THE_NIGHT)
        x.faults.script = {2: "trickle"}
        x.faults.trickle_seconds = 0.5
        offset = ON_THE_NIGHT.timestamp() - time.time()
        run = subprocess.Popen([sys.executable, "-c", KILLER, str(data), NIGHT.isoformat(), TOKEN, str(offset), x.url],
                               env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 60
            while len(x.billed.get(NIGHT, ())) < 150 and run.poll() is None and time.time() < deadline:
                time.sleep(0.05)
            assert len(x.billed.get(NIGHT, ())) == 150, run.stderr.read() if run.poll() is not None else "slow"
        finally:
            run.kill()
            run.wait()
    assert not run_file(data, "x", NIGHT.isoformat()).exists()
    assert not (data / "snapshots" / "x" / f"{NIGHT.isoformat()}.csv").exists()
    assert month_reads(data, NIGHT) == 150
    again = run_night(data, NIGHT, TOKEN, "http://127.0.0.1:9", dry_run=True,
                      clock=clock_at(ON_THE_NIGHT + timedelta(hours=1)))
    assert again.plan.allowance == 300 - 150
    following = run_night(data, NIGHT + timedelta(days=1), TOKEN, "http://127.0.0.1:9", dry_run=True,
                          clock=clock_at(ON_THE_NIGHT + timedelta(days=1)))
    assert following.plan.used_this_month == 150


def test_a_run_that_read_a_recorded_runs_failed_account_again_and_left_no_record_counts(tmp_path, monkeypatch):
    """The night's first run is recorded: X returned a user whose values it refused (billed).
    The morning after, a run of the night asks for it again, is refused again (billed again,
    on a new UTC day), writes its rows and stops before its record. Its row is the same as
    the first run's: the rows cannot tell it; the journal does, and the month counts 5."""
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        x.users["1001"].wire_override = {"public_metrics": "lots"}
        x.clock = clock_at(ON_THE_NIGHT)
        run_night(data, NIGHT, TOKEN, x.url, clock=x.clock)
        x.clock = clock_at(ON_THE_NIGHT + timedelta(hours=12))

        def killed(*_):
            raise KeyboardInterrupt

        monkeypatch.setattr(night_module, "append_run", killed)
        with pytest.raises(KeyboardInterrupt):
            run_night(data, NIGHT, TOKEN, x.url, clock=x.clock)
        assert len(x.billed[NIGHT]) == 4 and x.billed[NIGHT + timedelta(days=1)] == {"1001"}
    assert month_reads(data, NIGHT) == 5
    following = run_night(data, NIGHT + timedelta(days=1), TOKEN, "http://127.0.0.1:9", dry_run=True,
                          clock=clock_at(ON_THE_NIGHT + timedelta(days=1)))
    assert following.plan.used_this_month == 5


def test_a_torn_last_line_is_no_request_and_is_cut_before_the_next(tmp_path):
    """A run killed while writing a line never made that request: the line is passed over,
    and cut off before the next run's line, which would otherwise be glued to it."""
    path = journal_file(tmp_path, "x", "2026-11-20")
    run, at = "2026-11-20T21:30:00.000001Z", "2026-11-20T21:30:01.000000Z"
    journal_reads(tmp_path, "x", "2026-11-20", run, at, ["dept-00000", "dept-00001"])
    with path.open("ab") as torn:
        torn.write(b"2026-11-20T21:40:00.000001Z 2026-11-20T21:40:01.0000")
    lines, problems = read_journal(path)
    assert problems == [] and [line.departments for line in lines] == [("dept-00000", "dept-00001")]
    journal_reads(tmp_path, "x", "2026-11-20", run, at, ["dept-00002"])
    lines, problems = read_journal(path)
    assert problems == [] and [line.departments for line in lines] == [("dept-00000", "dept-00001"), ("dept-00002",)]


@pytest.mark.parametrize("line, wrong", [
    ("2026-11-20T21:30:00Z 2026-11-20T21:30:01Z", "expected a run's start, a time and at least one department id"),
    ("yesterday 2026-11-20T21:30:01Z dept-00000", "run 'yesterday' is not a UTC time as the collector writes it"),
    ("2026-11-20T21:30:00Z 2026-02-30T21:30:01Z dept-00000", "time '2026-02-30T21:30:01Z' is no real date or time"),
    ("2026-11-20T21:30:00Z 2026-11-20T21:30:01Z Dept 0", "'Dept' is not a department id"),
])
def test_a_bad_journal_line_is_named_with_its_file_and_line(tmp_path, line, wrong):
    data = registry(tmp_path, 1)
    path = journal_file(data, "x", "2026-11-20")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"2026-11-20T21:29:00Z 2026-11-20T21:29:01Z dept-00000\n{line}\n")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    assert [str(p) for p in caught.value.problems] == [f"{path}:2: -: {wrong}"]


def test_a_sound_journal_is_read_by_the_build_and_its_recorded_runs_count_once(tmp_path):
    """A night run to its end leaves its journal and its record: validate reads both, and the
    reads count once."""
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.clock = clock_at(ON_THE_NIGHT)
        run_night(data, NIGHT, TOKEN, x.url, clock=x.clock)
    assert journal_file(data, "x", NIGHT.isoformat()).exists()
    assert len(load_dataset(data).journal) == 1
    assert month_reads(data, NIGHT) == 3
    assert datetime.fromisoformat(load_dataset(data).runs[0]["runs"][0]["started_at"]).tzinfo == UTC


@pytest.mark.parametrize("again_on, counted", [("2026-12-01", 3), ("2026-12-02", 4)])
def test_journalled_reads_count_once_a_day_and_are_never_read_again_free(again_on, counted):
    """A recorded run of 1 December read a and b. A run that left no record asked for b and c,
    then c again (the same day: billed once), then b on `again_on` (another day: billed
    again). The recorded run's own journal lines are its record's. X may not have answered
    the unrecorded run: its accounts count, but are not offered as billed that day."""
    rows, record = night_read("2026-12-01", ["a", "b"], ("2026-12-01T21:30:00Z", "2026-12-01T21:40:00Z"))
    record["runs"][0].update(billed_without_figures=[], problems=[])
    run = "2026-12-01T22:00:00.000001Z"
    asked = [Journalled("x", "2026-12-01", "2026-12-01T21:30:00Z", "2026-12-01T21:30:01Z", ("a", "b")),
             Journalled("x", "2026-12-01", run, "2026-12-01T22:00:01.000000Z", ("b", "c")),
             Journalled("x", "2026-12-01", run, "2026-12-01T22:05:00.000000Z", ("c",)),
             Journalled("x", "2026-12-01", run, f"{again_on}T00:10:00.000000Z", ("b",))]
    spent = budget.bills(pd.DataFrame(rows), [record], journal=asked)
    assert budget.reads_in_month(spent, date(2026, 12, 1)) == counted
    assert budget.accounts_billed_on(spent, date(2026, 12, 1)) == {"a", "b"}
    assert budget.reads_in_month(budget.bills(pd.DataFrame(rows), [record]), date(2026, 12, 1)) == 2
