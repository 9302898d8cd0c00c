"""Causal readings: strength, cue, cause/effect, hedged, negated, intensity; and the lexicon.

All sentences are written for these tests. Each assertion names the attribute it protects.
"""

from __future__ import annotations

import time
from importlib.resources import files

import pytest
import yaml

from factlint.claims import (
    ClaimLexicon,
    classify_sentence,
    extract_claims,
    load_default_lexicon,
)
from factlint.claims.lexicon import read_lexicon_yaml
from factlint.document import Document, verbatim_block
from factlint.nlp import get_pipeline


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return load_default_lexicon()


def read(sentence: str, lexicon: ClaimLexicon):
    return classify_sentence(sentence, lexicon)


@pytest.mark.parametrize(
    ("sentence", "strength", "cue"),
    [
        ("The clinic is open on weekends.", "none", None),
        ("Fatigue is common after a long flight.", "none", None),
        ("Obesity is associated with knee pain.", "correlational", "associated with"),
        ("Gout has been linked to kidney stones.", "correlational", "linked to"),
        ("Smokers are more likely to develop ulcers.", "correlational", "more likely"),
        ("Nurses had a higher prevalence of back pain.", "correlational", "higher prevalence"),
        ("There is a connection between asthma and eczema.", "correlational", "connection"),
        ("Poor sleep may cause headaches.", "conditional_causal", "cause"),
        ("Magnesium might reduce muscle cramps.", "conditional_causal", "reduce"),
        ("Stress could play a role in flare-ups.", "conditional_causal", "play a role in"),
        ("The drug appears to improve walking distance.", "conditional_causal", "improve"),
        ("Smoking causes lung cancer.", "direct_causal", "causes"),
        ("Dehydration leads to kidney stones.", "direct_causal", "leads to"),
        ("Heavy drinking increases the risk of stroke.", "direct_causal", "increases"),
        ("Cold weather triggers joint pain.", "direct_causal", "triggers"),
        ("Skipping doses results in relapse.", "direct_causal", "results in"),
        ("Daily stretching prevents cramps.", "direct_causal", "prevents"),
        ("Walking improves balance in older adults.", "direct_causal", "improves"),
    ],
)
def test_strength_and_cue(sentence, strength, cue, lexicon):
    reading = read(sentence, lexicon)
    assert reading.strength == strength
    assert reading.cue == cue


def test_cause_and_effect_follow_word_order(lexicon):
    reading = read("Heavy drinking increases the risk of stroke.", lexicon)
    assert reading.cause == "Heavy drinking"
    assert reading.effect == "risk of stroke"


def test_cause_starts_after_a_reporting_verb_and_skips_raising_words(lexicon):
    reading = read("Many people believe sugar causes hyperactivity.", lexicon)
    assert (reading.cause, reading.effect) == ("sugar", "hyperactivity")
    reading = read("Fish oil has been shown to lower triglycerides.", lexicon)
    assert reading.strength == "direct_causal"
    assert reading.cause == "Fish oil"


def test_passive_with_agent_swaps_cause_and_effect(lexicon):
    reading = read("Most cases are caused by iron deficiency.", lexicon)
    assert reading.strength == "direct_causal"
    assert reading.cause == "iron deficiency"
    assert reading.effect == "Most cases"


def test_connection_between_splits_its_two_sides(lexicon):
    reading = read("There is a connection between asthma and eczema.", lexicon)
    assert (reading.cause, reading.effect) == ("asthma", "eczema")


def test_adjectival_change_words_are_not_causal_verbs(lexicon):
    reading = read("Patients with reduced sleep had an increased risk of falls.", lexicon)
    assert reading.strength == "correlational"


def test_measured_difference_without_agent_is_correlational(lexicon):
    assert read("Iron levels were reduced in these patients.", lexicon).strength == "correlational"
    assert read("Iron levels were reduced by the new diet.", lexicon).strength == "direct_causal"


