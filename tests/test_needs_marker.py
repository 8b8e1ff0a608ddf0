"""The ``needs`` marker of tests/conftest.py: a missing system package skips
a test with the reason, or fails it when CI is set."""

from __future__ import annotations

import pytest

import conftest


@pytest.fixture
def absent_tmux(monkeypatch: pytest.MonkeyPatch):
    present, install, what = conftest.REQUIREMENTS["tmux"]
    monkeypatch.setitem(conftest.REQUIREMENTS, "tmux", (lambda: False, install, what))


def test_a_missing_package_skips_with_the_reason(absent_tmux, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"needs tmux: .*\(apt-get install tmux\)"):
        conftest.require("tmux")


def test_with_ci_set_a_missing_package_fails(absent_tmux, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="needs tmux: .*CI is set, so this is a failure"):
        conftest.require("tmux")


def test_the_dictionary_is_looked_for_where_copylint_looks(monkeypatch, tmp_path):
    from copylint.checks import spelling

    monkeypatch.setattr(spelling, "DEFAULT_DICPATHS", (str(tmp_path),))
    assert not conftest.REQUIREMENTS["hunspell-en-us"][0]()
    (tmp_path / "en_US.dic").write_text("1\nword\n")
    (tmp_path / "en_US.aff").write_text("SET UTF-8\n")
    assert conftest.REQUIREMENTS["hunspell-en-us"][0]()


def test_an_unknown_requirement_is_an_error_not_a_skip():
    with pytest.raises(pytest.fail.Exception, match="unknown requirement"):
        conftest.require("no-such-package")
