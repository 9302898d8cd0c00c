"""``--fix`` and ``--diff``: apply the safe fixes the checks offer, and nothing else.

A fix replaces ``[start, end)`` of the decoded original text (see :class:`~factlint.findings.Fix`).
Fixes are applied in position order; a fix that overlaps one already applied is skipped (the
next run offers it again if it still applies). The file is written back atomically
(:mod:`factlint.atomic`) in the encoding it was read in, BOM included, with its own line
endings; a file without fixes is never touched, and neither is a file that changed since it was
linted or that had undecodable bytes (writing it would turn them into U+FFFD for good).
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factlint.atomic import write_atomic
from factlint.findings import Finding, Fix
from factlint.readers import decode_bytes

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BOMS = {
    "utf-16": (codecs.BOM_UTF16_LE, "utf-16-le", codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32": (codecs.BOM_UTF32_LE, "utf-32-le", codecs.BOM_UTF32_BE, "utf-32-be"),
}


@dataclass
class FixOutcome:
    """What fixing one file did: fixes applied and skipped, the new text, or why not."""

    display: str
    applied: int = 0
    skipped: int = 0
    original: str = ""
    fixed: str = ""
    data: bytes = b""
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.applied > 0 and self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the fix (``--diff``), git style, with a trailing newline note."""
        before = _lines(self.original)
        after = _lines(self.fixed)
        out = []
        for line in difflib.unified_diff(
            before, after, fromfile=f"a/{self.display}", tofile=f"b/{self.display}"
        ):
            out.append(line)
            if not line.endswith(("\n", "\r")):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def select_fixes(findings: Iterable[Finding]) -> tuple[list[Fix], int]:
    """The fixes to apply, in order, and how many were skipped because they overlap."""
    fixes = sorted(
        {finding.fix for finding in findings if finding.fix is not None},
        key=lambda fix: (fix.start, fix.end, fix.replacement),
    )
    chosen: list[Fix] = []
    skipped = 0
    for fix in fixes:
        if chosen and (fix.start < chosen[-1].end or fix.start == chosen[-1].start):
            skipped += 1
            continue
        chosen.append(fix)
    return chosen, skipped


def apply_fixes(text: str, fixes: Sequence[Fix], newline: str = "\n") -> str:
    """``text`` with non-overlapping, sorted ``fixes`` applied (line breaks in a replacement,
    which checks should not produce, are written as the file's own ``newline``)."""
    parts = []
    cursor = 0
    for fix in fixes:
        parts.append(text[cursor : fix.start])
        replacement = fix.replacement
        if "\n" in replacement or "\r" in replacement:
            replacement = re.sub(r"\r\n|\r|\n", newline, replacement)
        parts.append(replacement)
        cursor = fix.end
    parts.append(text[cursor:])
    return "".join(parts)


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """Encode ``text`` the way ``original`` was stored: same codec, same BOM and byte order."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding in _BOMS:
        little_bom, little, big_bom, big = _BOMS[encoding]
        if original.startswith(little_bom):
            return little_bom + text.encode(little)
        if original.startswith(big_bom):
            return big_bom + text.encode(big)
    return text.encode(encoding)


def fix_bytes(
    data: bytes,
    findings: Iterable[Finding],
    *,
    display: str,
    encoding: str | None = None,
    expected_digest: str | None = None,
) -> FixOutcome:
    """Compute the fixed bytes of one file (nothing is written here)."""
    outcome = FixOutcome(display=display)
    fixes, outcome.skipped = select_fixes(findings)
    if not fixes:
        return outcome
    if expected_digest is not None and hashlib.sha256(data).hexdigest() != expected_digest:
        outcome.error = f"{display}: not fixed: the file changed while it was being linted"
        return outcome
    decoded = decode_bytes(data, display, encoding)
    if decoded.problems:
        outcome.error = f"{display}: not fixed: it has bytes that do not decode (see above)"
        return outcome
    fixed = apply_fixes(decoded.text, fixes, decoded.newline)
    try:
        outcome.data = encode_like(fixed, decoded.encoding, data)
    except (UnicodeEncodeError, LookupError) as error:
        outcome.error = (
            f"{display}: not fixed: the fix cannot be written as {decoded.encoding}: {error}"
        )
        return outcome
    outcome.original, outcome.fixed, outcome.applied = decoded.text, fixed, len(fixes)
    return outcome


def write_fix(path: Path, outcome: FixOutcome) -> FixOutcome:
    """Write a computed fix back to its file atomically; a failure leaves the file as it was."""
    if not outcome.changed:
        return outcome
    try:
        write_atomic(path, outcome.data)
    except OSError as error:
        outcome.error = f"{outcome.display}: not fixed: cannot write: {error.strerror or error}"
    return outcome
