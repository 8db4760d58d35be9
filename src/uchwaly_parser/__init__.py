"""uchwaly_parser: Polish local-government resolutions (uchwały) as typed, located trees.

    >>> from uchwaly_parser import Document, parse
    >>> resolution = parse(text)                # the tree: a frozen value, JSON round-trips
    >>> resolution.header.number.value, [p.number for p in resolution.paragrafy()]
    >>> doc = Document(resolution, text)        # the tree with its text: queries, renderers, diagnose
    >>> doc.find("§ 1 ust. 2"), doc.publications(journal="Dz. U.")

The names below are imported when first used, so that ``import uchwaly_parser.models`` (the tree
alone, for a program that only reads JSON) loads neither Lark nor the grammars, and a one-file run
no process pool.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from uchwaly_parser.citations import extract_citations
    from uchwaly_parser.dataset.pool import iter_rows
    from uchwaly_parser.errors import ParseError
    from uchwaly_parser.files import parse_bytes, parse_file
    from uchwaly_parser.models.citations import Citation, Publication
    from uchwaly_parser.models.document import Diagnostic, Resolution
    from uchwaly_parser.parser import parse, parse_all
    from uchwaly_parser.query import Document

# name -> the module that defines it
_EXPORTS = {
    "Citation": "uchwaly_parser.models.citations",
    "Diagnostic": "uchwaly_parser.models.document",
    "Document": "uchwaly_parser.query",
    "ParseError": "uchwaly_parser.errors",
    "Publication": "uchwaly_parser.models.citations",
    "Resolution": "uchwaly_parser.models.document",
    "extract_citations": "uchwaly_parser.citations",
    "iter_rows": "uchwaly_parser.dataset.pool",
    "parse": "uchwaly_parser.parser",
    "parse_all": "uchwaly_parser.parser",
    "parse_bytes": "uchwaly_parser.files",
    "parse_file": "uchwaly_parser.files",
}

__all__ = [
    "Citation", "Diagnostic", "Document", "ParseError", "Publication", "Resolution", "__version__", "extract_citations",
    "iter_rows", "parse", "parse_all", "parse_bytes", "parse_file",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'uchwaly_parser' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
