"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

One ``::error``, ``::warning`` or ``::notice`` line per finding (factlint's ``info`` is GitHub's
``notice``) with ``file``, ``line``, ``col``, ``endLine``, ``endColumn`` and the rule id as
``title``. GitHub's escaping rules: in the message ``%``, CR and LF become ``%25``, ``%0D``,
``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and ``%2C`` (otherwise a path
with a comma would end the property list early).
"""

from __future__ import annotations

from collections.abc import Sequence

from factlint.engine import FileResult
from factlint.findings import Finding, Severity
from factlint.report.text import summary_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command line for one finding."""
    location = finding.location
    properties = {
        "file": finding.path,
        "line": str(location.line),
        "col": str(location.column),
        "endLine": str(location.end_line),
        "endColumn": str(location.end_column),
        "title": finding.rule,
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message
    if finding.suggestions:
        message += f"\nSuggestion: {', '.join(finding.suggestions)}"
    return f"::{_COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


def render_github(results: Sequence[FileResult], errors: Sequence[str] = ()) -> str:
    """Annotations for every finding, an ``::error`` for every input error, then the summary."""
    lines = [annotation(finding) for result in results for finding in result.findings]
    lines += [f"::error title={escape_property('factlint')}::{escape_data(e)}" for e in errors]
    lines.append(summary_line(results))
    return "\n".join(lines)
