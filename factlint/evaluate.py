"""Score factlint against a hand-annotated corpus: precision, recall and F1 per category.

``factlint eval corpus/`` and ``tests/test_corpus_floors.py`` both call :func:`evaluate`, so
the numbers CI guards are the numbers a developer sees. The gold format and the matching rule
are the annotator's (``corpus/README.md``); this module implements them and nothing looser:

- every article with a ``<article>.gold.yaml`` next to it is linted with the same
  :class:`~factlint.engine.Linter` as ``factlint check``;
- a gold anchor is an exact substring of the ORIGINAL file; its first occurrence gives an
  original-offset span ``[start, end)``;
- a reported finding matches a gold finding when the categories are equal and the finding's
  original span ``[start, end)`` overlaps the anchor span by at least one character (no
  tolerance: a finding that only touches the anchor does not match, so the score never rewards
  a finding on the wrong words); each gold finding matches at most one reported finding and
  vice versa, the largest overlaps first;
- ``disclaimer`` is scored per article, whatever the location: the first ``disclaimer`` finding
  in an article whose gold has a disclaimer entry (``required: true, present: false``) is a true
  positive, any other one a false alarm; an unmatched gold disclaimer entry is a miss;
- a reported finding of a category the gold does not annotate is a false alarm.

A corpus the scorer cannot trust (a gold file that does not parse, names a missing article,
has an anchor not in the article, or disagrees with itself) raises :class:`CorpusError`,
whose message is one line naming ``file:line``: the CLI exits 2 on it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factlint import __version__
from factlint.document import Document, LineIndex
from factlint.engine import Linter
from factlint.errors import FactlintError
from factlint.findings import CATEGORIES, Finding
from factlint.readers import load_document

GOLD_SUFFIX = ".gold.yaml"
CAREFUL_TARGET = 1
"""A careful article should get at most this many findings other than typos (issue 7)."""
CAREFUL_EXCLUDED = frozenset({"typo"})
"""Categories left out of the careful-article count: the spelling layer's false alarms on rare
medical words are measured by the typo row already."""
DISCLAIMER = "disclaimer"
FLOORS_FILE = "floors.yaml"


class CorpusError(FactlintError):
    """The corpus cannot be scored as it is; the message names the file (and line)."""


# --------------------------------------------------------------------------- gold files


@dataclass(frozen=True)
class GoldFinding:
    """One annotated problem, with its anchor located in the original article text."""

    category: str
    anchor: str
    note: str
    gold_line: int
    """Line of this entry in the gold file (for error messages)."""
    start: int = 0
    end: int = 0
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class GoldArticle:
    """A gold file, its article read the way the linter reads it, and the located anchors."""

    gold_path: Path
    display: str
    """The article as shown to the user (relative to the working directory when inside it)."""
    document: Document
    careful: bool
    disclaimer_required: bool
    disclaimer_present: bool
    findings: tuple[GoldFinding, ...]
    problems: tuple[str, ...] = ()


class _LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the (1-based) line it started on."""

    line: int = 0


class _GoldLoader(yaml.SafeLoader):
    """SafeLoader whose mappings carry their line and reject duplicate keys (which PyYAML
    would otherwise resolve silently, dropping annotations)."""


