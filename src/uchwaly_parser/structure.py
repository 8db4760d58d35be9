"""Putting the parsed pieces in their places: plain functions over typed nodes.

- ``assign_sections``: units after "Załącznik …" belong to that attachment, after "Uzasadnienie"
  to the justification, and the signature closes the body.
- ``infer_paragrafy``: where a transcript lost every "§", the bare numbers "1.", "2." (and text
  before the first of them) are the §§; the numbering tells a lost § from an ustęp.
- ``split_run_in_paragrafy``: a "§ 2" that a joined transcript ran into the words of § 1.
- ``read_signature``: the role ("Przewodniczący Rady Gminy X") and the name after it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from uchwaly_parser.builder import SectionStart, SignatureBlock
from uchwaly_parser.lexicon import pattern
from uchwaly_parser.models.base import Span
from uchwaly_parser.models.document import (
    Content,
    Paragraf,
    Rozdzial,
    Signature,
    Text,
    Unit,
    Ustep,
    Uzasadnienie,
    Zalacznik,
    paragrafy,
    texts,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source


@dataclass
class Sections:
    content: list[Content] = field(default_factory=list)
    signature: SignatureBlock | None = None
    after_signature: list[Content] = field(default_factory=list)
    attachments: list[tuple[SectionStart, list[Content]]] = field(default_factory=list)
    uzasadnienie: tuple[SectionStart, list[Content]] | None = None


def assign_sections(items: Sequence[Any]) -> Sections:
    """Distribute the top-level pieces of the parse over body, signature and closing sections."""
    out = Sections()
    current: list[Content] = out.content
    for item in items:
        if isinstance(item, SignatureBlock):
            if out.signature is None:
                out.signature = item
                current = out.after_signature
            else:  # "Przewodniczący Rady przekazał skargę ..." in the uzasadnienie: words, not a signature
                current += [item.role_text, *item.lines]
            continue
        if isinstance(item, SectionStart):
            if item.kind == "zalacznik":
                out.attachments.append((item, list(item.content)))
                current = out.attachments[-1][1]
            elif out.uzasadnienie is None:
                out.uzasadnienie = (item, [])
                current = out.uzasadnienie[1]
            else:  # a second "Uzasadnienie" heading stays words of the first
                current.append(item.heading)
            continue
        # An uzasadnienie printed between two §§ of an unsigned body: the next § resumes the body.
        if (
            out.uzasadnienie is not None
            and current is out.uzasadnienie[1]
            and out.signature is None
            and isinstance(item, Paragraf)
            and _continues(out.content, item)
        ):
            current = out.content
        current.append(item)
    return out


def _continues(body: list[Content], paragraf: Paragraf) -> bool:
    """Does ``paragraf`` carry the number after the body's last §?"""
    numbers = [_as_int(u.number) for u in body if isinstance(u, Paragraf)]
    following = _as_int(paragraf.number)
    return bool(numbers) and numbers[-1] is not None and following == numbers[-1] + 1


def _as_int(number: str | None) -> int | None:
    return int(number) if number and number.isdigit() else None


# ------------------------------------------------------------------ lost § ---


def infer_paragrafy(body: list[Content], source: Source) -> list[Content]:
    """Read bare numbered units as §§ where the body has no "§" at all (a transcript lost them).

    Each top-level bare number is either a new § (the next § number) or an ustęp of the current §
    (the next ustęp number). Of the readings that fit the numbering, the one with the most §§ wins,
    and among those the one that takes a repeated number as an ustęp first ("2. … 2. …"). Words
    before the first number are § 1 itself when lists hang off them or numbers follow them.
    """
    if any(isinstance(node, Paragraf) for node in body):
        return body
    lead: list[Content] = []
    rest = list(body)
    while rest and isinstance(rest[0], Text):
        lead.append(rest.pop(0))
    if not rest:
        return body
    numbers = tuple(_as_int(n.number) if isinstance(n, Ustep) else None for n in rest)
    plan = _best_plan(numbers, 1 if lead else 0)
    if plan is None:
        return body
    out: list[Content] = []
    current: list[Content] = list(lead)
    first: Span | None = lead[0].span if lead else None

    def close() -> None:
        if first is not None:
            out.append(_paragraf(current, str(len(out) + 1), source, first))

    for node, starts_paragraf in zip(rest, plan, strict=True):
        if starts_paragraf:
            close()
            current, first = list(node.content), node.span  # type: ignore[union-attr]
        elif first is None:
            out.append(node)
        else:
            current.append(node)
    close()
    return _split_closing_clauses(out, source)


