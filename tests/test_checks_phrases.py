"""The literal-phrase screen never skips a block the phrase regex would match."""

from __future__ import annotations

import itertools
from types import MappingProxyType

import pytest

from factlint.checks.phrases import literal_screen
from factlint.facts import lexicon_phrases
from factlint.rulebook import Rulebook, _compile

PHRASES = ("Parkinsons disease", "don't", "restless leg syndrome", "Sjögren syndrome", "kiss")
TEXTS = (
    "",
    "Parkinsons disease",
    "PARKINSONS\n  DISEASE",
    "parkinson's disease",
    "dont",
    "DON’T worry",
    "restless   leg\tsyndrome",
    "sjögren syndrome",
    "SJÖGREN SYNDROME",
    "ſjögren ſyndrome",
    "KİSS",
    "kıss",
    "Kiſſ",
    "the kiss",
    "a disease",
    "restless legs syndrome",
)


@pytest.mark.parametrize("ignorecase", [True, False])
def test_screen_is_a_necessary_condition(ignorecase: bool) -> None:
    regex = _compile(PHRASES, ignorecase, False)
    screen = literal_screen(PHRASES, ignorecase)
    assert screen is not None
    for text in TEXTS:
        if regex.search(text):
            assert screen.may_match(text), text


def test_screen_skips_blocks_without_the_words() -> None:
    screen = literal_screen(PHRASES, True)
    assert screen is not None
    assert not screen.may_match("A disease of the legs.")
    assert not screen.may_match("restless legs")
    assert screen.may_match("Restless leg syndrome")
    assert screen.may_match("ſome text beyond ASCII is never skipped")


def test_phrase_without_a_run_is_not_screened() -> None:
    assert literal_screen(("'",), True) is None
    assert literal_screen(("睡眠",), True) is None
    assert literal_screen(("睡眠",), False) is not None


def test_disclaimer_wording_screen_matches_lexicon_phrases() -> None:
    wordings = ("this information is not medical advice", "don't self-treat")
    regex = lexicon_phrases(Rulebook(lexicons=MappingProxyType({"w": wordings})), "w")
    screen = literal_screen(wordings, True)
    assert regex is not None and screen is not None
    words = ["This", "information", "is", "not", "MEDICAL", "advice", "don’t", "self-treat"]
    for size in (2, 3, 6):
        for combo in itertools.combinations(words, size):
            text = " ".join(combo)
            if regex.search(text):
                assert screen.may_match(text), text
    assert screen.may_match("This information is not\nmedical advice.")
