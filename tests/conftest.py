"""Shared test helpers: where the corpus copy and the fixtures are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The project's own copy of the dev corpus (../shared/corpus when the project was last synced):
# official acts, not protected by copyright (art. 4 of the Polish copyright act).
CORPUS = FIXTURES / "corpus"
SCORER = ROOT / "tools" / "score.py"


def corpus_texts() -> list[Path]:
    """The corpus documents that have a gold file."""
    return sorted(p.with_name(p.name.removesuffix(".gold.json") + ".txt") for p in CORPUS.glob("*.gold.json"))
