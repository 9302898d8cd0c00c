"""Baselines: adopt factlint on an existing site and fail CI only on new findings.

``factlint baseline PATHS -o FILE`` records a fingerprint of every current finding;
``factlint check --baseline FILE`` then hides the findings whose fingerprint is recorded.

A fingerprint must survive edits elsewhere in the file, so it never uses line numbers: it is a
hash of the rule id, the file's path (relative to the baseline file, so CI may run from any
folder), the flagged text and the text of the line it is on (both with white space collapsed),
plus an occurrence index that tells apart identical findings in one file (the second
"the the" on two identical lines). Editing the flagged line itself makes its findings new:
that is the point, someone touched that sentence.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from factlint import __version__
from factlint.atomic import write_atomic
from factlint.engine import FileResult
from factlint.errors import UsageError
from factlint.findings import Finding

FORMAT = 1
"""Layout version of the baseline file (``factlint_baseline`` key)."""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def path_key(display: str, base: Path | None) -> str:
    """The file's path relative to ``base`` (the baseline's folder), in POSIX form."""
    if base is None or display.startswith("<"):
        return display
    relative = os.path.relpath(os.path.abspath(display), os.path.abspath(base))
    return Path(relative).as_posix()


def fingerprints(result: FileResult, base: Path | None = None) -> list[str]:
    """One fingerprint per finding of ``result``, in the same order."""
    where = path_key(result.path, base)
    seen: Counter[str] = Counter()
    prints = []
    for finding in result.findings:
        line = result.source_lines.get(finding.location.line, "")
        digest = _digest(finding, where, line)
        prints.append(f"{digest}:{seen[digest]}")
        seen[digest] += 1
    return prints


def _digest(finding: Finding, path: str, line: str) -> str:
    parts = (finding.rule, path, _normalise(finding.excerpt), _normalise(line))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    """Write the fingerprints of every finding to ``path`` (atomically); returns the count."""
    base = path.absolute().parent
    entries: list[dict[str, Any]] = []
    for result in results:
        for finding, fingerprint in zip(result.findings, fingerprints(result, base), strict=True):
            entries.append(
                {
                    "fingerprint": fingerprint,
                    "path": path_key(result.path, base),
                    "rule": finding.rule,
                    "line": finding.location.line,
                    "excerpt": finding.excerpt,
                }
            )
    document = {"factlint_baseline": FORMAT, "version": __version__, "findings": entries}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write baseline {path}: {error.strerror or error}") from None
    return len(entries)


class Baseline:
    """The fingerprints of a baseline file, and the folder its paths are relative to."""

    def __init__(self, known: Iterable[str], base: Path) -> None:
        self.known = frozenset(known)
        self.base = base

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read and check a baseline; every problem is a one-line ``UsageError`` (exit 2)."""
        name = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(f"--baseline {name}: no such file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--baseline {name}: cannot read: {error}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise UsageError(
                f"--baseline {name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
            ) from None
        if not isinstance(data, dict) or "factlint_baseline" not in data:
            raise UsageError(
                f"--baseline {name}: not a factlint baseline "
                "(write one with `factlint baseline PATHS -o FILE`)"
            )
        if data.get("factlint_baseline") != FORMAT:
            raise UsageError(
                f"--baseline {name}: baseline format {data.get('factlint_baseline')!r} is not "
                f"supported by factlint {__version__} (expected {FORMAT}); regenerate it with "
                f"`factlint baseline PATHS -o {name}`"
            )
        written_by = str(data.get("version", ""))
        if _major(written_by) != _major(__version__):
            raise UsageError(
                f"--baseline {name}: written by factlint {written_by or '(unknown version)'}, "
                f"this is factlint {__version__} (another major version: rules and "
                f"fingerprints differ); regenerate it with `factlint baseline PATHS -o {name}`"
            )
        entries = data.get("findings")
        if not isinstance(entries, list) or not all(
            isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str)
            for entry in entries
        ):
            raise UsageError(
                f"--baseline {name}: 'findings' must be a list of objects with a 'fingerprint'"
            )
        return cls((entry["fingerprint"] for entry in entries), path.absolute().parent)

    def new_findings(self, result: FileResult) -> FileResult:
        """``result`` without the findings recorded in this baseline."""
        prints = fingerprints(result, self.base)
        kept = tuple(
            finding
            for finding, fingerprint in zip(result.findings, prints, strict=True)
            if fingerprint not in self.known
        )
        if len(kept) == len(result.findings):
            return result
        return dataclasses.replace(result, findings=kept)


def _major(version: str) -> str:
    return version.split(".", 1)[0].strip()
