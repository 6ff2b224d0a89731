"""The personal-data audit of built sites."""

import csv
import io
import itertools
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import paths, schema
from generator.cli import main
from generator.collect.ingest import export_fingerprint
from generator.problems import ProblemError
from generator.publish.audit import audit_file, audit_site, is_mobile, mask, scan_text
from generator.publish.takedown import HOLDS, still_served, take_down

from .helpers import AS_OF, DATA, DEPT, REPO, build, copy_bundled, copy_bundled_seed, make_data, tree_bytes, write_csv
from .test_ingest import EXPORTED_ON, ingest, make_export


@pytest.mark.parametrize("text", ["9876543210", "+91 98765 43210", "+91-98765-43210", "098765 43210",
                                  "(+91) 9876543210", "987-654-3210", "0091 9876543210", "919876543210"])
def test_mobile_numbers_in_their_usual_forms(text):
    assert [kind for _, kind, _ in scan_text(f"call {text} today", set())] == ["mobile number"]


@pytest.mark.parametrize("text", ["1580000000000000501", "3,51,000", "71391 ÷ 89001", "2023-07-18",
                                  "12345 67890", "M9.5 3.5 10 10"])
def test_other_numbers_are_not_mobiles(text):
    assert list(scan_text(text, set())) == []


def test_ten_digits_starting_below_6_are_no_mobile():
    assert not is_mobile("5876543210") and is_mobile("6876543210")


def test_a_line_read_once_is_kept_as_its_digest_and_not_read_again_while_any_other_line_is():
    """The lines an audit has read are remembered across a language's ten thousand pages so
    that each is read once; kept as text they were most of what a page process grew by. What
    is kept is a digest: a repeated line is passed over, any other line (one digit apart) is
    read, and no page text stays in memory."""
    seen: set[bytes] = set()
    page = "<td>call 9876543210</td>\n<td>1,234 of 2026</td>\n"
    assert [kind for _, kind, _ in scan_text(page, set(), seen)] == ["mobile number"]
    assert seen and all(isinstance(key, bytes) and len(key) == 16 for key in seen)
    assert list(scan_text(page, set(), seen)) == []
    assert [kind for _, kind, _ in scan_text("<td>call 9876543211</td>\n", set(), seen)] == ["mobile number"]


def test_handles_and_emails():
    found = list(scan_text("write to @ramesh_99, @UPPolice or ram.k@gmail.com", {"uppolice"}))
    assert [(k, m) for _, k, m in found] == [("e-mail address", "ram.k@gmail.com"),
                                             ("unregistered handle", "@ramesh_99")]


# Values no pattern catches, so each is published as it is: a complainant's name and street
# in a correction's reason, and a person's name among what people call an office.
LEAKED = "Asha Devi of Ward 12, Kanti Road complained"
LEAKED_TERMS = "SP; Kaptan Ramesh Yadav; कप्तान रमेश यादव"


@pytest.fixture(scope="module")
def seed_built(tmp_path_factory) -> tuple[Path, Path]:
    """The seed articles' part of the bundled data with two corrections, the second's reason
    LEAKED, and a row of registry/titles.csv whose terms are LEAKED_TERMS, and its site built
    as of AS_OF: (data, site). The tests that plant a value in a built file or take one down
    copy it (a build takes seconds, a copy a tenth)."""
    root = tmp_path_factory.mktemp("seed")
    data = copy_bundled_seed(root / "data")
    corrections = [{"date": "2026-11-01", "department_id": "up-police", "figure": figure, "old_value": "1",
                    "new_value": "2", "reason": reason, "source_url": "https://example.org/letter"}
                   for figure, reason in (("followers", 'The article\'s "followers" figure had two digits swapped'),
                                          ("posts", LEAKED))]
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, corrections)
    with (data / paths.TITLES_CSV).open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["district-police-chief", "", "police", "district", "", LEAKED_TERMS, "https://example.org/titles"])
    build(data, root / "site", AS_OF)
    return data, root / "site"


@pytest.fixture(scope="module")
def seed_site(seed_built) -> Path:
    return seed_built[1]


@pytest.fixture
def seed_copy(seed_built, tmp_path) -> tuple[Path, Path]:
    """A copy of seed_built's data folder and site in the test's own folder, to take down from."""
    data, site = seed_built
    return Path(shutil.copytree(data, tmp_path / "data")), Path(shutil.copytree(site, tmp_path / "site"))


def test_audit_finds_planted_data_in_a_built_page(seed_site, bundled_site, tmp_path):
    site = Path(shutil.copytree(seed_site, tmp_path / "site"))
    page = site / "en" / "departments" / "nbpdcl" / "index.html"
    page.write_text(page.read_text() + "<p>Complainant: +91 98111 22333, asha.devi@example.in</p>\n")
    result = CliRunner().invoke(main, ["audit", "--out", str(site)])
    assert result.exit_code == 1
    assert "en/departments/nbpdcl/index.html:" in result.output
    assert "mobile number: +9* ***** *****" in result.output
    assert "e-mail address: a***" in result.output
    assert "98111" not in result.output and "asha.devi" not in result.output
    # The whole bundled site, as built, passes.
    clean = CliRunner().invoke(main, ["audit", "--out", str(bundled_site)])
    assert clean.exit_code == 0, clean.output


def withheld(out: Path) -> list[str]:
    return json.loads((out / "data" / "build.json").read_text())["withheld"]


def test_a_finding_in_a_data_cell_withholds_that_cell_and_publishes_the_rest(tmp_path):
    data = make_data(tmp_path / "data", [{**DEPT, "name_en": "Helpline 98765 43210"}], [])
    out = tmp_path / "public"
    summary = build(data, out, AS_OF)
    line = "data/registry/departments.csv:2: name_en: mobile number: 9**** *****"
    assert withheld(out) == [line] and summary.notes == [f"withheld pending review: {line}"]
    assert "withheld pending review" in (out / "en" / "departments" / "dept-a" / "index.html").read_text()
    assert line in (out / "en" / "health" / "index.html").read_text()
    assert "समीक्षा तक रोके गए सेल" in (out / "health" / "index.html").read_text()
    assert still_served(out, "98765 43210") == [] and still_served(out, "Helpline") == []
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output


