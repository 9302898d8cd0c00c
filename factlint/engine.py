"""The engine: read -> analyse once -> check -> filter, for one source at a time.

The CLI, the public API and (later) the web page all lint through :class:`Linter`, so they
report the same findings for the same text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from factlint.analysis import Analysis
from factlint.checks.registry import Check, RuleInfo, all_rules, registered_checks
from factlint.config import Config
from factlint.discover import Source
from factlint.document import Document, Format
from factlint.errors import FactlintError
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


@dataclass
class Linter:
    """Everything built once per process: rulebook, rules, selection and the spaCy pipeline."""

    config: Config
    rulebook: Rulebook
    rules: dict[str, RuleInfo]
    selection: Selection
    nlp: Language
    checks: tuple[Check, ...] = field(default_factory=tuple)
    format_override: Format | None = None
    encoding: str | None = None

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
    ) -> Linter:
        """Load the rulebook and pipeline and validate the selection (raises FactlintError)."""
        rulebook = load_rulebook((*config.rules, *extra_packs))
        if config.accept_words or config.reject_words:
            # Config vocabulary extends the packs' word lists (like Vale's vocabularies).
            rulebook = dataclasses.replace(
                rulebook,
                accept_words=rulebook.accept_words | frozenset(config.accept_words),
                reject_words=rulebook.reject_words | frozenset(config.reject_words),
            )
        rules = {
            rule_id: rule
            for rule_id, rule in all_rules(rulebook).items()
            if rule_id not in rulebook.disabled
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
        return cls(
            config=config,
            rulebook=rulebook,
            rules=rules,
            selection=selection,
            nlp=get_pipeline(config.spacy_model),
            checks=checks,
            format_override=format_override,
            encoding=encoding,
        )

    def lint_sources(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Lint each source in order; a source that cannot be read yields a skipped result."""
        for source in sources:
            yield self.lint_source(source)

    def lint_source(self, source: Source) -> FileResult:
        try:
            document, problems = self._read(source)
        except FactlintError as error:
            return FileResult(path=source.display, error=str(error))
        findings = tuple(self.lint_document(document))
        lines = {f.location.line: document.lines.line_text(f.location.line) for f in findings}
        return FileResult(
            path=source.display, findings=findings, problems=problems, source_lines=lines
        )

    def lint_document(self, document: Document) -> list[Finding]:
        """Findings for an already-read document, filtered and sorted by position."""
        analysis = self.analyse(document)
        found: list[Finding] = []
        for registered in self.checks:
            found.extend(registered.run(analysis))
        kept = self.selection.apply(finding for finding in found if finding.rule in self.rules)
        return sorted(kept, key=lambda finding: finding.sort_key)

    def analyse(self, document: Document) -> Analysis:
        """The one NLP pass over a document's blocks."""
        docs = list(analyse_blocks(self.nlp, [block.text for block in document.blocks]))
        return Analysis(document=document, docs=docs, rulebook=self.rulebook)

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
