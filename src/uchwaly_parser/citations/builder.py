"""Grammar rules -> typed citations.

Two stages, kept apart:

* ``SegmentBuilder`` (a Lark Transformer, one method per grammar rule, run inside the LALR parse)
  turns each segment of a window into a small draft: provisions split into cited units, an act
  with kind/date/title, a reference list read left to right into publications. Coarse tokens (a
  whole provision chain, a journal issue, an act's name with its date) are read back into their
  parts with the regexes of ``citations.patterns``;
* ``assemble`` (a plain function) links the drafts: provisions to the act that follows them,
  reference lists to the act before them, "w związku z" links, the year fallback.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lark import Token, Transformer, v_args

from uchwaly_parser.citations import identifiers, patterns
from uchwaly_parser.grammar import TOKEN_TYPES, terminals
from uchwaly_parser.models.citations import (
    Act,
    ActKind,
    Citation,
    Provision,
    ProvisionPart,
    Publication,
    UnitName,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source
from uchwaly_parser.values import read_date


class BrokenPromise(Exception):
    """A coarse token whose parts the readers cannot find, though the grammar promised them: a bug
    in the grammar or in citations/patterns.py, never a property of the input. The window that
    raises it gives no citations (``api._parse_window``), as a parse error would."""


# ---------------------------------------------------------------------------------------------
# Small value readers (each regex here reads a token the grammar already recognised)
# ---------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
# Participles that end the name of a statute and start the act that adopted it:
# "Statutu Gminy Szczecinek przyjętego uchwałą Nr VII/50/2003"
# (the grammar's _STATUTE_END, where a WORD run stops; here in any letter case)
_STATUTE_END = re.compile(terminals("citations").patterns["_STATUTE_END"], re.IGNORECASE)
_ACT_NUMBER = re.compile(r"^[Nn][Rr]\.?\s*")

# The keyword as cited -> the unit's name, the same as the tree's ``kind`` of that unit.
UNIT_NAMES: dict[str, UnitName] = {
    "art": "artykul", "an": "artykul", "§": "paragraf", "par": "paragraf",
    "ust": "ustep", "pkt": "punkt", "lit": "litera", "tiret": "tiret", "zd": "zdanie",
}
# Depth of a unit in a provision chain; a list at one depth followed by a shallower unit
# ("art. 12 pkt 2 i 31 ust. 5") means its last number is really the next article.
UNIT_DEPTH: dict[str, int] = {
    "bare": 0, "artykul": 0, "paragraf": 1, "ustep": 2, "punkt": 3, "litera": 4, "tiret": 5, "zdanie": 6,
}


def _first_int(raw: str) -> int | None:
    m = _DIGITS.search(raw)
    return int(m.group()) if m else None


def _unit_name(keyword: str) -> UnitName:
    key = keyword.lower().rstrip(".")
    if key.startswith("art"):
        key = "art"
    elif key.startswith("§"):
        key = "§"
    elif key.startswith("zd"):
        key = "zd"
    return UNIT_NAMES.get(key, "artykul")


def journal_name(kind: str, text: str) -> str:
    """Normalised journal: "Dz. U.", "M.P." or the voivodeship journal as written, a name written in
    full in any case ("DZIENNIK URZĘDOWY WOJEWÓDZTWA ŁÓDZKIEGO") as "Dz. Urz. Woj. Łódzkiego"."""
    if kind == "JOURNAL_DU":
        return identifiers.DZIENNIK_USTAW
    if kind == "JOURNAL_MP":
        return identifiers.MONITOR_POLSKI
    return identifiers.voivodeship_journal(clean(text))


def _split_act_dated(tok: Token) -> tuple[Token, Token]:
    """An ACT_DATED token as the ACT_KW and DATE tokens it is made of ("ustawy" + "z dnia 8 marca 1990 r.");
    the name is one word, and a blank always parts it from the date."""
    text, base = str(tok), int(tok.start_pos or 0)
    m = patterns.ACT_DATED.match(text)
    if m is None:  # the grammar's ACT_DATED is this pair
        raise BrokenPromise(f"no act name and date in {text!r}")
    return (Token("ACT_KW", m["name"], start_pos=base, end_pos=base + m.end("name")),
            Token("DATE", m["date"], start_pos=base + m.start("date"), end_pos=base + len(text)))


# ---------------------------------------------------------------------------------------------
# Drafts: what the Transformer gives back for each segment
# ---------------------------------------------------------------------------------------------


@dataclass
class UnitDraft:
    name: UnitName
    start: int
    end: int
    numbers: list[tuple[str | None, int, int]]  # (text, start, end) relative to the window; a range
    # "1 - 3" outside a UNITS token has text None: it is read from the window


@dataclass
class ProvisionDraft:
    start: int
    end: int
    units: list[UnitDraft]
    bare_only: bool = False  # numbers only ("4 i 5"): a provision only right before an act


@dataclass
class PubDraft:
    journal: str | None
    year: int | None
    nr: int | None
    position: int | None
    start: int
    end: int
    year_slot: bool  # the reference had a year slot (possibly empty): no fallback then


@dataclass
class RefBlock:
    start: int
    end: int
    pubs: list[PubDraft]
    consolidated: bool = False
    amended: bool = False
    has_journal: bool = False
    continuation: bool = False  # no journal of its own: valid only right after another list


@dataclass
class ActDraft:
    kind: ActKind
    start: int
    end: int
    date: datetime.date | None
    title: tuple[int, int] | None  # window offsets of the title text
    issuer: tuple[int, int] | None
    number: str | None
    nominative: bool  # "Uchwała" / "UCHWAŁA": a document's own title, unless a sentence cites it
    has_w_sprawie: bool = False
    header: bool = False  # decided by assemble(): a document's own title, not a cited act


@dataclass
class Segment:
    kind: str  # provisions | act | references | title_tail | link | stop
    start: int
    end: int
    value: Any = None


# ---------------------------------------------------------------------------------------------
# Stage 1: the Transformer
# ---------------------------------------------------------------------------------------------


def _tok_span(tokens: Iterable[Token]) -> tuple[int, int]:
    items = list(tokens)
    return int(items[0].start_pos or 0), int(items[-1].end_pos or 0)


_TRAILING_JUNK = {"COMMA", "CONJ", "DASH", "DOT", "NSEP", "RANGE", "OTHER", "SEMI", "COLON"}
# An opening quote cannot end a title: "o samorządzie gminnym ‘(Dz.U. ...".
_OPENING_QUOTES = {"‘", "„", "«", ",,", "'"}


def _trim(tokens: list[Token]) -> list[Token]:
    while len(tokens) > 1 and (
        tokens[-1].type in _TRAILING_JUNK or (tokens[-1].type == "QUOTE" and str(tokens[-1]) in _OPENING_QUOTES)
    ):
        tokens = tokens[:-1]
    return tokens


def act_kind(head: Token) -> ActKind:
    """The kind of act its name gives: "ustawy" -> ustawa, "Statutu" -> uchwała (a statute is adopted
    by one), "obwieszczenia"/"komunikatu" -> other."""
    lower = str(head).lower()
    if head.type in ("KODEKS_KW", "KODEKS_ABBR"):
        return "kodeks"
    if lower.startswith("ustaw"):
        return "ustawa"
    if lower.startswith("rozporządz"):
        return "rozporządzenie"
    if lower.startswith(("uchwał", "statut")):
        return "uchwała"
    if lower.startswith("konstytuc"):
        return "konstytucja"
    return "other"


def _title_starts_with_code(parts: list[Token], title_start: int) -> bool:
    return any(t.type == "KODEKS_KW" and int(t.start_pos or 0) == title_start for t in parts)


def act_title_and_issuer(
    head: Token, parts: list[Token], kind: ActKind, date_index: int | None, w_sprawie: int | None, end: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Window offsets of an act's title and issuer. The title drops the kind word; a regulation's or a
    resolution's title is its "w sprawie ..." phrase; a statute's is its name ("Statutu Gminy X")."""
    if head.type in ("KODEKS_ABBR", "KODEKS_KW"):  # k.p.a. | Kodeksu cywilnego
        return _tok_span([head, *parts]), None
    if str(head).lower().startswith("statut"):
        if w_sprawie is not None:
            return (int(parts[w_sprawie].start_pos or 0), end), None
        stop = next((i for i, t in enumerate(parts)
                     if t.type in ("ACT_KW", "DATE", "ACT_ID", "NR")
                     or (t.type == "WORD" and _STATUTE_END.match(str(t)))), len(parts))
        return _tok_span([head, *parts[:stop]]), None
    if kind == "konstytucja" and date_index:  # Konstytucji Rzeczypospolitej Polskiej z dnia ...
        return _tok_span(parts[:date_index]), None
    if kind in ("ustawa", "konstytucja"):
        rest = parts[date_index + 1:] if date_index is not None else parts
        while rest and rest[0].type in ("DASH", "COMMA", "COLON"):
            rest = rest[1:]
        return (_tok_span(rest) if rest else None), None
    title: tuple[int, int] | None = None
    if w_sprawie is not None:
        title = (int(parts[w_sprawie].start_pos or 0), end)
    elif date_index is not None and parts[date_index + 1:]:
        title = _tok_span(parts[date_index + 1:])
    limit = date_index if date_index is not None else (w_sprawie if w_sprawie is not None else len(parts))
    issuer_tokens = [t for t in parts[:limit] if t.type not in ("ACT_ID", "NR")]
    return title, (_tok_span(issuer_tokens) if issuer_tokens else None)


