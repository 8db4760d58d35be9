"""Citations as the plain dicts of the summary record (``legal_basis_acts``, ``publications_all``).

The shapes are those of ``../shared/corpus/GOLD_SCHEMA.md``.
"""

from __future__ import annotations

from typing import Any

from uchwaly_parser.citations.models import Citation, Publication


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
