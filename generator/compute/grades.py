"""A transparent composite grade (A-F) per department, with every input kept beside it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config, GradeConfig

# Scores feeding the activity part of the grade; unknown has none (left out, not zero).
ACTIVITY_SCORE = {"active": 100, "slow": 60, "dormant": 25, "abandoned": 0, "no_account": 0,
                  "suspended": 0, "not_found": 0}
# Median minutes to first response -> responsiveness score (first bound that holds).
RESPONSE_SCORE = ((60, 100), (240, 75), (1440, 50), (4320, 25))
COLUMNS = ["department_id", "activity_score", "responsiveness_score", "resolution_score", "score", "grade"]


def response_score(minutes: pd.Series) -> pd.Series:
    m = minutes.astype("float64")
    scores = np.select([m <= bound for bound, _ in RESPONSE_SCORE], [s for _, s in RESPONSE_SCORE], default=0.0)
    return pd.Series(np.where(m.isna(), np.nan, scores), index=minutes.index)


def letter(score: float, cfg: GradeConfig) -> str:
    for name, bound in (("A", cfg.a), ("B", cfg.b), ("C", cfg.c), ("D", cfg.d)):
        if score >= bound:
            return name
    return "F"


def grades(handles: pd.DataFrame, rates: pd.DataFrame, replies: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Score 0-100 and letter per department.

    Responsiveness comes from measured replies where there are any, else from the median
    response time a complaint source reports. Without a known status there is no grade: a
    grade from a claimed reply time alone would flatter a handle nobody has looked at.
    """
    g = cfg.grade
    depts = pd.Index(handles["department_id"].unique(), name="department_id")
    activity = handles["status"].map(ACTIVITY_SCORE).astype("float64").groupby(handles["department_id"]).max()
    timed = rates[rates["median_response_minutes"].notna()].groupby("department_id")["median_response_minutes"].last()
    claimed = response_score(timed)
    measured = response_score(replies.set_index("department_id")["median_reply_minutes"]) if len(replies) \
        else pd.Series(dtype="float64")
    responsiveness = measured.reindex(depts).fillna(claimed.reindex(depts))
    shown = rates[rates["shown"] & rates["resolved_rate"].notna()].sort_values("period_end", kind="stable")
    resolution = shown.groupby("department_id")["resolved_rate"].last()
    out = pd.DataFrame({"activity_score": activity.reindex(depts), "responsiveness_score": responsiveness,
                        "resolution_score": resolution.reindex(depts)}, index=depts)
    weights = pd.Series({"activity_score": g.weight_activity, "responsiveness_score": g.weight_responsiveness,
                         "resolution_score": g.weight_resolution})
    parts = out[list(weights.index)]
    used = parts.notna().mul(weights, axis=1)
    score = (parts.fillna(0).mul(weights, axis=1).sum(axis=1) / used.sum(axis=1)).round(1)
    out["score"] = score.where(out["activity_score"].notna())
    out["grade"] = out["score"].map(lambda s: None if pd.isna(s) else letter(s, g))
    return out.reset_index()[COLUMNS]
