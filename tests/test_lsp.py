"""``copylint lsp`` end to end: the real server in a subprocess, spoken to by
pygls's LSP client.  Every wait is for a message from the server (with a
generous limit so that a broken server fails instead of hanging); no test
sleeps or measures time."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from copylint.api import default_rules  # noqa: E402
from copylint.fixes.apply import fix_text  # noqa: E402

WAIT = 60.0  # seconds: only a hang guard, never a timing assertion

HOUSE_RULES = """\
rules:
  - id: house.gotham
    kind: substitution
    level: warning
    message: "Use '%s' instead of '%s'."
    description: "The house spells the city Gotham."
    source: "The house style book."
    fix-applicability: unsafe
    swap:
      'Gotam': 'Gotham'
    examples:
      bad: ['We went to Gotam.']
      good: ['We went to Gotham.']
"""


# -- a small LSP client session ------------------------------------------------------
@dataclass
class Session:
    client: LanguageClient
    published: dict[str, list[types.PublishDiagnosticsParams]] = field(default_factory=dict)
    messages: list[types.ShowMessageParams] = field(default_factory=list)
    registrations: list[types.Registration] = field(default_factory=list)
    _event: asyncio.Event = field(default_factory=asyncio.Event)
    initialize_result: types.InitializeResult | None = None
    versions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def notify(self) -> None:
        self._event.set()

    async def until(self, predicate: Callable[[], Any], what: str) -> Any:
        """Wait for server messages until ``predicate()`` is truthy."""
        async def wait() -> Any:
            while True:
                value = predicate()
                if value:
                    return value
                self._event.clear()
                await self._event.wait()
        try:
            return await asyncio.wait_for(wait(), WAIT)
        except TimeoutError:
            raise AssertionError(f"the server never sent {what}") from None

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` at ``version`` (default: the
        version last sent)."""
        version = self.versions.get(uri) if version is None else version

        def found() -> types.PublishDiagnosticsParams | None:
            for params in self.published.get(uri, []):
                if version is None or params.version == version:
                    return params
            return None
        params = await self.until(found, f"diagnostics for {uri} version {version}")
        return list(params.diagnostics)

    async def message(self, contains: str) -> types.ShowMessageParams:
        return await self.until(
            lambda: next((m for m in self.messages if contains in m.message), None),
            f"a message containing {contains!r}")

    # documents ---------------------------------------------------------------------
    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def change(self, uri: str, start: tuple[int, int], end: tuple[int, int], text: str,
               expected: str | None = None) -> None:
        """An incremental change; ``expected`` is the client's text after it."""
        self.versions[uri] += 1
        if expected is not None:
            self.texts[uri] = expected
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(*start), types.Position(*end)), text=text)]))

    def replace_all(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(uri=uri)))

    async def actions(self, uri: str, diagnostic: types.Diagnostic | None = None,
                      only: list[str] | None = None,
                      range_: types.Range | None = None) -> list[types.CodeAction]:
        where = range_ or (diagnostic.range if diagnostic else
                           types.Range(types.Position(0, 0), types.Position(0, 0)))
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=where,
            context=types.CodeActionContext(diagnostics=[diagnostic] if diagnostic else [],
                                            only=only)))
        return list(result or [])


def start_session(tmp_path: Path, encodings: list[str] | None = None,
                  options: dict[str, Any] | None = None,
                  body: Callable[[Session], Awaitable[None]] | None = None) -> int:
    """Run ``body`` against a fresh server with ``tmp_path`` as the workspace
    folder; shut the server down as a client does; return its exit code."""
    async def main() -> int:
        client = LanguageClient("copylint-tests", "1")
        session = Session(client)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            session.published.setdefault(params.uri, []).append(params)
            session.notify()

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params: types.ShowMessageParams) -> None:
            session.messages.append(params)
            session.notify()

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams) -> None:
            session.registrations.extend(params.registrations)
            session.notify()

        env = {**os.environ, "COPYLINT_NO_CACHE": "1"}
        await client.start_io(sys.executable, "-m", "copylint", "lsp", cwd=str(tmp_path), env=env)
        general = (types.GeneralClientCapabilities(position_encodings=encodings)
                   if encodings is not None else None)
        capabilities = types.ClientCapabilities(
            general=general,
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True)))
        session.initialize_result = await asyncio.wait_for(client.initialize_async(
            types.InitializeParams(
                capabilities=capabilities, process_id=os.getpid(),
                workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="desk")],
                initialization_options=options)), WAIT)
        client.initialized(types.InitializedParams())
        try:
            if body is not None:
                await body(session)
        finally:
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
            client.exit(None)
            code = await asyncio.wait_for(client._server.wait(), WAIT)  # type: ignore[union-attr]
            await client.stop()
        return code

    return asyncio.run(main())


