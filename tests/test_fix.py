"""--fix and --diff: safe fixes applied atomically, encodings and line endings kept."""

from __future__ import annotations

import codecs
import hashlib
import os

import pytest

from factlint import atomic
from factlint.document import Location
from factlint.findings import Finding, Fix, Severity
from factlint.fix import apply_fixes, fix_bytes, select_fixes, write_fix

ENGINE = ("--select", "doubled-word,preferred-term")  # the fixable rules under test
SLOPPY = "# Late\n\nIt is is late for people with restless leg syndrome.\n"
FIXED = "# Late\n\nIt is late for people with restless legs syndrome.\n"


def finding(start: int, end: int, replacement: str) -> Finding:
    return Finding(
        rule="doubled-word",
        category="typo",
        severity=Severity.WARNING,
        message="m",
        path="a.md",
        location=Location(1, start + 1, 1, end + 1),
        excerpt="",
        fix=Fix(start, end, replacement),
        start=start,
        end=end,
    )


def test_overlapping_fixes_apply_the_first_and_skip_the_rest():
    fixes, skipped = select_fixes(
        [finding(10, 15, "b"), finding(0, 5, "a"), finding(3, 8, "x"), finding(15, 15, "!")]
    )
    assert [(fix.start, fix.end) for fix in fixes] == [(0, 5), (10, 15), (15, 15)]
    assert skipped == 1
    assert apply_fixes("0123456789abcdefgh", fixes) == "a56789b!fgh"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8-sig", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_fixed_bytes_keep_encoding_bom_and_crlf(encoding, bom):
    text = "Caf\u00e9 is is open.\r\nLine two.\r\n"
    codec = encoding.replace("-sig", "")
    data = bom + text.encode(codec)
    start = text.index("is is")
    outcome = fix_bytes(
        data,
        [finding(start, start + 5, "is")],
        display="a.md",
        expected_digest=hashlib.sha256(data).hexdigest(),
    )
    assert outcome.error is None
    assert outcome.data == bom + "Caf\u00e9 is open.\r\nLine two.\r\n".encode(codec)


def test_a_file_that_changed_or_does_not_decode_is_not_fixed():
    data = b"It is is late.\n"
    stale = fix_bytes(data, [finding(3, 8, "is")], display="a.md", expected_digest="0" * 64)
    assert stale.error == "a.md: not fixed: the file changed while it was being linted"
    damaged = fix_bytes(b"It is is l\xffte.\n", [finding(3, 8, "is")], display="a.md")
    assert damaged.error is not None and "do not decode" in damaged.error
    assert not stale.changed and not damaged.changed


def test_a_crash_mid_write_leaves_the_original_intact(tmp_path, monkeypatch):
    article = tmp_path / "a.md"
    article.write_bytes(b"It is is late.\n")
    outcome = fix_bytes(article.read_bytes(), [finding(3, 8, "is")], display="a.md")
    assert outcome.changed

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    write_fix(article, outcome)
    assert outcome.error == "a.md: not fixed: cannot write: No space left on device"
    assert article.read_bytes() == b"It is is late.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temp file left

    monkeypatch.undo()
    outcome.error = None
    write_fix(article, outcome)
    assert article.read_bytes() == b"It is late.\n"


def test_fix_writes_only_files_with_fixes_and_reports_what_remains(tmp_path, cli):
    (tmp_path / "a.md").write_text(SLOPPY + "\nThis **is** is bold.\n", encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text("Iron stores are checked with a ferritin test.\n", encoding="utf-8")
    bom_crlf = tmp_path / "b.md"
    bom_crlf.write_bytes(codecs.BOM_UTF8 + SLOPPY.replace("\n", "\r\n").encode())
    utf16 = tmp_path / "c.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + SLOPPY.encode("utf-16-le"))
    os.chmod(tmp_path / "a.md", 0o640)
    before = clean.stat()

    run = cli("check", "--isolated", *ENGINE, "--format", "json", "--fix", ".", cwd=tmp_path)
    assert run.stderr.splitlines() == ["factlint: fixed 6 findings in 3 files"]
    assert run.code == 1  # the doubled word across markup has no safe fix and remains
    remaining = {e["path"]: [f["rule"] for f in e["findings"]] for e in run.json["files"]}
    assert remaining == {"a.md": ["doubled-word"], "b.md": [], "c.txt": [], "clean.md": []}

    assert (tmp_path / "a.md").read_text(encoding="utf-8") == FIXED + "\nThis **is** is bold.\n"
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o640
    assert bom_crlf.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()
    assert utf16.read_bytes() == codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")
    after = clean.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name) == []


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(SLOPPY, encoding="utf-8")
    run = cli("check", "--isolated", *ENGINE, "--diff", "a.md", cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert run.stdout == (
        "--- a/a.md\n"
        "+++ b/a.md\n"
        "@@ -1,3 +1,3 @@\n"
        " # Late\n"
        " \n"
        "-It is is late for people with restless leg syndrome.\n"
        "+It is late for people with restless legs syndrome.\n"
    )
    assert article.read_text(encoding="utf-8") == SLOPPY


def test_fix_on_stdin_prints_the_fixed_text(tmp_path, cli):
    run = cli(
        "check", "--isolated", *ENGINE, "--fix", "--stdin-filename", "draft.md", "-",
        cwd=tmp_path, stdin=SLOPPY.replace("\n", "\r\n").encode(),
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert run.stdout == FIXED.replace("\n", "\r\n")
    assert "No findings in 1 file." in run.stderr  # the report of what remains
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere
