"""The README is true: its output sample is what copylint prints, its set-up
commands are the ones CI runs, its pre-commit configuration works as pasted,
and it stays a short page (the reference lives in docs/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from copylint.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)


def blocks(info: str, text: str = README) -> list[str]:
    return [body for lang, body in _BLOCK.findall(text) if lang == info]


def test_the_readme_is_a_short_page():
    assert len(README.encode("utf-8")) <= 15 * 1024


def test_the_output_sample_is_what_copylint_prints(monkeypatch):
    sample = next(b for b in blocks("text") if b.startswith("$ copylint "))
    command, _, shown = sample.partition("\n")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(main, command.split()[2:])
    assert result.exit_code == 1  # the README: "it has errors on purpose, so the command exits 1"
    output = result.stdout
    # each piece between the "…" lines is a run of consecutive lines of the output, in order
    at = 0
    for piece in re.split(r"^…\n", shown, flags=re.M):
        assert piece.strip(), "an empty piece in the sample"
        found = output.find(piece, at)
        assert found >= 0 and (found == 0 or output[found - 1] == "\n"), \
            f"the README's sample is not copylint's output any more:\n{piece}\n--- real output:\n{output}"
        at = found + len(piece)
    assert output.endswith(shown.rsplit("…\n", 1)[-1])  # the summary is the last line


def test_the_set_up_commands_are_the_ones_ci_runs():
    setup = README.split("### Set-up", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in blocks("sh", setup)]
    assert commands == ["python3 -m pip install . && copylint check examples/draft.txt",
                        "python3 -m pip install '.[test]' && python3 -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:  # CI runs them inside its venv, where python is python3
        assert command.replace("python3 ", "python ") in ci


@pytest.mark.parametrize("page", ["README.md", "docs/ci.md", "docs/cli.md", "docs/usage.md",
                                  "docs/house-styles.md"])
def test_snippets_hold_no_placeholder_to_fill_in(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    code = "\n".join(body for _, body in _BLOCK.findall(text))
    assert re.findall(r"<(?:owner|tag|your|repo|url)[^>]*>", code, re.I) == []


def test_the_ci_workflow_is_valid_and_runs_copylint_check():
    workflow = yaml.safe_load(next(b for b in blocks("yaml") if b.startswith("name: copy")))
    steps = workflow["jobs"]["copylint"]["steps"]
    assert [s.get("run") for s in steps if "run" in s] == [
        "python -m pip install -r requirements-copy.txt", "copylint check content/"]


@pytest.mark.needs("git")
def test_the_pre_commit_configuration_works_as_pasted(tmp_path):
    config = next(b for b in blocks("yaml") if b.startswith("repos:"))
    copylint = shutil.which("copylint") or str(Path(sys.executable).with_name("copylint"))
    assert Path(copylint).exists(), "the copylint command is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PATH=f"{Path(copylint).parent}{os.pathsep}{env.get('PATH', '')}",
               PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"),
               GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Desk", GIT_AUTHOR_EMAIL="desk@example.org",
               GIT_COMMITTER_NAME="Desk", GIT_COMMITTER_EMAIL="desk@example.org", GITHUB_ACTIONS="false")
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    repo = tmp_path / "copy"
    repo.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=300)

    run("git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(config)
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    (repo / "story.md").write_text("Shelling hit Kiev overnight. Officials in Kyiv said the power was back. .\n")
    run("git", "add", "-A")
    refused = run("git", "commit", "-q", "-m", "story")
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "story.md:1:14: fixed places.mixed-spellings 'Kiev' -> 'Kyiv'" in refused.stdout + refused.stderr
    assert (repo / "story.md").read_text() == \
        "Shelling hit Kyiv overnight. Officials in Kyiv said the power was back.\n"
    run("git", "add", "-A")
    passed = run("git", "commit", "-q", "-m", "story, fixed")
    assert passed.returncode == 0, passed.stdout + passed.stderr
