"""Scan what a build writes for personal data before anyone can see it.

Looks for Indian mobile numbers in their usual written forms, e-mail addresses, and
@handles that are not registered department accounts. Matches are reported masked, so the
report itself does not spread what it found.

Text is normalised once before matching (`normalise`): a number pasted from a PDF with
no-break spaces, typed in Bengali digits or hidden with zero-width characters reads as any
other. Values the program wrote itself (`program_values`) pass where the program writes
them: a fingerprint anywhere, an account id as an account id, a body's own number as the
link to dial it; what came from outside is audited, and the same digits in a note, a title
or a name are read as anyone's.

A build first audits the hand-edited input cells (`audit_inputs`, also run by `validate`)
and withholds each cell with a finding (`withhold`); then it audits what it writes as it
writes it: every page's text (each distinct line once, since thousands of pages share their
template's lines), the free-text columns of every download (each distinct value once) and
every other text file it writes (search index, league slices, feeds, badges).
A finding there stops the build. `audit_site` reads a built folder back from disk, for the
`audit` command and the nightly workflow.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from .. import paths, places, schema
from ..config import Config, line_of
from ..problems import Problem, ProblemError
from ..render.page import Page
from ..render.urls import site_path
from ..store.dataset import REF, Dataset, published_names
from ..store.jsonpos import line_finder
from ..store.runs import RUN_SUFFIX, run_file, run_texts
from .pinned import digests

SCANNED = {".html", ".csv", ".json", ".xml", ".txt", ".md", ".svg"}
# Third-party bundles and licence texts are shipped as published upstream.
SKIPPED_PARTS = {"vendor", "fonts", "javascripts", "stylesheets", "images"}

# Full stops that NFKC leaves alone but a reader takes for a dot.
FULL_STOPS = {"\u3002": "."}
# Letters by their category that a reader sees as nothing (the Hangul fillers).
INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}


def _stands_for(char: str) -> str:
    """What one character is read as: its NFKC form, with every decimal digit (Bengali,
    Gurmukhi, Devanagari, fullwidth...) as 0-9, every dash as '-', every space as ' ', and
    invisible format characters (zero-width spaces and joiners, soft hyphens, BOMs) gone."""
    out = []
    for c in unicodedata.normalize("NFKC", char):
        category = unicodedata.category(c)
        if category in ("Cf", "Mn", "Me") or c in INVISIBLE_LETTERS:
            continue  # invisible, or a mark on the character before: "9\u0301" is read as 9
        digit = unicodedata.digit(c, None)
        if digit is not None:
            out.append(str(digit))
        elif category in ("Zs", "Zl", "Zp") or c == "\u2800":
            out.append(" ")
        elif category == "Pd" or c == "\u2212":
            out.append("-")
        else:
            out.append(FULL_STOPS.get(c, c))
    return "".join(out)


class _ReadAs(dict):
    """str.translate's table, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = _stands_for(chr(code))
        return self[code]


_READ_AS = _ReadAs()


def normalise(text: str) -> str:
    """The text as the audit reads it, one character at a time, so that a line keeps its
    number and a number pasted from a PDF or typed in another script reads as 0-9."""
    return text if text.isascii() else text.translate(_READ_AS)


# Ten or more digits with separators between them (spaces, dashes, dots, slashes, brackets,
# middle dots, bullets, tildes, and what else a person puts between the halves of a number
# to slip it past a reader of digits: | * : ` ; + = #; up to twelve, as in "98765 - - - -
# - 43210" or a PDF's " -  "): where a phone or Aadhaar number could be. Commas never
# separate: 19,00,000 is a count; nor do underscores, which join the numbers of a file's name
# (report_2026_11_24_1234). Matched on normalised text.
SEPARATORS = " \t-./()\u00b7\u2022~|*:`;+=#"
GAP = 12
DIGIT_RUN = re.compile(r"\+?\d(?:[" + re.escape(SEPARATORS) + rf"]{{0,{GAP}}}\d){{9,}}", re.A)
# An HTML character reference ("&#39;", a quote a page escapes) is no digits of a number.
CHARACTER_REFERENCE = re.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);", re.A)
# A web address ends at a space, a quote, a bracket or a comma: text glued on after a comma
# ("report.html,98000...") is text, not the address's path.
URL = re.compile(r"(?i:https?)://[^\s\"'<>,]+")
# Where a web address carries a number to call or message: a WhatsApp or Telegram link, a query
# key or a path word that names a phone or the person who called ("/complainant/98391...",
# "/caller-98391...", "callerMobile=", "mobile1=", "/whatsapp/send/98391..."), or a path
# segment that begins with "+", as only a dialled number does. Other digits in an address (a
# story's id and date) are left alone. Read with its escapes undone ("phone=%2B91%209876543210"
# is "+91 9876543210") and a query's "+" as the space a form wrote ("mobile=98000+00052").
# Short keys forms use for the same ("?ph=", "?mno=", "?m_no=", "?cno="), and the words that
# name an Aadhaar number ("?aadhaar=", "?uid=").
PHONE_WORD = (r"(?:(?:tele|cell|smart)?phone|mobile\d?|mob|contact|whatsapp|number|tel|cell|msisdn|sms"
              r"|caller|complainant|applicant|ph|[mc][_-]?no|aa?dhaa?r|uid(?:ai)?)(?:[_-]?(?:no|num|number|\d))?")
# Before the word: nothing, a word and a separator ("user_phone"), or a word in camel case ("callerMobile").
BEFORE_WORD = r"(?:[\w-]*[_-]|[A-Za-z]*[a-z](?=[A-Z]))?"
DIALLED = re.compile(r"(?:(?i:wa\.me/|t\.me/\+)|[?&#;]" + BEFORE_WORD + f"(?i:{PHONE_WORD})="
                     r"|/" + BEFORE_WORD + f"(?i:{PHONE_WORD})" + r"[/:=_-](?:[A-Za-z]{1,12}/)?|/(?=\+\d))"
                     r"(\+?[\d\-. +()/]+)", re.A)
# Identity documents as they are issued and copied, in capitals and standing as a word: a
# PAN (its fourth letter the holder's kind: P a person, C a company...), a vehicle's
# registration (a state's code, its district's number, a series, four digits: "UP32AB1234",
# "UP 32 AB 1234", "UP/32/AB/1234", "UP.32.AB.1234"; a Bharat series', "22BH1234AA"), a voter's
# id (EPIC: three letters, seven digits), and a bank's branch code (IFSC) beside an account
# number. Inside a longer code they are part of it: a GSTIN holds its business's PAN, a
# company's CIN a state's code and a year. A PAN is set apart by its capitals too, glued to
# small letters ("meraABCPK1234Fhai"); glued to capitals or digits it is a code's middle.
HOLDERS = "PCHFATBLJG"
PAN = rf"[A-Z]{{3}}[{HOLDERS}][A-Z]\d{{4}}[A-Z]"
STATE_CODES = ("AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ"
               "|SK|TG|TN|TR|TS|UK|UP|WB")
# A state's code is also written with its letters apart, "U.P. 32 AB 1234", "U P 32 AB 1234":
# any two letters so (one short pattern, where each code so spelt out would double the time of
# every page's capitals), a state's code only as `_is_plate` reads them.
STATE_APART = r"[A-Z](?:\. ?| )[A-Z]\.?"
PART = "[ ./-]?"  # between a registration's parts: nothing, a space, a dash, a slash or a dot
# Jammu & Kashmir's code as its name is written, "J&K 01 AB 1234", and as a page escapes the
# ampersand ("J&amp;K", "J&#38;K"); `_is_plate` reads its letters as JK.
AMPERSAND = r" ?&(?:amp;|#0*38;|#[xX]0*26;)? ?"
VEHICLE = (rf"(?:(?:{STATE_CODES})\.?|{STATE_APART}|J{AMPERSAND}K){PART}\d{{1,2}}{PART}[A-Z]{{1,3}}{PART}\d{{4}}"
           rf"|\d\d[ -]?BH[ -]?\d{{4}}[ -]?[A-Z]{{1,2}}")
EPIC = r"[A-Z]{3}\d{7}"
IFSC = r"[A-Z]{4}0[A-Z0-9]{6}"
BANK_ACCOUNT = r"\d(?:[ -]?\d){8,17}"
DOCUMENTS = re.compile(rf"(?<![A-Z0-9])(?P<pan>{PAN})(?![A-Z0-9])"
                       rf"|(?<![A-Za-z0-9])(?:(?P<vehicle>{VEHICLE})|(?P<epic>{EPIC})"
                       rf"|(?P<bank>{IFSC}(?![A-Za-z0-9])[^\d\n]{{1,30}}?{BANK_ACCOUNT}"
                       rf"|{BANK_ACCOUNT}[^\d\n]{{1,30}}?{IFSC}))(?![A-Za-z0-9])")
# What every match of DOCUMENTS but a bank's holds, looked for first (most lines hold none):
# four digits after a capital, or after a capital and a space, dot, slash or dash. Each starts
# at a digit, which the engine finds quickly (a pattern that starts by looking back is tried at
# every position of a line).
CAPITAL_DIGITS = re.compile(r"\d{4}(?:(?<=[A-Z]\d{4})|(?<=[A-Z][ ./-]\d{4}))")
BRANCH_CODE = re.compile(r"0(?<=[A-Z]{4}0)")
DOCUMENT_KINDS = {"pan": "PAN", "vehicle": "vehicle registration number", "epic": "voter id (EPIC)",
                  "bank": "bank account number"}
