"""The engine and public API: positions in the original file, one NLP pass, the two first checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from factlint.api import lint_paths, lint_text, make_linter
from factlint.config import load_config
from factlint.errors import ConfigError
from factlint.nlp import get_pipeline

RICH_MARKDOWN = (
    "---\r\n"
    "title: Living with restless leg syndrome\r\n"
    "author: the the editors\r\n"
    "---\r\n"
    "\r\n"
    "# Café culture and *restless leg syndrome*\r\n"
    "\r\n"
    "Sjögren’s syndrome — and “the the” problem — is **is** rare.\r\n"
    "\r\n"
    '- Iron [may may help](https://example.org/the_the "the the") some people.\r\n'
    "- Code such as `is is` is skipped.\r\n"
    "\r\n"
    "| Symptom | Note |\r\n"
    "|---|---|\r\n"
    "| leg ache | worse worse at night |\r\n"
    "\r\n"
    "```\r\n"
    "the the\r\n"
    "```\r\n"
    "<!-- the the -->\r\n"
)


@pytest.fixture(scope="module")
def linter():
    return make_linter(load_config(None))


def spans(findings):
    return [
        (f.rule, f.location.line, f.location.column, f.location.end_line, f.location.end_column)
        for f in findings
    ]


def test_positions_land_in_the_original_file(linter):
    findings = lint_text(RICH_MARKDOWN, path="rich.md", format="markdown", linter=linter)
    lines = RICH_MARKDOWN.split("\r\n")

    def where(line: int, text: str) -> tuple[int, int]:
        column = lines[line - 1].index(text) + 1
        return column, column + len(text)

    expected = [
        ("preferred-term", 2, *where(2, "restless leg syndrome")),  # front matter title
        ("preferred-term", 6, *where(6, "restless leg syndrome")),  # inside emphasis
        ("doubled-word", 8, *where(8, "the the")),  # inside curly quotes, after é/ö/em dash
        ("doubled-word", 8, *where(8, "is **is")),  # across emphasis markup
        ("doubled-word", 10, *where(10, "may may")),  # link text, not the link target
        ("doubled-word", 15, *where(15, "worse worse")),  # table cell
    ]
    got = spans(findings)
    assert got == [(rule, line, start, line, end) for rule, line, start, end in expected]
    # The author key of the front matter, link targets and titles, code, fences and comments
    # are never linted.


def test_doubled_word_across_markup_is_found_without_a_fix(linter):
    (finding,) = lint_text("It is **is** rare.\n", format="markdown", linter=linter)
    assert finding.rule == "doubled-word"
    assert finding.excerpt == "is **is"
    assert finding.fix is None
    (plain,) = lint_text("It is is rare.\n", format="markdown", linter=linter)
    assert plain.fix is not None and plain.fix.replacement == "is"


def test_doubled_words_do_not_cross_paragraph_breaks(linter):
    assert lint_text("It ends with as\n\nas it starts.\n", format="text", linter=linter) == []
    (finding,) = lint_text("It ends with as\nas it starts.\n", format="text", linter=linter)
    assert (finding.location.line, finding.location.end_line) == (1, 2)


def test_allowed_doubles_come_from_the_rule_pack(linter):
    assert lint_text("What it had had was time.\n", format="text", linter=linter) == []


def test_substitution_keeps_capitals_and_offers_a_safe_fix(linter):
    (finding,) = lint_text("Restless leg syndrome is common.\n", format="text", linter=linter)
    assert finding.suggestions == ("Restless legs syndrome",)
    assert finding.fix is not None
    assert (finding.fix.start, finding.fix.end) == (0, len("Restless leg syndrome"))


def test_lint_paths_reports_files_and_errors(tmp_path, linter):
    (tmp_path / "a.md").write_text("It is is late.\n")
    (tmp_path / "b.txt").write_text("Fine.\n")
    results = lint_paths([tmp_path, tmp_path / "missing.md"], linter=linter)
    by_name = {Path(r.path).name: r for r in results}
    assert [f.rule for f in by_name["a.md"].findings] == ["doubled-word"]
    assert by_name["b.txt"].findings == ()
    assert by_name["missing.md"].skipped


def test_same_findings_one_file_or_many(tmp_path, linter):
    """No state leaks between documents: splitting a text into files changes no finding."""
    paragraphs = [f"Paragraph {i} says that restless leg syndrome is is common." for i in range(30)]
    (tmp_path / "one.md").write_text("\n\n".join(paragraphs))
    many = tmp_path / "many"
    many.mkdir()
    for i, paragraph in enumerate(paragraphs):
        (many / f"p{i:02}.md").write_text(paragraph)
    one = lint_paths([tmp_path / "one.md"], linter=linter)[0].findings
    split = [f for result in lint_paths([many], linter=linter) for f in result.findings]
    assert [(f.rule, f.excerpt) for f in one] == [(f.rule, f.excerpt) for f in split]
    assert len(one) == 60


def test_the_pipeline_is_blank_english_with_sentences_and_lemmas():
    nlp = get_pipeline(None)
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["sentencizer", "factlint_lemmas"]
    doc = nlp("Symptoms worsened at night. Iron helps.")
    assert len(list(doc.sents)) == 2
    assert [t.lemma_ for t in doc][:2] == ["symptom", "worsen"]
    assert get_pipeline(None) is nlp  # built once per process


def test_lemmas_survive_curly_apostrophes_and_lookup_slips():
    """Cue patterns match lemmas: "doesn’t" must read as do + not, "Vitamin D" as no verb."""
    from factlint.claims.lexicon import tokens_of

    nlp = get_pipeline(None)
    lemmas = {tok.text: tok.lemma for tok in tokens_of(nlp("It doesn’t help. They’re fine."))}
    assert lemmas["does"] == "do" and lemmas["n’t"] == "not" and lemmas["’re"] == "be"
    vitamin = tokens_of(nlp("Vitamin D helps."))
    assert vitamin[1].lemma == "d"  # not "have", the lemma of "'d"


def test_lemmas_are_the_same_for_short_and_long_blocks():
    """Short blocks are lemmatised token by token, long ones as one array: same lemmas,
    including word forms the component has never seen before."""
    from factlint.nlp import SHORT_DOC

    nlp = get_pipeline(None)
    words = ["Causes", "Zyqfrobbed", "studies", "doesn’t", "They’re", "worsened", "Vitamin", "D"]
    long_text = " ".join(words * (SHORT_DOC // len(words) + 1))
    long_doc = nlp(long_text)
    assert len(long_doc) >= SHORT_DOC
    short_docs = [nlp(word) for word in words]
    assert all(len(doc) < SHORT_DOC for doc in short_docs)
    by_word = {doc.text: [t.lemma_ for t in doc] for doc in short_docs}
    assert [t.lemma_ for t in long_doc] == [lemma for w in words for lemma in by_word[w]] * (
        SHORT_DOC // len(words) + 1
    )
    assert by_word["Causes"] == ["cause"] and by_word["Zyqfrobbed"] == ["zyqfrobbed"]


def test_config_can_name_a_saved_pipeline(tmp_path):
    saved = spacy.blank("en")
    saved.meta["name"] = "house_pipeline"
    saved.to_disk(tmp_path / "house")
    nlp = get_pipeline(str(tmp_path / "house"))
    assert nlp.meta["name"] == "house_pipeline"
    assert "sentencizer" in nlp.pipe_names and "factlint_lemmas" in nlp.pipe_names
    with pytest.raises(ConfigError, match="'en_core_web_nonexistent' is not installed"):
        get_pipeline("en_core_web_nonexistent")


def test_a_saved_pipeline_that_already_splits_sentences_or_lemmatises_is_used_as_is(tmp_path, cli):
    """A pipeline that has its own sentencizer, or that factlint's own pipeline was saved to,
    is completed only with what it lacks (components found by what they assign, not by name);
    adding a second sentencizer used to end the run with a traceback."""
    with_sentences = spacy.blank("en")
    with_sentences.add_pipe("sentencizer")
    with_sentences.to_disk(tmp_path / "splits")
    get_pipeline(None).to_disk(tmp_path / "ours")
    (tmp_path / "a.md").write_text("Restless leg syndrome is as as common.\n", encoding="utf-8")
    for model in ("splits", "ours"):
        (tmp_path / ".factlint.yaml").write_text(f"spacy_model: {model}\n", encoding="utf-8")
        run = cli("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
        assert run.code == 1, run.stderr
        rules = [finding["rule"] for finding in run.json["files"][0]["findings"]]
        assert rules == ["preferred-term", "doubled-word"]
    nlp = get_pipeline(str(tmp_path / "splits"))
    assert nlp.pipe_names == ["sentencizer", "factlint_lemmas"]


def test_a_saved_pipeline_is_found_from_its_config_and_a_bad_name_is_a_config_error(tmp_path, cli):
    """``spacy_model`` naming a folder is relative to the config file (like ``rules``), so the
    run works from any working directory; a name that is neither a folder nor an installed
    package (dotted, a relative path) is one error line and exit 2, not a traceback."""
    site = tmp_path / "site"
    site.mkdir()
    spacy.blank("en").to_disk(site / "house")
    (site / "a.md").write_text("Restless leg syndrome is as as common.\n", encoding="utf-8")
    (site / ".factlint.yaml").write_text("spacy_model: house\n", encoding="utf-8")
    run = cli("check", "--no-cache", "site/a.md", cwd=tmp_path)
    assert run.code == 1 and "doubled-word" in run.stdout, run.stderr
    for name in ("foo.bar", "../elsewhere/house", "en_core_web_nonexistent"):
        (site / ".factlint.yaml").write_text(f"spacy_model: {name}\n", encoding="utf-8")
        run = cli("check", "--no-cache", "site/a.md", cwd=tmp_path)
        assert run.code == 2, run.stderr
        assert "Traceback" not in run.stderr
        assert f"spaCy pipeline '{name}'" in run.stderr


def test_checks_compile_their_lexicons_when_the_pipeline_loads(tmp_path):
    """``Check.prepare``: the token patterns of the checks exist before the first document.
    Made mid-document instead, each new lexicon had every token list of the document read so
    far indexed again, which made one long file markedly slower than the same text split up."""
    from factlint.claims import lexicon
    from factlint.engine import Linter

    pack = tmp_path / "words.yaml"
    pack.write_text(
        "lexicons:\n  hype_words: [wondercure]\n  disclaimer_triggers: [pillbox]\n"
        "  causal_promises: [banishes]\n",
        encoding="utf-8",
    )
    linter = Linter.create(load_config(None), extra_packs=(pack,))
    generation = lexicon._index_keys.generation
    findings = lint_text(
        "This wondercure banishes insomnia. Keep it in a pillbox.", path="a.md", linter=linter
    )
    rules = {finding.rule for finding in findings}
    assert {"hype", "missing-disclaimer"} <= rules
    assert lexicon._index_keys.generation == generation


def test_a_document_is_freed_once_linted(linter, monkeypatch):
    """Nothing outlives a document's lint: not its docs, tokens, claims or what the checks
    shared about it (``Analysis.shared``), freed by reference counting alone. A cache that held
    the latest analysis kept a whole long file in memory to the end, and freeing it there cost
    a second per 2 MB."""
    import gc
    import weakref

    from factlint import engine

    made = []
    analysis_of = engine.Analysis

    def recorded(**parts):
        analysis = analysis_of(**parts)
        made.append(weakref.ref(analysis))
        return analysis

    monkeypatch.setattr(engine, "Analysis", recorded)
    text = (
        "About 10% of adults have restless legs syndrome (Ohayon et al., 2012). Research has "
        "shown that iron supplements cure it. Doctors may prescribe 300 mg a day."
    )
    enabled = gc.isenabled()
    gc.disable()
    try:
        findings = lint_text(text, path="a.md", linter=linter)
    finally:
        if enabled:
            gc.enable()
    assert {"statistic-unsourced", "vague-citation"} & {finding.rule for finding in findings}
    assert made and all(ref() is None for ref in made)
