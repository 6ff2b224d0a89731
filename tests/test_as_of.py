"""Figures are a function of the data alone: every window counts from the site's as-of date
(its newest observation), so the same data built on a later day gives the same site, but
for the stale banner and the pipeline-health page."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator import paths, schema
from generator.compute.health import banner_days
from generator.compute.model import build_model, data_as_of
from generator.config import Config
from generator.publish.build import MARKER
from generator.store.load import load_dataset
from generator.synth import SOURCE_ID, synthesize

from .helpers import DATA, DEPT, build, make_data, snapshot, tree_bytes, write_csv

END = date(2026, 11, 20)  # the synthetic data's newest night
LATER = END + timedelta(days=18)
LATE_FIGURE = END - timedelta(days=20)  # 38 days before LATER: counted from the build day, it was stale
# The banner and the box the theme draws it in, which a page without a banner leaves out.
# The banner, and its copy at the start of the content that a screen reader hears.
BANNER = re.compile(rb'\s*<aside class="md-banner".*?</aside>|<p class="jd-vh jd-banner-said">.*?</p>', re.S)
HEALTH = ("health/index.html", "en/health/index.html")


def comparable(site: Path) -> dict[str, bytes]:
    """Every file of a built site but what may depend on the day of the build: the health
    pages and the banner. The marker's page and file digests and its pages' keys (which say
    where each slot sits in a file) go too: they cover those two, and the files themselves are
    compared byte for byte; so do the build's day and banner it records."""
    files = tree_bytes(site)
    for page in HEALTH:
        del files[page]
    marker = json.loads(files.pop(MARKER))
    del marker["pages"], marker["bytes"], marker["keys"], marker["night"]["built_on"], marker["night"]["banner"]
    files[MARKER] = json.dumps(marker, sort_keys=True).encode()
    return {name: BANNER.sub(b"", data) if name.endswith(".html") else data for name, data in files.items()}


def append_rows(path: Path, table: schema.Table, rows: list[dict]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.names, lineterminator="\n")
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in table.names})


@pytest.fixture(scope="module")
def built_twice(tmp_path_factory) -> Path:
    """Twelve synthetic departments over 40 nights, and one more whose only figure is a
    hand-entered one 20 days before the newest night; built on that night and 18 days later."""
    root = tmp_path_factory.mktemp("as-of")
    data = synthesize(root / "data", 12, 40, seed=5, end=END).out
    append_rows(data / paths.DEPARTMENTS_CSV, schema.DEPARTMENTS,
                [{"id": "late-police", "name_en": "Synthetic: Late Police", "name_hi": "कृत्रिम: देर पुलिस",
                  "category": "police", "state": "IN-UP"}])
    append_rows(data / paths.ACCOUNTS_CSV, schema.ACCOUNTS,
                [{"department_id": "late-police", "platform": "x", "handle": "SynLatePolice", "official": "yes",
                  "source_url": f"source:{SOURCE_ID}"}])
    write_csv(data / paths.MANUAL / "late.csv", schema.SNAPSHOT, [
        snapshot("late-police", LATE_FIGURE.isoformat(), handle="SynLatePolice", followers=5000,
                 last_post_at=LATE_FIGURE.isoformat(), source_url=f"source:{SOURCE_ID}")])
    build(data, root / "first", END)
    build(data, root / "later", LATER)
    return root


