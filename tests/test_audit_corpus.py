"""The audit against the ways people actually write a phone number or an e-mail address,
and against the figures and identifiers the program itself publishes."""

import hashlib
import random
from dataclasses import replace

import pandas as pd
import pytest

from generator import paths, schema
from generator.publish.audit import (
    as_account_id,
    as_dialled,
    audit_frame,
    audit_site,
    normalise,
    program_values,
    scan_cell,
    scan_line,
    scan_text,
)
from generator.render.formats import number
from generator.store.load import load_dataset

from .helpers import DATA

NBSP, NNBSP, FIGURE, THIN, IDEO = "\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"
ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
EN, EM, MINUS, HYPHEN, FW_HYPHEN = "\u2013", "\u2014", "\u2212", "\u2010", "\uff0d"


def digits(number: str, script: str) -> str:
    """`number` with its 0-9 written in another script's digits."""
    zero = {"bengali": 0x9E6, "gurmukhi": 0xA66, "devanagari": 0x966, "tamil": 0xBE6, "fullwidth": 0xFF10,
            "gujarati": 0xAE6, "odia": 0xB66, "telugu": 0xC66, "kannada": 0xCE6, "malayalam": 0xD66}[script]
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in number)


MOBILES = [
    "9876543210", "+91 98765 43210", "+91-98765-43210", "098765 43210", "0091 98765 43210", "919876543210",
    "(+91) 98765-43210", "987-654-3210", "98 76 54 32 10", "98765.43210", "+91 (987) 654 3210",
    f"98765{NBSP}43210", f"+91{NBSP}98765{NBSP}43210", f"98765{NNBSP}43210", f"98765{FIGURE}43210",
    f"98765{THIN}43210", f"98765{IDEO}43210", f"98765{EN}43210", f"+91{EM}98765{EM}43210", f"98765{MINUS}43210",
    f"98765{HYPHEN}43210", f"98765{FW_HYPHEN}43210", f"9876{ZWSP}543210", f"98765{ZWNJ}43210{ZWJ}",
    f"98{WJ}765{BOM}43210", f"98765{SHY}43210", f"9{ZWSP}8{ZWSP}7{ZWSP}6{ZWSP}5{ZWSP}4{ZWSP}3{ZWSP}2{ZWSP}1{ZWSP}0",
    digits("9876543210", "bengali"), digits("+91 98765 43210", "gurmukhi"), digits("098765 43210", "devanagari"),
    digits("98765-43210", "tamil"), digits("9876543210", "fullwidth"), digits("+91 98765 43210", "gujarati"),
    digits("9876543210", "odia"), digits("98765 43210", "telugu"), digits("9876543210", "kannada"),
    digits("9876543210", "malayalam"), "９８７６５" + NBSP + "４３２１０", "＋９１ ９８７６５ ４３２１０",
    digits("98765", "devanagari") + " 43210", f"{digits('98765', 'bengali')}{EN}{digits('43210', 'bengali')}",
    # Spacing as a PDF's copy leaves it: a dash with spaces around it, doubled.
    "98391 -  20457", "98391  -  20457", "+91  98391  20457",
    # Numbers inside links to call or message them.
    "https://wa.me/919876543210", "https://api.whatsapp.com/send?phone=919876543210", "tel:+919876543210",
    "https://example.in/contact?mobile=9876543210", "https://example.in/c?id=7&mob=98765-43210",
    "https://example.in/x?whatsapp=+919876543210", "0 98765 43210", "09876543210", "09876-543210", "(0987) 6543210",
    "https://example.in/form?mobile_no=9876543210", "https://example.in/f?phone_number=98765-43210",
    # Escaped in a link, after # or a key's prefix; a Telegram link to a number.
    "https://example.in/view?phone=%2B919876543210", "https://example.in/?phone=+91%209876543210",
    "https://example.in/#phone=9876543210", "https://example.in/?user_phone=9876543210", "https://t.me/+919812345678",
    # In a link's path: after a word that names a phone or the person who called, or after "+".
    "https://example.in/complainant/9839120457", "https://example.in/caller-9876543210/details",
    "https://example.in/c/+919876543210", "https://example.in/mobile/98765-43210",
    "https://example.in/grievance/applicant_9876543210.pdf", "https://example.in/contact:9876543210",
    "https://example.in/whatsapp/send/9876543210", "https://example.in/tel/call/98765-43210",
    # Joined by a middle dot, a bullet or a tilde.
    "98765\u00b743210", "98765 \u2022 43210", "98765~43210", "+91\u00b798765\u00b743210",
    # Beside an office's PIN code or landline, a mobile is still one.
    "800001 98765 43210", "0612-2219234 / 98765 43210", "0612-2219234 9876543210", "011 9876543210",
    # Halves joined by whatever slips past a reader of digits: a bar, a star, a colon, bold
    # marks, a backtick, a semicolon, a plus, an equals sign, a hash, a long dashed gap.
    "98765|43214", "98765*43215", "98765:43216", "98711**00001**", "98765`43217", "98765;43218", "98765+43219",
    "98765=43211", "98765#43212", "98765 - - - - - 43210", "98765 | 43213", "+91:98765:43210",
    # A link's end is no end of a number: its first half ends the address, the rest follows it.
    "https://example.com/c?ref=98765 43501", "https://example.in/p/98765 - 43502",
    # Short keys of a form for a phone.
    "https://example.in/x?ph=9876543210", "https://example.in/x?m_no=9876543210", "https://example.in/x?mno=9876543210",
    "https://example.in/x?cno=9876543210", "https://example.in/f?id=2&user_ph=98765-43210",
]

EMAILS = [
    "asha.devi@example.in", "asha.devi＠example.in", "asha.devi＠example．in", "asha.devi@example。in",
    "asha.devi [at] example [dot] in", "asha.devi(at)example(dot)in", "asha.devi {at} example.in",
    "asha.devi［at］example.in", f"asha.devi@{ZWSP}example.in", f"asha{ZWJ}.devi@example.in",
    "ＡＳＨＡ＠ＥＸＡＭＰＬＥ．ＩＮ", "asha_devi99@mail.gov.in", "asha.devi﹫example.in",
    "ram @ gmail.com", "ram@ gmail.com", "ram at gmail dot com", "Ram AT Gmail DOT Com",
    "asha.devi at up dot gov dot in", "ram at the rate gmail dot com", "ram at the rate of gmail dot com",
    # Inside percent-encoded text, as in a link's subject: an address starts where its word does.
    "subject=%E0%A4%86%20asha.devi@example.in", "%E0%A4%86asha.devi@example.in", "?body=%20ram at gmail dot com",
    # Typed in a hurry, spaces around the dot; read aloud in Hindi, the mailbox in Latin letters.
    "ram@ gmail .com", "ram @ gmail . com", "ram@gmail. com", "ram123 एट जीमेल डॉट कॉम",
    "ram123 एट द रेट जीमेल डॉट कॉम", "asha.devi एट द रेट ऑफ़ gmail डॉट com", "ram_99@याहू डॉट को डॉट इन",
    "ram123 एट जीमेल डाट काम",
    # "at" spoken and the dot written, before a mail service; dots in brackets; a dot spoken
    # after an @; a comma for the dot; an @ escaped in a link.
    "ram.kumar at gmail.com", "ram at the rate yahoo.co.in", "sita [at] yahoo [.] co [.] in",
    "mohan@rediffmail dot com", "ram@gmail,com", "https://forms.example.in/view?email=ram.kumar%40gmail.com",
    # The @ hidden or doubled, the ending left off, before a mail service.
    "ramesh@gmail", "ramesh{@}gmail.com", "ramesh<at>gmail.com", "ramesh -at- gmail -dot- com",
    "ramesh.kumar @ gmail com", "ramesh@@gmail.com",
    # The "at" in brackets with spaces inside them, before any domain.
    "ramesh [ at ] nic.in", "ramesh ( at ) example.org", "asha { at } up.gov.in"
]