STATES = set(STATE_CODES.split("|"))
# A registration's series is never an ordinal, a month or a class before a year: "UP15AUG2024",
# "up10th2024", "ka2puc2024" are a day and a result. An office or a service before a year is a
# news note's count of officers in a year ("MP 12 MLA 2024", "UP 12 PM 2024", "UP 5 SDM 2023"):
# a real series can be one of these, and a registration of one numbered 1900-2099 (2 % of its
# numbers) is given up so that a night is not stopped by every such note.
# A state by its name: in full, as places.STATES writes it and as people do ("Orissa", "जम्मू
# कश्मीर"), its words apart or joined ("उत्तरप्रदेश"); or by its short form (SHORT_FORMS). A
# registration is written after it too: "Rajasthan 14 CA 1234", "उत्तर प्रदेश 32 एबी 1234",
# "राज. 14 सीए 1234", "Guj. 01 AB 1234".
STATE_NAMES = (*(name for _, en, hi, _ in places.STATES for name in (en, hi)),
               "Orissa", "उड़ीसा", "Jammu Kashmir", "जम्मू कश्मीर")
# The short forms papers write a state's name in, by its code, in English and in Hindi. A dot
# written at a form's end is required: without it "Har", "Tel", "हरि" (read "हर", every) are
# words. The dots between its parts may be left out, and a space may follow each ("उप्र", "प. बं.").
# A code's own letters apart ("U.P.", "T.N.", "W.B.", "यू.पी.") are read as the code
# (STATE_APART, SPELT_STATE), not listed here.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "RJ": ("Raj", "राज"), "MH": ("Maha", "महा"), "GJ": ("Guj.", "गुज."), "HR": ("Har.", "Hry.", "हरि."),
    "KA": ("Kar.", "Karn.", "कर्ना."), "KL": ("Ker.",), "PB": ("Punj.", "Pun."), "TG": ("Tel.", "तेलं."),
    "JH": ("Jhar.", "Jhk."), "OD": ("Ori.",), "AR": ("Arun.", "अ.प्र"), "CG": ("Chh.", "छ.ग"),
    "UK": ("Utt.", "उ.खं", "उ.ख"), "UP": ("उ.प्र",), "MP": ("म.प्र",), "HP": ("हि.प्र",),
    "AP": ("आं.प्र",), "WB": ("प.बं",), "TN": ("त.ना",)}


def _names(names: Iterable[str]) -> str:
    """An alternation of names as the audit reads them (normalised), longest first."""
    return "|".join(r"[ -]?".join(re.escape(normalise(word)) for word in name.split())
                    for name in sorted(set(names), key=len, reverse=True))


def _short_forms(forms: Iterable[str]) -> str:
    """An alternation of SHORT_FORMS as the audit reads them: a dot at a form's end required,
    those between its parts not, a space after each allowed."""
    return "|".join(r"\.? ?".join(re.escape(normalise(part)) for part in form.removesuffix(".").split("."))
                    + (r"\." if form.endswith(".") else "")
                    for form in sorted(set(forms), key=len, reverse=True))


_SHORT = [form for forms in SHORT_FORMS.values() for form in forms]
LATIN_STATE_NAME = (f"(?i:{_names(n for n in STATE_NAMES if n.isascii())}"
                    f"|{_short_forms(f for f in _SHORT if f.isascii())})")
HINDI_STATE_NAME = (f"{_names(n for n in STATE_NAMES if not n.isascii())}"
                    f"|{_short_forms(f for f in _SHORT if not f.isascii())}")
PLATE = re.compile(rf"(?:([A-Z])(?:\.? ?|{AMPERSAND})([A-Z])\.?|(?P<name>{LATIN_STATE_NAME})\.?)"
                   rf"(?P<rest>{PART}\d{{1,2}}{PART}(?P<series>[A-Z]{{1,3}}){PART}(?P<number>\d{{4}}))", re.I)
OFFICES = "mla|mlc|mp|pm|cm|dm|adm|sdm|sp|ssp|asp|dsp|acp|dcp|ig|dig|dgp|adg|sho|bdo|cdo|sdo|co|dc|ias|ips|pcs"
# Seats (Lok Sabha, Rajya Sabha, an assembly's, a parliament's constituency) and parties before a
# year are a count of them in it ("Bihar 40 LS 2024", "TN 39 DMK 2024"), as offices are.
SEATS = "ls|rs|ac|pc|bjp|inc|bsp|aap|tmc|dmk|jdu|rjd|tdp|bjd|cpi|ncp|nda"
NOT_SERIES = re.compile(rf"st|nd|rd|th|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|puc|hsc|ssc|cpc|{SEATS}"
                        rf"|(?:{OFFICES})s?", re.I)
# The same typed in small letters ("abcpk1234f", "up32ab1234", "up 32 ab 1234"), in a cell and
# on a page alike (`trigger` finds them there). A PAN only of a person's (its fourth letter P): a
# company's is no one's, and in small letters "batch2024a" or "final2024b" is a file's name. A
# vehicle's with its parts apart not before a year, nor with a word for its series, nor before
# a measure ("or 4 in 2026", "mp3 and 1234", "ka28 mp 2024", "up 32 ab 1234 kms": prose, "ab"
# being Hindi's "now"). In small letters a voter's id is an article's id.
TYPED_DOCUMENTS = re.compile(rf"(?<![A-Za-z0-9@])(?:(?P<pan>[A-Z]{{3}}P[A-Z]\d{{4}}[A-Z])|(?P<vehicle>{VEHICLE}))"
                             r"(?![A-Za-z0-9])", re.I)
# A registration after a state's name (STATE_NAMES), in any case: read as one typed in small
# letters is, a name being prose's way to write a state ("Bihar 40 LS 2024" is a count of seats
# in a year), and found where TYPED_DOCUMENTS are (SERIES_OR_PAN, which holds its end).
NAMED_PLATE = re.compile(rf"(?<![A-Za-z0-9@]){LATIN_STATE_NAME}\.?{PART}\d{{1,2}}{PART}[A-Za-z]{{1,3}}{PART}\d{{4}}"
                         r"(?![A-Za-z0-9])")
SHORT_WORDS = re.compile(r"and|the|for|of|in|on|or|at|to|is|by|per|vs|x|se|ka|ki|ke|ko|ne|me|pe|par|aur|hai|tak|ya",
                         re.I)
MEASURE = re.compile(r" ?(?i:kms?|kgs?|metres?|meters?|hectares?|acres?|litres?|log|logon|people|votes)(?![A-Za-z])")
# What every reading of TYPED_DOCUMENTS holds, looked for first: a series between digits (a
# plate's, its parts apart only before a number that is no year: "24 nov 2026" is a day, but
# a Bharat series' "bh" is no month: "22 bh 2024 aa"), or a PAN's letters and digits. Each
# starts at a digit, which the engine finds quickly.
SERIES_OR_PAN = re.compile(rf"\d(?i:[A-Z]{{1,3}}\d{{4}}|{PART}[A-Z]{{1,3}}{PART}(?!19|20)\d{{4}}|[ -]?bh[ -]?\d{{4}}"
                           rf"|(?<=[A-Z]{{5}}\d)\d{{3}}[A-Z])|\d{PART}[A-Z]{{1,3}}{PART}\d{{4}}")
GLUE = re.compile(AMPERSAND.replace(" ?", ""))  # a state's ampersand, which no part stands apart by
IN_HANDLE = re.compile(r"@\w*$")  # "@dm_ka1nov2024" is a name
# Any web address, with a scheme or without ("www.news18.com/...", "bit.ly/..."): its path is
# ids in small letters. A link's query that names a document or carries a message is read
# ("?regn=up32ab1234", "wa.me/...?text=meri%20gaadi%20up32ab1234").
WEB_ADDRESS = re.compile(r"(?i:https?://|www\.|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)[^\s\"'<>,]*")
NAMED_QUERY = re.compile(r"[?&#;](?i:[\w-]*?(?:pan|regn?|rc|vehicle|veh|gaadi|text|msg|message|body|q)(?:[_-]?no)?)="
                         r"([^&#\s]*)")


def _day_or_office(series: str, number: str) -> bool:
    """Whether a series and number read as a day, a class or an office and a year (NOT_SERIES)."""
    return YEAR.fullmatch(number) is not None and NOT_SERIES.fullmatch(series) is not None


def _is_plate(m: re.Match, typed: bool = False) -> bool:
    """Whether a vehicle registration's shape is one (see NOT_SERIES, TYPED_DOCUMENTS). Its parts
    joined by slashes or dots, it is a paper's number after its name or with a year at its end
    ("Order No. UP/12/AB/2024")."""
    found = m.group()
    parts = PLATE.fullmatch(found)
    if parts is None:
        return True  # a Bharat series'
    name = parts.group("name")
    if name is None and (parts.group(1) + parts.group(2)).upper() not in STATES:
        return False  # two letters apart that are no state's code
    series, number = parts.group("series"), parts.group("number")
    year = YEAR.fullmatch(number) is not None
    if _day_or_office(series, number) or _paper_number(m, parts.group("rest"), year):
        return False
    # "j&k01ab1234" is glued as "jk01ab1234" is; a name's own words apart ("Uttar Pradesh") are no part's.
    apart = typed and not GLUE.sub("", found[parts.end("name"):] if name else found).isalnum()
    # After a state's name, a series in capitals is as issued ("Haryana 12 AB 2019", as "HR 12 AB
    # 2019" is): its number may be a year. In small letters, "rajasthan 14 ca 2024" is prose.
    issued = name is not None and series.isupper()
    return not (apart and ((year and not issued) or SHORT_WORDS.fullmatch(series) or MEASURE.match(m.string, m.end())))


# A reference numbered by its year ("REF2023001") is shaped like a voter's id: taken for one
# only where the line speaks of voters.
# As words of their own: a page's script says "querySelector", a theme its "selector".
HINDI_VOTER_WORDS = ("मतदाता", "वोटर", normalise("निर्वाचक"))
VOTER_WORDS = re.compile(r"(?<![A-Za-z])(?i:epic|voter|elector)|" + "|".join(HINDI_VOTER_WORDS))


