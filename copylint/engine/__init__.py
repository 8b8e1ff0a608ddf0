"""Running rules over a document: the engine (``core``), inline suppression
comments (``suppression``), context downgrades of fixes (``fixcontext``), the
linting layer that builds an engine from a rule set (``linting``) and worker
processes for ``--jobs`` (``parallel``).

``from copylint.engine import Engine`` is the public spelling; modules of this
package import from ``.core`` directly.
"""

from .core import DROPPED_FIXES, TIMEOUT_RULE_MESSAGE, Engine, fix_stays_in_prose

__all__ = ["DROPPED_FIXES", "TIMEOUT_RULE_MESSAGE", "Engine", "fix_stays_in_prose"]