# Citizens' accounts, as people write them: at the end of a sentence, in the reply
# convention, in brackets, and as a link to the profile or a post.
HANDLES = [
    "by citizen @ramesh_kumar99.", "Follow-up by .@suresh_y on the same day", "(tagged by @priya_sharma.)",
    "asked @ramesh_kumar99… twice", "see https://x.com/ramesh_kumar99/status/1700000000000000000",
    "twitter.com/ramesh_kumar99", "https://mobile.twitter.com/#!/ramesh_kumar99", "X.com/Ramesh_Kumar99",
    "www.x.com/@ramesh_kumar99",
    # Typed after a Hindi word, before a hyphen or a Hindi word; on mobile hosts and mirrors; in a follow link.
    "नमस्ते@ramesh_k", "SP City @amit_k99-ji", "@ramesh_kने लिखा", "@ramesh_k.मैं", "https://m.twitter.com/ramesh_k",
    "fxtwitter.com/ramesh_k", "https://nitter.net/ramesh_k", "https://x.com/intent/follow?screen_name=ramesh_k",
    # Names that begin like a rate or a scale are still names.
    "thanks @2xram", "by @5star_ram", "@param_singh99",
]

# Hidden from a page's quick trigger, but a cell is read whole and normalised where it enters.
IN_A_CELL = ["see twitter.com/\u200bramesh_k", "twit\u00adter.com/ramesh_k", "x\uff0ecom/ramesh_k",
             "twitter\u3002com/ramesh_k", "98765" + "\u200b" * 9 + "43210",
             # Gaps no page's quick look reads as one: ten invisible marks, a run of spaces a
             # browser shows as one; a form's "+" for a space and escaped spaces in a link.
             "98000" + "\u200b" * 10 + "00041", "98000" + "\u2060" * 12 + "00041", "Cyber 98000      00043 dial",
             "https://example.in/x?mobile=98000+00052", "https://example.in/x?phone=98000%C2%A000055",
             "https://example.in/x?mobile_no=%2B91%20(98000)%2000056", "https://example.in/x?complainant=9800000053",
             "https://example.in/complaint/callerMobile/9800000054", "https://example.in/telephone/9800000057",
             "https://example.in/x?cellphone=9800000058", "https://example.in/report.html,9800000059",
             "https://example.in/mobile/98765/43210", "https://example.in/x?sms=9876543210",
             "https://example.in/x?mobile1=9876543210"]

NOT_PERSONAL = [
    "19,00,000 followers", "१९,००,००० फ़ॉलोअर", "2023-07-18", "२०२३-०७-१८", "12345 67890", "3,51,000",
    "M9.5 3.5 10 10", "rank 12 of 3,456", "https://example.org/news/98765432101234", "dial 112 or 1930",
    # Landlines with their STD code, ISBNs, coordinates, and prose that says "at" and "dot".
    "0612-2215354", "(0612) 2215354", "0522 2236181", "011-23456789", "06274-240385", "ISBN 978-81-7525-766-5",
    # The same dialled from abroad: twelve digits that a check digit may also let read as Aadhaar.
    "+91 172 2200006", "+91-172-2200010", "+91 11 2337 0007",
    "978-93-5266-201-2", "26.7606 83.3732", "26.7606, 83.3732", "25.6100 85.1400 and 26.1209 85.3647",
    "https://example.org/story/9876543210?page=2", "look at the data. com", "meet at the office dot com",
    # A link's path whose digits are an id: after a word that only begins like a phone's name,
    # an account's id, a story's id after a slug.
    "https://example.in/telangana/9876543210", "https://example.in/phones/9876543210",
    "https://x.com/i/user/9876543210", "https://example.in/cell-phones-under-9999/9876543210",
    "https://example.in/articleshow/98391204.cms", "https://example.in/news/mobile-app-launched-9876543210.html",
    # Addresses and pages of the service that hold an @ or an x.com/ but name no account.
    "@media screen and (min-width: 45em)", "https://x.com/i/web/status/1700000000000000000",
    "https://x.com/search?q=%23twittersewa", "https://x.com/intent/follow?screen_name=Uppolice",
    "https://x.com/Uppolice/status/1700000000000000000", "@Uppolice.", ".@Uppolice said", "netflix.com/title",
    "https://github.com/jawabdehi/jawabdehi", "icons/@2x/", "box.com/shared", "a sentence ends @ 5 p.m.",
    "https://x.com/en/tos", "https://twitter.com/account/suspended", "https://x.com/rules", "x.com/jobs",
    "twitter.com/statuses/123", "https://twitter.com/#!/Uppolice", "see x.com.", "Hotmail.com/login",
    # Two dates in a row, and a ten-digit ISBN named as one.
    "Period 2016-09-08 – 2022-05-16", "from 08/09/2016 to 16/05/2022", "Order 6543/2023-24",
    "order no. 98765/2019-20", "HTTPS://EXAMPLE.ORG/STORY/9876543210", "08.09.2016 - 16.05.2022",
    "2023-07-18, 2023-07-19", "ISBN 81-7525-766-0", "ISBN-10: 0-306-40615-2",
    # Numbers a file's name joins with underscores; a landline with a middle dot.
    "night_2026_11_24_0930.csv", "report_9876_5432_10.pdf", "0612\u00b72215354",
    # "@" read as "at the rate" before a rate, and an image's scale.
    "loan @5% a year", "interest @7.5% p.a.", "rate @ 7.5%", "logo @2x and @3x",
    # A sentence that ends after an @ and the next begins; Hindi prose that says "at" and "dot".
    "write to us@ home. In the morning", "मैं एट ऑफिस डॉट कॉम पर", "डाटा डॉट कॉम", "UP Police डॉट कॉम",
    "यह डेटा 2026 का है", "ऑफिस एट द रेट 5 प्रतिशत",
    # A site named after "at", mail services named, escapes and Telegram links that hold no one.
    "look at x.com", "Gmail is a service", "write at Yahoo News", "https://example.org/a%40b",
    "https://t.me/+AbCdEf12", "https://t.me/uppolice", "ram, gmail, com", "https://example.org/q?a=%2B1",
    # An office's PIN code (6 digits, some starting 6-9) beside its landline; years in a row.
    "Prabhat Khabar, Patna - 800001 / 0612-2219234", "Collectorate, Patna 800001 0612-2219234",
    "Kochi 682011 (0484) 2423001", "Bhubaneswar 751001, 0674-2536782", "reports of 2010 2011 2024",
    # Times, ratios, ranges, sums and tables that the wider separators must leave alone.
    "10:30", "10:30 - 11:45", "ratio 3:2", "2019-2023", "1,23,456", "Timings 10:00-17:00; Sat 10:00-14:00",
    "2026-11-24T09:15:00+05:30", "09:15:00 18:30:00", "10:30:45 12:30:45", "12:30 | 14:45 | 16:00",
    "Rs 70,000 + 80,000", "1+1=2", "x*y = 12*34", "#1 #2 #3", "a=5; b=7", "score 12:10, 11:09",
    "2019-20 | 2020-21 | 2021-22", "2010-2014; 2015-2019", "https://example.org/p/123 456 people",
    "&#39;1234567890&#39;", "https://example.org/story/9876543210 today", "https://example.in/graph=9876543210",
    "https://example.in/x?phase=9876543210", "https://example.in/x?uidx=2345",
    # Official codes and references shaped in part like a PAN, a vehicle's, a voter's or a
    # bank's number: order and GO numbers, a business's GSTIN and a company's CIN (which hold a
    # PAN and a state's code inside them), a reference numbered by its year, a branch code
    # alone, Wikidata's ids, standards, laws, trains, PIN codes, a digest.
    "G.O. No. 1234/2023", "Order No. ABC/1234/2023", "GSTIN 09AAACH7409R1ZZ", "CIN U74999DL2015PTC123456",
    "REF2023001", "GOI2023001", "IFSC SBIN0001234", "SHA-256", "UP 112", "NH 28", "UP Police 2023", "MP 2023",
    "UP2023", "Form 16A", "COVID-19 2020", "FY2023-24", "Q3 2024", "ISO 9001:2015", "ISO 3166-2", "H1N1 2009",
    "CPGRAMS DARPG/E/2023/0012345", "Train 12555 Gorakhdham", "PIN 273001", "UP-112 2023", "Section 144 CrPC",
    "IPC 1860", "RTI Act 2005", "AB-PMJAY 2018", "UPSC CSE 2023", "Wikidata Q4294487 (P2002)",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "departments/up-police/",
    # A state's code written with its letters apart, before a day, a count, a name or a year.
    "U.P. 15 AUG 2024", "M.P. 26 JAN 2025", "U.P. 112", "U.P. Police 2023", "U.P. 75 districts 1234 villages",
    "GROUP B 12 A 1234", "U.P. 10TH 2024", "X Y 32 AB 1234",
    # A count of officers in a year: an office or a service where a series would be.
    "MP 12 MLA 2024", "UP 12 PM 2024", "UP 5 SDM 2023", "MP12MLA2024", "U.P. 12 DIG 2025", "WB 30 IPS 2024",
    "BR 4 SHO 2023",
    # A paper's number written as a registration with slashes or dots: after its name, or
    # ending in a year. A PAN's shape inside a longer code of capitals and digits.
    "Order No. UP/12/AB/1234", "letter no.: UP/32/AB/1234", "F.No. MP/12/A/1234", "आदेश संख्या UP/12/AB/1234",
    "G.O. No. UP.12.AB.1234", "Ref. No. UP/12/AB/1234", "UP/12/AB/2024", "MP.12.AB.2024", "XABCPK1234F",
    "1ABCPK1234F2", "ABCPK1234FG", "09AAACH7409R1ZZgst",
    # Jammu & Kashmir by its ampersand before a year, a name, a count of officers, a paper's number.
    "J&K 2024 elections", "J&K Bank 01 branch", "J&amp;K 2024 elections", "J&amp;K Bank 01 branch",
    "J&K 12 MLA 2024", "J&K/12/AB/2024", "Order No. J&K/12/AB/1234", "J&K 20 districts 1234 villages",
    # A state by its name before seats, a count of officers, a day, districts, a paper's number, a word.
    "Rajasthan 25 LS 2024", "Bihar 40 LS 2024", "Uttar Pradesh 80 MPs 2024", "Maharashtra 12 MLA 2024",
    "Punjab 13 Feb 2024", "Rajasthan 2024", "Kerala 14 districts 1234 villages", "Order No. Raj/14/CA/1234",
    "Rajasthan/14/CA/2024", "Raj 14 of 1234", "Delhi 6 to 1234", "Goa 2 per 1000", "Rajasthan Act 14 of 1234",
    "Raj Kumar 14 CA 1234", "Maharaj 14 CA 1234", "https://example.in/rajasthan-14-ca-1234",
]


