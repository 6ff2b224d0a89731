"""Inputs that used to end in a traceback or slip through: each is now one line
`file:line: column: problem`, exit 1, and nothing published changes."""

import csv
import errno
import json
import os
import pathlib

import pandas as pd
import pytest
from click.testing import CliRunner

from generator import paths, schema
from generator.cli import main
from generator.config import line_of, load_config, placeholder_problems
from generator.problems import ConfigError
from generator.publish.audit import audit_inputs
from generator.store.csvio import read_table
from generator.store.load import load_dataset

from .helpers import copy_bundled_seed, keep_districts_of, tree_bytes, write_csv


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def refused(result, *lines):
    """Exit 1, every expected line printed, and no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for line in lines:
        assert line in result.output, f"{line!r} not in:\n{result.output}"


def seed_data(root: pathlib.Path) -> pathlib.Path:
    """The seed articles' part of the bundled data: every file and kind of department the tests
    write into, a seventh of the rows to validate and pages to build, and the districts of
    their three states alone, a sixth of the registry every validate here would read again
    (test_validate checks the whole bundled data)."""
    data = copy_bundled_seed(root)
    with open(data / paths.DEPARTMENTS_CSV, encoding="utf-8", newline="") as f:
        keep_districts_of(data, {row["state"] for row in csv.DictReader(f)})
    return data


@pytest.fixture
def data(tmp_path):
    return seed_data(tmp_path / "data")


def set_config(data, section, line):
    """Replace one `key = value` line of the bundled config.toml; returns its line number."""
    config = data / paths.CONFIG_TOML
    lines = config.read_text(encoding="utf-8").splitlines()
    key = line.split("=")[0].strip()
    current = None
    for number, text in enumerate(lines, 1):
        if text.startswith("["):
            current = text.strip("[]")
        elif current == section and text.split("=")[0].strip() == key:
            lines[number - 1] = line
            config.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise AssertionError(f"{key} not in [{section}]")


# --- config.toml --------------------------------------------------------------------------


@pytest.mark.parametrize(("section", "line", "message"), [
    ("complaints", "small_cell_k = 1", "must be at least 3: with 1 or 2, a month's figure can be one or two people's"),
    ("complaints", "small_cell_k = 0", "must be at least 3"),
    ("reach", "jump_share = inf", "expected a number from 0 to 1,000,000,000, not inf"),
    ("collect", "night_deadline_seconds = nan", "expected a number from 0 to 1,000,000,000"),
    ("collect", "max_retries = 99999999999999", "expected a whole number from 0 to 1,000,000,000"),
    # Every request of every night timed out at once, each an error row, the night exit 3.
    ("collect", "request_timeout_seconds = 0", "must be above 0: no request to X could finish in no time"),
    ("collect", "night_deadline_seconds = 0.0", "must be above 0"),
    # A billion days passed, and ended the build in a traceback where the days became a span of time.
    ("complaints", "ranking_window_days = 1000000000", "expected a whole number from 0 to 36,500"),
    ("collect", "max_days_between_refresh = 40000", "expected a whole number from 0 to 36,500"),
    ("grade", "a = 500", "must be at most 100"),
    ("status", 'expected_platforms = ["x", "../../outside"]', "expected names from x, facebook, each once; "
                                                              "not '../../outside'"),
    # A right-to-left override would show the operator's name reversed on every about page.
    ("site", 'operator = "Jan Suchna \\u202eTrust"',
     "expected a name on one line (at most 200 characters, no control or direction characters), "
     'not "Jan Suchna \\u202eTrust"'),
    # Shown as typed in the file, not as Python prints it (datetime.date(2026, 1, 1)).
    ("status", "active_max_days = 2026-01-01", "expected a whole number from 0 to 36,500, not 2026-01-01"),
    ("status", "expected_platforms = [2026-01-01T10:00:00]", "expected a list of names, like [\"x\"], "
                                                             "not [2026-01-01T10:00:00]"),
])
def test_config_out_of_range_is_refused_with_its_line(data, tmp_path, section, line, message):
    number = set_config(data, section, line)
    key = line.split("=")[0].strip()
    refused(run("validate", "--data", data), f"{data / paths.CONFIG_TOML}:{number}: {key}: {message}")
    out = tmp_path / "public"
    refused(run("build", "--data", data, "--out", out, "--as-of", "2026-11-24"))
    assert not out.exists()


@pytest.mark.parametrize("written", ['"a" = 500', "'a' = 500"])
def test_a_setting_whose_name_is_quoted_is_refused_at_its_own_line(data, written):
    """TOML lets a name be quoted: the refusal points at the line that holds it, not at its
    section's header."""
    number = set_config(data, "grade", "a = 500")
    config = data / paths.CONFIG_TOML
    lines = config.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = written
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(run("validate", "--data", data, "--no-audit"),
            f"{config}:{number}: a: must be at most 100")


