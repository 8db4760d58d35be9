"""What the parser had to guess or skip, as coded diagnostics pointing at the text concerned.

Plain functions over a parsed ``Resolution`` and the ORIGINAL input text (the tree's spans point
into it). ``diagnose`` runs every check and returns the diagnostics in document order. Nothing here
changes the tree: a check only reports.

Severity: ``error`` where a value the tree gives is known to be wrong (mis-decoded letters),
``warning`` where the parser guessed or a value is missing because the text is damaged, ``info``
where it skipped something that does not change any value (page furniture, trailing page text).

Every code, its severity and what it means are listed once, in ``CODES``; a code never changes
meaning once published. Each check reports at most ``MAX_PER_CODE`` times (then one
``diagnostics-capped``), so hostile input cannot make the list grow with its size.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from uchwaly_parser.grammar import terminals
from uchwaly_parser.lexicon import pattern, words
from uchwaly_parser.models.base import Span
from uchwaly_parser.models.citations import Publication
from uchwaly_parser.models.document import (
    Content,
    Diagnostic,
    Litera,
    Paragraf,
    Punkt,
    Resolution,
    Rozdzial,
    Severity,
    Text,
    Unit,
    Ustep,
    texts,
)
from uchwaly_parser.query import Document
from uchwaly_parser.source import Source
from uchwaly_parser.values import number_is_blank

__all__ = ["CODES", "MAX_PER_CODE", "diagnose"]

MAX_PER_CODE = 20

# code -> (severity, what it means). The one place codes are defined; tests check every check uses
# only these and that the table is documented in the README.
CODES: dict[str, tuple[Severity, str]] = {
    # header
    "header-number-missing": ("info", "the header prints no resolution number"),
    "header-number-placeholder": ("warning", "the number is a blank left to be filled in (draft)"),
    "header-number-damaged": ("warning", "the number has empty or unreadable parts"),
    "header-date-missing": ("warning", "the header gives no date"),
    "header-date-placeholder": ("warning", "the date is a blank left to be filled in (draft)"),
    "header-date-unreadable": ("warning", "the date is printed but cannot be read as a date"),
    # legal basis and enacting clause
    "legal-basis-missing": ("warning", "no legal basis ('Na podstawie ...') was found"),
    "enacting-clause-missing": ("warning", "no enacting clause ('... uchwala, co następuje') was found"),
    "provision-damaged": ("warning", "a cited provision lost its unit name or the words after a conjunction"),
    # body and numbering
    "body-empty": ("warning", "the resolution has no body text at all"),
    "body-unnumbered": ("info", "the body has text but no § units"),
    "paragraf-inferred": ("warning", "the § sign was lost in the source; the unit was inferred"),
    "paragraf-sign-ocr": ("warning", "OCR read '§' as '8', 'S' or '$' ('8 2. Celem'); the numbering proves the §"),
    "paragraf-run-in": ("info", "a '§ N' ran on in the words before it (a joined line); the numbering made it a unit"),
    "unit-sign-lost": ("warning", "a reference to a unit lost its '§' or 'art.' ('w związku z 48 ust. 3')"),
    "numbering-gap": ("warning", "a unit number is skipped"),
    "numbering-repeat": ("warning", "a unit number is repeated"),
    "numbering-backwards": ("warning", "a unit number is lower than the one before it"),
    "xref-missing": ("info", "a reference names a unit or attachment the text lacks (an attachment printed apart)"),
    # citations
    "citations-unread": ("error", "a passage's citations could not be read: a fault of the parser, please report it"),
    "publication-year-missing": ("warning", "a journal reference gives no readable year"),
    "publication-position-missing": ("warning", "a journal reference gives no readable position"),
    "reference-digits-lost": ("warning", "a date or journal reference lost its digits ('poz z', 'Dz.U r.', 'z r.')"),
    "year-implausible": ("warning", "a year with the wrong number of digits ('z 213 r.'): digits were dropped"),
    "unbalanced-bracket": ("warning", "a parenthesis is opened and not closed, or closed and not opened"),
    "unbalanced-quote": ("warning", "a quotation mark is opened and not closed, or closed and not opened"),
    # text damage
    "text-mojibake": ("error", "Polish letters were mis-decoded ('UchwaBa', '|ycie'): values carry wrong letters"),
    "text-ocr-noise": ("warning", "characters typical of OCR misreading ('nast~puje', '$1', '§ l')"),
    "text-image-placeholder": ("warning", "a placeholder stands for an image or unreadable region"),
    "text-placeholder": ("info", "a blank left to be filled in inside the text"),
    "text-hyphenation-broken": ("info", "a word broken by a hyphen and a space ('samo- rządzie')"),
    "text-truncated": ("warning", "the text ends mid-sentence: it was cut off"),
    "text-control-character": ("warning", "a control character or non-character XML cannot hold; kept in the tree, "
                                          "written as U+FFFD in Akoma Ntoso"),
    # skipped text
    "prelude-skipped": ("info", "text before the resolution's title was skipped (website furniture, page title)"),
    "page-furniture": ("info", "page furniture (journal page header, e-signature footer) was skipped"),
    "text-after-signature": ("info", "text after the signature that is neither an attachment nor an uzasadnienie"),
    "diagnostics-capped": ("info", "more diagnostics of one code were found than are listed"),
}

# ------------------------------------------------------------------ regexes ---
# Every pattern the checks use, named, with the real shapes it is for. All are linear: no nested
# quantifiers over overlapping classes.

_LOWER = "a-ząćęłńóśźż"
# A blank to fill in: "……", "____", "....", runs of three or more spaces between number parts
PLACEHOLDER = re.compile(r"…+|__+|\.\.\.+")
# A resolution number that is well formed: "XI/69/2015", "XL.262.2021", "303/14/VI", "XI–108/2011"
NUMBER_SHAPE = re.compile(r"[\dIVXLCDM]+[a-z]?(?:[/.\-–][\dIVXLCDMa-zA-Z]+)*")
# Each branch starts with the plain character it is about (not a group, a repeat or a lookbehind)
# and checks what stands before it with a lookbehind placed after it: a leading character lets `re`
# skip straight to candidates (measured 4-8x faster on the corpus than a leading lookbehind or
# repeat, which is tried at every position).
# Polish letters mis-decoded (cp1250 / UTF-16 confusion): "UchwaBa", "MBodzie|owej", "|ycie",
# "ogBoszeD" (not a glued "wDzienniku": B and D only where no preposition can stand before them);
# and UTF-8 read as a single-byte code page: "Ĺ‚", "Ä…", "Ã³", "Å‚"; the replacement character.
MOJIBAKE = re.compile(
    rf"B(?:(?<=[{_LOWER}]{{2}}B)(?=[{_LOWER}])|(?<=[A-ZĄĆĘŁŃÓŚŹŻ]B)(?<![^\W\d_]..)(?=[{_LOWER}]{{2}}))"
    rf"|\|(?:(?<![^\W\d_]\|)(?=[{_LOWER}]{{2}})|(?<=[{_LOWER}]\|)(?=[{_LOWER}]))"
    rf"|D(?<=[{_LOWER}]{{3}}D)(?![^\W\d_])"
    r"|Ä[\u0080-\u00bf…‚„†‡ˆ‰Š‹ŚŤŽŹ]|Ĺ[\u0080-\u00bf‚›ş]|Ã[\u0080-\u00bf]|Å[\u0080-\u00bf‚„]|\ufffd"
)
MOJIBAKE_MIN = 3
# OCR misreadings: a tilde or backslash inside a word ("nast~puje", "Z:iri\ ieldzic"), "$" or "S"
# read for "§" before a number ("$1", "S2 =" after a sentence; "Sektor S1" names a sector), a
# letter read for a digit after a unit name ("§ l", "ust. I"), "póz." for "poz.", "z poin. zm." for
# "z późn. zm.", split digits "poz. 4 I4".
OCR_NOISE = re.compile(
    rf"[~\\](?<=[{_LOWER}][~\\])(?=[{_LOWER}])"
    r"|\$(?<![^\s]\$)\d{1,3}(?![\d.,])|S(?<=[.:;)][ \t]S)\d{1,3}(?![\d.,])"
    r"|§[ \t]*[lI](?![^\W\d_])"
    r"|\.(?<=ust\.|art\.)(?<![^\W\d_]....)[ \t]*[lI](?![^\W\d_])"
    r"|ó(?<![^\W\d_]pó)z\."
    r"|\.(?<=poin\.)[ \t]*zm"
    r"|\.(?<=poz\.)(?<![^\W\d_]poz\.)[ \t]*\d+[ \t]?[IlO]\d"
)
# A unit reference that lost its "§"/"art.": "w związku z 48 ust. 3", "o którym mowa w 1 ",
# "w związku z 4 i 5 Rozporządzenia".
UNIT_SIGN_LOST = re.compile(
    r"(?:m(?<![^\W\d_]m)owa[ \t]+w|w(?<![^\W\d_]w)[ \t]+(?:związku|zw\.)[ \t]+z)[ \t]+\d{1,4}[a-z]?"
    r"(?=[ \t]+(?:ust\.|pkt|i[ \t]+\d|oraz[ \t]+\d|[^\W\d_]*[Rr]ozporządz|uchwały|statutu)|[ \t]*[,.;)]|[ \t]*$)",
    re.MULTILINE,
)
# "Na podstawie 18 ust. 2" (no "art."), "pkt 15 i ustawy" (the unit after "i" is gone)
PROVISION_DAMAGED = re.compile(
    rf"{pattern('LEGAL_BASIS_LEAD')}[ \t]+\d{{1,4}}(?=[ \t]+(?:ust\.|pkt))"
    r"|[ \t](?<=\d[ \t])[ \t]*(?:i|oraz)[ \t]+(?=(?:ustawy|rozporządzenia)(?![^\W\d_]))"
)
# (Possessive "*+" where two runs of blanks meet: a backtracking "[ \t]*\.?[ \t]*" is quadratic on a
# long run of spaces.)
# Digits lost from a reference or date: "poz z 2009", "poz i poz.", "poz )", masthead "Poz UCHWAŁA",
# "poz z późn.zm."; a journal with "r." but no year "Dz.U r. Nr 197"; a date with no year "z r.".
REFERENCE_DIGITS_LOST = re.compile(
    r"[Pp](?<![^\W\d_][Pp])oz(?:\.(?=[ \t]*[)\],;])|(?![.\w]))(?![ \t]*+\.?[ \t]*+\d)"
    # (the journal's name starts with "D" or "d": said first, it spares the lookbehind at every character)
    rf"|(?=[Dd])(?<![^\W\d_]){pattern('DZIENNIK_USTAW')}"
    r"(?:[ \t]*(?:z[ \t]+)?r\.(?=[ \t]*(?:Nr|nr|poz))|[ \t]+z[ \t]+(?=Nr[ \t]*\d))"
    r"|z(?<![^\W\d_]z)(?:[ \t]+dnia)?[ \t]+r\.(?![^\W\d_])"
)
# A year in a date or reference written with three digits: "z 213 r.", "7 czerwca 21 r.", "199r"
# (the lexicon's words as written, lower case: a case-insensitive group before each would make the
# regex engine try every position of the text, seven times slower)
MONTH_WORDS = "|".join(words("MONTH_GENITIVE"))
YEAR_IMPLAUSIBLE = re.compile(
    rf"(?:z(?<![^\W\d_]z)|{MONTH_WORDS})[ \t]+(\d{{2,3}})[ \t]*(?:r\.|r(?![^\W\d_])|roku)"
)
# YEAR_IMPLAUSIBLE as it is scanned (``implausible_years``): from its digits, which are rare, and then
# back to the word before them; a scan from the word tried every "z" and month initial (8x slower).
_YEAR_DIGITS = re.compile(r"\d\d\d?(?=[ \t]*(?:r\.|r(?![^\W\d_])|roku))")
_YEAR_WORD = re.compile(rf"(?:z(?<![^\W\d_]z)|{MONTH_WORDS})\Z")
_YEAR_WORD_LONGEST = max(len(word) for word in words("MONTH_GENITIVE"))
# A region left for an image the transcript could not read: "UNRECOGNIZED", "[obraz]"
IMAGE_PLACEHOLDER = re.compile(r"UNRECOGNIZED(?<![^\W\d_]UNRECOGNIZED)(?![^\W\d_])|\[(?:obraz|image|rysunek)\]")
# "samo- rządzie", "prze- wodniczących": a visible hyphen and space inside a word (not "dwu- i trzy-")
HYPHEN_BROKEN = re.compile(
    rf"-(?<=[{_LOWER}]{{2}}-)[ \t]+(?!(?:i|lub|oraz|albo|a)(?![^\W\d_]))[{_LOWER}]{{3,}}"
)
# Sentence punctuation that may end a text (a cut-off text ends on a word, a comma or a hyphen)
TEXT_END = re.compile(r"[.!?;:)\]”“\"»…'’]\s*$")
# Characters XML 1.0 cannot hold, less the separators the grammars read as blanks (Source.readable)
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0e-\x1b\ufffe\uffff]")
# The entry-into-force or closing clause a complete body holds
CLOSING_CLAUSE = re.compile(pattern("IN_FORCE"))
# Quotes and brackets, for the balance scan: "„", ",," (old-Polish opener), closers, ASCII pairs
QUOTE_OR_BRACKET = re.compile(r"„|,,|[”“\"()]")
# A reference's last word before its number: "poz 717)", "Nr 80)"
JOURNAL_WORD_BEFORE = re.compile(r"(?i:poz\.?|nr\.?)[ \t]*$")
# What stands before a ")" that may be a list marker: "lit. a)", "pkt 1)", "a)", "1)"
ENUMERATOR_TAIL = re.compile(r"(?:(?<![^\W\d_])(lit\.|pkt\.?|ust\.)[ \t]*)?(\d{1,3}[a-z]?|[a-z]{1,2})$")


@dataclass(frozen=True)
class _Context:
    document: Document
    resolution: Resolution
    text: str
    source: Source
    ocr_signs: tuple[tuple[int, int], ...] = ()
    unread: tuple[tuple[int, int, str], ...] = ()


class _Found(NamedTuple):
    """A diagnostic before it is located and validated: checks make many, only the kept ones cost."""

    code: str
    start: int
    end: int
    message: str


Check = Callable[[_Context], Iterable[_Found]]


def diagnose(
    document: Document,
    *,
    ocr_signs: tuple[tuple[int, int], ...] = (),
    unread: tuple[tuple[int, int, str], ...] = (),
) -> tuple[Diagnostic, ...]:
    """Every diagnostic for the document's resolution, in document order.

    ``ocr_signs`` are the places where the cleaners read an OCR'd "8", "S" or "$" as "§"; ``unread``
    the passages whose citations could not be read (``citations.api.unread_windows``).
    Never raises on any tree the parser returns; each code is reported at most ``MAX_PER_CODE`` times.
    The checks read the text as the grammars do (``Source.readable``: every blank a space).
    """
    source = document.source
    text = source.text
    context = _Context(document, document.resolution, source.readable, source, ocr_signs, unread)
    kept = _capped(found for check in _CHECKS for found in check(context))
    kept.sort(key=lambda f: (f.start, f.end, f.code))
    size = len(text)
    diagnostics = []
    for found in kept:
        start = max(0, min(found.start, size))
        end = max(start, min(found.end, size))
        diagnostics.append(Diagnostic(span=context.source.span(start, end), code=found.code,
                                      severity=CODES[found.code][0], message=found.message))
    return tuple(diagnostics)


def _capped(found: Iterable[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    by_code: dict[str, int] = {}
    over: dict[str, _Found] = {}
    for item in found:
        seen = by_code.get(item.code, 0)
        by_code[item.code] = seen + 1
        if seen < MAX_PER_CODE:
            kept.append(item)
        elif item.code not in over:
            over[item.code] = item
    for code, first in over.items():
        more = by_code[code] - MAX_PER_CODE
        kept.append(_Found("diagnostics-capped", first.start, first.end,
                           f"{more} more '{code}' diagnostics from here on are not listed"))
    return kept


def _make(context: _Context, code: str, start: int, end: int, message: str) -> _Found:
    assert code in CODES, code
    return _Found(code, start, end, message)


def _at(context: _Context, code: str, span: Span, message: str) -> _Found:
    return _make(context, code, span.start, span.end, message)


def _excerpt(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ------------------------------------------------------------------- header ---


def check_header(context: _Context) -> Iterator[_Found]:
    """Number and date: missing, a blank to fill in, or unreadable."""
    header = context.resolution.header
    number = header.number
    if number is None:
        yield _at(context, "header-number-missing", header.span, "the header prints no resolution number")
    elif number.value is None:
        if number_is_blank(number.raw):
            yield _at(context, "header-number-placeholder", number.span,
                      f"the number '{_excerpt(number.raw)}' is a blank to be filled in; number left empty")
        else:
            yield _at(context, "header-number-damaged", number.span,
                      f"the number '{_excerpt(number.raw)}' cannot be read; number left empty")
    elif not NUMBER_SHAPE.fullmatch(number.value):
        yield _at(context, "header-number-damaged", number.span,
                  f"the number '{_excerpt(number.raw)}' has empty or unreadable parts; kept as printed")
    date = header.date
    if date is None:
        yield _at(context, "header-date-missing", header.span, "the header gives no date")
    elif date.value is None:
        if PLACEHOLDER.search(date.text) or not re.search(r"\d{4}", date.text):
            yield _at(context, "header-date-placeholder", date.span,
                      f"the date '{_excerpt(date.text)}' is a blank to be filled in; date left empty")
        else:
            yield _at(context, "header-date-unreadable", date.span,
                      f"the date '{_excerpt(date.text)}' cannot be read; date left empty")


def check_clauses(context: _Context) -> Iterator[_Found]:
    """The legal basis and the enacting clause every resolution carries."""
    resolution = context.resolution
    after_header = resolution.header.span.end
    if resolution.legal_basis is None:
        yield _make(context, "legal-basis-missing", after_header, after_header,
                    "no legal basis ('Na podstawie …') after the header")
    if resolution.enacting_clause is None:
        at = resolution.legal_basis.span.end if resolution.legal_basis else after_header
        yield _make(context, "enacting-clause-missing", at, at,
                    "no enacting clause ('… uchwala, co następuje:') before the body")
    if resolution.legal_basis is not None:
        span = resolution.legal_basis.span
        for match in PROVISION_DAMAGED.finditer(context.text, span.start, span.end):
            yield _make(context, "provision-damaged", match.start(), match.end(),
                        f"'{_excerpt(match.group(0))}': the provision lost its unit name or the words after it")


# --------------------------------------------------------------------- body ---


def _walk(nodes: Sequence[Content]) -> Iterator[Content]:
    for node in nodes:
        yield node
        if isinstance(node, Unit):
            yield from _walk(node.content)


def check_body(context: _Context) -> Iterator[_Found]:
    """A missing body, a body without §§, every § whose sign the source lost, and every § read out of
    the words before it."""
    resolution = context.resolution
    body = resolution.content
    if not body:
        at = resolution.enacting_clause.span.end if resolution.enacting_clause else resolution.header.span.end
        yield _make(context, "body-empty", at, at, "the resolution has no body: no § units and no text")
        return
    if not resolution.paragrafy():
        first, last = body[0].span, body[-1].span
        yield _make(context, "body-unnumbered", first.start, last.end, "the body has text but no § units")
    text = context.text
    for i, node in enumerate(resolution.paragrafy()):
        if node.inferred:
            yield _at(context, "paragraf-inferred", node.span,
                      f"§ {node.number}: the § sign was lost in the source; read from the numbering")
        elif i and _after_a_word(text, node.span.start):
            yield _make(context, "paragraf-run-in", node.span.start, node.span.start + 1,
                        f"§ {node.number} follows words on its line with no full stop; read as a unit (numbering)")


def _after_a_word(text: str, at: int) -> bool:
    """Does a word (not a line start, not sentence punctuation) stand right before ``at`` on its line?"""
    return text[text.rfind("\n", 0, at) + 1 : at].rstrip()[-1:].isalnum()


def _ordinal(kind: str, number: str | None) -> tuple[int, str] | None:
    """(main number, suffix) of a unit number; letters count a, b, …, z, za, zb for litery."""
    if not number:
        return None
    if kind == "litera":
        if not number.isalpha() or not number.islower():
            return None
        value = 0
        for ch in number:
            value = value * 26 + (ord(ch) - ord("a") + 1)
        return value if len(number) == 1 else 26 + (ord(number[-1]) - ord("a") + 1), ""
    match = re.fullmatch(r"(\d+)([a-z]{0,2})", number)
    return (int(match.group(1)), match.group(2)) if match else None


def _sibling_runs(nodes: Sequence[Content]) -> Iterator[tuple[str, list[Unit], bool]]:
    """For each parent: its numbered children by kind, and whether text precedes the first."""
    kinds = (Paragraf, Ustep, Punkt, Litera)
    for cls in kinds:
        children = [n for n in nodes if isinstance(n, cls)]
        if children:
            first_index = nodes.index(children[0])
            intro = any(isinstance(n, Text) for n in nodes[:first_index])
            yield cls.__name__.lower(), children, intro  # type: ignore[misc]
    for node in nodes:
        if isinstance(node, Unit) and not isinstance(node, Rozdzial):
            yield from _sibling_runs(node.content)


def check_numbering(context: _Context) -> Iterator[_Found]:
    """Gaps, repeats and backward steps in §, ust., pkt and lit. numbering, per parent unit."""
    resolution = context.resolution
    groups: list[Sequence[Content]] = [resolution.content, *(a.content for a in resolution.attachments)]
    for nodes in groups:
        for kind, children, intro in _sibling_runs(nodes):
            yield from _numbering(context, kind, children, intro)


def _numbering(context: _Context, kind: str, children: list[Unit], intro: bool) -> Iterator[_Found]:
    name = children[0].abbreviation
    previous: tuple[int, str] | None = None
    for index, unit in enumerate(children):
        current = _ordinal(kind, unit.number)
        if current is None:
            previous = None
            continue
        if previous is None:
            # "§ 1. Text … 2. …": an ustęp 1 written as the §'s own text is usual, so 2 may come first
            first_ok = current[0] == 1 or (kind == "ustep" and intro and current[0] == 2)
            if index == 0 and not first_ok and kind != "paragraf":
                yield _at(context, "numbering-gap", unit.span,
                          f"{name} {unit.number} is the first of its list; {name} 1 is missing")
        elif current == previous:
            yield _at(context, "numbering-repeat", unit.span, f"{name} {unit.number} repeats the number before it")
        elif current < previous:
            yield _at(context, "numbering-backwards", unit.span,
                      f"{name} {unit.number} follows {name} {children[index - 1].number}")
        elif current[0] > previous[0] + 1 or (current[0] == previous[0] + 1 and current[1]):
            yield _at(context, "numbering-gap", unit.span,
                      f"{name} {unit.number} follows {name} {children[index - 1].number}: a number is skipped")
        previous = current


def check_paragraf_start(context: _Context) -> Iterator[_Found]:
    """The body's first § should be § 1 (a later start means the first ones were lost)."""
    paragrafy = context.resolution.paragrafy()
    if paragrafy:
        first = _ordinal("paragraf", paragrafy[0].number)
        if first is not None and first[0] != 1:
            yield _at(context, "numbering-gap", paragrafy[0].span,
                      f"the body starts at § {paragrafy[0].number}; § 1 is missing")


