"""Reading values out of header words: numbers, dates, the tier of the issuing body.

Each function takes text as printed and returns the value, or None where the text does not give it
(a placeholder, a damaged date): never a guess.
"""

from __future__ import annotations

import datetime
import re

from uchwaly_parser.lexicon import month_numbers, pattern
from uchwaly_parser.normalize import clean

# Month names (genitive, nominative, Roman) and their numbers, from the lexicon: "marca" → 3, "IV" → 4
MONTHS = month_numbers()

# "29 października 2015", "8marca 1990", "8 marca1990"; "12.IV.2005", "1 III 2005"
_WORD_DATE = re.compile(
    r"(\d{1,2})\s*([^\W\d_]+)\s*(\d{4})(?!\d)"
    rf"|(\d{{1,2}})[.\s]\s*({pattern('MONTH_ROMAN')})[.\s]\s*(\d{{4}})")
# "28.09.2006", "24-09-2020", "8.03.1990"
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})(?!\d)")
# "2009-12-17", "2002.05.13"
_YMD_DATE = re.compile(r"(?<!\d)(\d{4})[.\-](\d{1,2})[.\-](\d{1,2})(?!\d)")

# "Nr", "NR.", "Nr:", "numer" before the number itself
_NUMBER_PREFIX = re.compile(r"^(?i:nr|numer)\.?\s*:?\s*")
# A blank left to be filled in: "…….", "____/___/2012", "XXVI.       .2020", "...".
_PLACEHOLDER = re.compile(r"[…_]|\.{3}|\s{3,}")


def read_date(text: str) -> datetime.date | None:
    """The date a phrase such as "z dnia 8 marca 1990 r.", "28.09.2006" or "2008-02-20" names, if it names one.

    The one date reader of the package: the header's date and a cited act's date are read alike."""
    for reader, order in ((_WORD_DATE, "dmy-word"), (_DMY_DATE, "dmy"), (_YMD_DATE, "ymd")):
        match = reader.search(text)
        if not match:
            continue
        a, b, c = [group for group in match.groups() if group is not None]
        try:
            if order == "dmy-word":
                month = MONTHS.get(b) or MONTHS.get(b.lower())
                if month is None:
                    continue
                return datetime.date(int(c), month, int(a))
            if order == "dmy":
                return datetime.date(int(c), int(b), int(a))
            return datetime.date(int(a), int(b), int(c))
        except ValueError:
            return None
    return None


def number_is_blank(raw: str) -> bool:
    """Does a printed number ("Nr …….", "Nr", "Nr XXVI.       .2020") leave a blank to fill in?"""
    value = _NUMBER_PREFIX.sub("", raw.strip()).strip()
    return not value.strip(" .") or bool(_PLACEHOLDER.search(value))


def read_number(raw: str) -> str | None:
    """The resolution number without its "Nr" and inner spaces, or None for a placeholder."""
    value = _NUMBER_PREFIX.sub("", raw.strip())
    if number_is_blank(raw) or not re.search(r"[\dIVXLC]", value):
        return None
    return re.sub(r"\s+", "", value).rstrip(".,")


def body_tier(body: str) -> str | None:
    """Which tier of local government a body in the genitive belongs to, where its name tells."""
    words = clean(body).casefold()
    if "sejmik" in words or "województwa" in words:
        return "województwo"
    if "powiatu" in words:
        return "powiat"
    if "miasta" in words or "miejskiej" in words:
        return "miasto"
    if "gminy" in words:
        return "gmina"
    return None
