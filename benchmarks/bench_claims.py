"""Claim benchmark: causal-strength classification and hedge detection on labelled sentences.

Scores ``factlint.claims.classify_sentence`` (the default lexicon, no training) against CSV files
of labelled sentences, and reports how fast it runs on one core.

    python benchmarks/bench_claims.py CAUSAL.csv [CAUSAL.csv ...] [--hedge BIOSCOPE.csv]

Causal files have the columns ``sentence,label`` with labels ``No relationship`` / ``Not claim``
(= none), ``Correlational``, ``Conditional causal`` and ``Direct causal`` (the format of Yu et al.
2019 and 2020). The hedge file has ``sentence,label`` with ``certain`` / ``uncertain`` (BioScope);
it is scored as sentence-level F1 of the ``hedged`` attribute, the positive class being
``uncertain``.

For each causal file the script prints the confusion matrix, per-class precision, recall and F1,
macro-F1 and sentences per second (spaCy pipeline + classification, single process).
``--errors N`` prints N misclassified sentences per (gold, predicted) pair, for lexicon work;
``--split even|odd`` keeps only even- or odd-numbered rows (a development / held-out split);
``--lexicon PACK.yaml`` (repeatable) extends the default lexicons with a rule pack's
``lexicons:``, to measure a change before proposing it.
No data ships with the repository: pass the paths.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from factlint.claims import ClaimLexicon
from factlint.claims.causal import read_tokens
from factlint.claims.lexicon import read_lexicon_yaml, tokens_of
from factlint.nlp import analyse_blocks, get_pipeline

CLASSES = ("none", "correlational", "conditional_causal", "direct_causal")
LABELS = {
    "no relationship": "none",
    "not claim": "none",
    "none": "none",
    "correlational": "correlational",
    "conditional causal": "conditional_causal",
    "direct causal": "direct_causal",
}


def read_rows(path: Path, split: str | None) -> list[tuple[str, str]]:
    """(sentence, label) rows of a CSV file, optionally only the even or odd rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(row["sentence"], row["label"]) for row in csv.DictReader(handle)]
    if split == "even":
        rows = rows[0::2]
    elif split == "odd":
        rows = rows[1::2]
    return rows


def build_lexicon(packs: list[Path]) -> ClaimLexicon:
    """The default lexicons, extended by each pack's ``lexicons:`` in order."""
    from importlib.resources import files

    merged: dict[str, list] = {}
    texts = [(files("factlint.rules") / "lexicons.yaml").read_text(encoding="utf-8")]
    texts += [pack.read_text(encoding="utf-8") for pack in packs]
    for text in texts:
        for name, entries in read_lexicon_yaml(text).items():
            merged.setdefault(name, []).extend(entries)
    return ClaimLexicon.from_mapping(merged)


