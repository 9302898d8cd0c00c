"""Statistics: the figures a health article asserts, with value, unit, qualifier and population.

What counts as a statistic here is a figure a reader could check against a source: a percentage
("36.8%", "between 2% and 3%"), a count of people or things ("more than 12 million Americans",
"over 80 different types"), a rate or fraction ("1 in 50", "one-third of adults"), a multiplier
("10 times more likely", "twice as likely", "three-fold") or an effect measure ("an odds ratio of
11.2"). Numbers written as words count too.

Decisions, so checks can rely on them:

* not statistics: years and dates ("in 2019", "November 29 2010"), ages and age ranges ("ranging
  in age from 25 to 60", "adults aged 40-65", "a 12-year-old"), durations ("for eight weeks",
  "a 12-month trial"), list numbering ("1. Rest"), reference markers ("[3]"), labels ("Figure 2",
  "type 2 diabetes", "stage 3", "vitamin B12") and names with digits ("COVID-19", "H1N1");
* doses ("500 mg", "2,000 IU", "two tablets") are kept as ``unit: "dose"`` (with ``dose_unit``):
  they are checkable claims, but not prevalence figures, and prevalence checks skip them;
* the confidence interval of an effect measure belongs to it (``ci``), not a separate percentage.

Each statistic carries ``percent`` when it converts to one (a percentage, "1 in 50" = 2.0, "half
of" = 50.0), so a fact check can compare "1 in 4" with "25%". Matching is by regular expressions
over each sentence plus a look at the neighbouring tokens, linear in the text.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factlint.claims.lexicon import ClaimLexicon, Tok, TokenList

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip
_FOLD_WORDS = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
    "eightfold": 8, "ninefold": 9, "tenfold": 10, "twice": 2, "thrice": 3, "double": 2,
    "triple": 3, "quadruple": 4,
}  # fmt: skip

_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen"
    r"|dozen|a hundred|a thousand|hundred)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE = r"(?:[ -](?:hundred|thousand|million|billion|trillion))*"
_WORD_START = "(?=[" + "".join(sorted({w[0] for w in re.findall("[a-z]+", _WORD_NUMBER)})) + "])"
"""A lookahead for the first letters of the number words: it changes no match, but ``re`` tries
the words one by one when case is ignored, so it rejects most other words in one test."""
NUMBER = rf"(?:(?<![\w.,/-])(?:{_DIGITS})(?![\w/]|\.\d)|\b{_WORD_START}{_WORD_NUMBER}\b){_SCALE}"
"""A number in digits or words, with optional scale words: "12", "1,200", "36.8", "twelve
million". Digits glued to letters or hyphens ("COVID-19", "B12", "H1N1") do not match."""
_SECOND = rf"(?:(?:{_DIGITS})(?![\w/]|\.\d)|\b{_WORD_START}{_WORD_NUMBER}\b){_SCALE}"
"""The second number of a range ("5-10%"): like ``NUMBER`` but it may follow a hyphen."""

_PCT = r"(?:\s?%|\s?percent\b|\s?per\s?cent\b)"
_FRACTION_WORD = "|".join(sorted(_FRACTIONS, key=len, reverse=True))
_CHANGE_WORDS = {"doubled": 2, "tripled": 3, "quadrupled": 4, "halved": 0.5}
"""Verbs of a change by a factor: "cases have tripled" (a fold), "halved" (a fraction)."""


def _word_trie(words: set[str]) -> str:
    """A regex matching exactly ``words``, factored by letters ("t(?:hrice|wice)"): ``re``
    tries the branches of an alternation one by one, so shared beginnings are tested once.
    An optional ending is tried first, so "doubled" is not cut to "double"."""
    branches: dict[str, set[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], set()).add(word[1:])
    parts = [re.escape(first) + _word_trie(rest) for first, rest in sorted(branches.items())]
    if not parts:
        return ""
    if "" in words:
        return "(?:" + "|".join(parts) + ")?"
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


_FOLD_WORD = _word_trie({*_FOLD_WORDS, *_CHANGE_WORDS})

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "effect",
            # (?=[ahior]): the first letters of the measures, as for _WORD_START
            r"\b(?=[ahior])(?P<measure>(?:adjusted\s+)?(?:odds|hazard|risk|rate|incidence rate)"
            r"\s+ratios?"
            # the abbreviations only in capitals: "the 2010 or 2016 criteria" is no odds ratio
            r"|relative\s+risk|(?-i:a?OR|a?HR|RR|IRR))\b\s*(?:\(\s*[A-Z]{2,3}\s*\)\s*)?"
            rf"(?:of|was|were|is|=|:|,)?\s*(?:about\s+|approximately\s+)?(?P<a>{_DIGITS})"
            r"(?P<ci>\s*[(\[,;]?\s*95\s*%\s*(?:CI|confidence\s+interval)\s*[:=,]?\s*"
            rf"(?P<lo>{_DIGITS})\s*(?:-|–|—|to|,)\s*(?P<hi>{_DIGITS})\s*[)\]]?)?",
        ),
        (
            "percent_range",
            rf"(?:\bbetween\s+)?(?P<a>{NUMBER}){_PCT}?\s*(?:-|–|—|\bto\b|\band\b)\s*"
            rf"(?P<b>{_SECOND}){_PCT}",
        ),
        ("percent", rf"(?P<a>{NUMBER}){_PCT}"),
        (
            "ratio",
            rf"(?P<a>{NUMBER})\s+(?:in|out\s+of|of\s+every)\s+(?:every\s+)?(?P<b>{NUMBER})\b",
        ),
        (
            "fold",
            rf"(?:(?P<a>{NUMBER})[\s-]?(?:times|-?fold|x)\b|\b(?P<w>{_FOLD_WORD})\b)"
            r"(?=\s+(?:as|more|less|higher|lower|greater|fewer|the|that|their|its|a|an|likely"
            # "(?<=[lv]ed)": a change verb ("tripled", "halved") needs no comparison after it
            r"|risk|increase|increased|decrease|reduction|higher|odds)\b|\s*[,.;]|(?<=[lv]ed))",
        ),
        (
            "fraction",
            rf"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|a|an|1|2|3|4|5)[\s-]"
            rf"(?P<f>{_FRACTION_WORD})\b|\b(?P<h>half)\b",
        ),
        (
            "count",
            rf"(?P<a>{NUMBER})",
        ),
    )
)
_ASCII_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern.pattern) for name, pattern in _PATTERNS if name != "effect"
}
"""The patterns for lowercased ASCII text, as ``_ASCII_SCREENS``: their letters are all in
lowercase, so they match there exactly where they match the text ignoring case, a third
faster, with the matched words in lowercase, which ``_build`` reads only ignoring case. Not
"effect": its abbreviations count only in capitals."""


