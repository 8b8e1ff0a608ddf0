"""The start-up shortcuts of a one-story ``copylint check`` give what the
plain paths give: re patterns read from the rule cache equal the ones re's
compiler builds (and a bad store is ignored), importing copylint leaves the
garbage collector as it found it, and a finished ``check`` that leaves without
tearing the interpreter down keeps its output, exit status and atexit work."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from copylint.ruleset import re_store
from copylint.ruleset.signed_store import read_signed, write_signed

ROOT = Path(__file__).resolve().parent.parent

#: Counts what re's compiler compiles after this point, then runs ``copylint check`` in this
#: process as its console script does (its own command line).
_COUNTED_RUN = """
import pathlib, re, sys  # (pathlib compiles one of urllib's patterns when imported: before the store is read)
from re import _compiler
compiled = []
_plain = _compiler.compile
def _counting(p, flags=0):
    compiled.append(p)
    return _plain(p, flags)
_compiler.compile = _counting
import atexit
atexit.register(lambda: print('compiled', len(compiled), file=sys.stderr))
sys.argv = ['copylint', 'check', {path!r}]
from copylint.cli import main
main()
"""


def _run(code: str, cache: Path | None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("COPYLINT_NO_CACHE", "COPYLINT_FULL_EXIT")}
    environment.update(env)
    if cache is None:
        environment["COPYLINT_NO_CACHE"] = "1"
    else:
        environment["COPYLINT_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env=environment, timeout=120)


def _compiled(result: subprocess.CompletedProcess[str]) -> int:
    return int(re.search(r"compiled (\d+)", result.stderr).group(1))


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text("Crews repaired the the bridge in Kiev on Monday, officials said.\n", encoding="utf-8")
    return path


# -- re patterns kept compiled in the rule cache --------------------------------------

def test_a_second_run_compiles_no_pattern_and_finds_the_same(tmp_path, story):
    cache = tmp_path / "cache"
    first = _run(_COUNTED_RUN.format(path=str(story)), cache)
    assert first.returncode == 1, first.stderr
    assert _compiled(first) > 20  # the engine's, the checks' and the library's own patterns
    assert list(cache.glob("re-*.signed"))
    second = _run(_COUNTED_RUN.format(path=str(story)), cache)
    assert (second.returncode, second.stdout) == (1, first.stdout)
    assert _compiled(second) == 0
    assert "repetition.words" in second.stdout and "places.kyiv" in second.stdout
    uncached = _run(_COUNTED_RUN.format(path=str(story)), None)
    assert (uncached.returncode, uncached.stdout) == (1, first.stdout)
    assert _compiled(uncached) > 20


def test_every_stored_pattern_equals_what_res_compiler_builds(tmp_path, story):
    cache = tmp_path / "cache"
    _run(_COUNTED_RUN.format(path=str(story)), cache)
    stored = read_signed(re_store.store_path(cache))
    assert stored[0] == re_store.FORMAT and len(stored[1]) > 20
    from re import _compiler

    for entry in stored[1]:
        rebuilt = re_store._sre.compile(*entry[:6])
        fresh = _compiler.compile(entry[0], entry[6])  # not re.compile: its cache may hold the stored one
        assert rebuilt == fresh, entry[0]  # pattern objects compare their opcodes
        assert (rebuilt.groups, rebuilt.groupindex, rebuilt.flags) == (fresh.groups, fresh.groupindex, fresh.flags)


def test_a_pattern_whose_rebuild_differs_is_not_stored():
    key = (str, r"(?P<word>\w+)\s+(?P=word)", 0)
    compiled = re.compile(key[1])
    assert re_store._entry(key, compiled) is not None
    assert re_store._entry(key, re.compile(r"(?P<word>\w+)\s+")) is None  # another re, another build
    assert re_store._entry((str, "x", re.DEBUG), compiled) is None


@pytest.fixture()
def fresh_store(monkeypatch, tmp_path):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(re_store, "_loaded", False)
    monkeypatch.setattr(re_store, "_stored", [])
    monkeypatch.setattr(re_store, "_filled", set())
    saved = dict(re._cache)
    yield tmp_path
    re._cache.clear()
    re._cache.update(saved)


def test_a_store_with_opcodes_sre_refuses_or_a_foreign_signature_is_ignored(fresh_store):
    good = re_store._entry((str, "copylint-test-[0-9]+", 0), re.compile("copylint-test-[0-9]+"))
    bad = ("copylint-test-bad", good[1], [999, 1, 2], 0, {}, (None,), 0)
    assert write_signed(re_store.store_path(fresh_store), (re_store.FORMAT, [bad, good]))
    re.purge()
    re_store.load()  # never raises
    assert (str, "copylint-test-bad", 0) not in re._cache
    assert re.compile("copylint-test-bad").pattern == "copylint-test-bad"  # compiled the plain way

    path = re_store.store_path(fresh_store)
    path.write_bytes(path.read_bytes()[:-3] + b"\x00\x00\x00")  # signature no longer matches
    re.purge()
    re_store._loaded = False
    re_store.load()
    assert not re_store._filled and not re._cache.get((str, "copylint-test-[0-9]+", 0))


def test_a_save_keeps_what_was_stored_and_adds_what_was_compiled(fresh_store):
    re.purge()
    re.compile("copylint-test-one")
    re_store.save()
    re.purge()
    re_store._loaded = False
    re_store._stored.clear()
    re_store._filled.clear()
    re_store.load()
    assert (str, "copylint-test-one", 0) in re._cache
    re.compile("copylint-test-two", re.IGNORECASE)
    re_store.save()
    keys = {(entry[0], entry[6]) for entry in read_signed(re_store.store_path(fresh_store))[1]}
    assert {("copylint-test-one", 0), ("copylint-test-two", int(re.IGNORECASE))} <= keys
    before = re_store.store_path(fresh_store).stat().st_mtime_ns
    re_store.save()  # nothing new: nothing written
    assert re_store.store_path(fresh_store).stat().st_mtime_ns == before


# -- the garbage collector while importing copylint -----------------------------------

def test_importing_copylint_leaves_the_collector_as_it_was():
    code = ("import gc, sys\n{before}\nimport copylint\n"
            "print(gc.isenabled(), 'copylint.ruleset.loader' in sys.modules)")
    assert _run(code.format(before=""), None).stdout.split() == ["True", "True"]
    assert _run(code.format(before="gc.disable()"), None).stdout.split() == ["False", "True"]
    assert gc.isenabled()


def test_ruleset_names_are_imported_when_asked_for():
    import copylint.ruleset as ruleset
    from copylint.ruleset.loader import load_rules
    from copylint.ruleset.model import RuleSet

    assert ruleset.load_rules is load_rules and ruleset.RuleSet is RuleSet
    assert ruleset.available_styles()[0] == ruleset.DEFAULT_STYLE
    with pytest.raises(AttributeError):
        ruleset.no_such_name  # noqa: B018


# -- leaving a finished check without tearing the interpreter down --------------------

#: A module-level object whose finalizer only a full interpreter teardown runs, an atexit
#: function, and many lines of output through a pipe.
_ENDING_RUN = """
import atexit, os, sys
class Torn:
    def __del__(self, write=os.write):  # (os may be gone by then)
        write(2, b'torn down\\n')
