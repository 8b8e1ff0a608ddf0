"""One reference page per built-in rule, made from the rule files: what it
checks and why, its source, its settings, its definition, and its own bad and
good examples run through the rule (the findings shown are the ones copylint
gives), plus an index of every rule by style."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..explain import Example, Explanation, explain
from ..findings import Applicability
from ..engine.linting import Report
from ..reporters import REPORTERS, ReportOptions
from ..ruleset.loader import BUILTIN_RULES_DIR
from ..ruleset.model import Rule, RuleSet
from .markdown import cell, cell_code, fenced, quotes_as_code, slug

RULES_DIR = "rules"
#: Rule fields the "Definition" section leaves out (shown in their own section).
_FIELDS_NOT_SHOWN = ("examples",)


@dataclass
class StyleRules:
    """One built-in style: its name, description, rule set and its own rules."""

    name: str
    description: str
    ruleset: RuleSet
    own: list[Rule]


def page_names(styles: Sequence[StyleRules]) -> dict[str, str]:
    """``rule id -> page file name`` (``id.md``; ``id.style.md`` if two
    sibling styles ever define the same id)."""
    counts: dict[str, int] = {}
    for style in styles:
        for rule in style.own:
            counts[rule.id] = counts.get(rule.id, 0) + 1
    names: dict[str, str] = {}
    for style in styles:
        for rule in style.own:
            key = rule.id if counts[rule.id] == 1 else f"{rule.id}@{style.name}"
            names[key] = f"{slug(rule.id)}.md" if counts[rule.id] == 1 else f"{slug(rule.id)}.{style.name}.md"
    return names


def _relative(path: str, root: Path) -> str:
    """A built-in rule file as ``rules/...`` (its place in the repository,
    whether copylint runs from a checkout or an installed wheel)."""
    p, builtin = Path(path).resolve(), BUILTIN_RULES_DIR.resolve()
    if p.is_relative_to(builtin):
        return "rules/" + p.relative_to(builtin).as_posix()
    return p.relative_to(root).as_posix() if p.is_relative_to(root) else p.name


def _source(text: str) -> str:
    """A rule's ``source``: URLs as links, the rest as written."""
    words = []
    for word in text.split():
        bare = word.rstrip(".,;")
        if bare.endswith(")") and bare.count(")") > bare.count("("):
            bare = bare[:-1]
        if bare.startswith(("http://", "https://")):
            words.append(f"<{bare}>{word[len(bare):]}")
        else:
            words.append(word)
    return " ".join(words)


def fix_summary(rule: Rule, explanation: Explanation) -> str:
    fixes = [f for e in explanation.bad for f in e.findings if f.fix is not None]
    if not fixes:
        suggests = any(f.suggestion for e in explanation.bad for f in e.findings)
        return ("none: its findings carry a suggestion for the editor, not a fix" if suggests
                else "none: its findings are for the editor to resolve")
    if rule.fix_applicability == Applicability.SAFE:
        text = "safe: `copylint fix` applies it"
        if any(not f.safe_fix for f in fixes):
            text += " (where the context makes it uncertain, it is unsafe and needs `--unsafe-fixes`)"
        return text
    return "unsafe: applied only with `copylint fix --unsafe-fixes`"


def _findings_text(example: Example) -> str:
    if not example.findings:
        return "(not flagged)"
    report = Report(findings=list(example.findings), files=1)
    return REPORTERS["text"](report, ReportOptions(summary=False)).rstrip("\n")


def _example_block(example: Example) -> str:
    return fenced(f"{example.text}\n\n{_findings_text(example)}")


