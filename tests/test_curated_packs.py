"""The curated packs shipped in ``rules/``: facts.yaml (sourced figures) and journals.yaml.

They must load through the same validation as any user pack, stay complete (every fact has a
statement, a figure, a unit and a source), agree with each other (every journal a fact cites is
in the journals list), and, when the shared fact sheet is present, carry its figures and
citations over unchanged while wording every statement afresh.

The last group runs the statistic check's reading of the ``match`` blocks (``factlint.facts``)
over the header's worked examples, to show the data supports the intended decisions: "10% of
the population" reaches the general RLS tiers, "10% of pregnant women" only the pregnancy
fact, "12 million Americans" the US fibromyalgia count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.facts import FactBook, Setting, StatisticClaim
from factlint.rulebook import load_pack, load_rulebook

REPO = Path(__file__).resolve().parent.parent
FACTS_PACK = REPO / "rules" / "facts.yaml"
JOURNALS_PACK = REPO / "rules" / "journals.yaml"
SHARED_FACTS = REPO.parent / "shared" / "data" / "facts.yaml"

MEASURES = {"prevalence", "count", "ratio", "proportion_with_comorbidity", "criterion", "other"}
UNITS = {"percent", "people", "ratio", "count"}
RANGE_KINDS = {"ci95", "across_studies", "reported_range"}
CONFIDENCE = {"high", "medium", "low"}
CLAIM_UNITS = {"percent", "fraction", "ratio", "people", "count", "fold"}
"""Units ``factlint.claims`` gives statistics that a fact can be compared with."""
CONVERTS_TO = {
    "percent": "percent",
    "fraction": "percent",
    "ratio": "percent",
    "people": "people",
    "count": "count",
    "fold": "ratio",
}
TERM_LISTS = (
    "topic_terms",
    "population_terms",
    "population_excludes",
    "region_terms",
    "measure_terms",
    "context_terms",
)
SOURCE_KEYS_CARRIED = ("authors", "year", "title", "volume_pages", "doi", "pmid", "pmcid")


@pytest.fixture(scope="module")
def facts() -> list[dict[str, Any]]:
    return load_pack(FACTS_PACK)["facts"]


@pytest.fixture(scope="module")
def facts_by_id(facts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {fact["id"]: fact for fact in facts}


@pytest.fixture(scope="module")
def journals() -> list[str]:
    return load_pack(JOURNALS_PACK)["journals"]


@pytest.fixture(scope="module")
def shared_facts() -> dict[str, dict[str, Any]]:
    if not SHARED_FACTS.is_file():
        pytest.skip(f"{SHARED_FACTS} is not present")
    data = yaml.safe_load(SHARED_FACTS.read_text(encoding="utf-8"))
    return {fact["id"]: fact for fact in data["facts"]}


def normalised(text: str) -> str:
    """Lowercase words and numbers only: punctuation and spacing differences do not count."""
    return " ".join(re.findall(r"[\w.%]+", text.casefold()))


def fact_unit(fact: Mapping[str, Any]) -> str | None:
    return fact.get("unit") or (fact.get("range") or {}).get("unit")


# --------------------------------------------------------------------------- loading


def test_packs_load_and_validate() -> None:
    facts = load_pack(FACTS_PACK)
    journals = load_pack(JOURNALS_PACK)
    assert set(facts) == {"pack", "facts"}
    assert set(journals) == {"pack", "journals"}
    assert len(facts["facts"]) >= 35
    assert len(journals["journals"]) >= 300


def test_packs_are_part_of_the_default_rulebook(
    facts: list[dict[str, Any]], journals: list[str]
) -> None:
    book = load_rulebook()
    assert "factlint/rules/facts.yaml" in book.sources
    assert "factlint/rules/journals.yaml" in book.sources
    assert {fact["id"] for fact in facts} <= {fact["id"] for fact in book.facts}
    assert set(journals) <= set(book.journals)


# --------------------------------------------------------------------------- facts


def test_every_fact_is_complete(facts: list[dict[str, Any]]) -> None:
    for fact in facts:
        where = fact["id"]
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", fact["id"]), where
        assert fact["topic"].strip(), where
        assert fact.get("statement", "").strip(), f"{where}: no statement"
        assert "range" in fact or "value" in fact, f"{where}: neither range nor value"
        assert fact.get("unit") in UNITS, f"{where}: unit {fact.get('unit')!r}"
        assert fact.get("measure") in MEASURES, where
        assert fact.get("population", "").strip(), where
        assert fact.get("confidence") in CONFIDENCE, where
        source = fact.get("source") or {}
        assert source.get("year") or source.get("url"), f"{where}: source has no year or url"
        assert source.get("title"), f"{where}: source has no title"


def test_ranges_are_consistent(facts: list[dict[str, Any]]) -> None:
    for fact in facts:
        where = fact["id"]
        if "range" not in fact:
            continue
        low, high = fact["range"]["low"], fact["range"]["high"]
        assert low <= high, where
        assert fact["range"]["unit"] == fact["unit"], where
        assert fact["range"]["kind"] in RANGE_KINDS, where
        if "value" in fact:
            assert low <= fact["value"] <= high, where


def test_other_figures_are_well_formed(facts: list[dict[str, Any]]) -> None:
    for fact in facts:
        for number, figure in enumerate(fact.get("other_figures", ())):
            where = f"{fact['id']}.other_figures[{number}]"
            assert figure.get("unit") in UNITS, where
            assert "value" in figure or {"low", "high"} <= set(figure), where
            if {"low", "high"} <= set(figure):
                assert figure["low"] <= figure["high"], where
            assert isinstance(figure.get("basis"), str) and figure["basis"].strip(), where
            assert set(figure) <= {
                "value", "low", "high", "unit", "kind", "basis",
                "population_terms", "region_terms", "measure_terms",
            }, where  # fmt: skip


def test_match_blocks_are_well_formed(facts: list[dict[str, Any]]) -> None:
    for fact in facts:
        where = fact["id"]
        match = fact.get("match")
        assert isinstance(match, Mapping), f"{where}: no match block"
        units = match.get("claim_units")
        assert units and set(units) <= CLAIM_UNITS, where
        compared = {CONVERTS_TO[unit] for unit in units}
        figure_units = {fact["unit"]} | {f["unit"] for f in fact.get("other_figures", ())}
        assert compared & figure_units, f"{where}: claim_units reach none of its figures"
        assert match.get("topic_terms"), f"{where}: no topic_terms"
        assert match.get("topic_in", "condition") in {"condition", "population"}, where
        for key in TERM_LISTS:
            terms = match.get(key, [])
            assert all(isinstance(t, str) and t.strip() for t in terms), f"{where}.{key}"
            assert len(terms) == len(set(terms)), f"{where}.{key}: repeated term"
        tolerance = match.get("tolerance", 0.15)
        assert 0 <= tolerance < 1, where


def test_comorbidity_facts_name_the_other_condition(facts: list[dict[str, Any]]) -> None:
    for fact in facts:
        if fact["measure"] != "proportion_with_comorbidity":
            continue
        related = fact.get("related_condition") or {}
        assert related.get("name") and related.get("aliases"), fact["id"]
        assert fact["match"].get("population_terms"), fact["id"]


def test_envelopes_group_one_topic_with_distinct_tiers(facts: list[dict[str, Any]]) -> None:
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        if "envelope" in fact:
            members[fact["envelope"]].append(fact)
    assert len(members["rls_general_prevalence"]) == 9
    for envelope, group in members.items():
        assert len({fact["topic"] for fact in group}) == 1, envelope
        ranks = [fact["tier"]["rank"] for fact in group if "tier" in fact]
        assert len(ranks) == len(set(ranks)), f"{envelope}: two tiers share a rank"
    tiers = sorted(
        (f for f in members["rls_general_prevalence"] if "tier" in f),
        key=lambda f: f["tier"]["rank"],
    )
    # The Ohayon tiers run from the loosest definition to the strictest.
    highs = [fact["range"]["high"] for fact in tiers[:4]]
    assert highs == sorted(highs, reverse=True)


# --------------------------------------------------------------------------- journals


def test_journal_names_are_unique_ignoring_case(journals: list[str]) -> None:
    counts = Counter(name.casefold() for name in journals)
    assert [name for name, count in counts.items() if count > 1] == []
    assert all(name == name.strip() and name for name in journals)


def test_every_cited_journal_is_listed(facts: list[dict[str, Any]], journals: list[str]) -> None:
    listed = {name.casefold() for name in journals}
    cited = {fact["source"].get("journal") for fact in facts} - {None}
    assert cited, "no fact names a journal"
    assert sorted(j for j in cited if j.casefold() not in listed) == []


def test_well_known_journals_are_listed(journals: list[str]) -> None:
    for name in (
        "The Lancet",
        "The New England Journal of Medicine",
        "JAMA",
        "JAMA Internal Medicine",
        "BMJ",
        "Journal of Clinical Sleep Medicine",
        "Sleep Medicine Reviews",
        "Arthritis Care & Research",
        "Pain",
        "Neurology",
        "Sleep",
        "Movement Disorders",
        "Cochrane Database of Systematic Reviews",
        "PLOS ONE",
        "Nature Medicine",
    ):
        assert name in journals, name


# --------------------------------------------------------------------------- shared fact sheet


def test_every_shared_fact_is_carried_over(
    shared_facts: dict[str, dict[str, Any]], facts_by_id: dict[str, dict[str, Any]]
) -> None:
    assert sorted(set(shared_facts) - set(facts_by_id)) == []
    for fact_id, shared in shared_facts.items():
        mine = facts_by_id[fact_id]
        assert mine["topic"] == shared["topic"], fact_id
        assert mine["measure"] == shared["measure"], fact_id
        assert fact_unit(mine) == fact_unit(shared), fact_id
        if "range" in shared:
            for key in ("low", "high", "unit"):
                assert mine["range"][key] == shared["range"][key], f"{fact_id}.range.{key}"
        if "value" in shared:
            assert mine["value"] == shared["value"], fact_id


RECITED = {
    # Read behind an e-mail link wrapper that carries a subscriber id: the CDC's own page is
    # cited instead (its canonical address, checked against a stored copy of the page).
    "hypertension_us_adults": "https://www.cdc.gov/high-blood-pressure/data-research/facts-stats/index.html",
}


def test_citations_are_carried_over_exactly(
    shared_facts: dict[str, dict[str, Any]], facts_by_id: dict[str, dict[str, Any]]
) -> None:
    for fact_id, shared in shared_facts.items():
        theirs, mine = shared["source"], facts_by_id[fact_id]["source"]
        if fact_id in RECITED:
            assert mine["url"] == RECITED[fact_id], fact_id
            continue
        for key in SOURCE_KEYS_CARRIED:
            if key in theirs:
                assert mine.get(key) == theirs[key], f"{fact_id}.source.{key}"
        assert mine.get("url") == theirs.get("url_read"), f"{fact_id}.source.url"
        # A journal field that carried a remark in parentheses keeps only the journal's name
        # (the remark moves to journal_note); otherwise the name is unchanged.
        journal = theirs.get("journal")
        if journal is None:
            assert mine.get("journal") is None, fact_id
        else:
            assert journal == mine["journal"] or journal.startswith(mine["journal"] + " ("), fact_id


def test_statements_are_not_copied(
    shared_facts: dict[str, dict[str, Any]], facts_by_id: dict[str, dict[str, Any]]
) -> None:
    theirs = {normalised(fact["statement"]) for fact in shared_facts.values()}
    copied = [
        fact_id for fact_id, fact in facts_by_id.items() if normalised(fact["statement"]) in theirs
    ]
    assert copied == []


# --------------------------------------------------------------------------- the match design
# The header's worked examples, read by the statistic check's own code (factlint.facts), so
# the data and the check cannot drift apart.


@pytest.fixture(scope="module")
def book() -> FactBook:
    return FactBook.from_rulebook(load_rulebook())


def design_claim(case: Mapping[str, Any]) -> tuple[StatisticClaim, Setting]:
    """A case of DESIGN_CASES as the check sees it: the claim and where it stands."""
    claim = StatisticClaim(
        value=case["value"],
        unit=case["unit"],
        qualifier=case.get("qualifier"),
        condition=case.get("condition"),
        population=case.get("population"),
        percent=float(case["value"]) if case["unit"] == "percent" else None,
        written=str(case["value"]),
    )
    return claim, Setting.of_text(case["sentence"], case.get("paragraph", ""))


RLS_WORLDWIDE = {
    "rls_prev_symptom_only",
    "rls_prev_minimal_irlssg",
    "rls_prev_with_frequency_severity",
    "rls_prev_differential_diagnosis",
    "rls_prev_worldwide_meta",
}

# Claims as factlint.claims reads them (value already in the fact's unit; slack is the rounding
# allowance of an approximate qualifier), with the facts they must reach and the verdict.
DESIGN_CASES = [
    pytest.param(
        {"value": 10, "unit": "percent", "qualifier": "approximately", "slack": 0.5,
         "condition": "RLS", "population": "the population",
         "sentence": "RLS affects approximately 10% of the population."},
        RLS_WORLDWIDE, True, id="rls-10-percent-of-the-population",
    ),
    pytest.param(
        {"value": 10, "unit": "percent", "qualifier": "about", "slack": 0.5,
         "condition": "restless legs syndrome", "population": "pregnant women",
         "sentence": "About 10% of pregnant women have restless legs syndrome."},
        {"rls_pregnancy"}, False, id="rls-10-percent-of-pregnant-women",
    ),
    pytest.param(
        {"value": 8, "unit": "percent", "condition": "RLS", "population": "pregnant women",
         "sentence": "RLS affects 8% of pregnant women in the first trimester."},
        {"rls_pregnancy"}, True, id="rls-first-trimester-sub-figure",
    ),
    pytest.param(
        {"value": 12_000_000, "unit": "people", "qualifier": "more than",
         "condition": "fibromyalgia", "population": "Americans",
         "sentence": "More than 12 million Americans have fibromyalgia."},
        {"fm_us_adult_count_cdc"}, False, id="fm-12-million-americans",
    ),
    pytest.param(
        {"value": 10, "unit": "percent", "condition": "RLS", "population": "Americans",
         "sentence": "RLS affects 10% of Americans."},
        {"rls_prev_us_advocacy_estimate", "rls_prev_na_we_systematic_review",
         "rls_prev_north_america_europe"}, True, id="rls-region-named-us",
    ),
    pytest.param(
        {"value": 12, "unit": "percent", "condition": "Restless legs syndrome",
         "population": "adults",
         "sentence": "Restless legs syndrome affects 12% of adults in Asia."},
        {"rls_prev_asia"}, False, id="rls-region-named-asia",
    ),
    pytest.param(
        {"value": 46, "unit": "percent", "condition": "SFPN",
         "population": "patients with fibromyalgia",
         "sentence": "Researchers have found 46% of patients with fibromyalgia has SFPN."},
        {"sfp_in_fibromyalgia_meta_2019", "sfp_in_fibromyalgia_meta_2022"}, True,
        id="sfpn-in-fibromyalgia",
    ),
    pytest.param(
        {"value": 33, "unit": "percent", "condition": "RLS",
         "population": "people with fibromyalgia",
         "sentence": "33% of people with fibromyalgia have RLS."},
        {"rls_in_fibromyalgia_vs_controls"}, True, id="rls-in-fibromyalgia",
    ),
    pytest.param(
        {"value": 10, "unit": "fold", "condition": "this disease", "population": "Women",
         "sentence": "Women are 10 times more likely to get this disease than men.",
         "paragraph": "More than 12 million Americans have fibromyalgia."},
        {"fm_sex_ratio_cdc_1990_era", "fm_sex_ratio_by_criteria"}, True,
        id="fm-women-10-times",
    ),
    pytest.param(
        {"value": 2, "unit": "fold", "condition": None, "population": "RLS",
         "sentence": "RLS is twice as common in women as in men."},
        {"rls_sex_ratio"}, True, id="rls-twice-as-common-in-women",
    ),
    pytest.param(
        {"value": 90, "unit": "percent", "qualifier": "about", "slack": 0.5, "condition": None,
         "population": "people with fibromyalgia",
         "sentence": "About 90% of people with fibromyalgia are women."},
        {"fm_female_share_unbiased"}, False, id="fm-female-share",
    ),
    pytest.param(
        {"value": 3.4, "unit": "percent", "condition": "fibromyalgia", "population": "US women",
         "sentence": "Fibromyalgia affects 3.4% of US women."},
        {"fm_prev_us_1990_criteria"}, True,
        id="fm-women-sub-figure",
    ),
    pytest.param(
        {"value": 36.8, "unit": "percent", "condition": "one autoimmune disorder",
         "population": "RLS patients",
         "sentence": "36.8% of RLS patients also had at least one autoimmune disorder."},
        set(), False, id="rls-autoimmune-unsourced",
    ),
    pytest.param(
        {"value": 80, "unit": "count", "qualifier": "more than",
         "condition": "autoimmune disorders", "population": None,
         "sentence": "There are over 80 different types of autoimmune disorders."},
        {"autoimmune_disease_count"}, True, id="autoimmune-80-types",
    ),
    pytest.param(
        {"value": 9, "unit": "count", "condition": "points on the body", "population": None,
         "sentence": "Each person has nine pairs of points on the body.",
         "paragraph": "People with fibromyalgia often develop tender points in the legs."},
        {"fm_acr1990_tender_points"}, True, id="fm-nine-pairs-of-points",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "expected", "ok"), DESIGN_CASES)
def test_match_design(book: FactBook, claim: dict[str, Any], expected: set[str], ok: bool) -> None:
    statistic, setting = design_claim(claim)
    assert statistic.slack(book.approximate) == claim.get("slack", 0)
    verdict = book.judge(statistic, setting)
    assert {fact["id"] for fact in verdict.candidates} == expected
    assert verdict.accepted is ok


def test_a_rejected_claim_quotes_the_closest_figure(book: FactBook) -> None:
    case = DESIGN_CASES[1].values[0]  # 10% of pregnant women
    verdict = book.judge(*design_claim(case))
    assert verdict.reportable
    assert verdict.closest is not None
    assert verdict.closest.fact["id"] == "rls_pregnancy"
    assert verdict.closest.low == pytest.approx(17.7)  # the second meta-analysis is closer


def test_a_loose_tier_adds_its_caveat(book: FactBook) -> None:
    verdict = book.judge(*design_claim(DESIGN_CASES[0].values[0]))
    assert verdict.accepted
    assert any("strictly it is defined" in caveat for caveat in verdict.caveats)


def test_a_verdict_is_the_same_when_asked_again(book: FactBook) -> None:
    """Figures are kept per fact and unit: a second claim gets the same, unchanged ones."""
    case = DESIGN_CASES[1].values[0]
    first = book.judge(*design_claim(case))
    again = book.judge(*design_claim(case))
    assert first.figures == again.figures and first.closest == again.closest
    assert [f.fact for f in first.figures] == [f.fact for f in again.figures]
