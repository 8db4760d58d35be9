"""Benchmark of the parser on one core: ``make bench`` (``python bench/bench.py --corpus DIR``).

Prints, for the full parse (file bytes → decoded text → validated tree) over the corpus repeated:
documents/s, MB/s, the ratio to a plain ``re`` pass over the same files in the same run (read,
decode, one ``re.finditer`` for "Dz. U." references), peak memory (tracemalloc), CLI cold start
(best of 5), ``extract_citations`` throughput and its ratio to the ``re`` pass, the cost of the
diagnostics, the scaling exponent of parse time from 1x to 64x input size (log-log slope), and the
ceiling the fixed tools set: Lark's lexer and LALR parser alone, building no models, over exactly
the text each measured pass hands it, and that plus pydantic validating the same trees.
Without the corpus it runs on examples/ and tests/fixtures/documents/ and says so. Nothing here
is a test: the figures are for people, the targets are printed next to them.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from lark import Lark

resource: ModuleType | None
try:
    import resource
except ImportError:  # not on Windows
    resource = None

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from uchwaly_parser.citations import scan  # noqa: E402
from uchwaly_parser.decode import decode  # noqa: E402
from uchwaly_parser.diagnostics import diagnose  # noqa: E402
from uchwaly_parser.grammar import grammar_dir  # noqa: E402
from uchwaly_parser.models.document import Resolution  # noqa: E402
from uchwaly_parser.parser import parse  # noqa: E402
from uchwaly_parser.query import Document  # noqa: E402

# The baseline: the simplest pass that still reads every file and finds its journal references.
DZ_U = re.compile(r"Dz\.\s?U\.(?:\s*z\s*\d{4}\s*r\.)?(?:\s*Nr\s*\d+,)?\s*poz\.\s*\d+")

TARGETS = {
    "full_mb_s": 2.0,  # MB/s, at least
    "ratio_to_re": 70.0,  # times the re pass, at most
    "citations_mb_s": 20.0,  # MB/s, at least
    "cold_start_s": 0.35,  # seconds, at most
    "exponent": 1.1,  # at most
}


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus",
                     help="folder of resolution .txt files (default tests/fixtures/corpus)")
    cli.add_argument("--repeat", type=int, default=5, help="passes over the corpus per measurement")
    args = cli.parse_args(argv)
    _one_core()

    files = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    if files:
        print(f"corpus: {len(files)} files in {args.corpus}")
    else:
        bundled = [ROOT / "examples", ROOT / "tests" / "fixtures" / "documents"]
        files = sorted(p for folder in bundled for p in folder.glob("*.txt"))
        print(f"corpus {args.corpus} not found: using the {len(files)} bundled texts "
              "(examples/, tests/fixtures/documents/)")
    blobs = [f.read_bytes() for f in files]
    texts = [decode(b)[0] for b in blobs]
    megabytes = sum(len(b) for b in blobs) / 1e6
    repeat = args.repeat
    print(f"size: {megabytes * 1000:.1f} kB per pass, {repeat} passes, single core, best of 3 runs\n")

    for text in texts:  # warm up: grammars built, caches filled, imports done
        _parse_or_none(text)

    def re_pass() -> None:
        for _ in range(repeat):
            for path in files:
                text, _ = decode(path.read_bytes())
                for _match in DZ_U.finditer(text):
                    pass

    def full_pass() -> None:
        for _ in range(repeat):
            for path in files:
                text, _ = decode(path.read_bytes())
                _parse_or_none(text)

    re_time = _best(re_pass)
    full_time = _best(full_pass)
    documents = len(files) * repeat
    full_mb_s = megabytes * repeat / full_time
    ratio = full_time / re_time
    print("full parse (bytes -> validated tree)")
    _row("documents/s", f"{documents / full_time:,.0f}")
    _row("MB/s", f"{full_mb_s:.2f}", f">= {TARGETS['full_mb_s']}", full_mb_s >= TARGETS["full_mb_s"])
    _row("re pass MB/s", f"{megabytes * repeat / re_time:.1f}")
    _row("time / re pass", f"{ratio:.1f}x", f"<= {TARGETS['ratio_to_re']:.0f}x", ratio <= TARGETS["ratio_to_re"])
    # tracemalloc sees Python's allocations only (not pydantic-core's), so the process peak is shown too
    _row("peak memory (one pass)", f"{_peak_memory(texts) / 1e6:.1f} MB", "tracemalloc")
    if resource is not None:
        _row("process max RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")

    trees = [(t, r) for t in texts if (r := _parse_or_none(t)) is not None]
    diagnose_time = _best(lambda: [diagnose(Document(r, t)) for t, r in trees for _ in range(repeat)])
    parse_only = _best(lambda: [_parse_or_none(t) for t, _ in trees for _ in range(repeat)])
    _row("diagnose() share of parse", f"{diagnose_time / parse_only:.1%}",
         f"{megabytes * repeat / diagnose_time:.1f} MB/s on its own")

    print("\nextract_citations (text -> citations)")
    try:
        from uchwaly_parser.citations import extract_citations
    except ImportError:
        _row("MB/s", "n/a", "uchwaly_parser.citations.extract_citations is not there yet")
    else:
        for text in texts:
            extract_citations(text)
        cite_time = _best(lambda: [extract_citations(t) for _ in range(repeat) for t in texts])
        cite_mb_s = megabytes * repeat / cite_time
        _row("MB/s", f"{cite_mb_s:.2f}", f">= {TARGETS['citations_mb_s']}", cite_mb_s >= TARGETS["citations_mb_s"])
        _row("time / re pass", f"{cite_time / re_time:.1f}x")

    print("\nLark alone on the same text (lexer + LALR parser, Lark's own trees, no models)")
    documents_in, citations_full, citations_only = _lark_inputs(texts)
    document_grammar, citation_grammar = _plain_lark("resolution"), _plain_lark("citations")
    lark_full = _best(lambda: [document_grammar.parse(t) for _ in range(repeat) for t in documents_in]
                      + [citation_grammar.parse(t) for _ in range(repeat) for t in citations_full])
    lark_cite = _best(lambda: [citation_grammar.parse(t) for _ in range(repeat) for t in citations_only])
    scan_time = _best(lambda: [scan.windows(t) for _ in range(repeat) for t in texts])
    # pydantic's own cost for the finished trees: validating them again from plain data
    dumps = [r.model_dump() for _, r in trees]
    validate = _best(lambda: [Resolution.model_validate(d) for _ in range(repeat) for d in dumps])
    _row("for the full parse", f"{megabytes * repeat / lark_full:.2f} MB/s", "the ceiling of the full parse")
    _row("  and pydantic validation", f"{megabytes * repeat / (lark_full + validate):.2f} MB/s",
         "the same, with the trees validated (nothing else)")
    _row("for extract_citations", f"{megabytes * repeat / lark_cite:.2f} MB/s", "the ceiling of extract_citations")
    _row("prefilter scan on its own", f"{megabytes * repeat / scan_time:.1f} MB/s", "regexes that find the windows")

    print("\nCLI cold start (python -m uchwaly_parser --format summary FILE)")
    cold = _cold_start(files[0])
    _row("best of 5", f"{cold:.3f} s", f"<= {TARGETS['cold_start_s']} s", cold <= TARGETS["cold_start_s"])
    _row("python -c pass (floor)", f"{_cold_floor():.3f} s")

    print("\nscaling (a resolution with its body repeated 1x .. 64x)")
    exponent, rows = _scaling(texts)
    for factor, size, seconds in rows:
        _row(f"{factor:>2}x  {size / 1000:8.1f} kB", f"{seconds * 1000:8.1f} ms", f"{size / seconds / 1e6:.2f} MB/s")
    _row("log-log slope", f"{exponent:.2f}", f"<= {TARGETS['exponent']}", exponent <= TARGETS["exponent"])
    return 0


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _parse_or_none(text: str) -> object:
    from uchwaly_parser.errors import ParseError

    try:
        return parse(text)
    except ParseError:
        return None


def _best(run: Callable[[], object], times: int = 3) -> float:
    best = math.inf
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _peak_memory(texts: list[str]) -> int:
    tracemalloc.start()
    for text in texts:
        _parse_or_none(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _plain_lark(grammar: str) -> Lark:
    """The project's grammar as a plain Lark LALR parser: same lexer and tables, no builder."""
    return Lark.open(str(grammar_dir() / f"{grammar}.lark"), parser="lalr", lexer="contextual",
                     maybe_placeholders=True, cache=True)