def _prefix_trie(words: set[str]) -> str:
    """A regex matching where one of ``words`` starts, factored by letters ("t(?:en|wo)").

    ``re`` tries the branches of an alternation one by one; sharing their first letters makes
    a non-matching position cost a test or two. Words with another word as a prefix are left
    out: where they start, that word does too.
    """
    alternatives = _prefix_branches(words)
    if not alternatives:
        return ""
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _prefix_branches(words: set[str]) -> list[str]:
    """The alternatives of ``_prefix_trie(words)``, one per first letter. Joined at the top of
    a pattern with other alternatives that start with a letter, they let ``re`` skip to the
    next position holding one of those letters without trying the pattern at the others."""
    kept = sorted(w for w in words if not any(w != v and w.startswith(v) for v in words))
    if kept == [""]:
        return []
    branches: dict[str, set[str]] = {}
    for word in kept:
        branches.setdefault(word[0], set()).add(word[1:])
    return [re.escape(first) + _prefix_trie(rest) for first, rest in branches.items()]


_FIGURE_WORDS = _prefix_trie(
    {*_UNITS, *_TENS, *_FRACTIONS, *_FOLD_WORDS, *_CHANGE_WORDS, "dozen", "hundred", "thousand"}
)
"""The number, fraction and fold words a statistic may be written with (as word beginnings)."""
_NUMBER_START = r"\.?\d|" + _prefix_trie(
    {*_UNITS, *_TENS, "a dozen", "dozen", "a hundred", "a thousand", "hundred"}
)
"""Where a ``NUMBER`` may start: a digit, or one of the words of ``_WORD_NUMBER``."""
_SCREEN_SOURCES: dict[str, str] = {
    # every statistic: a digit, or a number, fraction or fold word at the start of a word
    "figure": r"\d|(?<!\w)" + _FIGURE_WORDS,
    "effect": r"\d",
    # the end of the pattern as it is, from the dash or word between the numbers ("\bto" as
    # "t(?<!\wt)o": every branch starts with a character, see _prefix_branches)
    "percent_range": rf"(?:-|–|—|t(?<!\wt)o\b|a(?<!\wa)nd\b)\s*(?:{_SECOND}){_PCT}",
    "percent": r"%|per\s?cent",
    # the word between the numbers, and where the second number starts
    "ratio": rf"\s(?:in|out\s+of|of\s+every)\s+(?:every\s+)?(?:{_NUMBER_START})",
    # the fold words ending in "fold" hold "fold\b"
    "fold": "|".join(
        [
            r"fold\b",
            r"times\b",
            r"x\b",
            *_prefix_branches(
                {w for w in {*_FOLD_WORDS, *_CHANGE_WORDS} if not w.endswith("fold")}
            ),
        ]
    ),
    "fraction": _prefix_trie(set(_FRACTIONS)),
}
"""Screens: text a sentence (``figure``) or a pattern cannot match without, in lowercase.

Most sentences hold no figure, and most figures no percent sign or fold word; one search for
the screen fails several times faster than the full pattern, so it runs first."""
_SCREENS = {name: re.compile(source, re.IGNORECASE) for name, source in _SCREEN_SOURCES.items()}
_ASCII_SCREENS = {name: re.compile(source) for name, source in _SCREEN_SOURCES.items()}
"""The screens for lowercased ASCII text. On ASCII, case-insensitive matching of a lowercase
pattern is exactly case-sensitive matching of the lowercased text, and much faster in ``re``."""
_ANY_FIGURE = re.compile(r"\d|" + _FIGURE_WORDS, re.IGNORECASE)
_ASCII_FIGURE_WORD = re.compile(_FIGURE_WORDS)
"""The word half of ``_ANY_FIGURE`` for lowercased ASCII text: alone, it is a pattern whose
first letters ``re`` looks for before trying it (``may_hold_figures`` looks for digits with
``in``)."""


_EFFECT_WORDS = re.compile(r"ratio|relative", re.IGNORECASE)


def _may_hold_effect(chunk: str, screened: str) -> bool:
    """Whether the "effect" pattern may match ``chunk`` (``screened`` as ``find_statistics``
    made it): a measure holds "ratio" or "relative" in any case, or "OR", "HR" or "RR" in
    capitals. Few sentences do, and ``in`` tells faster than ``re`` fails the pattern."""
    if "OR" in chunk or "HR" in chunk or "RR" in chunk:
        return True
    if screened is chunk:  # not lowercased (see _ASCII_SCREENS): case-insensitive search
        return _EFFECT_WORDS.search(chunk) is not None
    return "ratio" in screened or "relative" in screened