def test_a_withheld_link_or_contact_reads_as_its_note_not_as_an_address(tmp_path):
    dept = {**DEPT, "website": "https://example.in/form?email=ram.kumar%40gmail.com", "helpline": "1076",
            "contact_source_url": "https://example.in/contacts?mobile=9876543210"}
    data = make_data(tmp_path / "data", [dept], [])
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert len(withheld(out)) == 2
    page = (out / "en" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    assert "withheld pending review" in page
    assert not re.search(r'href="(?:tel:|mailto:)?withheld', page) and 'href="tel:"' not in page
    assert still_served(out, "ram.kumar") == [] and still_served(out, "9876543210") == []


def test_a_bodys_own_number_from_the_registry_is_published_and_stops_nothing(tmp_path):
    """A Patna landline's link to dial it ("tel:06122215354") reads as 0 and a mobile; an
    official WhatsApp helpline is shaped like one. The registry lists each with its source."""
    helplines = ["0612-2215354", "+91-79-23251900", "7570000100", "+91 75700 00200"]
    depts = [{**DEPT, "id": f"dept-{i}", "name_en": f"Dept {i}", "helpline": helpline,
              "contact_source_url": "https://example.in/contacts"} for i, helpline in enumerate(helplines)]
    # Passed by its value, not its shape: another number beside them is still held back.
    depts.append({**DEPT, "id": "dept-x", "name_en": "Dept X 98123 45678"})
    data = make_data(tmp_path / "data", depts, [])
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert withheld(out) == ["data/registry/departments.csv:6: name_en: mobile number: 9**** *****"]
    for i, helpline in enumerate(helplines):
        page = (out / "en" / "departments" / f"dept-{i}" / "index.html").read_text(encoding="utf-8")
        dialled = re.sub(r"[^\d+]", "", helpline)
        assert helpline in page and f"tel:{dialled}" in page


@pytest.mark.parametrize("column, value", [("id", "caller-9876543210"), ("category", "9876543210")])
def test_a_number_in_an_id_stops_the_night_at_its_cell(tmp_path, column, value):
    # An id names rows of other files: held back as a note, it would break them.
    data = make_data(tmp_path / "data", [{**DEPT, column: value}], [])
    for command in (["validate", "--data", str(data)],
                    ["build", "--data", str(data), "--out", str(tmp_path / "public"), "--as-of", "2026-11-24"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1
        assert f"departments.csv:2: {column}: mobile number: 9*********" in result.output
        assert "9876543210" not in result.output
    assert not (tmp_path / "public").exists()
    # An id with an office's number or a year in it names no one.
    fine = make_data(tmp_path / "fine", [{**DEPT, column: "thana-1090-2024"}], [])
    assert CliRunner().invoke(main, ["validate", "--data", str(fine)]).exit_code == 0


def test_a_titles_term_is_held_back_and_the_operator_stops_the_night(tmp_path):
    # What people call an office is typed by hand too; who runs the site is named on every page.
    data = copy_bundled_seed(tmp_path / "data")
    titles = data / paths.TITLES_CSV
    titles.write_text(titles.read_text(encoding="utf-8")
                      + "helpdesk,,police,,,thana; ram.kumar at gmail.com; 98765 43210,https://example.org/\n",
                      encoding="utf-8")
    line = len(titles.read_text(encoding="utf-8").splitlines())
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert withheld(out) == [f"data/{paths.TITLES_CSV}:{line}: terms: e-mail address: r**.***** ** *****.***",
                             f"data/{paths.TITLES_CSV}:{line}: terms: mobile number: 9**** *****"]
    assert still_served(out, "ram.kumar") == [] and still_served(out, "98765 43210") == []
    config = data / paths.CONFIG_TOML
    text = config.read_text(encoding="utf-8")
    number = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("operator"))
    config.write_text(text.replace(text.splitlines()[number - 1], 'operator = "Asha, 98765 43210"'), encoding="utf-8")
    for command in (["validate", "--data", str(data)],
                    ["build", "--data", str(data), "--out", str(tmp_path / "other"), "--as-of", "2026-11-24"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and f"config.toml:{number}: operator: mobile number: 9**** *****" in result.output
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize("name", ["Police (tagged by @priya_sharma.)", "Police, see x.com/priya_sharma"])
def test_a_citizens_handle_in_a_data_cell_withholds_that_cell_and_publishes_the_rest(tmp_path, name):
    """The health page lists the cell held back; its listing is no handle of its own."""
    data = make_data(tmp_path / "data", [{**DEPT, "name_en": name}], [])
    out = tmp_path / "public"
    summary = build(data, out, AS_OF)
    [line] = withheld(out)
    assert line.startswith("data/registry/departments.csv:2: name_en: unregistered handle: ")
    assert summary.notes == [f"withheld pending review: {line}"]
    assert still_served(out, "priya_sharma") == []
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output


REASON = "Complainant asked on ९८७६५\u00a0४३२१० or asha.devi＠example．in to be left out"
REASON_HI = "शिकायतकर्ता ने 98765-43210 पर कहा कि उनका नाम न दिखे"


def test_a_correction_reason_with_a_phone_number_and_an_email_is_caught(tmp_path, seed_site):
    """In either language: the Hindi reason is hand-entered text as the English one is."""
    correction = {"date": "2026-11-01", "department_id": "up-police", "figure": "followers", "old_value": "1",
                  "new_value": "2", "reason": REASON, "source_url": "https://example.org/letter",
                  "reason_hi": REASON_HI}
    data = copy_bundled_seed(tmp_path / "data")
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [correction])
    build(data, tmp_path / "withheld", AS_OF)
    assert withheld(tmp_path / "withheld") == ["data/corrections.csv:2: reason: e-mail address: a***.****@*******.**",
                                               "data/corrections.csv:2: reason: mobile number: 9**** *****",
                                               "data/corrections.csv:2: reason_hi: mobile number: 9****-*****"]
    page = (tmp_path / "withheld" / "corrections" / "index.html").read_text()
    assert "समीक्षा तक रोका गया" in page and "४३२१०" not in page and "43210" not in page
    # A site published before the audit read such spellings: the audit finds them on disk.
    site = Path(shutil.copytree(seed_site, tmp_path / "site"))  # built with no such correction
    write_csv(site / "data" / "corrections.csv", schema.CORRECTIONS, [correction])
    result = CliRunner().invoke(main, ["audit", "--out", str(site)])
    assert result.exit_code == 1
    assert "data/corrections.csv:2: text: mobile number: 9**** *****" in result.output
    assert "e-mail address: a***.****@*******.**" in result.output
    assert "४३२१०" not in result.output and "asha" not in result.output


def test_auditing_a_folder_that_does_not_exist_fails(tmp_path):
    result = CliRunner().invoke(main, ["audit", "--out", str(tmp_path / "no-such-site")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'no-such-site'}:0: --out: is not a folder" in result.output
    assert "nothing was audited" in result.output


def _export_with_a_mobile_in_its_fingerprint(path: Path) -> None:
    """A tracker export whose ingest fingerprint holds a run shaped like a mobile number,
    as about one export in 250 does."""
    make_export(path)
    raw = path.read_bytes()
    for i in itertools.count():
        variant = raw.replace(b"Ramesh", f"Ramesh{i}".encode(), 1)
        fingerprint = export_fingerprint(variant, "haryana-cm", "cm-window", date.fromisoformat(EXPORTED_ON))
        if [kind for _, kind, _ in scan_text(f"export:{fingerprint[:16]}", set())] == ["mobile number"]:
            path.write_bytes(variant)
            return


def test_what_the_program_wrote_passes_and_the_same_typed_by_hand_is_caught(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    export = tmp_path / "export.csv"
    _export_with_a_mobile_in_its_fingerprint(export)
    assert ingest(data, export).exit_code == 0
    write_csv(data / paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS, [
        {"department_id": "up-police", "platform": "x", "account_id": "9876543210", "handle": "Uppolice",
         "resolved_on": "2026-11-01"}])
    site = tmp_path / "site"
    build(data, site, AS_OF)
    assert "9876543210" in (site / "data" / "handles.csv").read_text()
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 0, result.output
    # The same characters with no program behind them: an export reference no ingest wrote
    # (the ledger is gone) and an account id typed into the registry.
    (data / paths.INGEST_LEDGER).unlink()
    accounts = data / paths.ACCOUNTS_CSV
    accounts.write_text(accounts.read_text().replace("gorakhpur-ig-zone,x,,,", "gorakhpur-ig-zone,x,,9812345678,"))
    build(data, tmp_path / "withheld", AS_OF)
    found = "\n".join(withheld(tmp_path / "withheld"))
    assert "data/complaints/exports/haryana-cm--cm-window.csv:2: source_url: mobile number: " in found
    assert ": account_id: mobile number: 9*********" in found
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 1 and "haryana-cm" in result.output


def test_an_account_id_passes_as_an_id_and_is_caught_in_a_note(tmp_path):
    """An id the collector resolved is published as the account's id; the same digits typed
    into a source's note are a citizen's number, read as any other."""
    data = copy_bundled_seed(tmp_path / "data")
    write_csv(data / paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS, [
        {"department_id": "up-police", "platform": "x", "account_id": "9876543210", "handle": "Uppolice",
         "resolved_on": "2026-12-01"}])
    sources = data / paths.SOURCES_CSV
    note = "Complainant Ramesh Kumar, mobile 9876543210, village Rampur."
    sources.write_text(sources.read_text(encoding="utf-8")
                       + f'leak,A report,A paper,2026-11-01,https://example.org/r,"{note}",,,\n', encoding="utf-8")
    line = len(sources.read_text(encoding="utf-8").splitlines())
    validated = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert validated.exit_code == 1 and f"{sources}:{line}: note: mobile number: 9*********" in validated.output
    site = tmp_path / "site"
    build(data, site, AS_OF)
    assert withheld(site) == [f"data/{paths.SOURCES_CSV}:{line}: note: mobile number: 9*********"]
    assert "9876543210" in (site / "data" / "handles.csv").read_text(encoding="utf-8")
    assert "9876543210" in (site / "api" / "accounts" / "x.json").read_text(encoding="utf-8")
    assert still_served(site, "Complainant Ramesh") == []
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 0, result.output
    # Read back from disk, the id passes in its column and is caught in any other.
    sources_csv = site / "data" / "sources.csv"
    sources_csv.write_text(sources_csv.read_text(encoding="utf-8") + f'leak,A report,A paper,,,"{note}",,,\n',
                           encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 1 and "data/sources.csv:" in result.output and "handles.csv" not in result.output


def test_a_helpline_passes_only_with_its_source_and_only_as_the_bodys_own(tmp_path):
    """A number the registry lists with its source is dialled on its body's page; without a
    source it is anyone's, and with one it does not let the same digits through in a name."""
    depts = [{**DEPT, "id": "dept-a", "helpline": "7570000100", "contact_source_url": "https://example.in/contacts"},
             {**DEPT, "id": "dept-b", "name_en": "Dept B", "helpline": "98765 43299"},
             {**DEPT, "id": "dept-c", "name_en": "Dept C, complainant 75700 00100"}]
    data = make_data(tmp_path / "data", depts, [])
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert withheld(out) == ["data/registry/departments.csv:3: helpline: mobile number: 9**** *****",
                             "data/registry/departments.csv:4: name_en: mobile number: 7**** *****"]
    assert 'href="tel:7570000100">7570000100</a>' in (out / "en" / "departments" / "dept-a" / "index.html").read_text()
    assert still_served(out, "98765 43299") == [] and still_served(out, "complainant") == []
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output


def test_validate_audits_the_cells_people_edit_by_hand(tmp_path):
    data = copy_bundled(tmp_path / "data")
    departments = data / paths.DEPARTMENTS_CSV
    typed = {departments: ("Uttar Pradesh Police,", "Uttar Pradesh Police ९८७६५ ४३२१०,"),
             data / paths.MANUAL / "up-police-2016.csv": ("2016-09-08,,", "2016-09-08,9812345678,")}
    for path, (old, new) in typed.items():
        path.write_text(path.read_text().replace(old, new))
    observations = data / paths.MANUAL / "up-police-2016.csv"
    correction = {"date": "2026-11-01", "department_id": "up-police", "figure": "followers", "old_value": "1",
                  "new_value": "2", "reason": REASON, "source_url": "https://example.org/letter"}
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [correction])
    before = tree_bytes(data)
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert f"{departments}:2: name_en: mobile number: 9**** *****" in result.output
    assert f"{observations}:2: account_id: mobile number: 9*********" in result.output
    assert f"{data / paths.CORRECTIONS_CSV}:2: reason: mobile number: 9**** *****" in result.output
    assert f"{data / paths.CORRECTIONS_CSV}:2: reason: e-mail address: a***.****@*******.**" in result.output
    assert "४३२१०" not in result.output and "asha" not in result.output
    assert tree_bytes(data) == before
    contract_only = CliRunner().invoke(main, ["validate", "--no-audit", "--data", str(data)])
    assert contract_only.exit_code == 0, contract_only.output


def test_a_count_or_a_reply_rows_id_typed_by_hand_is_audited_where_it_enters(tmp_path):
    """No real count of followers is ten digits starting 6-9, nor one of complaints twelve
    with an Aadhaar check digit: typed into a count, they are held back (left blank) like any
    cell. A reply row's id is audited too, and passes where the collector resolved it. (The
    seed articles' part of the bundled data holds every file and department typed into.)"""
    data = copy_bundled_seed(tmp_path / "data")
    manual, complaints = data / paths.MANUAL / "up-police-2016.csv", data / paths.COMPLAINTS / "seed-articles.csv"
    typed = {manual: ("2016-09-08,,Uppolice,6500,,", "2016-09-08,,Uppolice,6500,9876543220,"),
             complaints: ("2020-01-01,2021-02-28,89001,", "2020-01-01,2021-02-28,234567890124,")}
    for path, (old, new) in typed.items():
        assert old in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    # Innocent counts of the same files: a crore of followers, and a large count of complaints.
    manual.write_text(manual.read_text(encoding="utf-8").replace("Uppolice,57000,", "Uppolice,19000000,"),
                      encoding="utf-8")
    write_csv(data / paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS, [
        {"department_id": "haryana-cm", "platform": "x", "account_id": "9876543210", "handle": "cmohry",
         "resolved_on": "2026-11-01"}])
    replies = data / paths.REPLIES / "x" / "2026-11-20.csv"
    row = {"department_id": "up-police", "platform": "x", "date": "2026-11-20", "account_id": "9876543219",
           "mentions": 10, "answered": 3, "answered_within_hour": 1, "median_reply_minutes": 30, "posts_read": 1234567}
    write_csv(replies, schema.REPLIES, [row, {**row, "department_id": "haryana-cm", "account_id": "9876543210"}])
    expected = [f"{complaints}:2: received: Aadhaar number: 2***********",
                f"{manual}:2: following: mobile number: 9*********",
                f"{replies}:2: account_id: mobile number: 9*********"]
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1 and [line for line in result.output.splitlines() if "number:" in line] == expected
    site = tmp_path / "site"
    build(data, site, AS_OF)
    assert withheld(site) == [line.replace(f"{data}/", "data/") for line in expected]
    # Read in every file the site serves, archives unpacked.
    assert [n for n in ("9876543220", "234567890124", "9876543219") if still_served(site, n)] == []
    assert "9876543210" in (site / "data" / "replies.csv").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 0, result.output


def test_takedown_withdraws_a_published_cell_from_every_file_the_site_serves(seed_copy):
    data, site = seed_copy
    leaked = LEAKED  # no pattern catches a name and a street
    file = data / paths.CORRECTIONS_CSV
    assert f'"{leaked}"' in file.read_text().splitlines()[2]
    served = still_served(site, leaked)
    assert any(name.endswith(".zip!corrections.csv") for name, _ in served)
    # Every file the site writes is read to its end, a cell holding quotes and commas among them.
    assert {what for _, what in served} == {HOLDS}
    before = file.read_text().splitlines()
    result = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{file}:3: reason", "--data", str(data),
                                       "--out", str(site), "--date", "2026-12-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    after = file.read_text().splitlines()
    assert after[:2] == before[:2] and after[2] == before[2].replace(f"\"{leaked}\"", "withdrawn 2026-12-01")
    assert still_served(site, leaked) == []
    assert "withdrawn 2026-12-01" in (site / "en" / "corrections" / "index.html").read_text()
    again = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{file}:3:helpline", "--data", str(data),
                                      "--out", str(site)])
    assert again.exit_code == 1 and f"{file}:3: helpline: is not a column of this file" in again.output


@pytest.fixture
def linked_site(tmp_path) -> Path:
    """A site with a page that holds the value, one that does not, and links to a file and to
    a folder outside it that hold it too: what a link leads to is no file the site serves."""
    outside, site = tmp_path / "outside", tmp_path / "site"
    (outside / "folder").mkdir(parents=True)
    (site / "en").mkdir(parents=True)
    for path in (outside / "secret.html", outside / "folder" / "index.html", site / "en" / "holds.html"):
        path.write_text(f"<p>{LEAKED}</p>", encoding="utf-8")
    (site / "en" / "other.html").write_text("<p>nothing here</p>", encoding="utf-8")
    (site / "en" / "linked.html").symlink_to(outside / "secret.html")
    (site / "folder").symlink_to(outside / "folder", target_is_directory=True)
    return site


def test_a_link_in_the_site_is_named_never_followed_nor_taken_for_a_file_without_the_value(linked_site):
    found = dict(still_served(linked_site, LEAKED))
    assert found.pop(f"{linked_site}/en/holds.html") == HOLDS
    assert set(found) == {f"{linked_site}/en/linked.html", f"{linked_site}/folder"}
    assert all("link" in what for what in found.values()), found
    for link in (linked_site / "en" / "linked.html", linked_site / "folder"):
        link.unlink()
    assert still_served(linked_site, LEAKED) == [(f"{linked_site}/en/holds.html", HOLDS)]
    (linked_site / "en" / "holds.html").unlink()
    assert still_served(linked_site, LEAKED) == []


def test_a_pipe_in_the_site_is_named_not_waited_on(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    os.mkfifo(site / "feed.xml")
    assert [(name, "plain" in what) for name, what in still_served(site, LEAKED)] == [(f"{site}/feed.xml", True)]


SHORT = "Ram Lal"  # shorter than SEARCHABLE: looked for as a whole cell of its column
LONG_CELL = "x" * 200_000  # longer than the csv module's 131,072 characters


def _csv_with_a_long_cell(value: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["source", "notes"], ["a", LONG_CELL], [value, "b"]])
    return out.getvalue().encode("utf-8")


def test_a_short_value_after_a_cell_longer_than_the_csv_modules_limit_is_still_found(tmp_path):
    """A cell past the csv module's limit ended the file's reading, and the rows after it were
    taken as not holding the value: a takedown said it was gone while the file served it."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "held.csv").write_bytes(_csv_with_a_long_cell(SHORT))
    (site / "data" / "clean.csv").write_bytes(_csv_with_a_long_cell("Shyam"))
    limit = csv.field_size_limit()
    assert still_served(site, SHORT, "source") == [(f"{site}/data/held.csv", HOLDS)]
    assert csv.field_size_limit() == limit  # raised for the file's reading only


def test_a_csv_is_read_with_the_csv_modules_limit_left_alone(tmp_path, monkeypatch):
    """The limit is one for every thread of the process: raised for one file, it was raised for
    every other reader, and put back under one still reading a long cell. A takedown reads a
    served CSV as the site writes it (quoted cells with commas, doubled quotes and line ends, a
    byte-order mark) without it; a file not so written is named as not read, never as clean."""
    def untouched(*new: int) -> int:
        assert not new, "the csv module's limit was changed"
        return 131_072
    monkeypatch.setattr(csv, "field_size_limit", untouched)
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "long.csv").write_bytes(_csv_with_a_long_cell(SHORT))
    (site / "data" / "quoted.csv").write_text(f'\ufeffnotes,source\r\n"a, ""b""\nc",x\r\n"{SHORT}","{SHORT} "\r\n',
                                              encoding="utf-8")
    (site / "data" / "clean.csv").write_text(f'notes,source\n"{SHORT}",b\n"x\n{SHORT}\n",c\n', encoding="utf-8")
    (site / "data" / "odd.csv").write_text(f'source,notes\na"b,c\n{SHORT},d\n', encoding="utf-8")
    (site / "data" / "open.csv").write_text(f'source\n"{SHORT}\n', encoding="utf-8")
    found = dict(still_served(site, SHORT, "source"))
    assert sorted(found) == [f"{site}/data/{n}.csv" for n in ("long", "odd", "open", "quoted")]
    assert [found[f"{site}/data/{n}.csv"] for n in ("long", "quoted")] == [HOLDS, HOLDS]
    assert all("could not all be read" in found[f"{site}/data/{n}.csv"] for n in ("odd", "open"))


def test_a_long_quoted_cell_is_read_whole_and_the_value_after_it_found(tmp_path):
    """A quoted cell of megabytes, with doubled quotes and a comma at its end, is one cell: the
    value in the row after it is found. (Its letters are taken a run at a time: 30 MB in about
    0.3 s where a letter at a time took 2.5 s; measured by hand, not asserted: machines here
    are noisy.)"""
    site = tmp_path / "site"
    site.mkdir()
    (site / "long.csv").write_text(f'source,notes\na,"{"x" * 3_000_000}, ""y"""\n{SHORT},b\n', encoding="utf-8")
    assert still_served(site, SHORT, "source") == [(f"{site}/long.csv", HOLDS)]


def test_a_csv_whose_cell_is_longer_than_its_archive_is_named_as_not_read_never_as_clean(tmp_path):
    """Unpacked from a few bytes, a cell may be longer than any bound the reader can be given
    ahead (the file's own bytes): the rows after it are not read, and the file is named as one
    that may still serve the value, whether it does or not."""
    import gzip
    site = tmp_path / "site"
    site.mkdir()
    for name, value in (("held.csv.gz", SHORT), ("clean.csv.gz", "Shyam")):
        (site / name).write_bytes(gzip.compress(_csv_with_a_long_cell(value)))
    found = still_served(site, SHORT, "source")
    assert [name for name, _ in found] == [f"{site}/clean.csv.gz", f"{site}/held.csv.gz"]
    assert all(what != HOLDS and "could not all be read" in what for _, what in found)


def test_a_file_of_the_site_that_inflates_past_the_bound_is_named_not_read_into_memory(tmp_path, monkeypatch):
    """A few kilobytes of gzip or ZIP can inflate to gigabytes: a takedown unpacks each file a
    chunk at a time and names one that inflates past the most a site may serve (here lowered
    to a megabyte) as not read, never holding more of it; a smaller one, and the other members
    of the same ZIP, are still read."""
    import gzip
    import tracemalloc
    import zipfile

    from generator.publish import takedown

    monkeypatch.setattr(takedown, "LARGEST", 1 << 20, raising=False)
    bomb = bytes(64 << 20) + ("\n" + LEAKED).encode()  # 64 MB, a thousandth of it compressed
    site = tmp_path / "site"
    site.mkdir()
    (site / "bomb.csv.gz").write_bytes(gzip.compress(bomb, 9))
    (site / "small.csv.gz").write_bytes(gzip.compress(LEAKED.encode()))
    with zipfile.ZipFile(site / "data.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("small.csv", LEAKED)
        bundle.writestr("bomb.csv", bomb)
    del bomb
    tracemalloc.start()
    try:
        found = still_served(site, LEAKED)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, peak
    assert [(Path(name).name, what == HOLDS) for name, what in found] == [
        ("bomb.csv.gz", False), ("data.zip!bomb.csv", False), ("data.zip!small.csv", True), ("small.csv.gz", True)]
    assert all("unpacks to more than 1,048,576 bytes" in what for _, what in found[:2]), found


def test_an_archive_whose_members_together_inflate_past_the_bound_is_named_and_read_no_further(tmp_path, monkeypatch):
    """Each member of a ZIP under the bound, all of them past it (a ZIP's members can share
    their compressed bytes, each inflating to the bound): the member that passes it is read no
    further, the members after it not at all, and the archive says so; a member before it is
    read, and one that holds the value at its start is named as soon as it is seen."""
    import zipfile

    from generator.publish import takedown

    monkeypatch.setattr(takedown, "LARGEST", 1 << 20, raising=False)
    site = tmp_path / "site"
    site.mkdir()
    part = bytes(600_000)
    with zipfile.ZipFile(site / "data.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("a.csv", LEAKED.encode() + part)
        for name in ("b.csv", "c.csv", "d.csv"):
            bundle.writestr(name, part + LEAKED.encode())
    assert still_served(site, LEAKED) == [
        (f"{site}/data.zip", "its members together unpack to more than 1,048,576 bytes, more than a site may serve: "
                             "2 member(s) from c.csv on not read"),
        (f"{site}/data.zip!a.csv", HOLDS),
        (f"{site}/data.zip!b.csv", "not read to its end: with the members before it, its archive unpacks to more "
                                   "than 1,048,576 bytes, more than a site may serve")]


def test_a_nightly_archive_is_read_a_block_at_a_time_never_held_whole(tmp_path, monkeypatch):
    """Years of nights unpack to hundreds of megabytes: a takedown reads them a block at a time
    (here 24 MB of rows, half as much again as the 16 MB of memory allowed, in a few megabytes),
    a file served as it is too (it was read whole first, up to a gigabyte), and finds a value
    however it straddles two blocks, as any form a file writes it in (an HTML entity for each
    letter)."""
    import gzip
    import tracemalloc

    from generator.publish import takedown

    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    rows = "".join(f"2026-11-{n % 30 + 1:02d},up-police,x,{n},Complaint about a road in ward {n % 90}\n"
                   for n in range(20_000))
    nights = (rows * (24_000_000 // len(rows))).encode()
    (site / "data" / "nights.csv.gz").write_bytes(gzip.compress(nights, 6))
    (site / "data" / "nights.csv").write_bytes(nights[:20_000_000])
    del nights, rows
    tracemalloc.start()
    try:
        assert still_served(site, LEAKED) == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, peak
    monkeypatch.setattr(takedown, "_BLOCK", 4096)
    escaped = "".join(f"&#{ord(c)};" for c in LEAKED)
    page = tmp_path / "pages" / "page.html"
    page.parent.mkdir()
    for at in range(len(escaped)):  # the blocks' boundary at every place in the value as written
        page.write_text("x" * (4096 - at) + escaped + "y" * 8192, encoding="utf-8")
        assert still_served(page.parent, LEAKED) == [(str(page), HOLDS)], at


def test_a_takedown_does_not_say_the_value_is_gone_while_a_link_in_the_site_was_not_read(linked_site, tmp_path):
    corrections = write_csv(tmp_path / "data" / "corrections.csv", schema.CORRECTIONS, [
        {"date": "2026-11-01", "department_id": "up-police", "figure": "posts", "old_value": "1", "new_value": "2",
         "reason": LEAKED, "source_url": "https://example.org/letter"}])
    (linked_site / "en" / "holds.html").unlink()  # the rebuild took it out; the links stayed
    with pytest.raises(ProblemError) as error:
        take_down(corrections, 2, "reason", date(2026, 12, 1), linked_site, rebuild=lambda: None)
    said = str(error.value)
    assert f"{linked_site}/en/linked.html:0: reason: not read (a link" in said
    assert f"{linked_site}/folder:0: reason: not read (a link" in said
    assert error.value.outcome == "the cell was withdrawn from its file but not from the site"


def test_a_withdrawn_value_is_found_in_every_form_a_site_file_writes_it(tmp_path):
    """Each writer of the site puts a value with quotes, an apostrophe, < and & otherwise: the
    templates and badges as markupsafe escapes it (&#34; &#39;), the feeds as ElementTree does
    (&quot; in an attribute), JSON (\\" and \\u003c in a page's script, \\u escapes where ASCII),
    a CSV cell with each " doubled (in a gzip archive and a ZIP too), a link's query %-encoded,
    a markdown page with its escapes. Every one still serves it."""
    import csv
    import gzip
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    from markupsafe import escape

    from generator.render.context import markdown_text
    from generator.render.urls import query_value

    value = "https://example.com/r?who=\"Ramesh_Kumar\"&by=O'Brien,<b>&on=रमेश"
    cell = io.StringIO()
    csv.writer(cell, lineterminator="\n").writerows([["id", "source_url"], ["a", value]])
    feed = ET.Element("feed")
    ET.SubElement(feed, "link", href=value).text = value
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("observations-manual.csv", cell.getvalue())
    files = {
        "page.html": f'<a href="{escape(value)}">{escape(value)}</a>',
        "feed.xml": ET.tostring(feed, encoding="unicode"),
        "badge.svg": f"<svg><title>{escape(value)}</title></svg>",
        "script.html": "<script>var w = " + json.dumps([value], ensure_ascii=False).replace("<", "\\u003c")
                       + "</script>",
        "index.json": json.dumps({"url": value}, ensure_ascii=False),
        "ascii.json": json.dumps({"url": value}),
        "rows.csv": cell.getvalue(),
        "dispute.html": f'<a href="https://github.com/o/r/issues/new?value={escape(query_value(value))}">x</a>',
        "markdown.html": f"<p>{markdown_text(escape(value))}</p>",
    }
    site = tmp_path / "site"
    site.mkdir()
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    (site / "archive.csv.gz").write_bytes(gzip.compress(cell.getvalue().encode("utf-8")))
    (site / "night.zip").write_bytes(archive.getvalue())
    (site / "other.html").write_text(escape(value.replace("Ramesh", "Suresh")), encoding="utf-8")
    found = {Path(name).name for name, _ in still_served(site, value)}
    assert found == {*files, "archive.csv.gz", "night.zip!observations-manual.csv"}
    assert not [name for name in ("page.html", "badge.svg", "rows.csv", "dispute.html") if value in files[name]]


def test_takedown_withdraws_what_people_call_an_office_from_the_search(seed_copy):
    """registry/titles.csv is typed by hand, and its terms are published in the search index,
    each name on its own: a name that should not be there is taken down like any other cell."""
    data, site = seed_copy
    titles = data / paths.TITLES_CSV
    leaked = LEAKED_TERMS
    line = next(n for n, row in enumerate(titles.read_text(encoding="utf-8").splitlines(), 1) if leaked in row)
    found = still_served(site, leaked, "terms")
    assert found and all(name.endswith(".json") for name, _ in found) and still_served(site, leaked) == []
    result = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{titles}:{line}:terms", "--data",
                                       str(data), "--out", str(site), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert titles.read_text(encoding="utf-8").splitlines()[line - 1] == (
        "district-police-chief,,police,district,,withdrawn 2026-12-01,https://example.org/titles")
    assert still_served(site, leaked, "terms") == []
    assert not [p for p in site.rglob("*.json") if "Kaptan Ramesh" in p.read_text(encoding="utf-8")]


def test_a_tombstone_changes_only_its_own_line_of_a_file_saved_with_windows_line_ends(tmp_path):
    """A spreadsheet saves CR LF and a byte order mark: the withdrawn cell's line is the one
    line a diff shows, whatever the file's line ends (a line separator inside a cell is no
    line end to it either)."""
    from generator.publish.takedown import withdraw

    file = tmp_path / "corrections.csv"
    rows = ["date,department_id,figure,old_value,new_value,reason,source_url",
            "2026-11-01,up-police,followers,1,2,Two digits swapped\u2028in print,https://example.org/a",
            "2026-11-02,up-police,posts,1,2,Asha Devi of Ward 12 complained,https://example.org/b",
            "2026-11-03,up-police,handle,a,b,Renamed,https://example.org/c"]
    before = ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")
    file.write_bytes(before)
    assert withdraw(file, 3, "reason", date(2026, 12, 1)) == "Asha Devi of Ward 12 complained"
    after = file.read_bytes()
    assert after == before.replace(b"Asha Devi of Ward 12 complained", b"withdrawn 2026-12-01")


def test_a_takedown_refuses_an_input_file_that_is_a_link_or_no_plain_file_before_writing(tmp_path):
    """A link named as the input file would have the tombstone written to whatever it leads to
    (another file, one outside the data): refused, naming the file, with nothing written. The
    plain file itself is withdrawn from, and stays a plain file."""
    from generator.publish.takedown import withdraw

    rows = "date,department_id,figure,old_value,new_value,reason,source_url\n" \
           "2026-11-02,up-police,posts,1,2,Asha Devi of Ward 12 complained,https://example.org/b\n"
    target = tmp_path / "elsewhere.csv"
    target.write_text(rows, encoding="utf-8")
    (tmp_path / "data").mkdir()
    link = tmp_path / "data" / "corrections.csv"
    link.symlink_to(target)
    pipe = tmp_path / "data" / "sources.csv"
    os.mkfifo(pipe)
    for file, said in ((link, "a link"), (pipe, "not a plain file")):
        with pytest.raises(ProblemError) as error:
            withdraw(file, 2, "reason", date(2026, 12, 1))
        assert f"{file}:2: reason: {said}" in str(error.value) and error.value.outcome == "nothing was withdrawn"
    assert target.read_text(encoding="utf-8") == rows and link.is_symlink()
    assert withdraw(target, 2, "reason", date(2026, 12, 1)) == "Asha Devi of Ward 12 complained"
    assert "withdrawn 2026-12-01" in target.read_text(encoding="utf-8") and not target.is_symlink()


def test_takedown_edits_only_a_file_of_the_data_folder_it_rebuilds_from(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    own = (DATA / paths.SOURCES_CSV).read_bytes()
    mine = (data / paths.SOURCES_CSV).read_bytes()
    # Refused before anything is written: a mistyped --out (the site online would keep the
    # value), a cell reference with more than three parts, a file that is no table.
    for cell, out, said in ((f"data/{paths.SOURCES_CSV}:2:note", tmp_path / "sitee", "--out: is not a folder"),
                            (f"data/{paths.SOURCES_CSV}:2:note:extra", tmp_path, "is not FILE:LINE:COLUMN"),
                            (f"data/{paths.SOURCES_CSV}:{'9' * 5000}:note", tmp_path, "is not FILE:LINE:COLUMN"),
                            (f"data/{paths.SOURCES_CSV}:²:note", tmp_path, "is not FILE:LINE:COLUMN"),
                            (f"data/{paths.CONFIG_TOML}:5:x", tmp_path, "is not a CSV file")):
        refused = CliRunner().invoke(main, ["--project", str(REPO), "takedown", cell, "--data", str(data),
                                            "--out", str(out)])
        assert refused.exit_code == 1 and said in refused.output, refused.output
        assert (data / paths.SOURCES_CSV).read_bytes() == mine and not (tmp_path / "sitee").exists()
    (tmp_path / "site").mkdir()
    # As build and validate print it, from the project: the copy's file is meant.
    result = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"data/{paths.SOURCES_CSV}:2:note",
                                       "--data", str(data), "--out", str(tmp_path / "site"), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert (DATA / paths.SOURCES_CSV).read_bytes() == own
    assert "withdrawn 2026-12-01" in (data / paths.SOURCES_CSV).read_text(encoding="utf-8")
    # Another folder's file, named whole: refused before anything is written.
    outside = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{DATA / paths.SOURCES_CSV}:3:note",
                                        "--data", str(data), "--out", str(tmp_path / "site")])
    assert outside.exit_code == 1 and "is not a file of the data folder" in outside.output
    assert (DATA / paths.SOURCES_CSV).read_bytes() == own


def test_takedown_of_a_blank_cell_is_refused_and_one_the_build_refuses_says_the_file_changed(tmp_path):
    """A blank cell holds nothing to withdraw (a mistyped line or column): refused before anything
    is written. A tombstone whose row the build then refuses (a district the registry lacks)
    stays, so that no build publishes the value again, and the report says the file changed."""
    data = copy_bundled_seed(tmp_path / "data")
    (tmp_path / "site").mkdir()
    departments = data / paths.DEPARTMENTS_CSV
    lines = departments.read_text(encoding="utf-8").splitlines()
    state = next(n for n, row in enumerate(lines, 1) if row.startswith("up-police,"))
    district = next(n for n, row in enumerate(lines, 1) if row.startswith("gorakhpur-police,"))
    before = departments.read_bytes()

    def takedown(cell: str):
        return CliRunner().invoke(main, ["--project", str(REPO), "takedown", cell, "--data", str(data),
                                         "--out", str(tmp_path / "site"), "--date", "2026-12-01"])
    blank = takedown(f"{departments}:{state}:district")
    assert blank.exit_code == 1 and f"{departments}:{state}: district: is blank: there is nothing to withdraw" \
        in blank.output and "nothing was withdrawn" in blank.output, blank.output
    assert departments.read_bytes() == before
    refused = takedown(f"{departments}:{district}:district")
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit), refused.output
    assert f"{departments}:{district}: district: 'withdrawn 2026-12-01' is not a district" in refused.output
    assert "nothing was written" not in refused.output
    assert f"the cell was withdrawn from {departments}, but the site could not be built again" in refused.output
    assert "withdrawn 2026-12-01" in departments.read_text(encoding="utf-8").splitlines()[district - 1]


def test_every_column_people_write_in_is_audited():
    """A column whose rule is changed (a longer bound, say) must not drop out of the audit."""
    from generator.publish.audit import free_text

    assert {"reason", "reason_hi", "old_value", "new_value", "source_url"} <= set(free_text(schema.CORRECTIONS))
    assert {"title", "note", "url"} <= set(free_text(schema.SOURCES_TABLE))
    assert {"name_en", "name_hi"} <= set(free_text(schema.DEPARTMENTS))
    assert {"reason"} <= set(free_text(schema.WITHDRAWN_COMPLAINTS))


def test_a_withdrawal_reason_with_personal_data_is_refused_validated_and_withheld(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    make_export(tmp_path / "export.csv")
    assert ingest(data, tmp_path / "export.csv").exit_code == 0

    def withdraw(reason: str):
        return CliRunner().invoke(main, ["withdraw-complaints", "--department", "haryana-cm", "--channel", "cm-window",
                                         "--month", "2026-08", "--reason", reason, "--data", str(data),
                                         "--as-of", "2026-12-01"])

    before = tree_bytes(data)
    refused = withdraw("Asked by the complainant, ram @ gmail.com")
    assert refused.exit_code == 1
    assert "haryana-cm/cm-window/2026-08:0: --reason: e-mail address: r** @ *****.***" in refused.output
    assert "nothing was withdrawn" in refused.output and "gmail" not in refused.output
    assert tree_bytes(data) == before
    # Written as the file allows it, or not at all: a reason the file would refuse when read back.
    spoken = withdraw("Asked by ram.kumar at gmail.com")
    assert spoken.exit_code == 1 and "e-mail address" in spoken.output
    long = withdraw("a" * 2_001)
    assert long.exit_code == 1 and "--reason: is 2,001 characters long; at most 2,000" in long.output
    assert tree_bytes(data) == before
    assert withdraw("The export held half the month.").exit_code == 0
    # Typed into the file by hand afterwards: validate reports it and the build withholds it.
    file = data / paths.WITHDRAWN_COMPLAINTS_CSV
    file.write_text(file.read_text().replace("half the month.", "half the month; ask 98765 43210"))
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert f"{file}:2: reason: mobile number: 9**** *****" in result.output
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert withheld(out) == ["data/withdrawn-complaints.csv:2: reason: mobile number: 9**** *****"]
    assert still_served(out, "98765 43210") == []
    # Its own site, never the repository's public/: that is a reader's build of the bundled data.
    taken = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{file}:2: reason", "--data", str(data),
                                      "--out", str(out), "--date", "2026-12-02"])
    assert taken.exit_code == 0, taken.output
    assert "98765" not in file.read_text() and "withdrawn 2026-12-02" in file.read_text()
    assert still_served(out, "98765 43210") == []


def test_a_district_registry_cell_is_validated_and_withheld(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    registry = data / paths.DISTRICTS_CSV
    text = registry.read_text()
    assert ",Muzaffarpur,मुज़फ़्फ़रपुर,,MUZAFFARPUR," in text
    registry.write_text(text.replace(",Muzaffarpur,मुज़फ़्फ़रपुर,,MUZAFFARPUR,",
                                     ",Muzaffarpur,मुज़फ़्फ़रपुर,Ring 98765 43210,MUZAFFARPUR,"))
    line = 1 + text[:text.index("Muzaffarpur,")].count("\n")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert f"{registry}:{line}: former_names: mobile number: 9**** *****" in result.output
    out = tmp_path / "public"
    build(data, out, AS_OF)
    assert withheld(out) == [f"data/registry/districts.csv:{line}: former_names: mobile number: 9**** *****"]
    assert still_served(out, "98765 43210") == []


def test_the_build_audits_the_search_index_and_league_slices_it_writes(tmp_path, monkeypatch):
    """A value that reaches a generated file unaudited (here: the input audit is switched off)
    stops the build: the search index and league slices are read like pages and downloads."""
    import generator.pipeline as pipeline
    import generator.publish.build as build_module

    data = copy_bundled_seed(tmp_path / "data")
    registry = data / paths.DISTRICTS_CSV
    registry.write_text(registry.read_text().replace(",Muzaffarpur,मुज़फ़्फ़रपुर,,MUZAFFARPUR,",
                                                     ",Muzaffarpur,मुज़फ़्फ़रपुर,Ring 98765 43210,MUZAFFARPUR,"))
    monkeypatch.setattr(pipeline, "audit_inputs", lambda *_: [])
    out = tmp_path / "public"
    with pytest.raises(build_module.AuditError) as caught:
        build(data, out, AS_OF)
    found = {(p.file, p.column, p.message) for p in caught.value.findings}
    assert ("data/search.json", "text", "mobile number: 9**** *****") in found
    assert not out.exists()


def test_a_text_file_written_as_bytes_is_read_like_one():
    # A night's run record goes into its archive as bytes: it is text all the same.
    findings = []
    audit_file("data/archive/2026-12-05/run-x.json", b'{"note": "ram.kumar@gmail.com"}\n', set(), findings,
               set())
    assert [p.message for p in findings] == ["e-mail address: r**.*****@*****.***"]
    findings.clear()
    audit_file("data/archive/2026-12-05/snapshots-x.csv.gz", b"\x1f\x8b\x08ram.kumar@gmail.com", set(), findings,
               set())
    assert findings == []  # compressed: its rows were read as a table before


@pytest.mark.parametrize(("value", "shown"), [
    ("98765 43210", "9**** *****"), ("+91 98765 43233", "+9* ***** *****"), ("234567890124", "2***********"),
    ("asha.devi@example.in", "a***.****@*******.**"), ("@ram9876543210", "@*************"), ("ab12", "****")])
def test_a_finding_is_shown_by_its_shape_and_first_character_only(value, shown):
    """The run's output and the published record name a finding's cell; the value shows its
    shape and one character, never the last digits of a number or the domain of an address."""
    assert mask(value) == shown


def test_a_takedown_withdraws_from_a_row_whose_cell_is_longer_than_the_csv_modules_limit(tmp_path):
    """A hand-edited row holding a cell past the csv module's limit (131,072 characters) stopped
    the takedown with a traceback. Its row is read as the served files are, with no such limit:
    the cell beside the long one is withdrawn, and only its line changes."""
    from generator.publish.takedown import withdraw

    file = tmp_path / "departments.csv"
    header = ",".join(schema.DEPARTMENTS.names)
    row = {name: "" for name in schema.DEPARTMENTS.names}
    rows = [{**row, "id": "dept-a", "name_en": "Dept A", "name_hi": "क" * 140_000},
            {**row, "id": "dept-b", "name_en": "Dept B", "name_hi": "ख"}]
    lines = [",".join(f'"{r[n]}"' if r[n] else "" for n in schema.DEPARTMENTS.names) for r in rows]
    file.write_text("\n".join([header, *lines, ""]), encoding="utf-8")
    assert withdraw(file, 2, "name_en", date(2026, 12, 7)) == "Dept A"
    assert file.read_text(encoding="utf-8").split("\n") == [
        header, lines[0].replace('"Dept A"', "withdrawn 2026-12-07").replace('"dept-a"', "dept-a")
        .replace(f'"{"क" * 140_000}"', "क" * 140_000), lines[1], ""]


CORRECTIONS_HEADER = "date,department_id,figure,old_value,new_value,reason,source_url"


def test_a_tombstone_goes_in_a_row_whose_quoted_cells_hold_quotes_commas_and_line_ends(tmp_path):
    """The row is read as validate names it: from the line it begins on, its quoted cells
    holding doubled quotes, commas and line ends (CR LF too). Only that row changes; the cells
    it keeps are written back quoted where they must be, and read back the same. A line inside
    a quoted cell is refused, naming the line its row begins on; a stray quote in another row
    does not stop it."""
    from generator.publish.takedown import withdraw
    from generator.store.rows import cells as _cells

    file = tmp_path / "corrections.csv"
    rows = [CORRECTIONS_HEADER,
            '2026-11-01,up-police,followers,5" screen,2,Typo,https://example.org/a',
            '2026-11-02,up-police,posts,"1,000","say ""hi""",'
            '"Asha Devi said ""call me"", then\r\nWard 12, Kanti Road",https://example.org/b',
            '2026-11-03,up-police,handle,a,b,"Renamed\nby the, office",https://example.org/c']
    before = ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")
    file.write_bytes(before)
    with pytest.raises(ProblemError) as error:
        withdraw(file, 4, "reason", date(2026, 12, 1))
    assert str(error.value.problems[0]) == (f"{file}:4: reason: is inside a quoted cell of the row that begins on "
                                            "line 3: name that line")
    assert file.read_bytes() == before
    assert withdraw(file, 3, "reason", date(2026, 12, 1)) == 'Asha Devi said "call me", then\r\nWard 12, Kanti Road'
    kept = '2026-11-02,up-police,posts,"1,000","say ""hi""",withdrawn 2026-12-01,https://example.org/b'
    assert file.read_bytes() == before.replace(rows[2].encode("utf-8"), kept.encode("utf-8"))
    assert _cells(kept)[3:5] == ["1,000", 'say "hi"']
    # The next row now begins a line earlier, as validate then names it.
    assert withdraw(file, 4, "reason", date(2026, 12, 1)) == "Renamed\nby the, office"
    assert file.read_bytes().endswith(b"2026-11-03,up-police,handle,a,b,withdrawn 2026-12-01,https://example.org/c\r\n")


@pytest.mark.parametrize(("row", "said"), [
    ('2026-11-02,up-police,posts,1,2,Asha said "call me,https://example.org/b',
     'line 2: cell 6 holds a quote (") but is not quoted'),
    ('2026-11-02,up-police,posts,1,2,"Asha Devi"x,https://example.org/b',
     "line 2: cell 6 is quoted, then goes on with 'x'"),
    ('2026-11-02,up-police,posts,1,2,"Asha Devi,https://example.org/b',
     "line 2: a quoted cell begun there is never closed")])
def test_a_takedown_refuses_a_row_that_is_not_csv_naming_its_line_and_what_is_wrong(tmp_path, row, said):
    """The row is read as the served files are: one that is not CSV as the site writes it is
    refused with its line, its cell and what is wrong, and nothing is written; a guess at its
    cells would put the tombstone who knows where."""
    from generator.publish.takedown import withdraw

    file = tmp_path / "corrections.csv"
    text = f"{CORRECTIONS_HEADER}\n{row}\n"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemError) as error:
        withdraw(file, 2, "reason", date(2026, 12, 1))
    assert error.value.outcome == "nothing was withdrawn"
    assert str(error.value.problems[0]).startswith(f"{file}:2: reason: cannot be read as CSV ({said}")
    assert file.read_text(encoding="utf-8") == text


def test_a_served_csv_with_a_stray_quote_is_named_with_its_line_and_what_is_wrong(tmp_path):
    """A quote inside a cell that is not quoted was taken to open one, and the file named as
    holding a quoted cell still open at its end, a line no editor would look at. It is named
    with the line and cell of the quote. (The site writes no such file: each cell holding a
    quote is quoted whole, and its rows read as they were written.)"""
    site = tmp_path / "site"
    site.mkdir()
    (site / "x.csv").write_text(f'id,source\nA,5" screen\nB,{SHORT}\nC,"fine"\n', encoding="utf-8")
    [(name, what)] = still_served(site, SHORT, "source")
    assert name == f"{site}/x.csv"
    assert what == ('its cells could not all be read: line 2: cell 2 holds a quote (") but is not quoted: a cell '
                    "holding one is quoted whole, its quotes doubled")


def test_the_night_zips_digest_as_the_downloads_page_states_it_passes_and_elsewhere_is_caught(tmp_path):
    """The Downloads page gives the SHA-256 of the night's ZIP: hex digits that hold ten in a row
    as often as not, a mobile number's shape. Worked out from the file the site serves, it is the
    program's value and passes; the same digits on a site serving other bytes are caught."""
    import hashlib

    from generator.render.downloads import ZIP_NAME

    def site(folder: Path, zipped: bytes | None, digest: str) -> Path:
        (folder / "downloads").mkdir(parents=True)
        (folder / "downloads" / "index.html").write_text(f"<p>SHA-256: <code>{digest}</code></p>\n",
                                                         encoding="utf-8")
        if zipped is not None:
            (folder / "data").mkdir()
            (folder / "data" / ZIP_NAME).write_bytes(zipped)
        return folder

    for n in range(500):
        zipped = f"the night's ZIP, made {n} times".encode()
        digest = hashlib.sha256(zipped).hexdigest()
        if audit_site(site(tmp_path / f"bare-{n}", None, digest), []):  # a shape the audit catches
            break
    else:
        pytest.fail("no digest with a mobile number's shape in 500 tries")
    assert audit_site(site(tmp_path / "served", zipped, digest), []) == []
    assert audit_site(site(tmp_path / "other", b"other bytes", digest), [])


def test_a_served_csv_not_read_is_named_at_the_line_its_reading_stopped_on(tmp_path):
    """A served file that could not be read was named at line 0 though the line of its fault
    is known; a fault on a later line of a row (a quoted cell holding a line end) is named on
    the line it is on, not the line its row begins on. A file read whole (or not a table) keeps
    line 0."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "stray.csv").write_text(f'id,reason\nA,x\nB,5" screen\nC,{SHORT}\n', encoding="utf-8")
    (site / "later.csv").write_text(f'id,reason\nA,"one\ntwo" three\nC,{SHORT}\n', encoding="utf-8")
    (site / "held.csv").write_text(f"id,reason\nA,{SHORT}\n", encoding="utf-8")
    file = tmp_path / "corrections.csv"
    file.write_text(f"{CORRECTIONS_HEADER}\n2026-11-01,up-police,posts,1,2,{SHORT},https://example.org/a\n",
                    encoding="utf-8")
    with pytest.raises(ProblemError) as error:
        take_down(file, 2, "reason", date(2026, 12, 1), site, rebuild=lambda: None)
    lines = {Path(p.file).name: (p.line, p.message) for p in error.value.problems}
    assert lines["stray.csv"][0] == 3 and "line 3: cell 2 holds a quote" in lines["stray.csv"][1]
    assert lines["later.csv"][0] == 3 and "line 3: cell 2 is quoted, then goes on with ' '" in lines["later.csv"][1]
    assert lines["held.csv"][0] == 0


@pytest.mark.parametrize(("cell", "said"), [
    ('5" screen', 'cell 4 holds a quote (") but is not quoted'),
    ('"5 inch" screen', "cell 4 is quoted, then goes on with ' '"),
    ('"a\nb" c', "cell 4 is quoted, then goes on with ' '")])
def test_validate_refuses_a_row_a_takedown_cannot_read_naming_its_line_column_and_fault(tmp_path, cell, said):
    """validate read a cell as the csv module does (a stray quote as text), a takedown as the
    site writes CSV: a file validate passed could hold a cell no takedown could withdraw. Both
    read with one reader: the row is refused on the line its fault is on, in its column; the
    rows after it are still read."""
    from generator.publish.takedown import withdraw
    from generator.store.csvio import read_table

    file = tmp_path / "corrections.csv"
    file.write_text(f"{CORRECTIONS_HEADER}\n2026-11-01,up-police,posts,{cell},2,Typo,https://example.org/a\n"
                    "2026-11-02,up-police,posts,1,2,Typo,bad-url\n", encoding="utf-8")
    line = 2 + cell.count("\n")
    _, problems = read_table(file, schema.CORRECTIONS, "corrections.csv")
    assert [str(p) for p in problems][0] == (f"corrections.csv:{line}: old_value: is not CSV as the project writes "
                                             f"it: {said}" + problems[0].message.split(said, 1)[1])
    assert [p.line for p in problems][1:] == [line + 1]  # the next row read, its own fault named
    with pytest.raises(ProblemError) as error:
        withdraw(file, 2, "reason", date(2026, 12, 1))
    assert f"cannot be read as CSV (line {line}: {said}" in str(error.value.problems[0])


@pytest.mark.parametrize("line, said", [(1, "1: reason: is no row of cells: line 1 is the header, the rows start at "
                                            "line 2"), (0, "0: reason: is no row of cells"),
                                        (9, "9: reason: there is no line 9; the file has 2")])
def test_a_takedown_of_the_header_or_past_the_end_says_which(tmp_path, line, said):
    from generator.publish.takedown import withdraw

    file = tmp_path / "corrections.csv"
    rows = "date,department_id,figure,old_value,new_value,reason,source_url\n" \
           "2026-11-02,up-police,posts,1,2,Asha Devi of Ward 12 complained,https://example.org/b\n"
    file.write_text(rows, encoding="utf-8")
    with pytest.raises(ProblemError) as refused:
        withdraw(file, line, "reason", date(2026, 12, 1))
    assert str(refused.value.problems[0]).startswith(f"{file}:{said}")
    assert file.read_text(encoding="utf-8") == rows
