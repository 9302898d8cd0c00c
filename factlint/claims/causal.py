"""Causal language: how strongly each sentence claims that one thing affects another.

Every sentence gets a ``CausalReading`` in the four classes of the causal-language literature
(none, correlational, conditional causal, direct causal), with the cue that decided it, the cause
and effect around the cue when word order recovers them, and three modifiers:

* ``hedged``: the sentence speculates ("may", "suggests", "it is unclear whether"), BioScope's
  notion of an uncertain sentence;
* ``negated``: the claim itself is denied ("does not cause", "no evidence that", "was once
  thought to cause ..., but this has been rejected");
* ``intensity``: wording that overstates certainty ("strong connection", "proven").

The method is medspaCy's ConText over lexicon data, adapted to a pipeline without a parser:
cues are lemma patterns (``rules/lexicons.yaml``); hedge, negation and hypothetical cues govern a
*scope* of tokens forward, backward or both, which ends at a terminator ("but", "however",
"which", ";") or after a window; a causal cue inside a conditional hedge's scope is conditional,
inside a hypothetical's scope ("needed to determine whether ...") it claims nothing. Verb cues are
only verbs where word order says so: "an increased risk" and "with reduced pain" are noun phrases,
"levels were reduced in patients" (no "by" agent) reports a measured difference.

Everything runs over one token list per sentence with index look-ups, so the cost is linear in
the text (thousands of sentences per second on one core).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span

from factlint.claims.lexicon import (
    ClaimLexicon,
    Match,
    PatternSet,
    Tok,
    TokenList,
    is_adverb,
    read_block,
    tokens_of,
)
from factlint.claims.model import Claim, Strength, make_claim

RANK: dict[str, int] = {"correlational": 1, "conditional_causal": 2, "direct_causal": 3}
SPAN_LIMIT = 12
"""Tokens kept on each side of a cue for the cause and effect spans: a clause, not a paragraph."""
ANTECEDENT_LIMIT = 6
"""Tokens kept before a relative pronoun for the cause: the noun phrase it attaches to."""
_CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")", "—", "–", "that", "whether", "because"})
_SPAN_TRIM = frozenset({"that", "and", "or", "but", "which", "who", "the", "a", "an", ",", "to"})
_TRANSPARENT = frozenset(
    {"not", "n't", "also", "further", "still", "even", '"', "“", "'", "‘", "("}
)
"""Tokens looked through when finding the word before a verb cue."""
_TRAILING_NOISE = frozenset(
    {"times", "fold", "as", "more", "less", "much", "sometimes", "often", "also", "still",
     "usually", "always", "never", "even", "once", "thought", "believed", "known", "shown",
     "found", "said", "reported", "suspected", "considered", "generally", "typically",
     "proven", "proved", "demonstrated"}
)  # fmt: skip
"""Words cut from the end of a cause span: "RLS can sometimes (be caused by)"."""
_REPORTING = frozenset(
    {"say", "believe", "think", "suggest", "show", "find", "report", "claim", "argue", "note",
     "conclude", "know", "feel", "state", "warn", "reveal", "indicate", "confirm", "demonstrate"}
)  # fmt: skip
"""Reporting verbs: the cause of "experts believe gluten causes pain" starts after them."""
_COORDINATORS = frozenset({"and", "so", "but", "or", "yet"})
_RELATIVE = frozenset({"that", "which", "who"})
_LET = frozenset({"let", "lets"})
_COMPLEMENTIZERS = frozenset({"that", "because", "whether", "since"})
_HAVE_FORMS = frozenset({"have", "has", "had", "having", "'ve", "’ve", "'d", "’d"})
_AUXILIARIES = frozenset(
    {"be", "is", "are", "was", "were", "been", "being", "have", "has", "had", "do", "does", "did"}
)


@dataclass(frozen=True)
class CausalReading:
    """The causal reading of one sentence.

    Offsets (``cue_span``, ``cause_span``, ``effect_span``) are character offsets in the text the
    tokens came from (the block's prose for ``extract_claims``); ``None`` when not recovered.
    """

    strength: Strength
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    cause: str | None = None
    cause_span: tuple[int, int] | None = None
    effect: str | None = None
    effect_span: tuple[int, int] | None = None
    hedged: bool = False
    negated: bool = False
    intensity: str | None = None


def causal_claim(
    block: int, text: str, sentence: tuple[int, int], reading: CausalReading
) -> Claim | None:
    """The causal ``Claim`` a reading makes in ``text`` (a block's prose), spanning its cue,
    cause and effect; ``None`` when the reading recovered no span."""
    spans = [span for span in (reading.cue_span, reading.cause_span, reading.effect_span) if span]
    if not spans:
        return None
    return make_claim(
        "causal",
        block,
        min(span[0] for span in spans),
        max(span[1] for span in spans),
        text,
        sentence,
        strength=reading.strength,
        cue=reading.cue,
        cause=reading.cause,
        effect=reading.effect,
        hedged=reading.hedged,
        negated=reading.negated,
        intensity=reading.intensity,
    )


class _Scope(NamedTuple):  # named tuples: made per cue, and cheaper to make than dataclasses
    start: int
    end: int
    conditional: bool


class _Hit(NamedTuple):
    strength: str
    match: Match
    weight: float
    fallback: bool = False
    """A change verb read as an adjective or without object: used only if nothing else is."""


def classify_sentence(sentence: str | Span | Doc, lexicon: ClaimLexicon) -> CausalReading:
    """The causal reading of one sentence (a string is run through ``get_pipeline()``)."""
    if isinstance(sentence, str):
        from factlint.nlp import get_pipeline

        sentence = get_pipeline()(sentence)
    return read_tokens(tokens_of(sentence), lexicon)


def may_be_causal(toks: Sequence[Tok], lexicon: ClaimLexicon) -> bool:
    """Whether a causal or correlational cue could match in ``toks`` (``PatternSet.may_match``).

    ``False`` means ``read_tokens`` gives strength ``none`` (its hedge and negation flags aside),
    and is known from a few set tests: most sentences of an article claim no cause.
    """
    return (
        lexicon.causal_direct.may_match(toks)
        or lexicon.causal_conditional.may_match(toks)
        or lexicon.correlational.may_match(toks)
    )


def read_tokens(
    toks: Sequence[Tok], lexicon: ClaimLexicon, text: str | None = None
) -> CausalReading:
    """The causal reading of a sentence given as matcher tokens.

    ``text`` is the text the token offsets index into (to cut cue, cause and effect); when
    omitted the tokens' own texts are joined with single spaces.
    """
    reading = _read(toks, lexicon, text, claims_only=False)
    assert reading is not None  # only ``claims_only`` readings are left out
    return reading


def claim_reading(
    toks: Sequence[Tok], lexicon: ClaimLexicon, text: str | None = None
) -> CausalReading | None:
    """``read_tokens`` for a sentence with a causal claim, ``None`` for one without.

    A ``None`` reading has strength ``none``; unlike ``read_tokens``, this does not work out
    its hedge and negation flags, which is most of the cost of a sentence without a claim.
    """
    if not may_be_causal(toks, lexicon):
        return None
    return _read(toks, lexicon, text, claims_only=True)


def _read(
    toks: Sequence[Tok],
    lexicon: ClaimLexicon,
    text: str | None,
    *,
    claims_only: bool,
    at: int | None = None,
) -> CausalReading | None:
    """The reading of a sentence, or ``None`` for a ``claims_only`` reading of strength none."""
    if not toks:
        return CausalReading("none")
    if not isinstance(toks, TokenList):
        toks = TokenList(toks)  # a dozen lexicons search it: index its match keys once
    stops = _stop_indices(toks, lexicon)
    cues = _cue_matches(toks, lexicon, stops)
    if not cues and claims_only:
        return None
    hedges = _scopes(
        _unless_pseudo(lexicon.hedges, lexicon.pseudo_hedges, toks, stops), toks, stops
    )
    hedged = bool(hedges)
    n = len(toks)
    conditional = _Coverage([scope for scope in hedges if scope.conditional], n)
    hits = _cue_hits(toks, lexicon, cues, conditional) if cues else []
    if not hits:  # most sentences: what follows only refines a cue
        return None if claims_only else _no_claim(hedged, toks, lexicon, stops)
    hypothetical = _Coverage(_scopes(lexicon.hypotheticals.find(toks, stops), toks, stops), n)

    if at is None:
        main = _main_hit(
            [hit for hit in hits if hit.match.start not in hypothetical],
            lambda: lexicon.claim_openers.find(toks, stops),
        )
    else:  # the reading of one cue, whatever the sentence's main claim is
        main = next((hit for hit in hits if hit.match.start == at), None)
        if main is not None and at in hypothetical:
            main = None
    if main is None:
        return None if claims_only else _no_claim(hedged, toks, lexicon, stops)
    intensity = _intensity(toks, lexicon, text)
    strength = main.strength
    if strength == "direct_causal" and main.match.start in conditional:
        strength = "conditional_causal"
    negations = _scopes(
        _unless_pseudo(lexicon.negations, lexicon.pseudo_negations, toks, stops), toks, stops
    )
    negated = any(scope.start <= main.match.start < scope.end for scope in negations)
    cue_start, cue_end = toks[main.match.start].start, toks[main.match.end - 1].end
    cause, effect = _arguments(toks, main.match, stops)
    if _is_passive_with_agent(toks, main.match):
        cause, effect = effect, cause
    return CausalReading(
        strength=strength,  # type: ignore[arg-type]
        cue=_cut(toks, main.match.start, main.match.end, text),
        cue_span=(cue_start, cue_end),
        cause=_cut(toks, *cause, text) if cause else None,
        cause_span=(toks[cause[0]].start, toks[cause[1] - 1].end) if cause else None,
        effect=_cut(toks, *effect, text) if effect else None,
        effect_span=(toks[effect[0]].start, toks[effect[1] - 1].end) if effect else None,
        hedged=hedged,
        negated=negated,
        intensity=intensity,
    )


def _no_claim(
    hedged: bool, toks: TokenList, lexicon: ClaimLexicon, stops: frozenset[int]
) -> CausalReading:
    """The reading of a sentence whose cues all fall away: strength ``none``, with its hedge
    and negation flags (worked out only here, since ``claim_reading`` has no use for them)."""
    negations = _unless_pseudo(lexicon.negations, lexicon.pseudo_negations, toks, stops)
    return CausalReading("none", hedged=hedged, negated=bool(_scopes(negations, toks, stops)))


def read_cue(
    toks: Sequence[Tok], lexicon: ClaimLexicon, at: int, text: str | None = None
) -> CausalReading:
    """The reading of the cue that starts at token ``at``, as if it were the sentence's main
    claim (strength ``none`` when no cue that counts starts there, or it is hypothetical).

    For sentences with several claims ("X triggers Y, which reverses Z") and for run-on text
    without full stops, where one sentence holds many claims.
    """
    reading = _read(toks, lexicon, text, claims_only=False, at=at)
    assert reading is not None
    return reading


def cue_matches(toks: Sequence[Tok], lexicon: ClaimLexicon) -> list[Match]:
    """Every causal and correlational cue of the sentence, in order of their start; read one
    with ``read_cue``. The cue attributes tell how it may be used (``verb``, ``noun``)."""
    if not isinstance(toks, TokenList):
        toks = TokenList(toks)
    stops = _stop_indices(toks, lexicon)
    return sorted((match for _, match in _cue_matches(toks, lexicon, stops)), key=_start_of)


def _start_of(match: Match) -> int:
    return match.start


class Modifiers(NamedTuple):
    """Which tokens of a sentence a hedge, a negation or a hypothetical governs (ConText
    scopes): what a checker asks about wording that is not a causal cue ("completely safe",
    "the main cause"), whether the sentence asserts it."""

    hedged: _Coverage
    negated: _Coverage
    hypothetical: _Coverage
    hedges: tuple[Match, ...] = ()
    """The hedge cues themselves."""

    def asserts(self, index: int) -> bool:
        """Whether token ``index`` is stated as fact: no hedge, negation or hypothetical."""
        return not (index in self.hedged or index in self.negated or index in self.hypothetical)

    def hedge(self, index: int) -> bool:
        """Whether the sentence hedges the claim at token ``index``: a hedge's scope covers
        it, or a hedge that looks back ("..., though this is not clear") stands anywhere in
        the sentence. A forward-only hedge after the claim ("X suppresses melatonin, so your
        body thinks it is day", "..., which is why you may wake up") does not hedge it."""
        return index in self.hedged or any(
            match.cue.get("direction", "forward") != "forward" for match in self.hedges
        )


def modifiers(toks: Sequence[Tok], lexicon: ClaimLexicon) -> Modifiers:
    """The hedge, negation and hypothetical scopes of a sentence's tokens.

    Besides the terminators, a comma before "and", "so", "but" or "or" ends a scope here: a
    new clause ("..., and inflammation is the thread that ties them") makes its own claim.
    """
    if not isinstance(toks, TokenList):
        toks = TokenList(toks)
    n = len(toks)
    stops = _stop_indices(toks, lexicon) | {
        k for k in range(n - 1) if toks[k].lower == "," and toks[k + 1].lower in _COORDINATORS
    }

    def found(cues: PatternSet, pseudo: PatternSet | None) -> list[Match]:
        return _unless_pseudo(cues, pseudo, toks, stops) if pseudo else cues.find(toks, stops)

    def covered(matches: list[Match]) -> _Coverage:
        return _Coverage(_scopes(matches, toks, stops), n)

    hedges = found(lexicon.hedges, lexicon.pseudo_hedges)
    return Modifiers(
        covered(hedges),
        covered(found(lexicon.negations, lexicon.pseudo_negations)),
        covered(found(lexicon.hypotheticals, None)),
        tuple(hedges),
    )


# --------------------------------------------------------------------------- cues


def _main_hit(hits: list[_Hit], openers: Callable[[], Sequence[Match]]) -> _Hit | None:
    """The cue that carries the sentence's claim.

    The reading of a sentence is the reading of its main claim, which is usually the first
    cue in word order ("X is associated with reduced Y" is correlational, whatever "reduced"
    is), with three refinements:

    * a claim opener ("suggest that", "showed that", "evidence that") introduces the claim:
      cues after the last opener win over cues in the subject before it ("The survival benefit
      suggests that X may improve Y");
    * fallback readings (a verb of change used as an adjective or without object, a participle
      modifying a noun) count only when nothing else does;
    * a comparative frame ("was more effective than") yields to the causal cue inside it.

    ``openers`` finds the claim openers; it is called only when there is a choice to make, as
    openers can only narrow a pool of several cues (a pool of one is kept whatever they say).
    """
    if not hits:
        return None
    strong = [hit for hit in hits if not hit.fallback]
    pool = strong or hits
    found = openers() if len(pool) > 1 else ()
    if found:
        after = max(match.end for match in found)
        later = [hit for hit in pool if hit.match.start >= after]
        if later:
            pool = later
    main = min(
        pool, key=lambda hit: (hit.match.start, hit.match.start - hit.match.end, -hit.weight)
    )
    if main.strength == "correlational" and main.match.end - main.match.start > 2:
        inner = [
            hit
            for hit in pool
            if hit is not main
            and hit.strength != "correlational"
            and main.match.start <= hit.match.start < main.match.end
        ]
        if inner:
            main = inner[0]
    return main


def _stop_indices(toks: Sequence[Tok], lexicon: ClaimLexicon) -> frozenset[int]:
    stops: set[int] = set()
    for match in lexicon.terminators.find(toks):
        stops.update(range(match.start, match.end))
    return frozenset(stops)


def _covered(matches: Sequence[Match]) -> set[int]:
    covered: set[int] = set()
    for match in matches:
        covered.update(range(match.start, match.end))
    return covered


def _unless_pseudo(
    cues: PatternSet, pseudo: PatternSet, toks: Sequence[Tok], stops: frozenset[int]
) -> list[Match]:
    """Matches of ``cues`` that do not start inside a match of ``pseudo`` ("no doubt" is not a
    negation); ``pseudo`` is only searched when there is something to exempt."""
    matches = cues.find(toks, stops)
    if not matches:
        return matches
    exempt = _covered(pseudo.find(toks))
    return [match for match in matches if match.start not in exempt]


def _cue_matches(
    toks: Sequence[Tok], lexicon: ClaimLexicon, stops: frozenset[int]
) -> list[tuple[str, Match]]:
    """(strength, match) of every causal and correlational cue in the sentence."""
    return [
        (strength, match)
        for strength, patterns in (
            ("direct_causal", lexicon.causal_direct),
            ("conditional_causal", lexicon.causal_conditional),
            ("correlational", lexicon.correlational),
        )
        for match in patterns.find(toks, stops)
    ]


def _cue_hits(
    toks: Sequence[Tok],
    lexicon: ClaimLexicon,
    cues: Sequence[tuple[str, Match]],
    conditional: _Coverage,
) -> list[_Hit]:
    """The cues that count, with the strength their use in the sentence gives them."""
    pseudo = _covered(lexicon.causal_pseudo.find(toks))
    titled: bool | None = None  # whether the sentence is a title: asked only of a named cue
    hits: list[_Hit] = []
    for strength, match in cues:
        if match.start in pseudo:
            continue
        if _in_proper_name(toks, match.start):
            if titled is None:
                titled = _mostly_title_case(toks)
            if not titled:
                continue
        found = strength
        fallback = False
        hedged = match.start in conditional
        attrs = match.cue.attrs  # read directly: several look-ups per cue
        if attrs.get("needs_hedge") and not hedged:
            continue
        if attrs.get("verb"):
            use = _verb_use(toks, match, lexicon)
            if use == "purpose" and hedged:
                use = "verb"  # "could be used to reduce": a hedged claim that X reduces
            if use in ("noun", "purpose", "subject"):
                if not (attrs.get("change") and use == "noun"):
                    continue
                found, fallback = "correlational", True
            elif use == "passive" and attrs.get("change"):
                found = "correlational"  # "levels were reduced in patients"
            elif use in ("modifier", "gerund"):
                fallback = True  # "problems caused by clots": describes a noun
            elif use == "verb" and attrs.get("change") and _intransitive(toks, match.end):
                found, fallback = "correlational", True
        elif attrs.get("noun") and _opens_sentence(toks, match.start):
            continue
        fallback = fallback or bool(attrs.get("weak"))
        weight = float(attrs.get("weight", 1.0))
        hits.append(_Hit(found, match, weight * 10 + RANK[found], fallback))
    return hits


_SUBJECT_OPENERS = frozenset(
    {"the", "a", "an", "this", "these", "that", "those", "its", "their", "our", "any", "such",
     "overall", "possible", "potential", "main", "primary", "long-term", "short-term", "clinical"}
)  # fmt: skip


def _opens_sentence(toks: Sequence[Tok], i: int) -> bool:
    """Whether a noun cue is the sentence's opening subject ("The effect of X on Y ...")."""
    return i <= 3 and all(
        tok.lower in _SUBJECT_OPENERS or tok.text[:1].isupper() for tok in toks[:i]
    )


def _mostly_title_case(toks: Sequence[Tok]) -> bool:
    words = [tok for tok in toks if tok.text[:1].isalpha()]
    return bool(words) and sum(tok.text[:1].isupper() for tok in words) * 2 > len(words)


def _in_proper_name(toks: Sequence[Tok], i: int) -> bool:
    """Whether a capitalised cue inside a sentence is part of a name ("Heart Association")."""
    if i == 0 or not toks[i].text[:1].isupper():
        return False
    before = toks[i - 1].text
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    return before[:1].isupper() or after[:1].isupper() or before.lower() in {"of", "for", "the"}


_INTRANSITIVE_NEXT = frozenset(
    {"by", "from", "to", "over", "between", "during", "since", "up", "after", "following", "with",
     "within", "among", "in", "across", "when", "until", "throughout", "for", "at", "as", ",",
     ".", ";", ":", ")", "and", "but", "while", "whereas", "significantly", "slightly",
     "substantially", "dramatically", "markedly", "steadily", "sharply", "rapidly"}
)  # fmt: skip


def _intransitive(toks: Sequence[Tok], end: int) -> bool:
    """Whether a verb of change ending at ``end`` has no object ("rates rose by 5%")."""
    if end >= len(toks):
        return True
    nxt = toks[end]
    return nxt.lower in _INTRANSITIVE_NEXT or nxt.is_num


def _verb_use(toks: Sequence[Tok], match: Match, lexicon: ClaimLexicon) -> str:
    """How a verb cue is used: ``verb``, ``noun`` (noun or adjective), ``purpose``, ``passive``,
    ``gerund`` (an -ing subject after "that": counts only when no other cue does).

    Without a tagger, word order decides: after an article, preposition or possessive the word
    is a modifier or noun ("an increased risk", "with reduced pain", "the cause"); a participle
    or gerund opening the sentence names its subject ("Reduced sleep ...", "Taking aspirin
    ..."); "to" + verb is a purpose ("used to reduce pain") unless "to" follows a raising word
    ("shown to reduce"); a participle after "be" without a "by" agent reports a difference.
    """
    i = match.start
    tok = toks[i]
    participle = tok.lower.endswith(("ed", "en")) and tok.lower != tok.lemma
    inflected = tok.lower != tok.lemma
    nxt = toks[match.end].lower if match.end < len(toks) else ""
    if (
        match.end == i + 1
        and nxt in ("in", "of")
        and not participle
        and not tok.lower.endswith("ing")
    ):
        return "noun"  # "an increase in", "increases in weight", "the cause of"
    j = i - 1
    while j >= 0 and (is_adverb(toks[j]) or toks[j].lower in _TRANSPARENT):
        j -= 1
    if j < 0:
        if tok.lower.endswith("ing"):
            return "subject"  # "Taking aspirin daily reduces ...": the verb comes later
        if inflected:
            return "noun"  # "Reduced sleep is ...": a participle modifying the subject
        # a bare verb opening the sentence is an instruction ("Reduce salt to ..."), unless
        # a subject follows it later ("Cause and effect ..." is rare enough to ignore)
        return "purpose" if i == 0 and tok.text[:1].isupper() else "verb"
    prev = toks[j]
    if prev.lower in _LET or (prev.lower in {"'s", "’s"} and j >= 1 and toks[j - 1].lower in _LET):
        return "purpose"  # "Let's clear up some myths": an invitation, not a claim
    if prev.lower == "to":
        before = toks[j - 1] if j >= 1 else None
        if before is None:
            return "noun"
        if before.lower in lexicon.raising_words or before.lemma in lexicon.raising_words:
            return "verb"
        return "noun" if participle else "purpose"
    if tok.lower.endswith("ing") and prev.lower in {"by", "in", "for", "at"}:
        return "verb"
    if tok.lower.endswith("ing") and prev.lower in _COMPLEMENTIZERS:
        return "gerund"  # "found that blocking it switches Y off": the subject of a clause
    if prev.lower in _HAVE_FORMS:  # not the lemma: "Vitamin D" would read as "I'd" = have
        return "verb" if participle else "noun"
    if prev.lower in lexicon.adjective_markers or prev.lemma in lexicon.adjective_markers:
        return "noun"
    if prev.is_num:
        return "noun"  # "a 20 percent reduced risk", "3-fold increased"
    if prev.lower in {",", "and", "or", ";"} and _predicate_follows(toks, match.end):
        if participle:
            return "noun"  # "..., increased body size is associated with ..."
        if tok.lower.endswith("ing"):
            return "subject"  # "diet and improving sleep may lower ...": a gerund subject
    if participle and prev.lemma != "be" and nxt == "by":
        return "modifier"
    if prev.lemma == "be" and not tok.lower.endswith("ing"):
        for k in range(match.end, min(len(toks), match.end + 8)):
            if toks[k].lower == "by":
                return "agent"
        return "passive"
    return "verb"


def _predicate_follows(toks: Sequence[Tok], end: int) -> bool:
    """Whether a copula or association verb follows soon: the word before it was a modifier."""
    return any(tok.lemma == "be" or tok.lemma in _PREDICATE_WORDS for tok in toks[end : end + 4])


_PREDICATE_WORDS = frozenset(
    {"associate", "link", "correlate", "relate", "may", "might", "could", "can", "will",
     "would", "should", "appear", "seem"}
)  # fmt: skip


def _intensity(toks: Sequence[Tok], lexicon: ClaimLexicon, text: str | None) -> str | None:
    found = lexicon.intensifiers.find(toks)
    if not found:
        return None
    match = found[0]
    return _cut(toks, match.start, match.end, text).lower()


# --------------------------------------------------------------------------- scopes


def _scopes(
    matches: Sequence[Match],
    toks: Sequence[Tok],
    stops: frozenset[int],
    *,
    default_conditional: bool = False,
) -> list[_Scope]:
    """ConText scopes of modifier cues: the token range each cue governs.

    A forward scope runs from the cue to the next terminator (or ``window`` tokens, or the
    sentence end); a backward scope from the previous terminator to the cue. Terminators are
    found by bisection in a sorted list, so a sentence costs O(n log n) however many cues it has.
    """
    if not matches:
        return []
    n = len(toks)
    scopes: list[_Scope] = []
    no_extra: frozenset[str] = frozenset()
    sorted_stops: dict[frozenset[str], list[int]] = {no_extra: sorted(stops)}
    for match in matches:
        attrs = match.cue.attrs  # read directly: several look-ups per cue
        direction = attrs.get("direction", "forward")
        window = int(attrs.get("window", n))
        crosses = bool(attrs.get("crosses", False))
        conditional = bool(attrs.get("conditional", default_conditional))
        ends_at = attrs.get("ends_at")
        extra = frozenset(str(word) for word in ends_at) if ends_at else no_extra
        if extra not in sorted_stops:
            sorted_stops[extra] = sorted(
                stops | {k for k, tok in enumerate(toks) if tok.lower in extra}
            )
        ends = sorted_stops[extra]
        if direction in ("forward", "bidirectional"):
            end = min(n, match.end + window)
            if not crosses:
                k = bisect.bisect_left(ends, match.end)
                if k < len(ends):
                    end = min(end, ends[k])
            scopes.append(_Scope(match.start, end, conditional))
        if direction in ("backward", "bidirectional"):
            start = max(0, match.start - window)
            if not crosses:
                k = bisect.bisect_left(ends, match.start) - 1
                if k >= 0:
                    start = max(start, ends[k] + 1)
            scopes.append(_Scope(start, match.end, conditional))
        if direction == "sentence":
            scopes.append(_Scope(0, n, conditional))
    return scopes


class _Coverage:
    """Which token indices some scope covers: O(n + scopes) to build, O(1) to ask."""

    __slots__ = ("_covered",)

    def __init__(self, scopes: Sequence[_Scope], n: int) -> None:
        covered = bytearray(n)
        for scope in scopes:
            # each scope marks [start, end) clipped to the sentence, one slice copy in C
            start, end = max(0, scope.start), min(n, scope.end)
            if start < end:
                covered[start:end] = b"\x01" * (end - start)
        self._covered = covered

    def __contains__(self, index: int) -> bool:
        return 0 <= index < len(self._covered) and bool(self._covered[index])

    def __bool__(self) -> bool:
        return any(self._covered)


# --------------------------------------------------------------------------- arguments


def _arguments(
    toks: Sequence[Tok], match: Match, stops: frozenset[int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Token ranges before and after the cue, within its clause: (cause, effect) by word order.

    "X causes Y", "X is associated with Y": X before the cue, Y after. For "a link between X and
    Y" the cue has nothing before it that belongs to it, so X and Y are split at "and". A cue
    right after a relative pronoun takes its cause from the noun before it ("white bread that
    does the damage", "piperine, which increases absorption"); a cue that wraps its object
    ("switches migraine off", "push blood sugar up") has it as the effect.
    """
    left_start = _left_edge(toks, match.start, stops)
    if left_start == match.start and match.start > 0 and toks[match.start - 1].lower in _RELATIVE:
        antecedent = match.start - 1
        if antecedent > 0 and toks[antecedent - 1].lower == ",":
            antecedent -= 1
        left_start = _left_edge(toks, antecedent, stops, ANTECEDENT_LIMIT)
        left_end = antecedent
    else:
        left_end = match.start
    right_start = match.end
    right_end = right_start
    if right_end < len(toks) and toks[right_end].lower == "that":
        right_end += 1  # "calms that inflammation": a determiner, not a clause
    while (
        right_end < len(toks)
        and right_end - right_start < SPAN_LIMIT
        and toks[right_end].lower not in _CLAUSE_BREAK
        and toks[right_end].lower not in {".", "!", "?"}
        and right_end not in stops
    ):
        right_end += 1
    left = _trim(toks, left_start, left_end)
    right = _trim(toks, right_start, right_end)
    if toks[match.end - 1].lower == "between" or (right and toks[right[0]].lower == "between"):
        return _split_between(toks, right) if right else (None, None)
    if right is None and match.end - match.start > 2:
        right = _trim(toks, match.start + 1, match.end - 1)
    return left, right


def _left_edge(
    toks: Sequence[Tok], end: int, stops: frozenset[int], limit: int = SPAN_LIMIT
) -> int:
    """Where the clause before token ``end`` starts (at most ``limit`` tokens back)."""
    start = end
    while (
        start > 0
        and end - start < limit
        and toks[start - 1].lower not in _CLAUSE_BREAK
        and not (toks[start - 1].lemma in _REPORTING and toks[start].lower != "to")
        and start - 1 not in stops
    ):
        start -= 1
    return start


_LEADING_TRIM = _SPAN_TRIM | _AUXILIARIES
"""Words cut from the start of a cause or effect span."""
_TRAILING_TRIM = (
    _TRAILING_NOISE
    | _SPAN_TRIM
    | _AUXILIARIES
    | {"may", "might", "could", "can", "would", "will", "not", "n't"}
)
"""Words cut from the end of a cause or effect span (besides numbers, -ly words and the
lemmas in ``_TRAILING_LEMMAS``): one set test per token instead of five."""
_TRAILING_LEMMAS = frozenset({"appear", "seem", "likely"})


def _trim(toks: Sequence[Tok], start: int, end: int) -> tuple[int, int] | None:
    while start < end and toks[start].lower in _LEADING_TRIM:
        start += 1
    while end > start:
        tok = toks[end - 1]
        lower = tok.lower
        if not (
            tok.is_num
            or lower in _TRAILING_TRIM
            or tok.lemma in _TRAILING_LEMMAS
            or (lower.endswith("ly") and len(lower) > 4)
        ):
            break
        end -= 1
    return (start, end) if end > start else None


def _split_between(
    toks: Sequence[Tok], span: tuple[int, int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    start, end = span
    if toks[start].lower == "between":
        start += 1
    for k in range(start, end):
        if toks[k].lower in {"and", "&"}:
            return _trim(toks, start, k), _trim(toks, k + 1, end)
    return _trim(toks, start, end), None


def _is_passive_with_agent(toks: Sequence[Tok], match: Match) -> bool:
    last = toks[match.end - 1].lower
    return last == "by" or (
        match.start > 0
        and toks[match.start - 1].lemma == "be"
        and any(toks[k].lower == "by" for k in range(match.end, min(len(toks), match.end + 2)))
    )


def _cut(toks: Sequence[Tok], start: int, end: int, text: str | None) -> str:
    if text is not None:
        return text[toks[start].start : toks[end - 1].end]
    return " ".join(tok.text for tok in toks[start:end])


def read_sentences(doc: Doc, lexicon: ClaimLexicon) -> list[tuple[int, int, CausalReading]]:
    """(sentence start, sentence end, reading) for every sentence of a block's Doc."""
    from factlint.claims.sentences import block_sentences

    read = read_block(doc)
    out = []
    for sentence in block_sentences(doc, read):
        sent_toks = read.toks.part(sentence.start_token, sentence.end_token)
        out.append((sentence.start, sentence.end, read_tokens(sent_toks, lexicon, read.text)))
    return out
