"""``copylint init``: a commented starter configuration for a desk."""

from __future__ import annotations

from pathlib import Path

import click

from ..config.model import CONFIG_NAMES, load_config
from ..errors import CopylintError, RuleError
from ..ruleset import BUILTIN_RULES_DIR
from ..ruleset.packs import resolve_style
from .common import fail


@click.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--style", default=None, metavar="NAME",
              help="House style pack the desk follows (written as 'style:').")
@click.option("--force", is_flag=True, help="Overwrite an existing .copylint.yaml.")
def init(directory: Path, style: str | None, force: bool) -> None:
    """Write a commented starter .copylint.yaml for a desk in DIRECTORY."""
    import tempfile

    from ..config.starter import starter_config

    target = directory / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise fail(f"{target} already exists (use --force to overwrite)")
    text = starter_config(style)
    trial_style = style
    if style is not None:  # checked first: an unknown style is an option error, nothing is written
        try:
            manifest = resolve_style(style, BUILTIN_RULES_DIR, relative_to=directory)
        except RuleError as exc:
            raise fail(f"--style: {exc.problem}; nothing written") from None
        if manifest.parent.parent.resolve() != BUILTIN_RULES_DIR.resolve():
            trial_style = str(manifest.parent.resolve())  # a pack directory, relative to DIRECTORY
    with tempfile.TemporaryDirectory() as scratch:  # what we write must load, style included
        trial = Path(scratch) / CONFIG_NAMES[0]
        trial.write_text(starter_config(trial_style), encoding="utf-8")
        try:
            load_config(trial).build_rules()
        except CopylintError as exc:  # never cite the scratch file: it is not what the desk gets
            problem = getattr(exc, "problem", None) or str(exc).replace(f"{trial}:", "").strip()
            raise fail(f"--style {style}: {problem}; nothing written") from None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{target}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Wrote {target}. Commit it so the whole desk lints with the same settings.")
