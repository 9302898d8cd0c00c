"""hype: marketing words for treatments, unless denied, hoped for or asked about."""

from __future__ import annotations

import pytest

from factlint.api import lint_text, make_linter
from factlint.engine import Linter
from factlint.findings import Finding

RULE = "hype"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[RULE])


def found(text: str, linter: Linter) -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("This miracle supplement eases restless legs.", "miracle"),
        ("It is the closest thing we have to a flu cure.", "a flu cure"),
        ("This proven supplement stops cramps.", "proven"),
        ("A revolutionary test finally proves the pain is real.", "revolutionary"),
        ("It is guaranteed to bring your numbers down.", "guaranteed"),
        ("CBD is the wonder oil of the decade.", "the wonder oil"),
        # a statement before a colon, even when a question follows it
        ("# The CGRP Breakthrough: Is This the End of Migraine?", "Breakthrough"),
        # a defuser in an earlier clause does not reach the hype word
        ("Marketed for memory, with a revolutionary formula.", "revolutionary"),
    ],
)
def test_hype_is_flagged(linter: Linter, text: str, excerpt: str) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt == excerpt
    assert "oversells" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "There is no cure for RLS.",
        "We don't have a magic bullet for curing it in everyone.",
        "Researchers hope for a breakthrough in RLS treatment.",
        "The search for a cure continues.",
        "Can magnesium cure RLS?",
        "Opioids can control breakthrough pain.",
        "Aged cheese and cured meats contain tyramine.",
        "There is a proven link between smoking and cancer.",  # not about a treatment
        # verbs of cure and proof are causal claims (unsupported-causal), not marketing words
        "Magnesium cures insomnia and cramps.",
        "Our oil is clinically proven to reduce inflammation.",
        "Studies have proven that melatonin helps with jet lag.",
        "The vaccine is 100% effective.",  # a figure, for the statistic rules
        "Is this the breakthrough we need? Not yet.",  # still a question
        "It is marketed as a revolutionary formula.",  # a reported marketing claim
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_one_finding_per_sentence(linter: Linter) -> None:
    assert len(found("A miracle cure, guaranteed and proven, for every ache.", linter)) == 1


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", RULE)
    assert run.code == 0
    assert "hype (style, default severity: warning)" in run.stdout
