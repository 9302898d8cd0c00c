"""Corpus benchmark: factlint's throughput on realistic health articles, next to proselint.

Builds a site of many Markdown articles (at least 10 MB by default) by shuffling and
recombining the paragraphs of the evaluation corpus (``corpus/*.md`` and ``corpus/*.txt``) in
a temporary folder (never in the repository), then times the real commands in subprocesses:

- ``factlint check`` with ``-j 1`` and ``-j N`` (N = cores), no cache, no config file;
- cold start: ``factlint check`` on one small corpus article;
- the same files through proselint (from PyPI) as a reference for a prose linter's speed.
  proselint lives in its own venv: ``/tmp/factlint-bench-venv`` is created with it when missing
  (or pass ``--proselint PATH``); if that fails the proselint rows are skipped with a note.

Each command runs ``--repeat`` times (default 3), round-robin, and the best time is kept,
since other work on the machine makes single runs noisy. Peak memory is the ``ru_maxrss``
that ``os.wait4`` reports for the child (through a tiny launcher, see ``LAUNCHER``): with
``-j N`` that is the largest single process of the tree (the main process or one worker), not
the sum over workers.

    python benchmarks/bench_corpus.py                 # 10 MB, best of 3
    python benchmarks/bench_corpus.py --mb 2 --repeat 1
    python benchmarks/bench_corpus.py --paragraphs ../shared/seeds   # real web articles
    python benchmarks/bench_corpus.py --abstracts ../shared/data/claims/bioscope_abstracts_hedge.csv
    python benchmarks/bench_corpus.py --mb 1 --single-file   # one 1 MB file

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    findings: int
    unstable: bool = False
    """The runs reported different findings: the code changed while the benchmark ran."""


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
        count = min(len(paragraphs), rng.randint(6, 30))
        body = "\n\n".join(rng.sample(list(paragraphs), k=count))
        text = f"# Article {index}\n\n{body}\n"
        folder = root / f"section{index % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{index:05}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(text.split())
        index += 1
    return Site(root, index, size / 1024 / 1024, words)


def join_site(root: Path, path: Path) -> None:
    """Every article of a site, in order, as one Markdown file (blank lines between them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = [article.read_text(encoding="utf-8") for article in sorted(root.rglob("*.md"))]
    path.write_text("\n\n".join(articles), encoding="utf-8")


def abstracts_site(root: Path, csv_path: Path) -> Site:
    """One Markdown article per abstract of a BioScope-style CSV (columns ``sentence``,
    ``doc_id``, ``part``): the title as a heading, then the sentences in paragraphs of four.

    Unlike ``make_site`` nothing repeats: every sentence is written once, so no cache of the
    linter (word forms, verdicts) is flattered by text it has already seen. The CSV is read at
    run time from ../shared/data and never copied into the repository."""
    import csv

    articles: dict[str, list[tuple[str, str]]] = {}
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            articles.setdefault(row["doc_id"], []).append((row["part"], row["sentence"].strip()))
    size = words = 0
    for index, rows in enumerate(articles.values()):
        titles = [sentence for part, sentence in rows if part == "Title"]
        body = [sentence for part, sentence in rows if part != "Title"]
        paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
        text = "\n\n".join([f"# {titles[0] if titles else f'Abstract {index}'}", *paragraphs])
        text += "\n"
        folder = root / f"section{index % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"abstract{index:05}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(text.split())
    return Site(root, len(articles), size / 1024 / 1024, words)


# --------------------------------------------------------------------------- running

LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
"""Runs one command and reports its wall time and ``os.wait4`` peak RSS. It exists because
Linux carries the parent's high-water RSS into a forked child's ``ru_maxrss``: measured straight
from this script, which holds large JSON reports, every command would look as big as the script.
The launcher is a bare ``python -S`` (about 5 MB), so that floor stays out of the numbers."""


@dataclass
class Command:
    """One benchmarked command and its runs: (seconds, peak RSS in MB, findings)."""

    name: str
    argv: list[str]
    count: Callable[[bytes], int]
    throughput: bool
    """True for runs over the whole site (MB/s and words/s are shown)."""
    runs: list[tuple[float, float, int]] = field(default_factory=list)

    def best(self) -> Timing:
        seconds = min(run[0] for run in self.runs)
        findings = {run[2] for run in self.runs}
        return Timing(seconds, max(run[1] for run in self.runs), max(findings), len(findings) > 1)


def run_once(command: Command, cwd: Path) -> None:
    """Run ``command`` once through the launcher and record time, peak RSS and findings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".txt") as result,
    ):
        launcher = [sys.executable, "-S", "-c", LAUNCHER, result.name, *command.argv]
        subprocess.run(launcher, cwd=cwd, stdout=out, stderr=err, env=env, check=True)
        elapsed, max_rss_kb, code = result.read().split()
        out.seek(0)
        err.seek(0)
        if int(code) not in (0, 1):
            sys.exit(f"{command.name} failed ({code}): {err.read().decode()[:500]}")
        command.runs.append((float(elapsed), int(max_rss_kb) / 1024, command.count(out.read())))
    print(f"  {command.name}: {float(elapsed):.2f}s", file=sys.stderr, flush=True)


def run_rounds(commands: Sequence[Command], repeat: int, cwd: Path) -> None:
    """Round-robin: every command once per round, so a burst of load on the shared machine
    hits all of them alike instead of one command's every run."""
    for round_number in range(repeat):
        print(f"round {round_number + 1} of {repeat}", file=sys.stderr, flush=True)
        for command in commands:
            run_once(command, cwd)


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
    parser.add_argument(
        "--paragraphs",
        type=Path,
        default=CORPUS,
        help="folder whose .md/.txt articles give the paragraphs (default: corpus/); e.g. "
        "../shared/seeds for real web articles",
    )
    parser.add_argument(
        "--abstracts",
        type=Path,
        default=None,
        help="build the site from a BioScope-style CSV of abstract sentences instead, all of "
        "them once (no repeated text; --mb and --paragraphs are ignored), e.g. "
        "../shared/data/claims/bioscope_abstracts_hedge.csv",
    )
    parser.add_argument(
        "--single-file",
        action="store_true",
        help="join the site's articles into one file and lint that (the case where Vale's "
        "spell check is superlinear); -j N is skipped, one file is one process's work",
    )
    args = parser.parse_args()
    target = "one" if args.single_file else "site"

    exe = shutil.which("factlint") or sys.exit("factlint is not installed in this environment")
    prose_exe, prose_version = (None, "") if args.no_proselint else find_proselint(args.proselint)
    small = min(
        (p for p in CORPUS.glob("*.md") if p.name != "README.md"), key=lambda p: p.stat().st_size
    )
    check = [exe, "check", "--isolated", "--no-cache", "--format", "json"]
    has_jobs = factlint_has_jobs(exe)
    jobs = ["-j", "1"] if has_jobs else []
    small_kb = small.stat().st_size / 1024
    commands = [
        Command(
            f"factlint cold start (1 file, {small_kb:.1f} KB)",
            [*check, *jobs, str(small)],
            factlint_count,
            False,
        ),
        Command("factlint check -j 1", [*check, *jobs, target], factlint_count, True),
    ]
    notes: list[str] = []
    if has_jobs and args.jobs > 1 and not args.single_file:
        argv = [*check, "-j", str(args.jobs), target]
        commands.append(Command(f"factlint check -j {args.jobs}", argv, factlint_count, True))
    elif args.jobs > 1 and not has_jobs:
        notes.append("factlint check has no -j/--jobs yet: measured in one process only")
    if prose_exe:
        prose = [prose_exe, "check", "-o", "json"]
        name = prose_version.lower()
        commands.append(
            Command(f"{name} cold start (same file)", [*prose, str(small)], proselint_count, False)
        )
        commands.append(Command(f"{name} (one process)", [*prose, target], proselint_count, True))
    elif not args.no_proselint:
        notes.append("proselint could not be installed: its rows are skipped")

    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        if args.abstracts:
            site = abstracts_site(Path(tmp) / "site", args.abstracts)
            origin = f"one article per abstract of {args.abstracts.name}, nothing repeated"
        else:
            site = make_site(Path(tmp) / "site", corpus_paragraphs(args.paragraphs), args.mb)
            origin = f"paragraphs of {args.paragraphs.name}/ shuffled"
        if args.single_file:
            join_site(site.root, Path(tmp) / target / "all.md")
            origin += ", joined into one file"
        print(f"machine: {machine()}")
        print(
            f"site: {site.files} Markdown files, {site.megabytes:.1f} MB, {site.words:,} words "
            f"({origin}); best of {args.repeat} runs each",
            flush=True,
        )
        run_rounds(commands, args.repeat, Path(tmp))

    print()
    print(f"{'run':<40} {'time':>8} {'MB/s':>7} {'words/s':>9} {'peak RSS':>9} {'findings':>9}")
    for command in commands:
        timing = command.best()
        rate = f"{site.megabytes / timing.seconds:.3f}" if command.throughput else ""
        words = f"{site.words / timing.seconds:,.0f}" if command.throughput else ""
        print(
            f"{command.name:<40} {timing.seconds:>7.2f}s {rate:>7} {words:>9} "
            f"{timing.peak_mb:>6.0f} MB {timing.findings:>9}"
        )
        if timing.unstable:
            notes.append(f"{command.name}: findings differed between runs (code changed?)")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
