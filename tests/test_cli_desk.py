"""Desk ergonomics: init, --statistics, --quiet, the progress bar, inline
configuration switches and Markdown on stdin."""

import json
import os
import sys
from pathlib import Path

from click.testing import CliRunner

from copylint import load_config
from copylint.cli import PROGRESS_MIN_FILES, _show_progress, main


def run(*args, input=None, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output, result.output
    return result


def test_init_writes_a_loadable_commented_config(tmp_path: Path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = tmp_path / ".copylint.yaml"
    text = written.read_text()
    assert text.count("\n#") > 10 and "per-path-ignores" in text
    config = load_config(written)
    assert config.builtin and config.inline_config and config.style is None
    assert len(config.build_rules()) > 10
    again = run("init", str(tmp_path))
    assert again.exit_code == 2 and "already exists" in again.output
    assert run("init", "--force", str(tmp_path)).exit_code == 0


def test_init_with_an_unknown_style_writes_nothing(tmp_path: Path):
    result = run("init", "--style", "no-such-desk", str(tmp_path))
    assert result.exit_code == 2
    # an option error: no line of a file that was never written is cited
    assert result.output == ("copylint: --style: unknown style 'no-such-desk' (built-in styles: ap, bbc, "
                             "newsroom, reuters; or give a pack directory); nothing written\n")
    assert not (tmp_path / ".copylint.yaml").exists()


def test_statistics_counts_by_rule(tmp_path: Path):
    (tmp_path / "a.md").write_text("Kiev and Kiev. The the end.\n")
    (tmp_path / "b.txt").write_text("Kiev again.\n")
    result = run("check", "--statistics", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "3  places.kyiv       warning     3 fixable",
        "1  repetition.words  error       1 fixable",
        "Found 1 error, 3 warnings in 2 files (4 fixable with --fix).",
    ]
    assert run("check", "--statistics", "--format", "json", str(tmp_path)).exit_code == 2


def test_quiet_prints_one_line_per_finding(tmp_path: Path):
    (tmp_path / "a.md").write_text("Kiev. The the end.\n")
    result = run("check", "-q", str(tmp_path / "a.md"))
    assert result.output.splitlines() == [
        f"{tmp_path / 'a.md'}:1:1: warning places.kyiv Use 'Kyiv' instead of 'Kiev' (official romanisation).",
        f"{tmp_path / 'a.md'}:1:7: error repetition.words 'the' is repeated: delete one.",
    ]
    (tmp_path / "a.md").write_text("Clean.\n")
    assert run("check", "-q", str(tmp_path)).output == ""


def test_progress_bar_only_for_a_person_at_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert _show_progress(PROGRESS_MIN_FILES, quiet=False)
    assert not _show_progress(PROGRESS_MIN_FILES - 1, quiet=False)
    assert not _show_progress(PROGRESS_MIN_FILES, quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not _show_progress(PROGRESS_MIN_FILES, quiet=False)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not _show_progress(10_000, quiet=False)


def test_no_progress_output_when_not_a_terminal(tmp_path: Path):
    for i in range(PROGRESS_MIN_FILES + 5):
        (tmp_path / f"s{i:02}.txt").write_text("Clean copy.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.output == f"No problems found in {PROGRESS_MIN_FILES + 5} files.\n"


def test_no_inline_config_flag_and_config_key(tmp_path: Path):
    story = tmp_path / "a.md"
    story.write_text("<!-- copylint-disable places.kyiv -->\nKiev.\n")
    assert run("check", "--format", "json", str(story)).exit_code == 0
    result = run("check", "--format", "json", "--no-inline-config", str(story))
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["places.kyiv"]
    (tmp_path / ".copylint.yaml").write_text("inline-config: false\n")
    result = run("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["places.kyiv"]


def test_stdin_filename_selects_the_markdown_reader():
    src = "Use `Kiev` here, and Kiev there.\n"
    result = run("check", "--format", "json", "-", "--stdin-filename", "draft.md", input=src)
    assert [(f["rule"], f["column"]) for f in json.loads(result.output)["findings"]] == [
        ("places.kyiv", src.rindex("Kiev") + 1)]


def test_rules_command_follows_the_config(tmp_path: Path):
    (tmp_path / ".copylint.yaml").write_text("select: ['places.*']\nlevels: {places.kyiv: error}\n")
    listing = run("rules", cwd=tmp_path).output
    assert "repetition.words" not in listing
    assert any(line.startswith("places.kyiv") and " error " in line for line in listing.splitlines())
