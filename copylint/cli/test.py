"""``copylint test``: run rules' own examples (bad ones must be flagged, good
ones must not be, stated fixes must give the stated text), pytest-like."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CopylintError
from ..explain import display_path
from .common import EXIT_CLEAN, EXIT_FINDINGS, config_option, configure, fail, no_config_option


def _targets(packs: tuple[str, ...], rule_paths: tuple[Path, ...], config_path: Path | None,
             no_config: bool) -> list[tuple[str, list[str], list[Path]]]:
    """(label, style reference or none, loose rule files) for each thing to test."""
    from ..ruleset import DEFAULT_STYLE, available_styles

    targets: list[tuple[str, list[str], list[Path]]] = []
    for pack in packs:
        path = Path(pack)
        is_rules = path.is_file() and not path.name.startswith("pack.") or \
            path.is_dir() and not any((path / n).is_file() for n in ("pack.yml", "pack.yaml"))
        if is_rules:
            targets.append((pack, [], [path]))
        else:
            targets.append((pack, [pack], []))
    if rule_paths:
        targets.append(("--rules", [], list(rule_paths)))
    if not packs and not rule_paths:
        config = configure(config_path, no_config)
        if config.path is not None:
            if config.builtin:  # the configured style (default newsroom) and the configured rules
                targets.append((str(config.path), [config._style_ref() if config.style else DEFAULT_STYLE],
                                list(config.rules)))
            else:
                targets.append((str(config.path), [], list(config.rules)))
        else:
            targets.extend((name, [name], []) for name in available_styles())
    return targets


def _collect(targets):  # noqa: ANN001, ANN202
    """(rule, its rule set) for every rule the targets answer for."""
    from ..ruleset import BUILTIN_RULES_DIR, load_rules
    from ..ruleset.packs import read_manifest, resolve_style
    from ..rule_tests import rules_of_style

    cases = []
    for _label, style, loose in targets:
        if style:
            manifest = resolve_style(style[0], BUILTIN_RULES_DIR).resolve()
            pack = read_manifest(manifest)
            ruleset = load_rules(loose, style=style[0])
            mine = rules_of_style(ruleset, pack.name, str(manifest))
            loose_paths = {str(p) for p in _rule_files(loose)}
            mine += [r for r in ruleset if r.path in loose_paths and r not in mine]
        else:
            ruleset = load_rules(loose, builtin=False)
            mine = list(ruleset)
        cases.extend((rule, ruleset) for rule in mine)
    return cases


def _rule_files(paths: list[Path]) -> list[Path]:
    from ..ruleset.loader import rule_files

    out: list[Path] = []
    for p in paths:
        out.extend(rule_files(p) if p.is_dir() else [p])
    return out


@click.command("test")
@click.argument("packs", nargs=-1, metavar="[PACK|RULES]...")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Also test the rules of this file or directory (repeatable).")
@config_option
@no_config_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the failures and the summary.")
def test_command(packs: tuple[str, ...], rule_paths: tuple[Path, ...], config_path: Path | None,
                 no_config: bool, quiet: bool) -> None:
    """Run the examples of every rule of PACK (a built-in style or a pack
    directory) or of rule files: each bad example must be flagged by its
    rule (exactly at the [[marked]] spans when it marks any), each good one
    must not be, and a {text, fix} example must fix to its 'fix'.

    Without arguments: the configuration's style and rules, or, with no
    configuration, every built-in style.  Exit 0 when every example passes,
    1 when one fails, 2 when the rules cannot be loaded."""
    from ..rule_tests import render_failure, run_tests, summary

    try:
        cases = _collect(_targets(packs, rule_paths, config_path, no_config))
    except CopylintError as exc:
        raise fail(str(exc)) from None
    current: list[str] = []  # the file whose dots are being printed

    def progress(outcome) -> None:  # noqa: ANN001
        if quiet:
            return
        shown = display_path(outcome.path)
        if not current or current[0] != shown:
            if current:
                click.echo()
            current[:] = [shown]
            click.echo(f"{shown} ", nl=False)
        click.echo("." if outcome.passed else "F", nl=False)

    run = run_tests(cases, progress)
    if current:
        click.echo()
    if run.failures:
        click.echo("\n" + " FAILURES ".center(72, "="))
        for outcome in run.failures:
            failure = render_failure(outcome).replace(outcome.path, display_path(outcome.path), 1)
            click.echo(f"{failure}")
    if run.incomplete and not quiet:
        click.echo(f"\nnote: {len(run.incomplete)} rule(s) without both a bad and a good example: "
                   + ", ".join(r.id for r in run.incomplete[:10])
                   + (" …" if len(run.incomplete) > 10 else ""))
    click.echo(f" {summary(run)} ".center(72, "="))
    raise click.exceptions.Exit(EXIT_CLEAN if run.ok else EXIT_FINDINGS)
