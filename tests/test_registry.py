"""The bundled registry: every listed handle accounted for, names in Hindi, channels cited,
and every department without an account backed by a dated absence."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from generator import schema
from generator.store.load import load_dataset

REPO = Path(__file__).resolve().parents[1]
REGISTRY = REPO / "data" / "registry"
# The two public lists the registry was built from (Govdirectory and Twitter-Analysis-GOI), one
# row per handle and source. It lives in the shared folder beside the repository.
HANDLES_LISTED = Path(os.environ.get("JAWABDEHI_HANDLES_LISTED",
                                     REPO.parent / "shared" / "registry" / "handles-listed.csv"))

DEVANAGARI = re.compile("[\u0900-\u097F]")

# Handles of handles-listed.csv that deliberately have no row in accounts.csv (lower case: X handles
# are not case-sensitive), with the reason. Anything else listed must be in accounts.csv.
EXCLUDED = {
    # A person's account, not an office's: named after the minister (K. T. Rama Rao, Telangana).
    "ministerktr": "person",
    # A person's account: the Delhi Education Minister's own, not the Education Department's.
    "minister_edu": "person",
    # Stale: the Ministry of Human Resource Development's pre-2020 handle (the ministry was renamed
    # Ministry of Education); the ministry is registered with eduminofindia instead.
    "hrdministry": "stale",
    # A second X account (Hindi) of the Ministry of Information and Broadcasting, which is registered
    # with MIB_India: accounts.csv keeps one account per department and platform.
    "mib_hindi": "second account of a registered department",
}


def rows(name: str) -> list[dict[str, str]]:
    with open(REGISTRY / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def parser(table: schema.Table, column: str):
    return next(c.parse for c in table.columns if c.name == column)


def test_bundled_data_folder_validates():
    data = load_dataset(REPO / "data")  # raises DataError listing every problem
    assert len(data.departments) == len(rows("departments"))


def test_every_listed_handle_is_registered_or_excluded_with_a_reason():
    if not HANDLES_LISTED.exists():
        pytest.skip(f"{HANDLES_LISTED} not found (set JAWABDEHI_HANDLES_LISTED)")
    with open(HANDLES_LISTED, newline="", encoding="utf-8") as fh:
        listed = {row["handle"].strip().lower() for row in csv.DictReader(fh)}
    registered = {a["handle"].lower() for a in rows("accounts") if a["handle"]}
    missing = sorted(listed - registered - set(EXCLUDED))
    assert not missing, f"listed handles neither in accounts.csv nor excluded: {missing}"
    assert set(EXCLUDED) <= listed, "an exclusion names a handle the lists do not have"


def test_excluded_handles_have_no_account_and_handles_are_unique():
    handles = [a["handle"].lower() for a in rows("accounts") if a["handle"]]
    assert not set(EXCLUDED) & set(handles)
    assert len(handles) == len(set(handles)), "one handle registered for two departments"


def test_every_department_has_a_hindi_name():
    bad = [d["id"] for d in rows("departments") if not DEVANAGARI.search(d["name_hi"])]
    assert not bad, f"name_hi without Devanagari letters: {bad}"


def test_every_district_has_its_hindi_name():
    # Departments take their district's Hindi name from the district registry.
    bad = [(d["state"], d["name_en"]) for d in rows("districts") if not DEVANAGARI.search(d["name_hi"])]
    assert not bad, f"district without a Devanagari name_hi: {bad}"


def test_every_channel_is_cited_and_reachable():
    channels = rows("channels")
    assert channels
    contact, cite = parser(schema.CHANNELS, "contact"), parser(schema.CHANNELS, "source_url")
    for ch in channels:
        assert ch["source_url"], ch["id"]
        cite(ch["source_url"])
        contact(ch["contact"])
        assert DEVANAGARI.search(ch["name_hi"]), ch["id"]
        assert (ch["scope"] == "state") == bool(ch["state"]), ch["id"]
    kinds = {ch["kind"] for ch in channels if ch["scope"] != "state"}
    assert {"emergency", "cyber-fraud", "grievance-portal"} <= kinds


def test_every_department_without_an_x_account_has_a_dated_absence():
    on_x = {a["department_id"] for a in rows("accounts") if a["platform"] == "x"}
    absent = {(a["department_id"], a["platform"]) for a in rows("absences")}
    without = [d["id"] for d in rows("departments") if d["id"] not in on_x]
    unexplained = [d for d in without if (d, "x") not in absent]
    assert not unexplained, f"no X account and no absence row: {unexplained}"
    # An absence contradicts an account row on the same platform.
    contradicted = [d for d, platform in absent if platform == "x" and d in on_x]
    assert not contradicted, f"absence recorded for a department with an X account: {contradicted}"
