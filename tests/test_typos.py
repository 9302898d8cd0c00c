"""The typo rules: spelling, run-together, real-word, digits-in-word, lost-capitals and the
optional mixed-spelling, through the real engine and default rule packs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.checks.typos import speller_for
from factlint.config import Config
from factlint.engine import Linter
from factlint.findings import Finding
from factlint.spelling import hunspell
from factlint.spelling.confusables import compile_confusables, context_tokens
from factlint.spelling.lexicon import load_lexicon
from factlint.spelling.suggest import join_parts
from factlint.spelling.variants import classify
from factlint.spelling.words import Speller, Verdict

TYPO_RULES = {
    "spelling",
    "run-together",
    "real-word",
    "digits-in-word",
    "lost-capitals",
    "stray-capital",
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(Config())


def typos(text: str, linter: Linter, fmt: str = "text") -> list[Finding]:
    return [f for f in lint_text(text, format=fmt, linter=linter) if f.rule in TYPO_RULES]


def flagged(text: str, linter: Linter) -> dict[str, Finding]:
    return {f.excerpt: f for f in typos(text, linter)}


# --------------------------------------------------------------------------- true positives


@pytest.mark.parametrize(
    ("sentence", "word", "first"),
    [
        ("A stufy published last year found this.", "stufy", "study"),
        ("Limiting caffiene helps some people.", "caffiene", "caffeine"),
        ("Painkillers may cause flid retention.", "flid", "fluid"),
        ("Opioids are somtime prescribed for pain.", "somtime", "sometime"),
        ("In thiese situations, rest helps.", "thiese", "these"),
        ("They did not recieve treatment.", "recieve", "receive"),
    ],
)
def test_misspelling_is_flagged_with_ranked_suggestions(
    linter: Linter, sentence: str, word: str, first: str
) -> None:
    finding = flagged(sentence, linter)[word]
    assert finding.rule == "spelling"
    assert finding.category == "typo"
    assert finding.suggestions[0] == first


def test_run_together_words_are_split(linter: Linter) -> None:
    found = flagged(
        "It is the most common arthritisrelated illness. Because of the crosssectional "
        "design, no causeandeffect link was shown. There are alot of causes.",
        linter,
    )
    assert {word: f.suggestions[0] for word, f in found.items()} == {
        "arthritisrelated": "arthritis-related",
        "crosssectional": "cross-sectional",
        "causeandeffect": "cause-and-effect",
        "alot": "a lot",
    }
    assert {f.rule for f in found.values()} == {"run-together"}


def test_join_parts_hyphenates_compound_adjectives_only() -> None:
    assert join_parts(("arthritis", "related")) == "arthritis-related"
    assert join_parts(("a", "lot")) == "a lot"
    assert join_parts(("fluid", "retention")) == "fluid retention"
    assert join_parts(("day", "to", "day")) == "day-to-day"


@pytest.mark.parametrize(
    ("sentence", "word", "replacement"),
    [
        ("It is also worth nothing that some drugs help.", "nothing", "noting"),
        ("Tender points nay develop on the knee.", "nay", "may"),
        ("Long-term use od painkillers may cause problems.", "od", "of"),
        ("Women are more likely then men to have it.", "then", "than"),
        ("Poor sleep can effect your mood.", "effect", "affect"),
        ("Its not clear why this happens.", "Its", "It's"),
        ("Many people try to loose weight.", "loose", "lose"),
        ("Common side affects include nausea.", "affects", "effects"),
    ],
)
def test_real_word_errors_fire_in_context(
    linter: Linter, sentence: str, word: str, replacement: str
) -> None:
    finding = flagged(sentence, linter)[word]
    assert finding.rule == "real-word"
    assert finding.suggestions == (replacement,)
    assert finding.fix is not None and finding.fix.replacement == replacement


@pytest.mark.parametrize(
    "sentence",
    [
        "It is worth noting that some drugs help.",
        "The result was worth nothing.",
        "It is worth nothing, the critics said.",
        "The vote was yea or nay today.",
        "Rest first, then exercise.",
        "It was more, then less.",
        "The drug and its effects on sleep were studied.",
        "The side effects were mild.",
        "Wear loose clothing at night.",
        "An OD of paracetamol is dangerous.",
    ],
)
def test_real_word_rules_stay_quiet_outside_their_context(linter: Linter, sentence: str) -> None:
    assert typos(sentence, linter) == []


def test_digits_stuck_to_words(linter: Linter) -> None:
    found = flagged("Sleep disorders105 answers. Then 1michael replied and no41 agreed.", linter)
    assert {w: (f.rule, f.suggestions) for w, f in found.items()} == {
        "disorders105": ("digits-in-word", ("disorders 105",)),
        "1michael": ("digits-in-word", ("1 michael",)),
        "no41": ("digits-in-word", ("no 41",)),
    }
    assert all(f.fix is None for f in found.values())


def test_codes_units_and_numbers_are_not_digit_errors(linter: Linter) -> None:
    text = (
        "COVID-19 and T2D were studied; B12, H2O, HbA1c and 5mg doses every 24h in the "
        "1990s, the 3rd visit, 2.5mg at 10am, a 3D scan, SARS-CoV-2 and omega-3 fats."
    )
    assert typos(text, linter) == []


# --------------------------------------------------------------------------- near misses


def test_medical_vocabulary_is_known(linter: Linter) -> None:
    text = (
        "Fibromyalgia and Sjögren syndrome, also Willis-Ekbom disease, were treated with "
        "amitriptyline, pregabalin, duloxetine, Paxil, Tofranil and Apresoline. Small-fibre "
        "polyneuropathy (SFPN) and peripheral neuropathy cause paresthesias; NSAIDs, "
        "anticonvulsants and immunosuppressant drugs, physiotherapy and biofeedback help. "
        "Polysomnography showed hypopnoea; ferritin, HbA1c and eGFR were normal. "
        "Uremia, amyloidosis and hypothyroidism were ruled out by a rheumatologist."
    )
    assert typos(text, linter) == []


def test_british_and_american_spellings_are_both_correct(linter: Linter) -> None:
    text = (
        "The colour, centre, fibre and haemoglobin of the paediatric oesophagus were "
        "characterised and analysed; tumours were travelled. The color, center, fiber and "
        "hemoglobin of the pediatric esophagus were characterized and analyzed; tumors."
    )
    assert typos(text, linter) == []


def test_acronyms_urls_emails_and_code_are_skipped(linter: Linter) -> None:
    text = (
        "See https://exmaple.org/fibro_pian or www.sleepfundation.org, write to "
        "info@helthline.com, run pip install xyzzy_tool with -Wqqq flags. RLS, SFPN, "
        "NSAIDs and CBT-I are acronyms; PubMed and McDonald's have inner capitals."
    )
    assert typos(text, linter) == []


def test_markdown_code_is_not_prose(linter: Linter) -> None:
    text = "Run `flibbertigibbet --qwzx` first.\n\n```\nzzxq frobnicate\n```\n"
    assert typos(text, linter, fmt="markdown") == []


def test_names_the_document_defines_are_accepted(linter: Linter) -> None:
    text = (
        "Dr Qzorwell studied sleep. Later, Dr Qzorwell wrote that Morissette agreed. "
        "The Amercian team did not."
    )
    found = flagged(text, linter)
    assert set(found) == {"Amercian"}
    assert found["Amercian"].suggestions[0] == "American"


def test_lower_case_unknown_words_are_flagged_even_if_repeated(linter: Linter) -> None:
    found = typos("The qzorwell test and the qzorwell result.", linter)
    assert [f.excerpt for f in found] == ["qzorwell", "qzorwell"]


def test_possessives_and_contractions(linter: Linter) -> None:
    assert (
        typos("Fibromyalgia's symptoms aren't rare; patients' lives and you're fine.", linter) == []
    )
    assert [f.excerpt for f in typos("It dosen't help.", linter)] == ["dosen't"]


# --------------------------------------------------------------------------- vocabulary


def test_config_accept_and_reject_lists() -> None:
    config = Config(accept_words=("qzorwell",), reject_words=("utilize",))
    linter = make_linter(config)
    found = typos("The qzorwell scale. We utilize it.", linter)
    assert [(f.excerpt, f.rule) for f in found] == [("utilize", "spelling")]
    assert "words to avoid" in found[0].message


def test_rule_pack_accept_and_reject_lists(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text("words:\n  accept: [Qzorwell-Brix]\n  reject: [alright]\n", encoding="utf-8")
    linter = make_linter(Config(), rules=[pack])
    found = typos("The qzorwell-brix test and the brix part are alright.", linter)
    assert [f.excerpt for f in found] == ["alright"]


def test_front_matter_accept_list(linter: Linter) -> None:
    text = textwrap.dedent(
        """\
        ---
        title: Sleep
        words: [qzorwell, Brixtonia]
        ---

        The qzorwell score and the brixtonia scale, but not the zqorwel index.
        """
    )
    assert [f.excerpt for f in typos(text, linter, fmt="markdown")] == ["zqorwel"]


# --------------------------------------------------------------------------- fixes


def test_fix_only_when_unambiguous(linter: Linter) -> None:
    found = flagged("Limiting caffiene helps. Painkillers cause flid retention.", linter)
    assert found["caffiene"].fix is not None
    assert found["caffiene"].fix.replacement == "caffeine"
    assert found["flid"].fix is None  # fluid, flip, fled, lid: no clear winner


def test_suggestion_keeps_capitalisation(linter: Linter) -> None:
    finding = flagged("Caffiene is a stimulant.", linter)["Caffiene"]
    assert finding.suggestions[0] == "Caffeine"
    assert finding.fix is not None and finding.fix.replacement == "Caffeine"


# --------------------------------------------------------------------------- document level


LOST = (
    "asked in march 2014 do leg cramps and poor sleep go together answers from our panel "
    "many readers with fibromyalgia tell us their legs ache at night and that they wake up "
    "several times before dawn our sleep doctor says the two problems often show up together "
    "and that iron levels are worth checking first because low stores are easy to treat and "
    "the tiredness that follows a broken night makes every other symptom feel worse"
)


def test_lost_capitals_is_one_finding_per_document(linter: Linter) -> None:
    found = [f for f in typos(LOST + "\n\n" + LOST, linter) if f.rule == "lost-capitals"]
    assert len(found) == 1
    assert found[0].location.line == 1 and found[0].location.column == 1


def test_normal_text_has_no_lost_capitals(linter: Linter) -> None:
    text = " ".join(["Restless legs syndrome is common. It affects sleep and mood."] * 10)
    assert typos(text, linter) == []


def test_mixed_spelling_is_off_by_default_and_selectable() -> None:
    text = "The colour and centre of the tumour. The hemoglobin was low. The colour again."
    default = [f.rule for f in lint_text(text, format="text", linter=make_linter(Config()))]
    assert "mixed-spelling" not in default
    selected = lint_text(
        text, format="text", linter=make_linter(Config(), select=["mixed-spelling"])
    )
    assert [(f.excerpt, f.suggestions) for f in selected] == [("hemoglobin", ("haemoglobin",))]
    assert selected[0].category == "style"


def test_registered_rules_have_docs() -> None:
    rules = make_linter(Config()).rules
    for rule_id in (*TYPO_RULES, "mixed-spelling"):
        rule = rules[rule_id]
        assert rule.docs.what and rule.docs.why and rule.docs.example and rule.docs.fix
    assert rules["mixed-spelling"].default_enabled is False
    assert rules["mixed-spelling"].category == "style"


# --------------------------------------------------------------------------- building blocks


def test_hunspell_expansion() -> None:
    aff = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\nPFX U Y 1\nPFX U 0 un .\nNEEDAFFIX X\n"
    dic = "3\nwell/U\nhappy/US\nfoo/XS\n"
    assert hunspell.expand(dic, aff) == {"well", "unwell", "happy", "happys", "unhappy",
                                         "unhappys", "foos"}  # fmt: skip


def test_hunspell_layer_agrees_with_spylls() -> None:
    spylls = pytest.importorskip("spylls.hunspell")
    from factlint.spelling.sources import source_file

    path = source_file("hunspell_dic").path.with_suffix("")
    dictionary = spylls.Dictionary.from_files(str(path))
    lexicon = load_lexicon()
    for word in ("reorganized", "unhappiness", "colors", "hemoglobin", "anemia", "tumors"):
        assert dictionary.lookup(word) and word in lexicon.hunspell
    for word in ("recieve", "seperate", "caffiene"):
        assert not dictionary.lookup(word) and word not in lexicon


def test_lexicon_layers_and_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = load_lexicon()
    assert lexicon.layers("colour") == ("frequency",)
    assert "hunspell" in lexicon.layers("color")
    assert "drugs" in lexicon.layers("pregabalin")
    assert lexicon.load_seconds < 5


def test_verdicts() -> None:
    speller = Speller(load_lexicon(), accept=["Sjögren"], reject=["alright"])
    assert speller.verdict("RLS") is Verdict.SKIP
    assert speller.verdict("SFPN") is Verdict.SKIP
    assert speller.verdict("NSAIDs") in (Verdict.SKIP, Verdict.OK)
    assert speller.verdict("SJÖGREN") in (Verdict.SKIP, Verdict.OK)
    assert speller.verdict("sjögren") is Verdict.OK
    assert speller.verdict("alright") is Verdict.REJECTED
    assert speller.verdict("xlvii") is Verdict.SKIP  # a Roman numeral no list has
    assert speller.verdict("disorders105") is Verdict.DIGITS
    assert speller.verdict("5mg") is Verdict.SKIP
    assert speller.verdict("oesophageal") is Verdict.VARIANT  # British; known via "esophageal"
    assert speller.verdict("untill") is Verdict.UNKNOWN  # no variant pattern excuses it
    assert speller.verdict("controled") is Verdict.UNKNOWN


def test_variant_classification() -> None:
    lexicon = load_lexicon()
    speller = Speller(lexicon)
    american = lexicon.hunspell.__contains__
    assert classify("colour", american, speller.knows) == ("gb", "color")
    assert classify("color", american, speller.knows) == ("us", "colour")
    assert classify("organise", american, speller.knows) == ("ise", "organize")
    assert classify("four", american, speller.knows) is None
    assert classify("meter", american, speller.knows) is None


def test_confusable_patterns() -> None:
    rules = compile_confusables(
        [{"pattern": "^ !yea [nay] @verb? now", "replacement": "may"}],
        [{"name": "verb", "words": ["go"]}],
    )
    (rule,) = rules["nay"]
    text = "Well, we nay go now. And then we nay now. Yea, yea nay now. So nay later."
    tokens, starts = context_tokens(text)
    nays = [starts[i] for i in range(len(text)) if text.startswith("nay", i)]
    assert [rule.matches(tokens, at) for at in nays] == [True, False, False, False]


def test_speller_is_shared_per_rulebook(linter: Linter) -> None:
    assert speller_for(linter.rulebook) is speller_for(linter.rulebook)


# --------------------------------------------------------------------------- end to end


def test_cli_end_to_end_on_a_file(tmp_path: Path, cli) -> None:
    article = tmp_path / "article.md"
    article.write_text(
        textwrap.dedent(
            """\
            ---
            title: Leg pain and fibromyalgia
            words:
              accept: [Breuswell]
            ---

            # Leg pain and fibromyalgia

            A stufy published in a sleep journal found that people with fibromyalgia are more
            likely to develop restless legs syndrome. Limiting caffiene may help, says
            Breuswell. It is also worth nothing that SFPN, a small-fibre polyneuropathy, is
            treatable; see https://www.example.org/sfpn_info for details.

            The most common arthritisrelated illness causes sleep disorders105 answers.
            """
        ),
        encoding="utf-8",
    )
    run = cli("check", "--format", "json", str(article))
    assert run.code == 1, run.stderr
    findings = run.json["files"][0]["findings"]
    got = {(f["rule"], f["excerpt"]) for f in findings if f["category"] == "typo"}
    assert got == {
        ("spelling", "stufy"),
        ("spelling", "caffiene"),
        ("real-word", "nothing"),
        ("run-together", "arthritisrelated"),
        ("digits-in-word", "disorders105"),
    }
    stufy = next(f for f in findings if f["excerpt"] == "stufy")
    assert (stufy["line"], stufy["column"]) == (9, 3)
    assert stufy["suggestions"][0] == "study"

    fixed = cli("check", "--fix", str(article))
    text = article.read_text(encoding="utf-8")
    if "--fix" in fixed.stderr and "no such option" in fixed.stderr:
        pytest.skip("this build has no --fix yet")
    assert "caffeine" in text and "worth noting" in text and "arthritis-related" in text


def test_cli_explain_and_rules(cli) -> None:
    run = cli("explain", "spelling")
    assert run.code == 0 and "accept" in run.stdout
    listing = cli("rules", "--format", "json")
    if listing.code == 0:
        ids = {rule["id"] for rule in json.loads(listing.stdout)}
        assert {"spelling", "run-together", "real-word", "digits-in-word"} <= ids
        assert {"lost-capitals", "mixed-spelling"} <= ids


# --------------------------------------------------------------------------- issue 7: precision


def test_doi_identifiers_are_not_words(linter: Linter) -> None:
    text = (
        "The review (Sleep Medicine Reviews, doi:10.1016/j.smrv.2011.05.002) and a later one "
        "(doi: 10.1016/j.jsmc.2015.05.004). The stufy was small."
    )
    assert [f.excerpt for f in typos(text, linter)] == ["stufy"]


def test_parts_of_hyphenated_names_are_mid_sentence(linter: Linter) -> None:
    # "Saltzman" is two edits from the common "salesman": only its two mid-sentence uses make
    # it a name. Before, the hyphen counted as a sentence break.
    text = "The study was led by Viola-Saltzman in Iowa. Its author, Viola-Saltzman, agreed."
    assert typos(text, linter) == []
    assert [f.excerpt for f in typos("It was led by Viola-Smtih in Iowa.", linter)] == ["Smtih"]


@pytest.mark.parametrize(
    "text",
    [
        "The authors, Serge Perrot and Johannes Rasker, agreed with Winfried Häuser.",
        "A meta-analysis by Galosi, Truini and Di Stefano pooled 20 studies.",
        "Estimates varied (Innes, Selfe and Agarwal, 2011).",
        "Estimates were lower in Asia (Koo, 2015). Koo's review says so.",
        "Prevalence was 12% (Hassan et al., 2011).",
        "Koo (2015) reported lower figures.",
        "It was published in Revista Brasileira de Reumatologia.",
        "The Vaccine Safety Datalink uses medical records.",
    ],
)
def test_names_in_name_contexts_are_accepted(linter: Linter, text: str) -> None:
    assert typos(text, linter) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Millions of people in North Amercia have it.", "Amercia"),  # a slip of a common word
        ("It was in the Journal of Clinical Sleep Medcine last year.", "Medcine"),
        ("Doctors at the Mayo Clinc agree.", "Clinc"),
        ("Paitents with shingles should be seen.", "Paitents"),
        ("Valerain root has been used for sleep.", "Valerain"),
        ("Estimates were lower in asia (Kooo, 2015) than the stufy said.", "stufy"),
    ],
)
def test_typos_next_to_names_are_still_flagged(linter: Linter, text: str, word: str) -> None:
    assert word in flagged(text, linter)


def test_lower_case_names_in_a_text_that_lost_its_capitals(linter: Linter) -> None:
    text = LOST + " in a 2010 study by viola-saltzman and colleagues the odds were higher"
    found = [f.excerpt for f in typos(text, linter) if f.rule != "lost-capitals"]
    assert found == []
    # In normal text the same lower-case word is still a typo.
    assert "saltzman" in flagged("A study by viola-saltzman and colleagues.", linter)


def test_a_terminology_swap_is_not_also_a_spelling_finding(linter: Linter) -> None:
    found = lint_text("People with Alzheimers disease sleep less.", format="text", linter=linter)
    assert [(f.rule, f.excerpt) for f in found] == [("preferred-term", "Alzheimers disease")]
    # Outside the phrase the rule rewrites, the word is still a misspelling.
    assert "Alzheimers" in flagged("Some Alzheimers drugs help.", linter)


def test_negated_participles_and_plurals_of_medical_words(linter: Linter) -> None:
    text = (
        "Vaccinated and unvaccinated people may wake unrested or feel unrefreshed. Thiazides, "
        "sulfonylureas, sulfites, epicondyles and gummies were discussed."
    )
    assert typos(text, linter) == []
    # Plurals of general words and "un-" before other endings are not derived.
    found = flagged("The bacterias and heros found it unuseable.", linter)
    assert set(found) == {"bacterias", "heros", "unuseable"}


def test_health_vocabulary_added_for_issue_7(linter: Linter) -> None:
    text = (
        "Systemic lupus erythematosus, glycated hemoglobin, the supraspinatus and lateral "
        "epicondyle, diverticular disease, Saccharomyces boulardii, kefir, thiazide diuretics, "
        "Ayurvedic medicine, an adaptogen, alpha-lipoic acid, autophagy, magnesium glycinate, "
        "piperine and myofascial pain; untreated osa is treated with cpap."
    )
    assert typos(text, linter) == []
    assert "ashwaganda" in flagged("Some people take ashwaganda for stress.", linter)


def test_a_code_stuck_to_a_word(linter: Linter) -> None:
    found = flagged("Long-term use may lead to B12deficiency in some people.", linter)
    assert found["B12deficiency"].rule == "digits-in-word"
    assert found["B12deficiency"].suggestions == ("B12 deficiency",)
    assert typos("B12 levels, HbA1c, G6PD and 5-HT2A receptors.", linter) == []


# --------------------------------------------------------------------------- issue 7: recall


def test_stray_capital_mid_sentence(linter: Linter) -> None:
    found = flagged("Doctors reach for it first, and About 150 million people take it.", linter)
    assert found["About"].rule == "stray-capital"
    assert found["About"].fix is not None and found["About"].fix.replacement == "about"


@pytest.mark.parametrize(
    "text",
    [
        "It was published in The Lancet in May 2020.",
        "Take vitamin A and vitamin D with food.",
        "The trial ran from May 2019 to March 2020.",
        "Read the chapter called How to sleep better.\n\nIt helps.",
        "People were asked\nThe first question was about sleep.",
    ],
)
def test_stray_capital_leaves_titles_months_and_line_breaks(linter: Linter, text: str) -> None:
    assert [f for f in typos(text, linter) if f.rule == "stray-capital"] == []


@pytest.mark.parametrize(
    ("sentence", "word", "replacement"),
    [
        ("Patients who keep a log can see there progress.", "there", "their"),
        ("Talk to there doctor first.", "there", "their"),
        ("Several said there pain had gone.", "there", "their"),
        ("Your doctor will advice you on a plan.", "advice", "advise"),
        ("Many patients find they loose less sleep.", "loose", "lose"),
        ("People who loose feeling in their feet should check them.", "loose", "lose"),
        ("Eating to much fiber may cause gas.", "to", "too"),
        ("Your body will except the new bacteria.", "except", "accept"),
        ("The affect of cutting salt is quick.", "affect", "effect"),
        ("Migraine effects people of every age.", "effects", "affects"),
        ("Shingles effects 1 in 3 people.", "effects", "affects"),
        ("How screens effect your body clock.", "effect", "affect"),
        ("Take a deep breathe in through your nose.", "breathe", "breath"),
        ("Find a quite place to rest.", "quite", "quiet"),
        ("The principle side effects are mild.", "principle", "principal"),
        ("Once the attack has past, drink water.", "past", "passed"),
        ("You will not have to weight long.", "weight", "wait"),
        ("The research has lead to a boom.", "lead", "led"),
        ("Women are more likely to get restless legs then men.", "then", "than"),
        ("Take it for a few days and than your body clock will reset.", "than", "then"),
        ("Its worth nothing that blood counts can be normal.", "Its", "It's"),
        ("Its important to rest.", "Its", "It's"),
        ("I think its important to rest.", "its", "it's"),
        ("Turmeric and it's active compound were studied.", "it's", "its"),
        ("Vitamin K2 is a good compliment to vitamin D.", "compliment", "complement"),
        ("Some complimentary therapies help.", "complimentary", "complementary"),
        ("Lets clear up some myths.", "Lets", "Let's"),
        ("Wait to find out weather it gets better.", "weather", "whether"),
    ],
)
def test_more_real_word_errors_fire_in_context(
    linter: Linter, sentence: str, word: str, replacement: str
) -> None:
    finding = flagged(sentence, linter)[word]
    assert finding.rule == "real-word"
    assert finding.suggestions == (replacement,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Is there pain in your legs at night?",
        "Are there symptoms that should worry me?",
        "The doctors there care about their patients.",
        "The family there lives near the clinic.",
        "Follow your doctor's advice on dosing.",
        "Magnesium may cause loose stools.",
        "Can loose teeth be saved?",
        "Wear loose clothing and keep loose skin moisturised.",
        "This led to much better sleep.",
        "It contributes to much of the burden.",
        "You can take any painkiller except aspirin.",
        "Everyone can join except the youngest children.",
        "Side effects people report include nausea.",
        "Adverse effects are rare.",
        "How much effect the drug has is unclear.",
        "Breathe in slowly through your nose.",
        "It was a quite different result in quite a few people.",
        "In principle, the side effects are mild.",
        "Some patients have past experience of the drug.",
        "Extra calories add to weight around the waist.",
        "We had to weight the results by age.",
        "Lead can harm children; exposure has fallen.",
        "It was more common in women and then men were tested.",
        "Its possible side effects include nausea.",
        "The drug works at its best to relieve pain.",
        "The principle aims to protect patients.",
        "The muscle tightens but lets go after a while.",
        "Its true cause is unknown, and its likely cause is iron deficiency.",
        "It's active in the brain, and it's key to remember that.",
        "She paid him a compliment to his face.",
        "Lets you track sleep at home.",
        "Check the weather before you run; in cold weather it hurts more.",
        "The past year and the lead author.",
    ],
)
def test_new_real_word_rules_stay_quiet_on_correct_text(linter: Linter, sentence: str) -> None:
    assert typos(sentence, linter) == []


def test_confusable_numbers_and_gaps() -> None:
    rules = compile_confusables(
        [
            {"pattern": "[effects] #", "replacement": "affects"},
            {"pattern": "more ... [then] men", "replacement": "than"},
        ],
        [],
    )
    text = "It effects 30% of adults. It effects us. More of the young women then men."
    tokens, starts = context_tokens(text)
    (effects,) = rules["effects"]
    at = [starts[i] for i in range(len(text)) if text.startswith("effects", i)]
    assert [effects.matches(tokens, i) for i in at] == [True, False]
    (then,) = rules["then"]
    assert then.matches(tokens, starts[text.index("then")])
    far = "More of the young and healthy adult women then men."
    tokens, starts = context_tokens(far)
    assert not then.matches(tokens, starts[far.index("then")])  # six words: beyond the gap
    broken = "More women, then men."
    tokens, starts = context_tokens(broken)
    assert not then.matches(tokens, starts[broken.index("then")])  # punctuation ends the gap


# --------------------------------------------------------------------------- suggestion speed


VOCABULARY = (
    "caffeine café cafés study stuff staff fluid flip fled lid these this those receive recipe "
    "separate desperate patients patents parents it's its naïve sjögren syndrome the them then "
    "than a an at as"
)


def test_letter_prefilter_keeps_every_candidate_of_a_full_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    from factlint.spelling import suggest

    vocabulary = {word: 1000 + rank for rank, word in enumerate(VOCABULARY.split())}
    queries = ["caffiene", "stufy", "flid", "recieve", "seperate", "paitents", "teh", "its'"]
    queries += ["sjogren", "naive", "cafe", "th", "xyzzyq", "sjögrén"]
    queries += ["desprte", "thesese", "staffff", "recive", "patens"]  # two letters longer/shorter

    def all_candidates() -> list[list[tuple[str, int, float]]]:
        suggester = suggest.Suggester(vocabulary, [], dict)
        return [
            [(c.word, c.distance, c.score) for c in suggester.candidates(query)]
            for query in queries
        ]

    filtered = all_candidates()
    monkeypatch.setattr(suggest, "_popcount", lambda values: np.zeros(len(values), dtype=int))
    assert filtered == all_candidates()  # the same as scanning every word of the bucket
    assert filtered[0][0][0] == "caffeine"
    found = dict(zip(queries, filtered, strict=True))
    assert ("desperate", 2) in [(word, distance) for word, distance, _ in found["desprte"]]
    assert ("these", 2) in [(word, distance) for word, distance, _ in found["thesese"]]
    assert ("staff", 2) in [(word, distance) for word, distance, _ in found["staffff"]]


def test_letter_masks_and_popcount() -> None:
    from factlint.spelling.suggest import _BYTE_BITS, _masks, _popcount, letter_mask

    words = ["caffeine", "naïve", "it's", "ab"]
    masks = _masks(words)
    assert masks.tolist() == [letter_mask(word) for word in words]
    table = _BYTE_BITS[masks.view("uint8")].reshape(-1, 4).sum(axis=1)
    assert _popcount(masks).tolist() == table.tolist() == [6, 5, 4, 2]


def test_common_supplement_names_are_words():
    """Supplement aisles use words no general dictionary has; they are vocabulary, not typos."""
    from factlint.api import lint_text

    text = (
        "Glucosamine and chondroitin are sold for joints, lutein and zeaxanthin for eyes, "
        "and carnosine, quercetin, berberine and boswellia for almost everything."
    )
    typos = [f for f in lint_text(text, format="text") if f.category == "typo"]
    assert typos == []
    near_miss = [f.rule for f in lint_text("They take glucosamne daily.", format="text")]
    assert "spelling" in near_miss


def test_lost_apostrophes_get_their_contraction_back():
    from factlint.api import lint_text

    found = lint_text("You dont need it, and it wont help if you cant sleep.", format="text")
    assert [(f.rule, f.suggestions[0]) for f in found] == [
        ("real-word", "don't"),
        ("real-word", "won't"),
        ("real-word", "can't"),
    ]
    assert all(f.fix for f in found)
    assert lint_text("It was, as ever, her wont.", format="text") == []  # the noun


def test_wether_is_whether_before_a_word():
    from factlint.api import lint_text

    (finding,) = lint_text("Ask wether it helps.", format="text")
    assert finding.suggestions[0] == "whether"


def test_loose_before_an_amount_of_weight_is_lose():
    from factlint.api import lint_text

    (finding,) = lint_text("Kids who switch loose weight quickly.", format="text")
    assert finding.suggestions[0] == "lose"
    assert lint_text("Wear loose clothes after surgery.", format="text") == []


def test_words_in_other_scripts_are_not_judged_by_english_lists():
    from factlint.api import lint_text

    text = "The Japanese word 睡眠, the Greek ύπνος and the Russian сон all mean sleep."
    assert lint_text(text, format="text") == []
    (typo,) = lint_text("The Greek ύπνος means a good nigth of sleep.", format="text")
    assert typo.excerpt == "nigth"


def test_suggester_counts_are_the_highest_a_list_gives() -> None:
    from factlint.spelling.suggest import Suggester

    suggester = Suggester(
        {"study": 5_000, "stuff": 50, "rare": 10},
        [(["stuff", "stuffy"], 100), (["rare", "study"], 1_000), (["stuffy", "slur"], 30)],
        dict,
        exclude=["slur", "rare"],
    )
    assert [suggester.count(w) for w in ("study", "stuff", "stuffy", "rare", "slur", "x")] == [
        5_000,
        100,
        100,
        0,
        0,
        0,
    ]
    buckets = [suggester.vocabulary.bucket(length) for length in range(10)]
    assert sorted(word for bucket in buckets if bucket for word in bucket[0]) == [
        "study",
        "stuff",
        "stuffy",
    ]


def test_token_and_capital_patterns_match_their_plain_forms() -> None:
    import re

    from factlint.checks.typos import _CAPITALISED, _STRAY
    from factlint.spelling.words import TOKEN

    text = "Willis-Ekbom it’s don't a--b x-' O'Brien 3Com _Ab A.B éA İs naïve-Ärzte e-"
    assert TOKEN.findall(text) == re.findall(r"\w+(?:['’\-]\w+)*", text)
    assert _CAPITALISED.findall(text) == re.findall(r"\b[A-Z]", text)
    plain = re.compile(r"(?<=[a-z'’]) ([A-Z][a-z]{1,9}) (?=[a-z\d])")
    for line in ("x About y", "a About b About c", "’ The x", "1 The x", "a  The b", "a The 5"):
        assert [m.span(1) for m in _STRAY.finditer(line)] == [
            m.span(1) for m in plain.finditer(line)
        ]


def test_scan_remembered_per_word_still_scores_each_sentence() -> None:
    """The candidate scan is memoised per word; the bigram bonus must still follow the
    neighbours of each call, in whatever order the calls come."""
    from factlint.spelling import suggest

    vocabulary = {"study": 1000, "stuff": 1000}
    suggester = suggest.Suggester(vocabulary, [], lambda: {"study published": 10})
    plain = suggester.candidates("stufy")
    in_sentence = suggester.candidates("stufy", "a", "published")
    again = suggester.candidates("stufy")
    assert in_sentence[0].word == "study"
    assert in_sentence[0].score == plain[0].score + suggest.BIGRAM_BONUS
    assert again == plain
    assert suggester.correct("stufy", "a", "published").safe
    assert not suggester.correct("stufy").safe


def test_vocabulary_adds_and_removes_words_as_the_union_would() -> None:
    """The cached vocabulary with the user's words added and removed is the vocabulary made
    from the union of the lists: same words, same letter masks, bucket by bucket."""
    from factlint.spelling.suggest import Vocabulary

    base = ["study", "stuff", "café", "slur", "don't", "b12", "a"]
    added = ["stuffy", "study", "x-ray", "zeta"]
    removed = {"slur", "zeta"}
    vocabulary = Vocabulary(Vocabulary.pack(base), added, removed)
    expected = Vocabulary.of((set(base) | set(added)) - removed)
    for length in range(10):
        got, want = vocabulary.bucket(length), expected.bucket(length)
        if want is None:
            assert got is None
            continue
        assert got is not None
        assert sorted(zip(got[0].tolist(), got[1].tolist(), strict=True)) == sorted(
            zip(want[0].tolist(), want[1].tolist(), strict=True)
        )


def test_sorted_counts_is_the_mapping_it_packs() -> None:
    from factlint.spelling.lexicon import SortedCounts

    counts = {"study published": 10, "a b": 2**40, "zz top": 1}
    table = SortedCounts(*SortedCounts.pack(counts))
    assert dict(table) == counts and len(table) == 3
    assert "a b" in table and "a c" not in table and 5 not in table
    assert table.get("zz top") == 1 and table.get("zz", 0) == 0
    assert not SortedCounts(*SortedCounts.pack({}))


def test_cached_values_fall_back_to_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing, corrupt or invalid cache file is compiled again; an unmarshallable value is
    returned, just not stored."""
    from factlint.compiled import load_cached

    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def compile_() -> tuple[int, ...]:
        calls.append(1)
        return (1, 2)

    assert load_cached("t", ["a"], compile_) == (1, 2)
    assert load_cached("t", ["a"], compile_) == (1, 2) and len(calls) == 1
    assert load_cached("t", ["a"], compile_, lambda value: False) == (1, 2) and len(calls) == 2
    (path,) = tmp_path.glob("t-*.marshal")
    path.write_bytes(b"\xff")
    assert load_cached("t", ["a"], compile_) == (1, 2) and len(calls) == 3
    assert load_cached("t", ["b"], compile_) == (1, 2) and len(calls) == 4
    assert load_cached("u", [], object) is not None
    assert not list(tmp_path.glob("u-*"))
