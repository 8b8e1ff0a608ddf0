"""Hover: over a finding, what ``copylint explain RULE`` says about its rule
(description, message, source, link and the rule's own examples), as Markdown."""

from __future__ import annotations

from ..explain import Explanation, explain
from ..findings import Finding
from ..ruleset import RuleSet

#: (id of the rule set, rule id) -> rendered explanation.
_cache: dict[tuple[int, str], str] = {}
_CACHE_LIMIT = 512


def explanation_markdown(rule_id: str, rules: RuleSet) -> str | None:
    """The rule's explanation, or None when the rule is not in ``rules`` (a
    finding copylint reports itself, such as a misspelt suppression)."""
    key = (id(rules), rule_id)
    if key not in _cache:
        if rule_id not in rules.by_id:
            return None
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[key] = render(explain(rule_id, rules))
    return _cache[key]


def forget_explanations() -> None:
    """Drop rendered explanations (the rules were reloaded)."""
    _cache.clear()


def render(ex: Explanation) -> str:
    r = ex.rule
    style = f", style {r.pack}" if r.pack else ""
    lines = [f"**{r.id}** ({r.kind}, {r.level}{style})", "", " ".join(r.description.split()), "",
             f"*Message:* {_escape(r.message)}  ", f"*Source:* {_escape(r.source or '(none given)')}"]
    if r.link:
        lines[-1] += "  "
        lines.append(f"*Link:* <{r.link}>")
    for label, examples in (("Flagged", ex.bad), ("Not flagged", ex.good)):
        if examples:
            lines += ["", f"*{label}:*"]
            for example in examples:
                lines.append(f"- {_escape(' ⏎ '.join(example.text.splitlines()))}")
                lines += [f"  - → {_escape(f.message)}" for f in example.findings]
    lines += ["", f"`copylint explain {r.id}` · defined in {r.path}:{r.line}"]
    return "\n".join(lines)


def finding_markdown(finding: Finding, rules: RuleSet | None) -> str:
    """The finding's message, then its rule's explanation."""
    head = f"**copylint** · {finding.level}: {_escape(finding.message)}"
    if finding.fix is not None:
        fix = repr(finding.fix) if finding.fix else "delete it"
        head += f"  \n*Fix ({finding.applicability}):* {_escape(fix)}"
    body = explanation_markdown(finding.rule, rules) if rules is not None else None
    return head if body is None else f"{head}\n\n---\n\n{body}"


def _escape(text: str) -> str:
    """Keep prose from being read as Markdown or HTML markup."""
    out = []
    for char in text:
        if char in "\\`*_{}[]<>#|~":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)
