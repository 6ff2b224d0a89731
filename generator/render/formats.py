"""How each language writes numbers, dates, periods and counted words: the one place that
owns locale, grouping, rounding, dates and plurals, one value at a time or a column at once.

Babel does the writing, with the CLDR data of `hi_IN` and `en_IN`: both languages group
digits in lakh and crore (19,00,000), as Indian newspapers do in English too. The patterns
are pinned below rather than taken from the locale, so a Babel release cannot change what a
page says (tests/test_metrics.py checks the locale still agrees). Digits stay Latin in Hindi,
as the site has always shown them and as Hindi newspapers print figures.

Rounding has one rule (`schema.rounded`, which the published files' columns use too),
applied once, where a figure is shown: half away from zero, on the decimal value as written
(184.85 to one decimal is 184.9). Everything before that edge computes with unrounded values.
"""

from __future__ import annotations

import calendar
import math
from datetime import date
from decimal import Decimal
from functools import lru_cache
from numbers import Integral

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from .. import schema

DASH = "–"
NBSP = "\u00a0"  # between a figure and its unit (80.2 %, 940 bytes): never split across two lines on a phone
LOCALES = {"hi": Locale.parse("hi_IN"), "en": Locale.parse("en_IN")}
# CLDR's decimal pattern of both locales: the last three digits, then groups of two.
GROUPING = "#,##,##0"
DAY = {"hi": "d MMMM y", "en": "d MMM y"}      # 5 जनवरी 2023 / 5 Jan 2023
MONTH = {"hi": "MMMM y", "en": "MMM y"}        # जनवरी 2023 / Jan 2023
# Month names for dates: en_IN abbreviates September alone to four letters ("Sept" beside
# "Jul"), so English dates take the three-letter names every other month already has.
DATE_LOCALES = {"hi": LOCALES["hi"], "en": Locale.parse("en")}


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def rounded(value, digits: int = 0) -> Decimal:
    """One value by the site's one rounding rule (schema.rounded), as the exact decimal to write."""
    if isinstance(value, Integral):
        return Decimal(int(value)).scaleb(0).quantize(Decimal(1).scaleb(-digits))
    return Decimal(repr(float(schema.rounded(value, digits)))).quantize(Decimal(1).scaleb(-digits))


@lru_cache(maxsize=4)
def _pattern(digits: int):
    return parse_pattern(GROUPING + ("." + "0" * digits if digits else ""))


@lru_cache(maxsize=65536)
def _grouped(value: Decimal, lang: str, digits: int) -> str:
    return _pattern(digits).apply(value, LOCALES[lang])


def number(value, lang: str, digits: int = 0) -> str:
    """A count or measure as this language writes it: 19,00,000; 184.9 with `digits=1`."""
    if missing(value):
        return DASH
    try:
        return _number(value, lang, digits)
    except TypeError:  # a value that cannot be a key is written without the cache
        return _number.__wrapped__(value, lang, digits)


@lru_cache(maxsize=65536)
def _number(value, lang: str, digits: int) -> str:
    # Scores, ranks and counts repeat across thousands of pages: each is written once. Equal
    # values (3, 3.0, numpy's 3) share an entry, and they are written alike.
    try:
        exact = rounded(value, digits)
    except (TypeError, ValueError, ArithmeticError):
        return DASH
    return _grouped(exact, lang, digits)


def plural(count, lang: str) -> str:
    """CLDR's plural category of a count in this language: 'one' or 'other'."""
    return LOCALES[lang].plural_form(abs(int(rounded(count))))


def counted(texts: dict[str, str], key: str, count, lang: str) -> str:
    """The text `key` in the form its count asks for ('1 day', '2 days'): `key_one` where
    the words have one and the count is of the 'one' kind."""
    if plural(count, lang) == "one" and f"{key}_one" in texts:
        return texts[f"{key}_one"]
    return texts[key]


def _date(value) -> date:
    return date.fromisoformat(str(value)[:10])


@lru_cache(maxsize=65536)
def _day(iso: str, lang: str) -> str:
    return format_date(date.fromisoformat(iso), DAY[lang], locale=DATE_LOCALES[lang])


def years_before(day, newest) -> int:
    """Whole calendar years from `day` to `newest` (ISO dates), less one where they are exactly
    whole: "more than N years" must be true of every figure it is said of. 0 where either is
    missing."""
    if missing(day) or missing(newest):
        return 0
    then, now = _date(str(day)[:10]), _date(str(newest)[:10])
    return max(now.year - then.year - ((now.month, now.day) <= (then.month, then.day)), 0)


class Dated(str):
    """An ISO day with how exactly its figure knows it ('day', or 'month' or 'year' where it is
    the day its own source stands in on): a page's as-of day is its newest figure's, and is
    said as exactly as that figure is wherever the page writes it."""

    precision: str

    def __new__(cls, value: str, precision: str | None = None) -> Dated:
        made = super().__new__(cls, value)
        made.precision = precision if precision in ("month", "year") else "day"
        return made


def newest_day(days) -> str | None:
    """The newest of `days` (ISO days, some of them Dated), None of none: of one day known
    exactly by one figure and only to its month by another, the exact one."""
    return max((d for d in days if d), key=lambda d: (d[:10], getattr(d, "precision", "day") == "day"), default=None)


def day(value, lang: str) -> str:
    """5 जनवरी 2023 / 5 Jan 2023; a blank date shows as a dash."""
    if missing(value) or not value:
        return DASH
    return _day(_date(value).isoformat(), lang)


def month(value: str, lang: str) -> str:
    """'2023-01' as जनवरी 2023 / Jan 2023."""
    return _month(value[:7], lang)


@lru_cache(maxsize=4096)
def _month(year_month: str, lang: str) -> str:
    return format_date(date.fromisoformat(year_month + "-01"), MONTH[lang], locale=DATE_LOCALES[lang])


def month_names(lang: str) -> list[str]:
    """The twelve month names as dates show them."""
    width = "wide" if "MMMM" in DAY[lang] else "abbreviated"
    return [DATE_LOCALES[lang].months["format"][width][m] for m in range(1, 13)]


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


def minutes_up(value) -> int:
    """A reply time as shown: rounded up to the whole minute, so a time past the edge of a
    grade's band (240.5 minutes, past "up to 4 hours") never reads as inside it."""
    return math.ceil(round(float(value), 6))


def pct(value, lang: str = "en") -> str:
    """A rate in per cent, to one decimal: 80.2 %."""
    return DASH if missing(value) else f"{number(value, lang, schema.RATE_DIGITS)}{NBSP}%"


def reported(value, lang: str = "en") -> str:
    """A figure a source reported, as precise as it was given: 84, 83.9 (never "84.0", a tenth
    the source did not state)."""
    return number(value, lang, 1).removesuffix(".0")


def reported_pct(value, lang: str = "en") -> str:
    """A rate a source reported, in per cent: 84 %."""
    return DASH if missing(value) else f"{reported(value, lang)}{NBSP}%"


# Large counts as people say them, in both languages: 19 लाख, 1.2 करोड़; 19 lakh, 1.2 crore.
_SAID = {"hi": ((10**7, "करोड़"), (10**5, "लाख")), "en": ((10**7, "crore"), (10**5, "lakh"))}


def compact(value, lang: str) -> str:
    """A large count as people say it: 19 लाख, 1.2 करोड़; 19 lakh. Smaller ones in full."""
    if missing(value):
        return DASH
    n = int(rounded(value))
    for size, word in _SAID[lang]:
        if abs(n) >= size:
            said = number(n / size, lang, 1).removesuffix(".0")
            return f"{said} {word}"
    return number(n, lang)
