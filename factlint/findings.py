"""Findings: what a check reports, located in the original file."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from factlint.document import Location

CATEGORIES: tuple[str, ...] = (
    "typo",
    "grammar",
    "citation",
    "causal",
    "statistic",
    "disclaimer",
    "terminology",
    "style",
)
"""The stable set of finding categories; CI and tools filter on them."""


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse, so thresholds compare with ``>=``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (expected one of: {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Fix:
    """A safe replacement of ``original[start:end]`` by ``replacement`` (original offsets)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Finding:
    """One problem in one file, with everything a reporter needs and nothing it must recompute."""

    rule: str
    category: str
    severity: Severity
    message: str
    path: str
    location: Location
    excerpt: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    # Offsets of the flagged span in the original text (for fixes, baselines, the web page).
    start: int = 0
    end: int = 0
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.rule)
