"""Units, enacting clauses and signatures, one construct a row."""

from __future__ import annotations

import pytest

from uchwaly_parser import Document, parse
from uchwaly_parser.models.document import Litera, Paragraf, Punkt, Resolution, Text, Tiret, Unit, Ustep
from uchwaly_parser.structure import paragraf_numbers

HEAD = "UCHWAŁA NR I/1/2024\nRADY GMINY PRZYKŁADOWO\nz dnia 1 marca 2024 r.\nw sprawie testu\n"


def body_of(body: str, basis: str = "Na podstawie art. 18 ustawy Rada Gminy Przykładowo uchwala, co następuje:\n") -> Resolution:
    return parse(HEAD + basis + body)


def outline(nodes: tuple[object, ...] | list[object]) -> list[object]:
    """Kinds and numbers of units, nested: [("paragraf", "1", [...]), ...]."""
    return [(n.kind, n.number, outline(n.content)) for n in nodes if isinstance(n, Unit)]


@pytest.mark.parametrize(
    ("body", "numbers"),
    [
        ("§ 1. Tekst.\n§ 2. Tekst.\n§ 3. Tekst.", ["1", "2", "3"]),
        ("§1\nTekst.\n§2\nTekst.", ["1", "2"]),
        ("§ 1 \nTekst.\n\n§ 2\n Tekst.", ["1", "2"]),
        ("par. 1\nTekst.\npar. 2\nTekst.", ["1", "2"]),
        ("§ 1. Tekst.\n§ 2a. Tekst wstawiony.\n§ 2b. Tekst.", ["1", "2a", "2b"]),
        ("§ 1. Tekst. § 2. Tekst w jednej linii. § 3. Koniec.", ["1", "2", "3"]),  # a PDF transcript line
        ("§\u00a01.\u00a0Tekst.\n§\u00a02. Wykonanie uchwały\u00a0powierza się Wójtowi.", ["1", "2"]),  # &nbsp;
        ("§ 1. Tekst.\n§ 2. Wykonanie powierza się Burmistrzowi. §\n3. Uchwała wchodzi w życie.", ["1", "2", "3"]),  # wrapped
        ("§ 1. Tekst.\n§ 2. Diety określone w\n§ 1 mają zastosowanie od 2022 r.\n§ 3. Koniec.", ["1", "2", "3"]),  # a reference
        ("§ 1. Mowa w § 2 ust. 1 i o którym mowa w § 3.\n§ 2. Tekst.", ["1", "2"]),  # references are text
        ("§ 1. Nadaje się nazwy:\n§ skwer nr 1 – „Skwer”\n§ skwer nr 2 – „Park”.\n§ 2. Tekst.", ["1", "2"]),  # § as a bullet
        ("§ 1. W uchwale § 2 otrzymuje brzmienie:\n„§ 2. 1. Nowy tekst.\n2. Dalszy tekst.”.\n§ 2. Koniec.", ["1", "2"]),
    ],
)
def test_paragraf_numbers(body: str, numbers: list[str]) -> None:
    assert paragraf_numbers(body_of(body).content) == numbers