# ------------------------------------------------------------------ citations ---


def _publications(resolution: Resolution) -> list[Publication]:
    return [publication for citation in resolution.citations for publication in citation.publications]


def check_publications(context: _Context) -> Iterator[_Found]:
    """Journal references whose year or position the text does not give (a lost digit, a typo)."""
    for publication in _publications(context.resolution):
        written = _excerpt(context.text[publication.span.start : publication.span.end])
        if publication.year is None:
            yield _at(context, "publication-year-missing", publication.span,
                      f"'{written}': the reference gives no readable year; year left empty")
        if publication.position is None:
            yield _at(context, "publication-position-missing", publication.span,
                      f"'{written}': the reference gives no readable position; position left empty")


def check_lost_digits(context: _Context) -> Iterator[_Found]:
    """Digits lost from references and dates, where no journal reference already reports it."""
    reported = [
        (p.span.start, p.span.end) for p in _publications(context.resolution) if p.year is None or p.position is None
    ]
    date = context.resolution.header.date
    if date is not None:  # reported by check_header already
        reported.append((date.span.start, date.span.end))
    covered = _cover(reported)
    text = context.text
    for match in REFERENCE_DIGITS_LOST.finditer(text):
        if covered(match.start()):
            continue
        line_end = text.find("\n", match.end())
        after = text[match.end() : min(match.end() + 20, line_end if line_end >= 0 else len(text))]
        yield _make(context, "reference-digits-lost", match.start(), match.end(),
                    f"'{_excerpt(match.group(0) + after, 30)}': the number that belongs here is missing")
    for start, end in implausible_years(text):
        year = text[start:end]
        yield _make(context, "year-implausible", start, end,
                    f"year '{year}' has {len(year)} digits: digits were dropped in the source")