def may_hold_figures(text: str) -> bool:
    """Whether any sentence of a block (``text``) could hold a statistic: a digit, or a number
    word even inside another word ("often"). ``False`` for about half the blocks of an
    article, which then need no sentence screened; ``find_statistics`` screens each one."""
    if text.isascii():
        # on ASCII text ``\d`` is these ten characters, and ``in`` finds one faster than ``re``
        for digit in "0123456789":
            if digit in text:
                return True
        return _ASCII_FIGURE_WORD.search(text.lower()) is not None
    return _ANY_FIGURE.search(text) is not None


_TWO_FIGURES = frozenset({"percent_range", "ratio"})
"""Patterns made of two numbers ("5-10%", "1 in 50"): they need two ``figure`` screen hits."""
_PERCENTAGES = frozenset({"percent_range", "percent"})
"""Patterns (and screens) that end with ``_PCT``, so match nothing without a "%" or "cent":
in lowercased ASCII text two substring tests, faster than their screens, say so for most
sentences. (Not used on other text, where case-insensitive ``re`` has its own equivalences.)"""
_NUMBER_FIRST = frozenset({"percent", "ratio", "fold", "count"})
"""Patterns whose matches start with a number or fold word: at a ``figure`` screen hit, or one
or two characters before it (".5", "a dozen"), so they are searched from the first hit on."""

_LABELS = frozenset(
    {
        "figure", "fig", "figs", "table", "tables", "type", "types", "stage", "stages", "phase",
        "grade", "step", "steps", "level", "chapter", "section", "page", "pages", "version",
        "vitamin", "chromosome", "no", "number", "#", "part", "appendix", "item", "box",
        "class", "day", "week", "month", "year", "grades", "session", "visit", "cohort",
        "group", "arm", "wave", "round", "trial", "study", "question", "equation", "eq", "ref",
        "reference", "references", "covid", "sars", "il", "cd", "hla", "apoe", "brca",
        "model", "series", "generation", "tier", "category", "lot", "room", "ward",
        "line", "lines", "p", "n", "vol", "volume", "issue", "pmid", "pmc", "pmcid", "doi",
    }
)  # fmt: skip
"""Words after which a number is a label or a name, not a figure ("Figure 2", "type 2")."""
_AGE_BEFORE = frozenset({"age", "aged", "ages", "ageing", "aging", "old", "older", "younger"})
_AGE_AFTER = re.compile(r"^\s*(?:-|\s)?(?:years?|yrs?|months?)[\s-]*old\b|^-year-old|^\s*yo\b")
_TIME_UNITS = frozenset(
    {
        "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
        "day", "days", "night", "nights", "week", "weeks", "wk", "wks", "month", "months",
        "year", "years", "yr", "yrs", "decade", "decades", "century", "centuries", "am", "pm",
        "a.m.", "p.m.", "o'clock", "times", "time",
    }
)  # fmt: skip
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)  # fmt: skip
_COUNT_STOP = frozenset(
    {"of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "than", "as", ",",
     ".", ";", ":", "(", ")", "is", "are", "was", "were", "be", "been", "have", "has", "had",
     "who", "which", "that", "will", "would", "can", "could", "may", "might", "do", "does",
     "did", "also", "per", "each", "every", "a", "an", "the"}
)  # fmt: skip
_NP_STOP = frozenset(
    {",", ".", ";", ":", "(", ")", "!", "?", "who", "which", "that", "is", "are", "was", "were",
     "be", "been", "have", "has", "had", "will", "would", "can", "could", "may", "might", "do",
     "does", "did", "also", "and", "but", "or", "than", "because", "while", "whereas", "when",
     "if", "in", "at", "by", "for", "from", "to", "during", "after", "before", "since",
     "according", "suffer", "suffers", "develop", "develops", "experience", "experiences",
     "report", "reports", "get", "gets", "live", "lives", "compared"}
)  # fmt: skip
_PLURAL = re.compile(r"^[a-z][a-z-]*[^su'’]s$")
_NOT_PLURAL = frozenset(
    {"this", "has", "was", "does", "its", "his", "hers", "ours", "yours", "theirs", "always",
     "perhaps", "across", "unless", "whereas", "besides", "towards", "afterwards", "sometimes",
     "nevertheless", "nonetheless", "means", "news", "series", "species", "diabetes", "mumps",
     "measles", "rabies", "herpes", "lupus", "sepsis", "psoriasis", "arthritis", "osteoporosis"}
)  # fmt: skip
_QUALIFIER_WORDS = frozenset(
    {"a", "about", "approximately", "around", "nearly", "some", "roughly", "over", "almost", "up",
     "to", "than", "more", "an", "estimated", "only", "just"}
)  # fmt: skip
_AS_ADJECTIVES = frozenset(
    {"likely", "high", "much", "many", "often", "common", "large", "great", "low", "frequent",
     "severe", "fast", "long", "prone"}
)  # fmt: skip
"""Words between the two "as" of "twice as likely as men": the comparison follows."""
# the patterns the figure checks below use on the text around a match, compiled once
_SPACES = re.compile(r"\s+")
_DETERMINER_NEXT = re.compile(r"\s+(?:the|their|its|a|an)\b", re.IGNORECASE)
_HALF_NEXT = re.compile(r"\s+(?:of|the|a|an|all)\b", re.IGNORECASE)
_FRACTION_NEXT = re.compile(r"\s+of\b|\s+(?:the|all)\b", re.IGNORECASE)
_LIST_MARK = re.compile(r"[.)]")
_CLOCK_AFTER = re.compile(r"\s*[:/]\d")
_CLOCK_BEFORE = re.compile(r"\d[:/]\s*$")
_WORD_AFTER = re.compile(r"[A-Za-z%µμ][\w/%.'-]*")
_WORD_BEFORE = re.compile(r"[A-Za-z][\w'-]*")
_LABEL_WORD = re.compile(r"[A-Za-z#]+\.?")
_MARKER_OPEN = re.compile(r"\[[\d,\s–-]*$")
_MARKER_CLOSE = re.compile(r"[\d,\s–-]*\]")
_LETTERS = re.compile(r"[A-Za-z]+")
_RANGE_OPEN = re.compile(r"\bfrom\s*$|\bbetween\s*$")
_CONFIDENCE = re.compile(r"\s*(?:CI|confidence\s+interval|credible)", re.IGNORECASE)

