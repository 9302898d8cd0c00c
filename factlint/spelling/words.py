"""Token classification: what each word in the prose is, as far as spelling goes.

The checker scans prose with :data:`TOKEN` and asks :meth:`Speller.verdict` about each token.
Verdicts depend only on the token text and the word lists, so they are cached per token:
a long article has a few thousand distinct words, and the scan stays a dictionary lookup per
token. What depends on the document (proper names it defines, its front-matter words) is
decided later, for the few unknown words only.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator

from factlint.compiled import load_cached
from factlint.spelling.lexicon import Lexicon
from factlint.spelling.suggest import DEFAULT_COUNTS, Packed, Suggester, Vocabulary
from factlint.spelling.variants import classify, variant_forms

TOKEN = re.compile(r"\w++(?:['’\-]\w++)*+")
r"""A word: letters and digits, with inner apostrophes and hyphens ("Willis-Ekbom", "it’s").

The quantifiers are possessive: the greedy match never needs to give anything back (nothing
follows the last repetition), so the matches are those of ``\w+(?:['’\-]\w+)*``, found
without the backtracking bookkeeping (the scan runs over every block)."""

_CACHE_LIMIT = 200_000

MEDICAL_PREFIXES: tuple[str, ...] = (
    "anti", "auto", "bio", "cardio", "electro", "endo", "gastro", "hemi", "hyper", "immuno",
    "intra", "macro", "micro", "multi", "neuro", "non", "osteo", "poly", "post", "pseudo",
    "psycho", "radio", "semi", "sub", "ultra",
)  # fmt: skip
"""Prefixes that make new medical words from known ones ("polyneuropathy", "nonopioid").
Deliberately short of "re", "pre", "in", "co", "inter": they would excuse misspellings such as
"independant" or "premission"."""

_UNITS_TEXT = (
    "mg g kg mcg µg ug ng pg ml l dl cl µl ul mm cm m km nm µm um in ft lb lbs oz st h hr "
    "hrs min mins s sec secs ms d wk wks y yr yrs mo mos x k kcal cal kj j iu u mmol mol "
    "nmol pmol µmol umol meq mmhg bpm hz khz mhz ghz kb mb gb tb am pm th nd rd mph kph "
    "kmh v mv w kw db c f"
)
UNITS: frozenset[str] = frozenset(_UNITS_TEXT.split())
"""Letters that may follow a number directly: units, ordinals, decades ("5mg", "24h", "3rd")."""

NEGATING_PREFIX = "un"
"""Accepted before a known past participle or gerund of five letters or more ("unvaccinated",
"unrested", "unrefreshing"); not before other words, where it would excuse "unuseable"."""
_NEGATABLE_ENDINGS = ("ed", "ing")

_HYPHEN_PREFIXES_TEXT = (
    "non anti co re pre post self ex multi sub semi mid over under inter intra extra "
    "ultra pro de un mis bi tri hypo hyper"
)
HYPHEN_PREFIXES = frozenset(_HYPHEN_PREFIXES_TEXT.split())
"""First parts of hyphenated words that need not be words on their own ("co-", "re-")."""

_DIGITS_FIRST = re.compile(r"(\d+(?:[.,]\d+)?)([^\W\d_]+)")
_LETTERS_FIRST = re.compile(r"([^\W\d_]+)(\d+)")
CODE_THEN_WORD = re.compile(r"([^\W\d_]{1,6}\d+)([^\W\d_]+)")
"""A code with digits and a lower-case word after it: "B12deficiency" ("B12" + "deficiency")."""
_CODE_TAIL = 4
"""Letters the word after a code needs, so that "HbA1c" and "T2DM"-like codes stay codes."""
_ROMAN = re.compile(r"(?i)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_PRONOUNS = frozenset(
    "i you we they he she it that there who what where how here this".split()  # noqa: SIM905
)


class Verdict(enum.IntEnum):
    """What a token is; only UNKNOWN, REJECTED and DIGITS lead to findings."""

    OK = 0
    SKIP = 1
    UNKNOWN = 2
    REJECTED = 3
    DIGITS = 4
    SUSPECT = 5
    """A known word that a confusion set lists: look at its context (then :meth:`base_verdict`)."""
    VARIANT = 6
    """A known word that is a distinctly British or American spelling (see :meth:`variant`)."""
    COMPOUND = 7
    """A hyphenated token with a part to look at (see :meth:`pieces`)."""


def fold(word: str) -> str:
    """Lower case, straight apostrophes: the form every word list is compared in."""
    return word.lower().replace("\u2019", "'")


def strip_accents(word: str) -> str:
    """``sjögren`` -> ``sjogren``: lists often spell names without their accents."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def word_set(words: Iterable[str]) -> frozenset[str]:
    """A user or pack word list as lookup keys: folded, and hyphenated entries also by part."""
    keys: set[str] = set()
    for entry in words:
        for piece in str(entry).split():
            key = fold(piece)
            keys.add(key)
            if "-" in key:
                keys.update(part for part in key.split("-") if part)
    return frozenset(keys)


def _packed_vocabulary(lexicon: Lexicon) -> Packed:
    """The lexicon's words that may be suggested (every layer's, less Hunspell's NOSUGGEST), by
    length, from the disk cache when the lexicon was compiled from the package files (its
    fingerprints are the key); bucketing and masking them is a tenth of a second.

    The user's accepted and rejected words are not in it: the :class:`Vocabulary` adds and
    removes them, so the result is the union :class:`Suggester` would build from the lists.
    """

    def pack() -> Packed:
        return Vocabulary.pack(lexicon.known - lexicon.no_suggest)

    if not lexicon.fingerprints:
        return pack()
    return load_cached("vocabulary", lexicon.fingerprints, pack, _is_packed)


def _is_packed(value: object) -> bool:
    """The shape :data:`Packed` has (a stray file must not pass for it)."""
    return isinstance(value, dict) and all(
        isinstance(length, int)
        and isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], bytes)
        and len(item[1]) == 4 * (item[0].count("\n") + 1)
        for length, item in value.items()
    )


