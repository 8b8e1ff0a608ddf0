"""``copylint rules``, ``explain`` and ``styles``: what the rules are and why."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from ..errors import CopylintError
from ..ruleset import RuleSet
from .common import (
    build,
    builtin_option,
    comma_list,
    config_option,
    configure,
    fail,
    output_width,
    plural,
    no_config_option,
    rule_options,
    rules_option,
    style_option,
)


@click.command("rules")
@rule_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(rule_dirs: tuple[Path, ...], builtin: bool | None, style: str | None,
               config_path: Path | None,
               no_config: bool, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str) -> None:
    """List the rules a check would run (after the configuration): id, kind, level, description."""
    config = configure(config_path, no_config, builtin=builtin, style=style,
                        select=comma_list(select), ignore=comma_list(ignore))
    ruleset = build(config, rule_dirs)
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "kind": r.kind, "level": str(r.level), "description": r.description,
             "source": r.source, "link": r.link, "path": r.path, "line": r.line,
             "style": r.pack or None, "fix_applicability": str(r.fix_applicability),
             "context_downgrade": r.context_downgrade}
            for r in ruleset], indent=2, ensure_ascii=False))
        return
    for row in rules_table(ruleset, output_width()):
        click.echo(row)
    click.echo(f"{plural(len(ruleset), 'rule')}.")


def one_line(description: str) -> str:
    """The first sentence of a description, on one line."""
    text = " ".join(description.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z'\"(])", text)
    return text[: match.start()] if match else text


#: Below this many columns for the description, it goes on a line of its own.
MIN_DESCRIPTION_COLUMNS = 30


def rules_table(ruleset: "RuleSet", width: int | None) -> list[str]:
    """A header and one row per rule: id, kind, level, the description's first
    sentence; with a ``width`` (a terminal) each row is cut to it with an
    ellipsis, and on a narrow terminal the description goes on an indented
    line under its rule."""
    header = ("ID", "KIND", "LEVEL", "DESCRIPTION")
    rows = [(r.id, r.kind, str(r.level), one_line(r.description)) for r in ruleset]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    stacked = width is not None and width - sum(widths) - 6 < MIN_DESCRIPTION_COLUMNS
    out = []
    for row in [header, *rows]:
        cells = "  ".join(cell.ljust(w) for cell, w in zip(row, widths))
        if stacked:
            out.extend([_cut(cells.rstrip(), width), _cut("    " + row[3], width)])
        else:
            out.append(_cut(f"{cells}  {row[3]}".rstrip(), width))
    return out


def _cut(line: str, width: int | None) -> str:
    from ..reporters.text import display_width

    if width is None or display_width(line) <= width:
        return line
    used, keep = 0, 0
    for keep, ch in enumerate(line):  # the longest start that leaves a column for the ellipsis
        used += display_width(ch)
        if used > width - 1:
            break
    return line[:keep].rstrip() + "…"


@click.command()
@click.argument("rule_id")
@rules_option
@builtin_option
@style_option
@config_option
@no_config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(rule_id: str, rule_dirs: tuple[Path, ...], builtin: bool | None, style: str | None,
            config_path: Path | None, no_config: bool, fmt: str) -> None:
    """Explain RULE_ID: description, rationale, source, and its examples run through it."""
    from ..explain import explain as explain_rule
    from ..explain import render_text

    config = configure(config_path, no_config, builtin=builtin, style=style)
    ruleset = build(config, rule_dirs)
    try:
        explanation = explain_rule(rule_id, ruleset)
    except CopylintError as exc:
        raise fail(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(explanation.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(explanation), nl=False)


@click.command()
def styles() -> None:
    """List the built-in house styles (use one with --style NAME or 'style:' in the config)."""
    from ..ruleset import BUILTIN_RULES_DIR, DEFAULT_STYLE, builtin_styles
    from ..ruleset.packs import manifest_in, read_manifest

    try:
        packs = [read_manifest(manifest_in(d)) for d in builtin_styles(BUILTIN_RULES_DIR).values()]  # type: ignore[arg-type]
    except CopylintError as exc:
        raise fail(str(exc)) from None
    width = max((len(p.name) for p in packs), default=0)
    for pack in packs:
        base = f" (extends {pack.extends})" if pack.extends else ""
        default = " [default]" if pack.name == DEFAULT_STYLE else ""
        click.echo(f"{pack.name:<{width}}  {pack.description}{base}{default}")
