"""doubled-word: the same word twice in a row ("as as"), a classic slip when editing."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.findings import Finding, Severity
from factlint.rulebook import RuleDocs

DOUBLED_WORD = RuleInfo(
    id="doubled-word",
    category="typo",
    severity=Severity.WARNING,
    summary="The same word twice in a row.",
    docs=RuleDocs(
        what="Flags a word written twice in a row within one paragraph, such as 'as as' or "
        "'the the'. Line breaks inside a paragraph do not hide it; paragraph breaks end it.",
        why="Doubled words are almost always left over from an edit. Readers notice them and "
        "trust the rest of the article less.",
        example="Symptoms are often worse in the the evening.",
        fix="Delete one of the two words. `factlint check --fix` does it for you when the two "
        "words are plain text. Deliberate doubles ('had had', 'that that') are allowed by the "
        "`doubled_word_allowed` lexicon of the rule pack.",
    ),
    fixable=True,
)

_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)


def _screen_table() -> bytes:
    """A byte table for ASCII text: letters to lower case, digits and ``_`` (word characters
    that are not letters) to ``0``, white space and punctuation to a space."""
    table = bytearray(range(256))
    for byte in range(128):
        char = chr(byte)
        if char.isalpha():
            table[byte] = ord(char.lower())
        elif char.isalnum() or char == "_":
            table[byte] = ord("0")
        else:
            table[byte] = ord(" ")
    return bytes(table)


_SCREEN = _screen_table()


def _may_double(text: str) -> bool:
    """A cheap necessary condition for a match of :data:`_DOUBLED`, which scans every word.

    In ASCII text a match is two runs of letters, with only white space between them and no
    word character on their outer sides, equal but for case: once the text goes through
    :data:`_SCREEN` and is split on white space, two neighbouring words are equal. Only the few
    blocks that pass need the regex. Other text (where case folding has exceptions such as
    the Kelvin sign) always goes to the regex."""
    if not text.isascii():
        return True
    words = text.encode("ascii").translate(_SCREEN).split()
    return any(map(operator.eq, words, words[1:]))


@check(DOUBLED_WORD)
def find_doubled_words(analysis: Analysis) -> Iterator[Finding]:
    """Yield one finding per doubled word, with the single word as the fix."""
    allowed = {
        str(word).lower() for word in analysis.rulebook.lexicons.get("doubled_word_allowed", ())
    }
    for index, block in enumerate(analysis.document.blocks):
        if not _may_double(block.text):
            continue
        for match in _DOUBLED.finditer(block.text):
            word = match.group(1)
            if word.lower() in allowed:
                continue
            yield analysis.finding(
                DOUBLED_WORD,
                message=f"'{word}' is written twice in a row; delete one.",
                block=index,
                start=match.start(),
                end=match.end(),
                suggestions=(word,),
                replacement=word,
            )
