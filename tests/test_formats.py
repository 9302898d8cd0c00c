"""Output formats: SARIF against the official schema, GitHub annotations, JUnit XML, --output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from factlint.document import Location
from factlint.findings import Finding, Severity
from factlint.report.github import annotation, escape_data, escape_property

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SLOPPY = "# Late\n\nIt is is late for people with restless leg syndrome.\n"
CLEAN = "# Iron\n\nIron stores are checked with a ferritin test.\n"


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "sloppy.md", SLOPPY)
    write(tmp_path / "clean.md", CLEAN)
    write(tmp_path / "blob.md", b"\x00\x01binary")
    return tmp_path


def test_sarif_is_valid_and_carries_rules_fixes_and_fingerprints(site, cli):
    run = cli("check", "--isolated", "--format", "sarif", "--output", "out.sarif", ".", cwd=site)
    assert run.code == 2, run.stderr  # the binary file is an input error
    assert run.stdout == ""  # --output: the report went to the file
    log = json.loads((site / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]

    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    doubled = by_id["doubled-word"]
    assert doubled["shortDescription"]["text"] == "The same word twice in a row."
    assert "Why it matters:" in doubled["help"]["text"]
    assert doubled["defaultConfiguration"]["level"] == "warning"
    assert doubled["properties"]["category"] == "typo"

    results = sarif_run["results"]
    result = next(r for r in results if r["ruleId"] == "doubled-word")
    assert rules[result["ruleIndex"]]["id"] == "doubled-word"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "sloppy.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 4,
        "endLine": 3,
        "endColumn": 9,
        "snippet": {"text": "is is"},
    }
    assert set(result["partialFingerprints"]) == {"factlintFingerprint/v1"}
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "is"}
    invocation = sarif_run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary file" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_escaping_rules():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    finding = Finding(
        rule="doubled-word",
        category="typo",
        severity=Severity.INFO,
        message="50% of\nreaders",
        path="notes, draft: v2.md",
        location=Location(3, 4, 3, 9),
        excerpt="is is",
        suggestions=("is",),
    )
    assert annotation(finding) == (
        "::notice file=notes%2C draft%3A v2.md,line=3,col=4,endLine=3,endColumn=9,"
        "title=doubled-word::50%25 of%0Areaders%0ASuggestion: is"
    )


def test_github_format_end_to_end(tmp_path, cli):
    write(tmp_path / "a, b.md", SLOPPY)
    run = cli("check", "--isolated", "--format", "github", "a, b.md", cwd=tmp_path)
    assert run.code == 1
    lines = run.stdout.splitlines()
    assert (
        "::warning file=a%2C b.md,line=3,col=4,endLine=3,endColumn=9,title=doubled-word::"
        "'is' is written twice in a row; delete one.%0ASuggestion: is"
    ) in lines
    assert lines[-1].startswith("Found ")


def test_junit_one_suite_per_file(site, cli):
    run = cli("check", "--isolated", "--format", "junit", "--fail-on", "warning", ".", cwd=site)
    assert run.code == 2
    root = ET.fromstring(run.stdout)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"blob.md", "clean.md", "sloppy.md"}

    clean = suites["clean.md"]
    (case,) = clean.findall("testcase")
    assert list(case) == []  # a passing test case
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")

    sloppy = suites["sloppy.md"]
    cases = sloppy.findall("testcase")
    names = [case.get("name") for case in cases]
    assert "doubled-word at 3:4" in names
    failures = [case.find("failure") for case in cases]
    assert all(failure is not None for failure in failures)
    assert sloppy.get("failures") == str(len(cases))
    doubled = cases[names.index("doubled-word at 3:4")].find("failure")
    assert doubled.get("type") == "doubled-word"
    assert "sloppy.md:3:4" in doubled.text

    blob = suites["blob.md"]
    assert blob.find("testcase/error") is not None
    assert blob.get("errors") == "1"
    total_failures = sum(int(suite.get("failures")) for suite in suites.values())
    assert root.get("failures") == str(total_failures)
