"""Citations: one table per form of reference, each row a real-shaped snippet and what it must give."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree

from conftest import corpus_texts
from test_citations_fuzz import FRAGMENTS
from uchwaly_parser.citations import (
    Citation,
    Publication,
    coarse,
    extract_citations,
    find_citations,
    identifiers,
    parse_legal_basis,
    patterns,
    scan,
)
from uchwaly_parser.citations.api import GRAMMAR, CitationsUnreadWarning
from uchwaly_parser.citations.drafts import JournalPart, NrPart, PositionsPart, YearPart
from uchwaly_parser.grammar import get_parser
from uchwaly_parser.source import Source
from uchwaly_parser.summary import act_summary, publication_summary

Pub = tuple[str, int | None, int | None, int | None]


def pubs(text: str) -> list[Pub]:
    """(journal, year, nr, position) of every journal reference found in ``text``."""
    return [(p.journal, p.year, p.nr, p.position) for c in extract_citations(text) for p in c.publications]


def basis(text: str) -> list[dict[str, Any]]:
    return [act_summary(c) for c in parse_legal_basis(Source(text), 0, len(text))]


# ---- journal references ------------------------------------------------------------------------

NEW_STYLE: list[tuple[str, list[Pub]]] = [
    ("(Dz. U. z 2024 r. poz. 1465)", [("Dz. U.", 2024, None, 1465)]),
    ("(t.j.: Dz. U. z 2024 r, poz. 1465, z późn. zm.)", [("Dz. U.", 2024, None, 1465)]),
    ("(Dz. U. z 2023 r. poz. 40, 572 i 1463)",
     [("Dz. U.", 2023, None, 40), ("Dz. U.", 2023, None, 572), ("Dz. U.", 2023, None, 1463)]),
    ("(Dz. U. z 2017 r. poz. 1875 i 2232 oraz z 2018 r. poz. 130)",
     [("Dz. U.", 2017, None, 1875), ("Dz. U.", 2017, None, 2232), ("Dz. U.", 2018, None, 130)]),
    ("(t.j. Dz. U. z 2018 r. poz. 994, poz. 1000, poz. 1349)",
     [("Dz. U.", 2018, None, 994), ("Dz. U.", 2018, None, 1000), ("Dz. U.", 2018, None, 1349)]),
    ("(t.j. Dz. U. z 2017 r. poz. 2222, Dz. U. z 2018 r. poz. 12)",
     [("Dz. U.", 2017, None, 2222), ("Dz. U.", 2018, None, 12)]),
    ("(Dz. U. z 2019 r., poz. 2475, 2493, z 2020 r., poz. 400)",
     [("Dz. U.", 2019, None, 2475), ("Dz. U.", 2019, None, 2493), ("Dz. U.", 2020, None, 400)]),
    # an HTML page's no-break spaces ("&nbsp;") are blanks like any other
    ("(Dz.\u00a0U.\u00a0z\u00a02023\u00a0r. poz.\u00a040)", [("Dz. U.", 2023, None, 40)]),
    ("(tekst jednolity: Dz. U. z 2018 r., poz. 994, zm. poz. 1000, poz i poz. 2500)",
     [("Dz. U.", 2018, None, 994), ("Dz. U.", 2018, None, 1000), ("Dz. U.", 2018, None, None),
      ("Dz. U.", 2018, None, 2500)]),
    ("(t. j. Dz.U. z 2022, poz. 2000, zmiany: Dz. U. z 2022 r. poz. 2185)",
     [("Dz. U.", 2022, None, 2000), ("Dz. U.", 2022, None, 2185)]),
    ("(Dz. U. Z 2015, poz. 139 )", [("Dz. U.", 2015, None, 139)]),
    ("(Dz. U. z 2018. poz. 994)", [("Dz. U.", 2018, None, 994)]),
    ("(Dz.U z dnia 2017r. poz. 2222 z późn.zm.)", [("Dz. U.", 2017, None, 2222)]),
    ("(tj. Dz. U. 2013 r. poz. 594; z 2014 r. poz. 379)", [("Dz. U.", 2013, None, 594), ("Dz. U.", 2014, None, 379)]),
    ("(t.j. Dz.U.2021 r., poz.1376 z późn.zm.)", [("Dz. U.", 2021, None, 1376)]),
]

OLD_STYLE: list[tuple[str, list[Pub]]] = [
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591)", [("Dz. U.", 2001, 142, 1591)]),
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002 r. Nr 23, poz. 220, Nr 62, poz. 558)",
     [("Dz. U.", 2001, 142, 1591), ("Dz. U.", 2002, 23, 220), ("Dz. U.", 2002, 62, 558)]),
    ("(Dz. U. z 2010 r. Nr 28, poz. 142 i 146, Nr 106, poz. 675)",
     [("Dz. U.", 2010, 28, 142), ("Dz. U.", 2010, 28, 146), ("Dz. U.", 2010, 106, 675)]),
    ("(Dz.U. z 2002 roku Nr 153 poz. 1271 i Nr 214 poz. 1806)",
     [("Dz. U.", 2002, 153, 1271), ("Dz. U.", 2002, 214, 1806)]),
    ("(jedn.tekst Dz.U. Nr 142 z 2001 r. poz. 1591, z późn.zm.)", [("Dz. U.", 2001, 142, 1591)]),
    ("(t. j. Dz. U. Nr 142 z 2001 roku, poz. 1590 z późn. zm.)", [("Dz. U.", 2001, 142, 1590)]),
    ("(tj. z 2010 r. Dz. U. Nr 234, poz.1536)", [("Dz. U.", 2010, 234, 1536)]),
    ("(tekst jednolity z 2001r. Dz.U. Nr 142, póz. 1591 z późn. zmianami)", [("Dz. U.", 2001, 142, 1591)]),
    ("(tekst jedn. Dz.U z 2001r Nr.142 poz. 1591 ze zm)", [("Dz. U.", 2001, 142, 1591)]),
    ("(Dz. U. z 2001 r., nr 142 poz. 1591 z późn. zm.)", [("Dz. U.", 2001, 142, 1591)]),
    ("/ Dz. U. z 2001 r. Nr 142, poz. 1591; z 2002r. Nr 23, poz. 220, Nr 214, poz.1806 /z 2003r. Nr 80, poz 717)",
     [("Dz. U.", 2001, 142, 1591), ("Dz. U.", 2002, 23, 220), ("Dz. U.", 2002, 214, 1806), ("Dz. U.", 2003, 80, 717)]),
    ("(Dz. U. Nr 142, poz. 1591 z 2001 r.)", [("Dz. U.", 2001, 142, 1591)]),  # the year at the end
]

COMPACT: list[tuple[str, list[Pub]]] = [
    ("(Dz.U.2023.40 t.j.)", [("Dz. U.", 2023, None, 40)]),
    ("(tj.: Dz. U. 2018.994,1000, 1349, 1432)",
     [("Dz. U.", 2018, None, 994), ("Dz. U.", 2018, None, 1000), ("Dz. U.", 2018, None, 1349),
      ("Dz. U.", 2018, None, 1432)]),
    ("(Dz.U.97.102.643)", [("Dz. U.", 1997, 102, 643)]),
    ("(Dz.U. 2001 nr 142 poz 1591)", [("Dz. U.", 2001, 142, 1591)]),
    ("(Dz.U. 2024 poz. 1673)", [("Dz. U.", 2024, None, 1673)]),
]

OTHER_JOURNALS: list[tuple[str, list[Pub]]] = [
    ("(M.P. z 2023 r. poz. 1275)", [("M.P.", 2023, None, 1275)]),
    ("(M. P. z 2011 r. Nr 95, poz. 969)", [("M.P.", 2011, 95, 969)]),
    ("(Dz. Urz. Woj. Lubel. z 2025 r. poz. 123)", [("Dz. Urz. Woj. Lubel.", 2025, None, 123)]),
    ("(Dz. Urz. Woj. Wielkopolskiego z 2014 r. poz. 1793)", [("Dz. Urz. Woj. Wielkopolskiego", 2014, None, 1793)]),
    # the name written out, in the nominative or the locative, in any letter case: one journal, abbreviated
    ("(Dziennik Urzędowy Województwa Mazowieckiego z 2014 r. poz. 1793)",
     [("Dz. Urz. Woj. Mazowieckiego", 2014, None, 1793)]),
    ("ogłoszona w Dzienniku Urzędowym Województwa Śląskiego z 2019 r. poz. 100",
     [("Dz. Urz. Woj. Śląskiego", 2019, None, 100)]),
    ("(DZIENNIK URZĘDOWY WOJEWÓDZTWA KUJAWSKO-POMORSKIEGO z 2018 r. poz. 5651)",
     [("Dz. Urz. Woj. Kujawsko-Pomorskiego", 2018, None, 5651)]),
    ("(Dz. Urzęd. Woj. Wlkp., poz. 3114 z późn. zm. z dn. 02.05.2016 r.)", [("Dz. Urzęd. Woj. Wlkp.", 2016, None, 3114)]),
    ("(Dz. Urz. Woj. Wlkp. z 15 października 2018 r. poz. 7860 ze zm.)", [("Dz. Urz. Woj. Wlkp.", 2018, None, 7860)]),
    ("(Dz. Urz. Woj. Op. z 2012 r. poz. 687, z 2013 r. poz. 1712)",
     [("Dz. Urz. Woj. Op.", 2012, None, 687), ("Dz. Urz. Woj. Op.", 2013, None, 1712)]),
    ("(Dz. Urz. Województwa Śląskiego z 2019 r. poz. 12)", [("Dz. Urz. Województwa Śląskiego", 2019, None, 12)]),
    ("(Dziennik Ustaw z 2020 r. poz. 1)", [("Dz. U.", 2020, None, 1)]),
    ("(Monitor Polski z 2020 r. poz. 5)", [("M.P.", 2020, None, 5)]),
    # a resolution cited in a sentence, even in the nominative, is a citation
    ("§ 3. Traci moc Uchwała Nr XXV/538/2004 Rady Miasta z dnia 21 października 2004 r. (Dz. Urz. Woj. Śl. Nr 1, poz. 5)",
     [("Dz. Urz. Woj. Śl.", 2004, 1, 5)]),
]

JOURNAL_OMITTED: list[tuple[str, list[Pub]]] = [
    ("o samorządzie terytorialnym tj. Nr 13 z 1996 roku poz. 74 Rada Miasta", [("Dz. U.", 1996, 13, 74)]),
    ("o wychowaniu w trzeźwości (t.j. z 2002 r. Nr 147, poz. 1231", [("Dz. U.", 2002, 147, 1231)]),
]

DAMAGED: list[tuple[str, list[Pub]]] = [
    ("(t.j.: Dz.U r. Nr 197, poz. 1172, z 2011 r. Nr 117, poz 676)",  # the year's digits lost
     [("Dz. U.", None, 197, 1172), ("Dz. U.", 2011, 117, 676)]),
    ("(t.j. Dz. U. z 2016 r. poz z późn. zm.)", [("Dz. U.", 2016, None, None)]),  # the position lost
    ("(t.j. Dz. U. z 2020 r. Nr 713, ze zm. )", [("Dz. U.", 2020, 713, None)]),  # "Nr" where "poz." was meant
    ("(Dz. Urz. Woj. Zachodniopomorskiego z 2003 r. Nr 38 poz. 591, z 2008 r. Nr 72 poz z 2009 r. Nr 60 poz. 1623)",
     [("Dz. Urz. Woj. Zachodniopomorskiego", 2003, 38, 591), ("Dz. Urz. Woj. Zachodniopomorskiego", 2008, 72, None),
      ("Dz. Urz. Woj. Zachodniopomorskiego", 2009, 60, 1623)]),
    ("(Dz. U. z 213 r. poz )", [("Dz. U.", 213, None, None)]),  # a transcript that lost every zero: kept literally
    ("Dz.U. z 212 poz. 951 i poz\n2 Zmiany", [("Dz. U.", 212, None, 951), ("Dz. U.", 212, None, None)]),  # "2": a page number
    # an empty year slot (GOLD_SCHEMA: the year is null, never the act's year)
    ("ustawy z dnia 8 marca 1990 r. (Dz.U. z Nr 214, poz. 1683)", [("Dz. U.", None, 214, 1683)]),
    ("(Dz. U. z r. Nr 142, poz. 1591)", [("Dz. U.", None, 142, 1591)]),
]

NOT_CITATIONS: list[str] = [
    "zgodnie z poz. 5 załącznika nr 1",  # an empty year slot counts only after a journal's name
    "Dziennik Urzędowy Województwa Mazowieckiego – 2 – Poz. 4588",  # a running page header
    "ogłoszenia w Dzienniku Urzędowym Województwa Mazowieckiego. Poz. 12",  # no year: where, not a citation
    "DZIENNIK URZĘDOWY WOJEWÓDZTWA ZACHODNIOPOMORSKIEGO Szczecin, dnia 25 stycznia 2018 r. Poz. 545",
    "2 Dziennik Urzędowy Województwa Zachodniopomorskiego 2 Poz. 545",
    "Dzienniki Urzędowe - rok 2012 poz. 4503",
    "Pomor.2020.1455 w/s zmiany planu",
    "Stowarzyszenie wpisane do KRS pod numerem 0000069153",
    "działka nr 2535 przy drodze nr 819075P",
    "na linii komunikacyjnej nr C/1 oraz C/2",
    "w § 1 ust. 2 uchwały zapis ,,w poz.1-21” zastępuje się zapisem „w poz. 1-22”",
    "Pozycja dziennika:Rok: 2012 nr 0 pozycja: 1028",
    "(MRMG z 2004 r., Nr 45 poz. 242 z późn. zm.)",  # a municipal gazette
    "Zmieniono: dodano odnośnik do Dz.U.",
    "ogłoszenia w Dzienniku Urzędowym Województwa Podlaskiego",
    "tj. 100 zł za m2",
    # a title line that repeats the document's own publication data
    "Uchwała Nr XI – 108/2011\n\nw sprawie zaliczenia dróg (Dz. U. Woj. Mazowieckiego z 17.11.2011r. Nr 210, poz. 6319)",
]


@pytest.mark.parametrize(("text", "expected"), NEW_STYLE)
def test_new_style(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize(("text", "expected"), OLD_STYLE)
def test_old_style(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize(("text", "expected"), COMPACT)
def test_compact(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize(("text", "expected"), OTHER_JOURNALS)
def test_other_journals(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize(("text", "expected"), JOURNAL_OMITTED)
def test_journal_omitted(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize(("text", "expected"), DAMAGED)
def test_damaged_references_keep_what_is_there(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert pubs(text) == []


# ---- year fallback ----------------------------------------------------------------------------

YEAR_FALLBACK: list[tuple[str, list[Pub]]] = [
    # no year slot at all: the cited act's year
    ("ustawy z dnia 27.03.2003 r. o planowaniu i zagospodarowaniu przestrzennym (Dz. U. nr 80, poz. 717)",
     [("Dz. U.", 2003, 80, 717)]),
    ("uchwały Nr VI/41/03 Rady Gminy Wizna z dnia 7 marca 2003 r. w sprawie ustalenia liczby punktów"
     " ( Dz. Urz. Woj. Podl. Nr 24,poz. 611 z późń. zm.)", [("Dz. Urz. Woj. Podl.", 2003, 24, 611)]),
    ("ustawy z dnia 5 czerwca 1998 roku o samorządzie województwa (Dz. U. Nr 91, poz. 576, Nr 155, poz. 1014)",
     [("Dz. U.", 1998, 91, 576), ("Dz. U.", 1998, 155, 1014)]),
    ("ustawy z dnia 5 lipca 2024 r. o czymś (Dz. U. poz. 1465)", [("Dz. U.", 2024, None, 1465)]),
    # an empty year slot is not filled in
    ("ustawy z dnia 20 lipca 2000 r. o ogłaszaniu (t.j.: Dz.U r. Nr 197, poz. 1172)", [("Dz. U.", None, 197, 1172)]),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_FALLBACK)
def test_year_fallback(text: str, expected: list[Pub]) -> None:
    assert pubs(text) == expected


# ---- flags ----------------------------------------------------------------------------------------

FLAGS: list[tuple[str, bool, bool]] = [
    ("(t.j. Dz. U. z 2013 r. poz. 594 ze zmianami)", True, True),
    ("(t. j. Dz. U. z 2022 r. poz. 1526)", True, False),
    ("(tj. Dz. U. z 2019 r. poz. 506 ze zm.)", True, True),
    ("(j.t Dz. U. z 2021 poz.1372)", True, False),
    ("(j.t. Dz.U. z 2015, poz. 1515 z późn. zm.)", True, True),
    ("(jedn. tekst z 2001r. Dz. U. Nr 142 poz. 1591 z późn. zm.)", True, True),
    ("(tekst jednolity Dz. U. z 2016 r., poz. 446 z późn. zm.)", True, True),
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591 z późniejszymi zmianami)", False, True),
    ("(Dz. U. z 2012r.,poz. 1356 z późń. zm)", False, True),
    ("(Dz. U. z 2012r.,poz. 1356 z póżn. zm.)", False, True),
    ("(Dz. U. z 2013 r., poz. 594 z późn. zm.[1]))", False, True),
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591 ze zm.: z 2002 r. Nr 23, poz. 220)", False, True),
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591, zm. z 2002 r. Nr 23, poz. 220)", False, False),  # a bare "zm." list
    ("(tekst jednolity: Dz.U. z 2001 roku Nr 142 poz. 1591, zmiany; Dz.U. z 2002 roku Nr 23 poz. 220)", True, False),
    ("(Dz. U. z 2016 r. poz. 446)", False, False),
    ("(Dz. U. z 2016 r. poz. 446 z zm.)", False, True),
]


@pytest.mark.parametrize(("text", "consolidated", "amended"), FLAGS)
def test_flags(text: str, consolidated: bool, amended: bool) -> None:
    (citation,) = extract_citations(text)
    assert (citation.consolidated, citation.amended) == (consolidated, amended)


# ---- provisions -----------------------------------------------------------------------------------

PROVISIONS: list[tuple[str, list[str]]] = [
    ("art. 18 ust. 2 pkt 12 i art. 84", ["art. 18 ust. 2 pkt 12", "art. 84"]),
    ("art. 5, art. 35 i art. 40 ust. 2 pkt 1", ["art. 5", "art. 35", "art. 40 ust. 2 pkt 1"]),
    ("art. 18 ust.1, ust. 2 pkt 15 i art. 40 ust. 1, art. 42", ["art. 18 ust.1, ust. 2 pkt 15", "art. 40 ust. 1", "art. 42"]),
    ("art. 84 ust. 1, 2 i 3", ["art. 84 ust. 1, 2 i 3"]),
    ("art. 13 ust. 1, 1a, 2, 2a, 3, 4", ["art. 13 ust. 1, 1a, 2, 2a, 3, 4"]),
    ("art. 110 ust. 1-3 i art. 112 ust. 1–2", ["art. 110 ust. 1-3", "art. 112 ust. 1–2"]),
    ("art. 7 i 18 pkt. 1 lit. a)", ["art. 7", "18 pkt. 1 lit. a)"]),  # "art." of the second article omitted
    ("art. 109 i 124", ["art. 109", "124"]),
    ("art. 12 pkt 2 i 31 ust. 5", ["art. 12 pkt 2", "31 ust. 5"]),
    ("art. 18 ust. 1 i 2 pkt 12", ["art. 18 ust. 1 i 2 pkt 12"]),
    ("art. 18, ust. 2, pkt 1, art. 22 i art. 40, ust. 2 pkt 1", ["art. 18, ust. 2, pkt 1", "art. 22", "art. 40, ust. 2 pkt 1"]),
    ("art.18ust.2pkt13", ["art.18ust.2pkt13"]),
    ("art. 18 ust. 2 pkt. 13", ["art. 18 ust. 2 pkt. 13"]),
    ("art. 18 b ust. 1", ["art. 18 b ust. 1"]),
    ("art. 6 k ust.1 i 3", ["art. 6 k ust.1 i 3"]),
    ("art. 18 ust. 2, pkt. 9 lit.a", ["art. 18 ust. 2, pkt. 9 lit.a"]),
    ("art. 229 pkt 3, art. 238 § l i art. 239 §1", ["art. 229 pkt 3", "art. 238 § l", "art. 239 §1"]),
    ("§ 2 ust.1,pkt.2", ["§ 2 ust.1,pkt.2"]),
    ("art. 11a ust. 1, 2 i 5 w związku z art. 11 ust. 1", ["art. 11a ust. 1, 2 i 5", "art. 11 ust. 1"]),
    ("art. 3531 § 1", ["art. 3531 § 1"]),  # a superscript flattened by PDF
    ("art. 353¹ § 1", ["art. 353¹ § 1"]),
    ("art. 6r ust. 3 i 3a, art. 6k ust. 1 pkt 1", ["art. 6r ust. 3 i 3a", "art. 6k ust. 1 pkt 1"]),
    ("art. 12 pkt 8 lit. i", ["art. 12 pkt 8 lit. i"]),
    ("art. 6 ust. 1 pkt 1 lit. a tiret pierwsze", ["art. 6 ust. 1 pkt 1 lit. a tiret pierwsze"]),
]


@pytest.mark.parametrize(("chain", "units"), PROVISIONS)
def test_provisions(chain: str, units: list[str]) -> None:
    (act,) = basis(f"Na podstawie {chain} ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2024 r. poz. 1465)")
    assert act["units"] == units


def test_provision_parts_are_structured() -> None:
    (citation,) = extract_citations("art. 18 ust. 2 pkt 15 lit. a i b ustawy z dnia 8 marca 1990 r. o X (Dz. U. poz. 1)")
    (provision,) = citation.provisions
    assert [(p.unit, p.numbers) for p in provision.parts] == [
        ("artykul", ("18",)), ("ustep", ("2",)), ("punkt", ("15",)), ("litera", ("a", "b")),
    ]


# ---- acts --------------------------------------------------------------------------------------------

ACTS: list[tuple[str, str, str | None, str | None]] = [
    # a title that ends on a year is not cut at it ("… w 2024 r." is no journal year)
    ("obwieszczenia Ministra Finansów z dnia 28 lipca 2023 r. w sprawie górnej granicy stawek kwotowych podatków "
     "i opłat lokalnych w 2024 r. (M.P. poz. 817)",
     "other", "2023-07-28", "w sprawie górnej granicy stawek kwotowych podatków i opłat lokalnych w 2024 r"),
    ("ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2024 r. poz. 1465)",
     "ustawa", "1990-03-08", "o samorządzie gminnym"),
    ("ustawy z 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2013 r. poz. 594)",
     "ustawa", "1990-03-08", "o samorządzie gminnym"),
    ("ustawy z dnia 8.03.1990 r. o samorządzie gminnym (Dz. U. z 2001 r., nr 142 poz. 1591)",
     "ustawa", "1990-03-08", "o samorządzie gminnym"),
    ("ustawy o petycjach (t.j. Dz. U. z 2018 r. poz. 870)", "ustawa", None, "o petycjach"),
    ("ustawy z dnia 8 marca 1990r. /Dz. U. z 1996r. Nr 13, poz. 74 z późn. zm./", "ustawa", "1990-03-08", None),
    ("ustawy z dnia 14 czerwca 1960r. - Kodeks postępowania administracyjnego (Dz.U. z 2000r. Nr 98, póz. 1071)",
     "kodeks", "1960-06-14", "Kodeks postępowania administracyjnego"),
    ("ustawy z dnia 6 września 2001 r. Prawo farmaceutyczne (Dz. U. z 2008 r. Nr 45, poz. 271)",
     "ustawa", "2001-09-06", "Prawo farmaceutyczne"),
    ("rozporządzenia Ministra Budownictwa z dnia 28 czerwca 2006 roku w sprawie określenia taryf, wzoru wniosku"
     " (Dz. U. Nr 127, poz. 886)", "rozporządzenie", "2006-06-28", "w sprawie określenia taryf, wzoru wniosku"),
    ("uchwały nr XXIV/373/12 Rady Miasta Opola z dnia 29 marca 2012 r. w sprawie uchwalenia Statutu Miasta Opola"
     " (Dz. Urz. Woj. Op. z 2012 r. poz. 687)", "uchwała", "2012-03-29", "w sprawie uchwalenia Statutu Miasta Opola"),
    ("uchwałą nr 140 Rady Ministrów z dnia 15 października 2018r. w sprawie ustanowienia programu „Posiłek"
     " w szkole i w domu” na lata 2019-2023 (M.P. z 2018r. poz.1007)", "uchwała", "2018-10-15",
     "w sprawie ustanowienia programu „Posiłek w szkole i w domu” na lata 2019-2023"),
    ("Statutu Gminy Szczecinek przyjętego uchwałą Nr VII/50/2003 z r. Rady Gminy Szczecinek"
     " (Dz. Urz. Woj. Zachodniopomorskiego z 2003 r. Nr 38 poz. 591)", "uchwała", None, "Statutu Gminy Szczecinek"),
    ("Statutu Powiatu Kościańskiego (Dz. Urz. Woj. Wlkp. z 15 października 2018 r. poz. 7860 ze zm.)",
     "uchwała", None, "Statutu Powiatu Kościańskiego"),
    ("Uchwały Nr XXV/235/2016 Rady Miejskiej w Rogoźnie z dnia 27 kwietnia 2016 r. (Dz. Urzęd. Woj. Wlkp., poz. 3114)"
     " w sprawie zasad gospodarowania nieruchomościami Gminy Rogoźno. Rada Miejska uchwala", "uchwała", "2016-04-27",
     "w sprawie zasad gospodarowania nieruchomościami Gminy Rogoźno"),
    ("Konstytucji Rzeczypospolitej Polskiej z dnia 2 kwietnia 1997 r. (Dz. U. Nr 78, poz. 483)",
     "konstytucja", "1997-04-02", "Rzeczypospolitej Polskiej"),
    ("obwieszczeniem Ministra Finansów z dnia 2 sierpnia 2023 r. w sprawie górnych granic stawek kwotowych"
     " (M.P. z 2023 r. poz. 813)", "other", "2023-08-02", "w sprawie górnych granic stawek kwotowych"),
    ("ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa (Dz. U. z 2023 r. poz. 2383)",
     "ustawa", "1997-08-29", "Ordynacja podatkowa"),
    # "uchwale" (locative) is a resolution, as every form of the word is (its kind is UCHWALA_KW's)
    ("w uchwale Nr VI/41/03 Rady Gminy Wizna z dnia 7 marca 2003 r. w sprawie ustalenia liczby punktów sprzedaży"
     " (Dz. Urz. Woj. Podl. Nr 47, poz. 860)", "uchwała", "2003-03-07", "w sprawie ustalenia liczby punktów sprzedaży"),
    # a charter's name ends at the participle of the act that adopted it, in any letter case
    ("Statutu Sołectwa Kusowo, Przyjętego uchwałą Nr X/72/2003 Rady Gminy Szczecinek z dnia 10 września 2003r."
     " (Dz. Urz. Woj. Zach. Nr 80, poz. 1549)", "uchwała", "2003-09-10", "Statutu Sołectwa Kusowo"),
    ("Statut Gminy Kowala stanowiący załącznik nr 1 do uchwały nr IV/23/2011 Rady Gminy w Kowali z dnia 29 kwietnia"
     " 2011r. w sprawie uchwalenia Statutu Gminy Kowala (Dz. Urz. Woj. Maz. Nr 120, poz. 3711)", "uchwała",
     "2011-04-29", "w sprawie uchwalenia Statutu Gminy Kowala"),
    # a code named by a statute's title, and by its own name
    ("Kodeksu postępowania administracyjnego z dnia 14 czerwca 1960 r. (Dz. U. z 2024 r. poz. 572)", "kodeks",
     "1960-06-14", "Kodeksu postępowania administracyjnego z dnia 14 czerwca 1960 r."),
    # no reference in parentheses: the title ends where the procedure or the enacting clause begins
    ("ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie po konsultacjach"
     " z organizacjami pozarządowymi Rada Gminy uchwala", "ustawa", "2003-04-24",
     "o działalności pożytku publicznego i o wolontariacie"),
]


@pytest.mark.parametrize(("text", "kind", "date", "title"), ACTS)
def test_acts(text: str, kind: str, date: str | None, title: str | None) -> None:
    (act,) = basis(text)
    assert (act["kind"], act["date"], act["title"]) == (kind, date, title)


def test_references_without_an_act_form_an_other_act() -> None:
    assert basis("Na podstawie (Dz. U. z 2020 r. poz. 5)") == [
        {"kind": "other", "date": None, "title": None, "units": [],
         "publications": [{"journal": "Dz. U.", "year": 2020, "nr": None, "pos": 5}],
         "consolidated": False, "amended": False},
    ]


# An act's shape gives its issuer and number: the words before its date, and its "Nr ..." among them.
ISSUERS: list[tuple[str, str | None, str | None]] = [
    ("uchwały nr XXIV/373/12 Rady Miasta Opola z dnia 29 marca 2012 r. w sprawie uchwalenia Statutu Miasta Opola"
     " (Dz. Urz. Woj. Op. z 2012 r. poz. 687)", "Rady Miasta Opola", "XXIV/373/12"),
    ("uchwałą Rady Miejskiej Nr VII/90/99 z dnia 25 marca 1999r. imię Podoficerskiej Szkoły (Dz. U. Nr 5, poz. 1)",
     "Rady Miejskiej", "VII/90/99"),
    ("rozporządzenia Ministra Budownictwa z dnia 28 czerwca 2006 roku w sprawie określenia taryf"
     " (Dz. U. Nr 127, poz. 886)", "Ministra Budownictwa", None),
    ("ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2024 r. poz. 1465)", None, None),
]


@pytest.mark.parametrize(("text", "issuer", "number"), ISSUERS)
def test_issuer_and_number_by_the_acts_shape(text: str, issuer: str | None, number: str | None) -> None:
    (citation,) = parse_legal_basis(Source(text), 0, len(text))
    assert citation.act is not None and (citation.act.issuer, citation.act.number) == (issuer, number)


# The kind of an act is the type of its name's token, one terminal per kind.
NAMES = [("ustawy", "USTAWA_KW"), ("Konstytucji", "KONSTYTUCJA_KW"), ("Kodeksu", "KODEKS_KW"),
         ("rozporządzenia", "ROZPORZADZENIE_KW"), ("uchwale", "UCHWALA_KW"), ("UCHWAŁA", "UCHWALA_KW"),
         ("Statutu", "STATUT_KW"), ("obwieszczenia", "OTHER_ACT_KW"), ("Komunikacie", "OTHER_ACT_KW")]


@pytest.mark.parametrize(("text", "terminal"), NAMES, ids=[t for t, _ in NAMES])
def test_an_acts_name_is_a_terminal_of_its_kind(text: str, terminal: str) -> None:
    assert [t.type for t in _tree_tokens(text)] == [terminal]


def test_code_by_abbreviation_and_constitution_in_running_text() -> None:
    found = extract_citations("zgodnie z art. 147 § 1 k.p.a. oraz art. 7 Konstytucji Rzeczypospolitej Polskiej")
    assert [(c.act.kind if c.act else None, [p.text for p in c.provisions]) for c in found] == [
        ("kodeks", ["art. 147 § 1"]), ("konstytucja", ["art. 7"]),
    ]


def test_issuer_and_number() -> None:
    (citation,) = extract_citations(
        "uchwały nr XXIV/373/12 Rady Miasta Opola z dnia 29 marca 2012 r. w sprawie Statutu (Dz. Urz. Woj. Op. poz. 1)"
    )
    assert citation.act is not None
    assert (citation.act.issuer, citation.act.number) == ("Rady Miasta Opola", "XXIV/373/12")


# ---- a whole legal basis -----------------------------------------------------------------------------

SEED = (
    "Na podstawie art. 18 ust. 2 pkt 12 i art. 84 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
    "(t.j.: Dz. U. z 2024 r, poz. 1465, z późn. zm.), Rada Miejska w Janowie Lubelskim uchwala"
)


def test_seed_legal_basis() -> None:
    assert basis(SEED) == [{
        "kind": "ustawa", "date": "1990-03-08", "title": "o samorządzie gminnym",
        "units": ["art. 18 ust. 2 pkt 12", "art. 84"],
        "publications": [{"journal": "Dz. U.", "year": 2024, "nr": None, "pos": 1465}],
        "consolidated": True, "amended": True,
    }]


def test_a_legal_basis_set_out_as_a_numbered_list() -> None:
    text = ("Na podstawie:\n1) art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
            "(Dz. U. z 2023 r. poz. 40),\n2) art. 6r ust. 3 ustawy z dnia 13 września 1996 r. o utrzymaniu "
            "czystości i porządku w gminach (Dz. U. z 2023 r. poz. 1469)")
    assert [(a["title"], a["units"]) for a in basis(text)] == [
        ("o samorządzie gminnym", ["art. 18 ust. 2 pkt 15"]),
        ("o utrzymaniu czystości i porządku w gminach", ["art. 6r ust. 3"]),
    ]


def test_links_between_acts() -> None:
    text = (
        "Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990r. o samorządzie gminnym (Dz.U. z 2018 r., "
        "poz. 994) w związku z art. 17 ust. 2 pkt 4 ustawy z dnia 12 marca 2004 r. o pomocy społecznej (Dz.U. z "
        "2018r. poz. 1508) w zw. z uchwałą nr 140 Rady Ministrów z dnia 15 października 2018r. w sprawie programu "
        "(M.P. z 2018r. poz.1007) uchwala"
    )
    found = parse_legal_basis(Source(text), 0, len(text))
    assert [c.related_to for c in found] == [None, 0, 1]
    assert [c.act.kind if c.act else None for c in found] == ["ustawa", "ustawa", "uchwała"]


def test_legal_basis_printed_twice_gives_each_act_once() -> None:
    once = "Na podstawie art. 21 ust. 1 ustawy z dnia 8 marca 1990 roku o samorządzie gminnym (Dz.U. z 2001 roku Nr 142, poz. 1591 z późn. zm.) "
    text = once + "Uchwała nr I/3/02 Rady Gminy Sicienko z dnia 19 listopada 2002 w sprawie: komisji " + once + "Rada Gminy uchwala"
    assert len(parse_legal_basis(Source(text), 0, len(text))) == 1
    assert len(pubs(text)) == 2  # every printed reference is still a reference


# ---- identifiers -----------------------------------------------------------------------------------------

IDENTIFIERS: list[tuple[str, str | None, str | None, str | None]] = [
    ("(Dz. U. z 2024 r. poz. 1465)", "DU/2024/1465", "https://eli.gov.pl/eli/DU/2024/1465/ogl", "WDU20240001465"),
    ("(Dz. U. z 2001 r. Nr 142, poz. 1591)", "DU/2001/1591", "https://eli.gov.pl/eli/DU/2001/1591/ogl", "WDU20011421591"),
    ("(M.P. z 2023 r. poz. 1275)", "MP/2023/1275", "https://eli.gov.pl/eli/MP/2023/1275/ogl", "WMP20230001275"),
    ("(Dz.U.97.102.643)", "DU/1997/643", "https://eli.gov.pl/eli/DU/1997/643/ogl", "WDU19971020643"),
    ("(t.j. Dz. U. z 2016 r. poz z późn. zm.)", None, None, None),  # no position: no identifier
    ("(t.j.: Dz.U r. Nr 197, poz. 1172)", None, None, None),  # no year: no identifier
    ("(Dz. Urz. Woj. Op. z 2012 r. poz. 687)", None, None, None),
]


@pytest.mark.parametrize(("text", "eli", "url", "isap"), IDENTIFIERS)
def test_identifiers(text: str, eli: str | None, url: str | None, isap: str | None) -> None:
    (citation,) = extract_citations(text)
    (pub,) = citation.publications
    assert (pub.eli, pub.eli_url, pub.isap_id) == (eli, url, isap)


VOIVODESHIPS: list[tuple[str, str | None, str | None]] = [
    ("Dz. Urz. Woj. Op.", "opolskie", "POL_WOJ_OP"),
    ("Dz. Urz. Woj. Lubel.", "lubelskie", "POL_WOJ_LB"),
    ("Dz. Urz. Woj. Lubus.", "lubuskie", "POL_WOJ_LS"),
    ("Dz. Urz. Woj. Wielkopolskiego", "wielkopolskie", "POL_WOJ_WP"),
    ("Dz. Urzęd. Woj. Wlkp.", "wielkopolskie", "POL_WOJ_WP"),
    ("Dz. Urz. Woj. Zachodniopomorskiego", "zachodniopomorskie", "POL_WOJ_ZP"),
    ("Dz. Urz. Woj. Pomorskiego", "pomorskie", "POL_WOJ_PM"),
    ("Dz. Urz. Woj. Kujawsko-Pomorskiego", "kujawsko-pomorskie", "POL_WOJ_KP"),
    ("Dz. Urz. Woj. Warm.-Maz.", "warmińsko-mazurskie", "POL_WOJ_WM"),
    ("Dz. Urz. Woj. Maz.", "mazowieckie", "POL_WOJ_MZ"),
    ("Dz. Urz. Woj. Podl.", "podlaskie", "POL_WOJ_PL"),
    ("Dz. Urz. Woj. Podkarpackiego", "podkarpackie", "POL_WOJ_PK"),
    ("Dz. Urz. Woj. Śl.", "śląskie", "POL_WOJ_SL"),
    ("Dz. Urz. Woj. Świętokrzyskiego", "świętokrzyskie", "POL_WOJ_SK"),
    ("Dz. Urz. Woj. Dolnośląskiego", "dolnośląskie", "POL_WOJ_DS"),
    ("Dz. Urz. Woj. Łódzkiego", "łódzkie", "POL_WOJ_LD"),
    ("Dz. Urz. Woj. Małopolskiego", "małopolskie", "POL_WOJ_MP"),
    ("Dz. Urz. Woj. Lub.", None, None),  # lubelskie or lubuskie: the text does not tell
]


@pytest.mark.parametrize(("journal", "voivodeship", "code"), VOIVODESHIPS)
def test_voivodeship_journals(journal: str, voivodeship: str | None, code: str | None) -> None:
    (citation,) = extract_citations(f"({journal} z 2020 r. poz. 5)")
    (pub,) = citation.publications
    assert (pub.journal, pub.voivodeship, pub.publisher_code) == (journal, voivodeship, code)
    assert identifiers.voivodeship_of(journal) == (voivodeship, code)


# ---- spans, JSON, summaries -------------------------------------------------------------------------------

SPAN_TEXTS = [SEED, *(t for t, _ in NEW_STYLE + OLD_STYLE + COMPACT + OTHER_JOURNALS), *(t for t, *_ in ACTS)]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_slice_back(text: str) -> None:
    source = Source(text)
    for citation in find_citations(source):
        for pub in citation.publications:
            raw = text[pub.span.start: pub.span.end]
            assert pub.position is None or str(pub.position) in raw
            assert source.line_col(pub.span.start) == (pub.span.line, pub.span.column)
        for provision in citation.provisions:
            assert " ".join(text[provision.span.start: provision.span.end].split()) == provision.text
        if citation.act is not None and citation.act.title is not None:
            assert citation.act.title in " ".join(text[citation.act.span.start: citation.act.span.end].split())


def test_spans_are_absolute_in_a_region() -> None:
    text = "Tytuł.\n" + SEED
    source = Source(text)
    start = text.index("Na podstawie")
    (citation,) = parse_legal_basis(source, start, len(text))
    (pub,) = citation.publications
    assert text[pub.span.start: pub.span.end] == "Dz. U. z 2024 r, poz. 1465"
    assert pub.span.line == 2


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_json_round_trip(text: str) -> None:
    for citation in extract_citations(text):
        assert Citation.model_validate_json(citation.model_dump_json()) == citation


def test_publication_summary_shape() -> None:
    pub = Publication(
        span=Source("x").span(0, 1), journal="Dz. U.", year=2024, nr=None, position=1465,
    )
    assert publication_summary(pub) == {"journal": "Dz. U.", "year": 2024, "nr": None, "pos": 1465}


def test_act_date_is_a_date() -> None:
    (citation,) = extract_citations(SEED)
    assert citation.act is not None and citation.act.date == datetime.date(1990, 3, 8)


# ---- hostile input ---------------------------------------------------------------------------------------

HOSTILE = [
    "Dz. U. z " * 100_000,
    "(" * 50_000,
    "poz. 1, " * 50_000,
    "Nr 1 poz. 2 " * 30_000,
    "art. 5 i " * 30_000,
    "ustawy z dnia 8 marca 1990 r. " * 10_000,
    "§" * 50_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_input_yields_nothing(text: str) -> None:
    # bounded by the prefilter: nothing here is a reference, and nothing is reported
    assert extract_citations(text) == ()


def test_a_long_list_is_read_in_bounded_windows() -> None:
    text = "Dz. U. z 2020 r. poz. 1, " + "poz. 2, " * 20_000
    found = pubs(text)
    assert found[0] == ("Dz. U.", 2020, None, 1)
    assert 100 < len(found) < 1000  # a list longer than one window is cut, never re-read from scratch


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join), st.integers(0, 40), st.integers(0, 40))
def test_soft_anchors_are_those_finditer_finds(text: str, cut_start: int, cut_end: int) -> None:
    # the gated search is a speed device: the same anchors, cut anywhere
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert scan.soft_anchors(text, start, end) == [m.start() for m in scan.SOFT_ANCHOR.finditer(text, start, end)]


def test_soft_anchors_on_the_corpus_are_those_finditer_finds() -> None:
    for path in corpus_texts():
        text = path.read_text(encoding="utf-8")
        assert scan.soft_anchors(text, 0, len(text)) == [m.start() for m in scan.SOFT_ANCHOR.finditer(text)], path.name


def test_windows_are_disjoint_and_ordered() -> None:
    text = (SEED + " Tekst. ") * 50
    spans = scan.windows(text)
    assert spans == sorted(spans)
    assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(spans))


# ---- coarse tokens: a provision chain and a journal issue are one token each --------------------

UNIT_CHAINS: list[tuple[str, list[tuple[str, list[str]]]]] = [
    ("art. 18 ust. 2 pkt 15 lit. a", [("artykul", ["18"]), ("ustep", ["2"]), ("punkt", ["15"]), ("litera", ["a"])]),
    ("art. 18 ust.1, ust. 2 pkt 15", [("artykul", ["18"]), ("ustep", ["1"]), ("ustep", ["2"]), ("punkt", ["15"])]),
    ("ust. 1, 2 i 4-6", [("ustep", ["1", "2", "4-6"])]),
    ("ust. 1 – 3 oraz 5a", [("ustep", ["1 – 3", "5a"])]),
    ("§ 3 i pkt 4", [("paragraf", ["3"]), ("punkt", ["4"])]),
    ("lit. a i b) oraz zd. 2", [("litera", ["a", "b"]), ("zdanie", ["2"])]),
    ("lit. a, zd. 2", [("litera", ["a"]), ("zdanie", ["2"])]),
    ("pkt 3 tiret pierwsze", [("punkt", ["3"]), ("tiret", ["pierwsze"])]),
    ("art. 5 art. 6", [("artykul", ["5"]), ("artykul", ["6"])]),
    ("art. 18 b ust. l", [("artykul", ["18 b"]), ("ustep", ["l"])]),
]


@pytest.mark.parametrize(("text", "units"), UNIT_CHAINS, ids=[t for t, _ in UNIT_CHAINS])
def test_a_provision_chain_is_one_token_read_into_its_units(text: str, units: list[tuple[str, list[str]]]) -> None:
    tokens = list(_tree_tokens(text))
    assert [t.type for t in tokens] == ["UNITS"]
    read = coarse.read_units(tokens[0])
    assert [(u.name, [n.text for n in u.numbers]) for u in read] == units
    for unit in read:  # offsets are the window's
        assert all(text[n.start:n.end].strip() for n in unit.numbers)


ISSUES: list[tuple[str, list[str], list[tuple[str, Any]]]] = [
    ("Dz. U. z 2001 r. Nr 142, poz. 1591, Nr 62, poz. 558", ["JOURNAL_ISSUE"],
     [("journal", "Dz. U."), ("year", 2001), ("nr", 142), ("positions", ["poz. 1591"]), ("nr", 62),
      ("positions", ["poz. 558"])]),
    ("Dz. Urz. Woj. Op. z 2018 r. poz. 994, poz. 1000, 1349 i 1432", ["JOURNAL_ISSUE"],
     [("journal", "Dz. Urz. Woj. Op."), ("year", 2018), ("positions", ["poz. 994"]),
      ("positions", ["poz. 1000", "1349", "1432"])]),
    ("Dz. U. Nr 142 poz. 1591 z 2001 r.", ["JOURNAL_DU", "NR_ISSUE", "ISSUE"],
     [("nr", 142), ("positions", ["poz. 1591"]), ("year", 2001)]),
    ("tj. Nr 13 z 1996 roku poz. 74", ["CONSOLIDATED", "NR_ISSUE", "ISSUE"],
     [("nr", 13), ("year", 1996), ("positions", ["poz. 74"])]),
    ("Dz. U. z r. Nr 142, poz (the digits lost)", ["JOURNAL_ISSUE", "NOISE"],
     [("journal", "Dz. U."), ("year", None), ("nr", 142), ("positions", ["poz"])]),
    # an ISO date outranks the issue's year, as DATE always outranked YEAR
    ("Dz. U. z 2016-05-01 poz. 5", ["JOURNAL_DU", "DATE", "ISSUE"], [("positions", ["poz. 5"])]),
]


def _described(part: JournalPart | YearPart | NrPart | PositionsPart, text: str) -> tuple[str, Any]:
    match part:
        case JournalPart(name=name):
            return "journal", name
        case YearPart(year=year):
            return "year", year
        case NrPart(nr=nr):
            return "nr", nr
    return "positions", [text[p.start:p.end] for p in part.positions]


@pytest.mark.parametrize(("text", "types", "parts"), ISSUES, ids=[t for t, _, _ in ISSUES])
def test_a_journal_issue_is_one_token_read_into_its_parts(text: str, types: list[str], parts: list[Any]) -> None:
    tokens = list(_tree_tokens(text))
    assert [t.type for t in tokens] == types
    read = [p for t in tokens for p in (
        coarse.read_journal_issue(t) if t.type == "JOURNAL_ISSUE"
        else coarse.read_issue(str(t), t.start_pos or 0) if t.type in ("ISSUE", "NR_ISSUE") else ())]
    assert [_described(p, text) for p in read] == parts


# What the grammar's rules say a reference list and an act are made of (the parse tree's rules)
SHAPES: list[tuple[str, list[str]]] = [
    ("(t.j. Dz. U. z 2018 r. poz. 994, 1000 ze zm.)", ["references: lead publication"]),
    ("Dz. U. Nr 142, poz. 1591 z 2001 r.", ["references: publication"]),
    ("Dz. U. z 2017 r. poz. 2222, Dz. U. z 2018 r. poz. 12", ["references: publication publication"]),
    ("tj. Nr 13 z 1996 roku poz. 74", ["references: lead"]),
    ("Dz.U.97.102.643", ["references: publication"]),
    ("ustawy z dnia 8 marca 1990 r. o samorządzie gminnym", ["statute: act_title"]),
    ("ustawy z dnia 8 marca 1990 r. (Dz. U. z 2024 r. poz. 1465)", ["statute:", "references: paren_publication"]),
    ("rozporządzenia z dnia 2 lutego 2011 r. w sprawie badań", ["issued_act: dated subject"]),
    ("Statutu z dnia 5 maja 2010 r. (Dz. Urz. Woj. Op. Nr 5, poz. 6)", ["charter: dated", "references: publication"]),
    ("Konstytucji Rzeczypospolitej Polskiej z dnia 2 kwietnia 1997 r.", ["statute_word_dated:"]),
    ("ustawy o petycjach", ["undated_statute: undated_title"]),
    ("uchwały nr XXIV/373/12 Rady Miasta Opola z dnia 29 marca 2012 r. w sprawie uchwalenia Statutu",
     ["issued_act: issuer dated subject"]),
    ("Statutu Gminy Szczecinek przyjętego uchwałą Nr VII/50/2003", ["charter: charter_name adoption"]),
]


@pytest.mark.parametrize(("text", "shape"), SHAPES, ids=[t for t, _ in SHAPES])
def test_the_grammar_says_what_a_list_and_an_act_are_made_of(text: str, shape: list[str]) -> None:
    tree = get_parser(GRAMMAR).parse(text)
    found = [f"{c.data}: " + " ".join(str(g.data) for g in c.children if isinstance(g, Tree))
             for c in tree.children if isinstance(c, Tree)]
    assert [f.strip() for f in found] == [s.strip() for s in shape]


def test_an_act_number_is_not_a_journal_number() -> None:
    # "Nr" right after an act's name is the act's number: it never opens an issue
    assert [t.type for t in _tree_tokens("uchwały Nr 5, poz. 3")] == ["UCHWALA_KW", "NR", "COMMA", "ISSUE"]


# What may stand between the parts a reader finds in a coarse token: blanks and separators only.
_BETWEEN_PARTS = re.compile(r"(?:\s|[,;]|\b(?:i|oraz|lub)\b)*")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join))
def test_readers_take_every_coarse_token_whole(text: str) -> None:
    for tok in _tree_tokens(text):
        if tok.type == "UNITS":
            spans = [(m.start(), m.end()) for m in patterns.UNIT.finditer(str(tok))]
        elif tok.type in ("ISSUE", "NR_ISSUE"):
            spans = [(m.start(), m.end()) for m in patterns.ISSUE_PART.finditer(str(tok))]
        elif tok.type == "JOURNAL_ISSUE":
            journal = next(m for r in patterns.JOURNALS.values() if (m := r.match(str(tok))) is not None)
            spans = [(0, journal.end()), *((m.start(), m.end())
                                           for m in patterns.ISSUE_PART.finditer(str(tok), journal.end()))]
        else:
            continue
        assert spans and _BETWEEN_PARTS.fullmatch(str(tok), 0, spans[0][0]) and spans[-1][1] == len(tok)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert _BETWEEN_PARTS.fullmatch(str(tok), end, start), (str(tok), end, start)


def _tree_tokens(text: str) -> Iterator[Token]:
    """The tokens of the citation grammar's parse of ``text``, in order (the tree parser)."""
    tree = get_parser(GRAMMAR).parse(text)
    return iter(sorted(tree.scan_values(lambda v: isinstance(v, Token)), key=lambda t: t.start_pos or 0))


