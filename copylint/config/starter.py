"""The starter configuration ``copylint init`` writes: every key, commented."""

from __future__ import annotations

_TEMPLATE = """\
# copylint configuration for this content repository.
# Commit this file: everyone who runs copylint in this folder (or below it)
# gets the same settings.  Paths and globs are relative to this file.
# Command-line flags override these settings for one run.

# House style pack the desk follows (see Rules in the copylint README).
{style_line}

# Load copylint's built-in newsroom rules.
builtin-rules: true

# The desk's own rule files or folders of YAML rules.
rules: []
#   - house-rules/

# Only run these rules (ids or globs); empty means every rule.
select: []
# Never run these rules (ids or globs).
ignore: []
#   - attribution.loaded-verb

# Change a rule's level: error, warning or suggestion.
levels: {{}}
#   places.*: error

# Report findings at this level and above; exit 1 at fail-level and above.
min-level: suggestion
fail-level: error

# Files linted when a folder is walked (files named on the command line are
# always linted).  Globs use .gitignore syntax.
extensions: [.txt, .md, .markdown, .html, .htm]
include: []
exclude: []
#   - drafts/archive/
respect-gitignore: true

# Switch rules off for some paths, e.g. transcripts that keep the speaker's words.
per-path-ignores: {{}}
#   quotes/:
#     - repetition.*
#     - attribution.*

# Honour <!-- copylint-disable rule-id --> comments in the documents.
inline-config: true
"""


def starter_config(style: str | None = None) -> str:
    style_line = f"style: {style}" if style else "# style: <name>"
    return _TEMPLATE.format(style_line=style_line)
