"""The language server: documents in, diagnostics, code actions and hovers out.

Every open document is kept here as the client has it (incremental changes
applied with the protocol's own line rules, see :mod:`.positions`) and linted
after the client has paused typing for ``debounce-ms`` (a burst of
keystrokes is linted once, at its end), at once on open and on save.  A
document that cannot be linted, or a configuration that cannot be loaded,
is reported to the client in a message (and, for a configuration, as a
diagnostic on the file); the server carries on.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from ..version import __version__
from ..fixes.files import fixing_rules
from ..config.model import ConfigError
from ..errors import CopylintError, RuleError
from ..inputs.files import DEFAULT_MAX_FILE_SIZE
from ..findings import Finding
from ..formats import MARKDOWN_SUFFIXES, resolve_format
from ..engine.linting import lint_text
from ..ruleset import RuleSet
from ..engine.suppression import META_RULES
from .actions import FIX_ALL_KIND, Target, disable_action, fix_action, fix_all_action
from .configuration import CONFIG_FILE_NAMES, Configurations, Settings, SettingsError, Setup, document_format
from .diagnostics import SOURCE, lsp_range, to_diagnostic
from .hover import finding_markdown, forget_explanations
from .positions import UTF16, LineIndex, apply_change

log = logging.getLogger("copylint.lsp")


@dataclass
class OpenDocument:
    uri: str
    language_id: str
    version: int | None
    text: str

    @property
    def path(self) -> Path | None:
        path = to_fs_path(self.uri) if self.uri.startswith("file:") else None
        return Path(path) if path else None


@dataclass
class Linted:
    """The findings for one version of a document, and what produced them."""

    version: int | None
    text: str
    index: LineIndex
    findings: list[Finding]
    setup: Setup
    fmt: str
    path: str
    file: Path | None

    @property
    def shift(self) -> int:
        return 1 if self.text.startswith("\ufeff") else 0


class _Protocol(LanguageServerProtocol):
    """pygls 2.1 files the future of every handler it runs as a generator or
    coroutine (the built-in ``didOpen``/``didChange``, and a coroutine a
    built-in hands over to) among the pending requests, under a random id,
    and never removes it: one future per keystroke, memory that grows for as
    long as the editor is open.  Each is dropped here once it is done (a
    request's future is dropped by pygls itself when it answers)."""

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any,
                         args: tuple[Any, ...] | None = None,
                         kwargs: dict[str, Any] | None = None) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            pending = self._request_futures

            def forget(done: Any) -> None:
                if pending.get(msg_id) is done:
                    del pending[msg_id]

            future.add_done_callback(forget)

    # The server keeps each open document itself (with the protocol's line
    # rules, see .positions); pygls's own copy, re-split into lines on every
    # keystroke, would only cost time and memory.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


class CopylintLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copylint", __version__, protocol_cls=_Protocol)
        self.documents: dict[str, OpenDocument] = {}
        self.linted: dict[str, Linted] = {}
        self.configurations = Configurations()
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._shown: set[str] = set()
        self._bad_documents: set[str] = set()
        self._config_problems: set[str] = set()
        self._config_signature: dict[str, list[tuple[int, str]]] = {}
        self._fixing: dict[tuple[int, int], RuleSet] = {}

    # -- negotiated settings ---------------------------------------------------------
    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or UTF16)

    def document_changes(self) -> bool:
        capabilities = self.client_capabilities
        workspace = capabilities.workspace if capabilities else None
        edit = workspace.workspace_edit if workspace else None
        return bool(edit and edit.document_changes)

    # -- messages ------------------------------------------------------------------
    def tell(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show ``message`` in the client, once until the configuration reloads."""
        if message in self._shown:
            return
        self._shown.add(message)
        log.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # -- settings and configuration ---------------------------------------------------
    def apply_settings(self, raw: Any) -> None:
        try:
            settings = Settings.parse(raw)
        except SettingsError as exc:
            self.tell(f"copylint: {exc}; keeping the previous settings")
            return
        if settings != self.configurations.settings:
            self.configurations.settings = settings
            self.reload()

    def reload(self) -> None:
        """Forget loaded configurations and lint every open document again."""
        self.configurations.reload()
        self._shown.clear()
        self._fixing.clear()
        forget_explanations()
        for uri in list(self.documents):
            self.lint(uri)
        self.report_configuration_problems()

    def report_configuration_problems(self) -> None:
        """A diagnostic on each configuration (or rule) file that cannot be
        loaded, and a message naming it; cleared once it loads again."""
        problems: dict[str, list[types.Diagnostic]] = {}
        for error in self.configurations.loaded_errors():
            path = getattr(error, "path", None)
            line = getattr(error, "line", None)
            self.tell(f"copylint: {error} (documents using this configuration are not checked "
                      "until it is fixed)")
            if not path or not os.path.isfile(path):
                continue
            row = max(0, (line or 1) - 1)
            problem = getattr(error, "problem", str(error))
            problems.setdefault(from_fs_path(os.path.abspath(path)), []).append(types.Diagnostic(
                range=types.Range(types.Position(row, 0), types.Position(row + 1, 0)),
                message=str(problem), severity=types.DiagnosticSeverity.Error,
                source=SOURCE, code="configuration"))
        signature = {uri: [(d.range.start.line, d.message) for d in found] for uri, found in problems.items()}
        if signature == self._config_signature:
            return  # already shown
        for uri in self._config_problems - set(problems):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in problems.items():
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self._config_problems = set(problems)
        self._config_signature = signature

    # -- linting ---------------------------------------------------------------------
    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Lint ``uri`` once the client has been quiet for the debounce time."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        delay = self.configurations.settings.debounce_ms if delay_ms is None else delay_ms
        loop = asyncio.get_event_loop()
        self._timers[uri] = loop.call_later(delay / 1000, self._fire, uri)

    def _fire(self, uri: str) -> None:
        self._timers.pop(uri, None)
        self.lint(uri)

    def lint(self, uri: str) -> Linted | None:
        """Lint the document now and publish its diagnostics."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        doc = self.documents.get(uri)
        if doc is None:
            return None
        linted = self._lint(doc)
        if linted is None:
            self.linted.pop(uri, None)
            self.publish(doc, [])
            return None
        self.linted[uri] = linted
        links: dict[str, str | None] = {}
        rules = linted.setup.rules
        encoding = self.encoding
        self.publish(doc, [to_diagnostic(f, linted.index, linted.shift, encoding, rules, links)
                           for f in linted.findings])
        return linted

    def publish(self, doc: OpenDocument, diagnostics: list[dict[str, Any]]) -> None:
        """Send the document's diagnostics, already in their JSON form (sent as
        they are: pygls would first rebuild and re-validate each as an object)."""
        if not diagnostics and doc.uri in self._config_problems:
            return  # an open configuration file: its problem stays shown
        params: dict[str, Any] = {"uri": doc.uri, "diagnostics": diagnostics}
        if doc.version is not None:
            params["version"] = doc.version
        self.protocol._send_data({"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                  "params": params})

    def _lint(self, doc: OpenDocument) -> Linted | None:
        settings = self.configurations.settings
        if not settings.enable:
            return None
        path = doc.path
        had_problems = bool(self._config_problems)
        setup = self.configurations.setup_for(path)
        if setup.error is not None or had_problems:
            self.report_configuration_problems()
        if setup.config is None or (setup.rules is None and setup.vale is None):
            return None
        name = str(path) if path is not None else doc.uri
        fmt = document_format(doc.language_id, name, setup.config.extensions)
        if fmt is None:
            return None
        problem = self._document_problem(doc)
        if problem is not None:
            if doc.uri not in self._bad_documents:
                self._bad_documents.add(doc.uri)
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Warning, message=f"copylint: {name}: {problem}"))
            return None
        self._bad_documents.discard(doc.uri)
        body = doc.text[1:] if doc.text.startswith("\ufeff") else doc.text
        if path is not None and setup.vale is None:
            # the editor's language says Markdown; the file's flavour (Hugo, Jekyll, MDX) is
            # the configuration's `format:` or detected, as `copylint check` does
            configured = setup.config.format_for(path)
            if configured is not None or fmt == "markdown" and path.suffix.lower() in MARKDOWN_SUFFIXES:
                fmt = resolve_format(configured, name, body)
        try:
            if setup.vale is not None:
                from .vale import vale_findings

                findings = [f for f in vale_findings(setup.vale, body, path, fmt)
                            if f.level >= (settings.min_level or setup.min_level)]
            else:
                assert setup.rules is not None
                rules = setup.config.rules_for_path(setup.rules, path) if path is not None else setup.rules
                findings = lint_text(body, rules, path=name, fmt=fmt, min_level=setup.min_level,
                                     inline_config=setup.config.inline_config)
        except CopylintError as exc:
            self.tell(f"copylint: {name}: {exc}")
            return None
        except Exception as exc:  # a bug: say so, keep serving
            if os.environ.get("COPYLINT_DEBUG"):
                raise
            log.exception("linting %s", name)
            self.tell(f"copylint: internal error while checking {name}: {type(exc).__name__}: {exc} "
                      "(please report this; set COPYLINT_DEBUG=1 for a traceback)")
            return None
        return Linted(doc.version, doc.text, LineIndex.of(doc.text), findings, setup, fmt, name, path)

    @staticmethod
    def _document_problem(doc: OpenDocument) -> str | None:
        if "\x00" in doc.text:
            return "not a text document (NUL characters); not checked"
        if len(doc.text) > DEFAULT_MAX_FILE_SIZE:
            return f"larger than {DEFAULT_MAX_FILE_SIZE // (1024 * 1024)}M characters; not checked"
        return None

    def current(self, uri: str) -> Linted | None:
        """The findings for the document as it is now (linted now if a lint is pending)."""
        doc = self.documents.get(uri)
        linted = self.linted.get(uri)
        if doc is None:
            return None
        if linted is None or linted.version != doc.version or linted.text is not doc.text:
            return self.lint(uri)
        return linted

    def target(self, uri: str, linted: Linted) -> Target:
        return Target(uri=uri, version=linted.version, text=linted.text, fmt=linted.fmt,
                      path=linted.path, encoding=self.encoding, shift=linted.shift,
                      index=linted.index, document_changes=self.document_changes(),
                      inline_config=linted.setup.config.inline_config if linted.setup.config else True)

    def fixing_rules(self, linted: Linted) -> RuleSet:
        setup = linted.setup
        assert setup.rules is not None and setup.config is not None
        rules = setup.rules
        if linted.file is not None:
            rules = setup.config.rules_for_path(rules, linted.file)
        key = (id(rules), int(setup.min_level))
        if key not in self._fixing:
            self._fixing[key] = fixing_rules(rules, setup.min_level)
        return self._fixing[key]


def _workspace_folders(params: types.InitializeParams) -> list[Path]:
    uris = [folder.uri for folder in params.workspace_folders or []]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    folders = []
    for uri in uris:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            folders.append(Path(path))
    if not folders and params.root_path:
        folders.append(Path(params.root_path))
    return folders


def create_server() -> CopylintLanguageServer:
    """The language server with every LSP feature copylint answers registered."""
    server = CopylintLanguageServer()
    _register_lifecycle(server)
    _register_documents(server)
    _register_workspace(server)
    _register_actions(server)
    return server


def _register_lifecycle(server: CopylintLanguageServer) -> None:
    """Start-up (settings, file watching) and shut-down."""
    @server.feature(types.INITIALIZE)
    def initialize(ls: CopylintLanguageServer, params: types.InitializeParams) -> None:
        ls.configurations.folders = _workspace_folders(params)
        if params.initialization_options is not None:
            try:
                ls.configurations.settings = Settings.parse(params.initialization_options)
            except SettingsError as exc:
                ls.tell(f"copylint: {exc}; using the defaults")

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopylintLanguageServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched and watched.dynamic_registration:
            pattern = "**/{" + ",".join(CONFIG_FILE_NAMES) + "}"
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=pattern)])
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                    types.Registration(id="copylint-configuration-files",
                                       method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                       register_options=options)]))
            except Exception as exc:  # the client may refuse: saving the file still reloads
                log.info("file watching not registered: %s", exc)
        if capabilities and capabilities.configuration:
            await pull_settings(ls)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CopylintLanguageServer, params: None) -> None:
        for timer in ls._timers.values():
            timer.cancel()
        ls._timers.clear()


