"""Grammar rules → typed models. One method per grammar rule, nothing else.

Positions from Lark are offsets into the parsed window; the window's offset (``reading``) turns them
into offsets of the original input. Sections that need the whole document to be placed (signature,
attachments, uzasadnienie) come out as small markers that ``structure`` puts together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NamedTuple

from lark import Token, Transformer, v_args

from uchwaly_parser.grammar import TOKEN_TYPES
from uchwaly_parser.models.base import Node, Span
from uchwaly_parser.models.document import (
    DateNode,
    EnactingClause,
    Header,
    IssuingBody,
    LegalBasis,
    Litera,
    Number,
    Paragraf,
    Punkt,
    Rozdzial,
    Text,
    Tiret,
    Title,
    Ustep,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source
from uchwaly_parser.values import body_tier, read_date, read_number

# The date that closes an attachment's heading: "z dnia 6 czerwca 2014 r.", "z dnia 28.09.2006"
_HEADING_DATE = re.compile(r"z\s+dnia\s+\S.*?(?:\d{4}\s*(?:r\.?|roku)?)\s*$|z\s+dnia\s*\.{2,}\s*$")
# A title that ends on a name's abbreviation keeps its dot ("Spółka z o.o.", "Nowy Dwór Maz."); a
# sentence's full stop goes, after a word or a common abbreviation alike ("na 2012 rok.", "2023 r.")
_ABBREVIATION_END = re.compile(r"(?:(?<![^\W\d_])[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]{0,3}|[^\W\d_]\.[^\W\d_])\.$")
@dataclass(frozen=True)
class SignatureBlock:
    """The role keyword and the text lines after it; ``structure`` splits them into role and name."""

    role: Token
    role_text: Text
    lines: tuple[Text, ...]
    span: Span


@dataclass(frozen=True)
class EnactingLead:
    """The body an inverted enacting clause names before the legal basis ("Rada Miejska w X, działając …")."""

    body: str
    span: Span


class BodyName(NamedTuple):
    """The council an enacting clause names ("Rada Gminy Krzykosy"), and its first token."""

    name: str
    first: Token


@dataclass(frozen=True)
class SectionStart:
    """Where a załącznik or the uzasadnienie begins; the units after it belong to it."""

    kind: str  # "zalacznik" | "uzasadnienie"
    heading: Text
    content: tuple[Text, ...] = ()


# The input the parse in progress reads, and where its window starts in it. The builder runs inside
# the LALR parse (one shared instance), so what differs per parse comes from here.
_READING: ContextVar[tuple[Source, int]] = ContextVar("reading")


@contextmanager
def reading(source: Source, offset: int) -> Iterator[None]:
    """Let the builder locate what the parser reads: ``source.text[offset:]`` is the parsed window."""
    token = _READING.set((source, offset))
    try:
        yield
    finally:
        _READING.reset(token)


@v_args(inline=True)
class TreeBuilder(Transformer[Token, Any]):
    """Runs inside the LALR parse (``Lark(transformer=...)``): no parse tree is built and walked
    again, and spans come from the tokens themselves, so the parser keeps no position metadata."""

    # -- locating -----------------------------------------------------------

    @property
    def source(self) -> Source:
        return _READING.get()[0]

    def _span(self, start: Token | Node, end: Token | Node) -> Span:
        """From the start of ``start`` to the end of ``end`` (tokens or built nodes)."""
        source, offset = _READING.get()
        first = start.span.start if isinstance(start, Node) else offset + start.start_pos  # type: ignore[operator]
        last = end.span.end if isinstance(end, Node) else offset + end.end_pos  # type: ignore[operator]
        return source.span(first, last)

    def _text_of(self, token: Token) -> Text:
        return Text(span=self._span(token, token), text=clean(token.value))

    # -- header -------------------------------------------------------------

    def header(self, keyword: Token, *parts: Any) -> Header:
        found: dict[str, Any] = {}
        for part in parts:
            found.setdefault(type(part).__name__, part)
        return Header(
            span=self._span(keyword, parts[-1] if parts else keyword),
            number=found.get("Number"),
            body=found.get("IssuingBody"),
            date=found.get("DateNode"),
            title=found.get("Title"),
        )

    def number(self, token: Token) -> Number:
        span = self._span(token, token)  # "as printed": from the input itself, its no-break spaces kept
        return Number(span=span, raw=self.source.text[span.start : span.end], value=read_number(token.value))

    def issuing_body(self, token: Token) -> IssuingBody:
        text = clean(token.value).rstrip(" .,")
        return IssuingBody(span=self._span(token, token), text=text, tier=body_tier(text))

    def date(self, token: Token) -> DateNode:
        return DateNode(span=self._span(token, token), text=clean(token.value), value=read_date(token.value))

    def title(self, prefix: Token | None, lead: Token, words: Token) -> Title:
        """ "w sprawie nadania nazwy placowi": the subject is the words after the lead ("w sprawie"), without
        a colon or a table cell's border the lead did not take ("w sprawie⏎: …", "W sprawie | … |")."""
        subject = clean(words.value)
        if "|" not in lead.value:
            if ":" not in lead.value:
                subject = subject.removeprefix(":").lstrip()
            subject = subject.removeprefix("|").lstrip()
        return self._title(prefix, lead, words, lead.value + words.value, subject)

    def title_without_subject(self, prefix: Token | None, lead: Token) -> Title:
        return self._title(prefix, lead, lead, lead.value, "")

    def bare_title(self, subject: Token) -> Title:
        """ "o nadaniu tytułu …", "zmieniająca uchwałę budżetową …": the whole title is the subject."""
        return self._title(None, subject, subject, subject.value, clean(subject.value))

    def _title(self, prefix: Token | None, first: Token, last: Token, words: str, subject: str) -> Title:
        subject = subject.rstrip(" |")
        if subject.endswith(".") and not _ABBREVIATION_END.search(subject):
            subject = subject[:-1]  # the title's full stop, not an abbreviation's ("z o.o.", "Maz.")
        whole = clean((prefix.value + " " if prefix else "") + words)
        return Title(span=self._span(prefix or first, last), text=whole, subject=subject.strip() or None)

    def header_noise(self, token: Token) -> Token:
        return token  # a BIP counter or portal label: inside the header's span, in no field

    # -- legal basis and enacting clause ----------------------------------------

    def legal_basis(self, lead: Token, text: Token | None, *lines: Token) -> LegalBasis:
        # its citations are read with the whole document's (parser.py), so the block is read once
        span = self._span(lead, lines[-1] if lines else text or lead)
        return LegalBasis(span=span, text=clean(self.source.readable[span.start : span.end]))

    def enacting_lead(self, token: Token) -> EnactingLead:
        return EnactingLead(body=clean(token.value).rstrip(" ,"), span=self._span(token, token))

    def enacting_body(self, name: Token, aside: Token | None) -> BodyName:
        words = name.value.lstrip(" \t\r\n,–-")
        if name.type == "BODY_NAME_SPACED":  # "R a d a  G m i n y": letters one blank apart, words further
            words = "".join(letter or " " for letter in words.split(" "))
        return BodyName(clean(words), name)

    def enacting_clause(self, body: BodyName | None, verb: Token, tail: Token | None = None) -> EnactingClause:
        words = clean(verb.value).lstrip(",–- ")
        if words.casefold().endswith(" się") and not words.endswith(" się"):
            words = words[:-4]  # "UCHWALA SIĘ": the verb as the clause's other forms give it, "UCHWALA"
        return EnactingClause(
            span=self._span(body.first if body else verb, tail or verb), body=body.name if body else None, verb=words
        )

    # -- units --------------------------------------------------------------

    def _content(self, children: tuple[Any, ...]) -> tuple[Any, ...]:
        """Text tokens become Text models; nodes pass through."""
        return tuple(self._text_of(c) if isinstance(c, TOKEN_TYPES) else c for c in children)

    def _unit(self, cls: type[Any], marker: Token, content: tuple[Any, ...], number: str | None) -> Any:
        return cls(span=self._span(marker, content[-1] if content else marker), number=number,
                   content=self._content(content))

    @staticmethod
    def _number(marker: Token) -> str:
        """The number of a §, ustęp or punkt marker: its digits and letter, which is all the terminal lets
        it hold besides "§", "par.", blanks, quotes, "." and ")": "§ 2a." → "2a", "par. 1" → "1",
        "§ 1 „a”" → "1a", "12)" → "12"."""
        return "".join(filter(str.isalnum, marker.value.removeprefix("par.")))

    def paragraf(self, marker: Token, *content: Any) -> Paragraf:
        return self._unit(Paragraf, marker, content, self._number(marker))  # type: ignore[no-any-return]

    def ustep(self, marker: Token, *content: Any) -> Ustep:
        return self._unit(Ustep, marker, content, self._number(marker))  # type: ignore[no-any-return]

    def punkt(self, marker: Token, *content: Any) -> Punkt:
        return self._unit(Punkt, marker, content, self._number(marker))  # type: ignore[no-any-return]

    def litera(self, marker: Token, *content: Any) -> Litera:
        return self._unit(Litera, marker, content, marker.value.rstrip(")"))  # type: ignore[no-any-return]

    def tiret(self, marker: Token, *content: Any) -> Tiret:
        return self._unit(Tiret, marker, content, None)  # type: ignore[no-any-return]

    def rozdzial(self, marker: Token) -> Rozdzial:
        return self._unit(Rozdzial, marker, (), marker.value.split()[-1].rstrip("."))  # type: ignore[no-any-return]

    # -- closing parts ------------------------------------------------------

    def signature(self, role: Token, *lines: Token) -> SignatureBlock:
        span = self._span(role, lines[-1] if lines else role)
        return SignatureBlock(role=role, role_text=self._text_of(role), lines=self._content(lines), span=span)

    def zalacznik(self, marker: Token, *tokens: Token) -> SectionStart:
        lines: tuple[Text, ...] = self._content(tokens)
        # The heading runs to the date of the resolution it belongs to ("… z dnia 6 czerwca 2014 r."),
        # or to the end of its first line; what follows is the attachment's own text.
        first = self._span(marker, marker)
        ends = [i for i, line in enumerate(lines[:4]) if _HEADING_DATE.search(line.text)]
        size = ends[0] + 1 if ends else sum(1 for line in lines if line.span.line == first.line)
        span = self._span(marker, lines[size - 1] if size else marker)
        words = clean(self.source.text[span.start : span.end])
        return SectionStart(kind="zalacznik", heading=Text(span=span, text=words), content=lines[size:])

    def uzasadnienie(self, marker: Token) -> SectionStart:
        return SectionStart(kind="uzasadnienie", heading=self._text_of(marker))

    def start(self, header: Header, *rest: Any) -> tuple[Any, ...]:
        return (header, *self._content(rest))
