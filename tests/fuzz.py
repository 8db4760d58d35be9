"""``make fuzz``: the hostile mutations of tests/hostile.py, N times, with what broke counted by kind.

    python tests/fuzz.py -n 100000 [--seed 0] [--jobs 2] [--report-every 1000]

Each mutation is drawn from its own seeded ``random.Random`` (so any failure can be rerun alone
with ``--only I``, and ``--jobs`` runs exactly the mutations of one process); one in ten damages the bytes (a tail in another code page) instead of the text.
Prints the counts (trees, ParseErrors, and each kind of broken promise: exceptions other than
ParseError, JSON and XML rejects, lossless mismatches, Markdown blocks) and the rate; exits 1 when
any promise broke. Failures are written to fuzz-failures/ (the input and what broke).
"""

from __future__ import annotations

import argparse
import collections
import functools
import multiprocessing
import random
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from hostile import SEEDS, Broken, encoding_tail, keep_promises, keep_promises_on_bytes, mutate


def one(i: int, seed: int, texts: list[str]) -> tuple[str, bytes | str]:
    """The outcome of mutation ``i`` ("tree", "ParseError" or a broken promise's kind) and its input."""
    rng = random.Random(seed * 1_000_003 + i)
    text = rng.choice(texts)
    data: bytes | str = encoding_tail(text, rng) if rng.random() < 0.1 else mutate(text, rng, rng.randint(1, 6))
    try:
        result = keep_promises_on_bytes(data) if isinstance(data, bytes) else keep_promises(data)
    except Broken as broken:
        return broken.kind, data
    return ("tree" if result is not None else "ParseError"), data


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("-n", type=int, default=100_000, help="how many mutations")
    cli.add_argument("--seed", type=int, default=0)
    cli.add_argument("--only", type=int, help="run mutation I alone")
    cli.add_argument("--jobs", type=int, default=1, help="worker processes")
    cli.add_argument("--report-every", type=int, default=1_000)
    args = cli.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    failures = Path("fuzz-failures")
    counts: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    numbers = [args.only] if args.only is not None else range(args.n)
    run = functools.partial(one, seed=args.seed, texts=texts)
    if args.jobs > 1:  # the same mutations, numbered and seeded as in one process, counted in order
        with multiprocessing.Pool(args.jobs) as pool:
            broken = _count(pool.imap(run, numbers, chunksize=50), numbers, counts, failures, started,
                            args.report_every)
    else:
        broken = _count(map(run, numbers), numbers, counts, failures, started, args.report_every)
    print(f"broken promises: {broken}")
    return 1 if broken else 0


def _count(outcomes: Iterable[tuple[str, bytes | str]], numbers: Sequence[int], counts: collections.Counter[str],
           failures: Path, started: float, report_every: int) -> int:
    for done, (i, (kind, data)) in enumerate(zip(numbers, outcomes, strict=True), 1):
        counts[kind] += 1
        if kind not in ("tree", "ParseError"):
            failures.mkdir(exist_ok=True)
            raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            (failures / f"{i}.{kind}.in").write_bytes(raw)
        if done % report_every == 0 or done == len(numbers):
            rate = done / (time.monotonic() - started)
            print(f"{done:>7} mutations, {rate:5.1f}/s: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
                  flush=True)
    return sum(v for k, v in counts.items() if k not in ("tree", "ParseError"))


if __name__ == "__main__":
    sys.exit(main())
