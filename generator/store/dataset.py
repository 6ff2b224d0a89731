"""The loaded data folder as frames: what every later stage receives from the store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .journal import Journalled
from .lines import REF, Lines

__all__ = ["REF", "Dataset", "Lines"]


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
    # Each observation's line as read, numbered by the snapshots' `REF` column (-1: none).
    lines: Lines = field(default_factory=lambda: Lines.empty())
    # Each nightly observation file's digest as read, by the `_file` of its rows (store builds only).
    digests: dict[str, str] = field(default_factory=dict)
    # Hand-entered follower counts whose source states them as a bound ("more than 7 lakh").
    bounded: pd.DataFrame | None = None
    # The lookups each run was about to ask X for (`journal`): what a run that left no record was billed.
    journal: list[Journalled] = field(default_factory=list)


def registered_handles(ds: Dataset) -> set[str]:
    """Every handle a department account has had: the @names the site may show."""
    handles = (set(ds.accounts["handle"].dropna()) | set(ds.snapshots["handle"].dropna())
               | set(ds.account_ids["handle"].dropna()))
    return {h for h in handles if h}


def listed_addresses(ds: Dataset) -> set[str]:
    """E-mail addresses the registry lists as a contact with its source: a department's
    (where its contact_source_url is given) and a channel's (its source is required)."""
    depts = ds.departments
    cited = depts[depts["contact_source_url"].notna()] if "contact_source_url" in depts else depts.iloc[:0]
    cells = [cited[c] for c in ("helpline", "website", "grievance_portal") if c in cited]
    cells.append(ds.channels.loc[ds.channels["source_url"].notna(), "contact"])
    return {str(v) for column in cells for v in column.dropna() if "@" in str(v) and "://" not in str(v)}


def published_names(ds: Dataset, contact_email: str) -> frozenset[str]:
    """What the personal-data audit lets through, lower-cased: the registered handles, the
    addresses the registry lists with a source, and the operator's configured address.
    Nothing else: another address, in a mailto: link or in prose, is a finding."""
    names = registered_handles(ds) | listed_addresses(ds) | ({contact_email} if contact_email else set())
    return frozenset(n.lower() for n in names)
