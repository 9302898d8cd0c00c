"""grammar: subject-verb agreement ("Triggers varies", "Each capsule contain", "it don't").

The pipeline has no part-of-speech tagger, so this module reads clauses with word classes: the
closed classes (determiners, prepositions, auxiliaries, openers, frames such as "each of") are
data in ``rules/grammar.yaml``; the open classes (which words can be nouns, verbs, adjectives,
adverbs) come from the WordNet index shipped with spacy-lookups-data. Both are compiled once per
rulebook.

How a clause is read. A subject is looked for only where a clause starts: at the start of a
sentence, after ``;`` ``:`` ``(`` or a dash, after an opener ("because", "when", "that", "but"),
after a comma or ", and", after a reporting verb that dropped its "that" ("found 46% of patients
has"), and, for the frames such as "the number of", after a noun that cannot be a verb ("during
pregnancy the number of women ..."). From there the noun phrase is read up to its verb:
determiner, modifiers and head noun, prepositional phrases ("in the feet"), a postponed
modifier ("high in fiber", "used in the UK"), coordination ("the rash and the pain"), a reduced
relative clause ("the salt we eat"), adverbs ("usually"). Words that are both nouns and verbs
("works", "levels", "walk") are settled by what follows them and by ``grammar_noun_preferred``.
The numbers of the subject and of the verb are then compared. Three simpler readings check a
verb after "who" against the noun before it, a verb after a subject pronoun ("it don't"), and
"there is/are" against the noun after it.

Decisions, all in favour of precision:

* a bare singular noun ("research have shown") or "the" + singular noun counts as singular only
  at the start of a sentence or after a strong opener ("because"): after "and" or a comma it is
  usually the last item of a list ("iron, zinc and magnesium are");
* collective nouns ("the team are"), loan plurals ("the data are"), measures ("two hours is"),
  names of conditions that look plural ("restless legs is"), proper nouns, acronyms and words
  the document capitalises in mid-sentence (a product called "Requests") have no number here;
* "X and Y" is plural only where a sentence or a strong clause starts with it, not for fixed
  pairs ("trial and error"), not after "each" or "every", and not when a lone noun is joined to
  a longer phrase that it may modify ("salt and sugar intake matters");
* gerund subjects ("Eating vegetables helps"), instructions ("Start with ... and extend it"),
  past tenses and participles, and table cells (fragments) are left alone;
* a relative clause is checked only after "who", against the noun just before it, and not
  after "one of the ...";
* subjunctives ("recommend that she take", "if it were") are left alone.

One finding per verb.
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from itertools import compress
from operator import attrgetter
from typing import NamedTuple, cast

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.claims.lexicon import BlockTokens, Tok, read_block
from factlint.claims.sentences import block_sentences
from factlint.facts import lexicon_entries, lexicon_words, per_rulebook
from factlint.findings import Finding, Severity
from factlint.rulebook import Rulebook, RuleDocs

SINGULAR = "singular"
PLURAL = "plural"
YOU = "you"
FIRST = "first"

_FIX_TEXT = (
    "Make the verb agree with the subject: find the noun the sentence is about (not the nearest "
    "noun) and use the singular verb for one thing, the plural for several."
)

SUBJECT_VERB = RuleInfo(
    id="subject-verb-agreement",
    category="grammar",
    severity=Severity.WARNING,
    summary="A verb that does not agree with its subject: 'studies has shown', 'each tablet "
    "contain'.",
    docs=RuleDocs(
        what="Flags a verb whose number differs from its subject's: a plural subject with a "
        "singular verb ('Studies has shown', 'The benefits of exercise is well known', 'Your "
        "blood sugar levels usually rises after a meal') and a singular subject with a plural "
        "verb ('Each tablet contain', 'A cup of coffee contain', 'One of the most common "
        "triggers are stress', 'The number of cases are rising', 'Most of the research were "
        "small'). The subject is read past prepositional phrases, adverbs and short relative "
        "clauses ('The pills you take matters') to its head noun. Collective nouns ('the team "
        "are'), 'data', measures ('two hours is enough'), condition names that look plural "
        "('restless legs is'), names and acronyms are left alone, and so is a bare singular "
        "noun after 'and' or a comma, where it usually ends a list.",
        why="Agreement slips make a sentence harder to parse, can leave readers unsure which "
        "noun a claim is about, and make a health article look unedited.",
        example="'The side effects of these drugs is mild' becomes 'The side effects of these "
        "drugs are mild'; 'Each tablet contain 10 mg of iron' becomes 'Each tablet contains 10 "
        "mg of iron'.",
        fix=_FIX_TEXT + " 'Each', 'every', 'one of' and 'the number of' take a singular verb; "
        "'a number of', 'both of' and 'many of' a plural one; after 'most of', 'all of' or "
        "'40% of' the verb agrees with the noun that follows. The finding suggests the "
        "corrected verb; it is not applied automatically, because the subject may be the word "
        "to change.",
    ),
)

COMPOUND = RuleInfo(
    id="compound-subject-agreement",
    category="grammar",
    severity=Severity.WARNING,
    summary="Two subjects joined by 'and' with a singular verb: 'headaches and nausea is'.",
    docs=RuleDocs(
        what="Flags a singular verb after a subject of two nouns joined by 'and' at the start of "
        "a sentence or clause ('Nuts and seeds contains healthy fats', 'The doctor and the nurse "
        "checks your blood pressure', 'Regular exercise and a balanced diet lowers your "
        "risk'). Fixed pairs that name one thing ('trial and error', 'research and "
        "development') are left alone, as are subjects with 'each' or 'every' and phrases where "
        "the first noun may modify the second ('salt and sugar intake matters').",
        why="Two things joined by 'and' are plural; a singular verb reads as a slip and can "
        "suggest that only one of them is meant.",
        example="'Nuts and seeds contains healthy fats' becomes 'Nuts and seeds contain healthy "
        "fats'.",
        fix="Use the plural verb ('contain', 'are', 'have'), or, if one thing is meant, rewrite "
        "the subject ('Exercise, together with a balanced diet, lowers your risk').",
    ),
)

RELATIVE = RuleInfo(
    id="relative-clause-agreement",
    category="grammar",
    severity=Severity.WARNING,
    summary="A verb after 'who' that does not agree with the noun it refers to: 'people who "
    "takes'.",
    docs=RuleDocs(
        what="Flags the verb of a 'who' clause whose number differs from the noun just before "
        "'who': 'people who takes', 'patients who has', 'anyone who have', 'a person who "
        "need'. Clauses after 'one of the ... who' are left alone, since usage differs.",
        why="The verb of a relative clause agrees with the noun the clause describes; a "
        "mismatch makes readers look for another subject.",
        example="'People who takes blood thinners should ask first' becomes 'People who take "
        "blood thinners should ask first'.",
        fix="Use the verb form that agrees with the noun before 'who': plural for 'people', "
        "'patients', 'those'; singular for 'anyone', 'a person'.",
    ),
)

PRONOUN = RuleInfo(
    id="pronoun-verb-agreement",
    category="grammar",
    severity=Severity.WARNING,
    summary="A subject pronoun with the wrong verb form: 'it don't', 'they was', 'he have'.",
    docs=RuleDocs(
        what="Flags a verb right after a subject pronoun that does not agree with it: 'it "
        "don't', 'she have', 'it help', 'they was', 'we is', 'you was', 'they needs', 'I is'. "
        "Questions ('does it have'), subjunctives ('if it were', 'recommend that she take') and "
        "past tenses that look like base forms ('it cost') are left alone.",
        why="These forms belong to speech and dialect; in a health article they look careless "
        "and undermine trust in the facts.",
        example="'It don't work for everyone' becomes 'It doesn't work for everyone'.",
        fix="Use the standard form: he, she, it + 'is', 'has', 'does', '-s'; we, they, you + "
        "'are', 'were', 'have', 'do'; I + 'am'. `factlint check --fix` corrects 'is/are', "
        "'was/were', 'has/have' and 'does/do' for you.",
    ),
    fixable=True,
)

THERE = RuleInfo(
    id="there-agreement",
    category="grammar",
    severity=Severity.WARNING,
    summary="'There is' before a plural, or 'there are' before 'a': 'there is many reasons'.",
    docs=RuleDocs(
        what="Flags 'there is', 'there was' or 'there has been' followed by a plural ('There is "
        "many reasons', 'there was several studies', 'There is growing concerns'), and 'there "
        "are' or 'there were' followed by 'a' or 'an' and a singular noun ('There are a simple "
        "test for this'). "
        "Quantity phrases ('there is a lot of', 'there are a number of', 'a few', 'a range "
        "of') and lists joined by 'and' ('there is pain and swelling') are left alone.",
        why="In 'there is/are' the verb agrees with the noun after it; 'there is' before a "
        "plural is common in speech but reads as a slip in print.",
        example="'There is several ways to lower your risk' becomes 'There are several ways to "
        "lower your risk'.",
        fix="Use 'are' or 'were' before a plural, 'is' or 'was' before a singular.",
    ),
)

RULES = (SUBJECT_VERB, COMPOUND, RELATIVE, PRONOUN, THERE)


# --------------------------------------------------------------------------- word classes


class OpenClasses(NamedTuple):
    """Which words can be nouns, verbs, adjectives or adverbs (WordNet, via spacy-lookups-data)."""

    nouns: frozenset[str]
    verbs: frozenset[str]
    adjectives: frozenset[str]
    adverbs: frozenset[str]
    irregular_verbs: Mapping[str, str]
    """Irregular verb forms ("went", "grew", "goes") and their base form."""


@lru_cache(maxsize=1)
def open_classes() -> OpenClasses:
    """The WordNet word lists, read once per process: two small gzipped JSON tables (some
    tens of milliseconds), instead of the spaCy lookup loader (half a second)."""
    try:
        data = files("spacy_lookups_data").joinpath("data")
        index = json.loads(gzip.decompress(data.joinpath("en_lemma_index.json.gz").read_bytes()))
        exceptions = json.loads(gzip.decompress(data.joinpath("en_lemma_exc.json.gz").read_bytes()))
    except (ModuleNotFoundError, OSError, ValueError):  # no data: closed classes only
        return OpenClasses(frozenset(), frozenset(), frozenset(), frozenset(), {})

    def plain(words: Sequence[str]) -> frozenset[str]:
        return frozenset(word for word in words if "_" not in word)

    irregular = {
        form: bases[0]
        for form, bases in exceptions.get("verb", {}).items()
        if bases and "_" not in form and form != bases[0]
    }
    return OpenClasses(
        plain(index.get("noun", ())),
        plain(index.get("verb", ())),
        plain(index.get("adj", ())),
        plain(index.get("adv", ())),
        irregular,
    )


class Word(NamedTuple):
    """What the agreement rules know of one word form (lowercase)."""

    kind: str
    """aux | modal | prep | det | adv | func | pron | punct | num | gen | word"""
    det_number: str | None = None
    aux_number: str | None = None
    noun: bool = False
    """Can stand in a noun phrase: a noun, an adjective, an -ing form or an unknown word."""
    number: str | None = None
    """As the head of a subject: singular, plural or None (either, or not known)."""
    third: bool = False
    """Can be a verb in the third person singular ("varies", "works")."""
    base: bool = False
    """Can be a verb in its base form ("vary", "work")."""
    past: bool = False
    """Can be a past tense or participle ("went", "reported")."""
    adjective: bool = False
    noun_preferred: bool = False
    known_noun: bool = False
    """A singular noun of the WordNet index (not an unknown word read as one)."""

    @property
    def verbal(self) -> bool:
        return self.third or self.base or self.past

    @property
    def verb_only(self) -> bool:
        return self.verbal and not self.noun


_PUNCT = re.compile(r"^[^\w]+$")
_NUMBER = re.compile(r"^\d[\d.,]*$")
_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'"})
_BE_FORMS = frozenset({"am", "be", "been", "being"})
_GENITIVE = frozenset({"'s", "'"})


@dataclass
class Grammar:
    """The compiled word classes of one rulebook; ``word`` classifies a form once and caches
    it, so reading a sentence costs a dictionary look-up per token."""

    verb_forms: Mapping[str, tuple[str, str]]
    modals: frozenset[str]
    past_equals_base: frozenset[str]
    bare_infinitive: frozenset[str]
    to_infinitive: frozenset[str]
    singular_determiners: frozenset[str]
    plural_determiners: frozenset[str]
    determiners: frozenset[str]
    frame_starts: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    """The frames ("each of", "the number of") by their first word, longest first."""
    quantity_nouns: frozenset[str]
    neutral_nouns: frozenset[str]
    irregular_plurals: frozenset[str]
    singular_s: frozenset[str]
    singular_names: frozenset[tuple[str, ...]]
    measure_nouns: frozenset[str]
    noun_preferred: frozenset[str]
    person_singulars: frozenset[str]
    pronouns: Mapping[str, str]
    singular_pairs: frozenset[tuple[str, str]]
    strong_openers: Mapping[str, tuple[tuple[str, ...], ...]]
    """Strong openers by their last word ("though": "though", "even though")."""
    weak_openers: frozenset[str]
    reporting_verbs: frozenset[str]
    adverbs: frozenset[str]
    prepositions: frozenset[str]
    function_words: frozenset[str]
    classes: OpenClasses
    cache: dict[str, Word]
    marked: frozenset[str] = field(init=False)
    """The words a reading may start at or next to: "who", the subject pronouns and "there"
    (``sentence_hits``); the words after which ``Reader.starts`` finds a clause (clause
    punctuation, a comma, "and", "or", an opener, a reporting verb) and the first words of the
    frames, before which it may find one."""

    def __post_init__(self) -> None:
        self.marked = frozenset(
            {"who", "there", *self.pronouns, ",", "and", "or", *_CLAUSE_PUNCT}
            | {*self.weak_openers, *self.strong_openers, *self.frame_starts}
            | self.reporting_verbs
        )

    def word(self, lower: str) -> Word:
        """The ``Word`` of a lowercase form (straight apostrophes)."""
        found = self.cache.get(lower)
        if found is None:
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            found = self.cache[lower] = self._classify(lower)
        return found

    def _classify(self, w: str) -> Word:
        if w in self.verb_forms:
            return Word("aux", aux_number=self.verb_forms[w][0])
        if w in _BE_FORMS:
            return Word("aux")
        if w in self.modals:
            return Word("modal")
        if w in _GENITIVE:
            return Word("gen")
        if _NUMBER.match(w):
            return Word("num", noun=True)
        if _PUNCT.match(w):
            return Word("punct")
        if w in self.singular_determiners:
            return Word("det", det_number=SINGULAR)
        if w in self.plural_determiners:
            return Word("det", det_number=PLURAL)
        if w in self.determiners:
            return Word("det")
        if w in self.pronouns:
            return Word("pron")
        if w in self.prepositions:
            return Word("prep")
        if w in self.adverbs or (w.endswith("ly") and w in self.classes.adverbs):
            return Word("adv")
        if w in self.function_words:
            return Word("func")
        return self._open_word(w)

    def _open_word(self, w: str) -> Word:
        classes = self.classes
        nouns, verbs, adjectives = classes.nouns, classes.verbs, classes.adjectives
        stems = _stems(w)
        irregular = classes.irregular_verbs.get(w)
        third = any(stem in verbs for stem in stems) or (irregular is not None and bool(stems))
        base = w in verbs and w not in self.past_equals_base
        past = w in self.past_equals_base or (irregular is not None and not stems)
        past = past or (w.endswith("ed") and (w[:-1] in verbs or w[:-2] in verbs))
        plural = w in self.irregular_plurals or (
            bool(stems)
            and w not in self.singular_s
            and (
                any(stem in nouns for stem in stems)
                or (w.endswith("ies") and w[:-3] + "y" not in verbs)  # "gummies", not "varies"
            )
        )
        known = w in nouns or plural
        letters = w.replace("-", "").replace("'", "")
        unknown = letters.isalpha() and not (
            known or w in verbs or third or past or w in adjectives or w in classes.adverbs
        )
        if w in self.neutral_nouns or w in self.singular_s:
            number = None
        elif plural:
            number = PLURAL
        elif stems and not known:
            number = None  # an -s word we cannot place: a name, a Latin singular
        else:
            number = SINGULAR
        return Word(
            "word" if letters[:1].isalpha() else "punct",
            noun=known or unknown or w in adjectives or w.endswith("ing"),
            number=number,
            third=third,
            base=base,
            past=past,
            adjective=w in adjectives,
            noun_preferred=w in self.noun_preferred,
            known_noun=w in nouns and not plural,
        )

    def read(self, toks: Sequence[Tok]) -> BlockWords:
        """The lowercase forms and ``Word`` of a block's tokens, and where its readings may
        start, worked out once for all its sentences (mostly by C loops over the whole block)."""
        lowers = list(map(_LOWER, toks))
        joined = "".join(lowers)
        if "\u2019" in joined or "\u2018" in joined:  # no curly quote in any form otherwise
            lowers = [lower.translate(_APOSTROPHE) for lower in lowers]
        found = list(map(self.cache.get, lowers))
        if None in found:
            word = self.word
            found = [known or word(lower) for known, lower in zip(found, lowers, strict=True)]
        words = cast("list[Word]", found)  # no None left
        marks = list(compress(range(len(lowers)), map(self.marked.__contains__, lowers)))
        return BlockWords(lowers, words, marks)


class BlockWords(NamedTuple):
    """What ``Grammar.read`` read of a block's tokens (lists by token index, read-only)."""

    lowers: list[str]
    """The lowercase form of each token, with straight apostrophes."""
    words: list[Word]
    """The ``Word`` of each lowercase form."""
    marks: list[int]
    """The indices of the tokens of ``Grammar.marked``, in order: the only tokens the "who",
    pronoun and "there" readings start at, and the only ones at or before which
    ``Reader.starts`` finds a clause start."""


