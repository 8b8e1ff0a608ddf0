"""The desk against hostile callers: other web pages (Origin, Host, simple
requests), malformed bodies, huge responses, slow and idle clients, crowds."""

from __future__ import annotations

import json
import socket
import time

import pytest

from copylint.server import api
from copylint.server.app import Timeouts
from copylint.server.gate import HostPolicy, split_host
from desk_server import call, running_server


@pytest.fixture(scope="module")
def server():
    with running_server(max_request_bytes=64 * 1024) as srv:
        yield srv


def _origin(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def _raw(server, request: bytes, *, timeout: float = 10) -> bytes:
    with socket.create_connection(server.server_address[:2], timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _post(server, body: bytes, **headers: str) -> tuple[int, dict]:
    status, _, data = call(server, "POST", "/api/lint", raw=body, headers=headers)
    return status, data


# -- the response is bounded ----------------------------------------------------
def test_a_text_with_thousands_of_findings_gets_a_bounded_truncated_response(server):
    text = "Kiev " * 3000
    status, _, data = call(server, "POST", "/api/lint", {"text": text})
    assert status == 200
    assert data["total"] == 3000 and data["counts"]["warning"] == 3000
    assert data["truncated"] is True and len(data["findings"]) == api.MAX_FINDINGS
    assert [f["offset"] for f in data["findings"][:2]] == [0, 5]
    status, _, fixed = call(server, "POST", "/api/fix", {"text": text})
    assert status == 200 and fixed["text"] == "Kyiv " * 3000
    assert fixed["applied_total"] == 3000 and len(fixed["applied"]) == api.MAX_FINDINGS
    _, _, small = call(server, "POST", "/api/lint", {"text": "Kiev"})
    assert small["truncated"] is False and small["total"] == 1


# -- other web pages --------------------------------------------------------------
@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1:1",
                                  "127.0.0.2:{port}", "localhost.evil.example:{port}", "[::1", ""])
def test_a_foreign_host_header_is_refused_as_dns_rebinding(server, host):
    port = server.server_address[1]
    header = host.format(port=port).encode()
    reply = _raw(server, b"GET /api/rules HTTP/1.1\r\nHost: " + header + b"\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 403 ")
    assert b"does not answer to the host name" in reply
    assert b'"rules"' not in reply


def test_a_missing_host_header_is_a_400(server):
    reply = _raw(server, b"GET /api/rules HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400 ") and b"a Host header is required" in reply


def test_the_desk_answers_to_its_own_address_and_localhost(server):
    port = server.server_address[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST.:{port}"):
        reply = _raw(server, b"GET /api/rules HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                     % host.encode())
        assert reply.startswith(b"HTTP/1.1 200 "), host


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://127.0.0.1:{port}",
                                    "http://127.0.0.1:1", "http://localhost:{port}", "file://"])
def test_a_post_from_another_origin_is_refused(server, origin):
    status, data = _post(server, b'{"text": "Kiev"}', **{
        "Content-Type": "application/json", "Origin": origin.format(port=server.server_address[1])})
    assert status == 403 and "another site" in data["error"]["message"]


def test_a_cross_site_fetch_without_origin_is_refused(server):
    status, data = _post(server, b'{"text": "Kiev"}', **{
        "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"})
    assert status == 403 and "Sec-Fetch-Site 'cross-site'" in data["error"]["message"]


def test_the_same_origin_and_non_browser_clients_are_answered(server):
    for extra in ({"Origin": _origin(server), "Sec-Fetch-Site": "same-origin"}, {}):
        status, data = _post(server, b'{"text": "Kiev"}', **{"Content-Type": "application/json", **extra})
        assert status == 200 and data["total"] == 1


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", "application/json; charset=latin-1",
                                   "application/jsonp", "application/json-seq"])
def test_a_simple_request_content_type_is_refused_with_415(server, ctype):
    status, data = _post(server, b'{"text": "Kiev"}', **{"Content-Type": ctype})
    assert status == 415
    assert data["error"]["message"] in ("send the body as Content-Type: application/json",
                                        "the body must be UTF-8 (charset 'latin-1' given)")


