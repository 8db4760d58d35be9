"""Linking a window's segments into citations.

Provisions belong to the act right after them; a reference list to the act right before it (or,
with none, it forms an act-less citation); "w związku z" links a citation to the one before it.
A document's own header ("Uchwała Nr ... (Dz. U. Woj. ...)" at a line's start, or anywhere in a
legal basis, which cites acts in the genitive) yields nothing, its reference included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from uchwaly_parser.citations import identifiers
from uchwaly_parser.citations.drafts import (
    ActDraft,
    Extent,
    Link,
    Number,
    ProvisionDraft,
    Provisions,
    PubDraft,
    References,
    Segment,
    Stop,
    TitleTail,
    UnitDraft,
)
from uchwaly_parser.models.citations import Act, Citation, Provision, ProvisionPart, Publication
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source

# Text allowed between a provision list and the act it belongs to ("art. 5 i ustawy", "art. 5, ustawy")
_GAP_TO_ACT = re.compile(r"[\s,;–—\"”'-]*(?:(?:i|oraz|lub)\s*)?", re.IGNORECASE)
# Text allowed between an act and its reference list ("ustawy ... (t.j. Dz. U.", " / Dz. U.")
_GAP_TO_REFS = re.compile(r"[\s(\[/,:;‘’'\"„”]*")

# Depth of a unit in a provision chain; a list at one depth followed by a shallower unit
# ("art. 12 pkt 2 i 31 ust. 5") means its last number is really the next article.
UNIT_DEPTH: dict[str, int] = {
    "bare": 0, "artykul": 0, "paragraf": 1, "ustep": 2, "punkt": 3, "litera": 4, "tiret": 5, "zdanie": 6,
}


class CitationDraft(NamedTuple):
    """A citation as linked: its act (None for a reference list of its own), the provisions before
    the act, the references after it."""

    act: ActDraft | None
    provisions: tuple[ProvisionDraft, ...]
    start: int
    end: int
    header: bool = False  # its act is a document's own title, not a cited act: no citation
    pubs: tuple[PubDraft, ...] = ()
    consolidated: bool = False
    amended: bool = False
    related_to: int | None = None  # the draft a "w związku z" links it to


class _Linker:
    """Takes a window's segments in order; ``drafts`` are the citations linked so far."""

    def __init__(self, window: str, legal_basis: bool) -> None:
        self.window = window
        self.legal_basis = legal_basis
        self.drafts: list[CitationDraft] = []
        self.open = False  # the last draft still takes the reference list or title that follows it
        self.pending: tuple[ProvisionDraft, ...] = ()  # provisions waiting for their act
        self.link_from: int | None = None  # the draft a "w związku z" just named

    def _gap(self, gap: re.Pattern[str], start: int, end: int) -> bool:
        return gap.fullmatch(self.window, start, end) is not None

    def _open(self, draft: CitationDraft) -> None:
        self.drafts.append(draft)
        self.open = True
        self.pending = ()

    def take(self, segment: Segment) -> None:
        match segment:
            case Provisions():
                self.provisions(segment)
            case ActDraft():
                self.act(segment)
            case References():
                self.references(segment)
            case TitleTail():
                self.title_tail(segment)
            case Link():
                last = self.drafts[-1] if self.open else None
                if last is not None and last.act is not None and not last.header:
                    self.link_from = len(self.drafts) - 1
            case Stop():
                self.open, self.pending, self.link_from = False, (), None

    def provisions(self, segment: Provisions) -> None:
        if self.open:
            self.open, self.pending = False, ()
        # "Na podstawie:\n1) art. 18 …; 2) art. 6 …": a bare "1)" enumerates the list, it cites nothing
        self.pending += tuple(p for p in segment.items if not (p.bare_only and self.window.startswith(")", p.end)))

    def act(self, act: ActDraft) -> None:
        header = act.nominative and (self.legal_basis or _at_line_start(self.window, act.start))
        mine = self.pending if self.pending and self._gap(_GAP_TO_ACT, self.pending[-1].end, act.start) else ()
        related_to = self.link_from if not header else None
        self.link_from = None
        self._open(CitationDraft(act, mine, mine[0].start if mine else act.start, act.end, header,
                                 related_to=related_to))

    def references(self, block: References) -> None:
        last = self.drafts[-1] if self.open else None
        follows = last is not None and last.pubs != () and self._gap(_GAP_TO_REFS, last.end, block.start)
        if block.continuation:  # "... poz. 1806 /z 2003r. Nr 80": the list before it goes on
            if last is None or not follows:
                return
            journal = last.pubs[-1].journal
            block = block._replace(pubs=tuple(pub._replace(journal=journal) for pub in block.pubs))
        attach = last is not None and (last.pubs == () or follows)
        if not block.pubs:  # "z późn. zm." alone
            if attach and last is not None and block.amended:
                self.drafts[-1] = last._replace(amended=True, end=max(last.end, block.end))
            return
        if not attach or last is None:
            # "art. 5 (Dz. U. ...)": provisions right before an act-less reference are its own
            near = tuple(p for p in self.pending if not p.bare_only)
            if near and not self._gap(_GAP_TO_REFS, near[-1].end, block.start):
                near = ()
            last = CitationDraft(None, near, near[0].start if near else block.start, block.end)
            self._open(last)
        self.drafts[-1] = last._replace(
            pubs=last.pubs + block.pubs, consolidated=last.consolidated or block.consolidated,
            amended=last.amended or block.amended, end=max(last.end, block.end))

    def title_tail(self, tail: TitleTail) -> None:
        # "Uchwały Nr XXV/235/2016 ... (Dz. Urzęd. Woj. Wlkp., poz. 3114) w sprawie zasad ...": the title
        # comes after the reference; the act's text now runs over its reference to its title
        last = self.drafts[-1] if self.open else None
        if last is None or last.act is None or last.act.has_w_sprawie or last.act.kind == "ustawa":
            return
        act = last.act._replace(title=Extent(tail.start, tail.end), has_w_sprawie=True, end=tail.end)
        self.drafts[-1] = last._replace(act=act, end=max(last.end, tail.end))