# The executor and entry-into-force clauses always stand in §§ of their own (drafting rules), so
# where a transcript lost their numbers too, they still start a new §.
_CLOSING_CLAUSE = re.compile(rf"(?<=\S)\s+(?={pattern('CLOSING_OPENING')})")


def _split_closing_clauses(paragrafy: list[Content], source: Source) -> list[Content]:
    out: list[Content] = []
    for node in paragrafy:
        if not isinstance(node, Paragraf):
            out.append(node)
            continue
        pieces: list[list[Content]] = [[]]
        for child in node.content:
            if not isinstance(child, Text):
                pieces[-1].append(child)
                continue
            start = child.span.start
            raw = source.readable[start : child.span.end]
            cuts = [m.end() for m in _CLOSING_CLAUSE.finditer(raw)]
            for begin, end in zip([0, *cuts], [*cuts, len(raw)], strict=True):
                piece = raw[begin:end].rstrip()
                if begin and pieces[-1]:
                    pieces.append([])
                pieces[-1].append(Text(span=source.span(start + begin, start + begin + len(piece)), text=clean(piece)))
        for content in pieces:
            # the first piece keeps the unit's start (its marker, if any); each reaches its own last word
            first = (node if content is pieces[0] else content[0]).span.start
            out.append(_paragraf(content, "", source, source.span(first, first)))
    return [
        node.model_copy(update={"number": str(i)}) if isinstance(node, Paragraf) else node
        for i, node in enumerate(out, start=1)
    ]


# ---------------------------------------------------------- run-in §§ ---

# "… o powierzchni 0,39 ha § 2. Wykonanie …": a § sign that lost its line break and reads as words.
# Not a reference ("o którym mowa w § 2. Nowy …"), nor a quoted amendment ("„§ 2. …"). (Not the
# lexicon's PREPOSITION: an OCR'd "o" before a run-in § is noise, "USTALENIA OGÓLNE o 8 1. Uchwala się".)
_RUN_IN = (
    r"(?<!\bw )(?<!\bz )(?<!\bdo )(?<!\bmowa )(?<!\boraz )(?<!\bi )(?<![„\"])"
    r"(?:§|par\.)[ \t]*{number}(?![\da-z])\.?"
)
_STARTS_UNIT = r"(?=\s+(?:[A-ZĄĆĘŁŃÓŚŹŻ]|\d{1,3}\.))"
# How far past a text the lookahead of a run-in marker may read
_LOOK_AHEAD = 80
_STARTS_CLOSING = rf"(?=\s+{pattern('CLOSING_OPENING')})"


def split_run_in_paragrafy(body: list[Content], source: Source) -> list[Content]:
    """Give back the §§ that a joined transcript ran into the text of the § before them.

    Only the numbering asks for one: "§ 2" is looked for inside § 1 when the next § printed is § 3,
    "§ 1" in the words before a first § printed as § 2, and "§ N+1" inside the last § N only where
    an executor or entry-into-force clause follows it.
    """
    body = _run_in_first_paragraf(body, source)
    out: list[Content] = []
    numbers = [_as_int(n.number) if isinstance(n, Paragraf) else None for n in body]
    next_numbers: list[int | None] = []  # the number of the next printed § after each node
    upcoming: int | None = None
    for n in reversed(numbers):
        next_numbers.append(upcoming)
        upcoming = n if n is not None else upcoming
    next_numbers.reverse()
    for node, number, following in zip(body, numbers, next_numbers, strict=True):
        if not isinstance(node, Paragraf) or number is None:
            out.append(node)
            continue
        while True:
            wanted = number + 1
            if following is not None and wanted >= following:
                break
            tail = _STARTS_UNIT if following is not None else _STARTS_CLOSING
            marker = _run_in_marker(node, source, re.compile(_RUN_IN.format(number=wanted) + tail))
            if marker is None:
                break
            left, right = _cut(node, marker, source)
            out.append(left)
            node = Paragraf(span=source.span(marker[0], node.span.end), number=str(wanted), content=tuple(right))
            number = wanted
        out.append(node)
    return out


