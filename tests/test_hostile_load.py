"""Hostile repositories: configuration, rule and style files written to hurt
(alias bombs, deep nesting, huge tables), a shared rule cache, regexes that
never finish, broken pipes, unreadable files, killed workers, deep trees and
terminal escapes.  Every case ends with a clear message and a documented exit
code, within bounded memory; none asserts a timing.  docs/security.md lists
them all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import main
from copylint.engine.linting import engine_for
from copylint.inputs.safeload import MAX_DEPTH, YamlProblem, load_toml, load_yaml, shown

ROOT = Path(__file__).resolve().parent.parent
#: A bomb must stay under this peak resident memory (the audit saw 3 GB).
MEMORY_LIMIT_KB = 200 * 1024


def bomb(levels: int = 9) -> str:
    """A YAML "billion laughs" flow list: 9 ** levels strings from ~300 bytes."""
    parts = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        parts.append(f"&{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    return "[" + ", ".join(parts) + "]"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None,
            stdin: int | None = subprocess.DEVNULL) -> tuple[subprocess.CompletedProcess, int]:
    """Run copylint in a child interpreter; returns the result and the child's
    peak resident memory in kB (measured by the child itself: Linux's VmHWM
    belongs to the child's own address space, whereas ``ru_maxrss`` keeps the
    high-water mark of the forked test process across ``exec``)."""
    code = ("import resource, sys\n"
            "from copylint.cli import main\n"
            "def peak():\n"
            "    try:\n"
            "        with open('/proc/self/status') as status:\n"
            "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
            "    except (OSError, StopIteration):\n"
            "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n"
            "    main(sys.argv[1:], prog_name='copylint')\n"
            "finally:\n"
            "    sys.stderr.write(f'\\n@maxrss {peak()}\\n')\n")
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                            text=True, timeout=120, env=full_env, stdin=stdin)
    stderr, _, tail = result.stderr.rpartition("@maxrss ")
    result.stderr = stderr.rstrip("\n")
    return result, int(tail.strip() or 0)


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> str:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("copylint: ")]
    assert lines, result.stderr
    assert all(word in lines[0] for word in words), lines
    assert len(lines[0]) < 400
    return lines[0]


# -- 1. bounded YAML and TOML --------------------------------------------------

@pytest.mark.parametrize("config", [
    "min-level: {bomb}\n",
    "levels:\n  places.*: {bomb}\n",
    "levels: {bomb}\n",
])
def test_a_yaml_alias_bomb_in_the_configuration_is_refused_in_bounded_memory(tmp_path, config):
    (tmp_path / ".copylint.yaml").write_text(config.format(bomb=bomb()))
    assert (tmp_path / ".copylint.yaml").stat().st_size < 600
    (tmp_path / "a.txt").write_text("Fine.\n")
    result, peak_kb = run_cli(["check", "a.txt"], tmp_path)
    assert result.returncode == 2
    one_line_error(result, ".copylint.yaml", "aliases expand")
    assert peak_kb < MEMORY_LIMIT_KB


def test_a_yaml_alias_bomb_in_a_rule_kind_is_refused_in_bounded_memory(tmp_path):
    (tmp_path / "rules.yml").write_text(
        f"rules:\n  - id: house.bomb\n    kind: {bomb()}\n    message: boom\n")
    (tmp_path / "a.txt").write_text("Fine.\n")
    result, peak_kb = run_cli(["check", "--rules", "rules.yml", "a.txt"], tmp_path)
    assert result.returncode == 2
    one_line_error(result, "rules.yml", "aliases expand")
    assert peak_kb < MEMORY_LIMIT_KB


def test_a_yaml_alias_bomb_in_a_vale_rule_level_skips_that_rule_in_bounded_memory(tmp_path):
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = House\n")
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Bomb.yml").write_text(
        f"extends: existence\nmessage: boom\nlevel: {bomb()}\ntokens: [boom]\n")
    (tmp_path / "styles" / "House" / "Very.yml").write_text(
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [very]\n")
    (tmp_path / "a.md").write_text("It was very fine.\n")
    result, peak_kb = run_cli(["check", "--vale-config", ".vale.ini", "a.md"], tmp_path)
    assert peak_kb < MEMORY_LIMIT_KB
    assert "Traceback" not in result.stderr
    assert "House.Bomb" in result.stderr and "aliases expand" in result.stderr
    assert "House.Very" in result.stdout and result.returncode == 1


def test_aliases_that_expand_modestly_still_work():
    data = load_yaml("base: &base {kind: existence, level: error}\n"
                     "rule: {<<: *base, id: x}\nlist: &l [1, 2]\nagain: [*l, *l]\n")
    assert data["rule"] == {"kind": "existence", "level": "error", "id": "x"}
    assert data["again"] == [[1, 2], [1, 2]]


@pytest.mark.parametrize("text", [
    "a: &a [*a]\n",                      # an alias inside its own anchor
    f"a: {nested(MAX_DEPTH + 1)}\n",     # flow nesting
    "".join("  " * i + "k:\n" for i in range(MAX_DEPTH + 2)),  # block nesting
    f"a: {nested(300)}\n",
    f"a: {nested(5000)}\n",              # past libyaml's own limit
    f"a: {bomb(12)}\n",
])
def test_deep_cyclic_or_exploding_yaml_is_a_yaml_problem(text):
    with pytest.raises(YamlProblem):
        load_yaml(text)


def test_yaml_nested_300_deep_in_the_configuration_and_a_rule_file(tmp_path):
    (tmp_path / ".copylint.yaml").write_text(f"select: {nested(300)}\n")
    (tmp_path / "a.txt").write_text("Fine.\n")
    result, _ = run_cli(["check", "a.txt"], tmp_path)
    assert result.returncode == 2
    one_line_error(result, ".copylint.yaml", "nested")
    (tmp_path / "rules.yml").write_text(f"rules:\n  - id: house.deep\n    kind: {nested(300)}\n")
    result, _ = run_cli(["check", "--no-config", "--rules", "rules.yml", "a.txt"], tmp_path)
    assert result.returncode == 2
    one_line_error(result, "rules.yml", "nested")


@pytest.mark.parametrize("table", [
    "levels = " + nested(1000),
    "levels = " + "{a = " * 1000 + "}" * 1000,
    "levels." + ".".join(["a"] * 1000) + " = 1",
])
def test_pyproject_nested_1000_deep_is_a_one_line_error(tmp_path, table):
    (tmp_path / "pyproject.toml").write_text(f"[tool.copylint]\n{table}\n")
    (tmp_path / "a.txt").write_text("Fine.\n")
    result, _ = run_cli(["check", "a.txt"], tmp_path)
    assert result.returncode == 2
    one_line_error(result, "pyproject.toml", "nested")


def test_load_toml_bounds_depth_but_reads_ordinary_tables():
    assert load_toml("[tool.copylint]\nselect = ['a.*']\n[tool.copylint.levels]\n'a.*' = 'error'\n") == {
        "tool": {"copylint": {"select": ["a.*"], "levels": {"a.*": "error"}}}}


def test_pyproject_with_20000_keys_is_read_in_one_pass(tmp_path):
    lines = "\n".join(f'"[a-z{i}]*" = "warning"' for i in range(20_000))
    (tmp_path / "pyproject.toml").write_text(f"[tool.copylint.levels]\n{lines}\n")
    (tmp_path / "a.txt").write_text("It ended. .\n")
    result, _ = run_cli(["check", "a.txt"], tmp_path)
    assert result.returncode == 0, result.stderr  # every rule lowered to a warning
    assert "warning" in result.stdout and "punctuation.stray-stop" in result.stdout
    # and a typo after 20,000 keys is still reported at its line
    keys = "\n".join(f"key{i} = {i}" for i in range(20_000))
    (tmp_path / "pyproject.toml").write_text(f"[tool.copylint]\nselect = []\n{keys}\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.txt"), "--config",
                                       str(tmp_path / "pyproject.toml")])
    assert result.exit_code == 2 and ":3: unknown key 'key0'" in result.stderr


def test_an_unbounded_value_is_never_formatted_whole(tmp_path):
    huge = "x" * 1_000_000
    (tmp_path / ".copylint.yaml").write_text(f"min-level: {huge}\n")
    (tmp_path / "a.txt").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "a.txt"), "--config",
                                       str(tmp_path / ".copylint.yaml")])
    assert result.exit_code == 2
    assert "must be one of" in result.stderr and len(result.stderr) < 600 and "x" * 100 not in result.stderr
    (tmp_path / "rules.yml").write_text(f"rules:\n  - id: house.x\n    kind: {huge}\n")
    result = CliRunner().invoke(main, ["check", "--no-config", "--rules", str(tmp_path / "rules.yml"),
                                       str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and "unknown kind" in result.stderr and len(result.stderr) < 600
    assert "x" * 100 not in result.stderr
    assert shown("short") == "'short'"
    assert len(shown(huge)) < 100 and len(shown([[huge] * 1000] * 1000)) < 100


# -- 2. the rule cache cannot run code -------------------------------------------

RULE = "rules:\n  - {id: t.x, kind: existence, level: error, description: d, tokens: [alpha]}\n"


class _Planted:
    """A pickle that creates ``marker`` when it is loaded (code execution)."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_the_cache_directory_is_private_whatever_the_umask(tmp_path, monkeypatch, fresh_signed_store):
    from copylint import load_rules

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "new" / "cache"))
    (tmp_path / "pack.yml").write_text(RULE)
    old = os.umask(0)
    try:
        load_rules([tmp_path / "pack.yml"], builtin=False)
    finally:
        os.umask(old)
    for directory in (tmp_path / "new", tmp_path / "new" / "cache"):
        assert directory.stat().st_mode & 0o777 == 0o700
    files = list((tmp_path / "new" / "cache").iterdir())
    assert {p.name.split("-")[0] for p in files} == {"secret", "rules"}
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files)


