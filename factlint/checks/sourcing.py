"""Sourcing: vague-citation and unknown-journal, and the citation index other checks share.

An article earns trust when a reader can follow each claim to its source. The claims stage
(``factlint.claims.citations``) already grades every citation ``vague``, ``named`` or
``traceable`` and records the sentences it supports; this module turns that into findings, and
builds :class:`Evidence`: the traceable citations indexed by sentence and paragraph, so the
statistic and causal checks ask "is there a source near this sentence?" in constant time
instead of scanning the document per claim.

"Near" is a setting (``citation_distance`` in ``rules/checks.yaml``): ``sentence`` (default)
means the claim's own sentence, a sentence a citation supports (a later "The study also
found ..."), the very next sentence (a source given right after the claim), or the one after
it when the sentence between refers back ("These figures come from ..."); ``paragraph``
means anywhere in the same paragraph. In text that lost its punctuation, where one "sentence"
may be the whole article, near is within ``NEAR`` characters of the claim.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.claims import Claim
from factlint.claims.lexicon import NUMBER_WORDS, tokens_of
from factlint.claims.sentences import sentences_of
from factlint.claims.statistics import CHANGE
from factlint.facts import (
    lexicon_patterns,
    lexicon_phrases,
    lexicon_regex,
    lexicon_strings,
    lexicon_words,
    per_rulebook,
    setting,
)
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

DISTANCES = ("sentence", "paragraph")
DEFAULT_DISTANCE = "sentence"
DEFAULT_STATISTIC_UNITS = frozenset(
    {"percent", "people", "ratio", "fraction", "fold", "count", "odds_ratio", "hazard_ratio",
     "rate_ratio", "relative_risk"}
)  # fmt: skip

SentenceKey = tuple[int, int]
"""(block index, prose start of the sentence): how claims and citations name a sentence."""

VAGUE_CITATION = RuleInfo(
    id="vague-citation",
    category="citation",
    severity=Severity.WARNING,
    summary="A source readers cannot find: 'studies show', or a journal without the study.",
    docs=RuleDocs(
        what="Flags attributions that name no source ('research has shown', 'experts believe', "
        "'studies show', 'recent research'), and sources that are named but cannot be traced: "
        "'a study published in the Journal of Clinical Sleep Medicine found ...' or 'according "
        "to a study in Neurology', with no author, year or link. An organisation is flagged "
        "when it is named as the author of a statement ('according to the Mayo Clinic', "
        "'Harvard researchers found') or backs a figure or a causal claim in that sentence, "
        "since that is when a reader needs the page it comes from; one only mentioned ('the "
        "CDC was set up in 1946') is not. Nothing is flagged when a traceable citation (author "
        "and year, DOI, PMID, link, or a numbered reference that resolves) stands nearby: in "
        "the same sentence, the next one, or a sentence the citation supports ('The study also "
        "found ...'); in text that lost its punctuation, within 200 characters. Set "
        "`citation_distance: [paragraph]` under `lexicons:` in your rule pack to accept a "
        "citation anywhere in the same paragraph.",
        why="Health claims are only as good as their evidence. 'Studies show' hides whether "
        "there is one small study, a large trial or nothing at all, and a journal name alone "
        "still leaves the reader (and the fact-checker) unable to find the paper, or to notice "
        "that it said something else.",
        example="'Research has shown that inflammation plays a role in RLS.' becomes "
        "'A 2019 review (Author et al., Journal Name, doi:10.xxxx/...) found that "
        "inflammation may play a role in RLS.'",
        fix="Name the study: first author, year, and a DOI or link (or a numbered reference "
        "that the reference list resolves). If you cannot find the study, soften or remove the "
        "claim.",
    ),
)

UNKNOWN_JOURNAL = RuleInfo(
    id="unknown-journal",
    category="citation",
    severity=Severity.INFO,
    summary="A cited journal that is not on factlint's journal list (misspelt or unknown).",
    docs=RuleDocs(
        what="Flags a journal named as a source that is not in the rulebook's `journals:` list "
        "(several hundred biomedical journals ship with factlint), and suggests the closest "
        "listed title: 'Journal of Clinical Sleep Medicin' -> 'Journal of Clinical Sleep "
        "Medicine'.",
        why="A misspelt journal title sends readers and fact-checkers to the wrong place or "
        "nowhere, and an unfamiliar title is worth a second look: predatory and invented "
        "journals are common in health marketing.",
        example="'a study in the Journal of Clinical Sleep Medicin' becomes 'a study in the "
        "Journal of Clinical Sleep Medicine'.",
        fix="Correct the title to the journal's exact name. If the journal is real and your "
        "writers cite it, add it to `journals:` in your rule pack so it is recognised.",
    ),
)


# --------------------------------------------------------------------------- the index


LONG_SENTENCE = 400
"""Characters beyond which a "sentence" is run-on text (prose without punctuation)."""
NEAR = 200
"""In run-on text, the characters either side of a claim read as its sentence."""


@dataclass
class Evidence:
    """Citations and claims of one analysed document, indexed by sentence and paragraph."""

    distance: str
    sentence_starts: dict[int, list[int]] = field(default_factory=dict)
    """Block -> sorted prose starts of its sentences, for the blocks read so far (``starts``)."""
    run_on: set[SentenceKey] = field(default_factory=set)
    """Sentences longer than ``LONG_SENTENCE`` (text without punctuation), of the blocks read
    so far (``is_run_on``)."""
    traceable_at: set[SentenceKey] = field(default_factory=set)
    """Sentences in which a traceable citation stands."""
    traceable_supports: set[SentenceKey] = field(default_factory=set)
    """Sentences a traceable citation supports (its own and the anaphoric ones after it)."""
    traceable_blocks: set[int] = field(default_factory=set)
    traceable_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    """Block -> (start, end) of its traceable citations."""
    bridges: set[SentenceKey] = field(default_factory=set)
    """Sentences that refer back to the one before ("These figures come from ...") and are
    followed by a traceable citation, which then sources the sentence before them too."""
    citations: dict[SentenceKey, list[Claim]] = field(default_factory=dict)
    """Every citation by the sentence it stands in."""
    claims: dict[SentenceKey, list[Claim]] = field(default_factory=dict)
    """Statistic and causal claims by sentence."""
    reported: list[Claim] = field(default_factory=list)
    """The untraceable citations ``vague-citation`` reports: one per sentence, one per
    attribution in run-on text."""
    docs: Sequence[Doc] = ()
    """The Doc of each block, whose sentences are read when the block is first asked about:
    most blocks have no claim, citation or finding, and are never asked about."""

    def starts(self, block: int) -> list[int]:
        """The sorted prose starts of the sentences of ``block`` (none outside the document);
        reading them also records the block's run-on sentences."""
        starts = self.sentence_starts.get(block)
        if starts is None:
            if not 0 <= block < len(self.docs):
                return []
            sentences = sentences_of(self.docs[block])
            starts = self.sentence_starts[block] = [sentence.start for sentence in sentences]
            self.run_on.update(
                (block, sentence.start)
                for sentence in sentences
                if sentence.end - sentence.start > LONG_SENTENCE
            )
        return starts

    def is_run_on(self, key: SentenceKey) -> bool:
        """Whether the sentence is longer than ``LONG_SENTENCE`` (text without punctuation)."""
        self.starts(key[0])
        return key in self.run_on

    def sentence_key(self, block: int, offset: int) -> SentenceKey:
        """The sentence containing prose ``offset`` of ``block``."""
        starts = self.starts(block) or [0]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return block, starts[index]

    def next_sentence(self, key: SentenceKey) -> SentenceKey | None:
        starts = self.starts(key[0])
        index = bisect.bisect_right(starts, key[1])
        return (key[0], starts[index]) if index < len(starts) else None

    def sourced(self, key: SentenceKey, span: tuple[int, int] | None = None) -> bool:
        """A traceable citation is near this sentence, per the distance setting.

        In a run-on sentence (a text that lost its punctuation reads as one sentence), "near"
        is within ``NEAR`` characters of the claim's ``span``, when the caller gives it: the
        whole sentence would be the whole article.
        """
        if self.distance == "paragraph":
            return key[0] in self.traceable_blocks
        if span is not None and self.is_run_on(key):
            low, high = span[0] - NEAR, span[1] + NEAR
            return any(
                start < high and end > low for start, end in self.traceable_spans.get(key[0], ())
            )
        if key in self.traceable_supports or key in self.traceable_at:
            return True
        following = self.next_sentence(key)
        return following is not None and (
            following in self.traceable_at or following in self.bridges
        )