def test_a_post_without_content_type_is_refused(server):
    host, port = server.server_address[:2]
    reply = _raw(server, b"POST /api/lint HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: 16\r\n"
                         b"Connection: close\r\n\r\n{\"text\": \"Kiev\"}" % (host.encode(), port))
    assert reply.startswith(b"HTTP/1.1 415 ")


def test_json_with_a_charset_parameter_is_accepted(server):
    status, data = _post(server, b'{"text": "Kiev"}', **{"Content-Type": "Application/JSON; charset=UTF-8"})
    assert status == 200 and data["total"] == 1


# -- malformed bodies: every one a 400 --------------------------------------------
@pytest.mark.parametrize("body, message", [
    (b"null", "the request body must be a JSON object"),
    (b"", "request body is not valid JSON"),
    (b'"text"', "the request body must be a JSON object"),
    (b'{"text": "a\\ud800b"}', "lone UTF-16 surrogate (\\ud800)"),
    (b'{"text": "\\udfff"}', "lone UTF-16 surrogate (\\udfff)"),
    (b'{"\\ud800": 1}', "lone UTF-16 surrogate"),
    (b"[" * 30000 + b"]" * 30000, "nested too deeply"),
    (b'{"text": "a", "ids": ' + b"[" * 40 + b"]" * 40 + b"}", "nested too deeply"),
    (b'{"text": "a", "ids": ' + b"9" * 5000 + b"}", "a number of 5000 characters"),
    (b'{"text": "a", "ids": 1' + b"0" * 5000 + b".5}", "a number of 5003 characters"),
    (b'{"text": "a", "ids": NaN}', "NaN is not a JSON value"),
    (b'{"text": "a", "ids": -Infinity}', "-Infinity is not a JSON value"),
    (b'{"text": "\xed\xa0\x80"}', "not valid UTF-8 at byte 10"),
])
def test_every_malformed_body_is_a_400(server, body, message):
    for path in ("/api/lint", "/api/fix"):
        status, _, data = call(server, "POST", path, raw=body)
        assert status == 400, (path, data)
        assert message in data["error"]["message"]
        assert len(data["error"]["message"]) < 200
    assert call(server, "POST", "/api/lint", {"text": "Kiev"})[0] == 200