# Identity documents, in capitals as issued and copied.
DOCUMENTS = [
    ("ABCPK1234F", "PAN"), ("PAN: ABCPK1234F.", "PAN"), ("pan no. AAACB1234C", "PAN"), ("ＡＢＣＰＫ１２３４Ｆ", "PAN"),
    ("UP32AB1234", "vehicle registration number"), ("UP 32 AB 1234", "vehicle registration number"),
    ("DL-1C-2345", "vehicle registration number"), ("bike MH 12 DE 1433 stolen", "vehicle registration number"),
    ("TG 09 AB 1234", "vehicle registration number"), ("22BH1234AA", "vehicle registration number"),
    ("U.P. 32 AB 1234", "vehicle registration number"), ("U P 32 AB 1234", "vehicle registration number"),
    ("gaadi U.P.32AB1234 chori", "vehicle registration number"), ("W.B. 02 AK 4321", "vehicle registration number"),
    # A series that is also an office's name, numbered as no year is; any series before a year.
    ("UP 12 PM 1234", "vehicle registration number"), ("MP 09 MLA 4321", "vehicle registration number"),
    ("UP 32 AB 2024", "vehicle registration number"),
    # Its parts joined by slashes or dots, not after a paper's name nor before a year.
    ("UP/32/AB/1234", "vehicle registration number"), ("UP.32.AB.1234", "vehicle registration number"),
    ("gaadi no. UP/32/AB/1234 chori", "vehicle registration number"), ("MH.12.DE.1433,", "vehicle registration number"),
    # Jammu & Kashmir's code with its ampersand, as typed and as a page escapes it.
    ("J&K 01 AB 1234", "vehicle registration number"), ("J&amp;K 01 AB 1234", "vehicle registration number"),
    ("gaadi J&K01AB1234 chori", "vehicle registration number"), ("J & K-01-AB-1234", "vehicle registration number"),
    ("J&#38;K 01 AB 1234", "vehicle registration number"),
    # A PAN set apart by its capitals from small letters, or glued to Hindi.
    ("meraABCPK1234Fhai", "PAN"), ("कीABCPK1234Fहै", "PAN"), ("(ABCPK1234F)", "PAN"),
    ("ABC1234567", "voter id (EPIC)"), ("Voter id UPA2012345", "voter id (EPIC)"),
    ("IFSC SBIN0001234, A/c 12345678901", "bank account number"),
    ("A/c No. 1234 5678 9013, IFSC: HDFC0000123", "bank account number"),
]


def kinds(text: str) -> list[str]:
    return [kind for _, kind, _ in scan_text(f"call {text} today", set(), mail_words=True)]


@pytest.mark.parametrize("text", MOBILES)
def test_mobile_numbers_however_they_are_written(text):
    assert kinds(text) == ["mobile number"]


@pytest.mark.parametrize("text", EMAILS)
def test_email_addresses_however_they_are_written(text):
    assert kinds(text) == ["e-mail address"]


@pytest.mark.parametrize("text", HANDLES)
def test_citizens_handles_however_they_are_written(text):
    assert kinds(text) == ["unregistered handle"]
    # In a cell, and in a page's line that nothing else makes the audit read.
    assert [kind for kind, _ in scan_line(normalise(text), set())] == ["unregistered handle"]


