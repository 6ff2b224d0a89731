import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from generator import paths, schema
from generator.compute.complaints import complaint_rankings, complaint_rates
from generator.compute.grades import explained, grades
from generator.compute.model import build_model, categorical
from generator.compute.replies import reply_summary
from generator.compute.status import day_numbers, factorize_runs
from generator.config import Config
from generator.store.load import load_dataset

from .helpers import DEPT, make_data, snapshot, write_csv

AS_OF = date(2026, 11, 24)
CFG = Config()


def handles_of(data):
    return build_model(load_dataset(data), CFG, AS_OF).handles


BOUNDARIES = [(0, "active"), (7, "active"), (8, "slow"), (30, "slow"), (31, "dormant"),
              (180, "dormant"), (181, "abandoned"), (2000, "abandoned")]


@pytest.fixture(scope="module")
def status_by_days(tmp_path_factory) -> dict[int, str]:
    """Each department observed on one day, its last post that many days before: one model
    for every boundary (an account's status is its own, whatever the others')."""
    observed = date(2026, 11, 20)
    ids = {days: f"dept-{days}" for days, _ in BOUNDARIES}
    data = make_data(tmp_path_factory.mktemp("status"), [{**DEPT, "id": d} for d in ids.values()],
                     [{"department_id": d, "platform": "x", "handle": f"a{days}", "official": "yes"}
                      for days, d in ids.items()],
                     [snapshot(d, observed.isoformat(), followers=10,
                               last_post_at=(observed - timedelta(days=days)).isoformat()) for days, d in ids.items()])
    status = handles_of(data).set_index("department_id")["status"]
    return {days: status[d] for days, d in ids.items()}


@pytest.mark.parametrize("days, expected", BOUNDARIES)
def test_status_boundaries(status_by_days, days, expected):
    assert status_by_days[days] == expected


def test_status_from_a_post_time_uses_its_day(tmp_path):
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2026-11-12T23:59:00Z")])
    row = handles_of(data).iloc[0]
    assert (row["status"], row["days_since_post"]) == ("slow", 8)


def test_department_without_account_is_no_account_and_never_observed_is_unknown(tmp_path):
    other = {**DEPT, "id": "dept-b", "name_en": "B"}
    data = make_data(tmp_path, [DEPT, other],
                     [{"department_id": "dept-b", "platform": "x", "official": "unverified"}])
    handles = handles_of(data).set_index("department_id")
    assert handles.loc["dept-a", "status"] == "no_account"
    assert handles.loc["dept-b", "status"] == "unknown"
    assert pd.isna(handles.loc["dept-b", "observed_on"])


def test_suspended_and_failed_nights(tmp_path):
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}], [
        snapshot("dept-a", "2026-11-01", followers=500, last_post_at="2026-10-30"),
        snapshot("dept-a", "2026-11-10", state="error"),
    ])
    row = handles_of(data).iloc[0]
    # The failed night keeps the last good figure and says when the check failed.
    assert row["followers"] == 500 and row["observed_on"] == "2026-11-01"
    assert row["last_error_on"] == "2026-11-10" and row["status"] == "active"
    data2 = make_data(tmp_path / "s", [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                      [snapshot("dept-a", "2026-11-10", state="suspended")])
    assert handles_of(data2).loc[0, "status"] == "suspended"


def test_stale_observation_is_flagged_with_its_age(tmp_path):
    # The age counts from the newest observation of the site (dept-b's), not from the build day.
    data = make_data(tmp_path, [DEPT, {**DEPT, "id": "dept-b"}],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ("dept-a", "dept-b")],
                     [snapshot("dept-a", "2026-09-01", followers=1, last_post_at="2026-09-01"),
                      snapshot("dept-b", "2026-11-14", followers=1, last_post_at="2026-11-14")])
    row = handles_of(data).iloc[0]
    assert row["stale"] and row["observation_age_days"] == 74 and row["status"] == "active"


def test_follower_change_needs_an_observation_of_the_right_age(tmp_path):
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}], [
        snapshot("dept-a", "2024-01-01", followers=10),
        snapshot("dept-a", "2026-10-20", followers=100),
        snapshot("dept-a", "2026-11-20", followers=130),
    ])
    row = handles_of(data).iloc[0]
    assert row["change_30d"] == 30
    assert row["change_7d"] is pd.NA
    assert row["change_365d"] is pd.NA  # 2024-01-01 is more than 730 days before


RECENT = {"period_start": "2026-10-01", "period_end": "2026-10-31"}  # within a year of the data's as-of date


def complaint(**values):
    return {"department_id": "dept-a", "channel": "x", "period_start": "2020-01-01",
            "period_end": "2021-02-28", "source": "manual", "source_url": "https://example.org", **values}