class Speller:
    """The lexicon plus one rulebook's accept and reject lists, with a per-token verdict cache."""

    def __init__(
        self,
        lexicon: Lexicon,
        accept: Iterable[str] = (),
        reject: Iterable[str] = (),
        suspects: Iterable[str] = (),
    ) -> None:
        self.lexicon = lexicon
        self.accept = word_set(accept)
        self.reject = word_set(reject)
        self.suspects = frozenset(suspects)
        self._verdicts: dict[str, Verdict] = {}
        self._fine: set[str] = set()
        self._base: dict[str, Verdict] = {}
        self._variants: dict[str, tuple[str, str]] = {}
        self._pieces: dict[str, tuple[tuple[str, int, Verdict], ...]] = {}
        self._suggester: Suggester | None = None

    @property
    def suggester(self) -> Suggester:
        """Built on first use: most documents have no unknown word at all."""
        if self._suggester is None:
            lexicon = self.lexicon
            accepted = [w for w in self.accept if w.isalpha()]
            extra = [
                (accepted, DEFAULT_COUNTS["accepted"]),
                (lexicon.drugs, DEFAULT_COUNTS["drugs"]),
                (lexicon.hunspell, DEFAULT_COUNTS["other"]),
            ]
            exclude = lexicon.no_suggest | self.reject  # never suggest a word to avoid
            self._suggester = Suggester(
                lexicon.frequencies,
                extra,
                lambda: lexicon.bigrams,
                exclude=exclude,
                vocabulary=Vocabulary(_packed_vocabulary(lexicon), accepted, exclude),
            )
        return self._suggester

    @property
    def fine(self) -> set[str]:
        """The tokens met so far whose verdict is OK or SKIP (a subset of the verdict cache):
        a block whose tokens are all in it has nothing to report, which one set operation in C
        tells, and the scan looks only at the tokens outside it."""
        return self._fine

    def verdict(self, token: str) -> Verdict:
        """The cached verdict for one token (a hyphenated token is judged by its parts)."""
        verdict = self._verdicts.get(token)
        if verdict is None:
            if len(self._verdicts) > _CACHE_LIMIT:
                self._verdicts.clear()
                self._fine.clear()
                self._base.clear()
                self._pieces.clear()
            if "-" in token:
                verdict = Verdict.COMPOUND if self.pieces(token) else Verdict.OK
            elif fold(token) in self.suspects and not token.isupper():
                verdict = Verdict.SUSPECT
            else:
                verdict = self.base_verdict(token)
            self._verdicts[token] = verdict
            if verdict is Verdict.OK or verdict is Verdict.SKIP:
                self._fine.add(token)
        return verdict

    def pieces(self, token: str) -> tuple[tuple[str, int, Verdict], ...]:
        """The parts of a hyphenated token that need a look: ``(part, offset, verdict)``.

        None when the whole is known ("Willis-Ekbom" in the accept list); a first part that is a
        prefix ("co-", "non-") needs not be a word.
        """
        found = self._pieces.get(token)
        if found is None:
            whole = fold(token)
            parts = token.split("-")
            result = []
            if whole not in self.lexicon.known and whole not in self.accept:
                offset = 0
                for position, part in enumerate(parts):
                    prefix = position < len(parts) - 1 and fold(part) in HYPHEN_PREFIXES
                    if part and not prefix:
                        verdict = self.verdict(part)
                        if verdict is not Verdict.OK and verdict is not Verdict.SKIP:
                            result.append((part, offset, verdict))
                    offset += len(part) + 1
            found = self._pieces[token] = tuple(result)
        return found

    def base_verdict(self, token: str) -> Verdict:
        """The verdict without confusion sets (for a suspect whose context did not match)."""
        verdict = self._base.get(token)
        if verdict is None:
            verdict = self._base[token] = self._classify(token)
            if verdict is Verdict.OK:
                found = classify(fold(token), self.lexicon.hunspell.__contains__, self.knows)
                if found is not None:
                    self._variants[fold(token)] = found
                    verdict = self._base[token] = Verdict.VARIANT
        return verdict

    def variant(self, token: str) -> tuple[str, str] | None:
        """``(variety, counterpart)`` of a token whose verdict is VARIANT."""
        return self._variants.get(fold(token))

    def knows(self, word: str) -> bool:
        """Whether a folded word is known: a layer, the accept list, a variant or a derivation."""
        if word in self.lexicon.known or word in self.accept:
            return True
        plain = strip_accents(word)
        if plain != word and (plain in self.lexicon.known or plain in self.accept):
            return True
        if any(form in self.lexicon.known for form in variant_forms(word)):
            return True
        for prefix in MEDICAL_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 5:
                rest = word[len(prefix) :]
                if rest in self.lexicon.known or rest in self.accept:
                    return True
        rest = word[len(NEGATING_PREFIX) :]
        if (
            word.startswith(NEGATING_PREFIX)
            and len(rest) >= 5
            and rest.endswith(_NEGATABLE_ENDINGS)
            and rest in self.lexicon.known
        ):
            return True
        return any(stem in self.accept or stem in self.lexicon.drugs for stem in _stems(word))

    def _classify(self, token: str) -> Verdict:
        if "_" in token:
            return Verdict.SKIP
        word = fold(token)
        if word in self.reject:
            return Verdict.REJECTED
        if word in self.lexicon.known or word in self.accept:
            return Verdict.OK
        if any(char.isdigit() for char in token):
            return self._digits(token)
        letters = token.replace("'", "").replace("\u2019", "")
        if len(letters) <= 1:
            return Verdict.SKIP
        if not _LATIN.match(strip_accents(letters)):
            return Verdict.SKIP  # another script (睡眠, ύπνος, врача): not for English lists
        if token.isupper() or (token[:-1].isupper() and token[-1] == "s" and len(token) > 2):
            return Verdict.SKIP  # an acronym: RLS, SFPN, NSAIDs
        if any(char.isupper() for char in letters[1:]):
            return Verdict.SKIP  # internal capitals: PubMed, McDonald, mmHg, eGFR
        if "'" in word:
            base = _without_contraction(word)
            if base != word:
                return Verdict.OK if self.knows(base) else Verdict.UNKNOWN
            return Verdict.UNKNOWN
        if self.knows(word):
            return Verdict.OK
        if len(word) <= 7 and _ROMAN.fullmatch(word):
            return Verdict.SKIP
        return Verdict.UNKNOWN

    def _digits(self, token: str) -> Verdict:
        """Digits stuck to a known word ("disorders105", "1michael"); units and codes are fine."""
        if token.isdigit():
            return Verdict.SKIP
        match = _DIGITS_FIRST.fullmatch(token)
        if match:
            letters = match.group(2)
            if letters.lower() in UNITS or letters.lower() == "s":
                return Verdict.SKIP  # 5mg, 24h, 3rd, 1990s
            if not (letters.islower() or (letters[0].isupper() and letters[1:].islower())):
                return Verdict.SKIP  # 5HT, 3D
            return Verdict.DIGITS if self._word_part(letters) else Verdict.SKIP
        match = _LETTERS_FIRST.fullmatch(token)
        if match:
            letters = match.group(1)
            if len(letters) < 2 or letters.isupper() or any(c.isupper() for c in letters[1:]):
                return Verdict.SKIP  # B12, T2, COVID19, HbA1c-like codes
            return Verdict.DIGITS if self._word_part(letters) else Verdict.SKIP
        match = CODE_THEN_WORD.fullmatch(token)
        tail = match.group(2) if match else ""
        if len(tail) >= _CODE_TAIL and tail.islower() and self._word_part(tail):
            return Verdict.DIGITS  # B12deficiency, COVID19vaccine: a code stuck to a word
        return Verdict.SKIP  # H2O, hba1c, 5-HT2A: formulas and codes

    def _word_part(self, letters: str) -> bool:
        word = fold(letters)
        return len(word) >= 2 and (word in self.lexicon.known or word in self.accept)


_LATIN = re.compile(r"[A-Za-z]")
"""A word with a Latin letter first (after accents are stripped) is one the English lists judge."""


def _stems(word: str) -> Iterator[str]:
    """The singulars a plural could come from ("thiazides", "gummies", "sulfonylureas").

    Used only against the curated and drug lists: general lists already hold their plurals, and
    pluralising any known word would excuse "heros", "churchs" and "agains"."""
    if len(word) < 5 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return
    if word.endswith("ies"):
        yield word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        yield word[:-2]
    else:
        yield word[:-1]


def _without_contraction(word: str) -> str:
    """The word without a possessive ("patient's", "patients'"), or a pronoun without its
    contraction ("they'll"); other contractions must be known whole ("dosen't" is not)."""
    if word.endswith("'s") and len(word) > 3:
        return word[:-2]
    if word.endswith("s'") and len(word) > 3:
        return word[:-1]
    base, _, ending = word.rpartition("'")
    if base in _PRONOUNS and ending in ("re", "ve", "ll", "d", "m", "s"):
        return base
    return word
