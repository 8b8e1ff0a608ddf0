"""Is an edit made to a file while ``fix`` rewrites it ever lost?

A second process appends numbered lines to a story (open, append, close, with
short random pauses) while this one fixes the story again and again with
:func:`copylint.fixes.files.fix_paths`.  At the end every appended line must be
in the file (fixed or not).  Prints the appends, the fixes written, the fixes
refused because the file changed, and the lines lost.

    python bench/fix_race.py [--rounds 8] [--appends 1500]
    PYTHONPATH=/path/to/other/checkout python bench/fix_race.py   # another version
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
from pathlib import Path

APPENDER = """
import random, sys, time
path, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"Line {i} was filed from Kiev.\\n")
    time.sleep(random.choice([0, 0.0005, 0.002, 0.02]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--appends", type=int, default=1500)
    args = parser.parse_args()
    import copylint
    from copylint import default_rules
    from copylint.fixes.files import fix_paths

    rules = default_rules()
    totals: collections.Counter[str] = collections.Counter()
    with tempfile.TemporaryDirectory() as folder:
        story = Path(folder) / "wire.txt"
        for _ in range(args.rounds):
            story.write_text("Shelling hit Kiev.\n", encoding="utf-8")
            appender = subprocess.Popen([sys.executable, "-c", APPENDER, str(story), str(args.appends)])
            while appender.poll() is None:
                report = fix_paths([story], rules)
                totals["fixes written"] += report.changed_files
                totals["fixes refused (file changed)"] += len(report.failed)
            fix_paths([story], rules)
            lines = story.read_text(encoding="utf-8").splitlines()[1:]
            numbers = {int(line.split()[1]) for line in lines}
            totals["appends"] += args.appends
            totals["lines lost"] += args.appends - len(numbers & set(range(args.appends)))
    print(f"copylint from {Path(copylint.__file__).parent.parent}")
    for key in ("appends", "fixes written", "fixes refused (file changed)", "lines lost"):
        print(f"{key}: {totals[key]}")


if __name__ == "__main__":
    main()
