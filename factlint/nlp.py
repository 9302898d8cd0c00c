"""The spaCy pipeline: built once per process, run once per document over its prose blocks.

The default pipeline needs no model download: ``spacy.blank("en")`` plus a rule-based sentence
splitter and lookup lemmas from spacy-lookups-data. If the config names an installed statistical
English pipeline (``spacy_model: en_core_web_sm``, or the folder of a saved pipeline), that
pipeline is used instead and our own components are added to it.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

from factlint.errors import ConfigError

BATCH_SIZE = 256
"""Blocks per ``nlp.pipe`` batch: large enough to amortise overhead, small enough for memory."""


SHORT_DOC = 48
"""Below this many tokens, lemmas are written token by token rather than as one array."""

_LEMMA = [LEMMA]

LEMMA_CORRECTIONS = {"does": "do", "'re": "be"}
"""Lemmas the lookup table gets wrong for health writing: "does" is not the plural of "doe",
and "'re" has no entry. Keys are lower case with a straight apostrophe."""


@functools.lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """The shared pipeline for ``model`` (``None``: the blank English pipeline)."""
    nlp = _load_installed(model) if model else spacy.blank("en")
    try:
        if not _assigned(nlp, "token.is_sent_start"):  # no parser, senter or sentencizer yet
            nlp.add_pipe("sentencizer")
        if not _assigned(nlp, "token.lemma"):  # no lemmatizer (a saved factlint pipeline has)
            nlp.add_pipe("factlint_lemmas")
    except ValueError as error:  # a disabled component already holds the name
        raise ConfigError(f"spaCy pipeline {model!r} cannot be completed: {error}") from None
    return nlp


def _assigned(nlp: Language, attribute: str) -> bool:
    """Whether a component of ``nlp`` sets ``attribute``, whatever its name, as its factory
    declares: a saved pipeline may already hold a sentencizer or factlint's lemmas."""
    return any(attribute in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


@functools.lru_cache(maxsize=1)
def lemma_table() -> Mapping[str, str]:
    """spacy-lookups-data's English lemma table (word form -> lemma), loaded once per process:
    the pipeline's lemmas and the claim lexicon's lemma fallback read the same table.

    A plain dict of the package's JSON rather than ``load_lookups``'s ``Table``, which hashes
    and adds its 41,000 keys one by one in Python (a tenth of a second of every start). The
    lookups are the same: a ``Table`` keys each string by its spaCy hash, a dict by the string.
    Raises ValueError, like ``load_lookups``, when spacy-lookups-data is not installed.
    """
    if "en" not in registry.lookups:
        raise ValueError("spacy-lookups-data is not installed: no English lemma table")
    table = load_language_data(registry.lookups.get("en")["lemma_lookup"])
    if not isinstance(table, dict):
        raise ValueError("spacy-lookups-data's English lemma table is not a mapping")
    return table


@Language.factory("factlint_lemmas", assigns=["token.lemma"])
def _make_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp)


class LookupLemmas:
    """Lookup lemmas from spacy-lookups-data, case-insensitive where the table is not.

    spaCy's own lookup lemmatizer keeps "Causes" as the lemma of a sentence-initial "Causes"
    because its table is case-sensitive; checks match cue lemmas, so fall back to the lower-case
    form. Lemmas are cached per word form, which makes this faster than the stock component.
    """

    def __init__(self, nlp: Language) -> None:
        self.table = lemma_table()
        self.strings = nlp.vocab.strings
        self.cache: dict[int, int] = {}

    def _lemma_of(self, orth: int) -> int:
        text = self.strings[orth]
        key = text.replace("\u2019", "'")  # "n’t" and "’ll" are looked up as "n't" and "'ll"
        lemma = LEMMA_CORRECTIONS.get(key.lower()) or self.table.get(key)
        if lemma is None:
            title_case = len(text) > 1 and text[:1].isupper() and text[1:].islower()
            lemma = self.table.get(key.lower(), key.lower()) if title_case else text
        lemma_hash = self.strings.add(lemma)
        self.cache[orth] = lemma_hash
        return lemma_hash

    def __call__(self, doc: Doc) -> Doc:
        try:
            self._write(doc)
        except KeyError:  # a word form seen for the first time: learn it, in token order
            cache = self.cache
            for orth in doc.to_array(ORTH).tolist():
                if orth not in cache:
                    self._lemma_of(orth)
            self._write(doc)
        return doc

    def _write(self, doc: Doc) -> None:
        """Set every token's lemma from the cache (a ``KeyError`` if a word form is missing).

        Token by token is cheapest for short blocks; one ``to_array`` / ``from_array`` round
        trip, which costs a few microseconds however short the block, wins on long ones.
        """
        lemma_of = self.cache.__getitem__
        if len(doc) < SHORT_DOC:
            for token in doc:
                token.lemma = lemma_of(token.orth)
        else:
            orths = doc.to_array(ORTH).tolist()
            lemmas = numpy.fromiter(map(lemma_of, orths), numpy.uint64, len(orths))
            doc.from_array(_LEMMA, lemmas)


def _load_installed(model: str) -> Language:
    """Load an installed pipeline package by name, or a pipeline saved to a folder."""
    if not Path(model).is_dir() and not _installed(model):
        if any(mark in model for mark in ("/", "\\", ".")):
            raise ConfigError(
                f"spaCy pipeline {model!r}: no such folder (a saved pipeline's folder is "
                "relative to the config file), and no installed package of that name"
            )
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed: install it (pip install {model}) "
            "or remove spacy_model from the config to use the built-in pipeline"
        )
    try:
        return spacy.load(model, exclude=["ner"])
    except (OSError, ValueError) as error:
        raise ConfigError(f"spaCy pipeline {model!r} could not be loaded: {error}") from None


def _installed(package: str) -> bool:
    """Whether ``package`` names an importable top-level package (pipelines are packages)."""
    try:
        return importlib.util.find_spec(package.replace("-", "_")) is not None
    except (ImportError, ValueError):  # "a.b" with no package "a"; a relative or empty name
        return False


def analyse_blocks(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """One ``Doc`` per block text, in order, through ``nlp.pipe``."""
    return nlp.pipe(texts, batch_size=BATCH_SIZE)
