"""The public entry points: a legal-basis block, every citation of a region, any text."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import accumulate

from lark import Lark
from lark.exceptions import LarkError

from uchwaly_parser.citations import scan
from uchwaly_parser.citations.coarse import BrokenPromise
from uchwaly_parser.citations.drafts import Segment
from uchwaly_parser.citations.linker import assemble
from uchwaly_parser.citations.transformer import CitationTransformer
from uchwaly_parser.cleaners import clean_input
from uchwaly_parser.grammar import get_parser
from uchwaly_parser.models.citations import Citation
from uchwaly_parser.source import Source

GRAMMAR = "citations"
# A legal basis longer than this is read window by window, like running text (a bound on work).
LEGAL_BASIS_WHOLE_LIMIT = 20_000


def parser() -> Lark:
    """The citation grammar's LALR parser with ``CitationTransformer`` run inside the parse:
    ``parser().parse(window)`` gives the window's segments, not a tree (built once, cached)."""
    return get_parser(GRAMMAR, CitationTransformer)


# The windows whose citations could not be built, while a caller listens (``unread_windows``).
_UNREAD: ContextVar[list[tuple[int, int, str]] | None] = ContextVar("unread", default=None)


class CitationsUnreadWarning(UserWarning):
    """A passage whose citations could not be read: a fault of the parser, never of the text."""


@contextmanager
def unread_windows() -> Iterator[list[tuple[int, int, str]]]:
    """Collect ``(start, end, why)`` of each window whose citations could not be built meanwhile.

    The grammar is total and the transformer reads only what the grammar promised, so this stays empty
    unless the package has a bug; a parse turns each one into a ``citations-unread`` diagnostic.
    Without a listener the window is reported as a ``CitationsUnreadWarning``: never in silence.
    """
    found: list[tuple[int, int, str]] = []
    token = _UNREAD.set(found)
    try:
        yield found
    finally:
        _UNREAD.reset(token)


def _parse_window(source: Source, start: int, end: int, *, legal_basis: bool = False) -> list[Citation]:
    window = source.readable[start:end]
    try:
        segments: list[Segment] = parser().parse(window)  # type: ignore[assignment]
    except (LarkError, BrokenPromise) as error:  # the grammar is total: a bug of ours, not the input's
        listener = _UNREAD.get()
        why = f"{type(error).__name__}: {str(error)[:200]}"
        if listener is None:
            warnings.warn(f"citations at {start}-{end} could not be read ({why})", CitationsUnreadWarning,
                          stacklevel=2)
        else:
            listener.append((start, end, why))
        return []
    return assemble(source, start, window, segments, legal_basis=legal_basis)


def _select(found: list[Citation], keep: list[bool], base: int = 0) -> list[Citation]:
    """The kept citations, their ``related_to`` re-pointed (None when the target was dropped),
    shifted by ``base`` (the number of citations before them in the final result)."""
    new_index: dict[int, int] = {}
    for i, k in enumerate(keep):
        if k:
            new_index[i] = base + len(new_index)
    out: list[Citation] = []
    for i, c in enumerate(found):
        if not keep[i]:
            continue
        target = new_index.get(c.related_to) if c.related_to is not None else None
        if target != c.related_to:
            c = c.model_copy(update={"related_to": target})
        out.append(c)
    return out


def _act_key(c: Citation) -> tuple[object, ...]:
    act = c.act
    return (
        act.kind if act else None,
        act.date if act else None,
        act.title if act else None,
        tuple(p.text for p in c.provisions),
        tuple((p.journal, p.year, p.nr, p.position) for p in c.publications),
    )


def parse_legal_basis(source: Source, start: int, end: int) -> tuple[Citation, ...]:
    """The acts cited by the legal-basis block ``source.text[start:end]``, one Citation per act, in order.

    References that belong to no named act form a citation with ``act=None``. A block that the page
    printed twice gives each act once. Spans are absolute offsets into ``source.text``.
    """
    return _basis_acts(_parse_basis(source, start, end))


