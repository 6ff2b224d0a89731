"""Status of every account: the one place that owns the bands.

`band` turns days since the last post into active / slow / dormant / abandoned; the site's
status and the collector's budget planner both call it, so they cannot disagree. Pure
pandas and numpy: no files, no network, no clock (the build date is an argument).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..config import StatusConfig

STATUSES = ("active", "slow", "dormant", "abandoned", "no_account", "suspended", "not_found", "unknown")
KEY = ["department_id", "platform"]
GOOD_STATES = ("ok", "protected")


def band(days, cfg: StatusConfig) -> np.ndarray:
    """Band of each account by days between its last post and the observation; NaN is unknown."""
    days = np.asarray(days, dtype=float)
    return np.select(
        [np.isnan(days), days <= cfg.active_max_days, days <= cfg.slow_max_days, days <= cfg.dormant_max_days],
        ["unknown", "active", "slow", "dormant"], default="abandoned")


def days_between(later, earlier) -> np.ndarray:
    """Whole days from `earlier` to `later` (dates, ISO strings or date-times; missing is NaN)."""
    def day(values):
        if isinstance(values, date):
            return pd.Timestamp(values)
        return pd.to_datetime(pd.Series(values, dtype="object").astype("string").str[:10],
                              format="%Y-%m-%d", errors="coerce")
    gap = day(later) - day(earlier)
    return (gap.dt.days if hasattr(gap, "dt") else pd.Series(gap).dt.days).to_numpy(dtype=float)


def ordered(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Observations in the order they happened: by account, date, then file order."""
    return snapshots.sort_values(KEY + ["date", "_file", "_line"], kind="stable").reset_index(drop=True)


def account_status(snapshots: pd.DataFrame, cfg: StatusConfig) -> pd.DataFrame:
    """Per account seen in `snapshots` (already `ordered`): status and the facts behind it.

    The newest good observation decides; a failed check newer than it is reported beside it
    and never replaces it.
    """
    columns = KEY + ["status", "days_since_post", "observed_on", "last_post_at", "account_state",
                     "last_error_on", "observed_source_url", "seen_handle", "seen_account_id"]
    if not len(snapshots):
        return pd.DataFrame(columns=columns)
    failed = snapshots["state"] == "error"
    known = snapshots[~failed]
    last = known.groupby(KEY, sort=False).tail(1).set_index(KEY)
    errors = snapshots[failed].groupby(KEY, sort=False)["date"].last().rename("error_on")
    handles = snapshots[snapshots["handle"].notna()].groupby(KEY, sort=False)["handle"].last()
    ids = snapshots[snapshots["account_id"].notna()].groupby(KEY, sort=False)["account_id"].last()
    index = snapshots[KEY].drop_duplicates().set_index(KEY).index
    out = pd.DataFrame(index=index)
    out["observed_on"] = last["date"].reindex(index)
    out["last_post_at"] = last["last_post_at"].reindex(index)
    out["account_state"] = last["state"].reindex(index)
    out["observed_source_url"] = last["source_url"].reindex(index)
    out["seen_handle"] = handles.reindex(index)
    out["seen_account_id"] = ids.reindex(index)
    error_on = errors.reindex(index)
    newer = error_on.notna() & (out["observed_on"].isna() | (error_on > out["observed_on"]))
    out["last_error_on"] = error_on.where(newer)
    days = days_between(out["observed_on"], out["last_post_at"])
    status = band(days, cfg)
    posts = last["posts"].reindex(index)
    never_posted = (np.isnan(days)) & (posts == 0).fillna(False).to_numpy()
    status = np.where(never_posted, "abandoned", status)
    gone = out["account_state"].isin(["suspended", "not_found"]).to_numpy()
    status = np.where(gone, out["account_state"].to_numpy(dtype=object), status)
    status = np.where(out["observed_on"].isna().to_numpy(), "unknown", status)
    out["status"] = status
    out["days_since_post"] = pd.array(np.where(gone, np.nan, days), dtype="Float64").round().astype("Int64")
    return out.reset_index()[columns].astype({"observed_on": object, "last_error_on": object})


def status_counts(statuses: pd.Series) -> dict[str, int]:
    counts = statuses.value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
