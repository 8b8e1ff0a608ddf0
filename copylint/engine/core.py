"""The engine: runs a rule set's compiled checks over a document and turns
their hits into positioned findings.

There is one engine for every rule set.  copylint's own rules go to the
check of their ``kind``; rules that match block by block as Vale's do (they
have a ``matching``: rules translated from Vale styles) go to the
``scoped`` kind (:class:`copylint.checks.scoped_rules.ScopedCheck`), which
takes Vale's matching and policy from the rule set's front end
(``RuleSet.scoped_front``, a :class:`~copylint.checks.scoped_rules.ScopedFront`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Collection, Iterable

from ..checks import KINDS, Check, Hit, RuleTimeout
from ..checks.fastscan import TriggerSet, literal_trigger
from ..checks.terms import TermMatcher
from ..document.model import OPAQUE, Document
from ..findings import Applicability, Finding, Level
from ..patterns import re2_exact
from ..patterns.budget import REGEX_TIMEOUT, begin_document
from ..patterns.lazy import LazyRegex, compile_lazy_patterns
from ..ruleset.model import Rule
from .suppression import apply_suppressions

if TYPE_CHECKING:
    from ..checks.scoped_rules import ScopedFront

TIMEOUT_RULE_MESSAGE = "rule '{id}' timed out on this document and was skipped; simplify its pattern"


class Engine:
    """Compiled once per rule set, then reused for every document."""

    def __init__(self, rules: list[Rule], known_ids: Collection[str] | None = None,
                 regex_timeout: float = REGEX_TIMEOUT, scoped_front: "ScopedFront | None" = None) -> None:
        #: Every rule id a suppression comment may name (also rules not selected).
        self.known_ids = frozenset(known_ids) if known_ids is not None else frozenset(r.id for r in rules)
        by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            by_kind.setdefault(_kind_of(rule), []).append(rule)
        self.regex_timeout = regex_timeout
        self._rules = rules
        #: the rule set's front end for its scoped rules (None: it has none)
        self.scoped_front = scoped_front
        self.checks: list[Check] = [self._check(KINDS[kind], group) for kind, group in by_kind.items()]
        #: per check: does it report rules it skipped (a kind that overrides
        #: ``Check.skipped``)?  Asked of the others on no document.
        self._reports_skips = [type(check).skipped is not Check.skipped for check in self.checks]
        # one C-speed pass per document decides which checks can skip it (each
        # trigger is bound to this set, which it asks about a document)
        self._triggers = TriggerSet(t for check in self.checks for t in check.triggers())
        self._exceptions = _exception_patterns([r for r in rules if _kind_of(r) != SCOPED])
        self._translate_patterns()

    def _check(self, kind: type[Check], rules: list[Rule]) -> Check:
        check = kind(rules)
        check.regex_timeout = self.regex_timeout
        check.see_rules(self._rules)
        check.see_front(self.scoped_front)
        return check

    def _visit(self, act: Callable[[object], None]) -> None:
        """Call ``act`` on every pattern and word list the checks hold."""
        def visit(value: object, depth: int) -> None:
            if isinstance(value, (TermMatcher, LazyRegex)):
                act(value)
            elif depth < 3 and isinstance(value, (list, tuple, dict)):
                for item in value.values() if isinstance(value, dict) else value:
                    visit(item, depth + 1)

        for check in self.checks:
            for value in vars(check).values():
                visit(value, 0)
        for exception in self._exceptions.values():
            act(exception.lazy)

    def _translate_patterns(self) -> None:
        """Derive now (while the rule cache records what building used) which
        rule authors' patterns RE2 runs: the next run reads it from the cache."""
        def translate(value: object) -> None:
            if isinstance(value, LazyRegex) and re2_exact.enabled():
                re2_exact.translate(value.pattern, value.ignorecase)

        self._visit(translate)

    def compile_all(self) -> None:
        """Compile now what is otherwise compiled when a document first needs
        it (word-list tries, rule authors' regexes): before forking worker
        processes, which then share it, or before a benchmark's clock."""
        def compile_one(value: object) -> None:
            if isinstance(value, TermMatcher):
                value.warm()
            elif isinstance(value, LazyRegex):
                value.compiled  # noqa: B018
                value.linear  # noqa: B018

        self._visit(compile_one)
        compile_lazy_patterns()  # the checks' own patterns

    def lint(self, doc: Document) -> list[Finding]:
        """The findings in ``doc``, sorted.

        The hits of a check that places them itself (``Check.placed``: the
        ``scoped`` kind, Vale's rules) skip the steps that would change what
        Vale reports: the ``scope`` filter (a Vale rule's scopes are blocks,
        already applied), the markup filters (Vale's blocks have no blanked
        markup in them; its placement is the source as written), a rule's
        ``exceptions`` (Vale's are applied in the match), the context
        downgrade (Vale has no such step) and the merging of two rules'
        findings on one span (Vale reports each rule; it already keeps one
        alert per rule and place).  Their fixes still pass
        :func:`fix_stays_in_prose`: a fix never rewrites a byte that is not
        prose.  Suppression comments (``copylint-disable``) apply to every
        finding."""
        begin_document()  # every rule's regex time budget starts again
        findings: list[Finding] = []
        placed: list[Finding] = []
        exempt_cache: dict[str, list[tuple[int, int]] | None] = {}
        for check, reports_skips in zip(self.checks, self._reports_skips):
            try:
                hits = list(check.run(doc))
            except RuleTimeout as timeout:
                findings.append(self._timeout(doc, timeout.rule))
                hits = self._run_without(check, doc, timeout.rule, findings)
            if reports_skips:
                findings += [self._timeout(doc, rule) for rule in check.skipped(doc)]
            if not hits:
                continue
            if check.placed:
                placed += [self._finding(doc, hit) for hit in hits]
                continue
            for hit in hits:
                if not _in_scope(doc, hit) or _only_markup(doc, hit) or _markup_gap(doc, hit):
                    continue
                if hit.rule.id in self._exceptions:
                    fresh = hit.rule.id not in exempt_cache
                    exempt = self._exempt(doc, hit, exempt_cache)
                    if exempt is None and fresh:  # exceptions timed out: skip the rule
                        findings.append(self._timeout(doc, hit.rule))
                    if exempt is not False:
                        continue
                finding: Finding | None = self._finding(doc, hit)
                if hit.rule.context_downgrade:  # quotations, titles, file names
                    from .fixcontext import downgrade

                    finding = downgrade(doc, finding)
                if finding is not None:
                    findings.append(finding)
        kept = _dedupe(findings)
        if placed:
            kept = sorted(kept + placed, key=Finding.sort_key)
        kept = apply_suppressions(doc, kept, self.known_ids)
        if self.scoped_front is not None:  # the path as the front end shows it (stdin.txt)
            shown = self.scoped_front.shown_name(doc)
            if shown != doc.path:
                kept = [replace(f, path=shown) for f in kept]
        return kept

    def _run_without(self, check: Check, doc: Document, bad: Rule, findings: list[Finding]) -> list[Hit]:
        """Re-run a check without the rule that timed out (and any later ones)."""
        remaining = [r for r in check.rules if r is not bad]
        if not remaining:
            return []
        retry = self._check(type(check), remaining)
        try:
            return list(retry.run(doc))
        except RuleTimeout as timeout:
            findings.append(self._timeout(doc, timeout.rule))
            return self._run_without(retry, doc, timeout.rule, findings)

    def _exempt(self, doc: Document, hit: Hit,
                cache: dict[str, list[tuple[int, int]] | None]) -> bool | None:
        """True when the hit lies inside one of its rule's exceptions; None
        when the exceptions timed out (the rule is then skipped for the
        document, as when its own pattern times out)."""
        if hit.rule.id not in cache:
            pattern = self._exceptions[hit.rule.id]
            if pattern.trigger is not None and pattern.trigger.absent(doc):
                cache[hit.rule.id] = []
                return False
            try:
                cache[hit.rule.id] = [m.span() for m in pattern.finditer(
                    doc.prose, timeout=self.regex_timeout)]
            except TimeoutError:
                cache[hit.rule.id] = None
        spans = cache[hit.rule.id]
        if spans is None:
            return None
        return any(s <= hit.start and hit.end <= e for s, e in spans)

    @staticmethod
    def _finding(doc: Document, hit: Hit) -> Finding:
        line, column = doc.position(hit.start)
        end_line, end_column = doc.position(hit.end)
        match = doc.text[hit.start:hit.end]
        fix = hit.fix if hit.fix is None or fix_stays_in_prose(doc, hit.start, hit.end) else None
        if fix is None and hit.fix is not None:
            doc.memo[DROPPED_FIXES] = doc.memo.get(DROPPED_FIXES, 0) + 1  # type: ignore[operator]
        rule = hit.rule
        message = hit.message
        if message is None:
            message = rule.format_message(*hit.args, match=match, suggestion=hit.suggestion, other=hit.other)
        return Finding(
            rule=rule.id,
            level=rule.level if hit.level is None else hit.level,
            message=message,
            offset=hit.start,
            end_offset=hit.end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            match=match,
            suggestion=hit.suggestion,
            fix=fix,
            path=doc.path,
            applicability=hit.applicability or rule.fix_applicability,
            link=rule.link,
            context=doc.line_text(line),
        )

    @staticmethod
    def _timeout(doc: Document, rule: Rule) -> Finding:
        return Finding(rule=rule.id, level=Level.WARNING,
                       message=TIMEOUT_RULE_MESSAGE.format(id=rule.id), offset=0, end_offset=0,
                       line=1, column=1, end_line=1, end_column=1, match="", path=doc.path)


