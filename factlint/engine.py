"""The engine: read -> analyse once -> check -> filter, for one source at a time.

The CLI, the public API and (later) the web page all lint through :class:`Linter`, so they
report the same findings for the same text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spacy.language import Language

from factlint import suppressions
from factlint.analysis import Analysis
from factlint.checks.registry import Check, RuleInfo, all_rules, registered_checks
from factlint.claims import (
    Claim,
    ClaimLexicon,
    claim_to_dict,
    extract_claims,
    load_default_lexicon,
)
from factlint.config import Config
from factlint.discover import Source
from factlint.document import Document, Format
from factlint.errors import FactlintError
from factlint.facts import claim_lexicon, compile_regex_lexicons
from factlint.findings import Finding
from factlint.nlp import analyse_blocks, get_pipeline
from factlint.readers import decode_bytes, detect_format, load_document, read_document
from factlint.rulebook import Rulebook, load_rulebook
from factlint.selection import Selection


@dataclass(frozen=True)
class FileResult:
    """What linting one source produced: findings, input problems, or why it was skipped."""

    path: str
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None
    source_lines: Mapping[int, str] = field(default_factory=dict)
    """Original text of each line that has a finding, for excerpts (reporters never re-read)."""

    @property
    def skipped(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class ClaimsResult:
    """The claims of one source as JSON-ready dicts with positions, or why it was skipped."""

    path: str
    claims: tuple[dict[str, Any], ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None


def locate_claim(document: Document, claim: Claim) -> dict[str, Any]:
    """A claim as the JSON contract spells it: kind, text, position, then its attributes.

    A citation's ``supports`` (prose sentence spans) becomes positions in the original file.
    """
    data = claim_to_dict(claim)
    located: dict[str, Any] = {"kind": data.pop("kind"), "text": data.pop("text")}
    located.update(_position(document, claim.block, claim.start, claim.end))
    if data.get("supports"):
        data["supports"] = [_position(document, *span) for span in data["supports"]]
    located.update(data)
    return located


def _position(document: Document, block: int, start: int, end: int) -> dict[str, int]:
    location = document.locate(block, start, end)
    return {
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


@dataclass
class Linter:
    """Everything built once per process: rulebook, rules, selection and the spaCy pipeline."""

    config: Config
    rulebook: Rulebook
    rules: dict[str, RuleInfo]
    selection: Selection
    lexicon: ClaimLexicon | None = None
    checks: tuple[Check, ...] = field(default_factory=tuple)
    format_override: Format | None = None
    encoding: str | None = None
    known_ids: frozenset[str] = frozenset()
    """Every rule id a suppression may name (including rules a pack switched off)."""
    _nlp: Language | None = field(default=None, repr=False)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use: a run served from the cache never needs it."""
        return self._nlp if self._nlp is not None else self.load_pipeline()

    def load_pipeline(self) -> Language:
        """Load the pipeline, and with it build what the checks compile once per rulebook, so
        that it is ready before the first document (see ``Check.prepare``)."""
        if self._nlp is None:
            for registered in self.checks:
                if registered.prepare is not None:
                    registered.prepare(self.rulebook)
            self._nlp = get_pipeline(self.config.spacy_model)
        return self._nlp

    @classmethod
    def create(
        cls,
        config: Config,
        *,
        extra_packs: Sequence[Path] = (),
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        format_override: Format | None = None,
        encoding: str | None = None,
        load_pipeline: bool = True,
    ) -> Linter:
        """Load the rulebook and pipeline and validate the selection (raises FactlintError).

        ``load_pipeline=False`` defers loading spaCy until a document is analysed.
        """
        rulebook = load_rulebook((*config.rules, *extra_packs))
        if config.accept_words or config.reject_words:
            # Config vocabulary extends the packs' word lists (like Vale's vocabularies).
            rulebook = dataclasses.replace(
                rulebook,
                accept_words=rulebook.accept_words | frozenset(config.accept_words),
                reject_words=rulebook.reject_words | frozenset(config.reject_words),
            )
        if config.disclaimer_wordings:
            # House disclaimer wordings from the config count as disclaimers too.
            lexicons = dict(rulebook.lexicons)
            wordings = (*lexicons.get("disclaimer_wordings", ()), *config.disclaimer_wordings)
            lexicons["disclaimer_wordings"] = wordings
            rulebook = dataclasses.replace(rulebook, lexicons=MappingProxyType(lexicons))
        compile_regex_lexicons(rulebook)  # a bad entry is a config error before any file is read
        known = all_rules(rulebook)
        rules = {
            rule_id: rule for rule_id, rule in known.items() if rule_id not in rulebook.disabled
        }
        selection = Selection.build(
            rules,
            select=tuple(select) or config.select,
            ignore=(*config.ignore, *ignore),
            severity=config.severity,
        )
        checks = tuple(
            registered
            for registered in registered_checks()
            if not registered.rules or any(selection.wants(rule) for rule in registered.rules)
        )
        linter = cls(
            config=config,
            rulebook=rulebook,
            rules=rules,
            selection=selection,
            checks=checks,
            format_override=format_override,
            encoding=encoding,
            known_ids=frozenset(known) | rulebook.disabled,
            lexicon=claim_lexicon(rulebook),
        )
        if load_pipeline:
            linter.load_pipeline()
        return linter

    def lint_sources(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Lint each source in order; a source that cannot be read yields a skipped result."""
        for source in sources:
            yield self.lint_source(source)

    def lint_source(self, source: Source) -> FileResult:
        try:
            document, problems = self._read(source)
        except FactlintError as error:
            return FileResult(path=source.display, error=str(error))
        found, suppression_problems = self.check_document(document)
        findings = tuple(found)
        lines = {f.location.line: document.lines.line_text(f.location.line) for f in findings}
        return FileResult(
            path=source.display,
            findings=findings,
            problems=(*problems, *document.problems, *suppression_problems),
            source_lines=lines,
        )

    def lint_document(self, document: Document) -> list[Finding]:
        """Findings for an already-read document, filtered and sorted by position."""
        return self.check_document(document)[0]

    def check_document(self, document: Document) -> tuple[list[Finding], tuple[str, ...]]:
        """Findings after suppressions and selection, plus suppression problems
        (``file:line: unknown rule ...``) that make the run exit 2."""
        return self.check_analysis(self.analyse(document))

    def check_analysis(self, analysis: Analysis) -> tuple[list[Finding], tuple[str, ...]]:
        """``check_document`` for a document already analysed (the web page also shows the
        analysis's claims, so it analyses once and checks that)."""
        document = analysis.document
        found: list[Finding] = []
        for registered in self.checks:
            found.extend(registered.run(analysis))
        found = [finding for finding in found if finding.rule in self.rules]
        parsed = suppressions.parse(document, self.known_ids)
        found, unused = suppressions.apply(found, parsed, document, self.rules, self.selection)
        kept = self.selection.apply([*found, *unused])
        return sorted(kept, key=lambda finding: finding.sort_key), tuple(parsed.problems)

    def analyse(self, document: Document) -> Analysis:
        """The one NLP pass over a document's blocks, then its claims."""
        docs = list(analyse_blocks(self.nlp, [block.text for block in document.blocks]))
        lexicon = self.lexicon or load_default_lexicon()
        claims = extract_claims(document, docs, lexicon, links=document.prose_links())
        return Analysis(document=document, docs=docs, rulebook=self.rulebook, claims=claims)

    def claims_of(self, source: Source) -> ClaimsResult:
        """The claims of one source (the fact-checker's worksheet), or why it was skipped."""
        try:
            document, problems = self._read(source)
        except FactlintError as error:
            return ClaimsResult(path=source.display, error=str(error))
        claims = self.analyse(document).claims
        return ClaimsResult(
            path=source.display,
            claims=tuple(locate_claim(document, claim) for claim in claims),
            problems=problems,
        )

    def read_text(self, text: str, path: str, format: Format | None = None) -> Document:
        return read_document(
            text,
            path,
            format or self.format_override or detect_format(path),
            front_matter_keys=self.config.front_matter_keys,
        )

    def _read(self, source: Source) -> tuple[Document, tuple[str, ...]]:
        format = self.format_override or detect_format(source.display)
        if source.data is not None:
            decoded = decode_bytes(source.data, source.display, self.encoding)
            document = read_document(
                decoded.text,
                source.display,
                format,
                front_matter_keys=self.config.front_matter_keys,
                encoding=decoded.encoding,
                newline=decoded.newline,
            )
            return document, decoded.problems
        assert source.path is not None
        return load_document(
            source.path,
            display_path=source.display,
            format=format,
            encoding=self.encoding,
            max_bytes=int(self.config.max_file_size_mb * 1024 * 1024),
            front_matter_keys=self.config.front_matter_keys,
        )
