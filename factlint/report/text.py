"""``--format text``: one line per finding, the excerpt with a marker under it, a summary.

Colour only when asked (the CLI turns it on for a terminal), so logs and pipes stay plain.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from factlint.engine import FileResult
from factlint.findings import Finding, Severity
from factlint.report.summary import summarise

_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CONTEXT_WIDTH = 100


def render_text(
    results: Sequence[FileResult],
    *,
    colour: bool = False,
    show_source: bool = True,
) -> str:
    """The text report: each finding, the source line under it with a marker, a summary."""
    out: list[str] = []
    for result in results:
        for finding in result.findings:
            out.append(_headline(finding, colour))
            line_text = result.source_lines.get(finding.location.line)
            if show_source and line_text is not None:
                out.extend(_excerpt(finding, line_text, colour))
            elif finding.suggestions:
                out.append(f"    suggestion: {', '.join(finding.suggestions)}")
    out.append(_summary_line(results, colour))
    return "\n".join(out)


def _headline(finding: Finding, colour: bool) -> str:
    location = f"{finding.path}:{finding.location.line}:{finding.location.column}:"
    severity = finding.severity.label
    if colour:
        location = click.style(location, bold=True)
        severity = click.style(severity, fg=_SEVERITY_COLOURS[finding.severity], bold=True)
    return f"{location} {severity} {finding.rule} {finding.message}"


def _excerpt(finding: Finding, line_text: str, colour: bool) -> list[str]:
    number = finding.location.line
    text = line_text.replace("\t", " ")
    start = finding.location.column - 1
    end = finding.location.end_column - 1 if finding.location.end_line == number else len(text)
    end = max(end, start + 1)
    # Keep long lines readable: show a window around the span.
    offset = 0 if len(text) <= _CONTEXT_WIDTH else max(0, start - _CONTEXT_WIDTH // 3)
    shown = text[offset : offset + _CONTEXT_WIDTH]
    prefix = "…" if offset else ""
    suffix = "…" if offset + _CONTEXT_WIDTH < len(text) else ""
    gutter = f"{number:>5} | "
    marker_start = len(prefix) + start - offset
    marker = "^" * max(1, min(end, offset + _CONTEXT_WIDTH) - start)
    if colour:
        marker = click.style(marker, fg=_SEVERITY_COLOURS[finding.severity], bold=True)
    rendered = [
        f"{gutter}{prefix}{shown}{suffix}",
        " " * (len(gutter) - 2) + "| " + " " * marker_start + marker,
    ]
    if finding.suggestions:
        rendered.append(" " * (len(gutter) - 2) + f"= suggestion: {', '.join(finding.suggestions)}")
    return rendered


def summary_line(results: Sequence[FileResult]) -> str:
    """The closing line of the text report, uncoloured (other formats reuse it)."""
    return _summary_line(results, False)


def _summary_line(results: Sequence[FileResult], colour: bool) -> str:
    summary = summarise(results)
    files = summary["files"]
    file_word = "file" if files == 1 else "files"
    if not summary["findings"]:
        line = f"No findings in {files} {file_word}."
    else:
        counts = ", ".join(f"{n} {label}" for label, n in summary["by_severity"].items() if n)
        total = summary["findings"]
        noun = "finding" if total == 1 else "findings"
        with_findings = summary["files_with_findings"]
        line = f"Found {total} {noun} ({counts}) in {with_findings} of {files} {file_word}."
    if summary["files_skipped"]:
        line += f" {summary['files_skipped']} skipped (see errors above)."
    return click.style(line, bold=True) if colour else line
