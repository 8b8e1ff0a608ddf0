#!/usr/bin/env python3
"""The whole command with 10,000 substitution terms against 100, as installed.

    python bench/big_lists.py [--corpus DIR] [--repeat N] [--tree PATH ...]

Writes the 100- and 10,000-term packs (``corpus.substitution_pack``, the same
as ``bench/run.py``) and runs ``copylint check --jobs 1 --no-config
--no-builtin --rules PACK CORPUS`` for each pack and each source tree
(``--tree``: a checkout or an export of one; default: this checkout),
taking turns, and prints the median CPU time (user + system of the child,
``os.wait4``) of each and the 10,000/100 ratio.

The 100-term pack finds nothing in the news corpus, the 10,000-term pack
finds 455 names.  ``--control`` also runs a 100-term pack that finds the
same (the 10,000-term pack's names that the first tree finds in the corpus,
and others of its names up to 100) and prints the 10,000-term command
against it: what the size of the list costs, findings aside.

Every command runs as an installed copylint does: with compiled bytecode
(kept under a temporary ``PYTHONPYCACHEPREFIX``; ``PYTHONDONTWRITEBYTECODE``
is removed, since compiling every module at start-up adds about 0.35 s to
both commands and flattens the ratio), with the tree first on ``PYTHONPATH``
and from a temporary working directory (``python -m`` puts the working
directory first on ``sys.path``: run from a checkout, it would import that
checkout whatever ``PYTHONPATH`` says).  The rule cache is warmed first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]

from corpus import substitution_pack  # noqa: E402
from run import SHARED_NEWS  # noqa: E402


def cpu_of(command: list[str], env: dict[str, str], cwd: Path) -> float:
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_NEWS)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--tree", type=Path, action="append", help="a source tree (default: this checkout)")
    parser.add_argument("--control", action="store_true",
                        help="also a 100-term pack with the 10,000-term pack's findings")
    args = parser.parse_args(argv)
    trees = [t.resolve() for t in args.tree or [ROOT]]
    if not args.corpus.is_dir():
        parser.error(f"no corpus at {args.corpus} (use --corpus DIR)")
    with tempfile.TemporaryDirectory(prefix="copylint-big-lists-") as tmp:
        work = Path(tmp)
        packs: dict[int | str, Path] = {n: substitution_pack(work / f"terms-{n}.yml", n) for n in (100, 10_000)}
        if args.control:
            packs["control"] = control_pack(packs[10_000], work / "terms-control.yml", trees[0], args.corpus, work)
        commands: dict[tuple[int | str, Path], tuple[list[str], dict[str, str]]] = {}
        for index, tree in enumerate(trees):
            env = _env(tree, work, index)
            for n, pack in packs.items():
                command = [sys.executable, "-m", "copylint", "check", "--jobs", "1", "--no-config",
                           "--no-builtin", "--rules", str(pack), str(args.corpus)]
                commands[(n, tree)] = (command, env)
                cpu_of(command, env, work)  # warm: bytecode, rule cache, the OS's file cache
        runs: dict[tuple[int | str, Path], list[float]] = {key: [] for key in commands}
        for _ in range(args.repeat):
            for key, (command, env) in commands.items():
                runs[key].append(cpu_of(command, env, work))
    print(f"copylint check, 100 vs 10,000 substitution terms, {args.corpus} "
          f"(CPU s, median of {args.repeat} interleaved runs; load average {os.getloadavg()[0]:.1f})")
    for tree in trees:
        small, big = (statistics.median(runs[(n, tree)]) for n in (100, 10_000))
        print(f"  {tree}: {small:.3f} s vs {big:.3f} s = {big / small:.2f}x")
        if args.control:
            same = statistics.median(runs[("control", tree)])
            print(f"    100 terms with the same findings: {same:.3f} s; 10,000 terms against it: {big / same:.2f}x")
    return 0


def _env(tree: Path, work: Path, index: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(work / f"pycache-{index}"),
               COPYLINT_CACHE_DIR=str(work / "rule-cache"))
    return env


def control_pack(big: Path, path: Path, tree: Path, corpus: Path, work: Path) -> Path:
    """A 100-term pack of ``big``'s swaps that finds what ``big`` finds in
    ``corpus``: the names found, then others (found nowhere) up to 100."""
    command = [sys.executable, "-m", "copylint", "check", "--jobs", "1", "--no-config", "--no-builtin",
               "--rules", str(big), "--format", "json", str(corpus)]
    out = subprocess.run(command, capture_output=True, text=True, env=_env(tree, work, 0), cwd=work).stdout
    found = {finding["match"].lower() for finding in json.loads(out)["findings"]}
    lines = big.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines if not line.startswith("      ")]
    swaps = [line for line in lines if line.startswith("      ")]
    hits = [line for line in swaps if line.split(":")[0].strip().lower() in found]
    if len(hits) > 100:
        raise SystemExit(f"the 10,000-term pack finds {len(hits)} names: too many for a 100-term control")
    chosen = set(hits + [line for line in swaps if line not in hits][:100 - len(hits)])
    path.write_text("\n".join(head + [line for line in swaps if line in chosen]) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