_LOWER = attrgetter("lower")
_CACHE_LIMIT = 50_000
"""Word forms classified before a cache starts over (a bound on memory on endless input)."""


def _stems(w: str) -> tuple[str, ...]:
    """Possible bases of an -s form ("varies" -> "vary", "watches" -> "watch"), or ()."""
    if len(w) < 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s")):
        return ()
    stems = [w[:-1]]
    if w.endswith("es"):
        stems.append(w[:-2])
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    return tuple(stems)


def grammar_of(rulebook: Rulebook) -> Grammar:
    """The compiled word classes of ``rulebook`` (built once per rulebook)."""
    return per_rulebook(rulebook, "grammar", lambda: _build(rulebook))


def _by_first_word(
    frames: Sequence[tuple[tuple[str, ...], str]],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for frame in frames:
        grouped.setdefault(frame[0][0], []).append(frame)
    return {first: tuple(group) for first, group in grouped.items()}


def _mappings(rulebook: Rulebook, name: str, key: str) -> Iterator[Mapping[str, object]]:
    for entry in lexicon_entries(rulebook, name):
        if isinstance(entry, Mapping) and entry.get(key):
            yield entry


def _phrases(rulebook: Rulebook, name: str) -> frozenset[tuple[str, ...]]:
    """A lexicon of words or phrases (``a|b`` alternatives) as tuples of lowercase words."""
    return frozenset(
        tuple(phrase.split())
        for entry in lexicon_entries(rulebook, name)
        for phrase in str(entry).lower().replace("\u2019", "'").split("|")
        if phrase.strip()
    )


def _by_last_word(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        table.setdefault(phrase[-1], []).append(phrase)
    return {last: tuple(found) for last, found in table.items()}


def _build(rulebook: Rulebook) -> Grammar:
    def words(name: str) -> frozenset[str]:
        return lexicon_words(rulebook, name)

    verb_forms = {
        str(entry["form"]).lower(): (str(entry.get("number", "")), str(entry.get("swap", "")))
        for entry in _mappings(rulebook, "grammar_verb_forms", "form")
    }
    frames = sorted(
        (
            (tuple(str(entry["words"]).lower().split()), str(entry.get("number", "of")))
            for entry in _mappings(rulebook, "grammar_frames", "words")
        ),
        key=lambda frame: -len(frame[0]),
    )
    pronouns = {
        str(entry["word"]).lower(): str(entry.get("number", ""))
        for entry in _mappings(rulebook, "grammar_pronouns", "word")
    }
    pairs = frozenset(
        (phrase[0], phrase[2])
        for phrase in _phrases(rulebook, "grammar_singular_pairs")
        if len(phrase) == 3 and phrase[1] == "and"
    )
    return Grammar(
        verb_forms=verb_forms,
        modals=words("grammar_modals"),
        past_equals_base=words("grammar_past_equals_base"),
        bare_infinitive=words("grammar_bare_infinitive_verbs"),
        to_infinitive=words("grammar_to_infinitive_verbs"),
        singular_determiners=words("grammar_singular_determiners"),
        plural_determiners=words("grammar_plural_determiners"),
        determiners=words("grammar_determiners"),
        frame_starts=_by_first_word(frames),
        quantity_nouns=words("grammar_quantity_nouns"),
        neutral_nouns=words("grammar_neutral_nouns"),
        irregular_plurals=words("grammar_irregular_plurals"),
        singular_s=words("grammar_singular_s_nouns"),
        singular_names=_phrases(rulebook, "grammar_singular_names"),
        measure_nouns=words("grammar_measure_nouns"),
        noun_preferred=words("grammar_noun_preferred"),
        person_singulars=words("grammar_person_singulars"),
        pronouns=pronouns,
        singular_pairs=pairs,
        strong_openers=_by_last_word(_phrases(rulebook, "grammar_strong_openers")),
        weak_openers=words("grammar_weak_openers"),
        reporting_verbs=words("grammar_reporting_verbs"),
        adverbs=words("grammar_adverbs"),
        prepositions=words("grammar_prepositions"),
        function_words=words("grammar_function_words"),
        classes=open_classes(),
        cache={},
    )


# --------------------------------------------------------------------------- reading clauses

# Where a subject may start, which decides what may be read as one.
START = "start"
"""A sentence, or a clause after ; : ( or a dash: any subject."""
STRONG = "strong"
"""After a strong opener ("because", "when", "that"): any subject."""
WEAK = "weak"
"""After "but", "so", "then": not a bare singular noun, not two nouns joined by "and"."""
COMMA = "comma"
"""After a comma: as WEAK ("In older adults, falls are ...")."""
COORD = "coord"
"""After ", and" / ", or": as WEAK, and not a word that may be a second verb ("..., and
guarantees updates")."""
REPORT = "report"
"""After a reporting verb that dropped its "that" ("found 46% of patients have"): only a
phrase that starts with a determiner or a number."""
SOFT = "soft"
"""After a noun that cannot be a verb: only the frames ("during pregnancy the number of
women rises")."""

_COUNT_WORDS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "twenty", "thirty", "forty", "fifty", "hundred", "several", "few", "many"]
)  # fmt: skip
"""Determiners that count: "two hours is enough" is a measure, not a plural subject."""

