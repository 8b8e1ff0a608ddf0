"""check and fix take one set of options (defined once in cli/common.py)."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from copylint.cli import main
from copylint.cli.check import check
from copylint.cli.common import CHECK_ONLY_OPTIONS
from copylint.cli.fix import fix_command

ROOT = Path(__file__).resolve().parent.parent


def _options(command: click.Command) -> dict[str, click.Option]:
    return {name: param for param in command.params if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)}


def test_every_check_option_is_accepted_by_fix_unless_documented():
    check_options, fix_options = _options(check), _options(fix_command)
    missing = sorted(set(check_options) - set(fix_options) - set(CHECK_ONLY_OPTIONS))
    assert not missing, f"fix lacks check's options {missing}"
    for name in set(check_options) & set(fix_options):  # same meaning: same type and default
        a, b = check_options[name], fix_options[name]
        assert (a.name, type(a.type), a.default, a.is_flag, a.multiple) == \
            (b.name, type(b.type), b.default, b.is_flag, b.multiple), name
    docs = (ROOT / "docs" / "cli.md").read_text()
    for name in CHECK_ONLY_OPTIONS:  # the exceptions are documented
        assert f"`{name}`" in docs, name
    assert set(CHECK_ONLY_OPTIONS) <= set(check_options)  # no stale exception


def test_fix_runs_with_jobs_and_regex_timeout(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Crews worked. .\n")
    result = CliRunner().invoke(main, ["fix", "--jobs", "2", "--regex-timeout", "5", "--no-config",
                                       str(story)])
    assert result.exit_code == 0, result.output
    assert story.read_text() == "Crews worked.\n"
    bad = CliRunner().invoke(main, ["fix", "--regex-timeout", "0", str(story)])
    assert bad.exit_code == 2


def test_diff_names_the_command_that_applies_it(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Crews worked. .\n")
    fixing = CliRunner().invoke(main, ["fix", "--diff", "--no-config", str(story)])
    assert fixing.stderr == "1 fix in 1 file (apply by running the same command without --diff); 0 remaining.\n"
    assert "--fix" not in fixing.stderr
    unsafe = CliRunner().invoke(main, ["fix", "--diff", "--unsafe-fixes", "--no-config", str(story)])
    assert "(apply by running the same command without --diff)" in unsafe.stderr
    checking = CliRunner().invoke(main, ["check", "--diff", "--no-config", str(story)])
    assert checking.stderr == "1 fix in 1 file (apply with --fix); 0 remaining.\n"
    assert story.read_text() == "Crews worked. .\n"


def test_rules_is_a_table_fitted_to_the_terminal_with_a_header():
    import json as json_module

    from copylint.reporters.text import display_width

    for columns in (80, 120, 200):
        out = CliRunner().invoke(main, ["rules", "--no-config"], env={"COLUMNS": str(columns)}).output
        lines = out.splitlines()
        assert lines[0].split()[:3] == ["ID", "KIND", "LEVEL"]
        assert "DESCRIPTION" in lines[0] + lines[1]  # beside, or under on a narrow terminal
        assert all(display_width(line) <= columns for line in lines), columns
        assert any(line.startswith("places.kyiv ") for line in lines)
        assert lines[-1].endswith(" rules.") and int(lines[-1].split()[0]) > 100
    wide = CliRunner().invoke(main, ["rules", "--no-config"], env={"COLUMNS": "200"}).output.splitlines()
    kyiv = next(line for line in wide if line.startswith("places.kyiv "))
    assert kyiv.split()[1:3] == ["substitution", "warning"] and kyiv.endswith("Resolution 55 of 2010).")
    narrow = CliRunner().invoke(main, ["rules", "--no-config"], env={"COLUMNS": "80"}).output.splitlines()
    at = narrow.index(next(line for line in narrow if line.startswith("places.kyiv ")))
    assert narrow[at + 1].startswith("    Kyiv is the official romanisation")  # description under its rule
    one = CliRunner().invoke(main, ["rules", "--no-config", "--select", "places.kyiv"])
    assert one.output.splitlines()[-1] == "1 rule."
    listed = json_module.loads(CliRunner().invoke(
        main, ["rules", "--no-config", "--format", "json", "--select", "places.kyiv"]).output)
    assert [(r["id"], r["kind"], r["level"]) for r in listed] == [("places.kyiv", "substitution", "warning")]


def test_github_format_warns_for_skipped_files_and_errors_for_unreadable_ones(tmp_path: Path):
    (tmp_path / "binary.txt").write_bytes(b"It ended.\x00\x01\n")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 ended.\n")
    (tmp_path / "ok.txt").write_text("It ended.\n")
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "github", str(tmp_path)])
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    skipped = [line for line in lines if "binary.txt" in line]
    failed = [line for line in lines if "bad.txt" in line]
    assert len(skipped) == 1 and skipped[0].startswith("::warning file=") and "skipped" in skipped[0]
    assert len(failed) == 1 and failed[0].startswith("::error file=")


BATCH_STORY = ("Shelling hit Kiev overnight. Officials in Kyiv said the power was back. .\n"
               "The governor said Ukrainian early on Sunday.\n")


def test_fix_only_changes_lists_each_fix_once_and_counts_what_remains(tmp_path: Path):
    story = tmp_path / "story.md"
    story.write_text(BATCH_STORY)
    result = CliRunner().invoke(main, ["fix", "--no-config", "--only-changes", "--no-summary", str(story)])
    assert result.exit_code == 1  # an error remains
    assert result.stdout.splitlines() == [
        f"{story}:1:14: fixed places.mixed-spellings 'Kiev' -> 'Kyiv'",
        f"{story}:1:72: fixed punctuation.stray-stop deleted ' .'",
        "1 problem left that fixing cannot repair, in 1 file (copylint check lists them).",
    ]
    checked = CliRunner().invoke(main, ["check", "--no-config", "--no-summary", str(story)])
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0].startswith(f"{story}:2:19: error attribution.orphaned-modifier")
    assert not any(line.startswith(("Found", "No problems")) for line in checked.stdout.splitlines())
    (tmp_path / "clean.md").write_text("It ended.\n")
    clean = CliRunner().invoke(main, ["check", "--no-config", "--no-summary", str(tmp_path / "clean.md")])
    assert clean.exit_code == 0 and clean.stdout == ""
    refused = CliRunner().invoke(main, ["fix", "--only-changes", "--format", "json", str(story)])
    assert refused.exit_code == 2 and "--only-changes prints text" in refused.output


def test_fix_without_only_changes_still_lists_what_remains_with_a_summary(tmp_path: Path):
    story = tmp_path / "story.md"
    story.write_text(BATCH_STORY)
    result = CliRunner().invoke(main, ["fix", "--no-config", str(story)])
    assert f"{story}:2:19: error attribution.orphaned-modifier" in result.stdout
    assert "Fixed 2 problems in 1 file" in result.stdout


def test_fix_with_jobs_fixes_a_large_run_in_workers_with_the_same_result(tmp_path: Path, monkeypatch):
    from copylint.fixes import files as autofix
    from copylint.engine.parallel import SMALL_RUN

    pools: list[int] = []
    real = autofix._fix_parallel
    monkeypatch.setattr(autofix, "_fix_parallel", lambda *a: (pools.append(a[6]), real(*a)))
    runs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}"
        folder.mkdir()
        for i in range(SMALL_RUN + 6):
            (folder / f"s{i:03}.md").write_text(BATCH_STORY)
        monkeypatch.chdir(folder)
        result = CliRunner().invoke(main, ["fix", "--no-config", "--jobs", jobs, "--only-changes", "."])
        assert result.exit_code == 1, result.output
        assert all(p.read_text() == BATCH_STORY.replace("Kiev", "Kyiv").replace(". .", ".")
                   for p in folder.iterdir())
        runs[jobs] = result.stdout
    assert pools == [2]  # only the second run used workers
    assert runs["1"] == runs["2"]
    assert runs["2"].count(": fixed ") == 2 * (SMALL_RUN + 6)
