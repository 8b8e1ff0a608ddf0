#!/usr/bin/env python3
"""Safe and unsafe fixes on the clean news corpus: how many fixes a plain
`copylint fix` would apply, how many wait for `--unsafe-fixes`, by rule.

    python bench/fix_applicability.py                 # every built-in style
    python bench/fix_applicability.py --style newsroom --corpus DIR

Exits 0 (a report, not a gate); 0 with a message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import lint_text, load_rules  # noqa: E402
from copylint.ruleset import BUILTIN_RULES_DIR, builtin_styles  # noqa: E402

DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "news",
                                   ROOT.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "news")


def count(files: list[Path], style: str) -> Counter:
    rules = load_rules(style=style)
    counts: Counter = Counter()
    for path in files:
        for finding in lint_text(path.read_text(encoding="utf-8"), rules, path=str(path)):
            if finding.fix is not None:
                counts[(str(finding.applicability), finding.rule)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--style", action="append", help="style to measure (repeatable; default: all built-in)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"fix_applicability: corpus {args.corpus} not found; skipping")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    for style in args.style or builtin_styles(BUILTIN_RULES_DIR):
        counts = count(files, style)
        safe = sum(n for (kind, _), n in counts.items() if kind == "safe")
        unsafe = sum(n for (kind, _), n in counts.items() if kind == "unsafe")
        print(f"\n== style {style}: {len(files)} files; fixes: {safe} safe, {unsafe} unsafe")
        for (kind, rule), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            print(f"{kind:<7} {rule:<40} {n:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