# A "§ N" that opens a line after a line ending on a preposition is a reference wrapped onto a line of
# its own (the lexer declines the PARAGRAF: postlex.py); the § after any other line opens a unit.
WRAPPED = [
    # (the line before, the § line: text of the § before, or None where it opens a new §)
    ("Diety określone w", "§ 1 mają zastosowanie"),
    ("Diety określone w", "§ 1. mają zastosowanie"),
    ("na zasadach zawartych w", "§ 1 i § 2."),  # d79 as a layout-keeping extraction wraps it
    ("z zastrzeżeniem ust. 4 oraz", "§ 1 – dla terenów"),  # not a tiret: the reference's words
    ("stosuje się przepisy przez", "par. 1"),
    ("Diety określone w", "§\n1 mają zastosowanie"),  # a wrapped "§⏎N" is declined too: a line of text each
    ("Diety określone W", None),  # a capital: not the sentence's preposition
    ("Diety określone w ", None),  # a blank after it: the line was not cut inside the sentence
    ("Koszty ponosi gmina", None),
]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize(("before", "wrapped"), WRAPPED)
@pytest.mark.parametrize("fast", [True, False], ids=["lark-cython", "pure"])
def test_paragraf_after_a_preposition_is_a_wrapped_reference(
    before: str, wrapped: str | None, line_end: str, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fast:
        monkeypatch.delenv("UCHWALY_PARSER_PURE", raising=False)
    else:
        monkeypatch.setenv("UCHWALY_PARSER_PURE", "1")
    line = wrapped if wrapped is not None else "§ 1 mają zastosowanie"
    body = f"§ 1. Tekst.\n§ 2. {before}\n{line}\n§ 3. Koniec.".replace("\n", line_end)
    resolution = body_of(body)
    if wrapped is None:
        assert paragraf_numbers(resolution.content) == ["1", "2", "1", "3"]
    else:
        assert paragraf_numbers(resolution.content) == ["1", "2", "3"]
        second = resolution.paragrafy()[1]
        assert [n.text for n in second.content if isinstance(n, Text)] == [before, *wrapped.split("\n")]


@pytest.mark.parametrize(
    ("body", "numbers"),
    [
        # a sentence that ends on a date or an amount: "r." and "zł." are not the abbreviations of a reference
        ("§ 1. Obowiązuje do 31 grudnia 2023 r. § 2. Trasa w załączniku. § 3. Koniec.", ["1", "2", "3"]),
        ("§ 1. Cena wynosi 45,00 zł. § 2. Wykonanie uchwały powierza się Wójtowi.", ["1", "2"]),
        # joined lines with no full stop at all: the numbering asks for the § that ran into the text
        ("§ 1. Działka o powierzchni 0,39 ha § 2. Wykonanie uchwały powierza się Wójtowi. § 3. Koniec.", ["1", "2", "3"]),
        ("§ 1. Ustala się:\n1) stawkę § 2 Wykonanie uchwały powierza się Wójtowi.\n§ 3. Koniec.", ["1", "2", "3"]),
        ("§ 1. Tekst.\n§ 2. Tekst zmiany Wójtowi Gminy Łomża § 3 Uchwała wchodzi w życie z dniem podjęcia.", ["1", "2", "3"]),
        ("UNRECOGNIZED UNRECOGNIZED § 1. Placowi nadaje się nazwę.\n§ 2. Koniec.", ["1", "2"]),  # before the first
        ("par. 1 Zmienić nazwę ulicy osiedla par. 2 Wykonanie uchwały powierza się Zarządowi. par. 3 Koniec.",
         ["1", "2", "3"]),
        # an OCR'd page on one line: a chapter's heading run into the § after it, the §'s ustęp the next unit
        ("§ 1. Tekst. ROZDZIAŁ 2. USTALENIA SZCZEGÓŁOWE § 2. 1. Ustala się linie. 2. Dalej. § 3. Koniec.",
         ["1", "2", "3"]),
        # ... but not from a reference, a quotation, or without a gap in the numbering
        ("§ 1. Zgodnie z § 2. Rada ustala stawki.\n§ 3. Koniec.", ["1", "3"]),
        ("§ 1. W uchwale wprowadza się „§ 2. Nowy tekst.”\n§ 3. Koniec.", ["1", "3"]),
        ("§ 1. Działka o powierzchni 0,39 ha § 2. Ustala się cenę.\n§ 2. Koniec.", ["1", "2"]),
    ],
)
def test_run_in_paragrafy(body: str, numbers: list[str]) -> None:
    resolution = body_of(body)
    assert paragraf_numbers(resolution.content) == numbers
    first, end = resolution.span.start, resolution.span.end  # every § stays inside the resolution, in order
    starts = [p.span.start for p in resolution.paragrafy()]
    assert starts == sorted(starts) and all(first <= s < end for s in starts)


def test_run_in_paragraf_takes_the_words_and_units_after_its_sign() -> None:
    resolution = body_of("§ 1. Ustala się:\n1) stawkę 10 zł § 2 Wykonanie uchwały:\n1) Wójtowi.\n§ 3. Koniec.")
    first, second, _ = resolution.paragrafy()
    assert outline(first.content) == [("punkt", "1", [])]
    assert first.content[-1].content[0].text == "stawkę 10 zł"  # type: ignore[union-attr]
    assert [n.text for n in second.content if isinstance(n, Text)] == ["Wykonanie uchwały:"]
    assert outline(second.content) == [("punkt", "1", [])]
    source = HEAD + "Na podstawie art. 18 ustawy Rada Gminy Przykładowo uchwala, co następuje:\n"
    assert (source + "§ 1. Ustala się:\n1) stawkę 10 zł § 2 Wykonanie")[second.span.start :].startswith("§ 2 Wykonanie")


@pytest.mark.parametrize(
    ("body", "numbers"),
    [
        # a transcript lost every "§": the bare numbers are the §§
        ("1. Nadaje się statut. 2. Wykonanie uchwały powierza się Wójtowi. 3. Uchwała wchodzi w życie.", ["1", "2", "3"]),
        # "1. 1." is § 1 and its ustęp 1; a repeated "2." is first an ustęp, then the next §
        ("1. 1. Ustanawia się tytuł. 2. Tytuł nadaje Rada. 2. Traci moc uchwała. 3. Uchwała wchodzi w życie.", ["1", "2", "3"]),
        # § 1 lost even its number: the words before "2." are § 1 and "2." its ustęp
        ("Ustala się strefę. 2. Strefa obejmuje ulice. 2. Opłaty określa załącznik. 3. Uchwała wchodzi w życie.", ["1", "2", "3"]),
        # the executor and entry-into-force clauses stand in §§ of their own even without numbers
        ("1. Nadaje się statut do uchwały Wykonanie uchwały powierza się Wójtowi Uchwała wchodzi w życie z dniem podjęcia.", ["1", "2", "3"]),
        # no numbering at all: nothing is invented
        ("Nadaje się imię szkole.\nUchwała wchodzi w życie z dniem podjęcia.", []),
    ],
)
def test_lost_paragraf_signs(body: str, numbers: list[str]) -> None:
    resolution = body_of(body)
    assert paragraf_numbers(resolution.content) == numbers
    assert all(p.inferred for p in resolution.paragrafy())


def test_unit_hierarchy() -> None:
    body = (
        "§ 1. 1. Ustala się:\n1) stawki:\na) dla budynków,\nb) dla gruntów:\n– zabudowanych,\n– – w tym rolnych,\n"
        "2) terminy.\n2. Drugi ustęp.\n§ 2. Koniec."
    )
    tree = outline(body_of(body).content)
    assert tree == [
        ("paragraf", "1", [
            ("ustep", "1", [
                ("punkt", "1", [("litera", "a", []), ("litera", "b", [("tiret", None, []), ("tiret", None, [])])]),
                ("punkt", "2", []),
            ]),
            ("ustep", "2", []),
        ]),
        ("paragraf", "2", []),
    ]


def test_unit_text_and_czesc_wspolna() -> None:
    resolution = body_of("§ 1. Zwalnia się:\n1) budynki;\n2) grunty\n– jeżeli nie służą działalności.\n§ 2. Koniec.")
    first = resolution.paragrafy()[0]
    assert first.own_text() == "Zwalnia się:"
    punkty = [c for c in first.content if isinstance(c, Punkt)]
    assert [p.own_text() for p in punkty] == ["budynki;", "grunty"]
    assert isinstance(punkty[1].content[-1], Tiret)


def test_quoted_amendment_stays_text_of_the_unit_that_quotes_it() -> None:
    resolution = body_of("§ 1. § 2 otrzymuje brzmienie:\n„§ 2. 1. Apteki są czynne.\n2. W niedziele dyżur.”.\n§ 2. Koniec.")
    first = resolution.paragrafy()[0]
    assert not any(isinstance(c, Unit) for c in first.content)
    assert "„§ 2. 1. Apteki są czynne. 2. W niedziele dyżur.”." in first.own_text()


@pytest.mark.parametrize(
    ("basis", "body", "verb"),
    [
        ("Na podstawie art. 18 ustawy Rada Gminy Krzykosy uchwala, co następuje:\n", "Rada Gminy Krzykosy", "uchwala"),
        ("Na podstawie art. 18 ustawy (Dz. U. z 2018 r. poz. 994) - Rada Miasta Opola postanawia:\n", "Rada Miasta Opola", "postanawia"),
        ("Na podstawie art. 18 ustawy uchwala się, co następuje:\n", None, "uchwala się"),
        ("Na podstawie art. 18 ustawy uchwala się co następuje:\n", None, "uchwala się"),
        ("Na podstawie art. 18 ustawy\n\nR a d a  G m i n y  S i c i e n k o\nuchwala, co następuje:\n", "Rada Gminy Sicienko", "uchwala"),
        ("Na podstawie art. 18 ustawy\nRada Miasta Jastrzębie-Zdrój\n\nu c h w a ł a\n", "Rada Miasta Jastrzębie-Zdrój", "u c h w a ł a"),
        ("Na podstawie art. 18 ustawy Rada Gminy Budry uchwała, co następuje:\n", "Rada Gminy Budry", "uchwała"),
        ("Na mocy art. 18 ustawy (Dz. U. z 2023 r. poz. 40) Rada Gminy Krzykosy uchwala, co następuje:\n", "Rada Gminy Krzykosy", "uchwala"),
        ("W oparciu o art. 18 ustawy Rada Gminy Krzykosy uchwala, co następuje:\n", "Rada Gminy Krzykosy", "uchwala"),
        ("Zgodnie z art. 18 ustawy Rada Gminy Krzykosy uchwala, co następuje:\n", "Rada Gminy Krzykosy", "uchwala"),
        ("Stosownie do art. 18 ustawy Rada Gminy Krzykosy postanawia:\n", "Rada Gminy Krzykosy", "postanawia"),
        ("Działając na podstawie art. 18 ustawy – Rada Miejska w Brzostku  u c h w a l a, co następuje:\n",
         "Rada Miejska w Brzostku", "u c h w a l a"),
        # the body's name ends where the clause goes on before its verb
        ("Na podstawie art. 18 ustawy Rada Gminy Krzykosy, na wniosek Wójta Gminy, uchwala, co następuje:\n",
         "Rada Gminy Krzykosy", "uchwala"),
        ("Na podstawie art. 18 ustawy Rada Gminy Krzykosy po zasięgnięciu opinii Komisji uchwala, co następuje:\n",
         "Rada Gminy Krzykosy", "uchwala"),
        ("Na podstawie art. 18 ustawy Rada Miejska w Janowie Lubelskim w głosowaniu jawnym uchwala:\n",
         "Rada Miejska w Janowie Lubelskim", "uchwala"),
        ("Na podstawie art. 18 ustawy RADA GMINY KRZYKOSY UCHWALA SIĘ, CO NASTĘPUJE:\n", "RADA GMINY KRZYKOSY", "UCHWALA"),
        ("Na podstawie art. 18 ustawy Rada Gminy Krzykosy jednogłośnie postanawia:\n", "Rada Gminy Krzykosy", "postanawia"),
        ("Na podstawie art. 18 ustawy\nR a d a  G m i n y  S i c i e n k o , uchwala:\n", "Rada Gminy Sicienko", "uchwala"),
        ("Na podstawie art. 18 ustawy\nR a d a  G m i n y Sicienko uchwala:\n", "R a d a G m i n y Sicienko", "uchwala"),
        # a transcript that glued the verb to the name: the verb still ends the body's name
        ("Na podstawie art. 18 ustawy -Rada Gminy Krzykosyu c h w a l a\n", "Rada Gminy Krzykosy", "u c h w a l a"),
        # inverted: the body before the basis (GOLD_SCHEMA), on its own line or run on after the title
        ("Rada Miejska w Brzostku, działając na podstawie art. 18 ustawy (Dz. U. z 2023 r. poz. 40), uchwala, co "
         "następuje:\n", "Rada Miejska w Brzostku", "uchwala"),
        ("\nSejmik Województwa Śląskiego działając na podstawie art. 18 ustawy uchwala:\n",
         "Sejmik Województwa Śląskiego", "uchwala"),
    ],
)
def test_enacting_clause(basis: str, body: str | None, verb: str) -> None:
    resolution = body_of("§ 1. Tekst.", basis)
    assert resolution.enacting_clause is not None
    assert resolution.enacting_clause.body == body
    assert resolution.enacting_clause.verb == verb
    assert resolution.legal_basis is not None
    assert resolution.legal_basis.text.startswith(
        ("Na podstawie", "Działając", "działając", "Na mocy", "W oparciu", "Zgodnie z", "Stosownie do"))
    assert resolution.header.title is not None and resolution.header.title.subject == "testu"


@pytest.mark.parametrize(
    ("closing", "role", "name"),
    [
        ("Przewodniczący Rady Gminy\n(-) Wiesław Zając", "Przewodniczący Rady Gminy", "Wiesław Zając"),
        ("Przewodnicząca Rady Miejskiej\n\n        w Janowie Lubelskim\n\n   Bożena Czajkowska",
         "Przewodnicząca Rady Miejskiej w Janowie Lubelskim", "Bożena Czajkowska"),
        ("Przewodniczący\nRady Miasta Jarosławia\nmgr Jarosław Pagacz", "Przewodniczący Rady Miasta Jarosławia", "mgr Jarosław Pagacz"),
        ("Przewodniczący Rady Gminy w Kowali: Arkadiusz Pięta", "Przewodniczący Rady Gminy w Kowali", "Arkadiusz Pięta"),
        ("Przewodniczący Rady Gminy Przykładowo Jan Kowalski", "Przewodniczący Rady Gminy Przykładowo", "Jan Kowalski"),
        ("PRZEWODNICZĄCY RADY\n/-/ EDWARD RYBKA", "PRZEWODNICZĄCY RADY", "EDWARD RYBKA"),
        ("Wiceprzewodniczący Rady\n\nMarek Kawa", "Wiceprzewodniczący Rady", "Marek Kawa"),
        ("Przewodniczący Rady Gminy\n\nPDFUchwała XVII/139/2020.pdf", "Przewodniczący Rady Gminy", None),
        ("Przewodniczący Rady Gminy Jan Nowak Załącznik do Uchwały Nr I/1/2024", "Przewodniczący Rady Gminy", "Jan Nowak"),
        ("Przewodniczący Rady Gminy\n(-)\nJan Kowalski", "Przewodniczący Rady Gminy", "Jan Kowalski"),
        ("Przewodniczący Rady\n(podpis nieczytelny)", "Przewodniczący Rady", None),
        # a name wrapped over two lines by a transcript
        ("Przewodniczący Rady Gminy Andrzej\nKujawski", "Przewodniczący Rady Gminy", "Andrzej Kujawski"),
        # what a one-line page runs into the name: portal labels, OCR's image placeholders
        ("Przewodniczący Rady Gminy Radosław Gajda Odsłony: 2534", "Przewodniczący Rady Gminy", "Radosław Gajda"),
        ("Wiceprzewodniczący Rady Marek Kawa UNRECOGNIZED UNRECOGNIZED", "Wiceprzewodniczący Rady", "Marek Kawa"),
        ("Przewodniczący Rady Gminy\nJan NOWAK", "Przewodniczący Rady Gminy", "Jan NOWAK"),  # surname in capitals
        # the signed-original marks as printed: dashes of every kind, spaced, or words
        ("Przewodniczący Rady Gminy\n(–) Jan Nowak", "Przewodniczący Rady Gminy", "Jan Nowak"),
        ("Przewodniczący Rady Gminy\n/ — / Jan Nowak", "Przewodniczący Rady Gminy", "Jan Nowak"),
        ("Przewodniczący Rady Gminy\n/podpis/ Jan Nowak", "Przewodniczący Rady Gminy", "Jan Nowak"),
        ("Przewodniczący Rady Gminy\n/ podpisano kwalifikowanym podpisem elektronicznym /\nJan Nowak",
         "Przewodniczący Rady Gminy", "Jan Nowak"),
        # an ASCII transcript; the name after a run of tabs or spaces on the role's line; a page's furniture between
        ("Przewodniczacy Rady Gminy\nJan Nowak", "Przewodniczacy Rady Gminy", "Jan Nowak"),
        ("Przewodniczący Rady Gminy\t\t\tJan Nowak", "Przewodniczący Rady Gminy", "Jan Nowak"),
        ("Przewodnicząca Rady Miejskiej          Anna Nowak", "Przewodnicząca Rady Miejskiej", "Anna Nowak"),
        ("Przewodniczący Rady Gminy\nId: 6712E358-DCDF-45BF. Podpisany Strona 2\nJan Nowak", "Przewodniczący Rady Gminy",
         "Jan Nowak"),
        # a single letter where a cut file ends is not a name
        ("Przewodniczący Rady Gminy\nJ", "Przewodniczący Rady Gminy", None),
    ],
)
def test_signature(closing: str, role: str, name: str | None) -> None:
    resolution = body_of("§ 1. Uchwała wchodzi w życie z dniem podjęcia.\n\n" + closing)
    assert resolution.signature is not None
    assert (resolution.signature.role, resolution.signature.name) == (role, name)


def test_attachments_and_uzasadnienie_hold_their_own_units() -> None:
    resolution = body_of(
        "§ 1. Przyjmuje się program.\n§ 2. Koniec.\nPrzewodniczący Rady Gminy\nJan Nowak\n"
        "Załącznik nr 1 do uchwały Nr I/1/2024 Rady Gminy Przykładowo\nPROGRAM\n§ 1. Cel programu.\n§ 2. Zadania.\n"
        "UZASADNIENIE\nProgram realizuje:\n1) cel pierwszy;\n2) cel drugi."
    )
    assert paragraf_numbers(resolution.content) == ["1", "2"]
    (attachment,) = resolution.attachments
    assert attachment.number == "1"
    assert [u.number for u in attachment.content if isinstance(u, Paragraf)] == ["1", "2"]
    assert resolution.uzasadnienie is not None
    assert [u.number for u in resolution.uzasadnienie.content if isinstance(u, Punkt)] == ["1", "2"]


def test_a_list_of_provisions_after_the_title_is_the_legal_basis() -> None:
    # a two-column PDF put the "Działając na podstawie:" lead-in above the title
    text = (
        "Działając na podstawie : Uchwała Nr... Rady Miasta Rybnika z dnia r. w sprawie nadania statutu - art. 18 "
        "ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz. U. z 2016 r. poz. 446), - art. 110 "
        "ustawy z dnia 12 marca 2004 r. o pomocy społecznej (Dz. U. z 2016 r. poz. 930) Rada Miasta Rybnika uchwala: "
        "1. Nadać statut. 2. Uchwała wchodzi w życie po upływie 14 dni."
    )
    resolution = parse(text)
    assert resolution.header.title is not None and resolution.header.title.subject == "nadania statutu"
    assert resolution.legal_basis is not None and resolution.legal_basis.text.startswith("- art. 18")
    assert [c.act.title for c in resolution.legal_basis_citations() if c.act] == ["o samorządzie gminnym", "o pomocy społecznej"]
    assert resolution.enacting_clause is not None and resolution.enacting_clause.body == "Rada Miasta Rybnika"
    assert paragraf_numbers(resolution.content) == ["1", "2"]


def test_an_inverted_clause_keeps_every_character_owned() -> None:
    from uchwaly_parser.render.text import coverage, render_lossless

    text = HEAD + "Rada Gminy X, działając na podstawie art. 18 ustawy, uchwala, co następuje:\n§ 1. Tekst."
    resolution = parse(text)
    assert render_lossless(Document(resolution, text)) == text
    assert coverage(Document(resolution, text))  # raises where a span overlaps a sibling or leaves its parent
    assert text[resolution.header.span.start : resolution.header.span.end].endswith("Rada Gminy X,")


def test_a_wrapped_line_that_starts_with_przewodniczacy_is_not_a_signature() -> None:
    resolution = body_of("§ 1. Uznaje się skargę.\n§ 2. W wykonaniu uchwały\nprzewodniczący Rady zawiadomi Skarżącego.\n"
                         "§ 3. Koniec.\nPrzewodniczący Rady\nJan Nowak")
    assert paragraf_numbers(resolution.content) == ["1", "2", "3"]
    assert resolution.signature is not None and resolution.signature.name == "Jan Nowak"


@pytest.mark.parametrize("blank", ["\n", " "])
def test_a_journal_running_header_is_not_words_of_the_unit(blank: str) -> None:
    header = "Dziennik Urzędowy Województwa Mazowieckiego – 2 – Poz. 4588"
    resolution = body_of(f"§ 1. Zwalnia się budynki zajęte na potrzeby{blank}{header}{blank}kultury.\n§ 2. Koniec.")
    assert resolution.paragrafy()[0].own_text() == "Zwalnia się budynki zajęte na potrzeby kultury."
    assert [p for c in resolution.citations for p in c.publications] == []


@pytest.mark.parametrize(
    "unit",
    [
        "§ 2. Uzasadnienie dokonanych zmian zawarto w protokole z sesji.",
        "§ 2. W uchwale wprowadza się zmiany:\n1) Załącznik Nr 3 do uchwały nr X/1/2015 otrzymuje brzmienie jak w "
        "załączniku do niniejszej uchwały;\n2) § 4 otrzymuje brzmienie „Tekst”.",
        "§ 2. 1. Uchwala się plan.\n2. Załącznik nr 2 nie stanowi ustaleń planu.",
    ],
)
def test_a_heading_word_inside_a_unit_is_the_units_text(unit: str) -> None:
    resolution = body_of("§ 1. Tekst.\n" + unit + "\n§ 3. Uchwała wchodzi w życie z dniem podjęcia.")
    assert paragraf_numbers(resolution.content) == ["1", "2", "3"]
    assert resolution.uzasadnienie is None and resolution.attachments == ()


def test_uzasadnienie_is_not_a_mention_of_it() -> None:
    resolution = body_of("§ 1. 1. Uznaje się skargę.\n2. Uzasadnienie stanowi załącznik do uchwały.\n§ 2. Koniec.")
    assert resolution.uzasadnienie is None
    assert paragraf_numbers(resolution.content) == ["1", "2"]


@pytest.mark.parametrize(
    "closing",
    [
        "Przewodniczący Rady /-/ Piotr Kasprzak  Uzasadnienie do Uchwały Nr I/1/2024 Skarga wpłynęła.",
        "Przewodnicząca Rady Aleksandra Zielińska UZASADNIENIE W dniu 20 marca wpłynęła skarga.",
        "Przewodniczący Rady Piotr Kasprzak Uzasadnienie: Skarga wpłynęła.",
    ],
)
def test_uzasadnienie_heading_run_into_the_signature_line(closing: str) -> None:
    resolution = body_of("§ 1. Uznaje się skargę. § 2. Uchwała wchodzi w życie z dniem podjęcia. " + closing)
    assert resolution.uzasadnienie is not None
    assert resolution.signature is not None and resolution.signature.name in ("Piotr Kasprzak", "Aleksandra Zielińska")
    assert "wpłynęła" in resolution.uzasadnienie.content[-1].text  # type: ignore[union-attr]


def test_text_nodes_are_clean_and_located() -> None:
    text = HEAD + "Na podstawie art. 18 uchwala się, co następuje:\n§ 1. Ustala  się\u00a0stawkę samo-\nrządową.\n"
    first = parse(text).paragrafy()[0]
    (words,) = [c for c in first.content if isinstance(c, Text)]
    assert words.text == "Ustala się stawkę samorządową."
    assert text[words.span.start : words.span.end] == "Ustala  się\u00a0stawkę samo-\nrządową."
    assert (words.span.line, words.span.column) == (6, 6)


def test_litera_and_ustep_types() -> None:
    resolution = body_of("§ 1. 1. Tekst:\na) lit;\n2. Ust.")
    ustepy = resolution.paragrafy()[0].content
    assert isinstance(ustepy[0], Ustep)
    assert isinstance(ustepy[0].content[1], Litera)


# The legal basis is read a line at a time (BASIS_LEAD, the rest of its line, each line after it): the lexer
# decides at each line, and before the enacting clause inside a line, where it ends.
BASIS = "Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r.\no samorządzie gminnym (Dz. U. z 2015 r. poz. 1515)"


@pytest.mark.parametrize(
    ("after", "basis"),
    [
        ("\nRada Gminy Przykładowo uchwala, co następuje:\n§ 1. Tekst.", BASIS),  # the enacting clause's line
        (" Rada Gminy Przykładowo uchwala, co następuje:\n§ 1. Tekst.", BASIS),  # run on after it
        (", uchwala się, co następuje:\n§ 1. Tekst.", BASIS),
        ("   \n\n§ 1. Tekst.", BASIS),  # no enacting clause: a line that opens with "§"
        (" § 5 rozporządzenia\nuchwala się:\n§ 1. Tekst.", BASIS + " § 5 rozporządzenia"),  # "§" inside a line
        ("\nDziennik Urzędowy Województwa Opolskiego – 2 – Poz. 4588\nuchwala się:\n§ 1. Tekst.",  # a page break
         BASIS + " Dziennik Urzędowy Województwa Opolskiego – 2 – Poz. 4588"),
    ],
)
def test_where_the_legal_basis_ends(after: str, basis: str) -> None:
    resolution = parse(HEAD + BASIS + after)
    assert resolution.legal_basis is not None and resolution.legal_basis.text == " ".join(basis.split())
    assert paragraf_numbers(resolution.content) == ["1"]


def test_a_line_of_the_legal_basis_is_bounded() -> None:
    # a transcript that lost its line breaks and its enacting clause: the basis stops after 8,000 pieces of
    # its line, and the rest is the body's again
    text = HEAD + "Na podstawie " + "art. 1 " * 2000 + "Ustala się stawki. § 1. Tekst. § 2. Koniec."
    resolution = parse(text)
    assert resolution.legal_basis is not None and 7_000 < len(resolution.legal_basis.text) < 9_000
    assert resolution.enacting_clause is None and "Ustala się stawki." in plain(resolution)


def plain(resolution: Resolution) -> str:
    return " ".join(node.text for node in resolution.content if isinstance(node, Text))
