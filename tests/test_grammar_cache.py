"""The parser-table cache never loads a file that somebody else could have written.

Lark's tables are a pickle: loading one runs the code it holds. Each test plants a payload that
would create a marker file if it were ever unpickled, then runs the CLI in a fresh process.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES

FIXTURE = FIXTURES / "documents" / "bip_units.txt"


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _plant(path: Path, marker: Path) -> None:
    # Lark's cache layout: a hash line, then pickles; the payload goes where the first one is read.
    path.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Payload(marker)))


def _run_cli(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "uchwaly_parser", "--format", "summary", str(FIXTURE)],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )


def test_payload_at_lark_shared_temp_cache_is_not_run(tmp_path: Path) -> None:
    shared, home, marker = tmp_path / "tmp", tmp_path / "home", tmp_path / "PWNED"
    shared.mkdir()
    # Let Lark name its shared-temp cache files for our grammars, as `cache=True` would...
    script = (
        "from lark import Lark\n"
        "from uchwaly_parser.grammar import OPTIONS, grammar_dir\n"
        "for name in ('resolution', 'citations'):\n"
        "    for positions in (False, True):\n"
        "        Lark.open(str(grammar_dir() / (name + '.lark')), **OPTIONS, propagate_positions=positions, cache=True)\n"
    )
    subprocess.run([sys.executable, "-c", script], env={**os.environ, "TMPDIR": str(shared)}, check=True)
    planted = list(shared.glob(".lark*"))
    assert planted, "Lark wrote no shared cache file to plant a payload in"
    # ...then turn every one of them into a payload and run the CLI with the same temporary folder.
    for path in planted:
        _plant(path, marker)
    result = _run_cli({"TMPDIR": str(shared), "XDG_CACHE_HOME": str(home), "UCHWALY_PARSER_CACHE": ""})
    assert '"number": "XII/98/2024"' in result.stdout
    assert not marker.exists()


def test_a_cache_directory_others_can_write_is_not_used(tmp_path: Path) -> None:
    cache, marker = tmp_path / "cache", tmp_path / "PWNED"
    cache.mkdir()
    cache.chmod(0o777)
    for grammar in ("resolution", "citations"):
        # Names as the package would choose them, and a catch-all for any other name.
        for name in (f"{grammar}-0000000000000000.lark-tables", f"{grammar}.lark-tables"):
            _plant(cache / name, marker)
    env = {"UCHWALY_PARSER_CACHE": str(cache)}
    names = subprocess.run(
        [sys.executable, "-c", "from uchwaly_parser.grammar import cache_dir; print(cache_dir())"],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )
    assert names.stdout.strip() == "None"
    _run_cli(env)
    assert not marker.exists()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o777  # left as it was, not "repaired" and trusted


def test_the_private_cache_is_created_owner_only_and_reused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"XDG_CACHE_HOME": str(home), "UCHWALY_PARSER_CACHE": ""}
    _run_cli(env)
    folder = home / "uchwaly_parser"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    tables = sorted(p.name.split("-")[0] for p in folder.glob("*.lark-tables"))
    assert tables == ["citations", "resolution"]
    # A second run loads the tables from there: Lark logs the load at debug level.
    script = (
        "import logging, lark\n"
        "lark.logger.setLevel(logging.DEBUG)\n"
        "from uchwaly_parser import parse\n"
        f"parse(open({str(FIXTURE)!r}, encoding='utf-8').read())\n"
    )
    second = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, **env}, check=True
    )
    assert "Loading grammar from cache" in second.stderr
    assert str(folder) in second.stderr


def test_terminal_table_is_json_and_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    # The terminals Python reads (the lexicon, the citation readers) are cached as JSON, which loading
    # cannot run; a damaged or foreign file is read as absent and written again.
    cache = tmp_path / "cache"
    env = {"UCHWALY_PARSER_CACHE": str(cache)}
    first = _run_cli(env)
    (table,) = cache.glob("lexicon-*.terminals.json")
    assert '"MONTH_GENITIVE"' in table.read_text(encoding="utf-8")
    table.write_text('{"patterns": "not a table"', encoding="utf-8")
    assert _run_cli(env).stdout == first.stdout
    assert '"MONTH_GENITIVE"' in table.read_text(encoding="utf-8")
