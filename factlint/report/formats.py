"""Pick a reporter by name: every ``--format`` renders the same results and errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from factlint.checks.registry import RuleInfo
from factlint.engine import FileResult
from factlint.report.github import render_github
from factlint.report.json_report import render_json
from factlint.report.junit import render_junit
from factlint.report.sarif import render_sarif
from factlint.report.text import render_text

FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class ReportInput:
    """Everything a reporter may use; none of them reads a file or runs the engine."""

    results: Sequence[FileResult]
    discovery_errors: Sequence[str] = ()
    """Paths that could not be used at all (missing files); file-level errors are in results."""
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    fail_on: str = "warning"
    colour: bool = False
    show_source: bool = True

    @property
    def all_errors(self) -> list[str]:
        """Every error line, as the text report prints them on stderr."""
        return [
            *self.discovery_errors,
            *(result.error for result in self.results if result.error),
            *(problem for result in self.results for problem in result.problems),
        ]


def render(output_format: str, report: ReportInput) -> str:
    """The report in ``output_format`` (one of :data:`FORMATS`)."""
    if output_format == "json":
        return render_json(report.results, report.discovery_errors)
    if output_format == "sarif":
        return render_sarif(report.results, report.rules, report.all_errors)
    if output_format == "github":
        return render_github(report.results, report.all_errors)
    if output_format == "junit":
        return render_junit(report.results, report.discovery_errors, report.fail_on)
    return render_text(report.results, colour=report.colour, show_source=report.show_source)