def test_rate_mismatch_flag_uses_counts_not_the_reported_rate(tmp_path):
    data = make_data(tmp_path, [DEPT], [], complaints=[
        complaint(received=89001, resolved=71391, pending=3878, reported_resolution_rate=84),
        complaint(channel="facebook", received=200, resolved=100, reported_resolution_rate=50.4),
        complaint(channel="cm-window", received=20, resolved=12, rejected=6, pending=5),
        complaint(channel="website", received=89001, resolved=71391, pending=3878, reported_resolution_rate=90),
        complaint(channel="app", received=89001, resolved=71391, reported_resolution_rate=84),
    ])
    rates = complaint_rates(load_dataset(data).complaints, CFG, "9999-12-31").set_index("channel")
    assert rates.loc["x", "resolved_rate"] == pytest.approx(71391 / 89001 * 100)  # unrounded: shown as 80.2
    # 84 % is 71,391 of the 85,123 disposed of (89,001 less 3,878 pending): said, not flagged.
    assert rates.loc["x", "reported_of_disposed"] and not rates.loc["x", "rate_mismatch"]
    assert rates.loc["website", "rate_mismatch"] and not rates.loc["website", "reported_of_disposed"]
    assert rates.loc["app", "rate_mismatch"]  # without a pending count, only the rate of all received is known
    assert not rates.loc["facebook", "rate_mismatch"] and not rates.loc["facebook", "reported_of_disposed"]
    assert rates.loc["cm-window", "counts_exceed_received"]
    assert not rates.loc["x", "counts_exceed_received"]


def test_a_figure_a_source_bounds_makes_no_rate_and_a_reply_time_scores_as_its_limit(tmp_path):
    """"Over 1,000 complaints a day" is no count to divide by; "replies within an hour" is worth
    at least an hour's score; "more than an hour" at most what anything slower scores."""
    ids = ("dept-a", "dept-b", "dept-c")
    data = make_data(tmp_path, [{**DEPT, "id": d, "name_en": d} for d in ids],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ids],
                     [snapshot(d, "2026-11-20", last_post_at="2026-11-19") for d in ids],
                     [complaint(received=1000, resolved=990, pending=900, reported_resolution_rate=50,
                                bound="more_than"),
                      complaint(department_id="dept-b", median_response_minutes=60, bound="at_most", **RECENT),
                      complaint(department_id="dept-c", median_response_minutes=60, bound="more_than", **RECENT)])
    ds = load_dataset(data)
    rates = complaint_rates(ds.complaints, CFG, "9999-12-31").set_index("department_id")
    assert pd.isna(rates.loc["dept-a", "resolved_rate"]) and pd.isna(rates.loc["dept-a", "pending_rate"])
    assert not rates.loc["dept-a", "rate_mismatch"] and not rates.loc["dept-a", "counts_exceed_received"]
    table = grades(handles_of(data), rates.reset_index(), reply_summary(ds.replies), CFG).set_index("department_id")
    assert table.loc["dept-b", "responsiveness_score"] == 100
    # "More than an hour" scores the most it can be worth (75), never left out: left out, it
    # would lift the department above one timed exactly at an hour and a half.
    assert table.loc["dept-c", "responsiveness_score"] == 75
    assert pd.isna(table.loc["dept-a", "resolution_score"])
    handles = handles_of(data).set_index("department_id")
    assert handles.loc["dept-b", "reply_bound"] == "at_most" and pd.isna(handles.loc["dept-a", "reply_bound"])


@pytest.mark.parametrize("precision", ["month", "day"])
def test_a_count_dated_by_a_stand_in_day_is_in_no_window_of_days(tmp_path, precision):
    """A report's 57,000 'in about Oct 2016' (dated 1 Oct) may be 23 days after the 6,500 of
    8 Sep, or 53: no 30-day growth or change rests on it. Dated to the day, it is one."""
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2016-09-08", followers=6500, source_url="source:r"),
                      snapshot("dept-a", "2016-10-01", followers=57000, source_url="source:r")])
    write_csv(data / "registry" / "sources.csv", schema.SOURCES_TABLE,
              [{"id": "r", "title": "A report", "publication": "A paper", "published_on": "2016-10-01",
                "date_precision": precision}])
    row = handles_of(data).iloc[0]
    window = [None if pd.isna(v) else v for v in (row["growth_30d"], row["change_30d"])]
    assert window == ([50500, None] if precision == "day" else [None, None])
    assert (row["first_followers"], row["followers"]) == (6500, 57000)  # the change itself is still said


def test_no_change_is_measured_from_a_count_its_source_bounds(tmp_path):
    """From 'more than 7 lakh' to 7,20,000 eleven days later is no known change: the count may
    have fallen. The first count is still said as its source states it."""
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2021-03-09", followers=700000),
                      snapshot("dept-a", "2021-03-20", followers=720000)])
    (data / "bounded-followers.csv").write_text("department_id,platform,date,bound\ndept-a,x,2021-03-09,more_than\n",
                                                encoding="utf-8")
    row = handles_of(data).iloc[0]
    assert [None if pd.isna(row[c]) else row[c] for c in ("growth_30d", "change_7d")] == [None, None]
    assert (row["first_followers_bound"], row["followers"]) == ("more_than", 720000)
    assert pd.isna(row["followers_bound"])  # the newest count is exact


def test_the_score_is_computed_from_the_unrounded_rate(tmp_path):
    """A resolution rate rounded to 0.1 and then used in a score rounded again drifts by 0.1."""
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2026-11-19")],
                     [complaint(received=300, resolved=200)])
    ds = load_dataset(data)
    rates = complaint_rates(ds.complaints, CFG, "9999-12-31")
    table = grades(handles_of(data), rates, reply_summary(ds.replies), CFG).set_index("department_id")
    exact = (100 * 0.5 + 200 / 3 * 0.25) / 0.75  # 88.888..., never 88.9 from a rate of 66.7
    assert table.loc["dept-a", "resolution_score"] == pytest.approx(200 / 3)
    assert table.loc["dept-a", "score"] == pytest.approx(exact, abs=1e-9)


