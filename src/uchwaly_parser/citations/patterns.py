"""The regexes that read the parts of a coarse token, all in one place.

The citation grammar (``grammars/citations.lark``) lexes a whole provision chain as ONE token
(``UNITS``), because the LALR parser pays per token. The builder still needs the units and numbers
inside, with their offsets; it reads them back with the regexes below. Each one repeats a piece of
the grammar's terminal of the same name, so a token the grammar accepted is read completely
(``tests/test_citations.py`` checks that on the corpus and on random chains). Only ever applied to
the text of a token the grammar produced: none of them searches free text.
"""

from __future__ import annotations

import re

from uchwaly_parser import lexicon

# A letter or digit (Python's \w is Unicode: it has ą, ć, ę, ł, ń, ó, ś, ź, ż).
_W = r"\w"

# A unit's keyword, the same as the grammar's UNIT_KW:
# art. 18 | art.18 | Art. 7 | artykułu 5 | § 3 | §23 | par. 1 | ust. 2 | pkt 15 | pkt. 8 | an. 41 | zd. 2
UNIT_KW = rf"(?:[Aa]rt(?:ykuł{_W}*)?\.?|an\.|§§?|par\.|ust\.?|pkt\.?|zd(?:anie|\.))(?=\s*(?:\d|[lI](?!{_W})))"

# One number of a list, the grammar's NUMBER: 18 | 8a | 18 b | 3531 | l (OCR'd 1)
NUMBER = (
    rf"(?:\d+[¹²³⁴⁵⁶⁷⁸⁹⁰]*(?:(?!ust|pkt|lit|art|ustaw|r\.)[a-z]{{1,3}}(?![a-ząćęłńóśźż])"
    rf"|\s[b-hj-nprstvxy](?![\w.]))?|[lI](?!{_W}))"
)

# The dash of a range, with its blanks (the grammar's RANGE): 1-3 | 1 – 3
RANGE = r"\s*[-–—]\s*(?=\d)"

# The separator of a number list (the grammar's NSEP): ", 2" | " i 3" | " oraz 5"
NSEP = r"(?:,\s*(?:i|oraz|lub)?|i|oraz|lub)(?=\s*\d)"

# A letter of "lit. a", and the separator between two letters (the grammar's LETTER and LSEP)
LETTER = r"[a-z]{1,2}\)?"
LSEP = rf"(?:,\s*(?:i|oraz|lub)?|i|oraz|lub)(?=\s*[a-z]{{1,2}}\)?(?!{_W}))(?!\s*zd\.\s*(?:\d|[lI](?!{_W})))"

# "tiret" and its ordinal (the grammar's TIRET_KW and ORDINAL): tiret pierwsze | tiret 2
TIRET_KW = r"tiret(?=\s+(?:\d|pierwsz|drug|trzec|czwart|piąt|szóst|siódm|ósm|dziewiąt|dziesiąt))"
ORDINAL = rf"(?:\d+|{_W}+)"

# One number of a list, or a range of two: "15" | "1-3" (groups low, high)
_NUMBER_ITEM = rf"{NUMBER}(?:{RANGE}{NUMBER})?"
NUMBER_ITEM = re.compile(rf"(?P<low>{NUMBER})(?:{RANGE}(?P<high>{NUMBER}))?")

# One unit of a chain: a keyword and its numbers | "lit." and its letters | "tiret" and its ordinal.
# Searched left to right in a UNITS token; the separators between units (", " / " i ") hold no
# keyword, so each match starts at a unit.
UNIT = re.compile(
    rf"(?P<keyword>{UNIT_KW})\s*(?P<numbers>{_NUMBER_ITEM}(?:\s*{NSEP}\s*{_NUMBER_ITEM})*)"
    rf"|(?P<lit>lit\.?)\s*(?P<letters>{LETTER}(?:\s*{LSEP}\s*{LETTER})*)"
    rf"|(?P<tiret>{TIRET_KW})\s*(?P<ordinal>{ORDINAL})"
)

# The first letter of a "lit." list, and each next one after its separator (read in turn: a
# separator "i" is itself a possible letter, so the letters cannot be searched for)
FIRST_LETTER = re.compile(LETTER)
NEXT_LETTER = re.compile(rf"\s*{LSEP}\s*({LETTER})")

# ---- journal references ----------------------------------------------------------------------

# The grammar's YEAR, NR and POZ: "z 2001 r." | "z2004r." | "z dnia 2017r." ; "Nr 142" ; "poz. 1591" | "poz 717"
YEAR = (
    r"[zZ]\s*(?:dnia\s+)?(?:\d{4}|\d{2,3}(?=\s*(?:r\b|r\.|roku|[Nn]r|p[oó]z)))"
    rf"(?:\s*(?:r\.|roku|rok|r(?!{_W}))|\.(?!\d))?"
)
# The grammar's _EMPTY_YEAR: "z Nr 214", "z r. Nr 142" (the digits lost; the year reads as null)
EMPTY_YEAR = r"[zZ](?:\s*r\.)?(?=\s*,?\s*(?:[Nn]r|p[oó]z))"
NR = r"[Nn][Rr]\.?\s*\d+"
POZ = r"[Pp][oó]z\b(?:\.\s*\d+|[ \t]*\d+|\.)?"

# One part of an ISSUE / NR_ISSUE token: a year | a Nr | a position list "poz. 994, 1000 i 1349".
# Searched left to right; the separators between parts ("," / ";" / blanks) hold none of them.
ISSUE_PART = re.compile(rf"(?P<year>{YEAR}|{EMPTY_YEAR})|(?P<nr>{NR})|(?P<positions>{POZ}(?:\s*{NSEP}\s*{NUMBER})*)")

# Each position of a position list: "poz. 994" and then each number after a separator
POSITION = re.compile(rf"{POZ}|{NUMBER}")

# The journals (the lexicon's entries the grammar's JOURNAL_* terminals are), to find where a
# JOURNAL_ISSUE token's journal ends and its issue begins. The voivodeship's journals come first:
# "Dz. U. Woj. Mazowieckiego" starts with Dziennik Ustaw's "Dz. U.".
JOURNALS = {
    "JOURNAL_VOIV": lexicon.regex("DZIENNIK_WOJEWODZKI"),
    "JOURNAL_VOIV_NAMED": lexicon.regex("DZIENNIK_WOJEWODZKI_NAMED"),
    "JOURNAL_DU": lexicon.regex("DZIENNIK_USTAW"),
    "JOURNAL_MP": lexicon.regex("MONITOR_POLSKI"),
}

# ---- acts --------------------------------------------------------------------------------------

# An ACT_DATED token: the act's name (one word: "ustawy", "Rozporządzenia") and its date after the blanks
ACT_DATED = re.compile(r"(?P<name>\S+)\s+(?P<date>\S.*)", re.DOTALL)
