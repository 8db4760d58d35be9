"""Files and bytes in: the same encoding detection as the command line, for library callers."""

from __future__ import annotations

import os

from uchwaly_parser.decode import NotTextError, decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse


def parse_bytes(
    data: bytes, *, encoding: str | None = None, name: str = "<bytes>", strict: bool = False
) -> Resolution:
    """Parse a resolution from raw bytes, detecting the encoding as the command line does.

    ``encoding`` overrides detection. Raises ``ParseError`` when the bytes are not text in that
    encoding or hold no resolution, ``LookupError`` for an unknown encoding name.
    """
    return parse(decode_bytes(data, encoding=encoding, name=name)[0], name=name, strict=strict)


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None, strict: bool = False) -> Resolution:
    """Parse the resolution in the file at ``path`` (read as bytes, its encoding detected).

    Raises ``OSError`` when the file cannot be read, otherwise as ``parse_bytes``.
    """
    with open(path, "rb") as file:
        data = file.read()
    return parse_bytes(data, encoding=encoding, name=os.fspath(path), strict=strict)


def decode_bytes(data: bytes, *, encoding: str | None = None, name: str = "<bytes>") -> tuple[str, str]:
    """The text of ``data`` and the encoding read; ``ParseError`` when it is not text."""
    try:
        return decode(data, encoding)
    except NotTextError as error:
        raise ParseError(f"cannot read the file: {error}", file=name) from None