def read_units(chain: Token) -> list[UnitDraft]:
    """The units of a UNITS token (a whole provision chain), offsets relative to the window.

    ``art. 18 ust. 2 pkt 15`` -> art (18), ust (2), pkt (15); ``ust. 1, 2 i 4-6`` -> ust (1, 2, 4-6).
    """
    text, base = str(chain), int(chain.start_pos or 0)
    units: list[UnitDraft] = []
    for m in patterns.UNIT.finditer(text):
        name: UnitName
        numbers: list[tuple[str | None, int, int]]
        if m["keyword"] is not None:
            name = _unit_name(m["keyword"])
            numbers = [
                ((clean(n[0]) if n["high"] is not None else n[0]), base + n.start(), base + n.end())
                for n in patterns.NUMBER_ITEM.finditer(text, m.start("numbers"), m.end("numbers"))
            ]
        elif m["lit"] is not None:
            name = "litera"
            numbers = _read_letters(text, base, m.start("letters"), m.end("letters"))
        else:
            name = "tiret"
            numbers = [(m["ordinal"], base + m.start("ordinal"), base + m.end("ordinal"))]
        units.append(UnitDraft(name, base + m.start(), base + m.end(), numbers))
    return units


def _read_letters(text: str, base: int, start: int, end: int) -> list[tuple[str | None, int, int]]:
    first = patterns.FIRST_LETTER.match(text, start, end)
    if first is None:  # the grammar's LIT_KW promises a letter
        raise BrokenPromise(f"no letter after lit. in {text!r}")
    letters: list[tuple[str | None, int, int]] = [(first[0].rstrip(")"), base + first.start(), base + first.end())]
    pos = first.end()
    while (m := patterns.NEXT_LETTER.match(text, pos, end)) is not None:
        letters.append((m[1].rstrip(")"), base + m.start(1), base + m.end(1)))
        pos = m.end()
    return letters


