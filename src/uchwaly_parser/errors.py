"""The library's own error: where in the text, what was expected, the line with a caret."""

from __future__ import annotations

import re

from uchwaly_parser.source import Source

# What a message must not print as it is: control characters (a terminal would obey an escape
# sequence of the input) and lone surrogates (no encoding can write them). One for one, so the
# caret still stands under its column.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class ParseError(Exception):
    """The input cannot be read as a resolution.

    ``file``, ``line`` and ``column`` (1-based) say where; ``expected`` lists what would have fit there.
    ``str(error)`` is a message for people: the place, the reason and the source line with a caret.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str = "<string>",
        line: int = 1,
        column: int = 1,
        expected: tuple[str, ...] = (),
        source_line: str = "",
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.source_line = source_line
        super().__init__(self._render())

    @classmethod
    def at(cls, source: Source, offset: int, reason: str, expected: tuple[str, ...] = ()) -> ParseError:
        """An error at a character offset of ``source``."""
        line, column = source.line_col(offset)
        return cls(reason, file=source.name, line=line, column=column, expected=expected,
                   source_line=source.line_text(line) if source.text else "")

    def _render(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.reason}"
        if self.expected:
            text += f" (expected {', '.join(self.expected)})"
        if self.source_line:
            shown = _UNPRINTABLE.sub("\ufffd", self.source_line[:200])
            gutter = f"{self.line:>5} | "
            text += f"\n{gutter}{shown}\n{' ' * (len(gutter) + min(self.column - 1, len(shown)))}^"
        return text
