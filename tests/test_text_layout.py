"""The text output fits the terminal: the context line is cut around the match
with the caret under it (wide and combining characters too), long messages
wrap under their line."""

from __future__ import annotations

from click.testing import CliRunner

from copylint.cli import main
from copylint.findings import Finding, Level
from copylint.engine.linting import Report
from copylint.reporters import ReportOptions
from copylint.reporters.text import display_width, fit_window, render

PROSE = ("Reporters from several bureaux filed copy through the night while the desk kept "
         "watch over the wires and the the editors waited for the final figures from the "
         "counting centres in the north of the country before the morning edition closed.")


def run(*args: str, input: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["check", "--no-color", "--no-config", *args, "-"], input=input,
                              env=env)


def _caret_target(lines: list[str]) -> str:
    """The characters of the context row above the carets."""
    at = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) == {"^"})
    context, caret = lines[at - 1], lines[at]
    first, count = caret.index("^"), caret.count("^")
    columns, out = 0, []
    for ch in context:
        w = display_width(ch)
        if first <= columns < first + count or (w == 0 and out and columns <= first + count):
            out.append(ch)
        columns += w
    return "".join(out)


def test_context_is_cut_around_the_match_to_the_width():
    for columns in (40, 60, 80, 120):
        result = run(input=PROSE + "\n", env={"COLUMNS": str(columns)})
        lines = result.output.splitlines()
        assert lines[0].startswith("-:1:")
        assert all(display_width(line) <= columns for line in lines[:-1]), (columns, lines)
        assert _caret_target(lines) == "the the"
        context = next(line for line in lines if line.startswith("    …"))
        assert context.endswith("…") and display_width(context) >= columns - 2  # the room is used


def test_caret_under_wide_combining_and_emoji_characters_after_a_cut():
    cjk = "\u4e00\u4e01\u4e03\u4e07\u4e08\u4e09\u4e0a\u4e0b\u4e0d\u4e0e\u4e10\u4e11\u4e13\u4e14\u4e15"
    text = " ".join(cjk[i:i + 3] for i in range(12)) + " Cafe\u0301 \U0001F642 the the end " + cjk * 4
    for columns in (40, 80, 120):
        lines = run(input=text + "\n", env={"COLUMNS": str(columns)}).output.splitlines()
        assert all(display_width(line) <= columns for line in lines[:-1]), (columns, lines)
        assert _caret_target(lines) == "the the"


def test_a_cut_never_separates_a_combining_mark_from_its_letter():
    line = "e\u0301" * 200
    for start in range(0, 400, 2):
        left, right = fit_window(line, start, start + 2, 30)
        assert left % 2 == 0 and right % 2 == 0
        assert left <= start and right >= start + 2
        assert display_width(line[left:right]) <= 28


def test_a_match_wider_than_the_terminal_is_shown_from_its_start():
    line = "x" * 10 + "y" * 100
    left, right = fit_window(line, 10, 110, 40)
    assert left == 10 and display_width(line[left:right]) == 38


def test_short_lines_are_not_cut_and_pipes_get_a_fixed_width_without_wrapping():
    short = run(input="It ended. .\n").output.splitlines()
    assert short[1] == "    It ended. ." and short[2] == "             ^^"
    piped = run(input=PROSE + "\n").output.splitlines()  # no COLUMNS, not a terminal
    assert piped[0].endswith("'the' is repeated: delete one.")  # one line
    assert len(piped[1]) == 4 + 1 + 100 + 1 and _caret_target(piped) == "the the"  # 100 characters, cut


def _finding(message: str) -> Finding:
    line = "The the copy."
    return Finding(path="story.md", line=3, column=1, end_line=3, end_column=8, offset=0, end_offset=7,
                   rule="repetition.words", level=Level.ERROR, message=message, match="The the",
                   context=line)


def test_long_messages_wrap_under_their_line_with_a_hanging_indent():
    message = " ".join(["the repeated word should go"] * 6)
    report = Report(findings=[_finding(message)], files=1)
    lines = render(report, ReportOptions(width=60)).splitlines()
    assert lines[0].startswith("story.md:3:1: error repetition.words the repeated")
    wrapped = [line for line in lines[1:] if line.startswith("  ") and not line.startswith("    ")]
    assert len(wrapped) >= 2 and all(display_width(line) <= 60 for line in lines[:-1])
    assert " ".join(line.strip() for line in [lines[0].split("repetition.words ", 1)[1], *wrapped]) == message
    assert lines[len(wrapped) + 1] == "    The the copy."
    one_line = render(report, ReportOptions()).splitlines()  # not a terminal: one line per finding
    assert one_line[0].endswith(message)


def test_wrapping_counts_wide_characters_as_two_columns():
    from copylint.reporters.text import wrap

    message = "'\u6771\u4eac\u90fd\u5e81' " * 12 + "is repeated: delete one."
    lines = wrap(message, 50, "story.md:1:1: error repetition.words ", "  ")
    assert lines[0].startswith("story.md:1:1: error repetition.words '\u6771")
    assert all(display_width(line) <= 50 for line in lines) and len(lines) > 3
    assert all(line.startswith("  ") and not line.startswith("   ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == "story.md:1:1: error repetition.words " + message
    assert wrap("x" * 80, 40, "a: ", "  ") == ["a: " + "x" * 80]  # a word longer than the line stays whole
