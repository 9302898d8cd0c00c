"""unsupported-causal and absolute-claim: cause-and-effect claims, overstated links and
promises, with no source nearby.

The claims stage reads every sentence's causal strength (none, correlational, conditional,
direct), cue, cause, effect, hedging, negation and intensity. This check decides which of
those readings a careful medical editor would query:

* a direct causal claim ("Inflammation can cause damage to the nerves", "treating the
  underlying disorder can improve RLS symptoms") with no traceable citation nearby;
* an overstated link ("a strong connection", "a clear link", "proven", "the main cause of",
  "the key to", "works as well as") with no traceable citation nearby, with or without a
  causal verb (the ``causal_overstatements`` lexicon);
* causal wording for an observational study ("a cross-sectional study showed that X causes
  Y"), reported even when the study is cited, because the design cannot show cause;
* an absolute claim (absolute-claim): a result promised as certain, for everyone, for good or
  within days, a treatment called completely safe (the ``causal_promises`` lexicon), cited or
  not, because no study shows an absolute.

And which it leaves alone, because flagging them would bury the real problems:

* negated claims, hedged claims (by default), correlational wording without overstatement;
  a hedge counts when its scope covers the cue ("may cause", "experts believe X causes"), not
  when it only comes later ("X suppresses melatonin, so your body thinks it is day");
* definitions and descriptions of a condition ("Fibromyalgia is a condition that causes
  widespread pain", "symptoms include ..."), glosses in parentheses, and effects that are
  symptoms ("SFPN causes widespread pain", "sitting still worsens the sensations") unless a
  treatment is the cause or the cue names relief ("relieves pain");
* everyday consequences ("can help manage symptoms", "can affect the arms") unless
  overstated or stated as fact ("Magnesium helps tight muscles relax");
* headings that name a topic or ask ("How salt raises blood pressure"); other headings are
  read like sentences.

All the vocabulary is data in ``rules/checks.yaml`` and ``rules/lexicons.yaml``. One finding
per sentence at most, covering every claim of the sentence; run-on text without full stops
(a scraped page) is read in a window around each cue instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.checks.sourcing import Evidence, SentenceKey, evidence, title_blocks
from factlint.claims import Claim
from factlint.claims.causal import (
    CausalReading,
    Modifiers,
    causal_claim,
    cue_matches,
    may_be_causal,
    modifiers,
    read_cue,
)
from factlint.claims.lexicon import ClaimLexicon, Match, PatternSet, Tok, TokenList, tokens_of
from factlint.claims.sentences import Sentence, sentences_of
from factlint.facts import (
    claim_lexicon,
    lexicon_patterns,
    lexicon_strings,
    lexicon_words,
    per_rulebook,
    setting,
    tagged_patterns,
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
        "'treating X improves Y', 'Magnesium helps tight muscles relax') or overstate a link "
        "('a strong connection', 'a clear link', 'proven', 'X is the main cause of Y', 'the "
        "key to', 'the single best thing you can do', 'works as well as ibuprofen') when no "
        "traceable citation stands nearby (same sentence, next sentence, or a sentence the "
        "citation supports; `citation_distance: [paragraph]` widens this to the paragraph). "
        "Also flags causal wording for an observational study ('a cross-sectional study "
        "showed that X causes Y'), cited or not. Not flagged: hedged wording ('may contribute "
        "to', 'is associated with'), negated claims ('does not cause'), definitions and "
        "symptom descriptions ('RLS is a disorder that causes an urge to move the legs', "
        "'SFPN causes widespread pain'), glosses in parentheses, everyday effects ('can help "
        "manage symptoms'), headings that name a topic ('How salt raises blood pressure'). "
        "One finding per sentence, covering all its claims.",
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

ABSOLUTE_CLAIM = RuleInfo(
    id="absolute-claim",
    category="causal",
    severity=Severity.WARNING,
    summary="A promise of certain benefit, or of complete safety, from a treatment or habit.",
    docs=RuleDocs(
        what="Flags absolute claims about what a treatment, supplement or change of habit "
        "does: a result promised as certain ('is guaranteed to calm your nerves', 'your legs "
        "will calm down', 'will end constipation'), for everyone ('works for almost "
        "everyone', 'for everyone who takes them'), for good ('cures depression for good'), "
        "within days ('blood sugar falls within days'), or a treatment called completely safe "
        "('completely safe and non-addictive', 'the safest sleep aid there is', 'toxicity is "
        "basically impossible'). Reported whether or not a source is given. Not flagged when "
        "hedged, denied or asked ('may work for many people', 'no medicine is completely "
        "safe', 'Is melatonin completely safe?'), nor when a frequency word makes it an "
        "expectation ('symptoms usually settle within days'). One finding per sentence, "
        "shared with unsupported-causal.",
        why="No treatment works for everyone, every time, for good, and every medicine and "
        "supplement has side effects for someone. An absolute promise cannot be backed by "
        "any study; it raises false hope, and 'completely safe' stops readers from watching "
        "for harm or telling their doctor what they take.",
        example="'Gabapentin is completely safe and non-addictive.' becomes 'Gabapentin is "
        "generally well tolerated, but misuse and dependence have been reported (Author et "
        "al., year).' 'Your legs will calm down within two weeks' becomes 'In a small trial, "
        "symptoms eased for some people within a few weeks (Author et al., year).'",
        fix="Say what the evidence shows, for whom and how often: 'helped about half of the "
        "people in one trial', 'side effects are usually mild, but ...'. Name the known risks "
        "instead of calling a treatment safe, and cite the study.",
    ),
)

_SUFFIX_MIN_STEM = 3
_WINDOW = 12
"""Tokens each side of a cue read as its sentence in run-on text."""
_DEFUSER_WINDOW = 8
"""Tokens before a promise in which "usually", "often", "some" make it an expectation."""
_MODALS = frozenset({"can", "could", "may", "might", "would", "should", "will", "to"})
_WH_WORDS = frozenset({"what", "whatever", "which", "how", "whether", "if"})
_NO_OBJECT = frozenset(
    {"for", "in", "on", "at", "with", "by", "after", "over", "during", "when", "if", "as", ",",
     ".", ";", ":", "!", "?", ")", "and", "or", "but", "slightly", "quickly", "off", "up"}
)  # fmt: skip
"""Words after a soft cue that show it has no object: "the urge eases for a while"."""
_QUALIFIER_REACH = 8
"""Tokens each side of a cue in which a frequency word qualifies it (within its clause)."""
_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "but", "however", "although", "which"})
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ful", "ic", "ual", "ary", "able", "ible")
_CLAUSE_END = frozenset({".", "!", "?", ",", ";", ":", ")", "and", "or", "but", "so", "-", "—"})
_KIND_WORDS = {
    "certain": "promises a result as certain",
    "universal": "claims a treatment works for everyone",
    "safety": "calls a treatment completely safe",
    "permanent": "promises a result for good",
    "quick": "promises a quick result",
}


@dataclass(frozen=True)
class CausalVocabulary:
    """The check's lexicons, compiled once per rulebook."""

    flagged: frozenset[str]
    flag_hedged: bool
    definitions: PatternSet
    soft: PatternSet
    soft_claims: frozenset[str]
    qualifiers: PatternSet
    body: frozenset[str]
    relief: PatternSet
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
    phrases: PatternSet
    """``causal_promises`` and ``causal_overstatements`` in one set (one scan of each block);
    a match's cue has ``lexicon: promise`` or ``lexicon: overstatement``."""
    promise_pseudo: PatternSet
    promise_defusers: frozenset[str]
    topic_openers: frozenset[str]
    run_on: int
    lexicon: ClaimLexicon

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
        run_on = setting(rulebook, "causal_run_on_tokens", "80")
        return cls(
            flagged=lexicon_words(rulebook, "causal_flagged_strengths")
            or frozenset({"direct_causal"}),
            flag_hedged=setting(rulebook, "causal_flag_hedged", "no", ("yes", "no")) == "yes",
            definitions=lexicon_patterns(rulebook, "causal_definitions"),
            soft=lexicon_patterns(rulebook, "causal_soft_cues"),
            soft_claims=lexicon_words(rulebook, "causal_soft_claims"),
            qualifiers=lexicon_patterns(rulebook, "causal_qualifiers"),
            body=lexicon_words(rulebook, "causal_body_words"),
            relief=lexicon_patterns(rulebook, "causal_relief_cues"),
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
            phrases=tagged_patterns(
                rulebook,
                "causal_phrases",
                {"causal_promises": "promise", "causal_overstatements": "overstatement"},
            ),
            promise_pseudo=lexicon_patterns(rulebook, "causal_promise_pseudo"),
            promise_defusers=lexicon_words(rulebook, "causal_promise_defusers"),
            topic_openers=lexicon_words(rulebook, "causal_topic_openers"),
            run_on=int(run_on) if run_on.isdigit() else 80,
            lexicon=claim_lexicon(rulebook),
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


# --------------------------------------------------------------------------- sentences


@dataclass
class _Sentence:
    """One sentence (or, in run-on text, the window around one cue) and what is asked of it.

    ``promises`` and ``overstatements`` are matches with token indices into ``toks``; the
    modifiers (hedge, negation and hypothetical scopes) are worked out on first use, since
    most sentences with a cue are settled before anyone asks.
    """

    block: int
    key: SentenceKey
    _toks: TokenList | Callable[[], TokenList]
    """The tokens, or how to get them: most sentences are settled without them."""
    start: int
    end: int
    claim: Claim | None
    promises: list[Match]
    overstatements: list[Match]
    run_on: bool = False
    _modifiers: Modifiers | None = None
    _starts: list[int] | None = None
    reading: _Reading | None = None
    """The check's reading of ``claim``, once made."""

    @property
    def toks(self) -> TokenList:
        if not isinstance(self._toks, TokenList):
            self._toks = self._toks()
        return self._toks

    def modifiers(self, lexicon: ClaimLexicon) -> Modifiers:
        if self._modifiers is None:
            self._modifiers = modifiers(self.toks, lexicon)
        return self._modifiers

    def token_at(self, offset: int) -> int:
        """Index of the token that contains (or follows) prose ``offset``."""
        return max(0, bisect.bisect_right(self._token_starts(), offset) - 1)

    def token_from(self, offset: int) -> int:
        """Index of the first token that starts at or after prose ``offset``."""
        return bisect.bisect_left(self._token_starts(), offset)

    def _token_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [tok.start for tok in self.toks]
        return self._starts


@dataclass(frozen=True)
class _Context:
    analysis: Analysis
    vocabulary: CausalVocabulary
    found: Evidence
    block: int
    text: str
    doc: Doc


@check(UNSUPPORTED_CAUSAL, ABSOLUTE_CLAIM, prepare=CausalVocabulary.of)
def find_unsupported_causal(analysis: Analysis) -> Iterator[Finding]:
    """At most one finding per sentence: observational, absolute, overstated or unsourced."""
    vocabulary = CausalVocabulary.of(analysis.rulebook)
    found = evidence(analysis)
    skip = _skipped_blocks(analysis, vocabulary)
    claims: dict[int, dict[int, Claim]] = {}  # block -> sentence start -> its causal claim
    for claim in analysis.claims:
        if claim.kind == "causal" and claim.block not in skip:
            claims.setdefault(claim.block, {}).setdefault(claim.sentence_start, claim)
    for block, doc in enumerate(analysis.docs):
        if block in skip:
            continue
        toks = tokens_of(doc)
        phrases = vocabulary.phrases.find(toks, longest=False) if vocabulary.phrases else []
        promises = [m for m in phrases if m.cue.get("lexicon") == "promise"]
        overstated = [m for m in phrases if m.cue.get("lexicon") != "promise"]
        in_block = claims.get(block, {})
        if not promises and not overstated and not in_block:
            continue  # most blocks
        text = analysis.document.blocks[block].text
        context = _Context(analysis, vocabulary, found, block, text, doc)
        for view in _views(doc, toks, block, in_block, promises, overstated):
            if view.end - view.start > vocabulary.run_on * 2 and len(view.toks) > vocabulary.run_on:
                yield from _judge_run_on(context, view)
                continue
            finding = _judge(context, view)
            if finding is not None:
                yield finding


def _views(
    doc: Doc,
    toks: TokenList,
    block: int,
    claims: dict[int, Claim],
    promises: list[Match],
    overstated: list[Match],
) -> Iterator[_Sentence]:
    """The sentences of a block with a causal claim, a promise or an overstatement."""
    if not promises and not overstated:  # the claims know their sentences: no need to split
        for start, claim in claims.items():
            yield _Sentence(
                block=block,
                key=(block, start),
                _toks=_tokens_between(doc, toks, start, claim.sentence_end),
                start=start,
                end=claim.sentence_end,
                claim=claim,
                promises=[],
                overstatements=[],
            )
        return
    sentences = sentences_of(doc)
    first_tokens = [sentence.start_token for sentence in sentences]
    by_sentence: dict[int, tuple[list[Match], list[Match]]] = {}
    for kind, matches in ((0, promises), (1, overstated)):
        for match in matches:
            number = max(0, bisect.bisect_right(first_tokens, match.start) - 1)
            if match.end > sentences[number].end_token:
                continue  # a gap across a sentence end
            by_sentence.setdefault(number, ([], []))[kind].append(match)
    for number, sentence in enumerate(sentences):
        claim = claims.get(sentence.start)
        promised, overstatements = by_sentence.get(number, ([], []))
        if claim is None and not promised and not overstatements:
            continue
        key = (block, sentence.start)
        yield _view(toks, sentence, key, block, claim, promised, overstatements)


def _tokens_between(doc: Doc, toks: TokenList, start: int, end: int) -> Callable[[], TokenList]:
    """How to get the tokens of prose ``[start, end)`` of a block, when they are needed."""

    def make() -> TokenList:
        span = doc.char_span(start, end, alignment_mode="expand")
        return toks.part(span.start, span.end) if span is not None else TokenList()

    return make


def _view(
    toks: TokenList,
    sentence: Sentence,
    key: SentenceKey,
    block: int,
    claim: Claim | None,
    promises: list[Match],
    overstatements: list[Match],
) -> _Sentence:
    """The sentence with its matches moved to sentence token indices."""
    first = sentence.start_token

    def shifted(matches: list[Match]) -> list[Match]:
        return [Match(m.start - first, m.end - first, m.cue) for m in matches]

    return _Sentence(
        block=block,
        key=key,
        _toks=toks.part(sentence.start_token, sentence.end_token),
        start=sentence.start,
        end=sentence.end,
        claim=claim,
        promises=shifted(promises),
        overstatements=shifted(overstatements),
    )


def _skipped_blocks(analysis: Analysis, vocabulary: CausalVocabulary) -> set[int]:
    """Front matter, a plain-text title line and headings that name a topic or ask a
    question. A heading that states something ("The truth: running cures depression") is
    read like a sentence."""
    skip = set()
    blocks = analysis.document.blocks
    for index in title_blocks(analysis):
        block = blocks[index]
        if block.kind != "heading":
            skip.add(index)
            continue
        words = re.findall(r"[^\W\d_]+", block.text)
        titled = sum(word[:1].isupper() for word in words) * 2 > len(words)
        if (
            not words
            or titled  # "5 Herbs for Anxiety | Calm Living": a name, not a sentence
            or words[0].lower() in vocabulary.topic_openers
            or block.text.rstrip()[-1:] == "?"
        ):
            skip.add(index)
    return skip


def _judge_run_on(context: _Context, sentence: _Sentence) -> Iterator[Finding]:
    """Run-on text (no full stops): each cue, promise and overstatement is read in a window
    of its own, and gets a finding unless an earlier one covers it."""
    lexicon = context.vocabulary.lexicon
    toks = sentence.toks
    anchors = sorted(
        {(m.start, "cue") for m in cue_matches(toks, lexicon) if _finite_verb(toks, m)}
        | {(m.start, "match") for m in (*sentence.promises, *sentence.overstatements)}
    )
    reported: list[tuple[int, int]] = []
    ends = {m.start: m.end for m in (*sentence.promises, *sentence.overstatements)}
    for at, kind in anchors:
        if reported and toks[at].start < reported[-1][1]:
            continue
        end = ends.get(at, at + 1) if kind == "match" else at + 1
        following = [later for later, _ in anchors if later >= end]
        # the window ends where the next claim starts: its words are not this claim's effect
        low, high = max(0, at - _WINDOW), min(len(toks), at + _WINDOW, *following[:1])
        window = toks.part(low, high)
        claim = None
        if kind == "cue":
            reading = read_cue(window, lexicon, at - low, context.text)
            if reading.strength == "none":
                continue
            claim = _claim_of(context, reading, window)
        view = _Sentence(
            block=sentence.block,
            key=sentence.key,
            _toks=window,
            start=window[0].start,
            end=window[-1].end,
            claim=claim,
            promises=_moved(sentence.promises, at, low) if kind == "match" else [],
            overstatements=_moved(sentence.overstatements, at, low) if kind == "match" else [],
            run_on=True,
        )
        finding = _judge(context, view)
        if finding is not None:
            reported.append(_span_of(view))
            yield finding


def _moved(matches: list[Match], at: int, low: int) -> list[Match]:
    """The matches that start at token ``at``, moved into a window that starts at ``low``."""
    return [Match(m.start - low, m.end - low, m.cue) for m in matches if m.start == at]


def _finite_verb(toks: Sequence[Tok], match: Match) -> bool:
    """A verb cue in an inflected form, not in -ing: "snoring causes high blood pressure".
    Without full stops only these are read: a base form may be a noun ("trigger points",
    "nerve damage"), an -ing form a subject ("cutting out caffeine ... may help"), and noun
    cues ("beneficial effects", "because of") rarely carry a claim of their own."""
    if not match.cue.get("verb"):
        return False
    tok = toks[match.start]
    return tok.lower != tok.lemma and not tok.lower.endswith("ing")


def _span_of(view: _Sentence) -> tuple[int, int]:
    """The prose span a run-on finding covers (its cue or promise to the end of its claim)."""
    if view.claim is not None:
        return view.claim.start, view.claim.end
    match = (view.promises or view.overstatements)[0]
    return view.toks[match.start].start, view.toks[match.end - 1].end


def _claim_of(context: _Context, reading: CausalReading, window: TokenList) -> Claim | None:
    """A causal claim from the reading of one cue in a run-on window."""
    return causal_claim(context.block, context.text, (window[0].start, window[-1].end), reading)


# --------------------------------------------------------------------------- judging


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
    relief: bool


def _read(context: _Context, claim: Claim, sentence: _Sentence) -> _Reading:
    if sentence.reading is not None and sentence.claim is claim:
        return sentence.reading
    vocabulary = context.vocabulary
    text = context.text
    cue = str(claim.get("cue") or "")
    cue_start = _locate(text, cue, claim.start, claim.sentence_start, claim.sentence_end)
    cue_end = cue_start + len(cue)
    cause, effect = str(claim.get("cause") or ""), str(claim.get("effect") or "")
    first = sentence.token_at(cue_start)
    cue_toks = sentence.toks.part(first, max(first + 1, sentence.token_at(cue_end - 1) + 1))
    if any(m.start == 0 for m in vocabulary.reversed_cues.find(cue_toks)):
        cause, effect = effect, cause
    soft = any(m.start == 0 for m in vocabulary.soft.find(cue_toks))
    if soft and cue_toks and cue_toks[0].lower in vocabulary.soft_claims:
        soft = not _stated_as_fact(sentence, sentence.token_at(cue_start))
    relief = any(m.start == 0 for m in vocabulary.relief.find(cue_toks))
    reading = _Reading(cue, cue_start, cue_end, cause, effect, soft, relief)
    if sentence.claim is claim:
        sentence.reading = reading
    return reading


def _stated_as_fact(sentence: _Sentence, at: int) -> bool:
    """Whether a soft cue ("helps", "eases") at token ``at`` states an effect as fact: no modal
    before it ("can help"), not in an indirect question ("what eases your legs"), and with an
    object ("the urge eases for a while" describes, "Magnesium helps tight muscles relax")."""
    toks = sentence.toks
    before = {tok.lower for tok in toks[max(0, at - 2) : at]}
    if not before.isdisjoint(_MODALS) or not before.isdisjoint(_WH_WORDS):
        return False
    return at + 1 < len(toks) and toks[at + 1].lower not in _NO_OBJECT


def _judge(context: _Context, sentence: _Sentence) -> Finding | None:
    """The one finding of a sentence, if it has something to report."""
    vocabulary = context.vocabulary
    text = context.text
    claim = sentence.claim
    if claim is not None and claim.get("negated"):
        claim = None
    question = text[sentence.start : sentence.end].rstrip().endswith("?")
    if claim is not None:
        study = _observational(context, claim)
        if study is not None:
            return _finding(
                context,
                UNSUPPORTED_CAUSAL,
                claim.start,
                claim.end,
                f"Causal language for a correlational study: '{claim.get('cue')}' says one "
                f"thing causes another, but a {study} study can only show that they occur "
                "together. Write 'is associated with' or 'was linked to', or cite a trial that "
                "tested the cause.",
            )
    promises = [] if question else _asserted(context, sentence, sentence.promises, promise=True)
    if promises:
        return _absolute(context, sentence, promises[0])
    if _sourced(context, sentence):
        return None
    overstated = [] if question else _asserted(context, sentence, sentence.overstatements)
    intensity = (
        _overstatement(claim, text, vocabulary)
        if claim is not None and not sentence.run_on  # a window has no sentence to weigh
        else None
    )
    causal = claim is not None and _states_cause(context, claim, sentence)
    if not overstated and intensity is None and not causal:
        return None
    assert claim is not None or overstated
    spans: list[tuple[int, int]] = []
    if claim is not None and causal:
        spans.append((claim.start, _claim_end(context, claim, sentence)))
    if intensity is not None:
        spans.append(intensity[:2])
    spans.extend((sentence.toks[m.start].start, sentence.toks[m.end - 1].end) for m in overstated)
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if intensity is not None or overstated:
        if intensity is not None:
            words, kind = intensity[2], "overstated"
        else:
            first = overstated[0]
            words = text[sentence.toks[first.start].start : sentence.toks[first.end - 1].end]
            kind = str(first.cue.get("kind", "overstated"))
        return _finding(context, UNSUPPORTED_CAUSAL, start, end, _overstated_message(words, kind))
    assert claim is not None
    reading = _read(context, claim, sentence)
    return _finding(
        context,
        UNSUPPORTED_CAUSAL,
        start,
        end,
        f"'{reading.cue}' states a cause as fact{_relation(reading)}, with no source nearby: "
        "readers cannot tell whether a study showed this or only found that the two occur "
        "together. Cite the study (first author, year and a DOI or link), or say what is "
        "known: 'is associated with', 'may contribute to'.",
    )


def _overstated_message(words: str, kind: str) -> str:
    if kind == "cause":
        return (
            f"'{words}' names a cause as settled fact, and no source is given nearby. Causes of "
            "a condition are rarely known this well: say what studies found ('is a common "
            "trigger in surveys', 'is associated with') and cite them (first author, year and "
            "a DOI or link)."
        )
    if kind == "efficacy":
        return (
            f"'{words}' states how well a treatment works, and no source is given nearby. "
            "Comparisons of treatments need a trial that compared them: cite it (first author, "
            "year and a DOI or link), or say what is known."
        )
    return (
        f"'{words}' overstates the evidence for this link, and no source is given nearby. "
        "Links between conditions mostly come from studies that show association, not "
        "cause: write 'is associated with' or 'studies have found a link', and cite them "
        "(first author, year and a DOI or link)."
    )


def _absolute(context: _Context, sentence: _Sentence, match: Match) -> Finding:
    """An absolute-claim finding over the sentence (over the promise, in run-on text)."""
    toks = sentence.toks
    words = context.text[toks[match.start].start : toks[match.end - 1].end]
    kind = _KIND_WORDS.get(str(match.cue.get("kind", "certain")), _KIND_WORDS["certain"])
    if sentence.run_on:
        start, end = toks[match.start].start, toks[match.end - 1].end
    else:
        start, end = sentence.start, sentence.end
    return _finding(
        context,
        ABSOLUTE_CLAIM,
        start,
        end,
        f"'{words}' {kind}: no treatment works for everyone, every time, and none is free of "
        "risk, so no study can back an absolute. Say what the evidence shows, for whom and "
        "how often, and cite it (first author, year and a DOI or link).",
    )


def _asserted(
    context: _Context, sentence: _Sentence, matches: Sequence[Match], *, promise: bool = False
) -> list[Match]:
    """The matches the sentence states as fact: no hedge, negation or hypothetical governs
    them, no pseudo-match covers them, and (for promises) no frequency word softens them."""
    if not matches:
        return []
    vocabulary = context.vocabulary
    toks = sentence.toks
    mods = sentence.modifiers(vocabulary.lexicon)
    pseudo: set[int] = set()
    if promise and vocabulary.promise_pseudo:
        for m in vocabulary.promise_pseudo.find(toks):
            pseudo.update(range(m.start, m.end))
    kept = []
    for match in matches:
        if match.start in pseudo:
            continue
        if (
            match.cue.get("last")
            and match.end < len(toks)
            and toks[match.end].lower not in (_CLAUSE_END)
        ):
            continue
        if not all(mods.asserts(i) for i in range(match.start, match.end)):
            continue
        if promise:
            before = toks[max(0, match.start - _DEFUSER_WINDOW) : match.end]
            if any(tok.lower in vocabulary.promise_defusers for tok in before):
                continue
        kept.append(match)
    return kept


def _sourced(context: _Context, sentence: _Sentence) -> bool:
    """A traceable citation near the sentence; in run-on text, inside the cue's window."""
    if not sentence.run_on:
        return context.found.sourced(sentence.key)
    return any(
        citation.get("specificity") == "traceable" and sentence.start <= citation.start
        for citation in context.found.citations.get(sentence.key, ())
        if citation.start < sentence.end
    )


def _observational(context: _Context, claim: Claim) -> str | None:
    """The observational design a direct, complete causal claim is reported from."""
    if claim.get("strength") != "direct_causal":
        return None
    if not (str(claim.get("cause") or "").strip() and str(claim.get("effect") or "").strip()):
        return None
    text = context.text
    cue = str(claim.get("cue") or "")
    cue_start = _locate(text, cue, claim.start, claim.sentence_start, claim.sentence_end)
    study = _observational_subject(text, claim.sentence_start, cue_start, context.vocabulary)
    if study is None:
        return None
    cue_toks = _sentence_tokens(context.doc, cue_start, cue_start + len(cue))
    if any(m.start == 0 for m in context.vocabulary.soft.find(cue_toks)):
        return None
    return study


def _states_cause(context: _Context, claim: Claim, sentence: _Sentence) -> bool:
    """Whether the claim is a direct causal claim about health stated as fact."""
    vocabulary = context.vocabulary
    text = context.text
    strength = claim.get("strength")
    if strength not in vocabulary.flagged:
        return False
    reading = _read(context, claim, sentence)
    if not (reading.cause.strip() and reading.effect.strip()) or reading.soft:
        return False
    if _in_parentheses(text, claim.sentence_start, reading.cue_start):
        return False
    if _only_ignorable(reading.effect, vocabulary):
        return False
    if _noun_cue(text, claim.sentence_start, reading.cue_start, vocabulary) and not (
        _after_relative(text, claim.sentence_start, reading)
    ):
        return False
    if _names_an_aim(text, claim.sentence_start, reading.cue_start, reading.cue, vocabulary):
        return False
    if _head_word(reading.cause) in vocabulary.body:
        return False  # "immune cells damage the sheath": a disease process, not a claim
    if _describes_symptom(reading, vocabulary):
        return False
    if vocabulary.definitions and vocabulary.definitions.find(sentence.toks):
        return False
    if strength == "direct_causal" and not vocabulary.flag_hedged:
        at = sentence.token_at(reading.cue_start)
        if claim.get("hedged") and sentence.modifiers(vocabulary.lexicon).hedge(at):
            return False
        if _qualified(sentence, at, vocabulary):
            return False  # "can sometimes be caused by", "causes RLS in some people"
    return True


def _qualified(sentence: _Sentence, at: int, vocabulary: CausalVocabulary) -> bool:
    """A frequency word in the cue's clause ("sometimes", "in some cases") makes a claim
    about some people, some of the time: not a cause stated as fact."""
    if not vocabulary.qualifiers:
        return False
    toks = sentence.toks
    low = at
    while low > 0 and at - low < _QUALIFIER_REACH and toks[low - 1].lower not in _CLAUSE_BREAKS:
        low -= 1
    high = at
    while (
        high < len(toks) and high - at < _QUALIFIER_REACH and toks[high].lower not in _CLAUSE_BREAKS
    ):
        high += 1
    return bool(vocabulary.qualifiers.find(toks.part(low, high)))


def _head_word(phrase: str) -> str:
    """The first word of a phrase after articles and possessives ("your gut" -> "gut")."""
    words = [w for w in re.findall(r"[^\W\d_]+", phrase.lower()) if w not in _ARTICLES]
    return words[0] if words else ""


def _claim_end(context: _Context, claim: Claim, sentence: _Sentence) -> int:
    """Where the sentence's causal claims end: "Fasting triggers autophagy, which reverses
    aging and protects you from cancer" is one finding over all three claims."""
    if sentence.run_on:
        return claim.end  # each claim of run-on text has a finding of its own
    lexicon = context.vocabulary.lexicon
    toks = sentence.toks
    end = claim.end
    # the loop below only takes cues starting at or after ``end``; such a match lies wholly in
    # the tokens from there on, so when no cue lexicon may match them (its first word and
    # anchor are both needed), every cue is skipped and ``end`` stays as it is
    if not may_be_causal(toks.part(sentence.token_from(end), len(toks)), lexicon):
        return end
    main = sentence.token_at(claim.start)
    mods = sentence.modifiers(lexicon)
    for at in sorted({m.start for m in cue_matches(toks, lexicon)}):
        if at <= main or not mods.asserts(at) or toks[at].start < end:
            continue
        reading = read_cue(toks, lexicon, at, context.text)
        if reading.strength != "direct_causal" or reading.negated or reading.cue_span is None:
            continue
        end = max(end, (reading.effect_span or reading.cue_span)[1])
    return end


def _finding(context: _Context, rule: RuleInfo, start: int, end: int, message: str) -> Finding:
    return context.analysis.finding(
        rule,
        message=message,
        block=context.block,
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
    before = re.findall(r"[^\W\d_]+", text[max(sentence_start, cue_start - 30) : cue_start].lower())
    if not before:
        return False
    if before[-1] in vocabulary.noun_markers:
        return True
    # "your personal triggers", "the usual causes": a determiner and an adjective before it
    return (
        len(before) >= 2
        and before[-2] in vocabulary.noun_markers
        and before[-1].endswith(_ADJECTIVE_ENDINGS)
    )


def _after_relative(text: str, sentence_start: int, reading: _Reading) -> bool:
    """The word before the cue is the relative pronoun "that", not a determiner: the cause
    is the noun right before it ("excitotoxins that overstimulate your nerves")."""
    cause = reading.cause.strip()
    if not cause:
        return False
    before = text[sentence_start : reading.cue_start].rstrip()
    return before.endswith(" that") and before[: -len("that")].rstrip().endswith(cause)


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


_GERUND_LIST = re.compile(r"(?:^|[:;]\s*)[^\W\d_]+ing\b[^,.;:()]*\b(?:and|or)\s+$", re.I)
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
    if first.endswith("ing") and _GERUND_LIST.search(before):
        return True  # "Treatment has two goals: dealing with the cause and relieving pain"
    base_form = not first.endswith(("s", "ed", "ing"))
    return base_form and bool(_PURPOSE.search(before))


def _sentence_tokens(doc: Doc, start: int, end: int) -> list[Tok]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return tokens_of(span) if span is not None else []


_EFFECT_HEAD = re.compile(r"\b(?:and|or|but|which|that|who|while|so|then)\b|[,;:(]", re.I)


def _describes_symptom(reading: _Reading, vocabulary: CausalVocabulary) -> bool:
    """A description of how a condition shows itself, not a claim about risk factors or
    treatments: the effect is first of all a symptom ("SFPN causes widespread pain",
    "Sitting still worsens the sensations"), or the cause is only a symptom ("sensations that
    make them want to move", "poor sleep due to muscle pain"). Never when a treatment is the
    cause or the cue names relief: "magnesium relieves cramps", "it relieves pain" are claims
    about efficacy. Only the effect's first phrase counts: "overstimulate your nerves and
    trigger pain" is about nerves."""
    cause, effect = reading.cause, reading.effect
    if reading.relief or _first(vocabulary.treatments, cause) >= 0:
        return False
    head = _EFFECT_HEAD.split(effect, maxsplit=1)[0]
    symptom_at = _first(vocabulary.symptoms, head)
    if symptom_at >= 0:  # the conditions matter only against a symptom (a long regex)
        condition_at = _first(vocabulary.conditions, head)
        if condition_at < 0 or symptom_at < condition_at:
            return True
    return _first(vocabulary.symptoms, cause) >= 0 and _first(vocabulary.conditions, cause) < 0
