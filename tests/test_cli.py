"""End-to-end: the real ``factlint`` command on real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# The two checks that prove the engine; later rule families are tested in their own files.
ENGINE = ("--select", "doubled-word,preferred-term")

SLOPPY = (
    "# Restless legs\n"
    "\n"
    "Many people with restless leg syndrome find that symptoms are worse as as the day ends.\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_text_report_names_position_rule_and_marker(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    run = cli("check", "--isolated", *ENGINE, "a.md", cwd=tmp_path)
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert "a.md:3:18: warning preferred-term" in run.stdout
    assert "a.md:3:69: warning doubled-word 'as' is written twice in a row; delete one." in lines
    # The excerpt line and a marker under exactly the flagged span.
    index = lines.index(
        "a.md:3:69: warning doubled-word 'as' is written twice in a row; delete one."
    )
    source, marker = lines[index + 1], lines[index + 2]
    assert source.endswith("worse as as the day ends.")
    assert marker.index("^") == source.index("as as")
    assert marker.count("^") == len("as as")
    assert lines[-1].startswith("Found 2 findings (2 warning) in 1 of 1 file.")
    assert "\x1b[" not in run.stdout  # no colour when not a terminal


def test_json_report_follows_the_contract(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    report = cli("check", "--isolated", *ENGINE, "--format", "json", "a.md", cwd=tmp_path).json
    assert set(report) == {"version", "files", "summary"}
    (entry,) = report["files"]
    assert entry["path"] == "a.md"
    by_rule = {f["rule"]: f for f in entry["findings"]}
    doubled = by_rule["doubled-word"]
    assert doubled == {
        "rule": "doubled-word",
        "category": "typo",
        "severity": "warning",
        "message": "'as' is written twice in a row; delete one.",
        "line": 3,
        "column": 69,
        "end_line": 3,
        "end_column": 74,
        "excerpt": "as as",
        "suggestions": ["as"],
        "fix": doubled["fix"],
    }
    term = by_rule["preferred-term"]
    assert term["category"] == "terminology"
    assert term["excerpt"] == "restless leg syndrome"
    assert term["suggestions"] == ["restless legs syndrome"]
    assert report["summary"]["findings"] == 2
    assert report["summary"]["by_category"] == {"typo": 1, "terminology": 1}


def test_exit_codes_follow_fail_on(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    write(tmp_path / "clean.md", "Iron stores are checked with a ferritin test.\n")
    assert cli("check", "--isolated", *ENGINE, "clean.md", cwd=tmp_path).code == 0
    assert cli("check", "--isolated", *ENGINE, "a.md", cwd=tmp_path).code == 1
    assert cli("check", "--isolated", *ENGINE, "--fail-on", "error", "a.md", cwd=tmp_path).code == 0
    assert cli("check", "--isolated", *ENGINE, "--fail-on", "never", "a.md", cwd=tmp_path).code == 0


def test_select_and_ignore_take_ids_and_categories(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)

    def rules(*options: str) -> list[str]:
        report = cli("check", "--isolated", "--format", "json", *options, "a.md", cwd=tmp_path).json
        return sorted(f["rule"] for f in report["files"][0]["findings"])

    assert rules("--select", "typo") == ["doubled-word"]
    assert rules("--select", "preferred-term") == ["preferred-term"]
    assert rules("--ignore", "doubled-word,terminology") == []
    assert rules("--select", "typo", "--select", "terminology") == [
        "doubled-word",
        "preferred-term",
    ]


def test_unknown_rule_id_is_a_usage_error(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    run = cli("check", "--isolated", "--select", "doubled-words", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip() == (
        "factlint: error: --select: unknown rule or category 'doubled-words' "
        "(did you mean 'doubled-word'?)"
    )
    assert "Traceback" not in run.stderr


def test_bad_option_value_is_a_usage_error(tmp_path, cli):
    run = cli("check", "--format", "yaml", "x.md", cwd=tmp_path)
    assert run.code == 2
    assert "Invalid value for '--format'" in run.stderr
    assert "Traceback" not in run.stderr


def test_directories_are_walked_recursively_with_default_extensions(tmp_path, cli):
    write(tmp_path / "docs" / "a.md", "It is is late.\n")
    write(tmp_path / "docs" / "deep" / "b.html", "<p>It was was late.</p>")
    write(tmp_path / "docs" / "deep" / "c.txt", "It will will be late.\n")
    write(tmp_path / "docs" / "deep" / "d.markdown", "It had been been late.\n")
    write(tmp_path / "docs" / "deep" / "e.htm", "<p>so so</p>")
    write(tmp_path / "docs" / "ignored.py", "x = 'is is'\n")
    write(tmp_path / "docs" / ".hidden" / "f.md", "It is is late.\n")
    report = cli("check", "--isolated", *ENGINE, "--format", "json", "docs", cwd=tmp_path).json
    paths = [entry["path"] for entry in report["files"]]
    assert paths == [
        "docs/a.md",
        "docs/deep/b.html",
        "docs/deep/c.txt",
        "docs/deep/d.markdown",
        "docs/deep/e.htm",
    ]
    assert [len(entry["findings"]) for entry in report["files"]] == [1, 1, 1, 1, 1]


def test_stdin_uses_the_given_filename_and_format(tmp_path, cli):
    html = (
        b"<html><body><p>The the cause is unknown.</p>"
        b"<script>var a = 'is is';</script></body></html>"
    )
    run = cli(
        "check",
        "--isolated",
        "--format",
        "json",
        "--stdin-filename",
        "draft.html",
        "-",
        stdin=html,
        cwd=tmp_path,
    )
    assert run.code == 1
    (entry,) = run.json["files"]
    assert entry["path"] == "draft.html"
    (finding,) = entry["findings"]
    assert (finding["line"], finding["column"], finding["excerpt"]) == (1, 16, "The the")


def test_missing_file_is_reported_and_other_files_still_linted(tmp_path, cli):
    write(tmp_path / "a.md", "It is is late.\n")
    run = cli("check", "--isolated", *ENGINE, "--format", "json", "nope.md", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert "factlint: error: nope.md: no such file or directory" in run.stderr.splitlines()
    assert run.json["files"][0]["findings"][0]["rule"] == "doubled-word"
    assert "Traceback" not in run.stderr


def test_size_limit_must_be_a_finite_number(tmp_path, cli):
    write(tmp_path / "ok.md", "It is is late.\n")
    for value in ("nan", "inf", "1e400"):
        run = cli("check", "--isolated", "--max-file-size", value, "ok.md", cwd=tmp_path)
        assert run.code == 2
        assert "is not a finite number of MB" in run.stderr
        assert "Traceback" not in run.stderr


def test_binary_empty_and_oversized_files(tmp_path, cli):
    write(tmp_path / "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)))
    write(tmp_path / "empty.md", "")
    write(tmp_path / "big.md", "It is is late.\n" * 80_000)
    write(tmp_path / "ok.md", "It is is late.\n")
    run = cli(
        "check",
        "--isolated",
        *ENGINE,
        "--max-file-size",
        "1",
        "--format",
        "json",
        ".",
        cwd=tmp_path,
    )
    assert run.code == 2
    errors = run.stderr.splitlines()
    assert "factlint: error: binary.md: binary file, skipped" in errors
    assert any(
        line.startswith("factlint: error: big.md: skipped: 1.1 MB is over the 1.0 MB limit")
        for line in errors
    )
    assert len(errors) == 2
    files = {entry["path"]: entry for entry in run.json["files"]}
    assert files["empty.md"]["findings"] == []
    assert len(files["ok.md"]["findings"]) == 1
    assert "Traceback" not in run.stderr


def test_invalid_utf8_is_reported_and_the_rest_linted(tmp_path, cli):
    write(tmp_path / "latin.md", "Caf\u00e9 first line.\n\nIt is is late.\n".encode("latin-1"))
    run = cli("check", "--isolated", *ENGINE, "--format", "json", "latin.md", cwd=tmp_path)
    assert run.code == 2
    (error,) = run.stderr.splitlines()
    assert error.startswith("factlint: error: latin.md:1:4: invalid UTF-8")
    (finding,) = run.json["files"][0]["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("doubled-word", 3, 4)
    # With the right encoding it is clean of input errors.
    assert (
        cli("check", "--isolated", *ENGINE, "--encoding", "latin-1", "latin.md", cwd=tmp_path).code
        == 1
    )


def test_unreadable_file_in_a_directory(tmp_path, cli):
    import os

    if os.geteuid() == 0:
        import pytest

        pytest.skip("root can read any file")
    secret = write(tmp_path / "d" / "secret.md", "x\n")
    write(tmp_path / "d" / "ok.md", "It is is late.\n")
    secret.chmod(0)
    run = cli("check", "--isolated", *ENGINE, "--format", "json", "d", cwd=tmp_path)
    assert run.code == 2
    assert "factlint: error: d/secret.md: permission denied" in run.stderr.splitlines()


def test_malformed_rule_pack_names_file_line_and_field(tmp_path, cli):
    write(tmp_path / "a.md", "It is is late.\n")
    write(
        tmp_path / "custom.yaml",
        "phrases:\n"
        "  - id: no-miracle\n"
        "    kind: existence\n"
        "    category: style\n"
        "    severity: loud\n"
        "    message: Avoid '{match}'.\n"
        "    summary: Hype.\n"
        "    tokens: [miracle]\n"
        "    docs: {what: a, why: b, example: c, fix: d}\n",
    )
    run = cli("check", "--isolated", "--rules", "custom.yaml", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.startswith(
        "factlint: error: custom.yaml:5: phrases[0].severity: expected one of"
    )
    write(tmp_path / "broken.yaml", "phrases: [\n")
    run = cli("check", "--isolated", "--rules", "broken.yaml", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert "broken.yaml:" in run.stderr and "invalid YAML" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_broken_lexicon_stops_the_run_whatever_the_files_hold(tmp_path, cli):
    """A regex the statistic check reads was compiled at the first figure: a file without one
    passed with exit 0, and a broken ``statistic_anaphors`` entry ended in a traceback."""
    write(tmp_path / "plain.md", "Plain words with no figure in them.\n")
    write(tmp_path / "other.md", "It is is late.\n")
    cases = {
        "statistic_hypothetical: ['(made-up']": (
            "custom.yaml:3: lexicons.statistic_hypothetical[0]: invalid regular expression: "
            "missing ), unterminated subpattern at position 0"
        ),
        "statistic_anaphors: ['it', '(']": (
            "custom.yaml:3: lexicons.statistic_anaphors[1]: invalid regular expression: "
            "missing ), unterminated subpattern at position 0"
        ),
        "confusables: [{pattern: 'nay now', replacement: may}]": (
            "custom.yaml:3: lexicons.confusables[0]: 'nay now' needs exactly one [suspect] word"
        ),
    }
    for entry, message in cases.items():
        write(tmp_path / "custom.yaml", f"# a house pack\nlexicons:\n  {entry}\n")
        for jobs in ("1", "2"):
            run = cli(
                "check", "--isolated", "--no-cache", "-j", jobs, "--rules", "custom.yaml",
                "plain.md", "other.md", cwd=tmp_path,
            )  # fmt: skip
            assert run.code == 2, (entry, jobs, run.stderr)
            assert run.stderr == f"factlint: error: {message}\n"


def test_user_pack_adds_a_data_only_rule(tmp_path, cli):
    write(tmp_path / "a.md", "This miracle supplement works for everyone.\n")
    write(
        tmp_path / "custom.yaml",
        "phrases:\n"
        "  - id: no-miracle\n"
        "    kind: existence\n"
        "    category: style\n"
        "    severity: error\n"
        "    message: \"Avoid '{match}': it promises more than any treatment can.\"\n"
        "    summary: Hype words.\n"
        "    tokens: [miracle, magic bullet]\n"
        "    docs: {what: Hype, why: Overpromises, example: a miracle cure,\n"
        "           fix: Describe the evidence}\n",
    )
    run = cli(
        "check",
        "--isolated",
        "--rules",
        "custom.yaml",
        "--format",
        "json",
        "--select",
        "no-miracle",
        "a.md",
        cwd=tmp_path,
    )
    assert run.code == 1
    (finding,) = run.json["files"][0]["findings"]
    assert finding["rule"] == "no-miracle"
    assert finding["severity"] == "error"
    assert finding["message"] == "Avoid 'miracle': it promises more than any treatment can."
    assert (finding["column"], finding["end_column"]) == (6, 13)
    listing = cli("rules", "--isolated", "--rules", "custom.yaml", cwd=tmp_path)
    assert any(line.startswith("no-miracle") for line in listing.stdout.splitlines())


def test_rules_and_explain(tmp_path, cli):
    listing = cli("rules", "--isolated", cwd=tmp_path)
    assert listing.code == 0
    ids = [line.split()[0] for line in listing.stdout.splitlines()]
    assert "doubled-word" in ids and "preferred-term" in ids
    page = cli("explain", "doubled-word", "--isolated", cwd=tmp_path)
    assert page.code == 0
    for heading in ("What it flags:", "Why it matters:", "Example:", "How to fix:"):
        assert heading in page.stdout
    assert page.stdout.startswith("doubled-word (typo, default severity: warning)")
    unknown = cli("explain", "doubled", "--isolated", cwd=tmp_path)
    assert unknown.code == 2
    assert (
        unknown.stderr.strip()
        == "factlint: error: unknown rule 'doubled' (did you mean 'doubled-word'?)"
    )


def test_colour_is_opt_in_off_a_terminal(tmp_path, cli):
    write(tmp_path / "a.md", SLOPPY)
    coloured = cli("check", "--isolated", *ENGINE, "--color", "a.md", cwd=tmp_path)
    assert "\x1b[" in coloured.stdout
    plain = cli("check", "--isolated", *ENGINE, "--no-color", "--no-source", "a.md", cwd=tmp_path)
    assert "\x1b[" not in plain.stdout
    assert "|" not in plain.stdout  # --no-source drops the excerpt
    assert "    suggestion: as" in plain.stdout.splitlines()


def test_launcher_pauses_the_collector_only_while_loading(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console entry point runs the command line with the collector back on (commands that
    do not lint, such as the web page, keep the normal collector), and returns its status as
    ``sys.exit`` would have made it."""
    import gc

    from factlint import launch

    seen: list[bool] = []
    with monkeypatch.context() as patch:
        patch.setattr("factlint.cli.main", lambda: seen.append(gc.isenabled()))
        assert launch.run_command_line() == 0
    assert seen == [True] and gc.isenabled()
    monkeypatch.setattr(sys, "argv", ["factlint", "--version"])
    assert launch.run_command_line() == 0 and "factlint" in capsys.readouterr().out
    assert gc.isenabled()
    monkeypatch.setattr(sys, "argv", ["factlint", "check", "--format", "nonsense", "x.md"])
    assert launch.run_command_line() == 2
    with monkeypatch.context() as patch:
        patch.setattr("factlint.cli.main", lambda: sys.exit("stopped: no input"))
        assert launch.run_command_line() == 1
    assert "stopped: no input" in capsys.readouterr().err