def test_a_planted_pickle_is_never_loaded(tmp_path, monkeypatch, fresh_signed_store):
    import pickle

    from copylint import load_rules
    from copylint.ruleset import cache

    directory = tmp_path / "cache"
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(directory))
    pack = tmp_path / "pack.yml"
    pack.write_text(RULE)
    marker = tmp_path / "code-ran"
    directory.mkdir(mode=0o700)
    key = cache.cache_key([pack])
    planted = pickle.dumps(_Planted(marker))
    for name in (f"rules-{key}.pickle", f"rules-{key}{cache.SUFFIX}", f"derived-{key}{cache.SUFFIX}"):
        (directory / name).write_bytes(planted)
    rules = load_rules([pack], builtin=False)
    engine_for(rules)  # reads the derived store too
    assert [r.id for r in rules] == ["t.x"] and not marker.exists()
    assert not (directory / f"rules-{key}.pickle").exists()  # an old-format file is removed unread
    # a file signed with another user's secret (a copied or shared cache) is ignored too
    other = tmp_path / "other"
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(other))
    load_rules([pack], builtin=False)
    tampered = cache.rules_to_data(rules.rules)
    assert fresh_signed_store.write_signed(other / "forged.signed", tampered)
    (directory / f"rules-{key}{cache.SUFFIX}").write_bytes((other / "forged.signed").read_bytes())
    assert fresh_signed_store.read_signed(directory / f"rules-{key}{cache.SUFFIX}") is None


