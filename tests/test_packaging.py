"""The built wheel carries the grammars: install it into a fresh venv and run the CLI from there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("uchwaly_parser-*.whl")
    return built


def test_wheel_ships_the_grammars(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert {"uchwaly_parser/grammars/resolution.lark", "uchwaly_parser/grammars/units.lark"} <= set(names)


def test_wheel_metadata_names_the_licence_and_the_package_version(wheel: Path) -> None:
    import zipfile
    from email.parser import Parser

    import uchwaly_parser

    archive = zipfile.ZipFile(wheel)
    (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert metadata["Version"] == uchwaly_parser.__version__
    assert metadata["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])


def test_installed_wheel_runs_the_cli(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    fixture = FIXTURES / "documents" / "bip_units.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [python, "-m", "uchwaly_parser", "--format", "summary", str(fixture)],
        capture_output=True, text=True, check=True, cwd=tmp_path, env=env,
    )
    record = json.loads(result.stdout)
    assert record["number"] == "XII/98/2024"
    located = subprocess.run(
        [python, "-c", "import uchwaly_parser.grammar as g; print(g.grammar_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env=env,
    )
    assert str(env_dir) in located.stdout
