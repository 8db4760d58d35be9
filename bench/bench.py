"""Benchmark of the parser on one core: ``make bench`` (``python bench/bench.py --corpus DIR``).

Every alternative runs on every document in every round, the alternatives one after another on
the same document (their order turning each round), so a burst of load elsewhere on the machine
falls on all of them alike; a figure is the sum over documents of each document's median time,
in this process's CPU time (the wall clock also counts the time other processes held the core).
The alternatives, each with pure-Python Lark and with lark-cython (the ``[fast]`` extra):

- ``parse``: decoded text → validated tree, diagnostics and all;
- ``extract_citations`` on the whole text;
- the ceilings, on exactly the inputs ``parse`` hands Lark (recorded from real parses: each
  document's window and the citation grammar's inputs): Lark building its own trees and nothing
  else, and Lark with the project's builders running inside the parse, as ``parse`` builds.

Two sets: the corpus, and its documents over 5 kB (the full-length acts, which have few
citations). Then the time of a document split into a fixed part and a per-byte part (a linear fit
over the documents' sizes), peak memory, CLI cold start, and how parse time grows with a
document's size. The machine is shared: the load, and the other processes that used the CPU while
the bench ran, are printed. Nothing here is a test: figures for people, targets printed beside them.
"""

from __future__ import annotations

import argparse
import contextvars
import functools
import math
import os
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from lark import Lark

resource: ModuleType | None
try:
    import resource
except ImportError:  # not on Windows
    resource = None

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from uchwaly_parser import extract_citations, parse  # noqa: E402
from uchwaly_parser.decode import decode  # noqa: E402
from uchwaly_parser.errors import ParseError  # noqa: E402
from uchwaly_parser.grammar import OPTIONS, get_parser, grammar_dir  # noqa: E402

try:
    import lark_cython
except ImportError:
    lark_cython = None

LONG = 5_000  # bytes: the long documents' set
TARGETS = {  # MB/s, at least (issue 12)
    ("parse", "pure", "corpus"): 1.8,
    ("parse", "fast", "corpus"): 2.2,
    ("parse", "pure", "long"): 3.0,
    ("parse", "fast", "long"): 3.0,
    ("extract_citations", "pure", "corpus"): 3.5,
    ("extract_citations", "fast", "corpus"): 3.5,
    ("extract_citations", "pure", "long"): 10.0,
    ("extract_citations", "fast", "long"): 10.0,
}
COLD_START_S = 0.35  # seconds, at most
SCALING_SLOPE = 1.1  # log-log slope, at most


@dataclass
class Document:
    name: str
    size: int  # bytes of the file
    text: str
    # What a real parse handed Lark: (the parser with its builder, the text, the context it ran in)
    lark_calls: list[tuple[Lark, str, contextvars.Context]] = field(default_factory=list)


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus",
                     help="folder of resolution .txt files (default tests/fixtures/corpus)")
    cli.add_argument("--rounds", type=int, default=7, help="rounds over the corpus (medians are taken)")
    args = cli.parse_args(argv)
    _one_core()
    machine = _Machine()

    files = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    if not files:
        bundled = [ROOT / "examples", ROOT / "tests" / "fixtures" / "documents"]
        files = sorted(p for folder in bundled for p in folder.glob("*.txt"))
        print(f"corpus {args.corpus} not found: the {len(files)} bundled texts instead")
    documents = [Document(f.name, len(b), decode(b)[0]) for f in files for b in [f.read_bytes()]]
    long = [d for d in documents if d.size > LONG]
    print(f"corpus: {len(documents)} files, {_kb(documents)} kB; long (over {LONG // 1000} kB): "
          f"{len(long)} files, {_kb(long)} kB; {args.rounds} rounds, one core")
    print(f"engines: pure-Python Lark; lark-cython {'installed' if lark_cython else 'NOT installed'}")
    machine.print_state("at start")

    _record_lark_calls(documents)
    alternatives = _alternatives()
    times = _measure(documents, alternatives, args.rounds)

    print("\nthroughput, MB/s (sum of per-document medians)")
    _throughput_table(documents, long, alternatives, times)
    print("\ntime per document = fixed part + per-byte part (least squares over the corpus)")
    _linear_fits(documents, alternatives, times)

    print("\nmemory (one corpus pass, pure Lark)")
    _row("peak, tracemalloc", f"{_peak_memory(documents) / 1e6:.1f} MB", "Python's allocations only")
    if resource is not None:
        _row("process max RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")

    print("\nCLI cold start (python -m uchwaly_parser --format summary FILE), best of 5: wall (CPU)")
    for engine in _engines():
        wall, cpu = _cold_start(files[0], engine)
        _row(engine, f"{wall:.3f} s", f"({cpu:.3f} s CPU)  <= {COLD_START_S} s", wall <= COLD_START_S)
    wall, cpu = _cold_floor()
    _row("python -c pass (floor)", f"{wall:.3f} s", f"({cpu:.3f} s CPU)")

    print("\nscaling: a resolution with its body repeated 1x .. 64x, parse (default engine), CPU time")
    exponent, rows = _scaling(documents)
    for factor, size, seconds in rows:
        _row(f"{factor:>2}x  {size / 1000:8.1f} kB", f"{seconds * 1000:8.1f} ms", f"{size / seconds / 1e6:.2f} MB/s")
    _row("log-log slope", f"{exponent:.2f}", f"<= {SCALING_SLOPE}", exponent <= SCALING_SLOPE)

    machine.print_state("at the end")
    machine.print_others()
    return 0


