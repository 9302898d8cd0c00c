"""``factlint claims``: the fact-checker's worksheet, as text or JSON.

The JSON has the same envelope as the findings report (docs/output.md), with ``claims`` in place
of ``findings``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from factlint import __version__
from factlint.engine import ClaimsResult

_POSITION_KEYS = ("kind", "text", "line", "column", "end_line", "end_column")


def render_claims_json(results: Sequence[ClaimsResult], errors: Sequence[str] = ()) -> str:
    """Every claim of every file, with position and attributes."""
    files = []
    for result in results:
        entry: dict[str, Any] = {"path": result.path, "claims": list(result.claims)}
        if result.problems:
            entry["problems"] = list(result.problems)
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    kinds = Counter(claim["kind"] for result in results for claim in result.claims)
    summary = {
        "files": sum(1 for result in results if result.error is None),
        "claims": sum(kinds.values()),
        "by_kind": dict(sorted(kinds.items())),
        "errors": [*errors, *(r.error for r in results if r.error)],
    }
    report = {"version": __version__, "files": files, "summary": summary}
    return json.dumps(report, ensure_ascii=False, indent=2)


def render_claims_text(results: Sequence[ClaimsResult]) -> str:
    """One line per claim: where, what kind, the words, then the attributes that are known."""
    out: list[str] = []
    total = 0
    for result in results:
        for claim in result.claims:
            total += 1
            details = ", ".join(
                f"{key}={_spans(value) if key == 'supports' else _short(value)}"
                for key, value in claim.items()
                if key not in _POSITION_KEYS and value not in (None, [], False)
            )
            out.append(
                f"{result.path}:{claim['line']}:{claim['column']}: {claim['kind']} "
                f"\u201c{_short(claim['text'], 90)}\u201d  {details}"
            )
    files = sum(1 for result in results if result.error is None)
    out.append(f"{total} claims in {files} file{'s' if files != 1 else ''}.")
    return "\n".join(out)


def _spans(spans: list[dict[str, int]]) -> str:
    """Supported sentences as compact ranges: ``3:1-3:138``."""
    return " ".join(f"{s['line']}:{s['column']}-{s['end_line']}:{s['end_column']}" for s in spans)


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
