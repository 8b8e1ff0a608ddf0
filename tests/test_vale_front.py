"""Vale mode as a front end of copylint's pipeline: --fix/--diff (a
substitution with one literal replacement carries a fix, safe when only the
case changes), --jobs, every output format, standard input, the rule set in
a spawned worker."""

import json
import pickle
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from copylint.engine import parallel
from copylint.cli import main
from copylint.findings import Applicability, Level
from copylint.formats import make_document
from copylint.engine.linting import engine_for
from copylint.vale.rules import ValeRuleSet, load_vale_rules

SARIF_SCHEMA = Path(__file__).parent / "data"


@pytest.fixture
def project(tmp_path, monkeypatch):
    files = {
        ".vale.ini": """
            StylesPath = styles
            MinAlertLevel = suggestion
            Vocab = Desk

            [*.{md,txt}]
            BasedOnStyles = House, Vale
            Vale.Spelling = NO
        """,
        "styles/House/Loud.yml": """
            extends: substitution
            message: "Use '%s' instead of '%s'."
            level: error
            swap:
              utilize: use
              commence: begin|start
        """,
        "styles/House/Calm.yml": """
            extends: substitution
            message: "Prefer '%s' to '%s'."
            level: warning
            fix-applicability: safe
            swap:
              amongst: among
        """,
        "styles/House/Hedge.yml": """
            extends: existence
            message: "Consider removing '%s'."
            level: warning
            ignorecase: true
            tokens: [perhaps]
        """,
        "styles/config/vocabularies/Desk/accept.txt": "JavaScript\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    # CRLF line breaks: offsets and fixes land in the file as written
    (tmp_path / "a.md").write_bytes(b"Perhaps we utilize javascript amongst friends.\r\n\r\n"
                                    b"They commence **utilize** now.\r\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", "--vale", *args], input=input)


def test_substitutions_with_one_literal_replacement_carry_fixes(project):
    findings = {(f.rule, f.match): f for f in engine_for(load_vale_rules(None)).lint(
        make_document((project / "a.md").read_text(encoding="utf-8"), path="a.md", fmt="text"))}
    assert findings["Vale.Terms", "javascript"].fix == "JavaScript"  # only the case changes: safe
    assert findings["Vale.Terms", "javascript"].applicability is Applicability.SAFE
    assert findings["House.Loud", "utilize"].fix == "use"
    assert findings["House.Loud", "utilize"].applicability is Applicability.UNSAFE
    assert findings["House.Calm", "amongst"].applicability is Applicability.SAFE  # the rule says so
    assert findings["House.Loud", "commence"].fix is None  # two replacements: an editor chooses
    assert findings["House.Hedge", "Perhaps"].fix is None


def test_fix_applies_safe_fixes_and_keeps_line_breaks(project):
    result = run("--fix", "a.md")
    assert result.exit_code == 1  # House.Loud errors remain
    assert (project / "a.md").read_bytes() == (b"Perhaps we utilize JavaScript among friends.\r\n\r\n"
                                               b"They commence **utilize** now.\r\n")
    assert "Fixed 2 problems in 1 file" in result.output


def test_unsafe_fixes_and_diff(project):
    result = run("--diff", "--unsafe-fixes", "a.md")
    assert "+Perhaps we use JavaScript among friends.\n" in result.stdout
    assert "+They commence **use** now.\n" in result.stdout
    assert (project / "a.md").read_bytes().startswith(b"Perhaps we utilize javascript")  # untouched
    assert result.exit_code == 1


