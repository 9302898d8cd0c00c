"""Claim-extraction speed benchmark: words per second of ``extract_claims`` on the corpus.

Reads every ``corpus/*.md|txt|html`` article, runs the spaCy pipeline once per document
(untimed), then times ``extract_claims`` alone over all documents, best of ``--repeat`` runs,
so the number isolates the claims stage the linter spends most of its time in. One untimed run
comes first (lexicon compilation, lemma tables, the per-word-form caches), so the timings are
those of a linter some documents into its run; the first run's time is printed too.

    python benchmarks/bench_claims_speed.py                      # words/s, best of 3
    python benchmarks/bench_claims_speed.py --dump /tmp/c.json   # plus every claim, as JSON
    python benchmarks/bench_claims_speed.py --profile 25         # cProfile, top 25 functions

``--dump`` writes a canonical JSON of all claims (``claim_to_dict`` plus block and offsets,
sorted keys), so an optimisation can be checked byte for byte against the output before it.
``--times N`` multiplies the corpus (the same documents N times) for steadier timings. Wall and
CPU time are both reported: on a busy machine the CPU time (which leaves out the time the
process waited for a core) is the steadier one; compare runs relatively, or pin the process
(``taskset -c 0``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from factlint.claims import Claim, claim_to_dict, extract_claims, load_default_lexicon
from factlint.document import Document
from factlint.nlp import analyse_blocks, get_pipeline
from factlint.readers import detect_format, read_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SUFFIXES = (".md", ".txt", ".html")


def load_corpus(folder: Path) -> list[tuple[Document, list[Doc]]]:
    """Every article of ``folder`` with the spaCy Doc of each block (the pipeline runs once)."""
    nlp = get_pipeline()
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        document = read_document(text, path.name, detect_format(path.name))
        docs = list(analyse_blocks(nlp, [block.text for block in document.blocks]))
        out.append((document, docs))
    return out


def count_words(corpus: Sequence[tuple[Document, list[Doc]]]) -> int:
    """Words of prose: tokens that are neither punctuation nor whitespace."""
    return sum(
        1 for _, docs in corpus for doc in docs for tok in doc if not (tok.is_punct or tok.is_space)
    )


def run(corpus: Sequence[tuple[Document, list[Doc]]]) -> list[tuple[Claim, ...]]:
    """The claims of every document, exactly as ``Linter.analyse`` extracts them."""
    lexicon = load_default_lexicon()
    return [
        extract_claims(document, docs, lexicon, links=document.prose_links())
        for document, docs in corpus
    ]


def canonical(corpus: Sequence[tuple[Document, list[Doc]]], results: Sequence[Any]) -> str:
    """All claims as one deterministic JSON text (for byte-for-byte comparisons)."""
    out = []
    for (document, _), claims in zip(corpus, results, strict=True):
        rows = []
        for claim in claims:
            row = claim_to_dict(claim)
            row.update(
                block=claim.block,
                start=claim.start,
                end=claim.end,
                sentence_start=claim.sentence_start,
                sentence_end=claim.sentence_end,
            )
            rows.append(row)
        out.append({"path": document.path, "claims": rows})
    return json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is kept)")
    parser.add_argument("--times", type=int, default=1, help="process the corpus N times per run")
    parser.add_argument("--dump", type=Path, help="write every claim as canonical JSON")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one run, top N")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.corpus)
    words = count_words(corpus)
    cold = time.perf_counter()
    results = run(corpus)  # warm up: lexicon compilation, lemma tables, caches
    cold = time.perf_counter() - cold
    if args.dump:
        args.dump.write_text(canonical(corpus, results), encoding="utf-8")
        print(f"wrote {sum(len(r) for r in results)} claims to {args.dump}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.times):
            run(corpus)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        return 0
    walls, cpus = [], []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.times):
            run(corpus)
        walls.append((time.perf_counter() - wall) / args.times)
        cpus.append((time.process_time() - cpu) / args.times)
    print(
        f"{len(corpus)} documents, {words} words, {sum(len(r) for r in results)} claims: "
        f"extract_claims best {min(walls) * 1000:.1f} ms wall ({words / min(walls):,.0f} words/s), "
        f"{min(cpus) * 1000:.1f} ms CPU ({words / min(cpus):,.0f} words/s); "
        f"wall runs {', '.join(f'{t * 1000:.1f}' for t in walls)} ms; "
        f"first (cold) run {cold * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
