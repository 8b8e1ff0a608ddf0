#!/usr/bin/env python3
"""What the ``variants`` check costs: lint CPU time of the news corpus with
the default style, with and without its ``variants`` rules, interleaved.

    python bench/variants_cost.py               # 7 rounds on ../shared/corpus/news
    python bench/variants_cost.py --rounds 11 --corpus DIR
    python bench/variants_cost.py --parts      # the check's own parts, timed alone
    python bench/variants_cost.py --warm       # steady state: engines already used once
    python bench/variants_cost.py --startup --rounds 30   # start-up, in new processes
    python bench/variants_cost.py --process --rounds 7    # a whole lint in new processes, split up

Each round builds fresh engines (so the check starts with an empty key cache
and RE2 with a cold automaton, as in a new ``copylint check`` process) and
lints every file once with each; CPU time is user + system of this process
(``time.process_time``), which other jobs on a shared machine disturb far less
than wall time.  A difference of 2 % of the whole lint is within what
another job on the machine does to it, so ``--parts`` times what the check
adds by itself, by the minimum over the rounds: the engine's shared RE2 pass
with and without the check (its markers are searched by their own automaton,
inside its ``run``, so the two should be equal), and the check's ``run`` over every
document (its own key cache cold, as in a new process), next to the lint of
the style without the check.  Those parts are minima over rounds of one
process, so they miss what only a new process pays (``re``'s compile cache,
module caches, first-touched memory); ``--process`` times a whole lint in new
processes, with and without the check interleaved, and splits the check's
part up inside the lint: the shared RE2 pass, its ``run`` and within it the
markers' own pass (Aho-Corasick, or RE2), the signatures, the keys and the
judging of candidate pairs.  Exits 0, or 0 with a message when the corpus is
absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import load_rules  # noqa: E402
from copylint.document.model import Document  # noqa: E402
from copylint.engine.core import Engine  # noqa: E402

DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "news",
                                   ROOT.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "news")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--style", default="newsroom")
    parser.add_argument("--parts", action="store_true",
                        help="time the check's parts alone (RE2 pass, run) instead of two whole lints")
    parser.add_argument("--startup", action="store_true",
                        help="start-up in new processes: import, load, build the engine, lint a small story")
    parser.add_argument("--warm", action="store_true",
                        help="whole lints with engines that have linted the corpus once (steady state)")
    parser.add_argument("--process", action="store_true",
                        help="whole lints in new processes, the check's part split up inside them")
    args = parser.parse_args(argv)
    if args.startup:
        return _startup(args)
    if args.process:
        return _process(args)
    files = sorted(args.corpus.rglob("*.txt")) if args.corpus.is_dir() else []
    if not files:
        print(f"no corpus at {args.corpus}: nothing measured")
        return 0
    texts = [f.read_text(encoding="utf-8") for f in files]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rules = load_rules(style=args.style)
    sets = {"without": [r for r in rules if r.kind != "variants"], "with": list(rules)}
    if args.parts:
        return _parts(texts, sets, rules.known_ids, args)
    times: dict[str, list[float]] = {name: [] for name in sets}
    warm = {name: Engine(rules, rules.known_ids) for name, rules in sets.items()} if args.warm else {}
    for engine in warm.values():
        for text in texts:
            engine.lint(Document(text))
    for round_ in range(args.rounds):
        for name in (sets if round_ % 2 == 0 else reversed(list(sets))):
            engine = warm.get(name) or Engine(sets[name], rules.known_ids)
            start = time.process_time()
            for text in texts:
                engine.lint(Document(text))
            times[name].append(time.process_time() - start)
    state = "warm engines" if args.warm else "fresh engines"
    print(f"{len(files)} files, {megabytes:.2f} MB, style {args.style}, {args.rounds} rounds, {state} (CPU seconds)")
    for name, values in times.items():
        print(f"  {name:8} variants rules: min {min(values):.3f}  median {statistics.median(values):.3f}")
    base, new = min(times["without"]), min(times["with"])
    print(f"  cost of the check: {new - base:+.3f} s ({(new - base) / base:+.1%}) by the minimum, "
          f"{statistics.median(times['with']) - statistics.median(times['without']):+.3f} s by the median")
    return 0


_STARTUP = """
import sys, time
start = time.process_time()
from copylint import load_rules
from copylint.checks import base, fastscan
from copylint.document.model import Document
from copylint.engine.core import Engine
from copylint.ruleset import fields
rules = load_rules(style=sys.argv[1])
chosen = [r for r in rules if sys.argv[2] == "with" or r.kind != "variants"]
imported = built = 0.0
if sys.argv[2] == "with":  # the check's own part, timed alone: its module, then one check
    a = time.process_time()
    from copylint.checks.variants import VariantsCheck
    b = time.process_time()
    VariantsCheck([r for r in rules if r.kind == "variants"])
    c = time.process_time()
    imported, built = b - a, c - b
