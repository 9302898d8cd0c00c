"""missing-disclaimer: treatment, medication, supplement or dosage information with no
medical disclaimer anywhere in the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.engine import Linter
from factlint.findings import Finding

RULE = "missing-disclaimer"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[RULE])


def found(text: str, linter: Linter, format: str = "markdown") -> list[Finding]:
    return [f for f in lint_text(text, format=format, linter=linter) if f.rule == RULE]


def test_treatment_information_without_a_disclaimer(linter: Linter) -> None:
    text = (
        "RLS is common.\n\nDoctors may prescribe dopamine agonists. Taking supplements such as "
        "iron can help.\n\nTake 500 mg of magnesium at night.\n"
    )
    (finding,) = found(text, linter)  # one finding per document
    assert finding.excerpt == "prescribe"  # the first trigger
    assert "no medical disclaimer" in finding.message
    assert finding.suggestions and "not a substitute" in finding.suggestions[0]


def test_a_dose_alone_is_a_trigger(linter: Linter) -> None:
    (finding,) = found("Adults usually take 3 mg about an hour before bed.", linter)
    assert finding.excerpt == "3 mg"


@pytest.mark.parametrize(
    "disclaimer",
    [
        "This article is for general information and is not a substitute for advice from "
        "your doctor or pharmacist.",
        "This answer should not be considered medical advice.",
        "For informational purposes only.",
        "Talk to your doctor before starting any supplement.",
        "This information is not medical advice.",
    ],
)
def test_an_accepted_disclaimer_anywhere_satisfies_the_rule(
    linter: Linter, disclaimer: str
) -> None:
    text = f"Doctors may prescribe dopamine agonists.\n\n{disclaimer}\n"
    assert found(text, linter) == []
    assert found(text, linter, "text") == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("If you take insulin or a sulfonylurea, fasting may be risky.", "take insulin"),
        ("The usual treatment for severe apnea is a machine worn at night.", "usual treatment"),
    ],
)
def test_medicines_in_use_and_named_treatments_are_triggers(
    linter: Linter, text: str, excerpt: str
) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt.startswith(excerpt)


@pytest.mark.parametrize(
    "text",
    [
        "If you take a walk after meals, your blood sugar may rise less.",
        "Insulin levels fall overnight.",
        "The treatment of sleep apnea has a long history.",
    ],
)
def test_activities_and_facts_about_treatments_are_not_triggers(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_no_treatment_information_needs_no_disclaimer(linter: Linter) -> None:
    text = (
        "RLS is common and often runs in families. Claims about it should be treated with "
        "caution. People with RA may take medicines that affect sleep.\n"
    )
    assert found(text, linter) == []


def test_a_house_wording_can_be_added_in_a_pack(tmp_path: Path) -> None:
    text = "Doctors may prescribe dopamine agonists. Ask us anything, we are not your GP.\n"
    assert found(text, make_linter(select=[RULE]))
    pack = tmp_path / "house.yaml"
    pack.write_text("lexicons:\n  disclaimer_wordings: [we are not your GP]\n", encoding="utf-8")
    assert found(text, make_linter(rules=[pack], select=[RULE])) == []


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", RULE)
    assert run.code == 0
    assert "missing-disclaimer (disclaimer, default severity: warning)" in run.stdout


def test_config_disclaimer_wordings_count_as_a_disclaimer(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(
        "Take 400 mg of magnesium every night before bed.\n\n"
        "House note: ask the pharmacy team before changing medicines.\n"
    )
    args = ("check", "--select", "missing-disclaimer", "--format", "json", "a.md")
    flagged = cli(*args, "--isolated", cwd=tmp_path).json
    assert [f["rule"] for f in flagged["files"][0]["findings"]] == ["missing-disclaimer"]
    (tmp_path / ".factlint.yaml").write_text(
        "disclaimer-wordings: ['ask the pharmacy team before changing medicines']\n"
    )
    accepted = cli(*args, cwd=tmp_path).json
    assert accepted["files"][0]["findings"] == []
