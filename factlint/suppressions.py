"""Suppressions: let an editor silence a finding where it is deliberate, and see stale ones.

Applied in the filter stage, after the checks and before ``--select`` / ``--ignore``:

- ``<!-- factlint-disable RULE|CATEGORY ... -->`` ... ``<!-- factlint-enable -->``: a region
  (no targets: every rule; ``factlint-enable`` without targets closes every open region,
  ``factlint-enable X`` closes only ``X``);
- ``<!-- factlint-disable-next-line RULE ... -->``: findings that start on the next line;
- front matter ``factlint: {ignore: [RULE, ...]}``: the whole file.

Readers collect the comments (Markdown and HTML); plain text has no comment syntax, so only
the command line and config can silence findings there. A target that is not a known rule id
or category is an input error naming ``file:line`` (a typo would otherwise silence nothing
forever); a suppression that suppresses nothing becomes an ``unused-suppression`` finding, so
suppressions do not outlive the text they were written for.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from factlint.analysis import Analysis
from factlint.checks.registry import RuleInfo, check
from factlint.document import Document, Location
from factlint.findings import CATEGORIES, Finding, Severity
from factlint.rulebook import RuleDocs
from factlint.selection import Selection

UNUSED_SUPPRESSION = RuleInfo(
    id="unused-suppression",
    category="style",
    severity=Severity.WARNING,
    summary="A factlint suppression that suppresses nothing.",
    docs=RuleDocs(
        what="Flags a `factlint-disable`, `factlint-disable-next-line` or front matter "
        "`factlint: {ignore: [...]}` that matched no finding, and a `factlint-enable` that "
        "closes no open `factlint-disable`. Only judged when every rule the suppression names "
        "was run (a `--select` that leaves a rule out does not make its suppressions unused).",
        why="A suppression outlives the sentence it was written for: once the text is edited "
        "it silences nothing today, and tomorrow it silently hides a real problem that "
        "lands under it.",
        example="<!-- factlint-disable-next-line doubled-word -->\n"
        "Iron stores are checked with a ferritin test.",
        fix="Delete the comment (or the target it names). If you want it kept, lower this "
        "rule's severity in the config: `severity: {unused-suppression: info}`.",
    ),
)

ACTIONS = ("disable", "enable", "disable-next-line")
"""The words after ``factlint-`` in a directive comment."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@check(UNUSED_SUPPRESSION)
def _registered(analysis: Analysis) -> Iterator[Finding]:
    """Registers the rule (ids, docs, ``--select``); its findings come from :func:`apply`."""
    return iter(())


@dataclass
class _Suppression:
    """One target of one directive, covering findings that start on lines first..last."""

    target: str | None  # None: every rule
    first: int
    last: float  # a line number, or infinity for "to the end of the file"
    directive_line: int
    label: str  # how the user wrote it, for messages: "factlint-disable-next-line"
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.location.line <= self.last:
            return False
        return self.target is None or self.target in (finding.rule, finding.category)


@dataclass
class Suppressions:
    """A document's suppressions, plus problems (unknown targets) and stray ``enable``s."""

    items: list[_Suppression] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def parse(document: Document, known: Iterable[str]) -> Suppressions:
    """Read a document's directives and front matter into suppressions."""
    known_names = frozenset(known) | frozenset(CATEGORIES)
    found = Suppressions()
    open_regions: list[_Suppression] = []
    for directive in document.directives:
        label = f"factlint-{directive.action}"
        if directive.action not in ACTIONS:
            close = difflib.get_close_matches(directive.action, ACTIONS, n=1)
            hint = f"did you mean 'factlint-{close[0]}'?" if close else _expected_actions()
            found.problems.append(
                f"{document.path}:{directive.line}: unknown directive {label!r} ({hint})"
            )
            continue
        found.problems.extend(
            _bad_targets(document, directive.line, label, directive.targets, known_names)
        )
        targets = tuple(target for target in directive.targets if target in known_names)
        if directive.targets and not targets:
            continue  # only unknown names: silencing every rule instead would be a guess
        if directive.action == "disable-next-line":
            for target in targets or (None,):
                found.items.append(
                    _Suppression(
                        target, directive.line + 1, directive.line + 1, directive.line, label
                    )
                )
        elif directive.action == "disable":
            for target in targets or (None,):
                region = _Suppression(target, directive.line, float("inf"), directive.line, label)
                found.items.append(region)
                open_regions.append(region)
        else:
            _close(open_regions, targets, directive.line, found)
    _front_matter(document, known_names, found)
    return found


