"""Legal citations: which acts a text cites, which provisions, and where they were published.

    >>> from uchwaly_parser.citations import extract_citations
    >>> [c.act.title for c in extract_citations(
    ...     "art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
    ...     "(Dz. U. z 2024 r. poz. 1465)")]
    ['o samorządzie gminnym']

Pipeline: ``scan.windows`` (prefilter) -> ``grammars/citations.lark`` (LALR, with
``builder.SegmentBuilder`` run inside the parse; ``patterns`` reads coarse tokens back into their
parts) -> ``builder.assemble`` (linking) -> the models of ``uchwaly_parser.models.citations``.
"""

from __future__ import annotations

from uchwaly_parser.citations.api import document_citations, extract_citations, find_citations, parse_legal_basis
from uchwaly_parser.models.citations import Act, Citation, Provision, ProvisionPart, Publication

__all__ = [
    "Act",
    "Citation",
    "Provision",
    "ProvisionPart",
    "Publication",
    "document_citations",
    "extract_citations",
    "find_citations",
    "parse_legal_basis",
]
