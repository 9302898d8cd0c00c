"""The ``factlint`` command's entry point (and ``python -m factlint``'s).

It imports nothing itself, so that it can pause the garbage collector while the command line
loads: importing spaCy and the checks makes hundreds of thousands of objects and no garbage
worth a full collection, and the collections Python would run anyway cost about 0.03 s of
every start. The collector is back on before any command runs; a lint run then hands it over
to ``runner._Collector``.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Load the command line with the collector paused, then run it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from factlint.cli import main as command_line
    finally:
        if enabled:
            gc.enable()
    command_line()
