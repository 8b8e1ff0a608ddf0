"""The generated reference pages (``python -m copylint.docgen``): committed
and current, one per built-in rule and per kind, made from the code."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from copylint import load_rules
from copylint.checks import KINDS
from copylint.cli import main as cli_main
from copylint.docgen import REGENERATE, builtin_styles, generate, stale
from copylint.docgen.__main__ import main as docgen_main
from copylint.docgen.fieldtypes import type_name
from copylint.docgen.markdown import cell_code, code, quotes_as_code
from copylint.docgen.rules import StyleRules, rule_pages
from copylint.ruleset import fields as f
from copylint.ruleset.loader import COMMON_FIELDS

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generate()


def test_the_committed_reference_pages_are_current(pages):
    import difflib

    problems = stale(REFERENCE)
    first = next((p for p in problems if p in pages and (REFERENCE / p).is_file()), None)
    diff = "".join(difflib.unified_diff((REFERENCE / first).read_text(encoding="utf-8").splitlines(True),
                                        pages[first].splitlines(True), f"committed {first}",
                                        f"generated {first}", n=1)) if first else ""
    assert not problems, (f"stale generated pages under docs/reference: {', '.join(problems[:10])}"
                          f"{' ...' if len(problems) > 10 else ''}; regenerate at the repository root "
                          f"with: {REGENERATE}\n{diff[:3000]}")


def test_every_built_in_rule_of_every_style_has_its_page(pages):
    styles = builtin_styles()
    assert [s.name for s in styles][:1] == ["newsroom"] and {"ap", "reuters", "bbc"} <= {s.name for s in styles}
    for style in styles:
        assert style.own, style.name
        for rule in style.own:
            page = pages[f"rules/{rule.id}.md"]
            assert f"# {rule.id}\n" in page and f"[`{rule.kind}`](../kinds/{rule.kind}.md)" in page
            assert f"`{rule.id}`" in pages["rules/index.md"]
    assert len([p for p in pages if p.startswith("rules/")]) == 1 + sum(len(s.own) for s in styles)


def test_a_rule_page_shows_the_findings_copylint_gives_on_its_examples(pages):
    page = pages["rules/punctuation.stray-stop.md"]
    assert "| level | error |" in page and "| fix | safe: `copylint fix` applies it |" in page
    assert "`rules/newsroom/punctuation.yml`, line " in page
    # the bad example, then the text reporter's own lines for it
    assert re.search(r"The mayor spoke on Monday evening\. \.\n\n<text>:1:35: error punctuation\.stray-stop "
                     r"Stray full stop .*\n.*\n +\^\^\n    fix: delete ' \.'", page)
    assert "He paused. Then he spoke.\n\n(not flagged)" in page
    # an unsafe rule says so; a rule with only suggestions says there is no fix
    assert "| fix | unsafe: applied only with `copylint fix --unsafe-fixes` |" in pages["rules/repetition.fragment.md"]
    assert "| fix | none: its findings carry a suggestion" in pages["rules/attribution.loaded-verb.md"]


def test_a_style_that_overrides_an_inherited_rule_is_named_on_its_page(pages):
    assert "- `ap`: level warning (its `pack.yml` overrides the rule)" in pages["rules/dates.relative-day.md"]


def test_a_new_rule_file_gets_its_page_with_no_hand_written_docs(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: house\ndescription: A desk's house style\nextends: newsroom\n")
    (pack / "words.yml").write_text(textwrap.dedent("""\
        rules:
          - id: house.no-utilize
            kind: substitution
            level: warning
            message: "Use '%s', not '%s'."
            description: The desk writes 'use', never 'utilize'.
            source: the desk's style sheet
            swap: {utilize: use}
            examples:
              bad: ['They utilize drones.']
              good: ['They use drones.']
        """))
    ruleset = load_rules(style=str(pack))
    style = StyleRules("house", "A desk's house style", ruleset, [r for r in ruleset if r.pack == "house"])
    pages = rule_pages([style], tmp_path)
    page = pages["rules/house.no-utilize.md"]
    assert "The desk writes `use`, never `utilize`." in page
    assert "<text>:1:6: warning house.no-utilize Use 'use', not 'utilize'." in page
    assert "fix: 'utilize' -> 'use'" in page and "| fix | safe: `copylint fix` applies it |" in page
    assert "[`house.no-utilize`](house.no-utilize.md)" in pages["rules/index.md"]


def test_every_kind_has_a_page_with_every_field_from_its_definition(pages):
    index = pages["kinds/index.md"]
    for kind in KINDS:
        page = pages[f"kinds/{kind}.md"]
        assert f"[`{kind}`]({kind}.md)" in index
        cls = KINDS[kind]
        assert f"`{Path(__import__('inspect').getsourcefile(cls)).name}`" in page.replace("copylint/checks/", "")
        for name, field in cls.fields.items():
            row = next(line for line in page.splitlines() if line.startswith(f"| `{name}` |"))
            assert " ".join(field.doc.split()).replace("|", "\\|") in row
    common = pages["kinds/common-fields.md"]
    for name in COMMON_FIELDS:
        assert f"| `{name}` |" in common


def test_field_types_are_read_from_the_converters():
    assert type_name(f.Field(f.choice("a", "b"))) == "one of `a`, `b`"
    assert type_name(f.Field(f.regex_list)) == "list of regexes"

    def ratio(value: object) -> float:
        return 0.5

    assert type_name(f.Field(ratio)) == "number"
    assert type_name(f.Field(lambda v: v, default=0.8)) == "number"
    assert type_name(f.Field(lambda v: v)) == "see the description"


def test_the_cli_page_has_every_command_and_option(pages):
    import click

    page = pages["cli.md"]
    ctx = click.Context(cli_main, info_name="copylint")
    for name in cli_main.list_commands(ctx):
        command = cli_main.get_command(ctx, name)
        assert f"\n## copylint {name}\n" in page
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(opt in page for opt in param.opts), (name, param.opts)


def test_markdown_helpers_keep_tables_and_quotations_intact():
    assert code("a `b` c") == "``a `b` c``"
    assert cell_code("NAME|PATH") == "<code>NAME&#124;PATH</code>"
    assert quotes_as_code("A stop ('evening. .') and the writers' 'x' but not ``'y'``") == \
        "A stop (`evening. .`) and the writers' `x` but not ``'y'``"
    assert quotes_as_code('the army said "Ukrainian early" today') == "the army said `Ukrainian early` today"


def test_check_mode_names_the_stale_page_and_the_command(tmp_path, capsys, pages, monkeypatch):
    import copylint.docgen

    monkeypatch.setattr(copylint.docgen, "generate", lambda: dict(pages))  # generated once per module
    assert docgen_main(["--out", str(tmp_path)]) == 0
    assert docgen_main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "rules" / "punctuation.stray-stop.md").write_text("edited by hand\n")
    (tmp_path / "rules" / "gone.md").write_text("a rule that no longer exists\n")
    assert docgen_main(["--check", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "punctuation.stray-stop.md: stale" in err and "gone.md: stale" in err and REGENERATE in err
    assert docgen_main(["--out", str(tmp_path)]) == 0
    assert not (tmp_path / "rules" / "gone.md").exists() and stale(tmp_path) == []


def _nav_pages(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return [page for item in nav for page in _nav_pages(item)]


def test_every_written_page_and_every_reference_index_is_in_the_site_nav():
    import yaml

    root = REFERENCE.parent.parent
    nav = set(_nav_pages(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]))
    written = {p.name for p in (root / "docs").glob("*.md")}
    indexes = {"reference/index.md", "reference/cli.md", "reference/rules/index.md",
               "reference/kinds/index.md", "reference/kinds/common-fields.md"}
    missing = sorted((written | indexes) - nav)
    assert missing == [], f"pages missing from the nav in mkdocs.yml (add each under its section): {missing}"
    assert sorted(p for p in nav if not (root / "docs" / p).is_file()) == []
