"""The citation grammar's rules -> typed drafts (``citations.drafts``), one method per rule.

It runs inside the LALR parse (``Lark(transformer=...)``): each rule's draft is made when the rule
is reduced, so no parse tree is built and no second pass walks one. It keeps no state, so one
instance serves every window; what needs the window's text (which act a provision belongs to, a
reference list's act) is the linker's (``citations.linker``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

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
from uchwaly_parser.grammar import TOKEN_TYPES
from uchwaly_parser.models.citations import ActKind
from uchwaly_parser.values import read_date

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


# The kind of act its name's token says
KINDS: dict[str, ActKind] = {
    "USTAWA_KW": "ustawa", "KONSTYTUCJA_KW": "konstytucja", "KODEKS_KW": "kodeks",
    "ROZPORZADZENIE_KW": "rozporządzenie", "UCHWALA_KW": "uchwała", "OTHER_ACT_KW": "other",
    "STATUT_KW": "uchwała",  # a charter is adopted by a resolution
}
_NUMBERED = ("ACT_ID", "NR")


# The tokens of one part of an act: its issuer, its title, what follows its date, ...
Words = tuple[Token, ...]
# What one part of a reference list says: "Dz. U. z 2016 r. poz. 446" is a journal, a year, positions
Parts = tuple[RefPart, ...]


class Dated(NamedTuple):
    """An act's date (a DATE token) and the words after it, up to its "w sprawie" subject."""

    date: Token
    after: tuple[Token, ...] = ()

    @property
    def tokens(self) -> tuple[Token, ...]:
        return (self.date, *self.after)


def _number(tokens: Sequence[Token]) -> str | None:
    """An act's own number: the first "Nr ..." before its "w sprawie" ("Nr XXIV/373/12" -> "XXIV/373/12")."""
    for tok in tokens:
        if tok.type == "W_SPRAWIE":
            return None
        if tok.type in _NUMBERED:
            return str(tok)[2:].removeprefix(".").lstrip()
    return None


def _act_end(head: Token, tokens: list[Token]) -> int:
    """Where an act ends: at its last token but the punctuation and conjunctions after its words."""
    return _end(_trim([head, *tokens])[-1])


def _act(head: Token, kind: ActKind, end: int, tokens: list[Token], dated: Dated | None, title: Extent | None,
         issuer: Extent | None = None) -> ActDraft:
    """The draft of an act named by ``head``, ending at ``end``, whose other tokens are ``tokens``."""
    return ActDraft(
        kind, _start(head), end, _date(str(dated.date)) if dated else None, title, issuer, _number(tokens),
        nominative=str(head) in ("Uchwała", "UCHWAŁA"), has_w_sprawie=any(t.type == "W_SPRAWIE" for t in tokens),
    )


def _kept(tokens: Sequence[Token], end: int) -> list[Token]:
    """The tokens that end by ``end`` (an act's end, after its trailing punctuation is dropped)."""
    return [t for t in tokens if _end(t) <= end]


def _chain(tok: Token) -> ProvisionDraft:
    """A provision chain (one UNITS token): "art. 18 ust. 2 pkt 15"."""
    units = coarse.read_units(tok)
    return ProvisionDraft(units[0].start, units[-1].end, units)


class RefGroup(NamedTuple):
    """A group of a reference list (its lead, a publication): its parts, from ``start`` to ``end``."""

    parts: tuple[RefPart, ...]
    start: int
    end: int


def _year(tok: Token) -> Sequence[RefPart]:
    return [YearPart(first_int(str(tok)), _start(tok), _end(tok))]


def _lost_year(tok: Token) -> Sequence[RefPart]:  # "Dz.U r. Nr 197": the year's digits lost
    return [YearPart(None, _start(tok), _end(tok))]


def _date_year(tok: Token) -> Sequence[RefPart]:  # "Dz. U. z 2016-05-01 poz. 5": a date for a year
    d = _date(str(tok))
    return [YearPart(d.year if d else first_int(str(tok)[-10:]), _start(tok), _end(tok))]


def _nr(tok: Token) -> Sequence[RefPart]:
    return [NrPart(first_int(str(tok)), _start(tok), _end(tok))]


def _journal(tok: Token) -> Sequence[RefPart]:
    return [JournalPart(journal_name(tok.type, str(tok)), _start(tok), _end(tok))]


