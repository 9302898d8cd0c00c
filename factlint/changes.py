"""``--changed-since REF``: report only findings on lines changed since a git ref.

For each linted file, ``git diff --unified=0 REF -- FILE`` gives the changed line ranges of the
working-tree file (committed, staged and unstaged changes alike); a file git does not track
counts as changed everywhere. A finding is kept if any of its lines was changed. Standard input
is not filtered (it has no history).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from factlint.engine import FileResult
from factlint.errors import InputError, UsageError

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=cwd,
        capture_output=True,
        check=False,
    )


class ChangedLines:
    """The lines changed since ``ref`` in the repository around ``cwd``."""

    def __init__(self, ref: str, cwd: Path | None = None) -> None:
        self.ref = ref
        cwd = cwd or Path.cwd()
        try:
            top = _git(["rev-parse", "--show-toplevel"], cwd)
        except OSError:
            raise UsageError("--changed-since: git is not installed or cannot be run") from None
        if top.returncode != 0:
            raise UsageError(f"--changed-since: {cwd} is not inside a git repository")
        self.root = Path(top.stdout.decode("utf-8", "replace").strip())
        verify = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], self.root
        )
        if verify.returncode != 0:
            raise UsageError(f"--changed-since: unknown git ref {ref!r} (not a commit here)")
        self.commit = verify.stdout.decode().strip()

    def lines(self, path: Path, display: str) -> set[int] | None:
        """Changed line numbers of ``path`` (None: every line, the file is not tracked)."""
        absolute = path.absolute()
        diff = _git(
            [
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                self.commit,
                "--",
                str(absolute),
            ],
            self.root,
        )
        if diff.returncode != 0:
            reason = diff.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError(
                f"{display}: --changed-since: git diff failed: {reason[-1] if reason else '?'}"
            )
        changed: set[int] = set()
        for match in _HUNK.finditer(diff.stdout):
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            changed.update(range(start, start + count))
        if not diff.stdout.strip():
            tracked = _git(["ls-files", "--error-unmatch", "--", str(absolute)], self.root)
            if tracked.returncode != 0:
                return None  # untracked: the whole file is new
        return changed

    def filter(self, result: FileResult, path: Path | None) -> FileResult:
        """``result`` with only the findings that touch a changed line."""
        if path is None or result.error is not None or not result.findings:
            return result
        try:
            changed = self.lines(path, result.path)
        except InputError as error:
            return dataclasses.replace(result, problems=(*result.problems, str(error)))
        if changed is None:
            return result
        kept = tuple(
            finding
            for finding in result.findings
            if _touches(changed, range(finding.location.line, finding.location.end_line + 1))
        )
        return dataclasses.replace(result, findings=kept)


def _touches(changed: set[int], lines: Iterable[int]) -> bool:
    return any(line in changed for line in lines)
