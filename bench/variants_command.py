#!/usr/bin/env python3
"""Whole-command CPU time of ``copylint check`` with and without the
``variants`` rule (``--ignore names.transliteration-variants``), each run a
new process, the two interleaved (the order alternates each round).

    python bench/variants_command.py ../shared/corpus/news --rounds 11
    python bench/variants_command.py small.txt --rounds 40          # start-up
    python bench/variants_command.py FILE --tree /path/to/other/checkout  # its code

CPU time is user + system of the child (``resource.getrusage``, microsecond
resolution), which other jobs on a shared machine disturb far less than wall
time.  ``--tree`` runs another checkout's ``copylint`` package (by
``PYTHONPATH``) with this interpreter, e.g. the base commit, so two versions
can be compared in one interleaved series.  Prints the minimum and median of
each series and their differences.  Exits 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE = "names.transliteration-variants"


def cpu_of(command: list[str], env: dict[str, str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # run from the checkout: `python -m` puts the working directory first on sys.path
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path, help="a file or folder to check")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--style", default="newsroom")
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="also time this checkout's copylint (repeatable)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up as installed: bytecode cached
    trees = [ROOT] + [t.resolve() for t in args.tree]
    series: dict[str, list[float]] = {}
    runs = []
    for tree in trees:
        for mode in ("with", "without"):
            name = f"{mode:7} {tree.name}" if args.tree else mode
            ignore = ["--ignore", RULE] if mode == "without" else []
            command = [sys.executable, "-m", "copylint", "check", "--jobs", "1", "--no-config",
                       "--style", args.style, "--format", "json", *ignore, str(args.target.resolve())]
            runs.append((name, command, {**env, "PYTHONPATH": str(tree)}, tree))
            series[name] = []
    for name, command, run_env, tree in runs:  # warm: bytecode written, rule cache filled
        cpu_of(command, run_env, tree)
    for round_ in range(args.rounds):
        for name, command, run_env, tree in (runs if round_ % 2 == 0 else runs[::-1]):
            series[name].append(cpu_of(command, run_env, tree))
    print(f"{args.target}: style {args.style}, {args.rounds} interleaved rounds, CPU seconds of each process")
    for name, values in series.items():
        print(f"  {name:24} min {min(values):.4f}  median {statistics.median(values):.4f}")
    for tree in trees:
        w = f"{'with':7} {tree.name}" if args.tree else "with"
        wo = f"{'without':7} {tree.name}" if args.tree else "without"
        dmin = min(series[w]) - min(series[wo])
        dmed = statistics.median(series[w]) - statistics.median(series[wo])
        print(f"  the rule costs {tree.name}: {dmin:+.4f} s ({dmin / min(series[wo]):+.1%}) by the minimum, "
              f"{dmed:+.4f} s ({dmed / statistics.median(series[wo]):+.1%}) by the median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