def test_the_command_ends_with_everything_written(tmp_path: Path, cli) -> None:
    """The process ends without tearing down what it loaded (``launch.main``), after flushing:
    a long report through a pipe arrives whole, with the exit status, and a reader that stops
    early (``| head``) gets no traceback."""
    article = "The the dose is 500 mg. Research has shown it cures cures RLS.\n\n" * 400
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    run = cli("check", "--isolated", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert run.code == 1
    assert len(run.json["files"][0]["findings"]) >= 800
    proc = subprocess.Popen(
        [sys.executable, "-m", "factlint", "check", "--isolated", "--no-cache", "a.md"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    error = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == 1
    assert "Traceback" not in error


def _fresh_python(code: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return proc.stdout.split()


def test_the_command_imports_spacy_without_its_command_line() -> None:
    """``spacy_startup``: spaCy is imported without typer and the rest of its command line
    (a fifth of factlint's start), yet ``spacy.info`` and a later ``import spacy.cli`` work
    as usual, because the stand-ins are gone once spaCy is imported."""
    seen = _fresh_python(
        "import sys\n"
        "from factlint.spacy_startup import import_spacy_without_cli\n"
        "import_spacy_without_cli()\n"
        "print('typer' in sys.modules, 'spacy.cli' in sys.modules)\n"
        "import spacy\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__)\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download))\n"
    )
    assert seen == ["False", "False", "True", "True"]
    launched = _fresh_python(
        "import sys\n"
        "from factlint.launch import run_command_line\n"
        "sys.argv = ['factlint', 'rules']\n"
        "run_command_line()\n"
        "print('spacy' in sys.modules, 'typer' in sys.modules)\n"
    )
    assert launched[-2:] == ["True", "False"]


def test_spacy_is_imported_normally_when_the_stand_ins_do_not_fit() -> None:
    """A spaCy that imports more from ``spacy.cli.info`` than the stand-in offers is imported
    the normal way, command line included, rather than not at all."""
    seen = _fresh_python(
        "import sys\n"
        "from factlint import spacy_startup\n"
        "spacy_startup.STAND_IN_ATTRIBUTES.clear()\n"
        "spacy_startup.import_spacy_without_cli()\n"
        "import spacy\n"
        "print('typer' in sys.modules, spacy.info()['spacy_version'] == spacy.__version__)\n"
    )
    assert seen == ["True", "True"]
