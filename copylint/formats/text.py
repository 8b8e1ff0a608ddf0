"""Plain text: everything is prose except inline-configuration comments.

A plain-text file can carry the same ``<!-- copylint-disable … -->`` comments
as Markdown, or a line of its own starting with ``#`` (``# copylint-disable
places.kyiv``), the form yamllint and ruff users know.  Only comments whose
text starts with ``copylint`` are taken out of the prose: a wire story has
no other comments.
"""

from __future__ import annotations

import re

from ..document.model import Document
from .prose import ProseBuilder

DIRECTIVE_COMMENT = re.compile(r"<!--[ \t]*(copylint[^\r\n]*?)[ \t]*-->")
DIRECTIVE_LINE = re.compile(r"^[ \t]*#[ \t]*(copylint[^\r\n]*?)[ \t]*$", re.MULTILINE)


def read_text(text: str, path: str, inline_config: bool = True) -> Document:
    if "copylint" not in text:
        return Document(text, path=path)
    builder = ProseBuilder(text, blank=False)
    for pattern in (DIRECTIVE_COMMENT, DIRECTIVE_LINE):
        for m in pattern.finditer(text):
            builder.blank(m.start(), m.end())
            builder.add_comment(m.start(), m.end(), m.group(1))
    return builder.document(path, inline_config, blank_line_blocks=True)