def test_a_list_of_numbers_after_one_keyword_gives_each_number_its_own_span() -> None:
    # the middle pieces once started one character before the window (a crash at offset 0)
    text = "ust. 1, 1a, 2 ustawy z dnia 21 sierpnia 1997 roku o gospodarce nieruchomościami"
    (citation,) = parse_legal_basis(Source(text), 0, len(text))
    assert [(p.text, text[p.span.start:p.span.end]) for p in citation.provisions] == [
        ("ust. 1", "ust. 1"), ("1a", "1a"), ("2", "2")]


def test_readers_repeat_the_grammars_own_terminals() -> None:
    # patterns.py reads coarse tokens back with copies of the grammar's pieces; a copy that drifts
    # would read a token differently from how it was lexed
    terminals = {t.name: t.pattern for t in get_parser(GRAMMAR).terminals}
    for name, regex in patterns.JOURNALS.items():
        if name in terminals:
            assert terminals[name].value == regex.pattern, name
        else:  # a journal only JOURNAL_ISSUE is made of (Lark inlines it there)
            assert regex.pattern in terminals["JOURNAL_ISSUE"].value, name
    for name in ("NUMBER", "NSEP", "RANGE", "NR"):
        assert terminals[name].value == getattr(patterns, name), name


ACTS_WITH_DATES = [
    ("ustawy z dnia 8 marca 1990 r. o samorządzie gminnym", ["USTAWA_KW", "DATE", "WORD"],
     ("ustawa", "1990-03-08", "o samorządzie gminnym")),
    ("rozporządzenia z dnia 2 lutego 2011 r. w sprawie badań", ["ROZPORZADZENIE_KW", "DATE", "W_SPRAWIE", "WORD"],
     ("rozporządzenie", "2011-02-02", "w sprawie badań")),
    ("Statutu z dnia 5 maja 2010 r. (Dz. Urz. Woj. Op. Nr 5, poz. 6)",
     ["STATUT_KW", "DATE", "NOISE", "JOURNAL_VOIV", "NR_ISSUE", "NOISE"], ("uchwała", "2010-05-05", "Statutu")),
]


