"""A transparent composite grade (A-F) per department, with every input kept beside it."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from ..config import Config, GradeConfig
from ..schema import AccountState, Grade, Status, rounded
from .complaints import latest_periods, recent

# Scores feeding the activity part of the grade; unknown has none (left out, not zero).
ACTIVITY_SCORE = {Status.ACTIVE: 100, Status.SLOW: 60, Status.DORMANT: 25, Status.ABANDONED: 0, Status.NO_ACCOUNT: 0,
                  Status.SUSPENDED: 0, Status.NOT_FOUND: 0}
# Median minutes to first response -> responsiveness score (first bound that holds).
RESPONSE_SCORE = ((60, 100), (240, 75), (1440, 50), (4320, 25))
INPUTS = ("activity_score", "responsiveness_score", "resolution_score")
# Beside each part: its weight as used (a share of 100, after the parts without data are
# left out) and its contribution to the score, both rounded so the page's figures add up.
SHARES = [f"{part}_weight_used" for part in INPUTS]
CONTRIBUTIONS = [f"{part}_contribution" for part in INPUTS]
# Why a part whose figures were published is left out (complaints.NOT_COUNTED), beside it.
REASONS = ["activity_not_counted", "responsiveness_not_counted", "resolution_not_counted"]
# Which platform's account the activity part is from (its best status): with two accounts, the
# scorecard names it.
# And the last day that account's observation counts in the grade (`absence_recheck_days` after
# it): a department graded on an old observation sees when it will stop counting.
COLUMNS = ["department_id", *INPUTS, "score", "grade", *SHARES, *CONTRIBUTIONS, *REASONS, "activity_platform",
           "activity_until"]


def response_score(minutes: pd.Series) -> pd.Series:
    # Rounded as the pages show it (formats.minutes_up): 60.0000001 is 60 minutes, in both.
    m = minutes.astype("float64").round(6)
    scores = np.select([m <= bound for bound, _ in RESPONSE_SCORE], [s for _, s in RESPONSE_SCORE], default=0.0)
    return pd.Series(np.where(m.isna(), np.nan, scores), index=minutes.index)


def slower_than_score(minutes: pd.Series) -> pd.Series:
    """The most a time "more than `minutes`" can score: what any time just slower scores."""
    m = minutes.astype("float64").round(6)
    scores = np.select([m < bound for bound, _ in RESPONSE_SCORE], [s for _, s in RESPONSE_SCORE], default=0.0)
    return pd.Series(np.where(m.isna(), np.nan, scores), index=minutes.index)


def measured_responsiveness(replies: pd.DataFrame, min_mentions: int) -> pd.Series:
    """Each department's measured responsiveness, from `min_mentions` citizen mentions on
    (fewer: none, too few to judge by): its median reply time's score, and 0 where it
    answered none of them (no reply time at all is not "no data": left out, it would score
    above the department that answered slowly)."""
    if not len(replies):
        return pd.Series(dtype="float64")
    by_dept = replies.set_index("department_id")
    scores = response_score(by_dept["median_reply_minutes"])
    mentions = by_dept["mentions"].fillna(0)
    scores = scores.mask(((mentions > 0) & (by_dept["answered"].fillna(0) == 0)).to_numpy(dtype=bool), 0.0)
    return scores.where((mentions >= min_mentions).to_numpy(dtype=bool))


def letter(score: float, cfg: GradeConfig) -> str:
    """The grade of a score as it is shown, to a tenth of a point: 84.96 reads 85 and is an A
    from 85, never a B beside a score that reads as an A's."""
    shown = float(rounded(score, 1))
    for grade, bound in ((Grade.A, cfg.a), (Grade.B, cfg.b), (Grade.C, cfg.c), (Grade.D, cfg.d)):
        if shown >= bound:
            return grade.value
    return Grade.F.value


