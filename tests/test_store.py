"""The store of parsed nightly files: the same frames as the files, never trusted blindly."""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from generator import paths, pipeline, schema
from generator.cli import main
from generator.config import load_config
from generator.problems import DataError
from generator.publish import build as build_site
from generator.publish import engine
from generator.render import downloads
from generator.render.downloads import CsvRows, nightly_archives
from generator.store import archive
from generator.store.lines import REF
from generator.store.load import load_dataset
from generator.synth import synthesize

from .helpers import REPO, tree_bytes, write_csv

END = date(2026, 3, 31)
TABLES = ("snapshots", "replies", "complaints", "accounts")


def fresh_copy(factory, name: str, accounts: int, days: int) -> Path:
    """A data folder of its own, copied from one synthesised once per run."""
    template = factory.getbasetemp() / f"{name}-template"
    if not template.exists():
        synthesize(template, accounts, days, end=END)
    out = factory.mktemp(name) / "data"
    shutil.copytree(template, out)
    return out


@pytest.fixture
def data(tmp_path_factory) -> Path:
    return with_manual_report(fresh_copy(tmp_path_factory, "store", 30, 20))


def with_manual_report(out: Path) -> Path:
    """The data folder with a hand-edited file, quoted as a spreadsheet saves it: read by the
    exact reader, never stored."""
    dept = (out / paths.ACCOUNTS_CSV).read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    manual = out / paths.MANUAL / "report.csv"
    manual.parent.mkdir(parents=True)
    with manual.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(
            [schema.SNAPSHOT.names, [dept, "x", "2025-06-01", "", "", "1200", "", "", "", "ok", "manual",
                                     "https://example.org/report"]])
    return out


def nights(data: Path) -> list[Path]:
    return sorted((data / paths.SNAPSHOTS / "x").glob("*.csv"))


def nightly_files(data: Path) -> int:
    return len(nights(data)) + len(list((data / paths.REPLIES).rglob("*.csv")))


def entries(store: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree_bytes(store).items() if k.endswith(archive.SUFFIX)}


def as_read(ds) -> dict[str, pd.DataFrame]:
    """The dataset's tables with each row's line as read in place of its number (numbers
    depend on the order the lines were collected in)."""
    out = {}
    for name in TABLES:
        frame = getattr(ds, name)
        if REF in frame:
            frame = frame.assign(**{REF: ds.lines.texts(frame[REF].to_numpy())})
        out[name] = frame
    return out


def assert_same(a, b) -> None:
    left, right = as_read(a), as_read(b)
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True)
    assert [line is None for line in left["snapshots"][REF]].count(False) > 0


def test_frames_from_the_store_equal_frames_from_the_files(data, tmp_path):
    store = tmp_path / "store"
    from_files = load_dataset(data)
    cold = load_dataset(data, store=store)
    assert len(entries(store)) == nightly_files(data)  # never the hand-edited files
    warm = load_dataset(data, store=store)
    assert_same(from_files, cold)
    assert_same(from_files, warm)
    assert set(warm.snapshots["source"]) == {"x-api", "manual"}


def test_a_warm_load_reads_no_stored_file_again(data, tmp_path, monkeypatch):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    parsed = []
    real = archive.read_tables
    monkeypatch.setattr(archive, "read_tables",
                        lambda files, table, **kw: parsed.append(files) or real(files, table, **kw))
    load_dataset(data, store=store)
    assert parsed == [sorted((data / paths.MANUAL).glob("*.csv"))]  # hand-edited files only


def test_a_build_reads_each_nightly_file_once(data, tmp_path, monkeypatch):
    """The digest the build's inputs key took of a file is the one the store is checked
    against: a warm night does not read years of files a second time."""
    store = tmp_path / "store"
    pipeline.build(REPO, data, tmp_path / "site", END, store=store, stop_after="load")
    reads = []
    real, real_within = Path.read_bytes, pipeline.read_within
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real(self))
    # The inputs' key reads each file through no link (generator.within), the rest as paths.
    monkeypatch.setattr(pipeline, "read_within",
                        lambda root, rel, *a: reads.append(Path(root) / rel) or real_within(root, rel, *a))
    pipeline.build(REPO, data, tmp_path / "site", END, store=store, stop_after="load")
    nightly = sorted(p for p in reads if paths.SNAPSHOTS in p.parts and p.suffix == ".csv")
    assert nightly == nights(data)


def test_the_newest_night_may_change_and_is_read_again(data, tmp_path):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    newest = nights(data)[-1]
    newest.write_text(newest.read_text(encoding="utf-8").replace(",ok,", ",error,", 1), encoding="utf-8")
    warm = load_dataset(data, store=store)
    assert_same(load_dataset(data), warm)
    assert (warm.snapshots["state"] == "error").sum() >= 1