_START = operator.attrgetter("start")
_END = operator.attrgetter("end")

NP_LIMIT = 6
"""Tokens kept for a population or condition phrase: enough for "adults with type 2 diabetes"."""


@dataclass(frozen=True)
class Statistic:
    """One figure found in a sentence; offsets are prose offsets within the block."""

    start: int
    end: int
    value: float | int | list[float | int]
    unit: str
    qualifier: str | None = None
    scale: str | None = None
    percent: float | None = None
    population: str | None = None
    condition: str | None = None
    comparison: str | None = None
    ci: list[float | int] | None = None
    measure: str | None = None
    dose_unit: str | None = None


def parse_number(text: str) -> float | int | None:
    """The value of a number in digits or words ("1,200", "36.8", "twenty-five million")."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in ("a", "an"):
            current = current or 1
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            seen = True
        else:
            try:
                current += float(word)
                seen = True
            except ValueError:
                return None
    value = total + current
    if not seen or not math.isfinite(value):  # a figure of 400 digits is no figure
        return None
    return int(value) if value == int(value) and "." not in text else round(value, 6)


def _scale_of(text: str) -> str | None:
    found = [word for word in text.lower().replace("-", " ").split() if word in _SCALES]
    return found[-1] if found else None


def find_statistics(
    text: str,
    sentence: tuple[int, int],
    toks: Sequence[Tok],
    lexicon: ClaimLexicon,
    *,
    block_start: bool = False,
) -> list[Statistic]:
    """The statistics of one sentence ``text[sentence[0]:sentence[1]]``.

    ``toks`` are the sentence's matcher tokens (offsets in ``text``); ``block_start`` says the
    sentence opens its block (where "1." or "2)" is list numbering).
    """
    start, end = sentence
    chunk = text[start:end]
    if chunk.isascii():  # see _ASCII_SCREENS
        screened, screens, patterns = chunk.lower(), _ASCII_SCREENS, _ASCII_PATTERNS
    else:
        screened, screens, patterns = chunk, _SCREENS, {}
    figure = screens["figure"].search(screened)
    if figure is None:
        return []
    # no "%" nor "cent" in lowercased ASCII: no percentage (see _PERCENTAGES)
    no_percent = patterns is _ASCII_PATTERNS and "%" not in screened and "cent" not in screened
    # the two numbers of a range or ratio hold a hit each, after the first hit at the latest
    several = screens["figure"].search(screened, figure.end()) is not None
    taken = bytearray(len(chunk))  # characters already claimed by an earlier, richer pattern
    found: list[Statistic] = []
    # a first hit that is a digit already passes the digit screen of "effect"
    last_screen, last_hit = None, False
    if screened[figure.start()].isdigit():
        last_screen, last_hit = screens["effect"], True
    for name, pattern in _PATTERNS:
        if (name in _TWO_FIGURES and not several) or (no_percent and name in _PERCENTAGES):
            continue
        screen = screens.get(name)
        if screen is not None:
            if screen is not last_screen:
                last_screen, last_hit = screen, screen.search(screened) is not None
            if not last_hit:
                continue
        if name == "effect" and not _may_hold_effect(chunk, screened):
            continue
        first = max(0, figure.start() - 2) if name in _NUMBER_FIRST else 0
        fast = patterns.get(name)
        matches = fast.finditer(screened, first) if fast else pattern.finditer(chunk, first)
        for match in matches:
            if any(taken[match.start() : match.end()]):
                continue
            s, e = match.start() + start, match.end() + start
            stat = _build(name, match, s, e, text, start, block_start, lexicon)
            if stat is None:
                continue
            low, high = max(0, stat.start - start), min(len(chunk), stat.end - start)
            taken[low:high] = b"\x01" * max(0, high - low)
            found.append(stat)
    if not found:
        return found
    found.sort(key=lambda st: st.start)
    return [_describe(stat, text, toks, lexicon) for stat in found]


def _build(
    name: str,
    match: re.Match[str],
    s: int,
    e: int,
    text: str,
    sentence_start: int,
    block_start: bool,
    lexicon: ClaimLexicon,
) -> Statistic | None:
    before = text[max(0, s - 40) : s]
    after = text[e : e + 40]
    next_words: list[str] = []
    if name == "count":
        # a bare number, the most frequent match: the words after it decide most of them
        next_words = [w.rstrip(".") for w in _WORD_AFTER.findall(after)[:3]]
        if not _may_count(match.group("a"), next_words, lexicon):
            return None
    if _is_label(before) or _is_reference_marker(text, s, e):
        return None
    if name == "effect":
        value = parse_number(match.group("a"))
        if value is None:
            return None
        ci = None
        if match.group("ci"):
            lo, hi = parse_number(match.group("lo")), parse_number(match.group("hi"))
            if lo is not None and hi is not None:
                ci = [lo, hi]
        measure = _SPACES.sub(" ", match.group("measure").lower())
        unit = _effect_unit(measure)
        return Statistic(s, e, value, unit, ci=ci, measure=measure)
    if name == "percent_range":
        a, b = parse_number(match.group("a")), parse_number(match.group("b"))
        if a is None or b is None or a > b or _is_age(before, after, text[s:e]):
            return None
        measure = _change(text, s, sentence_start, after)
        return Statistic(s, e, [a, b], "percent", percent=None, measure=measure)
    if name == "percent":
        a = parse_number(match.group("a"))
        if a is None or _ends_confidence_level(after):
            return None
        measure = _change(text, s, sentence_start, after)
        return Statistic(s, e, a, "percent", scale=None, percent=float(a), measure=measure)
    if name == "ratio":
        a, b = parse_number(match.group("a")), parse_number(match.group("b"))
        if a is None or not b or a >= b or _looks_like_year(match.group("b")):
            return None
        return Statistic(s, e, [a, b], "ratio", percent=round(100.0 * a / b, 4))
    if name == "fold":
        word = match.group("w")
        if word and word.lower() in _CHANGE_WORDS:
            return _changed_by(word.lower(), s, e, text, sentence_start, after)
        value = _FOLD_WORDS[word.lower()] if word else parse_number(match.group("a") or "")
        if value is None:
            return None
        if (
            word
            and word.lower() in ("double", "triple", "quadruple")
            and not _DETERMINER_NEXT.match(after)
        ):
            return None
        return Statistic(s, e, value, "fold")
    if name == "fraction":
        if match.group("h"):
            if _HALF_NEXT.match(after):
                return Statistic(s, e, 0.5, "fraction", percent=50.0)
            if _cut_in_half(text, s, sentence_start) or _change(text, s, sentence_start, after):
                return Statistic(s, e, 0.5, "fraction", percent=50.0, measure=CHANGE)
            return None
        numerator_word = match.group("n").lower()
        if not _FRACTION_NEXT.match(after):
            return None
        numerator = 1 if numerator_word in ("a", "an") else parse_number(numerator_word)
        denominator = _FRACTIONS[match.group("f").lower()]
        if numerator is None or numerator >= denominator:
            return None
        value = round(numerator / denominator, 6)
        return Statistic(s, e, value, "fraction", percent=round(100.0 * value, 4))
    # a bare number: a count only when it counts something
    return _count(
        match, s, e, text, before, after, next_words, sentence_start, block_start, lexicon
    )


CHANGE = "change"
"""The ``measure`` of a figure that says how much something changed ("lowers it by 10
points", "30% less pain", "cut in half", "have tripled"): an effect size, not a prevalence."""
_CHANGE_VERBS = (
    r"(?:lower|reduc|cut|drop|fall|fell|ris|rose|rais|increas|decreas|improv|boost|shrink|shrank"
    r"|grow|grew|climb|declin|slash|extend|shorten|worsen|speed|slow|halv)[a-z]*"
)
_BY_BEFORE = re.compile(
    rf"\b{_CHANGE_VERBS}\b[^.;:!?]{{0,50}}?\bby\s+(?:(?:about|around|roughly|approximately"
    r"|nearly|almost|up\s+to|as\s+much\s+as|more\s+than|over|at\s+least|some|an\s+estimated"
    r"|only|just|a\s+further|another|a\s+whole)\s+)?$",
    re.IGNORECASE,
)
"""A change verb, then "by" right before the figure: "lowers blood pressure by 10 points"."""
_COMPARATIVE_AFTER = re.compile(
    r"\s*(?:less|more|lower|higher|fewer|greater|smaller|bigger|larger|shorter|longer|faster"
    r"|slower|better|worse|reduction|increase|decrease|drop|rise|decline|improvement)\b",
    re.IGNORECASE,
)
"""A comparative right after a percentage: "50% less pain", "a 30% lower risk"."""
_UNIT_COMPARATIVE_AFTER = re.compile(
    r"\s*[a-z]+\s+(?:less|more|lower|higher|fewer|shorter|longer|faster|slower)\b",
    re.IGNORECASE,
)
"""A unit and a comparative after a number: "two hours less", "seven years longer"."""
_CUT_IN_HALF = re.compile(
    r"\b(?P<verb>cut|cuts|slash|slashes|slashed|reduced?|reduces|lowered|lowers|lower)\b"
    r"(?P<object>[^.;:!?,]{1,50}?)\s+in\s+$",
    re.IGNORECASE,
)
_DOSE_WORDS = frozenset(
    {"dose", "doses", "dosage", "dosages", "tablet", "tablets", "pill", "pills", "capsule",
     "capsules", "amount", "intake", "portion", "portions", "serving", "servings"}
)  # fmt: skip
"""What an instruction halves or doubles ("cut the tablet in half", "the dose was doubled"):
advice, not a result."""


def _change(text: str, s: int, sentence_start: int, after: str) -> str | None:
    """``CHANGE`` when the figure at ``s`` says by how much something changed."""
    if after and _COMPARATIVE_AFTER.match(after):
        return CHANGE
    if "by" not in text[max(sentence_start, s - 28) : s]:
        return None  # the usual case, decided without the regex: no "by" before the figure
    return CHANGE if _BY_BEFORE.search(text[max(sentence_start, s - 70) : s]) else None


def _cut_in_half(text: str, s: int, sentence_start: int) -> bool:
    """Whether "half" ends a result ("erenumab cut migraine days in half"), not an instruction:
    there the verb opens its sentence ("Cut the tablet in half"), is a gerund ("Cutting your
    intake in half") or halves a dose."""
    before = text[max(sentence_start, s - 70) : s]
    found = _CUT_IN_HALF.search(before)
    if found is None or not before[: found.start()].strip(" \t\n\"'“(*-"):
        return False
    words = set(found.group("object").lower().split())
    return words.isdisjoint(_DOSE_WORDS)


def _changed_by(
    word: str, s: int, e: int, text: str, sentence_start: int, after: str
) -> Statistic | None:
    """A change by a factor: "cases have tripled" (a fold), "halved" (a fraction), unless a
    dose is doubled."""
    before = text[max(sentence_start, s - 40) : s].lower()
    if not _DOSE_WORDS.isdisjoint(re.findall(r"[a-z]+", before)[-4:]):
        return None  # "the dose was doubled"
    if not _DOSE_WORDS.isdisjoint(re.findall(r"[a-z]+", after.lower())[:3]):
        return None  # "doubled the dose"
    value = _CHANGE_WORDS[word]
    if value < 1:
        return Statistic(s, e, value, "fraction", percent=100.0 * value, measure=CHANGE)
    return Statistic(s, e, value, "fold", measure=CHANGE)


def _effect_unit(measure: str) -> str:
    if "odds" in measure or measure.endswith("or"):
        return "odds_ratio"
    if "hazard" in measure or measure.endswith("hr"):
        return "hazard_ratio"
    if "incidence" in measure or measure == "irr" or "rate ratio" in measure:
        return "rate_ratio"
    return "relative_risk"


def _may_count(raw: str, next_words: Sequence[str], lexicon: ClaimLexicon) -> bool:
    """Whether ``_count`` may make a statistic of the number ``raw`` followed by ``next_words``
    (its first three words, as ``_count`` reads them). Its every statistic needs one of: a time
    unit first ("two hours less"), a dose unit first ("500 mg"), or, for a number that is no
    year, a scale word ("12 million") or a counted noun (``_counted_noun``) after it; every
    other way through it (and the label and marker tests of ``_build``, which only reject)
    returns ``None``. Most bare numbers (the years of references, "one
    way to") have none, and a few set tests say so before the label, marker, clock and age
    tests run."""
    first = next_words[0].lower().rstrip(".") if next_words else ""
    dose_units = lexicon.dose_units
    if first in _TIME_UNITS or first in dose_units or (next_words and next_words[0] in dose_units):
        return True
    if _looks_like_year(raw):
        return False
    if _scale_of(raw) is not None:
        return True
    return bool(next_words) and first not in _COUNT_STOP and _counted_noun(next_words) is not None


def _count(
    match: re.Match[str],
    s: int,
    e: int,
    text: str,
    before: str,
    after: str,
    next_words: Sequence[str],
    sentence_start: int,
    block_start: bool,
    lexicon: ClaimLexicon,
) -> Statistic | None:
    """A bare number as a count, a dose or a change; ``None`` when it counts nothing.
    ``next_words`` are the first three words of ``after`` (``_may_count``)."""
    raw = match.group("a")
    value = parse_number(raw)
    if value is None:
        return None
    if block_start and s == sentence_start and _LIST_MARK.match(after):
        return None  # list numbering: "1. Rest", "2) Ice"
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before):
        return None  # times and fractions in digits: "10:30", "24/7"
    if _is_age(before, after, raw):
        return None
    first = next_words[0].lower().rstrip(".") if next_words else ""
    previous = _WORD_BEFORE.findall(before)[-1:]
    if previous and previous[0].lower() in _MONTHS:
        return None  # a date: "November 29"
    if (
        first in _TIME_UNITS
        and first not in ("times", "time")
        and "-" not in raw
        and (_UNIT_COMPARATIVE_AFTER.match(after) or _change(text, s, sentence_start, ""))
    ):
        return Statistic(s, e, value, "count", measure=CHANGE)  # "two hours less"
    if first in _MONTHS or first in _TIME_UNITS or first.endswith("-year") or "-" in raw:
        return None
    if first in lexicon.dose_units or (next_words and next_words[0] in lexicon.dose_units):
        unit_match = re.match(r"\s*" + re.escape(next_words[0]), after)
        end = e + unit_match.end() if unit_match else e
        return Statistic(s, end, value, "dose", dose_unit=next_words[0])
    if _looks_like_year(raw):
        return None
    scale = _scale_of(raw)
    is_word = not any(ch.isdigit() for ch in raw)
    if is_word and value < 2 and not scale:
        return None  # "one of the most common", "one autoimmune disorder"
    if not next_words or first in _COUNT_STOP:
        # "12 million" alone still counts when a scale word says it is a quantity
        if scale and scale != "hundred":
            return Statistic(s, e, value, "count", scale=scale)
        return None
    noun = _counted_noun(next_words)
    if noun is None:
        return None
    unit = "people" if noun.lower() in lexicon.population_words else "count"
    measure = CHANGE if unit == "count" and _change(text, s, sentence_start, "") else None
    return Statistic(s, e, value, unit, scale=scale, measure=measure)