def test_the_signed_cache_round_trips_the_default_rules_exactly(monkeypatch, tmp_path, fresh_signed_store):
    from copylint import load_rules
    from copylint.ruleset.yaml_lines import LineDict

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    fresh = load_rules().rules  # from YAML, written to the cache
    cached = load_rules().rules

    def shape(value):
        if isinstance(value, dict):
            lines = (value.line, value.key_lines) if isinstance(value, LineDict) else None
            return type(value).__name__, lines, {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__, value

    assert len(cached) == len(fresh) > 100
    assert [shape(vars(r)) for r in cached] == [shape(vars(r)) for r in fresh]


def _run_as_nobody_or_as_root(tmp_path: Path) -> Path:
    """A directory owned by another user: chown'd to nobody as root; as a
    normal user, the root directory (owned by root)."""
    if os.geteuid() == 0:
        foreign = tmp_path / "foreign"
        foreign.mkdir(mode=0o700)
        os.chown(foreign, 65534, 65534)
        return foreign
    return Path("/")


@pytest.mark.parametrize("problem", ["group-writable", "world-writable", "foreign", "secret-readable"])
def test_an_unsafe_cache_directory_is_refused_with_one_note(tmp_path, problem):
    (tmp_path / "pack.yml").write_text(RULE)
    (tmp_path / "a.txt").write_text("alpha\n")
    directory = tmp_path / "cache"
    directory.mkdir()
    if problem == "group-writable":
        directory.chmod(0o770)
    elif problem == "world-writable":
        directory.chmod(0o777)
    elif problem == "foreign":
        directory = _run_as_nobody_or_as_root(tmp_path)
    else:
        directory.chmod(0o700)
        (directory / "secret").write_bytes(os.urandom(32))
        (directory / "secret").chmod(0o644)
    before = sorted(p.name for p in directory.iterdir())
    result, _ = run_cli(["check", "--no-config", "--no-builtin", "--rules", "pack.yml", "a.txt"], tmp_path,
                        env={"COPYLINT_CACHE_DIR": str(directory)})
    assert result.returncode == 1 and "t.x" in result.stdout  # rules read from the YAML
    notes = [line for line in result.stderr.splitlines() if "not using the rule cache" in line]
    assert len(notes) == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in directory.iterdir()) == before  # nothing written there