def _after_name(latin: str, hindi: str) -> re.Pattern:
    """The end of a text that names a paper and its number: "F.No.", "file number -", "फा.सं."."""
    numbers = "|".join(normalise(w) for w in ("संख्या", "नंबर", "सं", "नं", "ांक"))  # "ांक": "पत्रांक"
    return re.compile(rf"(?:(?i:\b(?:{latin})\s?\.?\s*(?:no|number))|(?:{hindi})\.?\s?(?:{numbers}))\.?\s*[:.-]?\s*$")


# A government file's number is shaped like one too ("F.No. ABC1234567", "फा.सं. ABC1234567"):
# after the words that name a file, it is a voter's id only where the line speaks of voters.
FILE_NUMBER = _after_name("f|file", "फाइल|फा")
# A paper's number is written with slashes, as a registration may be: after the words that
# name a file, an order, a letter or a reference ("Order No. UP/12/AB/1234") it is no plate.
PAPER_NUMBER = _after_name(r"f|file|order|letter|memo|g\.?\s?o|circular|notification|ref|reference",
                           "फाइल|फा|" + "|".join(normalise(w) for w in ("आदेश", "पत्र", "ज्ञाप")))


def _paper_number(m: re.Match, rest: str, year: bool) -> bool:
    """Whether a registration's shape, its parts after the state's (`rest`) joined by slashes
    or dots, is a paper's number: after its name, or with a year at its end."""
    return ("/" in rest or "." in rest) and (year or PAPER_NUMBER.search(m.string, max(0, m.start() - 30), m.start())
                                             is not None)


# Where it does, a voter's id is one in any case and with a space or dash after its letters
# ("voter id abc1234567", "EPIC: ABC 1234567"); elsewhere "abc1234567" is an article's id.
NAMED_EPIC = re.compile(r"(?<![A-Za-z0-9@])[A-Za-z]{3}[ -]?\d{7}(?![A-Za-z0-9])")
# Decimal coordinates, "26.7606 83.3732": two decimals side by side are not one phone number.
# Dates, written as ISO days or day/month/year: two in a row ("2016-09-08 – 2022-05-16") are
# twelve to sixteen digits close together, which read as an Aadhaar number one time in eight.
# An ISO day's time goes with it: a run record's start to the microsecond ("...T21:30:05.100003Z",
# the nightly's hour) is twelve digits starting 2, an Aadhaar number's check digit one night in ten.
DATES = re.compile(r"(?<!\d)(?:(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
                   r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?"
                   r"|(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])[/.](?:19|20)\d\d)(?!\d)", re.A)
# An ISBN-10 named as one, with its check digit: "ISBN 81-7525-766-0" (one in eleven ten-digit
# numbers has a valid check digit, so an unnamed run is never taken for one).
ISBN_10 = re.compile(r"ISBN(?:-10)?:?\s*((?:\d[\s-]?){9}[\dXx])(?![\dXx])", re.A | re.I)
COORDINATES = re.compile(r"(?<![\d.])-?\d{1,3}\.\d{3,}(?:[ ,]+-?\d{1,3}\.\d{3,})+(?![\d.])", re.A)
DECIMALS = re.compile(r"\.\d{3}", re.A)  # in every pair of COORDINATES, found at its dot
# A landline, "0612-2215354": 0, a 2-4 digit STD code (never starting 9, which is mobile),
# a separator, 6-8 digits. A mobile with its 0 (098765 43210, 0 98765 43210, 09876543210,
# 09876-543210) never reads this way.
LANDLINE = re.compile(r"\(?0[1-8]\d{1,3}(?:\)[ \-]?|[ \-./\u00b7\u2022~])\d{6,8}", re.A)
# Inline SVG (icons, the charts) is drawing instructions, full of digit runs that are not
# numbers: its attributes are not read, but for those that name what it shows. Its text (a
# chart's title, labels and description) is read as any page's.
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SVG_ATTRIBUTE = re.compile(r"""\s(?!aria-label=|aria-description=)[\w:-]+=(?:"[^"]*"|'[^']*')""")


def _words_of_svg(match: re.Match) -> str:
    """An inline SVG with its drawing left out, the same number of lines long."""
    return SVG_ATTRIBUTE.sub(lambda a: "\n" * a.group().count("\n"), match.group())
AT = r"(?:@|\s*[\[({]\s*at\s*[\])}]\s*)"
# A dot, with a space before it as typed in a hurry ("ram@ gmail .com"), in brackets, or
# spoken ("ram@gmail dot com").
DOT = r"(?:\s?\.|\s*[\[({]\s*(?:dot|\.)\s*[\])}]\s*|\s+dot\s+)"
# "ram at gmail dot com" in bare words, and "ram at the rate gmail dot com" as @ is read
# aloud in India: only this exact shape, ending in a common domain, so prose that says "at"
# and "dot" apart is not an address.
TLD = r"(?:com|in|org|net|gov|co|edu|info|nic)"
# A space after the last dot, or a comma for it, only before a common ending in small letters
# ("gmail. com", "gmail,com"): a sentence that ends after an @ starts the next with a capital.
EMAIL = re.compile(rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+ ?{AT} ?[A-Za-z0-9-]+(?:{DOT}[A-Za-z0-9-]+)*"
                   rf"(?:{DOT}[A-Za-z]{{2,}}|\s?[.,]\s?(?-i:{TLD})\b)", re.I)
# What every EMAIL holds from its @ on, looked for first (most @s in a line are a handle's):
# the @ as written, or an "at" in brackets, with spaces inside them or not. Each starts with one
# character, which the engine finds quickly (EMAIL starts by looking back, at every position).
AFTER_AT = re.compile(rf"@ ?[A-Za-z0-9-]+(?:{DOT}[A-Za-z0-9-]+)*(?:{DOT}[A-Za-z]{{2,}}|\s?[.,]\s?(?-i:{TLD})\b)",
                      re.I)
BRACKETED_AT = re.compile(r"[\[({]\s*at\s*[\])}]", re.I)
SPOKEN_EMAIL = re.compile(rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+\s+at(?:\s+the\s+rate(?:\s+of)?)?\s+[A-Za-z0-9-]+"
                          rf"(?:\s+dot\s+[A-Za-z0-9-]+)*"
                          rf"\s+dot\s+{TLD}\b", re.I)


def _spoken(*words: str) -> str:
    """Words as the audit reads them (normalised: vowel signs that are marks drop out)."""
    return "(?:" + "|".join(re.escape(normalise(w)) for w in words) + ")"


DEVANAGARI = "\u0900-\u097f"  # with its vowel signs, which \w does not take
# "ram.kumar at gmail.com": "at" spoken, the dot written. Prose says "look at x.com", so only
# before the mail services people use.
MAIL_SERVICES = ("gmail", "yahoo", "rediffmail", "hotmail", "outlook", "ymail", "icloud", "protonmail")
SERVICE_EMAIL = re.compile(rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+\s+at(?:\s+the\s+rate(?:\s+of)?)?\s+"
                           rf"(?:{'|'.join(MAIL_SERVICES)})(?:\s?[.,]\s?[A-Za-z]{{2,3}}){{1,2}}\b", re.I)
# A mailbox at a mail service however the @ is hidden or the ending left off: "ramesh@gmail",
# "ramesh@@gmail.com", "ramesh{@}gmail.com", "ramesh<at>gmail.com", "ramesh -at- gmail".
SERVICE_AT = re.compile(rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+\s*(?:@+|[\[({{<-]\s*(?:@|at)\s*[\])}}>-])\s*"
                        rf"(?:{'|'.join(MAIL_SERVICES)})\b", re.I)
# The same read aloud in Hindi: "ram123 एट द रेट जीमेल डॉट कॉम". The mailbox is in Latin
# letters (as it must be to reach anyone); the rest in either script, ending in a common domain.
HINDI_DOT = _spoken("डॉट", "डाट")
HINDI_EMAIL = re.compile(
    rf"(?<![\w.%+-])[A-Za-z0-9._%+-]+\s*(?:@|{_spoken('एट')}(?:\s+{_spoken('द रेट')}(?:\s+{_spoken('ऑफ', 'ऑफ़')})?)?)\s*"
    rf"[A-Za-z0-9{DEVANAGARI}-]+(?:\s*(?:\.|{HINDI_DOT})\s*[A-Za-z0-9{DEVANAGARI}-]+)*?\s*(?:\.|{HINDI_DOT})\s*"
    rf"(?:{TLD}|{_spoken('कॉम', 'काम', 'इन', 'नेट', 'ओआरजी', 'जीओवी')})(?![A-Za-z0-9{DEVANAGARI}])", re.I)

# An @name standing as a word: not the middle of an address (name@host, a path, &at;), but
# at the end of a sentence ("@name.") and after the reply convention (".@name"). Not "@" read
# as "at the rate" before a number ("loan @7.5%", "@5%") or an image's scale ("@2x").
HANDLE = re.compile(r"(?:(?<![A-Za-z0-9_.@/&])|(?<=\.)(?<![^\s]\.))@(?![0-9]+x(?![A-Za-z0-9_]))([A-Za-z0-9_]{1,15})"
                    r"(?![A-Za-z0-9_@%]|\.[A-Za-z0-9])")
# A link to an X profile or post names its account: x.com/<name>, with or without a scheme,
# on the service's own hosts and on the mirrors people share (fxtwitter, vxtwitter, fixupx,
# nitter); a follow link names it as screen_name=.
X_LINK = re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.|mobile\.|m\.)?(?:(?:[fv]x)?twitter\.com|x\.com|fixupx\.com|"
                    r"nitter\.net)/(?:#!/)?@?([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])"
                    r"|screen_name=@?([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])", re.IGNORECASE)
