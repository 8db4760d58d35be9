"""Find where a resolution starts in a text that carries website furniture around it.

The grammar parses from the title keyword on. Pages often print the title more than once (a page
title, a run-on copy of the header, the real header), so the title taken is the LAST one before
the body starts: before the first "§ 1", else before the last enacting clause, else before the
first legal basis. Everything before it is the prelude, where a draft marks itself "projekt".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uchwaly_parser.lexicon import pattern

# The title keyword: "UCHWAŁA", "Uchwała", spaced "U C H W A Ł A", mis-decoded "UchwaBa" ("UCHWABA"); a lower-case
# "uchwała" only when a number follows (portal title lines), and an ASCII transcript's "Uchwala Nr", "UCHWALA NR".
# "Uchwały" (genitive, "Projekt Uchwały nr ...") is a last resort.
TITLE = re.compile(
    r"(?<![^\W\d_])(?:U\s?C\s?H\s?W\s?A\s?Ł\s?A|Uchwała|UchwaBa|UCHWABA|uchwała(?=\s+(?i:nr|numer)\b)|(?:Uchwala|UCHWALA)(?=\s+(?i:nr)\b))(?![^\W\d_])"
)
TITLE_GENITIVE = re.compile(r"(?<![^\W\d_])(?:Uchwały|UCHWAŁY)(?=\s+(?i:nr|numer|rady)\b)")
FIRST_PARAGRAF = re.compile(r"(?:§|(?m:^)[ \t]*par\.)[ \t]*1(?![\d])")
# The enacting clause's verb and what follows it ("uchwala, co następuje", "postanawia:"), from the lexicon
ENACTING = re.compile(
    rf"(?<![^\W\d_]){pattern('ENACTING_VERB')}(?![^\W\d_])(?:\s+(?i:się))?\s*,?\s*(?:{pattern('AS_FOLLOWS')}|:)"
)
LEGAL_BASIS = re.compile(pattern("LEGAL_BASIS_LEAD"))
# "projekt" as a word of its own: "projekt", "Projekt uchwały", "PROJEKT" (not "projekcie")
PROJEKT = re.compile(r"(?<![^\W\d_])(?i:projekt)(?![^\W\d_])")
# After the title only a line that starts with it counts ("projekt Załącznik do uchwały ...").
PROJEKT_LINE = re.compile(r"(?m:^)[ \t]*(?i:projekt)(?=[ \t]*(?:\r?\n|$|Załącznik))")


# The masthead of a voivodeship journal's page:
# "DZIENNIK URZĘDOWY WOJEWÓDZTWA OPOLSKIEGO Opole, dnia 5 grudnia 2016 r. Poz. 2701" (digits may be lost),
# "Dziennik Urzędowy Województwa Śląskiego\nPoz. 4567"
MASTHEAD = re.compile(
    rf"(?P<journal>{pattern('DZIENNIK_WOJEWODZKI_NAMED')})"
    r"(?:\s+[^\W\d_]+,\s+dnia\s+\d{1,2}\s+[^\W\d_]+\s+(?P<year>\d{4})\s*r\.)?"
    r"(?:\s+Poz\.?(?:\s*(?P<position>\d+))?)?"
)


@dataclass(frozen=True)
class Masthead:
    """The journal page this copy was printed on, as its masthead says."""

    start: int
    end: int
    journal: str
    year: int | None
    position: int | None


def read_masthead(text: str, begin: int, end: int) -> Masthead | None:
    """The fullest journal masthead in ``text[begin:end]`` (before the title), if the text carries one."""
    match = max(
        MASTHEAD.finditer(text, begin, end),
        key=lambda m: (m.group("year") is not None) + (m.group("position") is not None),
        default=None,
    )
    if match is None:
        return None
    year, position = match.group("year"), match.group("position")
    return Masthead(
        start=match.start(),
        end=match.end(),
        journal=" ".join(match.group("journal").split()),
        year=int(year) if year else None,
        position=int(position) if position else None,
    )


@dataclass(frozen=True)
class Window:
    """Where the resolution's title starts, and whether the text marks it as a draft."""

    start: int
    projekt: bool


def locate(text: str, begin: int = 0, end: int | None = None) -> Window | None:
    """The window of the resolution in ``text[begin:end]``, or None when no title keyword is found."""
    end = len(text) if end is None else end
    anchor = _body_anchor(text, begin, end)
    titles = [m.start() for m in TITLE.finditer(text, begin, anchor)]
    if not titles:
        titles = [m.start() for m in TITLE_GENITIVE.finditer(text, begin, anchor)]
    if not titles:
        return None
    # A resolution named in the legal basis ("(uchwała nr LX/668/23 … – tekst jednolity)") is not a
    # title: past the legal basis's lead only a capital "Uchwała"/"UCHWAŁA" opens one (a two-column
    # page can print the lead before the header: "Działając na podstawie : Uchwała Nr ...").
    basis = LEGAL_BASIS.search(text, titles[0], anchor)
    if basis:
        titles = [t for t in titles if t < basis.start() or not text[t].islower()]
    start = titles[-1]
    marker = PROJEKT.search(text, begin, start) or PROJEKT_LINE.search(text, start, end)
    return Window(start=start, projekt=marker is not None)


def _body_anchor(text: str, begin: int, end: int) -> int:
    first = FIRST_PARAGRAF.search(text, begin, end)
    if first:
        return first.start()
    enacting = [m.start() for m in ENACTING.finditer(text, begin, end)]
    if enacting:
        return enacting[-1]
    basis = LEGAL_BASIS.search(text, begin, end)
    return basis.start() if basis else end


# A title that opens a header of its own: at a line's start, a number or body after it, a date soon.
HEADER_START = re.compile(
    r"(?m:^)[ \t]*(?:\d{1,3}[ \t]+)?(?:UCHWAŁA|Uchwała|U C H W A Ł A)[ \t]+(?i:nr|rady|sejmiku)\b[^\n]*"
    r"(?:\n[^\n]*){0,3}?(?i:z\s+dnia)"
)


def split_resolutions(text: str) -> list[tuple[int, int]]:
    """Where each resolution of a text that holds several begins and ends.

    A new one begins at a header that follows a body (a "§ 1" or an enacting clause since the last
    begin); a header repeated before any body (page titles) stays with the resolution it heads.
    """
    headers = list(HEADER_START.finditer(text))
    bounds = [0]
    numbers = [""]
    for i, match in enumerate(headers):
        last, here = bounds[-1], match.start()
        following = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        number = _NUMBER.search(match.group(0))
        if (
            here > last
            and _has_body(text, last, here)  # the one before is complete
            and _has_body(text, match.end(), following)  # this one is not a title line repeated after it
            and (number.group(1) if number else "") != numbers[-1]  # nor a copy of the same resolution
        ):
            bounds.append(here)
            numbers.append(number.group(1) if number else "")
        elif len(bounds) == 1 and number and not numbers[-1]:
            numbers[-1] = number.group(1)
    return list(zip(bounds, [*bounds[1:], len(text)], strict=True))


_NUMBER = re.compile(r"(?i:nr)\.?\s*([\dIVXLC/.–-]+)")


def _has_body(text: str, begin: int, end: int) -> bool:
    return bool(FIRST_PARAGRAF.search(text, begin, end) or ENACTING.search(text, begin, end))
