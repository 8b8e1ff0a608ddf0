"""Applying fixes: to a text (``apply``), to files on disk (``files``), the
atomic, race-checked write back (``writer``) and ``--diff`` output (``diff``)."""
