"""The editors' desk: a local web page and JSON API over the same engine.

>>> from copylint.server import make_server
>>> server = make_server(port=0, quiet=True)   # doctest: +SKIP
>>> server.serve_forever()                      # doctest: +SKIP
"""

from .app import DEFAULT_MAX_REQUEST_BYTES, DeskServer, make_server
from .styles import StyleBook

__all__ = ["DEFAULT_MAX_REQUEST_BYTES", "DeskServer", "StyleBook", "make_server"]