def _plain(value: Any) -> Any:
    """YAML data as plain dicts and lists (the loader's keep their line numbers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _definition(rule: Rule) -> str:
    shown = {k: _plain(v) for k, v in rule.raw.items() if k not in _FIELDS_NOT_SHOWN}
    return fenced(yaml.safe_dump(shown, sort_keys=False, allow_unicode=True, width=100), "yaml")


def _in_other_styles(rule: Rule, styles: Sequence[StyleRules]) -> list[str]:
    """How each other built-in style that inherits the rule changes it."""
    out = []
    for style in styles:
        if style.name == rule.pack or not any(r.pack == rule.pack for r in style.ruleset):
            continue
        other = style.ruleset.by_id.get(rule.id)
        if other is None:
            out.append(f"- `{style.name}`: switched off (`disable:` in its pack)")
            continue
        changes = []
        if other.level != rule.level:
            changes.append(f"level {other.level}")
        if other.fix_applicability != rule.fix_applicability:
            changes.append(f"fixes {other.fix_applicability}")
        for key in ("message", "scope", "exceptions", "options", "ignorecase", "context_downgrade"):
            if getattr(other, key) != getattr(rule, key):
                changes.append(f"a different `{key.replace('_', '-')}`")
        if changes:
            out.append(f"- `{style.name}`: {', '.join(changes)} (its `pack.yml` overrides the rule)")
    return out


#: Kinds that compare the spellings of one document: a page about such a rule
#: names the spellings it compares, which those rules would flag.
_SPELLING_COMPARISONS = ("consistency", "variants", "person")


def quiet_rules(rule: Rule, ruleset: RuleSet) -> list[str]:
    """The rules a rule's own page switches off for copylint's lint of it: the
    rule itself (its page quotes what it flags) and, for a rule that compares
    spellings, every rule that does."""
    ids = [rule.id]
    if rule.kind in _SPELLING_COMPARISONS:
        ids += [r.id for r in ruleset if r.kind in _SPELLING_COMPARISONS and r.id != rule.id]
    return ids


def rule_page(rule: Rule, explanation: Explanation, styles: Sequence[StyleRules], root: Path,
              ruleset: RuleSet, base_ids: frozenset[str]) -> str:
    """The page of one rule of ``ruleset`` (its style's); ``base_ids`` are the
    rules copylint runs on its own docs, which a suppression comment may name."""
    heirs = [s.name for s in styles if s.name != rule.pack and any(r.pack == rule.pack for r in s.ruleset)]
    style_text = f"`{rule.pack}`" + (f", inherited by {', '.join(f'`{h}`' for h in heirs)}" if heirs else "")
    quiet = [rid for rid in quiet_rules(rule, ruleset) if rid in base_ids]
    out = [f"# {rule.id}", ""] + ([f"<!-- copylint-disable {', '.join(quiet)} -->", ""] if quiet else [])
    out += [quotes_as_code(" ".join(rule.description.split())), ""]
    out += ["| | |", "|---|---|",
            f"| id | `{rule.id}` |",
            f"| style | {style_text} |",
            f"| level | {rule.level} |",
            f"| kind | [`{rule.kind}`](../kinds/{slug(rule.kind)}.md) |",
            f"| scope | {rule.scope} |",
            f"| message | {cell_code(rule.message)} |",
            f"| fix | {fix_summary(rule, explanation)} |",
            f"| in quotations, titles, URLs | "
            f"{'at most a suggestion with no safe fix; not reported in URLs and file names' if rule.context_downgrade else 'reported as everywhere else'} |",
            f"| source | {cell(quotes_as_code(_source(rule.source))) if rule.source else 'none given'} |"]
    if rule.link:
        out.append(f"| more | <{rule.link}> |")
    out.append(f"| defined in | `{_relative(rule.path, root)}`, line {rule.line} |")
    out += ["", "## Examples", "",
            "Each example is the rule's own, run through the rule alone; the findings are "
            "copylint's text output for it (`copylint explain " + rule.id + "` shows the same).", ""]
    if explanation.bad:
        out += ["Flagged:", ""]
        for example in explanation.bad:
            out += [_example_block(example), ""]
    if explanation.good:
        out += ["Not flagged:", ""]
        for example in explanation.good:
            out += [_example_block(example), ""]
    others = _in_other_styles(rule, styles)
    if others:
        out += ["## In other styles", "", *others, ""]
    out += ["## Definition", "", f"As loaded from `{_relative(rule.path, root)}` "
            "(file `defaults:` merged in; examples shown above):", "", _definition(rule), ""]
    return "\n".join(out)


def index_page(styles: Sequence[StyleRules], names: Mapping[str, str]) -> str:
    total = sum(len(s.own) for s in styles)
    out = ["# Built-in rules", "",
           f"The {total} rules that ship with copylint, by the style that defines them. A style "
           "runs its own rules and those of the style it extends; `copylint rules --style NAME` "
           "lists what a style runs. Each page is generated from the rule's YAML file.", ""]
    for style in styles:
        out += [f"## {style.name}", "", style.description, "",
                "| rule | level | kind | message |", "|---|---|---|---|"]
        for rule in sorted(style.own, key=lambda r: r.id):
            out.append(f"| [`{rule.id}`]({names.get(rule.id) or names[rule.id + '@' + style.name]}) | "
                       f"{rule.level} | `{rule.kind}` | {cell_code(rule.message)} |")
        out.append("")
    return "\n".join(out)


def rule_pages(styles: Sequence[StyleRules], root: Path) -> dict[str, str]:
    """``{path under the reference folder: page text}`` for every built-in rule."""
    names = page_names(styles)
    pages = {f"{RULES_DIR}/index.md": index_page(styles, names)}
    # the rules copylint runs on its own docs (the default style): a page's
    # suppression comment names only those, so that it names no unknown rule
    base_ids = frozenset(styles[0].ruleset.by_id) if styles else frozenset()
    for style in styles:
        for rule in style.own:
            name = names.get(rule.id) or names[f"{rule.id}@{style.name}"]
            pages[f"{RULES_DIR}/{name}"] = rule_page(rule, explain(rule.id, style.ruleset), styles, root,
                                                         style.ruleset, base_ids)
    return pages