# -- applying edits the way an editor does (UTF-16 or UTF-8 units, independently of the server) --
def _offset(text: str, position: types.Position, encoding: str) -> int:
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)  # the protocol's line breaks
    start = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    codec = "utf-16-le" if encoding == "utf-16" else "utf-8"
    width = 2 if encoding == "utf-16" else 1
    prefix = line.encode(codec)[: position.character * width].decode(codec)
    return start + len(prefix)


def apply_edit(text: str, edit: types.WorkspaceEdit, uri: str, encoding: str = "utf-16") -> str:
    if edit.document_changes:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri
                 for e in change.edits]
    else:
        edits = list((edit.changes or {}).get(uri, []))
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding),
                     e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def pos(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


# -- the tests --------------------------------------------------------------------------
def test_diagnostics_open_change_save_and_clean_shutdown_in_utf16(tmp_path):
    uri = (tmp_path / "story.md").as_uri()
    # 🎉 is one code point but two UTF-16 units: everything after it on the line shifts by 2
    text = "# Budget 🎉\n\nTroops left Chernobyl 🎉 and the the convoy moved on..\n"

    async def body(s: Session) -> None:
        assert s.initialize_result is not None
        capabilities = s.initialize_result.capabilities
        assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
        sync = capabilities.text_document_sync
        assert isinstance(sync, types.TextDocumentSyncOptions)
        assert sync.change == types.TextDocumentSyncKind.Incremental and sync.save
        assert capabilities.hover_provider and capabilities.code_action_provider

        s.open(uri, text)
        found = by_code(await s.diagnostics(uri))
        assert set(found) == {"places.chornobyl", "repetition.words", "punctuation.doubled-stop"}
        line = text.splitlines()[2]
        u16 = lambda i: len(line[:i].encode("utf-16-le")) // 2  # noqa: E731
        start = line.index("the the")
        assert pos(found["repetition.words"]) == (2, u16(start), 2, u16(start + 7))
        assert u16(start) == start + 1  # the emoji counted as two units
        assert pos(found["places.chornobyl"]) == (2, 12, 2, 21)
        assert found["repetition.words"].severity == types.DiagnosticSeverity.Error
        assert found["places.chornobyl"].severity == types.DiagnosticSeverity.Information
        assert all(d.source == "copylint" for d in found.values())
        href = found["repetition.words"].code_description.href
        assert href.startswith("file://") and "repetition" in href and "#L" in href

        # incremental: insert "At dawn, " before "Troops", and a stray comma pair at the end
        s.change(uri, (2, 0), (2, 0), "At dawn, ",
                 expected="# Budget 🎉\n\nAt dawn, Troops left Chernobyl 🎉 and the the convoy moved on..\n")
        found = by_code(await s.diagnostics(uri))
        assert pos(found["repetition.words"]) == (2, u16(start) + 9, 2, u16(start) + 16)
        # a change spanning the emoji, given in UTF-16 units: delete "Chernobyl 🎉 " (9 + 1 + 2 units)
        s.change(uri, (2, 21), (2, 21 + 9 + 1 + 2 + 1), "")
        found = by_code(await s.diagnostics(uri))
        assert "places.chornobyl" not in found
        assert pos(found["repetition.words"]) == (2, 25, 2, 32)
        # saving lints again (same version)
        count = len(s.published[uri])
        s.save(uri)
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics after a save")
        assert by_code(s.published[uri][-1].diagnostics).keys() == found.keys()

    assert start_session(tmp_path, body=body) == 0


def test_utf8_negotiated_and_emoji_do_not_shift_highlights(tmp_path):
    uri = (tmp_path / "notes.txt").as_uri()
    text = "𝐁old 🎉 start: the the end\n"

    async def body(s: Session) -> None:
        assert s.initialize_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        s.open(uri, text, language="plaintext")
        found = by_code(await s.diagnostics(uri))
        start = text.index("the the")
        b = len(text[:start].encode("utf-8"))
        assert b == start + 3 + 3  # 𝐁 and 🎉 are four bytes each, one code point each
        assert pos(found["repetition.words"]) == (0, b, 0, b + 7)
        # an insertion given in UTF-8 bytes, right after the emoji
        emoji_end = len("𝐁old 🎉".encode("utf-8"))
        s.change(uri, (0, emoji_end), (0, emoji_end), "!!")
        found = by_code(await s.diagnostics(uri))
        assert pos(found["repetition.words"]) == (0, b + 2, 0, b + 9)
        hover = await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, b + 4)))
        assert hover is not None and "repetition.words" in hover.contents.value
        assert hover.range == found["repetition.words"].range
        # a byte order mark at the start of the text is a character the client counts (3 bytes)
        bom = (tmp_path / "bom.md").as_uri()
        s.open(bom, "\ufeffThe the end.\n")
        assert pos(by_code(await s.diagnostics(bom))["repetition.words"]) == (0, 3, 0, 10)

    assert start_session(tmp_path, encodings=["utf-8", "utf-16"], body=body) == 0


