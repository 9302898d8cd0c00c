"""Corrections for unknown words: ranked candidates, run-together splits, and the safe-fix rule.

Candidates are the known words within an edit distance of 1 (words of up to 4 letters) or 2
(longer words), counting a swap of two neighbouring letters as one edit ("caffiene" ->
"caffeine"). They are ranked by distance first, then by a score: the log10 of the word's corpus
count, plus 0.5 for an edit typists make by accident (a neighbouring key, a doubled or
undoubled letter, a swapped pair, a wrong vowel), plus 1 when the word forms a known bigram
with its neighbour in the sentence ("study published"). Words known only from lists without
counts get a fixed count (:data:`DEFAULT_COUNTS`).

**Safe fix (the margin).** A suggestion becomes an automatic fix only when it is unambiguous:

1. the word has at least :data:`FIX_MIN_LENGTH` letters;
2. the best candidate is one edit away;
3. every other one-edit candidate scores at least :data:`FIX_MARGIN` (1.0, i.e. ten times
   less likely) below it;
4. no two-edit candidate is more frequent than it.

"caffiene" has one candidate ("caffeine") and gets a fix; "stufy" ("study", "stuff") and "flid"
("fluid", "lid", "fled") get ranked suggestions only, unless the sentence settles it ("stufy
published": "study published" is a known bigram). A split is a safe fix when no other split
and no one-edit candidate scores within :data:`FIX_MARGIN` of it.

**Run-together words** split into two or three known words ("arthritisrelated",
"causeandeffect"). Pieces of one or two letters must be function words ("a lot"), pieces of
three letters function words or very common words; a split beats the
best one-edit candidate when it scores at least as high, where a split scores the log10 of its
bigram count, or the log10 count of its rarer piece minus 1 without a bigram.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

FIX_MIN_LENGTH = 4
FIX_MARGIN = 1.0
TYPING_BONUS = 0.5
BIGRAM_BONUS = 1.0
MAX_SUGGESTIONS = 5
DEFAULT_COUNTS = {"accepted": 1_000_000, "drugs": 100_000, "other": 30_000}
"""Counts given to words from lists without frequencies (curated/user words, drugs, Hunspell)."""

_FUNCTION_WORDS_TEXT = (
    "a an and are as at be by do for from go he her his if in into is it its me my no not "
    "of on or our out so than that the their them then this to too up us was we were who "
    "with you your all any can off one per via"
)
FUNCTION_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS_TEXT.split())
"""Pieces of a run-together word shorter than three letters must be one of these."""

COMMON_PIECE = 10_000_000
"""A three-letter piece that is not a function word must be this common ("lot", not "som")."""

_HYPHEN_ENDINGS = (
    "ed", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "like", "free", "based",
    "related", "term", "wide", "year", "old", "long",
)  # fmt: skip

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_POSITION = {char: (row, col) for row, keys in enumerate(_ROWS) for col, char in enumerate(keys)}
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True)
class Candidate:
    """A suggested word with how far it is from the original and how likely it is."""

    word: str
    distance: int
    score: float
    count: int


@dataclass(frozen=True)
class Split:
    """A run-together word cut into known pieces, with the text to suggest."""

    parts: tuple[str, ...]
    text: str
    score: float
    runner_up: float | None = None
    """Score of the next best cut, if any (for the safe-fix margin)."""


@dataclass(frozen=True)
class Correction:
    """What to suggest for one unknown word, and whether the first suggestion is a safe fix."""

    candidates: tuple[Candidate, ...]
    split: Split | None
    safe: bool

    @property
    def run_together(self) -> bool:
        return self.split is not None

    @property
    def suggestions(self) -> tuple[str, ...]:
        if self.split is not None:
            return (self.split.text,)
        return tuple(candidate.word for candidate in self.candidates)


_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")

MEMO_LIMIT = 20_000
"""Corrections (and scans, and splits) remembered per process before a memo is cleared (bounds
memory)."""


class _Near(NamedTuple):
    """A known word near an unknown one, scored without its sentence."""

    word: str
    distance: int
    score: float
    """log10 of the count, plus the typing bonus."""
    count: int


def _remembered(memo: dict[_Key, _Value], key: _Key, compute: Callable[[_Key], _Value]) -> _Value:
    """``compute(key)``, remembered in ``memo`` (cleared when it reaches :data:`MEMO_LIMIT`)."""
    try:
        return memo[key]
    except KeyError:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        value = memo[key] = compute(key)
        return value


def _bigram_bonus(
    bigrams: Mapping[str, int], choice: str, before: str | None, after: str | None
) -> float:
    """:data:`BIGRAM_BONUS` when the candidate forms a known bigram with a neighbour."""
    if (before and f"{before} {choice}" in bigrams) or (after and f"{choice} {after}" in bigrams):
        return BIGRAM_BONUS
    return 0.0


Packed = dict[int, tuple[str, bytes]]
"""Words of letters only by length: ``length -> (words joined by newlines, their letter masks as
little-endian uint32)``. Strings and bytes, so :mod:`marshal` stores and loads it in a few
milliseconds (see :meth:`Vocabulary.pack`)."""

_MASK_DTYPE = np.dtype("<u4")


class Vocabulary:
    """The words a candidate may be, by length, each bucket with the letter masks of its words.

    Built from a :data:`Packed` form (a list of 170,000 words is bucketed and masked once, then
    cached on disk by the caller) plus the words ``add``-ed and without the words ``remove``-d,
    so the user's word lists can change the cached vocabulary without invalidating it. A bucket
    is unpacked on first use: a document's unknown words need a few lengths, not all.
    """

    def __init__(self, packed: Packed, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        """``add``: words of letters only (others are ignored, like in :meth:`of`)."""
        self._packed = packed
        self._add: dict[int, set[str]] = {}
        for word in filter(str.isalpha, add):
            self._add.setdefault(len(word), set()).add(word)
        self._remove: dict[int, set[str]] = {}
        for word in remove:
            self._remove.setdefault(len(word), set()).add(word)
        self._arrays: dict[int, tuple[np.ndarray, np.ndarray] | None] = {}

    @staticmethod
    def pack(words: Iterable[str]) -> Packed:
        """The words of letters only, by length, with their masks (see :data:`Packed`)."""
        buckets: dict[int, list[str]] = {}
        for word in filter(str.isalpha, words):
            buckets.setdefault(len(word), []).append(word)
        return {
            length: ("\n".join(bucket), _masks(bucket).astype(_MASK_DTYPE).tobytes())
            for length, bucket in sorted(buckets.items())
        }

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        """The vocabulary of ``words`` (those of letters only), packed in memory."""
        return cls(cls.pack(words))

    def bucket(self, length: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The words of one length (an object array) and their letter masks (None: no word)."""
        try:
            return self._arrays[length]
        except KeyError:
            arrays = self._arrays[length] = self._unpack(length)
            return arrays

    def _unpack(self, length: int) -> tuple[np.ndarray, np.ndarray] | None:
        joined, mask_bytes = self._packed.get(length, ("", b""))
        words = joined.split("\n") if joined else []
        masks = np.frombuffer(mask_bytes, _MASK_DTYPE).astype(np.uint32, copy=False)
        added = self._add.get(length, set()).difference(words)
        if added:
            extra = sorted(added)
            words += extra
            masks = np.concatenate((masks, _masks(extra)))
        array = np.array(words, dtype=object)
        removed = self._remove.get(length)
        if removed:
            keep = np.fromiter((word not in removed for word in words), bool, len(words))
            array, masks = array[keep], masks[keep]
        return (array, masks) if len(array) else None


