"""Regression tests for issue 13 (untrusted input), each shaped on the issue's reproducer.

``MIN`` is the issue's minimal resolution: title, number, body, date, subject, a legal basis citing
the gminy act, the enacting clause and two §§. Growth is measured as a ratio (tests/scaling.py).
"""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rich.console import Console

from conftest import CORPUS, FIXTURES, ROOT
from hostile import markdown_blocks_from_text
from scaling import LINEAR, exponent, peak_memory
from uchwaly_parser import cli
from uchwaly_parser.decode import MixedEncodingWarning, NotTextError, decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse
from uchwaly_parser.query import Document
from uchwaly_parser.render.akn import render_akn
from uchwaly_parser.render.markdown import render_markdown
from uchwaly_parser.render.text import render_canonical, render_lossless
from uchwaly_parser.render.tree import resolution_tree


def min_text(basis: str = "", body: str = "") -> str:
    """The issue's MIN, with ``basis`` inserted in the legal basis and ``body`` inside § 1."""
    return (
        "UCHWAŁA NR XI/1/2024\nRADY GMINY KRZYKOSY\nz dnia 5 maja 2024 r.\nw sprawie uchylenia uchwały\n"
        f"Na podstawie art. 18 ust. 2 pkt 15{basis} ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
        "(Dz. U. z 2024 r. poz. 1465)\nRada Gminy Krzykosy uchwala, co następuje:\n"
        f"§ 1. Traci moc uchwała nr 2.{body}\n§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

# Real texts of every kind the corpus holds (BIP page, PDF transcript, journal page, draft).
SEPARATOR_TEXTS = [ROOT / "examples" / "uchwala_krzykosy.txt", *sorted((FIXTURES / "documents").glob("*.txt")),
                   *sorted(CORPUS.glob("d0*.txt"))]


# ------------------------------------------------ item 2: blanks in a legal basis ---


def test_a_run_of_blanks_after_a_provision_chain_keeps_the_citation() -> None:
    resolution = parse(min_text(basis=" \n" * 9700))
    assert resolution.legal_basis is not None
    (citation,) = resolution.legal_basis_citations()
    assert [p.text for p in citation.provisions] == ["art. 18 ust. 2 pkt 15"]
    assert citation.publications[0].eli == "DU/2024/1465"


def test_a_run_of_blanks_after_a_provision_chain_is_linear() -> None:
    # The provision chain's terminal (UNITS) split a blank run between two "\s*": 5.6 s at 9,700.
    slope = exponent(parse, min_text(basis=" \n" * 800), min_text(basis=" \n" * 8_000))
    assert slope <= LINEAR, f"parse time grows as size^{slope:.2f} on blanks in a legal basis"


# ------------------------------------------------------ item 6: renderers linear ---


def reference_dense(size: int) -> str:
    """A resolution of about ``size`` characters whose every § cites a journal (the issue's 58 kB case)."""
    units = []
    length = 0
    i = 0
    while length < size:
        i += 1
        unit = (f"§ {i}. Stosuje się przepisy ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
                f"(Dz. U. z 2024 r. poz. {i}) oraz art. 5 ust. 1.\n")
        units.append(unit)
        length += len(unit)
    return min_text().split("§ 1.")[0] + "".join(units)


RENDERERS: dict[str, Callable[[Document], object]] = {
    "akn": render_akn,
    "markdown": render_markdown,
    "lossless": render_lossless,
    "canonical": render_canonical,
    "json": lambda document: document.resolution.model_dump_json(),
    "tree": lambda document: Console(file=io.StringIO(), width=100).print(resolution_tree(document.resolution, "t")),
}


@pytest.fixture(scope="module")
def dense_documents() -> tuple[Document, Document]:
    """The reference-dense document at 10 kB and 1 MB, parsed (the issue's range)."""
    small, large = reference_dense(10_000), reference_dense(1_000_000)
    return Document(parse(small), small), Document(parse(large), large)


@pytest.mark.parametrize("name", RENDERERS)
def test_every_renderer_is_linear_on_a_reference_dense_document(
    name: str, dense_documents: tuple[Document, Document]
) -> None:
    # AKN and Markdown scanned every reference for every piece of text: 127 s and 167 s on 10 MB.
    slope = exponent(RENDERERS[name], *dense_documents, size=lambda document: len(document.text), repeat=3)
    assert slope <= LINEAR, f"{name} grows as size^{slope:.2f}"


# ------------------------------------------- item 3: other line and word separators ---

# Unicode's line and paragraph separators, NEL, the ASCII file/group/record/unit separators, a word
# processor's manual line break (vertical tab) and page break (form feed).
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c"]


def _inside_each_paragraf(text: str, resolution: Resolution, separator: str) -> str:
    """``text`` with the first blank after the middle of every § replaced by ``separator``."""
    chars = list(text)
    for paragraf in resolution.paragrafy():
        middle = (paragraf.span.start + paragraf.span.end) // 2
        blank = text.find(" ", middle, paragraf.span.end)
        if blank >= 0:
            chars[blank] = separator
    return "".join(chars)


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(s):04X}" for s in SEPARATORS])
def test_a_separator_inside_every_paragraf_reads_as_a_blank(separator: str) -> None:
    # One of these inside a § made 96 % of the corpus texts "unexpected text" (a vertical tab: 5.5 %).
    for path in SEPARATOR_TEXTS:
        text = path.read_text(encoding="utf-8")
        original = parse(text)
        changed = _inside_each_paragraf(text, original, separator)
        assert changed != text
        resolution = parse(changed, name=path.name)
        assert [p.number for p in resolution.paragrafy()] == [p.number for p in original.paragrafy()], path.name
        assert render_lossless(Document(resolution, changed)) == changed