DOT_COM = re.compile(r"\.[cC][oO][mM]/")
RARE_LINKS = re.compile(r"(?i:nitter\.net/|screen_name=)")
RARE_WORDS = ("nitter", "Nitter", "NITTER", "screen_name", "SCREEN_NAME")
# Paths of x.com that are pages of the service, not accounts (and its languages' prefixes).
X_PAGES = {"i", "intent", "home", "search", "hashtag", "share", "explore", "settings", "privacy", "tos",
           "login", "signup", "messages", "notifications", "compose", "about", "download", "account", "rules",
           "jobs", "statuses", "help", "en", "hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa", "ur", "or"}
CSS_AT_RULES = {"media", "import", "charset", "font", "keyframes", "supports", "page", "namespace"}


# Verhoeff's tables: multiplication in the dihedral group D5 and the position permutation.
_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def _verhoeff_ok(number: str) -> bool:
    """Aadhaar numbers end in a Verhoeff check digit: a 12-digit count rarely passes by chance."""
    check = 0
    for i, digit in enumerate(reversed(number)):
        check = _D[check][_P[i % 8][int(digit)]]
    return check == 0


def is_mobile(candidate: str) -> bool:
    """Ten digits starting 6-9, optionally after 0, 91, +91 or 0091, with any separators."""
    digits = re.sub(r"\D", "", normalise(candidate), flags=re.A)
    for prefix in ("0091", "091", "91", "0", ""):
        rest = digits[len(prefix):]
        if digits.startswith(prefix) and len(rest) == 10 and rest[0] in "6789":
            return True
    return False


def is_aadhaar(candidate: str) -> bool:
    digits = re.sub(r"\D", "", normalise(candidate), flags=re.A)
    return len(digits) == 12 and digits[0] in "23456789" and _verhoeff_ok(digits)


def is_isbn(digits: str) -> bool:
    """An ISBN-13 (978 or 979, then a check digit weighted 1, 3, 1, 3...)."""
    return (len(digits) == 13 and digits[:3] in ("978", "979")
            and sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0)


def _isbn_groups(run: str, groups: list[re.Match]) -> set[int]:
    """The digit groups of a run that together spell a valid ISBN-13, e.g. 978-81-7525-766-5."""
    out: set[int] = set()
    for i in range(len(groups)):
        for j in range(i, len(groups)):
            digits = "".join(g.group().lstrip("+") for g in groups[i:j + 1])
            if len(digits) >= 13:
                if is_isbn(digits):
                    out.update(range(i, j + 1))
                break
    return out


YEAR = re.compile(r"(?:19|20)\d\d")


def _numbers(run: str) -> Iterable[tuple[str, str]]:
    """(kind, text) for every mobile or Aadhaar number among the digit groups of a run."""
    groups = list(re.finditer(r"\+?\d+", run))
    isbn = _isbn_groups(run, groups)
    # A landline's groups are its own: an office's PIN code before it ("Patna 800001
    # 0612-2219234") and its STD code would read as ten digits starting 8.
    landlines = [m.span() for m in LANDLINE.finditer(run)]
    landline = [next((k for k, (a, b) in enumerate(landlines) if a <= g.start() and g.end() <= b), None)
                for g in groups]
    for i in range(len(groups)):
        for j in range(i, len(groups)):
            if j in isbn or landline[j] != landline[i]:
                break
            text = run[groups[i].start():groups[j].end()]
            count = sum(len(g.group().lstrip("+")) for g in groups[i:j + 1])
            if count > 14:
                break
            if count >= 10 and not LANDLINE.fullmatch(text) and is_mobile(text):
                yield "mobile number", text
                return
            # A number dialled from abroad ("+91 172 2200006", an office in Chandigarh) is twelve
            # digits too: an Aadhaar number is never written after a "+".
            # Three years in a row ("reports of 2010 2011 2024") pass the check digit one time in ten.
            if count == 12 and not text.startswith("+") and is_aadhaar(text) \
                    and not all(YEAR.fullmatch(g.group()) for g in groups[i:j + 1]):
                yield "Aadhaar number", text
                return


def mask(text: str) -> str:
    """A finding as the run's output and the published record show it: its shape and first
    letter or digit, enough to tell two findings of one cell apart, never a part that narrows
    down whose it is (a mobile number's last digits, an address's domain). A masked @handle
    keeps no letter after its @: "@r****" would read as a handle "@r"."""
    first = next((i for i, c in enumerate(text) if c.isalnum()), None)
    if sum(c.isalnum() for c in text) <= 4 or text.startswith("@"):
        first = None
    return "".join(c if i == first or not c.isalnum() else "*" for i, c in enumerate(text))


# A financial year as government orders write it ("Order 6543/2023-24"): the second year is
# the first's next, so a number that merely has a dash two digits from its end stays a number.
FINANCIAL_YEAR = re.compile(r"(?<!\d)(?:19|20)(\d\d)[-/](\d\d)(?!\d)", re.A)


def _blank_year(match: re.Match) -> str:
    following = (int(match.group(1)) + 1) % 100 == int(match.group(2))
    return " " * len(match.group()) if following else match.group()


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def _blank_isbn(match: re.Match) -> str:
    digits = [10 if c in "Xx" else int(c) for c in match.group(1) if c.isalnum()]
    valid = sum(d * (10 - i) for i, d in enumerate(digits)) % 11 == 0
    return " " * len(match.group()) if valid else match.group()


def _blank_url(match: re.Match) -> str:
    """A web address as spaces, but for a number it is a link to dial or message. Its
    escapes undone, an address is never longer: the number keeps its place or moves left."""
    url = match.group()
    read = url
    if "%" in url:  # unescaped, and read as any text is ("%C2%A0" is a space)
        read = normalise(unquote(url))
        read = read if len(read) <= len(url) else unquote(url)
    kept = [" "] * len(url)
    for dialled in DIALLED.finditer(read):
        number = dialled.group(1)
        kept[dialled.start(1):dialled.end(1)] = number[0] + number[1:].replace("+", " ")
    # An address ends at a space, but a number does not: "?ref=98765 43210" is read as the
    # number it shows, its first half the address's end.
    if NUMBER_AFTER.match(match.string, match.end()):
        tail = URL_TAIL.search(url)
        if tail:
            kept[tail.start():] = tail.group()
    return "".join(kept)


NUMBER_AFTER = re.compile(r"[" + re.escape(SEPARATORS) + rf"]{{1,{GAP}}}\d", re.A)
URL_TAIL = re.compile(r"\d[\d" + re.escape(SEPARATORS) + r"]*$", re.A)


# A value the program wrote stands alone: a fingerprint or an account id is a whole word.
WORD = re.compile(r"[A-Za-z0-9]{10,}")


def _link_hits(text: str) -> list[int]:
    """Where a link to an X account may be: each '.com/', and the rare mirror or follow link
    (looked for only where its plain word is: a cell is read whole in any case)."""
    hits = [m.start() for m in DOT_COM.finditer(text)]
    if any(word in text for word in RARE_WORDS):
        hits = sorted(hits + [m.start() for m in RARE_LINKS.finditer(text)])
    return hits


def _x_links(text: str, allowed_handles: set[str], hits: Iterable[int]) -> Iterator[tuple[int, str]]:
    """(where, link) of each link to an X account the registry does not list, at `hits`
    (_link_hits); a page of the service passes. Each is read in a window around it: a long
    line is not matched against X_LINK at every position."""
    for at in hits:
        for link in X_LINK.finditer(text, max(0, at - 40), at + 40):
            if not link.start() <= at < link.end():
                continue
            name = (link.group(1) or link.group(2)).lower()
            if name not in allowed_handles and (link.group(1) is None or name not in X_PAGES):
                yield at, link.group()


# Where the program writes an account id or a body's own number, and nowhere else does the
# same value pass (`program_values` names them so): an account id as the API's JSON writes it
# (a note quoted into JSON has its quotes escaped), a number as its page's link to dial it
# (a note on a page has its "<" escaped), with the number shown as the link's text.
ACCOUNT_ID = "account_id"
JSON_ACCOUNT_ID = re.compile(r'(?<!\\)"account_id": ?"(\d+)"')
DIAL_LINK = re.compile(r'<a class="jd-dial" href="tel:(\+?\d+)">([^<>]*)</a>')


def as_account_id(value: object) -> str:
    """How `program_values` names an account id the collector resolved: passed only as one."""
    return f"{ACCOUNT_ID}:{value}"


def as_dialled(digits: str) -> str:
    """How `program_values` names a body's own number: passed only as its link to dial it."""
    return f"tel:{digits}"


def _crossed(text: str) -> str:
    return "x" * len(text)


def _in_place(line: str, exempt: Set[str]) -> str:
    """A line of a page or a file with the account ids and a body's own numbers that stand
    where the program writes them (`program_values`) read as letters."""
    if '"account_id"' in line:
        line = JSON_ACCOUNT_ID.sub(lambda m: m.group() if as_account_id(m.group(1)) not in exempt else
                                   m.group().replace(m.group(1), _crossed(m.group(1))), line)
    if "jd-dial" in line:
        def dialled(m: re.Match) -> str:
            number = re.sub(r"\D", "", m.group(1))
            if as_dialled(number) not in exempt or re.sub(r"\D", "", m.group(2)) != number:
                return m.group()
            return f'<a class="jd-dial" href="tel:{_crossed(m.group(1))}">{_crossed(m.group(2))}</a>'
        line = DIAL_LINK.sub(dialled, line)
    return line


# A field of a CSV line: quoted (its quotes doubled inside) or bare.
CSV_FIELD = re.compile(r'"(?:[^"]|"")*"|[^,"]*')


