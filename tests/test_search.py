"""The directory search as a reader uses it: titles and short forms, misspellings, former
place names and handles, in both scripts, among thousands of departments.

The ranking runs in the browser (assets/javascripts/search.js); here the same file runs
under Node on the index the build writes, so what is tested is what readers run.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.search_index import mixed_index
from generator import paths

from .helpers import copy_bundled

SEARCH_JS = paths.THEME_ASSETS / "javascripts" / "search.js"
NODE = shutil.which("node") or shutil.which("nodejs")
SYNTHETIC = 5_000
# Bytes of search.json at 5,000 departments: 1.22 MB, 200 KB compressed when measured
# (python -m benchmarks.search_index, benchmarks/README.md); the cap leaves a tenth for growth.
CAP_5000 = 1_350_000
CAP_5000_GZIP = 220_000

# Query, and the department meant: an id of the bundled registry, or (category, state,
# district) for the synthetic departments of that kind and place (any of them is right).
QUERIES = [
    ("गोरखपुर एसपी", "gorakhpur-police"), ("gorakhpur sp", "gorakhpur-police"), ("Gorakhpur SSP", "gorakhpur-police"),
    ("gorakpur ssp", "gorakhpur-police"), ("गोरखपुर पुलिस कप्तान", "gorakhpur-police"),
    ("गोरखपुर एसएसपी", "gorakhpur-police"), ("goraknpur police", "gorakhpur-police"),
    ("DM Gorakhpur", "gorakhpur-dm"), ("गोरखपुर डीएम", "gorakhpur-dm"), ("जिलाधिकारी गोरखपुर", "gorakhpur-dm"),
    ("ज़िलाधिकारी गोरखपुर", "gorakhpur-dm"), ("collector gorakhpur", "gorakhpur-dm"),
    ("कलेक्टर गोरखपुर", "gorakhpur-dm"), ("gorakhpur district magistrate", "gorakhpur-dm"),
    ("DM of Gorakhpur", "gorakhpur-dm"), ("गोरखपुर के डीएम", "gorakhpur-dm"),
    ("gorakhpur commissioner", "gorakhpur-commissioner"), ("मंडलायुक्त गोरखपुर", "gorakhpur-commissioner"),
    ("IG gorakhpur", "gorakhpur-ig-zone"), ("आईजी गोरखपुर", "gorakhpur-ig-zone"),
    ("DIG Gorakhpur", "gorakhpur-dig-range"), ("डीआईजी रेंज गोरखपुर", "gorakhpur-dig-range"),
    ("SP City Gorakhpur", "gorakhpur-sp-city"), ("CO Cantt", "gorakhpur-co-cantt"), ("सीओ कैंट", "gorakhpur-co-cantt"),
    ("UP police", "up-police"), ("यूपी पुलिस", "up-police"), ("uttar pradesh police", "up-police"),
    ("उत्तर प्रदेश पुलिस", "up-police"), ("@Uppolice", "up-police"), ("uppolice", "up-police"),
    ("https://x.com/Uppolice", "up-police"), ("https://twitter.com/Uppolice?ref_src=twsrc", "up-police"),
    ("x.com/uppolice", "up-police"), ("muzaffarpur sp", "muzaffarpur-police"),
    ("मुज़फ़्फ़रपुर एसएसपी", "muzaffarpur-police"), ("muzzafarpur police", "muzaffarpur-police"),
    ("मुजफरपुर पुलिस", "muzaffarpur-police"), ("muzafarpur dm", "muzaffarpur-district-administration"),
    ("मुजफ्फरपुर जिला प्रशासन", "muzaffarpur-district-administration"),
    ("muzaffarpur collector", "muzaffarpur-district-administration"),
    ("muzaffarpur nagar nigam", "muzaffarpur-nagar-nigam"), ("मुजफ्फरपुर नगर निगम", "muzaffarpur-nagar-nigam"),
    ("muzaffarpur municipal corporation", "muzaffarpur-nagar-nigam"),
    ("muzaffarpur smart city", "muzaffarpur-smart-city"), ("MSCL", "muzaffarpur-smart-city"),
    ("muzaffarpur rail police", "muzaffarpur-rail-police"), ("NBPDCL", "nbpdcl"), ("bihar bijli", "nbpdcl"),
    ("बिहार बिजली", "nbpdcl"), ("north bihar power", "nbpdcl"),
    ("haryana CM", {"haryana-cm", "haryana-chief-minister-office", "hr-cm-office"}),
    ("हरियाणा मुख्यमंत्री", {"haryana-cm", "haryana-chief-minister-office", "hr-cm-office"}),
    ("bihar eou", "bihar-eou"), ("आर्थिक अपराध इकाई", "bihar-eou"),
    ("MP CM", {"madhya-pradesh-chief-minister-office", "mp-cm-office"}),
    ("एमपी मुख्यमंत्री", {"madhya-pradesh-chief-minister-office", "mp-cm-office"}),
    ("Ministry of Finance", "union-ministry-of-finance"), ("वित्त मंत्रालय", "union-ministry-of-finance"),
    ("ministry of helth", "union-ministry-of-health-and-family-welfare"),
    ("prime minister office", "union-prime-ministers-office"),
    ("allahabad police", ("police", "IN-UP", "Prayagraj")), ("इलाहाबाद पुलिस", ("police", "IN-UP", "Prayagraj")),
    ("prayagrj sp", ("police", "IN-UP", "Prayagraj")), ("gurgaon police", ("police", "IN-HR", "Gurugram")),
    ("गुड़गांव पुलिस", ("police", "IN-HR", "Gurugram")), ("lucknow nagar nigam", ("urban-local-body", "IN-UP", "Lucknow")),
    ("लखनऊ एसएसपी", ("police", "IN-UP", "Lucknow")), ("luckhnow dm", ("administration", "IN-UP", "Lucknow")),
    ("banaras police", ("police", "IN-UP", "Varanasi")), ("बनारस एसपी", ("police", "IN-UP", "Varanasi")),
    ("calcutta police", ("police", "IN-WB", "Kolkata")), ("bombay police", ("police", "IN-MH", "Mumbai City")),
    ("patna bijli", ("electricity", "IN-BR", "Patna")), ("पटना बिजली", ("electricity", "IN-BR", "Patna")),
    ("patna cmo", ("health", "IN-BR", "Patna")), ("madras collector", ("administration", "IN-TN", "Chennai")),
    ("सारन पुलिस", ("police", "IN-BR", "Saran")), ("सारण पुलिस", ("police", "IN-BR", "Saran")),
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The bundled registry mixed into a 5,000-department synthetic index."""
    text, handles = mixed_index(SYNTHETIC)
    path = tmp_path_factory.mktemp("search") / "search.json"
    path.write_text(text, encoding="utf-8")
    return path, handles


