#!/usr/bin/env python3
"""Vale's own test suite, run through copylint.

Reads the Cucumber scenarios of Vale's test data (``../shared/vale-testdata``
by default, or the folder given as the first argument), runs each in-scope
scenario of the ``checks``, ``scopes``, ``comments``, ``styles`` and
``patterns`` features and the Vocab scenarios of ``misc`` through copylint's
Vale mode in the scenario's fixture folder, and compares the output with
the expected ``vale --output=line --sort --normalize --relative`` output,
byte for byte ("should contain exactly"; "should contain" checks that every
expected line is present).  Prints PASS/FAIL per scenario, the out-of-scope
scenarios with their reason, and a total; ``--diff`` shows what differs.

Nothing from the test data is copied: it is read where it lies.
Exit status: 0, or 2 when the test data is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from copylint.reporters import vale_line  # noqa: E402
from copylint.vale.config import ValeConfigError  # noqa: E402
from copylint.vale.project import lint  # noqa: E402
from copylint.vale.rules import load_vale_rules  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "vale-testdata"
if not DEFAULT_DATA.is_dir():
    DEFAULT_DATA = Path("/work/shared/vale-testdata")
FEATURES = ("checks", "scopes", "comments", "styles", "patterns", "misc")
#: Extensions Vale converts with tools this machine lacks.
EXTERNAL = {".adoc": "AsciiDoc (asciidoctor)", ".rst": "reStructuredText (rst2html)",
            ".dita": "DITA (dita-ot)", ".xml": "XML (xsltproc)"}
#: step pattern -> fixture folder template
STEPS = [
    (re.compile(r'^I test "(.*)"$'), "{0}", "."),
    (re.compile(r'^I test scope "(.*)"$'), "scopes/{0}", "."),
    (re.compile(r'^I test comments for "(.*)"$'), "comments", "{0}"),
    (re.compile(r'^I test patterns for "(.*)"$'), "patterns", "{0}"),
    (re.compile(r'^I apply style "(.*)"$'), "styles/{0}", "."),
    (re.compile(r'^I use Vocab "(.*)"$'), "vocab/{0}", "."),
]


@dataclass
class Scenario:
    feature: str
    name: str
    step: str = ""
    mode: str = ""  # exactly, contain, nothing
    expected: list[str] = field(default_factory=list)


def parse_feature(path: Path) -> list[Scenario]:
    scenarios: list[Scenario] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("Scenario:"):
            scenarios.append(Scenario(path.stem, line.split(":", 1)[1].strip()))
        elif scenarios and line.startswith("When "):
            scenarios[-1].step = line[5:].strip()
        elif scenarios and line.startswith("Then the output should"):
            scenario = scenarios[-1]
            if "not contain anything" in line:
                scenario.mode = "nothing"
            else:
                scenario.mode = "exactly" if "contain exactly" in line else "contain"
                i += 1
                while i < len(lines) and lines[i].strip() != '"""':
                    i += 1
                i += 1
                while i < len(lines) and lines[i].strip() != '"""':
                    scenario.expected.append(lines[i].strip())
                    i += 1
        i += 1
    return scenarios


def in_scope(scenario: Scenario) -> tuple[bool, str]:
    if scenario.feature == "misc" and "vocab" not in scenario.step.lower():
        return False, "not a Vocab scenario of misc (outside the issue's scope)"
    for line in scenario.expected:
        name = line.split(":", 1)[0]
        ext = os.path.splitext(name)[1]
        if ext in EXTERNAL:
            return False, f"needs {EXTERNAL[ext]}"
        if ":Scripts." in line or "ScriptRE" in line:
            return False, "needs Tengo scripts"
        if ":LanguageTool." in line:
            return False, "sequence rules need a part-of-speech tagger"
    if "Script" in scenario.name:
        return False, "needs Tengo scripts"
    if not any(p.match(scenario.step) for p, _, _ in STEPS):
        return False, f"step not supported: {scenario.step}"
    return True, ""


def run(scenario: Scenario, data: Path) -> list[str]:
    for pattern, folder, target in STEPS:
        m = pattern.match(scenario.step)
        if m:
            cwd = data / "fixtures" / folder.format(*m.groups())
            args = [target.format(*m.groups())]
            break
    else:  # pragma: no cover - filtered by in_scope
        raise ValueError(scenario.step)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            try:
                ruleset = load_vale_rules(None)
            except ValeConfigError as exc:
                return [f"copylint: {exc}"]
            report = lint([Path(a) for a in args], ruleset)
    finally:
        os.chdir(old)
    return vale_line.render(report, None).splitlines()


def compare(scenario: Scenario, got: list[str]) -> bool:
    if scenario.mode == "nothing":
        return not got
    if scenario.mode == "exactly":
        return got == scenario.expected
    return all(line in got for line in scenario.expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--diff", action="store_true", help="show expected and actual output of failures")
    parser.add_argument("-k", default="", help="only scenarios whose name contains this")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "features").is_dir():
        print(f"vale test data not found at {data}", file=sys.stderr)
        return 2
    passed, failed, skipped = [], [], []
    for feature in FEATURES:
        for scenario in parse_feature(data / "features" / f"{feature}.feature"):
            label = f"{feature}: {scenario.name}"
            if args.k and args.k.lower() not in label.lower():
                continue
            ok, reason = in_scope(scenario)
            if not ok:
                skipped.append((label, reason))
                continue
            got = run(scenario, data)
            if compare(scenario, got):
                passed.append(label)
                print(f"PASS  {label}")
            else:
                failed.append(label)
                print(f"FAIL  {label}")
                if args.diff:
                    import difflib

                    for line in difflib.unified_diff(scenario.expected, got, "vale", "copylint", lineterm=""):
                        print("      " + line)
    for label, reason in skipped:
        print(f"SKIP  {label}  ({reason})")
    total = len(passed) + len(failed)
    ratio = len(passed) / total if total else 0.0
    print(f"{len(passed)} passed, {len(failed)} failed, {len(skipped)} out of scope "
          f"({ratio:.0%} of {total} in-scope scenarios pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
