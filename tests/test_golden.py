"""Golden files: each tests/fixtures/documents/NAME.txt parses to exactly NAME.json.

After an intended change, rewrite them with `make golden` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import FIXTURES
from uchwaly_parser import parse

DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_golden(path: Path) -> None:
    tree = parse(path.read_text(encoding="utf-8"), name=path.name).model_dump(mode="json")
    expected_file = path.with_suffix(".json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(json.dumps(tree, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert tree == json.loads(expected_file.read_text(encoding="utf-8"))


def test_there_are_golden_files() -> None:
    assert len(DOCUMENTS) >= 3
