"""Coarse tokens read back into their parts, with the regexes of ``citations.patterns``.

The citation grammar lexes a whole provision chain (UNITS) and a journal issue (ISSUE, NR_ISSUE,
JOURNAL_ISSUE) as one token each, because the LALR parser pays per token (see
grammars/citations.lark). The transformer needs their parts, with
offsets in the window: the readers below give them as drafts. Each reads only a token the grammar
produced, whose shape the grammar promises; a reader that cannot find a promised part raises
``BrokenPromise`` (a bug of the package, reported as ``citations-unread``, never of the input).
"""

from __future__ import annotations

import functools
import re

from lark import Token

from uchwaly_parser.citations import identifiers, patterns
from uchwaly_parser.citations.drafts import JournalPart, NrPart, Number, Position, PositionsPart, UnitDraft, YearPart
from uchwaly_parser.models.citations import UnitName
from uchwaly_parser.normalize import clean


class BrokenPromise(Exception):
    """A coarse token whose parts the readers cannot find, though the grammar promised them: a bug
    in the grammar or in citations/patterns.py, never a property of the input. The window that
    raises it gives no citations (``api._parse_window``), as a parse error would."""


_DIGITS = re.compile(r"\d+")

# The keyword as cited -> the unit's name, the same as the tree's ``kind`` of that unit.
UNIT_NAMES: dict[str, UnitName] = {
    "art": "artykul", "an": "artykul", "§": "paragraf", "par": "paragraf",
    "ust": "ustep", "pkt": "punkt", "lit": "litera", "tiret": "tiret", "zd": "zdanie",
}


def first_int(raw: str) -> int | None:
    """The first number written in ``raw``: "Nr 142" -> 142, "poz." -> None."""
    m = _DIGITS.search(raw)
    return int(m.group()) if m else None


@functools.lru_cache(maxsize=256)  # a handful of spellings, met on every provision
def _unit_name(keyword: str) -> UnitName:
    key = keyword.lower().rstrip(".")
    if key.startswith("art"):
        key = "art"
    elif key.startswith("§"):
        key = "§"
    elif key.startswith("zd"):
        key = "zd"
    return UNIT_NAMES.get(key, "artykul")


@functools.lru_cache(maxsize=1024)  # a text cites its journals again and again
def journal_name(kind: str, text: str) -> str:
    """Normalised journal: "Dz. U.", "M.P." or the voivodeship journal as written, a name written in
    full in any case ("DZIENNIK URZĘDOWY WOJEWÓDZTWA ŁÓDZKIEGO") as "Dz. Urz. Woj. Łódzkiego"."""
    if kind == "JOURNAL_DU":
        return identifiers.DZIENNIK_USTAW
    if kind == "JOURNAL_MP":
        return identifiers.MONITOR_POLSKI
    return identifiers.voivodeship_journal(clean(text))


# ---- provisions ---------------------------------------------------------------------------------


def read_units(chain: Token) -> tuple[UnitDraft, ...]:
    """The units of a UNITS token (a whole provision chain), offsets relative to the window.

    ``art. 18 ust. 2 pkt 15`` -> art (18), ust (2), pkt (15); ``ust. 1, 2 i 4-6`` -> ust (1, 2, 4-6).
    """
    text, base = str(chain), int(chain.start_pos or 0)
    units: list[UnitDraft] = []
    for m in patterns.UNIT.finditer(text):
        name: UnitName
        numbers: tuple[Number, ...]
        if m["keyword"] is not None:
            name = _unit_name(m["keyword"])
            numbers = tuple([
                Number(clean(n[0]) if n["high"] is not None else n[0], base + n.start(), base + n.end())
                for n in patterns.NUMBER_ITEM.finditer(text, m.start("numbers"), m.end("numbers"))
            ])
        elif m["lit"] is not None:
            name = "litera"
            numbers = _read_letters(text, base, m.start("letters"), m.end("letters"))
        else:
            name = "tiret"
            numbers = (Number(m["ordinal"], base + m.start("ordinal"), base + m.end("ordinal")),)
        units.append(UnitDraft(name, base + m.start(), base + m.end(), numbers))
    if not units:  # the grammar's UNITS is a chain of units
        raise BrokenPromise(f"no unit in {text!r}")
    return tuple(units)


def _read_letters(text: str, base: int, start: int, end: int) -> tuple[Number, ...]:
    first = patterns.FIRST_LETTER.match(text, start, end)
    if first is None:  # the grammar's LIT_KW promises a letter
        raise BrokenPromise(f"no letter after lit. in {text!r}")
    letters = [Number(first[0].rstrip(")"), base + first.start(), base + first.end())]
    pos = first.end()
    while (m := patterns.NEXT_LETTER.match(text, pos, end)) is not None:
        letters.append(Number(m[1].rstrip(")"), base + m.start(1), base + m.end(1)))
        pos = m.end()
    return tuple(letters)


# ---- journal references -------------------------------------------------------------------------


def read_compact(head: Token) -> tuple[int, int | None, int]:
    """A COMPACT token's (year, nr, position): "2018.994" -> (2018, None, 994), "97.102.643" ->
    (1997, 102, 643); a two-digit year is 19xx from 30 on, else 20xx."""
    numbers = [int(n) for n in _DIGITS.findall(str(head))]
    year, nr, position = numbers if len(numbers) == 3 else (numbers[0], None, numbers[1])
    return (year + (1900 if year >= 30 else 2000) if year < 100 else year), nr, position


def read_journal_issue(tok: Token) -> list[JournalPart | YearPart | NrPart | PositionsPart]:
    """A JOURNAL_ISSUE token as its journal and the parts of its issue: ``Dz. U. z 2016 r. poz. 446``."""
    text, base = str(tok), int(tok.start_pos or 0)
    for kind, regex in patterns.JOURNALS.items():  # noqa: B007 (the journals never overlap: one matches)
        if (m := regex.match(text)) is not None:
            break
    else:
        raise BrokenPromise(f"no journal at the start of {text!r}")  # the grammar promises one
    return [JournalPart(journal_name(kind, m[0]), base, base + m.end()), *read_issue(text, base, m.end())]


def read_issue(text: str, base: int, start: int = 0) -> list[YearPart | NrPart | PositionsPart]:
    """The parts of an ISSUE / NR_ISSUE token's text (from ``start``), as the reference reader takes
    them; ``base`` is the token's offset in the window.

    ``z 2001 r. Nr 142, poz. 1591, 1592`` -> year 2001, Nr 142, positions (poz. 1591, 1592).
    """
    parts: list[YearPart | NrPart | PositionsPart] = []
    for m in patterns.ISSUE_PART.finditer(text, start):
        a, b = base + m.start(), base + m.end()
        if m["year"] is not None:
            parts.append(YearPart(first_int(m[0]), a, b))
        elif m["nr"] is not None:
            parts.append(NrPart(first_int(m[0]), a, b))
        else:
            positions = tuple([Position(first_int(n[0]), base + n.start(), base + n.end())
                               for n in patterns.POSITION.finditer(text, m.start(), m.end())])
            parts.append(PositionsPart(positions, a, b))
    return parts
