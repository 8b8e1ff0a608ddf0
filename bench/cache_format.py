"""The rule cache's format: signed plain data (marshal + HMAC-SHA256) against
the pickle it replaced, for the default rule set.

    python3 bench/cache_format.py [--repeat N]

Prints the time to load the cached rule set in a process (read, verify,
decode; best of N) in both formats, the sizes of the files, and the start-up
of the whole ``copylint check small.txt`` with the rule cache warm (best and
median of N runs, wall and CPU time), as installed (bytecode compiled).
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["COPYLINT_CACHE_DIR"] = str(work / "cache")
        from copylint import load_rules
        from copylint.ruleset import cache, signed_store

        rules = load_rules().rules  # writes the signed cache
        (signed,) = (work / "cache").glob(f"rules-*{cache.SUFFIX}")
        pickled = work / "rules.pickle"
        pickled.write_bytes(pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))

        def load_pickle() -> None:
            with pickled.open("rb") as handle:
                assert len(pickle.load(handle)) == len(rules)

        def load_signed() -> None:
            assert len(cache.rules_from_data(signed_store.read_signed(signed)) or ()) == len(rules)

        print(f"default rule set: {len(rules)} rules")
        print(f"  pickle:             {pickled.stat().st_size:7,} bytes, "
              f"load {best_of(args.repeat, load_pickle) * 1000:.2f} ms")
        print(f"  signed plain data:  {signed.stat().st_size:7,} bytes, "
              f"load {best_of(args.repeat, load_signed) * 1000:.2f} ms (HMAC checked)")

        small = work / "small.txt"
        small.write_text("Crews repaired the bridge in Kyiv on Monday, officials said.\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "copylint", "check", str(small)]
        subprocess.run(command, env=env, capture_output=True, check=False)  # warm bytecode
        walls, cpus = [], []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=False)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(f"copylint check small.txt, rule cache warm: wall best {min(walls) * 1000:.0f} ms, "
              f"median {statistics.median(walls) * 1000:.0f} ms; CPU best {min(cpus) * 1000:.0f} ms, "
              f"median {statistics.median(cpus) * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