def _csv_account_ids(text: str, exempt: Set[str]) -> str:
    """A CSV download read back from disk with the account ids the collector resolved, in
    its account_id column, read as letters; the same digits in any other column stay."""
    lines = text.split("\n")
    header = lines[0].lstrip("\ufeff").rstrip("\r").split(",")
    if ACCOUNT_ID not in header:
        return text
    column, inside = header.index(ACCOUNT_ID), False
    for n, line in enumerate(lines[1:], 1):
        quotes = line.count('"') % 2
        if not inside and not quotes:  # a whole row on its own line
            spans, at = [], 0
            while True:
                field = CSV_FIELD.match(line, at)
                spans.append(field.span())
                at = field.end()
                if at >= len(line) or line[at] != ",":
                    break
                at += 1
            if len(spans) == len(header) and at >= len(line.rstrip("\r")):
                start, end = spans[column]
                if as_account_id(line[start:end].strip('"\r')) in exempt:
                    lines[n] = line[:start] + _crossed(line[start:end]) + line[end:]
        inside ^= bool(quotes)
    return "\n".join(lines)


def _phone_or_aadhaar(line: str) -> Iterator[tuple[str, str]]:
    """(kind, match) of mobile and Aadhaar numbers in a line: its runs of ten digits or more,
    once what reads as digits but dials no one is blanked out. A line with fewer than ten
    digits holds no run, blanked or not (blanking only takes digits away), and is passed over;
    but for one with an escape ("%39" is a 9 once a web address is read unescaped)."""
    if not _ten_digits(line):
        return
    # Digits inside a web address are its path (a story's id and date), not a number anyone
    # dials; unless the address is a link to call or message one (see DIALLED).
    digits = CHARACTER_REFERENCE.sub(lambda m: "&" * len(m.group()), line) if "&#" in line else line
    if "://" in digits:
        digits = URL.sub(_blank_url, digits)
    if DECIMALS.search(digits):
        digits = COORDINATES.sub(_blank, digits)
    digits = ISBN_10.sub(_blank_isbn, DATES.sub(_blank, digits))
    digits = FINANCIAL_YEAR.sub(_blank_year, digits)
    for run in DIGIT_RUN.finditer(digits):
        for kind, _ in _numbers(run.group()):
            yield kind, line[run.start():run.end()]


def _ten_digits(line: str) -> bool:
    """Whether a line holds ten digits, or an escape that could be one."""
    return "%" in line or sum(map(line.count, "0123456789")) >= 10


def _may_hold_document(line: str) -> bool:
    """Whether DOCUMENTS could match in a line: each of its numbers has four digits after a
    capital (a PAN's, a voter's id's, a registration's series then its number, with a space,
    dot, slash or dash between, or none), or is a bank's account number beside a branch's
    code (four capitals and a 0)."""
    return bool(CAPITAL_DIGITS.search(line) or BRANCH_CODE.search(line))


def scan_line(line: str, allowed_handles: set[str], exempt: Set[str] = frozenset(),
              mail_words: bool = True) -> Iterable[tuple[str, str]]:
    """(kind, match) of what looks like personal data in one line of normalised text.
    Words in `exempt` (fingerprints the program wrote, see `program_values`) are passed over
    wherever they stand; account ids and a body's own numbers only where the program writes
    them (`_in_place`, which scan_text applies; a cell is read with none of them).
    `mail_words`: see scan_text."""
    if exempt:
        # Letters in its place, not a mark: what is around the word (an @ after it, an address
        # it is part of) reads as it did, and no digit of it is left to look like a number.
        line = WORD.sub(lambda m: "x" * len(m.group()) if m.group() in exempt else m.group(), line)
    lowered = line.lower()
    emails = []
    if ("@" in line and AFTER_AT.search(line)) or BRACKETED_AT.search(line):
        emails = list(EMAIL.finditer(line))
    if " dot " in lowered:
        emails += SPOKEN_EMAIL.finditer(line)
    if mail_words:
        if "डॉट" in line or "डाट" in line:
            emails += HINDI_EMAIL.finditer(line)
        if any(service in lowered for service in MAIL_SERVICES):
            emails += SERVICE_EMAIL.finditer(line)
            emails += [m for m in SERVICE_AT.finditer(line) if not any(e.start() <= m.start() < e.end()
                                                                        for e in emails)]
        if "%40" in line:  # an address in a link's query, its @ escaped
            emails += EMAIL.finditer(unquote(line))
    for m in emails:
        if m.group().lower() not in allowed_handles:  # the operator's, or one the registry lists with a source
            yield "e-mail address", m.group()
    yield from _phone_or_aadhaar(line)
    documents = []  # each number once, however many of the readings below find it
    if lowered != line and _may_hold_document(line):  # capitals, where a document's number could be
        for m in DOCUMENTS.finditer(line):
            if m.lastgroup == "epic" and not VOTER_WORDS.search(line) \
                    and (YEAR.match(m.group(), 3) or FILE_NUMBER.search(line[max(0, m.start() - 20):m.start()])):
                continue
            if m.lastgroup == "vehicle" and not _is_plate(m):
                continue
            glued = line[m.start() - 1:m.start()].islower()
            if m.lastgroup == "pan" and glued and IN_HANDLE.search(line, 0, m.start()):
                continue  # "@panABCPK1234F" is a name
            documents.append((DOCUMENT_KINDS[m.lastgroup], m.group()))
    documents += _typed_documents(line)
    documents += _named_documents(line)
    if not line.isascii():
        documents += _hindi_plates(line)
    yield from dict.fromkeys(documents)
    if "@" in line:
        for m in HANDLE.finditer(line):
            name = m.group(1).lower()
            if name in allowed_handles or name in CSS_AT_RULES:
                continue
            if any(e.start() <= m.start() < e.end() for e in emails):
                continue
            yield "unregistered handle", m.group()
    for _, link in _x_links(line, allowed_handles, _link_hits(line)):
        yield "unregistered handle", link


def _typed_documents(line: str) -> Iterator[tuple[str, str]]:
    """(kind, match) of documents' numbers typed in small letters (TYPED_DOCUMENTS) and of
    registrations after a state's name (NAMED_PLATE): outside web addresses, and in their
    queries that name one (WEB_ADDRESS)."""
    if not SERIES_OR_PAN.search(unquote(line.replace("+", " ")) if "%" in line or "+" in line else line):
        return  # most lines and cells hold neither
    queries = [unquote(value.replace("+", " ")) for address in WEB_ADDRESS.finditer(line)
               for value in NAMED_QUERY.findall(address.group())]
    for n, text in enumerate((WEB_ADDRESS.sub(_blank, line), *queries)):
        for m in TYPED_DOCUMENTS.finditer(text):
            found = m.group()
            if n == 0 and found == found.upper():
                continue  # in capitals, found in the line by DOCUMENTS
            if IN_HANDLE.search(text, 0, m.start()) or (m.lastgroup == "vehicle" and not _is_plate(m, typed=True)):
                continue
            yield DOCUMENT_KINDS[m.lastgroup], found
        for m in NAMED_PLATE.finditer(text):
            if not IN_HANDLE.search(text, 0, m.start()) and _is_plate(m, typed=True):
                yield DOCUMENT_KINDS["vehicle"], m.group()


# A PAN after its name, in any case and whatever its fourth letter (a holder's number mistyped
# is still theirs): "PAN: ABCDE1234F", "pan card no. abcpk1234f", and glued to the name,
# "panABCDE1234F", "पैनABCDE1234F".
PAN_NAME = normalise("पैन")  # "पेन" reads the same
NAMED_PAN = re.compile(rf"(?<![A-Za-z@{DEVANAGARI}])(?:(?P<latin>(?i:pan))|{PAN_NAME})"
                       rf"(?P<gap>(?:[\s:.#=-]*(?:(?i:card|number|no)|{normalise('कार्ड')}|{normalise('नंबर')}"
                       rf"|{normalise('संख्या')}|{normalise('नं')}))*[\s:.#=-]*)"
                       r"(?P<pan>[A-Za-z]{5}\d{4}[A-Za-z])(?![0-9])")


# A vehicle's registration written in Hindi, its letters by their names: "यूपी 32 एबी 1234",
# "एमएच12डीई1433". A series that is a word ("के", of; "ये", these) or an ordinal ("10वीं") is
# prose; so, as in small letters, is a year with the parts apart ("एमपी 12 जी 2024"). Outside
# web addresses, as in small letters (a story's slug is its id).
LETTER_NAMES = {"A": "ए", "B": "बी", "C": "सी", "D": "डी", "E": "ई", "F": "एफ", "G": "जी", "H": "एच", "I": "आई",
                "J": "जे", "K": "के", "L": "एल", "M": "एम", "N": "एन", "O": "ओ", "P": "पी", "Q": "क्यू", "R": "आर",
                "S": "एस", "T": "टी", "U": "यू", "V": "वी", "W": "डब्ल्यू डब्लू", "X": "एक्स", "Y": "वाई", "Z": "जेड"}
# Each letter also as itself: "यूपी 32 AB 1234" mixes the two (one in Latin alone is DOCUMENTS').
SPELT = {letter: "|".join([letter, *(normalise(name) for name in names.split())])
         for letter, names in LETTER_NAMES.items()}
SPELT_LETTER = "(?:" + "|".join(SPELT.values()) + ")"
# A state's code letter by letter, with dots or not ("यूपी", "यू.पी."; "ज.क." is JK read so), or its
# name in either script, in full or short (STATE_NAMES, SHORT_FORMS: "राजस्थान", "उ.प्र.", "गुज.",
# "Rajasthan 14 सीए 1234").
SPELT_STATE = "|".join([*(f"(?:{SPELT[code[0]]})\\.? ?(?:{SPELT[code[1]]})\\.?" for code in STATE_CODES.split("|")),
                        rf"(?:{HINDI_STATE_NAME}|{LATIN_STATE_NAME})\.?"])
