"""Config where users work: nearest config per file, include/exclude, severities, init."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.config import load_config
from factlint.errors import UsageError
from factlint.starter import STARTER_CONFIG, write_starter_config
from factlint.workspace import matches

SELECT = "select: [doubled-word, preferred-term]\n"  # the rules these texts exercise
SLOPPY = "# Late\n\nIt is is late for people with restless leg syndrome.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A repository with a root config and a blog folder with its own config."""
    write(
        tmp_path / ".factlint.yaml",
        f"{SELECT}ignore: [terminology]\ninclude: ['*.md']\nexclude: [archive]\nfail-on: error\n",
    )
    write(tmp_path / "a.md", SLOPPY)
    write(tmp_path / "notes.txt", SLOPPY)  # not included
    write(tmp_path / "archive" / "old.md", SLOPPY)  # excluded
    write(
        tmp_path / "blog" / ".factlint.yaml",
        f"{SELECT}severity: {{typo: error, preferred-term: info}}\nexclude: ['drafts/*']\n",
    )
    write(tmp_path / "blog" / "b.md", SLOPPY)
    write(tmp_path / "blog" / "drafts" / "d.md", SLOPPY)  # excluded by the blog config
    return tmp_path


def found(run) -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    return {
        entry["path"]: [(f["rule"], f["severity"]) for f in entry["findings"]]
        for entry in run.json["files"]
    }


def test_each_file_uses_its_nearest_config(site, cli):
    run = cli("check", "--format", "json", ".", cwd=site)
    assert run.code == 1, run.stderr  # fail-on: error (root config) and b.md has an error
    assert found(run) == {
        "a.md": [("doubled-word", "warning")],  # root: terminology ignored
        # blog: its own config (no merging with the root one), severities overridden
        "blog/b.md": [("doubled-word", "error"), ("preferred-term", "info")],
    }
    # The same file linted on its own gets the same findings.
    alone = cli("check", "--format", "json", "b.md", cwd=site / "blog")
    assert found(alone) == {"b.md": [("doubled-word", "error"), ("preferred-term", "info")]}


def test_named_files_are_linted_unless_force_exclude(site, cli):
    named = cli("check", "--format", "json", "blog/drafts/d.md", "archive/old.md", cwd=site)
    assert list(found(named)) == ["blog/drafts/d.md", "archive/old.md"]
    forced = cli(
        "check", "--format", "json", "--force-exclude",
        "blog/drafts/d.md", "archive/old.md", "a.md", cwd=site,
    )  # fmt: skip
    assert list(found(forced)) == ["a.md"]


def test_glob_matching_rules(tmp_path):
    base = tmp_path
    assert matches(base / "drafts" / "x.md", ["drafts"], base)  # a folder name anywhere
    assert matches(base / "a" / "drafts" / "x.md", ["drafts/"], base)
    assert matches(base / "archive" / "2019" / "x.md", ["archive/2019"], base)  # a folder path
    assert matches(base / "archive" / "2019" / "deep" / "x.md", ["archive/*"], base)
    assert not matches(base / "a" / "archive" / "2019" / "x.md", ["archive/2019"], base)
    assert matches(base / "x.md", ["**/*.md"], base) and matches(base / "x.md", ["*.md"], base)
    assert not matches(base / "x.txt", ["*.md", "drafts"], base)
    assert matches(base / "sub" / "x.md", ["./sub/*.md"], base)


def test_config_errors_end_to_end(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    write(tmp_path / "blog" / "b.md", SLOPPY)
    write(tmp_path / "blog" / ".factlint.yaml", "select: [typo]\nfail-onn: error\n")
    run = cli("check", ".", cwd=tmp_path)  # the broken config governs only blog/b.md
    assert run.code == 2
    assert run.stderr.strip() == "factlint: error: blog/.factlint.yaml:2: unknown key 'fail-onn'"
    write(tmp_path / "blog" / ".factlint.yaml", "severity: {typo: fatal}\nignore: typo\n")
    run = cli("check", "blog/b.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "factlint: error: blog/.factlint.yaml:1: severity.typo: expected one of: error, "
        "warning, info",
        "factlint: error: blog/.factlint.yaml:2: ignore: expected a list",
    ]
    assert "Traceback" not in run.stderr


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path, cli):
    run = cli("init", cwd=tmp_path)
    assert run.code == 0, run.stderr
    written = tmp_path / ".factlint.yaml"
    assert written.read_text(encoding="utf-8") == STARTER_CONFIG
    assert STARTER_CONFIG.count("\n# ") > 5  # commented
    config = load_config(written)  # valid as it stands
    assert config.fail_on.label == "warning" and config.select == ()

    written.write_text("ignore: [typo]\n", encoding="utf-8")
    run = cli("init", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip() == (
        "factlint: error: .factlint.yaml already exists; use --force to overwrite it"
    )
    assert written.read_text(encoding="utf-8") == "ignore: [typo]\n"
    with pytest.raises(UsageError):
        write_starter_config(tmp_path)
    write_starter_config(tmp_path, force=True)
    assert written.read_text(encoding="utf-8") == STARTER_CONFIG