def _lark_inputs(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    """What the Lark parsers read: in a full parse, each document from its title on and, with the
    citation grammar, its legal basis whole and the prefilter's windows elsewhere; in
    ``extract_citations``, the windows of the whole text."""
    documents: list[str] = []
    full: list[str] = []
    only: list[str] = []
    for text in texts:
        only += [text[a:b] for a, b in scan.windows(text)]
        resolution = _parse_or_none(text)
        if not isinstance(resolution, Resolution):
            continue
        documents.append(text[resolution.span.start : resolution.span.end])
        basis = resolution.legal_basis
        edges = [(0, len(text))]
        if basis is not None:
            full.append(text[basis.span.start : basis.span.end])
            edges = [(0, basis.span.start), (basis.span.end, len(text))]
        full += [text[a:b] for start, end in edges for a, b in scan.windows(text, start, end)]
    return documents, full, only


def _cold_start(path: Path) -> float:
    command = [sys.executable, "-m", "uchwaly_parser", "--format", "summary", str(path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return min(_timed(command, env) for _ in range(5))


def _cold_floor() -> float:
    return min(_timed([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(5))


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


# The body starts at the first "§ 1" and ends before the signature; repeating it keeps the header,
# legal basis and signature once, as a long resolution has them.
_FIRST_PARAGRAF = re.compile(r"§\s*1\.")
_SIGNATURE = re.compile(r"\n[ \t]*(?:Przewodnicząc|PRZEWODNICZĄC)")
_PARAGRAF_NUMBER = re.compile(r"§ (\d+)\.")


def _scaling(texts: list[str]) -> tuple[float, list[tuple[int, int, float]]]:
    seed = _scaling_seed(texts)
    first = _FIRST_PARAGRAF.search(seed)
    signature = _SIGNATURE.search(seed, first.end() if first else 0)
    assert first is not None and signature is not None
    head, body, tail = seed[: first.start()], seed[first.start() : signature.start()], seed[signature.start() :]
    units = len(_PARAGRAF_NUMBER.findall(body))
    rows: list[tuple[int, int, float]] = []
    for factor in (1, 2, 4, 8, 16, 32, 64):
        copies = [
            _PARAGRAF_NUMBER.sub(lambda m, k=k: f"§ {int(m.group(1)) + k * units}.", body) for k in range(factor)
        ]
        text = head + "\n".join(copies) + tail
        parse(text)
        runs = max(1, 64 // factor)
        seconds = _best(lambda text=text, runs=runs: [parse(text) for _ in range(runs)]) / runs
        rows.append((factor, len(text.encode("utf-8")), seconds))
    xs = [math.log(size) for _, size, _ in rows]
    ys = [math.log(seconds) for _, _, seconds in rows]
    slope = statistics.linear_regression(xs, ys).slope
    return slope, rows


def _scaling_seed(texts: list[str]) -> str:
    example = (ROOT / "examples" / "uchwala_krzykosy.txt").read_text(encoding="utf-8")
    return example if _FIRST_PARAGRAF.search(example) else texts[0]


def _row(label: str, value: str, note: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {label:<28} {value:>14}   {note}{mark}")


if __name__ == "__main__":
    raise SystemExit(main())