@pytest.mark.parametrize("text", ["2345 6789 0124", "2345-6789-0124", "234567890124", "Aadhaar: 8765 4321 0988",
                                  digits("2345 6789 0124", "devanagari"), "UID 2345\u00b76789\u00b70124",
                                  "https://example.in/x?aadhaar=234567890124", "https://example.in/x?uid=2345-6789-0124",
                                  "https://example.in/v?id=3&aadhar_no=234567890124", "2345|6789|0124"])
def test_an_aadhaar_number_however_it_is_written_is_caught(text):
    """Twelve digits with a valid check digit, not starting 0 or 1; a number dialled with its
    "+" is a phone's (the corpus of innocent values has such landlines)."""
    assert kinds(text) == ["Aadhaar number"]


@pytest.mark.parametrize("text", ['"started_at": "2026-12-07T21:30:05.100003Z",', "2026-12-07T21:30:05.100019Z",
                                  "2026-12-07 21:30:05.100026+05:30", "2026-12-07T21:30:05.100003+0000"])
def test_a_time_of_day_to_the_microsecond_after_its_iso_day_passes(text):
    # A run record's start (the nightly runs at 21:30 UTC): "21:30:05.100003" is twelve digits
    # starting 2 whose last is an Aadhaar number's check digit; one night in ten stopped on it.
    assert kinds(text) == []


@pytest.mark.parametrize("text, kind", [("2026-12-07 2345 6789 0124", "Aadhaar number"),
                                        ("2026-12-07T21:30:05.100003Z 2345 6789 0124", "Aadhaar number"),
                                        ("2026-12-07T21:30:05Z 9876543210", "mobile number"),
                                        ("2026-12-07 21:30 98765 43210", "mobile number")])
def test_a_number_after_a_day_and_its_time_is_still_caught(text, kind):
    assert kinds(text) == [kind]


@pytest.mark.parametrize("text, kind", DOCUMENTS)
def test_an_identity_documents_number_is_caught_on_a_page_and_in_a_cell(text, kind):
    assert kinds(text) == [kind]
    assert [k for k, _ in scan_cell(text, set())] == [kind]


@pytest.mark.parametrize("text, kind", [
    ("abcpk1234f", "PAN"), ("my pan abcpk1234f.", "PAN"), ("Abcpk1234F", "PAN"), ("ａｂｃｐｋ１２３４ｆ", "PAN"),
    ("up32ab1234", "vehicle registration number"), ("gaadi Up32Ab1234 chori", "vehicle registration number"),
    ("bike mh12de1433, stolen", "vehicle registration number"), ("#up32ab1234", "vehicle registration number"),
    ("up32 ab 1234", "vehicle registration number"), ("up-32-ab-1234", "vehicle registration number"),
    ("up32ab 1234", "vehicle registration number"), ("tg09ab1234", "vehicle registration number"),
    ("up12pm1234", "vehicle registration number"),
    ("22bh1234aa", "vehicle registration number"), ("www.example.in/complaint?pan=abcpk1234f", "PAN"),
    ("https://example.in/complaint?pan=abcpk1234f", "PAN"),
    ("https://wa.me/?text=meri%20gaadi%20up32ab1234", "vehicle registration number"),
    ("https://vahan.example.in/nr/?regn=up32ab1234", "vehicle registration number"),
    # Its parts apart throughout, or joined by slashes or dots.
    ("up 32 ab 1234", "vehicle registration number"), ("gaadi up 32 ab 1234 chori", "vehicle registration number"),
    ("Up 32 Ab 1234", "vehicle registration number"), ("up/32/ab/1234", "vehicle registration number"),
    ("up.32.ab.1234", "vehicle registration number"), ("mh 12 de 1433 ki bike", "vehicle registration number"),
    ("up 32 ab 1234 kamre ke bahar", "vehicle registration number"),
    ("https://vahan.example.in/nr/?regn=up+32+ab+1234", "vehicle registration number"),
    # A Bharat series' with its parts apart, its number one that reads as a year.
    ("22 bh 2024 aa", "vehicle registration number"), ("gaadi 22-bh-1999-a chori", "vehicle registration number"),
    ("22 bh2025ab", "vehicle registration number"), ("22bh 2024 aa", "vehicle registration number"),
    ("j&k 01 ab 1234", "vehicle registration number"), ("j&k01ab2024", "vehicle registration number")])
def test_a_documents_number_typed_in_small_letters_is_caught_in_a_cell_and_on_a_page(text, kind):
    """A cell is where personal data enters: read whole, in any case. A page is read where the
    quick look finds four digits after a letter, in any case: a site kept from an earlier night
    was not made of cells read so."""
    assert [k for k, _ in scan_cell(text, set())] == [kind]
    assert kinds(text) == [kind]


@pytest.mark.parametrize("text", [
    "as 12 of 2025", "or 4 in 2026", "up 32 ab 1234 kms", "https://example.in/news/abcpk1234f", "#ap1st2024",
    "#ga4dec2024", "@up32ab1234x", "mp3 player 1234", "covid19 2020", "departments/up32-police/", "abc1234567",
    "ka 01 2023", "order no. up/12/ab/1234", "Form16a 2024", "Up112 dial 2024",
    # A state's code before a day, a class or an ordinal and a year; a file's name, a version;
    # a web address without its scheme; a handle; words where a series would be.
    "up15aug2024", "dl26jan2025_parade.jpg", "up10th2024", "mp12th2025 result", "ka2puc2024", "mh12hsc2024",
    "ap1st2024", "ga4dec2024", "batch2024a", "final2024b.pdf", "draft2024a.docx", "bihar2025a", "kumbh2025a",
    "www.news18.com/news/ap1st2024-campaign.html", "bit.ly/up10th2024", "english.example.com/up32ab1234-case",
    "@dm_ka1nov2024", "x.com/dm_ka1nov2024", "mp3 and 1234", "ka28 mp 2024", "mp-29-ls-2024", "UP 15 AUG 2024",
    "MP 26 JAN 2025", "mp12mla2024", "up 12 pm 2024",
    # Apart throughout: a word for its series, a measure after its number; a paper's number
    # with slashes or dots after its name or before a year.
    "up 5 per 1000", "as 3 by 1500", "ka 2 aur 1234", "up 12 ab 1234 km", "or 2 x 1500", "ml 10 hai 1234",
    "letter no. up/12/ab/1234", "ref no.: mp/3/ab/1234", "up/12/ab/2024", "mp.12.ab.2025", "up 32 ab 2024",
    # A year after letters and a count, with no Bharat series' letters at its end.
    "22 bh 2024", "1922 bh 2024 aa", "page 22 bh 2024, 3", "j&k 12 ab 2024", "j&k 5 per 1000", "j&amp;k 2024 polls",
    # A handle that ends in a state's name, then a count.
    "@dm_raj 14 ca 1234", "@sp_rajasthan 14 ab 1234"])
def test_small_letters_shaped_in_part_like_a_document_pass_in_a_cell_and_on_a_page(text):
    assert [k for k, _ in scan_cell(text, {"up32ab1234x"}) if k != "unregistered handle"] == []
    assert [k for _, k, _ in scan_text(f"call {text} today", {"up32ab1234x"}) if k != "unregistered handle"] == []


