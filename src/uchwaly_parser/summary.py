"""The one-line summary record of a parsed resolution (the fields ../shared/corpus/GOLD_SCHEMA.md defines)."""

from __future__ import annotations

from typing import Any

from uchwaly_parser.citations import act_summary, publication_summary
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.structure import paragraf_numbers


def summary(resolution: Resolution, file: str) -> dict[str, Any]:
    """The summary record of one file, with exactly the keys the scorer reads, in a fixed order."""
    header = resolution.header
    signature = resolution.signature
    legal_basis = resolution.legal_basis
    return {
        "file": file,
        "projekt": resolution.projekt,
        "number": header.number.value if header.number else None,
        "body": header.body.text if header.body else None,
        "date": header.date.value.isoformat() if header.date and header.date.value else None,
        "subject": header.title.subject if header.title else None,
        "enacting_body": resolution.enacting_clause.body if resolution.enacting_clause else None,
        "legal_basis_acts": [act_summary(c) for c in legal_basis.citations] if legal_basis else [],
        "publications_all": [publication_summary(p) for p in resolution.publications()],
        "paragraphs": paragraf_numbers(resolution.body),
        "signature": {"role": signature.role, "name": signature.name} if signature else None,
        "has_justification": resolution.uzasadnienie is not None,
    }
