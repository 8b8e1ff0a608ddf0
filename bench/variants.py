#!/usr/bin/env python3
"""Precision and recall of the ``variants`` check (one name spelled two ways)
on the evaluation set in ``bench/variants/stories.jsonl``.

    python bench/variants.py             # precision, recall, counts by story kind
    python bench/variants.py -v          # also every miss and every false alarm
    python bench/variants.py --style ap  # under another built-in style (or a pack directory)

The stories are linted with the whole style (so that the style's own lists
take the names they know); only findings of ``variants`` rules are scored.
A finding is correct when it flags one of the two spellings planted in its
story and proposes the other; a variant story counts as found when one of
its findings is correct, or when a list rule of the style reports the pair
(the check leaves spellings the lists know to them).  Exits 1 when precision < 0.95 or recall (overall, or of the check alone
on the pairs no list knows) < 0.85.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import lint_text, load_rules  # noqa: E402

STORIES = ROOT / "bench" / "variants" / "stories.jsonl"
TARGETS = {"precision": 0.95, "recall": 0.85}


def evaluate(style: str = "newsroom", path: Path = STORIES) -> dict:
    rules = load_rules(style=style)
    kinds = {r.id for r in rules if r.kind == "variants"}
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    correct = wrong = found = planted = by_lists = 0
    misses: list[dict] = []
    alarms: list[tuple[dict, str]] = []
    by_kind: Counter = Counter()
    for story in stories:
        everything = lint_text(story["text"], rules)
        findings = [f for f in everything if f.rule in kinds]
        pairs = {(a.lower(), b.lower()) for a, b in story["pairs"]}
        spellings = {s for pair in pairs for s in pair}
        hit = False
        # a spelling the style's own lists know is theirs: the check defers to them
        listed = any(f.rule not in kinds and f.match.lower() in spellings
                     and (f.suggestion or "").lower() in spellings for f in everything)
        for f in findings:
            match, fix = f.match.lower(), (f.suggestion or "").lower()
            if match in spellings and fix in spellings and match != fix:
                correct += 1
                hit = True
            else:
                wrong += 1
                alarms.append((story, f"{f.line}:{f.column} {f.message}"))
                by_kind[story["kind"] + " false alarm"] += 1
        if pairs:
            planted += 1
            by_kind[story["kind"]] += 1
            if hit or listed:
                found += 1
                by_kind[story["kind"] + " found"] += 1
                by_lists += not hit
            else:
                misses.append(story)
        else:
            by_kind[story["kind"]] += 1
    return {
        "stories": len(stories), "variant_stories": planted, "clean_stories": len(stories) - planted,
        "findings": correct + wrong, "correct": correct, "false_alarms": wrong,
        "precision": correct / (correct + wrong) if correct + wrong else 1.0,
        "recall": found / planted if planted else 1.0,
        "by_lists": by_lists,
        "check_recall": (found - by_lists) / (planted - by_lists) if planted > by_lists else 1.0,
        "misses": misses, "alarms": alarms, "by_kind": by_kind,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--style", default="newsroom", help="built-in style or pack directory")
    parser.add_argument("--stories", type=Path, default=STORIES, help="a stories.jsonl file")
    args = parser.parse_args(argv)
    r = evaluate(args.style, args.stories)
    print(f"{r['stories']} stories: {r['variant_stories']} with a variant pair, {r['clean_stories']} clean")
    print(f"findings {r['findings']}: {r['correct']} correct, {r['false_alarms']} false alarms")
    print(f"precision {r['precision']:.3f} (target {TARGETS['precision']})   "
          f"recall {r['recall']:.3f} (target {TARGETS['recall']})")
    print(f"({r['by_lists']} planted pairs are in the style's own lists and reported by them; "
          f"recall on the others, the check alone: {r['check_recall']:.3f})")
    kinds = sorted({k.split(" ")[0] for k in r["by_kind"]})
    print("\n| story kind | stories | found | false alarms |\n|---|---|---|---|")
    for kind in kinds:
        found = r["by_kind"].get(kind + " found", "") if not kind.startswith("clean") else "—"
        print(f"| {kind} | {r['by_kind'][kind]} | {found} | {r['by_kind'].get(kind + ' false alarm', 0)} |")
    if args.verbose:
        for story in r["misses"]:
            print(f"\nMISS #{story['id']} ({story['kind']}) {story['pairs']}\n  "
                  + story["text"].replace("\n\n", "\n  "))
        for story, message in r["alarms"]:
            print(f"\nFALSE ALARM #{story['id']} ({story['kind']}) {message}\n  "
                  + story["text"].replace("\n\n", "\n  "))
    ok = r["precision"] >= TARGETS["precision"] and min(r["recall"], r["check_recall"]) >= TARGETS["recall"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
