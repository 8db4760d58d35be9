"""The resolution written back as text: lossless (the input itself) and canonical (drafting-rule form).

Lossless: ``coverage`` cuts the input into pieces, each owned by the deepest node whose span holds
it, or layout (white space, table borders) between spans, or the prelude before the resolution's
title (website furniture the locator skipped). It checks as it goes that every span lies inside its
parent's and after its previous sibling's, and that the pieces tile the input without gap or
overlap; ``render_lossless`` joins the pieces, so the input comes back character for character
or ``LosslessError`` says which span broke the promise.

Canonical: the form the drafting rules prescribe, one unit a line::

    UCHWAŁA NR XI/69/2015
    RADY GMINY KRZYKOSY
    z dnia 29 października 2015 r.
    w sprawie …

    Na podstawie art. 18 ust. 2 pkt 15 ustawy … (Dz. U. z 2015 r. poz. 1515) …
    Rada Gminy Krzykosy uchwala, co następuje:

    § 1. Ustala się …
    1. …
    1) …
    a) …
    – …

Journal references are respelled ``Dz. U. z 2024 r. poz. 1465`` (``Nr 142, poz. 1591`` for old ones,
``poz. 40, 572 i 1463`` for several, ``oraz z 2018 r. …`` for several years) where the respelling
reads back to the same references; otherwise they are kept as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from uchwaly_parser.citations import Citation, Publication, extract_citations
from uchwaly_parser.lexicon import words
from uchwaly_parser.models.base import Node
from uchwaly_parser.models.document import (
    DateNode,
    EnactingClause,
    Header,
    LegalBasis,
    Litera,
    Number,
    Paragraf,
    Punkt,
    Resolution,
    Rozdzial,
    Signature,
    Text,
    Tiret,
    Title,
    Unit,
    Ustep,
    Uzasadnienie,
    Zalacznik,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.query import Document, children

__all__ = [
    "LosslessError", "Piece", "coverage", "enacting_line", "node_lines", "plain_text", "render_canonical",
    "render_lossless", "starting_within", "unit_marker",
]

PieceKind = Literal["node", "layout", "prelude", "trailer"]

# Characters that only lay text out: white space of any kind and the cell borders of HTML tables.
_LAYOUT = re.compile(r"[\s\u00a0\u00ad\u200b\ufeff|]*")


def starting_within(starts: list[int], start: int, end: int) -> range:
    """The indices of the items that start in ``[start, end)``, given their sorted ``starts``.

    Renderers look up the journal references inside each piece of text this way: a scan of every
    reference for every piece made them quadratic on reference-dense documents.
    """
    return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))


class LosslessError(ValueError):
    """The tree's spans do not tile the input: a span out of bounds, outside its parent or overlapping."""


@dataclass(frozen=True)
class Piece:
    """``text[start:end]``: owned by ``node`` (kind "node"), layout between spans, or text outside the
    resolution: the prelude before its title, the trailer after its last node."""

    start: int
    end: int
    kind: PieceKind
    node: Node | None


def coverage(document: Document) -> tuple[Piece, ...]:
    """The input cut into pieces that tile the document's text exactly, each attributed to a node or
    to layout.

    Raises ``LosslessError`` when a span lies outside the input or its parent, or overlaps a sibling.
    """
    resolution, text = document.resolution, document.text
    pieces: list[Piece] = []
    root = resolution.span
    if not 0 <= root.start <= root.end <= len(text):
        raise LosslessError(f"the resolution's span {root.start}–{root.end} lies outside the input ({len(text)})")
    _outside(text, 0, root.start, pieces, "prelude")
    end = _cover(resolution, text, pieces)
    _outside(text, end, len(text), pieces, "trailer")
    return tuple(pieces)


def _outside(text: str, start: int, end: int, pieces: list[Piece], kind: PieceKind) -> None:
    if start < end:
        layout = _LAYOUT.fullmatch(text, start, end) is not None
        pieces.append(Piece(start, end, "layout" if layout else kind, None))