# Its parts apart or joined as in Latin letters (PART): "उ.प्र. 32/एबी/1234", "यूपी-32-एबी-1234".
HINDI_PLATE = re.compile(rf"(?<![0-9A-Za-z{DEVANAGARI}])(?:{SPELT_STATE})(?P<rest>{PART}\d{{1,2}}{PART}"
                         rf"(?P<series>{SPELT_LETTER}(?: ?{SPELT_LETTER}){{0,2}}){PART}"
                         r"(?P<number>\d{4}))(?![0-9A-Za-z])")
# What every HINDI_PLATE holds from its district's number on, looked for first: it starts at a
# digit, which the engine finds quickly (HINDI_PLATE starts by looking back, then tries every
# state's spellings at every position of a line). Looked for in the line as it is, with its web
# addresses: blanked to spaces, they add no digit or letter, and more than one space.
HINDI_PLATE_END = re.compile(rf"\d{{1,2}}{PART}{SPELT_LETTER}(?: ?{SPELT_LETTER}){{0,2}}{PART}\d{{4}}")
# Normalised, "एके" (AK) reads as "एक" (one): kept as a series, which no sentence puts between
# a state's code and two numbers.
HINDI_NOT_SERIES = {normalise(word) for word in ("के", "ये", "वी")}
# A series read back letter by letter ("एमएलए" is MLA), the longest name first ("एम" before "ए"),
# so that an office before a year is read as in Latin letters ("यूपी12एमएलए2024", NOT_SERIES).
SPELT_READ = {spelling: letter for letter, spellings in SPELT.items() for spelling in spellings.split("|")}
SPELLING = re.compile("|".join(sorted(SPELT_READ, key=len, reverse=True)))


# A Bharat series' registration in Hindi, its letters by their names, with dots or not: "22 बीएच
# 1234 एए", "22 बी.एच. 1234 ए.ए.", "22बीएच1234एए"; its parts apart as in Latin letters (VEHICLE),
# a year for its number too. Started at its first digit, which the engine finds quickly: what
# stands before it is looked at from the second.
SPELT_DOTTED = rf"(?:{SPELT_LETTER})\.?"
SPELT_BH = rf"[ -]?(?:{SPELT['B']})\.? ?(?:{SPELT['H']})\.?[ -]?(?P<number>\d{{4}})"
HINDI_BHARAT = re.compile(rf"\d(?<![0-9A-Za-z{DEVANAGARI}]\d)\d{SPELT_BH}"
                          rf"[ -]?(?P<series>{SPELT_DOTTED}(?: ?{SPELT_DOTTED})?)"
                          r"(?![0-9A-Za-z\u0900-\u0963\u0966-\u097f])")  # a danda may end it
# What every HINDI_BHARAT holds, looked for first, in the line as it is (as HINDI_PLATE_END).
HINDI_BHARAT_END = re.compile(rf"\d{SPELT_BH}")
# After a Bharat series' number, "एक" is the word "one" ("22 बीएच 2024 एक वर्ष"), and "एके" (AK)
# reads the same once normalised: read as no series. The registration before it is caught where
# its number is no year, shown without the word ("22 बीएच 1234"; an AK plate so written is found
# all the same); with a year, the word after it is prose. Dotted or apart ("ए.के.", "ए के"), the
# letters are a series.
HINDI_ONE = normalise("एक")
APART = set(" ./-")  # what stands between a registration's parts apart (PART)


def _hindi_plates(line: str) -> Iterator[tuple[str, str]]:
    """(kind, match) of vehicles' registrations written in Hindi (HINDI_PLATE, HINDI_BHARAT)."""
    bharat, plates = HINDI_BHARAT_END.search(line), HINDI_PLATE_END.search(line)
    if not (bharat or plates):
        return
    text = WEB_ADDRESS.sub(_blank, line)
    for m in HINDI_BHARAT.finditer(text) if bharat else ():
        series = m.group("series")
        if m.group().isascii() or series.replace(".", "").replace(" ", "") in HINDI_NOT_SERIES:
            continue
        if series != HINDI_ONE:
            yield DOCUMENT_KINDS["vehicle"], m.group()
        elif not YEAR.fullmatch(m.group("number")):
            yield DOCUMENT_KINDS["vehicle"], text[m.start():m.start("series")].rstrip(" -")
    for m in HINDI_PLATE.finditer(text) if plates else ():
        rest, number = m.group("rest"), m.group("number")
        series = m.group("series").replace(" ", "")
        year = YEAR.fullmatch(number) is not None
        if m.group().isascii() or series in HINDI_NOT_SERIES or (year and set(rest) & APART) \
                or _day_or_office("".join(map(SPELT_READ.get, SPELLING.findall(series))), number) \
                or _paper_number(m, rest, year):
            continue
        yield DOCUMENT_KINDS["vehicle"], m.group()


# What a line that names a PAN holds, looked for first: its last digits and letter (NAMED_PAN's
# end, which starts at a digit; NAMED_PAN starts by looking back, at every position of a line).
PAN_END = re.compile(r"\d{4}[A-Za-z]")
VOTER_HINTS = ("epic", "voter", "elector", *HINDI_VOTER_WORDS)


def _voter_word(line: str, lowered: str) -> bool:
    """Whether a line could name voters (VOTER_WORDS), told by looking for the words as text;
    but where a line holds an i that the engine reads as one in any case and lower() does not
    turn into one (a Turkish dotted or dotless i)."""
    if "\u0130" in line or "\u0131" in line:
        return True
    return any(word in lowered for word in VOTER_HINTS)


def _named_pan(m: re.Match) -> bool:
    """Whether a NAMED_PAN match is a PAN: not a year after letters that no holder's kind
    makes one ("PAN-INDIA2024A"); glued to the Latin word, its capitals tell where it begins
    ("pandemic2020a" is one word), and a word all in capitals ("PANORAMA2024B") needs the
    holder's kind. Its end is where its letters stop, or where its capitals do: "PAN:ABCDE1234Fhai"
    (glued to the Hindi "is" typed in Latin letters)."""
    pan, latin = m.group("pan"), m.group("latin")
    after = m.string[m.end():m.end() + 1]
    if after.isascii() and after.isalpha() and not (pan.isupper() and after.islower()):
        return False  # the middle of a longer word
    holder = pan[3].upper() in HOLDERS
    if not holder and YEAR.fullmatch(pan[5:9]):
        return False
    if m.group("gap") or latin is None:
        return True
    return pan.isupper() and (holder or not latin.isupper())


def _named_documents(line: str) -> Iterator[tuple[str, str]]:
    """(kind, match) of documents' numbers that a word beside them names, in any case and
    outside web addresses (their slugs are ids): a voter's id where the line speaks of voters,
    a PAN after its name."""
    lowered = line.lower()
    voters = _voter_word(line, lowered) and VOTER_WORDS.search(line)
    pan = ("pan" in lowered or PAN_NAME in line) and PAN_END.search(line)
    if not (voters or pan):
        return
    text = WEB_ADDRESS.sub(_blank, line)
    if voters:
        for m in NAMED_EPIC.finditer(text):
            yield DOCUMENT_KINDS["epic"], m.group()
    if pan:
        for m in NAMED_PAN.finditer(text):
            if _named_pan(m):
                yield DOCUMENT_KINDS["pan"], m.group("pan")


ASTRAL = "\U00010000-\U0010ffff"


def _char_class(chars: list[str], astral: bool) -> str:
    """A regular-expression class of `chars` as ranges, which the engine tests quickly."""
    codes, parts = sorted({ord(c) for c in chars}), []
    while codes:
        first = last = codes.pop(0)
        while codes and codes[0] == last + 1:
            last = codes.pop(0)
        parts.append(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else ""))
    return "[" + "".join(parts) + (ASTRAL if astral else "") + "]"


