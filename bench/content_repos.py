#!/usr/bin/env python3
"""copylint on real content repositories (Hugo, Jekyll, MDX/Docusaurus sites).

    python bench/content_repos.py SITE_DIR [SITE_DIR ...] [--style NAME] [--unsafe] [--show N]

For each site folder (a checkout of a public site's sources) it prints:

* files linted and prose words (words of the source once every non-prose
  construct below is removed);
* errors, warnings and suggestions per 10,000 prose words;
* findings inside non-prose syntax (the span starts or ends in it), and
  findings whose span runs across a construct with prose on both sides
  (``the [the](x)``: a real doubled word; reported, not counted as inside);
* files in which ``copylint fix`` (run on a scratch copy) changed any
  non-prose construct, and the fixes the engine dropped because they would
  have crossed into non-prose (counted in-process with the same rules).

Non-prose syntax is recognised here from the raw source with simple patterns
of its own, independently of copylint's format readers: front matter (YAML,
TOML, JSON), fenced code, code spans, Hugo shortcodes (``{{< >}}``,
``{{% %}}``; the content of code shortcodes), Liquid tags and output (and the
content of ``highlight``/``raw``/``comment`` blocks), HTML comments and tags,
MDX ``import``/``export`` lines and JSX expressions, Kramdown attribute lists,
Markdown link destinations and URLs.  A site is run through the real command
line (``copylint check --format json`` and ``copylint fix``), so file
discovery, format detection and configuration are those a CI job gets.
Exit status: 0, or 1 when a site has a finding in non-prose syntax or a file
whose non-prose constructs ``fix`` changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".md", ".markdown", ".mdx", ".html", ".htm", ".txt")

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_SHORTCODE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S)
_CODE_SHORTCODE = re.compile(
    r"\{\{[<%]\s*(highlight|code|code-toggle|datatable|raw)\b.*?[>%]\}\}.*?"
    r"\{\{[<%]\s*/\s*\1\s*[>%]\}\}", re.S)
_LIQUID_BLOCK = re.compile(
    r"\{%-?\s*(highlight|raw|comment|capture)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"""</?[A-Za-z][\w:.\-]*(?:\s(?:[^<>"'{]|"[^"\n]*"|'[^'\n]*'|\{[^{}]*\})*)?/?>""")
_MDX_LINE = re.compile(r"^(?:import|export)\s.*$", re.M)
_JSX_EXPR = re.compile(r"\{[^{}\n]*\}")
_IAL = re.compile(r"\{:[^}\n]*\}")
_LINK_DEST = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+")


_READ_ATTRIBUTE = re.compile(r"""\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def read_attributes(text: str) -> list[tuple[int, int]]:
    """Values of ``alt`` and ``title`` attributes: text inside a tag that a
    screen reader reads aloud, linted as prose (never fixed)."""
    spans = []
    for tag in _HTML_TAG.finditer(text):
        for m in _READ_ATTRIBUTE.finditer(tag.group()):
            a, b = m.span(1) if m.group(1) is not None else m.span(2)
            spans.append((tag.start() + a, tag.start() + b))
    return spans


def front_matter(text: str) -> list[tuple[int, int]]:
    for opener, closers in (("---", ("---", "...")), ("+++", ("+++",))):
        if text.startswith(opener + "\n") or text.startswith(opener + "\r\n"):
            for m in re.finditer(r"^(\S+)[ \t]*\r?$", text[3:], re.M):
                if m.group(1) in closers:
                    return [(0, 3 + m.end())]
    if text.startswith("{\n"):
        end = text.find("\n}\n")
        if end > 0:
            return [(0, end + 2)]
    return []


_FENCE_LINE = re.compile(r"^([ \t]*(?:>[ \t]?)*[ \t]*)(`{3,}|~{3,})(.*)$")


def fences(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks, line by line as CommonMark reads them: a fence of
    three or more backticks (no backtick in its info string) or tildes,
    closed by a fence of the same character at least as long."""
    spans: list[tuple[int, int]] = []
    opener: tuple[int, str] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE_LINE.match(line.rstrip("\r\n"))
        if opener is None:
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                opener = (offset, m.group(2))
        elif m and m.group(2)[0] == opener[1][0] and len(m.group(2)) >= len(opener[1]) \
                and not m.group(3).strip():
            spans.append((opener[0], offset + len(line)))
            opener = None
        offset += len(line)
    if opener is not None:
        spans.append((opener[0], len(text)))
    return spans


def non_prose_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are site syntax, code or addresses, not prose."""
    spans = front_matter(text) + fences(text)
    for pattern in (_CODE_SHORTCODE, _LIQUID_BLOCK, _HTML_COMMENT, _SHORTCODE, _LIQUID,
                    _CODE_SPAN, _HTML_TAG, _MDX_LINE, _IAL, _LINK_DEST, _URL):
        spans.extend(m.span() for m in pattern.finditer(text))
    if "import " in text or "export " in text or "<" in text:  # MDX / JSX expressions
        spans.extend(m.span() for m in _JSX_EXPR.finditer(text)
                     if not m.group().startswith(("{{", "{%", "{:")))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def constructs(text: str) -> list[str]:
    """The non-prose constructs of ``text``, in order (what ``fix`` must keep)."""
    return [text[a:b] for a, b in non_prose_spans(text)]


def prose_words(text: str) -> int:
    pieces, cursor = [], 0
    for a, b in non_prose_spans(text):
        pieces.append(text[cursor:a])
        cursor = b
    pieces.append(text[cursor:])
    return len(_WORD.findall(" ".join(pieces)))


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    end = max(end, start + 1)
    return any(a < end and start < b for a, b in spans)


def lies_inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does the span start or end inside non-prose syntax (what it flags is syntax)?"""
    last = max(start, end - 1)
    return any(a <= start < b or a <= last < b for a, b in spans)


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file()
                  and not any(part.startswith(".") or part == "node_modules"
                              for part in p.relative_to(site).parts))


def copylint(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "copylint", *args], capture_output=True,
                          text=True, env=env)


def read(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def dropped_fixes(texts: dict[Path, str], style: str | None) -> int:
    """Fixes the engine dropped because they would have changed non-prose
    (counted in-process: the command line does not print the count)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from copylint import load_rules
    from copylint.engine.core import DROPPED_FIXES
    from copylint.formats import make_document
    from copylint.engine.linting import engine_for

    rules = load_rules(style=style) if style else load_rules()
    total = 0
    for path, text in texts.items():
        doc = make_document(text, path=str(path))
        engine_for(rules).lint(doc)
        total += int(doc.memo.get(DROPPED_FIXES, 0))  # type: ignore[call-overload]
    return total


def measure(site: Path, style: str | None, unsafe: bool, show: int) -> bool:
    options = ["--no-config"] + (["--style", style] if style else [])
    files = site_files(site)
    texts = {p.resolve(): read(p) for p in files}
    words = sum(prose_words(t) for t in texts.values())
    run = copylint("check", "--format", "json", *options, str(site))
    if run.returncode not in (0, 1):
        print(f"{site}: copylint check failed: {run.stderr.strip()[:500]}")
        return False
    data = json.loads(run.stdout)
    levels: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    inside: list[tuple[str, int, int, str, str]] = []
    crossing: list[tuple[str, int, int, str, str]] = []
    span_cache: dict[Path, list[tuple[int, int]]] = {}
    for f in data["findings"]:
        levels[f["level"]] += 1
        rules[(f["level"], f["rule"])] += 1
        path = Path(f["path"]).resolve()
        text = texts.get(path)
        if text is None:
            continue
        spans = span_cache.get(path)
        if spans is None:
            spans = span_cache[path] = non_prose_spans(text)
        starts = line_starts(text)
        start = starts[f["line"] - 1] + f["column"] - 1
        end = starts[f["end_line"] - 1] + f["end_column"] - 1
        if not overlaps(spans, start, end):
            continue
        if any(a <= start and end <= b for a, b in read_attributes(text)):
            continue  # alt/title text: prose by design
        if not lies_inside(spans, start, end):
            crossing.append((str(path.relative_to(site.resolve())), f["line"], f["column"], f["rule"],
                             f["match"]))
        else:
            inside.append((str(path.relative_to(site.resolve())), f["line"], f["column"], f["rule"],
                           f["match"]))
    dropped = dropped_fixes(texts, style)
    damaged: list[str] = []
    with tempfile.TemporaryDirectory(prefix="copylint-sites-") as scratch:
        copy = Path(scratch) / site.name
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".git", "node_modules"))
        fix = copylint("fix", *options, *(["--unsafe-fixes"] if unsafe else []), str(copy))
        if fix.returncode not in (0, 1):
            print(f"{site}: copylint fix failed: {fix.stderr.strip()[:500]}")
            return False
        changed = 0
        for path in files:
            before = texts[path.resolve()]
            after = read(copy / path.relative_to(site))
            if after != before:
                changed += 1
                if constructs(after) != constructs(before):
                    damaged.append(str(path.relative_to(site)))
    per = 10_000 / words if words else 0.0
    print(f"{site.name}: {len(files)} files, {words} prose words")
    print(f"  per 10,000 words: {levels['error'] * per:.2f} errors, {levels['warning'] * per:.2f} "
          f"warnings, {levels['suggestion'] * per:.2f} suggestions "
          f"({levels['error']}/{levels['warning']}/{levels['suggestion']})")
    print(f"  findings inside non-prose syntax: {len(inside)}; across a construct "
          f"(prose on both sides): {len(crossing)}")
    print(f"  files fixed: {changed}; files whose non-prose constructs fix changed: {len(damaged)}; "
          f"fixes dropped at the prose boundary: {dropped}")
    if show:
        for (level, rule), n in rules.most_common(show):
            print(f"    {n:5d}  {level:<10} {rule}")
        for item in inside[:show]:
            print("    inside:", *item)
        for item in crossing[:show]:
            print("    across:", *item)
        for name in damaged[:show]:
            print("    damaged:", name)
    return not inside and not damaged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="folders of site sources")
    parser.add_argument("--style", help="house style (default: copylint's default)")
    parser.add_argument("--unsafe", action="store_true", help="let fix apply unsafe fixes too (--unsafe-fixes)")
    parser.add_argument("--show", type=int, default=0,
                        help="list the N most frequent rules and the first N problems")
    args = parser.parse_args(argv)
    ok = True
    for site in args.sites:
        if not site.is_dir():
            print(f"{site}: not a directory")
            ok = False
            continue
        ok = measure(site, args.style, args.unsafe, args.show) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
