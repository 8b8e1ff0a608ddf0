"""``yaml.safe_load`` that remembers the line of every mapping and key.

Only the safe loader is ever used (the C one when PyYAML was built with
libyaml): a rule or configuration file is data and cannot run code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


class LineDict(dict):
    """A mapping from YAML that knows where it and each of its keys started."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@lru_cache(maxsize=None)
def _line_loader() -> Any:
    """The loader class (PyYAML is imported on first use: a run whose rules
    come from the cache parses no YAML)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _LineLoader(base):  # type: ignore[misc,valid-type]
        pass

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return _LineLoader


def _construct_mapping(loader: Any, node: Any) -> LineDict:
    import yaml

    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result



class YamlProblem(Exception):
    def __init__(self, line: int | None, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(problem)


def load_yaml(text: str) -> Any:
    """Parse YAML safely; raise :class:`YamlProblem` with a line number."""
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        if exc.context and "could not determine a constructor" in (exc.problem or ""):
            problem = exc.problem
        return_problem = " ".join(str(problem).split())
        raise YamlProblem(line, f"invalid YAML: {return_problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"invalid YAML: {' '.join(str(exc).split())}") from None
