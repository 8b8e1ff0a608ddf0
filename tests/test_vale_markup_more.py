"""Vale mode: Org files, comment switches inside a paragraph, HTML placement,
ignored comment scopes in code, and Vale's sentence-case details."""

import textwrap
from pathlib import Path

import pytest

from copylint.checks.capitalization import sentence_case
from copylint.formats.org import org_events
from copylint.vale.project import lint
from copylint.vale.rules import load_vale_rules


@pytest.fixture
def project(tmp_path, monkeypatch):
    files = {
        ".vale.ini": """
            StylesPath = styles
            IgnoredScopes = code, text.comment.line
            IgnoredClasses = aside

            [*.{md,org,html,py}]
            BasedOnStyles = House
        """,
        "styles/House/Hedge.yml": """
            extends: existence
            message: "Consider removing '%s'."
            level: warning
            ignorecase: true
            tokens: [perhaps, arguably]
        """,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def alerts(name: str, text: str) -> list[tuple[int, int]]:
    Path(name).write_text(text, encoding="utf-8")
    return [(f.line, f.column) for f in lint([Path(name)], load_vale_rules(None)).findings]


def test_vale_off_inside_a_paragraph(project):
    text = "*Hi*: <!-- vale off -->Perhaps not.<!-- vale on --> Arguably so.\n\nPerhaps.\n"
    assert alerts("a.md", text) == [(1, 53), (3, 1)]


def test_org_blocks_comments_and_markup(project):
    text = ("#+title: Perhaps a title\n\n* Perhaps a headline\n\nSome /perhaps/ text and =perhaps= code.\n\n"
            "# vale off\n\nPerhaps hidden.\n\n# vale on\n\n#+BEGIN_SRC python\nperhaps = 1\n#+END_SRC\n\n"
            "- an item, arguably\n")
    assert alerts("a.org", text) == [(3, 3), (5, 7), (17, 12)]


def test_org_events_shape():
    kinds = [(e.kind, e.name) for e in org_events("* Head\n\nText *bold* [[http://x][link]].\n")]
    assert ("start", "h2") in kinds and ("start", "strong") in kinds and ("start", "a") in kinds


def test_html_placement_skips_attributes_and_ignored_text(project):
    text = ('<div class="aside">Perhaps so.</div>\n<p>Perhaps so.</p>\n'
            '<p>See <a href="x.html#perhaps" title="perhaps">perhaps</a>.</p>\n')
    assert alerts("a.html", text) == [(2, 4), (3, 49)]


def test_ignored_comment_scope_in_code(project):
    text = '"""Perhaps a docstring."""\n\n# perhaps a line comment\nx = 1\n'
    assert alerts("a.py", text) == [(1, 4)]


@pytest.mark.parametrize("heading, ok", [
    ("1. An important heading", True), ("B. An unimportant heading", False),
    ("**** is in sentence case", True), ("this is not", False), ("This is fine", True)])
def test_sentence_case_like_vale(heading, ok):
    wanted = sentence_case(heading, [], [])
    matching = sum(a == b for a, b in zip(heading.split(), wanted.split()))
    assert (matching / len(heading.split()) > 0.8) == ok


def test_skipped_rules_reported_only_when_applied(tmp_path):
    from copylint.vale.config import read_config
    from copylint.vale.styles import applied

    (tmp_path / ".vale.ini").write_text(
        "StylesPath = s\n[*.md]\nBasedOnStyles = House\nHouse.Script = NO\nOther.One = YES\n", encoding="utf-8")
    config = read_config(tmp_path / ".vale.ini")
    assert applied(config, "House.Any") and applied(config, "Other.One")
    assert not applied(config, "House.Script") and not applied(config, "Other.Two")


def test_cli_reads_stdin_in_vale_mode(project):
    from click.testing import CliRunner

    from copylint.cli import main

    result = CliRunner().invoke(main, ["check", "--vale", "--format", "vale-line", "--stdin-filename", "x.md", "-"],
                                input="Fine.\n\nPerhaps not.\n")
    assert result.output == "x.md:3:1:House.Hedge:Consider removing 'Perhaps'.\n"
    assert result.exit_code == 0  # a warning does not fail at the default --fail-level error
