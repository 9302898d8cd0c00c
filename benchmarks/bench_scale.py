"""Scale benchmark: speed-up from ``-j`` worker processes and from a warm result cache.

Runs the real ``factlint check`` command in a subprocess on a generated site of many Markdown
articles (the paragraphs of ``bench_engine.py``), so every number includes start-up, reading,
NLP, checks and reporting:

    python benchmarks/bench_scale.py                  # 200 files of ~10 KB
    python benchmarks/bench_scale.py --files 400 --kb 20

Prints a table: wall time of each run and its speed-up over ``-j 1 --no-cache``. It also checks
that every run printed the same report (parallel and cached runs must not change a byte).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import make_markdown


def run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, bytes]:
    """Wall time of one ``factlint check`` run and its JSON report."""
    exe = shutil.which("factlint") or sys.exit("factlint is not installed in this environment")
    start = time.perf_counter()
    proc = subprocess.run(
        [exe, "check", "--isolated", "--format", "json", *args, "site"],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"factlint failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return elapsed, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="number of articles")
    parser.add_argument("--kb", type=float, default=10.0, help="size of each article in KB")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="-j for the runs")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = root / "site"
        for index in range(args.files):
            folder = site / f"section{index % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            text = make_markdown(int(args.kb * 1024), seed=index)
            (folder / f"article{index:04}.md").write_text(text, encoding="utf-8")
        megabytes = sum(p.stat().st_size for p in site.rglob("*.md")) / 1024 / 1024
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
        cache = root / "cache"
        env["FACTLINT_CACHE_DIR"] = str(cache)

        def best(options: list[str], *, clear_cache: bool = False) -> tuple[float, bytes]:
            times, report = [], b""
            for _ in range(args.repeat):
                if clear_cache:
                    shutil.rmtree(cache, ignore_errors=True)
                elapsed, report = run(options, root, env)
                times.append(elapsed)
            return min(times), report

        jobs = str(args.jobs)
        rows = [
            ("-j 1 --no-cache", *best(["-j", "1", "--no-cache"])),
            (f"-j {jobs} --no-cache", *best(["-j", jobs, "--no-cache"])),
            (f"-j {jobs}, cold cache (writes it)", *best(["-j", jobs], clear_cache=True)),
            (f"-j {jobs}, warm cache", *best(["-j", jobs])),
            ("-j 1, warm cache", *best(["-j", "1"])),
        ]
    base = rows[0][1]
    same = all(report == rows[0][2] for _, _, report in rows)
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"{args.files} files, {megabytes:.1f} MB; best of {args.repeat}"
    )
    print(f"{'run':<34} {'time':>8} {'speed-up':>9} {'files/s':>9}")
    for name, elapsed, _ in rows:
        print(f"{name:<34} {elapsed:>7.2f}s {base / elapsed:>8.2f}x {args.files / elapsed:>9.0f}")
    print(f"reports identical across runs: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
