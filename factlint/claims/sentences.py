"""Sentence spans for claim extraction, repaired where the rule-based splitter cuts too early.

The blank pipeline's sentencizer ends a sentence at every full stop token, so "(Mease et al.,
2011)" or "e.g. iron" would split a citation or a sentence in two. Claims need whole sentences
(a citation's supported span, a causal reading), so spaCy's sentences are merged again where the
previous one ends in a known abbreviation. Only merging is done, never splitting: whatever the
pipeline (blank or a statistical model) decided otherwise is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

ABBREVIATIONS = frozenset(
    {"al", "e.g", "i.e", "eg", "ie", "vs", "cf", "etc", "fig", "figs", "no", "dr", "prof", "mr",
     "mrs", "ms", "st", "approx", "ca", "vol", "pp", "ed", "eds", "jr", "sr", "inc", "co", "ltd",
     "univ", "dept", "ref", "refs", "resp", "incl"}
)  # fmt: skip
"""Words that end with a full stop without ending a sentence ("et al.", "e.g.", "Fig.")."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block: its token range in the Doc and its prose character span."""

    start_token: int
    end_token: int
    start: int
    end: int


def _abbreviation_before(sent: Span) -> str | None:
    """The abbreviation a sentence ends with ("al" for "... et al." or "et al.,"), if any."""
    end = len(sent)
    while end > 0 and sent[end - 1].text in {",", ";", ")", '"', "'", "”", "’"}:
        end -= 1
    if end >= 2 and sent[end - 1].text == ".":
        word = sent[end - 2].text.lower().rstrip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and sent[end - 2].text.isupper()):
            return word
    if end >= 1 and sent[end - 1].text.endswith(".") and len(sent[end - 1].text) > 1:
        word = sent[end - 1].text.lower().rstrip(".")
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


def sentences_of(doc: Doc) -> list[Sentence]:
    """The sentences of ``doc``, with abbreviation splits merged back, trailing spaces cut."""
    spans: list[list[int]] = []
    merge = False
    for sent in doc.sents:
        if merge and spans:
            spans[-1][1] = sent.end
        else:
            spans.append([sent.start, sent.end])
        word = _abbreviation_before(sent)
        merge = word is not None and sent.end < len(doc) and _continues(word, doc[sent.end])
    result = []
    text = doc.text
    for first, last in spans:
        start = doc[first].idx
        end = doc[last - 1].idx + len(doc[last - 1].text)
        while end > start and text[end - 1].isspace():
            end -= 1
        result.append(Sentence(first, last, start, end))
    return result
