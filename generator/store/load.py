"""Load every input file of a data folder and check it against the data contract.

One pass collects every problem (file, line, column, what is wrong) so a clerk fixes a
spreadsheet once, not once per run. Nothing here writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from .. import paths, schema
from ..problems import DataError, Problem
from . import archive
from .csvio import empty, read_table, read_tables
from .dataset import Dataset
from .districts import department_problems, registry_problems, with_keys
from .journal import JOURNAL_SUFFIX, read_journal
from .lines import REF
from .runs import RUN_SUFFIX, check_run_record, unknown_departments


def data_files(folder: Path, pattern: str = "*.csv") -> list[Path]:
    """Input files under a folder, in name order; hidden and temporary files are not data."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob(pattern)
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts))


# Hand-entered dates that say when something was seen or published: none can be later than
# the day they are checked on (a complaint period cannot end later either: its figures would
# be left out until then, without a word).
DATED = (("departments", "contact_checked_on"), ("sources", "published_on"), ("absences", "checked_on"),
         ("channels", "checked_on"), ("replies", "date"), ("corrections", "date"),
         ("account_ids", "resolved_on"), ("complaints", "period_end"))


def dated_after(data_dir: Path, day: str, dataset: Dataset) -> list[Problem]:
    """Rows dated after `day` (today, for `validate`): a typing error, which a build would
    leave out without a word as figures of a later night, or show as checked on a day to
    come. Nightly files are named by their night; hand-entered rows are dated each (the
    dataset holds them, in file and line order: a folder that loaded has every row of them)."""
    out = [Problem(str(path), 0, "-", f"is a night after today ({day})")
           for folder in archive.NIGHTLY for path in data_files(data_dir / folder) if path.stem > day]
    manual = [str(path) for path in data_files(data_dir / paths.MANUAL)]
    snapshots = dataset.snapshots
    if manual and len(snapshots):
        late = snapshots[snapshots["_file"].isin(manual).to_numpy() & (snapshots["date"].astype(str) > day).to_numpy()]
        out += [Problem(file, int(line), "date", f"is after today ({day})")
                for file, line in zip(late["_file"], late["_line"], strict=True)]
    for table, column in DATED:
        frame = getattr(dataset, table)
        if not len(frame) or column not in frame:
            continue
        late = frame[frame[column].notna() & (frame[column].astype(str) > day)]
        out += [Problem(r["_file"], int(r["_line"]), column, f"is after today ({day})")
                for r in late.to_dict("records")]
    return out


