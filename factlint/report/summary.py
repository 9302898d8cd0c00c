"""Counts shared by every reporter, so text, JSON and later formats agree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from factlint.engine import FileResult
from factlint.findings import CATEGORIES, Severity


def summarise(results: Sequence[FileResult]) -> dict[str, Any]:
    """Totals by severity and category, files linted, files with findings, errors."""
    findings = [finding for result in results for finding in result.findings]
    by_severity = Counter(finding.severity.label for finding in findings)
    by_category = Counter(finding.category for finding in findings)
    return {
        "files": sum(1 for result in results if not result.skipped),
        "files_with_findings": sum(1 for result in results if result.findings),
        "files_skipped": sum(1 for result in results if result.skipped),
        "findings": len(findings),
        "by_severity": {
            s.label: by_severity.get(s.label, 0) for s in sorted(Severity, reverse=True)
        },
        "by_category": {c: by_category[c] for c in CATEGORIES if by_category.get(c)},
        "fixable": sum(1 for finding in findings if finding.fix is not None),
    }