MAX_SUBJECT = 40
"""Tokens read from the start of a clause to its verb at most: a longer subject is rare, and
the bound keeps run-on text (a page without full stops) linear."""

_FINAL = frozenset({".", "!", "?", ")", "]"})
_CLAUSE_PUNCT = frozenset({";", ":", "(", "—", "–", "--"})
_OBJECT_WORDS = frozenset(
    {"me", "him", "us", "them", "you", "it", "her", "more", "less", "fewer", "little", "plenty",
     "enough", "best", "better", "well", "worse", "lower", "higher", "extra"}
)  # fmt: skip
"""Words that may follow a verb but not a noun: "needs more sun", "works best"."""
_DEMONSTRATIVES = frozenset({"these", "those"})
_PARTICLES = frozenset({"up", "out", "in", "on", "off", "away", "down"})
_OBJECT_PRONOUNS = {"them": PLURAL, "us": PLURAL, "it": SINGULAR, "this": SINGULAR}


class Hit(NamedTuple):
    """One agreement error: the rule, the token span (``first`` to the verb), the subject word
    shown in the message, the number the verb should have and why."""

    rule: RuleInfo
    first: int
    verb: int
    subject: str
    number: str
    reason: str


_NEXT = -1
_STOP = -2
"""What reading one token gives besides the index of the verb: go on, or give up."""