def grades(handles: pd.DataFrame, rates: pd.DataFrame, replies: pd.DataFrame, cfg: Config,
           as_of: date | None = None) -> pd.DataFrame:
    """Score 0-100 and letter per department.

    Responsiveness comes from measured replies where there are any, else from the median
    response time a complaint source reports for a period that ended within the ranking window
    of `as_of` (the site's as-of date). Resolution is the rate of the period the complaints
    ranking counts: the latest of a month or more, recent, with at least the ranking's minimum
    of complaints. Without a known status there is no grade: a grade from a claimed reply time
    alone would flatter a handle nobody has looked at.
    """
    g = cfg.grade
    depts = pd.Index(handles["department_id"].unique(), name="department_id")
    # A "no account" not checked for longer than the recheck limit says nothing about now, and
    # one no report makes (our registry only lists no account) is a gap in our data, not a
    # finding about the department: no score from either.
    unchecked = pd.Series(handles["absence_unchecked"] if "absence_unchecked" in handles else False,
                          index=handles.index, dtype=bool)
    unreported = handles["status"].eq(Status.NO_ACCOUNT) & (
        handles["absent_on"].isna() if "absent_on" in handles else True)
    # So is a status from an observation as old (a report of years ago): "active in 2017"
    # flatters a department today as "abandoned in 2023" accuses one.
    aged = (handles["observation_age_days"].astype("Float64").fillna(-1) > cfg.status.absence_recheck_days
            ).to_numpy(dtype=bool) if "observation_age_days" in handles else False
    # Nor a status a newer report of no account contradicts: which of the two holds today, the
    # next observation says (a look-up, or the registry's account taken out).
    newer = pd.Series(handles["absence_newer"] if "absence_newer" in handles else False,
                      index=handles.index, dtype=bool)
    raw = handles["status"].map(ACTIVITY_SCORE).astype("float64")  # unknown has none
    scores = raw.where(~(unchecked | unreported | aged | newer))
    activity = scores.groupby(handles["department_id"]).max()
    best = scores.dropna().groupby(handles["department_id"]).idxmax()
    # Said where such a finding would have scored: a row whose status is unknown anyway has no
    # grade for that reason. A newer report is said before an old figure: it is the newer word.
    by_dept = handles["department_id"]
    contradicted = (newer & raw.notna()).groupby(by_dept).any() & activity.isna()
    too_old = ((unchecked | aged) & raw.notna()).groupby(by_dept).any() & activity.isna() & ~contradicted
    out = pd.concat([activity.reindex(depts).rename("activity_score"),
                     replies_and_complaints(rates, replies, cfg, as_of).reindex(depts)], axis=1)
    out["activity_not_counted"] = pd.concat([
        pd.Series("contradicted", index=contradicted.index[contradicted], dtype=object),
        pd.Series("too_old", index=too_old.index[too_old], dtype=object)]).reindex(depts)
    out["activity_platform"] = pd.Series(handles.loc[best.to_numpy(), "platform"].to_numpy(), index=best.index,
                                         dtype=object).reindex(depts)
    seen = handles["observed_on"] if "observed_on" in handles else pd.Series(None, index=handles.index, dtype=object)
    until = pd.to_datetime(seen.loc[best.to_numpy()]) + pd.Timedelta(days=cfg.status.absence_recheck_days)
    out["activity_until"] = pd.Series(until.dt.strftime("%Y-%m-%d").to_numpy(), index=best.index,
                                      dtype=object).reindex(depts)
    weights = pd.Series({"activity_score": g.weight_activity, "responsiveness_score": g.weight_responsiveness,
                         "resolution_score": g.weight_resolution})
    parts = out[list(weights.index)]
    used = parts.notna().mul(weights, axis=1)
    # Unrounded, from unrounded inputs: a rate rounded here and the score rounded again
    # would drift from the inputs a reader sees; pages and files round once, where shown.
    score = parts.fillna(0).mul(weights, axis=1).sum(axis=1) / used.sum(axis=1)
    out["score"] = score.where(out["activity_score"].notna())
    out["grade"] = out["score"].map(lambda s: None if pd.isna(s) else letter(s, g))
    out[SHARES], out[CONTRIBUTIONS] = _sums(parts, used, out["score"])
    return out.reset_index()[COLUMNS]


