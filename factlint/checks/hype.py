"""hype: "miracle", "a cure", "magic bullet", "breakthrough", "proven" said of treatments.

Marketing words promise more than any treatment delivers and push readers towards products
and away from care that works. The vocabulary is data (``hype_words``, ``hype_defusers``,
``treatment_words`` in ``rules/checks.yaml``), matched as token patterns (lemmas, so
"miracles" is "miracle"). The verbs of cure and proof ("magnesium cures insomnia", "proven to
reduce") are causal claims, which unsupported-causal reports; "cure" is hype as a noun ("a
miracle cure", "the closest thing to a flu cure").

Decisions:

* a word is not hype when it is denied or hoped for: "there is no cure", "we don't have a magic
  bullet", "researchers hope for a breakthrough", "the search for a cure" (a defuser within six
  words before it, in the same clause: "marketed for memory, with a revolutionary formula"
  is the article's own claim);
* questions ("Is this the cure we need?") claim nothing, but a statement before a colon does
  ("The CGRP Breakthrough: Is This the End of Migraine?");
* "proven" is hype only in a sentence about a treatment ("a proven link" is a causal
  overstatement, reported by unsupported-causal); the other words are hype anywhere, except
  their ordinary uses in ``hype_exempt`` ("breakthrough pain", "cured meats").

One finding per sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.claims.lexicon import PatternSet, tokens_of
from factlint.claims.sentences import sentences_of
from factlint.facts import lexicon_patterns, lexicon_strings, per_rulebook, term_patterns
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

DEFUSER_WINDOW = 6
"""Words before a hype word in which "no", "not", "hope" ... take the hype back."""

HYPE = RuleInfo(
    id="hype",
    category="style",
    severity=Severity.WARNING,
    summary="Marketing words for treatments: cure, miracle, magic bullet, breakthrough, proven.",
    docs=RuleDocs(
        what="Flags 'miracle', 'a cure' (the noun), 'magic bullet', 'wonder drug', "
        "'guaranteed', 'breakthrough', 'revolutionary' and 'game-changer' anywhere, and "
        "'proven', 'completely eliminates', 'instant relief' and 'no side effects' in "
        "sentences about a treatment. Clinical terms ('breakthrough pain') and food ('cured "
        "meats') are not hype, and the verbs of cure and proof ('magnesium cures insomnia', "
        "'proven to reduce') are causal claims for unsupported-causal. Not flagged when the "
        "word is denied or hoped for in the same clause ('there is no cure', 'we don't have a "
        "magic bullet', 'researchers hope for a breakthrough', 'the search for a cure') or "
        "asked about ('Is this the breakthrough we need?').",
        why="Few treatments work for everyone, and hardly any cure a chronic condition. Hype "
        "raises false hope, sells products, and can lead readers to drop care that does help. "
        "Regulators treat 'cure' claims for supplements as misleading.",
        example="'This miracle supplement cures restless legs.' becomes 'In one small trial, "
        "people taking the supplement reported milder restless legs symptoms than those "
        "taking a placebo.'",
        fix="Say what the evidence shows, for whom and how much: the kind of study, how many "
        "people, what changed. Keep 'cure' for treatments that end a disease for good.",
    ),
)


class _Vocabulary(NamedTuple):
    """What the check compiles once per rulebook (each part cached per rulebook, and built
    when the pipeline loads)."""

    words: PatternSet
    defusers: PatternSet
    exempt: PatternSet
    treatments: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, rulebook: Rulebook) -> _Vocabulary:
        words, defusers, exempt = (
            lexicon_patterns(rulebook, name)
            for name in ("hype_words", "hype_defusers", "hype_exempt")
        )
        return cls(words, defusers, exempt, _treatment_patterns(rulebook))


@check(HYPE, prepare=_Vocabulary.of)
def find_hype(analysis: Analysis) -> Iterator[Finding]:
    """One finding per sentence with a hype word that is claimed, not denied or hoped for."""
    words, defusers, exempt, treatments = _Vocabulary.of(analysis.rulebook)
    if not words:
        return
    for index, doc in enumerate(analysis.docs):
        toks = tokens_of(doc)
        matches = words.find(toks)
        if not matches:
            continue
        text = analysis.document.blocks[index].text
        sentences = sentences_of(doc)
        starts = [sentence.start_token for sentence in sentences]
        defuser_ends = sorted(match.end for match in defusers.find(toks))
        ordinary = {index for m in exempt.find(toks) for index in range(m.start, m.end)}
        done: set[int] = set()
        for match in matches:
            number = max(0, bisect.bisect_right(starts, match.start) - 1)
            if number in done or match.start in ordinary:
                continue
            sentence = sentences[number]
            start, end = toks[match.start].start, toks[match.end - 1].end
            if _asked(text, sentence.start, sentence.end, start):
                continue
            low = max(sentence.start_token, match.start - DEFUSER_WINDOW)
            at = bisect.bisect_left(defuser_ends, low + 1)
            if any(
                not _CLAUSE_BREAK.search(text[toks[defuser - 1].end : start])
                for defuser in defuser_ends[at : bisect.bisect_right(defuser_ends, match.start)]
            ):
                continue
            if match.cue.get("context") == "treatment" and not _about_treatment(
                treatments, text[sentence.start : sentence.end]
            ):
                continue
            done.add(number)
            words_found = text[start:end]
            yield analysis.finding(
                HYPE,
                message=(
                    f"'{words_found}' oversells what a treatment can do: few treatments work "
                    "for everyone, and hype can lead readers to drop care that helps. Say what "
                    "the evidence shows, for whom and how much."
                ),
                block=index,
                start=start,
                end=end,
            )


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
"""Punctuation that ends a defuser's reach: in "marketed for memory, with a revolutionary
formula" the article itself makes the claim."""


def _asked(text: str, start: int, end: int, at: int) -> bool:
    """Whether the part of the sentence holding ``at`` is a question: "Can magnesium cure
    RLS?", but not the statement before the colon of "The CGRP Breakthrough: Is This the End
    of Migraine?"."""
    breaks = [m.start() for m in re.finditer(r"[:;]", text[start:end])]
    clause_end = next((start + b for b in breaks if start + b >= at), end)
    return text[start:clause_end].rstrip().endswith("?")


def _treatment_patterns(rulebook: Rulebook) -> tuple[re.Pattern[str], ...]:
    def build() -> tuple[re.Pattern[str], ...]:
        terms = tuple(
            word.strip()
            for entry in lexicon_strings(rulebook, "treatment_words")
            for word in entry.split("|")
            if word.strip()
        )
        return tuple(p for p in term_patterns(terms) if p is not None)

    return per_rulebook(rulebook, "hype-treatments", build)


def _about_treatment(patterns: tuple[re.Pattern[str], ...], sentence: str) -> bool:
    cleaned = sentence.replace("-", " ").replace("/", " ")
    return any(pattern.search(cleaned) for pattern in patterns)
