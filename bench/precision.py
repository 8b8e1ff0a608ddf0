#!/usr/bin/env python3
"""Precision on the clean news corpus: findings per 10,000 words, by rule and level.

    python bench/precision.py                     # every built-in style; target checked on newsroom
    python bench/precision.py --style ap --check ap
    python bench/precision.py --corpus DIR --top 15

The corpus (../shared/corpus/news, professionally edited articles) should
produce almost nothing: every finding is a false positive or a slip the
editors missed.  Targets: at most 1 error per 10,000 words and at most 1
warning per 2,000 words (5 per 10,000).  Exits 1 when a checked style is over
target, 0 otherwise, and 0 with a message when the corpus is absent (a clone
of the repository has no ../shared).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import lint_text, load_rules  # noqa: E402
from copylint.document.model import WORD  # noqa: E402
from copylint.ruleset import BUILTIN_RULES_DIR, DEFAULT_STYLE, builtin_styles  # noqa: E402

# ../shared next to the checkout (or next to the directory holding a git worktree)
DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "news",
                                   ROOT.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "news")
TARGETS = {"error": 1.0, "warning": 5.0}  # per 10,000 words


def measure(files: list[Path], style: str) -> tuple[int, Counter]:
    rules = load_rules(style=style)
    words = 0
    counts: Counter = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(WORD.findall(text))
        for finding in lint_text(text, rules, path=str(path)):
            counts[(str(finding.level), finding.rule)] += 1
    return words, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--style", action="append", help="style to measure (repeatable; default: all built-in)")
    parser.add_argument("--check", action="append",
                        help=f"style whose totals must meet the targets (repeatable; default: {DEFAULT_STYLE})")
    parser.add_argument("--top", type=int, default=0, help="show only the N most frequent rules")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"precision: corpus {args.corpus} not found; skipping")
        return 0
    files = sorted(args.corpus.rglob("*.txt"))
    if not files:
        print(f"precision: no .txt files under {args.corpus}; skipping")
        return 0
    styles = args.style or list(builtin_styles(BUILTIN_RULES_DIR))
    checked = set(args.check or [DEFAULT_STYLE])
    failed = False
    for style in styles:
        words, counts = measure(files, style)
        per = lambda n: n / words * 10_000  # noqa: E731
        print(f"\n== style {style}: {len(files)} files, {words:,} words")
        print(f"{'level':<11}{'rule':<42}{'count':>7}{'per 10k':>10}")
        rows = counts.most_common(args.top or None)
        for (level, rule), n in rows:
            print(f"{level:<11}{rule:<42}{n:>7}{per(n):>10.2f}")
        totals = Counter()
        for (level, _rule), n in counts.items():
            totals[level] += n
        verdicts = []
        for level in ("error", "warning", "suggestion"):
            rate = per(totals[level])
            target = TARGETS.get(level)
            mark = ""
            if target is not None:
                ok = rate <= target
                mark = f" (target <= {target:g}: {'ok' if ok else 'OVER'})"
                if not ok and style in checked:
                    failed = True
            verdicts.append(f"{level}s {rate:.2f}/10k{mark}")
        print("total: " + "; ".join(verdicts) + ("  [checked]" if style in checked else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
