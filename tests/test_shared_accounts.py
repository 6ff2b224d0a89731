"""An account two departments run together (shared=yes on both rows of accounts.csv): both
scorecards say so, every department's row of handles.csv holds its figures, and the league
table, counts and ranks hold it once."""

import csv
import json
import re

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render.league import FIELDS

from .helpers import AS_OF, DEPT, build, make_data, open_page, snapshot

F = {name: n for n, name in enumerate(FIELDS)}  # a league slice's row fields


def built(root, departments: list[dict], accounts: list[tuple[str, str, bool]],
          counts: list[tuple[str, str, int]]):
    """A site of `departments`, their X `accounts` (department, handle, shared) and one night's
    follower `counts` (department, handle, followers), all posting the day before."""
    yes = {"platform": "x", "official": "yes", "source_url": "https://example.org/registry"}
    data = make_data(root / "data", [{**DEPT, **d} for d in departments],
                     [{**yes, "department_id": d, "handle": h, **({"shared": "yes"} if shared else {})}
                      for d, h, shared in accounts],
                     [snapshot(d, "2026-11-20", handle=h, followers=f, last_post_at="2026-11-19")
                      for d, h, f in counts])
    out = root / "public"
    build(data, out, AS_OF)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built(tmp_path_factory.mktemp("shared"), [
        {"id": "city-police", "name_en": "City Police", "name_hi": "शहर पुलिस"},
        {"id": "city-traffic", "name_en": "City Traffic Police", "name_hi": "शहर यातायात पुलिस"},
        {"id": "city-fire", "name_en": "City Fire Service", "name_hi": "शहर अग्निशमन"}],
        [("city-police", "JointDesk", True), ("city-traffic", "jointdesk", True), ("city-fire", "FireDesk", False)],
        [("city-police", "JointDesk", 900), ("city-traffic", "JointDesk", 900), ("city-fire", "FireDesk", 400)])


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(("lang", "sentence"), [("en/", "This account is shared with {}: both departments run it."),
                                                ("", "यह खाता {} के साथ साझा है")])
def test_both_scorecards_say_the_account_is_shared_and_link_the_other(site, lang, sentence):
    for dept, other, name_en, name_hi in (("city-police", "city-traffic", "City Traffic Police", "शहर यातायात पुलिस"),
                                          ("city-traffic", "city-police", "City Police", "शहर पुलिस")):
        html = page(site, f"{lang}departments/{dept}")
        assert sentence.format(name_en if lang else name_hi) in text(html)
        assert f'href="../../departments/{other}/"' in html.split('<p class="jd-shared">')[1].split("</p>")[0]
        assert "1 of 2" in text(html) or "2 में से 1" in text(html)  # ranked once, against the one other account
    assert "jd-shared" not in page(site, "en/departments/city-fire")


