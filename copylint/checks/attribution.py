"""``attribution``: how a story says who said what.

``mode: order`` finds an attribution verb followed by an orphaned modifier
that belongs before the speaker: "the army said Ukrainian early on Tuesday"
(a nationality adjective after ``said``, then a time word or punctuation,
where a noun should follow).  The verbs, the modifiers and the words that show
the modifier is orphaned are all lists in the rule.

``mode: loaded`` flags attribution verbs that editorialise (``claimed``,
``admitted``) and suggests the neutral verb from ``swap``; ``not-followed-by``
lists the non-attributive uses to leave alone ("claimed responsibility").
Attribution rewrites are suggestions only: never applied by ``--fix``.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..document import Document
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, anchored_finditer


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


class AttributionCheck(Check):
    kind = "attribution"
    fields = {
        "mode": f.Field(f.choice("order", "loaded"), required=True,
                        doc="'order': orphaned modifier after the verb; 'loaded': loaded verbs"),
        "verbs": f.Field(f.string_list, doc="attribution verbs (mode: order)"),
        "modifiers": f.Field(f.string_list, doc="words that belong before the speaker (mode: order)"),
        "followers": f.Field(f.string_list, default=[],
                             doc="words after the modifier that show it is orphaned (mode: order)"),
        "swap": f.Field(f.string_map, doc="loaded verb -> neutral verb (mode: loaded)"),
        "not-followed-by": f.Field(f.string_list, default=[],
                                   doc="next words that make the verb non-attributive (mode: loaded)"),
        "not-preceded-by": f.Field(f.string_list, default=[],
                                   doc="previous words that make it non-attributive (mode: loaded)"),
    }

    @classmethod
    def validate(cls, options: dict) -> None:
        if options["mode"] == "order":
            for name in ("verbs", "modifiers"):
                if not options.get(name):
                    raise ValueError(f"{name}: required when mode is 'order'")
        elif not options.get("swap"):
            raise ValueError("swap: required when mode is 'loaded'")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.compiled = []
        for rule in rules:
            flags = re.IGNORECASE if rule.ignorecase else 0
            o = rule.options
            if o["mode"] == "order":
                followers = _words(o.get("followers") or [])
                end = r"[ \t]*[.;:]" + (rf"|\s+(?:{followers})(?!\w)" if followers else "")
                pattern = re.compile(
                    rf"(?<!\w)({_words(o['verbs'])})\s+({_words(o['modifiers'])})(?=({end}))", flags
                )
            else:
                not_followed = _words(o.get("not-followed-by") or [])
                guard = rf"(?!\s+(?:{not_followed})(?!\w))" if not_followed else ""
                before = "".join(rf"(?<!(?<!\w){re.escape(w)}\s)" for w in o.get("not-preceded-by") or [])
                pattern = re.compile(rf"{before}(?<!\w)({_words(list(o['swap']))})(?!\w){guard}", flags)
            # Every match starts at a verb: find the verbs with a fast literal scan
            # (of the lower-cased text when the rule ignores case), then try the
            # full pattern, whose look-behinds would be slow to try everywhere.
            anchor = None
            if o["mode"] == "loaded":
                verbs = [v.lower() for v in o["swap"]] if rule.ignorecase else list(o["swap"])
                anchor = re.compile(_words(verbs))
            self.compiled.append((rule, pattern, anchor))

    def run(self, doc: Document) -> Iterable[Hit]:
        for rule, pattern, anchor in self.compiled:
            if anchor is not None and (not rule.ignorecase or doc.lower_prose is not None):
                matches = anchored_finditer(pattern, anchor, doc.prose,
                                            doc.lower_prose if rule.ignorecase else None)
            else:
                matches = pattern.finditer(doc.prose)
            if rule.options["mode"] == "order":
                for m in matches:
                    # the follower (group 3, a look-ahead) must be in the same block too
                    if doc.same_block(m.start(), m.end(3)):
                        yield Hit(rule, m.start(2), m.end(2), (m.group(2), m.group(1)),
                                  f"move '{m.group(2)}' before the speaker")
            else:
                swap = {k.lower(): v for k, v in rule.options["swap"].items()}
                for m in matches:
                    neutral = swap.get(m.group(1).lower(), "said")
                    yield Hit(rule, m.start(1), m.end(1), (m.group(1), neutral), neutral)
