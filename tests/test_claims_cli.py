"""End-to-end: ``factlint claims`` on real files, positions exact through markup."""

from __future__ import annotations

from pathlib import Path

ARTICLE = (
    "---\n"
    "title: Iron and restless legs\n"
    "---\n"
    "\n"
    "# What the studies say\n"
    "\n"
    "- About **10%** of adults report symptoms.\n"
    "- Iron [may reduce symptoms](https://doi.org/10.1000/xyz123) in people with low ferritin.\n"
    "\n"
    "| Group | Share |\n"
    "|---|---|\n"
    "| Pregnant women | one in five |\n"
    "\n"
    "Research has shown that caffeine causes worse symptoms.\n"
)


def _column(line_text: str, needle: str) -> int:
    return line_text.index(needle) + 1


def test_claims_json_envelope_and_exact_positions(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = cli("claims", "--isolated", "--format", "json", "a.md", cwd=tmp_path)
    assert run.code == 0, run.stderr
    report = run.json
    assert set(report) == {"version", "files", "summary"}
    (entry,) = report["files"]
    claims = entry["claims"]
    lines = ARTICLE.split("\n")

    stat = next(c for c in claims if c["kind"] == "statistic" and c["value"] == 10)
    assert stat["unit"] == "percent" and stat["qualifier"] == "about"
    assert (stat["line"], stat["column"]) == (7, _column(lines[6], "About"))  # list item

    link = next(c for c in claims if c["kind"] == "citation" and c["specificity"] == "traceable")
    assert link["url"] == "https://doi.org/10.1000/xyz123"
    assert (link["line"], link["column"]) == (8, _column(lines[7], "may reduce"))  # link text
    hedged = next(c for c in claims if c["kind"] == "causal" and c["line"] == 8)
    assert hedged["strength"] == "conditional_causal" and hedged["hedged"] is True

    cell = next(c for c in claims if c["kind"] == "statistic" and c["line"] == 12)
    assert cell["column"] == _column(lines[11], "one in five")  # table cell
    assert cell["unit"] == "ratio" and cell["percent"] == 20

    vague = next(c for c in claims if c["kind"] == "citation" and c["specificity"] == "vague")
    assert vague["line"] == 14 and vague["text"] == "Research has shown"
    assert vague["supports"] == [{"line": 14, "column": 1, "end_line": 14, "end_column": 56}]
    causal = next(c for c in claims if c["kind"] == "causal" and c["line"] == 14)
    assert causal["strength"] == "direct_causal" and causal["cue"] == "causes"
    assert report["summary"]["claims"] == len(claims)


def test_claims_text_worksheet_and_kind_filter(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = cli("claims", "--isolated", "--kind", "causal", "a.md", cwd=tmp_path)
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert all(" causal " in line for line in lines[:-1])
    assert any(line.startswith("a.md:14:") and "strength=direct_causal" in line for line in lines)
    assert lines[-1] == f"{len(lines) - 1} claims in 1 file."


def test_claims_reports_bad_input_with_exit_2(tmp_path, cli):
    run = cli("claims", "--isolated", "missing.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip() == "factlint: error: missing.md: no such file or directory"


def test_claims_sees_the_files_check_sees_with_per_folder_config(tmp_path, cli):
    """`claims` discovers like `check`: a folder's own config excludes files and sets words."""
    (tmp_path / "top.md").write_text("About 10% of adults snore.\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".factlint.yaml").write_text('exclude: ["notes.md"]\n', encoding="utf-8")
    (sub / "notes.md").write_text("About 20% of notes are drafts.\n", encoding="utf-8")
    (sub / "kept.md").write_text("About 30% of people nap.\n", encoding="utf-8")

    claims = cli("claims", "--format", "json", ".", cwd=tmp_path)
    check = cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path)

    claimed = {Path(entry["path"]).name for entry in claims.json["files"]}
    checked = {Path(entry["path"]).name for entry in check.json["files"]}
    assert claimed == checked == {"top.md", "kept.md"}