@dataclass
class _Phrase:
    """One noun phrase of a subject (one side of an "and")."""

    det: str | None = None
    has_det: bool = False
    nominals: int = 0
    head: int = -1
    counted: bool = False
    """A number or a counting word came before the head ("two hours")."""


@dataclass
class _Subject:
    """What has been read of a subject so far."""

    first: int
    context: str
    frame: tuple[str, ...] | None = None
    frame_number: str | None = None
    phrase: _Phrase = field(default_factory=_Phrase)
    conjuncts: list[_Phrase] = field(default_factory=list)
    in_pp: bool = False
    """Inside a prepositional phrase (or the object of a frame's "of")."""
    pp_started: bool = False
    pp_head: int = -1
    of_head: int = -1
    of_number: str | None = None
    """The number of a pronoun after a frame's "of" ("most of them")."""

    @property
    def started(self) -> bool:
        """A noun has been read in the current phrase (the subject's, or a preposition's)."""
        return self.pp_started if self.in_pp else self.phrase.nominals > 0


class Reader:
    """Reads one sentence (tokens ``toks[start:end]``) for agreement errors."""

    def __init__(
        self,
        grammar: Grammar,
        toks: Sequence[Tok],
        start: int,
        end: int,
        names: frozenset[str],
        block: BlockWords,
    ) -> None:
        """``block`` is ``grammar.read(toks)``."""
        self.g = grammar
        self.names = names
        self.toks = toks
        self.start = start
        self.end = end
        self.lowers = block.lowers[start:end]
        self.words = block.words[start:end]
        marks = block.marks
        self.marks = marks[bisect_left(marks, start) : bisect_left(marks, end)]
        """``block.marks`` in the sentence."""

    def w(self, i: int) -> Word:
        return self.words[i - self.start]

    def lower(self, i: int) -> str:
        """The lowercase text of token ``i``; "" outside the sentence."""
        return self.lowers[i - self.start] if self.start <= i < self.end else ""

    # ---------------------------------------------------------------- token tests

    def skip_adverbs(self, i: int) -> int:
        while i < self.end and self.w(i).kind == "adv":
            i += 1
        return i

    def verb_like(self, i: int) -> bool:
        """Can token ``i`` be a verb?"""
        if i >= self.end:
            return False
        word = self.w(i)
        return word.kind in {"aux", "modal"} or (word.kind == "word" and word.verbal)

    def third(self, i: int) -> bool:
        """Is token ``i`` an -s form that can be a verb ("varies", "works")?"""
        return self.w(i).third and self.lower(i).endswith("s")

    def proper(self, i: int) -> bool:
        """A name, a title or an acronym: a capitalised word in mid-sentence, a word with a
        capital inside ("spaCy"), or a sentence's first word that the document writes with a
        capital in mid-sentence too ("Requests allows you ...")."""
        text = self.toks[i].text
        rest = text[1:]
        # a lowercase rest has no capital (no character is both upper and lower case)
        if not rest.islower() and any(char.isupper() for char in rest) and not rest.isupper():
            return True
        if not text[:1].isupper():
            return False
        return i > self.start or self.lower(i) in self.names

    def head_number(self, i: int, counted: bool = False) -> str | None:
        """The number of a noun as the head of a subject ("vitamin D": of "vitamin")."""
        text = self.toks[i].text
        if (
            i > self.start
            and len(text) <= 3
            and (text.isupper() or text.isdigit())
            and self.w(i - 1).known_noun
            and not self.proper(i - 1)
        ):
            i -= 1
            text = self.toks[i].text
        if len(text) > 2 and text[:-1].isupper() and text.endswith("s"):
            return PLURAL  # "SSRIs"
        if self.proper(i) or (len(text) > 1 and text.isupper()):
            return None
        lower = self.lower(i)
        if lower in _DEMONSTRATIVES:
            return PLURAL
        if counted and lower in self.g.measure_nouns:
            return None  # "two hours is enough"
        names = self.g.singular_names
        if (lower,) in names or (self.lower(i - 1), lower) in names:
            return None  # "restless legs is"
        return self.w(i).number

    def verb_number(self, i: int) -> str | None:
        """The number a verb needs in its subject (None: either, as for "can" or "went")."""
        word = self.w(i)
        if word.kind == "aux":
            return word.aux_number
        if word.kind != "word":
            return None
        if self.third(i):
            return SINGULAR
        if word.base and not word.past:
            return PLURAL
        return None

    def object_start(self, i: int) -> bool:
        """What may follow a verb but not a noun: "contain the", "needs more", "works best"."""
        if i >= self.end:
            return False
        lower = self.lower(i)
        if lower == "such" and self.lower(i + 1) == "as":
            return False
        return self.w(i).kind in {"det", "num"} or lower in _OBJECT_WORDS

    def can_be_finite(self, j: int) -> bool:
        """Can the verb-like word at ``j`` be the clause's verb? Not a capitalised word in
        mid-sentence ("a one-click Apply fix"), and not a base form followed by nothing or by
        an auxiliary, where it is a noun ("no model download is needed", "(no download)")."""
        if self.proper(j):
            return False
        if self.third(j):
            return True
        k = j + 1
        if k >= self.end or self.lower(k) in _FINAL:
            return False
        nxt = self.w(k)
        if nxt.kind == "adv":  # "the archive download also retries": a noun
            return not self.verb_like(self.skip_adverbs(k))
        if nxt.kind == "word" and nxt.noun and not self.third(k) and k + 1 < self.end:
            after = self.w(k + 1)  # "the legacy detect function should": a noun
            return not (after.kind in {"aux", "modal"} or self.third(k + 1))
        return nxt.kind not in {"aux", "modal"}

    def finite_after_adverb(self, k: int) -> bool:
        """After an adverb an adjective is a complement ("an entry already present"), an -s
        form or an auxiliary a verb ("usually goes")."""
        word = self.w(k)
        if word.kind != "word":
            return True
        if not self.third(k) and self.lower(k) in self.g.classes.adjectives:
            return False
        return self.can_be_finite(k)

    def modifier_follows(self, j: int) -> bool:
        """Does an adjective or a participle at ``j`` follow the head with a phrase of its own
        ("foods high in fiber", "vaccines used in the UK")?"""
        if j + 1 >= self.end or self.w(j + 1).kind != "prep" or self.lower(j + 1) == "to":
            return False
        word = self.w(j)
        return self.lower(j) in self.g.classes.adjectives or (word.past and not word.base)

    def gerund(self, i: int) -> bool:
        """An -ing form of a verb ("comparing", "eating"), not a noun in -ing ("morning")."""
        lower = self.lower(i)
        if not lower.endswith("ing") or len(lower) < 5:
            return False
        verbs = self.g.classes.verbs
        stem = lower[:-3]
        return (
            stem in verbs or stem + "e" in verbs or (stem[-1] == stem[-2:-1] and stem[:-1] in verbs)
        )

    def infinitive(self, j: int) -> bool:
        """Is the "to" at ``j`` followed by a verb ("to have", "to reduce")?"""
        nxt = j + 1
        if nxt >= self.end:
            return False
        word = self.w(nxt)
        return word.kind == "aux" or (word.kind == "word" and word.base and not word.noun_preferred)

    # ---------------------------------------------------------------- is it the verb?

    def ambiguous_is_verb(self, i: int, subject: _Subject) -> bool:
        """Is ``toks[i]``, a word that can be a noun or a verb read after a noun, the verb?"""
        word = self.w(i)
        k = self.skip_adverbs(i + 1)
        if k > i + 1:  # adverbs follow: a verb after them makes this word a noun
            return not self.verb_like(k)
        nxt = self.w(k) if k < self.end else None
        if nxt is not None and (nxt.kind in {"aux", "modal"} or nxt.verb_only):
            return False  # "sports drinks contain", "blood tests are"
        if subject.in_pp:
            if self.object_start(k) or self.takes_verb(i, k):
                return True
            if not self.third(i) or subject.pp_head != i - 1:
                return False
            if nxt is not None and nxt.kind == "word" and nxt.noun and not nxt.verbal:
                return not nxt.adjective  # "in your pancreas makes insulin"
            return self.head_number(i - 1) == PLURAL  # "in fermented foods supports"
        phrase = subject.phrase
        before = self.head_number(phrase.head, phrase.counted) if phrase.head >= 0 else None
        if self.third(i):
            if before == PLURAL:  # plural + plural is rarely a compound: "injections works"
                return not (
                    nxt is not None
                    and nxt.base
                    and not nxt.noun_preferred
                    and not nxt.adjective
                    and self.lower(k) not in _OBJECT_WORDS
                )
            if word.noun_preferred or k >= self.end or self.lower(k) in _FINAL:
                return False  # "insulin levels", "leg wraps" (a heading)
            prev = self.lower(i - 1)
            if self.proper(i - 1):
                return True
            return not (prev in self.g.classes.adjectives or prev.endswith(("ing", "ed")))
        if before == PLURAL:
            return True
        return self.object_start(k)  # "a blood test" is a noun; "each patient need a" a verb

    def takes_verb(self, i: int, k: int) -> bool:
        """Does the word at ``i`` take the verb at ``k`` ("helps break", "needs to eat")?"""
        lower = self.lower(i)
        forms = {lower, lower[:-1], lower[:-2]} if lower.endswith("s") else {lower}
        if forms & self.g.bare_infinitive and k < self.end and self.w(k).base:
            return True
        return bool(forms & self.g.to_infinitive) and self.lower(k) == "to" and self.infinitive(k)

    def verb_after_relative(self, i: int) -> int:
        """``toks[i]`` is a subject pronoun after a noun ("the salt we eat come"): skip the
        reduced relative clause; the index of the main verb, or ``_STOP``."""
        k = i + 1
        if not self.verb_like(k) or self.w(k).kind == "modal":
            return _STOP
        k = self.skip_adverbs(k + 1)
        if self.lower(k) in _PARTICLES:
            k += 1
        k = self.skip_adverbs(k)
        if self.verb_like(k) and not self.w(k).noun_preferred and not self.proper(k):
            return k
        return _STOP

    # ---------------------------------------------------------------- subjects

    def subject_at(self, i: int, context: str) -> Hit | None:
        """Read the clause starting at ``toks[i]``; its agreement error, if any."""
        i = self.skip_adverbs(i)
        if i >= self.end:
            return None
        frame = self.frame_at(i)
        word = self.words[i - self.start]
        if frame is not None:
            subject = _Subject(i, context, frame[0], frame[1], in_pp=True)
            i += len(frame[0])
        elif context == SOFT or (context == REPORT and word.kind not in {"det", "num"}):
            return None
        elif context == COORD and word.kind == "word" and word.verbal:
            return None  # ", and guarantees updates": a second verb, not a new subject
        elif word.det_number == SINGULAR and self.lower(i + 1) in self.g.quantity_nouns:
            return None  # "a lot of", "a few", "a variety of"
        elif self.stops_at_once(i):
            return None
        else:
            subject = _Subject(i, context)
        for j in range(i, min(self.end, i + MAX_SUBJECT)):
            found = self.step(subject, j)
            if found == _STOP:
                return None
            if found >= 0:
                return self.judge(subject, found)
        return None

    def stops_at_once(self, i: int) -> bool:
        """Would ``step`` stop at ``i``, the first token of a subject without a frame? It
        does for what cannot start a noun phrase (an auxiliary, a pronoun, punctuation, "and",
        a function word, a preposition unless "those" comes before it): a quick answer for
        the many clause starts that have no subject, with the same cases as ``step``."""
        k = i - self.start
        kind = self.words[k].kind
        if kind in {"word", "num"}:
            return self.lowers[k] in {"and", "&"}
        if kind == "prep":
            return self.lower(i - 1) not in _DEMONSTRATIVES
        return kind != "det"

    def step(self, s: _Subject, j: int) -> int:
        """Read token ``j`` into ``s``: ``_NEXT``, ``_STOP`` or the index of the verb."""
        k = j - self.start  # j is in the sentence
        word = self.words[k]
        kind = word.kind
        lower = self.lowers[k]
        if kind == "det":
            return self.on_determiner(s, j)
        if kind in {"aux", "modal"}:
            return j if s.started else _STOP
        if kind == "adv":
            k = self.skip_adverbs(j)
            ok = s.started and self.verb_like(k) and self.finite_after_adverb(k)
            return k if ok else _STOP
        if kind == "gen":
            if not s.started:
                return _STOP
            if not s.in_pp:
                s.phrase = _Phrase(has_det=True)  # "women's health": the head comes next
            return _NEXT
        if kind == "prep":
            return self.on_preposition(s, j)
        if lower == "and" or lower == "&":
            return self.on_and(s, j)
        if kind == "punct":
            if lower == "-" and s.started and j + 1 < self.end and self.w(j + 1).kind == "word":
                return _NEXT  # "late-night", "long-term"
            return _STOP
        if kind == "pron":
            return self.verb_after_relative(j) if s.started else _STOP
        if kind == "func":
            number = _OBJECT_PRONOUNS.get(lower)
            if s.frame and s.in_pp and not s.pp_started and number is not None:
                s.of_number = number  # "most of them", "all of it"
                s.pp_started = True
                s.pp_head = j
                return _NEXT
            return _STOP
        return self.on_word(s, j, word, lower)

    def on_determiner(self, s: _Subject, j: int) -> int:
        if s.in_pp:
            if s.pp_started:
                return _STOP
            if self.lower(j) in _COUNT_WORDS:  # "children under five": a number as a noun
                s.pp_head = j
                s.pp_started = True
            return _NEXT
        phrase = s.phrase
        if phrase.nominals:
            return _STOP  # "Keep a diary": a noun and then a determiner is not a subject
        if not phrase.has_det:
            phrase.has_det = True
            phrase.det = self.w(j).det_number
            phrase.counted = self.lower(j) in _COUNT_WORDS
        return _NEXT

    def on_preposition(self, s: _Subject, j: int) -> int:
        phrase = s.phrase
        if not s.in_pp and not phrase.nominals and self.lower(j - 1) in _DEMONSTRATIVES:
            phrase.nominals, phrase.head = 1, j - 1  # "those with RLS": a pronoun
        if not s.started or (self.lower(j) == "to" and self.infinitive(j)):
            return _STOP
        if s.frame and s.of_head < 0:
            s.of_head = s.pp_head  # "most of the salt in bread": salt
        s.in_pp = True
        s.pp_started = False
        return _NEXT

    def on_and(self, s: _Subject, j: int) -> int:
        if s.in_pp:
            # "start with a short fast and extend it": two verbs, not two nouns
            return _STOP if j + 1 < self.end and self.w(j + 1).verb_only else _NEXT
        phrase = s.phrase
        if not phrase.nominals or s.context not in {START, STRONG}:
            return _STOP
        if self.lower(s.first) in {"each", "every", "either", "neither"}:
            return _STOP
        if (self.lower(j - 1), self.lower(j + 1)) in self.g.singular_pairs:
            return _STOP  # "trial and error is"
        s.conjuncts.append(phrase)
        s.phrase = _Phrase()
        return _NEXT

    def on_word(self, s: _Subject, j: int, word: Word, lower: str) -> int:
        """An open-class word or a number (``word``, ``lower`` of token ``j``): part of the
        subject, or its verb?"""
        is_word = word.kind == "word"
        started = s.started
        if started and self.lower(j - 1) == "-" and self.toks[j - 1].end == self.toks[j].start:
            is_word = False  # "late-night", "De-duplicate": the second half of one word
        if not started:
            if (
                is_word
                and word.verb_only
                and not lower.endswith("ing")
                and not (word.past and s.in_pp)
            ):
                return _STOP  # "Ask your doctor", "that contains": no subject here
            if not s.in_pp:
                if is_word and word.past and not word.noun:
                    return _STOP
                if not s.phrase.has_det and not s.conjuncts and self.gerund(j):
                    return _STOP  # "Comparing editions is": the subject is a clause
        elif is_word:
            if word.past and (not word.noun or lower.endswith("ed")):
                nxt = self.w(j + 1) if j + 1 < self.end else None
                if not s.in_pp and self.modifier_follows(j):
                    s.in_pp = True  # "the vaccines used in the UK contain"
                    s.pp_started = True
                    s.pp_head = j
                    return _NEXT
                if not (nxt is not None and nxt.kind == "word" and nxt.noun):
                    return _STOP  # a past tense or a participle agrees with any subject
            elif (
                (word.third or word.base)
                and self.can_be_finite(j)
                and (word.verb_only or self.ambiguous_is_verb(j, s))
            ):
                return j
            elif not s.in_pp and self.modifier_follows(j):
                s.in_pp = True  # "foods high in fiber", "the vaccines used in the UK"
                s.pp_started = True
                s.pp_head = j
                return _NEXT
        if s.in_pp:
            s.pp_started = True
            s.pp_head = j
            return _NEXT
        phrase = s.phrase
        if word.kind == "num" or lower in _COUNT_WORDS:
            phrase.counted = True
        phrase.nominals += 1
        phrase.head = j
        return _NEXT

    # ---------------------------------------------------------------- the verdict

    def judge(self, s: _Subject, verb: int) -> Hit | None:
        """Compare the numbers of the subject read in ``s`` and of its verb at ``verb``."""
        verb_number = self.verb_number(verb)
        if verb_number is None:
            return None
        if s.frame is not None:
            hit = self.judge_frame(s, verb)
        elif s.conjuncts:
            hit = self.judge_compound(s, verb)
        else:
            hit = self.judge_phrase(s, verb, verb_number)
        if hit is None or hit.number == verb_number:
            return None
        return hit

    def judge_frame(self, s: _Subject, verb: int) -> Hit | None:
        assert s.frame is not None
        words = " ".join(s.frame)
        if s.frame_number != "of":
            number = s.frame_number or None
            reason = f"'{words} ...' takes a {number} verb"
            return Hit(SUBJECT_VERB, s.first, verb, words, number, reason) if number else None
        head = s.of_head if s.of_head >= 0 else (s.pp_head if s.pp_started else -1)
        if s.of_number is not None:
            number: str | None = s.of_number
        elif head >= 0:
            number = self.head_number(head)
            if number == SINGULAR and not self.w(head).known_noun:
                number = None  # singular only for a noun of the dictionary ("most of the salt")
        else:
            number = None
        if number is None or head < 0:
            return None
        shown = self.toks[head].text
        reason = f"after '{words}', the verb agrees with '{shown}', which is {number}"
        return Hit(SUBJECT_VERB, s.first, verb, shown, number, reason)

    def judge_compound(self, s: _Subject, verb: int) -> Hit | None:
        parts = [*s.conjuncts, s.phrase]
        if any(not part.nominals for part in parts):
            return None
        lead, second = parts[0], parts[1]
        if (
            not lead.has_det
            and lead.nominals == 1
            and second.nominals > 1
            and self.head_number(lead.head) != PLURAL
        ):
            return None  # "salt and sugar intake matters": salt may modify intake
        word = self.w(verb)
        if word.kind == "word" and word.noun and self.w(verb - 1).kind in {"word", "num"}:
            after = verb + 1
            if not (self.object_start(after) or (after < self.end and self.w(after).kind == "adv")):
                return None  # "pop field name and model type stacks during": a noun, perhaps
        reason = "two subjects joined by 'and' take a plural verb"
        return Hit(COMPOUND, s.first, verb, "", PLURAL, reason)

    def judge_phrase(self, s: _Subject, verb: int, verb_number: str) -> Hit | None:
        """The error of a subject of one noun phrase, if its number differs from the verb's
        (``verb_number``): none when they agree, before the other tests."""
        phrase = s.phrase
        head = phrase.head
        if head < 0:
            return None
        g = self.g
        lower = self.lower(head)
        if lower in g.quantity_nouns and self.lower(head + 1) == "of":
            return None  # "a large share of people have": the number of what follows
        number = self.head_number(head, phrase.counted)
        if number == verb_number:
            return None  # they agree
        shown = self.toks[head].text
        if number == PLURAL:
            if phrase.det == SINGULAR:
                return None  # "each ... symptoms": a mixed phrase we cannot read
        elif number == SINGULAR:
            if phrase.det == PLURAL or phrase.counted:
                return None
            if phrase.det != SINGULAR and not self.definite_singular(s, verb):
                return None
        else:
            return None
        reason = f"'{shown}' is {number}"
        return Hit(SUBJECT_VERB, s.first, verb, shown, number, reason)

    def definite_singular(self, s: _Subject, verb: int) -> bool:
        """Is a singular noun without "a", "each" ... ("research", "the risk") the subject?
        Only where a sentence or a strong clause starts (after "and" or a comma it is usually
        the last item of a list), only for a noun of the dictionary, not for an adjective used
        as a noun ("the elderly are") and not for an instruction ("Start with ... and extend")."""
        phrase = s.phrase
        head = phrase.head
        word = self.w(head)
        if s.context not in {START, STRONG} or not word.known_noun:
            return False
        if (
            phrase.nominals == 1
            and phrase.has_det
            and self.lower(head) in self.g.classes.adjectives
        ):
            return False
        instruction = not phrase.has_det and head == s.first and word.base
        return not (instruction and self.w(verb).kind == "word")

    def frame_at(self, i: int) -> tuple[tuple[str, ...], str] | None:
        """The frame starting at ``i`` ("each of", "the number of", "40% of"), if any."""
        k = i - self.start  # i is in the sentence
        lower = self.lowers[k]
        if self.words[k].kind == "num" and self.lower(i + 1) in {"%", "percent"}:
            if self.lower(i + 2) == "of":
                return (lower, self.lower(i + 1), "of"), "of"
            return None
        frames = self.g.frame_starts.get(lower)
        if frames is None:
            return None
        for words, number in frames:
            # a frame running past the sentence's end is cut short here, so it does not match
            # (as ``lower`` gives "" there, never a frame's word)
            if tuple(self.lowers[k : k + len(words)]) == words:
                return words, number
        return None

    # ---------------------------------------------------------------- where clauses start

    def starts(self) -> Iterator[tuple[int, str]]:
        """Every place a subject may start, with its context."""
        words, lowers, start = self.words, self.lowers, self.start
        i = 0
        while i < len(words) and words[i].kind == "punct":
            i += 1
        yield start + i, START
        # A clause starts after token n only if n is a word of ``Grammar.marked`` (every case
        # of ``context_after`` but SOFT needs one) or, for SOFT, n + 1 is a frame's first word
        # (marked too): the tokens near no marked one are passed over, and an unmarked token
        # before a marked one can only be SOFT.
        frame_starts = self.g.frame_starts
        last = len(words) - 1
        before = -1
        for mark in self.marks:
            n = mark - start
            if n - 1 > before and lowers[n] in frame_starts and self.soft_after(n - 1):
                yield mark, SOFT
            if n < last:
                context = self.context_after(n)
                if context is not None:
                    yield mark + 1, context
            before = n

    def soft_after(self, n: int) -> bool:
        """Does the ``n``-th token of the sentence, before a frame's first word, start a
        frame (``SOFT``): a noun that cannot be a verb ("during pregnancy the number of")?"""
        word = self.words[n]
        return (
            word.kind == "word"
            and word.known_noun
            and not word.verbal
            and not word.adjective
            and not self.lowers[n].endswith("ing")
        )

    def context_after(self, n: int) -> str | None:
        """The context of a clause that starts after the ``n``-th token of the sentence (not
        its last), a word of ``Grammar.marked``, or None."""
        g = self.g
        lowers = self.lowers
        word = self.words[n]
        lower = lowers[n]
        kind = word.kind
        if kind == "punct":
            if lower in _CLAUSE_PUNCT:
                return START
            return COMMA if lower == "," else None
        if lower == "and" or lower == "or":
            # ", and the symptoms ...", not "women and men"
            return COORD if n and lowers[n - 1] == "," else None
        if lower in g.weak_openers:
            return WEAK
        if lower in g.strong_openers and self.strong_opener_ends(self.start + n):
            return STRONG
        if lower in g.reporting_verbs and not (n and lowers[n - 1] == "-"):
            return REPORT  # "found [that] 46% of patients has"
        return SOFT if lowers[n + 1] in g.frame_starts and self.soft_after(n) else None

    def opener_before(self, i: int) -> bool:
        """Does a clause start right before token ``i`` (for pronouns and "there")?"""
        p = i - 1
        if p < self.start:
            return True
        before = self.lower(p)
        return (
            before in _CLAUSE_PUNCT
            or before == ","
            or before in self.g.weak_openers
            or self.strong_opener_ends(p)
            or (self.w(p).kind == "punct" and p == self.start)
        )

    def strong_opener_ends(self, j: int) -> bool:
        """Does a strong opener ("because", "even though") end at token ``j``?"""
        phrases = self.g.strong_openers.get(self.lower(j))
        if phrases is None:
            return False
        for phrase in phrases:
            n = len(phrase)
            if n == 1 or all(self.lower(j - n + 1 + k) == phrase[k] for k in range(n - 1)):
                return phrase != ("that",) or self.complementizer(j)
        return False

    def complementizer(self, j: int) -> bool:
        """Does the "that" at ``j`` start a clause with a subject of its own ("found that
        triggers vary")? Not after a noun phrase, where it starts a relative clause ("the nerve
        damage that diabetes causes is"), and not before a possible verb ("a condition that
        affects nerves"), unless a verb comes before it."""
        if j + 1 >= self.end:
            return False
        nxt = self.w(j + 1)
        if nxt.kind == "word" and nxt.verbal:
            return j > self.start and self.w(j - 1).verb_only
        if nxt.kind not in {"det", "word", "num"}:
            return False
        p = j - 1
        if p < self.start or self.w(p).kind in {"aux", "modal"} or self.third(p) or self.w(p).past:
            return True
        while p >= self.start and self.w(p).kind in {"word", "num"}:
            p -= 1
        return not (p >= self.start and self.w(p).kind == "det")

    # ---------------------------------------------------------------- who, pronouns, there

    def relative_at(self, j: int) -> Hit | None:
        """A "who" at ``j``: does its verb agree with the noun before it?"""
        p = j - 1
        if p < self.start or j + 1 >= self.end:
            return None
        window = self.lowers[max(0, p - 6 - self.start) : p - self.start]
        if "one" in window and "of" in window:
            return None  # "one of the people who has": usage differs
        lower = self.lower(p)
        if lower in self.g.person_singulars:
            number: str | None = SINGULAR
        elif lower == "those":
            number = PLURAL
        elif self.w(p).kind == "word" and not self.proper(p):
            number = self.head_number(p)
            if number == SINGULAR:
                det = p - 1
                while det > self.start and self.w(det).kind == "word" and self.w(det).adjective:
                    det -= 1
                if self.w(det).det_number != SINGULAR:
                    number = None  # "a person who", "each patient who"; not "the staff who"
        else:
            number = None
        k = self.skip_adverbs(j + 1)
        if number is None or not self.verb_like(k) or self.proper(k):
            return None
        verb_number = self.verb_number(k)
        if verb_number is None or verb_number == number:
            return None
        shown = self.toks[p].text
        reason = f"'who' refers to '{shown}', which is {number}"
        return Hit(RELATIVE, p, k, shown, number, reason)

    def pronoun_at(self, j: int) -> Hit | None:
        """A subject pronoun at ``j`` where a clause starts, and the verb after it."""
        number = self.g.pronouns.get(self.lower(j))
        if number is None:
            return None
        p = j - 1
        while p >= self.start and self.w(p).kind == "adv" and self.lower(p) != "not":
            p -= 1
        if not self.opener_before(p + 1):
            return None
        subjunctive = self.lower(p) in {"that", "lest"}
        k = self.skip_adverbs(j + 1)
        if self.lower(k) in {"all", "both", "each"}:  # "they all have"
            k = self.skip_adverbs(k + 1)
        if not self.verb_like(k) or self.proper(k):
            return None
        verb = self.lower(k)
        word = self.w(k)
        verb_number = self.verb_number(k)
        if verb_number is None or verb == "were":
            return None  # "if it were", "as it were"
        if number in {PLURAL, YOU} and self.third(k) and word.noun and self.verb_like(k + 1):
            return None  # "we doctors recommend"
        if number == SINGULAR:
            wrong = verb_number == PLURAL and not subjunctive  # "recommend that she take"
        elif number == FIRST:
            wrong = verb in {"is", "are", "has", "does"} or (
                word.kind == "word" and verb_number == SINGULAR
            )
        else:
            wrong = verb_number == SINGULAR
        if not wrong:
            return None
        return Hit(PRONOUN, j, k, self.toks[j].text, number, "")

    def there_at(self, j: int) -> Hit | None:
        """ "there is" + a plural, "there are" + "a" and a singular noun."""
        if j + 1 >= self.end or not self.opener_before(j):
            return None
        k = j + 1
        verb = self.lower(k)
        if verb in {"has", "have"} and self.lower(k + 1) == "been":
            n = k + 2
        elif verb in {"is", "was", "are", "were", "'s"}:
            n = k + 1
        else:
            return None
        n = self.skip_adverbs(n)
        if n >= self.end:
            return None
        if verb in {"is", "was", "'s", "has"}:
            return self.there_singular(j, k, n)
        return self.there_plural(j, k, n)

    def there_singular(self, j: int, k: int, n: int) -> Hit | None:
        word = self.w(n)
        lower = self.lower(n)
        if word.det_number == PLURAL and lower not in {"these", "those"}:
            return Hit(THERE, j, k, lower, PLURAL, "")  # "there is several"
        if word.kind == "det":
            if word.det_number == SINGULAR:
                return None
            n += 1
        head = self.noun_run(n)
        if head < 0 or self.w(head).verbal:
            return None
        if self.head_number(head) != PLURAL:
            return None
        return Hit(THERE, j, k, self.toks[head].text, PLURAL, "")

    def there_plural(self, j: int, k: int, n: int) -> Hit | None:
        if self.lower(n) not in {"a", "an"} or self.lower(n + 1) in self.g.quantity_nouns:
            return None
        head = self.noun_run(n + 1)
        if head < 0 or self.head_number(head) != SINGULAR:
            return None
        return Hit(THERE, j, k, self.toks[head].text, SINGULAR, "")

    def noun_run(self, n: int) -> int:
        """The last of the nouns from ``n`` on, if they end a simple phrase (not before "of",
        "and", "or" or a hyphen); -1 otherwise."""
        head = -1
        while n < self.end and self.w(n).kind == "word" and self.w(n).noun:
            head = n
            n += 1
        if self.lower(n) in {"of", "and", "or", "-"}:
            return -1
        return head


