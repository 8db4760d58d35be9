"""Lark parse tree → typed models. One method per grammar rule, nothing else.

Positions from Lark are offsets into the parsed window; ``offset`` turns them into offsets of the
original input. Sections that need the whole document to be placed (signature, attachments,
uzasadnienie) come out as small markers that ``structure.assemble`` puts together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lark import Token, Transformer, v_args
from lark.tree import Meta

from uchwaly_parser.models.base import Span
from uchwaly_parser.models.document import (
    Content,
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

# The number inside a unit marker: "§ 2a." → "2a", "12)" → "12", "par. 1" → "1", "§ 1 "a"" → "1a"
_MARKER_NUMBER = re.compile(r"(\d+)\s*[\"„]?([a-z]{0,2})[\"”]?")
# The verb of an enacting clause and what stands before it
_ENACTING_VERB = re.compile(
    r"(?<![^\W\d_])(uchwala|u c h w a [lł] a|UCHWALA|postanawia|uchwała)(?![^\W\d_])(\s+się)?"
)
# The date that closes an attachment's heading: "z dnia 6 czerwca 2014 r.", "z dnia 28.09.2006"
_HEADING_DATE = re.compile(r"z\s+dnia\s+\S.*?(?:\d{4}\s*(?:r\.?|roku)?)\s*$|z\s+dnia\s*\.{2,}\s*$")
# Words printed with their letters apart: "R a d a  G m i n y  S i c i e n k o"
_LETTER_SPACED = re.compile(r"\S(?: \S)+(?:\s{2,}\S(?: \S)+)*")


@dataclass(frozen=True)
class SignatureBlock:
    """The role keyword and the text lines after it; ``structure`` splits them into role and name."""

    role: Token
    role_text: Text
    lines: tuple[Text, ...]
    span: Span


@dataclass(frozen=True)
class SectionStart:
    """Where a załącznik or the uzasadnienie begins; the units after it belong to it."""

    kind: str  # "zalacznik" | "uzasadnienie"
    heading: Text
    content: tuple[Text, ...] = ()


@v_args(inline=True, meta=True)
class TreeBuilder(Transformer[Token, Any]):
    def __init__(self, source: Source, offset: int) -> None:
        super().__init__()
        self.source = source
        self.offset = offset

    # -- locating -----------------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        return self.source.span(start + self.offset, end + self.offset)

    def _meta_span(self, meta: Meta) -> Span:
        return self._span(meta.start_pos, meta.end_pos)

    def _token_span(self, token: Token) -> Span:
        assert token.start_pos is not None and token.end_pos is not None
        return self._span(token.start_pos, token.end_pos)

    def _text(self, token: Token) -> Text:
        return Text(span=self._token_span(token), text=clean(token.value))

    # -- header -------------------------------------------------------------

    def header(self, meta: Meta, _keyword: Token, *parts: Any) -> Header:
        found: dict[str, Any] = {}
        for part in parts:
            if part is not None:
                found.setdefault(type(part).__name__, part)
        return Header(
            span=self._meta_span(meta),
            number=found.get("Number"),
            body=found.get("IssuingBody"),
            date=found.get("DateNode"),
            title=found.get("Title"),
        )

    def number(self, meta: Meta, token: Token) -> Number:
        return Number(span=self._token_span(token), raw=token.value, value=read_number(token.value))

    def issuing_body(self, meta: Meta, token: Token) -> IssuingBody:
        text = clean(token.value).rstrip(" .,")
        return IssuingBody(span=self._token_span(token), text=text, tier=body_tier(text))

    def date(self, meta: Meta, token: Token) -> DateNode:
        return DateNode(span=self._token_span(token), text=clean(token.value), value=read_date(token.value))

    def title(self, meta: Meta, prefix: Token | None, subject: Token) -> Title:
        words = clean(subject.value)
        after = re.sub(r"^(?:[-–]\s*)?(?i:w\s+sprawie)\s*:?\s*\|?\s*", "", words).rstrip(" |")
        if after.endswith(".") and not re.search(r"(?<![^\W\d_])[^\W\d_]{1,3}\.$", after):
            after = after[:-1]  # the title's full stop, not an abbreviation's ("z o.o.", "Maz.")
        whole = clean((prefix.value + " " if prefix else "") + subject.value)
        return Title(span=self._meta_span(meta), text=whole, subject=after.strip() or None)

    def header_noise(self, meta: Meta, token: Token) -> None:
        return None

    # -- legal basis and enacting clause ----------------------------------------

    def legal_basis(self, meta: Meta, token: Token) -> LegalBasis:
        # its citations are read with the whole document's (parser.py), so the block is read once
        return LegalBasis(span=self._token_span(token), text=clean(token.value))

    def enacting_clause(self, meta: Meta, token: Token) -> EnactingClause:
        words = token.value
        verb = _ENACTING_VERB.search(words)
        before = words[: verb.start()].strip(" \t\r\n,–-") if verb else ""
        if _LETTER_SPACED.fullmatch(before):  # "R a d a  G m i n y": letters apart, words two spaces apart
            before = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", before))
        body = clean(before)
        return EnactingClause(
            span=self._token_span(token),
            body=body or None,
            verb=clean(verb.group(0)) if verb else clean(words),
        )

    # -- units --------------------------------------------------------------

    def _content(self, children: tuple[Any, ...]) -> tuple[Any, ...]:
        """Text tokens become Text models; nodes pass through."""
        return tuple(self._text(c) if isinstance(c, Token) else c for c in children)

    def _unit(self, cls: type[Any], meta: Meta, marker: Token, content: tuple[Any, ...]) -> Any:
        match = _MARKER_NUMBER.search(marker.value)
        number = (match.group(1) + match.group(2)) if match else marker.value.strip(" .)")
        return cls(span=self._meta_span(meta), number=number, content=self._content(content))

    def paragraf(self, meta: Meta, marker: Token, *content: Content) -> Paragraf:
        return self._unit(Paragraf, meta, marker, content)  # type: ignore[no-any-return]

    def ustep(self, meta: Meta, marker: Token, *content: Content) -> Ustep:
        return self._unit(Ustep, meta, marker, content)  # type: ignore[no-any-return]

    def punkt(self, meta: Meta, marker: Token, *content: Content) -> Punkt:
        return self._unit(Punkt, meta, marker, content)  # type: ignore[no-any-return]

    def litera(self, meta: Meta, marker: Token, *content: Content) -> Litera:
        return Litera(span=self._meta_span(meta), number=marker.value.rstrip(")"), content=self._content(content))

    def tiret(self, meta: Meta, marker: Token, *content: Content) -> Tiret:
        return Tiret(span=self._meta_span(meta), number=None, content=self._content(content))

    def rozdzial(self, meta: Meta, marker: Token) -> Rozdzial:
        number = marker.value.split()[-1].rstrip(".")
        return Rozdzial(span=self._token_span(marker), number=number, content=())

    # -- closing parts ------------------------------------------------------

    def signature(self, meta: Meta, role: Token, *lines: Token) -> SignatureBlock:
        return SignatureBlock(
            role=role, role_text=self._text(role), lines=self._content(lines), span=self._meta_span(meta)
        )

    def zalacznik(self, meta: Meta, marker: Token, *tokens: Token) -> SectionStart:
        lines: tuple[Text, ...] = self._content(tokens)
        # The heading runs to the date of the resolution it belongs to ("… z dnia 6 czerwca 2014 r."),
        # or to the end of its first line; what follows is the attachment's own text.
        ends = [i for i, line in enumerate(lines[:4]) if _HEADING_DATE.search(line.text)]
        size = ends[0] + 1 if ends else sum(1 for line in lines if line.span.line == marker.line)
        end = lines[size - 1].span.end if size else self._token_span(marker).end
        assert marker.start_pos is not None
        span = self.source.span(marker.start_pos + self.offset, end)
        words = clean(self.source.text[span.start : span.end])
        return SectionStart(kind="zalacznik", heading=Text(span=span, text=words), content=lines[size:])

    def uzasadnienie(self, meta: Meta, marker: Token) -> SectionStart:
        return SectionStart(kind="uzasadnienie", heading=self._text(marker))

    def start(self, meta: Meta, header: Header, *rest: Any) -> tuple[Any, ...]:
        return (header, *self._content(rest))
