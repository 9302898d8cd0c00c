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
        ("Magnesium cures insomnia and cramps.", "cures"),
        ("This proven supplement stops cramps.", "proven"),
        ("A revolutionary test finally proves the pain is real.", "revolutionary"),
        ("It is guaranteed to bring your numbers down.", "guaranteed"),
        ("CBD is the wonder oil of the decade.", "the wonder oil"),
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
