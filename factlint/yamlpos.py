"""Shared helpers for YAML/TOML settings files: positions, plain-word validation errors.

Rule packs and config files are written by editors, not programmers, so a mistake must come back
as one line per problem that names the file, the line and the field, in plain words::

    rules/custom.yaml:14: facts[2].range.low: expected a number

``yaml.safe_load`` keeps no positions, so files are composed into a node tree first; the tree
gives line numbers (walked along the path of a jsonschema error) and catches what safe loading
silently forgives (a key written twice: the last one would win without a word).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator

from factlint.errors import ConfigError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PathElement = str | int

MAX_PROBLEMS = 20
"""At most this many problems are listed in one error; a broken file should not flood the screen."""

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

_TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "null": "nothing (null)",
}

# Validators whose message we always word ourselves; a schema's "x-error" never replaces them.
_OWN_WORDS = frozenset({"type", "required", "additionalProperties"})


@dataclass(frozen=True)
class Problem:
    """One mistake in a settings file: where it is (1-based line, field path) and what is wrong."""

    line: int | None
    field: str
    message: str

    def format(self, display: str) -> str:
        """``display:line: field: message``; the line and the field are left out when unknown."""
        where = display if self.line is None else f"{display}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (self.line or 0, self.field, self.message)


@dataclass(frozen=True)
class ParsedYaml:
    """A safely loaded YAML document with its node tree (for positions) and structural problems."""

    data: Any
    root: yaml.Node | None
    problems: tuple[Problem, ...]
    """Duplicate keys and non-string keys, found while walking the nodes."""
    bad_keys: bool
    """A key is not a string: schema validation would be neither meaningful nor safe."""


def display_path(path: Path | Traversable | str) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    if not isinstance(path, Path):
        return str(path)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def read_text(path: Path | Traversable, display: str, what: str) -> str:
    """Read a settings file as UTF-8 (a BOM is allowed); every failure is one ConfigError line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{display}: no such {what}") from None
    except IsADirectoryError:
        raise ConfigError(f"{display}: is a directory, not a {what}") from None
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read {what}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{display}:{line}: not valid UTF-8 text") from None


def format_field(path: Iterable[PathElement]) -> str:
    """A field path for humans: ``phrases[0].swap["restless leg"]``."""
    out = ""
    for element in path:
        if isinstance(element, int):
            out += f"[{element}]"
        elif _SIMPLE_KEY.match(element):
            out += f".{element}" if out else element
        else:
            escaped = element.replace("\\", "\\\\").replace('"', '\\"')
            out += f'["{escaped}"]'
    return out


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (its wheels are): the default rule packs
are thousands of lines, and the pure-Python composer alone made up half of a cold start."""


def parse_yaml(text: str, display: str) -> ParsedYaml:
    """Compose and safely construct one YAML document.

    Syntax errors raise ``path:LINE:COL: invalid YAML: <problem>``. Structural problems (duplicate
    or non-string keys) are returned, so the caller can report them with the schema's findings.
    """
    if _SAFE_LOADER is not yaml.SafeLoader:
        try:
            return _parse_with(_SAFE_LOADER, text, display)
        except ConfigError:
            pass  # re-read with the pure-Python loader: its syntax messages are the clearer ones
    return _parse_with(yaml.SafeLoader, text, display)


def _parse_with(loader_class: type, text: str, display: str) -> ParsedYaml:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        found = list(_walk(root, [], [], set())) if root is not None else []
        if any(code == "recursive" for code, _ in found):
            raise_problems(display, [p for code, p in found if code == "recursive"])
        problems = tuple(p for _, p in found)
        bad_keys = any(code == "key" for code, _ in found)
        # Constructing flattens merge keys (<<) into the nodes, so paths through them resolve.
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed document"
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:  # ReaderError: control characters and the like
        raise ConfigError(f"{display}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return ParsedYaml(data, root, problems, bad_keys)


def _walk(
    node: yaml.Node, path: list[PathElement], stack: list[int], done: set[int]
) -> Iterator[tuple[str, Problem]]:
    """Yield (code, problem) for recursive aliases, non-string keys and duplicate keys.

    An aliased node is walked once (``done``), so alias bombs cost nothing here.
    """
    if id(node) in stack:
        message = "recursive YAML alias is not supported"
        yield "recursive", Problem(_line(node), format_field(path), message)
        return
    if id(node) in done:
        return
    done.add(id(node))
    stack.append(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if key.tag == _MERGE_TAG:
                yield from _walk(value, path, stack, done)
                continue
            if not isinstance(key, yaml.ScalarNode):
                yield "key", Problem(_line(key), format_field(path), "key is not a string")
                continue
            if key.tag != _STR_TAG:
                message = f"key {key.value} is not a string; put it in quotes"
                yield "key", Problem(_line(key), format_field(path), message)
            if key.value in seen:
                message = f"duplicate key '{key.value}' (first on line {seen[key.value]})"
                yield "duplicate", Problem(_line(key), format_field(path), message)
            else:
                seen[key.value] = _line(key)
            yield from _walk(value, [*path, key.value], stack, done)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, [*path, index], stack, done)
    stack.pop()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _child(node: yaml.Node, element: PathElement) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) for a mapping key, (item, item) for a list index; None if absent."""
    if isinstance(node, yaml.MappingNode) and isinstance(element, str):
        found = None
        for key, value in node.value:  # the last one wins, as in safe loading
            if isinstance(key, yaml.ScalarNode) and key.value == element:
                found = (key, value)
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(element, int):
        items = node.value
        return (items[element], items[element]) if 0 <= element < len(items) else None
    return None


