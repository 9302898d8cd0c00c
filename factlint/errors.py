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
