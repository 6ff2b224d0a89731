"""The directory's search index: every department, findable by either name, place (former
names included), handle, or what people call its office (titles and short forms from the
registry's titles table), in either script.

The index is data only; the matching and ranking (normalised keys, small spelling
mistakes, handles pasted as addresses) run in the browser, in assets/javascripts/search.js.
`normalise` is the same first step as that script's; a test checks both give the same result.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pandas as pd

from . import words

NUKTA = "\u093c"
# Marks whose presence varies between spellings of the same word.
DROPPED = {NUKTA, "\u200c", "\u200d"}
SELECTORS = ("state", "category", "level", "name_words")


def normalise(text: str) -> str:
    """Lower case, nukta and joiners dropped, chandrabindu as anusvara, Latin accents
    dropped, everything but letters, digits, @ and _ turned to spaces."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join("\u0902" if ch == "\u0901" else ch for ch in text
                   if ch not in DROPPED and not ("\u0300" <= ch <= "\u036f"))
    return re.sub(r"[^\w@\u0900-\u097f]+", " ", text).strip()


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _terms(cell) -> list[str]:
    return [t.strip() for t in _text(cell).split(";") if t.strip()]


def _state_only(row: dict) -> bool:
    """A row that names a whole state (UP, MP): its terms are the state's other names."""
    return bool(_text(row.get("state"))) and not any(_text(row.get(c)) for c in SELECTORS[1:])


def applies(row: dict, name: str, category: str, state: str, district: str) -> bool:
    """Whether a titles row describes a department (`name`: its normalised names, padded)."""
    if _text(row.get("state")) and row["state"] != state:
        return False
    if _text(row.get("category")) and row["category"] != category:
        return False
    level = _text(row.get("level"))
    if level and (level == "district") != bool(district):
        return False
    words_given = _terms(row.get("name_words"))
    return not words_given or any(f" {normalise(w)} " in name for w in words_given)


def directory_index(handles: pd.DataFrame, registry: pd.DataFrame, titles: pd.DataFrame,
                    district_pages: set[str], state_pages: set[str]) -> str:
    """JSON for the search page.

    `titles`: what people call offices, one list of terms per row that applies to some
    department; `states`: each state's names in both languages and its short forms, and
    whether it has a page; `places`: every registry district (state, English, Hindi and
    former names, page key when it has a page), so a query naming a district with no
    department still leads somewhere; `entries`: one per department (id, Hindi and English
    names, state, place number or -1, handles, status, category, title numbers).
    """
    rows = titles.to_dict("records") if len(titles) else []
    states = {code: [hi, en] for code, (hi, en) in words.STATE.items()}
    for row in rows:
        if _state_only(row) and row["state"] in states:
            states[row["state"]] += _terms(row["terms"])
    office_rows = [row for row in rows if not _state_only(row)]
    places, place_of = [], {}
    for state, name_en, name_hi, former, key in registry.reindex(
            columns=["state", "name_en", "name_hi", "former_names", "key"]).itertuples(index=False):
        if not isinstance(state, str) or not isinstance(name_en, str):
            continue
        place_of[(state, name_en)] = len(places)
        places.append([state, name_en, _text(name_hi), _text(former), key if key in district_pages else ""])
    firsts = handles.drop_duplicates("department_id")
    named = handles.dropna(subset=["handle"]).drop_duplicates(["department_id", "handle"])
    handles_of = ("@" + named["handle"]).groupby(named["department_id"], sort=False).agg(" ".join).to_dict()
    columns = ["department_id", "department_name_hi", "department_name_en", "state", "district", "status", "category"]
    used: dict[int, int] = {}
    entries = []
    for dept_id, name_hi, name_en, state, district, status, category in \
            firsts.reindex(columns=columns).itertuples(index=False):
        name = f" {normalise(f'{name_hi} {name_en}')} "
        district = _text(district)
        found = [used.setdefault(n, len(used)) for n, row in enumerate(office_rows)
                 if applies(row, name, category, state, district)]
        entries.append([dept_id, name_hi, name_en, state, place_of.get((state, district), -1),
                        handles_of.get(dept_id, ""), status, category, found])
    # Only the rows some department has, numbered in the order first used.
    shipped = [_terms(office_rows[n]["terms"]) for n, _ in sorted(used.items(), key=lambda kv: kv[1])]
    return json.dumps({"version": 2, "titles": shipped,
                       "states": {code: [names, code in state_pages] for code, names in states.items()},
                       "places": places, "entries": entries},
                      ensure_ascii=False, separators=(",", ":"))
