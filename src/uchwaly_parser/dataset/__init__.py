"""A corpus as tables: documents, citations, acts and diagnostics rows, computed in parallel.

    >>> from uchwaly_parser.dataset import iter_rows
    >>> for rows in iter_rows(paths, jobs=4):
    ...     rows.documents["number"], len(rows.citations)

The command line's ``dataset`` writes them to Parquet, JSON Lines or CSV; ``uchwaly_parser.dask``
gives them as Dask DataFrames.
"""

from __future__ import annotations

from uchwaly_parser.dataset.pool import iter_rows
from uchwaly_parser.dataset.read import read_table
from uchwaly_parser.dataset.rows import (
    SCHEMA_VERSION,
    TABLES,
    ActRow,
    CitationRow,
    DiagnosticRow,
    DocumentRow,
    FileRows,
    column_types,
    columns,
    file_rows,
    resolution_rows,
    schema,
)
from uchwaly_parser.dataset.writers import pandas_dtypes

__all__ = [
    "SCHEMA_VERSION", "TABLES", "ActRow", "CitationRow", "DiagnosticRow", "DocumentRow", "FileRows",
    "column_types", "columns", "file_rows", "iter_rows", "pandas_dtypes", "read_table", "resolution_rows",
    "schema",
]
