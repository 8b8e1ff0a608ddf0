#!/usr/bin/env python3
"""Speed of Vale styles in copylint's Vale mode, next to the built-in pack.

Loads the write-good, proselint and Readability styles from Vale's test data
(``../shared/vale-testdata/styles``) through a ``.vale.ini`` written to a
temporary folder, lints the first N clean news articles
(``../shared/corpus/news``, ``.txt``) with them, and lints the same articles
with copylint's built-in newsroom pack.  Prints files, MB, seconds, MB/s and
alerts for both (CPU seconds of this process, so other load on the
machine does not skew them), and any rule that was skipped or raised.

    python3 bench/vale_styles_speed.py [--files 300] [--styles write-good,proselint,Readability]
    python3 bench/vale_styles_speed.py --profile   # cProfile of the Vale run, top 25
    python3 bench/vale_styles_speed.py --dump alerts.txt  # every alert, one a line (to diff)

Skips (exit 0 with a message) when the shared data is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SHARED = HERE.parent.parent / "shared"
if not (SHARED / "vale-testdata").is_dir():
    SHARED = Path("/work/shared")
STYLES = SHARED / "vale-testdata" / "styles"
CORPUS = SHARED / "corpus" / "news"


def articles(count: int) -> list[tuple[Path, str]]:
    files = sorted(CORPUS.rglob("*.txt"))[:count]
    return [(p, p.read_text(encoding="utf-8", errors="replace")) for p in files]


def run_vale(texts: list[tuple[Path, str]], styles: list[str],
             dump: list[str] | None = None) -> tuple[float, int, list[str]]:
    """Lint ``texts`` through the public API with a Vale rule set, as
    ``copylint check --vale`` does (copylint's engine, the scoped kind)."""
    import copylint
    from copylint.vale.rules import load_vale_rules

    with tempfile.TemporaryDirectory() as tmp:
        ini = Path(tmp) / ".vale.ini"
        ini.write_text(f"StylesPath = {STYLES}\nMinAlertLevel = suggestion\n\n"
                       f"[*]\nBasedOnStyles = {', '.join(styles)}\n", encoding="utf-8")
        rules = load_vale_rules(ini)
    problems = [f"skipped {rule}: {why}" for rule, why in rules.linter.styles.skipped]
    alerts = 0
    start = time.process_time()
    for path, text in texts:
        try:
            found = copylint.lint_text(text, rules, path=path.name, fmt="text")
            alerts += len(found)
            if dump is not None:
                dump += [f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.level}:{f.message}" for f in found]
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure
            problems.append(f"{path.name}: {type(exc).__name__}: {exc}")
    return time.process_time() - start, alerts, problems


def run_builtin(texts: list[tuple[Path, str]]) -> tuple[float, int]:
    import copylint

    alerts = 0
    start = time.process_time()
    for _path, text in texts:
        alerts += len(copylint.lint_text(text))
    return time.process_time() - start, alerts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--styles", default="write-good,proselint,Readability")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, help="write every Vale alert to this file, one a line")
    args = parser.parse_args(argv)
    if not STYLES.is_dir() or not CORPUS.is_dir():
        print(f"shared data not found ({STYLES}, {CORPUS}); skipping")
        return 0
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    texts = articles(args.files)
    megabytes = sum(len(t.encode("utf-8")) for _p, t in texts) / 1e6
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        run_vale(texts, styles)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return 0
    dump: list[str] | None = [] if args.dump else None
    vale_s, vale_alerts, problems = run_vale(texts, styles, dump)
    if args.dump and dump is not None:
        args.dump.write_text("".join(line + "\n" for line in dump), encoding="utf-8")
    pack_s, pack_alerts = run_builtin(texts)
    print(f"{len(texts)} articles, {megabytes:.2f} MB")
    print(f"Vale styles ({', '.join(styles)}): {vale_s:.2f} s CPU, {megabytes / vale_s:.2f} MB/s, "
          f"{vale_alerts} alerts")
    print(f"built-in newsroom pack: {pack_s:.2f} s CPU, {megabytes / pack_s:.2f} MB/s, {pack_alerts} findings")
    for problem in problems:
        print(f"  {problem}")
    return 1 if any(": " in p and not p.startswith("skipped") for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
