#!/usr/bin/env python3
"""One rule author's pattern over a corpus: the plain ``finditer`` against
the tries at its leading literals (``RulePattern.finditer``).

    python bench/leading_literals.py                        # dates.relative-day, newsroom
    python bench/leading_literals.py --rule places.the-ukraine --corpus DIR

Builds the style's engine, keeps the documents the rule's trigger admits,
and times (CPU, best of three) the rule's whole-prose search over them
with ``checks.base.leading_finditer`` replaced by the plain
``bounded_finditer`` and as it is; the matches are asserted equal.  Exits
0 with a message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint.checks import base  # noqa: E402
from copylint.checks.base import RulePattern  # noqa: E402
from copylint.engine.core import Engine  # noqa: E402
from copylint.formats import make_document  # noqa: E402
from copylint.patterns import budget  # noqa: E402
from copylint.ruleset.loader import load_rules  # noqa: E402

DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "news",
                                   ROOT.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "news")


def rule_pattern(engine: Engine, rule_id: str) -> RulePattern:
    """The first :class:`RulePattern` of ``rule_id`` among the checks' attributes."""
    def walk(value: Any) -> Any:
        if isinstance(value, RulePattern):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)

    for check in engine.checks:
        for value in vars(check).values():
            for pattern in walk(value):
                if pattern.rule.id == rule_id:
                    return pattern
    raise SystemExit(f"no rule author's pattern of {rule_id!r} in this style")


def plain(rule: Any, pattern: Any, text: str, hay: str, literals: Any, timeout: float = 2.0) -> Any:
    return budget.bounded_finditer(rule, pattern, text, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rule", default="dates.relative-day")
    parser.add_argument("--style", default="newsroom")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing measured")
        return 0
    rules = load_rules(style=args.style)
    pattern = rule_pattern(Engine(rules.rules, rules.known_ids), args.rule)
    docs = []
    for root, _dirs, files in os.walk(args.corpus):
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                doc = make_document(handle.read(), path)
            if not pattern.absent(doc):
                docs.append(doc)
    leading = base.leading_finditer
    times: dict[str, list[float]] = {"plain": [], "leading": []}
    found: dict[str, list] = {}
    try:
        for label, search in (("plain", plain), ("leading", leading)) * 3:
            base.leading_finditer = search
            start = time.process_time()
            spans = [m.span() for doc in docs for m in pattern.finditer(doc, 2.0)]
            times[label].append(time.process_time() - start)
            assert found.setdefault(label, spans) == spans
    finally:
        base.leading_finditer = leading
    assert found["plain"] == found["leading"], "the leading-literal tries changed the matches"
    literals = pattern.starts[0] if pattern.starts else ()
    tries = sum(len(budget.find_starts(literals, doc.lower_prose if pattern.starts and pattern.starts[1]
                                       else doc.prose) if literals else ()) for doc in docs)
    print(f"{args.rule} ({args.style}): {len(docs)} documents its trigger admits, {len(found['plain'])} matches")
    print(f"leading literals: {', '.join(literals) or 'none (the plain path runs)'}; {tries} offsets tried")
    for label in ("plain", "leading"):
        print(f"{label:8} {min(times[label]) * 1000:7.1f} ms (CPU, best of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
