"""docs/house-styles.md, followed word for word: its files are written as
given, its ``console`` commands are run in order and print exactly what the
page shows; then ``copylint check``, the pre-commit hook's command and the
desk page (``copylint serve`` started in the same folder) give the same
findings for the same stories."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from copylint.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "house-styles.md"
_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
_TIMING = re.compile(r" in \d+\.\d\ds ")


def steps() -> list[tuple[str, str, str]]:
    """(kind, target, body) in page order: ("file", path, text) and ("run", command, output)."""
    out = []
    for lang, info, body in _FENCE.findall(DOC.read_text(encoding="utf-8")):
        file = re.search(r"\bfile=(\S+)", info)
        if file:
            out.append(("file", file.group(1), body))
        elif lang == "console":
            for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                out.append(("run", command, output))
    return out


def _cli(desk: Path, command: str):
    argv = shlex.split(command)
    assert argv[0] == "copylint", command
    old = os.getcwd()
    os.chdir(desk)
    try:
        return CliRunner().invoke(main, argv[1:])
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A folder set up by following the page; each command's output checked."""
    desk = tmp_path_factory.mktemp("harbour-post")
    for kind, target, body in steps():
        if kind == "file":
            path = desk / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        else:
            result = _cli(desk, target)
            assert "Traceback" not in result.output
            assert _TIMING.sub(" in Xs ", result.output) == _TIMING.sub(" in Xs ", body), target
    return desk


def test_the_page_has_the_steps_it_promises():
    kinds = [(k, t) for k, t, _ in steps()]
    assert ("file", "house/pack.yml") in kinds and ("file", ".copylint.yaml") in kinds
    assert ("run", "copylint test -q house/") in kinds
    assert ("run", "copylint check stories/ transcripts/") in kinds


def test_following_the_page_gives_what_it_shows(desk: Path):
    assert (desk / "house" / "pack.yml").is_file()


def _check_json(desk: Path, *paths: str) -> list[tuple]:
    result = _cli(desk, "copylint check --format json " + " ".join(paths))
    data = json.loads(result.output)
    return sorted((f["path"], f["line"], f["column"], f["rule"], f["level"], f["message"]) for f in data["findings"])


def _hook(desk: Path, files: list[str]) -> list[tuple]:
    """What the pre-commit hook runs: its ``entry`` and the staged files, from the repository root."""
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "copylint")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "copylint"
    command = [sys.executable, "-m", "copylint", *entry[1:], "--format", "json", *files]
    proc = subprocess.run(command, cwd=desk, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    data = json.loads(proc.stdout)
    return sorted((f["path"], f["line"], f["column"], f["rule"], f["level"], f["message"]) for f in data["findings"])


def _desk_page(desk: Path, files: list[str]) -> tuple[list[tuple], dict]:
    """``copylint serve`` started in the desk's folder; each file sent as the page sends it."""
    proc = subprocess.Popen([sys.executable, "-m", "copylint", "serve", "--port", "0", "--quiet"], cwd=desk,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    try:
        url = proc.stdout.readline().split()[2]
        banner = proc.stdout.readline()
        with urllib.request.urlopen(url + "api/rules", timeout=30) as response:
            rules = json.load(response)
        found = []
        for name in files:
            body = json.dumps({"text": (desk / name).read_text(encoding="utf-8"), "path": name}).encode()
            request = urllib.request.Request(url + "api/lint", data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                data = json.load(response)
            found += [(name, f["line"], f["column"], f["rule"], f["level"], f["message"]) for f in data["findings"]]
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    rules["banner"] = banner
    return sorted(found), rules


def test_check_the_hook_and_the_page_give_the_same_true_findings(desk: Path):
    files = ["stories/kyiv.txt", "transcripts/interview.txt"]
    by_check = _check_json(desk, *files)
    assert by_check == _hook(desk, files)
    on_page, rules = _desk_page(desk, files)
    assert on_page == by_check
    # the desk's own style is the page's default, offered first
    assert rules["style"] == "house"
    assert [(s["name"], s["origin"], s["default"]) for s in rules["styles"]][0] == ("house", "desk", True)
    assert rules["banner"].startswith("copylint desk: configuration .copylint.yaml; styles: house, ")
    # what the configuration and the pack decided reaches every front end
    found = {(f[3], f[4]) for f in by_check}
    assert ("places.kyiv", "error") in found and ("house.headlinese", "warning") in found
    assert not any(f[0].startswith("transcripts/") for f in by_check)  # per-path-ignores
    messages = [f[5] for f in by_check]
    assert "The Harbour Post spells the president's name 'Zelensky', not 'Zelenskiy'." in messages
    assert not any("Reuters spells" in m or "Feb 14" in m for m in messages)  # true messages only


def test_copylint_test_fails_with_a_clear_report_on_a_broken_example(desk: Path, tmp_path: Path):
    broken = tmp_path / "house"
    broken.mkdir()
    (broken / "pack.yml").write_text((desk / "house" / "pack.yml").read_text())
    rules = (desk / "house" / "headlinese.yml").read_text()
    (broken / "headlinese.yml").write_text("\n".join(l for l in rules.splitlines() if "exceptions:" not in l) + "\n")
    result = _cli(tmp_path, "copylint test house/")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "house/headlinese.yml ...F" in lines  # pytest-like: a dot per example that passes
    assert ("house/headlinese.yml:12: house.headlinese: good example flagged by house.headlinese: 'slammed' is "
            "headlinese: say what was said ('criticised', 'rejected'). ('slammed' at column 10)") in lines
    assert "    good: The door slammed shut." in lines
    passing = int(re.search(r"=+ (\d+) passed \(3 rules\)", DOC.read_text(encoding="utf-8")).group(1))  # the page's own run
    assert re.search(rf"=+ 1 failed, {passing - 1} passed \(3 rules\) in \d+\.\d\ds =+$", lines[-1])
