"""Corpus benchmark: factlint's throughput on realistic health articles, next to proselint.

Builds a site of many Markdown articles (at least 10 MB by default) by shuffling and
recombining the paragraphs of the evaluation corpus (``corpus/*.md`` and ``corpus/*.txt``) in
a temporary folder (never in the repository), then times the real commands in subprocesses:

- ``factlint check`` with ``-j 1`` and ``-j N`` (N = cores), no cache, no config file;
- cold start: ``factlint check`` on one small corpus article;
- the same files through proselint (from PyPI) as a reference for a prose linter's speed.
  proselint lives in its own venv: ``/tmp/factlint-bench-venv`` is created with it when missing
  (or pass ``--proselint PATH``); if that fails the proselint rows are skipped with a note.

Each run is repeated (``--repeat``, default 3) and the best time is kept, since other work on
the machine makes single runs noisy. Peak memory is the ``ru_maxrss`` that ``os.wait4``
reports for the child: with ``-j N`` that is the largest single process of the tree (the main
process or one worker), not the sum over workers.

    python benchmarks/bench_corpus.py                 # 10 MB, best of 3
    python benchmarks/bench_corpus.py --mb 2 --repeat 1

Prints the machine, the corpus and a table; docs/benchmarks.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
BENCH_VENV = Path("/tmp/factlint-bench-venv")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Timing:
    """The best of several runs of one command."""

    seconds: float
    peak_mb: float
    findings: int | None


@dataclass(frozen=True)
class Site:
    """The generated articles and their size."""

    root: Path
    files: int
    megabytes: float
    words: int


# ----------------------------------------------------------------------------- corpus


def corpus_paragraphs(corpus: Path) -> list[str]:
    """Paragraphs (blank-line separated) of the Markdown and plain-text articles.

    HTML articles are left out: their paragraphs carry markup that would make the generated
    Markdown less like what an editor writes.
    """
    paragraphs: list[str] = []
    for path in sorted([*corpus.glob("*.md"), *corpus.glob("*.txt")]):
        if path.name == "README.md":
            continue
        text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        sys.exit(f"no articles in {corpus}")
    return paragraphs


def make_site(root: Path, paragraphs: Sequence[str], target_mb: float, seed: int = 7) -> Site:
    """Write articles of 6-30 shuffled paragraphs until the site holds ``target_mb`` MB."""
    rng = random.Random(seed)
    target = int(target_mb * 1024 * 1024)
    size = words = index = 0
    while size < target:
        body = "\n\n".join(rng.sample(list(paragraphs), k=rng.randint(6, 30)))
        text = f"# Article {index}\n\n{body}\n"
        folder = root / f"section{index % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{index:05}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(text.split())
        index += 1
    return Site(root, index, size / 1024 / 1024, words)


# --------------------------------------------------------------------------- running


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, float, bytes]:
    """Wall time (s), peak RSS of the child (MB) and stdout of one run."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            sys.exit(f"{' '.join(argv[:3])} failed ({code}): {err.read().decode()[:500]}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def best_of(
    repeat: int, argv: Sequence[str], cwd: Path, count: Callable[[bytes], int] | None
) -> Timing:
    runs = []
    for attempt in range(repeat):
        runs.append(run_once(argv, cwd))
        what = " ".join(Path(argv[0]).name if i == 0 else a for i, a in enumerate(argv))
        print(f"  {what}: run {attempt + 1}, {runs[-1][0]:.2f}s", file=sys.stderr, flush=True)
    seconds, _, output = min(runs, key=lambda run: run[0])
    return Timing(seconds, max(run[1] for run in runs), count(output) if count else None)


def factlint_count(output: bytes) -> int:
    return int(json.loads(output)["summary"]["findings"])


def proselint_count(output: bytes) -> int:
    result = json.loads(output).get("result", {})
    return sum(len(entry.get("diagnostics", [])) for entry in result.values())


