"""A department's history file: daily rows for the last 400 days (from the first of the month
they begin in), thinned before."""

from datetime import date, timedelta

import numpy as np
import pandas as pd

from generator.compute.status import ordered, still_ordered
from generator.compute.thinning import DAILY_DAYS, daily_from, kept_rows

AS_OF = date(2026, 12, 1)
START = AS_OF - timedelta(days=729)  # two years of nights


def two_years() -> pd.DataFrame:
    """Two accounts observed every night for two years, with failed checks (one on a month's
    last night), a suspension and its end, and hand-entered figures."""
    rows = []
    for dept in ("alpha", "beta"):
        for n in range(730):
            day = START + timedelta(days=n)
            state = "ok"
            if dept == "beta" and date(2025, 3, 10) <= day <= date(2025, 3, 20):
                state = "suspended"
            if n % 17 == 0 or (day + timedelta(days=1)).day == 1 and day.month == 6:
                state = "error"  # every 17th night, and the last night of each June
            rows.append({"department_id": dept, "platform": "x", "date": day.isoformat(), "state": state,
                         "source": "x-api"})
    rows.append({"department_id": "alpha", "platform": "x", "date": "2025-02-14", "state": "ok", "source": "manual"})
    rows.append({"department_id": "beta", "platform": "x", "date": "2025-08-03", "state": "ok", "source": "manual"})
    return pd.DataFrame(rows)


def expected(frame: pd.DataFrame) -> set[int]:
    """The rule spelt out row by row, for comparison with the vectorised one."""
    cutoff = daily_from(AS_OF)
    out = set()
    for _, rows in frame.groupby(["department_id", "platform"]):
        rows = rows.assign(day=pd.to_datetime(rows["date"]).dt.date).sort_values("day", kind="stable")
        previous = None
        last_good_of_month = {}
        for index, row in rows.iterrows():
            if row["day"] >= cutoff or row["source"] == "manual":
                out.add(index)
            if row["state"] != "error":
                if row["state"] != previous:
                    out.add(index)
                previous = row["state"]
                last_good_of_month[(row["day"].year, row["day"].month)] = index
        out |= set(last_good_of_month.values())
    return out


def test_keeps_the_last_400_days_a_row_a_month_before_manual_rows_and_changes_nothing_else():
    frame = two_years()
    kept = kept_rows(frame, AS_OF)
    assert set(np.flatnonzero(kept)) == expected(frame)

    days = pd.to_datetime(frame["date"]).dt.date
    recent = days >= daily_from(AS_OF)
    assert kept[recent].all()  # every row of the last 400 days and more, failed checks included
    assert daily_from(AS_OF) == date(2025, 10, 1)  # the 400th day back is 28 Oct 2025
    assert recent.sum() == 2 * ((AS_OF - date(2025, 10, 1)).days + 1)
    old = frame[kept & ~recent.to_numpy()]
    # Before: about one row a month per account, plus the few exceptions.
    months = pd.to_datetime(frame.loc[~recent, "date"]).dt.to_period("M").nunique()
    assert len(old) < 2 * months + 10
    assert set(frame.loc[frame["source"] == "manual"].index) <= set(np.flatnonzero(kept))
    # The suspension and its end are kept; the failed checks before the window are not
    # (except where a month had nothing better).
    beta = frame[(frame["department_id"] == "beta") & kept]
    assert {"2025-03-10", "2025-03-21"} <= set(beta["date"])
    assert not (old["state"] == "error").any()
    # A June whose last night failed keeps its last good night instead.
    june = frame[kept & (frame["date"].str[:7] == "2025-06") & (frame["department_id"] == "alpha")]
    assert list(june["date"]) == ["2025-06-29"]


def test_a_night_changes_no_older_row_of_a_file_until_its_month_is_thinned():
    """The daily rows begin on a month's first day: every night of a month keeps the same
    rows before it, so a file changes with its department's own figures, not every night.
    At least the last 400 days are always whole."""
    frame = two_years()
    nights = [AS_OF + timedelta(days=n) for n in range(62)]
    starts = {daily_from(night) for night in nights}
    assert len(starts) == 3  # the line moved twice in two months, on the nights it had to
    for night in nights:
        assert daily_from(night).day == 1
        assert night - timedelta(days=DAILY_DAYS - 1) >= daily_from(night) > night - timedelta(days=DAILY_DAYS + 31)
    first, *rest = [kept_rows(frame, night) for night in nights if daily_from(night) == daily_from(AS_OF)]
    assert rest and all((kept == first).all() for kept in rest)


def test_the_same_rows_whatever_the_order_and_however_often():
    frame = two_years()
    kept = kept_rows(frame, AS_OF)
    shuffled = frame.sample(frac=1, random_state=7)
    again = kept_rows(shuffled, AS_OF)
    assert (pd.Series(again, index=shuffled.index).sort_index().to_numpy() == kept).all()
    assert (kept_rows(frame, AS_OF) == kept).all()
    assert kept_rows(frame.iloc[:0], AS_OF).shape == (0,)
    # In the model's order (by account and day, numbered), the order is read, not made again.
    model = ordered(shuffled.assign(_file="x.csv", _line=shuffled.index))
    assert still_ordered(model)
    by_model = pd.Series(kept_rows(model, AS_OF), index=model["_line"].to_numpy()).sort_index()
    assert (by_model.to_numpy() == kept).all()


def test_the_words_name_the_same_number_of_days():
    from generator.render import downloads, words

    for text in (*words.TEXT["history_note"], words.FILES_HI["departments/<id>.csv"], downloads.DEPARTMENT_TITLE):
        assert f"{DAILY_DAYS} " in text


def test_a_scorecards_monthly_summary_is_each_months_last_good_observation_as_in_the_file():
    """A month that ended with a failed lookup is summed up by its last good night, on the
    scorecard as in the history file; the failed night itself is only listed among recent days."""
    from generator.compute.model import _recent_and_monthly
    from generator.config import Config

    frame = two_years()
    # As the model's observations are: a source and its address on every row (blank for the collector's).
    frame = ordered(frame.assign(followers=1.0, source_url=None, _file="night.csv", _line=np.arange(len(frame)) + 2))
    recent, monthly, _, _ = _recent_and_monthly(frame, Config())
    assert "error" not in set(monthly["state"]) and len(monthly)
    junes = monthly[monthly["date"].str[5:7] == "06"]
    assert len(junes) and set(junes["date"].str[8:]) == {"29"}  # the 30th failed
    assert "error" in set(recent["state"])  # a recent failed night is listed as what happened
