"""The domain's vocabulary for Python, read from ``grammars/lexicon.lark``.

The lexicon is written once, as Lark terminals the grammars ``%import``. Code that needs one of
its entries as a regex (the locator, the date reader, the diagnostics, the prefilter) asks this
module for the pattern Lark compiles from the entry (``grammar.terminals``), so a Python regex
and the grammar's terminal cannot drift apart. Word lists (the month names, in calendar order)
come from the same file.
"""

from __future__ import annotations

import functools
import re

from uchwaly_parser.grammar import terminals

FILE = "lexicon.lark"
_GRAMMAR = "lexicon"


def pattern(name: str) -> str:
    """The regex of the lexicon's entry ``name``, as Lark compiles it into the grammars."""
    try:
        return terminals(_GRAMMAR).patterns[name]
    except KeyError:
        raise KeyError(f"{name!r} is not an entry of {FILE}") from None


@functools.cache
def regex(name: str) -> re.Pattern[str]:
    """The lexicon's entry ``name`` compiled for Python's ``re``."""
    return re.compile(pattern(name))


def words(name: str) -> tuple[str, ...]:
    """The words of an entry written as a list of literals ("stycznia" | "lutego" | …), in the order
    they are written (Lark sorts a compiled terminal's alternatives; the file keeps the order)."""
    pattern(name)  # an unknown name is a KeyError
    found = terminals(_GRAMMAR).words.get(name)
    if found is None:
        raise ValueError(f"{name!r} in {FILE} is not a list of literal words")
    return found


def month_numbers() -> dict[str, int]:
    """Every month name (genitive, nominative, Roman) and its number: "marca" → 3, "IV" → 4."""
    table: dict[str, int] = {}
    for entry in ("MONTH_GENITIVE", "MONTH_NOMINATIVE", "MONTH_ROMAN"):
        table.update({word: number for number, word in enumerate(words(entry), start=1)})
    return table
