"""The header, one construct a row: each row a real-shaped text and what the tree must say."""

from __future__ import annotations

import datetime

import pytest

from uchwaly_parser import parse

BODY = "\n§ 1. Wykonanie uchwały powierza się Wójtowi Gminy.\n"


def header_of(head: str):  # type: ignore[no-untyped-def]
    return parse(head + "\nNa podstawie art. 18 ustawy o samorządzie gminnym Rada Gminy uchwala, co następuje:" + BODY).header


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("UCHWAŁA NR XI/69/2015\nRADY GMINY KRZYKOSY", "XI/69/2015"),
        ("Uchwała Nr 606/XLVI/98\nRady Miasta Jarosławia", "606/XLVI/98"),
        ("UCHWAŁA NrXII/90/99\nRady Gminy w Mrozach", "XII/90/99"),  # no space after Nr
        ("UCHWAŁA NR. XVI/104/07\nRADY GMINY JUCHNOWIEC KOŚCIELNY", "XVI/104/07"),
        ("Uchwała nr I/ 3 /02\nRady Gminy Sicienko", "I/3/02"),  # inner spaces removed
        ("UCHWAŁA Nr XXII/110/08RADY GMINY W SKARŻYSKU", "XXII/110/08"),  # glued to the body
        ("Uchwała Nr XI – 108/2011\nRady Powiatu Wołomińskiego", "XI–108/2011"),
        ("Uchwała Nr XL.262.2021 Rady Miejskiej w Ujeździe", "XL.262.2021"),
        ("Uchwała 48/02\nSejmiku Województwa Mazowieckiego", "48/02"),  # without "Nr"
        ("U C H W A Ł A Nr XIII/65/08", "XIII/65/08"),  # spaced capitals
        ("UCHWALA NR XIII/65/08\nRADY GMINY MROZY", "XIII/65/08"),  # an ASCII transcript lost the Ł
        ("UCHWAŁA Nr: XI/69/2015\nRADY GMINY KRZYKOSY", "XI/69/2015"),
        ("UCHWAŁA NR ...../2024\nRADY GMINY KRZYKOSY", None),  # a blank before the year
        ("UCHWAŁA NR …….\nRADY MIEJSKIEJ W JANOWIE LUBELSKIM", None),  # placeholders
        ("Uchwała Nr … / … / 2013\nRady Gminy Michałowice", None),
        ("UCHWAŁA Nr _____/___/2012\nRady Gminy Michałowice", None),
        ("Uchwała Nr XXVI.       .2020\nRady Miejskiej w Strumieniu", None),
        ("Uchwała Nr Rady Miasta Kędzierzyn-Koźle", None),
        ("UCHWAŁA RADY MIEJSKIEJ W MILICZU", None),  # no number printed
        ("Poz. 545 UCHWAŁA NR\nL/511/2017 RADY GMINY SZCZECINEK", "L/511/2017"),  # wrapped after "NR"
    ],
)
def test_number(head: str, number: str | None) -> None:
    header = header_of(head)
    assert (header.number.value if header.number else None) == number


def test_number_read_through_no_break_spaces_keeps_them_as_printed() -> None:
    header = header_of("UCHWAŁA NR\u00a0XI/69/2015\nRADY\u00a0GMINY KRZYKOSY")
    assert header.number is not None and header.number.value == "XI/69/2015"
    assert header.number.raw == "NR\u00a0XI/69/2015"
    assert header.body is not None and header.body.text == "RADY GMINY KRZYKOSY"