def _close(
    open_regions: list[_Suppression], targets: Sequence[str], line: int, found: Suppressions
) -> None:
    """``factlint-enable``: end the open regions it names (all of them without targets)."""
    if not targets:
        if not open_regions:
            found.stray.append((line, "'factlint-enable' without an open 'factlint-disable'"))
        for region in open_regions:
            region.last = line
        open_regions.clear()
        return
    for target in targets:
        matching = [region for region in open_regions if region.target == target]
        if not matching:
            found.stray.append(
                (line, f"'factlint-enable {target}' without an open 'factlint-disable {target}'")
            )
        for region in matching:
            region.last = line
            open_regions.remove(region)


def _front_matter(document: Document, known: frozenset[str], found: Suppressions) -> None:
    """``factlint: {ignore: [...]}`` in the front matter silences those rules in the file."""
    if "factlint" not in document.front_matter:
        return
    settings = document.front_matter["factlint"]
    line = _front_matter_line(document)
    where = f"{document.path}:{line}: front matter 'factlint'"
    if not isinstance(settings, Mapping) or set(settings) - {"ignore"}:
        found.problems.append(f"{where}: expected a mapping with one key, 'ignore'")
        return
    ignore = settings.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
        found.problems.append(f"{where}: 'ignore' must be a list of rule ids or categories")
        return
    label = "front matter 'factlint: {ignore}'"
    found.problems.extend(_bad_targets(document, line, label, ignore, known))
    for target in ignore:
        if target in known:
            found.items.append(_Suppression(target, 1, float("inf"), line, label))


def _front_matter_line(document: Document) -> int:
    """The line of the ``factlint:`` key (front matter positions are not kept by the reader)."""
    for number, text in enumerate(_LINE_BREAK.split(document.original), start=1):
        if text.startswith("factlint:"):
            return number
        if number > 1 and text.strip() in ("---", "..."):
            break
    return 1


def _bad_targets(
    document: Document, line: int, label: str, targets: Iterable[str], known: frozenset[str]
) -> list[str]:
    problems = []
    for target in targets:
        if target in known:
            continue
        close = difflib.get_close_matches(target, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else " (see `factlint rules`)"
        problems.append(
            f"{document.path}:{line}: unknown rule or category {target!r} in {label}{hint}"
        )
    return problems


def _expected_actions() -> str:
    return "expected " + ", ".join(f"'factlint-{action}'" for action in ACTIONS)


def apply(
    findings: Iterable[Finding],
    suppressions: Suppressions,
    document: Document,
    rules: Mapping[str, RuleInfo],
    selection: Selection,
) -> tuple[list[Finding], list[Finding]]:
    """``(kept findings, unused-suppression findings)``.

    Every suppression that covers a finding counts as used (nested suppressions do not make
    each other look stale). A suppression is reported unused only if every rule it could cover
    ran in this run, so ``--select typo`` never flags a ``factlint-disable causal``.
    """
    kept = []
    for finding in findings:
        covering = [item for item in suppressions.items if item.covers(finding)]
        for item in covering:
            item.used = True
        if not covering:
            kept.append(finding)
    unused: list[Finding] = []
    by_directive: dict[tuple[int, str], list[_Suppression]] = {}
    for item in suppressions.items:
        if not item.used and _all_ran(item.target, rules, selection):
            by_directive.setdefault((item.directive_line, item.label), []).append(item)
    for (line, label), items in sorted(by_directive.items()):
        names = ", ".join(item.target for item in items if item.target) or "every rule"
        message = f"This {label} ({names}) suppresses nothing; delete it."
        unused.append(_line_finding(document, line, message))
    for line, message in suppressions.stray:
        unused.append(_line_finding(document, line, f"{message}; delete it."))
    return kept, unused


def _all_ran(target: str | None, rules: Mapping[str, RuleInfo], selection: Selection) -> bool:
    covered = [
        rule for rule in rules.values() if target is None or target in (rule.id, rule.category)
    ]
    if target is not None and target not in rules and target not in CATEGORIES:
        return False  # a rule switched off by a rule pack: it did not run
    return all(selection.wants(rule) for rule in covered)


def _line_finding(document: Document, line: int, message: str) -> Finding:
    """An ``unused-suppression`` finding spanning the directive's line (its comment text)."""
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(document.original))]
    line = min(max(line, 1), len(starts))
    text = document.lines.line_text(line)
    column = text.find("factlint")
    if column < 0:
        column, end = 0, len(text)
    else:
        comment = text.rfind("<!--", 0, column)
        column = comment if comment >= 0 else column
        close = text.find("-->", column)
        end = close + 3 if close >= 0 else len(text)
    start_offset = starts[line - 1] + column
    end_offset = starts[line - 1] + end
    return Finding(
        rule=UNUSED_SUPPRESSION.id,
        category=UNUSED_SUPPRESSION.category,
        severity=UNUSED_SUPPRESSION.severity,
        message=message,
        path=document.path,
        location=Location(line, column + 1, line, end + 1),
        excerpt=text[column:end],
        start=start_offset,
        end=end_offset,
    )