RUNNER = """
const search = require(process.argv[1]);
const fs = require("fs");
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const index = new search.Index(data, JSON.parse(process.argv[3]));
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const out = queries.map(q => {
  const found = index.search(q);
  return {top: found.results.slice(0, 3).map(r => r.entry[0]), partial: found.partial,
          places: index.places(q).map(p => p.kind === "district" ? p.key || p.name_en : "states/" + p.state)};
});
process.stdout.write(JSON.stringify(out));
"""


def run_node(index: Path, queries: list[str]) -> list[dict]:
    if not NODE:
        pytest.skip("node is not installed (apt-get install nodejs)")
    from generator.render import words

    names = {"categoryNames": {k: list(v) for k, v in words.CATEGORY.items()},
             "statusNames": {k: list(v) for k, v in words.STATUS.items()}}
    result = subprocess.run([NODE, "-e", RUNNER, str(SEARCH_JS), str(index), json.dumps(names)],
                            input=json.dumps(queries), capture_output=True, text=True, check=True, timeout=300)
    return json.loads(result.stdout)


def expected_ids(meant, handles: pd.DataFrame) -> set[str]:
    if isinstance(meant, str):
        return {meant}
    if isinstance(meant, set):
        return meant
    category, state, district = meant
    rows = handles[(handles["category"] == category) & (handles["state"] == state) & (handles["district"] == district)]
    return set(rows["department_id"])


def test_the_query_set_covers_both_scripts_titles_misspellings_places_and_handles():
    texts = [q for q, _ in QUERIES]
    assert len(texts) >= 60 and len(set(texts)) == len(texts)
    devanagari = [q for q in texts if any("\u0900" <= c <= "\u097f" for c in q)]
    assert len(devanagari) >= 20 and len(texts) - len(devanagari) >= 20
    assert sum("x.com/" in q or "twitter.com/" in q for q in texts) >= 3


def test_the_right_department_is_in_the_first_three_for_95_percent_of_queries(mixed):
    index, handles = mixed
    assert handles["department_id"].nunique() > SYNTHETIC
    for _, meant in QUERIES:
        assert expected_ids(meant, handles), meant  # every query has a department it means
    found = run_node(index, [q for q, _ in QUERIES])
    misses = [(q, f["top"]) for (q, meant), f in zip(QUERIES, found, strict=True)
              if not expected_ids(meant, handles) & set(f["top"])]
    assert len(misses) <= 0.05 * len(QUERIES), misses


def test_a_query_naming_a_place_without_departments_leads_to_its_district_and_state(mixed):
    index, _ = mixed
    prayagraj, nowhere, bihar = run_node(index, ["इलाहाबाद डीएम", "xyzzy qwerty", "bihar"])
    assert prayagraj["places"][:2] == ["Prayagraj", "states/IN-UP"]
    assert nowhere == {"top": [], "partial": False, "places": []}
    assert "states/IN-BR" in bihar["places"]


def test_the_index_is_capped_at_5000_departments(mixed):
    index, handles = mixed
    data = index.read_bytes()
    assert len(data) <= CAP_5000 and len(gzip.compress(data)) <= CAP_5000_GZIP, (len(data), len(gzip.compress(data)))


def test_a_bad_titles_row_is_reported_with_its_file_and_line(tmp_path):
    from generator.problems import DataError
    from generator.store.load import load_dataset

    data = copy_bundled(tmp_path / "data")
    path = data / paths.TITLES_CSV
    path.write_text(path.read_text(encoding="utf-8")
                    + "everyone,,,,,boss,https://example.org/\n"
                    + "bad-state,IN-XX,,,,UP,https://example.org/\n"
                    + "no-source,,police,,,thana;;chowki,\n", encoding="utf-8")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataError) as error:
        load_dataset(data)
    text = str(error.value)
    assert f"titles.csv:{lines - 2}" in text and "would name every department" in text
    assert f"titles.csv:{lines - 1}" in text and "IN-XX" in text
    assert f"titles.csv:{lines}" in text and "source_url" in text and "name 2" in text
