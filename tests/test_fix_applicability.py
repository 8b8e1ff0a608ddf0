"""Safe and unsafe fixes end to end: each kind's default, the built-in rules'
choices, context downgrades (quotations, titles, mentions, file names),
`fix` vs `fix --unsafe-fixes`, what every output format says, the pre-commit
hook, and the desk API."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from copylint import default_rules, lint_text
from copylint.checks import KINDS
from copylint.cli import main
from copylint.findings import Applicability, Level
from copylint.fixes.apply import fix_text
from copylint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())

# Correct sentences with an old place spelling that is right where it stands
# (a quotation of the word, a title, a file name or address, a historical term).
# `copylint fix` must leave every one of them alone, and none may be more
# than a suggestion.
CORRECT = [
    '"Kiev" is how the city was spelled until 2019.',
    "‘Kiev’ was the spelling most English-language outlets used before 2019.",
    "The ministry asked outlets to drop the spelling ‘Kiev’ in 2018.",
    "Kyiv, formerly known as Kiev, has been the capital since 1991.",
    "The campaign asked for Kyiv, not Kiev, in every newspaper.",
    'Her 1998 memoir, "Summer in Old Kiev", was reissued this spring.',
    "The film *Kiev Nights* opens in Berlin on Friday.",
    "The photo archive holds Collage-of-Kiev-doors.jpg and three other files.",
    "Download kiev_map.png before you travel.",
    "The old page at example.com/kiev still works.",
    "Write to press@kiev-embassy.org for accreditation.",
    "Kievan Rus was a medieval state.",
    "He ordered chicken Kiev and a salad.",
    "The Kiev Offensive of 1920 ended in a Polish retreat.",
    "The Third Battle of Kharkov was fought in 1943.",
    "The Odessa Steps scene is taught in every film school.",
    "Dnipropetrovsk was renamed Dnipro in 2016.",
    "The city, then called Artemivsk, took back the name Bakhmut in 2016.",
    "Soviet maps called the city Lvov.",
    "Polish settlers knew the town as Lwow, Soviet officials named it Lvov.",
]


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _rules(tmp_path: Path, body: str):
    (tmp_path / "r.yml").write_text("rules:\n" + body)
    return load_rules([tmp_path], builtin=False)


# -- kinds and rules ------------------------------------------------------------
def test_each_kind_has_a_reasoned_default():
    unsafe = {kind for kind in KINDS if KINDS[kind].default_applicability is Applicability.UNSAFE}
    assert {"consistency", "dates", "attribution"} <= unsafe
    for kind in ("substitution", "punctuation", "quote-style", "person"):
        assert KINDS[kind].default_applicability is Applicability.SAFE, kind
    downgraded = {kind for kind in KINDS if KINDS[kind].context_downgrade}
    assert downgraded == {"substitution", "consistency", "person"}


def test_rule_keys_override_the_kind(tmp_path):
    rules = _rules(tmp_path, (
        "  - {id: t.a, kind: consistency, level: warning, description: d, groups: [[Kyiv, Kiev]]}\n"
        "  - {id: t.b, kind: consistency, level: warning, description: d, groups: [[Odesa, Odessa]],\n"
        "     fix-applicability: safe, context-downgrade: false}\n"))
    a, b = rules.rules
    assert a.fix_applicability is Applicability.UNSAFE and a.context_downgrade is True
    assert b.fix_applicability is Applicability.SAFE and b.context_downgrade is False


def test_bad_context_downgrade_is_a_rule_error(tmp_path):
    from copylint.errors import RuleError

    with pytest.raises(RuleError, match="context-downgrade"):
        _rules(tmp_path, "  - {id: t.a, kind: substitution, level: warning, description: d,"
                         " swap: {a: b}, context-downgrade: maybe}\n")


def test_built_in_rules_mark_fixes_that_need_an_editor():
    rules = {r.id: r for r in default_rules()}
    for rule_id in ("places.dnipro", "places.bakhmut", "places.chornobyl", "places.the-ukraine",
                    "places.dynamo-kyiv", "places.myanmar", "names.ukrainian-given-name-garbled",
                    "names.zelenskyy-consistency", "places.mixed-spellings", "dates.clock-redundancy"):
        assert rules[rule_id].fix_applicability is Applicability.UNSAFE, rule_id
    for rule_id in ("places.kyiv", "places.kharkiv", "punctuation.stray-stop", "hygiene.mixed-double-quotes"):
        assert rules[rule_id].fix_applicability is Applicability.SAFE, rule_id


def test_rules_and_explain_say_how_far_a_rules_fixes_go():
    listed = {r["id"]: r for r in json.loads(run("rules", "--format", "json").output)}
    assert listed["places.dynamo-kyiv"]["fix_applicability"] == "unsafe"
    assert listed["places.kyiv"]["fix_applicability"] == "safe" and listed["places.kyiv"]["context_downgrade"]
    assert listed["punctuation.stray-stop"]["context_downgrade"] is False
    text = run("explain", "places.dynamo-kyiv").output
    assert "fixes:   unsafe (applied only with --unsafe-fixes); in quotations" in text
    data = json.loads(run("explain", "--format", "json", "places.dynamo-kyiv").output)
    assert data["fix_applicability"] == "unsafe"
    assert data["examples"]["bad"][0]["findings"][0]["fix_applicability"] == "unsafe"


# -- context downgrades ----------------------------------------------------------
@pytest.mark.parametrize("sentence", CORRECT)
def test_correct_place_spellings_are_at_most_suggestions_and_never_fixed(sentence):
    assert all(f.level == Level.SUGGESTION for f in lint_text(sentence))
    assert fix_text(sentence + "\n", default_rules()).text == sentence + "\n"
    # titles, mentions, file names and historical terms: not even with --unsafe-fixes
    assert fix_text(sentence + "\n", default_rules(), unsafe=True).text == sentence + "\n"


def test_fix_command_changes_none_of_the_correct_sentences(tmp_path):
    story = tmp_path / "story.txt"
    text = "\n\n".join(CORRECT) + "\n"
    story.write_text(text)
    result = run("fix", str(story))
    assert result.exit_code == 0, result.output
    assert story.read_text() == text


# Real slips that look like the sentences above: they stay warnings or errors
# with a safe fix.
SLIPS = [
    "Shelling hit Kiev overnight.",
    "Shelling hit Kiev's suburbs overnight.",
    "Kyiv's mayor said Kiev would rebuild.",
    "He flew to Kiev, then on to Lviv.",
    "Troops advanced on Kiev (the capital) overnight.",
    "The mayor of Kiev, Vitali Klitschko, spoke.",
    "He called Kiev on Monday.",
    'In Kiev, officials said, "the power is back".',
    "Shelling hit Kharkov and Odessa overnight.",
]


@pytest.mark.parametrize("sentence", SLIPS)
def test_the_same_slips_in_running_prose_are_still_safe_fixes(sentence):
    found = [f for f in lint_text(sentence) if f.match in ("Kiev", "Kharkov", "Odessa")]
    assert found and all(f.level >= Level.WARNING and f.safe_fix for f in found), found
    assert fix_text(sentence, default_rules()).text == \
        sentence.replace("Kiev", "Kyiv").replace("Kharkov", "Kharkiv").replace("Odessa", "Odesa")


def test_tokens_are_dropped_by_the_context_not_by_rule_exceptions(tmp_path):
    body = ("  - {id: t.swap, kind: substitution, level: error, description: d, swap: {Kiev: Kyiv},"
            " ignorecase: true%s}\n")
    on, off = _rules(tmp_path, body % ""), None
    (tmp_path / "off").mkdir()
    (tmp_path / "off" / "r.yml").write_text("rules:\n" + body % ", context-downgrade: false")
    off = load_rules([tmp_path / "off"], builtin=False)
    for text in ("See Collage-of-Kiev-doors.jpg.", "Open kiev-map.png now.", "Visit example.com/kiev today.",
                 "Follow #Kiev and @kiev_post.", "Mail press@kiev.example.org now."):
        assert lint_text(text, on) == [], text
        without = lint_text(text, off)
        assert without and all(f.level == Level.ERROR for f in without), text


def test_a_quotation_keeps_an_unsafe_fix_and_a_title_or_mention_none(tmp_path):
    rules = _rules(tmp_path, "  - {id: t.swap, kind: substitution, level: error, description: d,"
                             " swap: {Kiev: Kyiv}}\n")
    (quoted,) = lint_text('He said: "We will never give up Kiev, whatever happens."', rules)
    assert quoted.level == Level.SUGGESTION and quoted.fix == "Kyiv" and not quoted.safe_fix
    assert "quotation" in quoted.message
    (single,) = lint_text("‘We will never give up Kiev,’ he said.", rules)
    assert single.applicability is Applicability.UNSAFE and single.level == Level.SUGGESTION
    for text in ('Her memoir, "Summer in Old Kiev", sold well.', "The film *Kiev Nights* opens.",
                 '"Kiev" is the old spelling.', "Kyiv, formerly known as Kiev, is the capital."):
        (found,) = lint_text(text, rules, fmt="markdown")
        assert found.level == Level.SUGGESTION and found.fix is None and found.suggestion == "Kyiv", text


def test_html_cite_and_blockquote_and_markdown_quote_blocks(tmp_path):
    rules = _rules(tmp_path, "  - {id: t.swap, kind: substitution, level: error, description: d,"
                             " swap: {Kiev: Kyiv}}\n")
    (title,) = lint_text("<p>She wrote <cite>Letters from Kiev</cite> in 1990.</p>", rules, fmt="html")
    assert title.fix is None and title.level == Level.SUGGESTION
    (block,) = lint_text("<blockquote><p>Kiev will stand, he wrote.</p></blockquote>", rules, fmt="html")
    assert block.applicability is Applicability.UNSAFE and block.level == Level.SUGGESTION
    (md,) = lint_text("> Kiev will stand, he wrote.\n", rules, fmt="markdown")
    assert md.applicability is Applicability.UNSAFE
    (prose,) = lint_text("<p>Shelling hit Kiev.</p>", rules, fmt="html")
    assert prose.level == Level.ERROR and prose.safe_fix


def test_two_rules_with_the_same_fix_keep_it_safe():
    # places.kyiv (safe) and places.mixed-spellings (a consistency vote: unsafe) agree
    found = lint_text("Shelling hit Kiev overnight. Officials in Kyiv said so.")
    (kiev,) = [f for f in found if f.match == "Kiev"]
    assert kiev.safe_fix and kiev.rule == "places.mixed-spellings"


# -- fix and --unsafe-fixes ----------------------------------------------------------
UNSAFE_STORY = ('He said: "We will never give up Kiev."\n\nDynamo Kiev won the league.\n\n'
                "Shelling hit Kiev overnight.\n")


def test_fix_applies_safe_fixes_only_and_unsafe_fixes_when_asked(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(UNSAFE_STORY)
    result = run("fix", str(story))
    assert story.read_text() == UNSAFE_STORY.replace("hit Kiev", "hit Kyiv")
    assert "2 hidden fixes can be enabled with --unsafe-fixes" in result.output
    result = run("fix", "--unsafe-fixes", str(story))
    assert story.read_text() == UNSAFE_STORY.replace("Kiev", "Kyiv")
    assert "Fixed 2 problems" in result.output


def test_check_fix_and_diff_take_unsafe_fixes(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(UNSAFE_STORY)
    diff = run("check", "--diff", str(story))
    assert "+Dynamo Kyiv" not in diff.stdout and "+Shelling hit Kyiv" in diff.stdout
    assert "2 hidden fixes can be enabled with --unsafe-fixes" in diff.stderr
    diff = run("check", "--diff", "--unsafe-fixes", str(story))
    assert "+Dynamo Kyiv" in diff.stdout and '+He said: "We will never give up Kyiv."' in diff.stdout
    assert story.read_text() == UNSAFE_STORY
    run("check", "--fix", "--unsafe-fixes", str(story))
    assert story.read_text() == UNSAFE_STORY.replace("Kiev", "Kyiv")


def test_fix_stdin_keeps_unsafe_fixes_unless_asked():
    assert run("fix", "-", input=UNSAFE_STORY).stdout == UNSAFE_STORY.replace("hit Kiev", "hit Kyiv")
    assert run("fix", "--unsafe-fixes", "-", input=UNSAFE_STORY).stdout == UNSAFE_STORY.replace("Kiev", "Kyiv")


def test_summary_counts_safe_and_hidden_fixes(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(UNSAFE_STORY)
    last = run("check", str(story)).output.splitlines()[-1]
    assert last.endswith("(1 fixable with --fix; 2 hidden fixes can be enabled with --unsafe-fixes).")
    last = run("check", "--unsafe-fixes", str(story)).output.splitlines()[-1]
    assert last.endswith("(3 fixable with --fix).")


# -- every output format -------------------------------------------------------------
def test_every_format_says_which_fixes_are_unsafe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    Path("s.txt").write_text(UNSAFE_STORY)
    text = run("check", "s.txt").output
    assert "    fix (unsafe): 'Dynamo Kiev' -> 'Dynamo Kyiv'" in text and "    fix: 'Kiev' -> 'Kyiv'" in text
    concise = run("check", "--format", "concise", "s.txt").output.splitlines()
    assert concise[1].endswith("[places.dynamo-kyiv] (unsafe fix)") and concise[2].endswith("(fixable)")
    github = run("check", "--format", "github", "s.txt").output
    assert "(unsafe fix: 'Dynamo Kyiv')" in github and "(fix: 'Kyiv')" in github
    stats = run("check", "--statistics", "s.txt").output
    assert "places.dynamo-kyiv" in stats and "1 unsafe fix" in stats and "1 fixable" in stats
    html = run("check", "--format", "html", "s.txt").output
    assert "unsafe fix: &#x27;Dynamo Kiev&#x27; → &#x27;Dynamo Kyiv&#x27;" in html
    found = json.loads(run("check", "--format", "json", "s.txt").output)["findings"]
    assert [f["fix_applicability"] for f in found] == ["unsafe", "unsafe", "safe"]
    sarif = json.loads(run("check", "--format", "sarif", "s.txt").output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    fixes = [r["fixes"][0]["properties"]["applicability"] for r in sarif["runs"][0]["results"]]
    assert fixes == ["unsafe", "unsafe", "safe"]


# -- pre-commit --------------------------------------------------------------------------
def test_pre_commit_fix_hook_applies_safe_fixes_only():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    fix = hooks["copylint-fix"]
    assert fix["entry"].split()[:2] == ["copylint", "fix"]
    assert "--unsafe-fixes" not in fix["entry"] and "--unsafe-fixes" not in fix.get("args", [])
    assert "--unsafe-fixes" not in hooks["copylint"]["entry"]


# -- the desk API --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server():
    from desk_server import running_server

    with running_server(max_request_bytes=64 * 1024) as srv:
        yield srv


def test_desk_api_applies_unsafe_fixes_only_when_asked(server):
    from desk_server import call

    status, _, linted = call(server, "POST", "/api/lint", {"text": UNSAFE_STORY})
    assert status == 200
    assert [f["fix_applicability"] for f in linted["findings"]] == ["unsafe", "unsafe", "safe"]
    assert linted["fixable"] == 1 and linted["unsafe_fixable"] == 2
    status, _, safe = call(server, "POST", "/api/fix", {"text": UNSAFE_STORY})
    assert status == 200 and safe["text"] == UNSAFE_STORY.replace("hit Kiev", "hit Kyiv")
    assert [a["fix_applicability"] for a in safe["applied"]] == ["safe"]
    status, _, everything = call(server, "POST", "/api/fix", {"text": UNSAFE_STORY, "unsafe": True})
    assert status == 200 and everything["text"] == UNSAFE_STORY.replace("Kiev", "Kyiv")
    club = next(f for f in linted["findings"] if f["rule"] == "places.dynamo-kyiv")
    status, _, refused = call(server, "POST", "/api/fix", {"text": UNSAFE_STORY, "ids": [club["id"]]})
    assert status == 400 and "unsafe" in refused["error"]["message"]
    status, _, chosen = call(server, "POST", "/api/fix", {"text": UNSAFE_STORY, "ids": [club["id"]], "unsafe": True})
    assert status == 200 and chosen["text"] == UNSAFE_STORY.replace("Dynamo Kiev", "Dynamo Kyiv")
    status, _, bad = call(server, "POST", "/api/fix", {"text": UNSAFE_STORY, "unsafe": "yes"})
    assert status == 400 and "'unsafe'" in bad["error"]["message"]


@pytest.mark.parametrize("text", ["House style changed (Kiev → Kyiv) in 2019.\n",
                                  "The guide now says Kiev -> Kyiv.\n"])
def test_an_arrow_between_two_spellings_names_the_spelling(text):
    from copylint import lint_text
    from copylint.findings import Level

    kiev = [f for f in lint_text(text) if f.match == "Kiev"]
    assert kiev and all(f.level is Level.SUGGESTION and f.fix is None for f in kiev)
