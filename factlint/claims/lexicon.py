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
bounded length, so each token is tried against a handful of candidates only. The extractors ask
a dozen lexicons about every sentence, so a ``TokenList`` also records which of its tokens carry
a key some lexicon indexes (a cue's first word or its *anchor*, the word it is least likely to
hold by chance): a lexicon whose first words or anchors are all missing answers at once, which
is the usual case, and ``tokens_of`` caches the per-word-form part of every ``Tok``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, SENT_START, SPACY
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


class Tok(NamedTuple):
    """What the matchers see of a token: its text, lowercase form, lemma and prose offsets.

    The lemma is lowercased and, when the pipeline left a capitalised word unlemmatised (the
    lookup lemmatizer is case sensitive: "Studies" stays "Studies"), looked up again in lowercase,
    so a cue at the start of a sentence matches like any other. A named tuple because an article
    makes one per token: it is built in a single step and holds no instance dict.
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
        from factlint.nlp import lemma_table

        return lemma_table()
    except (ValueError, OSError, ImportError, KeyError):  # no spacy-lookups-data: lemmas as given
        return None


@functools.lru_cache(maxsize=65536)
def _lemma_of_lower(lower: str) -> str:
    table = _lemma_table()
    value = table.get(lower) if table is not None else None
    return value.lower() if isinstance(value, str) else lower


_Form = tuple[int, int, tuple[str, str, str, bool, tuple[str, ...]], int, list[Any]]
"""What a ``Tok`` owes to its word form alone: the lower and lemma hashes it was made for, its
text, lower, lemma, is_num and keys, the length of its text, and ``[generation, keys]``: its
index keys (``_IndexKeys``) as of that registry generation, kept up to date by ``_make_toks``."""

_FORMS: dict[int, _Form] = {}
"""``_Form`` per orth hash, shared by every Doc of the process.

spaCy hashes are content hashes, so an orth hash means the same text in any vocab; the lower and
lemma hashes stored with it are checked on each use (a word lemmatised differently gets its own
form). Articles reuse a small vocabulary, so after the first document nearly every token is a
dictionary hit instead of three string look-ups, two case tests and a key tuple."""
_FORMS_LIMIT = 50_000
"""Forms kept before a cache starts over: far more than the vocabulary of a run of articles,
and a bound on memory (some hundred bytes per form) on an endless stream of new words."""


def _form(strings: Any, orth: int, lower_hash: int, lemma_hash: int) -> _Form:
    """The ``_Form`` of one token (cached); see ``Tok`` for how the lemma and keys are made."""
    text = strings[orth]
    lower = strings[lower_hash]
    lemma = strings[lemma_hash].lower() or lower
    if lemma == lower and text != lower and len(text) > 1:  # not "D" (of vitamin D) -> "'d"
        lemma = _lemma_of_lower(lower)
    is_num = lower[:1].isdigit() or lower in NUMBER_WORDS
    if len(text) > 1 and text.isupper() and text.isalpha():
        keys = ["=" + text]  # an acronym: "AIDS" is not "aids", "WHO" is not "who"
    else:
        keys = [lower, "=" + text, "~" + lower]
        if lemma != lower:
            keys.append(lemma)
    if is_num:
        keys.append(NUMBER)
    fields = (text, lower, lemma, is_num, tuple(keys))
    if len(_FORMS) >= _FORMS_LIMIT:
        _FORMS.clear()
    form = _FORMS[orth] = (lower_hash, lemma_hash, fields, len(text), [-1, ()])
    return form


@dataclass(frozen=True)
class _IndexKeys:
    """Every key a ``PatternSet`` of the process indexes (first words and anchors of its cues),
    as of ``generation``.

    ``relevant`` caches, per key tuple of a word form, the keys of that form in ``keys``: for
    most forms none, so a token list is indexed by a few short tuples, not by every key of
    every token. A new ``PatternSet`` with new keys replaces the registry (a new generation and
    an empty cache); indexes built before it are rebuilt when it searches.
    """

    generation: int
    keys: frozenset[str]
    relevant: dict[tuple[str, ...], tuple[str, ...]]


_index_keys = _IndexKeys(0, frozenset(), {})


def _register_keys(keys: frozenset[str]) -> int:
    """Add a lexicon's index keys to the registry; the generation its searches need."""
    global _index_keys
    registry = _index_keys
    if not keys <= registry.keys:
        registry = _IndexKeys(registry.generation + 1, registry.keys | keys, {})
        _index_keys = registry
    return registry.generation


