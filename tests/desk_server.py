"""A real desk server on a free port, in a thread, for the API and browser tests."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
from typing import Any, Iterator

from copylint.server import StyleBook, make_server


@contextlib.contextmanager
def running_server(styles: StyleBook | None = None, host: str = "127.0.0.1",
                   **options: Any) -> Iterator[Any]:
    server = make_server(host, 0, styles, quiet=True, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def call(server: Any, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    """One request; returns (status, headers, decoded JSON or raw bytes)."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        hdrs = {"Content-Type": "application/json"} if data is not None else {}
        hdrs.update(headers or {})
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        payload = response.read()
        head = {k.lower(): v for k, v in response.getheaders()}
        if head.get("content-type", "").startswith("application/json"):
            return response.status, head, json.loads(payload)
        return response.status, head, payload
    finally:
        conn.close()
