"""Rule packs: loading, validation messages (file:line: field: problem), merging, matching."""

from __future__ import annotations

import json
import re
import textwrap
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factlint.errors import ConfigError
from factlint.findings import CATEGORIES, Severity
from factlint.rulebook import (
    BLOCK_KINDS,
    PhraseRule,
    Rulebook,
    RuleDocs,
    default_packs,
    load_pack,
    load_rulebook,
    schema_validator,
)

DOCS = "docs: {what: a, why: b, example: c, fix: d}"
CORPUS_ARTICLES = sorted(
    path
    for path in (Path(__file__).resolve().parent.parent / "corpus").glob("*.md")
    if path.name != "README.md"
)


def write(tmp_path: Path, text: str, name: str = "custom.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_pack(path, path.name)
    return str(info.value)


def rule(**overrides: object) -> PhraseRule:
    values: dict[str, object] = {
        "id": "test-rule",
        "kind": "substitution",
        "category": "terminology",
        "severity": Severity.WARNING,
        "message": "Write '{replacement}', not '{match}'.",
        "patterns": (("restless leg syndrome", "restless legs syndrome"),),
        "ignorecase": True,
        "regex": False,
        "fixable": True,
        "scope": None,
        "summary": "s",
        "docs": RuleDocs("a", "b", "c", "d"),
        "origin": "test.yaml:1",
    }
    values.update(overrides)
    return PhraseRule(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- default pack


def test_schema_file_ships_and_is_valid() -> None:
    text = files("factlint.schema").joinpath("rulepack.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    assert schema_validator().schema == schema
    phrase = schema["$defs"]["phrase"]["properties"]
    assert phrase["category"]["enum"] == list(CATEGORIES)
    assert phrase["scope"]["items"]["enum"] == list(BLOCK_KINDS)


def test_default_pack_loads_with_preferred_term() -> None:
    assert default_packs()[0].name == "default.yaml"
    book = load_rulebook()
    assert book.sources[0] == "factlint/rules/default.yaml"
    term = book.phrase("preferred-term")
    assert term is not None
    assert (term.kind, term.category, term.severity) == ("substitution", "terminology", 2)
    assert term.fixable and term.ignorecase and not term.regex and term.scope is None
    assert ("restless leg syndrome", "restless legs syndrome") in term.patterns
    assert re.fullmatch(r"factlint/rules/default\.yaml:\d+", term.origin)
    assert all([term.docs.what, term.docs.why, term.docs.example, term.docs.fix, term.summary])
    for pattern, replacement in term.patterns:
        assert term.compiled().fullmatch(pattern)
        assert replacement is not None and not term.compiled().search(replacement)


def test_default_pack_finds_and_fixes_in_prose() -> None:
    term = load_rulebook().phrase("preferred-term")
    assert term is not None
    text = "Restless leg syndrome, or Willis Ekbom disease, differs from parkinsons disease."
    found = [(m.group(), term.replacement_for(m.group())) for m in term.compiled().finditer(text)]
    assert found == [
        ("Restless leg syndrome", "Restless legs syndrome"),
        ("Willis Ekbom disease", "Willis-Ekbom disease"),
        ("parkinsons disease", "Parkinson's disease"),
    ]
    assert term.format_message("Willis Ekbom disease", "Willis-Ekbom disease") == (
        "Write 'Willis-Ekbom disease', not 'Willis Ekbom disease'."
    )


def test_empty_rulebook_without_defaults() -> None:
    assert load_rulebook(include_default=False) == Rulebook()


# --------------------------------------------------------------------------- merging


USER_PACK = f"""
pack: {{name: house, version: 2}}
phrases:
  - id: preferred-term
    kind: substitution
    category: terminology
    severity: error
    message: "Use {{replacement}}."
    swap: {{Parkinson's disease: Parkinson disease}}
    summary: House style drops the possessive.
    {DOCS}
  - id: no-cure
    kind: existence
    category: causal
    severity: info
    message: "'{{match}}' overstates the evidence."
    tokens: [miracle cure, cures]
    scope: [paragraph, heading]
    summary: Flag cure claims.
    {DOCS}
facts:
  - id: fact-a
    topic: sleep
    range: {{low: 7, high: 9, unit: hours}}
lexicons:
  hedges: [may, might]
words: {{accept: [Ekbom], reject: [alot]}}
journals: [The Lancet]
"""


def test_user_pack_overrides_rule_by_id(tmp_path: Path) -> None:
    book = load_rulebook([write(tmp_path, USER_PACK)])
    assert book.sources[0] == "factlint/rules/default.yaml"
    assert book.sources[-1] == str(tmp_path / "custom.yaml")
    ids = [r.id for r in book.phrases]
    assert ids.index("preferred-term") < ids.index("no-cure") == len(ids) - 1
    term = book.phrases[0]
    assert term.severity is Severity.ERROR
    assert term.patterns == (("Parkinson's disease", "Parkinson disease"),)
    assert term.origin == f"{tmp_path / 'custom.yaml'}:3"
    cure = book.phrases[1]
    assert (cure.fixable, cure.scope, cure.severity) == (False, {"paragraph", "heading"}, 1)
    assert cure.replacement_for("cures") is None
    fact = next(f for f in book.facts if f["id"] == "fact-a")
    assert fact["range"]["low"] == 7
    with pytest.raises(TypeError):
        fact["id"] = "changed"  # type: ignore[index]
    assert book.lexicons["hedges"][-2:] == ("may", "might")
    base = load_rulebook([])
    assert book.accept_words == base.accept_words | {"Ekbom"}
    assert book.reject_words == base.reject_words | {"alot"}
    assert "The Lancet" in book.journals


def test_merge_order_extends_and_replaces(tmp_path: Path) -> None:
    first = write(tmp_path, USER_PACK, "a.yaml")
    second = write(
        tmp_path,
        """
        facts:
          - {id: fact-a, topic: replaced}
          - {id: fact-b, topic: new}
        lexicons:
          hedges: [might, could]
        words: {accept: [Sjögren]}
        journals: [The Lancet, BMJ]
        """,
        "b.yaml",
    )
    book = load_rulebook([first, second], include_default=False)
    assert [dict(f) for f in book.facts] == [
        {"id": "fact-a", "topic": "replaced"},
        {"id": "fact-b", "topic": "new"},
    ]
    assert book.lexicons["hedges"] == ("may", "might", "could")
    assert book.accept_words == {"Ekbom", "Sjögren"}
    assert book.journals == ("The Lancet", "BMJ")


def test_disable_and_reenable(tmp_path: Path) -> None:
    off = write(tmp_path, "disable: [preferred-term, some-python-check]\n", "off.yaml")
    book = load_rulebook([off])
    assert book.phrase("preferred-term") is None
    assert book.disabled == {"preferred-term", "some-python-check"}
    book = load_rulebook([off, write(tmp_path, USER_PACK)])
    assert book.phrase("preferred-term") is not None
    assert book.disabled == {"some-python-check"}


def test_missing_user_pack(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError, match=r"^.*nope\.yaml: no such rule pack$"):
        load_rulebook([missing])


def test_empty_file_is_an_empty_pack(tmp_path: Path) -> None:
    assert load_pack(write(tmp_path, "")) == {}
    assert load_pack(write(tmp_path, "# only a comment\n")) == {}


# --------------------------------------------------------------------------- errors


def test_wrong_type_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        facts:
          - {id: a, topic: t}
          - {id: b, topic: t}
          - id: c
            topic: t
            range:
              low: ten
              high: 3
        """,
    )
    assert error_of(path) == "custom.yaml:7: facts[2].range.low: expected a number"


def test_all_schema_errors_sorted_by_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        phrases:
          - id: Bad_Id
            kind: substitution
            category: terminology
            sevrity: warning
            message: m
            swap: {a: b}
            summary: s
            docs: {what: a, why: b, example: c}
          - id: second
            kind: existence
            category: nope
            severity: fatal
            tokens: x
            fixable: true
            summary: s
        journals: BMJ
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:2: phrases[0].id: expected a kebab-case id (lowercase letters, digits"
        " and single hyphens, like 'preferred-term')",
        "custom.yaml:5: phrases[0]: unknown key 'sevrity'",
        "custom.yaml:9: phrases[0].docs: missing field 'fix'",
        "custom.yaml:10: phrases[1]: missing field 'docs'",
        "custom.yaml:10: phrases[1]: missing field 'message'",
        "custom.yaml:12: phrases[1].category: expected one of: typo, grammar, citation, causal,"
        " statistic, disclaimer, terminology, style",
        "custom.yaml:13: phrases[1].severity: expected one of: error, warning, info",
        "custom.yaml:14: phrases[1].tokens: expected a list",
        "custom.yaml:15: phrases[1].fixable: only allowed when kind is substitution",
        "custom.yaml:17: journals: expected a list",
    ]


def test_unknown_top_level_key_and_kind_requirements(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
        pack: {{name: x, version: 1.5}}
        phrases:
          - id: a
            kind: substitution
            category: style
            message: m
            summary: s
            {DOCS}
        rulez: []
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:1: pack.version: expected a string or a whole number",
        "custom.yaml:3: phrases[0]: missing field 'swap'",
        "custom.yaml:9: unknown key 'rulez'",
    ]


def test_too_many_errors_are_capped(tmp_path: Path) -> None:
    path = write(tmp_path, "journals: [" + ", ".join(["1"] * 30) + "]\n")
    lines = error_of(path).splitlines()
    assert len(lines) == 21
    assert lines[-1] == "custom.yaml: ... and 10 more problems"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "phrases:\n  - id: a\n   kind: [x\n")
    assert re.fullmatch(r"custom\.yaml:3:\d+: invalid YAML: .+", error_of(path))
    path = write(tmp_path, "journals: [BMJ\n")
    assert error_of(path) == (
        "custom.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>'"
    )


def test_unsafe_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "journals: !!python/object/apply:os.system [echo hi]\n")
    assert error_of(path).startswith("custom.yaml:1:11: invalid YAML: could not determine")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- a\n- b\n")
    assert error_of(path) == "custom.yaml:1: the top level must be a mapping of keys"


def test_duplicate_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        journals: [BMJ]
        facts:
          - id: a
            topic: t
            topic: u
        journals: [JAMA]
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:5: facts[0]: duplicate key 'topic' (first on line 4)",
        "custom.yaml:6: duplicate key 'journals' (first on line 1)",
    ]


def test_non_string_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "lexicons:\n  1: [one]\n")
    assert error_of(path) == "custom.yaml:2: lexicons: key 1 is not a string; put it in quotes"


def test_regex_compile_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
        phrases:
          - id: a
            kind: existence
            category: style
            message: "{{match}}"
            regex: true
            tokens:
              - ok\\b
              - "leg ("
              - "x*"
            summary: s
            {DOCS}
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:9: phrases[0].tokens[1]: invalid regular expression:"
        " missing ), unterminated subpattern at position 4",
        "custom.yaml:10: phrases[0].tokens[2]: regular expression matches empty text",
    ]


def test_swap_pattern_errors_point_at_the_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
        phrases:
          - id: a
            kind: substitution
            category: style
            message: "{{replacement}}"
            regex: true
            swap:
              good: fine
              "bad [": x
            summary: s
            {DOCS}
        """,
    )
    assert error_of(path) == (
        'custom.yaml:9: phrases[0].swap["bad ["]: invalid regular expression:'
        " unterminated character set at position 4"
    )


def test_literal_pattern_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
        phrases:
          - id: a
            kind: substitution
            category: style
            message: "{{replacement}} {{typo}} {{}}"
            swap:
              Alzheimers disease: x
              alzheimers  disease: y
              " ": z
            summary: s
            {DOCS}
          - id: a
            kind: existence
            category: style
            message: "{{replacement}}"
            tokens: [x]
            summary: s
            {DOCS}
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:5: phrases[0].message: unknown field {typo} in message"
        " (use {match} or {replacement})",
        "custom.yaml:5: phrases[0].message: unknown field {} in message"
        " (use {match} or {replacement})",
        'custom.yaml:8: phrases[0].swap["alzheimers  disease"]: same pattern as'
        " 'Alzheimers disease'",
        'custom.yaml:9: phrases[0].swap[" "]: empty pattern',
        "custom.yaml:12: phrases[1].id: duplicate rule id 'a' (first on line 2)",
        "custom.yaml:15: phrases[1].message: unknown field {replacement} in message (use {match})",
    ]


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (
            "Avoid {match",
            "invalid message template: expected '}' before end of string (write {{ and }} for "
            "literal braces)",
        ),
        # a format spec could make a message of any size
        (
            "Avoid {match:>999999999}",
            "write the field plainly, without a format or '!' conversion (use {match})",
        ),
        (
            "Avoid {match!r}",
            "write the field plainly, without a format or '!' conversion (use {match})",
        ),
    ],
)
def test_bad_message_template(tmp_path: Path, message: str, problem: str) -> None:
    path = write(
        tmp_path,
        f"""
        phrases:
          - id: a
            kind: existence
            category: style
            message: "{message}"
            tokens: [x]
            summary: s
            {DOCS}
        """,
    )
    assert error_of(path) == f"custom.yaml:5: phrases[0].message: {problem}"