def test_a_later_build_day_changes_only_the_banner_and_the_health_page(built_twice):
    first, later = built_twice / "first", built_twice / "later"
    # The later build is 18 days past the newest figure: its pages carry the banner, and say
    # it is the build's.
    home = (later / "en" / "index.html").read_text(encoding="utf-8")
    assert "jd-banner" in home and "when the site was built" in home
    assert "more than 7 days before the day the site was built" in home  # 18 days: more than a week
    assert "jd-banner" not in (first / "en" / "index.html").read_text(encoding="utf-8")
    health = (later / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert "also depends on the day the site was built" in health and "18 days before 8 Dec 2026" in health
    same_day = (first / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert "(the day the site was built, 20 Nov 2026)" in same_day and "0 days before" not in same_day
    a, b = comparable(first), comparable(later)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    record = json.loads((later / "data" / "build.json").read_text(encoding="utf-8"))
    assert record["as_of"] == END.isoformat()
    assert (later / "data" / "jawabdehi-latest.zip").exists()


def test_windows_count_from_the_newest_observation_not_the_build_day(built_twice):
    for site in ("first", "later"):
        with (built_twice / site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
            rows = {r["department_id"]: r for r in csv.DictReader(f)}
        late = rows["late-police"]
        # Counted from the build day, the later build had it 38 days old: stale, and unranked.
        assert late["stale"] == "false" and late["followers_on"] == LATE_FIGURE.isoformat(), site
        assert late["rank_in_category"] and int(late["of_in_category"]) > 1, site
    page = (built_twice / "later" / "en" / "departments" / "late-police" / "index.html").read_text(encoding="utf-8")
    assert "Rank in category across India by followers</dt><dd>" in page and "days old" not in page


def test_badges_show_the_day_of_their_figures(built_twice):
    site = built_twice / "later"
    # A hand-entered figure: the badge names its source, not the collector, and its day.
    for lang, seen in (("en/", "on 31 Oct 2026"), ("", "31 अक्टूबर 2026 को")):
        svg = (site / "badges" / lang / "late-police-x.svg").read_text(encoding="utf-8")
        assert seen in re.search(r"<title>(.*?)</title>", svg).group(1), lang
        assert seen in " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg)), lang
        assert ("per jawabdehi synth" if lang else "jawabdehi synth के अनुसार") in svg
    # The collector's own figures are Jawabdehi's.
    assert any("Jawabdehi, seen on 20 Nov 2026" in p.read_text(encoding="utf-8")
               for p in (site / "badges" / "en").glob("*.svg"))


def test_the_bundled_data_builds_the_same_on_any_later_day(tmp_path):
    # Its newest dated row is a channel checked on 25 Nov 2026; its newest figure is from 2023.
    newest = date(2026, 11, 25)
    for name, day in (("first", newest), ("later", newest + timedelta(days=18))):
        build(DATA, tmp_path / name, day)
    assert comparable(tmp_path / "first") == comparable(tmp_path / "later")
    badge = (tmp_path / "later" / "badges" / "en" / "gorakhpur-police-x.svg").read_text(encoding="utf-8")
    # The article gives the year, not the day (sources.csv date_precision): so does the badge.
    title = re.search(r"<title>(.*?)</title>", badge).group(1)
    assert "2017" in title and "Jul 2017" not in title


def as_of(data: Path, day: date) -> date | None:
    return data_as_of(load_dataset(data), day.isoformat())


def test_the_as_of_date_is_the_newest_observation_then_the_newest_dated_row(tmp_path):
    account = [{"department_id": "dept-a", "platform": "x", "official": "yes"}]
    data = make_data(tmp_path / "a", [DEPT], account, [
        snapshot("dept-a", "2026-11-01", followers=10), snapshot("dept-a", "2026-11-05", followers=12),
        snapshot("dept-a", "2026-11-09", state="error")])
    # A hand-entered figure moves it like a collected one; a failed lookup does not; rows after
    # the build's --as-of are left out.
    assert as_of(data, date(2026, 12, 31)) == date(2026, 11, 5)
    assert as_of(data, date(2026, 11, 3)) == date(2026, 11, 1)
    model = build_model(load_dataset(data), Config(), date(2027, 6, 1))
    assert model.as_of == date(2026, 11, 5) and model.built_on == date(2027, 6, 1)
    assert model.handles.loc[0, "observation_age_days"] == 0 and model.health.banner
    only_errors = make_data(tmp_path / "b", [DEPT], account, [snapshot("dept-a", "2026-11-09", state="error")])
    assert as_of(only_errors, date(2026, 12, 31)) == date(2026, 11, 9)
    nothing = make_data(tmp_path / "c", [DEPT], account)
    assert as_of(nothing, date(2026, 12, 31)) is None


def test_a_past_night_rebuilt_is_that_night_as_its_data_showed_it(tmp_path, built_twice):
    """Built as of an earlier night, the later nights' rows are left out as they are read,
    and the site is the one the data of that night alone gives."""
    earlier = END - timedelta(days=5)
    data = built_twice / "data"
    trimmed = tmp_path / "data"
    shutil.copytree(data, trimmed)
    for night in (trimmed / paths.SNAPSHOTS).rglob("*.csv"):
        if night.stem > earlier.isoformat():
            night.unlink()
    for run in (trimmed / paths.RUNS).rglob("*.json") if (trimmed / paths.RUNS).is_dir() else ():
        if run.stem > earlier.isoformat():
            run.unlink()
    build(data, tmp_path / "past", earlier)
    build(trimmed, tmp_path / "alone", earlier)
    past, alone = comparable(tmp_path / "past"), comparable(tmp_path / "alone")
    assert past.keys() == alone.keys()
    assert [name for name in past if past[name] != alone[name]] == [MARKER]


def test_the_banner_says_how_old_in_steps_that_do_not_change_every_night():
    assert [banner_days(d) for d in (3, 7, 8, 30, 31, 366, 367, 1237, 2000)] == [2, 2, 7, 7, 30, 30, 366, 1098, 1830]
