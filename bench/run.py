#!/usr/bin/env python3
"""copylint benchmark: throughput, start-up, memory, scaling, and peers.

    python bench/run.py            # full run (a few minutes; writes ~200 MB to a temp dir)
    python bench/run.py --quick    # smoke run: small sizes, seconds

Whole commands (copylint check against codespell, typos and proselint; 100 vs
10,000 substitution terms; the CLI's peak memory at 1,000 / 10,000 / 100,000
files) are measured by CPU time (user + system of that child, ``os.wait4``),
taking turns, and reported as medians.

Every measurement runs in a fresh child process (so peak memory is that of
one run) and is the best of ``--repeat`` runs (the least disturbed by other
load on the machine).  Peers (proselint, codespell) run on the same files in
the same run when installed; ratios, not absolute numbers, are what carry over
between machines.  Timings live here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import substitution_pack, write_repository  # noqa: E402

def _shared_news() -> Path:
    """``../shared/corpus/news`` seen from the checkout (or from a folder above
    it, for a git worktree); a path that does not exist when there is none."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpus" / "news"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpus" / "news"


SHARED_NEWS = _shared_news()
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


# -- child side -------------------------------------------------------------------
def child(spec: dict) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    started = time.perf_counter()
    import copylint
    from copylint.api import lint_paths
    from copylint.engine.linting import engine_for

    imported = time.perf_counter()
    rules = copylint.load_rules(spec.get("rules", []), builtin=spec.get("builtin", True))
    engine_for(rules).compile_all()  # compile before the clock starts (once per run)
    loaded = time.perf_counter()
    cpu_before = _cpu()
    report = lint_paths([spec["path"]], rules, jobs=spec.get("jobs", 1))
    done = time.perf_counter()
    cpu = _cpu() - cpu_before
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "import": imported - started, "load": loaded - imported, "lint": done - loaded,
        "cpu": cpu, "load_avg": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "findings": len(report.findings), "files": report.files,
        "maxrss_kb": max(usage.ru_maxrss, children.ru_maxrss),
    }))


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children:
    unlike wall time, barely disturbed by other work on a shared machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(spec: dict, repeat: int) -> dict:
    """Best of ``repeat`` child runs (by lint time)."""
    best: dict | None = None
    for _ in range(repeat):
        out = subprocess.run([sys.executable, str(Path(__file__)), "--child", json.dumps(spec)],
                             capture_output=True, text=True, check=True, env=_env())
        result = json.loads(out.stdout)
        if best is None or result["lint"] < best["lint"]:
            best = result
    assert best is not None
    return best


def wall(command: list[str], repeat: int, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> dict:
    """Best wall time and the CPU time of that run, of a whole command."""
    best: dict | None = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                       env=env or _env(), check=False)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or seconds < best["wall"]:
            best = {"wall": seconds, "cpu": cpu}
    assert best is not None
    return best


def whole(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> dict:
    """One run of a whole command: its CPU time (user + system of that child
    alone, from ``os.wait4``) and its peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                            env=env or _env())
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "maxrss_mb": usage.ru_maxrss / 1024}


def interleaved(commands: dict[str, list[str]], repeat: int,
                env: dict[str, str] | None = None) -> dict[str, dict]:
    """Each command ``repeat`` times, taking turns (so that load on a shared
    machine falls on all alike); the median CPU time, wall time and peak
    memory of each."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(whole(command, env=env))
    return {name: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for name, results in runs.items()}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _installed_env(pycache: Path) -> dict[str, str]:
    """:func:`_env` as an installed copylint runs: with compiled bytecode
    (pip writes it at install time), kept in ``pycache`` rather than in the
    checkout, even when the caller's environment says not to write any."""
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


# -- corpus --------------------------------------------------------------------------
def corpus_stats(root: Path) -> tuple[int, int, int]:
    """(files, bytes, words) of the lintable files under ``root``."""
    files = size = words = 0
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
            data = path.read_bytes()
            files += 1
            size += len(data)
            words += len(data.split())
    return files, size, words


def find_peer(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


# -- report ----------------------------------------------------------------------------
class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str]] = []
        self.results: dict[str, float] = {}

    def add(self, label: str, value: str, key: str | None = None, number: float | None = None) -> None:
        self.rows.append((label, value))
        print(f"  {label:<58} {value}", flush=True)
        if key is not None and number is not None:
            self.results[key] = number