def replies_and_complaints(rates: pd.DataFrame, summary: pd.DataFrame, cfg: Config,
                           as_of: date | None) -> pd.DataFrame:
    """The responsiveness and resolution parts per department as of `as_of`, from the complaint
    periods (`rates`) and the replies measured (`summary`, reply_summary), with why a part
    whose figures were published is left out (`*_not_counted`)."""
    # A reported time counts from a recent period only. "Within an hour" scores as an hour, the
    # least it can be worth; "more than an hour" as the most it can be worth (what any slower
    # time scores), never left out: that would lift it above a department timed exactly.
    timed = rates[rates["median_response_minutes"].notna()].sort_values("period_end", kind="stable")
    fresh = recent(timed, cfg, as_of)
    latest = timed[fresh].groupby("department_id").tail(1).set_index("department_id")
    minutes = latest["median_response_minutes"].astype("float64")
    claimed = response_score(minutes).where(latest["bound"] != "more_than", slower_than_score(minutes))
    # Measured replies count as a reported time does: from a last measured day that recent.
    lately = recent(summary, cfg, as_of, "until").to_numpy(dtype=bool)
    measured = measured_responsiveness(summary[lately], cfg.grade.min_mentions)
    old_measured = measured_responsiveness(summary[~lately], cfg.grade.min_mentions).dropna()
    periods = latest_periods(rates, cfg, as_of).set_index("department_id")
    used = periods[periods["not_counted"].isna()]
    # From the counts, not from the rate the files show rounded to 0.1: a score is rounded
    # once, where it is shown (53.83 -> 88.46 -> 88.5, never 53.8 -> 88.45 -> 88.4).
    resolution = used["resolved"].astype("float64") / used["received"].astype("float64") * 100
    # Figures published but not counted say why on the scorecard, not "no data".
    old_reply = timed[~fresh].groupby("department_id").tail(1).set_index("department_id")
    old_reply = old_reply.index.union(old_measured.index)
    depts = measured.index.union(claimed.index).union(periods.index).union(old_reply)
    out = pd.DataFrame({"responsiveness_score": measured.reindex(depts).fillna(claimed.reindex(depts)),
                        "resolution_score": resolution.reindex(depts),
                        "resolution_not_counted": periods["not_counted"].reindex(depts)}, index=depts)
    # A measured day too old is no reported period, and is said so: measured replies would count first.
    reason = pd.Series("too_old", index=old_reply, dtype=object)
    reason[reason.index.isin(old_measured.index)] = "measured_too_old"
    out["responsiveness_not_counted"] = reason.reindex(depts).where(out["responsiveness_score"].isna())
    return out


def largest_remainder(values: list[float], total: int) -> list[int]:
    """Whole numbers, each its value rounded down or up, that add up to `total`: the units
    left after rounding down go to the largest remainders (the first of equal ones first)."""
    # Rounded to 9 places first: 0.29 * 100 is 28.999999999999996, not 28 and a remainder.
    floors = [math.floor(round(v, 9)) for v in values]
    left = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: floors[i] - values[i])
    for i in order[:max(left, 0)]:
        floors[i] += 1
    return floors


