"""Screenshots: copylint's text output in a real terminal (tmux) at 80x24 and
120x40, compared with the fixtures in tests/data/screens/.  They pin the
layout (the context cut to the width, the caret under the match, long messages
wrapped under their line, the rules table); there are no timings in them.

Set COPYLINT_UPDATE_SCREENS=1 to rewrite the fixtures after a deliberate
change of layout (and read the diff)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCREENS = Path(__file__).resolve().parent / "data" / "screens"
SIZES = [(80, 24), (120, 40)]
#: The screens' own rules (rules.yml), so that changes to the built-in packs do not move them.
RULES = ["--no-config", "--no-builtin", "--rules", "rules.yml"]
COMMANDS = {
    "check": ["check", *RULES, "story.md"],
    "rules": ["rules", *RULES],
}
END = "[copylint exited]"

pytestmark = pytest.mark.needs("tmux")


def tmux_capture(args: list[str], columns: int, rows: int, tmp_path: Path) -> str:
    """Run ``copylint ARGS`` in a detached tmux session of that size (no status
    line, no user configuration) and return the whole pane, scrollback included."""
    socket, conf = tmp_path / "tmux.sock", tmp_path / "tmux.conf"
    conf.write_text("set -g status off\nset -g history-limit 5000\n")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX", "NO_COLOR")}
    env.update(NO_COLOR="1", COPYLINT_NO_CACHE="1", TERM="xterm")
    command = " ".join([sys.executable, "-m", "copylint", *(f"'{a}'" for a in args)])
    tmux = ["tmux", "-S", str(socket), "-f", str(conf)]
    subprocess.run([*tmux, "new-session", "-d", "-s", "shot", "-x", str(columns), "-y", str(rows),
                    "-c", str(SCREENS), f"{command}; echo '{END}'; sleep 120"],
                   env=env, check=True, timeout=30)
    try:
        deadline = time.monotonic() + 120
        while True:
            pane = subprocess.run([*tmux, "capture-pane", "-p", "-S", "-", "-t", "shot"], env=env,
                                  capture_output=True, text=True, check=True, timeout=30).stdout
            if END in pane or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True, timeout=30)
    assert END in pane, pane
    lines = [line.rstrip() for line in pane[: pane.index(END)].splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("columns,rows", SIZES)
def test_screenshot_matches_fixture(name: str, columns: int, rows: int, tmp_path: Path):
    screen = tmux_capture(COMMANDS[name], columns, rows, tmp_path)
    fixture = SCREENS / f"{name}-{columns}x{rows}.txt"
    if os.environ.get("COPYLINT_UPDATE_SCREENS"):
        fixture.write_text(screen, encoding="utf-8")
    assert all(len(line) <= columns for line in screen.splitlines())  # nothing wraps in the terminal
    assert screen == fixture.read_text(encoding="utf-8")