def _run_in_first_paragraf(body: list[Content], source: Source) -> list[Content]:
    """ "… UNRECOGNIZED § 1. Placowi …" before "§ 2.": the words before the first printed § hold § 1."""
    first = next((i for i, node in enumerate(body) if isinstance(node, Paragraf)), 0)
    printed = body[first] if body else None
    if not first or not isinstance(printed, Paragraf) or (_as_int(printed.number) or 0) < 2:
        return body
    lead = Paragraf(span=source.span(body[0].span.start, body[first - 1].span.end), number=None,
                    content=tuple(body[:first]))
    marker = _run_in_marker(lead, source, re.compile(_RUN_IN.format(number=1) + _STARTS_UNIT))
    if marker is None:
        return body
    left, right = _cut(lead, marker, source)
    end = max([marker[1], *(node.span.end for node in right)])
    return [*left.content, Paragraf(span=source.span(marker[0], end), number="1", content=tuple(right)),
            *body[first:]]


def _run_in_marker(unit: Paragraf, source: Source, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """Where ``pattern`` first matches inside a text of ``unit`` that is not a quotation."""
    text = source.readable
    for node in texts(unit):
        if text.startswith("„", node.span.start):
            continue
        # what follows the marker may be the next node ("… W PLANIE § 8." then ustęp "1. Ustala")
        match = pattern.search(text, node.span.start, min(unit.span.end, node.span.end + _LOOK_AHEAD))
        if match and match.end() <= node.span.end:
            return match.start(), match.end()
    return None


AnyUnit = TypeVar("AnyUnit", bound=Unit)


def _cut(unit: AnyUnit, marker: tuple[int, int], source: Source) -> tuple[AnyUnit, list[Content]]:
    """``unit`` up to ``marker``, and what follows the marker as a flat list of its pieces (a unit
    cut in two keeps its first half; the rest of its content moves out after the marker's words)."""
    start, end = marker
    left: list[Content] = []
    right: list[Content] = []
    for child in unit.content:
        if child.span.end <= start:
            left.append(child)
        elif child.span.start >= end:
            right.append(child)
        elif isinstance(child, Text):
            first = child.span.start
            before = source.readable[first:start].rstrip()
            after = source.readable[end : child.span.end]
            if before.strip():
                left.append(Text(span=source.span(first, first + len(before)), text=clean(before)))
            if after.strip():
                begin = end + len(after) - len(after.lstrip())
                right.append(Text(span=source.span(begin, child.span.end), text=clean(after)))
        else:
            kept, moved = _cut(child, marker, source)
            left.append(kept)
            right.extend(moved)
    last = max([unit.span.start, *(c.span.end for c in left)])
    return unit.model_copy(update={"content": tuple(left), "span": source.span(unit.span.start, last)}), right


def _paragraf(content: list[Content], number: str, source: Source, first: Span) -> Paragraf:
    end = max([first.end, *(node.span.end for node in content)])
    return Paragraf(span=source.span(first.start, end), number=number, content=tuple(content), inferred=True)


def _best_plan(numbers: tuple[int | None, ...], paragraf: int) -> tuple[bool, ...] | None:
    """For each top-level unit: does it start a §? None when no reading fits the numbering."""
    if len(numbers) > 300:  # too long to search: each number that can start a § does
        return tuple(n == i + 1 for i, n in enumerate(numbers))
    search = functools.lru_cache(maxsize=None)(lambda i, p, u: _step(search, numbers, i, p, u))
    best = search(0, paragraf, 1 if paragraf else 0)
    return best[1] if best else None


Plan = tuple[int, tuple[bool, ...]] | None


def _step(search: Any, numbers: tuple[int | None, ...], i: int, paragraf: int, ustep: int) -> Plan:
    if i == len(numbers):
        return (0, ())
    n = numbers[i]
    if n is None:  # a list item or text: it stays inside the current unit
        rest = search(i + 1, paragraf, ustep)
        return (rest[0], (False, *rest[1])) if rest and paragraf else None
    options: list[tuple[int, tuple[bool, ...]]] = []
    if paragraf and n == ustep + 1:  # an ustęp of the current § (tried first: wins ties)
        rest = search(i + 1, paragraf, n)
        if rest:
            options.append((rest[0], (False, *rest[1])))
    if n == paragraf + 1:  # a new §; "N. 1. …" opens its ustęp 1, "N. text" is its ustęp 1 already
        rest = search(i + 1, n, 0 if i + 1 < len(numbers) and numbers[i + 1] == 1 else 1)
        if rest:
            options.append((rest[0] + 1, (True, *rest[1])))
    return max(options, key=lambda option: option[0]) if options else None


# --------------------------------------------------------------- signature ---

# Words a signatory's role is made of after "Przewodniczący": "Rady Miejskiej", "Sejmiku Województwa"
_ROLE_WORD = re.compile(r"(?i:rady|rada|gminy|miasta|miejskiej|powiatu|sejmiku|województwa|i)")
# A place in the locative after "w": "w Kowali", "w Janowie Lubelskim", "we Wrocławiu"
_IN = re.compile(r"(?i:w|we)")
_LOCATIVE_ADJECTIVE = re.compile(r"[^\W\d_]+(?:im|ym)")
# Marks of a signed original and separators that are not part of the name: "(-)", "/-/", "-", ":"
_SIGNED = re.compile(r"\(-\)|/-/|[-–—:]")
# The same marks as printed: "(–)", "/ - /", "(—)", "/podpis/", "/podpisano elektronicznie/"; read as "(-)"
_SIGNED_MARK = re.compile(r"[(/][ \t]*(?:[-–—]|[^()/\n]{0,60}?podpis[^()/\n]{0,60}?)[ \t]*[)/]")
_NAME_WORD = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][\w'’-]*\.?|(?:[A-ZĄĆĘŁŃÓŚŹŻ]\.)+|mgr|dr|inż\.|prof\.|hab\.|lek\.")
# Words that begin what follows a signature, never a name: other sections, page furniture, the
# labels of BIP portals that a transcript runs into the name's line ("Jan Nowak Odsłony: 2534"), and
# an OCR transcript's "UNRECOGNIZED" image placeholder
_NOT_NAME = re.compile(
    r"(?i:załącznik|uzasadnienie|id(?::|$)|pdf.*|projekt|strona|data|metryka|metryczka|metadane|odsłony|logo"
    r"|najnowsze|drukuj|powrót|wytworzył|opublikował|wprowadził|rejestr|unrecognized)"
)


def read_signature(block: SignatureBlock, body_words: set[str]) -> Signature:
    """Split "Przewodniczący Rady Gminy X (-) Jan Kowalski" into role and name.

    The role takes the role keyword, the words roles are made of, the words of the council's own
    name (from the header or enacting clause) and a place after "w"; the name is what follows on
    one line: capitalised words and academic titles, none of the words that open other sections.
    """
    words = [
        (w.rstrip(":,"), n) for n, line in enumerate(block.lines) for w in _SIGNED_MARK.sub(" (-) ", line.text).split()
    ]
    role = [block.role.value]
    i = 0
    while i < len(words):
        word = words[i][0]
        if _ROLE_WORD.fullmatch(word) or word.casefold() in body_words:
            role.append(word)
            i += 1
        elif _IN.fullmatch(word) and i + 1 < len(words):
            role += [word, words[i + 1][0]]
            i += 2
            while i < len(words) and _LOCATIVE_ADJECTIVE.fullmatch(words[i][0]):
                role.append(words[i][0])
                i += 1
        else:
            break
    # "Przewodniczący\nRady Miasta Jarosławia\nmgr Jan Nowak": a name on the next line leaves this one to the role
    rest = _same_line(words, i)
    if i > 0 and rest and words[i][1] == words[i - 1][1] and not _SIGNED.fullmatch(rest[0]):
        following = _same_line(words, i + len(rest))
        wrapped = len(rest) == len(following) == 1  # "… Rady Gminy Andrzej\nKujawski": one name on two lines
        if not wrapped and 0 < len(following) <= 6 and all(_is_name_word(w) for w in following):
            role += rest
            i += len(rest)
    # "(-)" or "/-/" alone on its line: the name is on the next one
    marks = _same_line(words, i)
    if marks and all(_SIGNED.fullmatch(w) for w in marks):
        i += len(marks)
    name: list[str] = []
    line = _same_line(words, i)
    for word in line:
        if not _is_name_word(word):
            break
        if not _SIGNED.fullmatch(word):
            name.append(word)
    surname = _same_line(words, i + len(line))
    if len(name) == len(line) == 1 and len(surname) == 1 and _is_name_word(surname[0]):
        name += surname
    # a single letter ("J" where a cut file ends) is no name; an initial before a surname is
    named = 1 <= len(name) <= 5 and not (len(name) == 1 and len(name[0].rstrip(".")) == 1)
    return Signature(span=block.span, role=clean(" ".join(role)), name=" ".join(name) if named else None)


def _same_line(words: list[tuple[str, int]], i: int) -> list[str]:
    """The words from ``words[i]`` to the end of its line."""
    return [w for w, n in words[i:] if n == words[i][1]] if i < len(words) else []


def _is_name_word(word: str) -> bool:
    return bool(_SIGNED.fullmatch(word) or (_NAME_WORD.fullmatch(word) and not _NOT_NAME.match(word)))


def nest_chapters(content: list[Content], source: Source) -> list[Content]:
    """Put what follows "Rozdział N" (its heading, its §§) inside it, up to the next chapter."""
    out: list[Content] = []
    chapter: list[Content] | None = None
    for node in [*content, None]:
        if node is None or isinstance(node, Rozdzial):
            if chapter is not None:
                head = out.pop()
                assert isinstance(head, Rozdzial)
                end = max([head.span.end, *(c.span.end for c in chapter)])
                span = source.span(head.span.start, end)
                out.append(head.model_copy(update={"content": tuple(chapter), "span": span}))
            if node is not None:
                out.append(node)
                chapter = []
        elif chapter is not None:
            chapter.append(node)
        else:
            out.append(node)
    return out


def build_section(start: SectionStart, content: list[Content], source: Source) -> Zalacznik | Uzasadnienie:
    """A załącznik or the uzasadnienie with the units that follow its heading."""
    end = max([start.heading.span.end, *(c.span.end for c in content)])
    span = source.span(start.heading.span.start, end)
    if start.kind == "zalacznik":
        # "Załącznik nr 2 do uchwały …" (not the resolution's number in "Załącznik do uchwały Nr XLV/…")
        number = re.match(r"\w+\s+(?i:nr)\.?\s*([\dIVXLC]+)", start.heading.text)
        return Zalacznik(
            span=span, number=number.group(1) if number else None, heading=start.heading, content=tuple(content)
        )
    return Uzasadnienie(span=span, heading=start.heading, content=tuple(content))


def paragraf_numbers(body: Sequence[Content]) -> list[str]:
    """The numbers of the top-level §§ in order (chapters looked into)."""
    return [p.number for p in paragrafy(list(body)) if p.number]
