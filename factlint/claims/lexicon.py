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
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from factlint.errors import LexiconEntryError

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


class _Form(NamedTuple):
    """What a ``Tok`` owes to its word form alone, cached per orth hash (``_FORMS``)."""

    lemma_hash: int
    """The lemma hash the form was made for (checked on each use)."""
    text: str
    lower: str
    lemma: str
    is_num: bool
    keys: tuple[str, ...]
    length: int
    """``len(text)``: a token's end offset is its start plus this."""
    spelled: tuple[str, str]
    """The text without and with a trailing space, indexed by spaCy's ``SPACY`` flag."""
    mask: int
    """The registry bits (``_IndexKeys``) of ``keys``, kept current by ``_register_keys``."""


_FORMS: dict[int, _Form] = {}
"""``_Form`` per orth hash, shared by every Doc of the process.

spaCy hashes are content hashes, so an orth hash means the same text in any vocab. The lowercase
form is a function of the text: spaCy's ``LOWER`` is a lexeme attribute, computed from the orth
string by the ``LOWER`` getter of ``spacy.lang.lex_attrs`` (``str.lower``; no language replaces
it), so it needs no check. The lemma is a token attribute: the lemma hash stored with a form is
checked on each use, and a word lemmatised differently gets its own form. Articles reuse a small
vocabulary, so after the first document nearly every token is a dictionary hit instead of three
string look-ups, two case tests and a key tuple."""
_FORMS_LIMIT = 50_000
"""Forms kept before a cache starts over: far more than the vocabulary of a run of articles,
and a bound on memory (some hundred bytes per form) on an endless stream of new words."""


def _form(vocab: Any, orth: int, lemma_hash: int) -> _Form:
    """The ``_Form`` of one token (cached); see ``Tok`` for how the lemma and keys are made."""
    strings = vocab.strings
    text = strings[orth]
    lower = vocab[orth].lower_
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
    key_tuple = tuple(keys)
    if len(_FORMS) >= _FORMS_LIMIT:
        _FORMS.clear()
    form = _FORMS[orth] = _Form(
        lemma_hash,
        text,
        lower,
        lemma,
        is_num,
        key_tuple,
        len(text),
        (text, text + " "),
        _index_keys.mask_of(key_tuple),
    )
    return form


@dataclass(frozen=True)
class _IndexKeys:
    """The key sets the ``PatternSet`` s of the process screen token lists with (the first
    words of a lexicon's cues, and their anchors), one bit each, as of ``generation``.

    A token's *mask* holds the bit of every set one of its keys is in, and a token list's mask
    is the union of its tokens' masks, so "does some token have a key in this set" is one
    ``&`` on an int. ``masks`` caches the mask per key tuple of a word form. A ``PatternSet``
    with a key set not seen before replaces the registry (a new generation, a new bit, an empty
    cache, the masks of the cached forms recomputed); indexes built before it are rebuilt when
    it searches. Bits are never reused, so an old mask only lacks the new bits.
    """

    generation: int
    bits: Mapping[frozenset[str], int]
    key_bits: Mapping[str, int]
    """Per key, the union of the bits of the sets it is in."""
    masks: dict[tuple[str, ...], int]

    def mask_of(self, keys: tuple[str, ...]) -> int:
        """The bits of the registered sets that hold one of ``keys``."""
        mask = self.masks.get(keys)
        if mask is None:
            key_bits = self.key_bits
            mask = 0
            for key in keys:
                mask |= key_bits.get(key, 0)
            if len(self.masks) >= _FORMS_LIMIT:
                self.masks.clear()
            self.masks[keys] = mask
        return mask


_index_keys = _IndexKeys(0, {}, {}, {})


def _register_keys(keys: frozenset[str]) -> int:
    """The bit of ``keys`` in the registry, added (a new generation) if the set is new."""
    global _index_keys
    registry = _index_keys
    bit = registry.bits.get(keys)
    if bit is None:
        bit = 1 << len(registry.bits)
        key_bits = dict(registry.key_bits)
        for key in keys:
            key_bits[key] = key_bits.get(key, 0) | bit
        registry = _IndexKeys(registry.generation + 1, {**registry.bits, keys: bit}, key_bits, {})
        _index_keys = registry
        for orth, form in _FORMS.items():  # no new entries: the dict keeps its size
            _FORMS[orth] = form._replace(mask=registry.mask_of(form.keys))
    return bit


