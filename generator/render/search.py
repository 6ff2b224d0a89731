"""The directory's search index: every department, findable by either name, place, handle
or a common short form, in either script and with or without nukta.

The same `normalise` runs in the browser (assets/javascripts/search.js) on what a reader
types; a test checks both give the same result.
"""

from __future__ import annotations

import functools
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


@functools.cache
def _triggers() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each synonym group's (padded normalised triggers, categories), normalised once."""
    return tuple((tuple(f" {normalise(t)} " for t in triggers), tuple(categories))
                 for triggers, categories, _ in words.SEARCH_SYNONYMS)


def synonym_groups(text: str, category: str) -> list[int]:
    """Which groups of short forms a department is found by (indexes into SEARCH_SYNONYMS)."""
    padded = f" {text} "
    return [n for n, (triggers, categories) in enumerate(_triggers())
            if category in categories or any(t in padded for t in triggers)]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def directory_index(handles: pd.DataFrame) -> str:
    """JSON for the search page: one compact entry per department. The page builds each
    entry's search text from these fields and the words it carries (state, category and
    status names in both languages, and the short forms of each synonym group)."""
    firsts = handles.drop_duplicates("department_id")
    named = handles.dropna(subset=["handle"]).drop_duplicates(["department_id", "handle"])
    handles_of = ("@" + named["handle"]).groupby(named["department_id"], sort=False).agg(" ".join).to_dict()
    columns = ["department_id", "department_name_hi", "department_name_en", "state", "district", "district_hi",
               "status", "category", "district_former_names"]
    entries = []
    for dept_id, name_hi, name_en, state, district, district_hi, status, category, former in \
            firsts.reindex(columns=columns).itertuples(index=False):
        groups = synonym_groups(normalise(f"{name_hi} {name_en}"), category)
        # The district's former names last: a reader who knows Allahabad finds Prayagraj.
        entries.append([dept_id, name_hi, name_en, state, _text(district), _text(district_hi),
                        handles_of.get(dept_id, ""), status, category, groups, _text(former)])
    return json.dumps({"version": 1, "entries": entries}, ensure_ascii=False, separators=(",", ":"))


def search_text(entry: list, state_names: dict, category_names: dict, status_names: dict) -> str:
    """What the page matches an entry against (the same composition as search.js)."""
    _, name_hi, name_en, state, district, district_hi, handles, status, category, groups, former = entry
    parts = [name_hi, name_en, district, district_hi, " ".join(state_names.get(state, ())), handles,
             " ".join(category_names.get(category, ())), " ".join(status_names.get(status, ()))]
    parts += [words.SEARCH_SYNONYMS[g][2] for g in groups] + [former]
    return normalise(" ".join(parts))
