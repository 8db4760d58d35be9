"""Golden files: the expected output kept beside each fixture (parse trees, renderers' texts).

Run ``make golden`` after an intended change to rewrite them, then read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import FIXTURES

RENDER = FIXTURES / "render"
STEMS = sorted(p.stem for p in RENDER.glob("*.txt") if "." not in p.stem)


def source(stem: str) -> str:
    """The input text of one render fixture."""
    return (RENDER / f"{stem}.txt").read_text(encoding="utf-8")


def check_golden(stem: str, suffix: str, actual: str, folder: Path = RENDER) -> None:
    """Assert ``actual`` equals the golden file ``<stem><suffix>``; rewrite it when UPDATE_GOLDEN is set."""
    path: Path = folder / f"{stem}{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")
