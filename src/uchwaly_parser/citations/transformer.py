"""The citation grammar's rules -> frozen drafts (``citations.drafts``), one method per rule.

It runs inside the LALR parse (``Lark(transformer=...)``): each rule's draft is made when the rule
is reduced, so no parse tree is built and no second pass walks one. It keeps no state, so one
instance serves every window; what needs the window's text (which act a provision belongs to, a
reference list's act) is the linker's (``citations.linker``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from lark import Token, Transformer, v_args

from uchwaly_parser.citations import coarse
from uchwaly_parser.citations.coarse import first_int, journal_name
from uchwaly_parser.citations.drafts import (
    ActDraft,
    CompactPart,
    Extent,
    FlagPart,
    JournalPart,
    Link,
    NrPart,
    Number,
    Position,
    ProvisionDraft,
    Provisions,
    References,
    RefPart,
    Segment,
    Stop,
    TitleTail,
    UnitDraft,
    YearPart,
)
from uchwaly_parser.citations.references import read_references
from uchwaly_parser.grammar import TOKEN_TYPES, terminals
from uchwaly_parser.models.citations import ActKind
from uchwaly_parser.values import read_date

# Participles that end the name of a statute and start the act that adopted it:
# "Statutu Gminy Szczecinek przyjętego uchwałą Nr VII/50/2003"
# (the grammar's _STATUTE_END, where a WORD run stops; here in any letter case)
_STATUTE_END = re.compile(terminals("citations").patterns["_STATUTE_END"], re.IGNORECASE)
_ACT_NUMBER = re.compile(r"^[Nn][Rr]\.?\s*")

_TRAILING_JUNK = {"COMMA", "CONJ", "DASH", "DOT", "NSEP", "RANGE", "OTHER", "SEMI", "COLON"}
# An opening quote cannot end a title: "o samorządzie gminnym ‘(Dz.U. ...".
_OPENING_QUOTES = {"‘", "„", "«", ",,", "'"}
# An act's date as a date: the same few are cited again and again ("z dnia 8 marca 1990 r.")
_date = functools.lru_cache(maxsize=1024)(read_date)


def _start(tok: Token) -> int:
    return int(tok.start_pos or 0)


def _end(tok: Token) -> int:
    return int(tok.end_pos or 0)


def _extent(tokens: Sequence[Token]) -> Extent:
    """From the first token's start to the last one's end."""
    return Extent(_start(tokens[0]), _end(tokens[-1]))


def _trim(tokens: list[Token]) -> list[Token]:
    """Without the punctuation and conjunctions a title cannot end with."""
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


def act_title_and_issuer(
    head: Token, parts: list[Token], kind: ActKind, date_index: int | None, w_sprawie: int | None, end: int
) -> tuple[Extent | None, Extent | None]:
    """An act's title and issuer. The title drops the kind word; a regulation's or a resolution's
    title is its "w sprawie ..." phrase; a statute's is its name ("Statutu Gminy X")."""
    if head.type in ("KODEKS_ABBR", "KODEKS_KW"):  # k.p.a. | Kodeksu cywilnego
        return _extent([head, *parts]), None
    if str(head).lower().startswith("statut"):
        if w_sprawie is not None:
            return Extent(_start(parts[w_sprawie]), end), None
        stop = next((i for i, t in enumerate(parts)
                     if t.type in ("ACT_KW", "DATE", "ACT_ID", "NR")
                     or (t.type == "WORD" and _STATUTE_END.match(str(t)))), len(parts))
        return _extent([head, *parts[:stop]]), None
    if kind == "konstytucja" and date_index:  # Konstytucji Rzeczypospolitej Polskiej z dnia ...
        return _extent(parts[:date_index]), None
    if kind in ("ustawa", "konstytucja"):
        rest = parts[date_index + 1:] if date_index is not None else parts
        while rest and rest[0].type in ("DASH", "COMMA", "COLON"):
            rest = rest[1:]
        return (_extent(rest) if rest else None), None
    title: Extent | None = None
    if w_sprawie is not None:
        title = Extent(_start(parts[w_sprawie]), end)
    elif date_index is not None and parts[date_index + 1:]:
        title = _extent(parts[date_index + 1:])
    limit = date_index if date_index is not None else (w_sprawie if w_sprawie is not None else len(parts))
    issuer_tokens = [t for t in parts[:limit] if t.type not in ("ACT_ID", "NR")]
    return title, (_extent(issuer_tokens) if issuer_tokens else None)


def _unbracketed(tok: Token) -> Token:
    """A PAREN_X token ("(t.j. ") as the X token after its bracket and blanks ("t.j. ")."""
    text = str(tok)
    inner = text[1:].lstrip()
    return Token(tok.type[len("PAREN_"):], inner, start_pos=_start(tok) + len(text) - len(inner), end_pos=tok.end_pos)