# ------------------------------------------- items 4 and 5: XML and JSON for any text ---

# What XML 1.0 cannot hold, as fuzzing put it in a §: a terminal escape, NUL, other C0 controls,
# the non-characters U+FFFE and U+FFFF, and the separators the grammars read as blanks.
NOT_XML = ["\x1b[1m", "\x00", "\x01", "\x08", "\x0e", "\x1b", "\ufffe", "\uffff", "\x0b", "\x0c", "\x1c", "\x1f"]


@pytest.mark.parametrize("odd", NOT_XML, ids=[ascii(c) for c in NOT_XML])
def test_akn_is_well_formed_whatever_the_text_holds(odd: str) -> None:
    text = min_text(body=f" Zob. {odd}załącznik.")
    resolution = parse(text)
    assert odd in render_lossless(Document(resolution, text))  # the tree keeps it
    xml = render_akn(Document(resolution, text))
    root = ElementTree.fromstring(xml.encode("utf-8"))  # raises on a character XML cannot hold
    assert "Zob. \ufffd" in "".join(root.itertext()) or odd.isspace() or odd in "\x1c\x1f"
    codes = [d.code for d in resolution.diagnostics]
    # the separators are blanks, not damage
    assert codes.count("text-control-character") == (0 if odd[0] in "\x0b\x0c\x1c\x1f" else 1)


def test_a_nul_after_the_first_four_kilobytes_is_kept_and_reported() -> None:
    # The binary check looked only at the first 4 kB; a NUL later went into the XML as it was.
    text = min_text(body=" Tekst." * 1_000 + " a\x00b.")
    resolution = parse(text)
    assert "\x00" in render_lossless(Document(resolution, text))
    (diagnostic,) = (d for d in resolution.diagnostics if d.code == "text-control-character")
    assert text[diagnostic.span.start : diagnostic.span.end] == "\x00"
    ElementTree.fromstring(render_akn(Document(resolution, text)).encode("utf-8"))


def test_a_binary_tail_after_a_text_is_refused() -> None:
    tail = bytes(range(256)).decode("latin-1") * 200
    with pytest.raises(ParseError, match="binary data"):
        parse(min_text() + "\n" * 5_000 + tail)