# --------------------------------------------------------------------------- verb forms


def corrected_verb(grammar: Grammar, verb: str, number: str) -> str | None:
    """``verb`` in the form that agrees with a subject of ``number`` (case kept), or None."""
    lower = verb.lower().translate(_APOSTROPHE)
    fixed: str | None
    if number == FIRST:
        fixed = {"is": "am", "are": "am", "has": "have", "does": "do"}.get(lower)
        if fixed is None and lower.endswith("s"):
            fixed = _base_of(grammar, lower)
    elif lower in grammar.verb_forms:
        form_number, swap = grammar.verb_forms[lower]
        fixed = swap if form_number != number and swap else None
    elif number in {PLURAL, YOU}:
        fixed = _base_of(grammar, lower)
    else:
        fixed = _third_of(lower)
    return _match_case(verb, fixed) if fixed else None


def _base_of(grammar: Grammar, lower: str) -> str | None:
    """The base form of an -s verb: "varies" -> "vary", "goes" -> "go", "stages" -> "stage"."""
    verbs = grammar.classes.verbs
    irregular = grammar.classes.irregular_verbs.get(lower)
    if irregular is not None:
        return irregular
    if lower.endswith("ies") and lower[:-3] + "y" in verbs:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes", "oes")) and lower[:-2] in verbs:
        return lower[:-2]
    if lower[:-1] in verbs:
        return lower[:-1]
    if lower[:-2] in verbs:
        return lower[:-2]
    return lower[:-1] if lower.endswith("s") else None


