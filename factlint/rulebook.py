"""Rule packs: YAML files that add, replace or turn off data-only rules, facts and word lists.

Editors extend factlint without Python: a pack lists phrase rules (substitution or existence),
reference facts, lexicons, accepted/rejected words and journals. Packs are loaded with YAML safe
loading only, validated against ``factlint/schema/rulepack.schema.json`` with errors that name the
file, line and field, then merged in order: the default packs shipped in ``rules/`` first, then
user packs. See ``rules/default.yaml`` for the format.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version as _version
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from factlint import __version__, yamlpos
from factlint.compiled import load_cached
from factlint.errors import ConfigError
from factlint.findings import Severity
from factlint.yamlpos import (
    ParsedYaml,
    Problem,
    display_path,
    format_field,
    key_line,
    line_of,
    parse_yaml,
    raise_problems,
    read_text,
    schema_problems,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SCHEMA_FILE = "rulepack.schema.json"
DEFAULT_PACKAGE = "factlint.rules"
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "heading", "list_item", "table_cell", "front_matter")
"""Block kinds a phrase rule may be scoped to (``Block.kind`` values from the readers)."""

_APOSTROPHES = "'\u2019"
_MESSAGE_FIELDS = {"substitution": ("match", "replacement"), "existence": ("match",)}


@dataclass(frozen=True)
class RuleDocs:
    """What ``factlint explain`` shows: editors fix a finding faster knowing why it matters."""

    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True)
class PhraseRule:
    """A data-only rule from a pack: flag listed words or phrases, optionally offering a swap.

    ``patterns`` pairs each pattern with its replacement (``None`` for existence rules).
    ``scope`` limits the rule to some block kinds (``None``: all). ``origin`` is ``file:line``
    of the rule's definition, so a confusing finding can be traced back to the pack that made it.
    """

    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    patterns: tuple[tuple[str, str | None], ...]
    ignorecase: bool
    regex: bool
    fixable: bool
    scope: frozenset[str] | None
    summary: str
    docs: RuleDocs
    origin: str

    def compiled(self) -> re.Pattern[str]:
        """One regex matching any pattern (cached: many documents share one rule).

        Literal patterns are escaped, tried longest first, anchored on word boundaries, and match
        any run of whitespace between words (prose wraps lines) and a straight or curly
        apostrophe alike.
        Regex patterns are used as written, in order.
        """
        return _compile(tuple(p for p, _ in self.patterns), self.ignorecase, self.regex)

    def replacement_for(self, matched_text: str) -> str | None:
        """The replacement for text this rule matched, in the case of the match; None if none.

        A capitalised match gets a capitalised replacement (start of a sentence, a heading), an
        all-capitals match an all-capitals one; a lowercase match keeps the replacement as written
        (so proper names stay capitalised). A curly apostrophe in the match is kept.
        """
        if self.kind != "substitution":
            return None
        replacement = _lookup(self.patterns, self.ignorecase, self.regex, matched_text)
        if replacement is None:
            return None
        if "\u2019" in matched_text and "'" in replacement:
            replacement = replacement.replace("'", "\u2019")
        return _match_case(matched_text, replacement)

    def format_message(self, match: str, replacement: str | None = None) -> str:
        """The finding message, with ``{match}`` and ``{replacement}`` filled in."""
        return self.message.format(match=match, replacement=replacement or "")


@dataclass(frozen=True)
class Rulebook:
    """All packs merged: what the checks consult. Disabled phrase rules are already left out."""

    phrases: tuple[PhraseRule, ...] = ()
    facts: tuple[Mapping[str, Any], ...] = ()
    lexicons: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))
    accept_words: frozenset[str] = frozenset()
    reject_words: frozenset[str] = frozenset()
    journals: tuple[str, ...] = ()
    disabled: frozenset[str] = frozenset()
    """Every id turned off by ``disable`` (phrase rules and Python checks alike)."""
    sources: tuple[str, ...] = ()
    """Display names of the packs merged, in order."""
    origins: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Where each entry of ``lexicons.NAME`` and of ``journals`` was written, in merged order."""

    def origin_of(self, lexicon: str, index: int) -> str:
        """Where entry ``index`` of a lexicon as merged was written, as ``pack.yaml:LINE:
        lexicons.NAME[K]``. The claim lexicon's ``journals`` list goes on with the top-level
        ``journals`` names, as ``ClaimLexicon.from_mapping`` reads them."""
        written = self.origins.get(f"lexicons.{lexicon}", ())
        if index < len(written):
            return written[index]
        journals = self.origins.get("journals", ())
        if lexicon == "journals" and index - len(written) < len(journals):
            return journals[index - len(written)]
        return f"lexicons.{lexicon}[{index}]"

    def phrase(self, rule_id: str) -> PhraseRule | None:
        """The enabled phrase rule with this id, if any."""
        return next((rule for rule in self.phrases if rule.id == rule_id), None)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Pack:
    display: str
    data: dict[str, Any]
    phrase_lines: tuple[int | None, ...] = ()
    """The line of each phrase rule (for its ``origin``)."""
    entry_lines: dict[str, tuple[int | None, ...]] = field(default_factory=dict)
    """The line of each entry of each lexicon (``lexicons.NAME``) and of ``journals``: with
    the phrase lines, all of the node tree that merging needs (see ``Rulebook.origin_of``)."""


