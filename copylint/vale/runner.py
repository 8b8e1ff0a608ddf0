"""Lint files the way Vale does, with rules loaded from Vale styles.

For each file: the configuration's sections decide its styles and rule
switches; the file is split into scoped blocks (:mod:`.markup` for Markdown,
MDX and HTML; code comments for source files; the whole text for ``.txt``),
plus a ``raw`` block (the file as it is) and a ``summary`` block (its prose,
for metrics).  Each rule runs on the blocks its scope selects, with Vale's
own matching semantics, and each alert is placed at the source line and
column of its first character.  ``<!-- vale off -->``, ``<!-- vale
Style.Rule = NO -->``, ``<!-- vale Style = NO -->``, ``<!-- vale
Style.Rule["match"] = NO -->`` and ``<!-- vale style = A, B -->`` are honoured
as Vale honours them.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ..checks import KINDS
from ..checks.capitalization import exception_regex
from ..patterns.budget import RuleTimeout, begin_document
from ..checks.spelling import Speller, read_word_list
from ..engine import TIMEOUT_RULE_MESSAGE
from ..findings import Level
from ..ruleset.model import Rule
from ..sentences import split_sentences
from .config import ValeConfig
from ..patterns.requirement import Requirement, required_strings
from ..patterns.screen import Screen, relaxed_pattern
from ..patterns.shape import is_linear, stays_in_paragraph
from .markup import (
    Block,
    Walker,
    blank,
    html_events,
    markdown_events,
    strip_front_matter,
)
from .org import org_events
from .prefilter import TokenFilter
from .scopes import matches, wants
from .styles import Styles, load_styles

MARKDOWN_EXTS = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
MDX_EXTS = {".mdx"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
TEXT_EXTS = {".txt", ".text"}
LINE_COMMENT = {".py": "#", ".rb": "#", ".sh": "#", ".pl": "#", ".r": "#", ".yml": "#", ".yaml": "#",
                ".c": "//", ".cc": "//", ".cpp": "//", ".h": "//", ".hpp": "//", ".go": "//", ".js": "//",
                ".ts": "//", ".java": "//", ".cs": "//", ".swift": "//", ".rs": "//", ".kt": "//",
                ".scala": "//", ".php": "//", ".css": None, ".less": "//", ".scss": "//"}
BLOCK_COMMENT = {".c", ".cc", ".cpp", ".h", ".hpp", ".go", ".js", ".ts", ".java", ".cs", ".swift",
                 ".rs", ".kt", ".scala", ".php", ".css", ".less", ".scss"}
#: Formats Vale hands to external tools (asciidoctor, rst2html, xsltproc…).
UNSUPPORTED_EXTS = {".adoc", ".asciidoc", ".asc", ".rst", ".rest", ".dita", ".xml", ".tex"}
ORG_EXTS = {".org"}

_CONTROL = re.compile(r"^vale (.+\..+|[^.]+) = (YES|NO|on|off)$")
_CONTROL_MATCH = re.compile(r"^vale (.+\..+)(\[.+\]) = (YES|NO)$")
_STYLES = re.compile(r"^vale styles? = (.*)$")
_MDX_COMMENT = re.compile(r"\{/\*(.*?)\*/\}", re.S)
_DISPLAY_MATH = re.compile(r"(?ms)^[ \t]*\$\$.*?\$\$[ \t]*$")


Marks = list[tuple[int, dict[str, bool]]]
#: Seconds one call of a rule author's regex may take on one block; a rule
#: that runs out of time is skipped for that file with a note.
REGEX_TIMEOUT = 2.0


@dataclass(frozen=True)
class ValeAlert:
    path: str
    line: int
    column: int
    check: str
    message: str
    level: Level
    match: str

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.check, self.message)


class UnsupportedFormat(Exception):
    pass


_VERB = re.compile(r"%[%sdvq]")


@lru_cache(maxsize=1024)
def _message_parts(message: str) -> tuple[str, ...]:
    """A message split into literal text (even indexes) and verbs (odd: ``s``,
    ``d``, ``v`` or ``q``); ``%%`` is literal text."""
    parts: list[str] = []
    literal: list[str] = []
    last = 0
    for m in _VERB.finditer(message):
        literal.append(message[last:m.start()])
        if m.group() == "%%":
            literal.append("%")
        else:
            parts += ["".join(literal), m.group()[1]]
            literal = []
        last = m.end()
    literal.append(message[last:])
    parts.append("".join(literal))
    return tuple(parts)


def go_format(message: str, *args: str) -> str:
    """Go's ``fmt.Sprintf`` for Vale messages: ``%s``/``%d``/``%v`` filled in
    order, extra arguments ignored, ``%%`` a percent sign."""
    parts = _message_parts(message)
    if len(parts) == 1:
        return parts[0].replace("\n", " ")
    out: list[str] = []
    for index, part in enumerate(parts):
        if not index % 2:
            out.append(part)
        elif index // 2 < len(args):
            value = args[index // 2]
            out.append(f'"{value}"' if part == "q" else value)
        else:
            out.append(f"%!{part}(MISSING)")
    return "".join(out).replace("\n", " ")


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_phrase(text: str) -> bool:
    return all(ch.isalpha() or ch.isdigit() or ch in " -" for ch in text)


def to_sentence(words: list[str], joiner: str) -> str:
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {joiner} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{joiner} {quoted[-1]}"
    return ", ".join(quoted)


def match_token(expected: str, observed: str) -> bool:
    if is_phrase(expected):
        return expected == observed
    try:
        return regex.fullmatch(f"(?:{expected})", observed) is not None
    except regex.error:
        return expected == observed


def options_of(expected: str) -> list[str]:
    return [o.replace("PIPE", "|") for o in expected.replace("\\|", "PIPE").split("|") if o]


def phrase_regex(terms: list[str], ignorecase: bool = True) -> "regex.Pattern[str] | None":
    phrases = [t for t in terms if " " in t or "\t" in t or "\\s" in t]
    if not phrases:
        return None
    try:
        return regex.compile(("(?i)" if ignorecase else "") + r"\b(?:" + "|".join(phrases) + r")\b")
    except regex.error:
        return None


@dataclass
class FileState:
    comments: dict[str, bool]
    base_styles: list[str]
    switches: dict[str, str]
    state: dict[Any, Any]


class ValeLinter:
    """Compiled once per configuration, then used for every file."""

    def __init__(self, config: ValeConfig, styles: Styles | None = None, shortcuts: bool = True) -> None:
        """``shortcuts=False`` runs every rule on every block its scope selects,
        without the prefilters that skip rules which cannot match (for tests:
        the alerts must be the same either way)."""
        self.config = config
        self.styles = styles if styles is not None else load_styles(config)
        self.rules = self.styles.rules
        self.min_level = Level.parse(config.min_level)
        self._checks: dict[str, Any] = {}
        #: notes for the user (a rule that timed out on a file), taken by the caller
        self.notes: list[str] = []
        self._except: dict[str, Any] = {}
        self._phrases: dict[str, Any] = {}
        #: what every match of a rule's regex contains (None: unknown), and
        #: the same for each step of a consistency rule
        self._requires: dict[str, Requirement | None] = {}
        self._step_requires: dict[str, list[Requirement | None]] = {}
        self._linear: dict[str, bool] = {}
        self._setups: dict[tuple, tuple[list[Rule], bool, bool, dict]] = {}
        #: rules whose matches in a text block are exactly their matches in
        #: its paragraphs (so a text block whose paragraphs they have been
        #: run on gives them nothing new)
        self._local: set[str] = set()
        self.shortcuts = shortcuts
        accepted = self.styles.accepted
        for rule in self.rules:
            vale = rule.vale or {}
            if shortcuts and vale.get("extends") in ("existence", "substitution") and "pattern" in vale:
                self._requires[rule.id] = required_strings(vale["pattern"].pattern)
            if shortcuts and vale.get("extends") == "repetition" and "pattern" in vale:
                self._linear[rule.id] = is_linear(vale["pattern"].pattern)
            if shortcuts and vale.get("extends") == "consistency":
                self._step_requires[rule.id] = [required_strings(step[0].pattern) for step in vale["steps"]]
            vocab_terms = accepted if vale.get("vocab", True) else []
            if rule.kind == "existence" and vale.get("nonword"):
                vocab_terms = []
            if rule.kind == "spelling":
                terms = [t if t.startswith("\\b") or t.endswith("\\b") else rf"\b{t}\b" for t in accepted]
                self._except[rule.id] = _compile_any(["(?i)" + "|".join(terms)] if terms else [])
                self._phrases[rule.id] = phrase_regex(accepted)
            else:
                self._except[rule.id] = exception_regex(list(vale.get("exceptions", [])) + list(vocab_terms))
                self._phrases[rule.id] = phrase_regex(list(vale.get("exceptions", [])) + list(vocab_terms),
                                                      ignorecase=False)
            if shortcuts and vale.get("extends") in ("existence", "substitution") and "pattern" in vale \
                    and stays_in_paragraph(vale["pattern"].pattern) and (
                        self._phrases.get(rule.id) is None
                        or stays_in_paragraph(self._phrases[rule.id].pattern)):
                self._local.add(rule.id)
            if rule.kind in ("occurrence", "conditional", "capitalization", "metric", "spelling"):
                if rule.kind == "capitalization" and vocab_terms:
                    rule.exceptions = list(rule.exceptions) + [t for t in vocab_terms if _valid(t)]
                check = KINDS[rule.kind]([rule])
                check.regex_timeout = REGEX_TIMEOUT
                if rule.kind == "spelling":
                    words: list[str] = []
                    for file in rule.options.get("ignore") or []:
                        words += read_word_list(file)
                    check.spellers[rule.id] = Speller(vale.get("dictionary_bases", []), words).bound(rule, check)
                self._checks[rule.id] = check
        # every rule's relaxed pattern, searched in one RE2 pass per block
        relaxed: list[str] = []
        self._member: dict[str, int] = {}
        self._step_member: dict[str, list[int | None]] = {}
        for rule in self.rules if shortcuts else []:
            vale = rule.vale or {}
            if vale.get("extends") in ("existence", "substitution") and "pattern" in vale \
                    and "filter" not in vale:  # word lists have their own index
                pattern = relaxed_pattern(vale["pattern"].pattern)
                if pattern is not None:
                    self._member[rule.id] = len(relaxed)
                    relaxed.append(pattern)
            elif vale.get("extends") == "consistency":
                members: list[int | None] = []
                for step in vale["steps"]:
                    pattern = relaxed_pattern(step[0].pattern)
                    members.append(len(relaxed) if pattern is not None else None)
                    if pattern is not None:
                        relaxed.append(pattern)
                self._step_member[rule.id] = members
        self._screen = Screen(relaxed)

    # -- which rules run ---------------------------------------------------
    def _level(self, rule: Rule, fs: FileState) -> Level:
        switch = fs.switches.get(rule.id) or self.config.global_rules.get(rule.id)
        if switch and switch not in ("YES", "NO"):
            return Level.parse(switch)
        return rule.level

    def _enabled(self, rule: Rule, fs: FileState) -> bool:
        switch = fs.switches.get(rule.id)
        if switch is None:
            switch = self.config.global_rules.get(rule.id)
        if switch == "NO":
            return False
        if switch is not None:
            return True
        return rule.id.split(".", 1)[0] in fs.base_styles

    @staticmethod
    def _disabled_by_comment(name: str, comments: dict[str, bool]) -> bool:
        if comments.get("off"):
            return True
        style = name.split(".", 1)[0]
        return bool(comments.get(style) or comments.get(name))

    # -- files -----------------------------------------------------------------
    def lint_file(self, path: Path, shown: str) -> list[ValeAlert]:
        from ..files import read_bytes  # never blocks on a FIFO; one-line errors

        raw = read_bytes(path).decode("utf-8", errors="replace")
        content = raw.replace("\r\n", "\n").replace("\r", "\n")
        return self.lint_text(content, shown, path.suffix.lower())

    def lint_text(self, content: str, shown: str, ext: str) -> list[ValeAlert]:
        if ext in UNSUPPORTED_EXTS:
            raise UnsupportedFormat(f"{shown}: {ext} files need a converter copylint does not have")
        fs = FileState(comments={}, base_styles=self.config.styles_for(shown),
                       switches=self.config.rules_for(shown), state={})
        # which rules run, and on which block scopes, depends only on the
        # file's styles and rule switches: worked out once per combination
        setup_key = (tuple(fs.base_styles), tuple(sorted(fs.switches.items())))
        setup = self._setups.get(setup_key)
        if setup is None:
            enabled = [r for r in self.rules if self._enabled(r, fs)]
            setup = self._setups[setup_key] = (
                enabled,
                any(wants((r.vale or {}).get("scopes", []), "sentence") for r in enabled),
                any(wants((r.vale or {}).get("scopes", []), "paragraph") for r in enabled),
                {})
        active, need_sentences, need_paragraphs, plans = setup
        if not active:
            return []
        begin_document()  # every rule's regex time budget starts again
        timed_out: list[str] = []
        alerts: list[ValeAlert] = []
        seen: set[tuple[int, int, str]] = set()
        counts: dict[str, int] = {}
        line_starts = [0] + [m.end() for m in re.finditer("\n", content)]
        scope_ext = ".md" if ext in MARKDOWN_EXTS else ext

        def emit(rule: Rule, block: Block, start: int, end: int, message: str, match: str,
                 comments: dict[str, bool], anchored: bool = True, marks: Marks | None = None) -> None:
            if match == "":
                line, column = 1, 1
            else:
                offset = block.source_offset(start) if anchored else -1
                if offset < 0:
                    offset = _search(content, block, match, start)
                if offset < 0 and match.split():
                    # not in the source as written (an entity such as &#160;):
                    # like Vale, column 1 of the line where its first word is
                    at = _search(content, block, match.split()[0], start)
                    offset = line_starts[_bisect(line_starts, at) - 1] if at >= 0 else -1
                if offset < 0:
                    return
                if marks:
                    comments = _state_at(marks, offset)
                    if self._disabled_by_comment(rule.id, comments):
                        return
                line = _bisect(line_starts, offset)
                column = offset - line_starts[line - 1] + 1
            if comments.get(f"{rule.id}[{match}]"):
                return
            key = (line, column, rule.id)
            if key in seen:
                return
            limit = (rule.vale or {}).get("limit") or 0
            if limit and counts.get(rule.id, 0) >= limit:
                return
            seen.add(key)
            if limit:
                counts[rule.id] = counts.get(rule.id, 0) + 1
            alerts.append(ValeAlert(shown, line, column, rule.id, message, self._level(rule, fs), match))

        def plan(scope: str, parent: str | None) -> list[Rule]:
            """The rules (in order) that run on a block of this scope."""
            key = (scope, parent)
            rules = plans.get(key)
            if rules is None:
                rules = plans[key] = [
                    r for r in active if self._level(r, fs) >= self.min_level
                    and matches((r.vale or {}).get("scopes", ["text"]), scope, parent)]
            return rules

        def lint_block(block: Block, comments: dict[str, bool], parent: str | None = None,
                       marks: Marks | None = None, done: frozenset[str] = frozenset()) -> None:
            rules = plan(block.scope, parent)
            if self._requires or self._member:
                # rules whose required strings are not in the block (or in the
                # block it was cut from) would find nothing
                if block.parent is not None:
                    dead = self._dead(block.parent, rules)
                    rules = [r for r in rules if r.id not in dead]
                dead = self._dead(block, rules)
                rules = [r for r in rules if r.id not in dead]
            for rule in rules:
                if rule.id in done:
                    continue
                if not marks and comments and self._disabled_by_comment(rule.id, comments):
                    continue
                token_filter = (rule.vale or {}).get("filter")
                if token_filter is not None:
                    kept = token_filter.candidates(block.words(), lowered=block.lowered(),
                                                  always=self._possible(token_filter, block))
                    if not kept:
                        continue  # no token can match here
                    block.memo[("kept", rule.id)] = kept
                if rule.id in timed_out:
                    continue
                try:
                    found = self._run(rule, block, fs)
                except (RuleTimeout, TimeoutError):
                    # a rule author's regex ran out of time: that rule is
                    # skipped for this file (its alerts dropped), with a note
                    timed_out.append(rule.id)
                    self.notes.append(f"{shown}: " + TIMEOUT_RULE_MESSAGE.format(id=rule.id))
                    continue
                for start, end, message, match, anchored in found:
                    emit(rule, block, start, end, message, match, comments, anchored, marks)

        def lint_prose(block: Block, comments: dict[str, bool], paragraphs: bool,
                       marks: Marks | None = None) -> None:
            done: frozenset[str] = frozenset()
            if need_paragraphs and paragraphs:
                if -1 not in block.source_map:
                    # their alerts on the whole block would repeat the
                    # paragraphs' (same place, same message): deduplicated
                    done = frozenset(r.id for r in plan("paragraph." + block.scope, None) if r.id in self._local)
                pos = 0
                for piece in re.split(r"(?<=\n\n)", block.text):
                    if piece:
                        lint_block(Block(piece, "paragraph." + block.scope,
                                         block.source_map[pos:pos + len(piece)], parent=block),
                                   comments, marks=marks)
                    pos += len(piece)
            if need_sentences:
                for s, e in split_sentences(block.text, 0, len(block.text)):
                    piece = block.text[s:e]
                    lead = len(piece) - len(piece.lstrip())
                    piece = piece.strip()
                    if piece:
                        lint_block(Block(piece, "sentence." + block.scope,
                                         block.source_map[s + lead:s + lead + len(piece)], parent=block),
                                   comments, parent=block.scope, marks=marks)
            lint_block(block, comments, marks=marks, done=done)

        def on_comment(text: str, comments: dict[str, bool]) -> None:
            update_comments(text, comments, fs.base_styles)

        if ext in MARKDOWN_EXTS or ext in MDX_EXTS or ext in HTML_EXTS or ext in ORG_EXTS:
            prepared = self._apply_ignores(content, shown, ext)
            if ext in MDX_EXTS:
                prepared = _MDX_COMMENT.sub(lambda m: "<!--" + m.group(1) + "-->", prepared)
            if ext in HTML_EXTS:
                events = html_events(prepared)
            elif ext in ORG_EXTS:
                events = org_events(prepared)
            else:
                events = markdown_events(_DISPLAY_MATH.sub(lambda m: blank(m.group()),
                                                           strip_front_matter(prepared)))
            walker = Walker(content, scope_ext, self.config.skipped_scopes, self.config.ignored_scopes,
                            self.config.ignored_classes, on_comment)
            result = walker.walk(events)
            fs.state["metrics"] = result.metrics
            for block, comments in result.blocks:
                marks = _marks_within(result.marks, block)
                if block.scope == "text" + scope_ext:
                    lint_prose(block, comments, True, marks)
                else:
                    lint_block(block, comments, marks=marks)
            comments = {k: (v if k == "off" else False) for k, v in result.final_comments.items()}
            summary = Block(result.summary, "summary" + scope_ext, [-1] * len(result.summary))
            lint_block(summary, comments)
        elif ext in TEXT_EXTS:
            comments = {}
            block = Block(content, "text" + ext, list(range(len(content))))
            lint_prose(block, comments, True)
            fs.state["metrics"] = {}
            lint_block(Block(content, "summary" + ext, list(range(len(content)))), comments)
        elif ext in LINE_COMMENT:
            comments = {}
            ignored = set(self.config.ignored_scopes)
            for block in code_comment_blocks(content, ext):
                if block.scope[: -len(ext)] not in ignored:
                    lint_prose(block, comments, False)
        else:
            comments = {}
            lint_block(Block(content, "text" + ext, list(range(len(content)))), comments)
        comments = {"off": False}
        lint_block(Block(content, "raw" + ext, list(range(len(content)))), comments)
        if timed_out:
            alerts = [a for a in alerts if a.check not in timed_out]
        alerts.sort(key=ValeAlert.sort_key)
        return alerts

    def _apply_ignores(self, content: str, shown: str, ext: str) -> str:
        blocks, tokens = self.config.ignores_for(shown)
        for pattern in blocks:
            try:
                content = regex.sub(pattern, lambda m: blank(m.group()), content, flags=regex.M)
            except regex.error:
                continue
        for pattern in tokens:
            try:
                content = regex.sub(pattern, _org_code if ext in ORG_EXTS else _code_span, content)
            except regex.error:
                continue
        return content

    # -- prefilters (necessary conditions, never a change to what is found) ----
    def _meets(self, requirement: Requirement, block: Block) -> bool:
        """Does the block contain one of the strings every match contains?
        (Not when the block it was cut from does not.)"""
        key = id(requirement)
        met = block.memo.get(key)
        if met is None:
            if block.parent is not None and not self._meets(requirement, block.parent):
                met = False
            else:
                met = requirement.met_by(block.text, block.lowered() if requirement.ignorecase else None,
                                         block.words())
            block.memo[key] = met
        return met

    def _dead(self, block: Block, rules: list[Rule]) -> set[str]:
        """Ids of the rules (of ``rules`` and any asked before) whose required
        strings the block does not contain."""
        known: dict[str, bool] | None = block.memo.get("met")
        if known is None:
            known = block.memo["met"] = {}
            block.memo["dead"] = set()
        dead: set[str] = block.memo["dead"]
        found = self._found(block)
        for rule in rules:
            if rule.id in known:
                continue
            member = self._member.get(rule.id)
            if found is not None and member is not None and member not in found:
                met = False
            else:
                requirement = self._requires.get(rule.id)
                met = requirement is None or requirement.met_by(
                    block.text, block.lowered() if requirement.ignorecase else None, block.words())
            known[rule.id] = met
            if not met:
                dead.add(rule.id)
        return dead

    def _found(self, block: Block) -> frozenset[int] | None:
        """The members of the RE2 screen found in the block (None: unknown)."""
        if "screen" not in block.memo:
            block.memo["screen"] = self._screen.found(block.text)
        return block.memo["screen"]

    def _possible(self, token_filter: TokenFilter, block: Block) -> list[int]:
        """The filter's non-literal tokens that can match the block (looked for
        only among those that can match the block it was cut from)."""
        if not self.shortcuts:
            return token_filter.always
        key = id(token_filter)
        kept = block.memo.get(key)
        if kept is None:
            among = self._possible(token_filter, block.parent) if block.parent is not None else None
            kept = block.memo[key] = token_filter.possible(block.text, block.lowered(), among, block.words())
        return kept

    # -- one rule on one block ------------------------------------------------
    def _run(self, rule: Rule, block: Block, fs: FileState) -> list[tuple[int, int, str, str, bool]]:
        vale = rule.vale or {}
        text = block.text
        extends = vale.get("extends", rule.kind)
        except_re = self._except.get(rule.id)
        phrases = self._phrases.get(rule.id)
        out: list[tuple[int, int, str, str, bool]] = []

        def excepted(observed: str, start: int, end: int) -> bool:
            if except_re is not None and (except_re.fullmatch(observed, timeout=REGEX_TIMEOUT) if extends == "substitution"
                                          else except_re.search(observed, timeout=REGEX_TIMEOUT)):
                return True
            if phrases is not None:
                return any(s <= start and end <= e
                           for s, e in (m.span() for m in phrases.finditer(text, timeout=REGEX_TIMEOUT)))
            return False

        if extends == "existence":
            if "filter" in vale:
                found = [m for m, _i in vale["filter"].finditer(text, block.words(), REGEX_TIMEOUT,
                                                                 kept=block.memo.get(("kept", rule.id)))]
            else:
                found = vale["pattern"].finditer(text, timeout=REGEX_TIMEOUT)
            for m in found:
                if not m.group():
                    continue
                if excepted(m.group().strip(), m.start(), m.end()):
                    continue
                out.append((m.start(), m.end(), go_format(rule.message, m.group()), m.group(), True))
            return out
        if extends == "substitution":
            return self._substitution(rule, block, excepted)
        if extends == "repetition":
            return self._repetition(rule, text, excepted)
        if extends == "consistency":
            return self._consistency(rule, block, fs)
        check = self._checks[rule.id]
        state = fs.state.setdefault(rule.id, {})
        if rule.kind == "metric":
            state["metrics"] = fs.state.get("metrics", {})
        for hit in check.scan(rule, text, state):
            observed = text[hit.start:hit.end]
            if rule.kind in ("conditional", "spelling") and excepted(observed, hit.start, hit.end):
                continue
            if rule.kind == "metric" or (rule.kind == "occurrence" and hit.args and hit.args[0] == "0"):
                out.append((0, 0, go_format(rule.message, *hit.args), "", True))
                continue
            out.append((hit.start, hit.end, go_format(rule.message, *hit.args), observed, True))
        return out

    def _substitution(self, rule: Rule, block: Block, excepted) -> list:
        vale = rule.vale or {}
        action = vale.get("action") or {}
        text = block.text
        out: list = []
        if "filter" in vale:
            found = vale["filter"].finditer(text, block.words(), REGEX_TIMEOUT,
                                            kept=block.memo.get(("kept", rule.id)))
        else:
            found = [(m, -1) for m in vale["pattern"].finditer(text, timeout=REGEX_TIMEOUT)]
        for m, token in found:
            group = next((i for i, g in enumerate(m.groups()) if g is not None), None)
            if group is None:
                continue
            start, end = m.span(group + 1)
            observed = m.group(group + 1)
            index = token if token >= 0 else group
            expected = vale["replacements"][index]
            if vale.get("capitalize") and observed == cap_first(observed):
                expected = cap_first(expected)
            if regex.search(r"\$\d", expected):
                key = ("(?i)" if vale.get("ignorecase") else "") + vale["keys"][index]
                try:
                    expected = regex.sub(key, regex.sub(r"\$(\d)", r"\\\1", expected), observed, timeout=REGEX_TIMEOUT)
                except regex.error:
                    pass
            if action.get("name") == "replace":
                same = observed in options_of(expected)
            else:
                same = match_token(expected, observed)
            if same or excepted(observed, start, end):
                continue
            message = rule.message
            if action.get("name") == "replace" and not action.get("params"):
                opts = options_of(expected)
                if vale.get("capitalize") and observed == cap_first(observed):
                    opts = [cap_first(o) for o in opts]
                expected = to_sentence(opts, "or")
                for spec in ("'%s'", '"%s"'):
                    if message.count(spec) == 2:
                        message = message.replace(spec, "%s", 1)
            out.append((start, end, go_format(message, expected, observed), observed, True))
        return out

    def _repetition(self, rule: Rule, text: str, excepted) -> list:
        vale = rule.vale or {}
        out: list = []
        if self.shortcuts and vale["pattern"].groups == 1:
            # Only two equal tokens in a row can be a repetition: when there
            # are none (nearly always), the token walk below finds nothing.
            # (A linear token pattern needs no timeout, which costs per match.)
            timeout = None if self._linear.get(rule.id) else REGEX_TIMEOUT
            tokens = map(str.strip, vale["pattern"].findall(text, timeout=timeout))
            keys = list(map(str.lower, tokens) if vale.get("ignorecase") else tokens)
            pairs = list(itertools.compress(range(len(keys) - 1), map(operator.eq, keys, keys[1:])))
            if not pairs:
                return out
            if not vale.get("max", 0):
                # With no max every repeat stands alone (the count is 1 at
                # each): look only at the pairs, not the whole token walk.
                found = list(vale["pattern"].finditer(text, timeout=timeout))
                for i in pairs:
                    before, m = found[i], found[i + 1]
                    curr = m.group().strip()
                    if curr == "" or (vale.get("alpha") and not curr.isalpha()):
                        continue
                    converted = text[before.start():m.end()]
                    if len(split_sentences(converted, 0, len(converted))) == 1 \
                            and not excepted(converted, before.start(), m.end()):
                        out.append((before.start(), m.end(), go_format(rule.message, curr), converted, True))
                return out
        prev = ""
        ploc: tuple[int, int] | None = None
        count = 0
        for m in vale["pattern"].finditer(text, timeout=REGEX_TIMEOUT):
            curr = m.group().strip()
            if vale.get("ignorecase"):
                hit = curr != "" and curr.lower() == prev.lower()
            else:
                hit = curr != "" and curr == prev
            hit = hit and (not vale.get("alpha") or curr.isalpha())
            if hit:
                count += 1
            if hit and count > vale.get("max", 0) and ploc is not None:
                converted = text[ploc[0]:m.end()]
                if len(split_sentences(converted, 0, len(converted))) == 1 \
                        and not excepted(converted, ploc[0], m.end()):
                    out.append((ploc[0], m.end(), go_format(rule.message, curr), converted, True))
                    count = 0
            ploc = m.span()
            prev = curr
        return out

    def _consistency(self, rule: Rule, block: Block, fs: FileState) -> list:
        vale = rule.vale or {}
        text = block.text
        seen = fs.state.setdefault(("consistency", rule.id), set())
        requires = self._step_requires.get(rule.id) or []
        members = self._step_member.get(rule.id) or []
        screened = self._found(block) if members else None
        out = []
        for index, (pattern, _a, _b) in enumerate(vale["steps"]):
            member = members[index] if index < len(members) else None
            if member is not None and screened is not None and member not in screened:
                continue  # the step cannot match here
            requirement = requires[index] if index < len(requires) else None
            if requirement is not None and not self._meets(requirement, block):
                continue  # the step cannot match here
            found = list(pattern.finditer(text, timeout=REGEX_TIMEOUT))
            last = None
            for m in found:
                for name in ("a", "b"):
                    if m.group(name) is not None:
                        seen.add((index, name))
                        last = m.span(name)
            if found and (index, "a") in seen and (index, "b") in seen and last is not None:
                match = text[last[0]:last[1]]
                first = text.find(match)
                out.append((first, first + len(match), go_format(rule.message, match), match, True))
        return out


def update_comments(text: str, comments: dict[str, bool], base_styles: list[str]) -> None:
    if text == "vale off":
        comments["off"] = True
    elif text == "vale on":
        comments["off"] = False
    elif (m := _CONTROL_MATCH.match(text)):
        try:
            parts = json.loads(m.group(2))
        except ValueError:
            return
        for part in parts if isinstance(parts, list) else []:
            comments[f"{m.group(1)}[{part}]"] = m.group(3) == "NO"
    elif (m := _CONTROL.match(text)):
        comments[m.group(1)] = m.group(2) in ("NO", "off")
    elif (m := _STYLES.match(text)):
        for style in base_styles:
            comments[style] = True
        for style in m.group(1).split(", "):
            comments[style] = False


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


def _org_code(m: "regex.Match[str]") -> str:
    text = m.group()
    if len(text) < 3 or "\n" in text:
        return blank(text)
    return "=" + "x" * (len(text) - 2) + "="


def _code_span(m: "regex.Match[str]") -> str:
    text = m.group()
    if len(text) < 3 or "\n" in text:
        return blank(text)
    return "`" + "x" * (len(text) - 2) + "`"


def _search(content: str, block: Block, match: str, start: int) -> int:
    """Fallback placement: the match searched for in the source, from where
    the block (or the nearest mapped character before the match) begins."""
    known = [o for o in block.source_map[: start + 1] if o >= 0]
    origin = known[-1] - (start - len(known) + 1) if known else 0
    base = max(0, min(o for o in block.source_map if o >= 0)) if any(o >= 0 for o in block.source_map) else 0
    for begin in (max(origin, base), base, 0):
        at = content.find(match, begin)
        if at >= 0:
            return at
    return -1


def _marks_within(marks: Marks, block: Block) -> Marks | None:
    """When comments change the state inside a block: the states over it
    (the one at its start first), else None (the block-end state holds)."""
    mapped = [o for o in block.source_map if o >= 0]
    if not mapped or not marks:
        return None
    first, last = min(mapped), max(mapped)
    inside = [m for m in marks if first < m[0] <= last]
    if not inside:
        return None
    before = [m for m in marks if m[0] <= first]
    return [(-1, before[-1][1] if before else {})] + inside


def _state_at(marks: Marks, offset: int) -> dict[str, bool]:
    state = marks[0][1]
    for at, value in marks:
        if at > offset:
            break
        state = value
    return state


def _bisect(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _compile_any(patterns: list[str]):
    if not patterns:
        return None
    try:
        return regex.compile("|".join(patterns))
    except regex.error:
        return None


def _valid(pattern: str) -> bool:
    try:
        regex.compile(pattern)
        return True
    except regex.error:
        return False