def handles_csv(site) -> list[dict]:
    with (site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_tables_counts_and_league_hold_the_shared_account_once(site):
    rows = handles_csv(site)
    # The shared account's two rows side by side, its 900 followers before the other's 400.
    assert [(r["department_id"], r["handle"], r["shared_with"]) for r in rows] == [
        ("city-police", "JointDesk", "city-traffic"), ("city-traffic", "JointDesk", "city-police"),
        ("city-fire", "FireDesk", "")]
    league = json.loads((site / "data" / "league" / "hi" / "in-up.json").read_text(encoding="utf-8"))
    assert sorted((r[F["handle"]], r[F["shared"]]) for r in league["rows"]) == [
        ("FireDesk", None), ("JointDesk", [["city-traffic", "शहर यातायात पुलिस"]])]
    accounts = page(site, "en/accounts")
    body = accounts.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr ") == 2 and body.count("@JointDesk") == 1
    assert "shared with" in text(body) and 'href="../departments/city-traffic/"' in body
    home = page(site, "en")
    cards = [int(n.replace(",", "")) for n in re.findall(r'jd-card__count">([\d,]+)<', home)]
    assert sum(cards) == 2
    assert "2 department accounts" in text(page(site, "en/states/in-up"))


def test_the_league_table_of_a_state_lists_the_shared_account_once_with_the_other_department(browser, site, serve):
    server = serve(site)
    page, log = open_page(browser, server.url + "en/accounts/")
    page.locator("select[name=state]").select_option("in-up")
    page.wait_for_function("document.querySelector('.jd-league-note').textContent.includes('shown')")
    handles = page.locator("table.jd-league-table tbody td[data-label=Handle]")
    assert sorted(handles.all_inner_texts()) == ["@FireDesk", "@JointDesk (shared with City Traffic Police)"]
    other = page.locator("table.jd-league-table tbody td[data-label=Handle] a[href*=departments]")
    assert other.get_attribute("href") == "../departments/city-traffic/"
    assert log["errors"] == [] and log["outside"] == []


UP_POLICE = {**DEPT, "id": "up-police", "name_en": "UP Police", "name_hi": "उत्तर प्रदेश पुलिस", "district": ""}
PRAYAGRAJ = {**DEPT, "id": "prayagraj-dm", "name_en": "DM, Prayagraj", "name_hi": "जिलाधिकारी, प्रयागराज",
             "category": "district-admin", "district": "Prayagraj"}


def police_shared_with_prayagraj(root, prayagraj_official: str):
    """UP Police's observed account, later listed as shared by a department filed before it by id."""
    return make_data(root, [UP_POLICE, PRAYAGRAJ], [
        {"department_id": "up-police", "platform": "x", "handle": "Uppolice", "official": "yes", "shared": "yes",
         "source_url": "https://example.org/registry"},
        {"department_id": "prayagraj-dm", "platform": "x", "handle": "UPPOLICE", "official": prayagraj_official,
         "shared": "yes", "source_url": "https://example.org/registry"}],
        [snapshot("up-police", day, handle="Uppolice", followers=f, last_post_at=day)
         for day, f in (("2026-11-20", 1000), ("2026-11-22", 1200))])


def test_shared_rows_that_disagree_on_official_are_refused_naming_both_lines(tmp_path):
    data = police_shared_with_prayagraj(tmp_path / "data", "unverified")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)], catch_exceptions=False)
    assert result.exit_code == 1
    accounts = data / "registry" / "accounts.csv"
    assert (f"{accounts}:3: official: is 'unverified' but line 2 (up-police) says 'yes' for this same shared "
            "account; both rows must agree") in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def police_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("police")
    out = root / "public"
    build(police_shared_with_prayagraj(root / "data", "yes"), out, AS_OF)
    return out


def test_the_department_holding_the_figures_counts_a_shared_account_and_both_rows_show_them(police_site):
    out = police_site
    rows = {r["department_id"]: r for r in handles_csv(out) if r["platform"] == "x"}
    for dept, other in (("up-police", "prayagraj-dm"), ("prayagraj-dm", "up-police")):
        assert (rows[dept]["handle"], rows[dept]["followers"], rows[dept]["status"], rows[dept]["shared_with"]) == (
            "Uppolice", "1200", "active", other)
    league = json.loads((out / "data" / "league" / "en" / "in-up.json").read_text(encoding="utf-8"))
    x = [i for i, (code, _) in enumerate(league["platform"]) if code == "x"]
    assert [(r[F["id"]], r[F["handle"]], r[F["followers"]], league["status"][r[F["status"]]][0])
            for r in league["rows"] if r[F["platform"]] in x] == [("up-police", "Uppolice", 1200, "active")]
    api = json.loads((out / "api" / "accounts" / "x.json").read_text(encoding="utf-8"))
    answers = [a for a in api["accounts"] if a["handle"].lower() == "uppolice"]  # one answer, not one per department
    assert [(a["department_id"], a["official"], a["status"], a["since"]) for a in answers] == [
        ("up-police", "yes", "active", "2026-11-20")]
    assert [(d["department_id"], d["scorecard"]) for d in answers[0]["shared_with"]] == [
        ("prayagraj-dm", "departments/prayagraj-dm/")]


def test_the_handle_check_gives_one_answer_for_a_shared_account(browser, police_site, serve):
    from .test_verify import ask

    page, log = open_page(browser, serve(police_site).url + "en/verify/")
    answer = ask(page, "@UPPOLICE")
    assert page.locator(".jd-verify-answer .admonition").count() == 1
    assert "the X\u00a0(Twitter) account of UP Police" in answer and "Official" in answer and "Unverified" not in answer
    assert "DM, Prayagraj runs this account too." in answer
    assert log["errors"] == [] and log["outside"] == []