class _KeyIndex(NamedTuple):
    """The index keys (``_IndexKeys``) of each token of a list, and of the list as a whole."""

    generation: int
    relevant: list[tuple[str, ...]]
    keys: set[str]

    @staticmethod
    def of(toks: Sequence[Tok]) -> _KeyIndex:
        registry = _index_keys
        cache = registry.relevant
        relevant = [cache.get(tok.keys) for tok in toks]
        if None in relevant:  # forms not met since the registry last changed
            for i, found in enumerate(relevant):
                if found is None:
                    keys = toks[i].keys
                    found = cache.get(keys)
                    if found is None:
                        if len(cache) >= _FORMS_LIMIT:
                            cache.clear()
                        found = cache[keys] = tuple(k for k in keys if k in registry.keys)
                    relevant[i] = found
        return _KeyIndex(registry.generation, relevant, set().union(*relevant))

    def part(self, start: int, end: int) -> _KeyIndex:
        """The index of ``toks[start:end]``, without looking at the tokens again."""
        relevant = self.relevant[start:end]
        return _KeyIndex(self.generation, relevant, set().union(*relevant))


class TokenList(list[Tok]):
    """A list of ``Tok`` that knows which of its tokens carry a key some lexicon indexes.

    ``PatternSet.find`` is asked about the same sentence by a dozen lexicons; with the index
    (``_KeyIndex``, made by ``tokens_of`` or on the first search) a lexicon whose first words
    or anchors are all missing answers with a set test, and the others only try the tokens
    that can start one of their cues. Treat the list as read-only: the index is not updated if
    it changes. Slices are plain lists, indexed afresh when searched; ``part`` makes a sub-list
    that shares the index work.
    """

    __slots__ = ("_index",)

    def key_index(self, generation: int = 0) -> _KeyIndex:
        """The ``_KeyIndex`` of the list, built once (again if older than ``generation``)."""
        try:
            index = self._index
        except AttributeError:
            index = self._index = _KeyIndex.of(self)
        if index.generation < generation:
            index = self._index = _KeyIndex.of(self)
        return index

    def part(self, start: int, end: int) -> TokenList:
        """``TokenList(self[start:end])``, indexed from this list's index (the list itself when
        the part is the whole of it, as for a block of one sentence)."""
        if start <= 0 and end >= len(self):
            return self
        sub = TokenList(self[start:end])
        sub._index = self.key_index().part(start, end)
        return sub


_BLOCK_ATTRS = [ORTH, LOWER, LEMMA, IDX, SPACY, SENT_START]


def tokens_of(span: Doc | Span) -> TokenList:
    """The ``Tok`` list of a spaCy doc or span: the tokens ``read_block`` made of its Doc
    (shared, read-only), with the offsets of the Doc text (``token.idx``), i.e. prose offsets
    within the block when the Doc was made from a block."""
    if isinstance(span, Doc):
        return read_block(span).toks
    return read_block(span.doc).toks.part(span.start, span.end)


class BlockTokens(NamedTuple):
    """What the claim extractors read of a block's Doc (``read_block``)."""

    toks: TokenList
    """``tokens_of(doc)``."""
    text: str
    """``doc.text``."""
    sent_starts: list[int]
    """The ``SENT_START`` value of each token (1: the token starts a sentence)."""


