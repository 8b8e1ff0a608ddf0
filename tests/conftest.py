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