def test_purpose_and_hypotheticals_claim_nothing(lexicon):
    assert read("Doctors prescribe iron to reduce symptoms.", lexicon).strength == "none"
    reading = read("More research is needed to determine whether zinc prevents colds.", lexicon)
    assert reading.strength == "none"
    assert reading.hedged  # "whether" speculates


@pytest.mark.parametrize(
    "sentence", ["Cut down on caffeine before bed.", "Limit alcohol to reduce flares."]
)
def test_instructions_are_not_claims(sentence, lexicon):
    assert read(sentence, lexicon).strength == "none"


def test_a_question_is_not_a_claim(lexicon):
    assert read("Does coffee cause heart disease?", lexicon).strength == "none"


def test_claim_opener_picks_the_reported_claim(lexicon):
    reading = read("The survival benefit suggests that screening may improve outcomes.", lexicon)
    assert reading.strength == "conditional_causal"
    assert reading.cue == "improve"


# --------------------------------------------------------------------------- modifiers


@pytest.mark.parametrize(
    "sentence",
    [
        "These results suggest that sleep matters for mood.",
        "It is unclear whether the two conditions share a cause.",
        "Low vitamin D may be a marker of poor health.",
        "The rash is probably viral.",
    ],
)
def test_hedged_sentences(sentence, lexicon):
    assert read(sentence, lexicon).hedged


@pytest.mark.parametrize(
    "sentence",
    [
        "Smoking causes lung cancer.",
        "Women are more likely than men to report migraine.",
        "The enzyme could not be detected in any sample.",
    ],
)
def test_unhedged_sentences(sentence, lexicon):
    assert not read(sentence, lexicon).hedged


def test_negated_direct_claim_keeps_its_strength(lexicon):
    reading = read("Vaccines do not cause autism.", lexicon)
    assert reading.strength == "direct_causal"
    assert reading.negated


def test_no_evidence_that_negates_the_claim(lexicon):
    reading = read("There is no evidence that garlic cures infections.", lexicon)
    assert reading.negated
    assert reading.cue == "cures"


def test_superseded_belief_is_negated_and_hedged(lexicon):
    reading = read(
        "Poor circulation was once thought to cause the disorder, but both of these ideas "
        "have been rejected.",
        lexicon,
    )
    assert reading.strength == "direct_causal"
    assert reading.cue == "cause"
    assert reading.negated
    assert reading.hedged


def test_negation_scope_ends_at_a_terminator(lexicon):
    reading = read("The drug does not cure the disease, but it relieves pain quickly.", lexicon)
    assert reading.cue == "cure"
    assert reading.negated
    reading = read("Although it is not approved, the cream reduces itching.", lexicon)
    assert reading.cue == "reduces"
    assert not reading.negated


def test_pseudo_negation_does_not_negate(lexicon):
    reading = read("Exercise not only improves mood but also helps sleep.", lexicon)
    assert reading.strength == "direct_causal"
    assert not reading.negated


@pytest.mark.parametrize(
    ("sentence", "intensity"),
    [
        ("There is a strong connection between gout and diet.", "strong connection"),
        ("Doctors now see a clear link between sleep and weight.", "clear link"),
        ("It has been proven that this tea cures colds.", "proven"),
        ("Obesity is associated with knee pain.", None),
    ],
)
def test_intensity(sentence, intensity, lexicon):
    assert read(sentence, lexicon).intensity == intensity


# --------------------------------------------------------------------------- claims


def _claims(*paragraphs: str, lexicon: ClaimLexicon):
    blocks, offset = [], 0
    for text in paragraphs:
        blocks.append(verbatim_block(text, offset))
        offset += len(text) + 2
    document = Document("t.md", "markdown", "\n\n".join(paragraphs), tuple(blocks))
    docs = list(get_pipeline().pipe(list(paragraphs)))
    return [c for c in extract_claims(document, docs, lexicon) if c.kind == "causal"]


