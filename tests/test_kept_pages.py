"""A night's build keeps a scorecard whose key did not change instead of rendering it again:
the last build's file, checked against the digest that build recorded, with the night's ranks
put in where that build recorded them. The site must be the one a full build gives.

Every other test builds with CHECK_KEPT set (conftest): every page that would have been kept
is rendered as well and compared with it, so each night any test builds checks that a
scorecard's key covers what the page shows. These tests build without it, to keep pages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from generator import paths
from generator.publish import build as build_module
from generator.publish import engine
from generator.publish.audit import as_dialled, program_values
from generator.publish.build import MARKER, BuildSummary, _audit_covers, audit_digests, audit_record
from generator.publish.engine import CHECK_KEPT, KeptPageError, Last, _Keeper, file_digest, link_if_same
from generator.render import keys, scorecards
from generator.render.page import SLOT
from generator.synth import synthesize

from .helpers import add_next_night, build, thin_night
from .test_incremental import site_files

ACCOUNTS, DAYS = 20, 2
END = pd.Timestamp("2026-11-20").date()
NEXT = END + timedelta(days=1)


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> tuple[Path, Path]:
    """Synthetic departments built on END, and the night after, in which a fifth of the
    accounts were looked up, added to the data: (data, site)."""
    root = tmp_path_factory.mktemp("kept")
    data = synthesize(root / "data", ACCOUNTS, DAYS, seed=7, end=END).out
    with_a_district_office(data)
    build(data, root / "site", END)
    add_next_night(data, root, DAYS, END, ACCOUNTS)
    thin_night(data, NEXT, 5)
    # One account's followers leap: it goes to the top of its category, every one it passes down one.
    night = data / "snapshots" / "x" / f"{NEXT.isoformat()}.csv"
    rows = pd.read_csv(night, dtype=str, keep_default_na=False)
    rows.loc[0, "followers"] = str(int(rows.loc[0, "followers"]) * 1000)
    rows.to_csv(night, index=False, lineterminator="\n")
    return data, root / "site"


def with_a_district_office(data: Path) -> None:
    """Make the last department a district office of its state: synth makes district bodies
    only from its 37th department on, and a folder that small costs every test here two builds'
    time. Its account and figures stay, so district pages are kept and ranked as the others."""
    departments = data / paths.DEPARTMENTS_CSV
    rows = pd.read_csv(departments, dtype=str, keep_default_na=False)
    districts = pd.read_csv(data / paths.DISTRICTS_CSV, dtype=str, keep_default_na=False)
    office = rows.index[-1]
    place = districts[districts["state"] == rows.at[office, "state"]].iloc[0]
    rows.loc[office, ["district", "name_en", "name_hi"]] = [
        place["name_en"], f"Synthetic: District Police, {place['name_en']}", f"कृत्रिम: ज़िला पुलिस, {place['name_hi']}"]
    rows.to_csv(departments, index=False, lineterminator="\n")


def with_record(site: Path, change: Callable[[dict], object]) -> None:
    """Change the record the last build left in `site` (its manifest)."""
    manifest = json.loads((site / MARKER).read_text())
    change(manifest)
    (site / MARKER).write_text(json.dumps(manifest))


def let_one_more_through(manifest: dict) -> None:
    """The last build's audit let through one more handle than tonight's: someone since removed."""
    manifest["audit"]["allowed_sha256"].append(audit_digests(["someone-since-removed"])[0])


def counted_build(data: Path, out: Path, **options) -> tuple[BuildSummary, int]:
    """Build the next night, counting the files and pages the personal-data audit reads
    (audits_counted), under a monkeypatch of its own: the module's fixtures build outside
    any test's."""
    with pytest.MonkeyPatch.context() as mp:
        # As a night builds: pages are kept, not rendered again to be compared.
        mp.delenv(CHECK_KEPT, raising=False)
        count = audits_counted(mp, out.parent / "scans")
        return build(data, out, NEXT, **options), count()


@pytest.fixture(scope="module")
def full_built(first, tmp_path_factory) -> tuple[Path, int]:
    """A full build of the next night, carrying on the first site's pinned files: (its site,
    how many files and pages its audit read)."""
    data, site = first
    out = tmp_path_factory.mktemp("full") / "site"
    return out, counted_build(data, out, incremental=False, pinned_from=site)[1]


@pytest.fixture(scope="module")
def full(full_built) -> dict[str, bytes]:
    """The files of the full build of the next night."""
    return site_files(full_built[0], history=True)