def small_story(news: Path, work: Path) -> Path:
    """A news story of about 2 kB (from the corpus when there is one of that size)."""
    for path in sorted(news.rglob("*.txt")):
        if 1800 <= path.stat().st_size <= 2200:
            return path
    story = work / "story.txt"
    story.write_text(("Crews repaired the bridge in Kyiv on Monday, officials said. " * 32).strip() + "\n",
                     encoding="utf-8")
    return story


def write_small_files(root: Path, count: int) -> Path:
    """``count`` one-line stories, 1,000 to a folder."""
    for i in range(count):
        folder = root / f"d{i // 1000:03}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story{i:06}.txt").write_text(
            f"Crews repaired the bridge in Lviv on Monday, officials said. Story {i}.\n", encoding="utf-8")
    return root


PEERS = {  # name: arguments before the paths (one thread: CPU time is compared)
    "codespell": [],
    "typos": ["--threads", "1"],
    "proselint": ["check"],
}


def peers_section(table: "Table", news: Path, size: int, story: Path, repeat: int,
                  installed: dict[str, str]) -> None:
    """copylint against codespell, typos and proselint: whole commands on the
    same files in the same run, CPU time (user + system of each child),
    median of ``repeat`` interleaved runs."""
    print("peers on the same files (whole commands, CPU time, medians of interleaved runs):")
    ours = [sys.executable, "-m", "copylint", "check", "--jobs", "1"]
    corpus_cmds = {"copylint": [*ours, str(news)]}
    story_cmds = {"copylint": [*ours, str(story)]}
    for name, peer_args in PEERS.items():
        exe = find_peer(name)
        if exe is None:
            table.add(name, "not installed, skipped (pip install '.[bench]')")
            continue
        corpus_cmds[name] = [exe, *peer_args, str(news)]
        story_cmds[name] = [exe, *peer_args, str(story)]
    env = installed
    whole(story_cmds["copylint"], env=env)  # bytecode and rule cache warm
    corpus = interleaved(corpus_cmds, repeat, env=env)
    stories = interleaved(story_cmds, max(repeat, 5), env=env)
    mine = corpus["copylint"]
    table.add("copylint check --jobs 1, news corpus", f"{mb(size) / mine['cpu']:.2f} MB per CPU second "
              f"(CPU {mine['cpu']:.2f} s, wall {mine['wall']:.2f} s)", "whole_cpu_s", mine["cpu"])
    table.add(f"copylint check, one {story.stat().st_size:,}-byte story", f"{stories['copylint']['cpu'] * 1000:.0f} ms "
              "of CPU", "story_cpu_ms", stories["copylint"]["cpu"] * 1000)
    for name in corpus_cmds.keys() - {"copylint"}:
        theirs = corpus[name]
        ratio = theirs["cpu"] / mine["cpu"]
        table.add(f"{name}, news corpus", f"CPU {theirs['cpu']:.2f} s: copylint/{name} throughput = "
                  f"{ratio:.2f}x (CPU)", f"cpu_ratio_{name}", ratio)
        table.add(f"{name}, one story", f"{stories[name]['cpu'] * 1000:.0f} ms of CPU",
                  f"story_cpu_ms_{name}", stories[name]["cpu"] * 1000)


def mb(n: float) -> float:
    return n / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run in seconds")
    parser.add_argument("--corpus", type=Path, help="clean corpus directory (default: ../shared/corpus/news)")
    parser.add_argument("--no-shared", action="store_true", help="ignore ../shared; generate the clean corpus")
    parser.add_argument("--no-peers", action="store_true", help="do not run proselint and codespell")
    parser.add_argument("--repeat", type=int, default=None, help="best of N runs (default 3, quick 1)")
    parser.add_argument("--workdir", type=Path, help="where to generate corpora (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0

    repeat = args.repeat or (1 if args.quick else 3)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="copylint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    table = Table()
    try:
        run_all(args, repeat, work, table)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(table.results, indent=2) + "\n", encoding="utf-8")
    return 0


