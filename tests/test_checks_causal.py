"""unsupported-causal: cause-and-effect claims and overstated links with no source nearby.

True positives (a direct claim, an overstated link, causal language for an observational
study), near misses (hedged, negated, definitional, symptom descriptions, sourced claims,
instructions, headings), the distance setting, one finding per sentence, and the explain page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.engine import Linter
from factlint.findings import Finding

RULE = "unsupported-causal"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=[RULE])


def found(text: str, linter: Linter) -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.rule == RULE]


@pytest.mark.parametrize(
    "text",
    [
        "Inflammation causes nerve damage in the legs.",
        "Treating the underlying autoimmune disorder can also improve RLS symptoms.",
        "Gluten causes fibromyalgia flares in most patients.",
        "Blue light from phones causes insomnia.",
        "Blue light destroys your melatonin.",
        "Bone broth repairs the gut lining.",
        "A drop in air pressure sets off an attack.",
        "A small drop in pressure is enough to set off an attack.",  # "enough to" + cause
        "Cinnamon makes your cells more sensitive to insulin.",
        "Sugar makes children hyperactive.",
        "Lemon water flushes out toxins.",
    ],
)
def test_direct_causal_claims_without_a_source(linter: Linter, text: str) -> None:
    (finding,) = found(text, linter)
    assert "states a cause as fact" in finding.message


def test_a_root_cause_is_a_cause_named_as_settled_fact(linter: Linter) -> None:
    (finding,) = found("Poor gut health is the root cause of most skin problems.", linter)
    assert finding.excerpt == "is the root cause"
    assert "names a cause as settled fact" in finding.message
    assert found("Poor gut health may be one cause of skin problems.", linter) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("There is a strong link between RLS and lupus.", "strong link"),
        ("Recent work shows a clear connection between RLS and migraine.", "clear connection"),
    ],
)
def test_overstated_links(linter: Linter, text: str, words: str) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt == words
    assert "overstates" in finding.message


def test_causal_language_for_an_observational_study_even_when_cited(linter: Linter) -> None:
    text = "A cross-sectional study (Lee et al., 2019) showed that coffee causes insomnia."
    (finding,) = found(text, linter)
    assert finding.message.startswith("Causal language for a correlational study")
    assert "cross-sectional" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Inflammation may be associated with nerve damage.",  # hedged correlational
        "Low iron is linked to RLS.",  # correlational, not overstated
        "Inflammation does not cause nerve damage.",  # negated
        "There is no clear link between vaccines and autism.",  # negated overstatement
        "Fibromyalgia is a condition that causes widespread pain.",  # definition
        "Restless legs syndrome is a neurological disorder that causes an urge to move.",
        "SFPN causes widespread pain similar to fibromyalgia.",  # symptom description
        "Sitting still worsens the sensations.",
        "Iron deficiency can cause RLS (Allen et al., 2018).",  # sourced
        "Exercise can help manage symptoms.",  # everyday consequence
        "Your doctor will usually reduce the dose over a week.",  # instruction
        "Peripheral neuropathy (nerve damage, often caused by diabetes) is common.",  # gloss
        "A cross-sectional study found that RLS is more common in fibromyalgia.",
        "Researchers hope to find out whether iron reduces symptoms.",  # a question
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_headings_name_topics_not_claims(linter: Linter) -> None:
    assert found("# How salt raises blood pressure\n\nSome text here.\n", linter) == []


def test_one_finding_per_sentence(linter: Linter) -> None:
    text = "Sugar causes diabetes, and salt causes high blood pressure."
    assert len(found(text, linter)) == 1


def test_well_sourced_hedged_text_is_clean() -> None:
    text = (
        "# Restless legs syndrome and fibromyalgia\n\n"
        "Restless legs syndrome (RLS) is a condition that causes an urge to move the legs.\n"
        "In community surveys, about 10% of adults report RLS symptoms (Ohayon et al., 2012).\n\n"
        "A cross-sectional study found RLS in 33% of people with fibromyalgia, against 3.1% of\n"
        "healthy controls (Viola-Saltzman et al., 2010). The study suggests the two conditions\n"
        "may be linked, but it could not show that one causes the other.\n\n"
        "Iron deficiency can cause RLS in some people, and iron supplements may help them\n"
        "([Allen et al., 2018](https://doi.org/10.1016/j.sleep.2017.11.1126)).\n"
    )
    linter = make_linter(
        select=["unsupported-causal", "vague-citation", "unknown-journal", "statistic-unsourced"]
    )
    assert lint_text(text, format="markdown", linter=linter) == []


def test_citation_distance_paragraph(tmp_path: Path) -> None:
    text = "Iron deficiency can cause RLS. It is common in women. Doctors check (Allen, 2018).\n"
    assert found(text, make_linter(select=[RULE]))
    pack = tmp_path / "near.yaml"
    pack.write_text("lexicons:\n  citation_distance: [paragraph]\n", encoding="utf-8")
    assert found(text, make_linter(rules=[pack], select=[RULE])) == []


def test_hedged_claims_can_be_reported_by_a_house_pack(tmp_path: Path) -> None:
    text = "Long-term use of painkillers may cause fluid retention."
    assert found(text, make_linter(select=[RULE])) == []
    pack = tmp_path / "strict.yaml"
    pack.write_text(
        "lexicons:\n  causal_flagged_strengths: [conditional_causal]\n", encoding="utf-8"
    )
    assert found(text, make_linter(rules=[pack], select=[RULE]))


def test_explain_page(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", RULE)
    assert run.code == 0
    assert "unsupported-causal (causal, default severity: warning)" in run.stdout
    for section in ("What it flags:", "Why it matters:", "Example:", "How to fix:"):
        assert section in run.stdout


# --------------------------------------------------------------- absolute claims

ABSOLUTE = "absolute-claim"


@pytest.fixture(scope="module")
def causal_linter() -> Linter:
    return make_linter(select=["causal"])


def causal(text: str, linter: Linter) -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.category == "causal"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Zinc lozenges are guaranteed to shorten your cold.", "are guaranteed"),
        ("This stretching routine works for everyone with back pain.", "works for everyone"),
        ("Our collagen powder is completely safe for pregnant women.", "completely safe"),
        ("Overdose on melatonin is basically impossible.", "basically impossible"),
        ("Acupuncture cures migraine for good.", "for good"),
        ("With this diet, your joint pain will disappear.", "will disappear"),
        ("Chamomile is the safest sleep aid there is.", "the safest"),
        ("These tablets stop an attack in its tracks.", "in its tracks"),
        ("Blood sugar falls within days.", "within days"),
        ("This tea will keep your blood sugar steady.", "will keep"),
        ("Two tablets will knock out the pain.", "will knock out"),
        ("These medicines carry zero risk of dependence.", "zero risk of dependence"),
        ("With this plan your numbers will come down.", "will come down"),
        ("Their careers turn around almost overnight.", "almost overnight"),
        ("Ibuprofen works for most people.", "works for most people"),
    ],
)
def test_absolute_claims(causal_linter: Linter, text: str, words: str) -> None:
    (finding,) = causal(text, causal_linter)
    assert finding.rule == ABSOLUTE
    assert words in finding.message.split("'")[1]  # the promise, quoted first
    assert finding.excerpt == text  # the sentence: what is promised, and by what


def test_absolute_claims_are_reported_even_when_cited(causal_linter: Linter) -> None:
    text = "The cream is completely safe for children (Smith et al., 2020)."
    assert [f.rule for f in causal(text, causal_linter)] == [ABSOLUTE]
    assert causal("The cream was well tolerated (Smith et al., 2020).", causal_linter) == []


@pytest.mark.parametrize(
    "text",
    [
        "No treatment is completely safe.",  # denied
        "Is melatonin completely safe for children?",  # asked
        "It is not guaranteed that the vaccine prevents every infection.",
        "There is no guarantee that any supplement will work for you.",
        "Doctors cannot promise that symptoms will disappear.",
        "Nobody can promise that a supplement will cure arthritis.",
        "Symptoms usually settle within a few days.",  # a frequency word: an expectation
        "Some people find that their symptoms ease within days.",
        "The safest way to store insulin is in the fridge.",  # advice about safety
        "Zinc may work for almost everyone with a cold.",  # hedged
        "Not everyone who takes statins gets muscle pain.",
        "They stopped for good reason.",  # "for good" not at the end of its clause
        "Your doctor will check your ferritin level.",
        "This page is not a guarantee of results.",
        "You will keep a symptom diary for two weeks.",  # an instruction, not a result
        "When you see the doctor, it helps to bring a list of medicines.",  # advice idiom
    ],
)
def test_absolute_near_misses_stay_quiet(causal_linter: Linter, text: str) -> None:
    assert causal(text, causal_linter) == []


def test_one_causal_finding_per_sentence_across_both_rules(causal_linter: Linter) -> None:
    text = "Magnesium cures cramps and is guaranteed to work for everyone."
    assert len(causal(text, causal_linter)) == 1


# --------------------------------------------------------------- overstated links


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Sugar is the main cause of acne.", "is the main cause"),
        ("Coffee is the number one trigger for heartburn.", "is the number one trigger"),
        ("Gut bacteria are the key to weight loss.", "are the key to"),
        ("Vitamin D deficiency is the hidden reason you feel tired.", "is the hidden reason"),
        ("Inflammation is the thread that ties these conditions.", "the thread that ties"),
        ("Walking is the single best thing you can do for your heart.", "the single best"),
        ("Turmeric works as well as prescription painkillers.", "works as well as"),
        ("Fasting burns fat faster than any other diet.", "faster than any"),
        ("Our phones are a big part of the problem.", "are a big part of the problem"),
    ],
)
def test_overstated_causes_and_comparisons(linter: Linter, text: str, words: str) -> None:
    (finding,) = found(text, linter)
    assert words in finding.excerpt
    assert f"'{words}'" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Trials are the best way to test whether a treatment works.",
        "What is the main cause of back pain?",
        "Diabetes is one possible cause of neuropathy.",
        "The cause of fibromyalgia is not known.",
        "Iron deficiency is not the main cause of RLS.",
        "Researchers do not yet know whether diet is the key to preventing migraine.",
        "Smoking is the main cause of lung cancer (Doll et al., 1950).",  # sourced
        "A signal is a reason to look more closely.",
    ],
)
def test_overstatement_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


# --------------------------------------------------------------- how claims are read


def test_the_finding_covers_every_claim_of_the_sentence(linter: Linter) -> None:
    text = "Fasting triggers autophagy, which reverses aging and protects you from cancer."
    (finding,) = found(text, linter)
    assert finding.excerpt.startswith("Fasting triggers autophagy")
    assert finding.excerpt.endswith("protects you from cancer")
    # a hedged later claim is not part of it
    (finding,) = found("Fasting triggers autophagy, which may slow aging.", linter)
    assert finding.excerpt == "Fasting triggers autophagy"


def test_a_hedge_after_the_claim_does_not_hedge_it(linter: Linter) -> None:
    assert found("Screen time suppresses melatonin, so your body thinks it is day.", linter)
    assert found("Blue light robs you of deep sleep, which is why you may wake up tired.", linter)
    assert found("Screen time may suppress melatonin.", linter) == []
    assert found("Screen time suppresses melatonin, though this is not clear.", linter) == []
    assert found("RLS can sometimes be caused by iron deficiency.", linter) == []  # qualified
    assert found("Iron supplements can sometimes cause constipation.", linter) == []
    assert found("Iron supplements cause constipation.", linter)


def test_soft_cues_stated_as_fact(linter: Linter) -> None:
    assert found("Magnesium helps tight muscles relax.", linter)
    assert found("A brisk walk after meals helps your muscles take up glucose.", linter)
    assert found("Magnesium can help tight muscles relax.", linter) == []
    assert found("Keep a diary of what eases your legs.", linter) == []
    assert found("The urge eases for a while when you walk.", linter) == []


def test_relief_of_a_symptom_is_a_claim_about_efficacy(linter: Linter) -> None:
    assert found("It relieves pain in most patients within a week.", linter)
    assert found("SFPN causes widespread pain similar to fibromyalgia.", linter) == []


def test_the_body_at_work_is_physiology_not_a_claim(linter: Linter) -> None:
    assert found("In multiple sclerosis, immune cells damage the sheath of nerves.", linter) == []
    assert found("The bacteria in your gut help break down fiber.", linter) == []
    assert found("Gluten damages the nerves in the legs.", linter)


def test_lists_of_aims_and_noun_phrases_are_not_claims(linter: Linter) -> None:
    text = "Treatment has two goals: dealing with the cause and relieving pain."
    assert found(text, linter) == []
    assert found("Learning your personal triggers may help you.", linter) == []
    assert found("Let's clear up some common myths.", linter) == []
    assert found("Aspartame contains excitotoxins that overstimulate your nerves.", linter)


def test_statement_headings_are_read_like_sentences(linter: Linter) -> None:
    assert found("## Running cures depression\n\nText.\n", linter)
    assert found("## Can running cure depression?\n\nText.\n", linter) == []
    assert found("## 5 Herbs That Calm Anxiety\n\nText.\n", linter) == []  # a title
    assert found("## Myth 2: The vaccine causes autism\n\nText.\n", linter) == []


def test_run_on_text_reads_each_claim_on_its_own(linter: Linter) -> None:
    filler = "the doctor asked about his sleep and his weight and his work " * 5
    claims = "snoring causes high blood pressure and untreated apnea causes diabetes "
    quiet = "other problems include trigger points nerve damage and beneficial effects "
    text = f"q my husband snores {filler}{claims}so do not wait {quiet}{filler}\n"
    excerpts = [f.excerpt for f in found(text, linter)]
    assert len(excerpts) == 2
    assert "snoring causes" in excerpts[0] and "apnea causes diabetes" in excerpts[1]
    assert found(f"q {filler}{quiet}{filler}\n", linter) == []


def test_explain_absolute_claim(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", ABSOLUTE)
    assert run.code == 0
    assert "absolute-claim (causal, default severity: warning)" in run.stdout
    for section in ("What it flags:", "Why it matters:", "Example:", "How to fix:"):
        assert section in run.stdout


@pytest.mark.parametrize(
    "text",
    [
        "The cut-off for home readings is lower than in the clinic.",  # a compound noun
        "Half of them will develop some degree of nerve damage.",  # the noun
        "The stomach stops making intrinsic factor.",  # physiology: the body as the cause
        "Most infections clear up on their own.",  # the natural course
        "Claims that the shot harms fertility have not held up.",  # a rejected claim
        "It is easy to blame yourself for all of it.",
        "The doctor will normally start with a low dose and increase it slowly.",
    ],
)
def test_nouns_physiology_and_routine_care_are_not_claims(linter: Linter, text: str) -> None:
    assert found(text, linter) == []