def test_a_page_read_back_from_disk_is_read_for_small_letters_on_every_line(tmp_path):
    """A built folder holds nights kept from earlier builds, whose cells were read by an
    earlier audit: a registration or a PAN in small letters or Hindi is found on a line that
    holds nothing else the quick look knows, and the dates and notes of a page pass."""
    page = tmp_path / "en" / "archive" / "2025-01-01" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>Seen on 24 Nov 2026</h1>\n<p>gaadi up32ab1234 chori</p>\n<p>my pan abcpk1234f</p>\n"
                    "<p>यूपी 32 एबी 1234</p>\n<p>up 32 ab 1234 kamre ke bahar</p>\n<p>voter id abc1234567</p>\n"
                    "<p>UP 12 MLA 2024, यूपी12एमएलए2024, order no. up/12/ab/1234, page 1234 of 2025</p>\n",
                    encoding="utf-8")
    found = [(p.line, p.message.split(":")[0]) for p in audit_site(tmp_path, [])]
    assert found == [(2, "vehicle registration number"), (3, "PAN"), (4, "vehicle registration number"),
                     (5, "vehicle registration number"), (6, "voter id (EPIC)")]


@pytest.mark.parametrize("text", [
    "voter id abc1234567", "Voter ID: abc1234567", "epic no. Abc1234567", "मतदाता पहचान पत्र abc1234567",
    "वोटर आईडी abc-1234567", "EPIC: ABC 1234567", "elector photo id abc 1234567", "voterid:abc1234567",
    "निर्वाचक फोटो पहचान पत्र xyz7654321", "Voter card REF2023001"])
def test_a_voters_id_in_any_case_is_caught_where_the_line_speaks_of_voters(text):
    assert [k for k, _ in scan_cell(text, set())] == ["voter id (EPIC)"]
    assert kinds(text) == ["voter id (EPIC)"]


@pytest.mark.parametrize("text", [
    "F.No. abc1234567", "file no abc1234567", "https://example.in/news/abc1234567", "voter list 2024 update",
    "voter turnout 67.5% in 2024", "https://example.in/voter/abc1234567", "@abc1234567 voter", "voters abc12345678",
    "voter id abcd1234567", "मतदाता सूची 2024", "Voter turnout rose, see www.example.in/story/abc-1234567",
    "theme selector ver 1234567", 'querySelector("#sec-2024001")', "Selector REF2023001"])
def test_a_voters_word_makes_no_id_of_what_is_not_shaped_as_one(text):
    assert [k for k, _ in scan_cell(text, {"abc1234567"})] == []
    assert [k for _, k, _ in scan_text(f"call {text} today", {"abc1234567"})] == []


@pytest.mark.parametrize("text", [
    "panABCDE1234F", "PAN:ABCDE1234F", "पैनABCDE1234F", "PANABCPK1234F", "PanABCDE1234F", "pan: abcde1234f",
    "PAN card no. ABCDE1234F", "pan card abcde1234f", "पैन कार्ड नंबर abcde1234f", "पेन: ABCDE1234F",
    "pancardABCDE1234F", "PAN No.ABCDE1234F", "my PAN ABCDE1234F",
    # Glued on both sides: its end where its capitals stop, or at a Hindi letter.
    "PAN:ABCDE1234F,", "पैनABCDE1234Fहै", "PAN:ABCDE1234Fhai", "panABCDE1234Fand", "मेरा पैन abcde1234f है"])
def test_a_pan_after_its_name_or_glued_to_it_is_caught_in_any_case_in_a_cell_and_on_a_page(text):
    assert [k for k, _ in scan_cell(text, set())] == ["PAN"]
    assert kinds(text) == ["PAN"]


@pytest.mark.parametrize("text", [
    "Japan2024", "JapanABCDE1234F", "span1234f", "companyABCD1234E", "pandemic2020a.pdf", "PANDEMIC2020A",
    "PANORAMA2024B", "PAN-INDIA2024A", "pan india2024a", "PAN 2.0 launched", "pan-India rollout FY2023-24",
    "panchayat2024a", "अपना ABCDE1234F", "बचपन abcde1234f", "https://example.in/pan/abcde1234f", "@panABCPK1234F",
    "PAN India: GSTIN 09AAACH7409R1ZZ", "panABCDE12345", "pan masala 2024", "PAN:ABCDE1234FG", "pan: abcde1234fhai",
    "panABCDE1234F5"])
def test_words_that_begin_or_end_like_pan_name_no_pan(text):
    assert [k for k, _ in scan_cell(text, {"panabcpk1234f"})] == []
    assert [k for _, k, _ in scan_text(f"call {text} today", {"panabcpk1234f"})] == []


@pytest.mark.parametrize("text", [
    "यूपी 32 एबी 1234", "यूपी32एबी1234", "यूपी-32-एबी-1234", "गाड़ी यूपी 32 एबी 1234 चोरी", "एमएच 12 डीई 1433",
    "डीएल 1सी 2345", "बीआर 06 पीए 1234", "यू पी 32 ए बी 1234", "डब्ल्यूबी 02 एके 4321", "टीजी 09 एबी 1234",
    "यूपी32एबी2024", "यूपी 16 ए 1234", "बाइक यूपी53एक्सवाई9876 की है", "एमपी ०९ जेड ४३२१", "गाड़ी UP 32 एबी 1234",
    "यूपी 32 AB 1234", "यूपी32AB1234 चोरी",
    # An office's letters for a series are a series where the number is no year.
    "यूपी12एमएलए1234", "यूपी 12 एसडीएम 4321",
    # Its parts joined by slashes or dots, and a state by its name's short form ("उ.प्र.", Uttar Pradesh).
    "उ.प्र. 32/एबी/1234", "उ.प्र./32/एबी/1234", "यूपी/32/एबी/1234", "यूपी.32.एबी.1234", "म.प्र. 04/सीडी/5678",
    "गाड़ी उ.प्र.32एबी1234 चोरी", "उप्र 32 एबी 1234", "हि.प्र. 01/ए/4321", "प. बं. 02 एके 4321", "आं.प्र. 09 AB 1234",
    "गाड़ी नं. उ.प्र. 32/एबी/1234 चोरी", "वाहन क्रमांक म.प्र. 09/एबी/1234", "यू.पी. 32 एबी 1234",
    # More states by their names' short forms: Chhattisgarh, Uttarakhand, Tamil Nadu, J&K (JK's letters).
    "छ.ग. 04 एबी 1234", "छग 04 एबी 1234", "उ.खं. 07 एबी 1234", "उ.ख. 07/एबी/1234", "त.ना. 09 एबी 1234",
    "ज.क. 01 एबी 1234", "जे.के. 01 एबी 1234",
    # A Bharat series', its letters by their names, with dots or not, its number a year or not.
    "22 बीएच 1234 एए", "22 बी.एच. 1234 ए.ए.", "22बीएच1234एए", "गाड़ी 22 बीएच 2024 ए चोरी", "22 बी.एच. 2024 ए.ए.",
    "22-बीएच-1234-एए", "22 BH 1234 एए", "गाड़ी संख्या 22 बीएच 1234 एए।"])
def test_a_vehicles_registration_written_in_hindi_is_caught_in_a_cell_and_on_a_page(text):
    assert [k for k, _ in scan_cell(text, set())] == ["vehicle registration number"]
    assert kinds(text) == ["vehicle registration number"]