torn = Torn()
atexit.register(lambda: sys.stdout.write('atexit ran\\n'))
sys.argv = ['copylint', {command!r}, '--format', 'json', {path!r}]
from copylint.cli import main
{call}
"""


def test_a_finished_check_leaves_quickly_with_its_output_status_and_atexit_work(tmp_path):
    story = tmp_path / "long.txt"
    story.write_text("He said the the plan was fine.\n" * 3000, encoding="utf-8")
    quick = _run(_ENDING_RUN.format(command="check", path=str(story), call="main()"), None)
    full = _run(_ENDING_RUN.format(command="check", path=str(story), call="main()"), None,
                COPYLINT_FULL_EXIT="1")
    assert quick.returncode == full.returncode == 1
    assert quick.stdout == full.stdout and quick.stdout.endswith("atexit ran\n")
    assert quick.stdout.count('"repetition.words"') == 3000
    assert "torn down" not in quick.stderr and "torn down" in full.stderr


def test_a_profiled_run_or_another_command_exits_the_ordinary_way(tmp_path, story):
    out = tmp_path / "profile"
    call = f"import cProfile; cProfile.run('main()', {str(out)!r})"  # the profiler writes at exit
    profiled = _run(_ENDING_RUN.format(command="check", path=str(story), call=call), None)
    assert profiled.returncode == 0  # cProfile.run swallows the exit
    assert "torn down" in profiled.stderr and out.stat().st_size > 0
    rules = _run(_ENDING_RUN.format(command="rules", path="--help", call="main()"), None)
    assert rules.returncode == 0 and "torn down" in rules.stderr


def test_a_usage_error_keeps_its_status_and_message(tmp_path):
    result = _run(_ENDING_RUN.format(command="check", path=str(tmp_path / "missing.txt"), call="main()"), None)
    assert result.returncode == 2 and "missing.txt" in result.stderr
    assert "torn down" not in result.stderr and result.stdout.endswith("atexit ran\n")


# -- the collector off for start-up and the first file ---------------------------------

def test_the_collector_is_off_for_the_first_file_only_and_back_on_after(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import copylint.api as api
    from copylint.cli import main

    seen: list[bool] = []
    plain = api.lint_files

    def watching(files, *args, **kwargs):  # type: ignore[no-untyped-def]
        def paths():  # type: ignore[no-untyped-def]
            for path in files:
                seen.append(gc.isenabled())
                yield path
        return plain(paths(), *args, **kwargs)

    monkeypatch.setattr(api, "lint_files", watching)
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text("He said the the plan was fine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 1 and result.output.count("repetition.words") == 3
    assert seen == [False, True, True] and gc.isenabled()
    one = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path / "one.txt")])
    assert one.exit_code == 1 and seen[3:] == [False] and gc.isenabled()
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and gc.isenabled()
    gc.disable()
    try:
        CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)])
        assert seen[-3:] == [False, False, False] and not gc.isenabled()  # left as it was
    finally:
        gc.enable()


def test_check_fix_fixes_with_the_collector_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import copylint.cli.fix as fix
    from copylint.cli import main

    seen: list[bool] = []

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        raise SystemExit(0)

    monkeypatch.setattr(fix, "run_fix", recording)
    (tmp_path / "one.txt").write_text("He said the the plan was fine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", str(tmp_path / "one.txt")])
    assert result.exit_code == 0 and seen == [True] and gc.isenabled()
