"""Accounts two or more departments run together (shared=yes on each of their rows in
accounts.csv): each department's row shows the account with its figures and its history,
and every count, rank and league table holds it once, on the row of the department whose
observations hold the figures (ties, and accounts not yet observed, by department id)."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..schema import fold


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
    Observations are filed under one department: the row that has them counts, not the first
    by id, so a shared account never loses its figures to a department that files none."""
    table = table.assign(shared_with=None, shared_first=None, counted=True)
    for members in _groups(table):
        depts = sorted(table.loc[members, "department_id"])
        first = min(members, key=lambda i: (pd.isna(table.at[i, "observed_on"]), table.at[i, "department_id"]))
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


def lent(table: pd.DataFrame) -> pd.DataFrame:
    """(department_id, platform, shared_first) of each row (of mark_shared's `table`) that
    shows a shared account whose history another department's observations hold."""
    rows = table[~table["counted"].astype(bool) & table["has_account"].astype(bool)]
    return rows[["department_id", "platform", "shared_first"]].astype(object).reset_index(drop=True)


def as_listed(frame: pd.DataFrame, shared: pd.DataFrame) -> pd.DataFrame:
    """`frame`'s rows (of observations, by department and platform) with each department of
    `shared` (lent()) showing the counting department's rows of the account under its own id,
    in place of any of its own (`filed_by` names whose they are): one account, one history, on
    every scorecard that lists it. For what a department's pages show, never for a total."""
    if not len(shared):
        return frame
    key = ["department_id", "platform"]
    mine = pd.MultiIndex.from_frame(frame[key].astype(object)).isin(pd.MultiIndex.from_frame(shared[key]))
    copies = frame.astype({c: object for c in key}).merge(
        shared.rename(columns={"department_id": "_shown_on", "shared_first": "department_id"}), on=key)
    copies = copies.assign(filed_by=copies["department_id"], department_id=copies.pop("_shown_on"))
    out = pd.concat([frame[~mine], copies[[*frame.columns, "filed_by"]]], ignore_index=True)
    # Ordered as `frame` is (by department, platform, date), departments in their order there:
    # a page's rows are read as one run of its department's.
    within = [c for c in ("platform", "date") if c in out]
    order = out[within].astype(object).assign(_d=pd.factorize(out["department_id"].astype(object))[0])
    return out.loc[order.sort_values(["_d", *within], kind="stable").index].reset_index(drop=True)
