"""A problem of a run record is said on the line where what is wrong stands, so that the
operator can open the file there: a record of many runs and problems is hundreds of lines."""

import json

from click.testing import CliRunner

from generator import paths
from generator.cli import main
from generator.store.jsonpos import line_finder
from generator.store.runs import check_run_record

from .helpers import copy_bundled

NIGHT = "2026-11-20"


def good_run(**changes) -> dict:
    return {"platform": "x", "night": NIGHT, "started_at": f"{NIGHT}T21:30:00Z", "finished_at": f"{NIGHT}T21:40:00Z",
            "package_version": "1", "accounts_planned": 5, "accounts_looked_up": 5, "outcomes": {"ok": 5},
            "requests": 1, "rate_limit_waits": 0, "rate_limit_wait_seconds": 0, "retries": 0, "reads_billed": 5,
            "month_read_budget": 100, "month_reads_used": 5, "replies_measured": 0, "posts_read": 0,
            "stopped_early": None, "user_fields": ["public_metrics"],
            "problems": [{"department_id": "up-police", "reason": "timeout"}], **changes}


def written(folder, body: dict, indent: int | None = 1):
    path = folder / paths.SNAPSHOTS / "x" / f"{NIGHT}.run.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def line_of(path, needle: str, nth: int = 1) -> int:
    """The number of the nth line of the file that holds `needle`."""
    return [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text][nth - 1]


def said(path) -> list[tuple[int, str, str]]:
    body, problems = check_run_record(path)
    assert body is None
    return sorted((p.line, p.column) for p in problems)


def test_each_problem_of_a_record_is_said_on_its_own_line(tmp_path):
    """One record of two sound runs and a third with a problem of every kind, written as the
    collector writes it (one key a line): each problem on the line of its key, of the element
    of a list that is wrong, or (a field missing) of the start of its run."""
    third = good_run(package_version="<b>x</b>", month_reads_used=-5, extra_note="call me",
                     stopped_early="RLO\u202eevil", user_fields=["public_metrics", "x@y.in"],
                     outcomes={"ok": 5, "bogus": 1}, posted_after_night=["up-police", "Not A Slug"],
                     problems=[{"department_id": "up-police", "reason": "timeout"},
                               {"department_id": "bihar-eou", "reason": "bad\u2067answer"}],
                     collective_silences=[{"group": "IN-UP", "since": "2026-11-01", "accounts": 3, "silent": 3,
                                           "ending": False}, {"group": "IN-UP", "since": "soon"}])
    del third["retries"]
    path = written(tmp_path, {"platform": "x", "night": NIGHT, "runs": [good_run(), good_run(), third, 7],
                              "stray": 1})
    run = "runs[3]"
    assert said(path) == sorted([
        (line_of(path, '"stray"'), "stray"),
        (line_of(path, '"stray"') - 2, "runs[4]"),  # the 7, before the runs' "]," and "stray"
        (line_of(path, '"extra_note"'), f"{run}.extra_note"),
        (line_of(path, '"stopped_early"', 3), f"{run}.stopped_early"),
        (line_of(path, "bad\u2067answer"), f"{run}.problems[2].reason"),
        (line_of(path, '"platform"', 4) - 1, f"{run}.retries"),  # the line its run starts on
        (line_of(path, '"package_version"', 3), f"{run}.package_version"),
        (line_of(path, '"month_reads_used"', 3), f"{run}.month_reads_used"),
        (line_of(path, '"x@y.in"'), f"{run}.user_fields"),
        (line_of(path, '"Not A Slug"'), f"{run}.posted_after_night"),
        (line_of(path, '"group"', 2) - 1, f"{run}.collective_silences"),  # the element's own line
        (line_of(path, '"bogus"'), f"{run}.outcomes"),
    ])


def test_a_sound_record_written_over_many_lines_passes(tmp_path):
    body = {"platform": "x", "night": NIGHT, "runs": [good_run(), good_run(stopped_early="the deadline passed")]}
    assert check_run_record(written(tmp_path, body))[1] == []


def test_runs_missing_or_empty_are_said_where_the_runs_stand(tmp_path):
    path = written(tmp_path, {"platform": "x", "night": NIGHT, "runs": []})
    assert said(path) == [(line_of(path, '"runs"'), "runs")]
    path = written(tmp_path, [1, 2])
    assert said(path) == [(1, "runs")]


def test_the_line_of_a_key_written_twice_is_the_last_as_json_keeps_its_value():
    text = '{"a": 1,\n "b": [\n  2,\n  {"c": 3}\n ],\n "a": 4}'
    line = line_finder(text)
    assert [line(w) for w in (("a",), ("b",), ("b", 0), ("b", 1, "c"), ("b", 1, "d"), ("z",), ())] == \
           [6, 2, 3, 4, 4, 1, 1]


def validated(tmp_path, problems: list[dict]):
    """(the record's path, validate's result) for a bundled data folder whose night's one run
    reports `problems`."""
    data = copy_bundled(tmp_path / "data")
    path = written(data, {"platform": "x", "night": NIGHT, "runs": [good_run(problems=problems)]})
    return path, CliRunner().invoke(main, ["validate", "--data", str(data)], catch_exceptions=False)


def test_personal_data_in_a_record_is_audited_on_its_line(tmp_path):
    """validate's personal-data audit names the line of the field too."""
    path, result = validated(tmp_path, [{"department_id": "up-police", "reason": "timeout"},
                                        {"department_id": "up-police", "reason": "asked to call 98765 43210"}])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:{line_of(path, '98765')}: runs[1].problems[2].reason: mobile number" in result.output


def test_an_unknown_department_is_said_on_the_line_of_the_element_that_names_it(tmp_path):
    """Not the first line that holds the id's text: here a reason is that text."""
    path, result = validated(tmp_path, [{"department_id": "up-police", "reason": "no-such-dept"},
                                        {"department_id": "no-such-dept", "reason": "timeout"}])
    line = line_of(path, '"department_id": "no-such-dept"')
    assert f"{path}:{line}: runs[1].problems: unknown department id 'no-such-dept'" in result.output, result.output


def test_a_record_swapped_for_a_link_after_it_was_looked_at_is_not_read_through_it(tmp_path, monkeypatch):
    """A record is looked at and read as one act: one that is a plain file when looked at and a
    link to a file outside the data when read (swapped in between) is never followed. A link
    in its place from the start is refused by name; a plain record is read."""
    from pathlib import Path

    sound = {"platform": "x", "night": NIGHT, "runs": [good_run()]}
    path = written(tmp_path, sound)
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({**sound, "runs": [good_run(requests=666)]}), encoding="utf-8")
    looked_at = Path.is_file

    def swapped(self):  # the file is plain when looked at; a link leads out of the data just after
        plain = looked_at(self)
        if self == path and plain and not path.is_symlink():
            path.unlink()
            path.symlink_to(outside)
        return plain
    monkeypatch.setattr(Path, "is_file", swapped)
    body, problems = check_run_record(path)
    assert (body or {}).get("runs", [{}])[0].get("requests") != 666
    monkeypatch.undo()
    if not path.is_symlink():
        path.unlink()
        path.symlink_to(outside)
    body, problems = check_run_record(path)
    assert body is None and [(p.line, p.message) for p in problems] == \
        [(0, "is not a regular file (links and folders are refused)")]
    path.unlink()
    written(tmp_path, sound)
    assert check_run_record(path) == (sound, [])
