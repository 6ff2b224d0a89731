"""Hostile input and faults, as an attacker or a killed machine would bring them."""

import csv
import io
import os
import stat
import time
from html.parser import HTMLParser

import pandas as pd
import pytest
from click.testing import CliRunner

from generator import paths, pipeline, schema
from generator.cli import main
from generator.publish import build as publish_build
from generator.publish.build import WORK_PREFIX

from .helpers import DEPT, add_districts, build, make_data, snapshot, write_csv


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("character, code", [("\x7f", "U+007F"), ("\u202e", "U+202E"), ("\x00", "U+0000"),
                                             ("\ufdd0", "U+FDD0"), ("\x0b", "U+000B"), ("\u2066", "U+2066"),
                                             ("\u2028", "U+2028"), ("\u3164", "U+3164"), ("\u2800", "U+2800"),
                                             ("\U000e0031", "U+E0031")])
def test_control_bidi_and_non_characters_are_refused_with_their_place(tmp_path, character, code):
    data = make_data(tmp_path / "data", [{**DEPT, "name_en": f"Police{character}Gorakhpur"}], [])
    result = run("validate", "--data", str(data))
    assert result.exit_code == 1
    assert f"departments.csv:2: name_en: holds the character {code} at position 7" in result.output


@pytest.mark.parametrize("reason_hi, refused", [("गिनती \u202eउलटी", "holds the character U+202E at position 7"),
                                               ("प्रौद्\u200cयोगिकी विभाग की गिनती ग़लत उतरी", None)])
def test_a_corrections_hindi_reason_is_checked_as_hand_entered_text(tmp_path, reason_hi, refused):
    """The Hindi reason is typed by hand as the English one is: a bidi control is refused with
    its place, and Hindi with its joiners passes."""
    data = make_data(tmp_path / "data", [DEPT], [])
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [
        {"date": "2026-11-20", "department_id": DEPT["id"], "figure": "followers", "new_value": "2",
         "reason": "Misread", "reason_hi": reason_hi, "source_url": "https://example.org/x"}])
    result = run("validate", "--data", str(data), "--no-audit")
    if refused:
        assert result.exit_code == 1
        assert f"corrections.csv:2: reason_hi: {refused}" in result.output
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("character, code", [("\u200b", "U+200B"), ("\u00ad", "U+00AD"), ("\u2060", "U+2060"),
                                             ("\u2063", "U+2063"), ("\u034f", "U+034F"), ("\ufff9", "U+FFF9"),
                                             ("\ufffb", "U+FFFB"), ("\u206a", "U+206A"), ("\u0600", "U+0600"),
                                             ("\U000110bd", "U+110BD"), ("\U0001d173", "U+1D173")])
def test_an_invisible_mark_inside_a_name_is_refused_and_a_note_may_keep_it(tmp_path, character, code):
    """"Gorakh<U+200B>pur" prints as Gorakhpur, but search and every comparison read two words.
    Every format character (Unicode category Cf) but the two joiners is such a mark: the
    interlinear annotation marks (U+FFF9-FFFB), the deprecated shaping controls, number signs."""
    data = make_data(tmp_path / "data", [{**DEPT, "name_en": f"Gorakh{character}pur Police"}], [])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [
        {"id": "s1", "title": f"Gorakh{character}pur", "publication": "Report", "published_on": "2026-11-20",
         "note": f"As pasted: Gorakh{character}pur"}])
    result = run("validate", "--data", str(data), "--no-audit")
    assert result.exit_code == 1
    assert f"departments.csv:2: name_en: holds the invisible character {code} at position 7, which a name may " \
           "not contain" in result.output
    assert "sources.csv" not in result.output, result.output


def names_data(tmp_path, terms: str, publication: str):
    """A data folder with one titles row (`terms` its name words and terms) and one source
    (`publication` its publication in both languages): each on line 2 of its file."""
    data = make_data(tmp_path / "data", [DEPT], [])
    write_csv(data / paths.TITLES_CSV, schema.TITLES, [
        {"id": "sp", "category": "police", "name_words": terms, "terms": terms, "source_url": "https://example.org/"}])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [
        {"id": "s1", "title": "Report", "publication": publication, "publication_hi": publication,
         "published_on": "2026-11-20"}])
    return data


@pytest.mark.parametrize("character, code", [("\u200b", "U+200B"), ("\u2060", "U+2060"), ("\u00ad", "U+00AD"),
                                             ("\u034f", "U+034F")])
