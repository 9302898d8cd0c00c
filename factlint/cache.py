"""The result cache: an unchanged file is not read by spaCy again.

A cache entry is one file's :class:`FileResult` as JSON, stored under a key hashed from
everything that can change the result: the file's bytes and shown path, the config in force,
the content of every rule pack, the command-line options, the factlint version and the source
of the factlint package itself (so an edited check never serves stale findings), and the
spaCy version. Entries live in ``.factlint_cache/`` in the working directory, or in
``$FACTLINT_CACHE_DIR``. A corrupt or unreadable entry is a miss; a cache that cannot be
written is silently skipped: the cache only ever saves time, it never changes a report.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import spacy

from factlint import __version__
from factlint.atomic import write_atomic
from factlint.config import Config
from factlint.document import Location
from factlint.engine import FileResult
from factlint.findings import Finding, Fix, Severity

CACHE_ENV = "FACTLINT_CACHE_DIR"
DEFAULT_DIRECTORY = ".factlint_cache"
ENTRY_FORMAT = 1
"""Bumped whenever the entry layout changes; old entries are then simply never looked up."""

_PACKAGE_ROOT = Path(__file__).resolve().parent


def cache_directory() -> Path:
    """``$FACTLINT_CACHE_DIR`` or ``.factlint_cache`` in the working directory."""
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_DIRECTORY).absolute()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of factlint's own code and data: an edited check or rule pack invalidates entries."""
    digest = hashlib.sha256(f"{__version__}\0{spacy.__version__}\0{ENTRY_FORMAT}".encode())
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for entry in sorted(files("factlint.rules").iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".yaml"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def context_digest(config: Config, extra_packs: Iterable[Path], options: Mapping[str, Any]) -> str:
    """Hash of one config's settings, its rule packs' content and the lint options."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(repr(config).encode())
    for pack in (*config.rules, *extra_packs):
        digest.update(str(pack).encode() + b"\0")
        try:
            digest.update(Path(pack).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def entry_key(context: str, display: str, content_digest: str) -> str:
    return hashlib.sha256(f"{context}\0{display}\0{content_digest}".encode()).hexdigest()


class Cache:
    """A directory of JSON entries, two-level fan-out by key prefix."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{ENTRY_FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The cached result, or None for a miss (including an unreadable or corrupt entry)."""
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            result = result_from_json(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            result = None
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; best effort (a read-only or full disk only costs speed)."""
        if result.error is not None:
            return  # skipped files are cheap to re-check, and their cause may be transient
        try:
            entry = self._entry(key)
            if not (self.directory / "CACHEDIR.TAG").exists():
                self._create()
            entry.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps(result_to_json(result), ensure_ascii=False)
            write_atomic(entry, payload.encode("utf-8"), durable=False)
        except (OSError, TypeError, ValueError):
            pass

    def _create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ".gitignore").write_text("# created by factlint\n*\n", encoding="utf-8")
        (self.directory / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by factlint.\n",
            encoding="utf-8",
        )


def result_to_json(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "findings": [_finding_to_json(finding) for finding in result.findings],
        "problems": list(result.problems),
        "source_lines": {str(line): text for line, text in result.source_lines.items()},
    }


def result_from_json(data: Mapping[str, Any]) -> FileResult:
    return FileResult(
        path=str(data["path"]),
        findings=tuple(_finding_from_json(item) for item in data["findings"]),
        problems=tuple(str(problem) for problem in data["problems"]),
        source_lines={int(line): str(text) for line, text in data["source_lines"].items()},
    )


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    location = finding.location
    extra: dict[str, object] = {}
    for key, value in finding.extra.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue  # not representable: the cached finding goes without it
        extra[key] = value
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": finding.path,
        "location": [location.line, location.column, location.end_line, location.end_column],
        "excerpt": finding.excerpt,
        "suggestions": list(finding.suggestions),
        "fix": None
        if finding.fix is None
        else [finding.fix.start, finding.fix.end, finding.fix.replacement],
        "start": finding.start,
        "end": finding.end,
        "extra": extra,
    }


def _finding_from_json(data: Mapping[str, Any]) -> Finding:
    line, column, end_line, end_column = (int(value) for value in data["location"])
    fix = data["fix"]
    return Finding(
        rule=str(data["rule"]),
        category=str(data["category"]),
        severity=Severity.parse(data["severity"]),
        message=str(data["message"]),
        path=str(data["path"]),
        location=Location(line, column, end_line, end_column),
        excerpt=str(data["excerpt"]),
        suggestions=tuple(str(item) for item in data["suggestions"]),
        fix=None if fix is None else Fix(int(fix[0]), int(fix[1]), str(fix[2])),
        start=int(data["start"]),
        end=int(data["end"]),
        extra=dict(data["extra"]),
    )
