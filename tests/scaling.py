"""How a cost grows with input size, measured as a ratio: the tests' linearity and memory checks.

Absolute speed is for ``make bench``; here only the growth between two sizes of the same input
counts, so a slow machine slows both sizes alike. The time of each size is the best of a few runs
of this process's CPU time (a busy core only ever adds time).
"""

from __future__ import annotations

import math
import time
import tracemalloc
from collections.abc import Callable

# The exponent a linear cost may show between two sizes (the bound: 1.1). A quadratic
# step shows 2, a fixed overhead pulls a linear one below 1.
LINEAR = 1.1


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` CPU times of ``run()`` in this process, in seconds (on a shared
    machine the wall clock also counts the time other processes held the core, and that load
    changes between the two sizes: the wall-clock ratio failed a linear parse at 1.15)."""
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def exponent(make: Callable[[int], str], run: Callable[[str], object], small: int, large: int,
             repeat: int = 3) -> float:
    """The log-log slope of ``run``'s time from ``make(small)`` to ``make(large)`` (sizes in characters)."""
    little, big = make(small), make(large)
    run(little)  # warm: grammars loaded, regexes compiled
    ratio = best_time(lambda: run(big), repeat) / best_time(lambda: run(little), repeat)
    return math.log(ratio) / math.log(len(big) / len(little))


def peak_memory(run: Callable[[], object]) -> int:
    """The peak of memory allocated by Python while ``run()`` runs, in bytes (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
