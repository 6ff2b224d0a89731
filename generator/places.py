"""India's states and union territories: ISO 3166-2 codes, names in English and Hindi,
population (census 2011, millions, rounded), and the URL key of a district.

Shared by every stage: validation knows the codes, pages print the names, the synthetic
data generator spreads departments by population. Imports nothing internal.
"""

from __future__ import annotations

import re

# (code, English name, Hindi name, population in millions). Districts are in the data folder's
# registry/districts.csv, not here: one list, with its sources.
STATES: tuple[tuple[str, str, str, float], ...] = (
    ("IN-UP", "Uttar Pradesh", "उत्तर प्रदेश", 199.8),
    ("IN-MH", "Maharashtra", "महाराष्ट्र", 112.4),
    ("IN-BR", "Bihar", "बिहार", 104.1),
    ("IN-WB", "West Bengal", "पश्चिम बंगाल", 91.3),
    ("IN-MP", "Madhya Pradesh", "मध्य प्रदेश", 72.6),
    ("IN-TN", "Tamil Nadu", "तमिलनाडु", 72.1),
    ("IN-RJ", "Rajasthan", "राजस्थान", 68.5),
    ("IN-KA", "Karnataka", "कर्नाटक", 61.1),
    ("IN-GJ", "Gujarat", "गुजरात", 60.4),
    ("IN-AP", "Andhra Pradesh", "आंध्र प्रदेश", 49.4),
    ("IN-OD", "Odisha", "ओडिशा", 42.0),
    ("IN-TS", "Telangana", "तेलंगाना", 35.2),
    ("IN-KL", "Kerala", "केरल", 33.4),
    ("IN-JH", "Jharkhand", "झारखंड", 33.0),
    ("IN-AS", "Assam", "असम", 31.2),
    ("IN-PB", "Punjab", "पंजाब", 27.7),
    ("IN-CG", "Chhattisgarh", "छत्तीसगढ़", 25.5),
    ("IN-HR", "Haryana", "हरियाणा", 25.4),
    ("IN-DL", "Delhi", "दिल्ली", 16.8),
    ("IN-JK", "Jammu and Kashmir", "जम्मू और कश्मीर", 12.3),
    ("IN-UK", "Uttarakhand", "उत्तराखंड", 10.1),
    ("IN-HP", "Himachal Pradesh", "हिमाचल प्रदेश", 6.9),
    ("IN-TR", "Tripura", "त्रिपुरा", 3.7),
    ("IN-ML", "Meghalaya", "मेघालय", 3.0),
    ("IN-MN", "Manipur", "मणिपुर", 2.9),
    ("IN-NL", "Nagaland", "नागालैंड", 2.0),
    ("IN-GA", "Goa", "गोवा", 1.5),
    ("IN-AR", "Arunachal Pradesh", "अरुणाचल प्रदेश", 1.4),
    ("IN-PY", "Puducherry", "पुडुचेरी", 1.2),
    ("IN-MZ", "Mizoram", "मिज़ोरम", 1.1),
    ("IN-CH", "Chandigarh", "चंडीगढ़", 1.1),
    ("IN-SK", "Sikkim", "सिक्किम", 0.6),
    ("IN-DH", "Dadra and Nagar Haveli and Daman and Diu", "दादरा और नगर हवेली और दमन और दीव", 0.6),
    ("IN-AN", "Andaman and Nicobar Islands", "अंडमान और निकोबार द्वीपसमूह", 0.4),
    ("IN-LA", "Ladakh", "लद्दाख", 0.3),
    ("IN-LD", "Lakshadweep", "लक्षद्वीप", 0.1),
)

NATIONAL = ("IN", "Government of India", "भारत सरकार")

STATE_NAMES: dict[str, tuple[str, str]] = {code: (en, hi) for code, en, hi, _ in STATES}
STATE_NAMES[NATIONAL[0]] = (NATIONAL[1], NATIONAL[2])


def place_key(state: str, district: str | None = None) -> str:
    """A URL-safe key: 'in-br' for a state, 'in-br-muzaffarpur' for a district (from its English
    name in the district registry; empty after the state for a name with no Latin letters)."""
    key = state.lower()
    if district:
        key += "-" + re.sub(r"[^a-z0-9]+", "-", district.lower()).strip("-")
    return key
