"""Scoped rules run by checks.scoped_rules.BlockRun over the blocks
formats.scoped reads, each hit placed in the source by formats.scoped.place;
what the front end decides comes in as a RunPolicy (no Vale configuration
needed), and copylint/vale/ keeps only what is Vale's."""

import ast
import textwrap
from pathlib import Path

from copylint.checks.scoped_rules import BlockRun, RuleSetup, RunPolicy
from copylint.findings import Level
from copylint.formats.blocks import Block
from copylint.formats.scoped import ScopeOptions, comments_at, place, read_scoped
from copylint.vale.config import read_config
from copylint.vale.runner import ValeLinter

PACKAGE = Path(__file__).resolve().parent.parent / "copylint"
NO_OPTIONS = ScopeOptions([], [], [], [], [])


def test_place_maps_a_block_offset_to_source_line_and_column():
    source = "# Title\n\nSome very long text.\n"
    at = source.index("very")
    block = Block("Some very long text.", "text.md", list(range(at - 5, at - 5 + 20)))
    starts = [0, 8, 9, 30]
    assert place(source, starts, block, 5, "very", anchored=True) == (at, 3, 6)
    # not anchored: searched for from where the block begins
    assert place(source, starts, block, 5, "very", anchored=False) == (at, 3, 6)
    assert place(source, starts, block, 0, "", anchored=True) == (-1, 1, 1)
    assert place(source, starts, block, 0, "absent", anchored=False) is None


def test_a_match_not_in_the_source_as_written_is_placed_at_the_line_of_its_first_word():
    source = "one\nsee&#160;here\n"
    block = Block("see\u00a0here", "text.html", [-1] * 8)
    assert place(source, [0, 4, 18], block, 0, "see\u00a0here", anchored=False) == (4, 2, 1)


def test_comments_at_gives_the_state_in_force_at_an_offset():
    marks = [(-1, {}), (10, {"off": True}), (20, {"off": False})]
    assert comments_at(marks, 5) == {}
    assert comments_at(marks, 10) == {"off": True}
    assert comments_at(marks, 25) == {"off": False}


def _kinds(tmp_path):
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n"
                                        "[*]\nBasedOnStyles = House\n")
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Very.yml").write_text(textwrap.dedent("""\
        extends: existence
        message: "Avoid '%s'."
        level: warning
        limit: 2
        ignorecase: true
        tokens: [very]
    """))
    linter = ValeLinter(read_config(tmp_path / ".vale.ini"))
    return linter, linter.rules


def test_a_block_run_takes_levels_and_switches_from_its_policy_and_keeps_limit(tmp_path):
    linter, rules = _kinds(tmp_path)
    text = "It was very good.\n\nVery, very nice.\n"
    pieces, metrics = read_scoped(text, ".txt", NO_OPTIONS, lambda *_: None)

    def run(policy):
        setup = RuleSetup(rules, need_sentences=False, need_paragraphs=False)
        return BlockRun(linter.kinds, linter.shortcuts, policy, text, "a.txt", setup,
                        {"metrics": metrics}).run(pieces)

    alerts, timed_out = run(RunPolicy(lambda rule: Level.ERROR, lambda rule_id, c: False, Level.SUGGESTION))
    assert timed_out == []
    assert [(a.line, a.column, a.level, a.match) for a in alerts] == [
        (1, 8, Level.ERROR, "very"), (3, 1, Level.ERROR, "Very")]  # limit: 2, one alert per place
    below = RunPolicy(lambda rule: Level.SUGGESTION, lambda rule_id, c: False, Level.WARNING)
    assert run(below) == ([], [])
    off = RunPolicy(lambda rule: Level.ERROR, lambda rule_id, c: c.get("off", False), Level.SUGGESTION)
    pieces = [type(p)(p.block, {"off": True}, p.marks, p.prose, p.paragraphs) for p in pieces]
    assert run(off) == ([], [])


def test_vale_package_keeps_only_what_is_vales():
    files = sorted((PACKAGE / "vale").glob("*.py"))
    assert sum(len(p.read_text().splitlines()) for p in files) < 1200
    for path in files:  # matching and placement live in checks/ and formats/
        source = path.read_text()
        assert "source_map" not in source and "split_sentences" not in source, path


def test_no_function_in_the_package_is_over_80_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.end_lineno - node.lineno + 1 > 80:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert long == []


# -- the scoped kind inside the one engine ---------------------------------------

def _imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_engine_document_and_format_layers_do_not_import_vale():
    for layer in ("engine", "document", "formats", "checks", "ruleset", "patterns"):
        for path in (PACKAGE / layer).glob("*.py"):
            assert not any("vale" in name.split(".") for name in _imports_of(path)), path


def test_the_engine_sends_rules_with_a_matching_to_one_scoped_check(tmp_path):
    from copylint.engine.core import Engine
    from copylint.formats import make_document
    from copylint.vale.rules import ValeRuleSet

    linter, _rules = _kinds(tmp_path)
    rules = ValeRuleSet(linter.config, linter)
    engine = Engine(rules.rules, rules.known_ids, scoped_front=rules.scoped_front)
    assert [check.kind for check in engine.checks] == ["scoped"]
    doc = make_document("Very, very nice.\n\nVery.\n", path="a.txt")
    found = engine.lint(doc)
    assert [(f.line, f.column, f.rule, f.message, f.level) for f in found] == [
        (1, 1, "House.Very", "Avoid 'Very'.", Level.WARNING),
        (1, 7, "House.Very", "Avoid 'very'.", Level.WARNING)]  # limit: 2
    assert doc.scoped is not None and [p.block.scope for p in doc.scoped.pieces] == [
        "text.txt", "summary.txt", "raw.txt"]  # the document carries its scoped blocks
    unselected = rules.select(lambda rule: False)
    assert Engine(unselected.rules, unselected.known_ids, scoped_front=unselected.scoped_front).checks == []


def test_a_rule_file_cannot_use_the_scoped_kind(tmp_path):
    import pytest

    from copylint.errors import CopylintError
    from copylint.ruleset import load_rules

    (tmp_path / "r.yml").write_text("rules:\n  - id: house.x\n    kind: scoped\n    level: error\n"
                                    "    message: x\n    description: x\n")
    with pytest.raises(CopylintError, match="rules translated from Vale styles"):
        load_rules([tmp_path], builtin=False)
