"""Legal citations: which acts a text cites, which provisions, and where they were published.

    >>> from uchwaly_parser.citations import extract_citations
    >>> [c.act.title for c in extract_citations(
    ...     "art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
    ...     "(Dz. U. z 2024 r. poz. 1465)")]
    ['o samorządzie gminnym']

Pipeline: ``scan.windows`` (prefilter) -> ``grammars/citations.lark`` (LALR, with
``transformer.CitationTransformer`` run inside the parse: frozen drafts of ``drafts``; ``coarse``
reads coarse tokens back into their parts with the regexes of ``patterns``, ``references`` reads a
reference list) -> ``linker`` (which provision and reference belongs to which act) -> the models of
``uchwaly_parser.models.citations``.
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