def evidence(analysis: Analysis) -> Evidence:
    """The document's :class:`Evidence`, built once and shared by the checks of one run."""
    return analysis.shared("evidence", lambda: _build(analysis))


def citation_distance(rulebook: Rulebook) -> str:
    """``sentence`` or ``paragraph``, from the ``citation_distance`` lexicon (last one wins)."""
    return setting(rulebook, "citation_distance", DEFAULT_DISTANCE, DISTANCES)


def _build(analysis: Analysis) -> Evidence:
    found = Evidence(citation_distance(analysis.rulebook), docs=analysis.docs)
    for claim in analysis.claims:
        key = (claim.block, claim.sentence_start)
        if claim.kind == "citation":
            found.citations.setdefault(key, []).append(claim)
            if claim.get("specificity") == "traceable":
                found.traceable_at.add(key)
                found.traceable_blocks.add(claim.block)
                found.traceable_supports.update(_supported(claim))
                found.traceable_spans.setdefault(claim.block, []).append((claim.start, claim.end))
        else:
            found.claims.setdefault(key, []).append(claim)
    _find_bridges(analysis, found)
    skip = title_blocks(analysis)
    for key, citations in found.citations.items():
        if key[0] in skip:
            continue
        for citation in citations:
            if _reportable(citation, found, analysis):
                found.reported.append(citation)
                if not found.is_run_on(key):
                    break
    return found


