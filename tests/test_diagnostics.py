"""Diagnostics: each code on a small text shaped like the real ones, and the corpus damage found.

The corpus table lists every document whose gold notes describe damage (OCR, lost §, lost digits,
mojibake, cut off, placeholders, broken brackets, ...) with the code(s) that must report it and a
piece of the text the diagnostic must point at.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from conftest import CORPUS, ROOT
from uchwaly_parser.diagnostics import CODES, MAX_PER_CODE, diagnose
from uchwaly_parser.models.document import Diagnostic, Resolution
from uchwaly_parser.parser import parse
from uchwaly_parser.query import Document

CLEAN = (ROOT / "examples" / "uchwala_krzykosy.txt").read_text(encoding="utf-8")


def diagnosed(text: str) -> tuple[Resolution, tuple[Diagnostic, ...]]:
    resolution = parse(text)
    # what parse() found while reading (an OCR'd "§" is known only to the reading) is what diagnose() finds again
    again = diagnose(Document(resolution, text))
    assert again == tuple(d for d in resolution.diagnostics if d.code != "paragraf-sign-ocr")
    return resolution, resolution.diagnostics


def pointed(text: str, diagnostics: tuple[Diagnostic, ...], code: str) -> list[str]:
    """The text each diagnostic of ``code`` points at."""
    return [text[d.span.start : d.span.end] for d in diagnostics if d.code == code]


def test_a_clean_resolution_gets_no_diagnostics() -> None:
    assert diagnosed(CLEAN)[1] == ()


# (what to change in the clean text, the code expected, the text it must point at)
CASES = [
    pytest.param("UCHWAŁA NR XI/69/2015", "UCHWAŁA NR …….", "header-number-placeholder", "NR …….", id="number-dots"),
    pytest.param("UCHWAŁA NR XI/69/2015", "UCHWAŁA Nr _____/___/2012", "header-number-placeholder",
                 "Nr _____/___/2012", id="number-underscores"),
    pytest.param("UCHWAŁA NR XI/69/2015", "UCHWAŁA NR XIII.. 2015", "header-number-damaged", "NR XIII.. 2015",
                 id="number-partial"),
    pytest.param("UCHWAŁA NR XI/69/2015", "UCHWAŁA", "header-number-missing", None, id="number-missing"),
    pytest.param("z dnia 29 października 2015 r.", "z dnia …………………. 2015 r.", "header-date-placeholder",
                 "z dnia …………………. 2015 r.", id="date-placeholder"),
    pytest.param("z dnia 29 października 2015 r.", "z dnia 31 lutego 2015 r.", "header-date-unreadable",
                 "z dnia 31 lutego 2015 r.", id="date-impossible"),
    pytest.param(" Rada Gminy Krzykosy uchwala, co następuje:", "", "enacting-clause-missing", "",
                 id="no-enacting-clause"),
    pytest.param("§ 3. Wykonanie", "§ 4. Wykonanie", "numbering-gap", None, id="paragraf-gap"),
    pytest.param("§ 3. Wykonanie", "§ 2. Wykonanie", "numbering-repeat", None, id="paragraf-repeat"),
    pytest.param("2) za udział w szkoleniu", "3) za udział w szkoleniu", "numbering-gap", None, id="punkt-gap"),
    pytest.param("b) trwającym dłużej", "a) trwającym dłużej", "numbering-repeat", None, id="litera-repeat"),
    pytest.param("(Dz. U. z 2015 r. poz. 1515)", "(Dz. U. z 2015 r. poz. 1515", "unbalanced-bracket", "(",
                 id="bracket-open"),
    pytest.param("ze zm.)", "ze zm.))", "unbalanced-bracket", ")", id="bracket-close"),
    pytest.param("§ 3. Wykonanie uchwały", "§ 3. Wykonanie „uchwały", "unbalanced-quote", "„", id="quote-open"),
    pytest.param("poz. 1515)", "poz)", "publication-position-missing", None, id="position-lost"),
    pytest.param("(Dz. U. z 2015 r. poz. 1515)", "(Dz. U. r. poz. 1515)", "publication-year-missing", None,
                 id="year-lost"),
    pytest.param("z dnia 30 marca 2009 r. w sprawie", "z r. w sprawie", "reference-digits-lost", "z r.",
                 id="date-year-lost"),
    pytest.param("z dnia 24 sierpnia 1991 r.", "z dnia 24 sierpnia 191 r.", "year-implausible", "191",
                 id="year-three-digits"),
    pytest.param("Na podstawie art. 18 ust. 2", "Na podstawie 18 ust. 2", "provision-damaged",
                 "Na podstawie 18", id="provision-without-art"),
    pytest.param("o którym mowa w ust. 1,", "o którym mowa w 1,", "unit-sign-lost", "mowa w 1", id="sign-lost"),
    pytest.param("Wiesław Zając", "Wiesław Zając\nOdsłony: 2534", "text-after-signature", "Odsłony: 2534",
                 id="after-signature"),
    pytest.param("ustala rada gminy.", "ustala rada gminy. Wysokość ekwiwalentu członków straży gminy ustala się w",
                 "text-truncated", "w", id="cut-off"),
    pytest.param("w sprawie ustalenia", "w sprawie ustalenia UNRECOGNIZED", "text-image-placeholder",
                 "UNRECOGNIZED", id="image"),
    pytest.param("Wykonanie uchwały", "Wykonanie uchwały do dnia ……… 2021", "text-placeholder", "………",
                 id="blank-in-text"),
    pytest.param("o samorządzie gminnym", "o samo- rządzie gminnym", "text-hyphenation-broken", "samo- rządzie",
                 id="hyphenation"),
    pytest.param("co następuje:", "co nast~puje:", "text-ocr-noise", "nast~puje:", id="ocr-tilde"),
    pytest.param("Wykonanie uchwały", "Wykonanie \x1b[1muchwały", "text-control-character", "\x1b",
                 id="terminal-escape"),
    pytest.param("§ 1. 1.", "$1 1.", "text-ocr-noise", "$1", id="ocr-dollar"),
    pytest.param("UCHWAŁA NR", "Portal BIP Gminy\nUCHWAŁA NR", "prelude-skipped", "Portal BIP Gminy", id="prelude"),
    pytest.param("poz. 1562).\n\n§ 3.", "poz. 1562) w gminie § 3.", "paragraf-run-in", "§", id="run-in"),
    pytest.param("Wykonanie uchwały powierza", "Wykonanie uchwały Dziennik Urzędowy Województwa Wielkopolskiego – 2 – "
                 "Poz. 4588 powierza", "page-furniture", "Dziennik Urzędowy Województwa Wielkopolskiego – 2 – Poz. 4588",
                 id="running-header"),
]


@pytest.mark.parametrize(("old", "new", "code", "at"), CASES)
def test_each_damage_gets_its_code_at_its_place(old: str, new: str, code: str, at: str | None) -> None:
    assert old in CLEAN
    text = CLEAN.replace(old, new, 1)
    _, diagnostics = diagnosed(text)
    places = pointed(text, diagnostics, code)
    assert places, f"no {code} in {[d.code for d in diagnostics]}"
    if at is not None:
        assert at in places
    assert CODES[code][0] == next(d.severity for d in diagnostics if d.code == code)


@pytest.mark.parametrize("sign", ["8", "S", "$"])
def test_ocr_signs_for_the_paragraf_are_read_where_the_numbering_proves_them(sign: str) -> None:
    text = CLEAN.replace("§ ", f"{sign} ")
    resolution, diagnostics = diagnosed(text)
    assert [p.number for p in resolution.paragrafy()] == ["1", "2", "3", "4"]
    assert not [p for p in resolution.paragrafy() if p.inferred]
    places = pointed(text, diagnostics, "paragraf-sign-ocr")
    assert places == [sign] * 4
    assert {text[d.span.start : d.span.start + 4] for d in diagnostics if d.code == "paragraf-sign-ocr"} == {
        f"{sign} 1.", f"{sign} 2.", f"{sign} 3.", f"{sign} 4."}


def test_a_number_that_only_looks_like_an_ocr_sign_stays() -> None:
    # an "8 5." out of the run of §§ is a number; a sector's name "S1" is no OCR noise
    text = CLEAN.replace("§ 1. 1. Ustala się", "§ 1. 1. W strefie 8 5. Sektor S1 i S2. Ustala się")
    _, diagnostics = diagnosed(text)
    assert "paragraf-sign-ocr" not in {d.code for d in diagnostics}
    assert "text-ocr-noise" not in {d.code for d in diagnostics}


def test_a_lone_draft_marker_before_the_title_is_read_not_skipped() -> None:
    resolution, diagnostics = diagnosed("projekt\n" + CLEAN)
    assert resolution.projekt and diagnostics == ()


def test_mis_decoded_letters_are_an_error_pointing_at_each_word() -> None:
    text = (CLEAN.replace("UCHWAŁA", "UchwaBa").replace("uchwały", "uchwaBy").replace("Wiesław", "WiesBaw")
            .replace("życie", "|ycie"))
    _, diagnostics = diagnosed(text)
    assert {"UchwaBa", "uchwaBy", "WiesBaw", "|ycie"} <= set(pointed(text, diagnostics, "text-mojibake"))
    assert all(d.severity == "error" for d in diagnostics if d.code == "text-mojibake")


def test_one_odd_capital_is_not_mojibake() -> None:
    # a glued preposition ("wDzienniku") or a single OCR slip is not a wrong encoding
    text = CLEAN.replace("w Dzienniku", "wDzienniku").replace("ochotniczych", "ochotniczyBh", 1)
    assert "text-mojibake" not in {d.code for d in diagnosed(text)[1]}


def test_lost_paragraf_signs_are_reported_for_each_inferred_paragraf() -> None:
    text = CLEAN.replace("§ 1. 1. Ustala", "1. Ustala").replace("§ 2. Traci", "2. Traci")
    text = text.replace("§ 3. Wykonanie", "3. Wykonanie").replace("§ 4. Uchwała", "4. Uchwała")
    text = text.replace("2. Ekwiwalent, o którym", "Ekwiwalent, o którym")
    resolution, diagnostics = diagnosed(text)
    inferred = [d for d in diagnostics if d.code == "paragraf-inferred"]
    assert [p.number for p in resolution.paragrafy() if p.inferred] == ["1", "2", "3", "4"]
    assert [text[d.span.start : d.span.start + 9] for d in inferred] == ["1. Ustala", "2. Traci ", "3. Wykona",
                                                                          "4. Uchwał"]


def test_a_body_cut_before_its_closing_clause_is_truncated_even_at_a_full_stop() -> None:
    text = CLEAN[: CLEAN.index("§ 2. Traci")]
    _, diagnostics = diagnosed(text)
    assert "text-truncated" in {d.code for d in diagnostics}


def test_page_text_after_a_complete_body_is_not_a_cut() -> None:
    text = CLEAN[: CLEAN.index("Przewodniczący")] + "Powrót do pozostałych uchwał\n"
    assert "text-truncated" not in {d.code for d in diagnosed(text)[1]}


def test_list_markers_and_cited_letters_are_not_brackets() -> None:
    text = CLEAN.replace("art. 18 ust. 2 pkt 15", "art. 18 ust. 2 pkt 15 lit. a)").replace(
        "§ 3. Wykonanie uchwały powierza się Wójtowi Gminy Krzykosy.",
        "§ 3. Wykonanie uchwały powierza się: a) Wójtowi, b) Skarbnikowi, 2) Sekretarzowi.")
    assert "unbalanced-bracket" not in {d.code for d in diagnosed(text)[1]}


def test_each_code_is_capped_so_hostile_input_cannot_grow_the_list() -> None:
    text = CLEAN.replace("(Dz. U. z 2015 r. poz. 1515)", "(" * 500)
    _, diagnostics = diagnosed(text)
    assert len([d for d in diagnostics if d.code == "unbalanced-bracket"]) == MAX_PER_CODE
    capped = [d for d in diagnostics if d.code == "diagnostics-capped"]
    assert len(capped) == 1 and "unbalanced-bracket" in capped[0].message


def test_diagnostics_are_in_document_order_located_and_round_trip() -> None:
    text = CLEAN.replace("NR XI/69/2015", "NR …….").replace("poz. 1515)", "poz)")
    text = text.replace("§ 3. Wykonanie", "§ 3. Wykonanie „")
    _, diagnostics = diagnosed(text)
    assert len(diagnostics) >= 3
    assert [d.span.start for d in diagnostics] == sorted(d.span.start for d in diagnostics)
    for d in diagnostics:
        line = text.count("\n", 0, d.span.start) + 1
        column = d.span.start - (text.rfind("\n", 0, d.span.start) + 1) + 1
        assert (d.span.line, d.span.column) == (line, column)
        assert Diagnostic.model_validate_json(d.model_dump_json()) == d


def test_every_code_has_a_severity_and_a_description() -> None:
    for code, (severity, description) in CODES.items():
        assert code == code.lower() and " " not in code
        assert severity in ("error", "warning", "info") and description


def test_the_readme_lists_every_code_as_the_table_in_the_code_says() -> None:
    # The README's table of codes is what users read: the same rows, in the same order, as CODES.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| (\w+) \| (.*) \|$", readme, re.MULTILINE)
    assert [(code, severity, meaning.replace("\\|", "|")) for code, severity, meaning in rows] == [
        (code, severity, meaning) for code, (severity, meaning) in CODES.items()
    ]


# --------------------------------------------------------------------- corpus ---

END = object()  # the diagnostic must point at the end of the text (where it was cut off)
TRUNCATED = {"text-truncated"}
LOST_PARAGRAF = {"paragraf-inferred", "body-unnumbered"}
LOST_NUMBER = {"publication-position-missing", "publication-year-missing", "reference-digits-lost"}
PLACEHOLDER = {"header-number-placeholder", "header-date-placeholder", "text-placeholder"}

# Every document whose gold notes describe damage, the damage as the notes name it, the codes
# that may report it and where: a piece of the text the diagnostic's span must overlap.
DAMAGED: list[tuple[str, str, set[str], object]] = [
    ("d00", "placeholder number", PLACEHOLDER, "NR …….\n"),
    ("d01", "UNRECOGNIZED image regions", {"text-image-placeholder"}, "UNRECOGNIZED"),
    ("d02", "placeholder number", PLACEHOLDER, "Nr … / … / 2013"),
    ("d02", "placeholder date", PLACEHOLDER, "z dnia …………………. 2013 r."),
    ("d04", "cut off in the uzasadnienie", TRUNCATED, END),
    ("d05", "cut off in the uzasadnienie", TRUNCATED, END),
    ("d09", "§ 1 lost", LOST_PARAGRAF, "Po przeprowadzeniu konsultacji"),
    ("d09", "date lost", LOST_NUMBER, "z r. Rady"),
    ("d09", "position lost", LOST_NUMBER, "Nr 72 poz z"),
    ("d09", "units lost their §", {"unit-sign-lost"}, "w związku z 48 ust. 3"),
    ("d09", "ends mid page header", {"text-after-signature", "text-truncated"}, END),
    ("d10", "§ 1 left as 1.", LOST_PARAGRAF, "1. Nadaje się Statut"),
    ("d10", "§§ 2, 3 dropped", LOST_PARAGRAF, "Wykonanie uchwały powierza"),
    ("d10", "attachment cut off", TRUNCATED, END),
    ("d11", "mojibake", {"text-mojibake"}, "UchwaBa"),
    ("d11", "mojibake", {"text-mojibake"}, "|ycie"),
    ("d11", "cut off inside § 3", TRUNCATED, END),
    ("d12", "§ lost", LOST_PARAGRAF, "1. Uchwala się Program"),
    ("d12", "attachment cut off", TRUNCATED, END),
    ("d13", "§ lost", LOST_PARAGRAF, "1. Przyjmuje się Program"),
    ("d13", "quote opened and not closed", {"unbalanced-quote"}, '"Programu'),
    ("d13", "attachment cut off", TRUNCATED, END),
    ("d15", "cut off inside § 3", TRUNCATED, END),
    ("d16", "unbalanced „ in § 1", {"unbalanced-quote"}, "zmiany „Studium uwarunkowań i kierunków zagospodarowania "
                                                          "przestrzennego gminy Skarżysko Kościelne na"),
    ("d17", "legal basis lost 'art.'", {"provision-damaged"}, "Na podstawie 18"),
    ("d17", "cut off inside § 2", TRUNCATED, END),
    ("d21", "OCR 'póz.'", {"text-ocr-noise"}, "póz."),
    ("d21", "OCR 'l' for '1'", {"text-ocr-noise"}, "§ l"),
    ("d22", "placeholder number", PLACEHOLDER, "Nr XXVI.       .2020"),
    ("d22", "placeholder in the body", PLACEHOLDER, "……………………. 2021"),
    ("d22", "position written as Nr", LOST_NUMBER, "Dz. U. z 2020 r. Nr 713"),
    ("d24", "unbalanced quotes in § 1", {"unbalanced-quote"}, "Płynąca „"),
    ("d25", "page metadata cut off", {"text-after-signature", "text-truncated"}, END),
    ("d27", "closing parenthesis omitted", {"unbalanced-bracket"}, "(t.j. z 2002 r."),
    ("d30", "year lost", LOST_NUMBER, "Dz.U r. Nr 197"),
    ("d30", "§ lost", LOST_PARAGRAF, "1. Postanawia się"),
    ("d30", "cross-reference lost its §", {"unit-sign-lost"}, "mowa w 1"),
    ("d30", "attachment cut off", TRUNCATED, END),
    ("d31", "every 0 dropped", {"year-implausible"}, "z 213 r."),
    ("d31", "position lost", LOST_NUMBER, "z 213 r. poz )"),
    ("d31", "placeholder number", PLACEHOLDER, "nr Rady Gminy Tarnów"),
    ("d31", "§ lost", LOST_PARAGRAF, "1. Zatwierdza się"),
    ("d31", "cut off in the uzasadnienie", TRUNCATED, END),
    ("d32", "§ lost", LOST_PARAGRAF, "1. Zatwierdza się"),
    ("d32", "regulation units lost their §", {"unit-sign-lost"}, "w związku z 4 i 5"),
    ("d32", "attachment cut off", TRUNCATED, END),
    ("d33", "run-on copy of the header", {"prelude-skipped"}, "I/ 3 /02Rady Gminy Sicienkoz"),
    ("d35", "placeholder number", PLACEHOLDER, "Nr _____/___/2012"),
    ("d35", "placeholder date", PLACEHOLDER, "z dnia ____________ 2012r."),
    ("d36", "§ 1 lost", LOST_PARAGRAF, "Ustala się ceny maksymalne"),
    ("d36", "position lost", LOST_NUMBER, "poz i poz"),
    ("d36", "cut off inside § 1", TRUNCATED, END),
    ("d37", "body only in the PDF", {"body-unnumbered", "body-empty"}, "pobierz uchwałę"),
    ("d38", "quote without its opening mark", {"unbalanced-quote"}, 'Cmentarnej.".'),
    ("d38", "footnote glued into the reference", {"unbalanced-bracket"}, "zm.[1]))"),
    ("d39", "soft hyphens made visible", {"text-hyphenation-broken"}, "samo- rządzie"),
    ("d39", "attachment cut off", TRUNCATED, END),
    ("d40", "reference opened with '/', closed with ')'", {"unbalanced-bracket"}, "poz 717)"),
    ("d42", "§ lost", LOST_PARAGRAF, "1. Uchwala się zasady"),
    ("d42", "position digits lost", LOST_NUMBER, "Poz UCHWAŁA"),
    ("d42", "page header swallowed point 4", LOST_NUMBER | {"unbalanced-bracket"}, "Poz ) przekazywania"),
    ("d42", "stray quote in the unit", {"unbalanced-quote"}, 'lit. a"'),
    ("d42", "attachment cut off", TRUNCATED, END),
    ("d43", "empty placeholders", PLACEHOLDER, "Nr Rady"),
    ("d43", "§ lost", LOST_PARAGRAF, "1. 1. Ustanawia się"),
    ("d43", "attachment cut off", TRUNCATED, END),
    ("d48", "OCR", {"text-ocr-noise"}, "nast~puje"),
    ("d48", "OCR number", {"header-number-damaged"}, "Nr IV / ,I 1"),
    ("d48", "OCR § signs", {"text-ocr-noise", "body-unnumbered"}, "$1 Z:iri"),
    ("d48", "OCR split position", {"text-ocr-noise"}, "poz. 4 I4"),
    ("d48", "attachment cut off", TRUNCATED, END),
    ("d50", "§ 1 lost", LOST_PARAGRAF, "Ustala się strefę"),
    ("d50", "position lost", LOST_NUMBER, "z 2016 r. poz z"),
    ("d50", "cut inside the page footer", TRUNCATED, END),
    ("d55", "number partly filled", {"header-number-damaged", "header-number-placeholder"}, "NR XIII.. 2015"),
    ("d55", "§ lost", LOST_PARAGRAF, "1. Przyjmuje się Program"),
    ("d55", "attachment cut off", TRUNCATED, END),
    ("d56", "cut off in the uzasadnienie", TRUNCATED, END),
    # the parser drops the uzasadnienie after the signature (it took "Uzasadnienie … stanowi" in
    # § 2 for the heading), so the cut text is reported as text after the signature
    ("d57", "cut off in the uzasadnienie", TRUNCATED | {"text-after-signature"}, END),
    ("d58", "cut off in the uzasadnienie", TRUNCATED, END),
    ("d66", "placeholder number", PLACEHOLDER, "Nr..."),
    ("d66", "two-column layout: the legal basis's lead-in stands before the title", {"prelude-skipped"},
     "Działając na podstawie :"),
    ("d66", "§ lost", LOST_PARAGRAF, "1. Nadać statut"),
    ("d66", "attachment cut off", TRUNCATED, END),
    ("d67", "attachment cut off", TRUNCATED, END),
    ("d70", "cut off in the uzasadnienie", TRUNCATED, END),
    ("d71", "footnote glued into the reference", {"unbalanced-bracket"}, "zm.[1]) )"),
    ("d71", "cut off inside § 3", TRUNCATED, END),
    ("d73", "placeholder number", PLACEHOLDER, "NR..."),
    ("d73", "position lost", LOST_NUMBER, "2017r., poz z"),
    ("d73", "§ lost", LOST_PARAGRAF, "1. Przyjmuje się program"),
    ("d73", "attachment cut off", TRUNCATED, END),
    ("d74", "masthead position digits lost", LOST_NUMBER, "r. Poz UCHWAŁA"),
    ("d74", "§ lost", LOST_PARAGRAF, "1. Przyjmuje się Program"),
    ("d74", "attachment cut off", TRUNCATED, END),
    ("d77", "OCR § signs read as '8'", {"paragraf-sign-ocr"}, "8 2. Celem planu"),
    ("d77", "OCR § signs read as '8' after a chapter's heading", {"paragraf-sign-ocr"}, "8 9. Traci moc"),
    ("d81", "empty placeholder number", PLACEHOLDER, "UCHWAŁA NR"),
    ("d81", "empty placeholder date", PLACEHOLDER, "z dnia"),
]

# Documents whose notes describe no damage: none of the damage codes may fire on them.
CLEAN_DOCUMENTS = ["d03", "d06", "d07", "d08", "d14", "d19", "d20", "d23", "d28", "d29", "d34", "d41", "d44",
                   "d45", "d46", "d47", "d52", "d53", "d60", "d61", "d64", "d68", "d69", "d75"]
DAMAGE_CODES = {"text-mojibake", "text-ocr-noise", "text-truncated", "paragraf-inferred", "year-implausible",
                "reference-digits-lost", "publication-position-missing", "publication-year-missing",
                "unbalanced-bracket", "unbalanced-quote", "header-number-placeholder", "header-date-placeholder"}


@cache
def corpus_document(prefix: str) -> tuple[str, tuple[Diagnostic, ...]]:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, parse(text, name=path.name).diagnostics


def _places(text: str, at: object) -> list[tuple[int, int]]:
    if at is END:
        end = len(text.rstrip())
        return [(end - 1, end)]
    assert isinstance(at, str)
    places, start = [], text.find(at)
    while start >= 0:
        places.append((start, start + len(at)))
        start = text.find(at, start + 1)
    assert places, f"{at!r} is not in the text"
    return places


@pytest.mark.parametrize(("prefix", "damage", "codes", "at"), DAMAGED,
                         ids=[f"{d[0]}-{d[1].replace(' ', '-')}" for d in DAMAGED])
def test_corpus_damage_is_reported_where_it_is(prefix: str, damage: str, codes: set[str], at: object) -> None:
    text, diagnostics = corpus_document(prefix)
    found = [d for d in diagnostics if d.code in codes]
    assert found, f"{damage}: none of {sorted(codes)} in {sorted({d.code for d in diagnostics})}"
    if at is None:
        return
    hits = [
        d for d in found for start, end in _places(text, at)
        if d.span.start < end and (d.span.end > start or d.span.start == d.span.end >= start)
    ]
    assert hits, f"{damage}: {sorted(codes)} point elsewhere: {[text[d.span.start:d.span.end][:40] for d in found]}"


def test_every_damaged_corpus_document_is_in_the_table() -> None:
    """The table covers each document the gold notes describe as damaged or cut off."""
    listed = {row[0] for row in DAMAGED}
    words = ("ocr", "mojibake", "mis-decoded", "cut off", "cut inside", "cut mid", "placeholder", "dropped",
             "lost")
    for gold in sorted(CORPUS.glob("*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        notes = data["notes"].lower()
        damaged = not data["complete"] or any(w in notes for w in words)
        prefix = data["id"][:3]
        if damaged and prefix not in EXEMPT:
            assert prefix in listed, f"{data['id']}: the notes describe damage: {data['notes'][:120]}"


# Notes that use a damage word about something that is not damage of the text.
EXEMPT = {
    "d68",  # "Signature with '(-)' marker (dropped)": the annotator dropped the marker
    "d76",  # "Superscript lost in 'art. 7091'": a flattened superscript reads as digits; nothing tells it
    "d78",  # degree signs lost (digits again), the '(-)' marker dropped, a GML file-name placeholder
    "d80",  # the same: the '(-)' marker dropped, an 'Zalacznik4.xml' file-name placeholder
}


@pytest.mark.parametrize("prefix", CLEAN_DOCUMENTS)
def test_undamaged_corpus_documents_get_no_damage_codes(prefix: str) -> None:
    text, diagnostics = corpus_document(prefix)
    wrong = [(d.code, text[d.span.start : d.span.end][:40]) for d in diagnostics if d.code in DAMAGE_CODES]
    assert not wrong


def test_corpus_diagnostics_stay_inside_the_text_and_in_order() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text, diagnostics = corpus_document(path.name[:3])
        assert all(0 <= d.span.start <= d.span.end <= len(text) for d in diagnostics)
        assert [d.span.start for d in diagnostics] == sorted(d.span.start for d in diagnostics)
        assert all(d.code in CODES for d in diagnostics)



# ---- a passage whose citations the parser cannot build ---------------------------------------------

def _break_the_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    # No text makes the citation builder fail (it reads only what the grammar promised), so a fault
    # of ours is simulated: the reader of provision chains breaks its promise.
    from uchwaly_parser.citations import coarse

    def broken(chain: object) -> object:
        raise coarse.BrokenPromise("simulated fault")

    monkeypatch.setattr(coarse, "read_units", broken)


def test_citations_that_cannot_be_read_are_a_diagnostic_not_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "examples" / "uchwala_krzykosy.txt").read_text(encoding="utf-8")
    whole = parse(text)
    _break_the_builder(monkeypatch)
    broken = parse(text)
    unread = [d for d in broken.diagnostics if d.code == "citations-unread"]
    basis = whole.legal_basis
    assert basis is not None and unread
    assert all(d.severity == "error" and "simulated fault" in d.message for d in unread)
    # the legal basis, whose citations are gone, is the passage reported
    assert any(d.span.start <= basis.span.start and basis.span.end <= d.span.end for d in unread)
    assert len(broken.citations) < len(whole.citations)


def test_citations_that_cannot_be_read_outside_a_parse_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    from uchwaly_parser import extract_citations
    from uchwaly_parser.citations.api import CitationsUnreadWarning

    _break_the_builder(monkeypatch)
    with pytest.warns(CitationsUnreadWarning, match="simulated fault"):
        assert extract_citations("zgodnie z art. 6 ust. 1 ustawy (Dz. U. z 2023 r. poz. 40)") == ()
