"""A text column of every observation compared with one value: numpy's answer is pandas'."""

import numpy as np
import pandas as pd
import pytest

from generator.compute.columns import equal
from generator.schema import AccountState


@pytest.mark.parametrize("values", [
    [], ["ok", "error", np.nan, None, "error", "Error"],
    [AccountState.ERROR, "error", "ok", float("nan")],
    ["manual", pd.NA, "nightly"],  # no plain truth to pd.NA == text: pandas answers
])
@pytest.mark.parametrize("value", ["error", AccountState.ERROR, "manual"])
def test_equal_answers_as_pandas_does_blanks_never_equal(values, value):
    column = pd.Series(values, dtype=object)
    assert equal(column, value).tolist() == (column == value).to_numpy(dtype=bool).tolist()
    assert (~equal(column, value)).tolist() == (column != value).to_numpy(dtype=bool).tolist()


def test_equal_of_categories_is_pandas_own():
    assert equal(pd.Series(pd.Categorical(["ok", None, "error"])), "error").tolist() == [False, False, True]
