"""Followers: the latest figure, the first one, and change over 7, 30 and 365 days."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from ..schema import AccountState
from .columns import equal
from .status import KEY, last_of_runs

CHANGE_WINDOWS = (7, 30, 365)


def reach(snapshots: pd.DataFrame, jump_share: float = 0.2, stand_in: Collection[tuple[str, str]] = (),
          bounded: Collection[tuple[str, str, str]] = ()) -> pd.DataFrame:
    """Per account (from `ordered` snapshots): latest and first follower counts with their
    dates, how many observations carry a count, the change over each window, and growth
    over the 30 days that end on the latest count, leaving out jumps (see `jumps`). A
    report's count that is not exact is in no window: one dated by a day that its own source
    stands in on for its month or year (`stand_in`, (citation, day) as model.cited_stand_ins:
    'about Oct 2016' may be 23 days after 8 Sep 2016, or 53; another report of that day, dated
    to the day, is exact), or one it states as a bound (`bounded`, (department_id,
    platform, date): a change from 'more than 7 lakh' is not known, the count may have fallen)."""
    columns = KEY + ["followers", "followers_on", "followers_source_url", "first_followers", "first_followers_on",
                     "first_followers_source_url", "observations"] + \
        [f"change_{w}d" for w in CHANGE_WINDOWS] + ["growth_30d", "jumps_30d"]
    # A failed look-up is no observation (as in the events), whatever figure its row holds.
    # The counted rows by position, each column taken as an array: a frame of them was a copy
    # of years of rows, and the texts are read only at each account's ends.
    counted = np.flatnonzero(snapshots["followers"].notna().to_numpy(dtype=bool)
                             & ~equal(snapshots["state"], AccountState.ERROR))
    if not len(counted):
        return pd.DataFrame(columns=columns)
    acct = snapshots["_acct"].to_numpy()[counted]
    day = snapshots["_day"].to_numpy()[counted]
    followers = snapshots["followers"].to_numpy(dtype="float64", na_value=np.nan)[counted].astype("int64")
    ends = last_of_runs(acct)
    starts = np.r_[0, ends[:-1] + 1]

    def at_rows(column: str, rows: np.ndarray) -> np.ndarray:
        return snapshots[column].iloc[counted[rows]].to_numpy(dtype=object)

    out = snapshots.iloc[counted[ends]][KEY].reset_index(drop=True)
    out["followers"] = pd.array(followers[ends], dtype="Int64")
    out["followers_on"] = at_rows("date", ends)
    out["first_followers"] = pd.array(followers[starts], dtype="Int64")
    out["first_followers_on"] = at_rows("date", starts)
    out["observations"] = ends - starts + 1
    group = np.repeat(np.arange(len(ends)), ends - starts + 1)
    age = day[ends][group] - day
    reported = reported_rows(snapshots)[counted]
    # A count typed in from a report is cited by it wherever it is shown; the collector's by none.
    for end, rows in (("followers", ends), ("first_followers", starts)):
        out[f"{end}_source_url"] = np.where(reported[rows], at_rows("source_url", rows), None)
    inexact = np.zeros(len(counted), dtype=bool)
    if stand_in or bounded:  # a report's rows are few: only theirs are looked up
        at = np.flatnonzero(reported)
        keys = zip(*(at_rows(c, at) for c in (*KEY, "date", "source_url")), strict=True)
        inexact[at] = [(cited, str(day)[:10]) in stand_in or (dept, platform, day) in bounded
                       for dept, platform, day, cited in keys]
    inexact_end = inexact[ends][group]
    for window in CHANGE_WINDOWS:
        # Compare with an observation between N and 2N days older, so a 7-day change is
        # never computed from a figure three years old.
        rows = np.flatnonzero((age >= window) & (age <= 2 * window) & ~inexact & ~inexact_end)
        base = rows[last_of_runs(group[rows])]
        change = pd.array([pd.NA] * len(ends), dtype="Int64")
        change[group[base]] = followers[ends][group[base]] - followers[base]
        out[f"change_{window}d"] = change
    step, jump = jumps(acct, followers, day, jump_share, reported)
    # A change counts when it starts within the 30 days that end on the latest count (its
    # earlier count is at most 30 days older): with a count every day, 30 daily changes.
    earlier_age = np.r_[np.inf, age[:-1]]
    recent = (earlier_age <= GROWTH_WINDOW) & np.r_[False, group[1:] == group[:-1]] & ~inexact_end \
        & ~inexact & ~np.r_[False, inexact[:-1]]
    counted_step = np.where(recent & ~jump, step, 0)
    out["growth_30d"] = pd.array(np.bincount(group, weights=counted_step, minlength=len(ends)).astype(np.int64),
                                 dtype="Int64")
    out["jumps_30d"] = pd.array(np.bincount(group, weights=(recent & jump).astype(float), minlength=len(ends))
                                .astype(np.int64), dtype="Int64")
    # Without a change inside the window there is no growth to show (not a growth of 0), nor
    # any jump counted (not 0 jumps: nothing was compared).
    none = np.bincount(group, weights=recent.astype(float), minlength=len(ends)) == 0
    out.loc[none, ["growth_30d", "jumps_30d"]] = pd.NA
    return out[columns]


GROWTH_WINDOW = 30
# A change to or from a report's figure is a jump only between counts this many days apart
# or fewer: a figure entered beside the nightly counts, not a report's account of growth.
REPORT_JUMP_DAYS = 7


def jumps(acct: np.ndarray, followers: np.ndarray, day: np.ndarray, share: float, reported: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """The change since each account's previous count, and whether it is a jump: more than
    `share` of the previous count (and more than 100, so a small account's +3 is no jump).
    Between two of the collector's counts any change can be one. A change to or from a
    report's figure (`reported`) is one only within REPORT_JUMP_DAYS: a report's figures
    weeks or years apart ("grew from 6,500 to 57,000", often dated by approximation) state
    growth, while a figure typed in beside the nightly counts and far off them is a jump. The
    first count of an account has no change."""
    previous = np.r_[0, followers[:-1]]
    same = np.r_[False, acct[1:] == acct[:-1]]
    step = np.where(same, followers - previous, 0)
    measured = ~reported & ~np.r_[True, reported[:-1]]
    close = (day - np.r_[day[:1], day[:-1]]) <= REPORT_JUMP_DAYS
    jump = same & (measured | close) & (np.abs(step) > np.maximum(share * previous, 100))
    return step, jump


def reported_rows(snapshots: pd.DataFrame) -> np.ndarray:
    """Whether each row is a figure from a report (source `manual`), not the collector's."""
    return equal(snapshots["source"], "manual")
