"""The input cleaners: what they remove or replace, and that every offset finds its way back."""

from __future__ import annotations

import pytest

from uchwaly_parser import Document, ParseError, extract_citations, parse
from uchwaly_parser.cleaners import clean_input
from uchwaly_parser.render.text import render_lossless

# (input as a source gave it, the text a reader sees)
CLEANED = [
    # pages saved as HTML: entities, line-break and paragraph tags, inline tags vanish
    ("Rady Gminy Krzyk&oacute;sy<br>z dnia 29 pa&#378;dziernika", "Rady Gminy Krzykósy\nz dnia 29 października"),
    ("<p>§&nbsp;1. Ustala się</p>\n<p>§ 2. Traci moc</p>", "§\u00a01. Ustala się\n§ 2. Traci moc"),
    ("uchwala, co nast&#x119;puje:<BR/>\n<b>§ 1.</b> Tekst", "uchwala, co następuje:\n§ 1. Tekst"),
    ("lista<br><br>dalej", "lista\n\ndalej"),
    # what only looks like HTML stays
    ("odległość <5 m & więcej, <nazwa>, &c.", "odległość <5 m & więcej, <nazwa>, &c."),
    # soft hyphens and zero-width characters inside words; a soft hyphen at a line end joins the word
    ("samo\u00adrządzie gmin\u200bnym", "samorządzie gminnym"),
    ("przestrzen\u00ad\nnym", "przestrzennym"),
    ("\ufeffUCHWAŁA NR", "UCHWAŁA NR"),
    # Windows-1250 read as ISO-8859-2 (ą → š, ś ź → C1 controls) or as Windows-1252
    ("działajšc na podstawie art. 18 ust. 2 pkt 15 ustawy o samorzšdzie", "działając na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie"),
    ("(Dz. U. z 2023 r. poz. 40 z pó\u009fn. zm.) \u0096 tekst", "(Dz. U. z 2023 r. poz. 40 z późn. zm.) – tekst"),
    ("z póŸn. zm. Ministra Œrodowiska, wysokoœci", "z późn. zm. Ministra Środowiska, wysokości"),
    ("stawka 3,50 zł/m³ i art. 353¹ za wodę, bêd¹ca op³at¹", "stawka 3,50 zł/m³ i art. 353¹ za wodę, będąca opłatą"),
    # one letter that merely looks misread is a foreign name, not damage
    ("ul. Šimka 3 w Warszawie", "ul. Šimka 3 w Warszawie"),
]


@pytest.mark.parametrize(("raw", "seen"), CLEANED)
def test_the_cleaned_text_is_what_a_reader_sees(raw: str, seen: str) -> None:
    assert clean_input(raw).cleaned == seen


@pytest.mark.parametrize(("raw", "seen"), CLEANED)
def test_offsets_map_both_ways_in_order(raw: str, seen: str) -> None:
    offsets = clean_input(raw)
    starts = [offsets.original_start(i) for i in range(len(seen))]
    ends = [offsets.original_end(i + 1) for i in range(len(seen))]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(s < e for s, e in zip(starts, ends, strict=True))
    # a character left alone maps to itself; every offset of the cleaned text comes back from the input
    for i, char in enumerate(seen):
        if ends[i] - starts[i] == 1 and raw[starts[i]] == char:
            assert offsets.cleaned_offset(starts[i]) == i
    assert offsets.original_end(len(seen)) <= len(raw)
    assert offsets.cleaned_offset(len(raw)) == len(seen)


def test_text_that_needs_no_cleaning_is_not_copied() -> None:
    text = "UCHWAŁA NR XI/69/2015 RADY GMINY KRZYKOSY z dnia 29 października 2015 r."
    offsets = clean_input(text)
    assert offsets.identity and offsets.cleaned is text


HTML_PAGE = (
    "<p>UCHWAŁA NR XI/69/2015<br>RADY GMINY KRZYKOSY<br>z dnia 29 pa&#378;dziernika 2015 r.</p>"
    "<p>w sprawie ustalenia wysoko&#347;ci ekwiwalentu</p>"
    "<p>Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorz&#261;dzie gminnym "
    "(Dz.&nbsp;U. z 2015 r. poz. 1515) Rada Gminy Krzykosy uchwala, co nast&#281;puje:</p>"
    "<p>§ 1. Ustala si&#281; ekwiwalent.</p><p>§ 2. Uchwa&#322;a wchodzi w &#380;ycie z dniem og&#322;oszenia.</p>"
    "<p>Przewodnicz&#261;cy Rady Gminy<br>Wies&#322;aw Zaj&#261;c</p>"
)


def test_a_page_saved_as_html_parses_with_spans_into_the_page() -> None:
    resolution = parse(HTML_PAGE)
    assert resolution.header.date is not None and resolution.header.date.value is not None
    assert resolution.header.date.value.isoformat() == "2015-10-29"
    assert resolution.header.title is not None and resolution.header.title.subject == "ustalenia wysokości ekwiwalentu"
    assert [p.number for p in resolution.paragrafy()] == ["1", "2"]
    assert resolution.signature is not None and resolution.signature.name == "Wiesław Zając"
    act = resolution.legal_basis_citations()[0].act
    assert act is not None and act.title == "o samorządzie gminnym"
    # spans are offsets into the page as given: the date runs over its entity, § 2 ends before "</p>"
    date = resolution.header.date.span
    assert HTML_PAGE[date.start : date.end] == "z dnia 29 pa&#378;dziernika 2015 r."
    second = resolution.paragrafy()[1].span
    assert HTML_PAGE[second.start : second.end] == "§ 2. Uchwa&#322;a wchodzi w &#380;ycie z dniem og&#322;oszenia."
    assert render_lossless(Document(resolution, HTML_PAGE)) == HTML_PAGE


def test_citations_in_a_damaged_text_point_into_it() -> None:
    text = "zgodnie z art. 6 ustawy o samorzšdzie gminnym (Dz. U. z 2023 r. poz. 40 z pó\u009fn. zm.)"
    (citation,) = extract_citations(text)
    assert citation.act is not None and citation.act.title == "o samorządzie gminnym"
    (publication,) = citation.publications
    assert publication.position == 40
    assert text[citation.span.start : citation.span.end].endswith("zm.)") or "poz. 40" in text[
        citation.span.start : citation.span.end
    ]


def test_errors_point_at_the_input_line() -> None:
    with pytest.raises(ParseError) as caught:  # at the page's first character of text, after "<p>"
        parse("<p>Zaproszenie</p>\n<p>na sesj&#281; Rady Gminy</p>", name="strona.html")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("strona.html", 1, 4)
