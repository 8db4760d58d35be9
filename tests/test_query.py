"""Legal paths, walks, citation queries and cross-references: the methods of a Document (uchwaly_parser.query)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, corpus_texts
from uchwaly_parser import Document, parse
from uchwaly_parser.diagnostics import diagnose
from uchwaly_parser.models.document import Litera, Paragraf, Tiret, Unit, Ustep, Uzasadnienie, Zalacznik
from uchwaly_parser.query import normalize_path
from uchwaly_parser.render.text import plain_text

TEXT = (FIXTURES / "render" / "regulamin.txt").read_text(encoding="utf-8")
RESOLUTION = parse(TEXT, name="regulamin.txt")
DOC = Document(RESOLUTION, TEXT)

EVERY_PATH = [
    "§ 1", "§ 1 ust. 1", "§ 1 ust. 2", "§ 1 ust. 2 pkt 1", "§ 1 ust. 2 pkt 2", "§ 1 ust. 2 pkt 2 lit. a",
    "§ 1 ust. 2 pkt 2 lit. b", "§ 1 ust. 2 pkt 2 lit. b tiret 1", "§ 1 ust. 2 pkt 2 lit. b tiret 2",
    "§ 1 ust. 2 pkt 2 lit. c", "§ 1 ust. 2 pkt 3", "§ 1 ust. 2 pkt 3 tiret 1", "§ 2", "§ 3",
    "zał. 1", "zał. 1 § 1", "zał. 1 § 2", "zał. 1 § 2 ust. 1", "zał. 1 § 2 ust. 2", "uzasadnienie",
]


def test_every_unit_has_the_path_lawyers_write_in_document_order() -> None:
    assert list(DOC.paths()) == EVERY_PATH


@pytest.mark.parametrize("path", EVERY_PATH)
def test_find_gives_back_the_node_whose_path_it_is(path: str) -> None:
    node = DOC.find(path)
    assert node is not None
    assert DOC.path(node) == path
    assert DOC.find(DOC.path(node)) is node


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("§1 ust.2 pkt 2 lit.b", "§ 1 ust. 2 pkt 2 lit. b"),
        ("par. 2", "§ 2"),
        ("§ 1 ust. 2 pkt 2 lit. b tiret drugie", "§ 1 ust. 2 pkt 2 lit. b tiret 2"),
        ("załącznik nr 1 § 2 ust. 2", "zał. 1 § 2 ust. 2"),
        ("Zał. 1", "zał. 1"),
        ("Uzasadnienie", "uzasadnienie"),
        ("rozdział 2 § 5", "§ 5"),
        ("§ 1[2]", "§ 1[2]"),
    ],
)
def test_common_spellings_read_back_to_one_path(written: str, path: str) -> None:
    assert normalize_path(written) == path


def test_the_kind_of_node_found_matches_the_path() -> None:
    assert isinstance(DOC.find("§ 1 ust. 2"), Ustep)
    assert isinstance(DOC.find("§ 1 ust. 2 pkt 2 lit. b"), Litera)
    assert isinstance(DOC.find("§ 1 ust. 2 pkt 2 lit. b tiret 2"), Tiret)
    assert isinstance(DOC.find("zał. 1"), Zalacznik)
    assert isinstance(DOC.find("uzasadnienie"), Uzasadnienie)
    assert DOC.find("zał. 1 § 2") is not DOC.find("§ 2")


@pytest.mark.parametrize("path", ["§ 4", "§ 1 ust. 3", "zał. 2", "§ 2 pkt 1", "§ 1 ust. 2 pkt 2 lit. b tiret 3"])
def test_a_path_the_document_does_not_have_finds_nothing(path: str) -> None:
    assert DOC.find(path) is None


@pytest.mark.parametrize("path", ["art. 5", "§", "ust 1 foo", "tiret zielone"])
def test_a_path_that_is_no_path_is_an_error(path: str) -> None:
    with pytest.raises(ValueError, match="not a legal path"):
        DOC.find(path)


def test_repeated_numbers_get_an_occurrence_suffix() -> None:
    text = "UCHWAŁA NR 1/2020\nRADY GMINY X\n§ 1. Jeden.\n§ 1. Znowu jeden.\n§ 2. Dwa.\n"
    doc = Document(parse(text), text)
    assert list(doc.paths()) == ["§ 1", "§ 1[2]", "§ 2"]
    second = doc.find("§ 1[2]")
    assert isinstance(second, Paragraf) and "Znowu" in second.own_text()


def test_a_node_without_a_path_says_so() -> None:
    with pytest.raises(KeyError, match="has no legal path"):
        DOC.path(RESOLUTION.header)


def test_walk_yields_every_node_in_document_order() -> None:
    nodes = list(DOC.walk())
    assert nodes[0] is RESOLUTION
    starts = [n.span.start for n in nodes]
    assert starts == sorted(starts)
    assert sum(isinstance(n, Unit) for n in nodes) == len(EVERY_PATH) - 2  # all but zał. and uzasadnienie


def test_walk_filters_by_class_or_kind() -> None:
    by_class = [DOC.path(p) for p in DOC.walk(Paragraf)]
    by_kind = [DOC.path(p) for p in DOC.walk("paragraf")]
    assert by_class == by_kind == ["§ 1", "§ 2", "§ 3", "zał. 1 § 1", "zał. 1 § 2"]
    assert len(list(DOC.walk("tiret"))) == 3


def test_parent_and_ancestors_follow_the_tree() -> None:
    tiret = DOC.find("§ 1 ust. 2 pkt 2 lit. b tiret 1")
    assert tiret is not None
    assert [DOC.path(a) for a in DOC.ancestors(tiret) if isinstance(a, Unit)] == [
        "§ 1 ust. 2 pkt 2 lit. b", "§ 1 ust. 2 pkt 2", "§ 1 ust. 2", "§ 1",
    ]


def test_plain_text_of_a_subtree_is_one_unit_a_line() -> None:
    node = DOC.find("§ 1 ust. 2 pkt 2")
    assert node is not None
    assert plain_text(node) == (
        "2) obowiązki właścicieli nieruchomości:\n"
        "a) uprzątanie chodników,\n"
        "b) usuwanie błota i śniegu:\n"
        "– z chodników,\n"
        "– z przystanków,\n"
        "c) utrzymanie pojemników;"
    )


# --------------------------------------------------------------- citations ---


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("DU/2016/446", ["o samorządzie gminnym"]),
        ("https://eli.gov.pl/eli/DU/2003/717/ogl", ["o utrzymaniu czystości i porządku w gminach"]),
        ("WDU20011421591", ["o utrzymaniu czystości i porządku w gminach"]),
        ("samorządzie GMINNYM", ["o samorządzie gminnym"]),
        ("utrzymaniu czystości", ["o utrzymaniu czystości i porządku w gminach"] * 2),
        ("DU/1999/1", []),
        ("prawo wodne", []),
    ],
)
def test_citations_of_an_act_by_eli_isap_or_title_words(query: str, titles: list[str]) -> None:
    assert [c.act.title if c.act else None for c in DOC.citations(query)] == titles


@pytest.mark.parametrize(
    ("journal", "year", "positions"),
    [
        (None, None, [446, 1579, 1591, 220, 717, 250]),
        ("Dz.U.", 2016, [446, 1579, 250]),
        ("DU", 2001, [1591, 220]),
        (None, 2003, [717]),
        ("M.P.", None, []),
    ],
)
def test_publications_by_journal_and_year(journal: str | None, year: int | None, positions: list[int]) -> None:
    assert [p.position for p in DOC.publications(journal=journal, year=year)] == positions


@pytest.mark.parametrize(
    ("journal", "positions"),
    [("Dz. U.", [1515, 1380]), ("dz.u.", [1515, 1380]), ("Dz. Urz. Woj.", [1562]), ("M.P.", [])],
)
def test_a_journal_is_matched_word_by_word_not_by_letters(journal: str, positions: list[int]) -> None:
    text = (Path(__file__).resolve().parents[1] / "examples" / "uchwala_krzykosy.txt").read_text(encoding="utf-8")
    assert [p.position for p in Document(parse(text), text).publications(journal=journal)] == positions


def test_citations_grouped_by_act() -> None:
    groups = DOC.group_by_act()
    assert [(g.key, len(g.citations)) for g in groups] == [
        ("ustawa:o samorządzie gminnym", 1),
        ("ustawa:o utrzymaniu czystości i porządku w gminach", 2),
        ("uchwała:2016-04-28:XIX/170/2016", 1),  # the attachment's heading names the resolution itself
    ]
    assert [p.position for p in groups[1].publications] == [1591, 220, 717, 250]


# "w związku z": the legal basis and the document hold one copy of each citation, so the link is one fact.
LINKED = (
    "UCHWAŁA NR XII/98/2024\nRADY GMINY PRZYKŁADOWO\nz dnia 12 marca 2024 r.\n"
    "w sprawie określenia wysokości stawek podatku od nieruchomości\n"
    "Na podstawie art. 18 ust. 2 pkt 8 ustawy o samorządzie gminnym w związku z art. 6 ust. 12 ustawy "
    "z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych (Dz. U. z 2023 r. poz. 70) "
    "Rada Gminy Przykładowo uchwala, co następuje:\n§ 1. Określa się stawki.\n"
    "§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
)


def test_a_link_between_cited_acts_is_the_same_in_the_legal_basis_and_the_document() -> None:
    resolution = parse(LINKED)
    doc = Document(resolution, LINKED)
    first, second = resolution.legal_basis_citations()
    assert resolution.citations == (first, second)  # the act without a journal reference too
    assert (first.act and first.act.title, second.act and second.act.title) == (
        "o samorządzie gminnym", "o podatkach i opłatach lokalnych")
    assert (first.related_to, second.related_to) == (None, 0)
    groups = doc.group_by_act()
    assert [[c.related_to for c in g.citations] for g in groups] == [[None], [0]]
    assert groups[0].act == first.act


# -------------------------------------------------------- cross-references ---


def test_cross_references_resolve_to_their_units() -> None:
    found = [(r.text, r.path, DOC.path(r.target) if r.target else None) for r in DOC.cross_references()]
    assert found == [
        ("załącznik nr 1", "zał. 1", "zał. 1"),
        ("ust. 1", "§ 1 ust. 1", "§ 1 ust. 1"),  # relative: "ust. 1" inside § 1
        ("§ 9", "§ 9", None),
        ("§ 1 ust. 2 pkt 2 lit. b", "§ 1 ust. 2 pkt 2 lit. b", "§ 1 ust. 2 pkt 2 lit. b"),
        ("ust. 1", "zał. 1 § 2 ust. 1", "zał. 1 § 2 ust. 1"),  # inside the attachment: its own § 2
        ("załączniku nr 1", "zał. 1", "zał. 1"),
    ]


def test_a_missing_target_gives_a_located_diagnostic() -> None:
    missing = [r for r in DOC.cross_references() if r.target is None]
    assert len(missing) == 1
    (diagnostic,) = [d for d in diagnose(DOC) if d.code == "xref-missing"]
    assert diagnostic.severity == "info" and diagnostic.span == missing[0].span
    assert (diagnostic.code, diagnostic.severity) in {(d.code, d.severity) for d in RESOLUTION.diagnostics}
    assert TEXT[diagnostic.span.start : diagnostic.span.end] == "§ 9"
    assert TEXT.splitlines()[diagnostic.span.line - 1][diagnostic.span.column - 1 :].startswith("§ 9")


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_a_cross_reference_is_located_by_the_source_line_map(line_end: str) -> None:
    # A lone CR (old Mac files) ends a line as LF and CRLF do: "§ 9" stands on line 22 in each.
    lines = TEXT.splitlines()
    text = line_end.join(lines)
    doc = Document(parse(text), text)
    (reference,) = [r for r in doc.cross_references() if r.path == "§ 9"]
    assert (reference.span.line, reference.span.column) == (22, lines[21].index("§ 9") + 1)
    assert reference.source.span.line <= 22 and reference.target is None


@pytest.mark.parametrize(
    "sentence",
    [
        "o którym mowa w § 2 ust. 1 rozporządzenia Ministra Zdrowia",
        "zgodnie z § 3 uchwały nr XX/1/2019 Rady Gminy X",
        "określonym w art. 18 ust. 2 ustawy",
        "otrzymuje brzmienie: „o którym mowa w § 7”",
        "w załączniku nr 3 do uchwały nr XX/1/2019",
    ],
)
def test_units_of_other_acts_are_not_cross_references(sentence: str) -> None:
    text = f"UCHWAŁA NR 1/2020\nRADY GMINY X\n§ 1. Stosuje się przepisy, {sentence}.\n"
    assert Document(parse(text), text).cross_references() == ()


# ------------------------------------------------------------------ corpus ---

DOCUMENTS = corpus_texts()


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_find_of_path_of_is_the_node_for_every_corpus_unit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(parse(text, name=path.name), text)
    resolution = doc.resolution
    addressable = [*doc.walk(Unit), *resolution.attachments, *([resolution.uzasadnienie] if resolution.uzasadnienie else [])]
    assert len(doc.paths()) == len(addressable)  # one distinct path each
    for node in addressable:
        assert doc.find(doc.path(node)) is node
