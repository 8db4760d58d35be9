"""The command line, run as users run it: formats, errors, exit codes, standard input."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from uchwaly_parser.cli import EXIT_OK, EXIT_PARSE_FAILED, EXIT_USAGE, main

EXAMPLE = ROOT / "examples" / "uchwala_krzykosy.txt"
SUMMARY_KEYS = [
    "file", "projekt", "number", "body", "date", "subject", "enacting_body", "legal_basis_acts",
    "publications_all", "paragraphs", "signature", "has_justification", "diagnostics",
]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "uchwaly_parser", *args], input=stdin, capture_output=True, cwd=ROOT)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def test_summary_has_exactly_the_scored_keys_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "summary", str(EXAMPLE)]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert list(record) == SUMMARY_KEYS
    assert record["diagnostics"] == []
    assert record["number"] == "XI/69/2015"
    assert record["paragraphs"] == ["1", "2", "3", "4"]
    assert record["legal_basis_acts"][0]["publications"] == [{"journal": "Dz. U.", "year": 2015, "nr": None, "pos": 1515}]


def test_a_bad_file_is_reported_and_the_others_go_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prose = tmp_path / "zaproszenie.txt"
    prose.write_text("Zapraszamy na sesję.\n", encoding="utf-8")
    missing = tmp_path / "brak.txt"
    code = main(["--format", "summary", str(prose), str(missing), str(EXAMPLE)])
    out, err = capsys.readouterr()
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert code == EXIT_PARSE_FAILED
    assert first == {"file": str(prose), "error": {"message": "no resolution title (UCHWAŁA …) found", "line": 1, "column": 1}}
    assert second["file"] == str(missing) and second["error"]["message"].startswith("cannot read the file")
    assert third["number"] == "XI/69/2015"
    assert f"error: {prose}:1:1: no resolution title" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the input is empty"),
        (b"   \n\t\n", "the input is empty"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_not_a_resolution_is_a_clear_error_without_traceback(data: bytes, message: str) -> None:
    result = run("-", stdin=data)
    assert result.returncode == EXIT_PARSE_FAILED
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_standard_input_and_the_error_caret() -> None:
    text = "Projekt\n\nUCHWAŁA NR I/1/2024\n§ 1. Tekst.\n"
    result = run("--format", "summary", "-", stdin=text.encode())
    assert json.loads(result.stdout)["file"] == "<stdin>"
    failed = run("--strict", "-", stdin="UCHWAŁA NR I/1/2024\nRADY GMINY X\n§ 1. Tekst.\n".encode())
    assert failed.returncode == EXIT_PARSE_FAILED
    assert failed.stderr.startswith("error: <stdin>:")
    assert "^" in failed.stderr


def test_encodings_are_detected_and_can_be_forced(tmp_path: Path) -> None:
    cp1250 = tmp_path / "cp1250.txt"
    cp1250.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("cp1250"))
    detected = json.loads(run("--format", "summary", str(cp1250)).stdout)
    assert detected["body"] == "RADY GMINY KRZYKOSY" and detected["signature"]["name"] == "Wiesław Zając"
    forced = json.loads(run("--format", "summary", "--encoding", "cp852", str(cp1250)).stdout)
    assert forced["error"]["message"] == "no resolution title (UCHWAŁA …) found"  # "UCHWAúA" in DOS Latin-2
    # Latin-1 shows Windows-1250's letters as "UCHWA£A", "Wies³aw Zaj¹c": the cleaners read them back
    misread = json.loads(run("--format", "summary", "--encoding", "latin-1", str(cp1250)).stdout)
    assert misread["number"] == "XI/69/2015" and misread["signature"]["name"] == "Wiesław Zając"


def test_tree_json_schema_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLE)]) == EXIT_OK
    tree = capsys.readouterr().out
    assert "§ 1" in tree and "lit. b" in tree and "Wiesław Zając" in tree
    assert main(["--format", "json", str(EXAMPLE)]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["header"]["number"]["value"] == "XI/69/2015"
    assert main(["--schema"]) == EXIT_OK
    assert "Resolution" in json.loads(capsys.readouterr().out)["title"]
    assert main(["--format", "text", str(EXAMPLE)]) == EXIT_OK
    assert capsys.readouterr().out == EXAMPLE.read_text(encoding="utf-8")


def test_path_selects_one_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "canonical", "--path", "§ 1 ust. 1 pkt 2", str(EXAMPLE)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "2) za udział w szkoleniu pożarniczym:",
        "a) trwającym do 8 godzin – 6 zł za każdą godzinę,",
        "b) trwającym dłużej niż 8 godzin – 5 zł za każdą godzinę.",
    ]
    assert main(["--path", "§ 9", str(EXAMPLE)]) == EXIT_PARSE_FAILED
    assert main(["--path", "nonsense", str(EXAMPLE)]) == EXIT_USAGE


def test_all_reads_every_resolution_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = tmp_path / "two.txt"
    both.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + (FIXTURES / "documents" / "bip_units.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--all", "--format", "summary", str(both)]) == EXIT_OK
    numbers = [json.loads(line)["number"] for line in capsys.readouterr().out.splitlines()]
    assert numbers == ["XI/69/2015", "XII/98/2024"]


def test_citations_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["citations", "--format", "jsonl", str(EXAMPLE)]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["journal"], r["year"], r["nr"], r["position"], r["eli"], r["isap_id"]) for r in rows[:2]] == [
        ("Dz. U.", 2015, None, 1515, "DU/2015/1515", "WDU20150001515"),
        ("Dz. U.", 2009, 178, 1380, "DU/2009/1380", "WDU20091781380"),
    ]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text[rows[0]["start"] : rows[0]["end"]].startswith("Dz. U. z 2015 r. poz. 1515")
    assert main(["citations", "--format", "csv", str(EXAMPLE)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[0].split(",")[:5] == ["file", "number", "date", "in_legal_basis", "act_kind"]


def test_usage_errors() -> None:
    result = run()
    assert result.returncode == EXIT_USAGE
    assert "give at least one FILE" in result.stderr
    assert run("--format", "pdf", str(EXAMPLE)).returncode == EXIT_USAGE


# ------------------------------------------------------------ in a pipeline ---

TRANSCRIPT = FIXTURES / "documents" / "transcript_lost_paragraf.txt"


def test_summary_carries_the_diagnostic_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "summary", str(TRANSCRIPT)]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert "paragraf-inferred" in record["diagnostics"]


def test_citations_csv_streams_one_header_and_typed_flat_columns(tmp_path: Path) -> None:
    prose = tmp_path / "pismo.txt"  # not a resolution: its citations still count, with no number or date
    prose.write_text("Zgodnie z art. 6 ust. 1 ustawy (Dz. U. z 2023 r. poz. 40 i 572).\n", encoding="utf-8")
    result = run("citations", "--format", "csv", str(EXAMPLE), str(prose), str(EXAMPLE))
    lines = result.stdout.splitlines()
    assert result.returncode == EXIT_OK
    assert [line.startswith("file,") for line in lines].count(True) == 1
    rows = list(csv.DictReader(lines))
    assert len(rows) == 3 + 2 + 3
    first = rows[0]
    assert (first["number"], first["date"], first["act_kind"], first["act_date"], first["act_title"]) == (
        "XI/69/2015", "2015-10-29", "ustawa", "1990-03-08", "o samorządzie gminnym")
    assert (first["year"], first["nr"], first["position"], first["in_legal_basis"]) == ("2015", "", "1515", "true")
    assert first["eli_url"] == "https://eli.gov.pl/eli/DU/2015/1515/ogl"
    assert first["isap_url"].endswith("?id=WDU20150001515")
    assert [(r["file"], r["number"], r["position"]) for r in rows[3:5]] == [(str(prose), "", "40"), (str(prose), "", "572")]


def test_json_of_several_files_is_one_array(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "json", str(EXAMPLE), str(TRANSCRIPT)]) == EXIT_OK
    documents = json.loads(capsys.readouterr().out)
    assert [d["header"]["number"]["value"] for d in documents] == ["XI/69/2015", "XX/140/2016"]
    assert main(["--format", "json", str(EXAMPLE)]) == EXIT_OK  # one file: the object itself
    assert json.loads(capsys.readouterr().out)["kind"] == "resolution"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_text_writes_the_input_back_byte_for_byte(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "no_final_newline.txt"
    source.write_bytes(EXAMPLE.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\r\n").encode(encoding))
    done = subprocess.run([sys.executable, "-m", "uchwaly_parser", "--format", "text", str(source)],
                          capture_output=True, cwd=ROOT)
    assert done.returncode == EXIT_OK
    assert done.stdout == source.read_bytes()


def test_version_help_and_usage_errors() -> None:
    version = run("--version")
    assert version.returncode == EXIT_OK and version.stdout.startswith("python -m uchwaly_parser 0.")
    help_text = run("--help").stdout
    assert "citations FILE..." in help_text and "dataset SOURCE... --out DIR" in help_text
    for command in ([], ["citations"]):
        bad = run(*command, "--encoding", "no-such-encoding", str(EXAMPLE))
        assert bad.returncode == EXIT_USAGE
        assert "unknown encoding 'no-such-encoding'" in bad.stderr and "Traceback" not in bad.stderr


def test_one_wording_for_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    missing = str(tmp_path / "brak.txt")
    for command in ([], ["citations"], ["--format", "summary"]):
        result = run(*command, missing)
        assert result.returncode == EXIT_PARSE_FAILED
        assert result.stderr == f"error: {missing}: cannot read the file: No such file or directory\n"


def _shell(script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with $CLI set to the command line (for redirections Python cannot make)."""
    cli = f"{sys.executable} -m uchwaly_parser"
    done = subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT,
                          env={**os.environ, "CLI": cli, "EXAMPLE": str(EXAMPLE), "MANY": f"{EXAMPLE} " * 60})
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.mark.parametrize(
    ("script", "code", "message"),
    [
        ("$CLI - <&-", EXIT_PARSE_FAILED, "error: <stdin>: cannot read the file: standard input is closed\n"),
        ("$CLI citations - <&-", EXIT_PARSE_FAILED, "error: <stdin>: cannot read the file: standard input is closed\n"),
        ("$CLI --format summary $EXAMPLE >&-", 1, "error: cannot write the output: standard output is closed\n"),
        ("$CLI --format json $EXAMPLE >/dev/full", 1, "error: cannot write the output: No space left on device\n"),
        ("$CLI dataset --schema >&-", 1, "error: cannot write the output: standard output is closed\n"),
        ("$CLI dataset --schema >/dev/full", 1, "error: cannot write the output: No space left on device\n"),
        ("$CLI --format text $EXAMPLE >/dev/full", 1, "error: cannot write the output: No space left on device\n"),
        ("$CLI citations --format csv $EXAMPLE >/dev/full", 1, "error: cannot write the output: No space left on device\n"),
        # A reader that stops early: quiet, with the status of a program that SIGPIPE ended (the output
        # is made larger than a pipe's buffer, so that the writer meets the closed end).
        ("$CLI --format json $MANY | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}", 141, ""),
        ("$CLI citations --format jsonl $MANY | head -n 1 >/dev/null; exit ${PIPESTATUS[0]}", 141, ""),
    ],
)
def test_closed_and_full_streams_end_in_one_line(script: str, code: int, message: str) -> None:
    result = _shell(script)
    assert (result.returncode, result.stderr) == (code, message)


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = bytes(tmp_path) + b"/uchwa\xb3a.txt"  # a Latin-2 "ł" in the name
    Path(raw.decode("utf-8", "surrogateescape")).write_bytes(EXAMPLE.read_bytes())
    done = subprocess.run([sys.executable, "-m", "uchwaly_parser", "--format", "summary", raw], capture_output=True, cwd=ROOT)
    assert done.returncode == EXIT_OK and done.stderr == b""
    assert json.loads(done.stdout)["file"] == f"{tmp_path}/uchwa\\xb3a.txt"
    missing = subprocess.run([sys.executable, "-m", "uchwaly_parser", raw + b".x"], capture_output=True, cwd=ROOT)
    assert missing.returncode == EXIT_PARSE_FAILED
    assert missing.stderr.decode() == f"error: {tmp_path}/uchwa\\xb3a.txt.x: cannot read the file: No such file or directory\n"
