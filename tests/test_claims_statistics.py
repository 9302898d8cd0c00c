"""Statistic claims: value, unit, qualifier, population and condition, and the near-misses.

Every example is written for these tests (no article text is copied). Each test fails if the
feature it names breaks: the assertions check the extracted attributes, not just a count.
"""

from __future__ import annotations

import json

import pytest

from factlint.claims import claim_to_dict, extract_claims, load_default_lexicon
from factlint.document import Document, verbatim_block
from factlint.nlp import get_pipeline


def claims_of(*paragraphs: str, kind: str | None = "statistic"):
    """Claims of a Markdown-like document whose blocks are ``paragraphs``."""
    blocks, offset = [], 0
    for text in paragraphs:
        blocks.append(verbatim_block(text, offset))
        offset += len(text) + 2
    document = Document("t.md", "markdown", "\n\n".join(paragraphs), tuple(blocks))
    docs = list(get_pipeline().pipe(list(paragraphs)))
    found = extract_claims(document, docs, load_default_lexicon())
    return [claim for claim in found if kind is None or claim.kind == kind]


def only(text: str):
    found = claims_of(text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Migraine affects 14.7% of adults.", 14.7, None),
        ("About 15 percent of the adults surveyed reported migraine.", 15, "about"),
        ("Roughly 20 per cent of smokers quit within a year.", 20, "about"),
        ("Nearly 8% of children have a food allergy.", 8, "nearly"),
        ("Up to 40% of people with gout never see a specialist.", 40, "up to"),
        ("At least 30% of the sample reported poor sleep.", 30, "at least"),
    ],
)
def test_percentages_with_qualifiers(text, value, qualifier):
    claim = only(text)
    assert claim.get("unit") == "percent"
    assert claim.get("value") == value
    assert claim.get("percent") == float(value)
    assert claim.get("qualifier") == qualifier


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 2% and 4% of adults have the condition.", 2, 4),
        ("It is seen in 5-10% of cases.", 5, 10),
        ("Estimates range from 12 to 18 percent of older adults.", 12, 18),
        ("Studies report 3% to 7% of patients relapse.", 3, 7),
    ],
)
def test_percentage_ranges(text, low, high):
    claim = only(text)
    assert claim.get("unit") == "percent"
    assert claim.get("value") == [low, high]


def test_population_and_condition_after_of():
    claim = only("A survey found that 41% of adults with asthma also had hay fever.")
    assert claim.get("population") == "adults with asthma"
    assert claim.get("condition") == "hay fever"


def test_condition_is_the_subject_of_affects():
    claim = only("Psoriasis affects approximately 3% of the population.")
    assert claim.get("qualifier") == "approximately"
    assert claim.get("population") == "the population"
    assert claim.get("condition") == "Psoriasis"


def test_counts_with_scale_words_and_populations():
    claim = only("More than 30 million Americans live with diabetes.")
    assert claim.text == "More than 30 million Americans"
    assert claim.get("value") == 30_000_000
    assert claim.get("scale") == "million"
    assert claim.get("unit") == "people"
    assert claim.get("qualifier") == "more than"
    assert claim.get("population") == "Americans"
    assert claim.get("condition") == "diabetes"


def test_counts_of_things():
    claim = only("There are over 100 known types of arthritis.")
    assert claim.get("unit") == "count"
    assert claim.get("value") == 100
    assert claim.get("qualifier") == "more than"
    assert claim.get("condition") == "arthritis"


def test_numbers_written_as_words():
    claim = only("Two million adults in the region have the disease.")
    assert claim.get("value") == 2_000_000
    assert claim.get("unit") == "people"
    word_percent = only("Twenty-five percent of the volunteers dropped out.")
    assert word_percent.get("value") == 25