@pytest.mark.parametrize(
    ("head", "body", "tier"),
    [
        ("UCHWAŁA NR XI/69/2015\nRADY GMINY KRZYKOSY", "RADY GMINY KRZYKOSY", "gmina"),
        ("UCHWAŁA NR XIX/170/2016 RADY GMINY WERBKOWICE. z dnia 28 kwietnia 2016 r.", "RADY GMINY WERBKOWICE", "gmina"),
        ("Uchwała Nr XLV/258/22\nRady Miejskiej w Miejskiej Górce", "Rady Miejskiej w Miejskiej Górce", "miasto"),
        ("Uchwała Nr XVI/147/04 Rady Gminy w Bliżynie - w sprawie skargi", "Rady Gminy w Bliżynie", "gmina"),
        ("UCHWAŁA NR L/287/22\nRady Powiatu Pisz", "Rady Powiatu Pisz", "powiat"),
        ("Uchwała Nr X/103/99\nSejmiku Województwa Podkarpackiego w Rzeszowie",
         "Sejmiku Województwa Podkarpackiego w Rzeszowie", "województwo"),
        ("U C H W A Ł A Nr XIII/65/08\n\nz dnia: 2 grudnia 2008 r.", None, None),  # the header names no body
        ("UCHWAŁA NR XLI/518/13 RADY MIEJSKIEJ W\nPABIANICACH z dnia 27 czerwca 2013 r.",  # wrapped after "W"
         "RADY MIEJSKIEJ W PABIANICACH", "miasto"),
    ],
)
def test_issuing_body(head: str, body: str | None, tier: str | None) -> None:
    header = header_of(head)
    assert (header.body.text if header.body else None) == body
    assert (header.body.tier if header.body else None) == tier


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("z dnia 29 października 2015 r.", datetime.date(2015, 10, 29)),
        ("z dnia 20 maja 2004 roku", datetime.date(2004, 5, 20)),
        ("z dnia: 2 grudnia 2008 r.", datetime.date(2008, 12, 2)),
        ("Z dnia: 2 września 2004 r.", datetime.date(2004, 9, 2)),
        ("z dnia 28.09.2006", datetime.date(2006, 9, 28)),
        ("z dnia 24-09-2020", datetime.date(2020, 9, 24)),
        ("z dnia 2008-02-20", datetime.date(2008, 2, 20)),
        ("z dnia 22.12.2011r", datetime.date(2011, 12, 22)),
        ("z dnia 12.IV.2005 r.", datetime.date(2005, 4, 12)),  # a Roman month
        ("z dnia 1 III 2005r.", datetime.date(2005, 3, 1)),
        ("23 październik 2008r", datetime.date(2008, 10, 23)),  # no "z dnia", nominative month
        ("21 grudnia 2007 roku", datetime.date(2007, 12, 21)),
        ("21 GRUDNIA 2007 ROKU", datetime.date(2007, 12, 21)),  # a header set in capitals
        ("z dnia …………………. 2013 r.", None),  # placeholder
        ("z dnia 31 lutego 2015 r.", None),  # no such day: not invented
        ("z dnia 28\nkwietnia 2016 r.", datetime.date(2016, 4, 28)),  # wrapped by a transcript
        ("z dnia\n24-09-2020", datetime.date(2020, 9, 24)),
        ("z dnia 30 września 2009r.w sprawie skargi", datetime.date(2009, 9, 30)),  # the subject glued on
    ],
)
def test_date(line: str, date: datetime.date | None) -> None:
    header = header_of(f"UCHWAŁA NR I/1/2015\nRADY GMINY KRZYKOSY\n{line}")
    assert header.date is not None
    assert header.date.value == date


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("w sprawie nadania nazwy placowi", "nadania nazwy placowi"),
        ("w sprawie: nadania nazw skwerom na terenie m. Nowy Dwór Maz..", "nadania nazw skwerom na terenie m. Nowy Dwór Maz."),
        ("w sprawie nadania nazwy nowo powstałej ulicy w Pruszczu Gdańskim.", "nadania nazwy nowo powstałej ulicy w Pruszczu Gdańskim"),
        ("zmieniająca uchwałę w sprawie Statutu Dzielnicy Działki Leśne", "Statutu Dzielnicy Działki Leśne"),
        ("w sprawie nadania\nPublicznej Szkole Podstawowej Nr 5 w Nisku\n imienia Piechoty.",
         "nadania Publicznej Szkole Podstawowej Nr 5 w Nisku imienia Piechoty"),  # over three lines
        ("w sprawie taryf dla Spółki z o.o.", "taryf dla Spółki z o.o."),  # the abbreviation keeps its dot
        ("w sprawie programu współpracy na 2012 rok.", "programu współpracy na 2012 rok"),  # a short word, not one
        ("w sprawie skargi z dnia 16 marca 2023 r.", "skargi z dnia 16 marca 2023 r"),  # GOLD_SCHEMA: "na 2002 r"
        ("W sprawie | przekształcenia szpitala |", "przekształcenia szpitala"),  # a table row
        ("o nadaniu tytułu Honorowego Obywatela Gminy", "o nadaniu tytułu Honorowego Obywatela Gminy"),  # no "w sprawie"
        ("zmieniająca uchwałę budżetową na 2015 rok", "zmieniająca uchwałę budżetową na 2015 rok"),
        ("dotycząca zmian w budżecie gminy", "dotycząca zmian w budżecie gminy"),
        ("o zmianie uchwały w sprawie diet radnych", "diet radnych"),  # as "zmieniająca uchwałę w sprawie X"
        ("w przedmiocie ustalenia stawek", "ustalenia stawek"),
        # the lead is a token of its own: a colon or cell border after it, also on the next line, is not the subject's
        ("– w sprawie:\nustalenia stawek", "ustalenia stawek"),
        ("w sprawie\n: ustalenia stawek", "ustalenia stawek"),
        ("w sprawie", None),  # the subject ends at once
        # a blank line inside the subject when the next line goes on in lower case
        ("w sprawie określenia wysokości stawek podatku\n\nod nieruchomości", "określenia wysokości stawek podatku od nieruchomości"),
        # a nested act's own date and "w sprawie" are words of the subject
        ("w sprawie zmiany uchwały nr XII/80/2015 z dnia 12 grudnia 2015 r. Rady Gminy X w sprawie diet radnych",
         "zmiany uchwały nr XII/80/2015 z dnia 12 grudnia 2015 r. Rady Gminy X w sprawie diet radnych"),
        ("w sprawie zwolnień gruntów, o których mowa w art. 3 ust. 3 ustawy z dnia 24 kwietnia 2003 r. o działalności"
         " pożytku publicznego", "zwolnień gruntów, o których mowa w art. 3 ust. 3 ustawy z dnia 24 kwietnia 2003 r. o"
         " działalności pożytku publicznego"),
        # a place-and-date line is not the subject's
        ("w sprawie przyjęcia regulaminu\n(Warszawa, dnia 14 kwietnia 1999 r.)", "przyjęcia regulaminu"),
    ],
)
def test_subject(title: str, subject: str) -> None:
    header = header_of(f"UCHWAŁA NR I/1/2015\nRADY GMINY KRZYKOSY\nz dnia 1 marca 2015 r.\n{title}\n")
    assert header.title is not None
    assert header.title.subject == subject