# ---------------------------------------------------------------------------------- alternatives


@dataclass(frozen=True)
class Alternative:
    what: str  # "parse", "extract_citations", "Lark trees only", "Lark + builders"
    engine: str  # "pure" | "fast"
    run: Callable[[Document], object]


def _engines() -> list[str]:
    return ["pure", "fast"] if lark_cython else ["pure"]


@contextmanager
def _engine(engine: str) -> Iterator[None]:
    """Run with pure-Python Lark or with lark-cython, as ``UCHWALY_PARSER_PURE`` chooses."""
    saved = os.environ.pop("UCHWALY_PARSER_PURE", None)
    if engine == "pure":
        os.environ["UCHWALY_PARSER_PURE"] = "1"
    try:
        yield
    finally:
        os.environ.pop("UCHWALY_PARSER_PURE", None)
        if saved is not None:
            os.environ["UCHWALY_PARSER_PURE"] = saved


def _parse_or_none(text: str) -> object:
    try:
        return parse(text)
    except ParseError:
        return None


def _record_lark_calls(documents: list[Document]) -> None:
    """Parse every document once (pure Lark) and keep what it handed Lark's ``parse``, and where."""
    real_parse = Lark.parse
    current: list[tuple[Lark, str, contextvars.Context]] = []

    def recording(self: Lark, text: str, *args: Any, **kwargs: Any) -> Any:
        current.append((self, text, contextvars.copy_context()))
        return real_parse(self, text, *args, **kwargs)

    with _engine("pure"):
        Lark.parse = recording  # type: ignore[method-assign]
        try:
            for document in documents:
                current.clear()
                _parse_or_none(document.text)
                document.lark_calls = list(current)
        finally:
            Lark.parse = real_parse  # type: ignore[method-assign]


@functools.cache
def _grammar_of(recorded: Lark) -> str:
    """The name of the grammar (a .lark file with a start rule) a recorded builder parser was made from."""
    builder = type(recorded.options.transformer)
    with _engine("pure"):
        for path in sorted(grammar_dir().glob("*.lark")):
            if _START.search(path.read_text(encoding="utf-8")) and get_parser(path.stem, builder) is recorded:
                return path.stem
    raise LookupError(f"no grammar of the package gives {recorded!r}")


_START = re.compile(r"^start\b", re.MULTILINE)