@functools.cache
def trigger() -> re.Pattern:
    """Where scan_line could find anything: an @, an [at], a " dot ", ten digits close together,
    in any character that normalises to one, four digits after a capital letter, or four
    digits that end a word or follow one in small letters or Hindi, but a year after a space
    ("up32ab1234", "abcpk1234f", "यूपी 32 एबी 1234"; "of 2026" is a year, and a plate's
    small letters apart before a year are prose, TYPED_DOCUMENTS, but for a Bharat series',
    "22 bh 2024 aa"), or seven so ("voter id abc1234567"). Text without one (most of every
    page) is passed over at the speed of one regular expression, and is never normalised.

    Outside the first 65,536 code points every character counts as a possible digit, gap
    or letter: the few there that are (mathematical digits, tags) are not worth reading
    the other million for each time a process starts."""
    read_as: dict[str, list[str]] = {}
    for code in range(0x10000):
        char = chr(code)
        if unicodedata.category(char) not in ("Cn", "Cs", "Co"):
            read_as.setdefault(char if char.isascii() else _stands_for(char), []).append(char)

    def anyof(targets: Iterable[str], astral: bool = True) -> str:
        return _char_class([c for t in targets for c in read_as.get(t, [])], astral)

    digit, space = anyof("0123456789"), anyof(["", " ", "\t"])
    gap = anyof(["", *SEPARATORS])
    at, opening, d = anyof("@", False), anyof("[({", False), anyof("dD", False)
    blank = anyof([" ", "\t"], False)
    # A dash: what stands between a registration's parts, or a link's "+" for a space.
    cap, dash, zero = anyof("ABCDEFGHIJKLMNOPQRSTUVWXYZ", False), anyof(" -./+", False), anyof("0")
    h = anyof([normalise("ए")], False) + anyof([normalise("च")], False)  # "एच", H by its name
    # Small letters, and Hindi's letters and signs (not its digits or full stops).
    small = _char_class([c for t in "abcdefghijklmnopqrstuvwxyz" for c in read_as.get(t, [])]
                        + [chr(c) for c in range(0x0900, 0x0964)] + [chr(c) for c in range(0x0970, 0x0980)], False)
    # Every match starts with one character of one class, then tells by looking back which
    # kind it has met: a pattern that starts with a class is searched for in a fast loop,
    # where alternatives that each start with their own class are tried at every position.
    first = _char_class([c for t in ["@", "[", "(", "{", "d", "D", *"0123456789"] for c in read_as.get(t, [])],
                        True)
    # Invisible characters between digits count as gaps here and vanish when normalised.
    return re.compile(rf"{first}(?:(?<={at})"
                      rf"|(?<={opening}){space}*{anyof('aA')}{anyof('tT')}{space}*{anyof('])}', False)}"
                      rf"|(?<={blank}{d}){anyof('oO', False)}{anyof('tT', False)}{blank}"
                      rf"|(?<={digit})(?:{gap}{{0,{GAP}}}{digit}){{9}}"
                      # Four digits after a capital (a PAN, a vehicle's or a voter's id), a bank's branch code.
                      rf"|(?<={cap}{digit}){digit}{{3}}|(?<={cap}{dash}{digit}){digit}{{3}}|(?<={cap}{{4}}{zero})"
                      # The same in small letters or Hindi: four digits ending a word, or after a
                      # space, dash, slash or dot but for 1900-2099; or seven (a voter's id).
                      rf"|(?<={small}{digit}){digit}{{3}}(?:{digit}{{3}})?(?!{digit})"
                      rf"|(?<={small}{dash}{digit})(?:{digit}{{6}}|(?:(?<=1)(?!9)|(?<=2)(?!0)|(?<![12])){digit}{{3}})"
                      rf"(?!{digit})"
                      # A Bharat series' number, a year or not ("22 bh 2024 aa", "22 बी.एच. 2024 ए.ए.").
                      rf"|(?<={anyof('bB', False)}{anyof('hH', False)}{dash}{digit}){digit}{{3}}"
                      rf"|(?<={h}{dash}{digit}){digit}{{3}}|(?<={h}\.{dash}{digit}){digit}{{3}})")


SPACES = re.compile(r"\t[ \t]*| [ \t]+")  # a run of spaces or tabs but one space
MAIL_HINTS = [*MAIL_SERVICES, "%40", "डॉट", "डाट"]
MAIL_HINT = re.compile("|".join(MAIL_HINTS), re.I)


def _mail_hints(text: str) -> list[re.Match]:
    """Where a line names a mail service or holds an escaped @ (which the trigger does not
    see: no @, no digits). Most pages name none, which a plain search tells fastest."""
    lowered = text.lower()
    if not any(hint in lowered for hint in MAIL_HINTS):
        return []
    return list(MAIL_HINT.finditer(text))


def _merged(*found: Iterable[re.Match]) -> list[re.Match]:
    return sorted((m for matches in found for m in matches), key=lambda m: m.start())


