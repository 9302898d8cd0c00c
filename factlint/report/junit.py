"""``--format junit``: JUnit XML, the test report GitLab, Jenkins and most CI servers show.

One ``<testsuite>`` per linted file (named by its path); one ``<testcase>`` per finding, a
``<failure>`` when the finding is at or above ``--fail-on`` (so the report agrees with the exit
code) and a passing case with the finding in ``<system-out>`` below it; a clean file gets one
passing ``<testcase>``. A skipped file or an input problem is an ``<error>``. Characters XML
1.0 cannot carry (control characters) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from factlint.engine import FileResult
from factlint.findings import Finding, Severity

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _details(finding: Finding) -> str:
    location = finding.location
    lines = [
        f"{finding.path}:{location.line}:{location.column}: {finding.severity.label} "
        f"{finding.rule} {finding.message}",
        f"excerpt: {finding.excerpt}",
    ]
    if finding.suggestions:
        lines.append(f"suggestion: {', '.join(finding.suggestions)}")
    return _clean("\n".join(lines))


def render_junit(
    results: Sequence[FileResult], errors: Sequence[str] = (), fail_on: str = "warning"
) -> str:
    """The JUnit XML document as a string (UTF-8 declaration included)."""
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    root = ET.Element("testsuites", name="factlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=_clean(result.path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for finding in result.findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_clean(f"{finding.rule} at {finding.location.line}:{finding.location.column}"),
                classname=_clean(result.path),
                file=_clean(result.path),
                line=str(finding.location.line),
            )
            counts["tests"] += 1
            if threshold is not None and finding.severity >= threshold:
                failure = ET.SubElement(
                    case, "failure", message=_clean(finding.message), type=finding.rule
                )
                failure.text = _details(finding)
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = _details(finding)
        problems = [result.error] if result.error else list(result.problems)
        for problem in problems:
            case = ET.SubElement(suite, "testcase", name="read", classname=_clean(result.path))
            ET.SubElement(case, "error", message=_clean(problem), type="input-error")
            counts["tests"] += 1
            counts["errors"] += 1
        if counts["tests"] == 0:
            ET.SubElement(suite, "testcase", name="factlint", classname=_clean(result.path))
            counts["tests"] = 1
        _count(suite, counts, totals)
    if errors:
        suite = ET.SubElement(root, "testsuite", name="factlint")
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for message in errors:
            case = ET.SubElement(suite, "testcase", name="input", classname="factlint")
            ET.SubElement(case, "error", message=_clean(message), type="input-error")
            counts["tests"] += 1
            counts["errors"] += 1
        _count(suite, counts, totals)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _count(suite: ET.Element, counts: dict[str, int], totals: dict[str, int]) -> None:
    for key, value in counts.items():
        suite.set(key, str(value))
        totals[key] += value
    suite.set("skipped", "0")