def test_an_invisible_mark_in_a_search_term_or_a_publication_is_refused_with_its_place(tmp_path, character, code):
    """Search terms are matched as names are ("SP<U+2060>" would never match SP) and a
    publication is printed as a name on badges, pages and sources.csv: the name rule, with the
    file, line and column of each."""
    data = names_data(tmp_path, f"SP; Gorakh{character}pur", f"Gorakh{character}pur Times")
    result = run("validate", "--data", str(data), "--no-audit")
    assert result.exit_code == 1
    for where, at in (("titles.csv:2: terms", 11), ("titles.csv:2: name_words", 11),
                      ("sources.csv:2: publication", 7), ("sources.csv:2: publication_hi", 7)):
        assert f"{where}: holds the invisible character {code} at position {at}, which a name may not contain" \
            in result.output, result.output


@pytest.mark.parametrize(("terms", "publication"), [
    ("एस.पी.; एसएसपी; पुलिस-अधीक्षक; प्रौद्\u200cयोगिकी; मुज़फ़्\u200dफ़रपुर पुलिस; S.S.P.; Sr. Supdt.-of-Police",
     "दैनिक जागरण, मुज़फ़्\u200dफ़रपुर"),
    ("Dy. S.P.; thana-prabhari; थाना प्रभारी; A.S.P. (City); जिलाधिकारी \U0001f46e\ufe0f",
     "Prabhat Khabar Digital Desk - Muzaffarpur (e-paper)"),
    ("विज्ञान एवं प्रौद्\u200cयोगिकी; नॉर्थ बिहार पावर डिस्ट्री\u200dब्यूशन", "The Times of India · Lucknow")])
def test_hindi_and_english_search_terms_and_publications_pass_as_names(tmp_path, terms, publication):
    """ZWJ and ZWNJ are Devanagari spelling; dots, hyphens and brackets are how short forms and
    publications are written: the name rule lets them through."""
    result = run("validate", "--data", str(names_data(tmp_path, terms, publication)), "--no-audit")
    assert result.exit_code == 0, result.output


# Names of data/registry/departments.csv as Hindi keyboards and converters often write them:
# ZWNJ keeps a virama visible (प्रौद्<ZWNJ>योगिकी), ZWJ asks for a half form (मुज़फ़्<ZWJ>फ़रपुर).
# No registry name holds one today; the next clerk's may.
@pytest.mark.parametrize("name", ["विज्ञान एवं प्रौद्\u200cयोगिकी विभाग", "मुज़फ़्\u200dफ़रपुर पुलिस",
                                  "नॉर्थ बिहार पावर डिस्ट्री\u200dब्यूशन कंपनी लिमिटेड (एनबीपीडीसीएल)",
                                  "जिलाधिकारी गोरखपुर \U0001f46e\ufe0f"])
def test_hindi_names_with_their_joiners_and_a_variation_selector_pass_as_names(tmp_path, name):
    """ZWJ and ZWNJ are Devanagari spelling, and a variation selector (U+FE0F, a mark, not a
    format character) only picks how an emoji is drawn: the name check lets them through."""
    data = make_data(tmp_path / "data", [{**DEPT, "name_hi": name, "district_hi": name}], [])
    result = run("validate", "--data", str(data), "--no-audit")
    assert "invisible character" not in result.output and "may not contain" not in result.output, result.output


@pytest.mark.parametrize("name", ["ज़िला पुलिस, फ़र्रुख़ाबाद", "क्ष‍त्र और स‌रकार", "জেলা প্রশাসন",
                                  "மாவட்ட ஆட்சியர்", "ضلع انتظامیہ", "ਜ਼ਿਲ੍ਹਾ ਪ੍ਰਸ਼ਾਸਨ", "Police · 112 — “Helpline” 👮"])
def test_text_of_india_s_scripts_passes_the_cell_check(tmp_path, name):
    """What a cell refuses (controls, separators, invisible letters) is not what Indian
    scripts, their joiners and common punctuation are made of."""
    data = make_data(tmp_path / "data", [{**DEPT, "name_en": name}], [])
    result = run("validate", "--data", str(data), "--no-audit")
    assert "which a cell may not contain" not in result.output, result.output


