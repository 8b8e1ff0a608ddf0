"""Does the editors' desk keep answering under a crowd and a slowloris?

Starts ``copylint serve`` (or uses one already running, ``--url``), then for
``--seconds`` runs at the same time:

* a crowd of ``--crowd`` (200) kept-alive connections, all opened at once,
  each then sending a lint request every ``--interval`` seconds (reconnecting
  when the server closes it);
* ``--slow`` (50) slow clients, each opening a connection and trickling its
  request headers one byte every ``--trickle`` seconds, forever (reconnecting
  when cut off);
* one normal client sending lint requests back to back.

It prints the normal client's success rate and latency percentiles, what the
crowd and the slow clients got, and the server's peak RSS (``VmHWM``) and peak
thread count (from ``/proc``; Linux only, and only for a server it started or
named with ``--pid``).

    python bench/desk_load.py [--seconds 30] [--crowd 200] [--slow 50]
    python bench/desk_load.py --root /path/to/other/checkout   # compare a version

Only the standard library (asyncio); the server runs in its own process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

#: A short story of our own with a few slips in it (a place name, a doubled word).
PARAGRAPH = (
    "The council met on Monday night to discuss the the new bus routes. Residents from "
    "the north of the town said the changes would leave them without a service after "
    "dark, and one shop owner said trade had already fallen. The mayor, who visited "
    "Kiev last year, said the plan would be reviewed in the spring. ")


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.statuses[outcome] = self.statuses.get(outcome, 0) + 1


def request_bytes(host: str, port: int, text: str) -> bytes:
    body = json.dumps({"text": text}).encode()
    return (f"POST /api/lint HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Origin: http://{host}:{port}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, server closes) of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, body, headers.get("connection", "").lower() == "close"


class Connection:
    """One kept-alive client connection that reconnects when closed."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def exchange(self, data: bytes, timeout: float) -> tuple[int, bytes]:
        for attempt in (1, 2):  # a kept-alive connection may have been closed meanwhile
            if self.streams is None:
                self.streams = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), timeout)
            reader, writer = self.streams
            try:
                writer.write(data)
                await writer.drain()
                status, body, close = await asyncio.wait_for(read_response(reader), timeout)
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                self.close()
                if attempt == 2:
                    raise ConnectionError(str(exc) or type(exc).__name__) from None
                continue
            if close:
                self.close()
            return status, body
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def normal_client(host: str, port: int, stop: float, stats: Stats, timeout: float) -> None:
    conn = Connection(host, port)
    data = request_bytes(host, port, PARAGRAPH * 4)
    while time.monotonic() < stop:
        start = time.perf_counter()
        try:
            status, body = await conn.exchange(data, timeout)
            ok = status == 200 and len(json.loads(body).get("findings", ())) > 0
            stats.count(str(status) if not ok else "ok")
            if ok:
                stats.latencies.append(time.perf_counter() - start)
        except (OSError, asyncio.TimeoutError, ValueError) as exc:
            stats.count(type(exc).__name__)
            conn.close()
            await asyncio.sleep(0.05)
    conn.close()


async def crowd_client(host: str, port: int, stop: float, interval: float, stats: Stats,
                       timeout: float) -> None:
    conn = Connection(host, port)
    data = request_bytes(host, port, PARAGRAPH)
    try:  # every crowd connection opens at once: a burst the listen backlog must absorb
        conn.streams = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, asyncio.TimeoutError) as exc:
        stats.count("connect: " + type(exc).__name__)
    await asyncio.sleep(random.uniform(0, interval))
    while time.monotonic() < stop:
        try:
            status, _ = await conn.exchange(data, timeout)
            stats.count(str(status))
        except (OSError, asyncio.TimeoutError) as exc:
            stats.count(type(exc).__name__)
            conn.close()
        await asyncio.sleep(interval * random.uniform(0.5, 1.5))
    conn.close()


