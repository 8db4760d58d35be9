"""The base of every node: frozen, strict, located in the original input."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Frozen and strict: a parsed tree is a value, and unknown keys are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Model):
    """Where a node stands in the ORIGINAL input: ``text[start:end]``, 1-based line and column of start."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class Node(Model):
    """Anything found in the text carries its span."""

    span: Span
