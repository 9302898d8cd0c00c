"""``factlint eval``: matching findings to gold annotations, scoring, reports, bad corpora.

Matching is tested on hand-made findings (no NLP), so the rule itself is pinned down whatever
the checks report; the corpus runs use only the two engine checks (doubled-word and
preferred-term) so that new rule families cannot change these expectations.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint.api import make_linter
from factlint.config import load_config
from factlint.document import Location
from factlint.engine import Linter
from factlint.evaluate import (
    CorpusError,
    Counts,
    Evaluation,
    Floor,
    GoldArticle,
    GoldFinding,
    below_floors,
    evaluate,
    evaluation_dict,
    load_floors,
    match_spans,
    render_text,
    round_down,
    score_article,
)
from factlint.findings import CATEGORIES, Finding, Severity
from factlint.readers import read_document

ENGINE = ("doubled-word", "preferred-term")

SLOPPY = (
    "# Restless legs\n"
    "\n"
    "Many people with restless leg syndrome find that evenings are worse as as the day ends.\n"
    "\n"
    "A short walk after dinner is pleasant for most people.\n"
)
SLOPPY_GOLD = """\
article: sloppy.md
careful: false
disclaimer: {required: false, present: false}
findings:
  - category: terminology
    anchor: "restless leg syndrome"
  - category: typo
    anchor: "worse as as the"
  - category: typo
    anchor: "short walk"
    note: "not a real problem: a miss the checks cannot find"
"""
CAREFUL = "# Evenings\n\nMany people find that evenings feel calmer after a short walk.\n"
CAREFUL_GOLD = """\
article: careful.md
careful: true
disclaimer: {required: false, present: false}
findings: []
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def two_articles(root: Path) -> Path:
    write(root / "sloppy.md", SLOPPY)
    write(root / "sloppy.md.gold.yaml", SLOPPY_GOLD)
    write(root / "careful.md", CAREFUL)
    write(root / "careful.md.gold.yaml", CAREFUL_GOLD)
    return root


@pytest.fixture(scope="module")
def linter() -> Linter:
    """The engine checks only, without any config file (spaCy is loaded once per module)."""
    return make_linter(load_config(None), select=ENGINE)


# ------------------------------------------------------------------- matching, no NLP


def finding(category: str, start: int, end: int, rule: str = "r") -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=Severity.WARNING,
        message="m",
        path="a.md",
        location=Location(1, start + 1, 1, end + 1),
        excerpt="x",
        start=start,
        end=end,
    )


def gold(category: str, start: int, end: int) -> GoldFinding:
    return GoldFinding(category, "x" * (end - start), "", 1, start, end, 1, start + 1)


def article(*findings: GoldFinding, careful: bool = False) -> GoldArticle:
    return GoldArticle(
        gold_path=Path("a.md.gold.yaml"),
        display="a.md",
        document=read_document("x" * 100, "a.md", "text"),
        careful=careful,
        disclaimer_required=any(f.category == "disclaimer" for f in findings),
        disclaimer_present=False,
        findings=findings,
    )


def test_overlap_of_one_character_matches_but_touching_does_not():
    anchor = gold("typo", 10, 20)
    pairs, missed, extra = match_spans([anchor], [finding("typo", 19, 25)])
    assert len(pairs) == 1 and not missed and not extra
    # [20, 25) starts where the anchor ends: no shared character, no match (no tolerance).
    pairs, missed, extra = match_spans([anchor], [finding("typo", 20, 25), finding("typo", 5, 10)])
    assert not pairs and missed == [anchor] and len(extra) == 2


def test_category_must_be_equal():
    pairs, missed, extra = match_spans([gold("typo", 0, 10)], [finding("style", 0, 10)])
    assert not pairs and len(missed) == 1 and len(extra) == 1


def test_empty_finding_span_matches_the_character_it_points_at():
    pairs, _, _ = match_spans([gold("style", 10, 20)], [finding("style", 12, 12)])
    assert len(pairs) == 1