def test_the_letter_is_the_one_of_the_score_as_shown(tmp_path):
    """Active (100, weight 0.5) and 54.88 % resolved (0.25): 84.96, shown as 85, is an A from
    85, not a B beside a score that reads as an A's."""
    data = make_data(tmp_path, [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2026-11-19")],
                     [complaint(received=10000, resolved=5488)])
    ds = load_dataset(data)
    table = grades(handles_of(data), complaint_rates(ds.complaints, CFG, "9999-12-31"), reply_summary(ds.replies),
                   CFG).set_index("department_id")
    assert table.loc["dept-a", "score"] == pytest.approx(84.96) and table.loc["dept-a", "grade"] == "A"


def test_grade_needs_a_status_and_weights_known_parts(tmp_path):
    other = {**DEPT, "id": "dept-b", "name_en": "B"}
    data = make_data(tmp_path, [DEPT, other],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ("dept-a", "dept-b")],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2026-11-19")],
                     [complaint(received=100, resolved=40),
                      complaint(department_id="dept-b", received=10, resolved=10)])
    ds = load_dataset(data)
    handles = handles_of(data)
    table = grades(handles, complaint_rates(ds.complaints, CFG, "9999-12-31"), reply_summary(ds.replies), CFG)
    table = table.set_index("department_id")
    # activity 100 x 0.5 + resolution 40 x 0.25, over weights 0.75
    assert table.loc["dept-a", "score"] == pytest.approx(80.0)
    assert table.loc["dept-a", "grade"] == "B"
    assert pd.isna(table.loc["dept-b", "grade"])



def test_the_grade_counts_the_complaint_period_the_ranking_counts(tmp_path):
    """Resolution and a reported reply time count in the grade only from a period the
    complaints ranking would rank: a month or more, ended within the window of the site's as-of
    date, with the ranking's minimum of complaints. An old or tiny period says little of today."""
    ids = ("dept-a", "dept-b", "dept-c", "dept-d", "dept-e", "dept-f", "dept-g", "dept-h", "dept-i")
    as_of = date(2026, 11, 20)
    data = make_data(tmp_path, [{**DEPT, "id": d, "name_en": d} for d in ids],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ids],
                     [snapshot(d, "2026-11-20", last_post_at="2026-11-19") for d in ids],
                     [complaint(received=300, resolved=150, period_start="2026-10-01", period_end="2026-10-31",
                                median_response_minutes=2000),
                      complaint(department_id="dept-b", received=6, resolved=6, period_start="2026-10-01",
                                period_end="2026-10-31"),  # too few
                      complaint(department_id="dept-c", received=300, resolved=300, period_start="2024-01-01",
                                period_end="2024-01-31", median_response_minutes=30),  # too old
                      complaint(department_id="dept-d", received=500, resolved=500, period_start="2026-11-20",
                                period_end="2026-11-21"),  # two days: not a month
                      complaint(department_id="dept-e", received=300, resolved=300, period_start="2024-01-01",
                                period_end="2024-01-31", median_response_minutes=30, source="ingest"),
                      # "More than an hour" scores what any slower time does (75); "more than three days" 0.
                      complaint(department_id="dept-f", channel="helpline", period_start="2026-10-01",
                                period_end="2026-10-31", median_response_minutes=60, bound="more_than"),
                      complaint(department_id="dept-g", channel="helpline", period_start="2026-10-01",
                                period_end="2026-10-31", median_response_minutes=5000, bound="more_than"),
                      # A small later month does not hide a month that counts.
                      complaint(department_id="dept-h", received=800, resolved=600, period_start="2026-09-01",
                                period_end="2026-09-30"),
                      complaint(department_id="dept-h", received=80, resolved=20, period_start="2026-10-01",
                                period_end="2026-10-31"),
                      # A month ending after the accounts' newest observation counts: it has its own dates.
                      complaint(department_id="dept-i", received=300, resolved=300, period_start="2026-11-01",
                                period_end="2026-11-30")])
    ds = load_dataset(data)
    rates = complaint_rates(ds.complaints, CFG, "9999-12-31")
    table = grades(handles_of(data), rates, reply_summary(ds.replies), CFG, as_of).set_index("department_id")
    assert table.loc["dept-a", "resolution_score"] == 50 and table.loc["dept-a", "responsiveness_score"] == 25
    for dept in ("dept-b", "dept-c", "dept-d", "dept-e"):
        assert pd.isna(table.loc[dept, "resolution_score"]), dept
        assert pd.isna(table.loc[dept, "responsiveness_score"]), dept
        assert table.loc[dept, "score"] == 100  # active, the other parts left out
    assert table.loc["dept-f", "responsiveness_score"] == 75 and table.loc["dept-g", "responsiveness_score"] == 0
    assert table.loc["dept-h", "resolution_score"] == 75 and table.loc["dept-i", "resolution_score"] == 100
    # Why figures that were published do not count, for the scorecard to say.
    reasons = table["resolution_not_counted"]
    assert {d: (r if isinstance(r, str) else None) for d, r in reasons.items()} == {
        "dept-a": None, "dept-b": "too_few", "dept-c": "too_old", "dept-d": "too_short", "dept-e": "too_old",
        "dept-f": None, "dept-g": None, "dept-h": None, "dept-i": None}
    assert table.loc["dept-c", "responsiveness_not_counted"] == "too_old"
    assert pd.isna(table.loc["dept-a", "responsiveness_not_counted"])
    ranked = complaint_rankings(rates, CFG, as_of).set_index("department_id")
    assert ranked.loc["dept-b", "unranked"] == "too_few" and ranked.loc["dept-c", "unranked"] == "too_old"
    assert ranked.loc["dept-d", "unranked"] == "too_short" and pd.notna(ranked.loc["dept-i", "rank"])
    assert ranked.loc["dept-h", "period_end"] == "2026-09-30" and pd.notna(ranked.loc["dept-h", "rank"])
    # Published figures that make no rate are listed too, with why: no counts (a reply time
    # alone), or counts a source gives as bounds.
    assert ranked.loc["dept-f", "unranked"] == "no_rate" and pd.isna(ranked.loc["dept-f", "rank"])
    bounded = ds.complaints.assign(bound=ds.complaints["bound"].mask(ds.complaints["department_id"] == "dept-i",
                                                                     "more_than"))
    again = complaint_rankings(complaint_rates(bounded, CFG, "9999-12-31"), CFG, as_of).set_index("department_id")
    assert again.loc["dept-i", "unranked"] == "bound" and again.loc["dept-i", "received"] == 300
    assert len(again) == len(ranked) and not again.index.duplicated().any()
    # Counted from the site's as-of date, not from the newest period: alone, 2024 is still old.
    only_old = rates[rates["department_id"] == "dept-c"]
    assert complaint_rankings(only_old, CFG, as_of).loc[0, "unranked"] == "too_old"
    # The state's median beside each part is of the graded departments only.
    states = pd.Series("Bihar", index=pd.Index([*ids, "dept-x"], name="department_id"))
    ungraded = pd.DataFrame([{"department_id": "dept-x", "activity_score": np.nan, "responsiveness_score": 100.0,
                              "resolution_score": 0.0, "score": np.nan, "grade": None}])
    explained_ = explained(pd.concat([table.reset_index(), ungraded], ignore_index=True), states, CFG)
    row = explained_.set_index("department_id").loc["dept-a"]
    assert (row["responsiveness_score_state_median"], row["responsiveness_score_state_n"]) == (25, 3)
    assert (row["resolution_score_state_median"], row["resolution_score_state_n"]) == (75, 3)  # 50, 75, 100


