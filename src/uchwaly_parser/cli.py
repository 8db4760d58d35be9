"""The command line: ``python -m uchwaly_parser FILE...``, ``… citations FILE...`` and ``… dataset SOURCE...``.

Exit codes: 0 every file parsed, 1 some file could not be parsed or read (or the output could not
be written), 2 the command was wrong, 141 the reader of the output went away (as a program killed
by SIGPIPE would say; nothing is printed).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import importlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TextIO

from uchwaly_parser import __version__
from uchwaly_parser.decode import MixedEncodingWarning, NotTextError, decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.base import Node
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import MAX_SIZE, parse, parse_all
from uchwaly_parser.query import Document, normalize_path
from uchwaly_parser.summary import summary

EXIT_OK = 0
EXIT_PARSE_FAILED = 1
EXIT_OUTPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE

SUBCOMMANDS = """commands:
  FILE...                        parse resolutions and print them (this help)
  citations FILE...              the legal citations of any texts, one row each (citations --help)
  dataset SOURCE... --out DIR    a corpus to Parquet/JSON Lines/CSV tables, in parallel (dataset --help)
"""


def _encoding(name: str) -> str:
    """An ``--encoding`` value, checked: an unknown name is a usage error before any file is read."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r}") from None
    return name

FORMATS = ("tree", "json", "summary", "text", "canonical", "markdown", "akn")


def _arguments() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser",
        description="Parse Polish local-government resolutions (uchwały) into a typed tree.",
        epilog=SUBCOMMANDS, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("files", nargs="*", metavar="FILE", help="resolution text files; '-' reads standard input")
    cli.add_argument("--format", choices=FORMATS, default="tree",
                     help="tree (default): a drawn tree; json: the full tree; summary: one JSON line per "
                          "resolution; text: the input as it was (lossless); canonical: rewritten in the "
                          "drafting rules' form; markdown; akn: Akoma Ntoso 3.0 XML")
    cli.add_argument("--path", help='print only this unit, e.g. "§ 3 ust. 2" or "zał. 1 § 2"')
    cli.add_argument("--all", action="store_true", help="a file may hold several resolutions: print each")
    cli.add_argument("--strict", action="store_true", help="fail on the first thing the parser had to guess")
    cli.add_argument("--encoding", type=_encoding, help="read the files in this encoding instead of detecting it")
    cli.add_argument("--schema", action="store_true", help="print the JSON Schema of the tree and exit")
    cli.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return cli


def _read(path: str, encoding: str | None) -> tuple[str, str]:
    """The text of a file (``-``: standard input) and the encoding it was read in.

    At most the parser's size limit is read, and one byte more to tell a larger file: /dev/zero or a
    huge file is refused without being read whole (a character takes a byte at least).
    """
    if path == "-":
        if sys.stdin is None:
            raise OSError("standard input is closed")
        data = sys.stdin.buffer.read(MAX_SIZE + 1)
    else:
        with open(path, "rb") as stream:
            data = stream.read(MAX_SIZE + 1)
    if len(data) > MAX_SIZE:
        raise NotTextError(f"the file is larger than the limit of {MAX_SIZE:,} bytes")
    with warnings.catch_warnings(record=True) as caught:  # a mixed encoding: say which lines
        warnings.simplefilter("always", MixedEncodingWarning)
        decoded = decode(data, encoding)
    for warning in caught:
        sys.stderr.write(f"{_name(path)}: warning: {warning.message}\n")
    return decoded


def _name(path: str) -> str:
    """How messages and records call a file: ``<stdin>``, or its path with undecodable bytes as ``\\xNN``."""
    return "<stdin>" if path == "-" else os.fsencode(path).decode("utf-8", "backslashreplace")


def _cannot_read(name: str, error: Exception) -> str:
    """The one wording of a file that cannot be read, in every command."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"{name}: cannot read the file: {reason}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code.

    A closed or full output ends in one line on stderr, a reader that went away in silence.
    """
    if sys.stderr is None:  # started with stderr closed: messages go nowhere rather than fail
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    try:
        code = _main(list(sys.argv[1:] if argv is None else argv))
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except _ClosedOutput:
        sys.stderr.write("error: cannot write the output: standard output is closed\n")
        return EXIT_OUTPUT_FAILED
    except OSError as error:  # reading errors are handled per file: this is the output failing
        _drop_stdout()
        sys.stderr.write(f"error: cannot write the output: {error.strerror or error}\n")
        return EXIT_OUTPUT_FAILED


class _ClosedOutput(Exception):
    """Standard output was closed when the program started."""