def _flag(tok: Token) -> Sequence[RefPart]:
    return [FlagPart(tok.type == "CONSOLIDATED", tok.type == "AMENDED", _start(tok), _end(tok))]


# What each token of a reference list says (a journal, a year, a Nr, positions, a flag), by its type;
# its punctuation ("," | ";" | "i" | "zm." | "[1]") says nothing
_REF_PARTS: dict[str, Callable[[Token], Sequence[RefPart]]] = {
    "ISSUE": lambda tok: coarse.read_issue(str(tok), _start(tok)),
    "NR_ISSUE": lambda tok: coarse.read_issue(str(tok), _start(tok)),
    "JOURNAL_ISSUE": coarse.read_journal_issue,
    "JOURNAL_DU": _journal, "JOURNAL_MP": _journal, "JOURNAL_VOIV": _journal,
    "YEAR_BARE": _year, "YEAR_LOST": _lost_year, "DATE": _date_year, "NR": _nr,
    "CONSOLIDATED": _flag, "AMENDED": _flag,
}


def _group(items: list[Any]) -> RefGroup:
    """The parts of a group's tokens (a compact reference comes read), its span with its punctuation."""
    head = items[0]
    if isinstance(head, TOKEN_TYPES) and head.type.startswith("PAREN_"):  # only a list's head opens a bracket
        items = [_unbracketed(head), *items[1:]]
    parts: list[RefPart] = []
    end = 0
    for item in items:
        if isinstance(item, TOKEN_TYPES):
            read = _REF_PARTS.get(item.type)
            if read is not None:
                parts += read(item)
            end = max(end, _end(item))
        else:
            parts += item
            end = max(end, item[-1].end)
    head = items[0]
    return RefGroup(tuple(parts), _start(head) if isinstance(head, TOKEN_TYPES) else head[0].start, end)


