"""Vale mode: a Vale configuration and style written for the test, linted
through the CLI and the API; plus Vale's own suite when it is available."""

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import main
from copylint.vale.config import glob_match, read_config
from copylint.reporters import vale_line
from copylint.vale.project import lint
from copylint.vale.rules import load_vale_rules
from copylint.checks.vale_kinds import go_format
from copylint.formats.scopes import matches

VALE_DATA = Path(__file__).resolve().parents[2] / "shared" / "vale-testdata"
if not VALE_DATA.is_dir():
    VALE_DATA = Path("/work/shared/vale-testdata")
#: Scenarios passing when this was last measured; the suite must not regress.
MIN_PASSING = 29


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch):
    write(tmp_path, {
        ".vale.ini": """
            StylesPath = styles
            MinAlertLevel = suggestion
            Vocab = Desk

            [*.md]
            BasedOnStyles = House, Vale
            House.Loud = warning
            Vale.Spelling = NO
            Vale.Repetition = NO

            [notes/*.md]
            House.Hedge = NO
        """,
        "styles/House/Hedge.yml": """
            extends: existence
            message: "Consider removing '%s'."
            level: suggestion
            ignorecase: true
            tokens: [perhaps, arguably]
        """,
        "styles/House/Loud.yml": """
            extends: substitution
            message: "Use '%s' instead of '%s'."
            level: error
            swap:
              utilize: use
              commence: begin
        """,
        "styles/House/Long.yml": """
            extends: occurrence
            message: "Sentence has %d words."
            scope: sentence
            level: suggestion
            max: 8
            token: '\\b\\w+\\b'
        """,
        "styles/House/Heads.yml": """
            extends: capitalization
            message: "'%s' should be in sentence case"
            scope: heading
            level: warning
            match: $sentence
        """,
        "styles/House/Tengo.yml": """
            extends: script
            message: "x"
            script: 'x := 1'
        """,
        "styles/config/vocabularies/Desk/accept.txt": "Kyiv\n",
        "styles/config/vocabularies/Desk/reject.txt": "Kiev\n",
        "story.md": """
            # Officials Meet In Kyiv

            Perhaps they will utilize the plan.

            <!-- vale House.Hedge = NO -->

            Arguably the talks will commence in kyiv, not Kiev, on Monday when everyone arrives there.
        """,
        "notes/a.md": "Perhaps they utilize it.\n",
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_vale_line_output_matches_vale_semantics(project):
    ruleset = load_vale_rules(None)
    report = lint([Path(".")], ruleset)
    assert vale_line.render(report, None).splitlines() == [
        "notes/a.md:1:14:House.Loud:Use 'use' instead of 'utilize'.",
        "story.md:1:3:House.Heads:'Officials Meet In Kyiv' should be in sentence case",
        "story.md:3:1:House.Hedge:Consider removing 'Perhaps'.",
        "story.md:3:19:House.Loud:Use 'use' instead of 'utilize'.",
        "story.md:7:1:House.Long:Sentence has 15 words.",
        "story.md:7:25:House.Loud:Use 'begin' instead of 'commence'.",
        "story.md:7:37:Vale.Terms:Use 'Kyiv' instead of 'kyiv'.",
        "story.md:7:47:Vale.Avoid:Avoid using 'Kiev'.",
    ]
    assert {f.level.name for f in report.findings if f.rule == "House.Loud"} == {"WARNING"}
    assert ("House.Tengo", "Tengo scripts are not supported") in ruleset.linter.styles.skipped


def test_cli_vale_config_and_skipped_rules_are_reported(project):
    result = CliRunner().invoke(main, ["check", "--vale-config", ".vale.ini", "--format", "vale-line",
                                       "notes/a.md"])
    assert result.exit_code == 0  # House.Loud is lowered to a warning by the .vale.ini
    assert result.stdout == "notes/a.md:1:14:House.Loud:Use 'use' instead of 'utilize'.\n"
    assert "skipped Vale rule House.Tengo: Tengo scripts are not supported" in result.stderr


def test_cli_vale_skips_non_text_files_with_a_note(project):
    import os

    os.mkfifo(project / "notes" / "pipe.md")  # must neither hang nor count as an error
    result = CliRunner().invoke(main, ["check", "--vale-config", ".vale.ini", "--format", "vale-line",
                                       "notes"])
    assert result.exit_code == 0
    assert "notes/pipe.md: a FIFO, not a regular file, skipped" in result.stderr
    assert result.stdout == "notes/a.md:1:14:House.Loud:Use 'use' instead of 'utilize'.\n"


def test_cli_vale_without_config_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--vale", "a.md"])
    assert result.exit_code == 2 and "no .vale.ini" in result.stderr and "Traceback" not in result.stderr


def test_vale_off_comments(project):
    (project / "c.md").write_text("Perhaps.\n\n<!-- vale off -->\n\nPerhaps.\n\n<!-- vale on -->\n\nPerhaps.\n",
                                  encoding="utf-8")
    found = [(f.line, f.rule) for f in lint([Path("c.md")], load_vale_rules(None)).findings]
    assert found == [(1, "House.Hedge"), (9, "House.Hedge")]


def test_config_parsing_and_globs(tmp_path):
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = s\nMinAlertLevel = warning\n[*.{md,txt}]\nBasedOnStyles = A, B\n"
        "A.X = NO\nTokenIgnores = (\\$[^$]+\\$), (<http[^>]+>)\n", encoding="utf-8")
    config = read_config(tmp_path / ".vale.ini")
    assert config.min_level == "warning" and config.styles_path == (tmp_path / "s").resolve()
    assert config.styles_for("docs/a.md") == ["A", "B"] and config.styles_for("a.html") == []
    assert config.rules_for("a.txt") == {"A.X": "NO"}
    assert config.ignores_for("a.md")[1] == ["(\\$[^$]+\\$)", "(<http[^>]+>)"]
    assert glob_match("*.md", "sub/dir/x.md") and not glob_match("docs/*.md", "x.md")


def test_scope_selectors():
    assert matches(["heading"], "text.heading.h2.md")
    assert not matches(["heading & ~heading.h1"], "text.heading.h1.md")
    assert matches(["~blockquote"], "text.md") and not matches(["~blockquote"], "raw.md")
    assert not matches(["text"], "sentence.text.md", "text.md")
    assert matches(["sentence"], "sentence.text.md", "text.md")


def test_go_format():
    assert go_format("Use '%s' not '%s'.", "a", "b", "c") == "Use 'a' not 'b'."
    assert go_format("%d%% of %s", "5") == "5% of %!s(MISSING)"


@pytest.mark.skipif(not (VALE_DATA / "features").is_dir(), reason="Vale test data not available")
@pytest.mark.needs("hunspell-en-us")  # Vale.Spelling's dictionary: its cases fail without it
def test_vale_conformance_does_not_regress(capsys):
    spec = importlib.util.spec_from_file_location(
        "vale_conformance", Path(__file__).resolve().parents[1] / "bench" / "vale_conformance.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main([str(VALE_DATA)]) == 0
    out = capsys.readouterr().out
    passed = sum(1 for line in out.splitlines() if line.startswith("PASS"))
    assert passed >= MIN_PASSING, out
