"""The HTTP layer: stdlib ``ThreadingHTTPServer`` serving the desk page (static
files shipped inside the package) and the JSON API in :mod:`.api`.

Every response is complete JSON or a static file; an unexpected error is logged
on the server's stderr and answered with a 500 and a one-line message, never a
stack trace.
"""

from __future__ import annotations

import json
import socket
import sys
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from . import api
from .styles import StyleBook

DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024
#: A body this many times over the limit is not drained before the 413.
_DRAIN_FACTOR = 16

STATIC_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
}

#: Everything the page loads comes from this server: no CDN, fonts or scripts
#: from elsewhere, so the desk works offline and leaks no draft.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class DeskServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], styles: StyleBook,
                 max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES, quiet: bool = False):
        self.styles = styles
        self.max_request_bytes = max_request_bytes
        self.quiet = quiet
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, DeskHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up is normal (a closed tab); anything else is
        logged on one line, never as a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"copylint serve: error with a request from {client_address[0]}: {error!r}",
              file=sys.stderr)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(host), str(host))  # a wildcard: this machine
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"


class DeskHandler(BaseHTTPRequestHandler):
    server: DeskServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may stall mid-request before the connection is dropped

    def version_string(self) -> str:
        from .. import __version__

        return f"copylint/{__version__}"

    # -- routing ---------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        self._guard(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._guard(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guard(self._post)

    def do_PUT(self) -> None:  # noqa: N802
        self._guard(self._other)

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _get(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/api/rules":
            style = parse_qs(url.query).get("style", [None])[0]
            self._json(200, api.rules(self.server.styles, style, self.server.max_request_bytes))
        elif url.path in ("/api/lint", "/api/fix"):
            self._method_not_allowed("POST")
        elif url.path in STATIC_FILES:
            name, ctype = STATIC_FILES[url.path]
            self._send(200, _static(name), ctype, cache="no-cache")
        else:
            self._error(404, f"no such page: {url.path}")

    def _post(self) -> None:
        path = urlsplit(self.path).path
        handlers: dict[str, Callable[[Any, StyleBook], dict[str, Any]]] = {
            "/api/lint": api.lint, "/api/fix": api.fix}
        if path not in handlers:
            if path == "/api/rules" or path in STATIC_FILES:
                self._method_not_allowed("GET, HEAD")
            else:
                self._error(404, f"no such endpoint: {path}")
            return
        body = self._read_json()
        if body is not None:
            self._json(200, handlers[path](body, self.server.styles))

    def _other(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/api/lint", "/api/fix"):
            self._method_not_allowed("POST")
        elif path == "/api/rules" or path in STATIC_FILES:
            self._method_not_allowed("GET, HEAD")
        else:
            self._error(404, f"no such endpoint: {path}")

    # -- request body ------------------------------------------------------------
    def _read_json(self) -> Any | None:
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            self._error(411, "send the body with a Content-Length (chunked bodies are not accepted)")
            return None
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            self._error(411, "a Content-Length header is required")
            return None
        try:
            length = int(raw_length)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            self._error(400, f"bad Content-Length: {raw_length!r}")
            return None
        limit = self.server.max_request_bytes
        if length > limit:
            self._drain(length)
            self._error(413, f"request body is {length} bytes; the limit is {limit} bytes")
            return None
        data = self.rfile.read(length)
        if len(data) < length:
            self.close_connection = True
            return None  # the client went away mid-body; nobody to answer
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._error(400, f"request body is not valid UTF-8 at byte {exc.start}")
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            self._error(400, f"request body is not valid JSON: {exc.msg} "
                             f"at line {exc.lineno} column {exc.colno}")
            return None

    def _drain(self, length: int) -> None:
        """Read and discard an oversized body so the client sees the 413 (closing
        with unread data makes the kernel reset the connection instead)."""
        self.close_connection = True
        if length > self.server.max_request_bytes * _DRAIN_FACTOR:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                return
            length -= len(chunk)

    # -- responses -------------------------------------------------------------
    def _guard(self, handler: Callable[[], None]) -> None:
        self._extra_headers: dict[str, str] = {}
        try:
            handler()
        except api.ApiError as exc:
            self._error(exc.status, exc.message)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception:  # never show a stack trace to the caller
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            self._error(500, "internal error in copylint (details in the server log)")

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", cache="no-store")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": {"status": status, "message": message}})

    def _method_not_allowed(self, allow: str) -> None:
        self._extra_headers = {"Allow": allow}
        self._error(405, f"{self.command} is not allowed here (use {allow})")

    def _send(self, status: int, body: bytes, ctype: str, cache: str) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        for name, value in self._extra_headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8000, styles: StyleBook | None = None,
                max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
                quiet: bool = False) -> DeskServer:
    """A ready-to-run server (rules loaded and compiled); call ``serve_forever()``."""
    styles = styles or StyleBook()
    styles.load_all()
    return DeskServer((host, port), styles, max_request_bytes, quiet)