def _cover(node: Node, text: str, pieces: list[Piece]) -> int:
    """Cut ``node``'s span into pieces; returns the offset reached (past its span only by layout)."""
    cursor = node.span.start
    for child in children(node):
        span = child.span
        # A child may overhang its parent by layout only (a last line's trailing spaces).
        overhang = span.end > node.span.end and not _LAYOUT.fullmatch(text, node.span.end, span.end)
        if span.start < cursor or overhang or span.end < span.start or span.end > len(text):
            raise LosslessError(
                f"{type(child).__name__} at line {span.line}, column {span.column} ({span.start}–{span.end}) "
                f"does not fit inside {type(node).__name__} {node.span.start}–{node.span.end} after offset {cursor}"
            )
        _own(node, text, cursor, span.start, pieces)
        cursor = _cover(child, text, pieces)
    _own(node, text, cursor, node.span.end, pieces)
    return max(cursor, node.span.end)


def _own(node: Node, text: str, start: int, end: int, pieces: list[Piece]) -> None:
    """Characters of ``node`` that none of its children holds: markers ("§ 1."), keywords, layout."""
    if start < end:
        layout = _LAYOUT.fullmatch(text, start, end) is not None
        pieces.append(Piece(start, end, "layout" if layout else "node", None if layout else node))


def render_lossless(document: Document, *, node: Node | None = None) -> str:
    """The input text, rebuilt from the pieces of ``coverage``: equal to the document's text character
    for character.

    With ``node``, only that subtree's text. Raises ``LosslessError`` when the spans do not tile the input.
    """
    text = document.text
    pieces = coverage(document)
    cursor = 0
    for piece in pieces:
        if piece.start != cursor:
            raise LosslessError(f"the pieces leave a gap or overlap at offset {cursor}")
        cursor = piece.end
    if cursor != len(text):
        raise LosslessError(f"the pieces end at {cursor}, the input at {len(text)}")
    if node is not None:
        return "".join(text[p.start : p.end] for p in pieces if node.span.start <= p.start and p.end <= node.span.end)
    return "".join(text[p.start : p.end] for p in pieces)


# ------------------------------------------------------------- canonical ---

MONTHS = words("MONTH_GENITIVE")  # in calendar order
TIRET = "–"


def render_canonical(document: Document, *, node: Node | None = None) -> str:
    """The resolution in drafting-rule form (see the module docstring), ending with a newline.

    Journal references are respelled from their spans in the document's text. With ``node``, only
    that subtree.
    """
    resolution = document.resolution
    speller = _Speller(resolution, document.text)
    if node is not None and node is not resolution:
        return "\n".join(node_lines(node, speller)) + "\n"
    blocks: list[list[str]] = [_header_lines(resolution)]
    opening: list[str] = []
    if resolution.legal_basis:
        opening.append(speller.words(resolution.legal_basis.span.start, resolution.legal_basis.span.end))
    if resolution.enacting_clause:
        clause = enacting_line(resolution.enacting_clause)
        # "… (Dz. U. …) uchwala się, co następuje:" is one sentence with the legal basis.
        if resolution.enacting_clause.body is None and opening:
            opening[-1] += " " + clause
        else:
            opening.append(clause)
    blocks.append(opening)
    for part in children(resolution):
        if isinstance(part, Header | LegalBasis | EnactingClause):
            continue
        lines = node_lines(part, speller)
        # Text or units of the body run together; sections (signature, attachments) stand apart.
        if isinstance(part, Signature | Zalacznik | Uzasadnienie) or not blocks[-1] or blocks[-1] is opening:
            blocks.append(lines)
        else:
            blocks[-1].extend(lines)
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"