# -- 3. every user-supplied regex runs under the timeout -------------------------

BACKTRACKS = "(a|aa)+b"  # exponential on a run of a's with no b
RUN = "a" * 40
ZEBRA = ("  - id: house.zebra\n    kind: existence\n    level: warning\n    description: d\n"
         "    tokens: [zebra]\n")


@pytest.mark.parametrize("fields", [
    {"kind": "capitalization", "match": f"'{BACKTRACKS}'", "scope": "paragraph"},
    {"kind": "capitalization", "match": "$sentence", "prefix": f"'{BACKTRACKS}'", "scope": "paragraph"},
    {"kind": "capitalization", "match": "$title", "exceptions": f"['{BACKTRACKS}']", "scope": "paragraph"},
    {"kind": "spelling", "filters": f"['{BACKTRACKS}']"},
    {"kind": "spelling", "accept": f"['{BACKTRACKS}']"},
    {"kind": "existence", "tokens": f"['{BACKTRACKS}']", "nonword": "true"},
    {"kind": "existence", "tokens": "[lorem]", "exceptions": "['(a|aa)+$']"},
    {"kind": "substitution", "swap": f"{{'{BACKTRACKS}': x}}", "nonword": "true"},
    {"kind": "occurrence", "token": f"'{BACKTRACKS}'", "max": "1", "scope": "paragraph"},
    {"kind": "conditional", "first": f"'{BACKTRACKS}'", "second": "'zebra'", "scope": "paragraph"},
    {"kind": "punctuation", "pattern": f"'{BACKTRACKS}'"},
    {"kind": "repetition", "legitimate": f"[{{before: '{BACKTRACKS}'}}]"},
    {"kind": "repetition", "legitimate": f"[{{after: '{BACKTRACKS}'}}]"},
    {"kind": "repetition", "legitimate": f"[{{match: '{BACKTRACKS}'}}]"},
], ids=lambda fields: "-".join(k for k in fields if k not in ("scope", "nonword")))
def test_a_catastrophic_regex_in_any_field_skips_its_rule_and_keeps_the_rest(make_rules, fields, tmp_path):
    if fields["kind"] == "spelling":  # a dictionary of its own: no system dictionary needed
        words = ["a", "zebra", "lorem", "ab", "the", "then"]
        (tmp_path / "xx_TEST.aff").write_text("SET UTF-8\n", encoding="utf-8")
        (tmp_path / "xx_TEST.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
        fields = {**fields, "dicpath": f"'{tmp_path}'", "dictionaries": "[xx_TEST]"}
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items() if key != "kind")
    rules = make_rules(f"rules:\n  - id: house.slow\n    kind: {fields['kind']}\n    level: error\n"
                       f"    description: d\n{body}{ZEBRA}")
    rules.regex_timeout = 0.05
    text = f"A zebra, lorem ab.\n\nthe {RUN} {RUN} then then {RUN}\n"
    from copylint import lint_text

    found = [(f.rule, f.message) for f in lint_text(text, rules)]
    assert ("house.slow", "rule 'house.slow' timed out on this document and was skipped; "
                          "simplify its pattern") in found
    assert [rule for rule, _ in found].count("house.slow") == 1
    assert "house.zebra" in [rule for rule, _ in found]  # the other rule still ran
    # the budget is per document: the next document gets it whole again
    again = lint_text("A zebra.\n", rules)
    assert "house.zebra" in [f.rule for f in again] and not any("timed out" in f.message for f in again)