def classify_all(sentences: list[str], lexicon: ClaimLexicon):
    """Readings for all sentences and the wall time (pipeline + classification)."""
    nlp = get_pipeline()
    start = time.perf_counter()
    readings = [
        read_tokens(tokens_of(doc), lexicon, doc.text) for doc in analyse_blocks(nlp, sentences)
    ]
    return readings, time.perf_counter() - start


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_causal(path: Path, split: str | None, errors: int, lexicon: ClaimLexicon) -> float:
    rows = read_rows(path, split)
    gold = []
    for _, label in rows:
        key = label.strip().lower()
        if key not in LABELS:
            sys.exit(f"{path}: unknown label {label!r}")
        gold.append(LABELS[key])
    readings, seconds = classify_all([sentence for sentence, _ in rows], lexicon)
    predicted = [reading.strength for reading in readings]
    matrix = Counter(zip(gold, predicted, strict=True))
    print(f"\n== {path.name}: {len(rows)} sentences" + (f" ({split} rows)" if split else ""))
    width = max(len(c) for c in CLASSES) + 2
    print("gold \\ predicted".ljust(width) + "".join(c[:12].rjust(14) for c in CLASSES))
    for g in CLASSES:
        print(g.ljust(width) + "".join(str(matrix[g, p]).rjust(14) for p in CLASSES))
    print(f"\n{'class'.ljust(width)}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    f1s = []
    for c in CLASSES:
        tp = matrix[c, c]
        fp = sum(matrix[g, c] for g in CLASSES if g != c)
        fn = sum(matrix[c, p] for p in CLASSES if p != c)
        precision, recall, f1 = prf(tp, fp, fn)
        f1s.append(f1)
        print(f"{c.ljust(width)}{precision:10.3f}{recall:10.3f}{f1:10.3f}{tp + fn:10d}")
    macro = sum(f1s) / len(f1s)
    accuracy = sum(matrix[c, c] for c in CLASSES) / max(1, len(rows))
    print(
        f"\nmacro-F1 {macro:.3f}   accuracy {accuracy:.3f}   "
        f"{len(rows) / seconds:,.0f} sentences/s ({seconds:.2f} s)"
    )
    if errors:
        samples = defaultdict(list)
        for (sentence, _), g, reading in zip(rows, gold, readings, strict=True):
            if g != reading.strength:
                samples[g, reading.strength].append((sentence, reading.cue))
        for (g, p), items in sorted(samples.items(), key=lambda kv: -len(kv[1])):
            print(f"\n-- gold {g}, predicted {p}: {len(items)}")
            for sentence, cue in items[:errors]:
                print(f"   [{cue}] {sentence[:200]}")
    return macro


def score_hedge(path: Path, split: str | None, errors: int, lexicon: ClaimLexicon) -> float:
    rows = read_rows(path, split)
    gold = [label.strip().lower() == "uncertain" for _, label in rows]
    readings, seconds = classify_all([sentence for sentence, _ in rows], lexicon)
    predicted = [reading.hedged for reading in readings]
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision, recall, f1 = prf(tp, fp, fn)
    print(f"\n== {path.name}: {len(rows)} sentences" + (f" ({split} rows)" if split else ""))
    print(
        f"hedge (uncertain) precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}   "
        f"{len(rows) / seconds:,.0f} sentences/s ({seconds:.2f} s)"
    )
    if errors:
        fps = [s for (s, _), g, p in zip(rows, gold, predicted, strict=True) if p and not g]
        fns = [s for (s, _), g, p in zip(rows, gold, predicted, strict=True) if g and not p]
        print(f"\n-- false positives: {len(fps)}")
        for s in fps[:errors]:
            print("  ", s[:200])
        print(f"\n-- false negatives: {len(fns)}")
        for s in fns[:errors]:
            print("  ", s[:200])
    return f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("causal", nargs="*", type=Path, help="CSV files: sentence,label")
    parser.add_argument(
        "--hedge", type=Path, help="BioScope CSV: sentence,label (certain/uncertain)"
    )
    parser.add_argument("--errors", type=int, default=0, help="error samples per confusion cell")
    parser.add_argument("--split", choices=("even", "odd"), help="score only even or odd rows")
    parser.add_argument(
        "--lexicon", type=Path, action="append", default=[], help="extra rule pack (lexicons:)"
    )
    args = parser.parse_args(argv)
    if not args.causal and not args.hedge:
        parser.error("give at least one causal CSV file or --hedge FILE")
    get_pipeline()  # load outside the timed part
    lexicon = build_lexicon(args.lexicon)
    summary = []
    for path in args.causal:
        summary.append(
            (path.name, "macro-F1", score_causal(path, args.split, args.errors, lexicon))
        )
    if args.hedge:
        summary.append(
            (args.hedge.name, "hedge F1", score_hedge(args.hedge, args.split, args.errors, lexicon))
        )
    print("\n== summary")
    for name, metric, value in summary:
        print(f"{name}: {metric} {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
