"""How a cost grows with input size, measured as a ratio: the tests' linearity and memory checks.

Absolute speed is for ``make bench``; here only the growth between two sizes of the same input
counts. Time is this process's CPU time, so other work on a shared machine does not count; the time
of each size is the best of a few runs, and a slope over the bound is measured again before it is
believed (noise only ever adds time, a quadratic step shows at every attempt).
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# The exponent a linear cost may show between two sizes. Measured on a quiet machine: 1.0-1.08 from
# 10 kB to 1 MB (the bound is 1.1); other processes on a shared machine compete for the
# memory caches, which slows the large size more (1.12 seen under a load of 6 on 2 cores). The
# quadratic steps this guards against showed 1.24 to 2.15.
LINEAR = 1.2


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` CPU times of ``run()``, in seconds.

    The cyclic garbage collector is paused meanwhile: its passes depend on what else is alive in the
    process (the test session), not on the code measured.
    """
    best = math.inf
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def exponent(run: Callable[[T], object], small: T, large: T, size: Callable[[T], int] = len, repeat: int = 5,
             attempts: int = 5) -> float:
    """The log-log slope of ``run``'s time from input ``small`` to ``large`` (``size`` measures an input).

    The lowest of up to ``attempts`` measurements; later ones are made only while the slope is above LINEAR.
    """
    run(small)  # warm: grammars loaded, regexes compiled
    slope = math.inf
    for _ in range(attempts):
        ratio = best_time(lambda: run(large), repeat) / best_time(lambda: run(small), repeat)
        slope = min(slope, math.log(ratio) / math.log(size(large) / size(small)))
        if slope <= LINEAR:
            break
    return slope



def peak_memory(run: Callable[[], object]) -> int:
    """The peak of memory allocated by Python while ``run()`` runs, in bytes (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
