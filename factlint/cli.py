"""The command line: ``factlint check``, ``baseline``, ``init``, ``rules``, ``explain``.

Exit codes are a contract for CI: 0 nothing at or above ``--fail-on``, 1 findings at or above it,
2 usage, config or input errors. Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from factlint import __version__, checkrun
from factlint.atomic import write_atomic
from factlint.baseline import Baseline, write_baseline
from factlint.changes import ChangedLines
from factlint.checkrun import LintRequest
from factlint.checks.registry import RuleInfo
from factlint.config import Config, find_config, load_config
from factlint.engine import FileResult, Linter
from factlint.errors import FactlintError
from factlint.findings import CATEGORIES, Severity
from factlint.report.claims import render_claims_json, render_claims_text
from factlint.report.formats import FORMATS as REPORT_FORMATS
from factlint.report.formats import ReportInput, render
from factlint.runner import LintOptions, Runner, WorkspaceSpec, default_jobs
from factlint.starter import write_starter_config

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("markdown", "html", "text")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept both ``--select a,b`` and ``--select a --select b``."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _fail(message: str) -> None:
    for line in message.splitlines() or [""]:  # a config may have several problems
        click.echo(f"factlint: error: {line}", err=True)
    sys.exit(EXIT_ERROR)


def _finite(
    context: click.Context, parameter: click.Parameter, value: float | None
) -> float | None:
    """``nan`` and ``inf`` pass click's range test (every comparison with NaN is false)."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number of MB")
    return value


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