def test_only_sentences_with_a_cue_become_causal_claims(lexicon):
    text = "The clinic opens at nine. Stress may trigger flares. Rest helps."
    found = _claims(text, lexicon=lexicon)
    assert [c.get("strength") for c in found] == ["conditional_causal", "direct_causal"]
    first = found[0]
    assert first.text == "Stress may trigger flares"
    assert (first.sentence_start, first.sentence_end) == (26, 52)
    assert text[first.sentence_start : first.sentence_end] == "Stress may trigger flares."
    assert first.get("cue") == "trigger"
    assert first.get("hedged") is True
    assert first.get("negated") is False


@pytest.mark.parametrize(
    "sentence",
    [
        "The clinic opens at nine.",
        "Stress may trigger flares.",
        "Rest helps.",
        "Sugar does not cause hyperactivity.",
        "Levels were reduced in patients who slept well.",
        "Researchers believe that it is unclear whether gluten causes pain.",
        "Used to reduce pain, the drug is safe.",
        "The American Heart Association says salt raises blood pressure.",
        "Studies suggest that exercise may improve mood, which reduces stress.",
    ],
)
def test_claim_reading_is_read_tokens_without_the_none_readings(sentence, lexicon):
    """``claim_reading`` skips work on sentences without a claim: it must read the others
    exactly as ``read_tokens`` does, and leave out only readings of strength none."""
    from factlint.claims.causal import claim_reading, read_tokens
    from factlint.claims.lexicon import tokens_of

    toks = tokens_of(get_pipeline()(sentence))
    full = read_tokens(toks, lexicon, sentence)
    reading = claim_reading(toks, lexicon, sentence)
    assert reading == (None if full.strength == "none" else full)


# --------------------------------------------------------------------------- lexicon


def test_default_lexicon_is_a_schema_shaped_rule_pack():
    data = yaml.safe_load((files("factlint.rules") / "lexicons.yaml").read_text("utf-8"))
    assert set(data) == {"lexicons"}
    for name, entries in data["lexicons"].items():
        assert isinstance(entries, list), name
        for entry in entries:
            assert isinstance(entry, (str, dict)), (name, entry)


def test_lexicon_is_data_a_pack_can_extend_it(lexicon):
    sentence = "Sugar fuels inflammation."
    assert read(sentence, lexicon).strength == "none"
    text = (files("factlint.rules") / "lexicons.yaml").read_text("utf-8")
    mapping = dict(read_lexicon_yaml(text))
    mapping["causal_direct"] = [*mapping["causal_direct"], {"pattern": "fuel", "verb": True}]
    extended = ClaimLexicon.from_mapping(mapping)
    assert read(sentence, extended).strength == "direct_causal"


def test_yaml_values_that_are_not_patterns_are_rejected():
    with pytest.raises(ValueError, match="negations"):
        ClaimLexicon.from_mapping({"negations": [False]})  # an unquoted `no` in YAML


def test_pattern_syntax_capitals_optional_words_and_gaps():
    lexicon = ClaimLexicon.from_mapping(
        {
            "organisations": ["WHO"],
            "causal_direct": ["raise the? odds", "put ... at ... risk", "cut * risk"],
            "intensifiers": ["well-established link"],
        }
    )
    nlp = get_pipeline()
    from factlint.claims.lexicon import tokens_of

    assert lexicon.organisations.find(tokens_of(nlp("The WHO said so.")))
    assert not lexicon.organisations.find(tokens_of(nlp("People who said so.")))
    assert lexicon.causal_direct.find(tokens_of(nlp("It raised odds sharply.")))
    assert lexicon.causal_direct.find(tokens_of(nlp("This puts older adults at greater risk.")))
    assert lexicon.causal_direct.find(tokens_of(nlp("Walking cuts stroke risk.")))
    assert not lexicon.causal_direct.find(tokens_of(nlp("Walking cuts risk.")))
    # spaCy splits "well-established" into three tokens; the pattern still matches
    assert lexicon.intensifiers.find(tokens_of(nlp("There is a well-established link.")))


