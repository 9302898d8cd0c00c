"""Claim lexicons: the word lists and token patterns the claim extractors run on, as data.

Everything an editor may want to tune (causal cues by strength, hedges, negation cues with their
direction, scope terminators, vague attributions, intensifiers, organisations, study words,
statistic qualifiers) lives in ``rules/lexicons.yaml`` as lists of *patterns*, so that improving
recall on a new kind of article is a YAML change, not a code change. This module compiles those
lists once into small token matchers; the extractors only ever ask "which cues match here?".

Pattern syntax (one pattern = one string; see the header of ``rules/lexicons.yaml``):

* words separated by spaces; a word matches a token whose lowercase text *or* lemma equals it
  (``associate with`` matches "associated with", "associates with", "Associated with");
* ``a|b`` alternatives, ``word?`` an optional word, ``*`` any single token, ``...`` a gap of up to
  three tokens (never across a scope terminator);
* a hyphenated word ("meta-analysis") also matches the three tokens spaCy splits it into;
* a word written in capitals (``CDC``, ``WHO``) matches only that exact text, so the acronym
  "WHO" is not the pronoun "who"; ``=word`` matches the lowercase text only, never the lemma
  (``=lower`` is the comparative, not "lowers"); ``<num>`` matches a number ("36.8", "twelve");
* adverbs ending in *-ly* between two pattern words are skipped ("associated *significantly*
  with", "was *independently* linked to"), so patterns need not list every adverb.

A pattern may also be given as a mapping ``{pattern: ..., <attribute>: ...}``; the attributes
(``direction``, ``conditional``, ``verb``, ``value`` ...) are read by the extractor that owns the
lexicon and documented next to it in the YAML.

Matching is linear in the number of tokens: patterns are indexed by their first word and have a
bounded length, so each token is tried against a handful of candidates only.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml
from spacy.tokens import Doc, Span

ANY = "*"
GAP = "..."
GAP_LIMIT = 3
"""Tokens a ``...`` gap may span: enough for "increase * the * risk", short enough to stay local."""
ADVERB_SKIP = 2
"""-ly adverbs skipped between two pattern words ("was significantly and independently ...")."""

NUMBER = "<num>"
NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
     "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
     "thousand", "million", "billion", "dozen", "dozens", "hundreds", "thousands", "millions",
     "billions", "half", "twice"}
)  # fmt: skip
"""Words that count as a number for ``<num>`` in patterns ("affects millions", "twice")."""

Test = frozenset[str] | str
"""One compiled pattern position: a set of accepted keys, or the ``ANY`` / ``GAP`` markers."""


@dataclass(frozen=True)
class Tok:
    """What the matchers see of a token: its text, lowercase form, lemma and prose offsets.

    The lemma is lowercased and, when the pipeline left a capitalised word unlemmatised (the
    lookup lemmatizer is case sensitive: "Studies" stays "Studies"), looked up again in lowercase,
    so a cue at the start of a sentence matches like any other.
    """

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    is_num: bool = False
    keys: tuple[str, ...] = ()
    """Every key a pattern word may match: lowercase, ``=Exact``, ``~surface``, lemma, ``<num>``."""


@functools.lru_cache(maxsize=1)
def _lemma_table() -> Any:
    try:
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, OSError, ImportError, KeyError):  # no spacy-lookups-data: lemmas as given
        return None


@functools.lru_cache(maxsize=65536)
def _lemma_of_lower(lower: str) -> str:
    table = _lemma_table()
    value = table.get(lower) if table is not None else None
    return value.lower() if isinstance(value, str) else lower


def tokens_of(span: Doc | Span, offset: int = 0) -> list[Tok]:
    """The ``Tok`` list of a spaCy doc or span; ``offset`` is added to every character offset.

    Offsets are those of the underlying Doc text (``token.idx``), i.e. prose offsets within the
    block when the Doc was made from a block.
    """
    result = []
    for token in span:
        text = token.text
        lower = token.lower_
        lemma = token.lemma_.lower() or lower
        if lemma == lower and text != lower:
            lemma = _lemma_of_lower(lower)
        start = token.idx + offset
        is_num = lower[:1].isdigit() or lower in NUMBER_WORDS
        if len(text) > 1 and text.isupper() and text.isalpha():
            keys = ["=" + text]  # an acronym: "AIDS" is not "aids", "WHO" is not "who"
        else:
            keys = [lower, "=" + text, "~" + lower]
            if lemma != lower:
                keys.append(lemma)
        if is_num:
            keys.append(NUMBER)
        result.append(Tok(text, lower, lemma, start, start + len(text), is_num, tuple(keys)))
    return result


def is_adverb(tok: Tok) -> bool:
    """A word ending in -ly (longer than four letters): "significantly", "independently"."""
    return len(tok.lower) > 4 and tok.lower.endswith("ly") and tok.lower.isalpha()


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: the pattern as written, its compiled positions and its attributes."""

    pattern: str
    tests: tuple[Test, ...]
    attrs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)


