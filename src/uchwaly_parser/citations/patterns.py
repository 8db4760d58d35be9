"""The regexes that read the parts of a coarse token, all built from the grammar's own terminals.

The citation grammar (``grammars/citations.lark``) lexes a whole provision chain as ONE token
(``UNITS``), because the LALR parser pays per token. The transformer still needs the units and numbers
inside, with their offsets; it reads them back with the regexes below. Each is assembled from the
grammar's terminals of the same names as Lark compiles them (``grammar.terminals``), so a piece
cannot drift from the terminal it reads back: a token the grammar accepted is read completely
(``tests/test_citations.py`` checks that on the corpus and on random chains). Only ever applied to
the text of a token the grammar produced: none of them searches free text.
"""

from __future__ import annotations

import re

from uchwaly_parser import lexicon
from uchwaly_parser.grammar import terminals

_TERMINALS = terminals("citations").patterns

# art. 18 | art.18 | § 3 | par. 1 | ust. 2 | pkt 15 | zd. 2 (the keyword of a unit)
UNIT_KW = _TERMINALS["UNIT_KW"]
# 18 | 8a | 18 b | 3531 | l (OCR'd 1)
NUMBER = _TERMINALS["NUMBER"]
# 1-3 | 1 – 3 (the dash of a range, with its blanks)
RANGE = _TERMINALS["RANGE"]
# ", 2" | " i 3" | " oraz 5" (the separator of a number list)
NSEP = _TERMINALS["NSEP"]
# lit. a, b i c (a letter, and the separator between two letters)
LETTER = _TERMINALS["LETTER"]
LSEP = _TERMINALS["LSEP"]
# tiret pierwsze | tiret 2
TIRET_KW = _TERMINALS["TIRET_KW"]
ORDINAL = _TERMINALS["ORDINAL"]

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

# "z 2001 r." | "z2004r." ; "z Nr 214", "z r. Nr 142" (the digits lost: the year reads as null) ;
# "Nr 142" ; "poz. 1591" | "poz 717"
YEAR = _TERMINALS["YEAR"]
EMPTY_YEAR = _TERMINALS["_EMPTY_YEAR"]
NR = _TERMINALS["NR"]
POZ = _TERMINALS["POZ"]

# One part of an ISSUE / NR_ISSUE token: a year | a Nr | a position list "poz. 994, 1000 i 1349".
# Searched left to right; the separators between parts ("," / ";" / blanks) hold none of them.
ISSUE_PART = re.compile(rf"(?P<year>{YEAR}|{EMPTY_YEAR})|(?P<nr>{NR})|(?P<positions>{POZ}(?:\s*{NSEP}\s*{NUMBER})*)")

# Each position of a position list: "poz. 994" and then each number after a separator
POSITION = re.compile(rf"{POZ}|{NUMBER}")

# The journals (the lexicon's entries the grammar's JOURNAL_* terminals are), to find where a
# JOURNAL_ISSUE token's journal ends and its issue begins. The voivodeship's journals come first:
# "Dz. Urz. Woj." starts with Dziennik Ustaw's "Dz. U".
JOURNALS = {
    "JOURNAL_VOIV": lexicon.regex("DZIENNIK_WOJEWODZKI"),
    "JOURNAL_VOIV_NAMED": lexicon.regex("DZIENNIK_WOJEWODZKI_NAMED"),
    "JOURNAL_DU": lexicon.regex("DZIENNIK_USTAW"),
    "JOURNAL_MP": lexicon.regex("MONITOR_POLSKI"),
}
