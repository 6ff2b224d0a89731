"""The pipeline's health, from the run records each night's collection wrote."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from ..schema import AccountState

STALE_AFTER_NIGHTS = 2  # a banner on every page once the newest figure is older than this
# How old the banner says the figures are: "more than a week", not the count of days, which
# would change every page of a stale site every night.
# After a year in whole years: "more than 365 days" would say the same of figures three years
# old. A step of 366 days a year: past it, "more than N years" is true whatever the leap days.
YEAR_STEP = 366
BANNER_STEPS = (STALE_AFTER_NIGHTS, 7, 30, *(YEAR_STEP * years for years in range(1, 21)))
NIGHTS_SHOWN = 14


@dataclass(frozen=True)
class Health:
    newest_observation: str | None
    days_since_newest: int | None
    banner: bool
    last_night: str | None = None
    last_good_night: str | None = None
    latest: dict = field(default_factory=dict)      # the newest run of the newest night
    nights: list[dict] = field(default_factory=list)  # one line per recent night, newest first
    withheld: list[str] = field(default_factory=list)  # cells held back by the audit, masked
    # Files pinned at a permanent address (data/pinned.json), and what went wrong keeping them.
    pinned: list[dict] = field(default_factory=list)
    pinned_notes: list = field(default_factory=list)  # publish.pinned.Note: kind, name


def _good(run: dict) -> bool:
    """A run that looked accounts up and got figures back."""
    outcomes = run.get("outcomes", {})
    return outcomes.get(AccountState.OK, 0) + outcomes.get(AccountState.PROTECTED, 0) > 0


def last_day(day: str, precision: str = "day") -> date:
    """The last day a figure dated `day` may be of: its month's or its year's where the day
    stands in for them (model.newest_known), else the day itself."""
    known = date.fromisoformat(day[:10])
    if precision == "year":
        return date(known.year, 12, 31)
    if precision == "month":
        return date(known.year, known.month, calendar.monthrange(known.year, known.month)[1])
    return known


def staleness(newest_observation: str | None, built_on: date, precision: str = "day") -> tuple[int | None, bool]:
    """Days from the newest figure to the day of the build, and whether every page then
    carries the stale banner: the two things a build's day decides. Of a figure known to its
    month or year, from its last day, and none within it: "more than N days" stays true."""
    if newest_observation is None:
        return None, True
    days = max(0, (built_on - last_day(newest_observation, precision)).days)
    return days, days > STALE_AFTER_NIGHTS


def banner_days(days: int) -> int:
    """The largest of BANNER_STEPS that a figure `days` old is older than."""
    return max((step for step in BANNER_STEPS if days > step), default=STALE_AFTER_NIGHTS)


def refresh_floor_kept(runs: list[dict], as_of: date | None, configured: int) -> int:
    """The longest wait between looks at an account that the nightly plan kept, as of the
    site's date: the newest run record's floor at or before it. The configured floor where no
    record says, and where the month's budget was spent (the plan kept none): a status is
    then judged by the promise the site makes."""
    nights = [n for n in runs if as_of is not None and n["night"] <= as_of.isoformat()]
    kept = nights[-1]["runs"][-1].get("refresh_floor_days") if nights else None
    return kept or configured


def pipeline_health(runs: list[dict], as_of: date, newest_observation: str | None,
                    night_states: dict[str, dict[str, int]] | None = None, newest_precision: str = "day") -> Health:
    """`night_states`: accounts by state in each night's snapshot (the figures the night
    ended with: an account retried later that night counts once, as it ended).
    `newest_precision`: how exactly the newest observation's day is known (staleness)."""
    days, banner = staleness(newest_observation, as_of, newest_precision)
    nights = [r for r in runs if r["night"] <= as_of.isoformat()]
    if not nights:
        return Health(newest_observation, days, banner)
    lines = []
    for night in reversed(nights[-NIGHTS_SHOWN:]):
        last = night["runs"][-1]
        total = (night_states or {}).get(night["night"]) or \
            {k: sum(run["outcomes"].get(k, 0) for run in night["runs"]) for k in last["outcomes"]}
        lines.append({"night": night["night"], "runs": len(night["runs"]), "outcomes": total,
                      "looked_up": sum(run["accounts_looked_up"] for run in night["runs"]),
                      "requests": sum(run["requests"] for run in night["runs"]),
                      "reads_billed": sum(run["reads_billed"] for run in night["runs"]),
                      "stopped_early": next((run["stopped_early"] for run in night["runs"] if run["stopped_early"]),
                                            None)})
    good = [n["night"] for n in nights if any(_good(run) for run in n["runs"])]
    return Health(newest_observation, days, banner, last_night=nights[-1]["night"],
                  last_good_night=good[-1] if good else None, latest=nights[-1]["runs"][-1], nights=lines)