class Suggester:
    """Candidate search over a vocabulary bucketed by word length (rapidfuzz does the scan)."""

    def __init__(
        self,
        counts: Mapping[str, int],
        extra: Iterable[tuple[Iterable[str], int]],
        bigrams: Callable[[], Mapping[str, int]],
        exclude: Iterable[str] = (),
        vocabulary: Vocabulary | None = None,
    ) -> None:
        """``extra``: word lists without counts, each with the count its words get (a word
        keeps the highest count any list gives it); ``exclude``: words never suggested.

        The lists are large (Hunspell's has 120,000 forms), so they are not merged into one
        table of counts: :meth:`count` looks a word up in each (only candidates and split
        pieces are counted), and the vocabulary is their union, made by set operations in C.
        ``counts`` is read, never changed. ``vocabulary``: that union without ``exclude``,
        when the caller has it already (:meth:`~factlint.spelling.words.Speller.suggester`
        has it from the disk cache); it must hold exactly those words of letters only."""
        self._counts = counts
        self._levels = sorted(
            ((frozenset(words), count) for words, count in extra), key=lambda level: -level[1]
        )
        self._exclude = frozenset(exclude)
        self._bigrams = bigrams
        if vocabulary is None:
            union = set(counts.keys())
            union.update(*(words for words, _ in self._levels))
            union.difference_update(self._exclude)
            vocabulary = Vocabulary.of(union)
        self.vocabulary = vocabulary
        self._memo: dict[tuple[str, str | None, str | None], Correction] = {}
        self._near_memo: dict[str, tuple[_Near, ...]] = {}
        self._split_memo: dict[str, Split | None] = {}

    def count(self, word: str) -> int:
        """The word's corpus count, or the highest count of a list that has it (0: unknown or
        excluded). Lists are tried from the highest count down, and only while they could
        raise the count."""
        if word in self._exclude:
            return 0
        found = self._counts.get(word, 0)
        for words, count in self._levels:
            if count <= found:
                break
            if word in words:
                return count
        return found

    def correct(self, word: str, before: str | None = None, after: str | None = None) -> Correction:
        """Ranked candidates and the best split for a lower-case unknown word.

        The candidate scan is the costliest step of the typo check (a quarter of a millisecond
        per word), and the same misspelling tends to recur in a document or a corpus: results
        are memoised per word and neighbours, and the scan and the split, which do not depend
        on the neighbours, per word alone (see :meth:`_near`).
        """
        return _remembered(self._memo, (word, before, after), self._correct)

    def _correct(self, key: tuple[str, str | None, str | None]) -> Correction:
        word, before, after = key
        candidates = self.candidates(word, before, after)
        split = _remembered(self._split_memo, word, self.split)
        one_edit = [c for c in candidates if c.distance == 1]
        if split is not None and one_edit and one_edit[0].score > split.score:
            split = None
        if split is None:
            safe = _safe(word, candidates)
        else:
            rivals = [split.runner_up or -math.inf] + [c.score for c in one_edit[:1]]
            safe = max(rivals) <= split.score - FIX_MARGIN
        return Correction(tuple(candidates[:MAX_SUGGESTIONS]), split, safe)

    def candidates(
        self, word: str, before: str | None = None, after: str | None = None
    ) -> list[Candidate]:
        """Known words within the edit limit, best first: the word's scan (:meth:`_near`)
        scored with the bigram bonus its neighbours give."""
        bigrams = self._bigrams() if (before or after) else {}
        found = [
            Candidate(
                near.word,
                near.distance,
                near.score + _bigram_bonus(bigrams, near.word, before, after),
                near.count,
            )
            for near in _remembered(self._near_memo, word, self._near)
        ]
        found.sort(key=lambda c: (c.distance, -c.score, c.word))
        return _distinct(found, word)

    def _near(self, word: str) -> tuple[_Near, ...]:
        """Known words within the edit limit, each with its distance, count and the part of its
        score that does not depend on the sentence (count and typing bonus).

        Each length bucket is first narrowed by letter sets (see :func:`letter_mask`): an edit
        adds or removes at most one letter of a word's set, so a word within ``limit`` edits
        differs from the query by at most ``limit`` letters each way. A candidate ``d`` letters
        longer needs ``d`` insertions, which add letters but remove none, so at most
        ``limit - d`` edits are left to remove letters of the word (and the reverse for a
        shorter one). A numpy pass over the bucket's masks keeps about 2% of it for rapidfuzz,
        the same candidates several times faster than scanning the whole bucket.
        """
        limit = 1 if len(word) <= 4 else 2
        found: list[_Near] = []
        query = letter_mask(word)
        missing = np.uint32(~query & _MASK_ALL)
        present = np.uint32(query)
        for length in range(len(word) - limit, len(word) + limit + 1):
            arrays = self.vocabulary.bucket(length)
            if arrays is None:
                continue
            words, masks = arrays
            # ``gained``/``lost``: most letters the candidate may have that the word lacks, and
            # the reverse (see the docstring for why the length difference tightens one side)
            spare = limit - abs(length - len(word))
            gained = limit if length >= len(word) else spare
            lost = limit if length <= len(word) else spare
            near = (_popcount(masks & missing) <= gained) & (_popcount(present & ~masks) <= lost)
            for choice, distance, _ in process.extract(
                word, words[near].tolist(), scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                if choice == word:
                    continue
                count = self.count(choice)
                typing = TYPING_BONUS if distance == 1 and typing_slip(word, choice) else 0.0
                found.append(_Near(choice, int(distance), math.log10(count) + typing, count))
        return tuple(found)

    def split(self, word: str) -> Split | None:
        """The best cut of ``word`` into two (else three) known pieces, or None."""
        found: list[Split] = []
        for i in range(1, len(word)):
            parts = (word[:i], word[i:])
            if all(self._piece(part) for part in parts):
                found.append(self._split(parts))
        if not found and len(word) >= 7:
            for i in range(1, len(word) - 1):
                if not self._piece(word[:i]):
                    continue
                for j in range(i + 1, len(word)):
                    parts = (word[:i], word[i:j], word[j:])
                    if self._piece(parts[1]) and self._piece(parts[2]):
                        found.append(self._split(parts))
        if not found:
            return None
        found.sort(key=lambda split: -split.score)
        runner_up = found[1].score if len(found) > 1 else None
        best = found[0]
        return Split(best.parts, best.text, best.score, runner_up)

    def _piece(self, part: str) -> bool:
        if part in FUNCTION_WORDS:
            return True
        if len(part) < 3:
            return False
        return self.count(part) >= (COMMON_PIECE if len(part) == 3 else 1)

    def _split(self, parts: tuple[str, ...]) -> Split:
        bigrams = self._bigrams()
        pairs = [bigrams.get(f"{a} {b}", 0) for a, b in itertools.pairwise(parts)]
        if all(pairs):
            score = math.log10(min(pairs))
        else:
            score = min(math.log10(self.count(p)) for p in parts) - 1.0
        return Split(parts, join_parts(parts), score)


_MASK_ALL = 0xFFFFFFFF
_OTHER_BITS = 6


def letter_mask(word: str) -> int:
    """The set of a word's characters as 32 bits: one bit per letter a-z, and the other
    characters (accents, apostrophes) folded onto six more bits. Folding can only make two sets
    look closer than they are, so the prefilter never drops a true candidate."""
    mask = 0
    for char in word:
        code = ord(char) - 97
        mask |= 1 << (code if 0 <= code < 26 else 26 + ord(char) % _OTHER_BITS)
    return mask


def _masks(words: Sequence[str]) -> np.ndarray:
    """:func:`letter_mask` of many words at once, computed by numpy over their code points (a
    bucket of 20,000 words in a few milliseconds rather than tens)."""
    codes = np.array(words, dtype=str)
    codes = codes.view(np.uint32).reshape(len(words), -1).astype(np.int64)
    letter = codes - 97
    bits = np.where((letter >= 0) & (letter < 26), letter, 26 + codes % _OTHER_BITS)
    masks = np.left_shift(1, bits)
    masks[codes == 0] = 0  # the padding of shorter strings: no character
    return np.bitwise_or.reduce(masks, axis=1).astype(np.uint32)


def _popcount(values: np.ndarray) -> np.ndarray:
    """Bits set in each uint32 (numpy 2 has it built in; a byte table for older numpy)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(values)
    counts = _BYTE_BITS[values.view(np.uint8)].reshape(-1, 4)
    return counts.sum(axis=1)


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def join_parts(parts: Sequence[str]) -> str:
    """Hyphens for compound adjectives ("arthritis-related", "cause-and-effect"), else spaces."""
    if len(parts) >= 3:
        return "-".join(parts) if parts[1] in FUNCTION_WORDS else " ".join(parts)
    if any(part in FUNCTION_WORDS for part in parts):
        return " ".join(parts)
    if parts[-1].endswith(_HYPHEN_ENDINGS):
        return "-".join(parts)
    return " ".join(parts)


def _distinct(candidates: list[Candidate], word: str) -> list[Candidate]:
    """Drop accented candidates for a word typed without accents when plain ones exist
    ("caféine" for "caffiene"), and any candidate that only adds accents to a better one."""
    if word.isascii() and any(c.word.isascii() for c in candidates):
        candidates = [c for c in candidates if c.word.isascii()]
    seen: set[str] = set()
    kept = []
    for candidate in candidates:
        plain = _plain(candidate.word)
        if plain not in seen:
            seen.add(plain)
            kept.append(candidate)
    return kept


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _safe(word: str, candidates: Sequence[Candidate]) -> bool:
    if len(word) < FIX_MIN_LENGTH or not candidates or candidates[0].distance != 1:
        return False
    best = candidates[0]
    for other in candidates[1:]:
        if other.distance == 1 and other.score > best.score - FIX_MARGIN:
            return False
        if other.distance == 2 and other.count > best.count:
            return False
    return True


def typing_slip(word: str, choice: str) -> bool:
    """One edit of the kinds typists make: neighbouring key, doubled letter, swap, vowel."""
    if len(word) == len(choice):
        diffs = [i for i, (a, b) in enumerate(zip(word, choice, strict=True)) if a != b]
        if len(diffs) == 2:
            return True  # a swapped pair (the only two-position difference at distance 1)
        if len(diffs) == 1:
            a, b = word[diffs[0]], choice[diffs[0]]
            if a in _VOWELS and b in _VOWELS:
                return True
            pa, pb = _POSITION.get(a), _POSITION.get(b)
            return bool(pa and pb and abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1)
        return False
    longer, shorter = (word, choice) if len(word) > len(choice) else (choice, word)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            return (i > 0 and longer[i - 1] == longer[i]) or (
                i + 1 < len(longer) and longer[i + 1] == longer[i]
            )
    return False
