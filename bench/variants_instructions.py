#!/usr/bin/env python3
"""Instructions of a whole ``copylint check`` with and without the
``variants`` rule (``--ignore names.transliteration-variants``), counted by
``valgrind --tool=callgrind``: repeatable to about 0.1 % on a loaded machine,
where CPU time of the same command varies by 10 % or more.

    python bench/variants_instructions.py ../shared/corpus/news            # about 5 minutes
    python bench/variants_instructions.py SUBSET_DIR --tree /path/to/other/checkout
    python bench/variants_instructions.py story.txt                        # start-up and one story

Each command runs once untimed first (bytecode written, rule cache filled),
then once under callgrind; ``--tree`` adds another checkout's ``copylint``
package (run from that directory with this interpreter, as
``bench/variants_command.py`` does).  Prints the instruction counts and what
the rule adds.  Exits 0, or 0 with a message when valgrind is not installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE = "names.transliteration-variants"
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def collected(stderr: str) -> int | None:
    """The instruction count callgrind prints at exit (``==123== Collected : 456``)."""
    found = _COLLECTED.findall(stderr)
    return int(found[-1]) if found else None


def count(command: list[str], env: dict[str, str], cwd: Path) -> int | None:
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], env=env,
                         cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    return collected(run.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path, help="a file or folder to check")
    parser.add_argument("--style", default="newsroom")
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="also count this checkout's copylint (repeatable)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted")
        return 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"{args.target}: style {args.style}, instructions of each whole command (callgrind)")
    for tree in [ROOT] + [t.resolve() for t in args.tree]:
        counts = {}
        for mode in ("without", "with"):
            ignore = ["--ignore", RULE] if mode == "without" else []
            command = [sys.executable, "-m", "copylint", "check", "--jobs", "1", "--no-config",
                       "--style", args.style, "--format", "json", *ignore, str(args.target.resolve())]
            counts[mode] = count(command, {**env, "PYTHONPATH": str(tree)}, tree)
        if None in counts.values():
            print(f"  {tree.name}: callgrind printed no count")
            continue
        added = counts["with"] - counts["without"]
        print(f"  {tree.name:20} without {counts['without']:,}  with {counts['with']:,}  "
              f"the rule adds {added:+,} ({added / counts['without']:+.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