@dataclass(frozen=True)
class Match:
    """A cue found in a token list: ``tokens[start:end]`` matched ``cue``."""

    start: int
    end: int
    cue: Cue


def _word_test(word: str) -> Test:
    if word in (ANY, GAP):
        return word
    alternatives = word.split("|")
    keys = set()
    for alt in alternatives:
        if alt == NUMBER:
            keys.add(NUMBER)
        elif len(alt) >= 2 and alt.isupper() and any(ch.isalpha() for ch in alt):
            keys.add("=" + alt)  # exact-case key, see _keys()
        elif len(alt) >= 2 and alt.startswith("="):
            keys.add("~" + alt[1:].lower())  # surface-form key: no lemma
        else:
            keys.add(alt.lower())
    return frozenset(keys)


_HYPHENATED = re.compile(r"^([^\W\d_]+)(?:-([^\W\d_]+))+$")


def _word_choices(word: str) -> list[tuple[str, ...]]:
    """The token sequences one pattern word stands for.

    spaCy splits a hyphen between letters ("meta-analysis" -> "meta", "-", "analysis"), so a
    hyphenated alternative becomes its own multi-token sequence; the rest stay one word.
    """
    single: list[str] = []
    multi: list[tuple[str, ...]] = []
    for alt in word.split("|"):
        if _HYPHENATED.match(alt):
            parts = alt.split("-")
            multi.append(tuple(token for part in parts for token in (part, "-"))[:-1])
        else:
            single.append(alt)
    choices: list[tuple[str, ...]] = [("|".join(single),)] if single else []
    return choices + multi


def _expand(words: Sequence[str]) -> Iterable[tuple[str, ...]]:
    """Every variant of a word list: optional (``word?``) words present or absent, hyphenated
    words as one token or split the way spaCy splits them."""
    choices: list[list[tuple[str, ...]]] = []
    for word in words:
        optional = len(word) > 1 and word.endswith("?")
        options = _word_choices(word[:-1] if optional else word)
        choices.append([*options, ()] if optional else options)
    for combo in itertools.product(*choices):
        variant = tuple(token for part in combo for token in part)
        if variant:
            yield variant


def compile_cue(entry: str | Mapping[str, Any]) -> tuple[Cue, ...]:
    """Compile one lexicon entry (a pattern string or a mapping with ``pattern``) to cues."""
    if isinstance(entry, Mapping):
        pattern = str(entry.get("pattern", ""))
        attrs = MappingProxyType({k: v for k, v in entry.items() if k != "pattern"})
    else:
        pattern = str(entry)
        attrs = MappingProxyType({})
    words = pattern.split()
    if not words:
        raise ValueError(f"empty lexicon pattern: {entry!r}")
    cues = []
    for variant in _expand(words):
        if variant[0] in (ANY, GAP) or variant[-1] == GAP:
            raise ValueError(f"a pattern must start and end with a word: {pattern!r}")
        cues.append(Cue(pattern, tuple(_word_test(word) for word in variant), attrs))
    return tuple(cues)


