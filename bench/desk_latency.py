"""How responsive is the editors' desk on a 5,000-word story?

Builds 5,000-word stories by joining articles of the clean corpus
(../shared/corpus/news, read at run time; skipped when absent), then measures

* the API: wall time of ``POST /api/lint`` and ``POST /api/fix`` (real server, real HTTP);
* the page (when Chromium, chromedriver and selenium are installed): time from
  pasting the story to all highlights drawn, the synchronous cost of one
  keystroke (moving the marks, redrawing), and keystroke -> re-lint drawn.

    python bench/desk_latency.py [--stories 10] [--words 5000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint.server import make_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/news")


def stories(count: int, words: int) -> list[str]:
    files = sorted(CORPUS.rglob("*.txt"))
    out, current, n = [], [], 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        current.append(text)
        n += len(text.split())
        if n >= words:
            out.append("\n\n".join(current))
            current, n = [], 0
            if len(out) == count:
                break
    return out


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def summary(name: str, values: list[float]) -> None:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    print(f"{name:<42} median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   (n={len(values)})")


def bench_browser(url: str, texts: list[str]) -> None:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("page: skipped (selenium not installed)")
        return
    if not (chromium and driver_path):
        print("page: skipped (chromium / chromedriver not installed)")
        return
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    idle = ("return document.body.dataset.state === 'idle' && "
            "document.getElementById('draft').value === arguments[0]")
    paste, key_sync, key_relint = [], [], []
    try:
        for text in texts:
            driver.get(url)
            driver.execute_script("sessionStorage.clear()")  # the page keeps the last draft
            driver.refresh()
            WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            WebDriverWait(driver, 20).until(lambda d: d.execute_script(idle, ""))
            # A paste: the text lands in one edit with inputType insertFromPaste.
            # (CDP's Input.insertText would add ~2 s of browser typing machinery.)
            start = time.perf_counter()
            value = driver.execute_script(
                "const t = document.getElementById('draft'); t.focus(); t.setRangeText(arguments[0]);"
                "t.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste'}));"
                "return t.value", text)
            WebDriverWait(driver, 30, poll_frequency=0.005).until(lambda d: d.execute_script(idle, value))
            paste.append((time.perf_counter() - start) * 1000)
            # One keystroke at the end: synchronous work in the input handler ...
            key_sync.append(driver.execute_script(
                "const t = document.getElementById('draft'); t.setSelectionRange(t.value.length, t.value.length);"
                "const s = performance.now(); t.setRangeText('x', t.value.length, t.value.length, 'end');"
                "t.dispatchEvent(new InputEvent('input', {inputType: 'insertText', data: 'x'}));"
                "return performance.now() - s;"))
            value = driver.execute_script("return document.getElementById('draft').value")
            start = time.perf_counter()
            # ... and until the re-lint (after the 250 ms debounce) is drawn.
            WebDriverWait(driver, 30, poll_frequency=0.005).until(lambda d: d.execute_script(idle, value))
            key_relint.append((time.perf_counter() - start) * 1000)
    finally:
        driver.quit()
    summary("page: paste 5k words -> highlights drawn", paste)
    summary("page: one keystroke, input handler (sync)", key_sync)
    summary("page: keystroke -> re-lint drawn (250ms debounce)", key_relint)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    texts = stories(args.stories, args.words)
    print(f"{len(texts)} stories, {statistics.mean(len(t.split()) for t in texts):.0f} words "
          f"({statistics.mean(len(t) for t in texts):.0f} characters) on average")
    server = make_server(port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        post(server.url + "api/lint", {"text": texts[0]})  # warm up
        lint_ms, fix_ms, found = [], [], []
        for text in texts:
            ms, data = timed(lambda: post(server.url + "api/lint", {"text": text}))
            lint_ms.append(ms)
            found.append(len(data["findings"]))
            ms, _ = timed(lambda: post(server.url + "api/fix", {"text": text}))
            fix_ms.append(ms)
        summary("api: POST /api/lint", lint_ms)
        summary("api: POST /api/fix (all safe fixes)", fix_ms)
        print(f"findings per story: median {statistics.median(found)}")
        if not args.no_browser:
            bench_browser(server.url, texts)
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