def test_complaint_ranks_agree_with_the_rates_as_shown(tmp_path):
    """Two rates both shown as 81.1 % share the better place (as every tie does), though
    one is 81.12 unrounded; a rate shown higher (81.2 %) still ranks above them."""
    ids = ("dept-a", "dept-b", "dept-c")
    month = {"period_start": "2026-10-01", "period_end": "2026-10-31"}
    data = make_data(tmp_path, [{**DEPT, "id": d, "name_en": d} for d in ids], [], complaints=[
        complaint(department_id="dept-a", received=1000, resolved=811, **month),  # 81.1
        complaint(department_id="dept-b", received=1001, resolved=812, **month),  # 81.118...
        complaint(department_id="dept-c", received=1000, resolved=812, **month)])  # 81.2
    rates = complaint_rates(load_dataset(data).complaints, CFG, "9999-12-31")
    ranked = complaint_rankings(rates, CFG, date(2026, 11, 20)).set_index("department_id")
    assert ranked.loc["dept-b", "resolved_rate"] > ranked.loc["dept-a", "resolved_rate"]
    assert {d: (ranked.loc[d, "rank"], ranked.loc[d, "of"]) for d in ids} == {
        "dept-a": (2, 3), "dept-b": (2, 3), "dept-c": (1, 3)}


def test_a_department_that_answers_no_mention_scores_below_one_that_answers_slowly(tmp_path):
    ids = ("dept-a", "dept-b", "dept-c", "dept-d")
    data = make_data(tmp_path, [{**DEPT, "id": d, "name_en": d} for d in ids],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ids],
                     [snapshot(d, "2026-11-20", last_post_at="2026-11-19") for d in ids])
    summary = pd.DataFrame({"department_id": list(ids), "days": [30] * 4, "mentions": [8, 8, 0, 2],
                            "answered": [0, 1, 0, 0], "answered_within_hour": [0] * 4,
                            "answered_share": [0.0, 12.5, np.nan, 0.0],
                            "median_reply_minutes": [np.nan, 2000.0, np.nan, np.nan],
                            "since": ["2026-10-22"] * 4, "until": ["2026-11-20"] * 4})
    rates = complaint_rates(load_dataset(data).complaints, CFG, "9999-12-31")
    table = grades(handles_of(data), rates, summary, CFG).set_index("department_id")
    # Answered none of 8: 0, not "no data" (which would leave the part out and score 100).
    assert table.loc["dept-a", "responsiveness_score"] == 0
    assert table.loc["dept-b", "responsiveness_score"] == 25
    assert table.loc["dept-a", "score"] < table.loc["dept-b", "score"] < table.loc["dept-c", "score"] == 100
    assert pd.isna(table.loc["dept-c", "responsiveness_score"])  # nobody asked: left out
    # Two mentions are too few to judge by (config [grade] min_mentions): left out, not 0.
    assert pd.isna(table.loc["dept-d", "responsiveness_score"]) and table.loc["dept-d", "score"] == 100


