"""`copylint serve`: prints its address, serves, stops cleanly; one-line errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from copylint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_serve_prints_the_address_serves_and_stops_on_ctrl_c():
    proc = subprocess.Popen(
        [sys.executable, "-m", "copylint", "serve", "--port", "0", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = proc.stdout.readline()
        assert first.startswith("copylint desk: http://127.0.0.1:"), first
        url = first.split()[2]
        with urllib.request.urlopen(url + "api/rules", timeout=10) as response:
            assert json.load(response)["styles"][0]["name"] == "newsroom"
        request = urllib.request.Request(url + "api/lint", data=b'{"text": "Kiev"}', method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["findings"][0]["fix"] == "Kyiv"
        proc.send_signal(signal.SIGINT)
        # a hang guard, not a timing: on two loaded cores stopping has taken over 10 s
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert "copylint desk: stopped" in out
    assert "Traceback" not in err and err == ""


def test_port_in_use_is_a_one_line_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.startswith(f"copylint: cannot listen on 127.0.0.1:{port}: ")
    assert len(result.output.splitlines()) == 1


def test_bad_rules_are_a_one_line_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--rules", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output == f"copylint: {tmp_path / 'nope'}: no such rule file or directory\n"
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--no-builtin"])
    assert result.exit_code == 2
    assert result.output == ("copylint: no rules to run: without the built-in rules (--no-builtin), give "
                             "rule files with --rules FILE|DIR or 'rules:' in the configuration\n")
