"""--jobs gives the same report as one process; the rule cache is invalidated
by any change to a rule file and never trusted blindly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import lint_paths, load_rules
from copylint.engine import parallel
from copylint.cli import main
from copylint.ruleset import cache, loader

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small content repository with slips, nested folders and one unreadable file."""
    for n in range(23):
        folder = tmp_path / "content" / f"s{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        body = f"# Story {n}\n\nShelling hit Kiev on day {n}. The the army said so. .\n"
        (folder / f"a{n:02d}.md").write_text(body if n % 4 else "Clean copy here.\n", encoding="utf-8")
    (tmp_path / "content" / "s1" / "bad.txt").write_bytes(b"ok \xff not utf-8")
    return tmp_path / "content"


@pytest.fixture
def tiny_chunks(monkeypatch):
    """Use the process pool even for a handful of files."""
    monkeypatch.setattr(parallel, "SMALL_RUN", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)


def summary(report):
    return ([(f.path, f.line, f.column, f.rule, f.message) for f in report.findings],
            sorted(str(e) for e in report.errors), report.files)


def test_jobs_give_the_same_report_as_one_process(content, tiny_chunks):
    one = summary(lint_paths([content], jobs=1))
    assert one[0] and one[1] == [f"{content / 's1' / 'bad.txt'}: not valid UTF-8 at byte 3"]
    for jobs in (2, 3, 0):
        assert summary(lint_paths([content], jobs=jobs)) == one


def test_cli_output_is_identical_whatever_jobs(content, tiny_chunks):
    runner = CliRunner()
    outputs = [runner.invoke(main, ["check", "--format", "json", "--jobs", str(j), str(content)])
               for j in (1, 2)]
    assert [r.exit_code for r in outputs] == [2, 2]  # the unreadable file
    assert outputs[0].stdout == outputs[1].stdout
    paths = [f["path"] for f in json.loads(outputs[0].stdout)["findings"]]
    assert paths == sorted(paths) and len(set(paths)) == 17


def test_negative_jobs_is_a_usage_error(content):
    result = CliRunner().invoke(main, ["check", "--jobs", "-1", str(content)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_resolve_jobs():
    assert parallel.resolve_jobs(0) == parallel.cpu_count() >= 1
    assert parallel.resolve_jobs(3) == 3
    with pytest.raises(ValueError):
        parallel.resolve_jobs(-2)


RULE = """rules:
  - {id: t.x, kind: existence, level: error, description: d, tokens: [%s]}
"""


def test_rule_cache_hit_skips_yaml_and_edits_invalidate_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yml"
    pack.write_text(RULE % "alpha", encoding="utf-8")
    first = load_rules([pack], builtin=False)
    assert len(list((tmp_path / "cache").glob("rules-*.signed"))) == 1

    def no_yaml(path):
        raise AssertionError("YAML parsed despite an up-to-date cache")

    monkeypatch.setattr(loader, "_load_file", no_yaml)
    again = load_rules([pack], builtin=False)
    assert [r.options["tokens"] for r in again] == [r.options["tokens"] for r in first] == [["alpha"]]
    monkeypatch.undo()
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack.write_text(RULE % "beta", encoding="utf-8")  # an edit changes the key
    assert [r.options["tokens"] for r in load_rules([pack], builtin=False)] == [["beta"]]


def test_corrupt_cache_and_unwritable_cache_fall_back_to_yaml(tmp_path, monkeypatch):
    pack = tmp_path / "pack.yml"
    pack.write_text(RULE % "alpha", encoding="utf-8")
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    load_rules([pack], builtin=False)
    (entry,) = (tmp_path / "cache").glob("rules-*.signed")
    entry.write_bytes(b"not signed data")
    assert [r.id for r in load_rules([pack], builtin=False)] == ["t.x"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert [r.id for r in load_rules([pack], builtin=False)] == ["t.x"]


def test_no_cache_variable_bypasses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert len(load_rules()) > 0
    assert not (tmp_path / "cache").exists()


def test_bad_rule_files_are_reported_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yml"
    pack.write_text("rules: [{id: t.x, kind: nope}]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="unknown kind"):
            load_rules([pack], builtin=False)
    assert not list((tmp_path / "cache").glob("rules-*.signed"))


def test_benchmark_quick_run_prints_throughput(tmp_path):
    """A smoke run of bench/run.py: it runs end to end (timings are not checked)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--no-shared", "--no-peers",
         "--workdir", str(tmp_path / "work"), "--json", str(tmp_path / "results.json")],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "MB/s" in out.stdout and "words/s" in out.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["news_mb_s_1"] > 0 and set(results) >= {"startup_ms", "jobs_speedup", "terms_10000_ratio"}


def test_jobs_honour_the_configuration_in_every_worker(content, tiny_chunks):
    """Per-path ignores and excludes from .copylint.yaml apply in the workers too."""
    from copylint import load_config

    (content / ".copylint.yaml").write_text(
        "exclude: ['s2/']\nper-path-ignores:\n  s1/:\n    - repetition.*\n", encoding="utf-8")
    config = load_config(content / ".copylint.yaml")
    one = summary(lint_paths([content], config=config, jobs=1))
    assert one == summary(lint_paths([content], config=config, jobs=2))
    rules_by_folder = {(Path(path).parent.name, rule) for path, _, _, rule, _ in one[0]}
    assert ("s1", "repetition.words") not in rules_by_folder
    assert ("s0", "repetition.words") in rules_by_folder
    assert not any(folder == "s2" for folder, _ in rules_by_folder)
    seen = []
    lint_paths([content], config=config, jobs=2, progress=seen.append)
    assert len(seen) == one[2] + len(one[1])  # every file: linted, failed or skipped