def _find_bridges(analysis: Analysis, found: Evidence) -> None:
    """``Evidence.bridges``: the sentence before a cited one, when it refers back to its own
    previous sentence ("About 10% of adults have RLS. These figures come from community
    surveys. Ohayon et al. (2012) reviewed them.")."""
    anaphora = lexicon_patterns(analysis.rulebook, "citation_anaphora")
    for block in sorted(found.traceable_blocks):  # the blocks ``traceable_at`` names
        starts = found.starts(block)
        for index in range(1, len(starts) - 1):
            key, cited = (block, starts[index]), (block, starts[index + 1])
            if cited not in found.traceable_at or key in found.traceable_at:
                continue
            span = analysis.docs[block].char_span(
                starts[index], starts[index + 1], alignment_mode="contract"
            )
            if span is not None and anaphora.find(tokens_of(span)):
                found.bridges.add(key)


def _supported(citation: Claim) -> list[SentenceKey]:
    spans = citation.get("supports") or ()
    keys = [(int(span[0]), int(span[1])) for span in spans if len(span) >= 2]
    return keys or [(citation.block, citation.sentence_start)]


def title_blocks(analysis: Analysis) -> set[int]:
    """Headings, front matter and a plain-text title line: they name topics, not sources."""
    blocks = analysis.document.blocks
    skip = {i for i, block in enumerate(blocks) if block.kind in ("heading", "front_matter")}
    if blocks and blocks[0].kind == "paragraph" and _looks_like_title(blocks[0].text):
        skip.add(0)
    return skip


def document_title(analysis: Analysis) -> str:
    """The title: front matter ``title``, else the first heading, else a short first line."""
    document = analysis.document
    title = document.front_matter.get("title") if document.front_matter else None
    if isinstance(title, str) and title.strip():
        return title
    for block in document.blocks:
        if block.kind == "heading":
            return block.text
    if document.blocks and _looks_like_title(document.blocks[0].text):
        return document.blocks[0].text.strip()
    return ""


