"""Citation claims: specificity (traceable / named / vague), what they name, what they support.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from factlint.claims import citations, extract_claims, load_default_lexicon
from factlint.claims.citations import _journal_context, _may_introduce_journal
from factlint.document import Document, verbatim_block
from factlint.nlp import get_pipeline


def document_of(*paragraphs: str, kinds: tuple[str, ...] = ()):
    blocks, offset = [], 0
    for index, text in enumerate(paragraphs):
        kind = kinds[index] if index < len(kinds) else "paragraph"
        blocks.append(verbatim_block(text, offset, kind))
        offset += len(text) + 2
    document = Document("t.md", "markdown", "\n\n".join(paragraphs), tuple(blocks))
    return document, list(get_pipeline().pipe(list(paragraphs)))


def citations_of(*paragraphs: str, kinds: tuple[str, ...] = (), links=()):
    document, docs = document_of(*paragraphs, kinds=kinds)
    found = extract_claims(document, docs, load_default_lexicon(), links=links)
    return [claim for claim in found if claim.kind == "citation"]


def only(text: str):
    found = citations_of(text)
    assert len(found) == 1, [(c.text, c.get("specificity")) for c in found]
    return found[0]


# --------------------------------------------------------------------------- traceable


def test_parenthetical_author_year_is_traceable_and_keeps_its_sentence_whole():
    text = "Poor sleep worsened pain scores (Garcia et al., 2018). Rest helped."
    claim = only(text)
    assert claim.text == "(Garcia et al., 2018)"
    assert claim.get("specificity") == "traceable"
    assert claim.get("authors") == ["Garcia"]
    assert claim.get("year") == 2018
    # "et al." must not end the sentence: the citation supports the whole first sentence
    assert claim.get("supports") == [[0, 0, text.index(" Rest")]]


@pytest.mark.parametrize(
    ("text", "authors", "journal"),
    [
        ("Poor sleep came first (Burch et al., 2018, Headache 58(7):1).", ["Burch"], "Headache"),
        ("Poor sleep came first (Burch et al., 2018, Headache).", ["Burch"], None),  # or a place
        ("Guidance changed (WHO, 2019, Geneva).", ["WHO"], None),
        (
            "Both were common (Helvacı Yılmaz et al., 2016, Turkish Journal of Neurology).",
            ["Helvacı Yılmaz"],
            "Turkish Journal of Neurology",
        ),
        (
            "It was rare (Abend et al., 2024, Journal of Clinical Investigation 135(4):e1).",
            ["Abend"],
            "Journal of Clinical Investigation",
        ),
        ("Both agree (Smith 2019, Jones 2020).", ["Smith"], None),  # a second reference
    ],
)
def test_author_year_with_details_is_traceable(text, authors, journal):
    claim = only(text)
    assert claim.get("specificity") == "traceable"
    assert claim.get("authors") == authors
    assert claim.get("journal") == journal


def test_author_year_details_give_the_doi():
    claim = only("It was common (Ohayon et al., 2012, doi:10.1016/j.smrv.2011.05.002).")
    assert claim.get("doi") == "10.1016/j.smrv.2011.05.002"
    assert claim.get("year") == 2012


def test_a_study_by_named_authors_and_a_year_is_traceable():
    claim = only("in a 2010 study by viola-saltzman and colleagues most had rls")
    assert claim.get("specificity") == "traceable"
    assert claim.get("authors") == ["viola-saltzman"]
    assert claim.get("year") == 2010
    # no names: still an anonymous study
    vague = only("A 2019 study by researchers and colleagues found a link.")
    assert vague.get("specificity") == "vague"


def test_a_label_and_a_year_are_not_authors():
    assert citations_of("Sales rose (Updated March 2019, see notes).") == []


def test_narrative_author_year_names_both_authors():
    claim = only("Okafor and Lind (2020) followed 300 runners for a year.")
    assert claim.text == "Okafor and Lind (2020)"
    assert claim.get("specificity") == "traceable"
    assert claim.get("authors") == ["Okafor", "Lind"]
    assert claim.get("year") == 2020


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("The protocol is described at doi:10.1234/abcd.5678 in full.", "doi", "10.1234/abcd.5678"),
        ("See https://doi.org/10.5555/xyz-99 for the data.", "doi", "10.5555/xyz-99"),
        ("The trial report is indexed as PMID: 12345678.", "pmid", "12345678"),
        ("The full text is PMC7654321 in the archive.", "pmid", "PMC7654321"),
        ("Guidance is online at https://www.example.org/gout/advice.", "url", None),
    ],
)
def test_identifiers_are_traceable(text, key, value):
    claim = only(text)
    assert claim.get("specificity") == "traceable"
    if value is None:
        assert claim.get(key) == "https://www.example.org/gout/advice"
        assert not claim.text.endswith(".")
    else:
        assert claim.get(key) == value


def test_links_passed_in_by_the_reader_are_traceable():
    text = "The national guideline recommends daily walking."
    start = text.index("national guideline")
    end = start + len("national guideline")
    found = citations_of(text, links=[(0, start, end, "https://example.org/guideline")])
    assert len(found) == 1
    assert found[0].text == "national guideline"
    assert found[0].get("url") == "https://example.org/guideline"
    assert found[0].get("specificity") == "traceable"


def test_numbered_marker_resolves_to_the_reference_list():
    found = citations_of(
        "Iron supplements eased symptoms in most patients [2].",
        "References",
        "[1] Adams P. Sleep and iron. 2015.",
        "[2] Brown K, Chen L. Iron therapy in restless legs. 2019.",
        kinds=("paragraph", "heading", "list_item", "list_item"),
    )
    marker = next(c for c in found if c.block == 0)
    assert marker.text == "[2]"
    assert marker.get("specificity") == "traceable"
    assert "Brown K" in marker.get("reference")


def test_unresolved_marker_is_vague():
    claim = only("Iron supplements eased symptoms in most patients [7].")
    assert claim.text == "[7]"
    assert claim.get("specificity") == "vague"
    assert claim.get("reference") is None


# --------------------------------------------------------------------------- named


def test_study_published_in_a_journal_is_named_with_its_lead_in():
    claim = only("A study published in the Journal of Sleep Research found a link with pain.")
    assert claim.get("specificity") == "named"
    assert claim.get("journal") == "Journal of Sleep Research"
    assert claim.text == "A study published in the Journal of Sleep Research"


def test_journal_from_the_lexicon_needs_a_publication_context():
    claim = only("The results were published in The Lancet last spring.")
    assert claim.get("journal") == "Lancet"
    assert citations_of("Chronic pain is hard to live with, and pain clinics help.") == []


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("According to the CDC, most adults sleep too little.", "CDC"),
        (
            "The World Health Organization estimates that many people lack vitamin D.",
            "World Health Organization",
        ),
        ("Researchers at the University of Leeds tracked 500 nurses.", "University of Leeds"),
    ],
)
def test_organisations_are_named_sources(text, organisation):
    claim = only(text)
    assert claim.get("specificity") == "named"
    assert claim.get("organisation") == organisation


def test_the_pronoun_who_is_not_the_who():
    assert citations_of("People who walk daily sleep better.") == []


# --------------------------------------------------------------------------- vague


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Research has shown that stretching eases cramps.", "Research has shown"),
        ("Studies show that caffeine worsens symptoms.", "Studies show"),
        ("Experts believe the condition is underdiagnosed.", "Experts believe"),
        ("Scientists say the disorder runs in families.", "Scientists say"),
        ("Recent research points to a role for iron.", "Recent research"),
        ("A 2019 meta-analysis found that yoga eases back pain.", "A 2019 meta-analysis"),
        ("Nutritionists say that fiber matters.", "Nutritionists say"),
        ("Most experts now think the limit is too low.", "experts now think"),
        ("Scientists discovered that blocking it helps.", "Scientists discovered"),
        ("According to doctors, rest is the answer.", "According to doctors"),
        ("Studies of lupus have found similar trends.", "Studies of lupus have found"),
        ("Researchers at a British university found it.", "Researchers at a British university"),
    ],
)
def test_vague_attributions(text, cited):
    claim = only(text)
    assert claim.get("specificity") == "vague"
    assert claim.text == cited


def test_a_named_source_in_the_sentence_wins_over_a_vague_phrase():
    found = citations_of("Research in the Journal of Pain Studies shows that heat helps.")
    assert [c.get("specificity") for c in found] == ["named"]
    found = citations_of("Research has shown that heat helps (Lee et al., 2020). Studies show.")
    assert [(c.text, c.get("specificity")) for c in found] == [
        ("(Lee et al., 2020)", "traceable"),
        ("Studies show", "vague"),
    ]


# --------------------------------------------------------------------------- support


def test_citation_supports_following_sentences_that_refer_back_to_it():
    text = (
        "A study published in the Journal of Foot Health followed 200 hikers. "
        "The researchers found that blisters healed faster with tape. "
        "They also reported fewer infections. "
        "Tape is cheap and easy to find. "
        "The study was small."
    )
    claim = only(text)
    sentences = [
        (0, text.index(" The researchers")),
        (text.index("The researchers"), text.index(" They")),
        (text.index("They"), text.index(" Tape")),
    ]
    assert claim.get("supports") == [[0, s, e] for s, e in sentences]


def test_support_chain_stops_at_the_block_end_and_at_a_new_citation():
    found = citations_of(
        "Experts believe that sleep matters. Studies show that naps help. The authors agree.",
        "The researchers were surprised.",
    )
    first, second = found
    assert first.get("supports") == [[0, 0, 35]]
    assert len(second.get("supports")) == 2
    assert all(span[0] == 0 for span in second.get("supports"))


# --------------------------------------------------------------------------- gates


GATED_TEXTS = [
    "Poor sleep worsened pain scores (Garcia et al., 2018). Rest helped.",
    "Smith and Jones (2019) found the same; see doi:10.1000/xyz123 and PMID: 12345678.",
    "A 2010 study by Viola-Saltzman and colleagues looked at this, as did a trial by Lee et al.",
    "Read more at www.example.org or HTTPS://EXAMPLE.ORG/page, and in [3] and [4-6].",
    "A study published in the Journal of Clinical Sleep Medicine found that RLS is common.",
    "The results, reported in Sleep, and the paper appearing online today in Neurology agree.",
    "Writing in The Lancet, the authors, in an issue of the Annals, cite the Mayo Clinic.",
    "Researchers at the University of Oxford and Harvard Medical School say it helps.",
    "According to the CDC, 1 in 3 adults sleep too little; the WHO agrees.",
    "Sleep Medicine Reviews and Archives of Disease in Childhood reviewed them.",
    "Results appeared in ſleep, and İn the Journal of Kelvin (K) Studies.",
    "REPORTED IN NEUROLOGY, a study published in Pain also said so.",
    "A study appearing in Brain: the researchers say nothing about Blood or Appetite.",
    "Doctors at Stanford University School of Medicine and the Cleveland Clinic Foundation "
    "found it, per the National Institute of Mental Health and Sleep Research Society.",
]


@pytest.mark.parametrize("text", GATED_TEXTS)
def test_gates_only_skip_searches_that_find_nothing(text: str, monkeypatch) -> None:
    """Every gate is a necessary condition: with all of them forced open, the same citations."""
    gated = [(c.text, dict(c.attributes)) for c in citations_of(text)]
    monkeypatch.setattr(
        citations._Gates, "of", classmethod(lambda cls, text: cls(*[True] * len(cls._fields)))
    )
    monkeypatch.setattr(citations, "_may_introduce_journal", lambda text: True)
    assert [(c.text, dict(c.attributes)) for c in citations_of(text)] == gated


@pytest.mark.parametrize(
    "before",
    [
        "It was published online today in the ",
        "as reported in ",
        "results appearing in the journal ",
        "writing in ",
        "in an issue of the ",
        "in the journal ",
        "REPORTS IN ",
    ],
)
def test_a_journal_lead_opens_the_journal_gate(before: str) -> None:
    text = before + "Sleep"
    start = len(before)
    assert _journal_context(text, start, len(text), "Sleep", load_default_lexicon())
    assert _may_introduce_journal(text)