@pytest.mark.parametrize(
    ("text", "unit", "value", "percent"),
    [
        ("About 1 in 50 children is affected.", "ratio", [1, 50], 2.0),
        ("One in five adults snores most nights.", "ratio", [1, 5], 20.0),
        ("Half of all cases are never diagnosed.", "fraction", 0.5, 50.0),
        ("One-third of patients stop the drug early.", "fraction", 0.333333, 33.3333),
        ("Two thirds of the respondents were women.", "fraction", 0.666667, 66.6667),
    ],
)
def test_rates_and_fractions(text, unit, value, percent):
    claim = only(text)
    assert claim.get("unit") == unit
    assert claim.get("value") == value
    assert claim.get("percent") == percent


def test_nearly_a_quarter():
    claim = only("Nearly a quarter of older adults fall each year.")
    assert claim.get("unit") == "fraction"
    assert claim.get("value") == 0.25
    assert claim.get("qualifier") == "nearly"
    assert claim.get("population") == "older adults"


def test_multipliers_with_comparison_group():
    claim = only("Men are five times more likely to develop gout than women.")
    assert claim.get("unit") == "fold"
    assert claim.get("value") == 5
    assert claim.get("population") == "Men"
    assert claim.get("condition") == "gout"
    assert claim.get("comparison") == "women"


def test_ratio_with_population_and_condition():
    claim = only("About 1 in 4 adults has high cholesterol.")
    assert claim.get("qualifier") == "about"
    assert claim.get("population") == "adults"
    assert claim.get("condition") == "high cholesterol"


def test_people_affected_by_a_condition():
    claim = only("Eczema affects an estimated 9 million children.")
    assert claim.get("qualifier") == "estimated"
    assert claim.get("value") == 9_000_000
    assert claim.get("population") == "children"
    assert claim.get("condition") == "Eczema"


def test_as_likely_as_names_the_comparison_group():
    claim = only("Girls are twice as likely as boys to need glasses.")
    assert claim.get("value") == 2
    assert claim.get("population") == "Girls"
    assert claim.get("comparison") == "boys"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Smokers were twice as likely to report back pain.", 2),
        ("The drug carried a three-fold higher risk of rash.", 3),
        ("Exposure brought a tenfold increase in cases.", 10),
    ],
)
def test_fold_words(text, value):
    claim = only(text)
    assert claim.get("unit") == "fold"
    assert claim.get("value") == value


def test_odds_ratio_keeps_its_confidence_interval():
    claim = only("Heavy snoring had an odds ratio of 2.4 (95% CI 1.3-4.1) for stroke.")
    assert claim.get("unit") == "odds_ratio"
    assert claim.get("value") == 2.4
    assert claim.get("ci") == [1.3, 4.1]
    hazard = only("The hazard ratio was 0.81 in the treated group.")
    assert hazard.get("unit") == "hazard_ratio"
    assert hazard.get("value") == 0.81


def test_the_word_or_is_not_an_odds_ratio():
    assert claims_of("Doctors use the 2010 or 2016 criteria.") == []
    claim = only("Smokers had more headaches (OR 2.1).")
    assert claim.get("unit") == "odds_ratio" and claim.get("value") == 2.1


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("Walking reduced symptoms by 40% within a month.", "percent", 40),
        ("They had 30% less pain than the placebo group.", "percent", 30),
        ("The drug lowered blood pressure by 10 points.", "count", 10),
        ("People with low ferritin slept two hours less each night.", "count", 2),
        ("The injections cut monthly migraine days in half.", "fraction", 0.5),
        ("Cases have tripled since 2000.", "fold", 3),
        ("Admissions were halved.", "fraction", 0.5),
    ],
)
def test_changes_are_measured_as_changes(text, unit, value):
    claim = only(text)
    assert (claim.get("unit"), claim.get("value")) == (unit, value)
    assert claim.get("measure") == "change"


@pytest.mark.parametrize(
    "text",
    [
        "Restless legs affect 40% of adults.",  # a share, not a change
        "Half of the patients improved.",
    ],
)
def test_shares_are_not_changes(text):
    assert only(text).get("measure") is None


