"""Style packs: extends, disable, override, a desk's own pack, and the CLI
(--style, explain, styles)."""

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import lint_text, load_rules
from copylint.cli import main
from copylint.errors import RuleError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rule_ids(findings):
    return [f.rule for f in findings]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def test_default_style_is_newsroom_and_agencies_extend_it():
    base = load_rules()
    ap = load_rules(style="ap")
    reuters = load_rules(style="reuters")
    assert {r.pack for r in base} == {"newsroom"}
    assert set(base.by_id) < set(ap.by_id) and set(base.by_id) < set(reuters.by_id)
    assert ap.by_id["names.zelenskyy-spelling"].pack == "ap"


@pytest.mark.parametrize("style, flagged, clean", [
    ("ap", "Zelensky", "Zelenskyy"),
    ("reuters", "Zelenskyy", "Zelenskiy"),
    ("bbc", "Zelenskiy", "Zelensky"),
])
def test_president_spelling_per_style(style, flagged, clean):
    rules = load_rules(style=style)
    found = [f for f in lint_text(f"President {flagged} spoke.", rules) if f.rule.startswith("names.")]
    assert [(f.match, f.fix) for f in found] == [(flagged, clean)]
    assert not [f for f in lint_text(f"President {clean} spoke.", rules) if f.rule.startswith("names.")]
    # the base style takes no side, only consistency
    assert not lint_text(f"President {flagged} spoke.")


def test_month_abbreviations_differ_between_ap_and_reuters():
    text = "The vote is on Feb 14 and the count on Feb. 15."
    ap = [(f.match, f.fix) for f in lint_text(text, load_rules(style="ap")) if f.rule.startswith("dates.")]
    reuters = [(f.match, f.fix) for f in lint_text(text, load_rules(style="reuters")) if f.rule.startswith("dates.")]
    assert ap == [("Feb", "Feb.")]
    assert reuters == [("Feb.", "Feb")]


def test_ap_does_not_flag_over_with_numbers_or_percent_sign():
    rules = load_rules(style="ap")
    assert lint_text("Over 50 people were hurt and prices rose 4% in March.", rules) == []


def test_override_raises_a_level_and_is_recorded():
    base = load_rules().by_id["dates.relative-day"]
    reuters = load_rules(style="reuters").by_id["dates.relative-day"]
    assert str(base.level) == "suggestion" and str(reuters.level) == "warning"
    assert reuters.path == base.path and reuters.overridden_by[0].endswith("reuters/pack.yml:8")


def test_desk_pack_extends_ap_disables_overrides_and_adds(tmp_path: Path):
    desk = tmp_path / "desk"
    write(desk / "pack.yml", """\
        name: desk
        description: Our desk.
        extends: ap
        disable: [places.ap-turkey, 'hygiene.mixed-*']
        override:
          places.kyiv: {level: error}
          names.zelenskyy-spelling:
            swap: {Zelenskyy: Zelensky, Zelenskiy: Zelensky}
            message: "Our desk spells the president's name '%s', not '%s'."
            description: Our desk spells the Ukrainian president's surname Zelensky.
            examples: {bad: ['Zelenskyy spoke.'], good: ['Zelensky spoke.']}
        """)
    write(desk / "house.yml", """\
        rules:
          - id: desk.no-slammed
            kind: existence
            level: warning
            description: Headlinese.
            tokens: [slammed]
            examples: {bad: [He slammed the plan.], good: [He criticised the plan.]}
        """)
    rules = load_rules(style=str(desk))
    assert "places.ap-turkey" not in rules and "hygiene.mixed-apostrophes" not in rules
    assert "hygiene.cms-residue" in rules and "desk.no-slammed" in rules
    found = lint_text("Zelenskyy slammed talks in Kiev.", rules)
    assert [(f.rule, str(f.level), f.fix) for f in found] == [
        ("names.zelenskyy-spelling", "warning", "Zelensky"),
        ("desk.no-slammed", "warning", None),
        ("places.kyiv", "error", "Kyiv"),
    ]
    assert rules.by_id["desk.no-slammed"].pack == "desk"
    assert found[0].message == "Our desk spells the president's name 'Zelensky', not 'Zelenskyy'."


def test_an_override_that_changes_the_matching_must_restate_message_and_description(tmp_path: Path):
    desk = tmp_path / "desk"
    write(desk / "pack.yml", """\
        extends: ap
        override:
          names.zelenskyy-spelling:
            swap: {Zelenskyy: Zelensky}
        """)
    with pytest.raises(RuleError) as caught:
        load_rules(style=str(desk))
    assert str(caught.value).startswith(
        f"{desk / 'pack.yml'}:3: names.zelenskyy-spelling: override: changes what the rule matches "
        "(swap) but keeps the inherited message and description, which may no longer be true "
        "(message: \"AP spells the president's name '%s', not '%s'.\")")
    # a level, a fix's applicability or new examples change nothing the message says
    write(desk / "pack.yml", "extends: ap\noverride:\n  names.zelenskyy-spelling: {level: error}\n")
    assert load_rules(style=str(desk)).by_id["names.zelenskyy-spelling"].level == 3


def test_pack_can_extend_a_relative_path(tmp_path: Path):
    write(tmp_path / "base" / "pack.yml", "extends: reuters\n")
    write(tmp_path / "team" / "pack.yml", "extends: ../base\n")
    assert "dateline.reuters" in load_rules(style=str(tmp_path / "team"))


