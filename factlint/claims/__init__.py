"""Claim extraction: the statistics, citations and causal statements of a document.

The claims stage sits between the NLP stage and the checks (``docs/architecture.md``): it takes
the ``Document`` and the spaCy ``Doc`` of each block (made once by the engine) and returns
``Claim`` objects that checks filter and judge. It never re-reads a file or re-runs the
pipeline, and all its vocabulary is data (``rules/lexicons.yaml``, extendable by rule packs).

    from factlint.claims import extract_claims, load_default_lexicon
    claims = extract_claims(document, docs, load_default_lexicon())

See ``statistics``, ``citations`` and ``causal`` for what each kind records and why.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from factlint.claims.causal import (
    CausalReading,
    causal_claim,
    claim_reading,
    classify_sentence,
)
from factlint.claims.citations import (
    Citation,
    Link,
    ReferenceList,
    citation_attributes,
    find_anaphora,
    find_citations,
)
from factlint.claims.lexicon import (
    ClaimLexicon,
    Tok,
    TokenList,
    load_default_lexicon,
    read_block,
)
from factlint.claims.model import (
    ATTRIBUTE_KEYS,
    STRENGTHS,
    Claim,
    ClaimKind,
    Specificity,
    Strength,
    claim_to_dict,
    make_claim,
)
from factlint.claims.sentences import Sentence, block_sentences
from factlint.claims.statistics import find_statistics, may_hold_figures, statistic_attributes
from factlint.document import Document

__all__ = [
    "ATTRIBUTE_KEYS",
    "STRENGTHS",
    "CausalReading",
    "Claim",
    "ClaimKind",
    "ClaimLexicon",
    "Link",
    "Specificity",
    "Strength",
    "causal_claims",
    "citation_claims",
    "claim_to_dict",
    "classify_sentence",
    "extract_claims",
    "load_default_lexicon",
    "sentence_tokens",
    "statistic_claims",
]

_KIND_ORDER = {"citation": 0, "statistic": 1, "causal": 2}


def extract_claims(
    document: Document,
    docs: Sequence[Doc],
    lexicon: ClaimLexicon,
    links: Iterable[Link] = (),
) -> tuple[Claim, ...]:
    """All claims of a document, ordered by block, then position, then kind.

    ``docs[i]`` is the spaCy Doc of ``document.blocks[i].text``. ``links`` are hyperlinks the
    reader found (block, prose start, prose end, url): link targets are not in the prose, so
    they are passed in and become traceable citations over their link text.
    """
    if len(docs) != len(document.blocks):
        raise ValueError(f"{len(docs)} docs for {len(document.blocks)} blocks")
    references = ReferenceList.from_blocks(
        [block.text for block in document.blocks], [block.kind for block in document.blocks]
    )
    links_by_block: dict[int, list[tuple[int, int, str]]] = {}
    for block, start, end, url in links:
        links_by_block.setdefault(block, []).append((start, end, url))
    claims: list[Claim] = []
    for index, doc in enumerate(docs):
        read = read_block(doc)  # tokens, text and sentence starts in one pass over spaCy data
        text, toks = read.text, read.toks
        sentences = block_sentences(doc, read)
        # one token list per sentence, shared by the three passes: each indexes its match keys
        # once, however many lexicons search it
        split = sentence_tokens(toks, sentences)
        claims.extend(statistic_claims(index, text, toks, sentences, lexicon, sentence_toks=split))
        claims.extend(
            citation_claims(
                index,
                text,
                toks,
                sentences,
                lexicon,
                references,
                links_by_block.get(index, ()),
                sentence_toks=split,
            )
        )
        claims.extend(causal_claims(index, text, toks, sentences, lexicon, sentence_toks=split))
    claims.sort(key=lambda c: (c.block, c.start, _KIND_ORDER[c.kind], c.end))
    return tuple(claims)


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    """Index of the sentence containing prose ``offset`` (``starts`` sorted, non-empty)."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def sentence_tokens(toks: Sequence[Tok], sentences: Sequence[Sentence]) -> list[TokenList]:
    """The matcher tokens of each sentence (``toks`` are the block's)."""
    if not isinstance(toks, TokenList):
        toks = TokenList(toks)
    return [toks.part(s.start_token, s.end_token) for s in sentences]


