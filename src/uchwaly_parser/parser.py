"""The pipeline: text → window → Lark parse tree → typed models → assembled resolution."""

from __future__ import annotations

from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from uchwaly_parser.builder import TreeBuilder
from uchwaly_parser.citations import find_citations
from uchwaly_parser.diagnostics import diagnose
from uchwaly_parser.errors import ParseError
from uchwaly_parser.grammar import get_parser
from uchwaly_parser.locate import locate, read_masthead
from uchwaly_parser.models.document import EnactingClause, Header, JournalPage, LegalBasis, Resolution, Text
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source
from uchwaly_parser.structure import assign_sections, build_section, infer_paragrafy, nest_chapters, read_signature


def parse(text: str, *, name: str = "<string>", strict: bool = False) -> Resolution:
    """Parse the text of one resolution into its tree.

    ``name`` is how messages call the input. Lenient by default: what the parser had to guess or
    skip is listed in ``Resolution.diagnostics``. With ``strict=True`` the first warning or error
    among them is raised instead. Raises ``ParseError`` (with line and column) when the text holds
    no resolution or cannot be read.
    """
    source = Source(text, name)
    if not text.strip():
        raise ParseError.at(source, 0, "the input is empty")
    window = locate(text)
    if window is None:
        raise ParseError.at(source, 0, "no resolution title (UCHWAŁA …) found", expected=("UCHWAŁA",))
    try:
        tree = get_parser("resolution").parse(text[window.start :])
        header, *rest = TreeBuilder(source, window.start).transform(tree)
    except UnexpectedInput as error:
        raise _syntax_error(source, window.start, error) from None
    except VisitError as error:
        raise ParseError.at(source, window.start, f"internal error while building the tree: {error.orig_exc}") from None
    except LarkError as error:
        raise ParseError.at(source, window.start, str(error)) from None
    try:
        resolution = _assemble(source, window.start, window.projekt, header, rest)
        diagnostics = diagnose(resolution, text, source=source)
    except (ValueError, TypeError, AssertionError, IndexError, KeyError, RecursionError) as error:
        # A bug of ours, not the user's: still our error (the promise is a tree or ParseError), cause kept.
        raise ParseError.at(source, window.start, f"internal error while assembling the tree: {error!r}") from error
    if strict:
        for diagnostic in diagnostics:
            if diagnostic.severity != "info":
                raise ParseError.at(source, diagnostic.span.start, f"{diagnostic.code}: {diagnostic.message}")
    return resolution.model_copy(update={"diagnostics": diagnostics})


def _syntax_error(source: Source, offset: int, error: UnexpectedInput) -> ParseError:
    position = offset + (error.pos_in_stream or 0)
    expected: tuple[str, ...] = ()
    if isinstance(error, UnexpectedToken):
        expected = tuple(sorted(error.accepts or error.expected))
    elif isinstance(error, UnexpectedCharacters):
        expected = tuple(sorted(error.allowed or ()))
    return ParseError.at(source, position, "unexpected text", expected=expected[:8])


def _assemble(source: Source, start: int, projekt: bool, header: Header, rest: list[object]) -> Resolution:
    legal_basis = next((x for x in rest if isinstance(x, LegalBasis)), None)
    enacting = next((x for x in rest if isinstance(x, EnactingClause)), None)
    sections = assign_sections([x for x in rest if not isinstance(x, LegalBasis | EnactingClause)])
    body = nest_chapters(infer_paragrafy(sections.body, source), source)
    body_words = {
        w.casefold()
        for phrase in (header.body.text if header.body else "", enacting.body if enacting and enacting.body else "")
        for w in phrase.split()
    }
    signature = read_signature(sections.signature, body_words) if sections.signature else None
    attachments = tuple(build_section(s, nest_chapters(c, source), source) for s, c in sections.attachments)
    uzasadnienie = build_section(*sections.uzasadnienie, source) if sections.uzasadnienie else None
    citations = find_citations(source, start, len(source.text))
    before = source.text[:start].rstrip()
    first = len(before) - len(before.lstrip())
    prelude = Text(span=source.span(first, len(before)), text=clean(before)) if before.strip() else None
    masthead = read_masthead(source.text, start)
    journal = (
        JournalPage(span=source.span(masthead.start, masthead.end), journal=masthead.journal,
                    year=masthead.year, position=masthead.position)
        if masthead else None
    )
    return Resolution(
        span=source.span(start, len(source.text)),
        projekt=projekt,
        prelude=prelude,
        header=header,
        legal_basis=legal_basis,
        enacting_clause=enacting,
        body=tuple(body),
        signature=signature,
        attachments=attachments,
        uzasadnienie=uzasadnienie,
        trailer=tuple(sections.after_signature),
        citations=citations,
        journal=journal,
    )
