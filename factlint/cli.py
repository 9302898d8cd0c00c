"""The command line: ``factlint check``, ``factlint rules``, ``factlint explain``.

Exit codes are a contract for CI: 0 nothing at or above ``--fail-on``, 1 findings at or above it,
2 usage, config or input errors. Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from factlint import __version__
from factlint.checks.registry import RuleInfo
from factlint.config import Config, find_config, load_config
from factlint.discover import discover
from factlint.engine import FileResult, Linter
from factlint.errors import FactlintError
from factlint.findings import CATEGORIES, Severity
from factlint.report.json_report import render_json
from factlint.report.text import render_text

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("markdown", "html", "text")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept both ``--select a,b`` and ``--select a --select b``."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _fail(message: str) -> None:
    click.echo(f"factlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load_config(config_file: Path | None, isolated: bool, paths: Sequence[str]) -> Config:
    if isolated:
        return load_config(None)
    if config_file is None:
        first = next((Path(p) for p in paths if p != "-"), Path.cwd())
        config_file = find_config(first if first.is_dir() else first.parent)
    return load_config(config_file)


def rulebook_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every command shares: extra rule packs and which config to use."""
    options = (
        click.option(
            "--rules",
            "rule_packs",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help="Extra YAML rule pack (repeatable); extends or overrides the default pack.",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="Config file (default: nearest .factlint.yaml, factlint.yaml or pyproject.toml).",
        ),
        click.option("--isolated", is_flag=True, help="Ignore every config file."),
    )
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """factlint: a fact-check linter for health articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--select", multiple=True, help="Only these rule ids or categories (comma-separated)."
)
@click.option(
    "--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: warning].",
)
@click.option(
    "--stdin-filename", default=None, help="Name (and so format) of the text read from '-'."
)
@click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    default=None,
    help="Read every file as this format instead of guessing from its extension.",
)
@click.option(
    "--encoding", default=None, help="Read files in this encoding (default: UTF-8, BOM-aware)."
)
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Skip files larger than this many MB [default: 16].",
)
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text report [default: on a terminal].",
)
@click.option(
    "--no-source", is_flag=True, help="Text report without the source excerpt under each finding."
)
@rulebook_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
    stdin_filename: str | None,
    input_format: str | None,
    encoding: str | None,
    max_file_size: float | None,
    colour: bool | None,
    no_source: bool,
) -> None:
    """Lint PATHS (files or folders; '-' reads standard input). Default: the current folder."""
    paths = paths or (".",)
    try:
        config = _load_config(config_file, isolated, paths)
        if max_file_size is not None:
            config = dataclasses.replace(config, max_file_size_mb=max_file_size)
        linter = Linter.create(
            config,
            extra_packs=rule_packs,
            select=_split(select),
            ignore=_split(ignore),
            format_override=input_format,  # type: ignore[arg-type]
            encoding=encoding,
        )
        stdin_data = sys.stdin.buffer.read() if "-" in paths else None
        found = discover(
            paths,
            extensions=config.extensions,
            exclude=config.exclude,
            stdin_name=stdin_filename or "<stdin>",
            stdin_data=stdin_data,
        )
        results = list(linter.lint_sources(found.sources))
    except FactlintError as error:
        _fail(str(error))
        return
    errors = [
        *found.errors,
        *(r.error for r in results if r.error),
        *(p for r in results for p in r.problems),
    ]
    for message in errors:
        click.echo(f"factlint: error: {message}", err=True)
    if output_format == "json":
        click.echo(render_json(results, found.errors))
    else:
        use_colour = sys.stdout.isatty() if colour is None else colour
        click.echo(
            render_text(results, colour=use_colour, show_source=not no_source), color=use_colour
        )
    sys.exit(_exit_code(results, errors, fail_on or config.fail_on.label))


def _exit_code(results: Sequence[FileResult], errors: Sequence[str], fail_on: str) -> int:
    if errors:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for result in results for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _rules_for(
    rule_packs: Sequence[Path], config_file: Path | None, isolated: bool
) -> dict[str, RuleInfo]:
    try:
        config = _load_config(config_file, isolated, ())
        return Linter.create(config, extra_packs=rule_packs).rules
    except FactlintError as error:
        _fail(str(error))
        raise AssertionError("unreachable") from None


@main.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--category", type=click.Choice(CATEGORIES), default=None, help="Only rules of this category."
)
@rulebook_options
def list_rules(
    output_format: str,
    category: str | None,
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
) -> None:
    """List every rule: id, category, default severity and summary."""
    rules = [
        r
        for r in _rules_for(rule_packs, config_file, isolated).values()
        if category in (None, r.category)
    ]
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(rule) for rule in rules], indent=2, ensure_ascii=False))
        return
    width = max((len(rule.id) for rule in rules), default=10)
    for rule in rules:
        fixable = " (fixable)" if rule.fixable else ""
        click.echo(
            f"{rule.id:<{width}}  {rule.category:<11}  {rule.severity.label:<7}  "
            f"{rule.summary}{fixable}"
        )


@main.command()
@click.argument("rule_id")
@rulebook_options
def explain(
    rule_id: str, rule_packs: tuple[Path, ...], config_file: Path | None, isolated: bool
) -> None:
    """Explain one rule: what it flags, why it matters, an example, how to fix it."""
    rules = _rules_for(rule_packs, config_file, isolated)
    rule = rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, list(rules), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else " (see `factlint rules`)"
        _fail(f"unknown rule {rule_id!r}{hint}")
        return
    click.echo(f"{rule.id} ({rule.category}, default severity: {rule.severity.label})")
    click.echo(f"\n{rule.summary}\n")
    for heading, body in (
        ("What it flags", rule.docs.what),
        ("Why it matters", rule.docs.why),
        ("Example", rule.docs.example),
        ("How to fix", rule.docs.fix),
    ):
        click.echo(f"{heading}:\n  {body}\n")
    click.echo(f"Defined in: {rule.origin}")


def _rule_dict(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.label,
        "summary": rule.summary,
        "fixable": rule.fixable,
        "origin": rule.origin,
        "docs": {
            "what": rule.docs.what,
            "why": rule.docs.why,
            "example": rule.docs.example,
            "fix": rule.docs.fix,
        },
    }