def _counted_noun(words: Sequence[str]) -> str | None:
    """The noun a number counts: the first plural-looking word within three ("80 different
    types", "12 million Americans"), or ``None`` when the number counts nothing."""
    for word in words:
        low = word.lower()
        if low in _COUNT_STOP:
            return None
        capitalised_plural = word[:1].isupper() and low.endswith("s") and len(low) > 3
        if low not in _NOT_PLURAL and (_PLURAL.match(low) or capitalised_plural):
            return word
        if low in ("people", "children", "men", "women", "adults", "staff", "personnel"):
            return word
    return None


def _is_label(before: str) -> bool:
    if not before.rstrip()[-1:].isalpha():
        return False  # the cheap half first: "(12", "12-15", "$5" follow no word
    words = _LABEL_WORD.findall(before[-20:])
    return bool(words) and words[-1].lower().rstrip(".") in _LABELS


def _is_reference_marker(text: str, s: int, e: int) -> bool:
    """Whether a number sits in a reference marker: "[3]", "[1, 4-6]", "^2"."""
    left = text[max(0, s - 12) : s]
    right = text[e : e + 12]
    if _MARKER_OPEN.search(left) and _MARKER_CLOSE.match(right):
        return True
    return left.endswith("^")


def _is_age(before: str, after: str, raw: str) -> bool:
    words = _LETTERS.findall(before.lower())[-4:]
    if any(word in _AGE_BEFORE for word in words):
        return True
    if "age" in before.lower()[-25:] and _RANGE_OPEN.search(before.lower()):
        return True
    return bool(_AGE_AFTER.match(after))


