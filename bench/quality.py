#!/usr/bin/env python3
"""Recall and precision of error and warning findings on copylint's own evaluation set.

    python bench/quality.py              # the per-class and per-level tables
    python bench/quality.py -v           # also every miss, false alarm and unwanted fix
    python bench/quality.py --json       # the numbers, for scripts and tests

The set (bench/quality/*.yaml, one file a class) is written for the project:
real slips of each class (each with the rule or class expected and the span it
must cover) and correct sentences that look like slips (grammatical repeats,
ellipses, abbreviations, quotations, headlines, datelines, scores, tables).

* A slip is *found* when an error or warning finding of its expected rule (an
  id, or a prefix such as ``places.``) overlaps its span.
* A finding at error or warning level is *true* when it finds a slip of the
  item it was reported on; any other is a *false alarm*, counted against the
  class its rule belongs to (``rules:`` in each file; ``other`` for the rest).
* A correct sentence must get no error or warning finding at all, and a safe
  fix (what ``copylint fix`` applies) must not change it.
* Items marked ``pending:`` describe behaviour that is specified but not yet
  built (for example old spellings inside quotations): they are reported on
  their own and do not count towards the tables.

Exits 0; the thresholds live in tests/test_quality.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import lint_text, load_rules  # noqa: E402
from copylint.findings import Finding  # noqa: E402
from copylint.fixes.apply import fix_text  # noqa: E402
from copylint.ruleset import DEFAULT_STYLE  # noqa: E402

DATA = ROOT / "bench" / "quality"
LEVELS = ("error", "warning")


@dataclass
class Item:
    cls: str
    text: str
    slip: bool
    rule: str = ""  # expected rule id or prefix (slips)
    span: str = ""  # the text the finding must overlap (slips; empty: anywhere)
    pending: str = ""  # why it is reported apart
    source: str = ""  # file:index, for messages

    def span_range(self) -> tuple[int, int] | None:
        if not self.span:
            return None
        start = self.text.find(self.span)
        if start < 0:
            raise ValueError(f"{self.source}: span {self.span!r} not in {self.text!r}")
        return start, start + len(self.span)


@dataclass
class Outcome:
    item: Item
    findings: list[Finding]  # error and warning findings
    found: Finding | None = None  # the finding that finds the slip
    false_alarms: list[Finding] = field(default_factory=list)
    safe_fix: str | None = None  # the text after safe fixes, when they change a correct sentence


def load_items(directory: Path = DATA) -> tuple[list[Item], dict[str, list[str]]]:
    """Every item of every ``*.yaml`` file, and each class's rule prefixes."""
    items: list[Item] = []
    classes: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cls = data["class"]
        classes[cls] = list(data.get("rules") or [f"{cls}."])
        for i, raw in enumerate(data["items"], 1):
            source = f"{path.name}:{i}"
            if ("slip" in raw) == ("ok" in raw):
                raise ValueError(f"{source}: give exactly one of 'slip' and 'ok'")
            slip = "slip" in raw
            item = Item(cls, raw["slip"] if slip else raw["ok"], slip, str(raw.get("rule", "")),
                        str(raw.get("span", "")), str(raw.get("pending", "")), source)
            if slip and not item.rule:
                raise ValueError(f"{source}: a slip needs the rule (or class prefix) expected")
            item.span_range()  # validates
            items.append(item)
    return items, classes


def class_of(rule: str, classes: dict[str, list[str]]) -> str:
    for cls, prefixes in classes.items():
        if any(rule == p or rule.startswith(p) for p in prefixes):
            return cls
    return "other"