def test_subject_stops_at_a_line_that_opens_the_body() -> None:
    text = "UCHWAŁA NR I/1/2015\nRADY GMINY X\nw sprawie podatku\nRada Gminy X uchwala, co następuje:\n§ 1. Tekst."
    resolution = parse(text)
    assert resolution.header.title.subject == "podatku"  # type: ignore[union-attr]
    assert resolution.enacting_clause is not None and resolution.enacting_clause.body == "Rada Gminy X"


def test_whole_title_is_kept_for_amending_resolutions() -> None:
    header = header_of("UCHWAŁA NR I/1/2015\nRADY GMINY X\nzmieniająca uchwałę w sprawie diet radnych\n")
    assert header.title is not None
    assert header.title.text == "zmieniająca uchwałę w sprawie diet radnych"


def test_a_page_that_glued_its_pieces_still_splits_into_date_subject_and_enacting_body() -> None:
    text = ("UCHWAŁA NR XX/140/2003 RADY MIEJSKIEJ W SZCZYTNIE z dnia 24 listopada 2003 r.w sprawie pomocy de minimis "
            "preferencyjnejRada Miejska w Szczytnie, działając na podstawie art. 18 ustawy z dnia 8 marca 1990 r. o "
            "samorządzie gminnym, uchwala, co następuje: § 1. Tekst. § 2. Uchwała wchodzi w życie z dniem podjęcia.")
    resolution = parse(text)
    assert resolution.header.date is not None and resolution.header.date.value == datetime.date(2003, 11, 24)
    assert resolution.header.title is not None and resolution.header.title.subject == "pomocy de minimis preferencyjnej"
    assert resolution.enacting_clause is not None and resolution.enacting_clause.body == "Rada Miejska w Szczytnie"


