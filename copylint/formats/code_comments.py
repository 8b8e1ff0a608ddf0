"""Source code -> the prose in its comments, as scoped blocks
(``text.comment.line.py``, ``text.comment.block.c``…), each mapped back to
its offsets in the file: what Vale lints in a source file."""

from __future__ import annotations

import re

from .blocks import Block

LINE_COMMENT = {".py": "#", ".rb": "#", ".sh": "#", ".pl": "#", ".r": "#", ".yml": "#", ".yaml": "#",
                ".c": "//", ".cc": "//", ".cpp": "//", ".h": "//", ".hpp": "//", ".go": "//", ".js": "//",
                ".ts": "//", ".java": "//", ".cs": "//", ".swift": "//", ".rs": "//", ".kt": "//",
                ".scala": "//", ".php": "//", ".css": None, ".less": "//", ".scss": "//"}
BLOCK_COMMENT = {".c", ".cc", ".cpp", ".h", ".hpp", ".go", ".js", ".ts", ".java", ".cs", ".swift",
                 ".rs", ".kt", ".scala", ".php", ".css", ".less", ".scss"}


def code_comment_blocks(content: str, ext: str) -> list[Block]:
    """Comments of a source file as ``text.comment.line``/``block`` blocks."""
    blocks: list[Block] = []
    marker = LINE_COMMENT.get(ext)
    if marker:
        for m in re.finditer(rf"(?m){re.escape(marker)}+[ \t]?(.*)$", content):
            if ext in (".py", ".rb", ".sh") and m.start() > 0 and content[m.start() - 1] not in " \t\n":
                continue
            body = m.group(1)
            if body.strip():
                start = m.start(1)
                blocks.append(Block(body, "text.comment.line" + ext, list(range(start, start + len(body)))))
    if ext in BLOCK_COMMENT:
        for m in re.finditer(r"/\*+(.*?)\*/", content, re.S):
            body = m.group(1)
            if body.strip():
                start = m.start(1)
                blocks.append(Block(body, "text.comment.block" + ext, list(range(start, start + len(body)))))
    if ext == ".py":
        for m in re.finditer(r'(?s)("""|\'\'\')(.*?)\1', content):
            body = m.group(2)
            if body.strip():
                start = m.start(2)
                blocks.append(Block(body, "text.comment.block" + ext, list(range(start, start + len(body)))))
    blocks.sort(key=lambda b: b.source_map[0] if b.source_map else 0)
    return blocks