def test_code_actions_fix_fix_all_and_disable_apply_cleanly(tmp_path):
    (tmp_path / "house.yml").write_text(HOUSE_RULES, encoding="utf-8")
    (tmp_path / ".copylint.yaml").write_text("rules: [house.yml]\n", encoding="utf-8")
    uri = (tmp_path / "draft.md").as_uri()
    text = ("We went to Gotam 🎉 and the the zoo..\n\n"
            "Then we went to the the park.\n")

    async def body(s: Session) -> None:
        s.open(uri, text)
        found = by_code(await s.diagnostics(uri))
        assert {"house.gotham", "repetition.words", "punctuation.doubled-stop"} <= set(found)

        # 1. this fix (unsafe: offered, labelled, not preferred)
        actions = await s.actions(uri, found["house.gotham"], only=["quickfix"])
        titles = [a.title for a in actions]
        fix = next(a for a in actions if a.title.startswith("Replace 'Gotam' with 'Gotham'"))
        assert "unsafe" in fix.title and not fix.is_preferred
        assert list(fix.diagnostics) == [found["house.gotham"]]
        assert "Disable house.gotham on this line" in titles
        edit = fix.edit.document_changes[0]
        assert edit.text_document.version == 1 and len(edit.edits) == 1
        fixed = apply_edit(text, fix.edit, uri)
        assert fixed == text.replace("Gotam", "Gotham")
        s.replace_all(uri, fixed)
        found = by_code(await s.diagnostics(uri))
        assert "house.gotham" not in found

        # 2. every safe fix in the file: the text `copylint fix` makes, the unsafe fix left alone
        s.replace_all(uri, text)
        await s.diagnostics(uri)
        actions = await s.actions(uri, only=["source.fixAll"])
        assert [a.kind for a in actions] == ["source.fixAll.copylint"]
        fixed = apply_edit(text, actions[0].edit, uri)
        assert len(actions[0].edit.document_changes[0].edits) == 3  # one edit per fix
        from copylint.config.model import load_config
        expected = fix_text(text, load_config(tmp_path / ".copylint.yaml").build_rules(),
                            path="draft.md").text
        assert fixed == expected
        assert "Gotam" in fixed and "the the" not in fixed and ".." not in fixed
        s.replace_all(uri, fixed)
        found = by_code(await s.diagnostics(uri))
        assert set(found) == {"house.gotham"}

        # 3. disable this rule on this line: the finding goes, the others stay
        actions = await s.actions(uri, found["house.gotham"])
        disable = next(a for a in actions if a.title == "Disable house.gotham on this line")
        disabled = apply_edit(fixed, disable.edit, uri)
        assert disabled.splitlines()[0].endswith("zoo. <!-- copylint-disable-line house.gotham -->")
        s.replace_all(uri, disabled)
        assert await s.diagnostics(uri) == []
        # a second rule on the same line joins the comment already there
        again = disabled.replace("the zoo", "the the zoo")
        s.replace_all(uri, again)
        found = by_code(await s.diagnostics(uri))
        actions = await s.actions(uri, found["repetition.words"], only=["quickfix"])
        disable = next(a for a in actions if a.title == "Disable repetition.words on this line")
        both = apply_edit(again, disable.edit, uri)
        assert "<!-- copylint-disable-line house.gotham, repetition.words -->" in both
        s.replace_all(uri, both)
        assert await s.diagnostics(uri) == []

    assert start_session(tmp_path, body=body) == 0


