"""The layered lexicon: every word some trusted list knows, compiled once and cached.

A word is known when any layer knows it (see :mod:`.sources` for the layers; the curated
medical list and the user's words come from the rule packs and are added by the checker).
Compiling means reading three package files and expanding Hunspell's affixes: about a second.
The result is written with :mod:`marshal` to the user cache directory, under a name derived from
the package versions, the SHA-256 of every source file and the Python version (marshal's format
is Python's own), so later runs load it in tens of
milliseconds and a new package version is picked up by itself. If the cache directory cannot
be written the lexicon is simply compiled in memory each run.
"""

from __future__ import annotations

import array
import bisect
import functools
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from factlint.compiled import load_cached
from factlint.spelling import hunspell
from factlint.spelling.sources import (
    iter_fingerprints,
    read_bigrams,
    read_drug_names,
    read_frequencies,
    source_file,
)

LEXICON_LAYERS: tuple[str, ...] = ("frequency", "hunspell_dic", "hunspell_aff", "drugs")
BIGRAM_LAYERS: tuple[str, ...] = ("bigrams",)


@dataclass
class Lexicon:
    """Known words by layer (lower case, straight apostrophes) and corpus frequencies."""

    frequencies: Mapping[str, int]
    hunspell: frozenset[str]
    drugs: frozenset[str]
    no_suggest: frozenset[str] = frozenset()
    """Valid words never offered as corrections (Hunspell's NOSUGGEST: slurs, obscenities)."""
    known: frozenset[str] = field(init=False)
    load_seconds: float = 0.0
    from_cache: bool = False
    fingerprints: tuple[str, ...] = ()
    """The source files' fingerprints when loaded by :func:`load_lexicon` (empty for a lexicon
    built in memory): the cache key of what is derived from it and cached too."""
    _bigrams: Mapping[str, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # The union starts from the largest layer as a frozenset: its table is copied whole,
        # a few times faster than building the set word by word, then copying it again.
        self.known = frozenset(self.hunspell).union(self.frequencies.keys(), self.drugs)

    def __contains__(self, word: str) -> bool:
        return word in self.known

    def frequency(self, word: str) -> int:
        """Corpus count of ``word`` (0 when only a word list without counts knows it)."""
        return self.frequencies.get(word, 0)

    def layers(self, word: str) -> tuple[str, ...]:
        """Which layers know ``word``: for explaining why a word was accepted."""
        found = []
        if word in self.frequencies:
            found.append("frequency")
        if word in self.hunspell:
            found.append("hunspell")
        if word in self.drugs:
            found.append("drugs")
        return tuple(found)

    @property
    def bigrams(self) -> Mapping[str, int]:
        """``"first second" -> count``, loaded on first use (only suggestions need it)."""
        if self._bigrams is None:
            fingerprints = iter_fingerprints(BIGRAM_LAYERS)
            packed = load_cached("bigrams", fingerprints, _compile_bigrams, _is_packed_counts)
            self._bigrams = SortedCounts(*packed)
        return self._bigrams


class SortedCounts(Mapping[str, int]):
    """A read-only ``str -> count`` table kept as a sorted list of keys and an array of counts,
    searched by bisection.

    For the 240,000 bigrams: a dict would hash and insert every key on each start (70 ms),
    while splitting one string into the sorted keys and copying the counts takes a fifth of
    that; a run looks up a few thousand bigrams at most, at a microsecond each.
    """

    def __init__(self, keys: str, counts: bytes) -> None:
        """``keys``: the keys in sorted order, joined by newlines; ``counts``: their counts as
        little-endian unsigned 64-bit integers, in the same order (see :meth:`pack`)."""
        self._keys = keys.split("\n") if keys else []
        self._counts = array.array("Q", counts)
        if sys.byteorder == "big":
            self._counts.byteswap()

    @staticmethod
    def pack(counts: Mapping[str, int]) -> tuple[str, bytes]:
        """The cached form of ``counts`` (keys without newlines, counts below 2**64)."""
        keys = sorted(counts)
        values = array.array("Q", (counts[key] for key in keys))
        if sys.byteorder == "big":
            values.byteswap()
        return "\n".join(keys), values.tobytes()

    def _index(self, key: str) -> int:
        index = bisect.bisect_left(self._keys, key)
        return index if index < len(self._keys) and self._keys[index] == key else -1

    def __getitem__(self, key: str) -> int:
        index = self._index(key)
        if index < 0:
            raise KeyError(key)
        return self._counts[index]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._index(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _is_packed_counts(value: object) -> bool:
    """The shape :meth:`SortedCounts.pack` gives (a stray file must not pass for it)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], bytes)
        and len(value[1]) == 8 * (value[0].count("\n") + 1 if value[0] else 0)
    )


def _compile_lexicon() -> tuple[dict[str, int], str, str, str]:
    frequencies = read_frequencies(source_file("frequency").path)
    dic = source_file("hunspell_dic").path.read_text(encoding="utf-8")
    aff = source_file("hunspell_aff").path.read_text(encoding="utf-8")
    expanded, marked = hunspell.expand_marked(dic, aff)
    forms = {_key(form) for form in expanded if not form[:1].isdigit()}
    no_suggest = {_key(form) for form in marked}
    drugs = read_drug_names(source_file("drugs").path)
    return (
        frequencies,
        "\n".join(sorted(forms)),
        "\n".join(sorted(drugs)),
        "\n".join(sorted(no_suggest)),
    )


def _key(form: str) -> str:
    return form.lower().replace("\u2019", "'")


def _compile_bigrams() -> tuple[str, bytes]:
    return SortedCounts.pack(read_bigrams(source_file("bigrams").path))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The process-wide lexicon (compiled on first use, then from the cache)."""
    start = time.perf_counter()
    hit = []

    def compile_() -> tuple[dict[str, int], str, str, str]:
        hit.append(False)
        return _compile_lexicon()

    fingerprints = tuple(iter_fingerprints(LEXICON_LAYERS))
    cached = load_cached("lexicon", fingerprints, compile_)
    frequencies, forms, drugs, no_suggest = cached
    lexicon = Lexicon(
        frequencies=frequencies,
        hunspell=frozenset(forms.split("\n")),
        drugs=frozenset(drugs.split("\n")),
        no_suggest=frozenset(no_suggest.split("\n")) - {""},
    )
    lexicon.fingerprints = fingerprints
    lexicon.load_seconds = time.perf_counter() - start
    lexicon.from_cache = not hit
    return lexicon