def test_matching_is_one_to_one():
    anchor = gold("causal", 0, 30)
    pairs, missed, extra = match_spans(
        [anchor], [finding("causal", 0, 10, "a"), finding("causal", 5, 30, "b")]
    )
    # The larger overlap wins; the other finding is a false alarm, not a second match.
    assert [(g, f.rule) for g, f in pairs] == [(anchor, "b")]
    assert not missed and [f.rule for f in extra] == ["a"]


def test_largest_overlap_first_gives_each_finding_its_best_anchor():
    first, second = gold("statistic", 0, 10), gold("statistic", 10, 20)
    wide, narrow = finding("statistic", 5, 18, "wide"), finding("statistic", 0, 6, "narrow")
    pairs, missed, extra = match_spans([first, second], [wide, narrow])
    assert {(g.start, f.rule) for g, f in pairs} == {(10, "wide"), (0, "narrow")}
    assert not missed and not extra


def test_disclaimer_is_scored_per_article_wherever_it_is():
    entry = gold("disclaimer", 50, 60)
    counts, misses, alarms = score_article(
        article(entry), [finding("disclaimer", 0, 3), finding("disclaimer", 90, 95)], CATEGORIES
    )
    # The first one is the article's disclaimer finding (location ignored); the second is extra.
    assert (counts["disclaimer"].tp, counts["disclaimer"].fp) == (1, 1)
    assert not misses and len(alarms) == 1

    counts, misses, _ = score_article(article(entry), [], CATEGORIES)
    assert counts["disclaimer"].fn == 1 and misses[0].gold == entry

    counts, _, alarms = score_article(article(), [finding("disclaimer", 0, 3)], CATEGORIES)
    assert counts["disclaimer"].fp == 1 and len(alarms) == 1


def test_unannotated_category_counts_as_false_alarm():
    counts, _, alarms = score_article(article(), [finding("readability", 0, 5)], CATEGORIES)
    assert counts["readability"].fp == 1 and alarms[0].finding.category == "readability"


def test_unscored_categories_are_left_out():
    counts, misses, alarms = score_article(
        article(gold("causal", 0, 5)), [finding("style", 0, 5)], ["typo"]
    )
    assert counts == {} and not misses and not alarms


def test_counts_precision_recall_f1_and_undefined_values():
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == 0.75 and counts.recall == 0.6
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts(fn=4).precision is None and Counts(fn=4).f1 is None
    assert Counts(fp=2).recall is None


# ------------------------------------------------------------------ corpus runs (NLP)


def test_evaluate_scores_a_small_corpus(tmp_path, linter):
    result = evaluate(two_articles(tmp_path), linter)
    assert result.articles == 2
    # --select of two rules scores only their categories.
    assert list(result.categories) == ["typo", "terminology"]
    typo, terminology = result.categories["typo"], result.categories["terminology"]
    assert (typo.tp, typo.fp, typo.fn) == (1, 0, 1)
    assert (terminology.tp, terminology.fp, terminology.fn) == (1, 0, 0)
    assert [m.gold.anchor for m in result.misses] == ["short walk"]
    miss = result.misses[0]
    assert (miss.path, miss.gold.line, miss.gold.column) == (str(tmp_path / "sloppy.md"), 5, 3)
    assert [(c.path.endswith("careful.md"), c.findings) for c in result.careful] == [(True, 0)]


def test_careful_count_excludes_typos(tmp_path, linter):
    write(tmp_path / "careful.md", "Evenings are are calm for restless leg syndrome.\n")
    write(tmp_path / "careful.md.gold.yaml", CAREFUL_GOLD)
    result = evaluate(tmp_path, linter)
    # Two findings (doubled word, preferred term): only the terminology one counts.
    assert [c.findings for c in result.careful] == [1]
    assert result.careful[0].within_target
    assert result.categories["typo"].fp == 1 and result.categories["terminology"].fp == 1