def test_ordering_that_consumes_its_frame_gives_the_same_rows_and_leaves_none_behind():
    from generator.compute.status import ordered
    frame = pd.DataFrame({"department_id": ["b", "a", "b", "a"], "platform": ["x", "x", "x", "facebook"],
                          "date": ["2026-01-02", "2026-01-01", "2026-01-01", "2026-01-03"],
                          "_file": ["n2", "n1", "n1", "m"], "_line": [2, 3, 2, 9],
                          "followers": pd.array([1, None, 3, 4], dtype="Int64")})
    given = frame.copy()
    moved = ordered(given, consume=True)
    pd.testing.assert_frame_equal(moved, ordered(frame))
    assert list(moved["department_id"]) == ["a", "a", "b", "b"] and list(moved["_acct"]) == [0, 1, 2, 2]
    assert given.columns.empty and len(frame.columns) == 6  # the copy was emptied, the original untouched
    # A past night rebuilt: later rows are left out as the rest are ordered, the same as
    # ordering the rows of that night and before; an account seen only later is not numbered.
    given = frame.copy()
    cut = ordered(given, consume=True, until="2026-01-02")
    pd.testing.assert_frame_equal(cut, ordered(frame[frame["date"] <= "2026-01-02"]))
    assert list(cut["date"]) == ["2026-01-01", "2026-01-01", "2026-01-02"] and list(cut["_acct"]) == [0, 1, 1]
    assert ordered(cut, until="2026-01-02") is cut  # nothing later: taken as it is


def test_categories_worked_out_by_runs_equal_pandas_own():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(12)] + [float("nan")]
    cases = [[], ["a"], [float("nan")], ["b", "a", "b", float("nan"), float("nan"), "a"],
             ["x"] * 5 + [float("nan")] * 3 + ["x"]]
    cases += [[rng.choice(words) for _ in range(rng.randint(0, 60))] for _ in range(300)]
    for values in cases:
        ours, theirs = categorical(np.asarray(values, dtype=object)), pd.Categorical(np.asarray(values, dtype=object))
        assert list(ours.categories) == list(theirs.categories) and ours.codes.tolist() == theirs.codes.tolist()


def test_codes_worked_out_by_runs_equal_pandas_own_in_either_order():
    """Rows put in order look up a file, a platform or a date once per run of equal rows: the
    codes are pandas' own, sorted or not, a blank (None or NaN) -1; a value whose comparison
    has no plain truth (pd.NA) is hashed row by row as before, not a traceback."""
    rng = random.Random(11)
    words = [f"2026-01-{i:02d}" for i in range(1, 9)] + [float("nan"), None]
    cases = [[], [None], ["a", None, None, "a"], ["b"] * 4 + ["a"] * 2 + [float("nan")] * 2, ["a", pd.NA, pd.NA, "b"]]
    cases += [[rng.choice(words) for _ in range(rng.randint(0, 80))] for _ in range(300)]
    for values in cases:
        array = np.asarray(values, dtype=object)
        for sort in (False, True):
            codes, uniques = factorize_runs(array, sort=sort)
            want_codes, want_uniques = pd.factorize(array, sort=sort)
            assert codes.tolist() == want_codes.tolist() and list(uniques) == list(want_uniques)
    assert day_numbers(pd.Series(["2026-01-02", pd.NA, pd.NA], dtype="string")).tolist()[0] == 20455
    assert np.isnan(day_numbers(pd.Series(["2026-01-02", pd.NA, pd.NA], dtype="string"))[1:]).all()