class SegmentBuilder(Transformer[Token, Any]):
    """One method per grammar rule; each returns a draft (or a plain value for inner rules).

    It runs inside the LALR parse (``Lark(transformer=...)``): each rule's draft is built when the
    rule is reduced, so no parse tree is made and no second pass walks one. It keeps no state, so
    one instance serves every window; what needs the window's text is done by ``assemble``.
    """

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)

    def start(self, items: list[Any]) -> list[Segment]:
        """The window's segments in order (noise tokens dropped)."""
        return [i for i in items if isinstance(i, Segment)]

    # ---- provisions ---------------------------------------------------------------------

    @v_args(inline=True)
    def number(self, tok: Token) -> tuple[str, int, int]:
        return str(tok), int(tok.start_pos or 0), int(tok.end_pos or 0)

    @v_args(inline=True)
    def number_range(self, low: Token, _dash: Token, high: Token) -> tuple[str | None, int, int]:
        # "1 - 3": the text is read from the window when the models are made (None until then)
        return None, int(low.start_pos or 0), int(high.end_pos or 0)

    def number_list(self, items: list[Any]) -> list[tuple[str, int, int]]:
        return [i for i in items if isinstance(i, tuple)]

    @v_args(inline=True)
    def provision(self, chain: Token) -> ProvisionDraft:
        units = read_units(chain)
        return ProvisionDraft(units[0].start, units[-1].end, units)

    def bare_provision(self, items: list[Any]) -> ProvisionDraft:
        numbers = items[0]
        head = UnitDraft("bare", numbers[0][1], numbers[-1][2], numbers)
        chain = items[1] if len(items) > 1 else None
        units = [head, *(read_units(chain) if chain is not None else ())]
        return ProvisionDraft(head.start, units[-1].end, units, bare_only=len(units) == 1)

    def provisions(self, items: list[Any]) -> Segment:
        drafts = [i for i in items if isinstance(i, ProvisionDraft)]
        return Segment("provisions", drafts[0].start, drafts[-1].end, drafts)

    # ---- acts -----------------------------------------------------------------------------

    def act(self, tokens: list[Token]) -> Segment:
        if any(t.type == "ACT_DATED" for t in tokens):
            tokens = [part for t in tokens for part in (_split_act_dated(t) if t.type == "ACT_DATED" else (t,))]
        head = tokens[0]
        tokens = _trim(tokens)
        start, end = _tok_span(tokens)
        parts = tokens[1:]
        kind = act_kind(head)
        types = [t.type for t in parts]
        w_sprawie = types.index("W_SPRAWIE") if "W_SPRAWIE" in types else None
        limit = w_sprawie if w_sprawie is not None else len(parts)
        # an ustawa's date comes right after its name; a resolution's after its number and issuer
        date_index = next((i for i, t in enumerate(parts[:limit]) if t.type == "DATE"
                           and (kind not in ("ustawa", "kodeks", "konstytucja") or i <= 1)), None)
        date = read_date(str(parts[date_index])) if date_index is not None else None
        number = next((_ACT_NUMBER.sub("", str(t)) for t in parts[:limit] if t.type in ("ACT_ID", "NR")), None)
        title, issuer = act_title_and_issuer(head, parts, kind, date_index, w_sprawie, end)
        if kind == "ustawa" and title is not None and _title_starts_with_code(parts, title[0]):
            kind = "kodeks"  # ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego
        draft = ActDraft(
            kind, start, end, date, title, issuer, number,
            nominative=str(head) in ("Uchwała", "UCHWAŁA"),
            has_w_sprawie=w_sprawie is not None,
        )
        return Segment("act", start, end, draft)

    def title_tail(self, tokens: list[Token]) -> Segment:
        tokens = _trim(tokens)
        start, end = _tok_span(tokens)
        return Segment("title_tail", start, end)

    @v_args(inline=True)
    def link(self, tok: Token) -> Segment:
        return Segment("link", int(tok.start_pos or 0), int(tok.end_pos or 0))

    @v_args(inline=True)
    def stop(self, tok: Token) -> Segment:
        return Segment("stop", int(tok.start_pos or 0), int(tok.end_pos or 0))

    # ---- references -------------------------------------------------------------------------

    def compact(self, tokens: list[Token]) -> RefItem:
        numbers = [_located(t) for t in tokens if t.type in ("COMPACT", "NUMBER")]
        return ("compact", numbers, numbers[0][1], numbers[-1][2])

    def references(self, items: list[Any]) -> Segment:
        parts: list[RefItem] = []
        for item in items:
            if isinstance(item, TOKEN_TYPES) and item.type.startswith("PAREN_"):
                item = _unbracketed(item)
            if not isinstance(item, TOKEN_TYPES):
                parts.append(item)
            elif item.type in ("ISSUE", "NR_ISSUE"):
                parts.extend(read_issue(str(item), int(item.start_pos or 0)))
            elif item.type == "JOURNAL_ISSUE":
                parts.extend(read_journal_issue(item))
            elif item.type in _JOURNALS:
                parts.append(("journal", journal_name(item.type, str(item)), *_span_of(item)))
            elif item.type in ("YEAR_BARE", "YEAR_LOST"):
                year = None if item.type == "YEAR_LOST" else _first_int(str(item))
                parts.append(("year", year, *_span_of(item)))
            elif item.type == "DATE":
                d = read_date(str(item))
                year = d.year if d else _first_int(str(item)[-10:])
                parts.append(("year", year, int(item.start_pos or 0), int(item.end_pos or 0)))
            else:
                parts.append((item.type, str(item), int(item.start_pos or 0), int(item.end_pos or 0)))
        return read_references(parts)


