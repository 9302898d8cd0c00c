"""vague-citation and unknown-journal: sources readers cannot find, journals nobody lists.

Each rule has a true positive, near misses that must stay quiet (a traceable citation in the
same or the next sentence, talk about studies in general, an organisation named without a
claim), the `citation_distance` setting, and its explain page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.api import lint_text, make_linter
from factlint.checks.registry import all_rules
from factlint.checks.sourcing import LONG_SENTENCE, evidence
from factlint.claims.sentences import sentences_of
from factlint.engine import Linter
from factlint.findings import Finding, Severity
from factlint.rulebook import load_rulebook


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(select=["vague-citation", "unknown-journal"])


def found(text: str, linter: Linter, rule: str = "vague-citation") -> list[Finding]:
    return [f for f in lint_text(text, format="markdown", linter=linter) if f.rule == rule]


# --------------------------------------------------------------------------- vague-citation


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Research has shown that magnesium eases cramps.", "Research has shown"),
        ("Experts believe that gluten worsens joint pain.", "Experts believe"),
        ("Studies show that iron helps restless legs.", "Studies show"),
        ("A link has recently been discovered between RLS and migraine.", "has recently been"),
        ("Researchers have found that 46% of patients have it.", "Researchers have found"),
        # any health profession, and trials as well as studies
        ("Physiotherapists say that stretching prevents cramps.", "Physiotherapists say"),
        ("Pharmacists agree that the gel is gentler.", "Pharmacists agree"),
        ("Trials showed that the drug helps.", "Trials showed"),
        ("Researchers in Japan found that storms trigger attacks.", "Researchers in Japan"),
        ("Research out of Sweden showed that foot checks work.", "Research out of Sweden"),
    ],
)
def test_vague_attributions_are_flagged(linter: Linter, text: str, excerpt: str) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt.startswith(excerpt)
    assert finding.severity is Severity.WARNING
    assert "author, year and a DOI or link" in finding.message


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Low levels have been linked to low mood in some studies.", "some studies"),
        ("According to a 2019 report, cases have risen.", "a 2019 report"),
        # a denial three words back does not reach the attribution
        (
            "this is not something to ignore a study published in the journal chest found that "
            "crashes were more common",
            "a study",
        ),
        ("Scientists at a large hospital found that naps help.", "Scientists at a large"),
    ],
)
def test_attributions_by_their_place_in_the_sentence(
    linter: Linter, text: str, excerpt: str
) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt.startswith(excerpt)


@pytest.mark.parametrize(
    "text",
    [
        # "it is thought to": a hedge on the subject, not an attribution
        "During an attack its levels rise, and it is thought to contribute to pain.",
        # the participle describes the study, and the study is not said to find anything
        "A study reported in 2010 looked at whether poor sleep plays a part.",
        "Many studies in the field are small.",
        "Some feel worse in a flare, but others report fatigue all the time.",  # people
        "Energy supplements have not been shown to relieve fatigue in large trials.",  # denied
    ],
)
def test_hedges_and_descriptions_of_studies_are_not_attributions(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_run_on_text_reports_each_attribution_far_from_a_source(linter: Linter) -> None:
    # No punctuation: one "sentence", in which attributions far apart are separate findings
    filler = " ".join(["the pain makes sleep hard for many people"] * 8)
    text = f"researchers have found that both involve the brain {filler} and experts agree it"
    assert [f.excerpt for f in found(text, linter)] == ["researchers have found", "experts agree"]
    # a traceable citation sources a named journal near it, not one far away
    near = "a study in the Journal of Sleep Research found it (Lee et al., 2019)"
    assert found(f"{filler} {near} {filler}", linter) == []
    far = "a study in the Journal of Sleep Research found it"
    text = f"{far} {filler} {filler} and (Lee et al., 2019)"
    assert [f.excerpt for f in found(text, linter)] == ["the Journal of Sleep Research"]


def test_a_named_journal_without_the_study_is_flagged(linter: Linter) -> None:
    text = (
        "A study published in the Journal of Clinical Sleep Medicine found that night-shift "
        "nurses slept less than day-shift nurses."
    )
    (finding,) = found(text, linter)
    assert finding.excerpt == "A study published in the Journal of Clinical Sleep Medicine"
    assert "names the journal" in finding.message


def test_a_traceable_citation_in_the_sentence_or_the_next_is_enough(linter: Linter) -> None:
    assert found("Studies show that iron helps (Allen et al., 2018).", linter) == []
    assert (
        found("Studies show that iron helps. That was the finding of Allen (2018).", linter) == []
    )
    assert (
        found(
            "A study in the Journal of Clinical Sleep Medicine found a link "
            "(doi:10.5664/jcsm.27954).",
            linter,
        )
        == []
    )


def test_talk_about_studies_in_general_is_not_a_citation(linter: Linter) -> None:
    text = (
        "Many studies rely on food-frequency questionnaires. Larger studies are needed. "
        "Anyone can submit a report. There is no study that shows this, and no diet has been "
        "shown to cure fibromyalgia."
    )
    assert found(text, linter) == []


def test_an_organisation_is_flagged_when_it_backs_a_claim(linter: Linter) -> None:
    (finding,) = found("The CDC says that 48% of US adults have hypertension.", linter)
    assert "organisation" in finding.message


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("According to the Mayo Clinic, gabapentin is completely safe.", "According to the"),
        ("Harvard researchers found that screens delay sleep.", "Harvard"),
        ("The CDC reports that sleep matters to everyone.", "CDC"),
    ],
)
def test_an_organisation_named_as_the_author_of_a_statement_is_flagged(
    linter: Linter, text: str, excerpt: str
) -> None:
    (finding,) = found(text, linter)
    assert finding.excerpt.startswith(excerpt)


@pytest.mark.parametrize(
    "text",
    [
        "The CDC was set up in Atlanta after the war.",  # mentioned, not a source
        "Older editions of the CDC report, based on earlier surveys, were shorter.",
        "According to the CDC (https://www.cdc.gov/sleep), sleep matters to everyone.",
    ],
)
def test_an_organisation_mentioned_or_linked_is_not_flagged(linter: Linter, text: str) -> None:
    assert found(text, linter) == []


def test_one_finding_per_sentence(linter: Linter) -> None:
    text = "Experts believe, and research has shown, that studies show it."
    assert len(found(text, linter)) == 1


def test_citation_distance_paragraph_accepts_a_citation_later_in_the_paragraph(
    tmp_path: Path,
) -> None:
    text = (
        "Studies show that iron helps restless legs. It is cheap. Doctors check ferritin "
        "first (Allen et al., 2018).\n"
    )
    assert found(text, make_linter(select=["vague-citation"]))
    pack = tmp_path / "near.yaml"
    pack.write_text("lexicons:\n  citation_distance: [paragraph]\n", encoding="utf-8")
    assert found(text, make_linter(rules=[pack], select=["vague-citation"])) == []


# --------------------------------------------------------------------------- unknown-journal


def test_a_misspelt_journal_gets_the_listed_title_as_suggestion(linter: Linter) -> None:
    text = "A study in the Journal of Clinical Sleep Medicin found a link (Lee et al., 2019)."
    (finding,) = found(text, linter, "unknown-journal")
    assert finding.excerpt == "Journal of Clinical Sleep Medicin"
    assert finding.suggestions == ("Journal of Clinical Sleep Medicine",)
    assert finding.severity is Severity.INFO
    assert finding.fix is None  # a guess is a suggestion, never an automatic fix


def test_listed_journals_pass_whatever_the_case_or_leading_the(linter: Linter) -> None:
    text = (
        "Two studies (Lee et al., 2019; Kim et al., 2020) appeared in the Journal of Clinical "
        "Sleep Medicine and in The Lancet, and one was published in Sleep Medicine Reviews."
    )
    assert found(text, linter, "unknown-journal") == []


def test_an_unlisted_journal_without_a_close_match_is_noted(linter: Linter) -> None:
    text = "It was published in the Journal of Imaginary Wellness Studies (Lee et al., 2019)."
    (finding,) = found(text, linter, "unknown-journal")
    assert finding.suggestions == ()
    assert "add it to `journals:`" in finding.message


# --------------------------------------------------------------------------- docs


def test_explain_pages(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "--isolated", "vague-citation")
    assert run.code == 0
    assert "vague-citation (citation, default severity: warning)" in run.stdout
    assert "citation_distance" in run.stdout
    rule = all_rules(load_rulebook())["unknown-journal"]
    assert rule.category == "citation" and rule.severity is Severity.INFO
    assert all((rule.docs.what, rule.docs.why, rule.docs.example, rule.docs.fix))


def test_evidence_reads_the_sentences_of_a_block_when_first_asked(linter: Linter) -> None:
    run_on = "word " * (LONG_SENTENCE // 4)
    text = (
        "# Sleep\n\nNothing is cited here. Nor here.\n\n"
        f"Sleep matters (Ohayon et al., 2012). These figures come from surveys.\n\n{run_on}"
    )
    analysis = linter.analyse(linter.read_text(text, "t.md"))
    found = evidence(analysis)
    assert 1 not in found.sentence_starts  # no claim, citation or finding asked about it
    for block, doc in enumerate(analysis.docs):
        sentences = sentences_of(doc)
        assert found.starts(block) == [sentence.start for sentence in sentences]
        first = sentences[0]
        assert found.is_run_on((block, first.start)) == (first.end - first.start > LONG_SENTENCE)
    assert found.is_run_on((3, 0))
    assert found.starts(len(analysis.docs)) == [] == found.starts(-1)
    assert found.sentence_key(-1, 5) == (-1, 0)
    assert found.next_sentence((len(analysis.docs), 0)) is None
