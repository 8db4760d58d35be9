"""The stages point one way: every import of the package (local imports inside functions included)
goes to a module of the same or an earlier stage, the import graph has no cycle, and the models
import nothing else of the package."""

from __future__ import annotations

import ast
import graphlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = "uchwaly_parser"

# The stages in order; a module may import only from its own stage or an earlier one.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("models", ("models", "models.base", "models.citations", "models.document")),
    ("grammar/builders", ("normalize", "source", "cleaners", "errors", "postlex", "grammar", "lexicon", "values", "decode",
                          "locate", "builder")),
    ("structure", ("structure",)),
    ("citations", ("citations", "citations.api", "citations.coarse", "citations.drafts", "citations.identifiers",
                   "citations.linker", "citations.patterns", "citations.references", "citations.scan",
                   "citations.transformer")),
    ("query", ("query",)),
    ("diagnostics", ("diagnostics",)),
    ("parser", ("parser", "files")),
    ("render", ("render", "render.akn", "render.markdown", "render.text", "render.tree")),
    ("dataset", ("dataset", "dataset.rows", "dataset.pool", "dataset.writers", "dataset.read", "dataset.command",
                 "dask")),
    ("cli", ("summary", "cli", "__main__", "")),
]
STAGE = {f"{PACKAGE}.{m}".rstrip("."): i for i, (_, modules) in enumerate(STAGES) for m in modules}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its file (a function's local import too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import: resolve against the importing package
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            # "from uchwaly_parser.citations import scan" imports the module citations.scan; a name
            # that is not a submodule comes from the package itself
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def test_every_module_has_a_stage() -> None:
    # A new module must be placed in STAGES, or its imports would go unchecked.
    assert sorted(set(MODULES) - set(STAGE)) == []
    assert sorted(set(STAGE) - set(MODULES)) == []


def test_the_import_graph_has_no_cycle() -> None:
    graphlib.TopologicalSorter(GRAPH).prepare()  # raises CycleError naming the cycle


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_to_earlier_stages(name: str) -> None:
    later = sorted(f"{m} ({STAGES[STAGE[m]][0]})" for m in GRAPH[name] if STAGE[m] > STAGE[name])
    assert later == [], f"{name} ({STAGES[STAGE[name]][0]}) imports later stages"


def test_models_import_nothing_else_of_the_package() -> None:
    outside = {name: sorted(m for m in GRAPH[name] if not m.startswith(f"{PACKAGE}.models"))
               for name in MODULES if name.startswith(f"{PACKAGE}.models")}
    assert outside == {name: [] for name in outside}


def test_the_walker_sees_local_imports() -> None:
    # The check is only as good as its walker: a function's local import is an edge too.
    tree = ast.parse("def f():\n    from uchwaly_parser.render.text import node_lines\n")
    assert any(isinstance(n, ast.ImportFrom) and n.module == "uchwaly_parser.render.text" for n in ast.walk(tree))
    assert "uchwaly_parser.render.text" in GRAPH["uchwaly_parser.cli"] | GRAPH["uchwaly_parser.render.markdown"]


def test_the_models_load_without_the_parser() -> None:
    # The package's names are imported on first use: reading the tree from JSON needs no Lark.
    code = (
        "import sys, uchwaly_parser.models.document\n"
        "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith('uchwaly_parser.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(["uchwaly_parser.models", "uchwaly_parser.models.base", "uchwaly_parser.models.citations",
                               "uchwaly_parser.models.document"])