def _header_lines(resolution: Resolution) -> list[str]:
    header = resolution.header
    lines = ["projekt"] if resolution.projekt else []
    lines.append(_title_line(header.number))
    if header.body:
        lines.append(header.body.text)
    if header.date:
        lines.append(_date(header.date))
    if header.title:
        lines.append(header.title.text)
    return lines


def _title_line(number: Number | None) -> str:
    if number is None:
        return "UCHWAŁA"
    if number.value is None:  # a placeholder ("NR ……", "Nr XXVI.      .2020") is printed as it stands
        return f"UCHWAŁA {number.raw.strip()}"
    return f"UCHWAŁA NR {number.value}"


def _date(date: DateNode) -> str:
    if date.value is None:
        return date.text
    return f"z dnia {date.value.day} {MONTHS[date.value.month - 1]} {date.value.year} r."


def enacting_line(clause: EnactingClause) -> str:
    """The enacting clause in its canonical wording: "Rada Gminy X uchwala, co następuje:"."""
    verb = clause.verb
    if "co nast" not in verb:
        verb += ", co następuje:"
    return f"{clause.body} {verb}" if clause.body else verb


def plain_text(node: Node) -> str:
    """The words of a subtree as one line each unit: "§ 1. Ustala się:", "1) stawkę …".

    For a Text it is its text; for the resolution it is the canonical rendering of its body parts.
    """
    return "\n".join(node_lines(node))


def node_lines(node: Node, speller: _Speller | None = None) -> list[str]:
    """The canonical lines of one subtree: a unit's marker and own words on one line, sub-units after."""
    if isinstance(node, Text | LegalBasis):
        return [speller.words(node.span.start, node.span.end) if speller else node.text]
    if isinstance(node, Resolution):
        return [line for part in children(node) for line in node_lines(part, speller)]
    if isinstance(node, Header):
        return [line for line in (_title_line(node.number), node.body.text if node.body else None,
                                  _date(node.date) if node.date else None, node.title.text if node.title else None)
                if line]
    if isinstance(node, Number):
        return [_title_line(node)]
    if isinstance(node, DateNode):
        return [_date(node)]
    if isinstance(node, Title):
        return [node.text]
    if isinstance(node, EnactingClause):
        return [enacting_line(node)]
    if isinstance(node, Signature):
        return [line for line in (node.role, node.name) if line]
    if isinstance(node, Zalacznik | Uzasadnienie):
        lines = [node.heading.text, *(line for child in node.content for line in node_lines(child, speller))]
        # A bare "Załącznik" heading is one only with its "do uchwały …" on the same line.
        if isinstance(node, Zalacznik) and " " not in node.heading.text and node.content and isinstance(
            node.content[0], Text
        ):
            lines[:2] = [f"{lines[0]} {lines[1]}"]
        return lines
    if isinstance(node, Unit):
        return _unit_lines(node, speller)
    return [getattr(node, "text", "")]


def unit_marker(unit: Unit) -> str:
    """The drafting-rule marker of a unit: "§ 1.", "1.", "1)", "a)", "–", "Rozdział 1"."""
    number = unit.number or "?"
    if isinstance(unit, Paragraf):
        return f"§ {number}."
    if isinstance(unit, Ustep):
        return f"{number}."
    if isinstance(unit, Punkt | Litera):
        return f"{number})"
    if isinstance(unit, Tiret):
        return TIRET
    assert isinstance(unit, Rozdzial)
    return f"Rozdział {number}"


def _unit_lines(unit: Unit, speller: _Speller | None) -> list[str]:
    """The marker and the intro on the first line, then each sub-unit, then each later text."""
    lines: list[str] = []
    head = [unit_marker(unit)]
    for child in unit.content:
        if isinstance(child, Text) and not lines:
            head.append(node_lines(child, speller)[0])
            continue
        if not lines:
            lines.append(" ".join(w for w in head if w))
        lines.extend(node_lines(child, speller))
    if not lines:
        lines.append(" ".join(w for w in head if w))
    # "§ 1. 1. Ustala się …": a § without words of its own opens its first ustęp on its own line.
    if isinstance(unit, Paragraf) and len(head) == 1 and unit.content and isinstance(unit.content[0], Ustep):
        lines[:2] = [f"{lines[0]} {lines[1]}"]
    return lines


