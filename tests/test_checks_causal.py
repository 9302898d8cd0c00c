"""unsupported-causal: cause-and-effect claims and overstated links with no source nearby.

True positives (a direct claim, an overstated link, causal language for an observational
study), near misses (hedged, negated, definitional, symptom descriptions, sourced claims,
instructions, headings), the distance setting, one finding per sentence, and the explain page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.engine import Linter
from factlint.findings import Finding

RULE = "unsupported-causal"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[RULE])


def found(text: str, linter: Linter) -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.rule == RULE]


@pytest.mark.parametrize(
    "text",
    [
        "Inflammation causes nerve damage in the legs.",
        "Treating the underlying autoimmune disorder can also improve RLS symptoms.",
        "Gluten causes fibromyalgia flares in most patients.",
        "Blue light from phones causes insomnia.",
    ],
)
def test_direct_causal_claims_without_a_source(linter: Linter, text: str) -> None:
    (finding,) = found(text, linter)
    assert "states a cause as fact" in finding.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("There is a strong link between RLS and lupus.", "strong link"),
        ("Recent work shows a clear connection between RLS and migraine.", "clear connection"),
    ],
)
def test_overstated_links(linter: Linter, text: str, words: str) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt == words
    assert "overstates" in finding.message


def test_causal_language_for_an_observational_study_even_when_cited(linter: Linter) -> None:
    text = "A cross-sectional study (Lee et al., 2019) showed that coffee causes insomnia."
    (finding,) = found(text, linter)
    assert finding.message.startswith("Causal language for a correlational study")
    assert "cross-sectional" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Inflammation may be associated with nerve damage.",  # hedged correlational
        "Low iron is linked to RLS.",  # correlational, not overstated
        "Inflammation does not cause nerve damage.",  # negated
        "There is no clear link between vaccines and autism.",  # negated overstatement
        "Fibromyalgia is a condition that causes widespread pain.",  # definition
        "Restless legs syndrome is a neurological disorder that causes an urge to move.",
        "SFPN causes widespread pain similar to fibromyalgia.",  # symptom description
        "Sitting still worsens the sensations.",
        "Iron deficiency can cause RLS (Allen et al., 2018).",  # sourced
        "Exercise can help manage symptoms.",  # everyday consequence
        "Your doctor will usually reduce the dose over a week.",  # instruction
        "Peripheral neuropathy (nerve damage, often caused by diabetes) is common.",  # gloss
        "A cross-sectional study found that RLS is more common in fibromyalgia.",
        "Researchers hope to find out whether iron reduces symptoms.",  # a question
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_headings_name_topics_not_claims(linter: Linter) -> None:
    assert found("# How salt raises blood pressure\n\nSome text here.\n", linter) == []


def test_one_finding_per_sentence(linter: Linter) -> None:
    text = "Sugar causes diabetes, and salt causes high blood pressure."
    assert len(found(text, linter)) == 1


def test_well_sourced_hedged_text_is_clean() -> None:
    text = (
        "# Restless legs syndrome and fibromyalgia\n\n"
        "Restless legs syndrome (RLS) is a condition that causes an urge to move the legs.\n"
        "In community surveys, about 10% of adults report RLS symptoms (Ohayon et al., 2012).\n\n"
        "A cross-sectional study found RLS in 33% of people with fibromyalgia, against 3.1% of\n"
        "healthy controls (Viola-Saltzman et al., 2010). The study suggests the two conditions\n"
        "may be linked, but it could not show that one causes the other.\n\n"
        "Iron deficiency can cause RLS in some people, and iron supplements may help them\n"
        "([Allen et al., 2018](https://doi.org/10.1016/j.sleep.2017.11.1126)).\n"
    )
    linter = make_linter(
        select=["unsupported-causal", "vague-citation", "unknown-journal", "statistic-unsourced"]
    )
    assert lint_text(text, format="markdown", linter=linter) == []


def test_citation_distance_paragraph(tmp_path: Path) -> None:
    text = "Iron deficiency can cause RLS. It is common in women. Doctors check (Allen, 2018).\n"
    assert found(text, make_linter(select=[RULE]))
    pack = tmp_path / "near.yaml"
    pack.write_text("lexicons:\n  citation_distance: [paragraph]\n", encoding="utf-8")
    assert found(text, make_linter(rules=[pack], select=[RULE])) == []


def test_hedged_claims_can_be_reported_by_a_house_pack(tmp_path: Path) -> None:
    text = "Long-term use of painkillers may cause fluid retention."
    assert found(text, make_linter(select=[RULE])) == []
    pack = tmp_path / "strict.yaml"
    pack.write_text(
        "lexicons:\n  causal_flagged_strengths: [conditional_causal]\n", encoding="utf-8"
    )
    assert found(text, make_linter(rules=[pack], select=[RULE]))


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", RULE)
    assert run.code == 0
    assert "unsupported-causal (causal, default severity: warning)" in run.stdout
    for section in ("What it flags:", "Why it matters:", "Example:", "How to fix:"):
        assert section in run.stdout
