"""missing-disclaimer: treatment or medication information with no medical disclaimer.

An article that tells readers about medications, supplements, doses or treatments should
remind them to talk to a professional before acting on it. The check looks for any accepted
disclaimer wording in the whole document (``disclaimer_patterns``: regexes;
``disclaimer_wordings``: literal phrases, which a config's ``disclaimer_wordings`` is meant to
extend) and, when none is found, reports the first treatment trigger (``disclaimer_triggers``:
token patterns; or a dose such as "500 mg" found by the statistic extractor). One finding per
document, with a suggested disclaimer text (``disclaimer_suggestion``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from factlint.analysis import Analysis
from factlint.checks.phrases import LiteralScreen, literal_screen
from factlint.checks.registry import RuleInfo, check
from factlint.claims.lexicon import PatternSet, tokens_of
from factlint.facts import (
    lexicon_patterns,
    lexicon_phrases,
    lexicon_regex,
    lexicon_strings,
    per_rulebook,
)
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

DEFAULT_SUGGESTION = (
    "This article is for general information and is not a substitute for professional medical "
    "advice. Talk to your doctor before starting, stopping or changing any treatment."
)

MISSING_DISCLAIMER = RuleInfo(
    id="missing-disclaimer",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="Treatment, medication, supplement or dosage information without a disclaimer.",
    docs=RuleDocs(
        what="Flags an article that gives treatment, medication, supplement or dosage "
        "information ('doctors may prescribe ...', 'taking supplements such as iron', "
        "'500 mg a day') but has no medical disclaimer anywhere. The finding points at the "
        "first such passage and suggests a disclaimer. Accepted wordings include 'not a "
        "substitute for professional medical advice', 'for informational purposes only', "
        "'should not be considered medical advice' and 'talk to your doctor before starting "
        "...' (the `disclaimer_patterns` and `disclaimer_wordings` lexicons; add your house "
        "wording there). One finding per article.",
        why="Readers act on health articles. A disclaimer reminds them that the article cannot "
        "weigh their own history, medicines and risks, and that starting or stopping a "
        "treatment is a decision to make with a professional. Many publishers and platforms "
        "require one.",
        example="An article listing dopamine agonists and opioids for RLS, with no disclaimer, "
        "gets one at the end: 'This article is for general information and is not a "
        "substitute for professional medical advice ...'",
        fix="Add your publication's standard disclaimer (or the suggested text) near the "
        "treatment information or at the end of the article.",
    ),
)


class _Vocabulary(NamedTuple):
    """What the check compiles once per rulebook (built when the pipeline loads)."""

    patterns: re.Pattern[str] | None
    """``disclaimer_patterns``, one regex."""
    wordings: re.Pattern[str] | None
    """``disclaimer_wordings``, one regex of literal phrases."""
    screen: LiteralScreen | None
    """Blocks that could hold a wording (:func:`factlint.checks.phrases.literal_screen`)."""
    triggers: PatternSet
    """``disclaimer_triggers``."""

    @classmethod
    def of(cls, rulebook: Rulebook) -> _Vocabulary:
        return per_rulebook(
            rulebook,
            "disclaimer-vocabulary",
            lambda: cls(
                lexicon_regex(rulebook, "disclaimer_patterns"),
                lexicon_phrases(rulebook, "disclaimer_wordings"),
                literal_screen(lexicon_strings(rulebook, "disclaimer_wordings"), True),
                lexicon_patterns(rulebook, "disclaimer_triggers"),
            ),
        )


def has_disclaimer(analysis: Analysis) -> bool:
    """Whether any accepted disclaimer wording occurs in the document's prose.

    The literal wordings are searched only in blocks that could hold one of them (see
    :func:`factlint.checks.phrases.literal_screen`: a necessary condition, tested in C); the
    disclaimer regexes, written as regexes, are searched in every block. Any block will do, so
    the search starts from the last one: disclaimers mostly close an article."""
    regex, phrases, screen, _ = _Vocabulary.of(analysis.rulebook)
    for block in reversed(analysis.document.blocks):
        text = block.text
        if regex is not None and regex.search(text):
            return True
        if (
            phrases is not None
            and (screen is None or screen.may_match(text))
            and phrases.search(text)
        ):
            return True
    return False


def first_trigger(analysis: Analysis) -> tuple[int, int, int] | None:
    """(block, start, end) of the first treatment, medication or dose passage, if any."""
    triggers = _Vocabulary.of(analysis.rulebook).triggers
    doses = [
        (claim.block, claim.start, claim.end)
        for claim in analysis.claims
        if claim.kind == "statistic" and claim.get("unit") == "dose"
    ]
    first_dose = min(doses) if doses else None
    if triggers:
        for index, doc in enumerate(analysis.docs):
            if first_dose is not None and first_dose[0] < index:
                break
            toks = tokens_of(doc)
            matches = triggers.find(toks)
            if matches:
                match = matches[0]
                found = (index, toks[match.start].start, toks[match.end - 1].end)
                return min(found, first_dose) if first_dose else found
    return first_dose


@check(MISSING_DISCLAIMER, prepare=_Vocabulary.of)
def find_missing_disclaimer(analysis: Analysis) -> Iterator[Finding]:
    """One finding per document, at the first trigger, when no disclaimer is present."""
    trigger = first_trigger(analysis)
    if trigger is None or has_disclaimer(analysis):
        return
    block, start, end = trigger
    words = " ".join(analysis.document.blocks[block].text[start:end].split())
    suggestion = " ".join(
        (lexicon_strings(analysis.rulebook, "disclaimer_suggestion") or (DEFAULT_SUGGESTION,))[
            -1
        ].split()
    )
    yield analysis.finding(
        MISSING_DISCLAIMER,
        message=(
            f"The article gives treatment or medication information ('{words}') but has no "
            "medical disclaimer: readers may act on it without asking a professional. Add a "
            f'disclaimer, for example: "{suggestion}"'
        ),
        block=block,
        start=start,
        end=end,
        suggestions=(suggestion,),
    )
