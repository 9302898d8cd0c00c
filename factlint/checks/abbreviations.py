"""undefined-abbreviation: abbreviations used before they are spelled out, or never spelled out.

Style guides (AMA, APA, most newsrooms) spell an abbreviation out at its first use: "small-fibre
polyneuropathy (SFPN)". This check reads the prose in document order and

* reports (warning) the first use of an abbreviation that the article defines only later
  ("SFPN" early, "small fiber polyneuropathy (SFPN)" further down): the definition is in the
  wrong place;
* notes (info) an abbreviation never defined that is not in the ``common_abbreviations``
  lexicon ("TENS unit therapy"), at its first use anywhere, the title included: general readers
  may not know it.

A definition is "Long Form (ABBR)", "ABBR (Long Form)" or "ABBR stands for ...". A title or
heading that uses an abbreviation before the text defines it counts as its first use (readers
meet it there, as the corpus guideline says); words in all-capital headings, Roman numerals,
journal names (JAMA, BMJ), document codes (CG61) and the ``abbreviation_ignore`` words are not
abbreviations to define. One finding per abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.facts import lexicon_strings, per_rulebook
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

UNDEFINED_ABBREVIATION = RuleInfo(
    id="undefined-abbreviation",
    category="terminology",
    severity=Severity.WARNING,
    summary="An abbreviation used before it is spelled out (warning) or never spelled out (info).",
    docs=RuleDocs(
        what="Flags the first use of an abbreviation that the article spells out only later "
        "(warning), and, at info level, an abbreviation that is never spelled out and is not "
        "one general readers know (the `common_abbreviations` lexicon: US, CDC, FDA, DNA, MRI, "
        "BMI ...). A definition is 'small-fibre polyneuropathy (SFPN)', 'SFPN (small-fibre "
        "polyneuropathy)' or 'SFPN stands for ...'. A title or heading counts as a use: "
        "readers meet the abbreviation there first. Plurals count as the same abbreviation "
        "(NSAIDs = NSAID).",
        why="An unexplained abbreviation stops a reader who does not know it, and one defined "
        "three paragraphs after its first use is no help at the point of confusion. In health "
        "writing abbreviations also collide (MS is multiple sclerosis or mitral stenosis).",
        example="'SFPN causes widespread pain ... Some patients have small-fibre "
        "polyneuropathy (SFPN).' becomes 'Small-fibre polyneuropathy (SFPN) causes "
        "widespread pain ... Some patients have SFPN.'",
        fix="Spell the term out at its first use, with the abbreviation in brackets, and use "
        "the abbreviation alone afterwards. If your readers know an abbreviation, add it to "
        "`common_abbreviations` under `lexicons:` in your rule pack.",
    ),
)

_ABBREVIATION = r"[a-z]?[A-Z](?:[A-Z0-9&]*[A-Z])[0-9]*(?:-[A-Z0-9]+)?"
_USE = re.compile(rf"(?<![\w'’./&-])(?P<abbr>{_ABBREVIATION})(?P<plural>s)?(?![\w'’&-])")
_SHORT_AFTER_LONG = re.compile(
    rf"\(\s*(?P<abbr>{_ABBREVIATION})s?(?:\s*/\s*(?P<second>{_ABBREVIATION})s?)?\s*(?:[),;]|or\b)"
)
_LONG_AFTER_SHORT = re.compile(
    rf"(?<![\w'’./&-])(?P<abbr>{_ABBREVIATION})s?\s*\(\s*(?P<long>[^\W\d][^()]{{2,80}}?)\s*\)"
)
_STANDS_FOR = re.compile(
    rf"(?<![\w'’./&-])(?P<abbr>{_ABBREVIATION})s?,?\s+(?:stands\s+for|is\s+short\s+for|means)\b"
)
_CAPITALS = re.compile(r"[A-Z][A-Z0-9&]*[A-Z]")
"""What every abbreviation (``_ABBREVIATION``) holds, at its start or one letter in: the screen
of ``_first_possible``."""
_ROMAN = re.compile(r"[IVXL]+")
_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*")
_MAX_DIGITS = 2
_UPPERCASE_BLOCK = 0.6
_LOOSE_KINDS = frozenset({"heading", "front_matter"})


@dataclass
class _Abbreviation:
    first_use: tuple[int, int, int] | None = None
    first_loose_use: tuple[int, int, int] | None = None
    definition: tuple[int, int, int] | None = None
    long_form: str | None = None


@dataclass(frozen=True)
class _Known:
    common: frozenset[str]
    ignore: frozenset[str]

    @classmethod
    def of(cls, rulebook: Rulebook) -> _Known:
        def build() -> _Known:
            common = set(lexicon_strings(rulebook, "common_abbreviations"))
            common.update(j.strip() for j in rulebook.journals if j.strip().isupper())
            return cls(
                frozenset(common), frozenset(lexicon_strings(rulebook, "abbreviation_ignore"))
            )

        return per_rulebook(rulebook, "abbreviations", build)


def _is_candidate(abbr: str, known: _Known) -> bool:
    return not (
        _ROMAN.fullmatch(abbr)
        or _CODE.fullmatch(abbr)
        or abbr in known.ignore
        or sum(ch.isdigit() for ch in abbr) > _MAX_DIGITS
    )


_CODE = re.compile(r"[A-Z]{1,4}[0-9]{2,}")
"""A document or guideline number ("NICE CG61", "NG28"): a code to look up, not a term."""


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_UPPER = _ASCII_LETTERS[:26]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_capitals(text: str) -> bool:
    """Whether more than 60% of the letters (``str.isalpha``) are capitals (``str.isupper``).

    Every block is asked, so the ASCII letters are counted in C: deleting them from the UTF-8
    bytes (where every other character is a byte of 0x80 or more) shortens it by their number.
    Only the few characters outside ASCII are tested one by one."""
    data = text.encode("utf-8", "surrogatepass")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    if not text.isascii():
        for char in _NON_ASCII.findall(text):
            if char.isalpha():
                letters += 1
                upper += char.isupper()
    return letters > 3 and upper / letters > _UPPERCASE_BLOCK


def _long_form_before(text: str, at: int, abbr: str) -> str | None:
    """The words before "(ABBR)" that spell it out: back to a word starting with its first
    letter, at most a few words ("Restless Leg Syndrome (RLS)")."""
    words = list(_WORD.finditer(text[max(0, at - 120) : at]))
    if not words:
        return None
    base = max(0, at - 120)
    limit = len(abbr) + 2
    for back, word in enumerate(reversed(words[-limit:])):
        if word.group(0)[:1].lower() == abbr[0].lower():
            first = words[len(words) - 1 - back]
            return text[base + first.start() : base + words[-1].end()]
    return None


def _first_possible(text: str) -> int:
    """Where the first abbreviation of ``text`` may start, or -1 when it holds none.

    Sound: an abbreviation is an optional lowercase letter, then ``_CAPITALS``; so the first
    match of ``_CAPITALS`` starts at most one character after the first abbreviation, and a
    text without one holds no abbreviation. The patterns that start with an abbreviation
    (``_USE``, ``_LONG_AFTER_SHORT``, ``_STANDS_FOR``) begin with a look-behind, which keeps
    ``re`` from skipping ahead to a capital, so they are started here instead (a look-behind
    still sees the text before the start position: the matches are the same)."""
    found = _CAPITALS.search(text)
    return -1 if found is None else max(0, found.start() - 1)


def _definitions(
    text: str, known: _Known, first: int = 0
) -> Iterator[tuple[str, int, int, str | None]]:
    """(abbreviation, start, end, long form) for each definition in a block; no abbreviation
    starts before ``first`` (``_first_possible``).

    Most blocks define nothing: the bracket and the verbs each pattern needs are looked for
    first (a substring test is much cheaper than a regex scan)."""
    if "(" in text:
        yield from _bracketed(text, first)
    if "stands" in text or "short" in text or "means" in text:
        for match in _STANDS_FOR.finditer(text, first):
            yield match.group("abbr"), match.start("abbr"), match.end("abbr"), None


def _bracketed(text: str, first: int = 0) -> Iterator[tuple[str, int, int, str | None]]:
    """The definitions with a bracket: "Long Form (ABBR)" and "ABBR (Long Form)"; no
    abbreviation starts before ``first``."""
    for match in _SHORT_AFTER_LONG.finditer(text):
        for group in ("abbr", "second"):
            abbr = match.group(group)
            if abbr is None:
                continue
            long_form = _long_form_before(text, match.start(), abbr)
            if long_form is not None:
                yield abbr, match.start(group), match.end(group), long_form
    for match in _LONG_AFTER_SHORT.finditer(text, first):
        abbr, long_form = match.group("abbr"), match.group("long")
        if long_form[:1].lower() == abbr[0].lower() and len(long_form.split()) >= 2:
            yield abbr, match.start("abbr"), match.end("abbr"), long_form


@check(UNDEFINED_ABBREVIATION)
def find_undefined_abbreviations(analysis: Analysis) -> Iterator[Finding]:
    """One finding per abbreviation: used before its definition, or never defined."""
    known = _Known.of(analysis.rulebook)
    found: dict[str, _Abbreviation] = {}
    candidates: dict[str, bool] = {}  # ``_is_candidate`` of each abbreviation met so far
    for index, block in enumerate(analysis.document.blocks):
        text = block.text
        first = _first_possible(text)
        if first < 0 or _mostly_capitals(text):
            continue  # no abbreviation, so no definition and no use
        loose = block.kind in _LOOSE_KINDS
        definitions = sorted(_definitions(text, known, first), key=lambda item: item[1])
        for abbr, start, end, long_form in definitions:
            entry = found.setdefault(abbr, _Abbreviation())
            if entry.definition is None:
                entry.definition = (index, start, end)
                entry.long_form = long_form
        for match in _USE.finditer(text, first):
            abbr = match.group("abbr")
            candidate = candidates.get(abbr)
            if candidate is None:
                candidate = candidates[abbr] = _is_candidate(abbr, known)
            if not candidate:
                continue
            entry = found.get(abbr)
            if entry is None:
                entry = found[abbr] = _Abbreviation()
            where = (index, match.start("abbr"), match.end("abbr"))
            if loose:
                entry.first_loose_use = entry.first_loose_use or where
            elif entry.first_use is None:
                entry.first_use = where
    for abbr, entry in found.items():
        finding = _finding(analysis, abbr, entry, known)
        if finding is not None:
            yield finding


def _finding(analysis: Analysis, abbr: str, entry: _Abbreviation, known: _Known) -> Finding | None:
    rule = UNDEFINED_ABBREVIATION
    if entry.definition is not None:
        # the first use anywhere, a title or heading included: readers meet it there first
        uses = [use for use in (entry.first_use, entry.first_loose_use) if use is not None]
        use = min(uses) if uses else None
        if use is None or use[:2] >= entry.definition[:2]:
            return None
        line = analysis.document.locate(*entry.definition).line
        spelled = f"{entry.long_form} ({abbr})" if entry.long_form else f"the full term ({abbr})"
        return analysis.finding(
            rule,
            severity=Severity.WARNING,
            message=(
                f"'{_written(analysis, use)}' is used before it is spelled out (on line "
                f"{line}): readers meet it unexplained. Spell it out here, at its first use: "
                f"'{spelled}'."
            ),
            block=use[0],
            start=use[1],
            end=_with_plural(analysis, use),
            suggestions=(spelled,),
        )
    if abbr in known.common or abbr.rstrip("s") in known.common:
        return None
    uses = [use for use in (entry.first_use, entry.first_loose_use) if use is not None]
    if not uses:
        return None
    use = min(uses)  # never defined: where readers first meet it, title and headings included
    return analysis.finding(
        rule,
        severity=Severity.INFO,
        message=(
            f"'{_written(analysis, use)}' is never spelled out, and general readers may not "
            f"know it: write the full term followed by '({abbr})' at its first use."
        ),
        block=use[0],
        start=use[1],
        end=_with_plural(analysis, use),
    )


def _with_plural(analysis: Analysis, use: tuple[int, int, int]) -> int:
    """End of the abbreviation as written, with a plural "s" ("NSAIDs")."""
    text = analysis.document.blocks[use[0]].text
    return use[2] + 1 if text[use[2] : use[2] + 1] == "s" else use[2]


def _written(analysis: Analysis, use: tuple[int, int, int]) -> str:
    return analysis.document.blocks[use[0]].text[use[1] : _with_plural(analysis, use)]
