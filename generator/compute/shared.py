"""Accounts two or more departments run together (shared=yes on each of their rows in
accounts.csv): each department's row shows the account with its figures and its history,
and every count, rank and league table holds it once, on the row of the department whose
observations hold its newest figures (ties, and accounts not yet observed, by department id)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from ..schema import AccountState, fold
from .status import KEY, ordered


def _groups(table: pd.DataFrame) -> list[list[int]]:
    """Row labels of each shared account: rows linked by the same handle (case aside) or the
    same account id on one platform, directly or through another row."""
    rows = list(table.index[(table["shared"] == "yes") & table["has_account"]])
    parent = {i: i for i in rows}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for column in ("handle", "account_id"):
        first: dict[tuple[str, str], int] = {}
        for i in rows:
            value = table.at[i, column]
            if isinstance(value, str):
                j = first.setdefault((table.at[i, "platform"], fold(value)), i)
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in rows:
        members[root(i)].append(i)
    return [m for m in members.values() if len(m) > 1]


def mark_shared(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (one row per department and platform) with `shared_with` (the other
    departments' ids, ';'-joined; missing for an account of one department), `shared_first`
    (the department whose row counts the account) and `counted` (false on the other rows).
    Observations may be filed under any of its departments: the row with the newest counts
    (the first by id of equals), not the first by id, so a shared account never loses its
    figures to a department that files none, or only an old report of it."""
    table = table.assign(shared_with=None, shared_first=None, counted=True)
    for members in _groups(table):
        depts = sorted(table.loc[members, "department_id"])
        by_id = sorted(members, key=lambda i: table.at[i, "department_id"])
        first = max(by_id, key=lambda i: "" if pd.isna(table.at[i, "observed_on"]) else table.at[i, "observed_on"])
        for i in members:
            dept = table.at[i, "department_id"]
            table.at[i, "shared_with"] = ";".join(d for d in depts if d != dept)
            table.at[i, "shared_first"] = table.at[first, "department_id"]
            table.at[i, "counted"] = i == first
    return table