@pytest.mark.parametrize("manifest, problem", [
    ("extends: nosuch\n", "pack.yml:1: unknown style 'nosuch'"),
    ("extends: newsroom\ndisable: [places.kyyiv]\n", "pack.yml:2: places.kyyiv: disable: no inherited rule"),
    ("extends: newsroom\noverride:\n  places.nope: {level: error}\n", "pack.yml:3: places.nope: override: no inherited rule"),
    ("extends: newsroom\noverride:\n  places.kyiv:\n    level: fatal\n", "pack.yml:4: places.kyiv: level: must be one of"),
    ("extends: newsroom\noverride:\n  places.kyiv: {id: x}\n", "places.kyiv: override: a rule's id cannot change"),
    ("extends: newsroom\nrules: []\n", "pack.yml:2: unknown key 'rules'"),
    ("extends: newsroom\ndisable: [places.kyiv]\noverride:\n  places.kyiv: {level: error}\n", "the rule is also disabled"),
])
def test_bad_manifests_name_file_and_line(tmp_path: Path, manifest, problem):
    write(tmp_path / "p" / "pack.yml", manifest)
    with pytest.raises(RuleError) as err:
        load_rules(style=str(tmp_path / "p"))
    assert problem in str(err.value)


def test_pack_rule_cannot_silently_reuse_an_inherited_id(tmp_path: Path):
    write(tmp_path / "p" / "pack.yml", "extends: newsroom\n")
    write(tmp_path / "p" / "kyiv.yml", """\
        rules:
          - {id: places.kyiv, kind: existence, level: error, description: d, tokens: [Kiev]}
        """)
    with pytest.raises(RuleError, match="use 'override:'"):
        load_rules(style=str(tmp_path / "p"))


def test_cycle_and_non_pack_directory(tmp_path: Path):
    write(tmp_path / "a" / "pack.yml", "extends: ../b\n")
    write(tmp_path / "b" / "pack.yml", "extends: ../a\n")
    with pytest.raises(RuleError, match="cycle"):
        load_rules(style=str(tmp_path / "a"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuleError, match="no pack.yml"):
        load_rules(style=str(tmp_path / "empty"))


def test_cli_style_option(tmp_path: Path):
    story = write(tmp_path / "s.txt", "KYIV, Feb 14 (Reuters) - Officials met on Feb 14 in the capital to talk.\n")
    assert run("check", "--no-color", "--style", "reuters", str(story)).exit_code == 0
    ap = run("check", "--no-color", "--style", "ap", "--format", "json", str(story))
    rules = {f["rule"] for f in json.loads(ap.output)["findings"]}
    assert {"dateline.ap", "dates.ap-month-abbreviation"} <= rules
    bad = run("check", "--style", "nosuch", str(story))
    assert bad.exit_code == 2 and "unknown style 'nosuch'" in bad.output
    assert run("check", "--style", "ap", "--no-builtin", str(story)).exit_code == 2


def test_cli_explain_shows_rationale_source_and_examples():
    result = run("explain", "places.kyiv")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("places.kyiv (substitution, warning, style newsroom)")
    assert "Resolution 55 of 2010" in out and "source:  https://" in out
    assert "bad:  Shelling hit Kiev overnight.\n                   ^^^^\n" in out
    assert "good: He ordered chicken Kiev.\n      (not flagged)" in out


def test_cli_explain_json_style_and_unknown_rule():
    result = run("explain", "--style", "reuters", "dates.relative-day", "--format", "json")
    data = json.loads(result.output)
    assert data["level"] == "warning" and data["overridden_by"]
    assert data["examples"]["bad"][0]["findings"]
    missing = run("explain", "places.kyif")
    assert missing.exit_code == 2
    assert missing.output.strip() == "copylint: no rule 'places.kyif' in this style (did you mean places.kyiv, places.stryi, places.lviv?)"


def test_cli_styles_and_rules_listing():
    out = run("styles").output
    assert out.splitlines()[0].startswith("ap ") and "[default]" in out
    listing = json.loads(run("rules", "--style", "bbc", "--format", "json").output)
    assert {"style": "bbc"}.items() <= next(r for r in listing if r["id"] == "numbers.bbc-percent").items()


def test_config_style_key_selects_a_pack_relative_to_the_file(tmp_path: Path, monkeypatch):
    write(tmp_path / "desk" / "pack.yml", "extends: reuters\ndisable: [dateline.reuters]\n")
    write(tmp_path / ".copylint.yaml", "style: ./desk\n")
    story = write(tmp_path / "sub" / "s.txt", "Talks resume on Feb. 14 in the capital.\n")
    monkeypatch.chdir(tmp_path / "sub")
    out = json.loads(run("check", "--format", "json", str(story)).output)
    assert [f["rule"] for f in out["findings"]] == ["dates.reuters-month-abbreviation"]
    # the command line replaces the file's style
    out = json.loads(run("check", "--style", "ap", "--format", "json", str(story)).output)
    assert [f["rule"] for f in out["findings"]] == []
    write(tmp_path / ".copylint.yaml", "min-level: suggestion\nstyle: nosuch\n")
    bad = run("check", str(story))
    assert bad.exit_code == 2
    assert bad.output.startswith(f"copylint: {tmp_path / '.copylint.yaml'}:2: style: unknown style 'nosuch'")


def test_fix_command_uses_the_style(tmp_path: Path):
    story = write(tmp_path / "s.txt", "Talks resume on Feb. 14, President Zelensky said.\n")
    result = run("fix", "--style", "reuters", "--no-config", str(story))
    assert "Traceback" not in result.output
    assert story.read_text(encoding="utf-8") == "Talks resume on Feb 14, President Zelenskiy said.\n"
