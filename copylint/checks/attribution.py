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

``mode: tense`` finds a story that attributes in both tenses (``Smith said``
… ``Smith says``).  ``swap`` maps each past-tense verb to its present form.
Only people are counted: ``he``/``she`` and surnames the story also gives with
a first name or title (``Jens Stoltenberg``); institutions keep their licence
to ``say`` an ongoing position ("Ukraine says it needs jets").  Direct
quotations are ignored, and so is the lead (the first paragraph of a dozen
words or more, and anything above it): a present-tense intro over a past-tense
body is a convention of its own.  The tense used more often wins (past on a tie) and
every attribution in the other tense is flagged.

``mode: double`` finds a sentence attributed twice to the same source:
``According to the ministry, … , the ministry said.`` (or ``…, he said.``).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..document.model import Document, Sentence
from ..findings import Applicability
from ..document.quotes import inside, quoted_spans_by_block
from ..ruleset import fields as f
from ..ruleset.model import Rule
from .base import Check, Hit, LazyRe
from .fastscan import SPACES, LiteralStarts, Trigger, foldable, matches_at, phrase


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


class AttributionCheck(Check):
    kind = "attribution"
    message_values = 2  # the match, and the word or source it is judged against
    #: Rewording attribution changes what the story says about a source.
    default_applicability = Applicability.UNSAFE
    fields = {
        "mode": f.Field(f.choice("order", "loaded", "tense", "double"), required=True,
                        doc="'order': orphaned modifier after the verb; 'loaded': loaded verbs; "
                            "'tense': said/says mixed; 'double': attributed twice"),
        "verbs": f.Field(f.string_list, doc="attribution verbs (mode: order)"),
        "modifiers": f.Field(f.string_list, doc="words that belong before the speaker (mode: order)"),
        "followers": f.Field(f.string_list, default=[],
                             doc="words after the modifier that show it is orphaned (mode: order)"),
        "swap": f.Field(f.string_map, doc="loaded verb -> neutral verb (mode: loaded); "
                                          "past -> present (mode: tense)"),
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
        elif options["mode"] in ("loaded", "tense") and not options.get("swap"):
            raise ValueError(f"swap: required when mode is '{options['mode']}'")

    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(rules)
        self.compiled = []
        for rule in rules:
            flags = re.IGNORECASE if rule.ignorecase else 0
            o = rule.options
            if o["mode"] == "order":
                followers = _words(o.get("followers") or [])
                end = r"[ \t]*[.;:]" + (rf"|\s+(?:{followers})(?!\w)" if followers else "")
                pattern = LazyRe(
                    rf"(?<!\w)({_words(o['verbs'])})\s+({_words(o['modifiers'])})(?=({end}))", flags
                )
            elif o["mode"] == "tense":
                verbs = [*o["swap"], *o["swap"].values()]
                pattern = LazyRe(
                    rf"(?<![\w'’])(?:(?P<pre>[A-Z][\w'’-]+|[Hh]e|[Ss]he)\s+(?P<verb>{_words(verbs)})"
                    rf"|(?P<verb2>{_words(verbs)})\s+(?:Mr|Mrs|Ms|Dr|Prof)?\.?\s*(?P<post>[A-Z][\w'’-]+)(?=\s*[,.;]))")
            elif o["mode"] == "double":
                verbs = _words(o.get("verbs") or ["said", "says", "added", "adds"])
                pattern = LazyRe(
                    rf"(?<!\w)according\s+to\s+(?P<source>[^,;:.!?“”\"]{{2,80}}?)\s*,.*?,\s*"
                    rf"(?:(?P<who>(?:he|she|they|it)|(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,4}}?)\s+(?P<verb>{verbs})"
                    rf"|(?P<verb2>{verbs})\s+(?P<who2>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,4}}?))"
                    rf"(?:\s+(?:on|in|at|last|this)\s+[\w'’-]+(?:\s+[\w'’-]+)?)?\s*[.!]?[”\"]?\s*$",
                    re.IGNORECASE)
            else:
                not_followed = _words(o.get("not-followed-by") or [])
                guard = rf"(?!\s+(?:{not_followed})(?!\w))" if not_followed else ""
                before = "".join(rf"(?<!(?<!\w){re.escape(w)}\s)" for w in o.get("not-preceded-by") or [])
                pattern = LazyRe(rf"{before}(?<!\w)({_words(list(o['swap']))})(?!\w){guard}", flags)
            # Every match starts at a verb: find the verbs with a fast literal scan
            # (of the lower-cased text when the rule ignores case), then try the
            # full pattern, whose look-behinds would be slow to try everywhere.
            anchor = None
            if o["mode"] == "loaded":
                anchor = LiteralStarts(v.lower() for v in o["swap"]) if rule.ignorecase \
                    else LiteralStarts(o["swap"])
            elif o["mode"] == "tense":  # its matches are found from its verbs (tense_matches)
                anchor = LiteralStarts([*o["swap"], *o["swap"].values()])
            self.compiled.append((rule, pattern, anchor, _triggers(o)))

    def triggers(self) -> list[Trigger]:
        return [trigger for *_, triggers in self.compiled for trigger in triggers]

    def run(self, doc: Document) -> Iterable[Hit]:
        for rule, pattern, anchor, triggers in self.compiled:
            if triggers and _any_absent(triggers, doc):
                continue
            if rule.options["mode"] == "tense":
                yield from _tense(rule, pattern, doc, anchor)
                continue
            if rule.options["mode"] == "double":
                yield from _double(rule, pattern, doc)
                continue
            if anchor is not None and (not rule.ignorecase or doc.lower_prose is not None):
                lower = doc.lower_prose if rule.ignorecase else None
                matches = matches_at(pattern, anchor.starts(doc.prose if lower is None else lower), doc.prose)
            else:
                matches = pattern.finditer(doc.prose)
            if rule.options["mode"] == "order":
                for m in matches:
                    # the follower (group 3, a look-ahead) must be in the same block too
                    if doc.same_block(m.start(), m.end(3)):
                        yield Hit(rule, m.start(2), m.end(2), (m.group(2), m.group(1)),
                                  f"move '{m.group(2)}' before the speaker",
                                  other=_reordered(doc.prose, m.start(1), m.group(1), m.group(2)))
            else:
                swap = {k.lower(): v for k, v in rule.options["swap"].items()}
                for m in matches:
                    neutral = swap.get(m.group(1).lower(), "said")
                    yield Hit(rule, m.start(1), m.end(1), (m.group(1), neutral), neutral)


def _any_absent(triggers: list[Trigger], doc: Document) -> bool:
    """``any(t.absent(doc) for t in triggers)`` without a generator (asked
    for every rule of every document)."""
    for trigger in triggers:
        if trigger.absent(doc):
            return True
    return False


#: The speaker right before an attribution verb: a determiner and a noun
#: ("the army", "the foreign ministry").
_SPEAKER = re.compile(r"(?<![\w'’-])(the|a|an|its|their|his|her|our)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+\Z",
                      re.IGNORECASE)


def _reordered(text: str, verb_start: int, verb: str, modifier: str) -> str:
    """The attribution with the modifier where it belongs, quoted for the
    message: 'the Russian ministry said' for "the ministry said Russian";
    'Russian … said' when no speaker with a determiner precedes the verb."""
    m = _SPEAKER.search(text, max(0, verb_start - 80), verb_start)
    if m is None:
        return f"'{modifier} … {verb}'"
    det, noun = m.group(1), m.group(2)
    while (inner := _SPEAKER.match(noun + " ")) is not None:  # "The the mayor": the last determiner
        det, noun = inner.group(1), inner.group(2)
    return f"'{det} {modifier} {noun} {verb}'"


def _triggers(options: dict) -> list[Trigger]:
    """What every document with a hit contains, lower-cased (all of them): a
    verb, white space and a modifier (``mode: order``); a loaded verb
    (``loaded``); a past-tense and a present-tense verb (``tense``: a hit needs
    both); 'according to' (``double``)."""
    mode = options["mode"]
    if mode == "double":
        return [Trigger(phrase("according to"))]
    if mode == "order":
        verbs, modifiers = options["verbs"], options["modifiers"]
        if not all(foldable(w) for w in [*verbs, *modifiers]):
            return []
        return [Trigger(f"(?:{'|'.join(sorted({phrase(v.lower()) for v in verbs}))})"
                        f"{SPACES}"
                        f"(?:{'|'.join(sorted({phrase(m.lower()) for m in modifiers}))})")]
    groups = [list(options["swap"]), list(options["swap"].values())] if mode == "tense" \
        else [list(options["swap"])]
    if not all(foldable(w) for group in groups for w in group):
        return []
    return [t for group in groups if (t := Trigger.any_of(phrase(v.lower()) for v in group))]


_NOT_SPEAKERS = frozenset(
    """the a an it this that there they we you i who which what when where while
    but and or so if as after before then also police officials""".split())


_INSTITUTIONS = frozenset(
    """office ministry department council commission government party bank union court agency
    service army police board committee authority group company association federation league
    club parliament assembly senate congress house institute university school hospital""".split())


#: A first name (or title) and a surname.  Written with the capital first and
#: the look-behind after it (``(?<![\w'’])[A-Z]…`` would be tried at every
#: character; this is scanned for the capitals only, about 2× faster).
_NAME_PAIR = LazyRe(r"([A-Z](?<![\w'’][A-Z])[\w'’-]+)\s+([A-Z][\w'’-]+)")
#: The plain form of ``_NAME_PAIR`` (the same matches).
_NAME_PAIR_PLAIN = r"(?<![\w'’])([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)"


def _quoted(doc: Document) -> list[tuple[int, int]]:
    return quoted_spans_by_block(doc)


#: What the ``pre`` group of a tense pattern (a speaker) can start with.
_SPEAKER_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZhs")


def _word_char(char: str) -> bool:
    """Does ``char`` match ``[\\w'’]`` (``\\w``: ``str.isalnum`` or ``_``)?"""
    return char.isalnum() or char in "_'’"


def tense_matches(pattern: "re.Pattern[str]", verbs: LiteralStarts, text: str,
                  pos: int = 0) -> list["re.Match[str]"]:
    """Exactly ``pattern.finditer(text, pos)`` for a tense pattern (a
    speaker, blanks and a verb, or a verb and a speaker, after a
    look-behind), found from the verbs instead of trying the look-behind at
    every character.  A match starts at a verb (``verb2``) or inside the
    token right before the blanks before a verb (``pre``): those offsets
    are tried, in order, as ``finditer`` would reach them."""
    candidates: set[int] = set()
    isspace = str.isspace
    for verb in verbs.starts(text, pos):
        candidates.add(verb)
        gap = verb
        while gap > pos and isspace(text[gap - 1]):
            gap -= 1
        if gap < verb:
            token = gap
            while token > pos and not isspace(text[token - 1]):
                token -= 1
            # a speaker starts with a capital, 'he' or 'she', after no
            # [\w'’] character: the token's other offsets cannot match
            for at in range(token, gap):
                if text[at] in _SPEAKER_FIRST and (at == token or not _word_char(text[at - 1])):
                    candidates.add(at)
    matches = []
    done = pos
    match = pattern.match
    for start in sorted(candidates):
        if start < done:
            continue
        m = match(text, start)
        if m is not None:
            matches.append(m)
            done = max(m.end(), start + 1)
    return matches


def _tense(rule: Rule, pattern: "re.Pattern[str]", doc: Document,
           verbs: LiteralStarts | None = None) -> Iterable[Hit]:
    past = {k.lower(): v.lower() for k, v in rule.options["swap"].items()}
    present = {v: k for k, v in past.items()}
    text = doc.prose
    lead_end = next((b.end for b in doc.blocks if len(text[b.start:b.end].split()) >= 12), 0)
    matches = tense_matches(pattern, verbs, text, lead_end) if verbs is not None \
        else list(pattern.finditer(text, lead_end))
    tenses = {"past" if (m.group("verb") or m.group("verb2")).lower() in past else "present"
              for m in matches}
    if len(tenses) < 2:
        return  # the filters below only remove attributions: no mix is possible
    # The filters, cheapest first; stop as soon as one tense is left.
    candidates: list[tuple[str, int, int, str]] = []  # speaker, verb start, end, verb
    for m in matches:
        verb_group = "verb" if m.group("verb") else "verb2"
        speaker = m.group("pre") or m.group("post")
        if speaker.lower() in _NOT_SPEAKERS:
            continue
        start, end = m.span(verb_group)
        candidates.append((speaker, start, end, m.group(verb_group).lower()))
    if not _mixed(candidates, past):
        return
    spans = _quoted(doc)
    candidates = [c for c in candidates if not inside(spans, c[1], c[2])]
    if not _mixed(candidates, past):
        return
    if any(c[0].lower() not in ("he", "she") for c in candidates):
        people = {m.group(2) for m in _NAME_PAIR.finditer(text)
            if m.group(1).lower() not in _NOT_SPEAKERS and not m.group(2).isupper()
            and m.group(2).lower() not in _INSTITUTIONS}
        candidates = [c for c in candidates if c[0].lower() in ("he", "she") or c[0] in people]
    found: dict[str, list[tuple[int, int, str]]] = {"past": [], "present": []}
    for _, start, end, verb in candidates:
        found["past" if verb in past else "present"].append((start, end, verb))
    if not found["past"] or not found["present"]:
        return
    winner = "present" if len(found["present"]) > len(found["past"]) else "past"
    loser = "past" if winner == "present" else "present"
    first = found[winner][0]
    line, _ = doc.position(first[0])
    for start, end, verb in found[loser]:
        other = past.get(verb) if loser == "past" else present.get(verb)
        yield Hit(rule, start, end, (text[start:end], first[2]), other, other=f"line {line}")


def _mixed(candidates: list[tuple[str, int, int, str]], past: dict[str, str]) -> bool:
    """Do the candidate attributions use both tenses?"""
    return len({c[3] in past for c in candidates}) == 2


def _sentences_with(doc: Document, word: str) -> Iterable[Sentence]:
    """The sentences that contain ``word`` (lower case, ASCII, no letter that
    case-insensitive matching treats specially): only they can hold a
    case-insensitive match that starts with it.  Only the blocks holding it
    are split into sentences.  Every sentence when the prose has no plain
    lower-cased view."""
    lower = doc.lower_prose
    if lower is None:
        return doc.sentences
    if "sentences" in vars(doc):  # already split: reuse them
        return [s for s in doc.sentences if word in lower[s.start:s.end]]
    return [s for block in doc.blocks if word in lower[block.start:block.end]
            for s in doc.sentences_in(block) if word in lower[s.start:s.end]]


def _double(rule: Rule, pattern: "re.Pattern[str]", doc: Document) -> Iterable[Hit]:
    stop = {"the", "a", "an", "of", "its", "his", "her", "their"}
    for sentence in _sentences_with(doc, "according"):
        # a match holds two commas (after the source, before the second
        # attribution): a sentence with fewer is not searched
        if sentence.text.count(",") < 2:
            continue
        m = pattern.search(sentence.text)
        if not m:
            continue
        who = (m.group("who") or m.group("who2") or "").lower()
        source = {w for w in re.findall(r"[\w'’-]+", m.group("source").lower()) if w not in stop}
        named = {w for w in re.findall(r"[\w'’-]+", who) if w not in stop}
        if who in ("he", "she", "they", "it") or (named and named <= source) or (source and source & named):
            verb = "verb" if m.group("verb") else "verb2"
            start = sentence.start + m.start("who" if m.group("who") else verb)
            end = sentence.start + m.end("who2" if m.group("who2") else verb)
            yield Hit(rule, start, end, (doc.prose[start:end], m.group("source").strip()))
