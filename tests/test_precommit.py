"""The pre-commit hooks, for real: a scratch git repository with the hooks
installed refuses a commit of a bad story with the findings shown,
``copylint-fix`` repairs the story, and the commit then passes.

pre-commit builds the hook environment from a snapshot of this checkout
(working-tree changes included, as ``pre-commit try-repo`` does) and installs
copylint's dependencies from the package index: the environment is built once
per session and shared by every test here.  This test needs ``git`` and
``pre-commit`` (both installed by ``.ci/run``): without git it is skipped, and
fails when ``CI`` is set (the ``needs`` marker of ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.precommit, pytest.mark.needs("git")]

ROOT = Path(__file__).resolve().parent.parent
BAD = "Shelling hit Kiev overnight. Officials in Kyiv said the power was back. .\n"
FIXED = "Shelling hit Kyiv overnight. Officials in Kyiv said the power was back.\n"
GOOD = "Officials in Kyiv said the power was back on Tuesday.\n"


BASE_ENV: dict[str, str] = {}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check,
                          env=BASE_ENV or None)


def _snapshot(dest: Path) -> str:
    """Commit the project's files as they are on disk (tracked and new, not
    ignored) into a fresh repository; return its commit id."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return git(dest, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="session")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(base / "cache"), GIT_AUTHOR_NAME="Desk", GIT_AUTHOR_EMAIL="desk@example.org",
               GIT_COMMITTER_NAME="Desk", GIT_COMMITTER_EMAIL="desk@example.org", GITHUB_ACTIONS="false",
               GIT_CONFIG_GLOBAL=str(base / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    (base / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    BASE_ENV.update(env)
    source = base / "copylint-src"
    source.mkdir()
    rev = _snapshot(source)
    env["COPYLINT_HOOK_REPO"], env["COPYLINT_HOOK_REV"] = str(source), rev
    return env


def hook_repo(repo: Path, hook_env: dict[str, str], fix_at_commit: bool) -> Path:
    """A git repository using both hooks, pre-commit installed; the fix hook
    runs at commit time or only when asked (``--hook-stage manual``)."""
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_env['COPYLINT_HOOK_REPO']}\n"
        f"    rev: {hook_env['COPYLINT_HOOK_REV']}\n"
        "    hooks:\n"
        "      - id: copylint-fix\n"
        + ("" if fix_at_commit else "        stages: [manual]\n")
        + "      - id: copylint\n")
    run_pre_commit(repo, hook_env, "install")
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "config", "--no-verify")
    return repo


@pytest.fixture
def copy_repo(tmp_path: Path, hook_env: dict[str, str]) -> Path:
    return hook_repo(tmp_path / "copy", hook_env, fix_at_commit=False)


def run_pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_bad_story_is_refused_then_fixed_and_committed(copy_repo: Path, hook_env: dict[str, str]):
    story = copy_repo / "story.md"
    story.write_text(BAD)
    git(copy_repo, "add", "story.md")

    refused = commit(copy_repo, hook_env, "bad story")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "copylint" in output and "Failed" in output
    assert "story.md:1:14: error places.mixed-spellings 'Kiev' here, but 'Kyiv' elsewhere" in output
    assert "story.md:1:72: error punctuation.stray-stop" in output
    assert git(copy_repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing committed

    fixing = run_pre_commit(copy_repo, hook_env, "run", "copylint-fix", "--hook-stage", "manual",
                            "--files", "story.md")
    assert fixing.returncode == 1, fixing.stdout  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixing.stdout
    assert "story.md:1:14: fixed places.mixed-spellings 'Kiev' -> 'Kyiv'" in fixing.stdout
    assert "story.md:1:72: fixed punctuation.stray-stop deleted ' .'" in fixing.stdout
    assert "story.md:1:72: error" not in fixing.stdout  # what was fixed is not reported as found
    assert story.read_text() == FIXED

    git(copy_repo, "add", "story.md")
    accepted = commit(copy_repo, hook_env, "fixed story")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "copylint....." in accepted.stderr and "Passed" in accepted.stderr
    assert git(copy_repo, "show", "HEAD:story.md").stdout == FIXED


def test_try_repo_good_file_passes_and_other_files_are_not_linted(tmp_path: Path, hook_env: dict[str, str]):
    repo = tmp_path / "scratch"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "good.txt").write_text(GOOD)
    (repo / "notes.py").write_text("# Kiev. .\n")  # not a text format copylint lints
    (repo / "bad.txt").write_text(BAD)
    git(repo, "add", "-A")
    args = ("try-repo", hook_env["COPYLINT_HOOK_REPO"], "copylint", "--ref", hook_env["COPYLINT_HOOK_REV"])

    good = run_pre_commit(repo, hook_env, *args, "--files", "good.txt", "notes.py")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    bad = run_pre_commit(repo, hook_env, *args, "--files", "bad.txt")
    assert bad.returncode == 1
    assert "bad.txt:1:72: error punctuation.stray-stop" in bad.stdout


UNFIXABLE = "The governor said Ukrainian early on Sunday.\n"


def test_both_hooks_on_60_files_report_each_finding_once(tmp_path: Path, hook_env: dict[str, str]):
    """The README's set-up (fix hook, then check hook, both at commit) on a
    commit large enough for pre-commit to run each hook on several batches:
    every fix and every finding that remains is printed once, and no batch
    prints a partial summary."""
    repo = hook_repo(tmp_path / "both", hook_env, fix_at_commit=True)
    names = [f"story{i:02}.md" for i in range(60)]
    for name in names:
        (repo / name).write_text(BAD + UNFIXABLE)
    git(repo, "add", *names)

    refused = commit(repo, hook_env, "sixty stories")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    lines = output.splitlines()
    for name in names:
        for expected in (f"{name}:1:14: fixed places.mixed-spellings 'Kiev' -> 'Kyiv'",
                         f"{name}:1:72: fixed punctuation.stray-stop deleted ' .'",
                         f"{name}:2:19: error attribution.orphaned-modifier"):
            assert sum(line.startswith(expected) for line in lines) == 1, (expected, output[-3000:])
        assert sum(line.startswith(f"{name}:") for line in lines) == 3, name  # nothing else, nothing twice
        assert (repo / name).read_text() == FIXED + UNFIXABLE
    assert not any(line.startswith(("Found ", "No problems found", "Fixed ")) for line in lines), output
    assert "files were modified by this hook" in output
