"""Comparing a text column of every observation with one value, at numpy speed.

pandas compares a column of Python strings with a value cell by cell, checking each for a
blank first: at three years of 5,000 accounts (five million rows) about 0.4 s a comparison,
a dozen of them a night. numpy compares the same cells in C in a tenth of that. A blank (NaN
or None) equals no text either way, so the answer is the same; a column of categories, or
one holding a value with no plain truth to its comparison (pd.NA), is left to pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def equal(column: pd.Series, value: str) -> np.ndarray:
    """`(column == value).to_numpy(dtype=bool)`, quicker for a column of Python strings."""
    if column.dtype == object:
        try:
            same = np.asarray(column.to_numpy() == value, dtype=bool)
        except TypeError:
            same = None
        if same is not None and same.shape == (len(column),):  # never one answer for the whole column
            return same
    return (column == value).to_numpy(dtype=bool)