def _third_of(lower: str) -> str:
    """The -s form of a base verb: "contain" -> "contains", "vary" -> "varies"."""
    special = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if lower in special:
        return special[lower]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return lower + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return lower[:-1] + "ies"
    return lower + "s"


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --------------------------------------------------------------------------- the check


@check(*RULES)
def find_agreement(analysis: Analysis) -> Iterator[Finding]:
    """One finding per verb that does not agree with its subject."""
    if all(rule.id in analysis.rulebook.disabled for rule in RULES):
        return
    grammar = grammar_of(analysis.rulebook)
    blocks = analysis.document.blocks
    read = [read_block(doc) for doc in analysis.docs]
    names = _names(read, [block.kind for block in blocks])
    for index, (doc, block) in enumerate(zip(analysis.docs, read, strict=True)):
        if len(block.toks) < 2 or blocks[index].kind in SKIPPED_BLOCKS:
            continue
        toks = block.toks
        words = grammar.read(toks)
        for sentence in block_sentences(doc, block):
            start, end = sentence.start_token, sentence.end_token
            for hit in sentence_hits(grammar, toks, start, end, names, words):
                yield _finding(analysis, grammar, index, toks, block.text, hit)


SKIPPED_BLOCKS = frozenset({"table_cell"})
"""Blocks that hold fragments rather than sentences."""


