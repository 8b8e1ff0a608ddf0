"""The desk's JSON API, against a real server on a free port."""

from __future__ import annotations

import json
import re
import socket
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copylint import default_rules, lint_text
from copylint.fixes.apply import fix_text
from copylint.server import StyleBook
from copylint.server.api import Utf16Index
from copylint.server.app import STATIC_FILES
from desk_server import call, running_server

DRAFT = "Shelling hit Kiev overnight. . The the mayor said Ukrainian early on Monday it was over.\n"


@pytest.fixture(scope="module")
def server():
    with running_server(max_request_bytes=64 * 1024) as srv:
        yield srv


def lint(server, **body):
    status, _, data = call(server, "POST", "/api/lint", body)
    assert status == 200, data
    return data


def test_lint_reports_every_finding_with_ids_counts_and_offsets(server):
    data = lint(server, text=DRAFT)
    expected = lint_text(DRAFT)
    assert [f["rule"] for f in data["findings"]] == [f.rule for f in expected]
    assert data["counts"] == {"error": 3, "warning": 1, "suggestion": 0}
    assert data["fixable"] == 3 and data["style"] == "newsroom" and data["format"] == "text"
    for got, want in zip(data["findings"], expected):
        assert got["id"] == f"{want.rule}@{want.offset}-{want.end_offset}"
        assert DRAFT[got["offset"]:got["end_offset"]] == got["match"] == want.match
        assert (got["line"], got["column"], got["fix"]) == (want.line, want.column, want.fix)
        assert got["fixable"] is (want.fix is not None)
    kyiv = data["findings"][0]
    assert (kyiv["rule"], kyiv["level"], kyiv["fix"]) == ("places.kyiv", "warning", "Kyiv")


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_utf16_offsets_count_an_emoji_before_a_finding_as_two_units(server):
    text = "🙂 Officials in 𝒦 said Kiev was hit. 🙂🙂 It ended. ."
    data = lint(server, text=text)
    assert [f["match"] for f in data["findings"]] == ["Kiev", " ."]
    kiev, stop = data["findings"]
    assert kiev["offset"] == text.index("Kiev") and kiev["offset16"] == kiev["offset"] + 2
    assert stop["offset16"] == stop["offset"] + 4
    for f in data["findings"]:
        assert text[f["offset"]:f["end_offset"]] == f["match"]
        assert _utf16_slice(text, f["offset16"], f["end_offset16"]) == f["match"]


@given(st.text(alphabet=st.sampled_from("ab\n🙂é\U0001f600"), max_size=30))
def test_utf16_index_matches_encoding(text):
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index(i) == len(text[:i].encode("utf-16-le")) // 2


def test_offsets_index_the_text_as_sent_even_with_a_bom(server):
    text = "\ufeffShelling hit Kiev."
    (f,) = lint(server, text=text)["findings"]
    assert text[f["offset"]:f["end_offset"]] == "Kiev" and f["column"] == 14
    status, _, data = call(server, "POST", "/api/fix", {"text": text, "ids": [f["id"]]})
    assert status == 200 and data["text"] == "\ufeffShelling hit Kyiv."
    status, _, data = call(server, "POST", "/api/fix", {"text": text})
    assert data["text"] == "\ufeffShelling hit Kyiv."


def test_format_field_and_format_from_path(server):
    md = "# Kiev\n\nShelling hit `Kiev` in the the night.\n"
    assert lint(server, text=md, format="markdown")["format"] == "markdown"
    assert lint(server, text=md, path="story.md")["format"] == "markdown"
    assert lint(server, text="<p>Kiev</p>", path="page.HTML")["format"] == "html"
    status, _, data = call(server, "POST", "/api/lint", {"text": "x", "format": "docx"})
    assert status == 400
    assert data["error"]["message"] == "unknown format 'docx' (expected one of: text, markdown, html, hugo, jekyll, mdx)"


def test_style_field(server):
    assert lint(server, text=DRAFT, style="newsroom")["style"] == "newsroom"
    status, _, data = call(server, "POST", "/api/lint", {"text": DRAFT, "style": "bogus"})
    assert status == 400
    from copylint.ruleset import available_styles

    assert data["error"]["message"] == f"unknown style 'bogus' (available: {', '.join(available_styles())})"
    assert lint(server, text=DRAFT, style="reuters")["style"] == "reuters"


def test_min_level(server):
    data = lint(server, text=DRAFT, min_level="error")
    assert {f["level"] for f in data["findings"]} == {"error"}
    assert data["counts"]["warning"] == 0
    status, _, data = call(server, "POST", "/api/lint", {"text": DRAFT, "min_level": "fatal"})
    assert status == 400 and "min_level" in data["error"]["message"]