def test_a_shared_account_has_no_place_in_a_ranking_its_department_is_not_part_of(tmp_path):
    """A health office sharing the police's account: the health office's row does not borrow
    the police account's place among police accounts; it says why it has none. In the state,
    where both rank, the one place is shown on both rows."""
    out = built(tmp_path, [
        {"id": "city-police", "name_en": "City Police", "name_hi": "शहर पुलिस"},
        {"id": "city-health", "name_en": "City Health Office", "name_hi": "शहर स्वास्थ्य कार्यालय", "category": "health"},
        {"id": "other-police", "name_en": "Other Police", "name_hi": "अन्य पुलिस"}],
        [("city-police", "JointDesk", True), ("city-health", "JointDesk", True), ("other-police", "OtherDesk", False)],
        [("city-police", "JointDesk", 900), ("other-police", "OtherDesk", 400)])
    rows = {r["department_id"]: r for r in handles_csv(out)}
    assert (rows["city-police"]["rank_in_category"], rows["city-police"]["of_in_category"]) == ("1", "2")
    assert (rows["city-health"]["rank_in_category"], rows["city-health"]["of_in_category"]) == ("", "")
    assert rows["city-health"]["rank_in_state"] == rows["city-police"]["rank_in_state"] == "1"
    health_page = text(page(out, "en/departments/city-health"))
    assert "not ranked here: a shared account, ranked in the state or category of the other department" in health_page
    assert "1 of 2" in health_page  # the state's ranking holds it


def _history_table(html: str) -> str:
    """The body of a scorecard's table of recent observations."""
    return html.split('id="cap-history"')[1].split("<tbody>")[1].split("</tbody>")[0]


def test_every_department_listing_a_shared_account_shows_its_history(police_site):
    """UP Police files the shared account's observations; DM, Prayagraj lists the same account.
    Its scorecard showed the account's figures but no observation, no chart, no change and no
    grade over time, and its history file held a header only. Both scorecards show the same
    history and say so, and both departments' files hold its rows as filed (UP Police's id):
    the same rows, which counts, lists and feeds still hold once."""
    police, prayagraj = (page(police_site, f"en/departments/{d}") for d in ("up-police", "prayagraj-dm"))
    assert "1,200" in _history_table(police) and _history_table(prayagraj) == _history_table(police)
    assert 'data-url="../../../data/departments/prayagraj-dm.csv"' in prayagraj
    assert "scorecards and history files show every observation of it, whichever of them it is filed under;" in \
        text(prayagraj)
    assert "इतिहास की फ़ाइलें इसका हर अवलोकन दिखाती हैं" in page(police_site, "departments/prayagraj-dm")
    # Its changes too (a new account on 20 November), listed once in the feeds.
    for html in (police, prayagraj):
        events = html.split('id="events"')[1]
        assert len(re.findall(r"<li><span class=\"jd-parts\"><span class=\"jd-muted\">20 Nov 2026</span>", events)) == 1
    with (police_site / "data" / "events.csv").open(encoding="utf-8-sig") as f:
        assert [r["department_id"] for r in csv.DictReader(f)] == ["up-police"]

    def rows(dept: str) -> list[dict]:
        with (police_site / "data" / "departments" / f"{dept}.csv").open(encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))

    assert rows("prayagraj-dm") == rows("up-police") and [r["followers"] for r in rows("up-police")] == ["1000", "1200"]
    assert {r["department_id"] for r in rows("prayagraj-dm")} == {"up-police"}
    # The grade over time reads the same observations, for both departments.
    from generator.compute.model import build_model
    from generator.config import Config
    from generator.store.load import load_dataset

    history = build_model(load_dataset(police_site.parent / "data"), Config(), AS_OF).grade_history
    assert history.set_index("department_id").loc[["up-police", "prayagraj-dm"], "grade"].tolist() == ["A", "A"]
    # The checker that shares no code with the package reads every file and page the same way.
    from . import figure_checker

    assert figure_checker.check(police_site, police_site.parent / "data", AS_OF).mismatches == []