def test_an_unknown_key_or_table_is_shown_as_typed_on_its_own_line(data):
    """A key or table name the program does not know is printed back: one holding a terminal's
    escape, a direction mark or a newline (which would start a line of its own, a workflow
    command in a run's log) is shown quoted, each such character by its code."""
    config = data / paths.CONFIG_TOML
    text = config.read_text(encoding="utf-8").replace("[site]\n", '[site]\n"y\\u202e\\n::warning::forged" = 1\n', 1)
    config.write_text(text + '\n["x\\u001b[2J\\n::error::forged"]\nk = 1\n', encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    refused(result, '["x\\u001b[2J\\n::error::forged"]: unknown section',
            '"y\\u202e\\n::warning::forged": unknown setting in [site]')
    assert not any(line.startswith("::") for line in result.output.splitlines()), result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_an_operator_whose_name_reads_like_a_message_is_taken(data):
    """A setting's own text is never taken for what its check says ("expected ...")."""
    set_config(data, "site", 'operator = "expected soon: Jan Suchna Trust"')
    result = run("validate", "--data", data, "--no-audit")
    assert result.exit_code == 0 and "operator:" not in result.output, result.output


def test_config_that_is_a_folder_or_a_link_is_refused(data, tmp_path):
    config = data / paths.CONFIG_TOML
    elsewhere = tmp_path / "elsewhere.toml"
    config.rename(elsewhere)
    config.mkdir()
    refused(run("validate", "--data", data), f"{config}:0: -: is not a regular file")
    config.rmdir()
    config.symlink_to(elsewhere)
    refused(run("validate", "--data", data), f"{config}:0: -: is not a regular file")


def test_config_swapped_for_a_link_after_it_is_looked_at_is_never_read_through_it(data, tmp_path, monkeypatch):
    """config.toml is looked at and read as one act: a link put in its place just after it was
    found a plain file by its path (here, to settings that would name someone else on every
    page) is never followed."""
    config = data / paths.CONFIG_TOML
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[site]\noperator = "Someone Else"\n', encoding="utf-8")

    def then_swapped(look):
        def looked_at(self, *args, **kwargs):  # answers, then the link arrives
            answer = look(self, *args, **kwargs)
            if self == config and not config.is_symlink():
                config.unlink()
                config.symlink_to(elsewhere)
            return answer
        return looked_at

    monkeypatch.setattr(pathlib.Path, "is_file", then_swapped(pathlib.Path.is_file))
    try:
        operator = load_config(data).site.operator
    except ConfigError as error:
        operator = None
        assert [str(p) for p in error.problems] == [f"{config}:0: -: is not a regular file (links and folders are "
                                                    "refused)"]
    assert operator != "Someone Else"


def test_the_config_s_problems_are_placed_by_the_text_that_was_checked(data):
    """Lines are read from the bytes load_config checked, not from the file read again by its
    path: changed since (here, saved as another encoding, or gone), it raised or said line 1."""
    config = data / paths.CONFIG_TOML
    number = set_config(data, "site", 'operator = "Jan Suchna Trust, call 98765 43210"')
    text = config.read_text(encoding="utf-8")
    cfg = load_config(data)
    dataset = load_dataset(data)
    config.write_bytes(text.encode("utf-16"))
    assert [(p.column, p.line) for p in placeholder_problems(data, cfg)] == \
        [("contact_email", line_of(text, "site", "contact_email"))]
    config.unlink()
    assert [p.line for p in audit_inputs(data, dataset, cfg) if p.column == "operator"] == [number]


def test_config_or_a_csv_that_cannot_be_read_is_said_not_raised(data, monkeypatch):
    """A file the system will not give (its permissions, a failing disk) is a problem named with its
    file, never a traceback; config.toml and a CSV are each read through no link, in one act
    with its check."""
    config = data / paths.CONFIG_TOML
    departments = data / paths.DEPARTMENTS_CSV
    real = os.open

    def refusing(path, *args, **kwargs):
        if str(path).endswith(("config.toml", "departments.csv")):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    refused(run("validate", "--data", data), f"{config}:0: -: cannot be read (Permission denied)",
            f"{departments}:0: -: cannot be read (Permission denied)")


def test_methodology_says_why_small_cells_start_at_three():
    for lang, phrase in (("en", "one or two people"), ("hi", "एक या दो लोगों")):
        text = (paths.PACKAGE.parent / paths.SITE_DOCS / lang / "methodology.md").read_text(encoding="utf-8")
        assert phrase in text, lang


# --- run records --------------------------------------------------------------------------


def run_record(data, night="2026-11-20", **changes):
    record = {"platform": "x", "night": night, "started_at": f"{night}T21:30:00Z", "finished_at": f"{night}T21:40:00Z",
              "package_version": "1", "accounts_planned": 5, "accounts_looked_up": 5, "outcomes": {"ok": 5},
              "requests": 1, "rate_limit_waits": 0, "rate_limit_wait_seconds": 0, "retries": 0, "reads_billed": 5,
              "month_read_budget": 100, "month_reads_used": 5, "replies_measured": 0, "posts_read": 0,
              "stopped_early": None, "user_fields": [], **changes}
    path = data / paths.SNAPSHOTS / "x" / f"{night}.run.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"platform": "x", "night": night, "runs": [record]}), encoding="utf-8")
    return path


@pytest.mark.parametrize(("changes", "column", "message"), [
    ({"month_reads_used": -5}, "runs[1].month_reads_used", "-5 is out of range"),
    ({"rate_limit_wait_seconds": 1e400}, "runs[1].rate_limit_wait_seconds", "inf is out of range"),
    ({"outcomes": {"ok": -1}}, "runs[1].outcomes", "expected counts of ok"),
    ({"requests": 10**309}, "runs[1].requests", "10000000000000000000… is out of range"),  # no float holds it
    # Text fields hold what the collector writes, never an address or markup it would publish.
    ({"package_version": "<script>x</script> ram.kumar@gmail.com"}, "runs[1].package_version",
     "'<script>x</script> ram.kumar@gmail.com' is not what the collector writes there"),
    ({"started_at": "yesterday"}, "runs[1].started_at", "'yesterday' is not what the collector writes there"),
    # The month's read budget counts a run in the month of the day it ran.
    ({"started_at": "2026-02-30T21:30:00Z"}, "runs[1].started_at", "'2026-02-30T21:30:00Z' is no real date or time"),
    ({"finished_at": "2026-11-20T25:40:00Z"}, "runs[1].finished_at", "'2026-11-20T25:40:00Z' is no real date or time"),
    ({"night": "2026-02-30"}, "runs[1].night", "'2026-02-30' is no real date or time"),
    ({"user_fields": ["public_metrics", "x@y.in"]}, "runs[1].user_fields", "expected a list of field names"),
    # A record is republished in the night's archive as written: nothing rides along unchecked.
    ({"stopped_early": "RLO\u202eevil"}, "runs[1].stopped_early", "holds the character U+202E at position 4"),
    ({"stopped_early": "a\x00b"}, "runs[1].stopped_early", "holds the character U+0000 at position 2"),
    ({"extra_note": "call 98765 43210"}, "runs[1].extra_note", "is not a field the collector writes"),
    ({"problems": [{"department_id": "up-police", "reason": "x", "who": "y"}]}, "runs[1].problems",
     "expected a list of objects with department_id and reason"),
    ({"problems": [{"department_id": "Up Police\u2066", "reason": "x"}]}, "runs[1].problems",
     "expected a list of objects with department_id and reason"),
    ({"problems": [{"department_id": "up-police", "reason": "\u2067x"}]}, "runs[1].problems[1].reason",
     "holds the character U+2067 at position 1"),
])
def test_run_record_figures_out_of_range_are_refused(data, changes, column, message):
    path = run_record(data, **changes)
    refused(run("validate", "--data", data), f"{path}:1: {column}: {message}")


@pytest.mark.parametrize("field", ["billed_without_figures", "posted_after_night", "problems"])
def test_a_run_record_naming_a_department_the_registry_does_not_list_is_refused(data, field):
    """As a snapshot row of an unknown department is: the month's budget counts the users a
    record names, and the night's archive republishes it. The line is the id's own."""
    named = ["up-police", "no-such-dept"]
    value = [{"department_id": d, "reason": "timeout"} for d in named] if field == "problems" else named
    path = run_record(data, **{field: value})
    body = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(body, indent=1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "no-such-dept" in text)
    result = run("validate", "--data", data)
    refused(result, f"{path}:{line}: runs[1].{field}: unknown department id 'no-such-dept'")
    assert "'up-police'" not in result.output


def test_a_run_record_naming_registered_departments_is_accepted(data):
    run_record(data, billed_without_figures=["up-police"], posted_after_night=["up-police"],
               problems=[{"department_id": "gorakhpur-police", "reason": "timeout"}])
    result = run("validate", "--data", data)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("started_at", ["2026-11-20T21:30:00Z", "2026-11-21T03:00:00.5+05:30", "2026-11-20T21:30:00"])
def test_run_record_times_the_collector_may_write_are_accepted(data, started_at):
    run_record(data, started_at=started_at)
    result = run("validate", "--data", data)
    assert result.exit_code == 0, result.output


def test_a_key_beside_the_runs_of_a_record_is_refused(data):
    path = run_record(data)
    body = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**body, "\u202enote": "x"}), encoding="utf-8")
    refused(run("validate", "--data", data), f"{path}:1: '\\u202enote': is not a field of a run record")


@pytest.mark.parametrize(("changes", "column"), [
    ({"stopped_early": "stopped by citizen ram.kumar@gmail.com"}, "runs[1].stopped_early"),
    ({"problems": [{"department_id": "up-police", "reason": "asked to call 98765 43210"}]},
     "runs[1].problems[1].reason"),
])
def test_personal_data_in_a_run_record_is_found_by_validate_and_stops_the_build(data, tmp_path, changes, column):
    """Nothing in a run record can be held back as a note (it is published as the night wrote
    it): validate names it, and the build stops before anything is written."""
    path = run_record(data, night="2023-07-18", **changes)
    refused(run("validate", "--data", data), f"{path}:1: {column}:")
    out = tmp_path / "out"
    result = run("build", "--data", data, "--out", out, "--as-of", "2023-07-18", "--first-night")
    refused(result, f"{path}:1: {column}:", "a run record cannot be held back")
    assert not out.exists()


@pytest.mark.parametrize(("changes", "column", "kind"), [
    ({"handle": "m9876543210"}, "handle", "mobile number"),
    ({"source_url": "https://x.com/Uppolice?contact=ram.kumar@gmail.com"}, "source_url", "e-mail"),
])
def test_what_a_nightly_row_says_is_audited_by_validate_as_the_build_does(data, tmp_path, changes, column, kind):
    """A collected row's handle and link are shown on every page: validate finds in them what
    the build would, on the row's line. The build stops before anything is written for a
    handle (it names an account and cannot be held back) and holds back a link."""
    night = data / paths.SNAPSHOTS / "x" / "2026-11-30.csv"
    write_csv(night, schema.SNAPSHOT, [
        {**COLLECTED, "department_id": "gorakhpur-police"}, {**COLLECTED, **changes}])
    refused(run("validate", "--data", data), f"{night}:3: {column}: {kind}")
    out = tmp_path / "out"
    result = run("build", "--data", data, "--out", out, "--as-of", "2026-11-30")
    if column == "handle":
        refused(result, f"{night}:3: {column}: {kind}", "cannot be held back")
        assert not out.exists()
    else:
        assert result.exit_code == 0, result.output
        assert f"withheld pending review: data/snapshots/x/2026-11-30.csv:3: {column}: {kind}" in result.output
        assert not [f for f in out.rglob("*") if f.is_file() and b"ram.kumar" in f.read_bytes()]