def test_json_has_the_table_careful_counts_misses_and_false_alarms(tmp_path, linter):
    write(tmp_path / "careful.md", "Evenings are are calm.\n")
    write(tmp_path / "careful.md.gold.yaml", CAREFUL_GOLD)
    write(tmp_path / "sloppy.md", SLOPPY)
    write(tmp_path / "sloppy.md.gold.yaml", SLOPPY_GOLD)
    data = json.loads(json.dumps(evaluation_dict(evaluate(tmp_path, linter))))
    assert data["categories"]["typo"] == {
        "gold": 2,
        "reported": 2,
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert data["overall"]["tp"] == 2 and data["overall"]["gold"] == 3
    assert data["careful_target"] == 1
    assert [c["findings"] for c in data["careful"]] == [0]
    assert data["misses"][0]["anchor"] == "short walk" and data["misses"][0]["line"] == 5
    alarm = data["false_alarms"][0]
    assert (alarm["rule"], alarm["line"], alarm["column"], alarm["excerpt"]) == (
        "doubled-word",
        1,
        10,
        "are are",
    )


def test_text_report_lists_misses_and_false_alarms_when_verbose(tmp_path, linter):
    write(tmp_path / "careful.md", "Evenings are are calm.\n")
    write(tmp_path / "careful.md.gold.yaml", CAREFUL_GOLD)
    result = evaluate(tmp_path, linter)
    quiet = render_text(result)
    assert "precision" in quiet and "false alarms" not in quiet
    loud = render_text(result, verbose=True)
    assert f'{tmp_path / "careful.md"}:1:10: typo doubled-word "are are"' in loud


# --------------------------------------------------------------------------- bad corpora


@pytest.mark.parametrize(
    ("gold_text", "expected"),
    [
        ("article: a.md\nfindings: [\n  - x\n", "a.md.gold.yaml:3: invalid YAML"),
        ("- just\n- a list\n", "a.md.gold.yaml:1: expected a mapping"),
        ("article: b.md\nfindings: []\n", "a.md.gold.yaml:1: article 'b.md' does not match"),
        (
            "article: a.md\nfindings:\n  - category: typo\n    anchor: nowhere\n",
            "a.md.gold.yaml:3: anchor 'nowhere' is not in",
        ),
        (
            "article: a.md\nfindings:\n  - category: spelling\n    anchor: Calm\n",
            "a.md.gold.yaml:3: category 'spelling' is not one of typo",
        ),
        (
            "article: a.md\nfindings:\n  - category: typo\n    anchor: Calm\n    anchor: x\n",
            "a.md.gold.yaml:5: invalid YAML: duplicate key 'anchor'",
        ),
        (
            "article: a.md\ndisclaimer: {required: true, present: false}\nfindings: []\n",
            "a.md.gold.yaml:2: a gold file lists one disclaimer finding exactly when",
        ),
        ("article: a.md\ncareful: yes please\nfindings: []\n", "'careful' must be true or false"),
        ("article: a.md\n", "a.md.gold.yaml:1: 'findings' must be a list"),
    ],
)
def test_bad_gold_file_is_one_line_naming_file_and_line(tmp_path, linter, gold_text, expected):
    write(tmp_path / "a.md", "Calm evenings.\n")
    write(tmp_path / "a.md.gold.yaml", gold_text)
    with pytest.raises(CorpusError) as error:
        evaluate(tmp_path, linter)
    message = str(error.value)
    assert expected in message and "\n" not in message


def test_missing_article_and_empty_corpus(tmp_path, linter):
    with pytest.raises(CorpusError, match=r"no \*\.gold\.yaml files"):
        evaluate(tmp_path, linter)
    write(tmp_path / "gone.md.gold.yaml", "article: gone.md\nfindings: []\n")
    with pytest.raises(CorpusError, match=r"gone.md.gold.yaml:1: article 'gone.md' not found"):
        evaluate(tmp_path, linter)
    with pytest.raises(CorpusError, match="not a folder"):
        evaluate(tmp_path / "nope", linter)


# -------------------------------------------------------------------------------- floors


def test_floors_load_compare_and_round_down(tmp_path):
    path = write(
        tmp_path / "floors.yaml",
        "typo: {precision: 0.5, recall: 0.7}\ncausal: {precision: 0.0, recall: 0.0}\n",
    )
    floors = load_floors(path)
    assert floors == {"typo": Floor(0.5, 0.7), "causal": Floor(0.0, 0.0)}
    evaluation = Evaluation("c", 1, {"typo": Counts(tp=3, fp=3, fn=1), "causal": Counts(fn=9)})
    failures = below_floors(evaluation, floors)
    # typo precision 0.5 meets its floor exactly; recall 0.75 too; causal floors are 0.
    assert failures == []
    evaluation.categories["typo"] = Counts(tp=3, fp=9, fn=1)
    assert [f.split(" ")[:2] for f in below_floors(evaluation, floors)] == [["typo", "precision"]]
    assert round_down(0.834) == 0.8 and round_down(0.85) == 0.8 and round_down(1.0) == 0.95
    assert round_down(None) == 0.0 and round_down(0.03) == 0.0


def test_bad_floors_file(tmp_path):
    path = write(tmp_path / "floors.yaml", "typo: {precision: 1.5}\n")
    with pytest.raises(CorpusError, match=r"floors\.yaml:1: a floor is"):
        load_floors(path)
    write(path, "spelling: {precision: 0.5}\n")
    with pytest.raises(CorpusError, match="unknown category 'spelling'"):
        load_floors(path)


# ----------------------------------------------------------------------------------- CLI


def test_cli_eval_on_a_two_article_corpus(tmp_path, cli):
    two_articles(tmp_path / "gold")
    select = ("--select", ",".join(ENGINE))
    run = cli("eval", "--isolated", *select, "gold", cwd=tmp_path)
    assert run.code == 0, run.stderr
    rows = {line.split()[0]: line.split() for line in run.stdout.splitlines() if line.strip()}
    assert rows["typo"][1:6] == ["2", "1", "1", "0", "1"]  # gold, found, TP, FP, FN
    assert rows["terminology"][6:] == ["1.000", "1.000", "1.000"]
    assert rows["overall"][1:6] == ["3", "2", "2", "0", "1"]
    assert "careful articles" in run.stdout and "gold/careful.md" in run.stdout

    run = cli("eval", "--isolated", *select, "--format", "json", "-v", "gold", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert run.json["overall"]["recall"] == pytest.approx(0.6667)
    assert run.json["misses"][0]["path"] == "gold/sloppy.md"

    run = cli("eval", "--isolated", *select, "-v", "gold", cwd=tmp_path)
    assert 'gold/sloppy.md:5:3: typo "short walk"' in run.stdout


def test_cli_eval_bad_corpus_exits_2_with_one_line(tmp_path, cli):
    write(tmp_path / "a.md", "Calm.\n")
    write(tmp_path / "a.md.gold.yaml", "article: a.md\nfindings:\n  - category: typo\n")
    run = cli("eval", "--isolated", ".", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip() == "factlint: error: a.md.gold.yaml:3: a finding needs an 'anchor'"
    assert run.stdout == ""


def test_the_heldout_set_is_well_formed_and_scored_on_its_own(cli):
    """heldout/ (the test set nobody tunes on) parses and is scored apart from corpus/."""
    from conftest import REPO

    run = cli("eval", "--isolated", "--format", "json", str(REPO / "heldout"), cwd=REPO)
    assert run.code == 0, run.stderr
    report = run.json
    assert report["articles"] == 6 and len(report["careful"]) == 2 and not report["problems"]
