"""Bytes to text: the encodings Polish resolution files come in, told apart.

UTF-8 (with or without BOM) and UTF-16 with BOM are certain; otherwise the file is one of the two
8-bit Polish code pages. They differ only in where they put ą ś ź (and capitals): Windows-1250 uses
bytes 0x80-0x9F, which ISO-8859-2 leaves to control characters, so the bytes tell which is meant.

A file can also be mixed: UTF-8 with a tail pasted from a Windows-1250 page. It is UTF-8 when the
bytes before its first invalid sequence hold several valid multi-byte ones (an 8-bit Polish text
breaks UTF-8 at its first Polish letter); then every line that is valid UTF-8 is read as UTF-8 and
every other line in the code page its bytes point to, and a ``MixedEncodingWarning`` says which lines.
"""

from __future__ import annotations

import codecs
import itertools
import re
import warnings

# The bytes of ą Ą ś Ś ź Ź in each code page; everything else Polish is at the same place in both.
_CP1250_ONLY = frozenset(b"\xb9\xa5\x9c\x8c\x9f\x8f")
_ISO8859_2_ONLY = frozenset(b"\xb1\xa1\xb6\xa6\xbc\xac")
# A valid multi-byte UTF-8 sequence, and how many of them before the first invalid byte make a
# file UTF-8 (a capital "ÓŁ" in Windows-1250 is one by chance; three in a row before any Polish
# lower-case letter broke the decoding do not happen).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_UTF8_EVIDENCE = 3
# How a mixed file's encoding is named: "utf-8+cp1250".
_MIXED = "utf-8+"


class NotTextError(ValueError):
    """The bytes are not text: binary data, or not valid in the encoding named or detected."""


class MixedEncodingWarning(UserWarning):
    """Some lines of a UTF-8 file were not UTF-8 and were read in an 8-bit code page instead."""


def detect_encoding(data: bytes) -> str:
    """The name of the encoding ``data`` is most likely in ("utf-8+cp1250" for a mixed file)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        before = itertools.islice(_UTF8_SEQUENCE.finditer(data, 0, error.start), _UTF8_EVIDENCE)
        if sum(1 for _ in before) == _UTF8_EVIDENCE:
            return _MIXED + _code_page(data[error.start :])
    return _code_page(data)


def _code_page(data: bytes) -> str:
    if any(0x80 <= b <= 0x9F for b in data):
        return "cp1250"
    cp1250 = sum(1 for b in data if b in _CP1250_ONLY)
    iso = sum(1 for b in data if b in _ISO8859_2_ONLY)
    return "iso-8859-2" if iso > cp1250 else "cp1250"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with (``encoding`` overrides detection).

    A mixed file is read line by line (see the module) with a ``MixedEncodingWarning``. Raises
    NotTextError for binary data or bytes invalid in that encoding (saying where), LookupError for
    an unknown encoding name.
    """
    name = encoding or detect_encoding(data)
    if encoding is None and name not in ("utf-16",) and b"\x00" in data[:4096]:
        raise NotTextError("the input looks like binary data, not text")
    if name.startswith(_MIXED):
        return _decode_mixed(data, name.removeprefix(_MIXED)), name
    try:
        return data.decode(name), name
    except UnicodeDecodeError as error:
        raise NotTextError(f"byte 0x{data[error.start]:02x} {_where(data, error.start)} is not valid {name}") from None


def _decode_mixed(data: bytes, code_page: str) -> str:
    pieces: list[str] = []
    other: list[int] = []  # the 1-based numbers of the lines read in the code page
    offset = 0
    for number, line in enumerate(data.splitlines(keepends=True), 1):
        try:
            pieces.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                pieces.append(line.decode(code_page))
            except UnicodeDecodeError as error:
                at = offset + error.start
                reason = f"byte 0x{data[at]:02x} {_where(data, at)} is neither UTF-8 nor {code_page}"
                raise NotTextError(reason) from None
            other.append(number)
        offset += len(line)
    lines = ", ".join(str(n) for n in other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
    warnings.warn(MixedEncodingWarning(f"line{'s' if len(other) > 1 else ''} {lines} of this UTF-8 file "
                                       f"{'are' if len(other) > 1 else 'is'} not UTF-8: read as {code_page}"),
                  stacklevel=3)
    return "".join(pieces)


def _where(data: bytes, offset: int) -> str:
    """ "at line L, byte offset O": where a byte stands, for people (lines end with LF)."""
    line = data.count(b"\n", 0, offset) + 1
    return f"at line {line}, byte offset {offset}"
