"""The public Python API: lint a string or paths and get findings back.

The CLI, the pre-commit hook and the web page call the same engine through these functions.

>>> from factlint.api import lint_text
>>> [f.rule for f in lint_text("It is is late.", format="text")]
['doubled-word']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from factlint.config import Config, load_config
from factlint.discover import discover
from factlint.document import Format
from factlint.engine import FileResult, Linter
from factlint.findings import Finding

__all__ = ["Config", "FileResult", "Finding", "Linter", "lint_paths", "lint_text", "make_linter"]


def make_linter(
    config: Config | None = None,
    *,
    rules: Sequence[Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Linter:
    """A reusable linter (rulebook and pipeline loaded once); raises FactlintError on bad config."""
    return Linter.create(
        config or load_config(None), extra_packs=rules, select=select, ignore=ignore
    )


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    format: Format = "markdown",
    linter: Linter | None = None,
) -> list[Finding]:
    """Findings for ``text`` read as ``format`` (positions refer to ``text`` itself)."""
    linter = linter or make_linter()
    return linter.lint_document(linter.read_text(text, path, format))


def lint_paths(paths: Sequence[str | Path], *, linter: Linter | None = None) -> list[FileResult]:
    """Lint files and folders (walked recursively); unreadable ones come back as skipped results."""
    linter = linter or make_linter()
    found = discover(
        [str(p) for p in paths], extensions=linter.config.extensions, exclude=linter.config.exclude
    )
    results = [FileResult(path=message.split(":", 1)[0], error=message) for message in found.errors]
    results.extend(linter.lint_sources(found.sources))
    return results
