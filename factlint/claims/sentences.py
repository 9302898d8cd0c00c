"""Sentence spans for claim extraction, repaired where the rule-based splitter cuts too early.

The blank pipeline's sentencizer ends a sentence at every full stop token, so "(Mease et al.,
2011)" or "e.g. iron" would split a citation or a sentence in two. Claims need whole sentences
(a citation's supported span, a causal reading), so spaCy's sentences are merged again where the
previous one ends in a known abbreviation. Only merging is done, never splitting: whatever the
pipeline (blank or a statistical model) decided otherwise is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Token

from factlint.claims.lexicon import BlockTokens, Tok, read_block

ABBREVIATIONS = frozenset(
    {"al", "e.g", "i.e", "eg", "ie", "vs", "cf", "etc", "fig", "figs", "no", "dr", "prof", "mr",
     "mrs", "ms", "st", "approx", "ca", "vol", "pp", "ed", "eds", "jr", "sr", "inc", "co", "ltd",
     "univ", "dept", "ref", "refs", "resp", "incl"}
)  # fmt: skip
"""Words that end with a full stop without ending a sentence ("et al.", "e.g.", "Fig.")."""


class Sentence(NamedTuple):
    """A sentence of a block: its token range in the Doc and its prose character span (a named
    tuple: one is made per sentence of every block, and several checks read them)."""

    start_token: int
    end_token: int
    start: int
    end: int


def _abbreviation_before(toks: Sequence[Tok], start: int, end: int) -> str | None:
    """The abbreviation the sentence ``toks[start:end]`` ends with ("al" for "... et al." or
    "et al.,"), if any."""
    while end > start and toks[end - 1].text in {",", ";", ")", '"', "'", "”", "’"}:
        end -= 1
    if end - start >= 2 and toks[end - 1].text == ".":
        word = toks[end - 2].text.lower().rstrip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and toks[end - 2].text.isupper()):
            return word
    if end - start >= 1 and toks[end - 1].text.endswith(".") and len(toks[end - 1].text) > 1:
        word = toks[end - 1].text.lower().rstrip(".")
        if word in ABBREVIATIONS:
            return word
    return None


def _continues(word: str, nxt: Token) -> bool:
    """Whether the sentence cut after abbreviation ``word`` goes on with token ``nxt``."""
    if word in {"no", "fig", "figs", "vol", "pp", "ref", "refs"}:
        return nxt.text[:1].isdigit()
    if word in {"etc", "ie", "eg", "i.e", "e.g"} or len(word) == 1:
        return not nxt.is_title or len(word) == 1
    return True


def _sentence_bounds(doc: Doc, sent_starts: Sequence[int]) -> list[tuple[int, int]]:
    """(first token, end token) of each sentence spaCy made, as ``doc.sents`` gives them.

    Read from the tokens' ``SENT_START`` values rather than from ``doc.sents``, which makes a
    Span per sentence; a ``sents`` hook, or a Doc without sentence boundaries (which
    ``doc.sents`` refuses with its own error), goes through ``doc.sents``.
    """
    if "sents" in doc.user_hooks:
        return [(sent.start, sent.end) for sent in doc.sents]
    length = len(sent_starts)
    starts = [i for i in range(1, length) if sent_starts[i] == 1]
    if not starts and length > 1 and not any(sent_starts[1:]):  # not doc.has_annotation(...)
        return [(sent.start, sent.end) for sent in doc.sents]  # spaCy's error
    if not length:
        return []
    starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], length], strict=True))


def sentences_of(doc: Doc) -> list[Sentence]:
    """The sentences of ``doc``, with abbreviation splits merged back, trailing spaces cut."""
    return block_sentences(doc, read_block(doc))


def block_sentences(doc: Doc, block: BlockTokens) -> list[Sentence]:
    """``sentences_of(doc)``, given what ``read_block(doc)`` read of it.

    Worked out once per Doc and kept in ``doc.user_data`` like ``read_block``'s tokens: the claim
    extractors and the grammar check read the same sentences. Treat the list as read-only.
    """
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is not None and cached[0] is block:
        return cached[1]
    result = _merged_sentences(doc, block)
    doc.user_data[_SENTENCES_KEY] = (block, result)
    return result


_SENTENCES_KEY = "factlint.sentences"


def _merged_sentences(doc: Doc, block: BlockTokens) -> list[Sentence]:
    toks, text = block.toks, block.text
    spans: list[list[int]] = []
    merge = False
    for first, last in _sentence_bounds(doc, block.sent_starts):
        if merge and spans:
            spans[-1][1] = last
        else:
            spans.append([first, last])
        if last >= len(toks):  # the block's last sentence: nothing after it to merge
            merge = False
            continue
        word = _abbreviation_before(toks, first, last)
        merge = word is not None and _continues(word, doc[last])
    result = []
    for first, last in spans:
        start = toks[first].start
        end = toks[last - 1].end
        while end > start and text[end - 1].isspace():
            end -= 1
        result.append(Sentence(first, last, start, end))
    return result
