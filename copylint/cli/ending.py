"""The end of a command run from the process's own command line.

When ``copylint check`` has printed its report, what is left is tearing
the interpreter down: every module, function and object is freed one by
one, and the garbage collector runs over them all.  That is about 30 M
instructions (5 % of a one-story run) of work whose result nobody sees.
So a finished ``check`` or ``fix`` does what finalization does that can be
seen from outside — waits for threads that are not daemons, runs the
:mod:`atexit` functions (which also run :func:`weakref.finalize`'s),
flushes standard output and error — and then leaves with
:func:`os._exit` and the same exit status (the way mypy ends).

Anything unusual takes the ordinary way out: a status that is not a
number (a message), a flush that fails (Python then prints its note and
exits 120), a tracer or profiler (``python -m cProfile``, coverage) that
writes its results at exit, ``python -i``, or ``COPYLINT_FULL_EXIT=1``.
"""

from __future__ import annotations

import atexit
import os
import sys

#: Commands that end this way: they print a report and hold nothing
#: (files, servers) that only an object's finalizer would close.
QUICK_EXIT_COMMANDS = frozenset({"check", "fix"})


def quick_exit_allowed(command: str | None, code: object) -> bool:
    """May a run of ``command`` that stopped with ``code`` skip finalization?"""
    return (command in QUICK_EXIT_COMMANDS
            and (code is None or (isinstance(code, int) and not isinstance(code, bool)))
            and not sys.flags.inspect
            and sys.gettrace() is None
            and sys.getprofile() is None
            and not os.environ.get("COPYLINT_FULL_EXIT"))


def _flushed() -> bool:
    """Flush standard output and error; False when one fails (the ordinary
    exit then reports it as Python does)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - any failure: leave it to the ordinary exit
            return False
    return True


def finish(command: str | None, stop: SystemExit) -> None:
    """Leave the process now with ``stop``'s status when allowed (never
    returns then); otherwise return, and the caller re-raises ``stop``."""
    if not quick_exit_allowed(command, stop.code):
        return
    if not _flushed():
        return
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()  # type: ignore[attr-defined] # joins non-daemon threads, as finalization does
    atexit._run_exitfuncs()
    if not _flushed():
        return
    os._exit(stop.code or 0)  # type: ignore[arg-type]