def test_a_shared_account_filed_under_both_departments_has_one_history_on_both(tmp_path):
    """Both departments file the account: the nightly job looked it up for each on the 22nd, and
    an article's figure of the 21st is filed under DM, Prayagraj. Each scorecard showed only its
    own rows, two different histories of one account. Both show every day once (of a day filed
    twice, the counting department's row), and both files hold every row as filed; the change
    feeds list each change once."""
    from generator.compute.model import build_model
    from generator.config import Config
    from generator.render.downloads import published_files
    from generator.store.load import load_dataset

    data = police_shared_with_prayagraj(tmp_path / "data", "yes")
    with (data / "manual" / "observations.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("prayagraj-dm,x,2026-11-21,,UPPOLICE,1100,,,2026-11-21,ok,manual,https://example.org/article\n"
                "prayagraj-dm,x,2026-11-22,,UPPOLICE,1200,,,2026-11-22,ok,manual,https://example.org/report\n")
    model = build_model(load_dataset(data), Config(), AS_OF)
    assert model.handles.set_index("department_id").loc["prayagraj-dm", "counted"]  # the first by id, of two
    shown = {d: model.recent.loc[model.recent["department_id"] == d, ["date", "followers", "filed_by"]].to_numpy(
        dtype=object).tolist() for d in ("up-police", "prayagraj-dm")}
    assert shown["up-police"] == shown["prayagraj-dm"] == [
        ["2026-11-20", 1000, "up-police"], ["2026-11-21", 1100, "prayagraj-dm"], ["2026-11-22", 1200, "prayagraj-dm"]]
    # Its changes once, on the department that counts it, from every observation: each department's
    # look-ups listed its own "new account" in the feeds and events.csv.
    assert model.events[["department_id", "kind", "date"]].to_numpy(dtype=object).tolist() == [
        ["prayagraj-dm", "new_account", "2026-11-20"]]
    files = {path: text for path, text in published_files(model) if path.startswith("departments/")}
    rows = {d: sorted(files[f"departments/{d}.csv"].splitlines()[1:]) for d in ("up-police", "prayagraj-dm")}
    assert rows["up-police"] == rows["prayagraj-dm"] and len(rows["up-police"]) == 4
    assert {line.split(",")[0] for line in rows["up-police"]} == {"up-police", "prayagraj-dm"}