def _looks_like_title(text: str) -> bool:
    text = text.strip()
    return 0 < len(text.split()) <= 15 and not text.endswith((".", "!", "?", ":"))


_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|none|nothing|neither|nor)\b(?:\s+[\w'’-]+){0,2}\s*$", re.I
)
"""A denial right before the attribution: "no diet has been shown", "not a single study"."""
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+$", re.I)
_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
"""A claim placed "in some studies" ("X has been linked to Y in some studies") is attributed."""
_DENIED_CLAIM = re.compile(
    r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:shown|proven|proved|demonstrated|found)\b"
    r"|\bno\s+(?:good\s+|clear\s+|strong\s+|convincing\s+)?evidence\b|\bfailed\s+to\b",
    re.I,
)
"""A claim the sentence denies: "have not been shown to help in large trials" describes the
state of the evidence; it attributes no finding to anyone."""
_RAISING_AFTER = re.compile(r"^\s+to\b", re.I)
"""A raising verb: "it is thought to contribute" hedges its subject, it attributes nothing."""
_PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:published|reported|presented|described|carried\s+out|conducted)\s+"
    r"(?:online\s+)?(?:in|by|at|from|last|earlier)\b",
    re.I,
)
"""A participle that describes the study ("A study reported in 2010 looked at ..."); the
attribution verb, if any, comes after it."""
_NAMED_AFTER = re.compile(
    r"^(?:[^.;]{0,60}?\b(?:et\s+al\b|and\s+colleagues\b)|\s+(?:like|such\s+as)\s+(?:this|these|that)\b)",
    re.I,
)
_DETERMINERS = frozenset(
    {"other", "every", "each", "any", "all", "the", "this", "that", "these", "those", "its", "a",
     "an", "one", "another", "some", "many", "several", "few", "recent", "new", "large", "small",
     "previous", "past", "emerging", "growing", "numerous"}
)  # fmt: skip
_ATTRIBUTION_WINDOW = 7
"""Words after a noun-phrase citation ("A meta-analysis of studies from ... estimated") in
which an attribution verb makes it a source of the sentence's claim."""


def _reportable(citation: Claim, found: Evidence, analysis: Analysis) -> bool:
    """What ``vague-citation`` reports: an untraceable citation with no source nearby that
    actually attributes a claim (an organisation only when it backs a figure or a causal
    claim)."""
    specificity = citation.get("specificity")
    if specificity == "traceable":
        return False
    key = (citation.block, citation.sentence_start)
    if found.sourced(key, (citation.start, citation.end)):
        return False
    if specificity == "named" and citation.get("organisation") and not citation.get("journal"):
        return _names_a_finding(citation, analysis) or any(
            _backs_claim(claim, analysis)
            for supported in _supported(citation)
            for claim in found.claims.get(supported, ())
        )
    if specificity == "vague" and not (citation.get("source") or "").startswith("["):
        return _attributes(citation, analysis)
    return True


def _attributes(citation: Claim, analysis: Analysis) -> bool:
    """A vague phrase that attributes the sentence's claim to someone ("Studies show", "A
    2019 study found", "has been discovered"), not talk about studies in general ("Many
    studies rely on questionnaires"), a denial ("no diet has been shown to") or a named
    study ("a 2010 study by Viola-Saltzman and colleagues")."""
    text = analysis.document.blocks[citation.block].text
    verbs = lexicon_words(analysis.rulebook, "attribution_verbs")
    before = text[max(citation.sentence_start, citation.start - 40) : citation.start]
    after = text[citation.end : citation.sentence_end]
    if _NEGATED_BEFORE.search(before) or _NAMED_AFTER.search(after):
        return False
    words = citation.text.lower().split()
    if not words or not verbs:
        return True
    if words[0] == "it" and _RAISING_AFTER.match(after):
        return False
    if _IN_BEFORE.search(before):
        return not _DENIED_CLAIM.search(text[citation.sentence_start : citation.start])
    if words[0] == "according" or _ACCORDING_TO.search(before):
        return True
    if len(words) > 1 and words[-1] in verbs and words[0] not in _DETERMINERS:
        return True
    participle = _PARTICIPLE_AFTER.match(after)
    if participle:
        after = after[participle.end() :]
    clause = re.split(r"[;:,.()]", after, maxsplit=1)[0]
    following = re.findall(r"[^\W\d_]+", clause.lower())[:_ATTRIBUTION_WINDOW]
    return any(word in verbs for word in following)


