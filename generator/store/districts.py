"""The district registry, and departments checked against it: one district, one name, one page.

A department names its district by the registry's English name, exactly. Anything else (a
change of case, a former name, the Hindi name, a name the registry lacks) is an error that
names the registry row meant, so two spellings can never make two pages, or overwrite one.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

import pandas as pd

from ..places import place_key
from ..problems import Problem

# Marks that vary between spellings of one Devanagari name: the nukta (ज़/ज) and the
# chandrabindu, written as anusvara as often as not (शाहजहाँपुर/शाहजहांपुर).
_VARIANT_MARKS = str.maketrans({"\u093c": None, "\u0901": "\u0902"})


@functools.lru_cache(maxsize=8192)  # every build and validate names the same registry's districts
def squash(name: str) -> str:
    """A name without case, spaces, punctuation or Devanagari spelling variants: two names
    that squash alike are two spellings of one name."""
    text = unicodedata.normalize("NFD", name).translate(_VARIANT_MARKS).casefold()
    return re.sub(r"[\s\-.,'’()_/&]+", "", unicodedata.normalize("NFC", text))


def names_of(row: dict) -> list[str]:
    """Every name a registry row answers to: English, Hindi and former names."""
    former = row.get("former_names")
    extra = [n.strip() for n in former.split(";")] if isinstance(former, str) else []
    return [n for n in (row["name_en"], row.get("name_hi"), *extra) if isinstance(n, str) and n]


def _at(row: dict) -> str:
    return f"{row['_file']}:{row['_line']}"


def with_keys(districts: pd.DataFrame) -> pd.DataFrame:
    """The registry with each district's page key, e.g. in-br-muzaffarpur."""
    out = districts.copy()
    # A row whose state the reader refused (None) has no page: its problem is reported already.
    out["key"] = [place_key(s, n) if isinstance(s, str) else None
                  for s, n in zip(out["state"], out["name_en"], strict=True)]
    return out


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts, read column by column: `to_dict` boxes each of the registry's
    thousands of cells one at a time, on every build."""
    columns = list(frame.columns)
    cells = zip(*(frame[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, values, strict=True)) for values in cells]


def registry_problems(districts: pd.DataFrame) -> list[Problem]:
    """A name with no Latin letters (no page address), two rows with one page address or one
    LGD code, and one name (or former name, or Hindi name) given to two districts of a state."""
    problems = []
    first_key: dict[str, dict] = {}
    first_code: dict[str, dict] = {}
    first_name: dict[tuple[str, str], dict] = {}
    for row in _records(with_keys(districts)):
        if not isinstance(row["state"], str) or not isinstance(row["name_en"], str):
            continue  # the reader already reported the blank cell
        here = (row["_file"], int(row["_line"]))
        if row["key"].endswith("-"):  # nothing after 'in-up-': the page would have no address of its own
            problems.append(Problem(*here, "name_en", f"{row['name_en']!r} has no Latin letters or digits to make "
                                                      "the district page's address from"))
        elif row["key"] in first_key:
            other = first_key[row["key"]]
            problems.append(Problem(*here, "name_en", f"{row['name_en']!r} and {other['name_en']!r} "
                                                      f"({_at(other)}) would share the page districts/{row['key']}/"))
        else:
            first_key[row["key"]] = row
        code = row.get("lgd_code")
        if isinstance(code, str) and code:
            if code in first_code:
                other = first_code[code]
                problems.append(Problem(*here, "lgd_code", f"LGD code {code} is also {other['name_en']!r} "
                                                           f"({_at(other)})"))
            else:
                first_code[code] = row
        for name in dict.fromkeys(squash(n) for n in names_of(row)):
            other = first_name.setdefault((row["state"], name), row)
            if other is not row:
                shown = next(n for n in names_of(row) if squash(n) == name)
                # The column the name is in: English, Hindi, or among the former names.
                column = "name_en" if squash(row["name_en"]) == name else \
                    "name_hi" if isinstance(row.get("name_hi"), str) and squash(row["name_hi"]) == name \
                    else "former_names"
                problems.append(Problem(*here, column, f"{shown!r} is also a name of {other['name_en']!r} "
                                                          f"({_at(other)}): one name, one district"))
    return problems


def department_problems(departments: pd.DataFrame, districts: pd.DataFrame) -> list[Problem]:
    """Every department's district must be a registry district of its state, written as the
    registry writes it; its district_hi, if given, the registry's Hindi name."""
    named = _records(departments[departments["district"].notna()])
    if not named:
        return []
    registry = _records(districts.dropna(subset=["state", "name_en"]))
    exact = {}
    for row in registry:
        exact.setdefault((row["state"], row["name_en"]), row)
    by_name = {}
    if any((dept["state"], dept["district"]) not in exact for dept in named):
        # Only a district not written as the registry writes it is looked for among the names.
        for row in registry:
            for name in names_of(row):
                by_name.setdefault((row["state"], squash(name)), row)
    # The first department that writes each registry district right, to show as an example.
    written_right = {}
    for dept in named:
        if (dept["state"], dept["district"]) in exact:
            written_right.setdefault((dept["state"], dept["district"]), dept)
    problems = []
    for dept in named:
        here = (dept["_file"], int(dept["_line"]))
        state, district = dept["state"], dept["district"]
        row = exact.get((state, district))
        if row is not None:
            given = dept.get("district_hi")
            if isinstance(given, str) and given and given != row["name_hi"]:
                problems.append(Problem(*here, "district_hi", f"{given!r} is not the registry's Hindi name "
                                                              f"{row['name_hi']!r} ({_at(row)}); leave it blank"))
            continue
        meant = by_name.get((state, squash(district)))
        if meant is not None:
            example = written_right.get((state, meant["name_en"]))
            also = f", as {_at(example)} does" if example is not None else ""
            problems.append(Problem(*here, "district", f"{district!r} is {meant['name_en']!r} in the district "
                                                       f"registry ({_at(meant)}): write it so{also}"))
            continue
        if not isinstance(state, str) or not state:
            continue  # the state cell has its own problem; no district can be checked against it
        choices = [r["name_en"] for r in registry if r["state"] == state]
        if not choices:
            problems.append(Problem(*here, "district", f"{district!r}: the district registry has no districts for "
                                                       f"{state}"))
            continue
        close = difflib.get_close_matches(district, choices, n=3, cutoff=0.6)
        hint = f"; closest: {', '.join(repr(c) for c in close)}" if close else ""
        problems.append(Problem(*here, "district", f"{district!r} is not a district of {state} in the district "
                                                   f"registry{hint}"))
    return problems