def read_block(doc: Doc) -> BlockTokens:
    """The tokens, text and sentence starts of a Doc, from one array of token attributes.

    ``doc.text`` would join one ``Token`` object per token on every access; here the text is
    joined from the token texts and their trailing-space flags, as spaCy defines it.

    Read once per Doc: the result is kept in ``doc.user_data`` (the claim extractors and several
    checks all read the same blocks), so treat its lists as read-only.
    """
    cached = doc.user_data.get(_BLOCK_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    if not len(doc):
        read = BlockTokens(TokenList(), "", [])
    else:
        orths, lowers, lemmas, starts, spaces, sent_starts = doc.to_array(_BLOCK_ATTRS).T.tolist()
        toks = _make_toks(doc.vocab.strings, orths, lowers, lemmas, starts)
        text = "".join(
            [tok.text + " " if space else tok.text for tok, space in zip(toks, spaces, strict=True)]
        )
        read = BlockTokens(toks, text, sent_starts)
    doc.user_data[_BLOCK_KEY] = (len(doc), read)
    return read


_BLOCK_KEY = "factlint.read_block"


def _make_toks(
    strings: Any,
    orths: list[int],
    lowers: list[int],
    lemmas: list[int],
    starts: list[int],
) -> TokenList:
    """The ``Tok`` of each token, given its attribute hashes and character offset, indexed
    (``TokenList``) on the way from the index keys cached with each form."""
    forms = _FORMS
    registry = _index_keys
    generation = registry.generation
    new = tuple.__new__
    result = TokenList()
    append = result.append
    relevant: list[tuple[str, ...]] = []
    for orth, lower, lemma, start in zip(orths, lowers, lemmas, starts, strict=True):
        form = forms.get(orth)
        if form is None or form[0] != lower or form[1] != lemma:
            form = _form(strings, orth, lower, lemma)
        (text, low, lem, is_num, keys), length, keyed = form[2], form[3], form[4]
        if keyed[0] != generation:
            keyed[:] = [generation, tuple(k for k in keys if k in registry.keys)]
        relevant.append(keyed[1])
        # Tok(...) without the keyword handling of the named tuple's __new__
        append(new(Tok, (text, low, lem, start, start + length, is_num, keys)))
    result._index = _KeyIndex(generation, relevant, set().union(*relevant))
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


class Match(NamedTuple):
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


def _anchor(tests: Sequence[Test]) -> frozenset[str]:
    """The word of a cue least likely to be in a sentence by chance, by a rough measure: the
    one whose shortest alternative is longest ("factor" in "be ... risk factor").

    Every word of a cue is needed for it to match, so a sentence without the anchor cannot
    hold the cue, however common its first word ("be", "a") is.
    """
    words = [test for test in tests if isinstance(test, frozenset)]
    return max(
        reversed(words),  # ties: the later word, more specific than a leading "be" or "a"
        key=lambda test: (NUMBER not in test, min(len(key.lstrip("=~")) for key in test)),
    )


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
        self._first_keys = frozenset(self._index)
        self._anchors = {id(cue): _anchor(cue.tests) for cue in self.cues}
        self._anchor_keys = frozenset().union(*self._anchors.values())
        self._generation = _register_keys(self._first_keys | self._anchor_keys)
        self._starters: dict[tuple[str, ...], tuple[tuple[Cue, frozenset[str]], ...]] = {}

    def __len__(self) -> int:
        return len(self.cues)

    def __bool__(self) -> bool:
        return bool(self.cues)

    def _cues_starting(self, keys: tuple[str, ...]) -> tuple[tuple[Cue, frozenset[str]], ...]:
        """(cue, anchor) of the cues whose first word accepts a token with ``keys``, in index
        order, each once.

        Cached per key tuple: ``tokens_of`` shares one tuple per word form, and only forms that
        start some cue ever get here, so the cache stays small.
        """
        cues = self._starters.get(keys)
        if cues is None:
            found: dict[int, Cue] = {}
            for key in keys:
                for cue in self._index.get(key, ()):
                    found.setdefault(id(cue), cue)
            cues = tuple((cue, self._anchors[id(cue)]) for cue in found.values())
            if len(self._starters) >= _FORMS_LIMIT:
                self._starters.clear()
            self._starters[keys] = cues
        return cues

    def _key_index(self, toks: Sequence[Tok]) -> _KeyIndex:
        index = getattr(toks, "_index", None)  # a TokenList indexed already: the usual case
        if index is not None and index.generation >= self._generation:
            return index
        if isinstance(toks, TokenList):
            return toks.key_index(self._generation)
        return _KeyIndex.of(toks)

    def may_match(self, toks: Sequence[Tok]) -> bool:
        """Whether a cue could match in ``toks``: ``False`` means ``find`` is empty.

        Two set tests on the key index of a ``TokenList`` (is the first word of some cue
        there, and the anchor of some cue), for callers that can skip work on token lists no
        cue of this lexicon reaches.
        """
        keys = self._key_index(toks).keys
        return not (keys.isdisjoint(self._first_keys) or keys.isdisjoint(self._anchor_keys))

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

        Only tokens with a key some cue starts with are tried (see ``TokenList``), and only
        the cues whose anchor (``_anchor``) is in ``toks``; most often the keys of the whole
        list already miss every first word or every anchor.
        """
        index = self._key_index(toks)
        keys = index.keys
        first = self._first_keys
        if keys.isdisjoint(first) or keys.isdisjoint(self._anchor_keys):  # the usual answer
            return []
        starters = self._starters
        found: list[Match] = []
        for i, relevant in enumerate(index.relevant):
            if not relevant or first.isdisjoint(relevant):
                continue
            cues = starters.get(toks[i].keys) or self._cues_starting(toks[i].keys)
            for cue, anchor in cues:
                if keys.isdisjoint(anchor):
                    continue  # a word the cue needs is nowhere in the list
                # the first word accepts toks[i] by construction: match the rest of the cue
                end = _rest(cue.tests, 1, toks, i + 1, stops)
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


def _rest(tests: Sequence[Test], t: int, toks: Sequence[Tok], j: int, stops: frozenset[int]) -> int:
    """End index (exclusive) of a match of ``tests[t:]`` starting at ``toks[j]``, or -1.

    A word test may skip up to ``ADVERB_SKIP`` -ly adverbs it does not accept itself; ``*``
    takes any one token; ``...`` tries the next word at each of the following ``GAP_LIMIT + 1``
    tokens, never past a stop.
    """
    n = len(toks)
    count = len(tests)
    while t < count:
        test = tests[t]
        if isinstance(test, frozenset):  # a word: the common case, so tested first
            skipped = 0
            while True:
                if j >= n:
                    return -1
                tok = toks[j]
                if not test.isdisjoint(tok.keys):
                    break
                if skipped >= ADVERB_SKIP or not is_adverb(tok):
                    return -1
                j += 1
                skipped += 1
        elif test == GAP:
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
        elif test != ANY or j >= n:
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
