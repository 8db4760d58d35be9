"""A reference list ("metryczka") read left to right, as a fold over its parts.

``Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002 r. Nr 23, poz. 220, Nr 62, poz. 558``
gives (2001, 142, 1591), (2002, 23, 220), (2002, 62, 558): the journal, the year and the Nr
carry over to the positions after them. Real lists write their parts in every order (the Nr
before the year, the year after the position), so the list is read as a fold: each part in turn
changes what is carried (``_Carry``, the named state), and a position, or a Nr that no position
follows, makes a reference with what is carried then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from uchwaly_parser.citations import identifiers
from uchwaly_parser.citations.drafts import (
    CompactPart,
    FlagPart,
    JournalPart,
    NrPart,
    Position,
    PositionsPart,
    PubDraft,
    References,
    RefPart,
    YearPart,
)


class _Carry:
    """A reference list read so far: what it carries to the next reference, and the references made.
    Each part is one step (``take``) that says what it changes."""

    __slots__ = ("entry_start", "journal", "nr", "nr_waiting", "pubs", "year", "year_slot", "year_used")

    def __init__(self) -> None:
        self.pubs: list[PubDraft] = []
        self.journal: str | None = None
        self.year: int | None = None
        self.year_slot = False  # a year was written for what follows (its digits may be lost)
        self.year_used = False  # a reference was made since the last year
        self.nr: int | None = None
        self.nr_waiting: NrPart | None = None  # a Nr no position has followed yet
        self.entry_start: int | None = None  # where the reference being read began ("Dz. U. z 2024 r. poz. 5")

    def take(self, part: RefPart) -> None:
        match part:  # the commonest first
            case PositionsPart(positions=positions):
                self._emit(positions)
                self.nr_waiting = None
            case YearPart(year=year):
                self._enter(part)
                # "Nr 13 z 1996 roku poz. 74": a Nr still waiting for its position keeps it
                if self.nr_waiting is None:
                    self.nr = None
                self.year, self.year_slot, self.year_used = year, True, False
            case JournalPart(name=name):
                self.flush_nr()
                self._enter(part)
                # the same journal named again inside one list keeps the year ("t.j. Dz.U. z 1996 r. Nr 13
                # poz. 74 ze zm.: Dz.U. Nr 58, poz. 261"); another journal starts without one
                if name != self.journal and (self.year_used or not self.year_slot):
                    self.year, self.year_slot = None, False
                self.journal, self.nr = name, None
            case NrPart(nr=nr):
                self.flush_nr()
                self._enter(part)
                self.nr, self.nr_waiting = nr, part
            case CompactPart(year=year, nr=nr, positions=positions):
                self.flush_nr()
                self.year, self.year_slot, self.nr = year, True, nr
                self._emit(positions)
            case FlagPart():
                pass

    def _enter(self, part: JournalPart | YearPart | NrPart) -> None:
        """A journal, a year or a Nr may begin the next reference's text."""
        if self.entry_start is None:
            self.entry_start = part.start

    def _emit(self, positions: Sequence[Position]) -> None:
        """References at ``positions`` with what is carried; the first spans from its entry's start."""
        for position in positions:
            start = position.start
            if self.entry_start is not None and self.entry_start <= start:
                start = self.entry_start
            self.entry_start = None
            self.pubs.append(
                PubDraft(self.journal, self.year, self.nr, position.number, start, position.end, self.year_slot))
            self.year_used = True

    def flush_nr(self) -> None:
        """A Nr still waiting for its position is a reference of its own ("Dz. U. Nr 5, Nr 6, poz. 7")."""
        if self.nr_waiting is not None:
            self._emit((Position(None, self.nr_waiting.start, self.nr_waiting.end),))
            self.nr_waiting = None


def read_references(parts: Sequence[RefPart], start: int, end: int) -> References:
    """The journal references of a list of parts spanning ``start``-``end``, with its flags."""
    carry = _Carry()
    for part in parts:
        carry.take(part)
    carry.flush_nr()
    pubs = tuple(carry.pubs)
    # "Dz. U. Nr 142, poz. 1591 z 2001 r.": a year after the last position belongs to the
    # positions before it that had no year slot of their own.
    if carry.year_slot and not carry.year_used:
        pubs = tuple(pub if pub.year_slot else replace(pub, year=carry.year, year_slot=True) for pub in pubs)
    kinds = {type(p) for p in parts}
    flags = [p for p in parts if isinstance(p, FlagPart)] if FlagPart in kinds else []
    consolidated = any(f.consolidated for f in flags)
    amended = any(f.amended for f in flags)
    continuation = False
    if JournalPart not in kinds:
        # "tj. Nr 13 z 1996 roku poz. 74": a list without a journal name is Dziennik Ustaw, but only
        # when it reads like one (the consolidated flag and a Nr); a bare "Poz. 545", a portal's
        # "Rok: 2012 nr 0" or a municipal gazette "MRMG z 2004 r., Nr 45 poz. 242" is not.
        if consolidated and NrPart in kinds:
            pubs = tuple(replace(pub, journal=identifiers.DZIENNIK_USTAW) for pub in pubs)
        else:
            continuation = True  # only as the tail of a list just before it ("... poz. 1806 /z 2003r. Nr 80")
    return References(start, end, pubs, consolidated, amended, continuation)
