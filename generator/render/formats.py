"""How each language writes numbers, dates and periods, one value at a time or a column at once."""

from __future__ import annotations

import calendar
import math
from datetime import date

import pandas as pd

from . import words

DASH = "–"


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def number(value, lang: str) -> str:
    """Hindi pages group digits the Indian way (19,00,000); English ones by thousands."""
    if missing(value):
        return DASH
    try:
        # Rounded half up, as the league table's script rounds (Math.round): 184.9 minutes is
        # 185 on every page, never 184 in one place and 185 in another.
        n = math.floor(float(value) + 0.5)
    except (TypeError, ValueError, OverflowError):
        return DASH
    if lang == "en":
        return f"{n:,}"
    sign, digits = ("-" if n < 0 else ""), str(abs(n))
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return sign + ",".join(groups + [tail])


def day(value, lang: str) -> str:
    """5 जनवरी 2023 / 5 Jan 2023; a blank date shows as a dash."""
    if missing(value) or not value:
        return DASH
    d = date.fromisoformat(str(value)[:10])
    months = words.MONTHS_HI if lang == "hi" else words.MONTHS_EN
    return f"{d.day} {months[d.month - 1]} {d.year}"


def month(value: str, lang: str) -> str:
    """'2023-01' as जनवरी 2023 / Jan 2023."""
    year, m = value[:7].split("-")
    months = words.MONTHS_HI if lang == "hi" else words.MONTHS_EN
    return f"{months[int(m) - 1]} {year}"


def column(values: pd.Series, fn, lang: str) -> pd.Series:
    """A whole column formatted by `fn`, each distinct value formatted once."""
    uniques = {v: fn(v, lang) for v in pd.unique(values.astype(object)) if not missing(v)}
    return values.astype(object).map(lambda v: DASH if missing(v) else uniques[v])


def period(start: str, end: str, lang: str) -> str:
    """A whole calendar month as 'Aug 2026', a single day as one date, else a range."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    whole_month = last.day == calendar.monthrange(last.year, last.month)[1]
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) and whole_month:
        return month(start, lang)
    if first == last:
        return day(start, lang)
    return f"{day(start, lang)} – {day(end, lang)}"


def pct(value) -> str:
    return DASH if missing(value) else f"{value:.1f} %"


def compact(value, lang: str) -> str:
    """A large count as people say it: 19 लाख, 1.2 करोड़; 1.9 million. Smaller ones in full."""
    if missing(value):
        return DASH
    n = int(value)

    def short(x: float) -> str:
        return f"{x:.1f}".rstrip("0").rstrip(".")

    if lang == "hi":
        if abs(n) >= 10**7:
            return f"{short(n / 10**7)} करोड़"
        if abs(n) >= 10**5:
            return f"{short(n / 10**5)} लाख"
        return number(n, lang)
    if abs(n) >= 10**6:
        return f"{short(n / 10**6)} million"
    return number(n, lang)