async def slow_client(host: str, port: int, stop: float, trickle: float, stats: Stats) -> None:
    """Trickle headers forever; record how long the server let each connection live."""
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError as exc:
            stats.count(type(exc).__name__)
            await asyncio.sleep(trickle)
            continue
        opened = time.monotonic()
        payload = f"POST /api/lint HTTP/1.1\r\nHost: {host}:{port}\r\n".encode()
        try:
            writer.write(payload)
            i = 0
            while time.monotonic() < stop:
                await asyncio.sleep(trickle)
                writer.write(b"X-Slow-%d: %d\r\n" % (i, i) if i % 2 else b"X")
                await writer.drain()
                if reader.at_eof():
                    raise ConnectionError("closed")
                i += 1
            stats.count("still open at the end")
        except OSError:
            stats.count("cut off")
            stats.latencies.append(time.monotonic() - opened)
        finally:
            writer.close()


def sample_proc(pid: int | None, peak: dict[str, int]) -> None:
    if pid is None:
        return
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS", "Threads"):
            number = int(value.split()[0])
            peak[key] = max(peak.get(key, 0), number)


async def run(args: argparse.Namespace, host: str, port: int, pid: int | None) -> dict:
    normal, crowd, slow = Stats(), Stats(), Stats()
    peak: dict[str, int] = {}
    stop = time.monotonic() + args.seconds
    tasks = [asyncio.create_task(normal_client(host, port, stop, normal, args.timeout))]
    tasks += [asyncio.create_task(crowd_client(host, port, stop, args.interval, crowd, args.timeout))
              for _ in range(args.crowd)]
    tasks += [asyncio.create_task(slow_client(host, port, stop, args.trickle, slow))
              for _ in range(args.slow)]
    while time.monotonic() < stop:
        sample_proc(pid, peak)
        await asyncio.sleep(0.5)
    await asyncio.wait(tasks, timeout=args.timeout + args.trickle + 5)
    for task in tasks:
        task.cancel()
    return {"normal": normal, "crowd": crowd, "slow": slow, "peak": peak}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(result: dict, args: argparse.Namespace) -> None:
    normal: Stats = result["normal"]
    attempts = sum(normal.statuses.values())
    ok = normal.statuses.get("ok", 0)
    lat = [x * 1000 for x in normal.latencies]
    print(f"load: {args.crowd} kept-alive connections (a request every ~{args.interval:g} s each), "
          f"{args.slow} slow clients (a header byte every {args.trickle:g} s), {args.seconds:g} s")
    print(f"normal client: {ok}/{attempts} answered ({100 * ok / max(attempts, 1):.1f}%), "
          f"others: {dict(sorted((k, v) for k, v in normal.statuses.items() if k != 'ok')) or 'none'}")
    if lat:
        print(f"normal client latency ms: p50 {percentile(lat, .5):.1f}  p90 {percentile(lat, .9):.1f}  "
              f"p99 {percentile(lat, .99):.1f}  max {max(lat):.1f}  mean {statistics.fmean(lat):.1f}")
    crowd: Stats = result["crowd"]
    print(f"crowd: {sum(crowd.statuses.values())} requests, {dict(sorted(crowd.statuses.items()))}")
    slow: Stats = result["slow"]
    held = slow.latencies
    print(f"slow clients: {dict(sorted(slow.statuses.items()))}" +
          (f"; held {min(held):.1f}-{max(held):.1f} s before being cut off" if held else ""))
    peak = result["peak"]
    if peak:
        print(f"server: peak RSS {peak.get('VmHWM', 0) / 1024:.1f} MiB, peak threads {peak.get('Threads', 0)}")


def start_server(root: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "copylint", "serve", "--port", "0", "--quiet"],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("copylint desk: "):
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, line.split()[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running desk (default: start one from --root)")
    parser.add_argument("--pid", type=int, help="the running desk's process id, for its memory")
    parser.add_argument("--root", type=Path, default=ROOT, help="the copylint checkout to start")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--crowd", type=int, default=200)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--trickle", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=30.0, help="a request's time limit, seconds")
    args = parser.parse_args()
    proc = None
    if args.url:
        url, pid = args.url, args.pid
    else:
        proc, url = start_server(args.root)
        pid = proc.pid
    split = urlsplit(url)
    try:
        result = asyncio.run(run(args, split.hostname or "127.0.0.1", split.port or 80, pid))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    report(result, args)


if __name__ == "__main__":
    main()