def _parse_basis(source: Source, start: int, end: int) -> list[Citation]:
    if end - start > LEGAL_BASIS_WHOLE_LIMIT:
        return list(find_citations(source, start, end))
    return _parse_window(source, start, end, legal_basis=True)


def _basis_acts(found: list[Citation]) -> tuple[Citation, ...]:
    return tuple(_select(found, _basis_keep(found)))


def _basis_keep(found: list[Citation]) -> list[bool]:
    """Which of a legal basis's citations are its acts: the identified ones, each once."""
    seen: set[tuple[object, ...]] = set()
    keep: list[bool] = []
    for c in found:
        key = _act_key(c)
        keep.append(_is_cited_act(c) and key not in seen)
        seen.add(key)
    return keep


def _is_cited_act(c: Citation) -> bool:
    """An act a legal basis names: with something that identifies it ("Wykonanie uchwały" does not)."""
    if c.publications or c.provisions:
        return True
    act = c.act
    return act is not None and (act.date is not None or act.title is not None or act.number is not None)


def _is_citation(c: Citation) -> bool:
    """Worth reporting in running text: a journal reference, or an act that is identified."""
    if c.publications:
        return True
    act = c.act
    return act is not None and (
        act.kind in ("kodeks", "konstytucja") or act.date is not None or act.number is not None
    )


def find_citations(source: Source, start: int = 0, end: int | None = None) -> tuple[Citation, ...]:
    """Every citation in ``source.text[start:end]`` (journal references with the act and provisions
    they belong to, where the text says), in document order. A page's own publication data
    (mastheads, "Poz. 545", a title line's own "(Dz. U. Woj. ...)") is not a citation.
    """
    stop = len(source.text) if end is None else end
    out: list[Citation] = []
    for a, b in scan.windows(source.readable, start, stop):
        found = _parse_window(source, a, b)
        out.extend(_select(found, [_is_citation(c) for c in found], base=len(out)))
    return tuple(out)


_RECITAL = re.compile(r"(?<![^\W\d_])po\s+stwierdzeniu(?![^\W\d_])")


def document_citations(
    source: Source, start: int, end: int, basis: tuple[int, int] | None
) -> tuple[tuple[Citation, ...], tuple[int, ...]]:
    """Every citation of ``source.text[start:end]`` in text order (as ``find_citations``, plus the acts
    the legal basis ``source.text[basis[0]:basis[1]]`` names without a journal reference), and the ids
    (positions in that tuple) of the legal basis's acts, as ``parse_legal_basis`` selects them.

    One tuple holds each citation once, so a ``related_to`` link means the same in the legal basis
    and in the document; the legal basis is read once for both.
    """
    if basis is None:
        return find_citations(source, start, end), ()
    found = _parse_basis(source, *basis)
    before = find_citations(source, start, basis[0])
    # a plan's conformity recital ("…, po stwierdzeniu, że plan nie narusza ustaleń studium przyjętego
    # uchwałą nr …") closes the list of acts the resolution is based on: what it cites is a citation only
    recital = _RECITAL.search(source.readable, *basis)
    acts = [act and (recital is None or c.span.start < recital.start()) for act, c in zip(_basis_keep(found), found,
                                                                                          strict=True)]
    keep = [act or _is_citation(c) for act, c in zip(acts, found, strict=True)]
    inside = _select(found, keep, base=len(before))
    position = list(accumulate(keep, initial=len(before)))  # the id found[i] gets when kept
    ids = tuple(position[i] for i, act in enumerate(acts) if act)
    rest = list(find_citations(source, basis[1], end))
    after = _select(rest, [True] * len(rest), base=len(before) + len(inside))
    return (*before, *inside, *after), ids


def extract_citations(text: str) -> tuple[Citation, ...]:
    """Every citation in any Polish legal text (a resolution, a judgment, a fragment), read as
    ``cleaners.clean_input`` cleans it; spans are offsets into ``text``."""
    offsets = clean_input(text)
    return offsets.relocate(find_citations(Source(offsets.cleaned)), Source(text))