ready = time.process_time()
engine = Engine(chosen, rules.known_ids)
engine.lint(Document("A plain note.\\nIt has three lines.\\nNothing more.\\n"))
end = time.process_time()
print(end - start - built, end - ready, imported, built, "copylint.checks.variants_compare" in sys.modules)
"""


def _startup(args: argparse.Namespace) -> int:
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    times: dict[str, list[float]] = {"without": [], "with": []}
    engine: dict[str, list[float]] = {"without": [], "with": []}
    own: dict[str, list[float]] = {"import": [], "build": []}
    loaded = False
    for round_ in range(args.rounds + 1):
        for name in (("with", "without") if round_ % 2 == 0 else ("without", "with")):
            # from the checkout: `python -c` puts the working directory first on sys.path
            out = subprocess.run([sys.executable, "-c", _STARTUP, args.style, name], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.split()
            if round_:  # the first round writes bytecode and the rule cache
                times[name].append(float(out[0]))
                engine[name].append(float(out[1]))
                if name == "with":
                    own["import"].append(float(out[2]))
                    own["build"].append(float(out[3]))
                loaded = loaded or out[4] == "True"
    print(f"start-up, style {args.style}, {args.rounds} rounds of new processes (CPU seconds)")
    for name, values in times.items():
        print(f"  {name:8} variants rules: min {min(values):.4f}  median {statistics.median(values):.4f}  "
              f"(engine built and story linted: min {min(engine[name]):.4f}  "
              f"median {statistics.median(engine[name]):.4f})")
    dmin = min(times["with"]) - min(times["without"])
    dmed = statistics.median(times["with"]) - statistics.median(times["without"])
    print(f"  cost of the check: {dmin * 1000:+.1f} ms by the minimum, {dmed * 1000:+.1f} ms by the median; "
          f"comparison module imported: {loaded}")
    print(f"  the check's own part: importing its module min {min(own['import']) * 1000:.2f} ms "
          f"(median {statistics.median(own['import']) * 1000:.2f}), building it min "
          f"{min(own['build']) * 1000:.2f} ms (median {statistics.median(own['build']) * 1000:.2f})")
    return 0


_PROCESS = """
import sys, time
from pathlib import Path
from copylint import load_rules
from copylint.checks import fastscan, variants
from copylint.document.model import Document
from copylint.engine.core import Engine
clock = time.process_time
spent = dict.fromkeys(("lint", "set pass", "run", "markers", "signatures", "keys", "judging"), 0.0)
def timed(cls, name, part, generator=False):
    original = getattr(cls, name)
    def wrapper(*args):
        start = clock()
        result = list(original(*args)) if generator else original(*args)
        spent[part] += clock() - start
        return result
    setattr(cls, name, wrapper)
timed(fastscan.TriggerSet, "fired", "set pass")
if sys.argv[2] == "with":
    timed(variants.VariantsCheck, "run", "run", generator=True)
    from copylint.checks import variants_compare  # imported by the first marked story anyway
    timed(variants_compare._Table, "learn", "keys")
    timed(variants_compare._Table, "sharing", "signatures")
    timed(variants_compare.Comparer, "_judge", "judging", generator=True)