def _stdout() -> TextIO:
    if sys.stdout is None:
        raise _ClosedOutput
    return sys.stdout


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is still
    buffered cannot fail again on the way out."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _main(argv: list[str]) -> int:
    if argv[:1] == ["citations"]:
        return citations_main(argv[1:])
    if argv[:1] == ["dataset"]:
        from uchwaly_parser.dataset.command import dataset_main

        return dataset_main(argv[1:])
    args = _arguments().parse_args(argv)
    if args.schema:
        _stdout().write(json.dumps(Resolution.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not args.files:
        _arguments().print_usage(sys.stderr)
        sys.stderr.write("error: give at least one FILE (or - for standard input)\n")
        return EXIT_USAGE
    if args.path:
        try:
            normalize_path(args.path)
        except ValueError as error:
            sys.stderr.write(f"error: --path: {error}\n")
            return EXIT_USAGE
    out = _stdout()
    # JSON of several resolutions is one array, never documents back to back.
    array = _JsonArray(out) if args.format == "json" and (len(args.files) > 1 or args.all) else None
    failed = False
    for path in args.files:
        name = _name(path)
        try:
            text, encoding = _read(path, args.encoding)
            resolutions = parse_all(text, name=name, strict=args.strict) if args.all else (
                parse(text, name=name, strict=args.strict),
            )
        except ParseError as error:
            failed = True
            _report(out, args.format, name, error.reason, error.line, error.column, str(error))
            continue
        except (OSError, NotTextError) as error:
            failed = True
            message = _cannot_read(name, error)
            _report(out, args.format, name, message.removeprefix(f"{name}: "), None, None, message)
            continue
        for resolution in resolutions:
            document = Document(resolution, text)
            node = document.find(args.path) if args.path else None
            if args.path and node is None:
                failed = True
                _report(out, args.format, name, f"no unit {args.path!r} in this resolution", None, None,
                        f"{name}: no unit {args.path!r} in this resolution")
                continue
            if array is not None:
                array.add((node or resolution).model_dump_json(indent=2))
            elif args.format == "text":
                _write_text(out, document, encoding, node)
            else:
                _write(out, args.format, document, name, node)
    if array is not None:
        array.close()
    return EXIT_PARSE_FAILED if failed else EXIT_OK


class _JsonArray:
    """Items written as they come, as one JSON array."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def add(self, item: str) -> None:
        self.out.write(("[\n" if not self.count else ",\n") + item)
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")


def _write_text(out: TextIO, document: Document, encoding: str, node: Node | None) -> None:
    """The input back byte for byte: the lossless text in the file's own encoding, nothing added."""
    from uchwaly_parser.render.text import render_lossless

    rendered = render_lossless(document, node=node)
    out.flush()
    out.buffer.write(rendered.encode(encoding))
    out.buffer.flush()


def _write(out: TextIO, fmt: str, document: Document, name: str, node: Node | None) -> None:
    resolution = document.resolution
    if fmt == "summary":
        # The scorer's record, then the diagnostic codes: a pipeline tells a clean parse from a guessed one.
        record = {**summary(document, name), "diagnostics": [d.code for d in resolution.diagnostics]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write((node or resolution).model_dump_json(indent=2) + "\n")
    elif fmt in RENDERERS:
        module, function = RENDERERS[fmt]
        render: Callable[..., str] = getattr(importlib.import_module(module), function)
        out.write(render(document, node=node).rstrip("\n") + "\n")
    else:
        from rich.console import Console

        from uchwaly_parser.render.tree import node_tree, resolution_tree

        tree = node_tree(node, document.path(node)) if node else resolution_tree(resolution, name)
        Console(file=out, soft_wrap=False).print(tree)
        for diagnostic in resolution.diagnostics:
            span = diagnostic.span
            sys.stderr.write(f"{name}:{span.line}:{span.column}: {diagnostic.severity}: "
                             f"{diagnostic.code}: {diagnostic.message}\n")
    out.flush()


# Renderers are imported when asked for, so that a summary run starts fast.
RENDERERS = {
    "text": ("uchwaly_parser.render.text", "render_lossless"),
    "canonical": ("uchwaly_parser.render.text", "render_canonical"),
    "markdown": ("uchwaly_parser.render.markdown", "render_markdown"),
    "akn": ("uchwaly_parser.render.akn", "render_akn"),
}


def _report(out: TextIO, fmt: str, name: str, reason: str, line: int | None, column: int | None, text: str) -> None:
    if fmt == "summary":
        record = {"file": name, "error": {"message": reason, "line": line, "column": column}}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stderr.write(f"error: {text}\n")


# ---------------------------------------------------------------- citations ---

def citations_main(argv: Sequence[str]) -> int:
    """``citations FILE...``: one row per journal reference (or per cited act without one), written as
    each file is read; the columns are the dataset's citations table."""
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser citations",
        description="List the legal citations in any Polish legal text: acts, provisions, journal references. "
                    "The columns are those of the dataset command's citations table.",
    )
    cli.add_argument("files", nargs="+", metavar="FILE", help="text files; '-' reads standard input")
    cli.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    cli.add_argument("--encoding", type=_encoding, help="read the files in this encoding instead of detecting it")
    args = cli.parse_args(argv)
    from uchwaly_parser.dataset.rows import columns
    from uchwaly_parser.dataset.writers import csv_cell

    out = _stdout()
    table: list[dict[str, object]] = []
    writer = csv.writer(out, lineterminator="\n") if args.format == "csv" else None
    if writer is not None:
        writer.writerow(columns("citations"))
    failed = False
    for path in args.files:
        name = _name(path)
        try:
            text = _read(path, args.encoding)[0]
        except (OSError, NotTextError) as error:
            sys.stderr.write(f"error: {_cannot_read(name, error)}\n")
            failed = True
            continue
        rows = _citations_of(text, name)
        if writer is not None:
            writer.writerows([csv_cell(v) for v in row.values()] for row in rows)
        elif args.format == "jsonl":
            out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            table += rows
        out.flush()
    if args.format == "table":
        _citation_table(out, table)
    return EXIT_PARSE_FAILED if failed else EXIT_OK


def _citations_of(text: str, name: str) -> list[dict[str, object]]:
    """The citation rows of a text: of the resolution in it, or, when it holds none, of the text as it is."""
    from uchwaly_parser.citations import extract_citations
    from uchwaly_parser.dataset.rows import citation_rows, resolution_rows

    try:
        resolution = parse(text, name=name)
    except ParseError:
        return citation_rows({"file": name, "number": None, "date": None}, extract_citations(text))
    return resolution_rows(resolution, name).citations


def _citation_table(out: TextIO, rows: list[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    shown = ("file", "line", "act_kind", "act_title", "provisions", "journal", "year", "nr", "position", "eli")
    table = Table(*shown)
    for row in rows:
        table.add_row(*("" if row[k] is None else str(row[k]) for k in shown))
    Console(file=out).print(table)
