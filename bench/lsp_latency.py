"""How quickly does ``copylint lsp`` answer a keystroke in a 5,000-word story,
and does its memory stay flat while a reporter types?

Starts the real server (``python -m copylint lsp``) and talks to it over
stdio as an editor does (JSON-RPC frames, parsed with ``json``):

* latency: open a 5,000-word Markdown story, then 50 single-character edits
  (typed in the middle of the story, incremental sync); for each, the time
  from sending ``textDocument/didChange`` to receiving the diagnostics for
  that version (the server's debounce included).  Median and 95th percentile.
* memory: 1,000 more edits (a character typed, then deleted, so the story
  keeps its size), each waited for; the server's resident set size (VmRSS)
  after the first 100 and then every 100 edits.

The story is built from articles of the clean news corpus
(../shared/corpus/news, read at run time) when it is there, else from
sentences written for this benchmark with a few slips in them.

    python bench/lsp_latency.py [--words 5000] [--edits 50] [--memory-edits 1000]
                                [--debounce-ms 20] [--synthetic] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/news")

SENTENCES = [
    "The council voted on Tuesday to raise the the parking charge by 4 per cent.",
    "Residents gathered outside the town hall , waiting for the result of the count.",
    '"We will not back down," said the mayor, who has led the city since 2019.',
    "Officials declined to comment on the report before the vote..",
    "A spokesperson for the police said enquiries into the fire were continuing.",
    "Shops along the high street reopened after the floods, the owners said.",
    "The bridge, built in 1932, will close for repairs until the spring.",
    "Troops left Chernobyl on Friday, the regional governor said.",
]


def story(words: int, synthetic: bool = False) -> tuple[str, str]:
    """A Markdown story of about ``words`` words, and where it comes from."""
    if CORPUS.is_dir() and not synthetic:
        parts, n = [], 0
        for path in sorted(CORPUS.rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            parts.append(text.strip())
            n += len(text.split())
            if n >= words:
                return "# Story\n\n" + "\n\n".join(parts) + "\n", f"{len(parts)} corpus articles"
    paragraphs, n, i = [], 0, 0
    while n < words:
        paragraph = " ".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(3))
        paragraphs.append(paragraph)
        n += len(paragraph.split())
        i += 1
    return "# Story\n\n" + "\n\n".join(paragraphs) + "\n", "synthetic sentences"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


class Connection:
    """A bare LSP connection to the server process: JSON-RPC frames over its
    standard input and output, parsed with ``json`` as an editor parses them
    (so the figures are the server's, not a Python client's)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.next_id = 0
        self.waiting: dict[int, asyncio.Future] = {}
        self.arrived: dict[int, float] = {}  # document version -> when its diagnostics came
        self.counts: dict[int, int] = {}
        self.event = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = 0
            while True:
                line = await stdout.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(await stdout.readexactly(length))
            now = time.perf_counter()
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params.get("version") is not None:
                    self.arrived.setdefault(params["version"], now)
                    self.counts[params["version"]] = len(params["diagnostics"])
                self.event.set()
            elif "id" in message and "method" in message:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message and message["id"] in self.waiting:
                self.waiting.pop(message["id"]).set_result(message)

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await asyncio.wait_for(future, 120)

    async def diagnostics(self, version: int) -> float:
        while version not in self.arrived:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), 120)
        return self.arrived[version]


async def run(words: int, edits: int, memory_edits: int, debounce_ms: int,
              synthetic: bool = False) -> dict:
    text, source = story(words, synthetic)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "copylint", "lsp", cwd=str(ROOT),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "COPYLINT_NO_CACHE": "1"})
    lsp = Connection(process)
    await lsp.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(),
                                     "capabilities": {},
                                     "initializationOptions": {"debounce-ms": debounce_ms}})
    lsp.notify("initialized", {})
    uri = (ROOT / "bench-story.md").as_uri()
    started = time.perf_counter()
    lsp.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    open_ms = (await lsp.diagnostics(1) - started) * 1000
    lines = text.split("\n")
    middle = len(lines) // 2
    while not lines[middle].strip():
        middle += 1
    column = len(lines[middle]) // 2
    version = 1

    async def keystroke(insert: bool) -> float:
        nonlocal version
        version += 1
        end = column + (0 if insert else 1)
        sent = time.perf_counter()
        lsp.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": middle, "character": column},
                                          "end": {"line": middle, "character": end}},
                                "text": "x" if insert else ""}]})
        return (await lsp.diagnostics(version) - sent) * 1000

    latencies = [await keystroke(i % 2 == 0) for i in range(edits)]
    if edits % 2:
        await keystroke(False)
    samples: list[tuple[int, int]] = []
    for i in range(1, memory_edits + 1):
        await keystroke(i % 2 == 1)
        if i % 100 == 0:
            samples.append((i, rss_kib(process.pid)))
    await lsp.request("shutdown", None)
    lsp.notify("exit", {})
    await asyncio.wait_for(process.wait(), 60)
    lsp.reader.cancel()
    first = samples[0][1] if samples else 0
    return {
        "story_words": len(text.split()), "story_source": source, "findings": lsp.counts.get(1, 0),
        "debounce_ms": debounce_ms, "open_ms": round(open_ms, 1),
        "keystroke_ms": {"edits": edits, "median": round(statistics.median(latencies), 1),
                         "p95": round(percentile(latencies, 95), 1),
                         "max": round(max(latencies), 1)} if latencies else {},
        "rss_kib": [{"after_edits": n, "rss": kib} for n, kib in samples],
        "rss_growth_kib": (samples[-1][1] - first) if samples else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--memory-edits", type=int, default=1000)
    parser.add_argument("--debounce-ms", type=int, default=20)
    parser.add_argument("--synthetic", action="store_true",
                        help="Use the benchmark's own sentences (about 80 findings per 1,000 words) "
                             "even when the corpus is there.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()
    result = asyncio.run(run(args.words, args.edits, args.memory_edits, args.debounce_ms,
                             args.synthetic))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    k = result["keystroke_ms"]
    print(f"story: {result['story_words']} words ({result['story_source']}), "
          f"{result['findings']} findings; debounce {result['debounce_ms']} ms")
    print(f"open -> diagnostics: {result['open_ms']} ms")
    if k:
        print(f"keystroke -> diagnostics over {k['edits']} edits: median {k['median']} ms, "
              f"p95 {k['p95']} ms, max {k['max']} ms")
    for sample in result["rss_kib"]:
        print(f"RSS after {sample['after_edits']:>5} edits: {sample['rss'] / 1024:.1f} MiB")
    if result["rss_kib"]:
        print(f"RSS growth from edit 100 to edit {result['rss_kib'][-1]['after_edits']}: "
              f"{result['rss_growth_kib']} KiB")


if __name__ == "__main__":
    main()