def factlint_has_jobs(exe: str) -> bool:
    """``-j/--jobs`` arrived in ``check`` separately; older builds measure -j1 only."""
    helptext = subprocess.run([exe, "check", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in helptext


def find_proselint(explicit: str | None) -> tuple[str | None, str]:
    """The proselint executable and its version, installing it in the bench venv if needed."""
    if explicit:
        return explicit, _version([explicit, "version"])
    exe = BENCH_VENV / "bin" / "proselint"
    if not exe.exists():
        print(f"installing proselint in {BENCH_VENV} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
            pip = [str(BENCH_VENV / "bin" / "pip"), "install", "-q", "proselint"]
            subprocess.run(pip, check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            print(f"proselint: installation failed, skipped ({error}) {detail.decode()[-300:]}")
            return None, ""
    return str(exe), _version([str(exe), "version"])


def _version(argv: list[str]) -> str:
    proc = subprocess.run(argv, capture_output=True, text=True)
    return (proc.stdout + proc.stderr).strip().splitlines()[0] if proc.returncode == 0 else "?"


def machine() -> str:
    """Cores, CPU model and RAM, as docs/benchmarks.md records them."""
    model = "unknown CPU"
    memory = "? GB"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores (nproc), {model}, {memory}; "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


# ------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the generated site in MB")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for -j N")
    parser.add_argument("--proselint", default=None, help="proselint executable to compare with")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint rows")
    args = parser.parse_args()

    exe = shutil.which("factlint") or sys.exit("factlint is not installed in this environment")
    prose_exe, prose_version = (None, "") if args.no_proselint else find_proselint(args.proselint)
    small = min(
        (p for p in CORPUS.glob("*.md") if p.name != "README.md"), key=lambda p: p.stat().st_size
    )
    check = [exe, "check", "--isolated", "--no-cache", "--format", "json"]
    rows: list[tuple[str, Timing, bool]] = []  # (name, timing, counts toward throughput)
    notes: list[str] = []

    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        site = make_site(Path(tmp) / "site", corpus_paragraphs(CORPUS), args.mb)
        cwd = Path(tmp)
        print(f"machine: {machine()}", flush=True)
        print(
            f"site: {site.files} Markdown files, {site.megabytes:.1f} MB, {site.words:,} words "
            f"(paragraphs of corpus/ shuffled); best of {args.repeat} runs each"
        )
        small_kb = small.stat().st_size / 1024
        rows.append(
            (
                f"factlint cold start (1 file, {small_kb:.1f} KB)",
                best_of(args.repeat, [*check, str(small)], cwd, factlint_count),
                False,
            )
        )
        rows.append(
            (
                "factlint check -j 1",
                best_of(args.repeat, [*check, "-j", "1", "site"], cwd, factlint_count)
                if factlint_has_jobs(exe)
                else best_of(args.repeat, [*check, "site"], cwd, factlint_count),
                True,
            )
        )
        if factlint_has_jobs(exe) and args.jobs > 1:
            argv = [*check, "-j", str(args.jobs), "site"]
            rows.append(
                (
                    f"factlint check -j {args.jobs}",
                    best_of(args.repeat, argv, cwd, factlint_count),
                    True,
                )
            )
        elif args.jobs > 1:
            notes.append("factlint check has no -j/--jobs yet: measured in one process only")
        if prose_exe:
            prose = [prose_exe, "check", "-o", "json"]
            rows.append(
                (
                    f"{prose_version.lower()} cold start (same file)",
                    best_of(args.repeat, [*prose, str(small)], cwd, proselint_count),
                    False,
                )
            )
            rows.append(
                (
                    f"{prose_version.lower()} (one process)",
                    best_of(args.repeat, [*prose, "site"], cwd, proselint_count),
                    True,
                )
            )
        elif not args.no_proselint:
            notes.append("proselint could not be installed: its rows are skipped")

    print()
    print(f"{'run':<36} {'time':>8} {'MB/s':>7} {'words/s':>9} {'peak RSS':>9} {'findings':>9}")
    for name, timing, throughput in rows:
        rate = site.megabytes / timing.seconds if throughput else None
        words = site.words / timing.seconds if throughput else None
        print(
            f"{name:<36} {timing.seconds:>7.2f}s "
            f"{'' if rate is None else f'{rate:.3f}':>7} "
            f"{'' if words is None else f'{words:,.0f}':>9} "
            f"{timing.peak_mb:>6.0f} MB "
            f"{'' if timing.findings is None else timing.findings:>9}"
        )
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
