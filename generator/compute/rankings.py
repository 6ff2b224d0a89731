"""Fair ranks: only like against like, only with enough events, with n and spread beside.

A rank is "3 of 41": the place among the figures that may be compared, and how many there
are. A group with one member has no rank. Figures from outside the comparison window
(stale follower counts, complaint periods long before the newest) are not ranked at all,
and the pages list them apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

Z95 = 1.96
# Complaint volume bands (received in the period): departments are ranked within their band.
VOLUME_BANDS = ((100, 999), (1_000, 9_999), (10_000, None))


def rank_of(values: pd.Series, groups: list[pd.Series], eligible: pd.Series,
            ascending: bool = False) -> tuple[pd.Series, pd.Series]:
    """(rank, of) for each row within its group, counting only eligible rows with a value;
    missing where the row is not eligible or its group has a single member."""
    ok = eligible & values.notna()
    numeric = values.astype("float64").where(ok)
    keys = [g.where(ok) for g in groups]
    rank = numeric.groupby(keys, dropna=False).rank(ascending=ascending, method="min")
    of = ok.astype(int).groupby(keys, dropna=False).transform("sum")
    rank = rank.where(ok & (of >= 2))
    return rank.astype("Int64"), of.where(ok & (of >= 2)).astype("Int64")


def wilson(successes: pd.Series, n: pd.Series) -> tuple[pd.Series, pd.Series]:
    """95 % Wilson interval of a rate, in percent: the spread shown beside a resolution rate."""
    s = successes.astype("float64")
    total = n.astype("float64").where(n > 0)
    p = s / total
    centre = (p + Z95 ** 2 / (2 * total)) / (1 + Z95 ** 2 / total)
    half = Z95 * np.sqrt(p * (1 - p) / total + Z95 ** 2 / (4 * total ** 2)) / (1 + Z95 ** 2 / total)
    return ((centre - half) * 100).round(1), ((centre + half) * 100).round(1)


def volume_band(received: pd.Series) -> pd.Series:
    """Label of each count's band, e.g. '1000-9999'; missing below the lowest band."""
    out = pd.Series([None] * len(received), index=received.index, dtype=object)
    for low, high in VOLUME_BANDS:
        inside = received >= low if high is None else (received >= low) & (received <= high)
        out[inside.fillna(False).astype(bool)] = f"{low}+" if high is None else f"{low}-{high}"
    return out
