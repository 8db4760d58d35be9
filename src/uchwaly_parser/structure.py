"""Putting the parsed pieces in their places: plain functions over typed nodes.

- ``assign_sections``: units after "Załącznik …" belong to that attachment, after "Uzasadnienie"
  to the justification, and the signature closes the body.
- ``infer_paragrafy``: where a transcript lost every "§", the bare numbers "1.", "2." (and text
  before the first of them) are the §§; the numbering tells a lost § from an ustęp.
- ``read_signature``: the role ("Przewodniczący Rady Gminy X") and the name after it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from uchwaly_parser.builder import SectionStart, SignatureBlock
from uchwaly_parser.models.base import Span
from uchwaly_parser.models.document import (
    Content,
    Paragraf,
    Signature,
    Text,
    Unit,
    Ustep,
    Uzasadnienie,
    Zalacznik,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source


@dataclass
class Sections:
    body: list[Content] = field(default_factory=list)
    signature: SignatureBlock | None = None
    after_signature: list[Content] = field(default_factory=list)
    attachments: list[tuple[SectionStart, list[Content]]] = field(default_factory=list)
    uzasadnienie: tuple[SectionStart, list[Content]] | None = None


def assign_sections(items: Sequence[Any]) -> Sections:
    """Distribute the top-level pieces of the parse over body, signature and closing sections."""
    out = Sections()
    current: list[Content] = out.body
    for item in items:
        if isinstance(item, SignatureBlock):
            if out.signature is None:
                out.signature = item
                current = out.after_signature
            continue
        if isinstance(item, SectionStart):
            if item.kind == "zalacznik":
                out.attachments.append((item, []))
                current = out.attachments[-1][1]
            elif out.uzasadnienie is None:
                out.uzasadnienie = (item, [])
                current = out.uzasadnienie[1]
            continue
        # An uzasadnienie printed between two §§ of an unsigned body: the next § resumes the body.
        if (
            out.uzasadnienie is not None
            and current is out.uzasadnienie[1]
            and out.signature is None
            and isinstance(item, Paragraf)
            and _continues(out.body, item)
        ):
            current = out.body
        current.append(item)
    return out


def _continues(body: list[Content], paragraf: Paragraf) -> bool:
    last = [u.number for u in body if isinstance(u, Paragraf)]
    return bool(last) and _as_int(last[-1]) is not None and _as_int(paragraf.number) == _as_int(last[-1]) + 1  # type: ignore[operator]


def _as_int(number: str | None) -> int | None:
    return int(number) if number and number.isdigit() else None


# ------------------------------------------------------------------ lost § ---


def infer_paragrafy(body: list[Content], source: Source) -> list[Content]:
    """Read bare numbered units as §§ where the body has no "§" at all (a transcript lost them).

    Each top-level bare number is either a new § (the next § number) or an ustęp of the current §
    (the next ustęp number). Of the readings that fit the numbering, the one with the most §§ wins,
    and among those the one that takes a repeated number as an ustęp first ("2. … 2. …").
    """
    if any(isinstance(node, Paragraf) for node in body) or not any(isinstance(n, Ustep) for n in body):
        return body
    lead: list[Content] = []
    rest = list(body)
    while rest and isinstance(rest[0], Text):
        lead.append(rest.pop(0))
    numbers = [_as_int(n.number) if isinstance(n, Ustep) else None for n in rest]
    if lead:  # words before the first number: § 1 itself, its marker lost ("co następuje: Ustala się …")
        plan = _best_plan(tuple(numbers), 1, 1)
    else:
        plan = _best_plan(tuple(numbers), 0, 0)
    if plan is None:
        return body
    out: list[Content] = []
    current: list[Content] | None = None
    current_span: Span | None = None

    def close() -> None:
        if current is not None and current_span is not None:
            out.append(_paragraf(current, str(len(out) + 1), source, current_span))

    if lead:
        current, current_span = list(lead), lead[0].span
    for node, starts_paragraf in zip(rest, plan, strict=True):
        if starts_paragraf and isinstance(node, Ustep):
            close()
            current, current_span = list(node.content), node.span
            if not node.content:  # "1. 1. Ustanawia się …": § 1 whose ustęp 1 follows
                current = []
        elif current is None:
            out.append(node)
        else:
            current.append(node)
    close()
    return out


def _paragraf(content: list[Content], number: str, source: Source, first: Span) -> Paragraf:
    end = max(node.span.end for node in content) if content else first.end
    return Paragraf(span=source.span(first.start, end), number=number, content=tuple(content), inferred=True)


@functools.lru_cache(maxsize=256)
def _best_plan(numbers: tuple[int | None, ...], paragraf: int, ustep: int) -> tuple[bool, ...] | None:
    """For each bare number: does it start a §? None when no reading fits the numbering."""
    if len(numbers) > 300:  # too long to search: each number that can start a § does
        return tuple(n == i + 1 for i, n in enumerate(numbers))
    best = _search(numbers, 0, paragraf, ustep)
    return best[1] if best else None


@functools.lru_cache(maxsize=65536)
def _search(numbers: tuple[int | None, ...], i: int, paragraf: int, ustep: int) -> tuple[int, tuple[bool, ...]] | None:
    if i == len(numbers):
        return (0, ())
    n = numbers[i]
    options: list[tuple[int, tuple[bool, ...]]] = []
    if n is not None and n == ustep + 1:  # an ustęp of the current § (tried first: wins ties)
        rest = _search(numbers, i + 1, paragraf, n)
        if rest:
            options.append((rest[0], (False, *rest[1])))
    if n is not None and n == paragraf + 1:  # a new § ("N. text" is its ustęp 1 already)
        empty_next = i + 1 < len(numbers) and numbers[i + 1] == 1
        rest = _search(numbers, i + 1, n, 0 if empty_next else 1)
        if rest:
            options.append((rest[0] + 1, (True, *rest[1])))
    if not options:
        return None
    return max(options, key=lambda option: option[0])


# --------------------------------------------------------------- signature ---

# Words a signatory's role is made of after "Przewodniczący": "Rady Miejskiej w …", "Sejmiku Województwa …"
_ROLE_WORDS = re.compile(
    r"(?i:rady|rada|gminy|miasta|miejskiej|powiatu|sejmiku|województwa|i|w|we|miasta|gminy)$"
)
# Marks of a signed original and separators that are not part of the name: "(-)", "/-/", "-", ":"
_SIGNED = re.compile(r"^(?:\(-\)|/-/|[-–:])$")
_NAME_WORD = re.compile(r"^(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.'’-]*|mgr|dr|inż\.?|prof\.?|hab\.?|lek\.?|(?:[A-ZĄĆĘŁŃÓŚŹŻ]\.)+)$")


def read_signature(block: SignatureBlock, body_words: set[str], source: Source) -> Signature:
    """Split "Przewodniczący Rady Gminy X (-) Jan Kowalski" into role and name.

    The role takes the role keyword, the words roles are made of and the words of the council's own
    name (from the header or enacting clause); the name is what follows, up to the end of its line.
    """
    start = block.role.start_pos
    role_words = [block.role.value]
    end_of_role = block.span.start + len(block.role.value)
    words = [(m.group(0), line, m) for line in block.lines for m in re.finditer(r"\S+", line.text)]
    i = 0
    while i < len(words):
        word = words[i][0].rstrip(":,")
        if _ROLE_WORDS.match(word) or word.casefold() in body_words:
            role_words.append(word)
            i += 1
            continue
        break
    name_words: list[str] = []
    name_line = words[i][1] if i < len(words) else None
    while i < len(words) and words[i][1] is name_line:
        word = words[i][0]
        if _SIGNED.match(word):
            i += 1
            continue
        if not _NAME_WORD.match(word):
            break
        name_words.append(word)
        i += 1
    # the name may start on the line after the role's last line
    if not name_words and i < len(words):
        line = words[i][1]
        for word, word_line, _ in words[i:]:
            if word_line is not line:
                break
            if _SIGNED.match(word):
                continue
            if not _NAME_WORD.match(word):
                name_words = []
                break
            name_words.append(word)
    del start, end_of_role
    name = clean(" ".join(name_words)) if 1 <= len(name_words) <= 5 else None
    return Signature(span=block.span, role=clean(" ".join(role_words)).rstrip(":"), name=name or None)


def build_section(kind: str, start: SectionStart, content: list[Content], source: Source) -> Zalacznik | Uzasadnienie:
    """A załącznik or the uzasadnienie with the units that follow its heading."""
    end = max([start.heading.span.end, *(c.span.end for c in content)])
    span = source.span(start.heading.span.start, end)
    if kind == "zalacznik":
        match = re.search(r"(?i:nr)\.?\s*([\dIVXLC]+)", start.heading.text)
        return Zalacznik(span=span, number=match.group(1) if match else None, heading=start.heading, content=tuple(content))
    return Uzasadnienie(span=span, heading=start.heading, content=tuple(content))


def paragraf_numbers(body: Sequence[Content]) -> list[str]:
    """The numbers of the top-level §§ in order (chapters looked into)."""
    numbers: list[str] = []
    for node in body:
        if isinstance(node, Paragraf) and node.number:
            numbers.append(node.number)
        elif isinstance(node, Unit) and node.kind == "rozdzial":
            numbers.extend(c.number for c in node.content if isinstance(c, Paragraf) and c.number)
    return numbers
