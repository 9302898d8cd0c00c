"""grammar: subject-verb agreement, read without a part-of-speech tagger.

True positives for each rule, near misses that must stay quiet (collective nouns, measures,
lists, gerunds, instructions, subjunctives, noun-verb look-alikes), the suggested verb forms,
the safe fix of the pronoun rule, a user pack extending the word lists, and the real CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.checks.grammar import corrected_verb, grammar_of
from factlint.engine import Linter
from factlint.findings import Finding
from factlint.rulebook import load_rulebook

RULES = (
    "subject-verb-agreement",
    "compound-subject-agreement",
    "relative-clause-agreement",
    "pronoun-verb-agreement",
    "there-agreement",
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=["grammar"])


def found(text: str, linter: Linter, format: str = "markdown") -> list[Finding]:
    return [f for f in lint_text(text, format=format, linter=linter) if f.category == "grammar"]


@pytest.mark.parametrize(
    ("text", "rule", "excerpt", "suggestion"),
    [
        # plural subject, singular verb
        ("Studies has shown that sleep matters.", RULES[0], "Studies has", "Studies have"),
        (
            "The benefits of exercise is well known.",
            RULES[0],
            "The benefits of exercise is",
            "The benefits of exercise are",
        ),
        (
            "These drugs works by blocking a receptor.",
            RULES[0],
            "These drugs works",
            "These drugs work",
        ),
        (
            "The effects usually wears off within hours.",
            RULES[0],
            "The effects usually wears",
            "The effects usually wear",
        ),
        (
            "Low iron levels causes restless legs.",
            RULES[0],
            "Low iron levels causes",
            "Low iron levels cause",
        ),
        (
            "Children under five is at higher risk.",
            RULES[0],
            "Children under five is",
            "Children under five are",
        ),
        (
            "The vaccines used in the UK contains no live virus.",
            RULES[0],
            "The vaccines used in the UK contains",
            "The vaccines used in the UK contain",
        ),
        (
            "A diet high in processed foods raise the risk.",
            RULES[0],
            "A diet high in processed foods raise",
            "A diet high in processed foods raises",
        ),
        ("The pills you take matters.", RULES[0], "The pills you take matters", None),
        (
            "When the symptoms starts, walk around.",
            RULES[0],
            "the symptoms starts",
            "the symptoms start",
        ),
        (
            "In older adults, falls is a leading cause of injury.",
            RULES[0],
            "falls is",
            "falls are",
        ),
        # singular subject, plural verb
        ("Each tablet contain 10 mg of iron.", RULES[0], "Each tablet contain", None),
        ("Every patient need a follow-up visit.", RULES[0], "Every patient need", None),
        ("A cup of coffee contain caffeine.", RULES[0], "A cup of coffee contain", None),
        ("This medicine work best with food.", RULES[0], "This medicine work", None),
        (
            "Because research have shown mixed results, doctors disagree.",
            RULES[0],
            "research have",
            "research has",
        ),
        # frames
        (
            "One of the most common triggers are stress.",
            RULES[0],
            "One of the most common triggers are",
            None,
        ),
        ("The number of cases are rising.", RULES[0], "The number of cases are", None),
        ("A number of studies has found a link.", RULES[0], "A number of studies has", None),
        ("Each of the studies were small.", RULES[0], "Each of the studies were", None),
        ("Most of the research were small.", RULES[0], "Most of the research were", None),
        ("Both of these conditions causes fatigue.", RULES[0], None, None),
        ("The study found 40% of adults has low vitamin D.", RULES[0], "40% of adults has", None),
        ("Millions of people has diabetes.", RULES[0], "Millions of people has", None),
        ("Those with RLS often has trouble sleeping.", RULES[0], None, None),
        # compound subjects
        ("Headaches and nausea is common.", RULES[1], "Headaches and nausea is", None),
        ("Nuts and seeds contains healthy fats.", RULES[1], None, "Nuts and seeds contain"),
        ("The doctor and the nurse checks your blood pressure.", RULES[1], None, None),
        ("Regular exercise and a balanced diet lowers your risk.", RULES[1], None, None),
        # relative clauses
        ("People who takes blood thinners should ask first.", RULES[2], "People who takes", None),
        ("Anyone who have symptoms should see a doctor.", RULES[2], "Anyone who have", None),
        ("A person who need help can call.", RULES[2], "person who need", "person who needs"),
        # pronouns
        ("It don't work for everyone.", RULES[3], "It do", "It does"),
        ("They was told to rest.", RULES[3], "They was", "They were"),
        ("He have a history of migraine.", RULES[3], "He have", "He has"),
        ("If it help, keep going.", RULES[3], "it help", "it helps"),
        ("I is not a doctor.", RULES[3], "I is", "I am"),
        # there is / there are
        ("There is many reasons to see a doctor.", RULES[4], "There is", "There are"),
        ("There was several reports of side effects.", RULES[4], "There was", "There were"),
        ("There are a simple test for this.", RULES[4], "There are", "There is"),
    ],
)
def test_agreement_errors_are_flagged(
    linter: Linter, text: str, rule: str, excerpt: str | None, suggestion: str | None
) -> None:
    (finding,) = found(text, linter)
    assert finding.rule == rule
    assert finding.category == "grammar"
    if excerpt is not None:
        assert finding.excerpt == excerpt
    if suggestion is not None:
        assert finding.suggestions == (suggestion,)


@pytest.mark.parametrize(
    "text",
    [
        # correct agreement, including the corrected forms of the errors above
        "Studies have shown that sleep matters.",
        "Each of the patients was given a diary.",
        "The number of people with diabetes has doubled.",
        "A number of studies have found a link.",
        "Most of the evidence comes from small studies.",
        "A drop in air pressure sets off an attack.",  # "off" is a particle, never the verb
        "Children today eat more sugar than ever.",  # "today" is no subject head
        "All of the patients were adults.",
        "Every one of these symptoms deserves attention.",
        "Half of adults have high blood pressure.",
        "Fifty percent of patients improve.",
        "A third of adults have high blood pressure.",
        "Fiber and water work together.",
        "People who eat more fiber have fewer problems.",
        "Anyone who has symptoms should see a doctor.",
        "Those who smoke are at higher risk.",
        # number-neutral subjects
        "The data are clear.",
        "The team are meeting tomorrow.",
        "Two hours is enough.",
        "Five minutes of stretching is enough.",
        "Diabetes is common.",
        "Measles spreads quickly.",
        "Shingles is painful.",
        "Restless legs affects up to one in ten adults.",
        "The elderly are at higher risk.",
        "The sheep were vaccinated.",
        "The news is good.",
        # lists, pairs and phrases where one noun modifies another
        "Iron, zinc and magnesium are minerals.",
        "Salt and sugar intake matters.",
        "Trial and error is part of finding the right dose.",
        "The difference between measured and self-reported figures suggests a gap.",
        "The gap between women and men narrows with age.",
        # gerunds, instructions, questions, subjunctives, past tenses
        "Eating vegetables helps digestion.",
        "Taking supplements is not necessary for most people.",
        "Start with a 12-hour overnight fast and extend it gradually.",
        "Does it have side effects?",
        "If it were that simple, everyone would do it.",
        "Doctors recommend that she take iron with vitamin C.",
        "It cost less than expected.",
        "A 2015 study put the figure at 10%.",
        # nouns that look like verbs, and verbs that look like nouns
        "The diet raises levels of good cholesterol.",
        "This diet works wonders for some people.",
        "Sports drinks contain a lot of sugar.",
        "Caffeine triggers attacks in some people.",
        "Foods high in fiber keep you full.",
        "Stress levels rise during exams.",
        "Every day counts.",
        "No model download is needed.",
        "Compression and leg wraps",
        # relative clauses and reported speech
        "The nerve damage that diabetes causes is called neuropathy.",
        "A condition that affects nerves is neuropathy.",
        "One of the drugs that work best is gabapentin.",
        "My doctor, who has treated RLS for years, agrees.",
        "We doctors recommend rest.",
        # there is / there are
        "There is a number of options.",
        "There are a few options.",
        "There is pain and swelling in the joint.",
        "There were a number of side effects.",
        "There is little evidence that detox diets work.",
    ],
)
def test_near_misses_stay_quiet(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_one_finding_per_verb(linter: Linter) -> None:
    text = "The symptoms is worse at night, and the drugs works slowly."
    assert [f.excerpt for f in found(text, linter)] == ["The symptoms is", "the drugs works"]


def test_name_capitalised_in_mid_sentence_is_not_a_plural(linter: Linter) -> None:
    text = "Requests allows you to send data.\n\nWe built Requests for people."
    assert found(text, linter) == []
    assert len(found("Requests allows you to send data.", linter)) == 1


def test_table_cells_are_fragments(linter: Linter) -> None:
    table = "| Layers | What |\n|---|---|\n| Weights layers, transforms | x |\n"
    assert found(table, linter) == []


def test_plain_text_and_html(linter: Linter) -> None:
    assert [f.excerpt for f in found("Triggers varies a lot.\n", linter, "text")] == [
        "Triggers varies"
    ]
    html = "<html><body><p>The tablets works best with food.</p></body></html>"
    assert [f.excerpt for f in found(html, linter, "html")] == ["The tablets works"]


def test_messages_say_why_and_how_to_fix(linter: Linter) -> None:
    (finding,) = found("The benefits of exercise is well known.", linter)
    assert "'is' does not agree with its subject" in finding.message
    assert "'benefits' is plural" in finding.message
    assert "write 'are'" in finding.message
    assert finding.fix is None  # the subject may be the word to change
    (compound,) = found("Headaches and nausea is common.", linter)
    assert "joined by 'and'" in compound.message


def test_only_the_pronoun_rule_has_a_safe_fix(linter: Linter) -> None:
    (finding,) = found("They was told to rest.", linter)
    assert finding.fix is not None and finding.fix.replacement == "They were"
    (lexical,) = found("It help a lot.", linter)
    assert lexical.fix is None and lexical.suggestions == ("It helps",)


@pytest.mark.parametrize(
    ("verb", "number", "expected"),
    [
        ("varies", "plural", "vary"),
        ("goes", "plural", "go"),
        ("watches", "plural", "watch"),
        ("stages", "plural", "stage"),
        ("Contain", "singular", "Contains"),
        ("vary", "singular", "varies"),
        ("do", "singular", "does"),
        ("is", "plural", "are"),
        ("is", "first", "am"),
        ("were", "singular", "was"),
        ("is", "singular", None),
    ],
)
def test_corrected_verb(verb: str, number: str, expected: str | None) -> None:
    assert corrected_verb(grammar_of(load_rulebook()), verb, number) == expected


def test_a_pack_extends_the_word_lists(tmp_path: Path) -> None:
    text = "Pins and needles is a tingling feeling."
    assert [f.rule for f in found(text, make_linter(select=["grammar"]))] == [RULES[1]]
    pack = tmp_path / "house.yaml"
    pack.write_text("lexicons:\n  grammar_singular_pairs: [pins and needles]\n", encoding="utf-8")
    assert found(text, make_linter(rules=[pack], select=["grammar"])) == []


def test_disabled_rules_are_not_reported(tmp_path: Path) -> None:
    pack = tmp_path / "off.yaml"
    pack.write_text(f"disable: [{', '.join(RULES)}]\n", encoding="utf-8")
    assert found("Studies has shown it.", make_linter(rules=[pack])) == []


@pytest.mark.parametrize("rule", RULES)
def test_explain_page(cli, rule: str) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", rule)
    assert run.code == 0
    assert f"{rule} (grammar, default severity: warning)" in run.stdout
    assert "How to fix" in run.stdout


def test_cli_end_to_end(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.md"
    article.write_text(
        "# Iron and sleep\n\n"
        "Low iron levels causes restless legs. Each tablet contain 65 mg of iron.\n\n"
        "It don't work for everyone, and there is many reasons why.\n\n"
        "The data are clear: most people who take iron feel better.\n",
        encoding="utf-8",
    )
    run = cli("check", "--isolated", "--select", "grammar", "--format", "json", str(article))
    assert run.code == 1, run.stderr
    findings = [
        (f["rule"], f["line"], f["column"])
        for f in run.json["files"][0]["findings"]
        if f["category"] == "grammar"
    ]
    assert findings == [
        ("subject-verb-agreement", 3, 1),
        ("subject-verb-agreement", 3, 39),
        ("pronoun-verb-agreement", 5, 1),
        ("there-agreement", 5, 33),
    ]

    fixed = cli("check", "--isolated", "--select", "grammar", "--fix", str(article))
    assert fixed.code == 1, fixed.stderr
    text = article.read_text(encoding="utf-8")
    assert "It doesn't work for everyone" in text  # the safe pronoun fix
    assert "Low iron levels causes" in text  # suggestions only: not applied


def test_every_clause_start_of_a_block(linter: Linter) -> None:
    """The clause starts of a block of several sentences (after a reporting verb, ", and", a
    semicolon, an opener, a noun before a frame) and curly apostrophes, read per block."""
    text = (
        "Sleep helps. The study found most patients has insomnia, and the symptoms varies; they "
        "was tired because it help. During pregnancy the number of women are rising. It don’t "
        "work for everyone."
    )
    assert [f.excerpt for f in found(text, linter)] == [
        "most patients has",
        "the symptoms varies",
        "they was",
        "it help",
        "the number of women are",
        "It do",
    ]