class _ExceptionPattern:
    """A rule's exceptions as one pattern, compiled on the rule's first hit
    (most rules never hit most documents: start-up need not compile them)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        #: run by RE2 where it can, else by ``regex`` with the rule's timeout
        self.lazy = LazyRegex(pattern, False)
        #: what every exception contains (a document without it has none)
        self.trigger = literal_trigger(pattern, False)

    def finditer(self, text: str, *args: object, **kwargs: object):  # noqa: ANN201
        return self.lazy.finditer(text, *args, **kwargs)


#: ``doc.memo`` key: how many fixes :func:`fix_stays_in_prose` dropped.
DROPPED_FIXES = "dropped-fixes"


def fix_stays_in_prose(doc: Document, start: int, end: int) -> bool:
    """May a fix rewrite ``start..end``?  Only when every character of it is
    prose exactly as written: never a byte of a shortcode, a Liquid tag, an
    HTML tag or attribute, a URL, a file name, front matter, code, an entity
    or blanked markup (the reader blanks all of them).  An insertion
    (``start == end``) must not fall inside such a construct."""
    prose, text = doc.prose, doc.text
    if doc.protected and any(a < max(end, start + 1) and start < b for a, b in doc.protected):
        return False  # read as prose but not the writer's to rewrite (alt/title attributes)
    if start < end:
        return prose[start:end] == text[start:end]
    inside_before = start > 0 and prose[start - 1] != text[start - 1]
    inside_after = start < len(text) and prose[start] != text[start]
    return not (inside_before and inside_after)


#: The kind of the rules that match block by block (Vale's).
SCOPED = "scoped"


def _kind_of(rule: Rule) -> str:
    """The check a rule goes to: ``scoped`` for a rule with a ``matching``
    (translated from a Vale style), else its own ``kind``."""
    return SCOPED if getattr(rule, "matching", None) is not None else rule.kind


def _in_scope(doc: Document, hit: Hit) -> bool:
    """A rule sees one unit of its ``scope`` at a time: a hit must lie inside a
    single sentence, paragraph (block) or heading; ``document`` sees all."""
    scope = hit.rule.scope
    return scope == "document" or doc.in_scope(scope, hit.start, hit.end)


def _only_markup(doc: Document, hit: Hit) -> bool:
    """A hit on blanked markup alone (the gap a link's ``](url)`` leaves before
    a full stop) is about the format reader's blanks, not the writer's text."""
    if hit.end <= hit.start:
        return False
    prose = doc.prose[hit.start:hit.end]
    if prose.replace(OPAQUE, " ").strip():
        return False
    return bool(doc.text[hit.start:hit.end].strip())


def _markup_gap(doc: Document, hit: Hit) -> bool:
    """A hit whose every blank is blanked markup (``**bold**.`` read as
    ``bold  .``, ``, <code>x</code>,`` or ``{{ x }}``) is about the blank
    that replaced the markup, not a space the writer typed."""
    if hit.end <= hit.start or doc.prose is doc.text:
        return False
    prose, text = doc.prose, doc.text
    gap = False
    for k in range(hit.start, hit.end):
        if prose[k].isspace():
            if text[k].isspace() or prose[k] != " ":
                return False  # a blank the writer typed (or a decoded &nbsp;)
            gap = True
    return gap


def _exception_patterns(rules: list[Rule]) -> dict[str, _ExceptionPattern]:
    """One pattern per rule that has exceptions (own or borrowed)."""
    return {rule.id: _ExceptionPattern("|".join(pieces))
            for rule in rules if (pieces := rule.exception_patterns())}


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Report one thing once: the same rule on the same span, or two rules
    proposing the same fix for the same span (keep the more severe; the fix
    is safe when either rule says so)."""
    best: dict[tuple, Finding] = {}
    for finding in findings:
        key: tuple = (finding.offset, finding.end_offset)
        key += ("fix", finding.fix) if finding.fix is not None else ("rule", finding.rule)
        kept = best.get(key)
        if kept is not None and kept.safe_fix != finding.safe_fix and finding.fix is not None:
            finding, kept = (replace(f, applicability=Applicability.SAFE) for f in (finding, kept))
        if kept is None or finding.level > kept.level:
            best[key] = finding
        elif kept is not best[key]:
            best[key] = kept
    return sorted(best.values(), key=Finding.sort_key)
