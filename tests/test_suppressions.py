"""Suppressions: disable/enable regions, next-line, front matter, unused and unknown ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import make_linter
from factlint.engine import Linter
from factlint.findings import Finding, Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter()


def lint(linter: Linter, text: str, path: str = "a.md") -> tuple[list[Finding], tuple[str, ...]]:
    return linter.check_document(linter.read_text(text, path))


UNDER_TEST = {"doubled-word", "preferred-term", "unused-suppression"}


def rules_at(findings: list[Finding]) -> list[tuple[str, int]]:
    """(rule, line) of the findings of the rules these texts exercise (other rules may fire
    on the same prose as the rule packs grow; they are not what is tested here)."""
    return [(f.rule, f.location.line) for f in findings if f.rule in UNDER_TEST]


def test_region_by_rule_and_by_category_ends_at_enable(linter):
    text = (
        "It is is late.\n"  # 1: reported
        "\n"
        "<!-- factlint-disable doubled-word -->\n"  # 3
        "It was was late.\n"  # 4: suppressed
        "<!-- factlint-enable -->\n"  # 5
        "\n"
        "It will will be late.\n"  # 7: reported again
        "\n"
        "<!-- factlint-disable typo -->\n"  # 9: a category
        "We are are late with restless leg syndrome.\n"  # 10: only the typo is hidden
        "<!-- factlint-enable typo -->\n"
        "\n"
        "So so late.\n"  # 13
    )
    findings, problems = lint(linter, text)
    assert problems == ()
    assert rules_at(findings) == [
        ("doubled-word", 1),
        ("doubled-word", 7),
        ("preferred-term", 10),
        ("doubled-word", 13),
    ]


def test_disable_without_targets_silences_every_rule_to_the_end(linter):
    text = "<!-- factlint-disable -->\n\nIt is is late with restless leg syndrome.\n"
    findings, problems = lint(linter, text)
    assert findings == [] and problems == ()  # every rule, whatever the packs hold


def test_enable_with_a_target_closes_only_that_target(linter):
    text = (
        "<!-- factlint-disable doubled-word, preferred-term -->\n"
        "It is is late.\n"
        "<!-- factlint-enable doubled-word -->\n"
        "\n"
        "It was was late for restless leg syndrome.\n"  # 5: the doubled word is back
    )
    findings, _ = lint(linter, text)
    assert rules_at(findings) == [("doubled-word", 5)]


def test_disable_next_line_covers_only_the_next_line(linter):
    text = (
        "<!-- factlint-disable-next-line doubled-word -- quoting a patient -->\n"
        "It is is late,\n"  # 2: hidden (same paragraph continues below)
        "and it was was late.\n"  # 3: reported
    )
    findings, problems = lint(linter, text)
    assert problems == ()
    assert rules_at(findings) == [("doubled-word", 3)]


def test_front_matter_ignore_covers_the_whole_file(linter):
    text = (
        "---\n"
        "title: Late\n"
        "factlint:\n"
        "  ignore: [doubled-word]\n"
        "---\n"
        "\n"
        "It is is late with restless leg syndrome.\n"
        "\n"
        "So so late.\n"
    )
    findings, problems = lint(linter, text)
    assert problems == ()
    assert rules_at(findings) == [("preferred-term", 7)]


def test_html_comments_suppress_too(linter):
    text = (
        "<p>It is is late.</p>\n"
        "<!-- factlint-disable-next-line doubled-word -->\n"
        "<p>It was was late.</p>\n"
        "<!-- factlint-disable typo --><p>So so late.</p>\n"
    )
    findings, problems = lint(linter, text, "page.html")
    assert problems == ()
    assert rules_at(findings) == [("doubled-word", 1)]


def test_plain_text_has_no_comment_syntax(linter):
    # Documented: a text file's "directive" is just prose (and is linted as such).
    text = "<!-- factlint-disable -->\n\nIt is is late.\n"
    findings, problems = lint(linter, text, "notes.txt")
    assert "doubled-word" in [finding.rule for finding in findings]
    assert problems == ()


def test_unused_suppressions_are_reported_where_they_are(linter):
    text = (
        "Iron stores are checked with a ferritin test.\n"
        "\n"
        "<!-- factlint-disable-next-line doubled-word -->\n"  # 3: nothing on line 4
        "Doctors check the result.\n"
        "\n"
        "<!-- factlint-disable terminology -->\n"  # 6: nothing until the enable
        "Most people feel better.\n"
        "<!-- factlint-enable -->\n"
        "<!-- factlint-enable -->\n"  # 9: closes nothing
    )
    findings, problems = lint(linter, text)
    assert problems == ()
    assert rules_at(findings) == [
        ("unused-suppression", 3),
        ("unused-suppression", 6),
        ("unused-suppression", 9),
    ]
    first = findings[0]
    assert first.category == "style"
    assert first.severity == Severity.WARNING
    assert first.excerpt == "<!-- factlint-disable-next-line doubled-word -->"
    assert (first.location.column, first.location.end_column) == (1, len(first.excerpt) + 1)
    assert "suppresses nothing" in first.message


def test_unused_is_judged_only_for_rules_that_ran():
    selective = make_linter(select=["typo", "unused-suppression"])
    text = "<!-- factlint-disable-next-line preferred-term -->\nIron is checked.\n"
    findings, _ = lint(selective, text)
    assert rules_at(findings) == []  # preferred-term did not run: its suppression cannot be judged


def test_unknown_targets_and_directives_are_problems_with_file_and_line(linter):
    text = (
        "<!-- factlint-disable doubled-words -->\n"  # a typo in the rule id
        "It is is late.\n"
        "<!-- factlint-disabel typo -->\n"
    )
    findings, problems = lint(linter, text)
    assert problems == (
        "a.md:1: unknown rule or category 'doubled-words' in factlint-disable "
        "(did you mean 'doubled-word'?)",
        "a.md:3: unknown directive 'factlint-disabel' (did you mean 'factlint-disable'?)",
    )
    # Only unknown names: nothing is silenced (rather than everything).
    assert ("doubled-word", 2) in rules_at(findings)


def test_cli_suppressions_and_unknown_rule_exit_2(tmp_path, cli):
    write(
        tmp_path / "a.md",
        "<!-- factlint-disable-next-line doubled-word -->\nIt is is late.\n",
    )
    write(
        tmp_path / "b.md", "Fine text here.\n\n<!-- factlint-disable-next-line doubled-wurd -->\n"
    )
    write(
        tmp_path / ".factlint.yaml",
        "severity: {unused-suppression: info}\nfail-on: warning\n",
    )
    run = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert run.json["files"][0]["findings"] == []
    run = cli("check", "--format", "json", "a.md", "b.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "factlint: error: b.md:3: unknown rule or category 'doubled-wurd' in "
        "factlint-disable-next-line (did you mean 'doubled-word'?)"
    ]
    assert "Traceback" not in run.stderr
    # The file is still linted and reported (and a.md too).
    assert [entry["path"] for entry in run.json["files"]] == ["a.md", "b.md"]