def test_collected_handles_and_links_that_name_no_one_pass_validate(data):
    night = data / paths.SNAPSHOTS / "x" / "2026-11-30.csv"
    write_csv(night, schema.SNAPSHOT, [
        {**COLLECTED, "department_id": department, "handle": handle, "source_url": url}
        for department, handle, url in (
            ("up-police", "UPPolice112", "https://x.com/UPPolice112"),
            ("gorakhpur-police", "gkp_police2017", "https://x.com/gkp_police2017/status/1234567890123456789"),
            ("haryana-cm", "cmohry", "https://twitter.com/cmohry"))])
    result = run("validate", "--data", data)
    assert result.exit_code == 0, result.output


COLLECTED = {"department_id": "up-police", "platform": "x", "date": "2026-11-30", "account_id": "123456",
             "handle": "Uppolice", "followers": 5, "following": 10, "posts": 5000,
             "last_post_at": "2026-11-30T08:00:00Z", "state": "ok", "source": "x-api",
             "source_url": "https://x.com/Uppolice"}


def test_what_the_collector_says_when_a_night_stops_passes(data):
    """The innocent side: the collector's own words, with their counts and times, pass."""
    run_record(data, stopped_early="the night's deadline of 3600s passed at 22:30; 120 of 500 accounts looked up",
               problems=[{"department_id": "up-police", "reason": "request failed after 3 tries (HTTP 503)"},
                         {"department_id": "bihar-eou", "reason": "not found (code 50, user 1234567890123)"}])
    result = run("validate", "--data", data)
    assert result.exit_code == 0, result.output


def test_a_run_record_is_written_without_control_characters_from_an_exceptions_message(tmp_path):
    from generator.store.runs import append_run, check_run_record

    path = run_record(tmp_path, stopped_early="x")
    record = json.loads(path.read_text(encoding="utf-8"))["runs"][0]
    path.unlink()
    written = append_run(tmp_path, {**record, "stopped_early": "HTTP 429\nToo Many\u202e Requests",
                                    "problems": [{"department_id": "up-police", "reason": "bad\tanswer\x00"}]})
    body, problems = check_run_record(written)
    assert problems == []
    assert body["runs"][0]["stopped_early"] == "HTTP 429 Too Many Requests"
    assert body["runs"][0]["problems"][0]["reason"] == "bad answer"


def test_run_record_nested_thousands_deep_or_a_folder_is_refused(data):
    path = run_record(data)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    refused(run("validate", "--data", data), f"{path}:1: -: nested too deeply to be a run record")
    path.write_text('{"runs": [{"requests": ' + "9" * 5_000 + "}]}", encoding="utf-8")
    refused(run("validate", "--data", data), f"{path}:1: -: not a run record")
    path.unlink()
    path.mkdir()
    refused(run("validate", "--data", data), f"{path}:0: -: is not a regular file")


# --- links --------------------------------------------------------------------------------


def test_links_inside_the_data_folder_are_refused(data, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text((data / "manual" / "gorakhpur-2017.csv").read_text(encoding="utf-8"))
    (data / "manual" / "linked").symlink_to(outside)
    result = run("validate", "--data", data)
    refused(result, f"{data / 'manual' / 'linked'}:0: -: is a link; links are refused")
    out = tmp_path / "public"
    refused(run("build", "--data", data, "--out", out, "--as-of", "2026-11-24"))
    assert not out.exists()



@pytest.mark.parametrize("shape", ["a dangling link", "a pipe"])
@pytest.mark.parametrize("where", ["the data folder", "the copy of the previous site"])
def test_a_dangling_link_or_a_pipe_is_never_read_nor_waited_on(data, tmp_path, where, shape):
    """Before anything is loaded every input is digested (the night's key), the copy of the
    previous site (--pinned-from) among them: a link there is not followed out of its folder,
    a pipe not waited on for ever. In the data folder the load then refuses it by name; in the
    copy of the previous site, the pinned list's reader alone decides what is read."""
    kept = tmp_path / "kept"
    (kept / "data").mkdir(parents=True)
    odd = (data / "manual" if where == "the data folder" else kept / "data") / "odd.csv"
    odd.symlink_to(tmp_path / "nowhere") if shape == "a dangling link" else os.mkfifo(odd)
    out = tmp_path / "public"
    result = run("build", "--data", data, "--out", out, "--as-of", "2026-11-24", "--first-night",
                 "--pinned-from", kept)
    if where == "the data folder":
        refused(result, f"{odd}:0: -: " + ("is a link; links are refused" if shape == "a dangling link"
                                            else "is not a regular file"))
        assert not out.exists()
    else:
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output

# --- CSV cells: bounds, and the two readers agree ---------------------------------------


def snapshot_row(**values):
    return {"department_id": "dept-a", "platform": "x", "date": "2026-11-01", "state": "ok", "source": "manual",
            "source_url": "https://example.org/r", **values}


def both_ways(tmp_path, table, row):
    """The same row read from a plain file (the fast reader) and a quoted one (the exact reader)."""
    plain = tmp_path / "plain.csv"
    plain.write_text(",".join(table.names) + "\n" + ",".join(str(row.get(n, "")) for n in table.names) + "\n",
                     encoding="utf-8")
    quoted = tmp_path / "quoted.csv"
    with quoted.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.names, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        writer.writerow({n: row.get(n, "") for n in table.names})
    out = []
    for path in (plain, quoted):
        frame, problems = read_table(path, table, "f.csv")
        values = frame.drop(columns=["_text"], errors="ignore").astype(object).where(frame.notna(), None)
        out.append(([(p.line, p.column, p.message) for p in problems], values.to_dict("records")))
    return out


COUNTS = ["5", "0012", "1e3", "+5", "5.0", " 5", "1.5", "-0", "-3", "１２", "१२", "5_000", "inf", "999999999999",
          "1000000000000", "0" * 14 + "7"]
NUMBERS = ["12.5", "1e3", "+5", ".5", "5.", "12.50", "inf", "nan", "1_0", "9" * 400, " 5", "१२", "-1"]


def test_fast_and_exact_readers_agree_on_every_count_and_number(tmp_path):
    complaint = {"department_id": "dept-a", "channel": "x", "period_start": "2026-10-01",
                 "period_end": "2026-10-31", "received": "10", "source": "manual", "source_url": "https://example.org/r"}
    differ = []
    for table, row, values in ((schema.SNAPSHOT, lambda v: snapshot_row(followers=v), COUNTS),
                               (schema.COMPLAINTS, lambda v: {**complaint, "median_response_minutes": v}, NUMBERS)):
        for value in values:
            plain, quoted = both_ways(tmp_path, table, row(value))
            if plain != quoted:
                differ.append((table.name, value, plain, quoted))
    assert not differ, differ


CREDENTIALS = "an address with a user name or password before its host: give the address without them"


@pytest.mark.parametrize("url, refused_as", [
    ("https://editor:s3cret@example.org/report", CREDENTIALS),      # a password, published with the address
    ("http://token@example.org/r", CREDENTIALS),
    # A browser skips the extra slash and reads a user and password; here no host is named.
    ("https:///editor:s3cret@cms-internal:8080/a", "'https:///editor:s3cret@cms-internal:8080/a' names no host"),
    ("https://", "'https://' names no host"),
    ("https://[::1/r", "'https://[::1/r' is not an address a browser can open"),
    ("https://user\uff20intranet/r", "'https://user＠intranet/r' is not an address a browser can open"),
    ("https://example.org/r?by=x@y.org", None),                    # an @ after the host is the address's own
    ("https://example.org?ref=@user", None),
    ("https://example.org#@x", None),
    ("https://example.org/@handle/status/1", None),
    ("https://EXAMPLE.org:8443/r", None),
    ("https://x.com/Uppolice", None)])
def test_an_address_with_credentials_is_refused_by_both_readers(tmp_path, url, refused_as):
    """Every source address is published as it is written; the fast reader hands an address
    with "@" before its host to the parser rather than passing it."""
    plain, quoted = both_ways(tmp_path, schema.SNAPSHOT, snapshot_row(source_url=url))
    assert plain == quoted
    assert plain[0] == ([(2, "source_url", refused_as)] if refused_as else [])


@pytest.mark.parametrize(("contact", "refused_as"), [
    ("https://editor:s3cret@example.org/portal", CREDENTIALS),
    ("https://", "'https://' names no host"),
    ("https://[::1/portal", "'https://[::1/portal' is not an address a browser can open"),
    ("https://pgportal.gov.in/Home/LodgeGrievance?lang=hi", None), ("1930", None), ("+91 522 2390 257", None),
    ("jansunwai@up.gov.in", None)])
def test_a_contact_address_is_read_as_a_browser_reads_it(contact, refused_as):
    """A department's website or portal and a channel's address are published as links, as
    a source's address is."""
    for table, column in ((schema.DEPARTMENTS, "website"), (schema.CHANNELS, "contact")):
        check = next(c for c in table.columns if c.name == column).check
        if refused_as is None:
            assert check(contact) == contact
            continue
        with pytest.raises(schema.CellError) as refused:
            check(contact)
        assert str(refused.value) == refused_as


def test_signs_and_exponents_are_not_counts(tmp_path):
    (problems, _), _ = both_ways(tmp_path, schema.SNAPSHOT, snapshot_row(followers="1e3"))
    assert problems == [(2, "followers", "'1e3' is not a whole number (digits 0-9 only)")]


@pytest.mark.parametrize(("column", "length", "limit"), [
    ("source_url", 501, 500), ("department_id", 101, 100), ("source_url", 300_000, None)])
def test_cells_over_their_bound_are_refused_by_both_readers(tmp_path, column, length, limit):
    value = {"handle": "h", "department_id": "d", "source_url": "https://example.org/"}[column]
    value += "a" * (length - len(value))
    plain, quoted = both_ways(tmp_path, schema.SNAPSHOT, snapshot_row(**{column: value}))
    assert plain == quoted and plain[0], plain[0]
    if limit:
        assert plain[0][0] == (2, column, f"is {length:,} characters long; at most {limit:,} are allowed")


def test_a_megabyte_cell_is_refused_quoted_or_not(data):
    observations = data / paths.MANUAL / "big.csv"
    row = snapshot_row(department_id="up-police", source_url="https://example.org/" + "a" * 1_000_000)
    for quote in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
        with observations.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=schema.SNAPSHOT.names, quoting=quote, lineterminator="\n")
            writer.writeheader()
            writer.writerow(row)
        refused(run("validate", "--data", data), f"{observations}:2: ")


