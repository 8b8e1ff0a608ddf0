from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from copylint import load_rules
from copylint.ruleset import RuleSet


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
