"""The dataset's four tables: their row models (the documented, versioned schema) and the rows of one file.

The models are the schema: their JSON Schema is printed by ``dataset --schema`` and every writer
(Parquet, JSON Lines, CSV, Dask) takes its column types from them. Rows themselves are plain dicts
in the models' column order, built straight from the tree: cheap to pickle between processes, and
validated against the models by the tests.

Dates are ISO 8601 strings (``2015-10-29``) in every format; integers stay integers (nullable).
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Collection
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from uchwaly_parser.errors import ParseError
from uchwaly_parser.files import decode_bytes
from uchwaly_parser.models.citations import Citation, Publication
from uchwaly_parser.models.document import Resolution
from uchwaly_parser.parser import parse

# Raised when a column is added, removed, renamed or retyped.
SCHEMA_VERSION = 1

Row = dict[str, Any]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentRow(_Row):
    """One row per input file, always: files that failed or hold no resolution too (``error`` says why)."""

    file: str = Field(description="the path as given (bytes a file name cannot decode shown as \\xNN)")
    size: int | None = Field(description="bytes; null when the file could not be read")
    sha256: str | None = Field(description="hex digest of the file's bytes")
    encoding: str | None = Field(description="the encoding the text was read in")
    ok: bool = Field(description="parsed, and no diagnostic of severity 'error'")
    error: str | None = Field(description="why the file gave no resolution (unreadable, not a resolution, time limit)")
    error_line: int | None
    error_column: int | None
    number: str | None = Field(description="the resolution's number, normalised; null for a placeholder")
    body: str | None = Field(description="the issuing body as printed in the header (genitive)")
    tier: str | None = Field(description="gmina, miasto, powiat or województwo")
    date: str | None = Field(description="the resolution's date, ISO 8601")
    subject: str | None
    projekt: bool | None = Field(description="the text is a draft")
    enacting_body: str | None = Field(description="the body in the enacting clause (nominative)")
    paragraphs: int | None = Field(description="the number of § units of the body")
    signature_role: str | None
    signature_name: str | None
    has_justification: bool | None
    citations: int | None = Field(description="rows of this file in the citations table")
    diagnostics_error: int | None
    diagnostics_warning: int | None
    diagnostics_info: int | None


class CitationRow(_Row):
    """One row per journal reference (an act cited with no reference gives one row with the journal null)."""

    file: str
    number: str | None = Field(description="the resolution's number (key columns from the documents table)")
    date: str | None = Field(description="the resolution's date, ISO 8601")
    in_legal_basis: bool = Field(description="the citation is one of the legal basis's acts")
    act_kind: str | None = Field(description="ustawa, rozporządzenie, uchwała, kodeks, konstytucja or other")
    act_date: str | None = Field(description="ISO 8601")
    act_title: str | None
    act_issuer: str | None
    provisions: str | None = Field(description="the cited provisions as written, joined by '; '")
    journal: str | None = Field(description="'Dz. U.', 'M.P.' or a voivodeship journal")
    year: int | None
    nr: int | None
    position: int | None
    eli: str | None = Field(description="e.g. DU/2015/1515")
    eli_url: str | None
    isap_id: str | None = Field(description="e.g. WDU20150001515")
    isap_url: str | None
    consolidated: bool = Field(description="'t.j.' / 'tekst jednolity'")
    amended: bool = Field(description="'z późn. zm.' / 'ze zm.'")
    start: int = Field(description="offset of the reference (or of the citation) in the text, in characters")
    end: int
    line: int
    column: int


class ActRow(_Row):
    """One row per act of a legal basis, in order: "which statutes does this corpus rest on" is one group-by."""

    file: str
    number: str | None
    date: str | None
    index: int = Field(description="0-based place of the act in its legal basis")
    act_kind: str | None
    act_date: str | None
    act_title: str | None
    act_issuer: str | None
    provisions: str | None = Field(description="joined by '; '")
    eli: str | None = Field(description="the ELI of the act's first journal reference")
    publications: int = Field(description="how many journal references the act is given")
    consolidated: bool
    amended: bool
    start: int
    end: int
    line: int
    column: int


class DiagnosticRow(_Row):
    """One row per diagnostic: what the parser guessed or skipped, where."""

    file: str
    number: str | None
    date: str | None
    code: str
    severity: str = Field(description="error, warning or info")
    message: str
    start: int
    end: int
    line: int
    column: int


TABLES: dict[str, type[_Row]] = {
    "documents": DocumentRow,
    "citations": CitationRow,
    "acts": ActRow,
    "diagnostics": DiagnosticRow,
}


class FileRows(NamedTuple):
    """The rows one input file gives to each table."""

    documents: Row
    citations: list[Row]
    acts: list[Row]
    diagnostics: list[Row]


def columns(table: str) -> tuple[str, ...]:
    """The column names of a table, in order."""
    return tuple(TABLES[table].model_fields)


def column_types(table: str) -> dict[str, str]:
    """Each column's type: ``"string"``, ``"int"`` or ``"bool"`` (every column may be null)."""
    kinds = {str: "string", int: "int", bool: "bool"}
    found: dict[str, str] = {}
    for name, field in TABLES[table].model_fields.items():
        annotation = field.annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        found[name] = kinds[annotation]  # type: ignore[index]
    return found


def schema() -> dict[str, Any]:
    """The JSON Schema of every table's row, with the schema version."""
    return {
        "version": SCHEMA_VERSION,
        "tables": {name: model.model_json_schema() for name, model in TABLES.items()},
    }


# ---------------------------------------------------------------- rows of one file ---


