"""Statistic checks: figures without a source, and figures the curated facts contradict.

* ``statistic-unsourced``: a figure with no traceable citation near it (see
  ``factlint.checks.sourcing`` for "near"). One finding per figure, as an editor marks them.
  A figure attributed to a vague or untraceable source ("A study published in the Lancet
  found that 36.8% ...") is reported too: the vague attribution and the unsourced figure are
  two problems a medical editor marks separately.
* ``statistic-out-of-range``: a figure about a curated topic that lies outside every curated
  figure for it, judged by ``factlint.facts`` exactly as the header of ``rules/facts.yaml``
  describes. A figure that is unsourced as well gets this one finding, whose message says
  both: one figure, one place to fix. A change ("by 40%", "50% less") is an effect size and
  is never compared with a prevalence.

When the curated facts accept an unsourced figure, the ``statistic-unsourced`` finding suggests
the curated source, and the fact's caveat when it has one ("10%" is right only when RLS is
counted from symptoms alone; "10 times" only under the 1990 criteria): the note a medical
editor would add next to "source?". A sourced figure gets no caveat: its source answers for it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import Any

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.checks.sourcing import (
    LONG_SENTENCE,
    NEAR,
    Evidence,
    document_title,
    evidence,
    is_checked_statistic,
)
from factlint.claims import Claim
from factlint.claims.lexicon import tokens_of
from factlint.facts import (
    FactBook,
    Figure,
    Mentions,
    Setting,
    StatisticClaim,
    Verdict,
    format_window,
    lexicon_patterns,
    source_label,
    source_link,
)
from factlint.findings import Finding, Severity
from factlint.rulebook import RuleDocs

STATISTIC_UNSOURCED = RuleInfo(
    id="statistic-unsourced",
    category="statistic",
    severity=Severity.WARNING,
    summary="A figure (percentage, count, ratio) with no traceable source nearby.",
    docs=RuleDocs(
        what="Flags percentages, counts of people, rates ('1 in 5'), multipliers ('10 times "
        "more likely') and effect sizes that have no traceable citation in the same sentence, "
        "the next sentence, or a sentence a citation supports (or, with `citation_distance: "
        "[paragraph]`, in the same paragraph). Doses and bare counts ('two problems', 'nine "
        "pairs of points'), frequencies and amounts ('twice a day', 'two liters of water'), "
        "sample sizes ('a sample of 3,006 adults', '60 participants'), quoted and made-up "
        "figures are not flagged; a count is a claim only when it counts conditions or health "
        "events and has a qualifier or scale ('over 80 types of autoimmune disease'), or says "
        "how much something changed ('lowers it by 10 points', 'two hours less'). A "
        "population's intake ('the average American eats about 3,400 mg of sodium a day') is "
        "a figure too. A figure attributed to a vague source ('a study found that 36.8% ...') "
        "is flagged as well as the attribution. One finding per figure (a figure that is out "
        "of range as well is reported once, by statistic-out-of-range); when factlint's "
        "curated facts accept the figure, their source and caveat are suggested.",
        why="Numbers look precise and readers remember them. Without a source nobody can tell "
        "whether '10% of the population' is a measured prevalence, an upper estimate from an "
        "advocacy group, or a figure copied from another website.",
        example="'RLS affects approximately 10% of the population.' becomes 'RLS symptoms are "
        "reported by about 10% of adults in community surveys (Ohayon et al., 2012, "
        "doi:10.1016/j.smrv.2011.05.002).'",
        fix="Cite the study or report the figure comes from (first author, year and a DOI or "
        "link) in the same sentence or the next. If factlint suggests a curated source, check "
        "that it says what the article says before citing it.",
    ),
)

STATISTIC_OUT_OF_RANGE = RuleInfo(
    id="statistic-out-of-range",
    category="statistic",
    severity=Severity.WARNING,
    summary="A figure outside the curated, sourced range for its topic.",
    docs=RuleDocs(
        what="Compares each figure about a curated topic (restless legs syndrome, "
        "fibromyalgia, small-fibre neuropathy, autoimmune disease, common US health "
        "statistics; see `facts:` in the rule packs) with every sourced figure for the same "
        "question and population, and flags it when it fits none of them. The message quotes "
        "the closest curated figure and its source, and says so when the figure has no "
        "source nearby either (one finding, not a second statistic-unsourced one); "
        "suggestions list the other definitions of the same measure (the 'envelope'). "
        "'About', 'approximately' and 'nearly' allow for rounding; 'more than 12 million' "
        "must be below the top of a published range. A change ('by 40%', '50% less pain') is "
        "an effect size and is never compared with a prevalence.",
        why="A wrong number travels: an inflated prevalence or a ten-fold sex ratio is quoted "
        "from article to article. Checking against a curated, sourced figure catches the "
        "errors a careful medical editor would catch, and shows where the right number is.",
        example="'More than 12 million Americans have fibromyalgia.' is flagged: the CDC "
        "estimated about 5.0 million US adults, and published estimates run from 4 to 10 "
        "million. It becomes 'An estimated 4 to 10 million US adults have fibromyalgia "
        "(CDC; US Bone and Joint Initiative).'",
        fix="Check the figure against its source. Correct it, or qualify it (which population, "
        "which diagnostic criteria) and cite the source that supports it. If your source is "
        "better than factlint's, add it as a fact in your own rule pack.",
    ),
)


class _Settings:
    """Per-document :class:`Setting` factory: one :class:`Mentions` index per paragraph.

    The design looks for measure, region and topic words "in the claim's sentence". In text
    stripped of punctuation (a whole article read as one sentence) that would match words
    hundreds of words away, so a sentence longer than ``LONG_SENTENCE`` characters is read as
    the ``NEAR`` characters either side of the figure.
    """

    def __init__(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self._paragraphs: dict[int, Mentions] = {}
        title = document_title(analysis)
        self._title = Mentions(title) if title else None

    def of(self, claim: Claim) -> Setting:
        mentions = self._paragraphs.get(claim.block)
        if mentions is None:
            mentions = Mentions(self._analysis.document.blocks[claim.block].text)
            self._paragraphs[claim.block] = mentions
        start, end = claim.sentence_start, claim.sentence_end
        if end - start > LONG_SENTENCE:
            start, end = max(start, claim.start - NEAR), min(end, claim.end + NEAR)
        return Setting(mentions, start, end, self._title)


def _verdicts(analysis: Analysis) -> list[tuple[Claim, Verdict]]:
    """Every checked statistic with its verdict against the curated facts."""
    book = FactBook.from_rulebook(analysis.rulebook)
    settings = _Settings(analysis)
    out = []
    for claim in analysis.claims:
        if claim.kind == "statistic" and is_checked_statistic(claim, analysis):
            statistic = StatisticClaim.from_claim(claim)
            if not statistic.condition:
                condition = _condition_after(analysis, claim)
                if condition and not book.is_anaphor(condition):
                    statistic = dataclasses.replace(statistic, condition=condition)
            verdict = book.judge(statistic, settings.of(claim))
            out.append((claim, verdict))
    return out


CONDITION_WORDS = 4
CONDITION_VERB_REACH = 12
"""Tokens after a figure in which "have", "live with", "are diagnosed with" ... may stand."""


def _condition_after(analysis: Analysis, claim: Claim) -> str | None:
    """What the figure counts, when the claims stage did not recover it: the words after a
    condition verb that follows the figure ("97.6 million US adults, about 38% of the adult
    population, have prediabetes" counts prediabetes), so that a topic named elsewhere in
    the sentence ("... below the threshold for diabetes") is not taken for it."""
    verbs = lexicon_patterns(analysis.rulebook, "condition_verbs")
    if not verbs:
        return None
    doc = analysis.docs[claim.block]
    # the block's tokens, whose index of lexicon keys is built once and shared by its parts:
    # a block holding no condition verb (two set tests) holds none after the figure either
    toks = tokens_of(doc)
    if not verbs.may_match(toks):
        return None
    span = doc.char_span(claim.end, claim.sentence_end, alignment_mode="expand")
    if span is None:
        return None
    start, end = span.start, span.end
    for match in verbs.find(toks.part(start, min(end, start + CONDITION_VERB_REACH))):
        words = []
        for tok in toks[start + match.end : min(end, start + match.end + CONDITION_WORDS)]:
            if not tok.text[:1].isalpha():
                break
            words.append(tok.text)
        if words:
            return " ".join(words)
    return None


def verdicts(analysis: Analysis) -> list[tuple[Claim, Verdict]]:
    """The verdicts of one document, computed once for both statistic rules."""
    return analysis.shared("verdicts", lambda: _verdicts(analysis))


def out_of_range(analysis: Analysis) -> list[tuple[Claim, Figure]]:
    """The figures ``statistic-out-of-range`` reports, with the closest curated figure.

    A figure cited, in its own sentence, to the very study a curated fact on the same topic
    comes from is not second-guessed: the fact may hold only some of that study's figures (a
    trimester, a region), and the article points the reader to the full source.
    """

    def build() -> list[tuple[Claim, Figure]]:
        book = FactBook.from_rulebook(analysis.rulebook)
        found = evidence(analysis)
        out = []
        for claim, verdict in verdicts(analysis):
            closest = verdict.closest
            if not verdict.reportable or closest is None:
                continue
            if not _cites_curated_source(found, claim, book, closest.fact):
                out.append((claim, closest))
        return out

    return analysis.shared("out-of-range", build)


def _quote(claim: Claim) -> str:
    return " ".join(claim.text.split())


# --------------------------------------------------------------------------- unsourced


def unsourced(analysis: Analysis, claim: Claim) -> bool:
    """No traceable citation near the figure (``factlint.checks.sourcing`` says what "near" is)."""
    key = (claim.block, claim.sentence_start)
    return not evidence(analysis).sourced(key, (claim.start, claim.end))


@check(STATISTIC_UNSOURCED)
def find_unsourced_statistics(analysis: Analysis) -> Iterator[Finding]:
    """One finding per figure with no traceable source nearby. A figure that is out of range
    as well gets one finding, from ``statistic-out-of-range``, which says both."""
    wrong = {id(claim) for claim, _ in out_of_range(analysis)}
    for claim, verdict in verdicts(analysis):
        if id(claim) in wrong or not unsourced(analysis, claim):
            continue
        yield analysis.finding(
            STATISTIC_UNSOURCED,
            message=(
                f"The figure '{_quote(claim)}' has no source nearby, so readers cannot check "
                "it: cite the study or report (first author, year and a DOI or link) in this "
                "sentence or the next."
            ),
            block=claim.block,
            start=claim.start,
            end=claim.end,
            suggestions=_curated_sources(claim, verdict),
        )


def _curated_sources(claim: Claim, verdict: Verdict) -> tuple[str, ...]:
    """For a figure the curated facts accept: the source a writer could check and cite, and
    the caveat that goes with the figure."""
    out: list[str] = []
    facts: list[Mapping[str, Any]] = []
    for figure in verdict.accepting:
        if figure.fact not in facts:
            facts.append(figure.fact)
    for fact in facts[:2]:
        link = source_link(fact)
        text = f"A curated source for '{_quote(claim)}': {source_label(fact)}"
        out.append(f"{text} ({link})" if link else text)
    for caveat in verdict.caveats:
        out.append(f"Caveat for '{_quote(claim)}': {caveat}")
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------- out of range


@check(STATISTIC_OUT_OF_RANGE)
def find_out_of_range_statistics(analysis: Analysis) -> Iterator[Finding]:
    """One finding per figure outside every curated figure for its topic."""
    book = FactBook.from_rulebook(analysis.rulebook)
    for claim, closest in out_of_range(analysis):
        yield analysis.finding(
            STATISTIC_OUT_OF_RANGE,
            message=_out_of_range_message(claim, closest, unsourced(analysis, claim)),
            block=claim.block,
            start=claim.start,
            end=claim.end,
            suggestions=_envelope_suggestions(book, closest),
        )


def _out_of_range_message(claim: Claim, closest: Figure, no_source: bool) -> str:
    """Short and plain: the figure, the curated figure nearest to it and its source."""
    fact = closest.fact
    about = f"{fact.get('topic')} in {fact.get('population')}"
    curated = f"{format_window(closest)} ({_figure_label(closest)})"
    text = f"'{_quote(claim)}' does not fit the curated figure for {about}: {curated}."
    if no_source:
        return (
            f"{text} It has no source nearby either: correct it, or qualify it and cite the "
            "source that supports it (first author, year and a DOI or link)."
        )
    return f"{text} Check it against its source: correct it, or qualify it."


def _cites_curated_source(
    found: Evidence, claim: Claim, book: FactBook, closest: Mapping[str, Any]
) -> bool:
    """The claim's sentence cites (author and year, or DOI) the source of a curated fact on
    the claim's topic, or of one of its other figures."""
    cited: set[tuple[str, str]] = set()
    dois: set[str] = set()
    for citation in found.citations.get((claim.block, claim.sentence_start), ()):
        authors, year = citation.get("authors") or (), citation.get("year")
        if authors and year:
            cited.update((word.casefold(), str(year)) for word in str(authors[0]).split())
        if citation.get("doi"):
            dois.add(str(citation.get("doi")).casefold())
    if not cited and not dois:
        return False
    topic = closest.get("topic")
    for fact in book.facts:
        if fact.get("topic") != topic:
            continue
        source = fact.get("source") or {}
        if source.get("doi") and str(source["doi"]).casefold() in dois:
            return True
        names = _surnames(str(source.get("authors") or ""))
        if any(name in names and year == str(source.get("year")) for name, year in cited):
            return True
        for figure in fact.get("other_figures", ()):
            basis = str(figure.get("basis") or "")
            if any(
                year in basis and re.search(rf"\b{re.escape(name)}\b", basis.casefold())
                for name, year in cited
            ):
                return True
    return False


