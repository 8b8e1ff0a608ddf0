"""Hostile and broken rule files, end to end through the CLI: load-time
problems are one line naming file, line and rule (exit 2); a catastrophic
regex is reported and skipped for that file, never stalls the run."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import RuleError, lint_text
from copylint.cli import main

# '(a+)+$' backtracks exponentially on a long run of 'a' that does not end the line.
LONG_LINE = "It ended. . " + "a" * 5000 + "!\n"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def rule_file(tmp_path: Path, text: str, name: str = "house.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def load_failure(tmp_path: Path, rules: Path) -> str:
    (tmp_path / "story.txt").write_text("Officials in Kyiv said so.\n")
    result = run("check", "--rules", str(rules), str(tmp_path / "story.txt"))
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()  # exactly one line
    return line


@pytest.mark.parametrize("body, expected", [
    ("rules:\n  - id: h.a\n    kind: existence\n   level: error\n",
     ":4: invalid YAML: did not find expected '-' indicator"),
    ("rules:\n  - id: h.a\n    kind: existence\n    level: error\n    tokens: [x]\n",
     ":2: h.a: missing required key 'description'"),
    ("rules:\n  - id: h.a\n    kind: existence\n    level: error\n    description: d\n    tokens: 42\n",
     ":6: h.a: tokens: must be a list of strings, not int"),
    ("rules:\n  - id: h.a\n    kind: existence\n    level: loud\n    description: d\n    tokens: [x]\n",
     ":4: h.a: level: must be one of error, warning, suggestion, not 'loud'"),
    ("rules:\n  - id: h.a\n    kind: punctuation\n    level: error\n    description: d\n    pattern: '(a+'\n",
     ":6: h.a: pattern: bad regex '(a+'"),
    ("rules:\n  - id: h.a\n    kind: existence\n    level: error\n    description: d\n"
     "    tokens: [x]\n    exceptions: ['[z-a]']\n",
     ":7: h.a: exceptions: bad regex '[z-a]'"),
    ("rules:\n  - {id: h.a, kind: existence, level: error, description: d, tokens: [x]}\n"
     "  - {id: h.a, kind: existence, level: error, description: e, tokens: [y]}\n",
     ":3: h.a: duplicate rule id (first defined at "),
    ("rules:\n  - {id: places.kyiv, kind: existence, level: error, description: d, tokens: [x]}\n",
     ":2: places.kyiv: duplicate rule id (first defined at "),  # clashes with a built-in rule
    ("rules: {id: h.a}\n", ": 'rules' must be a list of rules"),
    ("- just a string\n", ": each rule must be a mapping"),
])
def test_load_errors_are_one_line_with_file_line_and_rule(tmp_path: Path, body: str, expected: str):
    path = tmp_path / "house.yml"
    path.write_text(body, encoding="utf-8")
    line = load_failure(tmp_path, path)
    assert line.startswith(f"copylint: {path}")
    assert expected in line, line


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
])
def test_python_tags_are_refused_through_the_cli(tmp_path: Path, tag: str):
    marker = tmp_path / "pwned"
    rules = rule_file(tmp_path, f"rules:\n  - {tag.format(marker=marker)}\n")
    line = load_failure(tmp_path, rules)
    assert "invalid YAML" in line and "python/" in line
    assert not marker.exists()


def test_non_utf8_binary_and_special_rule_files(tmp_path: Path):
    latin = tmp_path / "latin.yml"
    latin.write_bytes("rules:\n  - {id: h.caf\u00e9}\n".encode("latin-1"))
    assert "not valid UTF-8 at byte" in load_failure(tmp_path, latin)
    assert "no such rule file or directory" in load_failure(tmp_path, tmp_path / "nope.yml")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.yml"
        os.mkfifo(fifo)
        assert load_failure(tmp_path, fifo).endswith(f"{fifo}: not a regular file or directory")


def test_alias_bombs_are_refused_quickly(tmp_path: Path):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    bomb = rule_file(tmp_path, "rules:\n  - id: h.bomb\n    kind: existence\n    level: error\n"
                     "    description: d\n    tokens: [x]\n    examples:\n      good: [ok]\n"
                     "      bad:\n" + "".join(f"        - {{{lv}}}\n" for lv in levels))
    assert "aliases expand this file to" in load_failure(tmp_path, bomb)  # refused before expansion


CATASTROPHIC = """
    rules:
      - id: house.backtrack
        kind: punctuation
        level: error
        description: A pattern that backtracks catastrophically on a long line.
        pattern: '(a+)+$'
      - id: house.backtrack-exception
        kind: existence
        level: warning
        description: A harmless token whose exception backtracks catastrophically.
        tokens: [zebra]
        exceptions: ['(\\w+\\s?)+$']
      - id: house.backtrack-token
        kind: existence
        level: warning
        description: A regex token that backtracks catastrophically.
        tokens: ['(?:a|a)+$']