def test_jobs_two_gives_the_same_report(project, monkeypatch):
    monkeypatch.setattr(parallel, "SMALL_RUN", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    for n in range(5):
        (project / f"s{n}.txt").write_text(f"Story {n}: perhaps we utilize it.\n", encoding="utf-8")
    one, two = run("--jobs", "1", "--format", "json", "."), run("--jobs", "2", "--format", "json", ".")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert {f["path"] for f in json.loads(one.stdout)["findings"]} == {"a.md", *(f"s{n}.txt" for n in range(5))}


def test_rule_set_pickles_by_its_configuration(project):
    rules = load_vale_rules(None).select(lambda rule: rule.id != "House.Hedge")
    again = pickle.loads(pickle.dumps(rules))
    assert isinstance(again, ValeRuleSet) and [r.id for r in again] == [r.id for r in rules]
    doc = make_document("Perhaps we utilize it.\n", path="x.md", fmt="text")
    assert [f.rule for f in engine_for(again).lint(doc)] == ["House.Loud"]


def test_sarif_output_is_valid_and_names_the_vale_rules(project):
    result = run("--format", "sarif", "a.md")
    sarif = json.loads(result.stdout)
    schema = json.loads((SARIF_SCHEMA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"House.Hedge", "House.Loud", "House.Calm", "Vale.Terms"}
    assert result.exit_code == 1


def test_github_output(project):
    result = run("--format", "github", "a.md")
    assert "::error file=a.md,line=1,col=12,title=copylint House.Loud::Use 'use' instead of 'utilize'." \
        in result.stdout
    assert "::warning file=a.md,line=1,col=1,title=copylint House.Hedge::Consider removing 'Perhaps'." \
        in result.stdout
    assert result.exit_code == 1


def test_standard_input_and_levels(project):
    result = run("--format", "vale-line", "--min-level", "error", "-", input="perhaps we utilize it\n")
    assert result.stdout == "stdin.txt:1:12:House.Loud:Use 'use' instead of 'utilize'.\n"
    result = run("--format", "vale-line", "--fail-level", "error", "--stdin-filename", "x.md", "-",
                 input="perhaps\n")
    assert result.stdout == "x.md:1:1:House.Hedge:Consider removing 'perhaps'.\n"
    assert result.exit_code == 0  # a warning does not fail the run


def test_unsupported_format_is_an_input_error(project):
    (project / "r.rst").write_text("Text.\n", encoding="utf-8")
    result = run("r.rst")
    assert result.exit_code == 2
    assert "copylint: r.rst: .rst files need a converter copylint does not have" in result.stderr


def test_desk_offers_the_vale_styles_first_and_fixes_with_them(project):
    from copylint.server import StyleBook

    from desk_server import call, running_server

    book = StyleBook(vale=load_vale_rules(None))
    assert book.default == "vale" and "newsroom" in book.names
    with running_server(book) as server:
        status, _, body = call(server, "POST", "/api/lint", {"text": "Perhaps we utilize javascript.\n",
                                                            "format": "markdown"})
        assert status == 200
        assert [f["rule"] for f in body["findings"]] == ["House.Hedge", "House.Loud", "Vale.Terms"]
        status, _, body = call(server, "POST", "/api/fix", {"text": "We utilize javascript.\n"})
        assert status == 200 and body["text"] == "We utilize JavaScript.\n"
        status, _, body = call(server, "POST", "/api/lint", {"text": "We utilize it.\n", "style": "newsroom"})
        assert status == 200 and not any(f["rule"].startswith("House.") for f in body["findings"])


def test_regex_timeout_applies_to_vale_rules(project):
    rules = load_vale_rules(None)
    rules.regex_timeout = 0.5
    (check,) = engine_for(rules).checks  # every Vale rule goes to the one scoped check
    assert check.kind == "scoped" and check.regex_timeout == 0.5
    assert rules.linter.regex_timeout == 0.5
    assert all(check.regex_timeout == 0.5 for check in rules.linter.kinds.checks.values())


def test_a_vale_rule_that_runs_out_of_time_is_skipped_with_a_warning(project):
    (project / "styles" / "House" / "Slow.yml").write_text(textwrap.dedent("""\
        extends: existence
        message: "Slow '%s'."
        level: error
        raw: ['(a|a)+b']
    """), encoding="utf-8")
    rules = load_vale_rules(None)
    rules.regex_timeout = 0.2
    text = "We utilize " + "a" * 30 + "c and ab.\n"
    found = [(f.rule, f.level, f.message, f.line) for f in engine_for(rules).lint(make_document(text, "a.txt"))]
    assert ("House.Slow", Level.WARNING,
            "rule 'House.Slow' timed out on this document and was skipped; simplify its pattern", 1) in found
    assert sorted(rule for rule, *_ in found) == ["House.Loud", "House.Slow"]  # its alert dropped, the others kept


def test_styles_come_from_the_rule_cache_until_a_file_changes(project, monkeypatch, tmp_path_factory):
    from copylint.vale import styles

    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    parsed: list[str] = []
    real = styles.load_yaml
    monkeypatch.setattr(styles, "load_yaml", lambda text: parsed.append(text) or real(text))
    first = [(r.id, r.message) for r in load_vale_rules(None)]
    assert len(parsed) == 3 and len(list(cache.glob("vale-styles-*.signed"))) == 1
    assert [(r.id, r.message) for r in load_vale_rules(None)] == first  # read from the cache
    assert len(parsed) == 3
    hedge = project / "styles" / "House" / "Hedge.yml"
    hedge.write_text(hedge.read_text(encoding="utf-8").replace("Consider removing", "Cut"), encoding="utf-8")
    again = dict(((r.id, r.message) for r in load_vale_rules(None)))
    assert len(parsed) == 6 and again["House.Hedge"] == "Cut '%s'."


def test_language_server_findings_carry_the_fixes(project):
    from copylint.lsp.vale import load_vale, vale_findings

    setup = load_vale(project)
    body = "Perhaps we utilize javascript.\r\n"
    found = {f.rule: f for f in vale_findings(setup, body, project / "draft.md", "markdown")}
    assert found["Vale.Terms"].fix == "JavaScript" and found["Vale.Terms"].safe_fix
    assert body[found["Vale.Terms"].offset:found["Vale.Terms"].end_offset] == "javascript"
    assert found["House.Loud"].fix == "use" and not found["House.Loud"].safe_fix
    assert {f.path for f in found.values()} == {str(project / "draft.md")}


def test_fix_command_takes_the_vale_styles(project):
    result = CliRunner().invoke(main, ["fix", "--vale-config", ".vale.ini", "--unsafe-fixes", "a.md"])
    assert result.exit_code == 1  # House.Loud's 'commence' has two replacements: it remains
    assert (project / "a.md").read_bytes() == (b"Perhaps we use JavaScript among friends.\r\n\r\n"
                                               b"They commence **use** now.\r\n")


# -- copylint's own suppression comments and prose-only fixes in Vale mode ------

def _vale_findings(text: str, path: str = "b.md") -> list:
    return engine_for(load_vale_rules(None)).lint(make_document(text, path=path))


def test_copylint_disable_comments_apply_in_vale_mode(project):
    text = ("We utilize it, perhaps.\n\n<!-- copylint-disable House.Loud -->\n\n"
            "We utilize it, perhaps.\n\n<!-- copylint-enable House.Loud -->\n\n"
            "We utilize it. <!-- copylint-disable-line -->\n\nWe utilize it.\n")
    found = [(f.line, f.rule) for f in _vale_findings(text)]
    assert found == [(1, "House.Loud"), (1, "House.Hedge"), (5, "House.Hedge"), (11, "House.Loud")]


def test_vale_comments_and_copylint_comments_both_hold(project):
    text = "<!-- vale House.Hedge = NO -->\nPerhaps we utilize it. <!-- copylint-disable-line House.Loud -->\n"
    assert _vale_findings(text) == []


def test_a_copylint_comment_naming_no_vale_rule_is_reported(project):
    (finding,) = _vale_findings("<!-- copylint-disable House.Lod -->\nFine words.\n")
    assert finding.rule == "suppression.unknown-rule" and finding.path == "b.md"
    assert "did you mean 'House.Loud'?" in finding.message


def test_no_inline_config_leaves_vale_findings_alone(project):
    doc = make_document("We utilize it. <!-- copylint-disable-line -->\n", path="b.md", inline_config=False)
    assert [f.rule for f in engine_for(load_vale_rules(None)).lint(doc)] == ["House.Loud"]


def test_a_fix_never_rewrites_code_or_a_link_in_vale_mode(project):
    (project / "styles" / "House" / "Raw.yml").write_text(textwrap.dedent("""\
        extends: substitution
        message: "Write '%s', not '%s'."
        level: warning
        scope: raw
        swap:
          colour: color
    """), encoding="utf-8")
    (project / "c.md").write_text("The colour of `colour` and [colour](https://example.com/colour).\n",
                                  encoding="utf-8")
    found = [(f.column, f.match, f.fix) for f in engine_for(load_vale_rules(None)).lint(
        make_document((project / "c.md").read_text(encoding="utf-8"), path="c.md"))
        if f.rule == "House.Raw"]
    assert found == [(5, "colour", "color"), (16, "colour", None), (29, "colour", "color"),
                     (57, "colour", None)]  # the raw scope reports in code and URLs; no fix there
    result = CliRunner().invoke(main, ["fix", "--vale", "--unsafe-fixes", "c.md"])
    assert result.exit_code in (0, 1)
    assert (project / "c.md").read_text(encoding="utf-8") == \
        "The color of `colour` and [color](https://example.com/colour).\n"


def test_no_inline_config_on_the_command_line_in_vale_mode(project):
    (project / "d.md").write_text("We utilize it. <!-- copylint-disable-line House.Loud -->\n", encoding="utf-8")
    assert "House.Loud" not in run("--format", "vale-line", "d.md").stdout
    result = run("--format", "vale-line", "--no-inline-config", "d.md")
    assert result.stdout == "d.md:1:4:House.Loud:Use 'use' instead of 'utilize'.\n"
