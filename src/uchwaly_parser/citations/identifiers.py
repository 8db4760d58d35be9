"""Identifiers users link to: journal names, ELI, ISAP ids, voivodeship publisher codes."""

from __future__ import annotations

import re

DZIENNIK_USTAW = "Dz. U."
MONITOR_POLSKI = "M.P."

ELI_BASE = "https://eli.gov.pl/eli"

# Voivodeship of a "Dz. Urz. Woj. <name>" journal, from the word after "Woj." (full adjective
# or its official abbreviation). Compound names come first so that "Kujawsko-Pomorskiego"
# is not read as "Pomorskiego" and "Zachodniopomorskiego" not as "Pomorskiego".
_VOIVODESHIPS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name, code)
    for pattern, name, code in (
        (r"^kuj", "kujawsko-pomorskie", "KP"),
        (r"^warm", "warmińsko-mazurskie", "WM"),
        (r"^zach", "zachodniopomorskie", "ZP"),
        (r"^doln|^dol\.|^dś", "dolnośląskie", "DS"),
        (r"^lubel", "lubelskie", "LB"),
        (r"^lubus", "lubuskie", "LS"),
        (r"^łódz|^łódź|^lodz", "łódzkie", "LD"),
        (r"^małop|^malop", "małopolskie", "MP"),
        (r"^maz", "mazowieckie", "MZ"),
        (r"^op", "opolskie", "OP"),
        (r"^podk", "podkarpackie", "PK"),
        (r"^podl", "podlaskie", "PL"),
        (r"^pom", "pomorskie", "PM"),
        (r"^śl|^sl", "śląskie", "SL"),
        (r"^święt|^swiet|^św\.", "świętokrzyskie", "SK"),
        (r"^wlkp|^wielk", "wielkopolskie", "WP"),
    )
)
_AFTER_WOJ = re.compile(r"Woj(?:ewództwa|\.)?\s*(\S.*)$", re.IGNORECASE)
# A voivodeship journal's full name, in any case and grammatical case ("Dzienniku Urzędowym Województwa …")
_FULL_NAME = re.compile(r"dzienni\w*\s+urzędow\w*\s+województwa\s+(\S+)", re.IGNORECASE)


def voivodeship_journal(name: str) -> str:
    """A voivodeship journal's name as the abbreviation journals are cited by when it is written in full
    ("Dziennik Urzędowy Województwa Kujawsko-Pomorskiego" → "Dz. Urz. Woj. Kujawsko-Pomorskiego"),
    else as written."""
    full = _FULL_NAME.fullmatch(name)
    return f"Dz. Urz. Woj. {full.group(1).title()}" if full else name


def voivodeship_of(journal: str) -> tuple[str | None, str | None]:
    """(voivodeship, POL_WOJ_XX) for a voivodeship journal name, (None, None) when it does not tell."""
    match = _AFTER_WOJ.search(journal)
    if not match:
        return None, None
    name = match.group(1)
    for pattern, voivodeship, code in _VOIVODESHIPS:
        if pattern.search(name):
            return voivodeship, f"POL_WOJ_{code}"
    return None, None


def eli_of(journal: str, year: int | None, position: int | None) -> str | None:
    """``DU/2024/1465`` or ``MP/2023/1275``; None for other journals or an unknown year/position."""
    prefix = {DZIENNIK_USTAW: "DU", MONITOR_POLSKI: "MP"}.get(journal)
    if prefix is None or year is None or position is None or not 1918 <= year <= 2100:
        return None
    return f"{prefix}/{year}/{position}"


def eli_url_of(eli: str | None) -> str | None:
    """The ELI landing page of an act's announced text."""
    return f"{ELI_BASE}/{eli}/ogl" if eli else None


def isap_id_of(journal: str, year: int | None, nr: int | None, position: int | None) -> str | None:
    """``W`` + DU/MP + year + nr (3 digits, ``000`` when none) + position (4 digits).

    ``WDU20011421591`` (Dz. U. 2001 Nr 142 poz. 1591), ``WDU20240001465`` (Dz. U. 2024 poz. 1465).
    """
    prefix = {DZIENNIK_USTAW: "DU", MONITOR_POLSKI: "MP"}.get(journal)
    if prefix is None or year is None or position is None or not 1918 <= year <= 2100:
        return None
    if (nr is not None and nr > 999) or position > 9999:
        return None
    return f"W{prefix}{year}{nr or 0:03d}{position:04d}"
