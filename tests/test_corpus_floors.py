"""CI guard: factlint's accuracy on the gold corpus must not fall below ``corpus/floors.yaml``.

Runs the same evaluation as ``factlint eval corpus/`` in-process (through
:mod:`factlint.evaluate`), without any config file, so a local ``.factlint.yaml`` cannot change
the score. When this fails, the message lists the categories that dropped and the whole table;
``factlint eval -v --isolated corpus/`` lists every miss and false alarm. Floors only go up (see
the header of ``corpus/floors.yaml``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from factlint.api import make_linter
from factlint.config import load_config
from factlint.evaluate import (
    CAREFUL_TARGET,
    Evaluation,
    below_floors,
    evaluate,
    load_floors,
    render_text,
    round_down,
)
from factlint.findings import CATEGORIES

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FLOORS = CORPUS / "floors.yaml"

pytestmark = pytest.mark.skipif(not FLOORS.is_file(), reason="corpus/ is not present")


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate(CORPUS, make_linter(load_config(None)))


def test_every_category_has_a_floor():
    assert sorted(load_floors(FLOORS)) == sorted(CATEGORIES)


def test_corpus_scores_at_or_above_the_floors(evaluation):
    floors = load_floors(FLOORS)
    failures = below_floors(evaluation, floors)
    assert not failures, "\n".join(
        ["accuracy fell below corpus/floors.yaml:", *failures, "", render_text(evaluation)]
    )


def test_floors_that_could_be_raised_are_reported(evaluation):
    """Never fails: a pytest warning names each floor more than 0.1 below today's score, so
    that a change that improves a category gets its floor raised with it."""
    for category, floor in load_floors(FLOORS).items():
        counts = evaluation.categories[category]
        for measure in ("precision", "recall"):
            suggested = round_down(getattr(counts, measure))
            if suggested > getattr(floor, measure) + 0.1:
                warnings.warn(
                    f"corpus/floors.yaml: {category} {measure} could be raised to {suggested}",
                    stacklevel=1,
                )


def test_careful_articles_stay_within_target(evaluation):
    """Issue 7's target: at most CAREFUL_TARGET findings other than typos per careful article."""
    over = [f"{c.path}: {c.findings}" for c in evaluation.careful if not c.within_target]
    assert not over, f"careful articles over {CAREFUL_TARGET} non-typo findings: {over}"
