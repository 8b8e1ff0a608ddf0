"""``copylint init``: a commented starter configuration for a desk."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import CONFIG_NAMES, load_config
from ..errors import CopylintError
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

    from ..starter import starter_config

    target = directory / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise fail(f"{target} already exists (use --force to overwrite)")
    text = starter_config(style)
    with tempfile.TemporaryDirectory() as scratch:  # what we write must load, style included
        trial = Path(scratch) / CONFIG_NAMES[0]
        trial.write_text(text, encoding="utf-8")
        try:
            load_config(trial).build_rules()
        except CopylintError as exc:
            raise fail(str(exc).replace(str(trial), str(target))) from None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{target}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"Wrote {target}. Commit it so the whole desk lints with the same settings.")
