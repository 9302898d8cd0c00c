"""Phrase rules from the rule packs: existence and substitution, defined in YAML, no Python.

One generic check serves every phrase rule, the way Vale's existence and substitution styles do.

A literal rule is screened before its regex runs on a block: see :func:`literal_screen`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factlint.analysis import Analysis
from factlint.checks.registry import check
from factlint.document import Block
from factlint.findings import Finding
from factlint.rulebook import PhraseRule

_NOT_IN_WORD = re.compile(r"['\u2019]")
"""Apostrophes: a literal phrase matches a straight or a curly one, so pieces stop there."""
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


@dataclass(frozen=True)
class LiteralScreen:
    """A necessary condition of a match of some literal phrases, tested in C (see
    :func:`literal_screen`)."""

    runs: tuple[tuple[str, ...], ...]
    """Per phrase, the strings every match of it contains, longest first."""
    firsts: tuple[str, ...]
    """The first (longest) run of each phrase: one of them is in any block with a match."""
    ignorecase: bool

    def may_match(self, text: str) -> bool:
        """False only when no match of the phrases can be in ``text``; always True for text
        beyond ASCII when the phrases are case-insensitive (see :func:`literal_screen`)."""
        if self.ignorecase:
            if not text.isascii():
                return True
            text = text.lower()
        if not any(map(text.__contains__, self.firsts)):
            return False  # the usual block: one substring search per phrase
        return any(all(map(text.__contains__, runs)) for runs in self.runs)


@functools.lru_cache(maxsize=256)
def literal_screen(phrases: tuple[str, ...], ignorecase: bool) -> LiteralScreen | None:
    """The screen of these literal phrases, or None when one of them gives no run to test.

    A literal phrase is compiled word by word, each character matched as itself, except that
    white space matches any run of white space and an apostrophe either apostrophe
    (:func:`factlint.rulebook._literal`, :func:`factlint.facts.lexicon_phrases`). So each run
    of a word's characters without an apostrophe is matched exactly, and a block holds a match
    of the phrases only if it holds every run of one of them: a necessary condition, tested by
    substring search.

    Case-insensitive phrases keep only runs of ASCII characters, lower-cased, and the screen
    lowers the text only when it is ASCII itself: between ASCII characters the regex engine's
    case folding is exactly ``str.lower``, while beyond ASCII it is not ("ſ" matches "s", "İ"
    matches "i"). A phrase with no run (nothing but apostrophes, or no ASCII character to
    test) leaves the whole list unscreened."""
    found = set()
    for phrase in phrases:
        runs = {
            run.lower() if ignorecase else run
            for word in phrase.split()
            for part in _NOT_IN_WORD.split(word)
            for run in (_ASCII_RUN.findall(part) if ignorecase else [part])
            if run
        }
        if not runs:
            return None
        found.add(tuple(sorted(runs, key=lambda run: (-len(run), run))))
    if not found:
        return None
    runs = tuple(sorted(found))
    firsts = tuple(sorted({phrase_runs[0] for phrase_runs in runs}))
    return LiteralScreen(runs, firsts, ignorecase)


@check()
def find_phrases(analysis: Analysis) -> Iterator[Finding]:
    """Yield a finding for every match of every enabled phrase rule, in its scope."""
    blocks = analysis.document.blocks
    for rule in analysis.rulebook.phrases:
        screen = rule_screen(rule)
        for index, block in enumerate(blocks):
            for match in rule_matches(rule, screen, block):
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


def rule_screen(rule: PhraseRule) -> LiteralScreen | None:
    """The :func:`literal_screen` of a literal phrase rule; None for a regex rule."""
    if rule.regex:
        return None
    return literal_screen(tuple(phrase for phrase, _ in rule.patterns), rule.ignorecase)


def rule_matches(
    rule: PhraseRule, screen: LiteralScreen | None, block: Block
) -> Iterator[re.Match[str]]:
    """The matches of ``rule`` in ``block`` (``screen``: its :func:`rule_screen`, worked out
    once per rule by the caller): none outside the rule's scope, or where the screen proves
    there are none."""
    if rule.scope is not None and block.kind not in rule.scope:
        return iter(())
    if screen is not None and not screen.may_match(block.text):
        return iter(())
    return rule.compiled().finditer(block.text)
