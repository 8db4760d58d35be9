"""Markdown (uchwaly_parser.render.markdown)."""

from __future__ import annotations

import pytest

from golden import STEMS, check_golden, source
from uchwaly_parser import Document, parse
from uchwaly_parser.render.markdown import escape, render_markdown


@pytest.mark.parametrize("stem", STEMS)
def test_markdown_matches_its_golden_file(stem: str) -> None:
    text = source(stem)
    check_golden(stem, ".md", render_markdown(Document(parse(text), text)))


@pytest.mark.parametrize(
    ("words", "escaped"),
    [
        ("1. Ustala się", r"1\. Ustala się"),  # would start an ordered list
        ("2) stawkę", r"2\) stawkę"),
        ("- z chodników", r"\- z chodników"),
        ("# nagłówek", r"\# nagłówek"),
        ("stawka *netto* [zł]", r"stawka \*netto\* \[zł\]"),
        ("§ 1. Ustala się", "§ 1. Ustala się"),  # nothing to escape
    ],
)
def test_escape_keeps_markdown_from_reading_the_text_as_formatting(words: str, escaped: str) -> None:
    assert escape(words) == escaped


def test_journal_references_link_to_their_eli() -> None:
    text = source("regulamin")
    markdown = render_markdown(Document(parse(text), text))
    assert "[Dz. U. z 2016 r. poz. 250](https://eli.gov.pl/eli/DU/2016/250/ogl)" in markdown
    assert "[Nr 23, poz. 220](https://eli.gov.pl/eli/DU/2001/220/ogl)" in markdown


def test_units_nest_as_list_items_with_their_printed_markers() -> None:
    text = source("regulamin")
    document = Document(parse(text), text)
    # The unit asked for heads the output; its sub-units are list items below it.
    assert render_markdown(document, node=document.find("§ 1 ust. 2 pkt 2 lit. b")) == (
        "**b)** usuwanie błota i śniegu:\n"
        "- **–** z chodników,\n"
        "- **–** z przystanków,\n"
    )
    assert "\n    - **a)** uprzątanie chodników,\n" in render_markdown(document)
