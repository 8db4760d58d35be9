"""Shared test helpers: where the real corpus is, and skipping cleanly where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_texts() -> list[Path]:
    """The corpus documents that have a gold file, or [] where ../shared is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(p.with_name(p.name.removesuffix(".gold.json") + ".txt") for p in CORPUS.glob("*.gold.json"))


def require_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); corpus tests need ../shared/corpus")