def node_at(root: yaml.Node | None, path: Sequence[PathElement]) -> yaml.Node | None:
    """The node at ``path``, or the deepest node on the way when the path cannot be followed."""
    node = root
    for element in path:
        if node is None:
            return None
        pair = _child(node, element)
        if pair is None:
            return node
        node = pair[1]
    return node


def line_of(root: yaml.Node | None, path: Sequence[PathElement]) -> int | None:
    """1-based line of the value at ``path`` (None without a node tree, e.g. for TOML)."""
    node = node_at(root, path)
    return None if node is None else _line(node)


def key_line(root: yaml.Node | None, path: Sequence[PathElement], key: str) -> int | None:
    """1-based line of ``key`` inside the mapping at ``path``: where to point for that key."""
    parent = node_at(root, path)
    if parent is None:
        return None
    pair = _child(parent, key)
    return _line(pair[0]) if pair else _line(parent)


def schema_problems(
    validator: Validator,
    data: Any,
    root: yaml.Node | None,
    prefix: Sequence[PathElement] = (),
) -> list[Problem]:
    """Every jsonschema error in ``data``, located in the node tree and worded plainly."""
    problems: list[Problem] = []
    for error in validator.iter_errors(data):
        problems.extend(_translate(error, root, prefix))
    return problems


def _translate(
    error: ValidationError, root: yaml.Node | None, prefix: Sequence[PathElement]
) -> Iterator[Problem]:
    path = list(error.absolute_path)
    field = format_field([*prefix, *path])
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if kind == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        for key in instance:
            if key in known or any(re.search(p, str(key)) for p in patterns):
                continue
            yield Problem(key_line(root, path, str(key)), field, f"unknown key '{key}'")
        return
    if kind == "required" and isinstance(instance, dict):
        for name in value:
            if name not in instance:
                yield Problem(line_of(root, path), field, f"missing field '{name}'")
        return
    if kind in ("anyOf", "oneOf") and error.context and "x-error" not in schema:
        # the closest alternative's problem, unless the schema words the choice itself
        yield from _translate(best_match(error.context), root, prefix)
        return
    yield Problem(line_of(root, path), field, _wording(kind, value, schema, error.message))


def _wording(kind: str, value: Any, schema: dict[str, Any], fallback: str) -> str:
    if kind not in _OWN_WORDS and isinstance(schema.get("x-error"), str):
        return schema["x-error"]
    if kind == "type":
        names = [value] if isinstance(value, str) else list(value)
        return "expected " + " or ".join(_TYPE_WORDS.get(n, n) for n in names)
    if kind == "enum":
        return "expected one of: " + ", ".join(str(v) for v in value)
    if kind == "const":
        return f"expected {value}"
    if kind == "minItems":
        return "expected a non-empty list" if value == 1 else f"expected at least {value} items"
    if kind == "minProperties":
        return "expected a non-empty mapping" if value == 1 else f"expected at least {value} keys"
    if kind == "minLength":
        return "expected a non-empty string" if value == 1 else f"expected {value}+ characters"
    if kind == "exclusiveMinimum":
        return f"expected a number greater than {value}"
    if kind == "minimum":
        return f"expected a number of at least {value}"
    if kind == "maximum":
        return f"expected a number of at most {value}"
    if kind == "uniqueItems":
        return "expected no repeated items"
    if kind == "pattern":
        return f"expected text matching {value}"
    return fallback


def raise_problems(display: str, problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> None:
    """Raise one ConfigError listing the problems sorted by line, one per line; no-op if none."""
    unique = sorted(set(problems), key=lambda p: p.sort_key)
    if not unique:
        return
    lines = [p.format(display) for p in unique[:limit]]
    if len(unique) > limit:
        more = len(unique) - limit
        lines.append(f"{display}: ... and {more} more problem{'s' if more > 1 else ''}")
    raise ConfigError("\n".join(lines))


def relative_to(base: Path, value: str) -> Path:
    """A path from a settings file, resolved against the file's directory (``~`` expanded)."""
    return Path(os.path.normpath(base / Path(value).expanduser()))
