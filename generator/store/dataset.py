"""The loaded data folder as frames: what every later stage receives from the store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Dataset:
    departments: pd.DataFrame
    districts: pd.DataFrame  # the district registry, with each district's page key
    accounts: pd.DataFrame
    sources: pd.DataFrame
    snapshots: pd.DataFrame
    complaints: pd.DataFrame
    replies: pd.DataFrame
    account_ids: pd.DataFrame
    corrections: pd.DataFrame
    absences: pd.DataFrame
    channels: pd.DataFrame
    runs: list[dict] = field(default_factory=list)
    withdrawn: pd.DataFrame | None = None  # complaint months withdrawn for good
    titles: pd.DataFrame | None = None  # what people call offices: the search's titles and short forms


def registered_handles(ds: Dataset) -> set[str]:
    """Every handle a department account has had: the @names the site may show."""
    handles = (set(ds.accounts["handle"].dropna()) | set(ds.snapshots["handle"].dropna())
               | set(ds.account_ids["handle"].dropna()))
    return {h for h in handles if h}
