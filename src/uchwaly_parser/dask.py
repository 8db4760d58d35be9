"""The dataset's four tables as Dask DataFrames: the same rows as the ``dataset`` command, on a laptop
or on a cluster, unchanged (``pip install 'uchwaly-parser[dask]'``).

    >>> from uchwaly_parser.dask import read_corpus
    >>> tables = read_corpus("corpus/**/*.txt")
    >>> tables.citations.groupby("eli").size().compute()

Each partition is one task that parses a list of files and gives its rows to all four tables, so
``dask.compute(tables.documents, tables.citations)`` parses every file once. Where the tasks run is
Dask's choice: the local threads by default, the workers of a ``distributed.Client`` when one is
active (each worker needs uchwaly_parser installed and read access to the files).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from uchwaly_parser.dataset.pool import TIME_LIMIT, display_name, limited_rows
from uchwaly_parser.dataset.rows import TABLES, FileRows, columns
from uchwaly_parser.dataset.writers import MissingExtra, pandas_dtypes

# Files one task parses: a few seconds of work, so that scheduling costs little next to it.
FILES_PER_PARTITION = 200


class Tables(NamedTuple):
    """The four tables of a corpus, as Dask DataFrames (columns and dtypes: ``dataset --schema``)."""

    documents: Any
    citations: Any
    acts: Any
    diagnostics: Any


def read_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    files_per_partition: int = FILES_PER_PARTITION,
    encoding: str | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> Tables:
    """The tables of the files ``source`` names: a glob (``"corpus/**/*.txt"``), a folder (its ``*.txt``,
    recursively) or a list of paths. Rows are in the order of the paths (a glob's sorted).

    ``time_limit`` applies where a task runs on a process's main thread (Dask's worker threads are not:
    there a hung file holds its task until the cluster's own limits end it).
    """
    try:
        import dask.dataframe as dd
        from dask.delayed import delayed
    except ImportError:
        raise MissingExtra("Dask DataFrames need dask: pip install 'uchwaly-parser[dask]'") from None
    paths = _paths(source)
    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    task = delayed(_partition, nout=len(TABLES), pure=True)
    parts = [
        task(paths[i : i + files_per_partition], encoding, time_limit)
        for i in range(0, len(paths), files_per_partition)
    ]
    return Tables(*(
        dd.from_delayed([part[n] for part in parts], meta=frame(table, []), verify_meta=False)
        for n, table in enumerate(TABLES)
    ))


def frame(table: str, rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of ``rows`` with the table's columns and nullable dtypes (the Dask ``meta`` when empty)."""
    import pandas as pd

    return pd.DataFrame.from_records(rows, columns=list(columns(table))).astype(pandas_dtypes(table))


def _partition(paths: list[str], encoding: str | None, time_limit: float | None) -> tuple[Any, ...]:
    results: list[FileRows] = [limited_rows(p, display_name(p), encoding, time_limit) for p in paths]
    return tuple(
        frame(table, [r.documents for r in results] if table == "documents" else [
            row for r in results for row in getattr(r, table)
        ])
        for table in TABLES
    )


def _paths(source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[str]:
    if not isinstance(source, str | os.PathLike):
        return [os.fspath(p) for p in source]
    path = os.fspath(source)
    if os.path.isdir(path):
        return sorted(str(p) for p in Path(path).rglob("*.txt") if p.is_file())
    if not os.path.exists(path) and glob.has_magic(path):
        return sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
    return [path]
