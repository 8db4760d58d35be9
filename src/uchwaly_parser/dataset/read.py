"""A table the dataset command wrote, back as a typed pandas DataFrame (pandas: the [dask] extra)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from uchwaly_parser.dataset.rows import TABLES
from uchwaly_parser.dataset.writers import SUFFIXES, MissingExtra, pandas_dtypes


def read_table(out: str | os.PathLike[str], table: str) -> Any:
    """The ``table`` ("documents", "citations", "acts" or "diagnostics") of the dataset in folder ``out``,
    in any of its formats, as one pandas DataFrame with the schema's nullable dtypes (``Int64``,
    ``boolean``, ``string``): integers stay integers next to nulls, whatever the format."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtra("reading a table needs pandas: pip install 'uchwaly-parser[dask]' (or pandas)") from None
    if table not in TABLES:
        raise ValueError(f"no table {table!r}: the tables are {', '.join(TABLES)}")
    folder = Path(out)
    fmt = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["format"]
    dtypes = pandas_dtypes(table)
    parts = sorted((folder / table).glob(f"part-*{SUFFIXES[fmt]}"))
    if fmt == "parquet":
        frames = [pd.read_parquet(p, dtype_backend="numpy_nullable") for p in parts]
    elif fmt == "jsonl":
        frames = [pd.read_json(p, lines=True, dtype=dtypes) for p in parts if p.stat().st_size]
    else:  # CSV cannot tell an empty text from a null: the rows hold no empty texts, so empty is null
        frames = [pd.read_csv(p, dtype=dtypes, keep_default_na=False, na_values=[""]) for p in parts]
    if not frames:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
    return pd.concat(frames, ignore_index=True).astype(dtypes)
