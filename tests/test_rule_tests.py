"""``copylint test`` and its library (:mod:`copylint.rule_tests`): marked
spans, stated fixes, good examples, the report and the exit codes."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import load_rules
from copylint.cli import main
from copylint.rule_tests import run_tests, test_rule, unmark


def rules_file(tmp_path: Path, examples: str, body: str = "tokens: [Kiev]\n", kind: str = "existence") -> Path:
    path = tmp_path / "r.yml"
    path.write_text(
        "rules:\n  - id: t.a\n    kind: " + kind + "\n    level: warning\n    description: d\n"
        + textwrap.indent(textwrap.dedent(body), "    ") + "    examples:\n"
        + textwrap.indent(textwrap.dedent(examples), "      "), encoding="utf-8")
    return path


def outcomes(path: Path):
    ruleset = load_rules([path], builtin=False)
    return [(o.label, o.line, o.problem) for o in test_rule(ruleset.by_id["t.a"], ruleset)]


def test_unmark():
    assert unmark("Shelling hit [[Kiev]] and [[Kiev]].") == ("Shelling hit Kiev and Kiev.", [(13, 17), (22, 26)])
    assert unmark("No marks [here].") == ("No marks [here].", [])
    assert unmark("🙂 [[Kiev]]") == ("🙂 Kiev", [(2, 6)])  # code points


def test_examples_that_hold(tmp_path):
    path = rules_file(tmp_path, """\
        bad:
          - 'Shelling hit [[Kiev]] again.'
          - 'Kiev, then Kiev.'
        good: ['Shelling hit Kyiv again.']
        """)
    assert outcomes(path) == [("bad", 9, ""), ("bad", 10, ""), ("good", 11, "")]  # where each is written


@pytest.mark.parametrize("examples, problem", [
    ("bad: ['Shelling hit Kyiv.']\ngood: [Kyiv]\n", "bad example not flagged by t.a"),
    ("bad: ['[[Shelling]] hit Kiev.']\ngood: [Kyiv]\n",
     "marked span 'Shelling' at column 1 not flagged; flagged: 'Kiev' at column 14"),
    ("bad: ['[[Kiev]] and Kiev.']\ngood: [Kyiv]\n", "flagged outside the marked spans: 'Kiev' at column 10"),
    ("bad: [x]\ngood: ['Kiev hit.']\n", "good example flagged by t.a: Avoid 'Kiev'. ('Kiev' at column 1)"),
])
def test_failures_say_what_is_wrong(tmp_path, examples, problem):
    found = [p for _, _, p in outcomes(rules_file(tmp_path, examples, "tokens: [Kiev, x]\n")) if p]
    assert found == [problem]


def test_stated_fixes(tmp_path):
    path = rules_file(tmp_path, """\
        bad:
          - {text: 'Shelling hit Kiev.', fix: 'Shelling hit Kyiv.'}
          - {text: 'Shelling hit Kiev.', fix: 'Shelling hit Kyyiv.'}
        good: ['Kyiv.']
        """, "swap: {Kiev: Kyiv}\n", kind="substitution")
    assert [p for _, _, p in outcomes(path)] == [
        "", "the fix gives 'Shelling hit Kyiv.', the example says 'Shelling hit Kyyiv.'", ""]
    path = rules_file(tmp_path, "bad: [{text: 'Kiev.', fix: 'Kyiv.'}]\ngood: [x]\n")
    assert outcomes(path)[0][2] == "no fix applied; the example says it gives 'Kyiv.'"


def _run(cwd: Path, *args: str):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["test", *args])
    finally:
        os.chdir(old)


def test_cli_report_and_exit_codes(tmp_path):
    rules_file(tmp_path, "bad: ['Shelling hit Kyiv.', 'Kiev.']\ngood: ['Kyiv.']\n")
    result = _run(tmp_path, "r.yml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "r.yml F.."
    assert "r.yml:8: t.a: bad example not flagged by t.a" in lines
    assert "    bad: Shelling hit Kyiv." in lines
    assert lines[-1].startswith("=") and " 1 failed, 2 passed (1 rules) in " in lines[-1]
    quiet = _run(tmp_path, "-q", "r.yml")
    assert quiet.exit_code == 1 and "r.yml F.." not in quiet.output
    rules_file(tmp_path, "bad: ['Kiev.']\ngood: ['Kyiv.']\n")
    assert _run(tmp_path, "r.yml").exit_code == 0
    rules_file(tmp_path, "bad: ['Kiev.']\n", "tokens: ['Kiev[']\n")
    broken = _run(tmp_path, "r.yml")
    assert broken.exit_code == 2
    assert broken.output == "copylint: r.yml:6: t.a: tokens: bad regex 'Kiev[': unterminated character set at position 5\n"


def test_without_arguments_the_configuration_or_every_built_in_style(tmp_path):
    result = _run(tmp_path, "-q")  # no configuration here: every built-in style
    assert result.exit_code == 0, result.output
    everything = run_tests([])
    assert everything.ok and not everything.outcomes
    rules_file(tmp_path, "bad: ['Kiev.']\ngood: ['Kyiv.']\n")
    (tmp_path / ".copylint.yaml").write_text("builtin-rules: false\nrules: [r.yml]\n", encoding="utf-8")
    result = _run(tmp_path, "-q")
    assert result.exit_code == 0 and " 2 passed (1 rules) in " in result.output
    (tmp_path / ".copylint.yaml").write_text("min-level: warning\n", encoding="utf-8")  # no style: newsroom
    result = _run(tmp_path, "-q")
    assert result.exit_code == 0, result.output
    assert f" passed ({len(load_rules(style='newsroom'))} rules) in " in result.output


def test_explain_says_which_examples_fail(tmp_path):
    rules_file(tmp_path, "bad: ['Shelling hit Kyiv.']\ngood: ['Kyiv.']\n")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["explain", "--no-builtin", "--rules", "r.yml", "t.a"])
    finally:
        os.chdir(old)
    assert "      FAILS: bad example not flagged by t.a (copylint test)" in result.output.splitlines()
