"""The README's examples run: every ```python block, from the repository root."""

from __future__ import annotations

import os
import re

import pytest

from conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})  # the blocks assert what they show


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 5
    assert os.path.exists(ROOT / "examples" / "uchwala_krzykosy.txt")
