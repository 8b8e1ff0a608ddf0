"""Does the Markdown reader lint exactly the prose, and what does it cost?

Wraps every article of the clean corpus (../shared/corpus/news, read at run
time; skipped when absent) in Markdown furniture that is full of errors but
holds no prose: YAML front matter, a fenced code block, inline code, link
URLs, an autolink, an HTML comment.  Then counts

* findings located in the furniture (must be 0: nothing from non-prose parts);
* articles whose findings differ from linting the bare article as plain text,
  after shifting positions (the article's own text is Markdown too, so a line
  starting with '* ' or '1. ' legitimately becomes a list item);
* the wall time of both runs.

    python bench/markdown_parity.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import lint_text  # noqa: E402
from copylint.api import default_rules  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/news")

HEAD = ('---\ntitle: "Kiev the the. ."\ntags: [Kiev, Odessa, Zelensky, Zelenskiy]\n---\n\n'
        "<!-- Kiev the the said Ukrainian early -->\n\n")
TAIL = ("\n\n```text\nKiev the the. . the army said Ukrainian early on Tuesday\n```\n\n"
        "    Kharkov the the indented code\n\n"
        "Links: [source](https://example.com/Kiev/the%20the \"Kiev the the\"), `Kiev the the`, "
        "<https://kiev.example/the/the>.\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    files = sorted(CORPUS.rglob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    rules = default_rules()
    texts = [p.read_text(encoding="utf-8") for p in files]
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    plain = [lint_text(t, rules, path="a.txt") for t in texts]
    plain_time = time.perf_counter() - start

    furniture: Counter[str] = Counter()
    differing: list[tuple[str, set, set]] = []
    start = time.perf_counter()
    marked = [lint_text(HEAD + t + TAIL, rules, path="a.md") for t in texts]
    md_time = time.perf_counter() - start
    for path, text, base, found in zip(files, texts, plain, marked):
        lo, hi = len(HEAD), len(HEAD) + len(text)
        inside = {(f.rule, f.offset - lo, f.end_offset - lo) for f in found if lo <= f.offset < hi}
        for f in found:
            if not lo <= f.offset < hi:
                furniture[f.rule] += 1
        expected = {(f.rule, f.offset, f.end_offset) for f in base}
        if inside != expected:
            differing.append((path.name, expected - inside, inside - expected))

    print(f"{len(files)} articles, {words} words")
    print(f"findings in non-prose furniture: {sum(furniture.values())} {dict(furniture)}")
    print(f"articles whose findings differ from plain text: {len(differing)}")
    for name, lost, gained in differing[:10]:
        print(f"  {name}: only as text {sorted(lost)[:3]}, only as Markdown {sorted(gained)[:3]}")
    print(f"plain text: {plain_time:.2f}s; Markdown: {md_time:.2f}s "
          f"({md_time / max(plain_time, 1e-9):.1f}x, {words / md_time:,.0f} words/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
