"""Text values as a reader sees them: the one place that turns raw slices into clean strings.

Spans always point at the raw input; the ``text`` a node carries is ``clean(raw slice)``.
"""

from __future__ import annotations

import re

# A word broken at a line end by a hyphen ("samo-\nrządzie") or a soft hyphen.
_HYPHENATION = re.compile(r"(?<=[a-ząćęłńóśźż])(?:-[ \t]*\r?\n[ \t]*|\u00ad\s*)(?=[a-ząćęłńóśźż])")
# Any run of whitespace, including no-break and other odd spaces.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


# Anything clean() would change inside a string: most text pieces have none of it.
_UNCLEAN = re.compile(r"[^\S ]|  |\u00ad|\u200b|\ufeff")


def clean(raw: str) -> str:
    """Join hyphenated line breaks, fold every run of whitespace to one space, strip the ends."""
    if not _UNCLEAN.search(raw):
        return raw.strip()
    return _SPACES.sub(" ", _HYPHENATION.sub("", raw)).strip()
