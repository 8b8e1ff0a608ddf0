from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from copylint import load_rules
from copylint.ruleset import RuleSet


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory):
    """Keep the tests' rule cache out of the user's ~/.cache."""
    import os

    saved = os.environ.get("COPYLINT_CACHE_DIR")
    os.environ["COPYLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("rule-cache"))
    yield
    if saved is None:
        os.environ.pop("COPYLINT_CACHE_DIR", None)
    else:
        os.environ["COPYLINT_CACHE_DIR"] = saved


@pytest.fixture
def fresh_signed_store(monkeypatch: pytest.MonkeyPatch):
    """The rule cache's signed store, made to forget which directories and
    secrets this process has already checked."""
    from copylint.ruleset import signed_store

    monkeypatch.setattr(signed_store, "_checked", {})
    monkeypatch.setattr(signed_store, "_secrets", {})
    monkeypatch.setattr(signed_store, "_noted", set())
    return signed_store


@pytest.fixture
def make_rules(tmp_path: Path):
    """Write a YAML rule file and load it alone (no built-in rules)."""

    def make(yaml_text: str, name: str = "rules.yml") -> RuleSet:
        path = tmp_path / name
        path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return load_rules([path], builtin=False)

    return make


@pytest.fixture(autouse=True)
def _not_on_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """GITHUB_ACTIONS=true switches the default output to workflow commands;
    tests that want that set it themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session")
def normal_user() -> list[str]:
    """A command prefix that runs a program with a normal user's file
    permissions.  As a normal user: nothing.  As root (CI): ``setpriv``
    drops the capabilities that let root ignore permission bits
    (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``), so a mode-0 file is
    unreadable, as for anyone else (the interpreter, often under /root, stays
    usable, which switching to ``nobody`` would not allow).  Skips when that
    is impossible (no setpriv, or a container that forbids it)."""
    import os
    import shutil
    import subprocess
    import tempfile

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop the right to read any file")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    with tempfile.NamedTemporaryFile() as probe:
        os.chmod(probe.name, 0)
        try:
            blocked = subprocess.run([*prefix, "cat", probe.name], capture_output=True, timeout=30).returncode != 0
        except OSError:
            blocked = False
    if not blocked:
        pytest.skip("running as root and setpriv could not drop CAP_DAC_OVERRIDE here")
    return prefix


# -- optional system packages -----------------------------------------------------
# A test that needs a system package says so with
#     @pytest.mark.needs("tmux")            (or pytestmark = ... for a module)
# Without the package it is skipped with the reason on a developer's machine, and
# fails when the environment variable CI is set: CI must install it (.ci/run does),
# so a green CI run never hides a skipped test.

def _hunspell_en_us() -> bool:
    from copylint.checks import spelling

    return any((Path(folder) / "en_US.dic").is_file() and (Path(folder) / "en_US.aff").is_file()
               for folder in spelling.DEFAULT_DICPATHS)


def _program(name: str):
    def present() -> bool:
        import shutil

        return shutil.which(name) is not None

    return present


def _python_module(name: str):
    def present() -> bool:
        import importlib.util

        return importlib.util.find_spec(name) is not None

    return present


#: requirement -> (is it there?, how to get it, what it is for)
REQUIREMENTS = {
    "hunspell-en-us": (_hunspell_en_us, "apt-get install hunspell-en-us",
                       "the en_US Hunspell dictionary (Vale.Spelling's stand-in)"),
    "chromium": (_program("chromium"), "apt-get install chromium", "a headless browser"),
    "chromium-driver": (_program("chromedriver"), "apt-get install chromium-driver",
                        "chromedriver, to drive the browser"),
    "git": (_program("git"), "apt-get install git", "for a scratch repository with the pre-commit hooks"),
    "tmux": (_program("tmux"), "apt-get install tmux", "a terminal to take screenshots in"),
    "selenium": (_python_module("selenium"), "pip install '.[test]'", "the selenium package"),
    "mkdocs-material": (_python_module("material"), "pip install '.[docs]'",
                        "MkDocs and the Material theme, to build the docs site"),
}


def require(*names: str) -> None:
    """Skip the running test unless every requirement in ``names`` is there;
    with ``CI`` set, fail instead."""
    import os

    unknown = [name for name in names if name not in REQUIREMENTS]
    if unknown:
        pytest.fail(f"unknown requirement(s) {', '.join(unknown)}: known are {', '.join(REQUIREMENTS)}")
    missing = [name for name in names if not REQUIREMENTS[name][0]()]
    if not missing:
        return
    reason = "needs " + "; ".join(f"{name}: {REQUIREMENTS[name][2]} ({REQUIREMENTS[name][1]})"
                                  for name in missing)
    if os.environ.get("CI"):
        pytest.fail(f"{reason} -- CI is set, so this is a failure, not a skip: .ci/run installs it",
                    pytrace=False)
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(*requirements): the test needs these system packages (or Python packages): "
                   f"skipped without them, failed without them when CI is set ({', '.join(REQUIREMENTS)})")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        require(*mark.args)