def statistic_claims(
    block: int,
    text: str,
    toks: Sequence[Tok],
    sentences: Sequence[Sentence],
    lexicon: ClaimLexicon,
    *,
    sentence_toks: Sequence[Sequence[Tok]] | None = None,
) -> list[Claim]:
    """The statistic claims of one block (``text`` its prose, ``toks`` its matcher tokens).

    ``sentence_toks`` are the tokens of each sentence when the caller has already split them
    (``sentence_tokens``); the same holds for ``citation_claims`` and ``causal_claims``.
    """
    if not may_hold_figures(text):
        return []
    if sentence_toks is None:
        sentence_toks = sentence_tokens(toks, sentences)
    out = []
    for number, (sentence, sent_toks) in enumerate(zip(sentences, sentence_toks, strict=True)):
        for stat in find_statistics(
            text, (sentence.start, sentence.end), sent_toks, lexicon, block_start=number == 0
        ):
            out.append(
                make_claim(
                    "statistic",
                    block,
                    stat.start,
                    stat.end,
                    text,
                    (sentence.start, sentence.end),
                    **statistic_attributes(stat),
                )
            )
    return out


def citation_claims(
    block: int,
    text: str,
    toks: Sequence[Tok],
    sentences: Sequence[Sentence],
    lexicon: ClaimLexicon,
    references: ReferenceList,
    links: Iterable[tuple[int, int, str]] = (),
    *,
    sentence_toks: Sequence[Sequence[Tok]] | None = None,
) -> list[Claim]:
    """The citation claims of one block, each with the sentences it supports."""
    if not sentences:
        return []
    if sentence_toks is None:
        sentence_toks = sentence_tokens(toks, sentences)
    citations = find_citations(text, toks, lexicon, references, links)
    if not citations:
        return []
    starts = [sentence.start for sentence in sentences]
    specific = {_sentence_index(starts, c.start) for c in citations if c.specificity != "vague"}
    # a vague phrase next to a real source in the same sentence ("Research has shown (Lee,
    # 2020) ...") is not a vague citation: the source is given
    citations = [
        c
        for c in citations
        if not (
            c.specificity == "vague"
            and c.reference is None
            and not (c.source or "").startswith("[")  # an unresolved "[7]" stays reported
            and _sentence_index(starts, c.start) in specific
        )
    ]
    cited = {_sentence_index(starts, c.start) for c in citations}
    anaphoric: dict[int, bool] = {}  # asked only after a citation: most blocks have none
    out = []
    for citation in citations:
        position = _sentence_index(starts, citation.start)
        home = sentences[position]
        supports = [(block, home.start, home.end)]
        for later in range(position + 1, len(sentences)):
            if later in cited:
                break
            if later not in anaphoric:
                anaphoric[later] = find_anaphora(sentence_toks[later], lexicon)
            if not anaphoric[later]:
                break
            supports.append((block, sentences[later].start, sentences[later].end))
        attributes = citation_attributes(Citation(**{**citation.__dict__, "supports": ()}))
        attributes["supports"] = [list(span) for span in supports]
        out.append(
            make_claim(
                "citation",
                block,
                citation.start,
                citation.end,
                text,
                (home.start, home.end),
                **attributes,
            )
        )
    return out


def causal_claims(
    block: int,
    text: str,
    toks: Sequence[Tok],
    sentences: Sequence[Sentence],
    lexicon: ClaimLexicon,
    *,
    sentence_toks: Sequence[Sequence[Tok]] | None = None,
) -> list[Claim]:
    """The causal claims of one block: one per sentence whose strength is not ``none``."""
    if sentence_toks is None:
        sentence_toks = sentence_tokens(toks, sentences)
    out = []
    for sentence, sent_toks in zip(sentences, sentence_toks, strict=True):
        reading = claim_reading(sent_toks, lexicon, text)
        if reading is None or reading.strength == "none" or reading.cue_span is None:
            continue
        claim = causal_claim(block, text, (sentence.start, sentence.end), reading)
        if claim is not None:
            out.append(claim)
    return out
