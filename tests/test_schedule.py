from datetime import date

import pandas as pd
import pytest

from generator.collect.budget import account_states, nightly_allowance, plan_night, refresh_floor
from generator.config import CollectConfig, StatusConfig

from .simulate import simulate

KEYS = ["department_id", "platform"]


def test_allowance_spreads_what_is_left_over_the_nights_left():
    cfg = CollectConfig(monthly_read_budget=3000)
    assert nightly_allowance(date(2026, 11, 1), 0, cfg) == 100
    assert nightly_allowance(date(2026, 11, 30), 2950, cfg) == 50
    assert nightly_allowance(date(2026, 11, 30), 3100, cfg) == 0


def states_of(rows: dict[str, dict]) -> pd.DataFrame:
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples([(k, "x") for k in rows], names=KEYS)
    return table


# Four accounts observed as of 24 Nov 2026, and one never observed ("new").
FOUR = {
    "due": {"last_refresh": "2026-11-10", "observed_on": "2026-11-10", "last_post_at": "2026-11-09"},
    # Posted every day for weeks, silent for 9 days at its last lookup two days ago:
    # shown slow, and slow it stays; a daily poster seen posting yesterday stays active.
    "steady": {"last_refresh": "2026-11-23", "observed_on": "2026-11-23", "last_post_at": "2026-11-23",
               "rate_posts": 30.0, "rate_days": 30.0},
    # Shown active (posted 6 days before its lookup), 9 days silent by now if it has not
    # posted since: slow tonight unless it posted.
    "changing": {"last_refresh": "2026-11-21", "observed_on": "2026-11-21", "last_post_at": "2026-11-15",
                 "rate_posts": 3.0, "rate_days": 30.0},
    "today": {"last_refresh": "2026-11-24", "observed_on": "2026-11-24", "last_post_at": "2026-11-23"},
}
FOUR_KEYS = [("steady", "x"), ("changing", "x"), ("due", "x"), ("new", "x"), ("today", "x")]


def test_never_observed_first_then_due_then_likely_changes():
    states, keys = states_of(FOUR), FOUR_KEYS
    cfg = CollectConfig(monthly_read_budget=10_000)
    plan = plan_night(keys, states, date(2026, 11, 24), 0, cfg, StatusConfig())
    assert plan.keys == [("new", "x"), ("due", "x"), ("changing", "x"), ("steady", "x")]
    assert plan.reasons["new"] == 1 and plan.reasons["due"] == 1 and plan.reasons["changing"] == 1
    small = plan_night(keys, states, date(2026, 11, 24), 9_990, cfg, StatusConfig())
    assert small.allowance == 1 and small.keys == [("new", "x")]


def test_an_account_read_today_already_is_planned_free():
    """X bills a user once a UTC day: an account another night (or an earlier run) read on the
    day tonight's reads are billed is read again at no cost. It takes none of the allowance,
    even a spent one, and is read whatever its priority; one refreshed for tonight already
    is not read at all."""
    states, keys = states_of(FOUR), FOUR_KEYS
    cfg = CollectConfig(monthly_read_budget=10_000, cost_per_read_usd=0.01)
    free = {("steady", "x"), ("today", "x"), ("elsewhere", "x")}
    plan = plan_night(keys, states, date(2026, 11, 24), 9_990, cfg, StatusConfig(), free=free)
    assert plan.allowance == 1 and plan.keys == [("new", "x"), ("steady", "x")] and plan.free == 1
    assert plan.cost_usd == 0.01 and "2 reads (1 free: read today already), about $0.01" in plan.describe()
    spent = plan_night(keys, states, date(2026, 11, 24), 10_000, cfg, StatusConfig(), free=free)
    assert spent.keys == [("steady", "x")] and spent.cost_usd == 0 and "budget of 10,000 reads is spent" in spent.note
    # Nothing read today: the plan of old.
    assert plan_night(keys, states, date(2026, 11, 24), 9_990, cfg, StatusConfig(), free=set()).keys == [("new", "x")]


def test_a_spent_budget_plans_nothing_and_says_why():
    states = states_of({"a": {"last_refresh": "2026-11-01", "observed_on": "2026-11-01",
                              "last_post_at": "2026-11-01"}})
    cfg = CollectConfig(monthly_read_budget=1_000)
    plan = plan_night([("a", "x"), ("b", "x")], states, date(2026, 11, 24), 1_000, cfg, StatusConfig())
    assert plan.keys == [] and "budget of 1,000 reads is spent" in plan.describe()
    again = plan_night([("a", "x"), ("b", "x")], states, date(2026, 11, 24), 0, cfg, StatusConfig(),
                       read_tonight=10_000)
    assert again.keys == [] and "earlier run" in again.note


