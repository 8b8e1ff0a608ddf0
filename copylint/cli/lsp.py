"""``copylint lsp``: the language server for editors (stdio)."""

from __future__ import annotations

import click

from .common import fail


@click.command()
@click.option("--stdio", is_flag=True, hidden=True,
              help="Talk over standard input and output (the default and only transport; "
                   "accepted because some editors pass it).")
def lsp(stdio: bool) -> None:
    """Run the language server over standard input and output (for editors).

    Diagnostics as you type, quick fixes, "disable on this line" and rule
    explanations on hover; settings come from the workspace folder's
    .copylint.yaml or pyproject.toml.  Needs: pip install 'copylint[lsp]'."""
    from ..lsp import MISSING, available

    if not available():
        raise fail(MISSING)
    from ..lsp.server import serve_stdio

    serve_stdio()