def run_all(args: argparse.Namespace, repeat: int, work: Path, table: Table) -> None:
    quick = args.quick
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"copylint benchmark: Python {sys.version.split()[0]}, {cpus} CPUs, best of {repeat}")

    # 1. the clean corpus
    news = args.corpus or SHARED_NEWS
    if args.no_shared or not news.is_dir():
        news = write_repository(work / "clean", 40 if quick else 3000,
                                200_000 if quick else 6_500_000, error_rate=0.02)
        print(f"clean corpus: generated ({news})")
    else:
        print(f"clean corpus: {news}")
    files, size, words = corpus_stats(news)
    print(f"  {files} files, {mb(size):.2f} MB, {words} words")

    print("throughput, full default rule set (lint time, rules loaded):")
    one = measure({"path": str(news), "jobs": 1}, repeat)
    table.add("1 process, wall", f"{mb(size) / one['lint']:.2f} MB/s, {words / one['lint']:,.0f} words/s "
              f"({one['lint']:.2f} s, {one['findings']} findings)", "news_mb_s_1", mb(size) / one["lint"])
    table.add("1 process, CPU time (per core)", f"{mb(size) / one['cpu']:.2f} MB/s "
              f"({one['cpu']:.2f} s of CPU)", "news_mb_s_cpu", mb(size) / one["cpu"])
    allc = measure({"path": str(news), "jobs": 0}, repeat)
    table.add(f"all cores (--jobs 0 = {cpus}), wall", f"{mb(size) / allc['lint']:.2f} MB/s "
              f"({allc['lint']:.2f} s; {allc['cpu']:.2f} s of CPU in all processes; "
              f"load average {allc['load_avg']:.2f})", "news_mb_s_all", mb(size) / allc["lint"])
    table.add("peak memory, 1 process", f"{one['maxrss_kb'] / 1024:.0f} MB", "news_rss_mb", one["maxrss_kb"] / 1024)

    # 2. start-up: the pre-commit case
    print("start-up (copylint check on one small file, end to end):")
    small = work / "small.md"
    small.write_text("# Repairs\n\nCrews repaired the bridge in Kyiv on Monday, officials said.\n",
                     encoding="utf-8")
    small_txt = work / "small.txt"
    small_txt.write_text("Crews repaired the bridge in Kyiv on Monday, officials said.\n", encoding="utf-8")
    cache = work / "cache"
    command = [sys.executable, "-m", "copylint", "check", str(small)]
    os.environ["COPYLINT_CACHE_DIR"] = str(cache)
    runs = 2 if quick else max(repeat, 7)
    installed = _installed_env(work / "pycache")
    command_txt = [sys.executable, "-m", "copylint", "check", str(small_txt)]
    wall(command, 1, env=installed)  # warm the rule cache, bytecode and the OS file cache
    warm_txt = wall(command_txt, runs, env=installed)
    table.add("small.txt: wall, rule cache warm", f"{warm_txt['wall'] * 1000:.0f} ms "
              f"(CPU {warm_txt['cpu'] * 1000:.0f} ms)", "startup_txt_ms", warm_txt["wall"] * 1000)
    warm = wall(command, runs, env=installed)
    table.add("small.md: wall, rule cache warm", f"{warm['wall'] * 1000:.0f} ms "
              f"(CPU {warm['cpu'] * 1000:.0f} ms; Markdown parser imported)", "startup_ms",
              warm["wall"] * 1000)
    no_bytecode = {**_env(), "PYTHONDONTWRITEBYTECODE": "1"}
    source = wall(command_txt, runs, env=no_bytecode)
    table.add("small.txt, PYTHONDONTWRITEBYTECODE=1 (source checkout)",
              f"{source['wall'] * 1000:.0f} ms", "startup_txt_source_ms", source["wall"] * 1000)
    cold = wall(command, runs, env={**installed, "COPYLINT_NO_CACHE": "1"})
    table.add("wall, no rule cache (YAML parsed and validated)", f"{cold['wall'] * 1000:.0f} ms")
    python = wall([sys.executable, "-c", "pass"], runs)
    table.add("  of which the Python interpreter alone", f"{python['wall'] * 1000:.0f} ms")
    parts = measure({"path": str(small)}, runs)
    table.add("  import copylint / load rules (cached)",
              f"{parts['import'] * 1000:.0f} ms / {parts['load'] * 1000:.0f} ms")

    # 3. peers, same files, same run: whole commands, CPU time, medians
    if not args.no_peers:
        peers_section(table, news, size, small_story(news, work), repeat, installed)

    # 4. the content repository
    repo_files, repo_bytes = (100, 400_000) if quick else (10_000, 50_000_000)
    repo = write_repository(work / "repo", repo_files, repo_bytes, error_rate=0.5)
    files, size, words = corpus_stats(repo)
    print(f"content repository (generated Markdown): {files} files, {mb(size):.1f} MB")
    j1 = wall([sys.executable, "-m", "copylint", "check", "--jobs", "1", str(repo)], repeat)
    jn = wall([sys.executable, "-m", "copylint", "check", "--jobs", str(max(cpus, 2)), str(repo)], repeat)
    table.add("copylint check --jobs 1", f"{j1['wall']:.2f} s, {mb(size) / j1['wall']:.2f} MB/s "
              f"(CPU {j1['cpu']:.2f} s: {mb(size) / j1['cpu']:.2f} MB/s per CPU second)",
              "repo_mb_s_cpu", mb(size) / j1["cpu"])
    table.add(f"copylint check --jobs {max(cpus, 2)}", f"{jn['wall']:.2f} s, {mb(size) / jn['wall']:.2f} MB/s "
              f"(CPU {jn['cpu']:.2f} s): {j1['wall'] / jn['wall']:.2f}x faster", "jobs_speedup",
              j1["wall"] / jn["wall"])
    # On a machine busy with other work the wall-clock ratio says little; the
    # load average tells the reader whether the cores were free.
    if hasattr(os, "getloadavg"):
        table.add("load average during the run (1 min)", f"{os.getloadavg()[0]:.2f} on {cpus} CPUs")

    # 5. cost of many terms
    print("substitution terms in one rule pack (clean corpus, that pack alone):")
    base = None
    packs = {}
    for terms in (100, 1000, 10000):
        packs[terms] = pack = substitution_pack(work / f"terms-{terms}.yml", terms)
        result = measure({"path": str(news), "rules": [str(pack)], "builtin": False}, repeat)
        base = base or result["cpu"]
        table.add(f"{terms:>6} terms, lint", f"{result['cpu']:.2f} s of CPU ({result['cpu'] / base:.2f}x the "
                  f"100-term time)", f"terms_{terms}_ratio", result["cpu"] / base)
    command = [sys.executable, "-m", "copylint", "check", "--jobs", "1", "--no-config", "--no-builtin"]
    both = interleaved({n: [*command, "--rules", str(packs[n]), str(news)] for n in (100, 10000)},
                       max(repeat, 3), env=installed)
    table.add("10,000 vs 100 terms, whole command (CPU, median)",
              f"{both[10000]['cpu']:.2f} s vs {both[100]['cpu']:.2f} s = "
              f"{both[10000]['cpu'] / both[100]['cpu']:.2f}x", "terms_whole_command_ratio",
              both[10000]["cpu"] / both[100]["cpu"])

    # 5b. CLI peak memory as the number of files grows
    print("copylint check --jobs 1 on many small files (whole command):")
    for count in ((100, 1000, 3000) if quick else (1_000, 10_000, 100_000)):
        folder = write_small_files(work / f"files-{count}", count)
        result = whole([*command[:-2], str(folder)], env=installed)
        table.add(f"{count:>7,} files", f"peak {result['maxrss_mb']:.0f} MB RSS, "
                  f"{result['cpu']:.2f} s of CPU", f"cli_rss_mb_{count}", result["maxrss_mb"])
        shutil.rmtree(folder, ignore_errors=True)

    # 6. cost per MB as the repository grows
    print("repository size (generated Markdown, 5 kB articles, 1 process):")
    for megabytes in ((0.1, 0.2, 0.4) if quick else (1, 10, 100)):
        target = int(megabytes * 1_000_000)
        folder = write_repository(work / f"size-{megabytes}", max(target // 5000, 1), target, error_rate=0.05)
        _, size, _ = corpus_stats(folder)
        result = measure({"path": str(folder), "jobs": 1}, 1)
        table.add(f"{megabytes:>5g} MB", f"{result['cpu'] / mb(size):.3f} CPU s/MB, peak "
                  f"{result['maxrss_kb'] / 1024:.0f} MB RSS ({result['findings']} findings)",
                  f"size_{megabytes}_s_per_mb", result["cpu"] / mb(size))
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
