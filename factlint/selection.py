"""Filter: which findings are kept (``--select`` / ``--ignore``) and at what severity."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from factlint.checks.registry import RuleInfo
from factlint.errors import UsageError
from factlint.findings import CATEGORIES, Finding, Severity


@dataclass(frozen=True)
class Selection:
    """Rule ids and categories to keep or drop, and severity overrides by rule id or category."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] | None = None
    off_by_default: frozenset[str] = frozenset()
    """Rules (``default_enabled=False``) kept only when ``select`` names their id."""

    @classmethod
    def build(
        cls,
        rules: Mapping[str, RuleInfo],
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
    ) -> Selection:
        """Validate every id against the known rules and categories, then build the selection."""
        for option, names in (
            ("--select", select),
            ("--ignore", ignore),
            ("severity", severity or {}),
        ):
            for name in names:
                _check_known(name, option, rules)
        off = frozenset(rule_id for rule_id, rule in rules.items() if not rule.default_enabled)
        return cls(frozenset(select), frozenset(ignore), dict(severity or {}), off)

    def wants(self, rule: RuleInfo | Finding) -> bool:
        """True if findings of this rule are reported."""
        rule_id = rule.id if isinstance(rule, RuleInfo) else rule.rule
        names = {rule_id, rule.category}
        if rule_id in self.off_by_default and rule_id not in self.select:
            return False
        if self.select and not names & self.select:
            return False
        return not names & self.ignore

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Kept findings, with severity overrides applied (a rule id beats its category)."""
        overrides = self.severity or {}
        kept = []
        for finding in findings:
            if not self.wants(finding):
                continue
            severity = overrides.get(finding.rule, overrides.get(finding.category))
            if severity is not None and severity != finding.severity:
                finding = replace(finding, severity=severity)
            kept.append(finding)
        return kept


def _check_known(name: str, option: str, rules: Mapping[str, RuleInfo]) -> None:
    if name in rules or name in CATEGORIES:
        return
    known = [*rules, *CATEGORIES]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else " (see `factlint rules`)"
    raise UsageError(f"{option}: unknown rule or category {name!r}{hint}")