def _looks_like_year(raw: str) -> bool:
    if not raw.isdigit() or len(raw) != 4:
        return False
    return 1700 <= int(raw) <= 2100


def _ends_confidence_level(after: str) -> bool:
    return bool(_CONFIDENCE.match(after))


# --------------------------------------------------------------------------- description


def _describe(stat: Statistic, text: str, toks: Sequence[Tok], lexicon: ClaimLexicon) -> Statistic:
    """Add qualifier, population, condition and comparison from the words around the figure."""
    if not toks:
        return stat
    # tokens are in text order, so their starts and ends are sorted: a binary search by key
    # reads a few tokens instead of listing the sentence's offsets
    first = bisect.bisect_right(toks, stat.start, key=_END)  # first token ending after the start
    last = bisect.bisect_left(toks, stat.end, key=_START)  # first token at or after the end
    qualifier = None
    span_start, span_end = stat.start, stat.end
    window = max(0, first - 4)
    qualifiers = lexicon.statistic_qualifiers
    # most sentences hold no qualifier at all: one set test on the sentence's index says so
    matches = qualifiers.find(_part(toks, window, first)) if qualifiers.may_match(toks) else []
    for match in matches:
        if match.end + window == first:
            qualifier = str(match.cue.get("value", match.cue.pattern))
            span_start = toks[window + match.start].start
    population = condition = comparison = None
    if stat.unit in ("percent", "ratio", "fraction"):
        people = lexicon.population_words
        population, after = _phrase_after_of(toks, last, people=people)
        if population is None and stat.unit == "percent":
            population, after = _phrase_after_of(toks, last, allow_gap=True, people=people)
        if population is None and stat.unit == "ratio" and last < len(toks):
            span = _noun_phrase(toks, last, people)  # "1 in 3 adults has ..."
            if span and toks[span[1] - 1].lower in people:
                population, after = _join(toks, *span), span[1]
        condition = _condition_after(toks, after, lexicon)
        if condition is None:
            condition = _subject_before_affects(toks, first)
    elif stat.unit in ("people", "count"):
        noun_end = last
        counted = _counted_noun([tok.text for tok in toks[last : last + 3]])
        while (
            noun_end < len(toks)
            and noun_end - last < 3
            and toks[noun_end].lower not in _NP_STOP
            and toks[noun_end].lower != "of"
            and not toks[noun_end].is_num
        ):
            noun_end += 1
            if toks[noun_end - 1].text == counted:
                break
        if stat.unit == "people" and noun_end > last:
            population = _cut(text, toks, last, noun_end)
        if noun_end > last:
            span_end = max(span_end, toks[noun_end - 1].end)
        condition = _condition_after(toks, noun_end, lexicon)
        if condition is None and stat.unit == "people":
            condition = _subject_before_affects(toks, first)  # "X affects 3 million people"
        if condition is None and stat.unit == "count":
            condition, _ = _phrase_after_of(toks, noun_end)  # "80 types of autoimmune disease"
    elif stat.unit == "fold":
        population, condition, comparison = _comparison(toks, first, last, text)
    return Statistic(
        start=span_start,
        end=span_end,
        value=stat.value,
        unit=stat.unit,
        qualifier=qualifier,
        scale=stat.scale,
        percent=stat.percent,
        population=population,
        condition=condition,
        comparison=comparison,
        ci=stat.ci,
        measure=stat.measure,
        dose_unit=stat.dose_unit,
    )


