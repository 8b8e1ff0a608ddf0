"""``copylint check --vale-config .vale.ini`` / ``--vale``: what is Vale's in
the command line, the configuration, the files Vale would lint and the
notes about rules it cannot honour.  Linting, fixing, ``--jobs`` and the
output formats are ``check``'s own, on the :class:`~.rules.ValeRuleSet`."""

from __future__ import annotations

from pathlib import Path

import click

from ..config.model import Config
from ..errors import CopylintError
from ..findings import Level
from .project import discover, vale_settings
from .rules import ValeRuleSet, load_vale_rules
from .styles import applied


def vale_setup(paths: tuple[Path, ...], config_path: Path | None, min_level: Level | None,
               fail_level: Level | None,
               inline_config: bool = True) -> tuple[ValeRuleSet, Config, tuple[Path, ...]]:
    """The rule set of the Vale configuration (the nearest one when
    ``config_path`` is None), a copylint configuration that only sets the
    levels (and whether ``copylint-disable`` comments count), and the files to lint: ``paths`` walked as Vale walks them (every
    file a section of the configuration names), ``-`` kept.  A configuration
    that cannot be read is a one-line error (exit 2)."""
    try:
        ruleset = load_vale_rules(config_path)
    except CopylintError as exc:
        click.echo(f"copylint: {exc}", err=True)
        raise click.exceptions.Exit(2) from None
    config = ruleset.config
    for rule_id, reason in ruleset.linter.styles.skipped:
        if applied(config, rule_id):
            click.echo(f"copylint: skipped Vale rule {rule_id}: {reason}", err=True)
    for key in sorted(set(config.unsupported)):
        click.echo(f"copylint: {config.path}: '{key}' is not supported and has no effect", err=True)
    files = [Path(shown) for _full, shown in discover([p for p in paths if str(p) != "-"], config)]
    files += [p for p in paths if str(p) == "-"]
    return ruleset, vale_settings(min_level, fail_level, inline_config), tuple(files)