def test_a_shared_account_is_counted_where_its_newest_observation_is_filed(tmp_path):
    """An article's figure of the 21st filed under DM, Prayagraj, the nightly look-ups under UP
    Police up to the 22nd: DM, Prayagraj counted the account (the first by id of the departments
    with observations), and both rows showed the article's 1,100 followers as the account's
    figure today. The newest observation counts, whoever files it."""
    from generator.compute.model import build_model
    from generator.config import Config
    from generator.store.load import load_dataset

    data = police_shared_with_prayagraj(tmp_path / "data", "yes")
    with (data / "manual" / "observations.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("prayagraj-dm,x,2026-11-21,,UPPOLICE,1100,,,2026-11-21,ok,manual,https://example.org/article\n")
    handles = build_model(load_dataset(data), Config(), AS_OF).handles.set_index("department_id")
    assert handles["counted"].to_dict() == {"prayagraj-dm": False, "up-police": True}
    assert handles["followers"].tolist() == [1200, 1200]


LUCKNOW = {**DEPT, "id": "lucknow-dm", "name_en": "DM, Lucknow", "name_hi": "जिलाधिकारी, लखनऊ",
           "category": "district-admin", "district": "Lucknow"}


def _night(data, day: str, rows: list[tuple[str, int | None]]) -> None:
    """The nightly job's rows of `day` (department, followers: none for a failed look-up) and
    its record, which counts each look-up as the job made it."""
    from collections import Counter

    from generator import paths, schema

    from .helpers import write_csv
    from .test_run_record_lines import good_run

    ok = {"state": "ok", "last_post_at": f"{day}T08:00:00Z"}
    write_csv(data / paths.SNAPSHOTS / "x" / f"{day}.csv", schema.SNAPSHOT, [
        {"department_id": dept, "platform": "x", "date": day, "handle": "Uppolice", "followers": f,
         **(ok if f is not None else {"state": "error"}), "source": "x-api", "source_url": "https://x.com/Uppolice"}
        for dept, f in rows])
    run = good_run(night=day, started_at=f"{day}T21:30:00Z", finished_at=f"{day}T21:40:00Z",
                   accounts_planned=len(rows), accounts_looked_up=len(rows),
                   outcomes=dict(Counter("ok" if f is not None else "error" for _, f in rows)),
                   reads_billed=len(rows), month_reads_used=len(rows),
                   problems=[{"department_id": dept, "reason": "timeout"} for dept, f in rows if f is None])
    (data / paths.SNAPSHOTS / "x" / f"{day}.run.json").write_text(
        json.dumps({"platform": "x", "night": day, "runs": [run]}), encoding="utf-8")


MONTHLY_REPORTS = [("up-police", f"{2024 + (8 + n) // 12}-{(8 + n) % 12 + 1:02d}-15", 750) for n in range(23)]


def three_filers(root):
    """One X account of UP Police, DM, Prayagraj and DM, Lucknow, filed under all three: an
    article's figure of 10 August under DM, Lucknow (and one of August 2024, two years before),
    one of the 15th of every month from September 2024 to July 2026 and of 13 November under
    UP Police, and the nightly look-ups, made for UP Police and, on the 20th (it failed)
    and the 22nd, for DM, Prayagraj too (on the 20th that look-up failed). DM, Prayagraj counts
    it (the newest observation, the first by id of two)."""
    shared = {"platform": "x", "handle": "Uppolice", "official": "yes", "shared": "yes",
              "source_url": "https://example.org/registry"}
    data = make_data(root, [UP_POLICE, PRAYAGRAJ, LUCKNOW],
                     [{**shared, "department_id": d} for d in ("up-police", "prayagraj-dm", "lucknow-dm")],
                     [snapshot(dept, day, handle="Uppolice", followers=f, last_post_at=day)
                      for dept, day, f in (("lucknow-dm", "2024-08-15", 700), *MONTHLY_REPORTS,
                                           ("lucknow-dm", "2026-08-10", 800), ("up-police", "2026-11-13", 1000))])
    _night(data, "2026-08-31", [("up-police", 900)])
    _night(data, "2026-11-20", [("up-police", 1000), ("prayagraj-dm", None)])
    _night(data, "2026-11-22", [("up-police", 1100), ("prayagraj-dm", 1100)])
    return data


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """The built site of three_filers and its model."""
    from generator.compute.model import build_model
    from generator.config import Config
    from generator.store.load import load_dataset

    root = tmp_path_factory.mktemp("three")
    data, out = three_filers(root / "data"), root / "public"
    build(data, out, AS_OF)
    return out, build_model(load_dataset(data), Config(), AS_OF)


def test_the_health_page_counts_a_shared_account_looked_up_for_two_departments_once(three):
    """On the 22nd the nightly job looked the account up for UP Police and for DM, Prayagraj: the
    health page's accounts by state that night counted one account as two ok accounts. On the
    20th the look-up for DM, Prayagraj (which counts the account) failed and UP Police's found
    it: the night showed an error the account did not have. The good row stands for the night."""
    _, model = three
    nights = {n["night"]: n["outcomes"] for n in model.health.nights}
    assert nights["2026-11-22"] == {"ok": 1} and nights["2026-11-20"] == {"ok": 1}


def test_a_shared_account_s_figures_agree_with_the_history_every_scorecard_shows(three):
    """DM, Prayagraj counts the account; its own rows hold one count (the 22nd), so its row and
    every other said no change over 7 days and no growth, beside a history table listing the
    13th's 1,000 and the 20th's 1,000 before the 22nd's 1,100. The figures come from that
    history, and every total still holds the account once."""
    out, model = three
    rows = model.handles[model.handles["platform"] == "x"].set_index("department_id")
    assert rows["counted"].to_dict() == {"lucknow-dm": False, "prayagraj-dm": True, "up-police": False}
    for dept in ("up-police", "prayagraj-dm", "lucknow-dm"):
        assert rows.loc[dept, ["followers", "change_7d", "growth_30d", "status"]].astype(str).tolist() == [
            "1100", "100", "100", "active"]
    assert model.counts["active"] == 1 and len(model.league) == 1
    facts = text(page(out, "en/departments/lucknow-dm").split('<div class="jd-account">')[1].split("</dl>")[0])
    assert "+100" in facts
    from . import figure_checker

    assert figure_checker.check(out, out.parent / "data", AS_OF).mismatches == []


def test_a_shared_account_s_days_are_listed_one_by_one_in_one_window(three):
    """DM, Lucknow's newest observation (10 August) was the newest of its own rows, so its window
    of recent days held it: every scorecard listed 10 August among the days one by one, beside
    August's monthly row (UP Police's 31 August). One window per account, from its newest
    observation whoever filed it: 10 August is summed up in August's row.

    So are its months: DM, Lucknow's August 2024 was the second of its own months, and so listed,
    but it is the 25th of the account's, one more than the history_months (24) listed."""
    out, model = three
    for dept in ("up-police", "prayagraj-dm", "lucknow-dm"):
        recent = model.recent[model.recent["department_id"] == dept]
        monthly = model.monthly[model.monthly["department_id"] == dept]
        assert recent["date"].tolist() == ["2026-11-13", "2026-11-20", "2026-11-22"]
        assert monthly["date"].tolist() == [day for _, day, _ in MONTHLY_REPORTS] + ["2026-08-31"]
    assert "10 Aug 2026" not in _history_table(page(out, "en/departments/prayagraj-dm"))


def test_a_shared_account_keeps_every_row_of_a_day_one_department_filed():
    """A department's two rows of one day (a failed look-up and its retry) are both listed for
    an account of its own; of a shared account only one was, the retry's. Another department's
    row of that day is the one left out, for the counting department's."""
    rows = [("up-police", "2026-11-21", "ok"), ("up-police", "2026-11-22", "error"),
            ("up-police", "2026-11-22", "ok"), ("prayagraj-dm", "2026-11-22", "ok")]
    assert _listed_by_both(rows, counting="up-police") == [
        ["2026-11-21", "ok", "up-police"], ["2026-11-22", "error", "up-police"], ["2026-11-22", "ok", "up-police"]]


def _listed_by_both(rows: list[tuple[str, str, str]], counting: str) -> list[list[str]]:
    """(date, state, filed_by) of a shared account's rows (department, date, state) as UP Police
    and Prayagraj's DM, which both list it, show them (`counting` files it first); the same for both."""
    import pandas as pd

    from generator.compute.shared import as_listed

    frame = pd.DataFrame({"department_id": [r[0] for r in rows], "platform": "x", "date": [r[1] for r in rows],
                          "state": [r[2] for r in rows]})
    other = "prayagraj-dm" if counting == "up-police" else "up-police"
    shown = pd.DataFrame({"department_id": ["up-police", "up-police", "prayagraj-dm", "prayagraj-dm"],
                          "platform": "x", "filed_by": [counting, other] * 2, "rank": [0, 1, 0, 1]})
    listed = as_listed(frame, shown)
    both = [listed.loc[listed["department_id"] == d, ["date", "state", "filed_by"]].to_numpy().tolist()
            for d in ("up-police", "prayagraj-dm")]
    assert both[0] == both[1]
    return both[0]


def test_a_shared_account_s_day_is_listed_by_a_department_that_found_it():
    """On the 20th the counting department's look-up failed and UP Police's found the account:
    every scorecard listed that day as a failed look-up, by the counting department's row, where
    the health page counts the night's good row. A department that found the account stands
    for the day; one whose look-ups all failed only where none found it (the 21st)."""
    rows = [("prayagraj-dm", "2026-11-20", "error"), ("up-police", "2026-11-20", "ok"),
            ("prayagraj-dm", "2026-11-21", "error"), ("up-police", "2026-11-21", "error")]
    assert _listed_by_both(rows, counting="prayagraj-dm") == [
        ["2026-11-20", "ok", "up-police"], ["2026-11-21", "error", "prayagraj-dm"]]


def test_every_scorecard_lists_the_night_a_shared_account_was_found(three):
    """three_filers' 20th: DM, Prayagraj (counting) failed, UP Police found the account at 1,000."""
    _, model = three
    night = model.recent[model.recent["date"] == "2026-11-20"]
    assert sorted(night["department_id"]) == ["lucknow-dm", "prayagraj-dm", "up-police"]
    assert set(night["state"]) == {"ok"} and set(night["filed_by"]) == {"up-police"}