def _alternatives() -> list[Alternative]:
    out: list[Alternative] = []
    for engine in _engines():
        plugins = lark_cython.plugins if engine == "fast" and lark_cython else {}
        trees_only: dict[str, Lark] = {}

        def tree_parser(recorded: Lark, plugins: dict[str, Any] = plugins, cache: dict[int, Lark] = trees_only) -> Lark:
            """The recorded parser's grammar with the same options, building Lark's own trees only."""
            if id(recorded) not in cache:
                path = grammar_dir() / f"{_grammar_of(recorded)}.lark"
                cache[id(recorded)] = Lark.open(str(path), **OPTIONS, _plugins=plugins)
            return cache[id(recorded)]

        def builder_parser(recorded: Lark, engine: str = engine) -> Lark:
            """The parser ``parse`` uses for the recorded one's grammar and builder, on ``engine``."""
            with _engine(engine):
                return get_parser(_grammar_of(recorded), type(recorded.options.transformer))

        def in_engine(run: Callable[[str], object], engine: str = engine) -> Callable[[Document], object]:
            def timed(document: Document) -> object:
                with _engine(engine):
                    return run(document.text)
            return timed

        def trees(document: Document, parser: Callable[[Lark], Lark] = tree_parser) -> object:
            return [parser(lark).parse(text) for lark, text, _ in document.lark_calls]

        def built(document: Document, parser: Callable[[Lark], Lark] = builder_parser) -> object:
            # in the context the real parse ran in (the resolution builder reads its window from it)
            return [context.run(parser(lark).parse, text) for lark, text, context in document.lark_calls]

        out += [
            Alternative("parse", engine, in_engine(_parse_or_none)),
            Alternative("extract_citations", engine, in_engine(extract_citations)),
            Alternative("Lark trees only", engine, trees),
            Alternative("Lark + builders", engine, built),
        ]
    return out


def _measure(documents: list[Document], alternatives: list[Alternative], rounds: int) -> dict[int, list[float]]:
    """Per alternative, each document's median time (seconds), in the order of ``documents``."""
    for alternative in alternatives:  # warm-up: parsers built, caches filled
        for document in documents:
            alternative.run(document)
    samples = [[[0.0] * rounds for _ in documents] for _ in alternatives]
    # This process's CPU time: on a shared machine the wall clock also counts the time other
    # processes held the core (printed below, as the share of the wall time the bench had).
    clock = time.process_time
    wall, cpu = time.perf_counter(), time.process_time()
    for r in range(rounds):
        order = alternatives[r % len(alternatives):] + alternatives[: r % len(alternatives)]
        for d, document in enumerate(documents):
            for alternative in order:
                start = clock()
                alternative.run(document)
                samples[alternatives.index(alternative)][d][r] = clock() - start
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"measured: {cpu:.0f} s of CPU in {wall:.0f} s of wall time (the bench had the core {cpu / wall:.0%} "
          "of the time); figures below are CPU time")
    return {a: [statistics.median(per_round) for per_round in per_doc] for a, per_doc in enumerate(samples)}


# ---------------------------------------------------------------------------------------- tables


def _throughput_table(documents: list[Document], long: list[Document], alternatives: list[Alternative],
                      times: dict[int, list[float]]) -> None:
    sets = {"corpus": documents, "long": long}
    index = {id(d): i for i, d in enumerate(documents)}
    header = "".join(f"{f'{name} {engine}':>14}" for name in sets for engine in _engines())
    speedups = "".join(f"{f'{name} x':>10}" for name in sets) if lark_cython else ""
    print(f"  {'':<22}{header}{speedups}")
    whats = list(dict.fromkeys(a.what for a in alternatives))
    rates: dict[tuple[str, str, str], float] = {}
    for what in whats:
        cells, ratios = "", ""
        for name, chosen in sets.items():
            for engine in _engines():
                a = next(i for i, alt in enumerate(alternatives) if alt.what == what and alt.engine == engine)
                seconds = sum(times[a][index[id(d)]] for d in chosen)
                rates[(what, engine, name)] = sum(d.size for d in chosen) / seconds / 1e6 if seconds else math.nan
                cells += f"{rates[(what, engine, name)]:>14.2f}"
            if lark_cython:
                ratios += f"{rates[(what, 'fast', name)] / rates[(what, 'pure', name)]:>9.2f}x"
        print(f"  {what:<22}{cells}{ratios}")
    for name in sets:  # what the grammar's ceiling leaves: the pipeline around it
        for engine in _engines():
            around = 1 / rates[("parse", engine, name)] - 1 / rates[("Lark + builders", engine, name)]
            print(f"  around the grammar, {name} {engine}: {around:.3f} s/MB "
                  f"({around * rates[('parse', engine, name)]:.0%} of parse)")
    print("  'x': the speed-up with lark-cython; 'around the grammar': parse's time less Lark + builders'")
    print("\ntargets")
    for (what, engine, name), target in TARGETS.items():
        if (what, engine, name) in rates:
            got = rates[(what, engine, name)]
            _row(f"{what} {engine} {name}", f"{got:.2f} MB/s", f">= {target}", got >= target)


