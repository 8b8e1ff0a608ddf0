"""The CLI: output shape, exit codes, stdin, and one-line errors for bad input."""

import json
from pathlib import Path

from click.testing import CliRunner

from copylint.cli import main

DRAFT = (
    "KIEV, March 3 - The the governor said Ukrainian early on Sunday that power was back.\r\n"
    "\r\n"
    "Crews worked through the evening. .\r\n"
    "It was hit by a series of bombings. bomb.\r\n"
)


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def test_text_output_and_exit_code(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(DRAFT.encode())
    result = run("check", "--no-color", str(draft))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    heads = [line for line in lines if line.startswith(str(draft))]
    assert [h.split(" ")[0:3] for h in heads] == [
        [f"{draft}:1:1:", "warning", "places.kyiv"],
        [f"{draft}:1:17:", "error", "repetition.words"],
        [f"{draft}:1:39:", "error", "attribution.orphaned-modifier"],
        [f"{draft}:3:34:", "error", "punctuation.stray-stop"],
        [f"{draft}:4:36:", "error", "repetition.fragment"],
    ]
    caret_line = lines[lines.index(heads[1]) + 2]
    assert caret_line == "    " + " " * 16 + "^" * 7
    # repetition.fragment's deletion needs an editor: counted apart
    assert lines[-1] == ("Found 4 errors, 1 warning in 1 file"
                         " (3 fixable with --fix; 1 hidden fix can be enabled with --unsafe-fixes).")


def test_json_output_schema(tmp_path: Path):
    draft = tmp_path / "d.txt"
    draft.write_text("Shelling hit Kiev.\n")
    result = run("check", "--format", "json", str(draft))
    data = json.loads(result.output)
    assert result.exit_code == 0  # a warning does not fail by default
    assert data["findings"] == [{
        "path": str(draft), "line": 1, "column": 14, "end_line": 1, "end_column": 18,
        "rule": "places.kyiv", "level": "warning",
        "message": "Use 'Kyiv' instead of 'Kiev' (official romanisation).",
        "match": "Kiev", "suggestion": "Kyiv", "fix": "Kyiv", "fix_applicability": "safe"}]
    assert run("check", "--fail-level", "warning", str(draft)).exit_code == 1


def test_min_level_filters(tmp_path: Path):
    draft = tmp_path / "d.txt"
    draft.write_text("Shelling hit Kiev.\n")
    result = run("check", "--min-level", "error", str(draft))
    assert result.exit_code == 0 and "No problems found in 1 file." in result.output


def test_stdin():
    result = run("check", "-", "--stdin-filename", "draft.txt", input="It ended. .\n")
    assert result.exit_code == 1
    assert result.output.startswith("draft.txt:1:10: error punctuation.stray-stop")


def test_clean_text_exits_zero(tmp_path: Path):
    (tmp_path / "ok.txt").write_text("Officials in Kyiv said the talks would resume on Monday.\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0, result.output


def test_directories_are_walked_for_text_files(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("It ended. .\n")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("It ended. .\n")
    result = run("check", "--format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(result.output)["findings"]] == [str(tmp_path / "a" / "one.md")]


def test_bad_inputs_give_one_line_errors_and_exit_2(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "good.txt").write_text("It ended. .\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "bad.txt"), str(tmp_path / "bin.txt"),
                                       str(tmp_path / "missing.txt"), str(tmp_path / "good.txt")])
    assert result.exit_code == 2
    assert f"copylint: {tmp_path / 'bad.txt'}: not valid UTF-8 at byte 3" in result.output
    assert f"copylint: {tmp_path / 'bin.txt'}: binary file (NUL bytes), skipped" in result.output
    assert f"copylint: {tmp_path / 'missing.txt'}: no such file or directory" in result.output
    assert "good.txt:1:10: error punctuation.stray-stop" in result.output  # the others are still linted
    assert "Traceback" not in result.output


def test_bad_rule_file_exit_2(tmp_path: Path):
    rules = tmp_path / "house.yml"
    rules.write_text("rules:\n  - id: h.x\n    kind: punctuation\n    level: error\n"
                     "    description: d\n    pattern: '(a+'\n")
    (tmp_path / "d.txt").write_text("x\n")
    result = run("check", "--rules", str(rules), str(tmp_path / "d.txt"))
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"copylint: {rules}:6: h.x: pattern: bad regex '(a+'")
    assert len(result.output.strip().splitlines()) == 1


def test_user_rules_directory_is_loaded(tmp_path: Path):
    house = tmp_path / "house"
    house.mkdir()
    (house / "style.yaml").write_text(
        "rules:\n  - {id: house.toward, kind: substitution, level: warning, description: AP,"
        " swap: {towards: toward}}\n")
    (tmp_path / "d.txt").write_text("They moved towards the river.\n")
    result = run("check", "--rules", str(house), "--format", "json", str(tmp_path / "d.txt"))
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["house.toward"]
    assert "house.toward" in run("rules", "--rules", str(house)).output


def test_rules_and_version():
    listing = run("rules")
    assert listing.exit_code == 0 and "places.kyiv" in listing.output
    assert "substitution" in listing.output
    assert run("--version").output.startswith("copylint, version ")


def test_no_paths_is_a_usage_error():
    result = run("check")
    assert result.exit_code == 2 and "no paths given" in result.output


def test_caret_lines_up_under_wide_and_combining_characters():
    # an emoji and CJK take two terminal columns, a combining accent none
    result = run("check", "--no-color", "-", input="\U0001F642 Cafe\u0301 \u4e2d\u6587 the the end.\n")
    lines = result.output.splitlines()
    assert lines[0].startswith("-:1:12: error repetition.words")
    assert lines[2] == "    " + " " * 13 + "^" * 7
