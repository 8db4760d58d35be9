"""The pipeline: text → window → Lark parse tree → typed models → assembled resolution."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from uchwaly_parser.builder import EnactingLead, TreeBuilder
from uchwaly_parser.builder import reading as reading_window
from uchwaly_parser.citations import document_citations
from uchwaly_parser.citations.api import unread_windows
from uchwaly_parser.cleaners import OffsetMap, clean_input
from uchwaly_parser.diagnostics import diagnose
from uchwaly_parser.errors import ParseError
from uchwaly_parser.grammar import parse_with
from uchwaly_parser.locate import Window, locate, read_masthead, split_resolutions
from uchwaly_parser.models.document import EnactingClause, Header, JournalPage, LegalBasis, Resolution, Text
from uchwaly_parser.normalize import clean
from uchwaly_parser.query import Document
from uchwaly_parser.source import Source
from uchwaly_parser.structure import (
    assign_sections,
    build_section,
    infer_paragrafy,
    nest_chapters,
    read_signature,
    split_run_in_paragrafy,
)

# The largest input parsed by default (characters); a resolution is rarely over 1 MB.
MAX_SIZE = 20_000_000
# Characters that do not occur in text: their share tells binary data from a text file (the ASCII
# separators U+001C-U+001F are read as line ends and blanks: Source).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b]")
# Binary data: more than this many control characters in the first 4 kB, or more than this many and
# this share of the whole (a binary tail after a text). Fewer are kept in the tree and reported
# (``text-control-character``).
_CONTROL_HEAD, _CONTROL_SHARE = 8, 0.01
# Half of a UTF-16 pair, alone: not a character (text decoded with errors="surrogateescape" holds them
# for undecodable bytes); no encoding can write it out, so a tree holding one could not be serialised.
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(text: str, *, name: str = "<string>", strict: bool = False, max_size: int = MAX_SIZE) -> Resolution:
    """Parse the text of one resolution into its tree.

    ``name`` is how messages call the input. Lenient by default: what the parser had to guess or
    skip is listed in ``Resolution.diagnostics``; with ``strict=True`` the first warning or error
    among them is raised instead. Raises ``ParseError`` (with line and column) when the text is
    empty, binary, larger than ``max_size`` characters, or holds no resolution.

    The text is read as ``cleaners.clean_input`` cleans it (HTML tags and entities, soft hyphens,
    mis-decoded Polish letters), but every span is an offset into ``text`` as given.
    """
    reading = _checked(text, name, max_size)
    return reading.relocated(_parse_range(reading, 0, len(reading.source.text), strict=strict))


def parse_all(
    text: str, *, name: str = "<string>", strict: bool = False, max_size: int = MAX_SIZE
) -> tuple[Resolution, ...]:
    """Every resolution in a text that holds several, in order (one, for a text of one).

    Raises ``ParseError`` as ``parse`` does; a text with no resolution at all is an error.
    """
    reading = _checked(text, name, max_size)
    ranges = split_resolutions(reading.source.readable)
    return tuple(reading.relocated(_parse_range(reading, start, end, strict=strict)) for start, end in ranges)


@dataclass(frozen=True)
class _Reading:
    """What the parser reads (``source``: the input after ``clean_input``) and the way back to the input."""

    source: Source
    original: Source
    offsets: OffsetMap

    def error(self, offset: int, reason: str, expected: tuple[str, ...] = ()) -> ParseError:
        """Our error at an offset of the text read, located in the input."""
        return ParseError.at(self.original, self.offsets.original_start(offset), reason, expected)

    def relocated(self, resolution: Resolution) -> Resolution:
        """The resolution with its spans in the input as given, and that input's digest."""
        digest = hashlib.sha256(self.original.text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.offsets.relocate(resolution, self.original).model_copy(update={"source_sha256": digest})


def _checked(text: str, name: str, max_size: int) -> _Reading:
    if not isinstance(text, str):  # a path or bytes: say where they go instead of failing deep inside
        raise TypeError(
            f"parse() takes the text as str, not {type(text).__name__}: use parse_file(path) or parse_bytes(data)"
        )
    source = Source(text, name)
    if not text.strip():
        raise ParseError.at(source, 0, "the input is empty")
    if len(text) > max_size:
        raise ParseError.at(source, 0, f"the input has {len(text):,} characters, more than the limit of {max_size:,}")
    control = _CONTROL.search(text)
    if control and (
        len(_CONTROL.findall(text, 0, 4096)) > _CONTROL_HEAD
        or len(text) - len(_CONTROL.sub("", text)) > max(_CONTROL_HEAD, _CONTROL_SHARE * len(text))
    ):
        raise ParseError.at(source, control.start(), "the input looks like binary data, not text")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise ParseError.at(source, surrogate.start(),
                            f"U+{ord(surrogate.group()):04X} is half of a surrogate pair, not a character "
                            "(an undecodable byte kept by errors='surrogateescape'?)")
    offsets = clean_input(text)
    return _Reading(source if offsets.identity else Source(offsets.cleaned, name), source, offsets)


def _parse_range(reading: _Reading, begin: int, end: int, *, strict: bool) -> Resolution:
    """The resolution whose text lies in ``reading.source.text[begin:end]`` (spans still in that text)."""
    source = reading.source
    text = source.readable
    window = locate(text, begin, end)
    if window is None:
        raise reading.error(begin, "no resolution title (UCHWAŁA …) found", expected=("UCHWAŁA",))
    try:
        with reading_window(source, window.start):
            built: tuple[Any, ...] = parse_with("resolution", TreeBuilder, text[window.start : end])
        header, *rest = built
        with unread_windows() as unread:  # passages whose citations could not be built: said, not lost
            resolution = _assemble(source, begin, window, end, header, rest)
        diagnostics = diagnose(Document(resolution, source), ocr_signs=reading.offsets.repaired_signs(),
                               unread=tuple(unread))
    except UnexpectedInput as error:
        raise _syntax_error(reading, window.start, error) from None
    except LarkError as error:
        raise reading.error(window.start, str(error)) from None
    except (ValueError, TypeError, AssertionError, IndexError, KeyError, RecursionError) as error:
        # A bug of ours, not the user's: still our error (the promise is a tree or ParseError), cause kept.
        raise reading.error(window.start, f"internal error while building the tree: {error!r}") from error
    if strict:
        for diagnostic in diagnostics:
            if diagnostic.severity != "info":
                raise reading.error(diagnostic.span.start, f"{diagnostic.code}: {diagnostic.message}")
    return resolution.model_copy(update={"diagnostics": diagnostics})


def _syntax_error(reading: _Reading, offset: int, error: UnexpectedInput) -> ParseError:
    position = offset + (error.pos_in_stream or 0)
    expected: tuple[str, ...] = ()
    if isinstance(error, UnexpectedToken):
        expected = tuple(sorted(error.accepts or error.expected))
    elif isinstance(error, UnexpectedCharacters):
        expected = tuple(sorted(error.allowed or ()))
    return reading.error(position, "unexpected text", expected=expected[:8])


def _assemble(source: Source, begin: int, window: Window, end: int, header: Header, rest: list[object]) -> Resolution:
    start = window.start
    legal_basis = next((x for x in rest if isinstance(x, LegalBasis)), None)
    enacting = next((x for x in rest if isinstance(x, EnactingClause)), None)
    lead = next((x for x in rest if isinstance(x, EnactingLead)), None)
    if lead is not None:  # the inverted clause: its body stands in the header's part of the page
        header = header.model_copy(update={"span": source.span(header.span.start, lead.span.end)})
        if enacting is not None and enacting.body is None:
            enacting = enacting.model_copy(update={"body": lead.body})
    sections = assign_sections([x for x in rest if not isinstance(x, LegalBasis | EnactingClause | EnactingLead)])
    body = nest_chapters(split_run_in_paragrafy(infer_paragrafy(sections.content, source), source), source)
    body_words = {
        w.casefold()
        for phrase in (header.body.text if header.body else "", enacting.body if enacting and enacting.body else "")
        for w in phrase.split()
    }
    signature = read_signature(sections.signature, body_words) if sections.signature else None
    attachments = tuple(build_section(s, nest_chapters(c, source), source) for s, c in sections.attachments)
    uzasadnienie = build_section(*sections.uzasadnienie, source) if sections.uzasadnienie else None
    basis = (legal_basis.span.start, legal_basis.span.end) if legal_basis else None
    citations, basis_ids = document_citations(source, begin, end, basis)
    if legal_basis:
        legal_basis = legal_basis.model_copy(update={"citation_ids": basis_ids})
    before = source.text[begin:start].rstrip()
    first = begin + len(before) - len(before.lstrip())
    prelude = Text(span=source.span(first, begin + len(before)), text=clean(before)) if before.strip() else None
    masthead = read_masthead(source.readable, begin, start)
    journal = (
        JournalPage(span=source.span(masthead.start, masthead.end), journal=masthead.journal,
                    year=masthead.year, position=masthead.position)
        if masthead else None
    )
    return Resolution(
        span=source.span(start, end),
        projekt=window.projekt,
        prelude=prelude,
        header=header,
        legal_basis=legal_basis,
        enacting_clause=enacting,
        content=tuple(body),
        signature=signature,
        attachments=attachments,
        uzasadnienie=uzasadnienie,
        trailer=tuple(sections.after_signature),
        citations=citations,
        journal=journal,
    )