def kept_night(first: tuple[Path, Path], root: Path,
               change: Callable[[dict], object] = lambda manifest: None) -> tuple[Path, BuildSummary, int]:
    """The next night built with pages kept on a copy of the first site whose record `change`
    changed: (its site, its summary, how many files and pages its audit read)."""
    data, site = first
    site = Path(shutil.copytree(site, root / "site"))
    with_record(site, change)
    return site, *counted_build(data, site)


# The next nights below are built once for the tests that only read them.
@pytest.fixture(scope="module")
def kept(first, tmp_path_factory) -> tuple[Path, BuildSummary, int]:
    """The next night on the first site, as the night builds it."""
    return kept_night(first, tmp_path_factory.mktemp("kept-night"))


@pytest.fixture(scope="module")
def rescanned(first, tmp_path_factory) -> tuple[Path, BuildSummary, int]:
    """The next night on the first site, whose record says its audit let one more through."""
    return kept_night(first, tmp_path_factory.mktemp("rescanned"), let_one_more_through)


@pytest.fixture
def night(first, tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the first site to build the next night on, with pages kept."""
    data, site = first
    monkeypatch.delenv(CHECK_KEPT, raising=False)
    shutil.copytree(site, tmp_path / "site")
    return data, tmp_path / "site"


def page_keys(site: Path) -> dict[str, str]:
    return {url: record[0] for url, record in json.loads((site / MARKER).read_text())["keys"]["hi"].items()}


def test_a_night_keeps_unchanged_scorecards_and_moves_their_ranks(kept, first, full):
    site, summary, _ = kept
    before = site_files(first[1])
    assert site_files(site, history=True) == full
    assert 0 < summary.kept < 2 * ACCOUNTS
    # Some kept pages changed: the night's ranks were put into the last build's file.
    same_key = {u for u, k in page_keys(site).items() if page_keys(first[1]).get(u) == k}
    moved = [u for u in same_key if site_files(site)[f"{u}index.html"] != before[f"{u}index.html"]]
    assert same_key and moved


def test_a_kept_page_edited_on_disk_is_rendered_again(night, full):
    data, site = night
    page = site / "departments" / sorted(page_keys(site))[0].split("/")[1] / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>edited</script></body>"))
    build(data, site, NEXT)
    assert site_files(site, history=True) == full
    assert b"edited" not in page.read_bytes()


def test_nothing_is_kept_when_the_last_audit_let_more_through(rescanned):
    assert rescanned[1].kept == 0


def test_a_key_that_leaves_out_what_a_page_shows_is_caught(night, monkeypatch):
    """The other side of CHECK_KEPT: a key blind to what a department's page shows would keep
    the pages of the departments looked up that night, with their old figures."""
    data, site = night
    monkeypatch.setenv(CHECK_KEPT, "1")
    monkeypatch.setattr(scorecards, "scorecard_keys",
                        lambda ctx, *_: dict.fromkeys(ctx.model.departments["department_id"], "blind"))

    def blind(manifest):  # what the first night, built with the same key, would have recorded
        for records in manifest["keys"].values():
            for url, record in records.items():
                if url.startswith("departments/"):
                    record[0] = "blind"

    with_record(site, blind)
    with pytest.raises(KeptPageError, match="departments/"):
        build(data, site, NEXT)


def test_a_department_key_follows_every_shown_value_and_the_order_of_rows():
    rows = pd.DataFrame({"department_id": ["a", "a", "b"], "followers": [1, 2, 3], "_file": ["x", "x", "x"]})
    base = keys.by_department(rows)
    assert base == keys.by_department(rows.assign(_file="elsewhere/x.csv"))  # where it was read: not shown
    assert base["b"] == keys.by_department(rows.assign(followers=[1, 5, 3]))["b"]
    assert base["a"] != keys.by_department(rows.assign(followers=[1, 5, 3]))["a"]
    assert base["a"] != keys.by_department(rows.iloc[[1, 0, 2]])["a"]
    assert base["a"] != keys.by_department(rows.iloc[[0, 2]])["a"]
    assert base["a"] == keys.by_department(rows.assign(rank=[1, 2, 3]), leave_out=("rank",))["a"]
    assert set(scorecards.MOVING) >= {"rank_in_state", "rank_in_category"}


def audits_counted(monkeypatch, log: Path) -> Callable[[], int]:
    """Count the pages and files the personal-data audit reads, in this process and in the
    build's workers."""
    def counted(real):
        def audit(*args, **kwargs):
            with log.open("a") as f:
                f.write("1")
            return real(*args, **kwargs)
        return audit

    for name in ("audit_file", "audit_pages"):
        monkeypatch.setattr(build_module, name, counted(getattr(build_module, name)))
    return lambda: len(log.read_text()) if log.exists() else 0


def test_what_the_last_audit_covered_is_not_scanned_again_unless_it_let_more_through(kept, rescanned, full_built,
                                                                                      full):
    whole = full_built[1]
    # The last build's audit let through one more handle (rescanned): every file and page is scanned again.
    assert 0 < kept[2] < whole / 2
    assert rescanned[2] == whole
    assert site_files(kept[0], history=True) == site_files(rescanned[0], history=True) == full


def test_the_last_audit_covers_tonights_only_when_it_let_through_no_more():
    record = {"audit": audit_record(frozenset({"a"}), frozenset({"x"}))}
    assert _audit_covers(record, frozenset({"a", "b"}), frozenset({"x", "y"}))
    assert not _audit_covers(record, frozenset({"b"}), frozenset({"x"}))
    assert not _audit_covers(record, frozenset({"a"}), frozenset())
    assert not _audit_covers({}, frozenset({"a"}), frozenset({"x"}))
    assert not _audit_covers({"audit": {**record["audit"], "allowed_sha256": "a"}}, frozenset({"a"}),
                             frozenset({"x"}))
    # A record of the values themselves (as builds once wrote it) covers nothing.
    clear = {"audit": {"allowed": ["a"], "exempt": ["x"], "code": keys.code_digest()}}
    assert not _audit_covers(clear, frozenset({"a"}), frozenset({"x"}))
    assert not _audit_covers({"audit": {**record["audit"], "allowed_sha256": ["a"]}}, frozenset({"a"}),
                             frozenset({"x"}))
    # Under other rules (another release of the package's code), nothing it passed stands.
    assert not _audit_covers({"audit": {**record["audit"], "code": "other"}}, frozenset({"a"}), frozenset({"x"}))


def test_the_site_record_names_no_value_the_audit_let_through(first, tmp_path):
    """The record is published with the site: it keeps a digest of each e-mail address, id and
    contact number the audit let through, never the value."""
    from generator.store.load import load_dataset

    data = shutil.copytree(first[0], tmp_path / "data")
    departments = data / paths.DEPARTMENTS_CSV
    rows = pd.read_csv(departments, dtype=str, keep_default_na=False)
    rows.loc[0, "helpline"] = "0551 220 4431"
    rows.loc[0, "contact_source_url"] = "https://gorakhpur.nic.in/contact/"
    rows.to_csv(departments, index=False, lineterminator="\n")
    site = tmp_path / "site"
    build(data, site, END)
    record = (site / MARKER).read_text(encoding="utf-8")
    exempt = program_values(data, load_dataset(data))
    earlier = json.loads((first[1] / MARKER).read_text(encoding="utf-8"))
    email = re.search(r'contact_email = "(.+?)"', (data / paths.CONFIG_TOML).read_text(encoding="utf-8"))[1]
    assert email not in record
    assert as_dialled("05512204431") in exempt
    assert "05512204431" not in record and "0551 220 4431" not in record
    assert not [v for v in exempt if len(v) >= 6 and v in record]
    audit = json.loads(record)["audit"]
    assert set(audit) == {"allowed_sha256", "exempt_sha256", "code"} and earlier["audit"]["code"] == audit["code"]
    assert set(audit_digests(exempt)) <= set(audit["exempt_sha256"])


def test_a_department_named_with_the_slot_marker_gets_its_ranks_written_in_and_no_key(first, tmp_path):
    data = shutil.copytree(first[0], tmp_path / "data")
    departments = data / paths.DEPARTMENTS_CSV
    rows = pd.read_csv(departments, dtype=str, keep_default_na=False)
    ranked = json.loads((first[1] / MARKER).read_text())["keys"]["en"]
    dept = next(url.split("/")[1] for url, record in ranked.items() if record[2])  # a page with ranks
    rows.loc[rows["id"] == dept, "name_en"] = f"Synthetic: {SLOT} Office"
    rows.to_csv(departments, index=False, lineterminator="\n")
    build(data, tmp_path / "site", NEXT)
    page = (tmp_path / "site" / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
    assert f"Synthetic: {SLOT} Office" in page and page.count(SLOT) == page.count("Synthetic: ")
    assert re.search(r"Rank in state by followers</dt><dd>(\d+ of \d+|[^<]+)</dd>", page)
    assert f"departments/{dept}/" not in json.loads((tmp_path / "site" / MARKER).read_text())["keys"]["en"]


def test_a_neighbours_contact_changed_reaches_the_kept_pages_of_its_district(first, tmp_path, monkeypatch):
    """A scorecard lists its district's other offices' contacts: a change to one of them is a
    change to every scorecard of that district, kept or not."""
    monkeypatch.delenv(CHECK_KEPT, raising=False)
    data = shutil.copytree(first[0], tmp_path / "data")
    departments = data / paths.DEPARTMENTS_CSV
    rows = pd.read_csv(departments, dtype=str, keep_default_na=False)
    neighbour = rows[rows["district"] != ""].iloc[[0]].assign(
        id="synthetic-neighbour", name_en="Synthetic: Neighbour Office", website="https://old.example.gov.in/",
        contact_source_url="https://example.org/contacts")
    pd.concat([rows, neighbour]).to_csv(departments, index=False, lineterminator="\n")
    build(data, tmp_path / "site", END)
    rows = pd.read_csv(departments, dtype=str, keep_default_na=False)
    rows.loc[rows["id"] == "synthetic-neighbour", "website"] = "https://new.example.gov.in/"
    rows.to_csv(departments, index=False, lineterminator="\n")
    build(data, tmp_path / "site", END)
    build(data, tmp_path / "full", END, incremental=False)
    assert site_files(tmp_path / "site", history=True) == site_files(tmp_path / "full", history=True)
    district = neighbour["district"].iloc[0]
    same = rows[(rows["district"] == district) & (rows["id"] != "synthetic-neighbour")]["id"]
    page = (tmp_path / "site" / "en" / "departments" / same.iloc[0] / "index.html").read_text(encoding="utf-8")
    assert "new.example.gov.in" in page and "old.example.gov.in" not in page


def _shift_into_a_character(manifest: dict, site: Path) -> None:
    url, record = next((u, r) for u, r in manifest["keys"]["hi"].items() if r[2])
    data = (site / url / "index.html").read_bytes()
    inside = next(i for i, byte in enumerate(data) if 0x80 <= byte < 0xC0)  # a Hindi letter's second byte
    record[2] = [[record[2][0][0], inside, 0]]


@pytest.mark.parametrize("spoil", [
    lambda m, site: m.update(bytes=None), lambda m, site: m.update(keys=[]),
    lambda m, site: m["keys"].update(en=[]), lambda m, site: m["pages"].update(en=[]),
    lambda m, site: m["audit"].update(allowed_sha256=[["x"]]), _shift_into_a_character,
], ids=["bytes", "keys", "keys-of-a-language", "pages-of-a-language", "audit", "span-in-a-character"])
def test_a_spoiled_record_of_the_last_build_keeps_nothing_it_cannot_stand_behind(night, full, spoil):
    data, site = night
    with_record(site, lambda manifest: spoil(manifest, site))
    build(data, site, NEXT)
    assert site_files(site, history=True) == full


def test_a_last_site_holding_links_lends_nothing_through_them(night, full, tmp_path):
    """The last site may be one restored from a cache others could write. Every file of it a
    link to a copy elsewhere, each with the bytes its record names: nothing is read, kept or
    linked through them. The night's site is the full build's, and none of its files is one
    of those outside it (a hard link made through the link would be)."""
    data, site = night
    outside = tmp_path / "outside"
    for path in [p for p in site.rglob("*") if p.is_file() and p.name != MARKER]:
        away = outside / path.relative_to(site)
        away.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, away)
        path.symlink_to(away)
    build(data, site, NEXT)
    assert site_files(site, history=True) == full
    theirs = {p.stat().st_ino for p in outside.rglob("*") if p.is_file()}
    assert not [p for p in site.rglob("*") if p.lstat().st_ino in theirs]


def test_a_page_of_the_last_site_is_kept_or_linked_only_when_reached_through_no_link(tmp_path):
    """Whatever the build checked of the last site first, what keeps its pages and what links
    its files read through no link themselves: a link to the very bytes recorded, or a folder
    that is one, lends nothing, and nothing outside the site is hard-linked into it. A plain
    file with the recorded bytes still is."""
    site, outside, new = tmp_path / "site", tmp_path / "outside", tmp_path / "new"
    page = b"<p>the page</p>"
    for folder in (site / "plain", outside / "x", new):
        folder.mkdir(parents=True)
    (site / "plain" / "index.html").write_bytes(page)
    (outside / "x" / "index.html").write_bytes(page)
    (site / "linked").mkdir()
    (site / "linked" / "index.html").symlink_to(outside / "x" / "index.html")
    (site / "through").symlink_to(outside, target_is_directory=True)
    urls = ("plain/", "linked/", "through/x/")
    last = Last(site, keys={url: ["key", "shell", []] for url in urls},
                files={f"{url}index.html": file_digest(page) for url in urls})
    keeper = _Keeper(last, {"": SimpleNamespace(digest="shell"), "through/": SimpleNamespace(digest="shell")},
                     check=False)
    assert [keeper(url, "key") for url in urls] == [page, None, None]
    assert link_if_same(site, "plain/index.html", new / "plain.html", page)
    assert (new / "plain.html").stat().st_ino == (site / "plain" / "index.html").stat().st_ino
    assert not link_if_same(site, "plain/index.html", new / "other.html", b"<p>other bytes</p>")
    for url in urls[1:]:
        assert not link_if_same(site, f"{url}index.html", new / "x.html", page) and not (new / "x.html").exists()


def swapping_link(monkeypatch, swap: Callable[[Path], object]) -> list[Path]:
    """Make each hard link of the last site's files find the file swapped (by `swap`) between
    the check of its bytes and the link: what a writer of a restored cache could do. Returns
    the files swapped."""
    swapped, link = [], os.link

    def swapped_first(source, target, **options):
        swap(Path(source))
        swapped.append(Path(source))
        return link(source, target, **options)
    monkeypatch.setattr(engine.os, "link", swapped_first)
    return swapped


def for_a_link_to(outside: Path) -> Callable[[Path], object]:
    """Swap a file for a link to a copy of it outside the site (the same bytes, so that a
    check by its path would pass)."""
    def swap(path: Path) -> None:
        away = outside / f"{len(list(outside.iterdir()))}"
        shutil.move(path, away)
        path.symlink_to(away)
    return swap


def for_another_file(path: Path) -> None:
    """Swap a file for another plain file of the same bytes: a hard link to it would share
    whatever its writer puts in it later."""
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)


