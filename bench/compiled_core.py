#!/usr/bin/env python3
"""A compiled core, measured: five per-story passes of copylint written in C
(``bench/compiled_core/corepasses.c``, a CPython extension built here into a
temporary folder with the system compiler, never installed), checked equal to
the Python code and timed against it.

    python bench/compiled_core.py                      # build, check, CPU per pass
    python bench/compiled_core.py --rounds 9           # more rounds for the CPU minimum
    python bench/compiled_core.py --instructions       # and callgrind instructions per pass
    python bench/compiled_core.py --whole              # and whole lints with the C passes in place
    python bench/compiled_core.py --commands           # and the corpus command against codespell
    python bench/compiled_core.py --check-only         # build and check equality only

The passes (Python -> C):

* ``variants scan``: the ``variants`` check's capitalised-word scan of a
  marked story (``Comparer.run``: the caps ``findall`` and ``_articles``);
* ``variants signatures``: ``_Table.sharing`` of that story's words;
* ``sentences``: ``split_sentences`` of every block (``Document.sentences``);
* ``quotes``: ``quote_marks`` of the prose, with the source where the prose
  differs from it (what ``document_marks`` does);
* ``repeated-word runs``: the repetition check's ``_repeated_runs`` of the
  lower-cased prose.

Equality is checked on every story of the corpus and on generated text
(Unicode letters beyond Latin-1, combining marks, curly and straight quotes,
``name="value"``, abbreviations and ellipses, CRLF and CR line ends, blanked
markup).  CPU: the minimum over rounds of a warm loop over the corpus
(``time.process_time``, Python and C interleaved).  Instructions: the same
loops once each in one process under ``valgrind --tool=callgrind
--collect-atstart=no``, counted only inside each loop (callgrind's client
requests; needs valgrind's headers at build time).  Exits 1 when an output
differs, 0 otherwise (also when no C compiler is found: nothing measured).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import random
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "bench" / "compiled_core" / "corepasses.c"
MODULE = "_copylint_corepasses"
DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "news",
                                   ROOT.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "news")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from copylint import load_rules  # noqa: E402
from copylint.checks import repetition  # noqa: E402
from copylint.checks import variants_compare as vc  # noqa: E402
from copylint.checks.variants import VariantsCheck  # noqa: E402
from copylint.document import quotes, sentences  # noqa: E402
from copylint.formats import make_document  # noqa: E402

RULE = "names.transliteration-variants"


# -- building ---------------------------------------------------------------------

def compiler() -> str | None:
    """The C compiler Python was built with, if it is on this machine and so
    are Python's headers and setuptools (None otherwise: nothing to build with)."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()
    found = shutil.which(cc[0]) if cc else None
    if found is None or not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return None
    return found if importlib.util.find_spec("setuptools") is not None else None


