"""A broken data folder gets file:line errors, exit 1, and nothing written."""

from click.testing import CliRunner

from generator import schema
from generator.cli import main

from .helpers import DEPT, copy_bundled, make_data, snapshot, tree_bytes


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_bundled_data_is_valid():
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_broken_files_give_file_line_errors_and_build_writes_nothing(tmp_path):
    data = make_data(
        tmp_path / "data",
        [DEPT, {**DEPT, "name_en": "Same id again"}],
        [{"department_id": "no-such-dept", "platform": "x", "official": "yes"}],
        [snapshot("dept-a", "2026-13-01", followers=5),
         snapshot("dept-a", "2026-11-02", followers=-3)],
    )
    complaints = data / "complaints" / "c.csv"
    complaints.parent.mkdir()
    complaints.write_text("department_id,channel,period_start\ndept-a,x,2026-01-01\n", encoding="utf-8")
    bounded = data / "complaints" / "d.csv"
    bounded.write_text(",".join(schema.COMPLAINTS.names) + "\n"
                       "dept-a,x,2026-01-01,2026-01-31,1000,,,,,,,,manual,https://example.org/a,over\n",
                       encoding="utf-8")
    before = tree_bytes(data)
    out = tmp_path / "public"

    result = run("validate", "--data", str(data))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    departments = str(data / "registry" / "departments.csv")
    observations = str(data / "manual" / "observations.csv")
    expected = [
        f"{departments}:3: id: duplicate id=dept-a (first on line 2)",
        f"{str(data / 'registry' / 'accounts.csv')}:2: department_id: unknown department id 'no-such-dept'",
        f"{observations}:2: date: '2026-13-01' is not a date (YYYY-MM-DD)",
        f"{observations}:3: followers: -3 is negative",
        f"{str(complaints)}:1: period_end: missing column",
        f"{str(bounded)}:2: bound: 'over' is not one of: more_than, at_most, about",
    ]
    for line in expected:
        assert line in lines, f"{line!r} not in:\n{result.output}"

    result = run("build", "--data", str(data), "--out", str(out), "--as-of", "2026-11-24")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert not out.exists()
    assert tree_bytes(data) == before


def test_failed_build_keeps_the_previous_site(tmp_path):
    data = copy_bundled(tmp_path / "data")
    out = tmp_path / "public"
    assert run("build", "--data", str(data), "--out", str(out), "--as-of", "2026-11-24").exit_code == 0
    site = tree_bytes(out)
    accounts = data / "registry" / "accounts.csv"
    text = accounts.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    accounts.write_text(text + "up-police,x,@Uppolice,,yes,\n", encoding="utf-8")
    result = run("build", "--data", str(data), "--out", str(out), "--as-of", "2026-11-25")
    assert result.exit_code == 1
    assert f"accounts.csv:{line}: handle: '@Uppolice': write the handle without '@'" in result.output
    assert f"accounts.csv:{line}: platform: duplicate department_id=up-police, platform=x (first on line 2)" \
        in result.output
    assert tree_bytes(out) == site


def test_build_refuses_to_replace_a_folder_it_did_not_build(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--as-of", "2026-11-24"])
    assert result.exit_code != 0 and "not built by jawabdehi" in result.output
    assert (out / "notes.txt").read_text() == "keep me"


def test_one_account_under_two_departments_must_be_marked_shared_on_both_rows(tmp_path):
    depts = [{**DEPT, "id": d} for d in ("dept-a", "dept-b", "dept-c", "dept-d")]
    x = {"platform": "x", "official": "yes"}
    data = make_data(tmp_path / "data", depts, [
        {**x, "department_id": "dept-a", "handle": "CityPolice"},                          # line 2
        {**x, "department_id": "dept-b", "handle": "citypolice"},                          # 3: the same, case aside
        {**x, "department_id": "dept-a", "platform": "instagram", "handle": "CityPolice"},  # 4: another platform
        {**x, "department_id": "dept-a", "platform": "facebook", "account_id": "123"},      # 5
        {**x, "department_id": "dept-c", "platform": "facebook", "account_id": "123", "shared": "yes"},  # 6
        {**x, "department_id": "dept-b", "platform": "instagram", "handle": "Desk", "shared": "yes"},    # 7
        {**x, "department_id": "dept-c", "platform": "instagram", "handle": "desk", "shared": "yes"},    # 8
        {**x, "department_id": "dept-d", "handle": "Alone", "shared": "yes"},              # 9
    ])
    result = run("validate", "--data", str(data))
    assert result.exit_code == 1
    accounts = str(data / "registry" / "accounts.csv")
    problems = [line for line in result.output.splitlines() if line.startswith(accounts)]
    assert problems == [
        f"{accounts}:3: handle: 'citypolice' is also under dept-a at line 2; if both departments run this one "
        "account, write shared=yes on both rows",
        f"{accounts}:6: account_id: '123' is also under dept-a at line 5; if both departments run this one "
        "account, write shared=yes on both rows",
        f"{accounts}:9: shared: is yes but no other department lists this account",
    ], result.output


def test_an_accounts_own_page_is_no_evidence_that_it_is_official(tmp_path):
    """The verify page answered "official" for a handle whose only evidence was its own profile."""
    own = [("x", "City0", "https://x.com/City0"), ("x", "City1", "https://twitter.com/city1/"),
           ("x", "City2", "https://mobile.twitter.com/@CITY2"), ("x", "City3", "https://www.x.com/City3/status/123"),
           ("facebook", "City4", "https://m.facebook.com/City4")]
    innocent = ["https://citypolice.gov.in/contact", "source:order-2024", "https://x.com/StateGovt/status/9",
                "https://x.com/Other2Fan", "https://example.org/x.com/Other4", None]
    rows = [{"department_id": f"d{n}", "platform": platform, "handle": handle, "official": "yes", "source_url": url}
            for n, (platform, handle, url) in enumerate(own)]
    rows += [{"department_id": f"d{len(own) + n}", "platform": "x", "handle": f"Other{n}", "official": "yes",
              "source_url": url} for n, url in enumerate(innocent)]
    rows.append({"department_id": "unsure", "platform": "x", "handle": "Unsure", "official": "unverified",
                 "source_url": "https://x.com/Unsure"})
    data = make_data(tmp_path / "data", [{**DEPT, "id": r["department_id"]} for r in rows], rows)
    sources = data / "registry" / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8") + "order-2024,An order,A department,2024-01-01,"
                       "https://citypolice.gov.in/order.pdf,,,,\n", encoding="utf-8")
    # The contract's check alone: the audit reads links to unregistered handles as anyone's.
    result = run("validate", "--data", str(data), "--no-audit")
    accounts = str(data / "registry" / "accounts.csv")
    flagged = [line for line in result.output.splitlines() if line.startswith(accounts)]
    assert [line.split(":")[1] for line in flagged if "own page" in line] == ["2", "3", "4", "5", "6"], result.output
    assert len(flagged) == 5, result.output  # the innocent rows and the unverified one pass
    assert "official=yes needs evidence from the body itself" in flagged[0]


