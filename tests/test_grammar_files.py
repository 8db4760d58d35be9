"""The grammar files read like documentation: every terminal is written in a few hundred characters
at most, a long one built from named, commented pieces (Lark joins them into one regex)."""

from __future__ import annotations

import re

import pytest

from uchwaly_parser.grammar import grammar_dir

# A terminal's definition: "NAME(.priority): …" and the alternatives on the lines after it ("  | …")
DEFINITION = re.compile(r"(?m)^(_?[A-Z][A-Z0-9_]*)(?:\.\d+)?:(.*(?:\n[ \t]+(?:\||//).*)*)")
LONGEST = 300


def definitions() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(grammar_dir().glob("*.lark")):
        for match in DEFINITION.finditer(path.read_text(encoding="utf-8")):
            body = "\n".join(line for line in match.group(2).splitlines() if not line.strip().startswith("//"))
            found.append((path.name, match.group(1), " ".join(body.split())))
    return found


def test_the_grammars_define_terminals() -> None:
    names = {name for _file, name, _body in definitions()}
    assert {"TEXT", "PARAGRAF", "BASIS_LEAD", "BASIS_LINE", "SUBJECT", "UNITS", "WORD", "ENACTING_VERB"} <= names


@pytest.mark.parametrize(("file", "name", "body"), [pytest.param(*d, id=f"{d[0]}:{d[1]}") for d in definitions()])
def test_no_terminal_is_written_longer_than_a_few_hundred_characters(file: str, name: str, body: str) -> None:
    assert len(body) <= LONGEST, f"{file}: {name} is written in {len(body)} characters; name its pieces"