def _at_line_start(window: str, start: int) -> bool:
    """Nothing but whitespace before ``start`` on its line."""
    return not window[window.rfind("\n", 0, start) + 1: start].strip()


def link(window: str, segments: Sequence[Segment], *, legal_basis: bool = False) -> list[CitationDraft]:
    """The citations a window's segments make, linked (offsets in the window)."""
    linker = _Linker(window, legal_basis)
    for segment in segments:
        linker.take(segment)
    return linker.drafts


# ---- drafts -> models ---------------------------------------------------------------------------


def assemble(
    source: Source, offset: int, window: str, segments: Sequence[Segment], *, legal_basis: bool = False
) -> list[Citation]:
    """The citations of one window (``source.text[offset:offset + len(window)]``), spans absolute."""
    citations: list[Citation] = []
    index_of: dict[int, int] = {}
    for i, linked in enumerate(link(window, segments, legal_basis=legal_basis)):
        if linked.header:
            continue
        index_of[i] = len(citations)
        act_year = linked.act.date.year if linked.act is not None and linked.act.date is not None else None
        citations.append(
            Citation(
                span=source.span(offset + linked.start, offset + linked.end),
                act=_act_model(source, offset, linked.act) if linked.act is not None else None,
                provisions=_provision_models(source, offset, linked.provisions),
                # a reference without a year slot has its act's: "ustawy z dnia 8 marca 1990 r. (Dz. U. Nr 16, poz. 95)"
                publications=tuple([_publication(source, offset, p, act_year) for p in linked.pubs]),
                consolidated=linked.consolidated,
                amended=linked.amended,
                related_to=index_of.get(linked.related_to) if linked.related_to is not None else None,
            )
        )
    return citations