def _accepts(test: Test, tok: Tok) -> bool:
    if not isinstance(test, frozenset):
        return test == ANY
    return not test.isdisjoint(tok.keys)


class PatternSet:
    """A compiled lexicon: all cues, indexed by the keys their first word accepts."""

    def __init__(self, name: str, entries: Iterable[str | Mapping[str, Any]] = ()) -> None:
        self.name = name
        self.cues: tuple[Cue, ...] = tuple(cue for entry in entries for cue in compile_cue(entry))
        index: dict[str, list[Cue]] = {}
        for cue in self.cues:
            first = cue.tests[0]
            assert isinstance(first, frozenset)
            for key in first:
                index.setdefault(key, []).append(cue)
        self._index = {key: tuple(value) for key, value in index.items()}

    def __len__(self) -> int:
        return len(self.cues)

    def __bool__(self) -> bool:
        return bool(self.cues)

    def find(
        self,
        toks: Sequence[Tok],
        stops: frozenset[int] = frozenset(),
        *,
        longest: bool = True,
    ) -> list[Match]:
        """All matches in ``toks``, left to right.

        ``stops`` are token indices a ``...`` gap may not cross (scope terminators). With
        ``longest`` (the default) overlapping matches are reduced to the longest, leftmost ones,
        the way a human reads "increase the risk of" as one cue rather than "increase" + "risk".
        """
        found: list[Match] = []
        index = self._index
        for i, tok in enumerate(toks):
            seen: set[int] = set()
            for key in tok.keys:
                for cue in index.get(key, ()):
                    if id(cue) in seen:
                        continue
                    seen.add(id(cue))
                    end = _match_from(cue.tests, toks, i, stops)
                    if end > 0:
                        found.append(Match(i, end, cue))
        if not longest or len(found) < 2:
            return found
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        reach = -1
        for match in found:
            if match.start >= reach:
                kept.append(match)
                reach = match.end
        return kept


def _match_from(tests: Sequence[Test], toks: Sequence[Tok], i: int, stops: frozenset[int]) -> int:
    """End index (exclusive) of a match of ``tests`` starting at ``toks[i]``, or -1."""
    if not _accepts(tests[0], toks[i]):
        return -1
    return _rest(tests, 1, toks, i + 1, stops)


def _rest(tests: Sequence[Test], t: int, toks: Sequence[Tok], j: int, stops: frozenset[int]) -> int:
    n = len(toks)
    while t < len(tests):
        test = tests[t]
        if test == GAP:
            nxt = tests[t + 1]
            for gap in range(GAP_LIMIT + 1):
                k = j + gap
                if k >= n or (gap and (k - 1) in stops):
                    break
                if _accepts(nxt, toks[k]):
                    end = _rest(tests, t + 2, toks, k + 1, stops)
                    if end > 0:
                        return end
            return -1
        skipped = 0
        while (
            j < n
            and skipped < ADVERB_SKIP
            and test != ANY
            and not _accepts(test, toks[j])
            and is_adverb(toks[j])
        ):
            j += 1
            skipped += 1
        if j >= n or not _accepts(test, toks[j]):
            return -1
        j += 1
        t += 1
    return j


# --------------------------------------------------------------------------- the lexicon

LEXICON_NAMES: tuple[str, ...] = (
    "causal_direct",
    "causal_conditional",
    "correlational",
    "causal_pseudo",
    "claim_openers",
    "hedges",
    "pseudo_hedges",
    "negations",
    "pseudo_negations",
    "hypotheticals",
    "terminators",
    "raising_words",
    "adjective_markers",
    "intensifiers",
    "vague_attributions",
    "organisations",
    "journals",
    "study_words",
    "citation_anaphora",
    "statistic_qualifiers",
    "population_words",
    "condition_verbs",
    "dose_units",
    "modifier_heads",
)
"""Lexicon names the claim extractors read from rule packs (others are ignored here)."""


