"""British and American spellings: both are correct; only mixing them is a (style) choice.

The lexicon's frequency layer leans British and its Hunspell layer is American, so most
variants are simply known. These patterns add two things:

- :func:`variant_forms` maps an unknown word onto the other variety (``oesophageal`` ->
  ``esophageal``), so an inflection one list lacks is still accepted when the other list has
  the counterpart. Patterns are anchored to suffixes or to medical roots (``haem``, ``paed``,
  ``oesoph``) so that misspellings are not excused: an unrestricted ``our -> or`` would accept
  "fourty" and an unrestricted ``ll -> l`` would accept "untill".
- :func:`classify` tells whether a known word is a distinctly British or American form, for
  the optional ``mixed-spelling`` rule. A word counts only when its counterpart is known and
  the American list lacks the British form (or the British form exists for an American one),
  so words such as "four" (not a British "for") never count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

Known = Callable[[str], bool]

# (British pattern, American replacement): regexes over a lower-case word.
_GB_TO_US: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{2})is(?=(e|es|ed|ing|er|ers|ation|ations|ational|able)$)", "iz"),
        (r"(?<=[a-z])ys(?=(e|es|ed|ing|er|ers)$)", "yz"),
        (r"(?<=[a-z]{2})our(?=(s|ed|ing|ite|ites|able|ably|ful|less|er|ers|ist|ists)?$)", "or"),
        (r"(?<=[a-z]{2})tre(?=(s)?$)", "ter"),
        (r"(?<=[a-z]{2})tred$", "tered"),
        (r"(?<=[^aeiou][aeiou])ll(?=(ed|ing|er|ers|or|ors)$)", "l"),
        (r"(?<=[a-z]{2})ogue(?=(s)?$)", "og"),
        (r"haem", "hem"),
        (r"aemi", "emi"),
        (r"paed", "ped"),
        (r"aesth", "esth"),
        (r"gynaec", "gynec"),
        (r"caesar", "cesar"),
        (r"faec", "fec"),
        (r"oesoph", "esoph"),
        (r"oedem", "edem"),
        (r"oestr", "estr"),
        (r"rrhoea", "rrhea"),
        (r"^foet", "fet"),
        (r"coeliac", "celiac"),
        (r"(?<=[a-z])noea", "nea"),
        (r"ischaem", "ischem"),
        (r"aetiolog", "etiolog"),
        (r"manoeuv", "maneuv"),
        (r"archaeo", "archeo"),
    )
)

_US_TO_GB_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{2})iz(?=(e|es|ed|ing|er|ers|ation|ations|ational|able)$)", "is"),
        (r"(?<=[a-z])yz(?=(e|es|ed|ing|er|ers)$)", "ys"),
        (r"(?<=[a-z]{2})or(?=(s|ed|ing|ite|ites|able|ably|ful|less|er|ers|ist|ists)?$)", "our"),
        (r"(?<=[a-z]{2})ter(?=(s)?$)", "tre"),
        (r"(?<=[a-z]{2})tered$", "tred"),
        (r"(?<=[^aeiou][aeiou])l(?=(ed|ing|er|ers|or|ors)$)", "ll"),
        (r"(?<=[a-z]{2})og(?=(s)?$)", "ogue"),
    )
)
"""American suffixes and their British forms: for classifying known words only. Accepting an
unknown word through them would excuse "controled" (-> "controlled") or "surprize"."""

_US_TO_GB_ROOTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<![a-z])hem(?=[aoi])", "haem"),
        (r"(?<=[a-z])emi(?=a)", "aemi"),
        (r"(?<![a-z])ped(?=ia|iat|o)", "paed"),
        (r"orthoped", "orthopaed"),
        (r"(?<![a-z])esth|(?<=an)esth", "aesth"),
        (r"gynec", "gynaec"),
        (r"cesar", "caesar"),
        (r"(?<![a-z])esoph", "oesoph"),
        (r"(?<![a-z])edem", "oedem"),
        (r"(?<![a-z])estr(?=o|a)", "oestr"),
        (r"rrhea", "rrhoea"),
        (r"^fet(?=us|al)", "foet"),
        (r"celiac", "coeliac"),
        (r"ischem", "ischaem"),
        (r"(?<![a-z])etiolog", "aetiolog"),
        (r"maneuv", "manoeuv"),
        (r"archeo", "archaeo"),
    )
)
"""American medical roots and their British forms: specific enough to accept unknown words."""

# Whole-word pairs no pattern covers (British, American).
WORD_PAIRS: tuple[tuple[str, str], ...] = (
    ("grey", "gray"),
    ("greys", "grays"),
    ("ageing", "aging"),
    ("judgement", "judgment"),
    ("judgements", "judgments"),
    ("mould", "mold"),
    ("mouldy", "moldy"),
    ("sceptical", "skeptical"),
    ("sceptic", "skeptic"),
    ("scepticism", "skepticism"),
    ("aluminium", "aluminum"),
    ("sulphur", "sulfur"),
    ("sulphate", "sulfate"),
    ("sulphates", "sulfates"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("defence", "defense"),
    ("defences", "defenses"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("pretence", "pretense"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("skilful", "skillful"),
    ("wilful", "willful"),
    ("instalment", "installment"),
    ("pyjamas", "pajamas"),
    ("moustache", "mustache"),
    ("plough", "plow"),
    ("draught", "draft"),
    ("cheque", "check"),
    ("anaesthetist", "anesthesiologist"),
    ("paracetamol", "acetaminophen"),
)
_PAIR_GB = {gb: us for gb, us in WORD_PAIRS}
_PAIR_US = {us: gb for gb, us in WORD_PAIRS if us not in ("check", "draft", "program")}

# Words that look like variants but are words of both varieties (a glucose "meter", a
# "program" on a computer, "prize" and "prise", "dialog" boxes).
NEUTRAL: frozenset[str] = frozenset(
    {
        "meter",
        "meters",
        "parameter",
        "parameters",
        "diameter",
        "diameters",
        "prize",
        "prizes",
        "prise",
        "dialog",
        "analog",
        "anatomy",
        "for",
        "four",
        "tour",
        "pour",
        "your",
        "hour",
        "sour",
        "flour",
        "floor",
        "door",
        "poor",
        "labor",
        "labour",
    }
)


_ANY_SITE = re.compile(
    "|".join(p.pattern for p, _ in (*_GB_TO_US, *_US_TO_GB_SUFFIXES, *_US_TO_GB_ROOTS))
)
"""Any place a pattern could apply: one search rules out most words before the 40 patterns."""


def _rewrite(word: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> Iterator[str]:
    for pattern, replacement in table:
        if pattern.search(word):
            rewritten = pattern.sub(replacement, word)
            if rewritten != word:
                yield rewritten


def variant_forms(word: str) -> Iterator[str]:
    """Spellings of ``word`` (lower case) in the other variety that may vouch for it.

    British patterns map onto American forms; American forms map back only through medical
    roots (``hemo`` -> ``haemo``), never through suffixes (see :data:`_US_TO_GB_SUFFIXES`).
    """
    if word in _PAIR_GB:
        yield _PAIR_GB[word]
    if word in _PAIR_US:
        yield _PAIR_US[word]
    yield from _rewrite(word, _GB_TO_US)
    yield from _rewrite(word, _US_TO_GB_ROOTS)


def classify(word: str, american: Known, known: Known) -> tuple[str, str] | None:
    """``("gb" | "us", counterpart)`` for a distinctly British or American spelling, else None.

    ``american(word)``: the American list has it; ``known(word)``: some layer has it.
    -ise/-ize words are reported as ``("ise", ...)``/``("ize", ...)``: Oxford spelling
    writes -ize in British English, so only mixing the two counts, not -ize with "colour".
    """
    if word in NEUTRAL:
        return None
    if word in _PAIR_GB:
        return "gb", _PAIR_GB[word]
    if word in _PAIR_US:
        return "us", _PAIR_US[word]
    if not _ANY_SITE.search(word):
        return None
    british = not american(word)
    table = _GB_TO_US if british else _US_TO_GB_SUFFIXES + _US_TO_GB_ROOTS
    for index, (pattern, replacement) in enumerate(table):
        if not pattern.search(word):
            continue
        other = pattern.sub(replacement, word)
        if other == word or other in NEUTRAL or not known(other):
            continue
        if british and american(other):
            return ("ise" if index == 0 else "gb"), other
        if not british and not american(other):
            return ("ize" if index == 0 else "us"), other
    return None
