"""Discover: turn the paths on the command line into the list of sources to lint.

Directories are walked recursively in sorted order (stable output), skipping hidden folders,
virtual environments and dependency folders; files named explicitly are always linted.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
"""Folder names never walked into (hidden folders such as .git and .venv are skipped too)."""


@dataclass(frozen=True)
class Source:
    """One thing to lint: a file on disk, or standard input (``data`` holds its bytes)."""

    display: str
    path: Path | None = None
    data: bytes | None = None


@dataclass
class Discovery:
    """The sources found, in order, and one message per path that could not be used."""

    sources: list[Source] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def discover(
    paths: Sequence[str],
    *,
    extensions: Sequence[str],
    exclude: Sequence[str] = (),
    stdin_name: str = "<stdin>",
    stdin_data: bytes | None = None,
    accept: Callable[[Path, bool], bool] | None = None,
) -> Discovery:
    """Expand ``paths`` into sources; ``-`` means standard input (``stdin_data``).

    ``accept(path, explicit)``, when given, replaces the ``extensions`` / ``exclude`` test: it
    is asked about every walked file (``explicit=False``) and every file named on the command
    line (``explicit=True``), so each file can follow the config nearest to it.
    """
    found = Discovery()
    seen: set[Path] = set()
    wanted = tuple(extension.lower() for extension in extensions)
    for raw in paths:
        if raw == "-":
            found.sources.append(Source(display=stdin_name, data=stdin_data or b""))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, found.errors):
                if accept is not None:
                    if accept(file, False):
                        _add(found, seen, file)
                elif file.suffix.lower() in wanted and not _excluded(file, exclude):
                    _add(found, seen, file)
        elif path.exists() or path.is_symlink():
            if accept is None or accept(path, True):
                _add(found, seen, path)
        else:
            found.errors.append(f"{raw}: no such file or directory")
    return found


def _add(found: Discovery, seen: set[Path], path: Path) -> None:
    key = path.resolve() if path.exists() else path.absolute()
    if key in seen:
        return
    seen.add(key)
    found.sources.append(Source(display=_display(path), path=path))


def _walk(root: Path, errors: list[str]) -> list[Path]:
    def report(error: OSError) -> None:
        errors.append(
            f"{_display(Path(error.filename or root))}: cannot read directory: {error.strerror}"
        )

    files: list[Path] = []
    for folder, directories, names in os.walk(root, onerror=report):
        directories[:] = sorted(
            d
            for d in directories
            if not d.startswith(".")
            and d not in SKIPPED_DIRECTORIES
            and not (Path(folder, d) / "pyvenv.cfg").exists()
        )
        files.extend(Path(folder, name) for name in sorted(names))
    return files


def _excluded(path: Path, patterns: Sequence[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def _display(path: Path) -> str:
    """The path as users expect to see it: relative to the working directory when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
