"""Run records: what each night's collection did, one small JSON file beside its snapshot.

The pipeline-health page and the change feed stand on these, so `validate` checks them
like any other input.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .. import paths
from ..problems import Problem
from ..schema import FORBIDDEN, LARGEST_COUNT, NOTE_MAX, SLUG, STATE_CODE, AccountState
from ..within import NotPlain, read_within
from .csvio import write_atomic
from .jsonpos import line_finder

OUTCOMES = tuple(AccountState)  # a night counts its checks by what each found
# field -> type; the record is refused when one is missing or of another type.
FIELDS: dict[str, type | tuple[type, ...]] = {
    "platform": str,
    "night": str,
    "started_at": str,
    "finished_at": str,
    "package_version": str,
    "accounts_planned": int,
    "accounts_looked_up": int,
    "outcomes": dict,
    "requests": int,
    "rate_limit_waits": int,
    "rate_limit_wait_seconds": (int, float),
    "retries": int,
    "reads_billed": int,
    "month_read_budget": int,
    "month_reads_used": int,
    "replies_measured": int,
    "posts_read": int,
    "stopped_early": (str, type(None)),
    "user_fields": list,
}
# Fields later versions record; checked when present, as older records lack them.
OPTIONAL_FIELDS: dict[str, type] = {
    "accounts_retried": int,  # accounts looked up once more: a failed lookup, or a working account found gone
    "problems": list,  # [{"department_id", "reason"}] for every error row the run wrote
    # Department ids whose user X returned (and billed) but that have no good row: a value
    # the run refused, or a latest post after the night (those are also listed on their own).
    "billed_without_figures": list,
    "posted_after_night": list,
    # The longest wait between refreshes the budget kept (0: none), beside the configured one.
    "refresh_floor_days": int,
    "refresh_floor_configured": int,
    # [{"group", "since", "accounts", "silent", "ending"}]: many accounts of a state silent at once.
    "collective_silences": list,
}


RUN_SUFFIX = ".run.json"


def run_file(data_dir: Path, platform: str, night: str) -> Path:
    return Path(data_dir) / paths.SNAPSHOTS / platform / f"{night}{RUN_SUFFIX}"


def plain(text: str) -> str:
    """A text the collector did not write itself (an exception's message, which may quote the
    API), fit to be written in a record: no control or direction character (a space instead),
    at most NOTE_MAX characters."""
    return " ".join(FORBIDDEN.sub(" ", text).split())[:NOTE_MAX]


def append_run(data_dir: Path, record: dict) -> Path:
    """Add one run to its night's record; a second run of the same night is kept beside the first."""
    record = dict(record)
    if "problems" in record:
        record["problems"] = [{**p, "reason": plain(p["reason"])} for p in record["problems"]]
    if isinstance(record.get("stopped_early"), str):
        record["stopped_early"] = plain(record["stopped_early"])
    path = run_file(data_dir, record["platform"], record["night"])
    runs = []
    if path.exists():
        existing, problems = check_run_record(path)
        if existing is not None and not problems:
            runs = existing["runs"]
    body = {"platform": record["platform"], "night": record["night"], "runs": runs + [record]}
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return path


def _out_of_range(value) -> bool:
    """A count or a number of seconds no night can have: the health page would print it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, int):  # exact: an integer of 400 digits is no float
        return not 0 <= value < LARGEST_COUNT
    return not (math.isfinite(value) and 0 <= value < LARGEST_COUNT)


# What the collector writes in its text fields: published in the night's archive as written.
SHAPES = {
    "platform": re.compile(r"[a-z][a-z0-9-]{0,31}"),
    "night": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "started_at": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?"),
    "finished_at": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})?"),
    "package_version": re.compile(r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,63}"),
}
TIMES = ("night", "started_at", "finished_at")


def _real_time(text: str) -> bool:
    """A date or time of the calendar (the shapes above also let 2026-02-30 or 25:00 through)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


FIELD_NAME = re.compile(r"[a-z_]{1,64}")
TOP = ("platform", "night", "runs")  # a record's own keys, around its runs
PROBLEM_FIELDS = ("department_id", "reason")  # each of a run's problems


