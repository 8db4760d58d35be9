"""Input cleaners: characters that hide the text removed or replaced, with a map back to the input.

Some inputs cannot be read as they stand: a page saved as HTML (``Krzyk&oacute;sy<br>``), a text
with a soft hyphen or a zero-width space inside its words, or Windows-1250 bytes decoded on their
way as ISO-8859-2 or Windows-1252 ("działajšc", "póŸn. zm."). ``clean_input`` gives the text a
reader sees and an ``OffsetMap`` between the two; the parser reads the cleaned text and moves every
span back with ``OffsetMap.relocate``, so spans stay offsets into the user's input (as eyecite's
cleaners do with their span updater; here the map is kept by the cleaner itself, not diffed).

Guarantees: the cleaned text of an input that needs none of this is the input itself (and the map
is the identity); every edit replaces a whole run of input characters, so a span that starts or
ends at an edit's boundary covers the edit whole, and spans keep their order and nesting.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel

from uchwaly_parser.models.base import Span
from uchwaly_parser.source import Source

# --- what is cleaned ----------------------------------------------------------------------------

# Invisible characters: soft hyphen (with the line break of a word hyphenated at a line end),
# zero-width space / non-joiner / joiner, word joiner, and a byte-order mark anywhere.
_INVISIBLE = r"\u00ad(?:[ \t]*\r?\n[ \t]*(?=[^\W\d_]))?|[\u200b-\u200d\u2060\ufeff]"
# An HTML character reference, named or numeric ("&oacute;", "&#243;", "&#xF3;"); html.unescape
# reads it (and knows which names may go without the semicolon).
_ENTITY = r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)"
# The tags of a page saved as HTML: only names HTML defines, so "<5 lat" or "<nazwa>" stays text.
# Block tags become a line break, inline ones vanish.
_BLOCK_TAGS = "br|p|div|li|ul|ol|tr|table|h[1-6]|hr|blockquote|pre|title|section|article|header|footer"
_INLINE_TAGS = "span|b|i|u|em|strong|font|sup|sub|a|small|big|td|th|tbody|thead|html|body|head|meta|center|s|strike"
# Attributes are bounded (a "<p" that never closes costs a short look, not a scan to the end).
_ATTRIBUTES = r"""(?:[^<>"']|"[^"<>]*"|'[^'<>]*'){0,400}"""
_TAG = rf"</?(?:(?P<block>{_BLOCK_TAGS})|{_INLINE_TAGS})\b{_ATTRIBUTES}/?>|<!--.{{0,2000}}?-->"
_HTML_SIGNS = re.compile(rf"(?is:{_ENTITY}|{_TAG})")

# C1 control characters never stand in a text: each is a Windows-1250 byte read as ISO-8859-2
# (or Latin-1), so it is read back as Windows-1250 (U+0096 is "–", U+009C "ś").
_C1 = {chr(b): bytes([b]).decode("cp1250", "replace") for b in range(0x80, 0xA0)}
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def _misread(wrong_codec: str) -> dict[str, str]:
    """The Polish letters of Windows-1250 as ``wrong_codec`` shows them: wrong → right."""
    table = {}
    for b in range(0x80, 0x100):
        right = bytes([b]).decode("cp1250", "replace")
        wrong = bytes([b]).decode(wrong_codec, "replace")
        if right in _POLISH and wrong != right and wrong != "\ufffd":
            table[wrong] = right
    return table


# Windows-1250 read as ISO-8859-2 turns ą Ą into š Ľ (ś ź Ś Ź into C1 controls); read as
# Windows-1252 it turns most Polish letters into ¹ ¥ œ Œ Ÿ ³ £ ¿ ¯ ê æ ñ ...
_MISREAD_TABLES = (_misread("iso-8859-2"), _misread("cp1252"))
# A misread letter is a tell only inside a word; two such tells make a document misread.
_LETTER = r"[^\W\d_]"
_TELLS_NEEDED = 2
# Superscripts stand after units ("m³") and article numbers ("353¹"): a letter only inside a word.
_SUPERSCRIPTS = "¹³"


# OCR of a scan reads "§" as "8", "S" or "$" ("o 8 1. Uchwala się …", "8 2. Celem planu …"). A sign
# like that before a unit number ("8 3." then a blank) is a "§" only where the numbering proves it:
# it belongs to a run § 1, § 2, § 3 … (true "§" signs count too) of at least _OCR_RUN units.
# "8" and "S" need the blank after them ("S2." names a sector), "$" and "§" do not.
_PARAGRAF_SIGN = re.compile(r"(?<!\S)(?P<sign>[8S][^\S\r\n]|[$§][^\S\r\n]?)(?P<number>\d{1,3})\.(?=\s)")
_OCR_RUN = 3


def _ocr_paragraf_signs(text: str) -> set[int]:
    """Offsets of the OCR'd "§" signs the numbering of ``text`` proves."""
    if "8" not in text and "S" not in text and "$" not in text:
        return set()
    proven: set[int] = set()
    run: list[re.Match[str]] = []
    for match in _PARAGRAF_SIGN.finditer(text):
        number = int(match.group("number"))
        if number == 1:
            proven |= _proven(run)
            run = [match]
        elif run and number == int(run[-1].group("number")) + 1:
            run.append(match)
    return proven | _proven(run)


def _proven(run: list[re.Match[str]]) -> set[int]:
    if len(run) < _OCR_RUN:
        return set()
    return {m.start() for m in run if not m.group("sign").startswith("§")}


# --- the map ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Edit:
    """``original[o_start:o_end]`` became ``cleaned[c_start:c_end]``."""

    c_start: int
    c_end: int
    o_start: int
    o_end: int
    kind: str = "clean"  # "ocr-paragraf": an OCR'd "§" the numbering proves (worth a diagnostic)


N = TypeVar("N")


@dataclass(frozen=True)
class OffsetMap:
    """Offsets of the cleaned text and of the input, both ways; the identity when nothing was cleaned."""

    original: str
    cleaned: str
    edits: tuple[_Edit, ...] = ()

    @property
    def identity(self) -> bool:
        return not self.edits

    def repaired_signs(self) -> tuple[tuple[int, int], ...]:
        """Where the cleaned text holds a "§" that OCR had read as "8", "S" or "$" (cleaned offsets)."""
        return tuple((e.c_start, e.c_end) for e in self.edits if e.kind == "ocr-paragraf")

    @cached_property
    def _c_starts(self) -> list[int]:
        return [e.c_start for e in self.edits]

    @cached_property
    def _o_starts(self) -> list[int]:
        return [e.o_start for e in self.edits]

    def original_start(self, offset: int) -> int:
        """Where the cleaned character at ``offset`` begins in the input."""
        i = bisect.bisect_right(self._c_starts, offset) - 1
        if i < 0:
            return offset
        edit = self.edits[i]
        return edit.o_start if offset < edit.c_end else offset - edit.c_end + edit.o_end

    def original_end(self, offset: int) -> int:
        """Where the cleaned text up to ``offset`` (exclusive) ends in the input."""
        i = bisect.bisect_right(self._c_starts, offset - 1) - 1
        if offset == 0 or i < 0:
            return offset
        edit = self.edits[i]
        return edit.o_end if offset - 1 < edit.c_end else offset - edit.c_end + edit.o_end

    def cleaned_offset(self, offset: int) -> int:
        """The cleaned offset of an input offset (inside an edit: the edit's start, else its end)."""
        i = bisect.bisect_right(self._o_starts, offset) - 1
        if i < 0:
            return offset
        edit = self.edits[i]
        if offset < edit.o_end:
            return edit.c_start if offset == edit.o_start else edit.c_end
        return offset - edit.o_end + edit.c_end

    def relocate(self, node: N, source: Source) -> N:
        """``node`` (a tree read from the cleaned text) with every span moved into ``source.text``."""
        if self.identity:
            return node
        moved: dict[tuple[int, int], Span] = {}

        def move(span: Span) -> Span:
            key = (span.start, span.end)
            if key not in moved:
                start = self.original_start(span.start)
                end = start if span.end == span.start else max(start, self.original_end(span.end))
                moved[key] = source.span(start, end)
            return moved[key]

        return _remap(node, move)  # type: ignore[return-value]


def _remap(value: object, move: Callable[[Span], Span]) -> object:
    """``value`` with ``move`` applied to every Span inside it (models are frozen: changed copies)."""
    if isinstance(value, Span):
        return move(value)
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _remap(old, move)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, tuple) and value and isinstance(value[0], BaseModel | tuple):
        items = tuple(_remap(v, move) for v in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


# --- the cleaner --------------------------------------------------------------------------------


def _misread_table(text: str, chars: set[str]) -> dict[str, str]:
    """The letters to read back as Windows-1250 in ``text`` (whose characters are ``chars``): the C1
    controls always, a code page's letters only where the text shows that damage."""
    table = dict(_C1)
    for misread in _MISREAD_TABLES:
        seen = chars.intersection(misread)
        if not seen:
            continue  # most texts: not one such letter, no scan
        letters = re.escape("".join(sorted(seen)))
        # the misread letter first, then the letter before it: a leading lookbehind is tried at every
        # character, a leading character class lets the regex engine skip to candidates (7x faster)
        tells = re.findall(rf"[{letters}](?<={_LETTER}.)(?={_LETTER})", text)
        if len(tells) >= _TELLS_NEEDED:
            table |= misread
    return table


def _misread_at(text: str, start: int, char: str, table: dict[str, str]) -> bool:
    """Whether the misread letter at ``start`` stands in a word: a superscript after a unit ("m³",
    "dm³") or a number ("353¹") stays, unless a letter follows or three letters stand before it."""
    after = text[start + 1 : start + 2]
    if after.isalpha() or after in table:
        return True
    word = 0
    while word < 3 and start - word > 0 and (text[start - word - 1].isalpha() or text[start - word - 1] in table):
        word += 1
    return word >= (3 if char in _SUPERSCRIPTS else 1)


def _beside_line_break(text: str, match: re.Match[str], out: list[str]) -> bool:
    """Whether a block tag already has a line break beside it ("<br>⏎", "⏎<p>") or stands at an end
    of the text: it adds none then.
    Only the break after a "<br>" counts, so "<br><br>" still leaves a blank line."""
    following = text[match.end() : match.end() + 8].lstrip(" \t")
    if following[:1] in ("\n", "\r") or not following:
        return True
    if match.group("block").lower() == "br":
        return False
    before = next((piece for piece in reversed(out) if piece.strip(" \t")), "").rstrip(" \t")
    return not before or before[-1] in "\r\n"


def _replacement(text: str, match: re.Match[str], table: dict[str, str], out: list[str]) -> str | None:
    """What a reader sees for one match of the cleaners' pattern (None: it is text, left alone)."""
    piece = match.group()
    if piece in table:
        return table[piece] if piece in _C1 or _misread_at(text, match.start(), piece, table) else None
    if piece.startswith("&"):
        replacement = html.unescape(piece)
        # "&c." or an unknown name is text, not a reference
        return None if replacement == piece else re.sub(_INVISIBLE, "", replacement)
    if piece.startswith("<"):
        return "\n" if match.group("block") and not _beside_line_break(text, match, out) else ""
    return ""


def clean_input(text: str) -> OffsetMap:
    """The text a reader sees in ``text`` and the map between the two (see the module's guarantees)."""
    chars = set(text)
    table = _misread_table(text, chars)
    damage = chars.intersection(table)
    ocr_signs = _ocr_paragraf_signs(text)
    patterns = [_INVISIBLE]
    if ocr_signs:
        patterns.append(r"(?P<ocr>(?<!\S)(?:[8S](?=[^\S\r\n]\d)|\$(?=[^\S\r\n]?\d)))")
    if ("&" in chars or "<" in chars) and _HTML_SIGNS.search(text):
        patterns += [f"(?is:{_TAG})", f"(?is:{_ENTITY})"]
    if damage:
        patterns.append("[" + re.escape("".join(sorted(damage))) + "]")
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns))
    if len(patterns) == 1 and not pattern.search(text):
        return OffsetMap(text, text)
    out: list[str] = []
    edits: list[_Edit] = []
    cursor = cleaned_length = 0
    for match in pattern.finditer(text):
        out.append(text[cursor : match.start()])
        cleaned_length += match.start() - cursor
        cursor = match.start()
        ocr = match.lastgroup == "ocr"
        if ocr:
            replacement: str | None = "§" if match.start() in ocr_signs else None
        else:
            replacement = _replacement(text, match, table, out)
        if replacement is None:
            continue
        edits.append(_Edit(cleaned_length, cleaned_length + len(replacement), match.start(), match.end(),
                           "ocr-paragraf" if ocr else "clean"))
        out.append(replacement)
        cleaned_length += len(replacement)
        cursor = match.end()
    if not edits:
        return OffsetMap(text, text)
    out.append(text[cursor:])
    return OffsetMap(text, "".join(out), tuple(edits))