def file_rows(path: str, *, name: str | None = None, encoding: str | None = None) -> FileRows:
    """The rows of the file at ``path`` (``name`` is what the ``file`` column says; default ``path``).

    Never raises for a bad file: an unreadable file, one that is not text or holds no resolution
    gives a documents row with ``error`` set and no other rows.
    """
    name = path if name is None else name
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        return error_rows(name, f"cannot read the file: {error.strerror or error}")
    return bytes_rows(data, name=name, encoding=encoding)


def bytes_rows(data: bytes, *, name: str, encoding: str | None = None) -> FileRows:
    """The rows of one file's bytes (see ``file_rows``)."""
    facts: Row = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "encoding": None}
    try:
        text, facts["encoding"] = decode_bytes(data, encoding=encoding, name=name)
        resolution = parse(text, name=name)
    except ParseError as error:
        return error_rows(name, error.reason, line=error.line, column=error.column, **facts)
    except Exception as error:  # a bug of ours must cost one row, not the run
        return error_rows(name, f"internal error: {error!r}", **facts)
    return resolution_rows(resolution, name, **facts)


def error_rows(
    file: str, message: str, *, line: int | None = None, column: int | None = None,
    size: int | None = None, sha256: str | None = None, encoding: str | None = None,
) -> FileRows:
    """The rows of a file that gave no resolution: its documents row, saying why."""
    document = dict.fromkeys(columns("documents"))
    document.update(file=file, size=size, sha256=sha256, encoding=encoding, ok=False,
                    error=message, error_line=line, error_column=column)
    return FileRows(document, [], [], [])


def resolution_rows(
    resolution: Resolution, file: str, *,
    size: int | None = None, sha256: str | None = None, encoding: str | None = None,
) -> FileRows:
    """The rows of a parsed resolution (``file`` names it in every table)."""
    header = resolution.header
    number = header.number.value if header.number else None
    date = header.date.value.isoformat() if header.date and header.date.value else None
    key = {"file": file, "number": number, "date": date}
    basis = resolution.legal_basis
    citations = citation_rows(key, resolution.citations, set(basis.citation_ids) if basis else set())
    acts = [act_row(key, i, c) for i, c in enumerate(resolution.legal_basis_citations())]
    diagnostics = [
        {**key, "code": d.code, "severity": d.severity, "message": d.message, **_span(d.span)}
        for d in resolution.diagnostics
    ]
    severities = [d.severity for d in resolution.diagnostics]
    signature = resolution.signature
    enacting = resolution.enacting_clause
    document: Row = {
        "file": file, "size": size, "sha256": sha256, "encoding": encoding,
        "ok": "error" not in severities, "error": None, "error_line": None, "error_column": None,
        "number": number,
        "body": header.body.text if header.body else None,
        "tier": header.body.tier if header.body else None,
        "date": date,
        "subject": header.title.subject if header.title else None,
        "projekt": resolution.projekt,
        "enacting_body": enacting.body if enacting else None,
        "paragraphs": len(resolution.paragrafy()),
        "signature_role": signature.role if signature else None,
        "signature_name": signature.name if signature else None,
        "has_justification": resolution.uzasadnienie is not None,
        "citations": len(citations),
        "diagnostics_error": severities.count("error"),
        "diagnostics_warning": severities.count("warning"),
        "diagnostics_info": severities.count("info"),
    }
    return FileRows(document, citations, acts, diagnostics)


def citation_rows(key: Row, citations: tuple[Citation, ...], basis: Collection[int] = ()) -> list[Row]:
    """One row per journal reference of ``citations`` (one per citation that has none).

    ``key`` gives the document columns (file, number, date); ``basis`` the ids (positions) of the
    citations that are the legal basis's acts.
    """
    rows: list[Row] = []
    for index, citation in enumerate(citations):
        span = citation.span
        in_basis = index in basis
        act = _act_columns(citation)
        for publication in citation.publications or (None,):
            rows.append({
                **key, "in_legal_basis": in_basis, **act, **_publication_columns(publication),
                "consolidated": citation.consolidated, "amended": citation.amended,
                **_span(publication.span if publication else span),
            })
    return rows


def act_row(key: Row, index: int, citation: Citation) -> Row:
    """The acts-table row of the ``index``-th act of a legal basis."""
    first = citation.publications[0] if citation.publications else None
    return {
        **key, "index": index, **_act_columns(citation),
        "eli": first.eli if first else None, "publications": len(citation.publications),
        "consolidated": citation.consolidated, "amended": citation.amended, **_span(citation.span),
    }


ISAP_URL = "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id={}"


def _act_columns(citation: Citation) -> Row:
    act = citation.act
    return {
        "act_kind": act.kind if act else None,
        "act_date": act.date.isoformat() if act and act.date else None,
        "act_title": act.title if act else None,
        "act_issuer": act.issuer if act else None,
        "provisions": "; ".join(p.text for p in citation.provisions) or None,
    }


def _publication_columns(publication: Publication | None) -> Row:
    if publication is None:
        return dict.fromkeys(("journal", "year", "nr", "position", "eli", "eli_url", "isap_id", "isap_url"))
    return {
        "journal": publication.journal, "year": publication.year, "nr": publication.nr,
        "position": publication.position, "eli": publication.eli, "eli_url": publication.eli_url,
        "isap_id": publication.isap_id,
        "isap_url": ISAP_URL.format(publication.isap_id) if publication.isap_id else None,
    }


def _span(span: Any) -> Row:
    return {"start": span.start, "end": span.end, "line": span.line, "column": span.column}