def test_missing_and_contradictory_history_gives_a_plan():
    """A renamed account (new handle, post count lower than before), a failed lookup, a
    skipped night, an observation without a post time, cells that are not dates."""
    rows = [
        {"department_id": "renamed", "date": "2026-11-10", "state": "ok", "handle": "old", "posts": 900,
         "last_post_at": "2026-11-10T08:00:00Z"},
        {"department_id": "renamed", "date": "2026-11-20", "state": "ok", "handle": "new", "posts": 12,
         "last_post_at": "2026-11-19T08:00:00Z"},
        {"department_id": "failed", "date": "2026-11-12", "state": "ok", "posts": 50, "last_post_at": "2026-11-12"},
        {"department_id": "failed", "date": "2026-11-23", "state": "error", "posts": None, "last_post_at": None},
        {"department_id": "skipped", "date": "2026-10-01", "state": "ok", "posts": 5, "last_post_at": None},
        {"department_id": "gone", "date": "2026-11-22", "state": "suspended", "posts": None, "last_post_at": None},
        {"department_id": "odd", "date": "2026-11-22", "state": "ok", "posts": 3, "last_post_at": "not a date"},
    ]
    snapshots = pd.DataFrame([{"platform": "x", "source": "x-api", "followers": 10, **r} for r in rows])
    states = account_states(snapshots)
    assert states.loc[("renamed", "x"), "rate_posts"] == 0  # a count that went down adds no posts
    keys = [(d, "x") for d in ("renamed", "failed", "skipped", "gone", "odd", "never")]
    plan = plan_night(keys, states, date(2026, 11, 24), 0, CollectConfig(monthly_read_budget=100_000),
                      StatusConfig())
    assert plan.keys[0] == ("never", "x") and set(plan.keys) == set(keys)
    # An empty history plans everyone as never observed.
    empty = plan_night(keys, account_states(snapshots.iloc[:0]), date(2026, 11, 24), 0, CollectConfig(),
                       StatusConfig())
    assert empty.reasons["new"] == len(keys)


def test_the_floor_the_budget_cannot_keep_is_said():
    cfg = CollectConfig(monthly_read_budget=30_000, max_days_between_refresh=7)
    assert refresh_floor(10_000, date(2026, 11, 5), cfg) == 20
    assert refresh_floor(1_000, date(2026, 11, 5), cfg) == 7
    assert refresh_floor(10, date(2026, 11, 5), CollectConfig(monthly_read_budget=0)) is None
    keys = [(f"d{i}", "x") for i in range(10_000)]
    plan = plan_night(keys, pd.DataFrame(), date(2026, 11, 5), 0, cfg, StatusConfig())
    assert plan.floor_days == 20 and not plan.floor_kept
    assert "max_days_between_refresh 7 cannot be kept by this budget, kept every 20 days" in plan.describe()
    assert plan.record()["refresh_floor_days"] == 20
    kept = plan_night(keys[:1000], pd.DataFrame(), date(2026, 11, 5), 0, cfg, StatusConfig())
    assert kept.floor_kept and "cannot be kept" not in kept.describe()


def test_the_floor_is_sized_by_the_month_whose_budget_pays_for_the_night():
    """28 February collected on 1 March is read with March's budget: March's 31 days of
    it keep the floor, not February's 28 (which would promise a shorter wait)."""
    cfg = CollectConfig(monthly_read_budget=28_000, max_days_between_refresh=7)
    keys = [(f"d{i}", "x") for i in range(10_000)]
    assert refresh_floor(len(keys), date(2027, 2, 28), cfg) == 20
    assert refresh_floor(len(keys), date(2027, 3, 1), cfg) == 23
    late = plan_night(keys, pd.DataFrame(), date(2027, 2, 28), 0, cfg, StatusConfig(), billed_on=date(2027, 3, 1))
    assert late.floor_days == 23
    on_time = plan_night(keys, pd.DataFrame(), date(2027, 2, 28), 0, cfg, StatusConfig())
    assert on_time.floor_days == 20


def seen(on: str, last_post: str, posts_in_40_days: float, group: str, **more) -> dict:
    """An account read on `on`, its last post then, how often it posts, and its state."""
    return {"last_refresh": on, "observed_on": on, "last_post_at": last_post, "rate_posts": posts_in_40_days,
            "rate_days": 40.0, "group": group, **more}


def test_a_collective_silence_is_one_event():
    """Twelve daily posters of one state silent together for a week, others posting."""
    states = states_of({**{f"up{i}": seen("2026-11-23", "2026-11-15", 40.0, "IN-UP") for i in range(12)},
                        **{f"br{i}": seen("2026-11-23", "2026-11-23", 40.0, "IN-BR") for i in range(40)}})
    plan = plan_night(list(states.index), states, date(2026, 11, 24), 0, CollectConfig(), StatusConfig())
    assert [(e["group"], e["silent"], e["ending"]) for e in plan.events] == [("IN-UP", 12, False)]
    assert plan.reasons["collective"] == 3
    assert "collective silence in IN-UP since 2026-11-15" in plan.describe()


