"""Expand a Hunspell dictionary (``.dic`` + ``.aff``) into the word forms it accepts.

Why not look words up with a Hunspell engine at run time: a pure-Python engine (spylls) checks
a few thousand words a second, far below what a linter needs. The dictionaries we use (SCOWL's
en_US) only need prefixes and suffixes, so expanding them once into a word set, cached by
:mod:`factlint.spelling.lexicon`, gives the same answers with a set lookup.

Supported: ``PFX``/``SFX`` tables with strip, add and condition, cross products, one level of
continuation flags, ``NEEDAFFIX``, ``ONLYINCOMPOUND`` and ``FORBIDDENWORD``, single-character
and ``long``/``num`` flag types. Not supported (and not used by English dictionaries):
compounding beyond ordinal numbers, which we skip anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    condition: re.Pattern[str]
    flags: tuple[str, ...]


@dataclass
class _Table:
    cross: bool
    rules: list[_Affix] = field(default_factory=list)


@dataclass
class Affixes:
    """The parts of an ``.aff`` file that expansion needs."""

    prefixes: dict[str, _Table] = field(default_factory=dict)
    suffixes: dict[str, _Table] = field(default_factory=dict)
    flag_type: str = "char"
    need_affix: str | None = None
    only_in_compound: str | None = None
    forbidden: str | None = None
    no_suggest: str | None = None

    def split_flags(self, text: str) -> tuple[str, ...]:
        """Flags of a ``word/FLAGS`` entry, per the file's ``FLAG`` type."""
        if self.flag_type == "long":
            return tuple(text[i : i + 2] for i in range(0, len(text), 2))
        if self.flag_type == "num":
            return tuple(part for part in text.split(",") if part)
        return tuple(text)


def parse_affixes(text: str) -> Affixes:
    """Parse the affix tables and the few option lines expansion needs."""
    affixes = Affixes()
    lines = [line.split() for line in text.splitlines()]
    index = 0
    while index < len(lines):
        parts = lines[index]
        index += 1
        if not parts:
            continue
        keyword = parts[0]
        if keyword == "FLAG" and len(parts) > 1:
            affixes.flag_type = parts[1].lower() if parts[1].lower() in ("long", "num") else "char"
        elif keyword == "NEEDAFFIX" and len(parts) > 1:
            affixes.need_affix = parts[1]
        elif keyword == "ONLYINCOMPOUND" and len(parts) > 1:
            affixes.only_in_compound = parts[1]
        elif keyword == "FORBIDDENWORD" and len(parts) > 1:
            affixes.forbidden = parts[1]
        elif keyword == "NOSUGGEST" and len(parts) > 1:
            affixes.no_suggest = parts[1]
        elif keyword in ("PFX", "SFX") and len(parts) >= 4 and parts[2] in ("Y", "N"):
            table = _Table(cross=parts[2] == "Y")
            count = int(parts[3]) if parts[3].isdigit() else 0
            for rule in lines[index : index + count]:
                if len(rule) >= 4 and rule[0] == keyword:
                    table.rules.append(_affix(keyword, rule, affixes))
            index += count
            target = affixes.prefixes if keyword == "PFX" else affixes.suffixes
            target[parts[1]] = table
    return affixes


def _affix(kind: str, parts: list[str], affixes: Affixes) -> _Affix:
    strip = "" if parts[2] == "0" else parts[2]
    add, _, flags = parts[3].partition("/")
    add = "" if add == "0" else add
    condition = parts[4] if len(parts) > 4 else "."
    pattern = condition + "$" if kind == "SFX" else "^" + condition
    return _Affix(strip, add, re.compile(pattern), affixes.split_flags(flags))


def expand(dic_text: str, aff_text: str) -> set[str]:
    """Every word form the dictionary accepts (case as in the dictionary)."""
    return expand_marked(dic_text, aff_text)[0]


def expand_marked(dic_text: str, aff_text: str) -> tuple[set[str], set[str]]:
    """Every accepted form, and the forms marked ``NOSUGGEST`` (slurs and the like: valid
    words a checker must never propose as a correction)."""
    affixes = parse_affixes(aff_text)
    words: set[str] = set()
    no_suggest: set[str] = set()
    for line in dic_text.lstrip("\ufeff").splitlines()[1:]:
        entry = line.split("\t")[0].strip()
        if not entry or entry.startswith("#"):
            continue
        stem, _, flag_text = entry.partition("/")
        flags = affixes.split_flags(flag_text.split()[0] if flag_text else "")
        forms = _forms(stem, flags, affixes)
        words.update(forms)
        if affixes.no_suggest is not None and affixes.no_suggest in flags:
            no_suggest.update(forms)
    return words, no_suggest


def _forms(stem: str, flags: tuple[str, ...], affixes: Affixes) -> Iterable[str]:
    if affixes.forbidden in flags or affixes.only_in_compound in flags:
        return ()
    forms: list[str] = []
    if affixes.need_affix not in flags:
        forms.append(stem)
    suffixed: list[tuple[str, bool]] = []
    for flag in flags:
        table = affixes.suffixes.get(flag)
        if table is None:
            continue
        for rule in table.rules:
            form = _apply_suffix(stem, rule)
            if form is None:
                continue
            forms.append(form)
            suffixed.append((form, table.cross))
            for extra in rule.flags:  # one level of continuation suffixes ("-ness" + "-es")
                inner = affixes.suffixes.get(extra)
                for second in inner.rules if inner else ():
                    again = _apply_suffix(form, second)
                    if again is not None:
                        forms.append(again)
    for flag in flags:
        table = affixes.prefixes.get(flag)
        if table is None:
            continue
        for rule in table.rules:
            form = _apply_prefix(stem, rule)
            if form is not None:
                forms.append(form)
            if table.cross:
                for word, cross in suffixed:
                    if cross:
                        both = _apply_prefix(word, rule)
                        if both is not None:
                            forms.append(both)
    return forms


def _apply_suffix(word: str, rule: _Affix) -> str | None:
    if not word.endswith(rule.strip) or not rule.condition.search(word):
        return None
    base = word[: len(word) - len(rule.strip)] if rule.strip else word
    return base + rule.add


def _apply_prefix(word: str, rule: _Affix) -> str | None:
    if not word.startswith(rule.strip) or not rule.condition.search(word):
        return None
    return rule.add + word[len(rule.strip) :]