def test_the_data_dictionary_states_the_bounds():
    fields = {f["name"]: f for f in (c.frictionless() for c in schema.DEPARTMENTS.columns)}
    assert fields["name_en"]["constraints"]["maxLength"] == schema.TEXT_MAX
    assert fields["id"]["constraints"] == {"required": True, "maxLength": schema.SLUG_MAX}


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "looks"), [("cp1252", "cp1252"), ("utf-16", "UTF-16")])
def test_a_spreadsheet_saved_in_another_encoding_is_named(data, encoding, looks):
    sources = data / paths.SOURCES_CSV
    text = sources.read_text(encoding="utf-8").split("\n")[0] + "\ncafe-report,Café report,Le Café,2024-01-01,,,\n"
    sources.write_bytes(text.encode(encoding))
    refused(run("validate", "--data", data), f"{sources}:", f"file is not UTF-8 text (it looks like {looks}",
            'save it as "CSV UTF-8"')


# --- command-line options -----------------------------------------------------------------


def test_out_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "site.html"
    out.write_text("mine")
    refused(run("build", "--out", out, "--as-of", "2026-11-24"), f"{out}:0: --out: is a file")
    assert out.read_text() == "mine"


@pytest.mark.parametrize(("body", "expected"), [
    ("[columns\nstatus = 'x'\n", ":1: -: not valid TOML"),
    ("[columns]\nstatus = 5\n", ":2: status: expected a text or a list of texts"),
    ("[columns]\nwho = 'Name'\n", ":2: who: unknown in [columns]"),
    ("[status]\nresolved = []\n", ":2: resolved: expected a text or a list of texts"),
    ("colour = 'red'\n", ":1: [colour]: expected only the sections [columns] and [status]"),
    # One value under two kinds: every complaint of it would count as whichever came last.
    ("[status]\nresolved = ['resolved']\nrejected = ['Resolved', 'rejected']\n",
     ":3: rejected: 'Resolved' is also listed under resolved; a status value is of one kind"),
    (None, ":0: -: is not a regular file"),
])
def test_a_bad_map_is_refused_before_anything_is_written(data, tmp_path, body, expected):
    mapping = tmp_path / "map.toml"
    if body is None:
        mapping.mkdir()
    else:
        mapping.write_text(body, encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text("date,Status\n01-08-2026 10:00,Pending\n", encoding="utf-8")
    before = tree_bytes(data)
    refused(run("ingest-complaints", export, "--department", "haryana-cm", "--channel", "cm-window",
                "--data", data, "--map", mapping), f"{mapping}{expected}")
    assert tree_bytes(data) == before


# --- a full or read-only disk -------------------------------------------------------------


def fail_with(code):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_stops_the_writer_with_a_message(data, tmp_path, monkeypatch, code):
    export = tmp_path / "export.csv"
    write_csv(export, schema.Table("e", (schema.C("date", "string", ""), schema.C("Status", "string", ""))),
              [{"date": f"{day:02d}-08-2026 10:00", "Status": "Pending"} for day in range(1, 29) for _ in range(6)])
    before = tree_bytes(data)
    monkeypatch.setattr("generator.store.csvio.os.fsync", fail_with(code))
    result = run("ingest-complaints", export, "--department", "haryana-cm", "--channel", "cm-window", "--data", data)
    refused(result, f"cannot be written: {os.strerror(code)}", "unchanged")
    assert tree_bytes(data) == before
    assert not [p for p in data.rglob(".*.tmp")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed articles' part of the bundled data, one department's name starting with
    fullwidth ＝, built once."""
    root = tmp_path_factory.mktemp("built")
    data = seed_data(root / "data")
    departments = data / paths.DEPARTMENTS_CSV
    lines = departments.read_text(encoding="utf-8").split("\n")
    cells = next(csv.reader([lines[1]]))
    cells[1] = "＝HYPERLINK(1) " + cells[1]
    with departments.open("w", encoding="utf-8", newline="") as handle:
        handle.write(lines[0] + "\n")
        csv.writer(handle, lineterminator="\n").writerow(cells)
        handle.write("\n".join(lines[2:]))
    out = root / "public"
    result = run("build", "--data", data, "--out", out, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    return data, out


def test_fullwidth_formula_starts_are_neutralised_in_downloads(built):
    _, out = built
    handles = (out / "data" / "handles.csv").read_text(encoding="utf-8")
    assert ",'＝HYPERLINK(1) " in handles and ",＝HYPERLINK" not in handles
    for start in "＝＋－＠":
        text = schema.HANDLES.to_csv(pd.DataFrame([{"department_name_en": start + "1"}]), published=True)
        assert text.splitlines()[1].split(",")[1] == f"'{start}1"


@pytest.mark.parametrize(("code", "where"), [(errno.ENOSPC, "write"), (errno.EROFS, "swap")])
def test_a_full_or_read_only_disk_keeps_the_old_site(built, monkeypatch, code, where):
    data, out = built
    site = tree_bytes(out)
    if where == "write":
        monkeypatch.setattr(pathlib.Path, "write_bytes", fail_with(code))
    else:
        monkeypatch.setattr("generator.publish.build._swap", fail_with(code))
    result = run("build", "--data", data, "--out", out, "--as-of", "2026-11-25", "--full")
    refused(result, f"cannot be written: {os.strerror(code)}", "the published site) are unchanged")
    assert tree_bytes(out) == site
    # No half-written work folder is left; the lock file stays (a lock is free once closed).
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".") and p.name != f".{out.name}.lock"]


def test_a_last_post_after_its_observation_is_refused_and_one_the_same_day_is_not(data):
    """Checked a day at a time for every distinct stamp: the same evening passes, the next day does not."""
    night = data / paths.SNAPSHOTS / "x" / "2026-11-20.csv"
    write_csv(night, schema.SNAPSHOT, [
        {**snapshot_row(last_post_at="2026-11-20T23:59:59Z"), "date": "2026-11-20", "department_id": "up-police"},
        {**snapshot_row(last_post_at="2026-11-21T00:00:00Z"), "date": "2026-11-20",
         "department_id": "gorakhpur-police"}])
    refused(run("validate", "--data", data, "--no-audit"),
            f"{night}:3: last_post_at: is after the observation date")
    assert ":2: last_post_at" not in run("validate", "--data", data, "--no-audit").output


def test_reply_counts_that_contradict_each_other_are_refused_and_consistent_ones_pass(data):
    night = data / paths.REPLIES / "x" / "2026-11-20.csv"
    row = {"department_id": "up-police", "platform": "x", "date": "2026-11-20", "account_id": "",
           "mentions": 10, "answered": 3, "answered_within_hour": 1, "median_reply_minutes": 30, "posts_read": 20}
    write_csv(night, schema.REPLIES, [
        row, {**row, "department_id": "haryana-cm", "answered_within_hour": 9},
        {**row, "department_id": "gorakhpur-ig-zone", "answered": 0, "answered_within_hour": 0},
        {**row, "department_id": "gorakhpur-police", "median_reply_minutes": 999999999999},
        {**row, "department_id": "gorakhpur-dm", "answered": 0, "answered_within_hour": 0,
         "median_reply_minutes": "", "mentions": 0},
        {**row, "department_id": "muzaffarpur-police", "answered": 11}])
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{night}:3: answered_within_hour: is more than answered")
    output = result.output
    assert f"{night}:4: median_reply_minutes: is given, but no mention was answered" in output
    assert f"{night}:5: median_reply_minutes: 999999999999 minutes is more than a year" in output
    assert f"{night}:7: answered: is more than mentions" in output
    assert ":2:" not in output and ":6:" not in output


def test_a_nightly_row_of_another_platform_or_day_than_its_file_is_refused(data):
    night = data / paths.SNAPSHOTS / "x" / "2026-11-20.csv"
    write_csv(night, schema.SNAPSHOT, [
        {**snapshot_row(), "date": "2026-11-20", "department_id": "up-police"},
        {**snapshot_row(), "date": "2026-11-19", "department_id": "gorakhpur-police"},
        {**snapshot_row(), "date": "2026-11-20", "department_id": "gorakhpur-ig-zone", "platform": "facebook"}])
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{night}:3: date: 2026-11-19 in the file for 2026-11-20",
            f"{night}:4: platform: 'facebook' in a file under x/")
    assert f"{night}:2:" not in result.output


def test_one_account_observed_twice_on_one_day_in_two_files_is_refused(data):
    """Keys compared as numbers: the same day twice is found, a day apart or another platform is not."""
    night = data / paths.SNAPSHOTS / "x" / "2026-11-20.csv"
    write_csv(night, schema.SNAPSHOT, [{**snapshot_row(), "date": "2026-11-20", "department_id": "up-police"}])
    manual = data / paths.MANUAL / "again.csv"
    with (data / paths.ACCOUNTS_CSV).open("a", encoding="utf-8") as handle:
        handle.write("up-police,facebook,,,unverified,https://example.org/r\n")
    write_csv(manual, schema.SNAPSHOT, [
        {**snapshot_row(), "date": "2026-11-19", "department_id": "up-police"},
        {**snapshot_row(), "date": "2026-11-20", "department_id": "up-police", "platform": "facebook"},
        {**snapshot_row(), "date": "2026-11-20", "department_id": "up-police"}])
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{manual}:4: date: duplicate department_id=up-police, platform=x, date=2026-11-20 "
                    f"(also {night}:2)")
    assert f"{manual}:2:" not in result.output and f"{manual}:3:" not in result.output


def test_a_hand_entered_figure_of_an_account_the_registry_does_not_list_is_refused(data, tmp_path):
    """A platform typed "facebok", or a figure put under the department that has no account:
    it would be published as a new account of that department (a follower count beside "no
    account"), and the account it belongs to would lose it without a word."""
    manual = data / paths.MANUAL / "muzaffarpur-2023.csv"
    text = manual.read_text(encoding="utf-8")
    line = text.splitlines().index(next(row for row in text.splitlines() if row.startswith("nbpdcl,x,"))) + 1
    manual.write_text(text.replace("nbpdcl,x,", "nbpdcl,facebok,", 1) +
                      "gorakhpur-dm,x,2023-07-18,,,5000,,,,ok,manual,source:muzaffarpur-2023\n", encoding="utf-8")
    last = len(text.splitlines()) + 1
    for command in (("validate", "--data", data, "--no-audit"),
                    ("build", "--data", data, "--out", tmp_path / "public", "--as-of", "2026-11-24")):
        refused(run(*command),
                f"{manual}:{line}: platform: 'facebok': {paths.ACCOUNTS_CSV} lists no facebok account of nbpdcl",
                f"{manual}:{last}: platform: 'x': {paths.ACCOUNTS_CSV} lists no x account of gorakhpur-dm")
    assert not (tmp_path / "public").exists()
    # A registry row whose platform cannot be read is its own one problem, not also every figure of it.
    manual.write_text(text, encoding="utf-8")
    accounts = data / paths.ACCOUNTS_CSV
    accounts.write_text(accounts.read_text(encoding="utf-8").replace("nbpdcl,x,", "nbpdcl,X,", 1), encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    refused(result, "platform: 'X' is not a slug")
    assert "lists no" not in result.output and "1 problem(s) found" in result.output, result.output


@pytest.mark.parametrize(("separator", "said"), [(";", "';'"), ("\t", "tabs")])
def test_a_sheet_saved_with_another_list_separator_is_named(data, separator, said):
    """Not eight 'missing column' lines and one unknown column of the whole header."""
    departments = data / paths.DEPARTMENTS_CSV
    rows = list(csv.reader(departments.open(encoding="utf-8", newline="")))
    with departments.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=separator).writerows(rows)
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{departments}:1: -: columns are separated by {said}, not commas")
    assert "1 problem(s) found" in result.output, result.output


def test_a_profiles_address_in_place_of_its_handle_is_named_as_a_link(data):
    accounts = data / paths.ACCOUNTS_CSV
    text = accounts.read_text(encoding="utf-8")
    accounts.write_text(text.replace("up-police,x,Uppolice,", "up-police,x,https://x.com/Uppolice?lang=hi,", 1),
                        encoding="utf-8")
    refused(run("validate", "--data", data, "--no-audit"),
            f"{accounts}:2: handle: 'https://x.com/Uppolice?lang=hi' is a link: write only the handle (Uppolice)")


@pytest.mark.parametrize(("column", "value", "said"), [
    ("handle", "Up.Police", "'Up.Police' is not an X handle: X's are 1 to 15 letters, digits or '_'"),
    ("handle", "..", "'..' is not an X handle"),
    ("handle", "UttarPradeshPolice", "'UttarPradeshPolice' is not an X handle"),
    ("account_id", "12345678901234567890", "'12345678901234567890' is not an X account id: X's are at most 19 digits"),
])
def test_an_x_handle_or_id_x_would_refuse_is_named_before_it_fails_a_nights_lookup(data, column, value, said):
    """X refuses a whole lookup naming one such value: the other 99 accounts of the request
    would go unobserved every night."""
    accounts = data / paths.ACCOUNTS_CSV
    rows = list(csv.DictReader(accounts.open(encoding="utf-8")))
    line = next(n for n, row in enumerate(rows, 2) if row["department_id"] == "up-police")
    rows[line - 2][column] = value
    write_csv(accounts, schema.ACCOUNTS, rows)
    refused(run("validate", "--data", data, "--no-audit"), f"{accounts}:{line}: {column}: {said}")


def test_x_handles_and_ids_as_x_gives_them_and_dotted_names_elsewhere_pass(data):
    accounts = data / paths.ACCOUNTS_CSV
    rows = list(csv.DictReader(accounts.open(encoding="utf-8")))
    for row in rows:
        if row["department_id"] == "up-police":
            row.update(handle="Up_Police_2016x", account_id="1234567890123456789")  # 15 characters, 19 digits
    rows.append({"department_id": "up-police", "platform": "facebook", "handle": "up.police.official.page",
                 "official": "unverified", "source_url": "https://example.org/list"})
    write_csv(accounts, schema.ACCOUNTS, rows)
    assert "is not an X" not in run("validate", "--data", data, "--no-audit").output


def test_an_x_handle_or_id_x_would_refuse_is_named_in_every_file_it_enters_and_x_s_own_pass(data):
    """Observations, resolved ids and replies publish their handle as a link to x.com (one of
    '..' links to x.com itself), and feed the registry's lookups: each refuses what X would,
    where the clerk or the collector wrote it. X's longest handles and ids, and a Facebook name's
    dots, pass."""
    with (data / paths.ACCOUNTS_CSV).open("a", encoding="utf-8") as handle:
        handle.write("up-police,facebook,up.police.official,,unverified,https://example.org/r\n")
    manual = data / paths.MANUAL / "observed.csv"
    write_csv(manual, schema.SNAPSHOT, [
        {**snapshot_row(handle="Up.Police"), "department_id": "up-police"},
        {**snapshot_row(handle="up.police.official"), "department_id": "up-police", "platform": "facebook"},
        {**snapshot_row(handle="Up_Police_2016x"), "department_id": "up-police", "date": "2026-11-02"}])
    night = data / paths.SNAPSHOTS / "x" / "2026-11-20.csv"
    write_csv(night, schema.SNAPSHOT, [
        {**snapshot_row(handle=".."), "date": "2026-11-20", "department_id": "up-police", "source": "x-api"},
        {**snapshot_row(handle="Gkp_Police", account_id="1234567890123456789"), "date": "2026-11-20",
         "department_id": "gorakhpur-police", "source": "x-api"}])
    replies = data / paths.REPLIES / "x" / "2026-11-20.csv"
    write_csv(replies, schema.REPLIES, [{"department_id": "up-police", "platform": "x", "date": "2026-11-20",
                                         "account_id": "12345678901234567890", "mentions": 1, "answered": 0,
                                         "answered_within_hour": 0, "posts_read": 1}])
    ids = data / paths.ACCOUNT_IDS_CSV
    write_csv(ids, schema.ACCOUNT_IDS, [{"department_id": "up-police", "platform": "x", "account_id": "1000",
                                         "handle": "UttarPradeshPolice", "resolved_on": "2026-11-20"}])
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{manual}:2: handle: 'Up.Police' is not an X handle: X's are 1 to 15 letters, digits or '_'",
            f"{night}:2: handle: '..' is not an X handle",
            f"{replies}:2: account_id: '12345678901234567890' is not an X account id: X's are at most 19 digits",
            f"{ids}:2: handle: 'UttarPradeshPolice' is not an X handle")
    assert f"{manual}:3:" not in result.output and f"{manual}:4:" not in result.output
    assert f"{night}:3:" not in result.output
    assert "Traceback" not in result.output


def test_the_same_key_in_two_hand_entered_files_or_two_nights_is_refused(data):
    """Only rows on the days of hand-entered rows are compared when nothing else was found;
    a nightly row dated by another night is found, and then so is what it repeats."""
    first, second = data / paths.MANUAL / "a.csv", data / paths.MANUAL / "b.csv"
    for manual in (first, second):
        write_csv(manual, schema.SNAPSHOT, [{**snapshot_row(), "date": "2026-11-18", "department_id": "up-police"}])
    refused(run("validate", "--data", data, "--no-audit"),
            f"{second}:2: date: duplicate department_id=up-police, platform=x, date=2026-11-18 (also {first}:2)")
    second.unlink()
    one, other = data / paths.SNAPSHOTS / "x" / "2026-11-20.csv", data / paths.SNAPSHOTS / "x" / "2026-11-21.csv"
    write_csv(one, schema.SNAPSHOT, [{**snapshot_row(), "date": "2026-11-20", "department_id": "up-police"}])
    write_csv(other, schema.SNAPSHOT, [{**snapshot_row(), "date": "2026-11-20", "department_id": "up-police"}])
    refused(run("validate", "--data", data, "--no-audit"),
            f"{other}:2: date: 2026-11-20 in the file for 2026-11-21",
            f"{other}:2: date: duplicate department_id=up-police, platform=x, date=2026-11-20 (also {one}:2)")


def test_one_account_id_resolved_for_two_departments_is_refused_unless_they_share_it(data):
    """A lookup by id would publish one account's figures for both departments."""
    ids = data / paths.ACCOUNT_IDS_CSV
    write_csv(ids, schema.ACCOUNT_IDS, [
        {"department_id": d, "platform": "x", "account_id": "1006", "handle": h, "resolved_on": "2026-11-20"}
        for d, h in (("up-police", "Uppolice"), ("gorakhpur-police", "gorakhpur_pol"))])
    refused(run("validate", "--data", data, "--no-audit"),
            f"{ids}:3: account_id: '1006' was also resolved for up-police at line 2")
    accounts = data / paths.ACCOUNTS_CSV
    rows = list(csv.DictReader(accounts.open(encoding="utf-8")))
    for row in rows:
        row["shared"] = "yes" if row["department_id"] in ("up-police", "gorakhpur-police") else ""
    with accounts.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*rows[0].keys()])
        writer.writeheader()
        writer.writerows(rows)
    assert "was also resolved" not in run("validate", "--data", data, "--no-audit").output


