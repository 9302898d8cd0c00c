"""Gating on what changed: baselines with line-independent fingerprints, --changed-since."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from factlint import __version__
from factlint.api import make_linter
from factlint.baseline import Baseline, fingerprints
from factlint.discover import Source
from factlint.engine import FileResult, Linter
from factlint.errors import UsageError

OLD = "# Late\n\nIt is is late.\n\nWe were were there.\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=["doubled-word"])


def lint(linter: Linter, text: str, name: str = "a.md") -> FileResult:
    return linter.lint_source(Source(display=name, data=text.encode("utf-8")))


def test_fingerprints_survive_edits_above_and_number_duplicates(linter):
    before = lint(linter, OLD)
    after = lint(linter, "# Late\n\nA new first paragraph.\n\nMore text.\n\n" + OLD[8:])
    assert [f.location.line for f in before.findings] != [f.location.line for f in after.findings]
    assert fingerprints(before) == fingerprints(after)
    # Same rule, text and line twice: told apart by an occurrence index.
    twice = lint(linter, "It is is late.\n\nIt is is late.\n")
    first, second = fingerprints(twice)
    assert first.rsplit(":", 1)[0] == second.rsplit(":", 1)[0]
    assert (first[-2:], second[-2:]) == (":0", ":1")
    # Editing the flagged line makes the finding new; so does another file or rule.
    edited = lint(linter, OLD.replace("It is is late.", "It is is very late."))
    assert fingerprints(edited)[0] != fingerprints(before)[0]
    assert fingerprints(lint(linter, OLD, "b.md"))[0] != fingerprints(before)[0]


def test_bad_baselines_are_one_line_usage_errors(tmp_path):
    cases = {
        "missing.json": None,
        "broken.json": "{not json",
        "other.json": json.dumps({"findings": []}),
        "format.json": json.dumps({"factlint_baseline": 99, "version": __version__}),
        "shape.json": json.dumps({"factlint_baseline": 1, "version": __version__, "findings": [1]}),
    }
    messages = {}
    for name, text in cases.items():
        if text is not None:
            write(tmp_path / name, text)
        with pytest.raises(UsageError) as caught:
            Baseline.load(tmp_path / name)
        messages[name] = str(caught.value)
        assert "\n" not in messages[name]
    assert messages["missing.json"].endswith("missing.json: no such file")
    assert "broken.json:1:2: not valid JSON" in messages["broken.json"]
    assert "not a factlint baseline" in messages["other.json"]
    assert "baseline format 99" in messages["format.json"]
    assert "'findings' must be a list" in messages["shape.json"]


def test_baseline_then_check_reports_only_new_findings(tmp_path, cli):
    write(tmp_path / "a.md", OLD)
    (tmp_path / "ci").mkdir()
    run = cli(
        "baseline", "--isolated", "--select", "doubled-word", "-o", "ci/base.json", ".",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert "wrote 2 findings from 1 file to ci/base.json" in run.stderr
    data = json.loads((tmp_path / "ci" / "base.json").read_text())
    assert data["factlint_baseline"] == 1 and data["version"] == __version__
    assert {entry["path"] for entry in data["findings"]} == {"../a.md"}  # relative to the file

    # Unrelated edits above the old findings, and one new finding.
    write(tmp_path / "a.md", "# Late\n\nSome new text was was added.\n\nOther text.\n\n" + OLD[8:])
    run = cli(
        "check", "--isolated", "--select", "doubled-word", "--format", "json",
        "--baseline", "ci/base.json", "a.md", cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 1, run.stderr
    (entry,) = run.json["files"]
    assert [(f["rule"], f["line"], f["excerpt"]) for f in entry["findings"]] == [
        ("doubled-word", 3, "was was")
    ]


def test_baseline_from_another_major_version_is_rejected(tmp_path, cli):
    write(tmp_path / "a.md", OLD)
    major = int(__version__.split(".")[0]) + 1
    write(
        tmp_path / "base.json",
        json.dumps({"factlint_baseline": 1, "version": f"{major}.0.0", "findings": []}),
    )
    run = cli("check", "--isolated", "--baseline", "base.json", "a.md", cwd=tmp_path)
    assert run.code == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith(
        f"factlint: error: --baseline base.json: written by factlint {major}.0.0"
    )
    assert "regenerate it" in line
    assert run.stdout == ""


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_changed_since_reports_only_changed_lines(tmp_path, cli):
    git(tmp_path, "init", "-q")
    write(tmp_path / "a.md", OLD)
    git(tmp_path, "add", "a.md")
    git(tmp_path, "commit", "-q", "-m", "first")
    write(tmp_path / "a.md", "# Late\n\nNew text is is here.\n\n" + OLD[8:])
    write(tmp_path / "new.md", "All all new.\n")  # untracked: every line counts as changed
    run = cli(
        "check", "--isolated", "--select", "doubled-word", "--format", "json",
        "--changed-since", "HEAD", "a.md", "new.md", cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 1, run.stderr
    found = {
        e["path"]: [(f["line"], f["excerpt"]) for f in e["findings"]] for e in run.json["files"]
    }
    assert found == {"a.md": [(3, "is is")], "new.md": [(1, "All all")]}

    run = cli("check", "--isolated", "--changed-since", "no-such-branch", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip() == (
        "factlint: error: --changed-since: unknown git ref 'no-such-branch' (not a commit here)"
    )


def test_changed_since_outside_a_repository(tmp_path, cli):
    outside = tmp_path / "plain"
    outside.mkdir()
    write(outside / "a.md", OLD)
    run = cli("check", "--isolated", "--changed-since", "HEAD", "a.md", cwd=outside)
    assert run.code == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith("factlint: error: --changed-since:")
    assert "not inside a git repository" in line
    assert "Traceback" not in run.stderr