def _names(read: Sequence[BlockTokens], kinds: Sequence[str]) -> frozenset[str]:
    """Words the document capitalises in mid-sentence in its prose (not in headings, where
    Title Case capitalises everything): names, so "Requests" at a sentence start is one too."""
    names = set()
    for block, kind in zip(read, kinds, strict=True):
        if kind not in {"paragraph", "list_item"}:
            continue
        for tok, first in zip(block.toks, block.sent_starts, strict=True):
            text = tok.text
            if first != 1 and text[:1].isupper() and not text.isupper():
                names.add(tok.lower)
    return frozenset(names)


def sentence_hits(
    grammar: Grammar,
    toks: Sequence[Tok],
    start: int,
    end: int,
    names: frozenset[str] = frozenset(),
    block: BlockWords | None = None,
) -> Iterator[Hit]:
    """The agreement errors of the sentence ``toks[start:end]``, one per verb; ``names`` are
    the words the document writes as names (see ``_names``), ``block`` is ``grammar.read(toks)``
    (read here if not given)."""
    if end - start < 2:
        return
    if block is None:
        block = grammar.read(toks)
    reader = Reader(grammar, toks, start, end, names, block)
    seen: set[int] = set()
    pronouns = grammar.pronouns
    lowers = block.lowers
    for j in reader.marks:  # "who", the pronouns and "there" are marked: the others pass
        lower = lowers[j]
        if lower == "who":
            hit = reader.relative_at(j)
        elif lower in pronouns:
            hit = reader.pronoun_at(j)
        elif lower == "there":
            hit = reader.there_at(j)
        else:
            continue
        if hit is not None and hit.verb not in seen:
            seen.add(hit.verb)
            yield hit
    for position, context in reader.starts():
        if position >= end:
            continue
        hit = reader.subject_at(position, context)
        if hit is not None and hit.verb not in seen:
            seen.add(hit.verb)
            yield hit


