"""uchwaly_parser: Polish local-government resolutions (uchwały) as typed, located trees.

    >>> from uchwaly_parser import parse
    >>> resolution = parse(text)
    >>> resolution.header.number.value, [p.number for p in resolution.paragrafy()]
"""

from __future__ import annotations

from uchwaly_parser.citations import Citation, Publication, extract_citations
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Diagnostic, Resolution
from uchwaly_parser.parser import parse, parse_all

__all__ = [
    "Citation", "Diagnostic", "ParseError", "Publication", "Resolution", "extract_citations", "parse", "parse_all",
]
