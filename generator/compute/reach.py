"""Followers: the latest figure, the first one, and change over 7, 30 and 365 days."""

from __future__ import annotations

import pandas as pd

from .status import KEY, days_between

CHANGE_WINDOWS = (7, 30, 365)


def reach(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Per account (from `ordered` snapshots): latest and first follower counts with their
    dates, how many observations carry a count, and the change over each window."""
    columns = KEY + ["followers", "followers_on", "first_followers", "first_followers_on", "observations"] + \
        [f"change_{w}d" for w in CHANGE_WINDOWS]
    counted = snapshots[snapshots["followers"].notna()][KEY + ["date", "followers"]]
    if not len(counted):
        return pd.DataFrame(columns=columns)
    groups = counted.groupby(KEY, sort=False)
    latest = groups.tail(1).set_index(KEY)
    first = groups.head(1).set_index(KEY)
    out = pd.DataFrame({
        "followers": latest["followers"], "followers_on": latest["date"],
        "first_followers": first["followers"].reindex(latest.index),
        "first_followers_on": first["date"].reindex(latest.index),
        "observations": groups.size().reindex(latest.index),
    })
    joined = counted.join(latest[["date", "followers"]].rename(columns={"date": "latest_on", "followers": "now"}),
                          on=KEY)
    age = days_between(joined["latest_on"], joined["date"])
    for window in CHANGE_WINDOWS:
        # Compare with an observation between N and 2N days older, so a 7-day change is
        # never computed from a figure three years old.
        base = joined[(age >= window) & (age <= 2 * window)].groupby(KEY, sort=False).tail(1).set_index(KEY)
        out[f"change_{window}d"] = (base["now"] - base["followers"]).reindex(out.index).astype("Int64")
    return out.reset_index()[columns]
