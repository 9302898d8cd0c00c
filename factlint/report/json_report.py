"""``--format json``: the stable machine-readable contract documented in docs/output.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from factlint import __version__
from factlint.engine import FileResult
from factlint.findings import Finding
from factlint.report.summary import summarise


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract spells it (also used by the API and the web page)."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": finding.location.line,
        "column": finding.location.column,
        "end_line": finding.location.end_line,
        "end_column": finding.location.end_column,
        "excerpt": finding.excerpt,
        "suggestions": list(finding.suggestions),
    }
    if finding.fix is not None:
        data["fix"] = {
            "start": finding.fix.start,
            "end": finding.fix.end,
            "replacement": finding.fix.replacement,
        }
    return data


def render_json(results: Sequence[FileResult], errors: Sequence[str] = ()) -> str:
    """The whole report as one JSON object (findings sorted by file, line, column)."""
    files = []
    for result in results:
        entry: dict[str, Any] = {
            "path": result.path,
            "findings": [finding_to_dict(f) for f in result.findings],
        }
        if result.problems:
            entry["problems"] = list(result.problems)
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    summary = summarise(results)
    summary["errors"] = [
        *errors,
        *(r.error for r in results if r.error),
        *(p for r in results for p in r.problems),
    ]
    return json.dumps(
        {"version": __version__, "files": files, "summary": summary}, ensure_ascii=False, indent=2
    )