_NUMBER_NAMES = {SINGULAR: "singular", PLURAL: "plural", YOU: "'you'", FIRST: "'I'"}


def _finding(
    analysis: Analysis, grammar: Grammar, block: int, toks: Sequence[Tok], text: str, hit: Hit
) -> Finding:
    rule = hit.rule
    verb_tok = toks[hit.verb]
    start, end = toks[hit.first].start, verb_tok.end
    verb = verb_tok.text
    fixed = corrected_verb(grammar, verb, hit.number)
    suggestion = text[start : verb_tok.start] + fixed if fixed else None
    write = f"write '{fixed}'" if fixed else "change the verb"
    if rule is PRONOUN:
        message = (
            f"'{verb}' does not go with '{hit.subject}': {write}. This form reads as speech or "
            "dialect in a health article."
        )
    elif rule is THERE:
        message = (
            f"After 'there', the verb agrees with the noun that follows: '{hit.subject}' is "
            f"{_NUMBER_NAMES[hit.number]}, so {write}."
        )
    elif rule is COMPOUND:
        message = f"'{verb}' is singular, but {hit.reason}: {write}."
    else:
        message = f"'{verb}' does not agree with its subject: {hit.reason}, so {write}."
    safe = rule is PRONOUN and verb_tok.lower in grammar.verb_forms and suggestion is not None
    return analysis.finding(
        rule,
        message=message,
        block=block,
        start=start,
        end=end,
        suggestions=(suggestion,) if suggestion else (),
        replacement=suggestion if safe else None,
    )