def _part(toks: Sequence[Tok], start: int, end: int) -> Sequence[Tok]:
    """``toks[start:end]`` for a lexicon search: a part of a ``TokenList`` (the sentence tokens
    ``find_statistics`` is given) shares the list's index of lexicon keys, where a plain slice
    would be indexed afresh, token by token."""
    if isinstance(toks, TokenList):
        return toks.part(start, end)
    return toks[start:end]


def _cut(text: str, toks: Sequence[Tok], start: int, end: int) -> str:
    return text[toks[start].start : toks[end - 1].end]


def _noun_phrase(
    toks: Sequence[Tok], start: int, people: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """A noun phrase from ``start``: up to a stop word, an adverb, or the word after a
    population noun ("older adults | fall each year"), with one "with" phrase allowed."""
    end = start
    while end < len(toks) and end - start < NP_LIMIT and toks[end].lower not in _NP_STOP:
        if end > start and _is_adverb_like(toks[end]):
            break
        end += 1
        if toks[end - 1].lower in people and (end >= len(toks) or toks[end].lower != "with"):
            break
    # "patients with fibromyalgia": let one "with" phrase through
    if end < len(toks) and toks[end].lower == "with" and end > start:
        stop = end + 1
        while stop < len(toks) and stop - end <= 3 and toks[stop].lower not in _NP_STOP:
            stop += 1
        if stop > end + 1:
            end = stop
    return (start, end) if end > start else None


def _is_adverb_like(tok: Tok) -> bool:
    return len(tok.lower) > 4 and tok.lower.endswith("ly") and tok.lower.isalpha()


def _phrase_after_of(
    toks: Sequence[Tok], i: int, *, allow_gap: bool = False, people: frozenset[str] = frozenset()
) -> tuple[str | None, int]:
    """The noun phrase after "of" that follows a figure ("36.8% of RLS patients")."""
    j = i
    if allow_gap:
        while j < len(toks) and j - i < 3 and toks[j].lower != "of":
            if toks[j].lower in _NP_STOP:
                return None, i
            j += 1
    if j < len(toks) and toks[j].lower == "of":
        span = _noun_phrase(toks, j + 1, people)
        if span:
            start, end = span
            text = " ".join(tok.text for tok in toks[start:end])
            return _join(toks, start, end) or text, end
    return None, i


def _join(toks: Sequence[Tok], start: int, end: int) -> str:
    out = toks[start].text
    for k in range(start + 1, end):
        gap = toks[k].start - toks[k - 1].end
        out += (" " if gap > 0 else "") + toks[k].text
    return out


def _condition_after(toks: Sequence[Tok], i: int, lexicon: ClaimLexicon) -> str | None:
    """What the counted people have: "... Americans have fibromyalgia" -> "fibromyalgia"."""
    if not lexicon.condition_verbs.may_match(toks):
        return None  # no condition verb anywhere in the sentence: the usual case
    j = i
    while j < len(toks) and j - i < 2 and (_is_adverb_like(toks[j]) or toks[j].lower == "also"):
        j += 1
    for match in lexicon.condition_verbs.find(_part(toks, j, j + 4)):
        if match.start != 0:
            continue
        k = j + match.end
        for skip in lexicon.statistic_qualifiers.find(_part(toks, k, k + 3)):
            if skip.start == 0:
                k += skip.end  # "had at least one disorder"
                break
        span = _noun_phrase(toks, k)
        if span:
            return _join(toks, *span)
    return None


def _subject_before_affects(toks: Sequence[Tok], first: int) -> str | None:
    """The subject of "X affects 10% of ...": the words before "affect" in the clause."""
    k = first - 1
    while k >= 0 and toks[k].lower in _QUALIFIER_WORDS:
        k -= 1
    if k < 0 or toks[k].lemma not in {"affect", "strike", "hit"}:
        return None
    end = k
    while end > 0 and toks[end - 1].lower in {"can", "may", "also", "still", "now"}:
        end -= 1
    start = end
    while start > 0 and end - start < NP_LIMIT and toks[start - 1].lower not in _NP_STOP:
        start -= 1
    return _join(toks, start, end) if end > start else None


def _comparison(
    toks: Sequence[Tok], first: int, last: int, text: str
) -> tuple[str | None, str | None, str | None]:
    """Population, condition and comparison group of "women are 10 times more likely to get
    X than men"."""
    population = condition = comparison = None
    k = first - 1
    while k >= 0 and toks[k].lemma in {"be", "about", "approximately", "nearly", "almost", "up"}:
        k -= 1
    end = k + 1
    start = end
    while start > 0 and end - start < 4 and toks[start - 1].lower not in _NP_STOP:
        start -= 1
    if end > start:
        population = _join(toks, start, end)
    j = last
    while j < len(toks) and j - last < 4 and toks[j].lower != "to" and toks[j].lower != "than":
        j += 1
    if j < len(toks) and toks[j].lower == "to" and j + 1 < len(toks):
        verb = j + 1
        span = _noun_phrase(toks, verb + 1)
        if span:
            condition = _join(toks, *span)
    if last < len(toks) and toks[last].lower == "the" and toks[first].lower != "double":
        span = _noun_phrase(toks, last)  # "four times the dose on the label", "twice the risk"
        if span:
            return population, condition, _join(toks, *span)
    for m in range(last, min(len(toks), last + 16)):
        second_as = toks[m].lower == "as" and toks[m - 1].lower in _AS_ADJECTIVES
        if (toks[m].lower == "than" or second_as) and m + 1 < len(toks):
            span = _noun_phrase(toks, m + 1)
            if span:
                comparison = _join(toks, *span)
            break
    return population, condition, comparison


def statistic_attributes(stat: Statistic) -> dict[str, object]:
    """The claim attributes of a statistic (keys of ``ATTRIBUTE_KEYS['statistic']`` and
    the optional ``percent``, ``comparison``, ``ci``, ``measure``, ``dose_unit``)."""
    out: dict[str, object] = {
        "value": stat.value,
        "unit": stat.unit,
        "qualifier": stat.qualifier,
        "scale": stat.scale,
        "condition": stat.condition,
        "population": stat.population,
        "percent": stat.percent,
    }
    for key in ("comparison", "ci", "measure", "dose_unit"):
        value = getattr(stat, key)
        if value is not None:
            out[key] = value
    return out