_KEYS_OF = operator.itemgetter(6)
"""``Tok.keys`` as a C function, for ``map``."""


class _KeyIndex:
    """The registry masks (``_IndexKeys``) of each token of a list, and of the list as a whole."""

    __slots__ = ("_keys", "generation", "mask", "masks")

    def __init__(self, generation: int, masks: Sequence[int]) -> None:
        self.generation = generation
        self.masks = masks
        self.mask: int = functools.reduce(operator.or_, masks, 0)
        self._keys: set[str] | None = None

    @staticmethod
    def of(toks: Sequence[Tok]) -> _KeyIndex:
        registry = _index_keys
        return _KeyIndex(registry.generation, [registry.mask_of(tok.keys) for tok in toks])

    def keys(self, toks: Sequence[Tok]) -> set[str]:
        """Every key of the tokens of ``toks`` (the list indexed) that have a bit, made on the
        first call: a key some lexicon indexes is in a registered set, so a token without bits
        holds none, and "is a key of this anchor in the list" is answered all the same."""
        keys = self._keys
        if keys is None:
            keys = self._keys = set().union(*map(_KEYS_OF, itertools.compress(toks, self.masks)))
        return keys


class TokenList(list[Tok]):
    """A list of ``Tok`` that knows which of its tokens carry a key some lexicon indexes.

    ``PatternSet.find`` is asked about the same sentence by a dozen lexicons; with the index
    (``_KeyIndex``, made by ``tokens_of`` or on the first search) a lexicon whose first words
    or anchors are all missing answers with a bit test, and the others only try the tokens
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
        try:
            index = self._index
        except AttributeError:
            index = self.key_index()
        sub._index = _KeyIndex(index.generation, index.masks[start:end])
        return sub


_BLOCK_ATTRS = [ORTH, LEMMA, IDX, SPACY, SENT_START]


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
        orths, lemmas, starts, spaces, sent_starts = doc.to_array(_BLOCK_ATTRS).T.tolist()
        forms = _forms(doc.vocab, orths, lemmas)
        toks = _make_toks(forms, starts)
        text = "".join(map(operator.getitem, forms[_SPELLED], spaces))
        read = BlockTokens(toks, text, sent_starts)
    doc.user_data[_BLOCK_KEY] = (len(doc), read)
    return read


_BLOCK_KEY = "factlint.read_block"
_SPELLED = _Form._fields.index("spelled")


def _forms(vocab: Any, orths: list[int], lemmas: list[int]) -> list[tuple[Any, ...]]:
    """The ``_Form`` fields of a Doc's tokens, one tuple per field (column) with a value per
    token: the cached forms, checked against the tokens' lemma hashes and made where missing
    or stale, transposed in one C call so that each column is read without a Python loop."""
    found = list(map(_FORMS.get, orths))
    if None in found:
        for i, form in enumerate(found):
            if form is None:
                found[i] = _form(vocab, orths[i], lemmas[i])
    columns = list(zip(*found, strict=True))
    if columns[0] != tuple(lemmas):  # a word lemmatised unlike its cached form
        for i, form in enumerate(found):
            if form.lemma_hash != lemmas[i]:
                found[i] = _form(vocab, orths[i], lemmas[i])
        columns = list(zip(*found, strict=True))
    return columns


def _make_toks(forms: list[tuple[Any, ...]], starts: list[int]) -> TokenList:
    """The ``Tok`` of each token, given the columns of its ``_Form`` (``_forms``) and its
    character offset, indexed (``TokenList``) from the masks of the forms.

    Built by C iterators: ``tuple.__new__`` on zipped columns is ``Tok(...)`` without the
    keyword handling of the named tuple's ``__new__`` and without a Python loop per token.
    """
    _, text, lower, lemma, is_num, keys, length, _, masks = forms
    ends = map(operator.add, starts, length)
    columns = zip(text, lower, lemma, starts, ends, is_num, keys, strict=True)
    result = TokenList(map(tuple.__new__, itertools.repeat(Tok), columns))
    result._index = _KeyIndex(_index_keys.generation, masks)
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
        if not pattern.split():
            raise ValueError("a mapping entry needs a 'pattern': the words to match")
    else:
        pattern = str(entry)
        attrs = MappingProxyType({})
    words = pattern.split()
    if not words:
        raise ValueError(f"empty pattern: {entry!r}")
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
        cues: list[Cue] = []
        for number, entry in enumerate(entries):
            if not isinstance(entry, (str, Mapping)):
                raise LexiconEntryError(
                    name,
                    number,
                    f"expected a pattern string or a mapping, got {entry!r} (quote words YAML "
                    'reads as values: "no")',
                )
            try:
                cues.extend(compile_cue(entry))
            except ValueError as error:
                raise LexiconEntryError(name, number, str(error)) from None
        self.cues: tuple[Cue, ...] = tuple(cues)
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
        first_bit = _register_keys(self._first_keys)
        self._screen = first_bit | _register_keys(self._anchor_keys)
        """The registry bits a token list needs for a cue to match: a first word and an anchor."""
        self._first_bit = first_bit
        self._generation = _index_keys.generation
        self._starters: dict[tuple[str, ...], tuple[_Starter, ...]] = {}

    def __len__(self) -> int:
        return len(self.cues)

    def __bool__(self) -> bool:
        return bool(self.cues)

    def _cues_starting(self, keys: tuple[str, ...]) -> tuple[_Starter, ...]:
        """(cue, anchor, tests) of the cues whose first word accepts a token with ``keys``, in
        index order, each once; ``tests`` is ``None`` for a cue of one word, which that token
        matches by itself.

        Cached per key tuple: ``tokens_of`` shares one tuple per word form, and only forms that
        start some cue ever get here, so the cache stays small.
        """
        cues = self._starters.get(keys)
        if cues is None:
            found: dict[int, Cue] = {}
            for key in keys:
                for cue in self._index.get(key, ()):
                    found.setdefault(id(cue), cue)
            cues = tuple(
                _Starter(cue, self._anchors[id(cue)], cue.tests if len(cue.tests) > 1 else None)
                for cue in found.values()
            )
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

        One bit test on the key index of a ``TokenList`` (is the first word of some cue there,
        and the anchor of some cue), for callers that can skip work on token lists no cue of
        this lexicon reaches.
        """
        return self._key_index(toks).mask & self._screen == self._screen

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

        Only tokens with a key some cue starts with are tried (see ``TokenList``; found by C
        iterators over the token masks), and only the cues whose anchor (``_anchor``) is in
        ``toks``; most often the mask of the whole list already lacks the bit of the first
        words or of the anchors.
        """
        index = getattr(toks, "_index", None)  # a TokenList indexed already: the usual case
        if index is None or index.generation < self._generation:
            index = self._key_index(toks)
        screen = self._screen
        if index.mask & screen != screen:  # the usual answer
            return []
        first_bit = self._first_bit
        starters = self._starters
        found: list[Match] = []
        present: set[str] | None = None
        masks = index.masks
        for i, mask in itertools.compress(enumerate(masks), masks):  # tokens with a bit, in C
            if not mask & first_bit:
                continue
            keys = toks[i].keys
            for cue, anchor, tests in starters.get(keys) or self._cues_starting(keys):
                if tests is None:  # one word, the one toks[i] has: its anchor is there too
                    found.append(Match(i, i + 1, cue))
                    continue
                if present is None:
                    present = index.keys(toks)
                if present.isdisjoint(anchor):
                    continue  # a word the cue needs is nowhere in the list
                # the first word accepts toks[i] by construction: match the rest of the cue
                end = _rest(tests, 1, toks, i + 1, stops)
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


class _Starter(NamedTuple):
    """A cue as ``PatternSet.find`` tries it from a token its first word accepts."""

    cue: Cue
    anchor: frozenset[str]
    tests: tuple[Test, ...] | None
    """The cue's tests, ``None`` for a cue of one word (nothing left to match)."""


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
                # endswith first: most tokens are no adverb, and a method is cheaper than a call
                if skipped >= ADVERB_SKIP or not (tok.lower.endswith("ly") and is_adverb(tok)):
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
            return PatternSet(name, [*lexicons.get(name, ()), *extra])

        def words(name: str) -> frozenset[str]:
            return word_set(lexicons.get(name, ()))

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


def word_set(entries: Iterable[Any]) -> frozenset[str]:
    """A lexicon of single words (or ``a|b`` alternatives) as a set, lowercased; a mapping
    entry gives its ``pattern``. Blank words are left out: an empty word would match the empty
    word after a figure."""
    words: set[str] = set()
    for entry in entries:
        text = entry.get("pattern") if isinstance(entry, Mapping) else entry
        if text is not None:
            words.update(word.strip().lower() for word in str(text).split("|"))
    words.discard("")
    return frozenset(words)


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
