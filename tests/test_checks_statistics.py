"""statistic-unsourced and statistic-out-of-range: figures without a source, figures the
curated facts contradict.

The match design itself (which facts a claim reaches) is tested over the worked examples of
rules/facts.yaml in tests/test_curated_packs.py; here the checks are run end to end.
"""

from __future__ import annotations

import pytest

from factlint.api import lint_text, make_linter
from factlint.checks.registry import all_rules
from factlint.engine import Linter
from factlint.findings import Finding, Severity
from factlint.rulebook import load_rulebook

UNSOURCED = "statistic-unsourced"
OUT_OF_RANGE = "statistic-out-of-range"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[UNSOURCED, OUT_OF_RANGE])


def found(text: str, linter: Linter, rule: str) -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.rule == rule]


# --------------------------------------------------------------------------- unsourced


def test_an_unsourced_figure_suggests_the_curated_source_and_caveat(linter: Linter) -> None:
    (finding,) = found("RLS affects approximately 10% of the population.", linter, UNSOURCED)
    assert finding.excerpt == "approximately 10%"
    assert "no source nearby" in finding.message
    assert any("Ohayon" in s and "doi.org" in s for s in finding.suggestions)
    assert any(s.startswith("Caveat for 'approximately 10%'") for s in finding.suggestions)


def test_one_finding_per_sentence_lists_every_figure(linter: Linter) -> None:
    text = "About 36.8% of patients had it, against 3.1% of controls and 1 in 5 smokers."
    (finding,) = found(text, linter, UNSOURCED)
    assert "'About 36.8%', '3.1%', '1 in 5'" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "RLS affects about 10% of adults (Ohayon et al., 2012).",  # sourced
        "RLS affects about 10% of adults. So says Ohayon (2012).",  # source in the next sentence
        "Take 500 mg of magnesium twice a day.",  # a dose and a frequency
        "Drink at least two liters of water a day.",  # an amount
        "There are two problems with this study.",  # a bare count
        "The study enrolled a random sample of 3,006 adults.",  # a sample size
        "With only 60 participants, the estimate is uncertain.",
        'As a made-up example, a headline might say "20% higher risk".',  # hypothetical
        "Double the dose if that does not work.",  # an instruction, not a comparison
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter, UNSOURCED) == []


def test_a_figure_with_a_vague_source_is_still_unsourced(linter: Linter) -> None:
    text = "Another study published in the Journal of Neurology found that 36.8% had it."
    assert len(found(text, linter, UNSOURCED)) == 1


# --------------------------------------------------------------------------- out of range


def test_a_figure_outside_the_curated_range_quotes_the_closest_figure(linter: Linter) -> None:
    text = "More than 12 million Americans have fibromyalgia."
    (finding,) = found(text, linter, OUT_OF_RANGE)
    assert finding.excerpt == "More than 12 million Americans"
    assert "curated: 4-10 million" in finding.message
    assert "5.0 million" in finding.message  # the CDC statement
    assert finding.severity is Severity.WARNING
    # unsourced too: a different problem with a different fix
    assert len(found(text, linter, UNSOURCED)) == 1


def test_a_subgroup_reaches_its_own_fact(linter: Linter) -> None:
    (finding,) = found("About 10% of pregnant women have RLS.", linter, OUT_OF_RANGE)
    assert "pregnant women" in finding.message
    assert "21" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "RLS affects approximately 10% of the population.",  # inside a looser tier
        "About 5 million Americans have fibromyalgia.",
        "Women are 10 times more likely to get fibromyalgia than men.",  # 1990 criteria
        "RLS affects 8% of pregnant women in the first trimester.",  # sub-figure
        "Over 80 different types of autoimmune disorders exist.",
        "About 40% of RLS patients are left-handed.",  # no curated fact: say nothing
    ],
)
def test_figures_inside_the_curated_range_pass(linter: Linter, text: str) -> None:
    assert found(text, linter, OUT_OF_RANGE) == []


def test_a_figure_cited_to_the_curated_study_is_not_second_guessed(linter: Linter) -> None:
    text = "The estimate was 16% in the second trimester of pregnancy (Chen et al., 2018)."
    assert found(text, linter, OUT_OF_RANGE) == []
    text = "RLS was found in 16% of pregnant women (Smith et al., 2020)."
    assert len(found(text, linter, OUT_OF_RANGE)) == 1


def test_run_on_text_reads_the_words_near_the_figure(linter: Linter) -> None:
    # No punctuation: one "sentence". The tender points (1990 criteria) and the year 2010,
    # far from the figure, must not pick a sub-figure for it.
    filler = " ".join(["the pain makes sleep hard for many people"] * 12)
    text = (
        f"posted in 2010 tender points hurt {filler} fibromyalgia is common and women are 10 "
        "times more likely to get this disease than men"
    )
    assert found(text, linter, OUT_OF_RANGE) == []


# --------------------------------------------------------------------------- docs


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", OUT_OF_RANGE)
    assert run.code == 0
    assert "statistic-out-of-range (statistic, default severity: warning)" in run.stdout
    rule = all_rules(load_rulebook())[UNSOURCED]
    assert rule.category == "statistic" and rule.severity is Severity.WARNING
    assert all((rule.docs.what, rule.docs.why, rule.docs.example, rule.docs.fix))