def test_an_older_night_that_changed_is_refused_until_the_store_is_rebuilt(data, tmp_path):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    older = nights(data)[3]
    older.write_text(older.read_text(encoding="utf-8").replace(",ok,", ",error,", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data, store=store)
    [problem] = caught.value.problems
    assert problem.file == str(older) and "changed since it was stored" in problem.message
    assert "--rebuild-store" in problem.message
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--store", str(store), "--no-audit"])
    assert result.exit_code != 0 and "changed since it was stored" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--store", str(store), "--no-audit",
                                       "--rebuild-store"])
    assert result.exit_code == 0, result.output
    assert_same(load_dataset(data), load_dataset(data, store=store))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "other-version", "empty"])
def test_a_damaged_or_foreign_store_is_rebuilt_not_trusted(data, tmp_path, damage, monkeypatch):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    if damage == "other-version":
        monkeypatch.setattr(archive, "__version__", "0.0.0-other")
    for path in sorted(store.rglob(f"*{archive.SUFFIX}"))[::3]:
        raw = path.read_bytes()
        if damage == "truncated":
            path.write_bytes(raw[: len(raw) // 2])
        elif damage == "flipped":
            path.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
        elif damage == "garbage":
            path.write_bytes(b"\x93NUMPY" + raw[6:])
        elif damage == "empty":
            path.write_bytes(b"")
    assert_same(load_dataset(data), load_dataset(data, store=store))
    kept = archive.Store(store, data)  # every entry was written again
    assert all(kept.get(p.relative_to(data).as_posix(), schema.SNAPSHOT) for p in nights(data))


def test_problems_in_a_new_night_are_reported_as_without_a_store(data, tmp_path):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    bad = data / paths.SNAPSHOTS / "x" / "2026-04-01.csv"
    write_csv(bad, schema.SNAPSHOT, [{"department_id": "nobody", "platform": "x", "date": "2026-04-01",
                                      "followers": "many", "state": "ok", "source": "x-api"}])
    problems = []
    for kept in (None, store):
        with pytest.raises(DataError) as caught:
            load_dataset(data, store=kept)
        problems.append(caught.value.problems)
    assert problems[0] == problems[1]
    assert {(p.file, p.line, p.column) for p in problems[1]} >= {(str(bad), 2, "followers")}
    assert not any("2026-04-01" in k for k in entries(store))  # a file with a problem is never stored


def test_rows_that_fail_a_check_of_their_own_file_are_never_stored_and_refused_on_every_load(data, tmp_path):
    # Rows checked once, as their file is parsed: a file failing the check must stay out of the
    # store, or a later load would take its rows without checking them.
    store = tmp_path / "store"
    load_dataset(data, store=store)
    bad = data / paths.SNAPSHOTS / "x" / "2026-04-01.csv"
    dept = (data / paths.ACCOUNTS_CSV).read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    row = {"department_id": dept, "platform": "x", "state": "ok", "source": "x-api", "followers": "10"}
    write_csv(bad, schema.SNAPSHOT, [{**row, "date": "2026-04-01", "last_post_at": "2026-04-02T00:00:00Z"},
                                     {**row, "date": "2026-03-31"}])
    found = []
    for kept in (None, store, store):
        with pytest.raises(DataError) as caught:
            load_dataset(data, store=kept)
        found.append({(p.file, p.line, p.column, p.message) for p in caught.value.problems})
    assert found[0] == found[1] == found[2]
    assert found[2] >= {(str(bad), 2, "last_post_at", "is after the observation date"),
                        (str(bad), 3, "date", "2026-03-31 in the file for 2026-04-01")}
    assert not any("2026-04-01" in k for k in entries(store))
    write_csv(bad, schema.SNAPSHOT, [{**row, "date": "2026-04-01", "last_post_at": "2026-04-01T09:00:00Z"}])
    load_dataset(data, store=store)
    assert any("2026-04-01" in k for k in entries(store))  # a sound night is stored


def test_entries_of_deleted_files_are_dropped(data, tmp_path):
    store = tmp_path / "store"
    load_dataset(data, store=store)
    nights(data)[-1].unlink()
    load_dataset(data, store=store)
    assert len(entries(store)) == nightly_files(data)


def test_a_site_built_from_a_warm_store_is_byte_identical_to_one_from_the_files(tmp_path, restored_built, restored):
    # The restored site was built with an empty store (from the files), which that build filled.
    data, store, cold, _, _ = restored
    warm = pipeline.build(REPO, data, tmp_path / "warm", END, store=store)
    assert restored_built[2] == warm.line()  # the cold build's line
    assert tree_bytes(cold) == tree_bytes(tmp_path / "warm")


def test_lines_as_read_come_back_whole_in_any_order_and_run():
    from generator.store.lines import LinesBuilder
    builder = LinesBuilder()
    first = builder.add_joined("a,1\nक,२\n\nlast".encode())
    quoted = builder.add(['x,"two\nlines"', "y,ऊ"])
    empty = builder.add([])
    lines = builder.done()
    assert (first, quoted, empty, len(lines)) == (0, 4, 6, 6)
    assert lines.texts([5, -1, 1, 2, 4, 1]) == ["y,ऊ", None, "क,२", "", 'x,"two\nlines"', "क,२"]
    assert lines.texts([0]) == ["a,1"] and lines.texts([]) == []
    # Consecutive numbers are copied as one run; any other order line by line.
    assert lines.joined([0, 1, 2, 3, 4, 5]) == 'a,1\nक,२\n\nlast\nx,"two\nlines"\ny,ऊ\n'
    assert lines.joined([5, 0, 3, 4]) == 'y,ऊ\na,1\nlast\nx,"two\nlines"\n'
    assert lines.joined([]) == "" and LinesBuilder().done().texts([-1, -1]) == [None, None]


def test_lines_are_read_from_their_file_never_mapped_and_whole_when_a_read_stops_short(monkeypatch):
    """A mapped page counts against the build, and a system caching files in large blocks
    maps a whole block for each line touched (414 MB at 10,000 accounts x 365 nights): the
    scratch file is read span by span, and a read the system cuts short is read on."""
    from generator.store import lines as lines_module
    builder = lines_module.LinesBuilder()
    rows = [f"row {i}," + "क" * (i % 700) for i in range(3000)]  # about 3 MB
    builder.add(rows)
    lines = builder.done()
    picked = list(range(5, 3000, 97))
    assert lines.joined(picked) == "".join(rows[i] + "\n" for i in picked)
    scratch = os.readlink(f"/proc/self/fd/{lines._spill.fileno()}").removesuffix(" (deleted)")
    with open("/proc/self/maps", encoding="utf-8") as maps:
        assert scratch not in maps.read()
    pread = os.pread
    monkeypatch.setattr(lines_module.os, "pread", lambda fd, size, at: pread(fd, min(size, 7), at))
    assert lines.joined(picked) == "".join(rows[i] + "\n" for i in picked)
    assert lines.texts([2999, -1, 0]) == [rows[2999], None, rows[0]]


# --- a night's archive, compressed once --------------------------------------------------------

def night_model(data: Path, store: Path | None, as_of: date = END) -> pipeline.SiteModel:
    """The model a build of `data` as of `as_of` computes."""
    return pipeline.compute(pipeline.load(data, store, as_of, cfg=load_config(data)), as_of)


def archives(data: Path, store: Path | None, as_of: date = END, model: pipeline.SiteModel | None = None,
             ) -> dict[str, bytes]:
    """The nights' archives of a build of `data` as of `as_of`, made with the store's `Made`.
    `model`: the one `night_model` gave for the same data, store and date, for a test making
    them again while the nights stay as they are (what is kept for them is all that changes,
    and a load and computation cost half a second each time)."""
    model = night_model(data, store, as_of) if model is None else model
    made = archive.Made(archive.Store(store, data)) if store is not None else None
    rows = CsvRows(model.snapshots, schema.SNAPSHOT, model.lines)
    return {path: content for path, content in nightly_archives(model, rows, made) if path.endswith(".gz")}


def made_entries(store: Path) -> list[Path]:
    return sorted(store.rglob(f"{archive.MADE}/**/*{archive.SUFFIX}"))


def test_a_nights_archive_is_compressed_once_and_given_back_only_while_it_can_be_trusted(data, tmp_path,
                                                                                           monkeypatch):
    store = tmp_path / "store"
    reference = archives(data, None)
    model = night_model(data, store)
    assert len(reference) == len(nights(data)) and archives(data, store, model=model) == reference
    kept = made_entries(store)
    assert len(kept) == len(reference)
    compressed = []
    real = gzip.compress
    monkeypatch.setattr(downloads.gzip, "compress", lambda *a, **k: compressed.append(1) or real(*a, **k))
    assert archives(data, store, model=model) == reference and compressed == []
    # A kept archive damaged, and one given another night's bytes: neither is trusted.
    damaged = bytearray(kept[0].read_bytes())
    damaged[-1] ^= 1
    kept[0].write_bytes(bytes(damaged))
    kept[2].write_bytes(kept[1].read_bytes())
    assert archives(data, store, model=model) == reference and len(compressed) == 2
    assert archives(data, store, model=model) == reference and len(compressed) == 2  # made again and kept again
    # Kept under the right key, but not this night's text compressed as this build would:
    # other rows, or the same rows with a date in the header, are made again.
    made = archive.Made(archive.Store(store, data))
    first, second = sorted(reference)[:2]
    key = archive._unpack(made._path(first).read_bytes())[0]["source"]
    made.put(first, key, real(b"forged,rows\n", 1, mtime=0))
    key = archive._unpack(made._path(second).read_bytes())[0]["source"]
    made.put(second, key, real(gzip.decompress(reference[second]), 1, mtime=86400))
    assert archives(data, store, model=model) == reference and len(compressed) == 4
    # A night no longer archived (here: after the as-of date) is let go.
    earlier = date.fromisoformat(nights(data)[-3].stem)
    assert len(archives(data, store, earlier)) == len(made_entries(store)) == len(nights(data)) - 2


def test_a_night_with_a_row_not_as_read_is_made_again_and_never_kept(data, tmp_path):
    store = tmp_path / "store"
    model = night_model(data, store)
    night = str(nights(data)[-1])
    refs = model.snapshots[REF].copy()
    refs[(model.snapshots["_file"] == night).to_numpy()] = -1  # as a cell held back leaves them
    model = replace(model, snapshots=model.snapshots.assign(**{REF: refs}))
    made = archive.Made(archive.Store(store, data))
    rows = CsvRows(model.snapshots, schema.SNAPSHOT, model.lines)
    made_now = dict(nightly_archives(model, rows, made))
    name = f"archive/{END.isoformat()}/snapshots-x.csv.gz"
    assert made_now[name] == archives(data, None)[name]  # the same rows, formatted rather than as read
    assert len(made_entries(store)) == len(nights(data)) - 1
    assert not list(store.glob(f"*/{archive.MADE}/{name}{archive.SUFFIX}"))


def test_what_was_made_is_given_back_only_under_the_key_it_was_made_with(data, tmp_path):
    """The store itself refuses bytes made under another key (another night's rows, another
    setting), not only the maker's own check of what it gets back."""
    made = archive.Made(archive.Store(tmp_path / "store", data))
    made.put("archive/2026-11-19/snapshots-x.csv.gz", "digest-of-the-night", b"made from that night")
    assert made.get("archive/2026-11-19/snapshots-x.csv.gz", "digest-of-the-night") == b"made from that night"
    assert made.get("archive/2026-11-19/snapshots-x.csv.gz", "digest-of-another-night") is None
    assert made.get("archive/2026-11-20/snapshots-x.csv.gz", "digest-of-the-night") is None


def test_what_is_kept_is_never_read_or_deleted_through_a_link_a_pipe_or_a_folder(data, tmp_path):
    store = tmp_path / "store"
    reference = archives(data, None)
    model = night_model(data, store)
    archives(data, store, model=model)
    made = archive.Made(archive.Store(store, data))
    name = sorted(reference)[0]
    made._path(name).unlink()
    os.mkfifo(made._path(name))  # read, it would be waited on for ever
    old = made._path("archive/2001-01-01/snapshots-x.csv.gz")
    old.mkdir(parents=True)  # a folder where an entry no longer published would be
    assert archives(data, store, model=model) == reference
    assert old.is_dir()
    # A `made` folder that is a link is neither read nor emptied.
    elsewhere = tmp_path / "elsewhere"
    made.root.rename(elsewhere)
    made.root.symlink_to(elsewhere, target_is_directory=True)
    kept = sorted(elsewhere.rglob(f"*{archive.SUFFIX}"))
    assert archives(data, store, date.fromisoformat(nights(data)[-3].stem)) == {
        k: v for k, v in reference.items() if k.split("/")[1] <= nights(data)[-3].stem}
    assert sorted(elsewhere.rglob(f"*{archive.SUFFIX}")) == kept


def test_a_night_run_again_during_a_build_is_stored_as_parsed(data, tmp_path):
    """The digest the inputs key took moments before is of the bytes then: a night written
    again since is stored, and its archive kept, under the digest of the bytes parsed."""
    store = tmp_path / "store"
    night = nights(data)[-1]
    before = archive.digest(night.read_bytes())
    lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
    night.write_text("".join(lines[:-1]), encoding="utf-8")  # the run again lost an account's row
    after = archive.digest(night.read_bytes())
    inputs = pipeline.load(data, store, END, known={str(night): before}, cfg=load_config(data))
    assert inputs.dataset.digests[str(night)] == after
    entry = archive.Store(store, data).get(night.relative_to(data).as_posix(), schema.SNAPSHOT)
    assert entry is not None and entry.digest == after


# --- months that are over, joined into one entry ----------------------------------------------

@pytest.fixture
def months(tmp_path_factory) -> Path:
    """Nights from mid-January to the end of March: January and February are over."""
    return fresh_copy(tmp_path_factory, "months", 12, 75)


def stored_names(store: Path) -> list[str]:
    """Each entry as `<folder>/<platform>/<name>`, without the data folder's own folder."""
    return sorted(p.relative_to(store).as_posix().split("/", 1)[1].removesuffix(archive.SUFFIX)
                  for p in store.rglob(f"*{archive.SUFFIX}"))


def night_of(data: Path, day: str) -> Path:
    return data / paths.SNAPSHOTS / "x" / f"{day}.csv"


def test_a_month_that_is_over_is_one_entry_and_gives_the_same_rows(months, tmp_path, monkeypatch):
    store = tmp_path / "store"
    from_files = load_dataset(months)
    cold = load_dataset(months, store=store)
    names = stored_names(store)
    assert {"snapshots/x/2026-01.month", "snapshots/x/2026-02.month"} <= set(names)
    assert not any(n.startswith(("snapshots/x/2026-01-", "snapshots/x/2026-02-")) for n in names)
    assert sum(n.startswith("snapshots/x/2026-03-") for n in names) == 31  # the month still going on
    parsed = []
    real = archive.read_tables
    monkeypatch.setattr(archive, "read_tables",
                        lambda files, table, **kw: parsed.append(files) or real(files, table, **kw))
    warm = load_dataset(months, store=store)
    assert parsed == []
    assert_same(from_files, cold)
    assert_same(from_files, warm)
    assert stored_names(store) == names
    # A night's own entry left beside its month (a build stopped while joining it) goes.
    night = night_of(months, "2026-01-20")
    frame, _ = real([night], schema.SNAPSHOT)
    archive.Store(store, months).put(archive.Entry("snapshots/x/2026-01-20.csv", archive.digest(night.read_bytes()),
                                                   archive.encode(frame, schema.SNAPSHOT)), schema.SNAPSHOT)
    assert "snapshots/x/2026-01-20.csv" in stored_names(store)
    assert_same(from_files, load_dataset(months, store=store))
    assert stored_names(store) == names


def test_a_changed_night_of_a_joined_month_is_refused(months, tmp_path):
    store = tmp_path / "store"
    load_dataset(months, store=store)
    older = night_of(months, "2026-02-10")
    older.write_text(older.read_text(encoding="utf-8").replace(",ok,", ",error,", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(months, store=store)
    [problem] = caught.value.problems
    assert problem.file == str(older) and "changed since it was stored" in problem.message


def test_a_month_whose_nights_are_not_the_ones_it_lists_is_read_again_and_joined_anew(months, tmp_path):
    store = tmp_path / "store"
    gone = night_of(months, "2026-01-20")
    kept_aside = gone.read_bytes()
    gone.unlink()
    load_dataset(months, store=store)
    gone.write_bytes(kept_aside)  # a night collected late, or restored from a backup
    assert_same(load_dataset(months), load_dataset(months, store=store))
    joined = archive.Store(store, months).get_month("snapshots/x", "2026-01", schema.SNAPSHOT)
    assert "snapshots/x/2026-01-20.csv" in [rel for rel, *_ in joined.files]
    night_of(months, "2026-01-25").unlink()
    assert_same(load_dataset(months), load_dataset(months, store=store))
    joined = archive.Store(store, months).get_month("snapshots/x", "2026-01", schema.SNAPSHOT)
    assert "snapshots/x/2026-01-25.csv" not in [rel for rel, *_ in joined.files]


def test_a_month_is_joined_once_the_next_month_begins(months, tmp_path):
    store = tmp_path / "store"
    march = sorted((months / paths.SNAPSHOTS / "x").glob("2026-03-*.csv"))
    aside = {path: path.read_bytes() for path in march}
    for path in march:
        path.unlink()
    load_dataset(months, store=store)
    assert "snapshots/x/2026-02.month" not in stored_names(store)  # February was the newest month
    for path, raw in aside.items():
        path.write_bytes(raw)
    assert_same(load_dataset(months), load_dataset(months, store=store))
    assert "snapshots/x/2026-02.month" in stored_names(store)


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other-month"])
def test_a_damaged_month_is_read_again_from_the_files(months, tmp_path, damage):
    store = tmp_path / "store"
    load_dataset(months, store=store)
    [january] = store.rglob(f"2026-01{archive.MONTH}{archive.SUFFIX}")
    [february] = store.rglob(f"2026-02{archive.MONTH}{archive.SUFFIX}")
    raw = january.read_bytes()
    if damage == "truncated":
        january.write_bytes(raw[: len(raw) // 2])
    elif damage == "flipped":
        january.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    else:
        january.write_bytes(february.read_bytes())  # whole, but another month's
    assert_same(load_dataset(months), load_dataset(months, store=store))
    assert archive.Store(store, months).get_month("snapshots/x", "2026-01", schema.SNAPSHOT) is not None


def spoil(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(",ok,", ",error,", 1), encoding="utf-8")


def refused(data: Path, store: Path) -> set[str]:
    """The files a load refuses as changed since stored (a load that passes refuses none)."""
    try:
        load_dataset(data, store=store)
    except DataError as caught:
        return {Path(p.file).name for p in caught.problems if "changed since it was stored" in p.message}
    return set()


def test_a_night_refused_as_changed_is_not_stored_in_its_changed_form(months, tmp_path):
    """Edited, an older night is refused; its edited rows must not be stored, or once it is
    restored (and its month's entry lost) it is refused against its own edited copy."""
    store = tmp_path / "store"
    load_dataset(months, store=store)
    night = night_of(months, "2026-02-10")
    original = night.read_bytes()
    spoil(night)
    assert refused(months, store) == {night.name}
    night.write_bytes(original)
    for month in store.rglob(f"*{archive.MONTH}{archive.SUFFIX}"):
        month.write_bytes(b"")  # the months' entries lost: their nights are read one by one
    assert refused(months, store) == set()
    assert_same(load_dataset(months), load_dataset(months, store=store))


def test_a_joined_month_whose_newest_night_ran_again_is_let_go(months, tmp_path):
    # February joined; its last night then became the newest (March removed) and ran again.
    store = tmp_path / "store"
    load_dataset(months, store=store)
    march = {p: p.read_bytes() for p in (months / paths.SNAPSHOTS / "x").glob("2026-03-*.csv")}
    for path in march:
        path.unlink()
    spoil(night_of(months, "2026-02-28"))
    assert_same(load_dataset(months), load_dataset(months, store=store))
    for path, raw in march.items():
        path.write_bytes(raw)
    assert_same(load_dataset(months), load_dataset(months, store=store))  # not refused when March is back


def test_a_changed_night_is_refused_even_when_its_month_also_gained_or_lost_a_night(months, tmp_path):
    store = tmp_path / "store"
    load_dataset(months, store=store)
    spoil(night_of(months, "2026-01-18"))
    night_of(months, "2026-01-25").unlink()
    assert refused(months, store) == {"2026-01-18.csv"}
    assert refused(months, store) == {"2026-01-18.csv"}  # until the store is rebuilt on purpose


def test_a_file_not_named_by_a_day_neither_splits_a_month_nor_is_the_newest_night(months, tmp_path):
    store = tmp_path / "store"
    header = night_of(months, "2026-01-20").read_text(encoding="utf-8").splitlines()[0] + "\n"
    for name in ("2026-01-20b.csv", "notes.csv"):  # no rows: sound, and never stored
        (months / paths.SNAPSHOTS / "x" / name).write_text(header, encoding="utf-8")
    load_dataset(months, store=store)
    assert_same(load_dataset(months), load_dataset(months, store=store))
    names = stored_names(store)
    # January, split by a file sorting among its nights, keeps its nights apart; March goes on.
    assert "snapshots/x/2026-01.month" not in names and "snapshots/x/2026-02.month" in names
    assert "snapshots/x/2026-03.month" not in names
    spoil(night_of(months, "2026-03-31"))  # the newest night, run again
    assert_same(load_dataset(months), load_dataset(months, store=store))
    spoil(night_of(months, "2026-01-18"))
    spoil(night_of(months, "2026-01-25"))
    assert refused(months, store) == {"2026-01-18.csv", "2026-01-25.csv"}


def test_a_night_taken_down_is_read_again_not_refused_and_a_hand_edit_still_is(months, tmp_path):
    """A takedown rewrites an older night on purpose: the store of the nightly workflow, which
    holds the night's earlier rows in a joined month, must read it again rather than stop
    every night after it (and leave the value online); its ledger says which file and bytes."""
    from generator.publish.takedown import take_down

    store = tmp_path / "store"
    load_dataset(months, store=store)
    load_dataset(months, store=store)  # January and February joined
    night = night_of(months, "2026-01-20")
    notes = take_down(night, 2, "source_url", date(2026, 4, 2), None, lambda: None, months)
    assert any(paths.TAKEDOWN_LEDGER in note for note in notes)
    loaded = load_dataset(months, store=store)
    rows = loaded.snapshots[loaded.snapshots["_file"] == str(night)]
    assert (rows.loc[rows["_line"] == 2, "source_url"] == "https://withdrawn.invalid/2026-04-02").all()
    assert_same(load_dataset(months), loaded)
    # A night changed by hand, with no line in the ledger, is still refused.
    other = night_of(months, "2026-01-21")
    other.write_text(other.read_text(encoding="utf-8").replace("x-api", "x-api ", 1), encoding="utf-8")
    with pytest.raises(DataError, match="changed since it was stored"):
        load_dataset(months, store=store)
    (months / paths.TAKEDOWN_LEDGER).write_text("snapshots/x/2026-01-21.csv not-a-digest\n", encoding="utf-8")
    with pytest.raises(DataError, match="sha256"):
        load_dataset(months)



def test_a_file_written_before_an_optional_column_was_added_reads_as_if_it_were_blank(tmp_path):
    """complaints.csv gained `bound`: files without it read as before, by the fast reader, and
    the lines the downloads reuse are as wide as the table's columns."""
    from generator import schema
    from generator.store.csvio import read_table
    old = ",".join(n for n in schema.COMPLAINTS.names if n != "bound")
    row = "dept-a,x,2026-01-01,2026-01-31,20,12,,3,,,,,manual,https://example.org/a"
    (tmp_path / "old.csv").write_text(f"{old}\n{row}\n", encoding="utf-8")
    (tmp_path / "new.csv").write_text(f"{old},bound\n{row},\n", encoding="utf-8")
    before, problems = read_table(tmp_path / "old.csv", schema.COMPLAINTS)
    after, more = read_table(tmp_path / "new.csv", schema.COMPLAINTS)
    assert problems == more == []
    assert list(before["_text"]) == list(after["_text"]) == [row + ","]  # the fast reader's own lines
    assert before.drop(columns="_file").equals(after.drop(columns="_file"))
    assert before["bound"].isna().all()


def poison(entry: Path) -> None:
    """Rewrite a stored night as a cache written by another workflow could: every follower
    count times ten, the entry whole and its digest matching its arrays."""
    meta, arrays = archive._unpack(entry.read_bytes())
    arrays = {**arrays, "followers:values": arrays["followers:values"] * 10}
    entry.write_bytes(archive._pack({k: v for k, v in meta.items() if k not in ("arrays", "payload")}, arrays))


def test_a_restored_store_or_site_that_the_site_online_was_not_built_with_is_not_trusted(tmp_path, restored):
    """Caches are shared by every workflow of a repository: the nightly keeps a restored store
    and site only when they are what the record of the site online (fetched from it) names."""
    data, store, out, online, clean = restored
    assert json.loads(online.read_text())["store"] == archive.store_digest(store)

    def again(record: Path) -> list[str]:
        return pipeline.build(REPO, data, out, END, pipeline.Options(online_record=record), store=store).notes

    # What the site online left: both kept (a night with nothing new reuses the site whole).
    before = entries(store)
    notes = again(online)
    assert not [n for n in notes if "not the one" in n or "trusted" in n] and entries(store) == before

    # A store whose rows were rewritten, self-consistently: read as it is, the figures change.
    entry = max(store.rglob(f"snapshots/x/*{archive.SUFFIX}"))
    poison(entry)
    assert not load_dataset(data, store=store).snapshots.equals(load_dataset(data).snapshots)
    # A page of the restored site rewritten, with its digest in the restored record.
    page = out / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Jawabdehi", "Poisoned"), encoding="utf-8")
    manifest = json.loads((out / build_site.MARKER).read_text())
    manifest["bytes"]["en/index.html"] = engine.file_digest(page.read_bytes())
    (out / build_site.MARKER).write_text(json.dumps(manifest, sort_keys=True))
    notes = again(online)
    assert "the restored site is not the one online: built in full" in notes
    assert any("store of parsed nights is not the one the site online left" in n for n in notes)
    assert "Poisoned" not in page.read_text(encoding="utf-8")
    assert_same(load_dataset(data), load_dataset(data, store=store))
    assert (out / "data" / "handles.csv").read_bytes() == clean

    # No record (the site online did not answer): nothing restored is trusted.
    nothing = tmp_path / "nothing.json"
    nothing.write_text("{}")
    notes = again(nothing)
    assert "the restored site is not the one online: built in full" in notes
    assert any("read from the files" in n for n in notes)
    again(tmp_path / "missing.json")  # unreadable: the same, not a traceback


@pytest.fixture(scope="module")
def restored_built(tmp_path_factory) -> tuple[Path, Path, str]:
    """What `restored` gives, built once per module in a folder of its own (`place`) with an
    empty store, a copy of that folder as built (`template`), and the build's summary line.
    Three departments over the twenty nights: its tests rebuild the site in full once or more
    each (a department's pages cost each build), and what they check (what is trusted, what is
    read and built again) is the same for any number of departments and rows."""
    place = tmp_path_factory.getbasetemp() / "restored"
    data = with_manual_report(Path(shutil.copytree(fresh_copy(tmp_path_factory, "restored", 3, 20), place / "data")))
    out = place / "public"
    cold = pipeline.build(REPO, data, out, END, store=place / "cache" / "history")
    (place / "online.json").write_bytes((out / build_site.MARKER).read_bytes())
    template = tmp_path_factory.mktemp("restored-template") / "restored"
    shutil.copytree(place, template, symlinks=True)
    return place, template, cold.line()


@pytest.fixture
def restored(restored_built):
    """A data folder, and a site and store built from it as the nightly restores them, the site
    online's record beside them: (data, store, site, record, the site's handles.csv as built).
    The store is keyed by the data folder's absolute path, so each test gets the folder built
    once back at the same place (a copy elsewhere would match no entry of the store), put back
    as built whatever the test before it changed there; a build takes seconds, a copy a tenth."""
    place, template, _ = restored_built
    shutil.rmtree(place)
    shutil.copytree(template, place, symlinks=True)
    out = place / "public"
    return place / "data", place / "cache" / "history", out, place / "online.json", \
        (out / "data" / "handles.csv").read_bytes()


def build_trusting(data, out, store, online) -> list[str]:
    return pipeline.build(REPO, data, out, END, pipeline.Options(online_record=online), store=store).notes


def test_a_store_that_is_a_link_is_removed_not_followed(tmp_path_factory, tmp_path, restored):
    """A cache holding the store as a link to rows forged elsewhere: rebuilding it must remove
    the link (rmtree of a link does nothing), or the forged rows are published."""
    data, store, out, online, clean = restored
    forged = tmp_path / "forged"
    shutil.copytree(store, forged)
    poison(max(forged.rglob(f"snapshots/x/*{archive.SUFFIX}")))
    shutil.rmtree(store)
    store.symlink_to(forged, target_is_directory=True)
    notes = build_trusting(data, out, store, online)
    assert any("read from the files" in n for n in notes)
    assert not store.is_symlink() and (out / "data" / "handles.csv").read_bytes() == clean
    # A project's store restored as a file, or a link to nowhere (no online record needed):
    # removed, and the folder read from its files, not a traceback. Any data folder shows it:
    # the smallest builds fastest.
    small = fresh_copy(tmp_path_factory, "unstored", 2, 2)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "site", project / "site")
    (project / "data").mkdir()  # what makes a folder a project; --data names the data used
    default = archive.default_store(project)
    default.parent.mkdir(parents=True)
    for shape in ("file", "dangling"):
        archive.rebuild_store(default)
        default.write_text("x") if shape == "file" else default.symlink_to(tmp_path / "nowhere")
        for command in (["validate", "--no-audit"], ["build", "--out", str(tmp_path / f"site-{shape}")]):
            result = CliRunner().invoke(main, ["--project", str(project), *command, "--data", str(small)])
            assert result.exit_code == 0 and "Traceback" not in result.output, result.output


@pytest.mark.parametrize("shape", ["link to the record", "link to a folder in the site", "pipe", "no record",
                                   "endless"])
def test_a_restored_site_is_set_aside_unless_its_record_is_a_plain_file_equal_to_the_online_one(
        tmp_path, restored, shape):
    """Each shape a cache could give the restored site: set aside (built in full), never read
    through a link, never waited on (a pipe), never read whole (a device), and the audit names
    a link the Pages upload would follow."""
    data, store, out, online, clean = restored
    marker = out / build_site.MARKER
    page = out / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Jawabdehi", "Poisoned"), encoding="utf-8")
    if shape == "link to the record":  # a forged manifest elsewhere, linked: same bytes as online
        manifest = json.loads(online.read_text())
        manifest["bytes"]["en/index.html"] = engine.file_digest(page.read_bytes())
        (out / "data" / "evil.json").write_text(json.dumps(manifest, sort_keys=True))
        marker.unlink()
        marker.symlink_to("data/evil.json")
    elif shape == "link to a folder in the site":
        page.write_text(page.read_text(encoding="utf-8").replace("Poisoned", "Jawabdehi"), encoding="utf-8")
        (tmp_path / "outside").mkdir()
        (tmp_path / "outside" / "leak.csv").write_text("asha.devi@example.in, +91 98111 22333\n")
        (out / "notice").symlink_to(tmp_path / "outside", target_is_directory=True)
        found = CliRunner().invoke(main, ["--project", str(REPO), "audit", "--data", str(data), "--out", str(out)])
        assert found.exit_code == 1 and "notice:0: -: is a link or not a plain file" in found.output
    elif shape == "pipe":
        marker.unlink()
        os.mkfifo(marker)
    elif shape == "no record":
        marker.unlink()
    else:
        marker.unlink()
        marker.symlink_to("/dev/zero")
    notes = build_trusting(data, out, store, online)
    assert "the restored site is not the one online: built in full" in notes
    assert "Poisoned" not in page.read_text(encoding="utf-8") and not (out / "notice").exists()
    assert (out / "data" / "handles.csv").read_bytes() == clean


def test_validate_reads_the_store_and_writes_nothing_to_it(restored):
    """The nightly validates before it builds: a store validate wrote to would no longer be the
    one the site online recorded, and be read again from the files every night."""
    data, store, out, online, clean = restored
    before = archive.store_digest(store)
    nights(data)[-1].unlink()  # a night fewer: a build would prune its entry
    result = CliRunner().invoke(main, ["--project", str(REPO), "validate", "--data", str(data), "--store",
                                       str(store), "--no-audit"])
    assert result.exit_code == 0, result.output
    assert archive.store_digest(store) == before


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no folder can be made")
@pytest.mark.parametrize("kind", ["cannot be made", "writable"])
def test_a_store_that_cannot_be_written_is_said_once_and_the_night_built_all_the_same(tmp_path_factory, tmp_path,
                                                                                      kind):
    """A cache: the night needs none, but its operator, told nothing, expects the next night
    to be fast (and a store with nightly files to write stopped the build with a traceback)."""
    data = fresh_copy(tmp_path_factory, "unstored", 2, 2)
    store = tmp_path / "store" if kind == "writable" else Path("/proc/store")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "site"),
                                       "--store", str(store), "--as-of", END.isoformat()])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "--store" in line]
    if kind == "writable":
        assert said == [] and entries(store), result.output
    else:
        assert said == [f"warning: {store}:0: --store: cannot be made (No such file or directory): choose a folder "
                        "that can be written; every file is read again and none is kept for the next build"]
