"""pre-commit: the published hook definition, and the real pre-commit tool blocking a commit.

No network: the end-to-end test runs a ``repo: local`` hook with ``language: system`` pointing
at the factlint installed in this environment, with the same entry and file types as
``.pre-commit-hooks.yaml``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from identify.identify import ALL_TAGS, tags_from_filename
from pre_commit.clientlib import load_manifest

from factlint.config import DEFAULT_EXTENSIONS

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / ".pre-commit-hooks.yaml"


def hook() -> dict:
    (definition,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return definition


def test_manifest_is_valid_and_consistent():
    (loaded,) = load_manifest(str(MANIFEST))  # pre-commit's own schema check
    assert loaded["id"] == "factlint"
    definition = hook()
    assert definition["language"] == "python"
    assert definition["entry"].split()[:2] == ["factlint", "check"]
    assert "--force-exclude" in definition["entry"]  # honour the config's exclude globs
    types = set(definition["types_or"])
    assert types <= ALL_TAGS
    for extension in DEFAULT_EXTENSIONS:  # every file type factlint reads is passed to it
        assert types & tags_from_filename(f"article{extension}"), extension
    assert not types & tags_from_filename("script.py")  # and no code


def run(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_commit_blocked_on_a_bad_article_allowed_on_a_clean_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTLINT", "GIT_"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="Editor",
        GIT_AUTHOR_EMAIL="editor@example.invalid",
        GIT_COMMITTER_NAME="Editor",
        GIT_COMMITTER_EMAIL="editor@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(tmp_path),
    )
    repo = tmp_path / "site"
    repo.mkdir()
    definition = hook()
    local_hook = {
        **definition,
        "language": "system",
        "entry": definition["entry"].replace("factlint", f"{sys.executable} -m factlint", 1),
    }
    config = {"repos": [{"repo": "local", "hooks": [local_hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    config_text = "select: [doubled-word]\nexclude: [drafts]\n"
    (repo / ".factlint.yaml").write_text(config_text, encoding="utf-8")
    assert run(repo, "git", "init", "-q", env=env).returncode == 0
    installed = run(repo, sys.executable, "-m", "pre_commit", "install", env=env)
    assert installed.returncode == 0, installed.stderr

    (repo / "bad.md").write_text("# Legs\n\nIt is is late.\n", encoding="utf-8")
    run(repo, "git", "add", ".pre-commit-config.yaml", ".factlint.yaml", "bad.md", env=env)
    blocked = run(repo, "git", "commit", "-q", "-m", "bad", env=env)
    assert blocked.returncode != 0
    assert "bad.md:3:4: warning doubled-word" in blocked.stdout + blocked.stderr

    (repo / "bad.md").write_text("# Legs\n\nIt is late.\n", encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "wip.md").write_text("Not not ready.\n", encoding="utf-8")  # excluded
    run(repo, "git", "add", "bad.md", "drafts/wip.md", env=env)
    allowed = run(repo, "git", "commit", "-q", "-m", "clean", env=env)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    log = run(repo, "git", "log", "--oneline", env=env)
    assert log.stdout.count("\n") == 1
