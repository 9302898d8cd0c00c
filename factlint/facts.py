"""Curated facts: which facts a statistic claim is about, and whether its figure fits them.

This module is the one reading of the ``match`` / envelope / tier design documented in the
header of ``rules/facts.yaml`` (and, for editors, in ``docs/rules.md``). The statistic checks
and the tests both call it, so the data and the code cannot drift apart. One addition to the
design: a claim that names no population is read in its context (``_population_fits``), since
"a pooled prevalence of 30%" is about the group the paragraph is discussing.

    book = FactBook.from_rulebook(rulebook)
    verdict = book.judge(StatisticClaim.from_claim(claim), setting)
    verdict.accepted, verdict.closest, verdict.caveats

Everything the design leaves to data stays data: which facts exist, their terms, ranges and
tolerances come from ``rulebook.facts``; the approximate qualifiers and the anaphors that send
the topic search to the paragraph come from the ``approximate_qualifiers`` and
``statistic_anaphors`` lexicons of ``rules/checks.yaml``.

Cost: a claim is compared with every fact (a few dozen), each comparison a handful of regex
searches over short strings. Searches in the claim's paragraph go through :class:`Mentions`,
which finds each term list's occurrences in a paragraph once, so many claims in one paragraph
do not rescan it.

The second half holds small readers for check data in rule packs (lexicon patterns, word lists,
one-value settings), compiled once per rulebook and shared by the check modules (what they
share about one document is kept on it: ``Analysis.shared``).
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from factlint.claims import Claim
from factlint.claims.lexicon import ClaimLexicon, PatternSet, word_set
from factlint.claims.statistics import CHANGE
from factlint.errors import ConfigError, LexiconEntryError
from factlint.rulebook import Rulebook

CONVERTS_TO: Mapping[str, str] = {
    "percent": "percent",
    "fraction": "percent",
    "ratio": "percent",
    "people": "people",
    "count": "count",
    "fold": "ratio",
}
"""Claim unit -> the fact unit it is compared in ("1 in 5" is 20%, "10 times" is 10:1)."""

TERM_KEYS: tuple[str, ...] = ("population_terms", "region_terms", "measure_terms")
"""Keys that make an ``other_figures`` entry a sub-figure (it applies only when they match)."""

DEFAULT_TOLERANCE = 0.15
DEFAULT_APPROXIMATE: tuple[str, ...] = ("about", "approximately", "nearly", "estimated")
DEFAULT_ANAPHOR = re.compile(
    r"(?:this|the|that|these|those)\s+(?:disease|condition|disorder|syndrome|illness)s?|it",
    re.IGNORECASE,
)
"""Used when no pack gives ``statistic_anaphors``."""
REGEX_LEXICONS: frozenset[str] = frozenset(
    {
        "disclaimer_patterns",
        "statistic_anaphors",
        "statistic_count_not_followed_by",
        "statistic_hypothetical",
        "statistic_intake_before",
        "statistic_not_followed_by",
        "statistic_sample_before",
    }
)
"""The lexicons read as regular expressions (:func:`lexicon_regex`). ``Linter.create`` compiles
them all (:func:`compile_regex_lexicons`), so a bad entry in a pack is reported before any file
is read, not only when some document first reaches the test that uses it."""
CONFIDENCE_RANK: Mapping[str, int] = {"high": 3, "medium": 2, "low": 1}
FRACTION_SLACK = 0.10
"""Fractions and "1 in N" are widened by 10% of their value ("a third" is 30-36.7%)."""
_SCALE_FACTOR = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_FIGURES_LIMIT = 1024
"""Facts and units whose main figures a ``FactBook`` keeps (its own facts need a few hundred)."""


# --------------------------------------------------------------------------- term matching


def clean(text: str) -> str:
    """Hyphens and slashes as spaces, curly apostrophes straight: "Willis-Ekbom" = "Willis
    Ekbom", "RLS/WED" = "RLS WED". Length-preserving, so offsets stay valid."""
    return text.replace("\u2019", "'").replace("-", " ").replace("/", " ")


@functools.lru_cache(maxsize=4096)
def term_patterns(terms: tuple[str, ...]) -> tuple[re.Pattern[str] | None, ...]:
    """One case-sensitive regex for the terms in CAPITALS, one case-insensitive for the rest.

    An acronym ("MS", "WED") matches only in capitals, so "ms" and "wed" are not taken for it.
    """
    exact: list[str] = []
    folded: list[str] = []
    for term in terms:
        words = clean(str(term)).split()
        if not words:
            continue
        body = r"\s+".join(re.escape(word) for word in words)
        (exact if str(term).upper() == str(term) else folded).append(body)

    def build(parts: list[str], flags: int) -> re.Pattern[str] | None:
        if not parts:
            return None
        parts.sort(key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)

    return build(exact, 0), build(folded, re.IGNORECASE)