# -- slow, idle and crowding clients ----------------------------------------------
def _closed_by_server(sock: socket.socket, trickle: bytes = b"") -> bytes:
    """Trickle bytes (one at a time) until the server closes; what it sent."""
    received = b""
    for byte in trickle:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            break
        time.sleep(0.05)
    sock.settimeout(10)
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def test_slow_and_idle_clients_lose_their_connection_while_others_are_answered():
    timeouts = Timeouts(idle=0.5, header=0.5, body=0.5, write=5)
    with running_server(timeouts=timeouts) as srv:
        address = srv.server_address[:2]
        idle = socket.create_connection(address, timeout=10)
        slow = socket.create_connection(address, timeout=10)
        slow.sendall(b"GET /api/rules HTTP/1.1\r\n")
        slow_body = socket.create_connection(address, timeout=10)
        host = b"Host: %s:%d\r\n" % (address[0].encode(), address[1])
        slow_body.sendall(b"POST /api/lint HTTP/1.1\r\n" + host +
                          b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        assert call(srv, "POST", "/api/lint", {"text": "Kiev"})[0] == 200
        # A client that trickles its headers forever is cut off, however steady.
        assert _closed_by_server(slow, b"X-Slow: " + b"a" * 400) == b""
        assert _closed_by_server(idle) == b""
        assert _closed_by_server(slow_body, b'"text": "') == b""
        for sock in (idle, slow, slow_body):
            sock.close()
        assert call(srv, "POST", "/api/lint", {"text": "Kiev"})[0] == 200


def test_when_every_connection_is_being_answered_a_newcomer_gets_a_503(monkeypatch):
    import threading

    release, started = threading.Event(), threading.Semaphore(0)
    real_lint = api.lint

    def slow_lint(body, styles):
        started.release()
        release.wait(10)
        return real_lint(body, styles)

    monkeypatch.setattr(api, "lint", slow_lint)
    with running_server(max_connections=2) as srv:
        results: list[int] = []
        workers = [threading.Thread(target=lambda: results.append(
            call(srv, "POST", "/api/lint", {"text": "Kiev"})[0])) for _ in range(2)]
        for worker in workers:
            worker.start()
        for _ in workers:  # both slots are now busy linting: nobody to drop
            assert started.acquire(timeout=10)
        reply = _raw(srv, b"GET /api/rules HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 503 ") and b"Retry-After: 1" in reply
        assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["error"]["status"] == 503
        release.set()
        for worker in workers:
            worker.join(10)
        assert results == [200, 200]
        monkeypatch.setattr(api, "lint", real_lint)
        for _ in range(100):  # the slots come back as the threads see the close
            status, _, _ = call(srv, "GET", "/api/rules")
            if status == 200:
                break
            time.sleep(0.05)
        assert status == 200


def test_a_crowd_of_simultaneous_connections_is_queued_not_reset():
    with running_server() as srv:
        address = srv.server_address[:2]
        body = b'{"text": "Kiev"}'
        request = (b"POST /api/lint HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (address[0].encode(), address[1], len(body))
                   + body)
        socks = [socket.create_connection(address, timeout=30) for _ in range(150)]
        try:
            for sock in socks:
                sock.sendall(request)
            replies = [_closed_by_server(sock) for sock in socks]
        finally:
            for sock in socks:
                sock.close()
        assert all(r.startswith(b"HTTP/1.1 200 ") for r in replies)


# -- the host policy ----------------------------------------------------------------
def test_split_host():
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:80") == ("::1", 80)
    assert split_host("example.org.") == ("example.org", None)
    for bad in ("::1", "a:b", "a:123456", "[::1]x", "a b:1", "user@host:1", ""):
        assert split_host(bad) is None, bad


def test_a_wildcard_bind_accepts_ip_literals_but_not_foreign_names():
    policy = HostPolicy("0.0.0.0", 8000)
    assert policy.allows("192.0.2.7", 8000) and policy.allows("localhost", 8000)
    assert not policy.allows("192.0.2.7", 8001)
    assert not policy.allows("attacker.example", 8000)
    assert HostPolicy("192.0.2.7", 80).allows("192.0.2.7", None)
    assert not HostPolicy("192.0.2.7", 80).allows("localhost", 80)
    assert HostPolicy("127.0.0.1", 80, frozenset({"desk.newsroom.example"})).allows("desk.newsroom.example", 80)


def test_when_every_slot_is_taken_the_longest_waiting_client_makes_room():
    with running_server(max_connections=3, timeouts=Timeouts(idle=30, header=30)) as srv:
        address = srv.server_address[:2]
        slow = []
        for _ in range(3):  # three clients trickling headers hold every slot
            sock = socket.create_connection(address, timeout=10)
            sock.sendall(b"GET /api/rules HTTP/1.1\r\n")
            slow.append(sock)
            time.sleep(0.05)
        for _ in range(4):  # a normal client still gets in, again and again
            status, _, data = call(srv, "POST", "/api/lint", {"text": "Kiev"})
            assert status == 200 and data["total"] == 1
        assert _closed_by_server(slow[0]) == b""  # the oldest were dropped to make room
        for sock in slow:
            sock.close()


def test_only_a_few_requests_lint_at_once_the_others_wait_their_turn(monkeypatch):
    import threading

    lock = threading.Lock()
    running = peak = 0
    real_lint = api.lint

    def counting_lint(body, styles):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.02)  # long enough for the others to pile up behind
            return real_lint(body, styles)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(api, "lint", counting_lint)
    with running_server(max_active=2) as srv:
        results: list[int] = []
        workers = [threading.Thread(target=lambda: results.append(
            call(srv, "POST", "/api/lint", {"text": "Kiev"})[0])) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
    assert results == [200] * 8
    assert peak <= 2


def test_a_desk_started_with_a_host_name_answers_to_the_name_and_its_address():
    with running_server(host="localhost") as srv:
        port = srv.server_address[1]
        for host in (f"localhost:{port}", f"{srv.server_address[0]}:{port}"):
            reply = _raw(srv, b"GET /api/rules HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                         % host.encode())
            assert reply.startswith(b"HTTP/1.1 200 "), host