def test_fix_all_safe_fixes_matches_the_fix_engine(server):
    status, _, data = call(server, "POST", "/api/fix", {"text": DRAFT})
    assert status == 200
    expected = fix_text(DRAFT, default_rules())
    assert data["text"] == expected.text
    assert data["text"] == "Shelling hit Kyiv overnight. The mayor said Ukrainian early on Monday it was over.\n"
    assert data["changed"] is True
    assert [a["rule"] for a in data["applied"]] == [f.rule for f in expected.applied]
    assert [f["rule"] for f in data["findings"]] == ["attribution.orphaned-modifier"]
    assert data["fixable"] == 0
    status, _, again = call(server, "POST", "/api/fix", {"text": data["text"]})
    assert again["text"] == data["text"] and again["changed"] is False and again["applied"] == []


def test_fix_selected_findings_only(server):
    findings = lint(server, text=DRAFT)["findings"]
    dup = next(f for f in findings if f["rule"] == "repetition.words")
    status, _, data = call(server, "POST", "/api/fix", {"text": DRAFT, "ids": [dup["id"]]})
    assert status == 200
    assert data["text"] == DRAFT.replace("The the", "The")
    assert [a["rule"] for a in data["applied"]] == ["repetition.words"]
    remaining = {f["rule"]: f for f in data["findings"]}
    assert set(remaining) == {"places.kyiv", "punctuation.stray-stop", "attribution.orphaned-modifier"}
    # The returned ids belong to the new text: they can be sent straight back.
    stop = remaining["punctuation.stray-stop"]
    status, _, data2 = call(server, "POST", "/api/fix", {"text": data["text"], "ids": [stop["id"]]})
    assert status == 200 and data2["text"] == DRAFT.replace("The the", "The").replace(". .", ".")


def test_fix_refuses_stale_unfixable_and_malformed_ids(server):
    findings = lint(server, text=DRAFT)["findings"]
    status, _, data = call(server, "POST", "/api/fix", {"text": DRAFT + "x", "ids": ["places.kyiv@0-4"]})
    assert status == 409 and "places.kyiv@0-4" in data["error"]["message"]
    manual = next(f for f in findings if not f["fixable"])
    status, _, data = call(server, "POST", "/api/fix", {"text": DRAFT, "ids": [manual["id"]]})
    assert status == 400 and "no safe fix" in data["error"]["message"]
    status, _, data = call(server, "POST", "/api/fix", {"text": DRAFT, "ids": "places.kyiv@13-17"})
    assert status == 400 and "ids" in data["error"]["message"]


