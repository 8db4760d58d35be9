"""The promise bound to a fuzz test: any text gives citations (never an exception), and every
reported span lies inside the text and slices back to what the citation says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citation_checks import assert_located
from uchwaly_parser.citations import extract_citations, parse_legal_basis
from uchwaly_parser.citations.api import GRAMMAR
from uchwaly_parser.grammar import get_parser
from uchwaly_parser.source import Source

# Fragments real legal bases are made of, so that random sequences hit the grammar's corners.
FRAGMENTS = [
    "art.", "art. 18", "ust. 2", "pkt 15", "lit. a", "lit. b)", "§ 3", "§", "tiret pierwsze", "zdanie", " i ", " oraz ",
    ", ", "; ", "-", "–", "1-3", "8a", "18 b", "ustawy", "z dnia 8 marca 1990 r.", "o samorządzie gminnym",
    "rozporządzenia Ministra Finansów", "w sprawie", "uchwały nr XI/69/2015", "Uchwała", "Rady Gminy", "Statutu",
    "Kodeksu", "k.p.a.", "Konstytucji", "(", ")", "/", "Dz. U.", "Dz.U.", "M.P.", "Dz. Urz. Woj. Op.", "z 2024 r.",
    "2024 r.", "r.", "Nr 142", "poz. 1591", "poz.", "póz. 7", "2018.994", "97.102.643", "t.j.", "tj.", "tekst jednolity",
    "z późn. zm.", "ze zm.", "zm.", "zmiany:", "w związku z", "w zw. z", "Rada Gminy", "uchwala", "\n", "  ", "[1]",
    "„", "”", "DZIENNIK URZĘDOWY", "Poz. 545", "KRS 0000069153", "nr C/1", "l", "I",
    # keywords without their numbers: a separator must never promise a unit that does not come
    "ust.", "ust", "pkt", "lit.", "tiret", "zd.", "zdanie", "Art.", "par.", "an.", "x", "zzz", "a)", ",", "i",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=40).map(" ".join))
def test_any_text_gives_located_citations(text: str) -> None:
    get_parser(GRAMMAR).parse(text)  # the grammar is total: a syntax error here is a grammar bug
    source = Source(text)
    for found in (extract_citations(text), parse_legal_basis(source, 0, len(text))):
        assert isinstance(found, tuple)
        for i, citation in enumerate(found):
            assert citation.related_to is None or 0 <= citation.related_to < i
            assert_located(text, citation)


# Separators promise a follower through a lookahead; these broke that promise once.
BROKEN_CHAINS = [
    "art. 5, ust. x", "art. 5, lit. zzz", "art. 5 i tiret x", "art. 5, zd. a", "art. 5 i pkt.", "§ 2, lit. a b c",
    "lit. a, b", "art. 5 i art", "poz. 5, x", "Dz. U. 2018.994, x", "art. 5 1-", "ust. 2 i", "Nr 5 poz. 1 i",
]


@pytest.mark.parametrize("text", BROKEN_CHAINS)
def test_grammar_is_total_on_broken_chains(text: str) -> None:
    tree = get_parser(GRAMMAR).parse(text)
    assert tree.data == "start"