def line_key(line: str) -> bytes:
    """What `seen` keeps of a line read: its digest, not the line. A language's pages hold
    about 270,000 distinct lines read whole, 60 million characters: kept as text they were
    most of what a page process grew by. 128 bits: no two lines anyone writes share one."""
    return hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def scan_text(text: str, allowed_handles: set[str], seen: set[bytes] | None = None,
              exempt: Set[str] = frozenset(), mail_words: bool = False) -> Iterable[tuple[int, str, str]]:
    """(line number, kind, match) in a text; lines in `seen` (by `line_key`) were checked before
    and are skipped.
    `mail_words`: also read whole the lines that name a mail service, hold an escaped @ or
    say "dot" in Hindi ("ram.kumar at gmail.com" has neither an @ nor digits). Cells are read so where they
    enter; the pages made from them, ten thousand a night, are not (it would cost a fifth
    more of the pages' audit)."""
    seen = set() if seen is None else seen
    if "  " in text or "\t" in text:  # read as a browser shows it: "UP 32  AB 1234" is a plate
        text = SPACES.sub(" ", text)
    position = 0
    scanned = []  # (start, end) of the lines read whole
    hits: Iterable[re.Match] = trigger().finditer(text)
    if mail_words:
        hits = _merged(hits, _mail_hints(text))
    for found in hits:
        if found.start() < position:
            continue  # the line of this trigger was scanned already
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        position = end
        scanned.append((start, end))
        line = text[start:end]
        key = line_key(line)
        if key in seen:
            continue
        seen.add(key)
        read = normalise(SVG.sub(_words_of_svg, line))
        for kind, match in scan_line(_in_place(read, exempt) if exempt else read, allowed_handles, exempt,
                                     mail_words):
            yield text.count("\n", 0, start) + 1, kind, match
    # A link to an X profile needs no @ and no digits. Every scorecard links its accounts, so
    # only the link itself is read where its line was not read whole.
    starts = [start for start, _ in scanned]

    def unread(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return not (i >= 0 and scanned[i][0] <= at <= scanned[i][1])

    for at, link in _x_links(text, allowed_handles, filter(unread, _link_hits(text))):
        yield text.count("\n", 0, at) + 1, "unregistered handle", link


FINGERPRINT = re.compile(r"[0-9a-f]{64}")


def program_values(data_dir: Path, ds: Dataset) -> frozenset[str]:
    """Values the program itself wrote, which the audit passes over where the program writes
    them: the fingerprints of ingested exports (from the ingest ledger, with and without their
    'export:' prefix) as words anywhere; the account ids the collector resolved only as account
    ids (`as_account_id`: in an account_id column, as the API's JSON writes one). Exempt by
    where a value came from, never by its shape: the same characters typed into a registry
    cell, an 'export:' reference no ingest wrote, or a resolved id quoted in a note, are
    audited like any other text.

    And the numbers the registry lists as a body's own contact with the source that lists them
    (`as_dialled`, `contact_numbers`): only as the page's link to dial them, which carries
    their digits ("tel:06122215354", which reads as 0 and a mobile number)."""
    ledger = Path(data_dir) / paths.INGEST_LEDGER
    # Only what an ingest writes there: a SHA-256 in hex (a line of ten digits is no fingerprint).
    fingerprints = [f for f in (ledger.read_text(encoding="utf-8").split() if ledger.is_file() else [])
                    if FINGERPRINT.fullmatch(f)]
    # The ids the collector resolved (its reply counts name the same accounts, measured only
    # for those it looked up that night: an id only they name is not one it resolved).
    collected = ds.snapshots.loc[ds.snapshots["source"] == "x-api", "account_id"]
    ids = [ds.account_ids["account_id"], collected]
    # Each distinct id once: the observations repeat every account's id every night.
    return frozenset({f[:16] for f in fingerprints} | {f"export:{f[:16]}" for f in fingerprints}
                     | {as_account_id(v) for frame in ids for v in pd.unique(frame.dropna())}
                     | {as_dialled(n) for n in contact_numbers(ds)})


def listed(frame: pd.DataFrame) -> pd.Series:
    """Which rows of the registry's departments or channels name the source that lists their
    contacts: a number without one is anyone's."""
    source = "contact_source_url" if "contact_source_url" in frame else "source_url"
    if source not in frame:
        return pd.Series(False, index=frame.index)
    return frame[source].notna() & (frame[source].astype(str).str.strip() != "")


def contact_numbers(ds: Dataset) -> set[str]:
    """The digits of each contact number in the registry (ten or more of them) listed with
    the source that lists it."""
    out = set()
    for frame in (ds.departments, ds.channels):
        frame = frame[listed(frame)]
        for name in CONTACTS & set(frame.columns):
            for value in pd.unique(frame[name].dropna()):
                digits = re.sub(r"\D", "", normalise(str(value)))
                if len(digits) >= 10 and not str(value).startswith("https://"):
                    out.add(digits)
    return out


def _finding(file: str, line: int, column: str, kind: str, match: str) -> Problem:
    return Problem(file, line, column, f"{kind}: {mask(match)}")


def audit_pages(pages: Iterable[Page], lang: str, allowed: set[str], seen: set[bytes] | None = None,
                exempt: Set[str] = frozenset()) -> list[Problem]:
    """Every page's title, description and body; a line already checked on another page is
    not checked again."""
    seen = set() if seen is None else seen
    findings = []
    for page in pages:
        label = site_path(lang, page.url) + ("index.html" if not page.markdown else "index.md")
        for column, text in (("title", page.title), ("description", page.description), ("body", page.body)):
            for number, kind, match in scan_text(text, allowed, seen, exempt):
                findings.append(_finding(label, number, column, kind, match))
    return findings


def audit_file(path: str, text: str | bytes, allowed: set[str], findings: list[Problem], seen: set[bytes],
               exempt: Set[str] = frozenset()) -> None:
    """Add to `findings` what a text file no table's audit reads holds (the search index,
    league slices, feeds, badges, API files): a district's former name reaches them without
    passing through a page or a download's columns. Each distinct line is scanned once
    (`seen`), across all of them."""
    if Path(path).suffix not in SCANNED - {".csv"}:
        return
    if isinstance(text, bytes):  # a text file written as bytes (a night's run record): read as text
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return
    for number, kind, match in scan_text(text, allowed, seen, exempt):
        findings.append(_finding(path, number, "text", kind, match))


def free_text(table: schema.Table) -> list[str]:
    """Columns whose cells are free text (names, titles, links), where personal data could hide."""
    return [c.name for c in table.columns if c.kind == "string" and c.parse in schema.FREE_TEXT]


def scan_cell(value: object, allowed: set[str], exempt: Set[str] = frozenset()) -> Iterable[tuple[str, str]]:
    """(kind, match) in one cell, read whole (not only where a page's trigger is: a cell is
    short), normalised, and with each run of spaces read as one, as a browser shows it."""
    return scan_line(" ".join(normalise(str(value)).split()), allowed, exempt, mail_words=True)


def audit_frame(df: pd.DataFrame, table: schema.Table, label: str, allowed: set[str],
                exempt: Set[str] = frozenset()) -> list[Problem]:
    """The free-text columns of a download, each distinct value once, with the line it is on
    (an account id the collector resolved passes in its account_id column, and only there)."""
    findings = []
    for name in free_text(table):
        if name not in df:
            continue
        values = df[name].reset_index(drop=True)
        firsts = values.dropna().drop_duplicates()
        for row, value in firsts.items():
            if name == ACCOUNT_ID and as_account_id(value) in exempt:
                continue  # the id the collector resolved, as an account's id
            for kind, match in scan_cell(value, allowed, exempt):
                findings.append(_finding(label, int(row) + 2, name, kind, match))
    return findings


# What an observation the collector wrote holds as text; its counts, times and ids are checked
# by shape where they are parsed (schema.SNAPSHOT), and an id it resolved is exempt as an id.
COLLECTED_TEXT = ("handle", "source_url")


def _typed(table: schema.Table) -> list[str]:
    """Columns a person types into: free text, ids copied from a profile page, contacts (a
    link among them may carry an address), the ids and handles that name things, and the
    counts (a "follower count" of ten digits starting 6-9 is a mobile number, one of twelve
    with its check digit an Aadhaar number: no real count is either)."""
    return free_text(table) + [c.name for c in table.columns
                               if c.parse in (schema._digits, schema._contact, schema._slug, schema._handle,
                                              schema._terms) or c.kind == "integer"]


# Columns whose cells name rows of other files (ids, handles): a finding there cannot be
# withheld as a note without breaking what points to it, so it stops the night instead.
KEYS = frozenset(c.name for table in (schema.DEPARTMENTS, schema.DISTRICTS, schema.ACCOUNTS, schema.SOURCES_TABLE,
                                      schema.ABSENCES, schema.CHANNELS, schema.SNAPSHOT, schema.COMPLAINTS,
                                      schema.WITHDRAWN_COMPLAINTS, schema.CORRECTIONS)
                 for c in table.columns if c.parse in (schema._slug, schema._handle))
# What no cell holds and so cannot be held back either: who runs the site (config.toml).
UNWITHHELD = KEYS | {"operator"}


def unwithheld(finding: Problem) -> bool:
    """A finding that cannot be held back as a note, and so stops the night: in a key, in who
    runs the site, or in a run record (published in the night's archive as the night wrote it)."""
    return finding.column in UNWITHHELD or finding.file.endswith(RUN_SUFFIX)
CONTACTS = frozenset(c.name for table in (schema.DEPARTMENTS, schema.CHANNELS) for c in table.columns
                     if c.parse is schema._contact)


def allowed_names(ds: Dataset, cfg: Config) -> frozenset[str]:
    """The handles and e-mail addresses an audit lets through (store.dataset.published_names)."""
    return published_names(ds, cfg.site.contact_email)


def audit_inputs(data_dir: Path, ds: Dataset, cfg: Config | None = None,
                 exempt: frozenset[str] | None = None) -> list[Problem]:
    """The cells people edit by hand (registry, district registry, manual observations,
    complaint rows, withdrawal reasons, corrections), their counts among them, and the reply
    counts' account ids (a file anyone can edit in git), and the handles and links of the
    collector's observations (what the API answered), where they enter: the data folder is
    public in git before any site is built from it. Values the program wrote pass, as in the
    site (`exempt`: `program_values`, when the caller has them already)."""
    allowed = set(published_names(ds, cfg.site.contact_email if cfg else ""))
    exempt = program_values(data_dir, ds) if exempt is None else exempt
    by_hand = ds.snapshots["source"] == "manual"
    findings = []
    tables = [(frame, _typed(table)) for frame, table in (
        (ds.departments, schema.DEPARTMENTS), (ds.districts, schema.DISTRICTS), (ds.accounts, schema.ACCOUNTS),
        (ds.sources, schema.SOURCES_TABLE), (ds.absences, schema.ABSENCES), (ds.channels, schema.CHANNELS),
        (ds.snapshots[by_hand], schema.SNAPSHOT), (ds.complaints, schema.COMPLAINTS),
        (ds.withdrawn, schema.WITHDRAWN_COMPLAINTS), (ds.corrections, schema.CORRECTIONS), (ds.titles, schema.TITLES),
        (ds.replies, schema.REPLIES))]
    # The collector's rows: the texts the API answered, which every page shows (the same
    # texts on every night, so each distinct one is read once). A nightly file is in git too.
    # Read in every row (a hand-entered row's are read twice): not a copy of millions of rows.
    tables.append((ds.snapshots, list(COLLECTED_TEXT)))
    for frame, names in tables:
        if frame is None:
            continue
        for name in names:
            if name not in frame:
                continue
            read = frame
            if name in CONTACTS:  # a body's own number or address, published with the source that lists it
                read = frame[~(listed(frame) & ~frame[name].astype(str).str.startswith("https://"))]
            # Each distinct value read once; the rows of the few with a finding looked up after
            # (ids are all distinct: grouping every one of them first cost more than reading it).
            for value in pd.unique(read[name]):
                if pd.isna(value):
                    continue
                if name == ACCOUNT_ID and as_account_id(value) in exempt:
                    continue  # the id the collector resolved, as an account's id
                found = list(scan_cell(value, allowed, exempt))
                if found:
                    rows = read.loc[read[name] == value, ["_file", "_line"]]
                    findings += [_finding(f, int(n), name, kind, match) for kind, match in found
                                 for f, n in rows.itertuples(index=False)]
    for body in ds.runs:  # an exception's words, which may quote the API, published as written
        file = str(run_file(data_dir, body["platform"], body["night"]))
        found = [(("runs", n, *where), f"runs[{n + 1}].{name}", kind, match)
                 for n, run in enumerate(body["runs"]) for where, name, text in run_texts(run)
                 for kind, match in scan_cell(text, allowed, exempt)]
        if found:  # the file read again only then, to say on which line each stands
            try:
                line = line_finder(Path(file).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):  # gone or changed since it was loaded: line 1 says it still
                line = line_finder("")
            findings += [_finding(file, line(where), column, kind, match) for where, column, kind, match in found]
    if cfg is not None:  # who runs the site, named on every page: no cell to hold back, so it stops the night
        config = Path(data_dir) / paths.CONFIG_TOML
        for _, kind, match in scan_text(cfg.site.operator, allowed, exempt=exempt, mail_words=True):
            findings.append(_finding(str(config), line_of(cfg.text, "site", "operator"), "operator", kind, match))
    return sorted(findings, key=lambda p: (p.file, p.line, p.column))


WITHHELD = {"en": "withheld pending review", "hi": "समीक्षा तक रोका गया"}


def withhold(ds: Dataset, findings: list[Problem]) -> Dataset:
    """The dataset with every cell a finding was traced to replaced by a note that it is
    withheld pending review (in Hindi in the Hindi columns, in both languages where a cell
    is shown on both sites; a count left blank, as one not known), so one cell does not keep
    the rest of the night offline."""
    cells = {(p.file, p.line, p.column) for p in findings}
    changed = {}
    for field in dataclasses.fields(ds):
        frame = getattr(ds, field.name)
        if not isinstance(frame, pd.DataFrame) or "_file" not in frame:
            continue
        for file, line, column in cells:
            hit = (frame["_file"] == file) & (frame["_line"] == line)
            if column in frame and hit.any():
                frame = changed.setdefault(field.name, frame.copy())
                if pd.api.types.is_numeric_dtype(frame[column]):
                    frame.loc[hit, column] = pd.NA  # a count held back is a count not known: blank
                else:
                    note = WITHHELD["hi"] if column.endswith("_hi") else f"{WITHHELD['en']} · {WITHHELD['hi']}"
                    frame[column] = frame[column].astype(object)
                    frame.loc[hit, column] = note
                for raw, none in (("_text", None), (REF, -1)):  # the line as read would publish the cell again
                    if raw in frame:
                        frame.loc[hit, raw] = none
    return dataclasses.replace(ds, **changed)


def not_plain(site: Path) -> Iterator[str]:
    """What in a site folder is neither a folder nor a plain file (a link, a pipe), by path: a
    build writes none, nothing here follows a link, and the Pages upload does (what it points
    at would be published unaudited)."""
    # The kind of each entry as its folder's listing gives it (no call per file: every night
    # walks the last site's tens of thousands of files before it lends any of them).
    todo = [str(site)]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                elif not entry.is_file(follow_symlinks=False):
                    yield Path(entry.path).relative_to(site).as_posix()


def audit_site(out_dir: Path, allowed_handles: Iterable[str], exempt: Set[str] = frozenset()) -> list[Problem]:
    """Read a built site back from disk and scan every page and download."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        # An empty report for a mistyped folder would read as a clean site.
        raise ProblemError([Problem(str(out_dir), 0, "--out", "is not a folder; name the built site's folder")],
                           "nothing was audited")
    allowed = {h.lower() for h in allowed_handles if h}
    exempt = frozenset(exempt) | digests(out_dir)
    findings = [Problem(rel, 0, "-", "is a link or not a plain file: what it points at would be published "
                                     "unaudited; a built site holds none") for rel in not_plain(out_dir)]
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file() or path.suffix not in SCANNED:
            continue
        if SKIPPED_PARTS & set(path.relative_to(out_dir).parts[:-1]):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = SVG.sub(_words_of_svg, text)
        elif path.suffix == ".csv":
            text = _csv_account_ids(text, exempt)
        for line, kind, match in scan_text(text, allowed, exempt=exempt, mail_words=True):
            findings.append(_finding(str(path.relative_to(out_dir)), line, "text", kind, match))
    return findings
