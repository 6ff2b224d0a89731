"""The directory's search index: every department, findable by either name, place, handle
or a common short form, in either script and with or without nukta.

The same `normalise` runs in the browser (assets/javascripts/search.js) on what a reader
types; a test checks both give the same result.
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


def normalise(text: str) -> str:
    """Lower case, nukta and joiners dropped, chandrabindu as anusvara, Latin accents
    dropped, everything but letters, digits, @ and _ turned to spaces."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join("\u0902" if ch == "\u0901" else ch for ch in text
                   if ch not in DROPPED and not ("\u0300" <= ch <= "\u036f"))
    return re.sub(r"[^\w@\u0900-\u097f]+", " ", text).strip()


def synonym_groups(text: str, category: str) -> list[int]:
    """Which groups of short forms a department is found by (indexes into SEARCH_SYNONYMS)."""
    padded = f" {text} "
    return [n for n, (triggers, categories, _) in enumerate(words.SEARCH_SYNONYMS)
            if category in categories or any(f" {normalise(t)} " in padded for t in triggers)]


def directory_index(handles: pd.DataFrame) -> str:
    """JSON for the search page: one compact entry per department. The page builds each
    entry's search text from these fields and the words it carries (state, category and
    status names in both languages, and the short forms of each synonym group)."""
    entries = []
    for dept_id, rows in handles.groupby("department_id", sort=False):
        first = rows.iloc[0]
        handles_seen = " ".join(f"@{h}" for h in rows["handle"].dropna().unique())
        district = first["district"] if pd.notna(first["district"]) else ""
        district_hi = first.get("district_hi") if pd.notna(first.get("district_hi")) else ""
        names = normalise(f"{first['department_name_hi']} {first['department_name_en']}")
        entries.append([dept_id, first["department_name_hi"], first["department_name_en"], first["state"], district,
                        district_hi, handles_seen, first["status"], first["category"],
                        synonym_groups(names, first["category"])])
    return json.dumps({"version": 1, "entries": entries}, ensure_ascii=False, separators=(",", ":"))


def search_text(entry: list, state_names: dict, category_names: dict, status_names: dict) -> str:
    """What the page matches an entry against (the same composition as search.js)."""
    _, name_hi, name_en, state, district, district_hi, handles, status, category, groups = entry
    parts = [name_hi, name_en, district, district_hi, " ".join(state_names.get(state, ())), handles,
             " ".join(category_names.get(category, ())), " ".join(status_names.get(status, ()))]
    parts += [words.SEARCH_SYNONYMS[g][2] for g in groups]
    return normalise(" ".join(parts))
