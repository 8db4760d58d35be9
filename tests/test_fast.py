"""The ``[fast]`` extra changes nothing but speed: with lark-cython and with pure-Python Lark, every
corpus text, in every layout the corpus tests use, gives the same tree and the same citations, and
broken texts the same error.

Both engines run in this one process (``UCHWALY_PARSER_PURE`` chooses, ``grammar.compiled()`` says
which); lark-cython comes with the dev extra, so this never skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from test_corpus import LAYOUTS
from test_robustness import SOUP
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
    _engine(monkeypatch, fast=True)  # a parser that gives Lark's own tree stays pure Lark
    assert type(get_parser("resolution").parser.parser).__module__.startswith("lark.")


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


# A syntax error: a token the parser cannot take here (lark-cython's own error cannot say what it
# would take, so pure Lark parses the text again). Characters no terminal matches were the other
# way (U+001C-U+001D after a title); since every separator reads as a line end or a blank (issue 13),
# no input reaches that path any more.
BROKEN = [
    ("UCHWAŁANa podstawie", "<string>:1:1: unexpected text (expected TITLE_KEYWORD)"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_same_error_with_and_without_lark_cython(text: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for fast in (True, False):
        _engine(monkeypatch, fast=fast)
        with pytest.raises(ParseError) as error:
            parse(text)
        assert str(error.value).splitlines()[0] == message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.sampled_from(["UCHWAŁA", "UCHWAŁA NR ", "Uchwała Nr XI/1/2015 Rady Gminy X z dnia 1 maja 2015 r. "]),
       soup=SOUP)
def test_same_tree_or_same_error_on_keyword_soup(title: str, soup: str) -> None:
    # After a title the grammar sees the soup: a few in a hundred are syntax errors, the rest trees.
    with pytest.MonkeyPatch.context() as monkeypatch:
        _engine(monkeypatch, fast=True)
        fast = _read(title + soup)
        _engine(monkeypatch, fast=False)
        assert _read(title + soup) == fast