def test_configuration_reload_settings_and_debounced_changes(tmp_path):
    config = tmp_path / ".copylint.yaml"
    config.write_text("ignore: [repetition.words]\n", encoding="utf-8")
    uri = (tmp_path / "story.html").as_uri()
    text = "<p>Troops left Chernobyl and the the convoy moved.</p>\n"

    async def body(s: Session) -> None:
        await s.until(lambda: s.registrations, "a file watcher registration")
        watcher = s.registrations[0]
        assert watcher.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        s.open(uri, text, language="html")
        assert set(by_code(await s.diagnostics(uri))) == {"places.chornobyl"}

        # the configuration file changes on disk: the client's watcher tells the server
        config.write_text("min-level: suggestion\n", encoding="utf-8")
        count = len(s.published[uri])
        s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics after a reload")
        assert set(by_code(s.published[uri][-1].diagnostics)) == {"places.chornobyl", "repetition.words"}

        # the client's settings go on top of the file: min-level hides the suggestion
        count = len(s.published[uri])
        s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"copylint": {"min-level": "warning", "debounce-ms": 10000}}))
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics after new settings")
        assert set(by_code(s.published[uri][-1].diagnostics)) == {"repetition.words"}

        # debounced: with a long pause configured, a burst of keystrokes is not linted
        # until the save, and then once, for the last version
        count = len(s.published[uri])
        for i in range(5):
            s.change(uri, (0, 3 + i), (0, 3 + i), "x")
        s.save(uri)
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics after the save")
        assert [p.version for p in s.published[uri][count:]] == [s.versions[uri]]

        # a bad setting: a clear message, the previous settings kept, the server alive
        s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"copylint": {"min-level": "loud"}}))
        message = await s.message("min-level")
        assert "error, warning, suggestion" in message.message and "'loud'" in message.message
        # a style that does not exist: said so, and the story is not checked with a wrong style
        count = len(s.published[uri])
        s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"style": "nope"}))
        message = await s.message("unknown style 'nope'")
        assert message.type == types.MessageType.Error
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics after a bad style")
        assert not s.published[uri][-1].diagnostics

    assert start_session(tmp_path, options={"style": "newsroom"}, body=body) == 0


def test_bad_configuration_and_bad_document_leave_the_server_alive(tmp_path):
    config = tmp_path / ".copylint.yaml"
    config.write_text("min-level: warning\nmin_levle: error\n", encoding="utf-8")
    uri = (tmp_path / "story.md").as_uri()
    binary = (tmp_path / "blob.txt").as_uri()
    code = (tmp_path / "tool.py").as_uri()

    async def body(s: Session) -> None:
        s.open(uri, "The the plan was agreed..\n")
        message = await s.message(".copylint.yaml")
        assert message.type == types.MessageType.Error
        assert ".copylint.yaml:2: unknown key 'min_levle'" in message.message
        assert await s.diagnostics(uri) == []  # not checked with a broken configuration
        on_config = await s.until(lambda: s.published.get(config.as_uri()), "a diagnostic on the file")
        (problem,) = on_config[-1].diagnostics
        assert problem.range.start.line == 1 and "min_levle" in problem.message

        # fixed and saved: the configuration's diagnostic is cleared, the story checked
        config.write_text("min-level: warning\n", encoding="utf-8")
        s.open(config.as_uri(), config.read_text(), language="yaml")
        s.save(config.as_uri())
        await s.until(lambda: not s.published[config.as_uri()][-1].diagnostics, "cleared diagnostic")
        await s.until(lambda: s.published[uri][-1].diagnostics, "diagnostics once fixed")
        assert "repetition.words" in by_code(s.published[uri][-1].diagnostics)

        # a document that is not text: a warning, no diagnostics, and the server carries on
        s.open(binary, "PK\x00\x03 not prose", language="plaintext")
        warning = await s.message("blob.txt")
        assert warning.type == types.MessageType.Warning and "NUL" in warning.message
        assert await s.diagnostics(binary) == []
        # a language copylint does not read is left alone
        s.open(code, "x = 'the the'\n", language="python")
        assert await s.diagnostics(code) == []
        s.change(uri, (0, 0), (0, 0), "Again: ")
        assert pos(by_code(await s.diagnostics(uri))["repetition.words"]) == (0, 7, 0, 14)
        s.replace_all(uri, "Officials left the the building.\n")
        assert "repetition.words" in by_code(await s.diagnostics(uri))

    assert start_session(tmp_path, body=body) == 0


def test_missing_extra_is_a_clear_usage_error(monkeypatch):
    from click.testing import CliRunner

    import copylint.lsp as lsp_package
    from copylint.cli import main

    monkeypatch.setattr(lsp_package, "available", lambda: False)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert "pip install 'copylint[lsp]'" in result.output


def test_rules_have_a_link_for_every_diagnostic_code():
    from copylint.lsp.diagnostics import rule_link

    rules = default_rules()
    links = {rule.id: rule_link(rule.id, rules) for rule in rules}
    assert all(links.values()), [i for i, link in links.items() if not link]


class _Writer:
    """Stands in for the server's standard output (in-process tests)."""

    def __init__(self) -> None:
        self.data: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.data.append(data)

    def close(self) -> None:
        pass


