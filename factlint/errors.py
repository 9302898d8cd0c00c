"""Errors that end a run with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations


class FactlintError(Exception):
    """Base class: the message is shown to the user as it is."""


class UsageError(FactlintError):
    """A bad option or argument (unknown rule id, bad value)."""


class ConfigError(FactlintError):
    """A malformed config file or rule pack; the message names the file, line and field."""


class InputError(FactlintError):
    """A file that cannot be read or decoded; the message names the file."""


class LexiconEntryError(ValueError):
    """A lexicon entry that does not compile: the lexicon, the entry's position in the list as
    given (from 0) and the problem. Not a ``FactlintError``: whoever compiles the lexicon for a
    rulebook turns it into a ``ConfigError`` that names the pack and line that wrote the entry
    (``factlint.facts.report_entry_errors``)."""

    def __init__(self, name: str, index: int, problem: str) -> None:
        super().__init__(f"lexicon {name!r}, entry {index + 1}: {problem}")
        self.name = name
        self.index = index
        self.problem = problem