@pytest.mark.parametrize("text", [
    "राज. 14 सीए 1234", "महा. 12 एबी 1234", "राजस्थान 14 सीए 1234", "उत्तर प्रदेश 32 एबी 1234", "उत्तरप्रदेश 32 एबी 1234",
    "गाड़ी राजस्थान 14 सीए 1234 चोरी", "महाराष्ट्र-12-एबी-1234", "राज 14 CA 1234", "Rajasthan 14 सीए 1234",
    "उड़ीसा 05 एबी 1234", "जम्मू कश्मीर 01 एबी 1234", "Raj 14 CA 1234", "Raj. 14 CA 1234", "Rajasthan 14 CA 1234",
    "RAJASTHAN 14 CA 1234", "rajasthan 14 ca 1234", "Uttar Pradesh 32 AB 1234", "gaadi Maharashtra 12 AB 1234 chori",
    "Maha 12 AB 1234", "Jammu and Kashmir 01 AB 1234"])
def test_a_registration_after_a_states_name_or_its_words_short_form_is_caught_in_a_cell_and_on_a_page(text):
    assert [k for k, _ in scan_cell(text, set())] == ["vehicle registration number"]
    assert kinds(text) == ["vehicle registration number"]


@pytest.mark.parametrize("text, plate", [
    ("22 बीएच 1234 एक", "22 बीएच 1234"), ("गाड़ी 22 बीएच 1234 एक साल से खड़ी", "22 बीएच 1234"),
    ("22-बीएच-1234-एक", "22-बीएच-1234"), ("22बीएच1234एक", "22बीएच1234"), ("22 BH 1234 एक", "22 BH 1234"),
    # "एके" (AK) reads as "एक" (one): found all the same; dotted, its letters are a series.
    ("22 बीएच 1234 एके", "22 बीएच 1234"), ("22 बी.एच. 2024 ए.के.", "22 बी.एच. 2024 ए.क.")])
def test_a_word_after_a_bharat_series_number_is_not_read_as_its_letters(text, plate):
    """"एक" (one) after the number is a word: the registration before it is caught, shown without it."""
    assert list(scan_cell(text, set())) == [("vehicle registration number", plate)]
    assert [(k, m) for _, k, m in scan_text(f"call {text} today", set())] == [("vehicle registration number", plate)]


@pytest.mark.parametrize("text", [
    "यूपी 112", "यूपी 2023", "यूपी पुलिस 2023", "एमपी 2023", "यूपी 32 जिले 1234 गाँव", "यूपी में 75 जिले और 1234 थाने",
    "यूपी 10वीं 2024", "एमपी 12वी 2025 रिजल्ट", "यूपी 75 के 1234 गाँव", "यूपी 10वीं 1234 छात्र", "एमपी 12 जी 2024",
    "यूपी 32 ये 1234", "एसपी 12 बजे 1234", "यूपीएससी 2023 1234", "सीएम 12 एबी 1234", "२४ नवंबर २०२६",
    "वित्त वर्ष 2023-24", "https://example.in/यूपी-32-एबी-1234", "ग्राम पंचायत 12 बी 2345", "UP15AUG2024 को",
    "यूपी 12 PM 2024", "UP 32 के 1234 गाँव", "यूपी में 12 IPS 1234", "UP 15 AUG 2024 को",
    # An office before a year, its letters by their names: a count of officers, as in Latin letters.
    "यूपी12एमएलए2024", "यूपी12एसडीएम2023", "एमपी5पीएम2024", "यूपी 12 एमएलए 2024", "बीआर4एसएचओ2023",
    # A paper's number with slashes or dots, after its name or ending in a year; the state's
    # short form before a count, a year or a word.
    "आदेश संख्या उ.प्र./12/एबी/1234", "पत्र सं. यूपी/32/एबी/1234", "पत्रांक: उ.प्र./12/एबी/1234", "उ.प्र./12/एबी/2024",
    "म.प्र. 12/ए/2025", "उ.प्र. 2023", "उ.प्र. 75 जिले 1234 गाँव", "उ.प्र. 12 एमएलए 2024", "उ.प्र. 32/के/1234",
    "उ.प्र. 32/ये/1234", "दिनांक 12/05/2024", "उ.प्र. 12/2024", "ऊपर 32 एबी 1234",
    "छ.ग. 2023", "छग 12 जिले 1234 गाँव", "छ.ग. 12/एबी/2024", "उ.खं. 12 एमएलए 2024", "त.ना. 2024 में",
    "ज.क. 370 हटाया 2019", "उत्तराखंड 12 जिले 1234 गाँव",
    # A Bharat series' letters without the rest, a circular's number, dates, a word after the number.
    "22 बीएच", "पत्रांक 22/बीएच/2024", "पत्रांक 22/बीएच/2024 दिनांक 22.12.2024", "22 बीएच 2024", "दिनांक 22.12.2024",
    "22 दिसंबर 2024", "22 बीएच 2024 के नियम", "22 बीएच 1234 के वाहन", "22 बीएचयू 1234 एए", "बीच 2024 एए",
    # A state by its name or its word's short form before a budget's figure, districts, seats, a count
    # of officers, a year, an hour, a section, a paper's number; words that begin like one.
    "राज्य 14 करोड़", "राज्य 14 करोड़ 1234 लाख", "राज. 14 करोड़ 1234 लाख", "महा. 12 जिलों", "महा. 12 जिलों में 1234 गाँव",
    "राजस्थान 25 जिले 1234 गाँव", "उत्तर प्रदेश 2024 में", "उत्तर प्रदेश 80 सीटें 2024", "राजस्थान 12 एमएलए 2024",
    "राजस्थान 25 एलएस 2024", "महाराष्ट्र 2024 एक वर्ष", "बिहार 2024 एक वर्ष", "दिल्ली 10 बजे 2024", "धारा 144 2024",
    "मध्य प्रदेश 2 के 1234 गाँव", "आदेश संख्या राज./14/सीए/1234", "राज./14/सीए/2024", "महाराज 14 सीए 1234",
    # A year after a Bharat series' letters, then the word "one".
    "2024 एक वर्ष", "22 बीएच 2024 एक वर्ष", "22 बीएच 2024 एक", "पत्रांक 22 बीएच 2024 एक प्रति"])
def test_hindi_shaped_in_part_like_a_registration_passes(text):
    assert [k for k, _ in scan_cell(text, set())] == []
    assert kinds(text) == []


@pytest.mark.parametrize("text", ["F.No. ABC1234567", "File No. ABC1234567", "F. No.: ABC1234567", "(F No ABC1234567)",
                                  "file number - ABC1234567", "फ़ाइल सं. ABC1234567", "फा.सं. ABC1234567",
                                  "फाइल संख्या: ABC1234567"])
def test_a_files_number_shaped_like_a_voters_id_passes_where_no_voter_is_spoken_of(text):
    assert kinds(text) == []
    assert [k for k, _ in scan_cell(text, set())] == []


@pytest.mark.parametrize("text", ["F.No. ABC1234567 (voter id)", "Voter ID ABC1234567, F.No. 12/2024",
                                  "ABC1234567", "Ref.No. ABC1234567", "F.No. 12/2024, ABC1234567"])
def test_a_voters_id_beside_a_files_number_or_not_after_its_name_is_still_caught(text):
    assert kinds(text) == ["voter id (EPIC)"]


@pytest.mark.parametrize("text", ["ISBN 98765 43211", "call 9876543210 on 2023-07-18", "2023-07-18 9876543210"])
def test_a_mobile_beside_a_date_or_named_as_an_isbn_without_its_check_digit_is_still_one(text):
    assert [kind for _, kind, _ in scan_text(text, set())] == ["mobile number"]


@pytest.mark.parametrize("text", IN_A_CELL)
def test_a_cell_is_read_whole_and_normalised(text):
    cell = pd.DataFrame({"note": [text]})
    table = schema.Table("t", (schema.C("note", "string", "", False, schema._note),))
    assert [p.column for p in audit_frame(cell, table, "data/t.csv", set())] == ["note"]