def test_no_grade_rests_on_a_figure_older_than_the_recheck_limit_either_way(tmp_path):
    """A status from an observation older than [status] absence_recheck_days counts in no grade,
    as an old "no account" does: "active in 2017" flatters as "abandoned in 2023" accuses (a 2023
    article's "abandoned" gave an F in 2026). Measured replies count as a reported time does,
    from a last day within the ranking window: one old day of 12 mentions, none answered, took
    a department from A to C over a recent reported 35 minutes."""
    from generator import paths
    from generator.render.words import TEXT

    from .helpers import build

    limit, window, as_of = CFG.status.absence_recheck_days, CFG.complaints.ranking_window_days, date(2026, 11, 20)

    def day(n: int) -> str:
        return (as_of - timedelta(days=n)).isoformat()

    ids = ("dept-a", "dept-b", "dept-c", "dept-d", "dept-e", "dept-f")
    data = make_data(tmp_path / "data", [{**DEPT, "id": d, "name_en": d} for d in ids],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ids],
                     [snapshot("dept-a", day(limit), last_post_at=day(limit)),  # as old as the limit: counts
                      snapshot("dept-b", day(limit + 1), last_post_at=day(limit + 1)),  # older: no grade
                      snapshot("dept-f", day(limit + 1))]  # as old, and no post date: unknown whatever its age
                     + [snapshot(d, day(0), last_post_at=day(0)) for d in ("dept-c", "dept-d", "dept-e")],
                     [complaint(department_id="dept-c", channel="helpline", period_start="2026-10-01",
                                period_end="2026-10-31", median_response_minutes=35)])
    for n, depts in ((window + 1, ("dept-c", "dept-d")), (window, ("dept-e",))):
        write_csv(data / paths.REPLIES / "x" / f"{day(n)}.csv", schema.REPLIES,
                  [{"department_id": d, "platform": "x", "date": day(n), "mentions": 12, "answered": 0,
                    "answered_within_hour": 0, "posts_read": 12} for d in depts])
    model = build_model(load_dataset(data), CFG, as_of)
    table = model.grades.set_index("department_id")
    assert table.loc["dept-a", "grade"] == "A" and pd.isna(table.loc["dept-a", "activity_not_counted"])
    assert pd.isna(table.loc["dept-b", "grade"]) and table.loc["dept-b", "activity_not_counted"] == "too_old"
    assert pd.isna(table.loc["dept-f", "grade"]) and pd.isna(table.loc["dept-f", "activity_not_counted"])
    assert table.loc["dept-c", "responsiveness_score"] == 100  # the reported 35 minutes, not the old day
    assert pd.isna(table.loc["dept-d", "responsiveness_score"])
    # A measured day too old is not a reported period: said in its own words (a report's stay too_old).
    assert table.loc["dept-d", "responsiveness_not_counted"] == "measured_too_old"
    assert table.loc["dept-e", "responsiveness_score"] == 0  # a day within the window counts: none answered
    # The reply figure lists and badges show is the one the grade rests on.
    shown = model.handles.drop_duplicates("department_id").set_index("department_id")
    assert shown.loc["dept-c", "reply_basis"] == "reported" and pd.isna(shown.loc["dept-d", "reply_basis"])
    # The grade's history counts replies by the same rule at each month's end.
    history = model.grade_history.set_index(["department_id", "month"])
    assert pd.isna(history.loc[("dept-d", "2026-11"), "responsiveness_score"])
    assert history.loc[("dept-e", "2026-11"), "responsiveness_score"] == 0
    # The scorecard says why there is no grade.
    site = tmp_path / "site"
    build(data, site, as_of)
    assert TEXT["grade_none_old"][0] in (site / "departments" / "dept-b" / "index.html").read_text(encoding="utf-8")
    # A reply time measured too long ago is left out as a measured day, not as a reported period
    # (a status has its own words too), in both languages.
    for folder, lang in (("en/", 1), ("", 0)):
        page = (site / f"{folder}departments" / "dept-d" / "index.html").read_text(encoding="utf-8")
        said = TEXT["grade_not_counted_measured_too_old"][lang].format(days=window)
        assert said in page and TEXT["grade_not_counted_too_old"][lang].format(days=window) not in page
    # The checker that shares no code with the package reads the limit the same way, both sides of it.
    from . import figure_checker

    assert figure_checker.check(site, data, as_of).mismatches == []


