"""``copylint lsp``: a Language Server Protocol server over standard input and
output, so a draft is checked as it is typed in any editor that speaks LSP.

Modules: :mod:`.positions` (code points <-> the client's position encoding),
:mod:`.configuration` (the configuration of each workspace folder and the
client's settings), :mod:`.diagnostics` (findings as diagnostics),
:mod:`.actions` (fixes and suppressions as edits), :mod:`.hover` (a rule's
explanation) and :mod:`.server` (the protocol, on pygls).  Needs the ``lsp``
extra: ``pip install 'copylint[lsp]'``."""

from __future__ import annotations

MISSING = ("the language server needs pygls and lsprotocol: "
           "pip install 'copylint[lsp]'")


def available() -> bool:
    """Whether the optional libraries the server is built on are installed."""
    from importlib.util import find_spec

    return find_spec("pygls") is not None and find_spec("lsprotocol") is not None
