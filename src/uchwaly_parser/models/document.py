"""The document tree: a resolution and everything it is made of.

Naming rule, one meaning per name across the tree, the citations, JSON, AKN and the summary:

- units carry the names the drafting rules give them (paragraf, ustep, punkt, litera, tiret,
  rozdzial, zalacznik, uzasadnienie), without diacritics, as identifiers: a node's ``kind`` and a
  cited provision's ``ProvisionPart.unit`` use the same names ("artykul" for a cited article);
- a value read from the text keeps its Polish word as written, diacritics too: ``Act.kind``
  ("rozporządzenie", as the gold schema has it) and ``IssuingBody.tier`` ("województwo");
- "body" is the council only (``Header.body``, ``EnactingClause.body``, the summary's ``body`` and
  ``enacting_body``); what a resolution enacts is its ``content``, as a unit's is;
- everything else is plain English.

Every node has a span into the ORIGINAL input; ``text`` values are ``normalize.clean`` of it.
"""

from __future__ import annotations

import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from uchwaly_parser.models.base import Node, Span
from uchwaly_parser.models.citations import Citation


class Text(Node):
    """A run of plain text: the words of a unit, a heading, a paragraph of the uzasadnienie."""

    kind: Literal["text"] = "text"
    text: str


class Unit(Node):
    """A numbered unit of a legal text. ``content`` holds its own text and sub-units in order:
    text before the first sub-unit is its intro, text after the last one its część wspólna."""

    # How a legal path writes this kind of unit, as in "§ 3 ust. 2 pkt 1 lit. a tiret 2", "rozdz. 2"
    abbreviation: ClassVar[str]

    number: str | None = Field(description="as printed, e.g. '2a'; None where the text lost it")
    content: tuple[Content, ...] = ()
    inferred: bool = Field(default=False, description="the marker was lost in the source and inferred")

    def own_text(self) -> str:
        """The unit's own words (intro and część wspólna), without its sub-units."""
        words = ""
        previous_end = None
        for node in self.content:
            if isinstance(node, Text):
                glue = "" if previous_end == node.span.start or not words else " "
                words += glue + node.text
                previous_end = node.span.end
        return words


class Rozdzial(Unit):
    """A chapter ("Rozdział 1", "DZIAŁ II"); its first text is the heading."""

    kind: Literal["rozdzial"] = "rozdzial"
    abbreviation = "rozdz."


class Paragraf(Unit):
    kind: Literal["paragraf"] = "paragraf"
    abbreviation = "§"


class Ustep(Unit):
    kind: Literal["ustep"] = "ustep"
    abbreviation = "ust."


class Punkt(Unit):
    kind: Literal["punkt"] = "punkt"
    abbreviation = "pkt"


class Litera(Unit):
    kind: Literal["litera"] = "litera"
    abbreviation = "lit."


class Tiret(Unit):
    kind: Literal["tiret"] = "tiret"
    abbreviation = "tiret"


Content = Annotated[Text | Rozdzial | Paragraf | Ustep | Punkt | Litera | Tiret, Field(discriminator="kind")]

Tier = Literal["gmina", "miasto", "powiat", "województwo"]


class Number(Node):
    """The resolution's number: ``value`` normalised (inner spaces removed), None for a placeholder."""

    raw: str
    value: str | None


class IssuingBody(Node):
    """The body in the genitive as printed in the header ("Rady Gminy Krzykosy")."""

    text: str
    tier: Tier | None


class DateNode(Node):
    """A date as written and, where it can be read, its value."""

    text: str
    value: datetime.date | None


class Title(Node):
    """The title: the whole of it as written, and the subject (what follows "w sprawie")."""

    text: str
    subject: str | None


class Header(Node):
    number: Number | None = None
    body: IssuingBody | None = None
    date: DateNode | None = None
    title: Title | None = None


class LegalBasis(Node):
    """The "Na podstawie …" block and the acts it cites: ``citation_ids`` are their ids (positions)
    in ``Resolution.citations``, one per act, in order; ``Resolution.legal_basis_citations()`` reads them."""

    text: str
    citation_ids: tuple[int, ...] = ()


