"""Which requests the desk answers, independent of sockets and threads.

The desk runs on an editor's machine beside a web browser, so every web page
the editor visits is a potential caller.  Three checks keep other pages out:

* ``Host`` must name the address the desk serves on (``127.0.0.1:8000``,
  ``localhost:8000``…): a page on a domain that a DNS-rebinding attack points
  at 127.0.0.1 sends its own name, and is refused.
* ``Origin`` (and ``Sec-Fetch-Site``), when the browser sends them, must be the
  desk itself: another page cannot make the browser POST to the desk.
* A ``POST`` must be ``Content-Type: application/json``: a form or a "simple"
  ``fetch`` from another page cannot send that type without a CORS preflight,
  which the desk never grants.

:func:`parse_json_body` turns a body into a JSON value or a one-line reason it
is refused: invalid UTF-8 or JSON, lone surrogates, numbers too long to
convert, non-standard constants and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlsplit

#: JSON nested deeper than this is refused (the API needs depth 2).
MAX_DEPTH = 32
#: Numbers with more characters than this are refused (the API takes none).
MAX_NUMBER_CHARS = 100

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
_SURROGATE = re.compile("[\ud800-\udfff]")


class Refused(Exception):
    """A request the desk will not answer: HTTP ``status`` and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def split_host(value: str) -> tuple[str, int | None] | None:
    """``"name:port"`` or ``"[v6]:port"`` -> (lowercase host, port or None);
    None when the value is not a host at all."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        host, rest = value[1:end], value[end + 1:]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:] if rest else None
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    elif ":" in value:
        return None  # a bare IPv6 address must be bracketed
    else:
        host, port_text = value, None
    host = host.rstrip(".")
    if not host or any(ch.isspace() or ch in "/\\@?#" for ch in host):
        return None
    if port_text is None:
        return host, None
    if not port_text.isdigit() or len(port_text) > 5:
        return None
    return host, int(port_text)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class HostPolicy:
    """The names and port under which the desk may be addressed.

    Bound to a loopback address: that address and ``localhost``.  Bound to one
    address: that address (plus ``localhost`` for a loopback one).  Bound to a
    wildcard (``0.0.0.0``, ``::``): any IP address literal, ``localhost`` and
    this machine's own host names; an IP literal cannot be rebound by DNS.
    ``extra`` adds names (a name users reach the desk by)."""

    bound: str
    port: int
    extra: frozenset[str] = frozenset()
    _names: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", self.names())

    def names(self) -> frozenset[str]:
        bound = self.bound.lower().strip("[]")
        names = {bound, *self.extra}
        if bound in ("0.0.0.0", "::"):
            names |= _LOOPBACK_NAMES
            for name in (socket.gethostname(), socket.getfqdn()):
                if name:
                    names.add(name.lower().rstrip("."))
        elif _is_ip(bound) and ipaddress.ip_address(bound).is_loopback:
            names |= _LOOPBACK_NAMES
        return frozenset(names)

    def allows(self, host: str, port: int | None) -> bool:
        if port is None:
            port = 80
        if port != self.port:
            return False
        if self.bound.strip("[]") in ("0.0.0.0", "::") and _is_ip(host):
            return True
        return host in self._names


def check_request(method: str, headers: Mapping[str, str], policy: HostPolicy) -> None:
    """Raise :class:`Refused` unless the request may come in (see module doc)."""
    host_header = headers.get("Host")
    if host_header is None:
        raise Refused(400, "a Host header is required")
    host = split_host(host_header)
    if host is None or not policy.allows(*host):
        raise Refused(403, f"this desk does not answer to the host name {_quote(host_header)} "
                           "(open it at the address `copylint serve` printed)")
    origin = headers.get("Origin")
    if origin is not None and not _same_origin(origin, host):
        raise Refused(403, f"requests from another site are refused (Origin {_quote(origin)})")
    if method == "POST":
        site = (headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site not in ("", "same-origin", "none"):
            raise Refused(403, f"requests from another site are refused (Sec-Fetch-Site {_quote(site)})")
        media, _, params = (headers.get("Content-Type") or "").partition(";")
        if media.strip().lower() != "application/json":
            raise Refused(415, "send the body as Content-Type: application/json")
        charset = _param(params, "charset")
        if charset is not None and charset.lower() not in ("utf-8", "utf8"):
            raise Refused(415, f"the body must be UTF-8 (charset {_quote(charset)} given)")


def _same_origin(origin: str, host: tuple[str, int | None]) -> bool:
    try:
        url = urlsplit(origin.strip())
        port = url.port
    except ValueError:
        return False
    if url.scheme.lower() != "http" or url.hostname is None or url.path or url.query:
        return False
    return (url.hostname.rstrip("."), port or 80) == (host[0], host[1] or 80)


def _param(params: str, name: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip('"')
    return None


def _quote(value: str, limit: int = 80) -> str:
    shown = value if len(value) <= limit else value[:limit] + "…"
    return repr(shown)


# -- the body ------------------------------------------------------------------
def _number(kind: str):  # noqa: ANN202 (a json hook)
    convert = int if kind == "int" else float

    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise Refused(400, f"request body has a number of {len(text)} characters "
                               f"(at most {MAX_NUMBER_CHARS})")
        return convert(text)

    return parse


def _constant(name: str) -> Any:
    raise Refused(400, f"request body is not valid JSON: {name} is not a JSON value")


def parse_json_body(data: bytes) -> Any:
    """The JSON value in ``data``, or :class:`Refused` (400) saying why not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, f"request body is not valid UTF-8 at byte {exc.start}") from None
    try:
        value = json.loads(text, parse_int=_number("int"), parse_float=_number("float"),
                           parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise Refused(400, f"request body is not valid JSON: {exc.msg} "
                           f"at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise Refused(400, f"request body is nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ValueError as exc:  # a number Python refuses to convert
        raise Refused(400, f"request body has a value that cannot be read: {_quote(str(exc))}") from None
    _check_value(value)
    return value


def _check_value(value: Any) -> None:
    """Depth and lone surrogates, without recursion (the value may be deep)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            match = _SURROGATE.search(item)
            if match:
                raise Refused(400, "request body has a lone UTF-16 surrogate "
                                   f"(\\u{ord(match.group()):04x}), which is not text")
        elif isinstance(item, (list, dict)):
            if depth > MAX_DEPTH:
                raise Refused(400, f"request body is nested too deeply (at most {MAX_DEPTH} levels)")
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