@functools.lru_cache(maxsize=1)
def schema_validator() -> Draft202012Validator:
    """The rule pack schema (package data), itself checked once against Draft 2020-12."""
    try:
        text = files("factlint.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
        schema = json.loads(text)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, SchemaError) as exc:
        raise ConfigError(f"factlint/schema/{SCHEMA_FILE}: broken schema: {exc}") from None
    return Draft202012Validator(schema)


def load_pack(path: Path | Traversable, display_name: str | None = None) -> dict[str, Any]:
    """Read and validate one rule pack; return its data (an empty file is an empty pack)."""
    return _read_pack(path, display_name).data


def _read_pack(path: Path | Traversable, display_name: str | None = None) -> _Pack:
    display = display_name or display_path(path)
    return _parse_pack(read_text(path, display, "rule pack"), display)


def _parse_pack(text: str, display: str) -> _Pack:
    parsed = parse_yaml(text, display)
    if parsed.data is None:
        raise_problems(display, parsed.problems)
        return _Pack(display, {})
    if not isinstance(parsed.data, dict):
        line = parsed.root.start_mark.line + 1 if parsed.root is not None else 1
        raise ConfigError(f"{display}:{line}: the top level must be a mapping of keys")
    problems = list(parsed.problems)
    if not parsed.bad_keys:
        problems += schema_problems(schema_validator(), parsed.data, parsed.root)
    raise_problems(display, problems)
    raise_problems(display, _semantic_problems(parsed))
    lines = tuple(
        line_of(parsed.root, ["phrases", index])
        for index in range(len(parsed.data.get("phrases", ())))
    )
    entry_lines = {
        f"lexicons.{name}": tuple(
            line_of(parsed.root, ["lexicons", name, index]) for index in range(len(items))
        )
        for name, items in parsed.data.get("lexicons", {}).items()
    }
    entry_lines["journals"] = tuple(
        line_of(parsed.root, ["journals", index])
        for index in range(len(parsed.data.get("journals", ())))
    )
    return _Pack(display, parsed.data, lines, entry_lines)


def _semantic_problems(parsed: ParsedYaml) -> Iterator[Problem]:
    """What the schema cannot say: regexes compile, message fields exist, ids are unique."""
    data, root = parsed.data, parsed.root
    seen: dict[str, int | None] = {}
    for index, rule in enumerate(data.get("phrases", ())):
        path = ["phrases", index]
        line = line_of(root, path)
        if rule["id"] in seen:
            message = f"duplicate rule id '{rule['id']}' (first on line {seen[rule['id']]})"
            yield Problem(line_of(root, [*path, "id"]), format_field([*path, "id"]), message)
        seen.setdefault(rule["id"], line)
        yield from _message_problems(rule, path, root)
        yield from _pattern_problems(rule, path, root)
    seen_facts: dict[str, int | None] = {}
    for index, fact in enumerate(data.get("facts", ())):
        path = ["facts", index, "id"]
        if fact["id"] in seen_facts:
            message = f"duplicate fact id '{fact['id']}' (first on line {seen_facts[fact['id']]})"
            yield Problem(line_of(root, path), format_field(path), message)
        seen_facts.setdefault(fact["id"], line_of(root, path))
        yield from _figure_problems(fact, ["facts", index], root)