class Attributes(HTMLParser):
    """Event-handler attributes and javascript: links, and images, as a browser would see them."""

    def __init__(self):
        super().__init__()
        self.bad, self.images = [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")
        if tag == "img":
            self.images.append(attrs)


MARKUP = ['Police {: onclick="alert(1)" }', "[click](javascript:alert(2))", '<a href="javascript:alert(3)">x</a>',
          "---\\ntitle: owned", "Police: {# onload=alert(4) #}", "*emph* `code` ![i](x.png)"]


def test_markup_in_names_never_becomes_markup(tmp_path):
    depts = [{**DEPT, "id": f"d{i}", "name_en": text, "name_hi": text, "district": text}
             for i, text in enumerate(MARKUP)]
    accounts = [{"department_id": f"d{i}", "platform": "x", "official": "yes"} for i in range(len(MARKUP))]
    data = make_data(tmp_path / "data", depts, accounts,
                     [snapshot(f"d{i}", "2026-11-20", followers=10 + i, source_url=f"source:s{i}")
                      for i in range(len(MARKUP))])
    add_districts(data, MARKUP)  # a hostile registry row is shown as text too
    # And a source's publication (on its badge) and note (on its scorecard).
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [
        {"id": f"s{i}", "title": "Report", "publication": text, "published_on": "2026-11-20", "note": text}
        for i, text in enumerate(MARKUP)])
    out = tmp_path / "public"
    build(data, out)
    for badge in out.rglob("badges/**/*.svg"):
        found = Attributes()
        found.feed(badge.read_text(encoding="utf-8"))
        assert not found.bad and not found.images and "<script" not in badge.read_text(encoding="utf-8"), badge
    for page in out.rglob("*.html"):
        found = Attributes()
        found.feed(page.read_text(encoding="utf-8"))
        assert not [a for a in found.bad if "alert" in a], (page, found.bad)
        # The one image a page may have is a scorecard's own badge, never one from a name.
        assert not [a for a in found.images if "badges/" not in dict(a)["src"]], page
    scorecard = (out / "en" / "departments" / "d0" / "index.html").read_text(encoding="utf-8")
    assert "Police {: onclick=&#34;alert(1)&#34; }" in scorecard
    assert "<title>Police {: onclick=&#34;alert(1)&#34; } - " in scorecard
    assert '<summary>How this source was read</summary><p>Police {: onclick=&#34;alert(1)&#34; }</p>' in scorecard