def _in_process_server():  # noqa: ANN202 - (server, protocol)
    from copylint.lsp.server import create_server

    server = create_server()
    protocol = server.protocol
    protocol.set_writer(_Writer())
    protocol._handle_request(1, types.INITIALIZE, types.InitializeParams(
        capabilities=types.ClientCapabilities()))
    protocol._handle_notification(types.INITIALIZED, types.InitializedParams())
    return server, protocol


def test_handled_notifications_leave_nothing_pending():
    """Memory stays flat while typing: pygls 2.1 keeps the future of each
    notification a built-in handler runs among the pending requests, forever;
    the server drops them.  (In process: the protocol object, a stand-in writer.)"""

    async def main() -> tuple[int, str, int]:
        server, protocol = _in_process_server()
        uri = "untitled:draft"
        protocol._handle_notification(types.TEXT_DOCUMENT_DID_OPEN, types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text="The end.\n")))
        for version in range(2, 102):
            protocol._handle_notification(types.TEXT_DOCUMENT_DID_CHANGE, types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)), text="x")]))
        for _ in range(3):
            await asyncio.sleep(0)
        server.lint(uri)
        return len(protocol._request_futures), server.documents[uri].text, len(protocol.writer.data)

    pending, text, written = asyncio.run(main())
    assert pending == 0
    assert text == "x" * 100 + "The end.\n"
    assert written >= 3  # the initialize answer and diagnostics were sent


def test_a_bug_while_linting_is_reported_and_the_server_carries_on(monkeypatch):
    import copylint.lsp.server as server_module

    real = server_module.lint_text

    def broken(text: str, *args: Any, **kwargs: Any) -> Any:
        if "boom" in text:
            raise ZeroDivisionError("division by zero")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(server_module, "lint_text", broken)
    monkeypatch.delenv("COPYLINT_DEBUG", raising=False)

    async def main() -> list[dict[str, Any]]:
        server, protocol = _in_process_server()
        for uri, text in (("untitled:a", "boom the the\n"), ("untitled:b", "It was the the end.\n")):
            protocol._handle_notification(types.TEXT_DOCUMENT_DID_OPEN, types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        await asyncio.sleep(0)
        import json as json_module

        return [json_module.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in protocol.writer.data]

    sent = asyncio.run(main())
    shown = [m["params"] for m in sent if m.get("method") == "window/showMessage"]
    assert len(shown) == 1 and shown[0]["type"] == 1  # Error
    assert "internal error while checking untitled:a: ZeroDivisionError" in shown[0]["message"]
    published = {m["params"]["uri"]: m["params"]["diagnostics"] for m in sent
                 if m.get("method") == "textDocument/publishDiagnostics"}
    assert published["untitled:a"] == []
    assert [d["code"] for d in published["untitled:b"]] == ["repetition.words"]


VALE_INI = """\
StylesPath = styles
MinAlertLevel = suggestion

[*.md]
BasedOnStyles = House
"""
VALE_HEDGE = """\
extends: existence
message: "Consider removing '%s'."
level: warning
ignorecase: true
tokens: [perhaps]
"""


def test_vale_mode_lints_with_the_folders_vale_styles(tmp_path):
    uri = (tmp_path / "draft.md").as_uri()
    text = "# Notes 🎉\n\nThe 🎉 plan will perhaps work.\n"

    async def body(s: Session) -> None:
        s.open(uri, text)
        message = await s.message("no .vale.ini")  # Vale mode asked for, no Vale configuration
        assert message.type == types.MessageType.Error
        assert await s.diagnostics(uri) == []
        (tmp_path / "styles" / "House").mkdir(parents=True)
        (tmp_path / "styles" / "House" / "Hedge.yml").write_text(VALE_HEDGE, encoding="utf-8")
        (tmp_path / ".vale.ini").write_text(VALE_INI, encoding="utf-8")
        count = len(s.published[uri])
        s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=(tmp_path / ".vale.ini").as_uri(), type=types.FileChangeType.Created)]))
        await s.until(lambda: len(s.published[uri]) > count, "diagnostics with the Vale styles")
        (hedge,) = s.published[uri][-1].diagnostics
        assert hedge.code == "House.Hedge" and hedge.message == "Consider removing 'perhaps'."
        assert hedge.severity == types.DiagnosticSeverity.Warning
        column = len("The 🎉 plan will ".encode("utf-16-le")) // 2
        assert pos(hedge) == (2, column, 2, column + len("perhaps"))
        actions = await s.actions(uri, hedge)
        assert not any(a.title.startswith("Disable") for a in actions)  # copylint comments do not apply

    assert start_session(tmp_path, options={"vale": True}, body=body) == 0
