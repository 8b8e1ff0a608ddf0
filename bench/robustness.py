"""Robustness measurements (not part of the test suite):

1. every file of the clean news corpus (../shared/corpus/news, skipped when
   absent): no input error, no internal error, no rule timeout;
2. a synthetic 50 MB single-line file linted with no size limit: wall time,
   findings, peak memory;
3. a catastrophic rule on a long line: wall time with the default timeout.

    python bench/robustness.py [--big-mb 50]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import ReadOptions, lint_paths, lint_text, load_rules  # noqa: E402
from copylint.engine.core import TIMEOUT_RULE_MESSAGE  # noqa: E402

# ../shared next to the checkout, or next to the folder of worktrees
CORPUS = next((c for c in (ROOT.parent / "shared" / "corpus" / "news",
                           ROOT.parent.parent / "shared" / "corpus" / "news") if c.is_dir()),
              ROOT.parent / "shared" / "corpus" / "news")
TIMED_OUT = TIMEOUT_RULE_MESSAGE.split("{id}")[1]


def corpus() -> None:
    if not CORPUS.is_dir():
        print(f"corpus: {CORPUS} not found, skipped")
        return
    start = time.perf_counter()
    report = lint_paths([CORPUS])
    took = time.perf_counter() - start
    timeouts = Counter(f.rule for f in report.findings if TIMED_OUT in f.message)
    print(f"corpus: {report.files} files in {took:.1f}s, {len(report.findings)} findings, "
          f"{len(report.failed)} input errors, {len(report.skipped)} skipped, "
          f"internal errors {sum('internal error' in str(e) for e in report.errors)}, "
          f"rule timeouts {sum(timeouts.values())}")


def big_file(megabytes: int) -> None:
    unit = "Officials in Kiev said the repairs would take a week. . "
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        size = megabytes * 1024 * 1024
        path.write_text((unit * (size // len(unit) + 1))[:size])
        start = time.perf_counter()
        report = lint_paths([path], read=ReadOptions(max_size=0))
        took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"big file: {megabytes} MB on one line in {took:.1f}s, {len(report.findings)} findings, "
          f"errors {len(report.errors)}, peak RSS {peak:.0f} MB")


def catastrophic() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "evil.yml"
        rules.write_text("rules:\n  - {id: evil.backtrack, kind: punctuation, level: error,"
                         " description: d, pattern: '(a+)+$'}\n")
        ruleset = load_rules([rules])
        lint_text("warm up", ruleset)  # compile the engine outside the timing
        start, cpu = time.perf_counter(), time.process_time()
        found = lint_text("It ended. . " + "a" * 5000 + "!", ruleset)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"catastrophic rule: {took:.2f}s wall, {cpu:.2f}s CPU (timeout {ruleset.regex_timeout}s), "
          f"reported: {[f.rule for f in found if TIMED_OUT in f.message]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args()
    corpus()
    catastrophic()
    big_file(args.big_mb)
