"""Bounded loading of YAML and TOML, and bounded quoting of loaded values.

Every configuration, rule, pack and Vale style file copylint reads comes
through here, because those files come with the repository being linted and
may be hostile (a committed ``.copylint.yaml`` runs on every clone):

- **size**: a file over :data:`MAX_BYTES` is refused before it is parsed;
- **aliases**: YAML anchors and aliases are allowed (``<<: *defaults``), but
  the document they expand to may hold at most :data:`MAX_ALIAS_NODES` nodes
  more than the file itself: a "billion laughs" of 583 bytes is refused while
  its node graph is still a few dozen nodes (it is never expanded);
- **depth**: nesting deeper than :data:`MAX_DEPTH` (YAML or TOML) is refused;
- only YAML's safe loader is used (the C one when PyYAML has libyaml), so a
  file is data and never code.

:func:`shown` quotes a value in an error message with a bounded length: a
message never formats an unbounded value.
"""

from __future__ import annotations

import re
import reprlib
from functools import lru_cache
from typing import Any

#: Largest configuration, rule or style file read (bytes of text).
MAX_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted (YAML and TOML).
MAX_DEPTH = 64
#: How many nodes aliases may add to a YAML document when expanded.
MAX_ALIAS_NODES = 100_000
#: Longest quoted value in an error message (characters).
SHOWN_LENGTH = 60


class YamlProblem(Exception):
    def __init__(self, line: int | None, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(problem)


class TomlProblem(Exception):
    def __init__(self, line: int | None, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(problem)


def shown(value: Any, limit: int = SHOWN_LENGTH) -> str:
    """``repr(value)`` cut to about ``limit`` characters (``…`` marks a cut),
    computed without formatting more than that: safe on a huge or deeply
    shared value."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return repr(value[:limit]) + f"… ({len(value):,} characters)"

    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = short.maxfrozenset = 4
    short.maxstring = short.maxother = limit // 2
    text = short.repr(value)
    return text if len(text) <= limit + 10 else text[:limit] + "…"


# -- YAML ----------------------------------------------------------------------

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
                None, None, f"duplicate key {shown(key)}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _check_graph(root: Any) -> None:
    """Refuse a node graph nested deeper than :data:`MAX_DEPTH` (or cyclic)
    or whose expansion adds more than :data:`MAX_ALIAS_NODES` nodes.  Each
    node is visited once (sizes and heights are remembered), so a bomb costs
    the size of its graph, not of its expansion."""
    # node id -> (expanded size, height); a node on the stack has no entry yet
    done: dict[int, tuple[int, int]] = {}
    unique = 0
    # iterative post-order walk: (node, depth, children visited?)
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, expanded = stack.pop()
        key = id(node)
        if expanded:
            on_path.discard(key)
            children = _children(node)
            size = 1 + sum(done[id(child)][0] for child in children)
            height = 1 + max((done[id(child)][1] for child in children), default=0)
            done[key] = (size, height)
            continue
        if key in done:
            if depth - 1 + done[key][1] > MAX_DEPTH:
                raise YamlProblem(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
            continue
        if key in on_path:  # an alias to a node that contains it
            raise YamlProblem(node.start_mark.line + 1, "an alias refers to a node that contains it")
        if depth > MAX_DEPTH:
            raise YamlProblem(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        unique += 1
        children = _children(node)
        if not children:
            done[key] = (1, 1)
            continue
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)
    total = done[id(root)][0]
    if total - unique > MAX_ALIAS_NODES:
        raise YamlProblem(None, f"aliases expand this file to {total:,} nodes (at most "
                                f"{MAX_ALIAS_NODES:,} more than it holds are allowed)")


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, str):
        return []
    if value and isinstance(value[0], tuple):  # a mapping: (key, value) pairs
        return [part for pair in value for part in pair]
    return list(value)


def load_yaml(text: str) -> Any:
    """Parse YAML safely and within bounds; raise :class:`YamlProblem` with a line number."""
    import yaml

    if len(text) > MAX_BYTES:
        raise YamlProblem(None, f"file too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")
    loader = _line_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_graph(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(exc.problem or exc).split())
        if len(problem) > 200:
            problem = problem[:200] + "…"
        raise YamlProblem(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"invalid YAML: {' '.join(str(exc).split())[:200]}") from None
    except RecursionError:  # the pure-Python composer, when libyaml is missing
        raise YamlProblem(None, f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


# -- TOML ----------------------------------------------------------------------

def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` within bounds; raise :class:`TomlProblem`."""
    import tomllib

    if len(text) > MAX_BYTES:
        raise TomlProblem(None, f"file too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise TomlProblem(int(m.group(1)) if m else None, f"invalid TOML: {str(exc)[:200]}") from None
    except RecursionError:
        raise TomlProblem(None, f"invalid TOML: nested more than {MAX_DEPTH} levels deep") from None
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TomlProblem(None, f"invalid TOML: nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values() if isinstance(item, (dict, list)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return document