def _sums(parts: pd.DataFrame, used: pd.DataFrame, score: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per department and part: the weight as used, in tenths of a per cent adding up to 100,
    and the contribution to the score, in tenths of a point adding up to the score as shown
    (a reader multiplying a part's score by its weight gets its contribution, give or take
    the last tenth).
    A part without data has neither (NaN); so has a department without a score."""
    shares = np.full(parts.shape, np.nan)
    contributions = np.full(parts.shape, np.nan)
    total = used.sum(axis=1).to_numpy()
    values = parts.to_numpy(dtype=float)
    weights = used.to_numpy(dtype=float)
    for row, shown in enumerate(score.to_numpy(dtype=float)):
        have = np.flatnonzero(~np.isnan(values[row]))
        if np.isnan(shown) or not len(have):
            continue
        share = weights[row, have] / total[row]
        shares[row, have] = np.array(largest_remainder(list(share * 1000), 1000)) / 10
        tenths = largest_remainder(list(values[row, have] * share * 10), int(rounded(shown * 10)))
        contributions[row, have] = np.array(tenths) / 10
    return shares, contributions



def _weights(cfg: GradeConfig) -> dict[str, float]:
    return {"activity_score": cfg.weight_activity, "responsiveness_score": cfg.weight_responsiveness,
            "resolution_score": cfg.weight_resolution}


def score_of(values: dict[str, float | None], cfg: GradeConfig) -> float | None:
    """The score of one department from its inputs (missing ones left out, weights rescaled)."""
    weights = _weights(cfg)
    used = {k: v for k, v in values.items() if v is not None and not pd.isna(v)}
    if "activity_score" not in used:
        return None
    return sum(v * weights[k] for k, v in used.items()) / sum(weights[k] for k in used)


def explained(grades_table: pd.DataFrame, states: pd.Series, cfg: Config) -> pd.DataFrame:
    """Beside each input: the state's median of it, and the score and grade the department
    would have if that input were at its best (100): what would raise the grade."""
    g = cfg.grade
    out = grades_table.copy()
    out["state"] = out["department_id"].map(states)
    graded = out["score"].notna()
    for column in INPUTS:
        # Of the state's graded departments only: a figure the site grades no one by is no benchmark.
        values = out[column].where(graded)
        out[f"{column}_state_median"] = values.groupby(out["state"]).transform("median")
        # How many departments the median is of: a median of one is the department's own figure.
        out[f"{column}_state_n"] = values.groupby(out["state"]).transform("count")
        better = []
        for row in out[list(INPUTS)].to_dict("records"):
            value = row[column]
            if value is not None and not pd.isna(value) and value >= 100:
                better.append(None)
                continue
            score = score_of({**row, column: 100.0}, g)
            better.append(score)
        out[f"{column}_at_best"] = better
        out[f"{column}_at_best_grade"] = out[f"{column}_at_best"].map(lambda v: None if pd.isna(v) else letter(v, g))
    return out.drop(columns="state")


GONE_STATES = (AccountState.SUSPENDED, AccountState.NOT_FOUND)


def _voided(rows: pd.DataFrame, reports: pd.DataFrame, recheck_days: int, as_of: date | None) -> pd.DataFrame:
    """The days from which an account's last observation (of `rows`) counts in no grade, as
    grades() counts it: the day it grows older than `recheck_days` with no observation since
    (`why` "too_old"), and the day of a "no account" report (`reports`, of registered accounts)
    dated after it ("contradicted"), unless that observation found the account suspended or
    missing. One row (department, platform, date) each, with the observation it ends
    (`observed_on`, `seen_state`, `seen_post`, `seen_precision`: how exactly its own source
    dates it, the `date_precision` of `rows`)."""
    key = ["department_id", "platform"]
    seen = rows[[*key, "date", "state", "last_post_at", "date_precision"]].astype(
        {"department_id": object, "platform": object, "state": object})
    seen = seen.assign(at=pd.to_datetime(seen["date"]).astype("datetime64[ns]")).sort_values("at", kind="stable")
    expires = seen["at"] + pd.Timedelta(days=recheck_days + 1)
    following = seen.groupby(key)["at"].shift(-1)
    aged = seen.assign(at=expires, why="too_old", observed_on=seen["date"])[
        (following.isna() | (following >= expires)).to_numpy(dtype=bool)
        & ((expires <= pd.Timestamp(as_of)) if as_of is not None else True)]
    said = reports[[*key, "checked_on"]].astype({"department_id": object, "platform": object})
    said = said.assign(at=pd.to_datetime(said["checked_on"]).astype("datetime64[ns]")).sort_values("at", kind="stable")
    # Of the same day, the observation is not older than the report: only a later report counts.
    before = pd.merge_asof(said, seen.rename(columns={"at": "seen_at", "date": "observed_on"})[
        [*key, "seen_at", "observed_on", "state", "last_post_at", "date_precision"]],
        left_on="at", right_on="seen_at", by=key, allow_exact_matches=False)
    newer = before[before["seen_at"].notna() & ~before["state"].isin(GONE_STATES)].assign(why="contradicted")
    ended = [*key, "at", "why", "observed_on", "state", "last_post_at", "date_precision"]
    out = pd.concat([aged[ended], newer[ended]], ignore_index=True)
    out = out.rename(columns={"state": "seen_state", "last_post_at": "seen_post", "date_precision": "seen_precision"})
    return out.assign(date=out["at"].dt.strftime("%Y-%m-%d")).drop(columns="at")


def _activity(observed_on: pd.Series, last_post_at: pd.Series, state: pd.Series, cfg: Config) -> pd.Series:
    """The activity score of observations as the grade counts them (NaN: status unknown); a
    suspended or missing account scores as abandoned."""
    from .status import band, days_between

    status = pd.Series(band(days_between(observed_on, last_post_at), cfg.status), index=observed_on.index)
    return status.where(~state.isin(GONE_STATES), Status.ABANDONED).map(ACTIVITY_SCORE).astype("float64")


# Where an account's finding of a month is a void row (its observation stopped counting that
# month) or an observation of unknown status: kept apart from "not observed that month" (NaN),
# which carries the account's earlier finding forward.
_ENDED, _UNKNOWN = -2.0, -1.0


def _held(last: pd.DataFrame) -> pd.Series:
    """Each department's activity at the end of each of its months: the best of its accounts'
    latest findings by then. An account not observed in a month still counts by its last
    observation, until a newer one or the day that one stops counting (`last`: one row per
    department, platform and month, with its `activity_score` and whether it is `_void`)."""
    found = last["activity_score"].fillna(_UNKNOWN).where(~last["_void"].astype(bool), _ENDED)
    grid = pd.Series(found.to_numpy(), index=pd.MultiIndex.from_frame(
        last[["department_id", "month", "platform"]].astype(object))).unstack("platform").sort_index()
    held = grid.groupby(level="department_id").ffill()
    return held.where(held >= 0).max(axis=1).rename("activity_score")


def grade_history(observations: pd.DataFrame, rates: pd.DataFrame, replies: pd.DataFrame, cfg: Config,
                  as_of: date | None, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """The grade at the end of each of a department's last twelve months with an observation,
    from the inputs as they stood then (`observations`, each with its `date_precision`):
    activity from each account's last observation by then
    (of that month or earlier, as the grade counts an account not looked up lately), replies
    and complaint periods up to the month's end (the as-of date for the month under way),
    counted by the rules of the grade as of that day (replies_and_complaints). A status the
    grade would not count by then (too old, or a later "no account" report of `reports`
    contradicts it) counts in none from that day, whose month is listed too, and names it
    (`stopped`): the month under way ends on the grade shown."""
    rows = observations[observations["state"] != AccountState.ERROR].copy()
    if not len(rows):
        return pd.DataFrame(columns=["department_id", "month", "activity_score", "score", "grade", "stopped"])
    if reports is None:
        reports = pd.DataFrame(columns=["department_id", "platform", "checked_on"])
    voided = _voided(rows, reports, cfg.status.absence_recheck_days, as_of)
    rows = pd.concat([rows.assign(_void=False), voided.assign(_void=True)], ignore_index=True)
    rows["month"] = rows["date"].str[:7]
    # A finding of the same day as an observation sorts before it: the observation is the newer.
    last = rows.sort_values(["date", "_void"], ascending=[True, False], kind="stable").groupby(
        ["department_id", "platform", "month"]).tail(1)
    void = last["_void"].astype(bool)
    last["activity_score"] = _activity(last["date"], last["last_post_at"], last["state"], cfg).where(~void)
    per_month = _held(last).reset_index()
    per_month = per_month.groupby("department_id").tail(12).reset_index(drop=True)
    per_month["stopped"] = _stopped(last[void], cfg).reindex(
        pd.MultiIndex.from_frame(per_month[["department_id", "month"]])).to_numpy()
    ends = pd.to_datetime(per_month["month"]).dt.to_period("M").dt.end_time.dt.normalize()
    per_month["end"] = ends.clip(upper=pd.Timestamp(as_of)) if as_of is not None else ends
    per_month = _parts_by_month(per_month, rates, replies, cfg)
    weights = pd.Series(_weights(cfg.grade))
    parts = per_month[list(INPUTS)].astype("float64")
    used = parts.notna().mul(weights, axis=1).sum(axis=1)
    score = parts.fillna(0).mul(weights, axis=1).sum(axis=1) / used
    per_month["score"] = score.where(parts["activity_score"].notna())
    per_month["grade"] = per_month["score"].map(lambda v: None if pd.isna(v) else letter(v, cfg.grade))
    return per_month.drop(columns="end")


def _stopped(ended: pd.DataFrame, cfg: Config) -> pd.Series:
    """Per department and month, the observations that stopped counting in it (void rows of
    `ended`) and had counted, oldest first, as text (stops() reads it back): a reader sees the
    month an old "active" or "abandoned" left the grade, and why. Text, not a list: every
    column of the model is hashed to tell whether a page changed."""
    scored = _activity(ended["observed_on"], ended["seen_post"], ended["seen_state"], cfg).notna()
    # A report after the observation had grown too old stops nothing: it stopped counting then.
    aged = pd.to_datetime(ended["observed_on"]) + pd.Timedelta(days=cfg.status.absence_recheck_days + 1)
    again = ended["why"].eq("contradicted") & (pd.to_datetime(ended["date"]) >= aged)
    rows = ended[(scored & ~again).to_numpy(dtype=bool)].sort_values(["observed_on", "platform"], kind="stable")
    items = (rows["platform"].astype(str) + " " + rows["observed_on"].astype(str) + " " + rows["why"].astype(str)
             + " " + rows["seen_precision"].astype(str))
    index = pd.MultiIndex.from_frame(rows[["department_id", "month"]].astype(object))
    return pd.Series(items.to_numpy(), index=index, dtype=object).groupby(level=[0, 1]).agg("; ".join)


def stops(text: str | None) -> list[dict[str, str]]:
    """The observations a month of the grade's history names as having stopped counting in it
    (its `stopped`): [{platform, observed_on, why, precision}], `precision` how exactly the
    observation's own source dates it."""
    if not isinstance(text, str) or not text:
        return []
    return [dict(zip(("platform", "observed_on", "why", "precision"), item.split(" "), strict=True))
            for item in text.split("; ")]


def _latest_by(keys: pd.DataFrame, rows: pd.DataFrame, value: list[str]) -> pd.DataFrame:
    """For each (department, end) of `keys`, the last of `rows` (ordered by `at`) at or before
    its end: `value` columns and the row's `at`, or NaN."""
    # merge_asof wants one type of key on both sides (text, and days in one unit)
    found = pd.merge_asof(keys.astype({"department_id": object, "end": "datetime64[ns]"}).sort_values("end"),
                          rows[["department_id", "at", *value]].astype({"department_id": object,
                                                                        "at": "datetime64[ns]"}),
                          left_on="end", right_on="at", by="department_id", direction="backward")
    return found.set_index("_key").reindex(keys["_key"])


def _parts_by_month(per_month: pd.DataFrame, rates: pd.DataFrame, replies: pd.DataFrame,
                    cfg: Config) -> pd.DataFrame:
    """Responsiveness and resolution of each (department, month) as replies_and_complaints
    would count them on the month's `end`, for all months at once (one pass, not one per month)."""
    from .complaints import MONTH_DAYS
    from .replies import REPLY_WINDOW_DAYS, daily_medians

    keys = per_month[["department_id", "end"]].assign(_key=range(len(per_month)))
    window = pd.Timedelta(days=cfg.complaints.ranking_window_days)
    # Resolution: the latest counted period ended by then (a month or more, enough complaints, recent).
    counted = rates[rates["shown"] & rates["resolved_rate"].notna() & (rates["period_days"] >= MONTH_DAYS)
                    & (rates["received"] >= cfg.complaints.min_received_for_ranking)]
    counted = counted.assign(at=pd.to_datetime(counted["period_end"]),
                             rate=counted["resolved"].astype("float64") / counted["received"].astype("float64") * 100)
    found = _latest_by(keys, counted.sort_values(["at", "period_days"], kind="stable"), ["rate"])
    resolution = found["rate"].where(found["at"] >= keys["end"].to_numpy() - window).to_numpy()
    # A reported reply time: the latest ended by then, if recent; "more than" at most its band.
    timed = rates[rates["median_response_minutes"].notna()]
    timed = timed.assign(at=pd.to_datetime(timed["period_end"]),
                         minutes=timed["median_response_minutes"].astype("float64"))
    found = _latest_by(keys, timed.sort_values("at", kind="stable"), ["minutes", "bound"])
    claimed = response_score(found["minutes"]).where(found["bound"] != "more_than", slower_than_score(found["minutes"]))
    claimed = claimed.where(found["at"] >= keys["end"].to_numpy() - window).to_numpy()
    # Measured: the replies of the 30 days up to the department's last measured day by then, if recent.
    measured = np.full(len(keys), np.nan)
    if len(replies):
        days = replies.assign(at=pd.to_datetime(replies["date"]))
        last = _latest_by(keys, days[["department_id", "at"]].drop_duplicates().sort_values("at"), [])["at"]
        last = last.where(last >= keys["end"].to_numpy() - window)
        both = keys.assign(last=last.to_numpy()).merge(days, on="department_id")
        both = both[(both["at"] <= both["last"]) & (both["at"] > both["last"] - pd.Timedelta(days=REPLY_WINDOW_DAYS))]
        summary = both.groupby("_key").agg(department_id=("department_id", "first"), mentions=("mentions", "sum"),
                                           answered=("answered", "sum"))
        summary["median_reply_minutes"] = daily_medians(both, ["_key"]).groupby("_key")["median_reply_minutes"].median()
        scores = measured_responsiveness(summary.reset_index(), cfg.grade.min_mentions)
        measured = pd.Series(scores.to_numpy(), index=summary.index).reindex(keys["_key"]).to_numpy()
    per_month["responsiveness_score"] = np.where(np.isnan(measured), claimed, measured)
    per_month["resolution_score"] = resolution
    return per_month
