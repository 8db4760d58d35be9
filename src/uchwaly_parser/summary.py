"""The one-line summary record of a parsed resolution (the fields tests/fixtures/corpus/GOLD_SCHEMA.md defines)."""

from __future__ import annotations

from typing import Any

from uchwaly_parser.models.citations import Citation, Publication
from uchwaly_parser.query import Document
from uchwaly_parser.structure import paragraf_numbers


def summary(document: Document, file: str) -> dict[str, Any]:
    """The summary record of one file, with exactly the keys the scorer reads, in a fixed order."""
    resolution = document.resolution
    header = resolution.header
    signature = resolution.signature
    return {
        "file": file,
        "projekt": resolution.projekt,
        "number": header.number.value if header.number else None,
        "body": header.body.text if header.body else None,
        "date": header.date.value.isoformat() if header.date and header.date.value else None,
        "subject": header.title.subject if header.title else None,
        "enacting_body": resolution.enacting_clause.body if resolution.enacting_clause else None,
        "legal_basis_acts": [act_summary(c) for c in resolution.legal_basis_citations()],
        "publications_all": [publication_summary(p) for p in document.publications()],
        "paragraphs": paragraf_numbers(resolution.content),
        "signature": {"role": signature.role, "name": signature.name} if signature else None,
        "has_justification": resolution.uzasadnienie is not None,
    }


def publication_summary(pub: Publication) -> dict[str, Any]:
    """``{"journal", "year", "nr", "pos"}``."""
    return {"journal": pub.journal, "year": pub.year, "nr": pub.nr, "pos": pub.position}


def act_summary(citation: Citation) -> dict[str, Any]:
    """``{"kind", "date", "title", "units", "publications", "consolidated", "amended"}``.

    A citation with no named act is kind "other" with date and title null and no units.
    """
    act = citation.act
    return {
        "kind": act.kind if act else "other",
        "date": act.date.isoformat() if act and act.date else None,
        "title": act.title if act else None,
        "units": [p.text for p in citation.provisions] if act else [],
        "publications": [publication_summary(p) for p in citation.publications],
        "consolidated": citation.consolidated,
        "amended": citation.amended,
    }