@pytest.mark.parametrize(("text", "types", "act"), ACTS_WITH_DATES, ids=[t for t, _, _ in ACTS_WITH_DATES])
def test_an_act_name_and_its_date(text: str, types: list[str], act: tuple[str, str, str]) -> None:
    assert [t.type for t in _tree_tokens(text)] == types
    (found,) = basis(text)
    assert (found["kind"], found["date"], found["title"]) == act


def test_a_bracket_opens_a_list_in_its_first_token_but_is_not_part_of_it() -> None:
    text = "ustawy o drogach (t.j. Dz. U. z 2024 r. poz. 320), art. 5 (Dz. U. z 2023 r. poz. 1)"
    assert [t.type for t in _tree_tokens(text)] == [
        "USTAWA_KW", "WORD", "PAREN_CONSOLIDATED", "JOURNAL_ISSUE", "NOISE", "PSEP", "UNITS", "PAREN_JOURNAL_ISSUE",
        "NOISE"]
    found = extract_citations(text)
    assert [text[p.span.start:p.span.end] for c in found for p in c.publications] == [
        "Dz. U. z 2024 r. poz. 320", "Dz. U. z 2023 r. poz. 1"]
    assert found[0].consolidated and not found[-1].consolidated


def test_noise_between_stops_is_one_token() -> None:
    assert [t.type for t in _tree_tokens("Rada Gminy Janowo uchwala, co następuje: § 1.")] == [
        "STOP", "NOISE", "STOP", "NOISE", "UNITS", "NOISE"]


def test_a_reader_that_cannot_keep_the_grammars_promise_reports_its_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # a bug between the grammar and patterns.py gives no citations for that window, never a traceback,
    # and says so (in a parse, as the diagnostic citations-unread: tests/test_diagnostics.py)
    monkeypatch.setattr(patterns, "UNIT", re.compile(r"(?!)"))
    with pytest.warns(CitationsUnreadWarning, match="no unit in"):
        found = extract_citations("art. 5 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2024 r. poz. 1)")
    assert found == ()
