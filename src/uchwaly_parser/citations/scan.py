"""The prefilter: find the short windows of a text where citations can be, so that the LALR
parser runs only there.

Guarantee: every regex here is linear (no nested quantifiers over the same characters; the only
bounded lookahead is ``{0,60}`` after a journal name), so hostile input costs O(n).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator

from uchwaly_parser import lexicon

# Where a citation certainly is: a journal name followed by a digit soon after (a journal name
# without numbers cites nothing), a code's abbreviation or name, a consolidated-text flag before an
# old-style "Nr" (a reference that omits the journal's name). One regex per literal start, so each
# scan of the whole text (the prefilter's main cost) runs the regex engine's fast literal search
# instead of trying every alternative at every "d", "k", "t" or "j"; _starts merges them.
_JOURNAL_DIGIT = r"(?=[^()\d]{0,60}\d)"  # Dz. U. ... 2024
_NR_SOON = r"(?=[^()]{0,40}[Nn][Rr]\.?\s*\d)"  # tj. Nr 13 z 1996 roku poz. 74
# The journals, as the lexicon names them (grammars/lexicon.lark): Dz. U. | Dziennik Ustaw | M.P. |
# Monitor Polski | Dz. Urz. Woj. X, each with a digit soon after; Dziennik Urzędowy Województwa X
# written out cites only with a year after it ("ogłoszenia w Dzienniku Urzędowym Województwa X." is
# every resolution's last words).
JOURNAL = re.compile(
    "|".join(
        f"{lexicon.pattern(name)}{after}"
        for name, after in (
            ("DZIENNIK_WOJEWODZKI", _JOURNAL_DIGIT),
            ("DZIENNIK_USTAW", _JOURNAL_DIGIT),
            ("MONITOR_POLSKI", _JOURNAL_DIGIT),
            ("DZIENNIK_WOJEWODZKI_NAMED", r"\s+z\s*\d{4}"),
        )
    )
)
# The regex engine searches for a literal some twenty times faster than for a character class
# ("[Dd]z"), so a journal is looked for only where one of these first letters stands (a test checks
# that every journal form starts with one), then read whole with JOURNAL: "Dz(?<=(?=JOURNAL)..)".
JOURNAL_GATES = ("Dz", "dz", "DZ", "M")
_GATED = tuple(re.compile(f"{re.escape(g)}(?<=(?={JOURNAL.pattern}){'.' * len(g)})") for g in JOURNAL_GATES)
START = (
    *_GATED,
    re.compile(r"K(?:odeks|onstytucj)"),  # Kodeks | Konstytucji
    re.compile(r"k\.\s?(?:p\.\s?a|c|p\.\s?c)\."),  # k.p.a. | k.c. | k.p.c.
    re.compile(r"t\.\s?j" + _NR_SOON),  # t.j. Nr
    re.compile(r"tj" + _NR_SOON),  # tj. Nr
    re.compile(r"tekst\s+jedn" + _NR_SOON),  # tekst jednolity Nr
    re.compile(r"j\.\s?t" + _NR_SOON),  # j.t. Nr
)


def _starts(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """The START anchors of ``text[start:stop]`` in order, without overlaps (as one finditer of
    the alternation would give them); a journal's anchor is the journal's whole name."""
    end = -1
    for m in heapq.merge(*(r.finditer(text, start, stop) for r in START), key=lambda m: m.start()):
        if m.start() >= end:
            if m.re in _GATED:
                m = JOURNAL.match(text, m.start(), stop) or m  # the gate checked that JOURNAL matches here
            end = m.end()
            yield m


# Where a citation goes on: "Nr 142", "poz. 1591". These only extend a window that is open, so
# they are looked for only near one, and a page of bare "poz. 1, poz. 2, ..." costs nothing.
# (No START match can overlap a MORE match: their texts share no first character.)
MORE = re.compile(r"[Nn][Rr]\.?\s*\d | p[oó]z\.?\s*\d", re.VERBOSE)

# What a citation's reference follows: an act's name, a provision, a "w związku z" link.
# The window reaches back from a journal reference along a chain of these (the act and its
# title, then the provisions before it), never further than it needs to.
SOFT_ANCHOR = re.compile(
    r"""
      [Aa]rt\.?\s*\d | §\s*\d | (?:ust|pkt|lit)\.?\s*\w | \d\s+(?:ust|pkt)
    | [Uu]staw | [Rr]ozporządz | [Uu]chwa | UCHWA | Statut | Kodeks | Konstytuc
    | [Oo]bwieszcz | [Kk]omunikat | [Zz]arządzeni | w\s+zw
    | t\.\s?j | tj | j\.\s?t | tekst\s+jedn | jedn\.\s*tekst       # t.j. before its reference
    """,
    re.VERBOSE,
)
# The regex engine scans fast for a set of first characters, but not for an alternation whose branches
# start with classes ("[Aa]rt", "[Uu]staw"), which it tries whole at every character. So a soft anchor
# is looked for only where one of its first characters stands, and read whole there by a lookahead,
# whose group 1 ends where SOFT_ANCHOR's match ends: the same matches as SOFT_ANCHOR.finditer (a test
# checks it), a third faster.
_SOFT_GATED = re.compile(rf"[AaUuRrSKkOoZzwtjpl§\d](?<=(?=({SOFT_ANCHOR.pattern})).)", re.VERBOSE)


def soft_anchors(text: str, start: int, end: int) -> list[int]:
    """Where SOFT_ANCHOR matches in ``text[start:end]``, as ``finditer`` finds them (without overlaps)."""
    found = []
    while (m := _SOFT_GATED.search(text, start, end)) is not None:
        found.append(m.start())
        start = m.end(1)
    return found


# The longest title between an act's name and its reference, and the longest gap inside a chain
# of provisions and links.
FIRST_HOP = 320
HOP = 100
# How far a window reaches forward from its last anchor (the rest of a reference list).
FORWARD = 120
# Anchors closer than this belong to one window.
MERGE = 200
# A longer window is cut at an anchor so one hostile run cannot make a huge parse.
MAX_WINDOW = 6000

_SPACE = re.compile(r"\s")


def _snap_back(text: str, pos: int, floor: int) -> int:
    """Move a window start back to just after a whitespace so no token is cut in half."""
    if pos <= floor:
        return floor
    ws = text.rfind(" ", floor, pos)
    nl = text.rfind("\n", floor, pos)
    cut = max(ws, nl)
    return cut + 1 if cut >= 0 else floor


def _snap_forward(text: str, pos: int, ceiling: int) -> int:
    if pos >= ceiling:
        return ceiling
    m = _SPACE.search(text, pos, ceiling)
    return m.start() if m else ceiling


def _chain_start(text: str, anchor: int, floor: int) -> int:
    """Where the citation that ends in the reference at ``anchor`` begins: walk back from soft
    anchor to soft anchor (a hop of at most FIRST_HOP, then HOP characters)."""
    lo = max(floor, anchor - FIRST_HOP - 4 * HOP)
    starts = soft_anchors(text, lo, anchor)
    pos, hop = anchor, FIRST_HOP
    for s in reversed(starts):
        if pos - s > hop:
            break
        pos, hop = s, HOP
    return pos


def windows(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Disjoint windows ``(a, b)`` of ``text[start:end]`` that hold every anchored citation, in order.

    A window opens at a START anchor (reaching back along the chain before it) and grows over every
    anchor, START or MORE, that comes within MERGE characters of its end, up to MAX_WINDOW.
    """
    stop = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cur_a = cur_b = -1
    first_anchor = -1
    starts = _starts(text, start, stop)
    next_start = next(starts, None)
    more: re.Match[str] | None = None  # the first MORE anchor at or after pos, once looked for
    pos = start  # anchors are taken left to right without overlap, as one finditer would
    while True:
        if cur_b >= 0 and (more is None or more.start() < pos):
            more = MORE.search(text, pos, stop)
        use_more = (
            cur_b >= 0 and more is not None and more.start() - cur_b <= MERGE
            and (next_start is None or more.start() < next_start.start())
        )
        m = more if use_more else next_start
        if m is None:
            break
        a0, b0 = m.start(), m.end()
        pos = b0
        if use_more:
            if b0 - first_anchor <= MAX_WINDOW:
                cur_b = _snap_forward(text, b0 + FORWARD, stop)
            continue
        next_start = next(starts, None)
        if cur_b >= 0 and a0 - cur_b <= MERGE and b0 - first_anchor <= MAX_WINDOW:
            cur_b = _snap_forward(text, b0 + FORWARD, stop)
            continue
        if cur_b >= 0:
            out.append((cur_a, cur_b))
        floor = max(start, out[-1][1] if out else start)
        cur_a = _snap_back(text, _chain_start(text, a0, floor), floor)
        first_anchor = a0
        cur_b = _snap_forward(text, b0 + FORWARD, stop)
    if cur_b >= 0:
        out.append((cur_a, cur_b))
    return out
