"""Scans made fast by starting from their rarest part find exactly what their defining regex finds.

A regex that opens with an alternation of common letters ("z" or a month's name) is tried at every
such letter; ``diagnostics`` scans from the digits instead and looks back. The defining regex stays
the specification; these tests hold the fast scan to it, on the corpus and on texts made of the
pieces the regex reacts to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from uchwaly_parser import diagnostics
from uchwaly_parser.source import Source

TEXTS = sorted(CORPUS.glob("*.txt"))

PIECES = ["z", "Z", "xz", "ż", "marca", "października", "PAŹDZIERNIKA", "dnia", "stycznia", " ", "  ", "\t", "\n",
          "1", "12", "213", "2023", "0", "r.", "r", "r,", "roku", "rz", "rok", "a", ".", "(", "„"]


def _by_regex(text: str) -> list[tuple[int, int]]:
    return [match.span(1) for match in diagnostics.YEAR_IMPLAUSIBLE.finditer(text)]


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_implausible_years_as_the_regex_finds_them_in_the_corpus(path: Path) -> None:
    text = Source(path.read_text(encoding="utf-8")).readable
    assert list(diagnostics.implausible_years(text)) == _by_regex(text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@example("z\t \t213\tr.")
@example("października 12roku")
@example("z 1213 r. z 12 3 r.")
def test_implausible_years_as_the_regex_finds_them(text: str) -> None:
    assert list(diagnostics.implausible_years(text)) == _by_regex(text)


def test_the_regex_itself_finds_dropped_digits() -> None:
    # the specification the fast scan is held to: three-digit years after "z" or a month, not four
    text = "z 213 r., 7 czerwca 21 roku, z dnia 12 marca 2004 r., xz 123 r., z 1999 r."
    assert [text[a:b] for a, b in diagnostics.implausible_years(text)] == ["213", "21"]
