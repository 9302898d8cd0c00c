"""Run the engine over many files: per-file config, the result cache and worker processes.

The engine lints one source; this module decides, for a whole run, which config governs each
file (:mod:`factlint.workspace`), serves unchanged files from the cache (:mod:`factlint.cache`)
and spreads the rest over ``-j`` worker processes. Results always come back in discovery
order, so ``-j 1`` and ``-j 8``, cold and warm cache, print byte-identical reports.

Workers use the spawn-safe pattern: everything a worker needs is a small picklable recipe
(:class:`LintOptions` and the workspace settings); each worker builds its own
:class:`~factlint.engine.Linter` once per config on first use and keeps it, and files travel
in chunks. Only the main process touches the cache.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlint.cache import Cache, context_digest, entry_key
from factlint.checks.registry import RuleInfo
from factlint.config import Config
from factlint.discover import Discovery, Source, discover
from factlint.document import Format
from factlint.engine import FileResult, Linter
from factlint.errors import FactlintError
from factlint.readers import read_bytes
from factlint.workspace import Workspace

MIN_BYTES_PER_WORKER = 256 * 1024
"""Each worker process costs a second or two to start (it builds and warms its own Linter), so
a run gets one worker per this much text to analyse, at most ``--jobs``: a pre-commit hook on
three files stays in-process, a site of hundreds of articles uses every core. The environment
variable ``FACTLINT_MIN_BYTES_PER_WORKER`` overrides it (tuning, tests)."""
MIN_BYTES_ENV = "FACTLINT_MIN_BYTES_PER_WORKER"
MIN_FILES_PER_WORKER = 2
PROGRESS_MIN_FILES = 50
"""A progress bar only for runs this large (and only when stderr is a terminal)."""

_MB = 1024 * 1024


@dataclass(frozen=True)
class LintOptions:
    """Command-line settings that shape a Linter; picklable, so workers can rebuild it."""

    rule_packs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    format_override: Format | None = None
    encoding: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """For the cache key."""
        return {
            "select": list(self.select),
            "ignore": list(self.ignore),
            "format": self.format_override,
            "encoding": self.encoding,
        }


@dataclass(frozen=True)
class WorkspaceSpec:
    """How to rebuild the run's :class:`Workspace` in a worker process."""

    config_file: Path | None = None
    isolated: bool = False
    max_file_size_mb: float | None = None

    def build(self) -> Workspace:
        return Workspace(
            config_file=self.config_file,
            isolated=self.isolated,
            max_file_size_mb=self.max_file_size_mb,
        )


@dataclass
class Linted:
    """One source's result, the config that governed it and the digest of the bytes linted
    (None when the file could not be read); the fixer checks the file is still those bytes."""

    source: Source
    result: FileResult
    config_key: Path | None
    digest: str | None = None


