"""A reference list ("metryczka") read left to right, as a fold over its parts.

``Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002 r. Nr 23, poz. 220, Nr 62, poz. 558``
gives (2001, 142, 1591), (2002, 23, 220), (2002, 62, 558): the journal, the year and the Nr
carry over to the positions after them. Real lists write their parts in every order (the Nr
before the year, the year after the position), so the list is read as a fold: each part in turn
changes what is carried (``_Carry``, the named state), and a position, or a Nr that no position
follows, makes a reference with what is carried then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
    """A reference list read so far: what it carries to the next reference, the references made, and
    what the list said of itself. Each kind of part is one step, a method that says what it changes."""

    __slots__ = ("amended", "consolidated", "entry_start", "journal", "named_journal", "nr", "nr_waiting",
                 "pubs", "saw_nr", "year", "year_slot", "year_used")

    def __init__(self) -> None:
        self.pubs: list[PubDraft] = []
        self.journal: str | None = None
        self.year: int | None = None
        self.year_slot = False  # a year was written for what follows (its digits may be lost)
        self.year_used = False  # a reference was made since the last year
        self.nr: int | None = None
        self.nr_waiting: NrPart | None = None  # a Nr no position has followed yet
        self.entry_start: int | None = None  # where the reference being read began ("Dz. U. z 2024 r. poz. 5")
        self.consolidated = self.amended = False  # "t.j." | "z późn. zm."
        self.named_journal = self.saw_nr = False  # the list names a journal | gives a Nr

    def positions(self, part: PositionsPart) -> None:
        self._emit(part.positions)
        self.nr_waiting = None

    def year_part(self, part: YearPart) -> None:
        self._enter(part)
        # "Nr 13 z 1996 roku poz. 74": a Nr still waiting for its position keeps it
        if self.nr_waiting is None:
            self.nr = None
        self.year, self.year_slot, self.year_used = part.year, True, False

    def journal_part(self, part: JournalPart) -> None:
        self.flush_nr()
        self._enter(part)
        # the same journal named again inside one list keeps the year ("t.j. Dz.U. z 1996 r. Nr 13
        # poz. 74 ze zm.: Dz.U. Nr 58, poz. 261"); another journal starts without one
        if part.name != self.journal and (self.year_used or not self.year_slot):
            self.year, self.year_slot = None, False
        self.journal, self.nr, self.named_journal = part.name, None, True

    def nr_part(self, part: NrPart) -> None:
        self.flush_nr()
        self._enter(part)
        self.nr, self.nr_waiting, self.saw_nr = part.nr, part, True

    def compact(self, part: CompactPart) -> None:
        self.flush_nr()
        self.year, self.year_slot, self.nr = part.year, True, part.nr
        self._emit(part.positions)

    def flag(self, part: FlagPart) -> None:
        self.consolidated |= part.consolidated
        self.amended |= part.amended

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


# The step each kind of part is
_STEPS: dict[type, Callable[[_Carry, Any], None]] = {
    PositionsPart: _Carry.positions, YearPart: _Carry.year_part, JournalPart: _Carry.journal_part,
    NrPart: _Carry.nr_part, CompactPart: _Carry.compact, FlagPart: _Carry.flag,
}


def read_references(parts: Sequence[RefPart], start: int, end: int) -> References:
    """The journal references of a list of parts spanning ``start``-``end``, with its flags."""
    carry = _Carry()
    for part in parts:
        _STEPS[type(part)](carry, part)
    carry.flush_nr()
    pubs = tuple(carry.pubs)
    # "Dz. U. Nr 142, poz. 1591 z 2001 r.": a year after the last position belongs to the
    # positions before it that had no year slot of their own.
    if carry.year_slot and not carry.year_used:
        pubs = tuple(pub if pub.year_slot else pub._replace(year=carry.year, year_slot=True) for pub in pubs)
    continuation = False
    if not carry.named_journal:
        # "tj. Nr 13 z 1996 roku poz. 74": a list without a journal name is Dziennik Ustaw, but only
        # when it reads like one (the consolidated flag and a Nr); a bare "Poz. 545", a portal's
        # "Rok: 2012 nr 0" or a municipal gazette "MRMG z 2004 r., Nr 45 poz. 242" is not.
        if carry.consolidated and carry.saw_nr:
            pubs = tuple(pub._replace(journal=identifiers.DZIENNIK_USTAW) for pub in pubs)
        else:
            continuation = True  # only as the tail of a list just before it ("... poz. 1806 /z 2003r. Nr 80")
    return References(start, end, pubs, carry.consolidated, carry.amended, continuation)
