"""The editor set-ups in docs/editors.md work as written: the Neovim Lua runs
in a real Lua interpreter against a stand-in ``vim``, the VS Code settings
match the extension's published settings, the Helix and Zed TOML parse, and
every snippet runs exactly ``copylint lsp``, which answers an LSP handshake."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from copylint.lsp.configuration import LANGUAGES

DOC = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
COMMAND = ["copylint", "lsp"]
#: Every file type or language id a snippet attaches the server to must be one it lints.
SERVED = set(LANGUAGES)


def snippet(name: str) -> str:
    """The fenced block after ``<!-- snippet: NAME -->``."""
    text = DOC.read_text(encoding="utf-8")
    m = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```\w+\n(.*?)\n```", text, re.DOTALL)
    assert m, f"no snippet {name!r} in {DOC.name}"
    return m.group(1)


# -- Neovim ---------------------------------------------------------------------------
def run_neovim_lua(code: str) -> dict:
    """Run ``code`` with a stand-in ``vim`` that records what it is given."""
    lupa = pytest.importorskip("lupa")
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    calls = lua.execute("""
      local calls = { config = {}, enabled = {}, started = {}, autocmds = {}, roots = {} }
      local function list_copy(t) local out = {} for i, v in ipairs(t) do out[i] = v end return out end
      vim = {
        lsp = {
          config = setmetatable({}, { __call = function(_, name, cfg) calls.config[name] = cfg end }),
          enable = function(name) table.insert(calls.enabled, name) end,
          start = function(cfg) table.insert(calls.started, cfg); return 1 end,
        },
        api = {
          nvim_create_autocmd = function(event, opts)
            table.insert(calls.autocmds, { event = event, opts = opts })
          end,
        },
        fs = {
          root = function(buf, markers)
            table.insert(calls.roots, { buf = buf, markers = list_copy(markers) })
            return '/desk'
          end,
        },
      }
      return calls
    """)
    lua.execute(code)
    for autocmd in calls.autocmds.values():  # the editor opening a buffer of that file type
        autocmd.opts.callback(lua.table_from({"buf": 7, "match": "markdown"}))
    return calls


def lua_list(table) -> list:  # noqa: ANN001 - a Lua table
    return [table[i] for i in range(1, len(table) + 1)]


def test_neovim_011_snippet_configures_and_enables_copylint_lsp():
    calls = run_neovim_lua(snippet("neovim-0.11"))
    assert lua_list(calls.enabled) == ["copylint"]
    config = calls.config["copylint"]
    assert lua_list(config.cmd) == COMMAND
    assert set(lua_list(config.filetypes)) <= SERVED
    assert {"markdown", "text", "html"} == set(lua_list(config.filetypes))
    assert ".copylint.yaml" in lua_list(config.root_markers)
    assert config.init_options["min-level"] == "suggestion"


def test_neovim_010_snippet_starts_copylint_lsp_for_prose_buffers():
    calls = run_neovim_lua(snippet("neovim-0.10"))
    (autocmd,) = [calls.autocmds[i] for i in range(1, len(calls.autocmds) + 1)]
    assert autocmd.event == "FileType"
    assert set(lua_list(autocmd.opts.pattern)) == {"markdown", "text", "html"} <= SERVED
    (started,) = lua_list(calls.started)
    assert started.name == "copylint" and lua_list(started.cmd) == COMMAND
    assert started.root_dir == "/desk"
    (root,) = lua_list(calls.roots)
    assert root.buf == 7
    assert lua_list(root.markers)[:3] == [".copylint.yaml", ".copylint.yml", "pyproject.toml"]


def test_lua_errors_are_caught():
    """The harness itself fails on broken Lua (a test that could not fail is no test)."""
    lupa = pytest.importorskip("lupa")
    with pytest.raises(lupa.LuaError):
        run_neovim_lua("vim.lsp.config('copylint', {")


# -- VS Code ------------------------------------------------------------------------------
#: The settings Generic LSP Client (v2), zsol.vscode-glspc 0.2.0, declares in its package.json.
GLSPC_SETTINGS = {
    "glspc.server.command": {"type": "string", "minLength": 1},
    "glspc.server.commandArguments": {"type": "array", "items": {"type": "string"}},
    "glspc.server.languageId": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "glspc.server.environmentVariables": {"type": "object",
                                          "additionalProperties": {"type": "string"}},
    "glspc.server.initializationOptions": {"type": "object"},
    "glspc.trace.server": {"type": "string", "enum": ["off", "messages", "compact", "verbose"]},
}


def test_vscode_settings_match_the_generic_client_and_run_copylint_lsp():
    settings = json.loads(snippet("vscode-settings"))
    glspc = {k: v for k, v in settings.items() if k.startswith("glspc.")}
    assert set(glspc) <= set(GLSPC_SETTINGS), set(glspc) - set(GLSPC_SETTINGS)
    jsonschema.validate(glspc, {"type": "object", "properties": GLSPC_SETTINGS,
                                "additionalProperties": False})
    assert [glspc["glspc.server.command"], *glspc["glspc.server.commandArguments"]] == COMMAND
    assert set(glspc["glspc.server.languageId"]) == {"markdown", "plaintext", "html"} <= SERVED
    on_save = settings["editor.codeActionsOnSave"]
    assert on_save == {"source.fixAll.copylint": "explicit"}
    from copylint.lsp.actions import FIX_ALL_KIND

    assert FIX_ALL_KIND in on_save


# -- Helix and Zed --------------------------------------------------------------------------
def test_helix_languages_toml_runs_copylint_lsp_for_markdown_and_html():
    config = tomllib.loads(snippet("helix"))
    server = config["language-server"]["copylint"]
    assert [server["command"], *server["args"]] == COMMAND
    assert server["config"] == {"min-level": "suggestion"}
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert set(languages) == {"markdown", "html"} <= SERVED
    assert all("copylint" in servers for servers in languages.values())


def test_zed_extension_registers_copylint_lsp():
    manifest = tomllib.loads(snippet("zed-extension"))
    assert manifest["schema_version"] == 1 and manifest["id"] == "copylint"
    server = manifest["language_servers"]["copylint"]
    assert set(server["language_ids"]) == set(server["languages"])
    assert set(server["language_ids"].values()) <= SERVED
    source = snippet("zed-lib")
    assert 'which("copylint")' in source and 'args: vec!["lsp".into()]' in source
    assert source.count("{") == source.count("}") and source.count("(") == source.count(")")


# -- the command they all run -------------------------------------------------------------------
def _message(body: dict) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_the_documented_command_answers_an_lsp_handshake(tmp_path):
    script = Path(sys.executable).parent / "copylint"
    command = [str(script), "lsp"] if script.exists() else [shutil.which("copylint") or "copylint", "lsp"]
    assert Path(command[0]).name == COMMAND[0] and command[1:] == COMMAND[1:]
    stdin = b"".join([
        _message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}),
        _message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        _message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        _message({"jsonrpc": "2.0", "method": "exit"}),
    ])
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=120,
                          env={**os.environ, "COPYLINT_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    frame = rb"Content-Length: \d+\r\n(?:[\w-]+: [^\r\n]*\r\n)*\r\n"  # headers, then the body
    replies = [json.loads(part) for part in re.split(frame, done.stdout) if part]
    initialize = next(r for r in replies if r.get("id") == 1)
    assert initialize["result"]["serverInfo"]["name"] == "copylint"
    capabilities = initialize["result"]["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert any(r.get("id") == 2 and r.get("result") is None for r in replies)