def test_a_bound_on_a_follower_count_names_a_hand_entered_count(tmp_path):
    """"More than 7 lakh" is how a report states its own figure: it cannot mark what the
    collector observed, a day no report gave, or a department that does not exist."""
    data = make_data(tmp_path / "data", [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-02", followers=700000),
                      snapshot("dept-a", "2026-11-03", followers=700100, source="x-api")])
    bounds = data / "bounded-followers.csv"
    bounds.write_text("department_id,platform,date,bound\n"
                      "dept-a,x,2026-11-02,more_than\n"  # the report's figure: sound
                      "dept-a,x,2026-11-03,more_than\n"  # the collector's count
                      "dept-a,x,2026-11-04,about\n"  # no figure that day
                      "dept-a,facebook,2026-11-02,about\n"  # nor on that platform
                      "dept-b,x,2026-11-02,about\n"
                      "dept-a,x,2026-11-05,over\n"
                      "dept-a,x,02/11/2026,about\n"  # a day unread is said once, as itself
                      "dept-a,x,,about\n", encoding="utf-8")
    result = run("validate", "--data", str(data))
    assert result.exit_code == 1
    # Each names the department's own hand-entered counts, so a mistyped day or platform shows
    # itself; an unknown department is named as that alone.
    named = "names no hand-entered follower count of this department and platform on this day " \
            "(its hand-entered counts: x 2026-11-02)"
    problems = [line.removeprefix(f"{bounds}:") for line in result.output.splitlines()
                if line.startswith(f"{bounds}:")]
    assert problems == [f"3: date: {named}", f"4: date: {named}", f"5: date: {named}",
                        "6: department_id: unknown department id 'dept-b'",
                        "7: bound: 'over' is not one of: more_than, at_most, about", f"7: date: {named}",
                        "8: date: '02/11/2026' is not a date (YYYY-MM-DD)", "9: date: is required"], \
        result.output
    bounds.write_text("department_id,platform,date,bound\ndept-a,x,2026-11-02,more_than\n", encoding="utf-8")
    assert run("validate", "--data", str(data)).exit_code == 0


def _with_cell(path, line: int, column: str, value: str) -> None:
    import csv
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_folder_that_breaks_the_contract_is_audited_for_personal_data_in_the_same_round(tmp_path):
    data = copy_bundled(tmp_path / "data")
    departments, sources = data / "registry" / "departments.csv", data / "registry" / "sources.csv"
    _with_cell(departments, 3, "state", "IN-XX")
    wrong_state = f"{departments}:3: state: 'IN-XX' is not the ISO 3166-2 code"
    # What it must let through: the bundled cells, read from a folder that does not load.
    result = run("validate", "--data", str(data))
    problems = [line for line in result.output.splitlines() if line.startswith(str(data))]
    assert result.exit_code == 1 and len(problems) == 1 and problems[0].startswith(wrong_state), result.output
    # What it must catch: a reporter's mobile number beside the contract's problem.
    _with_cell(sources, 2, "note", "Ask the reporter on 9876543210.")
    result = run("validate", "--data", str(data))
    problems = [line for line in result.output.splitlines() if line.startswith(str(data))]
    assert len(problems) == 2 and problems[0].startswith(wrong_state), result.output
    assert problems[1] == f"{sources}:2: note: mobile number: 9*********", result.output