def _ref_parts(tok: Token) -> Sequence[RefPart]:
    """What one token of a reference list says: a journal, a year, a Nr, positions, a flag; nothing
    for its punctuation."""
    match tok.type:
        case "ISSUE" | "NR_ISSUE":
            return coarse.read_issue(str(tok), _start(tok))
        case "JOURNAL_ISSUE":
            return coarse.read_journal_issue(tok)
        case "JOURNAL_DU" | "JOURNAL_MP" | "JOURNAL_VOIV":
            return [JournalPart(journal_name(tok.type, str(tok)), _start(tok), _end(tok))]
        case "YEAR_BARE":
            return [YearPart(first_int(str(tok)), _start(tok), _end(tok))]
        case "YEAR_LOST":
            return [YearPart(None, _start(tok), _end(tok))]
        case "DATE":
            d = _date(str(tok))
            return [YearPart(d.year if d else first_int(str(tok)[-10:]), _start(tok), _end(tok))]
        case "NR":
            return [NrPart(first_int(str(tok)), _start(tok), _end(tok))]
        case "CONSOLIDATED" | "AMENDED":
            return [FlagPart(tok.type == "CONSOLIDATED", tok.type == "AMENDED", _start(tok), _end(tok))]
    return []


class CitationTransformer(Transformer[Token, Any]):
    """One method per grammar rule; each returns a draft (or a plain value for inner rules)."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)

    def start(self, items: list[Any]) -> list[Segment]:
        """The window's segments in order (noise tokens dropped)."""
        return [i for i in items if not isinstance(i, TOKEN_TYPES)]

    # ---- provisions ---------------------------------------------------------------------

    @v_args(inline=True)
    def number(self, tok: Token) -> Number:
        return Number(str(tok), _start(tok), _end(tok))

    @v_args(inline=True)
    def number_range(self, low: Token, _dash: Token, high: Token) -> Number:
        # "1 - 3": the text is read from the window when the models are made
        return Number(None, _start(low), _end(high))

    def number_list(self, items: list[Any]) -> tuple[Number, ...]:
        return tuple([i for i in items if isinstance(i, Number)])

    @v_args(inline=True)
    def provision(self, chain: Token) -> ProvisionDraft:
        units = coarse.read_units(chain)
        return ProvisionDraft(units[0].start, units[-1].end, units)

    @v_args(inline=True)
    def bare_provision(self, numbers: tuple[Number, ...], chain: Token | None = None) -> ProvisionDraft:
        head = UnitDraft("bare", numbers[0].start, numbers[-1].end, numbers)
        units = (head, *(coarse.read_units(chain) if chain is not None else ()))
        return ProvisionDraft(head.start, units[-1].end, units, bare_only=len(units) == 1)

    def provisions(self, items: list[Any]) -> Provisions:
        drafts = tuple([i for i in items if isinstance(i, ProvisionDraft)])
        return Provisions(drafts[0].start, drafts[-1].end, drafts)

    # ---- acts -----------------------------------------------------------------------------

    def act(self, tokens: list[Token]) -> ActDraft:
        if any(t.type == "ACT_DATED" for t in tokens):
            tokens = [part for t in tokens for part in (coarse.split_act_dated(t) if t.type == "ACT_DATED" else (t,))]
        head = tokens[0]
        tokens = _trim(tokens)
        span = _extent(tokens)
        parts = tokens[1:]
        kind = act_kind(head)
        types = [t.type for t in parts]
        w_sprawie = types.index("W_SPRAWIE") if "W_SPRAWIE" in types else None
        limit = w_sprawie if w_sprawie is not None else len(parts)
        # an ustawa's date comes right after its name; a resolution's after its number and issuer
        date_index = next((i for i, t in enumerate(parts[:limit]) if t.type == "DATE"
                           and (kind not in ("ustawa", "kodeks", "konstytucja") or i <= 1)), None)
        date = _date(str(parts[date_index])) if date_index is not None else None
        number = next((_ACT_NUMBER.sub("", str(t)) for t in parts[:limit] if t.type in ("ACT_ID", "NR")), None)
        title, issuer = act_title_and_issuer(head, parts, kind, date_index, w_sprawie, span.end)
        if kind == "ustawa" and title is not None and any(
                t.type == "KODEKS_KW" and _start(t) == title.start for t in parts):
            kind = "kodeks"  # ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego
        return ActDraft(
            kind, span.start, span.end, date, title, issuer, number,
            nominative=str(head) in ("Uchwała", "UCHWAŁA"),
            has_w_sprawie=w_sprawie is not None,
        )

    def title_tail(self, tokens: list[Token]) -> TitleTail:
        span = _extent(_trim(tokens))
        return TitleTail(span.start, span.end)

    @v_args(inline=True)
    def link(self, tok: Token) -> Link:
        return Link(_start(tok), _end(tok))

    @v_args(inline=True)
    def stop(self, tok: Token) -> Stop:
        return Stop(_start(tok), _end(tok))

    # ---- references -------------------------------------------------------------------------

    def compact(self, tokens: list[Token]) -> CompactPart:
        head, *more = tokens[::2]  # COMPACT (NSEP NUMBER)*
        year, nr, position = coarse.read_compact(head)
        positions = (Position(position, _start(head), _end(head)),
                     *(Position(first_int(str(t)), _start(t), _end(t)) for t in more))
        return CompactPart(year, nr, positions, _start(head), _end(tokens[-1]))

    def references(self, items: list[Any]) -> References:
        head = items[0]
        if isinstance(head, TOKEN_TYPES) and head.type.startswith("PAREN_"):  # only a list's head opens a bracket
            items = [_unbracketed(head), *items[1:]]
        parts: list[RefPart] = []
        for item in items:
            if isinstance(item, TOKEN_TYPES):
                parts += _ref_parts(item)
            else:
                parts.append(item)
        start = _start(items[0]) if isinstance(items[0], TOKEN_TYPES) else items[0].start
        end = max([_end(i) if isinstance(i, TOKEN_TYPES) else i.end for i in items])
        return read_references(parts, start, end)
