"""What running rule authors' regexes in RE2 saves: the whole `copylint check`
command, CPU time, with every pattern in `regex` (`COPYLINT_REGEX_ONLY=1`)
and with the ones RE2 runs exactly in RE2, on the same files in the same run.

Two rule sets: the built-in house style (its patterns are mostly led by
look-behinds, which RE2 cannot run) and a generated pack of the kind rule
authors write (existence and punctuation rules with plain regex tokens).
The findings of both modes are compared byte for byte.

    python bench/author_regexes.py --corpus ../shared/corpus/news --repeat 3
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Rule authors' patterns of the usual shapes (word lists with a regex part,
#: numbers with units, doubled punctuation), written for this benchmark.
_TOKENS = [
    r"(?:very|quite|rather|most) unique", r"\d+ (?:percent|per cent)", r"(?:utili[sz]e|utili[sz]ation)s?",
    r"in order (?:to|that)", r"at this (?:point|moment) in time", r"(?:com|con)prised? of",
    r"(?:irregardless|irrespective of whether)", r"(?:free|added) bonus(?:es)?", r"past (?:history|experience)",
    r"(?:end|final) result", r"(?:each|every) and every", r"close proximity", r"(?:future|advance) plans?",
    r"(?:true|actual) facts?", r"(?:unexpected|sudden) surprises?", r"(?:basic|fundamental) essentials?",
    r"\d+(?:am|pm)", r"(?:alot|alright)", r"could of|should of|would of", r"(?:first|1st) time ever",
]
_PUNCTUATION = [r",,", r";;", r"!!+", r"\?\?+", r"::", r"\.\.\.\.+", r"\( ", r" \)", r"\d ,\d"]


def write_pack(folder: Path) -> Path:
    lines = ["rules:"]
    for n, token in enumerate(_TOKENS):
        lines += [f"  - id: bench.wordy-{n}", "    kind: existence", "    level: suggestion",
                  "    message: \"Wordy: '%s'.\"", f"    tokens: ['{token}']", "    ignorecase: true",
                  "    description: A wordy phrase.", "    source: benchmark"]
    for n, pattern in enumerate(_PUNCTUATION):
        lines += [f"  - id: bench.punct-{n}", "    kind: punctuation", "    level: warning",
                  "    message: \"Stray punctuation: '%s'.\"", f"    pattern: '{pattern}'",
                  "    description: Doubled or spaced punctuation.", "    source: benchmark"]
    path = folder / "authors.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args: list[str], regex_only: bool) -> tuple[float, bytes]:
    env = dict(os.environ)
    env.pop("COPYLINT_REGEX_ONLY", None)
    if regex_only:
        env["COPYLINT_REGEX_ONLY"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-config", "--format", "json", *args],
                          capture_output=True, env=env, cwd=ROOT, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode(errors="replace"))
    return cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "news"))
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pack = write_pack(Path(folder))
        sets = {"built-in newsroom style": [options.corpus],
                "authors' pack (29 rules)": ["--no-builtin", "--rules", str(pack), options.corpus]}
        print("| rule set | regex only (s) | RE2 where exact (s) | saved | findings |")
        print("|---|---|---|---|---|")
        for name, args in sets.items():
            run(args, False)  # warm the rule cache (and the derived results)
            times: dict[bool, list[float]] = {True: [], False: []}
            outputs: dict[bool, bytes] = {}
            for _ in range(options.repeat):
                for regex_only in (True, False):  # alternating: the same conditions for both
                    cpu, out = run(args, regex_only)
                    times[regex_only].append(cpu)
                    outputs[regex_only] = out
            slow, fast = statistics.median(times[True]), statistics.median(times[False])
            same = "identical" if outputs[True] == outputs[False] else "DIFFERENT"
            print(f"| {name} | {slow:.2f} | {fast:.2f} | {100 * (slow - fast) / slow:.0f} % | {same} |")


if __name__ == "__main__":
    main()
