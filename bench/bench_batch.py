"""Benchmark of a corpus-sized run: ``make bench-batch`` (``python bench/bench_batch.py``).

Builds a corpus of ``--files`` (≥ 5,000) files from the corpus texts in a temporary folder and runs
``python -m uchwaly_parser dataset`` over it as a user would, with 1 and N jobs, printing files/s,
MB/s, the speed-up, the peak RSS of the parent and of a worker (the kernel's VmHWM of each process,
polled), the cost of the progress bar, and the parent's peak RSS for 1,000 against 10,000 files.
The load average before and after is printed too: other work on the machine depresses the speed-up.
Nothing here is a test: the figures are for people, the targets are printed next to them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {
    "speed_up": 0.8,  # × N jobs, at least (on an otherwise idle machine)
    "rss_growth": 0.2,  # parent's peak RSS from 1,000 to 10,000 files, at most
}


def build_corpus(texts: list[Path], folder: Path, count: int) -> int:
    """``count`` files cycling through ``texts`` (distinct names, one folder per 1,000); returns their bytes."""
    total = 0
    for i in range(count):
        source = texts[i % len(texts)]
        target = folder / f"{i // 1000:02d}" / f"{i:05d}_{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        total += source.stat().st_size
    return total


def _peak_rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


@dataclass
class Run:
    seconds: float
    parent_kb: int
    worker_kb: int  # the largest of the descendants (workers, and the forkserver)
    parent_cpu: float  # CPU seconds of the parent, and of all its descendants
    workers_cpu: float
    peaks: dict[int, int] = field(default_factory=dict)


def run_dataset(corpus: Path, out: Path, jobs: int, *extra: str) -> Run:
    """One ``dataset`` run, its wall time and the peak RSS of the parent and of the largest worker."""
    command = [sys.executable, "-m", "uchwaly_parser", "dataset", str(corpus), "--out", str(out),
               "--format", "parquet", "--jobs", str(jobs), *extra]  # a later --format wins
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    while process.poll() is None:
        tree = _children()
        pending, seen = [process.pid], []
        while pending:
            pid = pending.pop()
            seen.append(pid)
            pending += tree.get(pid, [])
        for pid in seen:
            peak = _peak_rss_kb(pid)
            if peak:
                peaks[pid] = max(peak, peaks.get(pid, 0))
            seconds_used = _cpu_seconds(pid)
            if seconds_used is not None:
                cpu[pid] = max(seconds_used, cpu.get(pid, 0.0))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"the run failed: {' '.join(command)} (exit {process.returncode})")
    parent = peaks.pop(process.pid, 0)
    parent_cpu = cpu.pop(process.pid, 0.0)
    return Run(seconds, parent, max(peaks.values(), default=0), parent_cpu, sum(cpu.values()), peaks)


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    cli.add_argument("--files", type=int, default=5000)
    cli.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = cli.parse_args(argv)
    texts = sorted(args.corpus.glob("*.txt"))
    if not texts:
        raise SystemExit(f"no *.txt in {args.corpus}")
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temporary:
        base = Path(temporary)
        corpus = base / "corpus"
        size = build_corpus(texts, corpus, args.files)
        print(f"corpus: {args.files:,} files, {size / 1e6:.1f} MB, built from the {len(texts)} texts of {args.corpus}")
        runs: dict[str, Run] = {}
        for name, jobs, extra in (("1 job", 1, ["--quiet"]), (f"{args.jobs} jobs", args.jobs, ["--quiet"]),
                                  (f"{args.jobs} jobs + bar", args.jobs, ["--progress"])):
            runs[name] = run_dataset(corpus, base / f"out-{len(runs)}", jobs, *extra)
        print()
        print(f"{'run':<16}{'seconds':>9}{'files/s':>10}{'MB/s':>8}{'parent RSS':>12}{'worker RSS':>12}"
              f"{'CPU parent':>12}{'CPU workers':>13}")
        for name, run in runs.items():
            worker = f"{run.worker_kb / 1024:>9.0f} MB" if run.worker_kb else f"{'(none)':>12}"
            print(f"{name:<16}{run.seconds:>9.2f}{args.files / run.seconds:>10.0f}{size / 1e6 / run.seconds:>8.2f}"
                  f"{run.parent_kb / 1024:>9.0f} MB{worker}{run.parent_cpu:>10.1f} s{run.workers_cpu:>11.1f} s")
        one, many, bar = runs["1 job"], runs[f"{args.jobs} jobs"], runs[f"{args.jobs} jobs + bar"]
        speed_up = one.seconds / many.seconds
        print("(CPU is sampled every 50 ms: the last samples of short-lived workers may be missed. CPU seconds over")
        print(" wall seconds is how many cores the run got: below N, other work on the machine held the rest.)")
        print(f"\nspeed-up with {args.jobs} jobs: {speed_up:.2f}x = {speed_up / args.jobs:.2f} x N "
              f"(target ≥ {TARGETS['speed_up']} x N on an idle machine)")
        print(f"progress bar: {100 * (bar.seconds - many.seconds) / many.seconds:+.1f} % wall time "
              "(rich drawing to a pipe, forced on with --progress)")
        # Every format holds every table, one documents row a file.
        sys.path.insert(0, str(ROOT / "src"))
        from uchwaly_parser.dataset import TABLES, read_table

        outs = {"parquet": base / "out-1"}
        for fmt in ("jsonl", "csv"):
            outs[fmt] = base / f"out-{fmt}"
            seconds = run_dataset(corpus, outs[fmt], args.jobs, "--quiet", "--format", fmt).seconds
            print(f"{fmt:<8} {args.jobs} jobs: {seconds:.2f} s, {args.files / seconds:.0f} files/s")
        for fmt, out in outs.items():
            counts = {table: len(read_table(out, table)) for table in TABLES}
            ok = "ok" if counts["documents"] == args.files else "ROWS MISSING"
            print(f"{fmt:<8} rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()) + f" ({ok})")
        # The parent's memory must not grow with the corpus: 1,000 against 10,000 files.
        small, large = base / "small", base / "large"
        build_corpus(texts, small, 1000)
        build_corpus(texts, large, 10_000)
        rss = {n: run_dataset(folder, base / f"out-{n}", args.jobs, "--quiet").parent_kb
               for n, folder in ((1000, small), (10_000, large))}
        growth = rss[10_000] / rss[1000] - 1
        print(f"parent peak RSS: {rss[1000] / 1024:.0f} MB for 1,000 files, {rss[10_000] / 1024:.0f} MB for 10,000 "
              f"({100 * growth:+.1f} %, target within {100 * TARGETS['rss_growth']:.0f} %)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