@dataclass
class Runner:
    """One run: a workspace, the options, the job count and an optional cache."""

    spec: WorkspaceSpec
    options: LintOptions
    jobs: int = 1
    cache: Cache | None = None
    progress: bool = False
    stdin_name: str | None = None
    workspace: Workspace = field(init=False)
    _linters: dict[Path | None, Linter] = field(default_factory=dict, init=False)
    _contexts: dict[Path | None, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.workspace = self.spec.build()

    # ----------------------------------------------------------------- linters and configs

    def linter(self, config_key: Path | None) -> Linter:
        """The main process's Linter for a config (spaCy is loaded only if it lints)."""
        if config_key not in self._linters:
            config = self.workspace.config(config_key)
            self._linters[config_key] = build_linter(config, self.options, load_pipeline=False)
        return self._linters[config_key]

    def rules(self) -> dict[str, RuleInfo]:
        """Every rule of every config used so far (for SARIF's rule metadata)."""
        merged: dict[str, RuleInfo] = {}
        for linter in self._linters.values():
            merged.update(linter.rules)
        return dict(sorted(merged.items()))

    def config_key(self, source: Source) -> Path | None:
        if source.path is not None:
            return self.workspace.config_path_for(source.path)
        named = Path(self.stdin_name) if self.stdin_name else None
        return self.workspace.config_path_for(named if named and named.exists() else Path.cwd())

    # ----------------------------------------------------------------------- discovery

    def discover(
        self, paths: Sequence[str], *, stdin_data: bytes | None, force_exclude: bool = False
    ) -> Discovery:
        def accept(path: Path, explicit: bool) -> bool:
            return self.workspace.accepts(path, explicit=explicit, force_exclude=force_exclude)

        return discover(
            paths,
            extensions=(),
            stdin_name=self.stdin_name or "<stdin>",
            stdin_data=stdin_data,
            accept=accept,
        )

    # -------------------------------------------------------------------------- linting

    def lint(self, sources: Sequence[Source]) -> list[Linted]:
        """Lint every source: cache hits first, the rest in-process or in workers."""
        keys = [self.config_key(source) for source in sources]
        for key in dict.fromkeys(keys):
            self.linter(key)  # validates config and options before any work
        done: list[Linted | None] = [None] * len(sources)
        todo: list[int] = []
        for index, (source, key) in enumerate(zip(sources, keys, strict=True)):
            hit = self._cached(source, key)
            if hit is not None:
                done[index] = hit
            else:
                todo.append(index)
        tasks = [(keys[index], sources[index]) for index in todo]
        for index, (result, digest) in zip(todo, self._run(tasks), strict=True):
            linted = Linted(sources[index], result, keys[index], digest)
            done[index] = linted
            self._store(linted)
        return [linted for linted in done if linted is not None]

    def _context(self, key: Path | None) -> str:
        if key not in self._contexts:
            config = self.workspace.config(key)
            self._contexts[key] = context_digest(
                config, self.options.rule_packs, self.options.as_dict()
            )
        return self._contexts[key]

    def _cached(self, source: Source, key: Path | None) -> Linted | None:
        if self.cache is None or source.path is None:
            return None
        limit = int(self.workspace.config(key).max_file_size_mb * _MB)
        try:
            if not source.path.is_file() or source.path.stat().st_size > limit:
                return None
            data = source.path.read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256(data).hexdigest()
        result = self.cache.get(entry_key(self._context(key), source.display, digest))
        return None if result is None else Linted(source, result, key, digest)

    def _store(self, linted: Linted) -> None:
        if self.cache is None or linted.digest is None or linted.source.path is None:
            return
        key = entry_key(self._context(linted.config_key), linted.source.display, linted.digest)
        self.cache.put(key, linted.result)

    def _run(
        self, tasks: list[tuple[Path | None, Source]]
    ) -> Iterator[tuple[FileResult, str | None]]:
        size = sum(_size(source) for _, source in tasks)
        per_worker = max(1, int(os.environ.get(MIN_BYTES_ENV) or MIN_BYTES_PER_WORKER))
        workers = min(self.jobs, len(tasks) // MIN_FILES_PER_WORKER, size // per_worker)
        show = self.progress and len(tasks) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        if workers <= 1:
            results: Iterator[tuple[FileResult, str | None]] = (
                lint_one(self.linter(key), source) for key, source in tasks
            )
        else:
            results = self._run_in_workers(tasks, workers)
        if show:
            results = _with_progress(results, len(tasks))
        yield from results

    def _run_in_workers(
        self, tasks: list[tuple[Path | None, Source]], workers: int
    ) -> Iterator[tuple[FileResult, str | None]]:
        # Small chunks keep every worker busy to the end; big enough to amortise the pickling.
        chunk = max(1, min(16, len(tasks) // (workers * 4)))
        context = multiprocessing.get_context(_start_method())
        with context.Pool(
            workers, initializer=_init_worker, initargs=(self.spec, self.options)
        ) as pool:
            yield from pool.imap(_work_on, tasks, chunksize=chunk)


def build_linter(config: Config, options: LintOptions, *, load_pipeline: bool = True) -> Linter:
    """The Linter of a CLI run, built with the collector already paused: what it loads is
    frozen right after (``_Collector``), so a collection while it loads is wasted work."""
    gc.disable()
    linter = Linter.create(
        config,
        extra_packs=options.rule_packs,
        select=options.select,
        ignore=options.ignore,
        format_override=options.format_override,
        encoding=options.encoding,
        load_pipeline=load_pipeline,
    )
    settle_garbage_collector()
    return linter


COLLECT_EVERY_BYTES = 2 * _MB
"""Bytes of input linted between two explicit garbage collections (see ``_Collector``)."""


class _Collector:
    """Cyclic garbage collection between files instead of during them.

    Linting makes a tuple per token and a few objects per sentence, nearly all freed by
    reference counting. Left on, the collector ran every few hundred allocations and walked
    every live object of the document each time it reached the older generations: 10-15% of
    a run on small files, and a cost that grew with the document (25% of a single 10 MB file).
    So the CLI freezes what it loaded (rules, lexicons, pipeline: never garbage), turns the
    automatic collector off, and collects explicitly after every ``COLLECT_EVERY_BYTES`` of
    input, when the finished files' objects are gone and a collection is cheap. Cycles are
    still freed, just later.
    """

    pending = 0

    @classmethod
    def settle(cls) -> None:
        gc.freeze()
        gc.disable()

    @classmethod
    def after(cls, size: int) -> None:
        cls.pending += size
        if cls.pending >= COLLECT_EVERY_BYTES:
            cls.pending = 0
            gc.collect()


def settle_garbage_collector() -> None:
    """Hand garbage collection over to ``_Collector`` (CLI runs only: the library API leaves
    the collector as the caller set it)."""
    _Collector.settle()


def lint_one(linter: Linter, source: Source) -> tuple[FileResult, str | None]:
    """Read (if needed), hash and lint one source: the digest names exactly the bytes linted."""
    if source.data is None and source.path is not None:
        limit = int(linter.config.max_file_size_mb * _MB)
        try:
            data = read_bytes(source.path, limit, display=source.display)
        except FactlintError as error:
            return FileResult(path=source.display, error=str(error)), None
        source = Source(display=source.display, path=source.path, data=data)
    digest = hashlib.sha256(source.data or b"").hexdigest()
    result = linter.lint_source(source)
    _Collector.after(len(source.data or b""))
    return result, digest


def _size(source: Source) -> int:
    if source.data is not None:
        return len(source.data)
    try:
        return source.path.stat().st_size if source.path is not None else 0
    except OSError:
        return 0


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _start_method() -> str:
    """``fork`` where it is the platform default (fast: workers inherit the loaded modules),
    else the platform's own (``spawn`` on macOS and Windows; the code is spawn-safe)."""
    return multiprocessing.get_start_method(allow_none=False)


_WORKER: dict[str, Any] = {}


def _init_worker(spec: WorkspaceSpec, options: LintOptions) -> None:
    _WORKER.clear()
    _WORKER.update(workspace=spec.build(), options=options, linters={})


def _work_on(task: tuple[Path | None, Source]) -> tuple[FileResult, str | None]:
    key, source = task
    linters: dict[Path | None, Linter] = _WORKER["linters"]
    if key not in linters:
        linters[key] = build_linter(_WORKER["workspace"].config(key), _WORKER["options"])
    return lint_one(linters[key], source)


def _with_progress(
    results: Iterator[tuple[FileResult, str | None]], total: int
) -> Iterator[tuple[FileResult, str | None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns: tuple[Any, ...] = (
        "linting",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("lint", total=total)
        for item in results:
            progress.advance(task)
            yield item