_ORGANISATION_AUTHORS = frozenset(
    {"researcher", "researchers", "scientist", "scientists", "expert", "experts", "doctor",
     "doctors", "investigators", "team", "study", "studies", "trial", "trials", "survey",
     "surveys", "report", "reports", "data", "figures", "statistics", "guideline", "guidelines"}
)  # fmt: skip
"""Words between an organisation and its verb: "Harvard researchers found", "a CDC survey
showed"."""


def _names_a_finding(citation: Claim, analysis: Analysis) -> bool:
    """An organisation given as the source of a statement: "according to the Mayo Clinic,
    ...", "Harvard researchers found that ...", "a Harvard study showed". Naming it as the
    author of a finding is what makes the reader need the page it comes from."""
    if citation.text.lower().startswith("according to"):
        return True
    text = analysis.document.blocks[citation.block].text
    words = re.findall(r"[a-z]+|[^\sa-z]", text[citation.end : citation.sentence_end].lower())[:4]
    verbs = lexicon_words(analysis.rulebook, "attribution_verbs")
    if len(words) > 1 and words[0] in verbs and words[1].isalpha():
        return True  # "the CDC reports that", "the CDC estimates 38 million"
    if words and words[0] in _ORGANISATION_AUTHORS:
        words = words[1:]
    if words and words[0] in ("have", "has"):
        words = words[1:]
    return bool(words) and words[0] in verbs


def _backs_claim(claim: Claim, analysis: Analysis) -> bool:
    """A figure, or a causal claim about health ("sugar causes diabetes", not "older reports
    gave lower figures")."""
    if claim.kind == "statistic":
        return is_checked_statistic(claim, analysis)
    if claim.get("strength") not in ("direct_causal", "conditional_causal") or claim.get("negated"):
        return False
    words = re.findall(r"[^\W\d_]+", str(claim.get("effect") or "").lower())
    words = [w for w in words if w not in ("the", "a", "an")]
    return bool(words) and words[0] not in lexicon_words(
        analysis.rulebook, "causal_effect_not_health"
    )


def statistic_units(rulebook: Rulebook) -> frozenset[str]:
    """Units of figures that need a source (``statistic_units`` lexicon; doses are not)."""
    return lexicon_words(rulebook, "statistic_units") or DEFAULT_STATISTIC_UNITS


def is_checked_statistic(claim: Claim, analysis: Analysis) -> bool:
    """A figure a reader could check against a source.

    Not figures to source: doses (advice), unless a population takes them in ("the average
    American eats about 3,400 mg of sodium a day"); a bare count ("two problems", "4825
    helpful votes", "nine pairs of points"), since a count is a claim only when it counts
    conditions or health events and has a qualifier or scale ("over 80 types of autoimmune
    disease", not "more than a hundred compounds"); a multiplier that compares nothing
    ("double"); frequencies, durations and amounts ("twice a day", "half an hour", "two liters
    of water"); a study's sample size ("a sample of 3,006 adults", "60 participants"); a figure
    in quotation marks or in a made-up example. A change ("by 10 points", "two hours less",
    "have tripled") is an effect size: it needs a source whatever it counts.
    """
    rulebook = analysis.rulebook
    unit = claim.get("unit")
    text = analysis.document.blocks[claim.block].text
    before = text[max(claim.sentence_start, claim.start - 60) : claim.start]
    if unit == "dose":
        return _matches(rulebook, "statistic_intake_before", before)
    if unit not in statistic_units(rulebook):
        return False
    change = claim.get("measure") == CHANGE
    tail = _after_number(claim.text)
    counted = claim.get("condition") or tail.strip()
    if (
        unit == "count"
        and not change
        and not (counted and (claim.get("qualifier") or claim.get("scale")))
    ):
        return False
    if unit == "count" and not change and not _counts_health(claim, tail, rulebook):
        return False
    if unit == "fold" and not (
        change or claim.get("comparison") or claim.get("condition") or claim.get("population")
    ):
        return False
    if unit == "people" and not (claim.get("scale") or _at_least(claim.get("value"), 1000)):
        return False  # "two families", "4": not a count of a population
    after = tail + text[claim.end : min(claim.sentence_end, claim.end + 60)]
    if not change and _matches(rulebook, "statistic_not_followed_by", after):
        return False
    if unit == "count" and _matches(rulebook, "statistic_count_not_followed_by", after):
        return False
    if unit == "people" or unit == "count":
        if _matches(rulebook, "statistic_sample_before", before):
            return False
        sample = lexicon_phrases(rulebook, "statistic_sample_words")
        if sample is not None and (sample.search(claim.text) or sample.match(after.lstrip())):
            return False
    if _hypothetical(analysis, claim.block, claim.sentence_start, claim.sentence_end):
        return False
    return not _quoted(text, claim.sentence_start, claim.start)


