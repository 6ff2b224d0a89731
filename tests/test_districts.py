"""One district, one name, one page: departments name their district from the district registry,
and a spelling the registry does not know is an error naming the row it meant."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from generator import paths
from generator.cli import main

from .helpers import DATA, DEPT, add_districts, build, make_data, open_page, snapshot

DEVANAGARI = re.compile("[\u0900-\u097F]")


def registry_line(state: str, name: str) -> int:
    """The line of a district in the bundled registry (the header is line 1)."""
    with (DATA / paths.DISTRICTS_CSV).open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if (row["state"], row["name_en"]) == (state, name):
                return line
    raise LookupError(name)


def validate(data) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    return result.exit_code, result.output


BIHAR = {**DEPT, "state": "IN-BR", "district": "Muzaffarpur"}


def test_a_district_in_lower_case_is_an_error_naming_the_registry_row_and_the_right_spelling(tmp_path):
    depts = [{**BIHAR, "id": "muz-police"}, {**BIHAR, "id": "muz-dm", "district": "muzaffarpur"}]
    data = make_data(tmp_path / "data", depts, [])
    code, output = validate(data)
    assert code == 1
    line = registry_line("IN-BR", "Muzaffarpur")
    assert (f"departments.csv:3: district: 'muzaffarpur' is 'Muzaffarpur' in the district registry "
            f"({data / paths.DISTRICTS_CSV}:{line}): write it so, as {data / paths.DEPARTMENTS_CSV}:2 does") in output
    assert "Traceback" not in output


def test_a_former_name_or_the_hindi_name_points_to_the_registry_name(tmp_path):
    depts = [{**DEPT, "id": "alld", "district": "Allahabad"}, {**DEPT, "id": "gkp", "district": "गोरखपुर"}]
    code, output = validate(make_data(tmp_path / "data", depts, []))
    assert code == 1
    assert "departments.csv:2: district: 'Allahabad' is 'Prayagraj' in the district registry" in output
    assert "departments.csv:3: district: 'गोरखपुर' is 'Gorakhpur' in the district registry" in output


def test_districts_written_only_in_devanagari_are_errors_not_one_page(tmp_path):
    depts = [{**DEPT, "id": "one", "district": "मेरा ज़िला"}, {**DEPT, "id": "two", "district": "दूसरा ज़िला"}]
    code, output = validate(make_data(tmp_path / "data", depts, []))
    assert code == 1
    assert "departments.csv:2: district: 'मेरा ज़िला' is not a district of IN-UP in the district registry" in output
    assert "departments.csv:3: district: 'दूसरा ज़िला' is not a district of IN-UP in the district registry" in output


def test_an_unknown_district_is_an_error_with_the_closest_names(tmp_path):
    code, output = validate(make_data(tmp_path / "data", [{**DEPT, "district": "Gorakpur"}], []))
    assert code == 1
    assert ("departments.csv:2: district: 'Gorakpur' is not a district of IN-UP in the district registry; "
            "closest: 'Gorakhpur'") in output


def test_a_district_of_another_state_is_unknown_in_this_one(tmp_path):
    code, output = validate(make_data(tmp_path / "data", [{**DEPT, "state": "IN-BR", "district": "Gorakhpur"}], []))
    assert code == 1
    assert "departments.csv:2: district: 'Gorakhpur' is not a district of IN-BR" in output


def test_district_hi_must_be_blank_or_the_registrys(tmp_path):
    depts = [{**DEPT, "id": "a", "district_hi": "गोरखपुर"}, {**DEPT, "id": "b", "district_hi": "गोरखपूर"}]
    code, output = validate(make_data(tmp_path / "data", depts, []))
    assert code == 1
    assert "departments.csv:2" not in output
    assert (f"departments.csv:3: district_hi: 'गोरखपूर' is not the registry's Hindi name 'गोरखपुर' "
            f"({tmp_path / 'data' / paths.DISTRICTS_CSV}:{registry_line('IN-UP', 'Gorakhpur')}); leave it blank"
            ) in output


def test_two_spellings_of_one_district_in_the_registry_are_an_error_naming_both(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    add_districts(data, ["Gorakh Pur"])
    code, output = validate(data)
    assert code == 1
    registry = data / paths.DISTRICTS_CSV
    last = len(registry.read_text(encoding="utf-8").splitlines())
    assert (f"districts.csv:{last}: name_en: 'Gorakh Pur' is also a name of 'Gorakhpur' "
            f"({registry}:{registry_line('IN-UP', 'Gorakhpur')}): one name, one district") in output


def test_a_registry_name_used_twice_is_named_in_its_own_column(tmp_path):
    """A new district whose Hindi name is an existing district's: the problem is in name_hi."""
    data = make_data(tmp_path / "data", [DEPT], [])
    with (data / paths.DISTRICTS_CSV).open("a", encoding="utf-8", newline="") as handle:
        handle.write("IN-UP,,,Gorakhpur East,गोरखपुर,,,https://example.org/districts,\n")
    code, output = validate(data)
    last = len((data / paths.DISTRICTS_CSV).read_text(encoding="utf-8").splitlines())
    assert code == 1 and f"districts.csv:{last}: name_hi: 'गोरखपुर' is also a name of 'Gorakhpur'" in output


