"""The wheel is complete: built from the source tree, installed into a fresh venv, it lints a file.

The fresh venv gets the wheel (pip install --no-deps) without its dependencies; the dependencies
come from the test environment's site-packages through a .pth file (so the test needs no
network), while factlint itself, its default rule pack and its schema can only come from the wheel.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_ships_rules_and_lints_from_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("factlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for pack in sorted((REPO / "rules").glob("*.yaml")):  # grammar.yaml, lexicons.yaml, ...
        assert f"factlint/rules/{pack.name}" in names
    assert "factlint/schema/rulepack.schema.json" in names
    assert not any(name.startswith(("tests/", "corpus/", "rules/")) for name in names)

    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    fresh_python = fresh / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(fresh_python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )

    article = tmp_path / "work" / "article.md"
    article.parent.mkdir()
    article.write_text("People with restless leg syndrome often sleep badly.\n")
    proc = subprocess.run(
        [str(fresh / "bin" / "factlint"), "check", "--isolated", "--format", "json", "article.md"],
        cwd=article.parent,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert '"rule": "preferred-term"' in proc.stdout
    origin = subprocess.check_output(
        [str(fresh_python), "-c", "import factlint; print(factlint.__file__)"],
        cwd=article.parent,
        text=True,
    )
    assert origin.startswith(str(site))
