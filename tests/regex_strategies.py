"""A hypothesis strategy of regular expressions nested from given atoms, shared
by the tests of the pattern analysis and of the leading-literal search."""

from __future__ import annotations

from hypothesis import strategies as st


def nested_patterns(atoms: list[str], repeats: list[str]) -> st.SearchStrategy[str]:
    """Patterns built from ``atoms``: sequences, alternations, groups (plain,
    capturing, ``(?i:…)``, ``(?-i:…)``), repeats, look-behinds and look-aheads
    around the parts, up to 8 atoms."""

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map("|".join),
            inner.map(lambda p: f"(?:{p})"), inner.map(lambda p: f"({p})"),
            inner.map(lambda p: f"(?i:{p})"), inner.map(lambda p: f"(?-i:{p})"),
            st.tuples(inner, st.sampled_from(repeats)).map(lambda t: f"(?:{t[0]}){t[1]}"),
            inner.map(lambda p: f"(?<=a(?:{p}))" if "(?<" not in p else p),
            inner.map(lambda p: f"(?={p})"))

    return st.recursive(st.sampled_from(atoms), extend, max_leaves=8)
