"""The domain's vocabulary for Python, read from ``grammars/lexicon.lark``.

The lexicon is written once, as Lark terminals the grammars ``%import``. Code that needs one of
its entries as a regex (the locator, the date reader, the diagnostics) asks this module, which
compiles the entry with Lark's own grammar loader, so a Python regex and the grammar's terminal
cannot drift apart. Word lists (the month names, in calendar order) come from the same file.
"""

from __future__ import annotations

import functools
import re

from lark.load_grammar import Grammar, GrammarBuilder
from lark.tree import Tree

from uchwaly_parser.grammar import grammar_dir

FILE = "lexicon.lark"


@functools.cache
def _grammar() -> Grammar:
    builder = GrammarBuilder()
    builder.load_grammar((grammar_dir() / FILE).read_text(encoding="utf-8"), grammar_name="lexicon")
    return builder.build()


@functools.cache
def pattern(name: str) -> str:
    """The regex of the lexicon's terminal ``name``, as Lark compiles it into the grammars."""
    terminals, _rules, _ignore = _grammar().compile([], "*")
    found = {t.name: t.pattern.to_regexp() for t in terminals}
    if name not in found:
        raise KeyError(f"{name!r} is not an entry of {FILE}")
    return found[name]


@functools.cache
def regex(name: str) -> re.Pattern[str]:
    """The lexicon's terminal ``name`` compiled for Python's ``re``."""
    return re.compile(pattern(name))


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """The words of a lexicon entry written as a list of literals ("stycznia" | "lutego" | …), in the
    order they are written (Lark sorts a compiled terminal's alternatives; the file keeps the order)."""
    definitions = {term_name: tree for term_name, (tree, _priority) in _grammar().term_defs}
    tree = definitions.get(name)
    if tree is None:
        raise KeyError(f"{name!r} is not an entry of {FILE}")
    literals = [token for token in tree.scan_values(lambda v: not isinstance(v, Tree))]
    if not literals or any(token.type != "STRING" for token in literals):
        raise ValueError(f"{name!r} in {FILE} is not a list of literal words")
    # A literal is written '"word"' with an optional 'i' flag after it
    return tuple(token.value[1 : token.value.rindex('"')] for token in literals)


def month_numbers() -> dict[str, int]:
    """Every month name (genitive, nominative, Roman) and its number: "marca" → 3, "IV" → 4."""
    table: dict[str, int] = {}
    for entry in ("MONTH_GENITIVE", "MONTH_NOMINATIVE", "MONTH_ROMAN"):
        table.update({word: number for number, word in enumerate(words(entry), start=1)})
    return table
