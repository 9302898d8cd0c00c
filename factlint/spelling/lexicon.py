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

import functools
import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factlint.spelling import hunspell
from factlint.spelling.sources import (
    iter_fingerprints,
    read_bigrams,
    read_drug_names,
    read_frequencies,
    source_file,
)

COMPILER_VERSION = 5
"""Bump when the compiled form or the way a layer is read changes."""

LEXICON_LAYERS: tuple[str, ...] = ("frequency", "hunspell_dic", "hunspell_aff", "drugs")
BIGRAM_LAYERS: tuple[str, ...] = ("bigrams",)


def cache_dir() -> Path:
    """``$FACTLINT_CACHE_DIR``, else the platform's user cache directory + ``factlint``."""
    override = os.environ.get("FACTLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "factlint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "factlint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factlint"


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
            self._bigrams = _cached(BIGRAM_LAYERS, "bigrams", _compile_bigrams)
        return self._bigrams


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


def _compile_bigrams() -> dict[str, int]:
    return read_bigrams(source_file("bigrams").path)


def _cached(layers: tuple[str, ...], name: str, compile_: object) -> object:
    """Load ``name`` from the cache file keyed by ``layers``; compile and store it if absent."""
    python = f"py{sys.version_info[0]}.{sys.version_info[1]}-marshal{marshal.version}"
    key = hashlib.sha256(
        "\n".join([str(COMPILER_VERSION), python, name, *iter_fingerprints(layers)]).encode()
    ).hexdigest()[:20]
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = compile_()  # type: ignore[operator]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(marshal.dumps(value))
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only home: compile in memory next time too
    return value


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The process-wide lexicon (compiled on first use, then from the cache)."""
    start = time.perf_counter()
    hit = []

    def compile_() -> tuple[dict[str, int], str, str, str]:
        hit.append(False)
        return _compile_lexicon()

    cached = _cached(LEXICON_LAYERS, "lexicon", compile_)
    frequencies, forms, drugs, no_suggest = cached  # type: ignore[misc]
    lexicon = Lexicon(
        frequencies=frequencies,
        hunspell=frozenset(forms.split("\n")),
        drugs=frozenset(drugs.split("\n")),
        no_suggest=frozenset(no_suggest.split("\n")) - {""},
    )
    lexicon.load_seconds = time.perf_counter() - start
    lexicon.from_cache = not hit
    return lexicon
