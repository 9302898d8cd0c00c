"""unsupported-causal: cause-and-effect claims, and overstated links, with no source nearby.

The claims stage reads every sentence's causal strength (none, correlational, conditional,
direct), cue, cause, effect, hedging, negation and intensity. This check decides which of
those readings a careful medical editor would query:

* a direct causal claim ("Inflammation can cause damage to the nerves", "treating the
  underlying disorder can improve RLS symptoms") with no traceable citation nearby;
* an overstated link ("a strong connection", "a clear link", "proven") with no traceable
  citation nearby;
* causal wording for an observational study ("a cross-sectional study showed that X causes
  Y"), reported even when the study is cited, because the design cannot show cause.

And which it leaves alone, because flagging them would bury the real problems:

* negated claims, hedged claims (by default), correlational wording without overstatement;
* definitions and descriptions of a condition ("Fibromyalgia is a condition that causes
  widespread pain", "symptoms include ..."), glosses in parentheses, and effects that are
  symptoms ("SFPN causes widespread pain", "sitting still worsens the sensations") unless a
  treatment is the cause;
* everyday consequences ("can help manage symptoms", "can affect the arms") unless
  overstated (the ``causal_soft_cues`` lexicon);

All the vocabulary is data in ``rules/checks.yaml``. One finding per sentence at most.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.checks.sourcing import Evidence, SentenceKey, evidence, title_blocks
from factlint.claims import Claim
from factlint.claims.lexicon import PatternSet, Tok, tokens_of
from factlint.facts import (
    lexicon_patterns,
    lexicon_strings,
    lexicon_words,
    per_rulebook,
    setting,
    term_patterns,
)
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

UNSUPPORTED_CAUSAL = RuleInfo(
    id="unsupported-causal",
    category="causal",
    severity=Severity.WARNING,
    summary="A cause-and-effect claim or an overstated link with no source nearby.",
    docs=RuleDocs(
        what="Flags sentences that state a cause as fact ('X causes Y', 'X leads to Y', "
        "'treating X improves Y') or overstate a link ('a strong connection', 'a clear link', "
        "'proven') when no traceable citation stands nearby (same sentence, next sentence, or "
        "a sentence the citation supports; `citation_distance: [paragraph]` widens this to the "
        "paragraph). Also flags causal wording for an observational study ('a cross-sectional "
        "study showed that X causes Y'), cited or not. Not flagged: hedged wording ('may "
        "contribute to', 'is associated with'), negated claims ('does not cause'), definitions "
        "and symptom descriptions ('RLS is a disorder that causes an urge to move the legs', "
        "'SFPN causes widespread pain'), glosses in parentheses, everyday effects ('can help "
        "manage symptoms'). One finding per sentence.",
        why="Most of what is known about links between conditions comes from studies that "
        "show two things occur together, not that one causes the other. Stating a cause as "
        "fact, or calling a link 'strong' or 'clear', tells readers more than the evidence "
        "does, and may steer their treatment choices.",
        example="'Inflammation can cause damage to the nerves in the legs.' becomes "
        "'Inflammation may damage nerves in the legs, according to a review (Author et al., "
        "year, doi:10.xxxx/...).' 'There is a strong link between RLS and lupus' becomes 'A "
        "small Canadian study found RLS more often in women with lupus (Hassan et al., 2011).'",
        fix="Cite the study that supports the claim (first author, year and a DOI or link), "
        "or say what the evidence shows: 'is associated with', 'may contribute to', 'studies "
        "have found a link'. For an observational study, never write 'causes' or 'leads to'.",
    ),
)

_SUFFIX_MIN_STEM = 3


@dataclass(frozen=True)
class CausalVocabulary:
    """The check's lexicons, compiled once per rulebook."""

    flagged: frozenset[str]
    flag_hedged: bool
    definitions: PatternSet
    soft: PatternSet
    symptoms: tuple[re.Pattern[str], ...]
    conditions: tuple[re.Pattern[str], ...]
    treatments: tuple[re.Pattern[str], ...]
    observational_subject: re.Pattern[str] | None
    intensity_exempt: frozenset[str]
    aim_words: frozenset[str]
    reversed_cues: PatternSet
    effect_pronouns: frozenset[str]
    effect_not_health: frozenset[str]
    noun_markers: frozenset[str]

    @classmethod
    def of(cls, rulebook: Rulebook) -> CausalVocabulary:
        return per_rulebook(rulebook, "causal-vocabulary", lambda: cls._build(rulebook))

    @classmethod
    def _build(cls, rulebook: Rulebook) -> CausalVocabulary:
        topic_terms: list[str] = []
        for fact in rulebook.facts:
            match = fact.get("match") or {}
            topic_terms.extend(str(term) for term in match.get("topic_terms", ()))
            related = fact.get("related_condition") or {}
            topic_terms.extend(str(term) for term in related.get("aliases", ()))
        suffixes = sorted(lexicon_words(rulebook, "condition_suffixes"), key=len, reverse=True)
        conditions = [*_words(rulebook, "condition_words"), *_compiled(tuple(topic_terms))]
        if suffixes:
            alternatives = "|".join(re.escape(s) for s in suffixes)
            conditions.append(
                re.compile(rf"\b[^\W\d_]{{{_SUFFIX_MIN_STEM},}}(?:{alternatives})s?\b", re.I)
            )
        return cls(
            flagged=lexicon_words(rulebook, "causal_flagged_strengths")
            or frozenset({"direct_causal"}),
            flag_hedged=setting(rulebook, "causal_flag_hedged", "no", ("yes", "no")) == "yes",
            definitions=lexicon_patterns(rulebook, "causal_definitions"),
            soft=lexicon_patterns(rulebook, "causal_soft_cues"),
            symptoms=_words(rulebook, "symptom_words"),
            conditions=tuple(conditions),
            treatments=_words(rulebook, "treatment_words"),
            observational_subject=_observational_regex(
                lexicon_strings(rulebook, "observational_study_words")
            ),
            intensity_exempt=lexicon_words(rulebook, "intensity_exempt"),
            aim_words=lexicon_words(rulebook, "causal_aim_words"),
            reversed_cues=lexicon_patterns(rulebook, "causal_reversed_cues"),
            effect_pronouns=lexicon_words(rulebook, "causal_effect_pronouns"),
            effect_not_health=lexicon_words(rulebook, "causal_effect_not_health"),
            noun_markers=lexicon_words(rulebook, "causal_noun_markers"),
        )


