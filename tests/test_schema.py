"""The tree's JSON carries its schema version, and JSON of another version is refused, not misread."""

from __future__ import annotations

import io
import json
import typing
from contextlib import redirect_stdout

import pytest
from pydantic import ValidationError

from conftest import ROOT
from uchwaly_parser import Resolution, parse
from uchwaly_parser.cli import main
from uchwaly_parser.models.document import SCHEMA_VERSION

EXAMPLE = ROOT / "examples" / "uchwala_krzykosy.txt"


def test_the_version_field_accepts_exactly_the_current_version() -> None:
    assert typing.get_args(Resolution.model_fields["schema_version"].annotation) == (SCHEMA_VERSION,)


def test_json_output_carries_the_schema_version() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--format", "json", str(EXAMPLE)]) == 0
    assert json.loads(out.getvalue())["schema_version"] == SCHEMA_VERSION
    assert json.loads(main_schema())["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def main_schema() -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["--schema"])
    return out.getvalue()


def test_json_of_another_version_is_refused() -> None:
    data = json.loads(parse(EXAMPLE.read_text(encoding="utf-8")).model_dump_json())
    data["schema_version"] = "1"
    with pytest.raises(ValidationError, match="schema_version"):
        Resolution.model_validate(data)