def _figure_problems(
    fact: Mapping[str, Any], path: list[Any], root: yaml.Node | None
) -> Iterator[Problem]:
    """A fact's figures (its own, its ``other_figures`` and its tolerance) are real numbers
    (YAML's ``.nan`` and ``.inf`` pass the schema, as every comparison with NaN is false), and
    no range runs backwards."""
    figures: list[tuple[list[Any], Mapping[str, Any]]] = [
        ([*path, "range"], _mapping(fact, "range")),
        (path, {"value": fact.get("value")}),
        ([*path, "match"], {"tolerance": _mapping(fact, "match").get("tolerance")}),
    ]
    others = fact.get("other_figures")
    for index, other in enumerate(others if isinstance(others, list) else ()):
        if isinstance(other, Mapping):
            figures.append(([*path, "other_figures", index], other))
    for where, figure in figures:
        for name in ("value", "low", "high", "tolerance"):
            number = figure.get(name)
            if isinstance(number, float) and not math.isfinite(number):
                field = [*where, name]
                yield Problem(line_of(root, field), format_field(field), "expected a finite number")
        low, high = figure.get("low"), figure.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            message = f"low ({low}) is above high ({high})"
            yield Problem(line_of(root, where), format_field(where), message)


def _mapping(parent: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = parent.get(key)
    return value if isinstance(value, Mapping) else {}


def _message_problems(
    rule: Mapping[str, Any], path: list[Any], root: yaml.Node | None
) -> Iterator[Problem]:
    where = [*path, "message"]
    allowed = _MESSAGE_FIELDS[rule["kind"]]
    try:
        parsed = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(rule["message"])
            if name is not None
        ]
    except ValueError as exc:
        message = f"invalid message template: {exc} (write {{{{ and }}}} for literal braces)"
        yield Problem(line_of(root, where), format_field(where), message)
        return
    choices = " or ".join(f"{{{a}}}" for a in allowed)
    for name, spec, conversion in parsed:
        if name not in allowed:
            message = f"unknown field {{{name}}} in message (use {choices})"
            yield Problem(line_of(root, where), format_field(where), message)
        elif spec or conversion:  # "{match:>999999999}" would build a gigabyte string
            message = f"write the field plainly, without a format or '!' conversion (use {choices})"
            yield Problem(line_of(root, where), format_field(where), message)


def _pattern_problems(
    rule: Mapping[str, Any], path: list[Any], root: yaml.Node | None
) -> Iterator[Problem]:
    regex = rule.get("regex", False)
    ignorecase = rule.get("ignorecase", True)
    if rule["kind"] == "substitution":
        container = [*path, "swap"]
        located = [(p, [*container, p], key_line(root, container, p)) for p in rule["swap"]]
    else:
        container = [*path, "tokens"]
        located = [
            (p, [*container, i], line_of(root, [*container, i]))
            for i, p in enumerate(rule["tokens"])
        ]
    flags = re.IGNORECASE if ignorecase else 0
    keys: dict[str, str] = {}
    broken = False
    for pattern, where, line in located:
        field = format_field(where)
        if not pattern.strip():
            yield Problem(line, field, "empty pattern")
            broken = True
        elif regex:
            try:
                compiled = re.compile(pattern, flags)
            except re.error as exc:
                yield Problem(line, field, f"invalid regular expression: {exc}")
                broken = True
                continue
            if compiled.match(""):
                yield Problem(line, field, "regular expression matches empty text")
                broken = True
        else:
            key = _normalize(pattern, ignorecase)
            if key in keys and rule["kind"] == "substitution":
                yield Problem(line, field, f"same pattern as '{keys[key]}'")
            keys.setdefault(key, pattern)
    if regex and not broken:
        try:
            _compile(tuple(p for p, _, _ in located), ignorecase, regex)
        except re.error as exc:
            where = located[0][2]
            message = f"the patterns cannot be combined into one expression: {exc}"
            yield Problem(where, format_field(container), message)


# --------------------------------------------------------------------------- merging


def default_packs() -> tuple[Traversable, ...]:
    """The packs shipped in ``factlint.rules``: ``default.yaml`` first (the base every other
    pack extends), then every other ``*.yaml`` in sorted name order."""
    package = files(DEFAULT_PACKAGE)
    found = [entry for entry in package.iterdir() if entry.name.endswith(".yaml")]
    return tuple(sorted(found, key=lambda entry: (entry.name != "default.yaml", entry.name)))