def test_the_innocent_pass_read_whole_as_cells_are():
    assert [text for text in NOT_PERSONAL if list(scan_cell(text, {"uppolice"}))] == []


def test_a_registered_link_beside_a_citizens_is_no_cover_for_it():
    line = "Replied to x.com/Uppolice: x.com/ramesh_k99 complained"
    assert [m for _, _, m in scan_text(line, {"uppolice"})] == ["x.com/ramesh_k99"]


@pytest.mark.parametrize("text", [f"98765{c}43210" for c in ("\u2028", "\u2029", "\u2800", "\u115f", "\u3164")]
                         + ["9\u03018765 43210", "98765\u20dd43210"])
def test_a_number_split_by_a_line_separator_a_blank_letter_or_a_mark_is_still_a_number(text):
    assert kinds(text) == ["mobile number"]


def test_the_corpus_is_large_and_the_innocent_pass():
    assert len(MOBILES) + len(EMAILS) + len(HANDLES) >= 50
    assert [text for text in NOT_PERSONAL if list(scan_text(f"call {text} today", {"uppolice"}, mail_words=True))] == []


def test_a_finding_keeps_its_line_and_is_shown_as_read():
    text = f"first line\nसंपर्क: ९८७६५{NBSP}४३२१०\nlast line"
    assert list(scan_text(text, set())) == [(2, "mobile number", "98765 43210")]
    assert normalise(f"a{ZWSP}b{EM}c{NBSP}d") == "ab-c d"


def test_a_value_the_program_wrote_is_passed_over_as_a_word_not_a_gap():
    written = "9876543210"  # an account id the collector resolved, shaped like a mobile number
    assert list(scan_line(f"id {written}", set(), {written})) == []
    assert list(scan_line(f"id {written}", set())) != []  # typed by hand, it would be a number
    # A gap in its place would leave "@uppolice" standing alone as a handle.
    assert list(scan_line(f"{written}@uppolice", set(), {written})) == []
    # Inside an e-mail address it stays an address.
    assert [kind for kind, _ in scan_line(f"ram@{written}.com", set(), {written})] == ["e-mail address"]


def test_ten_thousand_values_the_program_wrote_pass_and_the_same_typed_by_hand_do_not(tmp_path):
    rng = random.Random(250)
    fingerprints = [hashlib.sha256(rng.randbytes(32)).hexdigest() for _ in range(4000)]
    ids = [str(rng.randrange(10 ** (n - 1), 10 ** n)) for n in rng.choices(range(6, 20), k=3000)]
    (tmp_path / "complaints").mkdir()
    (tmp_path / paths.INGEST_LEDGER).write_text("".join(f"{f}\n" for f in fingerprints))
    collected = pd.DataFrame({"source": "x-api", "account_id": ids})
    exempt = program_values(tmp_path, replace(load_dataset(DATA), snapshots=collected))
    rows = pd.DataFrame({
        "department_id": "dept-a", "channel": "cm-window", "period_start": "2026-08-01",
        "period_end": [f"2026-08-{rng.randrange(1, 32):02d}" for _ in range(3000)],
        "received": [rng.randrange(10 ** rng.randrange(1, 9)) for _ in range(3000)],
        "median_response_minutes": [rng.randrange(10 ** 6) / 2 for _ in range(3000)],
        "resolved_rate": [round(rng.random() * 100, 1) for _ in range(3000)],
        "source": "ingest", "source_url": [f"export:{f[:16]}" for f in fingerprints[:3000]]})
    figures = [number(rng.randrange(10 ** rng.randrange(1, 12)), lang) for lang in ("en", "hi") for _ in range(1500)]
    published = [
        schema.PUBLISHED_COMPLAINTS.to_csv(rows, published=True),
        "\n".join(f"grievance-tracker export (anonymised totals, {f[:16]})" for f in fingerprints),
        "\n".join(f'{{"account_id": "{i}", "handle": "Uppolice"}}' for i in ids),
        "\n".join(f"{figure} followers, as of 2026-11-24" for figure in figures),
    ]
    assert len(fingerprints) + len(ids) + len(figures) >= 10_000
    assert [f for text in published for f in scan_text(text, set(), exempt=exempt)] == []
    assert audit_frame(rows, schema.PUBLISHED_COMPLAINTS, "data/complaints.csv", set(), exempt) == []
    # The same characters from a hand-edited cell: some are shaped like a mobile or Aadhaar number.
    typed = [kind for text in published for _, kind, _ in scan_text(text, set())]
    assert "mobile number" in typed and len(typed) >= 10


def test_only_what_the_collector_resolved_and_an_ingest_wrote_passes_as_the_programs(tmp_path):
    """A reply row's account id, or a line of the ingest ledger that is no fingerprint, does
    not make the same digits pass in every other cell (a source's title, say)."""
    (tmp_path / "complaints").mkdir()
    (tmp_path / paths.INGEST_LEDGER).write_text("9800000051\n" + hashlib.sha256(b"x").hexdigest() + "\n")
    replies = pd.DataFrame({"department_id": ["up-police"], "account_id": ["9800000050"]})
    collected = pd.DataFrame({"source": ["x-api"], "account_id": ["9800000060"]})
    exempt = program_values(tmp_path, replace(load_dataset(DATA), snapshots=collected, replies=replies))
    assert as_account_id("9800000060") in exempt and "9800000060" not in exempt
    assert hashlib.sha256(b"x").hexdigest()[:16] in exempt
    for mobile in ("9800000050", "9800000051"):
        assert [k for k, _ in scan_cell(f"Complainant Ramesh, mobile {mobile}", set(), exempt)] == ["mobile number"]


def test_an_account_id_or_a_bodys_own_number_passes_only_where_the_program_writes_it():
    """Not as a word anywhere: an id the collector resolved, or a helpline the registry lists,
    quoted in a note, a title, a name or a link is read as anyone's number."""
    exempt = frozenset({as_account_id("9876543210"), as_dialled("9812345678"), as_dialled("919812345678")})
    where = [
        '   "account_id": "9876543210",',
        '<li>Helpline: <a class="jd-dial" href="tel:9812345678">98123 45678</a> <span>(source)</span></li>',
        '<li>Helpline: <a class="jd-dial" href="tel:+919812345678">+91 98123 45678</a></li>',
    ]
    assert [f for text in where for f in scan_text(text, set(), exempt=exempt)] == []
    elsewhere = [
        "Complainant Ramesh Kumar, mobile 9876543210, village Rampur.",
        '   "note": "Complainant Ramesh, \\"account_id\\": \\"9876543210\\"",',
        "<p>Complainant: 9812345678</p>", "https://example.in/x?mobile=9812345678",
        '<a class="jd-dial" href="tel:9812345678">98765 43210</a>', '   "handle_id": "9876543210",',
        '<a class="jd-dial" href="tel:9876543210">9876543210</a>', '"account_id": "9812345678"',
    ]
    for text in elsewhere:
        assert {kind for _, kind, _ in scan_text(text, set(), exempt=exempt)} == {"mobile number"}, text
        # And in a cell, which is read with none of them.
        assert {kind for kind, _ in scan_cell(text, set(), exempt)} == {"mobile number"}, text


