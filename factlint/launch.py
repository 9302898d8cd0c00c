"""The ``factlint`` command's entry point (and ``python -m factlint``'s).

It imports nothing itself, so that it can pause the garbage collector while the command line
loads: importing spaCy and the checks makes hundreds of thousands of objects and no garbage
worth a full collection, and the collections Python would run anyway cost about 0.03 s of
every start. The collector is back on before any command runs; a lint run then hands it over
to ``runner._Collector``. spaCy itself is imported without its own command line
(``spacy_startup``).

When the command is done, the process ends at once (``os._exit``, as mypy does) instead of
freeing, one by one, the million objects it loaded (word lists, lexicons, the spaCy vocabulary):
that teardown was 0.1 s of every run, a tenth of a small file's. Everything a command writes
goes through ``with`` blocks and atomic renames, so nothing is left half-written; the standard
streams are flushed here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    """Run the command line, then end the process with its exit status."""
    status = run_command_line()
    for stream in (sys.stdout, sys.stderr):
        # a reader that went away (`| head`) or a closed stream: nothing more to deliver
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def run_command_line() -> int:
    """Load the command line with the collector paused, run it, and return its exit status
    (as ``sys.exit`` would make it of the command's ``SystemExit``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from factlint.spacy_startup import import_spacy_without_cli

        import_spacy_without_cli()
        from factlint.cli import main as command_line
    finally:
        if enabled:
            gc.enable()
    try:
        command_line()
    except SystemExit as done:
        return _status(done.code)
    return 0


def _status(code: object) -> int:
    """``sys.exit``'s rule: no code is success, a number is the status, anything else is
    printed to standard error and means failure."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
