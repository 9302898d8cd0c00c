"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule in force (summary, documentation as help
text, default level, category), each result points at its rule by id and index, its region
counts columns in Unicode code points (``run.columnKind``), its artifact path is relative to
``%SRCROOT%`` (the working directory), and ``partialFingerprints`` carries the same
line-independent fingerprint as ``--baseline``, so code scanning follows a finding when lines
move. Safe fixes become SARIF ``fixes``. Input errors are tool execution notifications.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from factlint import __version__
from factlint.baseline import fingerprints
from factlint.checks.registry import RuleInfo
from factlint.engine import FileResult
from factlint.findings import Finding, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factlintFingerprint/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SRCROOT = "%SRCROOT%"


def render_sarif(
    results: Sequence[FileResult], rules: Mapping[str, RuleInfo], errors: Sequence[str] = ()
) -> str:
    """The SARIF log as a JSON string."""
    rule_ids = list(rules)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    sarif_results = []
    for result in results:
        uri = _uri(result.path)
        for finding, fingerprint in zip(result.findings, fingerprints(result), strict=True):
            sarif_results.append(_result(finding, uri, fingerprint, index))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rules[rule_id]) for rule_id in rule_ids],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": message}} for message in errors
                ],
            }
        ],
        "originalUriBaseIds": {_SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def _rule(rule: RuleInfo) -> dict[str, Any]:
    docs = rule.docs
    text = (
        f"{docs.what}\n\nWhy it matters: {docs.why}\n\nExample: {docs.example}\n\n"
        f"How to fix: {docs.fix}"
    )
    markdown = (
        f"{docs.what}\n\n**Why it matters:** {docs.why}\n\n**Example:**\n\n"
        + "\n".join(f"    {line}" for line in docs.example.splitlines())
        + f"\n\n**How to fix:** {docs.fix}"
    )
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "tags": [rule.category],
            "fixable": rule.fixable,
            "origin": rule.origin,
        },
    }


def _uri(display: str) -> dict[str, str]:
    path = Path(display)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": _SRCROOT}


def _result(
    finding: Finding, artifact: dict[str, str], fingerprint: str, index: Mapping[str, int]
) -> dict[str, Any]:
    location = finding.location
    region: dict[str, Any] = {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": max(location.end_column, 1),
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    message = finding.message
    if finding.suggestions:
        message += f" Suggestion: {', '.join(finding.suggestions)}."
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": finding.category},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    fix = finding.fix
    if fix is not None and (fix.start, fix.end) == (finding.start, finding.end):
        deleted = {key: region[key] for key in ("startLine", "startColumn", "endLine", "endColumn")}
        result["fixes"] = [
            {
                "description": {"text": f"Replace with {fix.replacement!r}"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
                        ],
                    }
                ],
            }
        ]
    return result
