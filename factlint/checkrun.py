"""What ``factlint check`` and ``factlint baseline`` do between parsing options and reporting.

discover (per-file config) -> lint (cache, workers) -> filter (baseline, changed lines) ->
fix -> re-lint what was fixed. The CLI only turns options into a :class:`LintRequest` and the
outcome into a report and an exit code.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from factlint.baseline import Baseline
from factlint.cache import Cache, cache_directory
from factlint.changes import ChangedLines
from factlint.discover import Discovery
from factlint.engine import FileResult
from factlint.fix import FixOutcome, fix_bytes, write_fix
from factlint.runner import Linted, LintOptions, Runner, WorkspaceSpec


@dataclass(frozen=True)
class LintRequest:
    """A lint run as the command line describes it."""

    paths: tuple[str, ...]
    spec: WorkspaceSpec
    options: LintOptions
    jobs: int = 1
    use_cache: bool = True
    stdin_name: str | None = None
    force_exclude: bool = False


@dataclass
class LintRun:
    """The sources found and linted, in discovery order, and the run-wide settings."""

    runner: Runner
    discovery: Discovery
    linted: list[Linted]
    fail_on: str
    fix_errors: list[str] = field(default_factory=list)

    @property
    def results(self) -> list[FileResult]:
        return [linted.result for linted in self.linted]


def lint(request: LintRequest) -> LintRun:
    """Discover and lint; raises FactlintError for bad options or config (exit 2)."""
    cache = Cache(cache_directory()) if request.use_cache else None
    runner = Runner(
        request.spec,
        request.options,
        jobs=request.jobs,
        cache=cache,
        progress=True,
        stdin_name=request.stdin_name,
    )
    run_key = runner.workspace.run_config_path(request.paths)
    runner.linter(run_key)  # a bad --select or config fails before any file is read
    fail_on = runner.workspace.config(run_key).fail_on.label
    stdin_data = sys.stdin.buffer.read() if "-" in request.paths else None
    discovery = runner.discover(
        request.paths, stdin_data=stdin_data, force_exclude=request.force_exclude
    )
    return LintRun(runner, discovery, runner.lint(discovery.sources), fail_on)


def keep_new(run: LintRun, baseline: Baseline | None, changes: ChangedLines | None) -> None:
    """Drop the findings recorded in the baseline and those on lines not changed."""
    for linted in run.linted:
        if baseline is not None:
            linted.result = baseline.new_findings(linted.result)
        if changes is not None:
            linted.result = changes.filter(linted.result, linted.source.path)


def compute_fixes(run: LintRun) -> list[tuple[Linted, FixOutcome]]:
    """The fix of every file that has fixable findings (nothing is written)."""
    planned = []
    for linted in run.linted:
        if not any(finding.fix for finding in linted.result.findings):
            continue
        source = linted.source
        if source.data is not None:
            data = source.data
        else:
            assert source.path is not None
            try:
                data = source.path.read_bytes()
            except OSError as error:
                run.fix_errors.append(f"{source.display}: not fixed: {error.strerror or error}")
                continue
        encoding = run.runner.linter(linted.config_key).encoding
        outcome = fix_bytes(
            data,
            linted.result.findings,
            display=source.display,
            encoding=encoding,
            expected_digest=linted.digest,
        )
        if outcome.error:
            run.fix_errors.append(outcome.error)
        planned.append((linted, outcome))
    return planned


def apply_fixes(run: LintRun, planned: Sequence[tuple[Linted, FixOutcome]]) -> None:
    """Write the fixed files (standard input is only re-linted) and lint them again."""
    changed: list[Linted] = []
    for linted, outcome in planned:
        if not outcome.changed:
            continue
        if linted.source.path is not None:
            write_fix(linted.source.path, outcome)
            if outcome.error:
                run.fix_errors.append(outcome.error)
                continue
            changed.append(linted)
        else:
            linted.source = dataclasses.replace(linted.source, data=outcome.data)
            changed.append(linted)
    if not changed:
        return
    again = run.runner.lint([linted.source for linted in changed])
    for old, new in zip(changed, again, strict=True):
        old.result, old.digest = new.result, new.digest


def fix_summary(planned: Sequence[tuple[Linted, FixOutcome]]) -> str:
    applied = sum(outcome.applied for _, outcome in planned if outcome.changed)
    files = sum(1 for _, outcome in planned if outcome.changed)
    skipped = sum(outcome.skipped for _, outcome in planned)
    text = f"fixed {applied} finding{'s' * (applied != 1)} in {files} file{'s' * (files != 1)}"
    if skipped:
        text += f" ({skipped} overlapping fix{'es' * (skipped != 1)} skipped; run again)"
    return text
