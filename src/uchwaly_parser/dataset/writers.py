"""Table parts on disk: Parquet, JSON Lines or CSV, written to a hidden temporary and renamed into place.

A table is a folder of parts (``documents/part-00000.parquet``, …), the layout Parquet readers,
pandas and Dask read as one table. A part appears under its final name only once it is whole, so
an interrupted run leaves only whole parts behind, and the readers skip the hidden temporaries.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

from uchwaly_parser.dataset.rows import SCHEMA_VERSION, Row, column_types, columns

FORMATS = ("parquet", "jsonl", "csv")
SUFFIXES = {"parquet": ".parquet", "jsonl": ".jsonl", "csv": ".csv"}
# Rows a Parquet row group holds before it is written out.
ROW_GROUP = 20_000


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


def require_pyarrow() -> Any:
    """The ``pyarrow`` module, or ``MissingExtra`` saying how to get it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(
            "Parquet output needs pyarrow: pip install 'uchwaly-parser[parquet]' (or use --format jsonl or csv)"
        ) from None
    return pyarrow


def arrow_schema(table: str) -> Any:
    """The table's Arrow schema (types from the row model), with the schema version in its metadata."""
    pa = require_pyarrow()
    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_()}
    return pa.schema(
        [pa.field(name, types[kind]) for name, kind in column_types(table).items()],
        metadata={"uchwaly_parser.table": table, "uchwaly_parser.schema_version": str(SCHEMA_VERSION)},
    )


def pandas_dtypes(table: str) -> dict[str, str]:
    """The pandas dtypes of a table's columns (nullable ones: integers stay integers next to nulls).

    For reading CSV and JSON Lines parts: ``pandas.read_csv(path, dtype=pandas_dtypes("citations"))``.
    """
    kinds = {"string": "string", "int": "Int64", "bool": "boolean"}
    return {name: kinds[kind] for name, kind in column_types(table).items()}


class Part(Protocol):
    def write(self, rows: list[Row]) -> None: ...
    def close(self) -> None: ...


def part_name(table_dir: Path, number: int, fmt: str) -> Path:
    return table_dir / f"part-{number:05d}{SUFFIXES[fmt]}"


class PartWriter:
    """One part of one table: rows go to ``.part-NNNNN.ext.tmp``, renamed to ``part-NNNNN.ext`` by ``commit``."""

    def __init__(self, table_dir: Path, table: str, number: int, fmt: str) -> None:
        self.final = part_name(table_dir, number, fmt)
        self.temporary = self.final.with_name(f".{self.final.name}.tmp")
        kinds: dict[str, Callable[[Path, str], Part]] = {"parquet": _ParquetPart, "jsonl": _JsonlPart, "csv": _CsvPart}
        self.part = kinds[fmt](self.temporary, table)

    def write(self, rows: list[Row]) -> None:
        if rows:
            self.part.write(rows)

    def commit(self) -> None:
        self.part.close()
        self.temporary.replace(self.final)

    def discard(self) -> None:
        try:
            self.part.close()
        finally:
            self.temporary.unlink(missing_ok=True)


class _JsonlPart:
    def __init__(self, path: Path, table: str) -> None:
        self.file: IO[str] = path.open("w", encoding="utf-8", newline="\n")

    def write(self, rows: list[Row]) -> None:
        self.file.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def close(self) -> None:
        self.file.close()


def csv_cell(value: object) -> object:
    """CSV text of a value: null is empty, booleans are ``true``/``false`` (pandas reads both back)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class _CsvPart:
    def __init__(self, path: Path, table: str) -> None:
        self.file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(columns(table))

    def write(self, rows: list[Row]) -> None:
        self.writer.writerows([csv_cell(v) for v in row.values()] for row in rows)

    def close(self) -> None:
        self.file.close()


class _ParquetPart:
    def __init__(self, path: Path, table: str) -> None:
        self.pa = require_pyarrow()
        self.schema = arrow_schema(table)
        self.writer = self.pa.parquet.ParquetWriter(path, self.schema)
        self.buffer: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self.buffer += rows
        if len(self.buffer) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        self.writer.write_table(self.pa.Table.from_pylist(self.buffer, schema=self.schema))
        self.buffer = []

    def close(self) -> None:
        if self.buffer:
            self._flush()
        self.writer.close()


def read_files(path: Path, fmt: str) -> list[str]:
    """The ``file`` column of a documents part."""
    if fmt == "parquet":
        return [str(f) for f in require_pyarrow().parquet.read_table(path, columns=["file"]).column("file").to_pylist()]
    with path.open(encoding="utf-8", newline="") as file:
        if fmt == "jsonl":
            return [json.loads(line)["file"] for line in file if line.strip()]
        return [row["file"] for row in csv.DictReader(file)]
