"""The promise on any input: ``parse()`` returns a Resolution or raises ParseError, nothing else.

Three kinds of evidence:

- property tests (hypothesis): real-shaped texts from tests/fixtures and examples/, mutated
  (slices cut, doubled, moved; domain words and odd characters inserted; line ends changed), and
  keyword soup from the domain vocabulary; together well over 10,000 examples per run;
- hostile inputs that would expose catastrophic backtracking or deep recursion: each must finish
  (the result is asserted; nothing is timed here: ``make bench`` measures);
- encodings: every corpus text re-encoded to Windows-1250, ISO-8859-2 and CRLF line ends gives the
  same summary record as the original.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from conftest import FIXTURES, ROOT, corpus_texts
from uchwaly_parser.decode import decode
from uchwaly_parser.diagnostics import CODES, MAX_PER_CODE, diagnose
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse
from uchwaly_parser.query import Document
from uchwaly_parser.summary import summary

SEEDS: list[str] = [
    p.read_text(encoding="utf-8")
    for p in sorted([*(FIXTURES / "documents").glob("*.txt"), *(ROOT / "examples").glob("*.txt")])
]

# Words and marks the grammar and the citation engine react to, with the damage real texts carry.
VOCABULARY = [
    "UCHWAŁA", "Uchwała", "U C H W A Ł A", "UchwaBa", "uchwały", "NR", "Nr", "nr", "XI/69/2015", "…….",
    "____", "RADY GMINY", "Rady Miejskiej w", "Sejmiku Województwa", "z dnia", "z dnia:", "29 października",
    "2015 r.", "roku", "28.09.2006", "w sprawie", "w sprawie:", "zmieniająca uchwałę", "Na podstawie",
    "Działając na podstawie", "art.", "art. 18", "ust.", "ust. 2", "pkt", "pkt 15", "lit.", "lit. a", "§",
    "§ 1.", "§1", "§ 2a", "par. 1", "1.", "2.", "12.", "1)", "2)", "a)", "b)", "za)", "–", "-", "—", "•",
    "ustawy", "rozporządzenia", "o samorządzie gminnym", "Dz. U.", "Dz.U.", "Dz. U. z", "Dz. Urz. Woj.",
    "M.P.", "z 2024 r.", "poz.", "poz", "poz. 1465", "Nr 142", "Nr 142, poz. 1591", "t.j.", "tekst jednolity",
    "z późn. zm.", "ze zm.", "w związku z", "w zw. z", "Rada Gminy", "uchwala, co następuje:",
    "uchwala się", "postanawia:", "Przewodniczący", "Przewodnicząca Rady", "(-)", "/-/", "Załącznik nr 1",
    "do uchwały", "UZASADNIENIE", "Uzasadnienie", "Rozdział 1", "DZIAŁ II", "projekt", "Id: AB12-CD34.",
    "Strona 1", "2 Dziennik Urzędowy Województwa Łódzkiego 2 Poz. 545", "„", "”", "“", '"', ",,", "(", ")",
    "[1]", "/", ";", ":", ",", ".", "|", "\u00a0", "\u00ad", "\ufeff", "\t", "\r", "\r\n", "\n", "\n\n",
]
SEPARATORS = st.sampled_from(["", " ", " ", "  ", "\n", "\r\n", "\t"])


def _event(what: str) -> None:
    # hypothesis statistics show how many examples reached a tree; outside a property test, nothing
    if currently_in_test_context():
        event(what)


def assert_parses_or_raises_our_error(text: str) -> Resolution | None:
    """The promise, and what a returned tree must hold: spans inside the text, diagnostics sane."""
    try:
        resolution = parse(text, name="<hypothesis>")
    except ParseError as error:
        assert error.line >= 1 and error.column >= 1
        assert str(error).startswith("<hypothesis>:")
        _event("ParseError")
        return None
    _event("tree")
    assert isinstance(resolution, Resolution)
    assert 0 <= resolution.span.start <= resolution.span.end <= len(text)
    diagnostics = diagnose(Document(resolution, text))
    assert all(0 <= d.span.start <= d.span.end <= len(text) and d.code in CODES for d in diagnostics)
    assert all(sum(d.code == code for d in diagnostics) <= MAX_PER_CODE for code in CODES)
    return resolution


# ------------------------------------------------------------ mutated texts ---


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real-shaped text with up to six edits of the kinds transcripts and pages make."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        size = len(text)
        at = draw(st.integers(0, size))
        length = draw(st.integers(0, min(400, size - at)))
        kind = draw(st.sampled_from(["cut", "double", "insert", "replace", "truncate", "move", "lines", "flatten",
                                     "blanks"]))
        piece = text[at : at + length]
        if kind == "cut":
            text = text[:at] + text[at + length :]
        elif kind == "double":
            text = text[: at + length] + piece + text[at + length :]
        elif kind == "insert":
            word = draw(st.sampled_from(VOCABULARY) | st.text(max_size=4))
            text = text[:at] + word + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(st.text(max_size=3)) + text[at + length :]
        elif kind == "truncate":
            text = text[:at]
        elif kind == "move":
            rest = text[:at] + text[at + length :]
            to = draw(st.integers(0, len(rest)))
            text = rest[:to] + piece + rest[to:]
        elif kind == "lines":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", " \n"])))
        elif kind == "blanks":  # layout whitespace: a run of spaces or tabs (kept short: see the hostile tests)
            text = text[:at] + draw(st.sampled_from([" ", "\t", "\u00a0"])) * draw(st.integers(2, 120)) + text[at:]
        else:  # a PDF transcript: everything on one line
            text = text.replace("\n", " ")
    return text


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_real_texts_parse_or_raise_parse_error(text: str) -> None:
    assert_parses_or_raises_our_error(text)


# ------------------------------------------------------------- keyword soup ---

SOUP = st.lists(st.tuples(st.sampled_from(VOCABULARY) | st.text(max_size=3), SEPARATORS), max_size=80).map(
    lambda parts: "".join(word + separator for word, separator in parts)
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_keyword_soup_parses_or_raises_parse_error(text: str) -> None:
    assert_parses_or_raises_our_error(text)


@settings(max_examples=3500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["UCHWAŁA NR ", "Uchwała Nr XI/1/2015 Rady Gminy X z dnia 1 maja 2015 r. w sprawie ",
                        "UCHWAŁA\n"]), SOUP)
def test_soup_after_a_title_parses_or_raises_parse_error(title: str, text: str) -> None:
    # A title keeps the locator from refusing at once, so the grammar and the builders see the soup.
    assert_parses_or_raises_our_error(title + text)


# ---------------------------------------------------------------- hostile ---

HEAD = ("UCHWAŁA NR XI/69/2015\nRADY GMINY KRZYKOSY\nz dnia 29 października 2015 r.\nw sprawie próby\n"
        "Na podstawie art. 18 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym ")
BODY = "Rada Gminy Krzykosy uchwala, co następuje:\n"


def test_a_hundred_thousand_journal_openings() -> None:
    text = HEAD + "Dz. U. z " * 100_000
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None and resolution.legal_basis is not None


def test_fifty_thousand_open_parentheses() -> None:
    text = HEAD + "(" * 50_000 + "\n" + BODY + "§ 1. Tekst.\n"
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None
    diagnostics = diagnose(Document(resolution, text))
    assert sum(d.code == "unbalanced-bracket" for d in diagnostics) == MAX_PER_CODE
    assert any(d.code == "diagnostics-capped" for d in diagnostics)


def test_fifty_thousand_opening_quotes() -> None:
    text = HEAD + BODY + "§ 1. Tekst " + "„" * 50_000 + "\n§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None
    assert [p.number for p in resolution.paragrafy()] == ["1", "2"]


def test_a_one_megabyte_single_line() -> None:
    sentence = "Ustala się ekwiwalent w wysokości 12 zł za godzinę udziału w działaniu ratowniczym, "
    text = (HEAD + BODY).replace("\n", " ") + "§ 1. " + sentence * (1_000_000 // len(sentence))
    assert len(text) >= 1_000_000 and "\n" not in text
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None and [p.number for p in resolution.paragrafy()] == ["1"]


def test_a_one_megabyte_line_dense_with_references() -> None:
    reference = "art. 5 ust. 1 pkt 2 ustawy z dnia 8 marca 1990 r. (Dz. U. z 2015 r. poz. 1515 z późn. zm.); "
    text = (HEAD + BODY).replace("\n", " ") + "§ 1. " + reference * (1_000_000 // len(reference))
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None and sum(len(c.publications) for c in resolution.citations) >= 9_000


def test_four_thousand_paragrafy() -> None:
    units = "".join(f"§ {i}. Ustala się stawkę nr {i}:\n1) w wysokości {i} zł;\n2) płatną co miesiąc.\n"
                    for i in range(1, 4001))
    text = HEAD + "\n" + BODY + units + "Przewodniczący Rady Gminy\nJan Kowalski\n"
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None
    assert [p.number for p in resolution.paragrafy()] == [str(i) for i in range(1, 4001)]
    assert resolution.signature is not None and resolution.signature.name == "Jan Kowalski"


def test_nine_hundred_bare_numbers_where_every_paragraf_sign_was_lost() -> None:
    # The bare-number marker takes up to three digits (units.lark USTEP), hence 999 at most.
    units = "".join(f"{i}. Ustala się stawkę nr {i}.\n" for i in range(1, 901))
    resolution = assert_parses_or_raises_our_error(HEAD + "\n" + BODY + units)
    assert resolution is not None
    assert [p.number for p in resolution.paragrafy()] == [str(i) for i in range(1, 901)]
    assert all(p.inferred for p in resolution.paragrafy())


def test_deep_nesting_of_lists_does_not_overflow() -> None:
    lines = "".join(f"{i}) punkt\na) litera\n– tiret\n" for i in range(1, 3001))
    assert assert_parses_or_raises_our_error(HEAD + "\n" + BODY + "§ 1. Lista:\n" + lines) is not None


def test_long_runs_of_blanks_in_the_body() -> None:
    # "poz" then blanks: a backtracking "[ \t]*\.?[ \t]*" in a diagnostics pattern was quadratic here
    blanks = " " * 50_000
    text = HEAD + "\n" + BODY + f"§ 1. Dz. U. poz{blanks}. i{blanks}a{blanks}\n" + "\t" * 50_000 + "\n§ 2. Koniec.\n"
    resolution = assert_parses_or_raises_our_error(text)
    assert resolution is not None and [p.number for p in resolution.paragrafy()] == ["1", "2"]


def _blank_runs_are_linear_in_the_grammar() -> bool:
    """Whether the header and legal-basis terminals take a run of blanks in one step (see bench)."""
    from uchwaly_parser.grammar import get_parser

    terminals = {t.name: t.pattern.to_regexp() for t in get_parser("resolution").terminals}
    return all("++" in terminals.get(name, "++") for name in ("BASIS_TEXT", "BASIS_LINE", "SUBJECT", "HEADER_NOISE", "DATE"))


# Layout whitespace is common (the seed indents with runs of spaces); before the grammar took runs
# of blanks in one step, 2,000 spaces in a legal basis took a minute (cubic) and 32,000 in a header
# line half a minute (quadratic).
@pytest.mark.parametrize("where", ["legal basis", "subject", "header line", "date", "body"])
def test_long_runs_of_blanks_in_the_header_and_legal_basis(where: str) -> None:
    assert _blank_runs_are_linear_in_the_grammar(), "a header or legal-basis terminal scans blanks per character"
    blanks = " " * 50_000
    parts = {
        "legal basis": HEAD + blanks + "(Dz. U. z 2015 r. poz. 1515)\n" + BODY + "§ 1. Tekst.\n",
        "subject": HEAD.replace("w sprawie próby", "w sprawie" + blanks + "próby") + "\n" + BODY + "§ 1. Tekst.\n",
        "header line": HEAD.replace("RADY GMINY", "RADY" + blanks + "GMINY") + "\n" + BODY + "§ 1. Tekst.\n",
        "date": HEAD.replace("z dnia 29", "z dnia" + blanks + "29") + "\n" + BODY + "§ 1. Tekst.\n",
        "body": HEAD + "\n" + BODY + "§ 1. Tekst" + blanks + "dalej.\n",
    }
    resolution = assert_parses_or_raises_our_error(parts[where])
    assert resolution is not None and [p.number for p in resolution.paragrafy()] == ["1"]


@pytest.mark.parametrize("text", ["", " \n\t ", "\x00\x01\x02" * 1000, "Lorem ipsum dolor sit amet. " * 2000,
                                  "§ 1. Bez tytułu.\n2. Dalej.", "\ufeff", "UCHWAŁA"])
def test_not_a_resolution_is_our_error_or_a_tree(text: str) -> None:
    assert_parses_or_raises_our_error(text)


# --------------------------------------------------------------- encodings ---


def _summary_of(data: bytes, name: str) -> dict[str, object]:
    text, _ = decode(data)
    record = summary(Document(parse(text, name=name), text), name)
    return json.loads(json.dumps(record, ensure_ascii=False))


ENCODINGS = ["cp1250", "iso-8859-2", "crlf", "crlf-cp1250"]
# How a file in a code page without typographic marks writes them (ISO-8859-2 has no „ ” – …).
FALLBACK = {"„": '"', "”": '"', "“": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "•": "*"}


def _representable(text: str, codec: str) -> str:
    """``text`` as a file in ``codec`` would hold it: marks the code page lacks written the ASCII way."""
    out = []
    for ch in text:
        try:
            ch.encode(codec)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(FALLBACK.get(ch, "?"))
    return "".join(out)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("path", corpus_texts(), ids=[p.stem for p in corpus_texts()])
def test_reencoded_corpus_text_gives_the_same_summary(path: Path, encoding: str) -> None:
    codec = "utf-8" if encoding == "crlf" else encoding.removeprefix("crlf-")
    text = _representable(path.read_text(encoding="utf-8"), codec)
    expected = _summary_of(text.encode("utf-8"), path.name)
    if encoding.startswith("crlf"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode(codec)
    assert decode(data)[0] == text
    assert _summary_of(data, path.name) == expected
