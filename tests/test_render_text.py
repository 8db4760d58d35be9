"""Lossless and canonical text (uchwaly_parser.render.text)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import corpus_texts
from golden import STEMS, check_golden, source
from uchwaly_parser import Document, parse
from uchwaly_parser.citations import Publication
from uchwaly_parser.models.base import Span
from uchwaly_parser.render.text import LosslessError, coverage, render_canonical, render_lossless, spell
from uchwaly_parser.summary import summary

DOCUMENTS = corpus_texts()
IDS = [p.stem for p in DOCUMENTS]

# Corpus documents whose tree breaks span nesting (a core parser bug: when a transcript lost the
# closing clauses' §, the first § split off keeps the whole original span). Strict: fixed → XPASS → fail.
# ---------------------------------------------------------------- lossless ---


@pytest.mark.parametrize("stem", STEMS)
def test_lossless_gives_the_input_back(stem: str) -> None:
    text = source(stem)
    assert render_lossless(Document(parse(text), text)) == text


@pytest.mark.parametrize("stem", STEMS)
def test_coverage_tiles_the_input_and_names_an_owner_for_every_piece(stem: str) -> None:
    text = source(stem)
    pieces = coverage(Document(parse(text), text))
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    for piece in pieces:
        chunk = text[piece.start : piece.end]
        if piece.kind == "layout":
            assert not chunk.replace("|", "").strip()
        elif piece.kind == "node":
            assert piece.node is not None and piece.node.span.start <= piece.start < piece.end <= piece.node.span.end


def test_coverage_says_who_owns_which_characters() -> None:
    text = source("transcript")
    owners = {text[p.start : p.end].strip(): (p.kind, type(p.node).__name__) for p in coverage(Document(parse(text), text))}
    assert owners["Dziennik Urzędowy Województwa Zachodniopomorskiego Poz. 545"] == ("prelude", "NoneType")
    assert owners["NR XXI/123/2012"] == ("node", "Number")
    assert owners["1."] == ("node", "Paragraf")  # the marker belongs to its unit
    assert owners["|"] == ("layout", "NoneType")


def test_lossless_of_a_subtree_is_its_slice_of_the_input() -> None:
    text = source("regulamin")
    document = Document(parse(text), text)
    node = document.find("§ 1 ust. 2 pkt 2 lit. b")
    assert node is not None
    assert render_lossless(document, node=node) == "b) usuwanie błota i śniegu:\n– z chodników,\n– z przystanków,"


def test_a_span_outside_its_parent_is_caught() -> None:
    text = source("regulamin")
    resolution = parse(text)
    header = resolution.header
    moved = header.model_copy(update={"title": header.title.model_copy(  # type: ignore[union-attr]
        update={"span": Span(start=header.span.end + 5, end=header.span.end + 9, line=1, column=1)})})
    with pytest.raises(LosslessError, match="does not fit inside Header"):
        render_lossless(Document(resolution.model_copy(update={"header": moved}), text))


@pytest.mark.parametrize(
    "other",
    [lambda text: text[: len(text) // 2], lambda text: text.replace("XIX/170/2016", "XIX/171/2016"), lambda text: " " + text],
)
def test_a_tree_and_another_text_make_no_document(other: Callable[[str], str]) -> None:
    # Renderers take a Document, so they cannot be handed the wrong text: it is refused up front.
    text = source("regulamin")
    with pytest.raises(ValueError, match=re.escape("not the one this resolution was parsed from (its SHA-256 differs)")):
        Document(parse(text), other(text))


def test_a_tree_without_a_digest_is_checked_by_where_its_nodes_stand() -> None:
    # A tree built by hand or read from JSON of an older version carries no digest.
    text = source("regulamin")
    resolution = parse(text).model_copy(update={"source_sha256": None})
    assert Document(resolution, text).text == text
    with pytest.raises(ValueError, match="Number at offset 65 stands at line 4, column 9 in the tree, at 5:8 in the text"):
        Document(resolution, "\n" + text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=IDS)
def test_lossless_equals_the_input_for_every_corpus_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert render_lossless(Document(parse(text, name=path.name), text)) == text


# --------------------------------------------------------------- canonical ---


@pytest.mark.parametrize("stem", STEMS)
def test_canonical_matches_its_golden_file(stem: str) -> None:
    text = source(stem)
    check_golden(stem, ".canonical.txt", render_canonical(Document(parse(text), text)))


@pytest.mark.parametrize("stem", STEMS)
def test_canonical_reparses_to_the_same_summary_and_is_a_fixed_point(stem: str) -> None:
    text = source(stem)
    resolution = parse(text)
    canonical = render_canonical(Document(resolution, text))
    again = parse(canonical)
    assert summary(Document(again, canonical), "f") == summary(Document(resolution, text), "f")
    assert render_canonical(Document(again, canonical)) == canonical


def _pub(year: int, position: int, nr: int | None = None, journal: str = "Dz. U.") -> Publication:
    span = Span(start=0, end=1, line=1, column=1)
    return Publication(span=span, journal=journal, year=year, nr=nr, position=position)


@pytest.mark.parametrize(
    ("pubs", "spelled"),
    [
        ([_pub(2024, 1465)], "Dz. U. z 2024 r. poz. 1465"),
        ([_pub(2023, 40), _pub(2023, 572), _pub(2023, 1463)], "Dz. U. z 2023 r. poz. 40, 572 i 1463"),
        ([_pub(2017, 1875), _pub(2017, 2232), _pub(2018, 130)], "Dz. U. z 2017 r. poz. 1875 i 2232 oraz z 2018 r. poz. 130"),
        ([_pub(2001, 1591, 142)], "Dz. U. z 2001 r. Nr 142, poz. 1591"),
        ([_pub(2002, 220, 23), _pub(2002, 558, 62)], "Dz. U. z 2002 r. Nr 23, poz. 220 i Nr 62, poz. 558"),
        ([_pub(2023, 1275, journal="M.P."), _pub(2024, 5)], "M.P. z 2023 r. poz. 1275; Dz. U. z 2024 r. poz. 5"),
    ],
)
def test_journal_references_are_spelled_as_the_drafting_rules_say(pubs: list[Publication], spelled: str) -> None:
    assert spell(pubs) == spelled


def test_canonical_respells_references_and_markers() -> None:
    text = source("transcript")
    canonical = render_canonical(Document(parse(text), text))
    assert "(Dz. U. z 2001 r. Nr 142, poz. 1591 oraz z 2002 r. Nr 23, poz. 220)" in canonical
    assert "\n§ 2. Wykonanie uchwały" in canonical  # the lost § is written out
    assert "Id:" not in canonical  # page furniture is not part of the resolution


def test_canonical_of_a_subtree_is_that_unit_only() -> None:
    text = source("regulamin")
    document = Document(parse(text), text)
    node = document.find("zał. 1 § 2")
    assert render_canonical(document, node=node) == (
        "§ 2. 1. Właściciele nieruchomości zbierają odpady w pojemnikach.\n"
        "2. Pojemniki, o których mowa w ust. 1, opróżnia się raz w miesiącu.\n"
    )


def test_canonical_reparses_to_the_same_summary_for_95_percent_of_the_corpus() -> None:
    differ, moving = [], []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        resolution = parse(text, name=path.name)
        canonical = render_canonical(Document(resolution, text))
        again = parse(canonical)
        if summary(Document(again, canonical), path.name) != summary(Document(resolution, text), path.name):
            differ.append(path.stem)
        if render_canonical(Document(again, canonical)) != canonical:
            moving.append(path.stem)
    rate = 1 - len(differ) / len(DOCUMENTS)
    assert rate >= 0.95, f"canonical re-parse rate {rate:.3f}; differ: {differ}"
    # Canonical text is canonical: writing it out again changes nothing.
    assert 1 - len(moving) / len(DOCUMENTS) >= 0.95, f"not a fixed point: {moving}"
