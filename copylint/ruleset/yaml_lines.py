"""``yaml.safe_load`` that remembers the line of every mapping and key, within
bounds: see :mod:`copylint.inputs.safeload`, where it lives."""

from __future__ import annotations

from ..inputs.safeload import LineDict, YamlProblem, load_yaml

__all__ = ["LineDict", "YamlProblem", "load_yaml"]