@pytest.mark.parametrize("swap", ["a link", "another file"])
def test_a_file_swapped_between_its_check_and_its_link_is_never_what_is_linked(tmp_path, monkeypatch, swap):
    """The file whose bytes were checked is the one linked, or nothing is: the link is made,
    then found to be of another file, and taken back (the caller writes the bytes it checked).
    An unswapped file is still linked."""
    site, outside, new = tmp_path / "site", tmp_path / "outside", tmp_path / "new"
    page = b"<p>the page</p>"
    for folder in (site / "plain", outside, new):
        folder.mkdir(parents=True)
    (site / "plain" / "index.html").write_bytes(page)
    assert link_if_same(site, "plain/index.html", new / "unswapped.html", page)
    assert (new / "unswapped.html").stat().st_ino == (site / "plain" / "index.html").stat().st_ino
    swapped = swapping_link(monkeypatch, for_a_link_to(outside) if swap == "a link" else for_another_file)
    assert not link_if_same(site, "plain/index.html", new / "x.html", page)
    assert swapped == [site / "plain" / "index.html"] and not (new / "x.html").exists()
    # A kept page: read by the keeper first, linked after its night's slots were put in.
    (site / "kept").mkdir()
    (site / "kept" / "index.html").write_bytes(page)
    last = Last(site, keys={"kept/": ["key", "shell", []]}, files={"kept/index.html": file_digest(page)})
    keeper = _Keeper(last, {"": SimpleNamespace(digest="shell")}, check=False)
    assert keeper("kept/", "key") == page
    assert not engine._link(site / "kept" / "index.html", new / "kept.html", keeper.seen["kept/"])
    assert not (new / "kept.html").exists()


def test_a_night_whose_last_site_is_swapped_under_its_links_writes_the_bytes_it_checked(night, full, tmp_path,
                                                                                        monkeypatch):
    """Every file the night would link from the last site (pages kept or unchanged, downloads)
    swapped for a link to a copy outside, just before its link: the night's site is the full
    build's, its files plain, none of them a link nor one of those outside."""
    data, site = night
    outside = tmp_path / "outside"
    outside.mkdir()
    swapped = swapping_link(monkeypatch, for_a_link_to(outside))
    build(data, site, NEXT)
    assert swapped and site_files(site, history=True) == full
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    theirs = {p.stat().st_ino for p in outside.iterdir()}
    assert not [p for p in site.rglob("*") if p.lstat().st_ino in theirs]
