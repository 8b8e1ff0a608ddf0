"""The HTTP layer: stdlib ``ThreadingHTTPServer`` serving the desk page (static
files shipped inside the package) and the JSON API in :mod:`.api`.

Every response is complete JSON or a static file; an unexpected error is logged
on the server's stderr and answered with a 500 and a one-line message, never a
stack trace.

The desk is built to run beside a browser and to survive hostile callers (the
threat model is in ``docs/desk-security.md``): :mod:`.gate` decides which
requests are answered (``Host``, ``Origin``, ``Content-Type``, a bounded JSON
parse); here every connection gets a thread out of a fixed number of slots
(more get a 503 at once), every read has a deadline (an idle connection, a
request's headers, its body), at most a few requests lint at once (the others
wait their turn), and the kernel queues connections not yet accepted.
"""

from __future__ import annotations

import io
import json
import math
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from ..version import __version__
from . import api
from .gate import HostPolicy, Refused, check_request, parse_json_body
from .styles import StyleBook

DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024
#: A body this many times over the limit is not drained before the 413.
_DRAIN_FACTOR = 16
#: ... and is drained for at most this many seconds.
_DRAIN_SECONDS = 5.0
#: Connections served at once, one thread each; a connection beyond them gets
#: a 503 at once.  Slow and idle clients lose their slot after a timeout.
DEFAULT_MAX_CONNECTIONS = 256
#: Lint and fix requests computed at once; the others wait their turn.  Each
#: can hold the findings of a 1 MiB text, so this bounds the memory.
DEFAULT_MAX_ACTIVE = 4
#: Seconds a new connection waits for the slot of a dropped waiting one.
_EVICT_WAIT = 1.0
#: Connections the kernel queues before the server accepts them.
LISTEN_BACKLOG = 1024


@dataclass(frozen=True)
class Timeouts:
    """How long a client may take, in seconds.  ``idle``: a kept-alive
    connection between requests; ``header``: from a request's first byte to the
    end of its headers (a client trickling headers is cut off here); ``body``:
    to send the body; ``write``: to take the whole response."""

    idle: float = 10.0
    header: float = 10.0
    body: float = 30.0
    write: float = 30.0


DEFAULT_TIMEOUTS = Timeouts()

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