@pytest.mark.parametrize(
    "text",
    [
        "Cut the tablet in half before you swallow it.",
        "The dose was doubled after a week.",
        "Two days later the rash faded.",
    ],
)
def test_instructions_and_times_are_not_changes(text):
    assert [c.get("measure") for c in claims_of(text)] in ([], [None])


def test_n_times_the_quantity_names_what_it_multiplies():
    claim = only("Some gummies held four times the dose on the label.")
    assert claim.get("unit") == "fold"
    assert claim.get("comparison") == "the dose on the label"


def test_doses_are_kept_apart_from_prevalence_figures():
    claim = only("Adults should not take more than 4,000 mg of the drug a day.")
    assert claim.get("unit") == "dose"
    assert claim.get("value") == 4000
    assert claim.get("dose_unit") == "mg"
    assert claim.text.endswith("mg")


@pytest.mark.parametrize(
    "text",
    [
        "The guideline was updated in 2019.",
        "Posted on March 3, 2021 by the editors.",
        "Most patients are women ranging in age from 25 to 60.",
        "The trial enrolled adults aged 40 to 65 with knee pain.",
        "She was a 45-year-old teacher.",
        "COVID-19 changed how clinics work.",
        "People with type 2 diabetes should see Figure 2 and Table 3.",
        "Vitamin B12 and IL-6 levels were measured.",
        "Symptoms lasted for 12 weeks.",
        "The clinic opens at 9:30 every day.",
        "This is described in the review [3] and elsewhere [4, 5].",
        "The data are in PMID 23203795. Among the cases, most were mild.",
        "One of the most common complaints is fatigue.",
    ],
)
def test_near_misses_are_not_statistics(text):
    assert claims_of(text) == []


def test_list_numbering_is_not_a_statistic():
    assert claims_of("1. Rest the joint for a day.") == []


def test_several_statistics_in_one_sentence_keep_their_own_spans():
    text = "In the study, 12% of men and 18% of women reported insomnia."
    found = claims_of(text)
    assert [c.text for c in found] == ["12%", "18%"]
    assert [c.get("population") for c in found] == ["men", "women"]
    assert all(c.sentence_start == 0 and c.sentence_end == len(text) for c in found)


def test_claim_to_dict_is_json_ready_and_has_every_statistic_key():
    claim = only("Between 2% and 4% of adults have the condition.")
    data = claim_to_dict(claim)
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "statistic"
    assert data["text"] == "Between 2% and 4%"
    for key in ("value", "unit", "qualifier", "condition", "population"):
        assert key in data
    assert "line" not in data


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a year-like number is still a dose or a change when its unit says so
        ("Take 2000 mg of the drug.", "dose"),
        ("Patients slept 2000 hours less over the year.", "count"),
        # a scale word makes a count of a bare number; a counted noun too
        ("The disease costs 12 million each year in the region.", "count"),
        ("Over 80 different types of autoimmune disease are known.", "count"),
    ],
)
def test_bare_numbers_with_a_unit_scale_or_noun_are_kept(text, unit):
    assert [claim.get("unit") for claim in claims_of(text)] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        "Smith and Jones, 2013, Autoimmune Disease Reviews, described it.",
        "Intermittent fasting is one way to structure your meals.",
        "Step 3 is the hardest of all.",
    ],
)
def test_bare_numbers_that_count_nothing_are_dropped(text):
    assert claims_of(text) == []


def test_percentages_need_a_sign_or_the_word():
    assert [c.get("unit") for c in claims_of("About 15 PER CENT of adults have it.")] == ["percent"]
    assert claims_of("About 15 of the adults came back.") == []


def test_a_figure_too_large_for_a_number_is_no_statistic():
    """A run of 400 digits reads as infinity: it is passed over, not a crash of the run."""
    digits = "1" * 400
    assert claims_of(f"About {digits}% of adults have migraine.") == []
    assert [c.get("value") for c in claims_of(f"About {digits}% or 12% of adults.")] == [12]