def _hypothetical(analysis: Analysis, block: int, start: int, end: int) -> bool:
    """Whether ``statistic_hypothetical`` matches the sentence ``block[start:end]``.

    Searched once per sentence of the document, not once per figure: a run-on "sentence" (a
    text that lost its punctuation) holds many figures. The answers are kept with the
    analysis (``Analysis.shared``), so they come from this document's text alone.
    """
    known: dict[tuple[int, int, int], bool] = analysis.shared("hypothetical-sentences", dict)
    key = (block, start, end)
    found = known.get(key)
    if found is None:
        text = analysis.document.blocks[block].text
        found = known[key] = _matches(analysis.rulebook, "statistic_hypothetical", text[start:end])
    return found


def _counts_health(claim: Claim, tail: str, rulebook: Rulebook) -> bool:
    """A count of conditions or health events ("over 80 types of autoimmune disease", "650,000
    deaths"), by the ``condition_words``, ``condition_suffixes`` and
    ``statistic_count_nouns`` lexicons (``tail``: ``_after_number(claim.text)``)."""
    counted = f"{claim.get('condition') or ''} {tail}".lower()
    words = re.findall(r"[^\W\d_]+", counted)
    known = lexicon_words(rulebook, "condition_words") | lexicon_words(
        rulebook, "statistic_count_nouns"
    )
    suffixes = tuple(lexicon_words(rulebook, "condition_suffixes"))
    return any(word in known or (suffixes and word.endswith(suffixes)) for word in words)


def _at_least(value: object, bound: float) -> bool:
    return isinstance(value, (int, float)) and value >= bound


_WORD = re.compile(r"\S+")


def _after_number(text: str) -> str:
    """The words of a figure's text after its last number ("at least two liters" -> " liters")."""
    for match in reversed(list(_WORD.finditer(text))):
        word = match.group(0).lower().strip(",.%")
        if word[:1].isdigit() or word in NUMBER_WORDS:
            return text[match.end() :]
    return ""


def _matches(rulebook: Rulebook, name: str, text: str) -> bool:
    pattern = lexicon_regex(rulebook, name)
    return pattern is not None and pattern.search(text) is not None


def _quoted(text: str, sentence_start: int, offset: int) -> bool:
    """Inside quotation marks: the sentence quotes a figure (a headline), it does not assert
    it."""
    before = text[sentence_start:offset]
    if before.count("\u201c") > before.count("\u201d"):
        return True
    return before.count('"') % 2 == 1


# --------------------------------------------------------------------------- vague-citation


@check(VAGUE_CITATION)
def find_vague_citations(analysis: Analysis) -> Iterator[Finding]:
    """One finding per sentence whose only source is vague or untraceable (per attribution in
    run-on text, where a "sentence" may be the whole article)."""
    found = evidence(analysis)
    for citation in found.reported:
        yield analysis.finding(
            VAGUE_CITATION,
            message=_vague_message(citation, analysis),
            block=citation.block,
            start=citation.start,
            end=citation.end,
        )


