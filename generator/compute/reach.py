"""Followers: the latest figure, the first one, and change over 7, 30 and 365 days."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .status import KEY, last_of_runs

CHANGE_WINDOWS = (7, 30, 365)


def reach(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Per account (from `ordered` snapshots): latest and first follower counts with their
    dates, how many observations carry a count, and the change over each window."""
    columns = KEY + ["followers", "followers_on", "first_followers", "first_followers_on", "observations"] + \
        [f"change_{w}d" for w in CHANGE_WINDOWS]
    counted = snapshots[snapshots["followers"].notna()]
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
    return out[columns]