def test_an_old_report_of_no_account_leaves_the_grade_of_an_account_observed_since(tmp_path):
    """A 2023 report found no X account; the department has one since, observed yesterday as
    active: its grade counts that activity (the report's age took it out as "too old"). The
    same old report with no account since still counts in no grade."""
    data = make_data(tmp_path / "data", [DEPT, {**DEPT, "id": "dept-b", "name_en": "B"}],
                     [{"department_id": "dept-a", "platform": "x", "handle": "depta", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2026-11-19")])
    write_csv(data / paths.ABSENCES_CSV, schema.ABSENCES,
              [{"department_id": d, "platform": "x", "checked_on": "2023-07-18",
                "source_url": "https://example.org/report"} for d in ("dept-a", "dept-b")])
    model = build_model(load_dataset(data), CFG, date(2026, 11, 20))
    table = model.grades.set_index("department_id")
    assert table.loc["dept-a", "grade"] == "A" and pd.isna(table.loc["dept-a", "activity_not_counted"])
    assert pd.isna(table.loc["dept-b", "grade"])
    unchecked = model.handles.set_index("department_id")["absence_unchecked"]
    assert not unchecked["dept-a"] and unchecked["dept-b"]


def test_the_activity_part_names_the_account_it_is_from(tmp_path):
    """A department's official X account silent for years and an unverified page active: the
    grade's activity is the page's 100, and its scorecard says so, unverified, rather than
    leave the reader to think the official account is active."""
    import html
    import re

    from .helpers import build

    as_of = date(2026, 11, 20)
    data = make_data(tmp_path / "data", [DEPT],
                     [{"department_id": "dept-a", "platform": "x", "handle": "depta", "official": "yes"},
                      {"department_id": "dept-a", "platform": "facebook", "handle": "deptapage",
                       "official": "unverified", "source_url": "https://example.org/list"}],
                     [snapshot("dept-a", "2026-11-20", last_post_at="2025-01-01"),
                      {**snapshot("dept-a", "2026-11-20", last_post_at="2026-11-19"), "platform": "facebook"}])
    model = build_model(load_dataset(data), CFG, as_of)
    grade = model.grades.set_index("department_id").loc["dept-a"]
    assert grade["activity_score"] == 100 and grade["activity_platform"] == "facebook"
    site = tmp_path / "site"
    build(data, site, as_of)
    page = (site / "en" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))
    assert "From the status of Facebook deptapage (unverified), the best of the department's accounts." in text


def test_the_grade_history_counts_each_months_inputs_as_they_stood_then(tmp_path):
    """A department active every month, whose complaint months moved from 20 % to 90 %
    resolved: each month's grade counts the complaint month counted then, not today's; the
    last month's is the grade shown today."""
    days = ["2026-08-20", "2026-09-20", "2026-10-20", "2026-11-20"]
    # C stops posting after August: its activity falls.
    data = make_data(tmp_path, [DEPT, *({**DEPT, "id": f"dept-{c}", "name_en": c.upper()} for c in "bc")],
                     [{"department_id": d, "platform": "x", "official": "yes"} for d in ("dept-a", "dept-b", "dept-c")],
                     [snapshot(d, day, last_post_at=day) for d in ("dept-a", "dept-b") for day in days]
                     + [snapshot("dept-c", day, last_post_at=days[0]) for day in days],
                     [complaint(received=1000, resolved=200, period_start="2026-08-01", period_end="2026-08-31"),
                      complaint(received=1000, resolved=900, period_start="2026-10-01", period_end="2026-10-31"),
                      complaint(department_id="dept-b", received=1000, resolved=500, period_start="2025-08-01",
                                period_end="2025-08-31")])
    model = build_model(load_dataset(data), CFG, date(2026, 11, 20))
    # B's month of 2025 counts until it is more than 365 days old: at the end of August 2026 only.
    old = model.grade_history[model.grade_history["department_id"] == "dept-b"].set_index("month")
    assert old.loc["2026-08", "resolution_score"] == 50 and old.loc["2026-09":, "resolution_score"].isna().all()
    history = model.grade_history[model.grade_history["department_id"] == "dept-a"].set_index("month")
    assert history.loc["2026-08", "resolution_score"] == 20  # August's month counted at its end
    assert history.loc["2026-09", "resolution_score"] == 20  # September: still August's
    assert history.loc["2026-10", "resolution_score"] == 90 and history.loc["2026-11", "resolution_score"] == 90
    assert history.loc["2026-09", "score"] == pytest.approx((100 * 0.5 + 20 * 0.25) / 0.75)
    shown = model.grades.set_index("department_id").loc["dept-a"]
    assert history.loc["2026-11", "score"] == pytest.approx(shown["score"]) and history.loc["2026-11", "grade"] == \
        shown["grade"]
    # Each month's line names the parts that moved since the month before, as shown.
    import html
    import re

    from .helpers import build

    build(data, tmp_path / "site", date(2026, 11, 20))

    def history_lines(dept: str, lang: str) -> list[str]:
        page = (tmp_path / "site" / lang / "departments" / dept / "index.html").read_text(encoding="utf-8")
        listed = page.split('id="grade-history"')[1].split("</ul>")[0]
        return [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", listed)]

    # Heard, each says which way the part went; the Hindi has no verb to agree with a part's name.
    assert [line.split(" — ")[1:] for line in history_lines("dept-a", "en")] == [
        [], [], ["Resolution: up from 20 to 90"], []]
    assert history_lines("dept-a", "")[2].endswith(" — समाधान: 20 से बढ़कर 90")
    assert history_lines("dept-c", "en")[1].endswith(" — Activity: down from 100 to 25")
    assert history_lines("dept-c", "")[1].endswith(" — सक्रियता: 100 से घटकर 25")
    assert history_lines("dept-b", "en")[1].endswith(" — Resolution: 50, no longer counted")
    assert history_lines("dept-b", "")[1].endswith(" — समाधान: 50, अब गिनती में नहीं")


def test_the_grade_history_ends_on_the_grade_shown(tmp_path):
    """The history counts every month at once (compute/grades.py, _parts_by_month), apart from
    the grade's own reading of replies and complaints: on an invented population with replies,
    reported times and complaint months, its month under way is the grade shown, part by part."""
    from generator.synth import synthesize

    synthesize(tmp_path / "data", 300, 90, end=date(2026, 11, 30))
    model = build_model(load_dataset(tmp_path / "data"), Config(), date(2026, 11, 30))
    last = model.grade_history[model.grade_history["month"] == "2026-11"].set_index("department_id")
    shown = model.grades.set_index("department_id").reindex(last.index)
    assert last["responsiveness_score"].notna().sum() > 50 and last["resolution_score"].notna().sum() > 5
    for part in ("responsiveness_score", "resolution_score", "score"):
        pd.testing.assert_series_equal(last[part].astype(float), shown[part].astype(float), check_names=False)


def _an_active_page_beside_a_dormant_account(root, page_days: list[str], until: date = date(2026, 11, 15)):
    """Department A: its X account looked up every ten days from October 2025 to `until`,
    dormant; its Facebook page observed active on `page_days` only."""
    nights = [date(2025, 10, 1) + timedelta(days=n) for n in range(0, (until - date(2025, 10, 1)).days + 1, 10)]
    return make_data(root, [DEPT], [{"department_id": "dept-a", "platform": p, "handle": f"a_{p}", "official": "yes"}
                                    for p in ("x", "facebook")],
                     [snapshot("dept-a", day.isoformat(), last_post_at=(day - timedelta(days=60)).isoformat())
                      for day in nights]
                     + [{**snapshot("dept-a", day, last_post_at=day), "platform": "facebook"} for day in page_days])


def test_the_grade_history_counts_an_account_in_the_months_it_was_not_observed(tmp_path):
    """Facebook seen active on 10 November 2025 counts in the grade for a year (it grew too old
    on 11 November 2026): the history counted it only in November 2025 and read the dormant X
    account alone in the eleven months after, a grade the department never had, and gave no
    month in which the page stopped counting. Each month counts each account's last
    observation by then, and the month it stops counting names it."""
    import html
    import re
    from dataclasses import replace

    from .helpers import build

    as_of = date(2026, 11, 15)
    data = _an_active_page_beside_a_dormant_account(tmp_path / "data", ["2025-11-10"])
    model = build_model(load_dataset(data), CFG, as_of)
    history = model.grade_history.set_index("month")
    assert history.loc["2025-12":"2026-10", "activity_score"].eq(100).all()
    assert history.loc["2026-11", "activity_score"] == 25
    assert history.loc["2026-11", "grade"] == model.grades.loc[0, "grade"]
    build(data, tmp_path / "site", as_of)
    lines = {}
    for lang in ("", "en"):
        page = (tmp_path / "site" / lang / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
        listed = page.split('id="grade-history"')[1].split("</ul>")[0]
        lines[lang] = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", listed)]
    assert lines["en"][-1].endswith(" — Activity: down from 100 to 25; Facebook's observation of 10 Nov 2025 "
                                    "no longer counts: it grew more than 365 days old"), lines["en"][-1]
    assert "अवलोकन अब गिनती में नहीं: वह 365 दिन से पुराना हो गया" in lines[""][-1]
    assert not any("no longer counts" in line for line in lines["en"][:-1])
    # Before then, the grade's activity part says until when the old observation counts.
    build(data, tmp_path / "before", date(2026, 10, 1))
    page = (tmp_path / "before" / "en" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    assert "This observation of 10 Nov 2025 counts in the grade until 10 Nov 2026" in html.unescape(page)
    page = (tmp_path / "before" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    assert "10 नवंबर 2025 का यह अवलोकन ग्रेड में 10 नवंबर 2026 तक गिना जाता है" in html.unescape(page)
    # However few months a scorecard summarises (two here), the page seen in July still counts in
    # August to October, before the two months of it the scorecard lists.
    data = _an_active_page_beside_a_dormant_account(tmp_path / "few", ["2026-07-10", "2026-11-10", "2026-12-10",
                                                                      "2027-01-10"], until=date(2026, 10, 20))
    few = replace(CFG, site=replace(CFG.site, history_months=2))
    history = build_model(load_dataset(data), few, date(2027, 1, 10)).grade_history.set_index("month")
    assert history.loc["2026-08":, "activity_score"].eq(100).all(), history["activity_score"]


def test_a_day_measured_on_two_platforms_is_one_day_of_the_period():
    """A department whose X and Facebook accounts were both measured on one day showed the
    scorecard's period as "24 Nov 2026 (2 days)": a day counts once, whatever was measured on it;
    two days measured on one platform are still two."""
    def day(on: str, platform: str) -> dict:
        return {"department_id": "dept-a", "platform": platform, "date": on, "mentions": 6, "answered": 3,
                "answered_within_hour": 1, "median_reply_minutes": 40.0}

    both = reply_summary(pd.DataFrame([day("2026-11-24", "x"), day("2026-11-24", "facebook")]))
    assert both.loc[0, ["days", "mentions", "since", "until"]].tolist() == [1, 12, "2026-11-24", "2026-11-24"]
    apart = reply_summary(pd.DataFrame([day("2026-11-23", "x"), day("2026-11-24", "x")]))
    assert apart.loc[0, ["days", "mentions"]].tolist() == [2, 12]


def test_a_day_measured_on_two_platforms_is_one_day_of_the_median(tmp_path):
    """A department measured on X on two days and on Facebook on one of them was graded on the
    median of three daily medians, the shared day counted twice: X 50, Facebook 300 and X 50 gave
    50 minutes, a score of 100. The day counts once, at the mean of its platforms' medians weighted
    by the replies each rests on ((50 x 10 + 300 x 1) / 11 = 72.7): the median of 72.7 and 50 is
    61.4 minutes, a score of 75, in the grade and in its history alike. Each platform's own
    figures, and days measured on one platform, are as they were."""
    accounts = [{"department_id": "dept-a", "platform": p, "handle": f"a_{p}", "official": "yes"}
                for p in ("x", "facebook")]
    data = make_data(tmp_path / "data", [DEPT], accounts,
                     [{**snapshot("dept-a", AS_OF.isoformat(), followers=500, last_post_at=AS_OF.isoformat()),
                       "platform": p} for p in ("x", "facebook")])

    def measured(platform: str, on: date, mentions: int, answered: int, minutes: float) -> dict:
        return {"department_id": "dept-a", "platform": platform, "date": on.isoformat(), "mentions": mentions,
                "answered": answered, "answered_within_hour": 0, "median_reply_minutes": minutes,
                "posts_read": mentions}

    before = AS_OF - timedelta(days=1)
    for platform, on, rows in (("x", AS_OF, [measured("x", AS_OF, 12, 10, 50)]),
                               ("facebook", AS_OF, [measured("facebook", AS_OF, 2, 1, 300)]),
                               ("x", before, [measured("x", before, 12, 10, 50)])):
        write_csv(data / paths.REPLIES / platform / f"{on.isoformat()}.csv", schema.REPLIES, rows)
    model = build_model(load_dataset(data), CFG, AS_OF)
    assert model.reply_summary["median_reply_minutes"].round(1).tolist() == [61.4]
    assert model.reply_platforms.set_index("platform")["median_reply_minutes"].to_dict() == {"facebook": 300,
                                                                                             "x": 50}
    assert model.grades["responsiveness_score"].tolist() == [75]
    assert model.grade_history["responsiveness_score"].tolist()[-1] == 75
    one = [measured("x", AS_OF - timedelta(days=n), 12, 10, m) for n, m in ((0, 50), (1, 300), (2, 50))]
    assert reply_summary(pd.DataFrame(one))["median_reply_minutes"].tolist() == [50]
