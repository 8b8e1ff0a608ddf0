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