def _overlaps(f: Finding, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    start, end = span
    return f.offset < end and start < max(f.end_offset, f.offset + 1)


def _expected(f: Finding, item: Item, classes: dict[str, list[str]] | None = None) -> bool:
    """Is ``f`` of the rule the item expects (with ``classes``: of any rule of its class)?"""
    if classes is not None:
        return class_of(f.rule, classes) == item.cls
    return f.rule == item.rule or (item.rule.endswith(".") and f.rule.startswith(item.rule))


def evaluate(items: list[Item], style: str = DEFAULT_STYLE,
             by_class: dict[str, list[str]] | None = None) -> list[Outcome]:
    """Lint every item; with ``by_class`` (the classes) a slip is found by any
    rule of its class, not only by the rule it names."""
    rules = load_rules(style=style)
    outcomes = []
    for item in items:
        findings = [f for f in lint_text(item.text, rules) if str(f.level) in LEVELS]
        outcome = Outcome(item, findings)
        if item.slip:
            span = item.span_range()
            hits = [f for f in findings if _expected(f, item, by_class) and _overlaps(f, span)]
            # the most severe finding of the slip counts; the others are not false alarms
            hits.sort(key=lambda f: -int(f.level))
            outcome.found = hits[0] if hits else None
            outcome.false_alarms = [f for f in findings if f not in hits]
        else:
            outcome.false_alarms = list(findings)
            fixed = fix_text(item.text, rules).text
            if fixed != item.text:
                outcome.safe_fix = fixed
        outcomes.append(outcome)
    return outcomes


def summarise(outcomes: list[Outcome], classes: dict[str, list[str]]) -> dict:
    """Counts per class and per level (pending items left out)."""
    names = [*classes, "other"]
    table = {c: Counter() for c in names}
    for o in outcomes:
        if o.item.pending:
            continue
        t = table[o.item.cls]
        if o.item.slip:
            t["slips"] += 1
            if o.found is not None:
                t["found"] += 1
                t[f"found_{str(o.found.level)}"] += 1
                t["true"] += 1
                t[f"true_{str(o.found.level)}"] += 1
        else:
            t["correct"] += 1
            if o.safe_fix is not None:
                t["fixed_correct"] += 1
            if any(str(f.level) == "error" for f in o.findings):
                t["errors_on_correct"] += 1
        for f in o.false_alarms:
            table[class_of(f.rule, classes)]["false"] += 1
            table[class_of(f.rule, classes)][f"false_{str(f.level)}"] += 1
    result = {}
    for c in names:
        t = table[c]
        if not any(t.values()):
            continue
        row = {key: t[key] for key in ("slips", "found", "true", "false", "correct",
                                        "errors_on_correct", "fixed_correct")}
        row.update(t)
        row["recall"] = t["found"] / t["slips"] if t["slips"] else None
        row["precision"] = t["true"] / (t["true"] + t["false"]) if t["true"] + t["false"] else None
        for level in LEVELS:
            true, false = t[f"true_{level}"], t[f"false_{level}"]
            row[f"precision_{level}"] = true / (true + false) if true + false else None
            row[f"recall_{level}"] = t[f"found_{level}"] / t["slips"] if t["slips"] else None
        result[c] = row
    return result


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _show(f: Finding) -> str:
    return f"{str(f.level)} {f.rule} {f.match!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--style", default=DEFAULT_STYLE)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false alarms and fixes")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--by-class", action="store_true",
                        help="a slip is found by any rule of its class, not only the rule it names")
    args = parser.parse_args(argv)
    items, classes = load_items(args.data)
    outcomes = evaluate(items, args.style, classes if args.by_class else None)
    table = summarise(outcomes, classes)
    pending = [o for o in outcomes if o.item.pending]
    pending_ok = [o for o in pending if not o.findings and o.safe_fix is None]
    if args.json:
        print(json.dumps({"classes": table, "pending": {"items": len(pending), "passing": len(pending_ok)},
                          "items": len(items)}, indent=2, sort_keys=True))
        return 0
    slips = sum(o.item.slip for o in outcomes)
    print(f"copylint evaluation set: {len(items)} items ({slips} slips, {len(items) - slips} correct), "
          f"style {args.style}; error and warning findings only"
          + ("; any rule of a slip's class finds it" if args.by_class else ""))
    header = (f"{'class':<13}{'slips':>6}{'found':>6}{'recall':>8}{'prec.':>8}"
              f"{'err rec':>9}{'err prec':>9}{'warn rec':>9}{'warn prec':>10}"
              f"{'correct':>8}{'errors':>7}{'fixed':>6}")
    print(header)
    for cls, row in table.items():
        print(f"{cls:<13}{row.get('slips', 0):>6}{row.get('found', 0):>6}{_pct(row['recall']):>8}"
              f"{_pct(row['precision']):>8}{_pct(row['recall_error']):>9}{_pct(row['precision_error']):>9}"
              f"{_pct(row['recall_warning']):>9}{_pct(row['precision_warning']):>10}"
              f"{row.get('correct', 0):>8}{row.get('errors_on_correct', 0):>7}{row.get('fixed_correct', 0):>6}")
    print("(errors: correct sentences with an error-level finding; fixed: correct sentences a safe fix changes)")
    print(f"pending (specified, not yet built; not counted above): {len(pending_ok)} of {len(pending)} pass")
    if args.verbose:
        for o in outcomes:
            where = f"{o.item.source} [{o.item.cls}]"
            if o.item.pending:
                if o not in pending_ok:
                    print(f"PENDING {where}: {o.item.text!r}: {', '.join(map(_show, o.findings)) or 'fixed'}"
                          f" ({o.item.pending})")
                continue
            if o.item.slip and o.found is None:
                print(f"MISS {where}: {o.item.text!r} expected {o.item.rule} on {o.item.span!r}")
            for f in o.false_alarms:
                print(f"FALSE {where}: {o.item.text!r}: {_show(f)}")
            if o.safe_fix is not None:
                print(f"FIXED {where}: {o.item.text!r} -> {o.safe_fix!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
