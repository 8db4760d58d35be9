"""The input text and its geometry: offsets to lines and columns, spans, source excerpts."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from uchwaly_parser.models.base import Span

# A line ends with LF, CRLF or a lone CR.
_LINE_END = re.compile(r"\r\n?|\n")
# Blanks other than the space (no-break, thin, ideographic, ...): HTML-born texts print "§&nbsp;1.";
# the ASCII unit separator too.
_OTHER_BLANK = re.compile("[\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Line ends other than LF and CR: Unicode's line and paragraph separators and NEL, a word processor's
# manual line break (vertical tab) and page break (form feed), the ASCII file, group and record separators.
_OTHER_LINE_END = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class Source:
    """One input text, as the user gave it, with a line index for locating offsets.

    ``name`` is what messages call the input (a file path, ``<stdin>`` or ``<string>``). The
    grammars read ``readable``: the same text with every other kind of blank as a space and every
    other line separator as "\\n", character for character, so an offset means the same in both;
    values "as printed" come from ``text``. Lines and columns count LF, CRLF and CR line ends only.
    Both ``readable`` and the line index are made on first use: a Source whose offsets are never
    located (the input's own, when cleaning changed nothing) costs no pass over the text.
    """

    text: str
    name: str = "<string>"

    @cached_property
    def readable(self) -> str:
        return _OTHER_LINE_END.sub("\n", _OTHER_BLANK.sub(" ", self.text))

    @cached_property
    def _line_starts(self) -> list[int]:
        """The offset where each line starts, in order: one table, bisected for every offset."""
        return [0, *[m.end() for m in _LINE_END.finditer(self.text)]]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """The located span of ``text[start:end]``."""
        line, column = self.line_col(start)
        return Span(start=start, end=end, line=line, column=column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
