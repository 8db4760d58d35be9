"""Cached factory for the Lark parsers built from the .lark files in ``grammars/``.

The grammars live at the repository root and ship inside the wheel as ``uchwaly_parser/grammars``;
an editable install reads them from the source tree.

Lark can keep its built tables between processes, but it stores them as a pickle, and loading a
pickle runs whatever code the file holds. So the tables are cached only in a private directory
that this user owns and nobody else can write (``$UCHWALY_PARSER_CACHE`` or
``~/.cache/uchwaly_parser``, created with mode 0700); when no such directory can be had, the
parser is built afresh and nothing is read from disk. Never a shared temporary folder.

With the ``[fast]`` extra installed (lark-cython, Lark's own compiled lexer and LALR loop), the same
tables run in compiled code; the trees are the same (tests/test_fast.py). ``UCHWALY_PARSER_PURE=1``
keeps to pure-Python Lark even then.

Decisions a terminal's regex would need the text before it for (a "§ 1" after a line ending on a
preposition is a wrapped reference) are taken by the lexer of each engine (``postlex.py``): the
parsers of a grammar that has such decisions (``CONTEXT``) get that lexer.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import stat
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput
from lark.load_grammar import GrammarBuilder

from uchwaly_parser import postlex

# Lark's options for every grammar of the package.
OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": True}


def _lark_cython() -> ModuleType | None:
    try:
        return importlib.import_module("lark_cython")
    except ImportError:  # the [fast] extra is optional
        return None


_LARK_CYTHON = _lark_cython()

# What a builder may be handed for a terminal: Lark's Token, or lark-cython's, which is no str but
# has the same ``.value``, ``.type`` and positions (builders read those, never the token as a str).
TOKEN_TYPES: tuple[type[Token], ...] = (Token,) if _LARK_CYTHON is None else (Token, _LARK_CYTHON.Token)


def compiled() -> bool:
    """Whether the builders' parsers run on lark-cython: installed, and ``UCHWALY_PARSER_PURE`` not set."""
    return _LARK_CYTHON is not None and not os.environ.get("UCHWALY_PARSER_PURE")


def grammar_dir() -> Path:
    """The folder holding the .lark files: inside the installed package, else the source tree."""
    packaged = Path(str(resources.files("uchwaly_parser"))) / "grammars"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "grammars"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"grammar files not found in {packaged} or {source_tree}")


def cache_dir() -> Path | None:
    """The private directory for parser tables, created if need be; None when none is safe.

    Safe means: a real directory (not a link), owned by this user, with no access for group or
    others. A directory that fails the check is left alone and not used.
    """
    configured = os.environ.get("UCHWALY_PARSER_CACHE")
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(base):
            return None
        folder = Path(base) / "uchwaly_parser"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and not info.st_mode & 0o077
    if not private or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return folder