# One part of a reference list: (kind, value, start, end). The kinds: "journal" (its normalised
# name), "year" (an int, None when the digits were lost), "NR" and other terminals (the token's
# text), "positions" and "compact" (their numbers as (text, start, end)).
RefItem = tuple[str, Any, int, int]


_JOURNALS = ("JOURNAL_DU", "JOURNAL_MP", "JOURNAL_VOIV")


def _span_of(tok: Token) -> tuple[int, int]:
    return int(tok.start_pos or 0), int(tok.end_pos or 0)


def _unbracketed(tok: Token) -> Token:
    """A PAREN_X token ("(t.j. ") as the X token after its bracket and blanks ("t.j. ")."""
    text = str(tok)
    inner = text[1:].lstrip()
    start = int(tok.start_pos or 0) + len(text) - len(inner)
    return Token(tok.type[len("PAREN_"):], inner, start_pos=start, end_pos=tok.end_pos)


def _located(tok: Token) -> tuple[str, int, int]:
    return str(tok), int(tok.start_pos or 0), int(tok.end_pos or 0)


# The journal a REF_* token (a journal with its issue) starts with
def read_journal_issue(tok: Token) -> list[RefItem]:
    """A JOURNAL_ISSUE token as its journal and the parts of its issue: ``Dz. U. z 2016 r. poz. 446``."""
    text, base = str(tok), int(tok.start_pos or 0)
    for kind, regex in patterns.JOURNALS.items():  # noqa: B007 (the journals never overlap: one matches)
        if (m := regex.match(text)) is not None:
            break
    else:
        raise BrokenPromise(f"no journal at the start of {text!r}")  # the grammar promises one
    journal: RefItem = ("journal", journal_name(kind, m[0]), base, base + m.end())
    return [journal, *read_issue(text, base, m.end())]


