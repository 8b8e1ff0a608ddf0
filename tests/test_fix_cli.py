"""`copylint check --fix`, `copylint fix`, `--diff` and `fix -`: what is
written, what is printed, exit codes, and that nothing outside the fixed spans
ever changes."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from copylint import default_rules, lint_text
from copylint.cli import main

BAD = "KIEV, March 3 - The the governor said Ukrainian early on Sunday.\r\n\r\nCrews worked. .\r\n"
FIXED = "KYIV, March 3 - The governor said Ukrainian early on Sunday.\r\n\r\nCrews worked.\r\n"


def run(*args: str, input: bytes | str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_check_fix_writes_file_reports_remaining_and_is_idempotent(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_bytes(codecs.BOM_UTF8 + BAD.encode())
    result = run("check", "--fix", "--no-color", str(story))
    assert story.read_bytes() == codecs.BOM_UTF8 + FIXED.encode()
    assert result.exit_code == 1  # the attribution error cannot be fixed by a machine
    lines = result.output.splitlines()
    assert lines[0] == (f"{story}:1:35: error attribution.orphaned-modifier 'Ukrainian' after 'said' has no "
                        "noun: it probably belongs before the speaker ('The Ukrainian governor said').")
    assert lines[-2:] == ["Found 1 error in 1 file.", f"Fixed 3 problems in 1 file ({story})."]

    again = run("fix", "--no-color", str(story))
    assert story.read_bytes() == codecs.BOM_UTF8 + FIXED.encode()
    assert "Fixed" not in again.output and again.exit_code == 1


def test_fix_exits_zero_when_everything_was_fixed(tmp_path: Path):
    story = tmp_path / "story.md"
    story.write_text("Shelling hit Kiev overnight. Officials in Kyiv said so. .\n")
    result = run("fix", str(story))
    assert result.exit_code == 0, result.output
    assert story.read_text() == "Shelling hit Kyiv overnight. Officials in Kyiv said so.\n"
    assert "No problems found in 1 file." in result.output


def test_attribution_suggestions_are_never_applied(tmp_path: Path):
    text = "The ministry said Russian on Monday that talks had stalled. The mayor claimed it was fine.\n"
    story = tmp_path / "story.txt"
    story.write_text(text)
    result = run("fix", "--format", "json", str(story))
    assert story.read_text() == text
    assert result.exit_code == 1
    assert "attribution.loaded-verb" in result.output and "attribution.orphaned-modifier" in result.output


def test_diff_prints_unified_diff_and_writes_nothing(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_bytes(BAD.encode())
    result = CliRunner().invoke(main, ["check", "--diff", str(story)])
    assert story.read_bytes() == BAD.encode()
    assert result.exit_code == 1
    assert result.stdout_bytes.decode() == (
        f"--- {story}\n+++ {story}\n@@ -1,3 +1,3 @@\n"
        "-KIEV, March 3 - The the governor said Ukrainian early on Sunday.\r\n"
        "+KYIV, March 3 - The governor said Ukrainian early on Sunday.\r\n"
        " \r\n"
        "-Crews worked. .\r\n"
        "+Crews worked.\r\n")
    assert result.stderr == "3 fixes in 1 file (apply with --fix); 1 remaining.\n"


def test_diff_marks_missing_final_newline_and_clean_file_exits_zero(tmp_path: Path):
    story = tmp_path / "s.txt"
    story.write_text("It ended. .")
    result = CliRunner().invoke(main, ["fix", "--diff", str(story)])
    assert result.stdout.endswith("-It ended. .\n\\ No newline at end of file\n+It ended.\n\\ No newline at end of file\n")
    clean = tmp_path / "clean.txt"
    clean.write_text("It ended.\n")
    result = CliRunner().invoke(main, ["fix", "--diff", str(clean)])
    assert result.exit_code == 0 and result.stdout == ""


def test_fix_stdin_writes_fixed_text_to_stdout_keeping_bom_and_crlf():
    data = codecs.BOM_UTF8 + BAD.encode()
    result = CliRunner().invoke(main, ["fix", "-", "--stdin-filename", "draft.md"], input=data)
    assert result.stdout_bytes == codecs.BOM_UTF8 + FIXED.encode()
    assert "draft.md:1:35: error attribution.orphaned-modifier" in result.stderr
    assert "Fixed 3 problems in 1 file (draft.md)." in result.stderr
    assert result.exit_code == 1


def test_check_fix_stdin_utf16_passes_through_encoding():
    data = codecs.BOM_UTF16_LE + "It hit Odessa. .\n".encode("utf-16-le")
    result = CliRunner().invoke(main, ["check", "--fix", "-"], input=data)
    assert result.stdout_bytes == codecs.BOM_UTF16_LE + "It hit Odesa.\n".encode("utf-16-le")
    assert result.exit_code == 0


def test_stdin_with_other_paths_is_a_usage_error_when_fixing(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x\n")
    result = run("fix", "-", str(tmp_path / "a.txt"), input="y\n")
    assert result.exit_code == 2 and "cannot be combined" in result.output


def test_read_only_file_is_reported_with_exit_2_and_left_alone(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("It ended. .\n")
    os.chmod(story, 0o444)
    other = tmp_path / "other.txt"
    other.write_text("It began. .\n")
    result = run("fix", str(story), str(other))
    assert result.exit_code == 2
    assert f"copylint: {story}: read-only file, not fixed" in result.output
    assert f"{story}:1:10: error punctuation.stray-stop" in result.output  # still reported
    assert story.read_text() == "It ended. .\n"
    assert other.read_text() == "It began.\n"  # the others are still fixed


def test_min_level_limits_what_is_fixed(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kiev. It ended. .\n")
    run("fix", "--min-level", "error", str(story))
    assert story.read_text() == "Shelling hit Kiev. It ended.\n"  # the warning was not reported, not fixed


def test_directories_are_fixed_recursively(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("It hit Kharkov. .\n")
    (tmp_path / "a" / "notes.py").write_text("# Kharkov. .\n")
    result = run("check", "--fix", "--format", "json", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "a" / "one.md").read_text() == "It hit Kharkiv.\n"
    assert (tmp_path / "a" / "notes.py").read_text() == "# Kharkov. .\n"


def test_overlapping_and_mixed_case_fixes(tmp_path: Path):
    story = tmp_path / "s.txt"
    story.write_text("Shelling hit KIEV kiev. . Then the the the army left Kiev,, quietly.\n")
    run("fix", str(story))
    # "KIEV kiev" is a doubtful repeat: its deletion is an unsafe fix, not applied
    assert story.read_text() == "Shelling hit KYIV kyiv. Then the army left Kyiv, quietly.\n"


# -- no byte outside the fixed spans changes ----------------------------------

SNIPPETS = {  # bad -> fixed, each its own paragraph
    "It hit Kiev. .": "It hit Kyiv.",
    "The the army left.": "The army left.",
    "They met in ODESSA,, then left.": "They met in ODESA, then left.",
}
filler = st.text(alphabet=st.sampled_from(list("abcdefgh xyz,;:'\"()-–—0123456789éßЖ🙂\t")), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.tuples(filler, st.sampled_from(sorted(SNIPPETS))), min_size=1, max_size=4),
       tail=filler, newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_bytes_outside_fixed_spans_never_change(tmp_path_factory, parts, tail, newline, bom):
    fillers = [f for f, _ in parts] + [tail]
    # each filler is a paragraph of its own (a rule may look at the lines around a match)
    assume(not any(f.fix is not None for filler in fillers for f in lint_text(filler, default_rules())))
    sep = newline * 2
    original = sep.join(f"{f}{sep}{bad}" for f, bad in parts) + sep + tail + newline
    expected = sep.join(f"{f}{sep}{SNIPPETS[bad]}" for f, bad in parts) + sep + tail + newline
    prefix = codecs.BOM_UTF8 if bom else b""
    story = tmp_path_factory.mktemp("prop") / "story.txt"
    story.write_bytes(prefix + original.encode())
    result = CliRunner().invoke(main, ["fix", str(story)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert story.read_bytes() == prefix + expected.encode()


def test_fix_follows_the_configuration(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".copylint.yaml").write_text("ignore: ['places.*']\nper-path-ignores:\n  quotes/: ['repetition.*']\n")
    Path("quotes").mkdir()
    Path("quotes/q.txt").write_text("He said the the city of Kiev was calm. .\n")
    Path("story.txt").write_text("He said the the city of Kiev was calm. .\n")
    run("fix", ".")
    assert Path("quotes/q.txt").read_text() == "He said the the city of Kiev was calm.\n"
    assert Path("story.txt").read_text() == "He said the city of Kiev was calm.\n"


def test_fix_in_markdown_leaves_code_and_suppressed_lines_alone(tmp_path: Path):
    story = tmp_path / "story.md"
    story.write_text("# Shelling hit Kiev\n\n```\nKiev. .\n```\n\nIt hit `Kiev`. The the end.\n\n"
                     "<!-- copylint-disable-next-line places.* -->\nChicken Kiev was served.\n")
    run("fix", str(story))
    assert story.read_text() == ("# Shelling hit Kyiv\n\n```\nKiev. .\n```\n\nIt hit `Kiev`. The end.\n\n"
                                 "<!-- copylint-disable-next-line places.* -->\nChicken Kiev was served.\n")


def test_fix_honours_encoding_and_size_limit_and_never_replaces_bytes(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 staff in Kiev.\n".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"Shelling hit Kiev.\n" * 100)
    runner = CliRunner()
    refused = runner.invoke(main, ["fix", "--encoding-errors", "replace", str(latin)])
    assert refused.exit_code == 2 and "replaced bytes would be lost" in refused.output
    assert latin.read_bytes() == "Caf\xe9 staff in Kiev.\n".encode("latin-1")
    fixed = runner.invoke(main, ["fix", "--encoding", "latin-1", "--max-file-size", "1K",
                                 str(latin), str(big)])
    assert latin.read_bytes() == "Caf\xe9 staff in Kyiv.\n".encode("latin-1")  # still Latin-1
    assert big.read_bytes() == b"Shelling hit Kiev.\n" * 100  # over the limit: skipped, untouched
    assert "Traceback" not in fixed.output