@functools.lru_cache(maxsize=1)
def _default_pack_data() -> tuple[_Pack, ...]:
    """The default packs, read and validated once per process (the web page and the API lint
    many texts with the same defaults), and across processes through the disk cache.

    Parsing and validating them is a tenth of a second of every start. The validated data and
    phrase lines are cached (see :func:`~factlint.compiled.load_cached`) under a key made
    of the packs' names and contents, the schema, the code that reads and validates them (this
    module and :mod:`factlint.yamlpos`, and the factlint, PyYAML and jsonschema versions): the
    same inputs read by the same code give the same data and the same (absent) problems, and
    any change is a new key. A pack with a problem raises before anything is stored.
    """
    entries = default_packs()
    names = [f"factlint/rules/{entry.name}" for entry in entries]
    raws = [read_text(entry, name, "rule pack") for entry, name in zip(entries, names, strict=True)]

    def read() -> tuple[tuple[Any, ...], ...]:
        packs = (_parse_pack(raw, name) for raw, name in zip(raws, names, strict=True))
        return tuple(
            (pack.display, pack.data, pack.phrase_lines, pack.entry_lines) for pack in packs
        )

    fingerprints = [
        *(f"{name}:{_digest(raw.encode())}" for name, raw in zip(names, raws, strict=True)),
        _digest(files("factlint.schema").joinpath(SCHEMA_FILE).read_bytes()),
        _digest(Path(__file__).read_bytes()),
        _digest(Path(yamlpos.__file__).read_bytes()),
        f"factlint=={__version__} pyyaml=={yaml.__version__} jsonschema=={_version('jsonschema')}",
    ]
    cached = load_cached("rulepacks", fingerprints, read, _is_pack_tuple)
    return tuple(_Pack(*pack) for pack in cached)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _is_pack_tuple(value: object) -> bool:
    """The shape :func:`_default_pack_data` stores (a stray file must not pass for it)."""
    return isinstance(value, tuple) and all(
        isinstance(item, tuple)
        and len(item) == 4
        and isinstance(item[0], str)
        and isinstance(item[1], dict)
        and isinstance(item[2], tuple)
        and isinstance(item[3], dict)
        for item in value
    )


def load_rulebook(extra_packs: Sequence[Path] = (), *, include_default: bool = True) -> Rulebook:
    """Load and merge rule packs: the default packs (unless excluded), then ``extra_packs``.

    Later packs win: a phrase rule or fact with an earlier id replaces it in place; lexicons,
    words and journals extend; ``disable`` turns off earlier rules until a later pack redefines
    them (a pack's own definitions count as later than its ``disable`` list).
    """
    packs = list(_default_pack_data()) if include_default else []
    packs += [_read_pack(Path(path)) for path in extra_packs]

    phrases: dict[str, PhraseRule] = {}
    facts: dict[str, Mapping[str, Any]] = {}
    lexicons: dict[str, list[tuple[Any, str]]] = {}
    accept: list[str] = []
    reject: list[str] = []
    journals: list[tuple[Any, str]] = []
    disabled: set[str] = set()
    for pack in packs:
        data = pack.data
        disabled.update(data.get("disable", ()))
        for index, raw in enumerate(data.get("phrases", ())):
            origin = f"{pack.display}:{pack.phrase_lines[index] or 1}"
            rule = _phrase_rule(raw, origin)
            phrases[rule.id] = rule
            disabled.discard(rule.id)
        for fact in data.get("facts", ()):
            facts[fact["id"]] = _freeze(fact)
        for name, items in data.get("lexicons", {}).items():
            traced = _traced(pack, f"lexicons.{name}", (_freeze(item) for item in items))
            lexicons[name] = _extend(lexicons.get(name, []), traced, key=_first)
        words = data.get("words", {})
        accept = _extend(accept, words.get("accept", ()))
        reject = _extend(reject, words.get("reject", ()))
        traced = _traced(pack, "journals", data.get("journals", ()))
        journals = _extend(journals, traced, key=_first)

    return Rulebook(
        phrases=tuple(rule for rule in phrases.values() if rule.id not in disabled),
        facts=tuple(facts.values()),
        lexicons=MappingProxyType(
            {name: tuple(item for item, _ in items) for name, items in lexicons.items()}
        ),
        accept_words=frozenset(accept),
        reject_words=frozenset(reject),
        journals=tuple(item for item, _ in journals),
        origins=MappingProxyType(
            {
                **{f"lexicons.{name}": _origins(items) for name, items in lexicons.items()},
                **({"journals": _origins(journals)} if journals else {}),
            }
        ),
        disabled=frozenset(disabled),
        sources=tuple(pack.display for pack in packs),
    )


