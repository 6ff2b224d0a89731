"""Followers: the latest figure, the first one, and change over 7, 30 and 365 days."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .status import KEY, last_of_runs, previous_where

CHANGE_WINDOWS = (7, 30, 365)


def reach(snapshots: pd.DataFrame, jump_share: float = 0.2) -> pd.DataFrame:
    """Per account (from `ordered` snapshots): latest and first follower counts with their
    dates, how many observations carry a count, the change over each window, and growth
    over the 30 days that end on the latest count, leaving out jumps (see `jumps`)."""
    columns = KEY + ["followers", "followers_on", "first_followers", "first_followers_on", "observations"] + \
        [f"change_{w}d" for w in CHANGE_WINDOWS] + ["growth_30d", "jumps_30d"]
    # Only the columns used: a copy of every column of years of rows is a gigabyte.
    counted = snapshots.loc[snapshots["followers"].notna(), [*KEY, "_acct", "_day", "followers", "date", "source"]]
    if not len(counted):
        return pd.DataFrame(columns=columns)
    acct = counted["_acct"].to_numpy()
    day = counted["_day"].to_numpy()
    followers = counted["followers"].to_numpy(dtype="int64")
    ends = last_of_runs(acct)
    starts = np.r_[0, ends[:-1] + 1]
    out = counted.iloc[ends][KEY].reset_index(drop=True)
    out["followers"] = pd.array(followers[ends], dtype="Int64")
    out["followers_on"] = counted["date"].to_numpy(dtype=object)[ends]
    out["first_followers"] = pd.array(followers[starts], dtype="Int64")
    out["first_followers_on"] = counted["date"].to_numpy(dtype=object)[starts]
    out["observations"] = ends - starts + 1
    group = np.repeat(np.arange(len(ends)), ends - starts + 1)
    age = day[ends][group] - day
    for window in CHANGE_WINDOWS:
        # Compare with an observation between N and 2N days older, so a 7-day change is
        # never computed from a figure three years old.
        rows = np.flatnonzero((age >= window) & (age <= 2 * window))
        base = rows[last_of_runs(group[rows])]
        change = pd.array([pd.NA] * len(ends), dtype="Int64")
        change[group[base]] = followers[ends][group[base]] - followers[base]
        out[f"change_{window}d"] = change
    step, jump, size = jumps(acct, followers, jump_share, reported_rows(counted))
    # A change counts when it starts within the 30 days that end on the latest count (its
    # earlier count is at most 30 days older): with a count every day, 30 daily changes. A
    # jump that ends there is taken out whole, a report's figure between its counts or not.
    earlier_age = np.r_[np.inf, age[:-1]]
    recent = (earlier_age <= GROWTH_WINDOW) & np.r_[False, group[1:] == group[:-1]]
    counted_step = np.where(recent, step - size, 0)
    out["growth_30d"] = pd.array(np.bincount(group, weights=counted_step, minlength=len(ends)).astype(np.int64),
                                 dtype="Int64")
    out["jumps_30d"] = np.bincount(group, weights=(recent & jump).astype(float), minlength=len(ends)).astype(int)
    # Without a change inside the window there is no growth to show (not a growth of 0).
    out.loc[np.bincount(group, weights=recent.astype(float), minlength=len(ends)) == 0, "growth_30d"] = pd.NA
    return out[columns]


GROWTH_WINDOW = 30


def jumps(acct: np.ndarray, followers: np.ndarray, share: float, reported: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The change since each account's previous count (`step`); whether the row ends a jump;
    and the jump's size. A jump is a change between two of the collector's own counts, one
    after the other but for any report's figures between them, of more than `share` of the
    earlier (and more than 100, so a small account's +3 is no jump). A count from a report
    (`reported`) is a source's statement of the growth, weeks or years from the next count
    and often dated by approximation: never part of a jump, and a change to or from it is
    growth. The first count of an account has no change."""
    previous = np.r_[0, followers[:-1]]
    same = np.r_[False, acct[1:] == acct[:-1]]
    step = np.where(same, followers - previous, 0)
    measured = ~reported
    before = previous_where(acct, measured)
    ends = measured & (before >= 0)
    size = np.zeros_like(step)
    size[ends] = followers[ends] - followers[before[ends]]
    jump = ends & (np.abs(size) > np.maximum(share * followers[np.maximum(before, 0)], 100))
    return step, jump, np.where(jump, size, 0)


def reported_rows(snapshots: pd.DataFrame) -> np.ndarray:
    """Whether each row is a figure from a report (source `manual`), not the collector's."""
    return (snapshots["source"] == "manual").to_numpy(dtype=bool)