def test_an_inline_svg_is_read_for_its_words_not_its_drawing():
    """A chart's path and coordinates are digit runs that are no numbers; its label, title and
    text are words a reader sees and a screen reader says."""
    drawing = '<svg viewBox="0 0 9876543210 5"><path d="M9876543210 1L98765 43210"/></svg>'
    assert list(scan_text(f"<p>{drawing}</p>", set())) == []
    for words in ('<svg aria-label="call 98765 43210"><path d="M1 2"/></svg>',
                  '<svg viewBox="0 0 10 5"><title>Ram, 98391 20457</title></svg>',
                  '<svg viewBox="0 0 10 5">\n<text x="12"\n y="4">9839120457</text></svg>'):
        assert [kind for _, kind, _ in scan_text(words, set())] == ["mobile number"], words



# What the audit looks for first in a line, so as to read most lines with one search: each of
# these must be in every text its reading would find something in.
LOOKED_FOR_FIRST = ("AFTER_AT", "BRACKETED_AT", "CAPITAL_DIGITS", "BRANCH_CODE", "DECIMALS", "PAN_END",
                    "HINDI_PLATE_END", "HINDI_BHARAT_END", "SERIES_OR_PAN")
# Texts where only the whole reading finds what it finds: blanking a web address joins the
# digits around it; a Turkish capital İ reads as an i in any case; a bank's code and account
# apart; a Hindi registration glued to a link; a voter's word in Hindi before an id.
EDGES = ["9876 http://a.b 543210", "EPİC abc1234567", "ep\u0131c abc 1234567", "VOTER id abc-1234567",
         "SBIN0001234 a/c 123456789012", "यूपी 32 एबी 1234https://example.in/a", "मतदाता abc1234567",
         "ram (at] gmail.com and @uppolice", "ram [at] gmail.com @x", "pan abcpk1234f", "26.7606 83.3732 9876543210",
         "22 बीएच 1234 एएhttps://example.in/a",
         "+91%209876543210 https://example.in/?phone=%2B919876543210", "UP-32-AB-1234", "ग्राम 22BH1234AA"]


def test_what_the_audit_looks_for_first_hides_nothing_its_whole_reading_finds(monkeypatch):
    import ast
    import re
    from pathlib import Path

    from generator.publish import audit

    corpus = EDGES + [node.value for name in ("test_audit_corpus.py", "test_audit.py")
                      for node in ast.walk(ast.parse(Path(__file__).with_name(name).read_text(encoding="utf-8")))
                      if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3]

    def found() -> list:
        return [(list(scan_cell(text, {"uppolice"})), list(scan_text(text, {"uppolice"}, mail_words=True)))
                for text in corpus]

    first = found()
    assert sum(bool(cell or page) for cell, page in first) > 300  # a corpus with much to find
    for name in LOOKED_FOR_FIRST:
        monkeypatch.setattr(audit, name, re.compile(""))  # found everywhere: every line read whole
    monkeypatch.setattr(audit, "_ten_digits", lambda line: True)
    monkeypatch.setattr(audit, "_voter_word", lambda line, lowered: True)
    assert found() == first


@pytest.mark.parametrize("text, kind", [("UP 32  AB 1234", "vehicle registration number"),
                                        ("up 32  dk  1234", "vehicle registration number"),
                                        ("यूपी 32  एबी 1234", "vehicle registration number"),
                                        ("MH\t12 DE 1433", "vehicle registration number"),
                                        ("98765" + " " * 14 + "43210", "mobile number")])
def test_a_number_with_runs_of_spaces_on_a_page_is_read_as_a_browser_shows_it(text, kind):
    assert [k for _, k, _ in scan_text(f"<p>gaadi {text} chori</p>", set())] == [kind]
    assert [k for k, _ in scan_cell(text, set())] == [kind]  # as a cell is


def test_innocent_text_with_runs_of_spaces_passes_on_a_page():
    assert [text for text in NOT_PERSONAL if list(scan_text(f"<td>{text.replace(' ', '   ')}</td>  ", {"uppolice"}))] \
        == []


@pytest.mark.parametrize("text", [
    # More states by their names' short forms (the audit's SHORT_FORMS), in Hindi and English.
    "गुज. 01 एबी 1234", "हरि. 12 एबी 1234", "कर्ना. 05 एमएन 1234", "तेलं. 09 एबी 1234", "गाड़ी गुज.01एबी1234 चोरी",
    "Guj. 01 AB 1234", "Har. 12 AB 1234", "Hry. 26 CD 4321", "Kar. 05 MN 1234", "Karn. 05 MN 1234",
    "Ker. 07 AB 1234", "Punj. 10 AB 1234", "Tel. 09 AB 1234", "Jhar. 01 AB 1234", "Ori. 02 AB 1234",
    "Chh. 04 AB 1234", "Utt. 07 AB 1234", "guj. 01 ab 1234", "GUJ. 01 AB 1234",
    # A code's own letters apart, in Latin letters.
    "U.P. 32 AB 1234", "M.P. 04 CD 5678", "T.N. 09 AB 1234", "W.B. 02 AK 4321", "t.n. 09 ab 1234",
    # After a state's name, a series in capitals as issued: its number may be a year, as after its code.
    "Haryana 12 AB 2019", "Rajasthan 14 CA 2024", "Guj. 01 AB 2020", "HR 12 AB 2019"])
def test_a_registration_after_a_states_short_form_or_name_with_a_year_for_its_number_is_caught(text):
    assert [k for k, _ in scan_cell(text, set())] == ["vehicle registration number"]
    assert kinds(text) == ["vehicle registration number"]


@pytest.mark.parametrize("text", [
    # A state's short form before a budget's figure, districts, seats, a year, a count of officers.
    "राज्य 14 करोड़", "म.प्र. 12 जिलों", "म.प्र. 12 जिलों में 1234 गाँव", "गुज. 2024", "गुज. 12 जिलों में 1234 गाँव",
    "हरि. 22 जिले 1234 गाँव", "हरि. 10 एलएस 2024", "Guj. 26 BJP 2024", "Guj. 12 MLA 2024", "Har. 10 AUG 2024",
    "Kar. 2024", "Ori. 2023", "Chh. 12 MLA 2024", "Jhar. 24 districts 1234 villages", "Pun. 13 Feb 2024",
    # Words and names the short forms begin, or are without their dot ("हरि" is Hari; "Tel" a telephone's).
    "हरि 12 एबी 1234", "हरिराम 12 एबी 1234", "कर 12 एबी 1234", "Hari Ram 12", "Har 12 AB 1234",
    "har 12 din 1234 log", "Tel. 0522-2234567", "Tel 22 AB 1234", "Guj. CM 2024",
    # After a state's name or code, a year after seats, a party or offices is a count of them in it;
    # a series not in capitals, prose; a year alone, a year.
    "Haryana 2019", "Haryana 10 LS 2019", "Karnataka 28 LS 2024", "Gujarat 26 BJP 2024", "TN 39 DMK 2024",
    "UP 80 LS 2024", "Uttar Pradesh 80 MPS 2024", "Kerala 14 IAS 2024", "Haryana 22 DCs 2024", "Punjab 13 FEB 2024",
    "rajasthan 14 ca 2024", "Rajasthan 14 ca 2024", "Haryana 12 Ab 2019", "हरियाणा 2019", "गुजरात 26 सीटें 2024"])
def test_innocent_values_near_a_states_short_form_or_name_with_a_year_pass(text):
    assert [k for k, _ in scan_cell(text, set())] == []
    assert kinds(text) == []
