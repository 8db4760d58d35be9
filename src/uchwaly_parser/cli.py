"""The command line: ``python -m uchwaly_parser FILE...`` and ``python -m uchwaly_parser citations FILE...``.

Exit codes: 0 every file parsed, 1 some file could not be parsed or read, 2 the command was wrong.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from uchwaly_parser.citations import Citation, Publication, extract_citations
from uchwaly_parser.decode import NotTextError, decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.base import Node
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse, parse_all
from uchwaly_parser.query import Document, normalize_path
from uchwaly_parser.summary import summary

EXIT_OK = 0
EXIT_PARSE_FAILED = 1
EXIT_USAGE = 2

FORMATS = ("tree", "json", "summary", "text", "canonical", "markdown", "akn")


def _arguments() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser",
        description="Parse Polish local-government resolutions (uchwały) into a typed tree.",
    )
    cli.add_argument("files", nargs="*", metavar="FILE", help="resolution text files; '-' reads standard input")
    cli.add_argument("--format", choices=FORMATS, default="tree",
                     help="tree (default): a drawn tree; json: the full tree; summary: one JSON line per "
                          "resolution; text: the input as it was (lossless); canonical: rewritten in the "
                          "drafting rules' form; markdown; akn: Akoma Ntoso 3.0 XML")
    cli.add_argument("--path", help='print only this unit, e.g. "§ 3 ust. 2" or "zał. 1 § 2"')
    cli.add_argument("--all", action="store_true", help="a file may hold several resolutions: print each")
    cli.add_argument("--strict", action="store_true", help="fail on the first thing the parser had to guess")
    cli.add_argument("--encoding", help="read the files in this encoding instead of detecting it")
    cli.add_argument("--schema", action="store_true", help="print the JSON Schema of the tree and exit")
    return cli


def _read(path: str, encoding: str | None) -> str:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return decode(data, encoding)[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["citations"]:
        return citations_main(argv[1:])
    args = _arguments().parse_args(argv)
    out = sys.stdout
    if args.schema:
        out.write(json.dumps(Resolution.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
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
    failed = False
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            text = _read(path, args.encoding)
            resolutions = parse_all(text, name=name, strict=args.strict) if args.all else (
                parse(text, name=name, strict=args.strict),
            )
        except ParseError as error:
            failed = True
            _report(out, args.format, name, error.reason, error.line, error.column, str(error))
            continue
        except (OSError, NotTextError, LookupError) as error:
            failed = True
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            _report(out, args.format, name, f"cannot read the file: {reason}", None, None, f"{name}: {reason}")
            continue
        for resolution in resolutions:
            document = Document(resolution, text)
            node = document.find(args.path) if args.path else None
            if args.path and node is None:
                failed = True
                _report(out, args.format, name, f"no unit {args.path!r} in this resolution", None, None,
                        f"{name}: no unit {args.path!r} in this resolution")
                continue
            _write(out, args.format, document, name, node)
    return EXIT_PARSE_FAILED if failed else EXIT_OK


def _write(out: TextIO, fmt: str, document: Document, name: str, node: Node | None) -> None:
    resolution = document.resolution
    if fmt == "summary":
        out.write(json.dumps(summary(document, name), ensure_ascii=False) + "\n")
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

CITATION_COLUMNS = (
    "file", "act", "provisions", "journal", "year", "nr", "position", "eli", "isap_id",
    "start", "end", "line", "column",
)


def citations_main(argv: Sequence[str]) -> int:
    """``citations FILE...``: one row per journal reference (or per cited act without one)."""
    cli = argparse.ArgumentParser(
        prog="python -m uchwaly_parser citations",
        description="List the legal citations in any Polish legal text: acts, provisions, journal references.",
    )
    cli.add_argument("files", nargs="+", metavar="FILE", help="text files; '-' reads standard input")
    cli.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    cli.add_argument("--encoding", help="read the files in this encoding instead of detecting it")
    args = cli.parse_args(argv)
    rows: list[dict[str, object]] = []
    failed = False
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            text = _read(path, args.encoding)
        except (OSError, NotTextError, LookupError) as error:
            sys.stderr.write(f"error: {name}: cannot read the file: {error}\n")
            failed = True
            continue
        rows += [_citation_row(name, c, p) for c in extract_citations(text) for p in (c.publications or (None,))]
    if args.format == "jsonl":
        sys.stdout.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CITATION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _citation_table(rows)
    return EXIT_PARSE_FAILED if failed else EXIT_OK


def _citation_row(file: str, citation: Citation, publication: Publication | None) -> dict[str, object]:
    act = citation.act
    span = publication.span if publication else citation.span
    return {
        "file": file,
        "act": " ".join(str(x) for x in (act.kind, act.date or "", act.title or "") if x).strip() if act else None,
        "provisions": "; ".join(p.text for p in citation.provisions),
        "journal": publication.journal if publication else None,
        "year": publication.year if publication else None,
        "nr": publication.nr if publication else None,
        "position": publication.position if publication else None,
        "eli": publication.eli if publication else None,
        "isap_id": publication.isap_id if publication else None,
        "start": span.start, "end": span.end, "line": span.line, "column": span.column,
    }


def _citation_table(rows: list[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("file", "line", "act", "provisions", "journal", "year", "nr", "poz.", "ELI")
    for row in rows:
        table.add_row(*(str(row[k]) if row[k] is not None else "" for k in
                        ("file", "line", "act", "provisions", "journal", "year", "nr", "position", "eli")))
    Console().print(table)
