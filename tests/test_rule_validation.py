"""Malformed rules, packs and configurations: every one is a one-line
``file:line: rule-id: what is wrong`` error and exit 2 when loaded, from
``check``, from ``serve`` (which refuses to start) and from ``copylint test``;
none reaches lint time (exit 3, an HTTP 500 on the desk)."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import main

HEAD = "rules:\n  - id: t.a\n    kind: {kind}\n    level: warning\n    description: d\n"  # 5 lines


def rule(kind: str, body: str) -> dict[str, str]:
    """A rule file whose fields after the head start on line 6."""
    return {"r.yml": HEAD.format(kind=kind) + textwrap.indent(textwrap.dedent(body), "    ")}


def pack(manifest: str, **files: str) -> dict[str, str]:
    return {"house/pack.yml": textwrap.dedent(manifest), **{f"house/{k}": textwrap.dedent(v) for k, v in files.items()}}


# (id, files, file:line, message fragment).  Rule files are passed with --rules r.yml,
# packs with --style house, configurations found in the folder.
CASES = [
    # -- regexes, in every field that holds one
    ("existence-tokens-unclosed", rule("existence", "tokens: ['(unclosed']\n"),
     "r.yml:6", "t.a: tokens: bad regex '(unclosed': missing )"),
    ("existence-tokens-bracket", rule("existence", "tokens: ['Kiev[']\n"),
     "r.yml:6", "t.a: tokens: bad regex 'Kiev[': unterminated character set"),
    ("existence-tokens-nonword", rule("existence", "nonword: true\ntokens: ['a{2']\n"),
     None, None),  # 'a{2' is a literal in Python's regex dialect: a valid rule (control case)
    ("existence-token-breaks-the-wrapper", rule("existence", "tokens: ['a)|(?:b']\n"),
     "r.yml:6", "t.a: tokens: bad regex 'a)|(?:b'"),
    ("existence-raw", rule("existence", "raw: ['(a', 'b']\n"), "r.yml:6", "t.a: raw: bad regex '(ab'"),
    ("substitution-swap-key", rule("substitution", "swap: {'Kiev(': Kyiv}\n"),
     "r.yml:6", "t.a: swap: bad regex 'Kiev('"),
    ("exceptions", rule("existence", "tokens: [Kiev]\nexceptions: ['[z']\n"),
     "r.yml:7", "t.a: exceptions: bad regex '[z'"),
    ("punctuation-pattern", rule("punctuation", "pattern: '('\n"), "r.yml:6", "t.a: pattern: bad regex '('"),
    ("punctuation-replace-group", rule("punctuation", "pattern: '(a)'\nreplace: '\\2'\n"),
     "r.yml:7", "t.a: replace: bad replacement '\\\\2' for pattern '(a)': no such group"),
    ("punctuation-replace-name", rule("punctuation", "pattern: '(?P<x>a)'\nreplace: '\\g<y>'\n"),
     "r.yml:7", "t.a: replace: bad replacement"),
    ("occurrence-token", rule("occurrence", "token: '*a'\nmax: 2\n"), "r.yml:6", "t.a: token: bad regex '*a'"),
    ("conditional-first", rule("conditional", "first: '(?P<x'\nsecond: 'b'\n"),
     "r.yml:6", "t.a: first: bad regex '(?P<x'"),
    ("conditional-second", rule("conditional", "first: 'a'\nsecond: '['\n"),
     "r.yml:7", "t.a: second: bad regex '['"),
    ("capitalization-match", rule("capitalization", "match: '(unclosed'\n"),
     "r.yml:6", "t.a: match: bad regex '(unclosed'"),
    ("capitalization-prefix", rule("capitalization", "match: $title\nprefix: '['\n"),
     "r.yml:7", "t.a: prefix: bad regex '['"),
    ("dates-words", rule("dates", "mode: relative\nwords: ['to(day']\n"),
     "r.yml:7", "t.a: words: bad regex 'to(day'"),
    ("dateline-pattern", rule("dateline", "pattern: '[A-'\n"), "r.yml:6", "t.a: pattern: bad regex '[A-'"),
    ("spelling-filters", rule("spelling", "filters: ['(']\n"), "r.yml:6", "t.a: filters: bad regex '('"),
    # -- templates
    ("message-too-many-%s", rule("existence", "tokens: [Kiev]\nmessage: 'Avoid Kiev and %s and %s'\n"),
     "r.yml:7", "t.a: message: has 2 %s/%d placeholders but an existence rule fills in 1"),
    ("message-substitution", rule("substitution", "swap: {Kiev: Kyiv}\nmessage: '%s %s %s'\n"),
     "r.yml:7", "t.a: message: has 3 %s/%d placeholders but a substitution rule fills in 2"),
    ("message-dates-mode", rule("dates", "mode: relative\nwords: [today]\nmessage: '%s, not %s'\n"),
     "r.yml:8", "t.a: message: has 2 %s/%d placeholders but a dates rule (mode: relative) fills in 1"),
    ("message-named", rule("existence", "tokens: [Kiev]\nmessage: 'Avoid {matchh}'\n"),
     "r.yml:7", "t.a: message: unknown placeholder '{matchh}' (known: {match}, {suggestion}, {other}); "
                "did you mean 'match'?"),
    ("dateline-expected", rule("dateline", "pattern: 'X'\nexpected: '{plce}, {day}'\n"),
     "r.yml:7", "t.a: expected: unknown placeholder '{plce}'"),
    # -- keys, kinds, values
    ("unknown-key", rule("existence", "tokns: [Kiev]\n"),
     "r.yml:6", "t.a: unknown key 'tokns' for an existence rule; did you mean 'tokens'?"),
    ("unknown-kind", rule("existance", "tokens: [Kiev]\n"),
     "r.yml:3", "t.a: unknown kind 'existance'; did you mean 'existence'?"),
    ("top-level-key", {"r.yml": "rule:\n  - id: t.a\n"},
     "r.yml:1", "unknown top-level key 'rule'; did you mean 'rules'?"),
    ("missing-field", {"r.yml": "rules:\n  - id: t.a\n    kind: existence\n    level: warning\n    tokens: [a]\n"},
     "r.yml:2", "t.a: missing required key 'description'"),
    ("bad-level", {"r.yml": HEAD.format(kind="existence").replace("warning", "fatal") + "    tokens: [a]\n"},
     "r.yml:4", "t.a: level: must be one of error, warning, suggestion, not 'fatal'"),
    ("duplicate-id", {"r.yml": HEAD.format(kind="existence") + "    tokens: [a]\n"
                               + HEAD.format(kind="existence")[7:] + "    tokens: [b]\n"},
     "r.yml:7", "t.a: duplicate rule id (first defined at"),
    ("consistency-group", rule("consistency", "groups: [[Kyiv]]\n"),
     "r.yml:6", "t.a: groups: group 1 needs at least two variants"),
    ("attribution-order", rule("attribution", "mode: order\nverbs: [said]\n"),
     "r.yml:2", "t.a: modifiers: required when mode is 'order'"),
    ("metric-formula", rule("metric", "formula: 'words +'\ncondition: '> 8'\n"), "r.yml:6", "t.a: formula:"),
    ("example-mark", rule("existence", "tokens: [Kiev]\nexamples: {bad: ['[[Kiev'], good: [Kyiv]}\n"),
     "r.yml:7", "t.a: examples: bad: '[[Kiev': '[[' without its ']]'"),
    ("example-fix-key", rule("existence", "tokens: [Kiev]\nexamples: {bad: [{text: Kiev, fixed: Kyiv}]}\n"),
     "r.yml:7", "t.a: examples: bad: item 1: a mapping takes 'text' and 'fix', not fixed"),
    # -- packs
    ("pack-key", pack("extend: ap\n"), "house/pack.yml:1", "unknown key 'extend'; did you mean 'extends'?"),
    ("pack-style", pack("extends: reutrs\n"), "house/pack.yml:1", "unknown style 'reutrs'; did you mean 'reuters'?"),
    ("pack-disable", pack("extends: ap\ndisable: [places.kiyv]\n"),
     "house/pack.yml:2", "places.kiyv: disable: no inherited rule has this id; did you mean 'places.kyiv'?"),
    ("pack-override-id", pack("extends: ap\noverride:\n  places.kiyv: {level: error}\n"),
     "house/pack.yml:3", "places.kiyv: override: no inherited rule has this id; did you mean 'places.kyiv'?"),
    ("pack-override-message", pack("extends: ap\noverride:\n  names.zelenskyy-spelling:\n"
                                   "    swap: {Zelenskyy: Zelensky}\n"),
     "house/pack.yml:3", "names.zelenskyy-spelling: override: changes what the rule matches (swap) but "
                         "keeps the inherited message and description"),
    ("pack-override-bad-regex", pack("extends: ap\noverride:\n  places.kyiv:\n    exceptions: ['(']\n"),
     "house/pack.yml:4", "places.kyiv: exceptions: bad regex '('"),
    ("pack-rule-bad-token", pack("extends: ap\n", **{"own.yml": HEAD.format(kind="existence") + "    tokens: ['x[']\n"}),
     "house/own.yml:6", "t.a: tokens: bad regex 'x['"),
    # -- configurations
    ("config-key", {".copylint.yaml": "selct: [places.*]\n"},
     ".copylint.yaml:1", "unknown key 'selct'; did you mean 'select'?"),
    ("config-style", {".copylint.yaml": "min-level: warning\nstyle: reutrs\n"},
     ".copylint.yaml:2", "style: unknown style 'reutrs'; did you mean 'reuters'?"),
    ("config-select", {".copylint.yaml": "select: [plces.*]\n"},
     ".copylint.yaml:1", "select: 'plces.*' matches no loaded rule; did you mean 'places.*'?"),
    ("config-no-rules", {".copylint.yaml": "builtin-rules: false\n"},
     ".copylint.yaml:1", "builtin-rules: false, and no rules to run"),
    ("config-rules-bad-regex", {".copylint.yaml": "rules: [r.yml]\n", **rule("existence", "tokens: ['Kiev[']\n")},
     "r.yml:6", "t.a: tokens: bad regex 'Kiev['"),
]
REAL_CASES = [c for c in CASES if c[2] is not None]


def test_the_table_is_large_and_every_line_differs():
    assert len(REAL_CASES) >= 30
    assert len({c[0] for c in CASES}) == len(CASES)


def _setup(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "story.txt").write_text("Shelling hit Kiev overnight, officials said.\n", encoding="utf-8")
    args = ["--rules", "r.yml"] if "r.yml" in files and ".copylint.yaml" not in files else []
    return args + (["--style", "house"] if "house/pack.yml" in files else [])


def _run(tmp_path: Path, *args: str):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


@pytest.mark.parametrize("name, files, where, fragment", CASES, ids=[c[0] for c in CASES])
def test_check_gives_one_line_file_line_error_and_exit_2(tmp_path, name, files, where, fragment):
    args = _setup(tmp_path, files)
    result = _run(tmp_path, "check", *args, "story.txt")
    if where is None:  # a control case: the rule is fine
        assert result.exit_code in (0, 1), result.output
        return
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    file, line = where.rsplit(":", 1)
    assert re.match(rf"copylint: (\S*/)?{re.escape(file)}:{line}: ", lines[0]), lines[0]
    assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("name, files, where, fragment", REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_serve_refuses_to_start_with_the_same_error(tmp_path, name, files, where, fragment):
    args = _setup(tmp_path, files)
    result = _run(tmp_path, "serve", "--port", "0", *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.output and len(result.output.splitlines()) == 1, result.output


def test_no_builtin_without_rules_is_an_error_not_silence(tmp_path):
    (tmp_path / "story.txt").write_text("Kiev.\n", encoding="utf-8")
    result = _run(tmp_path, "check", "--no-builtin", "story.txt")
    assert result.exit_code == 2
    assert result.output == ("copylint: no rules to run: without the built-in rules (--no-builtin), give "
                             "rule files with --rules FILE|DIR or 'rules:' in the configuration\n")
    (tmp_path / "empty").mkdir()
    result = _run(tmp_path, "check", "--no-builtin", "--rules", "empty", "story.txt")
    assert result.exit_code == 2 and result.output == "copylint: empty: no rule files in it\n"


def test_init_with_a_misspelt_style_suggests_and_writes_nothing(tmp_path):
    result = _run(tmp_path, "init", "--style", "reutrs")
    assert result.exit_code == 2
    assert result.output == ("copylint: --style: unknown style 'reutrs'; did you mean 'reuters'? (built-in "
                             "styles: ap, bbc, newsroom, reuters; or give a pack directory); nothing written\n")
    assert not (tmp_path / ".copylint.yaml").exists()


def test_a_bad_token_never_reaches_the_desk_as_a_500(tmp_path):
    """The same rule through the library: a load error, so the desk cannot be built with it."""
    from copylint.errors import RuleError
    from copylint.server import StyleBook

    _setup(tmp_path, rule("existence", "tokens: ['(unclosed']\n"))
    with pytest.raises(RuleError, match=r"r.yml:6: t.a: tokens: bad regex"):
        StyleBook([tmp_path / "r.yml"]).load_all()
