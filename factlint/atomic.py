"""Write a file all at once or not at all.

Fixes, reports (``--output``), baselines, ``factlint init`` and cache entries are written to a
temporary file in the same directory, flushed to disk, then moved over the target with
``os.replace``: a crash, a full disk or Ctrl-C mid-write leaves the old file intact, never half
an article.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (a symlink's target is written, not the link).

    ``durable`` fsyncs the data before the rename (skipped for cache entries, where speed
    matters more than surviving a power cut). The file keeps its permission bits.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".factlint-tmp"
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            # mkstemp creates 0600; a new file should get the usual umask-based mode.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
