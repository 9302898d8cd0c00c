"""Scale: -j worker processes give the same report in the same order; the result cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factlint import runner as runner_module
from factlint.cache import Cache, context_digest, entry_key, result_from_json, result_to_json
from factlint.config import Config
from factlint.runner import LintOptions, Runner, WorkspaceSpec

CHEAP = ("--select", "doubled-word,preferred-term")
PARAGRAPHS = (
    "It is is late for people with restless leg syndrome, who often sleep badly.",
    "Iron stores are checked with a ferritin test, and the the result guides treatment.",
    "Most people feel better within a few weeks once the cause is found and treated.",
)


def make_site(root: Path, files: int, repeat: int = 1) -> Path:
    site = root / "site"
    for index in range(files):
        folder = site / f"part{index % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(PARAGRAPHS[(index + k) % 3] for k in range(3 * repeat))
        (folder / f"a{index:02}.md").write_text(f"# Article {index}\n\n{body}\n", "utf-8")
    return site


def test_workers_give_the_same_results_in_the_same_order(tmp_path, monkeypatch):
    site = make_site(tmp_path, 12)
    monkeypatch.chdir(tmp_path)
    spec, options = WorkspaceSpec(isolated=True), LintOptions(select=("typo", "terminology"))

    serial = Runner(spec, options, jobs=1)
    expected = serial.lint(serial.discover([str(site)], stdin_data=None).sources)

    used: list[int] = []
    original = Runner._run_in_workers

    def spy(self: Runner, tasks: list, workers: int):  # type: ignore[no-untyped-def]
        used.append(workers)
        return original(self, tasks, workers)

    monkeypatch.setattr(runner_module, "MIN_BYTES_PER_WORKER", 1)
    monkeypatch.setattr(Runner, "_run_in_workers", spy)
    parallel = Runner(spec, options, jobs=2)
    got = parallel.lint(parallel.discover([str(site)], stdin_data=None).sources)

    assert used == [2]  # really went through two worker processes
    assert [item.result for item in got] == [item.result for item in expected]
    assert [item.digest for item in got] == [item.digest for item in expected]
    assert [item.result.path for item in got] == sorted(item.result.path for item in got)


def run_factlint(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI with chosen FACTLINT_* variables (run_cli clears them all)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    command = [sys.executable, "-m", "factlint", "check", "--isolated", "--format", "json"]
    return subprocess.run(
        [*command, *CHEAP, *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_output_is_identical_with_jobs(tmp_path):
    make_site(tmp_path, 12)
    # Workers for any amount of text, so this small site really goes through two processes.
    env = {"FACTLINT_MIN_BYTES_PER_WORKER": "1"}
    one = run_factlint(tmp_path, "-j", "1", "--no-cache", "site", env=env)
    two = run_factlint(tmp_path, "-j", "2", "--no-cache", "site", env=env)
    assert one.returncode == two.returncode == 1, two.stderr
    assert one.stdout == two.stdout
    paths = [entry["path"] for entry in json.loads(two.stdout)["files"]]
    assert paths == sorted(paths) and len(paths) == 12


def run_with_cache(cwd: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_factlint(cwd, *args, env={"FACTLINT_CACHE_DIR": str(cache)})


def test_cache_serves_unchanged_files_and_ignores_corrupt_entries(tmp_path):
    site = make_site(tmp_path, 3)
    cache = tmp_path / "cache"
    first = run_with_cache(tmp_path, cache, "site")
    assert first.returncode == 1, first.stderr
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3
    assert (cache / "CACHEDIR.TAG").is_file()
    assert (cache / ".gitignore").read_text().endswith("*\n")

    # Prove entries are read: doctor one (a real run would never produce this message)...
    doctored = json.loads(entries[0].read_text(encoding="utf-8"))
    doctored["findings"][0]["message"] = "FROM THE CACHE"
    entries[0].write_text(json.dumps(doctored), encoding="utf-8")
    # ...and break another one: a corrupt entry is a miss, never an error.
    entries[1].write_text("{truncated", encoding="utf-8")
    second = run_with_cache(tmp_path, cache, "site")
    assert second.returncode == 1, second.stderr
    assert second.stderr == ""
    messages = [f["message"] for e in json.loads(second.stdout)["files"] for f in e["findings"]]
    assert messages.count("FROM THE CACHE") == 1
    assert second.stdout.replace("FROM THE CACHE", "") != first.stdout  # only that one differs
    # --no-cache bypasses it entirely; an edited file is analysed again.
    third = run_with_cache(tmp_path, cache, "--no-cache", "site")
    assert third.stdout == first.stdout
    doctored_path = next(site.rglob(f"a{int(doctored['path'][-5:-3]):02}.md"))
    doctored_path.write_text("Fresh text.\n", encoding="utf-8")
    fourth = run_with_cache(tmp_path, cache, "site")
    assert "FROM THE CACHE" not in fourth.stdout


def test_cache_keys_cover_content_config_and_rule_packs(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("words: {accept: [ferritin]}\n", encoding="utf-8")
    base = Config(rules=(pack,))
    options = LintOptions().as_dict()
    context = context_digest(base, (), options)
    assert context == context_digest(base, (), options)
    assert context != context_digest(
        Config(rules=(pack,), fail_on=base.fail_on, ignore=("typo",)), (), options
    )
    assert context != context_digest(base, (), LintOptions(select=("typo",)).as_dict())
    pack.write_text("words: {accept: [ferritin, hepcidin]}\n", encoding="utf-8")
    assert context != context_digest(base, (), options)
    assert entry_key(context, "a.md", "1") != entry_key(context, "a.md", "2")
    assert entry_key(context, "a.md", "1") != entry_key(context, "b.md", "1")


def test_cache_round_trip_and_unreadable_entries(tmp_path, monkeypatch):
    site = make_site(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    run = Runner(WorkspaceSpec(isolated=True), LintOptions(), jobs=1)
    (linted,) = run.lint(run.discover([str(site)], stdin_data=None).sources)
    result = linted.result
    assert result.findings and any(f.fix for f in result.findings)
    assert result_from_json(json.loads(json.dumps(result_to_json(result)))) == result
    cache = Cache(tmp_path / "c")
    cache.put("ab" * 32, result)
    assert cache.get("ab" * 32) == result
    assert cache.get("cd" * 32) is None
    (tmp_path / "c" / "v1" / "ab" / f"{'ab' * 32}.json").write_text('{"path": 1}')
    assert cache.get("ab" * 32) is None
    assert (cache.hits, cache.misses) == (1, 2)


@pytest.mark.parametrize("jobs", ["0", "x"])
def test_bad_jobs_value_is_a_usage_error(tmp_path, cli, jobs):
    run = cli("check", "-j", jobs, ".", cwd=tmp_path)
    assert run.code == 2 and "Invalid value for '-j'" in run.stderr
