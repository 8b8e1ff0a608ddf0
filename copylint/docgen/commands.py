"""The command-line reference, made from the click commands themselves:
each command's usage, help text, arguments and options (with their types,
defaults and ranges as ``--help`` shows them)."""

from __future__ import annotations

import inspect

import click

from ..cli import main

from .markdown import cell, cell_code, code, fenced

CLI_PAGE = "cli.md"


def _text(text: str) -> str:
    """Help text as Markdown prose: ``|`` ``*`` ``<`` ``_`` taken literally."""
    out = cell(text)
    for char in ("*", "<", "_"):
        out = out.replace(char, "\\" + char)
    return out


def _help(text: str) -> list[str]:
    """A command's help as Markdown: paragraphs, and click's ``\\b`` blocks
    (laid out by hand) as code blocks."""
    out: list[str] = []
    for block in inspect.cleandoc(text or "").split("\n\n") if text else []:
        if block.startswith("\b"):
            out += [fenced(block.lstrip("\b\n")), ""]
        elif block.strip():
            out += [_text(block), ""]
    return out


def command_section(name: str, command: click.Command, parent: click.Context) -> list[str]:
    # the settings a real run gives the command (e.g. -h as well as --help)
    ctx = click.Context(command, info_name=name, parent=parent, **command.context_settings)
    usage = " ".join(["copylint", name, *command.collect_usage_pieces(ctx)])
    out = [f"## copylint {name}", "", fenced(usage), ""]
    out += _help(command.help or command.short_help or "")
    arguments = [p for p in command.get_params(ctx) if isinstance(p, click.Argument)]
    if arguments:
        out += ["Arguments: " + ", ".join(
            code(p.make_metavar(ctx) if _takes_ctx(p) else p.make_metavar()) for p in arguments) + ".", ""]
    rows = [p.get_help_record(ctx) for p in command.get_params(ctx) if isinstance(p, click.Option)]
    rows = [r for r in rows if r is not None]
    if rows:
        out += ["| option | what it does |", "|---|---|"]
        out += [f"| {cell_code(opts)} | {_text(help_text)} |" for opts, help_text in rows]
        out.append("")
    return out


def _takes_ctx(param: click.Parameter) -> bool:
    return "ctx" in inspect.signature(param.make_metavar).parameters


def cli_page() -> str:
    root = click.Context(main, info_name="copylint", **main.context_settings)
    out = ["# Command-line reference", "",
           "Every `copylint` command with its options, generated from the commands themselves "
           "(`copylint COMMAND --help` prints the same). Exit codes: 0 clean, 1 findings at or "
           "above `--fail-level`, 2 usage or input error, 3 internal error. "
           "How to use them together: [the usage guide](../usage.md).", ""]
    out += ["| command | what it does |", "|---|---|"]
    commands = [(name, main.get_command(root, name)) for name in main.list_commands(root)]
    for name, command in commands:
        if command is not None and not command.hidden:
            out.append(f"| [`{name}`](#copylint-{name}) | {_text(command.get_short_help_str(200))} |")
    out.append("")
    for name, command in commands:
        if command is not None and not command.hidden:
            out += command_section(name, command, root)
    return "\n".join(out).rstrip("\n") + "\n"