def test_a_lone_surrogate_is_a_parse_error_at_its_place() -> None:
    # Text decoded with errors="surrogateescape" was accepted, then model_dump_json raised.
    text = min_text(body=" Zob.\udc81 dalej.")
    with pytest.raises(ParseError) as caught:
        parse(text, name="u.txt")
    error = caught.value
    offset = text.index("\udc81")
    assert (error.line, error.column) == (text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
    assert "U+DC81 is half of a surrogate pair" in str(error)
    str(error).encode("utf-8")  # the message itself can be printed


def test_an_error_message_does_not_print_the_control_characters_of_its_line() -> None:
    with pytest.raises(ParseError) as caught:
        parse("Zaproszenie \x1b]0;tytuł\x07 na sesję.", name="z.txt")
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message and "\ufffd]0;tytuł\ufffd na sesję." in message


# ------------------------------------------------------ item 9: Markdown injection ---

# Block constructs a line of the text may start with (tests/hostile.py LINE_STARTS has them all).
BLOCKS = ["~~~", "```", "---", "***", "___", "===", "- - -", "# Tytuł", "+ punkt", "- punkt", "1. punkt",
          "1) punkt", "> cytat", "<div>", "| a | b |"]


@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_construct_in_the_text_stays_text_in_markdown(block: str) -> None:
    # "~~~" opened a code fence that swallowed the rest of the output; "---" became a rule.
    text = min_text(body=f"\n1) pierwszy;\n2) drugi.\n{block}\nReszta.") + (
        f"Załącznik nr 1 do uchwały nr XI/1/2024\n{block}\nTreść załącznika.\n")
    resolution = parse(text)
    assert resolution.attachments
    document = Document(resolution, text)
    markdown = render_markdown(document)
    assert markdown_blocks_from_text(document, markdown) == []
    assert "Treść załącznika." in markdown and "Reszta." in markdown


# ------------------------------------------------------------------- item 7: memory ---

PROSE = "Ustala się ekwiwalent w wysokości 12 zł za godzinę udziału w działaniu ratowniczym. "
SHAPES = {
    "prose": PROSE,
    "units": "§ 7. Ustala się stawkę:\n1) w wysokości 5 zł;\n2) płatną co miesiąc.\n",
    "journal references": "(Dz. U. z 2015 r. poz. 1515, 1516 i 1517) ",
}


def test_a_megabyte_of_text_peaks_under_fifty_times_its_size() -> None:
    # A paragraph's text terminal kept a backtracking frame per word: 323 bytes a character.
    text = min_text(body=" " + PROSE * (1_000_000 // len(PROSE)))
    parse(min_text())  # grammars loaded before measuring
    assert peak_memory(lambda: parse(text)) <= 50 * len(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_parsing_needs_little_more_memory_than_the_tree_it_returns(shape: str) -> None:
    # The tree of frozen models is what a dense text costs (some 1 kB a node: README, "Untrusted
    # input"); the work of getting there (Lark's tree, the units before nesting) adds some 2-18 times
    # the input on top, not the hundreds a backtracking regex frame per character did.
    text = min_text(body=" " + SHAPES[shape] * (100_000 // len(SHAPES[shape])))
    parse(min_text())
    tracemalloc.start()
    try:
        resolution = parse(text)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert resolution.paragrafy()
    assert peak - kept <= 25 * len(text), f"{(peak - kept) / len(text):.0f}x the input on top of the tree"


# ------------------------------------------- item 7 (the CLI) and 8: reading files ---


def test_the_cli_refuses_a_file_over_the_limit_without_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # /dev/zero was read until memory ran out: now at most the limit and one byte.
    monkeypatch.setattr(cli, "MAX_SIZE", 1_000_000)
    assert cli.main(["/dev/zero"]) == cli.EXIT_PARSE_FAILED
    assert "larger than the limit of 1,000,000 bytes" in capsys.readouterr().err


UTF8_HEAD = min_text().encode("utf-8")
CP1250_TAIL = "Przewodniczący Rady Gminy\nWojewództwa Łódzkiego Żółć\n"


def test_a_windows_1250_tail_on_a_utf8_file_is_read_line_by_line() -> None:
    # The whole file was read as cp1250: "WojewĂłdztwa", or refused for "byte 0x81 at offset 6".
    with pytest.warns(MixedEncodingWarning, match=r"lines 9, 10 of this UTF-8 file are not UTF-8: read as cp1250"):
        text, encoding = decode(UTF8_HEAD + CP1250_TAIL.encode("cp1250"))
    assert (text, encoding) == (min_text() + CP1250_TAIL, "utf-8+cp1250")
    assert parse(text).signature is not None


def test_bytes_valid_in_neither_encoding_are_refused_where_they_stand() -> None:
    with pytest.raises(NotTextError, match=r"byte 0x81 at line 9, byte offset \d+ is neither UTF-8 nor cp1250"):
        decode(UTF8_HEAD + "Żółć".encode("cp1250") + b"\x81\n")


def test_an_8bit_file_is_not_taken_for_a_mixed_one() -> None:
    # Windows-1250 capitals can form a valid UTF-8 pair by chance ("ÓŁ" is D3 A3).
    data = "SZKÓŁ PODSTAWOWYCH ŻÓŁTE\nUCHWAŁA NR 1\n".encode("cp1250")
    assert decode(data) == ("SZKÓŁ PODSTAWOWYCH ŻÓŁTE\nUCHWAŁA NR 1\n", "cp1250")


def test_the_cli_says_which_lines_were_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(UTF8_HEAD + CP1250_TAIL.encode("cp1250"))
    assert cli.main(["--format", "summary", str(path)]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert err == f"{path}: warning: lines 9, 10 of this UTF-8 file are not UTF-8: read as cp1250\n"
    assert json.loads(out)["number"] == "XI/1/2024"
