"""Every rule factlint knows: id, category, default severity and documentation.

Python checks register themselves here with :func:`check`; data-only phrase rules come from the
rule packs. Both end up as :class:`RuleInfo`, so ``factlint rules`` and ``factlint explain`` treat
them alike, the way ruff documents every rule on one page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factlint.analysis import Analysis
from factlint.findings import CATEGORIES, Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

CheckFunction = Callable[[Analysis], Iterable[Finding]]
Preparation = Callable[[Rulebook], object]


@dataclass(frozen=True)
class RuleInfo:
    """What ``factlint rules`` lists and ``factlint explain`` prints."""

    id: str
    category: str
    severity: Severity
    summary: str
    docs: RuleDocs
    fixable: bool = False
    origin: str = "built-in"
    default_enabled: bool = True
    """False: reported only when selected by id (``--select mixed-spelling``), e.g. style
    preferences that many house styles do not share."""


@dataclass(frozen=True)
class Check:
    """A Python check: one function producing findings for the rules it declares."""

    rules: tuple[RuleInfo, ...]
    run: CheckFunction
    prepare: Preparation | None = None
    """Builds what the check compiles once per rulebook (lexicon patterns, word lists), called
    when a Linter loads its pipeline. Built lazily instead, mid-document, a new lexicon would
    make every token list of the document already indexed be indexed again (``PatternSet``
    keys, ``factlint.claims.lexicon``): once per new lexicon, over the whole of a long file."""


_CHECKS: list[Check] = []


def check(
    *rules: RuleInfo, prepare: Preparation | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function for ``rules`` (decorator); ``prepare``: see ``Check``."""
    for rule in rules:
        if rule.category not in CATEGORIES:
            raise ValueError(f"rule {rule.id}: unknown category {rule.category!r}")

    def register(function: CheckFunction) -> CheckFunction:
        _CHECKS.append(Check(rules, function, prepare))
        return function

    return register


def registered_checks() -> tuple[Check, ...]:
    """All Python checks, importing the check modules on first use."""
    _import_check_modules()
    return tuple(_CHECKS)


def all_rules(rulebook: Rulebook) -> dict[str, RuleInfo]:
    """Every rule id, built-in and from the rule packs, sorted by id."""
    rules: dict[str, RuleInfo] = {}
    for registered in registered_checks():
        for rule in registered.rules:
            rules[rule.id] = rule
    for phrase in rulebook.phrases:
        rules[phrase.id] = RuleInfo(
            id=phrase.id,
            category=phrase.category,
            severity=phrase.severity,
            summary=phrase.summary,
            docs=phrase.docs,
            fixable=phrase.kind == "substitution" and phrase.fixable,
            origin=phrase.origin,
        )
    return dict(sorted(rules.items()))


def _import_check_modules() -> None:
    # Imported for their registration side effect; listed here so the set of checks is explicit.
    from factlint import suppressions  # noqa: F401  (the unused-suppression rule)
    from factlint.checks import doubled_words, grammar, phrases, typos  # noqa: F401

    from . import abbreviations, causal_claims, disclaimer, hype, sourcing, statistics  # noqa: F401