def _phrase_rule(raw: Mapping[str, Any], origin: str) -> PhraseRule:
    kind = raw["kind"]
    if kind == "substitution":
        patterns: tuple[tuple[str, str | None], ...] = tuple(raw["swap"].items())
    else:
        patterns = tuple((token, None) for token in raw["tokens"])
    scope = raw.get("scope")
    return PhraseRule(
        id=raw["id"],
        kind=kind,
        category=raw["category"],
        severity=Severity.parse(raw.get("severity", "warning")),
        message=raw["message"],
        patterns=patterns,
        ignorecase=raw.get("ignorecase", True),
        regex=raw.get("regex", False),
        fixable=raw.get("fixable", kind == "substitution"),
        scope=frozenset(scope) if scope is not None else None,
        summary=raw["summary"],
        docs=RuleDocs(**{key: raw["docs"][key] for key in ("what", "why", "example", "fix")}),
        origin=origin,
    )


def _freeze(value: Any) -> Any:
    """Read-only copies: the rulebook is shared by every document, no check may change it."""
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def _identity(value: Any) -> Any:
    if isinstance(value, Mapping):
        return json.dumps(_thaw(value), sort_keys=True, default=str)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


def _extend(existing: list[Any], new: Any, key: Any = None) -> list[Any]:
    """``existing`` followed by the items of ``new`` not already there (first one kept);
    ``key`` picks what to compare of an item (``_first``: of an (item, origin) pair)."""
    out = list(existing)
    part = key or (lambda item: item)
    seen = {_identity(part(item)) for item in out}
    for item in new:
        identity = _identity(part(item))
        if identity not in seen:
            seen.add(identity)
            out.append(item)
    return out


def _first(pair: tuple[Any, str]) -> Any:
    return pair[0]


def _origins(pairs: list[tuple[Any, str]]) -> tuple[str, ...]:
    return tuple(origin for _, origin in pairs)


def _traced(pack: _Pack, field_name: str, items: Iterable[Any]) -> list[tuple[Any, str]]:
    """Each item with where it was written: ``pack.yaml:LINE: FIELD[INDEX]``."""
    lines = pack.entry_lines.get(field_name, ())
    out = []
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else None
        where = f"{pack.display}:{line}" if line else pack.display
        out.append((item, f"{where}: {field_name}[{index}]"))
    return out


# --------------------------------------------------------------------------- matching


def _normalize(text: str, ignorecase: bool) -> str:
    """The lookup key of a literal phrase: single spaces, straight apostrophes, folded case."""
    text = " ".join(text.split()).replace("\u2019", "'")
    return text.casefold() if ignorecase else text


def _literal(pattern: str) -> str:
    words = []
    for word in pattern.split():
        escaped = "".join(
            f"[{_APOSTROPHES}]" if char in _APOSTROPHES else re.escape(char) for char in word
        )
        words.append(escaped)
    return r"\s+".join(words)


@functools.lru_cache(maxsize=1024)
def _compile(patterns: tuple[str, ...], ignorecase: bool, regex: bool) -> re.Pattern[str]:
    flags = re.IGNORECASE if ignorecase else 0
    if regex:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    ordered = sorted(patterns, key=len, reverse=True)
    alternatives = "|".join(_literal(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


@functools.lru_cache(maxsize=1024)
def _literal_table(
    patterns: tuple[tuple[str, str | None], ...], ignorecase: bool
) -> Mapping[str, str | None]:
    table: dict[str, str | None] = {}
    for pattern, replacement in patterns:
        table.setdefault(_normalize(pattern, ignorecase), replacement)
    return table


def _lookup(
    patterns: tuple[tuple[str, str | None], ...], ignorecase: bool, regex: bool, text: str
) -> str | None:
    if not regex:
        key = _normalize(text, ignorecase)
        table = _literal_table(patterns, ignorecase)
        if key in table:
            return table[key]
    # Regex patterns (or an odd case-folding corner): find the pattern that matches it all.
    for pattern, replacement in patterns:
        if _compile((pattern,), ignorecase, regex).fullmatch(text):
            return replacement
    return None


def _match_case(matched: str, replacement: str) -> str:
    letters = [char for char in matched if char.isalpha()]
    if not letters:
        return replacement
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if letters[0].isupper():
        for index, char in enumerate(replacement):
            if char.isalpha():
                return replacement[:index] + char.upper() + replacement[index + 1 :]
    return replacement
