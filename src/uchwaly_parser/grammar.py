"""Cached factory for the Lark parsers built from the .lark files in ``grammars/``.

The grammars live at the repository root and ship inside the wheel as ``uchwaly_parser/grammars``;
an editable install reads them from the source tree.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lark import Lark


def grammar_dir() -> Path:
    """The folder holding the .lark files: inside the installed package, else the source tree."""
    packaged = Path(str(resources.files("uchwaly_parser"))) / "grammars"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "grammars"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"grammar files not found in {packaged} or {source_tree}")


@functools.cache
def get_parser(grammar: str, start: str = "start") -> Lark:
    """The LALR parser of ``grammars/<grammar>.lark``, built once per process.

    Lark keeps the built tables in the system's temporary folder (``cache=True``, keyed by the
    grammar's text and options), so a new process loads them instead of building them again.
    """
    return Lark.open(
        str(grammar_dir() / f"{grammar}.lark"),
        parser="lalr",
        lexer="contextual",
        start=start,
        propagate_positions=True,
        maybe_placeholders=True,
        cache=True,
    )
