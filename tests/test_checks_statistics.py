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


def test_one_finding_per_figure(linter: Linter) -> None:
    text = "About 36.8% of patients had it, against 3.1% of controls and 1 in 5 smokers."
    findings = found(text, linter, UNSOURCED)
    assert [f.excerpt for f in findings] == ["About 36.8%", "3.1%", "1 in 5"]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # effect sizes: how much something changed
        ("Many people find that their A1C drops by two whole points.", "two whole points"),
        ("Cutting salt will lower your blood pressure by 10 points.", "10 points"),
        ("In the trial, erenumab cut monthly migraine days in half.", "half"),
        ("People with low ferritin slept two hours less each night.", "two hours"),
        ("People with high levels live up to seven years longer.", "up to seven years"),
        ("Cases among adults have tripled over the last two decades.", "tripled"),
        # a multiple of a quantity, and a population's intake
        ("Some gummies contained more than four times the dose on the label.", "more than"),
        ("The average American eats about 3,400 mg of sodium a day.", "about 3,400 mg"),
    ],
)
def test_changes_multiples_and_intakes_are_figures(linter: Linter, text: str, excerpt: str) -> None:
    (finding,) = found(text, linter, UNSOURCED)
    assert finding.excerpt.startswith(excerpt)


@pytest.mark.parametrize(
    "text",
    [
        "Cut the tablet in half if it is hard to swallow.",  # an instruction
        "Cutting your salt intake in half is a good start.",
        "If symptoms persist, the dose can be doubled.",
        "Adults should get 600 IU of vitamin D a day.",  # advice, not an intake
        "Take twice the dose only if your doctor says so.",
        "Cannabidiol is one of more than a hundred compounds in the plant.",  # not health
        "The authors pooled about fifty studies.",
        "The 2010 or 2016 criteria were used.",  # "or" is not an odds ratio
        "Two days later the rash faded.",  # a time, not a change
    ],
)
def test_near_misses_of_changes_and_counts_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter, UNSOURCED) == []


def test_run_on_text_finds_a_source_only_near_the_figure(linter: Linter) -> None:
    # No punctuation: one "sentence". The named study sources the figures right after it,
    # not the one far before it.
    filler = " ".join(["the pain makes sleep hard for many people"] * 8)
    text = (
        f"upwards of 10 million people in the us live with fibromyalgia {filler} in a 2010 "
        "study by viola-saltzman and colleagues about 33 percent of people with fibromyalgia "
        "had rls"
    )
    assert [f.excerpt for f in found(text, linter, UNSOURCED)] == ["upwards of 10 million people"]


def test_a_sentence_that_refers_back_passes_the_next_citation_on(linter: Linter) -> None:
    text = (
        "RLS affects about 10% of adults. These figures come from community surveys. "
        "Ohayon et al. (2012) reviewed them."
    )
    assert found(text, linter, UNSOURCED) == []
    text = "RLS affects about 10% of adults. It is often missed. Ohayon et al. (2012) agreed."
    assert len(found(text, linter, UNSOURCED)) == 1


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
    assert "fibromyalgia in US adults: 4-10 million (US Bone and Joint Initiative" in (
        finding.message
    )
    assert len(finding.message) < 320  # short and plain: the relevant range and its source
    assert finding.severity is Severity.WARNING
    # unsourced too: one finding that says both
    assert "no source nearby" in finding.message
    assert found(text, linter, UNSOURCED) == []


def test_a_sourced_figure_out_of_range_is_only_checked_against_its_source(
    linter: Linter,
) -> None:
    text = "More than 12 million Americans have fibromyalgia (Smith et al., 2020)."
    (finding,) = found(text, linter, OUT_OF_RANGE)
    assert "no source" not in finding.message


def test_a_change_is_not_compared_with_a_prevalence(linter: Linter) -> None:
    text = "Walking reduces restless legs symptoms by 40% within a month."
    assert found(text, linter, OUT_OF_RANGE) == []
    assert len(found(text, linter, UNSOURCED)) == 1
    assert len(found("Restless legs syndrome affects 40% of adults.", linter, OUT_OF_RANGE)) == 1


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
