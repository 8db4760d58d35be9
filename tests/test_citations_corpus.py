"""Citations over the real corpus: invariants on every document and a floor under the scores."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from citation_checks import assert_located
from conftest import CORPUS
from uchwaly_parser.citations import (
    Citation,
    find_citations,
    parse_legal_basis,
)
from uchwaly_parser.source import Source
from uchwaly_parser.summary import act_summary, publication_summary


def documents() -> list[Path]:
    """Gold files of the shared corpus (``../shared/corpus``), or [] where it is absent."""
    return sorted(CORPUS.glob("*.gold.json"))


def _text(gold: Path) -> str:
    return gold.with_name(gold.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")


# The legal basis as a reader finds it: from "Na podstawie" to the enacting verb (the document
# parser does this properly; here it only has to be good enough to measure the citation engine).
_LB_START = re.compile(r"Działając na podstawie|[Nn]a podstawie|^art\. ", re.MULTILINE)
_LB_END = re.compile(r"uchwala|postanawia|u c h w a l a|uchwała, co|u c h w a ł a")


def legal_basis(text: str) -> tuple[int, int] | None:
    start = _LB_START.search(text)
    if not start:
        return None
    end = _LB_END.search(text, start.start())
    return start.start(), end.start() if end else min(len(text), start.start() + 3000)


def _journal(value: Any) -> str:
    s = re.sub(r"[\s.]", "", str(value or "")).casefold()
    return "dzurz" if s.startswith("dzurz") else s


def _pub_key(p: dict[str, Any]) -> tuple[object, ...]:
    return (_journal(p["journal"]), p["year"], p["nr"], p["pos"])


def _title(value: str | None) -> str | None:
    if value is None:
        return None
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", value)
    s = re.sub(r"[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\"']", '"', s)
    return re.sub(r"\s+", " ", s).strip().casefold().strip(" .,:;").lstrip("-–— ")


def _f1(tp: int, predicted: int, gold: int) -> float:
    p = tp / predicted if predicted else 1.0
    r = tp / gold if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("gold", documents(), ids=lambda p: p.name[:3])
def test_every_span_slices_back_and_round_trips(gold: Path) -> None:
    text = _text(gold)
    source = Source(text, gold.name)
    found: list[Citation] = list(find_citations(source))
    lb = legal_basis(text)
    if lb:
        found += parse_legal_basis(source, *lb)
    for citation in found:
        assert Citation.model_validate_json(citation.model_dump_json()) == citation
        assert_located(text, citation)


def test_scores_on_the_corpus() -> None:
    pubs = [0, 0, 0]
    acts = [0, 0, 0]
    for gold_path in documents():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = _text(gold_path)
        source = Source(text, gold_path.name)
        got = [_pub_key(publication_summary(p)) for c in find_citations(source) for p in c.publications]
        want = [_pub_key(p) for p in gold["publications_all"]]
        tp = sum((Counter(got) & Counter(want)).values())
        pubs = [pubs[0] + tp, pubs[1] + len(got), pubs[2] + len(want)]
        lb = legal_basis(text)
        got_acts = [act_summary(c) for c in parse_legal_basis(source, *lb)] if lb else []
        keys = Counter((a["date"], _title(a["title"])) for a in got_acts)
        want_keys = Counter((a["date"], _title(a["title"])) for a in gold["legal_basis_acts"])
        tp = sum((keys & want_keys).values())
        acts = [acts[0] + tp, acts[1] + sum(keys.values()), acts[2] + sum(want_keys.values())]
    # measured 0.995 and 0.984 when this floor was set; the issue asks for 0.97 and 0.92
    assert _f1(*pubs) >= 0.97
    assert _f1(*acts) >= 0.92