def read_issue(text: str, base: int, start: int = 0) -> list[RefItem]:
    """The parts of an ISSUE / NR_ISSUE token's text (from ``start``), as the reference reader takes
    them; ``base`` is the token's offset in the window.

    ``z 2001 r. Nr 142, poz. 1591, 1592`` -> year 2001, NR "Nr 142", positions (poz. 1591, 1592).
    """
    parts: list[RefItem] = []
    for m in patterns.ISSUE_PART.finditer(text, start):
        start, end = base + m.start(), base + m.end()
        if m["year"] is not None:
            parts.append(("year", _first_int(m[0]), start, end))
        elif m["nr"] is not None:
            parts.append(("NR", m[0], start, end))
        else:
            numbers = [(n[0], base + n.start(), base + n.end())
                       for n in patterns.POSITION.finditer(text, m.start(), m.end())]
            parts.append(("positions", numbers, start, end))
    return parts


def read_references(items: list[RefItem]) -> Segment:
    """Read a reference list left to right: journal, year and Nr carry over to the positions.

    ``Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002 r. Nr 23, poz. 220, Nr 62, poz. 558``
    gives (2001, 142, 1591), (2002, 23, 220), (2002, 62, 558).
    """
    block = RefBlock(0, 0, [])
    journal: str | None = None
    year: int | None = None
    year_slot = False
    emitted_since_year = False
    nr: int | None = None
    nr_span: tuple[int, int] | None = None
    nr_used = True
    trailing_year: int | None = None
    trailing_slot = False
    saw_nr = False
    first: int | None = None
    last = 0
    entry_start: int | None = None  # where the reference now being read began ("Dz. U. z 2024 r. ...")

    def emit(position: int | None, start: int, end: int) -> None:
        nonlocal emitted_since_year, trailing_year, trailing_slot, entry_start
        if entry_start is not None and entry_start <= start:
            start = entry_start
        entry_start = None
        block.pubs.append(PubDraft(journal, year, nr, position, start, end, year_slot))
        emitted_since_year = True
        trailing_year, trailing_slot = None, False

    def flush_nr() -> None:
        nonlocal nr_used
        if not nr_used and nr_span is not None:
            emit(None, *nr_span)
        nr_used = True

    for kind, value, start, end in items:
        first = start if first is None else first
        last = max(last, end)
        if kind in ("journal", "NR"):
            flush_nr()  # a Nr still waiting for its position is a reference of its own
        if kind in ("journal", "year", "NR") and entry_start is None:
            entry_start = start
        if kind == "journal":
            # the same journal named again inside one list keeps the year ("t.j. Dz.U. z 1996 r. Nr 13
            # poz. 74 ze zm.: Dz.U. Nr 58, poz. 261"); another journal starts without one
            if value != journal and (emitted_since_year or not year_slot):
                year, year_slot = None, False
            journal = value
            block.has_journal = True
            nr = None
        elif kind == "year":
            # "Nr 13 z 1996 roku poz. 74": a Nr still waiting for its position keeps it
            year = value
            year_slot, emitted_since_year = True, False
            trailing_year, trailing_slot = year, True
            if nr_used:
                nr = None
        elif kind == "NR":
            nr, nr_span, nr_used, saw_nr = _first_int(value), (start, end), False, True
        elif kind == "positions":
            for text, p_start, p_end in value:
                emit(_first_int(text), p_start, p_end)
            nr_used = True
        elif kind == "compact":
            (head, h_start, h_end), *more = value
            numbers = [int(n) for n in _DIGITS.findall(head)]
            flush_nr()
            if len(numbers) == 3:
                y, nr, pos = numbers
            else:
                y, pos = numbers
                nr = None
            year = y + (1900 if y >= 30 else 2000) if y < 100 else y
            year_slot = True
            emit(pos, h_start, h_end)
            for text, p_start, p_end in more:
                emit(_first_int(text), p_start, p_end)
            nr_used = True
        elif kind == "CONSOLIDATED":
            block.consolidated = True
        elif kind == "AMENDED":
            block.amended = True
    flush_nr()
    # "Dz. U. Nr 142, poz. 1591 z 2001 r.": a year after the last position belongs to the
    # positions before it that had no year slot of their own.
    if trailing_slot:
        for pub in block.pubs:
            if not pub.year_slot:
                pub.year, pub.year_slot = trailing_year, True
    if not block.has_journal:
        # "tj. Nr 13 z 1996 roku poz. 74": a list without a journal name is Dziennik Ustaw, but only
        # when it reads like one (the consolidated flag and a Nr); a bare "Poz. 545", a portal's
        # "Rok: 2012 nr 0" or a municipal gazette "MRMG z 2004 r., Nr 45 poz. 242" is not.
        if saw_nr and block.consolidated:
            for pub in block.pubs:
                pub.journal = identifiers.DZIENNIK_USTAW
        else:
            block.continuation = True  # only as the tail of a list just before it ("... poz. 1806 /z 2003r. Nr 80")
    block.start, block.end = first or 0, last
    return Segment("references", block.start, block.end, block)