class EnactingClause(Node):
    """ "Rada Gminy X uchwala, co następuje:": the body in the nominative (None if impersonal) and verb."""

    body: str | None
    verb: str


class Signature(Node):
    role: str | None
    name: str | None


class Zalacznik(Node):
    kind: Literal["zalacznik"] = "zalacznik"
    number: str | None
    heading: Text
    content: tuple[Content, ...] = ()


class Uzasadnienie(Node):
    kind: Literal["uzasadnienie"] = "uzasadnienie"
    heading: Text
    content: tuple[Content, ...] = ()


class JournalPage(Node):
    """The official journal this copy was printed in, read from its masthead or page headers."""

    journal: str
    year: int | None
    position: int | None


Severity = Literal["error", "warning", "info"]


class Diagnostic(Node):
    """Something the parser had to guess or skip, pointing at the text concerned."""

    code: str
    severity: Severity
    message: str


# The version of the tree's JSON form: raised when a field is renamed, removed or changes meaning
# (CHANGELOG.md says what changed); JSON of another version does not validate as a Resolution.
SchemaVersion = Literal["2"]
SCHEMA_VERSION: SchemaVersion = "2"


class Resolution(Node):
    """One resolution (uchwała): the root of the tree."""

    schema_version: SchemaVersion = Field(default=SCHEMA_VERSION, description="the version of this JSON form")
    kind: Literal["resolution"] = "resolution"
    projekt: bool = Field(description="the text is a draft ('projekt')")
    prelude: Text | None = Field(default=None, description="what stands before the title: website furniture")
    header: Header
    legal_basis: LegalBasis | None = None
    enacting_clause: EnactingClause | None = None
    content: tuple[Content, ...] = Field(default=(), description="the units (§§, chapters) and text of the resolution")
    signature: Signature | None = None
    attachments: tuple[Zalacznik, ...] = ()
    uzasadnienie: Uzasadnienie | None = None
    trailer: tuple[Content, ...] = Field(
        default=(), description="what follows the signature and is neither attachment nor uzasadnienie"
    )
    citations: tuple[Citation, ...] = Field(
        default=(), description="every citation in the document, each once, in order; a citation's id is its position"
    )
    journal: JournalPage | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    source_sha256: str | None = Field(
        default=None, description="SHA-256 (hex, of its UTF-8) of the input the spans point into; a Document checks it"
    )

    def legal_basis_citations(self) -> tuple[Citation, ...]:
        """The acts the legal basis cites, one citation per act, in order (none without a legal basis)."""
        return tuple(self.citations[i] for i in self.legal_basis.citation_ids) if self.legal_basis else ()

    def paragrafy(self) -> tuple[Paragraf, ...]:
        """The top-level § units of the resolution (chapters looked into, attachments not)."""
        return paragrafy(self.content)


def paragrafy(content: tuple[Content, ...] | list[Content]) -> tuple[Paragraf, ...]:
    """The § units of a body or section in order, looking into chapters."""
    found: list[Paragraf] = []
    for node in content:
        if isinstance(node, Paragraf):
            found.append(node)
        elif isinstance(node, Rozdzial):
            found.extend(paragrafy(node.content))
    return tuple(found)


def texts(node: Content) -> tuple[Text, ...]:
    """Every run of text of a node and of its sub-units, in order (a Text is its own only one)."""
    if isinstance(node, Text):
        return (node,)
    return tuple(t for child in node.content for t in texts(child))


for _model in (Rozdzial, Paragraf, Ustep, Punkt, Litera, Tiret, Zalacznik, Uzasadnienie, Resolution):
    _model.model_rebuild()

__all__ = [
    "SCHEMA_VERSION", "Content", "DateNode", "Diagnostic", "EnactingClause", "Header", "IssuingBody", "JournalPage",
    "LegalBasis", "Litera", "Number", "Paragraf", "Punkt", "Resolution", "Rozdzial", "Signature", "Span",
    "Text", "Tiret", "Title", "Unit", "Ustep", "Uzasadnienie", "Zalacznik", "paragrafy", "texts",
]