def test_no_published_cell_is_a_formula_and_numbers_stay_numbers(tmp_path):
    formulas = ['=HYPERLINK("http://evil.example","x")', "+1234", "-SUM(A1)", "@(1+1)", "=1+1"]
    # The last two would share one district page (districts/in-up-1-1/): districts for the first three only.
    depts = [{**DEPT, "id": f"f{i}", "name_en": text, "name_hi": text, "district": text if i < 3 else "Gorakhpur"}
             for i, text in enumerate(formulas)]
    accounts = [{"department_id": "f0", "platform": "x", "official": "yes"}]
    data = make_data(tmp_path / "data", depts, accounts, [
        snapshot("f0", "2026-10-20", followers=130), snapshot("f0", "2026-11-20", followers=100)])
    add_districts(data, formulas[:3])
    # A source's publication is a name published in sources.csv too.
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [
        {"id": "s0", "title": "Report", "publication": formulas[0], "publication_hi": formulas[3],
         "published_on": "2026-11-20"}])
    out = tmp_path / "public"
    build(data, out)
    for path in (out / "data").rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path, cell)
                assert not cell.startswith("-") or cell.lstrip("-").isdigit(), (path, cell)
    handles = pd.read_csv(out / "data" / "handles.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False).set_index("department_id")
    assert handles.loc["f0", "department_name_en"] == "'" + formulas[0]
    assert handles.loc["f2", "district"] == "'-SUM(A1)"
    assert handles.loc["f0", "change_30d"] == "-30"  # a number, not text
    sources = pd.read_csv(out / "data" / "sources.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(sources["publication"]) == ["'" + formulas[0]] and list(sources["publication_hi"]) == ["'@(1+1)"]


def test_published_files_are_readable_by_a_web_server(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    out = tmp_path / "public"
    old = os.umask(0o077)  # even under a strict umask
    try:
        build(data, out)
    finally:
        os.umask(old)
    for path in (out / "data").rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path


def test_a_killed_build_leaves_nothing_the_next_build_keeps(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    abandoned = tmp_path / f"{WORK_PREFIX}killed"
    (abandoned / "site").mkdir(parents=True)
    (abandoned / "pid").write_text("999999999")
    build(data, tmp_path / "public")
    assert not abandoned.exists()
    assert not list(tmp_path.glob(f"{WORK_PREFIX}*"))
    assert not list(tmp_path.glob(".*.old"))


def test_the_remover_of_a_replaced_site_lets_go_of_the_builds_output(tmp_path, monkeypatch):
    # A caller reading the build's output through a pipe (a CI step, a log) waits for the
    # pipe to close: a remover holding it would make every night wait for the deletion.
    seen = tmp_path / "streams"

    def remove(folder, ignore_errors=False):
        seen.write_text(" ".join(os.readlink(f"/proc/self/fd/{n}") for n in (0, 1, 2)))

    monkeypatch.setattr(publish_build.shutil, "rmtree", remove)  # the forked remover runs this
    (tmp_path / "previous" / "p").mkdir(parents=True)
    publish_build._discard(tmp_path / "previous", tmp_path)
    for _ in range(200):
        if seen.exists() and seen.read_text():
            break
        time.sleep(0.05)
    assert seen.read_text() == " ".join([os.devnull] * 3)


@pytest.mark.parametrize("state", ['=HYPERLINK("http://evil.example","x")', "state", ""])
def test_a_district_row_whose_state_is_refused_is_reported_with_its_line(tmp_path, state):
    """A formula, a repeated header row or a blank in the district registry's state column is
    one problem with its place; the rows after it are still checked."""
    data = make_data(tmp_path / "data", [DEPT], [])
    add_districts(data, ["Basti"], state=state)
    line = len((data / paths.DISTRICTS_CSV).read_text(encoding="utf-8").splitlines())
    result = run("validate", "--data", str(data), "--no-audit")
    assert result.exit_code == 1
    assert f"districts.csv:{line}: state:" in result.output, result.output


@pytest.mark.parametrize("option, args", [
    ("--out", ["build", "--out", "{file}/site"]), ("--store", ["build", "--store", "{file}/store"]),
    ("--dump", ["build", "--stop-after", "load", "--dump", "{file}/dump/load"]),
    ("--out", ["synth", "--accounts", "1", "--days", "1", "--out", "{file}/synthetic"])])
def test_a_folder_asked_for_under_a_file_is_refused_naming_the_file(tmp_path, option, args):
    """A path mistyped through a file (site.zip/public) is one line naming the option and the
    file, not a crash halfway through making folders."""
    data = make_data(tmp_path / "data", [DEPT], [])
    file = tmp_path / "notes.txt"
    file.write_text("kept\n")
    args = [a.format(file=file) for a in args]
    if args[0] == "build":
        args += ["--data", str(data)] + ([] if "--out" in args else ["--out", str(tmp_path / "public")])
    result = run(*args)
    assert result.exit_code == 1
    assert f"{option}: {file} is a file, not a folder" in result.output, result.output
    assert file.read_text() == "kept\n" and not (tmp_path / "public").exists()


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no file can be made")
@pytest.mark.parametrize("args, said", [
    (["build", "--out", "/proc/site"], "/proc/site:0: --out: cannot be made in /proc (No such file or directory)"),
    (["build", "--stop-after", "load", "--dump", "/proc/dump"], "/proc/dump:0: --dump: cannot be made (No such file"),
    (["synth", "--accounts", "1", "--days", "1", "--out", "/proc/synth"], "/proc/synth:0: --out: cannot be made (No")])
def test_a_folder_that_cannot_be_made_is_one_line_naming_it(tmp_path, args, said):
    """/proc exists and holds no new file: mkdir fails with ENOENT, which is no full or
    read-only disk; still the operator's folder to change, not a traceback."""
    if args[0] == "build":
        args += ["--data", str(make_data(tmp_path / "data", [DEPT], [])), "--as-of", "2026-11-24"]
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.exception  # not a crash
    assert said in result.output, result.output


class DataRead(Exception):
    """Raised where a build would read its data folder."""


PROC = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no file can be made")


@pytest.mark.parametrize("args, said", [
    pytest.param(["--out", "/proc/site"], "/proc/site:0: --out: cannot be made in /proc (No such file", marks=PROC),
    pytest.param(["--stop-after", "render", "--out", "/proc/site"], "/proc/site:0: --out: cannot be made in /proc",
                 marks=PROC),
    pytest.param(["--stop-after", "compute", "--dump", "/proc/dump"], "/proc/dump:0: --dump: cannot be made (No such",
                 marks=PROC),
    (["--out", "{foreign}"], "--out: is not empty and was not built by jawabdehi"),
    (["--baseline", "{notes}"], "notes.txt:1: --baseline: not JSON"),
    # Let through: a new folder, a bad baseline on the first night, an output the step never locks.
    (["--out", "{tmp}/new/site"], None),
    (["--first-night", "--baseline", "{notes}"], None),
    (["--stop-after", "load", "--dump", "{tmp}/new/dump"], None),
    pytest.param(["--stop-after", "compute", "--out", "/proc/site"], None, marks=PROC)])
def test_a_folder_or_baseline_the_night_would_stop_at_is_refused_before_its_data_are_read(tmp_path, monkeypatch,
                                                                                         args, said):
    """Refused at the lock, these came after minutes of reading and computing (10,000 accounts)."""
    def unread(*_args, **_kwargs):
        raise DataRead
    monkeypatch.setattr(pipeline, "load", unread)
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "mine.txt").write_text("kept\n")
    (tmp_path / "notes.txt").write_text("kept\n")
    args = [a.format(tmp=tmp_path, foreign=tmp_path / "foreign", notes=tmp_path / "notes.txt") for a in args]
    args += [] if "--out" in args else ["--out", str(tmp_path / "public")]
    result = CliRunner().invoke(main, ["build", "--data", str(make_data(tmp_path / "data", [DEPT], [])),
                                       "--as-of", "2026-11-24", "--store", str(tmp_path / "store"), *args])
    if said is None:
        assert isinstance(result.exception, DataRead), result.output
    else:
        assert result.exit_code == 1 and not isinstance(result.exception, DataRead), result.output
        assert said in result.output, result.output


@pytest.mark.parametrize("args", [["build"], ["withdraw-complaints", "--department", DEPT, "--channel",
                                                          "x", "--month", "2026-11", "--reason", "typo"],
                                  ["nightly"], ["takedown", "registry/x.csv:2:name"]])
def test_a_day_after_today_is_refused_as_an_export_day_is(tmp_path, args):
    """Only the command line knows today: a build, a note or a tombstone dated after it is
    refused in the words that refuse an export taken after today."""
    data = make_data(tmp_path / "data", [DEPT], [])
    option = "--as-of" if args[0] in ("build", "withdraw-complaints") else "--date"
    result = CliRunner().invoke(main, [*args, "--data", str(data), option, "9999-12-31"])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': 9999-12-31 is after today (" in result.output, result.output


def test_a_new_folder_under_new_folders_is_made(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    result = run("build", "--data", str(data), "--out", str(tmp_path / "a" / "b" / "public"), "--stop-after", "load",
                 "--dump", str(tmp_path / "c" / "d" / "dump"), "--store", str(tmp_path / "e" / "f" / "store"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "d" / "dump").is_dir()


def test_a_hand_edited_file_without_a_last_line_end_is_warned_of_and_whole_ones_are_not(tmp_path):
    """Cut after "…,2023," a row still reads as a table, its last cell lost: only the missing
    line end tells. A whole file with one (LF or CR LF) and an empty file get no warning."""
    data = make_data(tmp_path / "data", [DEPT], [])
    (data / paths.REGISTRY / "extra.csv").write_bytes(b"")  # unknown files are the loader's to report
    whole = run("validate", "--data", str(data), "--no-audit")
    assert "has no line end" not in whole.output, whole.output
    departments = data / paths.DEPARTMENTS_CSV
    departments.write_bytes(departments.read_bytes().replace(b"\n", b"\r\n"))
    assert "has no line end" not in run("validate", "--data", str(data), "--no-audit").output
    departments.write_bytes(departments.read_bytes().rstrip(b"\r\n"))
    cut = run("validate", "--data", str(data), "--no-audit")
    assert f"warning: {departments} has no line end after its last row: check the row is whole" in cut.output


@pytest.mark.parametrize("section", ["[statuss]", "[[statuss]]"])
def test_an_unknown_section_is_named_on_its_own_line(tmp_path, section):
    data = make_data(tmp_path / "data", [DEPT], [])
    config = data / paths.CONFIG_TOML
    config.write_text(config.read_text(encoding="utf-8") + f"\n{section}\nx = 1\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines()) - 1
    result = run("validate", "--data", str(data), "--no-audit")
    assert f"config.toml:{line}: [statuss]: unknown section" in result.output, result.output
