"""Which config governs which file, and which files a config includes or excludes.

A repository may keep several article folders, each with its own ``.factlint.yaml``: every
linted file uses the config nearest to it (its own folder, then upwards), the way ruff and
ESLint resolve settings, so linting ``site/`` or ``site/blog/post.md`` gives the same findings
for that post. ``--config FILE`` uses one file for everything; ``--isolated`` uses none.
Settings that concern the whole run rather than a file (``fail-on``) come from the config
nearest to the first path on the command line, else the working directory.

``include`` and ``exclude`` are globs relative to the directory of the config that names them
(the working directory without a config). ``*`` also matches ``/``; a pattern with no ``/``
matches any single path component (``drafts`` excludes every folder or file named
``drafts``); a pattern with a ``/`` matches the path from the config's directory, or any
folder on it (``archive/2019`` excludes everything below it); a leading ``**/`` is optional.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path

from factlint.config import Config, find_config, load_config


class Workspace:
    """Resolves and caches configs per directory (each config file is parsed once per run)."""

    def __init__(
        self,
        *,
        config_file: Path | None = None,
        isolated: bool = False,
        max_file_size_mb: float | None = None,
    ) -> None:
        self.config_file = config_file
        self.isolated = isolated
        self.max_file_size_mb = max_file_size_mb
        self._nearest: dict[Path, Path | None] = {}
        self._loaded: dict[Path | None, Config] = {}

    def config_path_for(self, path: Path) -> Path | None:
        """The config file that governs ``path`` (None: the defaults)."""
        if self.isolated:
            return None
        if self.config_file is not None:
            return self.config_file
        absolute = Path(os.path.abspath(path))
        directory = absolute if absolute.is_dir() else absolute.parent
        if directory not in self._nearest:
            self._nearest[directory] = find_config(directory)
        return self._nearest[directory]

    def config(self, config_path: Path | None) -> Config:
        """The loaded config for a path from :meth:`config_path_for` (raises ConfigError)."""
        if config_path not in self._loaded:
            config = load_config(config_path)
            if self.max_file_size_mb is not None:
                config = dataclasses.replace(config, max_file_size_mb=self.max_file_size_mb)
            self._loaded[config_path] = config
        return self._loaded[config_path]

    def config_for(self, path: Path) -> Config:
        return self.config(self.config_path_for(path))

    def run_config_path(self, paths: Sequence[str]) -> Path | None:
        """The config for run-wide settings: nearest to the first path, else the working dir."""
        first = next((Path(p) for p in paths if p != "-"), Path.cwd())
        return self.config_path_for(first if first.exists() else Path.cwd())

    def accepts(self, path: Path, *, explicit: bool, force_exclude: bool = False) -> bool:
        """Whether discovery lints ``path``.

        Walked files need a configured extension, a match in ``include`` (when set) and no
        match in ``exclude``. Files named on the command line are always linted, unless
        ``force_exclude`` (what hooks use, since they pass every staged file by name) and the
        file matches ``exclude``.
        """
        config = self.config_for(path)
        base = config.path.parent if config.path is not None else Path.cwd()
        if explicit:
            return not (force_exclude and matches(path, config.exclude, base))
        if path.suffix.lower() not in config.extensions:
            return False
        if config.include and not matches(path, config.include, base):
            return False
        return not matches(path, config.exclude, base)


def matches(path: Path, patterns: Sequence[str], base: Path) -> bool:
    """True if ``path`` (or a folder on it) matches one of ``patterns`` relative to ``base``."""
    if not patterns:
        return False
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    if relative.startswith(os.pardir):
        relative = path.as_posix()  # outside the config's folder: match the path as given
    parts = [part for part in Path(relative).as_posix().split("/") if part not in ("", ".")]
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for raw in patterns:
        pattern = raw.strip()
        while pattern.startswith("./"):
            pattern = pattern[2:]
        pattern = pattern.rstrip("/")
        if not pattern:
            continue
        variants = [pattern, pattern[3:]] if pattern.startswith("**/") else [pattern]
        for variant in variants:
            candidates = prefixes if "/" in variant else parts
            if any(fnmatch.fnmatch(candidate, variant) for candidate in candidates):
                return True
    return False