"""


def test_catastrophic_regexes_are_reported_and_skipped_per_file(tmp_path: Path):
    rules = rule_file(tmp_path, CATASTROPHIC)
    (tmp_path / "long.txt").write_text("Hit Kiev, zebra. " + LONG_LINE)
    (tmp_path / "short.txt").write_text("A zebra in Kiev. .\n")
    result = run("check", "--rules", str(rules), "--regex-timeout", "0.2", "--format", "json",
                 str(tmp_path / "long.txt"), str(tmp_path / "short.txt"))
    findings = [(Path(f["path"]).name, f["rule"], f["level"], f["line"], f["column"])
                for f in json.loads(result.stdout)["findings"]]
    timed_out = [f for f in findings if f[1].startswith("house.")]
    assert timed_out == [
        ("long.txt", "house.backtrack", "warning", 1, 1),
        ("long.txt", "house.backtrack-exception", "warning", 1, 1),
        ("long.txt", "house.backtrack-token", "warning", 1, 1),
        ("short.txt", "house.backtrack-exception", "warning", 1, 3),  # a normal finding
    ]
    messages = {f["rule"]: f["message"] for f in json.loads(result.stdout)["findings"]}
    assert messages["house.backtrack"] == (
        "rule 'house.backtrack' timed out on this document and was skipped; simplify its pattern")
    # The other rules, of the same kinds too, still ran on the long file.
    assert ("long.txt", "places.kyiv", "warning", 1, 5) in findings
    assert ("long.txt", "punctuation.stray-stop", "error", 1, 27) in findings
    assert ("short.txt", "punctuation.stray-stop", "error", 1, 17) in findings
    assert result.exit_code == 1  # errors from the rules that did run


def test_timeout_is_bounded_without_the_cli(make_rules):
    rules = make_rules(CATASTROPHIC)
    rules.regex_timeout = 0.2
    found = {(f.rule, f.column) for f in lint_text(LONG_LINE, rules)}
    assert ("house.backtrack", 1) in found and ("house.backtrack-token", 1) in found
    with pytest.raises(ValueError):
        rules.regex_timeout = 0
    assert run("check", "--regex-timeout", "0", "-").exit_code == 2


def test_rule_errors_survive_pickling():
    import pickle

    err = RuleError("r.yml", 3, "h.a", "bad")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) == "r.yml:3: h.a: bad"



def test_catastrophic_rule_through_worker_processes(tmp_path: Path, make_rules):
    import pickle

    from copylint.engine.parallel import SMALL_RUN

    ruleset = make_rules(CATASTROPHIC)
    ruleset.regex_timeout = 0.1  # a spawned worker gets the rule set pickled: the bound goes along
    assert pickle.loads(pickle.dumps(ruleset)).regex_timeout == 0.1

    rules = rule_file(tmp_path, CATASTROPHIC)
    content = tmp_path / "content"
    content.mkdir()
    for i in range(SMALL_RUN + 2):
        (content / f"s{i:03}.txt").write_text("Officials in Kyiv said so.\n")
    (content / "long.txt").write_text(LONG_LINE)
    result = run("check", "--rules", str(rules), "--regex-timeout", "0.1", "--jobs", "2",
                 "--format", "json", str(content))
    timed_out = sorted((Path(f["path"]).name, f["rule"]) for f in json.loads(result.stdout)["findings"]
                       if "timed out" in f["message"])
    assert timed_out == [("long.txt", "house.backtrack"), ("long.txt", "house.backtrack-token")]
