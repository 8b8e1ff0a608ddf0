"""The rule cache stores a big list once: a rule's ``raw`` field that equals
its converted option (a ``swap`` mapping, a ``tokens`` list) is kept as a
reference to the option and given back exactly (type, order, line numbers).
Each shortcut is compared with the rule as loaded from YAML."""

from __future__ import annotations

import marshal

import pytest

from copylint import load_rules
from copylint.ruleset import cache
from copylint.ruleset.yaml_lines import LineDict


def _shape(value):
    if isinstance(value, dict):
        lines = (value.line, value.key_lines) if isinstance(value, LineDict) else None
        return type(value).__name__, lines, [(k, _shape(v)) for k, v in value.items()]  # order counts
    if isinstance(value, list):
        return "list", [_shape(v) for v in value]
    return type(value).__name__, value


PACK = """\
defaults:
  description: a test rule
  level: warning
rules:
  - id: t.swap
    kind: substitution
    level: warning
    message: "Use '%s' instead of '%s'."
    swap:
      colour: color
      favour: favor
      honour: honor
  - id: t.gaps
    kind: substitution
    swap:
      kerb: curb

      tyre: tire
  - id: t.flow
    kind: substitution
    swap: {gaol: jail, plough: plow}
  - id: t.converted
    kind: substitution
    swap:
      one: 1
      two: deux
  - id: t.words
    kind: existence
    level: error
    tokens: [alpha, beta, gamma]
  - id: t.regex
    kind: substitution
    swap:
      'colou?rs': colors
"""


def _load_twice(tmp_path, monkeypatch, text):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yml"
    pack.write_text(text)
    fresh = load_rules([pack], builtin=False).rules  # from YAML, written to the cache
    cached = load_rules([pack], builtin=False).rules
    return fresh, cached, pack


def test_shared_fields_come_back_exactly(tmp_path, monkeypatch, fresh_signed_store):
    fresh, cached, _ = _load_twice(tmp_path, monkeypatch, PACK)
    assert [_shape(vars(r)) for r in cached] == [_shape(vars(r)) for r in fresh]
    assert cached[0].raw["swap"] is not cached[0].options["swap"]  # a copy, never the option itself
    assert cached[4].raw["tokens"] is not cached[4].options["tokens"]


def test_what_is_shared_and_what_is_not(tmp_path, monkeypatch, fresh_signed_store):
    fresh, _, _ = _load_twice(tmp_path, monkeypatch, PACK)
    by_id = {r.id: r for r in fresh}
    swap = by_id["t.swap"].raw["swap"]
    first = next(iter(swap.key_lines.values()))
    assert list(swap.key_lines.values()) == [first, first + 1, first + 2]
    assert cache._shared_raw(by_id["t.swap"])[1][1] == (("swap", (swap.line, first)),)  # one key a line
    gaps = by_id["t.gaps"].raw["swap"]
    lines = tuple(gaps.key_lines.values())
    assert lines[1] == lines[0] + 2  # a blank line between the keys: each key's line is kept
    assert cache._shared_raw(by_id["t.gaps"])[1][1] == (("swap", (gaps.line, lines)),)
    assert cache._shared_raw(by_id["t.words"])[1][1] == (("tokens", None),)
    assert cache._shared_raw(by_id["t.converted"]) == (by_id["t.converted"].raw, ())  # 1 became "1"
    stripped, shared = cache._shared_raw(by_id["t.swap"])
    assert "swap" not in stripped and shared[0] == tuple(by_id["t.swap"].raw)


def test_a_big_swap_is_stored_once(tmp_path, monkeypatch, fresh_signed_store):
    words = [f"wrongword{i}" for i in range(2000)]
    text = "defaults:\n  description: d\n  level: warning\nrules:\n  - id: t.big\n    kind: substitution\n    swap:\n" + "".join(
        f"      {w}: right{i}\n" for i, w in enumerate(words))
    fresh, cached, _ = _load_twice(tmp_path, monkeypatch, text)
    assert _shape(vars(cached[0])) == _shape(vars(fresh[0]))
    stored = marshal.dumps(cache.rules_to_data(fresh))
    assert stored.count(b"wrongword1999") == 1
    lines = list(cached[0].raw["swap"].key_lines.values())
    assert lines == list(range(lines[0], lines[0] + 2000))


@pytest.mark.parametrize("damage", [
    lambda shared: (shared[0], (("swap", (3, (4, 5))),)),      # too few lines
    lambda shared: (shared[0], (("swap", (3, "x")),)),         # lines of no known shape
    lambda shared: (shared[0], (("nothere", (3, 4)),)),        # no such option
    lambda shared: (shared[0], (("swap", None),)),             # a mapping given back as a list
    lambda shared: (("id", "kind"), shared[1]),                # an order that lacks fields
    lambda shared: "garbage",
])
def test_a_damaged_shared_entry_falls_back_to_yaml(tmp_path, monkeypatch, fresh_signed_store, damage):
    fresh, _, pack = _load_twice(tmp_path, monkeypatch, PACK)
    data = cache.rules_to_data(fresh)
    values, fixups, shared = data[2][0]
    assert shared
    damaged = (data[0], data[1], ((values, fixups, damage(shared)), *data[2][1:]))
    with pytest.raises(Exception):
        cache.rules_from_data(damaged)
    target = tmp_path / "cache" / f"rules-{cache.cache_key([pack])}{cache.SUFFIX}"
    assert fresh_signed_store.write_signed(target, damaged)
    again = load_rules([pack], builtin=False).rules  # the damaged entry is dropped: YAML again
    assert [_shape(vars(r)) for r in again] == [_shape(vars(r)) for r in fresh]


def test_an_earlier_format_is_reloaded_from_yaml(tmp_path, monkeypatch, fresh_signed_store):
    fresh, _, pack = _load_twice(tmp_path, monkeypatch, PACK)
    data = cache.rules_to_data(fresh)
    old = (4, data[1], tuple((values, fixups) for values, fixups, _ in data[2]))
    assert cache.rules_from_data(old) is None
    with pytest.raises(ValueError):  # the old records' shape (the loader then reads the YAML)
        cache.rules_from_data((cache.FORMAT, data[1], old[2]))
