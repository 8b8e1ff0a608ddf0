"""``python -m copylint.docgen [--check] [--out DIR]``: write the generated
reference pages (default ``docs/reference/``), or with ``--check`` exit 1
when the committed ones are stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DEFAULT_OUT, REGENERATE, stale, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m copylint.docgen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is missing, stale or left over")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the generated pages")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale(args.out)
        for path in problems:
            print(f"{args.out / path}: stale", file=sys.stderr)
        if problems:
            print(f"regenerate with: {REGENERATE}", file=sys.stderr)
        return 1 if problems else 0
    changed = write(args.out)
    print(f"{len(changed)} page(s) written or removed under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
