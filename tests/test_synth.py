"""`jawabdehi synth`: an invented data folder that validates, repeats byte for byte and grows
by whole nights without touching the ones before."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import paths, schema, synth
from generator.cli import main
from generator.config import Config, load_config
from generator.store.load import load_dataset
from generator.synth import Population, synthesize

END = date(2026, 3, 31)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"
    synthesize(out, 60, 40, end=END)
    return out


@pytest.fixture(scope="module")
def small_ds(small):
    return load_dataset(small)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """Enough accounts that each behaviour shows within two months."""
    out = tmp_path_factory.mktemp("synth-many") / "data"
    synthesize(out, 400, 60, end=END)
    return load_dataset(out)


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    """Few accounts over a whole year, so rare nights (a budget that ran out) happen."""
    out = tmp_path_factory.mktemp("synth-year") / "data"
    synthesize(out, 40, 365, end=date(2026, 11, 24))
    return out


def test_the_folder_passes_the_data_contract(small, small_ds):
    assert load_config(small) == Config()
    ds = small_ds
    assert len(ds.runs) == 40
    assert sorted(p.name for p in (small / paths.SNAPSHOTS / "x").glob("*.csv"))[0] == "2026-02-20.csv"
    result = CliRunner().invoke(main, ["validate", "--data", str(small)])
    assert result.exit_code == 0, result.output


def test_run_records_count_the_nights_rows(small_ds):
    ds = small_ds
    per_night = ds.snapshots.groupby("date")["state"].value_counts().unstack(fill_value=0)
    for body in ds.runs:
        (run,) = body["runs"]
        counted = per_night.loc[body["night"]]
        assert {k: v for k, v in run["outcomes"].items() if v} == {k: int(v) for k, v in counted.items() if v}
        assert run["accounts_looked_up"] == int(counted.sum())
        assert run["user_fields"] == ["public_metrics", "most_recent_tweet_id", "protected"]


def test_snapshot_files_are_plain_and_in_contract_order(small, small_ds):
    text = (small / paths.SNAPSHOTS / "x" / f"{END}.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(schema.SNAPSHOT.names)
    assert '"' not in text and "\r" not in text and text.endswith("\n")
    ds = small_ds
    assert ds.snapshots["followers"].max() < 10**8
    assert (ds.snapshots["last_post_at"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")).all()
    api = ds.snapshots[ds.snapshots["source"] == "x-api"]
    assert (api["source_url"] == "https://x.com/" + api["handle"]).all()


def test_same_seed_same_bytes(small, tmp_path):
    synthesize(tmp_path / "again", 60, 40, end=END)
    assert files(tmp_path / "again") == files(small)


def test_another_seed_another_folder(small, tmp_path):
    synthesize(tmp_path / "other", 60, 40, seed=2, end=END)
    mine, other = files(small), files(tmp_path / "other")
    assert mine.keys() & other.keys()
    assert mine[paths.ACCOUNTS_CSV] != other[paths.ACCOUNTS_CSV]
    assert mine[f"snapshots/x/{END}.csv"] != other[f"snapshots/x/{END}.csv"]


def test_one_more_night_leaves_every_earlier_file_unchanged(tmp_path):
    # The new night completes April: the complaints file gains April's rows at its end.
    end = date(2026, 4, 29)
    synthesize(tmp_path / "d", 60, 40, end=end)
    synthesize(tmp_path / "d1", 60, 41, end=end + timedelta(days=1))
    before, after = files(tmp_path / "d"), files(tmp_path / "d1")
    complaints = f"{paths.COMPLAINTS}/synthetic.csv"
    old = before.pop(complaints)
    assert after[complaints].startswith(old) and len(after[complaints]) > len(old)
    assert {k: after[k] for k in before} == before
    added = set(after) - set(before) - {complaints}
    assert {"snapshots/x/2026-04-30.csv", "snapshots/x/2026-04-30.run.json"} <= added
    assert all("2026-04-30" in name for name in added)


def test_a_bigger_population_extends_a_smaller_one():
    small, big = Population(60, 1).registry(), Population(200, 1).registry()
    assert schema.DEPARTMENTS.to_csv(big.departments.head(60)) == schema.DEPARTMENTS.to_csv(small.departments)
    assert schema.ACCOUNTS.to_csv(big.accounts.head(len(small.accounts))) == schema.ACCOUNTS.to_csv(small.accounts)


def test_every_department_says_it_is_synthetic(small_ds):
    ds = small_ds
    assert ds.departments["name_en"].str.startswith("Synthetic: ").all()
    assert ds.departments["name_hi"].str.startswith("कृत्रिम: ").all()
    assert ds.accounts["handle"].str.fullmatch(r"Syn[A-Za-z0-9_]{1,12}").all()
    assert "Synthetic" in ds.sources.loc[0, "title"]
    assert (ds.accounts["source_url"] == "source:synthetic").all()
    assert ds.departments["name_en"].is_unique and ds.accounts["handle"].is_unique


def test_departments_cover_every_state_and_union_territory(small_ds):
    ds = small_ds
    states = set(ds.departments["state"])
    assert len(states) == 36 == len(synth.STATES)
    assert {"IN-UP", "IN-BR", "IN-CG", "IN-TS", "IN-OD", "IN-UK", "IN-DH", "IN-LA", "IN-JK"} <= states
    assert set(ds.departments["category"]) <= {"police", "administration", "railways", "urban-local-body",
                                              "electricity", "smart-city", "chief-minister", "health",
                                              "education", "transport"}
    police = ds.departments[(ds.departments["category"] == "police") & ds.departments["district"].notna()]
    assert len(police) and police["parent_id"].str.endswith("-police-hq").all()
    heads = ds.departments.set_index("id").loc[police["parent_id"]]
    assert (heads["state"].to_numpy() == police["state"].to_numpy()).all()


def test_about_a_tenth_of_departments_have_no_account(small_ds):
    registry = Population(3000, 1).registry()
    share = 1 - len(registry.accounts) / len(registry.departments)
    assert 0.08 < share < 0.12
    ds = small_ds
    without = set(ds.departments["id"]) - set(ds.accounts["department_id"])
    assert 2 <= len(without) <= 12
    assert not without & set(ds.snapshots["department_id"])


def test_accounts_behave_in_many_ways(many):
    ds = many
    s = ds.snapshots
    assert {"ok", "suspended", "not_found", "protected", "error"} <= set(s["state"])
    failed = s[s["state"].isin(["suspended", "not_found", "error"])]
    assert failed[["followers", "following", "posts", "last_post_at"]].isna().all().all()
    # Renamed: one account id, two handles over time, the registry keeping the first.
    good = s[s["state"] == "ok"].sort_values("date")
    handles = good.groupby("account_id")["handle"].agg(lambda h: list(dict.fromkeys(h)))
    renamed = handles[handles.map(len) > 1]
    assert len(renamed)
    registered = ds.accounts.set_index("account_id")["handle"]
    assert all(registered[a] == names[0] for a, names in renamed.items())
    # Dormant: an account that posted early in the period and never after its last post.
    last = good.groupby("account_id")["last_post_at"].agg(["first", "last"])
    assert ((last["last"] < "2026-03-01") & (last["last"] > "2026-02-01")).any()
    # A follower spike: one day far above both neighbours.
    f = good.pivot(index="date", columns="account_id", values="followers").astype(float)
    spike = (f > 1.4 * f.shift(1)) & (f > 1.4 * f.shift(-1))
    assert spike.any().any()


def test_a_night_the_budget_ran_out_misses_accounts(year):
    nights = sorted((year / paths.SNAPSHOTS / "x").glob("*.csv"))
    rows = {p.stem: p.read_text(encoding="utf-8").count("\n") - 1 for p in nights}
    assert len(rows) == 365 and min(rows.values()) < 0.8 * max(rows.values())
    short = min(rows, key=rows.get)
    record = json.loads((year / paths.SNAPSHOTS / "x" / f"{short}.run.json").read_text())
    (run,) = record["runs"]
    assert run["stopped_early"] and run["accounts_looked_up"] < run["accounts_planned"]


def test_replies_and_complaints_are_consistent(many):
    ds = many
    r = ds.replies
    assert len(r) and (r["answered"] <= r["mentions"]).all() and (r["answered_within_hour"] <= r["answered"]).all()
    assert (r["posts_read"] >= r["mentions"]).all()
    c = ds.complaints
    assert len(c) and (c["resolved"] + c["rejected"] + c["pending"] <= c["received"]).all()
    assert (c["period_start"].str.endswith("-01")).all()
    ends = c["period_end"].map(date.fromisoformat)
    assert all((e + timedelta(days=1)).day == 1 for e in ends)
    assert c["reported_resolution_rate"].notna().any()


def test_cli_writes_once_and_refuses_a_folder_in_use(tmp_path):
    out = tmp_path / "cli"
    args = ["synth", "--accounts", "12", "--days", "3", "--out", str(out), "--end", "2026-01-02"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.output.count("\n") == 1 and first.output.startswith("synthesised 12 departments")
    before = files(out)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1 and "not an empty folder" in again.output
    assert files(out) == before


def test_synth_imports_nothing_from_render_publish_or_collect():
    tree = ast.parse(Path(synth.__file__).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
            names |= {f"{'.' * node.level}{node.module or ''}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    for forbidden in ("render", "publish", "collect"):
        assert not [n for n in names if forbidden in n.split(".")], names


@pytest.mark.parametrize("end, days", [("9999-12-31", 3), ("2006-04-01", 30)])
def test_nights_no_calendar_or_x_had_are_refused_before_a_file_is_written(tmp_path, end, days):
    out = tmp_path / "synthetic"
    result = CliRunner().invoke(main, ["synth", "--accounts", "5", "--days", str(days), "--out", str(out),
                                       "--end", end])
    assert result.exit_code == 2 and "reaches outside 2006-03-21 to 2999-12-31" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()