def test_the_title_is_the_first_one_not_a_resolution_the_legal_basis_names() -> None:
    # a journal text: masthead, the title, then a legal basis that names other resolutions in lower case
    text = ("DZIENNIK URZĘDOWY\nWOJEWÓDZTWA DOLNOŚLĄSKIEGO\nWrocław, dnia 6 marca 2025 r.\nPoz. 1124\n"
            "UCHWAŁA NR XIII/161/25\nRADY MIEJSKIEJ LEGNICY\nz dnia 24 lutego 2025 r.\nw sprawie planu\n"
            "Na podstawie art. 18 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym, po stwierdzeniu, że plan nie "
            "narusza studium przyjętego uchwałą\nnr XLIV/425/02 Rady Miejskiej Legnicy z dnia 28 stycznia 2002 r.\n"
            "(uchwała nr LX/668/23 Rady Miejskiej Legnicy z dnia 25 września 2023 r. – tekst jednolity) uchwala się, co "
            "następuje:\n§ 1. Uchwala się plan.\n§ 2. Uchwała wchodzi w życie po upływie 14 dni.\n")
    resolution = parse(text)
    header = resolution.header
    assert header.number is not None and header.number.value == "XIII/161/25"
    assert header.date is not None and header.date.value == datetime.date(2025, 2, 24)
    assert header.title is not None and header.title.subject == "planu"
    # the conformity recital ("po stwierdzeniu, że …") closes the acts the plan is based on
    acts = [(c.act.kind, c.act.title) for c in resolution.legal_basis_citations() if c.act]
    assert acts == [("ustawa", "o samorządzie gminnym")]


def test_subject_stops_where_the_legal_basis_runs_on() -> None:
    text = "UCHWAŁA NR I/1/2015 RADY GMINY X z dnia 1 marca 2015 r. w sprawie podatku Na podstawie art. 18 uchwala się, co następuje: § 1. Tekst."
    assert parse(text).header.title.subject == "podatku"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        # a PDF transcript: the whole header on one line, a bare date after the body
        ("UCHWAŁA NR XVI/104/07 RADY GMINY JUCHNOWIEC KOŚCIELNY 21 grudnia 2007 roku w sprawie przystąpienia do LGD.",
         "RADY GMINY JUCHNOWIEC KOŚCIELNY", datetime.date(2007, 12, 21)),
        # a portal's publication date and counter between the body and the date
        ("UCHWAŁA Nr XXII/110/08RADY GMINY W SKARŻYSKU 2008-10-31 1239 Art. czytany: 2053 razy 23 październik 2008r "
         "w sprawie: zmiany studium", "RADY GMINY W SKARŻYSKU", datetime.date(2008, 10, 23)),
        # a BIP table joined onto one line: cells end at " | ", the legal basis opens a cell
        ("Uchwała Sejmiku nr III/21/8/2008 z dnia 2008-02-20 Data ogłoszenia | 2008-02-20 | ---|---| "
         "W sprawie | przekształcenia szpitala |", "Sejmiku", datetime.date(2008, 2, 20)),
        # no subject: the legal basis follows the date on its line
        ("Uchwała Nr XL.262.2021 Rady Miejskiej w Ujeździe z dnia 20-12-2021", "Rady Miejskiej w Ujeździe",
         datetime.date(2021, 12, 20)),
    ],
)
def test_a_header_on_one_line(head: str, body: str, date: datetime.date) -> None:
    basis = " art. 18 ustawy" if head.endswith("|") else " Na podstawie art. 18 ustawy"
    resolution = parse(head + basis + " Rada Gminy uchwala, co następuje: § 1. Tekst.")
    assert resolution.header.body is not None and resolution.header.body.text == body
    assert resolution.header.date is not None and resolution.header.date.value == date
    assert resolution.legal_basis is not None and resolution.legal_basis.text == basis.strip()