def _register_documents(server: CopylintLanguageServer) -> None:
    """Open, edited, saved and closed documents: linted as they change."""
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopylintLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = OpenDocument(item.uri, item.language_id, item.version, item.text)
        ls.lint(item.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopylintLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                text = apply_change(text, (r.start.line, r.start.character),
                                    (r.end.line, r.end.character), change.text, ls.encoding)
            else:
                text = change.text
        doc.text = text
        doc.version = params.text_document.version
        ls.schedule(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CopylintLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path and ls.configurations.watches(Path(path)):
            ls.reload()
        elif uri in ls.documents:
            ls.lint(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopylintLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        doc = ls.documents.pop(uri, None)
        ls.linted.pop(uri, None)
        ls._bad_documents.discard(uri)
        if doc is not None:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _register_workspace(server: CopylintLanguageServer) -> None:
    """Configuration files, settings and workspace folders that change."""
    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: CopylintLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = to_fs_path(change.uri) if change.uri.startswith("file:") else None
            if path and ls.configurations.watches(Path(path)):
                ls.reload()
                return

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def changed_configuration(ls: CopylintLanguageServer,
                                    params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and params.settings:
            ls.apply_settings(params.settings)
            return
        capabilities = ls.client_capabilities.workspace
        if capabilities and capabilities.configuration:
            await pull_settings(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def changed_folders(ls: CopylintLanguageServer,
                        params: types.DidChangeWorkspaceFoldersParams) -> None:
        folders = list(ls.configurations.folders)
        for folder in params.event.removed:
            path = to_fs_path(folder.uri)
            if path and Path(path) in folders:
                folders.remove(Path(path))
        for folder in params.event.added:
            path = to_fs_path(folder.uri)
            if path:
                folders.append(Path(path))
        ls.configurations.folders = folders
        ls.reload()


def _register_actions(server: CopylintLanguageServer) -> None:
    """Quick fixes, "fix all" and hovers over findings."""
    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll,
                           FIX_ALL_KIND]))
    def code_action(ls: CopylintLanguageServer,
                    params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        target = ls.target(uri, linted)
        only = [str(getattr(k, "value", k)) for k in params.context.only or []]
        quick = not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only)
        source = not only or any(FIX_ALL_KIND.startswith(k) for k in only)
        r = params.range
        start = linted.index.offset(r.start.line, r.start.character, target.encoding) - linted.shift
        end = linted.index.offset(r.end.line, r.end.character, target.encoding) - linted.shift
        actions: list[types.CodeAction] = []
        here = [f for f in linted.findings if f.offset <= end and f.end_offset >= start]
        if quick:
            for finding in here:
                diagnostic = _diagnostic_for(finding, params.context.diagnostics, linted, ls.encoding)
                if finding.fix is not None:
                    actions.append(fix_action(target, finding, diagnostic))
                if finding.rule not in META_RULES and linted.setup.vale is None:
                    actions.append(disable_action(target, finding, diagnostic))
            if only and any(f.safe_fix for f in here):
                every = fix_all_action(target, ls.fixing_rules(linted), types.CodeActionKind.QuickFix)
                if every is not None:
                    actions.append(every)
        if source and linted.setup.rules is not None and any(f.safe_fix for f in linted.findings):
            every = fix_all_action(target, ls.fixing_rules(linted), FIX_ALL_KIND)
            if every is not None:
                actions.append(every)
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopylintLanguageServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        p = params.position
        offset = linted.index.offset(p.line, p.character, ls.encoding) - linted.shift
        here = [f for f in linted.findings if f.offset <= offset < f.end_offset
                or f.offset == f.end_offset == offset]
        if not here:
            return None
        rules = linted.setup.rules
        text = "\n\n---\n\n".join(finding_markdown(f, rules) for f in here)
        first = here[0]
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=lsp_range(linted.index, first.offset + linted.shift,
                            first.end_offset + linted.shift, ls.encoding))


async def pull_settings(ls: CopylintLanguageServer) -> None:
    """Ask the client for the ``copylint`` section of its settings."""
    try:
        result = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="copylint")]))
    except Exception as exc:
        log.info("workspace/configuration failed: %s", exc)
        return
    if result and isinstance(result[0], dict) and result[0]:  # none set: keep initializationOptions
        ls.apply_settings(result[0])


def _diagnostic_for(finding: Finding, diagnostics: list[types.Diagnostic], linted: Linted,
                    encoding: str) -> types.Diagnostic | None:
    """The client's diagnostic for ``finding`` (same rule, same range), if it sent it."""
    where = lsp_range(linted.index, finding.offset + linted.shift, finding.end_offset + linted.shift,
                      encoding)
    for diagnostic in diagnostics:
        if diagnostic.code == finding.rule and diagnostic.source == SOURCE and diagnostic.range == where:
            return diagnostic
    return None


def serve_stdio() -> None:
    """Run the server on standard input and output until the client exits."""
    create_server().start_io()


__all__ = ["CopylintLanguageServer", "ConfigError", "RuleError", "create_server", "serve_stdio"]