@pytest.mark.parametrize("raw, message", [
    (b"{not json", "request body is not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    (b"[1, 2]", "the request body must be a JSON object"),
    (b"{}", "field 'text' is required and must be a string"),
    (b'{"text": 3}', "field 'text' is required and must be a string"),
    (b'{"text": "a", "format": 1}', "field 'format' must be a string"),
    (b'{"text": "a", "colour": "red"}', "unknown field 'colour' (expected: format, min_level, path, style, text)"),
    (b'{"text": "\xff"}', "request body is not valid UTF-8 at byte 10"),
])
def test_bad_requests_get_400_with_a_message(server, raw, message):
    status, headers, data = call(server, "POST", "/api/lint", raw=raw)
    assert status == 400
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert data == {"error": {"status": 400, "message": message}}


def test_request_size_is_bounded_with_413(server):
    body = json.dumps({"text": "word " * 20000}).encode()
    assert len(body) > server.max_request_bytes
    status, headers, data = call(server, "POST", "/api/lint", raw=body)
    assert status == 413
    assert data["error"]["message"] == (
        f"request body is {len(body)} bytes; the limit is {server.max_request_bytes} bytes")
    assert headers["connection"] == "close"
    # The server is still fine afterwards.
    assert lint(server, text="Kiev")["counts"]["warning"] == 1


def _raw_exchange(server, request: bytes) -> bytes:
    """Send raw bytes (``Host: DESK`` becomes the server's own address), read to the end."""
    host, port = server.server_address[:2]
    request = request.replace(b"Host: DESK\r\n", b"Host: %s:%d\r\n" % (host.encode(), port))
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_huge_declared_length_is_refused_without_reading_it(server):
    reply = _raw_exchange(server, b"POST /api/lint HTTP/1.1\r\nHost: DESK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  b"Content-Length: 999999999\r\n\r\n{}")
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b"the limit is 65536 bytes" in reply


def test_length_required_and_bad_length(server):
    reply = _raw_exchange(server, b"POST /api/lint HTTP/1.1\r\nHost: DESK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 411 ") and b"Content-Length header is required" in reply
    reply = _raw_exchange(server, b"POST /api/lint HTTP/1.1\r\nHost: DESK\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400 ") and b"bad Content-Length" in reply
    reply = _raw_exchange(server, b"POST /api/lint HTTP/1.1\r\nHost: DESK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 411 ")


def test_wrong_method_and_unknown_path(server):
    status, headers, data = call(server, "GET", "/api/lint")
    assert status == 405 and headers["allow"] == "POST"
    assert data["error"]["message"] == "GET is not allowed here (use POST)"
    status, headers, _ = call(server, "DELETE", "/api/rules")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    status, _, data = call(server, "POST", "/api/nothing", {"text": "x"})
    assert status == 404 and data["error"]["message"] == "no such endpoint: /api/nothing"
    status, _, data = call(server, "GET", "/../../etc/passwd")
    assert status == 404


def test_rules_lists_styles_formats_and_rules(server):
    status, _, data = call(server, "GET", "/api/rules")
    assert status == 200
    from copylint.ruleset import available_styles, load_rules

    assert data["styles"] == [{"name": name, "rules": len(load_rules(style=name)), "default": name == "newsroom",
                               "origin": "builtin"}
                              for name in available_styles()]
    assert data["styles"][0]["name"] == "newsroom"
    assert data["formats"] == ["text", "markdown", "html", "hugo", "jekyll", "mdx"]
    assert data["levels"] == ["error", "warning", "suggestion"]
    assert data["max_request_bytes"] == 64 * 1024
    assert [r["id"] for r in data["rules"]] == [r.id for r in default_rules()]
    kyiv = next(r for r in data["rules"] if r["id"] == "places.kyiv")
    assert kyiv["kind"] == "substitution" and kyiv["level"] == "warning" and kyiv["source"]
    status, _, data = call(server, "GET", "/api/rules?style=nope")
    assert status == 400 and "unknown style 'nope'" in data["error"]["message"]


def test_an_internal_error_is_a_500_without_a_stack_trace(server, monkeypatch, capsys):
    from copylint.server import api

    def broken(body, styles):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(api, "lint", broken)
    status, _, data = call(server, "POST", "/api/lint", {"text": "x"})
    assert status == 500
    assert data == {"error": {"status": 500, "message":
                              "internal error in copylint (details in the server log)"}}
    assert "secret detail" in capsys.readouterr().err  # logged for the operator only


def test_keep_alive_and_concurrent_requests(server):
    import http.client

    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    for _ in range(3):
        conn.request("POST", "/api/lint", body=json.dumps({"text": DRAFT}),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["counts"]["error"] == 3
    conn.close()

    results: list[int] = []

    def worker():
        results.append(lint(server, text=DRAFT * 20)["counts"]["error"])

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [60] * 6


def test_page_and_assets_are_served_from_the_package_with_a_strict_policy(server):
    status, headers, html = call(server, "GET", "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    referenced = set(re.findall(rb'(?:src|href)="([^"]+)"', html))
    assert referenced == {b"favicon.svg", b"app.css", b"app.js"}
    for name in referenced:
        status, _, body = call(server, "GET", "/" + name.decode())
        assert status == 200 and body
    status, headers, _ = call(server, "HEAD", "/app.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")


def test_static_files_load_nothing_from_elsewhere():
    static = Path(__file__).resolve().parent.parent / "copylint" / "server" / "static"
    names = {name for name, _ in STATIC_FILES.values()}
    assert names == {p.name for p in static.iterdir()}
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|@import", text, re.I), path.name
        if path.suffix == ".css":
            assert "url(" not in text  # no fonts or images fetched by the style sheet


def test_custom_rules_only_style(tmp_path: Path):
    rules = tmp_path / "house.yml"
    rules.write_text(
        "rules:\n"
        "  - id: house.per-cent\n    kind: substitution\n    level: warning\n"
        "    description: Per cent, two words.\n    message: \"Use '%s', not '%s'.\"\n"
        "    swap: {percent: per cent}\n"
        "    examples: {bad: ['ten percent'], good: ['ten per cent']}\n", encoding="utf-8")
    with running_server(StyleBook([rules], builtin=False)) as srv:
        _, _, info = call(srv, "GET", "/api/rules")
        assert info["styles"] == [{"name": "custom", "rules": 1, "default": True, "origin": "desk"}]
        _, _, data = call(srv, "POST", "/api/fix", {"text": "Ten percent of Kiev."})
        assert data["text"] == "Ten per cent of Kiev." and data["findings"] == []
    with running_server(StyleBook([rules])) as srv:
        _, _, data = call(srv, "POST", "/api/lint", {"text": "Ten percent of Kiev."})
        assert [f["rule"] for f in data["findings"]] == ["house.per-cent", "places.kyiv"]


def test_a_client_hanging_up_is_not_a_traceback(server, capsys):
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(b"POST /api/lint HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"te")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(b"GET /api/rules HTTP/1.1\r\nHost: x\r\n")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    assert lint(server, text="Kiev")["counts"]["warning"] == 1
    assert "Traceback" not in capsys.readouterr().err


# -- the desk's configuration -------------------------------------------------

def _desk_with_config(tmp_path: Path, config_text: str) -> Path:
    (tmp_path / ".copylint.yaml").write_text(config_text, encoding="utf-8")
    return tmp_path / ".copylint.yaml"


def test_the_configuration_reaches_every_request(tmp_path: Path):
    from copylint import load_config

    path = _desk_with_config(tmp_path, (
        "style: reuters\n"
        "levels: {'places.*': error}\n"
        "ignore: [punctuation.space-before]\n"
        "min-level: warning\n"
        "inline-config: false\n"
        "per-path-ignores:\n  quotes/: ['repetition.*']\n"))
    config = load_config(path)
    text = "Shelling hit Kiev , officials said. <!-- copylint-disable places.kyiv -->\nThe the war was over.\n"
    with running_server(StyleBook(config=config)) as server:
        _, _, rules = call(server, "GET", "/api/rules")
        assert rules["style"] == "reuters" and rules["styles"][0] == {
            "name": "reuters", "rules": len(config.build_rules()), "default": True, "origin": "desk"}
        _, _, data = call(server, "POST", "/api/lint", {"text": text, "path": "story.md"})
        # exactly what `copylint check story.md` reports with this configuration
        expected = lint_text(text, config.rules_for_path(config.build_rules(), "story.md"), path="story.md",
                             min_level=config.min_level, inline_config=False)
        assert [(f["rule"], f["level"]) for f in data["findings"]] == [(f.rule, str(f.level)) for f in expected]
        assert ("places.kyiv", "error") in [(f["rule"], f["level"]) for f in data["findings"]]
        assert "punctuation.space-before" not in {f["rule"] for f in data["findings"]}
        # per-path-ignores by the request's path
        _, _, quoted = call(server, "POST", "/api/lint", {"text": text, "path": "quotes/a.md"})
        assert "repetition.words" in {f["rule"] for f in data["findings"]}
        assert "repetition.words" not in {f["rule"] for f in quoted["findings"]}
        # a request may still ask for a lower level than the configuration's
        _, _, everything = call(server, "POST", "/api/lint", {"text": "Kiev claimed it.", "min_level": "suggestion"})
        assert any(f["level"] == "suggestion" for f in everything["findings"])
        _, _, default = call(server, "POST", "/api/lint", {"text": "Kiev claimed it."})
        assert all(f["level"] != "suggestion" for f in default["findings"])


def test_serve_discovers_the_configuration_or_takes_config_and_no_config(tmp_path: Path, monkeypatch):
    from click.testing import CliRunner

    import copylint.server as server_module
    from copylint.cli import main

    _desk_with_config(tmp_path, "style: bbc\n")
    other = tmp_path / "other.yaml"
    other.write_text("style: ap\n", encoding="utf-8")
    books = []

    def fake_make_server(host, port, styles, max_bytes, quiet):
        books.append(styles)
        raise OSError(98, "stop here")  # the test only needs the styles the command built

    monkeypatch.setattr(server_module, "make_server", fake_make_server)
    monkeypatch.chdir(tmp_path)
    for args, default in ([[], "bbc"], [["--config", str(other)], "ap"], [["--no-config"], "newsroom"],
                          [["--style", "reuters"], "reuters"]):
        result = CliRunner().invoke(main, ["serve", "--port", "0", *args])
        assert result.exit_code == 2 and "cannot listen" in result.output
        assert books[-1].default == default, args
    house = tmp_path / "house"
    house.mkdir()
    (house / "pack.yml").write_text("name: house\nextends: ap\n", encoding="utf-8")
    CliRunner().invoke(main, ["serve", "--port", "0", "--style", "house", "--style", "reuters"])
    assert books[-1].names[:2] == ["house", "reuters"] and books[-1].default == "house"


def test_a_built_in_style_loads_even_when_a_level_names_only_a_house_rule(tmp_path: Path):
    from copylint import load_config

    house = tmp_path / "house"
    house.mkdir()
    (house / "pack.yml").write_text("extends: ap\n", encoding="utf-8")
    (house / "own.yml").write_text(
        "rules:\n  - id: house.x\n    kind: existence\n    level: warning\n    description: d\n"
        "    tokens: [slammed]\n", encoding="utf-8")
    config = load_config(_desk_with_config(tmp_path, "style: ./house\nlevels: {'house.*': error}\n"))
    book = StyleBook(config=config)
    book.load_all()  # the built-in styles have no house.* rule: they still load
    assert book.get("house").by_id["house.x"].level == 3 and "house.x" not in book.get("bbc")
