"""Tables compiled from package data, cached on disk across processes.

The spelling lexicon, its bigrams and suggestion vocabulary, and the validated default rule
packs cost tenths of a second to build from their sources at every start. They are written with
:mod:`marshal` to the user cache directory under a name derived from everything they are built
from, so later runs load them in milliseconds and a changed input is a new file, never a stale
value. The cache is never required: without it everything is built in memory.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from factlint.atomic import write_atomic

CACHE_VERSION = 6
"""Bump when the stored form of anything cached here changes, or the way a source is read."""

_T = TypeVar("_T")


def cache_dir() -> Path:
    """``$FACTLINT_CACHE_DIR``, else the platform's user cache directory + ``factlint``."""
    override = os.environ.get("FACTLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "factlint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "factlint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factlint"


def load_cached(
    name: str,
    fingerprints: Iterable[str],
    compile_: Callable[[], _T],
    valid: Callable[[object], bool] = lambda value: True,
) -> _T:
    """``compile_()``, stored with :mod:`marshal` in :func:`cache_dir` under a name derived from
    ``name``, :data:`CACHE_VERSION`, the Python and marshal versions and ``fingerprints``
    (whatever the value is computed from: a changed input is a new file, never a stale value).

    The cache is never required: a file that is missing, unreadable, truncated or not ``valid``
    is compiled again, and a value marshal cannot store, or a directory that cannot be written,
    is simply not cached.
    """
    python = f"py{sys.version_info[0]}.{sys.version_info[1]}-marshal{marshal.version}"
    key = hashlib.sha256(
        "\n".join([str(CACHE_VERSION), python, name, *fingerprints]).encode()
    ).hexdigest()[:20]
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    else:
        if valid(value):
            return value  # type: ignore[no-any-return]
    value = compile_()
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
    except (OSError, ValueError):
        pass  # a read-only home, or a value marshal cannot store: compile it next time too
    return value
