"""Bytes to text: the encodings Polish resolution files come in, told apart.

UTF-8 (with or without BOM) and UTF-16 with BOM are certain; otherwise the file is one of the two
8-bit Polish code pages. They differ only in where they put ą ś ź (and capitals): Windows-1250 uses
bytes 0x80-0x9F, which ISO-8859-2 leaves to control characters, so the bytes tell which is meant.
"""

from __future__ import annotations

import codecs

# The bytes of ą Ą ś Ś ź Ź in each code page; everything else Polish is at the same place in both.
_CP1250_ONLY = frozenset(b"\xb9\xa5\x9c\x8c\x9f\x8f")
_ISO8859_2_ONLY = frozenset(b"\xb1\xa1\xb6\xa6\xbc\xac")


def detect_encoding(data: bytes) -> str:
    """The name of the encoding ``data`` is most likely in."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if any(0x80 <= b <= 0x9F for b in data):
        return "cp1250"
    cp1250 = sum(1 for b in data if b in _CP1250_ONLY)
    iso = sum(1 for b in data if b in _ISO8859_2_ONLY)
    return "iso-8859-2" if iso > cp1250 else "cp1250"


class NotTextError(ValueError):
    """The bytes are not text: binary data, or not valid in the encoding named or detected."""


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with (``encoding`` overrides detection).

    Raises NotTextError for binary data or bytes invalid in that encoding, LookupError for an
    unknown encoding name.
    """
    name = encoding or detect_encoding(data)
    if encoding is None and name not in ("utf-16",) and b"\x00" in data[:4096]:
        raise NotTextError("the input looks like binary data, not text")
    try:
        return data.decode(name), name
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise NotTextError(f"byte 0x{byte:02x} at offset {error.start} is not valid {name}") from None
