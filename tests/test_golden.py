"""Golden files: each tests/fixtures/documents/NAME.txt parses to exactly NAME.json (see golden.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from golden import check_golden
from uchwaly_parser import parse

DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_golden(path: Path) -> None:
    tree = parse(path.read_text(encoding="utf-8"), name=path.name).model_dump(mode="json")
    check_golden(path.stem, ".json", json.dumps(tree, ensure_ascii=False, indent=1) + "\n", path.parent)


def test_there_are_golden_files() -> None:
    assert len(DOCUMENTS) >= 3