def _terms_key(terms: Iterable[Any] | None) -> tuple[str, ...]:
    if type(terms) is tuple:  # rulebook data is frozen into tuples already: no copy
        return terms
    return tuple(str(term) for term in terms or ())


def has_term(terms: Iterable[Any] | None, text: str | None) -> bool:
    """Whether one of ``terms`` occurs in ``text`` as whole words (the facts.yaml rule)."""
    key = _terms_key(terms)
    if not key or not text:
        return False
    return _has_term(key, text)


@functools.lru_cache(maxsize=65536)
def _has_term(key: tuple[str, ...], text: str) -> bool:
    # Cached: every claim is compared with every fact, and facts share their term lists.
    haystack = clean(text)
    return any(regex.search(haystack) for regex in term_patterns(key) if regex is not None)


def remove_terms(terms: Iterable[Any] | None, text: str) -> str:
    """``text`` with every occurrence of ``terms`` blanked out."""
    result = clean(text)
    for regex in term_patterns(_terms_key(terms)):
        if regex is not None:
            result = regex.sub(" ", result)
    return result


_WORD = re.compile(r"\w+")
_ASCII_FOLDS = frozenset("\u0130\u0131\u017f\u212a")
"""The non-ASCII characters case-insensitive ``re`` matches with an ASCII letter ("ı" with
"i", "ſ" with "s", the Kelvin sign with "k") or whose lowercase holds one ("İ")."""
_ASCII_NON_WORD = str.maketrans(
    {code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
)
"""Every ASCII character outside ``\\w`` as a space: splitting ASCII text translated by it
gives its ``\\w+`` runs, twice as fast as ``findall``."""


@functools.lru_cache(maxsize=4096)
def _term_words(terms: tuple[str, ...]) -> frozenset[str] | None:
    """One lowercase word of each term, which every occurrence of the term holds as a whole
    word (a maximal ``\\w+`` run): a text whose words (``_words_of``) miss all of them holds
    none of the terms. ``None`` when a term has no word or is not ASCII: for non-ASCII letters
    case-insensitive ``re`` and ``str.lower`` disagree ("ς" matches "σ"), so the test is unsound.

    The terms' regexes (``term_patterns``) put ``(?<!\\w)``, ``(?!\\w)`` or a non-word
    character around each maximal word run of a term, so the run cannot be part of a longer
    word in the text; the longest run is kept, as the rarest.
    """
    words = set()
    for term in terms:
        body = clean(str(term))
        if not body.split():
            continue  # term_patterns leaves it out too
        runs = _WORD.findall(body.lower())
        if not runs or not body.isascii():
            return None
        words.add(max(runs, key=len))
    return frozenset(words)


def _words_of(text: str) -> set[str] | None:
    """The lowercase words (maximal ``\\w+`` runs) of ``text``, which an ASCII term occurs in
    only if its ``_term_words`` word is among them; ``None`` when a character of the text may
    match an ASCII letter without being one (``_ASCII_FOLDS``)."""
    if text.isascii():
        return set(text.lower().translate(_ASCII_NON_WORD).split())
    if not _ASCII_FOLDS.isdisjoint(text):
        return None
    # runs found before lowercasing, as the regexes see them; a lowercased run that holds any
    # other non-ASCII character equals no ASCII word
    return {word.lower() for word in _WORD.findall(text)}


class Mentions:
    """Where each term list occurs in one text (a paragraph, the title).

    Occurrences are found once per term list and kept sorted, so asking "in this sentence?" or
    "earlier in the paragraph?" for many claims costs a binary search, not a rescan. Most term
    lists occur nowhere in a paragraph: a set test of its words against one word of each term
    (``_term_words``) answers those without running the regexes.
    """

    def __init__(self, text: str) -> None:
        self._text = clean(text)
        self._starts: dict[tuple[str, ...], list[int]] = {}
        self._words = _words_of(self._text)

    def starts(self, terms: Iterable[Any] | None) -> list[int]:
        """Sorted start offsets of every occurrence of ``terms``."""
        key = _terms_key(terms)
        found = self._starts.get(key)
        if found is None:
            words = self._words
            needed = _term_words(key) if words is not None else None
            if words is not None and needed is not None and words.isdisjoint(needed):
                found = []
            else:
                found = sorted(
                    match.start()
                    for regex in term_patterns(key)
                    if regex is not None
                    for match in regex.finditer(self._text)
                )
            self._starts[key] = found
        return found

    def between(self, terms: Iterable[Any] | None, start: int, end: int) -> bool:
        starts = self.starts(terms)
        index = bisect.bisect_left(starts, start)
        return index < len(starts) and starts[index] < end

    def last_before(self, terms: Iterable[Any] | None, offset: int) -> int:
        """Start of the last occurrence before ``offset``, or -1."""
        starts = self.starts(terms)
        index = bisect.bisect_left(starts, offset)
        return starts[index - 1] if index else -1

    def anywhere(self, terms: Iterable[Any] | None) -> bool:
        return bool(self.starts(terms))


@dataclass(frozen=True)
class Setting:
    """Where a claim stands: its paragraph (and the sentence's span in it) and the title.

    The design looks for terms "in the claim's sentence", "earlier in the same paragraph" and
    "in the document title"; this is the one place those three are answered.
    """

    paragraph: Mentions
    sentence_start: int
    sentence_end: int
    title: Mentions | None = None

    @classmethod
    def of_text(cls, sentence: str, paragraph: str = "", title: str = "") -> Setting:
        """A setting from plain strings: ``paragraph`` is the text before the sentence."""
        before = f"{paragraph} " if paragraph else ""
        return cls(
            Mentions(before + sentence),
            len(before),
            len(before) + len(sentence),
            Mentions(title) if title else None,
        )

    def in_sentence(self, terms: Iterable[Any] | None) -> bool:
        return self.paragraph.between(terms, self.sentence_start, self.sentence_end)

    def earlier(self, terms: Iterable[Any] | None) -> int:
        return self.paragraph.last_before(terms, self.sentence_start)

    def in_context(self, terms: Iterable[Any] | None) -> bool:
        """In the sentence, or earlier in the paragraph."""
        return self.in_sentence(terms) or self.earlier(terms) >= 0

    def in_paragraph_or_title(self, terms: Iterable[Any] | None) -> bool:
        return self.paragraph.anywhere(terms) or self.in_title(terms)

    def in_title(self, terms: Iterable[Any] | None) -> bool:
        return self.title is not None and self.title.anywhere(terms)


# --------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class StatisticClaim:
    """The parts of a statistic claim the match design reads.

    ``value`` is in the claim's own unit (people and counts with their scale applied, a range
    as ``[low, high]``); ``percent`` is the claim's percentage for fractions and "1 in N";
    ``written`` is the figure as written, whose last digit sets the rounding allowance.
    """

    value: Any
    unit: str
    qualifier: str | None = None
    condition: str | None = None
    population: str | None = None
    percent: float | None = None
    written: str = ""
    scale: str | None = None
    measure: str | None = None
    """``change`` for an effect size ("by 40%", "50% less pain"): no curated prevalence,
    count or ratio speaks to it."""

    @classmethod
    def from_claim(cls, claim: Claim) -> StatisticClaim:
        return cls(
            value=claim.get("value"),
            unit=str(claim.get("unit")),
            qualifier=claim.get("qualifier"),
            condition=claim.get("condition"),
            population=claim.get("population"),
            percent=claim.get("percent"),
            written=claim.text,
            scale=claim.get("scale"),
            measure=claim.get("measure"),
        )

    def points(self) -> tuple[float, ...]:
        """The figure(s) in the unit facts are compared in: one point, or a range's two ends."""
        if self.unit in ("fraction", "ratio"):
            return (float(self.percent),) if isinstance(self.percent, (int, float)) else ()
        value = self.value
        if isinstance(value, (list, tuple)):
            numbers = [float(v) for v in value if isinstance(v, (int, float))]
            return (min(numbers), max(numbers)) if len(numbers) == 2 else ()
        return (float(value),) if isinstance(value, (int, float)) else ()

    def slack(self, approximate: Iterable[str] = DEFAULT_APPROXIMATE) -> float:
        """The rounding allowance: half a unit of the last written digit for "about 10%"
        (9.5-10.5) or "about 12 million" (11.5-12.5 million); 10% of the value for fractions
        and "1 in N" whatever the qualifier; none for a bare figure."""
        points = self.points()
        if not points:
            return 0.0
        if self.unit in ("fraction", "ratio"):
            return abs(points[0]) * FRACTION_SLACK
        if (self.qualifier or "").lower() not in {q.lower() for q in approximate}:
            return 0.0
        digits = re.search(r"\d[\d,]*(?:\.(\d+))?", self.written)
        decimals = len(digits.group(1) or "") if digits else 0
        factor = _SCALE_FACTOR.get(self.scale or "", 1) if self.unit in ("people", "count") else 1
        return 0.5 * (10.0**-decimals) * factor


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One accepted window of a fact: its range, or its value give or take the tolerance."""

    low: float
    high: float
    unit: str
    fact: Mapping[str, Any] = field(compare=False)
    value: float | None = None
    basis: str | None = None
    main: bool = True
    """False for an ``other_figures`` entry."""
    ranged: bool = True
    """False: a value with the tolerance around it, not a published range."""

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def confidence(self) -> int:
        return CONFIDENCE_RANK.get(str(self.fact.get("confidence")), 0)


@dataclass(frozen=True)
class Verdict:
    """What the design decides for one claim."""

    claim: StatisticClaim
    candidates: tuple[Mapping[str, Any], ...] = ()
    figures: tuple[Figure, ...] = ()
    accepting: tuple[Figure, ...] = ()
    closest: Figure | None = None
    caveats: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        return bool(self.accepting)

    @property
    def reportable(self) -> bool:
        """Outside every figure, and not only low-confidence facts speak against it."""
        if self.accepted or self.closest is None:
            return False
        return any(fact.get("confidence") != "low" for fact in self.candidates)


class _Topic(NamedTuple):
    """A fact with the parts of its ``match`` that say which topic it is about."""

    fact: Mapping[str, Any]
    in_population: bool
    """``topic_in: population``: the claim's population names the topic, not its condition."""
    terms: tuple[str, ...]
    """The ``topic_terms``."""


class _Pool(NamedTuple):
    """The facts compared with claims of one unit (``FactBook._pool``), read by every claim.

    Many facts share a topic's terms: the topics named by a claim's condition (all but the
    ``topic_in: population`` ones) are listed with their distinct term lists, so each list is
    looked for once per claim.
    """

    topics: tuple[_Topic, ...]
    named: tuple[_Topic, ...]
    """The ``topic_in: population`` topics."""
    conditional: tuple[_Topic, ...]
    """The other topics, named by the claim's condition or, for an anaphor, its context."""
    terms: tuple[tuple[str, ...], ...]
    """The distinct term lists of ``conditional``."""
    slots: tuple[int, ...]
    """For each topic of ``topics``, the index of its terms in ``terms`` (-1 for a named one)."""
    conditional_slots: tuple[int, ...]
    """For each topic of ``conditional``, the index of its terms in ``terms``."""


class FactBook:
    """The curated facts of a rulebook, ready to judge statistic claims."""

    def __init__(
        self,
        facts: Sequence[Mapping[str, Any]],
        *,
        approximate: Iterable[str] = DEFAULT_APPROXIMATE,
        anaphor: re.Pattern[str] = DEFAULT_ANAPHOR,
    ) -> None:
        self.facts = tuple(fact for fact in facts if isinstance(fact.get("match"), Mapping))
        self.by_id = {str(fact["id"]): fact for fact in self.facts}
        self.approximate = tuple(approximate)
        self._anaphor = anaphor
        envelopes: dict[str, list[Mapping[str, Any]]] = {}
        for fact in self.facts:
            if fact.get("envelope"):
                envelopes.setdefault(str(fact["envelope"]), []).append(fact)
        self.envelopes = {name: sorted(group, key=_tier_rank) for name, group in envelopes.items()}
        self._pools: dict[str, _Pool] = {}
        self._main_figures: dict[
            tuple[int, str | None], tuple[Mapping[str, Any], tuple[Figure, ...]]
        ] = {}

    @classmethod
    def from_rulebook(cls, rulebook: Rulebook) -> FactBook:
        """The fact book of a rulebook, built once per rulebook."""
        return per_rulebook(rulebook, "factbook", lambda: cls._build(rulebook))

    @classmethod
    def _build(cls, rulebook: Rulebook) -> FactBook:
        return cls(
            rulebook.facts,
            approximate=lexicon_words(rulebook, "approximate_qualifiers") or DEFAULT_APPROXIMATE,
            anaphor=lexicon_regex(rulebook, "statistic_anaphors") or DEFAULT_ANAPHOR,
        )

    # ----------------------------------------------------------------- which facts?

    def is_anaphor(self, condition: str | None) -> bool:
        """A condition missing or named only by reference ("this disease", "it")."""
        return (
            not condition
            or not condition.strip()
            or bool(self._anaphor.fullmatch(condition.strip()))
        )

    def candidates(self, claim: StatisticClaim, setting: Setting) -> list[Mapping[str, Any]]:
        """The facts the claim is about (step "match" of the design, region precedence last)."""
        topical = self._topical(self._pool(claim.unit), claim, setting)
        kept = [fact for fact in topical if self._fits(fact, claim, setting)]
        regional = [
            fact
            for fact in kept
            if fact["match"].get("region_terms")
            and (
                has_term(fact["match"]["region_terms"], claim.population)
                or setting.in_sentence(fact["match"]["region_terms"])
            )
        ]
        if regional:
            return regional
        return [fact for fact in kept if not fact["match"].get("region_terms")]

    def _pool(self, unit: str) -> _Pool:
        """The facts whose ``claim_units`` hold ``unit``, with their topics, listed once per
        unit: every claim reads them."""
        pool = self._pools.get(unit)
        if pool is None:
            topics = tuple(
                _Topic(
                    fact,
                    fact["match"].get("topic_in") == "population",
                    _terms_key(fact["match"].get("topic_terms")),
                )
                for fact in self.facts
                if unit in fact["match"].get("claim_units", ())
            )
            conditional = tuple(topic for topic in topics if not topic.in_population)
            terms = tuple(dict.fromkeys(topic.terms for topic in conditional))
            slots = tuple(-1 if t.in_population else terms.index(t.terms) for t in topics)
            pool = self._pools[unit] = _Pool(
                topics,
                tuple(topic for topic in topics if topic.in_population),
                conditional,
                terms,
                slots,
                tuple(terms.index(topic.terms) for topic in conditional),
            )
        return pool

    def _topical(
        self, pool: _Pool, claim: StatisticClaim, setting: Setting
    ) -> list[Mapping[str, Any]]:
        """Facts whose topic the claim names; an anaphoric claim takes the nearest topic (after
        the ``topic_in: population`` facts its population names)."""
        if self.is_anaphor(claim.condition):
            found = [topic.fact for topic in pool.named if has_term(topic.terms, claim.population)]
            if pool.conditional:
                found.extend(self._resolve_anaphor(pool, setting))
            return found
        named = [has_term(terms, claim.condition) for terms in pool.terms]
        return [
            topic.fact
            for topic, slot in zip(pool.topics, pool.slots, strict=True)
            if (has_term(topic.terms, claim.population) if slot < 0 else named[slot])
        ]

    @staticmethod
    def _resolve_anaphor(pool: _Pool, setting: Setting) -> list[Mapping[str, Any]]:
        """The claim's sentence first, then backwards through the paragraph (nearest topic
        wins), then the title, for the pool's ``conditional`` topics. Many facts share a
        topic's terms, so each term list is looked up once."""
        topics = tuple(zip(pool.conditional, pool.conditional_slots, strict=True))
        in_sentence = [setting.in_sentence(terms) for terms in pool.terms]
        if any(in_sentence):
            return [topic.fact for topic, slot in topics if in_sentence[slot]]
        earlier = [setting.earlier(terms) for terms in pool.terms]
        nearest = max(earlier, default=-1)
        if nearest >= 0:
            return [topic.fact for topic, slot in topics if earlier[slot] == nearest]
        in_title = [setting.in_title(terms) for terms in pool.terms]
        return [topic.fact for topic, slot in topics if in_title[slot]]

    def _fits(self, fact: Mapping[str, Any], claim: StatisticClaim, setting: Setting) -> bool:
        match = fact["match"]
        if not self._population_fits(fact, claim, setting):
            return False
        if match.get("measure_terms") and not setting.in_sentence(match["measure_terms"]):
            return False
        return not (
            match.get("context_terms") and not setting.in_paragraph_or_title(match["context_terms"])
        )

    def _population_fits(
        self, fact: Mapping[str, Any], claim: StatisticClaim, setting: Setting
    ) -> bool:
        """population_terms / population_excludes; sub-figures refine, never bypass, them.

        A claim that names no population ("a pooled prevalence of 30%") is about the group the
        text is discussing: population_terms are looked for in its sentence, then earlier in
        its paragraph, and population_excludes in its sentence.
        """
        match = fact["match"]
        wanted = match.get("population_terms") or ()
        if wanted:
            if claim.population:
                return has_term(wanted, claim.population)
            return setting.in_context(wanted)
        excludes = match.get("population_excludes") or ()
        if not claim.population:
            return not setting.in_sentence(excludes)
        if not has_term(excludes, claim.population):
            return True
        return any(
            not has_term(excludes, remove_terms(figure["population_terms"], claim.population or ""))
            for figure in self.sub_figures(fact, claim, setting)
            if figure.get("population_terms")
        )

    @staticmethod
    def sub_figures(
        fact: Mapping[str, Any], claim: StatisticClaim, setting: Setting
    ) -> list[Mapping[str, Any]]:
        """``other_figures`` entries whose own terms all match the claim."""
        found = []
        for figure in fact.get("other_figures", ()):
            keys = [key for key in TERM_KEYS if key in figure]
            if not keys:
                continue
            if all(
                has_term(figure[key], claim.population)
                or (key != "population_terms" and setting.in_sentence(figure[key]))
                for key in keys
            ):
                found.append(figure)
        return found

    # ----------------------------------------------------------------- which figures?

    def figures(
        self, fact: Mapping[str, Any], claim: StatisticClaim, setting: Setting
    ) -> list[Figure]:
        """The fact's figures in the unit the claim converts to (a matching sub-figure
        replaces the main figure; plain other figures add to it)."""
        unit = CONVERTS_TO.get(claim.unit)
        tolerance = float(fact["match"].get("tolerance", DEFAULT_TOLERANCE))
        specific = [f for f in self.sub_figures(fact, claim, setting) if f.get("unit") == unit]
        if specific:
            return _figures(fact, [(f, False) for f in specific], unit, tolerance)
        # the main and plain figures depend on the fact alone: made once per fact and unit
        # (figures are frozen), kept with the fact so that a reused id cannot return them
        key = (id(fact), unit)
        hit = self._main_figures.get(key)
        if hit is None or hit[0] is not fact:
            main: dict[str, Any] = {"unit": fact.get("unit")}
            if isinstance(fact.get("range"), Mapping):
                main.update(low=fact["range"]["low"], high=fact["range"]["high"])
            if "value" in fact:
                main["value"] = fact["value"]
            plain = [f for f in fact.get("other_figures", ()) if not set(f) & set(TERM_KEYS)]
            entries = [(main, True)] + [(f, False) for f in plain]
            if len(self._main_figures) >= _FIGURES_LIMIT:
                self._main_figures.clear()
            hit = self._main_figures[key] = (fact, tuple(_figures(fact, entries, unit, tolerance)))
        return list(hit[1])

    # ----------------------------------------------------------------- the verdict

    def judge(self, claim: StatisticClaim, setting: Setting) -> Verdict:
        """Candidates, their figures, and whether the claim fits any of them."""
        points = claim.points() if claim.measure != CHANGE else ()
        candidates = tuple(self.candidates(claim, setting)) if points else ()
        figures = tuple(f for fact in candidates for f in self.figures(fact, claim, setting))
        if not figures:
            return Verdict(claim, candidates)
        slack = claim.slack(self.approximate)
        accepting = tuple(f for f in figures if compatible(claim, points, slack, f))
        if accepting:
            return Verdict(claim, candidates, figures, accepting, None, self._caveats(accepting))
        closest = min(
            figures,
            key=lambda f: (distance(claim, points, slack, f), -f.confidence, f.width),
        )
        return Verdict(claim, candidates, figures, (), closest)

    def _caveats(self, accepting: Sequence[Figure]) -> tuple[str, ...]:
        """Step 4: notes when only a looser tier, or a fact with a caveat, accepts the claim."""
        notes: list[str] = []
        for figure in accepting:
            caveat = figure.fact.get("caveat")
            if caveat and str(caveat).strip() not in notes:
                notes.append(" ".join(str(caveat).split()))
        if notes:
            return tuple(notes)
        tiers = [f for f in accepting if f.fact.get("envelope") and f.fact.get("tier")]
        if tiers and len(tiers) == len(accepting):
            strictest = {
                name: max((_tier_rank(m) for m in group if m.get("tier")), default=0)
                for name, group in self.envelopes.items()
            }
            if all(_tier_rank(f.fact) < strictest.get(str(f.fact["envelope"]), 0) for f in tiers):
                group = self.envelopes[str(tiers[0].fact["envelope"])]
                strict = [m for m in group if _tier_rank(m) == strictest[str(m["envelope"])]]
                if strict:
                    notes.append(" ".join(str(strict[0].get("statement", "")).split()))
        return tuple(notes)

    def envelope_of(self, fact: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The other members of the fact's envelope, loosest tier first."""
        name = fact.get("envelope")
        if not name:
            return []
        return [m for m in self.envelopes.get(str(name), []) if m.get("id") != fact.get("id")]


def _tier_rank(fact: Mapping[str, Any]) -> int:
    tier = fact.get("tier")
    if isinstance(tier, Mapping) and isinstance(tier.get("rank"), (int, float)):
        return int(tier["rank"])
    return 10_000  # untiered envelope members after the tiers


def _figures(
    fact: Mapping[str, Any],
    entries: Sequence[tuple[Mapping[str, Any], bool]],
    unit: str | None,
    tolerance: float,
) -> list[Figure]:
    """The figures of ``entries`` (an entry and whether it is the fact's main figure) in
    ``unit``."""
    out = []
    for entry, is_main in entries:
        if entry.get("unit") != unit:
            continue
        figure = _figure(entry, fact, tolerance, is_main)
        if figure is not None:
            out.append(figure)
    return out


def _figure(
    entry: Mapping[str, Any], fact: Mapping[str, Any], tolerance: float, main: bool
) -> Figure | None:
    value = entry.get("value")
    value = float(value) if isinstance(value, (int, float)) else None
    low, high = entry.get("low"), entry.get("high")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        bounds = (float(low), float(high))
    elif value is not None:
        bounds = (value * (1 - tolerance), value * (1 + tolerance))
    else:
        return None
    ranged = isinstance(low, (int, float)) and isinstance(high, (int, float))
    basis = entry.get("basis")
    return Figure(*bounds, str(entry.get("unit")), fact, value, basis, main, ranged)


def compatible(claim: StatisticClaim, points: Sequence[float], slack: float, f: Figure) -> bool:
    """Step 2 of the design: does the claimed figure fit this window?"""
    qualifier = (claim.qualifier or "").lower()
    if len(points) == 2:  # a range claim: both ends must fit (each as a point)
        return all(f.low <= p + slack and p - slack <= f.high for p in points)
    x = points[0]
    if qualifier == "more than":
        return x < f.high
    if qualifier == "at least":
        return x <= f.high
    if qualifier in ("up to", "at most"):
        return f.low <= x <= f.high
    if qualifier == "less than":
        return x > f.low
    return x + slack >= f.low and x - slack <= f.high


def distance(claim: StatisticClaim, points: Sequence[float], slack: float, f: Figure) -> float:
    """How far the claimed figure lies outside the window (0 inside), in the figure's unit."""
    qualifier = (claim.qualifier or "").lower()
    if len(points) == 1 and qualifier in ("more than", "at least"):
        return max(0.0, points[0] - f.high)
    if len(points) == 1 and qualifier == "less than":
        return max(0.0, f.low - points[0])
    low, high = min(points) - slack, max(points) + slack
    return max(0.0, f.low - high, low - f.high)


# --------------------------------------------------------------------------- wording


def format_amount(value: float, unit: str) -> str:
    """A figure the way an article writes it: "5.0 million", "9.4%", "2.3 to 1", "80"."""
    if unit == "percent":
        return f"{_number(value)}%"
    if unit == "ratio":
        return f"{_number(value)} to 1"
    if unit in ("people", "count") and abs(value) >= 1e6:
        return f"{_number(value / 1e6, 1)} million"
    if unit in ("people", "count") and abs(value) >= 1e4:
        return f"{value:,.0f}"
    return _number(value)


def format_window(figure: Figure) -> str:
    """A figure's window: its value for a value-only figure, else "low-high"."""
    if figure.value is not None and not figure.ranged:
        return "about " + format_amount(figure.value, figure.unit)
    low, high = format_amount(figure.low, figure.unit), format_amount(figure.high, figure.unit)
    text = f"{low}-{high}"
    for suffix in ("%", " million", " to 1"):
        if low.endswith(suffix) and high.endswith(suffix):
            text = f"{low[: -len(suffix)]}-{high}"
    if figure.value is not None:
        text = f"{format_amount(figure.value, figure.unit)} ({text})"
    return text


def _number(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text or "0"


def source_label(fact: Mapping[str, Any]) -> str:
    """A short citation of a fact's source: "Ohayon MM et al., Sleep Medicine Reviews, 2012"."""
    source = fact.get("source") or {}
    parts = []
    authors = source.get("authors")
    if authors:
        authors = " ".join(str(authors).split())
        names = [a.strip() for a in authors.split(",") if a.strip()]
        if len(names) > 1 and all(re.match(r"^[^\W\d][\w'’-]* [A-Z]{1,3}$", n) for n in names[:2]):
            authors = f"{names[0]} et al."
        parts.append(authors)
    if source.get("journal"):
        parts.append(str(source["journal"]))
    elif source.get("title") and not authors:
        parts.append(" ".join(str(source["title"]).split()))
    if source.get("year"):
        parts.append(str(source["year"]))
    return ", ".join(parts) or str(fact.get("id"))


def source_link(fact: Mapping[str, Any]) -> str | None:
    """The DOI (as a link) or URL of a fact's source, if any."""
    source = fact.get("source") or {}
    if source.get("doi"):
        return f"https://doi.org/{source['doi']}"
    if source.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{source['pmid']}/"
    url = source.get("url")
    return str(url) if url else None


# --------------------------------------------------------------------------- pack data

T = TypeVar("T")
_CACHE_LOCK = threading.Lock()
_CACHE: dict[tuple[int, str], tuple[object, object]] = {}
_CACHE_LIMIT = 256


def per_rulebook(rulebook: Rulebook, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per rulebook: compiled check data shared by every document.

    Keyed by the identity of the rulebook's lexicon mapping (a rulebook is immutable and
    unhashable); the stored reference keeps a reused id from returning stale data.
    """
    key = (id(rulebook.lexicons), name)
    hit = _CACHE.get(key)  # one dict lookup is atomic: only building and storing take the lock
    if hit is not None and hit[0] is rulebook.lexicons:
        return hit[1]  # type: ignore[return-value]
    value = build()
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = (rulebook.lexicons, value)
    return value


def lexicon_entries(rulebook: Rulebook, name: str) -> tuple[Any, ...]:
    """The raw entries of a lexicon (empty when no pack defines it)."""
    return tuple(rulebook.lexicons.get(name, ()))


def lexicon_strings(rulebook: Rulebook, name: str) -> tuple[str, ...]:
    """A lexicon's entries as strings (a mapping entry gives its ``pattern``)."""
    texts = (_entry_text(entry) for entry in lexicon_entries(rulebook, name))
    return tuple(text for text in texts if text is not None)


def _entry_text(entry: Any) -> str | None:
    """An entry's text (a mapping entry gives its ``pattern``); None when blank."""
    text = entry.get("pattern") if isinstance(entry, Mapping) else entry
    return str(text) if text is not None and str(text).strip() else None


def lexicon_words(rulebook: Rulebook, name: str) -> frozenset[str]:
    """A lexicon of single words (or ``a|b`` alternatives), lowercased."""
    return per_rulebook(
        rulebook, f"words:{name}", lambda: word_set(lexicon_entries(rulebook, name))
    )


def claim_lexicon(rulebook: Rulebook) -> ClaimLexicon:
    """The claim extractors' lexicon of a rulebook (its packs' lexicons and journals), built
    once and shared by the engine and the checks that read claims again."""
    return per_rulebook(
        rulebook,
        "claim-lexicon",
        lambda: report_entry_errors(
            rulebook, lambda: ClaimLexicon.from_mapping(rulebook.lexicons, rulebook.journals)
        ),
    )


def tagged_patterns(rulebook: Rulebook, name: str, tags: Mapping[str, str]) -> PatternSet:
    """Several lexicons as one set (one scan finds them all), each entry with ``lexicon:`` set
    to its lexicon's tag in ``tags`` (lexicon name -> tag)."""

    def build() -> PatternSet:
        entries: list[Mapping[str, Any]] = []
        written: list[tuple[str, int]] = []
        for lexicon, tag in tags.items():
            for index, entry in enumerate(lexicon_entries(rulebook, lexicon)):
                mapping = dict(entry) if isinstance(entry, Mapping) else {"pattern": str(entry)}
                entries.append({**mapping, "lexicon": tag})
                written.append((lexicon, index))
        try:
            return PatternSet(name, entries)
        except LexiconEntryError as error:
            raise _entry_error(rulebook, *written[error.index], error.problem) from None

    return per_rulebook(rulebook, f"tagged:{name}", build)


def report_entry_errors(rulebook: Rulebook, build: Callable[[], T]) -> T:
    """``build()``, with a lexicon entry that does not compile (``LexiconEntryError``) reported
    as a config error that names the pack, the line and the entry (``Rulebook.origin_of``)."""
    try:
        return build()
    except LexiconEntryError as error:
        raise _entry_error(rulebook, error.name, error.index, error.problem) from None


def _entry_error(rulebook: Rulebook, lexicon: str, index: int, problem: str) -> ConfigError:
    """``pack.yaml:LINE: lexicons.NAME[K]: problem`` for entry ``index`` of a merged lexicon."""
    return ConfigError(f"{rulebook.origin_of(lexicon, index)}: {problem}")


def lexicon_patterns(rulebook: Rulebook, name: str) -> PatternSet:
    """A lexicon compiled as token patterns (the syntax of ``rules/lexicons.yaml``)."""
    return per_rulebook(
        rulebook,
        f"patterns:{name}",
        lambda: report_entry_errors(
            rulebook, lambda: PatternSet(name, lexicon_entries(rulebook, name))
        ),
    )


def lexicon_regex(rulebook: Rulebook, name: str) -> re.Pattern[str] | None:
    """A lexicon of regular expressions joined into one case-insensitive pattern (``name`` must
    be one of :data:`REGEX_LEXICONS`, so that the linter compiles it before the first file)."""
    if name not in REGEX_LEXICONS:
        raise ValueError(f"lexicon {name!r} is read as regexes but not in REGEX_LEXICONS")

    def build() -> re.Pattern[str] | None:
        texts = [_entry_text(entry) for entry in lexicon_entries(rulebook, name)]
        parts = [f"(?:{text})" for text in texts if text is not None]
        if not parts:
            return None
        try:
            return re.compile("|".join(parts), re.IGNORECASE)
        except re.error as joined:
            # Blame the entry: alone (positions in the entry as written), then as joined, where
            # a global flag such as "(?i)" is refused inside the group.
            for index, text in enumerate(texts):
                for form in (text, f"(?:{text})") if text is not None else ():
                    try:
                        re.compile(form)
                    except re.error as error:
                        problem = f"invalid regular expression: {error}"
                        raise _entry_error(rulebook, name, index, problem) from None
            raise ConfigError(f"lexicons.{name}: invalid regular expression: {joined}") from None

    return per_rulebook(rulebook, f"regex:{name}", build)


def compile_regex_lexicons(rulebook: Rulebook) -> None:
    """Compile every regex lexicon of the rulebook (raises ConfigError naming the pack, line
    and entry of one that does not compile)."""
    for name in sorted(REGEX_LEXICONS):
        lexicon_regex(rulebook, name)


def lexicon_phrases(rulebook: Rulebook, name: str) -> re.Pattern[str] | None:
    """A lexicon of literal phrases as one case-insensitive pattern: whole words, any run of
    white space between words, straight or curly apostrophes alike."""

    def build() -> re.Pattern[str] | None:
        parts = []
        for entry in lexicon_strings(rulebook, name):
            words = [
                "".join("['\u2019]" if ch in "'\u2019" else re.escape(ch) for ch in word)
                for word in entry.split()
            ]
            if words:
                parts.append(r"\s+".join(words))
        if not parts:
            return None
        parts.sort(key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    return per_rulebook(rulebook, f"phrases:{name}", build)


def setting(rulebook: Rulebook, name: str, default: str, choices: Iterable[str] = ()) -> str:
    """A one-value setting kept as a lexicon (``citation_distance: [paragraph]``).

    Packs extend lexicons, so a later pack's value comes after the shipped one: the last entry
    wins. A value outside ``choices`` is ignored.
    """
    allowed = {c.lower() for c in choices}
    for entry in reversed(lexicon_strings(rulebook, name)):
        value = entry.strip().lower()
        if not allowed or value in allowed:
            return value
    return default
