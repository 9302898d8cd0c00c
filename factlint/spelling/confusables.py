"""Real-word errors: confusion sets with the context that makes a slip likely.

A real word in the wrong place ("nay develop", "use od painkillers", "worth nothing that")
passes every dictionary, so each confusion is written as data in a rule pack
(``rules/confusables.yaml``, lexicon ``confusables``) with a token pattern that fires only
where the context makes the error likely. Pattern syntax (one entry per space-separated token):

=============  ==================================================================
``[a|b]``      the suspect word (exactly one per pattern): what gets flagged
``word``       that word (any case; ``'`` also matches ``’``)
``a|b``        any of these words
``@name``      any word of the class ``name`` (lexicon ``confusable_classes``)
``*``          any word
``!spec``      a word that does not match ``spec`` (``!yea|or``)
``spec?``      an optional token
``#``          a number ("1", "30%" and "2020" are words that start with a digit)
``...``        a gap of up to :data:`GAP` words (no punctuation) between two elements
``^``          a sentence or clause boundary (punctuation, or the start of the block)
``$``          a boundary after
=============  ==================================================================

Tokens are words; punctuation between two words breaks a match, so "more, then" is left
alone. A suspect written in capitals in the text (``OD``, ``ITS``) never matches: capitals are
acronyms or shouting, not typos.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factlint.errors import LexiconEntryError

BOUNDARY = ""
"""The token standing for punctuation or the edge of a block."""
CUT = "\0"
"""The token at the edge of a context window cut from inside a block: matches nothing."""
REACH = 60
"""Characters of context on each side of a suspect word (patterns look a few words away)."""
GAP = 5
"""Words a ``...`` element may skip ("more likely to get restless legs then men")."""

CONTEXT_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s'’]")


@dataclass(frozen=True)
class _Element:
    words: frozenset[str] | None  # None: any word
    negated: bool = False
    optional: bool = False
    boundary: bool = False
    """Whether a boundary (``^``/``$``, alone or among alternatives) matches."""
    numeric: bool = False
    """Whether a number (``#``, alone or among alternatives) matches."""
    gap: bool = False
    """``...``: up to :data:`GAP` words, none of them punctuation."""

    def matches(self, token: str) -> bool:
        if token == CUT:
            return False
        if token == BOUNDARY:
            return self.boundary
        if self.words is None:
            return not self.boundary or self.negated
        found = token in self.words or (self.numeric and token[:1].isdigit())
        return found != self.negated


@dataclass(frozen=True)
class Confusable:
    """One confusion: the suspect words, their context, the replacement and why."""

    pattern: str
    suspects: frozenset[str]
    before: tuple[_Element, ...]  # nearest first
    after: tuple[_Element, ...]
    replacement: str
    note: str
    fixable: bool

    def might_match(self, before: str | None, after: str | None) -> bool:
        """A cheap necessary condition on the neighbouring words (folded, punctuation ignored):
        lets the scan skip the full match for the many common suspects ("then", "its")."""
        return _may_be(self.before, before) and _may_be(self.after, after)

    def matches(self, tokens: Sequence[str], index: int) -> bool:
        """Whether the context around ``tokens[index]`` (folded words) fits the pattern."""
        return _match(self.before, tokens, index - 1, -1) and _match(
            self.after, tokens, index + 1, 1
        )


def _may_be(elements: Sequence[_Element], word: str | None) -> bool:
    if not elements:
        return True
    first = elements[0]
    if first.optional or first.negated or first.boundary or first.words is None or first.gap:
        return True  # (a boundary is punctuation, which the scan's word list does not show)
    if first.numeric and word is not None and word[:1].isdigit():
        return True
    return word is not None and word in first.words


def _match(elements: Sequence[_Element], tokens: Sequence[str], at: int, step: int) -> bool:
    if not elements:
        return True
    first, rest = elements[0], elements[1:]
    if first.gap:
        for skipped in range(GAP + 1):
            if _match(rest, tokens, at + step * skipped, step):
                return True
            where = at + step * skipped
            if not 0 <= where < len(tokens) or tokens[where] in (BOUNDARY, CUT):
                return False
        return False
    inside = 0 <= at < len(tokens)
    token = tokens[at] if inside else BOUNDARY
    if (
        (inside or first.boundary)
        and first.matches(token)
        and _match(rest, tokens, at + step, step)
    ):
        return True
    return first.optional and _match(rest, tokens, at, step)


def fold_token(token: str) -> str:
    return token.lower().replace("\u2019", "'")


def compile_confusables(
    entries: Iterable[object], classes: Iterable[object]
) -> dict[str, tuple[Confusable, ...]]:
    """Rules by suspect word, from the ``confusables`` and ``confusable_classes`` lexicons
    (raises ``LexiconEntryError`` for an entry that does not compile)."""
    named: dict[str, frozenset[str]] = {}
    for index, entry in enumerate(classes):
        if not isinstance(entry, Mapping) or "name" not in entry or "words" not in entry:
            raise LexiconEntryError(
                "confusable_classes", index, "expected a mapping with 'name' and 'words'"
            )
        if isinstance(entry["words"], (str, Mapping)) or not isinstance(entry["words"], Iterable):
            raise LexiconEntryError("confusable_classes", index, "'words' must be a list of words")
        words = frozenset(fold_token(str(w)) for w in entry["words"])
        named[str(entry["name"])] = named.get(str(entry["name"]), frozenset()) | words
    table: dict[str, list[Confusable]] = {}
    for index, entry in enumerate(entries):
        try:
            rule = _compile(entry, named)
        except ValueError as error:
            raise LexiconEntryError("confusables", index, str(error)) from None
        for suspect in rule.suspects:
            table.setdefault(suspect, []).append(rule)
    return {word: tuple(rules) for word, rules in table.items()}


def _compile(entry: object, classes: Mapping[str, frozenset[str]]) -> Confusable:
    """One ``confusables`` entry (raises ValueError saying what is wrong with it)."""
    if not isinstance(entry, Mapping) or "pattern" not in entry or "replacement" not in entry:
        raise ValueError("expected a mapping with 'pattern' and 'replacement'")
    pattern = str(entry["pattern"])
    parts = pattern.split()
    suspects = [i for i, part in enumerate(parts) if part.startswith("[") and part.endswith("]")]
    if len(suspects) != 1:
        raise ValueError(f"{pattern!r} needs exactly one [suspect] word")
    where = suspects[0]
    elements = [_element(part, classes, pattern) for part in parts]
    return Confusable(
        pattern=pattern,
        suspects=frozenset(fold_token(w) for w in parts[where][1:-1].split("|")),
        before=tuple(reversed(elements[:where])),
        after=tuple(elements[where + 1 :]),
        replacement=str(entry["replacement"]),
        note=str(entry.get("note", "")),
        fixable=bool(entry.get("fixable", True)),
    )


def _element(part: str, classes: Mapping[str, frozenset[str]], pattern: str) -> _Element:
    if part in ("^", "$"):
        return _Element(None, boundary=True)
    if part == "...":
        return _Element(None, gap=True)
    optional = part.endswith("?") and len(part) > 1
    part = part.rstrip("?") if optional else part
    negated = part.startswith("!")
    part = part.lstrip("!")
    if part.startswith("[") and part.endswith("]"):
        part = part[1:-1]
    if part == "*":
        return _Element(None, negated, optional)
    words: set[str] = set()
    boundary = numeric = False
    for alternative in part.split("|"):
        if alternative in ("^", "$"):
            boundary = not negated
        elif alternative == "#":
            numeric = True
        elif alternative.startswith("@"):
            if alternative[1:] not in classes:
                raise ValueError(f"{pattern!r}: unknown class {alternative}")
            words |= classes[alternative[1:]]
        else:
            words.add(fold_token(alternative))
    return _Element(frozenset(words), negated, optional, boundary, numeric)


def context_tokens(text: str) -> tuple[list[str], dict[int, int]]:
    """Folded words and boundaries of a block, and the token index of each word's start."""
    tokens: list[str] = []
    starts: dict[int, int] = {}
    for match in CONTEXT_TOKEN.finditer(text):
        value = match.group()
        if value[0].isalnum() or value[0] == "_":
            starts[match.start()] = len(tokens)
            tokens.append(fold_token(value))
        else:
            tokens.append(BOUNDARY)
    return tokens, starts


def _window_tokens(text: str) -> list[str]:
    """The tokens of :func:`context_tokens` without their starts: one ``findall`` in C."""
    return [
        fold_token(value) if value[0].isalnum() or value[0] == "_" else BOUNDARY
        for value in CONTEXT_TOKEN.findall(text)
    ]


def context_window(text: str, start: int, end: int) -> tuple[list[str], int]:
    """The folded tokens around the word at ``[start, end)`` and the word's index among them.

    Only :data:`REACH` characters each side are tokenised (suspects such as "then" and "its"
    are common; tokenising whole paragraphs for them would dominate the check's time). A side
    cut inside the block ends in :data:`CUT`, so ``^``/``$`` never match a window edge.
    """
    left = max(0, start - REACH)
    right = min(len(text), end + REACH)
    before = _window_tokens(text[left:start])
    after = _window_tokens(text[end:right])
    if left > 0:
        before[:1] = [CUT]  # the first token may be a cut word
    if right < len(text):
        after[-1:] = [CUT]
    return [*before, fold_token(text[start:end]), *after], len(before)


def match_case(found: str, replacement: str) -> str:
    """The replacement in the case of the text found, keeping a curly apostrophe."""
    if "\u2019" in found:
        replacement = replacement.replace("'", "\u2019")
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