@dataclass(frozen=True)
class ClaimLexicon:
    """Compiled claim lexicons: what ``extract_claims`` and ``classify_sentence`` consult.

    Built once per rulebook (``from_mapping``) and shared read-only by every document, so
    compilation cost is paid once per process, not per sentence.
    """

    causal_direct: PatternSet
    causal_conditional: PatternSet
    correlational: PatternSet
    causal_pseudo: PatternSet
    claim_openers: PatternSet
    hedges: PatternSet
    pseudo_hedges: PatternSet
    negations: PatternSet
    pseudo_negations: PatternSet
    hypotheticals: PatternSet
    terminators: PatternSet
    intensifiers: PatternSet
    vague_attributions: PatternSet
    organisations: PatternSet
    journals: PatternSet
    study_words: PatternSet
    citation_anaphora: PatternSet
    statistic_qualifiers: PatternSet
    condition_verbs: PatternSet
    raising_words: frozenset[str]
    adjective_markers: frozenset[str]
    population_words: frozenset[str]
    dose_units: frozenset[str]
    modifier_heads: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(
        cls, lexicons: Mapping[str, Sequence[Any]], journals: Sequence[str] = ()
    ) -> ClaimLexicon:
        """Compile the ``lexicons:`` mapping of a merged rulebook (missing lists are empty).

        ``journals`` are extra journal names (the rulebook's top-level ``journals:`` list); they
        are added to the ``journals`` lexicon.
        """

        def patterns(name: str, extra: Iterable[Any] = ()) -> PatternSet:
            entries = [*lexicons.get(name, ()), *extra]
            for number, entry in enumerate(entries, 1):
                if not isinstance(entry, (str, Mapping)):
                    raise ValueError(
                        f"lexicon {name!r}, entry {number}: expected a pattern string or a "
                        f'mapping, got {entry!r} (quote words YAML reads as values: "no")'
                    )
            return PatternSet(name, entries)

        def words(name: str) -> frozenset[str]:
            out = set()
            for entry in lexicons.get(name, ()):
                text = entry.get("pattern", "") if isinstance(entry, Mapping) else entry
                out.update(str(text).lower().split("|"))
            return frozenset(out)

        return cls(
            causal_direct=patterns("causal_direct"),
            causal_conditional=patterns("causal_conditional"),
            correlational=patterns("correlational"),
            causal_pseudo=patterns("causal_pseudo"),
            claim_openers=patterns("claim_openers"),
            hedges=patterns("hedges"),
            pseudo_hedges=patterns("pseudo_hedges"),
            negations=patterns("negations"),
            pseudo_negations=patterns("pseudo_negations"),
            hypotheticals=patterns("hypotheticals"),
            terminators=patterns("terminators"),
            intensifiers=patterns("intensifiers"),
            vague_attributions=patterns("vague_attributions"),
            organisations=patterns("organisations"),
            journals=patterns("journals", (j for j in journals if str(j).strip())),
            study_words=patterns("study_words"),
            citation_anaphora=patterns("citation_anaphora"),
            statistic_qualifiers=patterns("statistic_qualifiers"),
            condition_verbs=patterns("condition_verbs"),
            raising_words=words("raising_words"),
            adjective_markers=words("adjective_markers"),
            population_words=words("population_words"),
            dose_units=words("dose_units"),
            modifier_heads=words("modifier_heads"),
        )


def read_lexicon_yaml(text: str) -> Mapping[str, Sequence[Any]]:
    """The ``lexicons:`` mapping of a rule pack's YAML text (safe loading only)."""
    data = yaml.safe_load(text) or {}
    lexicons = data.get("lexicons", {}) if isinstance(data, Mapping) else {}
    if not isinstance(lexicons, Mapping):
        raise ValueError("'lexicons' must be a mapping of name -> list")
    return lexicons


@functools.lru_cache(maxsize=1)
def load_default_lexicon() -> ClaimLexicon:
    """The lexicon shipped in ``factlint.rules/lexicons.yaml`` (compiled once per process)."""
    text = (files("factlint.rules") / "lexicons.yaml").read_text(encoding="utf-8")
    return ClaimLexicon.from_mapping(read_lexicon_yaml(text))
