"""The ``[fast]`` extra changes nothing but speed: with lark-cython and with pure-Python Lark, every
corpus text, in every layout the corpus tests use, gives the same tree and the same citations.

Both engines run in this one process (``UCHWALY_PARSER_PURE`` chooses, ``grammar.compiled()`` says
which); lark-cython comes with the dev extra, so this never skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS
from test_corpus import LAYOUTS
from uchwaly_parser import extract_citations, parse
from uchwaly_parser.builder import TreeBuilder
from uchwaly_parser.errors import ParseError
from uchwaly_parser.grammar import compiled, get_parser

TEXTS = sorted(CORPUS.glob("*.txt"))


def _engine(monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> None:
    if fast:
        monkeypatch.delenv("UCHWALY_PARSER_PURE", raising=False)
    else:
        monkeypatch.setenv("UCHWALY_PARSER_PURE", "1")
    assert compiled() is fast, "lark-cython is not installed: `pip install -e '.[dev]'` brings it"


def _read(text: str) -> tuple[str, tuple[object, ...]]:
    try:
        tree = parse(text).model_dump_json()
    except ParseError as error:
        tree = f"ParseError: {error}"
    return tree, extract_citations(text)


def test_the_engines_are_really_two(monkeypatch: pytest.MonkeyPatch) -> None:
    _engine(monkeypatch, fast=True)
    fast = get_parser("resolution", TreeBuilder)
    _engine(monkeypatch, fast=False)
    pure = get_parser("resolution", TreeBuilder)
    assert type(fast.parser.parser).__module__.startswith("lark_cython")
    assert type(pure.parser.parser).__module__.startswith("lark.")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_same_tree_and_citations_with_and_without_lark_cython(
    path: Path, layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = LAYOUTS[layout](path.read_text(encoding="utf-8"))
    _engine(monkeypatch, fast=True)
    fast = _read(text)
    _engine(monkeypatch, fast=False)
    assert _read(text) == fast