# ---------------------------------------------------------------------------------------------
# Stage 2: linking drafts into citations
# ---------------------------------------------------------------------------------------------

# Text allowed between a provision list and the act it belongs to ("art. 5 i ustawy", "art. 5, ustawy")
_GAP_TO_ACT = re.compile(r"[\s,;–—\"”'-]*(?:(?:i|oraz|lub)\s*)?", re.IGNORECASE)
# Text allowed between an act and its reference list ("ustawy ... (t.j. Dz. U.", " / Dz. U.")
_GAP_TO_REFS = re.compile(r"[\s(\[/,:;‘’'\"„”]*")


@dataclass
class _Draft:
    act: ActDraft | None
    provisions: list[ProvisionDraft]
    start: int
    end: int
    pubs: list[PubDraft] = field(default_factory=list)
    consolidated: bool = False
    amended: bool = False
    related_to: int | None = None


def split_provision(draft: ProvisionDraft) -> list[tuple[int, int, list[UnitDraft]]]:
    """Cited units of one provision chain, as (start, end, units).

    ``art. 7 i 18 pkt. 1`` -> "art. 7", "18 pkt. 1"; ``art. 109 i 124`` -> "art. 109", "124";
    ``art. 12 pkt 2 i 31 ust. 5`` -> "art. 12 pkt 2", "31 ust. 5"; ``ust. 1 i 2 pkt 12`` stays whole.
    """
    units = draft.units
    head = units[0]
    pieces: list[tuple[int, int, list[UnitDraft]]] = []
    start = draft.start
    current: list[UnitDraft] = []
    if len(head.numbers) > 1 and not draft.bare_only:
        for i, (text, n_start, n_end) in enumerate(head.numbers[:-1]):
            # the first piece keeps the keyword ("art. 7"); the next ones are their numbers ("18")
            piece_start = start if i == 0 else n_start
            pieces.append((piece_start, n_end, [UnitDraft(head.name, piece_start, n_end, [(text, n_start, n_end)])]))
        last = head.numbers[-1]
        start = last[1]
        current = [UnitDraft(head.name, last[1], last[2], [last])]
    else:
        current = [head]
    for i, unit in enumerate(units[1:], start=1):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and len(unit.numbers) > 1 and UNIT_DEPTH[nxt.name] < UNIT_DEPTH[unit.name]:
            before, last = unit.numbers[:-1], unit.numbers[-1]
            current.append(UnitDraft(unit.name, unit.start, before[-1][2], before))
            pieces.append((start, before[-1][2], current))
            start = last[1]
            current = [UnitDraft(head.name if head.name != "bare" else "bare", last[1], last[2], [last])]
        else:
            current.append(unit)
    pieces.append((start, current[-1].end, current))
    return pieces


