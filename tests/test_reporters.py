"""Every output format on one fixture: exact output for the line formats,
SARIF validated against the official 2.1.0 schema, the HTML report
self-contained and escaped; format and colour defaults."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from copylint.cli import main
from copylint.reporters.github import escape_data, escape_property

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
STORY = 'Shelling hit Kiev overnight. It ended. .\nThe mayor claimed it, <b>said</b> "so".\n'
OTHER = "Zelensky spoke. Zelenskiy left.\n"


@pytest.fixture
def stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    Path("a.txt").write_text(STORY)
    Path("b.md").write_text(OTHER)
    return ["a.txt", "b.md"]


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output
    return result


def test_concise(stories):
    result = run("check", "--format", "concise", *stories)
    assert result.exit_code == 1
    assert result.output == (
        "a.txt:1:14: warning: Use 'Kyiv' instead of 'Kiev' (official romanisation). [places.kyiv] (fixable)\n"
        "a.txt:1:39: error: Stray full stop after the end of the sentence: delete ' .'. [punctuation.stray-stop]"
        " (fixable)\n"
        "a.txt:2:11: suggestion: 'claimed' is a loaded attribution verb: consider 'said', which is neutral."
        " [attribution.loaded-verb]\n"
        "b.md:1:17: error: 'Zelenskiy' here, but 'Zelensky' elsewhere in this story (line 1): spell the"
        " president's name one way. [names.zelenskyy-consistency] (unsafe fix)\n")


def test_github(stories):
    result = run("check", "--format", "github", *stories)
    assert result.output == (
        "::warning file=a.txt,line=1,col=14,title=copylint places.kyiv::Use 'Kyiv' instead of 'Kiev'"
        " (official romanisation). (fix: 'Kyiv')\n"
        "::error file=a.txt,line=1,col=39,title=copylint punctuation.stray-stop::Stray full stop after the"
        " end of the sentence: delete ' .'. (fix: delete ' .')\n"
        "::notice file=a.txt,line=2,col=11,title=copylint attribution.loaded-verb::'claimed' is a loaded"
        " attribution verb: consider 'said', which is neutral.\n"
        "::error file=b.md,line=1,col=17,title=copylint names.zelenskyy-consistency::'Zelenskiy' here, but"
        " 'Zelensky' elsewhere in this story (line 1): spell the president's name one way."
        " (unsafe fix: 'Zelensky')\n"
        "Found 2 errors, 1 warning, 1 suggestion in 2 files"
        " (2 fixable with --fix; 1 hidden fix can be enabled with --unsafe-fixes).\n")


WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::[^\r\n]*$")


def test_github_escapes_properties_and_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    monkeypatch.chdir(tmp_path)
    Path("odd, name: 1.txt").write_text("It ended. .\n")
    rules = tmp_path / "house.yml"
    rules.write_text("rules:\n  - id: house.pct\n    kind: existence\n    level: warning\n"
                     "    description: d\n    message: \"100% wrong:\\nsee %s\"\n    tokens: [ended]\n")
    result = run("check", "--format", "github", "--rules", str(rules), "odd, name: 1.txt")
    lines = result.output.splitlines()
    assert lines[0] == "::warning file=odd%2C name%3A 1.txt,line=1,col=4,title=copylint house.pct::100%25 wrong:%0Asee ended"
    for line in lines[:-1]:
        assert WORKFLOW_COMMAND.match(line), line


def test_github_is_the_default_on_github_actions(stories):
    result = run("check", *stories, env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::warning file=a.txt,line=1,col=14,")
    assert run("check", "--format", "text", *stories, env={"GITHUB_ACTIONS": "true"}).output.startswith("a.txt:1:14:")


def test_sarif_validates_and_describes_rules_and_fixes(stories):
    result = run("check", "--format", "sarif", *stories)
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["attribution.loaded-verb", "names.zelenskyy-consistency",
                                        "places.kyiv", "punctuation.stray-stop"]
    kyiv = rules[2]
    assert kyiv["shortDescription"] == {"text": "Kyiv is the official romanisation (Resolution 55 of 2010)."}
    assert kyiv["helpUri"] == "https://ds.svcs.associatedpress.com/announcements/an-update-on-ap-style-on-kyiv"
    assert kyiv["properties"]["source"].startswith("https://ds.svcs.associatedpress.com/")
    assert kyiv["defaultConfiguration"] == {"level": "warning"}
    first = sarif_run["results"][0]
    assert first["ruleId"] == "places.kyiv" and first["ruleIndex"] == 2 and first["level"] == "warning"
    region = {"startLine": 1, "startColumn": 14, "endLine": 1, "endColumn": 18, "charOffset": 13, "charLength": 4}
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}, "region": region}}]
    assert first["fixes"] == [{
        "description": {"text": "Replace 'Kiev' with 'Kyiv'"},
        "properties": {"applicability": "safe"},
        "artifactChanges": [{"artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"},
                             "replacements": [{"deletedRegion": region, "insertedContent": {"text": "Kyiv"}}]}]}]
    levels = [r["level"] for r in sarif_run["results"]]
    assert levels == ["warning", "error", "note", "error"]
    assert "fixes" not in sarif_run["results"][2]  # an attribution suggestion is never a fix
    # a consistency fix (the spelling that wins is a vote) needs an editor: SARIF says so
    (unsafe,) = sarif_run["results"][3]["fixes"]
    assert unsafe["properties"] == {"applicability": "unsafe"}
    assert "unsafe" in unsafe["description"]["text"]


def test_sarif_reports_unreadable_files_and_validates(stories):
    Path("bad.txt").write_bytes(b"caf\xe9\n")
    result = run("check", "--format", "sarif", "bad.txt", "a.txt")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "bad.txt: not valid UTF-8 at byte 3"
    assert result.exit_code == 2


def test_sarif_with_no_findings_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    Path("ok.txt").write_text("Officials in Kyiv said so.\n")
    log = json.loads(run("check", "--format", "sarif", "ok.txt").output)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_self_contained_escaped_and_complete(stories):
    result = run("check", "--format", "html", *stories)
    page = result.output
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not any("src" in attrs for _, attrs in parser.tags)
    assert "@import" not in page and "url(" not in page
    assert tags.count("svg") == 2  # findings by rule, findings by file
    assert "<b>said</b>" not in page and "&lt;b&gt;said&lt;/b&gt;" in page  # user text escaped
    text = "".join(parser.text)
    for expected in ("places.kyiv", "punctuation.stray-stop", "attribution.loaded-verb",
                     "names.zelenskyy-consistency", "a.txt", "b.md", "fix: 'Kiev' → 'Kyiv'",
                     "unsafe fix: 'Zelenskiy' → 'Zelensky'", "more with --unsafe-fixes",
                     "suggestion: said", "Findings by rule", "Findings by file"):
        assert expected in text, expected
    marks = re.findall(r"<mark>(.*?)</mark>", page)
    assert marks == ["Kiev", " .", "claimed", "Zelenskiy"]
    assert re.search(r"<li><b>4</b>findings</li>", page)
    assert re.search(r'<li class="error"><b>2</b>errors</li>', page)
    assert re.search(r'<li class="fix"><b>2</b>fixable with --fix</li>', page)
    assert re.search(r'<li class="unsafe"><b>1</b>more with --unsafe-fixes</li>', page)


def test_html_chart_groups_the_tail_into_others():
    from collections import Counter

    from copylint.reporters.html_report import CHART_ROWS, bar_chart

    counts = Counter({f"rule.{i:02d}": 100 - i for i in range(CHART_ROWS + 5)})
    svg = bar_chart("by rule", counts)
    assert svg.count("<rect") == CHART_ROWS
    assert "(6 others)" in svg


def test_colour_only_when_asked_or_on_a_terminal(stories):
    plain = run("check", "a.txt")
    assert "\x1b[" not in plain.output  # CliRunner output is not a terminal
    coloured = run("check", "--color", "a.txt")
    assert "\x1b[31m\x1b[1merror\x1b[0m" in coloured.output
    assert "\x1b[" not in run("check", "--no-color", "a.txt").output


def test_no_color_environment_variable(stories, monkeypatch: pytest.MonkeyPatch):
    from copylint.cli import resolve_color

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert resolve_color(None, Terminal()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert resolve_color(None, Terminal()) is False
    assert resolve_color(True, Terminal()) is True  # an explicit --color wins
    monkeypatch.setenv("NO_COLOR", "")
    assert resolve_color(None, Terminal()) is True  # an empty NO_COLOR does not count