_STUDY_NOUNS = r"study|studies|trial|analysis|analyses|data|research|survey|surveys|design|evidence"
_REPORTING = r"found|finds|showed|shows|shown|suggests|suggested|reported|concluded|revealed"
_ARTICLES = frozenset({"the", "a", "an", "your", "their", "its", "his", "her", "our"})


def _observational_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """An observational design word as the subject of a finding: followed (within two words)
    by a study noun, or directly by a reporting verb."""
    parts = [
        r"[-\s]+".join(re.escape(piece) for piece in re.split(r"[-\s]+", word.strip()))
        for word in words
        if word.strip()
    ]
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    design = rf"(?P<design>{'|'.join(parts)})"
    return re.compile(
        rf"\b{design}\b(?:(?:\s+[\w-]+){{0,2}}?\s+(?:{_STUDY_NOUNS})\b|\s+(?:{_REPORTING})\b)",
        re.IGNORECASE,
    )


def _words(rulebook: Rulebook, name: str) -> tuple[re.Pattern[str], ...]:
    words = [w.strip() for entry in lexicon_strings(rulebook, name) for w in entry.split("|")]
    return _compiled(tuple(w for w in words if w))


def _compiled(terms: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(regex for regex in term_patterns(terms) if regex is not None)


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> int:
    """Offset of the first match of any pattern in ``text`` (or -1)."""
    cleaned = text.replace("-", " ").replace("/", " ")
    hits = [m.start() for p in patterns if (m := p.search(cleaned))]
    return min(hits) if hits else -1


@check(UNSUPPORTED_CAUSAL)
def find_unsupported_causal(analysis: Analysis) -> Iterator[Finding]:
    """At most one finding per sentence: observational, overstated or unsourced causal."""
    vocabulary = CausalVocabulary.of(analysis.rulebook)
    found = evidence(analysis)
    titles = title_blocks(analysis)
    done: set[SentenceKey] = set()
    for claim in analysis.claims:
        if claim.kind != "causal" or claim.get("negated") or claim.block in titles:
            continue
        key = (claim.block, claim.sentence_start)
        if key in done:
            continue
        finding = _judge(analysis, claim, key, vocabulary, found)
        if finding is not None:
            done.add(key)
            yield finding


@dataclass(frozen=True)
class _Reading:
    """A causal claim as this check reads it: the cue's place, and cause and effect in the
    order of the relation ("pain because of fibromyalgia": fibromyalgia is the cause)."""

    cue: str
    cue_start: int
    cue_end: int
    cause: str
    effect: str
    soft: bool


def _read(analysis: Analysis, claim: Claim, vocabulary: CausalVocabulary) -> _Reading:
    text = analysis.document.blocks[claim.block].text
    cue = str(claim.get("cue") or "")
    cue_start = _locate(text, cue, claim.start, claim.sentence_start, claim.sentence_end)
    cue_end = cue_start + len(cue)
    cause, effect = str(claim.get("cause") or ""), str(claim.get("effect") or "")
    doc = analysis.docs[claim.block]
    cue_toks = _sentence_tokens(doc, cue_start, cue_end)
    if any(m.start == 0 for m in vocabulary.reversed_cues.find(cue_toks)):
        cause, effect = effect, cause
    soft = any(m.start == 0 for m in vocabulary.soft.find(cue_toks))
    return _Reading(cue, cue_start, cue_end, cause, effect, soft)


def _judge(
    analysis: Analysis,
    claim: Claim,
    key: SentenceKey,
    vocabulary: CausalVocabulary,
    found: Evidence,
) -> Finding | None:
    text = analysis.document.blocks[claim.block].text
    strength = claim.get("strength")
    reading = _read(analysis, claim, vocabulary)
    cue = reading.cue
    complete = bool(reading.cause.strip() and reading.effect.strip())

    if strength == "direct_causal" and complete and not reading.soft:
        study = _observational_subject(text, claim.sentence_start, reading.cue_start, vocabulary)
        if study is not None:
            return _finding(
                analysis,
                claim,
                claim.start,
                claim.end,
                f"Causal language for a correlational study: '{cue}' says one thing causes "
                f"another, but a {study} study can only show that they occur together. Write "
                "'is associated with' or 'was linked to', or cite a trial that tested the "
                "cause.",
            )
    if found.sourced(key):
        return None
    overstated = _overstatement(claim, text, vocabulary)
    if overstated is not None:
        start, end, words = overstated
        return _finding(
            analysis,
            claim,
            start,
            end,
            f"'{words}' overstates the evidence for this link, and no source is given nearby. "
            "Links between conditions mostly come from studies that show association, not "
            "cause: write 'is associated with' or 'studies have found a link', and cite them "
            "(first author, year and a DOI or link).",
        )
    if strength not in vocabulary.flagged or not complete or reading.soft:
        return None
    if strength == "direct_causal" and claim.get("hedged") and not vocabulary.flag_hedged:
        return None
    if _in_parentheses(text, claim.sentence_start, reading.cue_start):
        return None
    if _only_ignorable(reading.effect, vocabulary):
        return None
    if _noun_cue(text, claim.sentence_start, reading.cue_start, vocabulary):
        return None
    if _names_an_aim(text, claim.sentence_start, reading.cue_start, cue, vocabulary):
        return None
    doc = analysis.docs[claim.block]
    if _definitional(doc, claim, reading.cue_end, vocabulary):
        return None
    if _describes_symptom(reading, vocabulary):
        return None
    relation = _relation(reading)
    return _finding(
        analysis,
        claim,
        claim.start,
        claim.end,
        f"'{cue}' states a cause as fact{relation}, with no source nearby: readers cannot "
        "tell whether a study showed this or only found that the two occur together. Cite "
        "the study (first author, year and a DOI or link), or say what is known: 'is "
        "associated with', 'may contribute to'.",
    )


def _finding(analysis: Analysis, claim: Claim, start: int, end: int, message: str) -> Finding:
    return analysis.finding(
        rule=UNSUPPORTED_CAUSAL.id,
        category=UNSUPPORTED_CAUSAL.category,
        severity=UNSUPPORTED_CAUSAL.severity,
        message=message,
        block=claim.block,
        start=start,
        end=max(end, start + 1),
    )


def _relation(reading: _Reading) -> str:
    cause, effect = " ".join(reading.cause.split()), " ".join(reading.effect.split())
    if cause and effect and len(f"{cause} {effect}".split()) <= 16:
        return f" ({cause} -> {effect})"
    return ""


def _observational_subject(
    text: str, sentence_start: int, cue_start: int, vocabulary: CausalVocabulary
) -> str | None:
    """The observational design the sentence reports the claim from ("a cross-sectional
    study showed that ...", "a survey found ..."), not a design merely mentioned ("changes
    in survey methods")."""
    if vocabulary.observational_subject is None:
        return None
    found = vocabulary.observational_subject.search(text[sentence_start:cue_start])
    return found.group("design").lower() if found else None


def _only_ignorable(effect: str, vocabulary: CausalVocabulary) -> bool:
    """An effect that is only a pronoun ("extend it"), an instruction ("reduce the dose") or
    a number ("gave lower figures")."""
    words = [w for w in re.findall(r"[^\W\d_]+", effect.lower()) if w not in _ARTICLES]
    if not words:
        return False
    if words[0] in vocabulary.effect_not_health:
        return True
    return words[0] in vocabulary.effect_pronouns and len(words) <= 3


def _noun_cue(text: str, sentence_start: int, cue_start: int, vocabulary: CausalVocabulary) -> bool:
    """The cue is a noun ("its effect", "the cause", "your own triggers", "side-effect")."""
    before = re.findall(r"[^\W\d_]+", text[max(sentence_start, cue_start - 25) : cue_start].lower())
    return bool(before) and before[-1] in vocabulary.noun_markers


def _locate(text: str, words: str, near: int, start: int, end: int) -> int:
    """Where ``words`` stand in the sentence, preferring the occurrence from ``near`` on."""
    if not words:
        return near
    at = text.find(words, near, end)
    if at < 0:
        at = text.find(words, start, end)
    if at < 0:
        lowered = text[start:end].lower().find(words.lower())
        at = start + lowered if lowered >= 0 else near
    return at


def _overstatement(
    claim: Claim, text: str, vocabulary: CausalVocabulary
) -> tuple[int, int, str] | None:
    """The intensifier, when it qualifies this claim (near its words, not elsewhere in a long
    sentence) and is not a technical term ("significant association")."""
    intensity = claim.get("intensity")
    if not intensity:
        return None
    words = str(intensity)
    if words.split()[0].lower() in vocabulary.intensity_exempt:
        return None
    sentence = text[claim.sentence_start : claim.sentence_end].lower()
    window_start = max(0, claim.start - claim.sentence_start - 40)
    window_end = claim.end - claim.sentence_start
    at = sentence.find(words.lower(), window_start)
    if at < 0 or at > window_end:
        return None
    if re.search(r"(?:\b(?:no|not|never|without)\b|n't|n’t)\W+(?:\w+\W+)?$", sentence[:at]):
        return None  # "does not always mean", "no clear link"
    start = claim.sentence_start + at
    return start, start + len(words), text[start : start + len(words)]


def _in_parentheses(text: str, sentence_start: int, offset: int) -> bool:
    """A gloss: "peripheral neuropathy (damage to the nerves, often caused by diabetes)"."""
    before = text[sentence_start:offset]
    return before.count("(") > before.count(")")


_PURPOSE = re.compile(r"\bto\s+[^\W\d_]+\b[^,.;:()]*\b(?:and|or)\s+$", re.IGNORECASE)


def _names_an_aim(
    text: str, sentence_start: int, cue_start: int, cue: str, vocabulary: CausalVocabulary
) -> bool:
    """The cue names an aim or a means, not an outcome: "directed at alleviating", "a drug
    for reducing pain", "medications to decrease immune activity and reduce inflammation"."""
    words = cue.split()
    if not words:
        return False
    first = words[0].lower()
    before = text[max(sentence_start, cue_start - 80) : cue_start]
    previous = re.findall(r"[^\W\d_]+", before[-20:])
    if first.endswith("ing") and previous and previous[-1].lower() in vocabulary.aim_words:
        return True
    base_form = not first.endswith(("s", "ed", "ing"))
    return base_form and bool(_PURPOSE.search(before))


def _sentence_tokens(doc: Doc, start: int, end: int) -> list[Tok]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return tokens_of(span) if span is not None else []


def _definitional(doc: Doc, claim: Claim, cue_end: int, vocabulary: CausalVocabulary) -> bool:
    """The sentence defines or describes a condition ("X is a condition that causes Y",
    "When these fibers are damaged, the condition is called SFPN")."""
    if not vocabulary.definitions:
        return False
    toks = _sentence_tokens(doc, claim.sentence_start, claim.sentence_end)
    return bool(vocabulary.definitions.find(toks))


def _describes_symptom(reading: _Reading, vocabulary: CausalVocabulary) -> bool:
    """A description of how a condition shows itself, not a claim about risk factors or
    treatments: the effect is first of all a symptom ("SFPN causes widespread pain",
    "Sitting still worsens the sensations"), or the cause is only a symptom ("sensations that
    make them want to move", "poor sleep due to muscle pain"). Never when a treatment is the
    cause: "magnesium relieves cramps" is a claim about efficacy."""
    cause, effect = reading.cause, reading.effect
    if _first(vocabulary.treatments, cause) >= 0:
        return False
    symptom_at = _first(vocabulary.symptoms, effect)
    condition_at = _first(vocabulary.conditions, effect)
    if symptom_at >= 0 and (condition_at < 0 or symptom_at < condition_at):
        return True
    return _first(vocabulary.symptoms, cause) >= 0 and _first(vocabulary.conditions, cause) < 0
