"""Phrase rules from the rule packs: existence and substitution, defined in YAML, no Python.

One generic check serves every phrase rule, the way Vale's existence and substitution styles do.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.analysis import Analysis
from factlint.checks.registry import check
from factlint.findings import Finding


@check()
def find_phrases(analysis: Analysis) -> Iterator[Finding]:
    """Yield a finding for every match of every enabled phrase rule, in its scope."""
    blocks = analysis.document.blocks
    for rule in analysis.rulebook.phrases:
        pattern = rule.compiled()
        for index, block in enumerate(blocks):
            if rule.scope is not None and block.kind not in rule.scope:
                continue
            for match in pattern.finditer(block.text):
                matched = match.group(0)
                replacement = rule.replacement_for(matched) if rule.kind == "substitution" else None
                message = rule.format_message(matched, replacement)
                yield analysis.finding(
                    rule,
                    message=message,
                    block=index,
                    start=match.start(),
                    end=match.end(),
                    suggestions=(replacement,) if replacement else (),
                    replacement=replacement if rule.fixable else None,
                )
