"""``python -m uchwaly_parser dataset SOURCE... --out DIR``: a corpus to four tables, in parallel, resumable.

The run goes in parts of ``--chunk`` files, in input order: each part of every table is written to
a temporary and renamed when whole, the documents part last, so a documents part on disk means
its files are done. ``--resume`` reads which files the documents parts hold, removes the pieces of
a part that was cut short, and goes on with the rest.
"""

from __future__ import annotations

import argparse
import codecs
import glob
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from uchwaly_parser.dataset.pool import TIME_LIMIT, display_name, iter_rows
from uchwaly_parser.dataset.rows import SCHEMA_VERSION, TABLES, FileRows, schema
from uchwaly_parser.dataset.writers import (
    FORMATS,
    SUFFIXES,
    MissingExtra,
    PartWriter,
    read_files,
    require_pyarrow,
)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

MANIFEST = "manifest.json"
# Files a part holds: what an interrupted run can lose, and what the parent holds in memory at most.
CHUNK = 500


class UsageError(Exception):
    """The command line asks for something that cannot be done; nothing was written."""


def _arguments() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser dataset",
        description="Parse a corpus into four tables (documents, citations, acts, diagnostics), "
                    "one folder of parts each, in parallel.",
    )
    cli.add_argument("sources", nargs="*", metavar="SOURCE",
                     help="a file, a folder (searched recursively, see --glob), a glob pattern, "
                          "or - for a list of paths on standard input")
    cli.add_argument("--out", type=Path, help="the output folder")
    cli.add_argument("--format", choices=FORMATS, default="parquet",
                     help="parquet (default; needs the [parquet] extra), jsonl or csv")
    cli.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: the cores)")
    cli.add_argument("--resume", action="store_true", help="go on with an interrupted run in --out")
    cli.add_argument("--glob", default="*.txt", help="which files of a folder to read (default: *.txt)")
    cli.add_argument("--encoding", help="read the files in this encoding instead of detecting it")
    cli.add_argument("--time-limit", type=float, default=TIME_LIMIT,
                     help=f"seconds one file may take before it becomes an error row (default {TIME_LIMIT:g})")
    cli.add_argument("--chunk", type=int, default=CHUNK, help=f"files a part of each table holds (default {CHUNK})")
    shown = cli.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true", help="no progress bar and no closing summary")
    shown.add_argument("--progress", action="store_true", help="a progress bar even when stderr is not a terminal")
    cli.add_argument("--schema", action="store_true", help="print the tables' JSON Schema and exit")
    return cli


def dataset_main(argv: Sequence[str]) -> int:
    """Run the dataset command; returns the exit code (0 every file parsed, 1 some did not, 2 usage, 130 Ctrl-C)."""
    cli = _arguments()
    args = cli.parse_args(argv)
    if args.schema:
        if sys.stdout is None:  # the command line's main() reports it as an output that cannot be written
            raise OSError("standard output is closed")
        sys.stdout.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    try:
        _check(args)
        paths = sources(args.sources, args.glob)
        done, next_part = _prepare(args.out, args.format, args.resume)
    except (UsageError, MissingExtra) as error:
        cli.print_usage(sys.stderr)
        sys.stderr.write(f"error: {error}\n")
        return EXIT_USAGE
    todo = [p for p in paths if display_name(p) not in done]
    run = _Run(args, len(done), next_part)
    try:
        run.write(todo)
    except KeyboardInterrupt:
        sys.stderr.write(f"\ninterrupted: {run.files_done} files done and kept in {args.out}; "
                         "run the same command with --resume to go on\n")
        return EXIT_INTERRUPTED
    if not args.quiet:
        tables = ", ".join(f"{name} {count:,}" for name, count in run.rows.items())
        sys.stderr.write(f"{run.files_done:,} files ({run.failed:,} gave no resolution) in {args.out}: "
                         f"rows written now: {tables}\n")
    return EXIT_SOME_FAILED if run.failed else EXIT_OK


def _check(args: argparse.Namespace) -> None:
    if args.out is None:
        raise UsageError("--out DIR is required")
    if not args.sources:
        raise UsageError("give at least one SOURCE (a file, a folder, a glob, or - for a list of paths)")
    if args.jobs < 1 or args.chunk < 1:
        raise UsageError("--jobs and --chunk take a number of at least 1")
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"--encoding: unknown encoding {args.encoding!r}") from None
    if args.format == "parquet":
        require_pyarrow()


def sources(given: Sequence[str], pattern: str = "*.txt") -> list[str]:
    """The files SOURCEs name, in order, each once: folders searched for ``pattern``, globs expanded
    (each sorted), ``-`` read as a list of paths, and anything else kept as a file (a missing one
    becomes an error row, not a silent gap)."""
    found: dict[str, None] = {}
    for source in given:
        if source == "-":
            if sys.stdin is None:
                raise UsageError("- reads the list of paths from standard input, which is closed")
            found.update(dict.fromkeys(line.rstrip("\r\n") for line in sys.stdin if line.strip()))
        elif os.path.isdir(source):
            found.update(dict.fromkeys(sorted(str(p) for p in Path(source).rglob(pattern) if p.is_file())))
        elif not os.path.exists(source) and glob.has_magic(source):
            matches = sorted(p for p in glob.glob(source, recursive=True) if os.path.isfile(p))
            if not matches:
                raise UsageError(f"{display_name(source)}: the pattern matches no file")
            found.update(dict.fromkeys(matches))
        else:
            found[source] = None
    return list(found)