VALE_SLOW = {
    "occurrence": "extends: occurrence\nmessage: too many\nscope: paragraph\nmax: 1\ntoken: '(a|aa)+$'\n",
    "conditional": "extends: conditional\nmessage: \"'%s' undefined\"\nfirst: '(a|aa)+$'\nsecond: zebra\n",
    "substitution": "extends: substitution\nmessage: \"Use '%s' not '%s'.\"\nswap:\n  '(a|aa)+$': x\n",
    "repetition": "extends: repetition\nmessage: \"'%s' repeated\"\ntokens: ['(a|aa)+$']\n",
    "capitalization": "extends: capitalization\nmessage: \"'%s' case\"\nmatch: '(a|aa)+$'\n",
    "capitalization-exceptions": "extends: capitalization\nmessage: \"'%s' case\"\nmatch: $title\n"
                                 "exceptions: ['(a|aa)+$']\n",
    "existence": "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens: ['(a|aa)+$']\n",
}


@pytest.mark.parametrize("kind", sorted(VALE_SLOW))
def test_vale_mode_a_timeout_skips_the_rule_for_the_file_and_keeps_other_alerts(tmp_path, monkeypatch, kind):
    from copylint.vale import runner

    monkeypatch.setattr(runner, "REGEX_TIMEOUT", 0.05)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n"
                                        "[*]\nBasedOnStyles = House\n")
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Slow.yml").write_text(VALE_SLOW[kind] + "level: warning\n")
    (style / "Very.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [very]\n")
    (tmp_path / "a.md").write_text(f"# the {RUN}!\n\nIt was very fine.\n\n{RUN}!\n")
    (tmp_path / "b.md").write_text("It was very well.\n")
    result = CliRunner().invoke(main, ["check", "--vale-config", ".vale.ini", "--format", "vale-line",
                                       "a.md", "b.md"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "a.md:3:8:House.Very:Avoid 'very'." in result.stdout
    assert "b.md:1:8:House.Very:Avoid 'very'." in result.stdout  # the next file too
    # reported as copylint's engine reports a timeout: a warning at the top of the file
    note = "a.md:1:1:House.Slow:rule 'House.Slow' timed out on this document and was skipped"
    assert note in result.stdout
    rest = result.stdout.replace("a.md:3:8:House.Very", "").split("\n")
    assert [line for line in rest if line.startswith("a.md:")] == [line for line in rest if line.startswith(note)]
    assert result.exit_code == 1


# -- 6. other tracebacks and exit codes --------------------------------------------

def _killing_chunk(paths, min_level):
    """A worker that dies (as under ``kill -9``) when it meets killer.txt."""
    import signal

    from copylint.engine import parallel

    if any(Path(p).name == "killer.txt" for p in paths):
        os.kill(os.getpid(), signal.SIGKILL)
    return parallel._real_lint_chunk(paths, min_level)


@pytest.mark.skipif(sys.platform != "linux", reason="needs fork (workers inherit the patched function)")
def test_a_killed_jobs_worker_loses_only_its_file(tmp_path, monkeypatch):
    from copylint.engine import parallel

    monkeypatch.setattr(parallel, "_real_lint_chunk", parallel._lint_chunk, raising=False)
    monkeypatch.setattr(parallel, "_lint_chunk", _killing_chunk)
    for i in range(150):
        (tmp_path / f"story{i:03}.txt").write_text("It ended. .\n")
    (tmp_path / "killer.txt").write_text("It ended. .\n")
    result = CliRunner().invoke(main, ["check", "--jobs", "2", "--format", "json", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    linted = {Path(f["path"]).name for f in report["findings"]}
    assert linted == {f"story{i:03}.txt" for i in range(150)}  # every other file, once
    assert len(report["findings"]) == 150
    errors = [line for line in result.stderr.splitlines() if line.startswith("copylint: ")]
    assert errors == [f"copylint: {tmp_path / 'killer.txt'}: not linted: the worker process linting it "
                      "died (killed by a signal or out of memory)"]
    assert result.exit_code == 3  # an internal error: the run is incomplete


# -- 7. slow paths -------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

BIG_TERMS = [("Kiev", True), ("the Ukraine", True), ("Kyiv", False), ("s", True), ("chicken Kiev", True),
             ("bomb", False), ("New York", True), ("New York City", True), ("O'Neill", True),
             ("e-mail", True), ("Kiev-based", False), ("naïve", True), ("ünter", False)]
BIG_PIECES = ["Kiev", "KIEV", "kiev", "Kyiv", "the", "The", "Ukraine", "chicken", "bomb", "bombs", "New",
              "York", "City", "O'Neill", "o’neill", "e-mail", "-based", "'s", "’s", "x", " ", "\n",
              "\u00a0", ".", "İ", "ſ", "é", "naïve", "NAÏVE", "ünter", "_", "Kiev_"]


def _big_matcher():
    from term_matchers import matcher_of

    return matcher_of(BIG_TERMS)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(BIG_PIECES), max_size=40).map("".join))
def test_a_big_term_list_finds_through_the_words_what_the_whole_trie_finds(text):
    from copylint.checks import terms
    from copylint.document.model import Document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(terms, "BIG_LIST", 1)  # every list is "big": no whole trie
        doc = Document(text)
        whole = [(h.start, h.end, h.payloads) for h in _big_matcher().finditer(text)]
        big = _big_matcher()
        for _ in range(terms.SUBSET_DOCUMENTS + 2):  # never gives up on subsets
            assert [(h.start, h.end, h.payloads) for h in big.find_in(doc)] == whole
        assert (big._pattern is None) == (doc.lower_prose is not None)


def test_a_200000_term_swap_does_not_compile_the_whole_trie_for_a_document():
    """The audit's 31 s on every run: a document holding more than a few of
    the terms made copylint compile one regex of all 200,000 (Python's regex
    compiler, 18 s of CPU, never cached).  Now the document's own terms are
    found through its words."""
    from copylint.checks.terms import TermMatcher
    from copylint.document.model import Document

    words = [f"w{i:06d}x" for i in range(200_000)]
    matcher = TermMatcher()
    for i, word in enumerate(words):
        matcher.add(word, f"right{i}", True)
    matcher.compile()
    text = " ".join(words[::2000]) + ".\n"  # 100 of the terms
    found = list(matcher.find_in(Document(text)))
    assert [h.payloads for h in found] == [[f"right{i}"] for i in range(0, 200_000, 2000)]
    assert matcher._pattern is None  # the whole trie was never compiled


def test_a_walk_1000_folders_deep_under_a_gitignore(tmp_path):
    """Each folder extends its parent's list of .gitignore files: the walk
    costs the same per entry at any depth (it was quadratic: 21.6 s)."""
    from copylint.inputs.files import FileFilter, discover

    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.log\nskipped/\n")
    folders = []
    folder = tmp_path
    try:
        for _ in range(1000):
            folder = folder / "d"
            try:
                folder.mkdir()
            except OSError:  # a file system with a shorter path limit
                folder = folder.parent
                break
            folders.append(folder)
        (folder / "deep.txt").write_text("It ended. .\n")
        (folder / "deep.log").write_text("It ended. .\n")
        (folder / "skipped").mkdir()
        (folder / "skipped" / "no.txt").write_text("It ended. .\n")
        found = list(discover([tmp_path], file_filter=FileFilter(root=tmp_path)))
        assert [Path(p).name for p in found] == ["deep.txt"] and len(folders) > 100
    finally:  # shutil.rmtree (pytest's clean-up) recurses once per level
        for name in ("deep.txt", "deep.log", "skipped/no.txt", "skipped"):
            path = folder / name
            if path.is_dir():
                path.rmdir()
            elif path.exists():
                path.unlink()
        for path in reversed(folders):
            path.rmdir()


# -- 6 (continued). wrong types, file names, closed streams, pack chains ------------

@pytest.mark.parametrize("field", ["limit: abc", "max: [1]", "tokens: 5", "scope: 5", "ignorecase: maybe",
                                   "swap: {a: [b]}", "action: 5", "exceptions: abc"])
def test_vale_rule_fields_of_the_wrong_type_skip_the_rule_with_a_note(tmp_path, monkeypatch, field):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = House\n")
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    kind = "substitution" if field.startswith("swap") else "existence"
    base = "" if field.startswith(("tokens", "swap")) else "tokens: [fine]\n"
    (style / "Bad.yml").write_text(f"extends: {kind}\nmessage: m\n{base}{field}\n")
    (style / "Very.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [very]\n")
    (tmp_path / "a.md").write_text("It was very fine.\n")
    result = CliRunner().invoke(main, ["check", "--vale-config", ".vale.ini", "a.md"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    key = field.split(":")[0]
    assert f"copylint: skipped Vale rule House.Bad: {key}: must be" in result.stderr
    assert "House.Very" in result.stdout and result.exit_code == 1


def _odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"It ended. .\n")  # Latin-1, not UTF-8
    (folder / "esc\x1b]0;owned\x07.txt").write_text("It ended. . \x1b[2J\x1b]8;;http://x\x07link\n")
    return folder


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "html", "concise", "text"])
def test_every_format_writes_valid_utf8_for_non_utf8_file_names(tmp_path, fmt):
    folder = _odd_names(tmp_path)
    result, _ = run_cli(["check", "--format", fmt, "--no-config", str(folder)], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    raw = result.stdout.encode("utf-8", "surrogateescape")
    raw.decode("utf-8")  # valid UTF-8 (raises otherwise)
    if fmt in ("json", "sarif"):
        data = json.loads(raw)
        paths = [f["path"] for f in data["findings"]] if fmt == "json" else [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]]
        assert any("caf\ufffd.txt" in p for p in paths) if fmt == "json" else any("caf%E9.txt" in p for p in paths)
    if fmt in ("text", "concise"):
        assert "caf\\xe9.txt" in result.stdout  # the byte, shown
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout  # escapes never reach the terminal
        assert "esc\\x1b]0;owned\\x07.txt" in result.stdout


def test_text_output_escapes_control_characters_and_keeps_the_caret_under_the_match():
    from copylint import lint_text
    from copylint.engine.linting import Report
    from copylint.reporters import REPORTERS, ReportOptions

    found = lint_text("A \x1b[31mred\x1b[0m line. .\n", path="a\u202eevil.txt")
    report = Report(findings=[f for f in found if f.rule == "punctuation.stray-stop"], files=1)
    out = REPORTERS["text"](report, ReportOptions())
    assert "\x1b" not in out and "\u202e" not in out
    assert "a\\u202eevil.txt:1:" in out
    line, caret = out.splitlines()[1:3]
    assert line == "    A \\x1b[31mred\\x1b[0m line. ."
    assert caret.index("^") == line.index(" .", len("    A "))


def test_closed_standard_streams_are_errors_not_tracebacks(tmp_path):
    (tmp_path / "a.txt").write_text("It ended. .\n")
    code = "import os, sys\nos.close({fd})\nos.execv(sys.executable, [sys.executable, '-m', 'copylint', *sys.argv[1:]])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run_closed(fd: int, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code.format(fd=fd), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)

    closed_in = run_closed(0, "check", "-")
    assert closed_in.returncode == 2 and "Traceback" not in closed_in.stderr
    assert "cannot read standard input" in closed_in.stderr
    fix_in = run_closed(0, "fix", "-")
    assert fix_in.returncode == 2 and "cannot read standard input" in fix_in.stderr
    closed_out = run_closed(1, "check", "a.txt")
    assert closed_out.returncode == 2 and "Traceback" not in closed_out.stderr
    assert "standard output is closed" in closed_out.stderr
    closed_err = run_closed(2, "check", "a.txt")
    assert closed_err.returncode == 1 and "stray-stop" in closed_err.stdout
    # a reader that stops early (| head -0): no traceback, the findings' exit code
    many = tmp_path / "many"
    many.mkdir()
    for i in range(300):
        (many / f"s{i}.txt").write_text("It ended. . It ended. .\n")
    reader = subprocess.Popen([sys.executable, "-m", "copylint", "check", "--jobs", "1", str(many)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # nobody reads
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 1 and "Traceback" not in stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
@pytest.mark.parametrize("args", [("check", "a.txt"), ("check", "--format", "json", "a.txt"),
                                  ("fix", "-"), ("rules",)])
def test_a_full_disk_under_the_output_is_one_line_and_exit_2(tmp_path, args):
    (tmp_path / "a.txt").write_text("It ended. .\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COPYLINT_NO_CACHE": "1"}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "copylint", *args], cwd=tmp_path, env=env, stdout=full,
                              stderr=subprocess.PIPE, input="It ended. .\n", text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr == "copylint: cannot write the output: No space left on device\n"


def test_a_pack_chain_1000_deep_is_refused(tmp_path):
    for i in range(1000):
        (tmp_path / f"p{i}").mkdir()
        parent = f"extends: ../p{i - 1}\n" if i else ""
        (tmp_path / f"p{i}" / "pack.yml").write_text(f"name: p{i}\n{parent}")
    (tmp_path / "a.txt").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", "--no-config", "--style", str(tmp_path / "p999"),
                                       str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "style packs extend each other more than 32 deep" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    result = CliRunner().invoke(main, ["check", "--no-config", "--style", str(tmp_path / "p20"),
                                       str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("args", [["fix", "--diff"], ["fix"]])
def test_fix_output_is_valid_utf8_and_escaped_for_odd_file_names(tmp_path, args):
    folder = _odd_names(tmp_path)
    result, _ = run_cli([*args, "--no-config", str(folder)], tmp_path)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)
    result.stdout.encode("utf-8", "surrogateescape").decode("utf-8")
    result.stderr.encode("utf-8", "surrogateescape").decode("utf-8")
    assert "\x1b" not in result.stderr


def test_a_rules_regex_budget_belongs_to_the_document_not_to_the_shared_pattern(monkeypatch):
    """The desk lints several documents at once with one engine: a document
    started in another thread neither refills nor drains this one's budget."""
    import threading

    from copylint.patterns import budget as base
    from copylint.patterns.budget import REGEX_TIMEOUT, BoundedRegex, RuleTimeout, begin_document

    ticks = iter(range(10_000))
    step = REGEX_TIMEOUT / 4
    monkeypatch.setattr(base, "perf_counter", lambda: next(ticks) * step)  # each call spends `step`

    class Pattern:
        def search(self, text, timeout):
            return None

    class Rule:
        id = "house.slow"

    bounded = BoundedRegex(Pattern(), rule=Rule())  # type: ignore[arg-type]

    def other_document() -> None:
        begin_document()
        bounded.search("x")

    begin_document()
    for _ in range(3):
        bounded.search("x")  # 3/4 of this document's budget
    worker = threading.Thread(target=other_document)
    worker.start()
    worker.join()
    bounded.search("x")  # the last quarter: still this document's own budget
    with pytest.raises(RuleTimeout):
        bounded.search("x")