def _linear_fits(documents: list[Document], alternatives: list[Alternative], times: dict[int, list[float]]) -> None:
    sizes = [d.size for d in documents]
    for a, alternative in enumerate(alternatives):
        if alternative.what not in ("parse", "extract_citations"):
            continue
        fit = statistics.linear_regression(sizes, times[a])
        per_byte = f"{1 / fit.slope / 1e6:.2f} MB/s" if fit.slope > 0 else "n/a"
        _row(f"{alternative.what} {alternative.engine}", f"{fit.intercept * 1e6:.0f} µs",
             f"+ {fit.slope * 1e9:.0f} µs per kB (the per-byte part alone: {per_byte})")


def _row(label: str, value: str, note: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {label:<30} {value:>14}   {note}{mark}")


def _kb(documents: list[Document]) -> str:
    return f"{sum(d.size for d in documents) / 1000:.0f}"


# -------------------------------------------------------------------- memory, cold start, scaling


def _peak_memory(documents: list[Document]) -> int:
    with _engine("pure"):
        tracemalloc.start()
        for document in documents:
            _parse_or_none(document.text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def _cold_start(path: Path, engine: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "uchwaly_parser", "--format", "summary", str(path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("UCHWALY_PARSER_PURE", None)
    if engine == "pure":
        env["UCHWALY_PARSER_PURE"] = "1"
    return min(_timed(command, env) for _ in range(5))


def _cold_floor() -> tuple[float, float]:
    return min(_timed([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(5))


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and the CPU time the child used (which the machine's load does not inflate)."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _children_cpu() - cpu_before


def _children_cpu() -> float:
    if resource is None:
        return math.nan
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The body starts at the first "§ 1" and ends before the signature; repeating it keeps the header,
# legal basis and signature once, as a long resolution has them.
_FIRST_PARAGRAF = re.compile(r"§\s*1\.")
_SIGNATURE = re.compile(r"\n[ \t]*(?:Przewodnicząc|PRZEWODNICZĄC)")
_PARAGRAF_NUMBER = re.compile(r"§ (\d+)\.")


def _scaling(documents: list[Document]) -> tuple[float, list[tuple[int, int, float]]]:
    seed = (ROOT / "examples" / "uchwala_krzykosy.txt").read_text(encoding="utf-8")
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
        seconds = min(_cpu_timed(lambda text=text: parse(text)) for _ in range(runs))
        rows.append((factor, len(text.encode("utf-8")), seconds))
    slope = statistics.linear_regression([math.log(s) for _, s, _ in rows], [math.log(t) for _, _, t in rows]).slope
    return slope, rows


def _cpu_timed(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


# ------------------------------------------------------------------------------------ the machine


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


class _Machine:
    """What else the machine was doing: load averages, and the CPU time other processes took."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.cpu_at_start = self._cpu_times()

    def print_state(self, when: str) -> None:
        if hasattr(os, "getloadavg"):
            one, five, fifteen = os.getloadavg()
            print(f"load average {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)")

    def print_others(self) -> None:
        wall = time.monotonic() - self.started
        before, after = self.cpu_at_start, self._cpu_times()
        used: dict[str, float] = {}
        for pid, (name, seconds) in after.items():
            if pid != os.getpid():
                used[name] = used.get(name, 0.0) + seconds - before.get(pid, (name, 0.0))[1]
        busy = sorted(((s, n) for n, s in used.items() if s > 0.5), reverse=True)
        total = sum(s for s, _ in busy)
        print(f"other processes used {total:.0f} CPU s in the bench's {wall:.0f} s "
              f"(≈ {total / wall:.1f} cores busy besides the bench): "
              + ", ".join(f"{n} {s:.0f} s" for s, n in busy[:6]))

    @staticmethod
    def _cpu_times() -> dict[int, tuple[str, float]]:
        """CPU seconds (user + system) of every process, by pid (Linux /proc; empty elsewhere)."""
        out: dict[int, tuple[str, float]] = {}
        tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                raw = stat.read_text()
            except OSError:
                continue
            name = raw[raw.index("(") + 1 : raw.rindex(")")]
            fields = raw[raw.rindex(")") + 2 :].split()
            out[int(stat.parent.name)] = (name, (int(fields[11]) + int(fields[12])) / tick)
        return out


if __name__ == "__main__":
    raise SystemExit(main())
