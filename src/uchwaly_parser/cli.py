"""The command line: ``python -m uchwaly_parser FILE...``.

Exit codes: 0 every file parsed, 1 some file could not be parsed or read, 2 the command was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from uchwaly_parser.decode import decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse
from uchwaly_parser.summary import summary

EXIT_OK = 0
EXIT_PARSE_FAILED = 1
EXIT_USAGE = 2

FORMATS = ("tree", "json", "summary")


def _arguments() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser",
        description="Parse Polish local-government resolutions (uchwały) into a typed tree.",
    )
    cli.add_argument("files", nargs="*", metavar="FILE", help="resolution text files; '-' reads standard input")
    cli.add_argument("--format", choices=FORMATS, default="tree",
                     help="tree (default): a drawn tree; json: the full tree; summary: one JSON line per file")
    cli.add_argument("--encoding", help="read the files in this encoding instead of detecting it")
    cli.add_argument("--schema", action="store_true", help="print the JSON Schema of the tree and exit")
    return cli


def _read(path: str, encoding: str | None) -> str:
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    return decode(data, encoding)[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    args = _arguments().parse_args(argv)
    out = sys.stdout
    if args.schema:
        out.write(json.dumps(Resolution.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not args.files:
        _arguments().print_usage(sys.stderr)
        sys.stderr.write("error: give at least one FILE (or - for standard input)\n")
        return EXIT_USAGE
    failed = False
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            resolution = parse(_read(path, args.encoding), name=name)
        except ParseError as error:
            failed = True
            _report(out, args.format, name, error.reason, error.line, error.column, str(error))
            continue
        except (OSError, UnicodeDecodeError, LookupError) as error:
            failed = True
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            _report(out, args.format, name, f"cannot read the file: {reason}", None, None, f"{name}: {reason}")
            continue
        _write(out, args.format, resolution, name)
    return EXIT_PARSE_FAILED if failed else EXIT_OK


def _write(out: TextIO, fmt: str, resolution: Resolution, name: str) -> None:
    if fmt == "summary":
        out.write(json.dumps(summary(resolution, name), ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write(resolution.model_dump_json(indent=2) + "\n")
    else:
        from rich.console import Console

        from uchwaly_parser.render.tree import resolution_tree

        Console(file=out, soft_wrap=False).print(resolution_tree(resolution, name))
    out.flush()


def _report(out: TextIO, fmt: str, name: str, reason: str, line: int | None, column: int | None, text: str) -> None:
    if fmt == "summary":
        record = {"file": name, "error": {"message": reason, "line": line, "column": column}}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stderr.write(f"error: {text}\n")