# ------------------------------------------------------ journal spellings ---


class _Speller:
    """Clean words of any stretch of the input, with journal references respelled canonically."""

    def __init__(self, resolution: Resolution, text: str) -> None:
        self.text = text
        self.groups = sorted(
            (g for c in _citations(resolution) if (g := _group(text, c)) is not None), key=lambda g: g[0]
        )
        self.starts = [g[0] for g in self.groups]

    def words(self, start: int, end: int) -> str:
        """``clean`` of ``text[start:end]`` with every reference group inside it respelled."""
        out: list[str] = []
        cursor = start
        for i in starting_within(self.starts, start, end):
            g_start, g_end, spelling = self.groups[i]
            if g_start >= cursor and g_end <= end:
                out.append(self.text[cursor:g_start])
                out.append(spelling)
                cursor = g_end
        out.append(self.text[cursor:end])
        return clean("".join(out))


def _citations(resolution: Resolution) -> Iterator[Citation]:
    return (citation for citation in resolution.citations if citation.publications)


def _group(text: str, citation: Citation) -> tuple[int, int, str] | None:
    """(start, end, canonical spelling) of the parenthesis holding a citation's journal references,
    or None when they stand in no parenthesis of their own or the respelling would read differently."""
    pubs = citation.publications
    if any(p.year is None or p.position is None for p in pubs):
        return None
    first, last = pubs[0].span.start, pubs[-1].span.end
    opening = text.rfind("(", max(0, first - 200), first)
    closing = text.find(")", last, last + 80)
    if opening < 0 or closing < 0 or ")" in text[opening:first] or "(" in text[last:closing]:
        return None
    spelling = "(" + ("t.j. " if citation.consolidated else "") + spell(pubs)
    spelling += (" z późn. zm." if citation.amended else "") + ")"
    # Respell only what reads back the same, in isolation: the proof is the citation grammar itself.
    again = [c for c in extract_citations(spelling) if c.publications]
    if len(again) != 1 or [_key(p) for p in again[0].publications] != [_key(p) for p in pubs]:
        return None
    if (again[0].consolidated, again[0].amended) != (citation.consolidated, citation.amended):
        return None
    return opening, closing + 1, spelling


def _key(pub: Publication) -> tuple[str, int | None, int | None, int | None]:
    return (pub.journal, pub.year, pub.nr, pub.position)


def spell(pubs: Iterable[Publication]) -> str:
    """Journal references in drafting-rule spelling: "Dz. U. z 2023 r. poz. 40, 572 i 1463 oraz z 2024 r.
    poz. 5", "Dz. U. z 2001 r. Nr 142, poz. 1591"; references of another journal follow after "; "."""
    journals: list[tuple[str, list[tuple[int | None, list[Publication]]]]] = []
    for pub in pubs:
        if not journals or journals[-1][0] != pub.journal:
            journals.append((pub.journal, []))
        years = journals[-1][1]
        if not years or years[-1][0] != pub.year:
            years.append((pub.year, []))
        years[-1][1].append(pub)
    parts = []
    for journal, years in journals:
        spelled = [f"z {year} r. {_positions(group)}" for year, group in years]
        parts.append(f"{journal} " + " oraz ".join(spelled))
    return "; ".join(parts)


def _positions(pubs: list[Publication]) -> str:
    if all(p.nr is None for p in pubs):
        return "poz. " + _and([str(p.position) for p in pubs])
    return _and([f"Nr {p.nr}, poz. {p.position}" if p.nr is not None else f"poz. {p.position}" for p in pubs])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " i " + items[-1]