def test_website_furniture_before_the_real_header_is_skipped() -> None:
    text = (
        "Projekt uchwały\nw sprawie ronda\nUchwała Nr 5/2013 w sprawie ronda\n\n"
        "UCHWAŁA NR IV/5/2013\nRADY GMINY MICHAŁOWICE\nz dnia 3 lipca 2013 r.\nw sprawie nadania nazwy rondu\n"
        "Na podstawie art. 18 ustawy uchwala się, co następuje:\n§ 1. Nadaje się nazwę."
    )
    resolution = parse(text)
    assert resolution.header.number.value == "IV/5/2013"  # type: ignore[union-attr]
    assert resolution.header.body.text == "RADY GMINY MICHAŁOWICE"  # type: ignore[union-attr]
    assert resolution.projekt


@pytest.mark.parametrize(
    ("text", "projekt"),
    [
        ("projekt\nUCHWAŁA NR …\nRADY GMINY X\n§ 1. Tekst.", True),
        ("PROJEKT\n\nUCHWAŁA NR …\nRADY GMINY X\n§ 1. Tekst.", True),
        ("UCHWAŁA NR I/1/2015\nRADY GMINY X\n§ 1. Ustala się tekst w projekcie statutu.", False),
        ("UCHWAŁA NR I/1/2015\nRADY GMINY X\n§ 1. Tekst.\nprojekt Załącznik do uchwały Nr...", True),
    ],
)
def test_projekt(text: str, projekt: bool) -> None:
    assert parse(text).projekt is projekt


@pytest.mark.parametrize(
    ("prelude", "journal", "year", "position"),
    [
        ("1 DZIENNIK URZĘDOWY WOJEWÓDZTWA OPOLSKIEGO Opole, dnia 5 grudnia 2016 r. Poz. 2701 ",
         "DZIENNIK URZĘDOWY WOJEWÓDZTWA OPOLSKIEGO", 2016, 2701),
        ("DZIENNIK URZĘDOWY WOJEWÓDZTWA WARMIŃSKO-MAZURSKIEGO Olsztyn, dnia 21 marca 2013 r. Poz ",
         "DZIENNIK URZĘDOWY WOJEWÓDZTWA WARMIŃSKO-MAZURSKIEGO", 2013, None),  # the position's digits were lost
        ("Dziennik Urzędowy Województwa Śląskiego\nPoz. 4567\n", "Dziennik Urzędowy Województwa Śląskiego", None, 4567),
    ],
)
def test_a_journal_masthead_is_document_metadata(prelude: str, journal: str, year: int | None, position: int | None) -> None:
    resolution = parse(prelude + "UCHWAŁA NR XV/120/2019\nRADY GMINY X\n§ 1. Tekst.")
    assert resolution.journal is not None
    assert (resolution.journal.journal, resolution.journal.year, resolution.journal.position) == (journal, year, position)
    assert [p for c in resolution.citations for p in c.publications] == []  # the page's own position is not a citation
