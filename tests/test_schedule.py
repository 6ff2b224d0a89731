from datetime import date

import pandas as pd

from generator.collect.budget import nightly_allowance, plan_night
from generator.config import CollectConfig, StatusConfig

from .simulate import simulate


def test_allowance_spreads_what_is_left_over_the_nights_left():
    cfg = CollectConfig(monthly_read_budget=3000)
    assert nightly_allowance(date(2026, 11, 1), 0, cfg) == 100
    assert nightly_allowance(date(2026, 11, 30), 2950, cfg) == 50
    assert nightly_allowance(date(2026, 11, 30), 3100, cfg) == 0


def test_priorities_new_then_due_then_changing():
    states = pd.DataFrame(
        {"last_refresh": ["2026-11-10", "2026-11-19", "2026-11-19", "2026-11-24"],
         "observed_on": ["2026-11-10", "2026-11-19", "2026-11-19", "2026-11-24"],
         "last_post_at": ["2026-11-09", "2026-11-15", "2026-11-18", "2026-11-23"],
         "followers": [10, 10, 10, 10]},
        index=pd.MultiIndex.from_tuples([("due", "x"), ("changing", "x"), ("quiet", "x"), ("today", "x")]))
    keys = [("quiet", "x"), ("changing", "x"), ("due", "x"), ("new", "x"), ("today", "x")]
    cfg = CollectConfig(monthly_read_budget=10_000)
    plan = plan_night(keys, states, date(2026, 11, 24), 0, cfg, StatusConfig())
    # "changing" posted 9 days ago: published active, slow by now. "today" was just read.
    assert plan.keys == [("new", "x"), ("due", "x"), ("changing", "x"), ("quiet", "x")]
    small = plan_night(keys, states, date(2026, 11, 24), 9_990, cfg, StatusConfig())
    assert small.allowance == 1 and small.keys == [("new", "x")]


def test_scheduler_keeps_budget_and_refreshes_everyone_within_n_days():
    result = simulate(accounts=300, nights=62, monthly_budget=3_000, max_days=7)
    assert result.over_allowance_nights == 0
    assert all(reads <= 3_000 for reads in result.reads_by_month.values()), result.reads_by_month
    assert result.max_gap <= 7
    nightly = simulate(accounts=300, nights=62, monthly_budget=None)
    assert result.reads < nightly.reads / 2
    assert result.wrong_share < 0.05