def _vague_message(citation: Claim, analysis: Analysis) -> str:
    text = " ".join(citation.text.split())
    ask = "give the first author, year and a DOI or link so readers can find it"
    if citation.get("specificity") == "vague":
        if (citation.get("source") or "").startswith("["):
            return (
                f"The reference '{text}' is not in the reference list: readers cannot follow "
                "it. Add the entry to the reference list, or cite the author, year and a DOI "
                "or link."
            )
        return (
            f"'{text}' does not say which study or expert: readers cannot check the claim. "
            f"Name the source and {ask}."
        )
    if citation.get("journal"):
        missing = "the authors" if citation.get("year") else "the authors or year"
        return (
            f"'{text}' names the journal but not {missing} of the study, and gives no link: {ask}."
        )
    return (
        f"'{text}' backs a figure or claim with an organisation but no link to what it "
        "published: link the page or report (with its year) that the claim comes from."
    )


# --------------------------------------------------------------------------- unknown-journal


@dataclass(frozen=True)
class JournalList:
    """The rulebook's journals, normalised for lookup and fuzzy suggestions."""

    names: Mapping[str, str]
    """Normalised name -> the name as listed."""
    keys: tuple[str, ...]

    @classmethod
    def of(cls, rulebook: Rulebook) -> JournalList:
        def build() -> JournalList:
            names: dict[str, str] = {}
            listed = [*rulebook.journals, *lexicon_strings(rulebook, "journals")]
            for name in listed:
                if "*" in name or "|" in name:
                    continue
                names.setdefault(normalise_journal(name), " ".join(name.split()))
            return cls(names, tuple(names))

        return per_rulebook(rulebook, "journal-list", build)

    def knows(self, name: str) -> bool:
        """Listed, or a listed title followed by words the extractor took along ("Journal of
        Clinical Sleep Medicine and in The Lancet")."""
        words = normalise_journal(name).split()
        return any(
            " ".join(words[:end]) in self.names
            for end in range(len(words), 0, -1)
            if end == len(words) or words[end] in _JOINERS
        )

    def closest(self, name: str) -> str | None:
        found = difflib.get_close_matches(normalise_journal(name), self.keys, n=1, cutoff=0.85)
        return self.names[found[0]] if found else None


_JOINERS = frozenset({"and", "in", "of", "for", "the", "on"})


def normalise_journal(name: str) -> str:
    """Case, a leading "The", "&" vs "and", punctuation and spacing do not count."""
    text = name.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


@check(UNKNOWN_JOURNAL)
def find_unknown_journals(analysis: Analysis) -> Iterator[Finding]:
    """One finding per distinct unlisted journal name, at its first citation."""
    journals = JournalList.of(analysis.rulebook)
    seen: set[str] = set()
    for claim in analysis.claims:
        name = claim.get("journal") if claim.kind == "citation" else None
        if not name or journals.knows(name):
            continue
        key = normalise_journal(name)
        if key in seen:
            continue
        seen.add(key)
        guess = journals.closest(name)
        if guess:
            message = (
                f"'{name}' is not a journal factlint knows; did you mean '{guess}'? A misspelt "
                "title sends readers to the wrong place."
            )
        else:
            message = (
                f"'{name}' is not on factlint's journal list: check the exact title (misspelt "
                "and predatory journals are common), and if it is right, add it to `journals:` "
                "in your rule pack."
            )
        start, end = _journal_span(analysis, claim, name)
        yield analysis.finding(
            UNKNOWN_JOURNAL,
            message=message,
            block=claim.block,
            start=start,
            end=end,
            suggestions=(guess,) if guess else (),
        )


def _journal_span(analysis: Analysis, claim: Claim, name: str) -> tuple[int, int]:
    """The journal's own words inside the citation (the claim may include "a study in")."""
    text = analysis.document.blocks[claim.block].text
    at = text.find(name, claim.start, claim.end + 1)
    return (at, at + len(name)) if at >= 0 else (claim.start, claim.end)
