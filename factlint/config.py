"""Project settings: ``.factlint.yaml``, ``factlint.yaml`` or ``[tool.factlint]`` in pyproject.toml.

A team commits one config next to its articles so every editor, CI job and hook lints the same
way. Keys may be written in kebab-case or snake_case (``fail-on`` or ``fail_on``). Mistakes are
reported like rule pack mistakes, as ``file:line: field: problem``. Rule ids and categories are
not checked here: the CLI checks them against the registry of checks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator

from factlint.errors import ConfigError
from factlint.findings import Severity
from factlint.yamlpos import (
    Problem,
    display_path,
    format_field,
    key_line,
    parse_yaml,
    raise_problems,
    read_text,
    relative_to,
    schema_problems,
)

try:  # Python 3.11+; on 3.10 pyproject.toml support is simply off (tomli is not a dependency).
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - exercised on 3.10 only
    tomllib = None  # type: ignore[assignment]

CONFIG_NAMES: tuple[str, ...] = (".factlint.yaml", "factlint.yaml")
"""Config file names, in the order they are looked for in each directory."""
PYPROJECT = "pyproject.toml"
DEFAULT_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".html", ".htm", ".txt")
DEFAULT_FRONT_MATTER_KEYS: tuple[str, ...] = ("title", "description")

_SEVERITIES = [s.label for s in sorted(Severity, reverse=True)]  # error, warning, info
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_FIELDS: dict[str, Any] = {
    "rules": _STRINGS,
    "select": _STRINGS,
    "ignore": _STRINGS,
    "severity": {"type": "object", "additionalProperties": {"enum": _SEVERITIES}},
    "fail_on": {"enum": _SEVERITIES},
    "include": _STRINGS,
    "exclude": _STRINGS,
    "extensions": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "front_matter_keys": _STRINGS,
    "spacy_model": {"type": ["string", "null"]},
    "max_file_size_mb": {"type": "number", "exclusiveMinimum": 0},
    "accept_words": _STRINGS,
    "reject_words": _STRINGS,
    "disclaimer_wordings": _STRINGS,
}
# Both spellings of every key are valid; writing both at once is reported separately.
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        spelling: spec
        for name, spec in _FIELDS.items()
        for spelling in dict.fromkeys((name, name.replace("_", "-")))
    },
}
_VALIDATOR = Draft202012Validator(_SCHEMA)
_PLAIN_LISTS = (
    "select",
    "ignore",
    "include",
    "exclude",
    "front_matter_keys",
    "accept_words",
    "reject_words",
    "disclaimer_wordings",
)
_TABLE_HEADER = re.compile(r"^\s*\[\s*tool\s*\.\s*factlint\s*[\].]", re.MULTILINE)


@dataclass(frozen=True)
class Config:
    """Settings for one run; the defaults are what you get without a config file."""

    rules: tuple[Path, ...] = ()
    """Extra rule packs, resolved against the config file's directory."""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    """Rule id (or category) -> severity override."""
    fail_on: Severity = Severity.WARNING
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    front_matter_keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS
    spacy_model: str | None = None
    """An installed spaCy pipeline to use instead of the blank one."""
    max_file_size_mb: float = 16.0
    accept_words: tuple[str, ...] = ()
    reject_words: tuple[str, ...] = ()
    disclaimer_wordings: tuple[str, ...] = ()
    path: Path | None = None
    """The file these settings came from (None: defaults)."""


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a directory), or None.

    In each directory ``.factlint.yaml`` comes first, then ``factlint.yaml``, then a
    ``pyproject.toml`` that has a ``[tool.factlint]`` table; the walk goes up to the root.
    """
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_factlint_table(pyproject):
            return pyproject
    return None


def _has_factlint_table(pyproject: Path) -> bool:
    if tomllib is None:
        return False
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        # Broken TOML: claim the file only if it clearly meant to configure factlint, so that
        # load_config reports the syntax error instead of silently using other settings.
        return bool(_TABLE_HEADER.search(text))
    return isinstance(tool, dict) and isinstance(tool.get("factlint"), dict)


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (YAML, or pyproject.toml's ``[tool.factlint]``)."""
    if path is None:
        return Config()
    display = display_path(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        return _load_toml(path, display)
    return _load_yaml(path, display)


def _load_yaml(path: Path, display: str) -> Config:
    parsed = parse_yaml(read_text(path, display, "config file"), display)
    if parsed.data is None:
        raise_problems(display, parsed.problems)
        return Config(path=path)
    if not isinstance(parsed.data, dict):
        line = parsed.root.start_mark.line + 1 if parsed.root is not None else 1
        raise ConfigError(f"{display}:{line}: the top level must be a mapping of settings")
    problems = list(parsed.problems)
    if not parsed.bad_keys:
        problems += schema_problems(_VALIDATOR, parsed.data, parsed.root)
        problems += _spelling_problems(parsed.data, lambda key: key_line(parsed.root, [], key))
        problems += _infinite_problems(parsed.data, lambda key: key_line(parsed.root, [], key))
    raise_problems(display, problems)
    return _build(parsed.data, path)


def _load_toml(path: Path, display: str) -> Config:
    if tomllib is None:
        raise ConfigError(
            f"{display}: reading [tool.factlint] needs Python 3.11 or later; "
            "use a .factlint.yaml file instead"
        )
    text = read_text(path, display, "config file")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: invalid TOML: {exc}") from None
    tool = document.get("tool")
    table = tool.get("factlint") if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(f"{display}: no [tool.factlint] table")
    prefix = ("tool", "factlint")
    if not isinstance(table, dict):
        raise ConfigError(f"{display}: {format_field(prefix)}: expected a table")
    problems = schema_problems(_VALIDATOR, table, None, prefix)
    problems += _spelling_problems(table, lambda key: None, prefix)
    problems += _infinite_problems(table, lambda key: None, prefix)
    raise_problems(display, problems)
    return _build(table, path)


def _spelling_problems(
    data: Mapping[str, Any],
    line_for: Callable[[str], int | None],
    prefix: tuple[str, ...] = (),
) -> list[Problem]:
    """Both ``fail-on`` and ``fail_on`` given: which one wins would be a guess."""
    problems = []
    for name in _FIELDS:
        kebab = name.replace("_", "-")
        if kebab != name and name in data and kebab in data:
            first, second = sorted((name, kebab), key=lambda k: line_for(k) or 0)
            where = f" (line {line_for(first)})" if line_for(first) else ""
            message = f"'{second}' repeats '{first}'{where}; keep one"
            problems.append(Problem(line_for(second), format_field(prefix), message))
    return problems


def _infinite_problems(
    data: Mapping[str, Any],
    line_for: Callable[[str], int | None],
    prefix: tuple[str, ...] = (),
) -> list[Problem]:
    """YAML's ``.nan`` and ``.inf`` (TOML's ``nan`` and ``inf``) pass the schema's number
    tests, since every comparison with NaN is false: a size limit must be a real number."""
    return [
        Problem(line_for(key), format_field([*prefix, key]), "expected a finite number")
        for key, value in data.items()
        if isinstance(value, float) and not math.isfinite(value)
    ]


def _build(data: Mapping[str, Any], path: Path) -> Config:
    values = {str(key).replace("-", "_"): value for key, value in data.items()}
    base = path.parent
    kwargs: dict[str, Any] = {"path": path}
    for name in _PLAIN_LISTS:
        if name in values:
            kwargs[name] = tuple(values[name])
    if "rules" in values:
        kwargs["rules"] = tuple(relative_to(base, item) for item in values["rules"])
    if "severity" in values:
        overrides = {key: Severity.parse(value) for key, value in values["severity"].items()}
        kwargs["severity"] = MappingProxyType(overrides)
    if "fail_on" in values:
        kwargs["fail_on"] = Severity.parse(values["fail_on"])
    if "extensions" in values:
        kwargs["extensions"] = tuple(_extension(item) for item in values["extensions"])
    if "spacy_model" in values:
        kwargs["spacy_model"] = _pipeline(base, values["spacy_model"])
    if "max_file_size_mb" in values:
        kwargs["max_file_size_mb"] = float(values["max_file_size_mb"])
    return Config(**kwargs)


def _pipeline(base: Path, value: str | None) -> str | None:
    """An installed pipeline's package name as written; a saved pipeline's folder relative to
    the config file, like the rule packs, so the config works from any working directory."""
    if not value:
        return None
    folder = base / Path(value).expanduser()
    return str(folder) if folder.is_dir() else value


def _extension(value: str) -> str:
    """``md``, ``.MD`` and ``.md`` all mean ``.md``: extensions are compared lowercased."""
    value = value.strip().lower()
    return value if value.startswith(".") else f".{value}"