def _cache_file(grammar: str, suffix: str = ".lark-tables") -> str | bool:
    """Where Lark keeps the tables of ``grammar``, or False (build afresh, read nothing)."""
    folder = cache_dir()
    if folder is None:
        return False
    digest = hashlib.sha256()
    for path in sorted(grammar_dir().glob("*.lark")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(f"{lark.__version__} {sys.version_info[:2]}".encode())
    return str(folder / f"{grammar}-{digest.hexdigest()[:16]}{suffix}")


class Terminals(NamedTuple):
    """The terminals of one grammar file as Lark compiles them."""

    patterns: dict[str, str]  # every terminal, the pieces others are made of too: its regex
    words: dict[str, tuple[str, ...]]  # a terminal written as a list of literals: the words, in written order


@functools.cache
def terminals(grammar: str) -> Terminals:
    """The terminals of ``grammars/<grammar>.lark``, for Python that needs one of them as a regex.

    Compiled by Lark's own grammar loader, so a Python regex built from one cannot drift from the
    grammar. Kept next to the parser tables as JSON (data, never code): loading the grammar loader
    would cost the cold start some 30 ms a grammar.
    """
    cache = _cache_file(grammar, ".terminals.json")
    if isinstance(cache, str):
        try:
            data = json.loads(Path(cache).read_text(encoding="utf-8"))
            return Terminals(dict(data["patterns"]), {name: tuple(w) for name, w in data["words"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # absent or unreadable: build it again
    builder = GrammarBuilder(import_paths=[str(grammar_dir())])
    builder.load_grammar((grammar_dir() / f"{grammar}.lark").read_text(encoding="utf-8"), grammar_name=grammar)
    built = builder.build()
    compiled, _rules, _ignore = built.compile([], "*")
    found = Terminals({t.name: t.pattern.to_regexp() for t in compiled}, {})
    for name, (tree, _priority) in built.term_defs:
        leaves = list(tree.scan_values(lambda v: isinstance(v, Token))) if tree is not None else []
        if len(leaves) > 1 and all(leaf.type == "STRING" for leaf in leaves):  # '"word"' or '"word"i'
            found.words[name] = tuple(leaf.value[1 : leaf.value.rindex('"')] for leaf in leaves)
    if isinstance(cache, str):
        partial = Path(f"{cache}.{os.getpid()}")
        partial.write_text(json.dumps(found._asdict(), ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)  # whole or not at all, for a process reading it meanwhile
    return found


def get_parser(grammar: str, builder: type[Transformer[Any, Any]] | None = None) -> Lark:
    """The LALR parser of ``grammars/<grammar>.lark``, built once per process (and engine).

    With a ``builder``, one instance of it runs inside the parse: ``parse()`` returns what the
    builder makes, no tree is built to be walked again, and the builder takes positions from the
    tokens (Lark keeps no position metadata for it); these parsers run on lark-cython when
    ``compiled()``. Without one, ``parse()`` returns Lark's own tree, its nodes carrying positions
    and its tokens Lark's (str) tokens: always pure Lark. The built tables are kept in the private
    ``cache_dir()``; both engines read the same tables.
    """
    return _build(grammar, builder, builder is not None and compiled())


def parse_with(grammar: str, builder: type[Transformer[Any, Any]], text: str) -> Any:
    """What ``get_parser(grammar, builder)`` builds from ``text``; a syntax error as pure Lark reports it.

    lark-cython finds the same errors, but its UnexpectedToken cannot say what the parser would have
    accepted (asking raises), so a text it rejects is parsed again by pure Lark for the error.
    """
    try:
        return get_parser(grammar, builder).parse(text)
    except UnexpectedInput:
        if not compiled():
            raise
    return _build(grammar, builder, False).parse(text)


@functools.cache
def _build(grammar: str, builder: type[Transformer[Any, Any]] | None, fast: bool) -> Lark:
    return Lark.open(
        str(grammar_dir() / f"{grammar}.lark"),
        **OPTIONS,
        _plugins=_plugins(grammar, fast),
        transformer=builder() if builder else None,
        propagate_positions=builder is None,
        cache=_cache_file(grammar),
    )


# The lexer's context decisions of each grammar (postlex.py): the terminal, and the decision's maker.
CONTEXT: dict[str, tuple[str, Callable[[], postlex.Decision]]] = {
    # "określone w⏎§ 1 mają zastosowanie": the § of a reference wrapped onto a line of its own
    "resolution": ("PARAGRAF", lambda: postlex.after_a_preposition(terminals("lexicon").words["PREPOSITION"])),
}


def _plugins(grammar: str, fast: bool) -> dict[str, Any]:
    """Lark's plugins for a parser of ``grammar``: lark-cython's when ``fast``, and the lexer of ``CONTEXT``."""
    plugins: dict[str, Any] = dict(_LARK_CYTHON.plugins) if fast and _LARK_CYTHON else {}
    if grammar in CONTEXT:
        terminal, decision = CONTEXT[grammar]
        if fast and _LARK_CYTHON:
            engine = _LARK_CYTHON.lark_cython
            plugins["ContextualLexer"] = postlex.cython_lexer_class(
                engine.ContextualLexer, engine.BasicLexer, terminal, decision()
            )
        else:
            plugins["ContextualLexer"] = postlex.lexer_class(terminal, decision())
    return plugins
