"""From one file to a corpus: library entry points, the rows of the four tables, the dataset command
(formats, parallel order, resume after a kill), the process pool's time limit and crash handling."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, ROOT, corpus_texts
from uchwaly_parser import ParseError, iter_rows, parse, parse_bytes, parse_file
from uchwaly_parser.dataset import TABLES, FileRows, pandas_dtypes, read_table, resolution_rows
from uchwaly_parser.dataset import pool as pool_module
from uchwaly_parser.dataset.command import dataset_main
from uchwaly_parser.dataset.pool import _Pool, _run_batch
from uchwaly_parser.decode import decode

EXAMPLE = ROOT / "examples" / "uchwala_krzykosy.txt"
DOCUMENTS = corpus_texts()


def dataset(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "uchwaly_parser", "dataset", *map(str, args)],
                          input=stdin, capture_output=True, text=True, cwd=ROOT)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as plain values, nulls as None, so that frames from any reader compare."""
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def flat(results: Sequence[FileRows], table: str) -> list[dict[str, object]]:
    return [r.documents for r in results] if table == "documents" else [x for r in results for x in getattr(r, table)]


# ------------------------------------------------------------ library entry points ---


def test_parse_file_and_parse_bytes_detect_the_encoding(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    expected = parse(text, name=str(EXAMPLE))
    assert parse_file(EXAMPLE) == expected
    assert parse_file(str(EXAMPLE)) == expected
    cp1250 = tmp_path / "cp1250.txt"
    cp1250.write_bytes(text.encode("cp1250"))
    assert parse_file(cp1250).signature == expected.signature
    assert parse_bytes(text.encode("cp1250")).header.body == expected.header.body
    assert parse_bytes(text.encode("utf-8-sig"), name="bom.txt").header.number == expected.header.number
    with pytest.raises(ParseError, match="no resolution title"):
        parse_bytes(text.encode("cp1250"), encoding="cp852")  # "UCHWAúA" in DOS Latin-2 is no title
    with pytest.raises(ParseError, match=r"^x\.bin:1:1: cannot read the file: the input looks like binary data"):
        parse_bytes(bytes(range(256)), name="x.bin")
    with pytest.raises(FileNotFoundError):
        parse_file(tmp_path / "missing.txt")


@pytest.mark.parametrize("wrong", [EXAMPLE, EXAMPLE.read_bytes()])
def test_parse_says_where_a_path_or_bytes_go(wrong: object) -> None:
    with pytest.raises(TypeError, match=r"use parse_file\(path\) or parse_bytes\(data\)"):
        parse(wrong)  # type: ignore[arg-type]


# ------------------------------------------------------------ rows ---


def _library_rows(path: Path) -> FileRows:
    """The rows as a program computes them file by file with the public API."""
    data = path.read_bytes()
    import hashlib

    encoding = decode(data)[1]
    return resolution_rows(parse_file(path), str(path), size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                           encoding=encoding)


def test_parallel_rows_equal_one_job_and_the_library_file_by_file() -> None:
    parallel = list(iter_rows(DOCUMENTS, jobs=2))
    single = list(iter_rows(DOCUMENTS, jobs=1))
    assert parallel == single
    assert parallel == [_library_rows(p) for p in DOCUMENTS]
    assert [r.documents["file"] for r in parallel] == [str(p) for p in DOCUMENTS]
    for table, model in TABLES.items():  # every row fits the documented schema, column order included
        for row in flat(parallel, table):
            assert list(model.model_validate(row).model_dump()) == list(row)
    assert sum(len(r.citations) for r in parallel) > 400 and sum(len(r.acts) for r in parallel) > 100


def test_a_bad_file_is_one_error_row(tmp_path: Path) -> None:
    prose = tmp_path / "zaproszenie.txt"
    prose.write_text("Zapraszamy na sesję.\n", encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    rows = list(iter_rows([prose, tmp_path / "brak.txt", binary, EXAMPLE], jobs=1))
    documents = [r.documents for r in rows]
    assert [(d["ok"], d["error"]) for d in documents[:3]] == [
        (False, "no resolution title (UCHWAŁA …) found"),
        (False, "cannot read the file: No such file or directory"),
        (False, "cannot read the file: the input looks like binary data, not text"),
    ]
    assert (documents[0]["size"], documents[0]["encoding"], documents[0]["error_line"]) == (22, "utf-8", 1)
    assert documents[1]["size"] is None
    assert documents[3]["ok"] and documents[3]["number"] == "XI/69/2015" and documents[3]["paragraphs"] == 4
    assert [len(r.citations) for r in rows] == [0, 0, 0, 3]


def test_a_file_past_the_time_limit_is_an_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(path: str, *, name: str, encoding: str | None) -> FileRows:
        time.sleep(5)
        raise AssertionError("the timer did not fire")

    monkeypatch.setattr(pool_module, "file_rows", slow)
    started = time.monotonic()
    (rows,) = iter_rows([EXAMPLE], jobs=1, time_limit=0.2)
    assert time.monotonic() - started < 2
    assert rows.documents["error"] == "the parse took longer than the time limit of 0.2 s"


def crashing_batch(batch: Sequence[tuple[str, str]], encoding: str | None, limit: float | None) -> list[FileRows]:
    """A task whose worker dies on a file named crash.txt and hangs out of the timer's reach on hang.txt."""
    for path, _ in batch:
        if path.endswith("crash.txt"):
            os._exit(3)
        if path.endswith("hang.txt"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
    return _run_batch(batch, encoding, limit)


def test_a_file_that_kills_or_hangs_its_worker_is_an_error_row_and_the_run_goes_on(tmp_path: Path) -> None:
    names = ["a.txt", "crash.txt", "b.txt", "hang.txt", *(f"c{i}.txt" for i in range(40))]
    for name in names:
        shutil.copy(EXAMPLE, tmp_path / name)
    paths = [(str(tmp_path / n), n) for n in names]
    pool = _Pool(2, None, 1.0, task=crashing_batch, grace=1.0)
    rows = list(pool.run(iter(paths)))
    assert [r.documents["file"] for r in rows] == names
    errors = {r.documents["file"]: r.documents["error"] for r in rows if r.documents["error"]}
    assert errors == {
        "crash.txt": "the file crashed the worker process that parsed it",
        "hang.txt": "the file hung the worker process that parsed it",
    }
    assert all(r.documents["number"] == "XI/69/2015" for r in rows if r.documents["file"] not in errors)


# ------------------------------------------------------------ the dataset command ---


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus, a file that holds no resolution and a missing one, written in each format."""
    base = tmp_path_factory.mktemp("runs")
    extra = base / "extra"
    extra.mkdir()
    (extra / "zaproszenie.txt").write_text("Zapraszamy na sesję.\n", encoding="utf-8")
    outs = {}
    for fmt in ("parquet", "jsonl", "csv"):
        out = base / fmt
        result = dataset(*DOCUMENTS, extra, extra / "brak.txt", "--out", out, "--format", fmt, "--jobs", "2",
                         "--chunk", "30")
        assert result.returncode == 1, result.stderr  # two files gave no resolution
        assert "84 files (2 gave no resolution)" in result.stderr
        assert "parsing" not in result.stderr  # no progress bar when stderr is not a terminal
        outs[fmt] = out
    return outs


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_every_format_holds_the_same_typed_rows(corpus_runs: dict[str, Path], fmt: str) -> None:
    out = corpus_runs[fmt]
    expected = list(iter_rows([*DOCUMENTS, out.parent / "extra" / "zaproszenie.txt", out.parent / "extra" / "brak.txt"],
                              jobs=1))
    for table in TABLES:
        frame = read_table(out, table)
        assert {c: str(t) for c, t in frame.dtypes.items()} == pandas_dtypes(table)
        assert records(frame) == flat(expected, table), table
    documents = read_table(out, "documents")
    assert len(documents) == len(DOCUMENTS) + 2  # one row per file, always
    assert len(list((out / "documents").iterdir())) == 3  # parts of 30 files
    assert json.loads((out / "manifest.json").read_text())["complete"] is True
    first = next((out / "citations").glob("part-*"))
    if fmt == "jsonl":  # as a JSON reader sees it: integers, booleans and nulls, not strings
        row = next(r for r in map(json.loads, first.open(encoding="utf-8")) if r["year"] is not None)
        assert (type(row["year"]), type(row["amended"]), row["act_issuer"]) == (int, bool, None)
    elif fmt == "csv":
        assert first.open(encoding="utf-8").readline().rstrip("\n").split(",") == list(pandas_dtypes("citations"))


def test_the_parquet_columns_have_the_schema_types(corpus_runs: dict[str, Path]) -> None:
    import pyarrow.parquet as pq

    schema = pq.read_schema(next((corpus_runs["parquet"] / "citations").glob("part-*.parquet")))
    assert {n: str(schema.field(n).type) for n in ("year", "nr", "position", "eli", "amended")} == {
        "year": "int64", "nr": "int64", "position": "int64", "eli": "string", "amended": "bool"}
    assert schema.metadata[b"uchwaly_parser.schema_version"] == b"1"


def test_schema_option_prints_the_row_schemas() -> None:
    result = dataset("--schema")
    printed = json.loads(result.stdout)
    assert printed["version"] == 1 and list(printed["tables"]) == list(TABLES)
    assert printed["tables"]["citations"]["properties"]["position"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]


def test_sources_folders_globs_and_a_list_on_stdin(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "2024").mkdir(parents=True)
    shutil.copy(EXAMPLE, corpus / "a.txt")
    shutil.copy(FIXTURES / "documents" / "bip_units.txt", corpus / "2024" / "b.txt")
    shutil.copy(EXAMPLE, corpus / "2024" / "c.TXT")
    result = dataset(corpus, f"{corpus}/**/b.txt", "-", "--out", tmp_path / "out", "--format", "jsonl",
                     "--jobs", "1", stdin=f"{corpus / '2024' / 'c.TXT'}\n")
    assert result.returncode == 0, result.stderr
    assert "parsing" not in result.stderr
    files = [json.loads(line)["file"] for line in (tmp_path / "out" / "documents" / "part-00000.jsonl").open()]
    assert files == [str(corpus / "2024" / "b.txt"), str(corpus / "a.txt"), str(corpus / "2024" / "c.TXT")]
    shown = dataset(corpus, "--out", tmp_path / "shown", "--format", "jsonl", "--progress")
    assert "parsing" in shown.stderr and "2/2" in shown.stderr and "0 failed" in shown.stderr
    again = dataset(corpus, "--out", tmp_path / "out", "--format", "jsonl")
    assert again.returncode == 2 and "is not empty: use --resume" in again.stderr
    nothing = dataset(f"{corpus}/*.pdf", "--out", tmp_path / "other", "--format", "jsonl")
    assert nothing.returncode == 2 and "the pattern matches no file" in nothing.stderr
    closed = subprocess.run(f"{sys.executable} -m uchwaly_parser dataset - --out {tmp_path / 'x'} --format csv <&-",
                            shell=True, capture_output=True, text=True, cwd=ROOT)
    assert closed.returncode == 2 and "standard input, which is closed" in closed.stderr


def test_parquet_without_pyarrow_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an environment without the extra gives
    assert dataset_main([str(EXAMPLE), "--out", str(tmp_path / "out")]) == 2
    assert ("error: Parquet output needs pyarrow: pip install 'uchwaly-parser[parquet]' "
            "(or use --format jsonl or csv)\n") in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the run did not get there in time"
        time.sleep(0.005)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_killed_mid_run_then_resumed_holds_each_file_once(tmp_path: Path, stop: signal.Signals) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):  # 328 files: enough that the run is stopped well before its end
        for path in DOCUMENTS:
            shutil.copy(path, corpus / f"{i}_{path.name}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "uchwaly_parser", "dataset", str(corpus), "--out", str(out),
               "--format", "jsonl", "--jobs", "2", "--chunk", "8"]
    # Ctrl-C as at a terminal: a suite started in the background by a non-interactive shell runs with
    # SIGINT ignored, and a child inherits that (Python then installs no KeyboardInterrupt handler)
    running = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for(lambda: len(list((out / "documents").glob("part-*"))) >= 3)
    os.killpg(running.pid, stop)  # the whole group: Ctrl-C reaches the workers too, and kill -9 ends them all
    _, stderr = running.communicate(timeout=60)
    if stop == signal.SIGINT:
        assert running.returncode == 130
        assert "files done and kept in" in stderr and "--resume" in stderr and "Traceback" not in stderr
    else:
        assert running.returncode == -signal.SIGKILL
    assert json.loads((out / "manifest.json").read_text())["complete"] is False
    cut = sum(1 for p in (out / "documents").glob("part-*") for _ in p.open())
    assert 8 <= cut < 300
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    whole = tmp_path / "whole"
    subprocess.run([*command[:6], str(whole), *command[7:]], cwd=ROOT, check=True, capture_output=True)
    for table in TABLES:
        assert records(read_table(out, table)) == records(read_table(whole, table)), table
    files = list(read_table(out, "documents")["file"])
    assert len(files) == len(set(files)) == 4 * len(DOCUMENTS)
    assert not [p for t in TABLES for p in (out / t).iterdir() if p.name.startswith(".")]


def dying_batch(batch: Sequence[tuple[str, str]], encoding: str | None, limit: float | None) -> list[FileRows]:
    os._exit(3)


def test_workers_that_cannot_live_stop_the_run_with_a_clear_error(tmp_path: Path) -> None:
    paths = [(str(EXAMPLE), f"{i}.txt") for i in range(40)]
    with pytest.raises(RuntimeError, match="the worker processes die before they parse anything"):
        list(_Pool(2, None, 1.0, task=dying_batch, grace=1.0).run(iter(paths)))