def test_a_lexicon_compiled_after_reading_finds_its_cues_in_tokens_read_before():
    """A lexicon with keys no other lexicon has gets a new registry bit: token lists indexed
    before it are indexed again, and cached word forms learn the new bit."""
    from factlint.claims.lexicon import PatternSet, read_block, tokens_of

    doc = get_pipeline()("Quokkas Zorbify wombats. Then quokkas zorbify marsupials.")
    toks = tokens_of(doc)
    part = toks.part(4, len(toks))
    late = PatternSet("late", ["zorbify wombat|marsupial", "quokkas"])
    found = late.find(toks)
    assert [(m.start, m.end) for m in found] == [(0, 1), (1, 3), (5, 6), (6, 8)]
    assert found[1].cue.pattern == "zorbify wombat|marsupial"
    assert late.may_match(part) and late.find(part) == late.find(toks[4:])  # a plain list
    assert [(m.start, m.end) for m in late.find(part)] == [(1, 2), (2, 4)]
    again = read_block(get_pipeline()("Zorbify wombats."))  # forms cached before `late`
    assert [m.end for m in late.find(again.toks)] == [2]


def test_read_block_reads_text_offsets_and_forms_as_spacy_has_them():
    from factlint.claims.lexicon import read_block

    doc = get_pipeline()("Studies  show the WHO said 12 things.\nNew line here ")
    block = read_block(doc)
    assert block.text == doc.text
    assert [t.text for t in block.toks] == [t.text for t in doc]
    assert [t.lower for t in block.toks] == [t.lower_ for t in doc]
    assert [(t.start, t.end) for t in block.toks] == [(t.idx, t.idx + len(t)) for t in doc]
    assert block.toks[0].lemma == "study"  # capitalised, looked up again in lowercase
    assert block.toks[4].keys == ("=WHO",)  # an acronym: not the pronoun
    assert block.toks[6].is_num and "<num>" in block.toks[6].keys
    assert read_block(doc) is block


def test_classification_is_fast_and_linear(lexicon):
    sentence = "Heavy drinking may increase the risk of stroke, but not of migraine. " * 200
    doc = get_pipeline()(sentence)
    start = time.perf_counter()
    classify_sentence(doc[:], lexicon)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0  # 2,800 tokens in one "sentence": no quadratic blow-up


# --------------------------------------------------------------- everyday health wording


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("A warm bath relaxes the muscles.", "relaxes"),
        ("Chamomile soothes an upset stomach.", "soothes"),
        ("Fiber nourishes the lining of the colon.", "nourishes"),
        ("The new tablet stops the twitching.", "stops"),
        ("Stress shuts down your digestion.", "shuts down"),
        ("Blue light robs you of deep sleep.", "robs you of"),
        ("Too much sugar does the damage.", "does the damage"),
    ],
)
def test_everyday_verbs_of_effect_are_direct_claims(sentence, cue, lexicon):
    reading = read(sentence, lexicon)
    assert (reading.strength, reading.cue) == ("direct_causal", cue)


def test_everyday_verbs_keep_their_other_uses(lexicon):
    # an adjective after "were", a modifier, a bare "stop" in a relative clause
    assert read("They were well nourished at the start.", lexicon).strength == "none"
    assert read("The town added traffic calming measures.", lexicon).strength == "none"
    assert read("People who stop smoking live longer.", lexicon).cue != "stop"


def test_a_single_capital_letter_is_not_have(lexicon):
    # the lemma table reads "D" as "'d" (have); "Vitamin D prevents" is still a verb
    reading = read("Vitamin D prevents colds.", lexicon)
    assert (reading.strength, reading.cue) == ("direct_causal", "prevents")
    assert read("Vitamin D has prevented colds.", lexicon).strength == "direct_causal"


