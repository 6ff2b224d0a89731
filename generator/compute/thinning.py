"""Which observations a department's history file keeps, so it stops growing by a row a night.

Daily rows for the last `DAILY_DAYS` days before the as-of date, from the first day of the
month they begin in; before that, per account, each month's last good observation, every
hand-entered figure and every row where the account's state changed. The complete daily
record stays in the pinned nights.

The daily rows begin on a month's first day so that the line between daily and thinned rows
moves once a month, not every night: a night then changes the files of the departments it
observed, not all of them (a tenth looked up wrote all 5,000 files again).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..schema import AccountState
from .status import day_numbers, still_ordered

# More than a year, so a year-on-year comparison of any day still finds both days.
DAILY_DAYS = 400


def daily_from(as_of: date, daily_days: int = DAILY_DAYS) -> date:
    """The first day a history file keeps every row of: the first of the month that holds the
    day `daily_days` days back (so 400 to 430 days are kept whole)."""
    return (as_of - timedelta(days=daily_days - 1)).replace(day=1)


def kept_rows(snapshots: pd.DataFrame, as_of: date, daily_days: int = DAILY_DAYS) -> np.ndarray:
    """A mask over `snapshots` (any order): True for the rows a history file keeps.

    A state change is counted among good observations only: a failed check (`error`) is
    not a state of the account, so ok, error, ok changes nothing. An account's first good
    observation is a change (from never observed).
    """
    n = len(snapshots)
    if not n:
        return np.zeros(0, dtype=bool)
    if still_ordered(snapshots):
        # The model's order (compute/status.ordered) already is by account, then day: years of
        # rows are not sorted again, nor their keys copied.
        order = None
        acct, day = snapshots["_acct"].to_numpy(), snapshots["_day"].to_numpy(dtype=float)
        state = snapshots["state"].to_numpy(dtype=object)
    else:
        day = day_numbers(snapshots["date"])
        dept = pd.factorize(snapshots["department_id"], sort=True)[0].astype(np.int64)
        platform = pd.factorize(snapshots["platform"], sort=True)[0].astype(np.int64)
        acct = dept * (platform.max() + 1) + platform
        # Stable on the given order within a day, so the same rows always win a tie.
        order = np.lexsort((np.arange(n), day, acct))
        acct, day = acct[order], day[order]
        state = snapshots["state"].to_numpy(dtype=object)[order]
    good = state != AccountState.ERROR

    keep = np.isnan(day) | (day >= day_numbers(daily_from(as_of, daily_days))[0])
    source = snapshots["source"].to_numpy(dtype=object)
    keep |= (source if order is None else source[order]) == "manual"

    # The month's last good observation of each account.
    g = np.flatnonzero(good & ~np.isnan(day))
    month = day[g].astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    key = acct[g] * 100_000 + month
    keep[g[np.r_[key[1:] != key[:-1], True]]] = True

    # Good observations whose state differs from the account's previous good one.
    g = np.flatnonzero(good)
    acct, state = acct[g], state[g]
    keep[g[np.r_[True, (acct[1:] != acct[:-1]) | (state[1:] != state[:-1])]]] = True

    if order is None:
        return keep
    out = np.empty(n, dtype=bool)
    out[order] = keep
    return out