def lint_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options shared by ``check`` and ``baseline``: which files, how to read them, how fast."""
    options = (
        click.option(
            "--select", multiple=True, help="Only these rule ids or categories (comma-separated)."
        ),
        click.option(
            "--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated)."
        ),
        click.option(
            "--stdin-filename", default=None, help="Name (and so format) of the text read from '-'."
        ),
        click.option(
            "--input-format",
            type=click.Choice(FORMATS),
            default=None,
            help="Read every file as this format instead of guessing from its extension.",
        ),
        click.option(
            "--encoding",
            default=None,
            help="Read files in this encoding (default: UTF-8, BOM-aware).",
        ),
        click.option(
            "--max-file-size",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            callback=_finite,
            help="Skip files larger than this many MB [default: 16].",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply the config's exclude globs to files named on the command line too "
            "(hooks pass every file by name).",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Lint in this many processes [default: all cores].",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Neither read nor write the result cache (.factlint_cache/ or "
            "$FACTLINT_CACHE_DIR).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _lint_request(paths: tuple[str, ...], lint: dict[str, Any]) -> LintRequest:
    """Turn the shared options into a LintRequest (``lint`` holds the option values)."""
    spec = WorkspaceSpec(
        config_file=lint["config_file"],
        isolated=lint["isolated"],
        max_file_size_mb=lint["max_file_size"],
    )
    options = LintOptions(
        rule_packs=tuple(lint["rule_packs"]),
        select=_split(lint["select"]),
        ignore=_split(lint["ignore"]),
        format_override=lint["input_format"],
        encoding=lint["encoding"],
    )
    return LintRequest(
        paths=paths,
        spec=spec,
        options=options,
        jobs=lint["jobs"] or default_jobs(),
        use_cache=not lint["no_cache"],
        stdin_name=lint["stdin_filename"],
        force_exclude=lint["force_exclude"],
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format (docs/output.md describes each).",
)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: warning].",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Report only findings not recorded in this baseline (see `factlint baseline`).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    default=None,
    help="Report only findings on lines changed since this git ref (e.g. origin/main).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text report [default: on a terminal].",
)
@click.option(
    "--no-source", is_flag=True, help="Text report without the source excerpt under each finding."
)
@lint_options
@rulebook_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    fail_on: str | None,
    baseline_file: Path | None,
    changed_since: str | None,
    fix: bool,
    diff: bool,
    colour: bool | None,
    no_source: bool,
    **lint: Any,
) -> None:
    """Lint PATHS (files or folders; '-' reads standard input). Default: the current folder."""
    paths = paths or (".",)
    if (fix or diff) and "-" in paths and len(paths) > 1:
        _fail("--fix and --diff with '-' work on standard input alone: name no other path")
    try:
        baseline = Baseline.load(baseline_file) if baseline_file else None
        changes = ChangedLines(changed_since) if changed_since else None
        run = checkrun.lint(_lint_request(paths, lint))
        checkrun.keep_new(run, baseline, changes)
        if diff:
            _print_diff(run)
        if fix:
            planned = checkrun.compute_fixes(run)
            checkrun.apply_fixes(run, planned)
            checkrun.keep_new(run, baseline, changes)
            stdin = next((item for item in run.linted if item.source.path is None), None)
            if stdin is not None:
                # Like a formatter: the fixed text on stdout, the remaining findings on stderr.
                sys.stdout.buffer.write(stdin.source.data or b"")
                sys.stdout.buffer.flush()
            else:
                click.echo(f"factlint: {checkrun.fix_summary(planned)}", err=True)
    except FactlintError as error:
        _fail(str(error))
        return
    fail_on = fail_on or run.fail_on
    report = ReportInput(
        results=run.results,
        discovery_errors=run.discovery.errors,
        rules=run.runner.rules(),
        fail_on=fail_on,
        show_source=not no_source,
    )
    errors = [*report.all_errors, *run.fix_errors]
    for message in errors:
        click.echo(f"factlint: error: {message}", err=True)
    to_stderr = fix and any(item.source.path is None for item in run.linted)
    _emit_report(output_format, report, output_file, colour, to_stderr=to_stderr)
    sys.exit(_exit_code(run.results, errors, fail_on))


def _print_diff(run: checkrun.LintRun) -> None:
    """``--diff``: the fixes as a unified diff on stdout; exit 1 if there is one."""
    planned = checkrun.compute_fixes(run)
    errors = [*ReportInput(run.results, run.discovery.errors).all_errors, *run.fix_errors]
    for message in errors:
        click.echo(f"factlint: error: {message}", err=True)
    diffs = [outcome.diff() for _, outcome in planned if outcome.changed]
    click.echo("".join(diffs), nl=False)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if diffs else EXIT_OK)


def _emit_report(
    output_format: str,
    report: ReportInput,
    output_file: Path | None,
    colour: bool | None,
    *,
    to_stderr: bool = False,
) -> None:
    stream = sys.stderr if to_stderr else sys.stdout
    use_colour = output_format == "text" and output_file is None
    use_colour = use_colour and (stream.isatty() if colour is None else colour)
    text = render(output_format, dataclasses.replace(report, colour=use_colour))
    if output_file is None:
        click.echo(text, color=use_colour, err=to_stderr)
        return
    try:
        write_atomic(output_file, (text + "\n").encode("utf-8"))
    except OSError as error:
        _fail(f"--output {output_file}: cannot write: {error.strerror or error}")


def _exit_code(results: Sequence[FileResult], errors: Sequence[str], fail_on: str) -> int:
    if errors:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for result in results for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@main.command(name="baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The baseline file to write (JSON).",
)
@lint_options
@rulebook_options
def write_baseline_file(paths: tuple[str, ...], output_file: Path, **lint: Any) -> None:
    """Record every current finding in PATHS, so `check --baseline` reports only new ones."""
    try:
        run = checkrun.lint(_lint_request(paths or (".",), lint))
        count = write_baseline(output_file, run.results)
    except FactlintError as error:
        _fail(str(error))
        return
    errors = ReportInput(run.results, run.discovery.errors).all_errors
    for message in errors:
        click.echo(f"factlint: error: {message}", err=True)
    files = len(run.results)
    click.echo(
        f"factlint: wrote {count} finding{'s' * (count != 1)} from {files} "
        f"file{'s' * (files != 1)} to {output_file}",
        err=True,
    )
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command()
@click.argument(
    "directory", default=".", type=click.Path(path_type=Path, file_okay=False, exists=True)
)
@click.option("--force", is_flag=True, help="Overwrite an existing .factlint.yaml.")
def init(directory: Path, force: bool) -> None:
    """Write a commented starter .factlint.yaml in DIRECTORY (default: here)."""
    try:
        written = write_starter_config(directory, force=force)
    except FactlintError as error:
        _fail(str(error))
        return
    click.echo(f"factlint: wrote {written}; edit it, then run `factlint check`", err=True)


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
        notes = " (fixable)" if rule.fixable else ""
        if not rule.default_enabled:
            notes += " (off by default: --select it)"
        click.echo(
            f"{rule.id:<{width}}  {rule.category:<11}  {rule.severity.label:<7}  "
            f"{rule.summary}{notes}"
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
        "default_enabled": rule.default_enabled,
        "origin": rule.origin,
        "docs": {
            "what": rule.docs.what,
            "why": rule.docs.why,
            "example": rule.docs.example,
            "fix": rule.docs.fix,
        },
    }


@main.command(name="claims")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format (JSON: the envelope of docs/output.md with claims).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["statistic", "citation", "causal"]),
    help="Only claims of this kind (repeatable).",
)
@click.option("--stdin-filename", default=None, help="Name (and so format) of the text from '-'.")
@click.option("--encoding", default=None, help="Read files in this encoding (default: UTF-8).")
@rulebook_options
def claims(
    paths: tuple[str, ...],
    output_format: str,
    kinds: tuple[str, ...],
    stdin_filename: str | None,
    encoding: str | None,
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
) -> None:
    """List every checkable claim in PATHS: statistics, citations, causal statements."""
    paths = paths or (".",)
    try:
        # the same discovery and per-file config as `check`, so both see the same files
        runner = Runner(
            WorkspaceSpec(config_file=config_file, isolated=isolated),
            LintOptions(rule_packs=rule_packs, encoding=encoding),
            stdin_name=stdin_filename,
        )
        runner.linter(runner.workspace.run_config_path(paths))  # bad config: exit 2 first
        stdin_data = sys.stdin.buffer.read() if "-" in paths else None
        found = runner.discover(paths, stdin_data=stdin_data)
        results = [
            runner.linter(runner.config_key(source)).claims_of(source) for source in found.sources
        ]
    except FactlintError as error:
        _fail(str(error))
        return
    if kinds:
        results = [
            dataclasses.replace(r, claims=tuple(c for c in r.claims if c["kind"] in kinds))
            for r in results
        ]
    errors = [*found.errors, *(r.error for r in results if r.error)]
    errors += [problem for r in results for problem in r.problems]
    for message in errors:
        click.echo(f"factlint: error: {message}", err=True)
    if output_format == "json":
        click.echo(render_claims_json(results, found.errors))
    else:
        click.echo(render_claims_text(results))
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command(name="eval")
@click.argument("corpus", default="corpus", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format (JSON: the same numbers plus every miss and false alarm).",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="List every miss and false alarm with file:line:col."
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rule ids or categories, comma-separated (scores only their categories).",
)
@click.option(
    "--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated)."
)
@rulebook_options
def evaluate_corpus(
    corpus: Path,
    output_format: str,
    verbose: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
) -> None:
    """Score factlint against the gold annotations in CORPUS (default: corpus/).

    Lints every article that has a <article>.gold.yaml next to it and prints TP, FP, FN,
    precision, recall and F1 per category and overall, and the findings (other than typos) on
    each careful article. A finding matches a gold finding when the categories are equal and
    its span overlaps the anchor's first occurrence in the original file by at least one
    character (no tolerance); matching is one-to-one, largest overlap first. Disclaimer
    findings are matched per article, wherever they are. Exit 0, or 2 on a malformed corpus.
    """
    from factlint import evaluate  # only this command needs it

    try:
        config = _load_config(config_file, isolated, (str(corpus),))
        linter = Linter.create(
            config, extra_packs=rule_packs, select=_split(select), ignore=_split(ignore)
        )
        result = evaluate.evaluate(corpus, linter)
    except FactlintError as error:
        _fail(str(error))
        return
    for message in result.problems:
        click.echo(f"factlint: warning: {message}", err=True)
    if output_format == "json":
        click.echo(evaluate.render_json(result))
    else:
        click.echo(evaluate.render_text(result, verbose=verbose))
    sys.exit(EXIT_OK)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (the default keeps the page on this machine).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8717,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--max-request-size",
    type=click.FloatRange(min=0, min_open=True),
    default=2.0,
    show_default=True,
    help="Largest draft accepted per request, in MB (larger ones get HTTP 413).",
)
@rulebook_options
def serve(
    host: str,
    port: int,
    max_request_size: float,
    rule_packs: tuple[Path, ...],
    config_file: Path | None,
    isolated: bool,
) -> None:
    """Start the editor's page: paste or open a draft, see findings and claims in place.

    Prints the URL, then serves until Ctrl+C. The JSON API behind the page is in docs/web.md.
    """
    from factlint.web import server  # Starlette and uvicorn load only for this command

    try:
        sock = server.bind(host, port)
    except OSError as error:
        _fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
        return
    try:
        linter = Linter.create(_load_config(config_file, isolated, ()), extra_packs=rule_packs)
        app = server.create_app(
            linter,
            max_bytes=int(max_request_size * 1024 * 1024),
            allowed_hosts=server.loopback_names(host),
        )
    except FactlintError as error:
        sock.close()
        _fail(str(error))
        return
    server.serve(app, sock, lambda url: click.echo(f"factlint: serving the editor on {url}"))
