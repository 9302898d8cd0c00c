"""Typos in health prose: unknown words, run-together words, real-word slips, digits stuck to
words, text that lost its capitals, and (optionally) mixed British/American spelling.

The word lists live in :mod:`factlint.spelling` (a layered lexicon from PyPI packages plus the
curated medical list ``rules/medical_words.yaml``); confusion sets are data in
``rules/confusables.yaml``. This module only walks the prose and turns answers into findings.

Proper names. An unknown word written with a capital (not all capitals) is taken as a name the
document defines, and left alone, when every use of it in the document (its possessive
included: "Koo's") is capitalised and either it appears at least twice in mid-sentence ("Dr
Breus ... Breus found"; a part of a hyphenated word is as mid-sentence as the word), or the words
around one use make it part of a name, or it is not close to a known word ("Morissette").

- Name contexts: an author citation ("Hassan et al.", "(Innes, Selfe and Agarwal, 2011)",
  "Koo (2015)", "and colleagues"), a capitalised neighbour in mid-sentence ("Serge Perrot",
  "Vaccine Safety Datalink"), or a list of three names or more ("Galosi, Truini and Di
  Stefano"). A word one typing slip away from a very common word ("Amercia", "Yrok") is still
  flagged there.
- Close means one edit away, or two edits away from a common word (a million uses in the
  frequency list) for words of eight letters or more ("Cincinatti"). So "Amercia" is flagged
  anywhere.

Lower-case unknown words are flagged, except, in a text that lost its capitals, a word in a
citation context ("a study by viola-saltzman and colleagues"). An unknown word inside a phrase
that a substitution rule of the rule pack rewrites ("Alzheimers disease") is left to that rule,
and words in DOIs ("doi:10.1016/j.smrv.2011.05.002") are not prose.

Stray capitals. A function word capitalised between two lower-case words on one line ("and
About 150 million") is flagged; the words are data (``stray_capital_words``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from factlint.analysis import Analysis
from factlint.checks.phrases import LiteralScreen, rule_matches, rule_screen
from factlint.checks.registry import RuleInfo, check
from factlint.document import Block
from factlint.facts import report_entry_errors
from factlint.findings import Finding, Severity
from factlint.rulebook import PhraseRule, Rulebook, RuleDocs
from factlint.spelling.confusables import (
    Confusable,
    compile_confusables,
    context_window,
    match_case,
)
from factlint.spelling.lexicon import load_lexicon
from factlint.spelling.suggest import Correction, typing_slip
from factlint.spelling.words import TOKEN, Speller, Verdict, fold, word_set

SPELLING = RuleInfo(
    id="spelling",
    category="typo",
    severity=Severity.WARNING,
    summary="A word no dictionary knows: probably a typo.",
    docs=RuleDocs(
        what="Flags words that none of factlint's word lists knows: a general English list "
        "with word frequencies (British and American spellings), a second, independent "
        "American dictionary (Hunspell en_US), a list of drug and brand names, the curated "
        "medical word list in rules/medical_words.yaml, and your own accepted words. "
        "Acronyms in capitals (RLS, NSAIDs), numbers, web addresses, e-mail addresses and code "
        "are skipped, and so are names the article itself uses consistently with a capital. "
        "Each finding lists likely corrections, closest and most common first.",
        why="A misspelt word in a health article looks careless and makes readers doubt the "
        "medical facts around it; a misspelt drug or condition name can also stop a reader "
        "from finding more information.",
        example="'A stufy published in 2020 found ...' is flagged with 'study' as the first "
        "suggestion. 'Limiting caffiene' gets the automatic fix 'caffeine'.",
        fix="Correct the word. `factlint check --fix` applies a correction only when it is "
        "unambiguous: one candidate a single edit away and at least ten times likelier than any "
        "other. If the word is right (a new drug, a name, a term), add it to `words: accept:` "
        "in a rule pack or `accept_words` in .factlint.yaml, or for one article to its front "
        "matter: `words: [word, ...]` (or `words: {accept: [word, ...]}`). Words listed "
        "under `words: reject:` are always flagged, even when a dictionary knows them.",
    ),
    fixable=True,
)

RUN_TOGETHER = RuleInfo(
    id="run-together",
    category="typo",
    severity=Severity.WARNING,
    summary="Two or three words written without a space or hyphen.",
    docs=RuleDocs(
        what="Flags an unknown word that splits into known words, such as 'arthritisrelated' "
        "or 'crosssectional', often left behind when text is copied from a PDF or a web page "
        "that dropped hyphens and spaces.",
        why="Readers stumble over run-together words, and search engines and screen readers "
        "do not recognise them.",
        example="'the most common arthritisrelated illness' becomes 'the most common "
        "arthritis-related illness'; 'alot' becomes 'a lot'.",
        fix="Put the space or hyphen back. Compound adjectives get a hyphen "
        "('cross-sectional', 'cause-and-effect'), other words a space. The fix is automatic "
        "when one split is clearly the best.",
    ),
    fixable=True,
)

REAL_WORD = RuleInfo(
    id="real-word",
    category="typo",
    severity=Severity.WARNING,
    summary="A real word that is probably a slip for another one in this context.",
    docs=RuleDocs(
        what="Flags correctly spelt words that are almost certainly the wrong word where they "
        "stand: 'nay' before a verb ('symptoms nay develop'), 'od' between words ('use od "
        "painkillers'), 'worth nothing that', 'then' after a comparative ('more then'), "
        "'its' before 'been' or 'not', 'loose weight', 'side affects'. Each confusion and the "
        "context in which it fires is data in rules/confusables.yaml.",
        why="A spell checker cannot see these slips, yet they change or garble the meaning of "
        "a sentence about health.",
        example="'It is also worth nothing that some medications ...' becomes 'It is also "
        "worth noting that some medications ...'.",
        fix="Accept the suggested word (an automatic fix). If your text is right, silence the "
        "finding with a suppression comment or rephrase the sentence. Add confusions of your "
        "own, with their contexts, to the `confusables` lexicon of your rule pack.",
    ),
    fixable=True,
)

DIGITS_IN_WORD = RuleInfo(
    id="digits-in-word",
    category="typo",
    severity=Severity.WARNING,
    summary="Digits stuck to a word without a space.",
    docs=RuleDocs(
        what="Flags a known word with digits glued to it, such as 'disorders105' or "
        "'1michael'. Numbers with units ('5mg', '24h'), ordinals ('3rd'), decades ('1990s') "
        "and codes written with capitals ('COVID-19', 'B12', 'H2O', 'T2D', 'HbA1c') are left "
        "alone.",
        why="A missing space turns a word and a number into something no reader or search "
        "engine recognises; in copied text it often means a footnote number lost its "
        "formatting.",
        example="'disorders105 answers' becomes 'disorders 105 answers'.",
        fix="Insert the missing space, or format the footnote as a reference. There is no "
        "automatic fix, because the digits may be a footnote to remove instead.",
    ),
)

LOST_CAPITALS = RuleInfo(
    id="lost-capitals",
    category="typo",
    severity=Severity.WARNING,
    summary="The text has lost its capital letters (and usually its punctuation).",
    docs=RuleDocs(
        what="Reports, once per document, text whose long paragraphs have almost no capital "
        "letters and almost no full stops, or whose sentences nearly all start in lower case: "
        "the typical result of scraping a page or exporting it through a tool that "
        "lower-cased it.",
        why="Such text is hard to read, names and acronyms are lost (rls, parkinson's), and "
        "factlint's other checks, which rely on sentences, become unreliable on it.",
        example="'asked in march 2014 do leg cramps and poor sleep go together answers from "
        "our panel many readers with fibromyalgia say their legs ache at night ...' (one "
        "finding at the start of the first such paragraph).",
        fix="Go back to the original text, or restore sentence capitals, names, acronyms and "
        "punctuation by hand.",
    ),
)

STRAY_CAPITAL = RuleInfo(
    id="stray-capital",
    category="typo",
    severity=Severity.WARNING,
    summary="A small word capitalised in the middle of a sentence.",
    docs=RuleDocs(
        what="Flags a function word ('about', 'the', 'and', 'with' ...; the list is the "
        "`stray_capital_words` lexicon of the rule pack) written with a capital between two "
        "lower-case words on one line, such as 'and About 150 million people'. Words next to "
        "capitalised words (titles, names), at the start of a line and in headings are left "
        "alone.",
        why="A stray capital is a leftover from an edit (a sentence joined to another) and makes "
        "the reader look for a sentence break that is not there.",
        example="'doctors reach for, and About 150 million people take it' becomes 'and about "
        "150 million people'.",
        fix="Write the word in lower case (an automatic fix), or restore the full stop if two "
        "sentences ran together.",
    ),
    fixable=True,
)

MIXED_SPELLING = RuleInfo(
    id="mixed-spelling",
    category="style",
    severity=Severity.INFO,
    summary="British and American spellings mixed in one document.",
    docs=RuleDocs(
        what="Off by default; turn it on with `--select mixed-spelling`. Both British and "
        "American spellings are correct, but this rule flags the spellings of the less used "
        "variety when a document mixes them ('colour' and 'color', 'haemoglobin' and "
        "'anemia'). '-ise' and '-ize' are compared with each other only, since Oxford British "
        "spelling writes '-ize'.",
        why="A consistent spelling reads as careful editing; a mix suggests text pasted "
        "together from several sources.",
        example="In an article that writes 'colour', 'centre' and 'tumour', the word "
        "'hemoglobin' is flagged with the suggestion 'haemoglobin'.",
        fix="Pick one variety (your house style) and use it throughout.",
    ),
    default_enabled=False,
)

_DOMAIN = re.compile(
    r"[(<\"']?(?:[\w-]+\.)+(?:com|org|net|gov|edu|uk|io|de|fr|info|co|us|ca|au|nz|eu|int|nhs)"
    r"\b(?:[/:?#]\S*)?[.,;:!?)>\"']*"
)
_IDENTIFIER = re.compile(r"(?i)doi:|10\.\d{4,9}/")
"""A DOI, with or without its ``doi:`` label ("doi: 10.1002/ajh.23397" is two chunks)."""
_CODE_CHARS = frozenset("/\\=<>{}[]#@$~^|`&+_*")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'”’)\]]|$)")
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])")
"""A capital starting a word (``\\b[A-Z]``): written with the capital first, so the regex engine
jumps from capital to capital instead of testing a word boundary at every character."""
_START_BLOCK_KINDS = frozenset({"heading", "table_cell", "front_matter"})
_PROSE_KINDS = frozenset({"paragraph", "list_item", "text"})
_LONG_BLOCK = 30
"""Words a paragraph needs before its lack of capitals says anything."""
_LOST_MIN_WORDS = 50
_LONG_NAME = 8
_COMMON_COUNT = 1_000_000
_VERY_COMMON = 10_000_000
"""A word this common ("america", "york") is not a name when a slip of it is written."""
_NEIGHBOUR_COMMON = 5_000_000
"""Next to capitalised words, a word one edit from one this common ("medicine", "clinic") is a
typo in a title, not a name ("Perrot" is one edit from "parrot", at 2.7 million)."""
_NO_NAME, _NEIGHBOUR, _CITATION = 0, 1, 2


@dataclass
class _State:
    """Everything built once per rulebook: the speller and the compiled confusion sets."""

    speller: Speller
    confusables: Mapping[str, tuple[Confusable, ...]]
    stray: frozenset[str]
    """The capitalised function words the stray-capital rule flags ("About", "The")."""
    slips: dict[tuple[str | None, str, str | None], bool] = field(default_factory=dict)
    """:func:`_might_slip` by (word before, suspect, word after), up to :data:`_SLIPS_LIMIT`."""


_SLIPS_LIMIT = 50_000
"""Word triples remembered before the memo starts over (a bound on memory)."""


_STATES: list[tuple[Rulebook, _State]] = []


def speller_for(rulebook: Rulebook) -> Speller:
    """The speller for ``rulebook`` (shared with the benchmark and tests)."""
    return _state_for(rulebook).speller


def _state_for(rulebook: Rulebook) -> _State:
    for known, state in _STATES:
        if known is rulebook:
            return state
    confusables = report_entry_errors(
        rulebook,
        lambda: compile_confusables(
            rulebook.lexicons.get("confusables", ()),
            rulebook.lexicons.get("confusable_classes", ()),
        ),
    )
    speller = Speller(
        load_lexicon(), rulebook.accept_words, rulebook.reject_words, suspects=confusables
    )
    state = _State(speller, confusables, _stray_words(rulebook))
    _STATES.insert(0, (rulebook, state))
    del _STATES[4:]
    return state


_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([\w'’]+)$")
_TITLE_CUES_TEXT = (
    "called named titled entitled headed labelled labeled marked read reads say says "
    "word words phrase term"
)
_TITLE_CUES = frozenset(_TITLE_CUES_TEXT.split())
"""Words after which a capital starts a title or a quotation, not a slip."""


def _stray_words(rulebook: Rulebook) -> frozenset[str]:
    words = {str(w) for w in rulebook.lexicons.get("stray_capital_words", ())}
    # One-letter words are left out: "A" in "vitamin A" is right.
    return frozenset(w[0].upper() + w[1:].lower() for w in words if len(w) > 1 and w.isalpha())


_STRAY = re.compile(r" (?<=[a-z'’] )([A-Z][a-z]{1,9}) (?=[a-z\d])")
r"""A capitalised word between a lower-case word and a lower-case word or a number, one space
on each side (a regex on capitals alone is much faster than one on the word list). The pattern
starts with the space and looks behind it for the letter, so the regex engine jumps from space
to space instead of testing the look-behind at every character: the same matches as
``(?<=[a-z'’]) ([A-Z][a-z]{1,9}) (?=[a-z\d])``."""


@dataclass
class _Unknown:
    block: int
    start: int
    end: int
    token: str
    sentence_start: bool
    name_context: int = 0
    """How strongly the words around it make it part of a name (see :func:`_name_context`)."""


@dataclass
class _Scan:
    """What one pass over the prose found, before document-level decisions."""

    unknown: dict[str, list[_Unknown]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    variants: list[tuple[int, int, int, str, str, str]] = field(default_factory=list)
    lost_block: int | None = None
    long_words: int = 0
    long_capitalised: int = 0
    long_enders: int = 0
    sentences: int = 0
    lower_starts: int = 0


@check(
    SPELLING,
    RUN_TOGETHER,
    REAL_WORD,
    DIGITS_IN_WORD,
    STRAY_CAPITAL,
    LOST_CAPITALS,
    MIXED_SPELLING,
    prepare=_state_for,
)
def find_typos(analysis: Analysis) -> Iterator[Finding]:
    """One pass over the prose, then the document-level decisions (names, variety, capitals)."""
    state = _state_for(analysis.rulebook)
    scan = _Scan()
    for index, block in enumerate(analysis.document.blocks):
        _scan_block(analysis, state, index, block, scan)
    yield from scan.findings
    yield from _unknown_findings(analysis, state.speller, scan)
    yield from _lost_capitals(analysis, scan)
    yield from _mixed_spelling(analysis, scan)


def _scan_block(analysis: Analysis, state: _State, index: int, block: Block, scan: _Scan) -> None:
    speller = state.speller
    text = block.text
    tokens = TOKEN.findall(text)
    if block.kind in _PROSE_KINDS:
        if len(tokens) >= _LONG_BLOCK:
            _count_capitals(text, len(tokens), index, scan)
        if not state.stray.isdisjoint(tokens):
            _stray_capitals(analysis, state.stray, index, text, scan)
    fine = speller.fine
    if fine.issuperset(tokens):
        return  # the usual block: only words met before and known (one set operation in C)
    # Only the other tokens need a look: suspects ("to", "your"), variants, unknown words.
    # Spans come from one walk over the matches, only as far as the last word to report.
    verdict = speller.verdict
    matches = TOKEN.finditer(text)
    walked = -1
    for position in [i for i, token in enumerate(tokens) if token not in fine]:
        token = tokens[position]
        result = verdict(token)
        if result is Verdict.SUSPECT and not _might_slip(state, tokens, position):
            result = speller.base_verdict(token)
        if result is Verdict.OK or result is Verdict.SKIP:
            continue
        start, end = next(itertools.islice(matches, position - walked - 1, None)).span()
        walked = position
        if (start and text[start - 1] in _CODE_CHARS) or (
            end < len(text) and text[end] in _CODE_CHARS
        ):
            continue
        if _in_address(text, start, end):
            continue
        if result is Verdict.COMPOUND:
            pieces = [(part, start + at, found) for part, at, found in speller.pieces(token)]
        else:
            pieces = [(token, start, result)]
        for piece, at, found in pieces:
            _piece(analysis, state, index, block, piece, at, found, scan)


def _stray_capitals(
    analysis: Analysis, words: frozenset[str], index: int, text: str, scan: _Scan
) -> None:
    """Capitalised function words between two lower-case words on one line.

    Called only for a block with one of ``words`` among its tokens: a word :data:`_STRAY`
    finds has a space on each side and letters only, so it is a whole :data:`TOKEN` of the
    block, and without such a token no match could be reported."""
    document = analysis.document
    for match in _STRAY.finditer(text):
        word = match.group(1)
        if word not in words:
            continue
        start, end = match.span(1)
        previous = _WORD_BEFORE.search(text, max(0, start - 40), start - 1)
        if previous is None or not previous.group(1)[:1].islower():
            continue  # after a name, a code or an abbreviation ("e.g. About")
        if previous.group(1) in _TITLE_CUES:
            continue  # a title in sentence case: "a chapter called How to sleep better"
        left, right = document.original_span(index, start - 1, end + 1)
        if "\n" in document.original[left:right] or "\r" in document.original[left:right]:
            continue  # a line break folded into a space: a line of verse, a list, a title
        lower = word.lower()
        scan.findings.append(
            analysis.finding(
                STRAY_CAPITAL,
                message=f"'{word}' is capitalised in the middle of a sentence; write '{lower}' "
                "(or restore the full stop if two sentences ran together).",
                block=index,
                start=start,
                end=end,
                suggestions=(lower,),
                replacement=lower,
            )
        )


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a web address, e-mail address or domain name: looks at the
    run of non-space characters around it (only done for words that would be flagged)."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    chunk = text[left:right]
    if "://" in chunk or chunk.lstrip("(<\"'").startswith("www.") or "@" in chunk:
        return True
    if _IDENTIFIER.match(chunk.lstrip("([<\"'")):
        return True  # doi:10.1016/j.smrv.2011.05.002: the journal code is no word
    return "." in chunk and _DOMAIN.fullmatch(chunk) is not None


def _might_slip(state: _State, tokens: Sequence[str], position: int) -> bool:
    """Whether a suspect's neighbours could fit any of its confusion patterns.

    Common suspects ("to", "your", "than") meet the same neighbours again and again, so the
    answer is remembered per word triple (it depends on the three words alone)."""
    before = tokens[position - 1] if position else None
    after = tokens[position + 1] if position + 1 < len(tokens) else None
    key = (before, tokens[position], after)
    found = state.slips.get(key)
    if found is None:
        folded_before = fold(before) if before is not None else None
        folded_after = fold(after) if after is not None else None
        rules = state.confusables.get(fold(tokens[position]), ())
        found = any(rule.might_match(folded_before, folded_after) for rule in rules)
        if len(state.slips) >= _SLIPS_LIMIT:
            state.slips.clear()
        state.slips[key] = found
    return found


def _piece(
    analysis: Analysis,
    state: _State,
    index: int,
    block: Block,
    piece: str,
    at: int,
    result: Verdict,
    scan: _Scan,
) -> None:
    """Record what one word (or part of a hyphenated word) needs: a finding or a decision."""
    speller = state.speller
    if result is Verdict.SUSPECT:
        if _real_word(analysis, state, index, block.text, piece, at, scan):
            return
        result = speller.base_verdict(piece)
    if result is Verdict.VARIANT:
        found = speller.variant(piece)
        if found is not None:
            scan.variants.append((index, at, at + len(piece), piece, *found))
    elif result is Verdict.UNKNOWN or result is Verdict.REJECTED:
        starts = _starts(block, at)
        occurrence = _Unknown(
            index, at, at + len(piece), piece, starts, _name_context(block, at, piece, starts)
        )
        key = fold(piece) if result is Verdict.UNKNOWN else "\0" + fold(piece)
        scan.unknown.setdefault(key, []).append(occurrence)
    elif result is Verdict.DIGITS:
        scan.findings.append(_digits_finding(analysis, index, piece, at))


def _starts(block: Block, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence (or stands where capitals are the norm)."""
    if block.kind in _START_BLOCK_KINDS:
        return True
    text = block.text
    while at > 1 and text[at - 1] == "-" and text[at - 2].isalnum():
        at -= 1  # a part of a hyphenated word ("Viola-Saltzman") starts where the word does
        while at > 0 and (text[at - 1].isalnum() or text[at - 1] in "'’"):
            at -= 1
    before = text[:at].rstrip(" \t\n\"'“‘([*_")
    return not before or before[-1] in ".!?:;•–—-"


def _count_capitals(text: str, words: int, index: int, scan: _Scan) -> None:
    enders = len(_SENTENCE_END.findall(text))
    capitalised = len(_CAPITALISED.findall(text))
    scan.long_words += words
    scan.long_capitalised += capitalised
    scan.long_enders += enders
    if capitalised * 20 >= words:
        # 5% capitalised words or more: count its sentences as capitalised, skip the split.
        scan.sentences += enders
        return
    sentences = [part.strip(" \t\n\"'“‘(") for part in _SENTENCE_END.split(text)]
    sentences = [part for part in sentences if part[:1].isalpha()]
    scan.sentences += len(sentences)
    scan.lower_starts += sum(1 for part in sentences if part[0].islower())
    flat = capitalised * 100 < words and enders * 100 < words
    if scan.lost_block is None and (flat or _mostly_lower(len(sentences), sentences)):
        scan.lost_block = index


def _mostly_lower(count: int, sentences: Sequence[str]) -> bool:
    lower = sum(1 for part in sentences if part[0].islower())
    return count >= 3 and lower * 5 >= count * 4


def _real_word(
    analysis: Analysis, state: _State, index: int, text: str, token: str, at: int, scan: _Scan
) -> bool:
    tokens, position = context_window(text, at, at + len(token))
    for rule in state.confusables.get(fold(token), ()):
        if rule.matches(tokens, position):
            replacement = match_case(token, rule.replacement)
            note = f" ({rule.note})" if rule.note else ""
            scan.findings.append(
                analysis.finding(
                    REAL_WORD,
                    message=f"'{token}' is probably a slip for '{replacement}' here{note}.",
                    block=index,
                    start=at,
                    end=at + len(token),
                    suggestions=(replacement,),
                    replacement=replacement if rule.fixable else None,
                )
            )
            return True
    return False


def _digits_finding(analysis: Analysis, index: int, token: str, at: int) -> Finding:
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)(\D+)|(\D+)(\d+)|(\D{1,6}\d+)(\D+)", token)
    split = " ".join(part for part in (match.groups() if match else ()) if part)
    return analysis.finding(
        DIGITS_IN_WORD,
        message=f"Digits are stuck to a word in '{token}': a missing space ('{split}'), or a "
        "footnote number that lost its formatting.",
        block=index,
        start=at,
        end=at + len(token),
        suggestions=(split,) if split else (),
    )


def _unknown_findings(analysis: Analysis, speller: Speller, scan: _Scan) -> Iterator[Finding]:
    document_words = _front_matter_words(analysis)
    blocks = analysis.document.blocks
    lowercase_text = _lost(scan)
    groups: dict[str, list[str]] = {}
    for key in scan.unknown:
        groups.setdefault(_possessor(key), []).append(key)
    substituted = _Substituted(analysis)
    for base, keys in groups.items():
        if base.startswith("\0"):
            for occurrence in scan.unknown[base]:
                yield _rejected_finding(analysis, occurrence)
            continue
        if base in document_words:
            continue
        occurrences = [o for key in keys for o in scan.unknown[key]]
        corrections = {}
        for key in keys:
            first = scan.unknown[key][0]
            before, after = _neighbours(blocks[first.block].text, first.start, first.end)
            corrections[key] = speller.suggester.correct(key, before, after)
        if _is_name(base, occurrences, corrections[keys[0]], lowercase_text):
            continue
        for key in keys:
            for occurrence in scan.unknown[key]:
                if not substituted.covers(occurrence):
                    yield _unknown_finding(analysis, occurrence, corrections[key])


def _possessor(key: str) -> str:
    """ "koo's" -> "koo": a name and its possessive are one name."""
    return key[:-2] if key.endswith("'s") and len(key) > 3 else key


def _is_name(
    word: str, occurrences: Sequence[_Unknown], correction: Correction, lowercase: bool
) -> bool:
    """Whether an unknown word is a name the document uses rather than a typo.

    Written with a capital every time, it is a name when it appears twice in mid-sentence; or
    when a citation makes it an author ("(Koo, 2015)", "Hassan et al.") unless it is a typing
    slip of a very common word; or when capitalised neighbours make it part of a name ("Serge
    Perrot", "Vaccine Safety Datalink") unless it is also one edit from a common word ("Sleep
    Medcine", "Mayo Clinc"); or when it is like no known word. In a text that lost its
    capitals, only a citation ("viola-saltzman and colleagues") can tell a name."""
    capitalised = all(o.token[:1].isupper() for o in occurrences)
    context = max(o.name_context for o in occurrences)
    if _slip_of_common(word, correction):
        context = _NO_NAME
    if not capitalised:
        return lowercase and context == _CITATION
    if sum(1 for o in occurrences if not o.sentence_start) >= 2:
        return True  # a name the document defines
    if context == _CITATION or (context == _NEIGHBOUR and not _edit_of_common(correction)):
        return True
    return not correction.run_together and not _near_known(word, correction)


def _near_known(word: str, correction: Correction) -> bool:
    """Whether a capitalised unknown word looks like a slip for a known word rather than a name:
    one edit from a known word, or (eight letters or more) two edits from a common one."""
    if not correction.candidates:
        return False
    best = correction.candidates[0]
    if best.distance == 1:
        return True
    return len(word) >= _LONG_NAME and best.count >= _COMMON_COUNT


def _edit_of_common(correction: Correction) -> bool:
    """Whether the best candidate is one edit away and common enough that a name that close to
    it is unlikely ("Medcine" next to "Sleep"; not "Perrot", near the rarer "parrot")."""
    if not correction.candidates:
        return False
    best = correction.candidates[0]
    return best.distance == 1 and best.count >= _NEIGHBOUR_COMMON


def _slip_of_common(word: str, correction: Correction) -> bool:
    """Whether the word is one typing slip (a swap, a neighbouring key, a doubled letter, a
    vowel) from a very common word: "Amercia" stays a typo even between capitalised words."""
    if not correction.candidates:
        return False
    best = correction.candidates[0]
    return best.distance == 1 and best.count >= _VERY_COMMON and typing_slip(word, best.word)


_NAME_WORD = r"[^\W\d_][\w’'-]*"
_CAPITALISED_NAME = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_ET_AL = re.compile(
    r"(?:['’]s)?\s+(?:et\.?\s+al\b|and\s+(?:colleagues|co-?workers|co-?authors)\b)", re.IGNORECASE
)
_LIST_SEPARATOR = r"(?:,\s*and\s+|,\s*|\s+(?:and|&)\s+)"
_YEAR_AFTER = re.compile(
    rf"(?:['’]s)?(?:{_LIST_SEPARATOR}{_CAPITALISED_NAME}(?:\s+{_CAPITALISED_NAME})*)*"
    r"(,\s*|\s*\(\s*|\s+)(?:19|20)\d\d[a-z]?\b"
)
_CITATION_OPEN = re.compile(
    rf"[(\[;]\s*(?:{_CAPITALISED_NAME}(?:\s+{_CAPITALISED_NAME})*{_LIST_SEPARATOR})*$"
)
_NAMES_AFTER = re.compile(
    rf"^(?:,\s*{_CAPITALISED_NAME}(?:\s+{_CAPITALISED_NAME})*)+,?\s+(?:and|&)\s+{_CAPITALISED_NAME}"
)
"""The rest of a list of three names or more: ", Truini and Di Stefano"."""
_NAMES_BEFORE = re.compile(
    rf"{_CAPITALISED_NAME}(?:,\s*{_CAPITALISED_NAME}(?:\s+{_CAPITALISED_NAME})*)+,?\s+(?:and|&)\s+$"
)
"""The start of a list of three names or more: "Galosi, Truini and "."""
_PREVIOUS_WORD = re.compile(rf"({_NAME_WORD})({_LIST_SEPARATOR}| )$")
_NEXT_WORD = re.compile(rf"^(?:['’]s)?({_LIST_SEPARATOR}| )({_NAME_WORD})")


def _name_context(block: Block, at: int, word: str, starts: bool) -> int:
    """How the words around a word make it part of a name: :data:`_CITATION` for an author
    citation ("Hassan et al.", "(Innes, Selfe and Agarwal, 2011)", "Koo (2015)",
    "viola-saltzman and colleagues"); :data:`_NEIGHBOUR` for a capitalised word in mid-sentence
    with a capitalised neighbour ("Serge Perrot", "Di Stefano", "Vaccine Safety Datalink") or in
    a list of names ("Galosi, Truini and Di Stefano"); else :data:`_NO_NAME`."""
    text = block.text
    end = at + len(word)
    after = text[end : end + 80]
    if _ET_AL.match(after):
        return _CITATION
    year = _YEAR_AFTER.match(after)
    if year and ("(" in year.group(1) or _CITATION_OPEN.search(text[max(0, at - 80) : at])):
        return _CITATION
    if starts or not word[:1].isupper():
        return _NO_NAME
    if _NAMES_AFTER.match(after) or _NAMES_BEFORE.search(text[max(0, at - 80) : at]):
        return _NEIGHBOUR
    previous = _PREVIOUS_WORD.search(text[max(0, at - 40) : at])
    following = _NEXT_WORD.match(after)
    previous_name = (
        previous is not None
        and previous.group(1)[:1].isupper()
        and not _starts(block, at - len(previous.group(0)))
    )
    following_name = following is not None and following.group(2)[:1].isupper()
    direct = (previous_name and previous is not None and previous.group(2) == " ") or (
        following_name and following is not None and following.group(1) == " "
    )
    return _NEIGHBOUR if direct or (previous_name and following_name) else _NO_NAME


class _Substituted:
    """Spans a substitution phrase rule of the rulebook rewrites ("Alzheimers disease" ->
    "Alzheimer's disease"): an unknown word inside one already has its finding and fix."""

    def __init__(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self._spans: dict[int, list[tuple[int, int]]] = {}

    @functools.cached_property
    def _rules(self) -> list[tuple[PhraseRule, LiteralScreen | None]]:
        """The substitution rules with their screens, once per document and only if asked."""
        rules = self._analysis.rulebook.phrases
        return [(rule, rule_screen(rule)) for rule in rules if rule.kind == "substitution"]

    def covers(self, occurrence: _Unknown) -> bool:
        spans = self._spans.get(occurrence.block)
        if spans is None:
            spans = self._spans[occurrence.block] = self._find(occurrence.block)
        return any(start <= occurrence.start and occurrence.end <= end for start, end in spans)

    def _find(self, index: int) -> list[tuple[int, int]]:
        block = self._analysis.document.blocks[index]
        return [
            match.span()
            for rule, screen in self._rules
            for match in rule_matches(rule, screen, block)
        ]


def _unknown_finding(analysis: Analysis, occurrence: _Unknown, correction: Correction) -> Finding:
    token = occurrence.token
    suggestions = tuple(match_case(token, s) for s in correction.suggestions)
    rule = RUN_TOGETHER if correction.run_together else SPELLING
    if correction.run_together:
        message = f"'{token}' looks like words run together: '{suggestions[0]}'."
    elif suggestions:
        message = f"'{token}' is not a known word; did you mean '{suggestions[0]}'?"
    else:
        message = f"'{token}' is not a known word (if it is correct, add it to your word list)."
    return analysis.finding(
        rule,
        message=message,
        block=occurrence.block,
        start=occurrence.start,
        end=occurrence.end,
        suggestions=suggestions,
        replacement=suggestions[0] if correction.safe and suggestions else None,
    )


def _rejected_finding(analysis: Analysis, occurrence: _Unknown) -> Finding:
    return analysis.finding(
        SPELLING,
        message=f"'{occurrence.token}' is on the list of words to avoid (words: reject).",
        block=occurrence.block,
        start=occurrence.start,
        end=occurrence.end,
    )


def _front_matter_words(analysis: Analysis) -> frozenset[str]:
    """The article's own accepted words: front matter ``words: [...]`` or
    ``words: {accept: [...]}`` (the shape of a rule pack's ``words``)."""
    words = analysis.document.front_matter.get("words")
    if isinstance(words, Mapping):
        words = words.get("accept")
    if isinstance(words, str):
        words = words.split()
    if not isinstance(words, (list, tuple)):
        return frozenset()
    return word_set(str(word) for word in words if isinstance(word, (str, int, float)))


_PREVIOUS = re.compile(r"([^\W\d_]+)\W{0,2}$")
_NEXT = re.compile(r"^\W{0,2}([^\W\d_]+)")


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after a span (for bigram context), lower case."""
    before = _PREVIOUS.search(text[max(0, start - 40) : start])
    after = _NEXT.search(text[end : end + 40])
    return (
        before.group(1).lower() if before and " " in text[before.end(1) : start] + " " else None,
        after.group(1).lower() if after else None,
    )


def _lost(scan: _Scan) -> bool:
    """Whether the document has lost its capitals (the lost-capitals rule fires)."""
    if scan.lost_block is None or scan.long_words < _LOST_MIN_WORDS:
        return False
    return _flat(scan) or (scan.sentences >= 3 and scan.lower_starts * 5 >= scan.sentences * 4)


def _flat(scan: _Scan) -> bool:
    return (
        scan.long_capitalised * 100 < scan.long_words and scan.long_enders * 100 < scan.long_words
    )


def _lost_capitals(analysis: Analysis, scan: _Scan) -> Iterator[Finding]:
    if not _lost(scan) or scan.lost_block is None:
        return
    flat = _flat(scan)
    block = analysis.document.blocks[scan.lost_block]
    end = min(len(block.text), 60)
    while end < len(block.text) and not block.text[end].isspace():
        end += 1
    what = "capital letters and punctuation" if flat else "capital letters at sentence starts"
    yield analysis.finding(
        LOST_CAPITALS,
        message=f"This text seems to have lost its {what} ({scan.long_words} words in long "
        f"paragraphs, {scan.long_capitalised} capitalised words, {scan.long_enders} sentence "
        "ends); restore the original text.",
        block=scan.lost_block,
        start=0,
        end=end,
    )


def _mixed_spelling(analysis: Analysis, scan: _Scan) -> Iterator[Finding]:
    """Flag the minority variety, once per distinct word, for -ise/-ize and for the rest."""
    for family in (("gb", "us"), ("ise", "ize")):
        used = [v for v in scan.variants if v[4] in family]
        counts = {variety: sum(1 for v in used if v[4] == variety) for variety in family}
        if not all(counts.values()):
            continue
        majority = max(family, key=lambda variety: (counts[variety], variety == used[0][4]))
        names = {"gb": "British", "us": "American", "ise": "-ise", "ize": "-ize"}
        examples = sorted({v[3].lower() for v in used if v[4] == majority})[:3]
        seen: set[str] = set()
        for index, start, end, token, variety, other in used:
            if variety == majority or fold(token) in seen:
                continue
            seen.add(fold(token))
            yield analysis.finding(
                MIXED_SPELLING,
                message=f"'{token}' is {names[variety]} spelling, but this document mostly "
                f"uses {names[majority]} spelling ({', '.join(examples)}); write "
                f"'{match_case(token, other)}' to be consistent.",
                block=index,
                start=start,
                end=end,
                suggestions=(match_case(token, other),),
            )