def unread_files(data_dir: Path) -> list[Problem]:
    """Files of a data folder the build would not read as they are. A link would publish a
    file from outside it (or leave out a folder, as only some readers follow them); a CSV
    named '.CSV' would be passed over without a word (data files are '*.csv')."""
    found = []
    for folder, dirs, files in os.walk(data_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                found.append(Problem(str(path), 0, "-", "is a link; links are refused: put the file itself here"))
            elif path.suffix.lower() == ".csv" and path.suffix != ".csv":
                found.append(Problem(str(path), 0, "-", f"ends in {path.suffix}: name it .csv to have it read"))
            elif not _read(path.relative_to(data_dir), path.is_dir()):
                found.append(Problem(str(path), 0, "-", "is not read by the build (data is .csv files in the folders "
                                                        "the README names): save a sheet as CSV UTF-8, or move it out "
                                                        "of the data folder"))
    return found


# What a data folder holds besides the tables: each is read, or written by a command.
TOP = {paths.REGISTRY, paths.COLLECTED, paths.SNAPSHOTS, paths.REPLIES, paths.MANUAL, paths.COMPLAINTS,
       paths.CONFIG_TOML, paths.TAKEDOWN_LEDGER, paths.CORRECTIONS_CSV, paths.WITHDRAWN_COMPLAINTS_CSV,
       paths.BOUNDED_FOLLOWERS_CSV}


def _read(rel: Path, folder: bool) -> bool:
    """Whether a file or folder of a data folder is one a build reads (or a command keeps
    there): anything else, a spreadsheet saved as .xlsx in manual/ or a copy in backup/, would
    be passed over without a word. Notes for people (.md) may sit anywhere."""
    if rel.suffix == ".md" and not folder:
        return True
    if len(rel.parts) == 1:
        return rel.name in TOP
    if folder:
        return True  # inside a read folder: platforms, exports, months
    return rel.suffix == ".csv" or rel.as_posix() == paths.INGEST_LEDGER or (
        rel.parts[0] == paths.SNAPSHOTS and rel.name.endswith((RUN_SUFFIX, JOURNAL_SUFFIX)))


def _read_many(files: list[Path], table: schema.Table, problems: list[Problem]) -> pd.DataFrame:
    if not files:
        return empty(table)
    df, bad = read_tables(files, table)
    problems.extend(bad)
    _duplicates_across_files(df, table, problems)
    return df


def _in_a_circle(departments: pd.DataFrame) -> set[str]:
    """Departments whose chain of parents comes back to them (the one that is its own parent
    is said apart); pages walk the chain to name a department's office above it."""
    parent = dict(departments.loc[departments["parent_id"].notna(), ["id", "parent_id"]].itertuples(index=False))
    circle = set()
    for start in parent:
        seen, at = set(), start
        while at in parent and at not in seen:
            seen.add(at)
            at = parent[at]
        if at == start and parent.get(start) != start:
            circle.add(start)
    return circle


def _problems_at(rows: pd.DataFrame, column: str, message) -> list[Problem]:
    """One problem per row; `message` is a string or a function of the row."""
    if not len(rows):
        return []
    out = []
    for row in rows.to_dict("records"):
        text = message(row) if callable(message) else message
        out.append(Problem(row["_file"], int(row["_line"]), column, text))
    return out


def _more_than(rows: pd.DataFrame, column: str, whole: str) -> list[Problem]:
    """Rows where a count of a part is more than the count of the whole it is part of."""
    both = rows[rows[column].notna() & rows[whole].notna()]
    return _problems_at(both[both[column] > both[whole]], column, f"is more than {whole}")


def _duplicates_across_files(df: pd.DataFrame, table: schema.Table, problems: list[Problem],
                             others: list[Path] | None = None) -> None:
    """Rows with the same key in two files. `others`: with the nightly files, the files not
    named by a night (hand-entered figures)."""
    key = list(table.key)
    if not key or not len(df):
        return
    if others is not None and not problems:
        # With nothing found so far every nightly row is dated by its file's night (checked
        # as the file was read), so two nightly files never share a key: only rows on a day
        # some other file has a row for can repeat one.
        days = df.loc[df["_file"].isin([str(f) for f in others]), "date"].unique()
        df = df[df["date"].isin(days)]
        if not len(df):
            return
    # The key as one number per row (each column's code, mixed), so years of rows are
    # compared as numbers and only the few found twice are looked at as text.
    number, complete, size = np.zeros(len(df), dtype=np.int64), np.ones(len(df), dtype=bool), 1
    for column in key:
        code, values = pd.factorize(df[column])
        complete &= code >= 0
        number = number * max(len(values), 1) + code
        size *= max(len(values), 1)
    rows = np.flatnonzero(complete)
    if size >= 2**62:  # too many to mix into one number: compare the texts
        repeated = df[key].iloc[rows].duplicated(keep=False).to_numpy()
    else:
        repeated = pd.Series(number[rows]).duplicated(keep=False).to_numpy()
    twice = df.iloc[rows[repeated]][[*key, "_file", "_line"]]
    if not len(twice):
        return
    first = twice.drop_duplicates(key).set_index(key)[["_file", "_line"]]
    later = twice[twice.duplicated(key, keep="first")]
    for row in later.to_dict("records"):
        origin = first.loc[tuple(row[k] for k in key)]
        if origin["_file"] != row["_file"]:
            what = ", ".join(f"{k}={row[k]}" for k in key)
            problems.append(Problem(row["_file"], int(row["_line"]), key[-1],
                                    f"duplicate {what} (also {origin['_file']}:{origin['_line']})"))


def _where_distinct(values: pd.Series, test) -> pd.Series:
    """`test` of each filled cell, asked once per distinct value: a year of nights repeats them."""
    return values.isin([v for v in pd.unique(values.dropna()) if test(v)])


def _unknown(df: pd.DataFrame, column: str, known: set, what: str) -> list[Problem]:
    if not len(df):
        return []
    values = df[column]
    bad = df[values.notna() & ~values.isin(known)]
    return _problems_at(bad, column, lambda r: f"unknown {what} {r[column]!r}")


def _day_files(df: pd.DataFrame, folder: Path) -> list[Problem]:
    """Nightly files live at <folder>/<platform>/<date>.csv; their rows must say the same."""
    if not len(df):
        return []
    file_code, files = pd.factorize(df["_file"])
    nightly = np.array([folder in Path(name).parents for name in files], dtype=bool)
    if not nightly.any():
        return []
    in_nightly = nightly[file_code]
    out = []
    for column, part, what in (("platform", lambda p: p.parent.name, lambda r: f"{r['platform']!r} in a file under "
                                                                                f"{Path(r['_file']).parent.name}/"),
                               ("date", lambda p: p.stem, lambda r: f"{r['date']} in the file for "
                                                                     f"{Path(r['_file']).stem}")):
        # Each file's expected value and each row's value as codes of one list: whole
        # years of rows compare numbers, and each text is looked at once.
        code, values = pd.factorize(df[column])
        at = {value: n for n, value in enumerate(values)}
        expected = np.array([at.get(part(Path(name)), -2) for name in files], dtype=np.int64)
        wrong = in_nightly & (code >= 0) & (code != expected[file_code])
        out += _problems_at(df.loc[wrong, ["_file", "_line", column]], column, what)
    return out


def _one_account_twice(accounts: pd.DataFrame) -> list[Problem]:
    """One account (the same handle, case aside, or the same account id on a platform) under
    two departments is a copying mistake, or a look-alike that would be answered as official,
    unless both rows say shared=yes: then two departments run it together."""
    out = []
    shared = set(accounts.index[accounts["shared"] == "yes"])
    paired = set()
    for column in ("handle", "account_id"):
        first: dict[tuple[str, str], int] = {}
        for i, platform, value in zip(accounts.index, accounts["platform"], accounts[column], strict=True):
            if not isinstance(value, str) or not isinstance(platform, str):
                continue
            j = first.setdefault((platform, schema.fold(value)), i)
            if j == i or accounts.at[i, "department_id"] == accounts.at[j, "department_id"]:
                continue
            paired |= {i, j}
            if i not in shared or j not in shared:
                out.append(Problem(accounts.at[i, "_file"], int(accounts.at[i, "_line"]), column,
                                   f"{value!r} is also under {accounts.at[j, 'department_id']} at line "
                                   f"{accounts.at[j, '_line']}; if both departments run this one account, "
                                   "write shared=yes on both rows"))
            elif accounts.at[i, "official"] != accounts.at[j, "official"]:
                # The handle check would answer "official" and "unverified" for one account.
                out.append(Problem(accounts.at[i, "_file"], int(accounts.at[i, "_line"]), "official",
                                   f"is {accounts.at[i, 'official']!r} but line {accounts.at[j, '_line']} "
                                   f"({accounts.at[j, 'department_id']}) says {accounts.at[j, 'official']!r} "
                                   "for this same shared account; both rows must agree"))
    alone = accounts.loc[sorted(shared - paired)]
    return out + _problems_at(alone, "shared", "is yes but no other department lists this account")


# What X accepts of the cells that name an account, and how that is said.
X_RULES = (("handle", schema.X_HANDLE, "1 to 15 letters, digits or '_'"),
           ("account_id", schema.X_ID, "at most 19 digits"))


def _not_on_x(frame: pd.DataFrame) -> list[Problem]:
    """X handles or ids X would refuse, wherever one enters (the registry, the resolved ids,
    hand-entered and nightly observations, replies): a registry's fails the night's lookup
    whole, and with it the other accounts asked in the same request (up to 99); any is
    published as a link to x.com (a handle '..' links to x.com itself). Each distinct value
    is tested once: a year of nights repeats the same few thousand."""
    if not len(frame):
        return []
    on_x = frame[(frame["platform"] == schema.Platform.X).to_numpy(dtype=bool)]
    out = []
    for column, rule, said in X_RULES:
        if column not in on_x:
            continue
        bad = on_x[_where_distinct(on_x[column], lambda value, rule=rule: rule.fullmatch(value) is None)]
        out += _problems_at(bad, column, lambda row, column=column, said=said: (
            f"{row[column]!r} is not an X {column.replace('_', ' ')}: X's are {said}"))
    return out


# Where an account's own pages are: its profile or a post of its own there is what an impostor
# can make as well as the department.
OWN_PAGES = {schema.Platform.X: ("x.com", "twitter.com"), schema.Platform.FACEBOOK: ("facebook.com", "fb.com")}


def _own_page(platform: str, handle: str, url: str) -> bool:
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("mobile.").removeprefix("m.")
    first = parts.path.strip("/").split("/")[0].lstrip("@")
    return host in OWN_PAGES.get(platform, ()) and first.casefold() == handle.casefold()


def _official_on_its_own_word(accounts: pd.DataFrame) -> list[Problem]:
    """official=yes needs evidence from the body itself (its website, an order, a reply): an
    account's own profile as that evidence is circular, and the site would call it official."""
    rows = accounts[(accounts["official"] == "yes") & accounts["handle"].notna() & accounts["source_url"].notna()]
    own = [_own_page(p, h, u) for p, h, u in zip(rows["platform"], rows["handle"], rows["source_url"], strict=True)]
    return _problems_at(rows[own], "source_url", lambda r: (
        f"is the account's own page, no evidence that @{r['handle']} is the department's: official=yes needs "
        "evidence from the body itself (its website linking to the handle, an order naming it, a reply); "
        "without it write official=unverified and cite where the handle is listed"))


def _one_id_for_two_departments(ids: pd.DataFrame, accounts: pd.DataFrame) -> list[Problem]:
    """The collector resolved one account id for two departments: a night's lookup by id
    would publish one account's figures for both, unless both registry rows say shared=yes."""
    shared = {(d, p) for d, p, s in zip(accounts["department_id"], accounts["platform"], accounts["shared"],
                                         strict=True) if s == "yes"}
    first: dict[tuple[str, str], dict] = {}
    out = []
    for row in ids.to_dict("records"):
        if not isinstance(row["account_id"], str):
            continue
        other = first.setdefault((row["platform"], row["account_id"]), row)
        if other is row or other["department_id"] == row["department_id"] or \
                {(row["department_id"], row["platform"]), (other["department_id"], row["platform"])} <= shared:
            continue
        out.append(Problem(row["_file"], int(row["_line"]), "account_id",
                           f"{row['account_id']!r} was also resolved for {other['department_id']} at line "
                           f"{other['_line']}: one account's figures would be published for both; correct the "
                           f"handle in {paths.ACCOUNTS_CSV}, or write shared=yes on both departments' rows there "
                           "if they run this one account"))
    return out


def _district_channel_problems(channels: pd.DataFrame, districts: pd.DataFrame) -> list[Problem]:
    """A district channel names a district of its state as the registry writes it; no other
    channel names a district (it would be shown nowhere)."""
    if "district" not in channels:
        return []
    known = set(zip(districts["state"], districts["name_en"], strict=True))
    local = channels[channels["scope"] == "district"]
    named = local["district"].notna() & local["state"].notna()
    unknown = pd.Series([(s, d) not in known for s, d in zip(local["state"], local["district"], strict=True)],
                        index=local.index, dtype=bool)
    wrong = local[named & unknown]
    stray = channels[(channels["scope"] != "district") & channels["district"].notna()]
    return (_problems_at(local[local["district"].isna()], "district", "is required for a district channel")
            + _problems_at(wrong, "district", "is not a district of its state in " + paths.DISTRICTS_CSV
                           + " (write its name_en exactly)")
            + _problems_at(stray, "district", "is only for a district channel (scope district)"))


def _posted_after_observed(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Rows whose last post is dated after the observation. Each distinct stamp and date is
    cut to its day once: years of nights repeat the same few thousand of them."""
    posted = np.flatnonzero(snapshots["last_post_at"].notna().to_numpy() & snapshots["date"].notna().to_numpy())
    stamp, stamps = pd.factorize(snapshots["last_post_at"])
    night, nights = pd.factorize(snapshots["date"])
    stamp_day = np.array([str(s)[:10] for s in stamps], dtype="U10")
    night_day = np.array([str(n)[:10] for n in nights], dtype="U10")
    # Days as their places in order, so the rows compare numbers, not a copy of their texts.
    days = np.unique(np.concatenate([stamp_day, night_day]))
    stamp_at = np.searchsorted(days, stamp_day).astype(np.int32)
    night_at = np.searchsorted(days, night_day).astype(np.int32)
    late = posted[stamp_at[stamp[posted]] > night_at[night[posted]]]
    return snapshots.iloc[late][["_file", "_line", "last_post_at", "date"]]


def _own_rows(folder: Path, posted: bool) -> Callable[[pd.DataFrame], list[Problem]]:
    """The checks of a file's rows that need no other file, run as the file is parsed (see
    archive.read_history): a nightly file's rows say its platform and day, an X handle or id
    is one X gives, and (`posted`) no last post is dated after its observation."""
    def check(frame: pd.DataFrame) -> list[Problem]:
        found = _day_files(frame, folder) + _not_on_x(frame)
        if posted:
            found += _problems_at(_posted_after_observed(frame), "last_post_at", "is after the observation date")
        return found
    return check


def _observed_unlisted(snapshots: pd.DataFrame, accounts: pd.DataFrame, manual: list[Path],
                       dept_ids: set[str]) -> list[Problem]:
    """Hand-entered observations of an account the registry does not list: a platform typed
    "facebok", or a figure entered under the department beside the right one, would be
    published as that department's account (a "new account" in the feeds, a follower count
    beside "no account"), and the account it was meant for would lose it without a word.
    (A nightly file is written from the registry, and keeps its history when a row leaves it.)"""
    if not len(snapshots) or not manual:
        return []
    if accounts["department_id"].isna().any():
        return []  # a registry row whose department could not be read: its own problem comes first
    rows = snapshots[snapshots["_file"].isin([str(f) for f in manual]).to_numpy()]
    listed = set(zip(accounts["department_id"], accounts["platform"], strict=True))
    # A department with a registry row whose platform could not be read is named by that row's problem.
    unread = set(accounts.loc[accounts["platform"].isna(), "department_id"])
    unlisted = [isinstance(p, str) and d in dept_ids and d not in unread and (d, p) not in listed
                for d, p in zip(rows["department_id"], rows["platform"], strict=True)]
    return _problems_at(rows[np.array(unlisted, dtype=bool)], "platform", lambda r: (
        f"{r['platform']!r}: {paths.ACCOUNTS_CSV} lists no {r['platform']} account of {r['department_id']}; "
        "add the account there first, or correct the department or platform of this figure"))


def _unbounded(bounded: pd.DataFrame, snapshots: pd.DataFrame, dept_ids: set[str]) -> list[Problem]:
    """Rows of the bounded follower counts that name no hand-entered count of a known
    department (an unknown one is named as such): a bound is how a report states its own
    figure, never a mark on what the collector observed. The message lists the counts the
    department has, so a mistyped platform or day shows itself."""
    if not len(bounded):
        return []
    counted = snapshots[(snapshots["source"] == "manual") & snapshots["followers"].notna()]
    known = set(zip(counted["department_id"], counted["platform"], counted["date"], strict=True))
    # A cell already refused (an empty or unreadable day) is reported once, as itself.
    unread = bounded[["department_id", "platform", "date"]].isna().any(axis=1).to_numpy()
    named = [key in known or key[0] not in dept_ids or skip for key, skip in zip(
        zip(bounded["department_id"], bounded["platform"], bounded["date"], strict=True), unread, strict=True)]

    def message(row: dict) -> str:
        theirs = sorted(f"{p} {d}" for dept, p, d in known if dept == row["department_id"])
        listed = "; ".join(theirs[:5]) + ("; ..." if len(theirs) > 5 else "") if theirs else "none"
        return (f"names no hand-entered follower count of this department and platform on this day "
                f"(its hand-entered counts: {listed})")
    return _problems_at(bounded[~np.array(named, dtype=bool)], "date", message)


def load_dataset(data_dir: Path, store: Path | None = None, known: Mapping[str, str] | None = None,
                 read_only: bool = False) -> Dataset:
    """Load and validate a data folder; raise DataError listing every problem.

    With a `store` folder the nightly files already parsed are taken from it and the new
    ones whose own rows are sound are added to it (see store/archive.py), unless `read_only`
    (validate: it changes nothing); `known` are the files' digests, by path, where the caller
    took them already."""
    data_dir = Path(data_dir)
    kept = archive.Store(store, data_dir, writable=not read_only) if store is not None else None
    problems: list[Problem] = unread_files(data_dir)

    def one(rel: str, table: schema.Table, required: bool = True) -> pd.DataFrame:
        path = data_dir / rel
        if not path.exists():
            if required:
                problems.append(Problem(str(path), 0, "-", "file is missing"))
            return empty(table)
        frame, bad = read_table(path, table)
        problems.extend(bad)
        return frame

    departments = one(paths.DEPARTMENTS_CSV, schema.DEPARTMENTS)
    districts = one(paths.DISTRICTS_CSV, schema.DISTRICTS)
    accounts = one(paths.ACCOUNTS_CSV, schema.ACCOUNTS)
    sources = one(paths.SOURCES_CSV, schema.SOURCES_TABLE, required=False)
    account_ids = one(paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS, required=False)
    corrections = one(paths.CORRECTIONS_CSV, schema.CORRECTIONS, required=False)
    absences = one(paths.ABSENCES_CSV, schema.ABSENCES, required=False)
    channels = one(paths.CHANNELS_CSV, schema.CHANNELS, required=False)
    titles = one(paths.TITLES_CSV, schema.TITLES, required=False)
    withdrawn = one(paths.WITHDRAWN_COMPLAINTS_CSV, schema.WITHDRAWN_COMPLAINTS, required=False)
    bounded = one(paths.BOUNDED_FOLLOWERS_CSV, schema.BOUNDED_FOLLOWERS, required=False)
    digests: dict[str, str] = {}
    rewritten = archive.rewrites(data_dir, problems)
    snapshots, lines = archive.read_history(data_dir, data_files(data_dir / paths.SNAPSHOTS),
                                            data_files(data_dir / paths.MANUAL), schema.SNAPSHOT, kept, problems,
                                            _own_rows(data_dir / paths.SNAPSHOTS, posted=True), digests, known,
                                            rewritten)
    # Only the observations are published as read; the replies' lines are let go at once.
    replies = archive.read_history(data_dir, data_files(data_dir / paths.REPLIES), [], schema.REPLIES, kept,
                                   problems, _own_rows(data_dir / paths.REPLIES, posted=False),
                                   known=known, rewritten=rewritten)[0].drop(columns=REF)
    _duplicates_across_files(snapshots, schema.SNAPSHOT, problems, data_files(data_dir / paths.MANUAL))
    _duplicates_across_files(replies, schema.REPLIES, problems, [])
    complaints = _read_many(data_files(data_dir / paths.COMPLAINTS), schema.COMPLAINTS, problems)
    runs = {}
    for path in data_files(data_dir / paths.SNAPSHOTS, f"*{RUN_SUFFIX}"):
        record, bad = check_run_record(path)
        problems.extend(bad)
        if record is not None:
            runs[path] = record
    journal = []
    for path in data_files(data_dir / paths.SNAPSHOTS, f"*{JOURNAL_SUFFIX}"):
        asked, bad = read_journal(path)
        problems.extend(bad)
        journal += asked

    dept_ids = set(departments["id"].dropna())
    source_ids = {f"source:{s}" for s in sources["id"].dropna()}
    problems += _unknown(departments, "parent_id", dept_ids, "department id")
    own = departments[departments["parent_id"].notna() & (departments["parent_id"] == departments["id"])]
    problems += _problems_at(own, "parent_id", "a department cannot be its own parent")
    circle = _in_a_circle(departments)
    problems += _problems_at(departments[departments["id"].isin(circle) & ~departments.index.isin(own.index)],
                             "parent_id", lambda row: f"{row['id']} is among its own parents (via {row['parent_id']}): "
                                                      "a parent is the body a department reports to")
    problems += registry_problems(districts)
    problems += department_problems(departments, districts)
    # A departments file that could not be read whole names every department of the others
    # unknown: its own problems alone are the ones to fix first. A header with any problem
    # (a column missing, unknown or twice, as a spreadsheet's "Name_EN" is) reads no row at all.
    unread = any(Path(p.file) == data_dir / paths.DEPARTMENTS_CSV and (p.column == "-" or p.line <= 1)
                 for p in problems)
    if not unread:
        for frame in (accounts, snapshots, complaints, replies, account_ids, corrections, absences, withdrawn,
                      bounded):
            problems += _unknown(frame, "department_id", dept_ids, "department id")
        problems += _observed_unlisted(snapshots, accounts, data_files(data_dir / paths.MANUAL), dept_ids)
        for path, record in runs.items():
            problems += unknown_departments(path, record, dept_ids)
    for frame, column in ((accounts, "source_url"), (snapshots, "source_url"), (complaints, "source_url"),
                          (sources, "url"), (corrections, "source_url"), (absences, "source_url"),
                          (channels, "source_url"), (departments, "contact_source_url"),
                          (titles, "source_url")):
        cited = frame[_where_distinct(frame[column], lambda v: str(v).startswith("source:"))]
        problems += _unknown(cited, column, source_ids, "source")
    problems += _one_account_twice(accounts) + _official_on_its_own_word(accounts)
    problems += _not_on_x(accounts) + _not_on_x(account_ids)
    problems += _one_id_for_two_departments(account_ids, accounts)
    problems += _more_than(replies, "answered", "mentions") + _more_than(replies, "answered_within_hour", "answered")
    unanswered = replies[(replies["answered"] == 0).fillna(False) & replies["median_reply_minutes"].notna()]
    problems += _problems_at(unanswered, "median_reply_minutes", "is given, but no mention was answered")
    manual = snapshots[(snapshots["source"] == "manual") & snapshots["source_url"].isna()]
    problems += _problems_at(manual, "source_url", "is required for manual observations")
    problems += _unbounded(bounded, snapshots, dept_ids)
    selectors = ["state", "category", "level", "name_words"]
    problems += _problems_at(titles[titles[selectors].isna().all(axis=1)], "terms",
                             "would name every department: give a state, category, level or name_words")
    state_channels = channels[channels["scope"].isin(["state", "district"]) & channels["state"].isna()]
    problems += _problems_at(state_channels, "state", "is required for a state or district channel")
    problems += _district_channel_problems(channels, districts)
    periods = complaints[complaints["period_start"].notna() & complaints["period_end"].notna()]
    problems += _problems_at(periods[periods["period_end"] < periods["period_start"]], "period_end",
                             "is before period_start")

    gone = set(zip(withdrawn["department_id"], withdrawn["channel"], withdrawn["period_start"], strict=True))
    still = complaints[[key in gone for key in zip(complaints["department_id"], complaints["channel"],
                                                   complaints["period_start"], strict=True)]]
    problems += _problems_at(still, "period_start", f"this month is withdrawn in {paths.WITHDRAWN_COMPLAINTS_CSV}; "
                             "its figures must not be published again")
    read = Dataset(departments=departments, districts=districts, accounts=accounts, sources=sources,
                   snapshots=snapshots, lines=lines, complaints=complaints, replies=replies, account_ids=account_ids,
                   corrections=corrections, absences=absences, channels=channels,
                   runs=sorted(runs.values(), key=lambda r: r["night"]), journal=journal, withdrawn=withdrawn,
                   titles=titles, digests=digests, bounded=bounded.drop(columns=["_file", "_line"]))
    if problems:
        raise DataError(sorted(set(problems), key=lambda p: (p.file, p.line, p.column)), read=read)
    archive.prune(kept, data_dir)
    return replace(read, districts=with_keys(districts))