def test_a_departments_file_that_cannot_be_read_is_the_one_problem_shown(data):
    """Not a hundred 'unknown department id' lines in the other files before the cause."""
    departments = data / paths.DEPARTMENTS_CSV
    departments.write_text("", encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{departments}:1: -: file is empty; expected a header row")
    assert "unknown department id" not in result.output and "1 problem(s) found" in result.output


@pytest.mark.parametrize(("header", "said"), [("Name_EN", "name_en: missing column"),
                                               ("name_en,district", "-: a column name appears twice"),
                                               ("nam_en", "nam_en: unknown column")])
def test_a_departments_header_a_spreadsheet_changed_is_the_one_problem_shown(data, header, said):
    """A header cell renamed, retyped or added twice reads no row of the file: every account,
    observation and complaint would otherwise be named as of an unknown department."""
    departments = data / paths.DEPARTMENTS_CSV
    text = departments.read_text(encoding="utf-8")
    departments.write_text(text.replace("name_en", header, 1), encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{departments}:1: {said}")
    assert "unknown department id" not in result.output, result.output


def test_a_source_date_precision_other_than_day_month_or_year_is_refused(data):
    sources = data / paths.SOURCES_CSV
    text = sources.read_text(encoding="utf-8").splitlines()
    text[1] = text[1].rsplit(",", 1)[0] + ",week"
    sources.write_text("\n".join(text) + "\n", encoding="utf-8")
    refused(run("validate", "--data", data, "--no-audit"),
            f"{sources}:2: date_precision: 'week' is not one of: day, month, year")


def test_a_setting_left_unfinished_at_the_end_of_the_config_is_placed_on_its_line(data):
    config = data / paths.CONFIG_TOML
    text = config.read_text(encoding="utf-8").rstrip("\n") + '\ncontact_note = "unfinished'
    config.write_text(text, encoding="utf-8")
    refused(run("validate", "--data", data, "--no-audit"),
            f"{config}:{len(text.splitlines())}: -: not valid TOML: Unterminated string (the file ends before "
            "it is finished)")


@pytest.mark.parametrize("line", ["active_max_days = " + "9" * 5000, "active_max_days = " + "[" * 5000 + "]" * 5000])
def test_a_config_past_the_toml_readers_limits_is_a_problem_with_its_line_not_a_crash(data, tmp_path, line):
    """A number of thousands of digits, or arrays nested thousands deep: the reader raises
    without a line of its own, and that ended validate and build in a traceback."""
    number = set_config(data, "status", line)
    config = data / paths.CONFIG_TOML
    expected = f"{config}:{number}: -: not valid TOML: a number too long, or values nested too deeply"
    refused(run("validate", "--data", data), expected)
    refused(run("build", "--data", data, "--out", tmp_path / "public", "--as-of", "2026-11-24"), expected)


@pytest.mark.parametrize("resolved, pending, refused", [("171391", "3878", True), ("71391", "3878", False),
                                                        ("85123", "3878", False), ("85124", "3878", True)])
def test_a_reported_complaint_row_whose_parts_exceed_what_it_received_is_refused(tmp_path, resolved, pending, refused):
    # 89,001 received: 171,391 resolved would publish a resolution rate of 192.6 %.
    data = seed_data(tmp_path / "data")
    path = data / "complaints" / "seed-articles.csv"
    text = path.read_text(encoding="utf-8").replace("89001,71391,,3878,", f"89001,{resolved},,{pending},")
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--no-audit", "--data", data)
    said = "seed-articles.csv:2: received: is less than its parts" in result.output
    assert (result.exit_code == 1 and said) if refused else result.exit_code == 0, result.output


def test_a_broken_header_is_said_first_not_after_what_follows_from_it(tmp_path):
    data = seed_data(tmp_path / "data")
    path = data / paths.DEPARTMENTS_CSV
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rsplit(",", 1)[0] + ",\n"  # the last column's name blanked
    path.write_text("".join(lines), encoding="utf-8")
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 1
    said = [line for line in result.output.splitlines() if not line.startswith("warning: ")]  # the config's
    assert "departments.csv:1:" in said[0], result.output[:500]


def test_a_row_dated_after_today_is_a_typing_error_validate_names(tmp_path):
    # A build would leave it out as a figure of a later night, without a word.
    data = seed_data(tmp_path / "data")
    manual = sorted((data / paths.MANUAL).glob("*.csv"))[0]
    text = manual.read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")
    at = text.splitlines()[0].split(",").index("date")
    later = first[:at] + ["2099-07-18"] + first[at + 1:]
    manual.write_text(text.rstrip("\n") + "\n" + ",".join(later) + "\n", encoding="utf-8")
    night = data / paths.SNAPSHOTS / "x" / "2099-07-19.csv"
    night.parent.mkdir(parents=True, exist_ok=True)
    night.write_text(",".join(schema.SNAPSHOT.names) + "\n", encoding="utf-8")
    result = run("validate", "--no-audit", "--data", data)
    lines = len(text.rstrip("\n").splitlines()) + 1
    assert result.exit_code == 1
    assert f"{manual.name}:{lines}: date: is after today" in result.output
    assert "2099-07-19.csv:0: -: is a night after today" in result.output
    night.unlink()
    manual.write_text(text, encoding="utf-8")
    assert run("validate", "--no-audit", "--data", data).exit_code == 0


@pytest.mark.parametrize("table, column", [(paths.CHANNELS_CSV, "checked_on"), (paths.ABSENCES_CSV, "checked_on"),
                                           (paths.SOURCES_CSV, "published_on"),
                                           (paths.DEPARTMENTS_CSV, "contact_checked_on")])
def test_a_hand_entered_day_after_today_is_named_by_validate(tmp_path, table, column):
    # "checked 2 Jan 2099" on a helpline, or an article published next year, is a typing error.
    data = seed_data(tmp_path / "data")
    path = data / table
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0] + ([column] if column not in rows[0] else [])
    rows = [header] + [row + [""] * (len(header) - len(row)) for row in rows[1:]]
    at = header.index(column)
    rows[2][at] = "2099-01-02"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 1
    assert f"{pathlib.Path(table).name}:3: {column}: is after today" in result.output, result.output[-800:]
    rows[2][at] = "2021-03-04"  # a day in the past passes
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 0, result.output[-800:]


@pytest.mark.parametrize("day, refused", [("1900-01-01", True), ("2003-12-31", True), ("2004-01-01", False)])
def test_an_observation_dated_before_any_account_existed_is_refused(tmp_path, day, refused):
    data = seed_data(tmp_path / "data")
    manual = sorted((data / paths.MANUAL).glob("*.csv"))[0]
    text = manual.read_text(encoding="utf-8")
    header, first = text.splitlines()[0].split(","), text.splitlines()[1].split(",")
    at = header.index("date")
    first[at] = day
    first[header.index("last_post_at")] = ""
    manual.write_text(text.rstrip("\n") + "\n" + ",".join(first) + "\n", encoding="utf-8")
    result = run("validate", "--no-audit", "--data", data)
    assert (result.exit_code == 1 and "when no account on these platforms existed" in result.output) if refused \
        else "when no account" not in result.output, result.output[-600:]


def test_a_csv_named_in_capitals_is_named_not_passed_over(tmp_path):
    data = seed_data(tmp_path / "data")
    manual = sorted((data / paths.MANUAL).glob("*.csv"))[0]
    manual.rename(manual.with_suffix(".CSV"))
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 1 and f"{manual.stem}.CSV:0: -: ends in .CSV: name it .csv" in result.output


def test_a_data_folder_that_is_missing_or_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    for given, said in ((tmp_path / "none", "does not exist"), (tmp_path / "file", "is a file")):
        result = run("validate", "--data", given)
        assert result.exit_code == 1 and f"{given}:0: --data: {said}" in result.output
        assert "file is missing" not in result.output


def test_a_data_folder_without_its_config_is_valid_and_says_it_runs_on_defaults(data):
    bundled = (data / paths.CONFIG_TOML).read_text(encoding="utf-8")
    (data / paths.CONFIG_TOML).unlink()
    result = run("validate", "--data", data)
    assert result.exit_code == 0, result.output
    assert f"warning: {data / paths.CONFIG_TOML} is missing; every setting is its default" in result.output
    assert "all files valid" in result.output
    # With its config, no such line; --deploy still refuses the defaults' placeholders.
    (data / paths.CONFIG_TOML).write_text(bundled, encoding="utf-8")
    assert "is missing" not in run("validate", "--data", data).output


def test_x_under_its_old_name_is_refused_where_it_is_written(data):
    """A night filed under snapshots/twitter/ would make a second platform of the same
    accounts, with pages of its own: refused by file and line, the name to use given."""
    night = {"department_id": "up-police", "platform": "twitter", "date": "2026-11-20", "state": "ok",
             "followers": "1000", "source": "x-api", "source_url": "https://x.com/uppolice"}
    write_csv(data / "snapshots" / "twitter" / "2026-11-20.csv", schema.SNAPSHOT, [night])
    refused(run("validate", "--no-audit", "--data", data),
            "snapshots/twitter/2026-11-20.csv:2: platform: 'twitter' is the old name of 'x': write x")
    # The same row as x, in x's folder, passes; so do other slugs that merely contain the name.
    (data / "snapshots" / "twitter" / "2026-11-20.csv").unlink()
    (data / "snapshots" / "twitter").rmdir()
    write_csv(data / "snapshots" / "x" / "2026-11-20.csv", schema.SNAPSHOT, [{**night, "platform": "x"}])
    assert run("validate", "--no-audit", "--data", data).exit_code == 0
    assert schema.SNAPSHOT.columns[1].parse("twitter-archive") == "twitter-archive"


def add_row(path: pathlib.Path, **cells) -> int:
    """A copy of the file's first row with `cells` changed, added at its end; returns its line."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    row = rows[1] + [""] * (len(rows[0]) - len(rows[1]))
    for column, value in cells.items():
        row[rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([*rows, row])
    return len(rows) + 1


@pytest.mark.parametrize(("cells", "column", "message"), [
    # Read whole, a 300-digit median ended the build in a traceback where it was rounded for a page.
    ({"median_response_minutes": "9" * 300}, "median_response_minutes", "a number of 300 digits is implausibly large"),
    ({"median_resolution_hours": "1" + "0" * 12 + ".5"}, "median_resolution_hours",
     "a number of 13 digits is implausibly large"),
    # A period ending in 2099 would be left out of every build until then, without a word.
    ({"period_end": "2099-10-31"}, "period_end", "is after today ("),
    ({"period_start": "0001-01-01"}, "period_start", "0001-01-01 is before 1990-01-01: a typing error?"),
    # Past 4,300 digits int() refuses a count with an error of its own: it ended validate in a traceback.
    ({"received": "9" * 5000}, "received", "a count of 5,000 digits is implausibly large"),
    # A count as a report in India writes it: said with what to write instead.
    ({"received": "1,23,456"}, "received", "'1,23,456' is not a whole number in digits 0-9 alone: write 123456"),
    ({"received": "१२३४"}, "received", "'१२३४' is not a whole number in digits 0-9 alone: write 1234"),
    # Nine digits of hours (11,000 years) were published as a median, read as a figure of this age.
    ({"median_resolution_hours": "99999999"}, "median_resolution_hours",
     "99999999 hours is more than ten years: a typing error?"),
    ({"median_resolution_hours": "87600.5"}, "median_resolution_hours", "87600.5 hours is more than ten years"),
    ({"median_response_minutes": "5256001"}, "median_response_minutes", "5256001 minutes is more than ten years"),
])
def test_a_complaint_row_no_build_could_publish_as_written_is_named_by_validate(data, cells, column, message):
    path = data / "complaints" / "seed-articles.csv"
    line = add_row(path, **{"period_start": "2016-11-01", "period_end": "2016-11-30", **cells})
    refused(run("validate", "--no-audit", "--data", data), f"{path}:{line}: {column}: {message}")


def test_a_plausible_complaint_row_passes(data):
    add_row(data / "complaints" / "seed-articles.csv", period_start="1990-01-01", period_end="1990-01-31",
            median_response_minutes="5256000", median_resolution_hours="87600")
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 0, result.output[-800:]


@pytest.mark.parametrize(("last_post_at", "message"), [
    ("0001-01-01", "0001-01-01 is before 2004-01-01, when no account on these platforms existed"),
    ("1999-05-01T10:00:00Z", "1999-05-01 is before 2004-01-01"),
    # 23:59 at UTC-12 is the next day in UTC: after the observation, which the check of days missed.
    ("2016-10-02T23:59:59-12:00", "'2016-10-02T23:59:59-12:00' is not in UTC; give the same moment in UTC, ending "
                                  "with Z"),
    ("2016-10-02T10:00:00+05:30", "'2016-10-02T10:00:00+05:30' is not in UTC; give the same moment in UTC, "
                                  "ending with Z"),
])
def test_a_last_post_time_before_any_account_or_outside_utc_is_refused(data, last_post_at, message):
    path = sorted((data / paths.MANUAL).glob("*.csv"))[0]
    line = add_row(path, date="2016-10-02", last_post_at=last_post_at)
    refused(run("validate", "--no-audit", "--data", data), f"{path}:{line}: last_post_at: {message}")


@pytest.mark.parametrize("last_post_at", ["2004-01-01", "2016-10-02T10:00:00Z", "2016-10-02T10:00:00+00:00",
                                          "2016-10-01T23:59:59.500Z"])
def test_a_last_post_time_in_utc_passes(data, last_post_at):
    add_row(sorted((data / paths.MANUAL).glob("*.csv"))[0], date="2016-10-02", last_post_at=last_post_at)
    result = run("validate", "--no-audit", "--data", data)
    assert result.exit_code == 0, result.output[-800:]


def test_a_deploy_from_another_repository_is_refused_where_its_addresses_are_set(data):
    """A fork (or a renamed repository) deploys to its own Pages and uploads to its own
    releases: a site still naming jawabdehi/jawabdehi would cite a dead link for every night."""
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--no-audit", "--deploy"],
                                env={"GITHUB_REPOSITORY": "someone/fork"}, catch_exceptions=False)
    refused(result, "repository_url: is https://github.com/jawabdehi/jawabdehi, but the site is deployed from "
                    "someone/fork: set it to https://github.com/someone/fork",
            "mkdocs.yml:0: site_url: is https://jawabdehi.github.io/jawabdehi/, but GitHub Pages serves the site at "
            "https://someone.github.io/fork/")
    # The project's own repository (its owner in any case): only the placeholders are left.
    same = run("validate", "--data", data, "--no-audit", "--deploy", "--repository", "Jawabdehi/jawabdehi")
    assert "repository_url:" not in same.output and "site_url:" not in same.output
    assert "operator: is still the bundled placeholder" in same.output


@pytest.mark.parametrize(("served_at", "accepted"), [
    ("https://jawabdehi.github.io/jawabdehi", True),  # as GitHub reports it, without the last slash
    ("https://Jawabdehi.GitHub.io/jawabdehi/", True),
    ("https://jawabdehi.example.in", False),  # a custom domain the site does not name
    ("https://jawabdehi.github.io/jawabdehi/old/", False),
])
def test_the_site_url_must_be_where_github_pages_serves_the_site(data, served_at, accepted):
    """The nightly job asks GitHub where Pages serves the site (a custom domain makes github.io
    answer with a redirect) and fetches the site online from there: mkdocs.yml must say the same."""
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--no-audit", "--deploy"],
                                env={"GITHUB_REPOSITORY": "jawabdehi/jawabdehi", "JAWABDEHI_SERVED_AT": served_at},
                                catch_exceptions=False)
    assert result.exit_code == 1  # the bundled placeholders, in every case
    said = "site_url: is https://jawabdehi.github.io/jawabdehi/, but GitHub Pages serves the site at"
    assert (said not in result.output) is accepted, result.output


def test_a_department_among_its_own_parents_is_refused(data):
    """UP Police reporting to its own IG Zone, which reports to UP Police: a circle of parents
    is no hierarchy; one that is its own parent is said as such; a chain passes."""
    file = data / paths.DEPARTMENTS_CSV
    text = file.read_text(encoding="utf-8")
    assert run("validate", "--data", data, "--no-audit").exit_code == 0
    file.write_text(text.replace("up-police,Uttar Pradesh Police,उत्तर प्रदेश पुलिस,police,IN-UP,,,",
                                 "up-police,Uttar Pradesh Police,उत्तर प्रदेश पुलिस,police,IN-UP,,gorakhpur-dig-range,"),
                    encoding="utf-8")
    refused(run("validate", "--data", data, "--no-audit"),
            f"{file}:2: parent_id: up-police is among its own parents (via gorakhpur-dig-range)",
            f"{file}:3: parent_id: gorakhpur-ig-zone is among its own parents (via up-police)",
            f"{file}:4: parent_id: gorakhpur-dig-range is among its own parents (via gorakhpur-ig-zone)")
    file.write_text(text.replace("up-police,Uttar Pradesh Police,उत्तर प्रदेश पुलिस,police,IN-UP,,,",
                                 "up-police,Uttar Pradesh Police,उत्तर प्रदेश पुलिस,police,IN-UP,,up-police,"),
                    encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    refused(result, f"{file}:2: parent_id: a department cannot be its own parent")
    assert "among its own parents" not in result.output


def test_a_file_the_build_would_pass_over_is_named(data):
    """Figures typed into a spreadsheet saved as .xlsx, or a copy in a folder of its own, would
    be left out without a word; a note for people may sit anywhere."""
    (data / paths.MANUAL / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (data / paths.MANUAL / "figures.txt").write_text("UP Police 6,500\n", encoding="utf-8")
    (data / "backup").mkdir()
    (data / "backup" / "accounts.csv").write_text("department_id\n", encoding="utf-8")
    (data / "README.md").write_text("What this folder holds.\n", encoding="utf-8")
    (data / paths.MANUAL / "README.md").write_text("How to add a figure.\n", encoding="utf-8")
    result = run("validate", "--data", data, "--no-audit")
    unread = "-: is not read by the build"
    refused(result, f"{data / paths.MANUAL / 'sheet.xlsx'}:0: {unread}",
            f"{data / paths.MANUAL / 'figures.txt'}:0: {unread}", f"{data / 'backup'}:0: {unread}")
    assert "README.md" not in result.output and "accounts.csv" not in result.output
