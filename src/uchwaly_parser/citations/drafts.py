"""What the citation grammar's rules give back: frozen, typed drafts.

Offsets are relative to the window the grammar read. A draft is never changed: where the linker
learns more about one (an act's title that follows its reference, a year carried back to a
position), it makes a new one with ``_replace``.

Drafts are named tuples: immutable and typed, and as quick to make as a plain class (a frozen
dataclass sets each field through ``object.__setattr__``, which made ``extract_citations`` some 4 %
slower: thousands of drafts a second, each made once and read a few times).

The window's segments, in text order, are one of: ``Provisions``, ``ActDraft``, ``References``,
``TitleTail``, ``Link``, ``Stop``. A reference list is read from its ``RefPart``s (journal, year,
Nr, positions, a compact reference, a flag) by ``references.read_references``.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from uchwaly_parser.models.citations import ActKind, UnitName


class Extent(NamedTuple):
    """A stretch of the window: an act's title or issuer."""

    start: int
    end: int


# ---- provisions ---------------------------------------------------------------------------------


class Number(NamedTuple):
    """One number of a unit, as printed: "18", "4-6", "a", "pierwsze". ``text`` is None for a range
    the grammar read as three tokens ("1 - 3" outside a provision chain): it is read from the window."""

    text: str | None
    start: int
    end: int


class UnitDraft(NamedTuple):
    """One unit of a provision chain: "ust. 1, 2 i 4-6" is ``ustep`` with three numbers."""

    name: UnitName
    start: int
    end: int
    numbers: tuple[Number, ...]


class ProvisionDraft(NamedTuple):
    """A provision chain: "art. 18 ust. 2 pkt 15" (units art, ust, pkt), or bare numbers "4 i 5"."""

    start: int
    end: int
    units: tuple[UnitDraft, ...]
    bare_only: bool = False  # numbers only ("4 i 5"): a provision only right before an act


class Provisions(NamedTuple):
    """Segment: provisions of one list, "art. 5, art. 35 i art. 40 ust. 2 pkt 1"."""

    start: int
    end: int
    items: tuple[ProvisionDraft, ...]


# ---- acts ---------------------------------------------------------------------------------------


class ActDraft(NamedTuple):
    """Segment: an act's name with what the text says of it, "ustawy z dnia 8 marca 1990 r. o
    samorządzie gminnym", "rozporządzenia Ministra Zdrowia z dnia ... w sprawie ..."."""

    kind: ActKind
    start: int
    end: int
    date: datetime.date | None
    title: Extent | None
    issuer: Extent | None
    number: str | None  # "XXIV/373/12" (an act's own number, without its "Nr")
    nominative: bool  # "Uchwała" / "UCHWAŁA": a document's own title, unless a sentence cites it
    has_w_sprawie: bool = False  # its title is a "w sprawie ..." phrase


class TitleTail(NamedTuple):
    """Segment: a "w sprawie ..." title after the act's reference instead of before it."""

    start: int
    end: int


class Link(NamedTuple):
    """Segment: "w związku z", linking the next act to the one before."""

    start: int
    end: int


class Stop(NamedTuple):
    """Segment: where a legal basis gives way to the enacting clause or to procedure ("Rada Gminy")."""

    start: int
    end: int


# ---- journal references ---------------------------------------------------------------------------


class JournalPart(NamedTuple):
    """A journal's name, normalised: "Dz. U.", "M.P.", "Dz. Urz. Woj. Op."."""

    name: str
    start: int
    end: int


class YearPart(NamedTuple):
    """A year: "z 2001 r.", "2013 r.", a date's year; None where its digits were lost ("Dz.U r. Nr 5")."""

    year: int | None
    start: int
    end: int


class NrPart(NamedTuple):
    """An issue's number: "Nr 142"."""

    nr: int | None
    start: int
    end: int


class Position(NamedTuple):
    """One position: "poz. 1591", or a number after it ("1000" in "poz. 994, 1000"); None when the
    number was lost ("poz" alone)."""

    number: int | None
    start: int
    end: int


class PositionsPart(NamedTuple):
    """A list of positions: "poz. 994, 1000, 1349 i 1432"."""

    positions: tuple[Position, ...]
    start: int
    end: int


class CompactPart(NamedTuple):
    """A compact reference: "2018.994,1000" (year.position), "97.102.643" (year.nr.position); its
    first position is the head's, the others follow it."""

    year: int
    nr: int | None
    positions: tuple[Position, ...]
    start: int
    end: int


class FlagPart(NamedTuple):
    """"t.j." (consolidated) or "z późn. zm." (amended)."""

    consolidated: bool
    amended: bool
    start: int
    end: int


RefPart = JournalPart | YearPart | NrPart | PositionsPart | CompactPart | FlagPart


class PubDraft(NamedTuple):
    """One journal reference: journal, year, Nr, position."""

    journal: str | None
    year: int | None
    nr: int | None
    position: int | None
    start: int
    end: int
    year_slot: bool  # the reference had a year slot (possibly empty): no year is carried to it then


class References(NamedTuple):
    """Segment: a reference list ("metryczka") read into its journal references and flags."""

    start: int
    end: int
    pubs: tuple[PubDraft, ...]
    consolidated: bool = False
    amended: bool = False
    continuation: bool = False  # no journal of its own: valid only right after another list


Segment = Provisions | ActDraft | References | TitleTail | Link | Stop
