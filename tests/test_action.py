"""The GitHub Action: a composite action that installs factlint from its own checkout."""

from __future__ import annotations

from pathlib import Path

import yaml

ACTION = Path(__file__).resolve().parent.parent / "action.yml"


def test_action_installs_from_its_path_and_annotates():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    scripts = [step.get("run", "") for step in steps]
    install = next(script for script in scripts if "pip install" in script)
    assert '"$GITHUB_ACTION_PATH"' in install  # this repository, not PyPI
    lint = next(step for step in steps if "factlint check" in step.get("run", ""))
    assert "--format github" in lint["run"]
    assert lint["shell"] == "bash"
    # Inputs reach the script through the environment only (no expression injection).
    assert all("${{" not in script for script in scripts)
    assert set(lint["env"].values()) == {"${{ inputs.paths }}", "${{ inputs.args }}"}
    assert set(action["inputs"]) >= {"paths", "args"}