def run_texts(run: dict) -> list[tuple[tuple, str, str]]:
    """(where in the run, field, text) of a run's fields that hold words not of the collector's
    making (an exception's message, which may quote the API): published in the night's archive
    as written."""
    out = [(("stopped_early",), "stopped_early", run["stopped_early"])] \
        if isinstance(run.get("stopped_early"), str) else []
    for n, problem in enumerate(run.get("problems") or []):
        if isinstance(problem, dict) and isinstance(problem.get("reason"), str):
            out.append((("problems", n, "reason"), f"problems[{n + 1}].reason", problem["reason"]))
    return out


def _text_problem(text: str) -> str | None:
    """What makes a text field unfit to publish as written, or None."""
    bad = FORBIDDEN.search(text)
    if bad:
        return f"holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}"
    if len(text) > NOTE_MAX:
        return f"is {len(text):,} characters long (at most {NOTE_MAX:,})"
    return None


def _count(value: object) -> bool:
    """A whole count a night can have."""
    return isinstance(value, int) and not isinstance(value, bool) and not _out_of_range(value)


def _silence(event) -> bool:
    """One collective silence as the planner records it (the pages print each part)."""
    if not isinstance(event, dict) or not isinstance(event.get("group"), str) \
            or not isinstance(event.get("ending"), bool):
        return False
    if not STATE_CODE.fullmatch(event["group"]) or not isinstance(event.get("since"), str) \
            or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", event["since"]):
        return False
    return all(_count(event.get(k)) for k in ("accounts", "silent"))


def _shown(key: object) -> str:
    """A key as a problem names it: a stranger's key could carry anything."""
    text = str(key)
    return text if FIELD_NAME.fullmatch(text) else repr(text[:40])


def unknown_departments(path: Path, record: dict, known: set[str]) -> list[Problem]:
    """Department ids a sound record's runs name that the registry does not list, each on the
    line it is first written on: refused as a snapshot row of one is (the month's budget
    counts the users a record names, and the night's archive republishes it)."""
    named = [((n, name, k), f"runs[{n + 1}].{name}", department) for n, run in enumerate(record["runs"])
             for name in ("billed_without_figures", "posted_after_night")
             for k, department in enumerate(run.get(name, []))]
    named += [((n, "problems", k, "department_id"), f"runs[{n + 1}].problems", p["department_id"])
              for n, run in enumerate(record["runs"]) for k, p in enumerate(run.get("problems", []))]
    unknown: dict[tuple[str, str], tuple] = {}
    for where, column, department in named:
        if department not in known:
            unknown.setdefault((column, department), where)
    if not unknown:
        return []
    line = line_finder(Path(path).read_text(encoding="utf-8"))
    return [Problem(str(path), line(("runs", *where)), column, f"unknown department id {d!r}")
            for (column, d), where in unknown.items()]


def _first(values: list, fits: Callable[[object], bool]) -> int | None:
    """The index of the first of `values` that does not fit, or None."""
    return next((k for k, value in enumerate(values) if not fits(value)), None)


def _problem_row(p: object) -> bool:
    """One of a run's problems as the collector writes it."""
    return isinstance(p, dict) and set(p) == set(PROBLEM_FIELDS) and isinstance(p["department_id"], str) \
        and bool(SLUG.fullmatch(p["department_id"])) and isinstance(p["reason"], str)