def _provision_models(source: Source, offset: int, drafts: list[ProvisionDraft]) -> tuple[Provision, ...]:
    out: list[Provision] = []
    text = source.text
    for draft in drafts:
        for start, end, units in split_provision(draft):
            parts = tuple(
                ProvisionPart(
                    span=source.span(offset + u.start, offset + u.end),
                    unit=u.name,
                    numbers=tuple(clean(text[offset + n[1]: offset + n[2]]) if n[0] is None else n[0]
                                  for n in u.numbers),
                )
                for u in units
            )
            a, b = offset + start, offset + end
            out.append(Provision(span=source.span(a, b), text=clean(text[a:b]), parts=parts))
    return tuple(out)


def _publication(source: Source, offset: int, pub: PubDraft) -> Publication:
    journal = pub.journal or identifiers.DZIENNIK_USTAW
    voivodeship, code = (None, None)
    if journal not in (identifiers.DZIENNIK_USTAW, identifiers.MONITOR_POLSKI):
        voivodeship, code = identifiers.voivodeship_of(journal)
    eli = identifiers.eli_of(journal, pub.year, pub.position)
    return Publication(
        span=source.span(offset + pub.start, offset + pub.end),
        journal=journal,
        year=pub.year,
        nr=pub.nr,
        position=pub.position,
        voivodeship=voivodeship,
        publisher_code=code,
        eli=eli,
        eli_url=identifiers.eli_url_of(eli),
        isap_id=identifiers.isap_id_of(journal, pub.year, pub.nr, pub.position),
    )


def _act_model(source: Source, offset: int, act: ActDraft) -> Act:
    text = source.text

    def phrase(span: tuple[int, int] | None) -> str | None:
        if span is None:
            return None
        value = clean(text[offset + span[0]: offset + span[1]]).strip(" ,;:–—-")
        return value or None

    return Act(
        span=source.span(offset + act.start, offset + act.end),
        kind=act.kind,
        date=act.date,
        title=phrase(act.title),
        issuer=phrase(act.issuer),
        number=act.number,
    )


def _at_line_start(window: str, start: int) -> bool:
    """Nothing but whitespace before ``start`` on its line."""
    return not window[window.rfind("\n", 0, start) + 1: start].strip()


