"""The analysed document: what every check receives.

Built once per document by the engine (one NLP pass, one claim extraction), then handed
read-only to each check, so no check re-reads a file, re-runs the pipeline or re-extracts
claims.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc

from factlint.claims import Claim
from factlint.document import Document
from factlint.findings import Finding, Fix, Severity
from factlint.rulebook import Rulebook

T = TypeVar("T")

EXCERPT_LIMIT = 200
"""Longest excerpt kept in a finding; longer spans are cut with an ellipsis."""


class Rule(Protocol):
    """What a finding takes from its rule: a built-in ``RuleInfo`` or a pack's ``PhraseRule``."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> Severity: ...


@dataclass(frozen=True)
class Analysis:
    """A document with its spaCy docs (one per block) and the rulebook in force."""

    document: Document
    docs: Sequence[Doc]
    rulebook: Rulebook
    claims: Sequence[Claim] = ()
    """Every statistic, citation and causal claim, extracted once for all checks."""
    _shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, name: str, build: Callable[[], T]) -> T:
        """``build()`` once per document: what several checks share (the citation evidence,
        the statistic verdicts). Kept on the analysis, so it is freed with the document."""
        try:
            return self._shared[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[name] = build()
            return value

    def finding(
        self,
        rule: Rule,
        *,
        message: str,
        block: int,
        start: int,
        end: int,
        suggestions: Sequence[str] = (),
        replacement: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of ``rule`` for prose span ``[start, end)`` of ``block``, located in the
        original file, with the rule's id, category and severity (unless ``severity`` is given).

        ``replacement``, when given, becomes a safe fix only if the original text under the span
        is the prose text itself (give or take white space): a span that crosses markup such as
        ``**as** as`` gets the suggestion but no automatic fix.
        """
        document = self.document
        original_start, original_end = document.original_span(block, start, end)
        location = document.lines.location(original_start, original_end)
        original_text = document.original[original_start:original_end]
        fix = None
        if replacement is not None and _same_words(
            original_text, document.blocks[block].text[start:end]
        ):
            fix = Fix(original_start, original_end, replacement)
        excerpt = original_text
        if len(excerpt) > EXCERPT_LIMIT:
            excerpt = excerpt[: EXCERPT_LIMIT - 1] + "…"
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=rule.severity if severity is None else severity,
            message=message,
            path=document.path,
            location=location,
            excerpt=excerpt,
            suggestions=tuple(suggestions),
            fix=fix,
            start=original_start,
            end=original_end,
        )


def _same_words(original: str, prose: str) -> bool:
    return original.split() == prose.split()