def _run_problems(run: dict, night: str) -> list[tuple[tuple, str, str]]:
    """What is wrong with one run: (where in the run, field, what), the field as a problem
    names it after `runs[n].`."""
    out = [((key,), _shown(key), "is not a field the collector writes")
           for key in run if key not in FIELDS and key not in OPTIONAL_FIELDS]
    for where, name, text in run_texts(run):
        wrong = _text_problem(text)
        if wrong:
            out.append((where, name, wrong))
    for name, kind in FIELDS.items():
        value = run.get(name)
        if name not in run or not isinstance(value, kind) or isinstance(value, bool):
            out.append(((name,), name, "is missing or of the wrong type"))
    for name, kind in OPTIONAL_FIELDS.items():
        value = run.get(name)
        if name in run and (not isinstance(value, kind) or isinstance(value, bool)):
            out.append(((name,), name, "is of the wrong type"))
    for name, shape in SHAPES.items():
        if isinstance(run.get(name), str) and not shape.fullmatch(run[name]):
            out.append(((name,), name, f"{run[name][:40]!r} is not what the collector writes there"))
        elif name in TIMES and isinstance(run.get(name), str) and not _real_time(run[name]):
            # The budget counts a run's reads in the month of the day it ran.
            out.append(((name,), name, f"{run[name]!r} is no real date or time"))
    lists = (("user_fields", lambda f: isinstance(f, str) and bool(FIELD_NAME.fullmatch(f)),
              "expected a list of field names"),
             ("problems", _problem_row, "expected a list of objects with department_id and reason"),
             *((name, lambda d: isinstance(d, str) and bool(SLUG.fullmatch(d)), "expected a list of department ids")
               for name in ("billed_without_figures", "posted_after_night")),
             ("collective_silences", _silence,
              "expected a list of objects with group, since (a date), accounts, silent, ending"))
    for name, fits, expected in lists:
        if isinstance(run.get(name), list) and (k := _first(run[name], fits)) is not None:
            out.append(((name, k), name, expected))
    for name in (*FIELDS, *OPTIONAL_FIELDS):
        if _out_of_range(run.get(name)):
            shown = str(run[name]) if len(str(run[name])) <= 20 else str(run[name])[:20] + "…"
            out.append(((name,), name, f"{shown} is out of range (expected 0 or more, below {LARGEST_COUNT:,})"))
    outcomes = run.get("outcomes")
    if isinstance(outcomes, dict):
        wrong = next((k for k, v in outcomes.items() if k not in OUTCOMES or not _count(v)), None)
        if wrong is not None:
            out.append((("outcomes", wrong), "outcomes", f"expected counts of {', '.join(OUTCOMES)}"))
    if run.get("night") not in (None, night):
        out.append((("night",), "night", "differs from the file's night"))
    return out


def check_run_record(path: Path) -> tuple[dict | None, list[Problem]]:
    """The record at `path` and nothing wrong, or None and every problem, each on the line
    where what is wrong stands (a missing field: the line its run begins on)."""
    label = str(path)
    try:
        # Looked at and read as one act: a link or a pipe put in its place after a check by
        # path would be followed, or waited on for ever.
        text = read_within(Path(path).parent, Path(path).name).decode("utf-8")
        body = json.loads(text)
    except (NotPlain, FileNotFoundError):
        return None, [Problem(label, 0, "-", "is not a regular file (links and folders are refused)")]
    except UnicodeDecodeError:
        return None, [Problem(label, 1, "-", "not UTF-8 text")]
    except OSError as exc:
        return None, [Problem(label, 0, "-", f"cannot be read ({exc.strerror})")]
    except json.JSONDecodeError as exc:
        return None, [Problem(label, exc.lineno, "-", f"not valid JSON ({exc.msg})")]
    except RecursionError:
        return None, [Problem(label, 1, "-", "nested too deeply to be a run record")]
    except ValueError as exc:  # a number of thousands of digits
        return None, [Problem(label, 1, "-", f"not a run record ({str(exc)[:80]})")]
    if not isinstance(body, dict) or not isinstance(body.get("runs"), list) or not body["runs"]:
        where = ("runs",) if isinstance(body, dict) else ()
        return None, [Problem(label, line_finder(text)(where), "runs",
                              "expected an object with a non-empty list of runs")]
    # What a record holds is republished in the night's archive as written: a key no
    # collector writes would ride along unchecked.
    found = [((key,), _shown(key), "is not a field of a run record") for key in body if key not in TOP]
    night = Path(path).name.removesuffix(RUN_SUFFIX)
    for n, run in enumerate(body["runs"]):
        if not isinstance(run, dict):
            found.append((("runs", n), f"runs[{n + 1}]", "is not an object"))
            continue
        found += [(("runs", n, *where), f"runs[{n + 1}].{name}", what)
                  for where, name, what in _run_problems(run, night)]
    if not found:
        return body, []
    line = line_finder(text)  # only where something is wrong: a sound record is not walked again
    return None, [Problem(label, line(where), column, what) for where, column, what in found]