def _unbracketed(tok: Token) -> Token:
    """A PAREN_X token ("(t.j. ") as the X token after its bracket and blanks ("t.j. ")."""
    text = str(tok)
    inner = text[1:].lstrip()
    return Token(tok.type[len("PAREN_"):], inner, start_pos=_start(tok) + len(text) - len(inner), end_pos=tok.end_pos)


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
    def bare_provision(self, numbers: tuple[Number, ...], chain: Token | None) -> ProvisionDraft:
        head = UnitDraft("bare", numbers[0].start, numbers[-1].end, numbers)
        units = (head, *(coarse.read_units(chain) if chain is not None else ()))
        return ProvisionDraft(head.start, units[-1].end, units, bare_only=len(units) == 1)

    def provisions(self, items: list[Any]) -> Provisions:
        """The provisions of a list: each UNITS token a chain of units, a bare one as read (PSEP between)."""
        drafts = tuple([_chain(i) if isinstance(i, TOKEN_TYPES) else i for i in items
                        if not isinstance(i, TOKEN_TYPES) or i.type == "UNITS"])
        return Provisions(drafts[0].start, drafts[-1].end, drafts)

    # ---- acts -----------------------------------------------------------------------------

    # A statute, a constitution, a code: dated right after its name, or after the one word before the date.

    @v_args(inline=True)
    def statute(self, head: Token, date: Token, title: Words | None) -> ActDraft:
        return self._statute(head, None, Dated(date), title)

    @v_args(inline=True)
    def statute_word_dated(self, head: Token, word: Token, date: Token, title: Words | None) -> ActDraft:
        return self._statute(head, word, Dated(date), title)

    @v_args(inline=True)
    def undated_statute(self, head: Token, title: Words | None) -> ActDraft:
        return self._statute(head, None, None, title)

    def _statute(self, head: Token, word: Token | None, dated: Dated | None, title: Words | None) -> ActDraft:
        words = title or ()
        tokens = [*((word,) if word is not None else ()), *(dated.tokens if dated else ()), *words]
        kind, end = KINDS[head.type], _act_end(head, tokens)
        if kind == "kodeks":  # Kodeksu cywilnego: its name is its title
            return _act(head, kind, end, tokens, dated, Extent(_start(head), end))
        if kind == "konstytucja" and word is not None:  # Konstytucji Rzeczypospolitej Polskiej z dnia ...
            return _act(head, kind, end, tokens, dated, _extent([word]))
        rest = _kept(words, end)
        while rest and rest[0].type in ("DASH", "COMMA", "COLON"):  # ustawy z dnia ... – Kodeks ...
            rest = rest[1:]
        if rest and kind == "ustawa" and rest[0].type == "KODEKS_KW":
            kind = "kodeks"  # ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego
        return _act(head, kind, end, tokens, dated, _extent(rest) if rest else None)

    def act_title(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    def undated_title(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    # A regulation, a resolution, an announcement: issuer, date, "w sprawie" subject.

    @v_args(inline=True)
    def issued_act(self, head: Token, issuer: Words | None, dated: Dated | None, subject: Words | None) -> ActDraft:
        before = issuer or ()
        tokens = [*before, *(dated.tokens if dated else ()), *(subject or ())]
        end = _act_end(head, tokens)
        if subject is not None:  # its title is its "w sprawie ..." subject
            title: Extent | None = Extent(_start(subject[0]), end)
        else:  # or the words after its date
            after = _kept(dated.after, end) if dated is not None else []
            title = _extent(after) if after else None
        # its issuer: the words before its date, but its number
        issued_by = [t for t in _kept(before, end) if t.type not in _NUMBERED]
        return _act(head, KINDS[head.type], end, tokens, dated, title, _extent(issued_by) if issued_by else None)

    def issuer(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    @v_args(inline=True)
    def dated(self, date: Token, after: Words | None) -> Dated:
        return Dated(date, after or ())

    def after_date(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    def subject(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    # A charter: its name is its title, up to the act that adopted it.

    @v_args(inline=True)
    def charter(self, head: Token, name: Words | None, adoption: Words | None, dated: Dated | None,
                subject: Words | None) -> ActDraft:
        named = name or ()
        tokens = [*named, *(adoption or ()), *(dated.tokens if dated else ()), *(subject or ())]
        end = _act_end(head, tokens)
        # its title: its "w sprawie" subject ("w sprawie uchwalenia Statutu Gminy Kowala"), else its name
        # up to the act that adopted it ("Statutu Gminy Szczecinek")
        title = Extent(_start(subject[0]), end) if subject is not None else _extent([head, *_kept(named, end)])
        return _act(head, KINDS[head.type], end, tokens, dated, title)

    def charter_name(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    def adoption(self, tokens: list[Token]) -> Words:
        return tuple(tokens)

    @v_args(inline=True)
    def code_abbr(self, abbr: Token) -> ActDraft:
        """k.p.a. | k.c.: a code named by its abbreviation."""
        span = Extent(_start(abbr), _end(abbr))
        return ActDraft("kodeks", span.start, span.end, None, span, None, None, nominative=False)

    def title_tail(self, tokens: list[Token]) -> TitleTail:
        span = _extent(_trim(tokens))
        return TitleTail(span.start, span.end)

    @v_args(inline=True)
    def link(self, tok: Token) -> Link:
        return Link(_start(tok), _end(tok))

    @v_args(inline=True)
    def stop(self, tok: Token) -> Stop:
        return Stop(_start(tok), _end(tok))

    # ---- references: a list's lead and publications, each read into its parts (RefPart) --------

    def lead(self, items: list[Any]) -> RefGroup:
        """What comes before a list's first journal: "t.j." | "Nr 13 z 1996 roku poz. 74"."""
        return _group(items)

    def publication(self, items: list[Any]) -> RefGroup:
        """A journal and the issues and flags after it: "Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002 r. ..."."""
        return _group(items)

    paren_publication = publication

    def compact(self, tokens: list[Token]) -> Parts:
        head, *more = tokens[::2]  # COMPACT (NSEP NUMBER)*
        year, nr, position = coarse.read_compact(head)
        positions = (Position(position, _start(head), _end(head)),
                     *(Position(first_int(str(t)), _start(t), _end(t)) for t in more))
        return (CompactPart(year, nr, positions, _start(head), _end(tokens[-1])),)

    def references(self, groups: list[RefGroup]) -> References:
        """A list's groups read as one: journal, year and Nr carry over from one group to the next."""
        parts = [part for group in groups for part in group.parts]
        return read_references(parts, groups[0].start, max(group.end for group in groups))
