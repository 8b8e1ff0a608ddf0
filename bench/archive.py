"""Archive throughput: a generated archive of news-like stories (JSON lines and
Parquet) linted by ``copylint archive`` with ``--jobs 1``, ``--jobs 2`` and a
local Dask cluster of two worker processes; stories per second and the peak
memory of every process; a projection for 50 million stories.

    python bench/archive.py                      # 200,000 stories
    python bench/archive.py --stories 20000 --keep /tmp/archive-bench

Needs pyarrow and dask[distributed] (``pip install -e '.[parquet,dask]'``).
Each measurement runs in a fresh Python process so that memory figures do not
carry over.  The text is generated here from word lists written for this
benchmark (no corpus is read)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["the harbour district", "the old town", "the northern suburbs", "the county hall",
          "the river crossing", "the airport", "the university campus", "the market square"]
WHO = ["The council", "A spokesman for the police", "The regional health board", "Local traders",
       "The transport minister", "Residents", "The fire service", "The mayor", "Union leaders",
       "A court in the capital", "The school's head teacher", "Opposition members"]
DID = ["said on Tuesday that", "confirmed that", "warned that", "announced that",
       "told reporters that", "denied claims that", "argued that", "said in a statement that"]
WHAT = ["the new bus lanes would open in {month}", "repairs to {place} would take six weeks",
        "{count} jobs were at risk", "the budget for {place} had been cut by {count} per cent",
        "the inquiry would report in {month}", "water supplies to {place} were safe",
        "a second vote would be held in {month}", "the festival in {place} drew {count},000 people",
        "the talks had broken down", "the plan for {place} had been approved"]
MONTHS = ["January", "March", "May", "June", "September", "October", "December"]
QUOTES = ["\"We have listened to the people who live here,\" {who_l} said.",
          "\"This is not the end of the matter,\" one member said.",
          "Officials did not say when the work would finish.",
          "The decision can be appealed within 28 days.",
          "Turnout was higher than at the last election."]
#: (probability per sentence, what to do to it): the errors an archive collects.
ERRORS = [
    (0.012, lambda s: s.replace(" the ", " the the ", 1)),           # doubled word
    (0.010, lambda s: s.replace(",", ",,", 1) if "," in s else s + ",,"),
    (0.010, lambda s: s[:-1] + " ."),                                # space before full stop
    (0.008, lambda s: s.replace("the capital", "Kiev") if "capital" in s else s + " Talks in Kiev resumed."),
    (0.006, lambda s: s.replace(" ", "&nbsp;", 1)),                  # CMS residue
    (0.006, lambda s: s.replace(" said", " said said", 1)),
    (0.005, lambda s: s.replace(".", "..", 1)),
]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.2:
        text = rng.choice(QUOTES).format(who_l=rng.choice(WHO).lower())
    else:
        what = rng.choice(WHAT).format(month=rng.choice(MONTHS), place=rng.choice(PLACES),
                                       count=rng.randint(2, 90))
        text = f"{rng.choice(WHO)} {rng.choice(DID)} {what}."
    for probability, damage in ERRORS:
        if rng.random() < probability:
            text = damage(text)
    return text


def story(number: int, rng: random.Random) -> dict:
    paragraphs = ["\n".join([" ".join(sentence(rng) for _ in range(rng.randint(1, 3)))])
                  for _ in range(rng.randint(5, 14))]
    return {"id": f"story-{number:08d}", "headline": sentence(rng).rstrip(".")[:80],
            "body": "\n\n".join(paragraphs),
            "date": f"{rng.randint(1996, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}


def generate(folder: Path, stories: int, seed: int = 2026) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    jsonl, parquet = folder / "archive.jsonl", folder / "archive.parquet"
    if jsonl.exists() and parquet.exists() and jsonl.with_suffix(".count").exists() \
            and jsonl.with_suffix(".count").read_text() == str(stories):
        return jsonl, parquet
    rng = random.Random(seed)
    writer = None
    with open(jsonl, "w", encoding="utf-8") as out:
        batch: list[dict] = []
        for number in range(stories):
            row = story(number, rng)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            batch.append(row)
            if len(batch) == 10_000 or number == stories - 1:
                table = pa.Table.from_pylist(batch)
                writer = writer or pq.ParquetWriter(parquet, table.schema, compression="zstd")
                writer.write_table(table, row_group_size=5_000)
                batch = []
    if writer is not None:
        writer.close()
    jsonl.with_suffix(".count").write_text(str(stories))
    return jsonl, parquet


def measure_one(mode: str, source: str, output: str) -> dict:
    """One run in this (fresh) process; printed as JSON by ``--one``."""
    from copylint import Linter
    from copylint.archive import Columns, open_writer, run_archive
    from copylint.archive.work import peak_rss_kib

    columns = Columns(text=("headline", "body"), date="date")
    linter = Linter()
    client = cluster = None
    started = time.perf_counter()
    if mode == "dask2":
        from copylint.archive.dask import connect

        client, cluster = connect("local", workers=2)
    ready = time.perf_counter()
    writer = open_writer(output)
    summary = run_archive([source], writer, linter, columns,
                          jobs=2 if mode == "jobs2" else 1, scheduler=client)
    writer.close()
    done = time.perf_counter()
    if client is not None:
        client.close()
        cluster.close()
    workers = {pid: kib for pid, kib in summary.peak_rss_kib.items() if pid != os.getpid()}
    return {"mode": mode, "stories": summary.stories, "findings": summary.findings,
            "partitions": summary.partitions, "seconds": done - ready,
            "startup_seconds": ready - started,
            "main_peak_mb": peak_rss_kib() / 1024,
            "worker_peak_mb": sorted(round(kib / 1024, 1) for kib in workers.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="Folder for the generated archive (kept).")
    parser.add_argument("--modes", default="jobs1,jobs2,dask2")
    parser.add_argument("--formats", default="jsonl,parquet")
    parser.add_argument("--one", nargs=3, metavar=("MODE", "SOURCE", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")  # as copylint archive does
        print(json.dumps(measure_one(*args.one)))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="copylint-archive-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    jsonl, parquet = generate(folder, args.stories)
    print(f"archive: {args.stories} stories, JSONL {jsonl.stat().st_size / 1e6:.0f} MB, "
          f"Parquet {parquet.stat().st_size / 1e6:.0f} MB (generated in "
          f"{time.perf_counter() - began:.0f} s) in {folder}", flush=True)
    rows = []
    outputs = {}
    for fmt in args.formats.split(","):
        source = jsonl if fmt == "jsonl" else parquet
        for mode in args.modes.split(","):
            output = folder / f"findings-{fmt}-{mode}.jsonl"
            run = subprocess.run([sys.executable, __file__, "--one", mode, str(source), str(output)],
                                 capture_output=True, text=True, check=True)
            result = json.loads(run.stdout.strip().splitlines()[-1])
            result["format"] = fmt
            outputs[(fmt, mode)] = hashlib.sha256(output.read_bytes()).hexdigest()
            output.unlink()
            rows.append(result)
            rate = result["stories"] / result["seconds"]
            print(f"{fmt:8} {mode:6} {result['seconds']:8.1f} s  {rate:8.0f} stories/s  "
                  f"{result['findings']} findings  main {result['main_peak_mb']:.0f} MB  "
                  f"workers {result['worker_peak_mb']} MB  (start {result['startup_seconds']:.1f} s)",
                  flush=True)
    same = len(set(outputs.values())) == 1
    print(f"identical findings in every mode and format: {same}")
    by = {(r["format"], r["mode"]): r["stories"] / r["seconds"] for r in rows}
    if ("jsonl", "jobs2") in by and ("jsonl", "dask2") in by:
        print(f"Dask (2 workers) vs --jobs 2 on JSONL: {by[('jsonl', 'dask2')] / by[('jsonl', 'jobs2')]:.0%}")
    if ("jsonl", "jobs1") in by:
        core = by[("jsonl", "jobs1")]
        print(f"per-core rate (--jobs 1, JSONL): {core:.0f} stories/s; 50 million stories take")
        for workers in (1, 8, 32, 128):
            print(f"  {workers:4} workers: {50e6 / (core * workers) / 3600:8.1f} h (linear scaling)")


if __name__ == "__main__":
    main()
