"""The directory: states, their districts, and where each department sits in them.

Also the few facts a citizen looks for beside a department: how fast it answers (measured,
or as a source reported it, with the date and source) and who found a department had no
account and when: where it has none, and where a report says so after we saw its account.
"""

from __future__ import annotations

import pandas as pd

from ..schema import Status


def districts(departments: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """One row per registry district that has departments: its page key, English and Hindi
    names and former names from the registry, and how many departments it has. Departments
    are matched by (state, registry name), which validation makes exact."""
    named = registry.rename(columns={"name_en": "district", "name_hi": "district_hi"})[
        ["state", "district", "district_hi", "former_names", "key"]]
    placed = departments[departments["district"].notna()][["state", "district"]].merge(
        named, on=["state", "district"], how="inner", validate="many_to_one")
    out = placed.groupby("key", sort=False).agg(
        state=("state", "first"), district=("district", "first"), district_hi=("district_hi", "first"),
        former_names=("former_names", "first"), departments=("state", "size")).reset_index()
    return out.sort_values(["state", "district"], kind="stable").reset_index(drop=True)[
        ["state", "district", "district_hi", "former_names", "departments", "key"]]


UNANSWERED = "unanswered"  # reply_basis: mentions measured, none of them answered
# A reply figure's own columns, bar the platform it is of; reply_from and reply_on are the first
# and last day of the period it covers (a figure measured on one day: that day twice).
REPLY_FIGURE = ["reply_minutes", "reply_basis", "reply_on", "reply_source_url", "reply_bound", "reply_from"]
REPLY_COLUMNS = ["department_id", *REPLY_FIGURE, "reply_platform"]


def _measured(summary: pd.DataFrame, min_mentions: int) -> pd.DataFrame:
    """The measured reply figures of `summary` (reply_summary's rows) as the grade counts them:
    from `min_mentions` citizen mentions on, 'unanswered' (with no minutes) where none of them
    was answered; named by the platform measured (blank for measurements of several)."""
    enough = summary[(summary["mentions"].fillna(0) >= max(min_mentions, 1)).to_numpy(dtype=bool)]
    unanswered = (enough["answered"].fillna(0) == 0).to_numpy(dtype=bool)
    measured = enough.rename(columns={"median_reply_minutes": "reply_minutes", "since": "reply_from",
                                      "until": "reply_on", "platform": "reply_platform"}).assign(
        reply_basis=pd.Series([UNANSWERED if none else "measured" for none in unanswered], index=enough.index,
                              dtype=object), reply_source_url=None, reply_bound=None)
    measured.loc[unanswered, "reply_minutes"] = None
    return measured[unanswered | measured["reply_minutes"].notna().to_numpy(dtype=bool)][REPLY_COLUMNS]


def reply_times(reply_summary: pd.DataFrame, rates: pd.DataFrame, min_mentions: int) -> pd.DataFrame:
    """Per department: median minutes to reply, as the grade counts it (compute/grades.py):
    measured where `min_mentions` citizen mentions were measured ('unanswered', with no
    minutes, where none of them was answered), else as the newest complaint source reported
    it; with the date, where it comes from and the platform it is of (the channel a complaint
    source reports on; blank for measurements of several). The figure a list shows is the one
    the grade rests on; a platform's badge and a list's row show it only when it is that
    platform's (own_platform_replies)."""
    measured = _measured(reply_summary, min_mentions)
    reported = rates.dropna(subset=["median_response_minutes"]).sort_values("period_end", kind="stable") \
        .groupby("department_id").tail(1).rename(columns={
            "median_response_minutes": "reply_minutes", "period_start": "reply_from", "period_end": "reply_on",
            "source_url": "reply_source_url", "bound": "reply_bound", "channel": "reply_platform"}) \
        .assign(reply_basis="reported")
    reported = reported[~reported["department_id"].isin(measured["department_id"])]
    return pd.concat([measured, reported[REPLY_COLUMNS]], ignore_index=True)


def account_replies(per_platform: pd.DataFrame, min_mentions: int) -> pd.DataFrame:
    """Each account's own measured reply figure, of departments measured on several platforms
    (reply_summary per platform): what its row, card and badge show, by the grade's rule of
    `min_mentions` applied to the mentions of that account alone."""
    return _measured(per_platform, min_mentions).assign(
        platform=lambda own: own["reply_platform"])[["platform", *REPLY_COLUMNS]]


def own_platform_replies(accounts: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """Rows of accounts (a list's, one per account) with their department's reply time only on
    the row of the platform it was measured or reported on, blank on the others as where none
    is known: a Facebook row showing the X replies' minutes reads as the Facebook account's.
    A department whose figure mixes several platforms is no one account's: each of its rows
    shows its account's own figure instead (`own`, account_replies), blank without one."""
    out = accounts.copy()
    mixed = (out["reply_basis"].isin(["measured", UNANSWERED]) & out["reply_platform"].isna()).to_numpy(dtype=bool)
    out.loc[(out["reply_platform"] != out["platform"]).to_numpy(dtype=bool), REPLY_FIGURE] = None
    if mixed.any():
        keys = pd.MultiIndex.from_frame(out.loc[mixed, ["department_id", "platform"]])
        mine = own.set_index(["department_id", "platform"]).reindex(keys)
        for column in [*REPLY_FIGURE, "reply_platform"]:
            out.loc[mixed, column] = mine[column].to_numpy()
    return out


def latest_absences(absences: pd.DataFrame, cutoff: str) -> pd.DataFrame:
    """The newest dated 'no account' statement per department and platform, with the
    registry's note of what its source says (a report's words can be narrower than "no
    account": no handle made public, no authorised one)."""
    made = absences[absences["checked_on"] <= cutoff].sort_values("checked_on", kind="stable")
    return made.groupby(["department_id", "platform"]).tail(1)[
        ["department_id", "platform", "checked_on", "source_url", "note", "note_hi"]].rename(
        columns={"checked_on": "absent_on", "source_url": "absent_source_url", "note": "absent_note",
                 "note_hi": "absent_note_hi"})


# A report of no account agrees with a look-up that found the account suspended or missing.
GONE = (Status.SUSPENDED, Status.NOT_FOUND)


def absence_newer(handles: pd.DataFrame) -> pd.Series:
    """Whether a registered account's newest 'no account' report (`absent_on`, latest_absences)
    is dated after its newest observation, or it was never observed: the report is then the
    newer finding, as an older one is history. Days are compared as dated (a stand-in day as
    its source's month or year stands in). A report after a look-up that found the account
    suspended or missing says what that status says, and is not counted as newer."""
    reported = handles["absent_on"].notna() & handles["has_account"].astype(bool)
    later = (handles["absent_on"] > handles["observed_on"]) | handles["observed_on"].isna()
    return (reported & later & ~handles["status"].isin(GONE)).astype(bool)