def _prepare(out: Path, fmt: str, resume: bool) -> tuple[set[str], int]:
    """Make ``out`` ready; returns the files already done and the number of the next part."""
    manifest = out / MANIFEST
    if not resume:
        if out.exists() and any(out.iterdir()):
            raise UsageError(f"{out} is not empty: use --resume to go on with the run there, or another --out")
        out.mkdir(parents=True, exist_ok=True)
        _write_manifest(out, fmt, complete=False)
        return set(), 0
    if not manifest.exists():
        raise UsageError(f"{out} holds no dataset to resume ({MANIFEST} is missing)")
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    if recorded.get("format") != fmt or recorded.get("schema_version") != SCHEMA_VERSION:
        raise UsageError(f"{out} holds a {recorded.get('format')} dataset of schema version "
                         f"{recorded.get('schema_version')}: resume it with --format {recorded.get('format')} "
                         "and the same version of uchwaly_parser")
    documents = sorted((out / "documents").glob(f"part-*{SUFFIXES[fmt]}"))
    whole = {p.name for p in documents}
    for table in TABLES:
        for path in (out / table).glob("*"):
            # Temporaries of a part cut short, and the parts of tables whose documents part was never written.
            if path.name.startswith(".") or path.name not in whole:
                path.unlink()
    done = {file for part in documents for file in read_files(part, fmt)}
    next_part = 1 + max((int(p.name[5:10]) for p in documents), default=-1)
    _write_manifest(out, fmt, complete=False)
    return done, next_part


def _write_manifest(out: Path, fmt: str, *, complete: bool, files: int | None = None) -> None:
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION, "format": fmt, "tables": list(TABLES), "complete": complete,
    }
    if files is not None:
        record["files"] = files
    temporary = out / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    temporary.replace(out / MANIFEST)


class _Run:
    def __init__(self, args: argparse.Namespace, done: int, next_part: int) -> None:
        self.args = args
        self.files_done = done
        self.next_part = next_part
        self.failed = 0
        self.rows = dict.fromkeys(TABLES, 0)

    def write(self, paths: list[str]) -> None:
        args = self.args
        for table in TABLES:
            (args.out / table).mkdir(exist_ok=True)
        results = iter_rows(paths, jobs=args.jobs, encoding=args.encoding, time_limit=args.time_limit)
        show = args.progress or (not args.quiet and sys.stderr is not None and sys.stderr.isatty())
        with _progress(paths, show) as advance:
            chunk: list[FileRows] = []
            for result in results:
                chunk.append(result)
                self.failed += result.documents["error"] is not None
                advance(result.documents["size"] or 0, self.failed)
                if len(chunk) == args.chunk:
                    self._commit(chunk)
                    chunk = []
            if chunk:
                self._commit(chunk)
        _write_manifest(args.out, args.format, complete=True, files=self.files_done)

    def _commit(self, chunk: list[FileRows]) -> None:
        """Write one part of every table, the documents part last: its presence marks the files done."""
        writers = {t: PartWriter(self.args.out / t, t, self.next_part, self.args.format) for t in TABLES}
        try:
            for table, writer in writers.items():
                rows = [r.documents for r in chunk] if table == "documents" else [
                    row for r in chunk for row in getattr(r, table)
                ]
                writer.write(rows)
                self.rows[table] += len(rows)
            for table in (*(t for t in TABLES if t != "documents"), "documents"):
                writers[table].commit()
        except BaseException:
            for writer in writers.values():
                writer.discard()
            raise
        self.next_part += 1
        self.files_done += len(chunk)


class _progress:
    """A rich progress bar on stderr (files, MB, files/s, ETA, failures), or nothing."""

    def __init__(self, paths: list[str], show: bool) -> None:
        self.show = show
        self.paths = paths

    def __enter__(self) -> Any:
        if not self.show:
            return lambda size, failed: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        total = sum(_size(p) for p in self.paths) / 1e6
        self.bar = Progress(
            TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[mb]:.1f}/" f"{total:.1f} MB"),
            TextColumn("{task.fields[rate]} files/s"), TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            console=Console(file=sys.stderr, force_terminal=True), transient=False,
        )
        task = self.bar.add_task("parsing", total=len(self.paths), mb=0.0, rate="–", failed=0)
        self.bar.start()
        megabytes = 0.0

        def advance(size: int, failed: int) -> None:
            nonlocal megabytes
            megabytes += size / 1e6
            speed = self.bar.tasks[0].speed
            self.bar.update(task, advance=1, mb=megabytes, failed=failed,
                            rate=f"{speed:.0f}" if speed else "–")

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.show:
            self.bar.stop()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0