def assemble(
    source: Source, offset: int, window: str, segments: list[Segment], *, legal_basis: bool = False
) -> list[Citation]:
    """Link the segments of one window into citations (spans absolute in ``source.text``).

    Provisions belong to the act right after them; a reference list to the act right before it
    (or, with none, forms an act-less citation); "w związku z" links a citation to the previous one.
    A document's own header ("Uchwała Nr ... (Dz. U. Woj. ...)" at a line's start, or anywhere in a
    legal basis, which cites acts in the genitive) yields nothing, its reference included.
    """
    for seg in segments:
        if seg.kind == "act":
            act_draft: ActDraft = seg.value
            act_draft.header = act_draft.nominative and (legal_basis or _at_line_start(window, seg.start))
    drafts: list[_Draft] = []
    pending: list[ProvisionDraft] = []
    current: _Draft | None = None  # the citation a following reference list would belong to
    link_from: int | None = None
    for seg in segments:
        if seg.kind == "provisions":
            provs: list[ProvisionDraft] = seg.value
            if current is not None:
                current = None
                pending = []
            # "Na podstawie:\n1) art. 18 …; 2) art. 6 …": a bare "1)" enumerates the list, it cites nothing
            pending.extend(p for p in provs if not (p.bare_only and window.startswith(")", p.end)))
        elif seg.kind == "act":
            act: ActDraft = seg.value
            mine = [p for p in pending if not p.bare_only]
            if pending and _GAP_TO_ACT.fullmatch(window, pending[-1].end, seg.start):
                mine = pending
            elif pending and not _GAP_TO_ACT.fullmatch(window, pending[-1].end, seg.start):
                mine = []
            start = mine[0].start if mine else seg.start
            current = _Draft(act, mine, start, seg.end)
            if link_from is not None and not act.header:
                current.related_to = link_from
            link_from = None
            drafts.append(current)
            pending = []
        elif seg.kind == "references":
            block: RefBlock = seg.value
            attach = current is not None and (
                not current.pubs
                or _GAP_TO_REFS.fullmatch(window, current.end, block.start) is not None
            )
            if block.continuation:
                if current is None or not current.pubs or not _GAP_TO_REFS.fullmatch(
                        window, current.end, block.start):
                    continue
                for pub in block.pubs:
                    pub.journal = current.pubs[-1].journal
            if not block.pubs:
                if attach and current is not None and block.amended:
                    current.amended = True
                    current.end = max(current.end, block.end)
                continue
            if not attach or current is None:
                # "art. 5 (Dz. U. ...)": provisions right before an act-less reference are its own
                near = [p for p in pending if not p.bare_only]
                if near and not _GAP_TO_REFS.fullmatch(window, near[-1].end, block.start):
                    near = []
                current = _Draft(None, near, near[0].start if near else block.start, block.end)
                drafts.append(current)
                pending = []
            current.pubs.extend(block.pubs)
            current.consolidated |= block.consolidated
            current.amended |= block.amended
            current.end = max(current.end, block.end)
        elif seg.kind == "title_tail":
            if current is not None and current.act is not None and not current.act.has_w_sprawie \
                    and current.act.kind != "ustawa":
                current.act.title = (seg.start, seg.end)
                current.act.has_w_sprawie = True
                current.act.end = seg.end  # the act's text now runs over its reference to its title
                current.end = max(current.end, seg.end)
        elif seg.kind == "link":
            if current is not None and current.act is not None and not current.act.header:
                link_from = drafts.index(current)
        elif seg.kind == "stop":
            current = None
            pending = []
            link_from = None

    citations: list[Citation] = []
    index_of: dict[int, int] = {}
    for i, d in enumerate(drafts):
        if d.act is not None and d.act.header:
            continue
        pubs = list(d.pubs)
        if d.act is not None and d.act.date is not None:
            for p in pubs:
                if not p.year_slot:
                    p.year = d.act.date.year
        index_of[i] = len(citations)
        citations.append(
            Citation(
                span=source.span(offset + d.start, offset + d.end),
                act=_act_model(source, offset, d.act) if d.act is not None else None,
                provisions=_provision_models(source, offset, d.provisions),
                publications=tuple(_publication(source, offset, p) for p in pubs),
                consolidated=d.consolidated,
                amended=d.amended,
                related_to=index_of.get(d.related_to) if d.related_to is not None else None,
            )
        )
    return citations
