"""One reference page per check kind (and one for the fields every rule
has), made from the code: the kind's module and class docstrings, its class
attributes and its ``fields`` with their converters and ``doc`` strings."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..checks import KINDS, Check
from ..ruleset.fields import Field
from ..ruleset.loader import COMMON_FIELDS
from ..ruleset.model import Rule
from .fieldtypes import default_text, type_name
from .markdown import cell, cell_code, code, paragraphs, slug

KINDS_DIR = "kinds"
COMMON_PAGE = "common-fields.md"


def kind_page_name(kind: str) -> str:
    return f"{slug(kind)}.md"


def source_of(obj: object, root: Path) -> str:
    """The file that defines ``obj``, relative to the project root when inside it."""
    path = Path(inspect.getsourcefile(obj) or "?").resolve()  # type: ignore[arg-type]
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def fields_table(fields: Mapping[str, Field]) -> list[str]:
    lines = ["| field | type | default | description |", "|---|---|---|---|"]
    for name, field in fields.items():
        default = default_text(field)
        shown = "**required**" if default == "required" else (cell_code(default) if default else "")
        lines.append(f"| `{name}` | {cell(type_name(field))} | {shown} | {cell(field.doc) or ''} |")
    return lines


def summary(cls: type[Check]) -> str:
    """The first sentence of what a kind does (its module docstring)."""
    texts = paragraphs(inspect.getmodule(cls).__doc__) or paragraphs(cls.__doc__)  # type: ignore[union-attr]
    first = texts[0] if texts else ""
    if first.startswith(f"`{cls.kind}`:"):
        first = first[len(cls.kind) + 3:].strip()
    end = first.find(". ")
    return first if end < 0 else first[: end + 1]


def kind_page(kind: str, cls: type[Check], rules: Sequence[Rule], root: Path,
              rule_link: Mapping[str, str]) -> str:
    module = inspect.getmodule(cls)
    out = [f"# Kind `{kind}`", ""]
    for text in paragraphs(module.__doc__ if module else None) + paragraphs(cls.__doc__):
        out += [text, ""]
    applicability = str(cls.default_applicability)
    out += [
        "| | |", "|---|---|",
        f"| source | `{source_of(cls, root)}` (class `{cls.__name__}`) |",
        f"| default scope | `{cls.default_scope}` |",
        f"| fixes, unless a rule sets `fix-applicability` | {applicability} |",
        f"| downgraded in quotations and titles, unless a rule sets `context-downgrade` | "
        f"{'yes' if cls.context_downgrade else 'no'} |",
        f"| values filled into `%s`/`%d` in a message | {cls.message_values} |",
        f"| message when a rule gives none | {cell_code(cls.default_message)} |",
        "",
        "## Fields", "",
    ]
    if cls.fields:
        out += fields_table(cls.fields)
    else:
        out.append("This kind has no fields of its own.")
    out += ["", f"Every rule also takes the [fields every rule has]({COMMON_PAGE}).", "",
            "## Built-in rules of this kind", ""]
    out += [f"- [{code(r.id)}]({rule_link[r.id]}) ({r.level}): {cell_code(r.message)}" for r in rules] \
        or ["No built-in rule uses this kind."]
    return "\n".join(out) + "\n"


def common_page() -> str:
    out = ["# Fields every rule has", "",
           "Every rule, of every kind, takes these fields; each kind adds its own "
           "(see [the kinds](index.md)). `defaults:` in a rule file supplies any of "
           "them to every rule of the file. Where a list of strings is expected, a single string is a one-item list.", ""]
    out += fields_table(COMMON_FIELDS)
    return "\n".join(out) + "\n"


def index_page(by_kind: Mapping[str, Sequence[Rule]]) -> str:
    out = ["# Rule kinds", "",
           "A rule's `kind:` says which check runs it. Each kind is one module under "
           "`copylint/checks/`; its page lists its fields, from their definitions in the "
           f"code. Fields every rule has: [{COMMON_PAGE[:-3].replace('-', ' ')}]({COMMON_PAGE}).", "",
           "| kind | what it checks | built-in rules |", "|---|---|---|"]
    for kind in sorted(KINDS):
        out.append(f"| [`{kind}`]({kind_page_name(kind)}) | {cell(summary(KINDS[kind]))} | "
                   f"{len(by_kind.get(kind, ()))} |")
    return "\n".join(out) + "\n"


def kind_pages(rules: Sequence[Rule], root: Path, rule_link: Mapping[str, str]) -> dict[str, str]:
    """``{path under the reference folder: page text}`` for every kind."""
    by_kind: dict[str, list[Rule]] = {}
    for rule in rules:
        by_kind.setdefault(rule.kind, []).append(rule)
    pages = {f"{KINDS_DIR}/index.md": index_page(by_kind), f"{KINDS_DIR}/{COMMON_PAGE}": common_page()}
    links = {rid: f"../rules/{target}" for rid, target in rule_link.items()}
    for kind in sorted(KINDS):
        pages[f"{KINDS_DIR}/{kind_page_name(kind)}"] = kind_page(
            kind, KINDS[kind], sorted(by_kind.get(kind, ()), key=lambda r: r.id), root, links)
    return pages