def _surnames(authors: str) -> set[str]:
    """The surname words of a source's first author ("Helvacı Yılmaz N" -> helvacı, yılmaz)."""
    first = authors.split(",")[0]
    return {
        word.casefold()
        for word in re.findall(r"[^\W\d_][\w'’-]*", first)
        if not (word.isupper() and len(word) <= 3)
    }


def _figure_label(figure: Figure) -> str:
    """Where a figure comes from, briefly: its fact's source, or an other figure's own basis
    ("women, same meta-analysis" names the fact's source and the subgroup)."""
    label = source_label(figure.fact)
    if figure.main or not figure.basis:
        return label
    basis = " ".join(str(figure.basis).split()).split(": ")[0]
    subgroup, same, _ = basis.partition(", same ")
    return f"{label}: {subgroup}" if same else basis


def _envelope_suggestions(book: FactBook, closest: Figure) -> tuple[str, ...]:
    fact = closest.fact
    out = []
    link = source_link(fact)
    if link:
        out.append(f"Source: {link}")
    for member in book.envelope_of(fact):
        tier = member.get("tier") or {}
        label = tier.get("label") if isinstance(tier, Mapping) else None
        window = _main_window(member)
        if window:
            out.append(f"{label or member.get('population')}: {window} ({source_label(member)})")
    return tuple(out)


def _main_window(fact: Mapping[str, Any]) -> str | None:
    unit = str(fact.get("unit"))
    rng = fact.get("range")
    if isinstance(rng, Mapping):
        figure = Figure(float(rng["low"]), float(rng["high"]), unit, fact, None)
        return format_window(figure)
    value = fact.get("value")
    if isinstance(value, (int, float)):
        return format_window(Figure(0, 0, unit, fact, float(value), ranged=False))
    return None