def test_fact_figures_are_finite_and_ranges_run_upwards(tmp_path: Path) -> None:
    """``.nan`` and ``.inf`` pass the schema's number tests; a backwards range matches nothing."""
    path = write(
        tmp_path,
        """
        facts:
          - id: backwards
            topic: restless legs syndrome
            range: {low: 50, high: 10, unit: percent}
          - id: endless
            topic: migraine
            value: .nan
            range: {low: 1, high: .inf, unit: percent}
            other_figures:
              - {value: .inf, unit: percent}
              - {low: 9, high: 3, unit: percent}
            match: {claim_units: [percent], topic_terms: [migraine], tolerance: .nan}
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:4: facts[0].range: low (50) is above high (10)",
        "custom.yaml:7: facts[1].value: expected a finite number",
        "custom.yaml:8: facts[1].range.high: expected a finite number",
        "custom.yaml:10: facts[1].other_figures[0].value: expected a finite number",
        "custom.yaml:11: facts[1].other_figures[1]: low (9) is above high (3)",
        "custom.yaml:12: facts[1].match.tolerance: expected a finite number",
    ]


def test_facts_are_checked_field_by_field(tmp_path: Path) -> None:
    """The statistic checks read every part of a fact; a part of the wrong shape (a number for
    a term list, a misspelt key, a range without its ends) gave a traceback in the middle of
    a run, or a fact that silently never matched."""
    path = write(
        tmp_path,
        """
        facts:
          - id: sleep
            topic: sleep
            mach: {claim_units: [percent], topic_terms: [sleep]}
          - id: migraine
            topic: migraine
            unit: percnt
            range: {low: 10}
            match:
              claim_units: [percent, hours]
              topic_terms: migraine
              population_terms: [{adults: 1}]
              tolerance: -1
          - id: rls
            topic: restless legs syndrome
            confidence: certain
            tier: {label: loose}
            other_figures:
              - {basis: no figure, unit: percent}
            match: {topic_terms: [RLS]}
        """,
    )
    assert error_of(path).splitlines() == [
        "custom.yaml:4: facts[0]: unknown key 'mach'",
        "custom.yaml:7: facts[1].unit: expected one of: percent, people, ratio, count",
        "custom.yaml:8: facts[1].range: missing field 'high'",
        "custom.yaml:10: facts[1].match.claim_units[1]: expected one of: percent, fraction, "
        "ratio, people, count, fold",
        "custom.yaml:11: facts[1].match.topic_terms: expected a list",
        "custom.yaml:12: facts[1].match.population_terms[0]: expected a string",
        "custom.yaml:13: facts[1].match.tolerance: expected a number of at least 0",
        "custom.yaml:16: facts[2].confidence: expected one of: high, medium, low",
        "custom.yaml:17: facts[2].tier: missing field 'rank'",
        "custom.yaml:19: facts[2].other_figures[0]: expected a 'value' or a 'low' and a 'high'",
        "custom.yaml:20: facts[2].match: missing field 'claim_units'",
    ]


def test_the_fact_schema_knows_the_units_the_checks_compare() -> None:
    from factlint.facts import CONVERTS_TO

    schema = json.loads(files("factlint.schema").joinpath("rulepack.schema.json").read_text())
    defs = schema["$defs"]
    assert defs["match"]["properties"]["claim_units"]["items"]["enum"] == list(CONVERTS_TO)
    assert set(defs["fact_unit"]["enum"]) == set(CONVERTS_TO.values())


def test_journal_names_are_not_blank(tmp_path: Path) -> None:
    path = write(tmp_path, "journals: [The Lancet, '  ']\n")
    assert error_of(path) == (
        "custom.yaml:1: journals[1]: expected a journal name, not a blank string"
    )


def test_lexicon_entries_that_do_not_compile_name_pack_line_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lexicons are compiled by the claims stage and the checks that read them, when the
    pipeline loads; an entry that does not compile stops the run there with the pack, line
    and entry that wrote it, never a traceback in the middle of a file."""
    from factlint.config import load_config
    from factlint.engine import Linter

    cases = {
        "lexicons:\n  causal_promises: [cures, '* * *']\n": (
            "custom.yaml:2: lexicons.causal_promises[1]: a pattern must start and end with a "
            "word: '* * *'"
        ),
        "lexicons:\n  hedges:\n    - may\n    - {context: x}\n": (
            "custom.yaml:4: lexicons.hedges[1]: a mapping entry needs a 'pattern': the words "
            "to match"
        ),
        "lexicons:\n  hype_words: [7]\n": (
            "custom.yaml:2: lexicons.hype_words[0]: expected a string or a mapping"
        ),
        "lexicons:\n  disclaimer_patterns: ['not (medical advice']\n": (
            "custom.yaml:2: lexicons.disclaimer_patterns[0]: invalid regular expression: "
            "missing ), unterminated subpattern at position 4"
        ),
        # compiles alone, but not inside the group the entries are joined in
        "lexicons:\n  disclaimer_patterns: ['(?i)not medical advice']\n": (
            "custom.yaml:2: lexicons.disclaimer_patterns[0]: invalid regular expression: "
            "global flags not at the start of the expression at position 3"
        ),
        "lexicons:\n  confusable_classes:\n    - {name: verb, words: go}\n": (
            "custom.yaml:3: lexicons.confusable_classes[0]: 'words' must be a list of words"
        ),
        "lexicons:\n  confusables:\n    - {pattern: 'we [nay] @verbs', replacement: may}\n": (
            "custom.yaml:3: lexicons.confusables[0]: 'we [nay] @verbs': unknown class @verbs"
        ),
        "journals: [The Lancet, '*']\n": (
            "custom.yaml:1: journals[1]: a pattern must start and end with a word: '*'"
        ),
    }
    monkeypatch.chdir(tmp_path)
    for text, expected in cases.items():
        pack = write(tmp_path, text)
        with pytest.raises(ConfigError) as info:
            Linter.create(load_config(None), extra_packs=(pack,))
        assert str(info.value) == expected


def test_a_broken_lexicon_is_reported_before_any_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a lexicon is compiled into (token patterns, regexes, confusion sets), an entry
    that does not compile is a config error, with its pack and line, when the linter loads: a
    run never stops in the middle, and never passes because its files happen not to reach the
    test that reads that lexicon (the statistic regexes were compiled at the first figure,
    ``statistic_anaphors`` gave a traceback, ``confusables`` an error without a line).

    Every lexicon gets entries no compiler accepts; each one reported is mended, until the
    linter loads. Then linting the corpus must raise nothing: no lexicon is compiled later.
    """
    from factlint.config import load_config
    from factlint.engine import Linter

    monkeypatch.chdir(tmp_path)
    broken = set(load_rulebook().lexicons)
    reported = set()
    while True:
        lines = [f"  {name}: ['(', '* * *', {{x: 1}}]" for name in sorted(broken - reported)]
        pack = write(tmp_path, "lexicons:\n" + "\n".join(lines) + "\n")
        try:
            linter = Linter.create(load_config(None), extra_packs=(pack,))
        except ConfigError as error:
            found = re.match(r"custom\.yaml:\d+: lexicons\.(\w+)\[\d\]: \S", str(error))
            assert found, str(error)
            assert found.group(1) not in reported
            reported.add(found.group(1))
            continue
        break
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in CORPUS_ARTICLES)
    assert linter.lint_document(linter.read_text(text, "all.md"))
    expected = {"statistic_anaphors", "statistic_hypothetical", "confusables", "hedges"}
    assert expected <= reported


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_bytes(b"journals: [BMJ]\njournals2: [\xff]\n")
    assert error_of(path) == "custom.yaml:2: not valid UTF-8 text"


# --------------------------------------------------------------------------- matching


def test_replacement_keeps_case_of_first_letter() -> None:
    term = rule()
    assert term.replacement_for("restless leg syndrome") == "restless legs syndrome"
    assert term.replacement_for("Restless leg syndrome") == "Restless legs syndrome"
    assert term.replacement_for("Restless Leg Syndrome") == "Restless legs syndrome"
    assert term.replacement_for("RESTLESS LEG SYNDROME") == "RESTLESS LEGS SYNDROME"
    assert term.replacement_for("restless  leg\nsyndrome") == "restless legs syndrome"
    assert term.replacement_for("something else") is None


def test_replacement_keeps_proper_names_and_curly_apostrophes() -> None:
    term = rule(patterns=(("parkinsons disease", "Parkinson's disease"),))
    assert term.replacement_for("parkinsons disease") == "Parkinson's disease"
    term = rule(patterns=(("Sjogren's syndrome", "Sjögren's syndrome"),))
    match = term.compiled().search("See Sjogren\u2019s syndrome.")
    assert match is not None
    assert term.replacement_for(match.group()) == "Sjögren\u2019s syndrome"


def test_case_sensitive_rule() -> None:
    term = rule(patterns=(("COPD", "chronic obstructive pulmonary disease"),), ignorecase=False)
    assert term.compiled().search("copd") is None
    assert term.replacement_for("COPD") == "CHRONIC OBSTRUCTIVE PULMONARY DISEASE"
    assert term.replacement_for("copd") is None


def test_pattern_respects_word_boundaries() -> None:
    pattern = rule().compiled()
    # A longer word is a different word: the plural is not matched (add it as its own pattern).
    assert pattern.search("restless leg syndromes") is None
    assert pattern.search("unrestless leg syndrome") is None
    assert pattern.search("restless legs syndrome") is None
    assert pattern.search("restless_leg syndrome") is None
    assert pattern.search("(restless leg syndrome)") is not None
    assert pattern.search("non-restless leg syndrome.") is not None


def test_pattern_matches_across_line_breaks_and_spaces() -> None:
    pattern = rule().compiled()
    for text in ("restless leg\nsyndrome", "restless   leg syndrome", "restless\r\n leg\tsyndrome"):
        match = pattern.search(f"Has {text} today")
        assert match is not None and match.group() == text


def test_longest_pattern_wins_and_punctuation_is_literal() -> None:
    term = rule(
        patterns=(("leg", "limb"), ("restless leg", "restless legs"), ("e.g.", "for example"))
    )
    pattern = term.compiled()
    match = pattern.search("a restless leg")
    assert match is not None and match.group() == "restless leg"
    assert pattern.search("eggs") is None
    assert pattern.search("exg.") is None
    match = pattern.search("drugs, e.g. aspirin")
    assert match is not None and term.replacement_for(match.group()) == "for example"
    assert pattern is term.compiled()  # cached


def test_regex_rule_replacement() -> None:
    term = rule(patterns=((r"\b(?:an|the) MRI scan\b", "an MRI"),), regex=True)
    match = term.compiled().search("Get the MRI scan now")
    assert match is not None
    assert term.replacement_for(match.group()) == "an MRI"
    assert term.replacement_for("The MRI scan") == "An MRI"


def test_existence_rule_from_pack_matches(tmp_path: Path) -> None:
    book = load_rulebook([write(tmp_path, USER_PACK)], include_default=False)
    cure = book.phrase("no-cure")
    assert cure is not None
    found = [m.group() for m in cure.compiled().finditer("A Miracle cure that cures; curesome.")]
    assert found == ["Miracle cure", "cures"]
    assert cure.format_message("cures") == "'cures' overstates the evidence."


def test_default_packs_from_the_disk_cache_are_the_packs_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached default packs give the rulebook a fresh read gives; a corrupt cache file is
    read again, never trusted."""
    from factlint import rulebook

    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    rulebook._default_pack_data.cache_clear()
    try:
        fresh = load_rulebook()  # nothing cached: read, validated and stored
        (cached_file,) = tmp_path.glob("rulepacks-*.marshal")
        rulebook._default_pack_data.cache_clear()
        assert load_rulebook() == fresh
        cached_file.write_bytes(b"\x00garbage")
        rulebook._default_pack_data.cache_clear()
        assert load_rulebook() == fresh
    finally:
        rulebook._default_pack_data.cache_clear()
    assert [rule.origin for rule in fresh.phrases] == [
        rule.origin for rule in load_rulebook().phrases
    ]
