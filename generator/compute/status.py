"""Status of every account: the one place that owns the bands.

`band` (and `band_index`, its position) turns days since the last post into active / slow /
dormant / abandoned; the site's status and the collector's budget planner both call it, so
they cannot disagree. Pure pandas and numpy: no files, no network, no clock (the build date
is an argument).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..config import StatusConfig
from ..schema import AccountState, Status
from .columns import equal

KEY = ["department_id", "platform"]
GOOD_STATES = (AccountState.OK, AccountState.PROTECTED)
EPOCH = date(1970, 1, 1)


BANDS = (Status.UNKNOWN, Status.ACTIVE, Status.SLOW, Status.DORMANT, Status.ABANDONED)
_BAND_NAMES = np.array([b.value for b in BANDS])


def band_index(days, cfg: StatusConfig) -> np.ndarray:
    """Each account's band as its position in BANDS, by days between its last post and the
    observation; NaN is unknown. Numbers only, so years of observations cost one pass."""
    days = np.asarray(days, dtype=float)
    limits = np.array([cfg.active_max_days, cfg.slow_max_days, cfg.dormant_max_days], dtype=float)  # config: growing
    out = (np.searchsorted(limits, days, side="left") + 1).astype(np.int8)  # at most a limit: that band
    out[np.isnan(days)] = 0
    return out


def band(days, cfg: StatusConfig) -> np.ndarray:
    """Band of each account by days between its last post and the observation; NaN is unknown."""
    return _BAND_NAMES[band_index(days, cfg)]


def status_from(days, account_state, cfg: StatusConfig, never_posted=None) -> np.ndarray:
    """Status of each account from days between its last post and the observation, and the
    account's state at it: suspended and not found win over any band; an account that never
    posted is abandoned; no known post is unknown."""
    status = band(days, cfg)
    if never_posted is not None:
        status = np.where(np.isnan(np.asarray(days, dtype=float)) & np.asarray(never_posted, dtype=bool),
                          Status.ABANDONED, status)
    state = np.asarray(account_state, dtype=object)
    gone = (state == AccountState.SUSPENDED) | (state == AccountState.NOT_FOUND)
    return np.where(gone, state, status)


def factorize_runs(values, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """`pd.factorize(values, sort=sort)` (-1 for a blank), each run of equal neighbours looked
    up once: rows in account or night order repeat an id, a file or a date row after row, and
    comparing neighbours (one shared string each) is cheaper than hashing every row."""
    values = np.asarray(values, dtype=object)
    if not len(values):
        return pd.factorize(values, sort=sort)
    starts = np.empty(len(values), dtype=bool)
    starts[0] = True
    try:
        np.not_equal(values[1:], values[:-1], out=starts[1:])  # a blank is never equal: one run each
    except (TypeError, ValueError):  # a value with no plain truth to its comparison (pd.NA)
        return pd.factorize(values, sort=sort)
    codes, uniques = pd.factorize(values[starts], sort=sort)
    return codes[np.cumsum(starts) - 1], uniques


def day_numbers(values) -> np.ndarray:
    """Days since 1970-01-01 of dates, ISO strings or date-times (their first ten
    characters); missing is NaN. Each distinct value is parsed once."""
    if isinstance(values, date):
        return np.full(1, float((values - EPOCH).days))
    series = pd.Series(values, dtype="object")
    codes, uniques = factorize_runs(series.to_numpy(dtype=object))
    parsed = pd.to_datetime(pd.Series([str(u)[:10] for u in uniques], dtype="object"), format="%Y-%m-%d",
                            errors="coerce")
    days = ((parsed - pd.Timestamp(EPOCH)).dt.days).to_numpy(dtype=float)
    out = np.full(len(series), np.nan)
    present = codes >= 0
    out[present] = days[codes[present]]
    return out


def days_between(later, earlier) -> np.ndarray:
    """Whole days from `earlier` to `later` (dates, ISO strings or date-times; missing is NaN)."""
    return day_numbers(later) - day_numbers(earlier)


def previous_where(acct: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """For each row, the position of the latest earlier row of the same account where `mask`
    holds; -1 where there is none."""
    upto = np.maximum.accumulate(np.where(mask, np.arange(len(mask)), -1))
    prev = np.r_[-1, upto[:-1]]
    same = prev >= 0
    same[same] = acct[prev[same]] == acct[same]
    return np.where(same, prev, -1)


def last_of_runs(keys: np.ndarray) -> np.ndarray:
    """Positions of the last element of each run of equal keys."""
    if not len(keys):
        return np.zeros(0, dtype=int)
    return np.flatnonzero(np.r_[keys[1:] != keys[:-1], True])


def ordered(snapshots: pd.DataFrame, *, consume: bool = False, until: str | None = None) -> pd.DataFrame:
    """Observations in the order they happened: by account, date, then file order; with an
    account number (`_acct`) and a day number (`_day`) for the arithmetic that follows.
    A frame this made, or rows of it left in their order with no account left out, is
    returned as it is: a copy of every row of years of nights is a gigabyte.

    `consume`: the given frame's columns are moved out one at a time as they are put in
    order (it is left with none), so the rows are never held twice. `until` (an ISO date):
    rows dated after it are left out on the way, rather than in a copy of the rest."""
    later = None if until is None else (snapshots["date"] > until).to_numpy()
    if (later is None or not later.any()) and still_ordered(snapshots):
        return snapshots
    # Rows come in file order: a night's file and date repeat row after row, ids do not.
    dept = pd.factorize(snapshots["department_id"], sort=True)[0]
    platform = factorize_runs(snapshots["platform"], sort=True)[0]
    day = day_numbers(snapshots["date"])
    files = factorize_runs(snapshots["_file"], sort=True)[0]
    order = np.lexsort((snapshots["_line"].to_numpy(), files, day, platform, dept))
    if later is not None and later.any():
        order = order[~later[order]]
    if consume:
        columns = {}
        for name in list(snapshots.columns):
            columns[name] = snapshots.pop(name).take(order).reset_index(drop=True)
        out = pd.DataFrame(columns, copy=False)
    else:
        out = snapshots.take(order).reset_index(drop=True)
    key = dept[order].astype(np.int64) * (platform.max() + 1 if len(platform) else 1) + platform[order]
    out["_acct"] = np.cumsum(np.r_[False, key[1:] != key[:-1]]) if len(key) else key
    out["_day"] = day[order]
    return out


def still_ordered(snapshots: pd.DataFrame) -> bool:
    """Checked, not assumed: account numbers from 0 with no gap, each account's rows
    together, and its days in order."""
    if "_acct" not in snapshots or "_day" not in snapshots or not len(snapshots):
        return False
    acct, day = snapshots["_acct"].to_numpy(), snapshots["_day"].to_numpy(dtype=float)
    step = np.diff(acct)
    return bool(acct[0] == 0 and ((step == 0) | (step == 1)).all()
                and not ((step == 0) & (np.diff(day) < 0)).any() and not np.isnan(day).any())


def account_status(snapshots: pd.DataFrame, cfg: StatusConfig) -> pd.DataFrame:
    """Per account seen in `snapshots` (already `ordered`): status and the facts behind it.

    The newest good observation decides; a failed check newer than it is reported beside it
    and never replaces it.
    """
    columns = KEY + ["status", "days_since_post", "observed_on", "last_post_at", "account_state",
                     "last_error_on", "observed_source_url", "observed_source", "seen_handle", "seen_account_id"]
    if not len(snapshots):
        return pd.DataFrame(columns=columns)
    acct = snapshots["_acct"].to_numpy()
    accounts = int(acct[-1]) + 1
    out = snapshots.iloc[last_of_runs(acct)][KEY].reset_index(drop=True)

    def last(mask: np.ndarray, column: str) -> pd.Series:
        """The column's value in each account's last row where `mask` holds; missing if none."""
        rows = np.flatnonzero(mask)
        ends = rows[last_of_runs(acct[rows])]
        values = pd.Series([None] * accounts, dtype=object)
        values.iloc[acct[ends]] = snapshots[column].iloc[ends].to_numpy(dtype=object)
        return values

    good = ~equal(snapshots["state"], AccountState.ERROR)
    out["observed_on"] = last(good, "date")
    out["last_post_at"] = last(good, "last_post_at")
    out["account_state"] = last(good, "state")
    out["observed_source"] = last(good, "source")  # the collector's look-up, or a report's figure
    out["observed_source_url"] = last(good, "source_url")
    posts = last(good, "posts")
    out["seen_handle"] = last(snapshots["handle"].notna().to_numpy(), "handle")
    out["seen_account_id"] = last(snapshots["account_id"].notna().to_numpy(), "account_id")
    error_on = last(~good, "date")
    newer = error_on.notna() & (out["observed_on"].isna() | (error_on > out["observed_on"]))
    out["last_error_on"] = error_on.where(newer, None)
    days = days_between(out["observed_on"], out["last_post_at"])
    status = status_from(days, out["account_state"].to_numpy(dtype=object), cfg,
                         never_posted=(posts == 0).to_numpy(dtype=bool))
    gone = out["account_state"].isin([AccountState.SUSPENDED, AccountState.NOT_FOUND]).to_numpy()
    status = np.where(out["observed_on"].isna().to_numpy(), Status.UNKNOWN, status)
    out["status"] = status
    out["days_since_post"] = pd.array(np.where(gone, np.nan, days), dtype="Float64").round().astype("Int64")
    return out[columns]


def status_counts(statuses: pd.Series) -> dict[str, int]:
    counts = statuses.value_counts()
    return {s.value: int(counts.get(s, 0)) for s in Status}
