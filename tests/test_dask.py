"""The tables as Dask DataFrames, computed on a local cluster of worker processes, hold the same rows
as the single-process run."""

from __future__ import annotations

import sys

import dask
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from conftest import corpus_texts
from uchwaly_parser import iter_rows
from uchwaly_parser.dask import read_corpus
from uchwaly_parser.dataset import TABLES, pandas_dtypes
from uchwaly_parser.dataset.writers import MissingExtra

DOCUMENTS = corpus_texts()


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def test_a_local_cluster_of_processes_gives_the_single_process_rows() -> None:
    expected = list(iter_rows(DOCUMENTS, jobs=1))
    tables = read_corpus(DOCUMENTS, files_per_partition=10)
    assert tables.citations.npartitions == 9
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        computed = dask.compute(*tables)
        by_eli = tables.citations.groupby("eli").size().compute()
        assert len(client.scheduler_info()["workers"]) == 2
    for table, frame in zip(TABLES, computed, strict=True):
        assert {c: str(t) for c, t in frame.dtypes.items()} == pandas_dtypes(table)
        rows = [r.documents for r in expected] if table == "documents" else [x for r in expected for x in getattr(r, table)]
        assert records(frame.reset_index(drop=True)) == rows, table
    assert by_eli["DU/2015/1515"] == sum(1 for r in expected for c in r.citations if c["eli"] == "DU/2015/1515") > 0


def test_a_glob_or_a_folder_names_the_files_in_sorted_order() -> None:
    folder = DOCUMENTS[0].parent
    documents = read_corpus(folder, files_per_partition=40).documents
    assert documents.npartitions == 3
    assert list(documents["file"].compute()) == [str(p) for p in DOCUMENTS]
    assert read_corpus(f"{folder}/d0*.txt").documents["file"].compute().tolist() == [
        str(p) for p in DOCUMENTS if p.name.startswith("d0")]


def test_without_dask_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(MissingExtra, match=r"pip install 'uchwaly-parser\[dask\]'"):
        read_corpus(DOCUMENTS)