class _DeadlineReader(io.RawIOBase):
    """The socket's input, read with a deadline: each read waits at most until
    ``deadline`` (``time.monotonic()``), so a client that trickles one byte at a
    time cannot stretch a request forever."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the client is too slow")
        self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


def _busy_response() -> bytes:
    body = (b'{"error": {"status": 503, "message": '
            b'"the desk is busy (too many connections); retry in a moment"}}')
    return (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
            b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body)) + body


_BUSY = _busy_response()


class DeskServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], styles: StyleBook,
                 max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES, quiet: bool = False, *,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS,
                 max_active: int = DEFAULT_MAX_ACTIVE, timeouts: Timeouts = DEFAULT_TIMEOUTS,
                 allowed_hosts: tuple[str, ...] = ()):
        self.styles = styles
        self.max_request_bytes = max_request_bytes
        self.quiet = quiet
        self.max_connections = max_connections
        self.timeouts = timeouts
        self._slots = threading.BoundedSemaphore(max_connections)
        #: Connections that wait on their client (idle, or a request not yet
        #: fully received): socket -> since when.  The oldest is dropped when a
        #: new connection finds every slot taken.
        self._waiting: dict[socket.socket, float] = {}
        self._waiting_lock = threading.Lock()
        self.active = threading.BoundedSemaphore(max_active)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, DeskHandler)
        # The address bound (a name given to --host is resolved by then) and the name given.
        names = {address[0].lower().strip("[]"), *(h.lower() for h in allowed_hosts)}
        self.host_policy = HostPolicy(str(self.server_address[0]), self.server_address[1],
                                      frozenset(names))

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection if a slot is free.  Else the connection
        that has waited longest on its client (idle, or trickling a request)
        is dropped to make room; only when every connection is being answered
        does the newcomer get a 503."""
        if not self._slots.acquire(blocking=False):
            if not (self._evict_oldest_waiting() and self._slots.acquire(timeout=_EVICT_WAIT)):
                self._refuse_busy(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def waiting(self, sock: socket.socket, since: float | None) -> None:
        """Mark a connection as waiting on its client (``since``) or not (None)."""
        with self._waiting_lock:
            if since is None:
                self._waiting.pop(sock, None)
            else:
                self._waiting[sock] = since

    def _evict_oldest_waiting(self) -> bool:
        with self._waiting_lock:
            if not self._waiting:
                return False
            victim = min(self._waiting, key=self._waiting.__getitem__)
            del self._waiting[victim]
        try:
            victim.shutdown(socket.SHUT_RDWR)  # its thread's read returns at once
        except OSError:
            pass
        return True

    def _refuse_busy(self, request: socket.socket) -> None:
        try:
            request.settimeout(1.0)
            request.sendall(_BUSY)
        except OSError:
            pass
        self.shutdown_request(request)

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
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms delayed-ACK stall

    def version_string(self) -> str:
        return f"copylint/{__version__}"

    # -- connection --------------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader, 65536)

    def handle_one_request(self) -> None:
        """Wait for a request at most ``idle`` seconds, then give its headers
        ``header`` seconds (the body gets its own deadline)."""
        timeouts = self.server.timeouts
        now = time.monotonic()
        self._reader.deadline = now + timeouts.idle
        self.server.waiting(self.connection, now)
        try:
            try:
                if not self.rfile.peek(1):
                    self.close_connection = True  # the client closed the connection
                    return
            except OSError:  # TimeoutError included: an idle client loses its slot
                self.close_connection = True
                return
            self._reader.deadline = time.monotonic() + timeouts.header
            super().handle_one_request()
        finally:
            self.server.waiting(self.connection, None)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.connection.settimeout(self.server.timeouts.write)
        super().send_response(code, message)

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
        self.server.waiting(self.connection, time.monotonic())  # the body is the client's to send
        try:
            data = self._read_body()
        finally:
            self.server.waiting(self.connection, None)  # from now on, the desk is the one working
        if data is None:
            return  # already answered, or the client went away
        body = parse_json_body(data)
        with self.server.active:  # a few at once: each may hold many findings
            payload = handlers[path](body, self.server.styles)
        self._json(200, payload)

    def _other(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/api/lint", "/api/fix"):
            self._method_not_allowed("POST")
        elif path == "/api/rules" or path in STATIC_FILES:
            self._method_not_allowed("GET, HEAD")
        else:
            self._error(404, f"no such endpoint: {path}")

    # -- request body ------------------------------------------------------------
    def _read_body(self) -> bytes | None:
        """The request's body, or None once the error is answered (or the
        client went away mid-body)."""
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            self._error(411, "send the body with a Content-Length (chunked bodies are not accepted)")
            return None
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            self._error(411, "a Content-Length header is required")
            return None
        length = self._content_length()
        if length is None:
            self.close_connection = True
            self._error(400, f"bad Content-Length: {raw_length[:40]!r}")
            return None
        limit = self.server.max_request_bytes
        if length > limit:
            self._drain(length)
            self._error(413, f"request body is {length} bytes; the limit is {limit} bytes")
            return None
        self._reader.deadline = time.monotonic() + self.server.timeouts.body
        data = self.rfile.read(length)
        if len(data) < length:
            self.close_connection = True
            return None  # the client went away mid-body; nobody to answer
        return data

    def _content_length(self) -> int | None:
        raw = self.headers.get("Content-Length")
        if raw is None:
            return 0
        raw = raw.strip()
        if not raw.isdigit() or not raw.isascii() or len(raw) > 18:
            return None
        return int(raw)

    def _discard_body(self) -> None:
        """Before refusing a request, read the body it may carry (bounded), so
        the client sees the answer, not a reset connection."""
        self.close_connection = True
        length = self._content_length()
        if length:
            self._drain(length)

    def _drain(self, length: int) -> None:
        """Read and discard an oversized body so the client sees the 413 (closing
        with unread data makes the kernel reset the connection instead)."""
        self.close_connection = True
        if length > self.server.max_request_bytes * _DRAIN_FACTOR:
            return
        self._reader.deadline = time.monotonic() + min(self.server.timeouts.body, _DRAIN_SECONDS)
        try:
            while length > 0:
                chunk = self.rfile.read(min(length, 65536))
                if not chunk:
                    return
                length -= len(chunk)
        except OSError:  # too slow or gone: answer anyway
            return

    # -- responses -------------------------------------------------------------
    def _guard(self, handler: Callable[[], None]) -> None:
        self._extra_headers: dict[str, str] = {}
        self.server.waiting(self.connection, None)  # the headers are in: the desk works now
        try:
            try:
                check_request(self.command, self.headers, self.server.host_policy)
            except Refused:
                self._discard_body()
                raise
            handler()
        except (api.ApiError, Refused) as exc:
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
                quiet: bool = False, **limits: Any) -> DeskServer:
    """A ready-to-run server (rules loaded and compiled); call ``serve_forever()``.
    ``limits``: ``max_connections``, ``max_active``, ``timeouts`` (:class:`Timeouts`),
    ``allowed_hosts`` (more names the desk may be addressed by)."""
    styles = styles or StyleBook()
    styles.load_all()
    return DeskServer((host, port), styles, max_request_bytes, quiet, **limits)