def test_scheduler_keeps_budget_on_every_population():
    for population in ("typical", "band edges", "adversarial"):
        result = simulate(accounts=300, nights=40, monthly_budget=1_500, population=population, seed=3)
        assert result.over_allowance_nights == 0 and result.over_budget_months == 0
        assert all(reads <= 1_500 for reads in result.reads_by_month.values()), result.reads_by_month
        assert result.reads > 0


def test_planner_beats_round_robin_on_an_adversarial_population():
    planned = simulate(accounts=600, nights=45, monthly_budget=3_000, population="adversarial", seed=5)
    rotation = simulate(accounts=600, nights=45, monthly_budget=3_000, population="adversarial", seed=5,
                        planner="round-robin")
    oracle = simulate(accounts=600, nights=45, monthly_budget=3_000, population="adversarial", seed=5,
                      planner="oracle")
    assert oracle.wrong_share < planned.wrong_share < 0.8 * rotation.wrong_share


def test_a_read_goes_where_a_chance_of_change_took_longest_to_build():
    """A sporadic poster shown slow two nights ago has likelier posted since than a dormant
    account seen six nights ago; but it will likely post, and be wrong, again soon after
    any read. With one read tonight, the dormant account is read; with two, both."""
    states = states_of({
        "slow": {"last_refresh": "2026-11-22", "observed_on": "2026-11-22", "last_post_at": "2026-11-10",
                 "rate_posts": 15.0, "rate_days": 30.0},
        "dormant": {"last_refresh": "2026-11-18", "observed_on": "2026-11-18", "last_post_at": "2026-09-20",
                    "rate_posts": 1.0, "rate_days": 30.0},
    })
    cfg = CollectConfig(monthly_read_budget=10_000)
    one = plan_night(list(states.index), states, date(2026, 11, 24), 10_000 - 7, cfg, StatusConfig())
    assert one.allowance == 1 and one.keys == [("dormant", "x")] and one.reasons["changing"] == 1
    two = plan_night(list(states.index), states, date(2026, 11, 24), 10_000 - 14, cfg, StatusConfig())
    assert two.keys == [("dormant", "x"), ("slow", "x")]


def test_each_accounts_rate_is_read_from_its_own_rows_among_other_accounts():
    # Observations come in date order, one account's rows among the others': a daily poster
    # read every night beside an account that posts every other day.
    rows = [{"department_id": d, "platform": "x", "date": f"2026-11-{day:02d}", "state": "ok", "source": "x-api",
             "followers": 10, "posts": day * (2 if d == "twice" else 1) // (1 if d == "twice" else 2),
             "last_post_at": f"2026-11-{day:02d}"} for day in range(1, 21) for d in ("twice", "half")]
    states = account_states(pd.DataFrame(rows))
    rate = states["rate_posts"] / states["rate_days"]
    assert rate[("twice", "x")] == pytest.approx(2.0) and rate[("half", "x")] == pytest.approx(0.5, abs=0.05)
    assert (states["post_before"] == "2026-11-19").all() and (states["post_before_seen_on"] == "2026-11-19").all()


def silence_world(began: list[str]) -> pd.DataFrame:
    """A state whose accounts fell silent together: some read in the last nights posting again
    after silences that began on `began`, ten still shown dormant since 1 October; and another
    state's posters shown slow, likelier to have posted than the silent by their own habits."""
    return states_of({
        **{f"back{i}": seen("2026-11-23", "2026-11-23", 8.0, "IN-UP", post_before=day,
                            post_before_seen_on="2026-11-12") for i, day in enumerate(began)},
        **{f"quiet{i}": seen("2026-11-18", "2026-10-01", 4.0, "IN-UP") for i in range(10)},
        **{f"br{i}": seen("2026-11-18", "2026-11-10", 12.0, "IN-BR") for i in range(30)}})


def test_a_collective_silence_still_ending_after_its_first_members_posted_is_read_first():
    states = silence_world(["2026-09-30", "2026-10-01", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-01"])
    cfg = CollectConfig(monthly_read_budget=10_000)
    plan = plan_night(list(states.index), states, date(2026, 11, 24), 10_000 - 70, cfg, StatusConfig())
    assert plan.allowance == 10
    assert sorted(plan.keys) == sorted((f"quiet{i}", "x") for i in range(10))
    assert [(e["group"], e["since"], e["silent"], e["ending"]) for e in plan.events] == [
        ("IN-UP", "2026-10-01", 10, True)]
    # Revivals after silences that began weeks apart are each account's own: no event.
    apart = silence_world(["2026-07-01", "2026-08-25", "2026-09-10", "2026-10-01", "2026-10-20", "2026-11-06"])
    plan = plan_night(list(apart.index), apart, date(2026, 11, 24), 10_000 - 70, cfg, StatusConfig())
    assert plan.events == [] and all(key[0].startswith("br") for key in plan.keys)
    # So are posts after two reads far apart that never saw the account silent for a week.
    unseen = states.assign(post_before_seen_on=[d for d in states["post_before"]])
    plan = plan_night(list(unseen.index), unseen, date(2026, 11, 24), 10_000 - 70, cfg, StatusConfig())
    assert plan.events == []