def split_provision(draft: ProvisionDraft) -> list[tuple[int, int, tuple[UnitDraft, ...]]]:
    """Cited units of one provision chain, as (start, end, units).

    ``art. 7 i 18 pkt. 1`` -> "art. 7", "18 pkt. 1"; ``art. 109 i 124`` -> "art. 109", "124";
    ``art. 12 pkt 2 i 31 ust. 5`` -> "art. 12 pkt 2", "31 ust. 5"; ``ust. 1 i 2 pkt 12`` stays whole.
    """
    units = draft.units
    head = units[0]
    pieces: list[tuple[int, int, tuple[UnitDraft, ...]]] = []
    start = draft.start
    current: tuple[UnitDraft, ...]
    if len(head.numbers) > 1 and not draft.bare_only:
        for i, number in enumerate(head.numbers[:-1]):
            # the first piece keeps the keyword ("art. 7"); the next ones are their numbers ("18")
            piece_start = start if i == 0 else number.start
            pieces.append((piece_start, number.end, (UnitDraft(head.name, piece_start, number.end, (number,)),)))
        last = head.numbers[-1]
        start = last.start
        current = (UnitDraft(head.name, last.start, last.end, (last,)),)
    else:
        current = (head,)
    for i, unit in enumerate(units[1:], start=1):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and len(unit.numbers) > 1 and UNIT_DEPTH[nxt.name] < UNIT_DEPTH[unit.name]:
            before, last = unit.numbers[:-1], unit.numbers[-1]
            current += (UnitDraft(unit.name, unit.start, before[-1].end, before),)
            pieces.append((start, before[-1].end, current))
            start = last.start
            current = (UnitDraft(head.name, last.start, last.end, (last,)),)
        else:
            current += (unit,)
    pieces.append((start, current[-1].end, current))
    return pieces


def _number_text(text: str, offset: int, number: Number) -> str:
    return clean(text[offset + number.start: offset + number.end]) if number.text is None else number.text


def _provision_models(source: Source, offset: int, drafts: Sequence[ProvisionDraft]) -> tuple[Provision, ...]:
    out: list[Provision] = []
    text = source.text
    for provision in drafts:
        for start, end, units in split_provision(provision):
            parts = tuple([
                ProvisionPart(
                    span=source.span(offset + u.start, offset + u.end),
                    unit=u.name,
                    numbers=tuple([_number_text(text, offset, n) for n in u.numbers]),
                )
                for u in units
            ])
            a, b = offset + start, offset + end
            out.append(Provision(span=source.span(a, b), text=clean(text[a:b]), parts=parts))
    return tuple(out)


def _publication(source: Source, offset: int, pub: PubDraft, act_year: int | None) -> Publication:
    journal = pub.journal or identifiers.DZIENNIK_USTAW
    year = pub.year if pub.year_slot or act_year is None else act_year
    voivodeship, code = (None, None)
    if journal not in (identifiers.DZIENNIK_USTAW, identifiers.MONITOR_POLSKI):
        voivodeship, code = identifiers.voivodeship_of(journal)
    eli = identifiers.eli_of(journal, year, pub.position)
    return Publication(
        span=source.span(offset + pub.start, offset + pub.end),
        journal=journal,
        year=year,
        nr=pub.nr,
        position=pub.position,
        voivodeship=voivodeship,
        publisher_code=code,
        eli=eli,
        eli_url=identifiers.eli_url_of(eli),
        isap_id=identifiers.isap_id_of(journal, year, pub.nr, pub.position),
    )


def _act_model(source: Source, offset: int, act: ActDraft) -> Act:
    text = source.text

    def phrase(extent: Extent | None) -> str | None:
        if extent is None:
            return None
        value = clean(text[offset + extent.start: offset + extent.end]).strip(" ,;:–—-")
        return value or None

    return Act(
        span=source.span(offset + act.start, offset + act.end),
        kind=act.kind,
        date=act.date,
        title=phrase(act.title),
        issuer=phrase(act.issuer),
        number=act.number,
    )