def implausible_years(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the years YEAR_IMPLAUSIBLE finds (its group 1), in order, found from the digits."""
    for digits in _YEAR_DIGITS.finditer(text):
        start = blank = digits.start()
        while blank and text[blank - 1] in " \t":
            blank -= 1
        if blank < start and _YEAR_WORD.search(text, max(0, blank - _YEAR_WORD_LONGEST), blank):
            yield start, digits.end()


def check_unit_signs(context: _Context) -> Iterator[_Found]:
    """References that lost their '§' or 'art.' ("o którym mowa w 1", "w związku z 48 ust. 3")."""
    start = context.resolution.span.start
    for match in UNIT_SIGN_LOST.finditer(context.text, start):
        yield _make(context, "unit-sign-lost", match.start(), match.end(),
                    f"'{_excerpt(match.group(0))}': the unit's '§' or 'art.' is missing before the number")


def check_cross_references(context: _Context) -> Iterator[_Found]:
    """References to units of this resolution ("o którym mowa w § 9") that name no unit it has."""
    for reference in context.document.cross_references():
        if reference.target is None:
            yield _at(context, "xref-missing", reference.span,
                      f"the reference {reference.text!r} names {reference.path}, which this document does not have")


# ---------------------------------------------------------------- balance ---


def _balance(context: _Context, pieces: Sequence[tuple[int, int]], where: str) -> Iterator[_Found]:
    """Unmatched brackets and quotes over the runs ``pieces`` of the text, read as one.

    The runs are a unit's words without the markers of its sub-units ("1)", "a)" are list markers,
    not brackets); a ")" that still looks like one ("lit. a)") closes nothing and is not reported.
    An ASCII '"' closes an open "„" (mixed quotes are common) or else pairs with the next '"'.
    """
    text = context.text
    brackets: list[int] = []
    quote: int | None = None
    ascii_quote: int | None = None
    for piece_start, piece_end in pieces:
        for match in QUOTE_OR_BRACKET.finditer(text, piece_start, piece_end):
            mark, at = match.group(0), match.start()
            if mark == "(":
                brackets.append(at)
            elif mark == ")":
                if brackets:
                    brackets.pop()
                elif not _is_enumerator(text, piece_start, at):
                    yield _make(context, "unbalanced-bracket", at, at + 1, f"')' in {where} closes no '('")
            elif mark in ("„", ",,") or (mark == "“" and quote is None):  # “…” is the English pair
                if quote is not None:
                    yield _make(context, "unbalanced-quote", quote, quote + 1,
                                f"'{text[quote]}' in {where} is not closed before the next quotation")
                quote = at
            elif mark == '"':
                if quote is not None:
                    quote = None
                elif ascii_quote is not None:
                    ascii_quote = None
                elif _closes(text, at):
                    yield _make(context, "unbalanced-quote", at, at + 1,
                                f"'\"' in {where} closes no opening quotation mark")
                else:
                    ascii_quote = at
            elif quote is not None:  # ” or “ closing an opened „
                quote = None
            elif mark == "”":
                yield _make(context, "unbalanced-quote", at, at + 1,
                            f"'”' in {where} closes no opening quotation mark")
    for at in brackets:
        yield _make(context, "unbalanced-bracket", at, at + 1, f"'(' in {where} is not closed")
    for left in (quote, ascii_quote):
        if left is not None:
            yield _make(context, "unbalanced-quote", left, left + 1, f"'{text[left]}' in {where} is not closed")


def _is_enumerator(text: str, piece_start: int, at: int) -> bool:
    """Whether the ")" at ``at`` ends a list marker or a cited "lit. a)" rather than a bracket."""
    start = max(piece_start, at - 12)
    match = ENUMERATOR_TAIL.search(text, start, at)
    if match is None:
        return False
    if match.group(1):
        return True
    before = match.start()
    if before <= piece_start:
        return True
    previous = text[before - 1]
    if previous in ":;\n":
        return True
    # "…, 2) zasady", "a) dla": a list run into one line; but "poz 717)" is a reference's end
    return previous.isspace() and not JOURNAL_WORD_BEFORE.search(text, max(piece_start, before - 6), before)


def _closes(text: str, at: int) -> bool:
    """An ASCII '"' glued to the word before it and not to the one after it closes a quotation."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and not (after.isalnum())