files = sorted(Path(sys.argv[3]).rglob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
rules = load_rules(style=sys.argv[1])
engine = Engine([r for r in rules if sys.argv[2] == "with" or r.kind != "variants"], rules.known_ids)
for check in engine.checks:  # the markers' own pass (not in the shared set)
    trigger = getattr(check, "_only", None) if isinstance(check, variants.VariantsCheck) else None
    if trigger is not None:
        def absent(doc, _original=trigger.absent):
            start = clock()
            found = _original(doc)
            spent["markers"] += clock() - start
            return found
        trigger.absent = absent
start = clock()
for text in texts:
    engine.lint(Document(text))
spent["lint"] = clock() - start
print(" ".join(str(v) for v in spent.values()))
"""


def _process(args: argparse.Namespace) -> int:
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    parts = ("lint", "set pass", "run", "markers", "signatures", "keys", "judging")
    got: dict[str, dict[str, list[float]]] = {"with": {p: [] for p in parts}, "without": {p: [] for p in parts}}
    for round_ in range(args.rounds + 1):
        for name in (("with", "without") if round_ % 2 == 0 else ("without", "with")):
            out = subprocess.run([sys.executable, "-c", _PROCESS, args.style, name, str(args.corpus)], env=env,
                                 cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
            if round_:  # the first round writes bytecode and the rule cache
                for part, value in zip(parts, out):
                    got[name][part].append(float(value))
    med = {name: {p: statistics.median(v) for p, v in series.items()} for name, series in got.items()}
    base = med["without"]["lint"]
    print(f"style {args.style}, {args.rounds} rounds of new processes, each one whole lint (CPU seconds, median)")
    for name in ("without", "with"):
        print(f"  {name:8} " + "  ".join(f"{p} {med[name][p]:.4f}" for p in parts if med[name][p] or p == "lint"))
    lint = med["with"]["lint"] - base
    setpass = med["with"]["set pass"] - med["without"]["set pass"]
    print(f"  cost of the check: whole lint {lint:+.4f} s ({lint / base:+.1%}); the shared RE2 pass "
          f"{setpass:+.4f} s ({setpass / base:+.1%}); its run {med['with']['run']:.4f} s "
          f"({med['with']['run'] / base:+.1%}), of which its markers' own pass {med['with']['markers']:.4f} s, "
          f"signatures {med['with']['signatures']:.4f} s, keys {med['with']['keys']:.4f} s and judging "
          f"{med['with']['judging']:.4f} s")
    return 0


def _parts(texts: list[str], sets: dict, known_ids, args: argparse.Namespace) -> int:
    from copylint.checks.variants import VariantsCheck

    times: dict[str, list[float]] = {"lint without": [], "RE2 pass without": [], "RE2 pass with": [],
                                     "variants run": [], "RE2 pass without, warm": [],
                                     "RE2 pass with, warm": [], "variants run, warm": []}
    engines: dict[str, Engine] = {}
    for _round in range(args.rounds):
        engine = Engine(sets["without"], known_ids)
        docs = [Document(text) for text in texts]
        start = time.process_time()
        for doc in docs:
            engine.lint(doc)
        times["lint without"].append(time.process_time() - start)
        for warm in ("", ", warm"):
            for name in ("without", "with"):
                if not warm:
                    engines[name] = Engine(sets[name], known_ids)
                engine = engines[name]
                docs = [Document(text) for text in texts]
                for doc in docs:
                    doc.lower_utf8  # noqa: B018 - computed by the engine either way, not timed here
                start = time.process_time()
                for doc in docs:
                    engine._triggers.fired(doc)
                times[f"RE2 pass {name}{warm}"].append(time.process_time() - start)
            # the check as the engine runs it (first fresh: empty key cache), the RE2 pass done
            checks = [c for c in engines["with"].checks if isinstance(c, VariantsCheck)]
            start = time.process_time()
            for doc in docs:
                for check in checks:
                    for _hit in check.run(doc):
                        pass
            times[f"variants run{warm}"].append(time.process_time() - start)
    best = {name: min(values) for name, values in times.items()}
    base = best["lint without"]
    print(f"{len(texts)} files, style {args.style}, {args.rounds} rounds (CPU seconds, minimum)")
    for name, value in best.items():
        print(f"  {name:24} {value:.4f}")
    trigger = best["RE2 pass with"] - best["RE2 pass without"]
    run = best["variants run"]
    print(f"  cost of the check: shared RE2 pass {trigger:+.4f} s ({trigger / base:+.1%}), "
          f"run {run:+.4f} s ({run / base:+.1%}), together {(trigger + run) / base:+.1%} "
          "of the lint without it")
    trigger = best["RE2 pass with, warm"] - best["RE2 pass without, warm"]
    run = best["variants run, warm"]
    print(f"  once warm (same engines again): shared RE2 pass {trigger:+.4f} s ({trigger / base:+.1%}), "
          f"run {run:+.4f} s ({run / base:+.1%}), together {(trigger + run) / base:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
