"""undefined-abbreviation: used before it is spelled out (warning), never spelled out (info)."""

from __future__ import annotations

import pytest

from factlint.api import lint_text, make_linter
from factlint.engine import Linter
from factlint.findings import Finding, Severity

RULE = "undefined-abbreviation"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[RULE])


def found(text: str, linter: Linter, format: str = "markdown") -> list[Finding]:
    return [f for f in lint_text(text, format=format, linter=linter) if f.rule == RULE]


def test_used_before_it_is_spelled_out(linter: Linter) -> None:
    text = (
        "SFPN causes pain.\n\nSome patients have small-fibre polyneuropathy (SFPN). SFPN is rare.\n"
    )
    (finding,) = found(text, linter)
    assert finding.severity is Severity.WARNING
    assert finding.location.line == 1 and finding.excerpt == "SFPN"
    assert "line 3" in finding.message
    assert finding.suggestions == ("small-fibre polyneuropathy (SFPN)",)


def test_never_spelled_out_is_an_info_note(linter: Linter) -> None:
    (finding,) = found("Ask about TENS unit therapy and NSAIDs.", linter)[:1]
    assert finding.severity is Severity.INFO
    assert finding.excerpt == "TENS"
    plural = found("Ask about NSAIDs.", linter)
    assert [f.excerpt for f in plural] == ["NSAIDs"]


@pytest.mark.parametrize(
    "text",
    [
        "Small-fibre polyneuropathy (SFPN) causes pain. SFPN is treatable.",
        "PIP (Person in Pain) is a website. PIP has articles.",
        "The American College of Cardiology and the American Heart Association (ACC/AHA) "
        "changed the definition. ACC and AHA agree.",
        "The CDC, the FDA, the NHS and the WHO publish data on DNA and MRI use in the US.",
        "Chapter IV covers it. NOTE: results vary.",
        "A JAMA paper and a BMJ editorial disagree.",
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_a_heading_before_the_definition_is_the_first_use(linter: Linter) -> None:
    """Readers meet a title or heading first (the corpus guideline counts it as the use)."""
    text = "# RLS and iron\n\nRestless legs syndrome (RLS) is common. RLS runs in families."
    (finding,) = found(text, linter)
    assert finding.excerpt == "RLS" and finding.location.line == 1
    spelled = "# Restless legs and iron\n\nRestless legs syndrome (RLS) is common."
    assert found(spelled, linter) == []


def test_never_spelled_out_is_reported_at_its_first_use_in_the_title(linter: Linter) -> None:
    text = "# CBD Oil for Pain\n\nMany people try CBD. CBD is sold in shops.\n"
    (finding,) = found(text, linter)
    assert finding.location.line == 1 and finding.excerpt == "CBD"
    # defined later in the text: the title is still where readers meet it first
    (early,) = found("# CBD Oil for Pain\n\nCannabidiol (CBD) is sold in shops.\n", linter)
    assert early.location.line == 1 and "before it is spelled out" in early.message


def test_one_finding_per_abbreviation(linter: Linter) -> None:
    assert len(found("TENS helps. TENS is cheap. TENS is safe.", linter)) == 1


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", RULE)
    assert run.code == 0
    assert "undefined-abbreviation (terminology, default severity: warning)" in run.stdout
    assert "common_abbreviations" in run.stdout


def test_guideline_codes_and_nice_are_not_undefined_abbreviations():
    from factlint.api import lint_text

    rules = [f.excerpt for f in lint_text("NICE guideline CG61 covers this.", format="text")]
    assert "CG61" not in rules and "NICE" not in rules
    assert [f.excerpt for f in lint_text("Ask about your A1C.", format="text")] == ["A1C"]


@pytest.mark.parametrize(
    "text",
    [
        "No capitals here.",
        "One Capital. Then aBC and x.CD and A&B, A1C, HbA1c, IL-6 (IL6s), COVID-19.",
        "Restless legs syndrome (RLS) and RLS (restless legs syndrome). SFPN stands for it.",
        "eGFR, mRNA and NSAIDs; ABs-CD and ‘US’ and 'UK' and U.S. and AB-CD",
        "aB cD eF gH",
    ],
)
def test_the_capitals_screen_finds_every_match(text: str) -> None:
    """Every pattern started at ``_first_possible`` finds what a scan of the whole text finds,
    and a text it rules out has no match at all."""
    from factlint.checks import abbreviations as a

    first = a._first_possible(text)
    for pattern in (a._USE, a._LONG_AFTER_SHORT, a._STANDS_FOR, a._SHORT_AFTER_LONG):
        whole = [m.span() for m in pattern.finditer(text)]
        assert whole == ([] if first < 0 else [m.span() for m in pattern.finditer(text, first)])