def build(directory: Path) -> ModuleType:
    """Compile ``corepasses.c`` into ``directory`` (setuptools' ``build_ext``,
    the compiler and flags of this Python) and import it."""
    from setuptools import Distribution, Extension

    ext = Extension(MODULE, sources=[str(SOURCE)], extra_compile_args=["-O2", "-std=c99"])
    dist = Distribution({"name": MODULE, "ext_modules": [ext]})
    cmd = dist.get_command_obj("build_ext")
    cmd.build_lib = str(directory)
    cmd.build_temp = str(directory / "tmp")
    cmd.ensure_finalized()
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # distutils logs each step
        cmd.run()
    (path,) = [p for p in directory.glob(MODULE + "*") if p.suffix in (".so", ".pyd")]
    spec = importlib.util.spec_from_file_location(MODULE, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the passes, Python and C -----------------------------------------------------

class Passes:
    """Each pass as a Python and a C function of one story (``Story``)."""

    def __init__(self, core: ModuleType) -> None:
        self.core = core
        style = load_rules()
        (rule,) = style.select(lambda r: r.id == RULE).rules
        self.comparer = vc.Comparer([rule], style.rules)
        self.markers = VariantsCheck([rule])._markers[0][1]
        self.table = self.comparer._tables[rule.id]
        shortest = min(t.min_length for t in self.comparer._tables.values())
        self.min_inner = max(shortest - 2, 0)
        signature = self.table._signature()
        assert signature is not None, "the built-in table has a signature map"
        mapping, self.trans, self.drop, doubles = signature
        self.collapse = "".join(d[0] for d in doubles)
        # the non-ASCII signature, as _Table.sharing computes it (NFKD is not C's job here)
        self.slow = lambda low: vc._collapse_doubled(
            vc._COMBINING.sub("", unicodedata.normalize("NFKD", low)).translate(mapping))
        self.stop = self.table.stop_as_written

    # the variants check's scan (copylint/checks/variants_compare.py, Comparer.run)
    def py_caps_words(self, prose: str) -> set[str]:
        caps = self.comparer._caps_ascii if prose.isascii() else self.comparer._caps
        words = set(caps.compiled.findall(prose))
        if "l-" in prose:
            words.update(text for _start, _end, text in vc._articles(prose, vc._shapes(prose).name.compiled))
        return words

    def c_caps_words(self, prose: str) -> set[str]:
        return self.core.caps_words(prose, self.min_inner)

    def py_sharing(self, words: set[str]) -> Any:
        return self.table.sharing(words)

    def c_sharing(self, words: set[str]) -> Any:
        return self.core.sharing(words, self.stop, self.trans, self.drop, self.collapse, self.slow)

    @staticmethod
    def py_sentences(prose: str, blocks: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        split = sentences.split_sentences
        return [split(prose, start, end) for start, end in blocks]

    def c_sentences(self, prose: str, blocks: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        split, abbreviations = self.core.split_sentences, sentences.ABBREVIATIONS
        return [split(prose, start, end, abbreviations) for start, end in blocks]

    @staticmethod
    def py_quotes(prose: str, source: str | None) -> list[quotes.Mark]:
        return quotes.quote_marks(prose, source=source)

    def c_quotes(self, prose: str, source: str | None) -> list[quotes.Mark]:
        return self.core.quote_marks(prose, 0, len(prose), source, quotes.Mark)

    @staticmethod
    def py_repeated(lower: str) -> set[str]:
        return repetition._repeated_runs(lower)

    def c_repeated(self, lower: str) -> set[str]:
        return self.core.repeated_runs(lower)


class Story:
    """What the passes read of one document."""

    __slots__ = ("name", "prose", "source", "blocks", "marked", "words", "lower")

    def __init__(self, name: str, text: str, passes: Passes, path: str = "story.txt") -> None:
        doc = make_document(text, path)
        self.name = name
        self.prose = doc.prose
        # as document_marks: the source only where the prose differs from it
        self.source = doc.text if doc.prose is not doc.text and doc.prose != doc.text else None
        self.blocks = [(b.start, b.end) for b in doc.blocks]
        self.marked = passes.markers.present(doc)
        self.words = passes.py_caps_words(self.prose)
        # what the repetition check scans (None where lower-casing changes offsets)
        lower = doc.lower_prose
        self.lower = lower if lower is not None else doc.prose.lower()


def _same_sharing(a: Any, b: Any) -> bool:
    # the words that share a signature; the order is a set's (see corepasses.c)
    return isinstance(a, tuple) == isinstance(b, tuple) and set(a) == set(b)


def differences(passes: Passes, story: Story) -> list[str]:
    """The passes whose C output differs from the Python one on ``story``."""
    found = []
    prose = story.prose
    if passes.py_caps_words(prose) != passes.c_caps_words(prose):
        found.append("variants scan")
    if not _same_sharing(passes.py_sharing(story.words), passes.c_sharing(story.words)):
        found.append("variants signatures")
    if passes.py_sentences(prose, story.blocks) != passes.c_sentences(prose, story.blocks):
        found.append("sentences")
    # any span, as other callers split (one block of a page, a whole text)
    spans = [(0, len(prose)), (len(prose) // 3, len(prose) - len(prose) // 5)]
    if passes.py_sentences(prose, spans) != passes.c_sentences(prose, spans):
        found.append("sentences (spans)")
    py_marks, c_marks = passes.py_quotes(prose, story.source), passes.c_quotes(prose, story.source)
    if py_marks != c_marks or any(type(m) is not quotes.Mark for m in c_marks):
        found.append("quotes")
    if story.source is None and passes.py_quotes(prose, prose) != passes.c_quotes(prose, prose):
        found.append("quotes (source)")
    for text in (story.lower, prose):
        if passes.py_repeated(text) != passes.c_repeated(text):
            found.append("repeated words")
            break
    return found


# -- generated text ---------------------------------------------------------------

_NAMES = ["Kirilenko", "Kyrylenko", "Zelensky", "Zelenskiy", "Haidai", "Gaidai", "Dnipro", "Dnepr",
          "Assad", "al-Assad", "Al-Assad", "el-Assad", "Mao", "Tse-tung", "Zedong", "O'Brien", "Łukasz",
          "Wałęsa", "Dvořák", "Ørsted", "Ångström", "Müller", "Mueller", "Schröder", "Žižek", "Ľubomír",
          "Putin's", "Putin’s", "Kyiv", "Kiev", "Johnson", "Johnston", "Ivanov", "Ivanova", "Ŝtĕfan",
          "Jose\u0301", "Ǆemal", "İstanbul", "Kelvin\u212a", "McDonald", "Al-", "El", "Ab", "Mrs", "The"]
_WORDS = ["said", "the", "the", "said", "x²", "٣", "𝐀𝐁", "A\u0301", "Ǆ", "minister", "in", "a",
          "statement", "on", "Tuesday", "don\"t", "5'10\"",
          "alias", "ll=\"ls", "-l\"", "rm=\"rm", "-i\"", "x=\"a", "b\"", "U.S.", "Mr.", "Feb.", "J.", "e.g.",
          "etc.", "approx.", "No.", "3.5", "ſ", "straße", "naïve", "café", "über", "élan", "œuvre", "ǈ",
          "—", "–", "-", "/", "(", ")", "[", "]", "{", "al-", "el-", "l-", "Al-", "tell-tale"]
_MARKS = ['"', "“", "”", "'", "’", "‘", "«", "»", ".", "...", "…", "!", "?", "?!", ",", ";", ":", ".\"",
          ".”", ".’)", "!]", "…”"]
_SPACES = [" ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u00a0", "\u2028",
           "\u3000", "\x0b"]


def generated(rng: random.Random) -> str:
    """A random story of names, words, marks and blanks of every kind."""
    parts = []
    for _ in range(rng.randint(0, 120)):
        pick = rng.random()
        if pick < 0.3:
            parts.append(rng.choice(_NAMES))
        elif pick < 0.6:
            parts.append(rng.choice(_WORDS))
        elif pick < 0.8:
            parts.append(rng.choice(_MARKS))
        else:
            parts.append("".join(rng.choice("AaBbÉéŁłzZ'’-") for _ in range(rng.randint(1, 9))))
        parts.append(rng.choice(_SPACES) if rng.random() < 0.8 else "")
    return "".join(parts)


def with_markup(rng: random.Random, text: str) -> tuple[str, str]:
    """(prose, source): ``text`` as a source, and a prose in which some runs of
    it (markup) are blanked to spaces, as the Markdown and HTML readers do."""
    prose = list(text)
    for _ in range(rng.randint(0, 6)):
        if not text:
            break
        at = rng.randrange(len(text))
        for k in range(at, min(len(text), at + rng.randint(1, 8))):
            if text[k] not in "\r\n":
                prose[k] = " "
    return "".join(prose), text


def check_generated(passes: Passes, count: int, seed: int = 21) -> list[str]:
    """Differences on ``count`` generated stories (as plain text and with markup)."""
    rng = random.Random(seed)
    failures = []
    for n in range(count):
        text = generated(rng)
        story = Story(f"generated {n}", text, passes)
        words = set(story.words) | {rng.choice(_NAMES) for _ in range(rng.randint(0, 8))}
        if "The" in words or rng.random() < 0.2:
            words |= {"Said", "Ab"}
        story.words = words
        for name in differences(passes, story):
            failures.append(f"{story.name}: {name}: {text!r}")
        prose, source = with_markup(rng, text)
        if quotes.quote_marks(prose, source=source) != passes.c_quotes(prose, source):
            failures.append(f"{story.name}: quotes with markup: {source!r}")
    return failures


# -- measuring --------------------------------------------------------------------

def loops(passes: Passes, stories: list[Story]) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """Each pass over the corpus as a (Python, C) pair of functions."""
    marked = [s for s in stories if s.marked]

    def over(fn: Callable[..., object], stories: list[Story], *fields: str) -> Callable[[], object]:
        args = [tuple(getattr(s, f) for f in fields) for s in stories]
        return lambda: [fn(*a) for a in args]

    return {
        "variants scan (marked stories)": (over(passes.py_caps_words, marked, "prose"),
                                           over(passes.c_caps_words, marked, "prose")),
        "variants signatures (marked stories)": (over(passes.py_sharing, marked, "words"),
                                                 over(passes.c_sharing, marked, "words")),
        "sentences (every block)": (over(passes.py_sentences, stories, "prose", "blocks"),
                                    over(passes.c_sentences, stories, "prose", "blocks")),
        "quotes (every story)": (over(passes.py_quotes, stories, "prose", "source"),
                                 over(passes.c_quotes, stories, "prose", "source")),
        "repeated-word runs (every story)": (over(passes.py_repeated, stories, "lower"),
                                             over(passes.c_repeated, stories, "lower")),
    }


def cpu(table: dict[str, tuple[Callable[[], object], Callable[[], object]]], rounds: int) -> None:
    times: dict[tuple[str, int], list[float]] = {}
    for round_ in range(rounds):
        for name, pair in table.items():
            order = (0, 1) if round_ % 2 == 0 else (1, 0)
            for which in order:
                start = time.process_time()
                pair[which]()
                times.setdefault((name, which), []).append(time.process_time() - start)
    print(f"\nCPU of one warm pass over the corpus (minimum of {rounds} rounds, interleaved):")
    print(f"  {'pass':40} {'Python':>10} {'C':>10} {'C/Python':>9}")
    for name in table:
        py, c = min(times[(name, 0)]), min(times[(name, 1)])
        print(f"  {name:40} {py * 1000:8.1f}ms {c * 1000:8.1f}ms {c / py if py else 0:9.3f}")


def instructions(args: argparse.Namespace) -> int:
    """Run this script under callgrind, counting each loop alone."""
    if shutil.which("valgrind") is None:
        print("\nvalgrind is not installed: no instruction counts")
        return 0
    with tempfile.TemporaryDirectory(prefix="copylint-cg-") as scratch:
        tmp = str(args.keep_dumps or scratch)
        command = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
                   f"--callgrind-out-file={tmp}/cg.out", sys.executable, __file__, "--corpus", str(args.corpus),
                   "--under-callgrind"] + (["--whole"] if args.whole else [])
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
        if run.returncode != 0 or "no callgrind" in run.stdout:
            print(run.stdout[-2000:], run.stderr[-2000:])
            return 1
        counts: dict[str, int] = {}
        for dump in Path(tmp).glob("cg.out*"):
            text = dump.read_text(errors="replace")
            trigger = re.search(r"^desc: Trigger: Client Request: (.+)$", text, re.M)
            total = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            if trigger and total:
                counts[trigger.group(1)] = int(total.group(1))
    print("\nInstructions of one warm pass over the corpus (callgrind, each loop counted alone):")
    print(f"  {'pass':40} {'Python':>10} {'C':>10} {'C/Python':>9}")
    names = sorted({k.rsplit(" / ", 1)[0] for k in counts})
    for name in names:
        py, c = counts.get(f"{name} / Python", 0), counts.get(f"{name} / C", 0)
        print(f"  {name:40} {py / 1e6:9.1f}M {c / 1e6:9.1f}M {c / py if py else 0:9.3f}")
    return 0


# -- the passes inside a whole lint ------------------------------------------------

class _CapsShim:
    """Stands for the ``LazyRe`` of the capitalised-word scan: its
    ``compiled.findall`` is the C scan (which adds the ``al-`` names itself;
    ``Comparer.run`` adds them again, to the same set)."""

    def __init__(self, core: ModuleType, min_inner: int) -> None:
        self.compiled = self
        self._core, self._min_inner = core, min_inner

    def findall(self, prose: str) -> set[str]:
        return self._core.caps_words(prose, self._min_inner)


@contextlib.contextmanager
def c_passes(core: ModuleType) -> Iterator[None]:
    """The five C passes put in place of the Python functions they copy, for
    the length of a ``with``: what a compiled core of these passes would do
    to a whole lint.  (A measurement only: copylint itself is not changed.)"""
    from copylint.document import model

    abbreviations = sentences.ABBREVIATIONS
    saved = [(quotes, "quote_marks", quotes.quote_marks),
             (model, "split_sentences", model.split_sentences),
             (repetition, "_repeated_runs", repetition._repeated_runs),
             (vc._Table, "sharing", vc._Table.sharing),
             (vc.Comparer, "__init__", vc.Comparer.__init__)]
    python_sharing, python_init = vc._Table.sharing, vc.Comparer.__init__

    def quote_marks(text: str, start: int = 0, end: int | None = None, source: str | None = None) -> list:
        return core.quote_marks(text, start, len(text) if end is None else end, source, quotes.Mark)

    def split_sentences(text: str, start: int, end: int) -> list:
        return core.split_sentences(text, start, end, abbreviations)

    def sharing(table: Any, words: set[str]) -> Any:
        tables = table._signature()
        if tables is None or not tables[1]:
            return python_sharing(table, words)
        mapping, trans, drop, doubles = tables
        slow = getattr(table, "_c_slow", None)
        if slow is None:
            slow = table._c_slow = lambda low: vc._collapse_doubled(
                vc._COMBINING.sub("", unicodedata.normalize("NFKD", low)).translate(mapping))
        return core.sharing(words, table.stop_as_written, trans, drop, "".join(d[0] for d in doubles), slow)

    def init(comparer: Any, rules: list, style: list) -> None:
        python_init(comparer, rules, style)
        shortest = min((t.min_length for t in comparer._tables.values()), default=4)
        comparer._caps = comparer._caps_ascii = _CapsShim(core, max(shortest - 2, 0))

    quotes.quote_marks = quote_marks  # type: ignore[assignment]
    model.split_sentences = split_sentences  # type: ignore[assignment]
    repetition._repeated_runs = core.repeated_runs
    vc._Table.sharing = sharing  # type: ignore[method-assign]
    vc.Comparer.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


class _TimedCaps:
    """The capitalised-word scan's ``LazyRe``, its ``findall`` timed."""

    def __init__(self, real: Any, spent: dict[str, float]) -> None:
        self.compiled, self._real, self._spent = self, real, spent

    def findall(self, prose: str) -> list[str]:
        start = time.process_time()
        try:
            return self._real.compiled.findall(prose)
        finally:
            self._spent["variants scan"] += time.process_time() - start


@contextlib.contextmanager
def timed_passes(spent: dict[str, float]) -> Iterator[None]:
    """The five Python passes, each call's CPU added to ``spent``: their share
    of a whole lint (the wrappers add about a microsecond a call)."""
    from copylint.document import model

    def wrap(fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start
        return timed

    python_init = vc.Comparer.__init__

    def init(comparer: Any, rules: list, style: list) -> None:
        python_init(comparer, rules, style)
        comparer._caps = _TimedCaps(comparer._caps, spent)
        comparer._caps_ascii = _TimedCaps(comparer._caps_ascii, spent)

    saved = [(quotes, "quote_marks", quotes.quote_marks, "quotes"),
             (model, "split_sentences", model.split_sentences, "sentences"),
             (repetition, "_repeated_runs", repetition._repeated_runs, "repeated-word runs"),
             (vc._Table, "sharing", vc._Table.sharing, "variants signatures")]
    for owner, name, fn, label in saved:
        spent.setdefault(label, 0.0)
        setattr(owner, name, wrap(fn, label))
    spent.setdefault("variants scan", 0.0)
    vc.Comparer.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        for owner, name, fn, _label in saved:
            setattr(owner, name, fn)
        vc.Comparer.__init__ = python_init  # type: ignore[method-assign]


def whole(core: ModuleType, files: list[Path], rounds: int, under_callgrind: bool = False) -> int:
    """Whole lints of the corpus in this process (documents built, every check
    of the default style run, findings made), with the Python passes and with
    the C ones; the findings must be equal."""
    from copylint import load_rules
    from copylint.engine.core import Engine

    rules = load_rules()
    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]

    def lint() -> list:
        engine = Engine(rules, rules.known_ids)
        return [engine.lint(make_document(text, path)) for path, text in texts]

    def lint_c() -> list:
        with c_passes(core):
            return lint()

    if under_callgrind:
        for fn, label in ((lint, "Python"), (lint_c, "C")):
            fn()
            core.callgrind_toggle()
            fn()
            core.callgrind_toggle()
            core.callgrind_dump(f"whole lint / {label}")
        return 0
    plain, compiled = lint(), lint_c()
    if plain != compiled:
        bad = sum(a != b for a, b in zip(plain, compiled))
        print(f"whole lint: the findings of {bad} stories differ with the C passes")
        return 1
    found = sum(map(len, plain))
    times: dict[str, list[float]] = {"Python": [], "C": []}
    for round_ in range(rounds):
        for label, fn in ((("Python", lint), ("C", lint_c)) if round_ % 2 == 0 else
                          (("C", lint_c), ("Python", lint))):
            start = time.process_time()
            fn()
            times[label].append(time.process_time() - start)
    py, c = min(times["Python"]), min(times["C"])
    print(f"\nWhole lint in this process ({len(texts)} stories, {found} findings, equal with the C passes), "
          f"CPU, minimum of {rounds} rounds, interleaved:")
    print(f"  Python passes {py:.3f} s, C passes {c:.3f} s: {c - py:+.3f} s ({(c - py) / py:+.1%})")
    rounds_spent = []
    for _round in range(3):
        spent: dict[str, float] = {}
        with timed_passes(spent):
            start = time.process_time()
            lint()
            total = time.process_time() - start
        rounds_spent.append((sum(spent.values()), total, spent))
    parts, total, spent = min(rounds_spent, key=lambda r: r[1])
    print(f"  the Python passes inside it (each call timed; the fastest of 3 lints, {total:.3f} s): "
          f"{parts:.3f} s ({parts / total:.1%}): "
          + ", ".join(f"{k} {v:.3f}" for k, v in sorted(spent.items(), key=lambda kv: -kv[1])))
    return 0


def commands(corpus: Path, rounds: int) -> None:
    """CPU of the whole corpus command against codespell's, taking turns (user
    + system time of each child, ``os.wait4``), run from a temporary folder
    with bytecode written: the anchor of the extrapolation."""
    bin_dir = Path(sys.executable).parent
    codespell = shutil.which("codespell", path=str(bin_dir)) or shutil.which("codespell")
    runs = {"copylint": [str(bin_dir / "copylint"), "check", "--jobs", "1", "--no-config", str(corpus)]}
    if codespell:
        runs["codespell"] = [codespell, str(corpus)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in runs}
    with tempfile.TemporaryDirectory() as cwd:
        for round_ in range(rounds + 1):
            for name, command in (runs.items() if round_ % 2 == 0 else reversed(list(runs.items()))):
                child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
                _pid, _status, usage = os.wait4(child.pid, 0)
                if round_:  # the first round writes bytecode and fills the rule cache
                    times[name].append(usage.ru_utime + usage.ru_stime)
    print(f"\nWhole commands on {corpus}, CPU (user + system), minimum and median of {rounds} runs, taking turns:")
    for name, values in times.items():
        values.sort()
        print(f"  {name:10} {values[0]:.3f} s   {values[len(values) // 2]:.3f} s")
    if "codespell" in times:
        print(f"  copylint's throughput against codespell's: "
              f"{min(times['codespell']) / min(times['copylint']):.2f}x (minimum)")


def load(corpus: Path, passes: Passes) -> list[Story]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    return [Story(str(f.relative_to(corpus)), f.read_text(encoding="utf-8"), passes, str(f)) for f in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--generated", type=int, default=3000, help="generated stories to check (default 3000)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    parser.add_argument("--keep-dumps", type=Path, help="write callgrind's dumps (one a loop) to this folder")
    parser.add_argument("--whole", action="store_true",
                        help="also whole lints of the corpus in this process, with the Python and the C passes")
    parser.add_argument("--commands", action="store_true",
                        help="also the whole corpus command against codespell (CPU, taking turns)")
    parser.add_argument("--check-only", action="store_true", help="build and check equality; measure nothing")
    parser.add_argument("--under-callgrind", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if compiler() is None:
        print("no C compiler (with Python's headers and setuptools) found: nothing built, nothing measured")
        return 0
    with tempfile.TemporaryDirectory(prefix="copylint-core-") as tmp:
        core = build(Path(tmp))
        passes = Passes(core)
        stories = load(args.corpus, passes) if args.corpus.is_dir() else []
        if args.under_callgrind:
            if not core.HAVE_CALLGRIND:
                print("no callgrind header at build time")
                return 0
            for name, pair in loops(passes, stories).items():
                for which, label in ((0, "Python"), (1, "C")):
                    pair[which]()  # warm: caches, lazy patterns compiled
                    core.callgrind_toggle()
                    pair[which]()
                    core.callgrind_toggle()
                    core.callgrind_dump(f"{name} / {label}")
            if args.whole:
                whole(core, [args.corpus / s.name for s in stories], 1, under_callgrind=True)
            return 0
        failures = [f"{s.name}: {name}" for s in stories for name in differences(passes, s)]
        print(f"corpus {args.corpus}: {len(stories)} stories "
              f"({sum(s.marked for s in stories)} with the variants markers), "
              f"{sum(len(s.prose) for s in stories) / 1e6:.2f} M characters: "
              f"{'all passes equal' if not failures else f'{len(failures)} differences'}")
        generated_failures = check_generated(passes, args.generated)
        print(f"generated: {args.generated} stories (and each with blanked markup): "
              f"{'all passes equal' if not generated_failures else f'{len(generated_failures)} differences'}")
        for line in (failures + generated_failures)[:20]:
            print("  DIFFERS", line[:300])
        if failures or generated_failures:
            return 1
        if args.check_only or not stories:
            return 0
        table = loops(passes, stories)
        for py, c in table.values():  # warm
            py()
            c()
        cpu(table, args.rounds)
        if args.whole and whole(core, [args.corpus / s.name for s in stories], args.rounds) != 0:
            return 1
    if args.commands:
        commands(args.corpus, args.rounds)
    if args.instructions:
        return instructions(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
