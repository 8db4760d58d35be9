"""Cached factory for the Lark parsers built from the .lark files in ``grammars/``.

The grammars live at the repository root and ship inside the wheel as ``uchwaly_parser/grammars``;
an editable install reads them from the source tree.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Transformer


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
def get_parser(grammar: str, builder: type[Transformer[Any, Any]] | None = None) -> Lark:
    """The LALR parser of ``grammars/<grammar>.lark``, built once per process.

    With a ``builder``, one instance of it runs inside the parse: ``parse()`` returns what the
    builder makes, no tree is built to be walked again, and the builder takes positions from the
    tokens (Lark keeps no position metadata for it). Without one, ``parse()`` returns a tree whose
    nodes carry positions. Lark keeps the built tables in the system's temporary folder
    (``cache=True``, keyed by the grammar's text and options), so a new process loads them.
    """
    return Lark.open(
        str(grammar_dir() / f"{grammar}.lark"),
        parser="lalr",
        lexer="contextual",
        transformer=builder() if builder else None,
        propagate_positions=builder is None,
        maybe_placeholders=True,
        cache=True,
    )