def from_counted(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows that do not count a shared account take `columns` (its figures, its ranks)
    from the row that does: one account has one set of figures and one place in a ranking,
    whichever page shows it."""
    copies = ~table["counted"]
    if not copies.any():
        return table
    source = table.set_index(["department_id", "platform"])[columns]
    keys = pd.MultiIndex.from_arrays([table.loc[copies, "shared_first"], table.loc[copies, "platform"]])
    table = table.copy()
    for column in columns:
        table.loc[copies, column] = source[column].reindex(keys).to_numpy()
    return table


def outside_ranking(table: pd.DataFrame, within: str) -> pd.Series:
    """Rows that would copy a shared account's place in a ranking they are not part of: the
    counting department is of another `within` (state or category) than theirs."""
    copies = ~table["counted"]
    out = pd.Series(False, index=table.index)
    if copies.any():
        home = table.set_index(["department_id", "platform"])[within]
        keys = pd.MultiIndex.from_arrays([table.loc[copies, "shared_first"], table.loc[copies, "platform"]])
        out[copies] = table.loc[copies, within].to_numpy() != home.reindex(keys).to_numpy()
    return out


def filers(table: pd.DataFrame) -> pd.DataFrame:
    """For each row (of mark_shared's `table`) showing a shared account: every department of
    the account whose observations of it the row shows (`filed_by`), the one that counts it
    first (`rank` 0), then the others by id. One account, one history: each department that
    lists it shows what any of them filed."""
    rows = table[table["shared_with"].notna() & table["has_account"].astype(bool)]
    out = []
    for dept, platform, first, others in zip(rows["department_id"], rows["platform"], rows["shared_first"],
                                             rows["shared_with"], strict=True):
        order = [first, *sorted({dept, *others.split(";")} - {first})]
        out += [(dept, platform, filer, rank) for rank, filer in enumerate(order)]
    return pd.DataFrame(out, columns=["department_id", "platform", "filed_by", "rank"]).astype(
        {"department_id": object, "platform": object, "filed_by": object})


def as_listed(frame: pd.DataFrame, shown: pd.DataFrame, one: tuple[str, ...] = ("date",),
              monthly: bool = False) -> pd.DataFrame:
    """`frame`'s rows (by department, platform and date) with each department listing a
    shared account (`shown`, filers()) showing the account's rows filed under any of its
    departments, under its own id (`filed_by` says whose they are): on one day (`one`: the
    columns naming one finding) the rows of one department, the counting one's, else the
    first by id's, one that found the account before one whose look-ups failed; in one month
    (`monthly`) its latest row. For what a department's pages show, never for a total."""
    if not len(shown):
        return frame
    key = ["department_id", "platform"]
    mine = pd.MultiIndex.from_frame(frame[key].astype(object)).isin(pd.MultiIndex.from_frame(shown[key]))
    filed = frame[frame["department_id"].isin(shown["filed_by"]).to_numpy(dtype=bool)]
    copies = filed.astype({c: object for c in key}).merge(
        shown.rename(columns={"department_id": "_shown_on", "filed_by": "department_id"}), on=key)
    copies = copies.assign(filed_by=copies["department_id"], department_id=copies.pop("_shown_on"))
    period = copies["date"].astype(str).str[:7] if monthly else None
    copies = copies.assign(_period=period).sort_values(["date", "rank"], ascending=[True, False], kind="stable")
    same = [*key, *(["_period"] if monthly else one)]
    if monthly:
        copies = copies.groupby(same, sort=False, dropna=False).tail(1)
    else:
        # Of one finding filed by two departments (both looked the account up that night), one
        # department's rows: all of them, as an account of one department keeps a failed
        # look-up beside its retry, or a nightly row beside a hand-entered one. A department
        # that found the account stands for the day before one whose look-ups all failed, as
        # on the health page (twice_a_night): the account was found that night.
        order = copies["rank"].to_numpy(dtype=np.int64)
        if "state" in copies:
            failed = copies.assign(_failed=copies["state"].eq(AccountState.ERROR))
            lost = failed.groupby([*same, "rank"], sort=False, dropna=False)["_failed"].transform("all")
            order = order + lost.to_numpy(dtype=bool) * (order.max(initial=0) + 1)
        first = pd.Series(order, index=copies.index).groupby(
            [copies[c] for c in same], sort=False, dropna=False).transform("min")
        copies = copies[order == first.to_numpy()]
    out = pd.concat([frame[~mine], copies[[*frame.columns, "filed_by"]]], ignore_index=True)
    # Ordered as `frame` is (by department, platform, date), departments in their order there:
    # a page's rows are read as one run of its department's.
    within = [c for c in ("platform", "date") if c in out]
    order = out[within].astype(object).assign(_d=pd.factorize(out["department_id"].astype(object))[0])
    return out.loc[order.sort_values(["_d", *within], kind="stable").index].reset_index(drop=True)


def counting_listing(shown: pd.DataFrame) -> pd.DataFrame:
    """Of filers(): the rows of each shared account's counting department, one per department
    filing it (`filed_by`, by `rank`, the counting one 0): whose row stands for a day two filed."""
    counting = shown[(shown["rank"] == 0) & (shown["department_id"] == shown["filed_by"])][KEY]
    return shown.merge(counting, on=KEY)


def one_history(snapshots: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """Each shared account's observations (`shown`: filers()), whichever of its departments
    files them, as one account's under the department that counts it, in order (status.
    ordered), `filed_by` saying whose: the history its scorecards list, and so what its
    status, figures and changes are worked out from."""
    listing = counting_listing(shown)
    near = snapshots[snapshots["department_id"].isin(listing["filed_by"]).to_numpy(dtype=bool)]
    key = pd.MultiIndex.from_frame(near[KEY].astype(object))
    filed = near[key.isin(pd.MultiIndex.from_frame(listing[["filed_by", "platform"]]))]
    joined = as_listed(filed.drop(columns=["_acct", "_day"], errors="ignore"), listing)
    mine = pd.MultiIndex.from_frame(joined[KEY].astype(object)).isin(pd.MultiIndex.from_frame(listing[KEY]))
    return ordered(joined[mine].reset_index(drop=True))


def twice_a_night(snapshots: pd.DataFrame, shown: pd.DataFrame, nightly: str) -> np.ndarray:
    """Positions of `snapshots` rows of a shared account that the nightly job (source
    `nightly`) wrote for one department on a night it wrote another's (a look-up that found
    the account before a failed one, then the counting department's, else the first by id's):
    one account looked up twice is one account that night, and it was found if either found it."""
    if not len(shown):
        return np.zeros(0, dtype=np.int64)
    listing = counting_listing(shown)
    rows = np.flatnonzero(snapshots["department_id"].isin(listing["filed_by"]).to_numpy(dtype=bool))
    rows = rows[snapshots["source"].to_numpy(dtype=object)[rows] == nightly]
    found = pd.DataFrame({"filed_by": snapshots["department_id"].to_numpy(dtype=object)[rows],
                          "platform": snapshots["platform"].to_numpy(dtype=object)[rows],
                          "date": snapshots["date"].to_numpy(dtype=object)[rows], "_at": rows,
                          "_failed": snapshots["state"].to_numpy(dtype=object)[rows] == AccountState.ERROR})
    found = found.merge(listing, on=["filed_by", "platform"]).sort_values(["_failed", "rank", "_at"], kind="stable")
    return np.sort(found.loc[found.duplicated([*KEY, "date"]), "_at"].to_numpy(dtype=np.int64))


def account_of(departments: np.ndarray, platforms: np.ndarray, shown: pd.DataFrame) -> np.ndarray:
    """A number for each account as filed under `departments` and `platforms`, one for every
    department filing a shared account (`shown`: filers()): its scorecards' days one by one
    and its months are counted back from the account's newest, not one per department."""
    listing = counting_listing(shown)[["filed_by", "platform", "department_id"]]
    frame = pd.DataFrame({"filed_by": departments, "platform": platforms}).astype(object)
    owner = frame.merge(listing, on=["filed_by", "platform"], how="left")["department_id"].fillna(frame["filed_by"])
    return frame.groupby([owner, frame["platform"]], sort=False).ngroup().to_numpy()