def _construct_mapping(loader: _GoldLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    data = _LineDict(loader.construct_mapping(node, deep=True))
    data.line = node.start_mark.line + 1
    return data


_GoldLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _display(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it (like ``check``)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _parse_yaml(path: Path, shape: str) -> _LineDict:
    """A YAML file whose top level is a mapping (``shape`` describes it for the error)."""
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{name}: cannot read: {error}") from None
    try:
        data = yaml.load(text, Loader=_GoldLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "malformed YAML"
        raise CorpusError(f"{name}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise CorpusError(f"{name}: invalid YAML: {error}") from None
    if not isinstance(data, _LineDict):
        raise CorpusError(f"{name}:1: expected {shape}")
    return data


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise CorpusError(f"{where}: {message}")


def load_gold(gold_path: Path, linter: Linter) -> GoldArticle:
    """Parse and validate one gold file, read its article and locate every anchor.

    Raises CorpusError naming ``gold_file:line`` for anything that would make the score wrong.
    """
    data = _parse_yaml(gold_path, "a mapping with article, careful, disclaimer, findings")
    name = _display(gold_path)
    known = {"article", "careful", "disclaimer", "findings"}
    unknown = sorted(str(key) for key in data if key not in known)
    _require(not unknown, f"{name}:{data.line}", f"unknown key {', '.join(unknown)}")

    article = data.get("article")
    _require(isinstance(article, str) and bool(article), f"{name}:{data.line}", "no 'article:'")
    expected = gold_path.name[: -len(GOLD_SUFFIX)]
    # A copied gold file that still names its source would score one article twice.
    _require(
        article == expected,
        f"{name}:{data.line}",
        f"article {article!r} does not match the gold file's name (expected {expected!r})",
    )
    careful = data.get("careful", False)
    _require(isinstance(careful, bool), f"{name}:{data.line}", "'careful' must be true or false")
    disclaimer = data.get("disclaimer", _LineDict(required=False, present=False))
    where = f"{name}:{getattr(disclaimer, 'line', data.line)}"
    _require(
        isinstance(disclaimer, dict)
        and set(disclaimer) == {"required", "present"}
        and all(isinstance(value, bool) for value in disclaimer.values()),
        where,
        "'disclaimer' must be {required: true|false, present: true|false}",
    )
    entries = data.get("findings")
    _require(
        isinstance(entries, list), f"{name}:{data.line}", "'findings' must be a list ([] for none)"
    )

    article_path = gold_path.parent / article
    display = _display(article_path)
    if not article_path.is_file():
        raise CorpusError(f"{name}:{data.line}: article {article!r} not found ({display})")
    config = linter.config
    try:
        document, problems = load_document(
            article_path,
            display_path=display,
            format=linter.format_override,
            encoding=linter.encoding,
            max_bytes=int(config.max_file_size_mb * 1024 * 1024),
            front_matter_keys=config.front_matter_keys,
        )
    except FactlintError as error:
        raise CorpusError(f"{name}: cannot read its article: {error}") from None

    lines = LineIndex(document.original)
    findings = []
    for entry in entries:
        line = getattr(entry, "line", data.line)
        where = f"{name}:{line}"
        _require(isinstance(entry, dict), where, "each finding is a mapping (category, anchor)")
        extra = sorted(str(key) for key in entry if key not in {"category", "anchor", "note"})
        _require(not extra, where, f"unknown key {', '.join(extra)} in a finding")
        category = entry.get("category")
        _require(
            category in CATEGORIES,
            where,
            f"category {category!r} is not one of {', '.join(CATEGORIES)}",
        )
        anchor = entry.get("anchor")
        _require(isinstance(anchor, str) and bool(anchor), where, "a finding needs an 'anchor'")
        note = entry.get("note", "")
        start = document.original.find(anchor)
        _require(start >= 0, where, f"anchor {anchor!r} is not in {display}")
        end = start + len(anchor)
        at_line, at_column = lines.position(start)
        findings.append(
            GoldFinding(category, anchor, str(note or ""), line, start, end, at_line, at_column)
        )

    has_entry = sum(1 for f in findings if f.category == DISCLAIMER)
    wants_entry = disclaimer["required"] and not disclaimer["present"]
    _require(
        has_entry == (1 if wants_entry else 0),
        f"{name}:{getattr(disclaimer, 'line', data.line)}",
        "a gold file lists one disclaimer finding exactly when the disclaimer is "
        f"required and not present (found {has_entry})",
    )
    _require(
        not (careful and findings),
        f"{name}:{data.line}",
        "a careful article has 'findings: []'",
    )
    return GoldArticle(
        gold_path=gold_path,
        display=display,
        document=document,
        careful=careful,
        disclaimer_required=disclaimer["required"],
        disclaimer_present=disclaimer["present"],
        findings=tuple(findings),
        problems=problems,
    )


def gold_files(root: Path) -> list[Path]:
    """Every ``*.gold.yaml`` under ``root`` (sorted, so reports are stable)."""
    if not root.is_dir():
        raise CorpusError(f"{_display(root)}: not a folder")
    found = sorted(path for path in root.rglob(f"*{GOLD_SUFFIX}") if path.is_file())
    if not found:
        raise CorpusError(f"{_display(root)}: no *{GOLD_SUFFIX} files (see corpus/README.md)")
    return found


def load_corpus(root: Path, linter: Linter) -> list[GoldArticle]:
    """Every gold file under ``root`` with its article, validated before anything is linted."""
    return [load_gold(path, linter) for path in gold_files(root)]


# ----------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category (or overall)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def reported(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        """None when nothing was reported (undefined, shown as '-')."""
        return self.tp / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        """None when the gold has nothing of this category."""
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "gold": self.gold,
            "reported": self.reported,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
        }


@dataclass(frozen=True)
class Miss:
    """A gold finding no reported finding matched."""

    path: str
    gold: GoldFinding


@dataclass(frozen=True)
class FalseAlarm:
    """A reported finding no gold finding matched."""

    finding: Finding


@dataclass(frozen=True)
class CarefulCount:
    """Findings (other than typos) in an article written to the careful standard."""

    path: str
    findings: int

    @property
    def within_target(self) -> bool:
        return self.findings <= CAREFUL_TARGET


@dataclass
class Evaluation:
    """The whole score: per-category counts, careful-article counts, misses and false alarms."""

    corpus: str
    articles: int
    categories: dict[str, Counts]
    careful: list[CarefulCount] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Input problems met while linting (e.g. invalid UTF-8); reported, not fatal."""

    @property
    def overall(self) -> Counts:
        """Micro-average: the counts of every scored category added up."""
        total = Counts()
        for counts in self.categories.values():
            total.add(counts)
        return total


def _span(finding: Finding) -> tuple[int, int]:
    """A finding's original span; an empty one covers the character it points at."""
    return finding.start, max(finding.end, finding.start + 1)


def _overlap(gold: GoldFinding, finding: Finding) -> int:
    start, end = _span(finding)
    return max(0, min(end, gold.end) - max(start, gold.start))


def match_spans(
    gold: Sequence[GoldFinding], found: Sequence[Finding]
) -> tuple[list[tuple[GoldFinding, Finding]], list[GoldFinding], list[Finding]]:
    """One-to-one matching of same-category findings by overlap, largest overlap first.

    Returns (matched pairs, unmatched gold, unmatched reported). Ties go to the earlier gold
    anchor and the earlier finding, so the result never depends on check order.
    """
    candidates = [
        (overlap, g, f)
        for g, gold_finding in enumerate(gold)
        for f, finding in enumerate(found)
        if gold_finding.category == finding.category
        and (overlap := _overlap(gold_finding, finding)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], gold[c[1]].start, found[c[2]].start, found[c[2]].rule))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, g, f in candidates:
        if g in used_gold or f in used_found:
            continue
        used_gold.add(g)
        used_found.add(f)
        pairs.append((gold[g], found[f]))
    missed = [item for index, item in enumerate(gold) if index not in used_gold]
    extra = [item for index, item in enumerate(found) if index not in used_found]
    return pairs, missed, extra


def score_article(
    article: GoldArticle, findings: Iterable[Finding], categories: Sequence[str]
) -> tuple[dict[str, Counts], list[Miss], list[FalseAlarm]]:
    """Counts, misses and false alarms of one article, for the scored ``categories`` only."""
    scored = set(categories)
    found = [f for f in findings if f.category in scored or f.category not in CATEGORIES]
    gold = [g for g in article.findings if g.category in scored]
    counts: dict[str, Counts] = {}

    def bucket(category: str) -> Counts:
        return counts.setdefault(category, Counts())

    misses: list[Miss] = []
    alarms: list[FalseAlarm] = []
    # Disclaimer: document-level, the location does not matter.
    gold_disclaimers = [g for g in gold if g.category == DISCLAIMER]
    found_disclaimers = [f for f in found if f.category == DISCLAIMER]
    matched = min(len(gold_disclaimers), len(found_disclaimers))
    if matched:
        bucket(DISCLAIMER).tp += matched
    for g in gold_disclaimers[matched:]:
        bucket(DISCLAIMER).fn += 1
        misses.append(Miss(article.display, g))
    for f in found_disclaimers[matched:]:
        bucket(DISCLAIMER).fp += 1
        alarms.append(FalseAlarm(f))
    # Everything else: by category and overlapping span.
    pairs, missed, extra = match_spans(
        [g for g in gold if g.category != DISCLAIMER],
        [f for f in found if f.category != DISCLAIMER],
    )
    for g, _ in pairs:
        bucket(g.category).tp += 1
    for g in missed:
        bucket(g.category).fn += 1
        misses.append(Miss(article.display, g))
    for f in extra:
        bucket(f.category).fp += 1
        alarms.append(FalseAlarm(f))
    return counts, misses, alarms


def scored_categories(linter: Linter) -> list[str]:
    """The categories a run can be scored on.

    Without ``--select``/``--ignore`` every category is scored (a category with no check yet
    shows its gold as misses: that is the point). With them, only the categories the selection
    keeps: a ``--select typo`` run is a typo score, not 400 misses in other categories.
    """
    selection = linter.selection
    if not selection.select and not selection.ignore:
        return list(CATEGORIES)
    wanted = {rule.category for rule in linter.rules.values() if selection.wants(rule)}
    wanted |= {name for name in selection.select if name in CATEGORIES}
    return [c for c in CATEGORIES if c in wanted and c not in selection.ignore]


def evaluate(root: Path, linter: Linter) -> Evaluation:
    """Lint every annotated article under ``root`` and score the findings against the gold.

    Raises CorpusError (before linting anything) when the corpus is malformed.
    """
    articles = load_corpus(root, linter)
    categories = scored_categories(linter)
    evaluation = Evaluation(
        corpus=_display(root),
        articles=len(articles),
        categories={category: Counts() for category in categories},
    )
    for article in articles:
        findings, problems = linter.check_document(article.document)
        evaluation.problems.extend((*article.problems, *problems))
        counts, misses, alarms = score_article(article, findings, categories)
        for category, count in counts.items():
            evaluation.categories.setdefault(category, Counts()).add(count)
        evaluation.misses.extend(misses)
        evaluation.false_alarms.extend(alarms)
        if article.careful:
            kept = [f for f in findings if f.category not in CAREFUL_EXCLUDED]
            evaluation.careful.append(CarefulCount(article.display, len(kept)))
    return evaluation


# ------------------------------------------------------------------------------ floors


@dataclass(frozen=True)
class Floor:
    """The lowest precision and recall a category may score before CI fails."""

    precision: float = 0.0
    recall: float = 0.0


def load_floors(path: Path) -> dict[str, Floor]:
    """Read ``corpus/floors.yaml``: ``category: {precision: x, recall: y}`` per category."""
    name = _display(path)
    data = _parse_yaml(path, "a mapping of category: {precision: x, recall: y}")
    floors = {}
    for category, values in data.items():
        where = f"{name}:{getattr(values, 'line', data.line)}"
        _require(category in CATEGORIES, where, f"unknown category {category!r}")
        _require(
            isinstance(values, dict)
            and set(values) <= {"precision", "recall"}
            and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
                for v in values.values()
            ),
            where,
            "a floor is {precision: 0..1, recall: 0..1}",
        )
        floors[category] = Floor(float(values.get("precision", 0)), float(values.get("recall", 0)))
    return floors


def below_floors(evaluation: Evaluation, floors: Mapping[str, Floor]) -> list[str]:
    """One message per category whose precision or recall fell below its floor.

    An undefined precision (nothing reported) or recall counts as 0 against a non-zero floor.
    """
    failures = []
    for category, floor in floors.items():
        counts = evaluation.categories.get(category, Counts())
        for measure, limit in (("precision", floor.precision), ("recall", floor.recall)):
            value = getattr(counts, measure) or 0.0
            if value + 1e-9 < limit:
                failures.append(
                    f"{category} {measure} {value:.3f} is below its floor {limit:.2f} "
                    f"(TP {counts.tp}, FP {counts.fp}, FN {counts.fn})"
                )
    return failures


def round_down(value: float | None, step: float = 0.05) -> float:
    """A floor for a measured value: the multiple of ``step`` strictly below it (0 stays 0).

    Strictly below, so a floor set today leaves a little room: 0.752 -> 0.75, 1.0 -> 0.95.
    """
    if not value:
        return 0.0
    return max(0.0, round((math.ceil(value / step - 1e-9) - 1) * step, 2))


# ----------------------------------------------------------------------------- reports


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_text(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """The table (per category and overall), the careful-article counts and, with
    ``verbose``, every miss and false alarm as ``file:line:col`` with its excerpt."""
    overall = evaluation.overall
    lines = [
        f"factlint eval {evaluation.corpus}: {evaluation.articles} articles "
        f"({len(evaluation.careful)} careful), {overall.gold} gold findings, "
        f"{overall.reported} reported",
        "",
        f"{'category':<12} {'gold':>5} {'found':>6} {'TP':>5} {'FP':>5} {'FN':>5} "
        f"{'precision':>9} {'recall':>7} {'F1':>6}",
    ]
    rows = [*evaluation.categories.items(), ("overall", overall)]
    for name, counts in rows:
        lines.append(
            f"{name:<12} {counts.gold:>5} {counts.reported:>6} {counts.tp:>5} {counts.fp:>5} "
            f"{counts.fn:>5} {_ratio(counts.precision):>9} {_ratio(counts.recall):>7} "
            f"{_ratio(counts.f1):>6}"
        )
    if evaluation.careful:
        over = [c for c in evaluation.careful if not c.within_target]
        lines += [
            "",
            f"careful articles: findings other than typos (target <= {CAREFUL_TARGET} each): "
            f"{len(evaluation.careful) - len(over)} of {len(evaluation.careful)} within target",
        ]
        width = max(len(c.path) for c in evaluation.careful)
        for careful in evaluation.careful:
            mark = "" if careful.within_target else "  over target"
            lines.append(f"  {careful.path:<{width}} {careful.findings:>3}{mark}")
    if verbose:
        lines += ["", f"misses (gold findings not reported): {len(evaluation.misses)}"]
        for miss in sorted(evaluation.misses, key=_miss_key):
            gold = miss.gold
            note = f"  ({gold.note})" if gold.note else ""
            lines.append(
                f"  {miss.path}:{gold.line}:{gold.column}: {gold.category} "
                f"{_quote(gold.anchor)}{note}"
            )
        lines += ["", f"false alarms (reported, not in the gold): {len(evaluation.false_alarms)}"]
        for alarm in sorted(evaluation.false_alarms, key=_alarm_key):
            f = alarm.finding
            lines.append(
                f"  {f.path}:{f.location.line}:{f.location.column}: {f.category} {f.rule} "
                f"{_quote(f.excerpt)}: {f.message}"
            )
    return "\n".join(lines)


def _miss_key(miss: Miss) -> tuple[str, str, int]:
    return (miss.gold.category, miss.path, miss.gold.start)


def _alarm_key(alarm: FalseAlarm) -> tuple[str, str, int, int, str]:
    f = alarm.finding
    return (f.category, f.path, f.location.line, f.location.column, f.rule)


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)


def evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON form: the same numbers as the text table, plus every miss and false alarm."""
    return {
        "version": __version__,
        "corpus": evaluation.corpus,
        "articles": evaluation.articles,
        "categories": {name: c.as_dict() for name, c in evaluation.categories.items()},
        "overall": evaluation.overall.as_dict(),
        "careful_target": CAREFUL_TARGET,
        "careful": [
            {"path": c.path, "findings": c.findings, "within_target": c.within_target}
            for c in evaluation.careful
        ],
        "misses": [
            {
                "path": m.path,
                "line": m.gold.line,
                "column": m.gold.column,
                "category": m.gold.category,
                "anchor": m.gold.anchor,
                "note": m.gold.note,
            }
            for m in sorted(evaluation.misses, key=_miss_key)
        ],
        "false_alarms": [
            {
                "path": a.finding.path,
                "line": a.finding.location.line,
                "column": a.finding.location.column,
                "end_line": a.finding.location.end_line,
                "end_column": a.finding.location.end_column,
                "category": a.finding.category,
                "rule": a.finding.rule,
                "excerpt": a.finding.excerpt,
                "message": a.finding.message,
            }
            for a in sorted(evaluation.false_alarms, key=_alarm_key)
        ],
        "problems": list(evaluation.problems),
    }


def render_json(evaluation: Evaluation) -> str:
    return json.dumps(evaluation_dict(evaluation), indent=2, ensure_ascii=False)


def default_floors_path(root: Path) -> Path:
    """Where a corpus keeps its floors (``corpus/floors.yaml``)."""
    return root / FLOORS_FILE


__all__ = [
    "CAREFUL_TARGET",
    "CarefulCount",
    "CorpusError",
    "Counts",
    "Evaluation",
    "FalseAlarm",
    "Floor",
    "GoldArticle",
    "GoldFinding",
    "Miss",
    "below_floors",
    "evaluate",
    "load_corpus",
    "load_floors",
    "match_spans",
    "render_json",
    "render_text",
    "round_down",
    "score_article",
    "scored_categories",
]
