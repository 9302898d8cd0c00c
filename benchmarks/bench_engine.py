"""Engine benchmark: cold start, throughput (MB/s, words/s), peak memory, and linear scaling.

Runs the real ``factlint check`` command in a subprocess on generated Markdown (our own text,
with typical problems sprinkled in), so the numbers include reading, NLP, checks and reporting.

    python benchmarks/bench_engine.py            # 10 MB, as in the README
    python benchmarks/bench_engine.py --mb 2     # quicker

Prints a table; the README quotes it with the machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = [
    "Restless leg syndrome makes the legs feel uncomfortable in the evening, and many people "
    "describe an urge to move that eases as soon as they walk around.",
    "A *small* study of 40 adults found that sleep improved after **eight weeks** of regular "
    "exercise, although the authors caution that the the sample was tiny.",
    "Fibromyalgia is a long-term condition that causes widespread pain, fatigue and trouble "
    "sleeping; see the [NHS overview](https://www.nhs.uk/conditions/fibromyalgia/) for details.",
    "- Iron deficiency is one of the most common causes of secondary restless legs syndrome.\n"
    "- Some antidepressants, such as amitriptyline, can make symptoms worse.\n"
    "- Caffeine and alcohol late in the day may also play a role.",
    "Research has shown that people with migraine are more likely to report poor sleep, but "
    "studies differ in how they measure it, so as as always the details matter.",
    "| Condition | Prevalence |\n|---|---|\n| Migraine | about 15% |\n| Fibromyalgia | 2% to 4% |",
    "Doctors usually check ferritin levels first, because low iron stores are easy to treat and "
    "treatment often helps within a few weeks.",
    "## What the evidence says\n\nMost trials are short, and few compare treatments head to head.",
]


def make_markdown(target_bytes: int, seed: int = 7) -> str:
    """Markdown text of about ``target_bytes`` bytes, paragraphs in a shuffled, repeatable order."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        paragraph = rng.choice(PARAGRAPHS)
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(parts) + "\n"


def run_factlint(args: list[str]) -> tuple[float, float, dict]:
    """Wall time (s), peak RSS of that one child (MB) and the parsed JSON report."""
    exe = shutil.which("factlint") or sys.exit("factlint is not installed in this environment")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [exe, "check", "--isolated", "--format", "json", *args], stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode not in (0, 1):
            sys.exit(f"factlint failed ({child.returncode}): {err.read().decode()[:500]}")
        report = json.load(out)
    return elapsed, usage.ru_maxrss / 1024, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the generated corpus in MB")
    parser.add_argument("--files", type=int, default=100, help="number of files for the split run")
    args = parser.parse_args()

    text = make_markdown(int(args.mb * 1024 * 1024))
    words = len(text.split())
    megabytes = len(text.encode()) / 1024 / 1024
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small = root / "small.md"
        small.write_text(make_markdown(2000))
        single = root / "single" / "big.md"
        single.parent.mkdir()
        single.write_text(text)
        split_dir = root / "split"
        split_dir.mkdir()
        paragraphs = text.split("\n\n")
        chunk = -(-len(paragraphs) // args.files)
        for index in range(args.files):
            piece = paragraphs[index * chunk : (index + 1) * chunk]
            (split_dir / f"part{index:03}.md").write_text("\n\n".join(piece) + "\n")

        cold, cold_mem, _ = run_factlint([str(small)])
        size_limit = ["--max-file-size", str(args.mb * 2 + 1)]
        # Linearity is a property of the engine: compare both on one process (-j 1) and no
        # cache; the parallel run is reported on its own row.
        serial = ["-j", "1", "--no-cache"]
        one_time, one_mem, one_report = run_factlint([*serial, *size_limit, str(single)])
        many_time, many_mem, many_report = run_factlint([*serial, str(split_dir)])
        jobs = os.cpu_count() or 1
        par_time, par_mem, _ = run_factlint(["-j", str(jobs), "--no-cache", str(split_dir)])

    one_count = one_report["summary"]["findings"]
    many_count = many_report["summary"]["findings"]
    rows = [
        ("cold start, one small file", f"{cold:.2f} s", "", f"{cold_mem:.0f} MB"),
        (
            f"one {megabytes:.1f} MB file",
            f"{one_time:.2f} s",
            f"{megabytes / one_time:.2f} MB/s, {words / one_time:,.0f} words/s",
            f"{one_mem:.0f} MB",
        ),
        (
            f"same text in {args.files} files",
            f"{many_time:.2f} s",
            f"{megabytes / many_time:.2f} MB/s, {words / many_time:,.0f} words/s",
            f"{many_mem:.0f} MB",
        ),
        (
            f"{args.files} files, -j {jobs}",
            f"{par_time:.2f} s",
            f"{megabytes / par_time:.2f} MB/s, {words / par_time:,.0f} words/s",
            f"{par_mem:.0f} MB",
        ),
    ]
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"corpus {megabytes:.1f} MB, {words:,} words"
    )
    print("(all runs --no-cache; the first three with -j 1)")
    print(f"{'run':<32} {'time':>9}  {'throughput':<36} {'peak RSS':>9}")
    for name, elapsed, rate, memory in rows:
        print(f"{name:<32} {elapsed:>9}  {rate:<36} {memory:>9}")
    ratio = one_time / many_time
    print(f"one file / {args.files} files time ratio: {ratio:.2f} (target <= 1.5)")
    print(
        f"findings: one file {one_count}, split {many_count} "
        f"({'same' if one_count == many_count else 'DIFFERENT'})"
    )


if __name__ == "__main__":
    main()