def test_a_gerund_after_that_is_a_subject_not_the_claim(lexicon):
    reading = read("Scientists found that blocking the receptor switches migraine off.", lexicon)
    assert reading.cue == "switches migraine off"
    assert reading.cause == "blocking the receptor"
    assert reading.effect == "migraine"  # a cue that wraps its object has it as the effect
    # the gerund still counts when it is the only cue
    assert read("They found that blocking the receptor.", lexicon).strength == "direct_causal"


def test_a_relative_pronoun_takes_the_cause_from_the_noun_before_it(lexicon):
    reading = read("Capsules add piperine, which increases absorption.", lexicon)
    assert reading.cause is not None and reading.cause.endswith("piperine")
    reading = read("Sweets contain additives that overstimulate the nerves.", lexicon)
    assert reading.cause is not None and reading.cause.endswith("additives")
    assert reading.effect == "nerves"
    # a determiner "that" after the verb is part of the effect
    assert read("Exercise calms that inflammation.", lexicon).effect == "inflammation"


def test_deaths_counted_are_a_statistic_not_a_causal_claim(lexicon):
    assert read("Influenza kills 650,000 people every year.", lexicon).strength == "none"
    assert read("Influenza kills older adults.", lexicon).strength == "direct_causal"


def test_the_reason_for_a_recommendation_is_a_claim(lexicon):
    reading = read("Doctors recommend it because it relaxes the muscles.", lexicon)
    assert (reading.strength, reading.cue) == ("direct_causal", "relaxes")
    assert read("Doctors recommend that you relax the muscles.", lexicon).strength == "none"


def test_lets_is_an_invitation_not_a_claim(lexicon):
    assert read("Let's clear up some common myths.", lexicon).strength == "none"
    assert read("This cream clears up eczema.", lexicon).strength == "direct_causal"


def test_curly_apostrophe_negation_and_myths_negate(lexicon):
    assert read("Magnesium doesn’t cure insomnia.", lexicon).negated
    assert read("Myth 2: the flu shot causes flu.", lexicon).negated
    assert read("There is no good evidence that sprays raise magnesium levels.", lexicon).negated
    assert not read("The flu shot prevents flu.", lexicon).negated


def test_read_cue_reads_a_later_claim_of_the_sentence(lexicon):
    from factlint.claims.causal import cue_matches, read_cue
    from factlint.claims.lexicon import tokens_of

    doc = get_pipeline()("Fasting triggers autophagy, which may reverse aging.")
    toks = tokens_of(doc)
    starts = [match.start for match in cue_matches(toks, lexicon)]
    assert [toks[i].text for i in starts] == ["triggers", "reverse"]
    assert read_cue(toks, lexicon, starts[0], doc.text).strength == "direct_causal"
    later = read_cue(toks, lexicon, starts[1], doc.text)
    assert (later.strength, later.cue) == ("conditional_causal", "reverse")
    assert read_cue(toks, lexicon, 0, doc.text).strength == "none"  # no cue there


def test_modifiers_say_what_a_sentence_asserts(lexicon):
    from factlint.claims.causal import modifiers
    from factlint.claims.lexicon import tokens_of

    def scopes(text):
        return modifiers(tokens_of(get_pipeline()(text)), lexicon)

    mods = scopes("No supplement is completely safe.")
    assert not mods.asserts(3)  # "completely" is denied
    mods = scopes("It is completely safe.")
    assert mods.asserts(2)
    # a forward hedge after a claim does not hedge it; a backward one does
    mods = scopes("Screens suppress melatonin, so the body thinks it is day.")
    assert not mods.hedge(1)
    mods = scopes("Screens suppress melatonin, though that is not clear.")
    assert mods.hedge(1)
    # a new clause after ", and" ends a hedge's scope
    mods = scopes("Symptoms may come and go, and inflammation is the thread.")
    assert not mods.asserts(1) and mods.asserts(9)