def test_registry_names_that_make_one_page_or_no_page_are_errors(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    add_districts(data, ["Gorakhpur!", "नया ज़िला"])
    code, output = validate(data)
    assert code == 1
    registry = data / paths.DISTRICTS_CSV
    last = len(registry.read_text(encoding="utf-8").splitlines())
    assert (f"districts.csv:{last - 1}: name_en: 'Gorakhpur!' and 'Gorakhpur' ({registry}:"
            f"{registry_line('IN-UP', 'Gorakhpur')}) would share the page districts/in-up-gorakhpur/") in output
    assert (f"districts.csv:{last}: name_en: 'नया ज़िला' has no Latin letters or digits to make the district "
            "page's address from") in output


def test_two_registry_rows_with_one_lgd_code_are_an_error(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    with (data / paths.DISTRICTS_CSV).open("a", encoding="utf-8") as fh:
        fh.write("IN-UP,148,,Gorakhpur Two,गोरखपुर दो,,,https://example.org/x,\n")
    code, output = validate(data)
    assert code == 1
    assert f"lgd_code: LGD code 148 is also 'Gorakhpur' ({data / paths.DISTRICTS_CSV}:" in output


def test_a_data_folder_without_the_registry_is_refused(tmp_path):
    data = make_data(tmp_path / "data", [DEPT], [])
    (data / paths.DISTRICTS_CSV).unlink()
    code, output = validate(data)
    assert code == 1
    assert f"{data / paths.DISTRICTS_CSV}:0: -: file is missing" in output


def test_the_bundled_registry_covers_every_state_with_cited_hindi_names():
    with (DATA / paths.DISTRICTS_CSV).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 770
    assert {r["state"] for r in rows} >= {"IN-UP", "IN-BR", "IN-LA", "IN-DH", "IN-LD"}
    assert all(DEVANAGARI.search(r["name_hi"]) and r["source_url"].startswith("https://") for r in rows)
    by_name = {(r["state"], r["name_en"]): r for r in rows}
    assert "Allahabad" in by_name["IN-UP", "Prayagraj"]["former_names"]
    assert "Gurgaon" in by_name["IN-HR", "Gurugram"]["former_names"]
    assert "Faizabad" in by_name["IN-UP", "Ayodhya"]["former_names"]
    muzaffarpur = by_name["IN-BR", "Muzaffarpur"]
    assert (muzaffarpur["lgd_code"], muzaffarpur["wikidata"]) == ("208", "Q77731")
    assert ("IN-MP", "Mauganj") in by_name and ("IN-PB", "Malerkotla") in by_name


def test_the_muzaffarpur_page_lists_its_departments(bundled_site):
    for root in (bundled_site, bundled_site / "en"):
        page = (root / "districts" / "in-br-muzaffarpur" / "index.html").read_text(encoding="utf-8")
        for dept in ("muzaffarpur-police", "muzaffarpur-district-administration", "muzaffarpur-nagar-nigam"):
            assert f"departments/{dept}/" in page, (root, dept)
    hindi = (bundled_site / "districts" / "in-br-muzaffarpur" / "index.html").read_text(encoding="utf-8")
    assert "मुज़फ़्फ़रपुर" in hindi


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_an_address_trimmed_to_its_folder_lists_the_folders_pages(bundled_site, lang):
    """states/, districts/ and departments/ are pages of their own (a reader who trims
    departments/x/ meets a list, not the host's "not found"), each linking to every page of
    its folder (departments: by each state's list), with the site's frame and in its sitemap."""
    root = bundled_site if lang == "hi" else bundled_site / "en"
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    # The home page lists states alone: its districts are one tap away.
    assert 'href="districts/"' in (root / "index.html").read_text(encoding="utf-8")
    folders = {"states": "states", "districts": "districts", "departments": "accounts"}
    for folder, target in folders.items():
        page = (root / folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page and "md-footer" in page, folder
        assert re.search(rf"<loc>[^<]*/{folder}/</loc>", sitemap), folder
        links = set(re.findall(r'href="\.\./([^"#]+)"', page))
        listed = {f"{target}/{p.name}/" for p in (root / target).iterdir()
                  if p.is_dir() and re.fullmatch(r"in(-[a-z]+)?", p.name) and folder != "districts"}
        if folder == "districts":
            listed = {f"districts/{p.name}/" for p in (root / "districts").iterdir() if p.is_dir()}
        assert listed and listed <= links, (folder, sorted(listed - links))
        if lang == "hi":  # Hindi prose: no English word outside names and the language switch
            main = re.search(r'<article[^>]*>(.*?)</article>', page, re.S).group(1)
            assert not re.search(r">[^<]*\b(States|Districts|Departments|departments|Search)\b", main), folder


@pytest.fixture(scope="module")
def prayagraj_site(tmp_path_factory):
    """Two departments in Prayagraj; neither gives the district's Hindi name."""
    root = tmp_path_factory.mktemp("prayagraj")
    depts = [{**DEPT, "id": "pryj-police", "district": "Prayagraj"}, {**DEPT, "id": "pryj-dm", "district": "Prayagraj"}]
    data = make_data(root / "data", depts, [{"department_id": "pryj-police", "platform": "x", "official": "yes"}],
                     [snapshot("pryj-police", "2026-11-20", followers=10)])
    build(data, root / "public")
    return root / "public"


def test_district_pages_take_the_registrys_names_and_the_search_its_former_names(prayagraj_site):
    out = prayagraj_site
    page = (out / "districts" / "in-up-prayagraj" / "index.html").read_text(encoding="utf-8")
    assert "प्रयागराज" in page
    assert "departments/pryj-police/" in page and "departments/pryj-dm/" in page
    scorecard = (out / "en" / "departments" / "pryj-dm" / "index.html").read_text(encoding="utf-8")
    assert "districts/in-up-prayagraj/" in scorecard
    index = json.loads((out / "data" / "search.json").read_text(encoding="utf-8"))
    places = [index["places"][e[4]] for e in index["entries"]]
    assert all("Allahabad" in p[3] and "इलाहाबाद" in p[3] for p in places)


@pytest.mark.parametrize("query", ["Allahabad", "इलाहाबाद पुलिस"])
def test_the_search_page_finds_a_district_by_its_former_name(browser, prayagraj_site, serve, query):
    server = serve(prayagraj_site)
    page, log = open_page(browser, server.url + "search/", width=390)
    page.locator("input[type=search]").fill(query)
    page.locator("input[type=search]").press("Enter")
    page.wait_for_selector(".jd-search-results li")
    hrefs = page.locator(".jd-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../departments/pryj-police/" in hrefs, (query, hrefs)
    assert log["errors"] == []


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_district_pages_state_and_sentence_are_parts_of_a_line_with_no_dot_to_end_one(tmp_path, lang):
    # "Andhra Pradesh · 1 department account." left its dot at a line's end on a 360 px phone.
    from datetime import date

    from generator.compute.model import build_model
    from generator.config import Config
    from generator.render.context import Context
    from generator.render.directory import directory_pages
    from generator.store.load import load_dataset
    from generator.synth import synthesize

    from .helpers import REPO

    end = date(2026, 11, 20)
    synthesize(tmp_path / "data", accounts=120, days=2, seed=7, end=end)
    model = build_model(load_dataset(tmp_path / "data"), Config(), end)
    pages = [p for p in directory_pages(Context(model, lang, REPO / paths.SITE_DOCS / lang))
             if p.url.startswith("districts/")]
    assert pages
    for page in pages:
        lead = re.search(r'<p class="jd-lead[^"]*">.*?</p>', page.body, re.S).group()
        assert " · " not in lead and re.match(r'<p class="jd-lead jd-parts"><span><a href="[^"]*states/', lead), lead