def check_balance(context: _Context) -> Iterator[_Found]:
    """Brackets and quotes in the legal basis, each top-level unit, the uzasadnienie and attachments."""
    resolution = context.resolution
    if resolution.legal_basis is not None:
        span = resolution.legal_basis.span
        yield from _balance(context, [(span.start, span.end)], "the legal basis")
    blocks: list[tuple[Content, str]] = [(node, "the body") for node in resolution.content]
    if resolution.uzasadnienie is not None:
        blocks += [(node, "the uzasadnienie") for node in resolution.uzasadnienie.content]
    for attachment in resolution.attachments:
        blocks += [(node, "an attachment") for node in attachment.content]
    for node, where in blocks:
        pieces = [(t.span.start, t.span.end) for t in texts(node)]
        yield from _balance(context, pieces, where)


# ------------------------------------------------------------- text damage ---


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole whitespace-delimited word around ``text[start:end]``."""
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 40:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 40:
        right += 1
    return left, right


def _damaged_words(
    context: _Context, matches: Iterable[re.Match[str]], code: str, what: str
) -> Iterator[_Found]:
    text = context.text
    last_end = -1
    for match in matches:
        if match.start() < last_end:
            continue  # one diagnostic per damaged word
        left, right = _word_at(text, match.start(), match.end())
        last_end = right
        yield _make(context, code, left, right, f"'{_excerpt(text[left:right])}': {what}")


def check_ocr_signs(context: _Context) -> Iterator[_Found]:
    """The "§" signs OCR had read as "8", "S" or "$", which the numbering of the units proved."""
    span = context.resolution.span
    for start, end in context.ocr_signs:
        if span.start <= start < span.end:
            yield _make(context, "paragraf-sign-ocr", start, end,
                        "'§' read by OCR as another sign; the run of § numbers makes it a §")


def check_unread_citations(context: _Context) -> Iterator[_Found]:
    """Passages whose citations the parser could not build (its own fault): said, not dropped in silence."""
    for start, end, why in context.unread:
        yield _make(context, "citations-unread", start, end, f"the citations here could not be read ({why})")


def check_text_damage(context: _Context) -> Iterator[_Found]:
    """Mis-decoded letters, OCR misreadings, image placeholders, blanks and broken hyphenation."""
    text, start = context.text, context.resolution.span.start
    # One odd "B" is a name or an OCR slip; mis-decoding damages every word with ł, ż or ń.
    mojibake = list(MOJIBAKE.finditer(text, start))
    if len(mojibake) >= MOJIBAKE_MIN:
        yield from _damaged_words(context, mojibake, "text-mojibake",
                                  "Polish letters mis-decoded (wrong encoding in the source); values keep them")
    yield from _damaged_words(context, OCR_NOISE.finditer(text, start), "text-ocr-noise",
                              "characters misread by OCR")
    if "UNRECOGNIZED" in text or "[" in text:  # a substring test is far cheaper than a scan
        yield from _damaged_words(context, IMAGE_PLACEHOLDER.finditer(text, start), "text-image-placeholder",
                                  "an image or unreadable region of the source")
    yield from _damaged_words(context, HYPHEN_BROKEN.finditer(text, start), "text-hyphenation-broken",
                              "a word broken by a hyphen and a space")
    for found in CONTROL_CHARACTER.finditer(text, start, context.resolution.span.end):
        yield _make(context, "text-control-character", found.start(), found.end(),
                    f"U+{ord(found.group()):04X} is a control character, not text; kept as it is in the tree, "
                    "written as U+FFFD in Akoma Ntoso")
    if "…" in text or "__" in text or "..." in text:
        yield from _damaged_words(context, PLACEHOLDER.finditer(text, context.resolution.header.span.end),
                                  "text-placeholder", "a blank to be filled in")


def check_truncated(context: _Context) -> Iterator[_Found]:
    """A text that stops mid-sentence, or a body that stops before its closing clauses.

    Pages often end on a short line of website text ("Odsłony: 2534", "skan uchwały"); a cut-off
    text ends inside a long line of running text, or inside a body that never reached its
    entry-into-force clause.
    """
    resolution = context.resolution
    text = context.text
    end = len(text[: resolution.span.end].rstrip())  # the span may or may not take trailing blanks
    line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    last_line = text[line_start:end].strip()
    in_body = resolution.signature is None and resolution.uzasadnienie is None and not resolution.attachments
    # Whether the body holds its closing clause matters only for a text that ends inside the body
    # (no signature, no sections): only then are all its words joined and searched.
    closed = in_body and CLOSING_CLAUSE.search(" ".join(t.text for node in resolution.content for t in texts(node)))
    signature = resolution.signature
    sections = [s.span.start for s in (*resolution.attachments, resolution.uzasadnienie) if s is not None]
    if signature is not None and all(start < signature.span.start for start in sections):
        return  # the resolution ends with its signature; what follows is page text (check_skipped)
    cut = last_line and not TEXT_END.search(last_line) and not closed
    if cut and (len(last_line) >= 40 or in_body):
        start, stop = _word_at(text, end - 1, end)
        yield _make(context, "text-truncated", start, stop,
                    f"the text ends mid-sentence ('…{_excerpt(text[max(line_start, stop - 30) : stop])}'): cut off")
        return
    if in_body and resolution.paragrafy() and not closed:
        yield _make(context, "text-truncated", end, end,
                    "the body ends without an entry-into-force clause and there is no signature: cut off")


# ------------------------------------------------------------- skipped text ---


@functools.cache
def _page_furniture() -> re.Pattern[str]:
    # The grammar's own %ignore'd terminal: what it skips is exactly what is reported.
    return re.compile(terminals("resolution").patterns["PAGE_FURNITURE"])


def check_skipped(context: _Context) -> Iterator[_Found]:
    """Text before the title, page furniture inside the resolution, and text after the signature."""
    resolution = context.resolution
    text = context.text
    start = resolution.span.start
    prelude = resolution.prelude
    # A lone draft marker before the title is read (Resolution.projekt), not skipped.
    if prelude is not None and prelude.text.casefold() != "projekt":
        yield _at(context, "prelude-skipped", prelude.span,
                  f"{len(prelude.text)} characters before the title are not part of the resolution "
                  f"('{_excerpt(prelude.text, 30)}')")
    furniture = _page_furniture()
    # The grammar matched it on the text from the title on, so "^" means the same here.
    window = text[start:]
    for match in furniture.finditer(window):
        if match.end() > match.start():
            yield _make(context, "page-furniture", start + match.start(), start + match.end(),
                        f"page furniture '{_excerpt(match.group(0))}' skipped")
    yield from _after_signature(context)


def _after_signature(context: _Context) -> Iterator[_Found]:
    resolution = context.resolution
    signature = resolution.signature
    if signature is None:
        return
    text = context.text
    cursor = signature.span.start
    for word in f"{signature.role or ''} {signature.name or ''}".split():
        found = text.find(word, cursor, signature.span.end)
        if found >= 0:
            cursor = found + len(word)
    cursor = _skip_signed_marks(text, cursor)
    later = [s.span.start for s in resolution.attachments if s.span.start >= signature.span.end]
    if resolution.uzasadnienie is not None and resolution.uzasadnienie.span.start >= signature.span.end:
        later.append(resolution.uzasadnienie.span.start)
    end = min(later, default=resolution.span.end)
    rest = _without_furniture(text, cursor, end)
    if rest is not None:
        yield _make(context, "text-after-signature", rest[0], rest[1],
                    f"'{_excerpt(text[rest[0] : rest[1]])}' after the signature is not part of the resolution; skipped")


def _skip_signed_marks(text: str, at: int) -> int:
    match = re.compile(r"(?:\s|\(-\)|/-/|[-–:])*").match(text, at)
    return match.end() if match else at


def _without_furniture(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The stretch of ``text[start:end]`` from its first to its last word that is not page furniture."""
    # A page number is furniture only before what it numbers, so look a little past ``end``.
    covered = _cover((m.start(), m.end()) for m in _page_furniture().finditer(text, start, min(len(text), end + 80)))
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s|]+", text[start:end]) if not covered(start + m.start())]
    if not words:
        return None
    return start + words[0][0], start + words[-1][1]


def _cover(intervals: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset falls in any of ``intervals``: merged and bisected, so linear overall."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [m[0] for m in merged]

    def covers(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < merged[index][1]

    return covers


_CHECKS: tuple[Check, ...] = (
    check_header,
    check_clauses,
    check_body,
    check_paragraf_start,
    check_numbering,
    check_publications,
    check_lost_digits,
    check_unit_signs,
    check_cross_references,
    check_balance,
    check_text_damage,
    check_ocr_signs,
    check_unread_citations,
    check_truncated,
    check_skipped,
)
